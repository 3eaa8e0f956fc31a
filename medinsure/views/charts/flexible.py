"""The flexible-employment page's figure: contribution, account credit and outpatient
reimbursement per region.

The page shows the live chart (``live_flexible.py``, drawn in the browser); this matplotlib figure
is the export (PNG/SVG), so matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import textwrap

import numpy as np

from medinsure.flexible import FlexibleOutlook
from medinsure.views.charts.common import GAIN_COLOUR, NEW_COLOUR, OTHER_COLOURS, nice_limit
from medinsure.views.fonts import register_cjk_font

CHART = {
    "title": {"zh": "灵活就业人员每年：缴费、账户划入、门诊统筹报销（元）",
              "en": "Flexibly employed, per year (yuan):\ncontribution, account credit, outpatient pooling"},
    "contribution": {"zh": "个人缴费", "en": "contribution"},
    "credit": {"zh": "账户划入", "en": "account credit"},
    "reimbursement": {"zh": "门诊统筹报销", "en": "outpatient reimbursement"},
    "unknown": {"zh": "未知", "en": "n/k"},
    "none_known": {"zh": "三项都未知或无数据：", "en": "Nothing known or no data: "},
}


# (key in CHART and in ``.data``, FlexibleOutlook attribute, colour), top bar of a group first
SERIES = (("contribution", "contribution_yearly", NEW_COLOUR),
          ("credit", "credit_new", GAIN_COLOUR),
          ("reimbursement", "reimbursement_new", OTHER_COLOURS[0]))


def values_of(row) -> list:
    """The three numbers a region's group shows (None: not known; all None for a region without rules)."""
    return [getattr(row, attr) if isinstance(row, FlexibleOutlook) else None for _, attr, _ in SERIES]


class FlexibleChart:
    """Grouped horizontal bars, one group per region with at least one known number ('n/k' where
    one is not known); the regions where nothing is known are named below the chart."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        register_cjk_font()
        self.fig = Figure(figsize=(6.8, 4.0), dpi=100, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.data: dict = {}

    def update(self, rows: list, focus: str, lang: str, render: bool = True) -> bytes:
        """Draw ``rows`` (``focus``'s name in red); the PNG, or b"" with ``render=False`` (an export
        draws the figure itself)."""
        from matplotlib.ticker import StrMethodFormatter

        from medinsure.views.charts.base import png

        t = {k: v[lang] for k, v in CHART.items()}
        vals = values_of
        shown = [r for r in rows if any(v is not None for v in vals(r))][::-1]
        hidden = [r for r in rows if not any(v is not None for v in vals(r))]
        fig = self.fig
        fig.clear()
        fig.set_size_inches(6.8, 1.9 + 0.62 * max(len(shown), 1))
        ax = fig.add_subplot()
        y = np.arange(len(shown))
        known = [v for r in shown for v in vals(r) if v is not None]
        top = nice_limit(max(known + [100.0]) * 1.25)
        h = 0.26
        for j, (k, _, colour) in enumerate(SERIES):
            pos = y + (1 - j) * h
            values = [vals(r)[j] for r in shown]
            ax.barh(pos, [0 if v is None else v for v in values], h, color=colour, label=t[k])
            for p, v in zip(pos, values):
                ax.text(0 if v is None else v, p, f" {t['unknown'] if v is None else f'{v:,.0f}'}",
                        va="center", fontsize=7, color="#777" if v is None else "black")
        ax.set_yticks(y, [r.name[lang] for r in shown], fontsize=8)
        for lab, r in zip(ax.get_yticklabels(), shown):
            if r.region == focus:
                lab.set_color("#c62828")
        ax.set_ylim(-0.6, max(len(shown), 1) - 0.4)
        ax.set_xlim(0, top)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.tick_params(axis="x", labelsize=8)
        ax.set_title(t["title"], fontsize=10)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        if hidden:
            sep = "、" if lang == "zh" else ", "
            note = f"{t['none_known']}{sep.join(r.name[lang] for r in hidden)}"
            ax.set_xlabel("\n".join(textwrap.wrap(note, 48 if lang == "zh" else 100)), fontsize=7,
                          color="#555", loc="left")
        self.data = {"regions": [r.region for r in shown], "hidden": [r.region for r in hidden],
                     **{k: [vals(r)[j] for r in shown] for j, (k, _, _) in enumerate(SERIES)}}
        return png(fig) if render else b""

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The figure as PNG or SVG with ``footer`` (rule date and sources) drawn under it."""
        from medinsure.views.exports import figure_bytes

        return figure_bytes(self.fig, fmt, footer or "")

"""The resident-insurance page's figures as matplotlib draws them, for the exports (PNG/SVG):
reimbursement against the bill, and funding per group. The page shows the same data live in the
browser (``live_resident.py``); the numbers come from its :func:`inpatient_data` and
:func:`funding_data`, so the export and the live chart cannot differ."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from medinsure.resident import Contribution, InpatientResult
from medinsure.views.charts.base import NEW_COLOUR, OLD_COLOUR, png
from medinsure.views.charts.live_resident import (  # noqa: F401  (CHART_TEXT: its old import path)
    CHART_TEXT,
    EDGE_COLOUR,
    POINT_COLOUR,
    TXT,
    cap_text,
    current_text,
    funding_data,
    group_total_text,
    inpatient_data,
    national_text,
)
from medinsure.views.fonts import register_cjk_font


def _figure(width: float, height: float) -> Figure:
    register_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


class InpatientChart:
    """Reimbursement against the in-scope bill, one line per hospital class."""

    def __init__(self) -> None:
        self.fig = _figure(6.6, 3.8)
        self.data: dict = {}

    def update(self, result: InpatientResult, lang: str) -> bytes:
        """Draw ``result`` and return the PNG."""
        self.draw(inpatient_data(result, lang), lang)
        return png(self.fig)

    def export_chart(self) -> InpatientChart:
        return self

    def draw(self, data: dict, lang: str) -> None:
        """Draw ``data`` (from :func:`~medinsure.views.charts.live_resident.inpatient_data`)."""
        t = {k: v[lang] for k, v in CHART_TEXT.items()}
        fig = self.fig
        fig.clear()
        ax = fig.add_subplot()
        grid, lines, top = data["grid"], data["lines"], data["xlim"][1]
        for key, y in lines.items():
            current = key == data["current"]
            ax.plot(grid, y, lw=2.4 if current else 1.3, color=data["colours"][key],
                    alpha=1 if current else 0.75, label=data["labels"][key])
        self.data = data
        if data["known"]:
            for edge in data["edges"]:
                ax.axvline(edge, color=EDGE_COLOUR, lw=0.8, ls=":")
            cap = data["cap"]
            if cap is not None:
                ax.axhline(cap, color=OLD_COLOUR, lw=1, ls="--")
                ax.text(top * 0.98, cap, cap_text(cap, lang), fontsize=8, va="bottom", ha="right", color="#555")
            bill, paid = data["point"]
            if paid is not None:
                ax.plot([bill], [paid], "o", color=POINT_COLOUR, ms=7, zorder=5)
                ax.annotate(current_text(paid, lang), (bill, paid), xytext=(8, -14),
                            textcoords="offset points", fontsize=8)
            ax.legend(loc="lower right", fontsize=8, frameon=False)
            ax.set_ylim(*data["ylim"])
        else:
            ax.text(0.5, 0.5, t["not_known"], transform=ax.transAxes, ha="center", va="center", fontsize=10)
            ax.set_ylim(bottom=0)
        ax.set_xlim(0, top)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.tick_params(labelsize=8)
        ax.set_title(t["curve_title"], fontsize=11)
        ax.set_xlabel(t["x"], fontsize=9)
        ax.set_ylabel(t["y"], fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)


class ContributionChart:
    """Left: individual + subsidies per group of the place; right: national minimum by year."""

    def __init__(self) -> None:
        self.fig = _figure(6.6, 3.8)
        self.data: dict = {}

    def update(self, region: str, contribution: Contribution | None, lang: str) -> bytes:
        """Draw the place's groups and the national minimum and return the PNG."""
        self.draw(funding_data(region, contribution, lang), lang)
        return png(self.fig)

    def export_chart(self) -> ContributionChart:
        return self

    def draw(self, data: dict, lang: str) -> None:
        """Draw ``data`` (from :func:`~medinsure.views.charts.live_resident.funding_data`)."""
        t = {k: v[lang] for k, v in CHART_TEXT.items()}
        fig = self.fig
        fig.clear()
        ax, ax2 = fig.subplots(1, 2, width_ratios=[3, 2])
        rows = data["groups"]
        y = np.arange(len(rows))
        ind = [math.nan if r[2] is None else r[2] for r in rows]
        sub = [math.nan if r[3] is None else r[3] for r in rows]
        # as on the page: each group's name above its bar (the person's group in red), so long
        # names need no room beside the axis; the legend in the free band above the first group
        ax.barh(y, np.nan_to_num(ind), height=0.5, color=NEW_COLOUR, label=t["individual"])
        ax.barh(y, np.nan_to_num(sub), height=0.5, left=np.nan_to_num(ind), color=OLD_COLOUR, label=t["subsidy"])
        for i, r in enumerate(rows):  # at the end of the known part: the total, or 'n/k'
            ax.text((r[2] or 0) + (r[3] or 0), i, f" {group_total_text(r[2], r[3], lang)}", va="center", fontsize=8)
            ax.text(0, i + 0.3, r[1], va="bottom", ha="left", fontsize=8,
                    color=POINT_COLOUR if r[0] in data["current"] else "black")
        ax.set_yticks([])
        ax.set_ylim(-0.6, len(rows) - 0.3 + 0.5)
        ax.set_xlim(*data["xlim"])
        ax.tick_params(axis="x", labelsize=8)
        if rows:
            ax.legend(handles=ax.containers[:2], labels=[t["individual"], t["subsidy"]], loc="upper center",
                      ncol=2, fontsize=8, frameon=False, borderaxespad=0.1)
        else:  # no scale that reads as values
            ax.text(0.5, 0.5, TXT["no_contrib"][lang], transform=ax.transAxes, ha="center", va="center",
                    fontsize=9, wrap=True)
            ax.set_xticks([])
        ax.set_title(t["groups_title"], fontsize=10)
        ax.spines[["top", "right", "left"]].set_visible(False)
        years = [n[0] for n in data["national"]]
        fisc = [n[1] for n in data["national"]]
        indiv = [n[2] for n in data["national"]]
        x = np.arange(len(years))
        ax2.bar(x, [v or 0 for v in fisc], color=OLD_COLOUR)
        ax2.bar(x, [v or 0 for v in indiv], bottom=[v or 0 for v in fisc], color=NEW_COLOUR)
        for i, (f, ind_v) in enumerate(zip(fisc, indiv)):
            ax2.text(i, (f or 0) + (ind_v or 0), national_text(f, ind_v, lang), ha="center", va="bottom", fontsize=7)
        ax2.set_xticks(x, years, fontsize=8)
        ax2.set_title(t["national_title"], fontsize=10)
        ax2.tick_params(axis="y", labelsize=8)
        ax2.set_ylim(*data["ylim"])
        ax2.spines[["top", "right"]].set_visible(False)
        self.data = data

"""The life-cycle page's balance chart drawn in the browser (bqplot): the kernel sends numbers,
not pictures.

The year-end balance under the old and the new credit, and as red bars below zero what the
account cannot pay under the new credit. Only values that changed are sent. The exported PNG/SVG
stay on matplotlib (``views/charts/lifecycle.py``, ``BalanceChart``), drawn only when asked.
"""

from __future__ import annotations

import html
import re

import bqplot as bq
import numpy as np

from medinsure.views.charts.common import LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR, sticky_limits
from medinsure.views.charts.live_common import figure
from medinsure.views.charts.live_common import set_changed as _set
from medinsure.views.charts.live_family import legend_html, note_place, value_ticks, year_ticks
from medinsure.views.lifecycle import TXT
from medinsure.views.words import UNKNOWN

# display settings, not policy
MARGIN = {"top": 45, "bottom": 50, "left": 60, "right": 15}
HEIGHT = "360px"
BAR_HALF = 0.3        # half a bar's width [years]
COLOURS = {"old": OLD_COLOUR, "new": NEW_COLOUR}


def unknown_note(regime: str, lang: str) -> str:
    """'旧划入办法：未查到' / 'old credit: not found', said where that balance is not known."""
    return f"{TXT[regime][lang]}：{UNKNOWN[lang]}" if lang == "zh" else f"{TXT[regime][lang]}: {UNKNOWN[lang]}"


def projection_data(p) -> dict:
    """What the chart shows of a :class:`~medinsure.lifecycle.Projection`, in the shape of
    ``BalanceChart.data``: ``years`` (the year before the first, then each year end), the
    balances ``old`` and ``new`` (None where not known) and ``unpaid_new``."""
    return {"years": [p.years[0] - 1, *p.years], "old": p.balance_old, "new": p.balance_new,
            "unpaid_new": p.unpaid_new}


def bar_outline(years, heights) -> tuple[np.ndarray, np.ndarray]:
    """One path along zero that drops to ``-height`` for a bar at each year (filled, it draws the
    bars; one path is one legend entry)."""
    xs, ys = [], []
    for x, h in zip(years, heights):
        xs += [x - BAR_HALF, x - BAR_HALF, x + BAR_HALF, x + BAR_HALF]
        ys += [0.0, -h, -h, 0.0]
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


class LiveBalance:
    """Year-end balance, old vs new credit, with what the account cannot pay (new) as bars."""

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        self.zero = bq.Lines(x=[0.0, 1.0], y=[0.0, 0.0], scales=s, colors=["black"], stroke_width=0.8,
                             visible=False)
        # the bars as one filled path (bqplot's Bars need an ordinal or evenly filled axis); no stroke,
        # so the stretches along zero between bars do not show
        self.unpaid = bq.Lines(x=[0.0, 1.0], y=[0.0, 0.0], scales=s, colors=[LOSS_COLOUR], stroke_width=0,
                               fill="inside", fill_colors=[LOSS_COLOUR], fill_opacities=[0.5],
                               labels=[""], visible=False)
        self.lines = bq.Lines(x=[0.0, 1.0], y=np.zeros((2, 2)), scales=s, colors=[OLD_COLOUR, NEW_COLOUR],
                              stroke_width=2, marker="circle", marker_size=16, labels=["", ""],
                              apply_clip=False)
        self.unknown_labels = bq.Label(x=[0.0], y=[0.0], text=[""], scales=s, colors=[OLD_COLOUR],
                                       default_size=12, align="start", x_offset=6, visible=False)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format="d", grid_lines="none", label_offset="32px")
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f",
                              grid_lines="none")
        self.figure = figure([self.lines, self.unpaid, self.zero, self.unknown_labels], [self.x_axis, self.y_axis],
                             "medinsure-balance-chart", height=HEIGHT, margin=MARGIN)
        # the legend as HTML (live_family.legend_html), for the page to show under the figure
        self.legend = ""
        self.data: dict = {}
        self.projection = None
        self.lang = lang
        self._limits: tuple[float, float] | None = None
        self._shown: tuple | None = None
        self._export: tuple | None = None

    def update(self, p, lang: str) -> None:
        """Show ``p`` (a :class:`~medinsure.lifecycle.Projection`); nothing is sent when what the
        chart shows did not change."""
        data = projection_data(p)
        self.projection = p
        key = (repr(data), lang)
        if key == self._shown:
            return
        self._shown, self.data, self.lang = key, data, lang
        t = {k: v[lang] for k, v in TXT.items()}
        xs = np.asarray(data["years"], dtype=float)
        regimes = [r for r in ("old", "new") if data[r] is not None]
        unpaid = data["unpaid_new"]
        short = unpaid is not None and any(u > 0.005 for u in unpaid)
        balances = np.array([data[r] for r in regimes], dtype=float).reshape(len(regimes), len(xs))
        hi = float(balances.max()) if regimes else 0.0
        lo = -float(max(unpaid)) if short else 0.0
        lo *= 1.1  # the deepest bar clears the frame
        self._limits = sticky_limits(self._limits, lo, hi)
        y_lo, y_hi = (float(v) for v in self._limits)
        x_lo, x_hi = float(xs[0]) - 0.5, float(xs[-1]) + 0.5
        _set(self.figure, title=t["chart"])
        _set(self.x_axis, label=t["year_end"], tick_values=np.array(year_ticks(int(xs[0]), int(xs[-1])), dtype=float))
        _set(self.x_scale, min=x_lo, max=x_hi)
        _set(self.y_scale, min=y_lo, max=y_hi)
        _set(self.y_axis, tick_values=value_ticks(y_lo, y_hi), visible=bool(regimes))  # no scale without a value
        if regimes:
            _set(self.lines, x=xs, y=balances, colors=[COLOURS[r] for r in regimes],
                 labels=[t[r] for r in regimes], visible=True)
        else:
            _set(self.lines, visible=False)
        if short:
            bx, by = bar_outline(list(xs[1:]), [float(u) for u in unpaid])
            _set(self.unpaid, x=bx, y=by, labels=[t["short"]], visible=True)
            _set(self.zero, x=[x_lo, x_hi], visible=True)
        else:
            _set(self.unpaid, visible=False)
            _set(self.zero, visible=False)
        self.legend = legend_html([("line", COLOURS[r], t[r]) for r in regimes]
                                            + ([("bar", LOSS_COLOUR, t["short"])] if short else []), opacity=0.5)
        missing = [r for r in ("old", "new") if data[r] is None]
        if missing:
            if regimes:  # a note in the top of the frame, clear of the line
                x, align, offset = note_place(xs, balances, x_lo, x_hi)
                y = [y_hi - (y_hi - y_lo) * (0.07 + 0.08 * i) for i in range(len(missing))]
            else:        # nothing to draw: the notes in the middle
                x, align, offset = (x_lo + x_hi) / 2, "middle", 0
                y = [y_lo + (y_hi - y_lo) * (0.56 - 0.1 * i) for i in range(len(missing))]
            _set(self.unknown_labels, x=[x] * len(missing), colors=[COLOURS[r] for r in missing], y=y,
                 text=[unknown_note(r, lang) for r in missing], align=align, x_offset=offset, visible=True)
        else:
            _set(self.unknown_labels, visible=False)

    # ------------------------------------------------------------------ export
    def export_chart(self):
        """The matplotlib chart (``BalanceChart``) drawn from the projection last shown (kept until
        it changes, so the PNG and the SVG of one export share it)."""
        from medinsure.views.charts.lifecycle import BalanceChart

        key = (id(self.projection), self.lang)
        if self._export is None or self._export[0] != key:
            chart = BalanceChart()
            chart.draw(self.projection, self.lang)
            self._export = (key, chart, self.projection)
        return self._export[1]

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The chart drawn by matplotlib (PNG/SVG with ``footer`` drawn in), only when asked."""
        from medinsure.views.exports import figure_bytes

        return figure_bytes(self.export_chart().fig, fmt, footer)

    def texts(self) -> list[str]:
        """Every string the live chart shows: title, axis label, the frame's labels, the legend."""
        out = [self.figure.title, self.x_axis.label]
        out += [str(v) for m in self.figure.marks if m.visible and isinstance(m, bq.Label) for v in m.text]
        out += self.legend_texts()
        return [str(t) for t in out if t]

    def legend_texts(self) -> list[str]:
        """The legend's entries, in order."""
        return [html.unescape(t) for t in re.findall(r"</svg>([^<]*)</span>", self.legend)]

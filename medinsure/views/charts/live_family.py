"""The family mutual-aid charts drawn in the browser (bqplot): the kernel sends numbers, not pictures.

Two figures that sit side by side on a wide screen and one above the other on a phone:
what the account pays each year, old vs new credit, with the costs it may pay as a dashed step
line; and the balance at each year end. Only values that changed are sent. The exported PNG/SVG
stay on matplotlib (``views/charts/family.py``, ``FamilyChart``), drawn only when asked.
"""

from __future__ import annotations

import html
import math
import re

import bqplot as bq
import numpy as np

from medinsure.views.charts.common import NEW_COLOUR, OLD_COLOUR, sticky_limits
from medinsure.views.charts.live_common import figure
from medinsure.views.charts.live_common import set_changed as _set
from medinsure.views.family import TXT
from medinsure.views.words import UNKNOWN

# display settings, not policy
MARGIN = {"top": 45, "bottom": 50, "left": 60, "right": 15}
HEIGHT = "340px"
MAX_YEAR_TICKS = 8
GREY = "#555555"
# the legend is HTML under the frame: it wraps on a phone and never covers a bar or a line
# (bqplot's own legend box is sized for short Latin labels)
_SWATCH = {
    "bar": "<rect x='3' y='1' width='16' height='10' fill='{c}' fill-opacity='{o}'/>",
    "dashed": "<line x1='0' y1='6' x2='22' y2='6' stroke='{c}' stroke-width='1.6' stroke-dasharray='4 3'/>",
    "line": "<line x1='0' y1='6' x2='22' y2='6' stroke='{c}' stroke-width='2'/><circle cx='11' cy='6' r='2.5' fill='{c}'/>",
}
LEGEND_STYLE = ("display:flex;flex-wrap:wrap;gap:2px 14px;font-size:12px;line-height:1.4;color:#333;"
                "margin:-6px 0 8px {left}px")


def legend_html(entries: list[tuple[str, str, str]], left: int = MARGIN["left"], opacity: float = 1.0) -> str:
    """A chart's legend as HTML: ``entries`` are (kind, colour, label), kind one of bar, dashed, line."""
    items = "".join(
        "<span role='listitem' style='display:inline-flex;align-items:center;gap:5px'>"
        f"<svg width='22' height='12' aria-hidden='true'>{_SWATCH[kind].format(c=colour, o=opacity)}</svg>"
        f"{html.escape(label)}</span>" for kind, colour, label in entries)
    return f"<div class='medinsure-legend' role='list' style='{LEGEND_STYLE.format(left=left)}'>{items}</div>"


def old_unknown(lang: str) -> str:
    """'旧划入办法：未查到' / 'old credit: not found', said where the old credit is not known."""
    return f"{TXT['old'][lang]}：{UNKNOWN[lang]}" if lang == "zh" else f"{TXT['old'][lang]}: {UNKNOWN[lang]}"


def allowed_label(regime: str, lang: str) -> str:
    """The step line's legend entry: '可由账户支付的费用（旧划入办法）'."""
    t = TXT["allowed_need"][lang]
    return f"{t}（{TXT[regime][lang]}）" if lang == "zh" else f"{t} ({TXT[regime][lang]})"


def plan_data(p) -> dict:
    """What the charts show of a :class:`~medinsure.family.FamilyPlan`, in the shape of
    ``FamilyChart.data``: ``years`` and, per known regime, ``paid``, ``allowed`` (the costs the
    account may pay) and ``end`` (the year-end balance)."""
    scen = [s for s in (p.old, p.new) if s is not None]
    years = [y.year for y in (p.new or p.old).years] if scen else []
    d: dict = {"years": years}
    for s in scen:
        d[s.regime] = {"paid": [y.paid for y in s.years], "allowed": [y.need - y.not_allowed for y in s.years],
                       "end": [y.end for y in s.years]}
    return d


def year_ticks(first: int, last: int) -> list[int]:
    """Every year, or every k-th where more than ``MAX_YEAR_TICKS`` would crowd a phone."""
    step = max(1, math.ceil((last - first + 1) / MAX_YEAR_TICKS))
    return list(range(first, last + 1, step))


def value_ticks(lo: float, hi: float, most: int = 6) -> np.ndarray:
    """Ticks at a round step (1, 2, 2.5 or 5 × 10^k), at most ``most`` + 1 of them."""
    span = hi - lo
    if span <= 0:
        return np.array([lo])
    exp = 10 ** math.floor(math.log10(span / most))
    step = next(m * exp for m in (1, 2, 2.5, 5, 10) if span / (m * exp) <= most)
    return np.arange(math.ceil(lo / step) * step, hi + step * 1e-9, step)


def note_place(x: np.ndarray, rows: np.ndarray, x_lo: float, x_hi: float) -> tuple[float, str, int]:
    """Where a note goes in the top of a frame: (x, align, x_offset) on the side whose outer third
    of the data lies lower, so the note does not sit on a line."""
    if rows.size == 0 or len(x) < 2:
        return x_lo, "start", 6
    third = max(1, len(x) // 3)
    left, right = float(rows[:, :third].max()), float(rows[:, -third:].max())
    return (x_hi, "end", -6) if right < left else (x_lo, "start", 6)


class LiveFamily:
    """Left (``paid_figure``): what the account pays each year, old vs new, with the costs it may
    pay; right (``balance_figure``): the balance at each year end. ``figures`` holds both."""

    def __init__(self, lang: str = "zh") -> None:
        # ---- left: bars on an ordinal scale (one band per year); the step line on a linear
        # scale from -0.5 to n - 0.5, which puts year i at its band's centre
        self.x_years = bq.OrdinalScale()
        self.x_steps = bq.LinearScale(min=-0.5, max=0.5, allow_padding=False)
        self.y_paid = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.bars = bq.Bars(x=[""], y=np.zeros((2, 1)), scales={"x": self.x_years, "y": self.y_paid},
                            type="grouped", colors=[OLD_COLOUR, NEW_COLOUR], padding=0.1,
                            labels=["", ""])
        self.steps = bq.Lines(x=[-0.5, 0.5], y=np.zeros((2, 2)), scales={"x": self.x_steps, "y": self.y_paid},
                              colors=[OLD_COLOUR, NEW_COLOUR], line_style="dashed", stroke_width=1.4,
                              labels=["", ""])
        self.paid_cannot = bq.Label(x=[0.0], y=[0.5], text=[""], scales={"x": self.x_steps, "y": self.y_paid},
                                    colors=[GREY], default_size=13, align="middle", visible=False)
        self.x_paid_axis = bq.Axis(scale=self.x_years, grid_lines="none")
        self.y_paid_axis = bq.Axis(scale=self.y_paid, side="left", tick_format=",.0f",
                                   grid_lines="none")
        self.paid_figure = figure([self.bars, self.steps, self.paid_cannot], [self.x_paid_axis, self.y_paid_axis],
                                  "medinsure-family-chart", height=HEIGHT, margin=MARGIN)
        self.paid_figure.add_class("medinsure-family-paid")
        # ---- right: the balance at each year end (the first point is the opening balance)
        self.x_bal = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.y_bal = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_bal, "y": self.y_bal}
        self.balance = bq.Lines(x=[0.0, 1.0], y=np.zeros((2, 2)), scales=s, colors=[OLD_COLOUR, NEW_COLOUR],
                                stroke_width=2, marker="circle", marker_size=16, labels=["", ""],
                                apply_clip=False)
        self.old_unknown = bq.Label(x=[0.0], y=[0.0], text=[""], scales=s, colors=[OLD_COLOUR], default_size=12,
                                    align="start", x_offset=6, visible=False)
        self.bal_cannot = bq.Label(x=[0.5], y=[0.5], text=[""], scales=s, colors=[GREY], default_size=13,
                                   align="middle", visible=False)
        self.x_bal_axis = bq.Axis(scale=self.x_bal, tick_format="d", grid_lines="none", label_offset="32px")
        self.y_bal_axis = bq.Axis(scale=self.y_bal, side="left", tick_format=",.0f",
                                  grid_lines="none")
        self.balance_figure = figure([self.balance, self.old_unknown, self.bal_cannot],
                                     [self.x_bal_axis, self.y_bal_axis], "medinsure-family-chart",
                                     height=HEIGHT, margin=MARGIN)
        self.balance_figure.add_class("medinsure-family-balance")
        self.figures = (self.paid_figure, self.balance_figure)
        # each figure's legend as HTML (legend_html), for the page to show under the figure
        self.legends = ["", ""]
        self.data: dict = {}
        self.plan = None
        self.lang = lang
        self._limits: dict[str, tuple[float, float] | None] = {"paid": None, "balance": None}
        self._shown: tuple | None = None
        self._export: tuple | None = None

    # ------------------------------------------------------------------ update
    def update(self, plan, lang: str) -> None:
        """Show ``plan`` (a :class:`~medinsure.family.FamilyPlan`); nothing is sent when what the
        charts show did not change."""
        data = plan_data(plan)
        self.plan = plan
        key = (repr(data), plan.start_balance, lang)
        if key == self._shown:
            return
        self._shown, self.data, self.lang = key, data, lang
        t = {k: v[lang] for k, v in TXT.items()}
        _set(self.paid_figure, title=t["chart_left"])
        _set(self.balance_figure, title=t["chart_right"])
        regimes = [r for r in ("old", "new") if r in data]
        colours = [OLD_COLOUR if r == "old" else NEW_COLOUR for r in regimes]
        known = bool(regimes)
        for axis in (self.x_paid_axis, self.y_paid_axis, self.x_bal_axis, self.y_bal_axis):
            _set(axis, visible=known)
        _set(self.x_bal_axis, label=t["year_end"] if known else "")
        for mark in (self.bars, self.steps, self.balance):
            _set(mark, visible=known)
        _set(self.paid_cannot, visible=not known, text=[t["cannot"]])
        _set(self.bal_cannot, visible=not known, text=[t["cannot"]])
        if not known:
            self.legends = ["", ""]
            _set(self.old_unknown, visible=False)
            _set(self.x_steps, min=-0.5, max=0.5)
            _set(self.y_paid, min=0.0, max=1.0)
            _set(self.x_bal, min=0.0, max=1.0)
            _set(self.y_bal, min=0.0, max=1.0)
            _set(self.paid_cannot, x=[0.0], y=[0.5])
            _set(self.bal_cannot, x=[0.5], y=[0.5])
            return
        years = data["years"]
        n = len(years)
        # left: bars, and the allowed costs as a step over each year's band
        paid = np.array([data[r]["paid"] for r in regimes], dtype=float)
        allowed = np.array([data[r]["allowed"] for r in regimes], dtype=float)
        step_x = np.repeat(np.arange(n, dtype=float), 2) + np.tile([-0.5, 0.5], n)
        step_y = np.repeat(allowed, 2, axis=1)
        top = float(max(paid.max(), allowed.max()))
        self._limits["paid"] = sticky_limits(self._limits["paid"], 0.0, top)
        lo, hi = self._limits["paid"]
        _set(self.y_paid, min=float(lo), max=float(hi))
        _set(self.y_paid_axis, tick_values=value_ticks(lo, hi))
        _set(self.x_steps, min=-0.5, max=n - 0.5)
        _set(self.bars, x=[str(y) for y in years], y=paid, colors=colours, labels=[t[r] for r in regimes])
        _set(self.steps, x=step_x, y=step_y, colors=colours, labels=[allowed_label(r, lang) for r in regimes])
        self.legends[0] = legend_html(
            [("bar", c, t[r]) for r, c in zip(regimes, colours)]
            + [("dashed", c, allowed_label(r, lang)) for r, c in zip(regimes, colours)])
        # bqplot thins an ordinal axis by num_ticks (every k-th band), not by tick_values
        _set(self.x_paid_axis, num_ticks=MAX_YEAR_TICKS if n > MAX_YEAR_TICKS else None)
        # right: the balance from the opening balance to each year end
        bal_x = np.arange(years[0] - 1, years[-1] + 1, dtype=float)
        start = {s.regime: s.years[0].start for s in (plan.old, plan.new) if s is not None}
        bal_y = np.array([[start[r], *data[r]["end"]] for r in regimes], dtype=float)
        self._limits["balance"] = sticky_limits(self._limits["balance"], 0.0, float(bal_y.max()))
        lo, hi = self._limits["balance"]
        _set(self.y_bal, min=float(lo), max=float(hi))
        _set(self.y_bal_axis, tick_values=value_ticks(lo, hi))
        _set(self.x_bal, min=float(bal_x[0]) - 0.3, max=float(bal_x[-1]) + 0.3)
        _set(self.x_bal_axis, tick_values=np.array(year_ticks(int(bal_x[0]), int(bal_x[-1])), dtype=float))
        _set(self.balance, x=bal_x, y=bal_y, colors=colours, labels=[t[r] for r in regimes])
        self.legends[1] = legend_html([("line", c, t[r]) for r, c in zip(regimes, colours)])
        if "old" in data:
            _set(self.old_unknown, visible=False)
        else:
            x, align, offset = note_place(bal_x, bal_y, float(bal_x[0]) - 0.3, float(bal_x[-1]) + 0.3)
            _set(self.old_unknown, x=[x], y=[hi - (hi - lo) * 0.07], text=[old_unknown(lang)], align=align,
                 x_offset=offset, visible=True)

    # ------------------------------------------------------------------ export
    def export_chart(self):
        """The matplotlib chart (``FamilyChart``) drawn from the plan last shown (kept until the
        plan changes, so the PNG and the SVG of one export share it)."""
        from medinsure.views.charts.family import FamilyChart

        key = (id(self.plan), self.lang)
        if self._export is None or self._export[0] != key:
            chart = FamilyChart()
            chart.draw(self.plan, self.lang)
            self._export = (key, chart, self.plan)
        return self._export[1]

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """Both panels drawn by matplotlib (PNG/SVG with ``footer`` drawn in), only when asked."""
        from medinsure.views.exports import figure_bytes

        return figure_bytes(self.export_chart().fig, fmt, footer)

    def texts(self) -> list[str]:
        """Every string the live charts show: titles, axis labels, years, the frames' labels and
        the legends."""
        out = []
        for fig in self.figures:
            out.append(fig.title)
            out += [axis.label for axis in fig.axes if axis.visible]
            out += [str(v) for m in fig.marks if m.visible and isinstance(m, bq.Label) for v in m.text]
        if self.bars.visible:
            out += [str(v) for v in self.bars.x]
        out += self.legend_texts()
        return [str(t) for t in out if t]

    def legend_texts(self) -> list[str]:
        """The legends' entries, in order."""
        return [html.unescape(t) for legend in self.legends for t in re.findall(r"</svg>([^<]*)</span>", legend)]

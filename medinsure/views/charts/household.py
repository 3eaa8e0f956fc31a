"""The household explainer's figures: account credit and reimbursement bars, the gain curve."""

from __future__ import annotations

import math

import numpy as np

from medinsure.compare import Comparison, Inputs, resources_gain_curve
from medinsure.views.charts.base import (
    GAIN_COLOUR,
    LOSS_COLOUR,
    NEW_COLOUR,
    OLD_COLOUR,
    OTHER_COLOURS,
    BlittedChart,
    as_float,
    nice_limit,
    sticky_limits,
)
from medinsure.views.words import money

TEXT = {
    "bars_title": {"zh": "个人账户划入与门诊统筹报销（元/年）",
                   "en": "Account credit and outpatient reimbursement (yuan/year)"},
    "credit": {"zh": "个人账户划入", "en": "Account credit"},
    "reimbursement": {"zh": "门诊统筹报销", "en": "Outpatient reimbursement"},
    "total": {"zh": "合计", "en": "Total"},
    "old": {"zh": "改革前", "en": "Before"},
    "new": {"zh": "改革后", "en": "After"},
    "unknown": {"zh": "未知", "en": "n/k"},
    "curve_title": {"zh": "每年资源增减随门诊费用变化（新−旧，元/年）",
                    "en": "Yearly resources gain vs outpatient spending (new − old, yuan/year)"},
    "x": {"zh": "每年政策范围内门诊费用（元）", "en": "Yearly in-scope outpatient spending (yuan)"},
    "y": {"zh": "资源增减（元/年）", "en": "Gain (yuan/year)"},
    "you": {"zh": "当前", "en": "you"},
    "break_even": {"zh": "回本点", "en": "break-even"},
}


# The gain curve's x axis: display settings, not policy (the app and the case page share them).
CURVE_POINTS = 241
_CURVE_MIN_TOP = 10000.0  # yuan/year: the axis reaches at least this far


def curve_grid(outpatient: float, break_even: float | None) -> np.ndarray:
    """Yearly spending [yuan] at which the gain curve is drawn: from 0 past the current bill and
    the break-even, to a round number."""
    top = nice_limit(max(_CURVE_MIN_TOP, outpatient * 1.5, (break_even or 0) * 1.3))
    return np.linspace(0.0, top, CURVE_POINTS)


def gain_curve(c: Comparison) -> tuple[np.ndarray, np.ndarray]:
    """(spending grid, resources gain there) for the comparison's enrollee [yuan/year]."""
    grid = curve_grid(c.enrollee.outpatient_yearly, c.break_even_outpatient)
    return grid, resources_gain_curve(c.ruleset, Inputs.from_enrollees([c.enrollee]), grid)


class CreditBars(BlittedChart):
    """Grouped bars: old vs new credit, reimbursement and their total."""

    def __init__(self, lang: str = "zh", width: float = 6.4, height: float = 3.6) -> None:
        super().__init__(width, height)
        self.ax = self.fig.add_subplot()
        self.lang = lang
        x = np.arange(3)
        self.old_bars = self.ax.bar(x - 0.2, [0, 0, 0], 0.38, color=OLD_COLOUR)
        self.new_bars = self.ax.bar(x + 0.2, [0, 0, 0], 0.38, color=NEW_COLOUR)
        self.labels = [self.ax.text(0, 0, "", ha="center", va="bottom", fontsize=9)
                       for _ in range(6)]
        self._animate(*self.old_bars, *self.new_bars, *self.labels)
        self.ax.spines[["top", "right"]].set_visible(False)
        self.ax.axhline(0, color="black", lw=0.6)
        self.ylim: tuple[float, float] | None = None
        self.data: dict = {}
        self._set_texts()

    def _set_texts(self) -> None:
        t = {k: v[self.lang] for k, v in TEXT.items()}
        self.ax.set_title(t["bars_title"], fontsize=11)
        self.ax.set_xticks(np.arange(3), [t["credit"], t["reimbursement"], t["total"]])
        self.old_bars.set_label(t["old"])
        self.new_bars.set_label(t["new"])
        self.ax.legend(loc="upper left", frameon=False, fontsize=9)

    def update(self, credit_old, credit_new, reimb_old, reimb_new, lang: str | None = None) -> bytes:
        if lang and lang != self.lang:
            self.lang = lang
            self._set_texts()
            self.relayout()
        olds = [as_float(credit_old), as_float(reimb_old), as_float(credit_old) + as_float(reimb_old)]
        news = [as_float(credit_new), as_float(reimb_new), as_float(credit_new) + as_float(reimb_new)]
        self.data = {"categories": [TEXT[k][self.lang] for k in ("credit", "reimbursement", "total")],
                     "old": olds, "new": news}
        top = max([v for v in olds + news if not math.isnan(v)] + [1.0])
        for bars, vals, offset, lab in ((self.old_bars, olds, -0.2, self.labels[:3]),
                                        (self.new_bars, news, 0.2, self.labels[3:])):
            for i, (bar, v) in enumerate(zip(bars, vals)):
                bar.set_height(0 if math.isnan(v) else v)
                lab[i].set_position((i + offset, 0 if math.isnan(v) else v))
                lab[i].set_text(TEXT["unknown"][self.lang] if math.isnan(v) else f"{v:,.0f}")
        self.ylim = sticky_limits(self.ylim, 0.0, top * 1.2)
        self.ax.set_ylim(*self.ylim)
        return self._render((self.lang, self.ylim))


class GainCurve(BlittedChart):
    """Resources gain against yearly outpatient spending, with break-even and current spending."""

    def __init__(self, lang: str = "zh", width: float = 6.4, height: float = 3.6) -> None:
        super().__init__(width, height)
        self.ax = self.fig.add_subplot()
        self.lang = lang
        (self.line,) = self.ax.plot([], [], color=NEW_COLOUR, lw=2)
        self.others = [self.ax.plot([], [], color=c, lw=1.4, ls="--")[0] for c in OTHER_COLOURS]
        self.zero = self.ax.axhline(0, color="black", lw=0.8)
        (self.point,) = self.ax.plot([], [], "o", color=LOSS_COLOUR, ms=8, zorder=5)
        self.point_label = self.ax.annotate("", (0, 0), xytext=(8, 8), textcoords="offset points",
                                            fontsize=9)
        self.be_line = self.ax.axvline(0, color=GAIN_COLOUR, ls=":", lw=1.5)
        self.be_label = self.ax.text(0, 0, "", color=GAIN_COLOUR, fontsize=9, ha="left", va="bottom")
        self._animate(self.line, *self.others, self.point, self.point_label, self.be_line, self.be_label)
        self.ax.spines[["top", "right"]].set_visible(False)
        self.ylim: tuple[float, float] | None = None
        self.data: dict = {}
        self._set_texts()

    def _set_texts(self) -> None:
        t = {k: v[self.lang] for k, v in TEXT.items()}
        self.ax.set_title(t["curve_title"], fontsize=11)
        self.ax.set_xlabel(t["x"], fontsize=9)
        self.ax.set_ylabel(t["y"], fontsize=9)

    def update(self, spending: np.ndarray, gain: np.ndarray, current: tuple[float, float | None],
               break_even: float | None, others: list[tuple[str, np.ndarray]] = (),
               main_label: str = "", lang: str | None = None) -> bytes:
        if lang and lang != self.lang:
            self.lang = lang
            self._set_texts()
            self.relayout()
        self.data = {"spending": spending, "gain": gain, "others": list(others),
                     "current": current, "break_even": break_even}
        self.line.set_data(spending, gain)
        self.line.set_label(main_label or "_")
        for line, item in zip(self.others, list(others) + [None] * len(self.others)):
            if item is None:
                line.set_data([], [])
                line.set_label("_")
            else:
                line.set_data(spending, item[1])
                line.set_label(item[0])
        x_now, y_now = current
        if y_now is None or math.isnan(y_now):
            self.point.set_visible(False)
            self.point_label.set_visible(False)
        else:
            self.point.set_visible(True)
            self.point_label.set_visible(True)
            self.point.set_data([x_now], [y_now])
            self.point.set_color(GAIN_COLOUR if y_now >= 0 else LOSS_COLOUR)
            self.point_label.xy = (x_now, y_now)
            self.point_label.set_text(f"{TEXT['you'][self.lang]} {money(y_now, self.lang)}")
        all_y = [g for g in [gain, *[o[1] for o in others]] if np.isfinite(g).any()]
        lo = min([float(np.nanmin(g)) for g in all_y] + [0.0])
        hi = max([float(np.nanmax(g)) for g in all_y] + [0.0])
        pad = max((hi - lo) * 0.12, 50.0)
        self.ylim = sticky_limits(self.ylim, lo - pad, hi + pad)
        self.ax.set_ylim(*self.ylim)
        self.ax.set_xlim(0, float(spending[-1]))
        if break_even is None:
            self.be_line.set_visible(False)
            self.be_label.set_visible(False)
        else:
            self.be_line.set_visible(True)
            self.be_label.set_visible(True)
            self.be_line.set_xdata([break_even, break_even])
            self.be_label.set_text(f" {TEXT['break_even'][self.lang]} {break_even:,.0f}")
            self.be_label.set_position((break_even, self.ylim[0] + (self.ylim[1] - self.ylim[0]) * 0.04))
        labels = tuple(h.get_label() for h in [self.line, *self.others] if not h.get_label().startswith("_"))
        if labels != getattr(self, "_legend_labels", ()):
            legend = self.ax.get_legend()
            if legend:
                legend.remove()
            if labels:
                handles = [h for h in [self.line, *self.others] if not h.get_label().startswith("_")]
                self.ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=8)
            self._legend_labels = labels
        return self._render((self.lang, self.ylim, float(spending[-1]), labels))

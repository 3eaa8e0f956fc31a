"""The household explainer's exported figures (matplotlib): account credit and reimbursement
bars, the gain curve. The live charts are drawn in the browser (``views/charts/live.py``); both
take their numbers from ``views/charts/household_data.py``."""

from __future__ import annotations

import math

import numpy as np

from medinsure.views.charts.base import (
    GAIN_COLOUR,
    LOSS_COLOUR,
    NEW_COLOUR,
    OLD_COLOUR,
    OTHER_COLOURS,
    BlittedChart,
)
from medinsure.views.charts.household_data import (  # noqa: F401  (re-exported)
    CURVE_POINTS,
    TEXT,
    bars_data,
    curve_data,
    curve_grid,
    gain_curve,
)
from medinsure.views.words import money


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
        self.data = bars_data(credit_old, credit_new, reimb_old, reimb_new, self.lang, self.ylim)
        olds, news = self.data["old"], self.data["new"]
        for bars, vals, offset, lab in ((self.old_bars, olds, -0.2, self.labels[:3]),
                                        (self.new_bars, news, 0.2, self.labels[3:])):
            for i, (bar, v) in enumerate(zip(bars, vals)):
                bar.set_height(0 if math.isnan(v) else v)
                lab[i].set_position((i + offset, 0 if math.isnan(v) else v))
                lab[i].set_text(TEXT["not_found"][self.lang] if math.isnan(v) else f"{v:,.0f}")
        self.ylim = self.data["ylim"]
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
        self.unknown_label = self.ax.text(0.5, 0.5, "", transform=self.ax.transAxes, ha="center",
                                          va="center", fontsize=9, color="#555555", wrap=True)
        self._animate(self.line, *self.others, self.point, self.point_label, self.be_line, self.be_label,
                      self.unknown_label)
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
        self.data = curve_data(spending, gain, current, break_even, others, main_label, self.ylim)
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
        self.ylim = self.data["ylim"]
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
        unknown = self.data["unknown"]
        self.unknown_label.set_text(TEXT[f"curve_unknown_{unknown}"][self.lang] if unknown else "")
        self.unknown_label.set_position((0.5, 0.92 if unknown == "part" else 0.7))
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

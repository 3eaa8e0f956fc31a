"""Figures for the apps. Each chart keeps one figure and updates its artists; ``png()`` renders.

No pyplot: figures are drawn with the Agg canvas, so the same code runs in a Voila kernel, a
test and a script. Chinese text uses the font shipped in the package (``medinsure.views.fonts``).
"""

from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from medinsure.views.fonts import register_cjk_font
from medinsure.views.words import money

OLD_COLOUR = "#9e9e9e"
NEW_COLOUR = "#1565c0"
GAIN_COLOUR = "#2e7d32"
LOSS_COLOUR = "#c62828"
OTHER_COLOURS = ("#ef6c00", "#6a1b9a", "#00838f")

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


def _setup_figure(width: float, height: float) -> Figure:
    register_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png(fig: Figure) -> bytes:
    """Render a whole figure to PNG (exports, tests)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def _encode(canvas: FigureCanvasAgg) -> bytes:
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def nice_limit(value: float) -> float:
    """The next 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k at or above ``value`` (> 0)."""
    if value <= 0:
        return 0.0
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * exp >= value:
            return m * exp
    return 10 * exp


class _Blitted:
    """A figure whose static part (axes, ticks, titles, legend) is drawn once and cached;
    each update redraws only the moving artists on top of it. The cache is rebuilt when the
    static part changes (limits, language, legend). A slider step then costs a few ms instead
    of a full draw (benchmarks/app_update.py)."""

    def __init__(self, width: float, height: float) -> None:
        self.fig = _setup_figure(width, height)
        self.canvas = self.fig.canvas
        self._background = None
        self._static_key: tuple | None = None
        self._laid_out = False
        self.dynamic: list = []

    def _animate(self, *artists) -> None:
        for a in artists:
            a.set_animated(True)
            self.dynamic.append(a)

    def _render(self, static_key: tuple) -> bytes:
        if static_key != self._static_key or self._background is None:
            if not self._laid_out:
                self.canvas.draw()  # constrained layout places the axes once
                self.fig.set_layout_engine("none")
                self._laid_out = True
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._static_key = static_key
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for a in self.dynamic:
            if a.get_visible():
                a.draw(renderer)
        return _encode(self.canvas)

    def relayout(self) -> None:
        """Lay the figure out again at the next render (e.g. after the language changed)."""
        from matplotlib.layout_engine import ConstrainedLayoutEngine
        self.fig.set_layout_engine(ConstrainedLayoutEngine())
        self._laid_out = False
        self._static_key = None

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The whole figure, moving artists included, as PNG or SVG; ``footer`` (rule date and
        sources) is drawn under the axes."""
        from medinsure.views.exports import figure_bytes

        for a in self.dynamic:
            a.set_animated(False)
        try:
            if footer is None:
                buf = io.BytesIO()
                self.fig.savefig(buf, format=fmt)
                return buf.getvalue()
            return figure_bytes(self.fig, fmt, footer)
        finally:
            for a in self.dynamic:
                a.set_animated(True)
            self._static_key = None  # the next update redraws the cached background


def _nan(v: float | None) -> float:
    return math.nan if v is None else float(v)


def _sticky(current: tuple[float, float] | None, lo: float, hi: float) -> tuple[float, float]:
    """Axis limits that change only when the data leaves them or uses less than 40% of them,
    so most slider steps keep the cached background."""
    want = (-nice_limit(-lo) if lo < 0 else 0.0, nice_limit(hi) if hi > 0 else 0.0)
    if want[1] - want[0] <= 0:
        want = (want[0], want[0] + 100.0)
    if current is not None:
        c_lo, c_hi = current
        if c_lo <= lo and hi <= c_hi and (hi - lo) >= 0.4 * (c_hi - c_lo) and c_lo <= want[0]:
            return current
    return want


class CreditBars(_Blitted):
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
        olds = [_nan(credit_old), _nan(reimb_old), _nan(credit_old) + _nan(reimb_old)]
        news = [_nan(credit_new), _nan(reimb_new), _nan(credit_new) + _nan(reimb_new)]
        self.data = {"categories": [TEXT[k][self.lang] for k in ("credit", "reimbursement", "total")],
                     "old": olds, "new": news}
        top = max([v for v in olds + news if not math.isnan(v)] + [1.0])
        for bars, vals, offset, lab in ((self.old_bars, olds, -0.2, self.labels[:3]),
                                        (self.new_bars, news, 0.2, self.labels[3:])):
            for i, (bar, v) in enumerate(zip(bars, vals)):
                bar.set_height(0 if math.isnan(v) else v)
                lab[i].set_position((i + offset, 0 if math.isnan(v) else v))
                lab[i].set_text(TEXT["unknown"][self.lang] if math.isnan(v) else f"{v:,.0f}")
        self.ylim = _sticky(self.ylim, 0.0, top * 1.2)
        self.ax.set_ylim(*self.ylim)
        return self._render((self.lang, self.ylim))


class GainCurve(_Blitted):
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
        self.ylim = _sticky(self.ylim, lo - pad, hi + pad)
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

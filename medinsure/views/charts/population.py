"""The population page's four figures: mean gain by age, who gains by group, where the money
goes, the distribution of the gain and the concentration of credits.

Each chart is built once per language and updates the data of its artists on each change.
"""

from __future__ import annotations

import io
import math
from typing import ClassVar

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.rules import STATUSES
from medinsure.views import words
from medinsure.views.charts.base import GAIN_COLOUR, LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR, OTHER_COLOURS
from medinsure.views.fonts import register_cjk_font
from medinsure.views.population import (
    AGE_EDGES,
    QUANTILES,
    SHORT_UNKNOWN,
    SPENDING_EDGES,
    STATUS_SHORT,
    TXT,
    band_labels,
)

STATUS_COLOURS = {"in_service": NEW_COLOUR, "retired": OTHER_COLOURS[0], "flexible": OTHER_COLOURS[1]}


def _figure(width: float, height: float, **margins: float) -> Figure:
    """A figure with fixed margins (no layout engine: a redraw then costs about a third less)."""
    register_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(**{"left": 0.12, "right": 0.97, "bottom": 0.14, "top": 0.9, **margins})
    return fig


def to_png(fig: Figure) -> bytes:
    """Render to PNG with fast compression (the charts are redrawn on every change)."""
    fig.canvas.draw()
    width, height = fig.canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _limits(values: np.ndarray, pad: float = 0.12, floor: float = 50.0) -> tuple[float, float]:
    """y-limits around the finite values and 0."""
    v = values[np.isfinite(values)]
    lo, hi = (min(float(v.min()), 0.0), max(float(v.max()), 0.0)) if v.size else (-1.0, 1.0)
    margin = max((hi - lo) * pad, floor)
    return lo - (margin if lo < 0 else 0.0), hi + margin


class _Chart:
    """One figure built once per language; each update changes the data of its artists and
    redraws (ticks, titles and text layouts are reused, which halves the cost of a redraw)."""

    size: ClassVar[tuple[float, float]] = (6.4, 3.6)
    margins: ClassVar[dict] = {}

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.fig = _figure(*self.size, **self.margins)
        self.unknown: list = []
        self.build()

    def _unknown_text(self, ax) -> None:
        t = ax.text(0.5, 0.5, TXT["unknown"][self.lang], ha="center", va="center", transform=ax.transAxes,
                    fontsize=12, color="#888", visible=False)
        self.unknown.append(t)

    def build(self) -> None:
        raise NotImplementedError

    def update(self, r: pop.PopulationResult, s: summary.Summary) -> None:
        raise NotImplementedError

    def render(self, r: pop.PopulationResult, s: summary.Summary) -> Figure:
        self.update(r, s)
        return self.fig


class AgeChart(_Chart):
    """Mean gain by five-year age band, one line per status."""

    margins: ClassVar[dict] = {"left": 0.13, "bottom": 0.14}

    def build(self) -> None:
        ax = self.ax = self.fig.add_subplot()
        ax.set_title(TXT["age_title"][self.lang], fontsize=11)
        edges = np.array(AGE_EDGES, dtype=float)
        step = edges[1] - edges[0]
        self.mids = np.concatenate([[edges[0] - step / 2], (edges[:-1] + edges[1:]) / 2, [edges[-1] + step / 2]])
        self.lines = {n: ax.plot([], [], "o-", ms=3, lw=1.8, color=STATUS_COLOURS[n],
                                 label=words.STATUS[n][self.lang])[0] for n in STATUSES}
        ax.axhline(0, color="black", lw=0.7)
        ax.set_xlim(self.mids[0] - step / 2, self.mids[-1] + step / 2)
        ax.set_xlabel(TXT["age_x"][self.lang], fontsize=9)
        ax.set_ylabel(TXT["gain_y"][self.lang], fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=8, loc="upper left")
        self._unknown_text(ax)

    def update(self, r: pop.PopulationResult, s: summary.Summary) -> None:
        ys = []
        for n in STATUSES:
            t = s.by_age[n]
            y = np.where(t.count > 0, t.mean_gain, np.nan)
            self.lines[n].set_data(self.mids, y)
            ys.append(y)
        y = np.concatenate(ys)
        self.unknown[0].set_visible(not np.isfinite(y).any())
        self.ax.set_ylim(*_limits(y))


class SharesChart(_Chart):
    """100% bars: gain / unchanged / lose, by status, wage and pension quintile, spending band."""

    size: ClassVar[tuple[float, float]] = (6.4, 5.2)
    margins: ClassVar[dict] = {"left": 0.2, "bottom": 0.1, "top": 0.94}

    def rows(self) -> list[tuple[str, str | None, int]]:
        """(label, table or None for a heading, index in the table)."""
        lang = self.lang
        groups = [(TXT["status"][lang], "by_status", [STATUS_SHORT[n][lang] for n in STATUSES]),
                  (TXT["wage"][lang], "by_wage", [f"Q{i + 1}" for i in range(len(QUANTILES) + 1)]),
                  (TXT["pension"][lang], "by_pension", [f"Q{i + 1}" for i in range(len(QUANTILES) + 1)]),
                  (TXT["spend"][lang], "by_spending", ["0"] + band_labels(SPENDING_EDGES[1:]))]
        out = []
        for head, table, names in groups:
            out.append((head, None, -1))
            out += [(name, table, i) for i, name in enumerate(names)]
        return out

    def build(self) -> None:
        ax = self.ax = self.fig.add_subplot()
        ax.set_title(TXT["share_title"][self.lang], fontsize=11)
        self.layout = self.rows()
        self.is_row = np.array([t is not None for _, t, _ in self.layout])
        y = np.arange(len(self.layout))[::-1]
        self.y = y[self.is_row]
        zeros = np.zeros(self.y.size)
        self.bars = [ax.barh(self.y, zeros, color=colour, label=TXT[key][self.lang])
                     for colour, key in ((GAIN_COLOUR, "gains"), ("#cfd8dc", "unchanged"), (LOSS_COLOUR, "loses"))]
        self.labels = [ax.text(0.01, yi, "", va="center", fontsize=7) for yi in self.y]
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=3, frameon=False, fontsize=8)
        ax.set_yticks(y, [label for label, _, _ in self.layout], fontsize=7)
        for tick, row in zip(ax.get_yticklabels(), self.is_row):
            if not row:
                tick.set_color(NEW_COLOUR)
                tick.set_fontsize(8)
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.7, len(self.layout) - 0.3)
        ax.xaxis.set_major_formatter(lambda v, _: words.percent(v, digits=0))
        ax.spines[["top", "right"]].set_visible(False)
        self._unknown_text(ax)

    def update(self, r: pop.PopulationResult, s: summary.Summary) -> None:
        rows = [(table, i) for _, table, i in self.layout if table is not None]
        gain = np.array([getattr(s, t).share_gaining[i] if i < getattr(s, t).count.size else np.nan for t, i in rows])
        lose = np.array([getattr(s, t).share_losing[i] if i < getattr(s, t).count.size else np.nan for t, i in rows])
        count = np.array([getattr(s, t).count[i] if i < getattr(s, t).count.size else 0 for t, i in rows])
        g, lo = np.nan_to_num(gain), np.nan_to_num(lose)
        mid = np.where(np.isfinite(gain), 1 - g - lo, 0.0)
        for bars, width, left in ((self.bars[0], g, np.zeros_like(g)), (self.bars[1], mid, g),
                                  (self.bars[2], lo, 1 - lo)):
            for patch, w, x in zip(bars, width, left):
                patch.set_width(w)
                patch.set_x(x)
        none_known = not np.isfinite(gain).any()
        for t, gi, c in zip(self.labels, gain, count):
            t.set_text("—" if c == 0 else (SHORT_UNKNOWN[self.lang] if math.isnan(gi) else words.percent(gi, digits=0)))
            t.set_color("white" if c and gi > 0.08 else "black")
            t.set_visible(not none_known)
        self.unknown[0].set_visible(none_known)


class FlowsChart(_Chart):
    """Per enrollee a year, by status and for all: credit moved out of accounts vs extra reimbursement."""

    margins: ClassVar[dict] = {"left": 0.1, "bottom": 0.1}

    def build(self) -> None:
        ax = self.ax = self.fig.add_subplot()
        ax.set_title(TXT["flows_title"][self.lang], fontsize=11)
        names = [STATUS_SHORT[n][self.lang] for n in STATUSES] + [TXT["all"][self.lang]]
        x = self.x = np.arange(len(names))
        zeros = np.zeros(x.size)
        self.moved = ax.bar(x - 0.2, zeros, 0.38, color=OLD_COLOUR, label=TXT["moved"][self.lang])
        self.back = ax.bar(x + 0.2, zeros, 0.38, color=GAIN_COLOUR, label=TXT["returned"][self.lang])
        self.labels = [ax.text(xi + off, 0, "", ha="center", va="bottom", fontsize=8)
                       for off in (-0.2, 0.2) for xi in x]
        ax.legend(frameon=False, fontsize=8, loc="upper left")
        ax.set_xticks(x, names)
        ax.axhline(0, color="black", lw=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        self._unknown_text(ax)

    def update(self, r: pop.PopulationResult, s: summary.Summary) -> None:
        f = s.flows
        values = np.concatenate([f.per_enrollee("moved_from_accounts"), f.per_enrollee("returned_as_reimbursement")])
        for patch, v in zip(list(self.moved) + list(self.back), values):
            patch.set_height(0.0 if math.isnan(v) else v)
        none_known = not np.isfinite(values).any()
        for t, v, xi in zip(self.labels, values, np.concatenate([self.x - 0.2, self.x + 0.2])):
            t.set_position((xi, 0.0 if math.isnan(v) else v))
            t.set_text(SHORT_UNKNOWN[self.lang] if math.isnan(v) else f"{v:,.0f}")
            t.set_visible(not none_known)
        lo, hi = _limits(values, pad=0.3)
        self.ax.set_ylim(lo, hi)
        self.unknown[0].set_visible(none_known)


class DistributionChart(_Chart):
    """Left: histogram of the gain by status (stacked). Right: concentration of the yearly credit."""

    size: ClassVar[tuple[float, float]] = (6.4, 3.4)
    margins: ClassVar[dict] = {"left": 0.1, "bottom": 0.15, "wspace": 0.35}
    bins = 40

    def build(self) -> None:
        ax, ax2 = self.ax, self.ax2 = self.fig.subplots(1, 2, width_ratios=(1.4, 1))
        lang = self.lang
        ax.set_title(TXT["dist_title"][lang], fontsize=10)
        edges = np.linspace(0.0, 1.0, self.bins + 1)
        zeros = np.zeros(self.bins)
        self.steps = [ax.stairs(zeros, edges, baseline=zeros, fill=True, color=STATUS_COLOURS[n],
                                label=words.STATUS[n][lang]) for n in STATUSES]
        ax.axvline(0, color="black", lw=0.8)
        ax.legend(frameon=False, fontsize=7, loc="upper left")
        ax.set_xlabel(TXT["gain_y"][lang], fontsize=8)
        ax.tick_params(labelsize=7)
        ax2.set_title(TXT["conc_title"][lang], fontsize=10)
        self.curves = {regime: ax2.plot([], [], "o-", ms=3, color=colour, label=TXT[regime][lang])[0]
                       for regime, colour in (("old", OLD_COLOUR), ("new", NEW_COLOUR))}
        ax2.plot([0, 1], [0, 1], ":", color="#999", lw=1)
        ax2.legend(frameon=False, fontsize=7, loc="upper left")
        ax2.set_xlim(-0.02, 1.02)
        ax2.set_ylim(-0.02, 1.02)
        ax2.set_xlabel(TXT["conc_x"][lang], fontsize=8)
        ax2.set_ylabel(TXT["conc_y"][lang], fontsize=8)
        ax2.xaxis.set_major_formatter(lambda v, _: words.percent(v, digits=0))
        ax2.yaxis.set_major_formatter(lambda v, _: words.percent(v, digits=0))
        ax2.tick_params(labelsize=7)
        for a in (ax, ax2):
            a.spines[["top", "right"]].set_visible(False)
            self._unknown_text(a)

    def update(self, r: pop.PopulationResult, s: summary.Summary) -> None:
        g = r.gain
        known = np.isfinite(g)
        if known.any():
            lo, hi = np.quantile(g[known], (0.005, 0.995))
            edges = np.linspace(min(lo, 0.0), max(hi, 0.0) + 1e-9, self.bins + 1)
            base = np.zeros(self.bins)
            counts = {}
            for c, step in enumerate(self.steps):
                h, _ = np.histogram(np.clip(g[known & (r.inputs.status == c)], edges[0], edges[-1]), edges)
                counts[STATUSES[c]] = h
                step.set_data(base + h, edges, base.copy())
                base = base + h
            self.data = {"edges": edges, "counts": counts}
            self.ax.set_xlim(edges[0], edges[-1])
            self.ax.set_ylim(0, max(base.max(), 1) * 1.08)
        else:
            self.data = {"edges": None, "counts": {}}
            self.ax.set_ylim(0, 1)
        for step in self.steps:
            step.set_visible(bool(known.any()))
        self.unknown[0].set_visible(not known.any())
        fr = np.array((0.0,) + s.top_fractions + (1.0,))
        drawn = False
        for regime, line in self.curves.items():
            c = s.concentration[f"credit_{regime}"]
            ok = bool(np.isfinite(c).all())
            line.set_data(fr, np.concatenate([[0.0], c, [1.0]]) if ok else np.full(fr.size, np.nan))
            drawn |= ok
        self.unknown[1].set_visible(not drawn)


CHARTS = {"age": AgeChart, "shares": SharesChart, "flows": FlowsChart, "distribution": DistributionChart}


def draw_charts(r: pop.PopulationResult, s: summary.Summary, lang: str) -> dict[str, Figure]:
    """All four charts as fresh figures (tests, exports); the app keeps and updates its own."""
    return {k: cls(lang).render(r, s) for k, cls in CHARTS.items()}

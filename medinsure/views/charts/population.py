"""The population page's four figures: mean gain by age, who gains by group, where the money
goes, the distribution of the gain and the concentration of credits.

Each chart is built once per language and updates the data of its artists on each change.
The app shows the live (browser-drawn) versions, ``views/charts/live_population.py``; these
matplotlib figures are drawn for the exports, from the same numbers (``.data``).
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
from medinsure.views.charts.base import GAIN_COLOUR, LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR
from medinsure.views.charts.live_population import (  # the numbers: shared with the live charts
    HIST_BINS,
    STATUS_COLOURS,
    UNCHANGED_COLOUR,
    age_data,
    age_mids,
    distribution_data,
    flows_data,
    limits,
    share_layout,
    shares_data,
)
from medinsure.views.fonts import register_cjk_font
from medinsure.views.population import SHORT_UNKNOWN, STATUS_SHORT, TXT


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


class _Chart:
    """One figure built once per language; each update changes the data of its artists and
    redraws (ticks, titles and text layouts are reused, which halves the cost of a redraw).
    ``.data`` holds the numbers drawn, as the live chart of the same name holds them
    (``views/charts/live_population.py``)."""

    size: ClassVar[tuple[float, float]] = (6.4, 3.6)
    margins: ClassVar[dict] = {}

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.fig = _figure(*self.size, **self.margins)
        self.unknown: list = []
        self.data: dict = {}
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
        self.mids = age_mids()
        step = self.mids[1] - self.mids[0]
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
        d = self.data = age_data(s)
        for n in STATUSES:
            self.lines[n].set_data(d["mids"], d["mean_gain"][n])
        self.unknown[0].set_visible(d["unknown"])
        self.ax.set_ylim(*limits(np.concatenate([d["mean_gain"][n] for n in STATUSES])))


class SharesChart(_Chart):
    """100% bars: gain / unchanged / lose, by status, wage and pension quintile, spending band."""

    size: ClassVar[tuple[float, float]] = (6.4, 5.2)
    margins: ClassVar[dict] = {"left": 0.2, "bottom": 0.1, "top": 0.94}

    def rows(self) -> list[tuple[str, str | None, int]]:
        """(label, table or None for a heading, index in the table)."""
        return share_layout(self.lang)

    def build(self) -> None:
        ax = self.ax = self.fig.add_subplot()
        ax.set_title(TXT["share_title"][self.lang], fontsize=11)
        self.layout = self.rows()
        self.is_row = np.array([t is not None for _, t, _ in self.layout])
        y = np.arange(len(self.layout))[::-1]
        self.y = y[self.is_row]
        zeros = np.zeros(self.y.size)
        self.bars = [ax.barh(self.y, zeros, color=colour, label=TXT[key][self.lang])
                     for colour, key in ((GAIN_COLOUR, "gains"), (UNCHANGED_COLOUR, "unchanged"), (LOSS_COLOUR, "loses"))]
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
        d = self.data = shares_data(s, self.lang)
        w = d["widths"]
        g, mid, lo = w["gains"], w["unchanged"], w["loses"]
        for bars, width, left in ((self.bars[0], g, np.zeros_like(g)), (self.bars[1], mid, g),
                                  (self.bars[2], lo, 1 - lo)):
            for patch, wi, x in zip(bars, width, left):
                patch.set_width(wi)
                patch.set_x(x)
        none_known = d["unknown"]
        for t, text, gi, c in zip(self.labels, d["labels"], d["gain"], d["count"]):
            t.set_text(text)
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
        d = self.data = flows_data(s, self.lang)
        values = np.concatenate([d["moved"], d["returned"]])
        for patch, v in zip(list(self.moved) + list(self.back), values):
            patch.set_height(0.0 if math.isnan(v) else v)
        none_known = d["unknown"]
        for t, v, xi in zip(self.labels, values, np.concatenate([self.x - 0.2, self.x + 0.2])):
            t.set_position((xi, 0.0 if math.isnan(v) else v))
            t.set_text(SHORT_UNKNOWN[self.lang] if math.isnan(v) else f"{v:,.0f}")
            t.set_visible(not none_known)
        lo, hi = limits(values, pad=0.3)
        self.ax.set_ylim(lo, hi)
        self.unknown[0].set_visible(none_known)


class DistributionChart(_Chart):
    """Left: histogram of the gain by status (stacked). Right: concentration of the yearly credit."""

    size: ClassVar[tuple[float, float]] = (6.4, 3.4)
    margins: ClassVar[dict] = {"left": 0.1, "bottom": 0.15, "wspace": 0.35}
    bins = HIST_BINS

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
        d = self.data = distribution_data(r, s, self.bins)
        known = d["edges"] is not None
        if known:
            edges = d["edges"]
            base = np.zeros(self.bins)
            for n, step in zip(STATUSES, self.steps):
                h = d["counts"][n]
                step.set_data(base + h, edges, base.copy())
                base = base + h
            self.ax.set_xlim(edges[0], edges[-1])
            self.ax.set_ylim(0, max(base.max(), 1) * 1.08)
        else:
            self.ax.set_ylim(0, 1)
        for step in self.steps:
            step.set_visible(known)
        self.unknown[0].set_visible(not known)
        fr = d["fractions"]
        for regime, line in self.curves.items():
            c = d["concentration"][regime]
            line.set_data(fr, c if c is not None else np.full(fr.size, np.nan))
        self.unknown[1].set_visible(all(c is None for c in d["concentration"].values()))


CHARTS = {"age": AgeChart, "shares": SharesChart, "flows": FlowsChart, "distribution": DistributionChart}


def draw_charts(r: pop.PopulationResult, s: summary.Summary, lang: str) -> dict[str, Figure]:
    """All four charts as fresh figures (tests, exports); the app keeps and updates its own."""
    return {k: cls(lang).render(r, s) for k, cls in CHARTS.items()}

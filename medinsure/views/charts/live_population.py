"""The population page's four charts drawn in the browser (bqplot): the kernel sends numbers, not
pictures.

Mean gain by age, who gains by group, where the money goes, and the distribution of the gain
with the concentration of credits. Each chart keeps its bqplot marks and, on an update, sets
only the data, limits and texts that changed (``live_common.set_changed``). The numbers shown
are in ``chart.data``, in the same shape as the matplotlib chart's ``.data``
(``views/charts/population.py``): both are made by the functions below, which need neither
matplotlib nor bqplot's browser side. The exports stay on matplotlib, built from the last
result and summary only when asked (``export_chart``).
"""

from __future__ import annotations

import html
import math
from typing import ClassVar

import bqplot as bq
import numpy as np

from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.rules import STATUSES
from medinsure.views import words
from medinsure.views.charts.common import (
    GAIN_COLOUR,
    LOSS_COLOUR,
    NEW_COLOUR,
    OLD_COLOUR,
    OTHER_COLOURS,
    nice_limit,
    sticky_limits,
)
from medinsure.views.charts.live_common import MARGIN, clean, figure, set_changed
from medinsure.views.charts.live_common import legend as _legend
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
UNCHANGED_COLOUR = "#cfd8dc"
UNKNOWN_COLOUR = "#888888"
# legends as matplotlib draws them here: no frame (bqplot sizes its frame by the number of
# characters, far too wide for English), dark text (the grey series' own colour is too pale)
TOP_MARGIN = 16  # the title is a line of HTML above the figure (it wraps on a phone; an SVG title is cut)
TITLE_HTML = ("<div style='text-align:center;font-size:13px;line-height:1.35;padding:6px 8px 0;color:#222'>"
              "{}</div>")
HIST_BINS = 40


# --------------------------------------------------------------------------- the charts' numbers
def limits(values: np.ndarray, pad: float = 0.12, floor: float = 50.0) -> tuple[float, float]:
    """y-limits around the finite values and 0."""
    v = values[np.isfinite(values)]
    lo, hi = (min(float(v.min()), 0.0), max(float(v.max()), 0.0)) if v.size else (-1.0, 1.0)
    margin = max((hi - lo) * pad, floor)
    return lo - (margin if lo < 0 else 0.0), hi + margin


def nice_ticks(lo: float, hi: float, most: int = 5) -> np.ndarray:
    """Round tick values inside [lo, hi], at most ``most`` of them (a phone-wide axis has room for
    about five), on a 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k step."""
    step = nice_limit((hi - lo) / max(most - 1, 1)) or 1.0
    first = math.ceil(lo / step - 1e-9) * step
    ticks = np.arange(first, hi + step * 1e-9, step)
    while ticks.size > most:
        step = nice_limit(step * 1.01)
        first = math.ceil(lo / step - 1e-9) * step
        ticks = np.arange(first, hi + step * 1e-9, step)
    return np.round(ticks, 9)


def age_mids() -> np.ndarray:
    """The middle of each five-year band, with a band below the first edge and one above the last."""
    edges = np.array(AGE_EDGES, dtype=float)
    step = edges[1] - edges[0]
    return np.concatenate([[edges[0] - step / 2], (edges[:-1] + edges[1:]) / 2, [edges[-1] + step / 2]])


def age_data(s: summary.Summary) -> dict:
    """Mean gain per status and age band (NaN where a band has nobody)."""
    gains = {n: np.where(s.by_age[n].count > 0, s.by_age[n].mean_gain, np.nan) for n in STATUSES}
    known = any(np.isfinite(g).any() for g in gains.values())
    return {"mids": age_mids(), "mean_gain": gains, "unknown": not known}


def share_layout(lang: str) -> list[tuple[str, str | None, int]]:
    """The who-gains chart's rows, top to bottom: (label, table or None for a heading, index)."""
    quintiles = [f"Q{i + 1}" for i in range(len(QUANTILES) + 1)]
    groups = [(TXT["status"][lang], "by_status", [STATUS_SHORT[n][lang] for n in STATUSES]),
              (TXT["wage"][lang], "by_wage", quintiles),
              (TXT["pension"][lang], "by_pension", quintiles),
              (TXT["spend"][lang], "by_spending", ["0"] + band_labels(SPENDING_EDGES[1:]))]
    out: list[tuple[str, str | None, int]] = []
    for head, table, names in groups:
        out.append((head, None, -1))
        out += [(name, table, i) for i, name in enumerate(names)]
    return out


def shares_data(s: summary.Summary, lang: str) -> dict:
    """Per row of :func:`share_layout` (headings left out): shares gaining and losing, the bars'
    widths (gain, unchanged, lose; 0 where not known), people and the label printed on the bar."""
    layout = share_layout(lang)
    rows = [(t, i) for _, t, i in layout if t is not None]

    def column(attr: str, missing: float) -> np.ndarray:
        return np.array([getattr(getattr(s, t), attr)[i] if i < getattr(s, t).count.size else missing
                         for t, i in rows], dtype=float)

    gain, lose, count = column("share_gaining", np.nan), column("share_losing", np.nan), column("count", 0)
    g, lo = np.nan_to_num(gain), np.nan_to_num(lose)
    mid = np.where(np.isfinite(gain), 1 - g - lo, 0.0)
    labels = ["—" if c == 0 else (SHORT_UNKNOWN[lang] if math.isnan(gi) else words.percent(gi, digits=0))
              for gi, c in zip(gain, count)]
    return {"layout": layout, "gain": gain, "lose": lose, "count": count.astype(int),
            "widths": {"gains": g, "unchanged": mid, "loses": lo}, "labels": labels,
            "unknown": not np.isfinite(gain).any()}


def flows_data(s: summary.Summary, lang: str) -> dict:
    """Per status and for all: yearly credit no longer paid into accounts, extra reimbursement."""
    f = s.flows
    moved, back = f.per_enrollee("moved_from_accounts"), f.per_enrollee("returned_as_reimbursement")
    values = np.concatenate([moved, back])
    return {"names": [STATUS_SHORT[n][lang] for n in STATUSES] + [TXT["all"][lang]],
            "moved": np.asarray(moved, dtype=float), "returned": np.asarray(back, dtype=float),
            "unknown": not np.isfinite(values).any()}


def distribution_data(r: pop.PopulationResult, s: summary.Summary, bins: int = HIST_BINS) -> dict:
    """The gain's histogram by status (``edges``, ``counts``: None and {} when no gain is known)
    and the concentration of the yearly credit (``fractions``; per regime the curve or None)."""
    g = r.gain
    known = np.isfinite(g)
    if known.any():
        lo, hi = np.quantile(g[known], (0.005, 0.995))
        edges = np.linspace(min(lo, 0.0), max(hi, 0.0) + 1e-9, bins + 1)
        counts = {n: np.histogram(np.clip(g[known & (r.inputs.status == c)], edges[0], edges[-1]), edges)[0]
                  for c, n in enumerate(STATUSES)}
        out: dict = {"edges": edges, "counts": counts}
    else:
        out = {"edges": None, "counts": {}}
    fractions = np.array((0.0, *s.top_fractions, 1.0))
    curves = {}
    for regime in ("old", "new"):
        c = np.asarray(s.concentration[f"credit_{regime}"], dtype=float)
        curves[regime] = np.concatenate([[0.0], c, [1.0]]) if np.isfinite(c).all() else None
    return {**out, "fractions": fractions, "concentration": curves}


# --------------------------------------------------------------------------- the live charts
def _texts(figures) -> list[str]:
    """Every string the figures show: titles, axis labels, ordinal tick names, legends, labels."""
    out = []
    for fig in figures:
        for axis in fig.axes:
            if axis.visible:
                out.append(axis.label)
                if isinstance(axis.scale, bq.OrdinalScale):
                    out += [str(v) for v in (axis.scale.domain or [])]
        for m in fig.marks:
            if m.visible:
                out += [str(v) for v in m.labels] if m.display_legend else []
                out += [str(v) for v in m.text] if isinstance(m, bq.Label) else []
    return [t for t in out if t and str(t).strip()]


def _unknown_label(scales: dict) -> bq.Label:
    """未查到 · not found, in the frame's middle, where a chart has nothing to show."""
    return bq.Label(x=[0.0], y=[0.0], text=[""], scales=scales, colors=[UNKNOWN_COLOUR], default_size=14,
                    align="middle", visible=False)


class _LiveChart:
    """One of the page's charts: bqplot marks built once, updated from a result and its summary."""

    key: ClassVar[str] = ""
    css_class: ClassVar[str] = ""

    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang
        self.data: dict = {}
        self.inputs: tuple | None = None  # (result, summary) last shown: what the export draws
        self._shown = False  # limits are sticky once a first result is shown
        self._titles: dict[str, str] = {}
        # each figure's title as a line of HTML (it wraps on a phone, an SVG title does not), by
        # the figure's model id; the app lays it over the figure
        self.title_html: dict[str, str] = {}
        # how the app lays out several figures side by side: (figure, flex grow, flex basis)
        self.cells: list[tuple[bq.Figure, float, str]] = []
        self.build()

    @property
    def figures(self) -> list[bq.Figure]:
        return [self.figure]

    def _set_title(self, fig: bq.Figure, text: str) -> None:
        self._titles[fig.model_id] = text
        self.title_html[fig.model_id] = TITLE_HTML.format(html.escape(text))

    def build(self) -> None:
        raise NotImplementedError

    def show(self, lang: str) -> None:
        raise NotImplementedError

    def make_data(self, r: pop.PopulationResult, s: summary.Summary, lang: str) -> dict:
        raise NotImplementedError

    def update(self, r: pop.PopulationResult, s: summary.Summary, lang: str) -> None:
        """Show the numbers of ``r`` and ``s`` in ``lang``."""
        self.inputs, self.lang = (r, s), lang
        self.data = self.make_data(r, s, lang)
        self.show(lang)
        self._shown = True

    def _sticky(self, scale: bq.LinearScale, lo: float, hi: float) -> tuple[float, float]:
        """Limits for ``scale`` that change only when the data leave them or use too little of them."""
        lo, hi = sticky_limits((scale.min, scale.max) if self._shown else None, lo, hi)
        return float(lo), float(hi)

    def export_chart(self):
        """The matplotlib chart of the same result and summary (imported here: only on an export)."""
        from medinsure.views.charts.population import CHARTS

        r, s = self.inputs
        chart = CHARTS[self.key](self.lang)
        chart.update(r, s)
        return chart

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The chart drawn by matplotlib as PNG or SVG, with ``footer`` (rule date, sources) if given."""

        from medinsure.views.exports import figure_bytes

        return figure_bytes(self.export_chart().fig, fmt, footer)

    def texts(self) -> list[str]:
        """Every string the live chart shows: the titles, then each figure's texts."""
        titles = [self._titles.get(f.model_id, "") for f in self.figures]
        return [t for t in titles if t] + _texts(self.figures)


class LiveAge(_LiveChart):
    """Mean gain by five-year age band, one line per status."""

    key = "age"
    css_class = "medinsure-population-age"

    def build(self) -> None:
        mids = age_mids()
        half = (mids[1] - mids[0]) / 2
        self.x_range = (float(mids[0] - half), float(mids[-1] + half))
        self.x_scale = bq.LinearScale(min=self.x_range[0], max=self.x_range[1], allow_padding=False)
        self.y_scale = bq.LinearScale(min=-1.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        # one line per status from its first to its last band with people (a gap inside is NaN; at the
        # end, bqplot would place the line's hidden label at a NaN point and log errors)
        self.lines = {n: bq.Lines(x=mids, y=np.zeros(mids.size), scales=s, colors=[STATUS_COLOURS[n]],
                                  stroke_width=1.8, labels=[""], display_legend=True) for n in STATUSES}
        # the points, only where a band has people
        self.dots = {n: bq.Scatter(x=[0.0], y=[0.0], scales=s, colors=[STATUS_COLOURS[n]], default_size=16,
                                   stroke_width=0.0, visible=False) for n in STATUSES}
        self.zero = bq.Lines(x=list(self.x_range), y=[0.0, 0.0], scales=s, colors=["black"], stroke_width=0.7)
        self.unknown = _unknown_label(s)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format="d", label_offset="36px")
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f", grid_lines="none",
                              label_offset="56px")
        self.figure = figure([self.zero, *self.lines.values(), *self.dots.values(), self.unknown],
                             [self.x_axis, self.y_axis],
                             self.css_class, height="330px", margin={**MARGIN, "top": TOP_MARGIN},
                             legend_location="top-left", **_legend())

    def make_data(self, r, s, lang) -> dict:
        return age_data(s)

    def show(self, lang: str) -> None:
        d = self.data
        y = np.vstack([d["mean_gain"][n] for n in STATUSES])
        lo, hi = limits(y.ravel())
        lo, hi = self._sticky(self.y_scale, lo, hi)
        self._set_title(self.figure, TXT["age_title"][lang])
        set_changed(self.x_axis, label=TXT["age_x"][lang])
        set_changed(self.y_axis, label=TXT["gain_y"][lang], visible=not d["unknown"])
        set_changed(self.y_scale, min=float(lo), max=float(hi))
        for n, gain in d["mean_gain"].items():
            ok = np.isfinite(gain)
            if ok.any():
                span = slice(int(np.argmax(ok)), int(ok.size - np.argmax(ok[::-1])))
                set_changed(self.lines[n], x=d["mids"][span], y=gain[span], labels=[words.STATUS[n][lang]],
                            visible=True, display_legend=True)
                set_changed(self.dots[n], x=d["mids"][ok], y=gain[ok], visible=True)
            else:   # nothing to draw: the line and its legend entry go (the frame says 未查到 if no status is known)
                set_changed(self.lines[n], labels=[words.STATUS[n][lang]], visible=False, display_legend=False)
                set_changed(self.dots[n], visible=False)
        set_changed(self.unknown, x=[sum(self.x_range) / 2], y=[lo + (hi - lo) * 0.7], text=[TXT["unknown"][lang]],
                    visible=bool(d["unknown"]))


class LiveShares(_LiveChart):
    """100% bars: gain / unchanged / lose, by status, wage and pension quintile, spending band."""

    key = "shares"
    css_class = "medinsure-population-shares"
    margin: ClassVar[dict] = {"top": 8, "bottom": 36, "left": 96, "right": 30}
    height: ClassVar[str] = "650px"
    # a blank row under the bars holds the legend (bqplot's own legend would cover the bars)
    legend_x: ClassVar[tuple[float, ...]] = (0.06, 0.36, 0.72)

    def build(self) -> None:
        self.y_scale = bq.OrdinalScale(reverse=True)
        self.x_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        rows = {"x": self.y_scale, "y": self.x_scale}   # horizontal bars: rows along the vertical
        marks_s = {"x": self.x_scale, "y": self.y_scale}
        self.bars = bq.Bars(x=["a"], y=np.zeros((3, 1)), scales=rows, orientation="horizontal", type="stacked",
                            colors=[GAIN_COLOUR, UNCHANGED_COLOUR, LOSS_COLOUR], padding=0.2)
        self.values = bq.Label(x=[0.01], y=["a"], text=[""], scales=marks_s, colors=["black"], default_size=10,
                               align="start", visible=False)
        left = self.margin["left"]
        self.headings = bq.Label(x=[0.0], y=["a"], text=[""], scales=marks_s, colors=[NEW_COLOUR],
                                 default_size=12, align="start", x_offset=6 - left, apply_clip=False)
        self.legend_keys = bq.Scatter(x=list(self.legend_x), y=["a"] * 3, scales=marks_s, marker="square",
                                      colors=[GAIN_COLOUR, UNCHANGED_COLOUR, LOSS_COLOUR], default_size=90)
        self.legend_text = bq.Label(x=list(self.legend_x), y=["a"] * 3, text=["", "", ""], scales=marks_s,
                                    colors=["#333333"] * 3, default_size=12, align="start", x_offset=10,
                                    y_offset=4, font_weight="normal")
        self.unknown = _unknown_label(marks_s)
        self.y_axis = bq.Axis(scale=self.y_scale, side="left",
                              tick_style={"font-size": "11px"})
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format=".0%", tick_values=np.linspace(0, 1, 6))
        self.figure = figure([self.bars, self.values, self.headings, self.legend_keys, self.legend_text,
                              self.unknown], [self.y_axis, self.x_axis], self.css_class, height=self.height,
                             margin=self.margin)

    def make_data(self, r, s, lang) -> dict:
        return shares_data(s, lang)

    @staticmethod
    def row_keys(layout: list) -> list[str]:
        """One distinct name per row of the ordinal scale: the row's label (a repeated label, such
        as Q1 for wages and for pensions, gets trailing spaces, which the browser does not draw),
        blanks for the headings (drawn by a text mark in their colour), and a blank legend row."""
        keys, blanks = [], 0
        for label, table, _ in layout:
            if table is None:
                blanks += 1
                keys.append(" " * blanks)
            else:
                key = label
                while key in keys:
                    key += " "
                keys.append(key)
        return [*keys, " " * (blanks + 1)]

    def show(self, lang: str) -> None:
        d = self.data
        layout = d["layout"]
        keys = self.row_keys(layout)
        is_row = [t is not None for _, t, _ in layout]
        row_keys = [k for k, row in zip(keys, is_row) if row]
        w = d["widths"]
        none_known = bool(d["unknown"])
        self._set_title(self.figure, TXT["share_title"][lang])
        set_changed(self.y_scale, domain=keys)
        set_changed(self.bars, x=row_keys, y=np.vstack([w["gains"], w["unchanged"], w["loses"]]),
                    labels=[TXT[k][lang] for k in ("gains", "unchanged", "loses")])
        colours = ["white" if c and gi > 0.08 else "black" for gi, c in zip(d["gain"], d["count"])]
        set_changed(self.values, x=[0.01] * len(row_keys), y=row_keys, text=list(d["labels"]), colors=colours,
                    visible=not none_known)
        heads = [(k, label) for k, (label, t, _) in zip(keys, layout) if t is None]
        set_changed(self.headings, x=[0.0] * len(heads), y=[k for k, _ in heads], text=[h for _, h in heads])
        set_changed(self.legend_keys, y=[keys[-1]] * 3)
        set_changed(self.legend_text, y=[keys[-1]] * 3, text=[TXT[k][lang] for k in ("gains", "unchanged", "loses")])
        set_changed(self.unknown, x=[0.5], y=[row_keys[len(row_keys) // 2]], text=[TXT["unknown"][lang]],
                    visible=none_known)


class LiveFlows(_LiveChart):
    """Per enrollee a year, by status and for all: credit moved out of accounts vs extra reimbursement."""

    key = "flows"
    css_class = "medinsure-population-flows"

    def build(self) -> None:
        self.x_scale = bq.OrdinalScale()
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        self.bars = bq.Bars(x=["a"], y=np.zeros((2, 1)), scales=s, type="grouped", colors=[OLD_COLOUR, GAIN_COLOUR],
                            padding=0.2, display_legend=True, labels=["", ""], label_display=True,
                            label_display_format=",.0f", label_font_style={"font-size": "11px"})
        # where a value is not known, one label per group ("未知 / 541"): the bars' own labels would print 0
        self.value_labels = bq.Label(x=["a"], y=[0.0], text=[""], scales=s, colors=["#333333"], default_size=11,
                                     align="middle", font_weight="normal", visible=False)
        self.unknown = bq.Label(x=["a"], y=[0.5], text=[""], scales=s, colors=[UNKNOWN_COLOUR], default_size=14,
                                align="middle", visible=False)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_style={"font-size": "12px"})
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f", grid_lines="none", num_ticks=6)
        self.figure = figure([self.bars, self.value_labels, self.unknown], [self.x_axis, self.y_axis],
                             self.css_class, height="330px", margin={**MARGIN, "top": TOP_MARGIN, "left": 60},
                             legend_location="top-left", **_legend("11px"))

    def make_data(self, r, s, lang) -> dict:
        return flows_data(s, lang)

    def show(self, lang: str) -> None:
        d = self.data
        moved, back = d["moved"], d["returned"]
        values = np.concatenate([moved, back])
        lo, hi = limits(values, pad=0.35)
        lo, hi = self._sticky(self.y_scale, lo, hi)
        missing = ~np.isfinite(values)
        self._set_title(self.figure, TXT["flows_title"][lang])
        set_changed(self.y_scale, min=float(lo), max=float(hi))
        set_changed(self.x_scale, domain=list(d["names"]))
        set_changed(self.bars, x=list(d["names"]), y=np.vstack([clean(moved), clean(back)]),
                    labels=[TXT["moved"][lang], TXT["returned"][lang]], label_display=not missing.any())
        set_changed(self.y_axis, visible=not missing.all())
        if missing.any() and not missing.all():
            def text(v: float) -> str:
                return SHORT_UNKNOWN[lang] if math.isnan(v) else f"{v:,.0f}"
            heights = [max([v for v in (m, b) if not math.isnan(v)], default=0.0) for m, b in zip(moved, back)]
            set_changed(self.value_labels, x=list(d["names"]), text=[f"{text(m)} / {text(b)}" for m, b in zip(moved, back)],
                        y=[h + (hi - lo) * 0.05 for h in heights], visible=True)
        else:
            set_changed(self.value_labels, x=list(d["names"]), y=[0.0] * len(d["names"]),
                        text=[""] * len(d["names"]), visible=False)
        set_changed(self.unknown, x=[d["names"][1]], y=[(lo + hi) / 2], text=[TXT["unknown"][lang]],
                    visible=bool(d["unknown"]))


class LiveDistribution(_LiveChart):
    """Left: histogram of the gain by status (stacked). Right: concentration of the yearly credit."""

    key = "distribution"
    css_class = "medinsure-population-distribution"
    height: ClassVar[str] = "310px"

    def build(self) -> None:
        self.x_scale = bq.LinearScale(min=-1.0, max=1.0, allow_padding=False)
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        zeros = np.zeros(HIST_BINS)
        self.bars = bq.Bars(x=np.linspace(0.0, 1.0, HIST_BINS), y=np.vstack([zeros] * len(STATUSES)), scales=s,
                            type="stacked", colors=[STATUS_COLOURS[n] for n in STATUSES], padding=0.0,
                            stroke_width=0.0, labels=[""] * len(STATUSES), display_legend=True)
        self.zero = bq.Lines(x=[0.0, 0.0], y=[0.0, 1.0], scales=s, colors=["black"], stroke_width=0.8)
        self.unknown = _unknown_label(s)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format=",.0f", label_offset="34px")
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f", grid_lines="none")
        margin = {**MARGIN, "top": TOP_MARGIN, "left": 60, "right": 24}
        self.figure = figure([self.bars, self.zero, self.unknown], [self.x_axis, self.y_axis], self.css_class,
                             height=self.height, margin=margin, legend_location="top-left",
                             **_legend())
        self.c_x = bq.LinearScale(min=-0.02, max=1.02, allow_padding=False)
        self.c_y = bq.LinearScale(min=-0.02, max=1.02, allow_padding=False)
        c = {"x": self.c_x, "y": self.c_y}
        fr = np.array((0.0, 1.0))
        self.curves = {regime: bq.Lines(x=fr, y=fr, scales=c, colors=[colour], marker="circle", marker_size=14,
                                        stroke_width=1.8, labels=[""], display_legend=True)
                       for regime, colour in (("old", OLD_COLOUR), ("new", NEW_COLOUR))}
        self.diagonal = bq.Lines(x=[0.0, 1.0], y=[0.0, 1.0], scales=c, colors=["#999999"], line_style="dotted",
                                 stroke_width=1.0)
        self.c_unknown = _unknown_label(c)
        self.c_x_axis = bq.Axis(scale=self.c_x, tick_format=".0%", tick_values=np.linspace(0, 1, 6),
                                label_offset="34px")
        self.c_y_axis = bq.Axis(scale=self.c_y, side="left", tick_format=".0%", tick_values=np.linspace(0, 1, 6),
                                grid_lines="none", label_offset="50px")
        self.figure2 = figure([self.diagonal, *self.curves.values(), self.c_unknown], [self.c_x_axis, self.c_y_axis],
                              self.css_class + "-concentration", height=self.height,
                              margin={**MARGIN, "top": TOP_MARGIN, "left": 72, "right": 20}, legend_location="top-left",
                              **_legend())
        self.cells = [(self.figure, 1.4, "300px"), (self.figure2, 1.0, "240px")]

    @property
    def figures(self) -> list[bq.Figure]:
        return [self.figure, self.figure2]

    def make_data(self, r, s, lang) -> dict:
        return distribution_data(r, s)

    def show(self, lang: str) -> None:
        d = self.data
        t = {k: v[lang] for k, v in TXT.items()}
        self._set_title(self.figure, t["dist_title"])
        set_changed(self.x_axis, label=t["gain_y"])
        set_changed(self.bars, labels=[words.STATUS[n][lang] for n in STATUSES])
        if d["edges"] is not None:
            edges = np.asarray(d["edges"])
            counts = np.vstack([d["counts"][n] for n in STATUSES]).astype(float)
            top = float(counts.sum(axis=0).max())
            x_lo, x_hi = self._sticky(self.x_scale, float(edges[0]), float(edges[-1]))
            _, y_hi = self._sticky(self.y_scale, 0.0, max(top, 1.0) * 1.08)
            set_changed(self.x_scale, min=x_lo, max=x_hi)
            set_changed(self.x_axis, tick_values=nice_ticks(x_lo, x_hi))
            set_changed(self.y_scale, min=0.0, max=y_hi)
            set_changed(self.bars, x=(edges[:-1] + edges[1:]) / 2, y=counts, visible=True)
            set_changed(self.x_axis, visible=True)
            set_changed(self.y_axis, visible=True)
            set_changed(self.zero, y=[0.0, float(y_hi)], visible=True)
            set_changed(self.unknown, visible=False)
        else:
            set_changed(self.bars, visible=False)
            set_changed(self.zero, visible=False)
            set_changed(self.x_axis, visible=False)
            set_changed(self.y_axis, visible=False)
            set_changed(self.unknown, x=[(self.x_scale.min + self.x_scale.max) / 2],
                        y=[(self.y_scale.min + self.y_scale.max) / 2], text=[t["unknown"]], visible=True)
        self._set_title(self.figure2, t["conc_title"])
        set_changed(self.c_x_axis, label=t["conc_x"])
        set_changed(self.c_y_axis, label=t["conc_y"])
        curves = d["concentration"]
        fr = np.asarray(d["fractions"])
        for regime, line in self.curves.items():
            if curves[regime] is None:   # not known: no curve (a NaN point would be drawn nowhere)
                set_changed(line, labels=[t[regime]], visible=False, display_legend=False)
            else:
                set_changed(line, x=fr, y=np.asarray(curves[regime]), labels=[t[regime]], visible=True,
                            display_legend=True)
        drawn = any(curves[k] is not None for k in ("old", "new"))
        set_changed(self.c_unknown, x=[0.5], y=[0.5], text=[t["unknown"]], visible=not drawn)


LIVE_CHARTS = {"age": LiveAge, "shares": LiveShares, "flows": LiveFlows, "distribution": LiveDistribution}

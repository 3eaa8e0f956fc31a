"""The household charts drawn in the browser (bqplot): the kernel sends numbers, not pictures.

A slider move sets a few arrays and limits on the marks; bqplot sends them as binary buffers and
the browser draws with its own fonts (Chinese via the system's CJK font). Only values that
changed are sent, and each widget's changes go in one message (``hold_sync``). The exported
PNG/SVG stay on matplotlib (``views/charts/household.py``), drawn only when asked.
Why bqplot and not plotly's FigureWidget: see README, "Live charts".
"""

from __future__ import annotations

import math

import bqplot as bq
import numpy as np

from medinsure.views.charts.common import GAIN_COLOUR, LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR, OTHER_COLOURS
from medinsure.views.charts.household_data import TEXT
from medinsure.views.charts.live_common import clean as _clean
from medinsure.views.charts.live_common import figure as _figure
from medinsure.views.charts.live_common import legend as _legend
from medinsure.views.charts.live_common import set_changed as _set
from medinsure.views.words import money


def _beside(x: float, x_top: float, gap: int) -> dict:
    """A label right of its point, or left of it in the right part of the frame (not cut off)."""
    if x_top > 0 and x > 0.6 * x_top:
        return {"align": "end", "x_offset": -gap}
    return {"align": "start", "x_offset": gap}


class LiveBars:
    """Grouped bars, old vs new: account credit, outpatient reimbursement, total."""

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.OrdinalScale()
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        scales = {"x": self.x_scale, "y": self.y_scale}
        self.bars = bq.Bars(x=["", " ", "  "], y=np.zeros((2, 3)), scales=scales, type="grouped",
                            colors=[OLD_COLOUR, NEW_COLOUR], display_legend=True, padding=0.2,
                            label_display=True, label_display_format=",.0f",
                            label_font_style={"font-size": "11px"})
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f",
                              grid_lines="none")
        # where a value was not found: one label per category, before → after ("未查到 → 1,920"),
        # since the bars' own labels would print 0
        self.unknown_labels = bq.Label(x=[""], y=[0.0], text=[""], scales=scales, colors=["#333333"],
                                       default_size=11, align="middle", visible=False)
        self.figure = _figure([self.bars, self.unknown_labels],
                              [bq.Axis(scale=self.x_scale, tick_style={"font-size": "12px"}), self.y_axis],
                              "medinsure-bars", legend_location="top-left", **_legend())
        self.data: dict = {}
        self.lang = lang

    def update(self, data: dict, lang: str) -> None:
        """Show ``data`` (from :func:`~medinsure.views.charts.household_data.bars_data`)."""
        self.data, self.lang = data, lang
        _set(self.figure, title=TEXT["bars_title"][lang])
        _set(self.y_scale, min=float(data["ylim"][0]), max=float(data["ylim"][1]))
        olds, news = data["old"], data["new"]
        missing = [math.isnan(o) or math.isnan(n) for o, n in zip(olds, news)]
        _set(self.bars, x=list(data["categories"]), labels=[TEXT["old"][lang], TEXT["new"][lang]],
             y=np.vstack([_clean(olds), _clean(news)]), label_display=not any(missing))
        _set(self.y_axis, visible=not all(missing))
        if any(missing):
            lo, hi = (float(v) for v in data["ylim"])
            def value(v: float) -> str:
                return TEXT["not_found"][lang] if math.isnan(v) else f"{v:,.0f}"
            texts = [value(o) if math.isnan(o) and math.isnan(n) else f"{value(o)} → {value(n)}"
                     for o, n in zip(olds, news)]
            heights = [max([v for v in (o, n) if not math.isnan(v)], default=0.0) for o, n in zip(olds, news)]
            _set(self.unknown_labels, x=list(data["categories"]), text=texts, visible=True,
                 y=[h + (hi - lo) * 0.06 for h in heights])
        else:
            _set(self.unknown_labels, visible=False)

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The same bars drawn by matplotlib (PNG/SVG with ``footer``), only when asked."""
        return self.export_chart().export(fmt, footer)

    def export_chart(self):
        """The matplotlib chart (``CreditBars``) with the shown numbers."""
        from medinsure.views.charts.household import CreditBars

        d = self.data
        chart = CreditBars(self.lang)
        chart.update(d["old"][0], d["new"][0], d["old"][1], d["new"][1], self.lang)
        return chart

    def texts(self) -> list[str]:
        """Every string the live chart shows."""
        return [self.figure.title, *self.bars.x, *self.bars.labels,
                *(self.unknown_labels.text if self.unknown_labels.visible else [])]


class LiveCurve:
    """Resources gain against yearly outpatient spending, with break-even and current spending."""

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.y_scale = bq.LinearScale(min=-1.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        self.line = bq.Lines(x=[0.0, 1.0], y=[0.0, 0.0], scales=s, colors=[NEW_COLOUR], stroke_width=2)
        self.others = bq.Lines(x=[0.0, 1.0], y=[[0.0, 0.0]], scales=s, colors=list(OTHER_COLOURS),
                               line_style="dashed", stroke_width=1.4, visible=False)
        self.zero = bq.Lines(x=[0.0, 1.0], y=[0.0, 0.0], scales=s, colors=["black"], stroke_width=0.8)
        self.be_line = bq.Lines(x=[0.0, 0.0], y=[-1.0, 1.0], scales=s, colors=[GAIN_COLOUR],
                                line_style="dotted", stroke_width=1.5, visible=False)
        self.be_label = bq.Label(x=[0.0], y=[0.0], text=[""], scales=s, colors=[GAIN_COLOUR],
                                 default_size=12, align="start", x_offset=4, visible=False)
        self.point = bq.Scatter(x=[0.0], y=[0.0], scales=s, colors=[GAIN_COLOUR], default_size=64,
                                visible=False)
        self.point_label = bq.Label(x=[0.0], y=[0.0], text=[""], scales=s, colors=["black"],
                                    default_size=12, x_offset=8, y_offset=-8, visible=False)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format=",.0f", num_ticks=6)
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f",
                              label_offset="60px", grid_lines="none")
        # says so in the frame when a rule the curve needs was not found
        self.unknown_label = bq.Label(x=[0.5], y=[0.0], text=[""], scales=s, colors=["#555555"],
                                      default_size=13, align="middle", visible=False)
        marks = [self.zero, self.line, self.others, self.be_line, self.be_label, self.point, self.point_label,
                 self.unknown_label]
        self.figure = _figure(marks, [self.x_axis, self.y_axis], "medinsure-curve", legend_location="top-left",
                              **_legend())
        self.data: dict = {}
        self.lang = lang

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The same curve drawn by matplotlib (PNG/SVG with ``footer``), only when asked."""
        return self.export_chart().export(fmt, footer)

    def export_chart(self):
        """The matplotlib chart (``GainCurve``) with the shown numbers."""
        from medinsure.views.charts.household import GainCurve

        d = self.data
        chart = GainCurve(self.lang)
        chart.update(d["spending"], d["gain"], d["current"], d["break_even"], d["others"],
                     d["main_label"], self.lang)
        return chart

    def texts(self) -> list[str]:
        """Every string the live chart shows."""
        out = [self.figure.title, self.x_axis.label, self.y_axis.label]
        for mark in (self.line, self.others, self.point_label, self.be_label, self.unknown_label):
            if mark.visible:
                out += list(getattr(mark, "text", [])) + (list(mark.labels) if mark.display_legend else [])
        return out

    def update(self, data: dict, lang: str) -> None:
        """Show ``data`` (from :func:`~medinsure.views.charts.household_data.curve_data`)."""
        self.data, self.lang = data, lang
        t = {k: v[lang] for k, v in TEXT.items()}
        lo, hi = (float(v) for v in data["ylim"])
        x_top = float(data["xlim"][1])
        _set(self.figure, title=t["curve_title"])
        _set(self.x_axis, label=t["x"])
        _set(self.y_axis, label=t["y"])
        _set(self.x_scale, min=0.0, max=x_top)
        _set(self.y_scale, min=lo, max=hi)
        others = data["others"]
        _set(self.line, x=np.asarray(data["spending"]), y=np.asarray(data["gain"]),
             labels=[data["main_label"] or " "], display_legend=bool(others))
        if others:
            _set(self.others, x=np.asarray(data["spending"]), y=np.vstack([g for _, g in others]),
                 labels=[name for name, _ in others], display_legend=True, visible=True)
        else:
            _set(self.others, visible=False, display_legend=False)
        _set(self.zero, x=[0.0, x_top])
        x_now, y_now = data["current"]
        if y_now is None or math.isnan(y_now):
            _set(self.point, visible=False)
            _set(self.point_label, visible=False)
        else:
            colour = GAIN_COLOUR if y_now >= 0 else LOSS_COLOUR
            _set(self.point, x=[float(x_now)], y=[float(y_now)], colors=[colour], visible=True)
            _set(self.point_label, x=[float(x_now)], y=[float(y_now)], visible=True,
                 text=[f"{t['you']} {money(y_now, lang)}"], **_beside(x_now, x_top, 8))
        unknown = data.get("unknown")
        if unknown:
            _set(self.unknown_label, x=[x_top / 2], y=[lo + (hi - lo) * (0.7 if unknown == "all" else 0.9)],
                 text=[t[f"curve_unknown_{unknown}"]], visible=True)
        else:
            _set(self.unknown_label, visible=False)
        be = data["break_even"]
        if be is None:
            _set(self.be_line, visible=False)
            _set(self.be_label, visible=False)
        else:
            _set(self.be_line, x=[float(be), float(be)], y=[lo, hi], visible=True)
            _set(self.be_label, x=[float(be)], y=[lo + (hi - lo) * 0.04], visible=True,
                 text=[f"{t['break_even']} {be:,.0f}"], **_beside(be, x_top, 4))

"""The flexible-employment chart drawn in the browser (bqplot): the kernel sends numbers, not pictures.

Grouped horizontal bars, one group per region with at least one known number: contribution,
account credit and outpatient reimbursement a year. A number that is not known is a grey "未知"
/ "n/k" label at the axis, never a bar of 0; a known 0 is labelled "0". The region's name stands
above its group (the focus region in red), so long names need no wide margin and fit a phone.
The regions where nothing is known are named in a note under the chart. The figure grows with
the number of regions. The title and the note are HTML (``title_html``, ``note_html``) for the app to
show above and under the figure: they wrap on a phone, where an SVG title is cut. The export (PNG/SVG) is the matplotlib chart of ``charts/flexible.py``,
drawn from the same rows only when asked.
"""

from __future__ import annotations

import html
import re

import bqplot as bq
import numpy as np

from medinsure.views.charts.common import sticky_limits
from medinsure.views.charts.flexible import CHART, SERIES, values_of
from medinsure.views.charts.live_common import clean, figure, set_changed

FOCUS_COLOUR = "#c62828"
UNKNOWN_COLOUR = "#777777"
STEP = 64            # pixels per region (name above, three bars)
PADDING = 0.4        # the part of a step between two groups (the name stands in it)
MARGIN = {"top": 8, "bottom": 36, "left": 12, "right": 32}
LEGEND_ROW = " "     # an empty row at the bottom where the legend stands, clear of every bar
TITLE_STYLE = "font-size:13px;font-weight:600;text-align:center;margin:4px 8px 2px;line-height:1.35"
NOTE_STYLE = "font-size:12px;color:#555;line-height:1.4;margin:0 8px"


def title_html(text: str) -> str:
    """The chart's title above the figure: it wraps on a narrow screen, where an SVG title is cut."""
    return f"<div class='medinsure-chart-title' style='{TITLE_STYLE}'>{html.escape(text)}</div>"


def _bar_offsets() -> list[float]:
    """Where the three bars' centres are, from the group's centre, in rows (up positive, top bar first)."""
    width = (1 - PADDING) / len(SERIES)
    return [((len(SERIES) - 1) / 2 - j) * width for j in range(len(SERIES))]


class LiveFlexibleChart:
    """The regions chart. ``figure`` is the bqplot figure (CSS class ``medinsure-flexible-chart``),
    ``title_html`` its title and ``note_html`` the line naming the regions where nothing is known."""

    def __init__(self, lang: str = "zh") -> None:
        self.y_scale = bq.OrdinalScale(reverse=True)       # the first region at the top
        self.x_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.frame_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        # the rows as numbers (0 = bottom row): its band centres are the ordinal scale's, whatever
        # the figure's height, so the labels stand on their bars
        self.row_scale = bq.LinearScale(min=-0.5, max=0.5, allow_padding=False)
        s = {"x": self.y_scale, "y": self.x_scale}          # horizontal bars: x holds the categories
        self.bars = bq.Bars(x=["-"], y=np.zeros((len(SERIES), 1)), scales=s, type="grouped",
                            orientation="horizontal", colors=[c for _, _, c in SERIES], padding=PADDING,
                            labels=[CHART[k][lang] for k, _, _ in SERIES])
        ls = {"x": self.x_scale, "y": self.row_scale}
        # one label mark per series (y_offset 4: the text's middle on the bar's)
        self.values = [bq.Label(x=[0.0], y=[0.0], text=[""], scales=ls, colors=["black"], default_size=11,
                                align="start", x_offset=4, y_offset=4, font_weight="normal", apply_clip=False)
                       for _ in SERIES]
        self.names = bq.Label(x=[0.0], y=[0.0], text=[""], scales=ls, colors=["black"], default_size=12,
                              align="start", x_offset=1, y_offset=-7, font_weight="bold", apply_clip=False)
        # the legend, in its own row under the last group: a coloured square and the series' name
        legend_y = np.array(_bar_offsets()) * 1.3
        self.legend_keys = bq.Label(x=np.zeros(len(SERIES)), y=legend_y, text=["■"] * len(SERIES), scales=ls,
                                    colors=[c for _, _, c in SERIES], default_size=14, align="start",
                                    x_offset=4, y_offset=5, font_weight="normal", apply_clip=False)
        self.legend = bq.Label(x=np.zeros(len(SERIES)), y=legend_y, text=[CHART[k][lang] for k, _, _ in SERIES],
                               scales=ls, colors=["#333333"], default_size=12, align="start", x_offset=22,
                               y_offset=4, font_weight="normal", apply_clip=False)
        fs = {"x": self.x_scale, "y": self.frame_scale}
        self.spine = bq.Lines(x=[0.0, 0.0], y=[0.0, 1.0], scales=fs, colors=["#333333"], stroke_width=1)
        # nothing known anywhere: said in the frame
        self.empty = bq.Label(x=[0.5], y=[0.5], text=[""], scales=fs, colors=["#555555"], default_size=13,
                              align="middle", visible=False)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format=",.0f", num_ticks=5, grid_lines="none")
        marks = [self.spine, self.bars, *self.values, self.names, self.legend_keys, self.legend, self.empty]
        # padding_y 0: the ordinal bands fill the frame, as the row scale does
        self.figure = figure(marks, [self.x_axis], "medinsure-flexible-chart", height=self._height(1),
                             margin=MARGIN, padding_y=0.0)
        self.title_html = ""
        self.note_html = ""
        self.data: dict = {}
        self.rows: list = []
        self.focus = ""
        self.lang = lang
        self._key: tuple | None = None
        self._xlim: tuple[float, float] | None = None

    @staticmethod
    def _height(n: int) -> str:
        return f"{MARGIN['top'] + MARGIN['bottom'] + STEP * (max(n, 1) + 1)}px"   # + the legend's row

    def update(self, rows: list, focus: str, lang: str) -> None:
        """Show ``rows`` (from :func:`medinsure.flexible.compare_regions`) with ``focus``'s name in
        red. ``data`` then holds what the matplotlib chart's ``.data`` would: regions shown (bottom
        first, as drawn there), regions hidden, and the three series (None where not known)."""
        shown = [r for r in rows if any(v is not None for v in values_of(r))]      # top first
        hidden = [r for r in rows if not any(v is not None for v in values_of(r))]
        data = {"regions": [r.region for r in shown][::-1], "hidden": [r.region for r in hidden],
                **{k: [values_of(r)[j] for r in shown][::-1] for j, (k, _, _) in enumerate(SERIES)}}
        key = (repr(data), tuple(r.name[lang] for r in rows), focus, lang)
        if key == self._key:        # nothing the chart shows changed (e.g. only the age moved)
            self.rows = list(rows)
            return
        self._key, self.rows, self.focus, self.lang, self.data = key, list(rows), focus, lang, data
        t = {k: v[lang] for k, v in CHART.items()}
        self.title_html = title_html(t["title"].replace("\n", " "))
        set_changed(self.figure.layout, height=self._height(len(shown)))
        known = [v for r in shown for v in values_of(r) if v is not None]
        lo, hi = self._xlim = sticky_limits(self._xlim, 0.0, max(known + [100.0]) * 1.25)
        set_changed(self.x_scale, min=float(lo), max=float(hi))
        if not shown:
            set_changed(self.empty, x=[hi / 2], text=[t["none_known"].rstrip("：: ")], visible=True)
            for m in (self.bars, *self.values, self.names, self.legend_keys, self.legend):
                set_changed(m, visible=False)
        else:
            n = len(shown)
            rows_up = np.arange(n, 0, -1, dtype=float)          # the legend's row is 0
            set_changed(self.row_scale, min=-0.5, max=n + 0.5)
            set_changed(self.empty, visible=False)
            set_changed(self.bars, x=[r.region for r in shown] + [LEGEND_ROW], visible=True,
                        labels=[t[k] for k, _, _ in SERIES],
                        y=np.vstack([np.append(clean([values_of(r)[j] for r in shown]), 0.0)
                                     for j in range(len(SERIES))]))
            for j, (mark, off) in enumerate(zip(self.values, _bar_offsets())):
                vals = [values_of(r)[j] for r in shown]
                set_changed(mark, x=clean(vals), y=rows_up + off, visible=True,
                            text=[t["unknown"] if v is None else f"{v:,.0f}" for v in vals],
                            colors=[UNKNOWN_COLOUR if v is None else "black" for v in vals])
            set_changed(self.legend_keys, visible=True)
            set_changed(self.legend, text=[t[k] for k, _, _ in SERIES], visible=True)
            set_changed(self.names, x=np.zeros(n), y=rows_up + (1 - PADDING) / 2, visible=True,
                        text=[r.name[lang] for r in shown],
                        colors=[FOCUS_COLOUR if r.region == focus else "black" for r in shown])
        if hidden:
            sep = "、" if lang == "zh" else ", "
            self.note_html = (f"<div style='{NOTE_STYLE}'>"
                               f"{html.escape(t['none_known'])}{html.escape(sep.join(r.name[lang] for r in hidden))}"
                               f"</div>")
        else:
            self.note_html = ""

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The same chart drawn by matplotlib (PNG/SVG with ``footer``), only when asked."""
        return self.export_chart().export(fmt, footer)

    def export_chart(self):
        """The matplotlib chart (``FlexibleChart``) of the rows last shown."""
        from medinsure.views.charts.flexible import FlexibleChart

        chart = FlexibleChart()
        chart.update(self.rows, self.focus, self.lang, render=False)
        return chart

    def texts(self) -> list[str]:
        """Every string the live chart shows (title, legend, names, values, the note)."""
        out = [_text(self.title_html)]
        for mark in (*self.values, self.names, self.legend, self.empty):
            if mark.visible:
                out += [str(t) for t in mark.text]
        out.append(_text(self.note_html))
        return [t for t in out if t]


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()

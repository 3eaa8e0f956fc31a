"""The fund page's charts drawn in the browser (bqplot): the kernel sends numbers, not pictures.

Three charts, as the matplotlib figures of ``charts/fund.py`` draw them:

* :class:`LiveShare`: pooled fund and accounts stacked by year, the accounts' share on top; a year
  without both figures from one release is an empty dashed box with "?" and "未知" under it (never a
  bar of 0); quick-report bars are hatched.
* :class:`LiveHunan`: 100 % bars, pooled vs accounts, nation vs Hunan.
* :class:`LiveOutpatient`: outpatient benefit uses by year (an unknown year is an empty box with what
  is known of it) beside the in-province mutual-aid uses.

The bars are drawn as filled polygons on linear scales, so hatching, dashed boxes and labels sit
exactly where the numbers say. Each chart gives its title and note as HTML (``title_html``,
``note_html``) for the app to show above and under the figure: they wrap on a phone. A change of basis or release sends only the share chart's new numbers;
a change of language sends only texts. The exports (PNG/SVG) are the matplotlib figures, drawn from
the same inputs only when asked.
"""

from __future__ import annotations

import html
import math
import re

import bqplot as bq
import numpy as np

from medinsure import fund
from medinsure.errors import InvalidInput
from medinsure.fund import RELEASE_LABEL, UNITS
from medinsure.rules import load_region
from medinsure.views.charts.common import NEW_COLOUR
from medinsure.views.charts.fund import ACCOUNT_COLOUR, POOLED_COLOUR, TXT, UNKNOWN_COLOUR
from medinsure.views.charts.live_common import figure, set_changed
from medinsure.views.fund import BASIS_LABEL, format_value, years_text
from medinsure.views.words import percent

TITLE_STYLE = "font-size:13px;font-weight:600;text-align:center;margin:4px 8px 2px;line-height:1.35"
NOTE_STYLE = "font-size:12px;color:#555;line-height:1.45;margin:0 8px"
BAR = 0.6                       # a bar's width, in columns
GREY = "#555555"


# --------------------------------------------------------------------------- the numbers
def share_data(basis: str = "balance", release: str | None = None) -> dict:
    """The share chart's numbers: every year of the topic, with the release, pooled fund, accounts
    and the accounts' share where one release gives both figures (None elsewhere)."""
    pts = {d.year: d for d in fund.share_points(basis, release)}
    years = list(fund.topic_years("employee_fund"))
    top = max([d.inputs[0].value + d.inputs[1].value for d in pts.values()] + [1.0])
    return {"basis": basis, "release": release, "years": years,
            "releases": [pts[y].release if y in pts else None for y in years],
            "pooled": [pts[y].inputs[0].value if y in pts else None for y in years],
            "accounts": [pts[y].inputs[1].value if y in pts else None for y in years],
            "share": [pts[y].value if y in pts else None for y in years],
            "missing": [y for y in years if y not in pts], "top": top}


def hunan_data() -> dict:
    """The nation's and Hunan's split of the employee fund's balance (shares of 1)."""
    nat, hun, stated = fund.hunan_shares()
    return {"year": hun.year, "areas": ["national", "hunan"], "releases": [nat.release, hun.release],
            "accounts": [nat.value, hun.value], "pooled": [1 - nat.value, 1 - hun.value],
            "stated": stated.value, "stated_figure": stated}


def outpatient_data() -> dict:
    """Outpatient benefit uses by year (quick reports; None where not known, with the growth the
    report gives where it gives one) and the in-province mutual-aid uses."""
    uses = fund.series("benefit_use.outpatient_benefit_uses", release="kuaibao", with_unknown=True)
    aid = fund.figure("mutual_aid_use.inprovince_mutual_aid_uses", max(fund.years()))
    growth = {}
    for p in uses:
        if p.value is None:
            try:
                growth[p.year] = fund.figure("benefit_use.outpatient_benefit_growth", p.year, "kuaibao")
            except InvalidInput:
                growth[p.year] = None
    top = max([p.value for p in uses if p.value is not None] + [aid.value])
    return {"years": [p.year for p in uses], "releases": [p.release for p in uses],
            "uses": [p.value for p in uses], "growth": growth, "aid": aid.value, "aid_year": aid.year,
            "aid_release": aid.release, "top": top,
            "aid_figures": (aid, fund.figure("mutual_aid_use.inprovince_mutual_aid_amount", aid.year),
                            fund.figure("mutual_aid_use.cross_province_areas", aid.year))}


# --------------------------------------------------------------------------- drawing helpers
def rects(left, right, bottom, top) -> tuple[np.ndarray, np.ndarray]:
    """Closed rectangles as polygon lines: x and y arrays of shape (n, 5)."""
    left, right, bottom, top = (np.asarray(v, dtype=float) for v in (left, right, bottom, top))
    x = np.stack([left, right, right, left, left], axis=1)
    y = np.stack([bottom, bottom, top, top, bottom], axis=1)
    return x, y


def hatch(left: float, right: float, bottom: float, top: float, rise: float, step: float) -> list:
    """'//' lines inside a rectangle: segments ((x0, y0), (x1, y1)) of slope rise / width."""
    slope = rise / (right - left)
    out = []
    b = bottom - rise
    while b < top:
        x0, y0 = left, b
        x1, y1 = right, b + rise
        if y0 < bottom:                       # clip at the bottom edge
            x0, y0 = left + (bottom - b) / slope, bottom
        if y1 > top:                          # and at the top
            x1, y1 = left + (top - b) / slope, top
        if x1 > x0:
            out.append(((x0, y0), (x1, y1)))
        b += step
    return out


def polygons(mark: bq.Lines, x: np.ndarray, y: np.ndarray, fill: str) -> None:
    """Show the polygons (x, y) on ``mark``, or hide it when there are none."""
    if len(x) == 0:
        set_changed(mark, visible=False)
    else:
        set_changed(mark, x=x, y=y, fill_colors=[fill] * len(x), visible=True)


def nice_ticks(top: float, n: int = 6) -> tuple[np.ndarray, str]:
    """Round tick values from 0 to ``top`` (about ``n`` of them) and their d3 format."""
    raw = top / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    ticks = np.arange(0.0, top + step * 1e-9, step)
    return ticks, (",.0f" if float(step).is_integer() else ",.1f")


def title_html(text: str) -> str:
    """A chart's title above its figure: it wraps on a narrow screen, where an SVG title is cut."""
    return f"<div class='medinsure-chart-title' style='{TITLE_STYLE}'>{html.escape(text)}</div>"


def note_html(text: str, lang: str) -> str:
    """A note under a chart: the Chinese keeps its line breaks (between sentences); the English
    flows, since the matplotlib chart broke it only for its width."""
    lines = [html.escape(line) for line in text.split("\n")]
    return f"<div style='{NOTE_STYLE}'>" + ("<br>" if lang == "zh" else " ").join(lines) + "</div>"


def two_lines(label: str, lang: str) -> tuple[str, str]:
    """A tick's second line in two, where it has words ("quick report" → "quick", "report"): the
    columns of a phone are narrow."""
    head, _, tail = label.partition(" ") if lang == "en" else (label, "", "")
    return head, tail


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<br>", " ", re.sub(r"<(?!br>)[^>]+>", "", markup))).strip()


def _lines(note: str, width: int = 18) -> list[str]:
    """A note as lines: its own line breaks, and a long line broken after its colon."""
    out = []
    for line in note.split("\n"):
        head, sep, tail = line.partition("：" if "：" in line else ": ")
        out += [head + sep.strip(), tail] if sep and len(line) > width else [line]
    return out


class _LiveChart:
    """What the three charts share: the title and the note as HTML (``title_html``, ``note_html``,
    for the app to show above and under the figure), a legend of coloured squares, texts, export."""

    def _frame(self, marks: list, axes: list, css_class: str, height: str, margin: dict) -> None:
        self.figure = figure(marks, axes, css_class, height=height, margin=margin)
        self.title_html = ""
        self.note_html = ""
        self.data: dict = {}
        self._key: tuple | None = None

    @staticmethod
    def _legend(scales: dict, colours: list, y: list, size: int = 12) -> tuple[bq.Label, bq.Label]:
        keys = bq.Label(x=[0.0] * len(colours), y=y, text=["■"] * len(colours), scales=scales, colors=colours,
                        default_size=size + 2, align="start", y_offset=5, font_weight="normal", apply_clip=False)
        names = bq.Label(x=[0.0] * len(colours), y=y, text=[""] * len(colours), scales=scales,
                         colors=["#333333"], default_size=size, align="start", x_offset=18, y_offset=4,
                         font_weight="normal", apply_clip=False)
        return keys, names

    def texts(self) -> list[str]:
        """Every string the live chart shows: title, tick labels, legend, labels and the note."""
        out = [_text(self.title_html)]
        for axis in self.figure.axes:
            if axis.visible and axis.tick_labels:
                out += [str(v) for v in axis.tick_labels.values()]
        lines = getattr(self, "release_labels", [])
        lines = lines if isinstance(lines, list) else []
        if lines:                          # a label in two lines reads as one
            out += [" ".join(str(t) for t in col if t) for col in zip(*(m.text for m in lines))]
        for mark in self.figure.marks:
            if mark.visible and isinstance(mark, bq.Label) and not any(mark is m for m in lines):
                out += [str(t) for t in mark.text]
        out.append(_text(self.note_html))
        return [t for t in out if t and t != "■"]

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The same chart drawn by matplotlib (PNG/SVG with ``footer``), only when asked."""
        from medinsure.views.exports import figure_bytes

        return figure_bytes(self.export_chart(), fmt, footer or "")


# --------------------------------------------------------------------------- the share chart
class LiveShare(_LiveChart):
    """Stacked bars of the pooled fund and the accounts by year, the accounts' share on top
    (CSS class ``medinsure-share``)."""

    MARGIN = {"top": 10, "bottom": 60, "left": 60, "right": 16}

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.LinearScale(min=-0.6, max=0.6, allow_padding=False)
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        x0, y0 = rects([0.0], [1.0], [0.0], [1.0])
        self.unknown = bq.Lines(x=x0, y=y0, scales=s, colors=[UNKNOWN_COLOUR], line_style="dashed",
                                stroke_width=1.2, visible=False)
        self.question = bq.Label(x=[0.0], y=[0.0], text=["?"], scales=s, colors=[UNKNOWN_COLOUR],
                                 default_size=24, align="middle", y_offset=8, font_weight="normal",
                                 visible=False)
        self.pooled = bq.Lines(x=x0, y=y0, scales=s, colors=["white"], fill="inside", fill_colors=[POOLED_COLOUR],
                               fill_opacities=[1.0], stroke_width=1, visible=False)
        self.accounts = bq.Lines(x=x0, y=y0, scales=s, colors=["white"], fill="inside",
                                 fill_colors=[ACCOUNT_COLOUR], fill_opacities=[1.0], stroke_width=1, visible=False)
        self.hatch = bq.Lines(x=[[0.0, 1.0]], y=[[0.0, 1.0]], scales=s, colors=["white"], stroke_width=1.2,
                              visible=False)
        label = {"scales": s, "default_size": 11, "align": "middle", "font_weight": "normal"}
        self.share_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["black"], y_offset=-7,
                                     **{**label, "default_size": 12})
        self.pooled_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["black"], y_offset=4, **label)
        self.account_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["black"], y_offset=4, **label)
        # the release of each year, under its tick (the matplotlib chart's second tick line), in two
        # lines where it has two words
        self.release_labels = [bq.Label(x=[0.0], y=[0.0], text=[""], colors=["#333333"], y_offset=34 + 13 * k,
                                        apply_clip=False, **label) for k in range(2)]
        self.legend_keys, self.legend = self._legend(s, [POOLED_COLOUR, ACCOUNT_COLOUR], [0.0, 0.0])
        self.x_axis = bq.Axis(scale=self.x_scale, tick_values=[0], tick_labels={}, grid_lines="none",
                              tick_style={"font-size": "12px"})
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f",
                              grid_lines="none", num_ticks=6)
        marks = [self.unknown, self.question, self.pooled, self.accounts, self.hatch, self.share_labels,
                 self.pooled_labels, self.account_labels, *self.release_labels, self.legend_keys, self.legend]
        self._frame(marks, [self.x_axis, self.y_axis], "medinsure-share", "350px", self.MARGIN)
        self.lang = lang

    def update(self, data: dict, lang: str) -> None:
        """Show ``data`` (from :func:`share_data`) in ``lang``; nothing is sent when neither changed."""
        key = (data["basis"], data["release"], lang)
        if key == self._key:
            return
        self._key, self.data, self.lang = key, data, lang
        t = {k: v[lang] for k, v in TXT.items()}
        years, top = data["years"], float(data["top"])
        n = len(years)
        known = [i for i in range(n) if data["share"][i] is not None]
        missing = [i for i in range(n) if data["share"][i] is None]
        self.title_html = title_html(t["share_title"].format(basis=BASIS_LABEL[data["basis"]][lang])
                                      .replace("\n", " "))
        set_changed(self.x_scale, min=-0.6, max=n - 0.4)
        set_changed(self.y_scale, min=0.0, max=top * 1.15)
        ticks, fmt = nice_ticks(top * 1.15)
        set_changed(self.y_axis, tick_values=ticks, tick_format=fmt)
        set_changed(self.x_axis, tick_values=np.arange(n, dtype=float), tick_labels={i: str(y) for i, y in enumerate(years)})
        half = BAR / 2
        xk = np.array(known, dtype=float)
        pooled = np.array([data["pooled"][i] for i in known], dtype=float)
        acct = np.array([data["accounts"][i] for i in known], dtype=float)
        polygons(self.pooled, *rects(xk - half, xk + half, np.zeros(len(known)), pooled), POOLED_COLOUR)
        polygons(self.accounts, *rects(xk - half, xk + half, pooled, pooled + acct), ACCOUNT_COLOUR)
        segments = [seg for i, p, a in zip(known, pooled, acct) if data["releases"][i] == "kuaibao"
                    for seg in hatch(i - half, i + half, 0.0, p + a, top * 0.1, top * 0.045)]
        if segments:
            set_changed(self.hatch, x=np.array([[a[0], b[0]] for a, b in segments]),
                        y=np.array([[a[1], b[1]] for a, b in segments]), colors=["white"], visible=True)
        else:
            set_changed(self.hatch, visible=False)
        xm = np.array(missing, dtype=float)
        if missing:
            ux, uy = rects(xm - half, xm + half, np.zeros(len(missing)), np.full(len(missing), top * 0.3))
            set_changed(self.unknown, x=ux, y=uy, visible=True)
            set_changed(self.question, x=xm, y=np.full(len(missing), top * 0.15), text=["?"] * len(missing),
                        visible=True)
        else:
            set_changed(self.unknown, visible=False)
            set_changed(self.question, visible=False)
        if known:
            set_changed(self.share_labels, x=xk, y=pooled + acct, visible=True,
                        text=[percent(data["share"][i], lang, 2) for i in known])
            set_changed(self.pooled_labels, x=xk, y=pooled / 2, text=[f"{v:,.0f}" for v in pooled], visible=True)
            set_changed(self.account_labels, x=xk, y=pooled + acct / 2, text=[f"{v:,.0f}" for v in acct],
                        visible=True)
        else:
            for m in (self.share_labels, self.pooled_labels, self.account_labels):
                set_changed(m, visible=False)
        lines = [two_lines(RELEASE_LABEL[r][lang] if r else t["unknown_bar"], lang) for r in data["releases"]]
        for k, mark in enumerate(self.release_labels):
            set_changed(mark, x=np.arange(n, dtype=float), y=np.zeros(n), text=[line[k] for line in lines],
                        visible=any(line[k] for line in lines))
        set_changed(self.legend_keys, x=[-0.55, -0.55], y=[top * 1.1, top * 1.02])
        set_changed(self.legend, x=[-0.55, -0.55], y=[top * 1.1, top * 1.02], text=[t["pooled"], t["accounts"]])
        sep = "、" if lang == "zh" else ", "
        have = [(years[i], data["releases"][i]) for i in known]
        self.note_html = note_html(t["share_note"].format(
            have=years_text(have, lang), missing=sep.join(str(years[i]) for i in missing) or t["none"]), lang)

    def export_chart(self):
        """The matplotlib figure (``share_figure``) of the basis and release last shown."""
        from medinsure.views.charts.fund import share_figure

        return share_figure(self.lang, self.data["basis"], self.data["release"])


# --------------------------------------------------------------------------- nation vs Hunan
class LiveHunan(_LiveChart):
    """100 % bars, pooled fund vs accounts, nation vs Hunan (CSS class ``medinsure-hunan``).
    Rows: 1 the nation (top), 0 Hunan; the legend stands below them."""

    MARGIN = {"top": 6, "bottom": 34, "left": 14, "right": 22}

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.y_scale = bq.LinearScale(min=-1.2, max=1.75, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        x0, y0 = rects([0.0], [1.0], [0.0], [1.0])
        self.pooled = bq.Lines(x=x0, y=y0, scales=s, colors=["white"], fill="inside", fill_colors=[POOLED_COLOUR],
                               fill_opacities=[1.0], stroke_width=0.5)
        self.accounts = bq.Lines(x=x0, y=y0, scales=s, colors=["white"], fill="inside",
                                 fill_colors=[ACCOUNT_COLOUR], fill_opacities=[1.0], stroke_width=0.5)
        self.half = bq.Lines(x=[0.5, 0.5], y=[-0.45, 1.45], scales=s, colors=["black"], line_style="dotted",
                             stroke_width=1)
        label = {"scales": s, "default_size": 12, "align": "middle", "font_weight": "normal", "y_offset": 4}
        self.pooled_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["black"], **label)
        self.account_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["white"], **label)
        self.names = bq.Label(x=[0.0, 0.0], y=[1.28, 0.28], text=["", ""], scales=s, colors=["black"],
                              default_size=12, align="start", x_offset=1, y_offset=-6, font_weight="bold",
                              apply_clip=False)
        self.legend_keys, self.legend = self._legend(s, [POOLED_COLOUR, ACCOUNT_COLOUR], [-0.6, -0.9])
        self.x_axis = bq.Axis(scale=self.x_scale, tick_values=[0, 0.25, 0.5, 0.75, 1], tick_format=".0%",
                              grid_lines="none")
        marks = [self.pooled, self.accounts, self.half, self.pooled_labels, self.account_labels, self.names,
                 self.legend_keys, self.legend]
        self._frame(marks, [self.x_axis], "medinsure-hunan", "270px", self.MARGIN)
        self.lang = lang

    def update(self, data: dict, lang: str) -> None:
        """Show ``data`` (from :func:`hunan_data`) in ``lang``."""
        if lang == self._key:
            return
        self._key, self.data, self.lang = lang, data, lang
        t = {k: v[lang] for k, v in TXT.items()}
        rows = np.array([1.0, 0.0])
        pooled, acct = np.array(data["pooled"]), np.array(data["accounts"])
        h = 0.55 / 2
        polygons(self.pooled, *rects([0.0, 0.0], pooled, rows - h, rows + h), POOLED_COLOUR)
        polygons(self.accounts, *rects(pooled, [1.0, 1.0], rows - h, rows + h), ACCOUNT_COLOUR)
        set_changed(self.pooled_labels, x=pooled / 2, y=rows, text=[percent(v, lang, 2) for v in pooled])
        set_changed(self.account_labels, x=pooled + acct / 2, y=rows, text=[percent(v, lang, 2) for v in acct])
        names = [TXT["national"][lang], load_region("hunan").province[lang]]
        set_changed(self.names, text=[f"{name}（{RELEASE_LABEL[r][lang]}）" if lang == "zh"
                                      else f"{name} ({RELEASE_LABEL[r][lang]})"
                                      for name, r in zip(names, data["releases"])])
        set_changed(self.legend, text=[t["pooled"], t["accounts"]])
        self.title_html = title_html(t["hunan_title"].format(year=data["year"]))
        self.note_html = note_html(t["hunan_stated"].format(stated=format_value(data["stated_figure"], lang),
                                                             computed=percent(data["accounts"][1], lang, 2)), lang)

    def export_chart(self):
        """The matplotlib figure (``hunan_figure``)."""
        from medinsure.views.charts.fund import hunan_figure

        return hunan_figure(self.lang)


# --------------------------------------------------------------------------- outpatient uses
class LiveOutpatient(_LiveChart):
    """Outpatient benefit uses by year beside the in-province mutual-aid uses, on one axis
    (100 million uses) (CSS class ``medinsure-outpatient``)."""

    MARGIN = {"top": 10, "bottom": 50, "left": 44, "right": 16}
    GAP = 0.5                   # between the last year and the mutual-aid bar, in columns

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.LinearScale(min=-0.7, max=1.0, allow_padding=False)
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        x0, y0 = rects([0.0], [1.0], [0.0], [1.0])
        self.uses = bq.Lines(x=x0, y=y0, scales=s, colors=[NEW_COLOUR], fill="inside", fill_colors=[NEW_COLOUR],
                             fill_opacities=[1.0], stroke_width=0.5)
        self.aid = bq.Lines(x=x0, y=y0, scales=s, colors=[ACCOUNT_COLOUR], fill="inside",
                            fill_colors=[ACCOUNT_COLOUR], fill_opacities=[1.0], stroke_width=0.5)
        self.unknown = bq.Lines(x=x0, y=y0, scales=s, colors=[UNKNOWN_COLOUR], line_style="dashed",
                                stroke_width=1.2, visible=False)
        self.question = bq.Label(x=[0.0], y=[0.0], text=["?"], scales=s, colors=[UNKNOWN_COLOUR],
                                 default_size=26, align="middle", y_offset=9, font_weight="normal", visible=False)
        label = {"scales": s, "default_size": 11, "align": "middle", "font_weight": "normal"}
        # what is known of an unknown year, up to three lines above its box
        self.unknown_notes = [bq.Label(x=[0.0], y=[0.0], text=[""], colors=[GREY], y_offset=-4 - 14 * (2 - k),
                                       visible=False, **label) for k in range(3)]
        self.value_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["black"], y_offset=-7,
                                     **{**label, "default_size": 12})
        self.release_labels = bq.Label(x=[0.0], y=[0.0], text=[""], colors=["#333333"], y_offset=38,
                                       apply_clip=False, **label)
        self.divider = bq.Lines(x=[0.0, 0.0], y=[0.0, 1.0], scales=s, colors=["#999999"], line_style="dotted",
                                stroke_width=1)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_values=[0], tick_labels={}, grid_lines="none",
                              tick_style={"font-size": "12px"})
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f",
                              grid_lines="none", num_ticks=5)
        marks = [self.divider, self.uses, self.aid, self.unknown, self.question, *self.unknown_notes,
                 self.value_labels, self.release_labels]
        self._frame(marks, [self.x_axis, self.y_axis], "medinsure-outpatient", "340px", self.MARGIN)
        self.lang = lang

    def update(self, data: dict, lang: str) -> None:
        """Show ``data`` (from :func:`outpatient_data`) in ``lang``."""
        if lang == self._key:
            return
        self._key, self.data, self.lang = lang, data, lang
        t = {k: v[lang] for k, v in TXT.items()}
        m, top = len(data["years"]), float(data["top"])
        x_aid = m - 1 + 1 + self.GAP
        half = BAR / 2
        set_changed(self.x_scale, min=-0.7, max=x_aid + 0.7)
        set_changed(self.y_scale, min=0.0, max=top * 1.3)
        ticks, fmt = nice_ticks(top * 1.3)
        set_changed(self.y_axis, tick_values=ticks, tick_format=fmt)
        known = [i for i, v in enumerate(data["uses"]) if v is not None]
        missing = [i for i, v in enumerate(data["uses"]) if v is None]
        xk = np.array(known, dtype=float)
        values = np.array([data["uses"][i] for i in known], dtype=float)
        polygons(self.uses, *rects(xk - half, xk + half, np.zeros(len(known)), values), NEW_COLOUR)
        polygons(self.aid, *rects([x_aid - 0.25], [x_aid + 0.25], [0.0], [data["aid"]]), ACCOUNT_COLOUR)
        aid, amount, areas = data["aid_figures"]
        set_changed(self.value_labels, x=np.append(xk, x_aid), y=np.append(values, data["aid"]),
                    text=[f"{v:g}" for v in values] + [format_value(aid, lang).replace(" " + UNITS[aid.unit][lang], "")])
        if missing:
            xm = np.array(missing, dtype=float)
            ux, uy = rects(xm - half, xm + half, np.zeros(len(missing)), np.full(len(missing), top * 0.9))
            set_changed(self.unknown, x=ux, y=uy, visible=True)
            set_changed(self.question, x=xm, y=np.full(len(missing), top * 0.45), text=["?"] * len(missing),
                        visible=True)
            notes = []
            for i in missing:
                g = data["growth"].get(data["years"][i])
                notes.append(_lines(t["growth_note"].format(g=format_value(g, lang)) if g is not None
                                    else t["unknown_bar"]))
            for k, mark in enumerate(self.unknown_notes):
                # line k of 3, counted from the top; a note of fewer lines sits on the box
                texts = [(note[k - (3 - len(note))] if k >= 3 - len(note) else "") for note in notes]
                set_changed(mark, x=xm, y=np.full(len(missing), top * 0.9), text=texts,
                            visible=any(texts))
        else:
            for mark in (self.unknown, self.question, *self.unknown_notes):
                set_changed(mark, visible=False)
        ticks = list(range(m)) + [x_aid]
        set_changed(self.x_axis, tick_values=np.array(ticks, dtype=float),
                    tick_labels={**{i: str(y) for i, y in enumerate(data["years"])}, x_aid: t["aid_uses"]})
        set_changed(self.release_labels, x=np.array(ticks, dtype=float), y=np.zeros(len(ticks)),
                    text=[RELEASE_LABEL[r][lang] for r in data["releases"]] + [RELEASE_LABEL[data["aid_release"]][lang]])
        set_changed(self.divider, x=[m - 0.5 + self.GAP / 2] * 2, y=[0.0, top * 1.3])
        self.title_html = title_html(t["out_title"])
        aid_title = t["aid_title"].format(year=data["aid_year"]).replace("\n", "" if lang == "zh" else " ")
        colon, semi = ("：", "；") if lang == "zh" else (": ", "; ")
        self.note_html = note_html(f"{aid_title}{colon}{t['aid_uses']} {format_value(aid, lang)}{semi}"
                                    + t["aid_text"].format(amount=format_value(amount, lang),
                                                           areas=format_value(areas, lang)).replace("\n", " "), lang)

    def export_chart(self):
        """The matplotlib figure (``outpatient_figure``)."""
        from medinsure.views.charts.fund import outpatient_figure

        return outpatient_figure(self.lang)

"""The resident-insurance charts drawn in the browser (bqplot): the kernel sends numbers, not pictures.

Two charts: what the fund pays against the in-scope bill, one line per hospital class, with the
yearly cap and the current stay (``LiveInpatient``); and the funding per person a year by group,
individual vs subsidies, beside the national minimum by year (``LiveContribution``, two figures
under one legend). Only values that changed are sent, each widget's in one message. The exported
PNG/SVG stay on matplotlib (``views/charts/resident.py``), drawn from the same data only when asked.

The numbers both draw come from :func:`inpatient_data` and :func:`funding_data` here (no
matplotlib), in the shape of the matplotlib charts' ``.data``.
"""

from __future__ import annotations

import html
import math

import bqplot as bq
import numpy as np

from medinsure.resident import Contribution, InpatientResult, load_place, minimum_funding_series, reimbursement_curve
from medinsure.rules.resident import (
    common_bands,
    contribution_groups_of,
    group_funding,
    hospital_classes_of,
    yearly_cap,
)
from medinsure.views.charts.common import NEW_COLOUR, OLD_COLOUR, OTHER_COLOURS, nice_limit, sticky_limits
from medinsure.views.charts.live_common import clean, figure
from medinsure.views.charts.live_common import set_changed as _set
from medinsure.views.resident import TXT, short_label
from medinsure.views.words import money

CHART_TEXT = {
    "curve_title": {"zh": "住院报销随政策范围内费用变化（元）", "en": "Inpatient reimbursement vs in-scope bill (yuan)"},
    "x": {"zh": "一次住院政策范围内费用（元）", "en": "In-scope cost of the stay (yuan)"},
    "y": {"zh": "基金报销（元）", "en": "Paid by the fund (yuan)"},
    "cap": {"zh": "年度封顶", "en": "yearly cap"},
    "you": {"zh": "当前", "en": "you"},
    "unknown": {"zh": "未知", "en": "n/k"},
    "not_known": {"zh": "本地区起付线或比例未知，无法画出", "en": "Deductible or ratios not known for this region"},
    "groups_title": {"zh": "各人群每人每年筹资（元）", "en": "Funding per person a year (yuan)"},
    "individual": {"zh": "个人缴费", "en": "individual"},
    "subsidy": {"zh": "补助（财政等）", "en": "subsidies (public finance etc.)"},
    "national_title": {"zh": "全国最低标准（元/人/年）", "en": "National minimum"},
}

# Display settings, not policy.
CURVE_POINTS = 401
_CURVE_MIN_TOP = 80_000.0      # yuan: the bill axis reaches at least this far
_CURVE_PAST_BILL = 1.3         # ... and this far past the current bill
_CURVE_ROOM = 1.08             # room above the highest line for the cap's label
POINT_COLOUR = "#c62828"       # the current stay, and the person's group
EDGE_COLOUR = "#bbbbbb"
GREY = "#555555"
LINE_COLOURS = (NEW_COLOUR, *OTHER_COLOURS)
CURVE_MARGIN = {"top": 45, "bottom": 55, "left": 75, "right": 32}
GROUPS_MARGIN = {"top": 45, "bottom": 35, "left": 12, "right": 20}
NATIONAL_MARGIN = {"top": 45, "bottom": 35, "left": 50, "right": 10}
CURVE_HEIGHT, FUNDING_HEIGHT = "360px", "330px"
_GROUP_PADDING = 0.5           # share of a group's band left empty: its name sits there, above the bar


# --------------------------------------------------------------------------- the numbers
def curve_top(in_scope: float) -> float:
    """The last bill [yuan] of the reimbursement curve: a round number past the current bill."""
    return nice_limit(max(_CURVE_MIN_TOP, in_scope * _CURVE_PAST_BILL))


def category_b_share(result: InpatientResult) -> float:
    """The share of the bill that is 乙类 drugs; the curve assumes the same share at every bill."""
    return result.category_b / result.in_scope if result.in_scope > 0 else 0.0


def curve_key(result: InpatientResult) -> tuple:
    """What the curves depend on: the rules (place, admission date), the bill axis, the 乙类 share.
    Two stays with the same key share their curves (the bill alone moves only the point)."""
    return result.region, result.admission_date, curve_top(result.in_scope), category_b_share(result)


def reimbursement_lines(result: InpatientResult) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(bill grid, {hospital class: what the fund pays at each bill}) through the library; NaN
    where a rule is not known."""
    grid = np.linspace(0.0, curve_top(result.in_scope), CURVE_POINTS)
    share = category_b_share(result)
    lines = {c["key"]: reimbursement_curve(result.region, result.admission_date, c["key"], grid, share)
             for c in hospital_classes_of(result.entry)}
    return grid, lines


def inpatient_data(result: InpatientResult, lang: str, lines: tuple | None = None,
                   ylim: tuple[float, float] | None = None) -> dict:
    """What the reimbursement chart shows: ``grid`` and ``lines`` (as ``InpatientChart.data``),
    the classes' ``labels`` and ``colours``, the ``current`` class, the band ``edges``, the
    ``cap`` (None if not a number), the ``point`` (bill, reimbursement or None), whether any line
    is ``known``, and the axes' ``xlim`` / ``ylim`` (kept from ``ylim`` while the data fit).
    ``lines``: (grid, lines) already computed for this stay's :func:`curve_key`."""
    grid, curves = lines if lines is not None else reimbursement_lines(result)
    entry = result.entry
    classes = hospital_classes_of(entry)
    known = any(np.isfinite(y).any() for y in curves.values())
    cap = yearly_cap(entry)
    cap = float(cap) if isinstance(cap, (int, float)) and not isinstance(cap, bool) else None
    point = (float(result.in_scope), None if result.reimbursement is None else float(result.reimbursement))
    top = float(grid[-1])
    if known:
        highest = max([float(np.nanmax(y)) for y in curves.values() if np.isfinite(y).any()]
                      + [cap or 0.0, point[1] or 0.0])
        ylim = sticky_limits(ylim, 0.0, highest * _CURVE_ROOM)
    else:
        ylim = (0.0, 1.0)
    return {
        "grid": grid, "lines": curves,
        "labels": {c["key"]: c["label"][lang] for c in classes},
        "colours": {c["key"]: LINE_COLOURS[i % len(LINE_COLOURS)] for i, c in enumerate(classes)},
        "current": result.hospital_class, "known": known,
        "edges": [float(b["up_to"]) for b in common_bands(entry)[:-1]] if known else [],
        "cap": cap if known else None, "point": point if known else (point[0], None),
        "xlim": (0.0, top), "ylim": (float(ylim[0]), float(ylim[1])),
    }


def funding_data(region: str, contribution: Contribution | None, lang: str) -> dict:
    """What the funding chart shows: ``groups`` as (key, short label, individual, subsidies),
    the last group first (the bottom bar first, as ``ContributionChart.data``), ``national`` as
    (year, fiscal minimum, individual minimum), the keys of the person's group (or the groups
    the text puts them in) as ``current``, ``has_groups``, and the axes' ``xlim`` / ``ylim``."""
    place = load_place(region)
    rows = []
    has_groups = place.has("resident_contributions")
    if has_groups:
        entry = contribution.entry if contribution is not None else place.entry("resident_contributions")
        for g in contribution_groups_of(entry):
            individual, subsidies = group_funding(entry, g)
            rows.append((g["key"], short_label(g["label"][lang]), individual, subsidies))
    rows = rows[::-1]
    current = ()
    if contribution is not None:
        current = (contribution.group,) if contribution.group else tuple(contribution.candidates)
    totals = [(r[2] or 0.0) + (r[3] or 0.0) for r in rows]
    series = minimum_funding_series()
    national = [(str(m.coverage_year), m.fiscal_subsidy_min, m.individual_min) for m in series]
    return {
        "groups": rows, "national": national, "current": current, "has_groups": has_groups,
        "xlim": (0.0, float(nice_limit(max(totals + [1.0]) * 1.2))),
        "ylim": (0.0, float(nice_limit(max([(f or 0) + (i or 0) for _, f, i in national] + [1]) * 1.25))),
    }


def group_total_text(individual: float | None, subsidies: float | None, lang: str) -> str:
    """The label at the end of a group's bar: the total, or 'n/k'."""
    if individual is None or subsidies is None:
        return CHART_TEXT["unknown"][lang]
    return f"{individual + subsidies:,.0f}"


def national_text(fiscal: float | None, individual: float | None, lang: str) -> str:
    """The label above a year's bar: the total, 'n/k', or the known part + 'n/k'."""
    unknown = CHART_TEXT["unknown"][lang]
    if fiscal is None and individual is None:
        return unknown
    if fiscal is not None and individual is not None:
        return f"{fiscal + individual:,.0f}"
    parts = [unknown if v is None else f"{v:,.0f}" for v in (fiscal, individual)]
    return f"{parts[0]}+{parts[1]}"


def current_text(reimbursement: float, lang: str) -> str:
    return f"{CHART_TEXT['you'][lang]} {money(reimbursement, lang)}"


def cap_text(cap: float, lang: str) -> str:
    return f"{CHART_TEXT['cap'][lang]} {cap:,.0f}"


# --------------------------------------------------------------------------- the reimbursement curves
class LiveInpatient:
    """What the fund pays against the in-scope bill, one line per hospital class (the stay's
    class drawn thicker), the band edges, the yearly cap and the current stay."""

    def __init__(self, lang: str = "zh") -> None:
        self.x_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        self.y_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.x_scale, "y": self.y_scale}
        self.edges = bq.Lines(x=[[0.0, 0.0]], y=[[0.0, 1.0]], scales=s, colors=[EDGE_COLOUR], line_style="dotted",
                              stroke_width=0.8, visible=False)
        self.cap_line = bq.Lines(x=[0.0, 1.0], y=[0.0, 0.0], scales=s, colors=[OLD_COLOUR], line_style="dashed",
                                 stroke_width=1, visible=False)
        self.cap_label = bq.Label(x=[1.0], y=[0.0], text=[""], scales=s, colors=[GREY], default_size=11,
                                  font_weight="normal", align="end", x_offset=-4, y_offset=-4, visible=False)
        self.lines = bq.Lines(x=[0.0, 1.0], y=[[0.0, 0.0]], scales=s, colors=[NEW_COLOUR], stroke_width=1.3,
                              opacities=[0.75], labels=[" "])
        # the stay's class once more, thicker (one Lines mark has one width)
        self.current_line = bq.Lines(x=[0.0, 1.0], y=[0.0, 0.0], scales=s, colors=[NEW_COLOUR], stroke_width=2.4)
        self.point = bq.Scatter(x=[0.0], y=[0.0], scales=s, colors=[POINT_COLOUR], default_size=49, visible=False)
        self.point_label = bq.Label(x=[0.0], y=[0.0], text=[""], scales=s, colors=["black"], default_size=11,
                                    font_weight="normal", x_offset=8, y_offset=16, visible=False)
        # said in the frame where a rule the curves need is not known (no line is drawn there)
        self.unknown_label = bq.Label(x=[0.5], y=[0.5], text=[""], scales=s, colors=[GREY], default_size=13,
                                      font_weight="normal", align="middle", visible=False)
        self.x_axis = bq.Axis(scale=self.x_scale, tick_format=",.0f", label_offset="36px", grid_lines="none")
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format=",.0f",
                              label_offset="58px", grid_lines="none")
        marks = [self.edges, self.cap_line, self.cap_label, self.lines, self.current_line, self.point,
                 self.point_label, self.unknown_label]
        self.figure = figure(marks, [self.x_axis, self.y_axis], "medinsure-resident-curve", height=CURVE_HEIGHT,
                             margin=CURVE_MARGIN)
        # the legend goes under the figure as HTML (the app shows ``legend_html``): the classes'
        # English names are long, and wrap there
        self.legend_html = ""
        self.data: dict = {}
        self.lang = lang
        self._key: tuple | None = None      # curve_key of the lines computed last
        self._lines: tuple | None = None
        self._shown: tuple | None = None    # (curve key, labels, current class) last sent to the lines
        self._export: tuple | None = None

    def update(self, result: InpatientResult, lang: str) -> None:
        """Show ``result``; the curves are recomputed only when :func:`curve_key` changed (a
        move of the bill alone sends the point, unless the 乙类 share or the axis moves with it)."""
        key = curve_key(result)
        if key != self._key:
            self._key, self._lines = key, reimbursement_lines(result)
        self.data = d = inpatient_data(result, lang, self._lines, self.data.get("ylim"))
        self.lang = lang
        t = {k: v[lang] for k, v in CHART_TEXT.items()}
        _set(self.figure, title=t["curve_title"])
        _set(self.x_axis, label=t["x"])
        _set(self.y_axis, label=t["y"], visible=d["known"])
        x_top = d["xlim"][1]
        lo, hi = d["ylim"]
        _set(self.x_scale, min=0.0, max=x_top)
        _set(self.y_scale, min=lo, max=hi)
        _set(self.x_axis, tick_values=nice_ticks(x_top, 4))
        _set(self.y_axis, tick_values=nice_ticks(hi, 5))
        keys = list(d["lines"])
        shown = (key, tuple(d["labels"][k] for k in keys), d["current"], d["known"])
        if shown != self._shown:  # the arrays go only when the curves or their legend changed
            self._shown = shown
            grid = np.asarray(d["grid"])
            _set(self.lines, x=grid, y=np.vstack([d["lines"][k] for k in keys]), visible=d["known"],
                 colors=[d["colours"][k] for k in keys], labels=[d["labels"][k] for k in keys],
                 opacities=[1.0 if k == d["current"] else 0.75 for k in keys])
            self.legend_html = lines_legend_html(d) if d["known"] else ""
            current = d["lines"].get(d["current"])
            if current is None or not d["known"]:
                _set(self.current_line, visible=False)
            else:
                _set(self.current_line, x=grid, y=np.asarray(current), colors=[d["colours"][d["current"]]],
                     visible=True)
        edges = d["edges"]
        if edges:
            _set(self.edges, x=np.array([[e, e] for e in edges]), y=np.array([[lo, hi]] * len(edges)),
                 colors=[EDGE_COLOUR] * len(edges), visible=True)
        else:
            _set(self.edges, visible=False)
        cap = d["cap"]
        if cap is None:
            _set(self.cap_line, visible=False)
            _set(self.cap_label, visible=False)
        else:
            _set(self.cap_line, x=[0.0, x_top], y=[cap, cap], visible=True)
            _set(self.cap_label, x=[x_top], y=[cap], text=[cap_text(cap, lang)], visible=True)
        bill, paid = d["point"]
        if paid is None:
            _set(self.point, visible=False)
            _set(self.point_label, visible=False)
        else:
            _set(self.point, x=[bill], y=[paid], visible=True)
            # the label goes left of the point near the axis' end, so it is not cut off
            right = bill > x_top * 0.7
            _set(self.point_label, x=[bill], y=[paid], text=[current_text(paid, lang)], visible=True,
                 align="end" if right else "start", x_offset=-8 if right else 8)
        if d["known"]:
            _set(self.unknown_label, visible=False)
        else:
            _set(self.unknown_label, x=[x_top / 2], y=[(lo + hi) / 2], text=[t["not_known"]], visible=True)

    # ------------------------------------------------------------------ export
    def export_chart(self):
        """The matplotlib chart (``InpatientChart``) drawn from the data last shown (kept while
        they are, so the PNG and the SVG of one export share it)."""
        from medinsure.views.charts.resident import InpatientChart

        if self._export is None or self._export[0] is not self.data or self._export[1] != self.lang:
            chart = InpatientChart()
            chart.draw(self.data, self.lang)
            self._export = (self.data, self.lang, chart)
        return self._export[2]

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The same chart drawn by matplotlib (PNG/SVG with ``footer`` drawn in), only when asked."""
        return _export(self.export_chart().fig, fmt, footer)

    def texts(self) -> list[str]:
        """Every string the live chart shows."""
        out = [self.figure.title, self.x_axis.label] + ([self.y_axis.label] if self.y_axis.visible else [])
        if self.lines.visible and self.legend_html:
            out += list(self.lines.labels)  # the legend under the figure
        for mark in (self.cap_label, self.point_label, self.unknown_label):
            if mark.visible:
                out += [str(v) for v in mark.text]
        return out


# --------------------------------------------------------------------------- funding by group
def legend_html(lang: str) -> str:
    """The one legend of both funding panels (they share the colours), under them."""
    def item(colour: str, text: str) -> str:
        return (f"<span style='display:inline-block;width:11px;height:11px;background:{colour};"
                f"margin:0 4px 0 12px;vertical-align:-1px'></span>{html.escape(text)}")
    return ("<div class='medinsure-resident-legend' style='font-size:12px;text-align:center'>"
            + item(NEW_COLOUR, CHART_TEXT["individual"][lang]) + item(OLD_COLOUR, CHART_TEXT["subsidy"][lang])
            + "</div>")


class LiveContribution:
    """Left (``groups_figure``): individual + subsidies per group of the place, each group's name
    above its bar (the person's group in red), the total or 'n/k' at its end; right
    (``national_figure``): the national minimum by coverage year. ``figures`` holds both; the app
    shows ``legend_html``, their one legend, under them."""

    def __init__(self, lang: str = "zh") -> None:
        # ---- left: horizontal stacked bars; the groups on an ordinal scale, the first row at the bottom
        self.group_scale = bq.OrdinalScale()
        self.value_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        s = {"x": self.group_scale, "y": self.value_scale}
        self.bars = bq.Bars(x=[" "], y=np.zeros((2, 1)), scales=s, type="stacked", orientation="horizontal",
                            colors=[NEW_COLOUR, OLD_COLOUR], padding=_GROUP_PADDING, labels=["", ""])
        ls = {"x": self.value_scale, "y": self.group_scale}  # labels: value across, group up
        self.names = bq.Label(x=[0.0], y=[" "], text=[""], scales=ls, colors=["black"], default_size=12,
                              font_weight="normal", align="start", y_offset=-14)
        self.totals = bq.Label(x=[0.0], y=[" "], text=[""], scales=ls, colors=["black"], default_size=11,
                               font_weight="normal", align="start", x_offset=4, y_offset=1)
        self.no_groups = bq.Label(x=[0.5], y=[0.5], text=[""], scales={"x": bq.LinearScale(min=0.0, max=1.0),
                                                                         "y": bq.LinearScale(min=0.0, max=1.0)},
                                  colors=[GREY], default_size=13, font_weight="normal", align="middle",
                                  visible=False)
        self.value_axis = bq.Axis(scale=self.value_scale, tick_format=",.0f", grid_lines="none")
        self.groups_figure = figure([self.bars, self.names, self.totals, self.no_groups], [self.value_axis],
                                    "medinsure-resident-groups", height=FUNDING_HEIGHT, margin=GROUPS_MARGIN)
        self.groups_figure.layout.flex = "3 1 260px"
        # ---- right: the national minimum, fiscal subsidy below the individual part
        self.year_scale = bq.OrdinalScale()
        self.min_scale = bq.LinearScale(min=0.0, max=1.0, allow_padding=False)
        ns = {"x": self.year_scale, "y": self.min_scale}
        self.national = bq.Bars(x=[" "], y=np.zeros((2, 1)), scales=ns, type="stacked", padding=0.3,
                                colors=[OLD_COLOUR, NEW_COLOUR], labels=["", ""])
        self.national_labels = bq.Label(x=[" "], y=[0.0], text=[""], scales=ns, colors=["black"], default_size=11,
                                        font_weight="normal", align="middle", y_offset=-4)
        self.year_axis = bq.Axis(scale=self.year_scale, grid_lines="none")
        self.min_axis = bq.Axis(scale=self.min_scale, side="left", tick_format=",.0f", grid_lines="none")
        self.national_figure = figure([self.national, self.national_labels], [self.year_axis, self.min_axis],
                                      "medinsure-resident-national", height=FUNDING_HEIGHT, margin=NATIONAL_MARGIN)
        self.national_figure.layout.flex = "2 1 180px"
        self.figures = (self.groups_figure, self.national_figure)
        self.legend_html = ""
        self.data: dict = {}
        self.lang = lang
        self._shown: tuple | None = None
        self._export: tuple | None = None

    def update(self, region: str, contribution: Contribution | None, lang: str) -> None:
        """Show the place's groups (the person's marked) and the national minimum; nothing is
        sent when what the charts show did not change."""
        d = funding_data(region, contribution, lang)
        self.data, self.lang = d, lang
        key = (repr(d), lang)
        if key == self._shown:
            return
        self._shown = key
        t = {k: v[lang] for k, v in CHART_TEXT.items()}
        _set(self.groups_figure, title=t["groups_title"])
        _set(self.national_figure, title=t["national_title"])
        self.legend_html = legend_html(lang)
        rows = d["groups"]
        if rows:
            keys = [r[1] or " " for r in rows]
            # the ordinal scale needs distinct names: two groups of the same short name get a space
            keys = [k + " " * keys[:i].count(k) for i, k in enumerate(keys)]
            ind, sub = clean([r[2] for r in rows]), clean([r[3] for r in rows])
            _set(self.value_scale, min=d["xlim"][0], max=d["xlim"][1])
            _set(self.value_axis, tick_values=nice_ticks(d["xlim"][1], 4))
            _set(self.bars, x=keys, y=np.vstack([ind, sub]), labels=[t["individual"], t["subsidy"]], visible=True)
            colours = [POINT_COLOUR if r[0] in d["current"] else "black" for r in rows]
            n = len(rows)
            band = (_px(FUNDING_HEIGHT) - GROUPS_MARGIN["top"] - GROUPS_MARGIN["bottom"]) / n
            _set(self.names, x=np.zeros(n), y=keys, text=[r[1] for r in rows], colors=colours, visible=True,
                 y_offset=-int(round(band * (1 - _GROUP_PADDING) / 2 + 9)))
            _set(self.totals, x=ind + sub, y=keys, text=[group_total_text(r[2], r[3], lang) for r in rows],
                 colors=colours, visible=True)
            _set(self.value_axis, visible=True)
            _set(self.no_groups, visible=False)
        else:
            for mark in (self.bars, self.names, self.totals):
                _set(mark, visible=False)
            _set(self.value_axis, visible=False)
            _set(self.no_groups, text=[TXT["no_contrib"][lang]], visible=True)
        years = [y for y, _, _ in d["national"]]
        fisc = clean([f for _, f, _ in d["national"]])
        indiv = clean([i for _, _, i in d["national"]])
        _set(self.min_scale, min=d["ylim"][0], max=d["ylim"][1])
        _set(self.min_axis, tick_values=nice_ticks(d["ylim"][1], 4))
        _set(self.national, x=years, y=np.vstack([fisc, indiv]), labels=[t["subsidy"], t["individual"]])
        _set(self.national_labels, x=years, y=fisc + indiv,
             text=[national_text(f, i, lang) for _, f, i in d["national"]])

    # ------------------------------------------------------------------ export
    def export_chart(self):
        """The matplotlib chart (``ContributionChart``, both panels) drawn from the data last
        shown (kept while they are)."""
        from medinsure.views.charts.resident import ContributionChart

        if self._export is None or self._export[0] is not self.data or self._export[1] != self.lang:
            chart = ContributionChart()
            chart.draw(self.data, self.lang)
            self._export = (self.data, self.lang, chart)
        return self._export[2]

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """Both panels drawn by matplotlib (PNG/SVG with ``footer`` drawn in), only when asked."""
        return _export(self.export_chart().fig, fmt, footer)

    def texts(self) -> list[str]:
        """Every string the live charts show (titles, names, totals, year labels, the legend)."""
        out = [self.groups_figure.title, self.national_figure.title]
        for mark in (self.names, self.totals, self.no_groups, self.national_labels):
            if mark.visible:
                out += [str(v) for v in mark.text]
        out += [str(y) for y in self.national.x]
        out += [CHART_TEXT["individual"][self.lang], CHART_TEXT["subsidy"][self.lang]]  # the legend
        return out


# --------------------------------------------------------------------------- helpers
def nice_ticks(top: float, most: int) -> np.ndarray:
    """Ticks from 0 to ``top`` at a round step (1, 2, 2.5 or 5 × 10^k), at most ``most`` steps."""
    if top <= 0:
        return np.array([0.0])
    raw = top / most
    exp = 10 ** math.floor(math.log10(raw))
    step = next(m * exp for m in (1, 2, 2.5, 5, 10) if m * exp >= raw)
    return np.arange(0.0, top + step * 1e-9, step)


def lines_legend_html(d: dict) -> str:
    """The curve's legend: a line of each class's colour and its name, the stay's class bold."""
    items = []
    for key, label in d["labels"].items():
        current = key == d["current"]
        swatch = (f"<span style='display:inline-block;width:18px;border-top:{3 if current else 2}px solid "
                  f"{d['colours'][key]};vertical-align:middle;margin:0 4px 0 12px'></span>")
        text = f"<b>{html.escape(label)}</b>" if current else html.escape(label)
        items.append(f"<span style='white-space:nowrap'>{swatch}{text}</span> ")
    return ("<div class='medinsure-resident-legend' style='font-size:12px;text-align:center;line-height:1.6'>"
            + "".join(items) + "</div>")


def _px(height: str) -> float:
    return float(height.removesuffix("px"))


def _export(fig, fmt: str, footer: str | None) -> bytes:
    from medinsure.views.exports import figure_bytes

    return figure_bytes(fig, fmt, footer)

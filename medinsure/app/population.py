"""谁得益、谁吃亏 · Who gains, who loses: the population app.

``population_explorer(...)`` returns the laid-out widget. Its ``.result`` is the current
:class:`~medinsure.population.Summary` (``None`` while the input is invalid), ``.model`` the
:class:`~medinsure.population.PopulationResult` behind it, and ``.controls`` the inputs by name.
Every number comes from :mod:`medinsure.population`, which runs the household calculator's own
code on the whole synthetic population.
"""

from __future__ import annotations

import dataclasses
import html
import io
import itertools
import math
import time
from typing import ClassVar

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from medinsure.views import words
from medinsure import population as pop
from medinsure.views.charts.base import GAIN_COLOUR, LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR, OTHER_COLOURS
from medinsure.views.fonts import register_cjk_font
from medinsure.views.words import money
from medinsure.rules import STATUSES, load_region
from medinsure.app.common import app_builder, page_cell, ErrorBox, region_options
from medinsure.app.household import rule_dates

# Reporting bands and display ranges: choices of presentation, not policy.
AGE_EDGES = tuple(range(25, 95, 5))
SPENDING_EDGES = (0.01, 500.0, 1000.0, 2000.0, 5000.0, 10000.0)
QUANTILES = (0.2, 0.4, 0.6, 0.8)
TOP_FRACTIONS = (0.01, 0.05, 0.1, 0.2, 0.5)
BREAK_EVEN_QUANTILES = (0.25, 0.5, 0.75)
SIZES = (10_000, 100_000)
CURVE_POINTS = 101
STATUS_COLOURS = {"in_service": NEW_COLOUR, "retired": OTHER_COLOURS[0], "flexible": OTHER_COLOURS[1]}

TXT = {
    "title": {"zh": "谁得益、谁吃亏", "en": "Who gains, who loses"},
    "subtitle": {"zh": "一个模拟的职工医保参保人群，逐人按家庭计算器的同一套规则计算新旧差别",
                 "en": "A simulated population of employee enrollees, each computed by the household calculator's own rules"},
    "unknown": {"zh": "本地区未知", "en": "not known for this region"},
    "age_title": {"zh": "按年龄和身份：平均每年资源增减（元/年）", "en": "Mean yearly resources gain by age and status (yuan/year)"},
    "age_x": {"zh": "年龄", "en": "Age"},
    "gain_y": {"zh": "新−旧（元/年）", "en": "new − old (yuan/year)"},
    "share_title": {"zh": "多得、不变、少得的人数比例", "en": "Share who gain, are unchanged, lose"},
    "gains": {"zh": "多得", "en": "gain"},
    "unchanged": {"zh": "不变", "en": "unchanged"},
    "loses": {"zh": "少得", "en": "lose"},
    "flows_title": {"zh": "钱往哪里去：人均每年（元/年）", "en": "Where the money goes, per enrollee a year (yuan/year)"},
    "moved": {"zh": "少划入账户（留在统筹基金）", "en": "No longer credited (stays in the pooled fund)"},
    "returned": {"zh": "多得的门诊统筹报销", "en": "Extra outpatient reimbursement"},
    "all": {"zh": "全体", "en": "All"},
    "dist_title": {"zh": "资源增减的分布（人数）", "en": "Distribution of the gain (people)"},
    "conc_title": {"zh": "每年账户划入的集中度", "en": "Concentration of yearly credit"},
    "conc_x": {"zh": "划入最多的前 x% 的人", "en": "Top x% of people by credit"},
    "conc_y": {"zh": "占全部划入的比例", "en": "Share of all credit"},
    "old": {"zh": "改革前", "en": "before"},
    "new": {"zh": "改革后", "en": "after"},
    "spend": {"zh": "年门诊费用", "en": "Yearly outpatient"},
    "wage": {"zh": "在职工资五分位", "en": "In-service wage quintile"},
    "pension": {"zh": "退休养老金五分位", "en": "Retiree pension quintile"},
    "status": {"zh": "身份", "en": "Status"},
    "assumed": {"zh": "人群分布为假设（见 data/population/），改变左侧假设即可检验结论是否稳健。",
                "en": "The population's distributions are assumptions (see data/population/); change them on the left to test how robust the conclusions are."},
    "tables": {"zh": "数字表（点击展开）", "en": "Tables (click to open)"},
}
SHORT_UNKNOWN = {"zh": "未知", "en": "n/k"}
STATUS_SHORT = {"in_service": {"zh": "在职", "en": "in service"},
                "retired": {"zh": "退休", "en": "retired"},
                "flexible": {"zh": "灵活就业", "en": "flexible"}}


def _pct(x: float, lang: str = "zh") -> str:
    return TXT["unknown"][lang] if x is None or math.isnan(x) else f"{x:.1%}"


def _yuan(x: float, lang: str = "zh") -> str:
    return money(None if x is None or math.isnan(x) else round(float(x), 2), lang)


# --------------------------------------------------------------------------- charts
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


def _band_labels(edges: tuple[float, ...], unit: str = "", fmt: str = "{:,.0f}") -> list[str]:
    out = [f"<{fmt.format(edges[0])}{unit}"]
    out += [f"{fmt.format(a)}–{fmt.format(b)}{unit}" for a, b in itertools.pairwise(edges)]
    out.append(f"≥{fmt.format(edges[-1])}{unit}")
    return out


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

    def update(self, r: pop.PopulationResult, s: pop.Summary) -> None:
        raise NotImplementedError

    def render(self, r: pop.PopulationResult, s: pop.Summary) -> Figure:
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

    def update(self, r: pop.PopulationResult, s: pop.Summary) -> None:
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
                  (TXT["spend"][lang], "by_spending", ["0"] + _band_labels(SPENDING_EDGES[1:]))]
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
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.spines[["top", "right"]].set_visible(False)
        self._unknown_text(ax)

    def update(self, r: pop.PopulationResult, s: pop.Summary) -> None:
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
            t.set_text("—" if c == 0 else (SHORT_UNKNOWN[self.lang] if math.isnan(gi) else f"{gi:.0%}"))
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

    def update(self, r: pop.PopulationResult, s: pop.Summary) -> None:
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
        ax2.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax2.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax2.tick_params(labelsize=7)
        for a in (ax, ax2):
            a.spines[["top", "right"]].set_visible(False)
            self._unknown_text(a)

    def update(self, r: pop.PopulationResult, s: pop.Summary) -> None:
        g = r.gain
        known = np.isfinite(g)
        if known.any():
            lo, hi = np.quantile(g[known], (0.005, 0.995))
            edges = np.linspace(min(lo, 0.0), max(hi, 0.0) + 1e-9, self.bins + 1)
            base = np.zeros(self.bins)
            for c, step in enumerate(self.steps):
                h, _ = np.histogram(np.clip(g[known & (r.inputs.status == c)], edges[0], edges[-1]), edges)
                step.set_data(base + h, edges, base.copy())
                base = base + h
            self.ax.set_xlim(edges[0], edges[-1])
            self.ax.set_ylim(0, max(base.max(), 1) * 1.08)
        else:
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


def draw_charts(r: pop.PopulationResult, s: pop.Summary, lang: str) -> dict[str, Figure]:
    """All four charts as fresh figures (tests, exports); the app keeps and updates its own."""
    return {k: cls(lang).render(r, s) for k, cls in CHARTS.items()}


# --------------------------------------------------------------------------- words
def sentence(r: pop.PopulationResult, s: pop.Summary, lang: str) -> str:
    """The live sentence, with the numbers of the current population."""
    region = load_region(r.region).name[lang]
    gain, unchanged, lose = s.shares
    by = {n: s.by_status.share_gaining[i] for i, n in enumerate(STATUSES)}
    f = s.flows
    moved, back, share_back = (f.per_enrollee("moved_from_accounts")[-1],
                               f.per_enrollee("returned_as_reimbursement")[-1], f.share_returned[-1])
    be = s.break_even
    med = {} if be is None else {n: be.quantiles[i][BREAK_EVEN_QUANTILES.index(0.5)] for i, n in enumerate(STATUSES)}

    def be_text(name: str) -> str:
        v = med.get(name, math.nan)
        if math.isnan(v):
            return TXT["unknown"][lang]
        if math.isinf(v):
            return words.NEVER[lang]
        return money(v, lang)

    if lang == "zh":
        head = f"按{region}{r.date}起施行的规则，在 {r.n:,} 名模拟参保人中，"
        if math.isnan(gain):
            known = [f"{STATUS_SHORT[n]['zh']} {_pct(by[n])}" for n in STATUSES if not math.isnan(by[n])]
            return head + ("全体的得失本地区未知（有规则或平均工资未知）" +
                           (f"；已知的身份中多得者比例：{'，'.join(known)}。" if known else "。"))
        return (head + f"<b>{_pct(gain)}</b> 每年资源多得，{_pct(unchanged)} 不变，<b>{_pct(lose)}</b> 少得"
                f"（多得者：退休人员 {_pct(by['retired'])}，在职职工 {_pct(by['in_service'])}，"
                f"灵活就业人员 {_pct(by['flexible'])}）；平均每人每年 {_yuan(s.mean_gain)} 元。"
                f"个人账户人均每年少划入 <b>{_yuan(moved)}</b> 元，门诊统筹人均多报销 <b>{_yuan(back)}</b> 元"
                f"（相当于 {_pct(share_back)}）。回本门诊费用的中位数：在职职工 {be_text('in_service')} 元，"
                f"退休人员 {be_text('retired')} 元。")
    head = f"Under {region}'s rules in force from {r.date}, of {r.n:,} simulated enrollees "
    if math.isnan(gain):
        known = [f"{STATUS_SHORT[n]['en']} {_pct(by[n], 'en')}" for n in STATUSES if not math.isnan(by[n])]
        return head + ("the overall outcome is not known for this region (a rule or the average wage is not known)"
                       + (f"; share who gain where known: {', '.join(known)}." if known else "."))
    return (head + f"<b>{_pct(gain, 'en')}</b> gain resources a year, {_pct(unchanged, 'en')} are unchanged and "
            f"<b>{_pct(lose, 'en')}</b> lose (who gain: retirees {_pct(by['retired'], 'en')}, in-service "
            f"{_pct(by['in_service'], 'en')}, flexibly employed {_pct(by['flexible'], 'en')}); the mean is "
            f"{_yuan(s.mean_gain, 'en')} yuan per person a year. Accounts receive <b>{_yuan(moved, 'en')}</b> yuan "
            f"less per enrollee a year, and outpatient pooling pays <b>{_yuan(back, 'en')}</b> more "
            f"({_pct(share_back, 'en')} of it). Median break-even spending: in service "
            f"{be_text('in_service')}, retired {be_text('retired')} yuan a year.")


def unknown_note(r: pop.PopulationResult, lang: str) -> str:
    """Why numbers are missing, if they are."""
    if r.known:
        return ""
    slug = r.region
    if r.average_wage is None:
        why = {"zh": f"本地区平均工资未知（data/regions/{slug}/contribution_base.yaml），无法生成工资和养老金，所有身份的结果均未知。",
               "en": f"The region's average wage is not known (data/regions/{slug}/contribution_base.yaml), so wages and pensions cannot be drawn and no status can be computed."}[lang]
    else:
        missing = [words.STATUS[n][lang] for c, n in enumerate(STATUSES)
                   if np.isnan(r.gain[r.inputs.status == c]).any()]
        why = {"zh": f"以下身份的规则本地区未知（详见家庭计算器）：{'、'.join(missing)}。",
               "en": f"The rules are not known for: {', '.join(missing)} (see the household calculator)."}[lang]
    return (f"<div class='medinsure-unknown' style='background:#fff8e1;padding:6px 10px;"
            f"border-left:4px solid #f9a825'>{html.escape(why)}</div>")


def tables_html(s: pop.Summary, lang: str) -> str:
    """Group results and concentration as HTML tables."""
    head = {"zh": ("组", "人数", "多得", "少得", "平均增减", "划入变化", "报销变化"),
            "en": ("Group", "People", "Gain", "Lose", "Mean gain", "Credit change", "Reimb. change")}[lang]

    def rows(t: pop.GroupTable, names: list[str]) -> str:
        return "".join(
            f"<tr><td>{html.escape(names[i])}</td><td>{int(t.count[i]):,}</td><td>{_pct(t.share_gaining[i], lang)}</td>"
            f"<td>{_pct(t.share_losing[i], lang)}</td><td>{_yuan(t.mean_gain[i], lang)}</td>"
            f"<td>{_yuan(t.mean_credit_change[i], lang)}</td><td>{_yuan(t.mean_reimbursement_change[i], lang)}</td></tr>"
            for i in range(t.count.size) if t.count[i] > 0)

    parts = [(TXT["status"][lang], s.by_status, [words.STATUS[n][lang] for n in STATUSES]),
             (TXT["wage"][lang], s.by_wage, _band_labels(s.wage_edges) if s.wage_edges else ["—"]),
             (TXT["pension"][lang], s.by_pension, _band_labels(s.pension_edges) if s.pension_edges else ["—"]),
             (TXT["spend"][lang], s.by_spending, ["0"] + _band_labels(s.spending_edges[1:]))]
    out = []
    style = "style='border-collapse:collapse;font-size:12px;margin-bottom:8px'"
    for title, t, names in parts:
        out.append(f"<table class='medinsure-table' {style}><caption style='text-align:left'><b>{html.escape(title)}</b>"
                   f"</caption><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{rows(t, names)}</table>")
    conc = {"zh": "每年划入（及当年未用完的划入）集中在少数人手中的程度：前 x% 的人占全部的比例。模型不含历年余额。",
            "en": "How concentrated the yearly credit (and the part of it left unspent this year) is: the share held by the top x% of people. The model holds no earlier balances."}[lang]
    labels = {"credit_old": {"zh": "划入（改革前）", "en": "credit, before"},
              "credit_new": {"zh": "划入（改革后）", "en": "credit, after"},
              "unspent_old": {"zh": "当年未用完（改革前）", "en": "unspent this year, before"},
              "unspent_new": {"zh": "当年未用完（改革后）", "en": "unspent this year, after"}}
    head2 = "".join(f"<th>{f:.0%}</th>" for f in s.top_fractions)
    body = "".join(f"<tr><td>{labels[k][lang]}</td>{''.join(f'<td>{_pct(v, lang)}</td>' for v in s.concentration[k])}</tr>"
                   for k in labels)
    out.append(f"<p style='font-size:12px'>{conc}</p><table class='medinsure-table' {style}><tr><th></th>{head2}</tr>{body}</table>")
    return "".join(out)


# --------------------------------------------------------------------------- the app
class PopulationExplorer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`population_explorer`."""

    def __init__(self, region: str = "wuhan", date: str | None = None, n: int = 100_000, seed: int = 1,
                 lang: str = "zh") -> None:
        self.result: pop.Summary | None = None
        self.model: pop.PopulationResult | None = None
        self.error: str | None = None
        self.timings: dict[str, float] = {}
        self._busy = False
        style = {"description_width": "200px"}

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")

        def slider(desc: str, lo: float, hi: float, step: float, fmt: str = ".2f",
                   tip: str | None = None) -> widgets.FloatSlider:
            return widgets.FloatSlider(min=lo, max=hi, step=step, description=desc, readout_format=fmt,
                                       continuous_update=False, layout=wide(), style=style, tooltip=tip or desc)

        c = self.controls = {
            "region": widgets.Dropdown(options=region_options(), value=region, description="地区 Region",
                                       layout=wide(), style=style),
            "date": widgets.Dropdown(description="施行规则 Rules from", layout=wide(), style=style),
            "n": widgets.ToggleButtons(options=[(f"{k:,}", k) for k in sorted({*SIZES, int(n)})], value=int(n),
                                       description="人数 Enrollees", style={**style, "button_width": "auto"}),
            "seed": widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1, description="随机种子 Seed",
                                           layout=wide(), style=style),
            "share_retired": slider("退休比例 Retired share", 0.0, 0.6, 0.01),
            "share_flexible": slider("灵活就业比例 Flexible share", 0.0, 0.4, 0.01),
            "wage_level": slider("工资水平 Wage level", 0.5, 2.0, 0.05,
                                 tip="在职平均工资 ÷ 本地区平均工资 Mean wage ÷ the region's average wage"),
            "wage_sigma": slider("工资离散 Wage spread", 0.1, 1.2, 0.05, tip="对数正态σ Lognormal σ"),
            "pension_level": slider("养老金水平 Pension level", 0.2, 1.2, 0.01, ".3f",
                                    tip="平均养老金 ÷ 本地区平均工资 Mean pension ÷ the region's average wage"),
            "zero_in_service": slider("在职零门诊 Zero, working", 0.0, 0.95, 0.01,
                                      tip="全年没有门诊费用的在职职工比例 Share of in-service employees with no outpatient bill"),
            "zero_retired": slider("退休零门诊 Zero, retired", 0.0, 0.95, 0.01,
                                   tip="全年没有门诊费用的退休人员比例 Share of retirees with no outpatient bill"),
            "mean_in_service": slider("在职门诊均值 Mean, working", 100.0, 10000.0, 50.0, ",.0f",
                                      tip="有门诊费用的在职职工每年平均费用（元）Yearly mean bill of in-service employees who spend (yuan)"),
            "mean_retired": slider("退休门诊均值 Mean, retired", 100.0, 20000.0, 50.0, ",.0f",
                                   tip="有门诊费用的退休人员每年平均费用（元）Yearly mean bill of retirees who spend (yuan)"),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.reset_button = widgets.Button(description="恢复默认假设 Reset assumptions",
                                          layout=widgets.Layout(width="auto"))
        self.title = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        img = widgets.Layout(width="100%", max_width="640px")
        self.images = {k: widgets.Image(format="png", layout=img) for k in ("age", "shares", "flows", "distribution")}
        for k, w in self.images.items():
            w.add_class(f"medinsure-population-{k}")
        self.charts: dict[str, bytes] = {}
        self._charts: dict[str, _Chart] = {}
        self.tables = widgets.HTML()
        self.tables_box = widgets.Accordion(children=[self.tables], selected_index=None)
        self._set_dates(date)
        self._set_defaults()
        controls = widgets.VBox([*c.values(), self.reset_button],
                                layout=widgets.Layout(width="520px", min_width="420px"))
        charts = widgets.HBox(list(self.images.values()), layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        outputs = widgets.VBox([self.error_box, self.sentence, self.notice, charts, self.tables_box],
                               layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, widgets.HBox([controls, outputs], layout=widgets.Layout(width="100%"))])
        self.add_class("medinsure-population")
        c["region"].observe(self._on_region, names="value")
        for k, w in c.items():
            if k != "region":
                w.observe(self._on_change, names="value")
        self.reset_button.on_click(self._on_reset)
        self.recompute()

    # ------------------------------------------------------------------ inputs
    def _set_dates(self, date: str | None = None) -> None:
        days = [d.isoformat() for d in rule_dates(self.controls["region"].value)]
        self.controls["date"].options = [(f"{d} 起 from", d) for d in days]
        want = date if date in days else None
        if date and not want:
            earlier = [d for d in days if d <= date]
            want = earlier[-1] if earlier else None
        self.controls["date"].value = want or days[-1]

    def _defaults(self) -> pop.Assumptions:
        return pop.assumptions_on(self.controls["date"].value)

    def _data_values(self, a: pop.Assumptions) -> dict[str, float]:
        """The data's value behind each assumption control."""
        return {"share_retired": a.share_retired, "share_flexible": a.share_flexible,
                "wage_level": a.wage_level, "wage_sigma": a.wage_sigma, "pension_level": a.pension_level,
                "zero_in_service": pop.spending_means(a, "in_service")[0],
                "zero_retired": pop.spending_means(a, "retired")[0],
                "mean_in_service": pop.spending_means(a, "in_service")[1],
                "mean_retired": pop.spending_means(a, "retired")[1]}

    def _snapped(self, name: str, v: float) -> float:
        """``v`` on the slider's grid (what the slider shows, and what a share link carries)."""
        step = self.controls[name].step
        return round(round(v / step) * step, 6)

    def _set_defaults(self) -> None:
        self._base = a = self._defaults()
        self._data = self._data_values(a)
        for k, v in self._data.items():
            self.controls[k].value = self._snapped(k, v)

    def _value(self, name: str) -> float:
        """The control's value, or the data's exact value while the slider sits on it (the slider
        can only show the data's value rounded to its step)."""
        v = float(self.controls[name].value)
        exact = self._data[name]
        return exact if abs(v - self._snapped(name, exact)) < 1e-9 else v

    def assumptions(self) -> pop.Assumptions:
        """The data's assumptions with the controls' values put in."""
        v = self._value
        a = dataclasses.replace(self._base, share_retired=v("share_retired"), share_flexible=v("share_flexible"),
                                wage_level=v("wage_level"), wage_sigma=v("wage_sigma"),
                                pension_level=v("pension_level"))
        for s in ("in_service", "retired"):
            z, m = v(f"zero_{s}"), v(f"mean_{s}")
            z0, m0 = self._data[f"zero_{s}"], self._data[f"mean_{s}"]
            a = pop.with_spending(a, s, zero_share=None if z == z0 else z, mean_positive=None if m == m0 else m)
        return a

    def _on_region(self, change) -> None:
        self._busy = True
        try:
            self._set_dates()
        finally:
            self._busy = False
        self.recompute()

    def _on_reset(self, _button) -> None:
        self._busy = True
        try:
            self._set_defaults()
        finally:
            self._busy = False
        self.recompute()

    def _on_change(self, change) -> None:
        if not self._busy:
            self.recompute()

    # ------------------------------------------------------------------ recompute
    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = (f"<h2 style='margin:4px 0'>{TXT['title']['zh']} · {TXT['title']['en']}"
                            f"<br><small style='color:#555'>{TXT['subtitle'][lang]}</small></h2>")
        t0 = time.perf_counter()

        def run_and_summarise():
            a = self.assumptions()
            r = pop.run(c["region"].value, c["date"].value, int(c["n"].value), seed=int(c["seed"].value),
                        assumptions=a)
            t1 = time.perf_counter()
            return a, r, t1, pop.summarise(r, AGE_EDGES, SPENDING_EDGES, QUANTILES, TOP_FRACTIONS,
                                           BREAK_EVEN_QUANTILES)

        done = self.guarded(run_and_summarise, lang)
        if done is None:
            return
        a, r, t1, s = done
        t2 = time.perf_counter()
        self.model, self.result = r, s
        for k, cls in CHARTS.items():
            if k not in self._charts or self._charts[k].lang != lang:
                self._charts[k] = cls(lang)
            self.charts[k] = to_png(self._charts[k].render(r, s))
            self.images[k].value = self.charts[k]
        t3 = time.perf_counter()
        self.notice.value = unknown_note(r, lang) + f"<p style='color:#555;font-size:12px'>{TXT['assumed'][lang]}</p>"
        self.tables.value = tables_html(s, lang)
        self.tables_box.set_title(0, TXT["tables"][lang])
        # the sentence goes last: when it shows the new numbers, the charts are already sent
        self.sentence.value = (f"<div class='medinsure-sentence' style='font-size:16px;line-height:1.6;"
                               f"padding:6px 10px;background:#f3f7fb;border-left:4px solid #1565c0'>"
                               f"{sentence(r, s, lang)}</div>")
        self.timings = {"model": t1 - t0, "summary": t2 - t1, "charts": t3 - t2,
                        "total": time.perf_counter() - t0}

    def _show_error(self, message: str) -> None:
        super()._show_error(message)
        self.model = None


@app_builder
def population_explorer(region: str = "wuhan", **kwargs) -> PopulationExplorer:
    """Build the "谁得益、谁吃亏 · Who gains, who loses" app (see :class:`PopulationExplorer`)."""
    return PopulationExplorer(region=region, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
@page_cell('')
def key_numbers(s: pop.Summary | None, r: pop.PopulationResult | None = None) -> str:
    """One line of the numbers the notebook checks (nbval compares this output)."""
    if s is None:
        return "no result"
    by = s.by_status.share_gaining
    f = s.flows
    med = s.break_even.quantiles[:, BREAK_EVEN_QUANTILES.index(0.5)] if s.break_even else [math.nan] * 3
    head = "" if r is None else f"{r.region} {r.date} n={r.n:,} seed={r.seed}: "
    return (head + f"gain {_pct(s.shares[0], 'en')}, unchanged {_pct(s.shares[1], 'en')}, "
            f"lose {_pct(s.shares[2], 'en')}; who gain: in service {_pct(by[0], 'en')}, retired {_pct(by[1], 'en')}, "
            f"flexible {_pct(by[2], 'en')}; mean gain {s.mean_gain:,.0f}; per enrollee moved "
            f"{f.per_enrollee('moved_from_accounts')[-1]:,.0f}, returned {f.per_enrollee('returned_as_reimbursement')[-1]:,.0f}; "
            f"median break-even in service {med[0]:,.0f}, retired {med[1]:,.0f}")


def _fmt(v: float | None, unit: str, lang: str) -> str:
    if v is None or math.isnan(v):
        return {"zh": "模型不含", "en": "not in the model"}[lang]
    if unit == "share":
        return f"{v:.1%}"
    if unit == "ratio":
        return f"{v:.2f}"
    return f"{v:,.0f}" + {"100m yuan": {"zh": " 亿元", "en": " 亿 yuan"}, "10k persons": {"zh": " 万人", "en": " 万"},
                          "yuan/year": {"zh": " 元/年", "en": " yuan/year"}}.get(unit, {"zh": "", "en": ""})[lang]


def reality_check_html(r: pop.PopulationResult) -> str:
    """The published figures beside the model, with the gap and why (both languages)."""
    head = ("项目 Item", "年份 Year", "公布 Published", "模型 Model", "模型÷公布 Model ÷ published",
            "为什么不同 Why they differ", "出处 Source")
    cell = "padding:3px 6px;border-bottom:1px solid #ddd;vertical-align:top"
    num = ";text-align:right;white-space:nowrap"
    rows = []
    for c in pop.reality_check(r):
        refs = []
        for fig in c.figures:
            ref = fig["reference"]
            if ref not in refs:
                refs.append(ref)
        src = "<br>".join(f"<a href='{html.escape(x.read_at[0])}' target='_blank' rel='noopener'>"
                          f"{html.escape(x.cite())}</a>" if x.read_at[0].startswith("http")
                          else html.escape(f"{x.cite()} ({x.read_at[0]})") for x in refs)
        ratio = "—" if c.ratio is None else f"{c.ratio:.2f}"
        cells = [(f"{html.escape(c.label['zh'])}<br><small>{html.escape(c.label['en'])}</small>", ""),
                 (str(c.year), ""), (_fmt(c.published, c.unit, "zh"), num), (_fmt(c.model, c.unit, "zh"), num),
                 (ratio, num),
                 (f"{html.escape(c.why['zh'])}<br><small style='color:#555'>{html.escape(c.why['en'])}</small>", ""),
                 (f"<small>{src}</small>", "")]
        rows.append("<tr>" + "".join(f"<td style='{cell}{extra}'>{v}</td>" for v, extra in cells) + "</tr>")
    return ("<table class='medinsure-reality-check' style='border-collapse:collapse;font-size:12px'><tr>"
            + "".join(f"<th style='{cell};text-align:left'>{h}</th>" for h in head) + "</tr>"
            + "".join(rows) + "</table>")


@page_cell()
def show_reality_check(r: pop.PopulationResult) -> widgets.HTML:
    return widgets.HTML(reality_check_html(r))


# the notebook's example population: Wuhan after the second outpatient phase
EXAMPLE = {"region": "wuhan", "date": "2023-04-10", "n": 100_000, "seed": 1}


def _example(date: str | None = None, assumptions: pop.Assumptions | None = None) -> pop.Summary:
    r = pop.run(EXAMPLE["region"], date or EXAMPLE["date"], EXAMPLE["n"], EXAMPLE["seed"], assumptions)
    return pop.summarise(r, AGE_EDGES, SPENDING_EDGES, QUANTILES, TOP_FRACTIONS, BREAK_EVEN_QUANTILES)


def _answer_retired() -> dict:
    s = _example()
    g = s.by_status.share_gaining
    return {"zh": f"退休人员 {_pct(g[1])} 多得，在职职工只有 {_pct(g[0])}。",
            "en": f"{_pct(g[1], 'en')} of retirees gain; only {_pct(g[0], 'en')} of in-service employees do."}


def _answer_zero() -> dict:
    base = pop.assumptions_on(EXAMPLE["date"])
    before = _example().by_status.share_gaining[1]
    after = _example(assumptions=pop.with_spending(base, "retired", zero_share=0.3)).by_status.share_gaining[1]
    return {"zh": f"退休人员中多得者从 {_pct(before)} 降到 {_pct(after)}：不看门诊的人只剩下划入减少。",
            "en": f"The share of retirees who gain falls from {_pct(before, 'en')} to {_pct(after, 'en')}: "
                  "those with no bills only lose credit."}


def _answer_phases() -> dict:
    one, two = (_example(d).flows.share_returned[-1] for d in ("2023-02-01", "2023-04-10"))
    return {"zh": f"第一阶段约 {_pct(one)}，第二阶段约 {_pct(two)}：取消起付线、提高比例后，流回参保人的钱多得多。",
            "en": f"About {_pct(one, 'en')} in phase one and {_pct(two, 'en')} in phase two: without the deductible and "
                  "with higher ratios far more flows back to enrollees."}


def _answer_wage() -> dict:
    s = _example()
    g = s.by_wage.share_gaining
    return {"zh": f"工资最低的五分之一中 {_pct(g[0])} 多得，最高的五分之一中只有 {_pct(g[-1])}：旧划入按工资比例，"
                  "新划入比例更低，工资越高少划入越多，而门诊报销与工资无关。",
            "en": f"{_pct(g[0], 'en')} of the lowest-paid fifth gain but only {_pct(g[-1], 'en')} of the highest-paid: "
                  "credits were a share of the wage and the share fell, so higher earners lose more, while "
                  "reimbursement does not depend on the wage."}


EXERCISES = [
    ({"zh": "在默认的武汉模拟人群（2023-04-10 起的规则，10 万人）中，退休人员和在职职工各有多少比例每年资源多得？先猜，再看。",
      "en": "In the default Wuhan population (rules from 2023-04-10, 100,000 people), what share of retirees and of "
            "in-service employees gain resources a year? Guess first, then look."}, _answer_retired),
    ({"zh": "把“退休零门诊 Zero, retired”调到 30%（其余不变）。退休人员中多得者的比例变成多少？为什么？",
      "en": "Set \"退休零门诊 Zero, retired\" to 30% (nothing else changed). What share of retirees gains now, and why?"},
     _answer_zero),
    ({"zh": "比较武汉门诊共济的两个阶段（2023-02-01 有起付线；2023-04-10 取消起付线）：门诊统筹多报销的钱相当于账户少划入的多少？",
      "en": "Compare Wuhan's two outpatient phases (2023-02-01 with a deductible; 2023-04-10 without): the extra "
            "reimbursement is what share of the credit no longer paid into accounts?"}, _answer_phases),
    ({"zh": "在职职工中，工资最低和最高的五分之一，多得者比例各是多少？为什么不同？",
      "en": "Among in-service employees, what share of the lowest-paid and the highest-paid fifth gains? Why do they differ?"},
     _answer_wage),
]


def exercises_html(lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    other = "en" if lang == "zh" else "zh"
    items = []
    for question, answer in EXERCISES:
        a = answer()
        items.append(
            f"<li style='margin-bottom:8px'>{html.escape(question[lang])}<br>"
            f"<small style='color:#666'>{html.escape(question[other])}</small>"
            f"<details><summary>{'答案 Answer' if lang == 'zh' else 'Answer 答案'}</summary>"
            f"{html.escape(a[lang])}<br><small style='color:#666'>{html.escape(a[other])}</small></details></li>")
    return f"<ol class='medinsure-exercises'>{''.join(items)}</ol>"


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(lang))


def sources_html(r: pop.PopulationResult) -> str:
    """The rules' documents, the population assumptions and the published figures, numbered."""
    from medinsure.app.page import references_for
    groups = [
        ("规则 Rules", references_for(r.region, r.date.isoformat())),
        ("人群假设 Population assumptions (data/population/)", list(r.assumptions.references)),
        ("对照用的公开数字 Published figures (data/population/published_figures.yaml)",
         [e for entry in pop.parameter_file("published_figures").entries for e in entry.references]),
    ]
    out = [("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / 3P-low 低可靠 / "
            "DERIVED 推算或假设</p>")]
    for title, refs in groups:
        unique = []
        for ref in refs:
            if ref not in unique:
                unique.append(ref)
        items = []
        for ref in unique:
            links = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                             if u.startswith("http") else f"[{html.escape(u)}]" for i, u in enumerate(ref.read_at, 1))
            items.append(f"<li>{html.escape(ref.cite())} {links}</li>")
        out.append(f"<h4>{html.escape(title)}</h4><ol class='medinsure-sources'>{''.join(items)}</ol>")
    return "".join(out)


@page_cell()
def show_sources(r: pop.PopulationResult) -> widgets.HTML:
    return widgets.HTML(sources_html(r))

"""The fund in numbers: national and Hunan statistics, with their releases and sources.

``fund_explorer(...)`` returns the laid-out widget; ``.result`` is a :class:`FundView` (the year's
account share, in-service:retired ratio and figures), ``.controls`` holds the inputs.
The three charts are plain functions (``share_chart``, ``hunan_chart``, ``outpatient_chart``)
returning PNG bytes, so tests and notebooks can draw them without the app.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure

from medinsure import fund
from medinsure.views.charts.base import NEW_COLOUR, png
from medinsure.errors import InvalidInput
from medinsure.views.fonts import register_cjk_font
from medinsure.fund import RELEASE_LABEL, RELEASE_TITLE, UNITS, Derived, Figure
from medinsure.rules import Reference, load_region
from medinsure.app.common import app_builder, page_cell, ErrorBox, exercises_list_html, title_html

POOLED_COLOUR = "#90a4ae"
ACCOUNT_COLOUR = "#ef6c00"
UNKNOWN_COLOUR = "#bdbdbd"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

TXT = {
    "title": {"zh": "医保基金的账本：统筹基金与个人账户",
              "en": "The fund's books: pooled fund and personal accounts"},
    "table": {"zh": "本年全部数字与出处（点击展开）", "en": "All figures of the year with sources (click to open)"},
    "national": {"zh": "全国", "en": "National"},
    "share_title": {"zh": "职工医保基金{basis}：统筹基金与个人账户（亿元）",
                    "en": "Employee fund, {basis}:\npooled fund and accounts (100 million yuan)"},
    "pooled": {"zh": "统筹基金", "en": "Pooled fund"},
    "accounts": {"zh": "个人账户", "en": "Personal accounts"},
    "share_note": {"zh": "只画同一年同一来源两数俱全的年份：{have}（斜线 = 快报初步数）。\n缺：{missing}。柱顶为个人账户占比。",
                   "en": "Bars only where one release gives both figures: {have}\n"
                         "(hatched = quick report). Missing: {missing}. On top: the accounts' share."},
    "none": {"zh": "无", "en": "none"},
    "hunan_title": {"zh": "{year}年个人账户占职工医保基金累计结余的比例",
                    "en": "{year}: personal accounts' share of the employee fund's balance"},
    "hunan_stated": {"zh": "湖南原文：个人账户占 {stated}（按金额 {computed}）",
                     "en": "Hunan as printed: accounts {stated} (from the amounts {computed})"},
    "out_title": {"zh": "职工医保门诊待遇人次（亿人次）", "en": "Employee outpatient benefit uses (100 million)"},
    "aid_title": {"zh": "省内家庭共济\n（五年累计，至{year}年）", "en": "In-province family mutual aid\n(5 years to {year})"},
    "unknown_bar": {"zh": "未知", "en": "not known"},
    "growth_note": {"zh": "快报：比上年 {g}\n（数值首位缺字）", "en": "Quick report: {g} on the year\n(level garbled)"},
    "aid_text": {"zh": "金额{amount}；\n{areas}个统筹地区已开通跨省共济",
                 "en": "amount {amount};\n{areas} pooling areas\nwith cross-province aid"},
    "uses": {"zh": "门诊待遇", "en": "outpatient uses"},
    "aid_uses": {"zh": "共济人次", "en": "mutual-aid uses"},
    "head": {"zh": ("地区", "指标", "数值", "来源", "可靠性", "出处", "说明"),
             "en": ("Area", "Figure", "Value", "Release", "Reliability", "Source", "Note")},
    "derived": {"zh": "推算", "en": "derived"},
}


# --------------------------------------------------------------------------- formatting
def format_value(f: Figure | None, lang: str = "zh") -> str:
    """'510.18 亿元', '≈ 33,300 亿元', '> 7.8 亿人次', shares as percent; None -> not found."""
    if f is None or f.value is None:
        return "未查到" if lang == "zh" else "not found"
    pre = {"approx": "≈ ", "more_than": "超过 " if lang == "zh" else "> "}.get(f.qualifier or "", "")
    if f.unit == "share":
        return f"{pre}{f.value * 100:.2f}%"
    if f.unit == "growth":
        sign = "+" if f.value > 0 else ""
        return f"{pre}{sign}{f.value * 100:.2f}".rstrip("0").rstrip(".") + "%"
    if f.unit == "count":
        return f"{pre}{f.value:,.0f}"
    text = f"{f.value:,.0f}" if f.value == round(f.value) else f"{f.value:,.2f}"
    if f.unit == "100m_person_times":
        text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{pre}{text} {UNITS[f.unit][lang]}"


def pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def release_name(year: int, release: str, lang: str) -> str:
    t = RELEASE_TITLE[release]
    return f"{year}年{t['zh']}" if lang == "zh" else f"{t['en']} {year}"


def original_title(title: str) -> str:
    """A Chinese document title marked as such (kept in English mode as the original name)."""
    return f"<span class='medinsure-ref' lang='zh'>{html.escape(title)}</span>"


def without_original_titles(text: str) -> str:
    """The text minus ``<span lang='zh'>…</span>`` (what must have no Chinese in English mode)."""
    return re.sub(r"<span class='medinsure-ref' lang='zh'>.*?</span>", "", text, flags=re.S)


def links(ref: Reference) -> str:
    out = []
    for i, u in enumerate(ref.read_at, 1):
        if u.startswith("http"):
            out.append(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>")
        else:
            out.append(f"<code>{html.escape(u)}</code>")
    return " ".join(out)


# --------------------------------------------------------------------------- charts
def _figure(width: float, height: float, ncols: int = 1, ratios: tuple = ()) -> tuple[MplFigure, list]:
    register_cjk_font()
    fig = MplFigure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, gridspec_kw={"width_ratios": list(ratios)} if ratios else None)
    axes = list(axes) if ncols > 1 else [axes]
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
    return fig, axes


def _years_text(pairs: list[tuple[int, str]], lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{y} {RELEASE_LABEL[r][lang]}" for y, r in pairs) or TXT["none"][lang]


def share_points(basis: str = "balance", release: str | None = None) -> list[Derived]:
    """The account shares the chart shows, one per year where one release gives both figures."""
    return [fund.account_share(y, basis, r) for y, r in fund.account_share_years(basis, release=release)]


def share_figure(lang: str = "zh", basis: str = "balance", release: str | None = None) -> MplFigure:
    """Stacked bars of the pooled fund and the accounts, with the accounts' share on top."""
    pts = share_points(basis, release)
    have = [(d.year, d.release) for d in pts]
    all_years = sorted({f.year for f in fund.load_statistics()
                        if f.topic == "employee_fund" and f.area == "national"})
    missing = [str(y) for y in all_years if y not in [p[0] for p in have]]
    fig, (ax,) = _figure(6.4, 4.0)
    top = max([d.inputs[0].value + d.inputs[1].value for d in pts] + [1.0])
    by_year = {d.year: d for d in pts}
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}
    for x, year in enumerate(all_years):
        d = by_year.get(year)
        if d is None:
            ax.bar(x, top * 0.3, 0.6, fill=False, edgecolor=UNKNOWN_COLOUR, ls="--")
            ax.text(x, top * 0.15, "?", ha="center", va="center", fontsize=20, color=UNKNOWN_COLOUR)
            continue
        pooled, acct = d.inputs[0].value, d.inputs[1].value
        hatch = "//" if d.release == "kuaibao" else None
        ax.bar(x, pooled, 0.6, color=POOLED_COLOUR, hatch=hatch, edgecolor="white",
               label=TXT["pooled"][lang] if not ax.get_legend_handles_labels()[1] else "_")
        ax.bar(x, acct, 0.6, bottom=pooled, color=ACCOUNT_COLOUR, hatch=hatch, edgecolor="white",
               label=TXT["accounts"][lang] if len(ax.get_legend_handles_labels()[1]) == 1 else "_")
        ax.text(x, pooled + acct, pct(d.value), ha="center", va="bottom", fontsize=9)
        ax.text(x, pooled / 2, f"{pooled:,.0f}", ha="center", va="center", fontsize=8, bbox=box)
        ax.text(x, pooled + acct / 2, f"{acct:,.0f}", ha="center", va="center", fontsize=8, bbox=box)
    ax.set_xticks(range(len(all_years)),
                  [f"{y}\n{RELEASE_LABEL[by_year[y].release][lang]}" if y in by_year
                   else f"{y}\n{TXT['unknown_bar'][lang]}" for y in all_years])
    ax.set_ylim(0, top * 1.15)
    ax.set_title(TXT["share_title"][lang].format(basis=fund.BASIS_LABEL[basis][lang]), fontsize=11)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    sep = "、" if lang == "zh" else ", "
    ax.set_xlabel(TXT["share_note"][lang].format(have=_years_text(have, lang),
                                                 missing=sep.join(missing) or TXT["none"][lang]),
                  fontsize=8, color="#555", loc="left")
    return fig


def share_chart(lang: str = "zh", basis: str = "balance", release: str | None = None) -> bytes:
    return png(share_figure(lang, basis, release))


def hunan_chart(lang: str = "zh") -> bytes:
    return png(hunan_figure(lang))


def outpatient_chart(lang: str = "zh") -> bytes:
    return png(outpatient_figure(lang))


def hunan_shares() -> tuple[Derived, Derived, Figure]:
    """(national share, Hunan share, Hunan's printed share) in the latest year Hunan gives both balances."""
    year = fund.account_share_years(area="hunan")[-1][0]
    nat = fund.account_share(year)
    hun = fund.account_share(year, area="hunan")
    stated = fund.figure("employee_fund.account_share_stated", year, area="hunan")
    return nat, hun, stated


def hunan_figure(lang: str = "zh") -> MplFigure:
    """100% bars: pooled vs accounts, nation vs Hunan, 2021."""
    nat, hun, stated = hunan_shares()
    hunan_name = load_region("hunan").province[lang]
    rows = [(f"{TXT['national'][lang]}\n({RELEASE_LABEL[nat.release][lang]})", nat),
            (f"{hunan_name}\n({RELEASE_LABEL[hun.release][lang]})", hun)]
    fig, (ax,) = _figure(6.4, 2.8)
    for i, (_, d) in enumerate(rows):
        ax.barh(i, 1 - d.value, 0.55, color=POOLED_COLOUR, label=TXT["pooled"][lang] if i == 0 else "_")
        ax.barh(i, d.value, 0.55, left=1 - d.value, color=ACCOUNT_COLOUR,
                label=TXT["accounts"][lang] if i == 0 else "_")
        ax.text((1 - d.value) / 2, i, pct(1 - d.value), ha="center", va="center", fontsize=9)
        ax.text(1 - d.value / 2, i, pct(d.value), ha="center", va="center", fontsize=9, color="white")
    ax.axvline(0.5, color="black", lw=0.8, ls=":")
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"])
    ax.invert_yaxis()
    ax.set_title(TXT["hunan_title"][lang].format(year=hun.year), fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=9)
    ax.set_xlabel(TXT["hunan_stated"][lang].format(stated=format_value(stated, lang), computed=pct(hun.value)),
                  fontsize=8, color="#555", loc="left", labelpad=28)
    return fig


def outpatient_figure(lang: str = "zh") -> MplFigure:
    """Outpatient benefit uses by year (unknown years drawn empty) and the mutual-aid totals."""
    # both outpatient figures come from quick reports (the 2024 bulletin gives only all benefit uses)
    uses = fund.series("benefit_use.outpatient_benefit_uses", release="kuaibao", with_unknown=True)
    aid = fund.figure("mutual_aid_use.inprovince_mutual_aid_uses", max(fund.years()))
    amount = fund.figure("mutual_aid_use.inprovince_mutual_aid_amount", aid.year)
    areas = fund.figure("mutual_aid_use.cross_province_areas", aid.year)
    fig, (ax, ax2) = _figure(6.8, 3.8, 2, (2, 1.3))
    top = max([p.value for p in uses if p.value is not None] + [aid.value])
    for i, p in enumerate(uses):
        if p.value is None:
            ax.bar(i, top * 0.9, 0.6, fill=False, edgecolor=UNKNOWN_COLOUR, ls="--")
            ax.text(i, top * 0.45, "?", ha="center", va="center", fontsize=22, color=UNKNOWN_COLOUR)
            try:
                g = fund.figure("benefit_use.outpatient_benefit_growth", p.year, "kuaibao")
                note = TXT["growth_note"][lang].format(g=format_value(g, lang))
            except InvalidInput:
                note = TXT["unknown_bar"][lang]
            ax.text(i, top * 0.92, note, ha="center", va="bottom", fontsize=8, color="#555")
        else:
            ax.bar(i, p.value, 0.6, color=NEW_COLOUR)
            ax.text(i, p.value, f"{p.value:g}", ha="center", va="bottom", fontsize=9)
    # the bars show the best release of each year; which one is under the year
    recs = {p.year: p.release for p in uses}
    ax.set_xticks(range(len(uses)), [f"{p.year}\n{RELEASE_LABEL[recs[p.year]][lang]}" for p in uses])
    ax.set_xlim(-0.7, len(uses) - 0.3)
    ax.set_ylim(0, top * 1.25)
    ax.set_title(TXT["out_title"][lang], fontsize=10)
    ax2.bar(0, aid.value, 0.5, color=ACCOUNT_COLOUR)
    ax2.text(0, aid.value, format_value(aid, lang).replace(" " + UNITS[aid.unit][lang], ""),
             ha="center", va="bottom", fontsize=9)
    ax2.set_xlabel(TXT["aid_text"][lang].format(amount=format_value(amount, lang), areas=format_value(areas, lang)),
                   fontsize=8, color="#555")
    ax2.set_xticks([0], [f"{TXT['aid_uses'][lang]}\n{RELEASE_LABEL[aid.release][lang]}"])
    ax2.set_xlim(-0.6, 0.6)
    ax2.set_ylim(0, top * 1.25)
    ax2.set_title(TXT["aid_title"][lang].format(year=aid.year), fontsize=9)
    return fig


# --------------------------------------------------------------------------- the view
@dataclass(frozen=True)
class FundView:
    """What the app shows for one year."""

    year: int
    release: str | None
    basis: str
    share: Derived | None
    ratio: Derived | None
    figures: tuple[Figure, ...]
    share_years: tuple[tuple[int, str], ...]


def fund_view(year: int, release: str | None = None, basis: str = "balance") -> FundView:
    """Collect the year's numbers (raises InvalidInput for a year or release with no data)."""
    if year not in fund.years() and year not in fund.years("hunan"):
        raise InvalidInput("year", year, "one of " + ", ".join(map(str, fund.years())))
    if release not in (None, "gongbao", "kuaibao"):
        raise InvalidInput("release", release, "best (None), gongbao or kuaibao")
    try:
        share = fund.account_share(year, basis, release)
    except InvalidInput:
        share = None
    try:
        ratio = fund.in_service_ratio(year, release)
    except InvalidInput:
        ratio = None
    figs = tuple(f for f in fund.load_statistics() if f.year == year
                 and (release is None or f.release in (release, "briefing", "local")))
    return FundView(year, release, basis, share, ratio, figs,
                    tuple(fund.account_share_years(basis, release=release)))


def sentence(v: FundView, lang: str) -> str:
    b = fund.BASIS_LABEL[v.basis][lang]
    parts = []
    if v.share is not None:
        acct, pooled = v.share.inputs[1].value, v.share.inputs[0].value
        rel = RELEASE_LABEL[v.share.release][lang]
        if lang == "zh":
            parts.append(f"{v.year}年（{rel}）职工医保个人账户{b} <b>{acct:,.2f}</b> 亿元，占职工医保基金"
                         f"（统筹基金 {pooled:,.2f} + 个人账户 {acct:,.2f}）的 <b>{pct(v.share.value)}</b>。")
        else:
            parts.append(f"In {v.year} ({rel}) the personal accounts' {b} was <b>{acct:,.2f}</b> (100 million "
                         f"yuan), <b>{pct(v.share.value)}</b> of the employee fund (pooled {pooled:,.2f} + "
                         f"accounts {acct:,.2f}).")
    else:
        have = _years_text(list(v.share_years), lang)
        parts.append(f"{v.year}年没有同一来源同时给出统筹基金和个人账户的{b}，无法计算个人账户占比；可算的年份：{have}。"
                     if lang == "zh" else
                     f"For {v.year} no single release gives both the pooled fund's and the accounts' {b}, "
                     f"so the accounts' share cannot be computed; years that can: {have}.")
    if v.ratio is not None:
        rel = RELEASE_LABEL[v.ratio.release][lang]
        parts.append(f"在职职工与退休人员之比为 <b>{v.ratio.value:.2f}</b>（{rel}：{v.ratio.formula['zh']}）。"
                     if lang == "zh" else
                     f"There were <b>{v.ratio.value:.2f}</b> in-service enrollees per retiree ({rel}: "
                     f"{v.ratio.formula['en']}).")
    return " ".join(parts)


def _area_name(area: str, lang: str) -> str:
    return TXT["national"][lang] if area == "national" else load_region(area).province[lang]


def figures_table(figs: tuple[Figure, ...] | list[Figure], lang: str) -> str:
    """Every figure with release, reliability, links and note (quotes in Chinese mode only)."""
    rows = []
    for f in figs:
        ref = f.reference
        note = (f.note or {}).get(lang, "")
        if f.quote and lang == "zh":
            note = (note + " " if note else "") + f"原文：“{f.quote}”"
        rel = RELEASE_LABEL[f.release][lang]
        src = (original_title(ref.title) if lang == "zh"
               else f"{html.escape(release_name(f.year, f.release, 'en'))} — {original_title(ref.title)}")
        mark = ref.reliability + (f" ({TXT['derived'][lang]})" if f.derived else "")
        rows.append(f"<tr><td>{_area_name(f.area, lang)}</td><td>{html.escape(f.label[lang])}</td>"
                    f"<td style='text-align:right;white-space:nowrap'>{html.escape(format_value(f, lang))}</td>"
                    f"<td>{rel}</td><td>{mark}</td><td>{src} {links(ref)}</td><td>{html.escape(note)}</td></tr>")
    head = TXT["head"][lang]
    return ("<table class='medinsure-table' style='border-collapse:collapse;font-size:12px'><thead><tr>"
            + "".join(f"<th style='text-align:left;border-bottom:1px solid #999;padding:2px 6px'>{h}</th>"
                      for h in head) + "</tr></thead><tbody>"
            + "".join(rows).replace("<td", "<td style='padding:2px 6px;border-bottom:1px solid #eee;"
                                           "vertical-align:top'") + "</tbody></table>")


def _image(cls: str) -> widgets.Image:
    img = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="660px"))
    img.add_class(cls)
    return img


class FundExplorer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`fund_explorer`."""

    def __init__(self, year: int = 2024, release: str | None = None, basis: str = "balance",
                 lang: str = "zh") -> None:
        self.result: FundView | None = None
        self.error: str | None = None
        style = {"description_width": "120px"}
        years = sorted(set(fund.years()) | set(fund.years("hunan")))
        self.controls = {
            "year": widgets.Dropdown(options=[(str(y), y) for y in years], value=year,
                                     description="年份 Year", style=style),
            "release": widgets.ToggleButtons(
                options=[("公报优先 Best", "best"), ("仅公报 Bulletin", "gongbao"), ("仅快报 Quick report", "kuaibao")],
                value=release or "best", description="来源 Release", style={**style, "button_width": "auto"}),
            "basis": widgets.ToggleButtons(
                options=[("累计结存 Balance", "balance"), ("收入 Income", "income"), ("支出 Spending", "spending")],
                value=basis, description="口径 Basis", style={**style, "button_width": "auto"}),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.error_box = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.share_image = _image("medinsure-share")
        self.hunan_image = _image("medinsure-hunan")
        self.outpatient_image = _image("medinsure-outpatient")
        self.table = widgets.HTML()
        self.table_box = widgets.Accordion(children=[self.table], selected_index=None)
        self._drawn: dict[tuple, bytes] = {}
        # align to the top: a stretched row would distort the shorter charts
        charts = widgets.HBox([self.share_image, self.hunan_image, self.outpatient_image],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%", align_items="flex-start"))
        super().__init__([self.title, widgets.VBox(list(self.controls.values())), self.error_box,
                          self.sentence, charts, self.table_box])
        self.add_class("medinsure-fund")
        for w in self.controls.values():
            w.observe(lambda change: self.recompute(), names="value")
        self.recompute()

    def _chart(self, key: tuple, draw: Callable[[], bytes]) -> bytes:
        if key not in self._drawn:
            self._drawn[key] = draw()
        return self._drawn[key]

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        release = None if c["release"].value == "best" else c["release"].value
        self.title.value = title_html(TXT["title"], lang)

        def view_and_charts():
            v = fund_view(int(c["year"].value), release, c["basis"].value)
            return (v, self._chart(("share", lang, v.basis, release), lambda: share_chart(lang, v.basis, release)),
                    self._chart(("hunan", lang), lambda: hunan_chart(lang)),
                    self._chart(("outpatient", lang), lambda: outpatient_chart(lang)))

        done = self.guarded(view_and_charts, lang)
        if done is None:
            return
        v, share_png, hunan_png, out_png = done
        self.result = v
        self.share_image.value, self.hunan_image.value, self.outpatient_image.value = share_png, hunan_png, out_png
        self.table.value = figures_table(v.figures, lang)
        self.table_box.set_title(0, TXT["table"][lang])
        self.sentence.value = (f"<div class='medinsure-sentence' style='font-size:17px;line-height:1.6;"
                               f"padding:6px 10px;background:#f3f7fb;border-left:4px solid #1565c0'>"
                               f"{sentence(v, lang)}</div>")


@app_builder
def fund_explorer(year: int = 2024, **kwargs) -> FundExplorer:
    """Build the fund-statistics app (see :class:`FundExplorer` for the options)."""
    return FundExplorer(year=year, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
@dataclass(frozen=True)
class Exercise:
    question: dict               # {zh, en}
    answer: Callable[[], dict]   # computed by the library, never typed in


def exercises_html(exercises: list[Exercise], lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercises_list_html([(ex.question, ex.answer()) for ex in exercises], lang)


def _net_answer() -> dict:
    f = fund.figure("employee_fund.account_net", 2024, "gongbao")
    a = fund.figure("employee_fund.account_income", 2024, "gongbao")
    s = fund.figure("employee_fund.account_spending", 2024, "gongbao")
    return {"zh": f"收入 {a.value:,.2f} − 支出 {s.value:,.2f} = {fund.recompute(f):,.2f} 亿元（数据中记为推算值 {f.value:,.2f}）。",
            "en": f"Income {a.value:,.2f} − spending {s.value:,.2f} = {fund.recompute(f):,.2f} (100 million yuan; "
                  f"recorded as derived, {f.value:,.2f})."}


def _ratio_answer() -> dict:
    a, b = fund.in_service_ratio(2021), fund.in_service_ratio(2024)
    return {"zh": f"2021年 {a.formula['zh']}；2024年 {b.formula['zh']}。每名退休人员对应的在职人数在减少。",
            "en": f"2021: {a.formula['en']}; 2024: {b.formula['en']}. There are fewer workers per retiree."}


def _hunan_answer() -> dict:
    nat, hun, stated = hunan_shares()
    gap = (hun.value - nat.value) * 100
    return {"zh": f"湖南 {hun.formula['zh']}（原文 {format_value(stated)}）；全国 {pct(nat.value)}；高 {gap:.2f} 个百分点。",
            "en": f"Hunan {hun.formula['en']} (printed {format_value(stated, 'en')}); nation {pct(nat.value)}; "
                  f"{gap:.2f} points higher."}


def _derived_2023_answer() -> dict:
    f = fund.figure("insured_counts.employee_insured", 2023, "gongbao")
    t = fund.figure("insured_counts.employee_insured", 2024, "gongbao")
    ch = fund.figure("insured_counts.employee_insured_change", 2024, "gongbao")
    return {"zh": f"{t.value:,.2f} − {ch.value:,.2f} = {fund.recompute(f):,.2f} 万人（标为推算 DERIVED）。",
            "en": f"{t.value:,.2f} − {ch.value:,.2f} = {fund.recompute(f):,.2f} (10,000 persons; marked DERIVED)."}


EXERCISES = [
    Exercise({"zh": "2024年（公报）个人账户当期结存多少？怎样由收入和支出算出？",
              "en": "What was the accounts' balance of the year in 2024 (bulletin), and how does it follow from income and spending?"},
             _net_answer),
    Exercise({"zh": "2021年和2024年，每名退休人员对应几名在职职工？",
              "en": "How many in-service enrollees were there per retiree in 2021 and in 2024?"},
             _ratio_answer),
    Exercise({"zh": "湖南2021年个人账户占比按金额算是多少？比全国高几个百分点？",
              "en": "What is Hunan's 2021 account share computed from the amounts, and how much higher is it than the nation's?"},
             _hunan_answer),
    Exercise({"zh": "2023年职工医保参保人数的公报原数未查到。怎样由2024年公报推出？",
              "en": "The 2023 bulletin's employee count was not found. How does it follow from the 2024 bulletin?"},
             _derived_2023_answer),
]


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(EXERCISES, lang))


def sources_html(refs: list[Reference] | None = None) -> str:
    """Numbered list of the documents behind the statistics, with where they were read."""
    if refs is None:
        refs = []
        for f in fund.load_statistics():
            base = f.reference if f.reference.reliability != "DERIVED" or not f.derived else None
            if base is not None and base not in refs:
                refs.append(base)
    items = [f"<li>{original_title(r.title)}{'，' + html.escape(r.issuer) if r.issuer else ''}"
             f"{'，' + html.escape(r.number) if r.number else '，文号：无/未查到 (no number)'}"
             f"{'，' + html.escape(str(r.published)) if r.published else ''} [{r.reliability}] {links(r)}</li>"
             for r in refs]
    return ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
            "3P-low 低可靠 / DERIVED 推算</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>")


@page_cell()
def show_sources() -> widgets.HTML:
    return widgets.HTML(sources_html())


@page_cell('')
def key_numbers() -> str:
    """One line of the numbers notebook 08 checks (nbval compares this output)."""
    shares = ", ".join(f"{d.year} {d.release} {pct(d.value)}" for d in share_points())
    nat, hun, stated = hunan_shares()
    ratio = fund.in_service_ratio(2021)
    net = fund.figure("employee_fund.account_net", 2024, "gongbao")
    out = fund.figure("benefit_use.outpatient_benefit_uses", 2023)
    return (f"account share (balance): {shares}; Hunan {hun.year} {pct(hun.value)} (printed "
            f"{format_value(stated, 'en')}); in-service:retired 2021 {ratio.value:.2f}; "
            f"accounts net 2024 {net.value:,.2f}; outpatient uses 2023 {out.value:g}")

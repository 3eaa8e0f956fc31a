"""The fund page's figures: pooled fund and accounts by year, nation vs Hunan, outpatient uses.

Each ``*_figure`` returns a matplotlib figure and each ``*_chart`` its PNG bytes, so tests and
notebooks can draw them without the app. The page shows the live charts of ``live_fund.py`` (drawn in
the browser); these figures are the exports, and matplotlib is imported only when one is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medinsure import fund
from medinsure.errors import InvalidInput
from medinsure.fund import RELEASE_LABEL, UNITS
from medinsure.rules import load_region
from medinsure.views.charts.common import NEW_COLOUR
from medinsure.views.fonts import register_cjk_font
from medinsure.views.fund import BASIS_LABEL, format_value, years_text
from medinsure.views.words import percent

POOLED_COLOUR = "#90a4ae"
ACCOUNT_COLOUR = "#ef6c00"
UNKNOWN_COLOUR = "#bdbdbd"

TXT = {
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
    "aid_uses": {"zh": "共济人次", "en": "mutual-aid uses"},
}


if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure


def png(fig: MplFigure) -> bytes:
    from medinsure.views.charts.base import png as to_png

    return to_png(fig)


def _figure(width: float, height: float, ncols: int = 1, ratios: tuple = ()) -> tuple[MplFigure, list]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    register_cjk_font()
    fig = MplFigure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, gridspec_kw={"width_ratios": list(ratios)} if ratios else None)
    axes = list(axes) if ncols > 1 else [axes]
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
    return fig, axes


def share_figure(lang: str = "zh", basis: str = "balance", release: str | None = None) -> MplFigure:
    """Stacked bars of the pooled fund and the accounts, with the accounts' share on top."""
    pts = fund.share_points(basis, release)
    have = [(d.year, d.release) for d in pts]
    all_years = fund.topic_years("employee_fund")
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
        ax.text(x, pooled + acct, percent(d.value, lang, 2), ha="center", va="bottom", fontsize=9)
        ax.text(x, pooled / 2, f"{pooled:,.0f}", ha="center", va="center", fontsize=8, bbox=box)
        ax.text(x, pooled + acct / 2, f"{acct:,.0f}", ha="center", va="center", fontsize=8, bbox=box)
    ax.set_xticks(range(len(all_years)),
                  [f"{y}\n{RELEASE_LABEL[by_year[y].release][lang]}" if y in by_year
                   else f"{y}\n{TXT['unknown_bar'][lang]}" for y in all_years])
    ax.set_ylim(0, top * 1.15)
    ax.set_title(TXT["share_title"][lang].format(basis=BASIS_LABEL[basis][lang]), fontsize=11)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    sep = "、" if lang == "zh" else ", "
    ax.set_xlabel(TXT["share_note"][lang].format(have=years_text(have, lang),
                                                 missing=sep.join(missing) or TXT["none"][lang]),
                  fontsize=8, color="#555", loc="left")
    return fig


def share_chart(lang: str = "zh", basis: str = "balance", release: str | None = None) -> bytes:
    return png(share_figure(lang, basis, release))


def hunan_chart(lang: str = "zh") -> bytes:
    return png(hunan_figure(lang))


def outpatient_chart(lang: str = "zh") -> bytes:
    return png(outpatient_figure(lang))


def hunan_figure(lang: str = "zh") -> MplFigure:
    """100% bars: pooled vs accounts, nation vs Hunan, 2021."""
    nat, hun, stated = fund.hunan_shares()
    hunan_name = load_region("hunan").province[lang]
    rows = [(f"{TXT['national'][lang]}\n({RELEASE_LABEL[nat.release][lang]})", nat),
            (f"{hunan_name}\n({RELEASE_LABEL[hun.release][lang]})", hun)]
    fig, (ax,) = _figure(6.4, 2.8)
    for i, (_, d) in enumerate(rows):
        ax.barh(i, 1 - d.value, 0.55, color=POOLED_COLOUR, label=TXT["pooled"][lang] if i == 0 else "_")
        ax.barh(i, d.value, 0.55, left=1 - d.value, color=ACCOUNT_COLOUR,
                label=TXT["accounts"][lang] if i == 0 else "_")
        ax.text((1 - d.value) / 2, i, percent(1 - d.value, lang, 2), ha="center", va="center", fontsize=9)
        ax.text(1 - d.value / 2, i, percent(d.value, lang, 2), ha="center", va="center", fontsize=9, color="white")
    ax.axvline(0.5, color="black", lw=0.8, ls=":")
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"])
    ax.invert_yaxis()
    ax.set_title(TXT["hunan_title"][lang].format(year=hun.year), fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=9)
    ax.set_xlabel(TXT["hunan_stated"][lang].format(stated=format_value(stated, lang), computed=percent(hun.value, lang, 2)),
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

"""The resident-insurance page's figures: reimbursement against the bill, and funding per group."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from medinsure.resident import Contribution, InpatientResult, load_place, minimum_funding_series, reimbursement_curve
from medinsure.rules.resident import (
    common_bands,
    contribution_groups_of,
    group_funding,
    hospital_classes_of,
    yearly_cap,
)
from medinsure.views.charts.base import NEW_COLOUR, OLD_COLOUR, OTHER_COLOURS, nice_limit, png
from medinsure.views.fonts import register_cjk_font
from medinsure.views.resident import short_label
from medinsure.views.words import money

# Display settings, not policy.
_CURVE_POINTS = 401

def _figure(width: float, height: float) -> Figure:
    register_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


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


class InpatientChart:
    """Reimbursement against the in-scope bill, one line per hospital class."""

    def __init__(self) -> None:
        self.fig = _figure(6.6, 3.8)
        self.data: dict = {}

    def update(self, result: InpatientResult, lang: str) -> bytes:
        t = {k: v[lang] for k, v in CHART_TEXT.items()}
        fig = self.fig
        fig.clear()
        ax = fig.add_subplot()
        top = nice_limit(max(80_000.0, result.in_scope * 1.3))
        grid = np.linspace(0.0, top, _CURVE_POINTS)
        entry = result.entry
        share = result.category_b / result.in_scope if result.in_scope > 0 else 0.0
        lines = {}
        for i, c in enumerate(hospital_classes_of(entry)):
            y = reimbursement_curve(result.region, result.admission_date, c["key"], grid, share)
            lines[c["key"]] = y
            current = c["key"] == result.hospital_class
            ax.plot(grid, y, lw=2.4 if current else 1.3, color=[NEW_COLOUR, *OTHER_COLOURS][i % 4],
                    alpha=1 if current else 0.75, label=c["label"][lang])
        self.data = {"grid": grid, "lines": lines}
        known = any(np.isfinite(v).any() for v in lines.values())
        if known:
            bands = common_bands(entry)
            for b in bands[:-1]:
                ax.axvline(b["up_to"], color="#bbbbbb", lw=0.8, ls=":")
            cap = yearly_cap(entry)
            if isinstance(cap, (int, float)):
                ax.axhline(cap, color=OLD_COLOUR, lw=1, ls="--")
                ax.text(top * 0.98, cap, f"{t['cap']} {cap:,.0f}", fontsize=8, va="bottom", ha="right",
                        color="#555")
            if result.reimbursement is not None:
                ax.plot([result.in_scope], [result.reimbursement], "o", color="#c62828", ms=7, zorder=5)
                ax.annotate(f"{t['you']} {money(result.reimbursement, lang)}",
                            (result.in_scope, result.reimbursement), xytext=(8, -14),
                            textcoords="offset points", fontsize=8)
            ax.legend(loc="lower right", fontsize=8, frameon=False)
        else:
            ax.text(0.5, 0.5, t["not_known"], transform=ax.transAxes, ha="center", va="center", fontsize=10)
        ax.set_xlim(0, top)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.tick_params(labelsize=8)
        ax.set_title(t["curve_title"], fontsize=11)
        ax.set_xlabel(t["x"], fontsize=9)
        ax.set_ylabel(t["y"], fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        return png(fig)


class ContributionChart:
    """Left: individual + subsidies per group of the place; right: national minimum by year."""

    def __init__(self) -> None:
        self.fig = _figure(6.6, 3.8)
        self.data: dict = {}

    def update(self, region: str, contribution: Contribution | None, lang: str) -> bytes:
        t = {k: v[lang] for k, v in CHART_TEXT.items()}
        fig = self.fig
        fig.clear()
        ax, ax2 = fig.subplots(1, 2, width_ratios=[3, 2])
        place = load_place(region)
        rows = []
        if place.has("resident_contributions"):
            entry = (contribution.entry if contribution is not None
                     else place.entry("resident_contributions"))
            for g in contribution_groups_of(entry):
                individual, subsidies = group_funding(entry, g)
                rows.append((g["key"], short_label(g["label"][lang]), individual, subsidies))
        rows = rows[::-1]
        y = np.arange(len(rows))
        ind = [math.nan if r[2] is None else r[2] for r in rows]
        sub = [math.nan if r[3] is None else r[3] for r in rows]
        ax.barh(y, np.nan_to_num(ind), color=NEW_COLOUR, label=t["individual"])
        ax.barh(y, np.nan_to_num(sub), left=np.nan_to_num(ind), color=OLD_COLOUR, label=t["subsidy"])
        current = contribution.group if contribution else None
        for i, r in enumerate(rows):
            total = None if r[2] is None or r[3] is None else r[2] + r[3]
            ax.text(0 if total is None else total, i, f" {t['unknown'] if total is None else f'{total:,.0f}'}",
                    va="center", fontsize=8)
        ax.set_yticks(y, [r[1] for r in rows], fontsize=8)
        for lab, r in zip(ax.get_yticklabels(), rows):
            if r[0] == current or (contribution and not current and r[0] in contribution.candidates):
                lab.set_color("#c62828")
        totals = [a + b for a, b in zip(np.nan_to_num(ind), np.nan_to_num(sub))]
        ax.set_xlim(0, nice_limit(max(totals + [1.0]) * 1.2))
        ax.tick_params(axis="x", labelsize=8)
        fig.legend(handles=ax.containers[:2], labels=[t["individual"], t["subsidy"]], loc="outside lower center",
                   ncol=2, fontsize=8, frameon=False)
        ax.set_title(t["groups_title"], fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        series = minimum_funding_series()
        years = [str(m.coverage_year) for m in series]
        fisc = [m.fiscal_subsidy_min for m in series]
        indiv = [m.individual_min for m in series]
        x = np.arange(len(series))
        ax2.bar(x, [v or 0 for v in fisc], color=OLD_COLOUR)
        ax2.bar(x, [v or 0 for v in indiv], bottom=[v or 0 for v in fisc], color=NEW_COLOUR)
        for i, (f, ind_v) in enumerate(zip(fisc, indiv)):
            height = (f or 0) + (ind_v or 0)
            parts = [t["unknown"] if v is None else f"{v:,.0f}" for v in (f, ind_v)]
            label = (t["unknown"] if f is None and ind_v is None
                     else f"{f + ind_v:,.0f}" if f is not None and ind_v is not None
                     else f"{parts[0]}+{parts[1]}")
            ax2.text(i, height, label, ha="center", va="bottom", fontsize=7)
        ax2.set_xticks(x, years, fontsize=8)
        ax2.set_title(t["national_title"], fontsize=10)
        ax2.tick_params(axis="y", labelsize=8)
        ax2.set_ylim(0, nice_limit(max([(f or 0) + (i or 0) for f, i in zip(fisc, indiv)] + [1]) * 1.25))
        ax2.spines[["top", "right"]].set_visible(False)
        self.data = {"groups": rows, "national": list(zip(years, fisc, indiv))}
        return png(fig)

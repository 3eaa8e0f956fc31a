"""The resident-insurance (城乡居民医保) explainer: who pays what, and what an inpatient stay gets back.

``resident_explainer(...)`` returns the laid-out widget; ``.result`` is a
:class:`ResidentResult` (contribution and inpatient outcome, ``None`` while the input is invalid),
``.controls`` holds every input by name, ``.error`` the current message or None.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from medinsure.views.charts.base import NEW_COLOUR, OLD_COLOUR, OTHER_COLOURS, nice_limit, png
from medinsure.errors import InvalidInput
from medinsure.views.fonts import register_cjk_font
from medinsure.views.words import money
from medinsure.resident import (
    ILLNESS,
    Contribution,
    InpatientResult,
    add_months,
    contribution_trace,
    inpatient_reimbursement,
    load_place,
    minimum_funding_series,
    place_slugs,
    reimbursement_curve,
    resident_contribution,
)
from medinsure.trace import Step
from medinsure.app.common import app_builder, page_cell, ErrorBox, exercises_list_html, title_html

# Display settings, not policy.
_BILL_MAX = 200_000.0
_CURVE_POINTS = 401
_NO_CHECK = "none"

TXT = {
    "title": {"zh": "城乡居民医保：谁缴多少，住院报多少？",
              "en": "Resident medical insurance: who pays what, and what does a hospital stay get back?"},
    "contrib_head": {"zh": "缴费 · Contributions", "en": "Contributions"},
    "inpatient_head": {"zh": "住院报销 · Inpatient", "en": "Inpatient stay"},
    "trace": {"zh": "计算步骤与出处（点击展开）", "en": "Steps and sources (click to open)"},
    "unknown": {"zh": "以下数字本地区未知，未作估算：", "en": "Not known for this region (not estimated):"},
    "no_contrib": {"zh": "本地区没有缴费规则记录。", "en": "No contribution rules are on record for this place."},
    "no_inpatient": {"zh": "本地区没有住院报销规则记录。", "en": "No inpatient rules are on record for this place."},
}
SEX = {"male": {"zh": "男性", "en": "man"}, "female": {"zh": "女性", "en": "woman"}}


@dataclass(frozen=True)
class ResidentResult:
    """What the app shows: the contribution (or None) and the inpatient outcome (or None)."""

    region: str
    contribution: Contribution | None
    inpatient: InpatientResult | None


def _short(label: str) -> str:
    """'老年居民（男60…）' -> '老年居民'; 'older residents (men…)' -> 'older residents'."""
    for sep in ("（", " ("):
        if sep in label:
            return label.split(sep)[0]
    return label


def _place_options() -> list[tuple[str, str]]:
    out = []
    for slug in place_slugs():
        p = load_place(slug)
        if not (p.has("resident_contributions") or p.has("resident_inpatient")):
            continue
        first = min(pf.entries[0].date for pf in p.files.values())
        mark = "" if p.completeness == "complete" else "（部分）"
        out.append((f"{p.name['zh']}{mark} {p.name['en']} · {first.year}", slug))
    return out


# --------------------------------------------------------------------------- charts
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
        for i, c in enumerate(entry["hospital_classes"]):
            y = reimbursement_curve(result.region, result.admission_date, c["key"], grid, share)
            lines[c["key"]] = y
            current = c["key"] == result.hospital_class
            ax.plot(grid, y, lw=2.4 if current else 1.3, color=[NEW_COLOUR, *OTHER_COLOURS][i % 4],
                    alpha=1 if current else 0.75, label=c["label"][lang])
        self.data = {"grid": grid, "lines": lines}
        known = any(np.isfinite(v).any() for v in lines.values())
        if known:
            bands = entry.get("bands") or []
            for b in bands[:-1]:
                ax.axvline(b["up_to"], color="#bbbbbb", lw=0.8, ls=":")
            cap = entry["yearly_cap"]
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
            everyone = entry.get("for_everyone", [])
            for g in entry["groups"]:
                subs = [s["amount"] for s in everyone + g.get("subsidies", [])]
                rows.append((g["key"], _short(g["label"][lang]), g["individual"],
                             None if None in subs else sum(subs)))
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


# --------------------------------------------------------------------------- sentences and tables
def contribution_sentence(c: Contribution | None, region: str, age: int, sex: str, lang: str) -> str:
    place = load_place(region)
    name = place.name[lang]
    if c is None:
        return f"<b>{html.escape(name)}</b>：{TXT['no_contrib'][lang]}" if lang == "zh" else \
            f"<b>{html.escape(name)}</b>: {TXT['no_contrib'][lang]}"
    who = f"{age} 岁{SEX[sex]['zh']}" if lang == "zh" else f"a {age}-year-old {SEX[sex]['en']}"
    if c.group is None:
        if lang == "zh":
            return (f"<b>{html.escape(name)}</b>（{c.entry.date} 起的规则）：{who}的缴费额<b>未知</b>——"
                    f"{html.escape(c.note['zh'])}")
        return (f"<b>{html.escape(name)}</b> (rules from {c.entry.date}): what {who} pays is "
                f"<b>not known</b> — {html.escape(c.note['en'])}")
    g = c.group_label[lang]
    if lang == "zh":
        return (f"<b>{html.escape(name)}</b>（{c.entry.date} 起的规则）：{who}属于“{html.escape(_short(g))}”，"
                f"每年个人缴费 <b>{money(c.individual)}</b> 元，补助 {money(c.subsidy_total)} 元，"
                f"合计筹资 <b>{money(c.total)}</b> 元。")
    return (f"<b>{html.escape(name)}</b> (rules from {c.entry.date}): {who} counts as "
            f"“{html.escape(_short(g))}”, pays <b>{money(c.individual, 'en')}</b> yuan a year; subsidies add "
            f"{money(c.subsidy_total, 'en')}, for <b>{money(c.total, 'en')}</b> in all.")


def inpatient_sentence(r: InpatientResult | None, lang: str) -> str:
    if r is None:
        return TXT["no_inpatient"][lang]
    cls = r.class_label[lang]
    zh = lang == "zh"
    b = (f"（其中乙类药品 {money(r.category_b)} 元）" if zh else f" ({money(r.category_b, 'en')} of it category-B drugs)") \
        if r.category_b > 0 else ""
    head = (f"{r.admission_date} 在{cls}住院，政策范围内费用 {money(r.in_scope)} 元{b}，起付线 {money(r.deductible)} 元："
            if zh else
            f"A stay at a {cls} from {r.admission_date} with {money(r.in_scope, 'en')} yuan of in-scope costs{b}, "
            f"deductible {money(r.deductible, 'en')}: ")
    if r.covered is False:
        why = html.escape(r.reason[lang]) if r.reason else ""
        return head + (f"基金<b>不予报销</b>（{why}），个人负担 <b>{money(r.own_payment)}</b> 元。" if zh else
                       f"the fund pays <b>nothing</b> ({why}); the patient pays <b>{money(r.own_payment, 'en')}</b> yuan.")
    if r.reimbursement is None:
        why = html.escape(r.reason[lang]) if r.reason else html.escape(r.entry.note[lang] if r.entry.note else "")
        return head + (f"基金报销额<b>本地区未知</b>（{why}）。" if zh else
                       f"the fund's payment is <b>not known for this region</b> ({why}).")
    capped = r.before_cap is not None and r.reimbursement < r.before_cap
    cap_txt = ((f"（按分段应报 {money(r.before_cap)} 元，受年度封顶限制）" if zh else
                f" (the bands give {money(r.before_cap, 'en')}, limited by the yearly cap)") if capped else "")
    extra = ((f"，含范围外 {money(r.out_of_scope)} 元" if zh else f", incl. {money(r.out_of_scope, 'en')} out of scope")
             if r.out_of_scope > 0 else "")
    return head + (f"基金报销 <b>{money(r.reimbursement)}</b> 元{cap_txt}，个人负担 <b>{money(r.own_payment)}</b> 元{extra}。"
                   if zh else
                   f"the fund pays <b>{money(r.reimbursement, 'en')}</b> yuan{cap_txt}; the patient pays "
                   f"<b>{money(r.own_payment, 'en')}</b>{extra}.")


def _ref_html(step: Step) -> str:
    out = []
    for r in step.references:
        link = next((u for u in r.read_at if u.startswith("http")), None)
        cite = html.escape(r.cite())
        out.append(f'<a href="{html.escape(link)}" target="_blank" rel="noopener">{cite}</a>' if link else
                   f"{cite}<br><small>{html.escape('; '.join(r.read_at))}</small>")
    return "<br>".join(out)


def trace_table(steps: list[Step], lang: str) -> str:
    """Steps as an HTML table: step, value, how, sources."""
    head = ("步骤", "数值（元）", "算法", "出处") if lang == "zh" else ("Step", "Value (yuan)", "How", "Source")
    rows = []
    for s in steps:
        value = "—" if s.value is None else money(s.value, lang)
        src = _ref_html(s) if all(x.startswith("data/") for x in s.sources) else \
            ("由上列步骤算出" if lang == "zh" else "from the steps above")
        rows.append(f"<tr><td>{html.escape(s.label[lang])}</td><td style='text-align:right'>{value}</td>"
                    f"<td>{html.escape(s.formula[lang])}</td><td>{src}</td></tr>")
    cell = "<td style='padding:2px 6px;border-bottom:1px solid #eee;vertical-align:top'"
    return ("<table class='medinsure-trace' style='border-collapse:collapse;font-size:13px'><thead><tr>"
            + "".join(f"<th style='text-align:left;border-bottom:1px solid #999;padding:2px 6px'>{h}</th>"
                      for h in head)
            + "</tr></thead><tbody>" + "".join(rows).replace("<td", cell) + "</tbody></table>")


# --------------------------------------------------------------------------- the app
class ResidentExplainer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`resident_explainer`."""

    def __init__(self, region: str = "suyu", age: int = 65, sex: str = "female",
                 category: str | None = None, hospital_class: str | None = None,
                 in_scope: float = 20000.0, category_b: float = 0.0, out_of_scope: float = 0.0,
                 reimbursed_before: float = 0.0, cause: str = ILLNESS, approved: bool = True,
                 enrolment: str = "first", payment_date: str | None = None,
                 admission_date: str | None = None, lang: str = "zh") -> None:
        self.result: ResidentResult | None = None
        self.error: str | None = None
        self._busy = False

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")
        style = {"description_width": "150px"}
        c = self.controls = {
            "region": widgets.Dropdown(options=_place_options(), value=region, description="地区 Place",
                                       layout=wide(), style=style),
            "age": widgets.IntSlider(value=age, min=0, max=100, description="年龄 Age", continuous_update=False,
                                     layout=wide(), style=style),
            "sex": widgets.ToggleButtons(options=[("男 Male", "male"), ("女 Female", "female")], value=sex,
                                         description="性别 Sex", style={**style, "button_width": "auto"}),
            "category": widgets.Dropdown(description="身份 Category", layout=wide(), style=style),
            "hospital_class": widgets.Dropdown(description="医院 Hospital", layout=wide(), style=style),
            "in_scope": widgets.FloatSlider(value=in_scope, min=0, max=_BILL_MAX, step=100,
                                            description="范围内费用 In scope", readout_format=",.2f",
                                            continuous_update=False, layout=wide(), style=style),
            "category_b": widgets.FloatSlider(value=category_b, min=0, max=_BILL_MAX, step=100,
                                              description="其中乙类药 Category B", readout_format=",.2f",
                                              continuous_update=False, layout=wide(), style=style),
            "out_of_scope": widgets.FloatSlider(value=out_of_scope, min=0, max=50000, step=100,
                                                description="范围外 Out of scope", readout_format=",.2f",
                                                continuous_update=False, layout=wide(), style=style),
            "reimbursed_before": widgets.FloatSlider(value=reimbursed_before, min=0, max=50000, step=500,
                                                     description="本年已报 Paid this year",
                                                     readout_format=",.2f", continuous_update=False,
                                                     layout=wide(), style=style),
            "cause": widgets.Dropdown(description="病因 Cause", layout=wide(), style=style),
            "approved": widgets.Checkbox(value=approved, description="已办理住院登记 Registered", indent=False),
            "enrolment": widgets.Dropdown(
                options=[("不检查等待期 Not checked", _NO_CHECK), ("首次参保 First enrolment", "first"),
                         ("中断后再参保 Re-enrolment", "re_enrolment"), ("新生儿 Newborn", "newborn")],
                value=enrolment, description="参保情况 Enrolment", layout=wide(), style=style),
            "payment_date": widgets.DatePicker(description="缴费日 Paid on", style=style),
            "admission_date": widgets.DatePicker(description="入院日 Admitted", style=style),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.heads = (widgets.HTML(), widgets.HTML())
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.curve_chart = InpatientChart()
        self.groups_chart = ContributionChart()
        img = widgets.Layout(width="100%", max_width="660px")
        self.curve_image = widgets.Image(format="png", layout=img)
        self.groups_image = widgets.Image(format="png", layout=img)
        self.curve_image.add_class("medinsure-resident-curve")
        self.groups_image.add_class("medinsure-resident-groups")
        self.trace = widgets.HTML()
        self.trace_box = widgets.Accordion(children=[self.trace], selected_index=None)
        self._set_place_dependent(category, hospital_class, cause, payment_date, admission_date)
        left = widgets.VBox([c["region"], self.heads[0], c["age"], c["sex"], c["category"], self.heads[1],
                             c["hospital_class"], c["in_scope"], c["category_b"], c["out_of_scope"],
                             c["reimbursed_before"], c["cause"], c["approved"], c["enrolment"],
                             c["payment_date"], c["admission_date"], c["lang"]],
                            layout=widgets.Layout(width="470px", min_width="400px"))
        charts = widgets.HBox([self.groups_image, self.curve_image],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        right = widgets.VBox([self.error_box, self.sentence, self.notice, charts, self.trace_box],
                             layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, widgets.HBox([left, right], layout=widgets.Layout(width="100%"))])
        self.add_class("medinsure-resident")
        c["region"].observe(self._on_region, names="value")
        for k, w in c.items():
            if k != "region":
                w.observe(self._on_change, names="value")
        self.recompute()

    # ------------------------------------------------------------------ reactions
    def _set_place_dependent(self, category=None, hospital_class=None, cause=ILLNESS,
                             payment_date=None, admission_date=None) -> None:
        c = self.controls
        place = load_place(c["region"].value)
        if place.has("resident_contributions"):
            e = place.entry("resident_contributions")
            c["category"].options = [("无 None", "")] + [(f"{x['label']['zh']} {x['label']['en']}", x["key"])
                                                         for x in e["categories"]]
            c["category"].value = category if category in [x["key"] for x in e["categories"]] else ""
        if place.has("resident_inpatient"):
            e = place.entry("resident_inpatient")
            classes = [(f"{x['label']['zh']} {x['label']['en']}", x["key"]) for x in e["hospital_classes"]]
            c["hospital_class"].options = classes
            keys = [k for _, k in classes]
            c["hospital_class"].value = hospital_class if hospital_class in keys else keys[0]
            causes = [("疾病 Illness", ILLNESS)] + [(f"{x['label']['zh']} {x['label']['en']}", x["key"])
                                                   for x in e["excluded_causes"]]
            c["cause"].options = causes
            c["cause"].value = cause if cause in [k for _, k in causes] else ILLNESS
            start = place.file("resident_inpatient").entries[0].date
            pay = dt.date.fromisoformat(payment_date) if payment_date else start
            c["payment_date"].value = pay
            c["admission_date"].value = (dt.date.fromisoformat(admission_date) if admission_date
                                         else add_months(pay, 3))
        if not place.has("resident_waiting_period"):
            c["enrolment"].value = _NO_CHECK
        self._update_visibility()

    def _update_visibility(self) -> None:
        c = self.controls
        place = load_place(c["region"].value)
        has_c, has_i = place.has("resident_contributions"), place.has("resident_inpatient")
        has_w = place.has("resident_waiting_period")
        needs_approval = has_i and bool(place.entry("resident_inpatient").get("requires_approval"))
        show = {"age": has_c, "sex": has_c, "category": has_c, "hospital_class": has_i, "in_scope": has_i,
                "category_b": has_i, "out_of_scope": has_i, "reimbursed_before": has_i, "cause": has_i,
                "approved": needs_approval, "enrolment": has_w,
                "payment_date": has_w and c["enrolment"].value != _NO_CHECK, "admission_date": has_i}
        for k, visible in show.items():
            c[k].layout.display = None if visible else "none"
        self.heads[0].layout.display = None if has_c else "none"
        self.heads[1].layout.display = None if has_i else "none"

    def _on_region(self, change) -> None:
        self._busy = True
        try:
            self._set_place_dependent()
        finally:
            self._busy = False
        self.recompute()

    def _on_change(self, change) -> None:
        if change["owner"] is self.controls["enrolment"]:
            self._update_visibility()
        if not self._busy:
            self.recompute()

    # ------------------------------------------------------------------ compute
    def compute(self) -> ResidentResult:
        """Call the library with the current inputs (raises InvalidInput)."""
        c = self.controls
        slug = c["region"].value
        place = load_place(slug)
        contribution = inpatient = None
        if place.has("resident_contributions"):
            day = place.entry("resident_contributions").date
            contribution = resident_contribution(slug, day, int(c["age"].value), c["sex"].value,
                                                 c["category"].value or None)
        if place.has("resident_inpatient"):
            admitted = c["admission_date"].value
            if admitted is None:
                raise InvalidInput("admission_date", None, "a date (入院日 Admitted)")
            enrolment = c["enrolment"].value
            paid = c["payment_date"].value if enrolment != _NO_CHECK else None
            if enrolment != _NO_CHECK and paid is None:
                raise InvalidInput("payment_date", None, "a date (缴费日 Paid on)")
            inpatient = inpatient_reimbursement(
                slug, admitted, c["hospital_class"].value, float(c["in_scope"].value),
                float(c["category_b"].value), float(c["out_of_scope"].value),
                float(c["reimbursed_before"].value), c["cause"].value, bool(c["approved"].value),
                None if enrolment == _NO_CHECK else enrolment, paid)
        return ResidentResult(slug, contribution, inpatient)

    def recompute(self) -> None:
        lang = self.controls["lang"].value
        self.title.value = title_html(TXT["title"], lang)
        self.heads[0].value = f"<b>{TXT['contrib_head'][lang]}</b>"
        self.heads[1].value = f"<b>{TXT['inpatient_head'][lang]}</b>"
        result = self.guarded(self.compute, lang)
        if result is None:
            return
        self.result = result
        c = self.controls
        self.groups_image.value = self.groups_chart.update(result.region, result.contribution, lang)
        if result.inpatient is not None:
            self.curve_image.value = self.curve_chart.update(result.inpatient, lang)
            self.curve_image.layout.display = None
        else:
            self.curve_image.layout.display = "none"
        steps: list[Step] = []
        if result.contribution is not None:
            steps += contribution_trace(result.contribution)
        if result.inpatient is not None:
            steps += list(result.inpatient.trace)
        self.trace.value = trace_table(steps, lang)
        self.trace_box.set_title(0, TXT["trace"][lang])
        self.notice.value = self._notice_html(result, lang)
        parts = [contribution_sentence(result.contribution, result.region, int(c["age"].value),
                                       c["sex"].value, lang)]
        if load_place(result.region).has("resident_inpatient"):
            parts.append(inpatient_sentence(result.inpatient, lang))
        self.sentence.value = ("<div class='medinsure-sentence' style='font-size:16px;line-height:1.6;"
                               "padding:6px 10px;background:#f3f7fb;border-left:4px solid #1565c0'>"
                               + "".join(f"<p style='margin:4px 0'>{p}</p>" for p in parts) + "</div>")

    @staticmethod
    def _notice_html(r: ResidentResult, lang: str) -> str:
        items = []
        if r.contribution is not None and r.contribution.total is None and r.contribution.note:
            items.append(r.contribution.note[lang])
        if r.inpatient is not None:
            for u in r.inpatient.unknown:
                items.append(f"{u['field']}：{u['note'][lang]}" if lang == "zh" else f"{u['field']}: {u['note'][lang]}")
        place = load_place(r.region)
        notes = [place.summary[lang]]
        if r.inpatient is not None and r.inpatient.entry.note and not r.inpatient.unknown:
            notes.append(r.inpatient.entry.note[lang])
        out = ""
        if items:
            out += (f"<div class='medinsure-unknown' style='background:#fff8e1;padding:6px 10px;"
                    f"border-left:4px solid #f9a825'>{TXT['unknown'][lang]}<ul>"
                    + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul></div>")
        out += ("<div class='medinsure-notice' style='color:#555;padding:2px 10px;font-size:13px'><ul>"
                + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul></div>")
        return out


@app_builder
def resident_explainer(region: str = "suyu", **kwargs) -> ResidentExplainer:
    """Build the resident-insurance app (see :class:`ResidentExplainer` for the options)."""
    return ResidentExplainer(region=region, **kwargs)


# --------------------------------------------------------------------------- notebook helpers
@page_cell('')
def key_numbers(app: ResidentExplainer) -> str:
    """One line of the numbers notebook 06 checks (nbval compares this output)."""
    r = app.result
    if r is None:
        return "no result"
    parts = []
    if r.contribution is not None:
        c = r.contribution
        parts.append(f"{r.region} {c.group or 'group n/k'}: individual {money(c.individual, 'en')} + "
                     f"subsidies {money(c.subsidy_total, 'en')} = {money(c.total, 'en')}")
    if r.inpatient is not None:
        i = r.inpatient
        parts.append(f"{i.hospital_class} bill {money(i.in_scope, 'en')} (B {money(i.category_b, 'en')}) -> "
                     f"fund {money(i.reimbursement, 'en')}, own {money(i.own_payment, 'en')}")
    return "; ".join(parts)


def _ex_contrib(age: int, sex: str, category: str | None = None, region: str = "suyu") -> dict:
    place = load_place(region)
    c = resident_contribution(region, place.entry("resident_contributions").date, age, sex, category)
    if c.total is None:
        return {"zh": f"未知：{c.note['zh']}", "en": f"Not known: {c.note['en']}"}
    return {"zh": f"个人 {money(c.individual)} 元 + 补助 {money(c.subsidy_total)} 元 = {money(c.total)} 元。",
            "en": f"Individual {money(c.individual, 'en')} + subsidies {money(c.subsidy_total, 'en')} = "
                  f"{money(c.total, 'en')} yuan."}


def _ex_stay(hospital_class: str, bill: float, b: float = 0.0, **kw) -> dict:
    day = kw.pop("admission_date", load_place("suyu").file("resident_inpatient").entries[0].date)
    r = inpatient_reimbursement("suyu", day, hospital_class, bill, b, **kw)
    if r.reimbursement is None:
        return {"zh": "未知。", "en": "Not known."}
    why_zh = f"（{r.reason['zh']}）" if r.reason else ""
    why_en = f" ({r.reason['en']})" if r.reason else ""
    return {"zh": f"基金报销 {money(r.reimbursement)} 元，个人负担 {money(r.own_payment)} 元{why_zh}。",
            "en": f"The fund pays {money(r.reimbursement, 'en')}, the patient {money(r.own_payment, 'en')}{why_en}."}


def _ex_wait() -> dict:
    start = load_place("suyu").file("resident_waiting_period").entries[0]["windows"][-1]["to"]
    paid = start + dt.timedelta(days=1)
    r = inpatient_reimbursement("suyu", add_months(paid, 3), "in_district", 10000.0,
                                enrolment="first", payment_date=paid)
    return {"zh": f"{paid} 缴费（过渡时间以后），{r.admission_date} 入院：{'报销 ' + money(r.reimbursement) + ' 元' if r.covered else '不予报销'}。"
                  f"{r.reason['zh'] if r.reason else ''}",
            "en": f"Paid {paid} (after the transition period), admitted {r.admission_date}: "
                  f"{'reimbursed ' + money(r.reimbursement, 'en') if r.covered else 'nothing is paid'}. "
                  f"{r.reason['en'] if r.reason else ''}"}


EXERCISES = [
    ({"zh": "宿豫区（2007年办法）：一位 30 岁男性每年个人缴多少？财政补助多少？",
      "en": "Suyu (2007 rules): what does a 30-year-old man pay a year, and what does public finance add?"},
     lambda: _ex_contrib(30, "male")),
    ({"zh": "同一办法下，一位刚满 60 岁的男性缴多少？为什么应用给不出一个数？",
      "en": "Under the same rules, what does a man who has just turned 60 pay? Why does the app give no number?"},
     lambda: _ex_contrib(60, "male")),
    ({"zh": "在区内定点医院住院，政策范围内费用 12,000 元（没有乙类药品），基金报销多少？",
      "en": "A stay at a district hospital with 12,000 yuan of in-scope costs (no category-B drugs): what does the fund pay?"},
     lambda: _ex_stay("in_district", 12000.0)),
    ({"zh": "同样 12,000 元，如果在市外定点医院呢？先预测，再用应用验证。",
      "en": "The same 12,000 yuan at a hospital outside the city? Predict, then check with the app."},
     lambda: _ex_stay("outside_city", 12000.0)),
    ({"zh": "过渡时间结束后第一天才首次参保缴费，三个月后住院 10,000 元，能报销吗？",
      "en": "Someone first enrols and pays the day after the transition period ends and is admitted three "
            "months later with a 10,000-yuan bill. Is it reimbursed?"},
     _ex_wait),
]


def exercises_html(lang: str = "zh") -> str:
    return exercises_list_html([(q, answer()) for q, answer in EXERCISES], lang)


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(lang))


def sources_html() -> str:
    """Every document behind data/resident/, once each, with where it was read and its reliability."""
    found: dict[tuple, list] = {}
    for slug in place_slugs():
        place = load_place(slug)
        for e in [place.region_entry] + [x for pf in place.files.values() for x in pf.entries]:
            for r in e.references:
                key = (r.title, r.number, r.issuer, r.read_at, r.reliability)
                notes = found.setdefault(key, [r])
                if r.note and r.note not in [n.note for n in notes]:
                    notes.append(r)
    items = []
    for refs in found.values():
        r = refs[0]
        where = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                         if u.startswith("http") else f"[{html.escape(u)}]"
                         for i, u in enumerate(r.read_at, 1))
        notes = "<br>".join(html.escape(x.note) for x in refs if x.note)
        items.append(f"<li>{html.escape(r.cite())} {where}<br><small>{notes}</small></li>")
    return ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
            "3P-low 低可靠 / DERIVED 推算</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>")


@page_cell()
def show_sources() -> widgets.HTML:
    return widgets.HTML(sources_html())

"""The resident-insurance page in words: reasons, waiting rules, trace steps, sentences, the trace
table, the key-number line and the sources list. Reads results of :mod:`medinsure.resident`."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from medinsure.resident import (
    Contribution,
    InpatientResult,
    Reason,
    WaitingPeriod,
    contribution_trace,
    load_place,
    minimum_funding_series,
    place_slugs,
)
from medinsure.rules.resident import contribution_groups_of
from medinsure.trace import Step
from medinsure.views import unknowns, words
from medinsure.views.exports import ChartFile, ExportBundle, citable_text, figure_drawer
from medinsure.views.html import list_box, ref_html, sentence, table
from medinsure.views.words import both, money, rate

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


def short_label(label: str) -> str:
    """'老年居民（男60…）' -> '老年居民'; 'older residents (men…)' -> 'older residents'."""
    for sep in ("（", " ("):
        if sep in label:
            return label.split(sep)[0]
    return label


def place_options() -> list[tuple[str, str]]:
    """Dropdown options: every place with contribution or inpatient rules, and its first year."""
    out = []
    for slug in place_slugs():
        p = load_place(slug)
        if not (p.has("resident_contributions") or p.has("resident_inpatient")):
            continue
        mark = "" if p.completeness == "complete" else "（部分）"
        out.append((f"{p.name['zh']}{mark} {p.name['en']} · {p.first_date().year}", slug))
    return out


def labelled_options(items: list[dict]) -> list[tuple[str, str]]:
    """{key, label} items as '中文 English' dropdown options."""
    return [(f"{x['label']['zh']} {x['label']['en']}", x["key"]) for x in items]


# --------------------------------------------------------------------------- rule words
def waiting_rule(w: WaitingPeriod) -> dict:
    """Which waiting rule applied, {zh, en}."""
    months = w.wait_months
    if w.rule == "window":
        x = w.window
        return both(f"{x['label']['zh']}（{x['from']}至{x['to']}）内参保缴费，缴费之日起{months}个月后享受待遇",
                    f"enrolled in the {x['label']['en']} ({x['from']} to {x['to']}): benefits "
                    f"{months} month(s) after payment")
    if w.rule == "late":
        return both(f"过渡时间以后参保，缴费之日起{months}个月后享受待遇",
                    f"enrolled after the transition period: benefits {months} months after payment")
    if w.rule == "re_enrolment":
        return both(f"中断后再次参保，缴费之日起{months}个月后享受待遇，以前的缴费不累计",
                    f"re-enrolled after an interruption: benefits {months} months after payment; "
                    "earlier payments do not count")
    if months is None:
        return both("新生儿：原文未说明何时开始享受待遇", "newborn: the text does not say when benefits start")
    return both(f"新生儿：缴费之日起{months}个月后享受待遇", f"newborn: benefits {months} months after payment")


def reason_text(reason: Reason | None) -> dict | None:
    """Why a stay is not paid (or not known), {zh, en}."""
    if reason is None:
        return None
    a = reason.args
    if reason.code == "excluded_cause":
        lab = a["cause"]["label"]
        return both(f"{lab['zh']}所发生的医疗费用，医疗保险不予报销", f"costs caused by {lab['en']} are not reimbursed")
    if reason.code == "not_registered":
        return both("未经医保经办机构办理登记批准手续住院，住院医疗费不予报销",
                    "the admission was not registered with the insurance agency: not reimbursed")
    rule = waiting_rule(a["waiting"])
    if reason.code == "waiting_unknown":
        return rule
    start = a["waiting"].start
    return both(f"{rule['zh']}；{start}前发生的医疗费用不予报销", f"{rule['en']}; costs before {start} are not reimbursed")


def contribution_note(c: Contribution) -> dict | None:
    """Why the contribution is not known, {zh, en} (None when it is known)."""
    if c.gap == "no_group":
        return both("原文没有涵盖此人的缴费人群。", "No group in the text covers this person.")
    if c.gap == "two_groups":
        groups = {g["key"]: g["label"] for g in contribution_groups_of(c.entry)}
        labels = [groups[k] for k in c.candidates]
        return both(f"原文把此人同时列入两个缴费人群（{'、'.join(x['zh'] for x in labels)}），未说明按哪档缴费。",
                    f"The text puts this person in two groups ({'; '.join(x['en'] for x in labels)}) and does "
                    "not say which applies.")
    return c.note


def unknown_note(u: dict) -> dict:
    """The note of an 'unknown' item: the data's note, or a word that there is none."""
    return words.unknown_note(u)


# --------------------------------------------------------------------------- trace steps in words
def _band_range(line, lang: str) -> str:
    hi = "∞" if math.isinf(line.upper) else money(line.upper, lang)
    return f"{money(line.lower, lang)}–{hi}"


def _band_words(t: dict, paid: float | None) -> tuple[dict, dict]:
    i, line, share = t["index"], t["line"], t["category_b_share"]
    zh = f"费用在 {_band_range(line, 'zh')} 元段内的 {money(line.portion)} 元 × {rate(line.ratio)}"
    en = (f"{money(line.portion, 'en')} yuan of the bill in the {_band_range(line, 'en')} band × "
          f"{rate(line.ratio)}")
    if share > 0:
        zh += f"（其中乙类药品按 {rate(share)} 的比例计，报销 {rate(line.ratio_category_b)}）"
        en += f" (its category-B drug share {rate(share)} at {rate(line.ratio_category_b)})"
    return both(f"第{i}段报销", f"Band {i}"), both(f"{zh} = {money(paid)}", f"{en} = {money(paid, 'en')}")


def _cap_words(t: dict) -> dict:
    if t["cap"] is None:
        return both("封顶线未知", "the yearly cap is not known")
    cap, before, room = t["cap"], t["before"], t["room"]
    return both(f"年度封顶 {money(cap)} − 本年已报销 {money(before)} = 余额 {money(room)}",
                f"yearly cap {money(cap, 'en')} − already reimbursed this year {money(before, 'en')} = "
                f"room {money(room, 'en')}")


def _paid_words(t: dict) -> dict:
    why = reason_text(t["reason"])
    if t["covered"] is False:
        return both(f"不予报销：{why['zh'] if why else ''}", f"not reimbursed: {why['en'] if why else ''}")
    if t["covered"] is None:
        return both(f"未知：{why['zh'] if why else ''}", f"not known: {why['en'] if why else ''}")
    bc, room, r = t["before_cap"], t["room"], t["reimbursement"]
    return both(f"min(分段合计 {money(bc)}, 封顶余额 {money(room)}) = {money(r)}",
                f"min(sum of bands {money(bc, 'en')}, room {money(room, 'en')}) = {money(r, 'en')}")


def _inpatient_words(s: Step) -> tuple[dict, dict]:
    t = s.terms
    if s.key == "benefit_start":
        w = t["waiting"]
        rule = waiting_rule(w)
        return both("待遇开始日", "Benefits start"), both(
            f"{rule['zh']}：缴费 {w.payment_date} → {w.start or '未知'}",
            f"{rule['en']}: paid {w.payment_date} → {w.start or 'not known'}")
    if s.key == "deductible":
        lab, d = t["class_label"], t["deductible"]
        return both(f"起付线（{lab['zh']}）", f"Deductible ({lab['en']})"), both(
            f"{lab['zh']}起付线 {money(d)} 元", f"deductible at a {lab['en']}: {money(d, 'en')} yuan")
    if s.key.startswith("band_"):
        return _band_words(t, s.value)
    if s.key == "before_cap":
        label = both("分段报销合计（封顶前）", "Sum of the bands (before the cap)")
        if not t["banded"]:
            return label, both("起付线未知，无法计算", "the deductible is not known, so it cannot be computed")
        bc = t["before_cap"]
        return label, both(f"各段相加 = {money(bc)}", f"sum of the bands = {money(bc, 'en')}")
    if s.key == "cap_room":
        return both("年度封顶余额", "Room left under the yearly cap"), _cap_words(t)
    if s.key == "reimbursement":
        return both("基金报销", "Paid by the fund"), _paid_words(t)
    bill, r, extra, own = t["in_scope"], t["reimbursement"], t["out_of_scope"], t["own"]
    return both("个人负担", "Paid by the patient"), both(
        f"政策范围内 {money(bill)} − 基金报销 {money(r)} + 范围外 {money(extra)} = {money(own)}",
        f"in scope {money(bill, 'en')} − fund {money(r, 'en')} + out of scope "
        f"{money(extra, 'en')} = {money(own, 'en')}")


def _contribution_words(s: Step) -> tuple[dict, dict]:
    t = s.terms
    if s.key == "individual":
        label = t["group_label"] or both("未定", "not determined")
        return both(f"个人缴费（{label['zh']}）", f"Individual contribution ({label['en']})"), both(
            f"{label['zh']}每人每年个人缴费 {money(t['individual'])} 元",
            f"{label['en']}: {money(t['individual'], 'en')} yuan per person per year")
    if s.key.startswith("subsidy_"):
        x = t["subsidy"]
        parts = "".join(f"；{p['payer']['zh']} {money(p['amount'])}" for p in x["parts"])
        parts_en = "".join(f"; {p['payer']['en']} {money(p['amount'], 'en')}" for p in x["parts"])
        return both(f"补助：{x['payer']['zh']}", f"Subsidy: {x['payer']['en']}"), both(
            f"{x['payer']['zh']}每人每年 {money(x['amount'])} 元{parts}",
            f"{x['payer']['en']}: {money(x['amount'], 'en')} yuan per person per year{parts_en}")
    i, sub, tot = t["individual"], t["subsidy_total"], t["total"]
    return both("每人每年筹资合计", "Total funding per person per year"), both(
        f"个人 {money(i)} + 补助 {money(sub)} = {money(tot)}",
        f"individual {money(i, 'en')} + subsidies {money(sub, 'en')} = {money(tot, 'en')}")


@dataclass(frozen=True)
class WordedStep:
    """A trace step with its label and formula in both languages ({zh, en}), for tables."""

    key: str
    label: dict
    value: float | None
    unit: str
    formula: dict
    references: tuple
    sources: tuple[str, ...]


def _worded(s: Step, words) -> WordedStep:
    label, formula = words(s)
    return WordedStep(s.key, label, s.value, s.unit, formula, s.references, s.sources)


def inpatient_steps(r: InpatientResult) -> list[WordedStep]:
    """The inpatient trace with each step's label and formula in zh and en."""
    return [_worded(s, _inpatient_words) for s in r.trace]


def contribution_steps(c: Contribution) -> list[WordedStep]:
    """The contribution trace (individual, subsidies, total) in words."""
    return [_worded(s, _contribution_words) for s in contribution_trace(c)]


def _ref_html(step: WordedStep) -> str:
    out = []
    for r in step.references:
        out.append(ref_html(r))
    return "<br>".join(out)


def trace_table(steps: list[WordedStep], lang: str) -> str:
    """Steps as an HTML table: step, value, how, sources."""
    head = ("步骤", "数值（元）", "算法", "出处") if lang == "zh" else ("Step", "Value (yuan)", "How", "Source")
    rows = []
    for s in steps:
        value = "—" if s.value is None else money(s.value, lang)
        src = _ref_html(s) if all(x.startswith("data/") for x in s.sources) else \
            ("由上列步骤算出" if lang == "zh" else "from the steps above")
        rows.append((html.escape(s.label[lang]), value, html.escape(s.formula[lang]), src))
    return table(head, rows, kind="trace", numeric=(1,))


# --------------------------------------------------------------------------- sentences
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
                    f"{html.escape(contribution_note(c)['zh'])}")
        return (f"<b>{html.escape(name)}</b> (rules from {c.entry.date}): what {who} pays is "
                f"<b>not known</b> — {html.escape(contribution_note(c)['en'])}")
    g = c.group_label[lang]
    if lang == "zh":
        return (f"<b>{html.escape(name)}</b>（{c.entry.date} 起的规则）：{who}属于“{html.escape(short_label(g))}”，"
                f"每年个人缴费 <b>{money(c.individual)}</b> 元，补助 {money(c.subsidy_total)} 元，"
                f"合计筹资 <b>{money(c.total)}</b> 元。")
    return (f"<b>{html.escape(name)}</b> (rules from {c.entry.date}): {who} counts as "
            f"“{html.escape(short_label(g))}”, pays <b>{money(c.individual, 'en')}</b> yuan a year; subsidies add "
            f"{money(c.subsidy_total, 'en')}, for <b>{money(c.total, 'en')}</b> in all.")


def inpatient_sentence(r: InpatientResult | None, lang: str) -> str:
    if r is None:
        return TXT["no_inpatient"][lang]
    cls = r.class_label[lang]
    zh = lang == "zh"
    b = (f"（其中乙类药品 {money(r.category_b)} 元）" if zh else f" ({money(r.category_b, 'en')} of it category-B drugs)") \
        if r.category_b > 0 else ""
    known = r.deductible is not None and not math.isnan(r.deductible)
    ded = ((f"，起付线 {money(r.deductible)} 元" if known else "，起付线未查到") if zh else
           (f", deductible {money(r.deductible, 'en')}" if known else ", deductible not found"))
    head = (f"{r.admission_date} 在{cls}住院，政策范围内费用 {money(r.in_scope)} 元{b}{ded}："
            if zh else
            f"A stay at a {cls} from {r.admission_date} with {money(r.in_scope, 'en')} yuan of in-scope costs{b}{ded}: ")
    if r.covered is False:
        why = html.escape(reason_text(r.reason)[lang]) if r.reason else ""
        return head + (f"基金<b>不予报销</b>（{why}），个人负担 <b>{money(r.own_payment)}</b> 元。" if zh else
                       f"the fund pays <b>nothing</b> ({why}); the patient pays <b>{money(r.own_payment, 'en')}</b> yuan.")
    if r.reimbursement is None:
        # the missing parts are named in the notice box below (unknown_sentence), the data's note folded there
        why = html.escape(reason_text(r.reason)[lang]) if r.reason else ("缺少的规则见下方说明" if zh else
                                                                         "the missing rules are named below")
        return head + (f"基金报销额<b>无法算出</b>（{why}）。" if zh else
                       f"the fund's payment <b>cannot be worked out</b> ({why}).")
    capped = r.before_cap is not None and r.reimbursement < r.before_cap
    cap_txt = ((f"（按分段应报 {money(r.before_cap)} 元，受年度封顶限制）" if zh else
                f" (the bands give {money(r.before_cap, 'en')}, limited by the yearly cap)") if capped else "")
    extra = ((f"，含范围外 {money(r.out_of_scope)} 元" if zh else f", incl. {money(r.out_of_scope, 'en')} out of scope")
             if r.out_of_scope > 0 else "")
    return head + (f"基金报销 <b>{money(r.reimbursement)}</b> 元{cap_txt}，个人负担 <b>{money(r.own_payment)}</b> 元{extra}。"
                   if zh else
                   f"the fund pays <b>{money(r.reimbursement, 'en')}</b> yuan{cap_txt}; the patient pays "
                   f"<b>{money(r.own_payment, 'en')}</b>{extra}.")


def sentence_html(parts: list[str]) -> str:
    """The live sentence box around its paragraphs."""
    return sentence("".join(f"<p>{p}</p>" for p in parts))


def notice_html(region: str, contribution: Contribution | None, inpatient: InpatientResult | None,
                lang: str) -> str:
    """What is not known (not estimated), then the place's summary and the rule's note."""
    items = []
    if contribution is not None and contribution.total is None and contribution_note(contribution):
        items.append(contribution_note(contribution)[lang])
    place = load_place(region)
    items = [html.escape(i) for i in items]
    if inpatient is not None and inpatient.unknown:
        items.append(unknown_sentence(place.name[lang], inpatient.unknown, lang))
    notes = [place.summary[lang]]
    if inpatient is not None and inpatient.entry.note and not inpatient.unknown:
        notes.append(words.data_note(inpatient.entry.note, lang))
    return (list_box("unknown", TXT["unknown"][lang], items)
            + list_box("notice", "", map(html.escape, notes)))


# what each unknown part of the inpatient rule is called, in words (never its key)
_UNKNOWN_PART = {
    "deductible": {"zh": "住院起付线", "en": "inpatient deductible"},
    "yearly_cap": {"zh": "年度封顶线", "en": "yearly cap"},
    "ratio": {"zh": "分段报销比例", "en": "reimbursement ratio of a band"},
    "category_b_reduction": {"zh": "乙类药品先自付的比例", "en": "share of category-B drugs paid first by the patient"},
    "waiting_period": {"zh": "待遇等待期", "en": "waiting period before cover starts"},
    "reimbursement": {"zh": "住院报销规则", "en": "inpatient reimbursement rule"},
}


def unknown_sentence(place: str, unknown, lang: str) -> str:
    """One plain sentence for what is missing (HTML), the data's notes folded beneath it."""
    parts = list(dict.fromkeys(_UNKNOWN_PART.get(u["field"], _UNKNOWN_PART["reimbursement"])[lang]
                               for u in unknown))
    if lang == "zh":
        head = f"{place}的{'、'.join(parts)}未查到，所以基金报销额无法算出。"
    else:
        names = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        verb = "was" if len(parts) == 1 else "were"
        head = f"{place}'s {names} {verb} not found, so the fund's payment cannot be worked out."
    return html.escape(head) + unknowns.folded_note([unknown_note(u)[lang] for u in unknown], lang)


def key_numbers_line(region: str, contribution: Contribution | None, inpatient: InpatientResult | None) -> str:
    """One line of the numbers notebook 06 checks (nbval compares this output)."""
    parts = []
    if contribution is not None:
        c = contribution
        parts.append(f"{region} {c.group or 'group n/k'}: individual {money(c.individual, 'en')} + "
                     f"subsidies {money(c.subsidy_total, 'en')} = {money(c.total, 'en')}")
    if inpatient is not None:
        i = inpatient
        parts.append(f"{i.hospital_class} bill {money(i.in_scope, 'en')} (B {money(i.category_b, 'en')}) -> "
                     f"fund {money(i.reimbursement, 'en')}, own {money(i.own_payment, 'en')}")
    return "; ".join(parts)


def sources_html(places: list[str] | None = None) -> str:
    """Every document behind data/resident/ (or behind ``places`` only), once each, with where it
    was read and its reliability."""
    found: dict[tuple, list] = {}
    for slug in places or place_slugs():
        for e in load_place(slug).all_entries():
            for r in e.references:
                key = (r.title, r.number, r.issuer, r.read_at, r.reliability)
                notes = found.setdefault(key, [r])
                if r.note and r.note not in [n.note for n in notes]:
                    notes.append(r)
    items = []
    for refs in found.values():
        r = refs[0]
        where = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                         for i, u in enumerate(words.addresses(r), 1))
        notes = "<br>".join(html.escape(words.reader_text(x.note, None)) for x in refs if x.note)
        items.append(f"<li>{html.escape(r.cite())} {where}<br><small>{notes}</small></li>")
    return ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
            "3P-low 低可靠 / DERIVED 推算</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>")


# --------------------------------------------------------------------------- export (CSV, cite box)
GROUPS_HEADER = ["part", "group_or_year", "individual_yuan_per_year", "subsidy_yuan_per_year"]


def groups_rows(d: dict) -> list[tuple]:
    """The funding chart's bars: the place's groups, then the national minimum by year."""
    return ([("place_group", key, ind, sub) for key, _, ind, sub in d["groups"][::-1]]
            + [("national_minimum", year, ind, fisc) for year, fisc, ind in d["national"]])


def curve_header(d: dict) -> list[str]:
    return ["in_scope_bill_yuan"] + [f"reimbursement_{key}_yuan" for key in d["lines"]]


def curve_rows(d: dict) -> list[tuple]:
    """The reimbursement curves: one row per plotted bill, a column per hospital class."""
    cols = [[None if math.isnan(v) else float(v) for v in y] for y in d["lines"].values()]
    return [(float(x), *vals) for x, *vals in zip(d["grid"], *cols)]


def _steps(contribution: Contribution | None, inpatient: InpatientResult | None) -> list:
    return (contribution_steps(contribution) if contribution else []) + (inpatient_steps(inpatient) if inpatient else [])


def export_references(contribution, inpatient, national: bool = False) -> tuple:
    """The documents behind the steps (and, for the funding chart, the national minimum's)."""
    refs = [r for s in _steps(contribution, inpatient) for r in s.references]
    if national:
        refs += [r for m in minimum_funding_series() for r in m.entry.references]
    return tuple(dict.fromkeys(refs))


def export_bundle(region: str, contribution, inpatient, groups_chart, curve_chart, lang: str):
    """The funding chart and, where the place has inpatient rules, the reimbursement curves.
    ``groups_chart`` / ``curve_chart``: the live charts (or the matplotlib ones); the files are
    drawn by matplotlib from their data (``export_chart()``) only when asked."""
    from medinsure.views.charts.live_resident import CHART_TEXT  # the charts' titles (it imports this module)
    place = load_place(region)
    day = inpatient.admission_date if inpatient is not None else place.first_date()
    note = (f"{place.name['zh']} · 城乡居民医保 · {day}" if lang == "zh" else
            f"{place.name['en']} · resident insurance · {day}")
    charts = [ChartFile("funding", CHART_TEXT["groups_title"][lang],
                        figure_drawer(lambda: groups_chart.export_chart().fig),
                        GROUPS_HEADER, groups_rows(groups_chart.data))]
    if inpatient is not None:
        charts.append(ChartFile("inpatient", CHART_TEXT["curve_title"][lang],
                                figure_drawer(lambda: curve_chart.export_chart().fig),
                                curve_header(curve_chart.data), curve_rows(curve_chart.data)))
    return ExportBundle(f"medinsure-resident-{region}-{day}", note, export_references(contribution, inpatient, True),
                        lang, charts=tuple(charts))


def citable_sentence(region: str, contribution, inpatient, age: int, sex: str, lang: str) -> str:
    parts = [contribution_sentence(contribution, region, age, sex, lang)]
    if load_place(region).has("resident_inpatient"):
        parts.append(inpatient_sentence(inpatient, lang))
    return citable_text(" ".join(parts), export_references(contribution, inpatient), lang)

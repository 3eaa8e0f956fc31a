"""The household explainer in words: the sentence, the trace and chart tables, notices, citation."""

from __future__ import annotations

import datetime as dt
import html
import re

import numpy as np

from medinsure.compare import Comparison
from medinsure.views import trace_text, unknowns, words
from medinsure.views.exports import PANEL_TXT, ChartFile, ExportBundle, citation
from medinsure.views.html import details, list_box, ref_html, table
from medinsure.views.html import sentence as sentence_box
from medinsure.views.words import money, notice_text

TXT = {
    "title": {"zh": "职工医保个人账户改革：对我意味着什么？",
              "en": "The personal-account reform: what does it mean for me?"},
    "gain": {"zh": "多得", "en": "gains"},
    "loss": {"zh": "少得", "en": "loses"},
    "trace": {"zh": "计算步骤与出处（点击展开）", "en": "Steps and sources (click to open)"},
    "notice": {"zh": "请注意：", "en": "Please note:"},
}


TXT_TABLE = {"zh": "图表数据（文字版）", "en": "Chart data as a table"}
TXT_CHART_TITLE = {
    "bars": {"zh": "个人账户划入与门诊统筹报销（元/年）", "en": "Account credit and outpatient reimbursement (yuan/year)"},
    "curve": {"zh": "每年资源增减随门诊费用变化（元/年）", "en": "Yearly resources gain vs outpatient spending (yuan/year)"},
}


def amount(x: float | None, lang: str, bold: bool = True) -> str:
    """'<b>2,400.00</b> 元' / '<b>2,400.00</b> yuan', or '未查到' / 'not found'."""
    if x is None:
        return "<i>未查到</i>" if lang == "zh" else "<i>not found</i>"
    text = f"<b>{money(x, lang)}</b>" if bold else money(x, lang)
    return f"{text} 元" if lang == "zh" else f"{text} yuan"


def _credit_phrase(c: Comparison, lang: str) -> str:
    old, new = c.credit_old, c.credit_new
    if lang == "zh":
        if old is not None and new is not None:
            return f"每年个人账户划入从 {amount(old, lang)}变为 {amount(new, lang)}"
        if new is not None:
            return f"每年个人账户划入改革后为 {amount(new, lang)}，改革前的划入额未查到"
        if old is not None:
            return f"每年个人账户划入改革前为 {amount(old, lang)}，改革后的划入额未查到"
        return "改革前后的个人账户划入额都未查到"
    if old is not None and new is not None:
        return f"the yearly account credit goes from {amount(old, lang)} to {amount(new, lang)}"
    if new is not None:
        return f"the yearly account credit is {amount(new, lang)} after the reform (the credit before was not found)"
    if old is not None:
        return f"the yearly account credit is {amount(old, lang)} before the reform (the credit after was not found)"
    return "the account credit was not found, before or after the reform"


def _reimbursement_phrase(c: Comparison, lang: str) -> str:
    e = c.enrollee
    level = words.LEVEL[e.level][lang]
    bound = unknowns.reimbursement_bound(c, "new")
    new, old = c.reimbursement_new, c.reimbursement_old
    if lang == "zh":
        bill = f"门诊统筹为 {money(e.outpatient_yearly)} 元门诊费用（{level}）"
        if new is not None:
            head = f"{bill}报销 {amount(new, lang)}"
        elif bound is not None:
            head = f"{bill}最多报销 {amount(bound, lang)}（年度限额未查到）"
        elif old is None:
            return f"{bill}的报销额改革前后都无法算出"
        else:
            head = f"{bill}的报销额无法算出"
        return head + (f"，改革前报销 {amount(old, lang, False)}" if old is not None else "，改革前的报销额无法算出")
    bill = f"a {money(e.outpatient_yearly, 'en')} yuan bill at a {level}"
    if new is not None:
        head = f"outpatient pooling reimburses {amount(new, lang)} of {bill}"
    elif bound is not None:
        head = f"outpatient pooling reimburses at most {amount(bound, lang)} of {bill}, its yearly limit not being found"
    elif old is None:
        return f"what outpatient pooling reimburses of {bill} cannot be worked out, before or after the reform"
    else:
        head = f"what outpatient pooling reimburses of {bill} cannot be worked out"
    return head + (f" ({amount(old, lang, False)} before)" if old is not None
                   else ", and what it paid before the reform cannot be worked out either")


def sentence(c: Comparison, lang: str, region_name: str, rules_from: dt.date) -> str:
    status = words.STATUS[c.enrollee.status][lang]
    gain = c.resources_gain
    if lang == "zh":
        parts = [f"按{region_name}{rules_from}起施行的规则，{status}{_credit_phrase(c, lang)}；"
                 f"{_reimbursement_phrase(c, lang)}；"]
        if gain is None:
            parts.append("合计增减无法算出（缺少的规则见下方说明）。")
        elif round(gain, 2) == 0:
            parts.append("合计每年不多不少。")
        else:
            parts.append(f"合计每年{TXT['gain' if gain >= 0 else 'loss']['zh']} {amount(abs(gain), lang)}。")
        be = {"zero": "不花门诊费用也不吃亏。", "never": "无论门诊费用多少都不会回本。",
              "unknown": "回本点无法算出。"}.get(c.break_even_status,
                                             f"每年门诊费用达到 {amount(c.break_even_outpatient, lang)}即可回本。")
        return "".join(parts) + be
    article = "an" if status[:1] in "aeiou" else "a"
    parts = [f"Under {region_name}'s rules in force from {rules_from}, for {article} {status}, "
             f"{_credit_phrase(c, lang)}; {_reimbursement_phrase(c, lang)}; "]
    if gain is None:
        parts.append("the net change cannot be worked out (the missing rules are named below). ")
    elif round(gain, 2) == 0:
        parts.append("in all the enrollee neither gains nor loses. ")
    else:
        parts.append(f"in all the enrollee {TXT['gain' if gain >= 0 else 'loss']['en']} "
                     f"{amount(abs(gain), lang)} a year. ")
    be = {"zero": "Even with no outpatient spending the new rules are not worse.",
          "never": "No level of outpatient spending breaks even.",
          "unknown": "The break-even point cannot be worked out."}.get(
        c.break_even_status, f"Break-even at {amount(c.break_even_outpatient, lang)} of yearly spending.")
    return "".join(parts) + be


def trace_html(c: Comparison, lang: str) -> str:
    """The trace as an HTML table: step, value, formula, sources (with reliability marks)."""
    head = (("步骤", "数值（元）", "算法", "出处") if lang == "zh"
            else ("Step", "Value (yuan)", "How", "Source"))
    rows = []
    for s in c.trace:
        if all(src.startswith("data/") for src in s.sources):
            refs = "<br>".join(ref_html(r, lang) for r in s.references)
        else:
            refs = html.escape(trace_text.from_steps(s, c.trace, lang))
        value = "—" if s.value is None else money(s.value, lang)
        rows.append((html.escape(trace_text.label(s, lang)), value, html.escape(trace_text.formula(s, lang)), refs))
    return table(head, rows, kind="trace", numeric=(1,))


def notice_html(c: Comparison, lang: str, region_name: str | None = None) -> str:
    """What is not known (a sentence each, the data's notes folded) and what a reader must know
    about the rules chosen."""
    place = region_name or c.ruleset.region.name[lang]
    items = unknowns.comparison_unknown_items(c, place, lang)
    notes = [html.escape(notice_text(n, lang)) for n in c.notices]
    return list_box("unknown", unknowns.UNKNOWN_HEAD[lang], items) + list_box("notice", TXT["notice"][lang], notes)


def bars_table(d: dict, lang: str) -> str:
    """The credit bars as a table (the chart's text alternative)."""
    head = ("项目", "改革前", "改革后") if lang == "zh" else ("Item", "Before", "After")
    rows = [(html.escape(cat), money(o if o == o else None, lang), money(n if n == n else None, lang))
            for cat, o, n in zip(d["categories"], d["old"], d["new"])]
    return details(TXT_TABLE[lang], table(head, rows, label=TXT_CHART_TITLE["bars"][lang], numeric=(1, 2)))


def curve_table(d: dict, c: Comparison, lang: str) -> str:
    """The gain curve at 0, the current bill, the break-even and the right edge, as a table."""
    spend, gain = d["spending"], d["gain"]
    points = sorted({0.0, float(spend[-1]), c.enrollee.outpatient_yearly,
                     *([c.break_even_outpatient] if c.break_even_outpatient is not None else [])})
    head = ("年门诊费用（元）", "资源增减（元/年）") if lang == "zh" else \
        ("Outpatient spending (yuan/yr)", "Gain (yuan/yr)")
    rows = [(money(x, lang), money(float(np.interp(x, spend, gain)), lang)) for x in points]
    return details(TXT_TABLE[lang], table(head, rows, label=TXT_CHART_TITLE["curve"][lang], numeric=(0, 1)))


def rule_note(region_name: str, status: str, old_date: dt.date, date: str, lang: str) -> str:
    """'武汉市 · 退休人员 · 旧规则 …，新规则 … 起': the line drawn under an exported chart."""
    status = words.STATUS[status][lang]
    if lang == "zh":
        return f"{region_name} · {status} · 旧规则 {old_date}，新规则 {date} 起"
    return f"{region_name} · {status} · old rules {old_date}, new rules from {date}"


def citable_sentence(c: Comparison, references, region_name: str, rules_from: dt.date, lang: str) -> str:
    """The sentence as plain text with its citation, for pasting into an article."""
    plain = re.sub(r"<[^>]+>", "", sentence(c, lang, region_name, rules_from))
    return f"{plain}（{citation(references, lang)}；medinsure 计算）" if lang == "zh" else \
        f"{plain} ({citation(references, lang)}; computed with medinsure)"


def sentence_html(c: Comparison, lang: str, region_name: str, rules_from: dt.date) -> str:
    return sentence_box(sentence(c, lang, region_name, rules_from))


def chart_references(c: Comparison) -> list:
    """The documents behind the charts' numbers (credit and reimbursement steps), for their source line."""
    return [r for s in c.trace if s.key.startswith(("credit_", "reimbursement_")) for r in s.references]


def bars_file(d: dict, lang: str, draw) -> ChartFile:
    """The credit bars as an exported chart: its CSV is the plotted bars."""
    return ChartFile("credits", TXT_CHART_TITLE["bars"][lang], draw,
                     ["category", "old_yuan_per_year", "new_yuan_per_year"],
                     list(zip(d["categories"], d["old"], d["new"])))


def curve_file(d: dict, status: str, lang: str, draw) -> ChartFile:
    """The gain curve as an exported chart: one row per plotted point, a column per curve."""
    header = ["outpatient_yuan_per_year", "gain_" + status] + ["gain_" + name for name, _ in d["others"]]
    rows = list(zip(d["spending"].tolist(), d["gain"].tolist(), *[g.tolist() for _, g in d["others"]]))
    return ChartFile("gain-curve", TXT_CHART_TITLE["curve"][lang], draw, header, rows)


def export_bundle(c: Comparison, bars, curve, region_name: str, slug: str, date: str, lang: str,
                  case_page: bytes) -> ExportBundle:
    """Both charts (PNG, SVG, CSV) and the case page of the household app."""
    return ExportBundle(f"medinsure-{slug}-{date}", rule_note(region_name, c.enrollee.status, c.old_date, date, lang),
                        tuple(chart_references(c)), lang,
                        charts=(bars_file(bars.data, lang, bars.export),
                                curve_file(curve.data, c.enrollee.status, lang, curve.export)),
                        extra=(("case.html", PANEL_TXT["case"], case_page),))

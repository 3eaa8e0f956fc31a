"""The words and HTML of the workshop kit (medinsure.teaching.workshop): what changed in a case,
worked answers, the cases table, the sources list and the trainer's check line.

Every function renders numbers and references it is given; none computes them.
"""

from __future__ import annotations

import html

from medinsure.compare import Comparison
from medinsure.rules import Reference
from medinsure.views import words
from medinsure.views.exercise import steps_html
from medinsure.views.words import addresses, money

BREAK_EVEN_ZERO = {"zh": "0（不花也不吃亏）", "en": "0 (no loss even at zero)"}
STEPS_AND_SOURCES = {"zh": "计算步骤与出处", "en": "Steps and sources"}
CASES_HEADS = {"zh": ("情形", "旧划入", "新划入", "旧报销", "新报销", "资源增减", "回本门诊费用"),
               "en": ("Case", "Old credit", "New credit", "Old reimb.", "New reimb.", "Gain", "Break-even")}
RELIABILITY = ("可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / 3P-low 低可靠 / "
               "DERIVED 推算")


def change_text(name: str, value, lang: str) -> str:
    """What was changed from the persona, in words: 'wage 30,000.00 yuan/month', '一级医疗机构', …"""
    if name == "wage":
        return f"月工资 {money(value)} 元" if lang == "zh" else f"wage {money(value, 'en')} yuan/month"
    if name == "level":
        return words.LEVEL[value][lang]
    if name == "date":
        return f"{value} 起施行的规则" if lang == "zh" else f"rules in force on {value}"
    if name == "age":
        return f"{value}岁" if lang == "zh" else f"age {value}"
    return f"{name}={value}"


def case_label(name: str, region: str, changes: list[str], lang: str) -> str:
    """'老王（武汉）' / 'Lao Wang (Wuhan)', naming what was changed."""
    sep = "，" if lang == "zh" else ", "
    inner = sep.join([region, *changes])
    return f"{name}（{inner}）" if lang == "zh" else f"{name} ({inner})"


def break_even_text(status: str, value: float | None, lang: str) -> str:
    """The break-even spending of a comparison, or why there is none."""
    if status == "found":
        return money(value, lang)
    return {"zero": BREAK_EVEN_ZERO, "never": words.NEVER, "unknown": words.UNKNOWN}[status][lang]


def worked_html(how: str, steps: list[tuple[str, Comparison, tuple[str, ...]]], lang: str) -> str:
    """How to compute, then each case's (label, comparison, step keys) as a list of trace steps."""
    out = [f"<p>{html.escape(how)}</p>"]
    for label, c, keys in steps:
        out.append(f"<div><i>{html.escape(label)}</i>{steps_html(c, keys, lang)}</div>")
    return "".join(out)


def predict_explain_html(metric_label: str, cases: list[tuple[str, Comparison, float | None]],
                         keys: tuple[str, ...], why: str, lang: str) -> str:
    """The two numbers of a prediction (base, then changed: label, comparison, value), why, and
    the steps and sources of both, collapsed."""
    (a_label, a_cmp, a), (b_label, b_cmp, b) = cases
    return (f"<p>{html.escape(metric_label)}: {html.escape(a_label)} <b>{money(a, lang)}</b> → "
            f"{html.escape(b_label)} <b>{money(b, lang)}</b>. {html.escape(why)}</p>"
            f"<details><summary>{STEPS_AND_SOURCES[lang]}</summary>"
            f"<i>{html.escape(a_label)}</i>{steps_html(a_cmp, keys, lang)}"
            f"<i>{html.escape(b_label)}</i>{steps_html(b_cmp, keys, lang)}"
            f"</details>")


def cases_table_html(rows: list[tuple[str, list[float | None], str]], lang: str = "zh") -> str:
    """A table of several cases side by side: (label, the five money columns, break-even text)."""
    body = []
    for label, values, break_even in rows:
        cells = "".join(f"<td class='medinsure-number'>{money(v, lang)}</td>" for v in values)
        body.append(f"<tr><td>{html.escape(label)}</td>{cells}<td class='medinsure-number'>{break_even}</td></tr>")
    unit = words.UNIT["yuan/year"][lang]
    return (f"<table class='medinsure-cases'><caption>{unit}</caption><thead><tr>"
            + "".join(f"<th>{h}</th>" for h in CASES_HEADS[lang])
            + "</tr></thead><tbody>" + "".join(body) + "</tbody></table>")


def sources_html(refs: list[Reference]) -> str:
    """Numbered sources with reliability marks and links to where each was read."""
    items = "".join(
        f"<li><span class='medinsure-ref'>{html.escape(r.cite())}</span> "
        + " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                   for i, u in enumerate(addresses(r), 1)) + "</li>" for r in refs)
    return f"<p>{RELIABILITY}</p><ol class='medinsure-sources'>" + items + "</ol>"


def key_numbers_html(line: str) -> str:
    """The nbval check line on the participants' page: an empty hidden element, so no answer shows
    (``line`` stays the cell's text/plain for nbval; the trainer's page lists the answers)."""
    del line
    return "<div class='medinsure-key-numbers' hidden></div>"

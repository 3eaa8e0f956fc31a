"""The pieces a teaching notebook calls after its app: exercises whose answers the library
computes, the list of sources behind a region's rules, and the key numbers of an app in one
checked line (``show_key_numbers``)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.views.words import money
from medinsure.rules import Reference, rules_for
from medinsure.views.html import exercise_list
from medinsure.app.common import app_builder, page_cell


@dataclass(frozen=True)
class Exercise:
    question: dict                 # {zh, en}
    answer: Callable[[], dict]     # computes {zh, en} from the library, never typed in


def _wuhan_retiree(date: str = "2023-03-01", **kw) -> Comparison:
    base = dict(status="retired", age=68, pension_monthly=4166.67, outpatient_yearly=7150, level="tertiary")
    base.update(kw)
    return compare("wuhan", date, Enrollee(**base))


def _wuhan_worker(date: str = "2023-05-01", **kw) -> Comparison:
    base = dict(status="in_service", age=30, wage_monthly=8000.0, outpatient_yearly=0.0, level="primary")
    base.update(kw)
    return compare("wuhan", date, Enrollee(**base))


def _credit_answer(c: Comparison) -> dict:
    d = c.credit_new - c.credit_old
    return {"zh": f"改革前 {money(c.credit_old)} 元/年，改革后 {money(c.credit_new)} 元/年，变化 {money(d)} 元/年。",
            "en": f"Before {money(c.credit_old, 'en')}, after {money(c.credit_new, 'en')} yuan/year: "
                  f"a change of {money(d, 'en')} yuan/year."}


def _break_even_answer(c: Comparison) -> dict:
    if c.break_even_status != "found":
        return {"zh": f"回本情况：{c.break_even_status}", "en": f"Break-even: {c.break_even_status}"}
    return {"zh": f"每年门诊费用 {money(c.break_even_outpatient)} 元时回本（资源增减由负转为不负）。",
            "en": f"Break-even at {money(c.break_even_outpatient, 'en')} yuan of yearly spending."}


EXERCISES: dict[str, list[Exercise]] = {
    "account_credits": [
        Exercise({"zh": "武汉一位 68 岁退休人员，月养老金 4,166.67 元（年 5 万元）。改革前后每年个人账户划入各是多少？",
                  "en": "A Wuhan retiree aged 68 has a pension of 4,166.67 yuan a month (50,000 a year). "
                        "What was the yearly account credit before and after the reform?"},
                 lambda: _credit_answer(_wuhan_retiree())),
        Exercise({"zh": "武汉一位 30 岁在职职工，月缴费基数 8,000 元。改革前后每年划入各是多少？",
                  "en": "A Wuhan employee aged 30 has a contribution base of 8,000 yuan a month. "
                        "What is the yearly credit before and after?"},
                 lambda: _credit_answer(_wuhan_worker())),
        Exercise({"zh": "先预测再验证：同一位职工如果 46 岁，减少得更多还是更少？用滑块验证。",
                  "en": "Predict, then check with the sliders: at age 46, does the same employee lose more or less?"},
                 lambda: _credit_answer(_wuhan_worker(age=46))),
    ],
    "outpatient_pooling": [
        Exercise({"zh": "武汉 68 岁退休人员（月养老金 4,166.67 元）2023 年 3 月在三级医院一年门诊 7,150 元，统筹报销多少？",
                  "en": "The Wuhan retiree (pension 4,166.67 a month) spends 7,150 yuan a year at a tertiary "
                        "hospital in March 2023. How much does outpatient pooling pay?"},
                 lambda: {"zh": f"{money(_wuhan_retiree().reimbursement_new)} 元。",
                          "en": f"{money(_wuhan_retiree().reimbursement_new, 'en')} yuan."}),
        Exercise({"zh": "这位退休人员每年在三级医院花多少门诊费用才能回本？",
                  "en": "How much must this retiree spend a year at a tertiary hospital to break even?"},
                 lambda: _break_even_answer(_wuhan_retiree())),
        Exercise({"zh": "武汉 30 岁、月缴费基数 8,000 元的职工，2023-04-10 以后在一级医院看门诊，回本门诊费用是多少？",
                  "en": "A Wuhan employee aged 30 with a base of 8,000, using a primary facility after "
                        "2023-04-10: where is the break-even?"},
                 lambda: _break_even_answer(_wuhan_worker())),
    ],
}


def exercises_html(topic: str, lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercise_list([(ex.question, ex.answer()) for ex in EXERCISES[topic]], lang)


@page_cell()
def show_exercises(topic: str, lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(topic, lang))


def references_for(region: str, date: str) -> list[Reference]:
    rs = rules_for(region, date)
    refs: list[Reference] = []
    for rules in (rs.old, rs.new):
        for concept in ("personal_account", "outpatient_pooling", "contribution_rates", "contribution_base"):
            for r in getattr(rules, concept).references:
                if r not in refs:
                    refs.append(r)
    for r in rs.region.reform_references:
        if r not in refs:
            refs.append(r)
    return refs


def sources_html(region: str, date: str) -> str:
    """Numbered list of the documents behind the rules used, with where they were read."""
    items = []
    for r in references_for(region, date):
        links = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                         for i, u in enumerate(r.read_at, 1))
        items.append(f"<li class='medinsure-ref'>{html.escape(r.cite())} {links}</li>")
    return ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
            "3P-low 低可靠 / DERIVED 推算</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>")


@page_cell()
def show_sources(region: str, date: str) -> widgets.HTML:
    return widgets.HTML(sources_html(region, date))


@page_cell('')
def key_numbers(c: Comparison | None) -> str:
    """One line of the household app's numbers (``show_key_numbers`` checks it)."""
    if c is None:
        return "no result"
    return (f"credit {money(c.credit_old, 'en')} -> {money(c.credit_new, 'en')}; "
            f"reimbursement {money(c.reimbursement_old, 'en')} -> {money(c.reimbursement_new, 'en')}; "
            f"gain {money(c.resources_gain, 'en')}; break-even {c.break_even_status} "
            f"{money(c.break_even_outpatient, 'en') if c.break_even_outpatient is not None else ''}".rstrip())


class KeyNumbersMismatch(AssertionError):
    """A notebook's key numbers are not the hand-computed ones it expects."""

    def __init__(self, expected: str, got: str) -> None:
        super().__init__(f"the key numbers differ\n  expected: {expected}\n  got:      {got}")


@page_cell()
def show_key_numbers(subject: object, expected: str) -> None:
    """Print the key-number line of ``subject`` and raise :class:`KeyNumbersMismatch` if it is not
    ``expected`` (typed from the hand-computed cases in tests/). ``subject`` is the household app
    or its :class:`Comparison`, or the line another app's ``key_numbers`` made.

    A notebook calls this in its cell tagged ``key-numbers`` (hidden in Voila), so a plain
    ``pytest --nbval-lax`` run fails on a changed number and the notebook stores no output. A
    visitor who opened a share link sees other numbers than the opening example: no check then.
    """
    if not isinstance(subject, str):
        subject = key_numbers(getattr(subject, "result", subject))
    print(subject)
    if os.environ.get("QUERY_STRING"):  # set by follow_link: the page shows the link's case
        return
    if subject != expected:
        raise KeyNumbersMismatch(expected, subject)


def html_cell(render: Callable[..., str]) -> Callable[..., widgets.HTML]:
    """A notebook cell showing ``render(...)`` (HTML text) as a widget, guarded as :func:`page_cell`
    says: an app's ``show_exercises`` and ``show_sources`` are made with it."""
    @page_cell()
    def show(*args, **kwargs) -> widgets.HTML:
        return widgets.HTML(render(*args, **kwargs))
    show.__doc__ = f"Show {render.__name__}(...) as a widget."
    return show

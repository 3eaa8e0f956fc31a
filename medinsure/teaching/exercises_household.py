"""The household explainer's exercises (notebooks 01 and 02): questions in zh/en, answers computed
by the library when they are shown, never typed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.views.words import money


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

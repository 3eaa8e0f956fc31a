"""The exercises of notebooks 08 (the fund in numbers) and 09 (myths): questions, and answers
computed now by the library — never typed in. Rendered by the apps' ``show_exercises``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from medinsure import fund
from medinsure.teaching.myths import EXAMPLE_DATE, Params, check
from medinsure.views.fund import format_value, formula
from medinsure.views.words import money, percent


@dataclass(frozen=True)
class Exercise:
    question: dict               # {zh, en}
    answer: Callable[[], dict]   # computed by the library, never typed in


# --------------------------------------------------------------------------- 08 the fund in numbers
def _net_answer() -> dict:
    f = fund.figure("employee_fund.account_net", 2024, "gongbao")
    a = fund.figure("employee_fund.account_income", 2024, "gongbao")
    s = fund.figure("employee_fund.account_spending", 2024, "gongbao")
    return {"zh": f"收入 {money(a.value)} − 支出 {money(s.value)} = {money(fund.recompute(f))} 亿元（数据中记为推算值 {money(f.value)}）。",
            "en": f"Income {money(a.value)} − spending {money(s.value)} = {money(fund.recompute(f))} (100 million yuan; "
                  f"recorded as derived, {money(f.value)})."}


def _ratio_answer() -> dict:
    a, b = fund.in_service_ratio(2021), fund.in_service_ratio(2024)
    return {"zh": f"2021年 {formula(a)['zh']}；2024年 {formula(b)['zh']}。每名退休人员对应的在职人数在减少。",
            "en": f"2021: {formula(a)['en']}; 2024: {formula(b)['en']}. There are fewer workers per retiree."}


def _hunan_answer() -> dict:
    nat, hun, stated = fund.hunan_shares()
    gap = (hun.value - nat.value) * 100
    return {"zh": f"湖南 {formula(hun)['zh']}（原文 {format_value(stated)}）；全国 {percent(nat.value, 'zh', 2)}；高 {gap:.2f} 个百分点。",
            "en": f"Hunan {formula(hun)['en']} (printed {format_value(stated, 'en')}); nation {percent(nat.value, 'en', 2)}; "
                  f"{gap:.2f} points higher."}


def _derived_2023_answer() -> dict:
    f = fund.figure("insured_counts.employee_insured", 2023, "gongbao")
    t = fund.figure("insured_counts.employee_insured", 2024, "gongbao")
    ch = fund.figure("insured_counts.employee_insured_change", 2024, "gongbao")
    return {"zh": f"{money(t.value)} − {money(ch.value)} = {money(fund.recompute(f))} 万人（标为推算 DERIVED）。",
            "en": f"{money(t.value)} − {money(ch.value)} = {money(fund.recompute(f))} (10,000 persons; marked DERIVED)."}


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


# --------------------------------------------------------------------------- 09 myths
def _ex1() -> dict:
    p = Params(wage=12000.0)
    a = check("m1", p)
    v = a.value("wuhan_in_service_credit")
    return {"zh": f"{money(v)} 元/年（{EXAMPLE_DATE} 在用规则，compare 算出）。",
            "en": f"{money(v, 'en')} yuan a year (rules in force on {EXAMPLE_DATE}, computed by compare)."}


def _ex2() -> dict:
    v = check("m5").value("half_cut_pension")
    return {"zh": f"月养老金低于 {money(v)} 元时，划入减少不到一半。",
            "en": f"Below a pension of {money(v, 'en')} a month the credit falls by less than half."}


def _ex3() -> dict:
    a = check("m6", Params(wage=6000.0))
    g, w = a.value("guangzhou_flexible_credit"), a.value("wuhan_flexible_credit")
    return {"zh": f"广州 {money(g)} 元/年，武汉 {money(w)} 元/年。",
            "en": f"Guangzhou {money(g, 'en')} a year, Wuhan {money(w, 'en')}."}


def _ex4() -> dict:
    a = check("m3")
    first, last = a.value("account_share_first"), a.value("account_share_last")
    return {"zh": f"个人账户占比从 {percent(first, 'zh', 2)} 降到 {percent(last, 'zh', 2)}，下降 {(first - last) * 100:.2f} 个百分点。",
            "en": f"The accounts' share fell from {percent(first, 'en', 2)} to {percent(last, 'en', 2)}, by {(first - last) * 100:.2f} points."}


MYTHS_EXERCISES = [
    Exercise({"zh": "武汉一位月缴费基数 12,000 元的在职职工，2024年每年还划入个人账户多少？",
              "en": "A Wuhan employee has a base of 12,000 yuan a month. How much goes into the account each year in 2024?"},
             _ex1),
    Exercise({"zh": "武汉退休人员月养老金低于多少时，改革后划入减少不到一半？（先用“月养老金”滑块找，再展开核对）",
              "en": "Below what monthly pension does a Wuhan retiree's credit fall by less than half? (Find it with the slider first.)"},
             _ex2),
    Exercise({"zh": "月基数 6,000 元的灵活就业人员，在广州和武汉每年各划入多少？",
              "en": "A flexibly employed person with a base of 6,000 a month: what is credited a year in Guangzhou and in Wuhan?"},
             _ex3),
    Exercise({"zh": "按统计公报，个人账户占职工医保基金累计结存的比例下降了多少？",
              "en": "By the bulletins, how far did the accounts' share of the employee fund's balance fall?"},
             _ex4),
]

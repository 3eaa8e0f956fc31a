"""The exercises of notebooks 08 (the fund in numbers) and 09 (myths): questions, and answers
computed now by the library — never typed in. Rendered by the apps' ``show_exercises``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from medinsure import fund
from medinsure.views.fund import format_value, formula, pct


@dataclass(frozen=True)
class Exercise:
    question: dict               # {zh, en}
    answer: Callable[[], dict]   # computed by the library, never typed in


# --------------------------------------------------------------------------- 08 the fund in numbers
def _net_answer() -> dict:
    f = fund.figure("employee_fund.account_net", 2024, "gongbao")
    a = fund.figure("employee_fund.account_income", 2024, "gongbao")
    s = fund.figure("employee_fund.account_spending", 2024, "gongbao")
    return {"zh": f"收入 {a.value:,.2f} − 支出 {s.value:,.2f} = {fund.recompute(f):,.2f} 亿元（数据中记为推算值 {f.value:,.2f}）。",
            "en": f"Income {a.value:,.2f} − spending {s.value:,.2f} = {fund.recompute(f):,.2f} (100 million yuan; "
                  f"recorded as derived, {f.value:,.2f})."}


def _ratio_answer() -> dict:
    a, b = fund.in_service_ratio(2021), fund.in_service_ratio(2024)
    return {"zh": f"2021年 {formula(a)['zh']}；2024年 {formula(b)['zh']}。每名退休人员对应的在职人数在减少。",
            "en": f"2021: {formula(a)['en']}; 2024: {formula(b)['en']}. There are fewer workers per retiree."}


def _hunan_answer() -> dict:
    nat, hun, stated = fund.hunan_shares()
    gap = (hun.value - nat.value) * 100
    return {"zh": f"湖南 {formula(hun)['zh']}（原文 {format_value(stated)}）；全国 {pct(nat.value)}；高 {gap:.2f} 个百分点。",
            "en": f"Hunan {formula(hun)['en']} (printed {format_value(stated, 'en')}); nation {pct(nat.value)}; "
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

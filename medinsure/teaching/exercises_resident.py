"""Notebook 06's exercises: the questions, and answers computed by the library (no widgets)."""

from __future__ import annotations

import datetime as dt

from medinsure.resident import add_months, inpatient_reimbursement, load_place, resident_contribution
from medinsure.rules.resident import waiting_windows
from medinsure.views.resident import contribution_note, reason_text
from medinsure.views.words import money


def _ex_contrib(age: int, sex: str, category: str | None = None, region: str = "suyu") -> dict:
    place = load_place(region)
    c = resident_contribution(region, place.entry("resident_contributions").date, age, sex, category)
    if c.total is None:
        note = contribution_note(c)
        return {"zh": f"未知：{note['zh']}", "en": f"Not known: {note['en']}"}
    return {"zh": f"个人 {money(c.individual)} 元 + 补助 {money(c.subsidy_total)} 元 = {money(c.total)} 元。",
            "en": f"Individual {money(c.individual, 'en')} + subsidies {money(c.subsidy_total, 'en')} = "
                  f"{money(c.total, 'en')} yuan."}


def _ex_stay(hospital_class: str, bill: float, b: float = 0.0, **kw) -> dict:
    day = kw.pop("admission_date", load_place("suyu").first_date("resident_inpatient"))
    r = inpatient_reimbursement("suyu", day, hospital_class, bill, b, **kw)
    if r.reimbursement is None:
        return {"zh": "未知。", "en": "Not known."}
    why = reason_text(r.reason)
    why_zh = f"（{why['zh']}）" if why else ""
    why_en = f" ({why['en']})" if why else ""
    return {"zh": f"基金报销 {money(r.reimbursement)} 元，个人负担 {money(r.own_payment)} 元{why_zh}。",
            "en": f"The fund pays {money(r.reimbursement, 'en')}, the patient {money(r.own_payment, 'en')}{why_en}."}


def _ex_wait() -> dict:
    rule = load_place("suyu").file("resident_waiting_period").entries[0]
    paid = waiting_windows(rule)[-1]["to"] + dt.timedelta(days=1)
    r = inpatient_reimbursement("suyu", add_months(paid, 3), "in_district", 10000.0,
                                enrolment="first", payment_date=paid)
    why = reason_text(r.reason)
    return {"zh": f"{paid} 缴费（过渡时间以后），{r.admission_date} 入院：{'报销 ' + money(r.reimbursement) + ' 元' if r.covered else '不予报销'}。"
                  f"{why['zh'] if why else ''}",
            "en": f"Paid {paid} (after the transition period), admitted {r.admission_date}: "
                  f"{'reimbursed ' + money(r.reimbursement, 'en') if r.covered else 'nothing is paid'}. "
                  f"{why['en'] if why else ''}"}


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


def exercise_pairs() -> list[tuple[dict, dict]]:
    """(question, answer) pairs, each {zh, en}; the answers are computed now."""
    return [(q, answer()) for q, answer in EXERCISES]

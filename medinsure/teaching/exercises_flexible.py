"""Notebook 07's exercises: the questions, and answers computed by the library (no widgets)."""

from __future__ import annotations

from medinsure.flexible import FlexibleOutlook, example_contribution, flexible_outlook
from medinsure.views.flexible import FIELD, account_text
from medinsure.views.words import money, yuan


def _outlook_answer(o: FlexibleOutlook) -> dict:
    missing = sorted({u["field"] for u in o.unknown if u["field"] in FIELD and u["field"] != "credit_old"})
    gaps = {lang: ("；未查到：" if lang == "zh" else "; not found: ") +
            ("、" if lang == "zh" else ", ").join(FIELD[f][lang] for f in missing) if missing else ""
            for lang in ("zh", "en")}
    return {"zh": f"每月 {yuan(o.contribution_monthly)}，每年 {yuan(o.contribution_yearly)}；"
                  f"个人账户：{account_text(o, 'zh')}（每年 {yuan(o.credit_new)}）；"
                  f"门诊统筹报销 {yuan(o.reimbursement_new)}{gaps['zh']}。",
            "en": f"{money(o.contribution_monthly, 'en')} a month, {money(o.contribution_yearly, 'en')} a year; "
                  f"account: {account_text(o, 'en')} ({money(o.credit_new, 'en')} a year); outpatient pooling "
                  f"pays {money(o.reimbursement_new, 'en')}{gaps['en']}."}


def _minqing_answer() -> dict:
    e = example_contribution("minqing", "2020-06-01")
    return {"zh": f"基数 {money(e.base_monthly)} 元/月，每月 {money(e.contribution_monthly)} 元，"
                  f"每年 {money(e.contribution_yearly)} 元。",
            "en": f"Base {money(e.base_monthly, 'en')} a month; {money(e.contribution_monthly, 'en')} a month, "
                  f"{money(e.contribution_yearly, 'en')} a year."}


EXERCISES = [
    ({"zh": "武汉 2022年7月—2023年6月：灵活就业人员按默认基数（上年度全市职工月平均工资）缴费，每月缴多少？有个人账户吗？",
      "en": "Wuhan, July 2022–June 2023: a flexibly employed person on the default base (last year's city "
            "average wage). What do they pay a month? Do they get an account?"},
     lambda: _outlook_answer(flexible_outlook("wuhan", "2022-07-01"))),
    ({"zh": "同一个人 2023-04-10 以后每年在基层医疗机构看门诊 3,000 元，门诊统筹报销多少？",
      "en": "The same person spends 3,000 yuan a year at a primary facility after 2023-04-10. What does "
            "outpatient pooling pay?"},
     lambda: _outlook_answer(flexible_outlook("wuhan", "2023-04-10", outpatient_yearly=3000.0))),
    ({"zh": "广州 2023 年上半年：按缴费基数下限缴费的灵活就业人员，每年个人账户划入多少？为什么每年缴费显示“未查到”？",
      "en": "Guangzhou, first half of 2023: a flexibly employed person on the base floor. How much is credited "
            "to the account a year? Why does the yearly contribution say 'not found'?"},
     lambda: _outlook_answer(flexible_outlook("guangzhou", "2023-03-01", "floor"))),
    ({"zh": "福州闽清 2020 年：以福建省 2018 年平均工资的 60% 为基数、费率 10%，每月缴多少？",
      "en": "Minqing (Fuzhou), 2020: base 60% of Fujian's 2018 average wage, rate 10%. What is the monthly contribution?"},
     _minqing_answer),
]


def exercise_pairs() -> list[tuple[dict, dict]]:
    """(question, answer) pairs, each {zh, en}; the answers are computed now."""
    return [(q, answer()) for q, answer in EXERCISES]

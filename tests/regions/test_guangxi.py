"""Guangxi (广西, region-level pool): the 自治区医保局 worked example, the 2023 account change,
outpatient pooling from 2022-01-01 (a year before the account change), and the 2024 notice whose
effective date is not known.

Old rules are those of 2021-12-31, the day before outpatient pooling started. Hand-computed
cases write their arithmetic in a comment.
"""

import datetime as dt

from medinsure import Enrollee, compare


def retiree(age=68, pension=4000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, **kw)


def worker(age=40, wage=8000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def test_published_example_base_5000_goes_from_150_to_100_a_month():
    # Source: 自治区医保局 press conference, 2023-01-05 (OFF-R),
    # http://m.ahhgcable.com/zixun/2023/0105/010578324.html : "如果一名参保职工的基本医保月缴费基数为
    # 5000元,个人账户计入资金将从调整前的150元/月调整为100元/月"
    c = compare("guangxi", "2023-03-01", worker(wage=5000))
    assert c.old_date == dt.date(2021, 12, 31)
    assert c.credit_old == 150.0 * 12
    assert c.credit_new == 100.0 * 12


def test_the_account_change_both_sides_of_2023_01_01():
    # 2022-12-31: still 3% (8,000 × 3% = 240 × 12); 2023-01-01: 2% (160 × 12)
    assert compare("guangxi", "2022-12-31", worker()).credit_new == 2880.0
    assert compare("guangxi", "2023-01-01", worker()).credit_new == 1920.0
    # retirees: old rule unknown; region-level pool 120 a month from 2023
    assert compare("guangxi", "2022-12-31", retiree()).credit_new is None
    assert compare("guangxi", "2023-01-01", retiree()).credit_new == 1440.0


def test_no_outpatient_pooling_the_day_before_it_started():
    c = compare("guangxi", "2021-12-31", retiree(bill=3000))
    assert c.reimbursement_new == 0.0


def test_from_2022_the_600_deductible_is_known_but_the_ratios_are_not():
    # a bill of 600 is all deductible: the fund pays 0 whatever the ratio
    assert compare("guangxi", "2022-01-01", worker(bill=600)).reimbursement_new == 0.0
    # above the deductible the ratio matters and is unknown (low-reliability pages only)
    c = compare("guangxi", "2022-01-01", worker(bill=601))
    assert c.reimbursement_new is None
    assert "reimbursement_new" in {u["field"] for u in c.unknown}


def test_from_the_2024_notice_the_rule_is_unknown():
    # 2024-01-30: still the 2022 rule (500 < 600 deductible → 0);
    # 2024-01-31 (桂医保规〔2024〕2号 published, effective date unknown): unknown
    assert compare("guangxi", "2024-01-30", worker(bill=500)).reimbursement_new == 0.0
    c = compare("guangxi", "2024-01-31", worker(bill=500))
    assert c.reimbursement_new is None
    note = next(u["note"] for u in c.unknown if u["field"] == "reimbursement_new")
    assert "桂医保规〔2024〕2号" in note["zh"]

"""Yichang (宜昌): the 宜都 bureau's worked credit (3,450 × 2% = 69), the 70元 for people retired before
2023, the 2023 outpatient pooling, and the cap-vs-ceiling decision.

Hand-computed cases write their arithmetic in a comment. Old rules are those of 2022-12-31.
"""

import datetime as dt

import pytest

from medinsure import Enrollee, InvalidInput, compare


def retiree(bill=0.0, level="secondary", retired_in=2015):
    return Enrollee(status="retired", age=68, pension_monthly=4000.0, outpatient_yearly=bill, level=level,
                    retirement_year=retired_in)


def worker(wage=8000.0, bill=0.0, level="primary"):
    return Enrollee(status="in_service", age=40, wage_monthly=wage, outpatient_yearly=bill, level=level)


# --------------------------------------------------------------------------- published example
def test_published_in_service_credit_3450_times_2_percent_is_69_a_month():
    # Source: 宜都市医疗保障局 notice, http://www.hbyidu.com/content/show?catid=330248&newsid=893671 :
    # "缴费基数为3450元,基本医疗个人账户月划拨标准为3450*2%=69元" → 69 × 12 = 828
    c = compare("yichang", "2023-03-01", worker(wage=3450.0))
    assert c.credit_new == 828.0


# --------------------------------------------------------------------------- 2023-01-01: the reform
def test_the_day_before_the_reform_nothing_is_known():
    c = compare("yichang", "2022-12-31", worker(bill=3000.0))
    assert c.credit_new is None
    assert c.reimbursement_new is None


def test_the_day_of_the_reform():
    # in-service 8,000 × 2% × 12 = 1,920; 一级 3,000: (3,000 − 500) × 80% = 2,000 ≤ 2,200
    c = compare("yichang", "2023-01-01", worker(bill=3000.0))
    assert c.old_date == dt.date(2022, 12, 31)
    assert c.credit_new == 1920.0
    assert c.reimbursement_new == 2000.0
    assert c.reimbursement_old is None  # outpatient rules before 2023 not found


def test_people_retired_before_2023_get_70_a_month():
    # "2023年1月前已退休…统一调整为70元/月" → 840
    assert compare("yichang", "2023-03-01", retiree(retired_in=2022)).credit_new == 840.0


def test_later_retirees_are_pro_rated_and_not_computed():
    # "按照本地统账结合实际缴费月数与本地实际缴费月数之比,再乘以70元/月": needs the person's months
    assert compare("yichang", "2023-03-01", retiree(retired_in=2023)).credit_new is None


def test_the_retiree_credit_needs_the_year_of_retirement():
    with pytest.raises(InvalidInput) as exc:
        compare("yichang", "2023-03-01", Enrollee(status="retired", age=68, pension_monthly=4000.0))
    assert exc.value.field == "retirement_year"


# --------------------------------------------------------------------------- outpatient
@pytest.mark.parametrize("level, expected", [
    ("primary", 2340.0),    # (3,000 − 400) × 90% = 2,340 ≤ 2,600
    ("secondary", 1950.0),  # 2,600 × 75% = 1,950
    ("tertiary", 1560.0),   # 2,600 × 60% = 1,560
])
def test_retired_outpatient_by_level(level, expected):
    c = compare("yichang", "2023-03-01", retiree(bill=3000.0, level=level))
    assert c.reimbursement_new == expected


@pytest.mark.parametrize("level, expected", [
    ("secondary", 1625.0),  # (3,000 − 500) × 65% = 1,625
    ("tertiary", 1250.0),   # 2,500 × 50% = 1,250
])
def test_in_service_outpatient_by_level(level, expected):
    c = compare("yichang", "2023-03-01", worker(bill=3000.0, level=level))
    assert c.reimbursement_new == expected


def test_the_limit_is_read_as_a_cap_on_the_fund_payment():
    # in-service 一级 3,000: cap reading (3,000 − 500) × 80% = 2,000 ≤ 2,200;
    # a spending-ceiling reading would give (2,200 − 500) × 80% = 1,360.
    assert compare("yichang", "2023-03-01", worker(bill=3000.0)).reimbursement_new == 2000.0
    # in-service 一级 5,000: (5,000 − 500) × 80% = 3,600 → cap 2,200 (ceiling reading: 1,360)
    assert compare("yichang", "2023-03-01", worker(bill=5000.0)).reimbursement_new == 2200.0

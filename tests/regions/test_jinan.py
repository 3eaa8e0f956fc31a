"""Jinan (济南): the retiree blog example, the 2024 account change, the 2023 and 2024 outpatient
rules (employees had pooling before the reform), the caps.

Old rules are those of 2023-12-31, the day before the account change (pooling is not part of the
reform). Hand-computed cases write their arithmetic in a comment.
"""

import datetime as dt

import pytest

from medinsure import Enrollee, compare


def retiree(age=65, pension=4000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, **kw)


def worker(age=40, wage=8000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def test_published_example_a_retiree_credited_65_a_month():
    # Source: a Jinan retiree's post (社保网 search result, 3P): "济南医保规定…退休人员,按个人养老金4%
    # 比例…计算划入。60周岁以下保底50元,封顶170元…我退休后每月计算后划入65元".
    # Pension not given: 65 / 4% = 1,625 [DERIVED]; 65 lies between the floor 50 and cap 170.
    c = compare("jinan", "2023-06-01", retiree(age=58, pension=1625))
    assert c.credit_new == 65.0 * 12


@pytest.mark.parametrize("age, new_monthly", [(65, 100.0), (69, 100.0), (70, 125.0), (75, 125.0)])
def test_retirees_4_percent_then_100_or_125(age, new_monthly):
    # old: 4% × 4,000 = 160 a month (inside every band's floor and cap); new: 100 (<70) / 125 (≥70)
    c = compare("jinan", "2024-06-01", retiree(age=age))
    assert c.old_date == dt.date(2023, 12, 31)
    assert c.credit_old == 1920.0
    assert c.credit_new == new_monthly * 12


def test_account_change_both_sides_of_2024_01_01():
    assert compare("jinan", "2023-12-31", retiree()).credit_new == 1920.0
    assert compare("jinan", "2024-01-01", retiree()).credit_new == 1200.0
    # in-service: old crediting unknown, new 2% × 8,000 = 160 × 12
    assert compare("jinan", "2023-12-31", worker()).credit_new is None
    assert compare("jinan", "2024-01-01", worker()).credit_new == 1920.0


def test_2023_outpatient_rule_both_sides_of_its_start():
    # 2022-12-31: the 2019 rule (cap 3,000; deductible and ratios unknown)
    assert compare("jinan", "2022-12-31", worker(bill=3000, level="secondary")).reimbursement_new is None
    # 2023-01-01: (3,000 − 700) × 70% = 1,610
    assert compare("jinan", "2023-01-01", worker(bill=3000, level="secondary")).reimbursement_new == 1610.0


@pytest.mark.parametrize("level, expected", [
    ("primary", 2080.0),     # 基层: (3,000 − 400) × 80%
    ("secondary", 1610.0),   # (3,000 − 700) × 70%
    ("tertiary", 1000.0),    # (3,000 − 1,000) × 50%
])
def test_2023_in_service_by_level(level, expected):
    assert compare("jinan", "2023-06-01", worker(bill=3000, level=level)).reimbursement_new == expected


def test_2024_outpatient_rule_both_sides_of_its_start():
    # retirees' 2023 ratios unknown; 2024: (3,000 − 200) × 85% = 2,380
    assert compare("jinan", "2023-12-31", retiree(bill=3000)).reimbursement_new is None
    assert compare("jinan", "2024-01-01", retiree(bill=3000)).reimbursement_new == 2380.0
    # in-service 2024 ratios: no Jinan source
    assert compare("jinan", "2024-01-01", worker(bill=3000)).reimbursement_new is None


@pytest.mark.parametrize("level, expected", [
    ("primary", 2380.0),     # (3,000 − 200) × 85%
    ("secondary", 1950.0),   # (3,000 − 400) × 75%
    ("tertiary", 1430.0),    # (3,000 − 800) × 65%
])
def test_2024_retirees_by_level(level, expected):
    assert compare("jinan", "2024-06-01", retiree(bill=3000, level=level)).reimbursement_new == expected


def test_the_limits_cap_what_the_fund_pays():
    # 2023: (8,000 − 400) × 80% = 6,080 → cap 4,500 (as a spending ceiling it would be
    # (4,500 − 400) × 80% = 3,280)
    assert compare("jinan", "2023-06-01", worker(bill=8000)).reimbursement_new == 4500.0
    # 2024 retiree: (10,000 − 200) × 85% = 8,330 → cap 7,000
    assert compare("jinan", "2024-06-01", retiree(bill=10000)).reimbursement_new == 7000.0

"""Xiamen (厦门): the 2023-01-01 account reform (110元/月, 103 after the 7元 premium), the old
account-first outpatient order, the banded new outpatient rules and the dated base limits.

Hand-computed cases write their arithmetic in a comment. Data: data/regions/xiamen/.
"""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import load_region

SLUG = "xiamen"


def worker(age=40, wage=8000.0, bill=0.0, level="primary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="primary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, retirement_year=2010)


def paid(day, person):
    return compare(SLUG, day, person).reimbursement_new


# --------------------------------------------------------------------------- published examples
def test_retiree_credit_110_a_month_103_after_the_premium():
    # 厦门日报 2023-01-11, http://m.hxnews.com/news/fj/mn/xm/202301/11/2101972.shtml :
    # "定额每人每月 110 元…职工每月需自动扣除大病保险保费7元,所以,退休人员个人账户每月实际到账是103元"
    c = compare(SLUG, "2023-03-01", retiree())
    assert c.credit_new == 1320.0                         # 110 × 12
    assert c.contributions["own_new"] == 84.0             # 7 × 12
    assert c.credit_new - c.contributions["own_new"] == 103 * 12


# --------------------------------------------------------------------------- account credit
@pytest.mark.parametrize("age, old_yearly", [
    (30, 3456.0),   # 不满35岁: (2% + 20% × 8%) = 3.6% × 8,000 = 288 × 12
    (34, 3456.0),
    (35, 4224.0),   # 35岁以上不满50岁: (2% + 30% × 8%) = 4.4% × 8,000 = 352 × 12
    (49, 4224.0),
    (50, 4992.0),   # 50岁以上: (2% + 40% × 8%) = 5.2% × 8,000 = 416 × 12
])
def test_old_in_service_credit_by_age_band_and_new_2_percent(age, old_yearly):
    c = compare(SLUG, "2023-03-01", worker(age=age))
    assert c.credit_old == old_yearly
    assert c.credit_new == 1920.0   # 2% × 8,000 × 12


def test_old_retiree_credit_8_percent_of_the_pension():
    # "退休人员按本人上年度养老金或退休金总额的8%": 8% × 4,000 = 320 × 12 = 3,840
    assert compare(SLUG, "2023-03-01", retiree()).credit_old == 3840.0


def test_account_change_on_2023_01_01_day_before_and_day_of():
    assert compare(SLUG, "2022-12-31", worker()).credit_new == 4224.0    # 4.4% × 8,000 × 12
    assert compare(SLUG, "2023-01-01", worker()).credit_new == 1920.0    # 2% × 8,000 × 12
    assert compare(SLUG, "2022-12-31", retiree()).credit_new == 3840.0   # 8% × 4,000 × 12
    assert compare(SLUG, "2023-01-01", retiree()).credit_new == 1320.0   # 110 × 12


def test_premium_of_7_a_month_from_2023_day_before_and_day_of():
    assert compare(SLUG, "2022-12-31", retiree()).contributions["own_new"] is None   # not known before 2023
    assert compare(SLUG, "2023-01-01", retiree()).contributions["own_new"] == 84.0   # 7 × 12


@pytest.mark.parametrize("day, expected", [
    # wage 30,000, age 40 (4.4% before 2023): no limits known before 2022-07 → 4.4% × 30,000 = 1,320
    ("2022-06-30", 15840.0),
    # 2022-07-01 ceiling 19,962: 4.4% × 19,962 = 878.328 → 878.33 × 12 = 10,539.96
    ("2022-07-01", 10539.96),
])
def test_base_ceiling_from_2022_07_01(day, expected):
    assert compare(SLUG, day, worker(wage=30000.0)).credit_new == expected


@pytest.mark.parametrize("day, expected", [
    ("2023-06-30", 4790.88),   # 2% × 19,962 = 399.24 × 12
    ("2023-07-01", 5054.40),   # 2% × 21,060 = 421.20 × 12
])
def test_base_ceiling_from_2023_07_01(day, expected):
    assert compare(SLUG, day, worker(wage=30000.0)).credit_new == expected


# --------------------------------------------------------------------------- old outpatient (account first)
def test_old_order_account_first_then_500_then_the_fund():
    # age 40: account 4,224 a year. Bill 3,000: the account pays it all → fund 0, cash 0
    c = compare(SLUG, "2024-06-01", worker(bill=3000.0))
    assert (c.reimbursement_old, c.cash_old) == (0.0, 0.0)
    # bill 4,700: account 4,224, then 476 cash inside the 500 deductible → fund 0, cash 476
    c = compare(SLUG, "2024-06-01", worker(bill=4700.0))
    assert (c.reimbursement_old, c.cash_old) == (0.0, 476.0)
    # bill 5,000: 776 beyond the account, 276 above the deductible at a ratio not found → unknown
    assert compare(SLUG, "2024-06-01", worker(bill=5000.0)).reimbursement_old is None


# --------------------------------------------------------------------------- new outpatient
def test_outpatient_unknown_from_2023_01_01_day_before_and_day_of():
    # 2022-12-31: old rule, age 40, bill 3,000 covered by the 4,224 account → fund 0
    assert paid("2022-12-31", worker(bill=3000.0)) == 0.0
    # 2023-01-01 to 2024-03-28: whether the new outpatient rules applied is not known
    assert paid("2023-01-01", worker(bill=3000.0)) is None


def test_new_outpatient_from_2024_03_29_day_before_and_day_of():
    assert paid("2024-03-28", worker(bill=3000.0)) is None
    assert paid("2024-03-29", worker(bill=3000.0)) == 1620.0   # (3,000 − 1,200) × 90%


@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 1620.0),     # (3,000 − 1,200) × 90%
    (worker(bill=3000.0, level="secondary"), 1530.0),   # 1,800 × 85%
    (worker(bill=3000.0, level="tertiary"), 1350.0),    # 1,800 × 75%
    (retiree(bill=3000.0, level="primary"), 2090.0),    # (3,000 − 800) × 95%
    (retiree(bill=3000.0, level="secondary"), 1980.0),  # 2,200 × 90%
    (retiree(bill=3000.0, level="tertiary"), 1870.0),   # 2,200 × 85%
])
def test_new_ratios_below_10000(person, expected):
    assert paid("2024-06-01", person) == expected


@pytest.mark.parametrize("person, expected", [
    # (10,000 − 1,200) × 90% + (15,000 − 10,000) × 95% = 7,920 + 4,750
    (worker(bill=15000.0, level="primary"), 12670.0),
    # (10,000 − 800) × 85% + (20,000 − 10,000) × 95% = 7,820 + 9,500
    (retiree(bill=20000.0, level="tertiary"), 17320.0),
    # no separate outpatient cap: (10,000 − 1,200) × 75% + 190,000 × 90% = 6,600 + 171,000
    (worker(bill=200000.0, level="tertiary"), 177600.0),
])
def test_spending_bands_at_10000_and_no_separate_cap(person, expected):
    assert paid("2024-06-01", person) == expected


def test_comparison_retiree_after_the_new_outpatient_rules():
    # credit 3,840 → 1,320; outpatient old 0 (the 3,840 account covers 3,000) → 2,090;
    # gain (1,320 − 3,840) + (2,090 − 0) = −430
    c = compare(SLUG, "2024-06-01", retiree(bill=3000.0))
    assert (c.credit_old, c.credit_new, c.reimbursement_old, c.reimbursement_new) == (3840.0, 1320.0, 0.0, 2090.0)
    assert c.resources_gain == -430.0


# --------------------------------------------------------------------------- region metadata
def test_reform_dates():
    r = load_region(SLUG)
    assert r.account_reform.date.isoformat() == "2023-01-01" and r.account_reform.date_exact
    assert r.pooling_start.date is None   # outpatient pooling existed before the reform


@pytest.mark.parametrize("day", [d.isoformat() for d in load_region(SLUG).change_dates()])
def test_every_change_date_gives_a_number_or_an_explained_unknown(day):
    for person in (worker(bill=3000.0), retiree(age=72, bill=3000.0),
                   Enrollee(status="flexible", age=40, wage_monthly=6000.0, outpatient_yearly=3000.0)):
        c = compare(SLUG, day, person)
        unknown = {u["field"] for u in c.unknown}
        for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new"):
            assert getattr(c, key) is not None or key in unknown, (day, person.status, key)
        for u in c.unknown:
            assert u["note"]["zh"] and u["note"]["en"]

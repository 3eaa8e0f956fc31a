"""Shenzhen (深圳, 一档 only): the published old retiree credit (E8), the 2022-12-01 reform, the old
community-centre / threshold rule, the dated outpatient caps and the cap reading.

Hand-computed cases write their arithmetic in a comment. Data: data/regions/shenzhen/.
"""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import load_region, rules_for

SLUG = "shenzhen"


def worker(age=40, wage=8000.0, bill=0.0, level="primary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="primary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, retirement_year=2010)


def paid(day, person):
    return compare(SLUG, day, person).reimbursement_new


# --------------------------------------------------------------------------- published examples
def test_e8_old_retiree_credit_561_a_month_new_251():
    # policy_facts.md §3 E8, https://851w.com/58733.html ; http://shebao.southmoney.com/yiliao/202407/558619.html :
    # 11,620 × 60% × 8.05% = 561.25 a month (published "561元/月"); new rule 251元/月
    c = compare(SLUG, "2023-03-01", retiree())
    assert c.credit_old == 6735.0                 # 561.25 × 12
    assert round(c.credit_old / 12) == 561        # the published figure
    assert c.credit_new == 3012.0                 # 251 × 12
    assert c.gain_from_account == -3723.0         # (251 − 561.25) × 12


def test_published_caps_from_2023_10_and_2025():
    # 读特 https://www.dutenews.com/p/7731010.html : "在职人员6%(实施初期约为9334元)、退休人员7%(…约为10890元)"
    assert paid("2023-11-01", worker(bill=50000.0)) == 9334.0
    assert paid("2023-11-01", retiree(bill=50000.0)) == 10890.0
    # https://www.shebaomi.com/wen/zhishi-182867.html : "2025年…在职人员…10478.40元,…退休人员提高到12224.8元"
    assert paid("2025-03-01", worker(bill=50000.0)) == 10478.40
    assert paid("2025-03-01", retiree(bill=50000.0)) == 12224.80


# --------------------------------------------------------------------------- account credit
@pytest.mark.parametrize("age, old_yearly", [
    (30, 4800.0),   # 不满45周岁: 5% × 8,000 = 400 × 12
    (44, 4800.0),
    (45, 5376.0),   # 45周岁以上: 5.6% × 8,000 = 448 × 12
    (59, 5376.0),
])
def test_old_in_service_credit_by_age_band_and_new_2_percent(age, old_yearly):
    c = compare(SLUG, "2025-03-01", worker(age=age))
    assert c.credit_old == old_yearly
    assert c.credit_new == 1920.0   # 2% × 8,000 × 12 (2023-10 base 6,123–30,615)


def test_account_change_on_2022_12_01_day_before_and_day_of():
    assert compare(SLUG, "2022-11-30", worker()).credit_new == 4800.0    # 5% × 8,000 × 12
    assert compare(SLUG, "2022-12-01", worker()).credit_new == 1920.0    # 2% × 8,000 × 12
    assert compare(SLUG, "2022-11-30", retiree()).credit_new == 6735.0   # 561.25 × 12
    assert compare(SLUG, "2022-12-01", retiree()).credit_new == 3012.0   # 251 × 12


def test_base_limits_from_2023_10_01_day_before_and_day_of():
    # wage 40,000: before 2023-10-01 no base limits are known → 2% × 40,000 = 800 × 12 = 9,600;
    # from 2023-10-01 the ceiling 30,615 applies → 2% × 30,615 = 612.30 × 12 = 7,347.60
    assert compare(SLUG, "2023-09-30", worker(wage=40000.0)).credit_new == 9600.0
    assert compare(SLUG, "2023-10-01", worker(wage=40000.0)).credit_new == 7347.60


# --------------------------------------------------------------------------- old outpatient (to 2022-11-30)
@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 900.0),        # 社康: fund 30% × 3,000
    (worker(bill=3000.0, level="secondary"), 0.0),        # below the threshold 7,778: account/cash only
    (worker(bill=10000.0, level="secondary"), 1555.40),   # (10,000 − 7,778) × 70%
    (worker(bill=20000.0, level="tertiary"), 8555.40),    # (20,000 − 7,778) × 70%
    (worker(bill=11111.43, level="primary"), 3333.43),    # 30% × 11,111.43 (own 70% = 7,778)
    (worker(bill=12000.0, level="primary"), None),        # above it the 社康 rule is not known
    (retiree(bill=3000.0, level="primary"), 900.0),       # 30% × 3,000
    (retiree(bill=3000.0, level="secondary"), 0.0),       # below the threshold
    (retiree(bill=10000.0, level="secondary"), None),     # 70% (<70) or 80% (≥70): not expressible
])
def test_old_rule_community_centre_30_percent_and_threshold(person, expected):
    assert paid("2022-11-30", person) == expected


def test_old_rule_threshold_of_2022_07_01_day_before_and_day_of():
    # 2021–22 medical-insurance year (to 2022-06-30): threshold 5% × the 2020 wage, not found → unknown
    assert paid("2022-06-30", worker(bill=3000.0)) is None
    # from 2022-07-01: 社康 30% × 3,000 = 900
    assert paid("2022-07-01", worker(bill=3000.0)) == 900.0


def test_the_reform_compares_the_old_rule_with_general_pooling():
    # 2023-03-01, in service, 社康 3,000: old 30% × 3,000 = 900; new 75% × 3,000 = 2,250 (cap 7,778)
    c = compare(SLUG, "2023-03-01", worker(bill=3000.0))
    assert (c.reimbursement_old, c.reimbursement_new) == (900.0, 2250.0)
    # gain: (1,920 − 4,800) + (2,250 − 900) = −1,530
    assert c.resources_gain == -1530.0


def test_retiree_68_at_a_secondary_hospital_in_2025():
    # credit 6,735 → 3,012; outpatient 0 (below the old threshold) → 3,000 × 70% = 2,100;
    # resources gain (3,012 − 6,735) + (2,100 − 0) = −1,623
    c = compare(SLUG, "2025-03-01", retiree(bill=3000.0, level="secondary"))
    assert (c.credit_old, c.credit_new, c.reimbursement_old, c.reimbursement_new) == (6735.0, 3012.0, 0.0, 2100.0)
    assert c.resources_gain == -1623.0


# --------------------------------------------------------------------------- new outpatient
@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 2250.0),     # 75%, no deductible
    (worker(bill=3000.0, level="secondary"), 1950.0),   # 65%
    (worker(bill=3000.0, level="tertiary"), 1650.0),    # 55%
    (retiree(bill=3000.0, level="primary"), 2400.0),    # 75 + 5 = 80%
    (retiree(bill=3000.0, level="secondary"), 2100.0),  # 70%
    (retiree(bill=3000.0, level="tertiary"), 1800.0),   # 60%
])
def test_new_ratios_no_deductible_retirees_plus_5(person, expected):
    assert paid("2025-03-01", person) == expected


def test_december_2022_cap_unknown_then_2023_cap():
    # 2022-12: 5% × the 2020 wage, not found → unknown; 2023-01-01: 3,000 × 75% = 2,250 ≤ 7,778
    assert paid("2022-12-31", worker(bill=3000.0)) is None
    assert paid("2023-01-01", worker(bill=3000.0)) == 2250.0
    # 20,000 at 社康: 15,000 (in service) / 16,000 (retired) → 7,778 for both until 2023-09-30
    assert paid("2023-01-01", worker(bill=20000.0)) == 7778.0
    assert paid("2023-01-01", retiree(bill=20000.0)) == 7778.0


def test_cap_change_on_2023_10_01():
    assert paid("2023-09-30", worker(bill=20000.0)) == 7778.0
    assert paid("2023-10-01", worker(bill=20000.0)) == 9334.0
    assert paid("2023-09-30", retiree(bill=20000.0)) == 7778.0
    assert paid("2023-10-01", retiree(bill=20000.0)) == 10890.0


def test_2024_caps_only_low_reliability_so_unknown():
    assert paid("2023-12-31", worker(bill=3000.0)) == 2250.0
    assert paid("2024-01-01", worker(bill=3000.0)) is None


def test_cap_change_on_2025_01_01():
    assert paid("2024-12-31", worker(bill=20000.0)) is None
    assert paid("2025-01-01", worker(bill=20000.0)) == 10478.40
    assert paid("2025-01-01", retiree(bill=20000.0)) == 12224.80


def test_the_limit_is_a_cap_on_the_fund_not_a_ceiling_on_spending():
    # "年度医保统筹基金最高报销限额": 20,000 × 75% = 15,000 → 10,478.40. As a spending ceiling it
    # would be 10,478.40 × 75% = 7,858.80.
    c = paid("2025-03-01", worker(bill=20000.0))
    assert c == 10478.40 and c != 7858.80
    # reached at 10,478.40 / 0.75 = 13,971.20
    assert paid("2025-03-01", worker(bill=13971.20)) == 10478.40
    assert paid("2025-03-01", worker(bill=13000.0)) == 9750.0   # 13,000 × 75%


# --------------------------------------------------------------------------- region metadata
def test_reform_dates():
    r = load_region(SLUG)
    assert r.account_reform.date.isoformat() == "2022-12-01" and not r.account_reform.date_exact
    assert r.pooling_start.date.isoformat() == "2022-12-01"
    assert rules_for(SLUG, "2025-03-01").old.day.isoformat() == "2022-11-30"


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

"""Fuzhou (福州): the 闽清 2020 flexible-contribution example (E16), the two-step account reform
(2022-03-01, 2024-01-01), old and new outpatient pooling and the cap reading.

Hand-computed cases write their arithmetic in a comment. Data: data/regions/fuzhou/.
"""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import load_region

SLUG = "fuzhou"


def worker(age=40, wage=8000.0, bill=0.0, level="secondary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="secondary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, retirement_year=2010)


def paid(day, person):
    return compare(SLUG, day, person).reimbursement_new


# --------------------------------------------------------------------------- published examples
def test_e16_minqing_2020_flexible_worker_pays_323_36_a_month():
    # policy_facts.md §3 E16, http://fzmq.gov.cn/xjwz/zwgk/zfxxgkzdgz/yl/ybxx/202001/t20200115_3177023.htm :
    # base 60% × 64,671 / 12 = 3,233.55; 10% → 323.36元/月 (323.355 rounded), 3,880.32/yr (12 × 323.36)
    c = compare(SLUG, "2020-06-01", Enrollee(status="flexible", age=40))
    assert c.contributions["own_new"] / 12 == pytest.approx(323.36, abs=0.01)
    assert c.contributions["own_new"] == pytest.approx(3880.26, abs=0.01)   # unrounded 323.355 × 12


def test_the_2020_flexible_base_ends_with_2020():
    assert compare(SLUG, "2020-12-31", Enrollee(status="flexible", age=40)).contributions["own_new"] \
        == pytest.approx(3880.26, abs=0.01)
    assert compare(SLUG, "2021-01-01", Enrollee(status="flexible", age=40)).contributions["own_new"] is None


def test_flexible_workers_had_the_in_service_crediting_before_the_reform():
    # 2.8% (≤40) × 3,233.55 = 90.54 a month × 12 = 1,086.48
    assert compare(SLUG, "2020-06-01", Enrollee(status="flexible", age=40)).credit_new == 1086.48


# --------------------------------------------------------------------------- account credit
@pytest.mark.parametrize("age, old, step1, step2", [
    # 40周岁以下(含): 2.8% → 2% + 0.8%/2 = 2.4% → 2% of 8,000, × 12
    (40, 2688.0, 2304.0, 1920.0),
    # 41周岁至法定退休年龄: 3.5% → 2% + 1.5%/2 = 2.75% → 2%
    (41, 3360.0, 2640.0, 1920.0),
])
def test_in_service_credit_in_three_periods(age, old, step1, step2):
    assert compare(SLUG, "2022-02-28", worker(age=age)).credit_new == old
    assert compare(SLUG, "2022-03-01", worker(age=age)).credit_new == step1
    assert compare(SLUG, "2023-12-31", worker(age=age)).credit_new == step1
    assert compare(SLUG, "2024-01-01", worker(age=age)).credit_new == step2


def test_retiree_credit_4_5_then_3_5_percent_then_a_fixed_amount_not_found():
    assert compare(SLUG, "2022-02-28", retiree()).credit_new == 2160.0   # 4.5% × 4,000 = 180 × 12
    assert compare(SLUG, "2022-03-01", retiree()).credit_new == 1680.0   # 3.5% × 4,000 = 140 × 12
    assert compare(SLUG, "2023-12-31", retiree()).credit_new == 1680.0
    c = compare(SLUG, "2024-01-01", retiree())
    assert c.credit_new is None and "credit_new" in {u["field"] for u in c.unknown}


@pytest.mark.parametrize("day, expected", [
    ("2022-06-30", 8640.0),    # no limits known: 2.4% × 30,000 = 720 × 12
    ("2022-07-01", 5749.08),   # ceiling 19,962: 2.4% × 19,962 = 479.088 → 479.09 × 12
    ("2023-06-30", 5749.08),
    ("2023-07-01", 6065.28),   # ceiling 21,060: 2.4% × 21,060 = 505.44 × 12
])
def test_province_base_ceiling_changes(day, expected):
    assert compare(SLUG, day, worker(wage=30000.0)).credit_new == expected


# --------------------------------------------------------------------------- outpatient pooling
def test_old_outpatient_is_known_from_2022_01_15_day_before_and_day_of():
    assert paid("2022-01-14", worker(bill=3000.0)) is None
    assert paid("2022-01-15", worker(bill=3000.0)) == 900.0   # (3,000 − 1,500) × 60%


@pytest.mark.parametrize("day, person, expected", [
    ("2022-02-28", worker(bill=3000.0), 900.0),     # (3,000 − 1,500) × 60%
    ("2022-03-01", worker(bill=3000.0), 1650.0),    # (3,000 − 800) × 75%
    ("2022-02-28", retiree(bill=3000.0), 1050.0),   # (3,000 − 1,500) × 70%
    ("2022-03-01", retiree(bill=3000.0), 1760.0),   # (3,000 − 800) × 80%
])
def test_outpatient_change_on_2022_03_01(day, person, expected):
    assert paid(day, person) == expected


@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 1870.0),     # (3,000 − 800) × 85% (基层 +10)
    (worker(bill=3000.0, level="tertiary"), 1650.0),    # 2,200 × 75%
    (retiree(bill=3000.0, level="primary"), 1980.0),    # 2,200 × 90%
    (retiree(bill=3000.0, level="tertiary"), 1760.0),   # 2,200 × 80%
])
def test_new_ratios_by_level(person, expected):
    assert paid("2024-06-01", person) == expected


def test_the_limits_are_caps_on_the_fund_not_ceilings_on_spending():
    # "年度最高支付限额应由10000元提高至20000元". New: (40,000 − 800) × 75% = 29,400 → 20,000;
    # as a spending ceiling it would be (20,000 − 800) × 75% = 14,400.
    c = paid("2024-06-01", worker(bill=40000.0))
    assert c == 20000.0 and c != 14400.0
    # old: (30,000 − 1,500) × 60% = 17,100 → 10,000 (ceiling reading: (10,000 − 1,500) × 60% = 5,100)
    c = paid("2022-02-28", worker(bill=30000.0))
    assert c == 10000.0 and c != 5100.0


def test_comparison_in_service_40_at_a_secondary_hospital():
    # credit 2,688 → 2,304 (2023, step 1); outpatient 900 → 1,650;
    # gain (2,304 − 2,688) + (1,650 − 900) = −384 + 750 = 366
    c = compare(SLUG, "2023-03-01", worker(bill=3000.0))
    assert (c.credit_old, c.credit_new, c.reimbursement_old, c.reimbursement_new) == (2688.0, 2304.0, 900.0, 1650.0)
    assert c.resources_gain == 366.0


# --------------------------------------------------------------------------- region metadata
def test_reform_dates():
    r = load_region(SLUG)
    assert r.account_reform.date.isoformat() == "2022-03-01" and r.account_reform.date_exact
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

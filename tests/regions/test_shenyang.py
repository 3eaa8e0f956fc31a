"""沈阳 Shenyang: account reform and outpatient pooling from 2024-01-01 (data/regions/shenyang/)."""

import pytest

from medinsure import Enrollee, compare
from medinsure.coverage import region_coverage

R = "shenyang"


def worker(age=40, **kw):
    kw.setdefault("wage_monthly", 8000.0)
    return Enrollee(status="in_service", age=age, **kw)


def retiree(age=65, **kw):
    kw.setdefault("pension_monthly", 4000.0)
    return Enrollee(status="retired", age=age, **kw)


# --------------------------------------------------------------------------- the account change, 2024-01-01
@pytest.mark.parametrize("age, old_yearly", [
    # own 2% + employer 0.8% ("45周岁以下(含45周岁)") = 2.8%: 8,000 × 2.8% × 12 = 2,688
    (30, 2688.0), (45, 2688.0),
    # own 2% + employer 1.5% ("46周岁以上") = 3.5%: 8,000 × 3.5% × 12 = 3,360
    (46, 3360.0), (55, 3360.0),
])
def test_in_service_credit_the_day_before_and_the_day_of_the_reform(age, old_yearly):
    assert compare(R, "2023-12-31", worker(age)).credit_new == old_yearly
    # 2024-01-01: 2% of the own base, 8,000 × 2% × 12 = 1,920
    c = compare(R, "2024-01-01", worker(age))
    assert c.credit_new == 1920.0 and c.credit_old == old_yearly
    assert c.old_date.isoformat() == "2023-12-31"


@pytest.mark.parametrize("age", [65, 75])
def test_retiree_credit(age):
    # old: share of the June pension plus a fixed part of unknown unit → unknown
    assert compare(R, "2023-12-31", retiree(age)).credit_new is None
    # new: "每人每月80元" at every age: 960 a year
    c = compare(R, "2024-01-01", retiree(age))
    assert c.credit_new == 960.0 and c.credit_old is None


# --------------------------------------------------------------------------- outpatient pooling, 2024-01-01
def test_outpatient_the_day_before_and_the_day_of_pooling():
    e = worker(outpatient_yearly=3000.0, level="primary")
    assert compare(R, "2023-12-31", e).reimbursement_new is None   # pre-2024 rule not found
    # 2024-01-01: (3,000 − 200) × 70% = 1,960
    c = compare(R, "2024-01-01", e)
    assert c.reimbursement_new == 1960.0 and c.reimbursement_old is None


@pytest.mark.parametrize("person, level, expected", [
    # in service: deductible by level 200 / 200 / 400; 70% / 65% / 55%
    (worker(), "primary", 1960.0),      # (3,000 − 200) × 70%
    (worker(), "secondary", 1820.0),    # (3,000 − 200) × 65%
    (worker(), "tertiary", 1430.0),     # (3,000 − 400) × 55%
    # retired: +5 points
    (retiree(65), "primary", 2100.0),   # 2,800 × 75%
    (retiree(75), "secondary", 1960.0),  # 2,800 × 70%
    (retiree(75), "tertiary", 1560.0),  # 2,600 × 60%
])
def test_a_3000_bill(person, level, expected):
    e = Enrollee(**{**person.__dict__, "outpatient_yearly": 3000.0, "level": level})
    assert compare(R, "2024-06-30", e).reimbursement_new == pytest.approx(expected, abs=0.01)


def test_12000_is_read_as_a_cap_on_payment():
    # 20,000 at 一级, in service: (20,000 − 200) × 70% = 13,860, capped at 12,000.
    # Were 12,000 a ceiling on spending, the fund would pay (12,000 − 200) × 70% = 8,260.
    e = worker(outpatient_yearly=20000.0, level="primary")
    assert compare(R, "2024-06-30", e).reimbursement_new == 12000.0 != 8260.0
    # just below the point where the cap is reached, 200 + 12,000 / 0.7 = 17,342.86: 17,000 → 11,760
    e = worker(outpatient_yearly=17000.0, level="primary")
    assert compare(R, "2024-06-30", e).reimbursement_new == pytest.approx(11760.0, abs=0.01)


def test_shenyang_is_not_complete():
    cov = region_coverage(R)
    assert not cov.complete
    assert cov.account_reform.isoformat() == cov.pooling_start.isoformat() == "2024-01-01"

"""大连 Dalian: reform in 2023 (recorded 2023-01-01, not exact); outpatient optimisation 2024-01-01
(data/regions/dalian/)."""

import pytest

from medinsure import Enrollee, compare
from medinsure.coverage import region_coverage

R = "dalian"


def worker(age=40, **kw):
    kw.setdefault("wage_monthly", 8000.0)
    return Enrollee(status="in_service", age=age, **kw)


def retiree(age=65, **kw):
    kw.setdefault("pension_monthly", 4000.0)
    return Enrollee(status="retired", age=age, **kw)


# --------------------------------------------------------------------------- the reform, 2023-01-01 (not exact)
def test_credit_the_day_before_and_the_day_of_the_reform():
    # 2022-12-31: the old crediting was not found
    assert compare(R, "2022-12-31", worker()).credit_new is None
    assert compare(R, "2022-12-31", retiree()).credit_new is None
    # 2023-01-01: in service 2% (Liaoning rule): 8,000 × 2% × 12 = 1,920; retirees 80 a month = 960
    c = compare(R, "2023-01-01", worker())
    assert c.credit_new == 1920.0 and c.credit_old is None and c.old_date.isoformat() == "2022-12-31"
    assert compare(R, "2023-01-01", retiree(75)).credit_new == 960.0
    assert any(n.code == "date_not_exact" for n in c.notices)


def test_outpatient_the_day_before_and_the_day_of_the_reform():
    e = worker(outpatient_yearly=3000.0, level="primary")
    assert compare(R, "2022-12-31", e).reimbursement_new is None
    # 2023: (3,000 − 300) × 70% = 1,890
    c = compare(R, "2023-01-01", e)
    assert c.reimbursement_new == 1890.0 and c.reimbursement_old is None


# --------------------------------------------------------------------------- the 2024-01-01 optimisation
@pytest.mark.parametrize("person, level, before, after", [
    # 一级: 300 → 200, 70% unchanged: 2,700 × 70% = 1,890 → 2,800 × 70% = 1,960
    (worker(), "primary", 1890.0, 1960.0),
    # 二级: 500 → 200, 60% → 65%: 2,500 × 60% = 1,500 → 2,800 × 65% = 1,820
    (worker(), "secondary", 1500.0, 1820.0),
    # 三级: 700 → 400, 50% → 55%: 2,300 × 50% = 1,150 → 2,600 × 55% = 1,430
    (worker(), "tertiary", 1150.0, 1430.0),
    # retired +5: 一级 2,700 × 75% = 2,025 → 2,800 × 75% = 2,100
    (retiree(65), "primary", 2025.0, 2100.0),
    # 二级 2,500 × 65% = 1,625 → 2,800 × 70% = 1,960
    (retiree(75), "secondary", 1625.0, 1960.0),
    # 三级 2,300 × 55% = 1,265 → 2,600 × 60% = 1,560
    (retiree(75), "tertiary", 1265.0, 1560.0),
])
def test_a_3000_bill_the_day_before_and_the_day_of_2024(person, level, before, after):
    e = Enrollee(**{**person.__dict__, "outpatient_yearly": 3000.0, "level": level})
    assert compare(R, "2023-12-31", e).reimbursement_new == pytest.approx(before, abs=0.01)
    assert compare(R, "2024-01-01", e).reimbursement_new == pytest.approx(after, abs=0.01)


def test_12000_is_read_as_a_cap_on_payment():
    # "年度支付上限…1.2万元": 20,000 at 一级 in 2024 → (20,000 − 200) × 70% = 13,860, capped at 12,000;
    # a 12,000 ceiling on spending would give (12,000 − 200) × 70% = 8,260.
    e = worker(outpatient_yearly=20000.0, level="primary")
    assert compare(R, "2024-06-30", e).reimbursement_new == 12000.0 != 8260.0


def test_dalian_is_not_complete():
    cov = region_coverage(R)
    assert not cov.complete
    assert cov.pooling_start is None and cov.account_reform.isoformat() == "2023-01-01"
    assert not cov.account_reform_exact

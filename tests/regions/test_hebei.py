"""河北省省本级 Hebei provincial-level pool: account reform and outpatient pooling from 2022-01-01
(data/regions/hebei/)."""

import pytest

from medinsure import Enrollee, compare
from medinsure.coverage import region_coverage

R = "hebei"


def worker(age=40, **kw):
    kw.setdefault("wage_monthly", 8000.0)
    return Enrollee(status="in_service", age=age, **kw)


def retiree(age=65, **kw):
    kw.setdefault("pension_monthly", 4000.0)
    return Enrollee(status="retired", age=age, **kw)


# --------------------------------------------------------------------------- the account change, 2022-01-01
def test_in_service_credit_the_day_before_and_the_day_of_the_reform():
    # 2021-12-31: the provincial-level pool's old crediting was not found
    assert compare(R, "2021-12-31", worker()).credit_new is None
    # 2022-01-01: "计入标准为本人参保缴费基数的2%": 8,000 × 2% × 12 = 1,920
    c = compare(R, "2022-01-01", worker())
    assert c.credit_new == 1920.0 and c.credit_old is None
    assert c.old_date.isoformat() == "2021-12-31"


def test_retiree_new_credit_is_unknown_without_the_2022_average_pension():
    # "划入额度为2022年基本养老金平均水平的2%": the average was not found
    c = compare(R, "2022-01-01", retiree())
    assert c.credit_new is None
    assert "credit_new" in {u["field"] for u in c.unknown}


def test_flexible_workers_paying_5_5_percent_have_no_account():
    c = compare(R, "2022-01-01", Enrollee(status="flexible", age=40, wage_monthly=6000.0))
    assert c.credit_new == 0.0


def test_base_floor_from_2022_07_01():
    # 2022-06-30: no base rule found, the wage is used as it is: 4,000 × 2% × 12 = 960
    assert compare(R, "2022-06-30", worker(wage_monthly=4000.0)).credit_new == 960.0
    # 2022-07-01: floor = 2021 average 69,465 / 12 = 5,788.75; 2% = 115.775 → 115.78 a month (fen) × 12 = 1,389.36
    assert compare(R, "2022-07-01", worker(wage_monthly=4000.0)).credit_new == pytest.approx(1389.36, abs=0.01)


# --------------------------------------------------------------------------- outpatient pooling, 2022-01-01
def test_outpatient_the_day_before_and_the_day_of_pooling():
    e = worker(outpatient_yearly=3000.0, level="secondary")
    # 2021-12-31: unknown (no 省本级 general outpatient pooling before 2022 found, nor its absence)
    assert compare(R, "2021-12-31", e).reimbursement_new is None
    # 2022-01-01: (3,000 − 100) × 50% = 1,450 at every level
    c = compare(R, "2022-01-01", e)
    assert c.reimbursement_new == 1450.0 and c.reimbursement_old is None


@pytest.mark.parametrize("person, level, expected", [
    (worker(40), "primary", 1450.0),
    (worker(50), "tertiary", 1450.0),
    # retired: (3,000 − 100) × 60% = 1,740 ("支付比例统一是60%")
    (retiree(65), "primary", 1740.0),
    (retiree(75), "tertiary", 1740.0),
])
def test_a_3000_bill(person, level, expected):
    e = Enrollee(**{**person.__dict__, "outpatient_yearly": 3000.0, "level": level})
    assert compare(R, "2022-07-01", e).reimbursement_new == expected


@pytest.mark.parametrize("age, cap", [(44, 2000.0), (45, 3000.0)])
def test_in_service_caps_by_age(age, cap):
    # 10,000: (10,000 − 100) × 50% = 4,950, capped at 2,000 ("45岁以下") / 3,000 ("45岁及以上")
    assert compare(R, "2022-07-01", worker(age, outpatient_yearly=10000.0)).reimbursement_new == cap


def test_limit_is_a_cap_on_payment_not_a_ceiling_on_spending():
    # "医保统筹基金政策范围内年度支付限额": 5,000 at age 40 → (5,000 − 100) × 50% = 2,450, capped at 2,000.
    # Were 2,000 a ceiling on spending, the fund would pay only (2,000 − 100) × 50% = 950.
    assert compare(R, "2022-07-01", worker(40, outpatient_yearly=5000.0)).reimbursement_new == 2000.0 != 950.0
    # retired: 10,000 → 9,900 × 60% = 5,940, capped at 3,500
    assert compare(R, "2022-07-01", retiree(outpatient_yearly=10000.0)).reimbursement_new == 3500.0


def test_dates_after_the_last_checked_page_carry_a_notice():
    # the limits were raised "自8月1日起" in a year not found; after 2022-11-06 the tool says so
    c = compare(R, "2024-01-01", worker())
    assert any(n.code == "after_checked" for n in c.notices)


def test_hebei_is_not_complete():
    cov = region_coverage(R)
    assert not cov.complete
    assert cov.account_reform.isoformat() == cov.pooling_start.isoformat() == "2022-01-01"

"""兰州 Lanzhou: hand-computed cases for data/regions/lanzhou/ (no published worked example found).

Rules entered (see the YAML notes): old rules unknown; account change and general outpatient pooling
from 2023-01-01 (兰州市职工基本医疗保险门诊共济保障实施细则, via 兰州本地宝); 2,500 read as a cap on the fund.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medinsure import Enrollee, compare, load_region


def worker(age=40, wage=8000.0, bill=0.0, level="secondary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="secondary", flexible_retiree=False):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill, level=level,
                    flexible_retiree=flexible_retiree)


# --------------------------------------------------------------------------- account change 2023-01-01
def test_in_service_credit_day_before_and_day_of_the_account_change():
    # 2022-12-31: old rule not found → unknown; 2023-01-01: 8,000 × 2% = 160 × 12 = 1,920
    assert compare("lanzhou", "2022-12-31", worker()).credit_new is None
    c = compare("lanzhou", "2023-01-01", worker())
    assert (c.credit_old, c.credit_new) == (None, 1920.0)


@pytest.mark.parametrize("age", [65, 75])
def test_retirees_get_90_a_month_at_every_age(age):
    # "退休人员(含灵活就业退休人员)…划入标准为我市2022年基本养老金平均水平的2%,金额为90元/月": 90 × 12 = 1,080
    assert compare("lanzhou", "2022-12-31", retiree(age=age)).credit_new is None
    assert compare("lanzhou", "2023-01-01", retiree(age=age)).credit_new == 1080.0
    assert compare("lanzhou", "2023-01-01", retiree(age=age, flexible_retiree=True)).credit_new == 1080.0


def test_flexible_workers_get_no_account():
    # "灵活就业人员不计入个人账户"
    f = Enrollee(status="flexible", age=40, wage_monthly=6000.0)
    assert compare("lanzhou", "2023-01-01", f).credit_new == 0.0


# --------------------------------------------------------------------------- outpatient pooling 2023-01-01
@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 1820.0),     # (3,000 − 200) × 65%
    (worker(bill=3000.0, level="secondary"), 1680.0),   # (3,000 − 200) × 60%
    (worker(bill=3000.0, level="tertiary"), 1540.0),    # (3,000 − 200) × 55%
    (retiree(bill=3000.0, level="primary"), 1960.0),    # (3,000 − 200) × 70%
    (retiree(bill=3000.0, level="secondary"), 1820.0),  # (3,000 − 200) × 65%
    (retiree(bill=3000.0, level="tertiary"), 1680.0),   # (3,000 − 200) × 60%
])
def test_outpatient_day_before_and_day_of_pooling(person, expected):
    # before 2023 the employees' outpatient rule was not found → unknown
    assert compare("lanzhou", "2022-12-31", person).reimbursement_new is None
    assert compare("lanzhou", "2023-01-01", person).reimbursement_new == pytest.approx(expected, abs=0.01)


def test_2500_is_read_as_a_cap_on_the_fund_not_a_spending_ceiling():
    # "在起付标准200元以上,最高支付限额2500元以内的纳入报销范围" (wording does not settle it; read as the
    # fund's 最高支付限额). In service, 三级, 5,000 a year:
    #   cap reading:     min((5,000 − 200) × 55%, 2,500) = min(2,640, 2,500) = 2,500
    #   ceiling reading: (2,500 − 200) × 55% = 1,265 (not what the data does)
    assert compare("lanzhou", "2023-06-01", worker(bill=5000.0, level="tertiary")).reimbursement_new == 2500.0
    # 4,000 a year: (4,000 − 200) × 55% = 2,090 (below the cap; the ceiling reading would still give 1,265)
    assert compare("lanzhou", "2023-06-01", worker(bill=4000.0, level="tertiary")).reimbursement_new == 2090.0
    # retirees have the same 2,500: 一级, 4,000: (4,000 − 200) × 70% = 2,660 → 2,500
    assert compare("lanzhou", "2023-06-01", retiree(bill=4000.0, level="primary")).reimbursement_new == 2500.0


def test_pharmacy_and_flexible_outpatient_not_found():
    assert compare("lanzhou", "2023-06-01", worker(bill=3000.0, level="pharmacy")).reimbursement_new is None
    f = Enrollee(status="flexible", age=40, wage_monthly=6000.0, outpatient_yearly=3000.0)
    assert compare("lanzhou", "2023-06-01", f).reimbursement_new is None


def test_region_dates():
    reg = load_region("lanzhou")
    assert reg.account_reform.date == reg.pooling_start.date == dt.date(2023, 1, 1)

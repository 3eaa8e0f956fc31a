"""Jiangxi (江西省): the new crediting and the start of pooling (2023-01-01, 赣府厅发〔2021〕47号), the
2023-07-01 优化, pharmacies at the 一级 ratio, flexible workers on the in-service rules, and the caps.

Hand-computed cases write their arithmetic in a comment. Old rules are those of 2022-12-31.
"""

import datetime as dt

import pytest

from medinsure import Enrollee, compare


def retiree(bill=0.0, level="secondary"):
    return Enrollee(status="retired", age=68, pension_monthly=4000.0, outpatient_yearly=bill, level=level)


def worker(wage=8000.0, bill=0.0, level="primary"):
    return Enrollee(status="in_service", age=40, wage_monthly=wage, outpatient_yearly=bill, level=level)


# --------------------------------------------------------------------------- published amount
def test_every_retiree_gets_77_yuan_a_month():
    # Source: http://m.hunanyuer.com/baike/techan/1300587.html (2023-02-24): "划入额度为根据本意见实施
    # 改革当年江西省基本养老金平均水平的2.5%,为每人每月77元" → 77 × 12 = 924
    c = compare("jiangxi", "2023-03-01", retiree())
    assert c.credit_new == 924.0


# --------------------------------------------------------------------------- 2023-01-01: the reform
def test_the_day_before_the_reform():
    # 2022-12-31: no general pooling → 0; old crediting not known
    c = compare("jiangxi", "2022-12-31", retiree(bill=3000.0))
    assert c.reimbursement_new == 0.0
    assert c.credit_new is None


def test_the_day_of_the_reform():
    # retiree 二级 3,000: (3,000 − 600) × (55% + 5) = 2,400 × 60% = 1,440 ≤ 2,000
    c = compare("jiangxi", "2023-01-01", retiree(bill=3000.0))
    assert c.old_date == dt.date(2022, 12, 31)
    assert c.reimbursement_old == 0.0
    assert c.reimbursement_new == 1440.0
    assert c.credit_new == 924.0


def test_new_crediting_for_in_service_and_flexible_enrollees():
    # in-service 8,000 × 2% × 12 = 1,920; flexible 6,000 × 2% × 12 = 1,440
    assert compare("jiangxi", "2023-01-01", worker()).credit_new == 1920.0
    assert compare("jiangxi", "2023-01-01",
                   Enrollee(status="flexible", age=40, wage_monthly=6000.0)).credit_new == 1440.0


@pytest.mark.parametrize("level, expected", [
    ("primary", 1440.0),    # (3,000 − 600) × 60% = 1,440
    ("secondary", 1320.0),  # 2,400 × 55% = 1,320
    ("tertiary", 1200.0),   # 2,400 × 50% = 1,200
])
def test_phase_one_in_service_by_level(level, expected):
    c = compare("jiangxi", "2023-03-01", worker(bill=3000.0, level=level))
    assert c.reimbursement_new == expected


def test_phase_one_cap_limits_the_fund_payment():
    # "年度统筹基金支付限额在职人员为1800元": in-service 一级 5,000: (5,000 − 600) × 60% = 2,640 → 1,800.
    # (Read as a spending ceiling it would be (1,800 − 600) × 60% = 720.)
    c = compare("jiangxi", "2023-03-01", worker(bill=5000.0))
    assert c.reimbursement_new == 1800.0


# --------------------------------------------------------------------------- 2023-07-01: 优化
def test_the_day_before_the_optimisation():
    # 2023-06-30, retiree 二级 3,000: 1,440 (as above); pharmacy ratio not known in phase one
    assert compare("jiangxi", "2023-06-30", retiree(bill=3000.0)).reimbursement_new == 1440.0
    assert compare("jiangxi", "2023-06-30", worker(bill=3000.0, level="pharmacy")).reimbursement_new is None


def test_the_day_of_the_optimisation():
    # 2023-07-01, retiree 二级 3,000: (3,000 − 300) × 65% = 1,755
    # in-service pharmacy 3,000 (= 一级 ratio 65%): 2,700 × 65% = 1,755
    assert compare("jiangxi", "2023-07-01", retiree(bill=3000.0)).reimbursement_new == 1755.0
    assert compare("jiangxi", "2023-07-01", worker(bill=3000.0, level="pharmacy")).reimbursement_new == 1755.0


@pytest.mark.parametrize("level, expected", [
    ("primary", 1890.0),    # (3,000 − 300) × 70% = 1,890
    ("secondary", 1755.0),  # 2,700 × 65% = 1,755
    ("tertiary", 1620.0),   # 2,700 × 60% = 1,620
])
def test_phase_two_retired_by_level(level, expected):
    c = compare("jiangxi", "2024-03-01", retiree(bill=3000.0, level=level))
    assert c.reimbursement_new == expected


def test_phase_two_caps():
    # retiree 一级 6,000: (6,000 − 300) × 70% = 3,990 → cap 3,000
    # in-service 一级 6,000: 5,700 × 65% = 3,705 → cap 2,000
    assert compare("jiangxi", "2024-03-01", retiree(bill=6000.0, level="primary")).reimbursement_new == 3000.0
    assert compare("jiangxi", "2024-03-01", worker(bill=6000.0)).reimbursement_new == 2000.0


def test_flexible_workers_follow_the_in_service_outpatient_rules():
    # flexible 一级 3,000 in phase two: 2,700 × 65% = 1,755
    c = compare("jiangxi", "2024-03-01",
                Enrollee(status="flexible", age=40, wage_monthly=6000.0, outpatient_yearly=3000.0))
    assert c.reimbursement_new == 1755.0

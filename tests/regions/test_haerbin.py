"""Harbin (哈尔滨; outpatient pooling as in the Heilongjiang 省本级 rule): the 社保网 worked
examples, the age bands, both reform dates, the cap.

Old rules are those of 2022-12-31 (outpatient pooling from 2023-01-01; the new crediting is in
force by 2023-03-08). Hand-computed cases write their arithmetic in a comment.
"""

import math

import pytest

from medinsure import Enrollee, compare


def retiree(age=68, pension=4000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, **kw)


def worker(age=40, wage=8000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def test_published_example_old_credit_of_a_30_and_a_50_year_old():
    # Source: 社保网, 2022-03-24, https://shaisu.com/13008.html : "哈尔滨市2021年最低医保缴费基数
    # (6198.33元)…王先生每月医保划账金额:6198.33*3.1%=192.14元。李先生每月医保划账金额:6198.33*4%=247,83元"
    # The page truncates 192.148 to 192.14 (the model rounds to the fen: 192.15) and "247,83" is a
    # typo for 247.93.
    assert math.floor(6198.33 * 0.031 * 100) / 100 == 192.14
    young = compare("haerbin", "2022-06-01", worker(age=30, wage=6198.33))
    assert young.credit_old == pytest.approx(192.15 * 12, abs=0.01)   # 2,305.80
    older = compare("haerbin", "2022-06-01", worker(age=50, wage=6198.33))
    assert older.credit_old == pytest.approx(247.93 * 12, abs=0.01)   # 2,975.16


def test_published_example_tertiary_1000():
    # Source (low reliability, arithmetic of the official rule): https://m.jiusongjiankang.com/health/news/6445906.html
    # "在职职工在三级医院花费1000元,扣除400元后按50%报销,实际报销300元"
    c = compare("haerbin", "2023-06-01", worker(bill=1000, level="tertiary"))
    assert c.reimbursement_new == 300.0


@pytest.mark.parametrize("age, monthly", [(30, 248.0), (45, 248.0), (46, 320.0), (59, 320.0)])
def test_old_in_service_bands_45_and_under_3_1_over_45_4(age, monthly):
    # 8,000 × 3.1% = 248; 8,000 × 4% = 320
    c = compare("haerbin", "2023-06-01", worker(age=age))
    assert c.credit_old == monthly * 12
    assert c.credit_new == 1920.0     # 2% × 8,000 = 160 × 12


def test_old_retiree_credit_is_a_share_of_an_unknown_average_pension():
    c = compare("haerbin", "2023-06-01", retiree())
    assert c.credit_old is None
    assert c.credit_new == 1080.0     # 90 × 12


def test_outpatient_pooling_both_sides_of_2023_01_01():
    assert compare("haerbin", "2022-12-31", retiree(bill=3000, level="secondary")).reimbursement_new == 0.0
    # (3,000 − 400) × 65% = 1,690
    assert compare("haerbin", "2023-01-01", retiree(bill=3000, level="secondary")).reimbursement_new == 1690.0


def test_account_change_both_sides_of_2023_03_08():
    # 2023-03-07: old crediting still recorded (3.1% × 8,000 = 248 × 12); 2023-03-08: 2%
    assert compare("haerbin", "2023-03-07", worker()).credit_new == 2976.0
    assert compare("haerbin", "2023-03-08", worker()).credit_new == 1920.0
    assert compare("haerbin", "2023-03-07", retiree()).credit_new is None
    assert compare("haerbin", "2023-03-08", retiree()).credit_new == 1080.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1820.0, 1950.0),    # 2,600 × 70% / 75%
    ("secondary", 1560.0, 1690.0),  # 2,600 × 60% / 65%
    ("tertiary", 1300.0, 1430.0),   # 2,600 × 50% / 55%
])
def test_new_outpatient_by_level(level, in_service, retired):
    assert compare("haerbin", "2023-06-01", worker(bill=3000, level=level)).reimbursement_new == in_service
    assert compare("haerbin", "2023-06-01", retiree(bill=3000, level=level)).reimbursement_new == retired


def test_3000_caps_what_the_fund_pays():
    # (5,000 − 400) × 70% = 3,220 → cap 3,000. Read as a spending ceiling it would be
    # (3,000 − 400) × 70% = 1,820.
    c = compare("haerbin", "2023-06-01", worker(bill=5000, level="primary"))
    assert c.reimbursement_new == 3000.0


def test_break_even_of_a_30_year_old_at_a_secondary_hospital():
    # credit falls 2,976 − 1,920 = 1,056; (S − 400) × 60% = 1,056 → S = 2,160
    c = compare("haerbin", "2023-06-01", worker(age=30, bill=3000, level="secondary"))
    assert c.resources_gain == pytest.approx((3000 - 400) * 0.6 - 1056, abs=0.01)   # 504
    assert c.break_even_status == "found"
    assert c.break_even_outpatient == 2160.0

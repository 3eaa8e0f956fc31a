"""Hefei (合肥): the published old-credit examples, the account change (by 2022-07-01) and the
2023-01-01 retiree change, the three outpatient versions, and the fund cap.

Hand-computed cases write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare

OLD_CREDIT = "http://www.z8000w.com/zs/zs63890349_2.html"  # 3P, 2023-01-18


def worker(bill=0.0, level="primary", wage=8000.0, age=40, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def retiree(bill=0.0, level="primary", age=68, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=4000.0, outpatient_yearly=bill,
                    level=level, **kw)


@pytest.mark.parametrize("age, monthly", [(40, 150.0), (50, 175.0)])
def test_published_old_in_service_credit_on_a_5000_base(age, monthly):
    # Source: OLD_CREDIT — "缴费基数为5000元的人,45岁以下的人划入的比例为3%,每月划入个人账户150元;
    # 45岁以上的人划入比例为3.5%,每月划入个人账户的资金为175元"
    c = compare("hefei", "2022-06-30", worker(wage=5000.0, age=age))
    assert c.credit_new == monthly * 12


def test_published_old_flexible_credit_on_a_5000_base():
    # Source: OLD_CREDIT — "灵活就业人员如果缴费基数也是5000元,划入的比例是3.5%…不分年龄结构": 175/month
    flex = Enrollee(status="flexible", age=30, wage_monthly=5000.0)
    assert compare("hefei", "2022-06-30", flex).credit_new == 175.0 * 12


def test_age_45_itself_is_unknown_in_the_old_bands():
    # "45岁以下" / "45岁以上" both include 45: that band is null.
    assert compare("hefei", "2022-06-30", worker(age=45)).credit_new is None
    assert compare("hefei", "2022-06-30", worker(age=44)).credit_new == 240.0 * 12   # 3% × 8,000
    assert compare("hefei", "2022-06-30", worker(age=46)).credit_new == 280.0 * 12   # 3.5% × 8,000


def test_in_service_credit_becomes_2_percent_by_2022_07_01():
    # 2022-06-30: 3% × 8,000 = 240/month; 2022-07-01: 2% × 8,000 = 160/month
    assert compare("hefei", "2022-06-30", worker()).credit_new == 2880.0
    c = compare("hefei", "2022-07-01", worker())
    assert c.credit_new == 1920.0
    assert c.credit_old == 2880.0


def test_retiree_credit_150_in_2022_then_70_from_2023_01_01():
    # Old rule 4% of an average wage that was not found → unknown.
    assert compare("hefei", "2022-06-30", retiree()).credit_new is None
    # 2022-07-01 .. 2022-12-31: 150 × 12 = 1,800; 2023-01-01: 70 × 12 = 840
    assert compare("hefei", "2022-07-01", retiree()).credit_new == 1800.0
    assert compare("hefei", "2022-12-31", retiree()).credit_new == 1800.0
    assert compare("hefei", "2023-01-01", retiree()).credit_new == 840.0


def test_first_outpatient_version_in_force_by_2022_12_31():
    # 2022-12-30: unknown. 2022-12-31: in-service 社区 (primary): (3,000 − 1,000) × 60% = 1,200;
    # retired 省级 (tertiary): (3,000 − 800) × 55% = 1,210.
    assert compare("hefei", "2022-12-30", worker(bill=3000)).reimbursement_new is None
    assert compare("hefei", "2022-12-31", worker(bill=3000)).reimbursement_new == 1200.0
    assert compare("hefei", "2022-12-31", retiree(bill=3000, level="tertiary")).reimbursement_new == 1210.0


def test_2023_01_01_version():
    # in-service 一级: (3,000 − 800) × 80% = 1,760; retired 二级: (3,000 − 800) × 75% = 1,650
    assert compare("hefei", "2023-01-01", worker(bill=3000)).reimbursement_new == 1760.0
    assert compare("hefei", "2023-01-01", retiree(bill=3000, level="secondary")).reimbursement_new == 1650.0
    # still in force the day before 合医保发〔2023〕15号 is attested
    assert compare("hefei", "2023-10-29", worker(bill=3000)).reimbursement_new == 1760.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1680.0, 1960.0),     # (3,000 − 200) × 60%; × 70%
    ("secondary", 1300.0, 1560.0),   # (3,000 − 400) × 50%; × 60%
    ("tertiary", 1300.0, 1560.0),    # (3,000 − 400) × 50%; × 60%
])
def test_he_yi_bao_fa_2023_15_by_level_from_2023_10_30(level, in_service, retired):
    w = compare("hefei", "2023-10-30", worker(bill=3000, level=level))
    r = compare("hefei", "2023-10-30", retiree(bill=3000, level=level))
    assert (w.reimbursement_new, r.reimbursement_new) == (in_service, retired)
    # old = 2022-06-30, when the outpatient rule is not known
    assert w.old_date.isoformat() == "2022-06-30"
    assert w.reimbursement_old is None


def test_4000_caps_the_fund_payment_not_the_spending_counted():
    # Cap reading (chosen, "統籌基金…支付限額為4000元"): in-service 基层 8,000: (8,000 − 200) × 60% = 4,680
    # → 4,000. A spending-ceiling reading would give (4,000 − 200) × 60% = 2,280.
    c = compare("hefei", "2024-06-01", worker(bill=8000))
    assert c.reimbursement_new == 4000.0
    assert c.reimbursement_new != 2280.0
    # retired 二级 10,000: (10,000 − 400) × 60% = 5,760 → 5,000
    assert compare("hefei", "2024-06-01", retiree(bill=10000, level="secondary")).reimbursement_new == 5000.0


def test_contribution_rates_from_2022():
    # 2021-12-31: not found → unknown. 2022-01-01: employer 8% × 8,000 × 12 = 7,680.
    assert compare("hefei", "2021-12-31", worker()).contributions["employer_new"] is None
    c = compare("hefei", "2022-01-01", worker())
    assert c.contributions["employer_new"] == 7680.0
    # The own part is 2% × 8,000 × 12 = 1,920 plus fixed add-ons (大额 etc.) that were not found,
    # so the model reports it as unknown rather than 1,920.
    assert c.contributions["own_new"] is None

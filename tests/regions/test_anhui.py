"""Anhui (安徽, province-wide rules): the published retiree credit comparison, the 2022-07-01
account change, the outpatient rule in force by 2022-12-12, and the 2,000 fund cap.

Hand-computed cases write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare


def worker(bill=0.0, level="primary", wage=8000.0, age=40, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def retiree(bill=0.0, level="primary", age=68, pension=4000.0, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, **kw)


def test_published_retiree_example_old_135_new_70_a_month():
    # Source: http://shebao.southmoney.com/yiliao/202306/427004.html — "假设养老金3000元,按4.5%计账,
    # 个人划账金额是:3000x4.5%=135元。…老方案比新方案计账每月多:135-70=65元"
    c = compare("anhui", "2023-06-01", retiree(pension=3000.0))
    assert c.credit_old == 135.0 * 12   # 1,620
    assert c.credit_new == 70.0 * 12    # 840
    assert c.credit_old - c.credit_new == 65.0 * 12


def test_account_change_on_2022_07_01():
    # 2022-06-30: 4.5% × 4,000 = 180/month × 12 = 2,160. 2022-07-01: 70 × 12 = 840.
    assert compare("anhui", "2022-06-30", retiree()).credit_new == 2160.0
    assert compare("anhui", "2022-07-01", retiree()).credit_new == 840.0
    # in-service: old rule not found → unknown; from 2022-07-01 2% × 8,000 × 12 = 1,920
    assert compare("anhui", "2022-06-30", worker()).credit_new is None
    assert compare("anhui", "2022-07-01", worker()).credit_new == 1920.0


def test_outpatient_none_before_the_reform_then_unknown_then_in_force_by_2022_12_12():
    # 2022-06-30: no general outpatient pooling → 0.
    assert compare("anhui", "2022-06-30", retiree(bill=3000)).reimbursement_new == 0.0
    # 2022-07-01 .. 2022-12-11: start and values not confirmed → unknown.
    assert compare("anhui", "2022-07-01", retiree(bill=3000)).reimbursement_new is None
    assert compare("anhui", "2022-12-11", retiree(bill=3000)).reimbursement_new is None
    # 2022-12-12: retired, 二级: (3,000 − 800) × 60% = 1,320.
    assert compare("anhui", "2022-12-12", retiree(bill=3000, level="secondary")).reimbursement_new == 1320.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1320.0, 1430.0),     # (3,000 − 800) × 60%; × 65%
    ("secondary", 1210.0, 1320.0),   # (3,000 − 800) × 55%; × 60%
    ("tertiary", 1100.0, 1210.0),    # (3,000 − 800) × 50%; × 55%
])
def test_a_3000_bill_at_each_level(level, in_service, retired):
    w = compare("anhui", "2023-06-01", worker(bill=3000, level=level))
    r = compare("anhui", "2023-06-01", retiree(bill=3000, level=level))
    assert w.old_date.isoformat() == "2022-06-30"
    assert (w.reimbursement_old, w.reimbursement_new) == (0.0, in_service)
    assert (r.reimbursement_old, r.reimbursement_new) == (0.0, retired)


def test_2000_caps_the_fund_payment_not_the_spending_counted():
    # Cap reading (chosen, "统筹基金支付限额2000元"): retired 一级 5,000: (5,000 − 800) × 65% = 2,730 → 2,000.
    # A spending-ceiling reading would give (2,000 − 800) × 65% = 780.
    c = compare("anhui", "2023-06-01", retiree(bill=5000))
    assert c.reimbursement_new == 2000.0
    assert c.reimbursement_new != 780.0
    # just below the cap: (3,800 − 800) × 65% = 1,950
    assert compare("anhui", "2023-06-01", retiree(bill=3800)).reimbursement_new == 1950.0


def test_retiree_resources_break_even_at_a_secondary_hospital():
    # Credit change 840 − 2,160 = −1,320; at 二级 the fund pays (S − 800) × 60%, so
    # (S − 800) × 0.6 = 1,320 → S = 3,000.
    c = compare("anhui", "2023-06-01", retiree(bill=3000, level="secondary"))
    assert c.resources_gain == 0.0
    assert c.break_even_status == "found"
    assert c.break_even_outpatient == 3000.0

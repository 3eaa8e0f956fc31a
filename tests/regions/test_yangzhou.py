"""Yangzhou (扬州): the published outpatient examples, the 2023 and 2024 rule changes, and the
fund cap (a cap on what the fund pays, not a ceiling on spending).

Hand-computed cases write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare

EXAMPLES = "https://yangzhou.iwelife.cn/1147.html"  # 扬州本地网, 2023-04-25


def worker(bill=0.0, level="primary", wage=8000.0, age=40, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def retiree(bill=0.0, level="primary", age=68, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=4000.0, outpatient_yearly=bill,
                    level=level, **kw)


def test_example_1_in_service_wang_at_a_secondary_hospital():
    # Source: EXAMPLES, 例1 — 二级 1,500; 600 deductible; "900×65%=585元由统筹基金支付,个人共需支付
    # 1500-585=915元…无需现金支付,个人账户剩余1845元" (account 2,760 before).
    c = compare("yangzhou", "2023-04-25", worker(bill=1500, level="secondary", account_available=2760))
    assert c.reimbursement_new == 585.0
    assert c.cash_new == 0.0
    own_share_from_account = 1500 - c.reimbursement_new - c.cash_new
    assert own_share_from_account == 915.0
    assert 2760 - own_share_from_account == 1845.0


def test_example_2_retiree_zhang_at_a_secondary_hospital():
    # Source: EXAMPLES, 例2 — 二级 3,980; 500 deductible; "3480×75%=2610元由统筹基金支付,个人共需
    # 支付3980-2610=1370元…无需现金支付,个人账户剩余1630元" (account 3,000 before).
    c = compare("yangzhou", "2023-04-25", retiree(bill=3980, level="secondary", account_available=3000))
    assert c.reimbursement_new == 2610.0
    assert c.cash_new == 0.0
    own_share_from_account = 3980 - c.reimbursement_new - c.cash_new
    assert own_share_from_account == 1370.0
    assert 3000 - own_share_from_account == 1630.0


def test_example_3_once_the_fund_has_paid_8000_a_further_200_is_the_retirees_own():
    # Source: EXAMPLES, 例2 cont. — "门诊统筹累计支付限额已达8000元,不能再使用统筹基金支付,此次200元
    # 医疗费用将全部由个人账户支付". As a yearly bill at a 三级 hospital: (12,000 − 500) × 70% = 8,050
    # → the cap 8,000; 200 more spending: still 8,000 from the fund.
    before = compare("yangzhou", "2023-06-01", retiree(bill=12000, level="tertiary"))
    after = compare("yangzhou", "2023-06-01", retiree(bill=12200, level="tertiary"))
    assert before.reimbursement_new == 8000.0
    assert after.reimbursement_new == 8000.0


def test_8000_caps_the_fund_payment_not_the_spending_counted():
    # Cap reading (chosen): (12,000 − 500) × 70% = 8,050 → 8,000.
    # A spending-ceiling reading would give (8,000 − 500) × 70% = 5,250.
    c = compare("yangzhou", "2023-06-01", retiree(bill=12000, level="tertiary"))
    assert c.reimbursement_new == 8000.0
    assert c.reimbursement_new != 5250.0
    # in-service: (12,000 − 600) × 65% = 7,410 → cap 7,000 (a ceiling would give (7,000 − 600) × 65% = 4,160)
    w = compare("yangzhou", "2023-06-01", worker(bill=12000, level="secondary"))
    assert w.reimbursement_new == 7000.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1680.0, 2000.0),     # (3,000 − 600) × 70%; (3,000 − 500) × 80%
    ("secondary", 1560.0, 1875.0),   # (3,000 − 600) × 65%; (3,000 − 500) × 75%
    ("tertiary", 1440.0, 1750.0),    # (3,000 − 600) × 60%; (3,000 − 500) × 70%
])
def test_a_3000_bill_at_each_level_under_the_latest_rules(level, in_service, retired):
    w = compare("yangzhou", "2024-06-01", worker(bill=3000, level=level, visits_yearly=12))
    r = compare("yangzhou", "2024-06-01", retiree(bill=3000, level=level, visits_yearly=12))
    assert w.old_date.isoformat() == "2022-12-31"
    assert (w.reimbursement_old, w.reimbursement_new) == (0.0, in_service)   # no pooling before
    assert (r.reimbursement_old, r.reimbursement_new) == (0.0, retired)


def test_pooling_starts_on_2023_01_01():
    # 2022-12-31: no general outpatient pooling → 0. 2023-01-01: (3,000 − 600) × 70% = 1,680.
    assert compare("yangzhou", "2022-12-31", worker(bill=3000)).reimbursement_new == 0.0
    assert compare("yangzhou", "2023-01-01", worker(bill=3000)).reimbursement_new == 1680.0


def test_in_service_credit_becomes_2_percent_on_2023_01_01():
    # 2022-12-31: the old rule was not found → unknown. 2023-01-01: 2% × 8,000 = 160/month × 12 = 1,920.
    assert compare("yangzhou", "2022-12-31", worker()).credit_new is None
    c = compare("yangzhou", "2023-01-01", worker())
    assert c.credit_new == 1920.0
    assert c.credit_old is None


def test_retirees_keep_their_own_2022_average_in_2023_then_2_5_percent_from_2024():
    # 2023: the own monthly average of 2022 (entered as the frozen credit), e.g. 150/month × 12 = 1,800.
    assert compare("yangzhou", "2023-01-01", retiree(frozen_credit_monthly=150.0)).credit_new == 1800.0
    assert compare("yangzhou", "2023-12-31", retiree(frozen_credit_monthly=150.0)).credit_new == 1800.0
    # Without the own amount: the rule of 2022-12-31 is unknown → unknown.
    assert compare("yangzhou", "2023-06-01", retiree()).credit_new is None
    # 2024-01-01: 2.5% of the reform-year average pension, whose amount was not found → unknown.
    assert compare("yangzhou", "2024-01-01", retiree(frozen_credit_monthly=150.0)).credit_new is None

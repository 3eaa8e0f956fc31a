"""Changzhou (常州): the 2023-01-01 outpatient rules, and the 9,000/10,000 "合规费用最高限额" read as
a ceiling on the spending counted (not a cap on the fund's payment).

No worked example was published. Hand-computed cases write their arithmetic in a comment.
Sources: http://ccschy.com/techan/f94c2edaf43bf26b46696e961562cc67.html (2023-01-10),
http://www.huaxun.org/cz/qcss/2023-06-01/389671.html (table "合规费用最高限额").
"""

import pytest

from medinsure import Enrollee, compare


def worker(bill=0.0, level="primary", wage=8000.0, age=40, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def retiree(bill=0.0, level="primary", age=68, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=4000.0, outpatient_yearly=bill,
                    level=level, **kw)


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1920.0, 2210.0),     # 首诊: (3,000 − 600) × 80%; (3,000 − 400) × 85%
    ("secondary", 1680.0, 1950.0),   # referred 二级: (3,000 − 600) × 70%; (3,000 − 400) × 75%
    ("tertiary", 1440.0, 1690.0),    # referred 三级: (3,000 − 600) × 60%; (3,000 − 400) × 65%
])
def test_a_3000_bill_at_each_level_from_2023(level, in_service, retired):
    assert compare("changzhou", "2024-06-01", worker(bill=3000, level=level)).reimbursement_new == in_service
    assert compare("changzhou", "2024-06-01", retiree(bill=3000, level=level)).reimbursement_new == retired


def test_the_2023_rules_start_on_2023_01_01():
    # 2022-12-31: pooling existed but its values were not found → unknown.
    # 2023-01-01: (3,000 − 600) × 80% = 1,920.
    assert compare("changzhou", "2022-12-31", worker(bill=3000)).reimbursement_new is None
    c = compare("changzhou", "2023-01-01", worker(bill=3000), old_date="2022-12-31")
    assert c.reimbursement_new == 1920.0
    assert c.reimbursement_old is None


def test_9000_is_a_ceiling_on_spending_not_a_cap_on_the_fund():
    # Ceiling reading (chosen, "合规费用最高限额"; "在支付限额以内的费用…支付比例"): in-service 首诊 12,000:
    # (min(12,000, 9,000) − 600) × 80% = 6,720. A fund-cap reading would give
    # min((12,000 − 600) × 80%, 9,000) = 9,000.
    c = compare("changzhou", "2024-06-01", worker(bill=12000))
    assert c.reimbursement_new == 6720.0
    assert c.reimbursement_new != 9000.0
    # spending above the ceiling adds nothing
    assert compare("changzhou", "2024-06-01", worker(bill=9000)).reimbursement_new == 6720.0
    assert compare("changzhou", "2024-06-01", worker(bill=8999)).reimbursement_new == pytest.approx(6719.2, abs=0.01)


def test_retiree_ceiling_is_10000():
    # (min(15,000, 10,000) − 400) × 85% = 8,160 (the derived yearly maximum at first contact)
    assert compare("changzhou", "2024-06-01", retiree(bill=15000)).reimbursement_new == 8160.0
    # referred 三级: (10,000 − 400) × 65% = 6,240
    assert compare("changzhou", "2024-06-01", retiree(bill=15000, level="tertiary")).reimbursement_new == 6240.0


def test_account_credits_are_unknown():
    c = compare("changzhou", "2024-06-01", worker(bill=3000))
    assert c.credit_old is None and c.credit_new is None

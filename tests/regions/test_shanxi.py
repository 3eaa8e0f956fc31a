"""Shanxi (山西, one province-wide rule): per-visit deductible by price class, both outpatient
phases, the 2023 account change, the cap.

Price classes are entered as levels: 三类收费价格及以下 → primary, 二类 → secondary, 一类 → tertiary
(data/regions/shanxi/outpatient_pooling.yaml). No published worked example could be used: the only
one (a 150-yuan gap under the old 5% retiree rule) rests on a page whose address was not recorded,
and the old rule is entered as unknown. Hand-computed cases write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare


def retiree(age=68, pension=4000.0, bill=0.0, level="primary", visits=12, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, visits_yearly=visits, **kw)


def worker(age=40, wage=8000.0, bill=0.0, level="primary", visits=12, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, visits_yearly=visits, **kw)


# ------------------------------------------------------------------ the account change (2023-01-01)
def test_the_day_before_the_account_change_the_credit_is_not_known():
    # old crediting not found (kind unknown) for in-service and retired
    assert compare("shanxi", "2022-12-31", retiree()).credit_new is None
    assert compare("shanxi", "2022-12-31", worker()).credit_new is None


def test_from_2023_retirees_get_85_a_month_and_workers_2_percent():
    c = compare("shanxi", "2023-01-01", retiree())
    assert c.credit_new == 1020.0          # 85 × 12
    assert c.credit_old is None            # old rule (2022-12-31) unknown
    w = compare("shanxi", "2023-01-01", worker())
    assert w.credit_new == 1920.0          # 8,000 × 2% = 160 × 12


# ------------------------------------------------------------------ outpatient pooling start (2023-01-01)
def test_before_2023_outpatient_pooling_is_unknown_not_none():
    c = compare("shanxi", "2022-12-31", retiree(bill=3000, level="secondary"))
    assert c.reimbursement_new is None


def test_phase_one_retiree_at_a_class_two_facility():
    # 12 visits × 50 = 600 deductible; (3,000 − 600) × 60% = 1,440 ≤ cap 2,000
    c = compare("shanxi", "2023-01-01", retiree(bill=3000, level="secondary"))
    assert c.reimbursement_new == 1440.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1584.0, 1716.0),    # 三类及以下: 12 × 30 = 360; 2,640 × 60% / 65%
    ("secondary", 1320.0, 1440.0),  # 二类: 12 × 50 = 600; 2,400 × 55% / 60%
    ("tertiary", 1020.0, 1122.0),   # 一类: 12 × 80 = 960; 2,040 × 50% / 55%
])
def test_phase_one_by_price_class(level, in_service, retired):
    assert compare("shanxi", "2023-06-01", worker(bill=3000, level=level)).reimbursement_new == in_service
    assert compare("shanxi", "2023-06-01", retiree(bill=3000, level=level)).reimbursement_new == retired


def test_phase_one_pharmacy_follows_the_prescriber_so_it_is_unknown():
    c = compare("shanxi", "2023-06-01", worker(bill=1000, level="pharmacy", visits=4))
    assert c.reimbursement_new is None


# ------------------------------------------------------------------ phase two (2024-07-01)
def test_phase_two_both_sides_of_its_start():
    before = compare("shanxi", "2024-06-30", retiree(bill=3000, level="secondary"))
    assert before.reimbursement_new == 1440.0   # as phase one: (3,000 − 600) × 60%
    after = compare("shanxi", "2024-07-01", retiree(bill=3000, level="secondary"))
    # deductible min(12 × 50, 300) = 300; (3,000 − 300) × 65% = 1,755 ≤ cap 3,000
    assert after.reimbursement_new == 1755.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1755.0, 1890.0),    # min(360, 300) = 300; 2,700 × 65% / 70%
    ("secondary", 1620.0, 1755.0),  # min(600, 300) = 300; 2,700 × 60% / 65%
    ("tertiary", 1485.0, 1620.0),   # min(960, 300) = 300; 2,700 × 55% / 60%
])
def test_phase_two_by_price_class(level, in_service, retired):
    assert compare("shanxi", "2024-07-01", worker(bill=3000, level=level)).reimbursement_new == in_service
    assert compare("shanxi", "2024-07-01", retiree(bill=3000, level=level)).reimbursement_new == retired


def test_the_300_yearly_limit_of_deductibles_binds_only_from_phase_two():
    # one-class facility, 5 visits: 5 × 80 = 400
    p1 = compare("shanxi", "2024-06-30", worker(bill=1000, level="tertiary", visits=5))
    assert p1.reimbursement_new == 300.0    # (1,000 − 400) × 50%
    p2 = compare("shanxi", "2024-07-01", worker(bill=1000, level="tertiary", visits=5))
    assert p2.reimbursement_new == 385.0    # (1,000 − min(400, 300)) × 55%
    few = compare("shanxi", "2024-07-01", worker(bill=1000, level="tertiary", visits=3))
    assert few.reimbursement_new == 418.0   # (1,000 − 3 × 80) × 55%


def test_phase_two_pharmacy_as_class_three():
    # 4 visits × 30 = 120; (1,000 − 120) × 65% = 572
    c = compare("shanxi", "2024-07-01", worker(bill=1000, level="pharmacy", visits=4))
    assert c.reimbursement_new == 572.0


# ------------------------------------------------------------------ cap, not a spending ceiling
def test_the_yearly_limit_caps_what_the_fund_pays():
    # 2023 retiree, class three, 10 visits: (5,000 − 300) × 65% = 3,055 → cap 2,000.
    # Read as a spending ceiling it would be (2,000 − 300) × 65% = 1,105.
    c = compare("shanxi", "2023-06-01", retiree(bill=5000, level="primary", visits=10))
    assert c.reimbursement_new == 2000.0
    # 2024 in-service: (6,000 − 300) × 65% = 3,705 → cap 2,500
    w = compare("shanxi", "2024-07-01", worker(bill=6000, level="primary", visits=10))
    assert w.reimbursement_new == 2500.0

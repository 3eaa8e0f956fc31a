"""Kunming (昆明): the 2022-04-01 reform, old age bands, the per-visit deductible, the 6,000 cap.

No published worked example was found. Old rules are those of 2022-03-31. Hand-computed cases
write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare


def retiree(age=68, pension=4000.0, bill=0.0, level="primary", visits=12, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, visits_yearly=visits, **kw)


def worker(age=40, wage=8000.0, bill=0.0, level="primary", visits=12, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, visits_yearly=visits, **kw)


def test_the_reform_both_sides_of_2022_04_01():
    before = compare("kunming", "2022-03-31", worker(bill=3000, level="secondary"))
    assert before.credit_new == 3360.0         # 3.5% × 8,000 = 280 × 12
    assert before.reimbursement_new == 0.0     # no general outpatient pooling before
    after = compare("kunming", "2022-04-01", worker(bill=3000, level="secondary"))
    assert after.credit_old == 3360.0
    assert after.credit_new == 1920.0          # 2% × 8,000 = 160 × 12
    # 12 visits × 60 = 720; (3,000 − 720) × 55% = 1,254
    assert after.reimbursement_new == 1254.0
    # (1,920 − 3,360) + (1,254 − 0) = −186
    assert after.resources_gain == -186.0


@pytest.mark.parametrize("age, monthly", [(30, 280.0), (45, 280.0), (46, 336.0), (59, 336.0)])
def test_old_in_service_bands_45_and_under_3_5_over_45_4_2(age, monthly):
    # 8,000 × 3.5% = 280; 8,000 × 4.2% = 336
    assert compare("kunming", "2022-06-01", worker(age=age)).credit_old == monthly * 12


def test_retirees_old_5_percent_new_amount_not_known():
    c = compare("kunming", "2022-06-01", retiree(bill=3000))
    assert c.credit_old == 2400.0              # 5% × 4,000 = 200 × 12
    assert c.credit_new is None                # "逐步调整到…2%": amounts not found
    # 12 × 30 = 360; (3,000 − 360) × 65% = 1,716
    assert c.reimbursement_new == 1716.0


@pytest.mark.parametrize("level, in_service, retired", [
    ("primary", 1584.0, 1716.0),    # 12 × 30 = 360; 2,640 × 60% / 65%
    ("secondary", 1254.0, 1368.0),  # 12 × 60 = 720; 2,280 × 55% / 60%
    ("tertiary", 960.0, 1056.0),    # 12 × 90 = 1,080; 1,920 × 50% / 55%
])
def test_per_visit_deductible_by_level(level, in_service, retired):
    assert compare("kunming", "2022-06-01", worker(bill=3000, level=level)).reimbursement_new == in_service
    assert compare("kunming", "2022-06-01", retiree(bill=3000, level=level)).reimbursement_new == retired


def test_6000_is_a_cap_on_the_fund_and_beyond_it_the_ratio_is_unknown():
    # 10 visits at 一级: deductible 300. (10,300 − 300) × 60% = 6,000: the cap is just reached.
    # Read as a spending ceiling the fund would pay (6,000 − 300) × 60% = 3,420.
    c = compare("kunming", "2022-06-01", worker(bill=10300, level="primary", visits=10))
    assert c.reimbursement_new == 6000.0
    # beyond the cap spending is paid at the inpatient ratios, not in the sources → unknown
    beyond = compare("kunming", "2022-06-01", worker(bill=10400, level="primary", visits=10))
    assert beyond.reimbursement_new is None

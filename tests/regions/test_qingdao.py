"""Qingdao (青岛): the 2012 crediting (青人社发〔2012〕19号), the unknown 2023 transition step, the
2024 change, the 2021 rate cut.

No usable worked example (the only one is on a low-reliability page about the 2024 outpatient
rule, which is entered as unknown). Old rules are those of 2023-12-31. Hand-computed cases write
their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare


def retiree(age=65, pension=4000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, **kw)


def worker(age=40, wage=8000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


@pytest.mark.parametrize("age, monthly", [
    (34, 160.0),   # 35周岁以下 2% × 8,000
    (35, 176.0),   # 35周岁及以上45周岁以下 2.2%
    (44, 176.0),
    (45, 240.0),   # 45周岁及以上 3%
])
def test_2012_in_service_bands(age, monthly):
    assert compare("qingdao", "2022-06-01", worker(age=age)).credit_new == monthly * 12


def test_2012_retiree_4_5_percent_of_own_pension():
    # 4.5% × 4,000 = 180 a month (above the 80 / 90 minimum)
    assert compare("qingdao", "2022-06-01", retiree()).credit_new == 2160.0
    assert compare("qingdao", "2022-06-01", retiree(age=75)).credit_new == 2160.0


def test_transition_step_makes_the_in_service_credit_unknown_from_2023():
    assert compare("qingdao", "2022-12-31", worker()).credit_new == 2112.0   # 2.2% × 8,000 × 12
    assert compare("qingdao", "2023-01-01", worker()).credit_new is None
    # retirees unchanged ("退休人员个人账户计入政策保持不变")
    assert compare("qingdao", "2023-01-01", retiree()).credit_new == 2160.0


def test_account_change_both_sides_of_2024_01_01():
    assert compare("qingdao", "2023-12-31", worker()).credit_new is None
    after = compare("qingdao", "2024-01-01", worker())
    assert after.credit_new == 1920.0          # 2% × 8,000 × 12
    assert after.credit_old is None            # the 2023-12-31 rule is unknown
    r = compare("qingdao", "2024-01-01", retiree())
    assert r.credit_old == 2160.0
    assert r.credit_new is None                # 2% × Qingdao's 2023 average pension: amount not found


def test_employer_rate_cut_of_2021_05_01_and_its_end():
    # 8,000 × 9.5% × 12 = 9,120; × 8.5% = 8,160; from 2023 not found
    assert compare("qingdao", "2021-04-30", worker()).contributions["employer_new"] == 9120.0
    assert compare("qingdao", "2021-05-01", worker()).contributions["employer_new"] == 8160.0
    assert compare("qingdao", "2022-12-31", worker()).contributions["employer_new"] == 8160.0
    assert compare("qingdao", "2023-01-01", worker()).contributions["employer_new"] is None


def test_outpatient_pooling_parameters_are_not_known():
    assert compare("qingdao", "2022-06-01", worker(bill=3000)).reimbursement_new is None
    assert compare("qingdao", "2024-06-01", retiree(bill=3000)).reimbursement_new is None

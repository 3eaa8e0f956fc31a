"""新疆 Xinjiang (自治区本级 / 乌鲁木齐): hand-computed cases for data/regions/xinjiang/.

No published worked example with amounts was found. Rules entered (see the YAML notes): new rules in
force by 2023-08-07 (retirees 80 元/月, provisional); outpatient pooling with per-visit deductibles the
schema cannot express; from 2024-04-26 the rules are unknown (the reported change is 3P-low only).
"""

from __future__ import annotations

import datetime as dt

import pytest

from medinsure import Enrollee, compare, load_region


def worker(age=40, wage=8000.0, bill=0.0, level="secondary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="secondary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill, level=level)


@pytest.mark.parametrize("age", [65, 75])
def test_retiree_credit_day_before_and_day_of_2023_08_07(age):
    # 2023 lists "新疆:80元" (http://www.jinshu.ozhou.com.cn/jj/2023/0807/5178.html [3P]): 80 × 12 = 960
    assert compare("xinjiang", "2023-08-06", retiree(age=age)).credit_new is None
    c = compare("xinjiang", "2023-08-07", retiree(age=age))
    assert (c.credit_old, c.credit_new) == (None, 960.0)


def test_in_service_credit_is_the_own_contribution_whose_rate_is_not_known():
    assert compare("xinjiang", "2023-08-07", worker()).credit_new is None
    rule = load_region("xinjiang").file("personal_account").at(dt.date(2023, 8, 7)).value.in_service
    assert rule.kind == "share_of_base" and rule.bands[0].rate is None


@pytest.mark.parametrize("day", ["2023-08-06", "2023-08-07", "2024-04-25", "2024-04-26"])
def test_outpatient_reimbursement_is_unknown_on_both_sides_of_each_change(day):
    # before 2023-08-07: old rule not found; 2023-08-07: per-visit deductibles with a dearer first visit
    # (20/40/90, then 10/20/45) cannot be expressed; from 2024-04-26: only 3P-low figures
    for person in (worker(bill=3000.0), retiree(bill=3000.0, level="primary")):
        assert compare("xinjiang", day, person).reimbursement_new is None


def test_phase_1_ratios_and_yearly_cap_are_recorded():
    # http://yzzsnet.com/techan/73331.html [3P]: 75 / 65 / 55%, retirees +5; yearly fund cap 3,000
    op = load_region("xinjiang").file("outpatient_pooling").at(dt.date(2023, 8, 7)).value
    assert (op.ratio.in_service.primary, op.ratio.in_service.secondary, op.ratio.in_service.tertiary) == (0.75, 0.65, 0.55)
    assert (op.ratio.retired.primary, op.ratio.retired.secondary, op.ratio.retired.tertiary) == (0.80, 0.70, 0.60)
    assert (op.cap.in_service, op.cap.retired) == (3000, 3000)
    assert op.deductible.in_service is None and op.deductible.retired is None
    later = load_region("xinjiang").file("outpatient_pooling").at(dt.date(2024, 4, 26)).value
    assert later.kind == "unknown"


def test_region_dates():
    reg = load_region("xinjiang")
    assert reg.account_reform.date == dt.date(2023, 8, 7) and not reg.account_reform.date_exact
    assert reg.pooling_start.date is None

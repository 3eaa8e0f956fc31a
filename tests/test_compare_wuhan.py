"""Wuhan: the 武汉市医保局 worked example, every age band, both outpatient phases, every level.

Hand-computed cases write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, InvalidInput, compare
from medinsure.views import trace_text
from medinsure.views.words import notice_text


def retiree(age=68, pension=4166.67, bill=0.0, level="primary", **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, **kw)


def worker(age=30, wage=8000.0, bill=0.0, level="primary", **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, **kw)


def test_e1_wuhan_retiree_68_was_credited_2400_and_now_996():
    # Source: policy_facts.md §3 E1 — 武汉市医保局 example quoted at
    # http://www.fengjitech.com/204237.html : pension 50,000/yr, old 4.8% → 2,400/yr,
    # new 83元/月 → 996/yr, reduction 1,404/yr.
    c = compare("wuhan", "2023-03-01", retiree(bill=7150, level="tertiary"))
    assert c.credit_old == 2400.00
    assert c.credit_new == 996.00
    assert c.credit_new - c.credit_old == -1404.00


def test_e1_retiree_outpatient_phase_one_at_a_tertiary_hospital():
    # (7,150 − 500 deductible) × 60% = 3,990 ≤ cap 4,000; no pooling before → 0
    c = compare("wuhan", "2023-03-01", retiree(bill=7150, level="tertiary"))
    assert c.reimbursement_old == 0.0
    assert c.reimbursement_new == 3990.00
    # resources: (996 − 2,400) + (3,990 − 0) = 2,586
    assert c.resources_gain == 2586.00
    # cash old: 7,150 − 2,400 account = 4,750; new: 7,150 − 3,990 − 996 = 2,164
    assert (c.cash_old, c.cash_new, c.cash_gain) == (4750.00, 2164.00, 2586.00)
    # break-even: (S − 500) × 0.6 = 1,404 → S = 2,840
    assert c.break_even_status == "found"
    assert c.break_even_outpatient == 2840.00


def test_every_trace_step_names_its_source():
    c = compare("wuhan", "2023-03-01", retiree(bill=7150, level="tertiary"))
    assert len(c.trace) >= 8
    for step in c.trace:
        assert step.references, step.key
        assert step.sources, step.key
        assert trace_text.formula(step, "zh") and trace_text.formula(step, "en")
        for ref in step.references:
            assert ref.title and ref.read_at and ref.reliability


@pytest.mark.parametrize("age, rate_monthly", [
    # Wuhan old in-service bands "≤35 / 35–45 / >45": 3.1% / 3.4% / 4.5% of 8,000
    (16, 248.0), (35, 248.0), (36, 272.0), (45, 272.0), (46, 360.0), (60, 360.0)])
def test_wuhan_old_in_service_credit_by_age_band(age, rate_monthly):
    c = compare("wuhan", "2023-03-01", worker(age=age))
    assert c.credit_old == rate_monthly * 12
    assert c.credit_new == 160.0 * 12  # 2% × 8,000 = 160/month


@pytest.mark.parametrize("age, expected", [
    (69, 2304.0),   # 4.8% × 4,000 = 192/month × 12
    (70, 2448.0),   # 5.1% × 4,000 = 204/month × 12
])
def test_a_wuhan_retiree_under_70_got_4_8_percent_and_from_70_5_1_percent(age, expected):
    c = compare("wuhan", "2023-03-01", retiree(age=age, pension=4000))
    assert c.credit_old == expected
    assert c.credit_new == 996.0


def test_the_base_is_held_between_floor_and_ceiling():
    # 2022-07-01 entry: floor 4,077, ceiling 20,385
    low = compare("wuhan", "2023-03-01", worker(wage=3000))
    assert low.credit_new == round(4077 * 0.02, 2) * 12      # 81.54 × 12 = 978.48
    high = compare("wuhan", "2023-03-01", worker(wage=30000))
    assert high.credit_new == round(20385 * 0.02, 2) * 12    # 407.70 × 12 = 4,892.40


def test_the_day_before_the_reform_old_and_new_are_the_same():
    c = compare("wuhan", "2023-01-31", retiree(bill=5000))
    assert c.credit_old == c.credit_new == 2400.0
    assert c.reimbursement_new == 0.0
    assert c.resources_gain == 0.0
    assert any("早于" in notice_text(n, "zh") for n in c.notices)


def test_on_the_reform_day_the_new_credit_and_phase_one_apply():
    c = compare("wuhan", "2023-02-01", worker(bill=2000))
    assert c.credit_new == 1920.0
    assert c.reimbursement_new == 1040.0  # (2,000 − 700) × 80% at primary level


def test_phase_two_starts_on_2023_04_10():
    # 2023-04-09: phase 1, (2,000 − 700) × 80% = 1,040; 2023-04-10: no deductible, 85% → 1,700
    assert compare("wuhan", "2023-04-09", worker(bill=2000)).reimbursement_new == 1040.0
    assert compare("wuhan", "2023-04-10", worker(bill=2000)).reimbursement_new == 1700.0


@pytest.mark.parametrize("level, in_service, retired", [
    # phase 1: in-service (1,700 − 700) × ratio; retired (1,500 − 500) × ratio
    ("pharmacy", 600.0, 680.0), ("primary", 800.0, 840.0),
    ("secondary", 600.0, 680.0), ("tertiary", 500.0, 600.0)])
def test_phase_one_ratio_at_every_facility_level(level, in_service, retired):
    assert compare("wuhan", "2023-03-01", worker(bill=1700, level=level)).reimbursement_new == in_service
    assert compare("wuhan", "2023-03-01", retiree(bill=1500, level=level)).reimbursement_new == retired


@pytest.mark.parametrize("level, in_service, retired", [
    # phase 2: 1,000 × ratio, no deductible
    ("pharmacy", 850.0, 900.0), ("primary", 850.0, 900.0),
    ("secondary", 650.0, 750.0), ("tertiary", 550.0, 650.0)])
def test_phase_two_ratio_at_every_facility_level(level, in_service, retired):
    assert compare("wuhan", "2023-05-01", worker(bill=1000, level=level)).reimbursement_new == in_service
    assert compare("wuhan", "2023-05-01", retiree(bill=1000, level=level)).reimbursement_new == retired


def test_the_yearly_cap_binds():
    # retired, phase 2, tertiary: 10,000 × 65% = 6,500 → cap 4,000; in-service 10,000 × 55% → 3,500
    assert compare("wuhan", "2023-05-01", retiree(bill=10000, level="tertiary")).reimbursement_new == 4000.0
    assert compare("wuhan", "2023-05-01", worker(bill=10000, level="tertiary")).reimbursement_new == 3500.0


def test_zero_spending_loses_exactly_the_credit_difference():
    c = compare("wuhan", "2023-05-01", worker(bill=0))
    assert c.resources_gain == 1920.0 - 2976.0  # 2% vs 3.1% of 8,000, × 12


def test_out_of_scope_spending_is_cash_and_not_paid_from_the_account():
    c = compare("wuhan", "2023-05-01", worker(bill=0, out_of_scope_yearly=500.0))
    assert c.cash_new == 500.0 and c.cash_old == 500.0


def test_a_high_earner_at_the_ceiling_breaks_even_late():
    # base 20,385: old 3.1% = 631.935 → 631.94/month → 7,583.28; new 2% = 407.70 → 4,892.40;
    # loss 2,690.88. At a tertiary hospital 55% × S = 2,690.88 → S = 4,892.509… → 4,892.51
    c = compare("wuhan", "2023-05-01", worker(wage=30000, level="tertiary"))
    assert c.credit_old == 7583.28
    assert c.break_even_status == "found"
    assert c.break_even_outpatient == 4892.51


def test_a_high_earner_over_46_never_breaks_even_at_a_tertiary_hospital():
    # base 20,385: old 4.5% = 917.325 → 917.33/month → 11,007.96; new 4,892.40; loss 6,115.56
    # > the in-service cap 3,500, so the gain stays negative whatever the spending
    c = compare("wuhan", "2023-05-01", worker(age=50, wage=30000, level="tertiary"))
    assert c.credit_old == 11007.96
    assert c.break_even_status == "never"
    assert c.break_even_outpatient is None


def test_flexible_enrollees_have_no_account_in_wuhan_and_pay_6_percent_plus_7():
    # E14: base 6,795 × 6% + 7 = 407.7 + 7 per month → (407.7 + 7) × 12 = 4,976.40 a year
    c = compare("wuhan", "2023-03-01", Enrollee(status="flexible", age=40, outpatient_yearly=1700))
    # no account after the reform; before it the 门诊和购药补助, "最高约为1800元" a year (医保局 FAQ)
    assert c.credit_old == 1800.0 and c.credit_new == 0.0
    assert c.contributions["own_old"] == 4976.40
    assert c.reimbursement_new == 800.0  # flexible follow the in-service rules: (1,700 − 700) × 80%


def test_a_retiree_without_pension_is_refused_where_the_rule_needs_it():
    with pytest.raises(InvalidInput, match="pension_monthly"):
        compare("wuhan", "2023-03-01", Enrollee(status="retired", age=68))


@pytest.mark.parametrize("kwargs, field", [
    ({"status": "retired", "age": -3}, "age"),
    ({"status": "retired", "age": 68, "pension_monthly": -1}, "pension_monthly"),
    ({"status": "in_service", "age": 30}, "wage_monthly"),
    ({"status": "in_service", "age": 30, "wage_monthly": float("nan")}, "wage_monthly"),
    ({"status": "boss", "age": 30}, "status"),
    ({"status": "retired", "age": 68, "level": "clinic"}, "level"),
    ({"status": "retired", "age": 68, "outpatient_yearly": -5}, "outpatient_yearly"),
])
def test_bad_input_names_the_field(kwargs, field):
    with pytest.raises(InvalidInput, match=field) as info:
        Enrollee(**kwargs)
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_an_unknown_region_lists_the_known_ones():
    with pytest.raises(InvalidInput, match="known regions: .*wuhan"):
        compare("atlantis", "2023-03-01", retiree())


def test_a_date_before_the_data_is_refused():
    with pytest.raises(InvalidInput, match="date"):
        compare("wuhan", "2010-01-01", retiree())

"""Hunan (湖南省本级 / 长沙): the published retiree amount (E9), both outpatient phases, the start of
pooling and of the new crediting, and the cap reading.

Hand-computed cases write their arithmetic in a comment. Old rules are those of 2022-09-30, the day
before outpatient pooling started (2022-10-01), which is earlier than the account change (2023-01-01).
"""

import datetime as dt

import pytest

from medinsure import Enrollee, compare, load_region


def retiree(bill=0.0, level="secondary", visits=None, **kw):
    return Enrollee(status="retired", age=68, pension_monthly=4000.0, outpatient_yearly=bill,
                    level=level, visits_yearly=visits, **kw)


def worker(wage=8000.0, bill=0.0, level="primary", visits=None):
    return Enrollee(status="in_service", age=40, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, visits_yearly=visits)


# --------------------------------------------------------------------------- published example
def test_e9_every_retiree_gets_75_yuan_a_month():
    # Source: policy_facts.md §3 E9, http://m.zrfz123.com/baoxian/202305/222452.html and
    # http://www.shuma.dzwindows.com/chanpin/2023/0504/11820.html : "3675/月X2%=73.5元，取整数就是
    # 退休人员医保个人账户每人每月75元" → 75 × 12 = 900 a year
    c = compare("hunan", "2023-03-01", retiree())
    assert c.credit_new == 900.0


def test_retirees_who_were_flexibly_employed_also_get_75():
    # "退休人员 (含单位退休人员及灵活就业退休人员)…划入额度为75元/月" → 900
    c = compare("hunan", "2023-03-01", retiree(flexible_retiree=True))
    assert c.credit_new == 900.0


# --------------------------------------------------------------------------- old = before pooling
def test_old_rules_are_those_before_outpatient_pooling_and_the_pooling_gain_is_not_zero():
    # old day = 2022-09-30 (pooling 2022-10-01 is earlier than the account change 2023-01-01)
    # retiree, 3,000 at 二级: old no pooling → 0; new (3,000 − 200) × 60% = 1,680 ≤ cap 2,000
    c = compare("hunan", "2023-03-01", retiree(bill=3000.0))
    assert c.old_date == dt.date(2022, 9, 30)
    assert c.reimbursement_old == 0.0
    assert c.reimbursement_new == 1680.0
    assert c.gain_from_pooling == 1680.0
    # the old retiree credit (3.4% of the employer's wage or 4.3% of the pension) is not expressible
    assert c.credit_old is None


# --------------------------------------------------------------------------- 2022-10-01: pooling starts
def test_no_outpatient_pooling_the_day_before_it_starts():
    # 2022-09-30: kind none → the fund pays 0
    c = compare("hunan", "2022-09-30", retiree(bill=3000.0))
    assert c.reimbursement_new == 0.0


def test_pooling_pays_from_its_first_day():
    # 2022-10-01, retiree 二级: (3,000 − 200) × 60% = 1,680
    c = compare("hunan", "2022-10-01", retiree(bill=3000.0))
    assert c.reimbursement_new == 1680.0


@pytest.mark.parametrize("level, expected", [
    ("primary", 1500.0),    # 一级/基层: no deductible, 3,000 × 70% = 2,100 → cap 1,500 (in-service)
    ("secondary", 1500.0),  # (3,000 − 200) × 60% = 1,680 → cap 1,500
    ("tertiary", 1500.0),   # (3,000 − 300) × 60% = 1,620 → cap 1,500
])
def test_phase_one_in_service_at_each_level(level, expected):
    c = compare("hunan", "2023-03-01", worker(bill=3000.0, level=level))
    assert c.reimbursement_new == expected


@pytest.mark.parametrize("level, bill, expected", [
    ("primary", 1000.0, 700.0),     # 1,000 × 70% = 700
    ("secondary", 1000.0, 480.0),   # (1,000 − 200) × 60% = 480
    ("tertiary", 1000.0, 420.0),    # (1,000 − 300) × 60% = 420
])
def test_phase_one_per_level_deductible_for_a_retiree(level, bill, expected):
    c = compare("hunan", "2023-03-01", retiree(bill=bill, level=level))
    assert c.reimbursement_new == pytest.approx(expected, abs=0.01)


def test_the_cap_limits_what_the_fund_pays_not_the_spending_counted():
    # "退休人员普通门诊统筹基金最高支付限额2000元": a cap on the payment.
    # retiree 一级, 3,000: 3,000 × 70% = 2,100 → capped at 2,000.
    # (Read as a spending ceiling it would be 2,000 × 70% = 1,400.)
    c = compare("hunan", "2023-03-01", retiree(bill=3000.0, level="primary"))
    assert c.reimbursement_new == 2000.0


# --------------------------------------------------------------------------- 2023-01-01: new crediting
def test_the_day_before_the_account_change_the_credit_is_the_unknown_old_rule():
    c = compare("hunan", "2022-12-31", worker())
    assert c.credit_new is None


def test_from_the_account_change_in_service_accounts_get_2_percent():
    # 8,000 × 2% × 12 = 1,920
    c = compare("hunan", "2023-01-01", worker())
    assert c.credit_new == 1920.0


def test_flexible_workers_get_no_account_after_the_reform():
    # "灵活就业人员参加职工医保,不建立个人账户"
    c = compare("hunan", "2023-03-01", Enrollee(status="flexible", age=40, wage_monthly=5000.0))
    assert c.credit_new == 0.0


# --------------------------------------------------------------------------- 2023-06-01: per visit
def test_the_day_before_the_per_visit_rule_the_tertiary_deductible_is_300():
    # 2023-05-31, retiree 三级, one visit: yearly 300 → (3,000 − 300) × 60% = 1,620
    c = compare("hunan", "2023-05-31", retiree(bill=3000.0, level="tertiary", visits=1))
    assert c.reimbursement_new == 1620.0


def test_from_2023_06_01_one_tertiary_visit_costs_a_deductible_of_100():
    # 2023-06-01: 1 visit × 100 = 100 → (3,000 − 100) × 60% = 1,740
    c = compare("hunan", "2023-06-01", retiree(bill=3000.0, level="tertiary", visits=1))
    assert c.reimbursement_new == 1740.0


@pytest.mark.parametrize("level, visits, expected", [
    ("secondary", 2, 1740.0),    # 2 × 50 = 100 → (3,000 − 100) × 60% = 1,740
    ("secondary", 12, 1680.0),   # 12 × 50 = 600, at most 200 at 二级 → (3,000 − 200) × 60% = 1,680
    ("tertiary", 2, 1680.0),     # 2 × 100 = 200 → (3,000 − 200) × 60% = 1,680
    ("tertiary", 12, 1620.0),    # 12 × 100 = 1,200, at most 300 → (3,000 − 300) × 60% = 1,620
    ("primary", 12, 2000.0),     # no deductible: 3,000 × 70% = 2,100 → cap 2,000
])
def test_phase_two_per_visit_deductible_with_its_maxima(level, visits, expected):
    c = compare("hunan", "2024-01-01", retiree(bill=3000.0, level=level, visits=visits))
    assert c.reimbursement_new == expected


def test_phase_two_needs_the_number_of_visits():
    from medinsure import InvalidInput
    with pytest.raises(InvalidInput) as exc:
        compare("hunan", "2024-01-01", retiree(bill=3000.0))
    assert exc.value.field == "visits_yearly"


# --------------------------------------------------------------------------- contributions and bases
def test_changsha_rates_from_2022_01_01():
    # employer 8.7% − 0.7% maternity = 8%: 8,000 × 8% × 12 = 7,680. The own contribution is not known:
    # the employee 2% is, but fixed add-ons (大额医疗) were not found (null).
    c = compare("hunan", "2022-01-01", worker())
    assert c.contributions["employer_new"] == 7680.0
    assert c.contributions["own_new"] is None


def test_the_2022_base_floor_applies_from_2022_09_01():
    # employer 8% of the base. 2022-08-31: floor not known → a wage of 2,000 is not raised:
    # 2,000 × 8% × 12 = 1,920. 2022-09-01: floor 3,586 → 3,586 × 8% × 12 = 3,442.56
    assert compare("hunan", "2022-08-31", worker(wage=2000.0)).contributions["employer_new"] == 1920.0
    assert compare("hunan", "2022-09-01", worker(wage=2000.0)).contributions["employer_new"] == \
        pytest.approx(3442.56, abs=0.01)


def test_the_2023_base_floor_applies_from_2023_09_01():
    # credit 2% of the base: 2023-08-31 floor 3,586 → 860.64; 2023-09-01 floor 3,770 → 904.80
    assert compare("hunan", "2023-08-31", worker(wage=2000.0)).credit_new == pytest.approx(860.64, abs=0.01)
    assert compare("hunan", "2023-09-01", worker(wage=2000.0)).credit_new == pytest.approx(904.80, abs=0.01)


def test_the_2023_base_expires_after_one_year():
    # "此标准从2023年9月1日起执行,有效期一年"; the 2024 standard is only on a 3P-low page → null
    r = load_region("hunan")
    assert r.base_limits(dt.date(2024, 8, 31)).floor_monthly == 3770
    assert r.base_limits(dt.date(2024, 9, 1)).floor_monthly is None

"""北京 Beijing: account reform 2022-09-01, outpatient 20,000 cap removed 2023-01-01 (data/regions/beijing/)."""

import pytest

from medinsure import Enrollee, compare
from medinsure.coverage import region_coverage

R = "beijing"


def worker(age, **kw):
    kw.setdefault("wage_monthly", 8000.0)
    return Enrollee(status="in_service", age=age, **kw)


def retiree(age, **kw):
    kw.setdefault("pension_monthly", 4000.0)
    return Enrollee(status="retired", age=age, **kw)


# --------------------------------------------------------------------------- published examples
@pytest.mark.parametrize("age, net_monthly", [(65, 97), (75, 107)])
def test_e11_retiree_net_credit_after_the_3_yuan(age, net_monthly):
    # policy_facts E11, http://m.csjbk.com/techan/4496.html : a retiree's account gets 100 (<70) / 110 (≥70)
    # a month, minus the 3 yuan 大额互助 = net 97 / 107 a month.
    c = compare(R, "2023-07-01", retiree(age))
    assert c.credit_new - c.contributions["own_new"] == net_monthly * 12


# --------------------------------------------------------------------------- the account change, 2022-09-01
@pytest.mark.parametrize("age, old_rate", [(30, 0.028), (34, 0.028), (35, 0.03), (44, 0.03), (45, 0.04), (50, 0.04)])
def test_in_service_credit_the_day_before_and_the_day_of_the_reform(age, old_rate):
    # 2022-08-31: old rule, 2% own + 0.8% (<35) / 1% (35–44) / 2% (≥45) of the base, e.g. 8,000 × 2.8% × 12 = 2,688
    before = compare(R, "2022-08-31", worker(age))
    assert before.credit_new == pytest.approx(8000 * old_rate * 12, abs=0.01)
    # 2022-09-01: 2% of the own base, 8,000 × 2% × 12 = 1,920; old = the rules of 2022-08-31
    on = compare(R, "2022-09-01", worker(age))
    assert on.credit_new == 1920.0
    assert on.credit_old == pytest.approx(8000 * old_rate * 12, abs=0.01)
    assert on.old_date.isoformat() == "2022-08-31"


@pytest.mark.parametrize("age, monthly", [(65, 100), (69, 100), (70, 110), (75, 110)])
def test_retiree_credit_is_unchanged_by_the_reform(age, monthly):
    # "仍执行现行标准,70岁以下按照100元/月划入,70岁以上按照110元/月划入": 1,200 / 1,320 a year both sides
    for day in ("2022-08-31", "2022-09-01"):
        c = compare(R, day, retiree(age))
        assert c.credit_new == monthly * 12
    c = compare(R, "2022-09-01", retiree(age))
    assert c.credit_old == c.credit_new == monthly * 12


def test_contribution_base_ceiling_clamps_the_credit():
    # 2021 ceiling 28,221: a wage of 40,000 is credited on 28,221; old 2.8% × 28,221 = 790.188 → 790.19 a
    # month (credited in fen) × 12 = 9,482.28; new 2% × 28,221 = 564.42 × 12 = 6,773.04
    c = compare(R, "2022-09-01", worker(30, wage_monthly=40000.0))
    assert c.credit_old == pytest.approx(9482.28, abs=0.01)
    assert c.credit_new == pytest.approx(6773.04, abs=0.01)


# --------------------------------------------------------------------------- ordinary bills
@pytest.mark.parametrize("person, level, expected", [
    # in service: (3,000 − 1,800) × 90% (社区) = 1,080; × 70% (hospital) = 840
    (worker(40), "primary", 1080.0),
    (worker(40), "secondary", 840.0),
    (worker(40), "tertiary", 840.0),
    # retired < 70: (3,000 − 1,300) × 90% = 1,530 (社区); × 85% = 1,445 (hospital)
    (retiree(65), "primary", 1530.0),
    (retiree(65), "secondary", 1445.0),
    # retired ≥ 70: 90% everywhere: 1,530
    (retiree(75), "tertiary", 1530.0),
])
def test_a_3000_bill_is_the_same_before_and_after(person, level, expected):
    e = Enrollee(**{**person.__dict__, "outpatient_yearly": 3000.0, "level": level})
    c = compare(R, "2023-07-01", e)
    assert c.reimbursement_old == expected and c.reimbursement_new == expected


# --------------------------------------------------------------------------- the 2023-01-01 change, cap vs ceiling
def test_the_20000_cap_the_day_before_and_the_day_of_its_removal():
    e = worker(40, outpatient_yearly=40000.0, level="secondary")
    # 2022-12-31: (40,000 − 1,800) × 70% = 26,740, capped at what the fund pays, 20,000
    assert compare(R, "2022-12-31", e).reimbursement_new == 20000.0
    # 2023-01-01: the fund has paid 20,000 at S₀ = 1,800 + 20,000 / 0.7 = 30,371.43; above it 60%:
    # 20,000 + 60% × (40,000 − 30,371.428571) = 25,777.14
    c = compare(R, "2023-01-01", e)
    assert c.reimbursement_new == pytest.approx(25777.14, abs=0.01)
    assert c.reimbursement_old == 20000.0


def test_retiree_under_70_beyond_the_cap():
    e = retiree(65, outpatient_yearly=30000.0, level="tertiary")
    # old: min((30,000 − 1,300) × 85% = 24,395, 20,000) = 20,000
    # new: S₀ = 1,300 + 20,000 / 0.85 = 24,829.41; 20,000 + 80% × (30,000 − 24,829.411765) = 24,136.47
    c = compare(R, "2023-01-01", e)
    assert c.reimbursement_old == 20000.0
    assert c.reimbursement_new == pytest.approx(24136.47, abs=0.01)


def test_cap_on_payment_not_a_ceiling_on_spending():
    # 25,000 at a hospital, in service, old rules: (25,000 − 1,800) × 70% = 16,240 < 20,000, so nothing is cut.
    # Were 20,000 a ceiling on SPENDING (Reading A of D1), the fund would pay only (20,000 − 1,800) × 70% = 12,740.
    e = worker(40, outpatient_yearly=25000.0, level="secondary")
    c = compare(R, "2022-12-31", e)
    assert c.reimbursement_new == 16240.0 != 12740.0
    # and the 2023 change lowers nobody's reimbursement: below S₀ = 30,371.43 it is the same
    assert compare(R, "2023-01-01", e).reimbursement_new == 16240.0


@pytest.mark.parametrize("spending", [20000.0, 28000.0, 30371.0, 30372.0, 35000.0, 60000.0])
def test_removing_the_cap_never_lowers_reimbursement(spending):
    for person in (worker(40), retiree(65), retiree(75)):
        for level in ("primary", "secondary"):
            e = Enrollee(**{**person.__dict__, "outpatient_yearly": spending, "level": level})
            c = compare(R, "2023-01-01", e)
            assert c.reimbursement_new >= c.reimbursement_old


def test_beijing_is_complete_for_in_service_and_retired():
    cov = region_coverage(R)
    assert cov.statuses["in_service"].complete and cov.statuses["retired"].complete
    assert cov.pooling_start is None and cov.account_reform.isoformat() == "2022-09-01"

"""The rule shapes real documents use (issue 10), each on a small hand-made rule with the
arithmetic in the comments, plus the acceptance cases that rest on the shipped data."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from medinsure import Enrollee, compare
from medinsure.errors import DataError, InvalidInput
from medinsure.outpatient import deductible_value, pooled_reimbursement
from medinsure.rules import load_region, rules_for
from medinsure.rules.employee import PerLevelDeductible, PerVisitDeductible
from medinsure.views.comparison import comparison_dict
from medinsure.views.words import notice_text

INF = np.inf


def one(x):
    return np.array([float(x)])


def level(name):
    return np.array([("pharmacy", "primary", "secondary", "tertiary").index(name)])


AGE, YEAR = np.array([60]), np.array([np.nan])


# --------------------------------------------------------------------------- deductibles
def test_a_deductible_by_facility_level_with_a_yearly_maximum():
    # 湖南 2022-10: 一级 0 / 二级 200 / 三级 300, at most 300 a year
    d = PerLevelDeductible.model_validate({"kind": "per_level", "amounts": {
        "pharmacy": 0, "primary": 0, "secondary": 200, "tertiary": 300}, "yearly_max": 300}, strict=True)
    assert deductible_value(d, level("primary"), AGE, YEAR, one(np.nan))[0] == 0
    assert deductible_value(d, level("secondary"), AGE, YEAR, one(np.nan))[0] == 200
    assert deductible_value(d, level("tertiary"), AGE, YEAR, one(np.nan))[0] == 300


def test_a_deductible_per_visit_with_its_limits():
    # 郑州: 40元/次, none at 社区; a level maximum of 200 and a yearly maximum of 300 (hand-made)
    d = PerVisitDeductible.model_validate({"kind": "per_visit", "amounts": {
        "pharmacy": 40, "primary": 0, "secondary": 40, "tertiary": 40},
        "level_max": {"pharmacy": 200, "primary": 0, "secondary": 200, "tertiary": 300},
        "yearly_max": 300}, strict=True)
    assert deductible_value(d, level("secondary"), AGE, YEAR, one(3))[0] == 120    # 3 × 40
    assert deductible_value(d, level("secondary"), AGE, YEAR, one(12))[0] == 200   # 480 → level max 200
    assert deductible_value(d, level("tertiary"), AGE, YEAR, one(12))[0] == 300    # 480 → 300
    assert deductible_value(d, level("primary"), AGE, YEAR, one(12))[0] == 0
    assert np.isnan(deductible_value(d, level("secondary"), AGE, YEAR, one(np.nan))[0])


# --------------------------------------------------------------------------- cap, ceiling, segments
def test_spending_segments_and_a_ceiling_are_not_a_cap():
    # 天津 2023, 三级, in-service: deductible 900; to 5,500 at 55%, 5,500–9,000 at 55%; 9,000 is a
    # spending ceiling. Bill 12,000: (5,500 − 900) × 0.55 + (9,000 − 5,500) × 0.55 = 2,530 + 1,925
    segs = ((5500.0, one(0.55)), (INF, one(0.55)))
    paid = pooled_reimbursement(one(12000), one(900), segs, one(INF), one(9000))
    assert paid[0] == pytest.approx(4455.0)
    # the same rules with 9,000 read as a cap on what the fund pays would pay 5,995 at 12,000:
    # (12,000 − 900) × 0.55 = 6,105 → capped 9,000 → 6,105; the ceiling reading stops at 4,455
    as_cap = pooled_reimbursement(one(12000), one(900), segs, one(9000))
    assert as_cap[0] == pytest.approx(6105.0)


def test_a_segment_the_bill_does_not_reach_may_be_unknown():
    # ratio above 5,500 not known: a 3,000 bill does not need it; a 6,000 bill does
    segs = ((5500.0, one(0.75)), (INF, one(np.nan)))
    assert pooled_reimbursement(one(3000), one(800), segs, one(INF))[0] == pytest.approx(1650.0)
    assert np.isnan(pooled_reimbursement(one(6000), one(800), segs, one(INF))[0])


def test_an_unknown_cap_matters_only_when_the_fund_pays():
    segs = ((INF, one(0.6)),)
    assert pooled_reimbursement(one(500), one(700), segs, one(np.nan))[0] == 0  # below the deductible
    assert np.isnan(pooled_reimbursement(one(5000), one(700), segs, one(np.nan))[0])
    # "no separate cap" is a finding, not an unknown
    assert pooled_reimbursement(one(50000), one(700), segs, one(INF))[0] == pytest.approx(29580.0)


def test_beyond_the_cap_the_fund_pays_a_second_ratio_without_limit():
    # 北京 2023, in-service at a hospital: deductible 1,800, 70% until the fund has paid 20,000,
    # then 60%. S₀ = 1,800 + 20,000 / 0.7 = 30,371.43; at 40,000: 20,000 + 0.6 × 9,628.57 = 25,777.14
    segs = ((INF, one(0.7)),)
    assert pooled_reimbursement(one(20000), one(1800), segs, one(20000), None, one(0.6))[0] == pytest.approx(12740.0)
    assert pooled_reimbursement(one(40000), one(1800), segs, one(20000), None, one(0.6))[0] == pytest.approx(
        20000 + 0.6 * (40000 - 1800 - 20000 / 0.7))


def test_beijing_2023_never_pays_less_than_before():
    # policy_facts_2 D1: with both entries read as a payment cap, removing the cap cannot lower
    # reimbursement (the old reading made people just above 20,000 lose)
    for bill in (15000, 20000, 25000, 30000, 31000, 50000):
        for status, kw in (("in_service", dict(wage_monthly=9000)), ("retired", dict(pension_monthly=5000))):
            e = Enrollee(status=status, age=60 if status == "retired" else 40, outpatient_yearly=bill,
                         level="secondary", **kw)
            c = compare("beijing", "2023-03-01", e, old_date="2022-12-31")
            assert c.reimbursement_new >= c.reimbursement_old - 1e-9, (status, bill)


def test_tianjin_pays_nothing_for_spending_above_the_9000_ceiling():
    # the case of issue 10, on the 2022 rules (deductible 800): (5,500 − 800) × 55% + (9,000 − 5,500) × 55%
    # = 2,585 + 1,925 = 4,510, the same at 9,000 and at 12,000
    base = dict(status="in_service", age=40, wage_monthly=8000, level="tertiary")
    at_ceiling = compare("tianjin", "2022-06-01", Enrollee(outpatient_yearly=9000, **base))
    above = compare("tianjin", "2022-06-01", Enrollee(outpatient_yearly=12000, **base))
    assert above.reimbursement_new == at_ceiling.reimbursement_new == pytest.approx(4510.0)
    # on 2023-03-01 (the command of issue 10) the 2023 deductible is 800 (中国社保网 2023-03-01; the 900 of
    # low-reliability pages is not used): the same 4,510 at 9,000 and at 12,000
    at_ceiling = compare("tianjin", "2023-03-01", Enrollee(outpatient_yearly=9000, **base))
    c = compare("tianjin", "2023-03-01", Enrollee(outpatient_yearly=12000, **base))
    assert c.reimbursement_new == at_ceiling.reimbursement_new == pytest.approx(4510.0)


# --------------------------------------------------------------------------- account money
def test_account_money_available_is_used_in_both_payment_orders():
    # Wuhan phase 2 (pooled first), retiree 68, tertiary, 7,150: the fund pays 4,000 (capped);
    # own share 3,150; with 500 in the account, cash is 2,650; with none, 3,150
    e = dict(status="retired", age=68, pension_monthly=4166.67, outpatient_yearly=7150, level="tertiary")
    with_500 = compare("wuhan", "2023-05-01", Enrollee(account_available=500, **e))
    with_0 = compare("wuhan", "2023-05-01", Enrollee(account_available=0, **e))
    assert with_500.cash_new == pytest.approx(2650.0) and with_0.cash_new == pytest.approx(3150.0)
    assert with_500.reimbursement_new == with_0.reimbursement_new == 4000.0


def test_no_account_money_means_an_account_first_region_bills_the_fund_directly():
    # acceptance: --account-available 0 in 上海 (account first, 三段式) pays the bill without the
    # account: the deductible and ratio apply to the whole bill
    rs = rules_for("shanghai", "2023-08-01")
    assert rs.new.pooling.payment_order == "account_first"
    e = dict(status="in_service", age=40, wage_monthly=10000, outpatient_yearly=6000, level="secondary")
    none = compare("shanghai", "2023-08-01", Enrollee(account_available=0, **e))
    some = compare("shanghai", "2023-08-01", Enrollee(account_available=2000, **e))
    assert none.reimbursement_new > some.reimbursement_new
    p = subprocess.run([sys.executable, "-m", "medinsure", "compare", "--region", "shanghai", "--date",
                        "2023-08-01", "--status", "in_service", "--age", "40", "--wage", "10000",
                        "--outpatient", "6000", "--level", "secondary", "--account-available", "0", "--json"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["reimbursement_new"] == none.reimbursement_new
    assert [s for s in d["trace"] if s["key"] == "cash_new"][0]["value"] == none.cash_new


def test_visits_are_required_where_a_deductible_is_charged_per_visit(data_copy):
    path = data_copy / "regions" / "wuhan" / "outpatient_pooling.yaml"
    text = path.read_text(encoding="utf-8")
    old = "deductible: {in_service: 0, retired: 0}   # deductible abolished"
    assert old in text
    path.write_text(text.replace(old, "deductible: {in_service: {kind: per_visit, amounts: {pharmacy: 0, "
                                      "primary: 0, secondary: 40, tertiary: 40}}, retired: 0}"), encoding="utf-8")
    e = dict(status="in_service", age=40, wage_monthly=8000, outpatient_yearly=3000, level="secondary")
    with pytest.raises(InvalidInput, match="visits_yearly"):
        compare("wuhan", "2023-05-01", Enrollee(**e))
    # 10 visits × 40 = 400; (3,000 − 400) × 65% = 1,690
    assert compare("wuhan", "2023-05-01", Enrollee(visits_yearly=10, **e)).reimbursement_new == 1690.0


# --------------------------------------------------------------------------- credits
def test_wuhan_flexible_workers_before_and_after_the_reform():
    # 武汉市医保局 FAQ (http://m.ccschy.com/techan/0ff5d05d1e1affef9a146d8430522001.html): an in-service
    # flexible worker with 5,000 of in-scope outpatient spending paid 3,200 before (a subsidy of at
    # most about 1,800) and 1,560 after (5,000 − 700 = 4,300 × 80% = 3,440 at a primary facility)
    c = compare("wuhan", "2023-03-01", Enrollee(status="flexible", age=40, wage_monthly=6795,
                                                 outpatient_yearly=5000, level="primary"))
    assert (c.cash_old, c.cash_new, c.reimbursement_new) == (3200.0, 1560.0, 3440.0)
    # retirees who were flexibly employed: 66 a month (80% of 83)
    r = compare("wuhan", "2023-03-01", Enrollee(status="retired", age=68, pension_monthly=3000,
                                                 flexible_retiree=True, outpatient_yearly=0))
    assert r.credit_new == 792.0 and r.credit_old is None


def test_wuhan_faq_examples_for_employees_and_retirees():
    # same FAQ: a retiree credited 996 a year, 5,000 at a primary facility in phase 1:
    # (5,000 − 500) × 84% = 3,780 reimbursed; 5,000 − 3,780 − 996 = 224 paid
    c = compare("wuhan", "2023-03-01", Enrollee(status="retired", age=68, pension_monthly=4000,
                                                 outpatient_yearly=5000, level="primary"))
    assert (c.credit_new, c.reimbursement_new, c.cash_new) == (996.0, 3780.0, 224.0)
    # an in-service employee: (5,000 − 700) × 80% = 3,440 reimbursed (the FAQ's 980 is its average credit)
    c = compare("wuhan", "2023-03-01", Enrollee(status="in_service", age=40, wage_monthly=4083.33,
                                                 outpatient_yearly=5000, level="primary"))
    assert c.reimbursement_new == 3440.0 and c.credit_new == 980.04


def test_a_frozen_retiree_credit_keeps_the_own_amount(data_copy):
    path = data_copy / "regions" / "wuhan" / "personal_account.yaml"
    text = path.read_text(encoding="utf-8")
    new_retired = text[text.index("  2023-02-01:"):]
    old = new_retired[new_retired.index("    retired:"):new_retired.index("    flexible:")]
    path.write_text(text.replace(old, "    retired:\n      kind: frozen_own\n      as_of: 2023-01-31\n"),
                    encoding="utf-8")
    e = dict(status="retired", age=68, pension_monthly=4166.67)
    # own amount entered: 150.5 a month × 12
    assert compare("wuhan", "2023-03-01", Enrollee(frozen_credit_monthly=150.5, **e)).credit_new == 1806.0
    # not entered: the rule of 2023-01-31 applied (4.8% × 4,166.67 = 200.00 a month)
    c = compare("wuhan", "2023-03-01", Enrollee(**e))
    assert c.credit_new == 2400.0 and c.gain_from_account == 0.0


# --------------------------------------------------------------------------- old and new
def test_old_is_before_the_earlier_of_account_change_and_pooling_start():
    reg = load_region("wuhan")
    assert reg.reform_start == min(d for d in (reg.account_reform.date, reg.pooling_start.date) if d)
    c = compare("wuhan", "2023-05-01", Enrollee(status="retired", age=68, pension_monthly=4166.67,
                                                 outpatient_yearly=7150, level="tertiary"))
    assert c.old_date.isoformat() == "2023-01-31"


def test_another_baseline_can_be_chosen():
    e = Enrollee(status="retired", age=68, pension_monthly=4166.67, outpatient_yearly=7150, level="tertiary")
    c = compare("wuhan", "2023-05-01", e, old_date="2023-03-01")   # phase 1 vs phase 2
    assert c.old_date.isoformat() == "2023-03-01" and c.credit_old == c.credit_new == 996.0
    assert c.gain_from_account == 0 and c.gain_from_pooling == c.reimbursement_new - c.reimbursement_old
    assert any(notice_text(n, "en").startswith("'Before the reform' uses") for n in c.notices)
    with pytest.raises(InvalidInput, match="old_date"):
        compare("wuhan", "2023-05-01", e, old_date="2023-06-01")


def test_the_gain_splits_into_account_and_pooling():
    c = compare("wuhan", "2023-03-01", Enrollee(status="retired", age=68, pension_monthly=4166.67,
                                                 outpatient_yearly=7150, level="tertiary"))
    assert c.gain_from_account == -1404.0 and c.gain_from_pooling == 3990.0
    assert c.resources_gain == c.gain_from_account + c.gain_from_pooling
    d = comparison_dict(c, "en")
    assert d["gain_from_account"] == -1404.0 and d["old_rules_date"] == "2023-01-31"
    assert {"gain_from_account", "gain_from_pooling"} <= {s["key"] for s in d["trace"]}


# --------------------------------------------------------------------------- the loader
@pytest.mark.parametrize("bad, key", [
    ("cap: {in_service: 3500, retired: 4000}\n    flexible: in_service\n    note:",
     None),
])
def test_a_per_level_value_with_an_unknown_level_is_refused(data_copy, bad, key):
    path = data_copy / "regions" / "wuhan" / "outpatient_pooling.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("deductible: {in_service: 0, retired: 0}   # deductible abolished",
                        "deductible: {in_service: {kind: per_level, amounts: {pharmacy: 0, primary: 0, "
                        "secondary: 0, quaternary: 1}}, retired: 0}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"outpatient_pooling.yaml: deductible.in_service.amounts.quaternary "
                                        r"\(date 2023-04-10\): unknown key"):
        load_region("wuhan")


def test_segments_must_rise_and_end_open(data_copy):
    path = data_copy / "regions" / "tianjin" / "outpatient_pooling.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- {up_to: 5500,", "- {up_to: 0,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"ratio.in_service.segments\[0\].up_to \(date 2022-01-01\)"):
        load_region("tianjin")


ROOT = Path(__file__).resolve().parent.parent

"""Guangzhou (广州): the published retiree credit, every age band, every dated rule change on both
sides of its date, and the cap reading of the outpatient limit.

Hand-computed cases write their arithmetic in a comment. Data: data/regions/guangzhou/.
"""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import load_region, rules_for

SLUG = "guangzhou"


def worker(age=40, wage=8000.0, bill=0.0, level="primary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="primary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, retirement_year=2010)


# --------------------------------------------------------------------------- published examples
def test_e10_retiree_credit_is_169_08_a_month_gross():
    # policy_facts.md §3 E10, https://jnrx.com.cn/news/131333.html (also http://www.bvbfs.com/yqzt/10078.html):
    # "2022年12月,退休人員個人賬戶每月應劃入金額為169.08元。(扣除長護險金額8.66元,實際劃入160.42元)"
    c = compare(SLUG, "2023-03-01", retiree())
    assert c.credit_new == 2028.96                       # 169.08 × 12
    assert round(c.credit_new / 12 - 8.66, 2) == 160.42  # the published net amount


def test_published_2023_limits_are_what_the_fund_pays_at_most():
    # https://jscxw.com/read/30098.html / http://psdyun.com/?id=1066884: "2023年度為7214元" (在职),
    # "2023年度為10100元" (退休); http://m.jxyuer.com/baike/techan/1272558.html: "退休人员限额为10,100元/年"
    assert compare(SLUG, "2023-06-01", worker(bill=50000)).reimbursement_new == 7214.0
    assert compare(SLUG, "2023-06-01", retiree(bill=50000)).reimbursement_new == 10100.0


# --------------------------------------------------------------------------- account credit
@pytest.mark.parametrize("age, old_yearly", [
    (30, 1920.0),   # 35周岁以下 "不受影响": 2% × 8,000 = 160 × 12
    (34, 1920.0),
    (35, 2880.0),   # 满35周岁不满45周岁: 3% × 8,000 = 240 × 12
    (44, 2880.0),
    (45, 3648.0),   # 45周岁至退休前: 3.8% × 8,000 = 304 × 12
    (59, 3648.0),
])
def test_old_in_service_credit_by_age_band_and_new_2_percent(age, old_yearly):
    # old = rules of 2022-11-30 (base limits not known then, so 8,000 is taken as is)
    c = compare(SLUG, "2023-03-01", worker(age=age))
    assert c.credit_old == old_yearly
    assert c.credit_new == 1920.0   # 2% × 8,000 = 160 × 12 (2023 base 5,674–28,368)


def test_account_change_on_2022_12_01_day_before_and_day_of():
    # in service, 45: 3.8% × 8,000 × 12 = 3,648 on 2022-11-30; 2% × 8,000 × 12 = 1,920 from 2022-12-01
    assert compare(SLUG, "2022-11-30", worker(age=45)).credit_new == 3648.0
    assert compare(SLUG, "2022-12-01", worker(age=45)).credit_new == 1920.0
    # retired: 4.1% × an average wage not found → unknown; then 169.08 × 12 = 2,028.96
    before = compare(SLUG, "2022-11-30", retiree())
    assert before.credit_new is None and "credit_new" in {u["field"] for u in before.unknown}
    assert compare(SLUG, "2022-12-01", retiree()).credit_new == 2028.96


def test_old_retiree_credit_is_unknown_and_says_why():
    c = compare(SLUG, "2023-03-01", retiree())
    assert c.credit_old is None
    note = next(u["note"] for u in c.unknown if u["field"] == "credit_old")
    assert "4.1%" in note["zh"] and "4.1%" in note["en"]


def test_flexible_enrollees_in_the_combined_scheme_get_the_in_service_2_percent():
    c = compare(SLUG, "2023-03-01", Enrollee(status="flexible", age=30, wage_monthly=8000.0))
    assert c.credit_new == 1920.0   # 2% × 8,000 × 12


# --------------------------------------------------------------------------- outpatient pooling
def test_old_outpatient_is_unknown_because_its_cap_was_monthly():
    # 2015-01-01 entry: 300 yuan a MONTH ("当月有效,不滚存、不累计") cannot be a yearly cap
    c = compare(SLUG, "2023-03-01", worker(bill=3000.0))
    assert c.reimbursement_old is None
    assert "reimbursement_old" in {u["field"] for u in c.unknown}
    # with no bill there is nothing the cap could limit
    assert compare(SLUG, "2022-11-30", worker(bill=0.0)).reimbursement_new == 0.0


@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 2400.0),     # 3,000 × 80%, no deductible
    (worker(bill=3000.0, level="secondary"), 1950.0),   # 3,000 × 65% (非基层)
    (worker(bill=3000.0, level="tertiary"), 1950.0),    # 3,000 × 65% (非基层)
    (retiree(bill=3000.0, level="primary"), 2550.0),    # 3,000 × 85%
    (retiree(bill=3000.0, level="secondary"), 2100.0),  # 3,000 × 70%
    (retiree(bill=3000.0, level="tertiary"), 2100.0),   # 3,000 × 70%
])
def test_new_outpatient_ratios_in_2023(person, expected):
    assert compare(SLUG, "2023-06-01", person).reimbursement_new == expected


def test_december_2022_cap_is_unknown_then_the_2023_cap_applies():
    # 2022-12-01 entry: no deductible, 80%, cap of December 2022 not found → unknown
    assert compare(SLUG, "2022-12-31", worker(bill=3000.0)).reimbursement_new is None
    # 2023-01-01 entry: 3,000 × 80% = 2,400 ≤ 7,214
    assert compare(SLUG, "2023-01-01", worker(bill=3000.0)).reimbursement_new == 2400.0


def test_reform_day_changes_the_rules_from_old_to_new():
    # 2022-11-30: the old rule (monthly cap) → unknown; 2022-12-01: new ratios, cap unknown → unknown
    assert compare(SLUG, "2022-11-30", worker(bill=3000.0)).reimbursement_new is None
    assert compare(SLUG, "2022-12-01", worker(bill=3000.0)).reimbursement_new is None
    rs = rules_for(SLUG, "2022-12-01")
    assert rs.old.day.isoformat() == "2022-11-30"
    assert rs.old.pooling.ratio.in_service.secondary is None      # 55% / 45% by referral
    assert rs.new.pooling.ratio.in_service.secondary == 0.65


@pytest.mark.parametrize("person, before, after", [
    # bill 10,000 at primary, in service: 10,000 × 80% = 8,000 → cap 7,214 (2023) / 7,616 (2024)
    (worker(bill=10000.0), 7214.0, 7616.0),
    # bill 15,000 at primary, retired: 15,000 × 85% = 12,750 → cap 10,100 (2023) / 10,663 (2024)
    (retiree(bill=15000.0), 10100.0, 10663.0),
])
def test_cap_change_on_2024_01_01(person, before, after):
    assert compare(SLUG, "2023-12-31", person).reimbursement_new == before
    assert compare(SLUG, "2024-01-01", person).reimbursement_new == after


def test_the_limit_is_a_cap_on_the_fund_not_a_ceiling_on_spending():
    # "門診統籌基金最高支付限額": the fund pays 80% until it has paid 7,616 (2024, in service).
    # Cap: 20,000 × 80% = 16,000 → 7,616. A spending ceiling of 7,616 would give 7,616 × 80% = 6,092.80.
    c = compare(SLUG, "2024-06-01", worker(bill=20000.0))
    assert c.reimbursement_new == 7616.0 and c.reimbursement_new != 6092.80
    # the cap is reached at 7,616 / 0.8 = 9,520; below it the fund pays 80%: 9,000 × 80% = 7,200
    assert compare(SLUG, "2024-06-01", worker(bill=9520.0)).reimbursement_new == 7616.0
    assert compare(SLUG, "2024-06-01", worker(bill=9000.0)).reimbursement_new == 7200.0


def test_2025_cap_not_found_makes_the_payment_unknown():
    # 2024-12-31: 3,000 × 80% = 2,400; 2025-01-01: cap null (7,916 only on a 3P-low page) → unknown
    assert compare(SLUG, "2024-12-31", worker(bill=3000.0)).reimbursement_new == 2400.0
    c = compare(SLUG, "2025-01-01", worker(bill=3000.0))
    assert c.reimbursement_new is None and "reimbursement_new" in {u["field"] for u in c.unknown}


def test_flexible_outpatient_rules_are_not_known():
    c = compare(SLUG, "2023-06-01", Enrollee(status="flexible", age=30, wage_monthly=8000.0,
                                            outpatient_yearly=3000.0))
    assert c.reimbursement_new is None


# --------------------------------------------------------------------------- region metadata
def test_reform_dates():
    r = load_region(SLUG)
    assert r.account_reform.date.isoformat() == "2022-12-01" and r.account_reform.date_exact
    # employees had general outpatient pooling since 2009-08-01, so it is not part of the reform
    assert r.pooling_start.date is None
    assert "2009" in r.pooling_start.note["zh"] and "2009" in r.pooling_start.note["en"]


@pytest.mark.parametrize("day", [d.isoformat() for d in load_region(SLUG).change_dates()])
def test_every_change_date_gives_a_number_or_an_explained_unknown(day):
    for person in (worker(bill=3000.0), retiree(bill=3000.0),
                   Enrollee(status="flexible", age=40, wage_monthly=6000.0, outpatient_yearly=3000.0)):
        c = compare(SLUG, day, person)
        unknown = {u["field"] for u in c.unknown}
        for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new"):
            assert getattr(c, key) is not None or key in unknown, (day, person.status, key)
        for u in c.unknown:
            assert u["note"]["zh"] and u["note"]["en"]

"""Foshan (佛山, tier 2 / 二档): the 2022-11-01 account notice, the derived old retiree credit, and the
dated outpatient caps (every outpatient payment is unknown: deductible and level-1/2 ratios appear only
on low-reliability pages).

Hand-computed cases write their arithmetic in a comment. Data: data/regions/foshan/.
"""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import load_region, rules_for

SLUG = "foshan"


def worker(age=40, wage=8000.0, bill=0.0, level="primary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="primary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill,
                    level=level, retirement_year=2010)


# --------------------------------------------------------------------------- published examples
def test_notice_of_2022_10_24_new_credits():
    # 佛山市医疗保障局 notice, http://m.ccschy.com/techan/f5537a20dbdf71e8ae8faaf5f1cffea6.html :
    # "2022年11-12月划入标准为每人每月84.39元" (在职); "退休职工…158.20元/人,自2022年11月起实施"
    assert compare(SLUG, "2022-11-15", worker()).credit_new == 1012.68     # 84.39 × 12
    assert compare(SLUG, "2022-11-15", retiree()).credit_new == 1898.40    # 158.20 × 12


def test_published_caps_2022_and_2024():
    # http://www.gansulong.com/c/03262Z62442024.html : 2022-11-01..12-31 "394元/人" (在职), 433 (退休);
    # notice of 2023-12-20, http://wap.foshankj.com/39559539.html : 2024 "2723元" / "2996元"
    # (2.5% × 108,934 = 2,723.35; 2.75% × 108,934 = 2,995.69 [DERIVED])
    cap22 = rules_for(SLUG, "2022-12-31").new.pooling.cap
    cap24 = rules_for(SLUG, "2024-06-01").new.pooling.cap
    assert (cap22.in_service, cap22.retired) == (394, 433)
    assert (cap24.in_service, cap24.retired) == (2723, 2996)


# --------------------------------------------------------------------------- account credit
def test_account_change_on_2022_11_01_day_before_and_day_of():
    # retired: old 158.20 − 34.57 = 123.63 a month ("每月划入金额增加34.57元", read literally)
    assert compare(SLUG, "2022-10-31", retiree()).credit_new == 1483.56   # 123.63 × 12
    assert compare(SLUG, "2022-11-01", retiree()).credit_new == 1898.40   # 158.20 × 12
    # in service: old rule not found → unknown; then 84.39 × 12 = 1,012.68
    assert compare(SLUG, "2022-10-31", worker()).credit_new is None
    assert compare(SLUG, "2022-11-01", worker()).credit_new == 1012.68


def test_in_service_amount_after_2022_is_not_known():
    # "后续年度按照佛山市职工基本医疗保险筹资政策规定调整": 2022-12-31 still 84.39; 2023-01-01 unknown
    assert compare(SLUG, "2022-12-31", worker()).credit_new == 1012.68
    c = compare(SLUG, "2023-01-01", worker())
    assert c.credit_new is None and "credit_new" in {u["field"] for u in c.unknown}


def test_retiree_gain_from_the_account_is_34_57_a_month():
    # (158.20 − 123.63) × 12 = 34.57 × 12 = 414.84
    c = compare(SLUG, "2023-03-01", retiree())
    assert (c.credit_old, c.credit_new, c.gain_from_account) == (1483.56, 1898.40, 414.84)


# --------------------------------------------------------------------------- outpatient pooling
def test_every_outpatient_payment_is_unknown_and_says_why():
    for person in (worker(bill=3000.0), retiree(bill=3000.0, level="tertiary")):
        c = compare(SLUG, "2024-06-01", person)
        assert c.reimbursement_old is None and c.reimbursement_new is None
        fields = {u["field"] for u in c.unknown}
        assert {"reimbursement_old", "reimbursement_new"} <= fields


@pytest.mark.parametrize("day, tertiary", [
    ("2022-10-31", 0.40),   # "由40%提高至50%": the old ratio
    ("2022-11-01", 0.50),
])
def test_tertiary_ratio_change_on_2022_11_01(day, tertiary):
    pooling = rules_for(SLUG, day).new.pooling
    assert pooling.ratio.in_service.tertiary == tertiary
    assert pooling.ratio.retired.tertiary == tertiary
    assert pooling.deductible.in_service is None   # "不设起付标准" only on a 3P-low page


@pytest.mark.parametrize("day, in_service, retired", [
    ("2022-10-31", None, None),    # old cap not found
    ("2022-11-01", 394, 433),      # two months, prorated
    ("2022-12-31", 394, 433),
    ("2023-01-01", None, None),    # 2023 caps not found
    ("2023-12-31", None, None),
    ("2024-01-01", 2723, 2996),
    ("2024-12-31", 2723, 2996),
    ("2025-01-01", None, None),    # 2025 only on a 3P-low page
])
def test_caps_on_both_sides_of_each_change(day, in_service, retired):
    cap = rules_for(SLUG, day).new.pooling.cap
    assert (cap.in_service, cap.retired) == (in_service, retired)


def test_the_cap_is_on_the_fund_payment():
    # "普通门诊统筹基金年度最高支付限额" → cap, not spending_ceiling
    pooling = rules_for(SLUG, "2024-06-01").new.pooling
    assert pooling.spending_ceiling is None and pooling.cap.in_service == 2723


# --------------------------------------------------------------------------- region metadata
def test_reform_dates():
    r = load_region(SLUG)
    assert r.account_reform.date.isoformat() == "2022-11-01" and r.account_reform.date_exact
    assert r.pooling_start.date is None   # pooling existed before the reform


@pytest.mark.parametrize("day", [d.isoformat() for d in load_region(SLUG).change_dates()])
def test_every_change_date_gives_a_number_or_an_explained_unknown(day):
    for person in (worker(bill=3000.0), retiree(age=72, bill=3000.0),
                   Enrollee(status="flexible", age=40, wage_monthly=6000.0, outpatient_yearly=3000.0)):
        c = compare(SLUG, day, person)
        unknown = {u["field"] for u in c.unknown}
        for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new"):
            assert getattr(c, key) is not None or key in unknown, (day, person.status, key)
        for u in c.unknown:
            assert u["note"]["zh"] and u["note"]["en"]

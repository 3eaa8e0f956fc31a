"""杭州 Hangzhou: partial data (the account reform date and credits were not found).

Sources are those of data/regions/hangzhou/ and /work/research/hangzhou.md. The published figures
are the city's yearly contribution data; the outpatient cases are hand-computed from the 主城区
table (account first), with the account money entered because the credit is unknown.
"""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import rules_for


def in_service(age=40, wage=8000.0, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, **kw)


def retired(age=68, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=4000.0, **kw)


# --------------------------------------------------------------------------- published figures
def test_flexible_contribution_2023():
    # http://yunnanlong.com/c/4421357.html (杭州市医保局 notice of 2022-12-26): base 79,133 × 60% ÷ 12
    # = 3,957 a month, contribution 375.92 a month (3,957 × 9.5% = 375.915)
    c = compare("hangzhou", "2023-06-01", Enrollee(status="flexible", age=40))
    assert c.contributions["own_new"] / 12 == pytest.approx(375.92, abs=0.01)


def test_flexible_contribution_2024_and_the_change_on_2024_01_01():
    # http://jwbk.com/techan/753cb42a26d81f96a8d126560b6b5008.html (notice of 2023-12-29): base 4,462,
    # contribution 423.89 a month (4,462 × 9.5%). The day before: 375.915 a month.
    before = compare("hangzhou", "2023-12-31", Enrollee(status="flexible", age=40))
    on = compare("hangzhou", "2024-01-01", Enrollee(status="flexible", age=40))
    assert before.contributions["own_new"] / 12 == pytest.approx(375.92, abs=0.01)
    assert on.contributions["own_new"] / 12 == pytest.approx(423.89, abs=0.01)


def test_the_flexible_base_and_rate_are_known_from_2023_01_01():
    # 2022: neither the flexible base nor the flexible rate was found → unknown; 2023-01-01: 375.915
    assert compare("hangzhou", "2022-12-31", Enrollee(status="flexible", age=40)).contributions["own_new"] is None
    on = compare("hangzhou", "2023-01-01", Enrollee(status="flexible", age=40))
    assert on.contributions["own_new"] / 12 == pytest.approx(375.92, abs=0.01)


# --------------------------------------------------------------------------- contribution rates
def test_the_employer_rate_falls_from_9_9_to_9_5_percent_on_2023_01_01():
    # 杭医保〔2022〕41号: "统一调整为9.5%(含生育保险0.6%)…自2023年1月1日起施行".
    # base 8,000 (limits not found): 8,000 × 9.9% × 12 = 9,504; from 2023-01-01 × 9.5% = 9,120
    assert compare("hangzhou", "2022-12-31", in_service()).contributions["employer_new"] == 9504.0
    assert compare("hangzhou", "2023-01-01", in_service()).contributions["employer_new"] == 9120.0


# --------------------------------------------------------------------------- outpatient (account first)
def test_in_service_outpatient_after_this_years_account():
    # 3,000 at 三级 with 500 of this year's account money: 3,000 − 500 = 2,500; − 1,000 deductible
    # = 1,500 × 76% = 1,140; cash 3,000 − 1,140 − 500 = 1,360
    c = compare("hangzhou", "2023-06-01", in_service(outpatient_yearly=3000, level="tertiary",
                                                     account_available=500))
    assert (c.reimbursement_new, c.cash_new) == (1140.0, 1360.0)
    # no account money, 二级 ("其他(含二级)"): (3,000 − 1,000) × 80% = 1,600
    c2 = compare("hangzhou", "2023-06-01", in_service(outpatient_yearly=3000, level="secondary",
                                                      account_available=0))
    assert c2.reimbursement_new == 1600.0


def test_retiree_outpatient_at_a_community_clinic():
    # no account money, 社区: (3,000 − 300) × 92% = 2,484; 三级: 2,700 × 82% = 2,214
    e = dict(outpatient_yearly=3000, account_available=0)
    assert compare("hangzhou", "2023-06-01", retired(level="primary", **e)).reimbursement_new == 2484.0
    assert compare("hangzhou", "2023-06-01", retired(level="tertiary", **e)).reimbursement_new == 2214.0


def test_there_is_no_separate_outpatient_cap():
    # "取消门诊待遇2万元封顶线" and no cap in the urban table: unlimited, not unknown.
    # 100,000 at 三级, no account money: (100,000 − 1,000) × 76% = 75,240 (a 20,000 cap would stop at 20,000)
    c = compare("hangzhou", "2023-06-01", in_service(outpatient_yearly=100000, level="tertiary",
                                                     account_available=0))
    assert c.reimbursement_new == 75240.0


# --------------------------------------------------------------------------- what is not known
def test_credits_are_unknown_and_no_reform_is_dated():
    rs = rules_for("hangzhou", "2024-06-01")
    assert rs.old_reason == "no_reform_yet"
    c = compare("hangzhou", "2024-06-01", retired())
    assert c.credit_old is None and c.credit_new is None


def test_an_unknown_credit_makes_account_first_reimbursement_unknown():
    c = compare("hangzhou", "2023-06-01", in_service(outpatient_yearly=3000, level="tertiary"))
    assert c.reimbursement_new is None

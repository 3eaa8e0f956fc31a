"""上海 Shanghai: the 2023 medical-insurance-year reform (沪医保规〔2023〕6号, from 2023-07-01).

Sources are those of data/regions/shanghai/ and /work/research/shanghai.md. No published
outpatient calculation with numbers was found, so the cases are hand-computed from the rules,
with the arithmetic in the comments. Outpatient care is paid account first (账户段 → 自负段 →
共付段) in both regimes.
"""

import pytest

from medinsure import Enrollee, compare

REFORM = "2023-07-01"
DAY_BEFORE = "2023-06-30"


def in_service(age=40, wage=8000.0, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, **kw)


def retired(age, retirement_year, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=4000.0, retirement_year=retirement_year, **kw)


# --------------------------------------------------------------------------- the research note's illustration
def test_the_2022_year_illustration_of_the_three_segments():
    # research note §8 (DERIVED from the 2022 rules; 2018 amounts at https://rrb365.com/news/20180419162233.html):
    # in-service, 30, 2022 year, credit 2% × 8,000 × 12 + 210 = 2,130 (entered: the model cannot
    # express "2% + 210"). Bill 5,000 at 二级: account 2,130 → cash 1,500 → 1,370 × 60% = 822 fund;
    # cash = 5,000 − 822 − 2,130 = 2,048
    c = compare("shanghai", DAY_BEFORE, in_service(age=30, outpatient_yearly=5000, level="secondary",
                                                   account_available=2130))
    assert c.reimbursement_new == 822.0
    assert c.cash_new == 2048.0


# --------------------------------------------------------------------------- in-service outpatient, both sides of 2023-07-01
def test_the_in_service_self_pay_segment_falls_from_1500_to_500_on_2023_07_01():
    # no account money, 40, 3,000 at 二级:
    # 2023-06-30: (3,000 − 1,500) × 60% = 900;  2023-07-01: (3,000 − 500) × 75% = 1,875
    e = in_service(outpatient_yearly=3000, level="secondary", account_available=0)
    before = compare("shanghai", DAY_BEFORE, e)
    assert before.reimbursement_new == 900.0
    on = compare("shanghai", REFORM, e)
    assert (on.reimbursement_old, on.reimbursement_new) == (900.0, 1875.0)
    assert on.old_date.isoformat() == DAY_BEFORE


def test_the_old_in_service_ratios_change_at_45_and_the_1955_group_is_unknown():
    # 3,000 at 三级, no account money, 2023-06-30: age 44 (1,500) × 50% = 750; age 45 × 60% = 900.
    # From 66 the 1955 group (70% instead of 60%) cannot be told apart: 三级 unknown; 二级 is 70%
    # for both, (3,000 − 1,500) × 70% = 1,050
    def paid(age, level):
        return compare("shanghai", DAY_BEFORE, in_service(age=age, outpatient_yearly=3000, level=level,
                                                          account_available=0)).reimbursement_new
    assert paid(44, "tertiary") == 750.0
    assert paid(45, "tertiary") == 900.0
    assert paid(66, "tertiary") is None
    assert paid(66, "secondary") == 1050.0
    # 44 at 一级: 1,500 × 65% = 975; 45 at 一级: × 75% = 1,125
    assert paid(44, "primary") == 975.0
    assert paid(45, "primary") == 1125.0


def test_before_2023_the_fund_paid_no_share_at_pharmacies():
    # "不含到定点零售药店配药所发生的费用": pharmacy spending counts toward the 自负段, no co-pay → 0.
    # From 2023-07-01 a pharmacy follows the prescribing facility's ratio, which is not one number.
    e = in_service(outpatient_yearly=3000, level="pharmacy", account_available=0)
    c = compare("shanghai", REFORM, e)
    assert c.reimbursement_old == 0.0
    assert c.reimbursement_new is None


def test_the_new_in_service_credit_is_paid_first_and_the_old_credit_is_unknown():
    # 2023-07-01, 30, base 8,000: credit 2% × 8,000 × 12 = 1,920. 3,000 at 二级: the account pays 1,920,
    # (1,080 − 500) × 75% = 435 fund; cash 3,000 − 435 − 1,920 = 645.
    # The old credit (2% + 210 a year) is a share plus a fixed amount: unknown in the data.
    c = compare("shanghai", REFORM, in_service(age=30, outpatient_yearly=3000, level="secondary"))
    assert c.credit_new == 1920.0
    assert c.reimbursement_new == 435.0
    assert c.cash_new == 645.0
    assert c.credit_old is None


# --------------------------------------------------------------------------- retirees
def test_retiree_credits_are_the_same_before_and_after_and_change_at_75():
    # 1,680 a year at 74 or under, 1,890 at 75 or over, in the 2022 year and from 2023-07-01
    c74 = compare("shanghai", REFORM, retired(74, 2010))
    c75 = compare("shanghai", REFORM, retired(75, 2010))
    assert (c74.credit_old, c74.credit_new) == (1680.0, 1680.0)
    assert (c75.credit_old, c75.credit_new) == (1890.0, 1890.0)


def test_a_retiree_of_before_2001_on_both_sides_of_the_reform():
    # retired 1998, 80, 3,000 at 二级, credit 1,890: 3,000 − 1,890 = 1,110 after the account.
    # old: (1,110 − 300) × 85% = 688.5;  new: (1,110 − 200) × 85% = 773.5
    c = compare("shanghai", REFORM, retired(80, 1998, outpatient_yearly=3000, level="secondary"))
    assert c.reimbursement_old == pytest.approx(688.5, abs=0.01)
    assert c.reimbursement_new == pytest.approx(773.5, abs=0.01)
    # retired in 2000 is still "2000年12月31日以前退休": the same result
    c2000 = compare("shanghai", REFORM, retired(80, 2000, outpatient_yearly=3000, level="secondary"))
    assert c2000.reimbursement_new == pytest.approx(773.5, abs=0.01)


def test_a_retiree_of_2001_or_later_after_the_reform_and_unknown_before():
    # retired 2010, 65, credit 1,680; 3,000 at 二级: (3,000 − 1,680 − 300) × 80% = 816;
    # cash 3,000 − 816 − 1,680 = 504. Before: 自负段 700 but the ratio depends on age and retirement
    # date together (80/75/70% under 70, 85/80/75% at 70+): unknown.
    c = compare("shanghai", REFORM, retired(65, 2010, outpatient_yearly=3000, level="secondary"))
    assert (c.reimbursement_new, c.cash_new) == (816.0, 504.0)
    assert c.reimbursement_old is None
    # retired in 2001: 300 (not 200); (3,000 − 1,680 − 300) × 85% at 一级 = 867
    c2001 = compare("shanghai", REFORM, retired(65, 2001, outpatient_yearly=3000, level="primary"))
    assert c2001.reimbursement_new == 867.0


# --------------------------------------------------------------------------- cap decision
def test_there_is_no_separate_outpatient_cap():
    # The 61万/63万 cap is the pooled fund's overall payment cap, and above it the 附加基金 still pays
    # 80%: recorded as no separate outpatient cap (unlimited), not as an unknown cap (which would
    # make every result unknown). 100,000 at 三级, no account money:
    # new: (100,000 − 500) × 70% = 69,650;  old (age 40): (100,000 − 1,500) × 50% = 49,250
    c = compare("shanghai", "2023-08-01", in_service(outpatient_yearly=100000, level="tertiary",
                                                     account_available=0))
    assert c.reimbursement_new == 69650.0
    assert c.reimbursement_old == 49250.0


# --------------------------------------------------------------------------- contributions
def test_the_employer_rate_falls_from_10_5_to_10_percent_in_october_2022():
    # base 8,000 (no floor/ceiling known): 8,000 × 10.5% × 12 = 10,080; from 2022-10-01 × 10% = 9,600
    before = compare("shanghai", "2022-09-30", in_service())
    on = compare("shanghai", "2022-10-01", in_service())
    assert before.contributions["employer_new"] == 10080.0
    assert on.contributions["employer_new"] == 9600.0


def test_the_employer_rate_is_unknown_from_march_2024():
    # only a low-reliability page reports 9% from 2024-03: not used, so unknown from that day
    assert compare("shanghai", "2024-02-29", in_service()).contributions["employer_new"] == 9600.0
    assert compare("shanghai", "2024-03-01", in_service()).contributions["employer_new"] is None


def test_an_unknown_old_credit_makes_the_old_reimbursement_unknown():
    # the old in-service credit (2% + 210/420/630) is unknown, and the account pays first
    c = compare("shanghai", REFORM, in_service(outpatient_yearly=3000, level="secondary"))
    assert c.reimbursement_old is None

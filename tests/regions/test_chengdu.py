"""成都 Chengdu: published examples and hand-computed cases for data/regions/chengdu/.

Rules entered (see the YAML notes): account change and outpatient pooling 2023-01-01 (成办规〔2022〕4号);
contribution rates in force by 2023-02-23; contribution base from 2023-07-01.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from medinsure import Enrollee, compare, load_region
from medinsure.flexible import flexible_outlook
from medinsure.personal_account import credit_for_rule


def worker(age=40, wage=8000.0, bill=0.0, level="secondary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="secondary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill, level=level)


# --------------------------------------------------------------------------- published examples
def test_E7_new_retiree_rate_gives_92_4_on_the_illustrative_3300():
    # policy_facts §3 E7, https://ygshg.com/shenghuo/79x52.html [3P]: new credit 2.8% × an
    # illustrative average pension of 3,300 = 92.4 元/月. The data holds the rate (2.8%) but not the
    # average (not published), so the rule is applied to the example's 3,300 directly.
    rule = load_region("chengdu").file("personal_account").at(dt.date(2023, 1, 1)).value.retired
    assert rule.kind == "share_of_amount" and rule.amount is None
    one = np.array([68])
    monthly = credit_for_rule(rule.model_copy(update={"amount": 3300.0}), one, one * np.nan,
                              one * np.nan, one * np.nan) / 12
    assert monthly[0] == pytest.approx(92.4, abs=0.01)
    # with the amount unknown, the data's retiree credit is unknown
    assert compare("chengdu", "2023-06-01", retiree()).credit_new is None


def test_E7_old_retiree_example_is_not_a_rule_so_the_old_credit_is_unknown():
    # E7's old 220 元/月 (6,785 × 3.25% "算上增补部分") is an example, not a published rule, and the
    # old formula on http://zhejianglong.com/c/2641541.html breaks off: the data says unknown.
    assert compare("chengdu", "2023-06-01", retiree()).credit_old is None


def test_flexible_contribution_515_66_on_base_5428():
    # http://m.qebk.com/techan/380c69af0ae8facfe5226489ccb7e5c6.html (2023-02-23) [3P]: 统账结合
    # flexible worker, base 5,428 → 515.66 元/月. Data: 9.5% (= 515.66 / 5,428) and no fixed part.
    o = flexible_outlook("chengdu", "2023-03-01")
    assert o.base_monthly == 5428.0 and o.rate == 0.095
    assert o.contribution_monthly == 515.66          # 5,428 × 9.5% = 515.66
    assert o.contribution_yearly == 6187.92          # 515.66 × 12


# --------------------------------------------------------------------------- account change 2023-01-01
def test_in_service_credit_day_before_and_day_of_the_account_change():
    # 2022-12-31: old in-service rates (成府发〔2010〕6号) not found → unknown
    assert compare("chengdu", "2022-12-31", worker()).credit_new is None
    # 2023-01-01: 8,000 × 2% = 160 a month × 12 = 1,920
    c = compare("chengdu", "2023-01-01", worker())
    assert c.credit_new == 1920.0 and c.credit_old is None
    assert c.old_date == dt.date(2022, 12, 31)


def test_flexible_credit_2_percent_from_2023():
    # "在职职工(含灵活就业人员) 个人账户月计入标准为本人参保缴费基数的2%": 6,000 × 2% = 120 × 12 = 1,440
    f = Enrollee(status="flexible", age=40, wage_monthly=6000.0)
    assert compare("chengdu", "2023-01-01", f).credit_new == 1440.0
    assert compare("chengdu", "2022-12-31", f).credit_new is None


# --------------------------------------------------------------------------- outpatient pooling 2023-01-01
@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="secondary"), 1680.0),   # (3,000 − 200) × 60%
    (worker(bill=3000.0, level="primary"), 1680.0),     # 二级及以下 60%
    (worker(bill=3000.0, level="tertiary"), 1400.0),    # (3,000 − 200) × 50%
    (worker(bill=3000.0, level="pharmacy"), 1400.0),    # pharmacies as 三级: 50%
    (retiree(bill=3000.0, level="secondary"), 1995.0),  # (3,000 − 150) × 70%
    (retiree(bill=3000.0, level="tertiary"), 1710.0),   # (3,000 − 150) × 60%
    (retiree(bill=3000.0, level="pharmacy"), 1710.0),   # (3,000 − 150) × 60%
])
def test_outpatient_day_before_and_day_of_pooling(person, expected):
    assert compare("chengdu", "2022-12-31", person).reimbursement_new == 0.0   # no pooling before
    c = compare("chengdu", "2023-01-01", person)
    assert c.reimbursement_new == pytest.approx(expected, abs=0.01)
    assert c.reimbursement_old == 0.0


def test_2000_and_2500_are_caps_on_the_fund_not_spending_ceilings():
    # "统筹基金年度支付限额2000元,退休人员2500元": a cap on the fund's payment.
    # In service, 二级, 4,000 a year: (4,000 − 200) × 60% = 2,280 → capped at 2,000.
    # (Read as a spending ceiling it would be (2,000 − 200) × 60% = 1,080.)
    assert compare("chengdu", "2023-06-01", worker(bill=4000.0)).reimbursement_new == 2000.0
    # below the cap: 3,500 → (3,500 − 200) × 60% = 1,980
    assert compare("chengdu", "2023-06-01", worker(bill=3500.0)).reimbursement_new == 1980.0
    # retired, 一级, 5,000: (5,000 − 150) × 70% = 3,395 → 2,500
    assert compare("chengdu", "2023-06-01", retiree(bill=5000.0, level="primary")).reimbursement_new == 2500.0


def test_flexible_enrollees_follow_the_in_service_outpatient_rules():
    # (3,000 − 200) × 60% = 1,680, cap 2,000
    f = Enrollee(status="flexible", age=40, wage_monthly=6000.0, outpatient_yearly=3000.0, level="secondary")
    assert compare("chengdu", "2023-01-01", f).reimbursement_new == 1680.0


# --------------------------------------------------------------------------- contributions
def test_flexible_contribution_day_before_and_day_of_2023_02_23():
    # 2023-02-22: rates and bases before February 2023 not found
    assert flexible_outlook("chengdu", "2023-02-22").contribution_monthly is None
    assert flexible_outlook("chengdu", "2023-02-23").contribution_monthly == 515.66


def test_base_floor_from_2023_07_01():
    # floor 4,246 from 2023-07-01 (60% of 84,912 / 12 = 7,076). A 3,000 wage:
    # 2023-06-30: floor not known → base 3,000 → 3,000 × 2% = 60 × 12 = 720
    assert compare("chengdu", "2023-06-30", worker(wage=3000.0)).credit_new == 720.0
    # 2023-07-01: base 4,246 → 84.92 × 12 = 1,019.04
    assert compare("chengdu", "2023-07-01", worker(wage=3000.0)).credit_new == pytest.approx(1019.04, abs=0.01)
    # ceiling 21,228: a 30,000 wage → 424.56 × 12 = 5,094.72
    assert compare("chengdu", "2023-07-01", worker(wage=30000.0)).credit_new == pytest.approx(5094.72, abs=0.01)


def test_region_dates():
    reg = load_region("chengdu")
    assert reg.account_reform.date == reg.pooling_start.date == dt.date(2023, 1, 1)
    assert reg.account_reform.date_exact and reg.pooling_start.date_exact

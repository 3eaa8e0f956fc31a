"""镇江 Zhenjiang: the 2023 outpatient mutual-aid policy (calendar 2023, recorded from 2023-01-01).

Sources are those of data/regions/zhenjiang/ and /work/research/zhenjiang.md. The first cases are
the 镇江市医疗保障局 old-versus-new example; the others are hand-computed with the arithmetic in
the comments.
"""

import dataclasses
import datetime as dt

import numpy as np
import pytest

from medinsure import Enrollee, compare
from medinsure.outpatient import outpatient_outcome, pooling_parameters
from medinsure.rules import load_region, rules_on

EXAMPLE_URLS = (
    "http://xw588.com/techan/8be6a38133739b76f18028634bed9094.html",
    "https://ddtbk.com/techan/3f1ecbe433c2e512509dbb5c56638525.html",
)

# 小张, in service, 36, yearly base 51,000 (4,250 a month), no prior-year balance, 8,000 of
# outpatient spending at 练湖社区卫生中心 (a 基层 facility)
XIAO_ZHANG = dict(status="in_service", age=36, wage_monthly=4250.0, outpatient_yearly=8000, level="primary")


# --------------------------------------------------------------------------- the published example
def test_the_bureau_example_new_rule():
    # EXAMPLE_URLS: "新政策…个人账户按2%划入为51000×2%=1020元…小张医保报销费用为800元+6480元+220元=7500元;
    # 个人只要现金自付500元". Pooled first: (8,000 − 800) × 90% = 6,480 fund; the account pays the 800
    # deductible and 220 of the 720 co-payment (1,020 in all); cash 500. (The published "报销" 7,500
    # counts the account money too.)
    c = compare("zhenjiang", "2023-06-01", Enrollee(**XIAO_ZHANG))
    assert c.credit_new == 1020.0
    assert c.reimbursement_new == 6480.0
    assert c.cash_new == 500.0
    assert c.reimbursement_new + 1020.0 == 7500.0


def test_the_bureau_example_old_credit():
    # EXAMPLE_URLS: "当年账户报销1530元(原账户划入为3%,51000×3%=1530元)"
    c = compare("zhenjiang", "2023-06-01", Enrollee(**XIAO_ZHANG))
    assert c.credit_old == 1530.0
    assert c.gain_from_account == -510.0


def test_the_bureau_example_old_rule_where_no_cap_binds():
    # EXAMPLE_URLS: "原政策,小张医保报销费用为1530元+4023元=5553元,个人现金自付2000元+447元=2447元…
    # 新政策可多报销1947元". Old rule: account 1,530 → cash 2,000 → (8,000 − 1,530 − 2,000) × 90% = 4,023;
    # cash 2,000 + 447 = 2,447. The old cap was not found, so compare() leaves the old reimbursement
    # unknown; the data's old deductible, ratio and order reproduce the example once no cap binds
    # (the example shows the fund paid 4,023, so any cap was at least that).
    c = compare("zhenjiang", "2023-06-01", Enrollee(**XIAO_ZHANG))
    assert c.reimbursement_old is None
    op = rules_on(load_region("zhenjiang"), dt.date(2022, 12, 31)).pooling
    assert op.payment_order == "account_first" and op.cap.in_service is None
    p = pooling_parameters(op, np.array([0]), np.array([36]), np.array([np.nan]), np.array([1]))
    p = dataclasses.replace(p, cap=np.array([np.inf]))
    out = outpatient_outcome(p, np.array([8000.0]), np.array([0.0]), np.array([1530.0]))
    assert out.reimbursement[0] == pytest.approx(4023.0, abs=0.01)
    assert out.account_paid[0] == pytest.approx(1530.0, abs=0.01)
    assert out.cash[0] == pytest.approx(2447.0, abs=0.01)
    # "多报销1947元": old cash 2,447 − new cash 500
    assert out.cash[0] - c.cash_new == pytest.approx(1947.0, abs=0.01)


# --------------------------------------------------------------------------- both sides of 2023-01-01
def test_the_deductible_and_ratios_change_on_2023_01_01():
    # 3,000 at 二级, no account money.
    # 2022-12-31, in service: (3,000 − 2,000) × 70% = 700 → but the old cap is unknown: None.
    # 2023-01-01, in service: (3,000 − 800) × 75% = 1,650; retired: (3,000 − 500) × 80% = 2,000
    e = dict(outpatient_yearly=3000, level="secondary", account_available=0)
    assert compare("zhenjiang", "2022-12-31", Enrollee(status="in_service", age=40, wage_monthly=8000,
                                                       **e)).reimbursement_new is None
    on = compare("zhenjiang", "2023-01-01", Enrollee(status="in_service", age=40, wage_monthly=8000, **e))
    assert on.reimbursement_new == 1650.0
    r = compare("zhenjiang", "2023-01-01", Enrollee(status="retired", age=68, pension_monthly=4000, **e))
    assert r.reimbursement_new == 2000.0


def test_new_ratios_at_the_two_tertiary_hospitals_and_at_basic_facilities():
    # 3,000, no account money, 2023: 三级 (市一院/江大附院) in service (3,000 − 800) × 60% = 1,320,
    # retired (3,000 − 500) × 65% = 1,625; 基层 in service 2,200 × 90% = 1,980, retired 2,500 × 90% = 2,250
    def paid(status, level):
        kw = dict(wage_monthly=8000) if status == "in_service" else dict(pension_monthly=4000)
        return compare("zhenjiang", "2023-03-01", Enrollee(status=status, age=60, outpatient_yearly=3000,
                                                           level=level, account_available=0, **kw)).reimbursement_new
    assert paid("in_service", "tertiary") == 1320.0
    assert paid("retired", "tertiary") == 1625.0
    assert paid("in_service", "primary") == 1980.0
    assert paid("retired", "primary") == 2250.0


def test_the_old_credit_is_known_only_at_age_36():
    # 2022-12-31: 36 → 4,250 × 3% × 12 = 1,530; 35 and 37 not attested
    assert compare("zhenjiang", "2022-12-31", Enrollee(status="in_service", age=36, wage_monthly=4250)).credit_new == 1530.0
    assert compare("zhenjiang", "2022-12-31", Enrollee(status="in_service", age=35, wage_monthly=4250)).credit_new is None
    assert compare("zhenjiang", "2022-12-31", Enrollee(status="in_service", age=37, wage_monthly=4250)).credit_new is None
    # 2023-01-01: 2% for everyone, 4,250 × 2% × 12 = 1,020
    assert compare("zhenjiang", "2023-01-01", Enrollee(status="in_service", age=50, wage_monthly=4250)).credit_new == 1020.0


# --------------------------------------------------------------------------- cap decision
def test_the_10000_limit_is_read_as_a_cap_on_what_the_fund_pays():
    # "基金支付费用限额 1万元": the fund pays at most 10,000 a year. In service at 基层, no account money:
    #   11,000: (11,000 − 800) × 90% = 9,180 (below the cap);
    #   15,000: (15,000 − 800) × 90% = 12,780 → capped at 10,000.
    # Read as a ceiling on spending instead, 15,000 would give (10,000 − 800) × 90% = 8,280 and
    # 11,000 the same 8,280.
    def paid(bill):
        return compare("zhenjiang", "2023-06-01", Enrollee(status="in_service", age=40, wage_monthly=8000,
                                                           outpatient_yearly=bill, level="primary",
                                                           account_available=0)).reimbursement_new
    assert paid(11000) == 9180.0
    assert paid(15000) == 10000.0

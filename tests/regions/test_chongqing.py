"""重庆 Chongqing: published examples and hand-computed cases for data/regions/chongqing/.

Rules entered (see the YAML notes): the old rules through 2023-12-31; account change and general
outpatient pooling from 2024-01-01 (重庆市政府新闻发布会 2023-12-22, 中新网 / 重庆日报).
E15 (individual enrollee, 2,670 a year) is tested in tests/test_flexible.py.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from medinsure import Enrollee, compare, load_region
from medinsure.personal_account import credit_for_rule


def worker(age=40, wage=8000.0, bill=0.0, level="secondary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="secondary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill, level=level)


# --------------------------------------------------------------------------- published examples
@pytest.mark.parametrize("age, monthly", [(30, 146.85), (40, 155.75), (50, 164.65)])
def test_old_rates_reproduce_the_published_tier_2_examples(age, monthly):
    # https://m.jiusongjiankang.com/health/news/5169758.html [3P-low, corroboration]: 个人二档, base
    # 4,450: 4,450 × 3.3% = 146.85 (不满35), × 3.5% = 155.75, × 3.7% = 164.65. The employer-based
    # totals in the data (1.3 / 1.5 / 1.7% + own 2%, https://www.baohanwang.com.cn/a/49809.html [3P])
    # are the same rates.
    rule = load_region("chongqing").file("personal_account").at(dt.date(2023, 12, 31)).value.in_service
    a = np.array([age])
    got = credit_for_rule(rule, a, np.array([4450.0]), a * np.nan, a * np.nan) / 12
    assert got[0] == pytest.approx(monthly, abs=0.01)


def test_new_retiree_credit_105_and_115():
    # 中新网 2023-12-22 (http://xhrxf123.wineast.net/join/join_wz.asp?6v=vnMv.html [OFF-R]):
    # "70岁以下退休人员划入105元/月,70(含)岁以上退休人员划入115元/月"
    assert compare("chongqing", "2024-01-01", retiree(age=69)).credit_new == 1260.0   # 105 × 12
    assert compare("chongqing", "2024-01-01", retiree(age=70)).credit_new == 1380.0   # 115 × 12


# --------------------------------------------------------------------------- account change 2024-01-01
@pytest.mark.parametrize("age, old", [
    (30, 3168.0),   # 8,000 × 3.3% = 264 × 12
    (34, 3168.0),   # 不满35 → 3.3%
    (35, 3360.0),   # 8,000 × 3.5% = 280 × 12
    (44, 3360.0),
    (45, 3552.0),   # 8,000 × 3.7% = 296 × 12
    (50, 3552.0),
])
def test_in_service_credit_day_before_and_day_of_the_account_change(age, old):
    assert compare("chongqing", "2023-12-31", worker(age=age)).credit_new == old
    c = compare("chongqing", "2024-01-01", worker(age=age))
    assert (c.credit_old, c.credit_new) == (old, 1920.0)   # new: 8,000 × 2% = 160 × 12
    assert c.old_date == dt.date(2023, 12, 31)


def test_the_old_rules_run_through_2023():
    # the 2023 "in force by" dates of the earlier data are gone: mid-2023 is still the old rule
    assert compare("chongqing", "2023-06-30", worker(age=30)).credit_new == 3168.0
    assert compare("chongqing", "2023-06-30", worker(bill=3000.0)).reimbursement_new == 0.0


def test_retiree_credit_day_before_and_day_of_the_account_change():
    # 2023-12-31: 4% × 60% × an average wage whose amount was not found → unknown
    assert compare("chongqing", "2023-12-31", retiree()).credit_new is None
    assert compare("chongqing", "2024-01-01", retiree()).credit_new == 1260.0


# --------------------------------------------------------------------------- outpatient pooling 2024-01-01
@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 1680.0),     # (3,000 − 200) × 60%
    (worker(bill=3000.0, level="secondary"), 1680.0),   # 二级及以下 60%
    (worker(bill=3000.0, level="tertiary"), 1400.0),    # (3,000 − 200) × 50%
    (retiree(bill=3000.0, level="secondary"), 2030.0),  # (3,000 − 100) × 70%
    (retiree(bill=3000.0, level="tertiary"), 1740.0),   # (3,000 − 100) × 60%
])
def test_outpatient_day_before_and_day_of_pooling(person, expected):
    assert compare("chongqing", "2023-12-31", person).reimbursement_new == 0.0
    c = compare("chongqing", "2024-01-01", person)
    assert c.reimbursement_new == pytest.approx(expected, abs=0.01) and c.reimbursement_old == 0.0


def test_caps_3000_and_4000_on_the_fund():
    # "年度最高支付限额在职人员为3000元/年,退休人员为4000元/年": the fund's payment.
    # in service, 一级, 6,000: (6,000 − 200) × 60% = 3,480 → 3,000
    assert compare("chongqing", "2024-06-01", worker(bill=6000.0, level="primary")).reimbursement_new == 3000.0
    # retired, 一级, 7,000: (7,000 − 100) × 70% = 4,830 → 4,000
    assert compare("chongqing", "2024-06-01", retiree(bill=7000.0, level="primary")).reimbursement_new == 4000.0
    # below the cap: retired, 三级, 5,000: (5,000 − 100) × 60% = 2,940
    assert compare("chongqing", "2024-06-01", retiree(bill=5000.0, level="tertiary")).reimbursement_new == 2940.0


def test_pharmacy_ratio_not_found():
    assert compare("chongqing", "2024-06-01", worker(bill=3000.0, level="pharmacy")).reimbursement_new is None


def test_region_dates():
    reg = load_region("chongqing")
    assert reg.account_reform.date == reg.pooling_start.date == dt.date(2024, 1, 1)
    assert reg.account_reform.date_exact and reg.pooling_start.date_exact


# --------------------------------------------------------------------------- contributions
def test_contribution_entries_day_before_and_day_of_each_change():
    from medinsure.flexible import flexible_outlook
    # tier 1 (E15, 渝医保发〔2021〕78号): 53,400 × 4% + 1% = 2,136 + 534 = 2,670 a year, to 2023-12-31
    assert flexible_outlook("chongqing", "2023-12-31").contribution_yearly == 2670.0
    # 2024: the individual base was not found → unknown
    assert flexible_outlook("chongqing", "2024-01-01").contribution_yearly is None
    assert flexible_outlook("chongqing", "2024-12-31").contribution_yearly is None
    # 2025: 61,500 × 4% + 1% = 2,460 + 615 = 3,075
    assert flexible_outlook("chongqing", "2025-01-01").contribution_yearly == 3075.0
    # employer 8.5% (page of 2023-04-17): 8,000 × 8.5% × 12 = 8,160 on 2023-12-31; not found from 2024
    assert compare("chongqing", "2023-12-31", worker()).contributions["employer_new"] == 8160.0
    assert compare("chongqing", "2024-01-01", worker()).contributions["employer_new"] is None

"""西安 Xi'an: published examples and hand-computed cases for data/regions/xian/.

Rules entered (see the YAML notes): account change and general outpatient pooling from 2023-01-01
(stated for 西咸新区, "in force by" for Xi'an proper); 2022 flexible-employment base and rates in force
by 2022-10-25, bases unknown again from 2023-01-01.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medinsure import Enrollee, compare, load_region
from medinsure.flexible import flexible_outlook


def worker(age=40, wage=8000.0, bill=0.0, level="secondary"):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, outpatient_yearly=bill, level=level)


def retiree(age=68, pension=4000.0, bill=0.0, level="secondary"):
    return Enrollee(status="retired", age=age, pension_monthly=pension, outpatient_yearly=bill, level=level)


# --------------------------------------------------------------------------- published examples
@pytest.mark.parametrize("age, monthly", [
    (30, 94.5),    # "你今年30岁…缴费基数是3500,你医保卡每月打入3500 x 2.7%=94.5元"
    (45, 105.0),   # "你今年45岁…3500 x 3.0%=105元"
])
def test_cj8814_old_in_service_examples(age, monthly):
    # http://cj8814.cn/89634.html [3P]. Checked on 2022-06-01, before the 2022 floor of 4,183 is on record.
    c = compare("xian", "2022-06-01", worker(age=age, wage=3500.0))
    assert c.credit_new == pytest.approx(monthly * 12, abs=0.01)


def test_cj8814_old_retiree_example():
    # http://cj8814.cn/89634.html [3P]: "张三已经退休,退休金是1500元/月…1500x 5.0%=75元"
    assert compare("xian", "2022-06-01", retiree(pension=1500.0)).credit_new == 900.0   # 75 × 12


def test_new_retiree_credit_100_a_month():
    # http://life.3news.cn/bxtw/2023/0514/944947.html (2023-05-14) and
    # http://www.jewelry.nanfei.cn/zixun/2023/0629/3333.html (2023-06-29) [3P]: "每月计入100元"
    for age in (65, 75):
        assert compare("xian", "2023-06-29", retiree(age=age)).credit_new == 1200.0


# --------------------------------------------------------------------------- account change 2023-01-01
@pytest.mark.parametrize("age, old", [
    (30, 2592.0),   # 8,000 × 2.7% = 216 × 12
    (40, 2592.0),   # "40 岁以下" includes 40
    (41, 2880.0),   # 8,000 × 3.0% = 240 × 12
    (50, 2880.0),
    (51, 3456.0),   # 8,000 × 3.6% = 288 × 12
])
def test_in_service_credit_day_before_and_day_of_the_account_change(age, old):
    assert compare("xian", "2022-12-31", worker(age=age)).credit_new == old
    c = compare("xian", "2023-01-01", worker(age=age))
    assert (c.credit_old, c.credit_new) == (old, 1920.0)   # new: 8,000 × 2% = 160 × 12


def test_retiree_credit_day_before_and_day_of_the_account_change():
    # old: 4,000 × 5% = 200 × 12 = 2,400; new: 100 × 12 = 1,200
    assert compare("xian", "2022-12-31", retiree()).credit_new == 2400.0
    c = compare("xian", "2023-01-01", retiree())
    assert (c.credit_old, c.credit_new) == (2400.0, 1200.0)


# --------------------------------------------------------------------------- outpatient pooling 2023-01-01
@pytest.mark.parametrize("person, expected", [
    (worker(bill=3000.0, level="primary"), 1960.0),     # (3,000 − 200) × 70%
    (worker(bill=3000.0, level="pharmacy"), 1960.0),    # pharmacies as 一级: 70%
    (worker(bill=3000.0, level="secondary"), 1680.0),   # (3,000 − 200) × 60%
    (worker(bill=3000.0, level="tertiary"), 1400.0),    # (3,000 − 200) × 50%
    (retiree(bill=3000.0, level="primary"), 2100.0),    # (3,000 − 200) × 75%
    (retiree(bill=3000.0, level="secondary"), 1820.0),  # (3,000 − 200) × 65%
    (retiree(bill=3000.0, level="tertiary"), 1540.0),   # (3,000 − 200) × 55%
])
def test_outpatient_day_before_and_day_of_pooling(person, expected):
    assert compare("xian", "2022-12-31", person).reimbursement_new == 0.0
    c = compare("xian", "2023-01-01", person)
    assert c.reimbursement_new == pytest.approx(expected, abs=0.01) and c.reimbursement_old == 0.0


def test_2000_and_2500_are_caps_on_the_fund():
    # "支付额度=(…费用-个人先付部分-起付标准)x相应机构支付比例", at most the 年度最高支付限额.
    # in service, 一级, 4,000: (4,000 − 200) × 70% = 2,660 → 2,000
    # (a spending ceiling of 2,000 would give (2,000 − 200) × 70% = 1,260)
    assert compare("xian", "2023-06-01", worker(bill=4000.0, level="primary")).reimbursement_new == 2000.0
    # retired, 一级, 4,000: (4,000 − 200) × 75% = 2,850 → 2,500
    assert compare("xian", "2023-06-01", retiree(bill=4000.0, level="primary")).reimbursement_new == 2500.0


# --------------------------------------------------------------------------- contributions
def test_base_floor_day_before_and_day_of_2022_10_25_and_after_2022():
    # 2022-10-24: no floor on record → base 3,500 → 3,500 × 2.7% = 94.5 × 12 = 1,134
    assert compare("xian", "2022-10-24", worker(age=30, wage=3500.0)).credit_new == 1134.0
    # 2022-10-25: floor 4,183 → 4,183 × 2.7% = 112.941 → 112.94 × 12 = 1,355.28
    assert compare("xian", "2022-10-25", worker(age=30, wage=3500.0)).credit_new == pytest.approx(1355.28, abs=0.01)
    # 2023-01-01: the 2022 figures end, no floor on record → 3,500 × 2% = 70 × 12 = 840
    assert compare("xian", "2023-01-01", worker(age=30, wage=3500.0)).credit_new == 840.0


def test_flexible_contribution_2022():
    # https://img.ccschy.com/techan/238545.html (2022-10-25) [3P]: 9% + 8元/月 大额, base 6,971 (100%)
    assert flexible_outlook("xian", "2022-10-24").contribution_monthly is None
    o = flexible_outlook("xian", "2022-10-25")
    assert o.base_monthly == 6971.0
    assert o.contribution_monthly == 635.39   # 6,971 × 9% = 627.39 + 8
    # 60% base 4,183: 4,183 × 9% = 376.47 + 8 = 384.47
    assert flexible_outlook("xian", "2022-10-25", "floor").contribution_monthly == 384.47


def test_region_dates_are_in_force_by():
    reg = load_region("xian")
    assert reg.account_reform.date == reg.pooling_start.date == dt.date(2023, 1, 1)
    assert not reg.account_reform.date_exact and not reg.pooling_start.date_exact


def test_flexible_contribution_from_2023():
    # 2023-01-01: the 9% is kept (2022 [3P] and 2024 [3P-low] agree), the 8 元 大额 is not known after 2022
    o = flexible_outlook("xian", "2023-01-01", "amount", 5000.0)
    assert o.rate == 0.09 and o.rate_part_monthly == 450.0 and o.contribution_monthly is None
    assert flexible_outlook("xian", "2022-12-31", "amount", 5000.0).contribution_monthly == 458.0   # 450 + 8

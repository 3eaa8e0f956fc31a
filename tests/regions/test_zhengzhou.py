"""Zhengzhou (郑州): the 市医保局's published outpatient example, the start of pooling and of the new
crediting (2022-07-01), the halved caps of 2022, the per-visit deductible and the cap reading.

Hand-computed cases write their arithmetic in a comment. Old rules are those of 2022-06-30.
"""

import datetime as dt

import pytest

from medinsure import Enrollee, InvalidInput, compare, load_region


def retiree(bill=0.0, level="secondary", visits=12):
    return Enrollee(status="retired", age=68, pension_monthly=4000.0, outpatient_yearly=bill,
                    level=level, visits_yearly=visits)


def worker(wage=8000.0, bill=0.0, level="primary", visits=12):
    return Enrollee(status="in_service", age=40, wage_monthly=wage, outpatient_yearly=bill,
                    level=level, visits_yearly=visits)


# --------------------------------------------------------------------------- published example
@pytest.mark.parametrize("day", ["2022-08-01", "2023-03-01"])
def test_published_example_retiree_at_a_community_centre_200_gets_150(day):
    # Source: http://hnzhyl.com/index/news/content/id/179.html (2022-06-03, 郑州市医保局 briefing):
    # "退休职工张三在郑州市一家社区卫生服务中心看病,花了200元,根据政策,他可报销150元"
    # no deductible at 社区; retiree 65% + 10 = 75%: 200 × 75% = 150
    c = compare("zhengzhou", day, retiree(bill=200.0, level="primary", visits=1))
    assert c.reimbursement_new == 150.0


# --------------------------------------------------------------------------- 2022-07-01: the reform
def test_old_rules_are_those_of_2022_06_30():
    c = compare("zhengzhou", "2023-03-01", retiree(bill=3000.0))
    assert c.old_date == dt.date(2022, 6, 30)
    assert c.reimbursement_old == 0.0   # no general outpatient pooling before
    assert c.credit_old is None         # the old crediting is only on low-reliability pages


def test_no_pooling_and_the_old_crediting_the_day_before():
    c = compare("zhengzhou", "2022-06-30", retiree(bill=3000.0))
    assert c.reimbursement_new == 0.0
    assert c.credit_new is None


def test_from_2022_07_01_pooling_pays_with_the_halved_2022_cap():
    # retiree, "other" institution (secondary): 12 visits × 40 = 480;
    # (3,000 − 480) × 70% = 1,764 → 2022 cap 2,300 / 2 = 1,150
    c = compare("zhengzhou", "2022-07-01", retiree(bill=3000.0))
    assert c.reimbursement_new == 1150.0


def test_from_2022_07_01_the_new_crediting():
    # retiree 95 × 12 = 1,140; in-service 8,000 × 2% × 12 = 1,920; flexible 5,000 × 2% × 12 = 1,200
    assert compare("zhengzhou", "2022-07-01", retiree()).credit_new == 1140.0
    assert compare("zhengzhou", "2022-07-01", worker()).credit_new == 1920.0
    flex = Enrollee(status="flexible", age=40, wage_monthly=5000.0, visits_yearly=0)
    assert compare("zhengzhou", "2022-07-01", flex).credit_new == 1200.0


# --------------------------------------------------------------------------- 2023-01-01: full caps
def test_the_halved_cap_the_last_day_of_2022():
    # 2022-12-31: as above, 1,764 → cap 1,150
    c = compare("zhengzhou", "2022-12-31", retiree(bill=3000.0))
    assert c.reimbursement_new == 1150.0


def test_the_full_cap_from_2023_01_01():
    # 2023-01-01: 1,764 ≤ 2,300
    c = compare("zhengzhou", "2023-01-01", retiree(bill=3000.0))
    assert c.reimbursement_new == 1764.0
    assert c.gain_from_pooling == 1764.0


# --------------------------------------------------------------------------- per visit, levels
@pytest.mark.parametrize("level, visits, bill, expected", [
    ("primary", 12, 1000.0, 650.0),     # 社区/乡镇: no deductible, 1,000 × 65% = 650
    ("secondary", 5, 1000.0, 480.0),    # 5 × 40 = 200 → (1,000 − 200) × 60% = 480
    ("tertiary", 10, 1000.0, 330.0),    # 省级三甲: 10 × 40 = 400 → (1,000 − 400) × 55% = 330
    ("secondary", 30, 1000.0, 0.0),     # 30 × 40 = 1,200 ≥ the bill → 0
])
def test_in_service_per_visit_deductible_by_level(level, visits, bill, expected):
    c = compare("zhengzhou", "2023-03-01", worker(bill=bill, level=level, visits=visits))
    assert c.reimbursement_new == pytest.approx(expected, abs=0.01)


def test_retirees_get_ten_points_more_at_a_provincial_san_jia_hospital():
    # 10 × 40 = 400 → (1,000 − 400) × 65% = 390
    c = compare("zhengzhou", "2023-03-01", retiree(bill=1000.0, level="tertiary", visits=10))
    assert c.reimbursement_new == pytest.approx(390.0, abs=0.01)


def test_the_per_visit_deductible_needs_the_number_of_visits():
    with pytest.raises(InvalidInput) as exc:
        compare("zhengzhou", "2023-03-01", Enrollee(status="retired", age=68, pension_monthly=4000.0,
                                                     outpatient_yearly=3000.0, level="secondary"))
    assert exc.value.field == "visits_yearly"


def test_the_cap_limits_what_the_fund_pays():
    # "职工医保统筹基金年度最高支付限额": in-service 社区, 5,000: 5,000 × 65% = 3,250 → cap 1,800.
    # (Read as a spending ceiling it would be 1,800 × 65% = 1,170.)
    c = compare("zhengzhou", "2023-03-01", worker(bill=5000.0, level="primary"))
    assert c.reimbursement_new == 1800.0


# --------------------------------------------------------------------------- contributions and bases
def test_the_base_floor_and_the_employer_rate_from_2022_07_01():
    # 2022-06-30: base limits and employer rate not known → employer contribution unknown
    # 2022-07-01: floor 3,409, employer 8%: 3,409 × 8% × 12 = 3,272.64; credit 3,409 × 2% × 12 = 818.16
    before = compare("zhengzhou", "2022-06-30", worker(wage=3000.0))
    assert before.contributions["employer_new"] is None
    on = compare("zhengzhou", "2022-07-01", worker(wage=3000.0))
    assert on.contributions["employer_new"] == pytest.approx(3272.64, abs=0.01)
    assert on.credit_new == pytest.approx(818.16, abs=0.01)


def test_the_2022_23_base_ends_on_2023_06_30():
    r = load_region("zhengzhou")
    assert (r.base_limits(dt.date(2023, 6, 30)).floor_monthly,
            r.base_limits(dt.date(2023, 6, 30)).ceiling_monthly) == (3409, 17043)
    assert r.base_limits(dt.date(2023, 7, 1)).floor_monthly is None


def test_region_dates():
    r = load_region("zhengzhou")
    assert r.pooling_start.date == dt.date(2022, 7, 1) and r.pooling_start.date_exact
    assert r.account_reform.date == dt.date(2022, 7, 1) and not r.account_reform.date_exact

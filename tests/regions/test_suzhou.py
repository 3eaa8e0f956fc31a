"""Suzhou (苏州市区): the published flexible-employment contribution of 2022, the base limits, and
the yearly retiree credit by age (by 2020-06-30), which is unknown from 2021.

Suzhou is partial: the reform date, the post-reform crediting and any dated outpatient rule
were not found. Hand-computed cases write their arithmetic in a comment.
"""

import pytest

from medinsure import Enrollee, compare


def retiree(age, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=4000.0, **kw)


def test_published_flexible_contribution_345_a_month_in_2022():
    # Source: http://ccschy.com/techan/238313.html (2022-10-25) — "灵活就业人员医疗保险缴费比例为8%…
    # 灵活就业人员一个月医保参保费用为345元": 4,250 × 8% = 340 + 5 (大额) = 345/month → 4,140/year.
    c = compare("suzhou", "2022-06-01", Enrollee(status="flexible", age=40, wage_monthly=4250.0))
    assert c.contributions["own_new"] == 345.0 * 12


def test_2022_base_limits_and_their_end():
    # 2022: a wage of 3,000 is raised to the floor 4,250: 4,250 × 8% × 12 + 5 × 12 = 4,140.
    low = compare("suzhou", "2022-12-31", Enrollee(status="flexible", age=40, wage_monthly=3000.0))
    assert low.contributions["own_new"] == 4140.0
    # a wage of 30,000 is held at the ceiling 21,821: 21,821 × 8% = 1,745.68; + 5 → 1,750.68 × 12 = 21,008.16
    high = compare("suzhou", "2022-12-31", Enrollee(status="flexible", age=40, wage_monthly=30000.0))
    assert high.contributions["own_new"] == pytest.approx(21008.16, abs=0.01)
    # 2023-01-01: the medical-insurance limits were not found, so 3,000 stays 3,000:
    # 3,000 × 8% × 12 + 60 = 2,940
    c = compare("suzhou", "2023-01-01", Enrollee(status="flexible", age=40, wage_monthly=3000.0))
    assert c.contributions["own_new"] == pytest.approx(2940.0, abs=0.01)


def test_flexible_rate_starts_on_2022_01_01():
    # 2021-12-31: not found → unknown; 2022-01-01: 4,140 (as above)
    flex = Enrollee(status="flexible", age=40, wage_monthly=4250.0)
    assert compare("suzhou", "2021-12-31", flex).contributions["own_new"] is None
    assert compare("suzhou", "2022-01-01", flex).contributions["own_new"] == 4140.0


@pytest.mark.parametrize("age, yearly", [
    (60, 1300.0),   # "70周岁以下…每年1300元"
    (69, 1300.0),
    (70, 1500.0),   # "70歲以上的包含70歲…1500元"
    (85, 1500.0),
])
def test_retiree_yearly_credit_by_age_by_2020(age, yearly):
    assert compare("suzhou", "2020-07-01", retiree(age)).credit_new == yearly


def test_retiree_credit_unknown_from_the_2021_crediting_year():
    # 2020-12-31: 1,300 (the 2020 amount); 2021-01-01: the later amounts were not found → unknown.
    assert compare("suzhou", "2020-12-31", retiree(65)).credit_new == 1300.0
    assert compare("suzhou", "2021-01-01", retiree(65)).credit_new is None


def test_outpatient_is_unknown_on_every_date():
    for day in ("2020-07-01", "2022-06-01", "2024-06-01"):
        c = compare("suzhou", day, Enrollee(status="in_service", age=40, wage_monthly=8000.0,
                                            outpatient_yearly=3000.0))
        assert c.reimbursement_new is None


def _base(c):
    return next(s.value for s in c.trace if s.key == "base_new")


def test_base_limits_start_on_2022_01_01():
    # 2021-12-31: no limits found → the wage 3,000 is the base; 2022-01-01: raised to the floor 4,250.
    flex = Enrollee(status="flexible", age=40, wage_monthly=3000.0)
    assert _base(compare("suzhou", "2021-12-31", flex)) == 3000.0
    assert _base(compare("suzhou", "2022-01-01", flex)) == 4250.0

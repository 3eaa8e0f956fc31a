"""天津 Tianjin: account reform 2022-01 (津政办规〔2021〕16号); 门(急)诊 pooling with spending segments and a
9,000 spending ceiling from 2022-01-01 (data/regions/tianjin/)."""

import pytest

from medinsure import Enrollee, compare
from medinsure.coverage import region_coverage

R = "tianjin"


def worker(age=40, **kw):
    kw.setdefault("wage_monthly", 8000.0)
    return Enrollee(status="in_service", age=age, **kw)


def retiree(age, **kw):
    kw.setdefault("pension_monthly", 4000.0)
    return Enrollee(status="retired", age=age, **kw)


# --------------------------------------------------------------------------- the account change, 2022-01-01
def test_in_service_credit_the_day_before_and_the_day_of_the_reform():
    # 2021-12-31: the old employer part is found only on a 3P-low page, so the old credit is unknown
    before = compare(R, "2021-12-31", worker())
    assert before.credit_new is None
    assert "credit_new" in {u["field"] for u in before.unknown}
    # 2022-01-01: 2% of the own base, 8,000 × 2% × 12 = 1,920; old = the rules of 2021-12-31 (unknown)
    on = compare(R, "2022-01-01", worker())
    assert on.credit_new == 1920.0 and on.credit_old is None
    assert on.old_date.isoformat() == "2021-12-31"


@pytest.mark.parametrize("age, monthly", [(65, 40), (69, 40), (70, 50), (75, 50)])
def test_retiree_fixed_credit_continues_through_the_reform(age, monthly):
    # "继续…按定额划入…不满70周岁40元/月、70周岁以上50元/月": 480 / 600 a year on both sides of 2022-01-01
    assert compare(R, "2021-12-31", retiree(age)).credit_new == monthly * 12
    c = compare(R, "2022-01-01", retiree(age))
    assert c.credit_old == c.credit_new == monthly * 12


def test_flexible_workers_have_no_account_after_the_reform():
    # 大病统筹 mode (8%): "职工和退休人员不建立个人账户,灵活就业人员…按此模式参保缴费"
    c = compare(R, "2022-01-01", Enrollee(status="flexible", age=40, wage_monthly=6000.0))
    assert c.credit_new == 0.0


# --------------------------------------------------------------------------- outpatient, 2022 rules
@pytest.mark.parametrize("person, level, expected", [
    # in service, deductible 800: (3,000 − 800) × 75% / 65% / 55% = 1,650 / 1,430 / 1,210
    (worker(), "primary", 1650.0),
    (worker(), "secondary", 1430.0),
    (worker(), "tertiary", 1210.0),
    # retired, same ratios; deductible 700 (<70): (3,000 − 700) × 75% = 1,725; 650 (≥70): × 65% = 1,527.5
    (retiree(65), "primary", 1725.0),
    (retiree(75), "secondary", 1527.5),
])
def test_a_3000_bill_in_2022(person, level, expected):
    e = Enrollee(**{**person.__dict__, "outpatient_yearly": 3000.0, "level": level})
    assert compare(R, "2022-06-30", e).reimbursement_new == expected


def test_old_outpatient_the_day_before_is_unknown_and_the_day_of_is_known():
    e = worker(outpatient_yearly=3000.0, level="primary")
    # 2021-12-31: the 2021 ratios and ceiling were not found (only the 2019 7,500 formula)
    assert compare(R, "2021-12-31", e).reimbursement_new is None
    # 2022-01-01: (3,000 − 800) × 75% = 1,650
    c = compare(R, "2022-01-01", e)
    assert c.reimbursement_new == 1650.0 and c.reimbursement_old is None


def test_9000_is_a_ceiling_on_spending_not_a_cap_on_payment():
    # 12,000 of in-scope spending at 一级, in service, 2022:
    # ceiling reading (the data): (5,500 − 800) × 75% + (9,000 − 5,500) × 55% = 3,525 + 1,925 = 5,450
    # a 9,000 PAYMENT cap would instead give 3,525 + (12,000 − 5,500) × 55% = 7,100
    e = worker(outpatient_yearly=12000.0, level="primary")
    c = compare(R, "2022-06-30", e)
    assert c.reimbursement_new == 5450.0 != 7100.0
    # above 9,000 nothing more is paid
    e2 = worker(outpatient_yearly=20000.0, level="primary")
    assert compare(R, "2022-06-30", e2).reimbursement_new == 5450.0


def test_spending_segment_at_5500():
    # 7,000 at 三级, retired ≥70 (deductible 650): (5,500 − 650) × 55% + (7,000 − 5,500) × 55% = 3,492.5
    e = retiree(75, outpatient_yearly=7000.0, level="tertiary")
    assert compare(R, "2022-06-30", e).reimbursement_new == pytest.approx(3492.5, abs=0.01)
    # 7,000 at 二级, in service: (5,500 − 800) × 65% + 1,500 × 55% = 3,055 + 825 = 3,880
    e = worker(outpatient_yearly=7000.0, level="secondary")
    assert compare(R, "2022-06-30", e).reimbursement_new == pytest.approx(3880.0, abs=0.01)


@pytest.mark.parametrize("person, level, expected", [
    # 中国社保网 2023-03-01 ("2023年天津职工医保待遇"): deductibles 800 / 700 (<70) / 650 (≥70), ratios unchanged.
    # in service: (3,000 − 800) × 75% = 1,650; retired 65: (3,000 − 700) × 65% = 1,495; retired 75: (3,000 − 650) × 55%
    # = 1,292.5
    (worker(), "primary", 1650.0),
    (retiree(65), "secondary", 1495.0),
    (retiree(75), "tertiary", 1292.5),
])
def test_a_3000_bill_in_2023(person, level, expected):
    e = Enrollee(**{**person.__dict__, "outpatient_yearly": 3000.0, "level": level})
    assert compare(R, "2023-01-01", e).reimbursement_new == pytest.approx(expected, abs=0.01)


def test_2023_spending_above_the_9000_ceiling_is_not_paid():
    # compare --region tianjin --date 2023-03-01 --status in_service --age 40 --wage 8000 --outpatient 12000
    # --level tertiary: (5,500 − 800) × 55% + (9,000 − 5,500) × 55% = 2,585 + 1,925 = 4,510, the same as for 9,000;
    # the 3,000 above the ceiling adds nothing
    at_ceiling = compare(R, "2023-03-01", worker(outpatient_yearly=9000.0, level="tertiary"))
    above = compare(R, "2023-03-01", worker(outpatient_yearly=12000.0, level="tertiary"))
    assert at_ceiling.reimbursement_new == above.reimbursement_new == pytest.approx(4510.0, abs=0.01)


def test_tianjin_is_not_complete():
    cov = region_coverage(R)
    assert not cov.complete
    assert cov.account_reform.isoformat() == "2022-01-01" and cov.pooling_start is None

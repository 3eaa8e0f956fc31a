"""城乡居民医保: contributions by group, the national minimum, and the inpatient calculator.

The seed (shared/seeds/001, a copy of a sample-essay compilation page) gives the 宿豫区 2007 rules
and an unnamed town's 2009 schedule but no worked numbers, so every case below is computed by
hand from the rules; the arithmetic is in the comment. 宿豫 区内 bands: deductible–5,000 50%,
5,000–10,000 55%, 10,000–30,000 60%, above 30,000 70% (区外市内 −10 points, deductible 800;
市外 −20 points, deductible 1,000); 乙类 drugs −10 points; yearly cap 40,000.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import io
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medinsure import resident as R
from medinsure.errors import DataError, InvalidInput
from medinsure.views import resident as V

from .conftest import require_chromium

ROOT = Path(__file__).resolve().parent.parent
SEED = "shared/seeds/001 (copy)"
DAY = "2007-10-01"          # a day under the 宿豫 2007 rules
CJK = re.compile(r"[\u3400-\u9fff]")


# --------------------------------------------------------------------------- contributions: 宿豫 2007
@pytest.mark.parametrize("age, sex, category, group, individual, subsidy", [
    (30, "male", None, "working_age", 120, 30),      # 劳动适龄: 120 + 财政 30 = 150
    (0, "female", None, "minor", 30, 120),           # a newborn is a child: 30 + 120
    (10, None, None, "minor", 30, 120),              # sex not needed: same group either way
    (17, "male", None, "minor", 30, 120),
    (19, "female", None, "working_age", 120, 30),
    (59, "male", None, "working_age", 120, 30),
    (61, "male", None, "elderly", 60, 90),           # 老年: 60 + 90
    (54, "female", None, "working_age", 120, 30),
    (56, "female", None, "elderly", 60, 90),
    (57, "male", None, "working_age", 120, 30),      # 57: a working-age man …
    (57, "female", None, "elderly", 60, 90),         # … but an older woman
    (35, "male", "low_income", "low_income", 30, 120),   # 低保 pay as the children's group
    (70, "female", "disabled", "disabled", 30, 120),     # category before age (70 would be 60)
])
def test_suyu_2007_contributions_by_group_add_up_to_150(age, sex, category, group, individual, subsidy):
    c = R.resident_contribution("suyu", DAY, age, sex, category)
    assert (c.group, c.individual, c.subsidy_total, c.total) == (group, individual, subsidy, 150.0)
    assert c.subsidies[0]["payer"]["zh"] == "财政"
    assert SEED in c.entry.references[0].read_at


@pytest.mark.parametrize("age, sex, groups", [
    (18, "male", ("minor", "working_age")),        # "18周岁以下" and "18—60周岁" both include 18
    (18, "female", ("minor", "working_age")),
    (60, "male", ("elderly", "working_age")),      # "男18—60" and "男60周岁以上" both include 60
    (55, "female", ("elderly", "working_age")),    # "女18—55" and "女55周岁以上" both include 55
])
def test_an_age_the_text_puts_in_two_groups_is_not_known_not_guessed(age, sex, groups):
    c = R.resident_contribution("suyu", DAY, age, sex)
    assert c.group is None and c.individual is None and c.total is None
    assert sorted(c.candidates) == sorted(groups)
    assert V.contribution_note(c)["zh"] and V.contribution_note(c)["en"]


def test_at_60_the_two_groups_differ_only_for_men():
    # a 60-year-old woman is plainly elderly (55 and over); for a man 60 is in both groups
    assert R.resident_contribution("suyu", DAY, 60, "female").individual == 60
    assert R.resident_contribution("suyu", DAY, 60, "male").individual is None


def test_sex_is_required_only_where_it_changes_the_group():
    with pytest.raises(InvalidInput, match="sex"):
        R.resident_contribution("suyu", DAY, 57)
    assert R.resident_contribution("suyu", DAY, 30).individual == 120


@pytest.mark.parametrize("kwargs, field", [
    ({"age": -1}, "age"), ({"age": 121}, "age"), ({"age": 3.5}, "age"), ({"age": True}, "age"),
    ({"age": 30, "sex": "x"}, "sex"), ({"age": 30, "sex": "male", "category": "student"}, "category"),
    ({"age": 30, "sex": "male", "date": "2007-06-30"}, "date"),
    ({"age": 30, "sex": "male", "date": "2007/10/01"}, "date"),
    ({"age": 30, "sex": "male", "region": "nowhere"}, "region"),
])
def test_bad_contribution_input_names_the_field(kwargs, field):
    args = {"region": "suyu", "date": DAY, **kwargs}
    with pytest.raises(InvalidInput, match=field):
        R.resident_contribution(**args)


# --------------------------------------------------------------------------- contributions: the 2009 town
TOWN, TDAY = "unnamed_town_2009", "2009-08-01"


@pytest.mark.parametrize("age, category, individual, subsidy", [
    (30, None, 200, 100),                     # 200 + 财政 100 (中央 40 + 省 30 + 县 30) = 300
    (18, None, 200, 100),                     # "18周岁(含18周岁)以上"
    (17, None, 80, 100),                      # "18周岁以下非在校居民" 80 + 100 = 180
    (0, None, 80, 100),
    (40, "low_income", 100, 200),             # 100 + 政府低保补助 100 + 财政 100 = 300
    (10, "low_income", 80, 100),              # the 低保 clause is for adults: a child pays 80
    (40, "low_income_exempt", 0, 300),        # "三无": 0 + 低保 100 + 民政 100 + 财政 100
    (40, "disabled_unemployed", 100, 200),    # 100 + 残联 100 + 财政 100
])
def test_the_2009_town_schedule(age, category, individual, subsidy):
    c = R.resident_contribution(TOWN, TDAY, age, "male", category)
    assert (c.individual, c.subsidy_total, c.total) == (individual, subsidy, individual + subsidy)
    fiscal = c.subsidies[0]
    assert fiscal["amount"] == 100 and [p["amount"] for p in fiscal["parts"]] == [40, 30, 30]


def test_the_2009_town_students_amount_is_not_given():
    c = R.resident_contribution(TOWN, TDAY, 15, "female", "student")
    assert c.group == "student" and c.individual is None and c.total is None
    assert "教育部门" in c.note["zh"]


def test_the_town_is_not_suyu_and_has_no_name():
    town = R.load_place(TOWN)
    assert town.kind == "town" and town.province is None and "未见" in town.name["zh"]
    assert R.load_place("suyu").name["zh"] == "宿迁市宿豫区"


# --------------------------------------------------------------------------- national minimum
@pytest.mark.parametrize("year, fiscal, individual, total", [
    (2023, 640, None, None),    # 2023 notice: fiscal ≥640; the 2023 individual standard (2022 notice) not found
    (2024, 670, 380, 1050),     # individual 380 from the 2023 notice; fiscal 670 from the 2024 notice
    (2025, None, 400, None),    # individual 400 from the 2024 notice; 2025 fiscal not found
    (2026, None, None, None),   # the 2025 notice was not found
])
def test_national_minimum_funding_by_coverage_year(year, fiscal, individual, total):
    m = R.minimum_funding(year)
    assert (m.fiscal_subsidy_min, m.individual_min, m.total_min) == (fiscal, individual, total)
    if None in (fiscal, individual):
        assert m.entry.note["zh"] and m.entry.note["en"]


@pytest.mark.parametrize("year", [2022, 2027, "2024"])
def test_years_without_a_record_are_refused(year):
    with pytest.raises(InvalidInput, match="coverage_year"):
        R.minimum_funding(year)


# --------------------------------------------------------------------------- inpatient: every band edge
def fund(bill, cls="in_district", **kw):
    return R.inpatient_reimbursement("suyu", DAY, cls, bill, **kw).reimbursement


@pytest.mark.parametrize("cls, bill, expected", [
    # 区内: deductible 500; 50 / 55 / 60 / 70 %
    ("in_district", 0, 0.0),
    ("in_district", 499, 0.0),
    ("in_district", 500, 0.0),          # at the deductible nothing is paid
    ("in_district", 501, 0.5),          # 1 × 50%
    ("in_district", 5000, 2250.0),      # 4,500 × 50%
    ("in_district", 5001, 2250.55),     # + 1 × 55%
    ("in_district", 10000, 5000.0),     # 2,250 + 5,000 × 55% = 2,250 + 2,750
    ("in_district", 10001, 5000.6),     # + 1 × 60%
    ("in_district", 30000, 17000.0),    # 5,000 + 20,000 × 60%
    ("in_district", 30001, 17000.7),    # + 1 × 70%
    ("in_district", 62857, 39999.9),    # 17,000 + 32,857 × 70% = 17,000 + 22,999.9
    ("in_district", 62858, 40000.0),    # 40,000.6 → the yearly cap 40,000
    ("in_district", 100000, 40000.0),
    # 区外市内: deductible 800; 40 / 45 / 50 / 60 %
    ("in_city", 800, 0.0),
    ("in_city", 801, 0.4),
    ("in_city", 5000, 1680.0),          # 4,200 × 40%
    ("in_city", 5001, 1680.45),
    ("in_city", 10000, 3930.0),         # 1,680 + 5,000 × 45% = 1,680 + 2,250
    ("in_city", 10001, 3930.5),
    ("in_city", 30000, 13930.0),        # 3,930 + 20,000 × 50%
    ("in_city", 30001, 13930.6),
    ("in_city", 73450, 40000.0),        # 13,930 + 43,450 × 60% = 40,000 exactly
    ("in_city", 100000, 40000.0),       # 13,930 + 70,000 × 60% = 55,930 → cap
    # 市外: deductible 1,000; 30 / 35 / 40 / 50 %
    ("outside_city", 1000, 0.0),
    ("outside_city", 1001, 0.3),
    ("outside_city", 5000, 1200.0),     # 4,000 × 30%
    ("outside_city", 5001, 1200.35),
    ("outside_city", 10000, 2950.0),    # 1,200 + 5,000 × 35% = 1,200 + 1,750
    ("outside_city", 10001, 2950.4),
    ("outside_city", 30000, 10950.0),   # 2,950 + 20,000 × 40%
    ("outside_city", 30001, 10950.5),
    ("outside_city", 88100, 40000.0),   # 10,950 + 58,100 × 50% = 40,000 exactly
    ("outside_city", 88000, 39950.0),   # 10,950 + 58,000 × 50%
])
def test_suyu_bands_on_both_sides_of_every_edge_at_every_hospital_class(cls, bill, expected):
    assert fund(bill, cls) == pytest.approx(expected, abs=0.005)


def test_the_patient_pays_the_rest_plus_everything_out_of_scope():
    r = R.inpatient_reimbursement("suyu", DAY, "in_district", 5000, out_of_scope=2000)
    # fund 2,250; patient 5,000 − 2,250 + 2,000 = 4,750
    assert (r.reimbursement, r.own_payment) == (2250.0, 4750.0)
    assert r.deductible == 500 and r.covered is True


@pytest.mark.parametrize("cls, bill, b, expected", [
    # 区内 20,000 with 3,000 乙类 (15%): each band's ratio loses 15% × 10 points = 1.5 points
    # 4,500 × 48.5% + 5,000 × 53.5% + 10,000 × 58.5% = 2,182.5 + 2,675 + 5,850 = 10,707.5
    ("in_district", 20000, 3000, 10707.5),
    # the same as 11,000 − 10% × 3,000/20,000 × 19,500 (the part above the deductible) = 11,000 − 292.5
    # 市外 5,000 all 乙类: 4,000 × (30% − 10%) = 800
    ("outside_city", 5000, 5000, 800.0),
    # 区外市内 10,000 with 5,000 乙类 (50%): 4,200 × (40 − 5)% + 5,000 × (45 − 5)% = 1,470 + 2,000
    ("in_city", 10000, 5000, 3470.0),
    # nothing of a bill at the deductible is paid, whatever its drugs
    ("in_district", 500, 500, 0.0),
])
def test_category_b_drugs_are_paid_ten_points_less(cls, bill, b, expected):
    assert fund(bill, cls, category_b=b) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize("before, expected", [
    (0, 11000.0),       # 20,000 in the district: 2,250 + 2,750 + 6,000 = 11,000
    (29000, 11000.0),   # room 11,000: just enough
    (35000, 5000.0),    # room 5,000
    (40000, 0.0),
    (45000, 0.0),
])
def test_the_yearly_cap_counts_what_was_paid_earlier_in_the_year(before, expected):
    assert fund(20000, reimbursed_before=before) == expected


@pytest.mark.parametrize("cause", ["work_injury", "maternity", "traffic_accident", "other_accident"])
def test_excluded_causes_are_not_paid(cause):
    r = R.inpatient_reimbursement("suyu", DAY, "in_district", 20000, cause=cause)
    assert r.covered is False and r.reimbursement == 0.0 and r.own_payment == 20000.0
    assert V.reason_text(r.reason)["zh"].endswith("不予报销")


def test_an_admission_not_registered_with_the_agency_is_not_paid():
    r = R.inpatient_reimbursement("suyu", DAY, "in_district", 20000, approved=False)
    assert r.covered is False and r.reimbursement == 0.0


# --------------------------------------------------------------------------- waiting period
@pytest.mark.parametrize("enrolment, paid, start", [
    ("first", "2007-07-01", "2007-08-01"),      # in the transition period: one month
    ("first", "2007-08-31", "2007-09-30"),      # no 31 September: the month's last day
    ("first", "2007-12-31", "2008-01-31"),      # last day of the transition period
    ("first", "2008-01-01", "2008-07-01"),      # after it: six months
    ("first", "2008-08-31", "2009-02-28"),
    ("re_enrolment", "2007-09-01", "2008-03-01"),  # re-enrolment: six months, even in the window
])
def test_benefits_start_after_the_waiting_period(enrolment, paid, start):
    w = R.benefit_start("suyu", enrolment, paid)
    assert w.start == dt.date.fromisoformat(start)


@pytest.mark.parametrize("admitted, covered", [("2008-06-30", False), ("2008-07-01", True)])
def test_late_enrolment_costs_in_the_first_six_months_are_not_paid(admitted, covered):
    r = R.inpatient_reimbursement("suyu", admitted, "in_district", 5000, enrolment="first",
                                  payment_date="2008-01-01")
    assert r.covered is covered
    assert r.reimbursement == (2250.0 if covered else 0.0)


@pytest.mark.parametrize("admitted, covered", [("2007-08-14", False), ("2007-08-15", True)])
def test_transition_enrolment_waits_one_month(admitted, covered):
    r = R.inpatient_reimbursement("suyu", admitted, "in_district", 5000, enrolment="first",
                                  payment_date="2007-07-15")
    assert r.covered is covered


def test_a_newborns_start_is_not_stated_so_the_payment_is_not_known():
    r = R.inpatient_reimbursement("suyu", "2008-05-01", "in_district", 5000, enrolment="newborn",
                                  payment_date="2008-03-01")
    assert r.covered is None and r.reimbursement is None and r.own_payment is None
    assert "waiting_period" in [u["field"] for u in r.unknown]


@pytest.mark.parametrize("kwargs, field", [
    ({"hospital_class": "level_1"}, "hospital_class"),
    ({"in_scope": -1}, "in_scope"),
    ({"in_scope": float("nan")}, "in_scope"),
    ({"in_scope": 1000, "category_b": 1001}, "category_b"),
    ({"out_of_scope": -5}, "out_of_scope"),
    ({"reimbursed_before": -5}, "reimbursed_before"),
    ({"cause": "sports"}, "cause"),
    ({"enrolment": "first"}, "payment_date"),
    ({"payment_date": "2007-08-01"}, "enrolment"),
    ({"enrolment": "sometime", "payment_date": "2007-08-01"}, "enrolment"),
    ({"enrolment": "first", "payment_date": "2007-06-30"}, "payment_date"),
    ({"admission_date": "2007-06-30"}, "admission_date"),
])
def test_bad_inpatient_input_names_the_field(kwargs, field):
    args = {"region": "suyu", "admission_date": DAY, "hospital_class": "in_district", "in_scope": 1000.0,
            **kwargs}
    with pytest.raises(InvalidInput, match=field):
        R.inpatient_reimbursement(**args)


# --------------------------------------------------------------------------- 沂水: ratios by level only
@pytest.mark.parametrize("cls, ratio", [("level_1", 0.80), ("level_2", 0.65), ("level_3", 0.55)])
def test_yishui_has_ratios_by_hospital_level_but_no_deductible_so_nothing_is_computed(cls, ratio):
    classes = {c["key"]: c for c in R.hospital_classes("yishui")}
    assert classes[cls]["bands"][0]["ratio"] == ratio and classes[cls]["deductible"] is None
    r = R.inpatient_reimbursement("yishui", "2015-06-01", cls, 10000)
    assert r.reimbursement is None and r.own_payment is None
    assert "deductible" in [u["field"] for u in r.unknown]


def test_a_deductible_by_hospital_level_works_the_same_way():
    # the shape the calculator accepts for deductibles by level (made-up numbers, not a region):
    # level 1: 200, 90%; level 3: 1,200, 60%; bill 3,000 → (3,000 − 200) × 90% = 2,520 and
    # (3,000 − 1,200) × 60% = 1,080
    bands = [{"up_to": None, "ratio": 0.9}]
    assert R.banded_reimbursement(np.array([3000.0]), 200.0, bands)[0] == pytest.approx(2520)
    bands = [{"up_to": None, "ratio": 0.6}]
    assert R.banded_reimbursement(np.array([3000.0]), 1200.0, bands)[0] == pytest.approx(1080)


# --------------------------------------------------------------------------- arrays agree with one bill
def test_the_curve_is_the_one_bill_calculation_on_an_array():
    grid = np.linspace(0, 120000, 241)
    for cls in ("in_district", "in_city", "outside_city"):
        curve = R.reimbursement_curve("suyu", DAY, cls, grid, category_b_share=0.2)
        single = [R.inpatient_reimbursement("suyu", DAY, cls, float(x), category_b=float(x) * 0.2).reimbursement
                  for x in grid]
        assert np.allclose(curve, single, atol=0.006)


@settings(max_examples=200, deadline=None)
@given(bill=st.floats(0, 500000), extra=st.floats(0, 1000), share=st.floats(0, 1),
       cls=st.sampled_from(["in_district", "in_city", "outside_city"]))
def test_more_spending_never_pays_less_and_never_more_than_the_cap(bill, extra, share, cls):
    a = R.reimbursement_curve("suyu", DAY, cls, np.array([bill, bill + extra]), share)
    assert a[1] >= a[0] - 1e-9
    assert 0 <= a[0] <= 40000 and a[0] <= max(bill - 500, 0) * 0.7 + 1e-9


def test_band_lines_add_up_and_the_trace_names_the_seed():
    r = R.inpatient_reimbursement("suyu", DAY, "in_city", 45000, category_b=9000)
    assert sum(b.paid for b in r.bands) == pytest.approx(r.before_cap, abs=0.01)
    assert [b.lower for b in r.bands] == [800, 5000, 10000, 30000]
    for s in V.inpatient_steps(r):
        assert s.references, s.key
        assert all(ref.reliability == "3P-low" for ref in s.references)
        assert s.label["zh"] and s.label["en"] and s.formula["zh"] and s.formula["en"]
        assert not CJK.search(s.formula["en"]), s.formula["en"]


# --------------------------------------------------------------------------- the data files
def test_every_place_loads_and_every_gap_has_a_bilingual_note():
    places = R.load_all_places()
    assert set(places) == {"national", "suyu", "unnamed_town_2009", "yishui"}
    for place in places.values():
        for pf in place.files.values():
            for e in pf.entries:
                assert e.references
                for r in e.references:
                    assert r.read_at and r.reliability
                if e.note:
                    assert e.note["zh"] and e.note["en"]
                    assert not CJK.search(e.note["en"]), (pf.source, e.date)


def _break(data_copy, rel: str, old: str, new: str):
    p = data_copy / rel
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    R.load_place.cache_clear()


@pytest.mark.parametrize("rel, old, new, key", [
    ("resident/suyu/resident_inpatient.yaml", "{up_to: 10000, ratio: 0.55}", "{up_to: 4000, ratio: 0.55}",
     "bands[1].up_to"),
    ("resident/suyu/resident_inpatient.yaml", "{up_to: null, ratio: 0.70}", "{up_to: 50000, ratio: 0.70}",
     "bands[3].up_to"),
    ("resident/suyu/resident_inpatient.yaml", "ratio_reduction: 0.10", "ratio_reduction: 10", "ratio_reduction"),
    ("resident/suyu/resident_contributions.yaml", "individual: 120", "individual: 125", "groups[4]"),
    ("resident/suyu/resident_contributions.yaml", "category: disabled", "category: blind", "groups[2].category"),
    ("resident/unnamed_town_2009/resident_contributions.yaml", "amount: 40}", "amount: 45}", "parts"),
    ("resident/suyu/resident_waiting_period.yaml", "to: 2007-12-31", "to: 2007-06-30", "windows[0].to"),
    ("resident/national/resident_minimum_funding.yaml", "coverage_year: 2025", "coverage_year: 2024",
     "coverage_year"),
])
def test_the_loader_refuses_broken_files_and_names_the_key(data_copy, rel, old, new, key):
    try:
        _break(data_copy, rel, old, new)
        slug = rel.split("/")[1]
        with pytest.raises(DataError, match=re.escape(key)):
            R.load_place(slug)
    finally:
        R.load_place.cache_clear()


def test_an_unknown_file_in_a_place_folder_is_refused(data_copy):
    try:
        shutil.copy(data_copy / "resident/suyu/resident_inpatient.yaml", data_copy / "resident/suyu/extra.yaml")
        R.load_place.cache_clear()
        with pytest.raises(DataError, match="extra.yaml"):
            R.load_place("suyu")
    finally:
        R.load_place.cache_clear()


# --------------------------------------------------------------------------- no policy numbers in code
def _not_policy() -> dict:
    spec = importlib.util.spec_from_file_location("nop", ROOT / "tests" / "test_no_policy_numbers_in_code.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.NOT_POLICY


def test_resident_code_holds_no_policy_numbers():
    # the same rule as tests/test_no_policy_numbers_in_code.py, applied to this module
    allowed = _not_policy()
    text = (ROOT / "medinsure" / "resident.py").read_text(encoding="utf-8")
    found = [f"resident.py:{n.lineno}: {n.value!r}" for n in ast.walk(ast.parse(text))
             if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in allowed]
    assert not found, found
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", code)


# --------------------------------------------------------------------------- the app
@pytest.fixture
def app():
    from medinsure.app.resident import resident_explainer
    return resident_explainer(age=65, sex="female", in_scope=20000, category_b=3000,
                              payment_date="2007-07-20", admission_date="2007-10-08")


def test_the_app_opens_on_the_suyu_example(app):
    r = app.result
    assert app.error is None
    assert (r.contribution.individual, r.contribution.total) == (60.0, 150.0)
    assert r.inpatient.reimbursement == 10707.5 and r.inpatient.own_payment == 9292.5
    s = app.sentence.value
    assert "medinsure-sentence" in s and "10,707.50" in s and "9,292.50" in s and "150.00" in s
    # the charts are drawn in the browser (bqplot): the figures are in the page, with their numbers
    import bqplot as bq
    assert isinstance(app.curve_figure, bq.Figure) and "medinsure-resident-curve" in app.curve_figure._dom_classes
    assert "medinsure-resident-groups" in app.groups_chart.groups_figure._dom_classes
    assert list(app.curve_chart.point.y) == [10707.5]
    assert "150" in app.groups_chart.texts()
    assert set(app.controls) >= {"region", "age", "sex", "category", "hospital_class", "in_scope",
                                 "category_b", "out_of_scope", "reimbursed_before", "cause", "approved",
                                 "enrolment", "payment_date", "admission_date", "lang"}
    assert app.controls["lang"].options == (("中文", "zh"), ("English", "en")) and app.controls["lang"].value == "zh"


@pytest.mark.parametrize("changes", [
    {"hospital_class": "outside_city"},
    {"in_scope": 62900.0},
    {"category_b": 0.0, "in_scope": 5000.0},
    {"reimbursed_before": 35000.0},
    {"cause": "traffic_accident"},
    {"approved": False},
    {"enrolment": "re_enrolment"},
    {"admission_date": dt.date(2007, 8, 1)},
    {"age": 30, "sex": "male"},
    {"category": "low_income"},
])
def test_every_control_goes_through_the_library(app, changes):
    for k, v in changes.items():
        app.controls[k].value = v
    c = app.controls
    expected = R.inpatient_reimbursement(
        "suyu", c["admission_date"].value, c["hospital_class"].value, c["in_scope"].value,
        c["category_b"].value, c["out_of_scope"].value, c["reimbursed_before"].value, c["cause"].value,
        c["approved"].value, c["enrolment"].value, c["payment_date"].value)
    assert app.error is None
    assert app.result.inpatient.reimbursement == expected.reimbursement
    assert f"{expected.own_payment:,.2f}" in app.sentence.value
    contrib = R.resident_contribution("suyu", "2007-07-01", c["age"].value, c["sex"].value,
                                      c["category"].value or None)
    assert app.result.contribution.total == contrib.total


def test_other_places_show_what_is_known_and_say_what_is_not(app):
    app.controls["region"].value = "yishui"
    assert app.error is None and app.result.contribution is None
    assert app.result.inpatient.reimbursement is None
    assert "无法算出" in app.sentence.value and "medinsure-unknown" in app.notice.value
    # one plain sentence names the missing parts (not their keys); the data's note is folded
    assert "住院起付线、年度封顶线" in app.notice.value and "yearly_cap" not in app.notice.value
    assert "<details" in app.notice.value and "起付线未查到" in app.sentence.value
    app.controls["region"].value = "unnamed_town_2009"
    assert app.result.contribution.total == 300.0 and app.result.inpatient is None
    assert app.controls["hospital_class"].layout.display == "none"


def test_impossible_input_shows_a_message_not_a_traceback(app):
    app.controls["category_b"].value = 30000.0      # more 乙类 drugs than the whole bill
    assert app.result is None and "at most the in-scope bill" in app.error and "category_b" not in app.error
    assert "medinsure-error" in app.error_box.value and "Traceback" not in app.error_box.value
    app.controls["category_b"].value = 0.0
    assert app.error is None and app.error_box.value == ""
    app.controls["admission_date"].value = None
    assert "入院日 Admitted" in app.error


def test_english_leaves_no_chinese_in_the_sentence_and_the_charts(app):
    app.controls["lang"].value = "en"
    text = re.sub(r"<[^>]+>", "", app.sentence.value)
    assert not CJK.search(text), text
    assert "The fund" in text or "the fund" in text
    from medinsure.app.resident import CHART_TEXT
    assert all(not CJK.search(v["en"]) for v in CHART_TEXT.values())
    for g in app.groups_chart.data["groups"]:
        assert not CJK.search(g[1])
    texts = app.curve_chart.texts() + app.groups_chart.texts() + [app.groups_legend.value]
    assert texts and not [t for t in texts if CJK.search(t)]  # the live charts
    app.controls["region"].value = "yishui"
    assert not CJK.search(re.sub(r"<[^>]+>", "", app.sentence.value))
    assert not [t for t in app.curve_chart.texts() + app.groups_chart.texts() if CJK.search(t)]


def test_charts_draw_without_missing_glyphs(app):
    # the exports (matplotlib) draw Chinese with the shipped font; the live charts' words are
    # Chinese in zh (the browser draws them with its own CJK font)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for lang in ("zh", "en"):
            app.controls["lang"].value = lang
            for region in ("suyu", "unnamed_town_2009", "yishui"):
                app.controls["region"].value = region
                app.groups_chart.export_chart().fig.savefig(io.BytesIO(), format="png")
                if app.result.inpatient is not None:
                    app.curve_chart.export_chart().fig.savefig(io.BytesIO(), format="png")
            app.controls["region"].value = "suyu"
            if lang == "zh":
                for chart in (app.curve_chart, app.groups_chart):
                    assert CJK.search(chart.figure.title if chart is app.curve_chart else chart.groups_figure.title)
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_exercise_answers_come_from_the_library():
    from medinsure.app.resident import exercises_html, sources_html
    text = exercises_html("zh")
    assert text.count("<details>") == 5
    assert "6,200.00" in text    # 12,000 区内: 2,250 + 2,750 + 2,000 × 60% = 6,200
    assert "3,750.00" in text    # 12,000 市外: 1,200 + 1,750 + 2,000 × 40% = 3,750
    assert "不予报销" in text
    assert "shared/seeds" not in sources_html() and "[3P" in sources_html()


# --------------------------------------------------------------------------- a real browser
def test_the_served_page_moves_with_the_keyboard():

    from medinsure.site.browser import (
        chromium_page,
        slider_handle,
        voila_server,
    )
    require_chromium()
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    errors = []
    with voila_server() as base, chromium_page() as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/voila/render/06-resident-insurance.ipynb", timeout=90000)
        sentence = page.locator(".medinsure-sentence")
        sentence.filter(has_text="10,707.50").wait_for(timeout=90000)
        # 20,000 → 20,100 in the district with 3,000 乙类: 2,250 + 2,750 + 10,100 × 60% = 11,060,
        # less 10% × 3,000/20,100 × 19,600 = 292.54 → 10,767.46; patient 20,100 − 10,767.46 = 9,332.54
        handle = slider_handle(page, "范围内费用 In scope")
        handle.focus()
        handle.press("ArrowRight")
        sentence.filter(has_text="10,767.46").wait_for(timeout=30000)
        assert "9,332.54" in sentence.inner_text()
        assert page.locator(".medinsure-error").count() == 0
        page.screenshot(path=str(artifacts / "resident-after-keys.png"), full_page=True)
    assert not errors, errors

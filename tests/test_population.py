"""The population view: assumptions loaded strictly, a reproducible population, the household
calculator's own numbers for every person, break-even to the fen, summaries, the reality check
and the app."""

import ast
import dataclasses
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from medinsure import Enrollee, compare
from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.compare import Inputs, compute
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import STATUSES, rules_for
from tests.test_no_policy_numbers_in_code import NOT_POLICY

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff]")
KEYS = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain",
        "cash_old", "cash_new", "cash_gain")


@pytest.fixture(scope="module")
def wuhan():
    """The notebook's example: Wuhan, rules of 2023-04-10, 100,000 enrollees, seed 1."""
    return pop.run("wuhan", "2023-04-10", 100_000, seed=1)


def assert_same_as_per_person(region, date, x, values, status, value, idx):
    """Every number of the vectorised path equals compare() for the same person, to the fen."""
    for i in idx:
        c = compare(region, date, pop.enrollee_at(x, int(i)))
        for k in KEYS:
            v = values[k][i]
            assert (None if np.isnan(v) else round(float(v), 2)) == getattr(c, k), (i, k)
        got = (pop.BREAK_EVEN_STATUSES[status[i]], None if np.isnan(value[i]) else float(value[i]))
        assert got == (c.break_even_status, c.break_even_outpatient), (i, c.enrollee)


# --------------------------------------------------------------------------- published figures
def test_published_figures_are_the_bulletins_numbers():
    # policy_facts.md §5.1: 2024 公报 (OFF-R), 2022 公报, 2021 公报; §5.3 and seed 000 for 湖南
    f = pop.published_figures()
    assert f[("account_income", 2024)]["value"] == 6390.01
    assert f[("account_spending", 2024)]["value"] == 5879.83
    assert f[("account_balance", 2024)]["value"] == 14471.75
    assert f[("account_balance", 2022)]["value"] == 13712.65
    assert (f[("employee_in_service", 2021)]["value"], f[("employee_retired", 2021)]["value"]) == (26106, 9324)
    assert (f[("employee_in_service", 2024)]["value"], f[("employee_retired", 2024)]["value"]) == (27491.84, 10457.50)
    assert f[("hunan_account_share", 2021)]["value"] == 0.514
    assert f[("hunan_moved_to_outpatient", 2023)]["value"] == 90
    assert f[("account_income", 2024)]["reference"].reliability == "OFF-R"
    assert f[("hunan_account_share", 2021)]["reference"].reliability == "3P-low"


def test_the_retired_share_is_derived_from_the_2021_bulletin():
    # 9,324 / (26,106 + 9,324) = 0.2632: in-service : retired = 2.80
    a = pop.assumptions_on("2023-04-10")
    assert a.share_retired == 0.2632
    assert round((1 - a.share_retired) / a.share_retired, 2) == 2.80
    # 10,457.50 / 37,948.34 = 0.2756 from the 2024 bulletin
    assert pop.assumptions_on("2024-06-01").share_retired == 0.2756


def test_every_assumed_value_says_so_and_cites_the_assumption_reference():
    for concept in pop.ASSUMPTION_CONCEPTS:
        for e in pop.parameter_file(concept).entries:
            for name, p in e.data.items():
                if p["basis"] == "assumed":
                    assert "假设" in p["note"]["zh"] and "assumed" in p["note"]["en"].lower(), (concept, name)
                    assert any(r.reliability == "DERIVED" for r in e.references)


def test_no_assumptions_before_the_first_entry():
    with pytest.raises(InvalidInput, match="date"):
        pop.assumptions_on("2020-06-30")


# --------------------------------------------------------------------------- strict loading
def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_assumption_without_a_reason_is_refused(data_copy):
    _edit(data_copy / "population" / "population_levels.yaml", "假设。与在职职工相同。", "与在职职工相同。")
    with pytest.raises(DataError, match=r"population_levels.yaml: flexible.note"):
        pop.parameter_file("population_levels")


def test_weights_that_do_not_add_up_are_refused(data_copy):
    _edit(data_copy / "population" / "population_ages.yaml", "weight: 0.06}", "weight: 0.07}")
    with pytest.raises(DataError, match=r"population_ages.yaml: in_service.value.*add up"):
        pop.parameter_file("population_ages")


def test_a_figure_must_name_one_of_its_references(data_copy):
    _edit(data_copy / "population" / "published_figures.yaml",
          "source: 2020年全国医疗保障事业发展统计公报", "source: 某报告")
    with pytest.raises(DataError, match=r"figures.account_balance.source"):
        pop.parameter_file("published_figures")


def test_an_assumed_entry_needs_the_derived_reference(data_copy):
    path = data_copy / "population" / "population_levels.yaml"
    _edit(path, "reliability: DERIVED", "reliability: 3P")
    with pytest.raises(DataError, match=r"population_levels.yaml: reference.*DERIVED"):
        pop.parameter_file("population_levels")


def test_population_module_holds_no_policy_numbers():
    allowed = {**NOT_POLICY, 10_000: "万 (unit)", 100_000_000: "亿 (unit)"}
    tree = ast.parse((ROOT / "medinsure" / "population.py").read_text(encoding="utf-8"))
    found = [f"{n.lineno}: {n.value!r}" for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in allowed]
    assert not found, found
    code = "\n".join(line.split("#")[0] for line in
                     (ROOT / "medinsure" / "population.py").read_text(encoding="utf-8").splitlines())
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", code)


# --------------------------------------------------------------------------- the population
def test_same_seed_same_population_other_seed_other_population():
    a = pop.assumptions_on("2023-04-10")
    x1, x2, x3 = (pop.synthesize(a, 5000, 6795.0, seed=s) for s in (4, 4, 5))
    for k in Inputs.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(x1, k), getattr(x2, k))
    assert not np.array_equal(x1.outpatient, x3.outpatient)


def test_the_population_follows_the_assumptions():
    a = pop.assumptions_on("2023-04-10")
    n = 200_000
    x = pop.synthesize(a, n, 6795.0, seed=2)
    counts = np.bincount(x.status, minlength=3)
    assert counts[1] == round(n * a.share_retired) and counts[2] == round(n * a.share_flexible)
    for code, s in enumerate(STATUSES):
        m = x.status == code
        lo, hi = a.ages[s][0].lo, a.ages[s][-1].hi
        assert x.age[m].min() >= lo and x.age[m].max() <= hi
        zero, mean = pop.spending_means(a, s)
        spend = x.outpatient[m]
        assert abs((spend == 0).mean() - zero) < 0.01, s
        assert abs(spend[spend > 0].mean() / mean - 1) < 0.03, s
    assert abs(np.nanmean(x.wage) / (a.wage_level * 6795.0) - 1) < 0.01
    assert abs(np.nanmean(x.pension) / (a.pension_level * 6795.0) - 1) < 0.01
    assert np.isnan(x.wage[x.status != 0]).all() and np.isnan(x.pension[x.status != 1]).all()


def test_changing_one_assumption_keeps_everyone_elses_draws():
    a = pop.assumptions_on("2023-04-10")
    x = pop.synthesize(a, 20_000, 6795.0, seed=3)
    y = pop.synthesize(dataclasses.replace(a, wage_level=1.5), 20_000, 6795.0, seed=3)
    np.testing.assert_array_equal(x.outpatient, y.outpatient)
    np.testing.assert_allclose(y.wage[x.status == 0], np.round(x.wage[x.status == 0] * 1.5, 2), atol=0.011)
    z = pop.synthesize(pop.with_spending(a, "retired", zero_share=0.3), 20_000, 6795.0, seed=3)
    np.testing.assert_array_equal(x.pension, z.pension)
    np.testing.assert_array_equal(x.outpatient[x.status == 0], z.outpatient[x.status == 0])


def test_with_spending_sets_the_group_averages():
    a = pop.assumptions_on("2023-04-10")
    b = pop.with_spending(a, "in_service", zero_share=0.2, mean_positive=2500.0)
    zero, mean = pop.spending_means(b, "in_service")
    assert math.isclose(zero, 0.2) and math.isclose(mean, 2500.0)
    assert pop.spending_means(b, "retired") == pop.spending_means(a, "retired")


@pytest.mark.parametrize("change, field", [
    ({"share_retired": 1.5}, "share_retired"),
    ({"share_retired": 0.7, "share_flexible": 0.4}, "share_flexible"),
    ({"wage_level": 0.0}, "wage_level"),
    ({"pension_sigma": -0.1}, "pension_sigma"),
    ({"share_flexible": float("nan")}, "share_flexible"),
])
def test_bad_assumptions_name_the_field(change, field):
    a = dataclasses.replace(pop.assumptions_on("2023-04-10"), **change)
    with pytest.raises(InvalidInput, match=field):
        pop.run("wuhan", "2023-04-10", 1000, assumptions=a)


def test_bad_size_seed_and_spending_name_the_field():
    a = pop.assumptions_on("2023-04-10")
    with pytest.raises(InvalidInput, match="n"):
        pop.synthesize(a, 0, 6795.0)
    with pytest.raises(InvalidInput, match="seed"):
        pop.synthesize(a, 10, 6795.0, seed=-1)
    with pytest.raises(InvalidInput, match="zero_share_retired"):
        pop.with_spending(a, "retired", zero_share=1.2)
    with pytest.raises(InvalidInput, match="mean_spending_in_service"):
        pop.with_spending(a, "in_service", mean_positive=-5.0)
    with pytest.raises(InvalidInput, match="region"):
        pop.run("atlantis", "2023-04-10", 10)


# --------------------------------------------------------------------------- same code, same numbers
@pytest.mark.parametrize("date", ["2023-02-01", "2023-04-10"])
def test_vectorised_equals_per_person_compare_on_1500_random_enrollees(date):
    # the two Wuhan outpatient phases: with a deductible (700/500) and without; 3,000 in all
    r = pop.run("wuhan", date, 50_000, seed=11)
    idx = np.random.default_rng(12).choice(r.n, 1500, replace=False)
    assert_same_as_per_person("wuhan", date, r.inputs, r.values, r.break_even_status, r.break_even, idx)


def test_break_even_agrees_under_account_first_and_high_spending_rules(data_copy):
    # A modified copy of Wuhan's 2023-04-10 rule exercising the other kinks of the gain curve:
    # account first (三段式), a deductible, spending segments (another ratio above 3,000), a
    # spending ceiling and a cap / no cap.
    path = data_copy / "regions" / "wuhan" / "outpatient_pooling.yaml"
    _edit(path, "payment_order: pooled_first\n    deductible: {in_service: 0, retired: 0}   # deductible abolished",
          "payment_order: account_first\n    deductible: {in_service: 300, retired: 200}\n"
          "    spending_ceiling: {in_service: 20000, retired: unlimited}")
    _edit(path, "      in_service: {pharmacy: 0.85, primary: 0.85, secondary: 0.65, tertiary: 0.55}\n"
                "      retired: {pharmacy: 0.90, primary: 0.90, secondary: 0.75, tertiary: 0.65}",
          "      in_service: {kind: by_spending, segments: [{up_to: 3000, ratio: {pharmacy: 0.85, primary: 0.85, "
          "secondary: 0.65, tertiary: 0.55}}, {up_to: null, ratio: {pharmacy: 0.3, primary: 0.3, secondary: 0.3, "
          "tertiary: 0.3}}]}\n"
          "      retired: {kind: by_spending, segments: [{up_to: 3000, ratio: {pharmacy: 0.90, primary: 0.90, "
          "secondary: 0.75, tertiary: 0.65}}, {up_to: null, ratio: {pharmacy: 0.95, primary: 0.95, secondary: 0.95, "
          "tertiary: 0.95}}]}")
    text = path.read_text(encoding="utf-8")
    old_cap = "cap: {in_service: 3500, retired: 4000}"
    i = text.rindex(old_cap)
    path.write_text(text[:i] + "cap: {in_service: 5000, retired: unlimited}" + text[i + len(old_cap):],
                    encoding="utf-8")
    rs = rules_for("wuhan", "2023-05-01")
    assert rs.new.pooling.payment_order == "account_first"
    x = pop.synthesize(pop.assumptions_on("2023-05-01"), 4000, 6795.0, seed=5)
    values = compute(rs, x)
    status, value = pop.break_even_vectorised(rs, x, values)
    assert set(np.unique(status)) >= {0, 1}
    idx = np.random.default_rng(1).choice(x.age.size, 300, replace=False)
    assert_same_as_per_person("wuhan", "2023-05-01", x, values, status, value, idx)


def test_break_even_of_hand_made_cases():
    people = [
        # 30, base 8,000, primary, phase 2: old 8,000 × 3.1% × 12 = 2,976; new 8,000 × 2% × 12 = 1,920;
        # gain at 0 = −1,056; the fund pays 85%: 1,056 / 0.85 = 1,242.35… → the next fen 1,242.36
        Enrollee(status="in_service", age=30, wage_monthly=8000.0, level="primary"),
        # 68, pension 4,166.67, tertiary, phase 1 (published example E1): old 2,400, new 996 → −1,404;
        # deductible 500 then 60%: 500 + 1,404 / 0.6 = 2,840
        Enrollee(status="retired", age=68, pension_monthly=4166.67, level="tertiary"),
        # 50, base 20,000 (at the ceiling 20,385? no: below it), phase 2: old 4.5% × 20,000 × 12 = 10,800,
        # new 2% → 4,800; the loss 6,000 exceeds the 3,500 cap → never
        Enrollee(status="in_service", age=50, wage_monthly=20000.0, level="primary"),
        # flexibly employed: no account, but before the reform a 门诊和购药补助 counted like a credit of
        # 1,800 a year (医保局 FAQ: "最高约为1800元"); phase 2 pays 85% at primary with no deductible:
        # 1,800 / 0.85 = 2,117.647… → the next fen 2,117.65
        Enrollee(status="flexible", age=40),
    ]
    dates = ["2023-05-01", "2023-03-01", "2023-05-01", "2023-05-01"]
    expected = [("found", 1242.36), ("found", 2840.0), ("never", None), ("found", 2117.65)]
    for e, d, (want_status, want_value) in zip(people, dates, expected):
        st, v = pop.break_even_vectorised(rules_for("wuhan", d), Inputs.from_enrollees([e]))
        assert pop.BREAK_EVEN_STATUSES[st[0]] == want_status
        assert (None if np.isnan(v[0]) else float(v[0])) == want_value


def test_a_region_with_unknown_rules_gives_unknown_not_numbers():
    r = pop.run("chengdu", "2023-01-01", 2000, seed=1)
    assert not r.known and np.isnan(r.gain).all()
    assert (r.break_even_status == pop.BREAK_EVEN_STATUSES.index("unknown")).all()
    assert all(math.isnan(v) for v in summary.outcome_shares(r.gain))


# --------------------------------------------------------------------------- results
def test_outcome_shares_and_top_shares_by_hand():
    # 0.001 rounds to 0.00: unchanged
    assert summary.outcome_shares(np.array([1.0, 0.0, -1.0, 0.001])) == (0.25, 0.5, 0.25)
    # 4+3+2+1 = 10: top quarter holds 4/10, top half 7/10
    np.testing.assert_allclose(summary.top_shares(np.array([1.0, 4.0, 2.0, 3.0]), (0.25, 0.5, 1.0)), [0.4, 0.7, 1.0])


def test_groups_and_flows_add_up(wuhan):
    r = wuhan
    t = summary.group_table(r, r.inputs.status.astype(np.int64), 3)
    assert t.count.sum() == r.n
    overall = summary.outcome_shares(r.gain)[0]
    assert math.isclose((t.share_gaining * t.count).sum() / r.n, overall)
    f = summary.money_flows(r)
    assert math.isclose(f.moved_from_accounts[-1], (r.values["credit_old"] - r.values["credit_new"]).sum())
    assert math.isclose(f.returned_as_reimbursement[-1],
                        (r.values["reimbursement_new"] - r.values["reimbursement_old"]).sum())
    # Wuhan's flexibly employed had no account before or after; what moved is the old subsidy of
    # 1,800 a year each (counted like a credit), and they gained reimbursement
    flexible = int((r.inputs.status == 2).sum())
    assert math.isclose(f.moved_from_accounts[2], 1800.0 * flexible) and f.returned_as_reimbursement[2] > 0


def test_the_example_population_in_words(wuhan):
    s = summary.summarise(wuhan, (35, 45, 60, 70), (0.01, 1000.0, 5000.0), (0.2, 0.4, 0.6, 0.8), (0.1,), (0.5,))
    share = s.by_status.share_gaining
    assert share[1] > 0.5 > share[0]            # most retirees gain, most employees lose
    assert s.by_wage.share_gaining[0] > s.by_wage.share_gaining[-1]    # the higher the wage, the fewer gain
    assert s.by_pension.share_gaining[0] > s.by_pension.share_gaining[-1]
    # with no spending only retirees whose 4.8% of pension was below 83 yuan a month gain
    assert s.by_spending.share_gaining[0] < 0.01 and s.by_spending.share_gaining[-1] > 0.9
    low = (wuhan.inputs.status == 1) & (wuhan.inputs.outpatient == 0) & (wuhan.gain > 0)
    assert (wuhan.inputs.pension[low] * 0.048 < 83).all()
    assert 0 < s.flows.share_returned[-1] < 1
    med = s.break_even.quantiles[:, 0]
    assert med[1] < med[0]                      # retirees break even earlier than employees
    assert med[2] > 0                            # flexible workers lost the old subsidy (1,800 a year)


def test_reality_check_sets_model_beside_published(wuhan):
    checks = {c.key: c for c in summary.reality_check(wuhan)}
    assert set(checks) >= {"account_income_before", "account_income_after", "account_spending_after",
                           "account_balance", "hunan_account_share", "hunan_moved", "hunan_low_credit",
                           "in_service_to_retired"}
    assert checks["account_balance"].model is None and checks["hunan_account_share"].model is None
    assert abs(checks["in_service_to_retired"].ratio - 1) < 0.001      # an input: equal by construction
    from medinsure.views.population import check_words
    for c in checks.values():
        why = check_words(c)[1]   # the words are the view's (the numbers they need are c.terms)
        assert why["zh"] and why["en"] and not CJK.search(why["en"].replace("湖南", "").replace("亿", ""))
        for f in c.figures:
            assert f["reference"].read_at
    # honest directions: outpatient-only accounts spend far less than real accounts
    assert checks["account_spending_after"].ratio < 0.5


# --------------------------------------------------------------------------- the app
@pytest.fixture(scope="module")
def app():
    from medinsure.app.population import population_explorer
    return population_explorer(region="wuhan", date="2023-04-10", n=10_000, seed=1)


def test_the_app_shows_the_library_numbers(app):
    from medinsure.views.population import (
        AGE_EDGES,
        BREAK_EVEN_QUANTILES,
        QUANTILES,
        SPENDING_EDGES,
        TOP_FRACTIONS,
    )
    r = pop.run("wuhan", "2023-04-10", 10_000, seed=1)
    s = summary.summarise(r, AGE_EDGES, SPENDING_EDGES, QUANTILES, TOP_FRACTIONS, BREAK_EVEN_QUANTILES)
    assert app.error is None and app.result.shares == s.shares
    assert f"{s.shares[0]:.1%}" in app.sentence.value and "medinsure-sentence" in app.sentence.value
    # the charts are drawn in the browser from the library's numbers (tests/test_population_live_chart.py)
    import bqplot as bq
    assert all(isinstance(f, bq.Figure) for chart in app.charts.values() for f in chart.figures)
    assert np.array_equal(app.charts["shares"].data["gain"][:3], s.by_status.share_gaining, equal_nan=True)
    assert list(app.charts["flows"].data["moved"]) == list(s.flows.per_enrollee("moved_from_accounts"))


@pytest.mark.parametrize("control, value", [
    ("share_retired", 0.4), ("share_flexible", 0.05), ("wage_level", 1.4), ("wage_sigma", 0.8),
    ("pension_level", 0.7), ("zero_in_service", 0.6), ("zero_retired", 0.3), ("mean_in_service", 3000.0),
    ("mean_retired", 6000.0), ("seed", 7), ("date", "2023-02-01"),
])
def test_every_assumption_recomputes_through_the_library(app, control, value):
    before = np.array(app.charts["shares"].bars.y)
    app.controls[control].value = value
    c = app.controls
    r = pop.run("wuhan", c["date"].value, c["n"].value, seed=c["seed"].value, assumptions=app.assumptions())
    assert app.result.shares == summary.outcome_shares(r.gain)
    assert not np.array_equal(np.array(app.charts["shares"].bars.y), before)   # the live chart moved
    assert app.timings["total"] < 5   # the benchmark measures the real figure (< 1 s at 100,000)
    app.reset_button.click()
    # the slider shows the data's 0.2632 on its 0.01 grid; the model uses the exact value
    assert app.controls["share_retired"].value == 0.26
    assert app.assumptions() == pop.assumptions_on(c["date"].value)


def test_english_leaves_no_chinese_in_sentence_or_charts(app):
    from matplotlib.text import Text

    from medinsure.views.charts import population as ui
    app.controls["lang"].value = "en"
    try:
        assert not CJK.search(app.sentence.value) and "gain" in app.sentence.value
        live = [t for chart in app.charts.values() for t in chart.texts()]
        assert "Age" in live and not [t for t in live if CJK.search(t)], live
        s, r = app.result, app.model
        for fig in ui.draw_charts(r, s, "en").values():   # the exported figures
            fig.canvas.draw()
            texts = [t.get_text() for t in fig.findobj(Text)]
            assert not [t for t in texts if CJK.search(t)], texts
    finally:
        app.controls["lang"].value = "zh"


def test_charts_draw_chinese_without_missing_glyph_warnings(app):
    app.controls["zero_retired"].value = 0.25
    try:
        texts = [t for chart in app.charts.values() for t in chart.texts()]   # the browser draws these
        assert "年龄" in texts and "多得" in texts and sum(bool(CJK.search(t)) for t in texts) > 10
        with warnings.catch_warnings(record=True) as caught:   # the exports are drawn by matplotlib
            warnings.simplefilter("always")
            files = app.export_panel.files()
        assert sum(name.endswith(".png") for name in files) == 4
        missing = [w for w in caught if "missing from font" in str(w.message)]
        assert not missing, missing[0].message
    finally:
        app.reset_button.click()


def test_other_regions_say_not_known_instead_of_numbers():
    from medinsure.app.population import population_explorer
    app = population_explorer(region="chengdu", n=10_000)
    assert app.error is None and app.result is not None
    assert "未查到" in app.sentence.value and "无法算出" in app.sentence.value and "medinsure-unknown" in app.notice.value
    for _, slug in app.controls["region"].options:
        app.controls["region"].value = slug
        assert app.error is None, (slug, app.error)
    app.controls["lang"].value = "en"
    app.controls["region"].value = "beijing"
    assert "cannot be worked out" in app.sentence.value


def test_invalid_input_shows_a_message_not_a_traceback(app):
    app.controls["share_retired"].max = 1.0   # as a stale client might send it
    app.controls["share_flexible"].value = 0.3
    app.controls["share_retired"].value = 0.9
    assert app.result is None and "medinsure-error" in app.error_box.value
    assert "0.3" in app.error_box.value and "Traceback" not in app.error_box.value
    app.controls["share_retired"].value = 0.2
    assert app.error is None and app.result is not None
    app.controls["share_retired"].max = 0.6
    app.reset_button.click()


def test_key_numbers_line_and_notebook_pieces():
    from medinsure.app.population import key_numbers, population_explorer, sources_html
    from medinsure.teaching.exercises_population import EXAMPLE, exercises_html
    from medinsure.views.population import reality_check_html
    app = population_explorer(**EXAMPLE)
    assert key_numbers(app.result, app.model) == (
        "wuhan 2023-07-01 n=100,000 seed=1: gain 27.0%, unchanged 0.0%, lose 73.0%; who gain: in service "
        "14.7%, retired 64.4%, flexible 8.8%; mean gain -454; per enrollee moved 1,382, returned 927; "
        "median break-even in service 1,550, retired 1,278")
    html = reality_check_html(app.model)
    assert "6,390" in html and "模型不含" in html and "2024年全国医疗保障事业发展统计公报" in html
    ex = exercises_html()
    assert ex.count("<details>") == 4 and "64.4%" in ex
    src = sources_html(app.model)
    assert "武汉市职工基本医疗保险门诊共济保障实施细则" in src and "data/population/README.md" not in src and "medinsure 人口模型假设" in src

"""The household explainer driven as a user would: set control values, read the result."""

import warnings

import pytest

from medinsure import Enrollee, compare
from medinsure.app import household_explainer
from medinsure.app.page import EXERCISES, exercises_html, key_numbers, sources_html
from medinsure.rules import load_region


def rule_dates(slug):
    return load_region(slug).reformed_rule_dates()


@pytest.fixture
def app():
    return household_explainer(region="wuhan", date="2023-03-01", status="retired", age=68,
                               pension=4166.67, outpatient=7150, level="tertiary")


def test_the_wuhan_example_shows_2400_to_996_with_sources(app):
    r = app.result
    assert (r.credit_old, r.credit_new) == (2400.0, 996.0)
    assert "2,400.00" in app.sentence.value and "996.00" in app.sentence.value
    assert "3,990.00" in app.sentence.value and "2,586.00" in app.sentence.value
    assert "武汉市职工基本医疗保险门诊共济保障实施细则" in app.trace.value
    assert list(app.bars.bars.y[1][:2]) == [996.0, 3990.0]
    assert app.curve.point.y[0] == 2586.0


def test_a_date_between_changes_selects_the_rules_in_force(app):
    assert app.controls["date"].value == "2023-02-01"
    assert "2023-04-10" in [v for _, v in app.controls["date"].options]


@pytest.mark.parametrize("changes", [
    {"age": 70},
    {"outpatient": 3000.0},
    {"level": "primary"},
    {"status": "in_service", "wage": 9000.0, "age": 40},
    {"status": "flexible", "wage": 6000.0},
    {"date": "2023-04-10", "outpatient": 12000.0},
])
def test_every_change_recomputes_through_the_library(app, changes):
    for key, value in changes.items():
        app.controls[key].value = value
    c = app.controls
    s = c["status"].value
    expected = compare("wuhan", c["date"].value, Enrollee(
        status=s, age=c["age"].value,
        wage_monthly=None if s == "retired" else c["wage"].value,
        pension_monthly=c["pension"].value if s == "retired" else None,
        outpatient_yearly=c["outpatient"].value, level=c["level"].value,
        retirement_year=c["retirement_year"].value if s == "retired" else None))
    got = app.result
    for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain",
                "break_even_outpatient"):
        assert getattr(got, key) == getattr(expected, key), key
    assert f"{expected.credit_new:,.2f}" in app.sentence.value


def test_the_wage_slider_follows_the_region_base_limits(app):
    app.controls["status"].value = "in_service"
    w = app.controls["wage"]
    assert (w.min, w.max) == (4077.0, 20385.0)


def test_english_switch_changes_sentence_and_trace(app):
    app.controls["lang"].value = "en"
    assert "account" in app.sentence.value and "2,400.00" in app.sentence.value
    assert "Account credit" in app.trace.value
    assert "本人养老金" not in app.trace.value


def test_compare_curves_draw_without_error(app):
    app.controls["compare_statuses"].value = True
    assert app.result is not None and app.error is None


def test_invalid_input_shows_a_message_not_a_traceback(app, monkeypatch):
    # a pension of 0 is valid; force an invalid one through the model as a stale client might
    app.controls["pension"].value = 500.0
    import medinsure.app.household as h
    monkeypatch.setattr(h, "compare", lambda *a, **k: (_ for _ in ()).throw(
        h.InvalidInput("pension_monthly", -1, "from 0 to 1,000,000 yuan/month")))
    app.recompute()
    assert app.result is None
    box = app.error_box.value
    assert "月养老金 -1" in box and "1,000,000" in box and "pension_monthly" not in box and "Traceback" not in box


def test_every_region_opens_without_error(app):
    for _, slug in app.controls["region"].options:
        app.controls["region"].value = slug
        assert app.error is None, (slug, app.error)
        assert app.controls["date"].value in [d.isoformat() for d in rule_dates(slug)]


def test_charts_draw_chinese_without_missing_glyph_warnings(app):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.controls["compare_statuses"].value = True
        app.controls["age"].value = 71
    missing = [w for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[0].message


def test_exercise_answers_come_from_the_library():
    text = exercises_html("account_credits")
    assert "2,400.00" in text and "996.00" in text
    assert len(EXERCISES["outpatient_pooling"]) >= 3
    assert "2,840.00" in exercises_html("outpatient_pooling")


def test_sources_list_names_documents_and_addresses():
    text = sources_html("wuhan", "2023-03-01")
    assert "武汉市职工基本医疗保险门诊共济保障实施细则" in text and "http" in text


def test_key_numbers_line(app):
    assert key_numbers(app.result) == ("credit 2,400.00 -> 996.00; reimbursement 0.00 -> 3,990.00; "
                                       "gain 2,586.00; break-even found 2,840.00")


def test_the_sources_list_follows_the_apps_city_and_date():
    from medinsure.app.page import references_for, show_sources
    app = household_explainer(region="wuhan", date="2023-02-01", status="retired", age=68)
    box = show_sources(app)
    wuhan = box.value
    app.controls["region"].value = "beijing"
    assert box.value != wuhan
    titles = [r.title for r in references_for("beijing", app.controls["date"].value)]
    assert titles and all(t in box.value or t.replace("&", "&amp;") in box.value for t in titles[:3])


def test_a_superseded_phase_says_that_the_rules_changed_since(app):
    # app opens on 2023-03-01 → the 2023-02-01 phase; 武汉's phase 2 starts 2023-04-10 (policy_facts §2C)
    assert "2023-04-10" in app.notice.value and "之后规则已有变化" in app.notice.value
    app.controls["lang"].value = "en"
    assert "The rules changed after the chosen date (from 2023-04-10" in app.notice.value
    app.controls["date"].value = app.controls["date"].options[-1][1]
    assert "changed after" not in app.notice.value


def test_without_a_date_the_app_opens_on_the_latest_rules():
    fresh = household_explainer(region="wuhan")
    assert fresh.controls["date"].value == fresh.controls["date"].options[-1][1]
    assert "之后规则已有变化" not in fresh.notice.value

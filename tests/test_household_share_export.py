"""Share links, exports, the English switch and text alternatives of the household app."""

import csv
import io
import urllib.parse

import pytest

from medinsure.app import household_explainer
from medinsure.app.share import apply_query, control_values, share_query

from .language import CJK, chinese_only, figure_texts, widget_texts


@pytest.fixture
def app():
    return household_explainer(region="wuhan", date="2023-03-01", status="retired", age=68,
                               pension=4166.67, outpatient=7150, level="tertiary")


def test_a_share_link_reopens_the_same_numbers(app):
    app.controls["age"].value = 71
    app.controls["outpatient"].value = 5200.0
    app.controls["level"].value = "secondary"
    query = share_query(app)
    assert "age=71" in query and "outpatient=5200" in query
    fresh = household_explainer()          # another user's default page
    problems = apply_query(fresh, dict(urllib.parse.parse_qsl(query)))
    assert problems == []
    for key in ("credit_old", "credit_new", "reimbursement_new", "resources_gain", "break_even_outpatient"):
        assert getattr(fresh.result, key) == getattr(app.result, key), key
    assert control_values(fresh) == control_values(app)


def test_a_link_with_a_date_between_rule_changes_picks_the_rules_in_force():
    fresh = household_explainer()
    assert apply_query(fresh, {"region": "wuhan", "date": "2023-05-20"}) == []
    assert fresh.controls["date"].value == "2023-04-10"


def test_bad_link_values_are_refused_with_a_visible_message():
    fresh = household_explainer()
    problems = apply_query(fresh, {"age": "500", "region": "atlantis", "level": "clinic"})
    assert len(problems) == 3
    fresh.show_link_problems(problems)
    assert "medinsure-error" in fresh.error_box.value and "age" in fresh.error_box.value


def test_the_share_box_shows_the_link(app):
    assert "medinsure-share" in app.share.value and "age=68" in app.share.value


def test_exports_carry_the_source_line_and_the_csv_matches_the_chart(app):
    files = app.export_files()
    names = sorted(files)
    assert [n.rsplit(".", 1)[1] for n in names].count("png") == 2
    assert [n.rsplit(".", 1)[1] for n in names].count("svg") == 2
    png = next(v for k, v in files.items() if k.endswith("credits.png"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = next(v for k, v in files.items() if k.endswith("credits.svg")).decode("utf-8")
    assert "<svg" in svg
    rows = [r for r in csv.reader(io.StringIO(app.bars_csv())) if r and not r[0].startswith("#")]
    comments = [line for line in app.bars_csv().splitlines() if line.startswith("#")]
    assert any("武汉市职工基本医疗保险门诊共济保障实施细则" in c for c in comments)
    assert any("2023-02-01" in c for c in comments)
    assert rows[0] == ["category", "old_yuan_per_year", "new_yuan_per_year"]
    data = app.bars.data
    for row, cat, old, new in zip(rows[1:], data["categories"], data["old"], data["new"]):
        assert row == [cat, f"{old:.2f}", f"{new:.2f}"]
    assert rows[1][1:] == ["2400.00", "996.00"]
    curve = [r for r in csv.reader(io.StringIO(app.curve_csv())) if r and not r[0].startswith("#")]
    assert len(curve) - 1 == len(app.curve.data["spending"])
    assert float(curve[1 + 10][1]) == pytest.approx(app.curve.data["gain"][10], abs=0.005)


def test_the_exported_png_has_the_source_line_drawn_in(app, monkeypatch):
    import medinsure.views.exports as ex
    seen = {}
    original = ex.figure_bytes

    def spy(fig, fmt, footer):
        seen["footer"] = footer
        seen["texts"] = None
        out = original(fig, fmt, footer)
        return out
    monkeypatch.setattr(ex, "figure_bytes", spy)
    app.export_files()
    assert "武汉市职工基本医疗保险门诊共济保障实施细则" in seen["footer"]
    assert "2023-02-01" in seen["footer"]


def test_export_links_are_downloads(app):
    app.export_links()
    assert app.exports.value.count("download=") == 7  # 2 charts × (PNG, SVG, CSV) + the case page


def test_the_citable_sentence_has_numbers_and_sources(app):
    text = app.cite.value
    assert "2,400.00" in text and "996.00" in text and "来源" in text and "《" in text


def test_every_chart_has_a_table_alternative_with_the_same_numbers(app):
    assert "2,400.00" in app.bars_table.value and "996.00" in app.bars_table.value
    assert "2,840.00" in app.curve_table.value   # the break-even row
    assert "<table" in app.curve_table.value


def test_every_control_has_a_label(app):
    for name, w in app.controls.items():
        assert w.description, name


def test_english_leaves_no_chinese_only_text(app):
    app.controls["lang"].value = "en"
    app.controls["compare_statuses"].value = True
    app.export_links()
    bad = chinese_only(widget_texts(app))
    assert not bad, bad[:5]
    for chart in (app.bars, app.curve):
        assert not [t for t in chart.texts() if CJK.search(t)]  # the live chart
        assert not [t for t in figure_texts(chart.export_chart().fig) if CJK.search(t)]  # its export


def test_english_check_catches_chinese_only_text(app):
    """The check itself can fail: Chinese mode has Chinese-only sentences."""
    assert chinese_only(widget_texts(app))


def test_the_export_offers_the_case_page_with_the_apps_numbers(app):
    files = app.export_files()
    page = next(v for k, v in files.items() if k.endswith("-case.html")).decode("utf-8")
    assert "<script" not in page
    for number in ("2,400.00", "996.00", "3,990.00"):  # the Wuhan bureau's example, as the app shows it
        assert number in app.sentence.value and number in page

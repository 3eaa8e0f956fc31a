"""The family mutual-aid app's live charts (drawn in the browser): their data are the library's
numbers, the kernel draws no image while controls move, the export (matplotlib) shows the same
data, and where a credit rule is not known the charts say so instead of drawing a number."""

import datetime as dt
import re

import numpy as np
import pytest

from medinsure import family as fam
from tests.draws import counting_draws

CJK = re.compile(r"[\u3400-\u9fff]")


def explainer(**kwargs):
    from medinsure.app.family import family_explainer
    return family_explainer(**kwargs)


def library(app) -> fam.FamilyPlan:
    """The plan of the app's inputs, computed through the library."""
    c = app.controls
    return fam.family_plan(c["region"].value, c["date"].value, app.enrollee(), float(c["balance"].value),
                           app.relatives(), years=int(c["years"].value), exploratory_allowed=bool(c["explore"].value),
                           own_share_yearly=float(c["outpatient"].value) if c["own_mode"].value == "direct" else None)


def rows(values) -> np.ndarray:
    return np.atleast_2d(np.asarray(values, dtype=float))


CASES = [
    dict(region="wuhan", date="2025-03-01"),
    dict(region="wuhan", date="2024-03-01", years=8, balance=500.0),          # before the sibling may share
    dict(region="wuhan", date="2025-03-01", status="retired", age=70, pension=5000.0, years=15),
    dict(region="beijing", date="2025-03-01", own_mode="direct", outpatient=1200.0),
    dict(region="hunan", date="2025-03-01", own_mode="direct", outpatient=600.0),  # old credit not found
]


@pytest.mark.parametrize("kwargs", CASES)
def test_live_chart_data_are_the_librarys_numbers(kwargs):
    app = explainer(**kwargs)
    p, chart = library(app), app.chart
    scen = [s for s in (p.old, p.new) if s is not None]
    assert scen, "a case with numbers"
    years = [y.year for y in scen[-1].years]
    assert list(chart.bars.x) == [str(y) for y in years]
    # left: what the account pays (bars) and what it may pay (a step over each year's band)
    assert np.array_equal(rows(chart.bars.y), [[y.paid for y in s.years] for s in scen])
    allowed = [[y.need - y.not_allowed for y in s.years] for s in scen]
    assert np.array_equal(rows(chart.steps.y), np.repeat(allowed, 2, axis=1))
    n = len(years)
    assert np.array_equal(chart.steps.x, [v for i in range(n) for v in (i - 0.5, i + 0.5)])
    assert (chart.x_steps.min, chart.x_steps.max) == (-0.5, n - 0.5)   # year i at its band's centre
    top = max(np.max(rows(chart.bars.y)), np.max(allowed))
    assert chart.y_paid.min == 0 and top <= chart.y_paid.max
    # right: the balance from the opening balance to each year end
    assert list(chart.balance.x) == list(range(years[0] - 1, years[-1] + 1))
    assert np.array_equal(rows(chart.balance.y), [[s.years[0].start] + [y.end for y in s.years] for s in scen])
    assert chart.y_bal.min == 0 and np.max(rows(chart.balance.y)) <= chart.y_bal.max
    # the same numbers as the chart's data (the export's CSV) and the colours old grey, new blue
    assert chart.data["years"] == years
    assert [chart.data[s.regime]["paid"] for s in scen] == [[y.paid for y in s.years] for s in scen]
    assert len(chart.bars.colors) == len(scen)


def test_a_move_sends_only_what_changed():
    app = explainer(region="wuhan", date="2025-03-01")
    sent = []
    for mark in (app.chart.bars, app.chart.steps, app.chart.balance):
        mark.observe(lambda ch: sent.append((ch["owner"], ch["name"])), names=["x", "y", "labels"])
    app.controls["balance"].value = 3500.0      # the balance line moves; what the account may pay does not
    assert (app.chart.balance, "y") in sent and (app.chart.steps, "y") not in sent
    sent.clear()
    app.controls["cp_amount"].value = 500.0     # the cross-province sandbox: the charts do not move
    assert sent == []
    limits = (app.chart.y_paid.min, app.chart.y_paid.max)
    app.controls["rel1_medical"].value = 1450.0  # a small step keeps the axis (sticky limits)
    assert (app.chart.y_paid.min, app.chart.y_paid.max) == limits


def test_no_image_is_drawn_while_controls_move(monkeypatch):
    app = explainer(region="wuhan", date="2025-03-01")
    c = app.controls
    with counting_draws(monkeypatch) as draws:
        for v in (2000.0, 4000.0, 0.0):
            c["balance"].value = v
        c["years"].value = 12
        c["age"].value = 60
        c["status"].value = "retired"
        c["rel3_on"].value = True
        c["rel1_medical"].value = 5000.0
        c["date"].value = dt.date(2024, 3, 1)
        c["lang"].value = "en"
        c["region"].value = "hunan"
        c["own_mode"].value = "direct"
        assert draws == []
        app.export_panel.button.click()   # the export draws, on click
        assert draws


def test_the_export_shows_the_live_charts_data():
    app = explainer(region="wuhan", date="2025-03-01", years=7)
    app.controls["rel3_on"].value = True
    exported = app.chart.export_chart()
    assert exported.data == app.chart.data
    heights = [b.get_height() for b in exported.ax_paid.patches]
    assert heights == list(rows(app.chart.bars.y).ravel())          # old bars, then new bars
    lines = [ln for ln in exported.ax_bal.get_lines()]
    assert np.array_equal([ln.get_ydata() for ln in lines], rows(app.chart.balance.y))
    assert np.array_equal(lines[0].get_xdata(), app.chart.balance.x)
    from medinsure.views.family import chart_rows
    bundle = app.export_panel._bundle()
    assert list(bundle.charts[0].rows) == chart_rows(app.chart.data)
    svg = bundle.charts[0].draw("svg", "来源 Sources: test footer").decode("utf-8")
    assert "<svg" in svg


def test_an_unknown_old_credit_is_said_not_drawn():
    app = explainer(region="hunan", date="2025-03-01", own_mode="direct", outpatient=600.0)
    assert app.result.old is None and app.result.new is not None
    chart = app.chart
    assert rows(chart.bars.y).shape[0] == 1 and rows(chart.balance.y).shape[0] == 1  # no old bars at 0
    assert chart.old_unknown.visible and list(chart.old_unknown.text) == ["旧划入办法：未查到"]
    assert "旧划入办法：未查到" in chart.texts()
    app.controls["lang"].value = "en"
    assert "old credit: not found" in chart.texts()
    assert not [t for t in chart.texts() if CJK.search(t)]


def test_where_nothing_can_be_worked_out_the_frames_say_so():
    app = explainer(region="changzhou", date="2025-03-01", own_mode="direct", outpatient=600.0)
    assert app.result.old is None and app.result.new is None
    chart = app.chart
    assert not (chart.bars.visible or chart.steps.visible or chart.balance.visible)
    assert not (chart.y_paid_axis.visible or chart.y_bal_axis.visible)   # no scale without a value
    assert chart.paid_cannot.visible and chart.bal_cannot.visible
    assert chart.texts().count("无法算出（见下方未查到的规则）") == 2
    app.controls["region"].value = "wuhan"      # numbers again: the marks come back
    assert chart.bars.visible and chart.y_paid_axis.visible and not chart.paid_cannot.visible


def test_the_live_texts_follow_the_language():
    app = explainer(region="wuhan", date="2025-03-01")
    zh = app.chart.texts()
    assert "每年账户能付的家庭费用（元）" in zh and "可由账户支付的费用（新划入办法）" in zh
    assert all(CJK.search(t) or re.fullmatch(r"\d{4}", t) for t in zh), zh
    app.controls["lang"].value = "en"
    en = app.chart.texts()
    assert "Balance at year end (yuan)" in en and "costs the account may pay (old credit)" in en
    assert not [t for t in en if CJK.search(t)]

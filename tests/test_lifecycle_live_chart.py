"""The life-cycle app's live balance chart (drawn in the browser): its data are the library's
numbers, the kernel draws no image while controls move, the export (matplotlib) shows the same
data, and where a credit rule is not known the chart says so instead of drawing a number."""

import datetime as dt
import re

import numpy as np
import pytest

from medinsure import lifecycle as lc
from medinsure.views.charts.live_lifecycle import BAR_HALF
from tests.draws import counting_draws

CJK = re.compile(r"[\u3400-\u9fff]")


def explainer(**kwargs):
    from medinsure.app.lifecycle import lifecycle_explainer
    return lifecycle_explainer(**kwargs)


def library(app) -> lc.Projection:
    """The projection of the app's inputs, computed through the library."""
    c = app.controls
    return lc.balance_projection(c["region"].value, c["date"].value, app.enrollee(), float(c["start"].value),
                                 float(c["spending"].value), int(c["years"].value))


def rows(values) -> np.ndarray:
    return np.atleast_2d(np.asarray(values, dtype=float))


def bars_of(chart) -> dict[float, float]:
    """The unpaid bars as drawn (one filled path): {year: depth}."""
    x, y = np.asarray(chart.unpaid.x), np.asarray(chart.unpaid.y)
    return {round(float(x[i]) + BAR_HALF, 6): -float(y[i + 1]) for i in range(0, len(x), 4)}


CASES = [
    dict(),                                                               # Hunan: old credit not found
    dict(region="wuhan"),
    dict(region="wuhan", status="in_service", age=40, wage=9000.0, spending=3000.0, years=25),
    dict(region="tianjin", start=500.0, spending=2500.0, years=5),
    dict(region="fuzhou"),                                                # new credit not found
]


@pytest.mark.parametrize("kwargs", CASES)
def test_live_chart_data_are_the_librarys_numbers(kwargs):
    app = explainer(**kwargs)
    p, chart = library(app), app.chart
    xs = [p.years[0] - 1, *p.years]
    known = [b for b in (p.balance_old, p.balance_new) if b is not None]
    assert known, "a case with numbers"
    assert list(chart.lines.x) == xs
    assert np.array_equal(rows(chart.lines.y), known)
    lo, hi = chart.y_scale.min, chart.y_scale.max
    assert lo <= 0 and np.max(known) <= hi
    if p.unpaid_new is not None and max(p.unpaid_new) > 0.005:
        assert chart.unpaid.visible and chart.zero.visible
        assert bars_of(chart) == pytest.approx(dict(zip((float(y) for y in p.years), p.unpaid_new)))
        assert lo <= -max(p.unpaid_new)
    else:
        assert not chart.unpaid.visible
    assert chart.data == {"years": xs, "old": p.balance_old, "new": p.balance_new, "unpaid_new": p.unpaid_new}


def test_a_move_sends_only_what_changed():
    app = explainer(region="wuhan")
    sent = []
    app.chart.lines.observe(lambda ch: sent.append(ch["name"]), names=["x", "y", "labels"])
    app.controls["card"].value = 6000.0       # the "what happens if" tab: the chart does not move
    app.controls["event"].value = app.controls["event"].options[-1][1]
    assert sent == []
    app.controls["spending"].value = 1300.0   # the balances move, the years do not
    assert sent == ["y"]
    limits = (app.chart.y_scale.min, app.chart.y_scale.max)
    app.controls["spending"].value = 1350.0   # a small step keeps the axis (sticky limits)
    assert (app.chart.y_scale.min, app.chart.y_scale.max) == limits


def test_no_image_is_drawn_while_controls_move(monkeypatch):
    app = explainer()
    c = app.controls
    with counting_draws(monkeypatch) as draws:
        for v in (1000.0, 3000.0, 200.0):
            c["spending"].value = v
        c["years"].value = 25
        c["start"].value = 8000.0
        c["status"].value = "in_service"
        c["age"].value = 40
        c["region"].value = "wuhan"
        c["date"].value = dt.date(2023, 1, 1)
        c["lang"].value = "en"
        c["event"].value = c["event"].options[0][1]
        assert draws == []
        app.export_panel.button.click()   # the export draws, on click
        assert draws


def test_the_export_shows_the_live_charts_data():
    app = explainer(region="wuhan", spending=2000.0)
    exported = app.chart.export_chart()
    assert exported.data == app.chart.data
    lines = exported.ax.get_lines()[:len(rows(app.chart.lines.y))]
    assert np.array_equal([ln.get_ydata() for ln in lines], rows(app.chart.lines.y))
    assert np.array_equal(lines[0].get_xdata(), app.chart.lines.x)
    bars = {round(b.get_x() + b.get_width() / 2, 6): -b.get_height() for b in exported.ax.patches}
    assert bars == pytest.approx(bars_of(app.chart))
    from medinsure.views.lifecycle import chart_rows
    bundle = app.export_panel._bundle()
    assert list(bundle.charts[0].rows) == chart_rows(app.chart.data)
    assert b"<svg" in bundle.charts[0].draw("svg", "来源 Sources: test footer")[:2000]


def test_an_unknown_credit_is_said_not_drawn():
    app = explainer()                                  # Hunan: the old credit is not found
    assert app.result.projection.balance_old is None
    chart = app.chart
    assert rows(chart.lines.y).shape[0] == 1 and list(chart.lines.colors) == ["#1565c0"]  # no old line at 0
    assert "旧划入办法：未查到" in chart.texts() and chart.y_axis.visible
    app.controls["lang"].value = "en"
    assert "old credit: not found" in chart.texts()
    assert not [t for t in chart.texts() if CJK.search(t)]
    app.controls["region"].value = "changzhou"          # neither credit is found
    assert not chart.lines.visible and not chart.y_axis.visible   # no scale without a value
    assert {"old credit: not found", "new credit: not found"} <= set(chart.texts())
    app.controls["region"].value = "wuhan"              # numbers again
    assert chart.lines.visible and chart.y_axis.visible and not chart.unknown_labels.visible


def test_the_live_texts_follow_the_language():
    app = explainer(region="wuhan")
    zh = app.chart.texts()
    assert "个人账户余额预测（元，年末）" in zh and "账户不够付的部分（新）" in zh
    assert all(CJK.search(t) for t in zh), zh
    app.controls["lang"].value = "en"
    en = app.chart.texts()
    assert "Projected account balance (yuan, year end)" in en and "year end" in en
    assert not [t for t in en if CJK.search(t)]

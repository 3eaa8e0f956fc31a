"""The household app's live charts (drawn in the browser): their data are the library's numbers,
the kernel draws no image while controls move, and the exports (matplotlib) show the same data."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from medinsure import compare
from medinsure.app import household_explainer
from medinsure.compare import Inputs, resources_gain_curve

CASES = [  # (region, date, status, age, pension or wage, outpatient, level)
    ("wuhan", "2023-03-01", "retired", 68, 4166.67, 7150.0, "tertiary"),
    ("wuhan", "2023-03-01", "retired", 72, 6000.0, 500.0, "primary"),
    ("wuhan", "2023-03-01", "in_service", 35, 9000.0, 12000.0, "secondary"),
]


@pytest.mark.parametrize("region,date,status,age,money,outpatient,level", CASES)
def test_live_chart_data_are_the_librarys_numbers(region, date, status, age, money, outpatient, level):
    pay = {"pension": money} if status == "retired" else {"wage": money}
    app = household_explainer(region=region, date=date, status=status, age=age, outpatient=outpatient,
                              level=level, **pay)
    e = app.enrollee()
    r = compare(region, app.controls["date"].value, e)
    y = np.asarray(app.bars.bars.y)
    assert list(y[0][:2]) == [r.credit_old, r.reimbursement_old]
    assert list(y[1][:2]) == [r.credit_new, r.reimbursement_new]
    assert y[1][2] == pytest.approx(r.credit_new + r.reimbursement_new)
    x = np.asarray(app.curve.line.x)
    want = resources_gain_curve(r.ruleset, Inputs.from_enrollees([e]), x)
    assert np.allclose(np.asarray(app.curve.line.y), want)
    assert app.curve.point.x[0] == e.outpatient_yearly and app.curve.point.y[0] == r.resources_gain
    if r.break_even_outpatient is not None:
        assert app.curve.be_line.visible and app.curve.be_line.x[0] == r.break_even_outpatient
    lo, hi = app.curve.y_scale.min, app.curve.y_scale.max
    assert lo <= float(np.min(want)) and float(np.max(want)) <= hi


def test_the_curve_follows_the_bill_and_keeps_its_axis():
    app = household_explainer(region="wuhan", date="2023-03-01", outpatient=7150)
    limits = (app.curve.y_scale.min, app.curve.y_scale.max)
    app.controls["outpatient"].value = 7200
    assert app.curve.point.x[0] == 7200.0
    assert (app.curve.y_scale.min, app.curve.y_scale.max) == limits  # sticky
    app.controls["age"].value = 71  # the gain curve depends on age: recomputed
    r = compare("wuhan", app.controls["date"].value, app.enrollee())
    assert app.curve.point.y[0] == r.resources_gain


def test_no_image_is_drawn_while_controls_move(monkeypatch):
    app = household_explainer(region="wuhan", date="2023-03-01")
    draws = []
    real_draw, real_save = FigureCanvasAgg.draw, Figure.savefig
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: draws.append("draw") or real_draw(self, *a, **k))
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: draws.append("save") or real_save(self, *a, **k))
    c = app.controls
    for v in (7200, 9000, 20000, 300):
        c["outpatient"].value = v
    c["age"].value = 75
    c["status"].value = "in_service"
    c["compare_statuses"].value = True
    c["lang"].value = "en"
    c["level"].value = "primary"
    assert draws == []
    app.export_links()  # the export draws, on click
    assert draws


def test_exports_show_the_live_charts_data():
    app = household_explainer(region="wuhan", date="2023-03-01", outpatient=9000)
    app.controls["compare_statuses"].value = True
    bars, curve = app.bars.export_chart(), app.curve.export_chart()
    assert [b.get_height() for b in bars.new_bars] == pytest.approx(list(np.asarray(app.bars.bars.y)[1]))
    x, y = curve.line.get_data()
    assert np.allclose(x, app.curve.line.x) and np.allclose(y, app.curve.line.y)
    assert np.allclose(curve.others[0].get_data()[1], np.atleast_2d(app.curve.others.y)[0])
    assert list(curve.point.get_data()[1]) == [app.curve.point.y[0]]
    svg = app.curve.export("svg", "来源 Sources: test footer").decode("utf-8")
    assert "<svg" in svg


def test_labels_near_the_right_edge_turn_left():
    """A label in the right part of the frame is drawn left of its point, so it is not cut off."""
    app = household_explainer(region="wuhan", date="2023-07-01", status="retired", outpatient=1000)
    top = app.curve.x_scale.max
    assert app.curve.point.x[0] < 0.6 * top and app.curve.point_label.align == "start"
    app.controls["outpatient"].value = top
    assert app.curve.point.x[0] > 0.6 * app.curve.x_scale.max
    assert app.curve.point_label.align == "end" and app.curve.point_label.x_offset < 0
    app = household_explainer(region="beijing", status="in_service", age=28, wage=25000, outpatient=1000)
    be = app.curve.data["break_even"]
    assert be is not None and be > 0.6 * app.curve.x_scale.max
    assert app.curve.be_label.align == "end" and app.curve.be_label.x_offset < 0

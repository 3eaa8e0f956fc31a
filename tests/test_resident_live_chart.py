"""The resident app's live charts (drawn in the browser, bqplot): their data are the library's
numbers, the kernel draws no image while controls move (and does not recompute the curves when
only the bill moves), the exports (matplotlib) show the same data, and where a rule is not known
the charts say so."""

from __future__ import annotations

import re

import numpy as np
import pytest

from medinsure import resident as R
from medinsure.rules.resident import contribution_groups_of, group_funding, yearly_cap
from medinsure.views.charts import live_resident as L

from .draws import counting_draws

CJK = re.compile(r"[\u3400-\u9fff]")

# (hospital class, in-scope bill, of it category B, paid earlier this year)
STAYS = [
    ("in_district", 20000.0, 3000.0, 0.0),
    ("in_city", 12000.0, 0.0, 0.0),
    ("outside_city", 75000.0, 5000.0, 10000.0),   # past the axis' 80,000 x 1/1.3: the axis grows
]


def build(**kwargs):
    from medinsure.app.resident import resident_explainer
    args = dict(age=65, sex="female", in_scope=20000, category_b=3000, payment_date="2007-07-20",
                admission_date="2007-10-08")
    return resident_explainer(**{**args, **kwargs})


def library_stay(app) -> R.InpatientResult:
    c = app.controls
    return R.inpatient_reimbursement(
        c["region"].value, c["admission_date"].value, c["hospital_class"].value, c["in_scope"].value,
        c["category_b"].value, c["out_of_scope"].value, c["reimbursed_before"].value, c["cause"].value,
        c["approved"].value, c["enrolment"].value, c["payment_date"].value)


@pytest.mark.parametrize("cls,bill,b,before", STAYS)
def test_live_curves_are_the_librarys_numbers(cls, bill, b, before):
    app = build(hospital_class=cls, in_scope=bill, category_b=b, reimbursed_before=before)
    live = app.curve_chart
    stay = library_stay(app)
    x = np.asarray(live.lines.x)
    assert x[0] == 0 and x[-1] >= bill * 1.3 and len(x) == L.CURVE_POINTS
    classes = [c["key"] for c in R.hospital_classes("suyu", stay.admission_date)]
    y = np.atleast_2d(live.lines.y)
    for i, key in enumerate(classes):
        want = R.reimbursement_curve("suyu", stay.admission_date, key, x, b / bill)
        assert np.allclose(y[i], want, equal_nan=True), key
    assert np.allclose(live.current_line.y, y[classes.index(cls)])
    # the point is the page's one-bill result, the cap the rule's
    assert (live.point.x[0], live.point.y[0]) == (bill, stay.reimbursement)
    assert live.cap_line.y[0] == yearly_cap(stay.entry)
    lo, hi = live.y_scale.min, live.y_scale.max
    assert lo == 0 and np.nanmax(y) <= hi and stay.reimbursement <= hi
    assert live.x_scale.max == x[-1]


@pytest.mark.parametrize("region,age,sex", [("suyu", 65, "female"), ("suyu", 30, "male"),
                                            ("unnamed_town_2009", 40, "female")])
def test_live_funding_bars_are_the_librarys_numbers(region, age, sex):
    app = build(region=region, age=age, sex=sex)
    live = app.groups_chart
    entry = R.load_place(region).entry("resident_contributions")
    groups = contribution_groups_of(entry)[::-1]  # the first group on top: drawn last
    ind, sub = np.asarray(live.bars.y)
    for i, g in enumerate(groups):
        individual, subsidies = group_funding(entry, g)
        assert (ind[i], sub[i]) == (individual or 0.0, subsidies or 0.0), g["key"]
        text = live.totals.text[i]
        assert text == ("未知" if individual is None or subsidies is None else f"{individual + subsidies:,.0f}")
    person = R.resident_contribution(region, entry.date, age, sex)
    red = [g["key"] for g, colour in zip(groups, live.names.colors) if colour == L.POINT_COLOUR]
    assert red == [person.group]
    fisc, indiv = np.asarray(live.national.y)
    series = R.minimum_funding_series()
    assert list(live.national.x) == [str(m.coverage_year) for m in series]
    assert list(fisc) == [m.fiscal_subsidy_min or 0.0 for m in series]
    assert list(indiv) == [m.individual_min or 0.0 for m in series]


def test_no_image_is_drawn_while_controls_move_and_the_export_draws(monkeypatch):
    app = build()
    c = app.controls
    with counting_draws(monkeypatch) as draws:
        for v in (20100.0, 30000.0, 90000.0, 5000.0):
            c["in_scope"].value = v
        c["category_b"].value = 0.0
        c["hospital_class"].value = "outside_city"
        c["reimbursed_before"].value = 35000.0
        c["age"].value = 30
        c["lang"].value = "en"
        c["region"].value = "yishui"
        c["region"].value = "unnamed_town_2009"
        c["region"].value = "suyu"
        assert draws == []
        app.export_panel.button.click()  # the export draws, on click
        assert draws and "download=" in app.export_panel.links.value


def test_moving_only_the_bill_leaves_the_curves_alone(monkeypatch):
    app = build(category_b=0.0)  # without 乙类 drugs the curves do not depend on the bill
    live = app.curve_chart
    calls, sent = [], []
    real = L.reimbursement_curve
    monkeypatch.setattr(L, "reimbursement_curve", lambda *a, **k: calls.append(a) or real(*a, **k))
    live.lines.observe(lambda ch: sent.append(ch["name"]), names=["x", "y"])
    limits = (live.y_scale.min, live.y_scale.max)
    for v in (20100.0, 25000.0, 40000.0, 61000.0):
        app.controls["in_scope"].value = v
        assert live.point.x[0] == v and live.point.y[0] == library_stay(app).reimbursement
    assert calls == [] and sent == []                       # the point moved, the curves stayed
    assert (live.y_scale.min, live.y_scale.max) == limits   # the axis too
    app.controls["in_scope"].value = 70000.0                # past the axis: the grid grows, curves again
    assert calls and sent and live.x_scale.max > 80000
    calls.clear()
    app.controls["category_b"].value = 7000.0               # the 乙类 share changes the curves
    assert calls
    x = np.asarray(live.lines.x)
    want = real("suyu", app.result.inpatient.admission_date, "in_district", x, 0.1)
    assert np.allclose(np.atleast_2d(live.lines.y)[0], want)


def test_the_funding_chart_is_sent_only_when_it_changes(monkeypatch):
    app = build()
    calls = []
    real = L.funding_data
    monkeypatch.setattr(L, "funding_data", lambda *a, **k: calls.append(a) or real(*a, **k))
    app.controls["in_scope"].value = 30000.0
    app.controls["age"].value = 66            # the same group
    assert calls == []
    app.controls["age"].value = 30            # another group: the red name moves
    assert calls
    red = [n for n, colour in zip(app.groups_chart.names.text, app.groups_chart.names.colors)
           if colour == L.POINT_COLOUR]
    assert red == ["劳动适龄人口"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exports_show_the_live_charts_data(lang):
    app = build(lang=lang, category_b=2000, in_scope=45000)
    curve, groups = app.curve_chart.export_chart(), app.groups_chart.export_chart()
    ax = curve.fig.axes[0]
    y = np.atleast_2d(app.curve_chart.lines.y)
    drawn = [line for line in ax.get_lines() if len(line.get_xdata()) == L.CURVE_POINTS]
    assert len(drawn) == len(y)
    for line, want in zip(drawn, y):
        assert np.allclose(line.get_xdata(), app.curve_chart.lines.x) and np.allclose(line.get_ydata(), want)
    point = next(line for line in ax.get_lines() if len(line.get_xdata()) == 1 and line.get_marker() == "o")
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (app.curve_chart.point.x[0], app.curve_chart.point.y[0])
    assert ax.get_ylim() == (app.curve_chart.y_scale.min, app.curve_chart.y_scale.max)
    left, right = groups.fig.axes[:2]
    ind, sub = np.asarray(app.groups_chart.bars.y)
    widths = [p.get_width() for p in left.patches]
    assert widths == list(ind) + list(sub)
    fisc, indiv = np.asarray(app.groups_chart.national.y)
    assert [p.get_height() for p in right.patches] == list(fisc) + list(indiv)
    assert groups.data is app.groups_chart.data and curve.data is app.curve_chart.data
    # the export's words are the live chart's
    shown = {t.get_text().strip() for t in left.texts + right.texts + ax.texts}
    assert set(app.groups_chart.totals.text) <= shown and set(app.groups_chart.national_labels.text) <= shown
    assert "<svg" in app.curve_chart.export("svg", "来源 Sources: test footer").decode("utf-8")
    assert app.groups_chart.export("png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_where_a_rule_is_not_known_the_live_charts_say_so():
    app = build()
    app.controls["region"].value = "yishui"   # ratios by hospital level, no deductible, no contributions
    curve, groups = app.curve_chart, app.groups_chart
    assert app.error is None and app.result.inpatient.reimbursement is None
    assert L.CHART_TEXT["not_known"]["zh"] in curve.texts()
    assert not curve.lines.visible and not curve.point.visible and not curve.cap_line.visible
    assert not curve.y_axis.visible               # no scale that reads as values
    assert "本地区没有缴费规则记录。" in groups.texts() and not groups.bars.visible
    assert "640+未知" in groups.texts()           # the national minimum's missing part
    app.controls["lang"].value = "en"
    assert L.CHART_TEXT["not_known"]["en"] in curve.texts()
    # students of the 2009 town: the individual amount is not given
    app.controls["region"].value = "unnamed_town_2009"
    assert "n/k" in groups.totals.text
    assert app.curve_box.layout.display == "none"  # no inpatient rules: no curve


def test_live_texts_are_chinese_in_zh_and_carry_no_chinese_in_en():
    app = build()
    zh = app.curve_chart.texts() + app.groups_chart.texts()
    assert CJK.search(app.curve_chart.figure.title) and CJK.search(app.groups_chart.groups_figure.title)
    assert any("当前" in t for t in zh) and "个人缴费" in app.groups_legend.value
    app.controls["lang"].value = "en"
    for region in ("suyu", "yishui", "unnamed_town_2009"):
        app.controls["region"].value = region
        texts = app.curve_chart.texts() + app.groups_chart.texts()
        legends = [app.curve_legend.value, app.groups_legend.value]
        assert texts and not [t for t in texts + legends if CJK.search(t)], region


def test_the_live_module_needs_no_matplotlib():
    import subprocess
    import sys
    code = ("import sys; from medinsure.app.resident import resident_explainer; "
            "resident_explainer(); assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]

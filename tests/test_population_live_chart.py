"""The population app's live charts (drawn in the browser): their data are the library's numbers,
the kernel draws no image while controls move, the exports (matplotlib) show the same data, and a
region whose rules are not known says so in the charts instead of drawing numbers."""

import re

import bqplot as bq
import numpy as np
import pytest

from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.rules import STATUSES
from medinsure.views.population import AGE_EDGES, BREAK_EVEN_QUANTILES, QUANTILES, SPENDING_EDGES, TOP_FRACTIONS
from tests.draws import counting_draws

CJK = re.compile(r"[\u3400-\u9fff]")
N = 10_000


def explorer(**kwargs):
    from medinsure.app.population import population_explorer
    return population_explorer(**{"n": N, **kwargs})


def library(app):
    """The result and summary of the app's inputs, computed through the library."""
    c = app.controls
    r = pop.run(c["region"].value, c["date"].value, int(c["n"].value), seed=int(c["seed"].value),
                assumptions=app.assumptions())
    return r, summary.summarise(r, AGE_EDGES, SPENDING_EDGES, QUANTILES, TOP_FRACTIONS, BREAK_EVEN_QUANTILES)


def same(a, b) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


CASES = [  # (app keywords, assumption changes)
    (dict(region="wuhan", date="2023-04-10", seed=1), {}),
    (dict(region="wuhan", date="2023-04-10", seed=3), {"share_retired": 0.4, "mean_retired": 6000.0}),
    (dict(region="wuhan", date="2023-02-01", seed=2), {"wage_level": 1.4, "zero_in_service": 0.6}),
]


@pytest.mark.parametrize("kwargs,changes", CASES)
def test_live_chart_data_are_the_librarys_numbers(kwargs, changes):
    app = explorer(**kwargs)
    for k, v in changes.items():
        app.controls[k].value = v
    r, s = library(app)
    ch = app.charts
    # by age: one line per status, NaN where a band has nobody; the dots only where it has people
    mids = ch["age"].data["mids"]
    for n in STATUSES:
        t = s.by_age[n]
        line = ch["age"].lines[n]
        want = dict(zip(mids, np.where(t.count > 0, t.mean_gain, np.nan)))
        assert same(line.y, [want[x] for x in line.x])       # NaN where a band inside has nobody
        assert line.x[0] == mids[t.count > 0][0] and line.x[-1] == mids[t.count > 0][-1]
        assert same(ch["age"].dots[n].y, t.mean_gain[t.count > 0])
        lo, hi = ch["age"].y_scale.min, ch["age"].y_scale.max
        assert lo <= np.nanmin(line.y) and np.nanmax(line.y) <= hi
    # who gains: the bars' widths per row are the group tables' shares
    bars = np.asarray(ch["shares"].bars.y)
    tables = [s.by_status, s.by_wage, s.by_pension, s.by_spending]
    gain = np.concatenate([t.share_gaining for t in tables])
    lose = np.concatenate([t.share_losing for t in tables])
    assert same(bars[0], gain) and same(bars[2], lose) and same(bars.sum(axis=0), np.ones(gain.size))
    assert ch["shares"].values.text[0] == f"{s.by_status.share_gaining[0]:.0%}"
    # where the money goes
    flows = np.asarray(ch["flows"].bars.y)
    assert same(flows[0], s.flows.per_enrollee("moved_from_accounts"))
    assert same(flows[1], s.flows.per_enrollee("returned_as_reimbursement"))
    assert list(ch["flows"].bars.x)[-1] == "全体"
    # the distribution: every known gain counted once, in its status
    hist = np.asarray(ch["distribution"].bars.y)
    for c, n in enumerate(STATUSES):
        assert hist[c].sum() == np.isfinite(r.gain[r.inputs.status == c]).sum()
    edges = ch["distribution"].data["edges"]
    assert same(ch["distribution"].bars.x, (edges[:-1] + edges[1:]) / 2)
    assert edges[0] <= np.quantile(r.gain, 0.005) and np.quantile(r.gain, 0.995) <= edges[-1]
    for regime, line in ch["distribution"].curves.items():
        assert same(line.y[1:-1], s.concentration[f"credit_{regime}"])
        assert same(line.x[1:-1], s.top_fractions)


def test_the_axes_stay_put_for_a_small_change():
    app = explorer(region="wuhan", date="2023-04-10")
    scales = [app.charts["age"].y_scale, app.charts["flows"].y_scale, app.charts["distribution"].x_scale]
    before = [(sc.min, sc.max) for sc in scales]
    app.controls["seed"].value = 2
    assert [(sc.min, sc.max) for sc in scales] == before


def test_no_image_is_drawn_while_controls_move(monkeypatch):
    app = explorer(region="wuhan", date="2023-04-10")
    with counting_draws(monkeypatch) as draws:
        c = app.controls
        for k, v in (("share_retired", 0.35), ("zero_retired", 0.25), ("mean_in_service", 2000.0),
                     ("wage_sigma", 0.7), ("seed", 4), ("lang", "en"), ("date", "2023-02-01")):
            c[k].value = v
        c["region"].value = "chengdu"
        app.reset_button.click()
        assert draws == []
        assert set(app.timings) >= {"model", "summary", "charts", "total"}   # benchmarks/population.py reads these
        app.export_panel.show_links()  # the export draws, on click
        assert draws
    assert "medinsure-download" in app.export_panel.links.value


def test_exports_show_the_live_charts_data():
    app = explorer(region="wuhan", date="2023-04-10")
    app.controls["share_flexible"].value = 0.2
    live = app.charts
    mpl = {k: chart.export_chart() for k, chart in live.items()}
    for k in live:
        assert mpl[k].lang == live[k].lang
    # the same numbers in the same shape
    a, b = live["age"].data, mpl["age"].data
    assert same(a["mids"], b["mids"]) and all(same(a["mean_gain"][n], b["mean_gain"][n]) for n in STATUSES)
    for key in ("gain", "lose", "count"):
        assert same(live["shares"].data[key], mpl["shares"].data[key])
    assert live["shares"].data["labels"] == mpl["shares"].data["labels"]
    for key in ("moved", "returned"):
        assert same(live["flows"].data[key], mpl["flows"].data[key])
    d, e = live["distribution"].data, mpl["distribution"].data
    assert same(d["edges"], e["edges"]) and all(same(d["counts"][n], e["counts"][n]) for n in STATUSES)
    # and the matplotlib artists draw what the live marks show
    for n in STATUSES:
        x, y = mpl["age"].lines[n].get_data()
        shown = np.isin(x, live["age"].lines[n].x)
        assert same(y[shown], live["age"].lines[n].y) and not np.isfinite(y[~shown]).any()
    widths = np.array([[p.get_width() for p in bars] for bars in mpl["shares"].bars])
    assert same(widths, live["shares"].bars.y)
    heights = np.array([[p.get_height() for p in bars] for bars in (mpl["flows"].moved, mpl["flows"].back)])
    assert same(heights, live["flows"].bars.y)
    tops = np.array([step.get_data().values for step in mpl["distribution"].steps])
    assert same(np.diff(np.vstack([np.zeros(tops.shape[1]), tops]), axis=0), live["distribution"].bars.y)
    assert same(mpl["distribution"].curves["new"].get_ydata(), live["distribution"].curves["new"].y)
    # the export bundle's CSV rows come from the same histogram
    from medinsure.views.population import distribution_rows
    assert distribution_rows(app.result, live["distribution"].data) == distribution_rows(app.result, e)
    svg = live["flows"].export("svg", "来源 Sources: test footer").decode("utf-8")
    assert "<svg" in svg


@pytest.mark.parametrize("region", ["chengdu", "shenzhen"])
def test_where_a_rule_is_unknown_the_live_chart_says_so(region):
    app = explorer(region=region)
    assert app.model is not None and not app.model.known
    for lang, word, short in (("zh", "未查到", "未知"), ("en", "not found", "n/k")):
        app.controls["lang"].value = lang
        texts = {k: chart.texts() for k, chart in app.charts.items()}
        assert word in texts["age"] and word in texts["shares"]   # no mean can be worked out
        assert not app.charts["shares"].values.visible                # no 0% printed for an unknown share
        flows = app.charts["flows"]
        moved, back = flows.data["moved"], flows.data["returned"]
        if np.isnan(np.concatenate([moved, back])).all():
            assert word in texts["flows"] and not flows.y_axis.visible
        else:   # the bars' own labels would print 0: the values are written out, unknown ones in words
            assert not flows.bars.label_display and any(short in t for t in texts["flows"])
        if lang == "en":
            assert not [t for ts in texts.values() for t in ts if CJK.search(t)]


def test_the_live_charts_are_bqplot_figures_with_the_pages_css_classes():
    app = explorer(region="wuhan", date="2023-04-10")
    from medinsure.views.population import TXT
    titles = {"age": ["age_title"], "shares": ["share_title"], "flows": ["flows_title"],
              "distribution": ["dist_title", "conc_title"]}
    for k, chart in app.charts.items():
        assert all(isinstance(f, bq.Figure) for f in chart.figures)
        assert f"medinsure-population-{k}" in chart.figure._dom_classes
        # the title is a line of HTML over the figure (it wraps on a phone), part of what the app lays out
        for key in titles[k]:
            assert TXT[key]["zh"] in chart.texts()
            assert any(TXT[key]["zh"] in app._heads[f.model_id].value for f in chart.figures)
        assert all(_inside(app._heads[f.model_id], app) and _inside(f, app) for f in chart.figures)


def _inside(widget, tree) -> bool:
    return widget is tree or any(_inside(widget, c) for c in getattr(tree, "children", ()))


def test_the_live_module_imports_no_matplotlib():
    import subprocess
    import sys
    code = ("import sys; import medinsure.app.population; import medinsure.views.charts.live_population; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

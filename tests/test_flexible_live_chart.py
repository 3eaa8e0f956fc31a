"""The flexible-employment page's live chart (drawn in the browser): its numbers are the library's,
the kernel draws no image while controls move, the export (matplotlib) shows the same numbers, and
a number that is not known reads "未知" / "n/k", never a bar that looks like a value."""

import numpy as np
import pytest

from medinsure.app.flexible import flexible_explainer
from medinsure.flexible import FlexibleOutlook, compare_regions
from medinsure.views.charts.flexible import CHART
from tests.draws import counting_draws

FIELDS = {"contribution": "contribution_yearly", "credit": "credit_new", "reimbursement": "reimbursement_new"}
CASES = [  # (date, base choice, amount, age, outpatient, level)
    ("2023-03-01", "default", None, 40, 3000.0, "primary"),
    ("2023-03-01", "floor", None, 55, 5200.0, "secondary"),
    ("2023-04-10", "ceiling", None, 30, 4000.0, "tertiary"),
    ("2023-03-01", "amount", 8000.0, 40, 3000.0, "primary"),
]


def _app(date, choice, amount, age, outpatient, level, focus="wuhan"):
    kw = {"base_amount": amount} if amount is not None else {}
    return flexible_explainer(date=date, base_choice=choice, age=age, outpatient=outpatient, level=level,
                              focus=focus, **kw)


def _known(row) -> bool:
    return isinstance(row, FlexibleOutlook) and any(getattr(row, f) is not None for f in FIELDS.values())


@pytest.mark.parametrize("date,choice,amount,age,outpatient,level", CASES)
def test_live_chart_data_are_the_librarys_numbers(date, choice, amount, age, outpatient, level):
    app = _app(date, choice, amount, age, outpatient, level)
    rows = compare_regions(date, choice, amount, age, outpatient, level)
    shown = [r for r in rows if _known(r)]
    d = app.chart.data
    assert d["regions"] == [r.region for r in shown][::-1]           # as the matplotlib chart keeps them
    assert d["hidden"] == [r.region for r in rows if not _known(r)]
    for key, field in FIELDS.items():
        assert d[key] == [getattr(r, field) for r in shown][::-1], key
    # the bars: one group per region shown (top first), plus the legend's empty row; 0 where not known
    bars = np.asarray(app.chart.bars.y)
    assert list(app.chart.bars.x[:-1]) == [r.region for r in shown]
    for j, field in enumerate(FIELDS.values()):
        want = [getattr(r, field) for r in shown]
        assert list(bars[j][:-1]) == [0.0 if v is None else v for v in want]
        assert bars[j][-1] == 0.0
        # the label on each bar: its value, or "未知" where it is not known (a 0 bar is not a value)
        assert list(app.chart.values[j].text) == ["未知" if v is None else f"{v:,.0f}" for v in want]
    # the figure grows with the regions shown, one step each (+ the legend's row)
    assert app.chart.figure.layout.height == app.chart._height(len(shown))


def test_the_focus_region_is_red_and_follows_the_control():
    app = _app(*CASES[0])
    names = list(app.chart.names.text)
    colours = list(app.chart.names.colors)
    assert colours[names.index("武汉市")] == "#c62828"
    assert colours.count("#c62828") == 1
    sent = []
    app.chart.bars.observe(lambda ch: sent.append(ch["name"]), names=["x", "y"])
    app.controls["focus"].value = "chengdu"
    colours = list(app.chart.names.colors)
    assert colours[names.index("成都市")] == "#c62828" and colours[names.index("武汉市")] == "black"
    assert sent == []          # the bars' numbers did not move: nothing re-sent


def test_the_x_axis_is_sticky_and_holds_every_bar():
    app = _app(*CASES[0])
    limits = (app.chart.x_scale.min, app.chart.x_scale.max)
    app.controls["outpatient"].value = 3050.0
    assert (app.chart.x_scale.min, app.chart.x_scale.max) == limits
    app.controls["base_choice"].value = "ceiling"     # larger contributions: the axis grows to hold them
    top = max(v for k in FIELDS for v in app.chart.data[k] if v is not None)
    assert app.chart.x_scale.max >= top and app.chart.x_scale.min == 0.0


def test_no_image_is_drawn_while_controls_move(monkeypatch):
    app = _app(*CASES[0])
    with counting_draws(monkeypatch) as draws:
        c = app.controls
        for v in (3050.0, 4000.0, 8000.0, 0.0):
            c["outpatient"].value = v
        c["age"].value = 55
        for choice in ("floor", "ceiling", "amount", "default"):
            c["base_choice"].value = choice
        c["level"].value = "tertiary"
        c["focus"].value = "hunan"
        c["date"].value = "2023-04-10"
        c["lang"].value = "en"
        assert draws == []
        app.export_panel.files()          # the export draws, on click
        assert draws


def test_the_export_shows_the_live_charts_data():
    app = _app(*CASES[1])
    app.controls["lang"].value = "en"
    chart = app.chart.export_chart()
    assert chart.data == app.chart.data
    # its bars: three per region (bottom region first), widths the live bars' values
    ax = chart.fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    live = np.asarray(app.chart.bars.y)[:, :-1][:, ::-1]               # bottom first, as matplotlib draws
    assert widths == pytest.approx([w for row in live for w in row])
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == list(app.chart.names.text)[::-1]
    assert [t.get_color() for t in ax.get_yticklabels()].count("#c62828") == 1
    files = app.export_panel.files()
    csv = next(v for k, v in files.items() if k.endswith("regions.csv")).decode("utf-8")
    wuhan = next(line for line in csv.splitlines() if line.startswith("wuhan,"))
    i = app.chart.data["regions"].index("wuhan")
    assert wuhan.split(",")[1:] == ["" if app.chart.data[k][i] is None else f"{app.chart.data[k][i]:.2f}"
                                    for k in FIELDS]
    svg = app.chart.export("svg", "来源 Sources: test footer").decode("utf-8")
    assert "<svg" in svg


def test_where_a_rule_is_unknown_the_live_chart_says_so():
    app = _app(*CASES[0], focus="chongqing")
    d = app.chart.data
    i = list(app.chart.bars.x).index("chongqing")
    assert d["credit"][::-1][i] is None                       # Chongqing's account credit: not found
    assert app.chart.values[1].text[i] == CHART["unknown"]["zh"] and np.asarray(app.chart.bars.y)[1][i] == 0.0
    assert app.chart.values[1].colors[i] == "#777777"
    texts = app.chart.texts()
    assert "未知" in texts
    # the regions where nothing is known are named under the chart, not drawn as zeros
    assert d["hidden"] and "beijing" in d["hidden"] and "beijing" not in list(app.chart.bars.x)
    note = texts[-1]
    assert note.startswith(CHART["none_known"]["zh"]) and "北京市" in note
    assert "三项都未知或无数据" in app.chart_note.value
    app.controls["lang"].value = "en"
    texts = app.chart.texts()
    assert "n/k" in texts and "Nothing known or no data" in texts[-1] and "Beijing" in texts[-1]


def test_where_nothing_is_known_anywhere_the_frame_says_so():
    from medinsure.views.charts.live_flexible import LiveFlexibleChart

    rows = compare_regions("2023-03-01")
    nothing = [r for r in rows if not _known(r)]
    chart = LiveFlexibleChart()
    chart.update(nothing, nothing[0].region, "zh")
    assert chart.empty.visible and not chart.bars.visible
    assert chart.data["regions"] == [] and len(chart.data["hidden"]) == len(nothing)
    assert "三项都未知或无数据" in chart.texts()

"""The fund page's live charts (drawn in the browser): their numbers are the library's, the kernel
draws no image while controls move, the exports (matplotlib) show the same numbers, and a year or a
figure that is not known is said so ("未知", "?", what the report gives) — never a bar of 0."""

import re
import warnings

import numpy as np
import pytest

from medinsure import fund
from medinsure.app.fund import fund_explorer
from medinsure.views.charts.fund import TXT
from tests.draws import counting_draws

CJK = re.compile(r"[\u3400-\u9fff]")


def _tops(mark) -> list[float]:
    """The top edge of each polygon (a bar) of a filled Lines mark, left to right."""
    if not mark.visible:
        return []
    return [float(np.max(y)) for y in np.atleast_2d(mark.y)]


def _heights(mark) -> list[float]:
    if not mark.visible:
        return []
    return [float(np.max(y) - np.min(y)) for y in np.atleast_2d(mark.y)]


@pytest.mark.parametrize("basis,release", [("balance", "best"), ("balance", "gongbao"), ("balance", "kuaibao"),
                                           ("income", "best"), ("spending", "best")])
def test_the_share_chart_shows_the_librarys_numbers(basis, release):
    app = fund_explorer(year=2024, basis=basis, release=release)
    pts = fund.share_points(basis, None if release == "best" else release)
    d, chart = app.share_chart.data, app.share_chart
    assert d["years"] == list(fund.topic_years("employee_fund"))
    by_year = {p.year: p for p in pts}
    assert d["pooled"] == [by_year[y].inputs[0].value if y in by_year else None for y in d["years"]]
    assert d["accounts"] == [by_year[y].inputs[1].value if y in by_year else None for y in d["years"]]
    assert d["share"] == [by_year[y].value if y in by_year else None for y in d["years"]]
    # the drawn bars: pooled from 0, accounts stacked on it, the share on top
    assert _heights(chart.pooled) == pytest.approx([p.inputs[0].value for p in pts])
    assert _heights(chart.accounts) == pytest.approx([p.inputs[1].value for p in pts])
    assert _tops(chart.accounts) == pytest.approx([p.inputs[0].value + p.inputs[1].value for p in pts])
    if pts:
        assert list(chart.share_labels.text) == [f"{p.value * 100:.2f}%" for p in pts]
    # quick-report bars are hatched, and only they
    assert chart.hatch.visible == any(p.release == "kuaibao" for p in pts)
    # the axis holds the tallest bar, and does not move while the year does
    limits = (chart.y_scale.min, chart.y_scale.max)
    assert chart.y_scale.max >= max([p.inputs[0].value + p.inputs[1].value for p in pts] + [0.0])
    app.controls["year"].value = 2021
    assert (chart.y_scale.min, chart.y_scale.max) == limits


def test_the_hunan_and_outpatient_charts_show_the_librarys_numbers():
    app = fund_explorer(year=2024)
    nat, hun, _ = fund.hunan_shares()
    h = app.hunan_chart
    assert h.data["accounts"] == [nat.value, hun.value]
    widths = [float(np.max(x) - np.min(x)) for x in np.atleast_2d(h.accounts.x)]
    assert widths == pytest.approx([nat.value, hun.value])
    assert list(h.account_labels.text) == [f"{nat.value * 100:.2f}%", f"{hun.value * 100:.2f}%"]
    uses = fund.series("benefit_use.outpatient_benefit_uses", release="kuaibao", with_unknown=True)
    aid = fund.figure("mutual_aid_use.inprovince_mutual_aid_uses", max(fund.years()))
    o = app.outpatient_chart
    assert o.data["uses"] == [p.value for p in uses] and o.data["aid"] == aid.value
    assert _heights(o.uses) == pytest.approx([p.value for p in uses if p.value is not None])
    assert _heights(o.aid) == pytest.approx([aid.value])


def test_no_image_is_drawn_while_controls_move_and_the_export_draws(monkeypatch):
    app = fund_explorer(year=2024)
    with counting_draws(monkeypatch) as draws:
        c = app.controls
        for year in (2021, 2022, 2023, 2024):
            c["year"].value = year
        for basis in ("income", "spending", "balance"):
            c["basis"].value = basis
        for release in ("kuaibao", "gongbao", "best"):
            c["release"].value = release
        c["lang"].value = "en"
        assert draws == []
        app.export_panel.files()              # the export draws, on click
        assert draws


def test_only_the_charts_whose_inputs_changed_are_sent():
    app = fund_explorer(year=2024)
    sent = {name: [] for name in ("share", "hunan", "outpatient")}
    app.share_chart.accounts.observe(lambda ch: sent["share"].append(ch["name"]), names=["y"])
    app.hunan_chart.names.observe(lambda ch: sent["hunan"].append(ch["name"]), names=["text"])
    app.outpatient_chart.release_labels.observe(lambda ch: sent["outpatient"].append(ch["name"]), names=["text"])
    app.controls["year"].value = 2021           # the year moves the sentence only
    assert sent == {"share": [], "hunan": [], "outpatient": []}
    app.controls["basis"].value = "income"      # the basis: the share chart only
    assert sent["share"] and not sent["hunan"] and not sent["outpatient"]
    app.controls["lang"].value = "en"           # the language: every chart's words
    assert sent["hunan"] and sent["outpatient"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_exports_show_the_live_charts_data(lang):
    app = fund_explorer(year=2024, basis="balance", lang=lang)
    share = app.share_chart.export_chart()
    filled = [p.get_height() for p in share.axes[0].patches if p.get_fill()]
    live = [v for pair in zip(_heights(app.share_chart.pooled), _heights(app.share_chart.accounts)) for v in pair]
    assert filled == pytest.approx(live)
    hatched = [p.get_height() for p in share.axes[0].patches if p.get_fill() and p.get_hatch()]
    kuaibao = [i for i, r in enumerate(app.share_chart.data["releases"]) if r == "kuaibao"]
    assert hatched == pytest.approx([v for i in kuaibao for v in (app.share_chart.data["pooled"][i],
                                                                    app.share_chart.data["accounts"][i])])
    hunan = app.hunan_chart.export_chart()
    widths = [p.get_width() for p in hunan.axes[0].patches]
    assert widths == pytest.approx([v for pair in zip(app.hunan_chart.data["pooled"], app.hunan_chart.data["accounts"])
                                    for v in pair])
    out = app.outpatient_chart.export_chart()
    assert [p.get_height() for p in out.axes[0].patches if p.get_fill()] == pytest.approx(_heights(app.outpatient_chart.uses))
    assert [p.get_height() for p in out.axes[1].patches] == pytest.approx(_heights(app.outpatient_chart.aid))
    # a basis switch: the export follows the live chart
    app.controls["basis"].value = "spending"
    filled = [p.get_height() for p in app.share_chart.export_chart().axes[0].patches if p.get_fill()]
    assert filled == pytest.approx([app.share_chart.data["pooled"][-1], app.share_chart.data["accounts"][-1]])
    svg = app.share_chart.export("svg", "来源 Sources: test footer").decode("utf-8")
    assert "<svg" in svg


def test_unknown_years_and_figures_are_said_so():
    app = fund_explorer(year=2024)
    s = app.share_chart
    missing = s.data["missing"]
    assert missing == [2020, 2023]
    # an empty dashed box with "?" per missing year, "未知" under it; no bar there
    assert s.unknown.visible and len(np.atleast_2d(s.unknown.x)) == len(missing)
    assert list(s.question.x) == [float(s.data["years"].index(y)) for y in missing]
    releases = list(s.release_labels[0].text)
    assert [releases[s.data["years"].index(y)] for y in missing] == [TXT["unknown_bar"]["zh"]] * 2
    assert "缺：2020、2023" in s.texts()[-1]
    # no figures at all for a basis and release: every year is an empty box, no bar is drawn
    app.controls["basis"].value = "income"
    app.controls["release"].value = "kuaibao"
    assert not s.pooled.visible and not s.accounts.visible and not s.share_labels.visible
    assert len(np.atleast_2d(s.unknown.x)) == len(s.data["years"])
    assert list(s.release_labels[0].text) == [TXT["unknown_bar"]["zh"]] * len(s.data["years"])
    # the outpatient chart: the 2024 level is not known; the quick report's growth is said instead
    o = app.outpatient_chart
    assert o.data["uses"][-1] is None and o.unknown.visible
    texts = o.texts()
    assert "?" in texts and "快报：比上年 +37.44%" in texts and "（数值首位缺字）" in texts
    app.controls["lang"].value = "en"
    texts = o.texts()
    assert "+37.44% on the year" in texts and "(level garbled)" in texts
    assert TXT["unknown_bar"]["en"] in s.texts()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_live_texts_speak_the_language_and_the_exports_have_every_glyph(lang):
    app = fund_explorer(year=2024, lang=lang)
    for chart in (app.share_chart, app.hunan_chart, app.outpatient_chart):
        texts = chart.texts()
        if lang == "zh":
            assert CJK.search(texts[0]) and CJK.search(texts[-1])
        else:
            assert not [t for t in texts if CJK.search(t)], texts
        assert chart.title_html and chart.note_html
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pngs = [chart.export("png", "来源 Sources: footer") for chart in
                (app.share_chart, app.hunan_chart, app.outpatient_chart)]
    assert all(p[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert not [w for w in caught if "missing from font" in str(w.message)]

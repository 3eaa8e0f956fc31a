"""Every app of the catalogue with a chart or a finding exports through the one panel
(medinsure.app.export): PNG and SVG with the rules and sources drawn in, the CSV of what is
plotted with the library's numbers, a cite box and the share link — made only on a click."""

import csv
import importlib
import io
import re
import urllib.parse

import pytest
from PIL import Image

from medinsure import fund
from medinsure.app.catalog import APPS
from medinsure.app.share import apply_query, share_query
from medinsure.views.exports import source_footer

# notebook -> (module, builder, keyword arguments as the notebook builds it, has charts)
APP_OF = {
    "01-account-credits.ipynb": ("household", "household_explainer",
                                 dict(region="wuhan", date="2023-02-01", status="retired", age=68,
                                      pension=4166.67, outpatient=7150, level="tertiary"), True),
    "02-outpatient-pooling.ipynb": ("household", "household_explainer",
                                    dict(region="wuhan", date="2023-04-10", status="in_service", age=30), True),
    "03-who-gains.ipynb": ("population", "population_explorer", dict(region="wuhan", date="2023-04-10", n=10_000), True),
    "04-family-mutual-aid.ipynb": ("family", "family_explainer", {}, True),
    "05-account-life-cycle.ipynb": ("lifecycle", "lifecycle_explainer", {}, True),
    "06-resident-insurance.ipynb": ("resident", "resident_explainer", {}, True),
    "07-flexible-employment.ipynb": ("flexible", "flexible_explainer", {}, True),
    "08-fund-statistics.ipynb": ("fund", "fund_explorer", dict(year=2024, basis="balance"), True),
    "09-myths.ipynb": ("myths", "myth_checker", dict(claim="m3"), False),   # findings, no chart: CSV only
    "workshop/01-personas.ipynb": ("workshop", "session_app", dict(session="01-personas"), True),
    "workshop/02-break-even.ipynb": ("workshop", "session_app", dict(session="02-break-even"), True),
    "workshop/03-compare-cities.ipynb": ("workshop", "session_app", dict(session="03-compare-cities"), True),
}


def build(notebook, lang="zh"):
    module, func, kwargs, _ = APP_OF[notebook]
    return getattr(importlib.import_module(f"medinsure.app.{module}"), func)(**kwargs, lang=lang)


def panel_of(app):
    """The export panel of an app (a workshop page's is that of the household app it holds)."""
    return getattr(app, "export_panel", None) or app.app.export_panel


def bundle_of(app):
    return panel_of(app)._bundle()


def csv_rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = data.decode("utf-8")
    comments = [line[2:] for line in text.splitlines() if line.startswith("# ")]
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]
    return comments, rows


def test_every_app_of_the_catalogue_is_covered():
    assert sorted(APP_OF) == sorted(a.notebook for a in APPS)


@pytest.fixture(scope="module", params=sorted(APP_OF))
def exported(request):
    app = build(request.param)
    return request.param, app, panel_of(app).files()


def test_png_svg_and_csv_per_chart(exported):
    notebook, app, files = exported
    kinds = [name.rsplit(".", 1)[1] for name in files]
    assert kinds.count("csv") >= 1
    if APP_OF[notebook][3]:
        charts = bundle_of(app).charts
        assert charts and kinds.count("png") == kinds.count("svg") == len(charts)
        for name, data in files.items():
            if name.endswith(".png"):
                assert data[:8] == b"\x89PNG\r\n\x1a\n", name
            if name.endswith(".svg"):
                assert b"<svg" in data[:2000], name


def _svg_text(svg: str) -> str:
    """What matplotlib wrote as text comments beside the glyph paths, without whitespace."""
    return "".join("".join(re.findall(r"<!-- (.*?) -->", svg, flags=re.S)).split())


def test_the_svg_carries_the_source_line(exported):
    notebook, app, files = exported
    if not APP_OF[notebook][3]:
        pytest.skip("no chart")
    b = bundle_of(app)
    drawn = b.references if b.drawn_references is None else b.drawn_references
    footer = "".join(source_footer(b.rule_note, drawn, b.lang).split())
    for name, data in files.items():
        if name.endswith(".svg"):
            text = _svg_text(data.decode("utf-8"))
            assert footer in text, name
            assert b.references and "来源" in text


def test_the_png_has_the_source_line_drawn_in(exported):
    """The same chart with a one-word footer is shorter by the lines of the real one."""
    notebook, app, _ = exported
    if not APP_OF[notebook][3]:
        pytest.skip("no chart")
    b = bundle_of(app)
    footer = source_footer(b.rule_note, b.references, b.lang)
    assert len(footer) > 100
    for chart in b.charts:
        full = Image.open(io.BytesIO(chart.draw("png", footer)))
        bare = Image.open(io.BytesIO(chart.draw("png", "x")))
        assert full.height > bare.height + 20, chart.name


def test_the_csv_comments_name_the_rules_and_the_documents(exported):
    notebook, app, files = exported
    b = bundle_of(app)
    for name, data in files.items():
        if name.endswith(".csv"):
            comments, rows = csv_rows(data)
            assert comments[1] == b.rule_note and comments[2].startswith("来源：")
            assert b.references[0].cite("zh") in comments[2]
            assert rows[0] and len(rows) > 1, name


def _csv(files, suffix):
    return csv_rows(next(v for k, v in files.items() if k.endswith(suffix)))[1]


def _f(v):
    return "" if v is None else f"{v:.2f}"


def test_the_csv_numbers_are_the_librarys():
    # 01: the Wuhan bureau's retiree (2,400.00 -> 996.00)
    app = build("01-account-credits.ipynb")
    rows = _csv(panel_of(app).files(), "credits.csv")
    assert rows[1][1:] == [_f(app.result.credit_old), _f(app.result.credit_new)] == ["2400.00", "996.00"]
    # 03: who gains, by status, and the money moved per enrollee
    app = build("03-who-gains.ipynb")
    files = panel_of(app).files()
    s = app.result
    by_status = {r[1]: r for r in _csv(files, "shares.csv")[1:] if r[0] == "status"}
    for i, status in enumerate(("in_service", "retired", "flexible")):
        assert by_status[status][3] == _f(s.by_status.share_gaining[i] * 100)
        assert int(by_status[status][2]) == int(s.by_status.count[i])
    flows = {r[0]: r for r in _csv(files, "flows.csv")[1:]}
    assert flows["all"][1] == _f(s.flows.per_enrollee("moved_from_accounts")[-1])
    # 04 and 05: what the account pays, and the balance, year by year
    app = build("04-family-mutual-aid.ipynb")
    new = [r for r in _csv(panel_of(app).files(), "family.csv")[1:] if r[1] == "new"]
    assert [r[2] for r in new] == [_f(y.paid) for y in app.result.new.years]
    app = build("05-account-life-cycle.ipynb")
    rows = _csv(panel_of(app).files(), "balance.csv")[1:]
    assert [r[2] for r in rows] == [_f(v) for v in app.result.projection.balance_new]
    # 06: the curve of the chosen hospital class passes through the page's reimbursement
    app = build("06-resident-insurance.ipynb")
    rows = _csv(panel_of(app).files(), "inpatient.csv")
    col = rows[0].index(f"reimbursement_{app.result.inpatient.hospital_class}_yuan")
    at = {r[0]: r[col] for r in rows[1:]}
    assert at[_f(app.result.inpatient.in_scope)] == _f(app.result.inpatient.reimbursement)
    # 07: the focus region's row
    app = build("07-flexible-employment.ipynb")
    row = next(r for r in _csv(panel_of(app).files(), "regions.csv")[1:] if r[0] == app.focus.region)
    assert row[1:] == [_f(app.focus.contribution_yearly), _f(app.focus.credit_new), _f(app.focus.reimbursement_new)]
    # 08: the accounts' share of the employee fund balance, 39.93 % (2021) -> 32.22 % (2024 bulletin)
    app = build("08-fund-statistics.ipynb")
    rows = _csv(panel_of(app).files(), "account-share.csv")[1:]
    assert rows == [[str(d.year), d.release, _f(d.inputs[0].value), _f(d.inputs[1].value), _f(d.value * 100)]
                    for d in fund.share_points("balance")]
    assert (rows[0][0], rows[0][4]) == ("2021", "39.93") and (rows[-1][0], rows[-1][1], rows[-1][4]) == (
        "2024", "gongbao", "32.22")
    # 09: the claim's live numbers
    app = build("09-myths.ipynb")
    rows = _csv(panel_of(app).files(), "live-numbers.csv")[1:]
    assert {r[1]: r[3] for r in rows} == {x.key: _f(x.value * 100 if x.unit == "share" else x.value)
                                          for x in app.result.live}


@pytest.mark.parametrize("notebook", sorted(APP_OF))
def test_links_only_on_click_then_one_per_file(notebook):
    app = build(notebook)
    panel = panel_of(app)
    assert panel.links.value == ""
    panel.button.click()
    assert panel.links.value.count("download=") == len(panel.files())
    # an input changes: the links showed the old numbers and go; the cite box follows
    key = next(k for k, w in app.controls.items() if k in ("age", "year", "wage", "outpatient", "in_scope",
                                                          "start", "n"))
    w = app.controls[key]
    options = [o[1] if isinstance(o, tuple) else o for o in getattr(w, "options", ())]
    w.value = (options[0] if options[0] != w.value else options[1]) if options else w.value + 1
    assert panel.links.value == ""
    assert panel.cite.value


@pytest.mark.parametrize("notebook", sorted(APP_OF))
def test_the_cite_box_and_the_share_link(notebook):
    app = build(notebook)
    panel = panel_of(app)
    text = panel.cite.value
    assert "来源：《" in text and "medinsure" in text
    b = bundle_of(app)
    assert any(r.title in text for r in b.references)
    query = share_query(getattr(panel.app, "share_target", panel.app))
    assert urllib.parse.urlencode({"lang": "zh"}) in query
    assert "medinsure-share" in panel.share.value and query.replace("&", "&amp;") in panel.share.value
    fresh = build(notebook)
    assert apply_query(fresh, dict(urllib.parse.parse_qsl(query))) == []
    assert panel_of(fresh).cite.value == text  # the link reopens the same numbers


def test_english_cite_box_and_csv_titles():
    app = build("08-fund-statistics.ipynb", lang="en")
    panel = panel_of(app)
    assert panel.cite.value.startswith("In 2024") and "Sources:" in panel.cite.value
    comments, _ = csv_rows(next(v for k, v in panel.files().items() if k.endswith(".csv")))
    assert comments[0].startswith("Employee fund") and comments[2].startswith("Sources:")


def test_invalid_input_clears_links_and_cite():
    app = build("05-account-life-cycle.ipynb")
    panel = panel_of(app)
    panel.button.click()
    app.controls["date"].value = None       # "choose a date": the error box shows
    assert app.error and panel.links.value == "" and panel.cite.value == ""
    panel.button.click()
    assert panel.links.value == ""

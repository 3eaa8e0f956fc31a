"""The page template (issue 13): the start-up message's titles follow the catalogue, the Font
Awesome links to the CDN are dropped, and every slider made by app/controls.py gets a number box
linked in the browser while the slider stays the control apps, tests and share links read."""

import json
import re
import sys
from pathlib import Path

import ipywidgets as widgets

from medinsure.app import controls
from medinsure.app.catalog import APPS
from medinsure.site.serve import JUPYTER_DATA
from tools.make_page_titles import OUT, titles_json

TEMPLATE = JUPYTER_DATA / "voila" / "templates" / "medinsure"


def test_titles_follow_the_catalogue():
    assert OUT.read_text(encoding="utf-8") == titles_json(), "run: .venv/bin/python tools/make_page_titles.py"
    titles = json.loads(OUT.read_text(encoding="utf-8"))
    assert set(titles) == {a.notebook for a in APPS}


def test_the_template_drops_the_cdn_links_it_inherits():
    """Voila's lab template links Font Awesome from cdn.jsdelivr.net; ours removes exactly those
    lines (replace filters on super()); if Voila changes them, this fails before a page asks the CDN."""
    lab = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "lab" / "index.html.j2"
    ours = (TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    cdn = re.search(r"set cdn = '([^']+)'", ours).group(1)
    removed = {f'<link rel="stylesheet" href="{cdn}{name}" type="text/css" />'
               for name in re.findall(r"replace\('<link rel=\"stylesheet\" href=\"' ~ cdn ~ '([^\"]+)\"", ours)}
    inherited = {line.strip() for line in lab.read_text(encoding="utf-8").splitlines() if "cdn." in line}
    assert inherited and inherited == removed


def test_a_money_slider_has_a_linked_number_box():
    s = controls.money_control("月养老金 Pension", 4166.67, 500, 20000)
    assert isinstance(s, widgets.FloatSlider) and isinstance(s.number_box, widgets.BoundedFloatText)
    assert s.number_box.value == 4166.67 and not s.readout
    s.max = 9000
    assert s.number_box.max == 9000  # a range the app narrows in Python narrows the box too
    s.layout.display = "none"
    assert s.number_box.layout.display == "none"
    column = controls.control_column([s, controls.level_control("tertiary")])
    row = column.children[0]
    assert row.children == (s, s.number_box) and "medinsure-slider-row" in row._dom_classes
    assert "medinsure-controls" in column._dom_classes


def test_columns_wrap_and_give_an_apps_own_slider_its_box():
    own = widgets.IntSlider(value=5, min=1, max=15, description="年数 Years")
    share = widgets.FloatSlider(value=0.2, min=0, max=1, readout_format=".0%")
    left, right = widgets.VBox([own, share]), widgets.VBox([widgets.HTML("x")])
    row = controls.columns(left, right)
    assert "medinsure-columns" in row._dom_classes and "medinsure-outputs" in right._dom_classes
    assert isinstance(own.number_box, widgets.BoundedIntText)
    assert left.children[1] is share and not hasattr(share, "number_box")  # a percentage keeps its readout


def test_a_value_the_browser_sends_to_the_number_box_moves_its_slider_at_once():
    # the browser's link sends the box's value first; the app answers that message (issue 12)
    s = controls.money_control("年门诊费用 Outpatient", 7150, 0, 30000)
    seen = []
    s.observe(lambda ch: seen.append(ch["new"]), names="value")
    s.number_box.set_state({"value": 7100.0})
    assert s.value == 7100.0 and seen == [7100.0]
    s.set_state({"value": 7100.0})  # the slider's own message, a moment later: no second move
    assert seen == [7100.0]
    s.value = 5000  # the kernel moves the slider (a share link): the box follows in the browser
    s.number_box.max = 20000
    assert s.value == 5000 and seen == [7100.0, 5000]
    age = controls.with_number_box(widgets.IntSlider(value=68, min=16, max=100, description="年龄 Age"))
    age.number_box.set_state({"value": 70})
    assert age.value == 70

"""Every app: the English switch leaves no Chinese-only text, a share link reopens the same
case, and the share box is there. (Document titles stay in Chinese: they are cited as named.)"""

import importlib
import urllib.parse

import ipywidgets as widgets
import pytest

from medinsure.app.share import apply_query, attach_share_box, share_query

from .language import chinese_only, widget_texts

BUILDERS = {
    "household": ("medinsure.app.household", "household_explainer"),
    "family": ("medinsure.app.family", "family_explainer"),
    "lifecycle": ("medinsure.app.lifecycle", "lifecycle_explainer"),
    "resident": ("medinsure.app.resident", "resident_explainer"),
    "flexible": ("medinsure.app.flexible", "flexible_explainer"),
    "fund": ("medinsure.app.fund", "fund_explorer"),
    "myths": ("medinsure.app.myths", "myth_checker"),
    "population": ("medinsure.app.population", "population_explorer"),
}
LANGUAGE_SWITCH = {"中文"}  # a language's own name on the switch


def build(name, **kwargs):
    module, func = BUILDERS[name]
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError:
        pytest.skip(f"{module} not present")
    if name == "population":
        kwargs.setdefault("n", 5_000)
    return getattr(mod, func)(**kwargs)


def sentences(w):
    out = []
    if isinstance(w, widgets.HTML) and "medinsure-sentence" in w.value:
        out.append(w.value)
    for c in getattr(w, "children", ()) or ():
        out += sentences(c)
    return out


def a_slider(app):
    for name, w in app.controls.items():
        if isinstance(w, (widgets.IntSlider, widgets.FloatSlider)) and w.layout.display != "none":
            return name, w
    return None, None


@pytest.mark.parametrize("name", BUILDERS)
def test_english_leaves_no_chinese_only_text(name):
    app = build(name)
    assert "lang" in app.controls
    app.controls["lang"].value = "en"
    attach_share_box(app)
    bad = [t for t in chinese_only(widget_texts(app)) if t not in LANGUAGE_SWITCH]
    assert not bad, bad[:5]


@pytest.mark.parametrize("name", BUILDERS)
def test_a_share_link_reopens_the_same_case(name):
    app = build(name)
    key, slider = a_slider(app)
    if slider is not None:
        target = slider.min + (slider.max - slider.min) / 3
        slider.value = type(slider.value)(round(target / slider.step) * slider.step)
    query = share_query(app)
    fresh = build(name)
    assert apply_query(fresh, dict(urllib.parse.parse_qsl(query))) == []
    assert share_query(fresh) == query
    assert sentences(fresh) == sentences(app)
    assert sentences(app), "the app shows a sentence with class medinsure-sentence"


@pytest.mark.parametrize("name", BUILDERS)
def test_every_app_gets_a_share_box(name):
    app = build(name)
    attach_share_box(app)
    assert "medinsure-share" in app.share.value

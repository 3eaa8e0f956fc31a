"""No visitor-facing text shows a raw field name, an internal note id or a file path (issue 16).

Every app in ``medinsure.app.catalog.APPS`` is built in-process (no browser), switched through both
languages and a few regions (some with unknown rules), and every string a visitor can see is
collected: HTML widget values and their link targets, labels, descriptions, option labels, tab and
accordion titles, textareas, and the text drawn in every chart. The page cells the notebooks show
beside the app (sources, exercises, sessions) are collected the same way.
"""

from __future__ import annotations

import html as htmllib
import re

import ipywidgets as widgets
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from medinsure.app.catalog import APPS
from medinsure.app.share import attach_share_box

REGIONS = ("wuhan", "shanghai", "hunan", "xiamen", "chengdu")  # complete and partial (with unknowns)

# What a visitor must never read. URLs and share-link queries are taken out first.
URL = re.compile(r"(https?://|www\.)\S+|[?&][\w.-]+=[^\s&<>\"']*|\S+=\S+")
BAD = {
    "raw field name": re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])"),
    "internal note id": re.compile(r"(?<![A-Za-z0-9])E\d{1,3}(?![\w])|种子文献\s*\d+|\bseed[-_ ]?\d{2,}"),
    "file path": re.compile(r"shared/|seeds/|(?<![\w.])data/[\w/-]+|\b[\w-]+\.ya?ml\b|\b[\w-]+\.md\b"),
}


def _app(name: str):
    import importlib

    module, func, kwargs = NOTEBOOK_APPS[name]
    return getattr(importlib.import_module(module), func)(**kwargs)


# notebook -> (module, builder, arguments): the app each catalogued page shows.
NOTEBOOK_APPS = {
    "01-account-credits.ipynb": ("medinsure.app.household", "household_explainer", {}),
    "02-outpatient-pooling.ipynb": ("medinsure.app.household", "household_explainer",
                                    {"compare_statuses": True}),
    "03-who-gains.ipynb": ("medinsure.app.population", "population_explorer", {"n": 3_000}),
    "04-family-mutual-aid.ipynb": ("medinsure.app.family", "family_explainer", {}),
    "05-account-life-cycle.ipynb": ("medinsure.app.lifecycle", "lifecycle_explainer", {}),
    "06-resident-insurance.ipynb": ("medinsure.app.resident", "resident_explainer", {}),
    "07-flexible-employment.ipynb": ("medinsure.app.flexible", "flexible_explainer", {}),
    "08-fund-statistics.ipynb": ("medinsure.app.fund", "fund_explorer", {}),
    "09-myths.ipynb": ("medinsure.app.myths", "myth_checker", {}),
    "workshop/01-personas.ipynb": ("medinsure.app.workshop", "session_app", {"session": "01-personas"}),
    "workshop/02-break-even.ipynb": ("medinsure.app.workshop", "session_app", {"session": "02-break-even"}),
    "workshop/03-compare-cities.ipynb": ("medinsure.app.workshop", "session_app",
                                         {"session": "03-compare-cities"}),
}


def visible_texts(w) -> list[str]:
    """Every string a visitor can read in a widget tree (tags taken out, link targets kept)."""
    out = []
    if isinstance(w, (widgets.HTML, widgets.HTMLMath, widgets.Label)):
        value = w.value or ""
        out += re.findall(r"href=['\"]([^'\"]*)['\"]", value)
        text = re.sub(r"<style.*?</style>", " ", value, flags=re.S)
        out.append(htmllib.unescape(re.sub(r"<[^>]+>", " ", text)))
    elif isinstance(w, (widgets.Textarea, widgets.Text)):
        out.append(w.value or "")
    if getattr(w, "description", None):
        out.append(w.description)
    if getattr(w, "placeholder", None):
        out.append(w.placeholder)
    if isinstance(w, (widgets.Accordion, widgets.Tab)):
        out += [t or "" for t in getattr(w, "titles", ()) or ()]
    for opt in getattr(w, "options", ()) or ():
        out.append(opt[0] if isinstance(opt, tuple) else str(opt))
    for child in getattr(w, "children", ()) or ():
        out += visible_texts(child)
    return [t for t in out if t and t.strip()]


def problems(texts) -> list[tuple[str, str, str]]:
    found = []
    for t in texts:
        clean = URL.sub(" ", t) if not t.startswith(("shared/", "data/")) else t
        for kind, pattern in BAD.items():
            for m in pattern.finditer(clean):
                found.append((kind, m.group(0), t.strip()[:160]))
    return found


@pytest.fixture
def figures(monkeypatch):
    """Every matplotlib figure made while the test runs."""
    made = []
    original = Figure.__init__

    def record(self, *a, **k):
        original(self, *a, **k)
        made.append(self)

    monkeypatch.setattr(Figure, "__init__", record)
    return made


def figure_texts(figs) -> list[str]:
    out = []
    for fig in figs:
        out += [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    return out


def switch(app, name, value) -> bool:
    w = app.controls.get(name)
    if w is None:
        return False
    values = [o[1] if isinstance(o, tuple) else o for o in (w.options or ())]
    if value not in values:
        return False
    w.value = value
    return True


def page_cells(notebook: str, lang: str) -> list:
    """The cells the notebook shows beside its app (sources, exercises, workshop sessions)."""
    from medinsure.app import page, workshop

    if notebook.startswith("workshop/"):
        session = notebook.split("/")[1].removesuffix(".ipynb")
        return [workshop.show_session(session, lang), workshop.show_sources(session)]
    return [page.show_sources(r, "2025-01-01") for r in REGIONS]


def test_every_catalogued_app_is_checked():
    assert {a.notebook for a in APPS} == set(NOTEBOOK_APPS)


@pytest.mark.parametrize("notebook", list(NOTEBOOK_APPS))
def test_no_field_names_note_ids_or_paths(notebook, figures):
    app = _app(notebook)
    attach_share_box(app)
    texts = []
    for lang in ("zh", "en"):
        app.controls["lang"].value = lang
        for region in REGIONS if "region" in app.controls else (None,):
            if region is not None and not switch(app, "region", region):
                continue
            texts += visible_texts(app)
        texts += [t for cell in page_cells(notebook, lang) for t in visible_texts(cell)]
    texts += figure_texts(figures)
    bad = problems(texts)
    assert not bad, "\n".join(f"{k}: {m!r} in {t!r}" for k, m, t in sorted(set(bad))[:25])


def test_the_check_finds_a_planted_case():
    planted = widgets.VBox([widgets.HTML("<p>上海的 outpatient_cap 未知（见 E7）</p>"),
                            widgets.HTML("<li>来源：shared/seeds/003.md · 种子文献003</li>"),
                            widgets.Dropdown(options=[("data/regions/wuhan/rates.yaml", 1)])])
    kinds = {k for k, _, _ in problems(visible_texts(planted))}
    assert kinds == set(BAD)
    assert not problems(["上海的门诊统筹年度限额未查到，所以报销金额无法算出",
                         "https://www.gov.cn/zhengce/content/2021-04/22/content_5601280.htm",
                         "链接 ?region=wuhan&status=in_service"])

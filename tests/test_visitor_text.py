"""No visitor-facing text of any app shows a raw field name, an internal note id or a file path
(issue 16): every app of the catalogue, in Chinese and English, over regions with unknowns."""

import ipywidgets as widgets
import pytest

from medinsure.app.catalog import APPS
from medinsure.views.html import sources_list

from .visitor_text import chart_texts, leaks, run_page, widget_texts

# complete (wuhan), with unknowns (shanghai, hunan, chongqing), the national framework, guangzhou
REGIONS = ("wuhan", "shanghai", "hunan", "chongqing", "national", "guangzhou")


def page_texts(notebook: str) -> list[str]:
    from medinsure.app import common
    common._PAGE_STATE["broken"] = False  # a fresh page, as each Voila kernel is (an earlier test may have broken one)
    texts: list[str] = []
    with chart_texts(texts):
        ns, shown = run_page(notebook)
        app = ns["app"]
        for lang in ("zh", "en"):
            if "lang" in app.controls:
                app.controls["lang"].value = lang
            region = app.controls.get("region")
            slugs = [None]
            if region is not None:
                offered = {o[1] if isinstance(o, tuple) else o for o in region.options}
                slugs = [s for s in REGIONS if s in offered] or sorted(offered)  # 06 offers towns, not these
            for slug in slugs:
                if slug:
                    region.value = slug
                texts += widget_texts(app)
                for w in shown:
                    texts += widget_texts(w)
    return texts


@pytest.mark.parametrize("notebook", [a.notebook for a in APPS])
def test_no_field_names_note_ids_or_paths(notebook):
    texts = page_texts(notebook)
    assert len(texts) > 50, "the page shows text"
    found = leaks(texts)
    assert not found, found[:8]


def test_the_check_catches_a_planted_leak():
    class Ref:  # a source whose only address is a copy kept in the project
        read_at = ("shared/seeds/003_729fd9a398d3c27b.txt",)

        def cite(self, lang="zh"):
            return "《2024年职工医保缴费将不再划入个人账户》 [3P-low]"

    assert not leaks(widget_texts(widgets.HTML(sources_list([Ref()]))))
    for planted in ("由上列步骤算出：credit_old", "种子文献003", "见 data/regions/hunan/personal_account.yaml",
                    "（第三方整理，E9）", "(shared/seeds/002 (copy))"):
        box = widgets.VBox([widgets.HTML(f"<p>{planted}</p>")])
        assert leaks(widget_texts(box)), planted
    assert leaks(widget_texts(widgets.Dropdown(options=[("annual_cap 未查到", 1)])))


@pytest.mark.parametrize("notebook", [a.notebook for a in APPS])
def test_every_page_opens_on_the_latest_rules(notebook):
    """An app's opening case uses the rules in force now: no "the rules changed after" notice."""
    from medinsure.app import common
    common._PAGE_STATE["broken"] = False
    ns, shown = run_page(notebook)
    texts = widget_texts(ns["app"]) + [t for w in shown for t in widget_texts(w)]
    assert not [t for t in texts if "之后规则已有变化" in t or "changed after the chosen date" in t]

"""A real browser on every app of the catalogue with a chart or a finding: the Export button
gives PNG, SVG and CSV download links (the myths page: CSV, it has no chart), the cite box holds a
sentence with its sources, and the share link carries the app's own inputs. One page per app
(only the household notebook is pooled; every other page starts its own kernel)."""

import re
from pathlib import Path

from medinsure.app.catalog import APPS
from medinsure.views.exports import PANEL_TXT

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

# notebook -> a part of its share link that only its own inputs make, and whether it has charts
EXPECTED = {
    "01-account-credits.ipynb": ("region=wuhan&date=2023-07-01&status=retired", True),
    "02-outpatient-pooling.ipynb": ("status=in_service&age=30", True),
    "03-who-gains.ipynb": ("n=100000&seed=1", True),
    "04-family-mutual-aid.ipynb": ("rel1_on=1", True),
    "05-account-life-cycle.ipynb": ("event=move_to_other_province", True),
    "06-resident-insurance.ipynb": ("region=suyu", True),
    "07-flexible-employment.ipynb": ("focus=wuhan", True),
    "08-fund-statistics.ipynb": ("year=2024&release=best&basis=balance", True),
    "09-myths.ipynb": ("claim=m1", False),
    "workshop/01-personas.ipynb": ("persona=", True),
    "workshop/02-break-even.ipynb": ("region=wuhan", True),
    "workshop/03-compare-cities.ipynb": ("region=", True),
}


def test_the_expectations_cover_the_catalogue():
    assert sorted(EXPECTED) == sorted(a.notebook for a in APPS)


BATCH = 4  # pages opened at once: their kernels start while the others render


def _check(page, base, notebook, errors):
    fragment, charts = EXPECTED[notebook]
    panel = page.locator(".medinsure-export-panel").first
    panel.wait_for(timeout=180000)
    page.locator(".medinsure-sentence").first.wait_for(timeout=60000)
    cite = panel.locator(".medinsure-cite textarea")
    page.wait_for_function("el => el.value.length > 0", arg=cite.element_handle(), timeout=30000)
    text = cite.input_value()
    assert ("来源：《" in text) and "medinsure" in text, (notebook, text[:200])

    href = panel.locator("a.medinsure-share-link").get_attribute("href")
    assert href.startswith("?") and fragment in href and "lang=zh" in href, (notebook, href)

    assert panel.locator("a.medinsure-download").count() == 0  # made on click only
    panel.get_by_role("button", name=PANEL_TXT["button"]).click()
    links = panel.locator("a.medinsure-download")
    links.first.wait_for(timeout=60000)
    names = [links.nth(i).get_attribute("download") for i in range(links.count())]
    kinds = [n.rsplit(".", 1)[1] for n in names]
    assert "csv" in kinds, (notebook, names)
    if charts:
        assert kinds.count("png") == kinds.count("svg") >= 1, (notebook, names)
    for i in range(links.count()):
        assert re.match(r"data:(image/png|image/svg\+xml|text/csv|text/html);base64,",
                        links.nth(i).get_attribute("href")), (notebook, names[i])
    assert page.locator(".medinsure-error").count() == 0, notebook
    assert not errors, (notebook, errors)
    if notebook in ("03-who-gains.ipynb", "08-fund-statistics.ipynb", "09-myths.ipynb"):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"export-{notebook.split('.')[0]}.png"), full_page=True)


def test_export_cite_and_share_on_every_app(shared_server, shared_browser):
    notebooks = sorted(EXPECTED)
    for start in range(0, len(notebooks), BATCH):
        opened = []
        try:
            for notebook in notebooks[start:start + BATCH]:
                ctx = shared_browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(f"{shared_server}/voila/render/{notebook}", wait_until="commit", timeout=90000)
                opened.append((ctx, page, notebook, errors))
            for _, page, notebook, errors in opened:
                _check(page, shared_server, notebook, errors)
        finally:
            for ctx, *_ in opened:
                ctx.close()

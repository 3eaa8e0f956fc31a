"""Every app on a phone and with a screen reader (issue 13): at 390×844 the charts have a width and
lie inside the screen, no text starts off screen or runs past its right edge (a wide table scrolls
sideways inside its block), <html lang> is Chinese on a Chinese page (English
after the app's switch), every slider handle has an accessible name, the result sentence is a live
region, and the page asks nothing of any host but the server (a training room with no internet)."""

from urllib.parse import urlparse

import pytest

from medinsure.app.catalog import APPS

W, H = 390, 844
# one app per kind of language switch (controls.language_control; an app's own 中文/English toggle)
SWITCH = {"01-account-credits.ipynb", "04-family-mutual-aid.ipynb"}

LAYOUT = """([W]) => {
    const out = [];
    for (const im of document.querySelectorAll('img, .bqplot.figure')) {
        if (im.offsetParent === null) continue;              // in a closed tab or fold
        const r = im.getBoundingClientRect();
        if (r.width < 50) out.push('chart ' + Math.round(r.width) + ' px wide');
        else if (r.left < -1 || r.right > W + 1) out.push('chart at x ' + Math.round(r.left) + '..' + Math.round(r.right));
        if (!(im.getAttribute('alt') || im.getAttribute('aria-label'))) out.push('chart without alt text');
    }
    for (const el of document.querySelectorAll('.widget-html > .widget-html-content')) {  // a wide table scrolls inside it
        if (el.offsetParent === null) continue;
        const r = el.getBoundingClientRect();
        if (r.right > W + 1) out.push('text block to x ' + Math.round(r.right) + ': ' + el.innerText.trim().slice(0, 30));
    }
    for (const el of document.querySelectorAll('.widget-html-content, .widget-label, .widget-toggle-button')) {
        if (el.offsetParent === null || !el.innerText.trim()) continue;
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.left > W - 20) out.push('text starts at x ' + Math.round(r.left) + ': '
                                                     + el.innerText.trim().slice(0, 30));
    }
    return out;
}"""
UNNAMED = """() => [...document.querySelectorAll('[role=slider]')].filter(e => e.offsetParent !== null
    && !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))).length"""


@pytest.fixture(scope="module")
def server(shared_server):
    return shared_server


@pytest.mark.parametrize("notebook", ["00-start.ipynb"] + [a.notebook for a in APPS])
def test_an_app_on_a_phone(server, shared_browser, notebook):
    ctx = shared_browser.new_context(viewport={"width": W, "height": H}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        hosts = set()
        page.on("request", lambda r: hosts.add(urlparse(r.url).hostname) if r.url.startswith("http") else None)
        page.goto(f"{server}/voila/render/{notebook}", timeout=120000)
        page.wait_for_selector(".jupyter-widgets", timeout=120000)
        page.wait_for_load_state("networkidle", timeout=60000)
        page.wait_for_timeout(300)  # the page script names the widgets on the next frame
        drawn = ".widget-html" if notebook == "00-start.ipynb" else ".widget-slider, .widget-image, .bqplot.figure"
        assert page.locator(drawn).count() > 0, "no widgets drawn"
        assert page.evaluate(LAYOUT, [W]) == []
        assert page.evaluate("document.documentElement.lang").lower().startswith("zh")
        assert page.evaluate(UNNAMED) == 0
        if page.locator(".medinsure-sentence").count():
            live = page.locator(".medinsure-sentence").first.evaluate(
                "s => (s.closest('[aria-live]') || s).getAttribute('aria-live')")
            assert live == "polite"
        if notebook in SWITCH:
            page.locator(".widget-toggle-buttons button", has_text="English").first.click()
            page.wait_for_function("document.documentElement.lang === 'en'", timeout=30000)
            page.wait_for_timeout(500)
            assert page.evaluate(LAYOUT, [W]) == []
        assert hosts == {"127.0.0.1"}, hosts
    finally:
        ctx.close()


def test_the_start_up_message_names_the_app_in_both_languages(server, shared_browser):
    ctx = shared_browser.new_context(viewport={"width": W, "height": H})
    try:
        page = ctx.new_page()
        texts = []
        page.expose_function("medinsureSaw", lambda t: texts.append(t))
        page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
            const el = document.getElementById('loading_text'); if (el) window.medinsureSaw(el.innerText); });""")
        page.goto(f"{server}/voila/render/07-flexible-employment.ipynb", timeout=120000)
        page.wait_for_selector(".jupyter-widgets", timeout=120000)
        assert texts and "灵活就业人员" in texts[0] and "Flexibly employed" in texts[0], texts
        assert "07-flexible" not in texts[0]
        assert page.title() == "灵活就业人员 · Flexibly employed"
    finally:
        ctx.close()

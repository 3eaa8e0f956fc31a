"""A real browser: Voila (with the launcher's settings and a preheated kernel) serves the app,
the keyboard moves sliders, the sentence shows the exact numbers the library computes, a share
link reopens the same numbers in a fresh browser, and screenshots are saved to artifacts/."""

import sys
from pathlib import Path

import pytest

from medinsure.site.browser import slider_handle

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
APP = "01-account-credits.ipynb"


@pytest.fixture(scope="module")
def server(shared_server):
    return shared_server


def test_sliders_move_the_numbers_and_a_share_link_reopens_them(server, page, shared_browser):
    ARTIFACTS.mkdir(exist_ok=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/voila/render/{APP}", timeout=60000)
    sentence = page.locator(".medinsure-sentence")
    # the Wuhan bureau example: 2,400 → 996 (policy_facts.md §3 E1)
    sentence.filter(has_text="2,400.00").wait_for(timeout=60000)
    assert "996.00" in sentence.inner_text()
    # the charts are drawn in the browser (bqplot SVG), with the break-even and current spending marked
    curve = page.locator(".medinsure-curve")
    # latest rules (武汉 from 2023-04-10, policy_facts §2C): 7,150 × 65% → cap 4,000; gain 996 − 2,400 + 4,000
    # = 2,596; break-even S × 0.65 = 1,404 → 2,160
    curve.filter(has_text="回本点 2,160").wait_for(timeout=30000)
    assert "当前 2,596.00" in curve.inner_text() and page.locator(".medinsure-bars svg").count() >= 1
    assert page.locator("img.medinsure-curve, img.medinsure-bars").count() == 0
    page.screenshot(path=str(ARTIFACTS / "household-opened.png"), full_page=True)

    # age 68 → 70: old credit 5.1% × 4,166.67 = 212.50/month → 2,550.00 a year
    age = slider_handle(page, "年龄 Age")
    age.focus()
    age.press("ArrowRight")
    age.press("ArrowRight")
    sentence.filter(has_text="2,550.00").wait_for(timeout=30000)

    # outpatient 7,150 → 6,150 (20 steps of 50): 6,150 × 65% = 3,997.50, under the cap 4,000;
    # gain (996 − 2,550) + 3,997.50 = 2,443.50
    bill = slider_handle(page, "年门诊费用 Outpatient")
    bill.focus()
    for _ in range(20):
        bill.press("ArrowLeft")
    sentence.filter(has_text="2,443.50").wait_for(timeout=30000)
    text = sentence.inner_text()
    assert "3,997.50" in text and "6,150.00" in text
    assert page.locator(".medinsure-error").count() == 0
    curve.filter(has_text="当前 2,443.50").wait_for(timeout=30000)  # the chart followed the keys
    page.screenshot(path=str(ARTIFACTS / "household-after-keys.png"), full_page=True)
    box = page.locator(".medinsure-share input")
    box.focus()  # the box shows the page's full address (built in the browser)
    link = box.input_value()
    assert not errors, errors
    assert link.startswith(f"{server}/voila/render/{APP}?") and "age=70" in link

    # a fresh browser context opens the copied link and shows the same numbers
    ctx = shared_browser.new_context()
    try:
        fresh = ctx.new_page()
        fresh.goto(link, timeout=60000)
        again = fresh.locator(".medinsure-sentence")
        again.filter(has_text="2,443.50").wait_for(timeout=60000)
        assert "2,550.00" in again.inner_text() and "3,997.50" in again.inner_text()
    finally:
        ctx.close()


def test_the_start_page_lists_the_apps(server, page):
    page.goto(f"{server}/voila/render/00-start.ipynb", timeout=60000)
    page.locator(".medinsure-landing").wait_for(timeout=60000)
    text = page.locator(".medinsure-landing").inner_text()
    assert "旧账户 vs 新账户" in text and "How to cite" in text and "武汉市" in text
    page.screenshot(path=str(ARTIFACTS / "start-page.png"), full_page=True)


def test_the_page_loads_no_mathjax_and_shows_labels_as_written(server, page):
    """The template swaps Voila's MathJax 3 bundle for a no-op typesetter (index.html.j2): no
    MathJax chunk is requested, nothing is logged as an error, and widget labels read as written."""
    scripts, errors = [], []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/voila/render/{APP}", timeout=60000)
    page.locator(".medinsure-sentence").wait_for(timeout=60000)
    page.wait_for_timeout(500)
    assert scripts and not [u for u in scripts if "mathjax" in u.lower()]
    assert page.evaluate("() => !!(window.MathJax && window.MathJax.Hub)")  # the stub is in place
    # the MathJax 3 chunks of Voila's bundle (they name MathJax in their code) were not fetched
    static = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "base" / "static"
    mathjax = {f.name for f in static.glob("*.voila.js") if (t := f.read_text(errors="replace")).count("MathJax") >= 5
               and "mathjax2-extension" not in t}  # MathJax 3 (the MathJax 2 plugin is the one in use)
    assert mathjax, "Voila's bundle no longer has MathJax chunks where this test looks"
    assert not {u.rsplit("/", 1)[-1] for u in scripts} & mathjax
    assert page.get_by_text("年门诊费用 Outpatient").count() >= 1
    assert not errors, errors


# the text of the selected option (of every facility option), measured in the select's own font,
# against the room the select gives it
_CLIPPED_OPTIONS = """() => {
  const ctx = document.createElement('canvas').getContext('2d'), out = [];
  for (const s of document.querySelectorAll('.widget-dropdown select')) {
    const cs = getComputedStyle(s);
    ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const label = s.parentElement.querySelector('label')?.textContent || '';
    for (const o of (label.includes('Facility') ? s.options : [s.options[s.selectedIndex]])) {
      const w = ctx.measureText(o.text).width;
      if (w > room) out.push([label, o.text, Math.round(w), Math.round(room)]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("app", ["02-outpatient-pooling.ipynb", "07-flexible-employment.ipynb"])
def test_the_dropdowns_show_their_options_whole_on_a_wide_screen(server, page, app):
    """At 1400 px no dropdown's chosen option, and no facility option, is cut at the select's edge
    (the facility options were: '基层/一级医疗机构 primary / level-1 facilit…')."""
    page.goto(f"{server}/voila/render/{app}", timeout=60000)
    page.locator(".widget-dropdown select").first.wait_for(timeout=60000)
    page.wait_for_timeout(300)
    assert page.evaluate(_CLIPPED_OPTIONS) == []

"""A real browser: Voila (with the launcher's settings and a preheated kernel) serves the app,
the keyboard moves sliders, the sentence shows the exact numbers the library computes, a share
link reopens the same numbers in a fresh browser, and screenshots are saved to artifacts/."""

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

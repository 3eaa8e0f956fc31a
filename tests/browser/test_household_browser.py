"""A real browser: Voila serves the app, the keyboard moves sliders, the sentence shows the
exact numbers the library computes, and a screenshot is saved to artifacts/."""

import os
from pathlib import Path

import pytest

from medinsure.browser import chromium_page, chromium_path, slider_handle, voila_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def server():
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: ./run test should have installed it")
        pytest.skip("chromium not installed (./run test installs it as root)")
    with voila_server() as base:
        yield base


def test_sliders_move_the_numbers_in_a_real_browser(server):
    ARTIFACTS.mkdir(exist_ok=True)
    errors = []
    with chromium_page() as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/voila/render/01-account-credits.ipynb", timeout=60000)
        sentence = page.locator(".medinsure-sentence")
        # the Wuhan bureau example: 2,400 → 996 (policy_facts.md §3 E1)
        sentence.filter(has_text="2,400.00").wait_for(timeout=60000)
        assert "996.00" in sentence.inner_text()
        page.screenshot(path=str(ARTIFACTS / "household-opened.png"), full_page=True)

        # age 68 → 70: old credit 5.1% × 4,166.67 = 212.50/month → 2,550.00 a year
        age = slider_handle(page, "年龄 Age")
        age.focus()
        age.press("ArrowRight")
        age.press("ArrowRight")
        sentence.filter(has_text="2,550.00").wait_for(timeout=30000)

        # outpatient 7,150 → 7,200: (7,200 − 500) × 60% = 4,020 → capped at 4,000;
        # gain (996 − 2,550) + 4,000 = 2,446
        bill = slider_handle(page, "年门诊费用 Outpatient")
        bill.focus()
        bill.press("ArrowRight")
        sentence.filter(has_text="2,446.00").wait_for(timeout=30000)
        text = sentence.inner_text()
        assert "4,000.00" in text and "7,200.00" in text
        assert page.locator(".medinsure-error").count() == 0
        page.screenshot(path=str(ARTIFACTS / "household-after-keys.png"), full_page=True)
    assert not errors, errors

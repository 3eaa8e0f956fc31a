"""One server and one browser for the browser tests (the browser for all; the server for those
that need no special settings). Package-scoped: both close when the browser tests end, so the
other tests can run their own event loops and browsers."""

import pytest

from medinsure.site.browser import CHROMIUM_ARGS, chromium_path, voila_server

from ..conftest import require_chromium

HOUSEHOLD = "01-account-credits.ipynb"


@pytest.fixture(scope="package")
def shared_server():
    """Voila with the launcher's settings; two preheated kernels for the household app."""
    require_chromium()
    with voila_server(pool=0, pools={HOUSEHOLD: 2}) as base:
        yield base


@pytest.fixture(scope="package")
def shared_browser():
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(shared_browser):
    """A fresh page (its own context: no cookies or storage from another test)."""
    ctx = shared_browser.new_context(viewport={"width": 1400, "height": 1000})
    p = ctx.new_page()
    yield p
    ctx.close()

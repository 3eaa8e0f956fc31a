"""A room that arrives after the trainer (issue 15) and a page whose kernel is gone.

One server with short cull times (idle 20 s, checked every 2 s; a page may take 90 s to connect)
stands in for the launcher's 120 s / 30 s / 5 min: a preheated kernel that has waited longer than
the cull time must still come alive when a visitor takes it, even if the page takes longer than
the cull time to connect; and a page whose kernel is culled or killed says so instead of showing
numbers that no longer follow the controls, or a widget's Python repr."""

import contextlib
import os
import re
import signal
import subprocess
import time

import pytest

from medinsure.site.browser import server_log, voila_server

from ..conftest import require_chromium

WORKSHOP = "workshop/01-personas.ipynb"   # its notebook runs to the end: an idle pool kernel
HOUSEHOLD = "01-account-credits.ipynb"    # waits for its visitor in the last cell
CULL_IDLE, CULL_EVERY, GRACE = 20, 2, 90
REPR = re.compile(r"\w+\((children|value|layout)=")


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with voila_server(pool=0, pools={WORKSHOP: 2, HOUSEHOLD: 1}, cull_idle=CULL_IDLE,
                      cull_interval=CULL_EVERY, env={"MEDINSURE_CONNECT_GRACE": str(GRACE)}) as base:
        log = server_log(base)
        deadline = time.monotonic() + 240
        while not all(f"Kernel pool of {nb} is filled" in log.read_text(errors="replace")
                      for nb in (WORKSHOP, HOUSEHOLD)):
            assert time.monotonic() < deadline, "the pool did not warm up"
            time.sleep(1)
        time.sleep(CULL_IDLE + 2 * CULL_EVERY)  # every pool kernel has now waited past the cull time
        yield base


@contextlib.contextmanager
def _page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def _hold_page(page, seconds: float) -> None:
    """Let the page's scripts arrive ``seconds`` after the server has handed out its kernel, like a
    browser that takes its time (a starved laptop, a slow network): the page itself (and its
    cookies) is delivered at once, Voila's script that connects to the kernel is held."""
    def hold(route):
        time.sleep(seconds)
        route.continue_()
    page.route("**/voila/static/voila.js*", hold)


def test_a_pool_kernel_that_waited_past_the_cull_time_comes_alive(server, shared_browser):
    assert "Culling '" not in server_log(server).read_text(errors="replace")  # pooled: never culled
    with _page(shared_browser) as page:
        # before the fix the handed-out kernel was culled at the next check (its idle time had
        # started when it warmed up); now it counts from when its page connects — here the page
        # arrives later than the cull time after the kernel was handed out
        _hold_page(page, CULL_IDLE + 3 * CULL_EVERY)
        page.goto(f"{server}/voila/render/{WORKSHOP}", timeout=120000)
        page.locator(".widget-dropdown select").first.wait_for(timeout=60000)
        assert not page.locator("#medinsure-connection-lost").is_visible()
        assert not REPR.search(page.locator("body").inner_text())


def test_a_page_whose_kernel_was_culled_says_so_and_shows_no_repr(server, shared_browser):
    with _page(shared_browser) as page:
        _hold_page(page, GRACE + 3 * CULL_EVERY)  # the page never connected in time: culled
        page.goto(f"{server}/voila/render/{WORKSHOP}", timeout=120000)
        banner = page.locator("#medinsure-connection-lost")
        banner.wait_for(state="visible", timeout=30000)
        assert "连接已断开，请刷新" in banner.inner_text() and "Connection lost" in banner.inner_text()
        time.sleep(2)
        assert not REPR.search(page.locator("body").inner_text())
        assert page.evaluate("document.body.classList.contains('medinsure-disconnected')")
    assert "Culling '" in server_log(server).read_text(errors="replace")


def test_killing_a_pages_kernel_shows_the_notice_within_5_s(server, shared_browser):
    with _page(shared_browser) as page:
        page.goto(f"{server}/voila/render/{HOUSEHOLD}", timeout=120000)
        page.locator(".medinsure-sentence").first.wait_for(timeout=60000)
        banner = page.locator("#medinsure-connection-lost")
        assert not banner.is_visible()
        kernel = re.search(r'"kernelId"\s*:\s*"([0-9a-f-]{36})"', page.content()).group(1)
        pids = subprocess.run(["pgrep", "-f", f"kernel-{kernel}"], capture_output=True,
                              text=True).stdout.split()
        assert pids, "the page's kernel process was not found"
        for pid in pids:
            os.kill(int(pid), signal.SIGKILL)
        t0 = time.monotonic()
        banner.wait_for(state="visible", timeout=5000)
        assert time.monotonic() - t0 < 5
        # the numbers stay on the page, greyed: they no longer follow the controls
        assert page.evaluate("document.body.classList.contains('medinsure-disconnected')")

"""Serve the apps and drive them in Debian's Chromium (tests, benchmarks, screenshots).

Playwright's own browser download does not work here; we launch /usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from medinsure.site.serve import kernel_environment, normal_base_url, voila_command

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync", "--disable-quic"]


def chromium_path() -> str | None:
    return os.environ.get("MEDINSURE_CHROMIUM") or shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_log(base: str) -> Path:
    """The log file of the server :func:`voila_server` started at ``base``."""
    return Path(os.environ.get("TMPDIR", "/tmp")) / f"medinsure-voila-{urllib.parse.urlsplit(base).port}.log"


@contextlib.contextmanager
def voila_server(timeout: float = 90.0, pool: int = 0, pools: dict[str, int] | None = None,
                 extra_args: list[str] | None = None, env: dict[str, str] | None = None,
                 base_url: str = "/", **launcher: int) -> Iterator[str]:
    """Start Voila (the launcher's settings) on a free loopback port; yield its base URL.

    ``pool``/``pools``: preheated kernels per notebook (0 = start kernels on demand); ``base_url``:
    the launcher's ``--base-url`` (the yielded URL ends with it, without the last slash)."""
    port = free_port()
    cmd = voila_command(port, "127.0.0.1", pool=pool, pools=pools, base_url=base_url,
                        **launcher) + list(extra_args or [])
    log = open(server_log(f"http://127.0.0.1:{port}"), "w")
    proc = subprocess.Popen(cmd, env={**kernel_environment(), **(env or {})}, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{normal_base_url(base_url).rstrip('/')}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"voila exited with {proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/voila/tree", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"voila did not answer within {timeout} s; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def chromium_page(width: int = 1400, height: int = 1000):
    """A Playwright page in Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise FileNotFoundError("chromium not found: apt-get install chromium (./run test does)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def slider_handle(page, label: str):
    """The noUiSlider handle of the ipywidgets slider whose description is ``label``."""
    return page.locator(".widget-slider", has=page.locator(".widget-label", has_text=label)).locator(
        ".noUi-handle").first

"""Two launchers with --base-url /medinsure/ behind nginx (deploy/nginx/medinsure.conf, ip_hash so a
page and its kernel websocket reach the same process): a page opened through nginx moves with a
slider, and the share link it shows is under the prefix at nginx's address and reopens the same
numbers. Skipped only where nginx is missing and cannot be installed (./run test installs it as root)."""

import contextlib
import importlib.util
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from medinsure.site.browser import free_port, slider_handle, voila_server

ROOT = Path(__file__).resolve().parents[2]
APP = "01-account-credits.ipynb"
PREFIX = "/medinsure/"


def _nginx() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if path is None:
        pytest.skip("nginx is not installed (as root: apt-get install nginx; ./run test does it)")
    return path


def _render():
    spec = importlib.util.spec_from_file_location("medinsure_nginx_render", ROOT / "deploy/nginx/render.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.render


@contextlib.contextmanager
def nginx_in_front(ports: list[int], tmp: Path):
    nginx = _nginx()
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(_render()(f"127.0.0.1:{port}", PREFIX, ports, str(tmp)), encoding="utf-8")
    check = subprocess.run([nginx, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(conf)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}{PREFIX.rstrip('/')}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                with urllib.request.urlopen(f"{base}/voila/tree", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "nginx did not answer within 20 s"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_slider_and_a_share_link_through_nginx_under_a_prefix(shared_browser, tmp_path):
    with contextlib.ExitStack() as stack:
        backends = [stack.enter_context(voila_server(pool=0, base_url=PREFIX)) for _ in range(2)]
        for b in backends:  # each launcher serves under the prefix only
            assert b.endswith("/medinsure")
        ports = [int(b.rsplit(":", 1)[1].split("/")[0]) for b in backends]
        base = stack.enter_context(nginx_in_front(ports, tmp_path))

        ctx = shared_browser.new_context(viewport={"width": 1400, "height": 1000})
        stack.callback(ctx.close)
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/voila/render/{APP}", timeout=120000)
        sentence = page.locator(".medinsure-sentence")
        sentence.filter(has_text="2,400.00").wait_for(timeout=120000)  # policy_facts.md §3 E1
        # age 68 → 70: old credit 5.1% × 4,166.67 = 212.50/month → 2,550.00 a year; this goes
        # through the kernel websocket, so it also shows nginx sent it to the page's own process
        age = slider_handle(page, "年龄 Age")
        age.focus()
        age.press("ArrowRight")
        age.press("ArrowRight")
        sentence.filter(has_text="2,550.00").wait_for(timeout=60000)
        box = page.locator(".medinsure-share input")
        box.focus()
        link = box.input_value()
        assert link.startswith(f"{base}/voila/render/{APP}?") and "age=70" in link, link
        assert not errors, errors

        fresh_ctx = shared_browser.new_context()
        stack.callback(fresh_ctx.close)
        fresh = fresh_ctx.new_page()
        fresh.goto(link, timeout=120000)
        again = fresh.locator(".medinsure-sentence")
        again.filter(has_text="2,550.00").wait_for(timeout=120000)
        assert "996.00" in again.inner_text() or "2,550.00" in again.inner_text()
        ctx.close()
        fresh_ctx.close()  # nginx logs a websocket when it closes
        deadline = time.monotonic() + 10
        while "\" 101 " not in (log := (tmp_path / "access.log").read_text()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert f" {PREFIX}api/kernels/" in log and "channels" in log and "\" 101 " in log  # websockets via nginx


def pids(*args: str) -> list[str]:
    return subprocess.run(["pgrep", *args], capture_output=True, text=True, check=False).stdout.split()


def test_run_app_with_two_processes_serves_through_nginx_and_stops_them_all(shared_browser, tmp_path):
    """./run app --processes 2: two launchers and nginx in front, one address; a page moves with a
    slider through it; SIGTERM stops nginx, both launchers and their kernels."""
    import os
    import signal
    import sys

    _nginx()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "medinsure.site.serve", "--processes", "2", "--port", str(port),
                             "--base-url", PREFIX, "--pool", "0"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    base = f"http://127.0.0.1:{port}{PREFIX.rstrip('/')}"
    try:
        lines = []
        while not any("launchers on 127.0.0.1 ports" in line for line in lines):
            line = proc.stderr.readline()
            assert line, "./run app --processes 2 ended early:\n" + "".join(lines)
            lines.append(line)
        backends = [int(p) for p in lines[-1].split("ports ")[1].split(" behind")[0].split(", ")]
        assert len(set(backends)) == 2 and port not in backends
        for p in backends:  # each launcher answers on its own port, under the prefix
            with urllib.request.urlopen(f"http://127.0.0.1:{p}{PREFIX}voila/tree", timeout=10) as r:
                assert r.status == 200
        ctx = shared_browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            page.goto(f"{base}/voila/render/{APP}", timeout=120000)
            sentence = page.locator(".medinsure-sentence")
            sentence.filter(has_text="2,400.00").wait_for(timeout=120000)  # policy_facts.md §3 E1
            age = slider_handle(page, "年龄 Age")
            age.focus()
            age.press("ArrowRight")
            age.press("ArrowRight")
            sentence.filter(has_text="2,550.00").wait_for(timeout=60000)  # 5.1% × 4,166.67 × 12
            launchers = pids("-f", "--", f"--port=({backends[0]}|{backends[1]})")
            assert len(launchers) == 2, launchers
            kernels = [k for pid in launchers for k in pids("-P", pid)]
            assert kernels  # the page's kernel, started by one of them
        finally:
            ctx.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    alive = [p for p in launchers + kernels if Path(f"/proc/{p}").exists()]
    assert not alive, alive
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/voila/tree", timeout=2)

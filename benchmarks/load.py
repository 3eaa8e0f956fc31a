"""A workshop room on one machine: measured, not assumed.

Phases (each prints its figures):
1. first loads: N simultaneous first loads of the household app (HTTP, the full rendered page)
   with the launcher's settings and a preheated pool; every page must complete; prints the time
   to the last one and the median/p95 page time.
2. sessions: S sessions open the app at the same moment and each moves the outpatient slider K
   times, waiting for each update; prints errors, whether every number shown (after every move,
   and the final one) is the library's, median/p95 update latency, and the kernels' memory.
   By default each session is what a participant's own browser does to the server — the page,
   every file a real browser fetched for it (recorded once in Chromium: ~95 files, 5 MB), the
   kernel websocket (Jupyter's v1 protocol), the widget states, then slider values — without
   drawing anything (``medinsure.site.widget_client``), because in a room
   every participant's browser runs on their own laptop. ``--browser`` instead drives real pages
   in one headless Chromium on this same machine (it then measures the browser as much as the
   server; pages open STAGGER seconds apart).
3. culling: all pages close; after WAIT seconds prints how many kernels of closed pages remain
   (must be 0; the preheated pool's waiting kernels are counted separately).

Run: .venv/bin/python benchmarks/load.py [--loads 30] [--sessions 30] [--presses 20] [--wait 180]
     [--think 0] [--browser] [--only-first-loads]
Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import statistics
import time
import urllib.request
from pathlib import Path

from medinsure import Enrollee, compare
from medinsure.rules import load_region
from medinsure.site.browser import CHROMIUM_ARGS, chromium_path, voila_server
from medinsure.site.widget_client import WidgetSession, browser_assets, fetch_page

APP = "01-account-credits.ipynb"
START_BILL = 7150.0
STEP = 50.0
STAGGER = 3.0  # seconds between two sessions opening their page


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


SERVER_PID: int | None = None
SESSION_KERNELS: set[int] = set()  # pids of the pooled kernels the sessions are served by


def _server_pid(port: str) -> int | None:
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                cmd = (p / "cmdline").read_bytes()
            except OSError:
                continue
            if b"voila" in cmd and f"--port={port}".encode() in cmd:
                return int(p.name)
    return None


def kernels() -> dict[int, int]:
    """pid -> RSS in KiB of the kernels our Voila server started (its child processes)."""
    out = {}
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes()
            if b"ipykernel_launcher" not in cmd:
                continue
            ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid != SERVER_PID:
                continue
            for line in (p / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out[int(p.name)] = int(line.split()[1])
        except OSError:
            continue
    return out


def _cpu_ticks(pids) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def wait_for_kernels(n: int, timeout: float = 600) -> float:
    """Wait until ``n`` kernels exist and have gone idle (pre-rendering finished)."""
    t0 = time.monotonic()
    while len(kernels()) < n and time.monotonic() - t0 < timeout:
        time.sleep(1)
    last = -1
    while time.monotonic() - t0 < timeout:
        ticks = _cpu_ticks(kernels())
        if ticks == last:
            break
        last = ticks
        time.sleep(2)
    return time.monotonic() - t0


def first_loads(base: str, n: int) -> None:
    url = f"{base}/voila/render/{APP}"

    def load(_):
        t0 = time.monotonic()
        with urllib.request.urlopen(url, timeout=300) as r:
            body = r.read().decode("utf-8", "replace")
        ok = "application/vnd.jupyter.widget-view+json" in body and "</html>" in body
        return time.monotonic() - t0, ok

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(n) as ex:
        results = list(ex.map(load, range(n)))
    last = time.monotonic() - t0
    times = [t for t, _ in results]
    done = sum(ok for _, ok in results)
    print(f"[first loads] {n} simultaneous: {done}/{n} complete, last finished after {last:.2f} s; "
          f"page time median {statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s")


def expected_sentence_numbers(bill: float) -> tuple[str, ...]:
    """What the sentence must show at this yearly bill: the library's numbers, formatted."""
    opening = load_region("wuhan").reformed_rule_dates()[-1]  # 01 opens on the latest rules
    c = compare("wuhan", opening, Enrollee(
        status="retired", age=68, pension_monthly=4166.67, outpatient_yearly=bill, level="tertiary"))
    return tuple(f"{v:,.2f}" for v in (bill, c.credit_old, c.credit_new, c.reimbursement_new,
                                        c.resources_gain))


def report_sessions(n: int, presses: int, elapsed: float, errors: list, correct: int,
                    latencies: list, kind: str, checked: str = "after every move") -> None:
    final = START_BILL + STEP * presses
    print(f"[sessions] {n} {kind} sessions × {presses} slider moves in {elapsed:.1f} s: "
          f"{len(errors)} errors, {correct}/{n} sessions showed the library's numbers {checked} "
          f"(final: {', '.join(expected_sentence_numbers(final))})")
    if latencies:
        print(f"[sessions] slider move → updated sentence: median {statistics.median(latencies):.0f} ms, "
              f"p95 {percentile(latencies, 0.95):.0f} ms, max {max(latencies):.0f} ms "
              f"over {len(latencies)} updates")
    rss = {pid: kib for pid, kib in kernels().items() if pid in SESSION_KERNELS}
    if rss:
        print(f"[memory] {len(rss)} kernels, RSS median {statistics.median(rss.values()) / 1024:.0f} MiB, "
              f"total {sum(rss.values()) / 1024:.0f} MiB (one kernel per session)")
    for e in errors[:5]:
        print("   ", e)


def recorded_assets() -> list[str] | None:
    """What a real browser fetches to show the app (about 100 files, 5 MB), recorded once on a
    server of its own so that every protocol session asks the server for the same."""
    if chromium_path() is None:
        print("[assets] no chromium: sessions fetch only the scripts the page names itself")
        return None
    global SERVER_PID
    with voila_server(timeout=120, pool=0, pools={APP: 1}) as base:
        SERVER_PID = _server_pid(base.rsplit(":", 1)[1])
        wait_for_kernels(1)
        assets = browser_assets(base, f"/voila/render/{APP}")
    print(f"[assets] a browser fetched {len(assets)} files to show the app; every session fetches them")
    return assets


async def protocol_sessions(base: str, n: int, presses: int, think: float,
                            assets: list[str] | None = None) -> list:
    """n participants open the page at the same moment, then move the slider ``presses`` times."""
    latencies, errors, loads = [], [], []
    correct = 0

    async def one(i: int) -> None:
        nonlocal correct
        session = None
        try:
            page = await asyncio.to_thread(fetch_page, base, f"/voila/render/{APP}", assets)
            t_ws = time.monotonic()
            session = await WidgetSession.connect(base, page.kernel_id)
            loads.append(page.asset_seconds + time.monotonic() - t_ws)
            await session.wait_for_text("medinsure-sentence", *expected_sentence_numbers(START_BILL))
            slider = session.find("FloatSliderModel", "年门诊费用 Outpatient")
            all_right = True
            for k in range(presses):
                bill = START_BILL + STEP * (k + 1)
                t0 = time.monotonic()
                await session.set_value(slider, bill)
                text = await session.wait_for_text("medinsure-sentence", f"{bill:,.2f}")
                latencies.append((time.monotonic() - t0) * 1000)
                all_right &= all(x in text for x in expected_sentence_numbers(bill))
                if think:
                    await asyncio.sleep(think)
            correct += all_right
            if not all_right:
                errors.append(f"session {i}: a number differs from the library's")
        except Exception as exc:  # noqa: BLE001 — counted and printed, the run goes on
            errors.append(f"session {i}: {type(exc).__name__}: {exc}"[:300])
        finally:
            if session is not None:
                await session.close()

    t0 = time.monotonic()
    await asyncio.gather(*(one(i) for i in range(n)))
    elapsed = time.monotonic() - t0
    if loads:
        print(f"[sessions] page + {len(assets) if assets else 'its named'} files + kernel connection + widget states: median "
              f"{statistics.median(loads):.2f} s, last {max(loads):.2f} s ({len(loads)}/{n} connected)")
    report_sessions(n, presses, elapsed, errors, correct, latencies, "protocol")
    return errors


async def sessions(base: str, n: int, presses: int) -> list:
    from playwright.async_api import async_playwright

    want = expected_sentence_numbers(START_BILL + STEP * presses)
    latencies, errors, correct = [], [], 0
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        pages = []

        async def one(i: int):
            nonlocal correct
            ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await ctx.new_page()
            pages.append(ctx)
            page.on("pageerror", lambda e: errors.append(f"page {i}: {e}"))
            try:
                await page.goto(f"{base}/voila/render/{APP}", timeout=300000)
                sentence = page.locator(".medinsure-sentence")
                await sentence.filter(has_text="2,400.00").wait_for(timeout=300000)
                handle = page.locator(".widget-slider", has=page.locator(
                    ".widget-label", has_text="年门诊费用 Outpatient")).locator(".noUi-handle").first
                await handle.focus()
                for k in range(presses):
                    bill = f"{START_BILL + STEP * (k + 1):,.2f}"
                    t0 = time.monotonic()
                    await handle.press("ArrowRight")
                    await sentence.filter(has_text=bill).wait_for(timeout=60000)
                    latencies.append((time.monotonic() - t0) * 1000)
                text = await sentence.inner_text()
                correct += all(x in text for x in want)
            except Exception as exc:  # noqa: BLE001 — counted and printed, the run goes on
                errors.append(f"page {i}: {type(exc).__name__}: {exc}"[:300])

        async def staggered(i: int):
            # pages open one after another (a room does not click in the same millisecond, and
            # one headless Chromium rendering 30 Voila pages at once on 2 cores times out loading
            # its own scripts); the slider moves then overlap
            await asyncio.sleep(i * STAGGER)
            await one(i)

        t0 = time.monotonic()
        await asyncio.gather(*(staggered(i) for i in range(n)))
        report_sessions(n, presses, time.monotonic() - t0, errors, correct, latencies, "browser",
                        "at the end")
        for ctx in pages:
            await ctx.close()
        await browser.close()
    return errors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loads", type=int, default=30)
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--presses", type=int, default=20)
    ap.add_argument("--wait", type=int, default=180)
    ap.add_argument("--pool", type=int, default=None, help="preheated kernels for the app (default: --loads)")
    ap.add_argument("--think", type=float, default=0.0,
                    help="seconds a participant waits between two moves (protocol sessions)")
    ap.add_argument("--browser", action="store_true",
                    help="drive real pages in one headless Chromium instead of protocol sessions")
    ap.add_argument("--only-first-loads", action="store_true", help="run phase 1 only")
    args = ap.parse_args()
    global SERVER_PID, SESSION_KERNELS
    pool = args.loads if args.pool is None else args.pool
    # Phase 1 on its own server: the loads leave their kernels (no page connects to them).
    with voila_server(timeout=120, pool=0, pools={APP: pool}) as base:
        SERVER_PID = _server_pid(base.rsplit(":", 1)[1])
        took = wait_for_kernels(pool)
        print(f"[pool] {pool} preheated kernels ready after {took:.0f} s", flush=True)
        first_loads(base, args.loads)
    if args.only_first_loads:
        return
    assets = None if args.browser else recorded_assets()
    # Phases 2 and 3 on a fresh server whose pool holds one kernel per session.
    with voila_server(timeout=120, pool=0, pools={APP: args.sessions}) as base:
        SERVER_PID = _server_pid(base.rsplit(":", 1)[1])
        took = wait_for_kernels(args.sessions)
        print(f"[pool] {args.sessions} preheated kernels ready after {took:.0f} s", flush=True)
        # the pool holds one kernel per session, so these are exactly the sessions' kernels;
        # the pool's refills (started later) are not counted
        SESSION_KERNELS = set(kernels())
        if args.browser:
            asyncio.run(sessions(base, args.sessions, args.presses))
        else:
            asyncio.run(protocol_sessions(base, args.sessions, args.presses, args.think, assets))
        print(f"[culling] pages closed; waiting {args.wait} s", flush=True)
        time.sleep(args.wait)
        now = set(kernels())
        left = len(SESSION_KERNELS & now)
        print(f"[culling] kernels of closed pages still running after {args.wait} s: {left} "
              f"of {len(SESSION_KERNELS)} (plus {len(now - SESSION_KERNELS)} new preheated kernels "
              f"waiting for the next visitors, by design)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()

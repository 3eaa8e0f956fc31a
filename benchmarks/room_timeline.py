"""The trainer's real timeline: the launcher starts, the trainer waits, the room arrives in one
burst, then stragglers come in one by one. Measured, not assumed (issue 15).

1. The launcher starts with a preheated pool of POOL kernels for the app; prints when it is warm.
2. Nobody comes for WAIT seconds (longer than the 120 s cull time, as in a real room).
3. ROOM pages open at the same moment in headless Chromium (one browser context each); prints for
   each page whether it came alive — the app's result shows — and after how many seconds, and
   whether any page showed a widget's Python repr ("…(children=…") or the connection-lost notice.
4. STRAGGLERS more visitors, each GAP seconds after the previous one has come alive (the pool is
   used up by then): their time to live.
5. Kernels culled during the run (from the server's log).

Run: .venv/bin/python benchmarks/room_timeline.py [--pool 8] [--wait 200] [--room 8]
     [--stragglers 2] [--gap 5] [--app 01-account-credits.ipynb]
With --room 30 the 30 pages share one Chromium on the server's 2 cores; in a real room each
browser runs on its own laptop, so that figure includes a starved browser. ``--clients protocol``
instead opens each page as a participant's own browser asks the server for it (the page, the
~95 files a real Chromium fetched for it, the kernel websocket, the widget states; see
``medinsure/site/widget_client.py``) and counts it live when the result sentence is in the widget
states: the server's side of a room, without one overloaded browser.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import time

from medinsure.site.browser import CHROMIUM_ARGS, chromium_path, server_log, voila_server

# what "alive" means per app: the element its result is written into
ALIVE = {"01-account-credits.ipynb": ".medinsure-sentence",
         "workshop/01-personas.ipynb": ".widget-dropdown select"}
REPR = re.compile(r"\w+\((children|value|layout)=")


async def open_page(browser, url: str, selector: str, t0: float, timeout: float) -> dict:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    out = {"alive": False, "seconds": None, "repr": False, "lost": False}
    try:
        await page.goto(url, wait_until="commit", timeout=timeout * 1000)
        await page.locator(selector).first.wait_for(timeout=timeout * 1000)
        out.update(alive=True, seconds=time.monotonic() - t0)
    except Exception as exc:  # noqa: BLE001 — reported, the run goes on
        out["error"] = f"{type(exc).__name__}"
    try:
        body = await page.locator("body").inner_text(timeout=5000)
        out["repr"] = bool(REPR.search(body))
        out["lost"] = await page.locator("#medinsure-connection-lost").is_visible()
    except Exception:  # noqa: BLE001
        pass
    out["ctx"] = ctx
    return out


async def open_protocol(base: str, path: str, assets, t0: float, timeout: float) -> dict:
    from medinsure.site.widget_client import WidgetSession, fetch_page

    out = {"alive": False, "seconds": None, "repr": False, "lost": False, "ctx": None}
    session = None
    try:
        page = await asyncio.to_thread(fetch_page, base, path, assets)
        session = await WidgetSession.connect(base, page.kernel_id, timeout=timeout)
        await session.wait_for_text("medinsure-sentence", timeout=timeout)
        out.update(alive=True, seconds=time.monotonic() - t0)
    except Exception as exc:  # noqa: BLE001 — reported, the run goes on
        out["error"] = f"{type(exc).__name__}: {exc}"[:200]
    out["ctx"] = session
    return out


def wait_warm(log, pool: int, app: str, timeout: float = 900) -> float:
    t0 = time.monotonic()
    pattern = f"Kernel pool of {app} is filled with {pool} kernel"
    while time.monotonic() - t0 < timeout:
        if pattern in log.read_text(errors="replace"):
            break
        time.sleep(1)
    return time.monotonic() - t0


def fmt(xs: list[float]) -> str:
    if not xs:
        return "none"
    return f"median {statistics.median(xs):.1f} s, max {max(xs):.1f} s"


async def timeline(base: str, log, args, assets=None) -> None:
    from playwright.async_api import async_playwright

    url = f"{base}/voila/render/{args.app}"
    selector = ALIVE.get(args.app, ".jupyter-widgets")
    async with async_playwright() as pw:
        browser = None
        if args.clients == "browser":
            browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)

        def visit(t0: float):
            if browser is None:
                return open_protocol(base, f"/voila/render/{args.app}", assets, t0, args.timeout)
            return open_page(browser, url, selector, t0, args.timeout)

        t0 = time.monotonic()
        room = await asyncio.gather(*(visit(t0) for _ in range(args.room)))
        live = [r["seconds"] for r in room if r["alive"]]
        print(f"[room] {args.room} {args.clients} pages opened at once: {len(live)}/{args.room} live "
              f"(time to live {fmt(live)}); widget reprs on {sum(r['repr'] for r in room)} pages, "
              f"connection-lost notice on {sum(r['lost'] for r in room)}", flush=True)
        for i, r in enumerate(room):
            if not r["alive"]:
                print(f"   page {i}: not live ({r.get('error')}), repr={r['repr']}, notice={r['lost']}")
        stragglers = []
        for i in range(args.stragglers):
            await asyncio.sleep(args.gap)
            s0 = time.monotonic()
            r = await visit(s0)
            stragglers.append(r)
            print(f"[straggler {i + 1}] {'live after ' + format(r['seconds'], '.1f') + ' s' if r['alive'] else 'NOT live'}"
                  f"{', widget repr shown' if r['repr'] else ''}", flush=True)
        for r in room + stragglers:
            if r["ctx"] is not None:
                await r["ctx"].close()
        if browser is not None:
            await browser.close()
    culled = log.read_text(errors="replace").count("Culling '")
    print(f"[culling] kernels culled during the run: {culled}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--app", default="01-account-credits.ipynb")
    ap.add_argument("--pool", type=int, default=8)
    ap.add_argument("--wait", type=float, default=200, help="seconds between the pool warm and the room")
    ap.add_argument("--room", type=int, default=8)
    ap.add_argument("--stragglers", type=int, default=2)
    ap.add_argument("--gap", type=float, default=5, help="seconds between two stragglers")
    ap.add_argument("--timeout", type=float, default=180, help="seconds a page may take to come alive")
    ap.add_argument("--clients", choices=("browser", "protocol"), default="browser",
                    help="real pages in one headless Chromium, or protocol sessions (the server's side)")
    args = ap.parse_args()
    if chromium_path() is None:
        raise SystemExit("chromium not found: ./run setup installs it")
    assets = None
    if args.clients == "protocol":
        from medinsure.site.widget_client import browser_assets

        with voila_server(timeout=120, pool=0, pools={args.app: 1}) as base:
            assets = browser_assets(base, f"/voila/render/{args.app}")
        print(f"[assets] a browser fetched {len(assets)} files for the page; every session fetches them")
    start = time.monotonic()
    with voila_server(timeout=120, pool=0, pools={args.app: args.pool}) as base:
        log = server_log(base)
        warm = wait_warm(log, args.pool, args.app)
        print(f"[pool] {args.pool} preheated kernels for {args.app} warm {time.monotonic() - start:.0f} s "
              f"after the launcher started ({warm:.0f} s after it answered)", flush=True)
        print(f"[wait] nobody comes for {args.wait:.0f} s (cull time 120 s)", flush=True)
        time.sleep(args.wait)
        asyncio.run(timeline(base, log, args, assets))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()

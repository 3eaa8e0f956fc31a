"""The household app in headless Chromium (Debian's), one user at a time:

1. preheated page → widgets visible: with a pool of ``--loads`` warm kernels, open the page that
   many times one after another (a fresh browser context each) and time from navigation start to
   the sentence and both charts (bqplot SVG) being on screen;
2. key press → chart changed: focus the outpatient slider, press ArrowRight ``--presses`` times
   (waiting for each update) and time in the page from the keydown event to the first change in
   the curve's SVG, and to both charts having changed.

Prints medians and 95th percentiles. For the same key press beside the widget round-trip floor
and stock Voila, interleaved, see ../shared/tools/latency_side_by_side.py.

Run: .venv/bin/python benchmarks/browser_latency.py [--loads 5] [--presses 40]
"""

import argparse
import statistics
import time

from medinsure.site.browser import CHROMIUM_ARGS, chromium_path, server_log, slider_handle, voila_server

APP = "01-account-credits.ipynb"
VISIBLE = """() => {
  const seen = sel => { const e = document.querySelector(sel);
                        if (!e) return false; const r = e.getBoundingClientRect();
                        return r.width > 0 || r.height > 0; };
  return seen('.medinsure-sentence') && seen('.medinsure-curve svg path.line')
         && seen('.medinsure-bars svg .bargroup') ? performance.now() : null;
}"""
OBSERVE = """() => {
  window.__keydown = null; window.__changes = {};
  document.addEventListener('keydown', () => { window.__keydown = performance.now(); }, true);
  for (const [name, sel] of [['curve', '.medinsure-curve'], ['bars', '.medinsure-bars']]) {
    new MutationObserver(() => { if (!(name in window.__changes)) window.__changes[name] = performance.now(); })
      .observe(document.querySelector(sel), {subtree: true, childList: true, attributes: true, characterData: true});
  }
}"""


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def show(name, xs, unit="ms"):
    print(f"{name}: median {statistics.median(xs):.0f} {unit}, p95 {percentile(xs, 0.95):.0f} {unit}, "
          f"max {max(xs):.0f} {unit} (n={len(xs)})", flush=True)


def wait_warm(base, pool, timeout=900):
    log, t0 = server_log(base), time.monotonic()
    while f"Kernel pool of {APP} is filled with {pool} kernel" not in log.read_text(errors="replace"):
        if time.monotonic() - t0 > timeout:
            raise SystemExit(f"the pool of {pool} did not warm up in {timeout:.0f} s; see {log}")
        time.sleep(1)
    return time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--loads", type=int, default=5, help="page loads on preheated kernels")
    ap.add_argument("--presses", type=int, default=40, help="key presses on the outpatient slider")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with voila_server(timeout=120, pool=0, pools={APP: args.loads}) as base, sync_playwright() as pw:
        print(f"[pool] {args.loads} preheated kernels warm after {wait_warm(base, args.loads):.0f} s", flush=True)
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        loads = []
        for _ in range(args.loads):
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            page.goto(f"{base}/voila/render/{APP}", timeout=120000)
            loads.append(page.wait_for_function(VISIBLE, timeout=60000, polling=10).json_value())
            ctx.close()
        show("preheated page → sentence and both charts visible (navigation start →)", loads)

        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        page.goto(f"{base}/voila/render/{APP}", timeout=120000)
        page.wait_for_function(VISIBLE, timeout=120000, polling=50)
        page.wait_for_timeout(1000)
        page.evaluate(OBSERVE)
        handle = slider_handle(page, "门诊费用")
        handle.focus()
        curve, both = [], []
        for i in range(args.presses):
            page.evaluate("() => { window.__changes = {}; }")
            handle.press("ArrowRight")
            page.wait_for_function("() => 'curve' in window.__changes", timeout=10000, polling=2)
            page.wait_for_timeout(300)  # the bars change too, unless the bill is past the cap
            t = page.evaluate("() => ({k: window.__keydown, c: window.__changes})")
            curve.append(t["c"]["curve"] - t["k"])
            if "bars" in t["c"]:
                both.append(max(t["c"].values()) - t["k"])
        show("key press → curve changed", curve)
        if both:
            show("key press → both charts changed", both)
        browser.close()


if __name__ == "__main__":
    main()

"""Key press → updated chart in headless Chromium (Debian's), one user.

Serves the outpatient-pooling app with Voila, focuses the outpatient slider, presses ArrowRight
N times (waiting for each update), and measures in the page from the keydown event to the moment
the chart images' src changes. Prints median and 95th percentile.

Run: .venv/bin/python benchmarks/browser_latency.py [N]
"""

import statistics
import sys

from medinsure.site.browser import chromium_page, slider_handle, voila_server

OBSERVE = """
() => {
  window.__keydown = null; window.__changes = [];
  document.addEventListener('keydown', () => { window.__keydown = performance.now(); }, true);
  for (const [name, sel] of [['curve', '.medinsure-curve'], ['bars', '.medinsure-bars']]) {
    const img = document.querySelector(sel);
    new MutationObserver(() => window.__changes.push({name, t: performance.now()}))
      .observe(img, {attributes: true, attributeFilter: ['src']});
  }
}
"""


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(n: int = 40) -> None:
    curve, both = [], []
    with voila_server() as base, chromium_page() as page:
        page.goto(f"{base}/voila/render/02-outpatient-pooling.ipynb", timeout=60000)
        page.locator(".medinsure-sentence").wait_for(timeout=60000)
        page.locator(".medinsure-curve").wait_for()
        page.evaluate(OBSERVE)
        handle = slider_handle(page, "年门诊费用 Outpatient")
        handle.focus()
        for i in range(n):
            page.evaluate("() => { window.__changes = []; }")
            handle.press("ArrowRight")
            page.wait_for_function(
                "() => new Set(window.__changes.map(c => c.name)).size === 2", timeout=10000)
            t = page.evaluate("() => ({k: window.__keydown, c: window.__changes})")
            times = {c["name"]: c["t"] - t["k"] for c in t["c"]}
            curve.append(times["curve"])
            both.append(max(times.values()))
    for name, xs in (("key press → curve chart updated", curve), ("key press → both charts updated", both)):
        print(f"{name}: median {statistics.median(xs):.0f} ms, p95 {percentile(xs, 0.95):.0f} ms "
              f"(n={len(xs)}, headless Chromium, one user)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)

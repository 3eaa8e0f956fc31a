"""Key press → chart changed, the household app beside the widget round-trip floor and stock
Voila, interleaved in one Voila and one Chromium: ``../shared/tools/latency_side_by_side.py``
run as it is, except that the project page is waited for by its chart's SVG
(``.medinsure-curve svg``) instead of an ``<img>``. Since the charts are drawn in the browser
(bqplot) the page has no ``<img>``, and the shared tool as shipped times out waiting for one;
its change detector already counts SVG changes, so nothing else is altered.

Run from the checkout: ROUNDS=30 .venv/bin/python benchmarks/key_to_chart.py [path/to/tool]
Prints the tool's medians and ratios (target: project ≤ 1.5 × floor); exits as the tool does.
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEFAULT_TOOL = ROOT.parent / "shared" / "tools" / "latency_side_by_side.py"

# the two lines of the tool that wait for an <img>, and what the project page is waited for by
PATCHES = (
    ('SEL = {"floor": ".widget-label", "stock": "img", "project": "img"}',
     'SEL = {"floor": ".widget-label", "stock": "img", "project": ".medinsure-curve svg"}'),
    ('pg.wait_for_selector("img", timeout=60000)', 'pg.wait_for_selector(SEL[k], timeout=60000)'),
)


def main() -> None:
    tool = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TOOL
    source = tool.read_text(encoding="utf-8")
    for old, new in PATCHES:
        if old not in source:
            sys.exit(f"key_to_chart: {tool} has changed (no line {old!r}); update PATCHES")
        source = source.replace(old, new)
    sys.argv = [str(tool)]
    exec(compile(source, str(tool), "exec"), {"__name__": "__main__", "__file__": str(tool)})


if __name__ == "__main__":
    main()

"""In-kernel time per slider move in every app with sliders (compute + widget updates, no browser).

For each app, built as its notebook builds it, every slider and number control is stepped
``--moves`` times up its range and back; prints the median and 95th percentile per app in ms.
The household app's finer split (and its messages) is in kernel_cpu.py.

Run: .venv/bin/python benchmarks/app_moves.py [--moves 20]
"""

import argparse
import importlib
import statistics
import time

import ipywidgets as widgets

# notebook → (module, builder, keyword arguments as the notebook builds it)
APPS = {
    "01-account-credits": ("household", "household_explainer", dict(region="wuhan", date="2023-02-01")),
    "03-who-gains": ("population", "population_explorer", dict(region="wuhan", date="2023-04-10", n=10_000)),
    "04-family-mutual-aid": ("family", "family_explainer", {}),
    "05-account-life-cycle": ("lifecycle", "lifecycle_explainer", {}),
    "06-resident-insurance": ("resident", "resident_explainer", {}),
    "07-flexible-employment": ("flexible", "flexible_explainer", {}),
}
NUMERIC = (widgets.FloatSlider, widgets.IntSlider, widgets.BoundedFloatText, widgets.BoundedIntText)


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def moves(control, n: int) -> list[float]:
    """Step ``control`` n times from its value towards its maximum (then back); ms per step."""
    lo, hi, step = control.min, control.max, control.step or 1
    size = max(step, (hi - lo) / 200)
    size = round(size / step) * step or step
    out, direction = [], 1
    for _ in range(n):
        new = control.value + direction * size
        if not lo <= new <= hi:
            direction = -direction
            new = control.value + direction * size
        t = time.perf_counter()
        control.value = new
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=20, help="steps per control")
    args = ap.parse_args()
    for name, (module, func, kwargs) in APPS.items():
        app = getattr(importlib.import_module(f"medinsure.app.{module}"), func)(**kwargs)
        times, names = [], []
        for key, control in app.controls.items():
            if isinstance(control, NUMERIC) and control.layout.display != "none":
                times += moves(control, args.moves)
                names.append(key)
        print(f"{name}: median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
              f"per move (n={len(times)}; {', '.join(names)})", flush=True)


if __name__ == "__main__":
    main()

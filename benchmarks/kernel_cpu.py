"""Kernel CPU per slider move (compute + widget messages), household app, in a real kernel.

Run: .venv/bin/python benchmarks/kernel_cpu.py [--candidates] [--apps]
An in-process ipykernel gives the widgets real comms: each move is serialized and sent as in
Voila (the browser side is not timed here; see browser_latency.py). Prints median/p95 CPU ms for
100 random moves and 100 single steps. ``--candidates`` also times the two live-chart libraries
measured before choosing (bqplot and plotly's FigureWidget) on the same curve and bars data;
``--apps`` times 40 random single moves of each other app with charts (population, family,
life cycle, resident, flexible, fund).
"""

import os
import random
import statistics
import sys
import time

import numpy as np
from ipykernel.inprocess.manager import InProcessKernelManager


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def report(name, xs):
    print(f"{name}: median {statistics.median(xs):.1f} ms, p95 {percentile(xs, 0.95):.1f} ms, "
          f"max {max(xs):.1f} ms (CPU, n={len(xs)})")


def timed(fn):
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) * 1000


def kernel():
    from ipykernel.kernelbase import Kernel

    km = InProcessKernelManager()
    km.start_kernel()
    Kernel._instance = km.kernel  # comms send through it (serialized, as in Voila)
    return km.kernel


def household(shell):
    shell.run_cell("from medinsure.app import household_explainer\n"
                   "app = household_explainer(region='wuhan', date='2023-03-01')\n"
                   "display(app)")
    return shell.user_ns["app"]


def random_moves(app, n=100, seed=1):
    rng = random.Random(seed)
    c = app.controls
    keys = ["age", "pension", "outpatient", "level", "outpatient", "outpatient"]
    out = []
    for _ in range(n):
        k = rng.choice(keys)
        w = c[k]
        if k == "level":
            v = rng.choice(["pharmacy", "primary", "secondary", "tertiary"])
        elif k == "age":
            v = rng.randint(20, 90)
        else:
            v = round(rng.uniform(w.min, w.max), -1)
        out.append(timed(lambda w=w, v=v: setattr(w, "value", v)))
    return out


def single_steps(app, n=100):
    c = app.controls
    out = []
    for i in range(n):
        if i % 2:
            out.append(timed(lambda i=i: setattr(c["age"], "value", 40 + (i // 2) % 50)))
        else:
            out.append(timed(lambda: setattr(c["outpatient"], "value", c["outpatient"].value + 50)))
    return out


def candidates(shell, n=100):
    """The same update (a 241-point curve, its marker, break-even and 3×2 bars) in each library."""
    rng = np.random.default_rng(1)
    grid = np.linspace(0, 15000, 241)
    from medinsure.views.charts.household_data import TEXT
    from medinsure.views.charts.live import LiveBars, LiveCurve
    curve, bars = LiveCurve("zh"), LiveBars("zh")
    shell.user_ns.update(curve=curve, bars=bars)
    shell.run_cell("display(curve.figure, bars.figure)")

    def bq_move():
        g = np.minimum(grid * rng.uniform(0.3, 0.7), 2600) - 1400
        x = float(rng.uniform(0, 15000))
        curve.update({"spending": grid, "gain": g, "others": [], "current": (x, float(np.interp(x, grid, g))),
                      "break_even": 2840.0, "main_label": "", "ylim": (-2000.0, 4000.0),
                      "xlim": (0.0, 15000.0)}, "zh")
        bars.update({"categories": [TEXT[k]["zh"] for k in ("credit", "reimbursement", "total")],
                     "old": [2400.0, 0.0, 2400.0], "new": [996.0, float(rng.uniform(0, 4000)), 4986.0],
                     "ylim": (0.0, 6000.0)}, "zh")
    report("bqplot: curve + bars update", [timed(bq_move) for _ in range(n)])

    import plotly.graph_objects as go
    fc = go.FigureWidget(data=[go.Scatter(x=grid, y=grid * 0, mode="lines"),
                               go.Scatter(x=[0], y=[0], mode="markers+text", text=[""])],
                         layout={"title": TEXT["curve_title"]["zh"], "shapes": [{"type": "line", "x0": 0, "x1": 0,
                                 "y0": 0, "y1": 1, "yref": "paper"}]})
    fb = go.FigureWidget(data=[go.Bar(x=["a", "b", "c"], y=[0, 0, 0]), go.Bar(x=["a", "b", "c"], y=[0, 0, 0])])
    shell.user_ns.update(fc=fc, fb=fb)
    shell.run_cell("display(fc, fb)")

    def plotly_move():
        g = np.minimum(grid * rng.uniform(0.3, 0.7), 2600) - 1400
        x = float(rng.uniform(0, 15000))
        with fc.batch_update():
            fc.data[0].y = g
            fc.data[1].x, fc.data[1].y = [x], [float(np.interp(x, grid, g))]
            fc.data[1].text = [f"当前 {x:,.0f}"]
            fc.layout.shapes[0].x0 = fc.layout.shapes[0].x1 = 2840.0
            fc.layout.yaxis.range = [-2000, 4000]
        with fb.batch_update():
            fb.data[1].y = [996.0, float(rng.uniform(0, 4000)), 4986.0]
    report("plotly FigureWidget: curve + bars update", [timed(plotly_move) for _ in range(n)])


def count_messages(k, app):
    sent = []
    send = k.session.send

    def counting(stream, msg, *a, **kw):
        sent.append(msg if isinstance(msg, str) else msg.get("msg_type"))
        return send(stream, msg, *a, **kw)
    k.session.send = counting
    app.controls["outpatient"].value += 50
    n_bill = len(sent)
    app.controls["age"].value += 1
    k.session.send = send
    print(f"messages: {n_bill} for a bill step, {len(sent) - n_bill} for an age step")


# every app with charts, built as its notebook builds it (module, builder, keyword arguments)
APPS = {
    "03 population": ("population", "population_explorer", dict(region="wuhan", date="2023-04-10", n=10_000)),
    "04 family": ("family", "family_explainer", {}),
    "05 lifecycle": ("lifecycle", "lifecycle_explainer", {}),
    "06 resident": ("resident", "resident_explainer", {}),
    "07 flexible": ("flexible", "flexible_explainer", {}),
    "08 fund": ("fund", "fund_explorer", dict(year=2024, basis="balance")),
}


def any_app_moves(app, n=40, seed=1):
    """Random single moves of the app's sliders and dropdowns (the language and the region stay)."""
    import ipywidgets as widgets
    rng = random.Random(seed)
    movable = {k: w for k, w in app.controls.items() if k not in ("lang", "region", "seed")
               and isinstance(w, (widgets.IntSlider, widgets.FloatSlider, widgets.Dropdown,
                                  widgets.ToggleButtons, widgets.RadioButtons))}
    out = []
    for _ in range(n):
        k = rng.choice(sorted(movable))
        w = movable[k]
        if isinstance(w, widgets.IntSlider):
            v = rng.randint(w.min, w.max)
        elif isinstance(w, widgets.FloatSlider):
            v = round(rng.uniform(w.min, w.max) / w.step) * w.step
        else:
            v = rng.choice([o[1] if isinstance(o, tuple) else o for o in w.options])
        out.append(timed(lambda w=w, v=v: setattr(w, "value", v)))
    return out, sorted(movable)


def every_app(shell):
    for name, (module, builder, kwargs) in APPS.items():
        shell.user_ns["kwargs"] = kwargs
        shell.run_cell(f"from medinsure.app.{module} import {builder}\napp_x = {builder}(**kwargs)\ndisplay(app_x)")
        app = shell.user_ns["app_x"]
        any_app_moves(app, 5, seed=0)  # warm
        times, keys = any_app_moves(app)
        report(f"{name}, 40 random moves of {', '.join(keys)}", times)


def main():
    shell = kernel().shell
    import medinsure
    print("medinsure from", medinsure.__file__)
    app = household(shell)
    count_messages(shell.kernel, app)
    random_moves(app, 10)  # warm
    report("household, 100 random moves", random_moves(app))
    report("household, 100 single steps", single_steps(app))
    print("matplotlib imported in the kernel:", "matplotlib.figure" in sys.modules)
    if "--candidates" in sys.argv:
        candidates(shell)
    if "--apps" in sys.argv:
        every_app(shell)
        print("matplotlib imported in the kernel after every app moved:", "matplotlib.figure" in sys.modules)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip closing every widget's comm at shutdown

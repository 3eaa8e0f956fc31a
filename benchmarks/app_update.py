"""In-kernel time per household-app update (compute + redraw), over 100 random slider settings.

Run: .venv/bin/python benchmarks/app_update.py
Prints median, 95th percentile and max in milliseconds, and the split between the library call
and the whole update (sentence, trace, two PNG charts).
"""

import random
import statistics
import time

from medinsure.app import household_explainer
from medinsure.compare import compare


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(n: int = 100, seed: int = 1) -> None:
    rng = random.Random(seed)
    app = household_explainer(region="wuhan", date="2023-03-01")
    c = app.controls
    whole, library = [], []
    for _ in range(n):
        app._busy = True  # set several values, then time one update
        c["status"].value = rng.choice(["in_service", "retired", "flexible"])
        c["age"].value = rng.randint(20, 90)
        c["wage"].value = round(rng.uniform(c["wage"].min, c["wage"].max), -2)
        c["pension"].value = round(rng.uniform(1000, 12000), -1)
        c["outpatient"].value = round(rng.uniform(0, 30000), -1)
        c["level"].value = rng.choice(["pharmacy", "primary", "secondary", "tertiary"])
        c["date"].value = rng.choice([v for _, v in c["date"].options])
        app._busy = False
        t0 = time.perf_counter()
        app.recompute()
        whole.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        compare(c["region"].value, c["date"].value, app.enrollee())
        library.append((time.perf_counter() - t0) * 1000)
    for name, xs in (("whole update (compute + sentence + trace + 2 charts)", whole),
                     ("library compare() incl. break-even", library)):
        print(f"{name}: median {statistics.median(xs):.1f} ms, p95 {percentile(xs, 0.95):.1f} ms, "
              f"max {max(xs):.1f} ms over {n} settings")


if __name__ == "__main__":
    main()


def steps(n: int = 100) -> None:
    """Single slider steps, as a user presses an arrow key: outpatient +50, then age +1."""
    app = household_explainer(region="wuhan", date="2023-03-01")
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        if i % 2:
            app.controls["age"].value = 40 + (i // 2) % 50
        else:
            app.controls["outpatient"].value = 2000 + 50 * i
        times.append((time.perf_counter() - t0) * 1000)
    print(f"single slider step (observe → recompute → both charts): median {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms over {n} steps")


if __name__ == "__main__":
    steps()

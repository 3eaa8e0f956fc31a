"""Speed of the population view: the full old/new comparison on arrays vs the per-person loop.

Run: .venv/bin/python benchmarks/population.py            (about a minute)
     .venv/bin/python benchmarks/population.py --quick    (10^4 and 10^5 only)

Prints, for 10^4, 10^5 and 10^6 Wuhan enrollees (rules of 2023-04-10, seed 1):
- enrollees per second for the full comparison (medinsure.compare.compute: bases, credits,
  reimbursements, account use, cash, contributions, resources gain), median of 3 runs after one
  warm-up, and separately the vectorised break-even and drawing the population;
- peak memory of the comparison + break-even at each size (tracemalloc, in a separate run) and
  the process's maximum resident set size;
- the per-person loop on the same enrollees: medinsure.compare.compare (which also solves the
  break-even and builds the trace) and the bare one-row compute(), timed on 1,000 of the 10^4
  enrollees and scaled to 10^4, with the speed-up per enrollee and a check that the numbers are
  identical to the fen on those 1,000;
- the app: time for one assumption change (model + summary + four charts) at 10^5 enrollees.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
import tracemalloc

import numpy as np

from medinsure import population as pop
from medinsure.compare import Inputs, compare, compute
from medinsure.rules import rules_for

REGION, DATE, SEED = "wuhan", "2023-04-10", 1
LOOP_SAMPLE = 1_000
KEYS = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain",
        "cash_old", "cash_new", "cash_gain")


def timed(fn, repeat: int = 3) -> tuple[float, float, float, object]:
    """(first call, median wall time, median CPU time of ``repeat`` further calls) in seconds, and
    the last result. numpy runs these element-wise operations on one core, so CPU time is what
    the wall time is on an otherwise idle machine."""
    t0 = time.perf_counter()
    out = fn()
    first = time.perf_counter() - t0
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return first, statistics.median(wall), statistics.median(cpu), out


def peak_memory(fn) -> float:
    """Peak traced allocation of ``fn`` [MB] (numpy reports its buffers to tracemalloc)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(sizes: tuple[int, ...]) -> None:
    rs = rules_for(REGION, DATE)
    a = pop.assumptions_on(rs.date)
    avg = rs.new.contribution_base["average_wage_monthly"]
    print(f"region {REGION}, rules of {rs.date}, seed {SEED}; times are medians of 3 runs after a warm-up, "
          f"wall [CPU]; load average at start {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    vector_per_enrollee = {}
    for n in sizes:
        t_draw0 = time.perf_counter()
        x = pop.synthesize(a, n, avg, SEED)
        t_draw = time.perf_counter() - t_draw0
        first, med, cpu, values = timed(lambda x=x: compute(rs, x))
        _, med_be, cpu_be, _ = timed(lambda x=x, values=values: pop.break_even_vectorised(rs, x, values))
        both = med + med_be
        vector_per_enrollee[n] = (med, both)
        mem = peak_memory(lambda x=x: pop.break_even_vectorised(rs, x, compute(rs, x)))
        print(f"n={n:>9,}: comparison {med * 1e3:7.1f} [{cpu * 1e3:7.1f}] ms = {n / med:11,.0f} enrollees/s "
              f"(first call {first * 1e3:.1f} ms) | break-even {med_be * 1e3:7.1f} [{cpu_be * 1e3:7.1f}] ms | "
              f"both {both * 1e3:7.1f} ms = {n / both:11,.0f}/s | drawing the population {t_draw * 1e3:6.1f} ms | "
              f"peak traced memory {mem:6.1f} MB")
    print(f"max resident set size of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    # the per-person loop on the same 10^4 enrollees
    n = 10_000
    x = pop.synthesize(a, n, avg, SEED)
    values = compute(rs, x)
    status, be = pop.break_even_vectorised(rs, x, values)
    idx = np.random.default_rng(0).choice(n, LOOP_SAMPLE, replace=False)
    people = [pop.enrollee_at(x, int(i)) for i in idx]
    t0, c0 = time.perf_counter(), time.process_time()
    results = [compare(REGION, DATE, e) for e in people]
    t_compare = (time.perf_counter() - t0) / LOOP_SAMPLE
    c_compare = (time.process_time() - c0) / LOOP_SAMPLE
    t0, c0 = time.perf_counter(), time.process_time()
    for e in people:
        compute(rs, Inputs.from_enrollees([e]))
    t_row = (time.perf_counter() - t0) / LOOP_SAMPLE
    c_row = (time.process_time() - c0) / LOOP_SAMPLE
    mismatches = 0
    for i, c in zip(idx, results):
        for k in KEYS:
            v = values[k][i]
            mismatches += (None if np.isnan(v) else round(float(v), 2)) != getattr(c, k)
        mismatches += (pop.BREAK_EVEN_STATUSES[status[i]], None if np.isnan(be[i]) else float(be[i])) != \
            (c.break_even_status, c.break_even_outpatient)
    med, both = vector_per_enrollee[n]
    print(f"per-person loop, timed on {LOOP_SAMPLE:,} of the {n:,} and scaled to {n:,} (CPU ms/enrollee: "
          f"compare {c_compare * 1e3:.2f}, one-row compute {c_row * 1e3:.3f}):")
    print(f"  compare() (incl. break-even and trace): {t_compare * 1e3:.2f} ms/enrollee -> "
          f"{t_compare * n:.1f} s for {n:,}; vectorised comparison + break-even {both * 1e3:.1f} ms: "
          f"{t_compare / (both / n):,.0f}x faster per enrollee")
    print(f"  one-row compute() (no break-even):      {t_row * 1e3:.3f} ms/enrollee -> "
          f"{t_row * n:.1f} s for {n:,}; vectorised comparison {med * 1e3:.1f} ms: "
          f"{t_row / (med / n):,.0f}x faster per enrollee")
    if 1_000_000 in vector_per_enrollee:
        m6, b6 = vector_per_enrollee[1_000_000]
        print(f"  at 10^6 the vectorised path costs {m6 / 1e6 * 1e6:.3f} us (comparison) / {b6 / 1e6 * 1e6:.3f} us "
              f"(with break-even) per enrollee: {t_row / (m6 / 1e6):,.0f}x / {t_compare / (b6 / 1e6):,.0f}x faster")
    print(f"  identical to the fen on the {LOOP_SAMPLE:,} (8 amounts + break-even each): "
          f"{'yes' if mismatches == 0 else f'NO, {mismatches} mismatches'}")

    # the app: one assumption change at 10^5
    from medinsure.app.population import population_explorer
    app = population_explorer(region=REGION, date=DATE, n=100_000, seed=SEED)
    changes = [("share_retired", 0.35), ("zero_retired", 0.25), ("mean_in_service", 2000.0), ("wage_level", 1.3),
               ("wage_sigma", 0.7),
               ("zero_in_service", 0.5), ("mean_retired", 5000.0), ("share_flexible", 0.2), ("pension_level", 0.6),
               ("seed", 2)]
    totals, cpus, parts = [], [], []
    for key, value in changes:
        t0, c0 = time.perf_counter(), time.process_time()
        app.controls[key].value = value
        totals.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        parts.append(app.timings)
    print(f"app, one assumption change at 100,000 enrollees (observe -> model -> summary -> 4 charts -> "
          f"sentence), {len(changes)} changes: median {statistics.median(totals) * 1e3:.0f} ms, "
          f"max {max(totals) * 1e3:.0f} ms (CPU median {statistics.median(cpus) * 1e3:.0f} ms, "
          f"max {max(cpus) * 1e3:.0f} ms); wall medians: model {statistics.median(p['model'] for p in parts) * 1e3:.0f} ms, "
          f"summary {statistics.median(p['summary'] for p in parts) * 1e3:.0f} ms, "
          f"charts {statistics.median(p['charts'] for p in parts) * 1e3:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10^4 and 10^5 only")
    args = parser.parse_args()
    main((10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000))

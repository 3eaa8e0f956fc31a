"""Record ``medinsure compare …`` (``--json`` and the table) for a fixed set of varied cases.

Run once before a refactor: ``python tools/record_compare_cases.py``. The test
``tests/test_compare_fixture.py`` then checks that the output stays byte-identical.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import pathlib
import random

from medinsure.cli import main

OUT = pathlib.Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "compare_cases.json"


def cases() -> list[list[str]]:
    rng = random.Random(20261202)
    regions = ["wuhan", "beijing", "shenzhen", "xiamen", "xian", "tianjin", "shanghai", "hunan",
               "guangzhou", "nanjing", "zhengzhou", "zhenjiang", "chongqing", "national"]
    dates = ["2021-09-01", "2022-06-01", "2023-03-01", "2023-07-01", "2024-06-01", "2025-06-01"]
    levels = ["pharmacy", "primary", "secondary", "tertiary"]
    out = []
    for i, (region, status) in enumerate(itertools.product(regions, ["in_service", "retired", "in_service", "retired"])):
        if len(out) >= 50:
            break
        argv = ["compare", "--region", region, "--date", rng.choice(dates), "--status", status,
                "--level", rng.choice(levels), "--outpatient", str(rng.choice([0, 800, 3000, 12000, 40000]))]
        if status == "in_service":
            argv += ["--age", str(rng.choice([25, 34, 40, 46, 55])), "--wage", str(rng.choice([4000, 8000, 12000, 30000]))]
        else:
            age = rng.choice([61, 68, 75, 82])
            argv += ["--age", str(age), "--pension", str(rng.choice([2000, 3500, 6000])),
                     "--retirement-year", str(2024 - (age - 60))]
        if i % 4 != 3:  # a few cases keep the "missing --visits" error, also recorded
            argv += ["--visits", str(rng.choice([2, 6, 20]))]
        argv += ["--lang", "en" if i % 3 == 0 else "zh", "--json"]
        out.append(argv)
    # the readable table too, for ten of them
    return out + [[a for a in argv if a != "--json"] for argv in out[:10]]


def run(argv: list[str]) -> dict:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return {"argv": argv, "code": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


if __name__ == "__main__":
    records = [run(a) for a in cases()]
    OUT.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    ok = sum(r["code"] == 0 for r in records)
    print(f"{len(records)} cases, {ok} exit 0 -> {OUT}")

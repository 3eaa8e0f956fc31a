"""No policy number is written in the calculation code: every rate, amount and date comes from
data/. Each numeric literal in these modules must be one of the non-policy constants below; a new
literal fails this test until someone decides it is not a policy number (or moves it to data/)."""

import ast
from pathlib import Path

from tests.test_layers import layer_of, module_name

PACKAGE = Path(__file__).resolve().parent.parent / "medinsure"
# Every module of the rules and calculation layers (tests/test_layers.py says which), plus the
# command line and the shared words.
CALCULATION_MODULES = sorted(
    p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
    if layer_of(module_name(p)) in {"rules", "calc"}
    and p.name != "coverage.py"  # its numbers are the typical enrollees that probe the data
) + ["cli.py", "views/words.py"]
NOT_POLICY = {
    0: "zero", 1: "one / index", 2: "exit code 2, two decimals", 3: "exit code 3",
    12: "months in a year", 100: "fen per yuan / percent",
    0.5: "half-up rounding", 0.005: "half a fen (tolerance)",
    5: "default projection years", 10: "default projection years / break-even search step",
    30: "projection years bound", 10_000: "yuan per 万 (unit)", 100_000_000: "yuan per 亿 (unit)", 1e-6: "float tolerance", 1e-7: "float tolerance", 0.01: "one fen",
    40: "bisection iterations", 200_000.0: "break-even search range",
    16: "input sanity bound: age", 120: "input sanity bound: age",
    1_000_000.0: "input sanity bound: wage/pension", 10_000_000.0: "input sanity bound: bill",
    1950: "input sanity bound: retirement year", 2100: "input sanity bound: retirement year",
    1000: "input sanity bound: visits", 256: "entries in the break-even cache", 20: "digits: a huge input is shown shortened", 65536: "bytes: a status message is short",
}


def test_calculation_modules_hold_no_policy_numbers():
    found = []
    for name in CALCULATION_MODULES:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                    and not isinstance(node.value, bool) and node.value not in NOT_POLICY:
                found.append(f"{name}:{node.lineno}: {node.value!r}")
    assert not found, "numeric literals that may be policy numbers:\n" + "\n".join(found)


def test_no_dates_are_written_in_the_calculation_code():
    import re
    for name in CALCULATION_MODULES:
        text = (PACKAGE / name).read_text(encoding="utf-8")
        code = "\n".join(line.split("#")[0] for line in text.splitlines())
        assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", code), name

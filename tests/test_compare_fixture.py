"""``medinsure compare …`` (``--json`` and the table) stays byte-identical across refactors (issue 11).

The 50 JSON cases (and 10 tables) were recorded by ``tools/record_compare_cases.py`` before the layers were
moved; a change of numbers or rules must re-record them on purpose, and say why.
"""

import json
import pathlib

import pytest

from tools.record_compare_cases import OUT, run

CASES = json.loads(pathlib.Path(OUT).read_text(encoding="utf-8"))


def test_fixture_is_varied():
    assert len(CASES) == 60
    regions = {c["argv"][c["argv"].index("--region") + 1] for c in CASES}
    assert len(regions) >= 12
    assert sum(c["code"] == 0 for c in CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c["argv"][2:9:2]))
def test_output_unchanged(case):
    assert run(case["argv"]) == case

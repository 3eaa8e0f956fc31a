"""A kernel that shows the live charts does not import pandas until something uses it."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from medinsure.app import household_explainer
app = household_explainer()
for v in (3000.0, 4000.0, 9000.0):
    app.controls["outpatient"].value = v
app.controls["compare_statuses"].value = True
assert app.error is None and app.curve.point.x[0] == 9000.0
print("after moves", "pandas.core.frame" in sys.modules)
import pandas as pd
print("used", pd.DataFrame({"a": [1]}).shape, "pandas.core.frame" in sys.modules)
"""


def test_the_household_app_runs_without_pandas_and_pandas_still_works():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["after moves False", "used (1, 1) True"]


def test_the_stand_in_gives_way_to_the_real_pandas_on_first_use():
    script = ("import sys, medinsure.views.charts\n"  # the package installs the stand-in
              "import pandas\nassert 'pandas.core.frame' not in sys.modules\n"
              "t = pandas.Timestamp('2024-01-01')\nimport pandas as real\n"
              "assert real is sys.modules['pandas'] and isinstance(t, real.Timestamp)\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "ok"

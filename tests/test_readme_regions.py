"""The README's regions table is what the data computes today (tools/regions_table.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_regions_table_is_current():
    spec = importlib.util.spec_from_file_location("regions_table", ROOT / "tools" / "regions_table.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- regions table: tools/regions_table.py -->\n") + len(
        "<!-- regions table: tools/regions_table.py -->\n")
    end = readme.index("<!-- end of regions table -->")
    assert readme[start:end] == mod.table() + "\n", "run .venv/bin/python tools/regions_table.py and paste it"

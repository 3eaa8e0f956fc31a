import shutil
from pathlib import Path

import pytest

from medinsure import rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may break; the loader reads it instead."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    monkeypatch.setenv("MEDINSURE_DATA", str(dest))
    rules.load_region.cache_clear()
    yield dest
    rules.load_region.cache_clear()


def require_chromium() -> None:
    """Skip a browser test where Chromium is missing — but fail in CI, where ./run test installs it."""
    import os

    from medinsure.site.browser import chromium_path
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: ./run test should have installed it")
        pytest.skip("chromium not installed (./run test installs it as root)")

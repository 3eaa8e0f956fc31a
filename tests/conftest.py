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

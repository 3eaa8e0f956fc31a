"""data/schema/ is generated from the typed rule model and accepts every data file in data/."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from medinsure.rules.files import read_yaml
from medinsure.rules.schema import all_schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "data" / "schema"
FILES = sorted(p for p in (ROOT / "data" / "regions").glob("*/*.yaml")) + sorted(
    (ROOT / "data" / "national" / "framework").glob("*.yaml"))


def test_the_published_schemas_are_up_to_date():
    stale = [name for name, text in all_schemas().items()
             if not (SCHEMA / name).exists() or (SCHEMA / name).read_text(encoding="utf-8") != text]
    assert not stale, f"run .venv/bin/python tools/make_schema.py; stale: {stale}"


def _plain(v):
    """YAML as JSON would carry it: dates as text, keys as text."""
    if isinstance(v, dict):
        return {(k.isoformat() if isinstance(k, dt.date) else str(k)): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_validates_against_its_schema(path):
    name = "region.json" if path.name == "region.yaml" else f"{path.stem}.json"
    if not (SCHEMA / name).exists():
        pytest.skip(f"{path.name} is not a typed concept")
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    doc = _plain(read_yaml(path, path.name))  # the project's YAML rules ("OFF" stays text)
    jsonschema.validate(doc, schema)


def test_the_schema_refuses_what_the_loader_refuses():
    schema = json.loads((SCHEMA / "outpatient_pooling.json").read_text(encoding="utf-8"))
    bad = {"concept": "outpatient_pooling", "label": {"zh": "x", "en": "x"}, "values": {
        "2023-01-01": {"kind": "pooled", "payment_order": "pooled_first", "deductible": {"in_service": 0, "retired": 0},
                       "ratio": {"in_service": {"pharmacy": 1.5, "primary": 0.8, "secondary": 0.6, "tertiary": 0.5},
                                 "retired": {"pharmacy": 0.5, "primary": 0.8, "secondary": 0.6, "tertiary": 0.5}},
                       "cap": {"in_service": 1, "retired": 1}, "flexible": "none",
                       "reference": {"title": "t", "read_at": ["u"], "reliability": "3P"}}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)

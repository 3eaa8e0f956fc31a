"""JSON Schema of every typed concept's file, for contributors' editors (``data/schema/``)."""

from __future__ import annotations

import json

from medinsure.rules.employee import MODELS
from medinsure.rules.regions import RegionFile
from medinsure.rules.typed import Bilingual

_DATE_KEY = r"^\d{4}-\d{2}-\d{2}$"
_REFERENCE = {
    "type": "object", "additionalProperties": False, "required": ["title", "read_at", "reliability"],
    "properties": {
        "title": {"type": "string", "minLength": 1}, "number": {"type": ["string", "null"]},
        "issuer": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"]}, "effective": {"type": ["string", "null"]},
        "read_at": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
        "reliability": {"enum": ["OFF", "OFF-R", "3P", "3P-low", "DERIVED"]},
        "checked": {"type": ["string", "null"]}, "note": {"type": ["string", "null"]},
    },
}


def concept_schema(concept: str) -> dict:
    """The schema of ``data/regions/<slug>/<concept>.yaml``."""
    body = MODELS[concept].model_json_schema()
    defs = body.pop("$defs", {})
    envelope = {
        "reference": {"oneOf": [{"$ref": "#/$defs/Reference"},
                                {"type": "array", "items": {"$ref": "#/$defs/Reference"}, "minItems": 1}]},
        "note": {"$ref": "#/$defs/Bilingual"},
        "date_exact": {"type": "boolean"},
    }
    def with_envelope(obj: dict) -> dict:
        out = dict(obj)
        out["properties"] = {**obj.get("properties", {}), **envelope}
        out["required"] = [*obj.get("required", []), "reference"]
        return out

    if "properties" in body:
        value = with_envelope(body)
    else:  # a union of kinds: each kind's schema gets the envelope
        branches = body.get("oneOf") or body.get("anyOf")
        value = {k: v for k, v in body.items() if k not in ("oneOf", "anyOf", "discriminator")}
        entries = []
        for branch in branches:
            name = branch["$ref"].rsplit("/", 1)[-1]
            defs[f"{name}Entry"] = with_envelope(defs[name])
            entries.append({"$ref": f"#/$defs/{name}Entry"})
        value["oneOf"] = entries
    defs.update({"Reference": _REFERENCE, "Bilingual": Bilingual.model_json_schema()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://medinsure.example/schema/{concept}.json",
        "title": f"medinsure {concept}",
        "description": f"data/regions/<slug>/{concept}.yaml — see data/README.md",
        "type": "object", "additionalProperties": False, "required": ["concept", "label", "values"],
        "properties": {
            "concept": {"const": concept},
            "label": {"$ref": "#/$defs/Bilingual"}, "description": {"$ref": "#/$defs/Bilingual"},
            "values": {"type": "object", "minProperties": 1, "additionalProperties": False,
                       "patternProperties": {_DATE_KEY: value}},
        },
        "$defs": defs,
    }


def region_schema() -> dict:
    s = RegionFile.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["description"] = "data/regions/<slug>/region.yaml — see data/README.md"
    return s


def all_schemas() -> dict[str, str]:
    """File name -> JSON text."""
    out = {f"{c}.json": concept_schema(c) for c in MODELS}
    out["region.json"] = region_schema()
    return {k: json.dumps(v, ensure_ascii=False, indent=2, sort_keys=True) + "\n" for k, v in out.items()}

"""Load, validate and resolve the dated, cited rules in ``data/``.

The loader refuses anything it does not understand and names the file, the key and the date.
See ``data/README.md`` for the schema.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, InvalidInput

STATUSES = ("in_service", "retired", "flexible")
LEVELS = ("pharmacy", "primary", "secondary", "tertiary")
CONCEPTS = ("contribution_rates", "contribution_base", "personal_account", "outpatient_pooling")
RELIABILITY = ("OFF", "OFF-R", "3P", "3P-low", "DERIVED")
NATIONAL = "national"

_REFERENCE_KEYS = {"title", "number", "issuer", "published", "effective", "read_at",
                   "reliability", "checked", "note"}
_ENTRY_COMMON = {"reference", "note", "date_exact"}
_BAND_CONDITIONS = {"min_age", "max_age", "retired_from_year", "retired_before_year"}


def data_dir() -> Path:
    """The ``data/`` folder: ``$MEDINSURE_DATA`` or the one beside the package."""
    env = os.environ.get("MEDINSURE_DATA")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


# --------------------------------------------------------------------------- YAML reading
class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (plain YAML keeps the last one silently)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path, rel: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise DataError(rel, "(file)", "not valid YAML: " + " ".join(str(exc).split())) from exc
    if not isinstance(doc, dict):
        raise DataError(rel, "(file)", "the top level must be a mapping")
    return doc


# --------------------------------------------------------------------------- data classes
@dataclass(frozen=True)
class Reference:
    """Where a dated value comes from."""

    title: str
    number: str | None
    issuer: str | None
    published: str | None
    effective: str | None
    read_at: tuple[str, ...]
    reliability: str
    checked: str | None = None
    note: str | None = None

    def cite(self, lang: str = "zh") -> str:
        """One line: 《title》, 文号, issuer, effective date [reliability]. Titles, numbers and
        issuers stay in the original Chinese: they are the names a reader searches for."""
        parts = [f"《{self.title}》" if not self.title.startswith("《") else self.title]
        if self.number:
            parts.append(self.number)
        if self.issuer:
            parts.append(self.issuer)
        if self.effective:
            parts.append(f"{self.effective}施行" if lang == "zh" else f"effective {self.effective}")
        elif self.published:
            parts.append(f"{self.published}发布" if lang == "zh" else f"published {self.published}")
        sep = "，" if lang == "zh" else ", "
        return sep.join(parts) + f" [{self.reliability}]"

    def to_dict(self) -> dict:
        return {"title": self.title, "number": self.number, "issuer": self.issuer,
                "published": self.published, "effective": self.effective,
                "read_at": list(self.read_at), "reliability": self.reliability,
                "checked": self.checked, "note": self.note}


def unique_references(refs) -> list["Reference"]:
    """The references in order, each once."""
    return list(dict.fromkeys(refs))


@dataclass(frozen=True)
class Entry:
    """One dated value of a parameter file."""

    concept: str
    date: dt.date
    data: dict
    references: tuple[Reference, ...]
    note: dict | None
    date_exact: bool
    source: str  # "data/regions/wuhan/personal_account.yaml"

    @property
    def where(self) -> str:
        return f"{self.source}@{self.date.isoformat()}"

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class ParameterFile:
    concept: str
    label: dict
    description: dict | None
    entries: tuple[Entry, ...]  # sorted by date
    source: str

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(e.date for e in self.entries)

    def at(self, day: dt.date) -> Entry:
        """The entry in force on ``day``; refuses a day before the first entry."""
        found = None
        for e in self.entries:
            if e.date <= day:
                found = e
            else:
                break
        if found is None:
            raise InvalidInput("date", day.isoformat(),
                               f"{self.source} has no rule before {self.entries[0].date}")
        return found


@dataclass(frozen=True)
class Region:
    slug: str
    name: dict
    province: dict | None
    kind: str
    data_from: dt.date
    reform_date: dt.date | None
    reform_date_exact: bool
    reform_note: dict | None
    reform_references: tuple[Reference, ...]
    completeness: str
    summary: dict
    files: dict = field(default_factory=dict)  # concept -> ParameterFile
    folder: str = ""

    def change_dates(self) -> list[dt.date]:
        """Every date on which any of the region's rules starts (the day before too)."""
        days: set[dt.date] = set()
        for pf in self.files.values():
            for d in pf.dates:
                if d >= self.data_from:
                    days.add(d)
                    if d - dt.timedelta(days=1) >= self.data_from:
                        days.add(d - dt.timedelta(days=1))
        days.add(self.data_from)
        if self.reform_date:
            days.add(self.reform_date)
        return sorted(days)


# --------------------------------------------------------------------------- validation helpers
class _Ctx:
    """Carries file/date for error messages."""

    def __init__(self, rel: str, day: dt.date | None = None) -> None:
        self.rel = rel
        self.day = day

    def fail(self, key: str, msg: str) -> DataError:
        return DataError(self.rel, key, msg, self.day)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_keys(ctx: _Ctx, key: str, mapping: Any, allowed: set[str], required: set[str]) -> None:
    if not isinstance(mapping, dict):
        raise ctx.fail(key, f"must be a mapping, got {type(mapping).__name__}")
    unknown = set(mapping) - allowed
    if unknown:
        raise ctx.fail(f"{key}.{sorted(map(str, unknown))[0]}" if key else str(sorted(map(str, unknown))[0]),
                       f"unknown key (allowed: {', '.join(sorted(allowed))})")
    missing = required - set(mapping)
    if missing:
        raise ctx.fail(key, f"missing key {sorted(missing)[0]!r}")


def _check_rate(ctx: _Ctx, key: str, v: Any) -> None:
    if v is None:
        return
    if not _is_number(v) or not 0 <= v <= 1:
        raise ctx.fail(key, f"rate {v!r} must be a number between 0 and 1 (a share, 0.02 = 2%)")


def _check_amount(ctx: _Ctx, key: str, v: Any) -> None:
    if v is None:
        return
    if not _is_number(v) or v < 0:
        raise ctx.fail(key, f"amount {v!r} must be a number >= 0 (yuan)")


def _check_bilingual(ctx: _Ctx, key: str, v: Any) -> None:
    _check_keys(ctx, key, v, {"zh", "en"}, {"zh", "en"})
    for lang in ("zh", "en"):
        if not isinstance(v[lang], str) or not v[lang].strip():
            raise ctx.fail(f"{key}.{lang}", "must be non-empty text")


def _date_text(ctx: _Ctx, key: str, v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", v):
        return v
    raise ctx.fail(key, f"{v!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _parse_reference(ctx: _Ctx, key: str, v: Any) -> tuple[Reference, ...]:
    items = v if isinstance(v, list) else [v]
    if not items:
        raise ctx.fail(key, "an empty reference list")
    refs = []
    for i, r in enumerate(items):
        k = f"{key}[{i}]" if isinstance(v, list) else key
        _check_keys(ctx, k, r, _REFERENCE_KEYS, {"title", "read_at", "reliability"})
        if not isinstance(r["title"], str) or not r["title"].strip():
            raise ctx.fail(f"{k}.title", "must be non-empty text")
        read_at = r["read_at"]
        if isinstance(read_at, str):
            read_at = [read_at]
        if not isinstance(read_at, list) or not read_at or not all(isinstance(u, str) for u in read_at):
            raise ctx.fail(f"{k}.read_at", "must list at least one address where the text was read")
        if r["reliability"] not in RELIABILITY:
            raise ctx.fail(f"{k}.reliability",
                           f"{r['reliability']!r} is not one of {', '.join(RELIABILITY)}")
        for tkey in ("number", "issuer", "note"):
            if r.get(tkey) is not None and not isinstance(r[tkey], str):
                raise ctx.fail(f"{k}.{tkey}", "must be text or null")
        refs.append(Reference(
            title=r["title"], number=r.get("number"), issuer=r.get("issuer"),
            published=_date_text(ctx, f"{k}.published", r.get("published")),
            effective=_date_text(ctx, f"{k}.effective", r.get("effective")),
            read_at=tuple(read_at), reliability=r["reliability"],
            checked=_date_text(ctx, f"{k}.checked", r.get("checked")), note=r.get("note")))
    return tuple(refs)


def _contains_null(v: Any) -> bool:
    """True where anything is null or marked unknown (the entry then needs a note)."""
    if v is None or v == "unknown":
        return True
    if isinstance(v, dict):
        return any(_contains_null(x) for x in v.values())
    if isinstance(v, list):
        return any(_contains_null(x) for x in v)
    return False


def _check_bands(ctx: _Ctx, key: str, bands: Any, value_check) -> None:
    """Bands must be a non-empty list, contiguous by age or by retirement year."""
    if not isinstance(bands, list) or not bands:
        raise ctx.fail(key, "bands must be a non-empty list")
    for i, b in enumerate(bands):
        if not isinstance(b, dict):
            raise ctx.fail(f"{key}[{i}]", "a band must be a mapping")
        for cond in _BAND_CONDITIONS & set(b):
            if not isinstance(b[cond], int) or isinstance(b[cond], bool) or b[cond] < 0:
                raise ctx.fail(f"{key}[{i}].{cond}", f"{b[cond]!r} must be a whole number >= 0")
        value_check(f"{key}[{i}]", {k: x for k, x in b.items() if k not in _BAND_CONDITIONS})
    age = any({"min_age", "max_age"} & set(b) for b in bands)
    year = any({"retired_from_year", "retired_before_year"} & set(b) for b in bands)
    if age and year:
        raise ctx.fail(key, "bands mix age and retirement-year conditions")
    if not age and not year:
        if len(bands) != 1:
            raise ctx.fail(key, "several bands without age or retirement-year conditions")
        return
    lo_key, hi_key, step = (("min_age", "max_age", 1) if age
                            else ("retired_from_year", "retired_before_year", 0))
    expected_lo = 0 if age else None
    for i, b in enumerate(bands):
        lo = b.get(lo_key, 0 if age else None)
        hi = b.get(hi_key)
        if lo != expected_lo:
            what = "gap" if (expected_lo is not None and lo is not None and lo > expected_lo) else "overlap or gap"
            raise ctx.fail(f"{key}[{i}].{lo_key}",
                           f"{what}: band starts at {lo}, expected {expected_lo}")
        if hi is None:
            if i != len(bands) - 1:
                raise ctx.fail(f"{key}[{i}].{hi_key}", "only the last band may be open-ended")
        else:
            if lo is not None and hi < lo:
                raise ctx.fail(f"{key}[{i}].{hi_key}", f"{hi} is below {lo_key} {lo}")
            expected_lo = hi + step
    if bands[-1].get(hi_key) is not None:
        raise ctx.fail(f"{key}[{len(bands) - 1}].{hi_key}",
                       "the last band must be open-ended (no upper limit)")


# --------------------------------------------------------------------------- concept validators
_RATE_FIELDS = {"employer_rate", "employee_rate", "flexible_rate"}
_CONTRIB_FIELDS = _RATE_FIELDS | {"employee_fixed_monthly", "retiree_fixed_monthly",
                                  "flexible_fixed_monthly"}
_BASE_FIELDS = {"floor_monthly", "ceiling_monthly", "average_wage_monthly", "flexible_base_monthly"}


def _validate_contribution_rates(ctx: _Ctx, d: dict) -> None:
    _check_keys(ctx, "", d, _CONTRIB_FIELDS, _CONTRIB_FIELDS)
    for k in _CONTRIB_FIELDS:
        (_check_rate if k in _RATE_FIELDS else _check_amount)(ctx, k, d[k])


def _validate_contribution_base(ctx: _Ctx, d: dict) -> None:
    _check_keys(ctx, "", d, _BASE_FIELDS, _BASE_FIELDS)
    for k in _BASE_FIELDS:
        _check_amount(ctx, k, d[k])
    if d["floor_monthly"] is not None and d["ceiling_monthly"] is not None \
            and d["floor_monthly"] > d["ceiling_monthly"]:
        raise ctx.fail("floor_monthly", "floor is above ceiling")


_CREDIT_KINDS = {
    "share_of_base": ({"kind", "bands"}, {"kind", "bands"}, "rate"),
    "share_of_pension": ({"kind", "bands"}, {"kind", "bands"}, "rate"),
    "share_of_amount": ({"kind", "bands", "amount", "amount_label", "factor"},
                        {"kind", "bands", "amount", "amount_label"}, "rate"),
    "fixed": ({"kind", "bands", "unit"}, {"kind", "bands", "unit"}, "amount"),
    "none": ({"kind"}, {"kind"}, None),
    "unknown": ({"kind"}, {"kind"}, None),
    "same_as": ({"kind", "status"}, {"kind", "status"}, None),
}


def _validate_credit_rule(ctx: _Ctx, key: str, rule: Any) -> None:
    if not isinstance(rule, dict) or rule.get("kind") not in _CREDIT_KINDS:
        kind = rule.get("kind") if isinstance(rule, dict) else rule
        raise ctx.fail(f"{key}.kind", f"{kind!r} is not one of {', '.join(_CREDIT_KINDS)}")
    allowed, required, value_key = _CREDIT_KINDS[rule["kind"]]
    _check_keys(ctx, key, rule, allowed, required)
    if rule["kind"] == "fixed" and rule["unit"] not in ("yuan/month", "yuan/year"):
        raise ctx.fail(f"{key}.unit", f"{rule['unit']!r} must be yuan/month or yuan/year")
    if rule["kind"] == "same_as" and rule["status"] not in STATUSES:
        raise ctx.fail(f"{key}.status", f"{rule['status']!r} is not one of {', '.join(STATUSES)}")
    if rule["kind"] == "share_of_amount":
        _check_amount(ctx, f"{key}.amount", rule["amount"])
        _check_bilingual(ctx, f"{key}.amount_label", rule["amount_label"])
        if "factor" in rule:
            _check_rate(ctx, f"{key}.factor", rule["factor"])
    if value_key:
        def check(k: str, vals: dict) -> None:
            _check_keys(ctx, k, vals, {value_key}, {value_key})
            (_check_rate if value_key == "rate" else _check_amount)(ctx, f"{k}.{value_key}", vals[value_key])
        _check_bands(ctx, f"{key}.bands", rule["bands"], check)


def _validate_personal_account(ctx: _Ctx, d: dict) -> None:
    _check_keys(ctx, "", d, {"regime", *STATUSES}, {"regime", *STATUSES})
    if d["regime"] not in ("old", "new"):
        raise ctx.fail("regime", f"{d['regime']!r} must be old or new")
    for s in STATUSES:
        _validate_credit_rule(ctx, s, d[s])
        if d[s]["kind"] == "same_as" and d[d[s]["status"]]["kind"] == "same_as":
            raise ctx.fail(f"{s}.status", "same_as must point at a status with its own rule")


def _check_level_ratios(ctx: _Ctx, key: str, v: Any) -> None:
    _check_keys(ctx, key, v, set(LEVELS), set(LEVELS))
    for lvl in LEVELS:
        _check_rate(ctx, f"{key}.{lvl}", v[lvl])


def _check_status_value(ctx: _Ctx, key: str, v: Any, scalar_check, band_key: str) -> None:
    """A per-status value: a scalar (checked by scalar_check) or bands of {band_key: scalar}."""
    if isinstance(v, list):
        def check(k: str, vals: dict) -> None:
            if band_key == "*levels*":
                _check_level_ratios(ctx, k, vals)
            else:
                _check_keys(ctx, k, vals, {band_key}, {band_key})
                scalar_check(ctx, f"{k}.{band_key}", vals[band_key])
        _check_bands(ctx, key, v, check)
    else:
        scalar_check(ctx, key, v)


def _check_cap(ctx: _Ctx, key: str, v: Any) -> None:
    if v == "unlimited":
        return
    _check_amount(ctx, key, v)


def _validate_outpatient(ctx: _Ctx, d: dict) -> None:
    kind = d.get("kind")
    if kind in ("none", "unknown"):
        _check_keys(ctx, "", d, {"kind"}, {"kind"})
        return
    if kind != "pooled":
        raise ctx.fail("kind", f"{kind!r} is not one of pooled, none, unknown")
    allowed = {"kind", "payment_order", "deductible", "ratio", "cap", "high_spending", "flexible"}
    _check_keys(ctx, "", d, allowed, allowed - {"high_spending"})
    if d["payment_order"] not in ("pooled_first", "account_first"):
        raise ctx.fail("payment_order", f"{d['payment_order']!r} must be pooled_first or account_first")
    if d["flexible"] not in ("in_service", "retired", "none", "unknown"):
        raise ctx.fail("flexible", f"{d['flexible']!r} must be in_service, retired, none or unknown")
    for part in ("deductible", "ratio", "cap"):
        _check_keys(ctx, part, d[part], {"in_service", "retired"}, {"in_service", "retired"})
    for s in ("in_service", "retired"):
        _check_status_value(ctx, f"deductible.{s}", d["deductible"][s], _check_amount, "amount")
        _check_status_value(ctx, f"cap.{s}", d["cap"][s], _check_cap, "amount")
        rv = d["ratio"][s]
        if isinstance(rv, list):
            _check_status_value(ctx, f"ratio.{s}", rv, None, "*levels*")
        else:
            _check_level_ratios(ctx, f"ratio.{s}", rv)
    if "high_spending" in d:
        hs = d["high_spending"]
        _check_keys(ctx, "high_spending", hs, {"above", "ratio"}, {"above", "ratio"})
        _check_amount(ctx, "high_spending.above", hs["above"])
        _check_keys(ctx, "high_spending.ratio", hs["ratio"], {"in_service", "retired"},
                    {"in_service", "retired"})
        for s in ("in_service", "retired"):
            _check_rate(ctx, f"high_spending.ratio.{s}", hs["ratio"][s])


_VALIDATORS = {
    "contribution_rates": _validate_contribution_rates,
    "contribution_base": _validate_contribution_base,
    "personal_account": _validate_personal_account,
    "outpatient_pooling": _validate_outpatient,
}


def register_concept(concept: str, validator) -> None:
    """Let another module (family, resident, statistics, …) load its own dated, cited files
    with :func:`load_parameter_file`. ``validator(ctx, body)`` raises ``ctx.fail(key, message)``
    for anything wrong in one dated entry; the common checks (date keys, duplicate keys,
    reference on every value, note where anything is null) are done here."""
    if concept in _VALIDATORS and _VALIDATORS[concept] is not validator:
        raise ValueError(f"concept {concept!r} is already registered")
    _VALIDATORS[concept] = validator


# Public names for the validation helpers, for modules that register a concept.
ValidationContext = _Ctx
check_keys = _check_keys
check_rate = _check_rate
check_amount = _check_amount
check_bilingual = _check_bilingual
check_bands = _check_bands


# --------------------------------------------------------------------------- file loading
def load_parameter_file(path: Path, root: Path | None = None) -> ParameterFile:
    root = root or data_dir().parent
    try:
        rel = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        rel = str(path)
    doc = _read_yaml(path, rel)
    ctx = _Ctx(rel)
    _check_keys(ctx, "", doc, {"concept", "label", "description", "values"},
                {"concept", "label", "values"})
    concept = doc["concept"]
    if concept not in _VALIDATORS:
        raise ctx.fail("concept", f"{concept!r} is not one of {', '.join(_VALIDATORS)}")
    if path.stem != concept:
        raise ctx.fail("concept", f"{concept!r} does not match the file name {path.name!r}")
    _check_bilingual(ctx, "label", doc["label"])
    if doc.get("description") is not None:
        _check_bilingual(ctx, "description", doc["description"])
    values = doc["values"]
    if not isinstance(values, dict) or not values:
        raise ctx.fail("values", "must be a non-empty mapping of effective dates")
    entries = []
    for day, raw in values.items():
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ctx.fail(f"values.{day}", "keys must be effective dates written YYYY-MM-DD")
        dctx = _Ctx(rel, day)
        if not isinstance(raw, dict):
            raise dctx.fail("values", "a dated value must be a mapping")
        if "reference" not in raw:
            raise dctx.fail("reference", "every dated value needs a reference")
        refs = _parse_reference(dctx, "reference", raw["reference"])
        note = raw.get("note")
        if note is not None:
            _check_bilingual(dctx, "note", note)
        date_exact = raw.get("date_exact", True)
        if not isinstance(date_exact, bool):
            raise dctx.fail("date_exact", f"{date_exact!r} must be true or false")
        body = {k: v for k, v in raw.items() if k not in _ENTRY_COMMON}
        _VALIDATORS[concept](dctx, body)
        if _contains_null(body) and note is None:
            raise dctx.fail("note", "a value is null or unknown: say what is missing in a note")
        entries.append(Entry(concept, day, body, refs, note, date_exact, rel))
    entries.sort(key=lambda e: e.date)
    return ParameterFile(concept, doc["label"], doc.get("description"), tuple(entries), rel)


_REGION_KEYS = {"slug", "name", "province", "kind", "data_from", "account_reform",
                "completeness", "summary"}


def load_region_folder(folder: Path, root: Path | None = None) -> Region:
    root = root or data_dir().parent
    path = folder / "region.yaml"
    try:
        rel = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        rel = str(path)
    if not path.exists():
        raise DataError(rel, "(file)", "region.yaml is missing")
    doc = _read_yaml(path, rel)
    ctx = _Ctx(rel)
    _check_keys(ctx, "", doc, _REGION_KEYS, _REGION_KEYS - {"province"})
    if doc["slug"] != folder.name:
        raise ctx.fail("slug", f"{doc['slug']!r} does not match the folder name {folder.name!r}")
    _check_bilingual(ctx, "name", doc["name"])
    _check_bilingual(ctx, "summary", doc["summary"])
    if doc.get("province") is not None:
        _check_bilingual(ctx, "province", doc["province"])
    if doc["kind"] not in ("city", "province", "national"):
        raise ctx.fail("kind", f"{doc['kind']!r} must be city, province or national")
    if doc["completeness"] not in ("complete", "partial"):
        raise ctx.fail("completeness", f"{doc['completeness']!r} must be complete or partial")
    if not isinstance(doc["data_from"], dt.date):
        raise ctx.fail("data_from", "must be a date YYYY-MM-DD")
    ar = doc["account_reform"]
    _check_keys(ctx, "account_reform", ar, {"date", "date_exact", "reference", "note"},
                {"date", "reference"})
    if ar["date"] is not None and not isinstance(ar["date"], dt.date):
        raise ctx.fail("account_reform.date", "must be a date YYYY-MM-DD or null")
    if ar["date"] is None and ar.get("note") is None:
        raise ctx.fail("account_reform.note", "the reform date is null: say why in a note")
    if ar.get("note") is not None:
        _check_bilingual(ctx, "account_reform.note", ar["note"])
    refs = _parse_reference(ctx, "account_reform.reference", ar["reference"])
    files = {}
    for concept in CONCEPTS:
        p = folder / f"{concept}.yaml"
        if not p.exists():
            raise DataError(rel.replace("region.yaml", f"{concept}.yaml"), "(file)",
                            "missing: every region has one file per concept")
        pf = load_parameter_file(p, root)
        if pf.dates[0] > doc["data_from"]:
            raise DataError(pf.source, "values", f"first entry {pf.dates[0]} is after the region's "
                            f"data_from {doc['data_from']}: add an entry (kind unknown if need be)")
        files[concept] = pf
    extra = {p.name for p in folder.glob("*.yaml")} - {f"{c}.yaml" for c in CONCEPTS} - {"region.yaml"}
    if extra:
        raise DataError(rel, "(folder)", f"unknown file {sorted(extra)[0]}")
    return Region(
        slug=doc["slug"], name=doc["name"], province=doc.get("province"), kind=doc["kind"],
        data_from=doc["data_from"], reform_date=ar["date"],
        reform_date_exact=bool(ar.get("date_exact", True)), reform_note=ar.get("note"),
        reform_references=refs, completeness=doc["completeness"], summary=doc["summary"],
        files=files, folder=str(folder))


def _region_folders() -> dict[str, Path]:
    base = data_dir()
    folders = {NATIONAL: base / "national" / "framework"}
    regions = base / "regions"
    if regions.is_dir():
        for p in sorted(regions.iterdir()):
            if p.is_dir():
                folders[p.name] = p
    return folders


@lru_cache(maxsize=None)
def load_region(slug: str) -> Region:
    folders = _region_folders()
    if slug not in folders:
        raise InvalidInput("region", slug, "known regions: " + ", ".join(folders))
    folder = folders[slug]
    region = load_region_folder(folder)
    if slug == NATIONAL and region.slug != "framework":
        raise DataError(str(folder), "slug", "the national preset's slug must be 'framework'")
    return region


def region_slugs() -> list[str]:
    return list(_region_folders())


def load_all() -> dict[str, Region]:
    """Load and validate every region; raises DataError on the first broken file."""
    return {slug: load_region(slug) for slug in region_slugs()}


# --------------------------------------------------------------------------- resolution
@dataclass(frozen=True)
class Rules:
    """The entries of every concept in force on one day."""

    day: dt.date
    contribution_rates: Entry
    contribution_base: Entry
    personal_account: Entry
    outpatient_pooling: Entry


@dataclass(frozen=True)
class RuleSet:
    region: Region
    date: dt.date
    old: Rules
    new: Rules
    notices: tuple[dict, ...]  # {zh, en} things a reader must know (approximate dates etc.)


def rules_on(region: Region, day: dt.date) -> Rules:
    if day < region.data_from:
        raise InvalidInput("date", day.isoformat(),
                           f"{region.slug} has rules from {region.data_from} on")
    return Rules(day, *(region.files[c].at(day) for c in CONCEPTS))


def rules_for(region_slug: str, day: dt.date | str) -> RuleSet:
    """New = the rules in force on ``day``; old = those in force the day before the reform.

    Where the reform date is not known, old = the last entry whose regime is ``old``.
    """
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise InvalidInput("date", day, "a date written YYYY-MM-DD") from None
    region = load_region(region_slug)
    new = rules_on(region, day)
    notices: list[dict] = []
    if region.reform_date is not None:
        old_day = region.reform_date - dt.timedelta(days=1)
        if old_day < region.data_from:
            old_day = region.data_from
        old = rules_on(region, min(old_day, day))
        if not region.reform_date_exact:
            notices.append({"zh": f"改革日期 {region.reform_date} 为“至迟于”日期，确切起始日未查到。",
                            "en": f"The reform date {region.reform_date} is an 'in force by' date; "
                                  "the exact start was not found."})
        if day < region.reform_date:
            notices.append({"zh": f"所选日期早于{region.name['zh']}的个人账户改革（{region.reform_date}），新旧规则相同。",
                            "en": f"The chosen date is before {region.name['en']}'s account reform "
                                  f"({region.reform_date}); old and new rules are the same."})
    else:
        olds = [e for e in region.files["personal_account"].entries
                if e["regime"] == "old" and e.date <= day]
        if not olds:
            raise InvalidInput("date", day.isoformat(), f"{region.slug} has no pre-reform rule on record")
        old = rules_on(region, olds[-1].date)
        notices.append(region.reform_note or {"zh": "改革日期未查到。", "en": "Reform date not found."})
    seen, unique = set(), []
    for n in notices:
        if n["en"] not in seen:
            seen.add(n["en"])
            unique.append(n)
    return RuleSet(region, day, old, new, tuple(unique))


def _entries(r: Rules) -> tuple[Entry, ...]:
    return (r.contribution_rates, r.contribution_base, r.personal_account, r.outpatient_pooling)

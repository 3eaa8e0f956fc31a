"""The one reader of ``data/``: strict YAML, the dated-entry envelope, references, the registry.

Every data file is a set of dated values, each with a reference. A concept is registered either
with a pydantic model (the typed rule concepts of ``rules/employee.py``) or with a validator
function over the raw mapping (the topic concepts, until they get models of their own). Either
way the same loader reads the file, checks the envelope and names file, key and date in every
refusal.

YAML is read with the 1.2 core rules where 1.1 surprises: ``yes``/``no``/``on``/``off`` stay
text, base-60 numbers (``58:20``) stay text (and are then refused where a number is expected),
numbers with a leading zero (``0700``, octal in YAML 1.1) are refused, and an impossible date
(a 31 February) or bytes that are not UTF-8 are refused naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from medinsure.errors import DataError, DateBeforeRules

RELIABILITY = ("OFF", "OFF-R", "3P", "3P-low", "DERIVED")
RELIABILITY_TEXT = {
    "OFF": {"zh": "官方网站", "en": "official website"},
    "OFF-R": {"zh": "官方文本转载", "en": "official text, reprinted"},
    "3P": {"zh": "第三方解读", "en": "third-party explainer"},
    "3P-low": {"zh": "低可靠第三方", "en": "low-reliability third party"},
    "DERIVED": {"zh": "据出处推算", "en": "derived from the sources"},
}
_REFERENCE_KEYS = {"title", "number", "issuer", "published", "effective", "read_at",
                   "reliability", "checked", "note"}
_ENTRY_COMMON = {"reference", "note", "date_exact"}


def data_dir() -> Path:
    """The ``data/`` folder: ``$MEDINSURE_DATA`` or the one beside the package."""
    env = os.environ.get("MEDINSURE_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


def require_data_dir() -> Path:
    """``data_dir()``, or a DataError saying it is missing (not "unknown region")."""
    d = data_dir()
    if not d.is_dir():
        raise DataError(str(d), "(folder)", "the data folder is missing (set MEDINSURE_DATA or "
                        "restore data/ beside the package)")
    return d


# --------------------------------------------------------------------------- YAML reading
class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars and no duplicate keys."""


_StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                                                  "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
for _tag, _rx, _first in (("tag:yaml.org,2002:bool", _BOOL, "tTfF"),
                          ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
                          ("tag:yaml.org,2002:float", _FLOAT, "-+0123456789.")):
    _StrictLoader.add_implicit_resolver(_tag, _rx, list(_first))


class _Refusal(yaml.YAMLError):
    def __init__(self, message: str, mark) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


def _construct_int(loader: _StrictLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    digits = text.lstrip("+-")
    if len(digits) > 1 and digits.startswith("0"):
        raise _Refusal(f"{text!r} has a leading zero (YAML 1.1 reads it as octal): write "
                       f"{int(digits)} or quote it", node.start_mark)
    return int(text)


def _construct_float(loader: _StrictLoader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node)
    digits = text.lstrip("+-")
    if re.match(r"^0[0-9]", digits):
        raise _Refusal(f"{text!r} has a leading zero: write it without", node.start_mark)
    return float(text)


def _construct_bool(loader: _StrictLoader, node: yaml.ScalarNode) -> bool:
    return loader.construct_scalar(node).lower() == "true"


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise _Refusal(f"{loader.construct_scalar(node)!r} is not a calendar date ({exc})",
                       node.start_mark) from None


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise _Refusal(f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _key_at(text: str, line: int) -> str:
    """The dotted key path of the YAML line ``line`` (0-based), from its indentation."""
    lines = text.splitlines()
    path: list[tuple[int, str]] = []
    for raw in lines[: line + 1]:
        m = re.match(r"^(\s*)(?:- )?([^\s:#][^:#]*?):(?:\s|$)", raw)
        if not m:
            continue
        indent = len(m.group(1))
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, m.group(2).strip().strip("'\"")))
    return ".".join(k for _, k in path) or "(file)"


def read_yaml(path: Path, rel: str) -> dict:
    """A YAML file as a mapping, or a DataError naming the file and the key."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(rel, "(file)", f"cannot be read: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n")
        key = _key_at(raw[: exc.start].decode("utf-8", "replace"), line)
        raise DataError(rel, key, f"line {line + 1}: bytes that are not UTF-8 (save the file as UTF-8)") from None
    try:
        doc = yaml.load(text, Loader=_StrictLoader)
    except _Refusal as exc:
        line = exc.mark.line if exc.mark else 0
        raise DataError(rel, _key_at(text, line), f"line {line + 1}: {exc.message}") from None
    except yaml.YAMLError as exc:
        raise DataError(rel, "(file)", "not valid YAML: " + " ".join(str(exc).split())) from None
    if not isinstance(doc, dict):
        raise DataError(rel, "(file)", "the top level must be a mapping")
    return doc


# --------------------------------------------------------------------------- references, entries
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


def unique_references(refs) -> list[Reference]:
    """The references in order, each once."""
    return list(dict.fromkeys(refs))


@dataclass(frozen=True)
class Entry:
    """One dated value of a parameter file. ``value`` is the typed rule (a pydantic model) for
    concepts registered with a model; ``data`` is the mapping as written."""

    concept: str
    date: dt.date
    data: dict
    references: tuple[Reference, ...]
    note: dict | None
    date_exact: bool
    source: str  # "data/regions/wuhan/personal_account.yaml"
    value: Any = None

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

    @property
    def first(self) -> Entry:
        return self.entries[0]

    @property
    def latest(self) -> Entry:
        return self.entries[-1]

    def at(self, day: dt.date) -> Entry:
        """The entry in force on ``day``; refuses a day before the first entry."""
        found = None
        for e in self.entries:
            if e.date <= day:
                found = e
            else:
                break
        if found is None:
            raise DateBeforeRules("date", day.isoformat(), self.entries[0].date,
                                  f"{self.source} has no rule before {self.entries[0].date}")
        return found

    def references(self) -> list[Reference]:
        """Every reference of every entry, in order, each once."""
        return unique_references(r for e in self.entries for r in e.references)


# --------------------------------------------------------------------------- validation helpers
class ValidationContext:
    """Carries file and date for error messages."""

    def __init__(self, rel: str, day: dt.date | None = None) -> None:
        self.rel = rel
        self.day = day

    def fail(self, key: str, msg: str) -> DataError:
        return DataError(self.rel, key, msg, self.day)


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_keys(ctx: ValidationContext, key: str, mapping: Any, allowed: set[str], required: set[str]) -> None:
    if not isinstance(mapping, dict):
        raise ctx.fail(key, f"must be a mapping, got {type(mapping).__name__}")
    unknown = set(mapping) - allowed
    if unknown:
        first = sorted(map(str, unknown))[0]
        raise ctx.fail(f"{key}.{first}" if key else first,
                       f"unknown key (allowed: {', '.join(sorted(allowed))})")
    missing = required - set(mapping)
    if missing:
        raise ctx.fail(key, f"missing key {sorted(missing)[0]!r}")


def check_rate(ctx: ValidationContext, key: str, v: Any) -> None:
    if v is None:
        return
    if not is_number(v) or not 0 <= v <= 1:
        raise ctx.fail(key, f"rate {v!r} must be a number between 0 and 1 (a share, 0.02 = 2%)")


def check_amount(ctx: ValidationContext, key: str, v: Any) -> None:
    if v is None:
        return
    if not is_number(v) or v < 0:
        raise ctx.fail(key, f"amount {v!r} must be a number >= 0 (yuan)")


def check_bilingual(ctx: ValidationContext, key: str, v: Any) -> None:
    check_keys(ctx, key, v, {"zh", "en"}, {"zh", "en"})
    for lang in ("zh", "en"):
        if not isinstance(v[lang], str) or not v[lang].strip():
            raise ctx.fail(f"{key}.{lang}", "must be non-empty text")


_BAND_CONDITIONS = {"min_age", "max_age", "retired_from_year", "retired_before_year"}


def check_bands(ctx: ValidationContext, key: str, bands: Any, value_check) -> None:
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
    check_band_order(ctx, key, bands)


def check_band_order(ctx: ValidationContext, key: str, bands: list[dict]) -> None:
    """Contiguous from 0 by age (or by retirement year), no gap, no overlap, last open-ended."""
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
            raise ctx.fail(f"{key}[{i}].{lo_key}", f"{what}: band starts at {lo}, expected {expected_lo}")
        if hi is None:
            if i != len(bands) - 1:
                raise ctx.fail(f"{key}[{i}].{hi_key}", "only the last band may be open-ended")
        else:
            if lo is not None and hi < lo:
                raise ctx.fail(f"{key}[{i}].{hi_key}", f"{hi} is below {lo_key} {lo}")
            expected_lo = hi + step
    if bands[-1].get(hi_key) is not None:
        raise ctx.fail(f"{key}[{len(bands) - 1}].{hi_key}", "the last band must be open-ended (no upper limit)")


def date_text(ctx: ValidationContext, key: str, v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", v):
        return v
    raise ctx.fail(key, f"{v!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def parse_reference(ctx: ValidationContext, key: str, v: Any) -> tuple[Reference, ...]:
    items = v if isinstance(v, list) else [v]
    if not items:
        raise ctx.fail(key, "an empty reference list")
    refs = []
    for i, r in enumerate(items):
        k = f"{key}[{i}]" if isinstance(v, list) else key
        check_keys(ctx, k, r, _REFERENCE_KEYS, {"title", "read_at", "reliability"})
        if not isinstance(r["title"], str) or not r["title"].strip():
            raise ctx.fail(f"{k}.title", "must be non-empty text")
        read_at = r["read_at"]
        if isinstance(read_at, str):
            read_at = [read_at]
        if not isinstance(read_at, list) or not read_at or not all(isinstance(u, str) for u in read_at):
            raise ctx.fail(f"{k}.read_at", "must list at least one address where the text was read")
        if r["reliability"] not in RELIABILITY:
            raise ctx.fail(f"{k}.reliability", f"{r['reliability']!r} is not one of {', '.join(RELIABILITY)}")
        for tkey in ("number", "issuer", "note"):
            if r.get(tkey) is not None and not isinstance(r[tkey], str):
                raise ctx.fail(f"{k}.{tkey}", "must be text or null")
        refs.append(Reference(
            title=r["title"], number=r.get("number"), issuer=r.get("issuer"),
            published=date_text(ctx, f"{k}.published", r.get("published")),
            effective=date_text(ctx, f"{k}.effective", r.get("effective")),
            read_at=tuple(read_at), reliability=r["reliability"],
            checked=date_text(ctx, f"{k}.checked", r.get("checked")), note=r.get("note")))
    return tuple(refs)


def contains_null(v: Any) -> bool:
    """True where anything is null or marked unknown (the entry then needs a note)."""
    if v is None or v == "unknown":
        return True
    if isinstance(v, dict):
        return any(contains_null(x) for x in v.values())
    if isinstance(v, list):
        return any(contains_null(x) for x in v)
    return False


# --------------------------------------------------------------------------- registry
Validator = Callable[[ValidationContext, dict], None]
_VALIDATORS: dict[str, Validator] = {}
_MODELS: dict[str, type] = {}


def register_concept(concept: str, validator: Validator) -> None:
    """Let a topic module (family, resident, statistics, …) load its dated, cited files with
    :func:`load_parameter_file`. ``validator(ctx, body)`` raises ``ctx.fail(key, message)`` for
    anything wrong in one dated entry; the envelope (date keys, duplicate keys, a reference on
    every value, a note where anything is null) is checked here."""
    if concept in _VALIDATORS and _VALIDATORS[concept] is not validator:
        raise ValueError(f"concept {concept!r} is already registered")
    _VALIDATORS[concept] = validator


def register_model(concept: str, model: type) -> None:
    """A concept whose dated values are parsed into the frozen pydantic ``model``."""
    from medinsure.rules.typed import model_validator

    _MODELS[concept] = model
    _VALIDATORS[concept] = model_validator(model)


def registered_models() -> dict[str, type]:
    return dict(_MODELS)


def relative(path: Path, root: Path | None = None) -> str:
    root = root or data_dir().parent
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_parameter_file(path: Path, root: Path | None = None) -> ParameterFile:
    rel = relative(path, root)
    doc = read_yaml(path, rel)
    ctx = ValidationContext(rel)
    check_keys(ctx, "", doc, {"concept", "label", "description", "values"}, {"concept", "label", "values"})
    concept = doc["concept"]
    if concept not in _VALIDATORS:
        raise ctx.fail("concept", f"{concept!r} is not one of {', '.join(_VALIDATORS)}")
    if path.stem != concept:
        raise ctx.fail("concept", f"{concept!r} does not match the file name {path.name!r}")
    check_bilingual(ctx, "label", doc["label"])
    if doc.get("description") is not None:
        check_bilingual(ctx, "description", doc["description"])
    values = doc["values"]
    if not isinstance(values, dict) or not values:
        raise ctx.fail("values", "must be a non-empty mapping of effective dates")
    model = _MODELS.get(concept)
    entries = []
    for day, raw in values.items():
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ctx.fail(f"values.{day}", "keys must be effective dates written YYYY-MM-DD")
        dctx = ValidationContext(rel, day)
        if not isinstance(raw, dict):
            raise dctx.fail("values", "a dated value must be a mapping")
        if "reference" not in raw:
            raise dctx.fail("reference", "every dated value needs a reference")
        refs = parse_reference(dctx, "reference", raw["reference"])
        note = raw.get("note")
        if note is not None:
            check_bilingual(dctx, "note", note)
        date_exact = raw.get("date_exact", True)
        if not isinstance(date_exact, bool):
            raise dctx.fail("date_exact", f"{date_exact!r} must be true or false")
        body = {k: v for k, v in raw.items() if k not in _ENTRY_COMMON}
        value = _VALIDATORS[concept](dctx, body)
        if contains_null(body) and note is None:
            raise dctx.fail("note", "a value is null or unknown: say what is missing in a note")
        entries.append(Entry(concept, day, body, refs, note, date_exact, rel,
                             value if model is not None else None))
    entries.sort(key=lambda e: e.date)
    return ParameterFile(concept, doc["label"], doc.get("description"), tuple(entries), rel)

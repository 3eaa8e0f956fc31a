"""The population model's data: the assumptions in ``data/population/`` (status mix, ages,
income, outpatient spending, facility levels) and the published figures of the reality check,
each loaded strictly, dated and cited.

An assumed or derived value says so in its note and cites a DERIVED reference; a published
figure names one of its entry's references.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from medinsure.errors import DataError, InvalidInput
from medinsure.rules.employee import LEVELS, STATUSES
from medinsure.rules.files import (
    Entry,
    ParameterFile,
    Reference,
    ValidationContext,
    check_amount,
    check_bands,
    check_bilingual,
    check_keys,
    check_rate,
    data_dir,
    load_parameter_file,
    register_concept,
)

# The enrollee's age bounds, as medinsure.enrollee.AGE_RANGE (rules/ does not import the calculation).
AGE_BOUNDS = (16, 120)

BASES = ("sourced", "derived", "assumed")
UNITS = {"10k persons": 10_000, "100m yuan": 100_000_000, "share": 1, "yuan/year": 1}
SCOPES = ("national", "hunan")
_WEIGHT_TOL = 1e-6  # weights add up to 1 within float error
ASSUMPTION_CONCEPTS = ("population_mix", "population_ages", "population_income",
                       "population_spending", "population_levels")


# --------------------------------------------------------------------------- validation
def _check_parameter(ctx: ValidationContext, key: str, raw: object, check_value) -> None:
    """A parameter is {value, basis, note}; an assumed one says so ("假设" / "assumed") and why."""
    check_keys(ctx, key, raw, {"value", "basis", "note"}, {"value", "basis"})
    if raw["basis"] not in BASES:
        raise ctx.fail(f"{key}.basis", f"{raw['basis']!r} is not one of {', '.join(BASES)}")
    if raw["basis"] != "sourced":
        if "note" not in raw:
            raise ctx.fail(f"{key}.note", f"a {raw['basis']} value needs a note (the arithmetic, or why it is assumed)")
        check_bilingual(ctx, f"{key}.note", raw["note"])
        if raw["basis"] == "assumed" and not ("假设" in raw["note"]["zh"]
                                              and "assumed" in raw["note"]["en"].lower()):
            raise ctx.fail(f"{key}.note", "an assumed value's note must say 假设 / assumed, and why")
    elif "note" in raw:
        check_bilingual(ctx, f"{key}.note", raw["note"])
    if raw["value"] is None:
        raise ctx.fail(f"{key}.value", "a model parameter cannot be unknown (null)")
    check_value(f"{key}.value", raw["value"])


def _positive(ctx: ValidationContext, key: str, v: object) -> None:
    check_amount(ctx, key, v)
    if v == 0:
        raise ctx.fail(key, "must be above 0")


def _validate_mix(ctx: ValidationContext, d: dict) -> None:
    names = {"share_retired", "share_flexible"}
    check_keys(ctx, "", d, names, names)
    for k in names:
        _check_parameter(ctx, k, d[k], lambda key, v: check_rate(ctx, key, v))
    if d["share_retired"]["value"] + d["share_flexible"]["value"] > 1:
        raise ctx.fail("share_flexible", "retired and flexible shares add up to more than 1")


def _check_weights(ctx: ValidationContext, key: str, weights: list[float]) -> None:
    if abs(sum(weights) - 1) > _WEIGHT_TOL:
        raise ctx.fail(key, f"weights add up to {sum(weights)!r}, not 1")


def _validate_ages(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, set(STATUSES), set(STATUSES))

    def bands(key: str, v: object) -> None:
        if not isinstance(v, list) or not v:
            raise ctx.fail(key, "a non-empty list of {min_age, max_age, weight}")
        expected = None
        for i, b in enumerate(v):
            k = f"{key}[{i}]"
            check_keys(ctx, k, b, {"min_age", "max_age", "weight"}, {"min_age", "max_age", "weight"})
            lo, hi = b["min_age"], b["max_age"]
            if not all(isinstance(a, int) and not isinstance(a, bool) for a in (lo, hi)) \
                    or not AGE_BOUNDS[0] <= lo <= hi <= AGE_BOUNDS[1]:
                raise ctx.fail(k, f"ages {lo!r}–{hi!r} must be whole years, "
                                  f"{AGE_BOUNDS[0]} <= min_age <= max_age <= {AGE_BOUNDS[1]}")
            if expected is not None and lo != expected:
                raise ctx.fail(f"{k}.min_age", f"gap or overlap: band starts at {lo}, expected {expected}")
            expected = hi + 1
            check_rate(ctx, f"{k}.weight", b["weight"])
        _check_weights(ctx, key, [b["weight"] for b in v])

    for s in STATUSES:
        _check_parameter(ctx, s, d[s], bands)


def _validate_income(ctx: ValidationContext, d: dict) -> None:
    names = {"wage_level", "wage_sigma", "pension_level", "pension_sigma"}
    check_keys(ctx, "", d, names, names)
    for k in names:
        check = (lambda key, v: _positive(ctx, key, v)) if k.endswith("level") else \
            (lambda key, v: check_amount(ctx, key, v))
        _check_parameter(ctx, k, d[k], check)


def _validate_spending(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, set(STATUSES), set(STATUSES))

    def band_values(key: str, vals: dict) -> None:
        names = {"zero_share", "mean_positive", "sigma"}
        check_keys(ctx, key, vals, names, names)
        check_rate(ctx, f"{key}.zero_share", vals["zero_share"])
        check_amount(ctx, f"{key}.mean_positive", vals["mean_positive"])
        check_amount(ctx, f"{key}.sigma", vals["sigma"])
        if any(vals[n] is None for n in names):
            raise ctx.fail(key, "a model parameter cannot be unknown (null)")

    for s in STATUSES:
        _check_parameter(ctx, s, d[s], lambda key, v: check_bands(ctx, key, v, band_values))


def _validate_levels(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, set(STATUSES), set(STATUSES))

    def shares(key: str, v: object) -> None:
        check_keys(ctx, key, v, set(LEVELS), set(LEVELS))
        for lvl in LEVELS:
            check_rate(ctx, f"{key}.{lvl}", v[lvl])
        _check_weights(ctx, key, [v[lvl] for lvl in LEVELS])

    for s in STATUSES:
        _check_parameter(ctx, s, d[s], shares)


def _validate_figures(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, {"figures"}, {"figures"})
    figs = d["figures"]
    if not isinstance(figs, dict) or not figs:
        raise ctx.fail("figures", "a non-empty mapping of figures")
    for name, f in figs.items():
        k = f"figures.{name}"
        check_keys(ctx, k, f, {"scope", "value", "unit", "label", "basis", "source", "note"},
                   {"scope", "value", "unit", "label", "basis", "source"})
        if f["scope"] not in SCOPES:
            raise ctx.fail(f"{k}.scope", f"{f['scope']!r} is not one of {', '.join(SCOPES)}")
        if f["unit"] not in UNITS:
            raise ctx.fail(f"{k}.unit", f"{f['unit']!r} is not one of {', '.join(UNITS)}")
        if f["basis"] not in ("sourced", "derived"):
            raise ctx.fail(f"{k}.basis", f"{f['basis']!r} must be sourced or derived")
        if f["value"] is None:
            raise ctx.fail(f"{k}.value", "a published figure cannot be null here; leave it out")
        check_amount(ctx, f"{k}.value", f["value"])
        if f["unit"] == "share":
            check_rate(ctx, f"{k}.value", f["value"])
        check_bilingual(ctx, f"{k}.label", f["label"])
        if not isinstance(f["source"], str) or not f["source"].strip():
            raise ctx.fail(f"{k}.source", "the title of one of the entry's references")
        if f["basis"] == "derived" and "note" not in f:
            raise ctx.fail(f"{k}.note", "a derived figure needs a note with its arithmetic")
        if "note" in f:
            check_bilingual(ctx, f"{k}.note", f["note"])


_VALIDATORS = {
    "population_mix": _validate_mix,
    "population_ages": _validate_ages,
    "population_income": _validate_income,
    "population_spending": _validate_spending,
    "population_levels": _validate_levels,
    "published_figures": _validate_figures,
}
for _concept, _validator in _VALIDATORS.items():
    register_concept(_concept, _validator)


# --------------------------------------------------------------------------- loading
def population_dir() -> Path:
    """``data/population/`` (follows ``$MEDINSURE_DATA``)."""
    return data_dir() / "population"


def _check_sources(pf: ParameterFile) -> None:
    """Checks that need the references: an assumed or derived parameter cites the DERIVED
    reference; a published figure names one of its entry's references."""
    for e in pf.entries:
        titles = {r.title for r in e.references}
        if pf.concept == "published_figures":
            for name, f in e["figures"].items():
                if f["source"] not in titles:
                    raise DataError(pf.source, f"figures.{name}.source",
                                    f"{f['source']!r} is not the title of a reference of this entry", e.date)
            continue
        bases = {p["basis"] for p in e.data.values()}
        if bases - {"sourced"} and not any(r.reliability == "DERIVED" for r in e.references):
            raise DataError(pf.source, "reference", "derived or assumed values need a reference "
                            "with reliability DERIVED", e.date)
        if bases - {"sourced"} and e.note is None:
            raise DataError(pf.source, "note", "say in the entry note what is derived or assumed", e.date)


@cache
def _load(folder: str, concept: str) -> ParameterFile:
    path = Path(folder) / f"{concept}.yaml"
    if not path.exists():
        raise DataError(f"data/population/{concept}.yaml", "(file)", "missing")
    pf = load_parameter_file(path)
    _check_sources(pf)
    return pf


def parameter_file(concept: str) -> ParameterFile:
    """One of the population files, loaded strictly (``concept`` names the file)."""
    if concept not in _VALIDATORS:
        raise InvalidInput("concept", concept, "one of " + ", ".join(_VALIDATORS))
    return _load(str(population_dir()), concept)


# --------------------------------------------------------------------------- assumptions
@dataclass(frozen=True)
class AgeBand:
    """Ages ``lo``..``hi`` (whole years, inclusive), drawn with probability ``weight``."""

    lo: int
    hi: int
    weight: float


@dataclass(frozen=True)
class SpendingBand:
    """Yearly in-scope outpatient spending from age ``lo`` (to the next band's start).

    ``zero_share`` spend nothing; the others spend a lognormal amount with mean
    ``mean_positive`` [yuan/year] and log-spread ``sigma``.
    """

    lo: int
    zero_share: float
    mean_positive: float
    sigma: float


@dataclass(frozen=True)
class Assumptions:
    """Everything the synthetic population is drawn from (see ``data/population/``).

    Change one with :func:`dataclasses.replace` or :func:`with_spending`.
    """

    share_retired: float          # of all enrollees
    share_flexible: float         # of all enrollees
    wage_level: float             # mean wage ÷ region average wage
    wage_sigma: float             # lognormal σ
    pension_level: float          # mean pension ÷ region average wage
    pension_sigma: float          # lognormal σ
    ages: Mapping[str, tuple[AgeBand, ...]]
    spending: Mapping[str, tuple[SpendingBand, ...]]
    levels: Mapping[str, tuple[float, ...]]   # shares by medinsure.rules.LEVELS
    entries: tuple[Entry, ...] = field(default=(), compare=False, repr=False)

    @property
    def references(self) -> tuple[Reference, ...]:
        out: list[Reference] = []
        for e in self.entries:
            out.extend(r for r in e.references if r not in out)
        return tuple(out)


def assumptions_on(day: dt.date | str) -> Assumptions:
    """The assumptions in force on ``day`` (each file's latest entry on or before it)."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise InvalidInput("date", day, "a date written YYYY-MM-DD") from None
    e = {c: parameter_file(c).at(day) for c in ASSUMPTION_CONCEPTS}
    mix, ages, inc = e["population_mix"], e["population_ages"], e["population_income"]
    spend, lvl = e["population_spending"], e["population_levels"]
    return Assumptions(
        share_retired=float(mix["share_retired"]["value"]),
        share_flexible=float(mix["share_flexible"]["value"]),
        wage_level=float(inc["wage_level"]["value"]), wage_sigma=float(inc["wage_sigma"]["value"]),
        pension_level=float(inc["pension_level"]["value"]),
        pension_sigma=float(inc["pension_sigma"]["value"]),
        ages={s: tuple(AgeBand(b["min_age"], b["max_age"], float(b["weight"]))
                       for b in ages[s]["value"]) for s in STATUSES},
        spending={s: tuple(SpendingBand(b.get("min_age", 0), float(b["zero_share"]),
                                        float(b["mean_positive"]), float(b["sigma"]))
                           for b in spend[s]["value"]) for s in STATUSES},
        levels={s: tuple(float(lvl[s]["value"][name]) for name in LEVELS) for s in STATUSES},
        entries=tuple(e.values()))


def published_figures() -> dict[tuple[str, int], dict]:
    """{(figure name, year): figure with its references} from ``published_figures.yaml``."""
    pf = parameter_file("published_figures")
    out = {}
    for e in pf.entries:
        refs = {r.title: r for r in e.references}
        for name, f in e["figures"].items():
            out[(name, e.date.year)] = {**f, "year": e.date.year, "reference": refs[f["source"]],
                                        "where": e.where}
    return out

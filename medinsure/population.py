"""Who gains and who loses: a seeded synthetic population of employee enrollees, computed on arrays.

The population (status, age, wage, pension, facility level, yearly in-scope outpatient spending)
is drawn from the dated, referenced assumptions in ``data/population/``. The old-vs-new
comparison is :func:`medinsure.compare.compute` — the household calculator's own code — on the
whole population at once, so one row of the population gives exactly what
:func:`medinsure.compare.compare` gives for that person. Break-even is solved on the
piecewise-linear gain curve of each person and checked, to the fen, by the same code.

Everything here is yearly: the account *credit* of one year, the reimbursement of one year. The
model holds no account balances (what earlier years left in the accounts); "unspent credit" is
this year's credit minus what this year's outpatient bill took from it — the yearly addition to
a balance from outpatient use alone.

References
----------
国办发〔2021〕14号 (the reform); the regional rules in ``data/regions/``; the statistical bulletins
cited in ``data/population/published_figures.yaml`` for the reality check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from medinsure.break_even import BREAK_EVEN_STATUSES, TOL, break_even
from medinsure.compare import Inputs, compute
from medinsure.enrollee import AGE_RANGE, OUTPATIENT_RANGE, PENSION_RANGE, WAGE_RANGE, Enrollee
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import (
    LEVELS,
    STATUSES,
    Entry,
    ParameterFile,
    Reference,
    RuleSet,
    ValidationContext,
    check_amount,
    check_bands,
    check_bilingual,
    check_keys,
    check_rate,
    data_dir,
    load_parameter_file,
    register_concept,
    rules_for,
)

BASES = ("sourced", "derived", "assumed")
UNITS = {"10k persons": 10_000, "100m yuan": 100_000_000, "share": 1, "yuan/year": 1}
SCOPES = ("national", "hunan")
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
    if abs(sum(weights) - 1) > TOL:
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
                    or not AGE_RANGE[0] <= lo <= hi <= AGE_RANGE[1]:
                raise ctx.fail(k, f"ages {lo!r}–{hi!r} must be whole years, "
                                  f"{AGE_RANGE[0]} <= min_age <= max_age <= {AGE_RANGE[1]}")
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


def _age_density(bands: tuple[AgeBand, ...]) -> np.ndarray:
    """Probability of each whole age 0..AGE_RANGE[1] under the bands."""
    p = np.zeros(AGE_RANGE[1] + 1)
    for b in bands:
        p[b.lo:b.hi + 1] += b.weight / (b.hi - b.lo + 1)
    return p


def _spending_index(bands: tuple[SpendingBand, ...], age: np.ndarray) -> np.ndarray:
    return np.searchsorted(np.array([b.lo for b in bands]), age, side="right") - 1


def spending_means(a: Assumptions, status: str) -> tuple[float, float]:
    """(share with no spending, mean spending of those who spend [yuan/year]) for a status,
    averaged over its age structure."""
    p = _age_density(a.ages[status])
    ages = np.arange(p.size)
    bands = a.spending[status]
    i = _spending_index(bands, ages)
    zero = np.array([b.zero_share for b in bands])[i]
    mean = np.array([b.mean_positive for b in bands])[i]
    spenders = p * (1 - zero)
    mean_positive = float((spenders * mean).sum() / spenders.sum()) if spenders.sum() > 0 else 0.0
    return float((p * zero).sum()), mean_positive


def with_spending(a: Assumptions, status: str, zero_share: float | None = None,
                  mean_positive: float | None = None) -> Assumptions:
    """Rescale a status's spending bands so that, over its age structure, the share with no
    spending and the mean of those who spend are the given values (the age profile is kept)."""
    if status not in STATUSES:
        raise InvalidInput("status", status, "one of " + ", ".join(STATUSES))
    bands = a.spending[status]
    if zero_share is not None:
        _check_share(f"zero_share_{status}", zero_share)
        current = spending_means(a, status)[0]
        k = zero_share / current if current > 0 else 0.0
        bands = tuple(dataclasses.replace(b, zero_share=(min(b.zero_share * k, 1.0) if current > 0
                                                         else zero_share)) for b in bands)
        a = dataclasses.replace(a, spending={**a.spending, status: bands})
    if mean_positive is not None:
        if not _finite(mean_positive) or not 0 <= mean_positive <= OUTPATIENT_RANGE[1]:
            raise InvalidInput(f"mean_spending_{status}", mean_positive,
                               f"yuan a year from 0 to {OUTPATIENT_RANGE[1]:,.0f}")
        current = spending_means(a, status)[1]
        k = mean_positive / current if current > 0 else 0.0
        bands = tuple(dataclasses.replace(b, mean_positive=(b.mean_positive * k if current > 0
                                                            else mean_positive)) for b in a.spending[status])
        a = dataclasses.replace(a, spending={**a.spending, status: bands})
    return a


def _finite(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_share(name: str, v: object) -> None:
    if not _finite(v) or not 0 <= v <= 1:
        raise InvalidInput(name, v, "a share from 0 to 1")


def check_assumptions(a: Assumptions) -> None:
    """Raise :class:`InvalidInput` naming the first assumption the model cannot use."""
    _check_share("share_retired", a.share_retired)
    _check_share("share_flexible", a.share_flexible)
    if a.share_retired + a.share_flexible > 1:
        raise InvalidInput("share_flexible", a.share_flexible,
                           f"at most 1 − share_retired = {1 - a.share_retired:.4f}")
    for name in ("wage_level", "pension_level"):
        v = getattr(a, name)
        if not _finite(v) or v <= 0:
            raise InvalidInput(name, v, "a multiple of the region's average wage above 0")
    for name in ("wage_sigma", "pension_sigma"):
        v = getattr(a, name)
        if not _finite(v) or v < 0:
            raise InvalidInput(name, v, "a lognormal spread of 0 or more")
    for s in STATUSES:
        for b in a.spending[s]:
            _check_share(f"zero_share_{s}", b.zero_share)
            if not _finite(b.mean_positive) or b.mean_positive < 0:
                raise InvalidInput(f"mean_spending_{s}", b.mean_positive, "yuan a year, 0 or more")


# --------------------------------------------------------------------------- the population
def _status_counts(a: Assumptions, n: int) -> tuple[int, int, int]:
    retired = round(n * a.share_retired)
    flexible = min(round(n * a.share_flexible), n - retired)
    return n - retired - flexible, retired, flexible


def _lognormal(mean: np.ndarray, sigma: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Lognormal draws with the given mean (not median) from standard normal ``z``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.exp(np.log(mean) - sigma * sigma / 2 + sigma * z)


# one random stream per drawn quantity, so that changing one assumption leaves the others' draws alone
_STREAMS = ("band", "age", "level", "income", "zero", "spend")


def synthesize(a: Assumptions, n: int, average_wage: float | None, seed: int = 0) -> Inputs:
    """A synthetic population of ``n`` employee enrollees as :class:`medinsure.compare.Inputs`.

    Parameters
    ----------
    a : Assumptions
    n : int
        Number of enrollees.
    average_wage : float or None
        The region's average wage [yuan/month]; wages and pensions are multiples of it.
        ``None`` (not known for the region) gives NaN wages and pensions.
    seed : int
        The same seed and assumptions give the same population. Each person keeps the same
        random numbers when an assumption changes (common random numbers), so the app's charts
        move with the assumption, not with the noise.

    Notes
    -----
    Flexibly employed enrollees get no wage (NaN), so the region's default flexible base applies
    (what the household calculator does when no wage is given); retirement years are not drawn
    (NaN) and out-of-scope spending is 0.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InvalidInput("n", n, "a whole number of enrollees, 1 or more")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInput("seed", seed, "a whole number, 0 or more")
    check_assumptions(a)
    n = int(n)
    rng = dict(zip(_STREAMS, (np.random.default_rng(s)
                              for s in np.random.SeedSequence(int(seed)).spawn(len(_STREAMS)))))
    u_band, u_age, u_level, u_zero = (rng[k].random(n) for k in ("band", "age", "level", "zero"))
    z_income, z_spend = (rng[k].standard_normal(n) for k in ("income", "spend"))
    counts = _status_counts(a, n)
    status = np.repeat(np.arange(len(STATUSES), dtype=np.int8), counts)
    age = np.empty(n, dtype=np.int64)
    level = np.empty(n, dtype=np.int8)
    zero = np.empty(n)
    mean = np.empty(n)
    sigma = np.empty(n)
    for code, name in enumerate(STATUSES):
        m = status == code
        bands = a.ages[name]
        cum = np.cumsum([b.weight for b in bands])
        k = np.minimum(np.searchsorted(cum / cum[-1], u_band[m], side="right"), len(bands) - 1)
        lo = np.array([b.lo for b in bands])[k]
        width = np.array([b.hi - b.lo + 1 for b in bands])[k]
        age[m] = lo + np.minimum((u_age[m] * width).astype(np.int64), width - 1)
        cum_l = np.cumsum(a.levels[name])
        level[m] = np.minimum(np.searchsorted(cum_l / cum_l[-1], u_level[m], side="right"),
                              len(LEVELS) - 1)
        sb = a.spending[name]
        i = _spending_index(sb, age[m])
        zero[m] = np.array([b.zero_share for b in sb])[i]
        mean[m] = np.array([b.mean_positive for b in sb])[i]
        sigma[m] = np.array([b.sigma for b in sb])[i]
    avg = np.nan if average_wage is None else float(average_wage)
    in_service, retired = status == STATUSES.index("in_service"), status == STATUSES.index("retired")
    wage = np.where(in_service, _lognormal(np.full(n, a.wage_level * avg), np.full(n, a.wage_sigma), z_income),
                    np.nan)
    pension = np.where(retired, _lognormal(np.full(n, a.pension_level * avg), np.full(n, a.pension_sigma),
                                           z_income), np.nan)
    wage = np.round(np.clip(wage, *WAGE_RANGE), 2)
    pension = np.round(np.clip(pension, *PENSION_RANGE), 2)
    spend = np.where((u_zero < zero) | (mean <= 0), 0.0, _lognormal(mean, sigma, z_spend))
    spend = np.round(np.clip(spend, *OUTPATIENT_RANGE), 2)
    return Inputs(status=status, age=age, wage=wage, pension=pension,
                  retirement_year=np.full(n, np.nan), outpatient=spend, out_of_scope=np.zeros(n),
                  level=level)


def enrollee_at(x: Inputs, i: int) -> Enrollee:
    """Person ``i`` of a population as an :class:`Enrollee` (for the per-person calculator)."""
    def opt(v: float) -> float | None:
        return None if math.isnan(v) else float(v)
    ry = opt(float(x.retirement_year[i]))
    return Enrollee(status=STATUSES[int(x.status[i])], age=int(x.age[i]),
                    wage_monthly=opt(float(x.wage[i])), pension_monthly=opt(float(x.pension[i])),
                    outpatient_yearly=float(x.outpatient[i]), level=LEVELS[int(x.level[i])],
                    out_of_scope_yearly=float(x.out_of_scope[i]),
                    retirement_year=None if ry is None else int(ry))


def take(x: Inputs, idx: np.ndarray) -> Inputs:
    """The enrollees at ``idx``."""
    return Inputs(**{k: getattr(x, k)[idx] for k in x.__dataclass_fields__})


# --------------------------------------------------------------------------- break-even
def break_even_vectorised(rs: RuleSet, x: Inputs, values: dict | None = None
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Break-even for everyone (:func:`medinsure.break_even.break_even`); ``values`` is
    ``compute(rs, x)`` if already computed."""
    return break_even(x, compute(rs, x) if values is None else values)


# --------------------------------------------------------------------------- running the model
_KEYS = ("base_old", "base_new", "credit_old", "credit_new", "reimbursement_old",
         "reimbursement_new", "account_paid_old", "account_paid_new", "cash_old", "cash_new",
         "own_contribution_old", "own_contribution_new", "employer_contribution_old",
         "employer_contribution_new", "resources_gain", "cash_gain")


@dataclass(frozen=True)
class PopulationResult:
    """The old-vs-new comparison for a synthetic population; money in yuan/year per person."""

    region: str
    date: dt.date
    ruleset: RuleSet = field(repr=False)
    assumptions: Assumptions = field(repr=False)
    seed: int
    average_wage: float | None
    inputs: Inputs = field(repr=False)
    values: dict = field(repr=False)          # compute()'s arrays (without params)
    break_even_status: np.ndarray | None = field(default=None, repr=False)
    break_even: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return int(self.inputs.age.size)

    @property
    def gain(self) -> np.ndarray:
        return self.values["resources_gain"]

    @property
    def known(self) -> bool:
        """False where the region's rules leave any credit or reimbursement unknown."""
        return not bool(np.isnan(self.gain).any())

    def status_share(self) -> np.ndarray:
        return np.bincount(self.inputs.status, minlength=len(STATUSES)) / self.n


def run(region: str, date: dt.date | str, n: int, seed: int = 0,
        assumptions: Assumptions | None = None, with_break_even: bool = True) -> PopulationResult:
    """Draw the population and compare old and new rules for everyone.

    Parameters
    ----------
    region : str
        Region slug; its average wage (at the rules date) sets wage and pension levels.
    date : date or str
        As for :func:`medinsure.compare.compare`: the rules in force that day are "new".
    n : int
        Number of enrollees.
    seed : int
    assumptions : Assumptions, optional
        Default: those in force on ``date`` (``data/population/``).
    with_break_even : bool
        Also solve everyone's break-even spending.
    """
    rs = rules_for(region, date)
    a = assumptions_on(rs.date) if assumptions is None else assumptions
    avg = rs.new.contribution_base["average_wage_monthly"]
    x = synthesize(a, n, avg, seed)
    full = compute(rs, x)
    values = {k: full[k] for k in _KEYS}
    be_status = be = None
    if with_break_even:
        be_status, be = break_even_vectorised(rs, x, full)
    return PopulationResult(region, rs.date, rs, a, int(seed), avg, x, values, be_status, be)


# --------------------------------------------------------------------------- results
def _round_fen(v: np.ndarray) -> np.ndarray:
    return np.round(v, 2)


def outcome_shares(gain: np.ndarray) -> tuple[float, float, float]:
    """Shares of people who gain, are unchanged (to the fen) and lose; NaN if any is unknown."""
    if gain.size == 0 or np.isnan(gain).any():
        return (math.nan,) * 3
    g = _round_fen(gain)
    return float((g > 0).mean()), float((g == 0).mean()), float((g < 0).mean())


def band_codes(values: np.ndarray, edges: tuple[float, ...]) -> np.ndarray:
    """Band index of each value: band k holds edges[k-1] <= v < edges[k]; NaN gives -1."""
    codes = np.searchsorted(np.asarray(edges, dtype=float), values, side="right")
    return np.where(np.isnan(values), -1, codes)


def quantile_edges(values: np.ndarray, quantiles: tuple[float, ...]) -> tuple[float, ...]:
    """Inner edges at the given quantiles of the known values (for quintiles etc.)."""
    v = values[~np.isnan(values)]
    return tuple(float(q) for q in np.quantile(v, quantiles)) if v.size else ()


@dataclass(frozen=True)
class GroupTable:
    """Results by group. Shares of people; means in yuan/year per person; NaN where unknown."""

    codes: tuple[int, ...]
    count: np.ndarray
    share_gaining: np.ndarray
    share_losing: np.ndarray
    mean_gain: np.ndarray
    mean_credit_change: np.ndarray
    mean_reimbursement_change: np.ndarray

    def rows(self) -> list[dict]:
        return [{"group": c, "count": int(self.count[i]), "share_gaining": float(self.share_gaining[i]),
                 "share_losing": float(self.share_losing[i]), "mean_gain": float(self.mean_gain[i]),
                 "mean_credit_change": float(self.mean_credit_change[i]),
                 "mean_reimbursement_change": float(self.mean_reimbursement_change[i])}
                for i, c in enumerate(self.codes)]


def _group_mean(codes: np.ndarray, v: np.ndarray, size: int, count: np.ndarray) -> np.ndarray:
    nan = np.isnan(v)
    total = np.bincount(codes, weights=np.where(nan, 0.0, v), minlength=size)
    unknown = np.bincount(codes, weights=nan, minlength=size) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(unknown | (count == 0), np.nan, total / count)


def group_table(r: PopulationResult, codes: np.ndarray, size: int,
                mask: np.ndarray | None = None) -> GroupTable:
    """Results for groups ``0..size-1`` given by ``codes`` (``-1`` = left out; ``mask`` keeps a subset)."""
    keep = codes >= 0 if mask is None else (codes >= 0) & mask
    c = codes[keep]
    v = {k: r.values[k][keep] for k in ("resources_gain", "credit_old", "credit_new",
                                         "reimbursement_old", "reimbursement_new")}
    count = np.bincount(c, minlength=size).astype(float)
    g = _round_fen(v["resources_gain"])
    unknown_g = np.isnan(g)
    mean_g = _group_mean(c, v["resources_gain"], size, count)
    share = {}
    for name, cond in (("gain", g > 0), ("lose", g < 0)):
        share[name] = _group_mean(c, np.where(unknown_g, np.nan, cond.astype(float)), size, count)
    return GroupTable(tuple(range(size)), count, share["gain"], share["lose"], mean_g,
                      _group_mean(c, v["credit_new"] - v["credit_old"], size, count),
                      _group_mean(c, v["reimbursement_new"] - v["reimbursement_old"], size, count))


@dataclass(frozen=True)
class MoneyFlows:
    """Yearly totals [yuan/year] for the modelled population, by status and for all
    (index ``len(STATUSES)``)."""

    count: np.ndarray
    credit_old: np.ndarray
    credit_new: np.ndarray
    reimbursement_old: np.ndarray
    reimbursement_new: np.ndarray
    account_paid_old: np.ndarray
    account_paid_new: np.ndarray
    contributions_old: np.ndarray      # own + employer contributions under the old rules

    @property
    def moved_from_accounts(self) -> np.ndarray:
        """Credit no longer paid into accounts (stays in the pooled fund) [yuan/year]."""
        return self.credit_old - self.credit_new

    @property
    def returned_as_reimbursement(self) -> np.ndarray:
        """Extra outpatient reimbursement paid by the pooled fund [yuan/year]."""
        return self.reimbursement_new - self.reimbursement_old

    @property
    def share_returned(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.returned_as_reimbursement / self.moved_from_accounts

    def per_enrollee(self, name: str) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return getattr(self, name) / self.count


def money_flows(r: PopulationResult) -> MoneyFlows:
    """Where the money goes in a year, by status and in total."""
    s = r.inputs.status
    size = len(STATUSES)

    def sums(v: np.ndarray) -> np.ndarray:
        per = np.bincount(s, weights=np.nan_to_num(v, nan=0.0), minlength=size)
        unknown = np.bincount(s, weights=np.isnan(v), minlength=size) > 0
        per = np.where(unknown, np.nan, per)
        return np.append(per, per.sum())

    count = np.bincount(s, minlength=size).astype(float)
    v = r.values
    return MoneyFlows(np.append(count, count.sum()), sums(v["credit_old"]), sums(v["credit_new"]),
                      sums(v["reimbursement_old"]), sums(v["reimbursement_new"]),
                      sums(v["account_paid_old"]), sums(v["account_paid_new"]),
                      sums(v["own_contribution_old"] + v["employer_contribution_old"]))


def top_shares(values: np.ndarray, fractions: tuple[float, ...]) -> np.ndarray:
    """Share of the total of ``values`` held by the top ``fractions`` of people (largest first);
    NaN if any value is unknown or the total is 0."""
    if values.size == 0 or np.isnan(values).any():
        return np.full(len(fractions), np.nan)
    v = np.sort(values)[::-1]
    total = v.sum()
    if total <= 0:
        return np.full(len(fractions), np.nan)
    cum = np.concatenate([[0.0], np.cumsum(v)])
    k = np.ceil(np.asarray(fractions) * v.size - 1e-6).astype(int)
    return cum[np.clip(k, 0, v.size)] / total


def unspent_credit(r: PopulationResult, regime: str) -> np.ndarray:
    """This year's credit left after this year's outpatient bill [yuan/year] — the yearly addition
    to an account from outpatient use alone (not the balance: earlier years are not modelled)."""
    return r.values[f"credit_{regime}"] - r.values[f"account_paid_{regime}"]


@dataclass(frozen=True)
class BreakEvenSummary:
    """Per status (and all, last): shares zero/found/never/unknown and quantiles of break-even
    spending [yuan/year], counting "zero" as 0 and "never" as infinite."""

    shares: np.ndarray       # (len(STATUSES)+1, 4)
    quantiles: np.ndarray    # (len(STATUSES)+1, len(q)); NaN where any is unknown


def break_even_summary(r: PopulationResult, q: tuple[float, ...]) -> BreakEvenSummary:
    if r.break_even_status is None:
        raise InvalidInput("with_break_even", False, "run the model with with_break_even=True")
    st, val = r.break_even_status, r.break_even
    v = np.where(st == BREAK_EVEN_STATUSES.index("never"), np.inf, val)
    shares, quants = [], []
    for m in [r.inputs.status == c for c in range(len(STATUSES))] + [np.ones(r.n, bool)]:
        k = st[m]
        shares.append(np.bincount(k, minlength=len(BREAK_EVEN_STATUSES)) / max(k.size, 1))
        if k.size == 0 or (k == BREAK_EVEN_STATUSES.index("unknown")).any():
            quants.append(np.full(len(q), np.nan))
        else:
            quants.append(np.quantile(v[m], q, method="inverted_cdf"))
    return BreakEvenSummary(np.array(shares), np.array(quants))


# --------------------------------------------------------------------------- reality check
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


@dataclass(frozen=True)
class Check:
    """One published figure beside the model's value for the same thing."""

    key: str
    label: dict
    year: int
    unit: str                  # of both values
    published: float
    model: float | None        # None: the model has no such number
    figures: tuple[dict, ...]  # the published figures used, with their references
    why: dict                  # {zh, en}: what the model leaves out, where it is off and why

    @property
    def ratio(self) -> float | None:
        """model ÷ published (None where the model has no value)."""
        if self.model is None or math.isnan(self.model) or self.published == 0:
            return None
        return self.model / self.published


def _scaled(per_person: dict[str, float], counts: dict[str, float]) -> float:
    """Σ per-person mean [yuan] × enrollees [10k persons], in 100m yuan."""
    total = sum(per_person[k] * counts[k] * UNITS["10k persons"] for k in counts)
    return total / UNITS["100m yuan"]


def _means_by_bulletin_group(r: PopulationResult, v: np.ndarray) -> dict[str, float]:
    """Per-person means for the bulletins' two groups: in service (employees and flexibly
    employed, as the bulletins count them) and retired."""
    retired = r.inputs.status == STATUSES.index("retired")
    return {"in_service": float(v[~retired].mean()) if (~retired).any() else math.nan,
            "retired": float(v[retired].mean()) if retired.any() else math.nan}


def _years(f: dict, name: str) -> list[int]:
    return sorted(y for (n, y) in f if n == name)


def reality_check(r: PopulationResult) -> list[Check]:
    """The published national and 湖南 figures beside the model scaled to the same enrollees.

    The model's per-person means (old rules for "before", new rules for "after") for in-service
    and retired enrollees are multiplied by the published numbers of each, so the published
    composition is used, not the model's. "Before" is the earliest year with a published
    personal-account income, "after" the latest; the years come from the data file.
    """
    f = published_figures()
    v = r.values
    old = _means_by_bulletin_group(r, v["credit_old"])
    new = _means_by_bulletin_group(r, v["credit_new"])
    paid_new = _means_by_bulletin_group(r, v["account_paid_new"])
    moved = _means_by_bulletin_group(r, v["credit_old"] - v["credit_new"])

    def fig(name: str, year: int | None = None, latest: bool = True) -> dict:
        years = _years(f, name)
        return f[(name, year if year is not None else (years[-1] if latest else years[0]))]

    def counts(year: int) -> dict[str, float]:
        return {"in_service": fig("employee_in_service", year)["value"],
                "retired": fig("employee_retired", year)["value"]}

    region = r.ruleset.region.name
    rules_text = {"zh": f"模型用{region['zh']}的规则和工资（{r.date}）",
                  "en": f"the model uses {region['en']}'s rules and wages ({r.date})"}
    flows = money_flows(r)
    checks: list[Check] = []

    inc_b = fig("account_income", latest=False)
    yb = inc_b["year"]
    checks.append(Check(
        "account_income_before", {"zh": "个人账户年收入（改革前）", "en": "Personal-account income a year (before the reform)"},
        yb, "100m yuan", inc_b["value"], _scaled(old, counts(yb)),
        (inc_b, fig("fund_income", yb), fig("pooled_income", yb), fig("employee_in_service", yb),
         fig("employee_retired", yb)),
        {"zh": f"{rules_text['zh']}的改革前划入乘以{yb}年全国在职和退休人数。公布数是基金收入减统筹收入的推算（含生育保险和利息，统筹收入仅一个第三方来源），只能看量级；各地旧划入比例不同，全国平均工资也与所选地区不同。",
         "en": f"{rules_text['en']}: the pre-reform credit times the {yb} national in-service and retired counts. The published number is fund income minus pooled income (it includes maternity insurance and interest; the pooled figure has one third-party source), so only its order of magnitude counts; old crediting shares differ by region, and the national average wage differs from the chosen region's."}))

    inc_a = fig("account_income")
    ya = inc_a["year"]
    sp_a = fig("account_spending", ya)
    checks.append(Check(
        "account_income_after", {"zh": "个人账户年收入（改革后）", "en": "Personal-account income a year (after the reform)"},
        ya, "100m yuan", inc_a["value"], _scaled(new, counts(ya)),
        (inc_a, fig("employee_in_service", ya), fig("employee_retired", ya)),
        {"zh": f"{rules_text['zh']}的改革后划入乘以{ya}年人数。退休定额和灵活就业人员是否建账户因地而异（武汉灵活就业人员不建账户，而北京、深圳等地的退休定额更高，见 data/regions/）；{ya}年工资也高于所选规则日期的缴费基数标准，个人账户收入还含利息——模型偏低主要因为这些。",
         "en": f"{rules_text['en']}: the post-reform credit times the {ya} counts. Retiree amounts and whether the flexibly employed get an account differ by region (Wuhan gives the flexibly employed none, while Beijing, Shenzhen and others give retirees more; see data/regions/); {ya} wages are above the base standard at the chosen rules date, and account income includes interest. These are the main reasons the model is low."}))

    checks.append(Check(
        "account_spending_after", {"zh": "个人账户年支出（改革后）", "en": "Personal-account spending a year (after the reform)"},
        ya, "100m yuan", sp_a["value"], _scaled(paid_new, counts(ya)),
        (sp_a, fig("employee_in_service", ya), fig("employee_retired", ya)),
        {"zh": "模型中账户只支付本人当年政策范围内门诊自付部分，且只用当年划入；实际账户还支付住院自付、药店购药、家庭成员的费用和居民医保缴费，并动用历年余额——模型偏低。",
         "en": "In the model the account pays only the enrollee's own share of this year's in-scope outpatient bill, from this year's credit; real accounts also pay inpatient own costs, pharmacy purchases, family members' bills and resident-insurance contributions, and draw on earlier balances, so the model is low."}))

    checks.append(Check(
        "account_net_after", {"zh": "个人账户当年结余（收入−支出）", "en": "Personal accounts, yearly surplus (income − spending)"},
        ya, "100m yuan", inc_a["value"] - sp_a["value"],
        _scaled(new, counts(ya)) - _scaled(paid_new, counts(ya)), (inc_a, sp_a),
        {"zh": "公布数为收入减支出（推算）。模型中账户只用于门诊，因此当年剩余偏多。模型不模拟余额。",
         "en": "The published number is income minus spending (derived). The model's accounts are used for outpatient care only, so they keep more of the year's credit. The model holds no balances."}))

    balances = [f[("account_balance", y)] for y in _years(f, "account_balance")]
    b0, b1 = balances[-2], balances[-1]
    checks.append(Check(
        "account_balance", {"zh": f"个人账户累计结存（{b1['year']}年末）", "en": f"Personal accounts, cumulative balance (end {b1['year']})"},
        b1["year"], "100m yuan", b1["value"], None, tuple(balances),
        {"zh": f"模型不模拟余额：只算每年的划入和当年用掉的部分。累计结存由多年划入减支出（含住院、家庭共济）累积而成（{b0['year']}年末 {b0['value']:,.2f} 亿，{b1['year']}年末 {b1['value']:,.2f} 亿），无法由一年的模型得出。",
         "en": f"The model holds no balances: it computes one year's credit and what that year uses. The cumulative balance builds up over many years of credits minus spending, inpatient and family use included ({b0['value']:,.2f}亿 at the end of {b0['year']}, {b1['value']:,.2f}亿 at the end of {b1['year']}), and cannot come out of a one-year model."}))

    fund_b = fig("fund_income", yb)
    share_model = float(flows.credit_old[-1] / flows.contributions_old[-1])
    checks.append(Check(
        "account_share_of_income", {"zh": "改革前个人账户占职工医保当年收入的比例", "en": "Accounts' share of the employee fund's yearly income, before the reform"},
        yb, "share", inc_b["value"] / fund_b["value"], share_model, (inc_b, fund_b),
        {"zh": f"公布数为推算（{inc_b['value']:,.2f} ÷ {fund_b['value']:,.2f}，分母含生育保险和利息）。模型为旧规则下的划入 ÷ 个人和单位缴费。",
         "en": f"The published share is derived ({inc_b['value']:,.2f} ÷ {fund_b['value']:,.2f}; the denominator includes maternity insurance and interest). The model's is the old-rule credit ÷ own and employer contributions."}))

    hs = fig("hunan_account_share")
    checks.append(Check(
        "hunan_account_share", {"zh": f"湖南：个人账户占基金累计结余的比例（{hs['year']}）", "en": f"湖南: accounts' share of the fund's cumulative balance ({hs['year']})"},
        hs["year"], "share", hs["value"], None,
        (hs, fig("hunan_account_balance", hs["year"]), fig("hunan_fund_balance", hs["year"])),
        {"zh": f"这是存量（累计结余），模型只有流量。改革前模型中账户拿走当年缴费的 {share_model:.1%}，但统筹基金当年花掉大部分收入，账户资金却逐年沉淀，所以存量中账户比例（{hs['value']:.1%}）高于流量比例——这正是改革要解决的“没病的用不了”。",
         "en": f"This is a stock (cumulative balance); the model has flows only. Before the reform the model's accounts take {share_model:.1%} of the year's contributions, but the pooled fund spends most of its income each year while account money piles up, so the accounts' share of the stock ({hs['value']:.1%}) is above their share of the flow — the \"unused by the healthy\" problem the reform addresses."}))

    hm = fig("hunan_moved_to_outpatient")
    h_all, h_ret = fig("hunan_enrollees"), fig("hunan_retired")
    hunan_counts = {"in_service": h_all["value"] - h_ret["value"], "retired": h_ret["value"]}
    checks.append(Check(
        "hunan_moved", {"zh": "湖南：每年由个人账户转入门诊保障的资金（约）", "en": "湖南: money moved from accounts into outpatient protection a year (about)"},
        hm["year"], "100m yuan", hm["value"], _scaled(moved, hunan_counts), (hm, h_all, h_ret),
        {"zh": f"模型：{rules_text['zh']}的划入减少额乘以湖南的在职和退休人数。湖南的规则不同（见 data/regions/hunan/，旧在职划入比例未查到），工资和养老金水平也不同，所以只能比较量级。",
         "en": f"Model: {rules_text['en']}, the drop in credit times 湖南's in-service and retired counts. 湖南's rules differ (see data/regions/hunan/; its old in-service shares were not found) and so do its wages and pensions, so only the order of magnitude compares."}))

    low, thr = fig("hunan_retired_low_credit"), fig("hunan_low_credit_threshold")
    retired = r.inputs.status == STATUSES.index("retired")
    model_low = float((v["credit_old"][retired] < thr["value"]).mean()) if retired.any() else math.nan
    checks.append(Check(
        "hunan_low_credit", {"zh": f"湖南：改革前每年划入不足{thr['value']:,}元的退休人员比例", "en": f"湖南: share of retirees credited under {thr['value']:,} yuan a year before the reform"},
        low["year"], "share", low["value"] / h_ret["value"], model_low, (low, h_ret, thr),
        {"zh": f"检验养老金分布的假设。模型用{region['zh']}的旧规则；湖南的旧规则和养老金水平不同（见 data/regions/hunan/）。",
         "en": f"A check of the assumed pension distribution. The model uses {region['en']}'s old rule; 湖南's old rule and pensions differ (see data/regions/hunan/)."}))

    c_b = counts(yb)
    share_r = r.assumptions.share_retired
    checks.append(Check(
        "in_service_to_retired", {"zh": f"在职与退休人数之比（{yb}）", "en": f"In-service to retired enrollees ({yb})"},
        yb, "ratio", c_b["in_service"] / c_b["retired"], (1 - share_r) / share_r if share_r else None,
        (fig("employee_in_service", yb), fig("employee_retired", yb)),
        {"zh": "模型的输入（由统计公报推算），相同是必然的；较晚的规则日期用较晚公报的比例。",
         "en": "An input of the model (derived from the bulletin), so it matches by construction; later rules dates use a later bulletin's share."}))
    return checks


# --------------------------------------------------------------------------- one summary
@dataclass(frozen=True)
class Summary:
    """The results the app and the notebook show, for the reporting bands given."""

    shares: tuple[float, float, float]          # gain, unchanged, lose (all enrollees)
    mean_gain: float                            # yuan/year per person
    by_status: GroupTable
    age_edges: tuple[float, ...]
    by_age: dict[str, GroupTable]               # status -> table over age bands
    wage_edges: tuple[float, ...]               # in-service wage quantile edges [yuan/month]
    by_wage: GroupTable
    pension_edges: tuple[float, ...]            # retirees' pension quantile edges [yuan/month]
    by_pension: GroupTable
    spending_edges: tuple[float, ...]
    by_spending: GroupTable
    flows: MoneyFlows
    top_fractions: tuple[float, ...]
    concentration: dict[str, np.ndarray]        # "credit_old", "credit_new", "unspent_old", "unspent_new"
    break_even: BreakEvenSummary | None


def summarise(r: PopulationResult, age_edges: tuple[float, ...], spending_edges: tuple[float, ...],
              quantiles: tuple[float, ...], top_fractions: tuple[float, ...],
              break_even_quantiles: tuple[float, ...]) -> Summary:
    """Everything the app shows, in one pass over the arrays.

    Parameters
    ----------
    age_edges, spending_edges : tuple of float
        Inner band edges [years], [yuan/year]; a band holds edges[k-1] <= v < edges[k].
    quantiles : tuple of float
        Inner quantiles for the wage (in service) and pension (retired) bands, e.g. quintiles.
    top_fractions : tuple of float
        Shares of people for the concentration of credits (e.g. the top 10%).
    break_even_quantiles : tuple of float
    """
    x = r.inputs
    status_codes = x.status.astype(np.int64)
    in_service = x.status == STATUSES.index("in_service")
    retired = x.status == STATUSES.index("retired")
    age_codes = band_codes(x.age.astype(float), age_edges)
    wage_edges = quantile_edges(np.where(in_service, x.wage, np.nan), quantiles)
    pension_edges = quantile_edges(np.where(retired, x.pension, np.nan), quantiles)
    wage_codes = np.where(in_service, band_codes(x.wage, wage_edges), -1)
    pension_codes = np.where(retired, band_codes(x.pension, pension_edges), -1)
    spend_codes = band_codes(x.outpatient, spending_edges)
    n_age, n_q, n_s = len(age_edges) + 1, len(quantiles) + 1, len(spending_edges) + 1
    g = r.gain
    return Summary(
        shares=outcome_shares(g),
        mean_gain=float(g.mean()),
        by_status=group_table(r, status_codes, len(STATUSES)),
        age_edges=tuple(age_edges),
        by_age={s: group_table(r, age_codes, n_age, x.status == c) for c, s in enumerate(STATUSES)},
        wage_edges=wage_edges, by_wage=group_table(r, wage_codes, n_q),
        pension_edges=pension_edges, by_pension=group_table(r, pension_codes, n_q),
        spending_edges=tuple(spending_edges), by_spending=group_table(r, spend_codes, n_s),
        flows=money_flows(r), top_fractions=tuple(top_fractions),
        concentration={f"{kind}_{regime}": top_shares(v, top_fractions)
                       for regime in ("old", "new")
                       for kind, v in (("credit", r.values[f"credit_{regime}"]),
                                       ("unspent", unspent_credit(r, regime)))},
        break_even=(break_even_summary(r, break_even_quantiles)
                    if r.break_even_status is not None else None))

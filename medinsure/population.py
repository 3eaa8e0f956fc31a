"""Who gains and who loses: a seeded synthetic population of employee enrollees, computed on arrays.

The population (status, age, wage, pension, facility level, yearly in-scope outpatient spending)
is drawn from the dated, referenced assumptions in ``data/population/``. The old-vs-new
comparison is :func:`medinsure.compare.compute` — the household calculator's own code — on the
whole population at once, so one row of the population gives exactly what
:func:`medinsure.compare.compare` gives for that person. Break-even is
:func:`medinsure.break_even.break_even`, the one code ``compare`` also uses for one person.
Group tables, money flows and the reality check are in :mod:`medinsure.population_summary`;
the data half (schemas, :class:`Assumptions`) in :mod:`medinsure.rules.population`.

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
from dataclasses import dataclass, field

import numpy as np

from medinsure.break_even import BREAK_EVEN_STATUSES, break_even
from medinsure.compare import Inputs, compute
from medinsure.enrollee import AGE_RANGE, OUTPATIENT_RANGE, PENSION_RANGE, WAGE_RANGE, Enrollee
from medinsure.errors import InvalidInput
from medinsure.rules import LEVELS, STATUSES, RuleSet, rules_for

# the data half (re-exported: ``pop.assumptions_on`` etc. keep working)
from medinsure.rules.population import (  # noqa: F401
    ASSUMPTION_CONCEPTS,
    AgeBand,
    Assumptions,
    SpendingBand,
    assumptions_on,
    parameter_file,
    population_dir,
    published_figures,
)

__all__ = [
    "ASSUMPTION_CONCEPTS", "BREAK_EVEN_STATUSES", "AgeBand", "Assumptions", "PopulationResult",
    "SpendingBand", "assumptions_on", "break_even_vectorised", "check_assumptions", "enrollee_at",
    "parameter_file", "population_dir", "published_figures", "run", "spending_means", "synthesize",
    "take", "with_spending",
]


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
    u = {k: rng[k].random(n) for k in ("band", "age", "level", "zero")}
    z_income, z_spend = (rng[k].standard_normal(n) for k in ("income", "spend"))
    status = np.repeat(np.arange(len(STATUSES), dtype=np.int8), _status_counts(a, n))
    age, level, zero, mean, sigma = _draw_by_status(a, status, u)
    wage, pension = _income(a, status, average_wage, z_income)
    spend = np.where((u["zero"] < zero) | (mean <= 0), 0.0, _lognormal(mean, sigma, z_spend))
    spend = np.round(np.clip(spend, *OUTPATIENT_RANGE), 2)
    return Inputs(status=status, age=age, wage=wage, pension=pension,
                  retirement_year=np.full(n, np.nan), outpatient=spend, out_of_scope=np.zeros(n),
                  level=level)


def _draw_by_status(a: Assumptions, status: np.ndarray, u: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    """Each person's age and facility level, and the spending band's (zero share, mean of those
    who spend, σ) at that age, from uniform draws ``u``, status by status."""
    n = status.size
    age = np.empty(n, dtype=np.int64)
    level = np.empty(n, dtype=np.int8)
    zero, mean, sigma = np.empty(n), np.empty(n), np.empty(n)
    for code, name in enumerate(STATUSES):
        m = status == code
        bands = a.ages[name]
        cum = np.cumsum([b.weight for b in bands])
        k = np.minimum(np.searchsorted(cum / cum[-1], u["band"][m], side="right"), len(bands) - 1)
        lo = np.array([b.lo for b in bands])[k]
        width = np.array([b.hi - b.lo + 1 for b in bands])[k]
        age[m] = lo + np.minimum((u["age"][m] * width).astype(np.int64), width - 1)
        cum_l = np.cumsum(a.levels[name])
        level[m] = np.minimum(np.searchsorted(cum_l / cum_l[-1], u["level"][m], side="right"),
                              len(LEVELS) - 1)
        sb = a.spending[name]
        i = _spending_index(sb, age[m])
        zero[m] = np.array([b.zero_share for b in sb])[i]
        mean[m] = np.array([b.mean_positive for b in sb])[i]
        sigma[m] = np.array([b.sigma for b in sb])[i]
    return age, level, zero, mean, sigma


def _income(a: Assumptions, status: np.ndarray, average_wage: float | None,
            z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(wage, pension) [yuan/month]: lognormal multiples of the average wage for the in-service
    and the retired, NaN for the others (and for all where the average wage is not known)."""
    n = status.size
    avg = np.nan if average_wage is None else float(average_wage)
    in_service, retired = status == STATUSES.index("in_service"), status == STATUSES.index("retired")
    wage = np.where(in_service, _lognormal(np.full(n, a.wage_level * avg), np.full(n, a.wage_sigma), z),
                    np.nan)
    pension = np.where(retired, _lognormal(np.full(n, a.pension_level * avg), np.full(n, a.pension_sigma),
                                           z), np.nan)
    return np.round(np.clip(wage, *WAGE_RANGE), 2), np.round(np.clip(pension, *PENSION_RANGE), 2)


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
    avg = rs.new.base.average_wage_monthly
    x = synthesize(a, n, avg, seed)
    full = compute(rs, x)
    values = {k: full[k] for k in _KEYS}
    be_status = be = None
    if with_break_even:
        be_status, be = break_even_vectorised(rs, x, full)
    return PopulationResult(region, rs.date, rs, a, int(seed), avg, x, values, be_status, be)

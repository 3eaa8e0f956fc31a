"""The input record for one enrollee, and the one place that rejects bad input.

The bounds below are sanity limits on inputs (what a person can plausibly enter), not policy
parameters; policy numbers live in ``data/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import InvalidInput
from .rules import LEVELS, STATUSES

AGE_RANGE = (16, 120)
WAGE_RANGE = (0.0, 1_000_000.0)        # yuan per month
PENSION_RANGE = (0.0, 1_000_000.0)     # yuan per month
OUTPATIENT_RANGE = (0.0, 10_000_000.0)  # yuan per year
RETIREMENT_YEAR_RANGE = (1950, 2100)


@dataclass(frozen=True)
class Enrollee:
    """One person enrolled in employee medical insurance.

    Parameters
    ----------
    status : str
        ``in_service`` (在职), ``retired`` (退休) or ``flexible`` (灵活就业).
    age : int
        Age in whole years.
    wage_monthly : float | None
        Contribution base before floor/ceiling [yuan/month]; for flexible enrollees the
        chosen base. ``None`` lets a flexible enrollee use the region's default base.
    pension_monthly : float | None
        Basic pension [yuan/month]; retirees only.
    outpatient_yearly : float
        In-scope general outpatient spending in the year [yuan/year].
    level : str
        Facility level: ``pharmacy``, ``primary``, ``secondary`` or ``tertiary``.
    out_of_scope_yearly : float
        Outpatient spending outside the policy scope (自费) [yuan/year]; cash only.
    retirement_year : int | None
        Year of retirement, where a rule depends on it (上海).
    """

    status: str
    age: int
    wage_monthly: float | None = None
    pension_monthly: float | None = None
    outpatient_yearly: float = 0.0
    level: str = "primary"
    out_of_scope_yearly: float = 0.0
    retirement_year: int | None = None

    def __post_init__(self) -> None:
        validate(self)


def _check_number(field: str, value: object, lo: float, hi: float, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidInput(field, value, f"a number from {lo:,.0f} to {hi:,.0f} {unit}")
    if not lo <= value <= hi:
        raise InvalidInput(field, value, f"from {lo:,.0f} to {hi:,.0f} {unit}")


def validate(e: Enrollee) -> None:
    """Raise :class:`InvalidInput` naming the first bad field."""
    if e.status not in STATUSES:
        raise InvalidInput("status", e.status, "one of " + ", ".join(STATUSES))
    if isinstance(e.age, bool) or not isinstance(e.age, int):
        raise InvalidInput("age", e.age, f"a whole number of years from {AGE_RANGE[0]} to {AGE_RANGE[1]}")
    if not AGE_RANGE[0] <= e.age <= AGE_RANGE[1]:
        raise InvalidInput("age", e.age, f"from {AGE_RANGE[0]} to {AGE_RANGE[1]} years")
    if e.wage_monthly is not None:
        _check_number("wage_monthly", e.wage_monthly, *WAGE_RANGE, "yuan/month")
    if e.pension_monthly is not None:
        _check_number("pension_monthly", e.pension_monthly, *PENSION_RANGE, "yuan/month")
    _check_number("outpatient_yearly", e.outpatient_yearly, *OUTPATIENT_RANGE, "yuan/year")
    _check_number("out_of_scope_yearly", e.out_of_scope_yearly, *OUTPATIENT_RANGE, "yuan/year")
    if e.level not in LEVELS:
        raise InvalidInput("level", e.level, "one of " + ", ".join(LEVELS))
    if e.retirement_year is not None:
        if isinstance(e.retirement_year, bool) or not isinstance(e.retirement_year, int) \
                or not RETIREMENT_YEAR_RANGE[0] <= e.retirement_year <= RETIREMENT_YEAR_RANGE[1]:
            raise InvalidInput("retirement_year", e.retirement_year,
                               f"a year from {RETIREMENT_YEAR_RANGE[0]} to {RETIREMENT_YEAR_RANGE[1]}")
    if e.status == "in_service" and e.wage_monthly is None:
        raise InvalidInput("wage_monthly", None, "required for an in-service enrollee (yuan/month)")

"""The input record for one enrollee, and the one place that rejects bad input.

The bounds below are sanity limits on inputs (what a person can plausibly enter), not policy
parameters; policy numbers live in ``data/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from medinsure.errors import InvalidInput
from medinsure.rules import LEVELS, STATUSES

AGE_RANGE = (16, 120)
WAGE_RANGE = (0.0, 1_000_000.0)        # yuan per month
PENSION_RANGE = (0.0, 1_000_000.0)     # yuan per month
OUTPATIENT_RANGE = (0.0, 10_000_000.0)  # yuan per year
RETIREMENT_YEAR_RANGE = (1950, 2100)
VISITS_RANGE = (0, 1000)                # outpatient visits a year
ACCOUNT_RANGE = (0.0, 10_000_000.0)     # yuan
MONEY_MAX = 10_000_000.0                # input sanity bound for any yuan amount


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
    visits_yearly : int | None
        Outpatient visits in the year, where a deductible is charged per visit (郑州 40元/次).
    account_available : float | None
        Personal-account money available for this year's in-scope bills [yuan]; ``None`` = this
        year's credit (what a new account would hold). 0 = the account pays nothing.
    frozen_credit_monthly : float | None
        The retiree's own monthly credit on the date a rule froze it (南京: December 2022)
        [yuan/month]; ``None`` = computed from the rule in force that day.
    flexible_retiree : bool
        A retiree who was flexibly employed (武汉: 66 instead of 83 yuan a month).
    """

    status: str
    age: int
    wage_monthly: float | None = None
    pension_monthly: float | None = None
    outpatient_yearly: float = 0.0
    level: str = "primary"
    out_of_scope_yearly: float = 0.0
    retirement_year: int | None = None
    visits_yearly: int | None = None
    account_available: float | None = None
    frozen_credit_monthly: float | None = None
    flexible_retiree: bool = False

    def __post_init__(self) -> None:
        validate(self)


def _check_number(field: str, value: object, lo: float, hi: float, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)):
        raise InvalidInput(field, value if not isinstance(value, int) or abs(value) < 10**20 else "a huge number",
                           f"a number from {lo:,.0f} to {hi:,.0f} {unit}")
    if not lo <= value <= hi:  # compares ints of any size without converting them
        shown = value if abs(value) < 10**20 else f"{str(value)[:12]}… ({len(str(value))} digits)"
        raise InvalidInput(field, shown, f"from {lo:,.0f} to {hi:,.0f} {unit}")


def check_money(field: str, value: object, hi: float = MONEY_MAX) -> float:
    """``value`` as a float of yuan from 0 to ``hi``, or InvalidInput naming ``field``."""
    _check_number(field, value, 0, hi, "yuan")
    return float(value)


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
    if e.visits_yearly is not None:
        if isinstance(e.visits_yearly, bool) or not isinstance(e.visits_yearly, int) \
                or not VISITS_RANGE[0] <= e.visits_yearly <= VISITS_RANGE[1]:
            raise InvalidInput("visits_yearly", e.visits_yearly,
                               f"a whole number of visits from {VISITS_RANGE[0]} to {VISITS_RANGE[1]}")
    if e.account_available is not None:
        _check_number("account_available", e.account_available, *ACCOUNT_RANGE, "yuan")
    if e.frozen_credit_monthly is not None:
        _check_number("frozen_credit_monthly", e.frozen_credit_monthly, *PENSION_RANGE, "yuan/month")
    if not isinstance(e.flexible_retiree, bool):
        raise InvalidInput("flexible_retiree", e.flexible_retiree, "true or false")
    if e.flexible_retiree and e.status != "retired":
        raise InvalidInput("flexible_retiree", e.flexible_retiree, "only for a retired enrollee")
    if e.status == "in_service" and e.wage_monthly is None:
        raise InvalidInput("wage_monthly", None, "required for an in-service enrollee (yuan/month)")

"""Family mutual aid (家庭共济): how far an employee's account covers a family over the years,
under the national rules on who may share and what the shared money may pay.

The rules are read by :mod:`medinsure.rules.family`; cross-province sharing is the state machine
of :mod:`medinsure.cross_province`; the words are in :mod:`medinsure.views.family`. The yearly
credit and the enrollee's own outpatient share come from :func:`medinsure.compare.compare`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from medinsure.compare import Comparison, compare

# the rules' names and the state machine are re-exported: `from medinsure.family import …` keeps working
from medinsure.cross_province import LINK_STATES, TRANSITIONS, CrossProvinceSharing, Event, Link, Settlement  # noqa: F401
from medinsure.enrollee import Enrollee, check_money
from medinsure.errors import InvalidInput
from medinsure.rules.family import (  # noqa: F401
    AREAS,
    CONCEPTS,
    FOLDER,
    GROUPS,
    INSURANCE,
    RELATIONS,
    SAYS_KEYS,
    USE_STATUS,
    USES,
    as_date,
    check_relation,
    check_use,
    cross_province_rules,
    first_cross_province_day,
    load,
    load_all,
    may_share,
    mutual_aid_dir,
    resident_minimum,
    scope_on,
    use_status,
    uses_on,
)
from medinsure.rules.files import Entry, Reference
from medinsure.rules.regions import Notice

ITEMS = ("own_share", "premium", "ltc_premium", "medical")   # the kinds of cost in a year
MAX_YEARS = 30            # input sanity bound: years of a projection



@dataclass(frozen=True)
class Relative:
    """A relative whose costs the employee's account might pay.

    Parameters
    ----------
    relation : str
        One of :data:`RELATIONS` except ``self``.
    insurance : str
        ``resident`` (城乡居民医保, pays a yearly individual contribution) or ``employee``
        (职工医保, contributions come from wages and are not paid from the sharer's account).
    medical_yearly : float
        Expected personal-burden costs of care and drugs at designated facilities and pharmacies
        [yuan/year].
    premium_yearly : float | None
        Resident contribution [yuan/year]; ``None`` = the national minimum of each coverage year.
    ltc_premium_yearly : float
        Long-term-care contribution [yuan/year] where the relative pays one.
    name : str
        A label for tables and sentences ("妈妈").
    """

    relation: str
    insurance: str = "resident"
    medical_yearly: float = 0.0
    premium_yearly: float | None = None
    ltc_premium_yearly: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        check_relation(self.relation)
        if self.relation == "self":
            raise InvalidInput("relation", self.relation, "a relative, not the enrollee")
        if self.insurance not in INSURANCE:
            raise InvalidInput("insurance", self.insurance, "one of " + ", ".join(INSURANCE))
        check_money("medical_yearly", self.medical_yearly)
        if self.premium_yearly is not None:
            check_money("premium_yearly", self.premium_yearly)
        check_money("ltc_premium_yearly", self.ltc_premium_yearly)


@dataclass(frozen=True)
class Item:
    """One cost of one person in one year and what the account paid of it [yuan]."""

    person: int            # 0 = the enrollee, 1.. = relatives in the order given
    kind: str              # own_share | premium | ltc_premium | medical
    use: str
    amount: float | None   # None = not known (e.g. a resident contribution the data lacks)
    allowed: bool
    reason: dict | None    # why not allowed: {"code": …, and what its sentence needs}
    paid: float


@dataclass(frozen=True)
class FamilyYear:
    year: int
    start: float
    credit: float
    items: tuple[Item, ...]
    end: float

    @property
    def need(self) -> float:
        return sum((i.amount for i in self.items if i.amount is not None), 0.0)

    @property
    def paid(self) -> float:
        return sum((i.paid for i in self.items), 0.0)

    @property
    def not_allowed(self) -> float:
        return sum((i.amount for i in self.items if i.amount is not None and not i.allowed), 0.0)

    @property
    def short(self) -> float:
        """Allowed costs the balance could not pay."""
        return sum((i.amount - i.paid for i in self.items if i.amount is not None and i.allowed), 0.0)


@dataclass(frozen=True)
class FamilyScenario:
    """One credit rule (old or new) applied over the years."""

    regime: str
    credit_yearly: float
    own_share_yearly: float
    years: tuple[FamilyYear, ...]

    @property
    def need(self) -> float:
        return sum(y.need for y in self.years)

    @property
    def paid(self) -> float:
        return sum(y.paid for y in self.years)

    @property
    def allowed_need(self) -> float:
        return sum(y.need - y.not_allowed for y in self.years)

    @property
    def coverage(self) -> float | None:
        """Share of the allowed costs the account paid over all years (None if there are none)."""
        a = self.allowed_need
        return None if a <= 0 else self.paid / a

    @property
    def first_short_year(self) -> int | None:
        """The first year in which allowed costs exceed what the account holds."""
        return next((y.year for y in self.years if y.short > 0.005), None)


@dataclass(frozen=True)
class FamilyPlan:
    region: str
    date: dt.date
    enrollee: Enrollee
    start_balance: float
    relatives: tuple[Relative, ...]
    comparison: Comparison
    old: FamilyScenario | None
    new: FamilyScenario | None
    scope: Entry
    uses: Entry
    premium_entries: tuple[Entry, ...]
    unknown: tuple[dict, ...]    # {"field", "code", "args"}; words: views.family.unknown_text
    notices: tuple[Notice, ...]  # words: views.family.notice_text
    exploratory_allowed: bool = False

    @property
    def references(self) -> tuple[Reference, ...]:
        refs: list[Reference] = []
        for e in (self.scope, self.uses, *self.premium_entries):
            for r in e.references:
                if r not in refs:
                    refs.append(r)
        for s in self.comparison.trace:
            if s.key.startswith("credit_"):
                for r in s.references:
                    if r not in refs:
                        refs.append(r)
        return tuple(refs)


def pay_in_order(available: float, amounts: Sequence[float]) -> np.ndarray:
    """Pay ``amounts`` one after the other from ``available`` [yuan]; what each one gets.

    >>> pay_in_order(500.0, [300.0, 400.0, 100.0]).tolist()
    [300.0, 200.0, 0.0]
    """
    a = np.asarray(amounts, dtype=float)
    before = np.concatenate([[0.0], np.cumsum(a)[:-1]]) if a.size else a
    return np.minimum(a, np.maximum(available - before, 0.0))


def _not_in_scope(relation: str, scope: Entry) -> dict:
    return {"code": "not_in_scope", "relation": relation, "group": scope["group"], "date": scope.date}


def _use_reason(use: str, status: str, uses: Entry) -> dict:
    return {"code": "use_status", "use": use, "status": status, "date": uses.date}


def _premium_item(i: int, r: Relative, year: int, uses: Entry, in_scope: bool, reason_scope: dict | None,
                  exploratory_allowed: bool, premium_cache: dict) -> tuple:
    """A resident relative's yearly contribution: entered, or the national minimum of the year."""
    if r.premium_yearly is not None:
        amount = r.premium_yearly
    else:
        if year not in premium_cache:
            premium_cache[year] = resident_minimum(year)
        amount = premium_cache[year][0]
    status = uses["uses"]["resident_premium"]
    ok = status == "allowed" or (status == "explore" and exploratory_allowed)
    return (i, "premium", "resident_premium", amount, in_scope and ok,
            reason_scope or (None if ok else _use_reason("resident_premium", status, uses)))


def _year_items(year: int, own_share: float, relatives: Sequence[Relative],
                scope: Entry, uses: Entry, exploratory_allowed: bool,
                premium_cache: dict) -> list[tuple[int, str, str, float | None, bool, dict | None]]:
    """The year's costs in payment order: the enrollee first, then each relative (contributions
    before care, since contributions fall due first)."""
    out = [(0, "own_share", "medical_own_burden", own_share, True, None)]
    for i, r in enumerate(relatives, 1):
        in_scope = r.relation in scope["relatives"]
        reason_scope = None if in_scope else _not_in_scope(r.relation, scope)
        if r.insurance == "resident":
            out.append(_premium_item(i, r, year, uses, in_scope, reason_scope, exploratory_allowed,
                                     premium_cache))
        if r.ltc_premium_yearly > 0:
            status = uses["uses"]["ltc_premium"]
            ok = status == "allowed"
            out.append((i, "ltc_premium", "ltc_premium", r.ltc_premium_yearly, in_scope and ok,
                        reason_scope or (None if ok else _use_reason("ltc_premium", status, uses))))
        out.append((i, "medical", "medical_own_burden", r.medical_yearly, in_scope, reason_scope))
    return out


def project_family(start_balance: float, credit_yearly: float, own_share_yearly: float,
                   relatives: Sequence[Relative], first_year: int, years: int, day: dt.date,
                   exploratory_allowed: bool = False, regime: str = "new") -> FamilyScenario:
    """Year by year: balance + credit pays the allowed costs in order; the rest carries over.

    Parameters
    ----------
    start_balance : float
        Account balance at the start of ``first_year`` [yuan].
    credit_yearly : float
        Credit into the account each year [yuan/year].
    own_share_yearly : float
        The enrollee's own in-scope outpatient share (bill − pooled reimbursement) [yuan/year].
    relatives : sequence of Relative
    first_year, years : int
        Calendar years ``first_year`` … ``first_year + years − 1``.
    day : date
        The mutual-aid rules in force on this day apply in every year.
    exploratory_allowed : bool
        Count uses the national rule only asks areas to "explore" (2021: resident contributions
        of spouse, parents and children) as paid — true where the local rules allow them.
    """
    scope, uses = scope_on(day), uses_on(day)
    balance = start_balance
    rows = []
    cache: dict = {}
    for year in range(first_year, first_year + years):
        items = _year_items(year, own_share_yearly, relatives, scope, uses,
                            exploratory_allowed, cache)
        payable = [a if (ok and a is not None) else 0.0 for _, _, _, a, ok, _ in items]
        paid = pay_in_order(balance + credit_yearly, payable)
        rows.append(FamilyYear(
            year=year, start=round(balance, 2), credit=round(credit_yearly, 2),
            items=tuple(Item(p, k, u, None if a is None else round(a, 2), ok, why, round(float(x), 2))
                        for (p, k, u, a, ok, why), x in zip(items, paid)),
            end=round(balance + credit_yearly - float(paid.sum()), 2)))
        balance = balance + credit_yearly - float(paid.sum())
    return FamilyScenario(regime, round(credit_yearly, 2), round(own_share_yearly, 2), tuple(rows))


def _checked_inputs(date: dt.date | str, start_balance: float, relatives: Sequence[Relative], years: int,
                    own_share_yearly: float | None) -> tuple[dt.date, float, tuple[Relative, ...], float | None]:
    day = as_date(date)
    start_balance = check_money("start_balance", start_balance)
    if own_share_yearly is not None:
        own_share_yearly = check_money("own_share_yearly", own_share_yearly)
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise InvalidInput("years", years, f"a whole number from 1 to {MAX_YEARS}")
    relatives = tuple(relatives)
    for r in relatives:
        if not isinstance(r, Relative):
            raise InvalidInput("relatives", r, "Relative(...) records")
    return day, start_balance, relatives, own_share_yearly


def _missing_case(regime: str, credit: float | None, reimb: float | None) -> dict:
    """What is not known for the old or new case, so that it is not computed."""
    missing = [n for n, v in (("credit", credit), ("reimbursement", reimb)) if v is None]
    return {"field": f"{regime}: {', '.join(missing)}", "code": "case_not_computed",
            "args": {"regime": regime, "missing": tuple(missing)}}


def _premium_facts(s: FamilyScenario) -> tuple[list[Entry], list[dict]]:
    """The resident-minimum entries a scenario used, and the years whose minimum is not known."""
    entries: list[Entry] = []
    unknown: list[dict] = []
    for y in s.years:
        if any(i.kind == "premium" for i in y.items):
            _, e = resident_minimum(y.year)
            if e is not None and e not in entries:
                entries.append(e)
    for y in s.years:
        for i in y.items:
            if i.amount is None:
                note = {"field": f"premium {y.year}", "code": "premium_not_found", "args": {"year": y.year}}
                if note not in unknown:
                    unknown.append(note)
    return entries, unknown


def _plan_notices(relatives: Sequence[Relative], uses: Entry) -> list[Notice]:
    notices = [Notice("family_old_is_what_if", {}), Notice("family_whole_years", {})]
    if any(r.insurance == "resident" and r.premium_yearly is not None for r in relatives):
        notices.append(Notice("family_premium_held", {}))
    if uses["uses"]["resident_premium"] == "explore":
        notices.append(Notice("family_premium_explore", {}))
    return notices


def family_plan(region: str, date: dt.date | str, enrollee: Enrollee, start_balance: float,
                relatives: Sequence[Relative], years: int = 5,
                exploratory_allowed: bool = False,
                own_share_yearly: float | None = None) -> FamilyPlan:
    """How far the employee's account covers the family, this year and over ``years`` years,
    with the old and the new crediting rule.

    The credit comes from :func:`medinsure.compare.compare` for ``region`` on ``date``; the
    mutual-aid rules in force on ``date`` apply to every year. "Old" is a what-if: the old credit
    with today's sharing rules.

    Parameters
    ----------
    own_share_yearly : float or None
        The enrollee's own-burden costs paid from the account [yuan/year]. ``None``: the
        enrollee's yearly outpatient bill minus the pooled reimbursement of each regime (not
        known where the region's outpatient rules are not); a number: the same in both regimes.
    """
    day, start_balance, relatives, own_share_yearly = _checked_inputs(date, start_balance, relatives, years,
                                                                      own_share_yearly)
    c = compare(region, day, enrollee)
    scope, uses = scope_on(day), uses_on(day)
    unknown: list[dict] = []
    scenarios: dict[str, FamilyScenario | None] = {}
    for regime in ("old", "new"):
        credit = getattr(c, f"credit_{regime}")
        reimb = getattr(c, f"reimbursement_{regime}") if own_share_yearly is None else 0.0
        if credit is None or reimb is None:
            scenarios[regime] = None
            unknown.append(_missing_case(regime, credit, reimb))
            continue
        own = max(enrollee.outpatient_yearly - reimb, 0.0) if own_share_yearly is None else own_share_yearly
        scenarios[regime] = project_family(start_balance, credit, own, relatives, day.year, years,
                                           day, exploratory_allowed, regime)
    first = next((s for s in scenarios.values() if s is not None), None)
    premium_entries, premium_unknown = _premium_facts(first) if first is not None else ([], [])
    unknown += [u for u in premium_unknown if u not in unknown]
    return FamilyPlan(region=region, date=day, enrollee=enrollee, start_balance=start_balance,
                      relatives=relatives, comparison=c, old=scenarios["old"], new=scenarios["new"],
                      scope=scope, uses=uses, premium_entries=tuple(premium_entries),
                      unknown=tuple(unknown), notices=tuple(_plan_notices(relatives, uses)) + tuple(c.notices),
                      exploratory_allowed=exploratory_allowed)

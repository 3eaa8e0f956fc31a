"""Old vs new: account credit, outpatient reimbursement, resources gain, cash burden, break-even.

``compute`` works on arrays (a population); ``compare`` is the one-person case of the same
code plus the explanation trace.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

import numpy as np

from medinsure.bands import uses_retirement_year
from medinsure.break_even import break_even_one
from medinsure.contributions import contribution_base, fixed_per_year, share_per_year
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.outpatient import needs_visits, outpatient_outcome, pooling_parameters, reimbursement_gaps
from medinsure.personal_account import credit_for_rule, credit_yearly
from medinsure.rules import LEVELS, STATUSES, Entry, Region, Rules, RuleSet, rules_for, rules_on
from medinsure.trace import Step, step_from_entries, step_from_steps


@dataclass(frozen=True)
class Inputs:
    """Enrollees as arrays (one element per person)."""

    status: np.ndarray          # codes into rules.STATUSES
    age: np.ndarray
    wage: np.ndarray            # yuan/month, NaN = not given
    pension: np.ndarray         # yuan/month, NaN = not given
    retirement_year: np.ndarray  # NaN = not given
    outpatient: np.ndarray      # in-scope yuan/year
    out_of_scope: np.ndarray    # yuan/year
    level: np.ndarray           # codes into rules.LEVELS
    visits: np.ndarray = None   # type: ignore[assignment]  # outpatient visits a year, NaN = not given
    account_available: np.ndarray = None  # type: ignore[assignment]  # yuan, NaN = this year's credit
    frozen_credit: np.ndarray = None  # type: ignore[assignment]  # yuan/month, NaN = from the rule
    flexible_retiree: np.ndarray = None  # type: ignore[assignment]  # bool

    def __post_init__(self) -> None:
        nan = np.full(np.shape(self.age), np.nan)
        for name in ("visits", "account_available", "frozen_credit"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, nan.copy())
        if self.flexible_retiree is None:
            object.__setattr__(self, "flexible_retiree", np.zeros(np.shape(self.age), bool))

    @classmethod
    def from_enrollees(cls, people: list[Enrollee]) -> Inputs:
        def arr(vals, dtype=float):
            return np.array([np.nan if v is None else v for v in vals], dtype=dtype)
        return cls(
            status=np.array([STATUSES.index(p.status) for p in people], dtype=np.int8),
            age=np.array([p.age for p in people], dtype=np.int64),
            wage=arr([p.wage_monthly for p in people]),
            pension=arr([p.pension_monthly for p in people]),
            retirement_year=arr([p.retirement_year for p in people]),
            outpatient=arr([p.outpatient_yearly for p in people]),
            out_of_scope=arr([p.out_of_scope_yearly for p in people]),
            level=np.array([LEVELS.index(p.level) for p in people], dtype=np.int8),
            visits=arr([p.visits_yearly for p in people]),
            account_available=arr([p.account_available for p in people]),
            frozen_credit=arr([p.frozen_credit_monthly for p in people]),
            flexible_retiree=np.array([p.flexible_retiree for p in people], dtype=bool))

    def with_outpatient(self, spending: np.ndarray) -> Inputs:
        """The first person, repeated once per value of ``spending``."""
        n = len(spending)
        rep = {k: np.repeat(getattr(self, k)[:1], n) for k in self.__dataclass_fields__}
        rep["outpatient"] = np.asarray(spending, dtype=float)
        return Inputs(**rep)


def _base(rules: Rules, x: Inputs) -> np.ndarray:
    """Contribution base [yuan/month]; flexible enrollees without a wage use the default base."""
    b = rules.base
    flexible_default = b.flexible_base_monthly
    wage = np.where((x.status == STATUSES.index("flexible")) & np.isnan(x.wage),
                    np.nan if flexible_default is None else flexible_default, x.wage)
    return contribution_base(wage, b.floor_monthly, b.ceiling_monthly)


def _contributions(rules: Rules, x: Inputs, base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(own contribution, employer contribution) per year under these rules."""
    c = rules.rates
    s = x.status
    own = np.select(
        [s == 0, s == 1, s == 2],
        [share_per_year(base, c.employee_rate) + fixed_per_year(c.employee_fixed_monthly),
         np.full(np.shape(base), fixed_per_year(c.retiree_fixed_monthly)),
         share_per_year(base, c.flexible_rate) + fixed_per_year(c.flexible_fixed_monthly)])
    employer = np.where(s == 0, share_per_year(base, c.employer_rate), 0.0)
    return own, employer


def _frozen_amounts(region: Region, x: Inputs, status_name: str):
    """For a ``frozen_own`` credit rule: each person's own monthly amount where given, else the
    rule in force on the freeze date applied to the person as entered (南京: retirees keep their
    December-2022 credit; the pension of that month is taken to be the one entered)."""
    def amounts(rule) -> np.ndarray:
        then = rules_on(region, rule.as_of)
        frozen_rule = then.account.rule_for(status_name, False)
        if frozen_rule.kind == "frozen_own":
            computed = np.full(np.shape(x.age), np.nan)
        else:
            computed = credit_for_rule(frozen_rule, x.age, _base(then, x), x.pension, x.retirement_year) / 12
        return np.where(np.isnan(x.frozen_credit), computed, x.frozen_credit)
    return amounts


def _regime(rules: Rules, x: Inputs, region: Region) -> dict[str, np.ndarray]:
    base = _base(rules, x)
    credit = np.full(np.shape(x.age), np.nan)
    for code, name in enumerate(STATUSES):
        mask = x.status == code
        if mask.any():
            part = credit_yearly(rules.account, x.status, x.age, base, x.pension, x.retirement_year,
                                 _frozen_amounts(region, x, name), x.flexible_retiree)
            credit = np.where(mask, part, credit)
    params = pooling_parameters(rules.pooling, x.status, x.age, x.retirement_year, x.level, x.visits)
    available = np.where(np.isnan(x.account_available), credit, x.account_available)
    out = outpatient_outcome(params, x.outpatient, x.out_of_scope, available)
    own, employer = _contributions(rules, x, base)
    return {"base": base, "credit": credit, "reimbursement": out.reimbursement,
            "account_paid": out.account_paid, "cash": out.cash,
            "own_contribution": own, "employer_contribution": employer,
            "params": params}


def compute(rs: RuleSet, x: Inputs) -> dict[str, np.ndarray]:
    """The old-vs-new comparison for everyone in ``x`` [yuan/year]; NaN where not known."""
    old, new = _regime(rs.old, x, rs.region), _regime(rs.new, x, rs.region)
    res: dict[str, np.ndarray] = {}
    for k in ("base", "credit", "reimbursement", "account_paid", "cash",
              "own_contribution", "employer_contribution"):
        res[f"{k}_old"], res[f"{k}_new"] = old[k], new[k]
    res["gain_from_account"] = new["credit"] - old["credit"]
    res["gain_from_pooling"] = new["reimbursement"] - old["reimbursement"]
    res["resources_gain"] = res["gain_from_account"] + res["gain_from_pooling"]
    res["cash_gain"] = old["cash"] - new["cash"]
    res["params_old"], res["params_new"] = old["params"], new["params"]  # type: ignore[assignment]
    return res


def resources_gain_curve(rs: RuleSet, x: Inputs, spending: np.ndarray) -> np.ndarray:
    """Resources gain of the first person in ``x`` at each yearly in-scope spending."""
    return compute(rs, x.with_outpatient(spending))["resources_gain"]


def break_even(rs: RuleSet, x: Inputs) -> tuple[str, float | None]:
    """Smallest yearly in-scope spending at which the resources gain is >= 0 (the first person
    of ``x``; see :mod:`medinsure.break_even`).

    Returns (status, value): ``("zero", 0.0)`` when even no spending breaks even,
    ``("found", s)``, ``("never", None)`` or ``("unknown", None)``.
    """
    return break_even_one(x, compute(rs, x.with_outpatient(x.outpatient[:1])))


# The break-even does not depend on the bill: the credits and the pooling parameters it is solved
# from are the same at any in-scope spending. A slider app moving only the bill reuses it. Keyed on
# the region object (a data reload makes a new one), the dates and the enrollee without the bill.
_BREAK_EVEN_CACHE: dict[tuple, tuple[Region, tuple[str, float | None]]] = {}
_BREAK_EVEN_CACHE_SIZE = 256


def break_even_for(rs: RuleSet, enrollee: Enrollee, x: Inputs) -> tuple[str, float | None]:
    """:func:`break_even` for one enrollee, remembered across bills (see above)."""
    key = (id(rs.region), rs.date, rs.old.day, replace(enrollee, outpatient_yearly=0.0))
    hit = _BREAK_EVEN_CACHE.get(key)
    if hit is not None and hit[0] is rs.region:
        return hit[1]
    value = break_even(rs, x)
    if len(_BREAK_EVEN_CACHE) >= _BREAK_EVEN_CACHE_SIZE:
        _BREAK_EVEN_CACHE.pop(next(iter(_BREAK_EVEN_CACHE)))
    _BREAK_EVEN_CACHE[key] = (rs.region, value)
    return value


# --------------------------------------------------------------------------- one person
@dataclass(frozen=True)
class Comparison:
    """The comparison for one enrollee; money in yuan/year, None where not known."""

    region: str
    date: dt.date
    old_date: dt.date
    enrollee: Enrollee
    credit_old: float | None
    credit_new: float | None
    reimbursement_old: float | None
    reimbursement_new: float | None
    resources_gain: float | None
    gain_from_account: float | None
    gain_from_pooling: float | None
    cash_old: float | None
    cash_new: float | None
    cash_gain: float | None
    break_even_status: str
    break_even_outpatient: float | None
    contributions: dict
    trace: tuple[Step, ...]
    unknown: tuple[dict, ...]
    notices: tuple
    ruleset: RuleSet = field(repr=False, compare=False)


def _num(a: np.ndarray) -> float | None:
    v = float(a[0])
    return None if math.isnan(v) else round(v, 2)


def _check_needs(rs: RuleSet, e: Enrollee) -> None:
    """Refuse an enrollee the rules cannot compute for, naming the missing input."""
    for rules in (rs.old, rs.new):
        rule = rules.account.rule_for(e.status, e.flexible_retiree)
        if rule.kind == "frozen_own" and e.frozen_credit_monthly is None:
            rule = rules_on(rs.region, rule.as_of).account.rule_for(e.status)
        if rule.kind == "share_of_pension" and e.pension_monthly is None:
            raise InvalidInput("pension_monthly", None,
                               f"required: the {rs.region.slug} rule of {rules.personal_account.date} "
                               "credits a share of the own pension (yuan/month)")
        needs_year = uses_retirement_year(getattr(rule, "bands", None))
        op = rules.pooling
        if op.kind == "pooled":
            group = op.group_for(e.status)
            if group in STATUSES:
                needs_year |= any(uses_retirement_year(part.for_group(group))
                                  for part in (op.deductible, op.ratio, op.cap))
            # with no bill the per-visit deductible cannot matter (the break-even is then unknown)
            if needs_visits(op, e.status) and e.visits_yearly is None and e.outpatient_yearly > 0:
                raise InvalidInput("visits_yearly", None,
                                   f"required: the {rs.region.slug} rules of {rules.outpatient_pooling.date} "
                                   "charge the deductible per visit (visits a year, 0 to 1000)")
        if needs_year and e.retirement_year is None:
            raise InvalidInput("retirement_year", None,
                               f"required: the {rs.region.slug} rules of {rules.day} depend on the "
                               "year of retirement")


def visits_needed(region: str, date: dt.date | str, status: str, old_date: dt.date | str | None = None) -> bool:
    """True where the old or the new rules charge this status's deductible per visit, so that
    :func:`compare` needs ``visits_yearly`` for a bill above 0; False where the rules cannot be read
    for these inputs (compare then says why)."""
    try:
        rs = rules_for(region, date, old_date)
    except InvalidInput:
        return False
    return any(needs_visits(r.pooling, status) for r in (rs.old, rs.new))


def compare(region: str, date: dt.date | str, enrollee: Enrollee,
            old_date: dt.date | str | None = None) -> Comparison:
    """Compare old and new rules for one enrollee, with the trace.

    Parameters
    ----------
    region : str
        Region slug (``medinsure regions`` lists them).
    date : date or str
        The rules in force that day are "new"; "old" are those of the day before the region's
        account reform.
    enrollee : Enrollee
    old_date : date or str, optional
        Another baseline for "old" (the rules in force that day).
    """
    if not isinstance(enrollee, Enrollee):
        raise InvalidInput("enrollee", type(enrollee).__name__, "an Enrollee(status=…, age=…, …)")
    rs = rules_for(region, date, old_date)
    _check_needs(rs, enrollee)
    x = Inputs.from_enrollees([enrollee])
    r = compute(rs, x)
    be_status, be_value = break_even_for(rs, enrollee, x)
    steps, unknown = _trace(rs, enrollee, r, be_status, be_value)
    contributions = {
        "own_old": _num(r["own_contribution_old"]), "own_new": _num(r["own_contribution_new"]),
        "employer_old": _num(r["employer_contribution_old"]),
        "employer_new": _num(r["employer_contribution_new"]),
    }
    return Comparison(
        region=region, date=rs.date, old_date=rs.old.day, enrollee=enrollee,
        credit_old=_num(r["credit_old"]), credit_new=_num(r["credit_new"]),
        reimbursement_old=_num(r["reimbursement_old"]), reimbursement_new=_num(r["reimbursement_new"]),
        resources_gain=_num(r["resources_gain"]), gain_from_account=_num(r["gain_from_account"]),
        gain_from_pooling=_num(r["gain_from_pooling"]), cash_old=_num(r["cash_old"]),
        cash_new=_num(r["cash_new"]), cash_gain=_num(r["cash_gain"]),
        break_even_status=be_status, break_even_outpatient=be_value,
        contributions=contributions, trace=tuple(steps), unknown=tuple(unknown),
        notices=rs.notices, ruleset=rs)


# --------------------------------------------------------------------------- trace
def _unknown(field_name: str, e: Entry, parts: tuple[str, ...] = (), at_most: float | None = None) -> dict:
    """A field not known, with the data's note (None: the data gives none); for a payment, the
    rule's parts not known (``outpatient.reimbursement_gaps``) and an upper bound where known."""
    return {"field": field_name, "note": e.note, "parts": parts, "at_most": at_most}


def _regime_steps(rs: RuleSet, e: Enrollee, r: dict, regime: str, rules: Rules,
                  unknown: list[dict]) -> list[Step]:
    """Base, credit, reimbursement and cash under one regime, as steps with their terms."""
    steps = []
    base = _num(r[f"base_{regime}"])
    if e.status != "retired":
        b = rules.base
        steps.append(step_from_entries(
            f"base_{regime}", base, "yuan/month",
            {"regime": regime, "wage": e.wage_monthly, "floor": b.floor_monthly,
             "ceiling": b.ceiling_monthly, "flexible_base": b.flexible_base_monthly,
             "flexible_default": e.status == "flexible" and e.wage_monthly is None}, rules.contribution_base))
    pa = rules.personal_account
    rule = rules.account.rule_for(e.status, e.flexible_retiree)
    credit = _num(r[f"credit_{regime}"])
    used = [pa]
    if rule.kind == "frozen_own" and e.frozen_credit_monthly is None:
        used.append(rules_on(rs.region, rule.as_of).personal_account)
    s_credit = step_from_entries(
        f"credit_{regime}", credit, "yuan/year",
        {"regime": regime, "status": e.status, "rule": rule, "enrollee": e, "base": base,
         "frozen": None if credit is None else credit / 12}, *used)
    if credit is None:
        unknown.append(_unknown(f"credit_{regime}", pa))
    op = rules.outpatient_pooling
    reimb = _num(r[f"reimbursement_{regime}"])
    acct = _num(r[f"account_paid_{regime}"])
    s_reimb = step_from_entries(
        f"reimbursement_{regime}", reimb, "yuan/year",
        {"regime": regime, "op": op.value, "params": r[f"params_{regime}"], "enrollee": e,
         "account": acct}, op)
    if reimb is None:
        available = e.account_available if e.account_available is not None else \
            (math.nan if credit is None else credit)
        parts, at_most = reimbursement_gaps(r[f"params_{regime}"], e.outpatient_yearly, available)
        unknown.append(_unknown(f"reimbursement_{regime}", op, parts, at_most))
    s_cash = step_from_steps(
        f"cash_{regime}", _num(r[f"cash_{regime}"]), "yuan/year",
        {"regime": regime, "bill": e.outpatient_yearly, "reimbursement": reimb, "account": acct,
         "out_of_scope": e.out_of_scope_yearly}, s_credit, s_reimb)
    return steps + [s_credit, s_reimb, s_cash]


def _trace(rs: RuleSet, e: Enrollee, r: dict, be_status: str,
           be_value: float | None) -> tuple[list[Step], list[dict]]:
    unknown: list[dict] = []
    old = _regime_steps(rs, e, r, "old", rs.old, unknown)
    new = _regime_steps(rs, e, r, "new", rs.new, unknown)
    (c_old, r_old, k_old), (c_new, r_new, k_new) = old[-3:], new[-3:]

    def summary(key: str, terms: dict, *parts: Step) -> Step:
        return step_from_steps(key, _num(r[key]) if key in r else be_value, "yuan/year", terms, *parts)
    return old + new + [
        summary("gain_from_account", {"new": c_new.value, "old": c_old.value}, c_old, c_new),
        summary("gain_from_pooling", {"new": r_new.value, "old": r_old.value}, r_old, r_new),
        summary("resources_gain", {"credit_old": c_old.value, "credit_new": c_new.value,
                                   "reimbursement_old": r_old.value, "reimbursement_new": r_new.value},
                c_old, c_new, r_old, r_new),
        summary("cash_gain", {"new": k_new.value, "old": k_old.value}, k_old, k_new),
        summary("break_even_outpatient", {"status": be_status, "level": e.level},
                c_old, c_new, r_old, r_new),
    ], unknown

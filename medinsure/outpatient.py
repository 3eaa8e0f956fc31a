"""General outpatient pooling (普通门诊统筹): reimbursement, account use and cash for a yearly bill.

Two payment orders (policy_facts.md §8):
- pooled first: the fund's deductible and ratio apply to the bill; the enrollee's own share
  may then be paid from the account, the rest is cash;
- account first (三段式): the account pays first, then a cash segment equal to the deductible,
  then the fund pays its ratio of the rest.
The account may pay only in-scope own costs (湖南省本级 个人账户政策解读 第四十一条:
"主要用于支付…政策范围内自付费用"), so out-of-scope spending is always cash.

The fund's payment for an in-scope yearly bill S at one facility level:
  S' = min(S, spending ceiling)                          (医疗费用最高限额, where a rule has one)
  paid = Σ over spending segments (lo, up]: ratio × |(max(d, lo), min(S', up)]|
  paid = min(paid, cap)                                  (最高支付限额)
  beyond the cap (北京 2023): cap + beyond-cap ratio × (S' − S₀), S₀ = d + cap / ratio
where d is the deductible: yearly, by level, or per visit × visits (with its limits).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from medinsure.bands import band_value, level_ratio, limit_value
from medinsure.rules import LEVELS, STATUSES
from medinsure.rules.employee import BySpending, PerLevelDeductible, PerVisitDeductible, Pooled


def pooled_reimbursement(in_scope: np.ndarray, deductible: np.ndarray,
                         segments: tuple[tuple[float, np.ndarray], ...], cap: np.ndarray,
                         ceiling: np.ndarray | None = None,
                         beyond_ratio: np.ndarray | None = None) -> np.ndarray:
    """What the pooled fund pays for a yearly in-scope bill [yuan/year].

    ``segments``: (upper end of the spending segment, ratio) in increasing order, the last
    open-ended (inf). ``cap``/``ceiling``: inf = none. A value that cannot matter for this bill
    (the ratio of a segment the bill does not reach) may be unknown; one that matters makes the
    result unknown (NaN).
    """
    in_scope = np.asarray(in_scope, dtype=float)
    known_ceiling = np.inf if ceiling is None else np.where(np.isnan(ceiling), np.inf, ceiling)
    spend = np.minimum(in_scope, known_ceiling)
    d = np.where(np.isnan(deductible), 0.0, deductible)
    paid = np.zeros(np.shape(spend))
    lo = 0.0
    for up, ratio in segments:
        part = np.minimum(spend, up) - np.maximum(d, lo)
        paid = paid + np.where(part > 0, ratio * np.maximum(part, 0.0), 0.0)
        lo = up
    known_cap = np.where(np.isnan(cap), np.inf, cap)
    out = np.minimum(paid, known_cap)
    if beyond_ratio is not None:
        ratio = segments[0][1]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            reach = d + known_cap / ratio  # spending at which the cap is reached (one segment)
        out = np.where(paid > known_cap, known_cap + beyond_ratio * np.maximum(spend - reach, 0.0), out)
    # unknowns that matter: a deductible unknown for a bill above zero; a cap unknown where the
    # fund pays anything; a ceiling unknown where the fund pays anything
    unknown = (np.isnan(deductible) & (in_scope > 0)) | (np.isnan(cap) & (paid > 0))
    if ceiling is not None:
        unknown |= np.isnan(ceiling) & (paid > 0)
    return np.where(unknown, np.nan, out)


@dataclass(frozen=True)
class PoolingParameters:
    """The pooled-fund parameters that apply to each person (NaN = not known)."""

    has_pooling: np.ndarray   # False where the scheme is 'none' for that person
    known: np.ndarray         # False where the scheme is 'unknown' for that person
    deductible: np.ndarray    # yearly, for this person's level and visits
    segments: tuple[tuple[float, np.ndarray], ...]
    cap: np.ndarray
    ceiling: np.ndarray | None
    beyond_ratio: np.ndarray | None
    account_first: bool
    rule: Pooled | None = None


def deductible_value(v, level: np.ndarray, age: np.ndarray, retirement_year: np.ndarray,
                     visits: np.ndarray) -> np.ndarray:
    """The yearly deductible for each person under one status's deductible rule."""
    shape = np.shape(age)
    if isinstance(v, PerLevelDeductible):
        d = _by_level(v.amounts, level, shape)
        return d if v.yearly_max is None else np.minimum(d, v.yearly_max)
    if isinstance(v, PerVisitDeductible):
        # 郑州: 40元/次. Each visit's first part is the enrollee's; a year of n visits at one level
        # has n of them (each visit is assumed to cost at least that much).
        d = _by_level(v.amounts, level, shape) * visits
        if v.level_max is not None:
            d = np.minimum(d, _by_level(v.level_max, level, shape))
        return d if v.yearly_max is None else np.minimum(d, v.yearly_max)
    if isinstance(v, list):
        return band_value(v, "amount", age, retirement_year)
    return np.full(shape, np.nan if v is None else float(v))


def _by_level(values, level: np.ndarray, shape) -> np.ndarray:
    per = [np.full(shape, np.nan if values.at(n) is None else float(values.at(n))) for n in LEVELS]
    return np.select([level == i for i in range(len(LEVELS))], per, default=np.nan)


def ratio_segments(v, level: np.ndarray, age: np.ndarray,
                   retirement_year: np.ndarray) -> tuple[tuple[float, np.ndarray], ...]:
    """(upper end of spending, ratio) pairs for one status's ratio rule."""
    if isinstance(v, BySpending):
        shape = np.shape(age)
        return tuple((np.inf if s.up_to is None else float(s.up_to), _by_level(s.ratio, level, shape))
                     for s in v.segments)
    return ((np.inf, level_ratio(v, level, age, retirement_year)),)


def _merge_segments(groups: list[tuple[np.ndarray, tuple]], shape) -> tuple:
    """Segments of several status groups as one set: the union of their bounds, each person's
    ratio in each merged segment taken from their own group."""
    bounds = sorted({up for _, segs in groups for up, _ in segs})
    merged = []
    for up in bounds:
        ratio = np.full(shape, np.nan)
        for mask, segs in groups:
            own = next(r for u, r in segs if u >= up)
            ratio = np.where(mask, own, ratio)
        merged.append((up, ratio))
    return tuple(merged)


def pooling_parameters(op, status: np.ndarray, age: np.ndarray, retirement_year: np.ndarray,
                       level: np.ndarray, visits: np.ndarray | None = None) -> PoolingParameters:
    """Resolve an outpatient-pooling rule for everyone; flexible enrollees follow ``op.flexible``."""
    shape = np.shape(age)
    nan = np.full(shape, np.nan)
    visits = np.full(shape, np.nan) if visits is None else visits
    if op.kind in ("none", "unknown"):
        has = np.full(shape, op.kind == "unknown")
        known = np.full(shape, op.kind == "none")
        return PoolingParameters(has, known, nan, ((np.inf, nan),), nan, None, None, False)
    deductible, cap = nan.copy(), nan.copy()
    ceiling = nan.copy() if op.spending_ceiling is not None else None
    beyond = nan.copy() if op.beyond_cap is not None else None
    has, known = np.ones(shape, bool), np.ones(shape, bool)
    seg_groups = []
    for code, name in enumerate(STATUSES):
        mask = status == code
        if not mask.any():
            continue
        group = op.group_for(name)
        if group == "none":
            has = np.where(mask, False, has)
            continue
        if group == "unknown":
            known = np.where(mask, False, known)
            continue
        deductible = np.where(mask, deductible_value(op.deductible.for_group(group), level, age,
                                                     retirement_year, visits), deductible)
        cap = np.where(mask, limit_value(op.cap.for_group(group), age, retirement_year), cap)
        if ceiling is not None:
            ceiling = np.where(mask, limit_value(op.spending_ceiling.for_group(group), age,
                                                 retirement_year), ceiling)
        if beyond is not None:
            r = op.beyond_cap.for_group(group)
            beyond = np.where(mask, np.nan if r is None else r, beyond)
        seg_groups.append((mask, ratio_segments(op.ratio.for_group(group), level, age, retirement_year)))
    segments = _merge_segments(seg_groups, shape) if seg_groups else ((np.inf, nan),)
    return PoolingParameters(has, known, deductible, segments, cap, ceiling, beyond,
                             op.payment_order == "account_first", op)


def needs_visits(op, status: str) -> bool:
    """True where this person's deductible is charged per visit."""
    if op.kind != "pooled":
        return False
    group = op.group_for(status)
    return group in STATUSES and isinstance(op.deductible.for_group(group), PerVisitDeductible)


@dataclass(frozen=True)
class OutpatientOutcome:
    reimbursement: np.ndarray   # paid by the pooled fund [yuan/year]
    account_paid: np.ndarray    # paid from the personal account [yuan/year]
    cash: np.ndarray            # paid out of pocket [yuan/year]


def outpatient_outcome(p: PoolingParameters, in_scope: np.ndarray, out_of_scope: np.ndarray,
                       account: np.ndarray) -> OutpatientOutcome:
    """Split a yearly bill between pooled fund, the personal account and cash.

    ``account``: the account money available for this year's in-scope bills (by default this
    year's credit)."""
    account = np.maximum(account, 0.0)
    if p.account_first:
        account_paid = np.minimum(account, in_scope)
        rest = in_scope - account_paid
        reimb = pooled_reimbursement(np.where(np.isnan(rest), 0.0, rest), p.deductible, p.segments, p.cap,
                                     p.ceiling, p.beyond_ratio)
        # account first: an unknown account leaves the fund's part unknown too, for any bill
        reimb = np.where(np.isnan(account_paid) & (in_scope > 0), np.nan, reimb)
    else:
        reimb = pooled_reimbursement(in_scope, p.deductible, p.segments, p.cap, p.ceiling, p.beyond_ratio)
    reimb = np.where(p.has_pooling, reimb, 0.0)
    reimb = np.where(p.known, reimb, np.nan)
    if not p.account_first:
        account_paid = np.minimum(account, in_scope - reimb)
    cash = in_scope - reimb - account_paid + out_of_scope
    return OutpatientOutcome(reimb, account_paid, cash)


def reimbursement_gaps(p: PoolingParameters, in_scope: float, account: float) -> tuple[tuple[str, ...], float | None]:
    """For the first person, why the fund's payment is not known, and a bound where there is one.

    Returns (the parts not known that matter for this bill — ``scheme``, ``account``,
    ``deductible``, ``ratio``, ``cap``, ``ceiling`` —, the payment without the cap when the cap
    is the only part missing and nothing is paid beyond it: an upper bound, since a cap only
    lowers what the fund pays)."""
    if not bool(p.known[0]):
        return ("scheme",), None
    if not bool(p.has_pooling[0]):
        return (), None
    bill = float(in_scope)
    if p.account_first:
        if math.isnan(account):
            return (("account",) if bill > 0 else ()), None
        bill -= min(max(account, 0.0), bill)
    parts = []
    d = float(p.deductible[0])
    if math.isnan(d) and bill > 0:
        parts.append("deductible")
    ceiling = np.inf if p.ceiling is None or math.isnan(float(p.ceiling[0])) else float(p.ceiling[0])
    spend, lo = min(bill, ceiling), 0.0
    for up, ratio in p.segments:
        if min(spend, up) - max(0.0 if math.isnan(d) else d, lo) > 0 and math.isnan(float(ratio[0])):
            parts.append("ratio")
            break
        lo = up
    if math.isnan(float(p.cap[0])):
        parts.append("cap")
    if p.ceiling is not None and math.isnan(float(p.ceiling[0])):
        parts.append("ceiling")
    bound = None
    if parts == ["cap"] and p.beyond_ratio is None:
        uncapped = pooled_reimbursement(np.array([bill]), p.deductible[:1], tuple((u, r[:1]) for u, r in p.segments),
                                        np.array([np.inf]), None if p.ceiling is None else p.ceiling[:1])
        bound = round(float(uncapped[0]), 2)
    return tuple(parts), bound

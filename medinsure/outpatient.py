"""General outpatient pooling (普通门诊统筹): reimbursement, account use and cash for a yearly bill.

Two payment orders (policy_facts.md §8):
- pooled first: the fund's deductible and ratio apply to the bill; the enrollee's own share
  may then be paid from the account, the rest is cash;
- account first (三段式): the account pays first, then a cash segment equal to the deductible,
  then the fund pays its ratio of the rest.
The account may pay only in-scope own costs (湖南省本级 个人账户政策解读 第四十一条:
"主要用于支付…政策范围内自付费用"), so out-of-scope spending is always cash.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bands import level_ratio, status_value
from .rules import STATUSES


def pooled_reimbursement(in_scope: np.ndarray, deductible: np.ndarray, ratio: np.ndarray,
                         cap: np.ndarray, high_above: np.ndarray | None = None,
                         high_ratio: np.ndarray | None = None) -> np.ndarray:
    """What the pooled fund pays for a yearly in-scope bill [yuan/year].

    ratio × (bill − deductible), where the part of the bill above ``high_above`` is paid at
    ``high_ratio`` instead, and the total is limited to ``cap``.
    """
    above_deductible = np.maximum(in_scope - deductible, 0.0)
    if high_above is None:
        paid = ratio * above_deductible
    else:
        high_part = np.maximum(in_scope - np.maximum(high_above, deductible), 0.0)
        paid = ratio * (above_deductible - high_part) + high_ratio * high_part
    return np.minimum(paid, cap)


@dataclass(frozen=True)
class PoolingParameters:
    """The pooled-fund parameters that apply to each person (NaN = not known)."""

    has_pooling: np.ndarray   # False where the scheme is 'none' for that person
    deductible: np.ndarray
    ratio: np.ndarray
    cap: np.ndarray
    high_above: np.ndarray | None
    high_ratio: np.ndarray | None
    account_first: bool


def pooling_parameters(op: dict, status: np.ndarray, age: np.ndarray, retirement_year: np.ndarray,
                       level: np.ndarray) -> PoolingParameters:
    """Resolve an outpatient-pooling entry for everyone; flexible enrollees follow ``op['flexible']``."""
    shape = np.shape(age)
    nan = np.full(shape, np.nan)
    if op["kind"] in ("none", "unknown"):
        has = np.zeros(shape, bool) if op["kind"] == "none" else np.ones(shape, bool)
        return PoolingParameters(has, nan, nan, nan, None, None, False)
    groups = {"in_service": "in_service", "retired": "retired", "flexible": op["flexible"]}
    deductible, ratio, cap = nan.copy(), nan.copy(), nan.copy()
    has = np.ones(shape, bool)
    high = op.get("high_spending")
    high_ratio = nan.copy() if high else None
    for code, name in enumerate(STATUSES):
        mask = status == code
        if not mask.any():
            continue
        group = groups[name]
        if group == "none":
            has = np.where(mask, False, has)
            continue
        if group == "unknown":
            continue
        deductible = np.where(mask, status_value(op["deductible"][group], age, retirement_year), deductible)
        ratio = np.where(mask, level_ratio(op["ratio"][group], level, age, retirement_year), ratio)
        cap = np.where(mask, status_value(op["cap"][group], age, retirement_year), cap)
        if high:
            hr = high["ratio"][group]
            high_ratio = np.where(mask, np.nan if hr is None else hr, high_ratio)
    high_above = np.full(shape, float(high["above"])) if high and high["above"] is not None else (
        nan if high else None)
    return PoolingParameters(has, deductible, ratio, cap, high_above, high_ratio,
                             op["payment_order"] == "account_first")


@dataclass(frozen=True)
class OutpatientOutcome:
    reimbursement: np.ndarray   # paid by the pooled fund [yuan/year]
    account_paid: np.ndarray    # paid from this year's account credit [yuan/year]
    cash: np.ndarray            # paid out of pocket [yuan/year]


def outpatient_outcome(p: PoolingParameters, in_scope: np.ndarray, out_of_scope: np.ndarray,
                       credit: np.ndarray) -> OutpatientOutcome:
    """Split a yearly bill between pooled fund, this year's account credit and cash."""
    if p.account_first:
        account_paid = np.minimum(credit, in_scope)
        rest = in_scope - account_paid
        reimb = pooled_reimbursement(rest, p.deductible, p.ratio, p.cap, p.high_above, p.high_ratio)
    else:
        reimb = pooled_reimbursement(in_scope, p.deductible, p.ratio, p.cap, p.high_above, p.high_ratio)
    reimb = np.where(p.has_pooling, reimb, 0.0)
    if not p.account_first:
        account_paid = np.minimum(credit, in_scope - reimb)
    cash = in_scope - reimb - account_paid + out_of_scope
    return OutpatientOutcome(reimb, account_paid, cash)

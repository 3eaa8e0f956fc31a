"""Personal-account credit (个人账户划入) under one dated rule.

Rule kinds are described in ``data/README.md``. Every function works on arrays.
"""

from __future__ import annotations

import numpy as np

from medinsure.bands import band_value
from medinsure.rules import STATUSES


def to_fen(monthly: np.ndarray) -> np.ndarray:
    """Round a monthly credit to whole fen. Accounts are credited monthly in fen; no document
    seen states the rounding rule, so half-up is assumed."""
    return np.floor(monthly * 100 + 0.5 + 1e-7) / 100  # 1e-7 absorbs binary error at exact halves


def credit_share_of_base(rate: np.ndarray, base_monthly: np.ndarray) -> np.ndarray:
    """rate × contribution base, in fen, × 12 [yuan/year] (在职: 本人缴费基数的一定比例)."""
    return to_fen(rate * base_monthly) * 12


def credit_share_of_pension(rate: np.ndarray, pension_monthly: np.ndarray) -> np.ndarray:
    """rate × own monthly pension, in fen, × 12 [yuan/year] (退休: 本人养老金的一定比例)."""
    return to_fen(rate * pension_monthly) * 12


def credit_share_of_amount(rate: np.ndarray, factor: float, amount_monthly: float | None) -> np.ndarray:
    """rate × factor × a published monthly amount (e.g. an average wage), in fen, × 12 [yuan/year]."""
    amount = np.nan if amount_monthly is None else amount_monthly
    return to_fen(rate * factor * amount) * 12


def credit_fixed(amount: np.ndarray, unit: str) -> np.ndarray:
    """A fixed amount (定额划入) [yuan/year]."""
    return amount * 12 if unit == "yuan/month" else amount


def credit_for_rule(rule, age: np.ndarray, base_monthly: np.ndarray, pension_monthly: np.ndarray,
                    retirement_year: np.ndarray, frozen_monthly: np.ndarray | None = None) -> np.ndarray:
    """Yearly credit under one credit rule; NaN where it cannot be known.

    ``frozen_monthly``: for a ``frozen_own`` rule, each person's own monthly credit on the freeze
    date (NaN where not given; see :func:`credit_yearly`)."""
    kind = rule.kind
    shape = np.shape(age)
    if kind == "none":
        return np.zeros(shape)
    if kind == "unknown":
        return np.full(shape, np.nan)
    if kind == "frozen_own":
        return (np.full(shape, np.nan) if frozen_monthly is None else to_fen(frozen_monthly)) * 12
    if kind == "fixed":
        return credit_fixed(band_value(rule.bands, "amount", age, retirement_year), rule.unit)
    rate = band_value(rule.bands, "rate", age, retirement_year)
    if kind == "share_of_base":
        return credit_share_of_base(rate, base_monthly)
    if kind == "share_of_pension":
        return credit_share_of_pension(rate, pension_monthly)
    if kind == "share_of_amount":
        return credit_share_of_amount(rate, rule.factor, rule.amount)
    raise ValueError(f"unknown credit rule kind {kind!r}")  # the loader prevents this


def credit_yearly(account, status: np.ndarray, age: np.ndarray, base_monthly: np.ndarray,
                  pension_monthly: np.ndarray, retirement_year: np.ndarray,
                  frozen_monthly=None, flexible_retiree: np.ndarray | None = None) -> np.ndarray:
    """Yearly credit for everyone, each under the rule for their status (``status`` codes).

    ``frozen_monthly(rule) -> array``: the monthly amounts a ``frozen_own`` rule keeps (the caller
    knows the enrollees' own amounts, or the rule in force on the freeze date).
    ``flexible_retiree``: True for retirees who were flexibly employed."""
    out = np.full(np.shape(age), np.nan)
    fr = np.zeros(np.shape(age), bool) if flexible_retiree is None else flexible_retiree
    for code, name in enumerate(STATUSES):
        for former_flexible in ((False, True) if name == "retired" else (False,)):
            mask = (status == code) & (fr == former_flexible) if name == "retired" else status == code
            if not mask.any():
                continue
            rule = account.rule_for(name, former_flexible)
            frozen = frozen_monthly(rule) if rule.kind == "frozen_own" and frozen_monthly else None
            out = np.where(mask, credit_for_rule(rule, age, base_monthly, pension_monthly,
                                                 retirement_year, frozen), out)
    return out

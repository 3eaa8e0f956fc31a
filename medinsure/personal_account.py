"""Personal-account credit (个人账户划入) under one dated rule.

Rule kinds are described in ``data/README.md``. Every function works on arrays.
"""

from __future__ import annotations

import numpy as np

from .bands import band_value
from .rules import STATUSES


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


def resolve_rule(entry_data: dict, status: str) -> dict:
    """The credit rule for ``status``, following ``same_as``."""
    rule = entry_data[status]
    if rule["kind"] == "same_as":
        rule = entry_data[rule["status"]]
    return rule


def credit_for_rule(rule: dict, age: np.ndarray, base_monthly: np.ndarray,
                    pension_monthly: np.ndarray, retirement_year: np.ndarray) -> np.ndarray:
    """Yearly credit under one credit rule; NaN where it cannot be known."""
    kind = rule["kind"]
    shape = np.shape(age)
    if kind == "none":
        return np.zeros(shape)
    if kind == "unknown":
        return np.full(shape, np.nan)
    if kind == "fixed":
        return credit_fixed(band_value(rule["bands"], "amount", age, retirement_year), rule["unit"])
    rate = band_value(rule["bands"], "rate", age, retirement_year)
    if kind == "share_of_base":
        return credit_share_of_base(rate, base_monthly)
    if kind == "share_of_pension":
        return credit_share_of_pension(rate, pension_monthly)
    if kind == "share_of_amount":
        return credit_share_of_amount(rate, rule.get("factor", 1), rule["amount"])
    raise ValueError(f"unknown credit rule kind {kind!r}")  # the loader prevents this


def credit_yearly(entry_data: dict, status: np.ndarray, age: np.ndarray, base_monthly: np.ndarray,
                  pension_monthly: np.ndarray, retirement_year: np.ndarray) -> np.ndarray:
    """Yearly credit for everyone, each under the rule for their status (``status`` codes)."""
    out = np.full(np.shape(age), np.nan)
    for code, name in enumerate(STATUSES):
        mask = status == code
        if mask.any():
            rule = resolve_rule(entry_data, name)
            out = np.where(mask, credit_for_rule(rule, age, base_monthly, pension_monthly,
                                                 retirement_year), out)
    return out

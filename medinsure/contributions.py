"""Contribution base and contributions (缴费基数与缴费)."""

from __future__ import annotations

import numpy as np


def contribution_base(wage_monthly: np.ndarray, floor_monthly: float | None,
                      ceiling_monthly: float | None) -> np.ndarray:
    """Wage clamped to the base floor and ceiling [yuan/month].

    An unknown floor or ceiling leaves that side unclamped (the trace says so).
    """
    lo = -np.inf if floor_monthly is None else floor_monthly
    hi = np.inf if ceiling_monthly is None else ceiling_monthly
    return np.clip(wage_monthly, lo, hi)


def share_per_year(base_monthly: np.ndarray, rate: float | None) -> np.ndarray:
    """``rate`` of a monthly base, for a year [yuan/year]; NaN where the rate is unknown."""
    return base_monthly * (np.nan if rate is None else rate) * 12


def fixed_per_year(amount_monthly: float | None) -> float:
    """A fixed monthly amount (大额互助 etc.) for a year [yuan/year]."""
    return np.nan if amount_monthly is None else amount_monthly * 12

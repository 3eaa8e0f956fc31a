"""Inpatient reimbursement bands of resident insurance, on numpy arrays (a curve, a population).

A bill above the deductible (起付线) is split into bands by its amount; each band's part is paid
at the band's ratio, less the hospital class's points and less again for 乙类 drugs; a yearly cap
limits the total. :func:`medinsure.resident.inpatient_reimbursement` is the one-bill case.
"""

from __future__ import annotations

import math

import numpy as np


def amount_or_nan(v: object) -> float:
    """A rule amount as a float: None (not known) -> NaN, ``"unlimited"`` -> inf."""
    if v is None:
        return math.nan
    if v == "unlimited":
        return math.inf
    return float(v)  # type: ignore[arg-type]


def band_limits(bands: list[dict], deductible: float) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bill amounts of each band [yuan]; the first band starts at the deductible
    and no band starts below it. The last upper limit is infinite."""
    uppers = np.array([math.inf if b["up_to"] is None else float(b["up_to"]) for b in bands])
    lowers = np.concatenate(([0.0], uppers[:-1]))
    lowers = np.maximum(lowers, deductible)
    return lowers, np.maximum(uppers, lowers)


def band_portions(in_scope: np.ndarray, lowers: np.ndarray, uppers: np.ndarray) -> np.ndarray:
    """The part of each bill in each band [yuan], shape (bands, *bills)."""
    bill = np.asarray(in_scope, dtype=float)[None, ...]
    lo = lowers.reshape((-1,) + (1,) * (bill.ndim - 1))
    hi = uppers.reshape((-1,) + (1,) * (bill.ndim - 1))
    return np.clip(bill, lo, hi) - lo


def band_payments(in_scope: np.ndarray, deductible: float, bands: list[dict],
                  ratio_reduction: float = 0.0, category_b_share: np.ndarray | float = 0.0,
                  category_b_reduction: float | None = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Each band's part of each bill and what the fund pays of it [yuan], shapes (bands, *bills).

    See :func:`banded_reimbursement` for the parameters.
    """
    bill = np.asarray(in_scope, dtype=float)
    share = np.broadcast_to(np.asarray(category_b_share, dtype=float), bill.shape)
    if math.isnan(deductible):
        nan = np.full((len(bands),) + bill.shape, np.nan)
        return nan, nan
    lowers, uppers = band_limits(bands, deductible)
    portions = band_portions(bill, lowers, uppers)
    ratios = np.array([amount_or_nan(b["ratio"]) for b in bands]).reshape((-1,) + (1,) * bill.ndim)
    r = np.maximum(ratios - ratio_reduction, 0.0)
    cut = np.minimum(r, amount_or_nan(category_b_reduction))          # points lost on the 乙类 part
    lost = np.where(share > 0, share * cut, 0.0)
    return portions, portions * (r - lost)


def banded_reimbursement(in_scope: np.ndarray, deductible: float, bands: list[dict],
                         ratio_reduction: float = 0.0, category_b_share: np.ndarray | float = 0.0,
                         category_b_reduction: float | None = 0.0) -> np.ndarray:
    """What the fund pays of in-scope inpatient bills, before the yearly cap [yuan].

    Each band's part of the bill is paid at the band's ratio less ``ratio_reduction`` (e.g. 10
    points at hospitals outside the district); the 乙类 (category B) drug part, assumed spread
    over the bill in proportion (``category_b_share`` of it), is paid at ``category_b_reduction``
    points less again. Ratios never fall below 0. NaN where a needed rule is not known.

    Parameters
    ----------
    in_scope : array
        In-scope inpatient bills [yuan].
    deductible : float
        起付线 [yuan]; NaN when not known.
    bands : list of {up_to, ratio}
        Reimbursement bands by the amount of the bill; the last is open.
    ratio_reduction : float
        Share points below the bands for this hospital class.
    category_b_share : array or float
        Share of the bill that is 乙类 drugs (0–1).
    category_b_reduction : float or None
        Share points less for 乙类 drugs; None = not known (then NaN where the share is > 0).
    """
    _, paid = band_payments(in_scope, deductible, bands, ratio_reduction, category_b_share,
                            category_b_reduction)
    return np.sum(paid, axis=0)


def apply_cap(paid: np.ndarray, cap: float, reimbursed_before: np.ndarray | float = 0.0) -> np.ndarray:
    """Limit payments to what is left of the yearly cap after earlier reimbursements [yuan]."""
    room = np.maximum(cap - np.asarray(reimbursed_before, dtype=float), 0.0)
    return np.minimum(paid, room)

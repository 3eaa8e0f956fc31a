"""Break-even: the smallest yearly in-scope outpatient spending at which the resources gain
(new − old credit plus new − old reimbursement) is no longer negative. One code for one
person or a million.

The gain is piecewise linear in the spending, with kinks only where one regime's reimbursement
changes slope. It is evaluated at those kinks by the calculator's own outpatient code, the
crossing is solved on the first segment that reaches zero, and the answer is checked to the
fen: the gain is not negative at it and negative one fen below. A person for whom that check
fails (a curve the kinks do not describe) is searched on a grid of spending instead.

The answer is in whole fen. Past the search range the last step's slope is extrapolated.
:func:`medinsure.compare.break_even` is the one-person case of :func:`break_even`;
:func:`medinsure.population.break_even_vectorised` the population's.

References
----------
国办发〔2021〕14号 (the reform); the outpatient rules in ``data/regions/``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from medinsure.outpatient import PoolingParameters, outpatient_outcome

if TYPE_CHECKING:
    from medinsure.compare import Inputs

# Numerical settings of the search, not policy parameters: the range of yearly spending searched
# [yuan/year], the grid step of the fallback search [yuan/year] and the tolerance on the gain [yuan].
SEARCH_MAX = 200_000.0
SEARCH_STEP = 10.0
TOL = 1e-6
BREAK_EVEN_STATUSES = ("zero", "found", "never", "unknown")
_ZERO, _FOUND, _NEVER, _UNKNOWN = range(len(BREAK_EVEN_STATUSES))


def _take_params(p: PoolingParameters, idx: np.ndarray) -> PoolingParameters:
    def t(v):
        return None if v is None else v[idx]
    return PoolingParameters(p.has_pooling[idx], p.known[idx], p.deductible[idx],
                             tuple((up, r[idx]) for up, r in p.segments), p.cap[idx], t(p.ceiling),
                             t(p.beyond_ratio), p.account_first, p.rule)


class GainCurve:
    """Resources gain of each person as a function of yearly in-scope spending ``s``, evaluated
    by the calculator's own outpatient code; the credits do not depend on ``s``."""

    def __init__(self, x: Inputs, values: dict, idx: np.ndarray) -> None:
        self.c_old = values["credit_old"][idx]
        self.c_new = values["credit_new"][idx]
        given = x.account_available[idx]
        # the account money for this year's bills, as compute() takes it
        self.a_old = np.where(np.isnan(given), self.c_old, given)
        self.a_new = np.where(np.isnan(given), self.c_new, given)
        self.p_old = _take_params(values["params_old"], idx)
        self.p_new = _take_params(values["params_new"], idx)
        self.out_of_scope = x.out_of_scope[idx]

    def __call__(self, s: np.ndarray) -> np.ndarray:
        r_old = outpatient_outcome(self.p_old, s, self.out_of_scope, self.a_old).reimbursement
        r_new = outpatient_outcome(self.p_new, s, self.out_of_scope, self.a_new).reimbursement
        # the same expression as compute()'s resources_gain, so the floats are identical
        return (self.c_new - self.c_old) + (r_new - r_old)

    def knots(self) -> np.ndarray:
        """Each person's kinks of both regimes within [0, SEARCH_MAX], sorted (one row a person)."""
        n = self.c_old.size
        cols = [np.zeros(n), np.full(n, SEARCH_MAX)]
        for p, a in ((self.p_old, self.a_old), (self.p_new, self.a_new)):
            for k in kinks(p, a):
                k = np.clip(np.where(np.isfinite(k), k, 0.0), 0.0, SEARCH_MAX)
                if not any(np.array_equal(k, seen) for seen in cols):  # e.g. no deductible, no pooling
                    cols.append(k)
        return np.sort(np.stack(cols, axis=1), axis=1)


def kinks(p: PoolingParameters, account: np.ndarray) -> list[np.ndarray]:
    """Spending levels where one regime's reimbursement changes slope: the end of the account
    segment (account first), the deductible, each spending segment's end, the spending at which
    the cap is reached, the spending ceiling."""
    off = np.maximum(account, 0.0) if p.account_first else np.zeros_like(account)
    d = np.where(np.isnan(p.deductible), 0.0, p.deductible)
    out = [off, off + d]
    lo, paid = 0.0, np.zeros(d.shape)
    at_cap = np.full(d.shape, np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        for up, r in p.segments:
            start = np.maximum(d, lo)
            if np.isfinite(up):
                out.append(off + np.maximum(up, d))
            length = np.maximum(up - start, 0.0) if np.isfinite(up) else np.full(d.shape, np.inf)
            paid_end = paid + np.where(length > 0, r * length, 0.0)
            hit = np.isinf(at_cap) & (paid_end >= p.cap) & (r > 0)
            at_cap = np.where(hit, start + (p.cap - paid) / r, at_cap)
            paid, lo = paid_end, up
    out.append(off + at_cap)
    if p.ceiling is not None:
        out.append(off + p.ceiling)
    return out


def _to_the_fen(x: Inputs, values: dict, idx: np.ndarray, knots: np.ndarray, gains: np.ndarray,
                ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For persons ``idx`` whose gain reaches zero inside the range: (break-even [yuan/year],
    whether it passed the check to the fen)."""
    j = ok.argmax(axis=1)
    rows = np.arange(idx.size)
    s0, s1 = knots[rows, j - 1], knots[rows, j]
    g0, g1 = gains[rows, j - 1], gains[rows, j]
    crossing = s0 + (-TOL - g0) * (s1 - s0) / (g1 - g0)
    curve = GainCurve(x, values, idx)
    fen = np.round(crossing, 2)  # the nearest fen; the answer is it or the next one up
    below = np.round(fen - 0.01, 2)
    g_fen, g_below = curve(fen), curve(below)
    good = (g_fen >= -TOL) & ((below < 0) | (g_below < -TOL))
    up = np.nonzero(g_fen < -TOL)[0]
    if up.size:
        fen[up] = np.round(fen[up] + 0.01, 2)
        good[up] = GainCurve(x, values, idx[up])(fen[up]) >= -TOL
    return fen, good


def _beyond_range(x: Inputs, values: dict, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For persons ``idx`` still losing at SEARCH_MAX: (status codes, break-even), extrapolating
    the slope of the last grid step."""
    curve = GainCurve(x, values, idx)
    g_last = curve(np.full(idx.size, SEARCH_MAX))
    slope = (g_last - curve(np.full(idx.size, SEARCH_MAX - SEARCH_STEP))) / SEARCH_STEP
    rising = slope > TOL
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(rising, np.ceil((SEARCH_MAX - g_last / slope) * 100 - 1e-6) / 100, np.nan)
    return np.where(rising, _FOUND, _NEVER), value


def break_even(x: Inputs, values: dict) -> tuple[np.ndarray, np.ndarray]:
    """Break-even for everyone in ``x``.

    Parameters
    ----------
    x : Inputs
        The enrollees (their own spending is not used).
    values : dict
        Their comparison, ``medinsure.compare.compute(rs, x)``.

    Returns
    -------
    status : ndarray of int8
        Codes into ``BREAK_EVEN_STATUSES`` (zero, found, never, unknown).
    value : ndarray
        Break-even spending [yuan/year]: 0 for "zero", NaN for "never" and "unknown".
    """
    n = x.age.size
    status = np.full(n, _UNKNOWN, dtype=np.int8)
    result = np.full(n, np.nan)
    curve = GainCurve(x, values, np.arange(n))
    knots = curve.knots()
    gains = np.stack([curve(knots[:, j]) for j in range(knots.shape[1])], axis=1)
    known = ~np.isnan(gains).any(axis=1)
    ok = gains >= -TOL
    zero = known & ok[:, 0]
    status[zero], result[zero] = _ZERO, 0.0
    fallback = np.array([], dtype=np.int64)
    idx = np.nonzero(known & ~zero & ok.any(axis=1))[0]
    if idx.size:
        fen, good = _to_the_fen(x, values, idx, knots[idx], gains[idx], ok[idx])
        status[idx[good]], result[idx[good]] = _FOUND, fen[good]
        fallback = idx[~good]
    idx = np.nonzero(known & ~ok.any(axis=1))[0]
    if idx.size:
        status[idx], result[idx] = _beyond_range(x, values, idx)
    for i in fallback:
        s, v = grid_search(GainCurve(x, values, np.array([i])))
        status[i] = BREAK_EVEN_STATUSES.index(s)
        result[i] = np.nan if v is None else v
    return status, result


def break_even_one(x: Inputs, values: dict) -> tuple[str, float | None]:
    """Break-even of the one person in ``x``: ``("zero", 0.0)`` when even no spending breaks
    even, ``("found", s)``, ``("never", None)`` or ``("unknown", None)``."""
    status, value = break_even(x, values)
    v = float(value[0])
    return BREAK_EVEN_STATUSES[status[0]], (None if math.isnan(v) else v)


def grid_search(curve: GainCurve) -> tuple[str, float | None]:
    """One person's break-even searched on a grid of spending, then every fen of the first
    bracket that reaches zero (the fallback of :func:`break_even`; returns as
    :func:`break_even_one`)."""
    grid = np.arange(0.0, SEARCH_MAX + SEARCH_STEP, SEARCH_STEP)
    g = curve(grid)
    if np.isnan(g).any():
        return "unknown", None
    if g[0] >= -TOL:
        return "zero", 0.0
    hit = np.nonzero(g >= -TOL)[0]
    if hit.size == 0:
        slope = (g[-1] - g[-2]) / SEARCH_STEP
        if slope <= TOL:
            return "never", None
        return "found", math.ceil((grid[-1] - g[-1] / slope) * 100 - 1e-6) / 100
    lo, hi = grid[hit[0] - 1], grid[hit[0]]
    fens = np.arange(math.floor(lo * 100), math.ceil(hi * 100) + 1) / 100
    ok = np.nonzero(curve(fens) >= -TOL)[0]
    return "found", float(fens[ok[0]])

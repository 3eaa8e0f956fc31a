"""What the figures share that needs no matplotlib: colours, nice limits, sticky limits.

The live (browser-drawn) charts and the exported matplotlib figures both use these, so a kernel
that only shows live charts never imports matplotlib.
"""

from __future__ import annotations

import math

OLD_COLOUR = "#9e9e9e"
NEW_COLOUR = "#1565c0"
GAIN_COLOUR = "#2e7d32"
LOSS_COLOUR = "#c62828"
OTHER_COLOURS = ("#ef6c00", "#6a1b9a", "#00838f")


def nice_limit(value: float) -> float:
    """The next 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k at or above ``value`` (> 0)."""
    if value <= 0:
        return 0.0
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * exp >= value:
            return m * exp
    return 10 * exp


def as_float(v: float | None) -> float:
    return math.nan if v is None else float(v)


def sticky_limits(current: tuple[float, float] | None, lo: float, hi: float) -> tuple[float, float]:
    """Axis limits that change only when the data leaves them or uses less than 40% of them,
    so most slider steps keep the cached background."""
    want = (-nice_limit(-lo) if lo < 0 else 0.0, nice_limit(hi) if hi > 0 else 0.0)
    if want[1] - want[0] <= 0:
        want = (want[0], want[0] + 100.0)
    if current is not None:
        c_lo, c_hi = current
        if c_lo <= lo and hi <= c_hi and (hi - lo) >= 0.4 * (c_hi - c_lo) and c_lo <= want[0]:
            return current
    return want

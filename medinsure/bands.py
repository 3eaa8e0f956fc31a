"""Look up banded values (by age or by retirement year) on arrays."""

from __future__ import annotations

import numpy as np

from .rules import LEVELS


def _value(v: object) -> float:
    if v is None:
        return np.nan
    if v == "unlimited":
        return np.inf
    return float(v)  # type: ignore[arg-type]


def band_matches(band: dict, age: np.ndarray, retirement_year: np.ndarray) -> np.ndarray:
    """Boolean array: where the band's conditions hold. A missing retirement year matches
    no retirement-year band (the value is then unknown)."""
    cond = np.ones(np.shape(age), dtype=bool)
    if "min_age" in band:
        cond &= age >= band["min_age"]
    if "max_age" in band:
        cond &= age <= band["max_age"]
    if "retired_from_year" in band:
        cond &= retirement_year >= band["retired_from_year"]
    if "retired_before_year" in band:
        cond &= retirement_year < band["retired_before_year"]
    return cond


def band_value(bands: list[dict], key: str, age: np.ndarray,
               retirement_year: np.ndarray) -> np.ndarray:
    """``bands[i][key]`` for the band each person falls in; NaN where unknown."""
    if len(bands) == 1:
        return np.full(np.shape(age), _value(bands[0][key]))
    conds = [band_matches(b, age, retirement_year) for b in bands]
    return np.select(conds, [_value(b[key]) for b in bands], default=np.nan)


def status_value(v: object, age: np.ndarray, retirement_year: np.ndarray,
                 key: str = "amount") -> np.ndarray:
    """A per-status value that is a scalar, ``null``, ``unlimited`` or a list of bands."""
    if isinstance(v, list):
        return band_value(v, key, age, retirement_year)
    return np.full(np.shape(age), _value(v))


def level_ratio(v: dict | list, level: np.ndarray, age: np.ndarray,
                retirement_year: np.ndarray) -> np.ndarray:
    """The pooled fund's ratio at each person's facility level (``level`` holds LEVELS codes)."""
    if isinstance(v, list):
        per_level = [band_value(v, name, age, retirement_year) for name in LEVELS]
    else:
        per_level = [np.full(np.shape(age), _value(v[name])) for name in LEVELS]
    return np.select([level == i for i in range(len(LEVELS))], per_level, default=np.nan)


def uses_retirement_year(v: object) -> bool:
    return isinstance(v, list) and any(
        "retired_from_year" in b or "retired_before_year" in b for b in v)

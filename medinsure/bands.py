"""Look up banded values (by age or by retirement year) on arrays."""

from __future__ import annotations

import numpy as np

from medinsure.rules import LEVELS
from medinsure.rules.employee import Band, uses_retirement_year  # noqa: F401  (re-exported)


def _value(v: object) -> float:
    if v is None:
        return np.nan
    if v == "unlimited":
        return np.inf
    return float(v)  # type: ignore[arg-type]


def band_matches(band: Band, age: np.ndarray, retirement_year: np.ndarray) -> np.ndarray:
    """Boolean array: where the band's conditions hold. A missing retirement year matches
    no retirement-year band (the value is then unknown)."""
    cond = np.ones(np.shape(age), dtype=bool)
    if band.min_age is not None:
        cond &= age >= band.min_age
    if band.max_age is not None:
        cond &= age <= band.max_age
    if band.retired_from_year is not None:
        cond &= retirement_year >= band.retired_from_year
    if band.retired_before_year is not None:
        cond &= retirement_year < band.retired_before_year
    return cond


def band_for(bands: list[Band], age: int, retirement_year: float | None) -> Band | None:
    """The band one person falls in (None where no band matches)."""
    ages = np.array([age])
    years = np.array([np.nan if retirement_year is None else retirement_year])
    return next((b for b in bands if band_matches(b, ages, years)[0]), None)


def band_value(bands: list[Band], key: str, age: np.ndarray,
               retirement_year: np.ndarray) -> np.ndarray:
    """``getattr(band, key)`` for the band each person falls in; NaN where unknown."""
    if len(bands) == 1:
        return np.full(np.shape(age), _value(getattr(bands[0], key)))
    conds = [band_matches(b, age, retirement_year) for b in bands]
    return np.select(conds, [_value(getattr(b, key)) for b in bands], default=np.nan)


def limit_value(v: object, age: np.ndarray, retirement_year: np.ndarray) -> np.ndarray:
    """A cap or ceiling: a number, ``null`` (NaN), ``unlimited`` (inf) or bands of those."""
    if isinstance(v, list):
        return band_value(v, "amount", age, retirement_year)
    return np.full(np.shape(age), _value(v))


def status_value(v: object, age: np.ndarray, retirement_year: np.ndarray,
                 key: str = "amount") -> np.ndarray:
    """A per-status value that is a scalar, ``null``, ``unlimited`` or a list of bands."""
    if isinstance(v, list):
        return band_value(v, key, age, retirement_year)
    return np.full(np.shape(age), _value(v))


def level_ratio(v, level: np.ndarray, age: np.ndarray, retirement_year: np.ndarray) -> np.ndarray:
    """The pooled fund's ratio at each person's facility level (``level`` holds LEVELS codes)."""
    if isinstance(v, list):
        per_level = [band_value(v, name, age, retirement_year) for name in LEVELS]
    else:
        per_level = [np.full(np.shape(age), _value(v.at(name))) for name in LEVELS]
    return np.select([level == i for i in range(len(LEVELS))], per_level, default=np.nan)

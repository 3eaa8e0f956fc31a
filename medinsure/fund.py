"""The fund in numbers: queries over the cited statistics and the shares computed from them.

The schema and the loader are in :mod:`medinsure.rules.statistics` (re-exported here, so
``fund.load_statistics()``, ``fund.Figure``, ``fund.TOPICS`` keep working). This module computes:
a figure by year and release, a series, the accounts' share of the employee fund, in-service
enrollees per retiree, the recomputation of every derived figure. Results are numbers and the
cited figures they come from; their words are in :mod:`medinsure.views.fund`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from medinsure.errors import InvalidInput
from medinsure.rules import Reference, region_slugs
from medinsure.rules.statistics import (
    RELEASE_LABEL,
    RELEASE_TITLE,
    RELEASES,
    TOPICS,
    UNITS,
    Figure,
    Point,
    clear_cache,
    load_statistics,
    operand,
    statistics_dir,
)

__all__ = ["RELEASES", "RELEASE_LABEL", "RELEASE_TITLE", "TOPICS", "UNITS", "Figure", "Point", "Derived",
           "FundView", "clear_cache", "load_statistics", "statistics_dir", "records", "figure", "series",
           "account_share", "account_share_of_employee_fund", "account_share_years", "in_service_ratio",
           "in_service_ratio_years", "recompute", "derived_checks", "unknown_figures", "years", "as_of",
           "topic_years", "share_points", "hunan_shares", "fund_view", "source_references"]


@dataclass(frozen=True)
class Derived:
    """A number computed here from cited figures (reliability DERIVED).

    ``measure`` is ``account_share`` (``inputs`` = pooled, account; ``basis`` = balance, income or
    spending) or ``in_service_ratio`` (``inputs`` = in service, retired).
    """

    value: float
    year: int
    release: str
    area: str
    measure: str
    basis: str | None
    inputs: tuple[Figure, ...]


# --------------------------------------------------------------------------- queries
def _split_key(key: str) -> tuple[str, str]:
    topic, _, name = key.partition(".")
    if topic not in TOPICS or name not in TOPICS[topic]:
        allowed = ", ".join(f"{t}.{n}" for t in TOPICS for n in TOPICS[t])
        raise InvalidInput("name", key, f"one of {allowed}")
    return topic, name


def _check_release(release: str | None) -> None:
    if release is not None and release not in RELEASES:
        raise InvalidInput("release", release, "one of " + ", ".join(RELEASES) + " or None (best available)")


def _check_area(area: str) -> None:
    if area not in {"national", *region_slugs()}:
        raise InvalidInput("area", area, "national or a region slug")


def records(key: str, area: str = "national") -> list[Figure]:
    """Every record of one figure (all years and releases), oldest first, 公报 before 快报."""
    topic, name = _split_key(key)
    _check_area(area)
    return sorted((f for f in load_statistics() if (f.topic, f.name, f.area) == (topic, name, area)),
                  key=lambda f: (f.year, RELEASES.index(f.release)))


def figure(key: str, year: int, release: str | None = None, area: str = "national") -> Figure:
    """One figure. ``release=None`` picks the best available: the first of RELEASES with a
    value, else the first record (whose value is then None and whose note says why)."""
    _check_release(release)
    recs = [f for f in records(key, area) if f.year == year and (release is None or f.release == release)]
    if not recs:
        years = sorted({f.year for f in records(key, area)})
        raise InvalidInput("year", year, f"{key} ({release or 'any release'}, {area}) is recorded for "
                           + (", ".join(map(str, years)) or "no year"))
    with_value = [f for f in recs if f.value is not None]
    return (with_value or recs)[0]


def series(key: str, release: str | None = None, area: str = "national",
           with_unknown: bool = False) -> list[Point]:
    """A figure over the years: ``[(year, value, unit, reference, release), …]``.

    Parameters
    ----------
    key : str
        ``topic.figure``, e.g. ``"employee_fund.account_cumulative"`` [unit in ``Point.unit``].
    release : str or None
        ``gongbao``, ``kuaibao``, … or None for the best available release of each year.
    with_unknown : bool
        Keep years recorded as null (value None).
    """
    _check_release(release)
    years = sorted({f.year for f in records(key, area)})
    out = []
    for y in years:
        try:
            f = figure(key, y, release, area)
        except InvalidInput:
            continue
        if f.value is None and not with_unknown:
            continue
        out.append(Point(f.year, f.value, f.unit, f.reference, f.release))
    return out


def _value(topic: str, name: str, year: int, release: str, area: str) -> Figure | None:
    for f in load_statistics():
        if (f.topic, f.name, f.area, f.release, f.year) == (topic, name, area, release, year):
            return f if f.value is not None else None
    return None


_BASIS = {"balance": ("pooled_cumulative", "account_cumulative"),
          "income": ("pooled_income", "account_income"),
          "spending": ("pooled_spending", "account_spending")}
BASES = tuple(_BASIS)


def _pair_release(topic: str, names: tuple[str, str], year: int, release: str | None,
                  area: str) -> str | None:
    """The release in which both figures have a value that year (never mixes two releases)."""
    for r in ([release] if release else RELEASES):
        if all(_value(topic, n, year, r, area) for n in names):
            return r
    return None


def account_share(year: int, basis: str = "balance", release: str | None = None,
                  area: str = "national") -> Derived:
    """Personal accounts' share of the employee fund: account / (pooled + account).

    Parameters
    ----------
    year : int
    basis : str
        ``balance`` (cumulative balances at year end), ``income`` or ``spending`` of the year.
    release : str or None
        None: the first release (公报, then 快报, …) in which both figures exist.

    Raises
    ------
    InvalidInput
        ``year`` where no single release gives both figures.
    """
    if basis not in _BASIS:
        raise InvalidInput("basis", basis, "balance, income or spending")
    _check_release(release)
    _check_area(area)
    names = _BASIS[basis]
    r = _pair_release("employee_fund", names, year, release, area)
    if r is None:
        have = [y for y, _ in account_share_years(basis, area)]
        raise InvalidInput("year", year, f"pooled and account {basis} are both known ({area}) for "
                           + (", ".join(map(str, have)) or "no year"))
    pooled = _value("employee_fund", names[0], year, r, area)
    account = _value("employee_fund", names[1], year, r, area)
    share = account.value / (pooled.value + account.value)
    return Derived(share, year, r, area, "account_share", basis, (pooled, account))


def account_share_of_employee_fund(year: int, basis: str = "balance", release: str | None = None,
                                   area: str = "national") -> float:
    """The share itself (0–1); see :func:`account_share`."""
    return account_share(year, basis, release, area).value


def account_share_years(basis: str = "balance", area: str = "national",
                        release: str | None = None) -> list[tuple[int, str]]:
    """(year, release) for every year in which one release gives both figures of ``basis``."""
    if basis not in _BASIS:
        raise InvalidInput("basis", basis, "balance, income or spending")
    years = sorted({f.year for f in load_statistics() if f.topic == "employee_fund" and f.area == area})
    out = []
    for y in years:
        r = _pair_release("employee_fund", _BASIS[basis], y, release, area)
        if r:
            out.append((y, r))
    return out


def in_service_ratio(year: int, release: str | None = None, area: str = "national") -> Derived:
    """In-service enrollees per retiree (在职退休比) [persons per person]."""
    _check_release(release)
    names = ("in_service", "retired")
    r = _pair_release("insured_counts", names, year, release, area)
    if r is None:
        raise InvalidInput("year", year, "in-service and retired counts are both known for "
                           + ", ".join(str(y) for y in in_service_ratio_years(area)))
    a = _value("insured_counts", "in_service", year, r, area)
    b = _value("insured_counts", "retired", year, r, area)
    return Derived(a.value / b.value, year, r, area, "in_service_ratio", None, (a, b))


def in_service_ratio_years(area: str = "national") -> list[int]:
    years = sorted({f.year for f in load_statistics() if f.topic == "insured_counts" and f.area == area})
    return [y for y in years if _pair_release("insured_counts", ("in_service", "retired"), y, None, area)]


def recompute(f: Figure) -> float:
    """The value of a derived figure computed from its operands [its unit]."""
    if not f.derived:
        raise InvalidInput("figure", f.key, "a derived figure")
    vals = []
    for spec in f.derived["of"]:
        n, y, r = operand(spec, f.year, f.release)
        vals.append(_value(f.topic, n, y, r, f.area).value)
    a, b = vals
    return {"difference": a - b, "sum": a + b, "ratio": a / b if b else math.nan}[f.derived["op"]]


def derived_checks() -> list[tuple[Figure, float]]:
    """Every derived figure with its recomputed value (tests compare the two)."""
    return [(f, recompute(f)) for f in load_statistics() if f.derived]


def unknown_figures(area: str = "national") -> list[Figure]:
    """Records whose value is null (not found), each with its note."""
    return [f for f in load_statistics() if f.area == area and f.value is None]


def years(area: str = "national") -> list[int]:
    return sorted({f.year for f in load_statistics() if f.area == area})


def as_of(year: int) -> dt.date:
    """The day a year's statistics are keyed by (year end)."""
    return dt.date(year + 1, 1, 1) - dt.timedelta(days=1)


def topic_years(topic: str, area: str = "national") -> list[int]:
    """The years for which ``topic`` has any record in ``area`` (known or not)."""
    return sorted({f.year for f in load_statistics() if f.topic == topic and f.area == area})


# --------------------------------------------------------------------------- what the page shows
def share_points(basis: str = "balance", release: str | None = None) -> list[Derived]:
    """The accounts' shares, one per year where one release gives both figures (national)."""
    return [account_share(y, basis, r) for y, r in account_share_years(basis, release=release)]


def hunan_shares() -> tuple[Derived, Derived, Figure]:
    """(national share, Hunan share, Hunan's printed share) in the latest year Hunan gives both balances."""
    year = account_share_years(area="hunan")[-1][0]
    nat = account_share(year)
    hun = account_share(year, area="hunan")
    stated = figure("employee_fund.account_share_stated", year, area="hunan")
    return nat, hun, stated


@dataclass(frozen=True)
class FundView:
    """What the fund page shows for one year."""

    year: int
    release: str | None
    basis: str
    share: Derived | None
    ratio: Derived | None
    figures: tuple[Figure, ...]
    share_years: tuple[tuple[int, str], ...]


def fund_view(year: int, release: str | None = None, basis: str = "balance") -> FundView:
    """Collect the year's numbers (raises InvalidInput for a year or release with no data)."""
    if year not in years() and year not in years("hunan"):
        raise InvalidInput("year", year, "one of " + ", ".join(map(str, years())))
    if release not in (None, "gongbao", "kuaibao"):
        raise InvalidInput("release", release, "best (None), gongbao or kuaibao")
    try:
        share = account_share(year, basis, release)
    except InvalidInput:
        share = None
    try:
        ratio = in_service_ratio(year, release)
    except InvalidInput:
        ratio = None
    figs = tuple(f for f in load_statistics() if f.year == year
                 and (release is None or f.release in (release, "briefing", "local")))
    return FundView(year, release, basis, share, ratio, figs,
                    tuple(account_share_years(basis, release=release)))


def source_references() -> list[Reference]:
    """The documents behind the statistics, each once (a derived figure's own stamp left out)."""
    refs: list[Reference] = []
    for f in load_statistics():
        base = f.reference if f.reference.reliability != "DERIVED" or not f.derived else None
        if base is not None and base not in refs:
            refs.append(base)
    return refs

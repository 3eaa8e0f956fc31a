"""What the data can compute for each region: complete or partial, and what is not known.

A status is *complete* at a region's latest rules when the four numbers of the comparison (old
and new account credit, old and new outpatient reimbursement) are known for a set of typical
enrollees of that status: ages in every usual band, a bill of 3,000 yuan a year at a primary,
a secondary and a tertiary facility. Pharmacy ratios are not required (most documents give none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from medinsure.compare import compare
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.rules import load_region, region_slugs

FIELDS = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new")
LEVELS_CHECKED = ("primary", "secondary", "tertiary")
_TYPICAL = {  # status -> list of enrollee keyword sets (without level)
    "in_service": [dict(age=age, wage_monthly=8000.0) for age in (30, 40, 50)],
    "retired": [dict(age=age, pension_monthly=4000.0, retirement_year=2010) for age in (65, 75)],
    "flexible": [dict(age=40, wage_monthly=6000.0)],
}
BILL = 3000.0
VISITS = 12


@dataclass(frozen=True)
class StatusCoverage:
    status: str
    complete: bool
    unknown: tuple[str, ...]     # the fields not known for at least one typical enrollee
    refused: str | None = None   # the rules need an input the typical enrollee lacks


@dataclass(frozen=True)
class RegionCoverage:
    slug: str
    name: dict
    kind: str
    account_reform: dt.date | None
    account_reform_exact: bool
    pooling_start: dt.date | None
    pooling_start_exact: bool
    data_from: dt.date
    latest: dt.date
    statuses: dict  # status -> StatusCoverage

    @property
    def complete(self) -> bool:
        """Complete for in-service and retired enrollees (flexible where the sources allow)."""
        return self.statuses["in_service"].complete and self.statuses["retired"].complete

    def to_dict(self) -> dict:
        return {
            "slug": self.slug, "name_zh": self.name["zh"], "name_en": self.name["en"], "level": self.kind,
            "account_reform": _iso(self.account_reform), "account_reform_exact": self.account_reform_exact,
            "pooling_start": _iso(self.pooling_start), "pooling_start_exact": self.pooling_start_exact,
            "data_from": self.data_from.isoformat(), "latest_rules": self.latest.isoformat(),
            "complete": self.complete,
            "statuses": {s: {"complete": c.complete, "unknown": list(c.unknown), "refused": c.refused}
                         for s, c in self.statuses.items()},
        }


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def status_coverage(slug: str, day: dt.date, status: str) -> StatusCoverage:
    missing: list[str] = []
    refused = None
    for kw in _TYPICAL[status]:
        for level in LEVELS_CHECKED:
            person = Enrollee(status=status, level=level, outpatient_yearly=BILL, visits_yearly=VISITS, **kw)
            try:
                c = compare(slug, day, person)
            except InvalidInput as exc:
                refused = f"{exc.field}: {exc.allowed}"
                missing.extend(FIELDS)
                continue
            for f in FIELDS:
                if getattr(c, f) is None and f not in missing:
                    missing.append(f)
    ordered = tuple(f for f in FIELDS if f in missing)
    return StatusCoverage(status, not ordered, ordered, refused)


def region_coverage(slug: str) -> RegionCoverage:
    reg = load_region(slug)
    latest = reg.latest_date()
    return RegionCoverage(
        slug=slug, name=reg.name, kind=reg.kind,
        account_reform=reg.account_reform.date, account_reform_exact=reg.account_reform.date_exact,
        pooling_start=reg.pooling_start.date, pooling_start_exact=reg.pooling_start.date_exact,
        data_from=reg.data_from, latest=latest,
        statuses={s: status_coverage(slug, latest, s) for s in _TYPICAL})


def all_coverage() -> list[RegionCoverage]:
    return [region_coverage(slug) for slug in region_slugs()]

"""Regions: their folders in ``data/regions/``, their reform dates, and the rules of a day.

What "old" and "new" mean (issue 10): the reform is the package of the account change and the
start of general outpatient pooling for employees. "New" are the rules in force on the chosen
day; "old" those in force the day before the *earlier* of the two (or a day the caller names).
Where neither date is known, "old" is the day before the first post-reform account entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from medinsure.errors import DataError, DateBeforeRules, InvalidInput
from medinsure.rules.employee import CONCEPTS
from medinsure.rules.files import (
    Entry,
    ParameterFile,
    Reference,
    ValidationContext,
    load_parameter_file,
    parse_reference,
    read_yaml,
    relative,
    require_data_dir,
)
from medinsure.rules.typed import Bilingual, Rule, data_error

NATIONAL = "national"


class ReformEvent(Rule):
    """A dated step of the reform (``account_reform`` or ``pooling_start`` in region.yaml)."""

    date: dt.date | None
    date_exact: bool = True
    reference: Any
    note: Bilingual | None = None


class RegionFile(Rule):
    """The shape of ``region.yaml``."""

    slug: str
    name: Bilingual
    province: Bilingual | None = None
    kind: Literal["city", "province", "national"]
    data_from: dt.date
    account_reform: ReformEvent
    pooling_start: ReformEvent
    summary: Bilingual
    rules_checked_to: dt.date | None = None


@dataclass(frozen=True)
class Event:
    date: dt.date | None
    date_exact: bool
    references: tuple[Reference, ...]
    note: dict | None


@dataclass(frozen=True)
class Region:
    slug: str
    name: dict
    province: dict | None
    kind: str
    data_from: dt.date
    account_reform: Event
    pooling_start: Event
    summary: dict
    files: dict = field(default_factory=dict)  # concept -> ParameterFile
    folder: str = ""

    # named accessors (nothing outside rules/ indexes files or entries)
    def file(self, concept: str) -> ParameterFile:
        return self.files[concept]

    @property
    def reform_date(self) -> dt.date | None:
        return self.account_reform.date

    @property
    def reform_date_exact(self) -> bool:
        return self.account_reform.date_exact

    @property
    def reform_note(self) -> dict | None:
        return self.account_reform.note

    @property
    def reform_references(self) -> tuple[Reference, ...]:
        return self.account_reform.references

    @property
    def reform_start(self) -> dt.date | None:
        """The earlier of the account change and the start of outpatient pooling."""
        days = [d for d in (self.account_reform.date, self.pooling_start.date) if d is not None]
        return min(days) if days else None

    def new_account_dates(self) -> list[dt.date]:
        """Dates of the entries whose crediting is no longer the old one (transition or new)."""
        return [e.date for e in self.files["personal_account"].entries if e.value.regime != "old"]

    def new_account_entry(self) -> Entry | None:
        """The first entry of the reformed crediting (regime new)."""
        news = [e for e in self.files["personal_account"].entries if e.value.regime == "new"]
        return news[0] if news else None

    def base_limits(self, day: dt.date) -> Any:
        """The contribution base in force on ``day`` (floor, ceiling, average wage)."""
        return self.files["contribution_base"].at(day).value

    def latest_date(self) -> dt.date:
        return max(d for pf in self.files.values() for d in pf.dates)

    def rule_dates(self) -> list[dt.date]:
        """The dates on which any rule changes, from the data's start on."""
        days = {d for pf in self.files.values() for d in pf.dates if d >= self.data_from}
        days.add(self.data_from)
        return sorted(days)

    def change_dates(self) -> list[dt.date]:
        """Every date on which any of the region's rules starts (the day before too)."""
        days: set[dt.date] = set()
        for d in self.rule_dates():
            days.add(d)
            if d - dt.timedelta(days=1) >= self.data_from:
                days.add(d - dt.timedelta(days=1))
        for d in (self.account_reform.date, self.pooling_start.date):
            if d is not None and d >= self.data_from:
                days.add(d)
        return sorted(days)

    def references(self) -> list[Reference]:
        from medinsure.rules.files import unique_references
        return unique_references([*self.account_reform.references, *self.pooling_start.references,
                                  *(r for pf in self.files.values() for r in pf.references())])

    # population
    def reformed_rule_dates(self) -> list[dt.date]:
        """Dates on which the post-reform rules change, from the reform's start (the choices of
        "rules in force")."""
        start = self.reform_start
        if start is None:
            news = self.new_account_dates()
            start = news[0] if news else self.data_from
        return sorted({d for d in self.rule_dates() if d >= start} | {start})

    rules_checked_to: dt.date | None = None


def _event(ctx: ValidationContext, key: str, ev: ReformEvent) -> Event:
    if ev.date is None and ev.note is None:
        raise ctx.fail(f"{key}.note", "the date is null: say why in a note")
    refs = parse_reference(ctx, f"{key}.reference", ev.reference)
    return Event(ev.date, ev.date_exact, refs, None if ev.note is None else ev.note.model_dump())


def load_region_folder(folder: Path, root: Path | None = None) -> Region:
    path = folder / "region.yaml"
    rel = relative(path, root)
    if not path.exists():
        raise DataError(rel, "(file)", "region.yaml is missing")
    doc = read_yaml(path, rel)
    ctx = ValidationContext(rel)
    try:
        meta = RegionFile.model_validate(doc)
    except ValidationError as exc:
        raise data_error(ctx, exc, doc) from None
    if meta.slug != folder.name:
        raise ctx.fail("slug", f"{meta.slug!r} does not match the folder name {folder.name!r}")
    files = {}
    for concept in CONCEPTS:
        p = folder / f"{concept}.yaml"
        if not p.exists():
            raise DataError(rel.replace("region.yaml", f"{concept}.yaml"), "(file)",
                            "missing: every region has one file per concept")
        pf = load_parameter_file(p, root)
        if pf.dates[0] > meta.data_from:
            raise DataError(pf.source, "values", f"first entry {pf.dates[0]} is after the region's "
                            f"data_from {meta.data_from}: add an entry (kind unknown if need be)")
        files[concept] = pf
    extra = {p.name for p in folder.glob("*.yaml")} - {f"{c}.yaml" for c in CONCEPTS} - {"region.yaml"}
    extra -= set(_OPTIONAL_FILES)
    if extra:
        raise DataError(rel, "(folder)", f"unknown file {sorted(extra)[0]}")
    return Region(
        slug=meta.slug, name=meta.name.model_dump(),
        province=None if meta.province is None else meta.province.model_dump(), kind=meta.kind,
        data_from=meta.data_from, account_reform=_event(ctx, "account_reform", meta.account_reform),
        pooling_start=_event(ctx, "pooling_start", meta.pooling_start),
        summary=meta.summary.model_dump(), files=files, folder=str(folder),
        rules_checked_to=meta.rules_checked_to)


# Files a region folder may hold beside its four concepts (read by their own topic modules).
_OPTIONAL_FILES = ("account_lifecycle.yaml",)


def _region_folders() -> dict[str, Path]:
    base = require_data_dir()
    folders = {NATIONAL: base / "national" / "framework"}
    regions = base / "regions"
    if regions.is_dir():
        for p in sorted(regions.iterdir()):
            if p.is_dir():
                folders[p.name] = p
    return folders


def load_region(slug: str) -> Region:
    """The region ``slug`` (read once per process; ``load_region.cache_clear()`` forgets it)."""
    if not isinstance(slug, str):
        raise InvalidInput("region", slug, "a region slug (text); `medinsure regions` lists them")
    return _load_region(slug)


@cache
def _load_region(slug: str) -> Region:
    folders = _region_folders()
    if slug not in folders:
        raise InvalidInput("region", slug, "known regions: " + ", ".join(folders))
    folder = folders[slug]
    region = load_region_folder(folder)
    if slug == NATIONAL and region.slug != "framework":
        raise DataError(str(folder), "slug", "the national preset's slug must be 'framework'")
    return region


load_region.cache_clear = _load_region.cache_clear  # type: ignore[attr-defined]


def region_slugs() -> list[str]:
    return list(_region_folders())


def load_all() -> dict[str, Region]:
    """Load and validate every region; raises DataError on the first broken file."""
    return {slug: load_region(slug) for slug in region_slugs()}


# --------------------------------------------------------------------------- resolution
@dataclass(frozen=True)
class Rules:
    """The entries of every concept in force on one day."""

    day: dt.date
    contribution_rates: Entry
    contribution_base: Entry
    personal_account: Entry
    outpatient_pooling: Entry

    def entries(self) -> tuple[Entry, ...]:
        return (self.contribution_rates, self.contribution_base, self.personal_account,
                self.outpatient_pooling)

    @property
    def account(self):
        return self.personal_account.value

    @property
    def pooling(self):
        return self.outpatient_pooling.value

    @property
    def base(self):
        return self.contribution_base.value

    @property
    def rates(self):
        return self.contribution_rates.value


@dataclass(frozen=True)
class Notice:
    """Something a reader must know about the rules chosen; words are the views' job."""

    code: str
    args: dict
    text: dict | None = None  # {zh, en} when the words come from the data (a note)


@dataclass(frozen=True)
class RuleSet:
    region: Region
    date: dt.date
    old: Rules
    new: Rules
    notices: tuple[Notice, ...]
    old_reason: str  # "reform", "old_date", "first_new_entry", "before_reform", "no_reform_yet"

    def references(self) -> list[Reference]:
        """The documents behind both rule sets (crediting, pooling, contributions) and the reform."""
        refs: list[Reference] = []
        concepts = ("personal_account", "outpatient_pooling", "contribution_rates", "contribution_base")
        for r in [r for rules in (self.old, self.new) for c in concepts for r in getattr(rules, c).references] \
                + list(self.region.reform_references):
            if r not in refs:
                refs.append(r)
        return refs


def as_date(day: Any, field_name: str = "date") -> dt.date:
    """A date from a ``date`` or a ``YYYY-MM-DD`` text, or InvalidInput naming the field."""
    if isinstance(day, dt.datetime):
        raise InvalidInput(field_name, day, "a date (YYYY-MM-DD), not a date and time")
    if isinstance(day, dt.date):
        return day
    if isinstance(day, str):
        try:
            if len(day) == 10:
                return dt.date.fromisoformat(day)
        except ValueError:
            pass
        raise InvalidInput(field_name, day, "a calendar date written YYYY-MM-DD")
    raise InvalidInput(field_name, day, "a calendar date written YYYY-MM-DD")


def rules_on(region: Region, day: dt.date) -> Rules:
    if day < region.data_from:
        raise DateBeforeRules("date", day.isoformat(), region.data_from,
                              f"{region.slug} has rules from {region.data_from} on", region.name)
    return Rules(day, *(region.files[c].at(day) for c in CONCEPTS))


def old_rules_day(region: Region, day: dt.date) -> tuple[dt.date, str]:
    """The day whose rules count as "old" for a comparison on ``day``, and why."""
    start = region.reform_start
    if start is not None:
        if day < start:
            return day, "before_reform"
        return max(start - dt.timedelta(days=1), region.data_from), "reform"
    news = [d for d in region.new_account_dates() if d <= day]
    if not news:  # no reform by that day, as far as the data knows: old and new are the same
        return day, "no_reform_yet"
    return max(news[0] - dt.timedelta(days=1), region.data_from), "first_new_entry"


def rules_for(region_slug: str, day: Any, old_date: Any = None) -> RuleSet:
    """New = the rules in force on ``day``; old = those of the day before the reform (the earlier
    of the account change and the start of outpatient pooling), or of ``old_date``."""
    day = as_date(day)
    region = load_region(region_slug)
    new = rules_on(region, day)
    notices: list[Notice] = []
    if old_date is not None:
        od = as_date(old_date, "old_date")
        if od > day:
            raise InvalidInput("old_date", od.isoformat(), f"on or before the date {day}")
        old_day, reason = od, "old_date"
    else:
        old_day, reason = old_rules_day(region, day)
    old = rules_on(region, old_day)
    for key, ev in (("account_reform", region.account_reform), ("pooling_start", region.pooling_start)):
        if ev.date is not None and not ev.date_exact:
            notices.append(Notice("date_not_exact", {"event": key, "date": ev.date.isoformat()}))
        if ev.date is None and ev.note is not None:
            notices.append(Notice("event_date_unknown", {"event": key}, ev.note))
    if reason == "before_reform":
        notices.append(Notice("before_reform", {"region_zh": region.name["zh"], "region_en": region.name["en"],
                                                "start": region.reform_start.isoformat()}))
    if reason == "no_reform_yet":
        notices.append(Notice("no_reform_yet", {"day": day.isoformat()}))
    if reason == "first_new_entry":
        notices.append(Notice("old_from_first_new_entry", {"old": old_day.isoformat()}))
    if reason == "old_date":
        notices.append(Notice("old_date_chosen", {"old": old_day.isoformat()}))
    later = [d for d in region.rule_dates() if d > day]
    if later:  # a superseded phase: say that the rules changed since (policy_facts_2: 武汉 2023-04-10)
        notices.append(Notice("later_rules", {"next": later[0].isoformat(), "latest": later[-1].isoformat()}))
    checked = region.rules_checked_to or region.latest_date()
    if day > checked:
        notices.append(Notice("after_checked", {"checked": checked.isoformat()}))
    seen, unique = set(), []
    for n in notices:
        k = (n.code, tuple(sorted(n.args.items())))
        if k not in seen:
            seen.add(k)
            unique.append(n)
    return RuleSet(region, day, old, new, tuple(unique), reason)


# --------------------------------------------------------------------------- fund / myths: named accessors
def first_band(rules: Rules, status: str) -> Any:
    """The first band of ``status``'s crediting rule in ``rules`` (its ``rate`` or ``amount``)."""
    return getattr(rules.account, status).bands[0]


def numbered_reference(region: Region, concept: str) -> Reference:
    """The last reference with a 文号 among a concept's entries (else the last reference)."""
    refs = [r for e in region.file(concept).entries for r in e.references]
    numbered = [r for r in refs if r.number]
    return (numbered or refs)[-1]

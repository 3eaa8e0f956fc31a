"""城乡居民医保 rules: the ``resident_*`` schemas, one place's files (:class:`Place`), and named
accessors for what the calculation and the pages read from an entry.

Files live in ``data/resident/<place>/`` (schema: ``data/resident/README.md``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from medinsure.errors import DataError, DateBeforeRules, InvalidInput
from medinsure.rules.files import (
    Entry,
    ParameterFile,
    ValidationContext,
    check_amount,
    check_bilingual,
    check_keys,
    check_rate,
    data_dir,
    load_parameter_file,
    register_concept,
)

SEXES = ("male", "female")
ENROLMENTS = ("first", "re_enrolment", "newborn")
ILLNESS = "illness"  # the cause that is not excluded; data files list the excluded ones
PLACE_KINDS = ("national", "province", "city", "county", "district", "town")
CONCEPTS = ("resident_region", "resident_minimum_funding", "resident_contributions",
            "resident_inpatient", "resident_waiting_period")

# --------------------------------------------------------------------------- validators
def _check_whole(ctx: ValidationContext, key: str, v: object) -> None:
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise ctx.fail(key, f"{v!r} must be a whole number >= 0")


def _check_age_limit(ctx: ValidationContext, key: str, v: object) -> None:
    """A whole number of years, or one per sex: {male: 60, female: 55}."""
    if isinstance(v, dict):
        check_keys(ctx, key, v, set(SEXES), set(SEXES))
        for s in SEXES:
            _check_whole(ctx, f"{key}.{s}", v[s])
    else:
        _check_whole(ctx, key, v)


def _check_labelled_list(ctx: ValidationContext, key: str, items: object) -> list[str]:
    """A list of {key, label}; returns the keys (unique)."""
    if not isinstance(items, list):
        raise ctx.fail(key, "must be a list of {key, label}")
    keys: list[str] = []
    for i, it in enumerate(items):
        check_keys(ctx, f"{key}[{i}]", it, {"key", "label"}, {"key", "label"})
        if not isinstance(it["key"], str) or not it["key"]:
            raise ctx.fail(f"{key}[{i}].key", "must be non-empty text")
        if it["key"] in keys:
            raise ctx.fail(f"{key}[{i}].key", f"duplicate key {it['key']!r}")
        check_bilingual(ctx, f"{key}[{i}].label", it["label"])
        keys.append(it["key"])
    return keys


def _check_subsidy(ctx: ValidationContext, key: str, s: object) -> None:
    check_keys(ctx, key, s, {"payer", "amount", "parts"}, {"payer", "amount"})
    check_bilingual(ctx, f"{key}.payer", s["payer"])
    check_amount(ctx, f"{key}.amount", s["amount"])
    if "parts" in s:
        parts = s["parts"]
        if not isinstance(parts, list) or not parts:
            raise ctx.fail(f"{key}.parts", "must be a non-empty list of {payer, amount}")
        for i, p in enumerate(parts):
            check_keys(ctx, f"{key}.parts[{i}]", p, {"payer", "amount"}, {"payer", "amount"})
            check_bilingual(ctx, f"{key}.parts[{i}].payer", p["payer"])
            check_amount(ctx, f"{key}.parts[{i}].amount", p["amount"])
        amounts = [p["amount"] for p in parts]
        if s["amount"] is not None and None not in amounts and not math.isclose(sum(amounts), s["amount"]):
            raise ctx.fail(f"{key}.parts", f"parts add up to {sum(amounts)}, not {s['amount']}")


def _check_subsidies(ctx: ValidationContext, key: str, v: object) -> None:
    if not isinstance(v, list):
        raise ctx.fail(key, "must be a list of {payer, amount}")
    for i, s in enumerate(v):
        _check_subsidy(ctx, f"{key}[{i}]", s)


def _validate_region(ctx: ValidationContext, d: dict) -> None:
    keys = {"name", "province", "kind", "completeness", "summary"}
    check_keys(ctx, "", d, keys, keys)
    check_bilingual(ctx, "name", d["name"])
    check_bilingual(ctx, "summary", d["summary"])
    if d["province"] is not None:
        check_bilingual(ctx, "province", d["province"])
    if d["kind"] not in PLACE_KINDS:
        raise ctx.fail("kind", f"{d['kind']!r} is not one of {', '.join(PLACE_KINDS)}")
    if d["completeness"] not in ("complete", "partial"):
        raise ctx.fail("completeness", f"{d['completeness']!r} must be complete or partial")


def _validate_minimum_funding(ctx: ValidationContext, d: dict) -> None:
    keys = {"coverage_year", "fiscal_subsidy_min", "individual_min"}
    check_keys(ctx, "", d, keys, keys)
    _check_whole(ctx, "coverage_year", d["coverage_year"])
    if ctx.day is not None and d["coverage_year"] != ctx.day.year:
        raise ctx.fail("coverage_year", f"{d['coverage_year']} is not the year of the entry's date")
    check_amount(ctx, "fiscal_subsidy_min", d["fiscal_subsidy_min"])
    check_amount(ctx, "individual_min", d["individual_min"])


def _group_total(group: dict, for_everyone: list) -> float | None:
    amounts = [group["individual"]] + [s["amount"] for s in for_everyone + group.get("subsidies", [])]
    return None if None in amounts else float(sum(amounts))


def _validate_contributions(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, {"total_per_person", "categories", "for_everyone", "groups"},
               {"total_per_person", "categories", "groups"})
    check_amount(ctx, "total_per_person", d["total_per_person"])
    categories = _check_labelled_list(ctx, "categories", d["categories"])
    _check_subsidies(ctx, "for_everyone", d.get("for_everyone", []))
    groups = d["groups"]
    if not isinstance(groups, list) or not groups:
        raise ctx.fail("groups", "must be a non-empty list")
    seen: set[str] = set()
    for i, g in enumerate(groups):
        k = f"groups[{i}]"
        check_keys(ctx, k, g, {"key", "label", "min_age", "max_age", "category", "individual",
                               "subsidies"}, {"key", "label", "individual"})
        if not isinstance(g["key"], str) or g["key"] in seen:
            raise ctx.fail(f"{k}.key", f"{g['key']!r} must be a unique text key")
        seen.add(g["key"])
        check_bilingual(ctx, f"{k}.label", g["label"])
        for bound in ("min_age", "max_age"):
            if bound in g:
                _check_age_limit(ctx, f"{k}.{bound}", g[bound])
        if "min_age" in g and "max_age" in g:
            for s in SEXES:
                lo = g["min_age"][s] if isinstance(g["min_age"], dict) else g["min_age"]
                hi = g["max_age"][s] if isinstance(g["max_age"], dict) else g["max_age"]
                if hi < lo:
                    raise ctx.fail(f"{k}.max_age", f"{hi} is below min_age {lo} ({s})")
        if "category" in g and g["category"] not in categories:
            raise ctx.fail(f"{k}.category", f"{g['category']!r} is not one of the categories "
                           f"({', '.join(categories) or 'none listed'})")
        check_amount(ctx, f"{k}.individual", g["individual"])
        _check_subsidies(ctx, f"{k}.subsidies", g.get("subsidies", []))
        total = _group_total(g, d.get("for_everyone", []))
        if d["total_per_person"] is not None and total is not None \
                and not math.isclose(total, d["total_per_person"]):
            raise ctx.fail(f"{k}", f"individual + subsidies = {total}, not the total_per_person "
                           f"{d['total_per_person']}")


def _check_bands(ctx: ValidationContext, key: str, bands: object) -> None:
    """Bands by amount: up_to increasing, the last one open (null)."""
    if not isinstance(bands, list) or not bands:
        raise ctx.fail(key, "bands must be a non-empty list of {up_to, ratio}")
    previous = 0.0
    for i, b in enumerate(bands):
        check_keys(ctx, f"{key}[{i}]", b, {"up_to", "ratio"}, {"up_to", "ratio"})
        check_rate(ctx, f"{key}[{i}].ratio", b["ratio"])
        last = i == len(bands) - 1
        if last and b["up_to"] is not None:
            raise ctx.fail(f"{key}[{i}].up_to", "the last band must be open (up_to: null)")
        if not last:
            if b["up_to"] is None:
                raise ctx.fail(f"{key}[{i}].up_to", "only the last band may be open")
            check_amount(ctx, f"{key}[{i}].up_to", b["up_to"])
            if b["up_to"] <= previous:
                raise ctx.fail(f"{key}[{i}].up_to", f"{b['up_to']} must be above {previous}")
            previous = b["up_to"]


def _validate_inpatient(ctx: ValidationContext, d: dict) -> None:
    allowed = {"requires_approval", "hospital_classes", "bands", "category_b_reduction",
               "yearly_cap", "outpatient_allowance_yearly", "excluded_causes"}
    check_keys(ctx, "", d, allowed, {"hospital_classes", "category_b_reduction", "yearly_cap",
                                     "excluded_causes"})
    if "requires_approval" in d and not isinstance(d["requires_approval"], bool):
        raise ctx.fail("requires_approval", "must be true or false")
    if "bands" in d:
        _check_bands(ctx, "bands", d["bands"])
    classes = d["hospital_classes"]
    if not isinstance(classes, list) or not classes:
        raise ctx.fail("hospital_classes", "must be a non-empty list")
    seen: set[str] = set()
    for i, c in enumerate(classes):
        k = f"hospital_classes[{i}]"
        check_keys(ctx, k, c, {"key", "label", "hospitals", "deductible", "ratio_reduction", "bands"},
                   {"key", "label", "deductible"})
        if not isinstance(c["key"], str) or c["key"] in seen:
            raise ctx.fail(f"{k}.key", f"{c['key']!r} must be a unique text key")
        seen.add(c["key"])
        check_bilingual(ctx, f"{k}.label", c["label"])
        if "hospitals" in c:
            check_bilingual(ctx, f"{k}.hospitals", c["hospitals"])
        check_amount(ctx, f"{k}.deductible", c["deductible"])
        check_rate(ctx, f"{k}.ratio_reduction", c.get("ratio_reduction", 0))
        if "bands" in c:
            _check_bands(ctx, f"{k}.bands", c["bands"])
        elif "bands" not in d:
            raise ctx.fail(f"{k}.bands", "no bands: give the class its own or the entry common ones")
    check_rate(ctx, "category_b_reduction", d["category_b_reduction"])
    if d["yearly_cap"] != "unlimited":
        check_amount(ctx, "yearly_cap", d["yearly_cap"])
    if "outpatient_allowance_yearly" in d:
        check_amount(ctx, "outpatient_allowance_yearly", d["outpatient_allowance_yearly"])
    causes = _check_labelled_list(ctx, "excluded_causes", d["excluded_causes"])
    if ILLNESS in causes:
        raise ctx.fail("excluded_causes", f"{ILLNESS!r} is the cause that is paid; it cannot be excluded")


def _validate_waiting(ctx: ValidationContext, d: dict) -> None:
    keys = {"windows", "late_wait_months", "reenrolment_wait_months", "newborn_wait_months"}
    check_keys(ctx, "", d, keys, keys)
    windows = d["windows"]
    if not isinstance(windows, list):
        raise ctx.fail("windows", "must be a list (empty when there is no window)")
    end = None
    for i, w in enumerate(windows):
        k = f"windows[{i}]"
        check_keys(ctx, k, w, {"from", "to", "wait_months", "label"}, {"from", "to", "wait_months", "label"})
        for side in ("from", "to"):
            if not isinstance(w[side], dt.date) or isinstance(w[side], dt.datetime):
                raise ctx.fail(f"{k}.{side}", "must be a date YYYY-MM-DD")
        if w["to"] < w["from"]:
            raise ctx.fail(f"{k}.to", "ends before it starts")
        if end is not None and w["from"] <= end:
            raise ctx.fail(f"{k}.from", "windows must be in order and must not overlap")
        end = w["to"]
        _check_whole(ctx, f"{k}.wait_months", w["wait_months"])
        check_bilingual(ctx, f"{k}.label", w["label"])
    for k in ("late_wait_months", "reenrolment_wait_months", "newborn_wait_months"):
        if d[k] is not None:
            _check_whole(ctx, k, d[k])


_VALIDATORS = {
    "resident_region": _validate_region,
    "resident_minimum_funding": _validate_minimum_funding,
    "resident_contributions": _validate_contributions,
    "resident_inpatient": _validate_inpatient,
    "resident_waiting_period": _validate_waiting,
}
for _concept, _validator in _VALIDATORS.items():
    register_concept(_concept, _validator)


# --------------------------------------------------------------------------- loading
@dataclass(frozen=True)
class Place:
    """One place's resident-insurance rules (the files present in its folder)."""

    slug: str
    name: dict
    province: dict | None
    kind: str
    completeness: str
    summary: dict
    files: dict  # concept -> ParameterFile
    region_entry: Entry

    def has(self, concept: str) -> bool:
        return concept in self.files

    def file(self, concept: str) -> ParameterFile:
        if concept not in self.files:
            raise InvalidInput("region", self.slug, f"{self.slug} has no {concept} rules; places with "
                               f"them: {', '.join(place_slugs(concept))}")
        return self.files[concept]

    def entry(self, concept: str, day: dt.date | None = None, field: str = "date") -> Entry:
        """The entry in force on ``day`` (the latest one when ``day`` is None)."""
        pf = self.file(concept)
        if day is None:
            return pf.entries[-1]
        if day < pf.entries[0].date:
            raise DateBeforeRules(field, day.isoformat(), pf.entries[0].date,
                                  f"{pf.source} has rules from {pf.entries[0].date} on", self.name)
        return pf.at(day)

    def first_date(self, concept: str | None = None) -> dt.date:
        """The first day with rules for ``concept`` (any of the place's files when None)."""
        files = [self.file(concept)] if concept is not None else list(self.files.values())
        return min(pf.entries[0].date for pf in files)

    def all_entries(self) -> list[Entry]:
        """The region entry, then every entry of every file (for the sources list)."""
        return [self.region_entry] + [e for pf in self.files.values() for e in pf.entries]


def resident_dir() -> Path:
    """``data/resident/`` (follows ``$MEDINSURE_DATA``)."""
    return data_dir() / "resident"


def _folders() -> dict[str, Path]:
    base = resident_dir()
    if not base.is_dir():
        return {}
    return {p.name: p for p in sorted(base.iterdir()) if p.is_dir()}


@cache
def load_place(slug: str) -> Place:
    """Load and validate one place's files; DataError names file and key."""
    folders = _folders()
    if slug not in folders:
        raise InvalidInput("region", slug, "known places: " + ", ".join(folders))
    folder = folders[slug]
    root = data_dir().parent
    files = {}
    for p in sorted(folder.glob("*.yaml")):
        if p.stem not in CONCEPTS:
            raise DataError(str(p), "(file)", f"unknown file; allowed: {', '.join(CONCEPTS)}")
        files[p.stem] = load_parameter_file(p, root)
    if "resident_region" not in files:
        raise DataError(str(folder / "resident_region.yaml"), "(file)", "missing")
    meta = files.pop("resident_region").entries[-1]
    return Place(slug=slug, name=meta["name"], province=meta["province"], kind=meta["kind"],
                 completeness=meta["completeness"], summary=meta["summary"], files=files,
                 region_entry=meta)


def place_slugs(concept: str | None = None) -> list[str]:
    """Places in ``data/resident/``, optionally only those with files for ``concept``."""
    slugs = list(_folders())
    if concept is None:
        return slugs
    return [s for s in slugs if load_place(s).has(concept)]


def load_all_places() -> dict[str, Place]:
    return {s: load_place(s) for s in place_slugs()}


# --------------------------------------------------------------------------- named accessors
# What the calculation and the pages read from an entry, by name (never raw keys outside rules/).
def contribution_groups_of(entry: Entry) -> list[dict]:
    """The contribution groups of a ``resident_contributions`` entry, as written."""
    return list(entry["groups"])


def categories_of(entry: Entry) -> list[dict]:
    """The categories ({key, label}) of a ``resident_contributions`` entry."""
    return list(entry["categories"])


def subsidies_for_everyone(entry: Entry) -> list[dict]:
    """Subsidies every resident gets, whatever their group."""
    return list(entry.get("for_everyone", []))


def group_subsidies(group: dict) -> list[dict]:
    return list(group.get("subsidies", []))


def group_individual(group: dict) -> float | None:
    return None if group["individual"] is None else float(group["individual"])


def group_funding(entry: Entry, group: dict) -> tuple[float | None, float | None]:
    """A group's individual contribution and its subsidies' total [yuan/year]; None = not known."""
    subs = [s["amount"] for s in subsidies_for_everyone(entry) + group_subsidies(group)]
    return group_individual(group), None if None in subs else float(sum(subs))


def age_limit(group: dict, bound: str, sex: str) -> int | None:
    """``min_age`` / ``max_age`` of a group for one sex; None when the group has no such bound."""
    if bound not in group:
        return None
    v = group[bound]
    return v[sex] if isinstance(v, dict) else v


def hospital_classes_of(entry: Entry) -> list[dict]:
    """The hospital classes of a ``resident_inpatient`` entry, as written."""
    return list(entry["hospital_classes"])


def excluded_causes_of(entry: Entry) -> list[dict]:
    return list(entry["excluded_causes"])


def common_bands(entry: Entry) -> list[dict]:
    """The bands every hospital class uses unless it has its own (empty when none)."""
    return list(entry.get("bands") or [])


def class_rules(entry: Entry, hospital_class: str) -> tuple[dict, list[dict], float]:
    """One hospital class: the class as written, its bands and its ratio reduction."""
    classes = {c["key"]: c for c in hospital_classes_of(entry)}
    if hospital_class not in classes:
        raise InvalidInput("hospital_class", hospital_class, "one of " + ", ".join(classes))
    c = classes[hospital_class]
    bands = c.get("bands", entry.get("bands"))
    return c, bands, float(c.get("ratio_reduction", 0))


def yearly_cap(entry: Entry) -> float | str | None:
    """The yearly cap [yuan], ``"unlimited"``, or None (not known)."""
    return entry["yearly_cap"]


def category_b_reduction(entry: Entry) -> float | None:
    return entry["category_b_reduction"]


def requires_approval(entry: Entry) -> bool:
    return bool(entry.get("requires_approval"))


def waiting_windows(entry: Entry) -> list[dict]:
    """Transition windows of a ``resident_waiting_period`` entry, in order."""
    return list(entry["windows"])


def wait_months(entry: Entry, enrolment: str) -> int | None:
    """Months to wait outside a window: ``first`` (late), ``re_enrolment`` or ``newborn``."""
    key = {"first": "late_wait_months", "re_enrolment": "reenrolment_wait_months",
           "newborn": "newborn_wait_months"}[enrolment]
    return entry[key]


def minimum_funding_file() -> ParameterFile:
    """The national minimum funding per coverage year."""
    return load_place("national").file("resident_minimum_funding")


def funding_minimum(entry: Entry) -> tuple[int, float | None, float | None]:
    """A minimum-funding entry: coverage year, minimum fiscal subsidy and individual contribution
    [yuan/person/year]; None = not known."""
    return entry["coverage_year"], entry["fiscal_subsidy_min"], entry["individual_min"]

"""城乡居民医保 — resident medical insurance: who pays what, and what an inpatient stay gets back.

Rules are dated, cited files in ``data/resident/<place>/`` (schema: ``data/resident/README.md``):

- contributions by group (age, sex, category such as 低保) with the subsidies paid for the
  resident, and the national minimum funding per coverage year;
- inpatient reimbursement: deductible by hospital class (by level, or by location: in the
  district / elsewhere in the city / outside the city), reimbursement bands by the amount of the
  bill, fewer points outside the district or city, fewer points for 乙类 drugs, a yearly cap,
  causes that are not paid, registration before admission;
- the waiting period after enrolment (short in a transition window, longer for late enrolment
  and for re-enrolment after an interruption).

The band arithmetic (:func:`band_portions`, :func:`banded_reimbursement`, :func:`apply_cap`)
works on numpy arrays (a curve, a population); :func:`inpatient_reimbursement` is the one-bill
case of the same code plus labels and the trace.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from medinsure.errors import DataError, InvalidInput
from medinsure.views.words import both, money, rate
from medinsure.rules import (
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
from medinsure.trace import Step, step_from_entries, step_from_steps

SEXES = ("male", "female")
ENROLMENTS = ("first", "re_enrolment", "newborn")
ILLNESS = "illness"  # the cause that is not excluded; data files list the excluded ones
PLACE_KINDS = ("national", "province", "city", "county", "district", "town")
CONCEPTS = ("resident_region", "resident_minimum_funding", "resident_contributions",
            "resident_inpatient", "resident_waiting_period")

# Input sanity bounds (what a person can plausibly enter), not policy parameters.
AGE_RANGE = (0, 120)
BILL_MAX = 10_000_000.0  # yuan


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
            raise InvalidInput(field, day.isoformat(),
                               f"{pf.source} has rules from {pf.entries[0].date} on")
        return pf.at(day)


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


# --------------------------------------------------------------------------- input checks
def _check_money(field: str, value: object, hi: float = BILL_MAX) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= hi:
        raise InvalidInput(field, value, f"a number of yuan from 0 to {hi:,.0f}")
    return float(value)


def _as_date(field: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInput(field, value, "a date written YYYY-MM-DD")


def _check_age(age: object) -> int:
    if isinstance(age, bool) or not isinstance(age, int) or not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
        raise InvalidInput("age", age, f"a whole number of years from {AGE_RANGE[0]} to {AGE_RANGE[1]}")
    return age


# --------------------------------------------------------------------------- minimum funding
@dataclass(frozen=True)
class MinimumFunding:
    """National minimum funding for one coverage year [yuan/person/year]; None = not known."""

    coverage_year: int
    fiscal_subsidy_min: float | None
    individual_min: float | None
    total_min: float | None
    entry: Entry


def minimum_funding(coverage_year: int) -> MinimumFunding:
    """The national minimum fiscal subsidy and individual contribution for ``coverage_year``.

    References
    ----------
    The yearly national notices on resident medical-insurance work (data/resident/national/).
    """
    if isinstance(coverage_year, bool) or not isinstance(coverage_year, int):
        raise InvalidInput("coverage_year", coverage_year, "a year, e.g. 2024")
    pf = load_place("national").file("resident_minimum_funding")
    day = dt.date(coverage_year, 1, 1)
    if day < pf.entries[0].date:
        raise InvalidInput("coverage_year", coverage_year, f"from {pf.entries[0].date.year} on")
    e = pf.at(day)
    if e["coverage_year"] != coverage_year:
        raise InvalidInput("coverage_year", coverage_year,
                           f"years on record: {', '.join(str(x['coverage_year']) for x in pf.entries)}")
    f, i = e["fiscal_subsidy_min"], e["individual_min"]
    total = None if f is None or i is None else float(f + i)
    return MinimumFunding(coverage_year, None if f is None else float(f),
                          None if i is None else float(i), total, e)


def minimum_funding_series() -> list[MinimumFunding]:
    """Every coverage year on record, in order."""
    pf = load_place("national").file("resident_minimum_funding")
    return [minimum_funding(e["coverage_year"]) for e in pf.entries]


# --------------------------------------------------------------------------- contributions
@dataclass(frozen=True)
class Contribution:
    """Who pays what for one resident for a year [yuan/year]; None where not known."""

    region: str
    date: dt.date
    group: str | None
    group_label: dict | None
    individual: float | None
    subsidies: tuple[dict, ...]     # {"payer": {zh, en}, "amount": float | None, "parts": (...)}
    subsidy_total: float | None
    total: float | None
    candidates: tuple[str, ...]     # every group the person falls in (two or more: ambiguous)
    note: dict | None               # why a number is not known
    entry: Entry


def _limit(v: object, sex: str) -> int:
    return v[sex] if isinstance(v, dict) else v  # type: ignore[index,return-value]


def _age_matches(group: dict, age: int, sex: str) -> bool:
    if "min_age" in group and age < _limit(group["min_age"], sex):
        return False
    if "max_age" in group and age > _limit(group["max_age"], sex):
        return False
    return True


def _candidates(groups: list[dict], age: int, sex: str, category: str | None) -> list[dict]:
    """Groups the person falls in: those of their category first, else the age-only groups."""
    if category is not None:
        own = [g for g in groups if g.get("category") == category and _age_matches(g, age, sex)]
        if own:
            return own
    return [g for g in groups if "category" not in g and _age_matches(g, age, sex)]


def contribution_groups(region: str, date: dt.date | str | None = None) -> list[dict]:
    """The groups of the contribution rule in force (data as written)."""
    day = None if date is None else _as_date("date", date)
    return list(load_place(region).entry("resident_contributions", day)["groups"])


def contribution_categories(region: str, date: dt.date | str | None = None) -> list[dict]:
    day = None if date is None else _as_date("date", date)
    return list(load_place(region).entry("resident_contributions", day)["categories"])


def resident_contribution(region: str, date: dt.date | str, age: int, sex: str | None = None,
                          category: str | None = None) -> Contribution:
    """The yearly contribution of one resident and the subsidies paid for them.

    Parameters
    ----------
    region : str
        Place slug under ``data/resident/`` (e.g. ``"suyu"``).
    date : date or str
        A day in the contribution year; the rule in force that day applies.
    age : int
        Age in whole years [years].
    sex : str or None
        ``"male"`` or ``"female"``; required only where the groups' age limits differ by sex
        and the answer depends on it.
    category : str or None
        One of the rule's categories (e.g. ``"low_income"`` for 低保), or None.

    Returns
    -------
    Contribution
        ``individual`` [yuan/year], ``subsidies`` and their total, ``total``; None where the
        text leaves it open (a person in two groups, or an amount not given).
    """
    day = _as_date("date", date)
    age = _check_age(age)
    if sex is not None and sex not in SEXES:
        raise InvalidInput("sex", sex, "male, female or None")
    entry = load_place(region).entry("resident_contributions", day)
    cats = [c["key"] for c in entry["categories"]]
    if category is not None and category not in cats:
        raise InvalidInput("category", category, "None or one of " + (", ".join(cats) or "(none listed)"))
    groups = entry["groups"]
    by_sex = {s: _candidates(groups, age, s, category) for s in SEXES}
    if sex is None:
        if [g["key"] for g in by_sex["male"]] != [g["key"] for g in by_sex["female"]]:
            raise InvalidInput("sex", None, f"required: in {region} the group at age {age} differs "
                               "for men and women (male or female)")
        cands = by_sex["male"]
    else:
        cands = by_sex[sex]
    for_everyone = list(entry.get("for_everyone", []))
    keys = tuple(g["key"] for g in cands)
    if not cands:
        note = both("原文没有涵盖此人的缴费人群。", "No group in the text covers this person.")
        return Contribution(region, day, None, None, None, (), None, None, keys, note, entry)
    totals = {(g["individual"], tuple(s["amount"] for s in g.get("subsidies", []))) for g in cands}
    if len(totals) > 1:
        labels_zh = "、".join(g["label"]["zh"] for g in cands)
        labels_en = "; ".join(g["label"]["en"] for g in cands)
        note = both(f"原文把此人同时列入两个缴费人群（{labels_zh}），未说明按哪档缴费。",
                    f"The text puts this person in two groups ({labels_en}) and does not say which applies.")
        return Contribution(region, day, None, None, None, (), None, None, keys, note, entry)
    g = cands[0]
    subsidies = tuple({"payer": s["payer"], "amount": None if s["amount"] is None else float(s["amount"]),
                       "parts": tuple(s.get("parts", ()))}
                      for s in for_everyone + list(g.get("subsidies", [])))
    amounts = [s["amount"] for s in subsidies]
    subsidy_total = None if None in amounts else float(sum(amounts))
    individual = None if g["individual"] is None else float(g["individual"])
    total = None if individual is None or subsidy_total is None else individual + subsidy_total
    note = entry.note if (individual is None or subsidy_total is None) else None
    return Contribution(region, day, g["key"], g["label"], individual, subsidies, subsidy_total,
                        total, keys, note, entry)


# --------------------------------------------------------------------------- inpatient: arrays
def _nan(v: object) -> float:
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
    ratios = np.array([_nan(b["ratio"]) for b in bands]).reshape((-1,) + (1,) * bill.ndim)
    r = np.maximum(ratios - ratio_reduction, 0.0)
    cut = np.minimum(r, _nan(category_b_reduction))          # points lost on the 乙类 part
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


# --------------------------------------------------------------------------- waiting period
def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later (the month's last day where it is shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class WaitingPeriod:
    """When benefits start after a payment; ``start`` None = the text does not say."""

    enrolment: str
    payment_date: dt.date
    wait_months: int | None
    start: dt.date | None
    rule: dict          # {zh, en}: which rule applied
    entry: Entry


def benefit_start(region: str, enrolment: str, payment_date: dt.date | str) -> WaitingPeriod:
    """The first day benefits may be used after enrolling and paying.

    Parameters
    ----------
    region : str
        Place slug with a ``resident_waiting_period`` file.
    enrolment : str
        ``"first"`` (first enrolment), ``"re_enrolment"`` (paying again after an interruption)
        or ``"newborn"``.
    payment_date : date or str
        Day the contribution was paid.
    """
    if enrolment not in ENROLMENTS:
        raise InvalidInput("enrolment", enrolment, "one of " + ", ".join(ENROLMENTS))
    day = _as_date("payment_date", payment_date)
    e = load_place(region).entry("resident_waiting_period", day, field="payment_date")
    windows = e["windows"]
    if enrolment == "first":
        inside = [w for w in windows if w["from"] <= day <= w["to"]]
        if inside:
            w = inside[0]
            months = w["wait_months"]
            rule = both(f"{w['label']['zh']}（{w['from']}至{w['to']}）内参保缴费，缴费之日起{months}个月后享受待遇",
                        f"enrolled in the {w['label']['en']} ({w['from']} to {w['to']}): benefits "
                        f"{months} month(s) after payment")
        elif windows and day < windows[0]["from"]:
            raise InvalidInput("payment_date", day.isoformat(),
                               f"enrolment opened on {windows[0]['from']}")
        else:
            months = e["late_wait_months"]
            rule = both(f"过渡时间以后参保，缴费之日起{months}个月后享受待遇",
                        f"enrolled after the transition period: benefits {months} months after payment")
    elif enrolment == "re_enrolment":
        months = e["reenrolment_wait_months"]
        rule = both(f"中断后再次参保，缴费之日起{months}个月后享受待遇，以前的缴费不累计",
                    f"re-enrolled after an interruption: benefits {months} months after payment; "
                    "earlier payments do not count")
    else:
        months = e["newborn_wait_months"]
        rule = both("新生儿：原文未说明何时开始享受待遇", "newborn: the text does not say when benefits start") \
            if months is None else both(f"新生儿：缴费之日起{months}个月后享受待遇",
                                        f"newborn: benefits {months} months after payment")
    if months is None:
        return WaitingPeriod(enrolment, day, None, None, rule, e)
    return WaitingPeriod(enrolment, day, months, add_months(day, months), rule, e)


# --------------------------------------------------------------------------- inpatient: one bill
@dataclass(frozen=True)
class BandLine:
    lower: float
    upper: float              # inf for the open band
    ratio: float | None       # after the hospital-class reduction
    ratio_category_b: float | None
    portion: float
    paid: float | None


@dataclass(frozen=True)
class InpatientResult:
    """One inpatient bill under one place's rules; money in yuan, None where not known."""

    region: str
    admission_date: dt.date
    hospital_class: str
    class_label: dict
    in_scope: float
    category_b: float
    out_of_scope: float
    deductible: float | None
    bands: tuple[BandLine, ...]
    before_cap: float | None
    cap: float | None
    cap_room: float | None
    reimbursement: float | None
    own_payment: float | None
    covered: bool | None
    reason: dict | None
    waiting: WaitingPeriod | None
    unknown: tuple[dict, ...]
    trace: tuple[Step, ...]
    entry: Entry


def hospital_classes(region: str, date: dt.date | str | None = None) -> list[dict]:
    day = None if date is None else _as_date("admission_date", date)
    return list(load_place(region).entry("resident_inpatient", day, field="admission_date")["hospital_classes"])


def excluded_causes(region: str, date: dt.date | str | None = None) -> list[dict]:
    day = None if date is None else _as_date("admission_date", date)
    return list(load_place(region).entry("resident_inpatient", day, field="admission_date")["excluded_causes"])


def _class_rules(entry: Entry, hospital_class: str) -> tuple[dict, list[dict], float]:
    classes = {c["key"]: c for c in entry["hospital_classes"]}
    if hospital_class not in classes:
        raise InvalidInput("hospital_class", hospital_class, "one of " + ", ".join(classes))
    c = classes[hospital_class]
    bands = c.get("bands", entry.get("bands"))
    return c, bands, float(c.get("ratio_reduction", 0))


def reimbursement_curve(region: str, admission_date: dt.date | str, hospital_class: str,
                        in_scope: np.ndarray, category_b_share: float = 0.0,
                        reimbursed_before: float = 0.0) -> np.ndarray:
    """Reimbursement [yuan] for each in-scope bill in ``in_scope`` (covered admissions)."""
    day = _as_date("admission_date", admission_date)
    entry = load_place(region).entry("resident_inpatient", day, field="admission_date")
    c, bands, reduction = _class_rules(entry, hospital_class)
    paid = banded_reimbursement(in_scope, _nan(c["deductible"]), bands, reduction, category_b_share,
                                entry["category_b_reduction"])
    return apply_cap(paid, _nan(entry["yearly_cap"]), reimbursed_before)


def _r2(x: float) -> float | None:
    return None if x is None or math.isnan(x) else round(float(x), 2)


def inpatient_reimbursement(region: str, admission_date: dt.date | str, hospital_class: str,
                            in_scope: float, category_b: float = 0.0, out_of_scope: float = 0.0,
                            reimbursed_before: float = 0.0, cause: str = ILLNESS,
                            approved: bool = True, enrolment: str | None = None,
                            payment_date: dt.date | str | None = None) -> InpatientResult:
    """What the resident fund pays of one inpatient bill, and what the patient pays.

    Parameters
    ----------
    region : str
        Place slug with a ``resident_inpatient`` file (e.g. ``"suyu"``).
    admission_date : date or str
        Day of admission; picks the rules and is checked against the waiting period.
    hospital_class : str
        One of the place's hospital classes (``hospital_classes(region)``).
    in_scope : float
        Policy-scope (目录内) inpatient cost of the stay [yuan].
    category_b : float
        The part of ``in_scope`` that is 乙类 (category B) drugs [yuan].
    out_of_scope : float
        Costs outside the lists (目录外), always paid by the patient [yuan].
    reimbursed_before : float
        What the fund already paid this settlement year (counts against the cap) [yuan].
    cause : str
        ``"illness"`` or one of the place's excluded causes (work injury, childbirth, …).
    approved : bool
        Whether the admission was registered with the agency where the place requires it.
    enrolment : str or None
        ``"first"``, ``"re_enrolment"`` or ``"newborn"`` to check the waiting period with
        ``payment_date``; None = not checked (enrolled long enough).
    payment_date : date or str or None
        Day the contribution was paid (with ``enrolment``).

    Returns
    -------
    InpatientResult
        ``reimbursement`` and ``own_payment`` [yuan], the band lines, the trace.
    """
    day = _as_date("admission_date", admission_date)
    place = load_place(region)
    entry = place.entry("resident_inpatient", day, field="admission_date")
    c, bands, reduction = _class_rules(entry, hospital_class)
    bill = _check_money("in_scope", in_scope)
    b_part = _check_money("category_b", category_b)
    if b_part > bill:
        raise InvalidInput("category_b", category_b, f"at most the in-scope bill {bill:,.2f}")
    extra = _check_money("out_of_scope", out_of_scope)
    before = _check_money("reimbursed_before", reimbursed_before)
    causes = {x["key"]: x for x in entry["excluded_causes"]}
    if cause != ILLNESS and cause not in causes:
        raise InvalidInput("cause", cause, "one of " + ", ".join([ILLNESS, *causes]))
    if not isinstance(approved, bool):
        raise InvalidInput("approved", approved, "true or false")
    if (enrolment is None) != (payment_date is None):
        raise InvalidInput("payment_date" if payment_date is None else "enrolment",
                           payment_date if payment_date is not None else enrolment,
                           "give enrolment and payment_date together, or neither")

    # --- is the stay covered at all?
    covered: bool | None = True
    reason = None
    waiting = None
    if cause in causes:
        covered = False
        reason = both(f"{causes[cause]['label']['zh']}所发生的医疗费用，医疗保险不予报销",
                      f"costs caused by {causes[cause]['label']['en']} are not reimbursed")
    elif entry.get("requires_approval") and not approved:
        covered = False
        reason = both("未经医保经办机构办理登记批准手续住院，住院医疗费不予报销",
                      "the admission was not registered with the insurance agency: not reimbursed")
    elif enrolment is not None:
        waiting = benefit_start(region, enrolment, payment_date)  # type: ignore[arg-type]
        if waiting.start is None:
            covered = None
            reason = waiting.rule
        elif day < waiting.start:
            covered = False
            reason = both(f"{waiting.rule['zh']}；{waiting.start}前发生的医疗费用不予报销",
                          f"{waiting.rule['en']}; costs before {waiting.start} are not reimbursed")

    # --- the bands (same array code as the curves)
    deductible = _nan(c["deductible"])
    share = b_part / bill if bill > 0 else 0.0
    b_red = entry["category_b_reduction"]
    lines: list[BandLine] = []
    if not math.isnan(deductible):
        lowers, uppers = band_limits(bands, deductible)
        portions, payments = band_payments(np.array([bill]), deductible, bands, reduction, share, b_red)
        for b, lo, hi, part, paid in zip(bands, lowers, uppers, portions[:, 0], payments[:, 0]):
            r = None if b["ratio"] is None else max(b["ratio"] - reduction, 0.0)
            rb = None if r is None or b_red is None else max(r - b_red, 0.0)
            lines.append(BandLine(float(lo), float(hi), r, rb, float(part), _r2(paid)))
    before_cap = float(banded_reimbursement(np.array([bill]), deductible, bands, reduction, share, b_red)[0])
    cap = _nan(entry["yearly_cap"])
    room = max(cap - before, 0.0)
    capped = float(apply_cap(np.array([before_cap]), cap, before)[0])
    if covered is None:
        reimbursement = math.nan
    elif covered:
        reimbursement = capped
    else:
        reimbursement = 0.0
    own = bill + extra - reimbursement

    unknown: list[dict] = []
    if math.isnan(reimbursement):
        missing = [k for k, v in (("deductible", deductible), ("yearly_cap", cap)) if math.isnan(v)]
        if any(b["ratio"] is None for b in bands):
            missing.append("ratio")
        if share > 0 and b_red is None:
            missing.append("category_b_reduction")
        if covered is None:
            missing.append("waiting_period")
        for m in missing or ["reimbursement"]:
            unknown.append({"field": m, "note": entry.note or both("数据中未给出说明。", "No note in the data.")})
    trace = _inpatient_trace(entry, c, bill, b_part, extra, deductible, lines, before_cap,
                             cap, before, room, reimbursement, own, covered, reason, waiting)
    return InpatientResult(
        region=region, admission_date=day, hospital_class=hospital_class, class_label=c["label"],
        in_scope=bill, category_b=b_part, out_of_scope=extra, deductible=_r2(deductible),
        bands=tuple(lines), before_cap=_r2(before_cap), cap=None if math.isnan(cap) else cap,
        cap_room=_r2(room), reimbursement=_r2(reimbursement), own_payment=_r2(own),
        covered=covered, reason=reason, waiting=waiting, unknown=tuple(unknown),
        trace=tuple(trace), entry=entry)


def _band_text(line: BandLine, lang: str) -> str:
    hi = "∞" if math.isinf(line.upper) else money(line.upper, lang)
    return f"{money(line.lower, lang)}–{hi}"


def _inpatient_trace(entry: Entry, c: dict, bill: float, b_part: float, extra: float,
                     deductible: float, lines: list[BandLine], before_cap: float, cap: float,
                     before: float, room: float, reimbursement: float, own: float,
                     covered: bool | None, reason: dict | None,
                     waiting: WaitingPeriod | None) -> list[Step]:
    steps: list[Step] = []
    lab = c["label"]
    if waiting is not None:
        steps.append(step_from_entries(
            "benefit_start", both("待遇开始日", "Benefits start"), None, "date",
            both(f"{waiting.rule['zh']}：缴费 {waiting.payment_date} → {waiting.start or '未知'}",
                 f"{waiting.rule['en']}: paid {waiting.payment_date} → {waiting.start or 'not known'}"),
            waiting.entry))
    steps.append(step_from_entries(
        "deductible", both(f"起付线（{lab['zh']}）", f"Deductible ({lab['en']})"), _r2(deductible), "yuan",
        both(f"{lab['zh']}起付线 {money(_r2(deductible))} 元", f"deductible at a {lab['en']}: "
             f"{money(_r2(deductible), 'en')} yuan"), entry))
    share = b_part / bill if bill > 0 else 0.0
    band_steps = []
    for i, line in enumerate(lines):
        zh = (f"费用在 {_band_text(line, 'zh')} 元段内的 {money(line.portion)} 元 × {rate(line.ratio)}")
        en = (f"{money(line.portion, 'en')} yuan of the bill in the {_band_text(line, 'en')} band × "
              f"{rate(line.ratio)}")
        if share > 0:
            zh += f"（其中乙类药品按 {rate(share)} 的比例计，报销 {rate(line.ratio_category_b)}）"
            en += f" (its category-B drug share {rate(share)} at {rate(line.ratio_category_b)})"
        s = step_from_entries(f"band_{i + 1}", both(f"第{i + 1}段报销", f"Band {i + 1}"), line.paid, "yuan",
                              both(f"{zh} = {money(line.paid)}", f"{en} = {money(line.paid, 'en')}"), entry)
        band_steps.append(s)
    steps.extend(band_steps)
    steps.append(step_from_steps(
        "before_cap", both("分段报销合计（封顶前）", "Sum of the bands (before the cap)"), _r2(before_cap), "yuan",
        both(f"各段相加 = {money(_r2(before_cap))}", f"sum of the bands = {money(_r2(before_cap), 'en')}"),
        *band_steps) if band_steps else step_from_entries(
        "before_cap", both("分段报销合计（封顶前）", "Sum of the bands (before the cap)"), None, "yuan",
        both("起付线未知，无法计算", "the deductible is not known, so it cannot be computed"), entry))
    cap_txt_zh = "封顶线未知" if math.isnan(cap) else f"年度封顶 {money(cap)} − 本年已报销 {money(before)} = 余额 {money(room)}"
    cap_txt_en = ("the yearly cap is not known" if math.isnan(cap) else
                  f"yearly cap {money(cap, 'en')} − already reimbursed this year {money(before, 'en')} = "
                  f"room {money(room, 'en')}")
    steps.append(step_from_entries("cap_room", both("年度封顶余额", "Room left under the yearly cap"),
                                   _r2(room), "yuan", both(cap_txt_zh, cap_txt_en), entry))
    if covered is False:
        f = both(f"不予报销：{reason['zh'] if reason else ''}", f"not reimbursed: {reason['en'] if reason else ''}")
    elif covered is None:
        f = both(f"未知：{reason['zh'] if reason else ''}", f"not known: {reason['en'] if reason else ''}")
    else:
        f = both(f"min(分段合计 {money(_r2(before_cap))}, 封顶余额 {money(_r2(room))}) = {money(_r2(reimbursement))}",
                 f"min(sum of bands {money(_r2(before_cap), 'en')}, room {money(_r2(room), 'en')}) = "
                 f"{money(_r2(reimbursement), 'en')}")
    s_r = step_from_steps("reimbursement", both("基金报销", "Paid by the fund"), _r2(reimbursement), "yuan",
                          f, *steps)
    steps.append(s_r)
    steps.append(step_from_steps(
        "own_payment", both("个人负担", "Paid by the patient"), _r2(own), "yuan",
        both(f"政策范围内 {money(bill)} − 基金报销 {money(_r2(reimbursement))} + 范围外 {money(extra)} = {money(_r2(own))}",
             f"in scope {money(bill, 'en')} − fund {money(_r2(reimbursement), 'en')} + out of scope "
             f"{money(extra, 'en')} = {money(_r2(own), 'en')}"), s_r))
    return steps


def contribution_trace(c: Contribution) -> list[Step]:
    """The contribution as trace steps (individual, subsidies, total) with the rule's references."""
    steps = []
    label = c.group_label or both("未定", "not determined")
    steps.append(step_from_entries(
        "individual", both(f"个人缴费（{label['zh']}）", f"Individual contribution ({label['en']})"),
        c.individual, "yuan/year",
        both(f"{label['zh']}每人每年个人缴费 {money(c.individual)} 元",
             f"{label['en']}: {money(c.individual, 'en')} yuan per person per year"), c.entry))
    for i, s in enumerate(c.subsidies):
        parts = "".join(f"；{p['payer']['zh']} {money(p['amount'])}" for p in s["parts"])
        parts_en = "".join(f"; {p['payer']['en']} {money(p['amount'], 'en')}" for p in s["parts"])
        steps.append(step_from_entries(
            f"subsidy_{i + 1}", both(f"补助：{s['payer']['zh']}", f"Subsidy: {s['payer']['en']}"),
            s["amount"], "yuan/year",
            both(f"{s['payer']['zh']}每人每年 {money(s['amount'])} 元{parts}",
                 f"{s['payer']['en']}: {money(s['amount'], 'en')} yuan per person per year{parts_en}"),
            c.entry))
    steps.append(step_from_steps(
        "total", both("每人每年筹资合计", "Total funding per person per year"), c.total, "yuan/year",
        both(f"个人 {money(c.individual)} + 补助 {money(c.subsidy_total)} = {money(c.total)}",
             f"individual {money(c.individual, 'en')} + subsidies {money(c.subsidy_total, 'en')} = "
             f"{money(c.total, 'en')}"), *steps))
    return steps

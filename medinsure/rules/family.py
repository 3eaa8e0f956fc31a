"""Family mutual aid (家庭共济): the national rules on who may share an employee's personal account
and what the shared money may pay, read from ``data/national/mutual_aid/`` (dated, cited; see the
README there):

- ``mutual_aid_scope.yaml``        the relatives who may share, from each national document;
- ``mutual_aid_uses.yaml``         what the shared money may and may not pay;
- ``mutual_aid_cross_province.yaml``  the cross-province notice (医保发〔2025〕35号, seed 002);
- ``mutual_aid_resident_premium.yaml``  national minimum resident contribution per coverage year.

Only keys live here; their words are in :mod:`medinsure.views.family`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from medinsure.errors import DataError, InvalidInput
from medinsure.rules.files import (
    Entry,
    ParameterFile,
    ValidationContext,
    check_amount,
    check_bilingual,
    check_keys,
    data_dir,
    load_parameter_file,
    register_concept,
)

# --------------------------------------------------------------------------- vocabulary (keys)
RELATIONS = ("self", "spouse", "parent", "child", "sibling", "grandparent", "grandchild")
USES = ("medical_own_burden", "pharmacy_own_burden", "resident_premium", "ltc_premium",
        "public_health", "fitness", "wellness")
USE_STATUS = ("allowed", "explore", "forbidden", "not_listed")
GROUPS = ("immediate_family", "near_relatives")
AREAS = ("unspecified", "in_province", "cross_province")
INSURANCE = ("resident", "employee")
SAYS_KEYS = ("relationship", "uses", "ring_fence", "return", "settlement")

FOLDER = ("national", "mutual_aid")


# --------------------------------------------------------------------------- validators
def _check_says(ctx: ValidationContext, d: dict) -> None:
    if "says" in d:
        check_bilingual(ctx, "says", d["says"])
    if "verbatim" in d and not isinstance(d["verbatim"], bool):
        raise ctx.fail("verbatim", "must be true or false")


def _validate_scope(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, {"group", "relatives", "area", "says", "verbatim"},
               {"group", "relatives", "area", "says", "verbatim"})
    if d["group"] not in GROUPS:
        raise ctx.fail("group", f"{d['group']!r} is not one of {', '.join(GROUPS)}")
    rel = d["relatives"]
    if not isinstance(rel, list) or not rel or any(r not in RELATIONS for r in rel):
        raise ctx.fail("relatives", f"must list relations from {', '.join(RELATIONS)}")
    if len(set(rel)) != len(rel):
        raise ctx.fail("relatives", "a relation is listed twice")
    if "self" not in rel:
        raise ctx.fail("relatives", "the enrollee ('self') must be listed")
    if d["area"] not in AREAS:
        raise ctx.fail("area", f"{d['area']!r} is not one of {', '.join(AREAS)}")
    _check_says(ctx, d)


def _validate_uses(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, {"uses", "says", "verbatim"}, {"uses", "says", "verbatim"})
    check_keys(ctx, "uses", d["uses"], set(USES), set(USES))
    for use, status in d["uses"].items():
        if status not in USE_STATUS:
            raise ctx.fail(f"uses.{use}", f"{status!r} is not one of {', '.join(USE_STATUS)}")
    _check_says(ctx, d)


_CROSS_KEYS = {"relatives", "voluntary", "several_links", "unilateral_end",
               "auto_dissolve_on_insurance_change", "ring_fenced", "unused_returned_on_end",
               "uses", "settlement", "quota_limits", "says"}


def _validate_cross_province(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, _CROSS_KEYS, _CROSS_KEYS)
    if d["relatives"] not in GROUPS:
        raise ctx.fail("relatives", f"{d['relatives']!r} is not one of {', '.join(GROUPS)}")
    for k in ("voluntary", "several_links", "auto_dissolve_on_insurance_change", "ring_fenced",
              "unused_returned_on_end"):
        if not isinstance(d[k], bool):
            raise ctx.fail(k, "must be true or false")
    if d["unilateral_end"] is not None and not isinstance(d["unilateral_end"], bool):
        raise ctx.fail("unilateral_end", "must be true, false or null")
    if not isinstance(d["uses"], list) or not d["uses"] or any(u not in USES for u in d["uses"]):
        raise ctx.fail("uses", f"must list uses from {', '.join(USES)}")
    s = d["settlement"]
    check_keys(ctx, "settlement", s, {"frequency", "full_amount", "route"},
               {"frequency", "full_amount", "route"})
    if s["frequency"] != "monthly":
        raise ctx.fail("settlement.frequency", f"{s['frequency']!r}: only monthly is modelled")
    if not isinstance(s["full_amount"], bool):
        raise ctx.fail("settlement.full_amount", "must be true or false")
    check_bilingual(ctx, "settlement.route", s["route"])
    q = d["quota_limits"]
    if q is not None:
        check_keys(ctx, "quota_limits", q, {"min", "max"}, {"min", "max"})
        check_amount(ctx, "quota_limits.min", q["min"])
        check_amount(ctx, "quota_limits.max", q["max"])
    check_keys(ctx, "says", d["says"], set(SAYS_KEYS), set(SAYS_KEYS))
    for k in SAYS_KEYS:
        check_bilingual(ctx, f"says.{k}", d["says"][k])


def _validate_resident_premium(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, {"coverage_year", "individual_minimum_yearly", "says"},
               {"coverage_year", "individual_minimum_yearly"})
    year = d["coverage_year"]
    if not isinstance(year, int) or isinstance(year, bool) or (ctx.day and year != ctx.day.year):
        raise ctx.fail("coverage_year", f"{year!r} must be the year of the entry's date")
    check_amount(ctx, "individual_minimum_yearly", d["individual_minimum_yearly"])
    if "says" in d:
        check_bilingual(ctx, "says", d["says"])


CONCEPTS = {
    "mutual_aid_scope": _validate_scope,
    "mutual_aid_uses": _validate_uses,
    "mutual_aid_cross_province": _validate_cross_province,
    "mutual_aid_resident_premium": _validate_resident_premium,
}
for _name, _validator in CONCEPTS.items():
    register_concept(_name, _validator)


# --------------------------------------------------------------------------- loading
def mutual_aid_dir() -> Path:
    """``data/national/mutual_aid`` (follows ``$MEDINSURE_DATA``)."""
    return data_dir().joinpath(*FOLDER)


@cache
def _load(concept: str, folder: str) -> ParameterFile:
    path = Path(folder) / f"{concept}.yaml"
    if not path.exists():
        raise DataError(str(path), "(file)", "missing")
    return load_parameter_file(path)


def load(concept: str) -> ParameterFile:
    """One mutual-aid parameter file, validated strictly (cached per data folder)."""
    if concept not in CONCEPTS:
        raise InvalidInput("concept", concept, ", ".join(CONCEPTS))
    return _load(concept, str(mutual_aid_dir()))


def load_all() -> dict[str, ParameterFile]:
    """Every mutual-aid file; raises :class:`DataError` naming file and key on the first fault."""
    return {c: load(c) for c in CONCEPTS}


def as_date(value: dt.date | str, name: str = "date") -> dt.date:
    """A date from a ``date`` or an ISO text; :class:`InvalidInput` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(name, value, "a date written YYYY-MM-DD") from None


def scope_on(day: dt.date | str) -> Entry:
    """The national rule on who may share, in force on ``day``."""
    return load("mutual_aid_scope").at(as_date(day))


def uses_on(day: dt.date | str) -> Entry:
    """The national rule on what shared money may pay, in force on ``day``."""
    return load("mutual_aid_uses").at(as_date(day))


def cross_province_rules(day: dt.date | str) -> Entry:
    """The cross-province sharing rules in force on ``day`` (refuses a day before them)."""
    return load("mutual_aid_cross_province").at(as_date(day))


def first_cross_province_day() -> dt.date:
    """The day the first cross-province sharing rules take effect."""
    return load("mutual_aid_cross_province").entries[0].date


def check_relation(relation: str) -> None:
    if relation not in RELATIONS:
        raise InvalidInput("relation", relation, "one of " + ", ".join(RELATIONS))


def check_use(use: str) -> None:
    if use not in USES:
        raise InvalidInput("use", use, "one of " + ", ".join(USES))


def may_share(relation: str, day: dt.date | str) -> bool:
    """Whether the account may pay for this relative under the national rules on ``day``.

    References
    ----------
    国办发〔2021〕14号 (配偶、父母、子女); 国办发〔2024〕38号 (近亲属, 民法典 第一千零四十五条).
    """
    check_relation(relation)
    return relation in scope_on(day)["relatives"]


def use_status(use: str, day: dt.date | str) -> str:
    """``allowed``, ``explore``, ``forbidden`` or ``not_listed`` for a use on ``day``."""
    check_use(use)
    return uses_on(day)["uses"][use]


def resident_minimum(coverage_year: int) -> tuple[float | None, Entry | None]:
    """National minimum individual resident contribution [yuan/year] for a coverage year.

    Returns ``(None, entry)`` where the data says it is not known, ``(None, None)`` for a year
    before the first entry.
    """
    if isinstance(coverage_year, bool) or not isinstance(coverage_year, int):
        raise InvalidInput("coverage_year", coverage_year, "a whole year, e.g. 2025")
    pf = load("mutual_aid_resident_premium")
    day = dt.date(coverage_year, 1, 1)
    if day < pf.entries[0].date:
        return None, None
    entry = pf.at(day)
    if entry["coverage_year"] != coverage_year:  # a later year the data does not reach
        return None, entry
    v = entry["individual_minimum_yearly"]
    return (None if v is None else float(v)), entry

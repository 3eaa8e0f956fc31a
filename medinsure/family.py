"""Family mutual aid (家庭共济): who may share an employee's personal account, what the shared
money may pay, how far an account covers a family over the years, and cross-province sharing
as a small state machine.

Rules live in ``data/national/mutual_aid/`` (dated, cited; see the README there):

- ``mutual_aid_scope.yaml``        the relatives who may share, from each national document;
- ``mutual_aid_uses.yaml``         what the shared money may and may not pay;
- ``mutual_aid_cross_province.yaml``  the cross-province notice (医保发〔2025〕35号, seed 002);
- ``mutual_aid_resident_premium.yaml``  national minimum resident contribution per coverage year.

The yearly credit and the enrollee's own outpatient share come from :func:`medinsure.compare.compare`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.errors import DataError, InvalidInput
from medinsure.views.words import both, money
from medinsure.rules import (Entry, ParameterFile, Reference, ValidationContext, check_amount,
                    check_bilingual, check_keys, data_dir, load_parameter_file, register_concept)

# --------------------------------------------------------------------------- vocabulary
RELATIONS: dict[str, dict] = {
    "self": both("本人", "the enrollee"),
    "spouse": both("配偶", "spouse"),
    "parent": both("父母", "parent"),
    "child": both("子女", "child"),
    "sibling": both("兄弟姐妹", "sibling"),
    "grandparent": both("祖父母、外祖父母", "grandparent"),
    "grandchild": both("孙子女、外孙子女", "grandchild"),
}
USES: dict[str, dict] = {
    "medical_own_burden": both("定点医疗机构就医的个人负担费用", "personal-burden costs at designated medical institutions"),
    "pharmacy_own_burden": both("定点零售药店购药品、医疗器械、医用耗材的个人负担费用",
                                "personal-burden drugs, devices and consumables at designated pharmacies"),
    "resident_premium": both("城乡居民医保个人缴费", "individual contribution to resident medical insurance"),
    "ltc_premium": both("长期护理保险个人缴费", "individual contribution to long-term-care insurance"),
    "public_health": both("公共卫生费用", "public-health costs"),
    "fitness": both("体育健身消费", "sports and fitness"),
    "wellness": both("养生保健消费", "health-preservation (wellness) spending"),
}
USE_STATUS: dict[str, dict] = {
    "allowed": both("可以支付", "may be paid"),
    "explore": both("仅要求“探索”，取决于当地", "only to be 'explored': depends on the area"),
    "forbidden": both("不得支付", "may not be paid"),
    "not_listed": both("文件未提及", "not mentioned"),
}
GROUPS = {"immediate_family": both("配偶、父母、子女", "spouse, parents, children"),
          "near_relatives": both("近亲属（民法典）", "near relatives (Civil Code)")}
AREAS = {"unspecified": both("未规定地域范围", "reach not specified"),
         "in_province": both("省内共济", "within the province"),
         "cross_province": both("跨省共济", "across provinces")}
INSURANCE = {"resident": both("城乡居民医保", "resident insurance"),
             "employee": both("职工医保", "employee insurance")}
ITEMS = {"own_share": both("本人门诊自付", "own outpatient share"),
         "premium": both("居民医保缴费", "resident contribution"),
         "ltc_premium": both("长护险缴费", "long-term-care contribution"),
         "medical": both("就医购药自付", "own-burden care and drugs")}
SAYS_KEYS = ("relationship", "uses", "ring_fence", "return", "settlement")

FOLDER = ("national", "mutual_aid")
MAX_YEARS = 30            # input sanity bound: years of a projection
MONEY_MAX = 10_000_000.0  # input sanity bound: yuan


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


@lru_cache(maxsize=None)
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


def _check_relation(relation: str) -> None:
    if relation not in RELATIONS:
        raise InvalidInput("relation", relation, "one of " + ", ".join(RELATIONS))


def _check_use(use: str) -> None:
    if use not in USES:
        raise InvalidInput("use", use, "one of " + ", ".join(USES))


def may_share(relation: str, day: dt.date | str) -> bool:
    """Whether the account may pay for this relative under the national rules on ``day``.

    References
    ----------
    国办发〔2021〕14号 (配偶、父母、子女); 国办发〔2024〕38号 (近亲属, 民法典 第一千零四十五条).
    """
    _check_relation(relation)
    return relation in scope_on(day)["relatives"]


def use_status(use: str, day: dt.date | str) -> str:
    """``allowed``, ``explore``, ``forbidden`` or ``not_listed`` for a use on ``day``."""
    _check_use(use)
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


# --------------------------------------------------------------------------- the family calculator
def _check_money(name: str, v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) \
            or not 0 <= v <= MONEY_MAX:
        raise InvalidInput(name, v, f"a number from 0 to {MONEY_MAX:,.0f} yuan")
    return float(v)


@dataclass(frozen=True)
class Relative:
    """A relative whose costs the employee's account might pay.

    Parameters
    ----------
    relation : str
        One of :data:`RELATIONS` except ``self``.
    insurance : str
        ``resident`` (城乡居民医保, pays a yearly individual contribution) or ``employee``
        (职工医保, contributions come from wages and are not paid from the sharer's account).
    medical_yearly : float
        Expected personal-burden costs of care and drugs at designated facilities and pharmacies
        [yuan/year].
    premium_yearly : float | None
        Resident contribution [yuan/year]; ``None`` = the national minimum of each coverage year.
    ltc_premium_yearly : float
        Long-term-care contribution [yuan/year] where the relative pays one.
    name : str
        A label for tables and sentences ("妈妈").
    """

    relation: str
    insurance: str = "resident"
    medical_yearly: float = 0.0
    premium_yearly: float | None = None
    ltc_premium_yearly: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        _check_relation(self.relation)
        if self.relation == "self":
            raise InvalidInput("relation", self.relation, "a relative, not the enrollee")
        if self.insurance not in INSURANCE:
            raise InvalidInput("insurance", self.insurance, "one of " + ", ".join(INSURANCE))
        _check_money("medical_yearly", self.medical_yearly)
        if self.premium_yearly is not None:
            _check_money("premium_yearly", self.premium_yearly)
        _check_money("ltc_premium_yearly", self.ltc_premium_yearly)

    def label(self, lang: str = "zh") -> str:
        return self.name or RELATIONS[self.relation][lang]


@dataclass(frozen=True)
class Item:
    """One cost of one person in one year and what the account paid of it [yuan]."""

    person: int            # 0 = the enrollee, 1.. = relatives in the order given
    kind: str              # own_share | premium | ltc_premium | medical
    use: str
    amount: float | None   # None = not known (e.g. a resident contribution the data lacks)
    allowed: bool
    reason: dict | None    # why not allowed (zh, en)
    paid: float


@dataclass(frozen=True)
class FamilyYear:
    year: int
    start: float
    credit: float
    items: tuple[Item, ...]
    end: float

    @property
    def need(self) -> float:
        return sum((i.amount for i in self.items if i.amount is not None), 0.0)

    @property
    def paid(self) -> float:
        return sum((i.paid for i in self.items), 0.0)

    @property
    def not_allowed(self) -> float:
        return sum((i.amount for i in self.items if i.amount is not None and not i.allowed), 0.0)

    @property
    def short(self) -> float:
        """Allowed costs the balance could not pay."""
        return sum((i.amount - i.paid for i in self.items if i.amount is not None and i.allowed), 0.0)


@dataclass(frozen=True)
class FamilyScenario:
    """One credit rule (old or new) applied over the years."""

    regime: str
    credit_yearly: float
    own_share_yearly: float
    years: tuple[FamilyYear, ...]

    @property
    def need(self) -> float:
        return sum(y.need for y in self.years)

    @property
    def paid(self) -> float:
        return sum(y.paid for y in self.years)

    @property
    def allowed_need(self) -> float:
        return sum(y.need - y.not_allowed for y in self.years)

    @property
    def coverage(self) -> float | None:
        """Share of the allowed costs the account paid over all years (None if there are none)."""
        a = self.allowed_need
        return None if a <= 0 else self.paid / a

    @property
    def first_short_year(self) -> int | None:
        """The first year in which allowed costs exceed what the account holds."""
        return next((y.year for y in self.years if y.short > 0.005), None)


@dataclass(frozen=True)
class FamilyPlan:
    region: str
    date: dt.date
    enrollee: Enrollee
    start_balance: float
    relatives: tuple[Relative, ...]
    comparison: Comparison
    old: FamilyScenario | None
    new: FamilyScenario | None
    scope: Entry
    uses: Entry
    premium_entries: tuple[Entry, ...]
    unknown: tuple[dict, ...]
    notices: tuple[dict, ...]
    exploratory_allowed: bool = False

    def person_label(self, index: int, lang: str = "zh") -> str:
        return RELATIONS["self"][lang] if index == 0 else self.relatives[index - 1].label(lang)

    @property
    def references(self) -> tuple[Reference, ...]:
        refs: list[Reference] = []
        for e in (self.scope, self.uses, *self.premium_entries):
            for r in e.references:
                if r not in refs:
                    refs.append(r)
        for s in self.comparison.trace:
            if s.key.startswith("credit_"):
                for r in s.references:
                    if r not in refs:
                        refs.append(r)
        return tuple(refs)


def pay_in_order(available: float, amounts: Sequence[float]) -> np.ndarray:
    """Pay ``amounts`` one after the other from ``available`` [yuan]; what each one gets.

    >>> pay_in_order(500.0, [300.0, 400.0, 100.0]).tolist()
    [300.0, 200.0, 0.0]
    """
    a = np.asarray(amounts, dtype=float)
    before = np.concatenate([[0.0], np.cumsum(a)[:-1]]) if a.size else a
    return np.minimum(a, np.maximum(available - before, 0.0))


def _not_in_scope(relation: str, scope: Entry) -> dict:
    return {"zh": f"{scope.date}起的全国规则只允许{GROUPS[scope['group']]['zh']}共济，不含{RELATIONS[relation]['zh']}",
            "en": f"the national rule from {scope.date} covers {GROUPS[scope['group']]['en']} only, "
                  f"not a {RELATIONS[relation]['en']}"}


def _use_reason(use: str, status: str, uses: Entry) -> dict:
    return {"zh": f"{uses.date}起的全国规则：{USES[use]['zh']}——{USE_STATUS[status]['zh']}",
            "en": f"national rule from {uses.date}: {USES[use]['en']} — {USE_STATUS[status]['en']}"}


def _year_items(year: int, own_share: float, relatives: Sequence[Relative],
                scope: Entry, uses: Entry, exploratory_allowed: bool,
                premium_cache: dict) -> list[tuple[int, str, str, float | None, bool, dict | None]]:
    """The year's costs in payment order: the enrollee first, then each relative (contributions
    before care, since contributions fall due first)."""
    out = [(0, "own_share", "medical_own_burden", own_share, True, None)]
    for i, r in enumerate(relatives, 1):
        in_scope = r.relation in scope["relatives"]
        reason_scope = None if in_scope else _not_in_scope(r.relation, scope)
        if r.insurance == "resident":
            if r.premium_yearly is not None:
                amount = r.premium_yearly
            else:
                if year not in premium_cache:
                    premium_cache[year] = resident_minimum(year)
                amount = premium_cache[year][0]
            status = uses["uses"]["resident_premium"]
            ok = status == "allowed" or (status == "explore" and exploratory_allowed)
            out.append((i, "premium", "resident_premium", amount, in_scope and ok,
                        reason_scope or (None if ok else _use_reason("resident_premium", status, uses))))
        if r.ltc_premium_yearly > 0:
            status = uses["uses"]["ltc_premium"]
            ok = status == "allowed"
            out.append((i, "ltc_premium", "ltc_premium", r.ltc_premium_yearly, in_scope and ok,
                        reason_scope or (None if ok else _use_reason("ltc_premium", status, uses))))
        out.append((i, "medical", "medical_own_burden", r.medical_yearly, in_scope, reason_scope))
    return out


def project_family(start_balance: float, credit_yearly: float, own_share_yearly: float,
                   relatives: Sequence[Relative], first_year: int, years: int, day: dt.date,
                   exploratory_allowed: bool = False, regime: str = "new") -> FamilyScenario:
    """Year by year: balance + credit pays the allowed costs in order; the rest carries over.

    Parameters
    ----------
    start_balance : float
        Account balance at the start of ``first_year`` [yuan].
    credit_yearly : float
        Credit into the account each year [yuan/year].
    own_share_yearly : float
        The enrollee's own in-scope outpatient share (bill − pooled reimbursement) [yuan/year].
    relatives : sequence of Relative
    first_year, years : int
        Calendar years ``first_year`` … ``first_year + years − 1``.
    day : date
        The mutual-aid rules in force on this day apply in every year.
    exploratory_allowed : bool
        Count uses the national rule only asks areas to "explore" (2021: resident contributions
        of spouse, parents and children) as paid — true where the local rules allow them.
    """
    scope, uses = scope_on(day), uses_on(day)
    balance = start_balance
    rows = []
    cache: dict = {}
    for year in range(first_year, first_year + years):
        items = _year_items(year, own_share_yearly, relatives, scope, uses,
                            exploratory_allowed, cache)
        payable = [a if (ok and a is not None) else 0.0 for _, _, _, a, ok, _ in items]
        paid = pay_in_order(balance + credit_yearly, payable)
        rows.append(FamilyYear(
            year=year, start=round(balance, 2), credit=round(credit_yearly, 2),
            items=tuple(Item(p, k, u, None if a is None else round(a, 2), ok, why, round(float(x), 2))
                        for (p, k, u, a, ok, why), x in zip(items, paid)),
            end=round(balance + credit_yearly - float(paid.sum()), 2)))
        balance = balance + credit_yearly - float(paid.sum())
    return FamilyScenario(regime, round(credit_yearly, 2), round(own_share_yearly, 2), tuple(rows))


def family_plan(region: str, date: dt.date | str, enrollee: Enrollee, start_balance: float,
                relatives: Sequence[Relative], years: int = 5,
                exploratory_allowed: bool = False,
                own_share_yearly: float | None = None) -> FamilyPlan:
    """How far the employee's account covers the family, this year and over ``years`` years,
    with the old and the new crediting rule.

    The credit comes from :func:`medinsure.compare.compare` for ``region`` on ``date``; the
    mutual-aid rules in force on ``date`` apply to every year. "Old" is a what-if: the old credit
    with today's sharing rules.

    Parameters
    ----------
    own_share_yearly : float or None
        The enrollee's own-burden costs paid from the account [yuan/year]. ``None``: the
        enrollee's yearly outpatient bill minus the pooled reimbursement of each regime (not
        known where the region's outpatient rules are not); a number: the same in both regimes.
    """
    day = as_date(date)
    start_balance = _check_money("start_balance", start_balance)
    if own_share_yearly is not None:
        own_share_yearly = _check_money("own_share_yearly", own_share_yearly)
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise InvalidInput("years", years, f"a whole number from 1 to {MAX_YEARS}")
    relatives = tuple(relatives)
    for r in relatives:
        if not isinstance(r, Relative):
            raise InvalidInput("relatives", r, "Relative(...) records")
    c = compare(region, day, enrollee)
    scope, uses = scope_on(day), uses_on(day)
    unknown: list[dict] = []
    scenarios: dict[str, FamilyScenario | None] = {}
    for regime in ("old", "new"):
        credit = getattr(c, f"credit_{regime}")
        reimb = getattr(c, f"reimbursement_{regime}") if own_share_yearly is None else 0.0
        if credit is None or reimb is None:
            scenarios[regime] = None
            missing = [n for n, v in (("credit", credit), ("reimbursement", reimb)) if v is None]
            hint = both("可改为直接填写本人自付费用。" if "reimbursement" in missing else "",
                        "Enter the own share directly instead." if "reimbursement" in missing else "")
            unknown.append({"field": f"{regime}: {', '.join(missing)}",
                            "note": both(f"{'改革前' if regime == 'old' else '改革后'}的"
                                         f"{'、'.join({'credit': '账户划入', 'reimbursement': '门诊报销'}[m] for m in missing)}"
                                         "本地区未知，该情形不计算。" + hint["zh"],
                                         f"The {'pre' if regime == 'old' else 'post'}-reform "
                                         f"{' and '.join(missing)} is not known for this region; "
                                         "that case is not computed. " + hint["en"])})
            continue
        own = max(enrollee.outpatient_yearly - reimb, 0.0) if own_share_yearly is None else own_share_yearly
        scenarios[regime] = project_family(start_balance, credit, own, relatives, day.year, years,
                                           day, exploratory_allowed, regime)
    premium_entries: list[Entry] = []
    for s in scenarios.values():
        if s is None:
            continue
        for y in s.years:
            if any(i.kind == "premium" for i in y.items):
                _, e = resident_minimum(y.year)
                if e is not None and e not in premium_entries:
                    premium_entries.append(e)
        for y in s.years:
            for i in y.items:
                if i.amount is None:
                    note = {"field": f"premium {y.year}",
                            "note": both(f"{y.year}年度居民医保个人缴费全国最低标准未查到；请填写当地标准。该项未计入。",
                                         f"The national minimum resident contribution for {y.year} was not "
                                         "found; enter the local amount. It is left out.")}
                    if note not in unknown:
                        unknown.append(note)
        break
    notices = [both("“改革前”一栏是假设：用旧的划入办法，配上所选日期的共济规则。",
                    "The 'before' case is a what-if: the old credit with the sharing rules of the chosen date."),
               both("按年计算：每年的划入先付本人门诊自付，再依次付各位亲属（先缴费、后就医）；年内时间先后不建模。",
                    "Whole years: each year's money pays the enrollee's own share first, then each relative in "
                    "turn (contributions before care); timing within the year is not modelled.")]
    if any(r.insurance == "resident" and r.premium_yearly is not None for r in relatives):
        notices.append(both("填写的居民医保缴费额在以后各年保持不变（以后年度的标准未知）。",
                            "An entered resident contribution is held the same in later years "
                            "(later standards are not known)."))
    if uses["uses"]["resident_premium"] == "explore":
        notices.append(both("2021年指导意见只要求“探索”用个人账户为配偶、父母、子女缴纳居民医保，是否可以取决于当地。",
                            "The 2021 guidance only asks areas to 'explore' paying relatives' resident "
                            "contributions from the account; whether one can depends on the area."))
    return FamilyPlan(region=region, date=day, enrollee=enrollee, start_balance=start_balance,
                      relatives=relatives, comparison=c, old=scenarios["old"], new=scenarios["new"],
                      scope=scope, uses=uses, premium_entries=tuple(premium_entries),
                      unknown=tuple(unknown), notices=tuple(notices) + tuple(c.notices),
                      exploratory_allowed=exploratory_allowed)


# --------------------------------------------------------------------------- cross-province sharing
LINK_STATES = {
    "active": both("共济中", "active"),
    "ended": both("已解除（双方同意）", "ended by agreement"),
    "dissolved": both("已自动解除（共济人医保关系变动）", "dissolved (the sharer's insurance changed)"),
}
TRANSITIONS: dict[tuple[str | None, str], str] = {
    (None, "link"): "active",
    ("active", "spend"): "active",
    ("active", "unlink"): "ended",
    ("active", "insurance_change"): "dissolved",
}
"""The states of one link and the events that move it; anything else is refused."""


@dataclass
class Link:
    """One sharer → beneficiary link and its ring-fenced quota [yuan]."""

    beneficiary: str
    relation: str
    quota: float
    remaining: float
    state: str
    opened: dt.date
    closed: dt.date | None = None
    returned: float = 0.0

    @property
    def spent(self) -> float:
        """What the beneficiary has spent from the quota [yuan]."""
        return round(self.quota - self.remaining - self.returned, 2)


@dataclass(frozen=True)
class Event:
    """One accepted transition, kept as data (the app and tests read it)."""

    day: dt.date
    action: str
    beneficiary: str | None
    amount: float
    state_from: str | None
    state_to: str | None
    rule: str                    # key of the rule's wording in the data ("says")
    what: dict                   # zh/en description


@dataclass(frozen=True)
class Settlement:
    """The month's cross-province spending, cleared in full [yuan]."""

    month: str                   # YYYY-MM
    total: float
    by_beneficiary: dict
    items: tuple[tuple[str, dt.date, str, float], ...]   # (beneficiary, day, use, amount)


class CrossProvinceSharing:
    """A sharer's personal account with its cross-province links, as a state machine.

    Each link is ``active`` → ``ended`` (both parties agree) or ``dissolved`` (the sharer's
    insurance relationship changes); see :data:`TRANSITIONS`. Money is kept in two places: the
    sharer's free ``balance`` and each active link's ``remaining`` quota, which only that
    beneficiary may spend, only on the uses the notice lists. Spending is recorded by month and
    settled in full each month.

    References
    ----------
    国家医保局 财政部关于做好职工基本医疗保险个人账户跨省共济工作的通知 (医保发〔2025〕35号),
    part 2 points 1–3, as read in seed 002; data/national/mutual_aid/mutual_aid_cross_province.yaml.
    """

    def __init__(self, balance: float, day: dt.date | str) -> None:
        self.today = as_date(day, "day")
        self.rules = cross_province_rules(self.today)
        self.balance = _check_money("balance", balance)
        self.links: dict[str, Link] = {}
        self.history: list[Link] = []
        self.events: list[Event] = []
        self.spending: list[tuple[str, dt.date, str, float]] = []
        self.settled: dict[str, Settlement] = {}

    # ---------------------------------------------------------------- helpers
    def _advance(self, day: dt.date | str) -> dt.date:
        d = as_date(day, "day")
        if d < self.today:
            raise InvalidInput("day", d.isoformat(), f"not before the last event ({self.today})")
        self.rules = cross_province_rules(d)
        self.today = d
        return d

    def _amount(self, name: str, amount: object) -> float:
        v = _check_money(name, amount)
        if v <= 0:
            raise InvalidInput(name, amount, "more than 0 yuan")
        return v

    def _link(self, beneficiary: str) -> Link:
        link = self.links.get(beneficiary)
        if link is None:
            ended = [l for l in self.history if l.beneficiary == beneficiary]
            state = ended[-1].state if ended else None
            raise InvalidInput("beneficiary", beneficiary,
                               "no active link" + (f" (the link is {state})" if state else "")
                               + "; active: " + (", ".join(self.links) or "none"))
        return link

    def _move(self, link: Link | None, event: str) -> str:
        state = None if link is None else link.state
        new = TRANSITIONS.get((state, event))
        if new is None:
            raise InvalidInput("state", state, f"{event} is not possible from this state")
        return new

    def _log(self, action: str, beneficiary: str | None, amount: float, before: str | None,
             after: str | None, rule: str, what: dict) -> None:
        self.events.append(Event(self.today, action, beneficiary, round(amount, 2), before, after,
                                 rule, what))

    @property
    def ring_fenced(self) -> float:
        """Money set aside for beneficiaries, which the sharer cannot use [yuan]."""
        return round(sum(l.remaining for l in self.links.values()), 2)

    @property
    def total(self) -> float:
        """Everything still in the sharer's account: free balance + ring-fenced quotas [yuan]."""
        return round(self.balance + self.ring_fenced, 2)

    def says(self, key: str) -> dict:
        return self.rules["says"][key]

    # ---------------------------------------------------------------- transitions
    def credit(self, amount: float, day: dt.date | str) -> None:
        """The monthly (or any) credit into the sharer's account."""
        self._advance(day)
        v = self._amount("amount", amount)
        self.balance += v
        self._log("credit", None, v, None, None, "ring_fence",
                  both(f"账户划入 {money(v)} 元", f"{money(v, 'en')} yuan credited to the account"))

    def link(self, beneficiary: str, relation: str, quota: float, day: dt.date | str,
             sharer_agrees: bool = True, beneficiary_agrees: bool = True) -> Link:
        """Set up a link with a near relative and ring-fence ``quota`` of the free balance."""
        self._advance(day)
        r = self.rules
        _check_relation(relation)
        if not beneficiary or not isinstance(beneficiary, str):
            raise InvalidInput("beneficiary", beneficiary, "a name")
        if relation == "self":
            raise InvalidInput("relation", relation, "a near relative, not the sharer")
        scope = scope_on(self.today)
        if (r["relatives"] == "near_relatives" and scope["group"] != "near_relatives") \
                or relation not in scope["relatives"]:
            raise InvalidInput("relation", relation, "near relatives only: " + ", ".join(
                x for x in scope["relatives"] if x != "self"))
        if r["voluntary"] and not (sharer_agrees and beneficiary_agrees):
            raise InvalidInput("consent", {"sharer": sharer_agrees, "beneficiary": beneficiary_agrees},
                               "a link is set up voluntarily by both parties")
        if beneficiary in self.links:
            raise InvalidInput("beneficiary", beneficiary,
                               "already linked; the notice does not say how a quota is changed "
                               "(end the link and set up a new one)")
        if self.links and not r["several_links"]:
            raise InvalidInput("beneficiary", beneficiary, "one link at a time under these rules")
        q = self._amount("quota", quota)
        limits = r["quota_limits"]
        if limits is not None and not limits["min"] <= q <= limits["max"]:
            raise InvalidInput("quota", quota, f"from {limits['min']} to {limits['max']} yuan")
        if q > self.balance + 0.005:
            raise InvalidInput("quota", quota, f"at most the free balance {money(self.balance, 'en')} yuan")
        if not r["ring_fenced"]:
            raise DataError(r.source, "ring_fenced", "the model implements ring-fenced quotas only")
        state = self._move(None, "link")
        link = Link(beneficiary, relation, q, q, state, self.today)
        self.balance -= q
        self.links[beneficiary] = link
        self._log("link", beneficiary, q, None, state, "relationship",
                  both(f"与{beneficiary}（{RELATIONS[relation]['zh']}）建立共济关系，圈定额度 {money(q)} 元",
                       f"link with {beneficiary} ({RELATIONS[relation]['en']}); {money(q, 'en')} yuan ring-fenced"))
        return link

    def spend(self, beneficiary: str, amount: float, use: str, day: dt.date | str,
              allow_partial: bool = False) -> tuple[float, float]:
        """The beneficiary pays ``amount`` for ``use`` from their quota.

        Returns (paid from the quota, left for the beneficiary to pay) [yuan]. Over the quota:
        refused, or with ``allow_partial`` the quota pays what it has.
        """
        self._advance(day)
        _check_use(use)
        link = self._link(beneficiary)
        if use not in self.rules["uses"]:
            status = uses_on(self.today)["uses"][use]
            raise InvalidInput("use", use, f"{USE_STATUS[status]['en']}: shared money pays only "
                               + ", ".join(self.rules["uses"]))
        v = self._amount("amount", amount)
        month = self.today.strftime("%Y-%m")
        if month in self.settled:
            raise InvalidInput("day", self.today.isoformat(), f"{month} is already settled")
        if v > link.remaining + 0.005 and not allow_partial:
            raise InvalidInput("amount", amount,
                               f"at most the remaining quota {money(link.remaining, 'en')} yuan")
        paid = min(v, link.remaining)
        state = self._move(link, "spend")
        link.remaining = round(link.remaining - paid, 2)
        if paid > 0:
            self.spending.append((beneficiary, self.today, use, round(paid, 2)))
        self._log("spend", beneficiary, paid, link.state, state, "uses",
                  both(f"{beneficiary}用共济额度支付{USES[use]['zh']} {money(paid)} 元"
                       + (f"，其余 {money(v - paid)} 元自付" if v - paid > 0.005 else ""),
                       f"{beneficiary} pays {money(paid, 'en')} yuan of {USES[use]['en']} from the quota"
                       + (f"; {money(v - paid, 'en')} yuan left to pay" if v - paid > 0.005 else "")))
        link.state = state
        return round(paid, 2), round(v - paid, 2)

    def sharer_spend(self, amount: float, day: dt.date | str, use: str = "medical_own_burden") -> float:
        """The sharer pays for their own care from the free balance only (not from quotas)."""
        self._advance(day)
        _check_use(use)
        status = uses_on(self.today)["uses"][use]
        if status != "allowed":
            raise InvalidInput("use", use, USE_STATUS[status]["en"])
        v = self._amount("amount", amount)
        if v > self.balance + 0.005:
            raise InvalidInput("amount", amount,
                               f"at most the free balance {money(self.balance, 'en')} yuan; "
                               f"{money(self.ring_fenced, 'en')} yuan is ring-fenced for beneficiaries")
        self.balance -= v
        self._log("sharer_spend", None, v, None, None, "ring_fence",
                  both(f"共济人自己支付{USES[use]['zh']} {money(v)} 元（只能用未圈定的余额）",
                       f"the sharer pays {money(v, 'en')} yuan of {USES[use]['en']} (free balance only)"))
        return round(v, 2)

    def _close(self, link: Link, event: str) -> float:
        state = self._move(link, event)
        if not self.rules["unused_returned_on_end"]:
            raise DataError(self.rules.source, "unused_returned_on_end",
                            "the model implements the return of unused quotas only")
        back = link.remaining
        self.balance += back
        before = link.state
        link.returned, link.remaining, link.state, link.closed = round(back, 2), 0.0, state, self.today
        del self.links[link.beneficiary]
        self.history.append(link)
        rule = "return"
        what = (both(f"与{link.beneficiary}的共济关系经双方同意解除，未使用额度 {money(back)} 元返还共济人账户",
                     f"link with {link.beneficiary} ended by agreement; the unused {money(back, 'en')} yuan "
                     "returns to the sharer's account") if event == "unlink" else
                both(f"共济人医保关系变动，与{link.beneficiary}的共济关系自动解除，未使用额度 {money(back)} 元返还",
                     f"the sharer's insurance changed: the link with {link.beneficiary} is dissolved and the "
                     f"unused {money(back, 'en')} yuan returns"))
        self._log(event, link.beneficiary, back, before, state, rule, what)
        return round(back, 2)

    def unlink(self, beneficiary: str, day: dt.date | str, sharer_agrees: bool = True,
               beneficiary_agrees: bool = True) -> float:
        """End a link; the unused quota returns to the sharer. Returns the amount returned."""
        self._advance(day)
        link = self._link(beneficiary)
        if not (sharer_agrees and beneficiary_agrees) and self.rules["unilateral_end"] is not True:
            raise InvalidInput("consent", {"sharer": sharer_agrees, "beneficiary": beneficiary_agrees},
                               "the notice says links are set up or ended voluntarily by both parties; "
                               "whether one party alone may end one is not stated")
        return self._close(link, "unlink")

    def insurance_relationship_changed(self, day: dt.date | str) -> dict[str, float]:
        """The sharer's insurance relationship changes: every link ends by itself and the unused
        quotas return. Returns {beneficiary: amount returned}."""
        self._advance(day)
        if not self.rules["auto_dissolve_on_insurance_change"]:
            self._log("insurance_change", None, 0.0, None, None, "relationship",
                      both("共济人医保关系变动（按这些规则共济关系不受影响）",
                           "the sharer's insurance changed (links unaffected under these rules)"))
            return {}
        returned = {b: self._close(l, "insurance_change") for b, l in list(self.links.items())}
        if not returned:
            self._log("insurance_change", None, 0.0, None, None, "relationship",
                      both("共济人医保关系变动（没有共济关系需要解除）",
                           "the sharer's insurance changed (no links to end)"))
        return returned

    def pending(self, month: str) -> list[tuple[str, dt.date, str, float]]:
        """Spending in ``month`` (YYYY-MM) not yet settled."""
        return [s for s in self.spending if s[1].strftime("%Y-%m") == month]

    def settle(self, month: str, day: dt.date | str | None = None) -> Settlement:
        """Settle a finished month's cross-province spending in full."""
        if day is not None:
            self._advance(day)
        try:
            first = dt.date.fromisoformat(f"{month}-01")
        except (TypeError, ValueError):
            raise InvalidInput("month", month, "a month written YYYY-MM") from None
        if month in self.settled:
            raise InvalidInput("month", month, "already settled")
        if self.today.strftime("%Y-%m") <= month:
            raise InvalidInput("month", month, f"not over yet on {self.today}")
        if first < self.rules.date.replace(day=1):
            raise InvalidInput("month", month, f"before the rules of {self.rules.date}")
        items = tuple(self.pending(month))
        by: dict[str, float] = {}
        for b, _, _, v in items:
            by[b] = round(by.get(b, 0.0) + v, 2)
        s = Settlement(month, round(sum(v for *_, v in items), 2), by, items)
        self.settled[month] = s
        self._log("settle", None, s.total, None, None, "settlement",
                  both(f"{month} 跨省共济费用 {money(s.total)} 元按月全额清算",
                       f"{month}: {money(s.total, 'en')} yuan of cross-province sharing settled in full"))
        return s

    def state_of(self, beneficiary: str) -> str | None:
        """The current state of the (last) link with ``beneficiary``; None if there never was one."""
        if beneficiary in self.links:
            return self.links[beneficiary].state
        ended = [l for l in self.history if l.beneficiary == beneficiary]
        return ended[-1].state if ended else None

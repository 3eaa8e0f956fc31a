"""城乡居民医保 — resident medical insurance: who pays what, and what an inpatient stay gets back.

Rules are dated, cited files in ``data/resident/<place>/`` read by :mod:`medinsure.rules.resident`:

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
case of the same code plus the trace. Numbers and trace steps are data; the words are in
:mod:`medinsure.views.resident`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from medinsure.enrollee import check_money
from medinsure.errors import InvalidInput
from medinsure.resident_bands import (  # noqa: F401  (re-exported)
    amount_or_nan,
    apply_cap,
    band_limits,
    band_payments,
    band_portions,
    banded_reimbursement,
)
from medinsure.rules import Entry
from medinsure.rules.resident import (  # noqa: F401  (re-exported: the old import paths keep working)
    CONCEPTS,
    ENROLMENTS,
    ILLNESS,
    PLACE_KINDS,
    SEXES,
    Place,
    age_limit,
    categories_of,
    category_b_reduction,
    class_rules,
    contribution_groups_of,
    excluded_causes_of,
    funding_minimum,
    group_funding,
    group_subsidies,
    hospital_classes_of,
    load_all_places,
    load_place,
    minimum_funding_file,
    place_slugs,
    requires_approval,
    resident_dir,
    subsidies_for_everyone,
    wait_months,
    waiting_windows,
    yearly_cap,
)
from medinsure.trace import Step, step_from_entries, step_from_steps

# Input sanity bounds (what a person can plausibly enter), not policy parameters.
AGE_RANGE = (0, 120)


# --------------------------------------------------------------------------- trace as data
@dataclass(frozen=True)
class Reason:
    """Why a stay is not paid (or not known): a code and its arguments, put in words by the views.

    Codes: ``excluded_cause`` (args: cause {key, label}), ``not_registered``, ``waiting``
    (args: waiting, before the benefit start), ``waiting_unknown`` (args: waiting).
    """

    code: str
    args: dict


# --------------------------------------------------------------------------- input checks

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
    pf = minimum_funding_file()
    day = dt.date(coverage_year, 1, 1)
    if day < pf.entries[0].date:
        raise InvalidInput("coverage_year", coverage_year, f"from {pf.entries[0].date.year} on")
    e = pf.at(day)
    year, f, i = funding_minimum(e)
    if year != coverage_year:
        raise InvalidInput("coverage_year", coverage_year,
                           f"years on record: {', '.join(str(funding_minimum(x)[0]) for x in pf.entries)}")
    total = None if f is None or i is None else float(f + i)
    return MinimumFunding(coverage_year, None if f is None else float(f),
                          None if i is None else float(i), total, e)


def minimum_funding_series() -> list[MinimumFunding]:
    """Every coverage year on record, in order."""
    return [minimum_funding(funding_minimum(e)[0]) for e in minimum_funding_file().entries]


# --------------------------------------------------------------------------- contributions
@dataclass(frozen=True)
class Contribution:
    """Who pays what for one resident for a year [yuan/year]; None where not known.

    ``gap`` says why the amounts are not known: ``no_group`` (no group covers the person),
    ``two_groups`` (the text puts them in two, see ``candidates``), ``not_given`` (the text gives
    no amount; ``note`` is the data's note), or None.
    """

    region: str
    date: dt.date
    group: str | None
    group_label: dict | None
    individual: float | None
    subsidies: tuple[dict, ...]     # {"payer": {zh, en}, "amount": float | None, "parts": (...)}
    subsidy_total: float | None
    total: float | None
    candidates: tuple[str, ...]     # every group the person falls in (two or more: ambiguous)
    gap: str | None
    note: dict | None               # the data's note where an amount is not given
    entry: Entry


def _age_matches(group: dict, age: int, sex: str) -> bool:
    lo, hi = age_limit(group, "min_age", sex), age_limit(group, "max_age", sex)
    return (lo is None or age >= lo) and (hi is None or age <= hi)


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
    return contribution_groups_of(load_place(region).entry("resident_contributions", day))


def contribution_categories(region: str, date: dt.date | str | None = None) -> list[dict]:
    day = None if date is None else _as_date("date", date)
    return categories_of(load_place(region).entry("resident_contributions", day))


def _person_groups(entry: Entry, region: str, age: int, sex: str | None,
                   category: str | None) -> list[dict]:
    """The groups one person falls in; refuses a category not in the rule, and a missing sex
    where it changes the group."""
    cats = [c["key"] for c in categories_of(entry)]
    if category is not None and category not in cats:
        raise InvalidInput("category", category, "None or one of " + (", ".join(cats) or "(none listed)"))
    groups = contribution_groups_of(entry)
    by_sex = {s: _candidates(groups, age, s, category) for s in SEXES}
    if sex is not None:
        return by_sex[sex]
    if [g["key"] for g in by_sex["male"]] != [g["key"] for g in by_sex["female"]]:
        raise InvalidInput("sex", None, f"required: in {region} the group at age {age} differs "
                           "for men and women (male or female)")
    return by_sex["male"]


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
    cands = _person_groups(entry, region, age, sex, category)
    keys = tuple(g["key"] for g in cands)
    if not cands or len({(g["individual"], tuple(s["amount"] for s in group_subsidies(g)))
                         for g in cands}) > 1:
        gap = "no_group" if not cands else "two_groups"
        return Contribution(region, day, None, None, None, (), None, None, keys, gap, None, entry)
    g = cands[0]
    subsidies = tuple({"payer": s["payer"], "amount": None if s["amount"] is None else float(s["amount"]),
                       "parts": tuple(s.get("parts", ()))}
                      for s in subsidies_for_everyone(entry) + group_subsidies(g))
    individual, subsidy_total = group_funding(entry, g)
    total = None if individual is None or subsidy_total is None else individual + subsidy_total
    gap = "not_given" if total is None else None
    return Contribution(region, day, g["key"], g["label"], individual, subsidies, subsidy_total,
                        total, keys, gap, entry.note if gap else None, entry)


# --------------------------------------------------------------------------- waiting period
def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later (the month's last day where it is shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

@dataclass(frozen=True)
class WaitingPeriod:
    """When benefits start after a payment; ``start`` None = the text does not say.

    ``rule`` names the rule that applied: ``window`` (paid inside ``window``, a transition
    window {from, to, wait_months, label}), ``late`` (first enrolment after the windows),
    ``re_enrolment`` or ``newborn``.
    """

    enrolment: str
    payment_date: dt.date
    wait_months: int | None
    start: dt.date | None
    rule: str
    window: dict | None
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
    windows = waiting_windows(e)
    window = None
    rule = enrolment
    if enrolment == "first":
        inside = [w for w in windows if w["from"] <= day <= w["to"]]
        if inside:
            window, rule = inside[0], "window"
        elif windows and day < windows[0]["from"]:
            raise InvalidInput("payment_date", day.isoformat(),
                               f"enrolment opened on {windows[0]['from']}")
        else:
            rule = "late"
    months = window["wait_months"] if window is not None else wait_months(e, enrolment)
    start = None if months is None else add_months(day, months)
    return WaitingPeriod(enrolment, day, months, start, rule, window, e)


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
    reimbursed_before: float
    deductible: float | None
    bands: tuple[BandLine, ...]
    before_cap: float | None
    cap: float | None
    cap_room: float | None
    reimbursement: float | None
    own_payment: float | None
    covered: bool | None
    reason: Reason | None
    waiting: WaitingPeriod | None
    unknown: tuple[dict, ...]     # {field, note}; note is the data's note or None
    trace: tuple[Step, ...]
    entry: Entry


def hospital_classes(region: str, date: dt.date | str | None = None) -> list[dict]:
    day = None if date is None else _as_date("admission_date", date)
    return hospital_classes_of(load_place(region).entry("resident_inpatient", day, field="admission_date"))


def excluded_causes(region: str, date: dt.date | str | None = None) -> list[dict]:
    day = None if date is None else _as_date("admission_date", date)
    return excluded_causes_of(load_place(region).entry("resident_inpatient", day, field="admission_date"))


def reimbursement_curve(region: str, admission_date: dt.date | str, hospital_class: str,
                        in_scope: np.ndarray, category_b_share: float = 0.0,
                        reimbursed_before: float = 0.0) -> np.ndarray:
    """Reimbursement [yuan] for each in-scope bill in ``in_scope`` (covered admissions)."""
    day = _as_date("admission_date", admission_date)
    entry = load_place(region).entry("resident_inpatient", day, field="admission_date")
    c, bands, reduction = class_rules(entry, hospital_class)
    paid = banded_reimbursement(in_scope, amount_or_nan(c["deductible"]), bands, reduction, category_b_share,
                                category_b_reduction(entry))
    return apply_cap(paid, amount_or_nan(yearly_cap(entry)), reimbursed_before)


def _r2(x: float) -> float | None:
    return None if x is None or math.isnan(x) else round(float(x), 2)


def _inpatient_inputs(entry: Entry, in_scope: float, category_b: float, out_of_scope: float,
                      reimbursed_before: float, cause: str, approved: bool, enrolment: str | None,
                      payment_date: object) -> tuple[float, float, float, float]:
    """The bill's amounts, checked; refuses an unknown cause and half a waiting-period check."""
    bill = check_money("in_scope", in_scope)
    b_part = check_money("category_b", category_b)
    if b_part > bill:
        raise InvalidInput("category_b", category_b, f"at most the in-scope bill {bill:,.2f}")
    extra = check_money("out_of_scope", out_of_scope)
    before = check_money("reimbursed_before", reimbursed_before)
    causes = [x["key"] for x in excluded_causes_of(entry)]
    if cause != ILLNESS and cause not in causes:
        raise InvalidInput("cause", cause, "one of " + ", ".join([ILLNESS, *causes]))
    if not isinstance(approved, bool):
        raise InvalidInput("approved", approved, "true or false")
    if (enrolment is None) != (payment_date is None):
        raise InvalidInput("payment_date" if payment_date is None else "enrolment",
                           payment_date if payment_date is not None else enrolment,
                           "give enrolment and payment_date together, or neither")
    return bill, b_part, extra, before


def _coverage(region: str, entry: Entry, day: dt.date, cause: str, approved: bool,
              enrolment: str | None, payment_date: object
              ) -> tuple[bool | None, Reason | None, WaitingPeriod | None]:
    """Is the stay covered at all: True, False (with the reason) or None (not known)."""
    causes = {x["key"]: x for x in excluded_causes_of(entry)}
    if cause in causes:
        return False, Reason("excluded_cause", {"cause": causes[cause]}), None
    if requires_approval(entry) and not approved:
        return False, Reason("not_registered", {}), None
    if enrolment is None:
        return True, None, None
    waiting = benefit_start(region, enrolment, payment_date)  # type: ignore[arg-type]
    if waiting.start is None:
        return None, Reason("waiting_unknown", {"waiting": waiting}), waiting
    if day < waiting.start:
        return False, Reason("waiting", {"waiting": waiting}), waiting
    return True, None, waiting


@dataclass(frozen=True)
class _Bands:
    """The band arithmetic of one bill (the same array code as the curves) [yuan]."""

    deductible: float
    lines: tuple[BandLine, ...]
    before_cap: float
    cap: float
    room: float
    capped: float


def _bands(entry: Entry, c: dict, bands: list[dict], reduction: float, bill: float, b_part: float,
           before: float) -> _Bands:
    deductible = amount_or_nan(c["deductible"])
    share = b_part / bill if bill > 0 else 0.0
    b_red = category_b_reduction(entry)
    lines: list[BandLine] = []
    if not math.isnan(deductible):
        lowers, uppers = band_limits(bands, deductible)
        portions, payments = band_payments(np.array([bill]), deductible, bands, reduction, share, b_red)
        for b, lo, hi, part, paid in zip(bands, lowers, uppers, portions[:, 0], payments[:, 0]):
            r = None if b["ratio"] is None else max(b["ratio"] - reduction, 0.0)
            rb = None if r is None or b_red is None else max(r - b_red, 0.0)
            lines.append(BandLine(float(lo), float(hi), r, rb, float(part), _r2(paid)))
    before_cap = float(banded_reimbursement(np.array([bill]), deductible, bands, reduction, share, b_red)[0])
    cap = amount_or_nan(yearly_cap(entry))
    capped = float(apply_cap(np.array([before_cap]), cap, before)[0])
    return _Bands(deductible, tuple(lines), before_cap, cap, max(cap - before, 0.0), capped)


def _unknowns(entry: Entry, bands: list[dict], b: _Bands, share: float,
              covered: bool | None) -> list[dict]:
    """What is not known when the payment is not known: {field, note (the data's note or None)}."""
    missing = [k for k, v in (("deductible", b.deductible), ("yearly_cap", b.cap)) if math.isnan(v)]
    if any(x["ratio"] is None for x in bands):
        missing.append("ratio")
    if share > 0 and category_b_reduction(entry) is None:
        missing.append("category_b_reduction")
    if covered is None:
        missing.append("waiting_period")
    return [{"field": m, "note": entry.note} for m in missing or ["reimbursement"]]


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
    in_scope, category_b, out_of_scope : float
        Policy-scope (目录内) cost of the stay, the part of it that is 乙类 (category B) drugs,
        and costs outside the lists (目录外, always the patient's) [yuan].
    reimbursed_before : float
        What the fund already paid this settlement year (counts against the cap) [yuan].
    cause : str
        ``"illness"`` or one of the place's excluded causes (work injury, childbirth, …).
    approved : bool
        Whether the admission was registered with the agency where the place requires it.
    enrolment, payment_date : str, date or None
        ``"first"``, ``"re_enrolment"`` or ``"newborn"`` and the day the contribution was paid,
        to check the waiting period; None, None = not checked (enrolled long enough).

    Returns
    -------
    InpatientResult
        ``reimbursement`` and ``own_payment`` [yuan], the band lines, the trace.
    """
    day = _as_date("admission_date", admission_date)
    entry = load_place(region).entry("resident_inpatient", day, field="admission_date")
    c, bands, reduction = class_rules(entry, hospital_class)
    bill, b_part, extra, before = _inpatient_inputs(entry, in_scope, category_b, out_of_scope,
                                                    reimbursed_before, cause, approved, enrolment, payment_date)
    covered, reason, waiting = _coverage(region, entry, day, cause, approved, enrolment, payment_date)
    b = _bands(entry, c, bands, reduction, bill, b_part, before)
    reimbursement = math.nan if covered is None else b.capped if covered else 0.0
    own = bill + extra - reimbursement
    share = b_part / bill if bill > 0 else 0.0
    unknown = _unknowns(entry, bands, b, share, covered) if math.isnan(reimbursement) else []
    result = InpatientResult(
        region=region, admission_date=day, hospital_class=hospital_class, class_label=c["label"],
        in_scope=bill, category_b=b_part, out_of_scope=extra, reimbursed_before=before,
        deductible=_r2(b.deductible),
        bands=b.lines, before_cap=_r2(b.before_cap), cap=None if math.isnan(b.cap) else b.cap,
        cap_room=_r2(b.room), reimbursement=_r2(reimbursement), own_payment=_r2(own),
        covered=covered, reason=reason, waiting=waiting, unknown=tuple(unknown), trace=(), entry=entry)
    return dataclasses.replace(result, trace=tuple(_inpatient_trace(result)))


def _inpatient_trace(r: InpatientResult) -> list[Step]:
    """The inpatient calculation as trace steps (data; words in views/resident.py)."""
    e = r.entry
    steps: list[Step] = []
    if r.waiting is not None:
        steps.append(step_from_entries("benefit_start", None, "date", {"waiting": r.waiting}, r.waiting.entry))
    steps.append(step_from_entries("deductible", r.deductible, "yuan",
                               {"class_label": r.class_label, "deductible": r.deductible}, e))
    share = r.category_b / r.in_scope if r.in_scope > 0 else 0.0
    band_steps = [step_from_entries(f"band_{i}", line.paid, "yuan",
                                {"index": i, "line": line, "category_b_share": share}, e)
                  for i, line in enumerate(r.bands, 1)]
    steps.extend(band_steps)
    if band_steps:
        steps.append(step_from_steps("before_cap", r.before_cap, "yuan", {"before_cap": r.before_cap, "banded": True},
                                 *band_steps))
    else:  # the deductible is not known
        steps.append(step_from_entries("before_cap", None, "yuan", {"before_cap": None, "banded": False}, e))
    steps.append(step_from_entries("cap_room", r.cap_room, "yuan", {"cap": r.cap, "before": r.reimbursed_before, "room": r.cap_room}, e))
    s_r = step_from_steps("reimbursement", r.reimbursement, "yuan",
                      {"covered": r.covered, "reason": r.reason, "before_cap": r.before_cap,
                       "room": r.cap_room, "reimbursement": r.reimbursement}, *steps)
    steps.append(s_r)
    steps.append(step_from_steps("own_payment", r.own_payment, "yuan",
                             {"in_scope": r.in_scope, "reimbursement": r.reimbursement,
                              "out_of_scope": r.out_of_scope, "own": r.own_payment}, s_r))
    return steps


def contribution_trace(c: Contribution) -> list[Step]:
    """The contribution as trace steps (individual, subsidies, total) with the rule's references."""
    steps = [step_from_entries("individual", c.individual, "yuan/year",
                           {"group_label": c.group_label, "individual": c.individual}, c.entry)]
    steps += [step_from_entries(f"subsidy_{i}", s["amount"], "yuan/year", {"subsidy": s}, c.entry)
              for i, s in enumerate(c.subsidies, 1)]
    steps.append(step_from_steps("total", c.total, "yuan/year",
                             {"individual": c.individual, "subsidy_total": c.subsidy_total,
                              "total": c.total}, *steps))
    return steps

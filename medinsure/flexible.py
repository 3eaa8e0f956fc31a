"""灵活就业 — flexibly employed people in employee medical insurance: what they pay, whether an
account is credited, and what general outpatient pooling gives them.

- Contribution: rate × the base they choose (+ a fixed add-on such as 大额), the base held
  between the region's floor and ceiling (60%–300% of the average wage in most places). Rates
  and bases come from ``data/regions/<slug>/contribution_rates.yaml`` and
  ``contribution_base.yaml`` through :func:`medinsure.rules.rules_for`.
- Account credit and outpatient reimbursement: :func:`medinsure.compare.compare` with status
  ``flexible`` (the same numbers as the household app).
- Worked examples outside ``data/regions/`` (``data/flexible/<place>/``): a base set as a share
  of an average wage, e.g. 福州 闽清 2020.

References
----------
社会保险法 第二十三条; 劳社厅发〔2003〕10号 (rate "原则上按照当地的缴费率", base "可参照当地上一年
职工年平均工资"); the regional documents cited in the data files.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.errors import DateBeforeRules, InvalidInput
from medinsure.personal_account import to_fen
from medinsure.rules import NATIONAL, Entry, Reference, load_region, region_slugs, rules_for, unique_references
from medinsure.rules.flexible import example_places, example_rule, flexible_dir, load_example  # noqa: F401

BASE_CHOICES = ("floor", "default", "ceiling", "amount")


# --------------------------------------------------------------------------- arithmetic (arrays)
def contribution_monthly(base_monthly: np.ndarray | float, rate: float | None,
                         fixed_monthly: float | None = 0.0) -> np.ndarray:
    """Monthly contribution of a flexibly employed person [yuan/month].

    rate × base, rounded to whole fen (half-up; the published examples are in fen, e.g.
    3,233.55 × 10% = 323.355 → 323.36), plus the fixed add-on. NaN where anything is unknown.

    Parameters
    ----------
    base_monthly : array or float
        The chosen contribution base [yuan/month].
    rate : float or None
        The flexible-employment rate (share of the base).
    fixed_monthly : float or None
        Fixed add-on, e.g. 大额互助 [yuan/month].
    """
    base = np.asarray(base_monthly, dtype=float)
    r = math.nan if rate is None else rate
    fixed = math.nan if fixed_monthly is None else fixed_monthly
    return to_fen(base * r) + fixed


def base_from_average(average_yearly: float, share: float) -> float:
    """A base set as a share of an average annual wage, per month, in fen [yuan/month]."""
    return float(to_fen(np.asarray(share * average_yearly / 12)))


# --------------------------------------------------------------------------- regions
@dataclass(frozen=True)
class BaseRange:
    """The bases a flexibly employed person may choose from [yuan/month]; None = not known."""

    floor: float | None
    ceiling: float | None
    average: float | None
    default: float | None
    entry: Entry


def _f(v: object) -> float | None:
    return None if v is None else float(v)  # type: ignore[arg-type]


def base_range(region: str, date: dt.date | str) -> BaseRange:
    """Floor, ceiling, average wage and default flexible base in force in ``region`` on ``date``."""
    b = rules_for(region, date).new.contribution_base
    v = b.value
    return BaseRange(_f(v.floor_monthly), _f(v.ceiling_monthly),
                     _f(v.average_wage_monthly), _f(v.flexible_base_monthly), b)


def choose_base(rng: BaseRange, choice: str, amount: float | None = None,
                region: str = "") -> float | None:
    """The base for a choice: the floor, the default (usually the average wage), the ceiling, or
    an amount that must lie between floor and ceiling where those are known [yuan/month]."""
    if choice not in BASE_CHOICES:
        raise InvalidInput("base_choice", choice, "one of " + ", ".join(BASE_CHOICES))
    if choice != "amount":
        return {"floor": rng.floor, "default": rng.default, "ceiling": rng.ceiling}[choice]
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not math.isfinite(amount) \
            or amount <= 0:
        raise InvalidInput("base_monthly", amount, "a positive number of yuan per month")
    lo = rng.floor if rng.floor is not None else 0.0
    hi = rng.ceiling if rng.ceiling is not None else math.inf
    if not lo <= amount <= hi:
        raise InvalidInput("base_monthly", amount,
                           f"from {lo:,.2f} to {hi:,.2f} yuan/month in {region} (the base floor and ceiling)")
    return float(amount)


@dataclass(frozen=True)
class FlexibleOutlook:
    """One flexibly employed person in one region on one day. Money in yuan; None = not known."""

    region: str
    name: dict
    date: dt.date
    base_choice: str
    base_monthly: float | None
    base: BaseRange
    rate: float | None
    fixed_monthly: float | None
    rate_part_monthly: float | None
    contribution_monthly: float | None
    contribution_yearly: float | None
    account: str                     # credit rule kind for flexible enrollees (none, share_of_base, unknown, …)
    account_rate: float | None       # for share_of_base with one band
    credit_old: float | None         # yuan/year
    credit_new: float | None
    pooling: str                     # whose outpatient rules apply: in_service, retired, none, unknown, no_pooling
    outpatient_yearly: float
    level: str
    reimbursement_new: float | None  # yuan/year
    unknown: tuple[dict, ...]        # {field, note {zh, en}}
    references: tuple[Reference, ...]
    sources: tuple[str, ...]
    comparison: Comparison | None = field(repr=False, compare=False, default=None)

    @property
    def has_account(self) -> bool | None:
        """True / False, or None when the data does not say."""
        if self.account == "unknown":
            return None
        if self.account == "none":
            return False
        return None if self.credit_new is None else self.credit_new > 0


def _r2(v: float | None) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 2)


def _unknowns(base: float | None, base_choice: str, rng: BaseRange, rates: Entry,
              c: Comparison) -> list[dict]:
    """What is not known: {field, note}; the note is the data's (None where it has none)."""
    rate, fixed = rates.value.flexible_rate, rates.value.flexible_fixed_monthly
    unknown: list[dict] = []
    if base is None:
        unknown.append({"field": "base", "note": rng.entry.note})
    elif base_choice == "amount" and (rng.floor is None or rng.ceiling is None):
        unknown.append({"field": "base_range", "note": rng.entry.note})
    if rate is None:
        unknown.append({"field": "rate", "note": rates.note})
    if fixed is None:
        unknown.append({"field": "fixed_monthly", "note": rates.note})
    unknown += [u for u in c.unknown if u["field"] in ("credit_new", "reimbursement_new", "credit_old")]
    return unknown


def _pooling(op) -> str:
    """Whose outpatient rules apply to flexible enrollees (or no_pooling / unknown)."""
    return {"none": "no_pooling", "unknown": "unknown"}.get(op.kind, getattr(op, "flexible", "unknown"))


def flexible_outlook(region: str, date: dt.date | str, base_choice: str = "default",
                     base_monthly: float | None = None, age: int = 40,
                     outpatient_yearly: float = 0.0, level: str = "primary") -> FlexibleOutlook:
    """What a flexibly employed person pays and gets in ``region`` under the rules of ``date``.

    Parameters
    ----------
    region : str
        Region slug (``data/regions/<slug>``).
    date : date or str
        The rules in force that day.
    base_choice : str
        ``floor``, ``default`` (the region's default flexible base, usually the average wage),
        ``ceiling`` or ``amount`` (then ``base_monthly``).
    base_monthly : float or None
        The chosen base with ``base_choice="amount"`` [yuan/month].
    age : int
        Age [years] (credit rules may depend on it).
    outpatient_yearly : float
        Yearly in-scope general outpatient spending [yuan/year].
    level : str
        Facility level: pharmacy, primary, secondary, tertiary.
    """
    rs = rules_for(region, date)
    rng = base_range(region, rs.date)
    base = choose_base(rng, base_choice, base_monthly, region)
    rates = rs.new.contribution_rates
    rate, fixed = rates.value.flexible_rate, rates.value.flexible_fixed_monthly
    c = compare(region, rs.date, Enrollee(status="flexible", age=age, wage_monthly=base,
                                          outpatient_yearly=outpatient_yearly, level=level))
    rate_part = None if base is None or rate is None else float(to_fen(np.asarray(base * rate)))
    monthly = None if rate_part is None or fixed is None else round(rate_part + fixed, 2)
    unknown = _unknowns(base, base_choice, rng, rates, c)
    rule = rs.new.account.rule_for("flexible")
    account_rate = rule.bands[0].rate if rule.kind == "share_of_base" and len(rule.bands) == 1 else None
    # with no base, a share-of-base credit is not known (compare would use the default base)
    credit_new = c.credit_new if (base is not None or rule.kind != "share_of_base") else None
    if credit_new is None and c.credit_new is not None:
        unknown.append({"field": "credit_new", "note": rng.entry.note})
    entries = (rng.entry, rates, rs.new.personal_account, rs.new.outpatient_pooling)
    return FlexibleOutlook(
        region=region, name=rs.region.name, date=rs.date, base_choice=base_choice, base_monthly=base,
        base=rng, rate=rate, fixed_monthly=_f(fixed), rate_part_monthly=rate_part,
        contribution_monthly=monthly, contribution_yearly=None if monthly is None else round(monthly * 12, 2),
        account=rule.kind, account_rate=account_rate, credit_old=c.credit_old, credit_new=credit_new,
        pooling=_pooling(rs.new.pooling), outpatient_yearly=float(outpatient_yearly), level=level,
        reimbursement_new=c.reimbursement_new, unknown=tuple(unknown),
        references=tuple(unique_references(r for e in entries for r in e.references)),
        sources=tuple(e.where for e in entries), comparison=c)


def comparable_regions() -> list[str]:
    """Region slugs for the comparison (the illustrative national preset is left out)."""
    return [s for s in region_slugs() if s != NATIONAL]


@dataclass(frozen=True)
class NoRules:
    """A region without a row for the day asked: ``reason`` ``no_data`` (args: data_from) or
    ``base_outside_range`` (args: base, floor, ceiling [yuan/month]); words in views/flexible.py."""

    region: str
    name: dict
    reason: str
    args: dict


def compare_regions(date: dt.date | str, base_choice: str = "default", base_monthly: float | None = None,
                    age: int = 40, outpatient_yearly: float = 0.0, level: str = "primary",
                    regions: list[str] | None = None) -> list[FlexibleOutlook | NoRules]:
    """:func:`flexible_outlook` for every region (or ``regions``) on one day.

    A region without rules that day, or where the chosen amount lies outside its base range,
    gives a :class:`NoRules` row saying why.
    """
    rows: list[FlexibleOutlook | NoRules] = []
    for slug in regions or comparable_regions():
        reg = load_region(slug)
        try:
            rows.append(flexible_outlook(slug, date, base_choice, base_monthly, age, outpatient_yearly, level))
        except InvalidInput as exc:
            if exc.field == "date":
                rows.append(NoRules(slug, reg.name, "no_data", {"data_from": reg.data_from}))
            elif exc.field == "base_monthly":
                rng = base_range(slug, date)
                rows.append(NoRules(slug, reg.name, "base_outside_range",
                                    {"base": exc.value, "floor": rng.floor, "ceiling": rng.ceiling}))
            else:
                raise
    return rows


# --------------------------------------------------------------------------- worked examples
@dataclass(frozen=True)
class ExampleContribution:
    place: str
    date: dt.date
    base_monthly: float | None
    contribution_monthly: float | None
    contribution_yearly: float | None
    entry: Entry


def example_contribution(place: str, date: dt.date | str) -> ExampleContribution:
    """Base = share × average annual wage ÷ 12 (in fen); contribution = rate × base (in fen) +
    fixed [yuan/month], × 12 for the year."""
    day = date if isinstance(date, dt.date) else None
    if day is None:
        try:
            day = dt.date.fromisoformat(str(date))
        except ValueError:
            raise InvalidInput("date", date, "a date written YYYY-MM-DD") from None
    pf = load_example(place)
    if day < pf.entries[0].date:
        raise DateBeforeRules("date", day.isoformat(), pf.entries[0].date,
                              f"{pf.source} has rules from {pf.entries[0].date} on")
    e = pf.at(day)
    rule = example_rule(e)
    share, avg = rule.base_share_of_average, rule.average_wage_yearly
    base = None if share is None or avg is None else base_from_average(avg, share)
    monthly = None if base is None else float(contribution_monthly(base, rule.rate, rule.fixed_monthly))
    monthly = _r2(monthly)
    return ExampleContribution(place, day, base, monthly, None if monthly is None else round(monthly * 12, 2), e)

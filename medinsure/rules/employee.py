"""The employee-insurance rule concepts as typed models, and the regions built from them.

Four concepts per region (``data/README.md``): contribution rates, contribution base, personal-
account crediting and general outpatient pooling. Each dated value is parsed into a frozen
pydantic model; the calculation reads these models through named fields and accessors, never
raw mappings. ``data/schema/`` holds the JSON Schema of each (``tools/make_schema.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import Field, ValidationError

from medinsure.rules.files import ValidationContext, check_band_order, register_model
from medinsure.rules.typed import Amount, Bilingual, Rate, Rule, Year

STATUSES = ("in_service", "retired", "flexible")
LEVELS = ("pharmacy", "primary", "secondary", "tertiary")
CONCEPTS = ("contribution_rates", "contribution_base", "personal_account", "outpatient_pooling")
Status = Literal["in_service", "retired", "flexible"]
Level = Literal["pharmacy", "primary", "secondary", "tertiary"]


# --------------------------------------------------------------------------- bands
class Band(Rule):
    """Conditions of an age or retirement-year band; none = everyone."""

    min_age: Year | None = None
    max_age: Year | None = None
    retired_from_year: Year | None = None
    retired_before_year: Year | None = None

    def conditions(self) -> dict:
        return {k: v for k, v in (("min_age", self.min_age), ("max_age", self.max_age),
                                  ("retired_from_year", self.retired_from_year),
                                  ("retired_before_year", self.retired_before_year)) if v is not None}


def _check_bands(ctx: ValidationContext, key: str, bands: list[Band] | Any) -> None:
    if isinstance(bands, list):
        if not bands:
            raise ctx.fail(key, "bands must be a non-empty list")
        check_band_order(ctx, key, [b.conditions() for b in bands])


def uses_retirement_year(value: Any) -> bool:
    """True where a value is banded by year of retirement (上海)."""
    return isinstance(value, list) and any(
        b.retired_from_year is not None or b.retired_before_year is not None for b in value)


class RateBand(Band):
    rate: Rate | None


class AmountBand(Band):
    amount: Amount | None


class LevelRatios(Rule):
    """A share by facility level: pharmacy (定点药店), primary (基层·一级), secondary, tertiary."""

    pharmacy: Rate | None
    primary: Rate | None
    secondary: Rate | None
    tertiary: Rate | None

    def at(self, level: str) -> float | None:
        return getattr(self, level)


class LevelAmounts(Rule):
    pharmacy: Amount | None
    primary: Amount | None
    secondary: Amount | None
    tertiary: Amount | None

    def at(self, level: str) -> float | None:
        return getattr(self, level)


class LevelRatioBand(Band, LevelRatios):
    """Ratios by facility level for one age or retirement-year band."""


# --------------------------------------------------------------------------- contributions
class ContributionRates(Rule):
    """Shares of the monthly contribution base; fixed parts in yuan/month."""

    employer_rate: Rate | None
    employee_rate: Rate | None
    employee_fixed_monthly: Amount | None
    retiree_fixed_monthly: Amount | None
    flexible_rate: Rate | None
    flexible_fixed_monthly: Amount | None


class ContributionBase(Rule):
    floor_monthly: Amount | None
    ceiling_monthly: Amount | None
    average_wage_monthly: Amount | None
    flexible_base_monthly: Amount | None

    def check(self, ctx: ValidationContext) -> None:
        if self.floor_monthly is not None and self.ceiling_monthly is not None \
                and self.floor_monthly > self.ceiling_monthly:
            raise ctx.fail("floor_monthly", "floor is above ceiling")


# --------------------------------------------------------------------------- account credits
class ShareOfBase(Rule):
    """rate × own contribution base (在职: 本人缴费基数的一定比例)."""
    kind: Literal["share_of_base"]
    bands: list[RateBand]


class ShareOfPension(Rule):
    """rate × own monthly pension (退休: 本人养老金的一定比例)."""
    kind: Literal["share_of_pension"]
    bands: list[RateBand]


class ShareOfAmount(Rule):
    """rate × factor × a published monthly amount (an average wage or pension)."""
    kind: Literal["share_of_amount"]
    amount: Amount | None
    amount_label: Bilingual
    factor: Rate = 1.0
    bands: list[RateBand]


class FixedCredit(Rule):
    """A fixed amount (定额划入)."""
    kind: Literal["fixed"]
    unit: Literal["yuan/month", "yuan/year"]
    bands: list[AmountBand]


class FrozenOwnCredit(Rule):
    """Each person keeps the monthly credit they had on ``as_of`` (南京: 冻结在2022年12月的划入额).
    Needs the enrollee's own amount; without it, the rule in force on ``as_of`` is applied to the
    enrollee as entered (the trace says so)."""
    kind: Literal["frozen_own"]
    as_of: dt.date


class NoAccount(Rule):
    kind: Literal["none"]


class UnknownCredit(Rule):
    kind: Literal["unknown"]


class SameAs(Rule):
    kind: Literal["same_as"]
    status: Status


CreditRule = Annotated[ShareOfBase | ShareOfPension | ShareOfAmount | FixedCredit | FrozenOwnCredit | NoAccount | UnknownCredit | SameAs, Field(discriminator="kind")]


class PersonalAccount(Rule):
    regime: Literal["old", "transition", "new"] = Field(
        description="old: before the reform; transition: a step on the way (福州 2022–23: the "
                    "employer part halved); new: the reformed crediting")
    in_service: CreditRule
    retired: CreditRule
    flexible: CreditRule
    retired_flexible: CreditRule | None = Field(
        default=None, description="retirees who were flexibly employed, where they are credited "
        "otherwise (武汉 66元/月); absent = not known")

    def rule_for(self, status: str, flexible_retiree: bool = False) -> Any:
        """The credit rule for ``status``, following ``same_as``; a retiree who was flexibly
        employed gets ``retired_flexible`` (unknown where the data has none)."""
        if status == "retired" and flexible_retiree:
            rule = self.retired_flexible or UnknownCredit(kind="unknown")
        else:
            rule = getattr(self, status)
        return getattr(self, rule.status) if rule.kind == "same_as" else rule

    def check(self, ctx: ValidationContext) -> None:
        for s in (*STATUSES, "retired_flexible"):
            rule = getattr(self, s)
            if rule is None:
                continue
            if rule.kind == "same_as" and getattr(self, rule.status).kind == "same_as":
                raise ctx.fail(f"{s}.status", "same_as must point at a status with its own rule")
            if hasattr(rule, "bands"):
                _check_bands(ctx, f"{s}.bands", rule.bands)


# --------------------------------------------------------------------------- outpatient pooling
class PerLevelDeductible(Rule):
    """A yearly deductible that depends on the facility level (湖南 0 / 200 / 300)."""
    kind: Literal["per_level"]
    amounts: LevelAmounts
    yearly_max: Amount | None = None


class PerVisitDeductible(Rule):
    """A deductible for every visit (郑州 40元/次), by facility level; optionally at most
    ``level_max`` a year at one level and ``yearly_max`` in all. Needs the yearly number of visits."""
    kind: Literal["per_visit"]
    amounts: LevelAmounts
    level_max: LevelAmounts | None = None
    yearly_max: Amount | None = None


Deductible = Union[Amount, None, list[AmountBand],
                   Annotated[PerLevelDeductible | PerVisitDeductible, Field(discriminator="kind")]]


class SpendingSegment(Rule):
    """Spending up to ``up_to`` (yuan/year of in-scope spending; null = no upper end) is paid at
    ``ratio``."""
    up_to: Amount | None
    ratio: LevelRatios


class BySpending(Rule):
    """Ratios by yearly spending segment (天津: to 5,500 by level, 5,500–9,000 at 55%)."""
    kind: Literal["by_spending"]
    segments: list[SpendingSegment]


Ratio = Union[LevelRatios, list[LevelRatioBand], BySpending]
Limit = Union[Amount, Literal["unlimited"], None]


class LimitBand(Band):
    amount: Limit


Cap = Union[Amount, Literal["unlimited"], None, list[LimitBand]]
_NOT_GIVEN = object()


class ByStatus(Rule):
    """A value for in-service and for retired enrollees; ``flexible`` where they have their own."""
    in_service: Any
    retired: Any
    flexible: Any = _NOT_GIVEN

    def for_group(self, group: str) -> Any:
        return getattr(self, group)

    def groups(self) -> list[str]:
        return [g for g in STATUSES if getattr(self, g) is not _NOT_GIVEN]


class DeductibleByStatus(ByStatus):
    in_service: Deductible
    retired: Deductible
    flexible: Deductible = Field(default_factory=lambda: _NOT_GIVEN)  # type: ignore[assignment]


class RatioByStatus(ByStatus):
    in_service: Ratio
    retired: Ratio
    flexible: Ratio = Field(default_factory=lambda: _NOT_GIVEN)  # type: ignore[assignment]


class CapByStatus(ByStatus):
    in_service: Cap
    retired: Cap
    flexible: Cap = Field(default_factory=lambda: _NOT_GIVEN)  # type: ignore[assignment]


class RateByStatus(ByStatus):
    in_service: Rate | None
    retired: Rate | None
    flexible: Rate | None = Field(default_factory=lambda: _NOT_GIVEN)  # type: ignore[assignment]


class Pooled(Rule):
    """General outpatient pooling (普通门诊统筹) for one period."""
    kind: Literal["pooled"]
    payment_order: Literal["pooled_first", "account_first"]
    deductible: DeductibleByStatus
    ratio: RatioByStatus
    cap: CapByStatus = Field(description="yuan/year the pooled fund pays at most (最高支付限额); "
                             "unlimited = no separate cap; null = not known")
    spending_ceiling: CapByStatus | None = Field(
        default=None, description="in-scope yearly spending above this is not reimbursed "
        "(医疗费用最高限额); absent = none")
    beyond_cap: RateByStatus | None = Field(
        default=None, description="once the fund has paid its cap, further spending is paid at "
        "this ratio without limit (北京 2023: 2万元以上 在职60% 退休80%); absent = nothing beyond the cap")
    flexible: Literal["in_service", "retired", "none", "unknown", "own"]

    def group_for(self, status: str) -> str:
        """Whose rules an enrollee of ``status`` follows: in_service, retired, flexible (own
        rules), none or unknown."""
        if status != "flexible":
            return status
        return "flexible" if self.flexible == "own" else self.flexible

    def check(self, ctx: ValidationContext) -> None:
        parts = {"deductible": self.deductible, "ratio": self.ratio, "cap": self.cap}
        if self.spending_ceiling is not None:
            parts["spending_ceiling"] = self.spending_ceiling
        if self.beyond_cap is not None:
            parts["beyond_cap"] = self.beyond_cap
            for g in self.beyond_cap.groups():
                if isinstance(self.ratio.for_group(g), BySpending):
                    raise ctx.fail(f"beyond_cap.{g}", "needs a ratio by level (no spending "
                                   "segments) to know where the cap is reached")
        for name, part in parts.items():
            if self.flexible == "own" and "flexible" not in part.groups():
                raise ctx.fail(f"{name}.flexible", "flexible: own needs a value for flexible enrollees")
            if self.flexible != "own" and "flexible" in part.groups():
                raise ctx.fail(f"{name}.flexible", "given, but flexible enrollees follow "
                               f"{self.flexible!r}: set flexible: own")
            for g in part.groups():
                v = part.for_group(g)
                _check_bands(ctx, f"{name}.{g}", v)
                if isinstance(v, BySpending):
                    _check_segments(ctx, f"{name}.{g}.segments", v.segments)


def _check_segments(ctx: ValidationContext, key: str, segments: list[SpendingSegment]) -> None:
    if not segments:
        raise ctx.fail(key, "at least one segment")
    last = 0.0
    for i, s in enumerate(segments):
        if s.up_to is None:
            if i != len(segments) - 1:
                raise ctx.fail(f"{key}[{i}].up_to", "only the last segment may be open-ended")
        elif s.up_to <= last:
            raise ctx.fail(f"{key}[{i}].up_to", f"{s.up_to} must be above the previous segment's {last}")
        else:
            last = s.up_to
    if segments[-1].up_to is not None:
        raise ctx.fail(f"{key}[{len(segments) - 1}].up_to",
                       "the last segment must be open-ended (up_to: null); use spending_ceiling for a ceiling")


class NoPooling(Rule):
    """No general outpatient pooling for employees then."""
    kind: Literal["none"]


class UnknownPooling(Rule):
    kind: Literal["unknown"]


class OutpatientPooling(Rule):
    """Wrapper so the three kinds share one schema (``root``)."""


OutpatientRule = Annotated[Pooled | NoPooling | UnknownPooling, Field(discriminator="kind")]


def _outpatient_validator():
    from pydantic import TypeAdapter

    adapter = TypeAdapter(OutpatientRule)

    class OutpatientModel:
        """Adapter with the interface register_model expects (for JSON Schema too)."""

        @staticmethod
        def model_validate(body: dict):
            return adapter.validate_python(body, strict=True)

        @staticmethod
        def model_json_schema() -> dict:
            return adapter.json_schema()

    return OutpatientModel


OUTPATIENT_MODEL = _outpatient_validator()

MODELS = {
    "contribution_rates": ContributionRates,
    "contribution_base": ContributionBase,
    "personal_account": PersonalAccount,
    "outpatient_pooling": OUTPATIENT_MODEL,
}
for _concept, _model in MODELS.items():
    register_model(_concept, _model)

__all__ = ["STATUSES", "LEVELS", "CONCEPTS", "MODELS", "ValidationError", "uses_retirement_year"]

"""Worked flexible-employment examples outside ``data/regions/`` (``data/flexible/<place>/``):
the ``flexible_contribution`` schema, :func:`load_example` and the entry's named accessors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medinsure.errors import InvalidInput
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


def _validate_flexible_contribution(ctx: ValidationContext, d: dict) -> None:
    keys = {"rate", "base_share_of_average", "average_wage_yearly", "average_wage_label", "fixed_monthly"}
    check_keys(ctx, "", d, keys, keys)
    check_rate(ctx, "rate", d["rate"])
    check_rate(ctx, "base_share_of_average", d["base_share_of_average"])
    check_amount(ctx, "average_wage_yearly", d["average_wage_yearly"])
    check_bilingual(ctx, "average_wage_label", d["average_wage_label"])
    check_amount(ctx, "fixed_monthly", d["fixed_monthly"])


register_concept("flexible_contribution", _validate_flexible_contribution)


def flexible_dir() -> Path:
    return data_dir() / "flexible"


def example_places() -> list[str]:
    base = flexible_dir()
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def load_example(place: str) -> ParameterFile:
    if place not in example_places():
        raise InvalidInput("place", place, "one of " + ", ".join(example_places()))
    return load_parameter_file(flexible_dir() / place / "flexible_contribution.yaml", data_dir().parent)


@dataclass(frozen=True)
class ExampleRule:
    """One example's rule: rate, base share of an average wage, that wage, fixed add-on; None = not known."""

    rate: float | None
    base_share_of_average: float | None
    average_wage_yearly: float | None     # yuan/year
    average_wage_label: dict
    fixed_monthly: float | None           # yuan/month


def example_rule(entry: Entry) -> ExampleRule:
    return ExampleRule(entry["rate"], entry["base_share_of_average"], entry["average_wage_yearly"],
                       entry["average_wage_label"], entry["fixed_monthly"])

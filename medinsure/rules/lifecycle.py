"""The personal account's life cycle: the rules on card vs ledger mode, ownership, carry-over,
inheritance, transfers and one-time withdrawals, read from
``data/regions_extra/<slug>/account_lifecycle.yaml`` (only 湖南 省本级 so far, from the 审核结算部's
October 2023 explainer, seed 004); ``data/regions/<slug>/`` refuses extra files.

Each dated entry of ``account_lifecycle.yaml`` holds:

- ``modes``: ``credits_go_to`` and ``new_enrollees_get`` (``card`` = 医保卡 | ``ledger`` = 记账户),
  and the wording ``says``, ``card``, ``ledger``, ``unchanged`` ({zh, en});
- ``ownership``: ``owner`` (``enrollee``), ``carries_over``, ``inheritable`` (true/false),
  ``cash_withdrawal`` (``generally_not``), ``clause``, ``says``;
- ``interest_rate``: a share per year, or null (no rate given: none is modelled);
- ``crediting``: the document's own table (``in_service_rate``, ``retired_monthly``,
  ``flexible``: none | unknown), kept to check ``data/regions/`` against;
- ``events``: per event ``label``, ``clause``, ``says``, optional ``condition`` and ``fallback``
  (``to_bank``), and for ``card`` and ``ledger`` an ``outcome`` from :data:`OUTCOMES`.

Only keys live here; their words are in :mod:`medinsure.views.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
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

MODES = ("card", "ledger")
OUTCOMES = ("stays", "receives_credits", "carries_over", "no_cash", "keep_or_withdraw", "transfers",
            "may_move_to_subaccount", "withdraw_once")
FALLBACKS = ("to_bank",)
OWNERS = ("enrollee",)
CASH = ("generally_not",)

_EVENT_KEYS = {"label", "card", "ledger", "fallback", "condition", "clause", "says"}


# --------------------------------------------------------------------------- validator
def _validate_outcome(ctx: ValidationContext, key: str, v: object) -> None:
    check_keys(ctx, key, v, {"outcome"}, {"outcome"})
    if v["outcome"] not in OUTCOMES:
        raise ctx.fail(f"{key}.outcome", f"{v['outcome']!r} is not one of {', '.join(OUTCOMES)}")


def _validate_lifecycle(ctx: ValidationContext, d: dict) -> None:
    check_keys(ctx, "", d, {"modes", "ownership", "interest_rate", "crediting", "events"},
               {"modes", "ownership", "interest_rate", "crediting", "events"})
    m = d["modes"]
    mk = {"credits_go_to", "new_enrollees_get", "says", "card", "ledger", "unchanged"}
    check_keys(ctx, "modes", m, mk, mk)
    for k in ("credits_go_to", "new_enrollees_get"):
        if m[k] not in MODES:
            raise ctx.fail(f"modes.{k}", f"{m[k]!r} is not one of {', '.join(MODES)}")
    for k in ("says", "card", "ledger", "unchanged"):
        check_bilingual(ctx, f"modes.{k}", m[k])
    o = d["ownership"]
    ok = {"owner", "carries_over", "inheritable", "cash_withdrawal", "clause", "says"}
    check_keys(ctx, "ownership", o, ok, ok)
    if o["owner"] not in OWNERS:
        raise ctx.fail("ownership.owner", f"{o['owner']!r} is not one of {', '.join(OWNERS)}")
    for k in ("carries_over", "inheritable"):
        if not isinstance(o[k], bool):
            raise ctx.fail(f"ownership.{k}", "must be true or false")
    if o["cash_withdrawal"] not in CASH:
        raise ctx.fail("ownership.cash_withdrawal", f"{o['cash_withdrawal']!r} is not one of {', '.join(CASH)}")
    check_bilingual(ctx, "ownership.clause", o["clause"])
    check_bilingual(ctx, "ownership.says", o["says"])
    check_rate(ctx, "interest_rate", d["interest_rate"])
    c = d["crediting"]
    ck = {"in_service_rate", "retired_monthly", "flexible", "says"}
    check_keys(ctx, "crediting", c, ck, ck)
    check_rate(ctx, "crediting.in_service_rate", c["in_service_rate"])
    check_amount(ctx, "crediting.retired_monthly", c["retired_monthly"])
    if c["flexible"] not in ("none", "unknown"):
        raise ctx.fail("crediting.flexible", f"{c['flexible']!r} must be none or unknown")
    check_bilingual(ctx, "crediting.says", c["says"])
    ev = d["events"]
    if not isinstance(ev, dict) or not ev:
        raise ctx.fail("events", "must be a non-empty mapping")
    for name, e in ev.items():
        k = f"events.{name}"
        check_keys(ctx, k, e, _EVENT_KEYS, {"label", "card", "ledger", "clause", "says"})
        for part in ("label", "clause", "says"):
            check_bilingual(ctx, f"{k}.{part}", e[part])
        if "condition" in e:
            check_bilingual(ctx, f"{k}.condition", e["condition"])
        for mode in MODES:
            _validate_outcome(ctx, f"{k}.{mode}", e[mode])
        if "fallback" in e and e["fallback"] not in FALLBACKS:
            raise ctx.fail(f"{k}.fallback", f"{e['fallback']!r} is not one of {', '.join(FALLBACKS)}")


CONCEPT = "account_lifecycle"
register_concept(CONCEPT, _validate_lifecycle)


# --------------------------------------------------------------------------- loading
def lifecycle_dir() -> Path:
    """``data/regions_extra`` (follows ``$MEDINSURE_DATA``)."""
    return data_dir() / "regions_extra"


@cache
def _load(path: str) -> ParameterFile:
    return load_parameter_file(Path(path))


def lifecycle_regions() -> list[str]:
    """Region slugs with life-cycle rules."""
    base = lifecycle_dir()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / f"{CONCEPT}.yaml").exists())


def load_lifecycle(region: str = "hunan") -> ParameterFile:
    """The region's life-cycle file, validated strictly."""
    if region not in lifecycle_regions():
        raise InvalidInput("region", region, "regions with life-cycle rules: "
                           + (", ".join(lifecycle_regions()) or "none"))
    return _load(str(lifecycle_dir() / region / f"{CONCEPT}.yaml"))


def as_day(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput("date", value, "a date written YYYY-MM-DD") from None


def rules_on(day: dt.date | str, region: str = "hunan") -> Entry:
    """The life-cycle rules in force on ``day``."""
    return load_lifecycle(region).at(as_day(day))


def events(region: str = "hunan", day: dt.date | str | None = None) -> dict[str, dict]:
    """The events the rules answer ("what happens to my balance if …"), by key."""
    pf = load_lifecycle(region)
    entry = pf.entries[-1] if day is None else pf.at(as_day(day))
    return entry["events"]

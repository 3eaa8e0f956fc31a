"""The personal account's life cycle: card vs ledger mode, ownership, carry-over, inheritance,
transfers and one-time withdrawals, and a multi-year balance projection (old vs new credit).

Rules live in ``data/regions_extra/<slug>/account_lifecycle.yaml`` (only 湖南 省本级 so far, from
the 审核结算部's October 2023 explainer, seed 004); ``data/regions/<slug>/`` refuses extra files.
The yearly credits come from :func:`medinsure.compare.compare`.

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
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.views.words import both, money
from medinsure.rules import (Entry, ParameterFile, Reference, ValidationContext, check_amount,
                    check_bilingual, check_keys, check_rate, data_dir, load_parameter_file,
                    register_concept)

MODES = {"card": both("医保卡", "card (医保卡)"), "ledger": both("记账户", "ledger account (记账户)")}
OUTCOMES: dict[str, dict] = {
    "stays": both("留在原处，照常使用", "stays where it is and is used as before"),
    "receives_credits": both("此后每月的划入记入这里", "receives the monthly credits from now on"),
    "carries_over": both("结转到下一年，仍归本人所有", "carries over to the next year and stays the enrollee's"),
    "no_cash": both("不能取现（一般不得提取现金）", "cannot be taken out as cash"),
    "keep_or_withdraw": both("可继续使用，也可一次性支取", "can still be used, or withdrawn in one go"),
    "transfers": both("原则上随医保关系转到新参保地使用", "in principle moves with the insurance to the new place"),
    "may_move_to_subaccount": both("可转入“金融子账户”继续使用", "may be moved to a 'financial sub-account' and kept in use"),
    "withdraw_once": both("办理终止参保后可一次性支取", "can be withdrawn in one go once enrolment has ended"),
}
WHERE = {  # where the money ends up, for the totals
    "stays": "remains", "receives_credits": "remains", "carries_over": "remains", "no_cash": "remains",
    "may_move_to_subaccount": "remains", "transfers": "moves", "keep_or_withdraw": "choice",
    "withdraw_once": "paid_out",
}
FALLBACKS = {"to_bank": both("因特殊情况无法使用或转移时，可以划入本人银行账户",
                             "where it cannot be used or transferred, it may be paid into the own bank account")}
OWNERS = {"enrollee": both("参保人本人", "the enrollee")}
CASH = {"generally_not": both("一般不得提取现金", "cash may in general not be withdrawn")}

YEARS_MAX = 40              # input sanity bound: projection length
MONEY_MAX = 10_000_000.0    # input sanity bound: yuan

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


@lru_cache(maxsize=None)
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


def _day(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput("date", value, "a date written YYYY-MM-DD") from None


def rules_on(day: dt.date | str, region: str = "hunan") -> Entry:
    """The life-cycle rules in force on ``day``."""
    return load_lifecycle(region).at(_day(day))


def events(region: str = "hunan", day: dt.date | str | None = None) -> dict[str, dict]:
    """The events the rules answer ("what happens to my balance if …"), by key."""
    pf = load_lifecycle(region)
    entry = pf.entries[-1] if day is None else pf.at(_day(day))
    return entry["events"]


def _check_money(name: str, v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) \
            or not 0 <= v <= MONEY_MAX:
        raise InvalidInput(name, v, f"a number from 0 to {MONEY_MAX:,.0f} yuan")
    return float(v)


# --------------------------------------------------------------------------- what happens if …
@dataclass(frozen=True)
class Part:
    mode: str          # card | ledger
    amount: float      # yuan
    outcome: str       # key of OUTCOMES
    where: str         # remains | moves | choice | paid_out


@dataclass(frozen=True)
class BalanceOutcome:
    """What an event does to a balance kept on the card and in the ledger account [yuan]."""

    region: str
    day: dt.date
    event: str
    rule: dict                   # the event's data (label, clause, says, condition, fallback)
    parts: tuple[Part, ...]
    entry: Entry

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.entry.references

    def total(self, where: str) -> float:
        """Sum of the parts that end up ``where`` (remains, moves, choice, paid_out)."""
        return round(sum((p.amount for p in self.parts if p.where == where), 0.0), 2)

    @property
    def inherited(self) -> bool:
        """True where the event is the enrollee's death and the rules let the balance be inherited."""
        return self.event == "death" and bool(self.entry["ownership"]["inheritable"])


def what_happens(event: str, card_balance: float, ledger_balance: float,
                 day: dt.date | str, region: str = "hunan") -> BalanceOutcome:
    """What happens to the card and ledger balances if ``event`` happens on ``day``.

    Parameters
    ----------
    event : str
        A key of :func:`events` (e.g. ``death``, ``move_to_other_province``).
    card_balance, ledger_balance : float
        Balance on the 医保卡 card and in the 记账户 ledger account [yuan].
    day : date or str
    region : str
        A region with life-cycle rules (``hunan``).

    References
    ----------
    省本级职工医保个人账户政策解读 (审核结算部, 2023-10), quoting articles 41–42 of Hunan's
    implementing measures; data/regions_extra/hunan/account_lifecycle.yaml.
    """
    entry = rules_on(day, region)
    evs = entry["events"]
    if event not in evs:
        raise InvalidInput("event", event, "one of " + ", ".join(evs))
    balances = {"card": _check_money("card_balance", card_balance),
                "ledger": _check_money("ledger_balance", ledger_balance)}
    rule = evs[event]
    parts = tuple(Part(m, round(balances[m], 2), rule[m]["outcome"], WHERE[rule[m]["outcome"]])
                  for m in MODES)
    return BalanceOutcome(region, _day(day), event, rule, parts, entry)


def mode_facts(day: dt.date | str, region: str = "hunan") -> dict:
    """Card vs ledger on ``day``: where credits go, what new enrollees get, what does not change."""
    e = rules_on(day, region)
    m = e["modes"]
    return {"credits_go_to": m["credits_go_to"], "new_enrollees_get": m["new_enrollees_get"],
            "says": m["says"], "card": m["card"], "ledger": m["ledger"], "unchanged": m["unchanged"],
            "ownership": e["ownership"], "interest_rate": e["interest_rate"], "entry": e}


# --------------------------------------------------------------------------- projection
def project_balance(start: np.ndarray | float, credit_yearly: np.ndarray | float,
                    spending_yearly: np.ndarray | float, years: int,
                    interest_rate: float | None = None) -> dict[str, np.ndarray]:
    """Balance year by year: start (+ interest) + credit − what the account can pay.

    Works on arrays (one element per person) as on single numbers.

    Parameters
    ----------
    start : float or array
        Balance at the start of the first year [yuan].
    credit_yearly : float or array
        Credit into the account each year [yuan/year].
    spending_yearly : float or array
        Costs the enrollee pays from the account each year, as far as it holds [yuan/year].
    years : int
    interest_rate : float or None
        Yearly rate on the balance at the start of each year (share); ``None`` = no interest
        modelled (the data gives no rate).

    Returns
    -------
    dict with ``balance`` (years + 1 points: the start, then each year end), ``paid``,
    ``unpaid`` (left to pay in cash) and ``interest`` (each years long) [yuan].
    """
    b = np.asarray(start, dtype=float)
    credit = np.asarray(credit_yearly, dtype=float)
    spend = np.asarray(spending_yearly, dtype=float)
    rate = 0.0 if interest_rate is None else float(interest_rate)
    balance, paid, unpaid, interest = [b], [], [], []
    for _ in range(years):
        i = b * rate
        available = b + i + credit
        p = np.minimum(spend, np.maximum(available, 0.0))
        b = available - p
        balance.append(b)
        paid.append(p)
        unpaid.append(spend - p)
        interest.append(i)
    return {"balance": np.array(balance), "paid": np.array(paid), "unpaid": np.array(unpaid),
            "interest": np.array(interest)}


@dataclass(frozen=True)
class Projection:
    region: str
    date: dt.date
    enrollee: Enrollee
    start_balance: float
    spending_yearly: float
    years: tuple[int, ...]               # calendar years, first year first
    credit_old: float | None
    credit_new: float | None
    balance_old: tuple[float, ...] | None   # len(years) + 1 points
    balance_new: tuple[float, ...] | None
    unpaid_old: tuple[float, ...] | None
    unpaid_new: tuple[float, ...] | None
    interest_rate: float | None
    interest_entry: Entry | None
    comparison: Comparison
    unknown: tuple[dict, ...]
    notices: tuple[dict, ...]

    @property
    def gap(self) -> float | None:
        """New − old balance at the end [yuan]."""
        if self.balance_old is None or self.balance_new is None:
            return None
        return round(self.balance_new[-1] - self.balance_old[-1], 2)

    @property
    def references(self) -> tuple[Reference, ...]:
        refs: list[Reference] = []
        for s in self.comparison.trace:
            if s.key.startswith("credit_"):
                for r in s.references:
                    if r not in refs:
                        refs.append(r)
        if self.interest_entry is not None:
            for r in self.interest_entry.references:
                if r not in refs:
                    refs.append(r)
        return tuple(refs)


def balance_projection(region: str, date: dt.date | str, enrollee: Enrollee, start_balance: float,
                       spending_yearly: float, years: int = 10) -> Projection:
    """The account balance over ``years`` years with the old and with the new credit.

    Credits come from :func:`medinsure.compare.compare` (``region`` on ``date``); the same
    ``spending_yearly`` is paid from the account under both rules. Interest is added only
    where the region's life-cycle data gives a rate; otherwise none is modelled.
    """
    day = _day(date)
    start = _check_money("start_balance", start_balance)
    spend = _check_money("spending_yearly", spending_yearly)
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= YEARS_MAX:
        raise InvalidInput("years", years, f"a whole number from 1 to {YEARS_MAX}")
    c = compare(region, day, enrollee)
    rate, rate_entry = None, None
    if region in lifecycle_regions():
        pf = load_lifecycle(region)
        if day >= pf.entries[0].date:
            rate_entry = pf.at(day)
            rate = rate_entry["interest_rate"]
    notices = []
    if rate is None:
        notices.append(both("不计利息：数据中没有利率（湖南的解读材料提到“记账户”会计息，但未给出利率）。"
                            if rate_entry is not None else "不计利息：该地区的数据中没有利率。",
                            "No interest is modelled: the data gives no rate (the Hunan explainer says "
                            "the ledger account earns interest but gives no rate)."
                            if rate_entry is not None else
                            "No interest is modelled: the data for this region gives no rate."))
    notices.append(both("两种情形每年从账户支付同样的费用；账户不够时其余自付现金。划入额在各年保持所选日期的规则。",
                        "Both cases pay the same yearly costs from the account; what it cannot pay is "
                        "cash. Credits stay at the rules of the chosen date in every year."))
    unknown = []
    out: dict[str, tuple | None] = {}
    for regime in ("old", "new"):
        credit = getattr(c, f"credit_{regime}")
        if credit is None:
            out[f"balance_{regime}"] = out[f"unpaid_{regime}"] = None
            unknown.append({"field": f"credit_{regime}",
                            "note": both(f"{'改革前' if regime == 'old' else '改革后'}的账户划入本地区未知，该曲线不画。",
                                         f"The {'pre' if regime == 'old' else 'post'}-reform credit is not "
                                         "known for this region; that line is not drawn.")})
            continue
        r = project_balance(start, credit, spend, years, rate)
        out[f"balance_{regime}"] = tuple(round(float(x), 2) for x in r["balance"])
        out[f"unpaid_{regime}"] = tuple(round(float(x), 2) for x in r["unpaid"])
    return Projection(region=region, date=day, enrollee=enrollee, start_balance=start,
                      spending_yearly=spend, years=tuple(range(day.year, day.year + years)),
                      credit_old=c.credit_old, credit_new=c.credit_new,
                      balance_old=out["balance_old"], balance_new=out["balance_new"],
                      unpaid_old=out["unpaid_old"], unpaid_new=out["unpaid_new"],
                      interest_rate=rate, interest_entry=rate_entry, comparison=c,
                      unknown=tuple(unknown), notices=tuple(notices) + tuple(c.notices))


def seed_crediting(day: dt.date | str, region: str = "hunan") -> dict:
    """The crediting table the life-cycle document prints (to check against data/regions/)."""
    return dict(rules_on(day, region)["crediting"])


def describe(outcome: BalanceOutcome, lang: str = "zh") -> str:
    """One sentence: what happens to each part of the balance."""
    parts = []
    for p in outcome.parts:
        if p.amount <= 0:
            continue
        parts.append(f"{MODES[p.mode][lang]} {money(p.amount, lang)} "
                     f"{'元：' if lang == 'zh' else 'yuan: '}{OUTCOMES[p.outcome][lang]}")
    if not parts:
        return "余额为零。" if lang == "zh" else "The balance is zero."
    sep = "；" if lang == "zh" else "; "
    text = sep.join(parts)
    if outcome.inherited:
        text += ("（余额可依法继承）" if lang == "zh" else " (the balance may be inherited according to law)")
    return text + ("。" if lang == "zh" else ".")

"""The personal account's life cycle: what an event does to the card and ledger balances, and a
multi-year balance projection (old vs new credit).

The rules are read by :mod:`medinsure.rules.lifecycle`; the words are in
:mod:`medinsure.views.lifecycle`. The yearly credits come from :func:`medinsure.compare.compare`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee, check_money
from medinsure.errors import InvalidInput
from medinsure.rules.files import Entry, Reference

# the rules' names are re-exported: `from medinsure.lifecycle import …` keeps working
from medinsure.rules.lifecycle import (  # noqa: F401
    CASH,
    CONCEPT,
    FALLBACKS,
    MODES,
    OUTCOMES,
    OWNERS,
    as_day,
    events,
    lifecycle_dir,
    lifecycle_regions,
    load_lifecycle,
    rules_on,
)
from medinsure.rules.regions import Notice

WHERE = {  # where the money ends up, for the totals
    "stays": "remains", "receives_credits": "remains", "carries_over": "remains", "no_cash": "remains",
    "may_move_to_subaccount": "remains", "transfers": "moves", "keep_or_withdraw": "choice",
    "withdraw_once": "paid_out",
}

YEARS_MAX = 40              # input sanity bound: projection length



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
    balances = {"card": check_money("card_balance", card_balance),
                "ledger": check_money("ledger_balance", ledger_balance)}
    rule = evs[event]
    parts = tuple(Part(m, round(balances[m], 2), rule[m]["outcome"], WHERE[rule[m]["outcome"]])
                  for m in MODES)
    return BalanceOutcome(region, as_day(day), event, rule, parts, entry)


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
    unknown: tuple[dict, ...]    # {"field", "code", "args"}; words: views.lifecycle.unknown_text
    notices: tuple[Notice, ...]  # words: views.lifecycle.notice_text

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


def interest_on(region: str, day: dt.date) -> tuple[float | None, Entry | None]:
    """The yearly interest rate the region's life-cycle data gives on ``day`` (None: no rate),
    and the entry it comes from (None where the region has no life-cycle data on that day)."""
    if region not in lifecycle_regions():
        return None, None
    pf = load_lifecycle(region)
    if day < pf.entries[0].date:
        return None, None
    entry = pf.at(day)
    return entry["interest_rate"], entry


def balance_projection(region: str, date: dt.date | str, enrollee: Enrollee, start_balance: float,
                       spending_yearly: float, years: int = 10) -> Projection:
    """The account balance over ``years`` years with the old and with the new credit.

    Credits come from :func:`medinsure.compare.compare` (``region`` on ``date``); the same
    ``spending_yearly`` is paid from the account under both rules. Interest is added only
    where the region's life-cycle data gives a rate; otherwise none is modelled.
    """
    day = as_day(date)
    start = check_money("start_balance", start_balance)
    spend = check_money("spending_yearly", spending_yearly)
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= YEARS_MAX:
        raise InvalidInput("years", years, f"a whole number from 1 to {YEARS_MAX}")
    c = compare(region, day, enrollee)
    rate, rate_entry = interest_on(region, day)
    notices = []
    if rate is None:
        notices.append(Notice("lifecycle_no_interest", {"explainer": rate_entry is not None}))
    notices.append(Notice("lifecycle_same_spending", {}))
    unknown = []
    out: dict[str, tuple | None] = {}
    for regime in ("old", "new"):
        credit = getattr(c, f"credit_{regime}")
        if credit is None:
            out[f"balance_{regime}"] = out[f"unpaid_{regime}"] = None
            unknown.append({"field": f"credit_{regime}", "code": "credit_not_known", "args": {"regime": regime}})
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

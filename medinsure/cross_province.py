"""Cross-province family mutual aid (跨省共济) as a small state machine: a sharer's personal account,
its ring-fenced quotas for near relatives, spending, ending a link and the monthly settlement.

Every accepted step is kept as an :class:`Event` (data: action, amount, states, the rule's key and
the numbers a sentence needs); :mod:`medinsure.views.cross_province` puts it into words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from medinsure.enrollee import check_money
from medinsure.errors import DataError, InvalidInput
from medinsure.rules.family import as_date, check_relation, check_use, cross_province_rules, scope_on, uses_on

# English words for error messages only (InvalidInput text, as everywhere in the library)
_STATUS_EN = {"allowed": "may be paid", "explore": "only to be 'explored': depends on the area",
              "forbidden": "may not be paid", "not_listed": "not mentioned"}



def _yuan(v: float) -> str:
    return f"{v:,.2f}"


LINK_STATES = ("active", "ended", "dissolved")
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
    args: dict = field(default_factory=dict)   # what a sentence about it needs (use, unpaid, …)


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
        self.balance = check_money("balance", balance)
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
        v = check_money(name, amount)
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
             after: str | None, rule: str, **args) -> None:
        self.events.append(Event(self.today, action, beneficiary, round(amount, 2), before, after,
                                 rule, args))

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
        self._log("credit", None, v, None, None, "ring_fence")

    def link(self, beneficiary: str, relation: str, quota: float, day: dt.date | str,
             sharer_agrees: bool = True, beneficiary_agrees: bool = True) -> Link:
        """Set up a link with a near relative and ring-fence ``quota`` of the free balance."""
        self._advance(day)
        r = self.rules
        check_relation(relation)
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
            raise InvalidInput("quota", quota, f"at most the free balance {_yuan(self.balance)} yuan")
        if not r["ring_fenced"]:
            raise DataError(r.source, "ring_fenced", "the model implements ring-fenced quotas only")
        state = self._move(None, "link")
        link = Link(beneficiary, relation, q, q, state, self.today)
        self.balance -= q
        self.links[beneficiary] = link
        self._log("link", beneficiary, q, None, state, "relationship", relation=relation)
        return link

    def spend(self, beneficiary: str, amount: float, use: str, day: dt.date | str,
              allow_partial: bool = False) -> tuple[float, float]:
        """The beneficiary pays ``amount`` for ``use`` from their quota.

        Returns (paid from the quota, left for the beneficiary to pay) [yuan]. Over the quota:
        refused, or with ``allow_partial`` the quota pays what it has.
        """
        self._advance(day)
        check_use(use)
        link = self._link(beneficiary)
        if use not in self.rules["uses"]:
            status = uses_on(self.today)["uses"][use]
            raise InvalidInput("use", use, f"{_STATUS_EN[status]}: shared money pays only "
                               + ", ".join(self.rules["uses"]))
        v = self._amount("amount", amount)
        month = self.today.strftime("%Y-%m")
        if month in self.settled:
            raise InvalidInput("day", self.today.isoformat(), f"{month} is already settled")
        if v > link.remaining + 0.005 and not allow_partial:
            raise InvalidInput("amount", amount,
                               f"at most the remaining quota {_yuan(link.remaining)} yuan")
        paid = min(v, link.remaining)
        state = self._move(link, "spend")
        link.remaining = round(link.remaining - paid, 2)
        if paid > 0:
            self.spending.append((beneficiary, self.today, use, round(paid, 2)))
        self._log("spend", beneficiary, paid, link.state, state, "uses", use=use,
                  unpaid=round(v - paid, 2) if v - paid > 0.005 else 0.0)
        link.state = state
        return round(paid, 2), round(v - paid, 2)

    def sharer_spend(self, amount: float, day: dt.date | str, use: str = "medical_own_burden") -> float:
        """The sharer pays for their own care from the free balance only (not from quotas)."""
        self._advance(day)
        check_use(use)
        status = uses_on(self.today)["uses"][use]
        if status != "allowed":
            raise InvalidInput("use", use, _STATUS_EN[status])
        v = self._amount("amount", amount)
        if v > self.balance + 0.005:
            raise InvalidInput("amount", amount,
                               f"at most the free balance {_yuan(self.balance)} yuan; "
                               f"{_yuan(self.ring_fenced)} yuan is ring-fenced for beneficiaries")
        self.balance -= v
        self._log("sharer_spend", None, v, None, None, "ring_fence", use=use)
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
        self._log(event, link.beneficiary, back, before, state, "return")
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
            self._log("insurance_change", None, 0.0, None, None, "relationship", links="unaffected")
            return {}
        returned = {b: self._close(l, "insurance_change") for b, l in list(self.links.items())}
        if not returned:
            self._log("insurance_change", None, 0.0, None, None, "relationship", links="none")
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
        self._log("settle", None, s.total, None, None, "settlement", month=month)
        return s

    def state_of(self, beneficiary: str) -> str | None:
        """The current state of the (last) link with ``beneficiary``; None if there never was one."""
        if beneficiary in self.links:
            return self.links[beneficiary].state
        ended = [l for l in self.history if l.beneficiary == beneficiary]
        return ended[-1].state if ended else None

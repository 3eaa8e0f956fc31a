"""What the population model shows: results by group, where the money goes, how concentrated
the credits are, break-even by status, and the published figures beside the model.

All of it reads a :class:`medinsure.population.PopulationResult`; money is yuan/year per person
unless said otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from medinsure.break_even import BREAK_EVEN_STATUSES
from medinsure.errors import InvalidInput
from medinsure.population import PopulationResult
from medinsure.rules import STATUSES
from medinsure.rules.population import UNITS, published_figures


# --------------------------------------------------------------------------- results
def _round_fen(v: np.ndarray) -> np.ndarray:
    return np.round(v, 2)


def outcome_shares(gain: np.ndarray) -> tuple[float, float, float]:
    """Shares of people who gain, are unchanged (to the fen) and lose; NaN if any is unknown."""
    if gain.size == 0 or np.isnan(gain).any():
        return (math.nan,) * 3
    g = _round_fen(gain)
    return float((g > 0).mean()), float((g == 0).mean()), float((g < 0).mean())


def band_codes(values: np.ndarray, edges: tuple[float, ...]) -> np.ndarray:
    """Band index of each value: band k holds edges[k-1] <= v < edges[k]; NaN gives -1."""
    codes = np.searchsorted(np.asarray(edges, dtype=float), values, side="right")
    return np.where(np.isnan(values), -1, codes)


def quantile_edges(values: np.ndarray, quantiles: tuple[float, ...]) -> tuple[float, ...]:
    """Inner edges at the given quantiles of the known values (for quintiles etc.)."""
    v = values[~np.isnan(values)]
    return tuple(float(q) for q in np.quantile(v, quantiles)) if v.size else ()


@dataclass(frozen=True)
class GroupTable:
    """Results by group. Shares of people; means in yuan/year per person; NaN where unknown."""

    codes: tuple[int, ...]
    count: np.ndarray
    share_gaining: np.ndarray
    share_losing: np.ndarray
    mean_gain: np.ndarray
    mean_credit_change: np.ndarray
    mean_reimbursement_change: np.ndarray

    def rows(self) -> list[dict]:
        return [{"group": c, "count": int(self.count[i]), "share_gaining": float(self.share_gaining[i]),
                 "share_losing": float(self.share_losing[i]), "mean_gain": float(self.mean_gain[i]),
                 "mean_credit_change": float(self.mean_credit_change[i]),
                 "mean_reimbursement_change": float(self.mean_reimbursement_change[i])}
                for i, c in enumerate(self.codes)]


def _group_mean(codes: np.ndarray, v: np.ndarray, size: int, count: np.ndarray) -> np.ndarray:
    nan = np.isnan(v)
    total = np.bincount(codes, weights=np.where(nan, 0.0, v), minlength=size)
    unknown = np.bincount(codes, weights=nan, minlength=size) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(unknown | (count == 0), np.nan, total / count)


def group_table(r: PopulationResult, codes: np.ndarray, size: int,
                mask: np.ndarray | None = None) -> GroupTable:
    """Results for groups ``0..size-1`` given by ``codes`` (``-1`` = left out; ``mask`` keeps a subset)."""
    keep = codes >= 0 if mask is None else (codes >= 0) & mask
    c = codes[keep]
    v = {k: r.values[k][keep] for k in ("resources_gain", "credit_old", "credit_new",
                                         "reimbursement_old", "reimbursement_new")}
    count = np.bincount(c, minlength=size).astype(float)
    g = _round_fen(v["resources_gain"])
    unknown_g = np.isnan(g)
    mean_g = _group_mean(c, v["resources_gain"], size, count)
    share = {}
    for name, cond in (("gain", g > 0), ("lose", g < 0)):
        share[name] = _group_mean(c, np.where(unknown_g, np.nan, cond.astype(float)), size, count)
    return GroupTable(tuple(range(size)), count, share["gain"], share["lose"], mean_g,
                      _group_mean(c, v["credit_new"] - v["credit_old"], size, count),
                      _group_mean(c, v["reimbursement_new"] - v["reimbursement_old"], size, count))


@dataclass(frozen=True)
class MoneyFlows:
    """Yearly totals [yuan/year] for the modelled population, by status and for all
    (index ``len(STATUSES)``)."""

    count: np.ndarray
    credit_old: np.ndarray
    credit_new: np.ndarray
    reimbursement_old: np.ndarray
    reimbursement_new: np.ndarray
    account_paid_old: np.ndarray
    account_paid_new: np.ndarray
    contributions_old: np.ndarray      # own + employer contributions under the old rules

    @property
    def moved_from_accounts(self) -> np.ndarray:
        """Credit no longer paid into accounts (stays in the pooled fund) [yuan/year]."""
        return self.credit_old - self.credit_new

    @property
    def returned_as_reimbursement(self) -> np.ndarray:
        """Extra outpatient reimbursement paid by the pooled fund [yuan/year]."""
        return self.reimbursement_new - self.reimbursement_old

    @property
    def share_returned(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.returned_as_reimbursement / self.moved_from_accounts

    def per_enrollee(self, name: str) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return getattr(self, name) / self.count


def money_flows(r: PopulationResult) -> MoneyFlows:
    """Where the money goes in a year, by status and in total."""
    s = r.inputs.status
    size = len(STATUSES)

    def sums(v: np.ndarray) -> np.ndarray:
        per = np.bincount(s, weights=np.nan_to_num(v, nan=0.0), minlength=size)
        unknown = np.bincount(s, weights=np.isnan(v), minlength=size) > 0
        per = np.where(unknown, np.nan, per)
        return np.append(per, per.sum())

    count = np.bincount(s, minlength=size).astype(float)
    v = r.values
    return MoneyFlows(np.append(count, count.sum()), sums(v["credit_old"]), sums(v["credit_new"]),
                      sums(v["reimbursement_old"]), sums(v["reimbursement_new"]),
                      sums(v["account_paid_old"]), sums(v["account_paid_new"]),
                      sums(v["own_contribution_old"] + v["employer_contribution_old"]))


def top_shares(values: np.ndarray, fractions: tuple[float, ...]) -> np.ndarray:
    """Share of the total of ``values`` held by the top ``fractions`` of people (largest first);
    NaN if any value is unknown or the total is 0."""
    if values.size == 0 or np.isnan(values).any():
        return np.full(len(fractions), np.nan)
    v = np.sort(values)[::-1]
    total = v.sum()
    if total <= 0:
        return np.full(len(fractions), np.nan)
    cum = np.concatenate([[0.0], np.cumsum(v)])
    k = np.ceil(np.asarray(fractions) * v.size - 1e-6).astype(int)
    return cum[np.clip(k, 0, v.size)] / total


def unspent_credit(r: PopulationResult, regime: str) -> np.ndarray:
    """This year's credit left after this year's outpatient bill [yuan/year] — the yearly addition
    to an account from outpatient use alone (not the balance: earlier years are not modelled)."""
    return r.values[f"credit_{regime}"] - r.values[f"account_paid_{regime}"]


@dataclass(frozen=True)
class BreakEvenSummary:
    """Per status (and all, last): shares zero/found/never/unknown and quantiles of break-even
    spending [yuan/year], counting "zero" as 0 and "never" as infinite."""

    shares: np.ndarray       # (len(STATUSES)+1, 4)
    quantiles: np.ndarray    # (len(STATUSES)+1, len(q)); NaN where any is unknown


def break_even_summary(r: PopulationResult, q: tuple[float, ...]) -> BreakEvenSummary:
    if r.break_even_status is None:
        raise InvalidInput("with_break_even", False, "run the model with with_break_even=True")
    st, val = r.break_even_status, r.break_even
    v = np.where(st == BREAK_EVEN_STATUSES.index("never"), np.inf, val)
    shares, quants = [], []
    for m in [r.inputs.status == c for c in range(len(STATUSES))] + [np.ones(r.n, bool)]:
        k = st[m]
        shares.append(np.bincount(k, minlength=len(BREAK_EVEN_STATUSES)) / max(k.size, 1))
        if k.size == 0 or (k == BREAK_EVEN_STATUSES.index("unknown")).any():
            quants.append(np.full(len(q), np.nan))
        else:
            quants.append(np.quantile(v[m], q, method="inverted_cdf"))
    return BreakEvenSummary(np.array(shares), np.array(quants))


# --------------------------------------------------------------------------- reality check
@dataclass(frozen=True)
class Check:
    """One published figure beside the model's value for the same thing."""

    key: str
    year: int
    unit: str                  # of both values
    published: float
    model: float | None        # None: the model has no such number
    figures: tuple[dict, ...]  # the published figures used, with their references
    terms: dict                # what the explanation needs (years, values, the model's region and date)

    @property
    def ratio(self) -> float | None:
        """model ÷ published (None where the model has no value)."""
        if self.model is None or math.isnan(self.model) or self.published == 0:
            return None
        return self.model / self.published


def _scaled(per_person: dict[str, float], counts: dict[str, float]) -> float:
    """Σ per-person mean [yuan] × enrollees [10k persons], in 100m yuan."""
    total = sum(per_person[k] * counts[k] * UNITS["10k persons"] for k in counts)
    return total / UNITS["100m yuan"]


def _means_by_bulletin_group(r: PopulationResult, v: np.ndarray) -> dict[str, float]:
    """Per-person means for the bulletins' two groups: in service (employees and flexibly
    employed, as the bulletins count them) and retired."""
    retired = r.inputs.status == STATUSES.index("retired")
    return {"in_service": float(v[~retired].mean()) if (~retired).any() else math.nan,
            "retired": float(v[retired].mean()) if retired.any() else math.nan}


def _years(f: dict, name: str) -> list[int]:
    return sorted(y for (n, y) in f if n == name)


def reality_check(r: PopulationResult) -> list[Check]:
    """The published national and 湖南 figures beside the model scaled to the same enrollees.

    The model's per-person means (old rules for "before", new rules for "after") for in-service
    and retired enrollees are multiplied by the published numbers of each, so the published
    composition is used, not the model's. "Before" is the earliest year with a published
    personal-account income, "after" the latest; the years come from the data file. Each check's
    ``terms`` hold what its explanation needs (``medinsure.views.population.check_words``).
    """
    b = _basis(r)
    return [*_flow_checks(b), *_stock_checks(b), *_hunan_checks(b), _composition_check(b)]


@dataclass(frozen=True)
class _Basis:
    """What the checks share: the published figures, the model's per-person means for the
    bulletins' two groups and the model's rules (region and date)."""

    r: PopulationResult
    f: dict
    means: dict[str, dict[str, float]]     # old, new, paid_new, moved
    rules: dict                            # {"region": {zh, en}, "date": the rules date}
    share_model: float                     # old-rule credit ÷ own and employer contributions

    def fig(self, name: str, year: int | None = None, latest: bool = True) -> dict:
        years = _years(self.f, name)
        return self.f[(name, year if year is not None else (years[-1] if latest else years[0]))]

    def counts(self, year: int) -> dict[str, float]:
        return {"in_service": self.fig("employee_in_service", year)["value"],
                "retired": self.fig("employee_retired", year)["value"]}


def _basis(r: PopulationResult) -> _Basis:
    v = r.values
    means = {"old": _means_by_bulletin_group(r, v["credit_old"]),
             "new": _means_by_bulletin_group(r, v["credit_new"]),
             "paid_new": _means_by_bulletin_group(r, v["account_paid_new"]),
             "moved": _means_by_bulletin_group(r, v["credit_old"] - v["credit_new"])}
    flows = money_flows(r)
    share_model = float(flows.credit_old[-1] / flows.contributions_old[-1])
    return _Basis(r, published_figures(), means, {"region": r.ruleset.region.name, "date": r.date},
                  share_model)


def _flow_checks(b: _Basis) -> list[Check]:
    """Account income before and after the reform, spending and the yearly surplus after it."""
    fig, counts = b.fig, b.counts
    old, new, paid_new = b.means["old"], b.means["new"], b.means["paid_new"]
    inc_b = fig("account_income", latest=False)
    yb = inc_b["year"]
    inc_a = fig("account_income")
    ya = inc_a["year"]
    sp_a = fig("account_spending", ya)
    a_counts = (fig("employee_in_service", ya), fig("employee_retired", ya))
    return [
        Check("account_income_before", yb, "100m yuan", inc_b["value"], _scaled(old, counts(yb)),
              (inc_b, fig("fund_income", yb), fig("pooled_income", yb), fig("employee_in_service", yb),
               fig("employee_retired", yb)), {**b.rules, "year": yb}),
        Check("account_income_after", ya, "100m yuan", inc_a["value"], _scaled(new, counts(ya)),
              (inc_a, *a_counts), {**b.rules, "year": ya}),
        Check("account_spending_after", ya, "100m yuan", sp_a["value"], _scaled(paid_new, counts(ya)),
              (sp_a, *a_counts), {}),
        Check("account_net_after", ya, "100m yuan", inc_a["value"] - sp_a["value"],
              _scaled(new, counts(ya)) - _scaled(paid_new, counts(ya)), (inc_a, sp_a), {}),
    ]


def _stock_checks(b: _Basis) -> list[Check]:
    """The accounts' balance, their share of the fund's income and (湖南) of its balance."""
    f, fig = b.f, b.fig
    inc_b = fig("account_income", latest=False)
    yb = inc_b["year"]
    balances = [f[("account_balance", y)] for y in _years(f, "account_balance")]
    b0, b1 = balances[-2], balances[-1]
    fund_b = fig("fund_income", yb)
    hs = fig("hunan_account_share")
    return [
        Check("account_balance", b1["year"], "100m yuan", b1["value"], None, tuple(balances),
              {"year_before": b0["year"], "balance_before": b0["value"], "year": b1["year"],
               "balance": b1["value"]}),
        Check("account_share_of_income", yb, "share", inc_b["value"] / fund_b["value"], b.share_model,
              (inc_b, fund_b), {"account_income": inc_b["value"], "fund_income": fund_b["value"]}),
        Check("hunan_account_share", hs["year"], "share", hs["value"], None,
              (hs, fig("hunan_account_balance", hs["year"]), fig("hunan_fund_balance", hs["year"])),
              {"year": hs["year"], "share_model": b.share_model, "share": hs["value"]}),
    ]


def _hunan_checks(b: _Basis) -> list[Check]:
    """湖南: money moved into outpatient protection, retirees with a low credit."""
    fig, r = b.fig, b.r
    hm = fig("hunan_moved_to_outpatient")
    h_all, h_ret = fig("hunan_enrollees"), fig("hunan_retired")
    hunan_counts = {"in_service": h_all["value"] - h_ret["value"], "retired": h_ret["value"]}
    low, thr = fig("hunan_retired_low_credit"), fig("hunan_low_credit_threshold")
    retired = r.inputs.status == STATUSES.index("retired")
    model_low = float((r.values["credit_old"][retired] < thr["value"]).mean()) if retired.any() else math.nan
    return [
        Check("hunan_moved", hm["year"], "100m yuan", hm["value"], _scaled(b.means["moved"], hunan_counts),
              (hm, h_all, h_ret), dict(b.rules)),
        Check("hunan_low_credit", low["year"], "share", low["value"] / h_ret["value"], model_low,
              (low, h_ret, thr), {**b.rules, "threshold": thr["value"]}),
    ]


def _composition_check(b: _Basis) -> Check:
    """In-service to retired enrollees: an input of the model, so it matches by construction."""
    fig = b.fig
    yb = fig("account_income", latest=False)["year"]
    working, retired = b.counts(yb).values()
    share_r = b.r.assumptions.share_retired
    return Check("in_service_to_retired", yb, "ratio", working / retired,
                 (1 - share_r) / share_r if share_r else None,
                 (fig("employee_in_service", yb), fig("employee_retired", yb)), {"year": yb})


# --------------------------------------------------------------------------- one summary
@dataclass(frozen=True)
class Summary:
    """The results the app and the notebook show, for the reporting bands given."""

    shares: tuple[float, float, float]          # gain, unchanged, lose (all enrollees)
    mean_gain: float                            # yuan/year per person
    by_status: GroupTable
    age_edges: tuple[float, ...]
    by_age: dict[str, GroupTable]               # status -> table over age bands
    wage_edges: tuple[float, ...]               # in-service wage quantile edges [yuan/month]
    by_wage: GroupTable
    pension_edges: tuple[float, ...]            # retirees' pension quantile edges [yuan/month]
    by_pension: GroupTable
    spending_edges: tuple[float, ...]
    by_spending: GroupTable
    flows: MoneyFlows
    top_fractions: tuple[float, ...]
    concentration: dict[str, np.ndarray]        # "credit_old", "credit_new", "unspent_old", "unspent_new"
    break_even: BreakEvenSummary | None


def summarise(r: PopulationResult, age_edges: tuple[float, ...], spending_edges: tuple[float, ...],
              quantiles: tuple[float, ...], top_fractions: tuple[float, ...],
              break_even_quantiles: tuple[float, ...]) -> Summary:
    """Everything the app shows, in one pass over the arrays.

    Parameters
    ----------
    age_edges, spending_edges : tuple of float
        Inner band edges [years], [yuan/year]; a band holds edges[k-1] <= v < edges[k].
    quantiles : tuple of float
        Inner quantiles for the wage (in service) and pension (retired) bands, e.g. quintiles.
    top_fractions : tuple of float
        Shares of people for the concentration of credits (e.g. the top 10%).
    break_even_quantiles : tuple of float
    """
    x = r.inputs
    status_codes = x.status.astype(np.int64)
    in_service = x.status == STATUSES.index("in_service")
    retired = x.status == STATUSES.index("retired")
    age_codes = band_codes(x.age.astype(float), age_edges)
    wage_edges = quantile_edges(np.where(in_service, x.wage, np.nan), quantiles)
    pension_edges = quantile_edges(np.where(retired, x.pension, np.nan), quantiles)
    wage_codes = np.where(in_service, band_codes(x.wage, wage_edges), -1)
    pension_codes = np.where(retired, band_codes(x.pension, pension_edges), -1)
    spend_codes = band_codes(x.outpatient, spending_edges)
    n_age, n_q, n_s = len(age_edges) + 1, len(quantiles) + 1, len(spending_edges) + 1
    g = r.gain
    return Summary(
        shares=outcome_shares(g),
        mean_gain=float(g.mean()),
        by_status=group_table(r, status_codes, len(STATUSES)),
        age_edges=tuple(age_edges),
        by_age={s: group_table(r, age_codes, n_age, x.status == c) for c, s in enumerate(STATUSES)},
        wage_edges=wage_edges, by_wage=group_table(r, wage_codes, n_q),
        pension_edges=pension_edges, by_pension=group_table(r, pension_codes, n_q),
        spending_edges=tuple(spending_edges), by_spending=group_table(r, spend_codes, n_s),
        flows=money_flows(r), top_fractions=tuple(top_fractions),
        concentration={f"{kind}_{regime}": top_shares(v, top_fractions)
                       for regime in ("old", "new")
                       for kind, v in (("credit", r.values[f"credit_{regime}"]),
                                       ("unspent", unspent_credit(r, regime)))},
        break_even=(break_even_summary(r, break_even_quantiles)
                    if r.break_even_status is not None else None))

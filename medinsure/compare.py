"""Old vs new: account credit, outpatient reimbursement, resources gain, cash burden, break-even.

``compute`` works on arrays (a population); ``compare`` is the one-person case of the same
code plus the explanation trace.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from medinsure.views import words
from medinsure.bands import band_for, uses_retirement_year
from medinsure.break_even import break_even_one
from medinsure.contributions import contribution_base, fixed_per_year, share_per_year
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.views.words import both, money, rate
from medinsure.outpatient import PoolingParameters, needs_visits, outpatient_outcome, pooling_parameters
from medinsure.personal_account import credit_for_rule, credit_yearly
from medinsure.rules import LEVELS, STATUSES, Entry, Region, RuleSet, Rules, rules_for, rules_on
from medinsure.rules.employee import BySpending, PerLevelDeductible, PerVisitDeductible
from medinsure.trace import Step, step_from_entries, step_from_steps

@dataclass(frozen=True)
class Inputs:
    """Enrollees as arrays (one element per person)."""

    status: np.ndarray          # codes into rules.STATUSES
    age: np.ndarray
    wage: np.ndarray            # yuan/month, NaN = not given
    pension: np.ndarray         # yuan/month, NaN = not given
    retirement_year: np.ndarray  # NaN = not given
    outpatient: np.ndarray      # in-scope yuan/year
    out_of_scope: np.ndarray    # yuan/year
    level: np.ndarray           # codes into rules.LEVELS
    visits: np.ndarray = None   # type: ignore[assignment]  # outpatient visits a year, NaN = not given
    account_available: np.ndarray = None  # type: ignore[assignment]  # yuan, NaN = this year's credit
    frozen_credit: np.ndarray = None  # type: ignore[assignment]  # yuan/month, NaN = from the rule
    flexible_retiree: np.ndarray = None  # type: ignore[assignment]  # bool

    def __post_init__(self) -> None:
        nan = np.full(np.shape(self.age), np.nan)
        for name in ("visits", "account_available", "frozen_credit"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, nan.copy())
        if self.flexible_retiree is None:
            object.__setattr__(self, "flexible_retiree", np.zeros(np.shape(self.age), bool))

    @classmethod
    def from_enrollees(cls, people: list[Enrollee]) -> "Inputs":
        def arr(vals, dtype=float):
            return np.array([np.nan if v is None else v for v in vals], dtype=dtype)
        return cls(
            status=np.array([STATUSES.index(p.status) for p in people], dtype=np.int8),
            age=np.array([p.age for p in people], dtype=np.int64),
            wage=arr([p.wage_monthly for p in people]),
            pension=arr([p.pension_monthly for p in people]),
            retirement_year=arr([p.retirement_year for p in people]),
            outpatient=arr([p.outpatient_yearly for p in people]),
            out_of_scope=arr([p.out_of_scope_yearly for p in people]),
            level=np.array([LEVELS.index(p.level) for p in people], dtype=np.int8),
            visits=arr([p.visits_yearly for p in people]),
            account_available=arr([p.account_available for p in people]),
            frozen_credit=arr([p.frozen_credit_monthly for p in people]),
            flexible_retiree=np.array([p.flexible_retiree for p in people], dtype=bool))

    def with_outpatient(self, spending: np.ndarray) -> "Inputs":
        """The first person, repeated once per value of ``spending``."""
        n = len(spending)
        rep = {k: np.repeat(getattr(self, k)[:1], n) for k in self.__dataclass_fields__}
        rep["outpatient"] = np.asarray(spending, dtype=float)
        return Inputs(**rep)


def _base(rules: Rules, x: Inputs) -> np.ndarray:
    """Contribution base [yuan/month]; flexible enrollees without a wage use the default base."""
    b = rules.base
    flexible_default = b.flexible_base_monthly
    wage = np.where((x.status == STATUSES.index("flexible")) & np.isnan(x.wage),
                    np.nan if flexible_default is None else flexible_default, x.wage)
    return contribution_base(wage, b.floor_monthly, b.ceiling_monthly)


def _contributions(rules: Rules, x: Inputs, base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(own contribution, employer contribution) per year under these rules."""
    c = rules.rates
    s = x.status
    own = np.select(
        [s == 0, s == 1, s == 2],
        [share_per_year(base, c.employee_rate) + fixed_per_year(c.employee_fixed_monthly),
         np.full(np.shape(base), fixed_per_year(c.retiree_fixed_monthly)),
         share_per_year(base, c.flexible_rate) + fixed_per_year(c.flexible_fixed_monthly)])
    employer = np.where(s == 0, share_per_year(base, c.employer_rate), 0.0)
    return own, employer


def _frozen_amounts(region: Region, x: Inputs, status_name: str):
    """For a ``frozen_own`` credit rule: each person's own monthly amount where given, else the
    rule in force on the freeze date applied to the person as entered (南京: retirees keep their
    December-2022 credit; the pension of that month is taken to be the one entered)."""
    def amounts(rule) -> np.ndarray:
        then = rules_on(region, rule.as_of)
        frozen_rule = then.account.rule_for(status_name, False)
        if frozen_rule.kind == "frozen_own":
            computed = np.full(np.shape(x.age), np.nan)
        else:
            computed = credit_for_rule(frozen_rule, x.age, _base(then, x), x.pension, x.retirement_year) / 12
        return np.where(np.isnan(x.frozen_credit), computed, x.frozen_credit)
    return amounts


def _regime(rules: Rules, x: Inputs, region: Region) -> dict[str, np.ndarray]:
    base = _base(rules, x)
    credit = np.full(np.shape(x.age), np.nan)
    for code, name in enumerate(STATUSES):
        mask = x.status == code
        if mask.any():
            part = credit_yearly(rules.account, x.status, x.age, base, x.pension, x.retirement_year,
                                 _frozen_amounts(region, x, name), x.flexible_retiree)
            credit = np.where(mask, part, credit)
    params = pooling_parameters(rules.pooling, x.status, x.age, x.retirement_year, x.level, x.visits)
    available = np.where(np.isnan(x.account_available), credit, x.account_available)
    out = outpatient_outcome(params, x.outpatient, x.out_of_scope, available)
    own, employer = _contributions(rules, x, base)
    return {"base": base, "credit": credit, "reimbursement": out.reimbursement,
            "account_paid": out.account_paid, "cash": out.cash,
            "own_contribution": own, "employer_contribution": employer,
            "params": params}


def compute(rs: RuleSet, x: Inputs) -> dict[str, np.ndarray]:
    """The old-vs-new comparison for everyone in ``x`` [yuan/year]; NaN where not known."""
    old, new = _regime(rs.old, x, rs.region), _regime(rs.new, x, rs.region)
    res: dict[str, np.ndarray] = {}
    for k in ("base", "credit", "reimbursement", "account_paid", "cash",
              "own_contribution", "employer_contribution"):
        res[f"{k}_old"], res[f"{k}_new"] = old[k], new[k]
    res["gain_from_account"] = new["credit"] - old["credit"]
    res["gain_from_pooling"] = new["reimbursement"] - old["reimbursement"]
    res["resources_gain"] = res["gain_from_account"] + res["gain_from_pooling"]
    res["cash_gain"] = old["cash"] - new["cash"]
    res["params_old"], res["params_new"] = old["params"], new["params"]  # type: ignore[assignment]
    return res


def resources_gain_curve(rs: RuleSet, x: Inputs, spending: np.ndarray) -> np.ndarray:
    """Resources gain of the first person in ``x`` at each yearly in-scope spending."""
    return compute(rs, x.with_outpatient(spending))["resources_gain"]


def break_even(rs: RuleSet, x: Inputs) -> tuple[str, float | None]:
    """Smallest yearly in-scope spending at which the resources gain is >= 0 (the first person
    of ``x``; see :mod:`medinsure.break_even`).

    Returns (status, value): ``("zero", 0.0)`` when even no spending breaks even,
    ``("found", s)``, ``("never", None)`` or ``("unknown", None)``.
    """
    return break_even_one(x, compute(rs, x.with_outpatient(x.outpatient[:1])))


# --------------------------------------------------------------------------- one person
@dataclass(frozen=True)
class Comparison:
    """The comparison for one enrollee; money in yuan/year, None where not known."""

    region: str
    date: dt.date
    old_date: dt.date
    enrollee: Enrollee
    credit_old: float | None
    credit_new: float | None
    reimbursement_old: float | None
    reimbursement_new: float | None
    resources_gain: float | None
    gain_from_account: float | None
    gain_from_pooling: float | None
    cash_old: float | None
    cash_new: float | None
    cash_gain: float | None
    break_even_status: str
    break_even_outpatient: float | None
    contributions: dict
    trace: tuple[Step, ...]
    unknown: tuple[dict, ...]
    notices: tuple
    ruleset: RuleSet = field(repr=False, compare=False)

    def to_dict(self, lang: str | None = None) -> dict:
        keys = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new",
                "resources_gain", "gain_from_account", "gain_from_pooling", "cash_old", "cash_new",
                "cash_gain", "break_even_status", "break_even_outpatient")
        d = {"region": self.region, "date": self.date.isoformat(),
             "old_rules_date": self.old_date.isoformat(), "unit": "yuan/year",
             "enrollee": {k: getattr(self.enrollee, k) for k in self.enrollee.__dataclass_fields__}}
        d.update({k: getattr(self, k) for k in keys})
        d["contributions"] = self.contributions
        d["unknown"] = [u if lang is None else {"field": u["field"], "note": u["note"][lang]}
                        for u in self.unknown]
        d["notices"] = [{"zh": n["zh"], "en": n["en"]} if lang is None else n[lang] for n in self.notices]
        d["trace"] = [s.to_dict(lang) for s in self.trace]
        return d


def _num(a: np.ndarray) -> float | None:
    v = float(a[0])
    return None if math.isnan(v) else round(v, 2)


def _check_needs(rs: RuleSet, e: Enrollee) -> None:
    """Refuse an enrollee the rules cannot compute for, naming the missing input."""
    for rules in (rs.old, rs.new):
        rule = rules.account.rule_for(e.status, e.flexible_retiree)
        if rule.kind == "frozen_own" and e.frozen_credit_monthly is None:
            rule = rules_on(rs.region, rule.as_of).account.rule_for(e.status)
        if rule.kind == "share_of_pension" and e.pension_monthly is None:
            raise InvalidInput("pension_monthly", None,
                               f"required: the {rs.region.slug} rule of {rules.personal_account.date} "
                               "credits a share of the own pension (yuan/month)")
        needs_year = uses_retirement_year(getattr(rule, "bands", None))
        op = rules.pooling
        if op.kind == "pooled":
            group = op.group_for(e.status)
            if group in STATUSES:
                needs_year |= any(uses_retirement_year(part.for_group(group))
                                  for part in (op.deductible, op.ratio, op.cap))
            # with no bill the per-visit deductible cannot matter (the break-even is then unknown)
            if needs_visits(op, e.status) and e.visits_yearly is None and e.outpatient_yearly > 0:
                raise InvalidInput("visits_yearly", None,
                                   f"required: the {rs.region.slug} rules of {rules.outpatient_pooling.date} "
                                   "charge the deductible per visit (visits a year, 0 to 1000)")
        if needs_year and e.retirement_year is None:
            raise InvalidInput("retirement_year", None,
                               f"required: the {rs.region.slug} rules of {rules.day} depend on the "
                               "year of retirement")


def compare(region: str, date: dt.date | str, enrollee: Enrollee,
            old_date: dt.date | str | None = None) -> Comparison:
    """Compare old and new rules for one enrollee, with the trace.

    Parameters
    ----------
    region : str
        Region slug (``medinsure regions`` lists them).
    date : date or str
        The rules in force that day are "new"; "old" are those of the day before the region's
        account reform.
    enrollee : Enrollee
    old_date : date or str, optional
        Another baseline for "old" (the rules in force that day).
    """
    if not isinstance(enrollee, Enrollee):
        raise InvalidInput("enrollee", type(enrollee).__name__, "an Enrollee(status=…, age=…, …)")
    rs = rules_for(region, date, old_date)
    _check_needs(rs, enrollee)
    x = Inputs.from_enrollees([enrollee])
    r = compute(rs, x)
    be_status, be_value = break_even(rs, x)
    steps, unknown = _trace(rs, enrollee, r, be_status, be_value)
    contributions = {
        "own_old": _num(r["own_contribution_old"]), "own_new": _num(r["own_contribution_new"]),
        "employer_old": _num(r["employer_contribution_old"]),
        "employer_new": _num(r["employer_contribution_new"]),
    }
    return Comparison(
        region=region, date=rs.date, old_date=rs.old.day, enrollee=enrollee,
        credit_old=_num(r["credit_old"]), credit_new=_num(r["credit_new"]),
        reimbursement_old=_num(r["reimbursement_old"]), reimbursement_new=_num(r["reimbursement_new"]),
        resources_gain=_num(r["resources_gain"]), gain_from_account=_num(r["gain_from_account"]),
        gain_from_pooling=_num(r["gain_from_pooling"]), cash_old=_num(r["cash_old"]),
        cash_new=_num(r["cash_new"]), cash_gain=_num(r["cash_gain"]),
        break_even_status=be_status, break_even_outpatient=be_value,
        contributions=contributions, trace=tuple(steps), unknown=tuple(unknown),
        notices=rs.notices, ruleset=rs)


# --------------------------------------------------------------------------- trace
_REGIME = {"old": both("改革前", "before the reform"), "new": both("改革后", "after the reform")}


def _entry_note(e: Entry) -> dict:
    return e.note or both("数据中未给出说明。", "No note in the data.")


def _credit_formula(rule, e: Enrollee, base: float, lang: str, frozen: float | None = None) -> str:
    """The credit rule applied to this person, in words."""
    kind = rule.kind
    zh = lang == "zh"
    if kind == "none":
        return "不建个人账户，不划入" if zh else "no personal account is credited"
    if kind == "unknown":
        return words.UNKNOWN[lang]
    if kind == "frozen_own":
        src = ("本人填写" if e.frozen_credit_monthly is not None else f"按 {rule.as_of} 的规则计算") if zh else \
              ("as entered" if e.frozen_credit_monthly is not None else f"from the rule of {rule.as_of}")
        return (f"冻结为本人 {rule.as_of} 的月划入额 {money(frozen)} 元（{src}）× 12" if zh else
                f"frozen at the own monthly credit of {rule.as_of}, {money(frozen, 'en')} yuan ({src}) × 12")
    band = band_for(rule.bands, e.age, e.retirement_year) or rule.bands[0]
    cond = words.band_text(band.conditions(), lang)
    cond = f"（{cond}）" if cond and zh else (f" ({cond})" if cond else "")
    if kind == "fixed":
        if rule.unit == "yuan/month":
            return (f"定额 {money(band.amount)} 元/月 × 12{cond}" if zh
                    else f"fixed {money(band.amount)} yuan/month × 12{cond}")
        return f"定额 {money(band.amount)} 元/年{cond}" if zh else f"fixed {money(band.amount)} yuan/year{cond}"
    r = rate(band.rate)
    if kind == "share_of_base":
        return (f"缴费基数 {money(base)} 元/月 × {r} × 12{cond}" if zh
                else f"contribution base {money(base, 'en')} yuan/month × {r} × 12{cond}")
    if kind == "share_of_pension":
        return (f"本人养老金 {money(e.pension_monthly)} 元/月 × {r} × 12{cond}" if zh
                else f"own pension {money(e.pension_monthly, 'en')} yuan/month × {r} × 12{cond}")
    factor = rule.factor
    f_txt = "" if factor == 1 else f" × {rate(factor)}"
    return (f"{rule.amount_label.zh} {money(rule.amount)} 元/月{f_txt} × {r} × 12{cond}" if zh
            else f"{rule.amount_label.en} {money(rule.amount, 'en')} yuan/month{f_txt} × {r} × 12{cond}")


def _deductible_words(op, e: Enrollee, d: float, lang: str) -> str:
    """How the deductible of this person came about, where it is not a plain yearly amount."""
    zh = lang == "zh"
    group = op.group_for(e.status)
    v = op.deductible.for_group(group) if group in STATUSES else None
    lvl = words.LEVEL[e.level][lang]
    if isinstance(v, PerVisitDeductible):
        per = money(v.amounts.at(e.level), lang)
        return (f"起付线 每次 {per} × {e.visits_yearly} 次 = {money(d)}" if zh else
                f"deductible {per} a visit × {e.visits_yearly} visits = {money(d, 'en')}")
    if isinstance(v, PerLevelDeductible):
        return f"{lvl}起付线 {money(d)}" if zh else f"deductible at a {lvl} {money(d, 'en')}"
    return f"起付线 {money(d)}" if zh else f"deductible {money(d, 'en')}"


def _pooling_formula(op, p: PoolingParameters, e: Enrollee, account: float | None,
                     reimb: float | None, lang: str) -> str:
    zh = lang == "zh"
    bill = money(e.outpatient_yearly, lang)
    if op.kind == "none":
        return "当时没有职工普通门诊统筹，统筹基金支付 0" if zh else "no general outpatient pooling then: the fund pays 0"
    if op.kind == "unknown" or not bool(p.known[0]):
        return words.UNKNOWN[lang]
    if not bool(p.has_pooling[0]):
        return "该类人员不享受普通门诊统筹" if zh else "this group has no general outpatient pooling"
    d, cap = float(p.deductible[0]), float(p.cap[0])
    lvl = words.LEVEL[e.level][lang]
    segs = [(up, float(r[0])) for up, r in p.segments]
    ra = segs[0][1]
    extra = []
    group = op.group_for(e.status)
    ratio_rule = op.ratio.for_group(group)
    if isinstance(ratio_rule, BySpending) and len(segs) > 1:
        parts, lo = [], 0.0
        for up, r in segs:
            span = (f"{money(lo)}–{money(up)} 元" if zh else f"{money(lo, 'en')}–{money(up, 'en')}") \
                if np.isfinite(up) else (f"{money(lo)} 元以上" if zh else f"above {money(lo, 'en')}")
            parts.append(f"{span} {rate(r)}")
            lo = up
        extra.append(("分段：" if zh else "by spending: ") + ("；" if zh else "; ").join(parts))
    elif op.beyond_cap is not None and group in op.beyond_cap.groups() and p.beyond_ratio is not None:
        br = float(p.beyond_ratio[0])
        extra.append(f"基金支付达 {money(cap)} 后，超出部分按 {rate(br)}、上不封顶" if zh else
                     f"once the fund has paid {money(cap, 'en')}, further spending at {rate(br)} without limit")
    if p.ceiling is not None:
        c = float(p.ceiling[0])
        extra.append(f"计入费用最高 {money(c)}" if zh else f"spending counted up to {money(c, 'en')}")
    more = ("；" if zh else "; ").join(extra)
    more = (f"；{more}" if zh else f"; {more}") if more else ""
    cap_txt = money(cap, lang) if not (op.beyond_cap is not None and group in op.beyond_cap.groups()) else (
        "见上" if zh else "see above")
    ded = _deductible_words(op, e, d, lang)
    if p.account_first:
        acct = money(account, lang)
        return (f"账户先付 {acct}；再自付起付段 {money(d)}；其余在{lvl}按 {rate(ra)} 报销{more}，封顶 {cap_txt} → {money(reimb)}"
                if zh else
                f"account pays first {acct}; then a cash segment of {money(d, 'en')}; the rest at a "
                f"{lvl} is reimbursed at {rate(ra)}{more}, cap {cap_txt} → {money(reimb, 'en')}")
    if ded.startswith(("起付线 ", "deductible ")) and not isinstance(op.deductible.for_group(group), PerVisitDeductible):
        ded = f"起付线 {money(d)}" if zh else f"deductible {money(d, 'en')}"
    return (f"(门诊费用 {bill} − {ded}) × {lvl}报销比例 {rate(ra)}{more}，封顶 {cap_txt} → {money(reimb)}"
            if zh else
            f"(bill {bill} − {ded}) × {rate(ra)} at a {lvl}{more}, "
            f"cap {cap_txt} → {money(reimb, 'en')}")


def _trace(rs: RuleSet, e: Enrollee, r: dict, be_status: str,
           be_value: float | None) -> tuple[list[Step], list[dict]]:
    steps: list[Step] = []
    unknown: list[dict] = []
    lab = words.STATUS[e.status]
    by_regime = {}
    for regime, rules in (("old", rs.old), ("new", rs.new)):
        R = _REGIME[regime]
        base = _num(r[f"base_{regime}"])
        if e.status != "retired":
            b = rules.base
            formula = both(
                f"工资 {money(e.wage_monthly)} 元/月，限于下限 {money(b.floor_monthly)} 与上限 {money(b.ceiling_monthly)} 之间",
                f"wage {money(e.wage_monthly, 'en')} yuan/month, held between the floor "
                f"{money(b.floor_monthly, 'en')} and the ceiling {money(b.ceiling_monthly, 'en')}")
            if e.status == "flexible" and e.wage_monthly is None:
                formula = both(f"未填工资，取默认灵活就业缴费基数 {money(b.flexible_base_monthly)} 元/月",
                               f"no wage given: the default flexible base {money(b.flexible_base_monthly, 'en')} yuan/month")
            steps.append(step_from_entries(
                f"base_{regime}", both(f"{R['zh']}缴费基数", f"Contribution base {R['en']}"),
                base, "yuan/month", formula, rules.contribution_base))
        pa = rules.personal_account
        rule = rules.account.rule_for(e.status, e.flexible_retiree)
        credit = _num(r[f"credit_{regime}"])
        frozen = None if credit is None else credit / 12
        used = [pa]
        if rule.kind == "frozen_own" and e.frozen_credit_monthly is None:
            used.append(rules_on(rs.region, rule.as_of).personal_account)
        s_credit = step_from_entries(
            f"credit_{regime}", both(f"{R['zh']}个人账户划入（{lab['zh']}）",
                                     f"Account credit {R['en']} ({lab['en']})"),
            credit, "yuan/year",
            both(_credit_formula(rule, e, base or 0.0, "zh", frozen) + f" = {money(credit)}",
                 _credit_formula(rule, e, base or 0.0, "en", frozen) + f" = {money(credit, 'en')}"), *used)
        steps.append(s_credit)
        if credit is None:
            unknown.append({"field": f"credit_{regime}", "note": _entry_note(pa)})
        op = rules.outpatient_pooling
        p = r[f"params_{regime}"]
        reimb = _num(r[f"reimbursement_{regime}"])
        acct_used = _num(r[f"account_paid_{regime}"])
        s_reimb = step_from_entries(
            f"reimbursement_{regime}",
            both(f"{R['zh']}门诊统筹报销", f"Outpatient pooling reimbursement {R['en']}"),
            reimb, "yuan/year",
            both(_pooling_formula(op.value, p, e, acct_used, reimb, "zh"),
                 _pooling_formula(op.value, p, e, acct_used, reimb, "en")), op)
        steps.append(s_reimb)
        if reimb is None:
            unknown.append({"field": f"reimbursement_{regime}", "note": _entry_note(op)})
        cash = _num(r[f"cash_{regime}"])
        acct = _num(r[f"account_paid_{regime}"])
        s_cash = step_from_steps(
            f"cash_{regime}", both(f"{R['zh']}当年现金自付", f"Cash paid this year {R['en']}"),
            cash, "yuan/year",
            both(f"门诊费用 {money(e.outpatient_yearly)} − 统筹支付 {money(reimb)} − 当年账户支付 {money(acct)}"
                 f" + 政策范围外 {money(e.out_of_scope_yearly)} = {money(cash)}",
                 f"bill {money(e.outpatient_yearly, 'en')} − pooled fund {money(reimb, 'en')} − this year's "
                 f"account credit used {money(acct, 'en')} + out of scope {money(e.out_of_scope_yearly, 'en')}"
                 f" = {money(cash, 'en')}"),
            s_credit, s_reimb)
        steps.append(s_cash)
        by_regime[regime] = (s_credit, s_reimb, s_cash)
    (c_old, r_old, k_old), (c_new, r_new, k_new) = by_regime["old"], by_regime["new"]
    g_acc, g_pool = _num(r["gain_from_account"]), _num(r["gain_from_pooling"])
    steps.append(step_from_steps(
        "gain_from_account", both("账户划入增减（新−旧）", "Change in account credit (new − old)"), g_acc,
        "yuan/year",
        both(f"新划入 {money(c_new.value)} − 旧划入 {money(c_old.value)} = {money(g_acc)}",
             f"new credit {money(c_new.value, 'en')} − old credit {money(c_old.value, 'en')} = {money(g_acc, 'en')}"),
        c_old, c_new))
    steps.append(step_from_steps(
        "gain_from_pooling", both("门诊统筹报销增减（新−旧）", "Change in outpatient reimbursement (new − old)"),
        g_pool, "yuan/year",
        both(f"新报销 {money(r_new.value)} − 旧报销 {money(r_old.value)} = {money(g_pool)}",
             f"new reimbursement {money(r_new.value, 'en')} − old reimbursement {money(r_old.value, 'en')}"
             f" = {money(g_pool, 'en')}"),
        r_old, r_new))
    gain = _num(r["resources_gain"])
    steps.append(step_from_steps(
        "resources_gain", both("每年资源增减（新−旧）", "Yearly resources gain (new − old)"), gain, "yuan/year",
        both(f"(新划入 {money(c_new.value)} − 旧划入 {money(c_old.value)}) + (新报销 {money(r_new.value)} − "
             f"旧报销 {money(r_old.value)}) = {money(gain)}",
             f"(new credit {money(c_new.value, 'en')} − old credit {money(c_old.value, 'en')}) + (new "
             f"reimbursement {money(r_new.value, 'en')} − old reimbursement {money(r_old.value, 'en')})"
             f" = {money(gain, 'en')}"),
        c_old, c_new, r_old, r_new))
    cash_gain = _num(r["cash_gain"])
    steps.append(step_from_steps(
        "cash_gain", both("当年现金少付（旧−新）", "Cash saved this year (old − new)"), cash_gain, "yuan/year",
        both(f"旧自付 {money(k_old.value)} − 新自付 {money(k_new.value)} = {money(cash_gain)}",
             f"old cash {money(k_old.value, 'en')} − new cash {money(k_new.value, 'en')} = {money(cash_gain, 'en')}"),
        k_old, k_new))
    lvl = words.LEVEL[e.level]
    be_text = {
        "zero": both("门诊费用为 0 时新规则已不吃亏", "even with no outpatient spending the new rules are not worse"),
        "found": both(f"在{lvl['zh']}每年政策范围内门诊费用达到 {money(be_value)} 元时，资源增减由负转为不负",
                      f"at {money(be_value, 'en')} yuan a year of in-scope spending at a {lvl['en']} the "
                      "resources gain stops being negative"),
        "never": both("无论门诊费用多少，新规则下资源都少于旧规则（报销封顶）",
                      "whatever the spending, the new rules give less (the reimbursement is capped)"),
        "unknown": both("有规则未知，无法计算", "some rule is not known, so it cannot be computed"),
    }[be_status]
    steps.append(step_from_steps(
        "break_even_outpatient", both("回本门诊费用", "Break-even outpatient spending"),
        be_value, "yuan/year", be_text, c_old, c_new, r_old, r_new))
    return steps, unknown

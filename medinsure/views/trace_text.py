"""Each trace step of the employee comparison in words (zh/en), rendered from the step's terms."""

from __future__ import annotations

import numpy as np

from medinsure.bands import band_for
from medinsure.rules import STATUSES
from medinsure.rules.employee import BySpending, PerLevelDeductible, PerVisitDeductible
from medinsure.trace import Step
from medinsure.views import words
from medinsure.views.words import both, money, rate

REGIME = {"old": both("改革前", "before the reform"), "new": both("改革后", "after the reform")}


def _credit_formula(rule, e, base: float, lang: str, frozen: float | None = None) -> str:
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


def _deductible_words(op, e, d: float, lang: str) -> str:
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


def _segments_words(segs, zh: bool) -> str:
    parts, lo = [], 0.0
    for up, r in segs:
        span = (f"{money(lo)}–{money(up)} 元" if zh else f"{money(lo, 'en')}–{money(up, 'en')}") \
            if np.isfinite(up) else (f"{money(lo)} 元以上" if zh else f"above {money(lo, 'en')}")
        parts.append(f"{span} {rate(r)}")
        lo = up
    return ("分段：" if zh else "by spending: ") + ("；" if zh else "; ").join(parts)


def _pooling_formula(op, p, e, account: float | None, reimb: float | None, lang: str) -> str:
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
    beyond = op.beyond_cap is not None and group in op.beyond_cap.groups()
    if isinstance(op.ratio.for_group(group), BySpending) and len(segs) > 1:
        extra.append(_segments_words(segs, zh))
    elif beyond and p.beyond_ratio is not None:
        br = float(p.beyond_ratio[0])
        extra.append(f"基金支付达 {money(cap)} 后，超出部分按 {rate(br)}、上不封顶" if zh else
                     f"once the fund has paid {money(cap, 'en')}, further spending at {rate(br)} without limit")
    if p.ceiling is not None:
        c = float(p.ceiling[0])
        extra.append(f"计入费用最高 {money(c)}" if zh else f"spending counted up to {money(c, 'en')}")
    more = ("；" if zh else "; ").join(extra)
    more = (f"；{more}" if zh else f"; {more}") if more else ""
    cap_txt = money(cap, lang) if not beyond else ("见上" if zh else "see above")
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


def _base_formula(t: dict, lang: str) -> str:
    if t["flexible_default"]:
        return (f"未填工资，取默认灵活就业缴费基数 {money(t['flexible_base'])} 元/月" if lang == "zh" else
                f"no wage given: the default flexible base {money(t['flexible_base'], 'en')} yuan/month")
    return (f"工资 {money(t['wage'])} 元/月，限于下限 {money(t['floor'])} 与上限 {money(t['ceiling'])} 之间"
            if lang == "zh" else
            f"wage {money(t['wage'], 'en')} yuan/month, held between the floor "
            f"{money(t['floor'], 'en')} and the ceiling {money(t['ceiling'], 'en')}")


def _cash_formula(t: dict, value, lang: str) -> str:
    if lang == "zh":
        return (f"门诊费用 {money(t['bill'])} − 统筹支付 {money(t['reimbursement'])} − 当年账户支付 "
                f"{money(t['account'])} + 政策范围外 {money(t['out_of_scope'])} = {money(value)}")
    return (f"bill {money(t['bill'], 'en')} − pooled fund {money(t['reimbursement'], 'en')} − this year's "
            f"account credit used {money(t['account'], 'en')} + out of scope {money(t['out_of_scope'], 'en')}"
            f" = {money(value, 'en')}")


def _difference(first: str, zh_first: str, en_first: str, second: str, zh_second: str, en_second: str):
    """``first − second = value`` with the terms ``first`` and ``second``."""
    def render(t: dict, value, lang: str) -> str:
        if lang == "zh":
            return f"{zh_first} {money(t[first])} − {zh_second} {money(t[second])} = {money(value)}"
        return (f"{en_first} {money(t[first], 'en')} − {en_second} {money(t[second], 'en')}"
                f" = {money(value, 'en')}")
    return render


def _resources_formula(t: dict, value, lang: str) -> str:
    if lang == "zh":
        return (f"(新划入 {money(t['credit_new'])} − 旧划入 {money(t['credit_old'])}) + (新报销 "
                f"{money(t['reimbursement_new'])} − 旧报销 {money(t['reimbursement_old'])}) = {money(value)}")
    return (f"(new credit {money(t['credit_new'], 'en')} − old credit {money(t['credit_old'], 'en')}) + (new "
            f"reimbursement {money(t['reimbursement_new'], 'en')} − old reimbursement "
            f"{money(t['reimbursement_old'], 'en')}) = {money(value, 'en')}")


def _break_even_formula(t: dict, value, lang: str) -> str:
    lvl = words.LEVEL[t["level"]]
    return {
        "zero": both("门诊费用为 0 时新规则已不吃亏", "even with no outpatient spending the new rules are not worse"),
        "found": both(f"在{lvl['zh']}每年政策范围内门诊费用达到 {money(value)} 元时，资源增减由负转为不负",
                      f"at {money(value, 'en')} yuan a year of in-scope spending at a {lvl['en']} the "
                      "resources gain stops being negative"),
        "never": both("无论门诊费用多少，新规则下资源都少于旧规则（报销封顶）",
                      "whatever the spending, the new rules give less (the reimbursement is capped)"),
        "unknown": both("有规则未查到，无法算出", "a rule was not found, so it cannot be worked out"),
    }[t["status"]][lang]


_LABELS = {
    "base": lambda R, t: both(f"{R['zh']}缴费基数", f"Contribution base {R['en']}"),
    "credit": lambda R, t: both(f"{R['zh']}个人账户划入（{words.STATUS[t['status']]['zh']}）",
                                f"Account credit {R['en']} ({words.STATUS[t['status']]['en']})"),
    "reimbursement": lambda R, t: both(f"{R['zh']}门诊统筹报销", f"Outpatient pooling reimbursement {R['en']}"),
    "cash": lambda R, t: both(f"{R['zh']}当年现金自付", f"Cash paid this year {R['en']}"),
}
_SUMMARY_LABELS = {
    "gain_from_account": both("账户划入增减（新−旧）", "Change in account credit (new − old)"),
    "gain_from_pooling": both("门诊统筹报销增减（新−旧）", "Change in outpatient reimbursement (new − old)"),
    "resources_gain": both("每年资源增减（新−旧）", "Yearly resources gain (new − old)"),
    "cash_gain": both("当年现金少付（旧−新）", "Cash saved this year (old − new)"),
    "break_even_outpatient": both("回本门诊费用", "Break-even outpatient spending"),
}
_SUMMARY_FORMULAS = {
    "gain_from_account": _difference("new", "新划入", "new credit", "old", "旧划入", "old credit"),
    "gain_from_pooling": _difference("new", "新报销", "new reimbursement", "old", "旧报销", "old reimbursement"),
    "resources_gain": _resources_formula,
    "cash_gain": _difference("old", "旧自付", "old cash", "new", "新自付", "new cash"),
    "break_even_outpatient": _break_even_formula,
}


def _per_regime(step: Step) -> tuple[str, str] | None:
    what, _, regime = step.key.rpartition("_")
    return (what, regime) if regime in REGIME and what in _LABELS else None


def label(step: Step, lang: str) -> str:
    """The step's name in ``lang``."""
    split = _per_regime(step)
    if split:
        return _LABELS[split[0]](REGIME[split[1]], step.terms)[lang]
    return _SUMMARY_LABELS[step.key][lang]


def formula(step: Step, lang: str) -> str:
    """The step's formula with this person's numbers, in ``lang``."""
    t, v = step.terms, step.value
    split = _per_regime(step)
    if split is None:
        return _SUMMARY_FORMULAS[step.key](t, v, lang)
    what = split[0]
    if what == "base":
        return _base_formula(t, lang)
    if what == "credit":
        sep = " = "
        return _credit_formula(t["rule"], t["enrollee"], t["base"] or 0.0, lang, t["frozen"]) + sep + money(v, lang)
    if what == "reimbursement":
        return _pooling_formula(t["op"], t["params"], t["enrollee"], t["account"], v, lang)
    return _cash_formula(t, v, lang)


def step_dict(step: Step, lang: str | None = None) -> dict:
    """The step as JSON-ready data; words in ``lang``, or {zh, en} when ``lang`` is None."""
    def text(render):
        return {"zh": render(step, "zh"), "en": render(step, "en")} if lang is None else render(step, lang)
    return {"key": step.key, "value": step.value, "unit": step.unit, "label": text(label),
            "formula": text(formula), "sources": list(step.sources),
            "references": [r.to_dict() for r in step.references]}


def from_steps(step: Step, trace, lang: str) -> str:
    """'由上列步骤算出：改革前的账户划入、…' — the steps ``step`` is computed from, by their names
    (never their keys)."""
    by_key = {s.key: s for s in trace}
    names = [label(by_key[k], lang) if k in by_key else k for k in step.sources]
    return ("由上列步骤算出：" if lang == "zh" else "from the steps: ") + ("、" if lang == "zh" else ", ").join(names)

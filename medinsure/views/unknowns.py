"""What is not known, in plain words: one short sentence per unknown (what was not found, so what
cannot be worked out), a bound where the calculation gives one, the data's note folded beneath.

The calculation names the unknowns by key (``Comparison.unknown``: field, parts, at_most); only
this module turns them into words, for every page that shows a comparison."""

from __future__ import annotations

import html

from medinsure.views.html import details
from medinsure.views.words import STATUS, both, money, unknown_note

REGIME = {"old": both("改革前", "before the reform"), "new": both("改革后", "after the reform")}

# the parts of an outpatient-pooling rule (outpatient.reimbursement_gaps) in words
POOLING_PART = {
    "deductible": both("起付线", "deductible"),
    "ratio": both("报销比例", "reimbursement ratio"),
    "cap": both("年度支付限额", "yearly payment limit"),
    "ceiling": both("费用最高限额", "ceiling on the bill"),
}


def _and(names: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def comparison_unknown_sentence(u: dict, place: str, status: str, lang: str) -> str:
    """One unknown of a comparison as a sentence (plain text), e.g. '上海市改革后门诊统筹的年度支付
    限额未查到，所以门诊统筹报销额无法算出。'"""
    field = u["field"]
    regime = field.rsplit("_", 1)[1]
    when = REGIME[regime][lang]
    who = STATUS.get(status, {"zh": "", "en": ""})[lang]
    zh = lang == "zh"
    if field.startswith("credit_"):
        return (f"{place}{when}{who}的个人账户划入办法（或它所用的金额）未查到，所以{when}的账户划入额无法算出。" if zh else
                f"{place}'s account-crediting rule for a {who} {when} (or an amount it uses) was not found, "
                f"so the credit {when} cannot be worked out.")
    parts = list(u.get("parts") or ())
    if parts == ["scheme"]:
        return (f"{place}{when}职工普通门诊统筹有没有、怎样报销未查到，所以{when}的门诊统筹报销额无法算出。" if zh else
                f"Whether and how {place}'s outpatient pooling paid for employees {when} was not found, "
                f"so the reimbursement {when} cannot be worked out.")
    if parts == ["account"]:
        return (f"{place}{when}门诊费用先由个人账户支付，而账户划入额未查到，所以门诊统筹报销额也无法算出。" if zh else
                f"In {place} {when} the account pays first, and the credit was not found, "
                f"so the pooling's reimbursement cannot be worked out either.")
    names = [POOLING_PART[p][lang] for p in parts if p in POOLING_PART] or [both("报销规则", "rule")[lang]]
    at_most = u.get("at_most")
    if zh:
        head = f"{place}{when}门诊统筹的{_and(names, lang)}未查到"
        if at_most is not None:
            return f"{head}：不计限额时报销 {money(at_most, lang)} 元，所以实际报销最多 {money(at_most, lang)} 元（限额更低则更少）。"
        return f"{head}，所以{when}的门诊统筹报销额无法算出。"
    verb = "was" if len(names) == 1 else "were"
    head = f"{place}'s outpatient-pooling {_and(names, lang)} {when} {verb} not found"
    if at_most is not None:
        return (f"{head}: without a limit the fund pays {money(at_most, lang)} yuan, so it pays at most "
                f"{money(at_most, lang)} yuan (less if the limit is lower).")
    return f"{head}, so the reimbursement {when} cannot be worked out."


def folded_note(notes: list[str], lang: str) -> str:
    """The data's notes under a folded '详情 · Details' (HTML; nothing without notes)."""
    notes = [n for n in dict.fromkeys(notes) if n]
    if not notes:
        return ""
    return details("详情" if lang == "zh" else "Details",
                   "".join(f"<p>{html.escape(n)}</p>" for n in notes), "unknown-note")


def comparison_unknown_items(c, place: str, lang: str) -> list[str]:
    """Every unknown of a comparison: a sentence, its data note folded (HTML list items)."""
    return [html.escape(comparison_unknown_sentence(u, place, c.enrollee.status, lang))
            + folded_note([unknown_note(u, lang)], lang) for u in c.unknown]


def reimbursement_bound(c, regime: str = "new") -> float | None:
    """The upper bound of an unknown reimbursement, where the calculation gives one."""
    return next((u.get("at_most") for u in c.unknown if u["field"] == f"reimbursement_{regime}"), None)


UNKNOWN_HEAD = both("本地区以下规则未查到，工具不作估算：", "Not known for this region (not found; the tool does not estimate):")

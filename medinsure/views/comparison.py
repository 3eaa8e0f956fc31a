"""The employee comparison for a reader: the command line's table and its JSON, in zh or en."""

from __future__ import annotations

from medinsure.compare import Comparison
from medinsure.views import trace_text, words
from medinsure.views.words import notice_text, unknown_note

_RESULT_KEYS = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new",
                "resources_gain", "gain_from_account", "gain_from_pooling", "cash_old", "cash_new",
                "cash_gain", "break_even_status", "break_even_outpatient")


def comparison_dict(c: Comparison, lang: str | None = None) -> dict:
    """JSON-ready: the numbers, and the words in ``lang`` ({zh, en} when ``lang`` is None)."""
    d = {"region": c.region, "date": c.date.isoformat(),
         "old_rules_date": c.old_date.isoformat(), "unit": "yuan/year",
         "enrollee": {k: getattr(c.enrollee, k) for k in c.enrollee.__dataclass_fields__}}
    d.update({k: getattr(c, k) for k in _RESULT_KEYS})
    d["contributions"] = c.contributions
    d["unknown"] = [{"field": u["field"], "note": unknown_note(u, lang)} for u in c.unknown]
    d["notices"] = [{"zh": notice_text(n, "zh"), "en": notice_text(n, "en")} if lang is None
                    else notice_text(n, lang) for n in c.notices]
    d["trace"] = [trace_text.step_dict(s, lang) for s in c.trace]
    return d


def render_table(c: Comparison, lang: str) -> str:
    """A short readable table with the sources."""
    zh = lang == "zh"
    reg = c.ruleset.region
    title = (f"{reg.name['zh']}：{c.old_date} 的旧规则 vs {c.date} 的新规则（{words.STATUS[c.enrollee.status]['zh']}）"
             if zh else f"{reg.name['en']}: rules of {c.old_date} (old) vs {c.date} (new), "
             f"{words.STATUS[c.enrollee.status]['en']}")
    rows = [
        (("个人账户划入", "Account credit"), c.credit_old, c.credit_new),
        (("门诊统筹报销", "Outpatient pooling reimbursement"), c.reimbursement_old, c.reimbursement_new),
        (("当年现金自付", "Cash paid this year"), c.cash_old, c.cash_new),
    ]
    head = ("项目（元/年）", "旧", "新") if zh else ("item (yuan/year)", "old", "new")
    out = [title, "", f"{head[0]:<34}{head[1]:>14}{head[2]:>14}"]
    for (lzh, len_), old, new in rows:
        out.append(f"{(lzh if zh else len_):<34}{words.money(old, lang):>14}{words.money(new, lang):>14}")
    out.append("")
    out.append(("每年资源增减（新−旧）: " if zh else "Yearly resources gain (new − old): ") + words.money(c.resources_gain, lang))
    out.append(("  其中 账户划入: " if zh else "  of which account credit: ") + words.money(c.gain_from_account, lang)
               + ("；门诊统筹: " if zh else "; outpatient pooling: ") + words.money(c.gain_from_pooling, lang))
    out.append(("当年现金少付（旧−新）: " if zh else "Cash saved this year (old − new): ") + words.money(c.cash_gain, lang))
    be = {"zero": "0", "never": words.NEVER[lang], "unknown": words.UNKNOWN[lang]}.get(
        c.break_even_status, words.money(c.break_even_outpatient, lang))
    out.append(("回本门诊费用（元/年）: " if zh else "Break-even outpatient spending (yuan/year): ") + be)
    for u in c.unknown:
        out.append(("未知 " if zh else "Not known ") + f"{u['field']}: {unknown_note(u, lang)}")
    for n in c.notices:
        out.append(("注意：" if zh else "Note: ") + notice_text(n, lang))
    out.append("")
    out.append("计算步骤与出处：" if zh else "Steps and sources:")
    for s in c.trace:
        out.append(f"- {trace_text.label(s, lang)}: {trace_text.formula(s, lang)}")
        if all(src.startswith("data/") for src in s.sources):
            for r in s.references:
                out.append(f"    {r.cite(lang)}  {r.read_at[0]}")
        else:
            out.append(("    由上列步骤算出：" if zh else "    from the steps: ") + ", ".join(s.sources))
    return "\n".join(out)

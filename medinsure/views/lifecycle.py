"""The account life-cycle page in words: the vocabulary, "what happens if …" and projection
sentences, tables, boxes, the key-number line and the sources (reads
:mod:`medinsure.lifecycle` results; computes no policy)."""

from __future__ import annotations

import datetime as dt
import html

from medinsure import lifecycle as lc
from medinsure.rules import load_region, unique_references
from medinsure.views import unknowns, words
from medinsure.views.exports import ChartFile, ExportBundle, citable_text, figure_drawer
from medinsure.views.html import cite_list, details, list_box, table
from medinsure.views.words import both, money, yuan

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
FALLBACKS = {"to_bank": both("因特殊情况无法使用或转移时，可以划入本人银行账户",
                             "where it cannot be used or transferred, it may be paid into the own bank account")}
OWNERS = {"enrollee": both("参保人本人", "the enrollee")}
CASH = {"generally_not": both("一般不得提取现金", "cash may in general not be withdrawn")}

TXT = {
    "title": both("个人账户的一生：余额归谁、怎么转、什么时候能取", "The account's life cycle: whose balance, how it moves, when it can be withdrawn"),
    "tab_event": both("余额会怎样", "What happens to my balance if…"),
    "tab_projection": both("余额预测", "Balance projection"),
    "part": both("部分", "Part"),
    "amount": both("余额（元）", "Balance (yuan)"),
    "outcome": both("会怎样", "What happens"),
    "rule": both("规则原文", "The rule"),
    "modes": both("医保卡 vs 记账户", "Card vs ledger account"),
    "credits_go_to": both("每月划入记到", "Monthly credits go to"),
    "new_enrollees": both("新参保人员使用", "New enrollees get"),
    "unchanged": both("不变的", "What does not change"),
    "ownership": both("余额归属", "Ownership"),
    "chart": both("个人账户余额预测（元，年末）", "Projected account balance (yuan, year end)"),
    "old": both("旧划入办法", "old credit"),
    "new": both("新划入办法", "new credit"),
    "unknown_short": both("未知", "n/k"),
    "year_end": both("年末", "year end"),
    "short": both("账户不够付的部分（新）", "not covered by the account (new)"),
    "notice": both("请注意：", "Please note:"),
    "unknown": unknowns.UNKNOWN_HEAD,
    "sources": both("出处", "Sources"),
    "year": both("年份", "Year"),
    "condition": both("条件", "Condition"),
    "fallback": both("特殊情况", "Special case"),
}


def event_options() -> list[tuple[str, str]]:
    return [(f"{e['label']['zh']} · {e['label']['en']}", k) for k, e in lc.events().items()]


# --------------------------------------------------------------------------- notes
NOTICES = {
    "lifecycle_same_spending": both("两种情形每年从账户支付同样的费用；账户不够时其余自付现金。划入额在各年保持所选日期的规则。",
                                    "Both cases pay the same yearly costs from the account; what it cannot pay is "
                                    "cash. Credits stay at the rules of the chosen date in every year."),
}


def notice_text(n, lang: str = "zh") -> str:
    """A projection's notice (a code) or the comparison's notice, in words."""
    if isinstance(n, dict):
        return n[lang]
    if n.code == "lifecycle_no_interest":
        if n.args["explainer"]:
            return ("不计利息：数据中没有利率（湖南的解读材料提到“记账户”会计息，但未给出利率）。" if lang == "zh" else
                    "No interest is modelled: the data gives no rate (the Hunan explainer says "
                    "the ledger account earns interest but gives no rate).")
        return ("不计利息：该地区的数据中没有利率。" if lang == "zh" else
                "No interest is modelled: the data for this region gives no rate.")
    if n.code in NOTICES:
        return NOTICES[n.code][lang]
    return words.notice_text(n, lang)


def unknown_text(u: dict, lang: str = "zh") -> str:
    old = u["args"]["regime"] == "old"
    return (f"{'改革前' if old else '改革后'}的账户划入办法未查到，所以该曲线不画。" if lang == "zh" else
            f"The {'pre' if old else 'post'}-reform crediting rule was not found, so that line is not drawn.")


def notes_box(p: lc.Projection, lang: str) -> str:
    """The "not known" box and the notices box (each only when it has entries)."""
    return (list_box("unknown", TXT["unknown"][lang], (html.escape(unknown_text(u, lang)) for u in p.unknown))
            + list_box("notice", TXT["notice"][lang], (html.escape(notice_text(n, lang)) for n in p.notices)))


# --------------------------------------------------------------------------- sentences
def describe(outcome: lc.BalanceOutcome, lang: str = "zh") -> str:
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


def outcome_sentence(o: lc.BalanceOutcome, lang: str = "zh") -> str:
    label = o.rule["label"][lang]
    cond = o.rule.get("condition")
    zh = lang == "zh"
    region = load_region(o.region).name[lang]
    head = (f"如果「{label}」（{o.day}，{region}的规则）：" if zh else
            f"If “{label}” ({o.day}, rules of {region}): ")
    text = describe(o, lang)
    if cond:
        text += (f"条件：{cond['zh']}。" if zh else f" Condition: {cond['en']}.")
    paid = o.total("paid_out")
    moves = o.total("moves")
    choice = o.total("choice")
    sums = []
    if paid:
        sums.append(f"可一次性支取 <b>{money(paid, lang)}</b> 元" if zh else f"<b>{money(paid, lang)}</b> yuan can be paid out")
    if moves:
        sums.append(f"随关系转走 <b>{money(moves, lang)}</b> 元" if zh else f"<b>{money(moves, lang)}</b> yuan moves with the insurance")
    if choice:
        sums.append(f"可自选继续使用或支取 <b>{money(choice, lang)}</b> 元" if zh else
                    f"<b>{money(choice, lang)}</b> yuan can be kept in use or withdrawn")
    if not sums:
        sums.append(f"<b>{money(o.total('remains'), lang)}</b> 元留在账户里" if zh else
                    f"<b>{money(o.total('remains'), lang)}</b> yuan stays in the account")
    return head + text + ("　合计：" if zh else " In all: ") + ("，".join(sums) + "。" if zh else "; ".join(sums) + ".")


def _end(p: lc.Projection, regime: str) -> float | None:
    b = getattr(p, f"balance_{regime}")
    return None if b is None else b[-1]


def projection_sentence(p: lc.Projection, lang: str = "zh") -> str:
    region = load_region(p.region).name[lang]
    status = words.STATUS[p.enrollee.status][lang]
    zh = lang == "zh"
    last = p.years[-1]
    out = [(f"按{region}{p.date}的规则，{status}每年划入 <b>{yuan(p.credit_old, lang)}</b>（旧）→ "
            f"<b>{yuan(p.credit_new, lang)}</b>（新）。账户从 {money(p.start_balance)} 元起，每年从账户支付 "
            f"{money(p.spending_yearly)} 元：") if zh else
           (f"Under {region}'s rules on {p.date}, the {status}'s yearly credit goes from "
            f"<b>{yuan(p.credit_old, lang)}</b> (old) to <b>{yuan(p.credit_new, lang)}</b> (new). Starting "
            f"from {money(p.start_balance, 'en')} yuan and paying {money(p.spending_yearly, 'en')} yuan a year "
            "from the account: ")]
    if zh:
        out.append(f"{len(p.years)}年后（{last}年末）余额 旧 <b>{yuan(_end(p, 'old'), lang)}</b>、"
                   f"新 <b>{yuan(_end(p, 'new'), lang)}</b>")
        if p.gap is not None:
            out.append(f"，相差 <b>{money(abs(p.gap))}</b> 元")
        out.append("。")
    else:
        out.append(f"after {len(p.years)} years (end of {last}) the balance is "
                   f"<b>{yuan(_end(p, 'old'), lang)}</b> (old) and "
                   f"<b>{yuan(_end(p, 'new'), lang)}</b> (new)")
        if p.gap is not None:
            out.append(f", a difference of <b>{money(abs(p.gap), 'en')}</b> yuan")
        out.append(". ")
    if p.unpaid_new is not None:
        short = [y for y, u in zip(p.years, p.unpaid_new) if u > 0.005]
        if short:
            total = sum(p.unpaid_new)
            out.append(f"新划入下从 {short[0]} 年起账户不够付，合计需现金自付 <b>{money(total)}</b> 元。" if zh else
                       f"With the new credit the account falls short from {short[0]}; "
                       f"<b>{money(total, 'en')}</b> yuan is paid in cash in all. ")
    out.append("不计利息（数据中没有利率）。" if zh and p.interest_rate is None else
               "No interest is modelled (the data gives no rate)." if p.interest_rate is None else
               (f"按年利率 {words.rate(p.interest_rate)} 计息。" if zh else
                f"Interest at {words.rate(p.interest_rate)} a year."))
    return "".join(out)


def key_numbers(o: lc.BalanceOutcome, p: lc.Projection) -> str:
    """One checked line for the notebook (nbval)."""
    end = {k: _end(p, k) for k in ("old", "new")}
    return (f"{o.event}: paid out {money(o.total('paid_out'), 'en')}, moves {money(o.total('moves'), 'en')}, "
            f"choice {money(o.total('choice'), 'en')}, remains {money(o.total('remains'), 'en')}; "
            f"projection {p.region} {p.years[0]}-{p.years[-1]}: credit {money(p.credit_old, 'en')} -> "
            f"{money(p.credit_new, 'en')}, end balance {money(end['old'], 'en')} -> {money(end['new'], 'en')}, "
            f"interest {'none' if p.interest_rate is None else p.interest_rate}")


# --------------------------------------------------------------------------- tables and boxes
def parts_table(o: lc.BalanceOutcome, lang: str) -> str:
    rows = [[MODES[p.mode][lang], money(p.amount, lang), OUTCOMES[p.outcome][lang]] for p in o.parts]
    return table([TXT[k][lang] for k in ("part", "amount", "outcome")], rows, TXT["outcome"][lang], "table",
                 numeric=(1,))


def rule_box(o: lc.BalanceOutcome, lang: str) -> str:
    r = o.rule
    zh = lang == "zh"
    extra = ""
    if r.get("condition"):
        extra += f"<li>{TXT['condition'][lang]}{'：' if zh else ': '}{html.escape(r['condition'][lang])}</li>"
    if r.get("fallback"):
        extra += (f"<li>{TXT['fallback'][lang]}{'：' if zh else ': '}"
                  f"{html.escape(FALLBACKS[r['fallback']][lang])}</li>")
    own = o.entry["ownership"]
    extra += (f"<li>{TXT['ownership'][lang]}（{html.escape(own['clause'][lang])}）{'：' if zh else ': '}"
              f"{html.escape(own['says'][lang])}</li>")
    return (f"<div class='medinsure-rules'>"
            f"<b>{TXT['rule'][lang]}（{html.escape(r['clause'][lang])}）</b>"
            f"<blockquote>{html.escape(r['says'][lang])}</blockquote>"
            f"<ul>{extra}</ul>{cite_list(o.references, lang)}"
            f"<small>{html.escape(words.data_note(o.entry.note, lang))}</small></div>")


def modes_box(day: dt.date, lang: str) -> str:
    f = lc.mode_facts(day)
    rows = [[TXT["credits_go_to"][lang], MODES[f["credits_go_to"]][lang]],
            [TXT["new_enrollees"][lang], MODES[f["new_enrollees_get"]][lang]],
            [TXT["unchanged"][lang], html.escape(f["unchanged"][lang])],
            [MODES["card"][lang], html.escape(f["card"][lang])],
            [MODES["ledger"][lang], html.escape(f["ledger"][lang])]]
    head = f"{TXT['modes'][lang]}（{day}）" if lang == "zh" else f"{TXT['modes'][lang]} ({day})"
    return (f"<details class='medinsure-modes' open><summary><b>{head}</b></summary>"
            f"<p>{html.escape(f['says'][lang])}</p>{table(['', ''], rows, head, 'table')}</details>")


def years_table(p: lc.Projection, lang: str) -> str:
    head = [TXT["year"][lang], TXT["old"][lang], TXT["new"][lang],
            "新划入下现金自付" if lang == "zh" else "cash (new credit)"]
    rows = []
    for k, y in enumerate(p.years):
        rows.append([str(y), money(None if p.balance_old is None else p.balance_old[k + 1], lang),
                     money(None if p.balance_new is None else p.balance_new[k + 1], lang),
                     money(None if p.unpaid_new is None else p.unpaid_new[k], lang)])
    s = "逐年余额（元，年末）" if lang == "zh" else "Year by year (yuan, year end)"
    return details(s, table(head, rows, s, "table", numeric=(1, 2, 3)))


def page_sources(o: lc.BalanceOutcome, p: lc.Projection, lang: str) -> str:
    refs = list(o.references) + [r for r in p.references if r not in o.references]
    return f"<details><summary>{TXT['sources'][lang]}</summary>{cite_list(refs, lang)}</details>"


def sources_html(lang: str = "zh") -> str:
    """Every document behind the life-cycle data, and Hunan's current crediting rule."""
    refs = unique_references(
        [r for slug in lc.lifecycle_regions() for e in lc.load_lifecycle(slug).entries for r in e.references]
        + list(load_region("hunan").file("personal_account").entries[-1].references))
    return cite_list(refs, lang)


# --------------------------------------------------------------------------- export (CSV, cite box)
EXPORT_HEADER = ["year_end", "balance_old_yuan", "balance_new_yuan", "unpaid_new_yuan"]


def chart_rows(d: dict) -> list[tuple]:
    """The balance lines (the first point is the starting balance) and the new rules' unpaid bars."""
    unpaid = [None, *d["unpaid_new"]] if d["unpaid_new"] is not None else [None] * len(d["years"])
    old = d["old"] if d["old"] is not None else [None] * len(d["years"])
    new = d["new"] if d["new"] is not None else [None] * len(d["years"])
    return [(int(y), o, n, u) for y, o, n, u in zip(d["years"], old, new, unpaid)]


def rule_note(p: lc.Projection, lang: str) -> str:
    region = load_region(p.region).name[lang]
    status = words.STATUS[p.enrollee.status][lang]
    return (f"{region} · {status} · {p.date} 的规则 · 现有余额 {money(p.start_balance)} 元，每年支付 "
            f"{money(p.spending_yearly)} 元" if lang == "zh" else
            f"{region} · {status} · rules on {p.date} · balance now {money(p.start_balance, 'en')} yuan, "
            f"paid {money(p.spending_yearly, 'en')} yuan a year")


def export_bundle(o: lc.BalanceOutcome, p: lc.Projection, chart, lang: str) -> ExportBundle:
    """The balance chart and its data. ``chart`` is the page's live chart (``LiveBalance``:
    ``.export(fmt, footer)`` draws it with matplotlib on a click, ``.data`` is what it shows) or a
    matplotlib ``BalanceChart`` (``.fig``, ``.data``)."""
    refs = tuple(unique_references([*p.references, *o.references]))
    draw = chart.export if hasattr(chart, "export") else figure_drawer(lambda: chart.fig)
    return ExportBundle(f"medinsure-lifecycle-{p.region}-{p.date}", rule_note(p, lang), refs, lang,
                        charts=(ChartFile("balance", TXT["chart"][lang], draw, EXPORT_HEADER,
                                          chart_rows(chart.data)),))


def citable_sentence(o: lc.BalanceOutcome, p: lc.Projection, lang: str) -> str:
    refs = unique_references([*o.references, *p.references])
    return citable_text(f"{outcome_sentence(o, lang)} {projection_sentence(p, lang)}", refs, lang)

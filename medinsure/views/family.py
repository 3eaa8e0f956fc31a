"""The family mutual-aid page in words: the vocabulary, the live sentence, the tables, the
key-number line and the sources (reads :class:`medinsure.family.FamilyPlan`; computes no policy).
HTML pieces and number formats are the shared ones (:mod:`medinsure.views.html`, :mod:`medinsure.views.words`).
"""

from __future__ import annotations

import html

from medinsure import family as fam
from medinsure.rules import load_region, unique_references
from medinsure.views import unknowns, words
from medinsure.views.exports import ChartFile, ExportBundle, citable_text, figure_drawer
from medinsure.views.html import cite_list, details, list_box, table
from medinsure.views.words import both, money, yuan

# --------------------------------------------------------------------------- vocabulary
RELATIONS: dict[str, dict] = {
    "self": both("本人", "the enrollee"),
    "spouse": both("配偶", "spouse"),
    "parent": both("父母", "parent"),
    "child": both("子女", "child"),
    "sibling": both("兄弟姐妹", "sibling"),
    "grandparent": both("祖父母、外祖父母", "grandparent"),
    "grandchild": both("孙子女、外孙子女", "grandchild"),
}
USES: dict[str, dict] = {
    "medical_own_burden": both("定点医疗机构就医的个人负担费用", "personal-burden costs at designated medical institutions"),
    "pharmacy_own_burden": both("定点零售药店购药品、医疗器械、医用耗材的个人负担费用",
                                "personal-burden drugs, devices and consumables at designated pharmacies"),
    "resident_premium": both("城乡居民医保个人缴费", "individual contribution to resident medical insurance"),
    "ltc_premium": both("长期护理保险个人缴费", "individual contribution to long-term-care insurance"),
    "public_health": both("公共卫生费用", "public-health costs"),
    "fitness": both("体育健身消费", "sports and fitness"),
    "wellness": both("养生保健消费", "health-preservation (wellness) spending"),
}
USE_STATUS: dict[str, dict] = {
    "allowed": both("可以支付", "may be paid"),
    "explore": both("仅要求“探索”，取决于当地", "only to be 'explored': depends on the area"),
    "forbidden": both("不得支付", "may not be paid"),
    "not_listed": both("文件未提及", "not mentioned"),
}
GROUPS = {"immediate_family": both("配偶、父母、子女", "spouse, parents, children"),
          "near_relatives": both("近亲属（民法典）", "near relatives (Civil Code)")}
AREAS = {"unspecified": both("未规定地域范围", "reach not specified"),
         "in_province": both("省内共济", "within the province"),
         "cross_province": both("跨省共济", "across provinces")}
INSURANCE = {"resident": both("城乡居民医保", "resident insurance"),
             "employee": both("职工医保", "employee insurance")}
ITEMS = {"own_share": both("本人门诊自付", "own outpatient share"),
         "premium": both("居民医保缴费", "resident contribution"),
         "ltc_premium": both("长护险缴费", "long-term-care contribution"),
         "medical": both("就医购药自付", "own-burden care and drugs")}

TXT = {
    "title": both("家庭共济：我的个人账户能为家人付多少？", "Family mutual aid: how far does my account go for my family?"),
    "tab_calc": both("家庭账户计算", "Family calculator"),
    "tab_rules": both("谁能共济、能付什么", "Who may share, what it pays"),
    "tab_cross": both("跨省共济额度", "Cross-province quota"),
    "unknown": unknowns.UNKNOWN_HEAD,
    "notice": both("请注意：", "Please note:"),
    "sources": both("出处", "Sources"),
    "old": both("旧划入办法", "old credit"),
    "new": both("新划入办法", "new credit"),
    "year": both("年份", "Year"),
    "person": both("人", "Person"),
    "item": both("项目", "Item"),
    "amount": both("金额（元）", "Amount (yuan)"),
    "paid_old": both("账户支付（旧）", "Paid by account (old)"),
    "paid_new": both("账户支付（新）", "Paid by account (new)"),
    "why_not": both("不能支付的原因", "Why not payable"),
    "chart_left": both("每年账户能付的家庭费用（元）", "Family costs the account pays each year (yuan)"),
    "chart_right": both("年末余额（元）", "Balance at year end (yuan)"),
    "allowed_need": both("可由账户支付的费用", "costs the account may pay"),
    "unknown_short": both("未知", "n/k"),
    "cannot": both("无法算出（见下方未查到的规则）", "cannot be worked out (see the rules not found below)"),
    "year_end": both("年末", "year end"),
}
PEOPLE_HEAD = ("<b>亲属 Relatives</b> <small>（关系 · 参保类型 · 年自付费用 · 年居民医保缴费 "
               "relation · insurance · yearly own-burden costs · yearly contribution）</small>")


# --------------------------------------------------------------------------- the plan's words
def relative_label(r: fam.Relative, lang: str = "zh") -> str:
    return r.name or RELATIONS[r.relation][lang]


def row_name(relation: str, n: int, lang: str) -> str:
    """The app's name for the relative in row ``n``: '父母（1）' / 'parent (1)'."""
    return f"{RELATIONS[relation][lang]} ({n})" if lang == "en" else f"{RELATIONS[relation][lang]}（{n}）"


def person_label(p: fam.FamilyPlan, index: int, lang: str = "zh") -> str:
    return RELATIONS["self"][lang] if index == 0 else relative_label(p.relatives[index - 1], lang)


def reason_text(reason: dict | None, lang: str = "zh") -> str:
    """Why a cost may not be paid from the account (an :class:`~medinsure.family.Item` reason)."""
    if reason is None:
        return ""
    if reason["code"] == "not_in_scope":
        g, rel = GROUPS[reason["group"]], RELATIONS[reason["relation"]]
        return (f"{reason['date']}起的全国规则只允许{g['zh']}共济，不含{rel['zh']}" if lang == "zh" else
                f"the national rule from {reason['date']} covers {g['en']} only, not a {rel['en']}")
    use, status = USES[reason["use"]], USE_STATUS[reason["status"]]
    return (f"{reason['date']}起的全国规则：{use['zh']}——{status['zh']}" if lang == "zh" else
            f"national rule from {reason['date']}: {use['en']} — {status['en']}")


def unknown_text(u: dict, lang: str = "zh") -> str:
    """A "not known" entry of a plan in words."""
    a = u["args"]
    if u["code"] == "premium_not_found":
        return (f"{a['year']}年度居民医保个人缴费全国最低标准未查到；请填写当地标准。该项未计入。" if lang == "zh" else
                f"The national minimum resident contribution for {a['year']} was not "
                "found; enter the local amount. It is left out.")
    missing, old = a["missing"], a["regime"] == "old"
    hint = "reimbursement" in missing
    if lang == "zh":
        return (f"{'改革前' if old else '改革后'}的"
                f"{'、'.join({'credit': '账户划入', 'reimbursement': '门诊报销'}[m] for m in missing)}"
                "未查到，所以该情形无法算出。" + ("可改为直接填写本人自付费用。" if hint else ""))
    names = " and ".join({"credit": "account credit", "reimbursement": "outpatient reimbursement"}[m] for m in missing)
    return (f"The {'pre' if old else 'post'}-reform {names} rule was not found, so that case cannot be worked out. "
            + ("Enter the own share directly instead." if hint else ""))


NOTICES = {
    "family_old_is_what_if": both("“改革前”一栏是假设：用旧的划入办法，配上所选日期的共济规则。",
                                  "The 'before' case is a what-if: the old credit with the sharing rules of the chosen date."),
    "family_whole_years": both("按年计算：每年的划入先付本人门诊自付，再依次付各位亲属（先缴费、后就医）；年内时间先后不建模。",
                               "Whole years: each year's money pays the enrollee's own share first, then each relative in "
                               "turn (contributions before care); timing within the year is not modelled."),
    "family_premium_held": both("填写的居民医保缴费额在以后各年保持不变（以后年度的标准未知）。",
                                "An entered resident contribution is held the same in later years "
                                "(later standards are not known)."),
    "family_premium_explore": both("2021年指导意见只要求“探索”用个人账户为配偶、父母、子女缴纳居民医保，是否可以取决于当地。",
                                   "The 2021 guidance only asks areas to 'explore' paying relatives' resident "
                                   "contributions from the account; whether one can depends on the area."),
}


def notice_text(n, lang: str = "zh") -> str:
    """A plan's notice (a code) or the comparison's notice, in words."""
    if isinstance(n, dict):
        return n[lang]
    if n.code in NOTICES:
        return NOTICES[n.code][lang]
    return words.notice_text(n, lang)


def plan_notes_html(p: fam.FamilyPlan, lang: str) -> str:
    """The "not known" box and the notices box (each only when it has entries)."""
    return (list_box("unknown", TXT["unknown"][lang], (html.escape(unknown_text(u, lang)) for u in p.unknown))
            + list_box("notice", TXT["notice"][lang], (html.escape(notice_text(n, lang)) for n in p.notices)))


def _coverage_now(p: fam.FamilyPlan) -> tuple:
    y = p.new.years[0]
    y_old = p.old.years[0] if p.old else None
    allowed = y.need - y.not_allowed
    share = None if allowed <= 0 else y.paid / allowed
    share_old = None if (y_old is None or y_old.need - y_old.not_allowed <= 0) else \
        y_old.paid / (y_old.need - y_old.not_allowed)
    return y, y_old, allowed, share, share_old


def _sentence_zh(p: fam.FamilyPlan) -> str:
    new, old, lang = p.new, p.old, "zh"
    y, y_old, allowed, share, share_old = _coverage_now(p)
    return (f"{p.date.year}年全家（本人和 {len(p.relatives)} 位亲属）预计个人负担 <b>{money(y.need)}</b> 元，"
            f"其中按全国共济规则账户可以支付的 {money(allowed)} 元"
            + (f"（不能支付 {money(y.not_allowed)} 元，原因见表）" if y.not_allowed > 0 else "")
            + f"；账户（年初余额 {money(y.start)} + 划入 {money(y.credit)}）付 <b>{money(y.paid)}</b> 元，"
            f"占 <b>{words.percent(share, lang, 0)}</b>"
            + (f"（旧划入：{money(y_old.paid)} 元，{words.percent(share_old, lang, 0)}）" if y_old else "") + "。"
            + f"{len(new.years)}年合计：新划入覆盖 <b>{words.percent(new.coverage, lang, 0)}</b>"
            + (f"，旧划入 <b>{words.percent(old.coverage, lang, 0)}</b>" if old else "")
            + (f"；新划入下 {new.first_short_year} 年起余额不够" if new.first_short_year else "；新划入下余额每年都够")
            + "。")


def _sentence_en(p: fam.FamilyPlan) -> str:
    new, old, lang = p.new, p.old, "en"
    y, y_old, allowed, share, share_old = _coverage_now(p)
    return (f"In {p.date.year} the family (the enrollee and {len(p.relatives)} relative(s)) expects "
            f"<b>{money(y.need, 'en')}</b> yuan of own-burden costs, of which the national sharing rules let "
            f"the account pay {money(allowed, 'en')}"
            + (f" ({money(y.not_allowed, 'en')} not payable; see the table for why)" if y.not_allowed > 0 else "")
            + f"; the account (balance {money(y.start, 'en')} + credit {money(y.credit, 'en')}) pays "
            f"<b>{money(y.paid, 'en')}</b>, or <b>{words.percent(share, lang, 0)}</b>"
            + (f" (old credit: {money(y_old.paid, 'en')}, {words.percent(share_old, lang, 0)})" if y_old else "") + ". "
            + f"Over {len(new.years)} years the new credit covers <b>{words.percent(new.coverage, lang, 0)}</b>"
            + (f", the old one <b>{words.percent(old.coverage, lang, 0)}</b>" if old else "")
            + (f"; with the new credit the balance falls short from {new.first_short_year}"
               if new.first_short_year else "; with the new credit the balance suffices every year")
            + ".")


def plan_sentence(p: fam.FamilyPlan, lang: str = "zh") -> str:
    """The live sentence: credits, this year's coverage, the multi-year picture, old vs new."""
    c = p.comparison
    region = load_region(p.region).name[lang]
    status = words.STATUS[p.enrollee.status][lang]
    zh = lang == "zh"
    if zh:
        head = (f"按{region}{p.date}的规则，{status}每年个人账户划入 <b>{yuan(c.credit_old, lang)}</b>（旧）→ "
                f"<b>{yuan(c.credit_new, lang)}</b>（新）。")
    else:
        head = (f"Under {region}'s rules on {p.date}, the {status}'s yearly account credit goes from "
                f"<b>{yuan(c.credit_old, lang)}</b> (old) to <b>{yuan(c.credit_new, lang)}</b> (new). ")
    if p.new is None:
        return head + ("新规则下的家庭覆盖无法算出（见下方未查到的规则）。" if zh else
                       "Coverage under the new rule cannot be worked out (see the rules not found below).")
    return head + (_sentence_zh(p) if zh else _sentence_en(p))


def key_numbers(p: fam.FamilyPlan) -> str:
    """One checked line for the notebook (nbval)."""
    c = p.comparison
    parts = [f"credit {money(c.credit_old, 'en')} -> {money(c.credit_new, 'en')}"]
    for s in (p.old, p.new):
        if s is None:
            continue
        y = s.years[0]
        parts.append(f"{s.regime} {y.year}: paid {money(y.paid, 'en')} of {money(y.need - y.not_allowed, 'en')} "
                     f"allowed ({money(y.not_allowed, 'en')} not allowed); {len(s.years)}y coverage "
                     f"{words.percent(s.coverage, 'en', 0)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- tables
def year_table(p: fam.FamilyPlan, lang: str) -> str:
    """The first year, cost by cost: what the account paid under the old and new credit."""
    base = p.new or p.old
    if base is None:
        return ""
    old_items = p.old.years[0].items if p.old else [None] * len(base.years[0].items)
    new_items = p.new.years[0].items if p.new else [None] * len(base.years[0].items)
    rows = []
    for io, inew in zip(old_items, new_items):
        it = inew or io
        why = "" if it.reason is None else html.escape(reason_text(it.reason, lang))
        amount = money(it.amount, lang)
        if io is not None and inew is not None and io.amount != inew.amount:
            amount = f"{money(io.amount, lang)} → {money(inew.amount, lang)}"
        rows.append([html.escape(person_label(p, it.person, lang)), ITEMS[it.kind][lang], amount,
                     "—" if io is None else money(io.paid, lang), "—" if inew is None else money(inew.paid, lang), why])
    head = [TXT[k][lang] for k in ("person", "item", "amount", "paid_old", "paid_new", "why_not")]
    cap = f"{base.years[0].year}年明细" if lang == "zh" else f"{base.years[0].year} in detail"
    return f"<b class='medinsure-caption'>{cap}</b>" + table(head, rows, cap, "table", numeric=(2, 3, 4))


def years_table(p: fam.FamilyPlan, lang: str) -> str:
    """Year by year: paid / payable and the year-end balance, old and new."""
    base = p.new or p.old
    if base is None:
        return ""
    head = [TXT["year"][lang]]
    for s in (p.old, p.new):
        if s is None:
            continue
        lab = TXT[s.regime][lang]
        head += [f"{lab}：账户付" if lang == "zh" else f"{lab}: paid",
                 f"{lab}：年末余额" if lang == "zh" else f"{lab}: year-end balance"]
    rows = []
    for k, y in enumerate(base.years):
        row = [str(y.year)]
        for s in (p.old, p.new):
            if s is not None:
                row += [f"{money(s.years[k].paid, lang)} / {money(s.years[k].need - s.years[k].not_allowed, lang)}",
                        money(s.years[k].end, lang)]
        rows.append(row)
    summary = "逐年（账户付 / 可付费用）" if lang == "zh" else "Year by year (paid / payable costs)"
    return details(summary, table(head, rows, summary, "table", numeric=range(1, len(head))))


def rules_now(p: fam.FamilyPlan, lang: str) -> str:
    """The national rules in force on the plan's date: who may share, what may be paid."""
    scope, uses = p.scope, p.uses
    who = "、".join(RELATIONS[r][lang] for r in scope["relatives"]) if lang == "zh" else \
        ", ".join(RELATIONS[r][lang] for r in scope["relatives"])
    allowed = [k for k, v in uses["uses"].items() if v == "allowed"]
    forbidden = [k for k, v in uses["uses"].items() if v == "forbidden"]
    sep = "、" if lang == "zh" else "; "
    if lang == "zh":
        text = (f"<b>{p.date}适用的全国规则</b>：可以共济的人——{who}（{scope.date}起，{AREAS[scope['area']]['zh']}）。"
                f"可以支付：{sep.join(USES[k]['zh'] for k in allowed)}。"
                f"不得支付：{sep.join(USES[k]['zh'] for k in forbidden)}。")
    else:
        text = (f"<b>National rules on {p.date}</b>: who may share — {who} (from {scope.date}; "
                f"{AREAS[scope['area']]['en']}). May pay: {sep.join(USES[k]['en'] for k in allowed)}. "
                f"May not pay: {sep.join(USES[k]['en'] for k in forbidden)}.")
    return (f"<div class='medinsure-rules'>{text}"
            f"{cite_list(scope.references + uses.references, lang)}</div>")


def rules_history(lang: str) -> str:
    """Every national rule on who may share and what it pays, by date, with what the documents say."""
    scope = fam.load("mutual_aid_scope")
    uses = fam.load("mutual_aid_uses")
    head = (["起始日期", "谁可以共济", "地域", "居民医保缴费", "长护险缴费", "禁止", "出处"] if lang == "zh" else
            ["From", "Who may share", "Reach", "Resident contribution", "LTC contribution", "Not allowed", "Source"])
    rows = []
    for e in scope.entries:
        u = uses.at(e.date)
        sep = "、" if lang == "zh" else ", "
        rows.append([str(e.date) + ("" if e.date_exact else ("（发布日）" if lang == "zh" else " (published)")),
                     sep.join(RELATIONS[r][lang] for r in e["relatives"]),
                     AREAS[e["area"]][lang],
                     USE_STATUS[u["uses"]["resident_premium"]][lang],
                     USE_STATUS[u["uses"]["ltc_premium"]][lang],
                     sep.join(USES[k][lang] for k, v in u["uses"].items() if v == "forbidden"),
                     cite_list(e.references, lang)])
    how = {True: both("原文", "quoted"), False: both("要点转述", "paraphrased")}
    says = "".join(f"<li><b>{e.date}</b>（{how[e['verbatim']]['zh']}）：{html.escape(e['says'][lang])}</li>"
                   if lang == "zh" else
                   f"<li><b>{e.date}</b> ({how[e['verbatim']]['en']}): {html.escape(e['says'][lang])}</li>"
                   for e in uses.entries)
    head2 = "文件怎么说" if lang == "zh" else "What the documents say"
    return table(head, rows, head[1], "table") + f"<p><b>{head2}</b></p><ul class='medinsure-says'>{says}</ul>"


def sources_details(refs, lang: str) -> str:
    return f"<details><summary>{TXT['sources'][lang]}</summary>{cite_list(refs, lang)}</details>"


def sources_html(lang: str = "zh") -> str:
    """Every document behind the mutual-aid data, with where it was read."""
    refs = unique_references(r for pf in fam.load_all().values() for e in pf.entries for r in e.references)
    return cite_list(refs, lang)


# --------------------------------------------------------------------------- export (CSV, cite box)
EXPORT_HEADER = ["year", "regime", "paid_by_account_yuan", "payable_costs_yuan", "balance_at_year_end_yuan"]


def chart_rows(d: dict) -> list[tuple]:
    """The chart's bars, steps and balance line: one row per year and regime (old, new)."""
    return [(year, regime, d[regime]["paid"][i], d[regime]["allowed"][i], d[regime]["end"][i])
            for regime in ("old", "new") if regime in d for i, year in enumerate(d["years"])]


def rule_note(p: fam.FamilyPlan, lang: str) -> str:
    region = load_region(p.region).name[lang]
    status = words.STATUS[p.enrollee.status][lang]
    return (f"{region} · {status} · {p.date} 的规则 · 账户余额 {money(p.start_balance)} 元" if lang == "zh" else
            f"{region} · {status} · rules on {p.date} · account balance {money(p.start_balance, 'en')} yuan")


def export_bundle(p: fam.FamilyPlan, chart, lang: str) -> ExportBundle:
    """The chart and its data. ``chart`` is the page's live chart (``LiveFamily``: ``.export(fmt,
    footer)`` draws it with matplotlib on a click, ``.data`` is what it shows) or a matplotlib
    ``FamilyChart`` (``.fig``, ``.data``)."""
    title = f"{TXT['chart_left'][lang]} · {TXT['chart_right'][lang]}"
    draw = chart.export if hasattr(chart, "export") else figure_drawer(lambda: chart.fig)
    return ExportBundle(f"medinsure-family-{p.region}-{p.date}", rule_note(p, lang), tuple(p.references), lang,
                        charts=(ChartFile("family", title, draw, EXPORT_HEADER, chart_rows(chart.data)),))


def citable_sentence(p: fam.FamilyPlan, lang: str) -> str:
    return citable_text(plan_sentence(p, lang), p.references, lang)

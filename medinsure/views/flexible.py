"""The flexible-employment page in words: the sentence, the all-regions table, what is not known,
the key-number line and the sources. Reads results of :mod:`medinsure.flexible`."""

from __future__ import annotations

import datetime as dt
import html

from medinsure.flexible import FlexibleOutlook, NoRules, comparable_regions, example_contribution
from medinsure.rules import load_region
from medinsure.views import unknowns, words
from medinsure.views.charts.flexible import CHART
from medinsure.views.exports import ChartFile, ExportBundle, citable_text
from medinsure.views.html import list_box
from medinsure.views.html import sentence as sentence_box
from medinsure.views.words import UNKNOWN, addresses, both, money, rate

TXT = {
    "title": {"zh": "灵活就业人员：缴多少、有没有个人账户、门诊统筹报多少？",
              "en": "Flexibly employed: what they pay, whether they get an account, what outpatient pooling pays"},
    "table": {"zh": "各地区对比表（点击展开）", "en": "All regions, side by side (click to open)"},
    "sources": {"zh": "出处（点击展开）", "en": "Sources (click to open)"},
}
CHOICE = {
    "floor": {"zh": "缴费基数下限", "en": "the base floor"},
    "default": {"zh": "默认基数", "en": "the default base"},
    "ceiling": {"zh": "缴费基数上限", "en": "the base ceiling"},
    "amount": {"zh": "所选基数", "en": "the chosen base"},
}
POOLING = {
    "in_service": {"zh": "按在职职工规则", "en": "the in-service employees' rules"},
    "retired": {"zh": "按退休人员规则", "en": "the retirees' rules"},
    "none": {"zh": "灵活就业人员不享受", "en": "none for flexibly employed people"},
    "no_pooling": {"zh": "当时没有普通门诊统筹", "en": "no general outpatient pooling then"},
    "unknown": {"zh": "规则未查到", "en": "rules not found"},
}
FIELD = {
    "base": {"zh": "缴费基数", "en": "contribution base"},
    "base_range": {"zh": "缴费基数上下限（所选基数是否允许无法核对）",
                   "en": "base floor and ceiling (whether the chosen base is allowed cannot be checked)"},
    "rate": {"zh": "灵活就业费率", "en": "flexible-employment rate"},
    "fixed_monthly": {"zh": "定额缴费（大额等）", "en": "fixed add-on"},
    "credit_new": {"zh": "个人账户划入", "en": "account credit"},
    "credit_old": {"zh": "改革前个人账户划入", "en": "account credit before the reform"},
    "reimbursement_new": {"zh": "门诊统筹报销", "en": "outpatient pooling"},
}


def account_text(o: FlexibleOutlook, lang: str) -> str:
    """'不划入' / '2% of the own base' / '未查到'."""
    if o.account == "none":
        return "不建个人账户，不划入" if lang == "zh" else "no account is credited"
    if o.account == "unknown":
        return UNKNOWN[lang]
    if o.account == "share_of_base" and o.account_rate is not None:
        return f"按本人缴费基数的 {rate(o.account_rate)} 划入" if lang == "zh" else \
            f"{rate(o.account_rate)} of the own base"
    return "有划入（见出处）" if lang == "zh" else "credited (see sources)"


def date_options() -> list[str]:
    """Every day on which some region's rules change (for the rules-on dropdown)."""
    days: set[dt.date] = set()
    for slug in comparable_regions():
        reg = load_region(slug)
        days.add(reg.data_from)
        for pf in reg.files.values():
            days.update(d for d in pf.dates if d >= reg.data_from)
        if reg.reform_date:
            days.add(reg.reform_date)
    return [d.isoformat() for d in sorted(days)]


def region_options() -> list[tuple[str, str]]:
    return [(f"{load_region(s).name['zh']} {load_region(s).name['en']}", s) for s in comparable_regions()]



def no_rules_text(r: NoRules) -> dict:
    """Why a region has no row, {zh, en}."""
    a = r.args
    if r.reason == "no_data":
        return both(f"{a['data_from']}以前没有数据", f"no data before {a['data_from']}")
    lo = "?" if a["floor"] is None else money(a['floor'])
    hi = "?" if a["ceiling"] is None else money(a['ceiling'])
    return both(f"所选基数 {money(a['base'])} 元/月不在本地区缴费基数范围 {lo}–{hi} 元/月内",
                f"the chosen base {money(a['base'])} yuan/month is outside this region's range "
                f"{lo}–{hi} yuan/month")


def unknown_note(u: dict) -> dict:
    """The note of an 'unknown' item: the data's note, or a word that there is none."""
    return words.unknown_note(u)


def sentence(o: FlexibleOutlook | NoRules, lang: str) -> str:
    """The live sentence for the focus region."""
    zh = lang == "zh"
    if isinstance(o, NoRules):
        why = no_rules_text(o)
        return (f"<b>{html.escape(o.name['zh'])}</b>：{html.escape(why['zh'])}。" if zh else
                f"<b>{html.escape(o.name['en'])}</b>: {html.escape(why['en'])}.")
    name = html.escape(o.name[lang])
    choice = CHOICE[o.base_choice][lang]
    lvl = words.LEVEL[o.level][lang]
    pool = POOLING.get(o.pooling, POOLING["unknown"])[lang]
    if zh:
        if o.base_monthly is None:
            pay = f"{choice}未查到，缴费额无法算出"
        elif o.rate is None:
            pay = f"以{choice} {money(o.base_monthly)} 元/月缴费，但费率未查到，缴费额无法算出"
        else:
            pay = (f"以{choice} {money(o.base_monthly)} 元/月按 {rate(o.rate)} 缴费"
                   f"（{money(o.rate_part_monthly)} 元/月）")
            if o.fixed_monthly is None:
                pay += "，另有定额缴费未查到，每月合计<b>无法算出</b>"
            else:
                extra = f"，另加每月定额 {money(o.fixed_monthly)} 元" if o.fixed_monthly else ""
                pay += (f"{extra}，每月 <b>{money(o.contribution_monthly)}</b> 元、每年 "
                        f"<b>{money(o.contribution_yearly)}</b> 元")
        return (f"按<b>{name}</b> {o.date} 施行的规则，灵活就业人员{pay}；个人账户：<b>{account_text(o, 'zh')}</b>"
                f"（每年 {words.yuan(o.credit_new)}）；门诊统筹：{pool}，每年 {money(o.outpatient_yearly)} 元门诊费用"
                f"（{lvl}）报销 <b>{words.yuan(o.reimbursement_new)}</b>。")
    if o.base_monthly is None:
        pay = f"{choice} was not found, so the contribution cannot be worked out"
    elif o.rate is None:
        pay = (f"on {choice} of {money(o.base_monthly, 'en')} yuan a month: the rate was not found, "
               "so the contribution cannot be worked out")
    else:
        pay = (f"on {choice} of {money(o.base_monthly, 'en')} yuan a month at {rate(o.rate)} "
               f"({money(o.rate_part_monthly, 'en')} a month)")
        if o.fixed_monthly is None:
            pay += "; a fixed add-on was <b>not found</b>, so the total cannot be worked out"
        else:
            extra = f" plus a fixed {money(o.fixed_monthly, 'en')} a month" if o.fixed_monthly else ""
            pay += (f"{extra} pays <b>{money(o.contribution_monthly, 'en')}</b> a month, "
                    f"<b>{money(o.contribution_yearly, 'en')}</b> a year")
    return (f"Under <b>{name}</b>'s rules in force on {o.date}, a flexibly employed person {pay}. "
            f"Account: <b>{account_text(o, 'en')}</b> ({money(o.credit_new, 'en')} a year). "
            f"Outpatient pooling: {pool} — <b>{money(o.reimbursement_new, 'en')}</b> of a "
            f"{money(o.outpatient_yearly, 'en')} yuan yearly bill at a {lvl}.")


def table_html(rows: list, focus: str, lang: str) -> str:
    """All regions side by side; 'not known for this region' where the data has no value."""
    head = (("地区", "缴费基数（元/月）", "费率", "每年缴费", "个人账户", "每年划入", "门诊统筹", "每年报销")
            if lang == "zh" else
            ("Region", "Base (yuan/month)", "Rate", "Contribution/yr", "Account", "Credit/yr",
             "Outpatient pooling", "Reimbursed/yr"))
    out = []
    for r in rows:
        style = " class='medinsure-focus'" if r.region == focus else ""
        if isinstance(r, NoRules):
            out.append(f"<tr{style}><td>{html.escape(r.name[lang])}</td>"
                       f"<td colspan='7'>{html.escape(no_rules_text(r)[lang])}</td></tr>")
            continue
        cells = [r.name[lang], money(r.base_monthly, lang), rate(r.rate, lang),
                 money(r.contribution_yearly, lang), account_text(r, lang), money(r.credit_new, lang),
                 POOLING.get(r.pooling, POOLING["unknown"])[lang], money(r.reimbursement_new, lang)]
        out.append(f"<tr{style}>" + "".join(f"<td>{html.escape(x)}</td>" for x in cells) + "</tr>")
    # written here, not with views/html.table: the focus row is marked and a region without rules
    # spans the row (the shared class gives the look)
    return ("<table class='medinsure-table medinsure-flexible-table'><thead><tr>"
            + "".join(f"<th>{h}</th>" for h in head)
            + "</tr></thead><tbody>" + "".join(out) + "</tbody></table>")


def sources_html(rows: list) -> str:
    items, seen = [], set()
    for r in rows:
        if isinstance(r, NoRules):
            continue
        for ref in r.references:
            if ref in seen:
                continue
            seen.add(ref)
            links = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                             for i, u in enumerate(ref.read_at, 1) if u.startswith("http"))
            items.append(f"<li>{html.escape(r.name['zh'])} {html.escape(r.name['en'])}: "
                         f"{html.escape(ref.cite())} {links}</li>")
    return ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
            "3P-low 低可靠 / DERIVED 推算</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>")


def page_sources_html(rows: list) -> str:
    """The sources of every row, then the Minqing worked example's."""
    extra = example_contribution("minqing", "2020-06-01").entry.references
    items = "".join(f"<li>福州闽清 Minqing: {html.escape(r.cite())} "
                    + " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                               for i, u in enumerate(addresses(r), 1)) + "</li>" for r in extra)
    return sources_html(rows).replace("</ol>", items + "</ol>")


def sentence_html(o: FlexibleOutlook | NoRules, lang: str) -> str:
    """The live sentence box for the focus region."""
    return sentence_box(sentence(o, lang))


# what cannot be worked out when a field is not found
CONSEQUENCE = {
    "base": both("缴费额", "the contribution"), "rate": both("缴费额", "the contribution"),
    "fixed_monthly": both("每月缴费合计", "the monthly total"),
    "credit_new": both("账户划入额", "the account credit"), "credit_old": both("改革前的账户划入额", "the credit before the reform"),
    "reimbursement_new": both("门诊统筹报销额", "the reimbursement"),
}


def unknown_sentence(u: dict, place: str, lang: str) -> str:
    """'南京市的灵活就业费率未查到，所以缴费额无法算出。' (plain text)."""
    label = FIELD.get(u["field"], FIELD["base"])[lang]
    if u["field"] == "base_range":
        return (f"{place}的缴费基数上下限未查到，所以无法核对所选基数是否允许。" if lang == "zh" else
                f"{place}'s base floor and ceiling were not found, so whether the chosen base is allowed cannot be checked.")
    then = CONSEQUENCE.get(u["field"], CONSEQUENCE["base"])[lang]
    return (f"{place}的{label}未查到，所以{then}无法算出。" if lang == "zh" else
            f"{place}'s {label} was not found, so {then} cannot be worked out.")


def notice_html(o: FlexibleOutlook | NoRules, lang: str) -> str:
    """What was not found for the focus region: a sentence each, the data's note folded."""
    if isinstance(o, NoRules) or not o.unknown:
        return ""
    seen, items = set(), []
    for u in o.unknown:
        note = unknown_note(u)[lang]
        key = (u["field"], note)
        if key in seen:
            continue
        seen.add(key)
        items.append(html.escape(unknown_sentence(u, o.name[lang], lang)) + unknowns.folded_note([note], lang))
    return list_box("unknown", unknowns.UNKNOWN_HEAD[lang], items)


def key_numbers_line(o: FlexibleOutlook | NoRules | None) -> str:
    """One line of the numbers notebook 07 checks (nbval compares this output)."""
    if o is None:
        return "no result"
    if isinstance(o, NoRules):
        return f"{o.region}: no rules"
    return (f"{o.region} {o.date}: contribution {money(o.contribution_monthly, 'en')}/month "
            f"{money(o.contribution_yearly, 'en')}/year; account {o.account} {money(o.credit_new, 'en')}; "
            f"outpatient {o.pooling} {money(o.reimbursement_new, 'en')}")


# --------------------------------------------------------------------------- export (CSV, cite box)
EXPORT_MORE = {"zh": "上列为{name}的来源；其余各地区的来源见 CSV 与本页来源列表",
               "en": "sources above are {name}'s; every other region's are in the CSV and the page's sources list"}
EXPORT_HEADER = ["region", "contribution_yuan_per_year", "account_credit_new_yuan_per_year",
                 "outpatient_reimbursement_new_yuan_per_year"]


def chart_rows(d: dict) -> list[tuple]:
    """The chart's bars, top region first (regions where nothing is known are left out, as drawn)."""
    return [(slug, c, a, r) for slug, c, a, r in zip(d["regions"], d["contribution"], d["credit"],
                                                       d["reimbursement"])][::-1]


def export_references(rows: list) -> tuple:
    return tuple(dict.fromkeys(ref for r in rows if not isinstance(r, NoRules) for ref in r.references))


def export_bundle(rows: list, focus: FlexibleOutlook | NoRules, chart, date: str, lang: str) -> ExportBundle:
    """The regions chart and its data. ``chart`` is the page's live chart (``LiveFlexibleChart``) or a
    ``FlexibleChart``: its ``.data`` is the CSV, its ``export(fmt, footer)`` draws the PNG/SVG (matplotlib,
    when the file is asked for)."""
    name = focus.name[lang]
    note = (f"灵活就业人员 · {date} 施行的规则 · 详看 {name}" if lang == "zh" else
            f"flexibly employed · rules in force on {date} · focus {name}")
    drawn = () if isinstance(focus, NoRules) else tuple(focus.references)
    return ExportBundle(f"medinsure-flexible-{date}", note, export_references(rows), lang,
                        drawn_references=drawn, drawn_more=EXPORT_MORE[lang].format(name=name),
                        charts=(ChartFile("regions", CHART["title"][lang].replace("\n", " "), chart.export,
                                          EXPORT_HEADER, chart_rows(chart.data)),))


def citable_sentence(focus: FlexibleOutlook | NoRules, lang: str) -> str:
    refs = () if isinstance(focus, NoRules) else focus.references
    return citable_text(sentence(focus, lang), refs, lang)

"""The fund page's words: figures as text, the sentence, the table of figures, the sources list.

Reads the results of :mod:`medinsure.fund`; computes no policy. The charts are in
:mod:`medinsure.views.charts.fund`.
"""

from __future__ import annotations

import html
import re

from medinsure import fund
from medinsure.fund import RELEASE_LABEL, RELEASE_TITLE, UNITS, Derived, Figure, FundView
from medinsure.rules import Reference, load_region
from medinsure.views.html import sentence as sentence_html
from medinsure.views.html import table
from medinsure.views.words import addresses, money, percent

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

TXT = {
    "title": {"zh": "医保基金的账本：统筹基金与个人账户",
              "en": "The fund's books: pooled fund and personal accounts"},
    "table": {"zh": "本年全部数字与出处（点击展开）", "en": "All figures of the year with sources (click to open)"},
    "national": {"zh": "全国", "en": "National"},
    "none": {"zh": "无", "en": "none"},
    "head": {"zh": ("地区", "指标", "数值", "来源", "可靠性", "出处", "说明"),
             "en": ("Area", "Figure", "Value", "Release", "Reliability", "Source", "Note")},
    "derived": {"zh": "推算", "en": "derived"},
}
BASIS_LABEL = {"balance": {"zh": "累计结存", "en": "cumulative balance"},
               "income": {"zh": "当年收入", "en": "income of the year"},
               "spending": {"zh": "当年支出", "en": "spending of the year"}}
RELIABILITY_LINE = ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
                    "3P-low 低可靠 / DERIVED 推算</p>")


# --------------------------------------------------------------------------- numbers as text
def format_value(f: Figure | None, lang: str = "zh") -> str:
    """'510.18 亿元', '≈ 33,300 亿元', '> 7.8 亿人次', shares as percent; None -> not found."""
    if f is None or f.value is None:
        return "未查到" if lang == "zh" else "not found"
    pre = {"approx": "≈ ", "more_than": "超过 " if lang == "zh" else "> "}.get(f.qualifier or "", "")
    if f.unit == "share":
        return pre + percent(f.value, lang, 2)
    if f.unit == "growth":
        sign = "+" if f.value > 0 else ""
        return f"{pre}{sign}{f.value * 100:.2f}".rstrip("0").rstrip(".") + "%"
    if f.unit == "count":
        return f"{pre}{f.value:,.0f}"
    text = _num(f.value)
    if f.unit == "100m_person_times":
        text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{pre}{text} {UNITS[f.unit][lang]}"


def _num(x: float) -> str:
    """Whole numbers without decimals (as the bulletins print them), others to two."""
    return f"{x:,.0f}" if x == round(x) else money(x)


def formula(d: Derived) -> dict:
    """The arithmetic of a derived number with its numbers, {zh, en}."""
    if d.measure == "in_service_ratio":
        x, y = _num(d.inputs[0].value), _num(d.inputs[1].value)
        return {"zh": f"在职 {x} 万人 ÷ 退休 {y} 万人 = {d.value:.2f}",
                "en": f"in service {x} ÷ retired {y} (10,000 persons) = {d.value:.2f}"}
    pooled, account = d.inputs[0].value, d.inputs[1].value
    lab = BASIS_LABEL[d.basis]
    return {
        "zh": f"个人账户{lab['zh']} {money(account)} ÷ (统筹基金 {money(pooled)} + 个人账户 "
              f"{money(account)}) = {percent(d.value, 'zh', 2)}",
        "en": f"accounts' {lab['en']} {money(account)} ÷ (pooled {money(pooled)} + accounts "
              f"{money(account)}) = {percent(d.value, 'en', 2)}"}


def release_name(year: int, release: str, lang: str) -> str:
    t = RELEASE_TITLE[release]
    return f"{year}年{t['zh']}" if lang == "zh" else f"{t['en']} {year}"


def years_text(pairs: list[tuple[int, str]], lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{y} {RELEASE_LABEL[r][lang]}" for y, r in pairs) or TXT["none"][lang]


def area_name(area: str, lang: str) -> str:
    return TXT["national"][lang] if area == "national" else load_region(area).province[lang]


# --------------------------------------------------------------------------- titles and links
def original_title(title: str) -> str:
    """A Chinese document title marked as such (kept in English mode as the original name)."""
    return f"<span class='medinsure-ref' lang='zh'>{html.escape(title)}</span>"


def without_original_titles(text: str) -> str:
    """The text minus ``<span lang='zh'>…</span>`` (what must have no Chinese in English mode)."""
    return re.sub(r"<span class='medinsure-ref' lang='zh'>.*?</span>", "", text, flags=re.S)


def links(ref: Reference) -> str:
    out = []
    for i, u in enumerate(addresses(ref), 1):
        out.append(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>")
    return " ".join(out)


# --------------------------------------------------------------------------- the page
def sentence(v: FundView, lang: str) -> str:
    b = BASIS_LABEL[v.basis][lang]
    parts = []
    if v.share is not None:
        acct, pooled = v.share.inputs[1].value, v.share.inputs[0].value
        rel = RELEASE_LABEL[v.share.release][lang]
        if lang == "zh":
            parts.append(f"{v.year}年（{rel}）职工医保个人账户{b} <b>{money(acct)}</b> 亿元，占职工医保基金"
                         f"（统筹基金 {money(pooled)} + 个人账户 {money(acct)}）的 <b>{percent(v.share.value, lang, 2)}</b>。")
        else:
            parts.append(f"In {v.year} ({rel}) the personal accounts' {b} was <b>{money(acct)}</b> (100 million "
                         f"yuan), <b>{percent(v.share.value, lang, 2)}</b> of the employee fund (pooled {money(pooled)} + "
                         f"accounts {money(acct)}).")
    else:
        have = years_text(list(v.share_years), lang)
        parts.append(f"{v.year}年没有同一来源同时给出统筹基金和个人账户的{b}，无法计算个人账户占比；可算的年份：{have}。"
                     if lang == "zh" else
                     f"For {v.year} no single release gives both the pooled fund's and the accounts' {b}, "
                     f"so the accounts' share cannot be computed; years that can: {have}.")
    if v.ratio is not None:
        rel = RELEASE_LABEL[v.ratio.release][lang]
        parts.append(f"在职职工与退休人员之比为 <b>{v.ratio.value:.2f}</b>（{rel}：{formula(v.ratio)['zh']}）。"
                     if lang == "zh" else
                     f"There were <b>{v.ratio.value:.2f}</b> in-service enrollees per retiree ({rel}: "
                     f"{formula(v.ratio)['en']}).")
    return " ".join(parts)


def sentence_box(v: FundView, lang: str) -> str:
    return sentence_html(sentence(v, lang))


def figures_table(figs: tuple[Figure, ...] | list[Figure], lang: str) -> str:
    """Every figure with release, reliability, links and note (quotes in Chinese mode only)."""
    rows = []
    for f in figs:
        ref = f.reference
        note = (f.note or {}).get(lang, "")
        if f.quote and lang == "zh":
            note = (note + " " if note else "") + f"原文：“{f.quote}”"
        rel = RELEASE_LABEL[f.release][lang]
        src = (original_title(ref.title) if lang == "zh"
               else f"{html.escape(release_name(f.year, f.release, 'en'))} — {original_title(ref.title)}")
        mark = ref.reliability + (f" ({TXT['derived'][lang]})" if f.derived else "")
        rows.append((area_name(f.area, lang), html.escape(f.label[lang]), html.escape(format_value(f, lang)),
                     rel, mark, f"{src} {links(ref)}", html.escape(note)))
    return table(TXT["head"][lang], rows, kind="table", numeric=(2,))


def sources_html(refs: list[Reference] | None = None) -> str:
    """Numbered list of the documents behind the statistics, with where they were read."""
    if refs is None:
        refs = fund.source_references()
    items = [f"<li>{original_title(r.title)}{'，' + html.escape(r.issuer) if r.issuer else ''}"
             f"{'，' + html.escape(r.number) if r.number else '，文号：无/未查到 (no number)'}"
             f"{'，' + html.escape(str(r.published)) if r.published else ''} [{r.reliability}] {links(r)}</li>"
             for r in refs]
    return RELIABILITY_LINE + "<ol class='medinsure-sources'>" + "".join(items) + "</ol>"


def key_numbers_line() -> str:
    """One line of the numbers notebook 08 checks (nbval compares this output)."""
    shares = ", ".join(f"{d.year} {d.release} {percent(d.value, 'en', 2)}" for d in fund.share_points())
    nat, hun, stated = fund.hunan_shares()
    ratio = fund.in_service_ratio(2021)
    net = fund.figure("employee_fund.account_net", 2024, "gongbao")
    out = fund.figure("benefit_use.outpatient_benefit_uses", 2023)
    return (f"account share (balance): {shares}; Hunan {hun.year} {percent(hun.value, 'en', 2)} (printed "
            f"{format_value(stated, 'en')}); in-service:retired 2021 {ratio.value:.2f}; "
            f"accounts net 2024 {money(net.value)}; outpatient uses 2023 {out.value:g}")

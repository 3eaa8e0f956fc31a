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
from medinsure.views.exports import ChartFile, ExportBundle, citable_text
from medinsure.views.html import sentence as sentence_html
from medinsure.views.html import table
from medinsure.views.words import addresses, data_note, money, percent

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
        note = data_note(f.note, lang)
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


# --------------------------------------------------------------------------- export (CSV, cite box)
EXPORT_TXT = {
    "share": {"zh": "职工医保基金：统筹基金与个人账户（亿元）", "en": "Employee fund: pooled fund and accounts (100 million yuan)"},
    "hunan": {"zh": "个人账户占职工医保基金累计结余的比例：全国与湖南", "en": "Accounts' share of the employee fund balance: nation and Hunan"},
    "outpatient": {"zh": "职工医保门诊待遇人次与家庭共济（亿人次）", "en": "Employee outpatient benefit uses and family mutual aid"},
    "note": {"zh": "{year}年 · {basis} · {release} · 国家与湖南医保统计（公报/快报）",
             "en": "{year} · {basis} · {release} · national and Hunan medical-insurance statistics (bulletins, quick reports)"},
    "release": {"best": {"zh": "公报优先", "en": "bulletin first"}, "gongbao": {"zh": "仅公报", "en": "bulletins only"},
                "kuaibao": {"zh": "仅快报", "en": "quick reports only"}},
    "trend": {"zh": "个人账户占职工医保基金{basis}的比例由 {first} {how} {last}。",
              "en": "The accounts' share of the employee fund's {basis} {how} from {first} to {last}."},
    "down": {"zh": "降至", "en": "fell"}, "up": {"zh": "升至", "en": "rose"}, "same": {"zh": "仍为", "en": "stayed"},
}
SHARE_HEADER = ["year", "release", "pooled_100m_yuan", "accounts_100m_yuan", "account_share_percent"]
HUNAN_HEADER = ["area", "year", "release", "pooled_100m_yuan", "accounts_100m_yuan", "account_share_percent",
                "printed_share_percent"]
OUTPATIENT_HEADER = ["figure", "year", "release", "value", "unit"]


def share_rows(basis: str, release: str | None) -> list[tuple]:
    """The share chart's bars: pooled fund, accounts and the accounts' share (percent) per year."""
    return [(d.year, d.release, d.inputs[0].value, d.inputs[1].value, d.value * 100)
            for d in fund.share_points(basis, release)]


def hunan_rows() -> list[tuple]:
    nat, hun, stated = fund.hunan_shares()
    return [(d.area, d.year, d.release, d.inputs[0].value, d.inputs[1].value, d.value * 100,
             stated.value * 100 if d is hun and stated.value is not None else None) for d in (nat, hun)]


def outpatient_rows() -> list[tuple]:
    uses = fund.series("benefit_use.outpatient_benefit_uses", release="kuaibao", with_unknown=True)
    aid = fund.figure("mutual_aid_use.inprovince_mutual_aid_uses", max(fund.years()))
    return ([("outpatient_benefit_uses", p.year, p.release, p.value, p.unit) for p in uses]
            + [("inprovince_mutual_aid_uses", aid.year, aid.release, aid.value, aid.unit)])


def chart_references(v: FundView) -> tuple[Reference, ...]:
    """The documents behind the three charts and the sentence, each once."""
    refs = [f.reference for d in fund.share_points(v.basis, v.release) for f in d.inputs]
    refs += [f.reference for d in fund.hunan_shares()[:2] for f in d.inputs] + [fund.hunan_shares()[2].reference]
    refs += [p.reference for p in fund.series("benefit_use.outpatient_benefit_uses", release="kuaibao",
                                              with_unknown=True)]
    refs += [fund.figure("mutual_aid_use.inprovince_mutual_aid_uses", max(fund.years())).reference]
    if v.ratio is not None:
        refs += [f.reference for f in v.ratio.inputs]
    return tuple(dict.fromkeys(refs))


def export_bundle(v: FundView, lang: str, draws: dict) -> ExportBundle:
    """The fund page's three charts with their data; ``draws`` maps share/hunan/outpatient to drawers."""
    release = EXPORT_TXT["release"][v.release or "best"][lang]
    note = EXPORT_TXT["note"][lang].format(year=v.year, basis=BASIS_LABEL[v.basis][lang], release=release)
    t = EXPORT_TXT
    charts = (ChartFile("account-share", t["share"][lang], draws["share"], SHARE_HEADER, share_rows(v.basis, v.release)),
              ChartFile("hunan", t["hunan"][lang], draws["hunan"], HUNAN_HEADER, hunan_rows()),
              ChartFile("outpatient", t["outpatient"][lang], draws["outpatient"], OUTPATIENT_HEADER, outpatient_rows()))
    return ExportBundle(f"medinsure-fund-{v.year}-{v.basis}", note, chart_references(v), lang, charts=charts)


def _share_in(d: Derived, lang: str) -> str:
    name, share = release_name(d.year, d.release, lang), percent(d.value, lang, 2)
    return f"{name}的 {share}" if lang == "zh" else f"{share} ({name})"


def citable_sentence(v: FundView, lang: str) -> str:
    """The page's sentence, the share's trend over the releases, and the documents."""
    pts = fund.share_points(v.basis, v.release)
    trend = ""
    if len(pts) > 1:
        first, last = pts[0], pts[-1]
        how = "down" if last.value < first.value else "up" if last.value > first.value else "same"
        trend = EXPORT_TXT["trend"][lang].format(
            basis=BASIS_LABEL[v.basis][lang], how=EXPORT_TXT[how][lang],
            first=_share_in(first, lang), last=_share_in(last, lang))
    refs = [f.reference for d in pts for f in d.inputs]
    if v.ratio is not None:
        refs += [f.reference for f in v.ratio.inputs]
    return citable_text(f"{sentence(v, lang)} {trend}", dict.fromkeys(refs), lang)

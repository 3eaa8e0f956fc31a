"""The myths page's words: verdict badges, an answer as HTML, the overview, documents and sources.

Renders the answers of :mod:`medinsure.teaching.myths` (passed in; this module computes nothing).
"""

from __future__ import annotations

import html
import re

from medinsure.fund import RELEASE_TITLE
from medinsure.rules.sources import english_title
from medinsure.views.exports import DataFile, ExportBundle, citable_text
from medinsure.views.fund import RELIABILITY_LINE, links, original_title
from medinsure.views.html import sentence, table
from medinsure.views.words import money, percent

VERDICTS = {
    "false": {"zh": "不实", "en": "False"},
    "partly": {"zh": "部分属实", "en": "Partly true"},
    "true": {"zh": "属实", "en": "True"},
}
TXT = {
    "title": {"zh": "辟谣：关于个人账户改革的说法，用规则和数字核对",
              "en": "Myths about the account reform, checked against the rules and the numbers"},
    "all": {"zh": "全部说法一览（按当前示例）", "en": "All claims at a glance (for the current example)"},
}


def title_en(ref) -> str:
    """The English name of a cited document (data/sources/documents.yaml), or what kind it is."""
    en = english_title(ref.title)
    if en is not None:
        return en
    for words in RELEASE_TITLE.values():
        if words["zh"] in ref.title:
            year = ref.title[:4]
            return f"{words['en']} {year}" if year.isdigit() else words["en"]
    return "Chinese document (title in the original)"


def _fmt_live(x, lang: str) -> str:
    if x.value is None:
        return "未知" if lang == "zh" else "not known"
    if x.unit == "share":
        return percent(x.value, lang, 2)
    unit = {"yuan/year": {"zh": "元/年", "en": "yuan/year"}, "yuan/month": {"zh": "元/月", "en": "yuan/month"},
            "100m_yuan": {"zh": "亿元", "en": "100 million yuan"}}[x.unit][lang]
    return f"{money(x.value, lang)} {unit}"


def verdict_badge(verdict: str, lang: str) -> str:
    v = VERDICTS[verdict]
    return f"<span class='medinsure-verdict' data-verdict='{verdict}'>{v[lang]}</span>"


def citation_html(r, lang: str) -> str:
    """A reference in one line: title (English name first in English mode); 文号; date; issuer
    [reliability] where it was read."""
    zh = lang == "zh"
    name = original_title(r.title) if zh else f"{html.escape(title_en(r))} — {original_title(r.title)}"
    number = (f"<span class='medinsure-ref' lang='zh'>{html.escape(r.number)}</span>" if r.number
              else ("文号未查到" if zh else "no document number found"))
    date_txt = (f"发布 {r.published}" if zh else f"published {r.published}") if r.published else (
        (f"施行 {r.effective}" if zh else f"in force {r.effective}") if r.effective else ("日期未查到" if zh else "date not found"))
    if r.published and r.effective:
        date_txt += f"，施行 {r.effective}" if zh else f", in force {r.effective}"
    issuer = f"<span class='medinsure-ref' lang='zh'>{html.escape(r.issuer)}</span>" if r.issuer else ""
    sep = "；" if zh else "; "
    return f"{name}{sep}{number}{sep}{date_txt}{sep + issuer if issuer else ''} [{r.reliability}] {links(r)}"


def document_html(d, lang: str) -> str:
    """A document an answer rests on (``d.reference``), with the clause relied on (``d.clause``)."""
    clause = ""
    if d.clause:
        clause = (f"<br><q lang='zh'>{html.escape(d.clause['zh'])}</q>" if lang == "zh"
                  else f"<br><q>{html.escape(d.clause['en'])}</q>")
    return f"<li>{citation_html(d.reference, lang)}{clause}</li>"


def answer_html(m, a, lang: str) -> dict[str, str]:
    """The parts of one answer as HTML: sentence, explanation, live table, documents."""
    zh = lang == "zh"
    said = ("<div class='medinsure-claim'>"
            + (f"说法：“{html.escape(m.claim[lang])}”<br><small>出处：" if zh
               else f"Claim: \"{html.escape(m.claim[lang])}\"<br><small>Heard in: ")
            # a Chinese document title in the English line is a citation, marked as such
            + re.sub(r"(《[^》]*》)", r"<span class='medinsure-ref' lang='zh'>\1</span>", html.escape(m.heard_in[lang]))
            + (f" — <q lang='zh'>{html.escape(m.quote)}</q>" if zh else "") + "</small></div>")
    box = sentence(f"{verdict_badge(a.verdict, lang)} {a.headline[lang]}")
    text = html.escape(a.explanation[lang]).replace("&lt;span class=&#x27;medinsure-ref&#x27; lang=&#x27;zh&#x27;&gt;", "<span class='medinsure-ref' lang='zh'>").replace(
        "&lt;/span&gt;", "</span>")
    expl = f"<p class='medinsure-explanation'>{text}</p>"
    head = ("实时数字", "数值", "算法") if zh else ("Live number", "Value", "How")
    rows = [(html.escape(x.label[lang]), _fmt_live(x, lang), f"<code>{html.escape(x.how[lang])}</code>")
            for x in a.live]
    live = table(head, rows, kind="table", numeric=(1,))
    docs = (f"<div><b>{'依据的文件' if zh else 'Documents'}</b><ol class='medinsure-documents'>"
            + "".join(document_html(d, lang) for d in a.documents) + "</ol></div>")
    return {"claim": said, "sentence": box, "explanation": expl, "live": live, "documents": docs}


def overview_html(pairs, lang: str) -> str:
    """All claims with their verdicts (a table); ``pairs`` of (Myth, Answer)."""
    head = ("说法", "结论") if lang == "zh" else ("Claim", "Verdict")
    rows = [(html.escape(m.claim[lang]), verdict_badge(a.verdict, lang)) for m, a in pairs]
    return table(head, rows, label=TXT["all"][lang], kind="table")


def sources_html(references, myths, lang: str = "zh") -> str:
    """Every document the answers rest on, once, with 文号, date and where it was read; then the
    seed text each claim was read in (``myths``), cited the same way."""
    items = "".join(f"<li>{citation_html(r, lang)}</li>" for r in references)
    claims = "".join(f"<li>{html.escape(m.heard_in[lang])}: {citation_html(m.document.reference, lang)}</li>"
                     for m in myths)
    return (RELIABILITY_LINE + f"<ol class='medinsure-sources'>{items}</ol>"
            f"<p>{'说法的出处' if lang == 'zh' else 'Where the claims were read'}:</p><ul>{claims}</ul>")


def key_numbers_line(answers) -> str:
    """One line of the numbers notebook 09 checks (nbval compares this output)."""
    a = {x.myth: x for x in answers}
    return (f"m1 {a['m1'].verdict} wuhan {money(a['m1'].value('wuhan_in_service_credit'), 'en')} "
            f"hunan {money(a['m1'].value('hunan_in_service_credit'), 'en')}; "
            f"m2 {a['m2'].verdict} moved {money(a['m2'].value('moved_to_pool'), 'en')}; "
            f"m3 {a['m3'].verdict} pooled {money(a['m3'].value('pooled_cumulative_first'), 'en')} -> "
            f"{money(a['m3'].value('pooled_cumulative_last'), 'en')}; "
            f"m4 {a['m4'].verdict} own {money(a['m4'].value('own_old'), 'en')} = {money(a['m4'].value('own_new'), 'en')}; "
            f"m5 {a['m5'].verdict} cut {percent(a['m5'].value('cut_share'), 'en', 2)}; "
            f"m6 {a['m6'].verdict} wuhan {money(a['m6'].value('wuhan_flexible_credit'), 'en')} "
            f"guangzhou {money(a['m6'].value('guangzhou_flexible_credit'), 'en')}")


# --------------------------------------------------------------------------- export (CSV, cite box)
EXPORT_TXT = {
    "live": {"zh": "实时数字 · 说法“{claim}”：{verdict}", "en": "Live numbers · claim \"{claim}\": {verdict}"},
    "note": {"zh": "示例：月缴费基数 {wage} 元，月养老金 {pension} 元，年门诊费用 {outpatient} 元，规则日期 {date}",
             "en": "Example: wage {wage} yuan/month, pension {pension} yuan/month, outpatient {outpatient} yuan/year, rules on {date}"},
    "verdict": {"zh": "说法“{claim}”：{verdict}。{headline}", "en": "Claim \"{claim}\": {verdict}. {headline}"},
}
LIVE_HEADER = ["claim", "number", "label", "value", "unit"]


def live_rows(a) -> list[tuple]:
    """The answer's live numbers (shares in percent, so two decimals keep them exact to 0.01 %)."""
    return [(a.myth, x.key, x.label["en"], None if x.value is None else x.value * 100 if x.unit == "share" else x.value,
             "percent" if x.unit == "share" else x.unit) for x in a.live]


def export_bundle(m, a, params, lang: str):
    """The current claim's live numbers as CSV (the page has no chart)."""
    note = EXPORT_TXT["note"][lang].format(wage=money(params.wage, lang), pension=money(params.pension, lang),
                                           outpatient=money(params.outpatient, lang), date=params.date)
    refs = tuple(dict.fromkeys(d.reference for d in a.documents))
    return ExportBundle(f"medinsure-myth-{m.key}", note, refs, lang,
                        tables=(DataFile("live-numbers", EXPORT_TXT["live"][lang].format(
                            claim=m.claim[lang], verdict=VERDICTS[a.verdict][lang]), LIVE_HEADER, live_rows(a)),))


def citable_sentence(m, a, lang: str) -> str:
    """The claim, the verdict and its headline, with the documents it rests on."""
    text = EXPORT_TXT["verdict"][lang].format(claim=m.claim[lang], verdict=VERDICTS[a.verdict][lang],
                                              headline=a.headline[lang])
    return citable_text(text, [d.reference for d in a.documents], lang)

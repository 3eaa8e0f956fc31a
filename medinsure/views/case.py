"""The case page: one enrollee's comparison as one self-contained HTML file to print, attach or
embed — the sentence, both charts as SVG with their source line, the charts' tables, the trace
with its sources and a link back to the app. No script, no outside file: it reads offline.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse

import matplotlib as mpl

from medinsure.compare import Comparison
from medinsure.rules import load_region
from medinsure.views import household as view
from medinsure.views.charts.household import CreditBars, GainCurve, gain_curve
from medinsure.views.exports import citation, source_footer
from medinsure.views.html import STYLESHEET

TXT = {
    "charts": {"zh": "图表", "en": "Charts"},
    "trace": {"zh": "计算步骤与出处", "en": "Steps and sources"},
    "share": {"zh": "在应用中打开此情形：", "en": "Open this case in the app:"},
    "share_note": {"zh": "（相对链接：放在应用页面的地址之后）",
                   "en": "(a relative link: append it to the app page's address)"},
    "not_in_link": {"zh": "应用中没有此项设置，链接未包含：", "en": "The app has no setting for this; not in the link: "},
    "made": {"zh": "由 medinsure 计算生成", "en": "Computed with medinsure"},
}

# Print and screen rules of the case page; the app's one stylesheet comes with them.
_PAGE_CSS = """
@page { size: A4; margin: 14mm 12mm; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #111; }
body { max-width: 186mm; margin: 0 auto; padding: 8px; line-height: 1.5; }
h1 { font-size: 20px; margin: 6px 0; } h1 small { display: block; font-size: 13px; color: #555; }
h2 { font-size: 16px; margin: 14px 0 4px; border-bottom: 1px solid #ccc; }
.medinsure-case-meta { font-size: 12px; color: #444; }
figure.medinsure-chart { margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }
figure.medinsure-chart svg { display: block; width: 100%; height: auto; }
details > summary { font-weight: bold; list-style: none; }
details > summary::-webkit-details-marker { display: none; }
table { max-width: 100%; } td, th { overflow-wrap: anywhere; }
.medinsure-trace { width: 100%; font-size: 12px; } .medinsure-trace small { color: #555; }
.medinsure-share code { font-size: 12px; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; }
  .medinsure-sentence { background: none; }
  tr, .medinsure-sentence { break-inside: avoid; page-break-inside: avoid; }
}
"""


def rules_from(c: Comparison) -> dt.date:
    """The day the new rules of ``c`` started (the app's "rules in force from" choice)."""
    days = [d for d in load_region(c.region).reformed_rule_dates() if d <= c.date]
    return days[-1] if days else c.date


def _number(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")  # as app/share.py writes a slider's value


def case_query(c: Comparison, lang: str) -> str:
    """The household app's share-link query for this case (the app's control names and formats)."""
    e = c.enrollee
    q: dict[str, str] = {"region": c.region, "date": c.date.isoformat(), "status": e.status, "age": str(e.age)}
    if e.wage_monthly is not None:
        q["wage"] = _number(e.wage_monthly)
    if e.pension_monthly is not None:
        q["pension"] = _number(e.pension_monthly)
    if e.retirement_year is not None:
        q["retirement_year"] = str(e.retirement_year)
    q["outpatient"] = _number(e.outpatient_yearly)
    q["level"] = e.level
    q["out_of_scope"] = _number(e.out_of_scope_yearly)
    if e.visits_yearly is not None:
        q["visits"] = str(e.visits_yearly)
    q["account_own"] = "1" if e.account_available is None else "0"
    if e.account_available is not None:
        q["account"] = _number(e.account_available)
    if c.ruleset.old_reason == "old_date":  # the app's default is the day before the reform
        q["old_date"] = c.old_date.isoformat()
    q["lang"] = lang
    return urllib.parse.urlencode(q)


def _not_in_link(c: Comparison) -> list[str]:
    """Inputs of the case that the app has no control for."""
    e = c.enrollee
    missing = []
    if e.frozen_credit_monthly is not None:
        missing.append("--frozen-credit")
    if e.flexible_retiree:
        missing.append("--flexible-retiree")
    return missing


def _inline_svg(svg: bytes, prefix: str, label: str) -> str:
    """Matplotlib's SVG as an element of the page: no XML prolog, DOCTYPE or metadata; ids
    prefixed so two charts on one page never share one; a name for screen readers."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(r'(href="#|url\(#)([^")]+)',
                  lambda m: m.group(1) + (f"{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(2)), text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)


def chart_svgs(c: Comparison, lang: str) -> tuple[str, str, dict, dict]:
    """Both household charts as inline SVG (glyphs drawn as paths: Chinese needs no font on the
    reader's machine) with the rule date and sources drawn in; and each chart's data."""
    region = load_region(c.region).name[lang]
    note = view.rule_note(region, c.enrollee.status, c.old_date, rules_from(c).isoformat(), lang)
    footer = source_footer(note, view.chart_references(c), lang)
    bars, curve = CreditBars(lang), GainCurve(lang)
    bars.update(c.credit_old, c.credit_new, c.reimbursement_old, c.reimbursement_new, lang)
    grid, gain = gain_curve(c)
    curve.update(grid, gain, (c.enrollee.outpatient_yearly, c.resources_gain), c.break_even_outpatient,
                 lang=lang)
    out = []
    for name, chart, kind in (("bars", bars, "bars"), ("curve", curve, "curve")):
        with mpl.rc_context({"svg.fonttype": "path", "svg.hashsalt": f"medinsure-{name}"}):
            svg = chart.export("svg", footer)
        out.append(_inline_svg(svg, f"medinsure-{name}", view.TXT_CHART_TITLE[kind][lang]))
    return out[0], out[1], bars.data, curve.data


def _open_tables(fragment: str) -> str:
    """The charts' tables unfolded (a printed page cannot open them)."""
    return fragment.replace("<details ", "<details open ")


def _plain_local_links(fragment: str) -> str:
    """Sources read off the web keep their link; others (a local copy) become plain text."""
    return re.sub(r'<a class="medinsure-ref" href="(?!https?://)[^"]*"[^>]*>(.*?)</a>', r"<span>\1</span>",
                  fragment, flags=re.S)


def case_html(comparison: Comparison, lang: str, share_link: str) -> str:
    """The case page as one HTML document (see the module's docstring).

    ``share_link``: the app's address for this case, or the bare query (``?region=…``)."""
    c = comparison
    region = load_region(c.region)
    start = rules_from(c)
    bars_svg, curve_svg, bars_data, curve_data = chart_svgs(c, lang)
    title = view.TXT["title"]
    sub = f"<small>{html.escape(title['en'])}</small>" if lang == "zh" else ""
    meta = view.rule_note(region.name[lang], c.enrollee.status, c.old_date, start.isoformat(), lang)
    missing = _not_in_link(c)
    missing_note = (f"<br><small>{TXT['not_in_link'][lang]}{html.escape(', '.join(missing))}</small>"
                    if missing else "")
    link = html.escape(share_link, quote=True)
    share = (f"<p class='medinsure-share'>{TXT['share'][lang]} <a href='{link}'><code>{link}</code></a>"
             + (f" <small>{TXT['share_note'][lang]}</small>" if share_link.startswith("?") else "")
             + f"{missing_note}</p>")
    body = "".join([
        f"<h1>{html.escape(title[lang])}{sub}</h1>",
        f"<p class='medinsure-case-meta'>{html.escape(meta)}</p>",
        view.sentence_html(c, lang, region.name[lang], start),
        view.notice_html(c, lang),
        f"<h2>{TXT['charts'][lang]}</h2>",
        f"<figure class='medinsure-chart medinsure-bars'>{bars_svg}</figure>",
        _open_tables(view.bars_table(bars_data, lang)),
        f"<figure class='medinsure-chart medinsure-curve'>{curve_svg}</figure>",
        _open_tables(view.curve_table(curve_data, c, lang)),
        f"<h2>{TXT['trace'][lang]}</h2>",
        _plain_local_links(view.trace_html(c, lang)),
        f"<p class='medinsure-cites'>{html.escape(citation(view.chart_references(c), lang))}</p>",
        share,
        f"<p class='medinsure-case-meta'>{TXT['made'][lang]}</p>",
    ])
    css = STYLESHEET.read_text(encoding="utf-8") + _PAGE_CSS
    html_lang = "zh-CN" if lang == "zh" else "en"
    page_title = f"{title[lang]} · {region.name[lang]}"
    return (f"<!DOCTYPE html>\n<html lang='{html_lang}'>\n<head>\n<meta charset='utf-8'>\n"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{html.escape(page_title)}</title>\n<style>{css}</style>\n</head>\n"
            f"<body class='medinsure-case'>\n{body}\n</body>\n</html>\n")

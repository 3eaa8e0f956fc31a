"""Small pieces every app uses."""

from __future__ import annotations

import html


def title_html(title: dict, lang: str) -> str:
    """The app title: Chinese with English beneath; in English mode English only."""
    sub = (f"<br><small style='color:#555'>{html.escape(title['en'])}</small>" if lang == "zh" else "")
    return f"<h2 style='margin:4px 0'>{html.escape(title[lang])}{sub}</h2>"


def error_html(message: str) -> str:
    """A visible error box (class medinsure-error); ``message`` is HTML, already escaped."""
    return (f"<div class='medinsure-error' role='alert' style='color:#b71c1c;background:#ffebee;"
            f"padding:6px 10px;border-left:4px solid #b71c1c'>{message}</div>")


def exercises_list_html(pairs, lang: str = "zh") -> str:
    """Questions with collapsible answers: ``pairs`` of ({zh, en} question, {zh, en} answer)."""
    other = "en" if lang == "zh" else "zh"
    summary = "答案 Answer" if lang == "zh" else "Answer 答案"
    items = [f"<li style='margin-bottom:8px'>{html.escape(q[lang])}<br>"
             f"<small style='color:#666'>{html.escape(q[other])}</small>"
             f"<details><summary>{summary}</summary>"
             f"{html.escape(a[lang])}<br><small style='color:#666'>{html.escape(a[other])}</small>"
             f"</details></li>" for q, a in pairs]
    return f"<ol class='medinsure-exercises'>{''.join(items)}</ol>"


def region_options() -> list[tuple[str, str]]:
    """Dropdown options for every region: '武汉市 Wuhan', partial ones marked （部分）."""
    from ..rules import load_region, region_slugs

    out = []
    for slug in region_slugs():
        reg = load_region(slug)
        mark = "" if reg.completeness == "complete" else "（部分）"
        out.append((f"{reg.name['zh']}{mark} {reg.name['en']}", slug))
    return out

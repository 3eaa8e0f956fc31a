"""The HTML pieces every page uses, styled by one stylesheet (``medinsure.css``: classes, not inline styles)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

STYLESHEET = Path(__file__).with_name("medinsure.css")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The stylesheet as a ``<style>`` element (it travels with the app's title)."""
    return f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>"


def title(text: dict, lang: str) -> str:
    """The app title: Chinese with English beneath; in English mode English only."""
    sub = f"<br><small>{html.escape(text['en'])}</small>" if lang == "zh" else ""
    return f"{stylesheet()}<h2 class='medinsure-title'>{html.escape(text[lang])}{sub}</h2>"


def error_box(message: str) -> str:
    """A visible error box; ``message`` is HTML, already escaped."""
    return f"<div class='medinsure-error' role='alert'>{message}</div>"


def list_box(kind: str, head: str, items: Iterable[str]) -> str:
    """A headed list box (``kind``: 'unknown' or 'notice'); ``items`` are HTML, already escaped.
    Nothing when there are no items."""
    items = list(items)
    if not items:
        return ""
    return f"<div class='medinsure-{kind}'>{head}<ul>{''.join(f'<li>{i}</li>' for i in items)}</ul></div>"


def details(summary: str, body: str, kind: str = "table") -> str:
    """A folded section (class ``medinsure-<kind>``); ``body`` is HTML."""
    return f"<details class='medinsure-{kind}'><summary>{html.escape(summary)}</summary>{body}</details>"


def table(head: Sequence[str], rows: Iterable[Sequence[str]], label: str | None = None,
          kind: str | None = None, numeric: Sequence[int] = ()) -> str:
    """A table; cells are HTML, already escaped; columns in ``numeric`` align right."""
    cls = f" class='medinsure-{kind}'" if kind else ""
    aria = f" aria-label='{html.escape(label)}'" if label else ""
    def cell(i: int, v: str) -> str:
        return f"<td class='medinsure-number'>{v}</td>" if i in numeric else f"<td>{v}</td>"
    body = "".join("<tr>" + "".join(cell(i, v) for i, v in enumerate(r)) + "</tr>" for r in rows)
    return (f"<table{cls}{aria}><thead><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def exercise_list(pairs, lang: str = "zh") -> str:
    """Questions with folded answers: ``pairs`` of ({zh, en} question, {zh, en} answer)."""
    other = "en" if lang == "zh" else "zh"
    summary = "答案 Answer" if lang == "zh" else "Answer 答案"
    items = [f"<li>{html.escape(q[lang])}<br>"
             f"<small class='medinsure-other-language'>{html.escape(q[other])}</small>"
             f"<details><summary>{summary}</summary>"
             f"{html.escape(a[lang])}<br><small class='medinsure-other-language'>{html.escape(a[other])}</small>"
             f"</details></li>" for q, a in pairs]
    return f"<ol class='medinsure-exercises'>{''.join(items)}</ol>"


def sentence(text: str) -> str:
    """The page's result sentence (read out when it changes); ``text`` is HTML."""
    return f"<div class='medinsure-sentence' aria-live='polite'>{text}</div>"


def cite_list(refs, lang: str) -> str:
    """The references as a list, each document once (same title, number and issuer), linked where
    they were read on the web."""
    items, seen = [], set()
    for r in refs:
        if (r.title, r.number, r.issuer) in seen:
            continue
        seen.add((r.title, r.number, r.issuer))
        items.append(f"<li>{ref_html(r, lang)}</li>")
    return "<ul class='medinsure-cites'>" + "".join(items) + "</ul>"


def ref_html(r, lang: str = "zh") -> str:
    """One document as a reader cites it: its line (title, number, issuer, date, reliability),
    linked to its web address where the data has one; a copy kept inside the project is no
    address and is not shown."""
    from medinsure.views.words import addresses
    text = html.escape(r.cite(lang))
    links = addresses(r)
    if not links:
        return f"<span class='medinsure-ref'>{text}</span>"
    return f"<a class='medinsure-ref' href='{html.escape(links[0])}' target='_blank' rel='noopener'>{text}</a>"


RELIABILITY_LEGEND = ("可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
                      "3P-low 低可靠 / DERIVED 推算")


def sources_list(refs) -> str:
    """Numbered list of documents, each with its web addresses, under the reliability legend."""
    from medinsure.views.words import addresses
    items = []
    for r in refs:
        links = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                         for i, u in enumerate(addresses(r), 1))
        items.append(f"<li class='medinsure-ref'>{html.escape(r.cite())} {links}</li>")
    return f"<p>{RELIABILITY_LEGEND}</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>"


# --------------------------------------------------------------------------- workshop, exercises (issue 11)
def feedback_box(kind: str, body: str) -> str:
    """An exercise's feedback box (``kind``: 'ok', 'wrong', 'info' or 'unknown'); ``body`` is HTML."""
    return f"<div class='medinsure-feedback medinsure-feedback-{kind}'>{body}</div>"

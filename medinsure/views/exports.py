"""Exports for journalists: charts as PNG/SVG with title, rule date and source drawn in, the
plotted data as CSV, and a sentence with its citation."""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Iterable, Sequence

from medinsure.rules import Reference


def citation(references: Iterable[Reference], lang: str = "zh") -> str:
    """'来源：《…》 number, issuer, effective … [3P]; …' (document titles stay in Chinese)."""
    refs = list(dict.fromkeys(references))
    head = "来源：" if lang == "zh" else "Sources: "
    return head + ("；" if lang == "zh" else "; ").join(r.cite(lang) for r in refs)


def source_footer(rule_note: str, references: Iterable[Reference], lang: str = "zh",
                  made_with: str = "medinsure") -> str:
    return f"{rule_note} | {citation(references, lang)} | {made_with}"


def figure_bytes(fig, fmt: str, footer: str) -> bytes:
    """Save ``fig`` as ``fmt`` (png or svg) with ``footer`` drawn under the axes."""
    import textwrap

    wrapped = "\n".join(textwrap.wrap(footer, 110 if fmt == "svg" else 100))
    text = fig.text(0.01, -0.02, wrapped, fontsize=7, va="top", ha="left", color="#333333")
    try:
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=150 if fmt == "png" else 100, bbox_inches="tight",
                    bbox_extra_artists=[text], pad_inches=0.15)
        return buf.getvalue()
    finally:
        text.remove()


def csv_text(comment_lines: Sequence[str], header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """CSV with '# ' comment lines first (title, rules, source), then the table."""
    buf = io.StringIO()
    for line in comment_lines:
        buf.write(f"# {line}\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([f"{v:.2f}" if isinstance(v, float) else v for v in row])
    return buf.getvalue()


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    """An <a download> link carrying the file as a data URI (works offline, no server route)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    b64 = base64.b64encode(raw).decode("ascii")
    return (f"<a class='medinsure-download' download='{html.escape(filename)}' "
            f"href='data:{mime};base64,{b64}'>{html.escape(label)}</a>")

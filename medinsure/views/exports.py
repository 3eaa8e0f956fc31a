"""Exports for journalists: charts as PNG/SVG with title, rule date and source drawn in, the
plotted data as CSV, and a sentence with its citation."""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from medinsure.rules import Reference


def citation(references: Iterable[Reference], lang: str = "zh") -> str:
    """'来源：《…》 number, issuer, effective … [3P]; …' (document titles stay in Chinese)."""
    texts = list(dict.fromkeys(r.cite(lang) for r in references))  # a document once, however often it is cited
    head = "来源：" if lang == "zh" else "Sources: "
    return head + ("；" if lang == "zh" else "; ").join(texts)


def source_footer(rule_note: str, references: Iterable[Reference], lang: str = "zh",
                  made_with: str = "medinsure") -> str:
    return f"{rule_note} | {citation(references, lang)} | {made_with}"


def figure_bytes(fig, fmt: str, footer: str | None) -> bytes:
    """Save ``fig`` as ``fmt`` (png or svg) with ``footer`` drawn under the axes (None: as it is)."""
    import textwrap

    if footer is None:
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt)
        return buf.getvalue()

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


# --------------------------------------------------------------------------- one export mechanism
# The export panel (medinsure.app.export) shows these words and turns an ExportBundle into files.
PANEL_TXT = {
    "button": "导出图表与数据 Export",
    "cite": "引用 Cite",
    "case": "打印/下载本页 · Case page",
    "links": {"zh": "下载：", "en": "Downloads:"},
}
MIME = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv", "html": "text/html"}


@dataclass(frozen=True)
class ChartFile:
    """One chart of a page as the export offers it: ``draw(fmt, footer)`` gives the PNG or SVG
    with the footer drawn in; ``header`` and ``rows`` are exactly the plotted data (the CSV)."""

    name: str                  # part of the file name, e.g. "credits"
    title: str                 # the chart's title (first comment line of the CSV)
    draw: Callable[[str, str], bytes]
    header: Sequence[str]
    rows: Sequence[Sequence]


@dataclass(frozen=True)
class DataFile:
    """A table behind a finding that has no chart (a CSV only)."""

    name: str
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence]


@dataclass(frozen=True)
class ExportBundle:
    """What a page exports: its charts and tables, the rules note and the documents behind them,
    and extra ready-made files (the household's case page)."""

    stem: str                  # file-name stem, e.g. "medinsure-wuhan-2023-03-01"
    rule_note: str             # region, status, rule dates (footer and CSV comment)
    references: tuple[Reference, ...]
    lang: str
    charts: tuple[ChartFile, ...] = ()
    tables: tuple[DataFile, ...] = ()
    extra: tuple[tuple[str, str, bytes], ...] = field(default=())   # (file-name part, label, bytes)
    # where the CSV's sources are too many to draw: the ones drawn under the chart, and a line saying
    # where the others are (the CSV always carries them all)
    drawn_references: tuple[Reference, ...] | None = None
    drawn_more: str = ""


def figure_drawer(make: Callable[[], object]) -> Callable[[str, str], bytes]:
    """``draw`` for the matplotlib figure ``make()`` returns (a chart object's kept figure, or a
    fresh one), drawn with the footer only when the file is asked for."""
    return lambda fmt, footer: figure_bytes(make(), fmt, footer)


def bundle_csv(bundle: ExportBundle, item: ChartFile | DataFile) -> str:
    """The CSV of one chart or table: title, rules note and sources as comment lines."""
    return csv_text([item.title, bundle.rule_note, citation(bundle.references, bundle.lang)],
                    item.header, item.rows)


def bundle_files(bundle: ExportBundle) -> dict[str, bytes]:
    """Every file of the bundle by name: PNG, SVG and CSV per chart, CSV per table, the extras."""
    drawn = bundle.references if bundle.drawn_references is None else bundle.drawn_references
    footer = source_footer(bundle.rule_note, drawn, bundle.lang) + (f" | {bundle.drawn_more}" if bundle.drawn_more else "")
    files: dict[str, bytes] = {}
    for chart in bundle.charts:
        for fmt in ("png", "svg"):
            files[f"{bundle.stem}-{chart.name}.{fmt}"] = chart.draw(fmt, footer)
        files[f"{bundle.stem}-{chart.name}.csv"] = bundle_csv(bundle, chart).encode("utf-8")
    for t in bundle.tables:
        files[f"{bundle.stem}-{t.name}.csv"] = bundle_csv(bundle, t).encode("utf-8")
    for name, _, data in bundle.extra:
        files[f"{bundle.stem}-{name}"] = data
    return files


def bundle_links(bundle: ExportBundle, files: dict[str, bytes]) -> str:
    """The download links of ``files`` (as :func:`bundle_files` named them), one per file."""
    labels = {f"{bundle.stem}-{name}": label for name, label, _ in bundle.extra}
    links = []
    for name, data in files.items():
        label = labels.get(name, name[len(bundle.stem) + 1:])
        links.append(download_link(data, name, MIME[name.rsplit(".", 1)[1]], label))
    return (f"<span class='medinsure-exports'>{PANEL_TXT['links'][bundle.lang]} "
            + " · ".join(links) + "</span>")


def citable_text(sentence: str, references: Iterable[Reference], lang: str) -> str:
    """A sentence (HTML or plain) as plain text with its citation: what the cite box holds."""
    import re
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", sentence)).split())
    return (f"{plain}（{citation(references, lang)}；medinsure 计算）" if lang == "zh" else
            f"{plain} ({citation(references, lang)}; computed with medinsure)")

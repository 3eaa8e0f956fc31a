"""Collect the text a visitor of an app page can read, without a browser: the notebook's code
cells run in-process (as Voila runs them, minus the link-following and key-number cells), then
every widget's values, labels, options and the text drawn into the charts."""

from __future__ import annotations

import ast
import contextlib
import html
import json
import re
from pathlib import Path

import bqplot as bq
import ipywidgets as widgets
from matplotlib.text import Text

import medinsure.views.charts.base as chart_base

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
URL = re.compile(r"(?:https?://|www\.)[!-~]+|\?[\w=&%.,:+-]*=[\w=&%.,:+-]*")

# What a visitor must never read: raw field names, internal note ids, file paths.
LEAKS = {
    "a raw field name": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "an internal note id": re.compile(r"(?<![A-Za-z0-9])E\d{1,2}(?![\w.])|种子文献\s*\d+|\bseed[ _-]?\d{2,3}\b", re.I),
    "a file path": re.compile(r"shared/seeds|\bdata/[\w/.-]+|[\w/-]+\.(?:ya?ml|md|py|json)\b|policy_facts"),
    "an internal note": re.compile(r"无法用本结构表达"),
}


def code_cells(notebook: str) -> list[str]:
    nb = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "key-numbers" in cell.get("metadata", {}).get("tags", []):
            continue
        src = "".join(cell["source"])
        if "follow_link(" in src or "trainer_check(" in src:  # waits for a request; trainer-only
            continue
        out.append(src)
    return out


def run_page(notebook: str) -> tuple[dict, list]:
    """The notebook's namespace and the widgets its cells show (each cell's last expression)."""
    ns: dict = {}
    shown: list = []
    for src in code_cells(notebook):
        tree = ast.parse(src)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, notebook, "exec"), ns)  # noqa: S102 — our own notebooks
        if last is not None:
            value = eval(compile(ast.Expression(last.value), notebook, "eval"), ns)  # noqa: S307
            if isinstance(value, widgets.Widget):
                shown.append(value)
    return ns, shown


def widget_texts(w) -> list[str]:
    """Every visitor-facing string of a widget tree (tags removed, entities decoded)."""
    out = []
    if isinstance(w, (widgets.HTML, widgets.HTMLMath, widgets.Label)):
        value = re.sub(r"<style[^>]*>.*?</style>", "", w.value, flags=re.S)
        out += [html.unescape(t).strip() for t in re.split(r"<[^>]+>", value)]
    elif isinstance(w, (widgets.Textarea, widgets.Text)):
        out += [w.value, w.placeholder]
    for attr in ("description", "tooltip", "placeholder"):
        if getattr(w, attr, None):
            out.append(getattr(w, attr))
    if isinstance(w, bq.Figure):  # a chart drawn in the browser: its title, axis labels, legend, labels
        out += bqplot_texts(w)
    if isinstance(w, (widgets.Accordion, widgets.Tab)):
        out += [w.get_title(i) or "" for i in range(len(w.children))]
    for opt in getattr(w, "options", ()) or ():
        out.append(opt[0] if isinstance(opt, tuple) else str(opt))
    for child in getattr(w, "children", ()) or ():
        out += widget_texts(child)
    return [t for t in out if t]


def bqplot_texts(fig) -> list[str]:
    """The strings a bqplot figure shows: title, axis labels, ordinal tick names, legend entries
    and text marks (only visible ones)."""
    out = [fig.title]
    for axis in fig.axes:
        if axis.visible:
            out.append(axis.label)
            if isinstance(axis.scale, bq.OrdinalScale):
                out += [str(v) for m in fig.marks if m.visible and axis.scale in m.scales.values()
                        for v in (m.x if m.scales.get("x") is axis.scale else m.y)]
    for m in fig.marks:
        if not m.visible:
            continue
        if m.display_legend:
            out += [str(v) for v in m.labels]
        if isinstance(m, bq.Label):
            out += [str(v) for v in m.text]
    return [t for t in out if t and str(t).strip()]


@contextlib.contextmanager
def chart_texts(into: list):
    """Record the text drawn into every chart rendered meanwhile."""
    encode, to_png = chart_base._encode, chart_base.png

    def record(fig):
        into.extend(t.get_text() for t in fig.findobj(Text) if t.get_text())

    def _encode(canvas):
        record(canvas.figure)
        return encode(canvas)

    def png(fig):
        record(fig)
        return to_png(fig)

    chart_base._encode, chart_base.png = _encode, png
    try:
        yield into
    finally:
        chart_base._encode, chart_base.png = encode, to_png


def leaks(texts: list[str]) -> list[tuple[str, str, str]]:
    """(kind, match, text) for each forbidden pattern found in ``texts``."""
    found = []
    for text in texts:
        bare = URL.sub(" ", text)
        for kind, pattern in LEAKS.items():
            for m in pattern.finditer(bare):
                found.append((kind, m.group(0), text[:160]))
    return found

"""Write each teaching notebook notebooks/NN-topic.ipynb from its text, notebooks/NN-topic.md.

Run: .venv/bin/python tools/make_notebooks.py   (tests/test_notebooks_built.py fails when stale)

The .md (MyST Markdown, read with jupytext; QuantEcon writes its lectures so) is the only source:
what this notebook answers; the app; what to notice; the key numbers; exercises; sources. This
builder adds what the text does not carry: the title, from medinsure/app/catalog.py; cell ids
fixed by notebook and position (no churn on rebuild); no outputs (the key-number cell raises on
a mismatch, so ``pytest --nbval-lax`` needs none). notebooks/workshop/ is tools/make_workshop.py's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from medinsure.app.catalog import APPS  # noqa: E402

TITLES = {app.notebook: app.title for app in APPS}
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def sources(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]-*.md"))


def notebook(md: Path) -> nbformat.NotebookNode:
    """The notebook of one text: its cells as written, the catalogue's title on top."""
    nb = jupytext.read(md, fmt="md:myst")
    title = TITLES.get(md.with_suffix(".ipynb").name)
    if title:
        first = nb.cells[0]
        assert first.cell_type == "markdown" and not first.source.startswith("# "), \
            f"{md.name}: the title comes from medinsure/app/catalog.py; start with the overview"
        first.source = f"# {title['zh']} · {title['en']}\n\n{first.source}"
    for i, cell in enumerate(nb.cells, 1):
        cell.id = f"{md.stem}-{i:02d}"
        cell.metadata = {k: v for k, v in cell.metadata.items() if k == "tags"}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


def build(out: Path = ROOT) -> list[Path]:
    """Write every notebook under ``out``/notebooks (the repository, or a temporary folder)."""
    written = []
    for md in sources():
        path = out / "notebooks" / md.with_suffix(".ipynb").name
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook(md), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print("wrote", path.relative_to(ROOT))

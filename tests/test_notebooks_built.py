"""The teaching notebooks are built from their text (notebooks/NN-topic.md) by
tools/make_notebooks.py; the committed .ipynb must be what the builder writes today."""

import ast
import importlib.util
from pathlib import Path

import nbformat
import pytest

from medinsure.app import common
from medinsure.app.catalog import APPS
from medinsure.app.page import KeyNumbersMismatch, show_key_numbers

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"   # notebooks/workshop/ is built by tools/make_workshop.py
COMMAND = ".venv/bin/python tools/make_notebooks.py"
WUHAN_RETIREE = ("credit 2,400.00 -> 996.00; reimbursement 0.00 -> 3,990.00; gain 2,586.00; "
                 "break-even found 2,840.00")  # E1: 4.8% × 4,166.67 × 12 = 2,400 → 83 × 12 = 996


def _builder():
    spec = importlib.util.spec_from_file_location("make_notebooks", ROOT / "tools" / "make_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_rebuilding_the_notebooks_changes_nothing(tmp_path):
    written = _builder().build(tmp_path)
    assert len(written) == len(_notebooks())
    stale = [f"notebooks/{p.name}" for p in written
             if not (NOTEBOOKS / p.name).exists() or (NOTEBOOKS / p.name).read_bytes() != p.read_bytes()]
    assert not stale, f"stale (edit the .md, not the .ipynb, then run {COMMAND}): {stale}"


def test_every_text_has_its_notebook_and_every_notebook_its_text():
    texts = {p.stem for p in NOTEBOOKS.glob("*.md")}
    notebooks = {p.stem for p in _notebooks()}
    assert not notebooks - texts, f"notebooks without a .md source: {sorted(notebooks - texts)}"
    assert not texts - notebooks, f"texts without a notebook (run {COMMAND}): {sorted(texts - notebooks)}"


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_cell_ids_are_fixed_and_no_output_is_stored(path):
    cells = nbformat.read(path, as_version=4).cells
    assert [c.id for c in cells] == [f"{path.stem}-{i:02d}" for i in range(1, len(cells) + 1)]
    assert all(not c.outputs and c.execution_count is None for c in cells if c.cell_type == "code")


def test_titles_come_from_the_catalogue():
    teaching = [a for a in APPS if not a.notebook.startswith("workshop/")]
    assert {a.notebook for a in teaching} == {p.name for p in _notebooks()} - {"00-start.ipynb"}
    for app in teaching:
        first = nbformat.read(NOTEBOOKS / app.notebook, as_version=4).cells[0].source
        assert first.startswith(f"# {app.title['zh']} · {app.title['en']}\n\n"), app.notebook
        text = (NOTEBOOKS / app.notebook).with_suffix(".md").read_text(encoding="utf-8")
        assert f"# {app.title['zh']}" not in text, f"{app.notebook}: the title is the catalogue's alone"


@pytest.mark.parametrize("path", [p for p in _notebooks() if p.name != "00-start.ipynb"], ids=lambda p: p.name)
def test_each_notebook_checks_its_key_numbers_in_one_hidden_cell(path):
    cells = nbformat.read(path, as_version=4).cells
    tagged = [c for c in cells if "key-numbers" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    call = ast.parse(tagged[0].source).body[-1].value
    assert call.func.id == "show_key_numbers" and [k.arg for k in call.keywords] == ["expected"]
    assert isinstance(ast.literal_eval(call.keywords[0].value), str)
    assert not any("nbval-check-output" in c.metadata.get("tags", []) for c in cells)


# --------------------------------------------------------------------------- show_key_numbers
@pytest.fixture
def wuhan_retiree(monkeypatch):
    from medinsure.app import household_explainer
    monkeypatch.delenv("QUERY_STRING", raising=False)
    common._PAGE_STATE["broken"] = False
    return household_explainer(region="wuhan", date="2023-02-01", status="retired", age=68,
                               pension=4166.67, outpatient=7150, level="tertiary")


def test_show_key_numbers_prints_the_line_it_expects(wuhan_retiree, capsys):
    assert show_key_numbers(wuhan_retiree, expected=WUHAN_RETIREE) is None
    assert show_key_numbers(wuhan_retiree.result, expected=WUHAN_RETIREE) is None
    assert show_key_numbers("m1 false", expected="m1 false") is None
    assert capsys.readouterr().out == f"{WUHAN_RETIREE}\n{WUHAN_RETIREE}\nm1 false\n"


def test_show_key_numbers_raises_on_a_wrong_line_and_names_both(wuhan_retiree):
    wrong = WUHAN_RETIREE.replace("996.00", "995.00")
    with pytest.raises(KeyNumbersMismatch) as caught:
        show_key_numbers(wuhan_retiree, expected=wrong)
    assert isinstance(caught.value, AssertionError)
    assert f"expected: {wrong}" in str(caught.value) and f"got:      {WUHAN_RETIREE}" in str(caught.value)
    with pytest.raises(KeyNumbersMismatch, match="m2 true"):
        show_key_numbers("m2 false", expected="m2 true")


def test_show_key_numbers_does_not_check_a_shared_links_case(wuhan_retiree, monkeypatch, capsys):
    """A visitor's link opens another case than the example: print its line, check nothing."""
    monkeypatch.setenv("QUERY_STRING", "age=50")
    wuhan_retiree.controls["age"].value = 50
    show_key_numbers(wuhan_retiree, expected=WUHAN_RETIREE)
    assert capsys.readouterr().out.startswith("credit ")


def test_show_key_numbers_says_nothing_on_a_broken_data_page(wuhan_retiree):
    common._PAGE_STATE["broken"] = True
    try:
        assert show_key_numbers("", expected=WUHAN_RETIREE) is None
    finally:
        common._PAGE_STATE["broken"] = False


def test_the_page_template_hides_the_key_number_cell_from_visitors():
    template = (ROOT / "medinsure" / "share" / "jupyter" / "voila" / "templates" / "medinsure" / "index.html.j2")
    block = template.read_text(encoding="utf-8").split("{% block codecell scoped %}")[1]
    assert "'key-numbers' in tags" in block.split("{%- else -%}")[0]
    assert "medinsure-check-cell\" hidden" in block

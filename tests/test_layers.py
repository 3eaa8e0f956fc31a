"""The house's one-way flow, checked by scanning imports (LAYOUT.md §5.3, issue 11).

Layers, lowest first: rules → calculation → views → teaching → app → site. A module may
import its own layer and those below it, with the narrower rules written in ``check``.
Allowed violations would be listed in ``EXCEPTIONS`` (it must match exactly, so a new
violation fails and a mended one must be struck off); since issue 11 it is empty.
"""

from __future__ import annotations

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
PKG = ROOT / "medinsure"
ORDER = ["rules", "calc", "views", "teaching", "app", "site", "face"]
FACE = {"medinsure", "medinsure.__main__", "medinsure.cli", "medinsure.errors", "medinsure.serve"}
SHARED_APP = {"common", "controls", "page", "share", "catalog", "exercise", "landing", "export"}
THIRD_PARTY = {
    "rules": {"yaml", "pydantic"},
    "calc": {"numpy"},
}
# Modules whose layer is known but which still stand at the package root.
PLACED_BY_ROLE: dict[str, str] = {}
# raw rule entries: the data file's dicts, read around the rules' accessors (LAYOUT.md §5.3)
RAW_INDEX = re.compile(r"""\.files\[|\[["'](bands|floor_monthly|ceiling_monthly|rate)["']\]""")


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(mod: str) -> str:
    if mod in FACE:
        return "face"
    if mod in PLACED_BY_ROLE:
        return PLACED_BY_ROLE[mod]
    head = mod.split(".")[1]
    return head if head in {"rules", "views", "teaching", "app", "site"} else "calc"


def imports(path: pathlib.Path, mod: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    found.update(f"{target}.{a.name}" for a in node.names)
                else:
                    found.add(target)
            else:
                found.add(node.module)
    return found


def resolve(name: str, modules: set[str]) -> str | None:
    """The project module ``name`` refers to (a package attribute import resolves to its package)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def check(mod: str, imported: set[str], modules: set[str], source: str) -> set[str]:
    bad = set()
    layer = layer_of(mod)
    if mod in PLACED_BY_ROLE:
        bad.add(f"{mod}: belongs in medinsure/{layer}/")
    for name in imported:
        target = resolve(name, modules)
        top = name.split(".")[0]
        if target is None:
            if top == "medinsure":
                continue
            if top in {"ipywidgets", "matplotlib", "IPython", "bqplot"} and layer in {"rules", "calc", "teaching"}:
                bad.add(f"{mod} -> {top}")
            elif top in {"ipywidgets"} and layer == "views":
                bad.add(f"{mod} -> {top}")
            elif layer == "rules" and top not in THIRD_PARTY["rules"] and not _stdlib(top):
                bad.add(f"{mod} -> {top}")
            elif layer == "calc" and top not in THIRD_PARTY["calc"] and not _stdlib(top):
                bad.add(f"{mod} -> {top}")
            continue
        if target in {mod, "medinsure"} or (layer == "app" and mod == "medinsure.app"):
            continue
        tlayer = layer_of(target)
        if target == "medinsure.errors":
            continue
        if ORDER.index(tlayer) > ORDER.index(layer) and layer != "face":
            bad.add(f"{mod} -> {target}")
        if layer == "app" and tlayer == "app":
            me, other = mod.split(".")[2:3], target.split(".")[2:3]
            if other and other[0] not in SHARED_APP and me != other:
                bad.add(f"{mod} -> {target}")
    if layer not in {"rules"} and RAW_INDEX.search(source):
        bad.add(f"{mod}: indexes raw rule entries")
    return bad


def _stdlib(top: str) -> bool:
    import sys
    return top in sys.stdlib_module_names or top == "__future__"


# Violations allowed for now: none (issue 11 emptied the list; keep it so).
EXCEPTIONS: set[str] = set()


def violations() -> set[str]:
    paths = sorted(PKG.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    found = set()
    for p in paths:
        mod = module_name(p)
        found |= check(mod, imports(p, mod), modules, p.read_text(encoding="utf-8"))
    return found


def test_layers_flow_one_way():
    found = violations()
    new = sorted(found - EXCEPTIONS)
    mended = sorted(EXCEPTIONS - found)
    assert not new, "imports against the layers (LAYOUT.md §5.3):\n" + "\n".join(new)
    assert not mended, "mended — strike these off EXCEPTIONS:\n" + "\n".join(mended)


MAX_LINES = {"module": 600, "app": 350, "calc_function": 60}
# Oversized modules allowed for now: none.
SIZE_EXCEPTIONS: set[str] = set()


def oversized() -> set[str]:
    found = set()
    for p in sorted(PKG.rglob("*.py")):
        mod = module_name(p)
        text = p.read_text(encoding="utf-8")
        n = text.count("\n")
        limit = MAX_LINES["app"] if layer_of(mod) == "app" else MAX_LINES["module"]
        if n > limit:
            found.add(f"{mod}: {limit}+ lines")
        if layer_of(mod) == "calc":
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > MAX_LINES["calc_function"]:
                        found.add(f"{mod}.{node.name}: {MAX_LINES['calc_function']}+ lines")
    return found


def test_no_room_too_big():
    found = oversized()
    new = sorted(found - SIZE_EXCEPTIONS)
    mended = sorted(SIZE_EXCEPTIONS - found)
    assert not new, "too big (issue 11: modules ≤ 600 lines, app modules ≤ 350, calculation functions ≤ 60):\n" + "\n".join(new)
    assert not mended, "mended — strike these off SIZE_EXCEPTIONS:\n" + "\n".join(mended)


def test_the_scan_sees_a_violation():
    modules = {"medinsure.compare", "medinsure.app.household", "medinsure.app.family", "medinsure.views.words"}
    assert check("medinsure.compare", {"medinsure.views.words", "ipywidgets"}, modules, "") == {
        "medinsure.compare -> medinsure.views.words", "medinsure.compare -> ipywidgets"}
    assert check("medinsure.app.family", {"medinsure.app.household"}, modules, "") == {
        "medinsure.app.family -> medinsure.app.household"}
    assert check("medinsure.views.words", set(), modules, 'x.files["a"]') == {
        "medinsure.views.words: indexes raw rule entries"}

"""The workshop kit in English: every widget the workshop notebooks build, switched to English with
its visible language switch, in every state a trainer sees (no answer yet, not a number, wrong,
right, answer shown, prediction revealed, an internal error), leaves no Chinese-only text. So do
the teaching notebooks' exercise and source lists built in English. Document titles stay in
Chinese on purpose (class medinsure-ref, dropped by widget_texts)."""

from __future__ import annotations

import ast
import html
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from medinsure.app import page
from medinsure.app.exercise import AnswerChecker, ExerciseSet, PredictThenCheck, WhatTheToolSays
from medinsure.app.household import HouseholdExplainer
from medinsure.app.workshop import PersonaExplorer
from medinsure.rules import load_region
from medinsure.teaching import workshop
from medinsure.views.words import money

from .language import CJK, chinese_only, figure_texts, widget_texts

ROOT = Path(__file__).resolve().parent.parent
WORKSHOP = sorted((ROOT / "notebooks" / "workshop").glob("*.ipynb"))
LANGUAGE_SWITCH = {"中文"}  # a language's own name on the switch
TEACHING_WIDGETS = {"show_exercises", "show_sources"}


# --------------------------------------------------------------------------- building as the notebooks do
def run_notebook(path: Path) -> list:
    """Run a notebook's code cells in one namespace; return what each cell displays."""
    ns: dict = {}
    shown = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(path), "exec"), ns)  # noqa: S102 - the project's own notebooks
        if last is not None:
            value = eval(compile(ast.Expression(last.value), str(path), "eval"), ns)  # noqa: S307
            if value is not None:
                shown.append(value)
    return shown


def as_widget(obj: object) -> widgets.Widget:
    """A displayed object as a widget: widgets as they are, rich reprs (the trainer's check) as HTML."""
    return obj if isinstance(obj, widgets.Widget) else widgets.HTML(obj._repr_html_())


def notebook_widgets(path: Path) -> list[widgets.Widget]:
    return [as_widget(v) for v in run_notebook(path)]


# --------------------------------------------------------------------------- walking a widget tree
def walk(w: object) -> Iterator[widgets.Widget]:
    """Every widget under ``w``, through ``.children`` and ``.controls``."""
    seen: set[int] = set()
    todo = [w]
    while todo:
        x = todo.pop()
        if id(x) in seen or not isinstance(x, widgets.Widget):
            continue
        seen.add(id(x))
        yield x
        todo += list(getattr(x, "children", ()) or ())
        todo += list((getattr(x, "controls", None) or {}).values())


def lang_switches(w: widgets.Widget) -> list[widgets.Widget]:
    return [x.controls["lang"] for x in walk(w) if isinstance(getattr(x, "controls", None), dict)
            and "lang" in x.controls]


def visible(w: widgets.Widget) -> bool:
    return w.layout.display != "none"


def set_lang(tree: list[widgets.Widget], lang: str) -> None:
    """Click every visible language switch, as a participant would; hidden ones must follow."""
    for w in tree:
        for switch in lang_switches(w):
            if visible(switch):
                switch.value = lang


def user_texts(w: widgets.Widget) -> list[str]:
    """widget_texts plus the placeholders and tooltips a participant also reads."""
    extra = [v for x in walk(w) for v in (getattr(x, "placeholder", None), getattr(x, "tooltip", None)) if v]
    return widget_texts(w) + extra


def chart_texts(w: widgets.Widget) -> list[str]:
    """Text in the household apps' charts (live browser charts and their matplotlib exports;
    not in widget_texts)."""
    return [t for x in walk(w) if isinstance(x, HouseholdExplainer) for chart in (x.bars, x.curve)
            for t in [*chart.texts(), *figure_texts(chart.export_chart().fig)]]


def assert_english(tree: list[widgets.Widget], state: str) -> None:
    for w in tree:
        switches = lang_switches(w)
        assert all(s.value == "en" for s in switches), f"{state}: a hidden switch did not follow"
        bad = [t for t in chinese_only(user_texts(w)) if t not in LANGUAGE_SWITCH]
        assert not bad, f"{state}: {bad[:5]}"
        drawn = [t for t in chart_texts(w) if CJK.search(t)]
        assert not drawn, f"{state}: chart {drawn[:5]}"


# --------------------------------------------------------------------------- what a trainer clicks
def exercises_in(tree: list[widgets.Widget]) -> list[widgets.Widget]:
    kinds = (AnswerChecker, PredictThenCheck, WhatTheToolSays)
    return [x for w in tree for x in walk(w) if isinstance(x, kinds)]


def _typed(ex: AnswerChecker, text: str) -> Callable[[], None]:
    def step() -> None:
        ex.controls["answer"].value = text
        ex.check_button.click()
    return step


def _predicted(ex: PredictThenCheck, choice: str | None) -> Callable[[], None]:
    def step() -> None:
        ex.controls["prediction"].value = choice
        ex.reveal_button.click()
    return step


def _persona(w: PersonaExplorer, key: str) -> Callable[[], None]:
    return lambda: setattr(w.controls["persona"], "value", key)


Step = tuple[str, Callable[[], None]]


def exercise_steps(ex: widgets.Widget) -> list[Step]:
    """(name, action) for every state a trainer sees in one exercise, in the order of a session."""
    name = html.unescape(re.sub(r"<[^>]+>", "", ex.question_box.value))[:30]
    if isinstance(ex, AnswerChecker):
        right = ex.answer()
        return [(f"{name}: empty", _typed(ex, "")), (f"{name}: not a number", _typed(ex, "abc")),
                (f"{name}: too high", _typed(ex, money(right + 2 * ex.tolerance + 1))),
                (f"{name}: too low", _typed(ex, money(right - 2 * ex.tolerance - 1))),
                (f"{name}: right", _typed(ex, money(right)))]
    if isinstance(ex, PredictThenCheck):
        right = ex.expected()
        wrong = next(k for k in ex.options if k != right)
        return [(f"{name}: no prediction", _predicted(ex, None)), (f"{name}: wrong", _predicted(ex, wrong)),
                (f"{name}: right", _predicted(ex, right))]
    return [(f"{name}: reveal", ex.reveal_button.click)]


def rounds(w: widgets.Widget) -> list[list[Step]]:
    """The states of every persona picker and exercise in ``w``, the k-th of each in round k (they
    are independent, so a round is checked at once: each language switch redraws the apps)."""
    items = [[(f"persona {k}", _persona(p, k)) for k in p.personas] for p in walk(w) if isinstance(p, PersonaExplorer)]
    items += [exercise_steps(ex) for ex in exercises_in([w])]
    return [[s for s in r if s] for r in itertools.zip_longest(*items)]


# --------------------------------------------------------------------------- the workshop notebooks
@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_the_notebook_builds_the_workshop_widgets(path):
    """Guard: the test below really sees the exercises, a switch and the sources of each notebook."""
    tree = notebook_widgets(path)
    sets = [w for w in tree if isinstance(w, ExerciseSet)]
    assert len(sets) == 1 and len(sets[0].exercises) == len(workshop.exercises(path.stem))
    assert all(any(visible(s) for s in lang_switches(w)) for w in tree if lang_switches(w))
    assert any("medinsure-sources" in getattr(w, "value", "") for w in tree)
    assert any("medinsure-key-numbers" in getattr(w, "value", "") for w in tree)


def play(steps: list[Step]) -> str:
    """Do the steps; return their names."""
    for _, action in steps:
        action()
    return ", ".join(name for name, _ in steps)


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_english_leaves_no_chinese_only_text_in_any_state(path):
    """Switched to English first, then used: what is built on a click (a persona's app, the app a
    prediction opens) is built in English."""
    tree = notebook_widgets(path)
    set_lang(tree, "en")
    assert_english(tree, "built")
    for w in tree:  # each displayed widget with its own switch
        for steps in rounds(w):
            assert_english([w], play(steps))


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_switching_to_english_redraws_every_state(path):
    """Used in Chinese, then switched: the feedback already shown must be redrawn in English."""
    tree = notebook_widgets(path)
    for w in tree:
        for steps in rounds(w):
            set_lang([w], "zh")
            names = play(steps)
            set_lang([w], "en")
            assert_english([w], f"{names} (switched after)")


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_an_internal_error_is_shown_in_english_too(path, monkeypatch):
    tree = notebook_widgets(path)

    def fail(_case):
        raise RuntimeError("library failure")
    monkeypatch.setattr(workshop, "_compare", fail)
    for w in tree:
        set_lang([w], "zh")
        for ex in exercises_in([w]):
            if isinstance(ex, AnswerChecker):
                _typed(ex, "1")()
            elif isinstance(ex, PredictThenCheck):
                _predicted(ex, next(iter(ex.options)))()
            else:
                ex.reveal_button.click()
            assert ex.error, "the failure is reported"
        set_lang([w], "en")
        assert_english([w], "internal error")


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_the_check_itself_sees_chinese_only_text(path):
    """The check can fail: in Chinese, the same widgets and clicks show Chinese-only text."""
    tree = notebook_widgets(path)
    for w in tree:
        for steps in rounds(w):
            play(steps)
    assert any(chinese_only(user_texts(w)) for w in tree)


# --------------------------------------------------------------------------- the teaching notebooks
def teaching_calls() -> list[tuple[str, tuple]]:
    """(function, literal arguments) of every call of teaching's show_exercises / show_sources in
    the notebooks that import them from medinsure.app.page (other apps have their own)."""
    calls = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        tree = ast.parse("\n".join(c.source for c in cells if c.cell_type == "code"))
        names = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                 and n.module == "medinsure.app.page" for a in n.names}
        # show_sources(app) follows the app: check the list the page opens with (the app's region and date)
        opening = next(({k.arg: ast.literal_eval(k.value) for k in n.keywords if k.arg in ("region", "date")}
                        for n in ast.walk(tree) if isinstance(n, ast.Call)
                        and getattr(n.func, "id", None) == "household_explainer"), {})

        def literal(a: ast.expr, opening: dict = opening) -> tuple:
            if isinstance(a, ast.Name):  # no date given: the app opens on the latest rules
                date = opening.get("date") or load_region(opening["region"]).reformed_rule_dates()[-1].isoformat()
                return (opening["region"], date)
            return (ast.literal_eval(a),)

        calls += [(n.func.id, tuple(v for a in n.args for v in literal(a))) for n in ast.walk(tree)
                  if isinstance(n, ast.Call) and getattr(n.func, "id", None) in names & TEACHING_WIDGETS]
    return calls


def without_the_other_language(w: widgets.HTML) -> widgets.HTML:
    """The exercise lists print the other language small beside each text; drop that side."""
    return widgets.HTML(re.sub(r"<small[^>]*>.*?</small>", "", w.value, flags=re.S))


def test_the_teaching_notebooks_call_show_exercises_and_sources():
    assert {f for f, _ in teaching_calls()} == TEACHING_WIDGETS


def _call_id(v: object) -> str:
    return "-".join(map(str, v)) if isinstance(v, tuple) else str(v)


@pytest.mark.parametrize("func,args", teaching_calls(), ids=_call_id)
def test_the_teaching_lists_in_english_leave_no_chinese_only_text(func, args):
    english = func == "show_exercises"  # the source list has no language: it is bilingual
    w = getattr(page, func)(*args, **({"lang": "en"} if english else {}))
    if english:
        assert CJK.search(w.value), "the Chinese stays beside the English"
        w = without_the_other_language(w)
    assert not chinese_only(widget_texts(w))

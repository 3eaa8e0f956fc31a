"""The pieces a teaching notebook calls after its app: exercises whose answers the library
computes, the list of sources behind a region's rules, and the key numbers of an app in one
checked line (``show_key_numbers``)."""

from __future__ import annotations

import os
from collections.abc import Callable

import ipywidgets as widgets

from medinsure.app.common import page_cell
from medinsure.compare import Comparison
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import Reference, rules_for
from medinsure.teaching.exercises_household import EXERCISES, Exercise  # noqa: F401  (notebooks and tests read them here)
from medinsure.views.html import exercise_list, sources_list
from medinsure.views.words import money


def exercises_html(topic: str, lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercise_list([(ex.question, ex.answer()) for ex in EXERCISES[topic]], lang)


@page_cell()
def show_exercises(topic: str, lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(topic, lang))


def references_for(region: str, date: str) -> list[Reference]:
    """The documents behind the rules a household comparison uses on ``date``."""
    return rules_for(region, date).references()


def sources_html(region: str, date: str) -> str:
    """Numbered list of the documents behind the rules used, with where they were read."""
    return sources_list(references_for(region, date))


@page_cell()
def show_sources(region, date: str | None = None) -> widgets.HTML:
    """The sources list: of ``region`` on ``date``, or — given an app — of the region and date the
    app shows now, following its controls (a reader who picks another city sees that city's documents)."""
    if isinstance(region, str):
        return widgets.HTML(sources_html(region, date))

    def sources_now(app) -> str | None:
        try:
            return sources_html(app.controls["region"].value, app.controls["date"].value)
        except (InvalidInput, DataError):  # the app's own error box says what is wrong
            return None

    return following(region, sources_now, ("region", "date"))


def following(app, render: Callable[[object], str | None], names: tuple[str, ...] | None = None) -> widgets.HTML:
    """A box showing ``render(app)``, redrawn after each change of the app's controls ``names``
    (all when None; the app has recomputed by then: its own observers came first). ``None`` keeps
    the last text (an input error, which the app's error box explains)."""
    box = widgets.HTML()

    def update(_=None) -> None:
        text = render(app)
        if text is not None and text != box.value:
            box.value = text

    update()
    for name in names or app.controls:
        app.controls[name].observe(update, names="value")
    return box


@page_cell('')
def key_numbers(c: Comparison | None) -> str:
    """One line of the household app's numbers (``show_key_numbers`` checks it)."""
    if c is None:
        return "no result"
    return (f"credit {money(c.credit_old, 'en')} -> {money(c.credit_new, 'en')}; "
            f"reimbursement {money(c.reimbursement_old, 'en')} -> {money(c.reimbursement_new, 'en')}; "
            f"gain {money(c.resources_gain, 'en')}; break-even {c.break_even_status} "
            f"{money(c.break_even_outpatient, 'en') if c.break_even_outpatient is not None else ''}".rstrip())


class KeyNumbersMismatch(AssertionError):
    """A notebook's key numbers are not the hand-computed ones it expects."""

    def __init__(self, expected: str, got: str) -> None:
        super().__init__(f"the key numbers differ\n  expected: {expected}\n  got:      {got}")


@page_cell()
def show_key_numbers(subject: object, expected: str) -> None:
    """Print the key-number line of ``subject`` and raise :class:`KeyNumbersMismatch` if it is not
    ``expected`` (typed from the hand-computed cases in tests/). ``subject`` is the household app
    or its :class:`Comparison`, or the line another app's ``key_numbers`` made.

    A notebook calls this in its cell tagged ``key-numbers`` (hidden in Voila), so a plain
    ``pytest --nbval-lax`` run fails on a changed number and the notebook stores no output. A
    visitor who opened a share link sees other numbers than the opening example: no check then.
    """
    if not isinstance(subject, str):
        subject = key_numbers(getattr(subject, "result", subject))
    print(subject)
    if os.environ.get("QUERY_STRING"):  # set by follow_link: the page shows the link's case
        return
    if subject != expected:
        raise KeyNumbersMismatch(expected, subject)


def html_cell(render: Callable[..., str]) -> Callable[..., widgets.HTML]:
    """A notebook cell showing ``render(...)`` (HTML text) as a widget, guarded as :func:`page_cell`
    says: an app's ``show_exercises`` and ``show_sources`` are made with it."""
    @page_cell()
    def show(*args, **kwargs) -> widgets.HTML:
        return widgets.HTML(render(*args, **kwargs))
    show.__doc__ = f"Show {render.__name__}(...) as a widget."
    return show

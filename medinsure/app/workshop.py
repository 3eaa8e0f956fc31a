"""The workshop session widgets: the app a session projects (a persona picker above the household
app), its exercises under one language switch (check only: the answers are on the trainer's page),
the cases table, the sources and the nbval check line (hidden from participants).

The sessions, personas and answers are medinsure.teaching.workshop; the exercise widgets are
medinsure.app.exercise. The notebooks under notebooks/workshop/ call this module.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from medinsure.app.common import app_builder, page_cell
from medinsure.app.controls import language_control
from medinsure.app.exercise import ExerciseSet, answer_checker, predict_then_check, what_the_tool_says
from medinsure.compare import Comparison
from medinsure.teaching.workshop import (
    SESSION_APPS,
    Exercise,
    KeyNumbers,
    NumberExercise,
    PredictExercise,
    cases_table_html,
    exercises,
    persona_choices,
    predict_explain_html,
    predicted,
    session_cases,
    sources_html,
)


def _household_explainer(**kwargs) -> widgets.Widget:
    # The household app through the app package's public face (as the notebooks import it), on
    # use: this page is built on it, and app modules do not import each other.
    from medinsure.app import household_explainer
    return household_explainer(**kwargs)


# --------------------------------------------------------------------------- exercises
def exercise_widget(ex: Exercise, lang: str = "zh"):
    """The widget for one exercise (answer checker, predict-then-check or what-the-tool-says)."""
    if isinstance(ex, NumberExercise):
        return answer_checker(ex.question, ex.answer, ex.unit, ex.tolerance, hint=ex.how, lang=lang)
    if isinstance(ex, PredictExercise):
        return predict_then_check(ex.question, lambda: predicted(ex),
                                  explain=lambda: {lg: predict_explain_html(ex, lg) for lg in ("zh", "en")},
                                  app=lambda: _household_explainer(**ex.changed.app_kwargs()), lang=lang)
    return what_the_tool_says(ex.question, ex.case.comparison, ex.discussion, lang)


@page_cell()
def show_session(session: str, lang: str = "zh"):
    """The session's exercises under one language switch."""
    return ExerciseSet([exercise_widget(ex, lang) for ex in exercises(session)], lang)


# --------------------------------------------------------------------------- the session's app
class PersonaExplorer(widgets.VBox):
    """A persona picker above the household app; picking a persona rebuilds the app for them.

    ``.result`` and ``.error`` are those of the current household app.
    """

    def __init__(self, personas: dict[str, tuple[dict, dict]], value: str | None = None, lang: str = "zh",
                 build: Callable[..., widgets.Widget] | None = None) -> None:
        self.personas = personas
        self.build = build or _household_explainer
        self.own_controls = {
            "persona": widgets.Dropdown(options=[(f"{lab['zh']} · {lab['en']}", k) for k, (lab, _) in personas.items()],
                                        value=value or next(iter(personas)), description="人物 Persona",
                                        layout=widgets.Layout(width="98%"), style={"description_width": "110px"}),
            "lang": language_control(lang, width="110px"),
        }
        self.app = self._build()
        self.app.refresh_share()
        self.own_controls["persona"].observe(self._on_persona, names="value")
        self.own_controls["lang"].observe(lambda ch: setattr(self.app.controls["lang"], "value", ch["new"]),
                                          names="value")
        super().__init__([widgets.HBox([self.own_controls["persona"], self.own_controls["lang"]],
                                       layout=widgets.Layout(flex_flow="row wrap")), self.app])
        self.add_class("medinsure-persona-explorer")

    @property
    def controls(self) -> dict:
        """The picker's own controls, then the current app's (a share link sets both: the persona
        first, then the values changed from that persona's)."""
        inner = {k: w for k, w in self.app.controls.items() if k != "lang"}
        return {**self.own_controls, **inner}

    @property
    def share(self) -> widgets.HTML:
        return self.app.share

    def _build(self) -> widgets.Widget:
        _, kwargs = self.personas[self.own_controls["persona"].value]
        app = self.build(**{**kwargs, "lang": self.own_controls["lang"].value})
        app.controls["lang"].layout.display = "none"  # the picker's switch drives the app
        app.share_target = self  # its share link names the persona too
        return app

    def _on_persona(self, _change: dict) -> None:
        self.app = self._build()
        self.app.refresh_share()
        self.children = (self.children[0], self.app)

    def show_link_problems(self, problems: list[str]) -> None:
        self.app.show_link_problems(problems)

    def select_date(self, text: str) -> dict | None:
        return self.app.select_date(text)

    @property
    def result(self) -> Comparison | None:
        return self.app.result

    @property
    def error(self) -> str | None:
        return self.app.error


def persona_explorer(personas: dict[str, tuple[dict, dict]], value: str | None = None,
                     lang: str = "zh", build: Callable[..., widgets.Widget] | None = None) -> PersonaExplorer:
    """Build the persona picker: ``personas`` maps a key to (label ``{zh, en}``, household app kwargs);
    ``build(**kwargs, lang=...)`` makes the app for a persona (default: the household app)."""
    return PersonaExplorer(personas, value, lang, build)


@app_builder
def session_app(session: str, lang: str = "zh"):
    """The app a session projects: the persona picker above the household app, opened on the
    session's persona (workshop 2: Lao Wang)."""
    return persona_explorer(persona_choices(), value=SESSION_APPS[session], lang=lang)


# --------------------------------------------------------------------------- tables, sources, check line
def show_cases(session: str, lang: str = "zh"):
    return widgets.HTML(cases_table_html(session_cases(session), lang))


@page_cell()
def show_sources(session: str):
    return widgets.HTML(sources_html(session))


@page_cell()
def trainer_check(session: str) -> KeyNumbers:
    """Hidden in the notebook; its text is what nbval checks (``nbval-check-output``)."""
    return KeyNumbers(session)

"""Exercise widgets for workshops: check a number, predict then check, see what the tool cannot say.

Every expected answer is computed when asked for (a callable into the library), never stored. Each
builder returns a ``VBox`` with ``.controls`` (incl. ``"lang"``), ``.result`` and ``.error``, like the
apps. Reading and judging answers: medinsure.teaching.checking; words and HTML: medinsure.views.exercise.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from medinsure.app.controls import language_control
from medinsure.compare import Comparison
from medinsure.teaching.checking import PREDICTIONS, expected_value, judge, parse_number, share_off
from medinsure.views.exercise import (
    TXT,
    checked_html,
    hint_box,
    prediction_html,
    question_html,
    t,
    tool_says_html,
    unit_text,
)
from medinsure.views.html import error_box, feedback_box

LABEL_WIDTH = "110px"  # the exercise widgets' labels (language switch, prediction)


def _drives_language(app: object) -> bool:
    """An app with its own language switch (the household app): the exercise's switch drives it."""
    return "lang" in getattr(app, "controls", {})


class _Exercise(widgets.VBox):
    """What the exercise widgets share: a framed box of parts, and the language of its switch."""

    def _frame(self, children: list, kind: str) -> None:
        super().__init__(children, layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"))
        self.add_class("medinsure-exercise")
        self.add_class(f"medinsure-{kind}")
        self._render()

    @property
    def lang(self) -> str:
        return self.controls["lang"].value


# --------------------------------------------------------------------------- number checker
class AnswerChecker(_Exercise):
    """A question, a number input, a "核对 Check" button and feedback. Build with :func:`answer_checker`.

    The participant checks their own number (right, or how far off); the answer itself and its
    working are on the trainer's answer page (notebooks/trainer/answers.html), not here: a wrong
    try shows the method in words (``hint``), never the expected number.

    ``.result`` after a check: ``{"given", "expected", "difference", "correct"}`` (money in the
    question's unit); ``None`` before a check or while the input is not a number.
    """

    def __init__(self, question: dict, answer: Callable[[], float | None], unit: str | dict,
                 tolerance: float = 0.01, hint: dict | None = None, lang: str = "zh") -> None:
        self.question, self.answer, self.unit = question, answer, unit
        self.tolerance, self.hint = tolerance, hint
        self.result: dict | None = None
        self.error: str | None = None
        self._state: tuple | None = None  # what the feedback shows, redrawn on a language switch
        self.controls = {
            "answer": widgets.Text(value="", placeholder=TXT["placeholder"][lang],
                                   description="答案 Answer", continuous_update=False,
                                   layout=widgets.Layout(width="280px")),
            "lang": language_control(lang, LABEL_WIDTH),
        }
        self.question_box = widgets.HTML()
        self.unit_label = widgets.HTML()
        self.check_button = widgets.Button(description="核对 Check", button_style="primary",
                                           tooltip="核对 Check", icon="check", layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.check_button.on_click(self.check)
        self.controls["lang"].observe(lambda _: self._render(), names="value")
        row = widgets.HBox([self.controls["answer"], self.unit_label, self.check_button],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self._frame([self.question_box, row, self.feedback, self.controls["lang"]], "answer-checker")


    def _expected(self) -> float | None:
        return expected_value(self.answer())

    def check(self, _button: object = None) -> None:
        """The "核对 Check" click handler."""
        text = self.controls["answer"].value
        try:
            if not str(text).strip():
                self._set_error("empty")
                return
            try:
                given = parse_number(text)
            except ValueError:
                self._set_error("not_a_number", t=text)
                return
            expected = self._expected()
        except Exception:  # noqa: BLE001 - never a traceback in the room
            self._set_error("internal")
            return
        self.error = None
        self.result = judge(given, expected, self.tolerance)
        if expected is None:
            self._state = ("unknown",)
        else:
            self._state = ("checked",)
        self._render()

    def _set_error(self, key: str, **kw: object) -> None:
        self.result = None
        self._state = ("error", key, kw)
        self.error = t(key, self.lang, **kw)
        self._render()

    def _render(self) -> None:
        lang = self.lang
        self.question_box.value = question_html(self.question, lang)
        self.unit_label.value = f"<span class='medinsure-unit'>{html.escape(unit_text(self.unit, lang))}</span>"
        self.controls["answer"].placeholder = TXT["placeholder"][lang]
        parts = []
        st = self._state
        if st and st[0] == "error":
            self.error = t(st[1], lang, **st[2])
            parts.append(error_box(html.escape(self.error)))
        elif st and st[0] == "unknown":
            parts.append(feedback_box("unknown", html.escape(t("unknown_answer", lang))))
        elif st and st[0] == "checked" and self.result:
            parts.append(checked_html(self.result, self.unit, self.tolerance, share_off(self.result), lang))
            if not self.result["correct"] and self.hint:
                parts.append(hint_box(self.hint[lang], lang))
        self.feedback.value = "".join(parts)


def answer_checker(question: dict, answer: Callable[[], float | None], unit: str | dict,
                   tolerance: float = 0.01, hint: dict | None = None,
                   lang: str = "zh") -> AnswerChecker:
    """Build a number exercise checked against the library.

    ``question`` is ``{"zh", "en"}``; ``answer()`` returns the expected number [in ``unit``],
    computed by the library when called (``None`` when the data does not know it); ``unit`` is a
    key of ``medinsure.views.words.UNIT`` (``"yuan/year"``) or ``{"zh", "en"}``; ``tolerance`` is
    the largest accepted absolute difference [in ``unit``] (0.01 = one fen); ``hint`` is
    ``{"zh", "en"}``, how to compute it in words (no number), shown after a wrong try. There is
    no "show answer" here: the answers are on the trainer's page (notebooks/trainer/answers.html).
    """
    return AnswerChecker(question, answer, unit, tolerance, hint, lang)


# --------------------------------------------------------------------------- predict, then check
class PredictThenCheck(_Exercise):
    """Ask for a prediction (higher / lower / same), then reveal the computed outcome and open the
    household app on the changed case. Build with :func:`predict_then_check`.

    ``.result`` after a reveal: ``{"prediction", "expected", "correct"}``.
    """

    def __init__(self, question: dict, expected: Callable[[], str], explain: Callable[[], dict] | None = None,
                 app: Callable[[], widgets.Widget] | None = None, options: dict | None = None,
                 lang: str = "zh") -> None:
        self.question, self.expected, self.explain, self.make_app = question, expected, explain, app
        self.options = options or PREDICTIONS
        self.result: dict | None = None
        self.error: str | None = None
        self.app: widgets.Widget | None = None
        self._state: tuple | None = None
        self.controls = {
            "prediction": widgets.ToggleButtons(
                options=[(f"{v['zh']} {v['en'].capitalize()}", k) for k, v in self.options.items()],
                value=None, description="预测 Prediction", style={"description_width": LABEL_WIDTH}),
            "lang": language_control(lang, LABEL_WIDTH),
        }
        self.question_box = widgets.HTML()
        self.reveal_button = widgets.Button(description="揭晓 Reveal", button_style="primary",
                                            tooltip="揭晓 Reveal", icon="eye", layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.app_box = widgets.VBox()
        self.reveal_button.on_click(self.reveal)
        self.controls["lang"].observe(self._on_lang, names="value")
        self._frame([self.question_box, self.controls["prediction"], self.reveal_button, self.feedback,
                     self.app_box, self.controls["lang"]], "predict")

    def reveal(self, _button: object = None) -> None:
        """The "揭晓 Reveal" click handler."""
        p = self.controls["prediction"].value
        if p is None:
            self.result, self._state = None, ("error", "no_prediction")
            self._render()
            return
        try:
            exp = self.expected()
            if self.make_app is not None and self.app is None and exp != "unknown":
                self.app = self.make_app()
                if _drives_language(self.app):  # this exercise's switch drives the app
                    self.app.controls["lang"].value = self.lang
                    self.app.controls["lang"].layout.display = "none"
                self.app_box.children = [self.app]
        except Exception:  # noqa: BLE001 - never a traceback in the room
            self.result, self._state = None, ("error", "internal")
            self._render()
            return
        self.result = {"prediction": p, "expected": exp, "correct": p == exp}
        self._state = ("revealed",)
        self._render()

    def _on_lang(self, change: dict) -> None:
        if _drives_language(self.app):
            self.app.controls["lang"].value = change["new"]
        self._render()

    def _render(self) -> None:
        lang = self.lang
        self.question_box.value = question_html(self.question, lang)
        st = self._state
        self.error = None
        if st is None:
            self.feedback.value = ""
        elif st[0] == "error":
            self.error = t(st[1], lang)
            self.feedback.value = error_box(html.escape(self.error))
        else:
            body = prediction_html(self.result, self.options, lang)
            try:
                more = self.explain()[lang] if self.explain else ""
            except Exception:  # noqa: BLE001 - never a traceback in the room
                more = error_box(html.escape(t("internal", lang)))
            if more:
                body += feedback_box("info", more)
            if self.app is not None:
                body += f"<p>{html.escape(t('app_below', lang))}</p>"
            self.feedback.value = body

def predict_then_check(question: dict, expected: Callable[[], str], explain: Callable[[], dict] | None = None,
                       app: Callable[[], widgets.Widget] | None = None, options: dict | None = None,
                       lang: str = "zh") -> PredictThenCheck:
    """Build a predict-then-check exercise.

    ``expected()`` returns the right option key (``"higher"``, ``"lower"``, ``"same"``) computed by
    the library, or ``"unknown"`` when the data cannot decide; ``explain()`` returns ``{"zh": html,
    "en": html}`` shown on reveal (the two numbers and their sources); ``app()`` builds the app set
    to the changed case, shown on reveal; ``options`` is ``{key: {"zh", "en"}}`` (default higher /
    lower / same).
    """
    return PredictThenCheck(question, expected, explain, app, options, lang)


# --------------------------------------------------------------------------- what the tool says
class WhatTheToolSays(_Exercise):
    """"What does the tool say, and why can it not say more?" Build with :func:`what_the_tool_says`.

    ``.result`` after the reveal: the names of the numbers the data does not know.
    """

    def __init__(self, question: dict, comparison: Callable[[], Comparison], discussion: dict | None = None,
                 lang: str = "zh") -> None:
        self.question, self.comparison, self.discussion = question, comparison, discussion
        self.result: tuple[str, ...] | None = None
        self.error: str | None = None
        self._c: Comparison | None = None
        self._failed = False
        self.controls = {"lang": language_control(lang, LABEL_WIDTH)}
        self.question_box = widgets.HTML()
        self.reveal_button = widgets.Button(description="看看工具怎么说 See what the tool says",
                                            tooltip="看看工具怎么说 See what the tool says",
                                            layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.reveal_button.on_click(self.reveal)
        self.controls["lang"].observe(lambda _: self._render(), names="value")
        self._frame([self.question_box, self.reveal_button, self.feedback, self.controls["lang"]], "what-the-tool-says")

    def reveal(self, _button: object = None) -> None:
        try:
            self._c = self.comparison()
        except Exception:  # noqa: BLE001 - never a traceback in the room
            self._c, self.result, self._failed = None, None, True
            self._render()
            return
        self._failed = False
        self.result = tuple(u["field"] for u in self._c.unknown)
        self._render()

    def _render(self) -> None:
        lang = self.lang
        self.question_box.value = question_html(self.question, lang)
        self.error = t("internal", lang) if self._failed else None  # redrawn on a language switch
        if self.error:
            self.feedback.value = error_box(html.escape(self.error))
        if self._c is not None:
            self.feedback.value = tool_says_html(self._c, self.discussion, lang)


def what_the_tool_says(question: dict, comparison: Callable[[], Comparison], discussion: dict | None = None,
                       lang: str = "zh") -> WhatTheToolSays:
    """Build a "what does the tool say and why can it not say more?" exercise.

    ``comparison`` computes the case with the library; the reveal lists what it computes, what it
    does not know and the data's own note on why.
    """
    return WhatTheToolSays(question, comparison, discussion, lang)


class ExerciseSet(widgets.VBox):
    """Exercises under one language switch (their own switches are hidden and follow it)."""

    def __init__(self, exercises: list[widgets.VBox], lang: str = "zh") -> None:
        self.exercises = exercises
        self.controls = {"lang": language_control(lang, LABEL_WIDTH)}
        for ex in exercises:
            ex.controls["lang"].layout.display = "none"
            ex.controls["lang"].value = lang
        self.controls["lang"].observe(self._on_lang, names="value")
        super().__init__([self.controls["lang"], *exercises])
        self.add_class("medinsure-exercise-set")

    def _on_lang(self, change: dict) -> None:
        for ex in self.exercises:
            ex.controls["lang"].value = change["new"]

    @property
    def result(self) -> list:
        return [ex.result for ex in self.exercises]

    @property
    def error(self) -> str | None:
        return next((ex.error for ex in self.exercises if ex.error), None)

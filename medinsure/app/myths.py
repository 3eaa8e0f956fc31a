"""辟谣 — claims about the account reform, each checked against the rules and the statistics.

``myth_checker()`` is the app: ``.controls`` (claim, wage, pension, outpatient spending,
language), ``.result`` (the :class:`medinsure.teaching.myths.Answer` shown). The claims and their
checks are :mod:`medinsure.teaching.myths`'s, the HTML :mod:`medinsure.views.myths`'s.
"""

from __future__ import annotations

import ipywidgets as widgets

from medinsure.app.common import ErrorBox, app_builder, page_cell
from medinsure.app.controls import control_column
from medinsure.app.export import ExportPanel
from medinsure.app.page import html_cell
from medinsure.teaching.exercises_fund import MYTHS_EXERCISES as EXERCISES
from medinsure.teaching.exercises_fund import Exercise
from medinsure.teaching.myths import BY_KEY, MYTHS, Answer, Params, check, check_all, documents
from medinsure.views.html import exercise_list, title
from medinsure.views.myths import TXT, answer_html, citable_sentence, export_bundle, key_numbers_line, overview_html
from medinsure.views.myths import sources_html as _sources_html

__all__ = ["MythChecker", "myth_checker", "key_numbers", "show_exercises", "show_sources", "sources_html",
           "exercises_html", "EXERCISES", "check", "check_all"]


class MythChecker(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`myth_checker`."""

    def __init__(self, claim: str = "m1", wage: float = Params.wage, pension: float = Params.pension,
                 outpatient: float = Params.outpatient, lang: str = "zh") -> None:
        self.result: Answer | None = None
        self.error: str | None = None
        style = {"description_width": "150px"}
        wide = lambda: widgets.Layout(width="98%")  # noqa: E731 — one Layout per widget
        self.controls = {
            "claim": widgets.Dropdown(options=[(f"{i}. {m.claim['zh']} {m.claim['en']}", m.key)
                                               for i, m in enumerate(MYTHS, 1)],
                                      value=claim, description="说法 Claim", layout=wide(), style=style),
            "wage": widgets.FloatSlider(value=wage, min=1000, max=40000, step=100, description="月缴费基数 Wage",
                                        readout_format=",.2f", continuous_update=False, layout=wide(), style=style),
            "pension": widgets.FloatSlider(value=pension, min=500, max=20000, step=50, description="月养老金 Pension",
                                           readout_format=",.2f", continuous_update=False, layout=wide(), style=style),
            "outpatient": widgets.FloatSlider(value=outpatient, min=0, max=50000, step=100,
                                              description="年门诊费用 Outpatient", readout_format=",.2f",
                                              continuous_update=False, layout=wide(), style=style),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.error_box = widgets.HTML()
        self.claim_box = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.explanation = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.live = widgets.HTML()
        self.documents = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.overview = widgets.HTML()
        self.overview_box = widgets.Accordion(children=[self.overview], selected_index=None)
        self.export_panel = ExportPanel(self, lambda: export_bundle(
            self._myth(), self.result, self.params(), self.controls["lang"].value),
            lambda: citable_sentence(self._myth(), self.result, self.controls["lang"].value))
        controls = control_column(list(self.controls.values()), width="98%", max_width="900px")
        super().__init__([self.title, controls, self.error_box, self.claim_box, self.sentence, self.explanation,
                          self.live, self.documents, self.export_panel, self.overview_box])
        self.add_class("medinsure-myths")
        for w in self.controls.values():
            w.observe(lambda change: self.recompute(), names="value")
        self.recompute()

    def _myth(self):
        return BY_KEY[self.controls["claim"].value]

    def params(self) -> Params:
        c = self.controls
        return Params(wage=float(c["wage"].value), pension=float(c["pension"].value),
                      outpatient=float(c["outpatient"].value))

    def recompute(self) -> None:
        lang = self.controls["lang"].value
        self.title.value = title(TXT["title"], lang)
        key = self.controls["claim"].value

        def answers_for_inputs():
            p = self.params()
            return check(key, p), check_all(p)

        done = self.guarded(answers_for_inputs, lang)
        if done is None:
            return
        a, answers = done
        self.result = a
        parts = answer_html(BY_KEY[key], a, lang)
        self.claim_box.value = parts["claim"]
        self.explanation.value = parts["explanation"]
        self.live.value = parts["live"]
        self.documents.value = parts["documents"]
        self.overview.value = overview_html(list(zip(MYTHS, answers)), lang)
        self.overview_box.set_title(0, TXT["all"][lang])
        self.sentence.value = parts["sentence"]
        self.export_panel.refresh()


@app_builder
def myth_checker(claim: str = "m1", **kwargs) -> MythChecker:
    """Build the myth-checking app (see :class:`MythChecker` for the options)."""
    return MythChecker(claim=claim, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
@page_cell('')
def key_numbers(params: Params | None = None) -> str:
    """One line of the numbers notebook 09 checks (nbval compares this output)."""
    return key_numbers_line(check_all(params))


def exercises_html(exercises: list[Exercise], lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercise_list([(ex.question, ex.answer()) for ex in exercises], lang)


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(EXERCISES, lang))


def sources_html(lang: str = "zh") -> str:
    """Every document the answers rest on, once, then the seed text each claim was read in."""
    return _sources_html(documents(check_all()), MYTHS, lang)


show_sources = html_cell(sources_html)

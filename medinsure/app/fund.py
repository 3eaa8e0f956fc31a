"""The fund in numbers: national and Hunan statistics, with their releases and sources.

``fund_explorer(...)`` returns the laid-out widget; ``.result`` is a :class:`medinsure.fund.FundView`
(the year's account share, in-service:retired ratio and figures), ``.controls`` holds the inputs.
The numbers are :mod:`medinsure.fund`'s, the words :mod:`medinsure.views.fund`'s, the charts
:mod:`medinsure.views.charts.fund`'s and the exercises :mod:`medinsure.teaching.exercises_fund`'s.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from medinsure import fund
from medinsure.app.common import ErrorBox, app_builder, page_cell
from medinsure.app.export import ExportPanel
from medinsure.app.page import html_cell
from medinsure.fund import FundView, fund_view
from medinsure.teaching.exercises_fund import EXERCISES, Exercise
from medinsure.views.charts.fund import (
    hunan_chart,
    hunan_figure,
    outpatient_chart,
    outpatient_figure,
    share_chart,
    share_figure,
)
from medinsure.views.exports import figure_drawer
from medinsure.views.fund import (
    TXT,
    citable_sentence,
    export_bundle,
    figures_table,
    key_numbers_line,
    sentence_box,
    sources_html,
)
from medinsure.views.html import exercise_list, title

__all__ = ["FundExplorer", "fund_explorer", "key_numbers", "show_exercises", "show_sources", "exercises_html",
           "EXERCISES", "FundView", "fund_view"]


def _image(cls: str) -> widgets.Image:
    img = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="660px"))
    img.add_class(cls)
    return img


class FundExplorer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`fund_explorer`."""

    def __init__(self, year: int = 2024, release: str | None = None, basis: str = "balance",
                 lang: str = "zh") -> None:
        self.result: FundView | None = None
        self.error: str | None = None
        style = {"description_width": "120px"}
        years = sorted(set(fund.years()) | set(fund.years("hunan")))
        self.controls = {
            "year": widgets.Dropdown(options=[(str(y), y) for y in years], value=year,
                                     description="年份 Year", style=style),
            "release": widgets.ToggleButtons(
                options=[("公报优先 Best", "best"), ("仅公报 Bulletin", "gongbao"), ("仅快报 Quick report", "kuaibao")],
                value=release or "best", description="来源 Release", style={**style, "button_width": "auto"}),
            "basis": widgets.ToggleButtons(
                options=[("累计结存 Balance", "balance"), ("收入 Income", "income"), ("支出 Spending", "spending")],
                value=basis, description="口径 Basis", style={**style, "button_width": "auto"}),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.error_box = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.share_image = _image("medinsure-share")
        self.hunan_image = _image("medinsure-hunan")
        self.outpatient_image = _image("medinsure-outpatient")
        self.table = widgets.HTML()
        self.table_box = widgets.Accordion(children=[self.table], selected_index=None)
        self._drawn: dict[tuple, bytes] = {}
        # align to the top: a stretched row would distort the shorter charts
        charts = widgets.HBox([self.share_image, self.hunan_image, self.outpatient_image],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%", align_items="flex-start"))
        self.export_panel = ExportPanel(self, self._export_bundle,
                                        lambda: citable_sentence(self.result, self.controls["lang"].value))
        super().__init__([self.title, widgets.VBox(list(self.controls.values())), self.error_box,
                          self.sentence, charts, self.table_box, self.export_panel])
        self.add_class("medinsure-fund")
        for w in self.controls.values():
            w.observe(lambda change: self.recompute(), names="value")
        self.recompute()

    def _chart(self, key: tuple, draw: Callable[[], bytes]) -> bytes:
        if key not in self._drawn:
            self._drawn[key] = draw()
        return self._drawn[key]

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        release = None if c["release"].value == "best" else c["release"].value
        self.title.value = title(TXT["title"], lang)

        def view_and_charts():
            v = fund_view(int(c["year"].value), release, c["basis"].value)
            return (v, self._chart(("share", lang, v.basis, release), lambda: share_chart(lang, v.basis, release)),
                    self._chart(("hunan", lang), lambda: hunan_chart(lang)),
                    self._chart(("outpatient", lang), lambda: outpatient_chart(lang)))

        done = self.guarded(view_and_charts, lang)
        if done is None:
            return
        v, share_png, hunan_png, out_png = done
        self.result = v
        self.share_image.value, self.hunan_image.value, self.outpatient_image.value = share_png, hunan_png, out_png
        self.table.value = figures_table(v.figures, lang)
        self.table_box.set_title(0, TXT["table"][lang])
        self.sentence.value = sentence_box(v, lang)
        self.export_panel.refresh()

    def _export_bundle(self):
        v, lang = self.result, self.controls["lang"].value
        return export_bundle(v, lang, {"share": figure_drawer(lambda: share_figure(lang, v.basis, v.release)),
                                       "hunan": figure_drawer(lambda: hunan_figure(lang)),
                                       "outpatient": figure_drawer(lambda: outpatient_figure(lang))})


@app_builder
def fund_explorer(year: int = 2024, **kwargs) -> FundExplorer:
    """Build the fund-statistics app (see :class:`FundExplorer` for the options)."""
    return FundExplorer(year=year, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
def exercises_html(exercises: list[Exercise], lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercise_list([(ex.question, ex.answer()) for ex in exercises], lang)


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(EXERCISES, lang))


show_sources = html_cell(sources_html)


@page_cell('')
def key_numbers() -> str:
    """One line of the numbers notebook 08 checks (nbval compares this output)."""
    return key_numbers_line()

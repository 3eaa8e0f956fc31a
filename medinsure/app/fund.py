"""The fund in numbers: national and Hunan statistics, with their releases and sources.

``fund_explorer(...)`` returns the laid-out widget; ``.result`` is a :class:`medinsure.fund.FundView`
(the year's account share, in-service:retired ratio and figures), ``.controls`` holds the inputs.
The numbers are :mod:`medinsure.fund`'s, the words :mod:`medinsure.views.fund`'s, the charts
:mod:`medinsure.views.charts.fund`'s and the exercises :mod:`medinsure.teaching.exercises_fund`'s.
"""

from __future__ import annotations

import ipywidgets as widgets

from medinsure import fund
from medinsure.app.common import ErrorBox, app_builder, page_cell
from medinsure.app.export import ExportPanel
from medinsure.app.page import html_cell
from medinsure.fund import FundView, fund_view
from medinsure.teaching.exercises_fund import EXERCISES, Exercise
from medinsure.views.charts.live_fund import (
    LiveHunan,
    LiveOutpatient,
    LiveShare,
    hunan_data,
    outpatient_data,
    share_data,
)
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


class _ChartBox:
    """A live chart with its HTML title above and its note under it (they wrap on a phone)."""

    def __init__(self, chart) -> None:
        self.chart = chart
        self.title = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.note = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.box = widgets.VBox([self.title, chart.figure, self.note], layout=widgets.Layout(
            flex="1 1 420px", max_width="660px", min_width="300px", width="100%"))

    def show(self) -> None:
        self.title.value, self.note.value = self.chart.title_html, self.chart.note_html


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
        # live charts, drawn in the browser from numbers; the exports (matplotlib) are drawn on click
        self.share_chart = LiveShare(lang)
        self.hunan_chart = LiveHunan(lang)
        self.outpatient_chart = LiveOutpatient(lang)
        self._boxes = {chart: _ChartBox(chart) for chart in (self.share_chart, self.hunan_chart,
                                                              self.outpatient_chart)}
        self.table = widgets.HTML()
        self.table_box = widgets.Accordion(children=[self.table], selected_index=None)
        self._data: dict[tuple, dict] = {}      # the charts' numbers, by (chart, basis, release)
        # align to the top: a stretched row would distort the shorter charts
        charts = widgets.HBox([box.box for box in self._boxes.values()],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%", align_items="flex-start"))
        self.export_panel = ExportPanel(self, self._export_bundle,
                                        lambda: citable_sentence(self.result, self.controls["lang"].value))
        super().__init__([self.title, widgets.VBox(list(self.controls.values())), self.error_box,
                          self.sentence, charts, self.table_box, self.export_panel])
        self.add_class("medinsure-fund")
        for w in self.controls.values():
            w.observe(lambda change: self.recompute(), names="value")
        self.recompute()

    def _numbers(self, key: tuple, compute) -> dict:
        if key not in self._data:
            self._data[key] = compute()
        return self._data[key]

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        release = None if c["release"].value == "best" else c["release"].value
        self.title.value = title(TXT["title"], lang)

        def view_and_charts():
            v = fund_view(int(c["year"].value), release, c["basis"].value)
            # each chart sends only when its inputs changed (the share chart: basis, release,
            # language; the other two: language); the year moves only the sentence and table
            self.share_chart.update(self._numbers(("share", v.basis, release),
                                                  lambda: share_data(v.basis, release)), lang)
            self.hunan_chart.update(self._numbers(("hunan",), hunan_data), lang)
            self.outpatient_chart.update(self._numbers(("outpatient",), outpatient_data), lang)
            for box in self._boxes.values():
                box.show()
            return v

        v = self.guarded(view_and_charts, lang)
        if v is None:
            return
        self.result = v
        self.table.value = figures_table(v.figures, lang)
        self.table_box.set_title(0, TXT["table"][lang])
        self.sentence.value = sentence_box(v, lang)
        self.export_panel.refresh()

    def _export_bundle(self):
        """The three charts as the live charts last showed them, drawn by matplotlib on click."""
        v, lang = self.result, self.controls["lang"].value
        return export_bundle(v, lang, {"share": self.share_chart.export, "hunan": self.hunan_chart.export,
                                       "outpatient": self.outpatient_chart.export})


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

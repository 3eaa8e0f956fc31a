"""Flexible employment (灵活就业) across regions: what a flexibly employed person pays, whether an
account is credited, and what outpatient pooling gives them — one row per region.

``flexible_explainer(...)`` returns the laid-out widget; ``.result`` is the list of rows from
:func:`medinsure.flexible.compare_regions` (``None`` while the input is invalid), ``.focus`` the
row of the region the sentence describes, ``.controls`` every input by name.
"""

from __future__ import annotations

import ipywidgets as widgets

from medinsure.app.common import ErrorBox, app_builder, page_cell
from medinsure.app.controls import columns, level_options
from medinsure.app.export import ExportPanel
from medinsure.app.page import following, html_cell
from medinsure.flexible import FlexibleOutlook, NoRules, compare_regions
from medinsure.teaching.exercises_flexible import EXERCISES, exercise_pairs  # noqa: F401
from medinsure.views.charts.flexible import CHART  # noqa: F401
from medinsure.views.charts.live_flexible import LiveFlexibleChart
from medinsure.views.flexible import (  # noqa: F401  (account_text … table_html: old import paths)
    FIELD,
    TXT,
    account_text,
    citable_sentence,
    date_options,
    export_bundle,
    key_numbers_line,
    notice_html,
    page_sources_html,
    region_options,
    sentence,
    sentence_html,
    sources_html,
    table_html,
)
from medinsure.views.html import exercise_list, title

# Display settings, not policy.
_BASE_SLIDER = (1000.0, 40000.0)
_OUTPATIENT_MAX = 20000.0


class FlexibleExplainer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`flexible_explainer`."""

    def __init__(self, date: str = "2023-03-01", base_choice: str = "default",
                 base_amount: float = 6000.0, age: int = 40, outpatient: float = 3000.0,
                 level: str = "primary", focus: str = "wuhan", lang: str = "zh") -> None:
        self.result: list | None = None
        self.focus: FlexibleOutlook | NoRules | None = None
        self.error: str | None = None

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")
        style = {"description_width": "150px"}
        dates = sorted(set(date_options()) | {date})
        c = self.controls = {
            "date": widgets.Dropdown(options=[(f"{d} 起施行 in force", d) for d in dates], value=date,
                                     description="规则日期 Rules on", layout=wide(), style=style),
            "base_choice": widgets.ToggleButtons(
                options=[("下限 Floor", "floor"), ("默认 Default", "default"), ("上限 Ceiling", "ceiling"),
                         ("自定 Amount", "amount")], value=base_choice, description="缴费基数 Base",
                style={**style, "button_width": "auto"}),
            "base_amount": widgets.FloatSlider(value=base_amount, min=_BASE_SLIDER[0], max=_BASE_SLIDER[1],
                                               step=50, description="基数 Base (yuan/month)",
                                               readout_format=",.2f", continuous_update=False,
                                               layout=wide(), style=style),
            "age": widgets.IntSlider(value=age, min=16, max=70, description="年龄 Age",
                                     continuous_update=False, layout=wide(), style=style),
            "outpatient": widgets.FloatSlider(value=outpatient, min=0, max=_OUTPATIENT_MAX, step=50,
                                              description="年门诊费用 Outpatient", readout_format=",.2f",
                                              continuous_update=False, layout=wide(), style=style),
            "level": widgets.Dropdown(options=level_options(),
                                      value=level, description="就医机构 Facility", layout=wide(), style=style),
            "focus": widgets.Dropdown(options=region_options(), value=focus, description="详看地区 Region",
                                      layout=wide(), style=style),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        # drawn in the browser from numbers; the export (matplotlib) is drawn on click. Its title
        # and note are HTML around the figure (they wrap on a phone)
        self.chart = LiveFlexibleChart(lang)
        self.chart_title = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.chart_note = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.chart_box = widgets.VBox([self.chart_title, self.chart.figure, self.chart_note],
                                      layout=widgets.Layout(width="100%", max_width="680px"))
        self.table = widgets.HTML()
        self.sources = widgets.HTML()
        self.table_box = widgets.Accordion(children=[self.table, self.sources], selected_index=0)
        left = widgets.VBox(list(c.values()))
        self.export_panel = ExportPanel(
            self, lambda: export_bundle(self.result, self.focus, self.chart, c["date"].value, c["lang"].value),
            lambda: citable_sentence(self.focus, c["lang"].value))
        right = widgets.VBox([self.error_box, self.sentence, self.notice, self.chart_box, self.table_box, self.export_panel],
                             layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, columns(left, right)])
        self.add_class("medinsure-flexible")
        for w in c.values():
            w.observe(self._on_change, names="value")
        self._update_visibility()
        self.recompute()

    def _on_change(self, change) -> None:
        if change["owner"] is self.controls["base_choice"]:
            self._update_visibility()
        self.recompute()

    def _update_visibility(self) -> None:
        amount = self.controls["base_choice"].value == "amount"
        self.controls["base_amount"].layout.display = None if amount else "none"

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = title(TXT["title"], lang)

        def rows_for_inputs():
            amount = float(c["base_amount"].value) if c["base_choice"].value == "amount" else None
            return compare_regions(c["date"].value, c["base_choice"].value, amount, int(c["age"].value),
                                   float(c["outpatient"].value), c["level"].value)

        rows = self.guarded(rows_for_inputs, lang)
        if rows is None:
            return
        self.result = rows
        focus = next(r for r in rows if r.region == c["focus"].value)
        self.focus = focus
        self.chart.update(rows, focus.region, lang)
        self.chart_title.value, self.chart_note.value = self.chart.title_html, self.chart.note_html
        self.table.value = table_html(rows, focus.region, lang)
        self.sources.value = sources_html(rows)
        self.table_box.set_title(0, TXT["table"][lang])
        self.table_box.set_title(1, TXT["sources"][lang])
        self.notice.value = notice_html(focus, lang)
        self.sentence.value = sentence_html(focus, lang)
        self.export_panel.refresh()

    def _show_error(self, message: str) -> None:
        super()._show_error(message)
        self.focus = None


@app_builder
def flexible_explainer(**kwargs) -> FlexibleExplainer:
    """Build the flexible-employment comparison app (see :class:`FlexibleExplainer`)."""
    return FlexibleExplainer(**kwargs)


# --------------------------------------------------------------------------- notebook helpers
@page_cell('')
def key_numbers(app: FlexibleExplainer) -> str:
    """One line of the numbers notebook 07 checks (nbval compares this output)."""
    return key_numbers_line(app.focus)


def exercises_html(lang: str = "zh") -> str:
    return exercise_list(exercise_pairs(), lang)


show_exercises = html_cell(exercises_html)


@page_cell()
def show_sources(app: FlexibleExplainer | str = "2023-03-01") -> widgets.HTML:
    """The sources of every region on a date, or — given the app — on the date it shows now."""
    if isinstance(app, str):
        return widgets.HTML(page_sources_html(compare_regions(app)))
    return following(app, lambda a: page_sources_html(a.result) if a.result is not None else None)

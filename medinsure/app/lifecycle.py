"""The account life-cycle app: "what happens to my balance if …" (湖南 省本级 rules, seed 004) and a
multi-year balance projection, old vs new credit.

``lifecycle_explainer(...)`` returns the widget; ``.result`` is a :class:`LifecycleResult`
(None while the input is invalid), ``.error`` the message shown and ``.controls`` every input.
Words, tables and the chart come from :mod:`medinsure.views.lifecycle` and
:mod:`medinsure.views.charts.live_lifecycle` (drawn in the browser; its exports are drawn by
:mod:`medinsure.views.charts.lifecycle` on a click).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ipywidgets as widgets

from medinsure import lifecycle as lc
from medinsure.app import controls
from medinsure.app.common import ErrorBox, app_builder, page_cell, titled_tabs
from medinsure.app.controls import region_options
from medinsure.app.export import ExportPanel
from medinsure.app.page import html_cell
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.teaching.exercises_lifecycle import lifecycle_exercises
from medinsure.views import lifecycle as view
from medinsure.views.charts.live_lifecycle import LiveBalance
from medinsure.views.html import exercise_list, sentence, title


@dataclass(frozen=True)
class LifecycleResult:
    outcome: lc.BalanceOutcome
    projection: lc.Projection


@page_cell('')
def key_numbers(r: LifecycleResult) -> str:
    """One checked line for the notebook (nbval)."""
    return view.key_numbers(r.outcome, r.projection)


# --------------------------------------------------------------------------- the app
class LifecycleExplainer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`lifecycle_explainer`."""

    def __init__(self, event: str = "move_to_other_province", event_date: str = "2024-06-01",
                 card: float = 5000.0, ledger: float = 1200.0, region: str = "hunan",
                 date: str = "2024-01-01", status: str = "retired", age: int = 66, wage: float = 6000.0,
                 pension: float = 3500.0, retirement_year: int = 2018, start: float = 2000.0,
                 spending: float = 1200.0, years: int = 10,
                 lang: str = "zh") -> None:
        self.result: LifecycleResult | None = None
        self.error: str | None = None
        style = {"description_width": "170px"}

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")
        c = self.controls = {
            "event": widgets.Dropdown(options=view.event_options(), value=event, description="如果 If",
                                      layout=wide(), style=style),
            "event_date": widgets.DatePicker(value=dt.date.fromisoformat(event_date), description="日期 Date", style=style),
            "card": widgets.BoundedFloatText(value=card, min=0, max=1_000_000, step=100,
                                             description="医保卡余额 Card", layout=wide(), style=style),
            "ledger": widgets.BoundedFloatText(value=ledger, min=0, max=1_000_000, step=100,
                                               description="记账户余额 Ledger", layout=wide(), style=style),
            "region": widgets.Dropdown(options=region_options(), value=region, description="地区 Region",
                                       layout=wide(), style=style),
            "date": widgets.DatePicker(value=dt.date.fromisoformat(date), description="规则日期 Rules on", style=style),
            "status": widgets.ToggleButtons(options=[("在职 In service", "in_service"), ("退休 Retired", "retired"),
                                                     ("灵活就业 Flexible", "flexible")], value=status,
                                            description="身份 Status", style={**style, "button_width": "auto"}),
            "age": widgets.IntSlider(value=age, min=18, max=100, description="年龄 Age", continuous_update=False,
                                     layout=wide(), style=style),
            "wage": widgets.BoundedFloatText(value=wage, min=0, max=200000, step=100, description="月缴费基数 Wage",
                                             layout=wide(), style=style),
            "pension": widgets.BoundedFloatText(value=pension, min=0, max=200000, step=50,
                                                description="月养老金 Pension", layout=wide(), style=style),
            "retirement_year": widgets.IntSlider(value=retirement_year, min=1990, max=2030,
                                                 description="退休年份 Retired in", continuous_update=False,
                                                 layout=wide(), style=style),
            "start": widgets.BoundedFloatText(value=start, min=0, max=1_000_000, step=100,
                                              description="现有余额 Balance now", layout=wide(), style=style),
            "spending": widgets.BoundedFloatText(value=spending, min=0, max=1_000_000, step=100,
                                                 description="每年从账户支付 Paid yearly", layout=wide(), style=style),
            "years": widgets.IntSlider(value=years, min=1, max=30, description="年数 Years", continuous_update=False,
                                       layout=wide(), style=style),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.error_box = widgets.HTML(layout=wide())
        self.sentence = widgets.HTML(layout=wide())
        self.parts = widgets.HTML()
        self.rule = widgets.HTML()
        self.modes = widgets.HTML()
        self.projection_sentence = widgets.HTML(layout=wide())
        self.notice = widgets.HTML(layout=wide())
        # a live chart, drawn in the browser from numbers; the export is drawn by matplotlib on click
        self.chart = LiveBalance(lang)
        self.chart_legend = widgets.HTML()  # the legend (HTML) under the figure
        self.chart_box = widgets.VBox([self.chart.figure, self.chart_legend],
                                      layout=widgets.Layout(width="100%", max_width="720px"))
        self.years_table = widgets.HTML()
        self.sources = widgets.HTML()
        ev_controls = widgets.VBox([c[k] for k in ("event", "event_date", "card", "ledger")])
        ev = widgets.VBox([controls.columns(ev_controls, widgets.VBox([self.sentence, self.parts])),
                           self.rule, self.modes])
        pr_controls = widgets.VBox([c[k] for k in ("region", "date", "status", "age", "wage", "pension",
                                                   "retirement_year", "start", "spending", "years")])
        self.export_panel = ExportPanel(
            self, lambda: view.export_bundle(self.result.outcome, self.result.projection, self.chart, c["lang"].value),
            lambda: view.citable_sentence(self.result.outcome, self.result.projection, c["lang"].value))
        pr = controls.columns(pr_controls, widgets.VBox([self.projection_sentence, self.notice, self.chart_box,
                                                         self.years_table]))
        self.tabs = titled_tabs([ev, pr])
        super().__init__([self.title, c["lang"], self.error_box, self.tabs, self.export_panel, self.sources])
        self.add_class("medinsure-lifecycle")
        for w in c.values():
            w.observe(self._on_change, names="value")
        self._update_visibility()
        self.recompute()

    def _on_change(self, change) -> None:
        if change["owner"] is self.controls["status"]:
            self._update_visibility()
        self.recompute()

    def _update_visibility(self) -> None:
        s = self.controls["status"].value
        self.controls["wage"].layout.display = None if s != "retired" else "none"
        self.controls["pension"].layout.display = None if s == "retired" else "none"
        self.controls["retirement_year"].layout.display = None if s == "retired" else "none"

    def enrollee(self) -> Enrollee:
        return controls.enrollee_from(self.controls)

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = title(view.TXT["title"], lang)
        self.tabs.set_title(0, view.TXT["tab_event"][lang])
        self.tabs.set_title(1, view.TXT["tab_projection"][lang])

        def result_for_inputs() -> LifecycleResult:
            for k in ("event_date", "date"):
                if c[k].value is None:
                    raise InvalidInput(k, None, "choose a date")
            outcome = lc.what_happens(c["event"].value, float(c["card"].value), float(c["ledger"].value),
                                      c["event_date"].value)
            proj = lc.balance_projection(c["region"].value, c["date"].value, self.enrollee(),
                                         float(c["start"].value), float(c["spending"].value), int(c["years"].value))
            return LifecycleResult(outcome, proj)

        result = self.guarded(result_for_inputs, lang)
        if result is None:
            return
        self.result = result
        outcome, proj = result.outcome, result.projection
        self.parts.value = view.parts_table(outcome, lang)
        self.rule.value = view.rule_box(outcome, lang)
        self.modes.value = view.modes_box(outcome.day, lang)
        self.chart.update(proj, lang)
        if self.chart_legend.value != self.chart.legend:
            self.chart_legend.value = self.chart.legend
        self.notice.value = view.notes_box(proj, lang)
        self.years_table.value = view.years_table(proj, lang)
        self.sources.value = view.page_sources(outcome, proj, lang)
        self.projection_sentence.value = sentence(view.projection_sentence(proj, lang))
        self.sentence.value = sentence(view.outcome_sentence(outcome, lang))
        self.export_panel.refresh()


@app_builder
def lifecycle_explainer(**kwargs) -> LifecycleExplainer:
    """Build the life-cycle app (see :class:`LifecycleExplainer` for the options)."""
    return LifecycleExplainer(**kwargs)


# --------------------------------------------------------------------------- notebook pieces
def exercises_html(lang: str = "zh") -> str:
    return exercise_list(lifecycle_exercises(), lang)


show_exercises = html_cell(exercises_html)


sources_html = view.sources_html


show_sources = html_cell(sources_html)

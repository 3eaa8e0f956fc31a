"""谁得益、谁吃亏 · Who gains, who loses: the population app.

``population_explorer(...)`` returns the laid-out widget. Its ``.result`` is the current
:class:`~medinsure.population_summary.Summary` (``None`` while the input is invalid), ``.model`` the
:class:`~medinsure.population.PopulationResult` behind it, and ``.controls`` the inputs by name.
Every number comes from :mod:`medinsure.population`, which runs the household calculator's own
code on the whole synthetic population; words are in :mod:`medinsure.views.population`, the
charts drawn in the browser in :mod:`medinsure.views.charts.live_population` (``.charts`` by name;
a change sends numbers, no picture), their exported matplotlib figures in
:mod:`medinsure.views.charts.population`, exercises in :mod:`medinsure.teaching.exercises_population`.
"""

from __future__ import annotations

import dataclasses
import time

import ipywidgets as widgets

from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.app.common import ErrorBox, app_builder, page_cell
from medinsure.app.controls import columns, region_options
from medinsure.app.export import ExportPanel
from medinsure.app.page import html_cell, references_for
from medinsure.rules import load_region
from medinsure.teaching.exercises_population import exercises_html
from medinsure.views.charts.live_population import LIVE_CHARTS
from medinsure.views.html import sentence as sentence_box
from medinsure.views.html import stylesheet
from medinsure.views.population import (
    AGE_EDGES,
    BREAK_EVEN_QUANTILES,
    QUANTILES,
    SIZES,
    SPENDING_EDGES,
    TOP_FRACTIONS,
    TXT,
    citable_sentence,
    export_bundle,
    key_numbers_line,
    reality_check_html,
    sentence,
    tables_html,
    unknown_note,
)
from medinsure.views.population import sources_html as _sources_html


# --------------------------------------------------------------------------- the app
class PopulationExplorer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`population_explorer`."""

    def __init__(self, region: str = "wuhan", date: str | None = None, n: int = 100_000, seed: int = 1,
                 lang: str = "zh") -> None:
        self.result: summary.Summary | None = None
        self.model: pop.PopulationResult | None = None
        self.error: str | None = None
        self.timings: dict[str, float] = {}
        self._busy = False
        style = {"description_width": "200px"}

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")

        def slider(desc: str, lo: float, hi: float, step: float, fmt: str = ".2f",
                   tip: str | None = None) -> widgets.FloatSlider:
            return widgets.FloatSlider(min=lo, max=hi, step=step, description=desc, readout_format=fmt,
                                       continuous_update=False, layout=wide(), style=style, tooltip=tip or desc)

        c = self.controls = {
            "region": widgets.Dropdown(options=region_options(), value=region, description="地区 Region",
                                       layout=wide(), style=style),
            "date": widgets.Dropdown(description="施行规则 Rules from", layout=wide(), style=style),
            "n": widgets.ToggleButtons(options=[(f"{k:,}", k) for k in sorted({*SIZES, int(n)})], value=int(n),
                                       description="人数 Enrollees", style={**style, "button_width": "auto"}),
            "seed": widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1, description="随机种子 Seed",
                                           layout=wide(), style=style),
            "share_retired": slider("退休比例 Retired share", 0.0, 0.6, 0.01),
            "share_flexible": slider("灵活就业比例 Flexible share", 0.0, 0.4, 0.01),
            "wage_level": slider("工资水平 Wage level", 0.5, 2.0, 0.05,
                                 tip="在职平均工资 ÷ 本地区平均工资 Mean wage ÷ the region's average wage"),
            "wage_sigma": slider("工资离散 Wage spread", 0.1, 1.2, 0.05, tip="对数正态σ Lognormal σ"),
            "pension_level": slider("养老金水平 Pension level", 0.2, 1.2, 0.01, ".3f",
                                    tip="平均养老金 ÷ 本地区平均工资 Mean pension ÷ the region's average wage"),
            "zero_in_service": slider("在职零门诊 Zero, working", 0.0, 0.95, 0.01,
                                      tip="全年没有门诊费用的在职职工比例 Share of in-service employees with no outpatient bill"),
            "zero_retired": slider("退休零门诊 Zero, retired", 0.0, 0.95, 0.01,
                                   tip="全年没有门诊费用的退休人员比例 Share of retirees with no outpatient bill"),
            "mean_in_service": slider("在职门诊均值 Mean, working", 100.0, 10000.0, 50.0, ",.0f",
                                      tip="有门诊费用的在职职工每年平均费用（元）Yearly mean bill of in-service employees who spend (yuan)"),
            "mean_retired": slider("退休门诊均值 Mean, retired", 100.0, 20000.0, 50.0, ",.0f",
                                   tip="有门诊费用的退休人员每年平均费用（元）Yearly mean bill of retirees who spend (yuan)"),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.reset_button = widgets.Button(description="恢复默认假设 Reset assumptions",
                                          layout=widgets.Layout(width="auto"))
        self.title = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        # live charts, drawn in the browser from numbers; the exports are drawn by matplotlib on click
        self.charts = {k: cls(lang) for k, cls in LIVE_CHARTS.items()}
        self._heads: dict[str, widgets.HTML] = {}  # each figure's HTML title, by its model id
        self.tables = widgets.HTML()
        self.tables_box = widgets.Accordion(children=[self.tables], selected_index=None)
        self._set_dates(date)
        self._set_defaults()
        controls = widgets.VBox([*c.values(), self.reset_button])
        # by age and where the money goes on the left, who gains beside them, the distribution under
        # all three (its two panels side by side); on a phone they stack
        ch = {k: self._chart_box(chart) for k, chart in self.charts.items()}
        cell = {"flex": "1 1 340px", "max_width": "640px", "min_width": "300px"}
        charts = widgets.VBox([
            widgets.HBox([widgets.VBox([ch["age"], ch["flows"]], layout=cell), widgets.VBox([ch["shares"]], layout=cell)],
                         layout=widgets.Layout(flex_flow="row wrap", width="100%")),
            widgets.VBox([ch["distribution"]], layout=widgets.Layout(width="100%", max_width="1280px"))],
            layout=widgets.Layout(width="100%"))
        self.export_panel = ExportPanel(self, self._export_bundle, lambda: citable_sentence(
            self.model, self.result, self._references(), self.controls["lang"].value))
        outputs = widgets.VBox([self.error_box, self.sentence, self.notice, charts, self.tables_box, self.export_panel],
                               layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, columns(controls, outputs)])
        self.add_class("medinsure-population")
        c["region"].observe(self._on_region, names="value")
        for k, w in c.items():
            if k != "region":
                w.observe(self._on_change, names="value")
        self.reset_button.on_click(self._on_reset)
        self.recompute()

    # ------------------------------------------------------------------ inputs
    def _set_dates(self, date: str | None = None) -> None:
        days = [d.isoformat() for d in load_region(self.controls["region"].value).reformed_rule_dates()]
        self.controls["date"].options = [(f"{d} 起 from", d) for d in days]
        want = date if date in days else None
        if date and not want:
            earlier = [d for d in days if d <= date]
            want = earlier[-1] if earlier else None
        self.controls["date"].value = want or days[-1]

    def _defaults(self) -> pop.Assumptions:
        return pop.assumptions_on(self.controls["date"].value)

    def _data_values(self, a: pop.Assumptions) -> dict[str, float]:
        """The data's value behind each assumption control."""
        return {"share_retired": a.share_retired, "share_flexible": a.share_flexible,
                "wage_level": a.wage_level, "wage_sigma": a.wage_sigma, "pension_level": a.pension_level,
                "zero_in_service": pop.spending_means(a, "in_service")[0],
                "zero_retired": pop.spending_means(a, "retired")[0],
                "mean_in_service": pop.spending_means(a, "in_service")[1],
                "mean_retired": pop.spending_means(a, "retired")[1]}

    def _snapped(self, name: str, v: float) -> float:
        """``v`` on the slider's grid (what the slider shows, and what a share link carries)."""
        step = self.controls[name].step
        return round(round(v / step) * step, 6)

    def _set_defaults(self) -> None:
        self._base = a = self._defaults()
        self._data = self._data_values(a)
        for k, v in self._data.items():
            self.controls[k].value = self._snapped(k, v)

    def _value(self, name: str) -> float:
        """The control's value, or the data's exact value while the slider sits on it (the slider
        can only show the data's value rounded to its step)."""
        v = float(self.controls[name].value)
        exact = self._data[name]
        return exact if abs(v - self._snapped(name, exact)) < 1e-9 else v

    def assumptions(self) -> pop.Assumptions:
        """The data's assumptions with the controls' values put in."""
        v = self._value
        a = dataclasses.replace(self._base, share_retired=v("share_retired"), share_flexible=v("share_flexible"),
                                wage_level=v("wage_level"), wage_sigma=v("wage_sigma"),
                                pension_level=v("pension_level"))
        for s in ("in_service", "retired"):
            z, m = v(f"zero_{s}"), v(f"mean_{s}")
            z0, m0 = self._data[f"zero_{s}"], self._data[f"mean_{s}"]
            a = pop.with_spending(a, s, zero_share=None if z == z0 else z, mean_positive=None if m == m0 else m)
        return a

    def _on_region(self, change) -> None:
        self._busy = True
        try:
            self._set_dates()
        finally:
            self._busy = False
        self.recompute()

    def _on_reset(self, _button) -> None:
        self._busy = True
        try:
            self._set_defaults()
        finally:
            self._busy = False
        self.recompute()

    def _on_change(self, change) -> None:
        if not self._busy:
            self.recompute()

    # ------------------------------------------------------------------ recompute
    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = (f"{stylesheet()}<h2 class='medinsure-title'>{TXT['title']['zh']} · {TXT['title']['en']}"
                            f"<br><small>{TXT['subtitle'][lang]}</small></h2>")
        t0 = time.perf_counter()

        def run_and_summarise():
            a = self.assumptions()
            r = pop.run(c["region"].value, c["date"].value, int(c["n"].value), seed=int(c["seed"].value),
                        assumptions=a)
            t1 = time.perf_counter()
            return a, r, t1, summary.summarise(r, AGE_EDGES, SPENDING_EDGES, QUANTILES, TOP_FRACTIONS,
                                           BREAK_EVEN_QUANTILES)

        done = self.guarded(run_and_summarise, lang)
        if done is None:
            return
        a, r, t1, s = done
        t2 = time.perf_counter()
        self.model, self.result = r, s
        for chart in self.charts.values():
            chart.update(r, s, lang)
            for fig_id, value in chart.title_html.items():
                head = self._heads.get(fig_id)
                if head is not None and head.value != value:
                    head.value = value
        t3 = time.perf_counter()
        self.notice.value = unknown_note(r, lang) + f"<p class='medinsure-notice medinsure-small'>{TXT['assumed'][lang]}</p>"
        self.tables.value = tables_html(s, lang)
        self.tables_box.set_title(0, TXT["tables"][lang])
        # the sentence goes last: when it shows the new numbers, the charts are already sent
        self.sentence.value = sentence_box(sentence(r, s, lang))
        self.export_panel.refresh()
        self.timings = {"model": t1 - t0, "summary": t2 - t1, "charts": t3 - t2,
                        "total": time.perf_counter() - t0}

    def _show_error(self, message: str) -> None:
        super()._show_error(message)
        self.model = None

    def _references(self) -> list:
        return references_for(self.model.region, self.model.date.isoformat())

    def _chart_box(self, chart) -> widgets.Widget:
        """A live chart's figures, each under its HTML title; several side by side (wrapping)."""
        def titled(fig) -> widgets.VBox:
            head = self._heads[fig.model_id] = widgets.HTML(chart.title_html.get(fig.model_id, ""),
                                                            layout=widgets.Layout(width="100%", margin="0"))
            head.add_class("medinsure-chart-title")
            return widgets.VBox([head, fig], layout=widgets.Layout(width="100%"))
        if not chart.cells:
            return titled(chart.figure)
        cells = []
        for fig, grow, basis in chart.cells:
            cell = titled(fig)
            cell.layout.width, cell.layout.flex, cell.layout.min_width = "auto", f"{grow} 1 {basis}", "240px"
            cells.append(cell)
        box = widgets.HBox(cells, layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        box.add_class(chart.css_class + "-box")
        return box

    def _export_bundle(self):
        # the matplotlib charts of the result and summary the live charts show, built on an export only
        charts = {k: chart.export_chart() for k, chart in self.charts.items()}
        return export_bundle(self.model, self.result, charts, self._references(), self.controls["lang"].value)


@app_builder
def population_explorer(region: str = "wuhan", **kwargs) -> PopulationExplorer:
    """Build the "谁得益、谁吃亏 · Who gains, who loses" app (see :class:`PopulationExplorer`)."""
    return PopulationExplorer(region=region, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
@page_cell('')
def key_numbers(s: summary.Summary | None, r: pop.PopulationResult | None = None) -> str:
    """One line of the numbers the notebook checks (nbval compares this output)."""
    return key_numbers_line(s, r)


@page_cell()
def show_reality_check(r: pop.PopulationResult) -> widgets.HTML:
    return widgets.HTML(reality_check_html(r))


show_exercises = html_cell(exercises_html)


def sources_html(r: pop.PopulationResult) -> str:
    """The rules' documents, the population assumptions and the published figures, numbered."""
    return _sources_html(r, references_for(r.region, r.date.isoformat()))


show_sources = html_cell(sources_html)

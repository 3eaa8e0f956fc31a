"""The family mutual-aid app (家庭共济): how far an employee's account covers the family, who may
share and what it may pay on a date, and a cross-province quota sandbox.

``family_explainer(...)`` returns the widget; ``.result`` is the current
:class:`~medinsure.family.FamilyPlan` (None while the input is invalid), ``.error`` the message
shown, ``.controls`` every input by name and ``.quota`` the cross-province state machine.
Words, tables and charts come from :mod:`medinsure.views.family`,
:mod:`medinsure.views.cross_province` and :mod:`medinsure.views.charts.live_family` (the charts,
drawn in the browser; their exports are drawn by :mod:`medinsure.views.charts.family` on a click).
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from medinsure import family as fam
from medinsure.app.common import ErrorBox, app_builder, page_cell, titled_tabs
from medinsure.app.controls import columns, level_options, region_options
from medinsure.app.export import ExportPanel
from medinsure.app.family.cross_province import CrossProvincePlay
from medinsure.app.page import html_cell
from medinsure.compare import visits_needed
from medinsure.enrollee import VISITS_RANGE, Enrollee
from medinsure.errors import InvalidInput
from medinsure.teaching.exercises_family import family_exercises
from medinsure.views import family as view
from medinsure.views.charts.live_family import LiveFamily
from medinsure.views.html import exercise_list, sentence, title

# display settings, not policy
_ROWS = 4
_DEFAULT_ROWS = (
    (True, "parent", "resident", 1500.0),
    (True, "sibling", "resident", 500.0),
    (False, "child", "resident", 300.0),
    (False, "spouse", "employee", 800.0),
)


def _relation_options() -> list[tuple[str, str]]:
    return [(f"{v['zh']} {v['en']}", k) for k, v in view.RELATIONS.items() if k != "self"]


key_numbers = page_cell('')(view.key_numbers)


# --------------------------------------------------------------------------- the app
class FamilyExplainer(CrossProvincePlay, ErrorBox, widgets.VBox):
    """The app. Build it with :func:`family_explainer`."""

    def __init__(self, region: str = "wuhan", date: str = "2025-03-01", status: str = "in_service",
                 age: int = 45, wage: float = 9000.0, pension: float = 4000.0, retirement_year: int = 2018,
                 outpatient: float = 800.0,
                 level: str = "primary", visits: int = 12, balance: float = 3000.0, years: int = 5,
                 own_mode: str = "bill",
                 lang: str = "zh", quota_start: str | None = None) -> None:
        self.result: fam.FamilyPlan | None = None
        self.error: str | None = None
        self._busy = False
        style = {"description_width": "170px"}

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")
        day = dt.date.fromisoformat(date)
        premium, _ = fam.resident_minimum(day.year)
        c = self.controls = {
            "region": widgets.Dropdown(options=region_options(), value=region, description="地区 Region",
                                       layout=wide(), style=style),
            "date": widgets.DatePicker(value=day, description="日期 Date", style=style),
            "status": widgets.ToggleButtons(options=[("在职 In service", "in_service"), ("退休 Retired", "retired"),
                                                     ("灵活就业 Flexible", "flexible")], value=status,
                                            description="身份 Status", style={**style, "button_width": "auto"}),
            "age": widgets.IntSlider(value=age, min=18, max=100, description="年龄 Age",
                                     continuous_update=False, layout=wide(), style=style),
            "wage": widgets.BoundedFloatText(value=wage, min=0, max=200000, step=100,
                                             description="月缴费基数 Wage", layout=wide(), style=style),
            "pension": widgets.BoundedFloatText(value=pension, min=0, max=200000, step=50,
                                                description="月养老金 Pension", layout=wide(), style=style),
            "retirement_year": widgets.IntSlider(value=retirement_year, min=1990, max=2030,
                                                 description="退休年份 Retired in", continuous_update=False,
                                                 layout=wide(), style=style),
            "own_mode": widgets.ToggleButtons(options=[("由门诊费用算 From the bill", "bill"),
                                                       ("直接填写自付 Own share", "direct")], value=own_mode,
                                              description="本人费用 Own costs", style={**style, "button_width": "auto"}),
            "outpatient": widgets.BoundedFloatText(value=outpatient, min=0, max=1_000_000, step=100,
                                                   description="本人年门诊费 Own outpatient", layout=wide(), style=style),
            "level": widgets.Dropdown(options=level_options(),
                                      value=level, description="就医机构 Facility", layout=wide(), style=style),
            # shown only where the rules charge the deductible per visit (郑州, 湖南, …)
            "visits": widgets.BoundedIntText(value=visits, min=VISITS_RANGE[0], max=VISITS_RANGE[1], step=1,
                                             description="年门诊次数 Visits", layout=wide(), style=style),
            "balance": widgets.BoundedFloatText(value=balance, min=0, max=1_000_000, step=100,
                                                description="账户余额 Balance", layout=wide(), style=style),
            "years": widgets.IntSlider(value=years, min=1, max=15, description="年数 Years",
                                       continuous_update=False, layout=wide(), style=style),
            "explore": widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="98%"),
                                        description="当地已允许为亲属缴居民医保 Local rule lets the account pay relatives' resident contributions"),
        }
        rows = []
        for i in range(_ROWS):
            on, rel, ins, med = _DEFAULT_ROWS[i]
            n = i + 1
            c[f"rel{n}_on"] = widgets.Checkbox(value=on, indent=False, description=f"亲属{n} Relative {n}",
                                               layout=widgets.Layout(width="130px"))
            c[f"rel{n}_relation"] = widgets.Dropdown(options=_relation_options(), value=rel,
                                                     layout=widgets.Layout(width="170px"))
            c[f"rel{n}_insurance"] = widgets.Dropdown(
                options=[(f"{v['zh']} {v['en']}", k) for k, v in view.INSURANCE.items()], value=ins,
                layout=widgets.Layout(width="230px"))
            c[f"rel{n}_medical"] = widgets.BoundedFloatText(value=med, min=0, max=1_000_000, step=100,
                                                            description="自付 Costs",
                                                            layout=widgets.Layout(width="170px"),
                                                            style={"description_width": "70px"})
            c[f"rel{n}_premium"] = widgets.BoundedFloatText(value=premium or 0.0, min=0, max=100000, step=10,
                                                            description="缴费 Contrib.",
                                                            layout=widgets.Layout(width="170px"),
                                                            style={"description_width": "80px"})
            rows.append(widgets.HBox([c[f"rel{n}_on"], c[f"rel{n}_relation"], c[f"rel{n}_insurance"],
                                      c[f"rel{n}_medical"], c[f"rel{n}_premium"]],
                                     layout=widgets.Layout(flex_flow="row wrap")))
        self._quota_controls(c, style)
        c["lang"] = widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style)
        # outputs
        self.title = widgets.HTML()
        self.error_box = widgets.HTML(layout=wide())
        self.sentence = widgets.HTML(layout=wide())
        self.notice = widgets.HTML(layout=wide())
        # live charts, drawn in the browser from numbers; the export is drawn by matplotlib on click
        self.chart = LiveFamily(lang)
        # each figure with its legend (HTML) under it, side by side on a wide screen, wrapping on a phone
        self.chart_legends = (widgets.HTML(), widgets.HTML())
        cell = {"flex": "1 1 320px", "max_width": "640px", "min_width": "280px"}
        self.charts = widgets.HBox([widgets.VBox([fig, legend], layout=widgets.Layout(**cell))
                                    for fig, legend in zip(self.chart.figures, self.chart_legends)],
                                   layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        self.year_table = widgets.HTML()
        self.years_table = widgets.HTML()
        self.rules_now = widgets.HTML()
        self.rules_table = widgets.HTML()
        self.sources = widgets.HTML()
        people = widgets.VBox([widgets.HTML(view.PEOPLE_HEAD), *rows, c["explore"]])
        left = widgets.VBox([c[k] for k in ("region", "date", "status", "age", "wage", "pension",
                                            "retirement_year", "own_mode", "outpatient", "level", "visits",
                                            "balance", "years")])
        self.export_panel = ExportPanel(self, lambda: view.export_bundle(self.result, self.chart, c["lang"].value),
                                        lambda: view.citable_sentence(self.result, c["lang"].value))
        right = widgets.VBox([self.error_box, self.sentence, self.notice, self.charts, self.year_table,
                              self.years_table, self.rules_now, self.export_panel],
                             layout=widgets.Layout(flex="1 1 auto", width="100%"))
        calc = widgets.VBox([columns(left, right), people])
        self.tabs = titled_tabs([calc, widgets.VBox([self.rules_table]), self.quota_box])
        super().__init__([self.title, c["lang"], self.tabs, self.sources])
        self.add_class("medinsure-family")
        for k, w in c.items():
            if not k.startswith("cp_"):
                w.observe(self._on_change, names="value")
        self._reset_quota(quota_start)
        self._update_visibility()
        self.recompute()

    # ------------------------------------------------------------------ calculator
    def _on_change(self, change) -> None:
        if change["owner"] in (self.controls[k] for k in ("status", "own_mode", "region", "date")):
            self._update_visibility()
        if change["owner"] is self.controls["lang"]:
            self._render_quota()
        if not self._busy:
            self.recompute()

    def _update_visibility(self) -> None:
        direct = self.controls["own_mode"].value == "direct"
        self.controls["outpatient"].description = "本人年自付 Own share" if direct else "本人年门诊费 Own outpatient"
        self.controls["level"].layout.display = "none" if direct else None
        self.controls["visits"].layout.display = None if self._needs_visits() else "none"
        s = self.controls["status"].value
        self.controls["wage"].layout.display = None if s != "retired" else "none"
        self.controls["pension"].layout.display = None if s == "retired" else "none"
        self.controls["retirement_year"].layout.display = None if s == "retired" else "none"

    def _needs_visits(self) -> bool:
        """True where the bill is the input and the rules charge the deductible per visit."""
        c = self.controls
        return (c["own_mode"].value == "bill" and c["date"].value is not None
                and visits_needed(c["region"].value, c["date"].value, c["status"].value))

    def enrollee(self) -> Enrollee:
        c = self.controls
        s = c["status"].value
        direct = c["own_mode"].value == "direct"
        return Enrollee(status=s, age=int(c["age"].value),
                        wage_monthly=None if s == "retired" else float(c["wage"].value),
                        pension_monthly=float(c["pension"].value) if s == "retired" else None,
                        retirement_year=int(c["retirement_year"].value) if s == "retired" else None,
                        outpatient_yearly=0.0 if direct else float(c["outpatient"].value), level=c["level"].value,
                        visits_yearly=int(c["visits"].value) if c["visits"].layout.display is None else None)

    def relatives(self) -> list[fam.Relative]:
        c = self.controls
        lang = c["lang"].value
        out = []
        for n in range(1, _ROWS + 1):
            if not c[f"rel{n}_on"].value:
                continue
            rel = c[f"rel{n}_relation"].value
            ins = c[f"rel{n}_insurance"].value
            out.append(fam.Relative(relation=rel, insurance=ins, medical_yearly=float(c[f"rel{n}_medical"].value),
                                    premium_yearly=float(c[f"rel{n}_premium"].value) if ins == "resident" else None,
                                    name=view.row_name(rel, n, lang)))
        return out

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = title(view.TXT["title"], lang)
        for i, key in enumerate(("tab_calc", "tab_rules", "tab_cross")):
            self.tabs.set_title(i, view.TXT[key][lang])
        self.rules_table.value = view.rules_history(lang)
        for n in range(1, _ROWS + 1):
            self.controls[f"rel{n}_premium"].disabled = self.controls[f"rel{n}_insurance"].value != "resident"

        def plan_for_inputs() -> fam.FamilyPlan:
            if c["date"].value is None:
                raise InvalidInput("date", None, "choose a date")
            return fam.family_plan(c["region"].value, c["date"].value, self.enrollee(), float(c["balance"].value),
                                   self.relatives(), years=int(c["years"].value),
                                   exploratory_allowed=bool(c["explore"].value),
                                   own_share_yearly=float(c["outpatient"].value)
                                   if c["own_mode"].value == "direct" else None)

        plan = self.guarded(plan_for_inputs, lang)
        if plan is None:
            return
        self.result = plan
        self.notice.value = view.plan_notes_html(plan, lang)
        self.chart.update(plan, lang)
        for box, legend in zip(self.chart_legends, self.chart.legends):
            if box.value != legend:
                box.value = legend
        self.year_table.value = view.year_table(plan, lang)
        self.years_table.value = view.years_table(plan, lang)
        self.rules_now.value = view.rules_now(plan, lang)
        self.sources.value = view.sources_details(
            plan.references + fam.cross_province_rules(self._quota_day0).references, lang)
        self.sentence.value = sentence(view.plan_sentence(plan, lang))
        self.export_panel.refresh()

    # ------------------------------------------------------------------ cross-province sandbox


@app_builder
def family_explainer(region: str = "wuhan", **kwargs) -> FamilyExplainer:
    """Build the family mutual-aid app (see :class:`FamilyExplainer` for the options)."""
    return FamilyExplainer(region=region, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
def exercises_html(lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercise_list(family_exercises(), lang)


show_exercises = html_cell(exercises_html)


sources_html = view.sources_html


show_sources = html_cell(sources_html)

"""The resident-insurance (城乡居民医保) explainer: who pays what, and what an inpatient stay gets back.

``resident_explainer(...)`` returns the laid-out widget; ``.result`` is a
:class:`ResidentResult` (contribution and inpatient outcome, ``None`` while the input is invalid),
``.controls`` holds every input by name, ``.error`` the current message or None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ipywidgets as widgets

from medinsure.app.common import ErrorBox, app_builder, page_cell
from medinsure.app.controls import columns
from medinsure.app.export import ExportPanel
from medinsure.app.page import following, html_cell
from medinsure.errors import InvalidInput
from medinsure.resident import (
    ILLNESS,
    Contribution,
    InpatientResult,
    add_months,
    inpatient_reimbursement,
    load_place,
    resident_contribution,
)
from medinsure.rules.resident import categories_of, excluded_causes_of, hospital_classes_of, requires_approval
from medinsure.teaching.exercises_resident import EXERCISES, exercise_pairs  # noqa: F401
from medinsure.views.charts.live_resident import CHART_TEXT, LiveContribution, LiveInpatient  # noqa: F401
from medinsure.views.html import exercise_list, title
from medinsure.views.resident import (  # noqa: F401  (contribution_sentence … trace_table: old import paths)
    TXT,
    citable_sentence,
    contribution_sentence,
    contribution_steps,
    export_bundle,
    inpatient_sentence,
    inpatient_steps,
    key_numbers_line,
    labelled_options,
    notice_html,
    place_options,
    sentence_html,
    sources_html,
    trace_table,
)

# Display settings, not policy.
_BILL_MAX = 200_000.0
_NO_CHECK = "none"


@dataclass(frozen=True)
class ResidentResult:
    """What the app shows: the contribution (or None) and the inpatient outcome (or None)."""

    region: str
    contribution: Contribution | None
    inpatient: InpatientResult | None


class ResidentExplainer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`resident_explainer`."""

    def __init__(self, region: str = "suyu", age: int = 65, sex: str = "female",
                 category: str | None = None, hospital_class: str | None = None,
                 in_scope: float = 20000.0, category_b: float = 0.0, out_of_scope: float = 0.0,
                 reimbursed_before: float = 0.0, cause: str = ILLNESS, approved: bool = True,
                 enrolment: str = "first", payment_date: str | None = None,
                 admission_date: str | None = None, lang: str = "zh") -> None:
        self.result: ResidentResult | None = None
        self.error: str | None = None
        self._busy = False

        def wide() -> widgets.Layout:
            return widgets.Layout(width="98%")
        style = {"description_width": "150px"}
        c = self.controls = {
            "region": widgets.Dropdown(options=place_options(), value=region, description="地区 Place",
                                       layout=wide(), style=style),
            "age": widgets.IntSlider(value=age, min=0, max=100, description="年龄 Age", continuous_update=False,
                                     layout=wide(), style=style),
            "sex": widgets.ToggleButtons(options=[("男 Male", "male"), ("女 Female", "female")], value=sex,
                                         description="性别 Sex", style={**style, "button_width": "auto"}),
            "category": widgets.Dropdown(description="身份 Category", layout=wide(), style=style),
            "hospital_class": widgets.Dropdown(description="医院 Hospital", layout=wide(), style=style),
            "in_scope": widgets.FloatSlider(value=in_scope, min=0, max=_BILL_MAX, step=100,
                                            description="范围内费用 In scope", readout_format=",.2f",
                                            continuous_update=False, layout=wide(), style=style),
            "category_b": widgets.FloatSlider(value=category_b, min=0, max=_BILL_MAX, step=100,
                                              description="其中乙类药 Category B", readout_format=",.2f",
                                              continuous_update=False, layout=wide(), style=style),
            "out_of_scope": widgets.FloatSlider(value=out_of_scope, min=0, max=50000, step=100,
                                                description="范围外 Out of scope", readout_format=",.2f",
                                                continuous_update=False, layout=wide(), style=style),
            "reimbursed_before": widgets.FloatSlider(value=reimbursed_before, min=0, max=50000, step=500,
                                                     description="本年已报 Paid this year",
                                                     readout_format=",.2f", continuous_update=False,
                                                     layout=wide(), style=style),
            "cause": widgets.Dropdown(description="病因 Cause", layout=wide(), style=style),
            "approved": widgets.Checkbox(value=approved, description="已办理住院登记 Registered", indent=False),
            "enrolment": widgets.Dropdown(
                options=[("不检查等待期 Not checked", _NO_CHECK), ("首次参保 First enrolment", "first"),
                         ("中断后再参保 Re-enrolment", "re_enrolment"), ("新生儿 Newborn", "newborn")],
                value=enrolment, description="参保情况 Enrolment", layout=wide(), style=style),
            "payment_date": widgets.DatePicker(description="缴费日 Paid on", style=style),
            "admission_date": widgets.DatePicker(description="入院日 Admitted", style=style),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.heads = (widgets.HTML(), widgets.HTML())
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        # live charts, drawn in the browser from numbers; exports are drawn by matplotlib on click
        self.curve_chart = LiveInpatient(lang)
        self.groups_chart = LiveContribution(lang)
        self.curve_figure = self.curve_chart.figure
        # each chart's legend under it, in HTML (long names wrap there)
        self.curve_legend = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.groups_legend = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.curve_box = widgets.VBox([self.curve_figure, self.curve_legend],
                                      layout=widgets.Layout(width="100%", flex="1 1 100%", max_width="660px"))
        # the two funding panels side by side where there is room, one above the other on a phone
        panels = widgets.HBox(list(self.groups_chart.figures), layout=widgets.Layout(flex_flow="row wrap",
                                                                                     width="100%"))
        self.groups_box = widgets.VBox([panels, self.groups_legend],
                                       layout=widgets.Layout(width="100%", flex="1 1 100%", max_width="880px"))
        self._groups_key: tuple | None = None
        self.trace = widgets.HTML()
        self.trace_box = widgets.Accordion(children=[self.trace], selected_index=None)
        self._set_place_dependent(category, hospital_class, cause, payment_date, admission_date)
        left = widgets.VBox([c["region"], self.heads[0], c["age"], c["sex"], c["category"], self.heads[1],
                             c["hospital_class"], c["in_scope"], c["category_b"], c["out_of_scope"],
                             c["reimbursed_before"], c["cause"], c["approved"], c["enrolment"],
                             c["payment_date"], c["admission_date"], c["lang"]])
        charts = widgets.HBox([self.groups_box, self.curve_box],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        self.export_panel = ExportPanel(self, lambda: export_bundle(
            self.result.region, self.result.contribution, self.result.inpatient, self.groups_chart, self.curve_chart,
            c["lang"].value), self._citable_sentence)
        right = widgets.VBox([self.error_box, self.sentence, self.notice, charts, self.trace_box, self.export_panel],
                             layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, columns(left, right)])
        self.add_class("medinsure-resident")
        c["region"].observe(self._on_region, names="value")
        for k, w in c.items():
            if k != "region":
                w.observe(self._on_change, names="value")
        self.recompute()

    # ------------------------------------------------------------------ reactions
    def _set_place_dependent(self, category=None, hospital_class=None, cause=ILLNESS,
                             payment_date=None, admission_date=None) -> None:
        c = self.controls
        place = load_place(c["region"].value)
        if place.has("resident_contributions"):
            cats = categories_of(place.entry("resident_contributions"))
            c["category"].options = [("无 None", "")] + labelled_options(cats)
            c["category"].value = category if category in [x["key"] for x in cats] else ""
        if place.has("resident_inpatient"):
            e = place.entry("resident_inpatient")
            classes = labelled_options(hospital_classes_of(e))
            c["hospital_class"].options = classes
            keys = [k for _, k in classes]
            c["hospital_class"].value = hospital_class if hospital_class in keys else keys[0]
            causes = [("疾病 Illness", ILLNESS)] + labelled_options(excluded_causes_of(e))
            c["cause"].options = causes
            c["cause"].value = cause if cause in [k for _, k in causes] else ILLNESS
            pay = dt.date.fromisoformat(payment_date) if payment_date else place.first_date("resident_inpatient")
            c["payment_date"].value = pay
            c["admission_date"].value = (dt.date.fromisoformat(admission_date) if admission_date
                                         else add_months(pay, 3))
        if not place.has("resident_waiting_period"):
            c["enrolment"].value = _NO_CHECK
        self._update_visibility()

    def _update_visibility(self) -> None:
        c = self.controls
        place = load_place(c["region"].value)
        has_c, has_i = place.has("resident_contributions"), place.has("resident_inpatient")
        has_w = place.has("resident_waiting_period")
        needs_approval = has_i and requires_approval(place.entry("resident_inpatient"))
        show = {"age": has_c, "sex": has_c, "category": has_c, "hospital_class": has_i, "in_scope": has_i,
                "category_b": has_i, "out_of_scope": has_i, "reimbursed_before": has_i, "cause": has_i,
                "approved": needs_approval, "enrolment": has_w,
                "payment_date": has_w and c["enrolment"].value != _NO_CHECK, "admission_date": has_i}
        for k, visible in show.items():
            c[k].layout.display = None if visible else "none"
        self.heads[0].layout.display = None if has_c else "none"
        self.heads[1].layout.display = None if has_i else "none"

    def _on_region(self, change) -> None:
        self._busy = True
        try:
            self._set_place_dependent()
        finally:
            self._busy = False
        self.recompute()

    def _on_change(self, change) -> None:
        if change["owner"] is self.controls["enrolment"]:
            self._update_visibility()
        if not self._busy:
            self.recompute()

    # ------------------------------------------------------------------ compute
    def compute(self) -> ResidentResult:
        """Call the library with the current inputs (raises InvalidInput)."""
        c = self.controls
        slug = c["region"].value
        place = load_place(slug)
        contribution = inpatient = None
        if place.has("resident_contributions"):
            day = place.entry("resident_contributions").date
            contribution = resident_contribution(slug, day, int(c["age"].value), c["sex"].value,
                                                 c["category"].value or None)
        if place.has("resident_inpatient"):
            admitted = c["admission_date"].value
            if admitted is None:
                raise InvalidInput("admission_date", None, "a date (入院日 Admitted)")
            enrolment = c["enrolment"].value
            paid = c["payment_date"].value if enrolment != _NO_CHECK else None
            if enrolment != _NO_CHECK and paid is None:
                raise InvalidInput("payment_date", None, "a date (缴费日 Paid on)")
            inpatient = inpatient_reimbursement(
                slug, admitted, c["hospital_class"].value, float(c["in_scope"].value),
                float(c["category_b"].value), float(c["out_of_scope"].value),
                float(c["reimbursed_before"].value), c["cause"].value, bool(c["approved"].value),
                None if enrolment == _NO_CHECK else enrolment, paid)
        return ResidentResult(slug, contribution, inpatient)

    def recompute(self) -> None:
        lang = self.controls["lang"].value
        self.title.value = title(TXT["title"], lang)
        self.heads[0].value = f"<b>{TXT['contrib_head'][lang]}</b>"
        self.heads[1].value = f"<b>{TXT['inpatient_head'][lang]}</b>"
        result = self.guarded(self.compute, lang)
        if result is None:
            return
        self.result = result
        c = self.controls
        c_ = result.contribution
        groups_key = (result.region, None if c_ is None else (c_.entry.date, c_.group, c_.candidates), lang)
        if groups_key != self._groups_key:  # the funding chart follows the place, the person's group, the language
            self._groups_key = groups_key
            self.groups_chart.update(result.region, result.contribution, lang)
            self.groups_legend.value = self.groups_chart.legend_html
        if result.inpatient is not None:
            self.curve_chart.update(result.inpatient, lang)
            self.curve_legend.value = self.curve_chart.legend_html
            self.curve_box.layout.display = None
        else:
            self.curve_box.layout.display = "none"
        steps = []
        if result.contribution is not None:
            steps += contribution_steps(result.contribution)
        if result.inpatient is not None:
            steps += inpatient_steps(result.inpatient)
        self.trace.value = trace_table(steps, lang)
        self.trace_box.set_title(0, TXT["trace"][lang])
        self.notice.value = notice_html(result.region, result.contribution, result.inpatient, lang)
        parts = [contribution_sentence(result.contribution, result.region, int(c["age"].value),
                                       c["sex"].value, lang)]
        if load_place(result.region).has("resident_inpatient"):
            parts.append(inpatient_sentence(result.inpatient, lang))
        self.sentence.value = sentence_html(parts)
        self.export_panel.refresh()

    def _citable_sentence(self) -> str:
        r, c = self.result, self.controls
        return citable_sentence(r.region, r.contribution, r.inpatient, int(c["age"].value), c["sex"].value,
                                c["lang"].value)


@app_builder
def resident_explainer(region: str = "suyu", **kwargs) -> ResidentExplainer:
    """Build the resident-insurance app (see :class:`ResidentExplainer` for the options)."""
    return ResidentExplainer(region=region, **kwargs)


# --------------------------------------------------------------------------- notebook helpers
@page_cell('')
def key_numbers(app: ResidentExplainer) -> str:
    """One line of the numbers notebook 06 checks (nbval compares this output)."""
    r = app.result
    if r is None:
        return "no result"
    return key_numbers_line(r.region, r.contribution, r.inpatient)


def exercises_html(lang: str = "zh") -> str:
    return exercise_list(exercise_pairs(), lang)


show_exercises = html_cell(exercises_html)


@page_cell()
def show_sources(app: ResidentExplainer | None = None) -> widgets.HTML:
    """Every resident-insurance document, or — given the app — those of the place it shows now."""
    if app is None:
        return widgets.HTML(sources_html())
    return following(app, lambda a: sources_html([a.controls["region"].value]), ("region",))

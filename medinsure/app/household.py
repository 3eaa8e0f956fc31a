"""The household explainer: one enrollee, old vs new, with live sentence, charts and sources.

``household_explainer(...)`` returns the laid-out widget; its ``.result`` is the current
:class:`~medinsure.compare.Comparison` (``None`` while the input is invalid) and ``.controls``
holds the input widgets, so tests can set values and read the numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import ipywidgets as widgets

from medinsure.app import controls
from medinsure.app.common import ErrorBox, app_builder
from medinsure.app.export import ExportPanel
from medinsure.app.share import LinkValueError, link_problems_html, share_query
from medinsure.compare import Comparison, Inputs, compare, resources_gain_curve, visits_needed
from medinsure.enrollee import AGE_RANGE, Enrollee
from medinsure.errors import InvalidInput
from medinsure.rules import load_region
from medinsure.views import household as view
from medinsure.views import words
from medinsure.views.charts.household_data import bars_data, curve_data, curve_grid_top, gain_curve
from medinsure.views.charts.live import LiveBars, LiveCurve
from medinsure.views.exports import bundle_csv
from medinsure.views.html import error_box, title

# Slider ranges where a region's base limits are not known: display settings, not policy.
_WAGE_FALLBACK = (1000.0, 40000.0)
_PENSION_RANGE = (500.0, 20000.0)
_OUTPATIENT_MAX = 50000.0
_VISITS_MAX = 200
_ACCOUNT_MAX = 50000.0
_OUT_OF_SCOPE_MAX = 20000.0



class HouseholdExplainer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`household_explainer`."""

    def __init__(self, region: str = "wuhan", date: str | None = None, status: str = "retired",
                 age: int = 68, wage: float | None = None, pension: float = 4166.67,
                 outpatient: float = 7150.0, level: str = "tertiary", out_of_scope: float = 0.0,
                 retirement_year: int = 2015, lang: str = "zh", compare_statuses: bool = False,
                 visits: int = 12, account: float | None = None, old_date: str = "") -> None:
        self.result: Comparison | None = None
        self.error: str | None = None
        self._busy = False
        c = self.controls = {
            "region": controls.region_control(region),
            "date": controls.rule_date_control(),
            "status": controls.status_control(status),
            "age": controls.age_control(age, 18, AGE_RANGE[1] - 20),
            "wage": controls.money_control("月缴费基数 Wage", _WAGE_FALLBACK[0], *_WAGE_FALLBACK, step=100),
            "pension": controls.money_control("月养老金 Pension", pension, *_PENSION_RANGE),
            "retirement_year": controls.whole_control("退休年份 Retired in", retirement_year, 1990, 2026),
            "outpatient": controls.money_control("年门诊费用 Outpatient", outpatient, 0, _OUTPATIENT_MAX),
            "level": controls.level_control(level),
            "out_of_scope": controls.money_control("范围外自费 Out of scope", out_of_scope, 0, _OUT_OF_SCOPE_MAX),
            "visits": controls.whole_control("年门诊次数 Visits", visits, 0, _VISITS_MAX),
            "account_own": widgets.Checkbox(value=account is None, indent=False, layout=widgets.Layout(width="auto"),
                                            description="账户余额 = 当年划入 Account = this year's credit"),
            "account": controls.money_control("账户可用余额 Account money", 0.0 if account is None else account,
                                              0, _ACCOUNT_MAX),
            "old_date": controls.rule_date_control("对比基准 Compare with"),
            "compare_statuses": widgets.Checkbox(value=compare_statuses, description="比较在职与退休曲线 Compare statuses",
                                                 indent=False),
            "lang": controls.language_control(lang),
        }
        self.title = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        # live charts, drawn in the browser from numbers; exports are drawn by matplotlib on click
        self.bars = LiveBars(lang)
        self.curve = LiveCurve(lang)
        self._curve_key: tuple | None = None
        self._curve_cache: tuple | None = None
        self.bars_table = widgets.HTML()
        self.curve_table = widgets.HTML()
        self.trace = widgets.HTML()
        self.trace_box = widgets.Accordion(children=[self.trace], selected_index=None)
        self.export_panel = ExportPanel(self, self._export_bundle, self.citable_sentence)
        self.share, self.cite, self.exports = self.export_panel.share, self.export_panel.cite, self.export_panel.links
        self._set_region_dependent(date, wage, old_date)
        column = controls.control_column([c[k] for k in c])
        cell = {"flex": "1 1 340px", "max_width": "640px", "min_width": "300px"}
        charts = widgets.HBox([widgets.VBox([self.bars.figure, self.bars_table], layout=cell),
                               widgets.VBox([self.curve.figure, self.curve_table], layout=cell)],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        outputs = widgets.VBox([self.error_box, self.sentence, self.notice, charts, self.trace_box,
                                self.export_panel], layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, controls.columns(column, outputs)])
        self.add_class("medinsure-household")
        c["region"].observe(self._on_region, names="value")
        for k, w in c.items():
            if k != "region":
                w.observe(self._on_change, names="value")
        self._update_visibility()
        self.recompute()

    # ------------------------------------------------------------------ reactions
    def _set_region_dependent(self, date: str | None = None, wage: float | None = None,
                              old_date: str | None = None) -> None:
        c = self.controls
        slug = c["region"].value
        days = load_region(slug).reformed_rule_dates()
        c["date"].options = [(f"{d.isoformat()} 起 from", d.isoformat()) for d in days]
        want = date if date in [d.isoformat() for d in days] else None
        if date and not want:  # a day between two rule changes: the rules in force that day
            chosen = [d for d in days if d.isoformat() <= date]
            want = chosen[-1].isoformat() if chosen else None
        c["date"].value = want or days[-1].isoformat()
        self._set_baselines(old_date if old_date is not None else c["old_date"].value)
        base = load_region(slug).base_limits(dt.date.fromisoformat(c["date"].value))
        lo = base.floor_monthly or _WAGE_FALLBACK[0]
        hi = base.ceiling_monthly or _WAGE_FALLBACK[1]
        current = wage if wage is not None else (c["wage"].value if c["wage"].value else 8000.0)
        slider = c["wage"]
        if lo > slider.max:
            slider.max = hi
            slider.min = lo
        else:
            slider.min = lo
            slider.max = hi
        slider.value = min(max(current, lo), hi)

    def _set_baselines(self, keep: str | None = "") -> None:
        """Choices for "old": the day before the reform (default) or the rules of an earlier date."""
        c = self.controls
        day = c["date"].value
        earlier = [d.isoformat() for d in load_region(c["region"].value).rule_dates() if d.isoformat() <= day]
        c["old_date"].options = [("改革前（默认） Before the reform", "")] + [
            (f"{d} 起的规则 rules from {d}", d) for d in earlier]
        c["old_date"].value = keep if keep in ("", *earlier) else ""

    def _on_region(self, change) -> None:
        self._busy = True
        try:
            self._set_region_dependent()
        finally:
            self._busy = False
        self.recompute()

    def _on_change(self, change) -> None:
        if change["owner"] is self.controls["status"]:
            self._update_visibility()
        if change["owner"] is self.controls["date"] and not self._busy:
            self._busy = True
            try:
                self._set_region_dependent(self.controls["date"].value)
            finally:
                self._busy = False
        if change["owner"] is self.controls["account_own"]:
            self._update_visibility()
        if not self._busy:
            self.recompute()

    def _update_visibility(self) -> None:
        s = self.controls["status"].value
        show = {"wage": s != "retired", "pension": s == "retired", "retirement_year": s == "retired",
                "account": not self.controls["account_own"].value, "visits": self._needs_visits()}
        for k, visible in show.items():
            self.controls[k].layout.display = None if visible else "none"

    def _needs_visits(self) -> bool:
        """True where the chosen rules charge the deductible per visit (the visits slider shows)."""
        c = self.controls
        return visits_needed(c["region"].value, c["date"].value, c["status"].value, c["old_date"].value or None)

    def enrollee(self) -> Enrollee:
        c = self.controls
        return controls.enrollee_from(
            c, outpatient_yearly=float(c["outpatient"].value), level=c["level"].value,
            out_of_scope_yearly=float(c["out_of_scope"].value),
            visits_yearly=int(c["visits"].value) if c["visits"].layout.display is None else None,
            account_available=None if c["account_own"].value else float(c["account"].value))

    # ------------------------------------------------------------------ recompute
    def recompute(self) -> None:
        lang = self.controls["lang"].value
        self.title.value = title(view.TXT["title"], lang)
        self._update_visibility()
        result = self.guarded(lambda: compare(self.controls["region"].value, self.controls["date"].value,
                                              self.enrollee(), self.controls["old_date"].value or None), lang)
        if result is None:
            return
        self.result = result
        region = load_region(self.controls["region"].value)
        rules_from = dt.date.fromisoformat(self.controls["date"].value)
        self.notice.value = view.notice_html(result, lang)
        self.bars.update(bars_data(result.credit_old, result.credit_new, result.reimbursement_old,
                                   result.reimbursement_new, lang, self.bars.data.get("ylim")), lang)
        self.curve.update(self._curve_data(result, lang), lang)
        _set(self.trace, view.trace_html(result, lang))
        self.trace_box.set_title(0, view.TXT["trace"][lang])
        _set(self.bars_table, view.bars_table(self.bars.data, lang))
        _set(self.curve_table, view.curve_table(self.curve.data, result, lang))
        self.export_panel.refresh()
        # the sentence goes last: when it shows the new numbers, the charts are already sent
        self.sentence.value = view.sentence_html(result, lang, region.name[lang], rules_from)

    def _curve_data(self, c: Comparison, lang: str) -> dict:
        """The gain curve's data; the curves are recomputed only when an input they depend on
        changed (not when only the bill moves within the same axis)."""
        e = c.enrollee
        be = c.break_even_outpatient
        compare_statuses = self.controls["compare_statuses"].value
        grid_top = float(curve_grid_top(e.outpatient_yearly, be))
        key = (c.region, c.date, c.old_date, dataclasses.replace(e, outpatient_yearly=0.0),
               grid_top, compare_statuses, lang, float(self.controls["wage"].value),
               float(self.controls["pension"].value), int(self.controls["retirement_year"].value))
        if key != self._curve_key:
            self._curve_key, self._curve_cache = key, self._curves(c, compare_statuses, lang)
        grid, gain, others = self._curve_cache
        label = words.STATUS[e.status][lang] if others else ""
        return curve_data(grid, gain, (e.outpatient_yearly, c.resources_gain), be, others, label,
                          self.curve.data.get("ylim"))

    def _curves(self, c: Comparison, compare_statuses: bool, lang: str) -> tuple:
        e = c.enrollee
        grid, gain = gain_curve(c)
        others = []
        if compare_statuses:
            for s in ("in_service", "retired"):
                if s == e.status:
                    continue
                other = Enrollee(status=s, age=e.age, wage_monthly=float(self.controls["wage"].value),
                                 pension_monthly=float(self.controls["pension"].value),
                                 outpatient_yearly=0.0, level=e.level,
                                 retirement_year=int(self.controls["retirement_year"].value))
                try:
                    g = resources_gain_curve(c.ruleset, Inputs.from_enrollees([other]), grid)
                except InvalidInput:
                    continue
                others.append((words.STATUS[s][lang], g))
        return grid, gain, others

    # ------------------------------------------------------------------ share, export, a11y
    def refresh_share(self) -> None:
        """The share box: a link to the current case (of the page's app, where this app is part of one)."""
        self.export_panel.refresh_share()

    def select_date(self, text: str) -> dict | None:
        """Choose the rules in force on ``text`` (a valid YYYY-MM-DD), as a share link may ask;
        returns a note ({zh, en}) where the day is after the last checked rules."""
        days = [v for _, v in self.controls["date"].options]
        chosen = [d for d in days if d <= text]
        if not chosen:
            raise LinkValueError(f"the first rules here start {days[0]}", f"本页最早的规则自{days[0]}起")
        self.controls["date"].value = chosen[-1]
        region = load_region(self.controls["region"].value)
        checked = (region.rules_checked_to or region.latest_date()).isoformat()
        if text > checked:
            return {"en": f"rules are checked up to {checked}; later changes are not known, so the rules "
                          f"in force from {chosen[-1]} are shown",
                    "zh": f"规则核对至{checked}，此后的变化未知，显示自{chosen[-1]}起施行的规则"}
        return None

    def show_link_problems(self, problems: list[str]) -> None:
        self.error_box.value = error_box(link_problems_html(problems, self.controls["lang"].value))

    def _references(self):
        return view.chart_references(self.result)

    def citable_sentence(self) -> str:
        """The sentence as plain text with its citation, for pasting into an article."""
        lang = self.controls["lang"].value
        region = load_region(self.controls["region"].value)
        return view.citable_sentence(self.result, self._references(), region.name[lang],
                                     dt.date.fromisoformat(self.controls["date"].value), lang)

    def _export_bundle(self):
        from medinsure.views.case import case_html  # matplotlib: imported on the first export only

        lang = self.controls["lang"].value
        slug, date = self.controls["region"].value, self.controls["date"].value
        return view.export_bundle(self.result, self.bars, self.curve, load_region(slug).name[lang], slug, date,
                                  lang, case_html(self.result, lang, "?" + share_query(self)).encode("utf-8"))

    def bars_csv(self) -> str:
        b = self._export_bundle()
        return bundle_csv(b, b.charts[0])

    def curve_csv(self) -> str:
        b = self._export_bundle()
        return bundle_csv(b, b.charts[1])

    def export_files(self) -> dict[str, bytes]:
        """PNG and SVG of both charts with the rule date and sources drawn in, their CSVs, the case page."""
        return self.export_panel.files()

    def export_links(self) -> None:
        self.export_panel.show_links()


def _set(widget, value) -> None:
    """Send a widget's new value only when its content changed."""
    if widget.value != value:
        widget.value = value


@app_builder
def household_explainer(region: str = "wuhan", **kwargs) -> HouseholdExplainer:
    """Build the household explainer app (see :class:`HouseholdExplainer` for the options)."""
    return HouseholdExplainer(region=region, **kwargs)

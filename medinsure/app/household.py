"""The household explainer: one enrollee, old vs new, with live sentence, charts and sources.

``household_explainer(...)`` returns the laid-out widget; its ``.result`` is the current
:class:`~medinsure.compare.Comparison` (``None`` while the input is invalid) and ``.controls``
holds the input widgets, so tests can set values and read the numbers.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets
import numpy as np

from medinsure.views import trace_text, words
from medinsure.views.words import notice_text, unknown_note
from medinsure.views.charts.base import CreditBars, GainCurve, nice_limit
from medinsure.compare import Comparison, Inputs, compare, resources_gain_curve
from medinsure.enrollee import AGE_RANGE, Enrollee
from medinsure.errors import InvalidInput
from medinsure.views.exports import citation, csv_text, download_link, source_footer
from medinsure.views.words import money
from medinsure.rules import LEVELS, load_region
from medinsure.app.common import app_builder, page_cell, ErrorBox, region_options, title_html
from medinsure.app.share import share_html

# Slider ranges where a region's base limits are not known: display settings, not policy.
_WAGE_FALLBACK = (1000.0, 40000.0)
_PENSION_RANGE = (500.0, 20000.0)
_OUTPATIENT_MAX = 50000.0
_CURVE_POINTS = 241
_VISITS_MAX = 200
_ACCOUNT_MAX = 50000.0

TXT = {
    "title": {"zh": "职工医保个人账户改革：对我意味着什么？",
              "en": "The personal-account reform: what does it mean for me?"},
    "gain": {"zh": "多得", "en": "gains"},
    "loss": {"zh": "少得", "en": "loses"},
    "trace": {"zh": "计算步骤与出处（点击展开）", "en": "Steps and sources (click to open)"},
    "unknown": {"zh": "以下数字本地区未知，未作估算：", "en": "Not known for this region (not estimated):"},
    "notice": {"zh": "请注意：", "en": "Please note:"},
}


def rule_dates(slug: str) -> list[dt.date]:
    """Dates on which the region's post-reform rules change (choices for 'rules in force')."""
    reg = load_region(slug)
    start = reg.reform_start
    if start is None:
        news = reg.new_account_dates()
        start = news[0] if news else reg.data_from
    days = {d for d in reg.rule_dates() if d >= start}
    days.add(start)
    return sorted(days)


def baseline_dates(slug: str) -> list[dt.date]:
    """Dates whose rules may serve as another baseline ("old"): every rule change of the region."""
    return load_region(slug).rule_dates()


def _amount(x: float | None, lang: str, bold: bool = True) -> str:
    """'<b>2,400.00</b> 元' / '<b>2,400.00</b> yuan', or the words for 'not known'."""
    if x is None:
        return "<i>（本地区未知）</i>" if lang == "zh" else "<i>(not known for this region)</i>"
    text = f"<b>{money(x, lang)}</b>" if bold else money(x, lang)
    return f"{text} 元" if lang == "zh" else f"{text} yuan"


def _sentence(c: Comparison, lang: str, region_name: str, rules_from: dt.date) -> str:
    e = c.enrollee
    status = words.STATUS[e.status][lang]
    level = words.LEVEL[e.level][lang]
    gain = c.resources_gain
    if lang == "zh":
        parts = [f"按{region_name}{rules_from}起施行的规则，{status}每年个人账户划入从 "
                 f"{_amount(c.credit_old, lang)}变为 {_amount(c.credit_new, lang)}；"
                 f"门诊统筹为 {money(e.outpatient_yearly)} 元门诊费用（{level}）报销 "
                 f"{_amount(c.reimbursement_new, lang)}（改革前 {_amount(c.reimbursement_old, lang, False)}）；"]
        if gain is None:
            parts.append("合计增减本地区未知。")
        else:
            parts.append(f"合计每年{TXT['gain' if gain >= 0 else 'loss']['zh']} {_amount(abs(gain), lang)}。")
        be = {"zero": "不花门诊费用也不吃亏。", "never": "无论门诊费用多少都不会回本。",
              "unknown": "回本点未知。"}.get(c.break_even_status,
                                          f"每年门诊费用达到 {_amount(c.break_even_outpatient, lang)}即可回本。")
        return "".join(parts) + be
    parts = [f"Under {region_name}'s rules in force from {rules_from}, a {status}'s yearly account "
             f"credit goes from {_amount(c.credit_old, lang)} to {_amount(c.credit_new, lang)}; "
             f"outpatient pooling reimburses {_amount(c.reimbursement_new, lang)} of a "
             f"{money(e.outpatient_yearly, 'en')} yuan bill at a {level} "
             f"({_amount(c.reimbursement_old, lang, False)} before); "]
    if gain is None:
        parts.append("the net change is not known for this region. ")
    else:
        parts.append(f"in all the enrollee {TXT['gain' if gain >= 0 else 'loss']['en']} "
                     f"{_amount(abs(gain), lang)} a year. ")
    be = {"zero": "Even with no outpatient spending the new rules are not worse.",
          "never": "No level of outpatient spending breaks even.",
          "unknown": "The break-even point is not known."}.get(
        c.break_even_status, f"Break-even at {_amount(c.break_even_outpatient, lang)} of yearly spending.")
    return "".join(parts) + be


def trace_html(c: Comparison, lang: str) -> str:
    """The trace as an HTML table: step, value, formula, sources (with reliability marks)."""
    head = (("步骤", "数值（元）", "算法", "出处") if lang == "zh"
            else ("Step", "Value (yuan)", "How", "Source"))
    rows = []
    for s in c.trace:
        if all(src.startswith("data/") for src in s.sources):
            refs = "<br>".join(
                f'<a class="medinsure-ref" href="{html.escape(r.read_at[0])}" target="_blank" rel="noopener">'
                f"{html.escape(r.cite(lang))}</a>" for r in s.references)
            refs += "<br><small>" + ", ".join(html.escape(x) for x in s.sources) + "</small>"
        else:
            refs = ("由上列步骤算出：" if lang == "zh" else "from the steps: ") + ", ".join(s.sources)
        value = "—" if s.value is None else money(s.value, lang)
        rows.append(f"<tr><td>{html.escape(trace_text.label(s, lang))}</td><td style='text-align:right'>{value}</td>"
                    f"<td>{html.escape(trace_text.formula(s, lang))}</td><td>{refs}</td></tr>")
    return ("<table class='medinsure-trace' style='border-collapse:collapse;font-size:13px'>"
            "<thead><tr>" + "".join(f"<th style='text-align:left;border-bottom:1px solid #999;"
                                    f"padding:2px 6px'>{h}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows).replace("<td", "<td style='padding:2px 6px;border-bottom:1px solid #eee;"
                                           "vertical-align:top'") + "</tbody></table>")


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
        def wide() -> widgets.Layout:  # one Layout per widget: a shared one would share display
            return widgets.Layout(width="98%")
        style = {"description_width": "165px"}
        c = self.controls = {
            "region": widgets.Dropdown(options=region_options(), value=region, description="地区 Region",
                                       layout=wide(), style=style),
            "date": widgets.Dropdown(description="施行规则 Rules from", layout=wide(), style=style),
            "status": widgets.ToggleButtons(
                options=[("在职 In service", "in_service"), ("退休 Retired", "retired"),
                         ("灵活就业 Flexible", "flexible")], value=status, description="身份 Status",
                style={**style, "button_width": "auto"}),
            "age": widgets.IntSlider(value=age, min=18, max=AGE_RANGE[1] - 20, description="年龄 Age",
                                     continuous_update=False, layout=wide(), style=style),
            "wage": widgets.FloatSlider(min=_WAGE_FALLBACK[0], max=_WAGE_FALLBACK[1], step=100,
                                        description="月缴费基数 Wage", readout_format=",.2f",
                                        continuous_update=False, layout=wide(), style=style),
            "pension": widgets.FloatSlider(value=pension, min=_PENSION_RANGE[0], max=_PENSION_RANGE[1],
                                           step=50, description="月养老金 Pension", readout_format=",.2f",
                                           continuous_update=False, layout=wide(), style=style),
            "retirement_year": widgets.IntSlider(value=retirement_year, min=1990, max=2026,
                                                 description="退休年份 Retired in",
                                                 continuous_update=False, layout=wide(), style=style),
            "outpatient": widgets.FloatSlider(value=outpatient, min=0, max=_OUTPATIENT_MAX, step=50,
                                              description="年门诊费用 Outpatient", readout_format=",.2f",
                                              continuous_update=False, layout=wide(), style=style),
            "level": widgets.Dropdown(options=[(f"{words.LEVEL[v]['zh']} {words.LEVEL[v]['en']}", v)
                                               for v in LEVELS], value=level,
                                      description="就医机构 Facility", layout=wide(), style=style),
            "out_of_scope": widgets.FloatSlider(value=out_of_scope, min=0, max=20000, step=50,
                                                description="范围外自费 Out of scope", readout_format=",.2f",
                                                continuous_update=False, layout=wide(), style=style),
            "visits": widgets.IntSlider(value=visits, min=0, max=_VISITS_MAX, description="年门诊次数 Visits",
                                        continuous_update=False, layout=wide(), style=style),
            "account_own": widgets.Checkbox(value=account is None, indent=False,
                                            description="账户余额 = 当年划入 Account = this year's credit"),
            "account": widgets.FloatSlider(value=0.0 if account is None else account, min=0, max=_ACCOUNT_MAX,
                                           step=50, description="账户可用余额 Account money", readout_format=",.2f",
                                           continuous_update=False, layout=wide(), style=style),
            "old_date": widgets.Dropdown(description="对比基准 Compare with", layout=wide(), style=style),
            "compare_statuses": widgets.Checkbox(value=compare_statuses, description="比较在职与退休曲线 Compare statuses",
                                                 indent=False),
            "lang": widgets.ToggleButtons(options=[("中文 Chinese", "zh"), ("English 英文", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.bars = CreditBars(lang)
        self.curve = GainCurve(lang)
        img = widgets.Layout(width="100%", max_width="640px")
        self.bars_image = widgets.Image(format="png", layout=img)
        self.curve_image = widgets.Image(format="png", layout=img)
        self.bars_image.add_class("medinsure-bars")
        self.curve_image.add_class("medinsure-curve")
        self.bars_table = widgets.HTML()
        self.curve_table = widgets.HTML()
        self.trace = widgets.HTML()
        self.trace_box = widgets.Accordion(children=[self.trace], selected_index=None)
        self.share = widgets.HTML()
        self.cite = widgets.Textarea(layout=widgets.Layout(width="98%", height="70px"),
                                     description="引用 Cite", style={"description_width": "60px"})
        self.export_button = widgets.Button(description="导出图表与数据 Export", icon="download",
                                            layout=widgets.Layout(width="220px"))
        self.export_button.on_click(lambda _: self.export_links())
        self.exports = widgets.HTML()
        self._set_region_dependent(date, wage, old_date)
        controls = widgets.VBox([c[k] for k in c], layout=widgets.Layout(width="470px", min_width="400px"))
        charts = widgets.HBox([widgets.VBox([self.bars_image, self.bars_table]),
                               widgets.VBox([self.curve_image, self.curve_table])],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        export_row = widgets.VBox([self.share, widgets.HBox([self.export_button, self.exports]),
                                   self.cite])
        outputs = widgets.VBox([self.error_box, self.sentence, self.notice, charts, self.trace_box,
                                export_row], layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, widgets.HBox([controls, outputs], layout=widgets.Layout(width="100%"))])
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
        days = rule_dates(slug)
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
        earlier = [d.isoformat() for d in baseline_dates(c["region"].value) if d.isoformat() <= day]
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
        from medinsure.outpatient import needs_visits
        from medinsure.rules import rules_for
        c = self.controls
        try:
            rs = rules_for(c["region"].value, c["date"].value, c["old_date"].value or None)
        except InvalidInput:
            return False
        return any(needs_visits(r.pooling, c["status"].value) for r in (rs.old, rs.new))

    def enrollee(self) -> Enrollee:
        c = self.controls
        s = c["status"].value
        return Enrollee(status=s, age=int(c["age"].value),
                        wage_monthly=None if s == "retired" else float(c["wage"].value),
                        pension_monthly=float(c["pension"].value) if s == "retired" else None,
                        outpatient_yearly=float(c["outpatient"].value), level=c["level"].value,
                        out_of_scope_yearly=float(c["out_of_scope"].value),
                        retirement_year=int(c["retirement_year"].value) if s == "retired" else None,
                        visits_yearly=int(c["visits"].value) if self._needs_visits() else None,
                        account_available=None if c["account_own"].value else float(c["account"].value))

    # ------------------------------------------------------------------ recompute
    def recompute(self) -> None:
        lang = self.controls["lang"].value
        self.title.value = title_html(TXT["title"], lang)
        self._update_visibility()
        result = self.guarded(lambda: compare(self.controls["region"].value, self.controls["date"].value,
                                              self.enrollee(), self.controls["old_date"].value or None), lang)
        if result is None:
            return
        self.result = result
        region = load_region(self.controls["region"].value)
        rules_from = dt.date.fromisoformat(self.controls["date"].value)
        self.notice.value = self._notice_html(result, lang)
        self.bars_image.value = self.bars.update(result.credit_old, result.credit_new,
                                                 result.reimbursement_old, result.reimbursement_new, lang)
        self.curve_image.value = self._curve_png(result, lang)
        self.trace.value = trace_html(result, lang)
        self.trace_box.set_title(0, TXT["trace"][lang])
        self.bars_table.value = self._bars_table(lang)
        self.curve_table.value = self._curve_table(result, lang)
        self.refresh_share()
        self.exports.value = ""
        self.cite.value = self.citable_sentence()
        # the sentence goes last: when it shows the new numbers, the charts are already sent
        self.sentence.value = (f"<div class='medinsure-sentence' style='font-size:17px;line-height:1.6;"
                               f"padding:6px 10px;background:#f3f7fb;border-left:4px solid #1565c0'>"
                               f"{_sentence(result, lang, region.name[lang], rules_from)}</div>")

    @staticmethod
    def _notice_html(c: Comparison, lang: str) -> str:
        labels = {s.key: trace_text.label(s, lang) for s in c.trace}
        colon = "：" if lang == "zh" else ": "
        items = [f"<li><b>{html.escape(labels.get(u['field'], u['field']))}</b>{colon}"
                 f"{html.escape(unknown_note(u, lang))}</li>" for u in c.unknown]
        notes = [f"<li>{html.escape(notice_text(n, lang))}</li>" for n in c.notices]
        out = ""
        if items:
            out += (f"<div class='medinsure-unknown' style='background:#fff8e1;padding:6px 10px;"
                    f"border-left:4px solid #f9a825'>{TXT['unknown'][lang]}<ul>{''.join(items)}</ul></div>")
        if notes:
            out += (f"<div class='medinsure-notice' style='color:#555;padding:2px 10px'>"
                    f"{TXT['notice'][lang]}<ul>{''.join(notes)}</ul></div>")
        return out

    def _curve_png(self, c: Comparison, lang: str) -> bytes:
        e = c.enrollee
        be = c.break_even_outpatient
        top = nice_limit(max(10000.0, e.outpatient_yearly * 1.5, (be or 0) * 1.3))
        grid = np.linspace(0.0, top, _CURVE_POINTS)
        rs = c.ruleset
        gain = resources_gain_curve(rs, Inputs.from_enrollees([e]), grid)
        others = []
        if self.controls["compare_statuses"].value:
            for s in ("in_service", "retired"):
                if s == e.status:
                    continue
                other = Enrollee(status=s, age=e.age, wage_monthly=float(self.controls["wage"].value),
                                 pension_monthly=float(self.controls["pension"].value),
                                 outpatient_yearly=0.0, level=e.level,
                                 retirement_year=int(self.controls["retirement_year"].value))
                try:
                    g = resources_gain_curve(rs, Inputs.from_enrollees([other]), grid)
                except InvalidInput:
                    continue
                others.append((words.STATUS[s][lang], g))
        label = words.STATUS[e.status][lang] if others else ""
        y_now = c.resources_gain
        return self.curve.update(grid, gain, (e.outpatient_yearly, y_now), be, others, label, lang)


    # ------------------------------------------------------------------ share, export, a11y
    def refresh_share(self) -> None:
        """The share box: a link to the current case (of the page's app, where this app is part of one)."""
        self.share.value = share_html(getattr(self, "share_target", self), self.controls["lang"].value)

    def select_date(self, text: str) -> str | None:
        """Choose the rules in force on ``text`` (a valid YYYY-MM-DD), as a share link may ask;
        returns a note where the day is after the last checked rules."""
        days = [v for _, v in self.controls["date"].options]
        chosen = [d for d in days if d <= text]
        if not chosen:
            raise ValueError(f"the first rules here start {days[0]}")
        self.controls["date"].value = chosen[-1]
        region = load_region(self.controls["region"].value)
        checked = (region.rules_checked_to or region.latest_date()).isoformat()
        if text > checked:
            return (f"rules are checked up to {checked}; later changes are not known, so the rules "
                    f"in force from {chosen[-1]} are shown")
        return None

    def show_link_problems(self, problems: list[str]) -> None:
        lang = self.controls["lang"].value
        head = "链接中的部分数值未按链接使用：" if lang == "zh" else "Some values in the link were not used as given:"
        self.error_box.value = (f"<div class='medinsure-error' role='alert' style='color:#b71c1c;"
                                f"background:#ffebee;padding:6px 10px'>{head} "
                                f"{html.escape('; '.join(problems))}</div>")

    def _references(self):
        c = self.result
        return [r for s in c.trace if s.key.startswith(("credit_", "reimbursement_"))
                for r in s.references]

    def _rule_note(self, lang: str) -> str:
        c = self.result
        region = load_region(self.controls["region"].value).name[lang]
        status = words.STATUS[c.enrollee.status][lang]
        if lang == "zh":
            return f"{region} · {status} · 旧规则 {c.old_date}，新规则 {self.controls['date'].value} 起"
        return f"{region} · {status} · old rules {c.old_date}, new rules from {self.controls['date'].value}"

    def citable_sentence(self) -> str:
        """The sentence as plain text with its citation, for pasting into an article."""
        import re
        lang = self.controls["lang"].value
        c = self.result
        region = load_region(self.controls["region"].value)
        plain = re.sub(r"<[^>]+>", "", _sentence(c, lang, region.name[lang],
                                                  dt.date.fromisoformat(self.controls["date"].value)))
        return f"{plain}（{citation(self._references(), lang)}；medinsure 计算）" if lang == "zh" else \
            f"{plain} ({citation(self._references(), lang)}; computed with medinsure)"

    def bars_csv(self) -> str:
        lang = self.controls["lang"].value
        d = self.bars.data
        return csv_text([TXT_CHART_TITLE["bars"][lang], self._rule_note(lang),
                         citation(self._references(), lang)],
                        ["category", "old_yuan_per_year", "new_yuan_per_year"],
                        zip(d["categories"], d["old"], d["new"]))

    def curve_csv(self) -> str:
        lang = self.controls["lang"].value
        d = self.curve.data
        header = ["outpatient_yuan_per_year", "gain_" + self.result.enrollee.status] + \
            ["gain_" + name for name, _ in d["others"]]
        rows = zip(d["spending"].tolist(), d["gain"].tolist(), *[g.tolist() for _, g in d["others"]])
        return csv_text([TXT_CHART_TITLE["curve"][lang], self._rule_note(lang),
                         citation(self._references(), lang)], header, rows)

    def export_files(self) -> dict[str, bytes]:
        """PNG and SVG of both charts with the rule date and sources drawn in, and their CSVs."""
        lang = self.controls["lang"].value
        footer = source_footer(self._rule_note(lang), self._references(), lang)
        stem = f"medinsure-{self.controls['region'].value}-{self.controls['date'].value}"
        files: dict[str, bytes] = {}
        for name, chart, data in (("credits", self.bars, self.bars_csv()),
                                  ("gain-curve", self.curve, self.curve_csv())):
            for fmt in ("png", "svg"):
                files[f"{stem}-{name}.{fmt}"] = chart.export(fmt, footer)
            files[f"{stem}-{name}.csv"] = data.encode("utf-8")
        return files

    def export_links(self) -> None:
        mime = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv"}
        links = [download_link(data, name, mime[name.rsplit(".", 1)[1]], name.split("-")[-1])
                 for name, data in self.export_files().items()]
        self.exports.value = "<span style='font-size:13px'>" + " · ".join(links) + "</span>"

    def _bars_table(self, lang: str) -> str:
        d = self.bars.data
        head = ("项目", "改革前", "改革后") if lang == "zh" else ("Item", "Before", "After")
        rows = "".join(f"<tr><td>{html.escape(cat)}</td><td>{money(o if o == o else None, lang)}</td>"
                       f"<td>{money(n if n == n else None, lang)}</td></tr>"
                       for cat, o, n in zip(d["categories"], d["old"], d["new"]))
        return _details(TXT_TABLE[lang], f"<table aria-label='{html.escape(TXT_CHART_TITLE['bars'][lang])}'>"
                        f"<tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{rows}</table>")

    def _curve_table(self, c: Comparison, lang: str) -> str:
        d = self.curve.data
        spend, gain = d["spending"], d["gain"]
        points = sorted({0.0, float(spend[-1]), c.enrollee.outpatient_yearly,
                         *([c.break_even_outpatient] if c.break_even_outpatient is not None else [])})
        head = ("年门诊费用（元）", "资源增减（元/年）") if lang == "zh" else \
            ("Outpatient spending (yuan/yr)", "Gain (yuan/yr)")
        rows = "".join(f"<tr><td>{money(x, lang)}</td><td>{money(float(np.interp(x, spend, gain)), lang)}</td></tr>"
                       for x in points)
        return _details(TXT_TABLE[lang], f"<table aria-label='{html.escape(TXT_CHART_TITLE['curve'][lang])}'>"
                        f"<tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{rows}</table>")


TXT_TABLE = {"zh": "图表数据（文字版）", "en": "Chart data as a table"}
TXT_CHART_TITLE = {
    "bars": {"zh": "个人账户划入与门诊统筹报销（元/年）", "en": "Account credit and outpatient reimbursement (yuan/year)"},
    "curve": {"zh": "每年资源增减随门诊费用变化（元/年）", "en": "Yearly resources gain vs outpatient spending (yuan/year)"},
}


def _details(summary: str, body: str) -> str:
    return (f"<details class='medinsure-table' style='font-size:12px'><summary>{html.escape(summary)}</summary>"
            f"{body}</details>")


@app_builder
def household_explainer(region: str = "wuhan", **kwargs) -> HouseholdExplainer:
    """Build the household explainer app (see :class:`HouseholdExplainer` for the options)."""
    return HouseholdExplainer(region=region, **kwargs)

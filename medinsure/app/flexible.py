"""Flexible employment (灵活就业) across regions: what a flexibly employed person pays, whether an
account is credited, and what outpatient pooling gives them — one row per region.

``flexible_explainer(...)`` returns the laid-out widget; ``.result`` is the list of rows from
:func:`medinsure.flexible.compare_regions` (``None`` while the input is invalid), ``.focus`` the
row of the region the sentence describes, ``.controls`` every input by name.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from medinsure.views import words
from medinsure.views.charts.base import GAIN_COLOUR, NEW_COLOUR, OTHER_COLOURS, nice_limit, png
from medinsure.flexible import (
    FlexibleOutlook,
    NoRules,
    comparable_regions,
    compare_regions,
    example_contribution,
    flexible_outlook,
)
from medinsure.views.fonts import register_cjk_font
from medinsure.views.words import UNKNOWN, money, rate
from medinsure.rules import LEVELS, load_region
from medinsure.app.common import app_builder, page_cell, ErrorBox, exercises_list_html, title_html

# Display settings, not policy.
_BASE_SLIDER = (1000.0, 40000.0)
_OUTPATIENT_MAX = 20000.0

TXT = {
    "title": {"zh": "灵活就业人员：缴多少、有没有个人账户、门诊统筹报多少？",
              "en": "Flexibly employed: what they pay, whether they get an account, what outpatient pooling pays"},
    "table": {"zh": "各地区对比表（点击展开）", "en": "All regions, side by side (click to open)"},
    "sources": {"zh": "出处（点击展开）", "en": "Sources (click to open)"},
    "unknown": {"zh": "以下内容本地区未知，未作估算：", "en": "Not known for this region (not estimated):"},
}
CHOICE = {
    "floor": {"zh": "缴费基数下限", "en": "the base floor"},
    "default": {"zh": "默认基数", "en": "the default base"},
    "ceiling": {"zh": "缴费基数上限", "en": "the base ceiling"},
    "amount": {"zh": "所选基数", "en": "the chosen base"},
}
POOLING = {
    "in_service": {"zh": "按在职职工规则", "en": "the in-service employees' rules"},
    "retired": {"zh": "按退休人员规则", "en": "the retirees' rules"},
    "none": {"zh": "灵活就业人员不享受", "en": "none for flexibly employed people"},
    "no_pooling": {"zh": "当时没有普通门诊统筹", "en": "no general outpatient pooling then"},
    "unknown": {"zh": "本地区未知", "en": "not known for this region"},
}
FIELD = {
    "base": {"zh": "缴费基数", "en": "contribution base"},
    "base_range": {"zh": "缴费基数上下限（所选基数是否允许无法核对）",
                   "en": "base floor and ceiling (whether the chosen base is allowed cannot be checked)"},
    "rate": {"zh": "灵活就业费率", "en": "flexible-employment rate"},
    "fixed_monthly": {"zh": "定额缴费（大额等）", "en": "fixed add-on"},
    "credit_new": {"zh": "个人账户划入", "en": "account credit"},
    "credit_old": {"zh": "改革前个人账户划入", "en": "account credit before the reform"},
    "reimbursement_new": {"zh": "门诊统筹报销", "en": "outpatient pooling"},
}
CHART = {
    "title": {"zh": "灵活就业人员每年：缴费、账户划入、门诊统筹报销（元）",
              "en": "Flexibly employed, per year (yuan):\ncontribution, account credit, outpatient pooling"},
    "contribution": {"zh": "个人缴费", "en": "contribution"},
    "credit": {"zh": "账户划入", "en": "account credit"},
    "reimbursement": {"zh": "门诊统筹报销", "en": "outpatient reimbursement"},
    "unknown": {"zh": "未知", "en": "n/k"},
    "none_known": {"zh": "三项都未知或无数据：", "en": "Nothing known or no data: "},
}


def account_text(o: FlexibleOutlook, lang: str) -> str:
    """'不划入' / '2% of the own base' / 'not known for this region'."""
    if o.account == "none":
        return "不建个人账户，不划入" if lang == "zh" else "no account is credited"
    if o.account == "unknown":
        return UNKNOWN[lang]
    if o.account == "share_of_base" and o.account_rate is not None:
        return f"按本人缴费基数的 {rate(o.account_rate)} 划入" if lang == "zh" else \
            f"{rate(o.account_rate)} of the own base"
    return "有划入（见出处）" if lang == "zh" else "credited (see sources)"


def _date_options() -> list[str]:
    days: set[dt.date] = set()
    for slug in comparable_regions():
        reg = load_region(slug)
        days.add(reg.data_from)
        for pf in reg.files.values():
            days.update(d for d in pf.dates if d >= reg.data_from)
        if reg.reform_date:
            days.add(reg.reform_date)
    return [d.isoformat() for d in sorted(days)]


def _region_options() -> list[tuple[str, str]]:
    return [(f"{load_region(s).name['zh']} {load_region(s).name['en']}", s) for s in comparable_regions()]


class FlexibleChart:
    """Grouped horizontal bars, one group per region with at least one known number ('n/k' where
    one is not known); the regions where nothing is known are named below the chart."""

    def __init__(self) -> None:
        register_cjk_font()
        self.fig = Figure(figsize=(6.8, 4.0), dpi=100, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.data: dict = {}

    def update(self, rows: list, focus: str, lang: str) -> bytes:
        t = {k: v[lang] for k, v in CHART.items()}
        series = (("contribution", "contribution_yearly", NEW_COLOUR),
                  ("credit", "credit_new", GAIN_COLOUR),
                  ("reimbursement", "reimbursement_new", OTHER_COLOURS[0]))

        def vals(r) -> list:
            return [getattr(r, attr) if isinstance(r, FlexibleOutlook) else None for _, attr, _ in series]
        shown = [r for r in rows if any(v is not None for v in vals(r))][::-1]
        hidden = [r for r in rows if not any(v is not None for v in vals(r))]
        fig = self.fig
        fig.clear()
        fig.set_size_inches(6.8, 1.9 + 0.62 * max(len(shown), 1))
        ax = fig.add_subplot()
        y = np.arange(len(shown))
        known = [v for r in shown for v in vals(r) if v is not None]
        top = nice_limit(max(known + [100.0]) * 1.25)
        h = 0.26
        for j, (k, _, colour) in enumerate(series):
            pos = y + (1 - j) * h
            values = [vals(r)[j] for r in shown]
            ax.barh(pos, [0 if v is None else v for v in values], h, color=colour, label=t[k])
            for p, v in zip(pos, values):
                ax.text(0 if v is None else v, p, f" {t['unknown'] if v is None else f'{v:,.0f}'}",
                        va="center", fontsize=7, color="#777" if v is None else "black")
        ax.set_yticks(y, [r.name[lang] for r in shown], fontsize=8)
        for lab, r in zip(ax.get_yticklabels(), shown):
            if r.region == focus:
                lab.set_color("#c62828")
        ax.set_ylim(-0.6, max(len(shown), 1) - 0.4)
        ax.set_xlim(0, top)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.tick_params(axis="x", labelsize=8)
        ax.set_title(t["title"], fontsize=10)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        if hidden:
            sep = "、" if lang == "zh" else ", "
            note = f"{t['none_known']}{sep.join(r.name[lang] for r in hidden)}"
            ax.set_xlabel("\n".join(textwrap.wrap(note, 48 if lang == "zh" else 100)), fontsize=7,
                          color="#555", loc="left")
        self.data = {"regions": [r.region for r in shown], "hidden": [r.region for r in hidden],
                     **{k: [vals(r)[j] for r in shown] for j, (k, _, _) in enumerate(series)}}
        return png(fig)


def sentence(o: FlexibleOutlook | NoRules, lang: str) -> str:
    """The live sentence for the focus region."""
    zh = lang == "zh"
    if isinstance(o, NoRules):
        return (f"<b>{html.escape(o.name['zh'])}</b>：{html.escape(o.reason['zh'])}。" if zh else
                f"<b>{html.escape(o.name['en'])}</b>: {html.escape(o.reason['en'])}.")
    name = html.escape(o.name[lang])
    choice = CHOICE[o.base_choice][lang]
    lvl = words.LEVEL[o.level][lang]
    pool = POOLING.get(o.pooling, POOLING["unknown"])[lang]
    if zh:
        if o.base_monthly is None:
            pay = f"{choice}本地区未知，缴费额无法计算"
        elif o.rate is None:
            pay = f"以{choice} {money(o.base_monthly)} 元/月缴费，但费率本地区未知，缴费额无法计算"
        else:
            pay = (f"以{choice} {money(o.base_monthly)} 元/月按 {rate(o.rate)} 缴费"
                   f"（{money(o.rate_part_monthly)} 元/月）")
            if o.fixed_monthly is None:
                pay += "，另有定额缴费本地区未知，每月合计<b>本地区未知</b>"
            else:
                extra = f"，另加每月定额 {money(o.fixed_monthly)} 元" if o.fixed_monthly else ""
                pay += (f"{extra}，每月 <b>{money(o.contribution_monthly)}</b> 元、每年 "
                        f"<b>{money(o.contribution_yearly)}</b> 元")
        return (f"按<b>{name}</b> {o.date} 施行的规则，灵活就业人员{pay}；个人账户：<b>{account_text(o, 'zh')}</b>"
                f"（每年 {money(o.credit_new)} 元）；门诊统筹：{pool}，每年 {money(o.outpatient_yearly)} 元门诊费用"
                f"（{lvl}）报销 <b>{money(o.reimbursement_new)}</b> 元。")
    if o.base_monthly is None:
        pay = f"{choice} is not known for this region, so the contribution cannot be computed"
    elif o.rate is None:
        pay = (f"on {choice} of {money(o.base_monthly, 'en')} yuan a month: the rate is not known for this "
               "region, so the contribution cannot be computed")
    else:
        pay = (f"on {choice} of {money(o.base_monthly, 'en')} yuan a month at {rate(o.rate)} "
               f"({money(o.rate_part_monthly, 'en')} a month)")
        if o.fixed_monthly is None:
            pay += "; a fixed add-on is <b>not known for this region</b>, so the total is not known"
        else:
            extra = f" plus a fixed {money(o.fixed_monthly, 'en')} a month" if o.fixed_monthly else ""
            pay += (f"{extra} pays <b>{money(o.contribution_monthly, 'en')}</b> a month, "
                    f"<b>{money(o.contribution_yearly, 'en')}</b> a year")
    return (f"Under <b>{name}</b>'s rules in force on {o.date}, a flexibly employed person {pay}. "
            f"Account: <b>{account_text(o, 'en')}</b> ({money(o.credit_new, 'en')} a year). "
            f"Outpatient pooling: {pool} — <b>{money(o.reimbursement_new, 'en')}</b> of a "
            f"{money(o.outpatient_yearly, 'en')} yuan yearly bill at a {lvl}.")


def table_html(rows: list, focus: str, lang: str) -> str:
    """All regions side by side; 'not known for this region' where the data has no value."""
    head = (("地区", "缴费基数（元/月）", "费率", "每年缴费", "个人账户", "每年划入", "门诊统筹", "每年报销")
            if lang == "zh" else
            ("Region", "Base (yuan/month)", "Rate", "Contribution/yr", "Account", "Credit/yr",
             "Outpatient pooling", "Reimbursed/yr"))
    out = []
    for r in rows:
        style = " style='background:#fff3e0'" if r.region == focus else ""
        if isinstance(r, NoRules):
            out.append(f"<tr{style}><td>{html.escape(r.name[lang])}</td>"
                       f"<td colspan='7'>{html.escape(r.reason[lang])}</td></tr>")
            continue
        cells = [r.name[lang], money(r.base_monthly, lang), rate(r.rate, lang),
                 money(r.contribution_yearly, lang), account_text(r, lang), money(r.credit_new, lang),
                 POOLING.get(r.pooling, POOLING["unknown"])[lang], money(r.reimbursement_new, lang)]
        out.append(f"<tr{style}>" + "".join(f"<td>{html.escape(x)}</td>" for x in cells) + "</tr>")
    cell = "<td style='padding:2px 6px;border-bottom:1px solid #eee'"
    return ("<table class='medinsure-flexible-table' style='border-collapse:collapse;font-size:13px'><thead><tr>"
            + "".join(f"<th style='text-align:left;border-bottom:1px solid #999;padding:2px 6px'>{h}</th>"
                      for h in head)
            + "</tr></thead><tbody>" + "".join(out).replace("<td", cell) + "</tbody></table>")


def sources_html(rows: list) -> str:
    items, seen = [], []
    for r in rows:
        if isinstance(r, NoRules):
            continue
        for ref in r.references:
            if ref in seen:
                continue
            seen.append(ref)
            links = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                             for i, u in enumerate(ref.read_at, 1) if u.startswith("http"))
            items.append(f"<li>{html.escape(r.name['zh'])} {html.escape(r.name['en'])}: "
                         f"{html.escape(ref.cite())} {links}</li>")
    return ("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / "
            "3P-low 低可靠 / DERIVED 推算</p><ol class='medinsure-sources'>" + "".join(items) + "</ol>")


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
        dates = sorted(set(_date_options()) | {date})
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
            "level": widgets.Dropdown(options=[(f"{words.LEVEL[v]['zh']} {words.LEVEL[v]['en']}", v) for v in LEVELS],
                                      value=level, description="就医机构 Facility", layout=wide(), style=style),
            "focus": widgets.Dropdown(options=_region_options(), value=focus, description="详看地区 Region",
                                      layout=wide(), style=style),
            "lang": widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                          description="语言 Language", style=style),
        }
        self.title = widgets.HTML()
        self.sentence = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.notice = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.error_box = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.chart = FlexibleChart()
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="680px"))
        self.image.add_class("medinsure-flexible-chart")
        self.table = widgets.HTML()
        self.sources = widgets.HTML()
        self.table_box = widgets.Accordion(children=[self.table, self.sources], selected_index=0)
        left = widgets.VBox(list(c.values()), layout=widgets.Layout(width="470px", min_width="400px"))
        right = widgets.VBox([self.error_box, self.sentence, self.notice, self.image, self.table_box],
                             layout=widgets.Layout(flex="1 1 auto", width="100%"))
        super().__init__([self.title, widgets.HBox([left, right], layout=widgets.Layout(width="100%"))])
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
        self.title.value = title_html(TXT["title"], lang)

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
        self.image.value = self.chart.update(rows, focus.region, lang)
        self.table.value = table_html(rows, focus.region, lang)
        self.sources.value = sources_html(rows)
        self.table_box.set_title(0, TXT["table"][lang])
        self.table_box.set_title(1, TXT["sources"][lang])
        self.notice.value = self._notice_html(focus, lang)
        self.sentence.value = ("<div class='medinsure-sentence' style='font-size:16px;line-height:1.6;"
                               "padding:6px 10px;background:#f3f7fb;border-left:4px solid #1565c0'>"
                               f"{sentence(focus, lang)}</div>")

    def _show_error(self, message: str) -> None:
        super()._show_error(message)
        self.focus = None

    @staticmethod
    def _notice_html(o, lang: str) -> str:
        if isinstance(o, NoRules) or not o.unknown:
            return ""
        seen, items = set(), []
        for u in o.unknown:
            key = (u["field"], u["note"][lang])
            if key in seen:
                continue
            seen.add(key)
            label = FIELD.get(u["field"], {"zh": u["field"], "en": u["field"]})[lang]
            items.append(f"<li><b>{html.escape(label)}</b>{'：' if lang == 'zh' else ': '}"
                         f"{html.escape(u['note'][lang])}</li>")
        return (f"<div class='medinsure-unknown' style='background:#fff8e1;padding:6px 10px;"
                f"border-left:4px solid #f9a825'>{TXT['unknown'][lang]}<ul>{''.join(items)}</ul></div>")


@app_builder
def flexible_explainer(**kwargs) -> FlexibleExplainer:
    """Build the flexible-employment comparison app (see :class:`FlexibleExplainer`)."""
    return FlexibleExplainer(**kwargs)


# --------------------------------------------------------------------------- notebook helpers
@page_cell('')
def key_numbers(app: FlexibleExplainer) -> str:
    """One line of the numbers notebook 07 checks (nbval compares this output)."""
    o = app.focus
    if o is None:
        return "no result"
    if isinstance(o, NoRules):
        return f"{o.region}: no rules"
    return (f"{o.region} {o.date}: contribution {money(o.contribution_monthly, 'en')}/month "
            f"{money(o.contribution_yearly, 'en')}/year; account {o.account} {money(o.credit_new, 'en')}; "
            f"outpatient {o.pooling} {money(o.reimbursement_new, 'en')}")


def _outlook_answer(o: FlexibleOutlook) -> dict:
    missing = sorted({u["field"] for u in o.unknown if u["field"] in FIELD and u["field"] != "credit_old"})
    gaps = {lang: ("；未知：" if lang == "zh" else "; not known: ") +
            ("、" if lang == "zh" else ", ").join(FIELD[f][lang] for f in missing) if missing else ""
            for lang in ("zh", "en")}
    return {"zh": f"每月 {money(o.contribution_monthly)} 元，每年 {money(o.contribution_yearly)} 元；"
                  f"个人账户：{account_text(o, 'zh')}（每年 {money(o.credit_new)} 元）；"
                  f"门诊统筹报销 {money(o.reimbursement_new)} 元{gaps['zh']}。",
            "en": f"{money(o.contribution_monthly, 'en')} a month, {money(o.contribution_yearly, 'en')} a year; "
                  f"account: {account_text(o, 'en')} ({money(o.credit_new, 'en')} a year); outpatient pooling "
                  f"pays {money(o.reimbursement_new, 'en')}{gaps['en']}."}


def _minqing_answer() -> dict:
    e = example_contribution("minqing", "2020-06-01")
    return {"zh": f"基数 {money(e.base_monthly)} 元/月，每月 {money(e.contribution_monthly)} 元，"
                  f"每年 {money(e.contribution_yearly)} 元。",
            "en": f"Base {money(e.base_monthly, 'en')} a month; {money(e.contribution_monthly, 'en')} a month, "
                  f"{money(e.contribution_yearly, 'en')} a year."}


EXERCISES = [
    ({"zh": "武汉 2022年7月—2023年6月：灵活就业人员按默认基数（上年度全市职工月平均工资）缴费，每月缴多少？有个人账户吗？",
      "en": "Wuhan, July 2022–June 2023: a flexibly employed person on the default base (last year's city "
            "average wage). What do they pay a month? Do they get an account?"},
     lambda: _outlook_answer(flexible_outlook("wuhan", "2022-07-01"))),
    ({"zh": "同一个人 2023-04-10 以后每年在基层医疗机构看门诊 3,000 元，门诊统筹报销多少？",
      "en": "The same person spends 3,000 yuan a year at a primary facility after 2023-04-10. What does "
            "outpatient pooling pay?"},
     lambda: _outlook_answer(flexible_outlook("wuhan", "2023-04-10", outpatient_yearly=3000.0))),
    ({"zh": "广州 2023 年上半年：按缴费基数下限缴费的灵活就业人员，每年个人账户划入多少？为什么每年缴费显示“未知”？",
      "en": "Guangzhou, first half of 2023: a flexibly employed person on the base floor. How much is credited "
            "to the account a year? Why is the yearly contribution 'not known'?"},
     lambda: _outlook_answer(flexible_outlook("guangzhou", "2023-03-01", "floor"))),
    ({"zh": "福州闽清 2020 年：以福建省 2018 年平均工资的 60% 为基数、费率 10%，每月缴多少？",
      "en": "Minqing (Fuzhou), 2020: base 60% of Fujian's 2018 average wage, rate 10%. What is the monthly contribution?"},
     _minqing_answer),
]


def exercises_html(lang: str = "zh") -> str:
    return exercises_list_html([(q, answer()) for q, answer in EXERCISES], lang)


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(lang))


@page_cell()
def show_sources(date: str = "2023-03-01") -> widgets.HTML:
    rows = compare_regions(date)
    extra = example_contribution("minqing", "2020-06-01").entry.references
    items = "".join(f"<li>福州闽清 Minqing: {html.escape(r.cite())} "
                    + " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                               for i, u in enumerate(r.read_at, 1)) + "</li>" for r in extra)
    return widgets.HTML(sources_html(rows).replace("</ol>", items + "</ol>"))

"""The family mutual-aid app (家庭共济): how far an employee's account covers the family, who may
share and what it may pay on a date, and a cross-province quota sandbox.

``family_explainer(...)`` returns the widget; ``.result`` is the current
:class:`~medinsure.family.FamilyPlan` (None while the input is invalid), ``.error`` the message
shown, ``.controls`` every input by name and ``.quota`` the cross-province state machine.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from medinsure import family as fam
from medinsure.views import words
from medinsure.views.charts.base import NEW_COLOUR, OLD_COLOUR, png
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.views.fonts import register_cjk_font
from medinsure.views.words import money
from medinsure.rules import LEVELS, load_region, unique_references
from medinsure.app.common import app_builder, page_cell, ErrorBox, TABS_CSS, exercises_list_html, region_options, title_html, titled_tabs

# display settings, not policy
_ROWS = 4
_DEFAULT_ROWS = (
    (True, "parent", "resident", 1500.0),
    (True, "sibling", "resident", 500.0),
    (False, "child", "resident", 300.0),
    (False, "spouse", "employee", 800.0),
)
_CAST = (("mother", "parent"), ("brother", "sibling"), ("daughter", "child"))
CAST_NAMES = {"mother": words.both("妈妈", "Mother"), "brother": words.both("弟弟", "Brother"),
              "daughter": words.both("女儿", "Daughter")}

TXT = {
    "title": words.both("家庭共济：我的个人账户能为家人付多少？", "Family mutual aid: how far does my account go for my family?"),
    "tab_calc": words.both("家庭账户计算", "Family calculator"),
    "tab_rules": words.both("谁能共济、能付什么", "Who may share, what it pays"),
    "tab_cross": words.both("跨省共济额度", "Cross-province quota"),
    "unknown": words.both("以下数字未知，未作估算：", "Not known (not estimated):"),
    "notice": words.both("请注意：", "Please note:"),
    "sources": words.both("出处", "Sources"),
    "old": words.both("旧划入办法", "old credit"),
    "new": words.both("新划入办法", "new credit"),
    "year": words.both("年份", "Year"),
    "person": words.both("人", "Person"),
    "item": words.both("项目", "Item"),
    "amount": words.both("金额（元）", "Amount (yuan)"),
    "paid_old": words.both("账户支付（旧）", "Paid by account (old)"),
    "paid_new": words.both("账户支付（新）", "Paid by account (new)"),
    "why_not": words.both("不能支付的原因", "Why not payable"),
    "chart_left": words.both("每年账户能付的家庭费用（元）", "Family costs the account pays each year (yuan)"),
    "chart_right": words.both("年末余额（元）", "Balance at year end (yuan)"),
    "allowed_need": words.both("可由账户支付的费用", "costs the account may pay"),
    "unknown_short": words.both("未知", "n/k"),
    "cannot": words.both("无法计算（见未知项）", "cannot be computed (see what is not known)"),
    "year_end": words.both("年末", "year end"),
}


def _relation_options() -> list[tuple[str, str]]:
    return [(f"{v['zh']} {v['en']}", k) for k, v in fam.RELATIONS.items() if k != "self"]


def _cite_list(refs, lang: str) -> str:
    """The references as a list, each document once (same title, number and issuer)."""
    items, seen = [], set()
    for r in refs:
        if (r.title, r.number, r.issuer) in seen:
            continue
        seen.add((r.title, r.number, r.issuer))
        link = r.read_at[0]
        href = link if link.startswith("http") else None
        text = html.escape(r.cite(lang))
        items.append(f"<li><a class='medinsure-ref' href='{html.escape(href)}' target='_blank' rel='noopener'>{text}</a></li>"
                     if href else f"<li><span class='medinsure-ref'>{text}</span> "
                                  f"<small>({html.escape(link)})</small></li>")
    return "<ul style='font-size:12px;margin:2px 0'>" + "".join(items) + "</ul>"


def _table(head, rows, label: str = "") -> str:
    th = "".join(f"<th style='text-align:left;border-bottom:1px solid #999;padding:2px 6px'>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 6px;border-bottom:1px solid #eee;vertical-align:top'>{c}</td>"
                                    for c in row) + "</tr>" for row in rows)
    return (f"<table class='medinsure-table' aria-label='{html.escape(label)}' "
            f"style='border-collapse:collapse;font-size:13px'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>")


def _yuan(x: float | None, lang: str) -> str:
    """'2,160.00 元' / '2,160.00 yuan', or 'not known'."""
    return words.UNKNOWN[lang] if x is None else f"{money(x, lang)} {'元' if lang == 'zh' else 'yuan'}"


def _pct(x: float | None, lang: str) -> str:
    return words.UNKNOWN[lang] if x is None else f"{x * 100:.0f}%"


# --------------------------------------------------------------------------- sentence
def plan_sentence(p: fam.FamilyPlan, lang: str = "zh") -> str:
    """The live sentence: credits, this year's coverage, the multi-year picture, old vs new."""
    c = p.comparison
    region = load_region(p.region).name[lang]
    status = words.STATUS[p.enrollee.status][lang]
    new, old = p.new, p.old
    first = p.date.year
    zh = lang == "zh"
    out = []
    if zh:
        out.append(f"按{region}{p.date}的规则，{status}每年个人账户划入 <b>{_yuan(c.credit_old, lang)}</b>（旧）→ "
                   f"<b>{_yuan(c.credit_new, lang)}</b>（新）。")
    else:
        out.append(f"Under {region}'s rules on {p.date}, the {status}'s yearly account credit goes from "
                   f"<b>{_yuan(c.credit_old, lang)}</b> (old) to <b>{_yuan(c.credit_new, lang)}</b> (new). ")
    if new is None:
        out.append("新规则下的家庭覆盖无法计算（见下方未知项）。" if zh else
                   "Coverage under the new rule cannot be computed (see what is not known below).")
        return "".join(out)
    y = new.years[0]
    allowed = y.need - y.not_allowed
    y_old = old.years[0] if old else None
    share = None if allowed <= 0 else y.paid / allowed
    share_old = None if (y_old is None or y_old.need - y_old.not_allowed <= 0) else \
        y_old.paid / (y_old.need - y_old.not_allowed)
    if zh:
        out.append(f"{first}年全家（本人和 {len(p.relatives)} 位亲属）预计个人负担 <b>{money(y.need)}</b> 元，"
                   f"其中按全国共济规则账户可以支付的 {money(allowed)} 元"
                   + (f"（不能支付 {money(y.not_allowed)} 元，原因见表）" if y.not_allowed > 0 else "")
                   + f"；账户（年初余额 {money(y.start)} + 划入 {money(y.credit)}）付 <b>{money(y.paid)}</b> 元，"
                   f"占 <b>{_pct(share, lang)}</b>"
                   + (f"（旧划入：{money(y_old.paid)} 元，{_pct(share_old, lang)}）" if y_old else "") + "。")
        out.append(f"{len(new.years)}年合计：新划入覆盖 <b>{_pct(new.coverage, lang)}</b>"
                   + (f"，旧划入 <b>{_pct(old.coverage, lang)}</b>" if old else "")
                   + (f"；新划入下 {new.first_short_year} 年起余额不够" if new.first_short_year else "；新划入下余额每年都够")
                   + "。")
    else:
        out.append(f"In {first} the family (the enrollee and {len(p.relatives)} relative(s)) expects "
                   f"<b>{money(y.need, 'en')}</b> yuan of own-burden costs, of which the national sharing rules let "
                   f"the account pay {money(allowed, 'en')}"
                   + (f" ({money(y.not_allowed, 'en')} not payable; see the table for why)" if y.not_allowed > 0 else "")
                   + f"; the account (balance {money(y.start, 'en')} + credit {money(y.credit, 'en')}) pays "
                   f"<b>{money(y.paid, 'en')}</b>, or <b>{_pct(share, lang)}</b>"
                   + (f" (old credit: {money(y_old.paid, 'en')}, {_pct(share_old, lang)})" if y_old else "") + ". ")
        out.append(f"Over {len(new.years)} years the new credit covers <b>{_pct(new.coverage, lang)}</b>"
                   + (f", the old one <b>{_pct(old.coverage, lang)}</b>" if old else "")
                   + (f"; with the new credit the balance falls short from {new.first_short_year}"
                      if new.first_short_year else "; with the new credit the balance suffices every year")
                   + ".")
    return "".join(out)


@page_cell('')
def key_numbers(p: fam.FamilyPlan) -> str:
    """One checked line for the notebook (nbval)."""
    c = p.comparison
    parts = [f"credit {money(c.credit_old, 'en')} -> {money(c.credit_new, 'en')}"]
    for s in (p.old, p.new):
        if s is None:
            continue
        y = s.years[0]
        parts.append(f"{s.regime} {y.year}: paid {money(y.paid, 'en')} of {money(y.need - y.not_allowed, 'en')} "
                     f"allowed ({money(y.not_allowed, 'en')} not allowed); {len(s.years)}y coverage "
                     f"{_pct(s.coverage, 'en')}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- chart
class FamilyChart:
    """Left: what the account pays each year (old vs new) against the payable costs; right:
    the balance at each year end."""

    def __init__(self) -> None:
        register_cjk_font()
        self.fig = Figure(figsize=(9.6, 3.6), dpi=100, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.ax_paid, self.ax_bal = self.fig.subplots(1, 2)

    def update(self, p: fam.FamilyPlan, lang: str) -> bytes:
        t = {k: v[lang] for k, v in TXT.items()}
        for ax in (self.ax_paid, self.ax_bal):
            ax.clear()
            ax.spines[["top", "right"]].set_visible(False)
        scen = [(s, col, t[s.regime]) for s, col in ((p.old, OLD_COLOUR), (p.new, NEW_COLOUR)) if s is not None]
        years = [y.year for y in (p.new or p.old).years] if scen else []
        x = np.arange(len(years))
        for k, (s, col, lab) in enumerate(scen):
            off = (k - (len(scen) - 1) / 2) * 0.38
            self.ax_paid.bar(x + off, [y.paid for y in s.years], 0.36, color=col, label=lab)
            need = [y.need - y.not_allowed for y in s.years]
            self.ax_paid.step(np.r_[x - 0.5, x[-1] + 0.5] if len(x) else [], need + need[-1:] if need else [],
                              where="post", color=col, lw=1.2, ls="--",
                              label=f"{t['allowed_need']}（{lab}）" if lang == "zh" else f"{t['allowed_need']} ({lab})")
            self.ax_bal.plot(np.r_[years[0] - 1, years] if years else [], [s.years[0].start] + [y.end for y in s.years],
                             color=col, lw=2, marker="o", ms=3, label=lab)
        if not scen:
            for ax in (self.ax_paid, self.ax_bal):
                ax.set_xticks([])
                ax.set_yticks([])
                ax.text(0.5, 0.5, t["cannot"], ha="center", va="center", transform=ax.transAxes,
                        fontsize=10, color="#555")
        elif p.old is None:
            self.ax_bal.text(0.02, 0.04, f"{t['old']}：{t['unknown_short']}" if lang == "zh"
                             else f"{t['old']}: {t['unknown_short']}", transform=self.ax_bal.transAxes,
                             fontsize=9, color=OLD_COLOUR)
        self.ax_paid.set_title(t["chart_left"], fontsize=10)
        self.ax_bal.set_title(t["chart_right"], fontsize=10)
        if scen:
            self.ax_paid.set_xticks(x, [str(y) for y in years], fontsize=8)
            self.ax_bal.set_ylim(bottom=0)
            self.ax_bal.xaxis.set_major_locator(MaxNLocator(integer=True))
            self.ax_bal.set_xlabel(t["year_end"], fontsize=8)
            self.ax_paid.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
            self.ax_bal.legend(fontsize=7, frameon=False, loc="best")
        for ax in (self.ax_paid, self.ax_bal):
            ax.tick_params(labelsize=8)
        self.data = {"years": years, **{s.regime: {"paid": [y.paid for y in s.years],
                                                   "allowed": [y.need - y.not_allowed for y in s.years],
                                                   "end": [y.end for y in s.years]} for s, _, _ in scen}}
        return png(self.fig)


# --------------------------------------------------------------------------- the app
class FamilyExplainer(ErrorBox, widgets.VBox):
    """The app. Build it with :func:`family_explainer`."""

    def __init__(self, region: str = "wuhan", date: str = "2025-03-01", status: str = "in_service",
                 age: int = 45, wage: float = 9000.0, pension: float = 4000.0, retirement_year: int = 2018,
                 outpatient: float = 800.0,
                 level: str = "primary", balance: float = 3000.0, years: int = 5, own_mode: str = "bill",
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
            "level": widgets.Dropdown(options=[(f"{words.LEVEL[v]['zh']} {words.LEVEL[v]['en']}", v) for v in LEVELS],
                                      value=level, description="就医机构 Facility", layout=wide(), style=style),
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
                options=[(f"{v['zh']} {v['en']}", k) for k, v in fam.INSURANCE.items()], value=ins,
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
        self.chart = FamilyChart()
        self.chart_image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="960px"))
        self.chart_image.add_class("medinsure-family-chart")
        self.year_table = widgets.HTML()
        self.years_table = widgets.HTML()
        self.rules_now = widgets.HTML()
        self.rules_table = widgets.HTML()
        self.sources = widgets.HTML()
        people = widgets.VBox([widgets.HTML("<b>亲属 Relatives</b> <small>（关系 · 参保类型 · 年自付费用 · 年居民医保缴费 "
                                            "relation · insurance · yearly own-burden costs · yearly contribution）</small>"),
                               *rows, c["explore"]])
        left = widgets.VBox([c[k] for k in ("region", "date", "status", "age", "wage", "pension",
                                            "retirement_year", "own_mode", "outpatient", "level", "balance",
                                            "years")],
                            layout=widgets.Layout(width="440px", min_width="380px"))
        right = widgets.VBox([self.error_box, self.sentence, self.notice, self.chart_image, self.year_table,
                              self.years_table, self.rules_now],
                             layout=widgets.Layout(flex="1 1 auto", width="100%"))
        calc = widgets.VBox([widgets.HBox([left, right], layout=widgets.Layout(width="100%")), people])
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
        if change["owner"] in (self.controls["status"], self.controls["own_mode"]):
            self._update_visibility()
        if change["owner"] is self.controls["lang"]:
            self._render_quota()
        if not self._busy:
            self.recompute()

    def _update_visibility(self) -> None:
        direct = self.controls["own_mode"].value == "direct"
        self.controls["outpatient"].description = "本人年自付 Own share" if direct else "本人年门诊费 Own outpatient"
        self.controls["level"].layout.display = "none" if direct else None
        s = self.controls["status"].value
        self.controls["wage"].layout.display = None if s != "retired" else "none"
        self.controls["pension"].layout.display = None if s == "retired" else "none"
        self.controls["retirement_year"].layout.display = None if s == "retired" else "none"

    def enrollee(self) -> Enrollee:
        c = self.controls
        s = c["status"].value
        direct = c["own_mode"].value == "direct"
        return Enrollee(status=s, age=int(c["age"].value),
                        wage_monthly=None if s == "retired" else float(c["wage"].value),
                        pension_monthly=float(c["pension"].value) if s == "retired" else None,
                        retirement_year=int(c["retirement_year"].value) if s == "retired" else None,
                        outpatient_yearly=0.0 if direct else float(c["outpatient"].value), level=c["level"].value)

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
                                    name=f"{fam.RELATIONS[rel][lang]} ({n})" if lang == "en" else
                                    f"{fam.RELATIONS[rel][lang]}（{n}）"))
        return out

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = title_html(TXT["title"], lang) + TABS_CSS
        for i, key in enumerate(("tab_calc", "tab_rules", "tab_cross")):
            self.tabs.set_title(i, TXT[key][lang])
        self.rules_table.value = self._rules_history(lang)
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
        self.notice.value = self._notice_html(plan, lang)
        self.chart_image.value = self.chart.update(plan, lang)
        self.year_table.value = self._year_table(plan, lang)
        self.years_table.value = self._years_table(plan, lang)
        self.rules_now.value = self._rules_now(plan, lang)
        self.sources.value = (f"<details><summary>{TXT['sources'][lang]}</summary>"
                              f"{_cite_list(plan.references + fam.cross_province_rules(self._quota_day0).references, lang)}</details>")
        self.sentence.value = (f"<div class='medinsure-sentence' style='font-size:16px;line-height:1.6;padding:6px 10px;"
                               f"background:#f3f7fb;border-left:4px solid #1565c0'>{plan_sentence(plan, lang)}</div>")

    @staticmethod
    def _notice_html(p: fam.FamilyPlan, lang: str) -> str:
        out = ""
        if p.unknown:
            items = "".join(f"<li>{html.escape(u['note'][lang])}</li>" for u in p.unknown)
            out += (f"<div class='medinsure-unknown' style='background:#fff8e1;padding:4px 10px;"
                    f"border-left:4px solid #f9a825'>{TXT['unknown'][lang]}<ul>{items}</ul></div>")
        notes = "".join(f"<li>{html.escape(n[lang])}</li>" for n in p.notices)
        return out + (f"<div class='medinsure-notice' style='color:#555;font-size:13px'>{TXT['notice'][lang]}"
                      f"<ul>{notes}</ul></div>")

    def _year_table(self, p: fam.FamilyPlan, lang: str) -> str:
        base = p.new or p.old
        if base is None:
            return ""
        old_items = p.old.years[0].items if p.old else [None] * len(base.years[0].items)
        new_items = p.new.years[0].items if p.new else [None] * len(base.years[0].items)
        rows = []
        for io, inew in zip(old_items, new_items):
            it = inew or io
            why = "" if it.reason is None else html.escape(it.reason[lang])
            amount = money(it.amount, lang)
            if io is not None and inew is not None and io.amount != inew.amount:
                amount = f"{money(io.amount, lang)} → {money(inew.amount, lang)}"
            rows.append([html.escape(p.person_label(it.person, lang)), fam.ITEMS[it.kind][lang], amount, "—" if io is None else money(io.paid, lang),
                         "—" if inew is None else money(inew.paid, lang), why])
        head = [TXT[k][lang] for k in ("person", "item", "amount", "paid_old", "paid_new", "why_not")]
        cap = f"{base.years[0].year}年明细" if lang == "zh" else f"{base.years[0].year} in detail"
        return f"<b style='font-size:13px'>{cap}</b>" + _table(head, rows, cap)

    def _years_table(self, p: fam.FamilyPlan, lang: str) -> str:
        base = p.new or p.old
        if base is None:
            return ""
        head = [TXT["year"][lang]]
        for s in (p.old, p.new):
            if s is None:
                continue
            lab = TXT[s.regime][lang]
            head += [f"{lab}：{'账户付' if lang == 'zh' else 'paid'}" if lang == "zh" else f"{lab}: paid",
                     f"{lab}：{'年末余额'}" if lang == "zh" else f"{lab}: year-end balance"]
        rows = []
        for k, y in enumerate(base.years):
            row = [str(y.year)]
            for s in (p.old, p.new):
                if s is not None:
                    row += [f"{money(s.years[k].paid, lang)} / {money(s.years[k].need - s.years[k].not_allowed, lang)}",
                            money(s.years[k].end, lang)]
            rows.append(row)
        summary = "逐年（账户付 / 可付费用）" if lang == "zh" else "Year by year (paid / payable costs)"
        return f"<details class='medinsure-table'><summary>{summary}</summary>{_table(head, rows, summary)}</details>"

    @staticmethod
    def _rules_now(p: fam.FamilyPlan, lang: str) -> str:
        scope, uses = p.scope, p.uses
        who = "、".join(fam.RELATIONS[r][lang] for r in scope["relatives"]) if lang == "zh" else \
            ", ".join(fam.RELATIONS[r][lang] for r in scope["relatives"])
        allowed = [k for k, v in uses["uses"].items() if v == "allowed"]
        forbidden = [k for k, v in uses["uses"].items() if v == "forbidden"]
        sep = "、" if lang == "zh" else "; "
        if lang == "zh":
            text = (f"<b>{p.date}适用的全国规则</b>：可以共济的人——{who}（{scope.date}起，{fam.AREAS[scope['area']]['zh']}）。"
                    f"可以支付：{sep.join(fam.USES[k]['zh'] for k in allowed)}。"
                    f"不得支付：{sep.join(fam.USES[k]['zh'] for k in forbidden)}。")
        else:
            text = (f"<b>National rules on {p.date}</b>: who may share — {who} (from {scope.date}; "
                    f"{fam.AREAS[scope['area']]['en']}). May pay: {sep.join(fam.USES[k]['en'] for k in allowed)}. "
                    f"May not pay: {sep.join(fam.USES[k]['en'] for k in forbidden)}.")
        return (f"<div class='medinsure-rules' style='font-size:13px;padding:4px 10px;border-left:4px solid #9e9e9e'>{text}"
                f"{_cite_list(scope.references + uses.references, lang)}</div>")

    @staticmethod
    def _rules_history(lang: str) -> str:
        scope = fam.load("mutual_aid_scope")
        uses = fam.load("mutual_aid_uses")
        head = (["起始日期", "谁可以共济", "地域", "居民医保缴费", "长护险缴费", "禁止", "出处"] if lang == "zh" else
                ["From", "Who may share", "Reach", "Resident contribution", "LTC contribution", "Not allowed", "Source"])
        rows = []
        for e in scope.entries:
            u = uses.at(e.date)
            sep = "、" if lang == "zh" else ", "
            rows.append([str(e.date) + ("" if e.date_exact else ("（发布日）" if lang == "zh" else " (published)")),
                         sep.join(fam.RELATIONS[r][lang] for r in e["relatives"]),
                         fam.AREAS[e["area"]][lang],
                         fam.USE_STATUS[u["uses"]["resident_premium"]][lang],
                         fam.USE_STATUS[u["uses"]["ltc_premium"]][lang],
                         sep.join(fam.USES[k][lang] for k, v in u["uses"].items() if v == "forbidden"),
                         _cite_list(e.references, lang)])
        how = {True: words.both("原文", "quoted"), False: words.both("要点转述", "paraphrased")}
        says = "".join(f"<li><b>{e.date}</b>（{how[e['verbatim']]['zh']}）：{html.escape(e['says'][lang])}</li>"
                       if lang == "zh" else
                       f"<li><b>{e.date}</b> ({how[e['verbatim']]['en']}): {html.escape(e['says'][lang])}</li>"
                       for e in uses.entries)
        head2 = "文件怎么说" if lang == "zh" else "What the documents say"
        return _table(head, rows, head[1]) + f"<p><b>{head2}</b></p><ul style='font-size:13px'>{says}</ul>"

    # ------------------------------------------------------------------ cross-province sandbox
    def _quota_controls(self, c: dict, style: dict) -> None:
        c["cp_balance"] = widgets.BoundedFloatText(value=5000.0, min=0, max=1_000_000, step=100,
                                                   description="起始余额 Balance", style=style)
        c["cp_who"] = widgets.Dropdown(options=[(f"{CAST_NAMES[k]['zh']} {CAST_NAMES[k]['en']}"
                                                 f"（{fam.RELATIONS[r]['zh']} {fam.RELATIONS[r]['en']}）", k)
                                                for k, r in _CAST], value="mother",
                                       description="被共济人 Beneficiary", style=style,
                                       layout=widgets.Layout(width="98%"))
        c["cp_action"] = widgets.Dropdown(options=[
            ("建立共济（额度）Link (quota)", "link"),
            ("被共济人支付 Beneficiary pays", "spend"),
            ("共济人自己支付 Sharer pays own costs", "sharer_spend"),
            ("解除共济（双方同意）Unlink (both agree)", "unlink"),
            ("只有共济人要求解除 Sharer alone unlinks", "unlink_one"),
            ("共济人医保关系变动 Sharer's insurance changes", "insurance_change"),
            ("月末清算，进入下月 Settle month, next month", "next_month"),
        ], value="link", description="操作 Action", style=style, layout=widgets.Layout(width="98%"))
        c["cp_use"] = widgets.Dropdown(options=[(f"{v['zh']} {v['en']}", k) for k, v in fam.USES.items()],
                                       value="medical_own_burden", description="用途 Use", style=style,
                                       layout=widgets.Layout(width="98%"))
        c["cp_amount"] = widgets.BoundedFloatText(value=1000.0, min=0, max=1_000_000, step=100,
                                                  description="金额 Amount", style=style)
        c["cp_partial"] = widgets.Checkbox(value=False, indent=False,
                                           description="超额部分自付 Pay the excess oneself")
        self.cp_do = widgets.Button(description="执行 Do it", button_style="primary")
        self.cp_reset = widgets.Button(description="重新开始 Start again", layout=widgets.Layout(width="180px"))
        self.cp_do.on_click(lambda _: self.quota_action())
        self.cp_reset.on_click(lambda _: self._reset_quota())
        self.cp_status = widgets.HTML()
        self.cp_result = widgets.HTML()
        self.cp_log = widgets.HTML()
        self.cp_rules = widgets.HTML()
        form = widgets.VBox([c["cp_balance"], c["cp_who"], c["cp_action"], c["cp_use"], c["cp_amount"],
                             c["cp_partial"], widgets.HBox([self.cp_do, self.cp_reset])],
                            layout=widgets.Layout(width="470px", min_width="400px"))
        self.quota_box = widgets.VBox([widgets.HBox([form, widgets.VBox([self.cp_result, self.cp_status],
                                                                        layout=widgets.Layout(flex="1 1 auto"))]),
                                       self.cp_log, self.cp_rules])

    def _reset_quota(self, start: str | None = None) -> None:
        first = fam.load("mutual_aid_cross_province").entries[0].date
        # the first whole month under the notice (display choice)
        nxt = (first.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        self._quota_day0 = dt.date.fromisoformat(start) if start else nxt
        self.quota = fam.CrossProvinceSharing(float(self.controls["cp_balance"].value), self._quota_day0)
        self.quota_day = self._quota_day0
        self.quota_log: list[tuple[bool, dict]] = []
        self.quota_message: tuple[bool, dict] | None = None
        self._render_quota()

    def _name(self, key: str | None, lang: str) -> str:
        return "" if key is None else CAST_NAMES.get(key, {"zh": key, "en": key})[lang]

    def quota_action(self, action: str | None = None, who: str | None = None, amount: float | None = None,
                     use: str | None = None) -> bool:
        """Run one action on the cross-province state machine; returns False when it was refused."""
        c = self.controls
        action = action or c["cp_action"].value
        who = who or c["cp_who"].value
        amount = float(c["cp_amount"].value if amount is None else amount)
        use = use or c["cp_use"].value
        q = self.quota
        day = self.quota_day
        rel = dict(_CAST)[who]
        try:
            if action == "link":
                q.link(who, rel, amount, day)
            elif action == "spend":
                q.spend(who, amount, use, day, allow_partial=bool(c["cp_partial"].value))
            elif action == "sharer_spend":
                q.sharer_spend(amount, day, use)
            elif action == "unlink":
                q.unlink(who, day)
            elif action == "unlink_one":
                q.unlink(who, day, sharer_agrees=True, beneficiary_agrees=False)
            elif action == "insurance_change":
                q.insurance_relationship_changed(day)
            elif action == "next_month":
                month = day.strftime("%Y-%m")
                self.quota_day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
                q.settle(month, self.quota_day)
            else:
                raise InvalidInput("action", action, "one of the listed actions")
        except InvalidInput as exc:
            self.quota_message = (False, self._refusal(exc, action))
            self.quota_log.append(self.quota_message)
            self._render_quota()
            return False
        self.quota_message = (True, self._event_text(q.events[-1]))
        self.quota_log.append(self.quota_message)
        self._render_quota()
        return True

    def _refusal(self, exc: InvalidInput, action: str) -> dict:
        rules = self.quota.rules
        key = {"use": "uses", "consent": "relationship", "relation": "relationship", "amount": "ring_fence"
               if action == "sharer_spend" else "uses", "quota": "ring_fence", "month": "settlement"}.get(exc.field,
                                                                                                         "relationship")
        reason = {
            "use": words.both("这项用途不在共济资金可支付的范围内", "this use is not among what shared money may pay"),
            "consent": words.both("共济关系由双方自愿建立或解除；一方能否单独解除，通知没有说明",
                                 "links are set up or ended voluntarily by both parties; whether one party alone "
                                 "may end one is not stated"),
            "relation": words.both("跨省共济只限近亲属", "cross-province sharing is for near relatives only"),
            "amount": words.both("共济人不能使用圈定给被共济人的额度" if action == "sharer_spend" else "超过剩余额度",
                                "the sharer cannot use money ring-fenced for beneficiaries" if action == "sharer_spend"
                                else "more than the remaining quota"),
            "quota": words.both("额度不能超过未圈定的余额", "the quota cannot exceed the free balance"),
            "beneficiary": words.both("没有与此人的有效共济关系（或已建立）", "no active link with this person (or one exists already)"),
            "state": words.both("当前状态下不能这样做", "not possible in the current state"),
            "month": words.both("这个月不能清算", "this month cannot be settled"),
        }.get(exc.field, words.both("不允许", "not allowed"))
        says = rules["says"][key]
        return {lang: (f"拒绝：{reason['zh']}。（{exc}）<br><small>《通知》：“{says['zh']}”</small>" if lang == "zh" else
                       f"Refused: {reason['en']}. ({exc})<br><small>The notice: “{says['en']}”</small>")
                for lang in ("zh", "en")}

    def _event_text(self, e: fam.Event) -> dict:
        out = {}
        for lang in ("zh", "en"):
            name = self._name(e.beneficiary, lang)
            a = money(e.amount, lang)
            zh = lang == "zh"
            text = {
                "link": (f"与{name}建立跨省共济关系，圈定额度 {a} 元（共济人不能再用这部分钱）" if zh else
                         f"Linked with {name}; {a} yuan ring-fenced (the sharer can no longer use it)"),
                "spend": (f"{name}用共济额度支付 {a} 元" if zh else f"{name} paid {a} yuan from the quota"),
                "sharer_spend": (f"共济人用未圈定的余额支付 {a} 元" if zh else f"The sharer paid {a} yuan from the free balance"),
                "unlink": (f"与{name}的共济关系经双方同意解除；未使用额度 {a} 元返还共济人账户" if zh else
                           f"The link with {name} ended by agreement; the unused {a} yuan returned to the sharer"),
                "insurance_change": (f"共济人医保关系变动，与{name}的共济关系自动解除；未使用额度 {a} 元返还" if zh else
                                     f"The sharer's insurance changed: the link with {name} ended by itself; the "
                                     f"unused {a} yuan returned") if e.beneficiary else
                ("共济人医保关系变动（没有共济关系）" if zh else "The sharer's insurance changed (no links)"),
                "settle": (f"上月跨省共济费用 {a} 元按月全额清算" if zh else f"Last month's {a} yuan of sharing settled in full"),
                "credit": (f"账户划入 {a} 元" if zh else f"{a} yuan credited"),
            }[e.action]
            out[lang] = f"{e.day}：{text}" if zh else f"{e.day}: {text}"
        return out

    def _render_quota(self) -> None:
        if not hasattr(self, "quota"):
            return
        lang = self.controls["lang"].value
        q = self.quota
        zh = lang == "zh"
        rows = []
        names = {k for k in q.links} | {l.beneficiary for l in q.history}
        for who, _ in _CAST:
            if who not in names:
                continue
            link = q.links.get(who) or [l for l in q.history if l.beneficiary == who][-1]
            rows.append([self._name(who, lang), fam.LINK_STATES[link.state][lang], money(link.quota, lang),
                         money(link.spent, lang), money(link.remaining, lang), money(link.returned, lang)])
        head = (["被共济人", "状态", "额度", "已用", "剩余（圈定）", "已返还"] if zh else
                ["Beneficiary", "State", "Quota", "Spent", "Remaining (ring-fenced)", "Returned"])
        pending = sum(v for *_, v in q.pending(self.quota_day.strftime("%Y-%m")))
        settled = "; ".join(f"{m}: {money(s.total, lang)}" for m, s in q.settled.items()) or "—"
        summary = (f"<p style='font-size:14px'><b>{self.quota_day}</b>　共济人可用余额 <b>{money(q.balance, lang)}</b> 元，"
                   f"圈定额度 <b>{money(q.ring_fenced, lang)}</b> 元，账户合计 {money(q.total, lang)} 元。"
                   f"本月待清算 {money(pending, lang)} 元；已清算：{settled}</p>" if zh else
                   f"<p style='font-size:14px'><b>{self.quota_day}</b>  The sharer's free balance is "
                   f"<b>{money(q.balance, lang)}</b> yuan, ring-fenced quotas <b>{money(q.ring_fenced, lang)}</b>, "
                   f"account total {money(q.total, lang)}. To settle this month: {money(pending, lang)}; "
                   f"settled: {settled}</p>")
        self.cp_status.value = summary + (_table(head, rows, head[0]) if rows else "")
        if self.quota_message is None:
            self.cp_result.value = ("<div class='medinsure-sentence' style='padding:6px 10px;background:#f3f7fb'>"
                                    + ("选择一个操作并点击“执行”。例如先为妈妈建立 1,000 元额度，再让她支付、解除或让共济人医保关系变动。"
                                       if zh else "Choose an action and press Do it — e.g. link with Mother for 1,000 "
                                                  "yuan, then let her pay, unlink, or change the sharer's insurance.")
                                    + "</div>")
        else:
            ok, text = self.quota_message
            style = "background:#e8f5e9;border-left:4px solid #2e7d32" if ok else \
                "background:#fff3e0;border-left:4px solid #ef6c00"
            self.cp_result.value = (f"<div class='{'medinsure-sentence' if ok else 'medinsure-refusal'}' "
                                    f"style='padding:6px 10px;{style}'>{text[lang]}</div>")
        log = "".join(f"<li style='color:{'#1b5e20' if ok else '#bf360c'}'>{'✓' if ok else '✗'} {t[lang]}</li>"
                      for ok, t in self.quota_log)
        self.cp_log.value = (f"<details open><summary>{'记录' if zh else 'Log'}</summary><ol style='font-size:13px'>"
                             f"{log}</ol></details>") if log else ""
        r = q.rules
        says = "".join(f"<li>{html.escape(r['says'][k][lang])}</li>" for k in fam.SAYS_KEYS)
        route = html.escape(r["settlement"]["route"][lang])
        head2 = f"规则（{r.date}起，见出处）" if zh else f"The rules (from {r.date}; see sources)"
        self.cp_rules.value = (f"<div class='medinsure-rules' style='font-size:13px'><b>{head2}</b><ul>{says}"
                               f"<li>{route}</li></ul>{_cite_list(r.references, lang)}"
                               f"<small>{html.escape(r.note[lang])}</small></div>")


@app_builder
def family_explainer(region: str = "wuhan", **kwargs) -> FamilyExplainer:
    """Build the family mutual-aid app (see :class:`FamilyExplainer` for the options)."""
    return FamilyExplainer(region=region, **kwargs)


# --------------------------------------------------------------------------- notebook pieces
def _default_worker() -> Enrollee:
    return Enrollee(status="in_service", age=45, wage_monthly=9000.0, outpatient_yearly=800.0, level="primary")


def _exercise_answers() -> list[tuple[dict, dict]]:
    from medinsure.compare import compare
    c = compare("wuhan", "2025-03-01", _default_worker())
    s_before, s_after = fam.may_share("sibling", "2024-07-31"), fam.may_share("sibling", "2024-08-01")
    q = fam.CrossProvinceSharing(5000.0, "2026-02-01")
    q.link("mother", "parent", 1000.0, "2026-02-01")
    q.spend("mother", 300.0, "medical_own_burden", "2026-02-10")
    free = q.balance
    back = q.unlink("mother", "2026-02-20")
    try:
        q2 = fam.CrossProvinceSharing(5000.0, "2026-02-01")
        q2.link("mother", "parent", 1000.0, "2026-02-01")
        q2.spend("mother", 200.0, "fitness", "2026-02-02")
        fitness = words.both("可以", "yes")
    except InvalidInput:
        fitness = words.both("不可以：共济资金只能付就医购药的个人负担、居民医保和长护险个人缴费；体育健身属于“不得用于”的支出。",
                            "No: shared money pays only personal-burden care and drugs and resident and "
                            "long-term-care contributions; sports and fitness are excluded.")
    yn = {True: words.both("可以", "yes"), False: words.both("不可以", "no")}
    return [
        (words.both("武汉一位45岁在职职工，月缴费基数9,000元，2025年每年个人账户划入多少？改革前是多少？",
                   "A Wuhan employee aged 45 with a base of 9,000 yuan a month: what is the yearly credit in 2025, "
                   "and what was it before the reform?"),
         words.both(f"改革后 {money(c.credit_new)} 元/年，改革前 {money(c.credit_old)} 元/年。",
                   f"{money(c.credit_new, 'en')} yuan a year now, {money(c.credit_old, 'en')} before.")),
        (words.both("按全国规则，2024年7月31日和8月1日，职工的个人账户能否为兄弟姐妹付医药费？",
                   "Under the national rules, could the account pay a sibling's costs on 31 July 2024? On 1 August 2024?"),
         words.both(f"7月31日：{yn[s_before]['zh']}；8月1日：{yn[s_after]['zh']}（长效机制指导意见把范围扩大到近亲属）。",
                   f"31 July: {yn[s_before]['en']}; 1 August: {yn[s_after]['en']} (the long-term enrolment guidance "
                   "widened it to near relatives).")),
        (words.both("跨省共济：账户余额5,000元，为妈妈圈定1,000元额度，妈妈看病用了300元。此时共济人自己最多能用多少？解除关系后返还多少？",
                   "Cross-province: a balance of 5,000, a quota of 1,000 for Mother, who spends 300. How much can the "
                   "sharer still use? How much returns when the link ends?"),
         words.both(f"共济人最多用 {money(free)} 元（圈定的额度不能用）；解除后返还 {money(back)} 元。",
                   f"The sharer can use at most {money(free, 'en')} yuan (the quota is ring-fenced); "
                   f"{money(back, 'en')} yuan returns when the link ends.")),
        (words.both("妈妈能用共济额度办健身卡吗？", "Can Mother pay for a gym card from the quota?"), fitness),
    ]


def exercises_html(lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercises_list_html(_exercise_answers(), lang)


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(lang))


def sources_html(lang: str = "zh") -> str:
    """Every document behind the mutual-aid data, with where it was read."""
    refs = unique_references(r for pf in fam.load_all().values() for e in pf.entries for r in e.references)
    return _cite_list(refs, lang)


@page_cell()
def show_sources(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(sources_html(lang))

"""The account life-cycle app: "what happens to my balance if …" (湖南 省本级 rules, seed 004) and a
multi-year balance projection, old vs new credit.

``lifecycle_explainer(...)`` returns the widget; ``.result`` is a :class:`LifecycleResult`
(None while the input is invalid), ``.error`` the message shown and ``.controls`` every input.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from medinsure.views import words
from medinsure import lifecycle as lc
from medinsure.views.charts.base import LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR, png
from medinsure.compare import compare
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.views.fonts import register_cjk_font
from medinsure.views.words import money
from medinsure.rules import Reference, load_region, unique_references
from medinsure.app.common import app_builder, page_cell, ErrorBox, TABS_CSS, exercises_list_html, region_options, title_html, titled_tabs
from medinsure.app.family import _cite_list, _table, _yuan

TXT = {
    "title": words.both("个人账户的一生：余额归谁、怎么转、什么时候能取", "The account's life cycle: whose balance, how it moves, when it can be withdrawn"),
    "tab_event": words.both("余额会怎样", "What happens to my balance if…"),
    "tab_projection": words.both("余额预测", "Balance projection"),
    "part": words.both("部分", "Part"),
    "amount": words.both("余额（元）", "Balance (yuan)"),
    "outcome": words.both("会怎样", "What happens"),
    "rule": words.both("规则原文", "The rule"),
    "modes": words.both("医保卡 vs 记账户", "Card vs ledger account"),
    "credits_go_to": words.both("每月划入记到", "Monthly credits go to"),
    "new_enrollees": words.both("新参保人员使用", "New enrollees get"),
    "unchanged": words.both("不变的", "What does not change"),
    "ownership": words.both("余额归属", "Ownership"),
    "chart": words.both("个人账户余额预测（元，年末）", "Projected account balance (yuan, year end)"),
    "old": words.both("旧划入办法", "old credit"),
    "new": words.both("新划入办法", "new credit"),
    "unknown_short": words.both("未知", "n/k"),
    "year_end": words.both("年末", "year end"),
    "short": words.both("账户不够付的部分（新）", "not covered by the account (new)"),
    "notice": words.both("请注意：", "Please note:"),
    "unknown": words.both("以下数字未知，未作估算：", "Not known (not estimated):"),
    "sources": words.both("出处", "Sources"),
    "year": words.both("年份", "Year"),
    "condition": words.both("条件", "Condition"),
    "fallback": words.both("特殊情况", "Special case"),
}


@dataclass(frozen=True)
class LifecycleResult:
    outcome: lc.BalanceOutcome
    projection: lc.Projection


def _event_options() -> list[tuple[str, str]]:
    return [(f"{e['label']['zh']} · {e['label']['en']}", k) for k, e in lc.events().items()]


# --------------------------------------------------------------------------- sentences
def outcome_sentence(o: lc.BalanceOutcome, lang: str = "zh") -> str:
    label = o.rule["label"][lang]
    cond = o.rule.get("condition")
    zh = lang == "zh"
    region = load_region(o.region).name[lang]
    head = (f"如果「{label}」（{o.day}，{region}的规则）：" if zh else
            f"If “{label}” ({o.day}, rules of {region}): ")
    text = lc.describe(o, lang)
    if cond:
        text += (f"条件：{cond['zh']}。" if zh else f" Condition: {cond['en']}.")
    paid = o.total("paid_out")
    moves = o.total("moves")
    choice = o.total("choice")
    sums = []
    if paid:
        sums.append(f"可一次性支取 <b>{money(paid, lang)}</b> 元" if zh else f"<b>{money(paid, lang)}</b> yuan can be paid out")
    if moves:
        sums.append(f"随关系转走 <b>{money(moves, lang)}</b> 元" if zh else f"<b>{money(moves, lang)}</b> yuan moves with the insurance")
    if choice:
        sums.append(f"可自选继续使用或支取 <b>{money(choice, lang)}</b> 元" if zh else
                    f"<b>{money(choice, lang)}</b> yuan can be kept in use or withdrawn")
    if not sums:
        sums.append(f"<b>{money(o.total('remains'), lang)}</b> 元留在账户里" if zh else
                    f"<b>{money(o.total('remains'), lang)}</b> yuan stays in the account")
    return head + text + ("　合计：" if zh else " In all: ") + ("，".join(sums) + "。" if zh else "; ".join(sums) + ".")


def projection_sentence(p: lc.Projection, lang: str = "zh") -> str:
    region = load_region(p.region).name[lang]
    status = words.STATUS[p.enrollee.status][lang]
    zh = lang == "zh"
    last = p.years[-1]
    out = [(f"按{region}{p.date}的规则，{status}每年划入 <b>{_yuan(p.credit_old, lang)}</b>（旧）→ "
            f"<b>{_yuan(p.credit_new, lang)}</b>（新）。账户从 {money(p.start_balance)} 元起，每年从账户支付 "
            f"{money(p.spending_yearly)} 元：") if zh else
           (f"Under {region}'s rules on {p.date}, the {status}'s yearly credit goes from "
            f"<b>{_yuan(p.credit_old, lang)}</b> (old) to <b>{_yuan(p.credit_new, lang)}</b> (new). Starting "
            f"from {money(p.start_balance, 'en')} yuan and paying {money(p.spending_yearly, 'en')} yuan a year "
            "from the account: ")]
    bal = {r: getattr(p, f"balance_{r}") for r in ("old", "new")}
    if zh:
        out.append(f"{len(p.years)}年后（{last}年末）余额 旧 <b>{_yuan(None if bal['old'] is None else bal['old'][-1], lang)}</b>、"
                   f"新 <b>{_yuan(None if bal['new'] is None else bal['new'][-1], lang)}</b>")
        if p.gap is not None:
            out.append(f"，相差 <b>{money(abs(p.gap))}</b> 元")
        out.append("。")
    else:
        out.append(f"after {len(p.years)} years (end of {last}) the balance is "
                   f"<b>{_yuan(None if bal['old'] is None else bal['old'][-1], lang)}</b> (old) and "
                   f"<b>{_yuan(None if bal['new'] is None else bal['new'][-1], lang)}</b> (new)")
        if p.gap is not None:
            out.append(f", a difference of <b>{money(abs(p.gap), 'en')}</b> yuan")
        out.append(". ")
    if p.unpaid_new is not None:
        short = [y for y, u in zip(p.years, p.unpaid_new) if u > 0.005]
        if short:
            total = sum(p.unpaid_new)
            out.append(f"新划入下从 {short[0]} 年起账户不够付，合计需现金自付 <b>{money(total)}</b> 元。" if zh else
                       f"With the new credit the account falls short from {short[0]}; "
                       f"<b>{money(total, 'en')}</b> yuan is paid in cash in all. ")
    out.append("不计利息（数据中没有利率）。" if zh and p.interest_rate is None else
               "No interest is modelled (the data gives no rate)." if p.interest_rate is None else
               (f"按年利率 {words.rate(p.interest_rate)} 计息。" if zh else
                f"Interest at {words.rate(p.interest_rate)} a year."))
    return "".join(out)


@page_cell('')
def key_numbers(r: LifecycleResult) -> str:
    """One checked line for the notebook (nbval)."""
    o, p = r.outcome, r.projection
    end = {k: (None if getattr(p, f"balance_{k}") is None else getattr(p, f"balance_{k}")[-1]) for k in ("old", "new")}
    return (f"{o.event}: paid out {money(o.total('paid_out'), 'en')}, moves {money(o.total('moves'), 'en')}, "
            f"choice {money(o.total('choice'), 'en')}, remains {money(o.total('remains'), 'en')}; "
            f"projection {p.region} {p.years[0]}-{p.years[-1]}: credit {money(p.credit_old, 'en')} -> "
            f"{money(p.credit_new, 'en')}, end balance {money(end['old'], 'en')} -> {money(end['new'], 'en')}, "
            f"interest {'none' if p.interest_rate is None else p.interest_rate}")


# --------------------------------------------------------------------------- chart
class BalanceChart:
    """Year-end balance, old vs new credit, with what the account cannot pay (new) as bars."""

    def __init__(self) -> None:
        register_cjk_font()
        self.fig = Figure(figsize=(7.2, 3.8), dpi=100, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot()

    def update(self, p: lc.Projection, lang: str) -> bytes:
        t = {k: v[lang] for k, v in TXT.items()}
        ax = self.ax
        ax.clear()
        ax.spines[["top", "right"]].set_visible(False)
        xs = np.r_[p.years[0] - 1, p.years]
        drawn = False
        for regime, col in (("old", OLD_COLOUR), ("new", NEW_COLOUR)):
            b = getattr(p, f"balance_{regime}")
            if b is not None:
                ax.plot(xs, b, color=col, lw=2, marker="o", ms=3, label=t[regime])
                drawn = True
        if p.unpaid_new is not None and any(u > 0.005 for u in p.unpaid_new):
            ax.bar(p.years, [-u for u in p.unpaid_new], 0.6, color=LOSS_COLOUR, alpha=0.5, label=t["short"])
            ax.axhline(0, color="black", lw=0.6)
        if p.balance_old is None:
            ax.text(0.02, 0.04, f"{t['old']}：{t['unknown_short']}" if lang == "zh" else f"{t['old']}: {t['unknown_short']}",
                    transform=ax.transAxes, fontsize=9, color=OLD_COLOUR)
        ax.set_title(t["chart"], fontsize=10)
        ax.set_xlabel(t["year_end"], fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize=8)
        if drawn:
            ax.legend(fontsize=8, frameon=False, loc="best")
        self.data = {"years": list(xs), "old": p.balance_old, "new": p.balance_new, "unpaid_new": p.unpaid_new}
        return png(self.fig)


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
            "event": widgets.Dropdown(options=_event_options(), value=event, description="如果 If",
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
        self.chart = BalanceChart()
        self.chart_image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="720px"))
        self.chart_image.add_class("medinsure-balance-chart")
        self.years_table = widgets.HTML()
        self.sources = widgets.HTML()
        ev_controls = widgets.VBox([c[k] for k in ("event", "event_date", "card", "ledger")],
                                   layout=widgets.Layout(width="480px", min_width="400px"))
        ev = widgets.VBox([widgets.HBox([ev_controls, widgets.VBox([self.sentence, self.parts],
                                                                   layout=widgets.Layout(flex="1 1 auto"))]),
                           self.rule, self.modes])
        pr_controls = widgets.VBox([c[k] for k in ("region", "date", "status", "age", "wage", "pension",
                                                   "retirement_year", "start", "spending", "years")],
                                   layout=widgets.Layout(width="440px", min_width="380px"))
        pr = widgets.HBox([pr_controls, widgets.VBox([self.projection_sentence, self.notice, self.chart_image,
                                                      self.years_table], layout=widgets.Layout(flex="1 1 auto"))])
        self.tabs = titled_tabs([ev, pr])
        super().__init__([self.title, c["lang"], self.error_box, self.tabs, self.sources])
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
        c = self.controls
        s = c["status"].value
        return Enrollee(status=s, age=int(c["age"].value),
                        wage_monthly=None if s == "retired" else float(c["wage"].value),
                        pension_monthly=float(c["pension"].value) if s == "retired" else None,
                        retirement_year=int(c["retirement_year"].value) if s == "retired" else None)

    def recompute(self) -> None:
        c = self.controls
        lang = c["lang"].value
        self.title.value = title_html(TXT["title"], lang) + TABS_CSS
        self.tabs.set_title(0, TXT["tab_event"][lang])
        self.tabs.set_title(1, TXT["tab_projection"][lang])

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
        self.parts.value = self._parts_table(outcome, lang)
        self.rule.value = self._rule_box(outcome, lang)
        self.modes.value = self._modes_box(outcome.day, lang)
        self.chart_image.value = self.chart.update(proj, lang)
        self.notice.value = self._notice(proj, lang)
        self.years_table.value = self._years_table(proj, lang)
        refs: list[Reference] = list(outcome.references) + [r for r in proj.references if r not in outcome.references]
        self.sources.value = f"<details><summary>{TXT['sources'][lang]}</summary>{_cite_list(refs, lang)}</details>"
        self.projection_sentence.value = self._sentence_box(projection_sentence(proj, lang))
        self.sentence.value = self._sentence_box(outcome_sentence(outcome, lang))

    @staticmethod
    def _sentence_box(text: str) -> str:
        return (f"<div class='medinsure-sentence' style='font-size:16px;line-height:1.6;padding:6px 10px;"
                f"background:#f3f7fb;border-left:4px solid #1565c0'>{text}</div>")

    @staticmethod
    def _parts_table(o: lc.BalanceOutcome, lang: str) -> str:
        rows = [[lc.MODES[p.mode][lang], money(p.amount, lang), lc.OUTCOMES[p.outcome][lang]] for p in o.parts]
        return _table([TXT[k][lang] for k in ("part", "amount", "outcome")], rows, TXT["outcome"][lang])

    @staticmethod
    def _rule_box(o: lc.BalanceOutcome, lang: str) -> str:
        r = o.rule
        zh = lang == "zh"
        extra = ""
        if r.get("condition"):
            extra += f"<li>{TXT['condition'][lang]}{'：' if zh else ': '}{html.escape(r['condition'][lang])}</li>"
        if r.get("fallback"):
            extra += (f"<li>{TXT['fallback'][lang]}{'：' if zh else ': '}"
                      f"{html.escape(lc.FALLBACKS[r['fallback']][lang])}</li>")
        own = o.entry["ownership"]
        extra += (f"<li>{TXT['ownership'][lang]}（{html.escape(own['clause'][lang])}）{'：' if zh else ': '}"
                  f"{html.escape(own['says'][lang])}</li>")
        return (f"<div class='medinsure-rules' style='font-size:13px;padding:4px 10px;border-left:4px solid #9e9e9e'>"
                f"<b>{TXT['rule'][lang]}（{html.escape(r['clause'][lang])}）</b>"
                f"<blockquote style='margin:4px 0 4px 8px'>{html.escape(r['says'][lang])}</blockquote>"
                f"<ul>{extra}</ul>{_cite_list(o.references, lang)}"
                f"<small>{html.escape(o.entry.note[lang])}</small></div>")

    @staticmethod
    def _modes_box(day: dt.date, lang: str) -> str:
        f = lc.mode_facts(day)
        rows = [[TXT["credits_go_to"][lang], lc.MODES[f["credits_go_to"]][lang]],
                [TXT["new_enrollees"][lang], lc.MODES[f["new_enrollees_get"]][lang]],
                [TXT["unchanged"][lang], html.escape(f["unchanged"][lang])],
                [lc.MODES["card"][lang], html.escape(f["card"][lang])],
                [lc.MODES["ledger"][lang], html.escape(f["ledger"][lang])]]
        head = f"{TXT['modes'][lang]}（{day}）" if lang == "zh" else f"{TXT['modes'][lang]} ({day})"
        return (f"<details class='medinsure-modes' open><summary><b>{head}</b></summary>"
                f"<p style='font-size:13px'>{html.escape(f['says'][lang])}</p>{_table(['', ''], rows, head)}</details>")

    @staticmethod
    def _notice(p: lc.Projection, lang: str) -> str:
        out = ""
        if p.unknown:
            items = "".join(f"<li>{html.escape(u['note'][lang])}</li>" for u in p.unknown)
            out += (f"<div class='medinsure-unknown' style='background:#fff8e1;padding:4px 10px;"
                    f"border-left:4px solid #f9a825'>{TXT['unknown'][lang]}<ul>{items}</ul></div>")
        notes = "".join(f"<li>{html.escape(n[lang])}</li>" for n in p.notices)
        return out + f"<div class='medinsure-notice' style='color:#555;font-size:13px'>{TXT['notice'][lang]}<ul>{notes}</ul></div>"

    @staticmethod
    def _years_table(p: lc.Projection, lang: str) -> str:
        head = [TXT["year"][lang], TXT["old"][lang], TXT["new"][lang],
                "新划入下现金自付" if lang == "zh" else "cash (new credit)"]
        rows = []
        for k, y in enumerate(p.years):
            rows.append([str(y), money(None if p.balance_old is None else p.balance_old[k + 1], lang),
                         money(None if p.balance_new is None else p.balance_new[k + 1], lang),
                         money(None if p.unpaid_new is None else p.unpaid_new[k], lang)])
        s = "逐年余额（元，年末）" if lang == "zh" else "Year by year (yuan, year end)"
        return f"<details class='medinsure-table'><summary>{s}</summary>{_table(head, rows, s)}</details>"


@app_builder
def lifecycle_explainer(**kwargs) -> LifecycleExplainer:
    """Build the life-cycle app (see :class:`LifecycleExplainer` for the options)."""
    return LifecycleExplainer(**kwargs)


# --------------------------------------------------------------------------- notebook pieces
def _exercise_answers() -> list[tuple[dict, dict]]:
    retiree = compare("hunan", "2024-01-01", Enrollee(status="retired", age=66, pension_monthly=3500.0))
    move = lc.what_happens("move_to_other_province", 5000.0, 1200.0, "2024-06-01")
    death = lc.what_happens("death", 5000.0, 1200.0, "2024-06-01")
    cash = lc.what_happens("cash_while_insured", 5000.0, 1200.0, "2024-06-01")
    p = lc.balance_projection("wuhan", "2024-01-01", Enrollee(status="retired", age=68, pension_monthly=4166.67),
                              2000.0, 1500.0, 5)
    return [
        (words.both("湖南省本级退休人员改革后每月划入个人账户多少？", "How much does a Hunan provincial-level retiree get credited each month after the reform?"),
         words.both(f"每年 {money(retiree.credit_new)} 元，即每月 {money(retiree.credit_new / 12)} 元（解读材料的表：退休 75元）。",
                   f"{money(retiree.credit_new, 'en')} yuan a year, i.e. {money(retiree.credit_new / 12, 'en')} a month "
                   "(the explainer's table: retired 75 yuan).")),
        (words.both("医保卡里有 5,000 元、记账户里有 1,200 元，转到外省参保，钱会怎样？",
                   "5,000 yuan on the card and 1,200 in the ledger account: what happens on moving to another province?"),
         words.both(lc.describe(move, "zh"), lc.describe(move, "en"))),
        (words.both("同样的余额，参保人去世呢？", "The same balances, and the enrollee dies?"),
         words.both(lc.describe(death, "zh"), lc.describe(death, "en"))),
        (words.both("仍在参保，能把余额取成现金吗？", "Still insured: can the balance be taken out as cash?"),
         words.both(lc.describe(cash, "zh"), lc.describe(cash, "en"))),
        (words.both("武汉 68 岁退休人员（月养老金 4,166.67 元），账户余额 2,000 元，每年从账户付 1,500 元。5 年后按新旧划入办法余额各多少？",
                   "A Wuhan retiree aged 68 (pension 4,166.67 a month) has 2,000 yuan in the account and pays 1,500 a "
                   "year from it. What is the balance after 5 years with the old and the new credit?"),
         words.both(f"旧：{money(p.balance_old[-1])} 元；新：{money(p.balance_new[-1])} 元（不计利息）。",
                   f"Old: {money(p.balance_old[-1], 'en')} yuan; new: {money(p.balance_new[-1], 'en')} yuan (no interest).")),
    ]


def exercises_html(lang: str = "zh") -> str:
    return exercises_list_html(_exercise_answers(), lang)


@page_cell()
def show_exercises(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(exercises_html(lang))


def sources_html(lang: str = "zh") -> str:
    refs = unique_references(
        [r for slug in lc.lifecycle_regions() for e in lc.load_lifecycle(slug).entries for r in e.references]
        + list(load_region("hunan").files["personal_account"].entries[-1].references))
    return _cite_list(refs, lang)


@page_cell()
def show_sources(lang: str = "zh") -> widgets.HTML:
    return widgets.HTML(sources_html(lang))

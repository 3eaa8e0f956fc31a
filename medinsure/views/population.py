"""谁得益、谁吃亏 · Who gains, who loses: the words, sentences and tables of the population page.

Reads a :class:`~medinsure.population.PopulationResult` and its
:class:`~medinsure.population_summary.Summary`; computes no policy.
"""

from __future__ import annotations

import html
import itertools
import math

import numpy as np

from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.rules import STATUSES, load_region
from medinsure.views import words
from medinsure.views.exports import ChartFile, ExportBundle, citable_text, figure_drawer
from medinsure.views.html import ref_html, table
from medinsure.views.words import addresses, money, percent

# Reporting bands and display ranges: choices of presentation, not policy.
AGE_EDGES = tuple(range(25, 95, 5))
SPENDING_EDGES = (0.01, 500.0, 1000.0, 2000.0, 5000.0, 10000.0)
QUANTILES = (0.2, 0.4, 0.6, 0.8)
TOP_FRACTIONS = (0.01, 0.05, 0.1, 0.2, 0.5)
BREAK_EVEN_QUANTILES = (0.25, 0.5, 0.75)
SIZES = (10_000, 100_000)
CURVE_POINTS = 101

TXT = {
    "title": {"zh": "谁得益、谁吃亏", "en": "Who gains, who loses"},
    "subtitle": {"zh": "一个模拟的职工医保参保人群，逐人按家庭计算器的同一套规则计算新旧差别",
                 "en": "A simulated population of employee enrollees, each computed by the household calculator's own rules"},
    "unknown": {"zh": "未查到", "en": "not found"},
    "age_title": {"zh": "按年龄和身份：平均每年资源增减（元/年）", "en": "Mean yearly resources gain by age and status (yuan/year)"},
    "age_x": {"zh": "年龄", "en": "Age"},
    "gain_y": {"zh": "新−旧（元/年）", "en": "new − old (yuan/year)"},
    "share_title": {"zh": "多得、不变、少得的人数比例", "en": "Share who gain, are unchanged, lose"},
    "gains": {"zh": "多得", "en": "gain"},
    "unchanged": {"zh": "不变", "en": "unchanged"},
    "loses": {"zh": "少得", "en": "lose"},
    "flows_title": {"zh": "钱往哪里去：人均每年（元/年）", "en": "Where the money goes, per enrollee a year (yuan/year)"},
    "moved": {"zh": "少划入账户（留在统筹基金）", "en": "No longer credited (stays in the pooled fund)"},
    "returned": {"zh": "多得的门诊统筹报销", "en": "Extra outpatient reimbursement"},
    "all": {"zh": "全体", "en": "All"},
    "dist_title": {"zh": "资源增减的分布（人数）", "en": "Distribution of the gain (people)"},
    "conc_title": {"zh": "每年账户划入的集中度", "en": "Concentration of yearly credit"},
    "conc_x": {"zh": "划入最多的前 x% 的人", "en": "Top x% of people by credit"},
    "conc_y": {"zh": "占全部划入的比例", "en": "Share of all credit"},
    "old": {"zh": "改革前", "en": "before"},
    "new": {"zh": "改革后", "en": "after"},
    "spend": {"zh": "年门诊费用", "en": "Yearly outpatient"},
    "wage": {"zh": "在职工资五分位", "en": "In-service wage quintile"},
    "pension": {"zh": "退休养老金五分位", "en": "Retiree pension quintile"},
    "status": {"zh": "身份", "en": "Status"},
    "assumed": {"zh": "人群分布为假设，改变左侧假设即可检验结论是否稳健。",
                "en": "The population's distributions are assumptions; change them on the left to test how robust the conclusions are."},
    "tables": {"zh": "数字表（点击展开）", "en": "Tables (click to open)"},
}
SHORT_UNKNOWN = {"zh": "未知", "en": "n/k"}
STATUS_SHORT = {"in_service": {"zh": "在职", "en": "in service"},
                "retired": {"zh": "退休", "en": "retired"},
                "flexible": {"zh": "灵活就业", "en": "flexible"}}


def band_labels(edges: tuple[float, ...], unit: str = "", fmt: str = "{:,.0f}") -> list[str]:
    out = [f"<{fmt.format(edges[0])}{unit}"]
    out += [f"{fmt.format(a)}–{fmt.format(b)}{unit}" for a, b in itertools.pairwise(edges)]
    out.append(f"≥{fmt.format(edges[-1])}{unit}")
    return out


# --------------------------------------------------------------------------- words
def sentence(r: pop.PopulationResult, s: summary.Summary, lang: str) -> str:
    """The live sentence, with the numbers of the current population."""
    region = load_region(r.region).name[lang]
    gain, unchanged, lose = s.shares
    by = {n: s.by_status.share_gaining[i] for i, n in enumerate(STATUSES)}
    by_working, by_retired, by_flexible = (by[n] for n in ("in_service", "retired", "flexible"))
    f = s.flows
    moved, back, share_back = (f.per_enrollee("moved_from_accounts")[-1],
                               f.per_enrollee("returned_as_reimbursement")[-1], f.share_returned[-1])
    be = s.break_even
    med = {} if be is None else {n: be.quantiles[i][BREAK_EVEN_QUANTILES.index(0.5)] for i, n in enumerate(STATUSES)}

    def be_text(name: str) -> str:
        v = med.get(name, math.nan)
        if math.isnan(v):
            return TXT["unknown"][lang]
        if math.isinf(v):
            return words.NEVER[lang]
        return money(v, lang)

    if lang == "zh":
        head = f"按{region}{r.date}起施行的规则，在 {r.n:,} 名模拟参保人中，"
        if math.isnan(gain):
            known = [f"{STATUS_SHORT[n]['zh']} {percent(by[n])}" for n in STATUSES if not math.isnan(by[n])]
            return head + ("全体的得失无法算出（有规则或平均工资未查到，见下方说明）" +
                           (f"；已知的身份中多得者比例：{'，'.join(known)}。" if known else "。"))
        return (head + f"<b>{percent(gain)}</b> 每年资源多得，{percent(unchanged)} 不变，<b>{percent(lose)}</b> 少得"
                f"（多得者：退休人员 {percent(by_retired)}，在职职工 {percent(by_working)}，"
                f"灵活就业人员 {percent(by_flexible)}）；平均每人每年 {money(s.mean_gain)} 元。"
                f"个人账户人均每年少划入 <b>{money(moved)}</b> 元，门诊统筹人均多报销 <b>{money(back)}</b> 元"
                f"（相当于 {percent(share_back)}）。回本门诊费用的中位数：在职职工 {be_text('in_service')} 元，"
                f"退休人员 {be_text('retired')} 元。")
    head = f"Under {region}'s rules in force from {r.date}, of {r.n:,} simulated enrollees "
    if math.isnan(gain):
        known = [f"{STATUS_SHORT[n]['en']} {percent(by[n], 'en')}" for n in STATUSES if not math.isnan(by[n])]
        return head + ("the overall outcome cannot be worked out (a rule or the average wage was not found; see below)"
                       + (f"; share who gain where known: {', '.join(known)}." if known else "."))
    return (head + f"<b>{percent(gain, 'en')}</b> gain resources a year, {percent(unchanged, 'en')} are unchanged and "
            f"<b>{percent(lose, 'en')}</b> lose (who gain: retirees {percent(by_retired, 'en')}, in-service "
            f"{percent(by_working, 'en')}, flexibly employed {percent(by_flexible, 'en')}); the mean is "
            f"{money(s.mean_gain, 'en')} yuan per person a year. Accounts receive <b>{money(moved, 'en')}</b> yuan "
            f"less per enrollee a year, and outpatient pooling pays <b>{money(back, 'en')}</b> more "
            f"({percent(share_back, 'en')} of it). Median break-even spending: in service "
            f"{be_text('in_service')}, retired {be_text('retired')} yuan a year.")


def unknown_note(r: pop.PopulationResult, lang: str) -> str:
    """Why numbers are missing, if they are."""
    if r.known:
        return ""
    region = load_region(r.region).name[lang]
    if r.average_wage is None:
        why = {"zh": f"{region}的平均工资未查到，所以无法生成工资和养老金，各身份的结果都无法算出。",
               "en": f"{region}'s average wage was not found, so wages and pensions cannot be drawn and no status can be worked out."}[lang]
    else:
        missing = [words.STATUS[n][lang] for c, n in enumerate(STATUSES)
                   if np.isnan(r.gain[r.inputs.status == c]).any()]
        why = {"zh": f"{region}以下身份的规则未查到，所以他们的得失无法算出（详见家庭计算器）：{'、'.join(missing)}。",
               "en": f"{region}'s rules were not found for: {', '.join(missing)}, so their outcome cannot be worked out (see the household calculator)."}[lang]
    return f"<div class='medinsure-unknown'>{html.escape(why)}</div>"


def tables_html(s: summary.Summary, lang: str) -> str:
    """Group results and concentration as HTML tables."""
    head = {"zh": ("组", "人数", "多得", "少得", "平均增减", "划入变化", "报销变化"),
            "en": ("Group", "People", "Gain", "Lose", "Mean gain", "Credit change", "Reimb. change")}[lang]

    def rows(t: summary.GroupTable, names: list[str]) -> list[tuple[str, ...]]:
        return [(html.escape(names[i]), f"{int(t.count[i]):,}", percent(t.share_gaining[i], lang),
                 percent(t.share_losing[i], lang), money(t.mean_gain[i], lang),
                 money(t.mean_credit_change[i], lang), money(t.mean_reimbursement_change[i], lang))
                for i in range(t.count.size) if t.count[i] > 0]

    parts = [(TXT["status"][lang], s.by_status, [words.STATUS[n][lang] for n in STATUSES]),
             (TXT["wage"][lang], s.by_wage, band_labels(s.wage_edges) if s.wage_edges else ["—"]),
             (TXT["pension"][lang], s.by_pension, band_labels(s.pension_edges) if s.pension_edges else ["—"]),
             (TXT["spend"][lang], s.by_spending, ["0"] + band_labels(s.spending_edges[1:]))]
    numbers = range(1, len(head))
    out = [f"<div class='medinsure-caption'><b>{html.escape(title)}</b></div>"
           + table(head, rows(t, names), label=title, kind="table", numeric=numbers) for title, t, names in parts]
    conc = {"zh": "每年划入（及当年未用完的划入）集中在少数人手中的程度：前 x% 的人占全部的比例。模型不含历年余额。",
            "en": "How concentrated the yearly credit (and the part of it left unspent this year) is: the share held by the top x% of people. The model holds no earlier balances."}[lang]
    labels = {"credit_old": {"zh": "划入（改革前）", "en": "credit, before"},
              "credit_new": {"zh": "划入（改革后）", "en": "credit, after"},
              "unspent_old": {"zh": "当年未用完（改革前）", "en": "unspent this year, before"},
              "unspent_new": {"zh": "当年未用完（改革后）", "en": "unspent this year, after"}}
    head2 = [""] + [percent(f, lang, 0) for f in s.top_fractions]
    body = [[labels[k][lang]] + [percent(v, lang) for v in s.concentration[k]] for k in labels]
    out.append(f"<p class='medinsure-small'>{conc}</p>"
               + table(head2, body, label=TXT["conc_title"][lang], kind="table", numeric=range(1, len(head2))))
    return "".join(out)


def key_numbers_line(s: summary.Summary | None, r: pop.PopulationResult | None = None) -> str:
    """One line of the numbers the notebook checks (nbval compares this output)."""
    if s is None:
        return "no result"
    by = s.by_status.share_gaining
    f = s.flows
    med = s.break_even.quantiles[:, BREAK_EVEN_QUANTILES.index(0.5)] if s.break_even else [math.nan] * 3
    head = "" if r is None else f"{r.region} {r.date} n={r.n:,} seed={r.seed}: "
    return (head + f"gain {percent(s.shares[0], 'en')}, unchanged {percent(s.shares[1], 'en')}, "
            f"lose {percent(s.shares[2], 'en')}; who gain: in service {percent(by[0], 'en')}, retired {percent(by[1], 'en')}, "
            f"flexible {percent(by[2], 'en')}; mean gain {s.mean_gain:,.0f}; per enrollee moved "
            f"{f.per_enrollee('moved_from_accounts')[-1]:,.0f}, returned {f.per_enrollee('returned_as_reimbursement')[-1]:,.0f}; "
            f"median break-even in service {med[0]:,.0f}, retired {med[1]:,.0f}")


# --------------------------------------------------------------------------- reality check
def _rules_text(t: dict) -> dict:
    return {"zh": f"模型用{t['region']['zh']}的规则和工资（{t['date']}）",
            "en": f"the model uses {t['region']['en']}'s rules and wages ({t['date']})"}


# key -> (terms, the model's rules in words) -> (label, why), each {zh, en}
_CHECK_WORDS = {
    "account_income_before": lambda t, rules_text: (
        {"zh": "个人账户年收入（改革前）", "en": "Personal-account income a year (before the reform)"},
        {"zh": f"{rules_text['zh']}的改革前划入乘以{t['year']}年全国在职和退休人数。公布数是基金收入减统筹收入的推算（含生育保险和利息，统筹收入仅一个第三方来源），只能看量级；各地旧划入比例不同，全国平均工资也与所选地区不同。",
         "en": f"{rules_text['en']}: the pre-reform credit times the {t['year']} national in-service and retired counts. The published number is fund income minus pooled income (it includes maternity insurance and interest; the pooled figure has one third-party source), so only its order of magnitude counts; old crediting shares differ by region, and the national average wage differs from the chosen region's."}),
    "account_income_after": lambda t, rules_text: (
        {"zh": "个人账户年收入（改革后）", "en": "Personal-account income a year (after the reform)"},
        {"zh": f"{rules_text['zh']}的改革后划入乘以{t['year']}年人数。退休定额和灵活就业人员是否建账户因地而异（武汉灵活就业人员不建账户，而北京、深圳等地的退休定额更高）；{t['year']}年工资也高于所选规则日期的缴费基数标准，个人账户收入还含利息——模型偏低主要因为这些。",
         "en": f"{rules_text['en']}: the post-reform credit times the {t['year']} counts. Retiree amounts and whether the flexibly employed get an account differ by region (Wuhan gives the flexibly employed none, while Beijing, Shenzhen and others give retirees more); {t['year']} wages are above the base standard at the chosen rules date, and account income includes interest. These are the main reasons the model is low."}),
    "account_spending_after": lambda t, rules_text: (
        {"zh": "个人账户年支出（改革后）", "en": "Personal-account spending a year (after the reform)"},
        {"zh": "模型中账户只支付本人当年政策范围内门诊自付部分，且只用当年划入；实际账户还支付住院自付、药店购药、家庭成员的费用和居民医保缴费，并动用历年余额——模型偏低。",
         "en": "In the model the account pays only the enrollee's own share of this year's in-scope outpatient bill, from this year's credit; real accounts also pay inpatient own costs, pharmacy purchases, family members' bills and resident-insurance contributions, and draw on earlier balances, so the model is low."}),
    "account_net_after": lambda t, rules_text: (
        {"zh": "个人账户当年结余（收入−支出）", "en": "Personal accounts, yearly surplus (income − spending)"},
        {"zh": "公布数为收入减支出（推算）。模型中账户只用于门诊，因此当年剩余偏多。模型不模拟余额。",
         "en": "The published number is income minus spending (derived). The model's accounts are used for outpatient care only, so they keep more of the year's credit. The model holds no balances."}),
    "account_balance": lambda t, rules_text: (
        {"zh": f"个人账户累计结存（{t['year']}年末）", "en": f"Personal accounts, cumulative balance (end {t['year']})"},
        {"zh": f"模型不模拟余额：只算每年的划入和当年用掉的部分。累计结存由多年划入减支出（含住院、家庭共济）累积而成（{t['year_before']}年末 {money(t['balance_before'])} 亿，{t['year']}年末 {money(t['balance'])} 亿），无法由一年的模型得出。",
         "en": f"The model holds no balances: it computes one year's credit and what that year uses. The cumulative balance builds up over many years of credits minus spending, inpatient and family use included ({money(t['balance_before'])}亿 at the end of {t['year_before']}, {money(t['balance'])}亿 at the end of {t['year']}), and cannot come out of a one-year model."}),
    "account_share_of_income": lambda t, rules_text: (
        {"zh": "改革前个人账户占职工医保当年收入的比例", "en": "Accounts' share of the employee fund's yearly income, before the reform"},
        {"zh": f"公布数为推算（{money(t['account_income'])} ÷ {money(t['fund_income'])}，分母含生育保险和利息）。模型为旧规则下的划入 ÷ 个人和单位缴费。",
         "en": f"The published share is derived ({money(t['account_income'])} ÷ {money(t['fund_income'])}; the denominator includes maternity insurance and interest). The model's is the old-rule credit ÷ own and employer contributions."}),
    "hunan_account_share": lambda t, rules_text: (
        {"zh": f"湖南：个人账户占基金累计结余的比例（{t['year']}）", "en": f"湖南: accounts' share of the fund's cumulative balance ({t['year']})"},
        {"zh": f"这是存量（累计结余），模型只有流量。改革前模型中账户拿走当年缴费的 {percent(t['share_model'])}，但统筹基金当年花掉大部分收入，账户资金却逐年沉淀，所以存量中账户比例（{percent(t['share'])}）高于流量比例——这正是改革要解决的“没病的用不了”。",
         "en": f"This is a stock (cumulative balance); the model has flows only. Before the reform the model's accounts take {percent(t['share_model'])} of the year's contributions, but the pooled fund spends most of its income each year while account money piles up, so the accounts' share of the stock ({percent(t['share'])}) is above their share of the flow — the \"unused by the healthy\" problem the reform addresses."}),
    "hunan_moved": lambda t, rules_text: (
        {"zh": "湖南：每年由个人账户转入门诊保障的资金（约）", "en": "湖南: money moved from accounts into outpatient protection a year (about)"},
        {"zh": f"模型：{rules_text['zh']}的划入减少额乘以湖南的在职和退休人数。湖南的规则不同（旧在职划入比例未查到），工资和养老金水平也不同，所以只能比较量级。",
         "en": f"Model: {rules_text['en']}, the drop in credit times 湖南's in-service and retired counts. 湖南's rules differ (its old in-service shares were not found) and so do its wages and pensions, so only the order of magnitude compares."}),
    "hunan_low_credit": lambda t, rules_text: (
        {"zh": f"湖南：改革前每年划入不足{t['threshold']:,}元的退休人员比例", "en": f"湖南: share of retirees credited under {t['threshold']:,} yuan a year before the reform"},
        {"zh": f"检验养老金分布的假设。模型用{t['region']['zh']}的旧规则；湖南的旧规则和养老金水平不同。",
         "en": f"A check of the assumed pension distribution. The model uses {t['region']['en']}'s old rule; 湖南's old rule and pensions differ."}),
    "in_service_to_retired": lambda t, rules_text: (
        {"zh": f"在职与退休人数之比（{t['year']}）", "en": f"In-service to retired enrollees ({t['year']})"},
        {"zh": "模型的输入（由统计公报推算），相同是必然的；较晚的规则日期用较晚公报的比例。",
         "en": "An input of the model (derived from the bulletin), so it matches by construction; later rules dates use a later bulletin's share."}),
}


def check_words(c: summary.Check) -> tuple[dict, dict]:
    """(label, why) of a reality check, each {zh, en}: what is compared, and what the model
    leaves out, where it is off and why."""
    t = c.terms
    return _CHECK_WORDS[c.key](t, _rules_text(t) if "region" in t else None)


def _fmt(v: float | None, unit: str, lang: str) -> str:
    if v is None or math.isnan(v):
        return {"zh": "模型不含", "en": "not in the model"}[lang]
    if unit == "share":
        return percent(v, lang)
    if unit == "ratio":
        return f"{v:.2f}"
    return f"{v:,.0f}" + {"100m yuan": {"zh": " 亿元", "en": " 亿 yuan"}, "10k persons": {"zh": " 万人", "en": " 万"},
                          "yuan/year": {"zh": " 元/年", "en": " yuan/year"}}.get(unit, {"zh": "", "en": ""})[lang]


def reality_check_html(r: pop.PopulationResult) -> str:
    """The published figures beside the model, with the gap and why (both languages)."""
    head = ("项目 Item", "年份 Year", "公布 Published", "模型 Model", "模型÷公布 Model ÷ published",
            "为什么不同 Why they differ", "出处 Source")
    rows = []
    for c in summary.reality_check(r):
        label, why = check_words(c)
        refs = []
        for fig in c.figures:
            ref = fig["reference"]
            if ref not in refs:
                refs.append(ref)
        src = "<br>".join(ref_html(x) for x in refs)
        ratio = "—" if c.ratio is None else f"{c.ratio:.2f}"
        rows.append((f"{html.escape(label['zh'])}<br><small>{html.escape(label['en'])}</small>",
                     str(c.year), _fmt(c.published, c.unit, "zh"), _fmt(c.model, c.unit, "zh"), ratio,
                     f"{html.escape(why['zh'])}<br><small class='medinsure-other-language'>{html.escape(why['en'])}</small>",
                     f"<small>{src}</small>"))
    return table(head, rows, label="Reality check", kind="table", numeric=(2, 3, 4))


def sources_html(r: pop.PopulationResult, rule_references: list) -> str:
    """The rules' documents, the population assumptions and the published figures, numbered."""
    groups = [
        ("规则 Rules", rule_references),
        ("人群假设 Population assumptions", list(r.assumptions.references)),
        ("对照用的公开数字 Published figures",
         [e for entry in pop.parameter_file("published_figures").entries for e in entry.references]),
    ]
    out = [("<p>可靠性标记 Reliability: OFF 官方网站 / OFF-R 官方原文转载 / 3P 第三方整理 / 3P-low 低可靠 / "
            "DERIVED 推算或假设</p>")]
    for title, refs in groups:
        unique = []
        for ref in refs:
            if ref not in unique:
                unique.append(ref)
        items = []
        for ref in unique:
            links = " ".join(f"<a href='{html.escape(u)}' target='_blank' rel='noopener'>[{i}]</a>"
                             for i, u in enumerate(addresses(ref), 1))
            items.append(f"<li>{html.escape(ref.cite())} {links}</li>")
        out.append(f"<h4>{html.escape(title)}</h4><ol class='medinsure-sources'>{''.join(items)}</ol>")
    return "".join(out)


# --------------------------------------------------------------------------- export (CSV, cite box)
EXPORT_HEADERS = {
    "age": ["status", "age_band", "people", "mean_gain_yuan_per_year"],
    "shares": ["group", "band", "people", "gain_percent", "lose_percent", "mean_gain_yuan_per_year"],
    "flows": ["status", "moved_from_accounts_yuan_per_enrollee", "returned_as_reimbursement_yuan_per_enrollee"],
    "distribution": ["part", "series", "from", "to", "value"],
}
_GROUP_TABLES = (("status", "by_status"), ("wage_quintile", "by_wage"), ("pension_quintile", "by_pension"),
                 ("outpatient_yuan_per_year", "by_spending"))


def _num(v: float) -> float | None:
    return None if math.isnan(v) else float(v)


def _pct(v: float) -> float | None:
    return None if math.isnan(v) else float(v) * 100


def age_rows(s: summary.Summary) -> list[tuple]:
    """The age chart's points: mean gain per status and age band (bands with people only)."""
    bands = band_labels(AGE_EDGES)
    return [(n, bands[i], int(t.count[i]), _num(t.mean_gain[i]))
            for n in STATUSES for t in [s.by_age[n]] for i in range(t.count.size) if t.count[i] > 0]


def share_rows(s: summary.Summary) -> list[tuple]:
    """The who-gains chart's bars: shares gaining and losing per group."""
    names = {"status": list(STATUSES), "wage_quintile": [f"Q{i + 1}" for i in range(len(QUANTILES) + 1)],
             "pension_quintile": [f"Q{i + 1}" for i in range(len(QUANTILES) + 1)],
             "outpatient_yuan_per_year": ["0"] + band_labels(SPENDING_EDGES[1:])}
    return [(g, names[g][i], int(t.count[i]), _pct(t.share_gaining[i]), _pct(t.share_losing[i]), _num(t.mean_gain[i]))
            for g, attr in _GROUP_TABLES for t in [getattr(s, attr)] for i in range(t.count.size)]


def flow_rows(s: summary.Summary) -> list[tuple]:
    f = s.flows
    moved, back = f.per_enrollee("moved_from_accounts"), f.per_enrollee("returned_as_reimbursement")
    return [(n, _num(moved[i]), _num(back[i])) for i, n in enumerate((*STATUSES, "all"))]


def distribution_rows(s: summary.Summary, data: dict) -> list[tuple]:
    """The histogram's bins per status and the credit concentration curves."""
    rows: list[tuple] = []
    edges = data.get("edges")
    for n, counts in data.get("counts", {}).items():
        rows += [("gain_histogram", n, float(edges[i]), float(edges[i + 1]), int(c)) for i, c in enumerate(counts)]
    for regime in ("old", "new"):
        c = s.concentration[f"credit_{regime}"]
        rows += [("credit_concentration_percent", f"credit_{regime}", 0.0, float(fr) * 100, _pct(v))
                 for fr, v in zip(s.top_fractions, c)]
    return rows


def rule_note(r: pop.PopulationResult, lang: str) -> str:
    region = load_region(r.region).name[lang]
    if lang == "zh":
        return f"{region} · {r.date} 起施行的规则 · 模拟 {r.n:,} 人（随机种子 {r.seed}）· 人群分布含标明的假设"
    return f"{region} · rules in force from {r.date} · {r.n:,} simulated enrollees (seed {r.seed}) · labelled assumptions"


def export_references(r: pop.PopulationResult, rule_references) -> tuple:
    return tuple(dict.fromkeys([*rule_references, *r.assumptions.references]))


def export_bundle(r: pop.PopulationResult, s: summary.Summary, charts: dict, rule_references, lang: str):
    """The four charts (``charts``: age, shares, flows, distribution objects with ``.fig``) and their data."""
    rows = {"age": age_rows(s), "shares": share_rows(s), "flows": flow_rows(s),
            "distribution": distribution_rows(s, getattr(charts["distribution"], "data", {}))}
    titles = {"age": "age_title", "shares": "share_title", "flows": "flows_title", "distribution": "dist_title"}
    files = tuple(ChartFile(k, TXT[titles[k]][lang], figure_drawer(lambda c=charts[k]: c.fig), EXPORT_HEADERS[k], rows[k])
                  for k in ("age", "shares", "flows", "distribution"))
    return ExportBundle(f"medinsure-population-{r.region}-{r.date}", rule_note(r, lang),
                        export_references(r, rule_references), lang, charts=files)


def citable_sentence(r: pop.PopulationResult, s: summary.Summary, rule_references, lang: str) -> str:
    return citable_text(sentence(r, s, lang), export_references(r, rule_references), lang)

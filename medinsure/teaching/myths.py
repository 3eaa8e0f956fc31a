"""辟谣 — claims about the account reform, each checked against the rules and the statistics.

Every answer has a verdict (``false`` 不实 / ``partly`` 部分属实 / ``true`` 属实), a headline and
a paragraph in Chinese and English, the documents it rests on and live numbers computed now by
:func:`medinsure.compare` and :mod:`medinsure.fund`. Verdicts are decided from those numbers, so a
change in the data changes the verdict. ``check(key, params)`` answers one claim. The seed texts
the claims were read in are cited in ``data/sources/documents.yaml``. The page's HTML is
:mod:`medinsure.views.myths`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from medinsure import fund
from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.rules import Reference, load_region, rules_for
from medinsure.rules.regions import first_band, numbered_reference
from medinsure.rules.sources import Document, document
from medinsure.views.fund import formula
from medinsure.views.words import money, percent, rate

# The examples: one in-service employee and one retiree, on a day in 2024 (the year the claim
# names). Ages are example inputs, not policy.
EXAMPLE_DATE = "2024-06-01"
AGE_IN_SERVICE = 40
AGE_RETIRED = 68
LEVEL = "primary"
VISITS = 12  # outpatient visits a year of the example people, where a deductible is per visit


# --------------------------------------------------------------------------- data types
@dataclass(frozen=True)
class Doc:
    """A document an answer rests on, with the clause relied on."""

    reference: Reference
    clause: dict | None = None   # {zh: the source's words, en: a translation}


@dataclass(frozen=True)
class Live:
    """A number computed now by the library."""

    key: str
    label: dict
    value: float | None
    unit: str          # yuan/year, share, 100m_yuan
    how: dict          # {zh, en}


@dataclass(frozen=True)
class Answer:
    myth: str
    verdict: str
    headline: dict
    explanation: dict
    documents: tuple[Doc, ...]
    live: tuple[Live, ...]

    def value(self, key: str) -> float | None:
        for x in self.live:
            if x.key == key:
                return x.value
        raise KeyError(key)


@dataclass(frozen=True)
class Params:
    """The example people of the live calculations [yuan/month; outpatient yuan/year]."""

    wage: float = 8000.0
    pension: float = 4166.67
    outpatient: float = 3000.0
    date: str = EXAMPLE_DATE

    def worker(self, status: str = "in_service") -> Enrollee:
        return Enrollee(status=status, age=AGE_IN_SERVICE, wage_monthly=self.wage,
                        outpatient_yearly=self.outpatient, level=LEVEL, visits_yearly=VISITS)

    def retiree(self) -> Enrollee:
        return Enrollee(status="retired", age=AGE_RETIRED, pension_monthly=self.pension,
                        outpatient_yearly=self.outpatient, level=LEVEL, visits_yearly=VISITS)


@dataclass(frozen=True)
class Myth:
    key: str
    claim: dict                 # {zh, en}
    heard_in: dict              # {zh, en}: where the claim was read
    quote: str                  # the claim in the seed's words
    source: str                 # the seed text it was read in (a key of data/sources/documents.yaml)
    check: Callable[[Params], Answer] = field(repr=False)

    @property
    def document(self) -> Document:
        return document(self.source)

    @property
    def seed(self) -> str:
        """Where the seed text was read (its path beside the repository)."""
        return self.document.reference.read_at[0]


# --------------------------------------------------------------------------- documents
def _new_account_ref(region: str) -> Reference:
    return load_region(region).new_account_entry().references[0]


def _first_account_entry(region: str):
    return load_region(region).file("personal_account").first


def _guidance() -> Doc:
    return Doc(_new_account_ref("national"), {
        "zh": "在职职工个人缴费仍计入本人个人账户，单位缴费全部计入统筹基金；退休人员个人账户由统筹基金按定额划入",
        "en": "In-service employees' own contributions still go into their own accounts; the employer's "
              "contributions all go into the pooled fund; retirees' accounts get a fixed amount from the pooled fund."})


def _wuhan_rules() -> Doc:
    return Doc(_new_account_ref("wuhan"))


def _seed004_doc(clause: str) -> Doc:
    clauses = {
        "amount": {"zh": "本次优化管理模式对划入个人账户的资金金额和待遇没有任何影响，未调整计入比例和划入金额。",
                   "en": "The change of account management has no effect on the amounts credited or on benefits; "
                         "neither the crediting rate nor the amounts were changed."},
        "ownership": {"zh": "第四十二条 个人账户的本金和利息归参保人员个人所有，可以结转使用和依法继承。",
                      "en": "Art. 42: the account's principal and interest belong to the enrollee, carry over "
                            "and can be inherited."},
        "flexible": {"zh": "个人账户的计入标准：灵活就业 不建个账",
                     "en": "Crediting standard: flexibly employed — no personal account is set up."},
    }
    return Doc(document("seed_004").reference, clauses[clause])


# --------------------------------------------------------------------------- helpers
def _live_credit(key: str, who: dict, c: Comparison, regime: str = "new") -> Live:
    v = c.credit_new if regime == "new" else c.credit_old
    day = c.date if regime == "new" else c.old_date
    return Live(key, {"zh": f"{who['zh']}每年个人账户划入（{day}）", "en": f"{who['en']}: yearly account credit ({day})"},
                v, "yuan/year",
                {"zh": f"按{c.date}在用的规则实时计算（{'改革后' if regime == 'new' else '改革前'}的划入）",
                 "en": f"computed now with the rules in force on {c.date} (the credit "
                       f"{'after' if regime == 'new' else 'before'} the reform)"})


def _region_name(slug: str, lang: str) -> str:
    return load_region(slug).name[lang]


def _in_service_rate(region: str, day: str) -> float:
    return first_band(rules_for(region, day).new, "in_service").rate


# --------------------------------------------------------------------------- the claims
def _m1(p: Params) -> Answer:
    """2024年起职工医保缴费不再划入个人账户."""
    wh = compare("wuhan", p.date, p.worker())
    hn = compare("hunan", p.date, p.worker())
    whr = compare("wuhan", p.date, p.retiree())
    hnr = compare("hunan", p.date, p.retiree())
    credits = [wh.credit_new, hn.credit_new]
    verdict = "false" if all(c is not None and c > 0 for c in credits) else "true"
    r = rate(_in_service_rate("wuhan", p.date))
    wd, hd = load_region("wuhan").reform_date, load_region("hunan").reform_date
    W = money(p.wage)
    head = {
        "zh": f"按{p.date}在用的规则，月缴费基数 {W} 元的在职职工每年仍划入个人账户：武汉 <b>{money(wh.credit_new, 'zh')}</b> 元，"
              f"湖南 <b>{money(hn.credit_new, 'zh')}</b> 元；退休人员：武汉 {money(whr.credit_new, 'zh')} 元，湖南 {money(hnr.credit_new, 'zh')} 元。",
        "en": f"Under the rules in force on {p.date}, an in-service employee with a base of {money(p.wage, 'en')} yuan a month "
              f"still gets <b>{money(wh.credit_new, 'en')}</b> yuan a year in Wuhan and <b>{money(hn.credit_new, 'en')}</b> in Hunan; "
              f"retirees get {money(whr.credit_new, 'en')} (Wuhan) and {money(hnr.credit_new, 'en')} (Hunan)."}
    expl = {
        "zh": f"国办发〔2021〕14号改的是单位缴费那一部分：在职职工本人缴费（缴费基数的 {r}）仍全部计入本人个人账户，"
              f"单位缴费不再划入、全部进入统筹基金；退休人员改由统筹基金按定额划入。各地自定起始日——武汉 {wd}、湖南 {hd}——"
              f"不是“2024年起全部不再划入”，也没有“取消个人账户”。湖南省本级2023年10月的政策解读仍列出在职、退休人员的计入标准，"
              f"并说明账户管理方式的调整未改变计入比例和划入金额。这条说法把单位缴费部分的变化说成了全部缴费。",
        "en": f"The 2021 guidance (<span class='medinsure-ref' lang='zh'>国办发〔2021〕14号</span>) changed the employer's part only: the employee's own contribution "
              f"({r} of the base) still goes wholly into the own account, while the employer's contribution no longer "
              f"does and goes to the pooled fund; retirees get a fixed amount from the pooled fund. Each area chose its "
              f"start — Wuhan {wd}, Hunan {hd} — so nothing stopped \"from 2024\" and accounts were not abolished. "
              f"Hunan's provincial explainer of October 2023 still lists the crediting for in-service and retired "
              f"enrollees and says the new account management changed neither rates nor amounts. The claim passes off "
              f"the change to the employer's part as a change to all contributions."}
    live = (_live_credit("wuhan_in_service_credit", {"zh": "武汉在职", "en": "Wuhan in service"}, wh),
            _live_credit("hunan_in_service_credit", {"zh": "湖南在职", "en": "Hunan in service"}, hn),
            _live_credit("wuhan_retiree_credit", {"zh": "武汉退休", "en": "Wuhan retiree"}, whr),
            _live_credit("hunan_retiree_credit", {"zh": "湖南退休", "en": "Hunan retiree"}, hnr))
    docs = (_guidance(), _wuhan_rules(), Doc(_new_account_ref("hunan")), _seed004_doc("amount"))
    return Answer("m1", verdict, head, expl, docs, live)


def _m2(p: Params) -> Answer:
    """我的钱被国家拿走了."""
    c = compare("wuhan", p.date, p.worker())
    moved = None if None in (c.credit_old, c.credit_new) else round(c.credit_old - c.credit_new, 2)
    own_same = c.contributions["own_old"] == c.contributions["own_new"]
    verdict = "false" if own_same and (c.credit_new or 0) > 0 else "partly"
    last = fund.series("employee_fund.pooled_spending", release="gongbao")[-1]
    ps = fund.figure("employee_fund.pooled_spending", last.year, "gongbao")
    psg = fund.figure("employee_fund.pooled_spending_growth", last.year, "gongbao")
    shift = fund.series("employee_fund.reform_shift_to_pooling", area="hunan")[-1]
    hunan = fund.figure("employee_fund.reform_shift_to_pooling", shift.year, area="hunan")
    emp = c.contributions["employer_new"]
    head = {
        "zh": f"武汉月基数 {money(p.wage)} 元、{AGE_IN_SERVICE}岁的在职职工：改革前每年划入 {money(c.credit_old, 'zh')} 元，"
              f"改革后 {money(c.credit_new, 'zh')} 元。少划入的 <b>{money(moved, 'zh')}</b> 元原是单位缴费（单位每年缴 "
              f"{money(emp, 'zh')} 元，没有变），现在留在统筹基金，用于门诊统筹等报销——同一人一年门诊 {money(p.outpatient)} 元"
              f"（基层）可报销 <b>{money(c.reimbursement_new, 'zh')}</b> 元（改革前 {money(c.reimbursement_old, 'zh')} 元）。",
        "en": f"A Wuhan employee aged {AGE_IN_SERVICE} with a base of {money(p.wage, 'en')}: credited "
              f"{money(c.credit_old, 'en')} a year before the reform and {money(c.credit_new, 'en')} after. The "
              f"<b>{money(moved, 'en')}</b> less was employer money (the employer still pays {money(emp, 'en')} a year) "
              f"that now stays in the pooled fund and pays outpatient pooling — {money(p.outpatient, 'en')} of outpatient "
              f"bills at a primary facility are reimbursed <b>{money(c.reimbursement_new, 'en')}</b> "
              f"({money(c.reimbursement_old, 'en')} before)."}
    expl = {
        "zh": f"个人账户和统筹基金都是职工医保基金的一部分，统计公报把两者合计为职工医保基金；钱没有离开医保基金，"
              f"只是从记在个人名下改为大家共济。改革把原来划入账户的单位缴费转入统筹基金，用于建立普通门诊统筹；"
              f"{ps.year}年统筹基金支出 {money(ps.value)} 亿元，"
              f"比上年增长 {percent(psg.value, 'zh', 2)}。本人缴费仍全部计入账户，账户里已有的钱仍归本人，可以结转和继承"
              f"（湖南省本级政策解读引第四十二条）。湖南省医保部门测算，改革后约 {hunan.value:,.0f} 亿元转用于加强门诊保障。",
        "en": f"Personal accounts and the pooled fund are both parts of the employee fund — the statistical bulletin "
              f"adds them up as one fund — so the money did not leave medical insurance; it moved from individual "
              f"accounts to the shared pool. The employer's part that used to be credited now funds general "
              f"outpatient pooling; the pooled fund spent {money(ps.value)} (100 million yuan) in {ps.year}, "
              f"{percent(psg.value, 'en', 2)} more than the year before. The own contribution is still credited in full, and what is "
              f"already in the account stays the enrollee's, carries over and can be inherited (art. 42 as quoted in "
              f"Hunan's explainer). Hunan's bureau estimated that about {hunan.value:,.0f} (100 million yuan) moved to "
              f"outpatient protection after the change."}
    live = (_live_credit("credit_old", {"zh": "武汉在职（改革前）", "en": "Wuhan in service (before)"}, c, "old"),
            _live_credit("credit_new", {"zh": "武汉在职（改革后）", "en": "Wuhan in service (after)"}, c),
            Live("moved_to_pool", {"zh": "每年转入统筹基金的原单位划入部分", "en": "Employer part now kept in the pooled fund, per year"},
                 moved, "yuan/year", {"zh": "改革前的划入 − 改革后的划入", "en": "credit before − credit after the reform"}),
            Live("employer_contribution", {"zh": "单位每年缴费（改革后）", "en": "Employer contribution per year (after)"},
                 emp, "yuan/year", {"zh": "按改革后规则实时计算的单位缴费",
                                    "en": "the employer's contribution, computed now with the rules after the reform"}),
            Live("reimbursement_new", {"zh": f"门诊 {money(p.outpatient)} 元的统筹报销", "en": f"Pooling pays of a {money(p.outpatient, 'en')} bill"},
                 c.reimbursement_new, "yuan/year", {"zh": "按改革后规则实时计算的门诊统筹报销", "en": "outpatient pooling's payment, computed now with the rules after the reform"}),
            Live("pooled_spending_latest", {"zh": f"{ps.year}年统筹基金支出（公报）", "en": f"Pooled fund spending {ps.year} (bulletin)"},
                 ps.value, "100m_yuan", {"zh": f"fund.figure('employee_fund.pooled_spending', {ps.year}, 'gongbao')",
                                         "en": f"fund.figure('employee_fund.pooled_spending', {ps.year}, 'gongbao')"}))
    docs = (_guidance(), _wuhan_rules(), Doc(ps.reference), _seed004_doc("ownership"), Doc(hunan.reference))
    return Answer("m2", verdict, head, expl, docs, live)


def _m3(p: Params) -> Answer:
    """个账越改越少，是不是基金没钱了."""
    pooled = fund.series("employee_fund.pooled_cumulative", release="gongbao")
    first, last = pooled[0], pooled[-1]
    inc = fund.figure("employee_fund.income", last.year, "gongbao")
    spend = fund.figure("employee_fund.spending", last.year, "gongbao")
    surplus = round(inc.value - spend.value, 2)
    s_first, s_last = fund.account_share(first.year, release="gongbao"), fund.account_share(last.year, release="gongbao")
    c = compare("wuhan", p.date, p.worker())
    verdict = "false" if last.value > first.value and surplus > 0 else "partly"
    head = {
        "zh": f"个人账户新划入确实变少（武汉例：{money(c.credit_old, 'zh')} → {money(c.credit_new, 'zh')} 元/年），但统筹基金累计结存"
              f"从{first.year}年的 {money(first.value)} 亿元增至{last.year}年的 <b>{money(last.value)}</b> 亿元；{last.year}年职工医保基金"
              f"收入 {money(inc.value)} 亿元、支出 {money(spend.value)} 亿元，当年结余 <b>{money(surplus)}</b> 亿元。",
        "en": f"New credits are indeed smaller (Wuhan example: {money(c.credit_old, 'en')} → {money(c.credit_new, 'en')} a year), "
              f"but the pooled fund's cumulative balance grew from {money(first.value)} in {first.year} to "
              f"<b>{money(last.value)}</b> in {last.year} (100 million yuan); in {last.year} the employee fund took in "
              f"{money(inc.value)} and spent {money(spend.value)}, a surplus of <b>{money(surplus)}</b>."}
    expl = {
        "zh": f"账户划入变少是改革的设计：把原来记在个人账户里的一部分钱放进统筹基金，用来报销门诊费用，而不是因为基金没钱。"
              f"统计公报显示，个人账户占职工医保基金累计结存的比例从{first.year}年的 {percent(s_first.value, 'zh', 2)}"
              f"（{formula(s_first)['zh']}）降到{last.year}年的 {percent(s_last.value, 'zh', 2)}，统筹基金同期增加；基金收入仍大于支出。"
              f"改革前的问题恰恰是账户里沉淀的钱太多、统筹基金太少（《医保工作调研汇报发言》所引：“有病的不够花，没病的用不了”）。",
        "en": f"Smaller credits are the design of the reform — part of the money that sat in personal accounts now sits "
              f"in the pooled fund and pays outpatient bills — not a sign that the fund is short of money. The bulletins "
              f"show the accounts' share of the employee fund's balance falling from {percent(s_first.value, 'en', 2)} in {first.year} "
              f"({formula(s_first)['en']}) to {percent(s_last.value, 'en', 2)} in {last.year} while the pooled fund grew; income still "
              f"exceeds spending. The problem before the reform was the opposite: too much money idle in accounts and "
              f"too little in the pooled fund (the model reports quote: \"the sick do not have enough, the healthy cannot use theirs\")."}
    live = (Live("pooled_cumulative_first", {"zh": f"统筹基金累计结存 {first.year}（公报）", "en": f"Pooled fund balance {first.year} (bulletin)"},
                 first.value, "100m_yuan", {"zh": "fund.series('employee_fund.pooled_cumulative', release='gongbao')",
                                            "en": "fund.series('employee_fund.pooled_cumulative', release='gongbao')"}),
            Live("pooled_cumulative_last", {"zh": f"统筹基金累计结存 {last.year}（公报）", "en": f"Pooled fund balance {last.year} (bulletin)"},
                 last.value, "100m_yuan", {"zh": "同上", "en": "as above"}),
            Live("surplus_last", {"zh": f"{last.year}年职工医保基金收入 − 支出", "en": f"Employee fund income − spending {last.year}"},
                 surplus, "100m_yuan", {"zh": f"{money(inc.value)} − {money(spend.value)}", "en": f"{money(inc.value)} − {money(spend.value)}"}),
            Live("account_share_first", {"zh": f"个人账户占比 {first.year}", "en": f"Account share {first.year}"},
                 s_first.value, "share", formula(s_first)),
            Live("account_share_last", {"zh": f"个人账户占比 {last.year}", "en": f"Account share {last.year}"},
                 s_last.value, "share", formula(s_last)))
    net_first = fund.figure("employee_fund.pooled_net", first.year, "gongbao")
    first_doc = Doc(first.reference, {
        "zh": net_first.quote,
        "en": f"Pooled fund (maternity included) in {first.year}: balance of the year {money(net_first.value)}, "
              f"cumulative {money(first.value)} (100 million yuan)."}) if net_first.quote else Doc(first.reference)
    docs = (Doc(last.reference), first_doc, _guidance())
    return Answer("m3", verdict, head, expl, docs, live)


def _m4(p: Params) -> Answer:
    """改革后个人缴费增加了（种子003：个人缴费可能增加）."""
    c = compare("wuhan", p.date, p.worker())
    own_old, own_new = c.contributions["own_old"], c.contributions["own_new"]
    emp_old, emp_new = c.contributions["employer_old"], c.contributions["employer_new"]
    verdict = "false" if own_old == own_new and emp_old == emp_new else "partly"
    head = {
        "zh": f"武汉月基数 {money(p.wage)} 元的在职职工，改革前后本人每年缴费都是 <b>{money(own_old, 'zh')}</b> → "
              f"<b>{money(own_new, 'zh')}</b> 元（含大额医疗补助），单位缴费 {money(emp_old, 'zh')} → {money(emp_new, 'zh')} 元；"
              f"变的只是划入个人账户的部分（{money(c.credit_old, 'zh')} → {money(c.credit_new, 'zh')} 元）。",
        "en": f"A Wuhan employee with a base of {money(p.wage, 'en')} pays <b>{money(own_old, 'en')}</b> → "
              f"<b>{money(own_new, 'en')}</b> a year before and after the reform (the top-up for large bills included), "
              f"and the employer {money(emp_old, 'en')} → {money(emp_new, 'en')}; only the part credited to the account "
              f"changed ({money(c.credit_old, 'en')} → {money(c.credit_new, 'en')})."}
    expl = {
        "zh": "个人账户改革改的是缴费怎样分配（划入账户还是进入统筹基金），不是缴费多少。费率和缴费基数由各地缴费规定确定，"
              "武汉改革前后在职职工本人费率相同。报道也说明，普通门诊统筹是在“不另外筹资、不新增单位和个人缴费负担的前提下”"
              "通过基金内部结构调整建立的。那篇健康资讯网页所说“取消个人账户”“个人缴费可能增加”都没有文件依据。",
        "en": "The account reform changed how contributions are split (account or pooled fund), not how much is paid. "
              "Rates and bases are set by the local contribution rules, and Wuhan's employee rate is the same before "
              "and after the reform. The press quoted in the model reports also says general outpatient pooling was built by "
              "restructuring the fund \"without new funding and without adding to employers' or employees' "
              "contributions\". The health-news page's \"accounts abolished\" and \"own contributions may rise\" have no document behind them."}
    live = (Live("own_old", {"zh": "本人每年缴费（改革前）", "en": "Own contribution per year (before)"}, own_old, "yuan/year",
                 {"zh": "按改革前规则实时计算的个人缴费", "en": "the own contribution, computed now with the rules before the reform"}),
            Live("own_new", {"zh": "本人每年缴费（改革后）", "en": "Own contribution per year (after)"}, own_new, "yuan/year",
                 {"zh": "按改革后规则实时计算的个人缴费", "en": "the own contribution, computed now with the rules after the reform"}),
            Live("employer_new", {"zh": "单位每年缴费（改革后）", "en": "Employer contribution per year (after)"}, emp_new,
                 "yuan/year", {"zh": "按改革后规则实时计算的单位缴费", "en": "the employer's contribution, computed now with the rules after the reform"}))
    docs = (_guidance(), Doc(rules_for("wuhan", p.date).old.contribution_rates.references[0]),
            Doc(document("seed_000").reference, {"zh": "普通门诊统筹……在不另外筹资、不新增单位和个人缴费负担的前提下，提高了门诊保障水平。",
                             "en": "General outpatient pooling … raised outpatient protection without new funding and "
                                   "without adding to employers' or employees' contributions."}))
    return Answer("m4", verdict, head, expl, docs, live)


def _m5(p: Params) -> Answer:
    """退休人员改革后个账划入少了一多半."""
    c = compare("wuhan", p.date, p.retiree())
    cut = None if not c.credit_old else (c.credit_old - c.credit_new) / c.credit_old
    half = 0.5  # "一多半": more than half
    verdict = "true" if cut is not None and cut > half else ("partly" if cut and cut > 0 else "false")
    # the pension below which the cut is less than half: old credit is a share of the pension
    threshold = 2 * c.credit_new / (c.credit_old / p.pension) if c.credit_old else None
    be = c.break_even_outpatient
    amount = first_band(rules_for("wuhan", p.date).new, "retired").amount
    head = {
        "zh": f"武汉月养老金 {money(p.pension)} 元、{AGE_RETIRED}岁的退休人员，每年划入从 {money(c.credit_old, 'zh')} 元减到 "
              f"{money(c.credit_new, 'zh')} 元，少了 <b>{percent(cut, 'zh', 2) if cut is not None else '—'}</b>。但门诊统筹为一年 "
              f"{money(p.outpatient)} 元门诊费用（基层）报销 <b>{money(c.reimbursement_new, 'zh')}</b> 元；"
              + (f"一年门诊费用达到 {money(be)} 元即回本。" if be is not None else "回本点见家庭账本应用。"),
        "en": f"A Wuhan retiree aged {AGE_RETIRED} with a pension of {money(p.pension, 'en')} a month is credited "
              f"{money(c.credit_new, 'en')} a year instead of {money(c.credit_old, 'en')}: <b>{percent(cut, 'en', 2) if cut is not None else '—'}</b> "
              f"less. But outpatient pooling pays <b>{money(c.reimbursement_new, 'en')}</b> of a "
              f"{money(p.outpatient, 'en')} yearly bill at a primary facility; "
              + (f"break-even at {money(be, 'en')} of yearly spending." if be is not None else "see the household app for break-even.")}
    expl = {
        "zh": f"武汉改革前按本人养老金的一定比例划入，改革后每月定额 {money(amount)} 元，所以养老金越高，减少越多：月养老金高于"
              f" {money(threshold)} 元时减少一半以上，低于此数则减少不到一半。按这个例子，“少了一多半”属实；但这只是账户划入，"
              f"门诊统筹报销是改革新增的，常看门诊的退休人员总体上可能不少反多。账户里已有的余额不受影响。",
        "en": f"Wuhan used to credit retirees a share of their own pension and now credits a flat {money(amount, 'en')} "
              f"yuan a month, so the higher the pension, the bigger the cut: above {money(threshold, 'en')} a month it "
              f"is more than half, below it less. For this example \"more than half less\" is true — but only for the "
              f"account credit; outpatient pooling is new, and retirees who often see a doctor can end up with more, "
              f"not less. Balances already in the account are untouched."}
    live = (_live_credit("credit_old", {"zh": "武汉退休（改革前）", "en": "Wuhan retiree (before)"}, c, "old"),
            _live_credit("credit_new", {"zh": "武汉退休（改革后）", "en": "Wuhan retiree (after)"}, c),
            Live("cut_share", {"zh": "划入减少的比例", "en": "Share of the credit cut"}, cut, "share",
                 {"zh": "(credit_old − credit_new) ÷ credit_old", "en": "(credit_old − credit_new) ÷ credit_old"}),
            Live("half_cut_pension", {"zh": "减少恰为一半时的月养老金", "en": "Monthly pension at which the cut is exactly half"},
                 threshold, "yuan/month", {"zh": "2 × credit_new ÷ (credit_old ÷ 月养老金)",
                                           "en": "2 × credit_new ÷ (credit_old ÷ monthly pension)"}),
            Live("reimbursement_new", {"zh": f"门诊 {money(p.outpatient)} 元的统筹报销", "en": f"Pooling pays of a {money(p.outpatient, 'en')} bill"},
                 c.reimbursement_new, "yuan/year", {"zh": "按改革后规则实时计算的门诊统筹报销", "en": "outpatient pooling's payment, computed now with the rules after the reform"}))
    docs = (_wuhan_rules(), Doc(_first_account_entry("wuhan").references[0]), _guidance())
    return Answer("m5", verdict, head, expl, docs, live)


def _m6(p: Params) -> Answer:
    """灵活就业人员改革后没有个人账户了."""
    wh = compare("wuhan", p.date, p.worker("flexible"))
    gz = compare("guangzhou", p.date, p.worker("flexible"))
    zero, positive = wh.credit_new == 0, (gz.credit_new or 0) > 0
    verdict = "partly" if zero and positive else ("true" if zero else "false")
    old_note = _first_account_entry("wuhan").note
    head = {
        "zh": f"要看地区。武汉灵活就业人员改革后不建个人账户（每年划入 <b>{money(wh.credit_new, 'zh')}</b> 元）；广州统账结合的灵活就业"
              f"人员参照在职职工办法划入（月基数 {money(p.wage)} 元时每年 <b>{money(gz.credit_new, 'zh')}</b> 元）；湖南省本级的"
              f"政策解读写明灵活就业“不建个账”。",
        "en": f"It depends on the region. In Wuhan flexibly employed enrollees have no account after the reform "
              f"(<b>{money(wh.credit_new, 'en')}</b> a year); in Guangzhou those in the combined scheme are credited like "
              f"employees (<b>{money(gz.credit_new, 'en')}</b> a year on a base of {money(p.wage, 'en')}); Hunan's "
              f"provincial explainer says no account is set up for them."}
    expl = {
        "zh": f"国家文件没有统一规定灵活就业人员的个人账户，由各地决定。武汉灵活就业人员改革前也没有个人账户（数据说明：{old_note['zh']}），"
              f"改革后同样不建账户，但可享受门诊统筹；广州按广东省办法“参照执行”，仍有账户。所以“改革后都没有个人账户了”"
              f"说得太绝对：在一些地区属实，在另一些地区不属实。",
        "en": f"No national document sets a personal-account rule for the flexibly employed; each area decides. Wuhan's "
              f"flexibly employed had no account before the reform either (data note: {old_note['en']}) and have none "
              f"after, but they now get outpatient pooling; Guangzhou follows the Guangdong measures and still credits "
              f"them. \"No account after the reform\" is too sweeping: true in some areas, not in others."}
    live = (_live_credit("wuhan_flexible_credit", {"zh": "武汉灵活就业", "en": "Wuhan flexibly employed"}, wh),
            _live_credit("guangzhou_flexible_credit", {"zh": "广州灵活就业", "en": "Guangzhou flexibly employed"}, gz))
    docs = (_wuhan_rules(), Doc(numbered_reference(load_region("guangzhou"), "personal_account")), _seed004_doc("flexible"))
    return Answer("m6", verdict, head, expl, docs, live)


MYTHS: tuple[Myth, ...] = (
    Myth("m1", {"zh": "2024年起，职工医保缴费不再划入个人账户，全部进统筹基金。",
                "en": "From 2024, no employee contribution goes into the personal account any more; all goes to the pooled fund."},
         {"zh": "健康资讯网页《2024年职工医保缴费将不再划入个人账户》（作者、网址与日期未载）", "en": "the health-news web page 《2024年职工医保缴费将不再划入个人账户》 (author, address and date not given)"},
         "2024年起,职工医保缴费将迎来重大变革:医保费用不再划入个人账户,而是全部划入社会统筹基金。", "seed_003", _m1),
    Myth("m2", {"zh": "我的钱被国家拿走了。", "en": "The state took my money."},
         {"zh": "《医保工作调研汇报发言（汇总5篇）》第五篇（范文汇编）", "en": "《医保工作调研汇报发言（汇总5篇）》, part 5 (a compilation of model reports)"},
         "公众舆论质问：是不是“我的钱被国家拿走了？”", "seed_000", _m2),
    Myth("m3", {"zh": "个人账户越改越少，是不是医保基金没钱了？", "en": "Accounts keep shrinking — has the insurance fund run out of money?"},
         {"zh": "《医保工作调研汇报发言（汇总5篇）》第一篇（范文汇编）", "en": "《医保工作调研汇报发言（汇总5篇）》, part 1 (a compilation of model reports)"},
         "“个人医保账户的钱越改越少，是不是国家医保基金池子没钱了？”", "seed_000", _m3),
    Myth("m4", {"zh": "取消个人账户后，个人缴费要增加。", "en": "With the account gone, employees will have to pay more."},
         {"zh": "健康资讯网页《2024年职工医保缴费将不再划入个人账户》（作者、网址与日期未载）", "en": "the health-news web page 《2024年职工医保缴费将不再划入个人账户》 (author, address and date not given)"},
         "个人缴费可能增加:由于取消个人账户,职工医保的缴费比例可能有所调整,以支持社会统筹基金的运行。", "seed_003", _m4),
    Myth("m5", {"zh": "退休人员的个人账户划入少了一多半。", "en": "Retirees' account credits fell by more than half."},
         {"zh": "《医保工作调研汇报发言（汇总5篇）》第五篇（范文汇编）", "en": "《医保工作调研汇报发言（汇总5篇）》, part 5 (a compilation of model reports)"},
         "改革前每月划拨个人医保账户上的金额不少，改革后可能直接少了一多半", "seed_000", _m5),
    Myth("m6", {"zh": "灵活就业人员改革后就没有个人账户了。", "en": "The flexibly employed lost their personal account in the reform."},
         {"zh": "《医保工作调研汇报发言（汇总5篇）》第五篇（范文汇编）", "en": "《医保工作调研汇报发言（汇总5篇）》, part 5 (a compilation of model reports)"},
         "灵活就业人员也觉不满，因为有些地区改革后不再对其个人账户予以补助", "seed_000", _m6),
)
BY_KEY = {m.key: m for m in MYTHS}


def check(key: str, params: Params | None = None) -> Answer:
    """Answer one claim with live numbers (raises InvalidInput for an unknown claim or bad params)."""
    if key not in BY_KEY:
        raise InvalidInput("claim", key, "one of " + ", ".join(BY_KEY))
    return BY_KEY[key].check(params or Params())


def check_all(params: Params | None = None) -> list[Answer]:
    return [check(m.key, params) for m in MYTHS]


def documents(answers: list[Answer]) -> list[Reference]:
    """Every document the answers rest on, once, in order."""
    seen: list[Reference] = []
    for a in answers:
        for d in a.documents:
            if d.reference not in seen:
                seen.append(d.reference)
    return seen

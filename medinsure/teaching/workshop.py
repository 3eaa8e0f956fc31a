"""The workshop kit as data: four personas, three sessions of exercises, and their computed
answers, tables and sources, for the trainer's guide and handout (tools/make_workshop.py) and for
the session widgets the notebooks show (medinsure.app.workshop).

A persona is a person (age, wage or pension, yearly outpatient spending, facility level) in a
region at a stated date; every number about them is computed by :func:`medinsure.compare.compare`
from ``data/``. No policy number is written here: where a persona pays on "the lowest base", the
base is read from the region's data on that date. Where the data does not know a rule the
exercise asks what the tool says and why it cannot say more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.rules import Reference, load_region, rules_for
from medinsure.teaching.checking import PREDICTIONS, Exercise, NumberExercise, PredictExercise, UnknownExercise
from medinsure.views import words
from medinsure.views import workshop as page
from medinsure.views.words import money

UNKNOWN_MARK = "unknown"
"""What :func:`answer_text` and the key-number lines print for a number the data does not know."""


# --------------------------------------------------------------------------- personas
@dataclass(frozen=True)
class Persona:
    """One workshop persona.

    Parameters
    ----------
    key : str
        Short name used in exercises and file names.
    name, role, story : dict
        ``{"zh", "en"}``: what the trainer reads out.
    region : str
        Region slug.
    date : str
        The day whose rules are "new" (YYYY-MM-DD).
    status : str
        ``in_service``, ``retired`` or ``flexible``.
    age : int
        Age [years].
    wage : float | str | None
        Contribution base chosen [yuan/month]; ``"floor"`` = the region's lowest base on ``date``
        (read from ``data/``).
    pension : float | None
        Basic pension [yuan/month].
    outpatient : float
        Yearly in-scope outpatient spending [yuan/year].
    level : str
        Facility level where it is spent.
    retirement_year : int | None
        Year of retirement (retirees).
    visits : int
        Outpatient visits a year (used where a region charges its deductible per visit).
    """

    key: str
    name: dict
    role: dict
    story: dict
    region: str
    date: str
    status: str
    age: int
    wage: float | str | None = None
    pension: float | None = None
    outpatient: float = 0.0
    level: str = "primary"
    retirement_year: int | None = None
    visits: int = 12


PERSONAS: dict[str, Persona] = {p.key: p for p in (
    Persona(
        key="xiaoli", region="beijing", date="2023-07-01", status="in_service", age=28, wage=25000.0,
        outpatient=1000.0, level="primary",
        name={"zh": "小李", "en": "Xiao Li"},
        role={"zh": "北京，28岁，互联网公司程序员，高收入", "en": "Beijing, 28, software engineer, high earner"},
        story={"zh": "小李月工资 25,000 元，身体很好，一年只在社区卫生服务中心看几次小病，约 1,000 元。"
                     "她在网上看到“个人账户缩水了”，想知道自己一年少了多少钱、什么时候才“回本”。",
               "en": "Xiao Li earns 25,000 yuan a month and is healthy: a few visits to the community clinic, "
                     "about 1,000 yuan a year. She read online that 'the personal account shrank' and wants to "
                     "know how much less she gets a year and when she would break even."}),
    Persona(
        key="laowang", region="wuhan", date="2023-07-01", status="in_service", age=45, wage=8000.0,
        outpatient=3000.0, level="secondary",
        name={"zh": "老王", "en": "Lao Wang"},
        role={"zh": "武汉，45岁，工厂技术员", "en": "Wuhan, 45, factory technician"},
        story={"zh": "老王月缴费基数 8,000 元，腰不好，每年在二级医院门诊花约 3,000 元（政策范围内）。"
                     "改革后账户每月进账变少了，他想知道门诊统筹能不能补回来。",
               "en": "Lao Wang's contribution base is 8,000 yuan a month. He has back trouble and spends about "
                     "3,000 yuan a year (in scope) at a secondary hospital's outpatient department. His account "
                     "now gets less each month; does outpatient pooling make up for it?"}),
    Persona(
        key="zhang", region="hunan", date="2024-01-01", status="retired", age=72, pension=3500.0,
        outpatient=6000.0, level="secondary", retirement_year=2012,
        name={"zh": "张阿姨", "en": "Auntie Zhang"},
        role={"zh": "湖南长沙，72岁，退休人员，高血压和糖尿病", "en": "Changsha (Hunan), 72, retired, hypertension and diabetes"},
        story={"zh": "张阿姨 2012 年退休，月养老金 3,500 元，有高血压和糖尿病，每月去二级医院门诊配一次药，一年约 6,000 元。"
                     "邻居说改革后退休人员账户“只剩几十块”，她想知道自己到底是多了还是少了。",
               "en": "Auntie Zhang retired in 2012 on a pension of 3,500 yuan a month. She has hypertension and "
                     "diabetes and goes to a secondary hospital's outpatient department once a month for her "
                     "drugs, about 6,000 yuan a year. A neighbour says retirees' accounts now get 'only a few dozen yuan'; is she "
                     "better or worse off?"}),
    Persona(
        key="xiaochen", region="guangzhou", date="2024-03-01", status="flexible", age=32, wage="floor",
        outpatient=1500.0, level="primary",
        name={"zh": "小陈", "en": "Xiao Chen"},
        role={"zh": "广州，32岁，快递员，灵活就业参保", "en": "Guangzhou, 32, courier, insured as flexibly employed"},
        story={"zh": "小陈是快递员，以灵活就业人员身份自己缴职工医保，选最低缴费基数。每年在社区医院看门诊约 1,500 元。"
                     "他想知道自己有没有个人账户、每年进多少钱，门诊能报多少。",
               "en": "Xiao Chen is a courier who pays employee medical insurance himself as a flexibly employed "
                     "person, on the lowest base. He spends about 1,500 yuan a year at a community clinic. Does "
                     "he have a personal account, how much goes in, and how much outpatient pooling pays?"}),
)}


# --------------------------------------------------------------------------- cases
@dataclass(frozen=True)
class Case:
    """A persona, possibly changed (another region, age, wage, level, date)."""

    persona: str
    changes: tuple = ()

    @property
    def p(self) -> Persona:
        return PERSONAS[self.persona]

    def get(self, name: str):
        return dict(self.changes).get(name, getattr(self.p, name))

    def wage_monthly(self) -> float | None:
        """The wage entered [yuan/month]; ``"floor"`` is read from the region's data on the date."""
        w = self.get("wage")
        if w == "floor":
            day = dt.date.fromisoformat(self.get("date"))
            return float(load_region(self.get("region")).base_limits(day).floor_monthly)
        return w

    def enrollee(self) -> Enrollee:
        return Enrollee(status=self.get("status"), age=self.get("age"), wage_monthly=self.wage_monthly(),
                        pension_monthly=self.get("pension"), outpatient_yearly=self.get("outpatient"),
                        level=self.get("level"), retirement_year=self.get("retirement_year"),
                        visits_yearly=self.get("visits"))

    def comparison(self) -> Comparison:
        return _compare(self)

    def app_kwargs(self) -> dict:
        """Arguments for :func:`medinsure.app.household_explainer` showing this case."""
        kw = {"region": self.get("region"), "date": self.get("date"), "status": self.get("status"),
              "age": self.get("age"), "outpatient": self.get("outpatient"), "level": self.get("level")}
        kw["visits"] = self.get("visits")
        if self.get("status") == "retired":
            kw.update(pension=self.get("pension"), retirement_year=self.get("retirement_year"))
        else:
            kw["wage"] = self.wage_monthly()
        return kw

    def label(self, lang: str) -> str:
        """'老王（武汉）' / 'Lao Wang (Wuhan)', naming what was changed."""
        region = load_region(self.get("region")).name[lang]
        extra = [page.change_text(k, v, lang) for k, v in self.changes if k != "region"]
        return page.case_label(self.p.name[lang], region, extra, lang)


def case(persona: str, **changes) -> Case:
    """A persona with some inputs changed, e.g. ``case("laowang", region="beijing")``."""
    return Case(persona, tuple(sorted(changes.items())))


@cache
def _compare(c: Case) -> Comparison:
    return compare(c.get("region"), c.get("date"), c.enrollee())


# --------------------------------------------------------------------------- metrics
METRICS: dict[str, tuple[dict, Callable[[Comparison], float | None]]] = {
    "credit_loss": ({"zh": "每年账户少划入（旧−新）", "en": "Yearly credit lost (old − new)"},
                    lambda c: None if c.credit_old is None or c.credit_new is None else c.credit_old - c.credit_new),
    "credit_new_monthly": ({"zh": "改革后每月账户划入", "en": "Monthly account credit after the reform"},
                           lambda c: None if c.credit_new is None else c.credit_new / 12),
    "credit_new": ({"zh": "改革后每年账户划入", "en": "Yearly account credit after the reform"},
                   lambda c: c.credit_new),
    "reimbursement_new": ({"zh": "改革后门诊统筹报销", "en": "Outpatient pooling reimbursement after the reform"},
                          lambda c: c.reimbursement_new),
    "resources_gain": ({"zh": "每年资源增减（新−旧）", "en": "Yearly resources gain (new − old)"},
                       lambda c: c.resources_gain),
    "break_even": ({"zh": "回本门诊费用", "en": "Break-even outpatient spending"},
                   lambda c: c.break_even_outpatient if c.break_even_status in ("found", "zero") else None),
}

_METRIC_STEPS = {
    "credit_loss": ("credit_old", "credit_new"),
    "credit_new_monthly": ("credit_new",),
    "credit_new": ("credit_new",),
    "reimbursement_new": ("reimbursement_new",),
    "resources_gain": ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain"),
    "break_even": ("credit_old", "credit_new", "reimbursement_new", "break_even_outpatient"),
}


def metric(name: str, c: Case) -> float | None:
    """The named number for a case [yuan/year; ``credit_new_monthly`` in yuan/month], rounded to the fen."""
    v = METRICS[name][1](c.comparison())
    return None if v is None else round(float(v), 2)


# --------------------------------------------------------------------------- exercises
def _single(name: str, c: Case, how: dict, question: dict, key: str, unit: str = "yuan/year",
            tolerance: float = 0.01) -> NumberExercise:
    keys = _METRIC_STEPS[name]
    if name.startswith("credit") and c.get("status") != "retired":  # show the base the credit is a share of
        keys = tuple(f"base_{k.split('_')[1]}" for k in keys if k.startswith("credit_")) + keys
    return NumberExercise(key=key, question=question, unit=unit, answer=lambda: metric(name, c), cases=(c,),
                          steps=((c, keys),), how=how, tolerance=tolerance)


def _difference(name: str, a: Case, b: Case, how: dict, question: dict, key: str) -> NumberExercise:
    def answer() -> float | None:
        x, y = metric(name, a), metric(name, b)
        return None if x is None or y is None else round(x - y, 2)
    return NumberExercise(key=key, question=question, unit="yuan/year", answer=answer, cases=(a, b),
                          steps=((a, _METRIC_STEPS[name]), (b, _METRIC_STEPS[name])), how=how)


def predicted(ex: PredictExercise) -> str:
    """``higher``, ``lower``, ``same`` (within one fen) or ``unknown``, computed by the library."""
    a, b = metric(ex.metric, ex.base), metric(ex.metric, ex.changed)
    if a is None or b is None:
        return UNKNOWN_MARK
    if abs(b - a) < 0.005:
        return "same"
    return "higher" if b > a else "lower"


LI, WANG, ZHANG, CHEN = (case(k) for k in ("xiaoli", "laowang", "zhang", "xiaochen"))
WANG_BJ = case("laowang", region="beijing")
LI_WH = case("xiaoli", region="wuhan")
ZHANG_WH = case("zhang", region="wuhan", date="2023-07-01")
ZHANG_BJ = case("zhang", region="beijing", date="2023-07-01")
CHEN_WH = case("xiaochen", region="wuhan", date="2023-07-01")

SESSIONS: dict[str, dict] = {
    "01-personas": {
        "title": {"zh": "认识四位参保人", "en": "Meet four enrollees"},
        "minutes": 25,
        "answers": {"zh": "四位参保人各自的账户划入、门诊报销和资源增减；哪些数字工具算不出、为什么。",
                    "en": "Each persona's account credit, outpatient reimbursement and resources gain; which "
                          "numbers the tool cannot compute, and why."},
        "notice": [
            {"zh": "小李（北京）只少了账户划入：北京改革前就有门诊统筹，起付线和比例没变。",
             "en": "Xiao Li (Beijing) only loses account credit: Beijing had outpatient pooling before the "
                   "reform, with the same deductible and ratios."},
            {"zh": "老王（武汉）少划入的钱，被新设的门诊统筹报销大体补回。",
             "en": "What Lao Wang (Wuhan) loses in credit is largely paid back by the new outpatient pooling."},
            {"zh": "张阿姨（湖南）和小陈（广州）：工具只给出数据里有出处的数字，其余写“本地区未知”并说明原因。",
             "en": "Auntie Zhang (Hunan) and Xiao Chen (Guangzhou): the tool gives only the numbers the data "
                   "can cite, and says 'not known for this region' with the reason for the rest."},
        ],
        "exercises": [
            _single("credit_loss", LI, {"zh": "改革前每年划入 − 改革后每年划入", "en": "yearly credit before − after"},
                    {"zh": "小李（北京，28岁，月工资 25,000 元）改革后每年个人账户少划入多少元？",
                     "en": "How much less goes into Xiao Li's account each year after the reform (Beijing, 28, "
                           "25,000 yuan a month)?"}, "1.1"),
            _single("reimbursement_new", WANG, {"zh": "门诊统筹按起付线、比例和封顶线报销",
                                                "en": "pooling pays after the deductible, at the ratio, up to the cap"},
                    {"zh": "老王（武汉，二级医院，每年门诊 3,000 元）改革后门诊统筹每年报销多少元？",
                     "en": "How much does outpatient pooling pay Lao Wang a year (Wuhan, secondary hospital, "
                           "3,000 yuan a year)?"}, "1.2"),
            _single("resources_gain", WANG, {"zh": "（新划入 − 旧划入）+（新报销 − 旧报销）",
                                             "en": "(new credit − old credit) + (new reimbursement − old reimbursement)"},
                    {"zh": "合计起来，老王每年的资源增减（新−旧）是多少元？少得写负数。",
                     "en": "All in all, what is Lao Wang's yearly resources gain (new − old)? Write a loss as a "
                           "negative number."}, "1.3"),
            _single("credit_new_monthly", ZHANG, {"zh": "改革后每年划入 ÷ 12", "en": "yearly credit after the reform ÷ 12"},
                    {"zh": "张阿姨（湖南，72岁退休）改革后每月个人账户划入多少元？",
                     "en": "How much goes into Auntie Zhang's account each month after the reform (Hunan, "
                           "retired, 72)?"}, "1.4", unit="yuan/month"),
            UnknownExercise(
                key="1.5", case=ZHANG,
                question={"zh": "工具能说出张阿姨改革后每年是多得还是少得吗？它说了什么，为什么说不了更多？",
                          "en": "Can the tool say whether Auntie Zhang gains or loses each year? What does it "
                                "say, and why can it not say more?"},
                discussion={"zh": "数据缺什么才能算出来？培训后向谁、查哪份文件可以补上？",
                            "en": "What is missing from the data, and which document (from whom) could fill it in?"}),
            _single("credit_new", CHEN, {"zh": "缴费基数（最低档）× 划入比例 × 12",
                                         "en": "contribution base (the lowest) × credit rate × 12"},
                    {"zh": "小陈（广州快递员，灵活就业，按最低缴费基数参保）改革后每年个人账户划入多少元？",
                     "en": "How much goes into Xiao Chen's account each year after the reform (Guangzhou "
                           "courier, flexibly employed, lowest base)?"}, "1.6"),
            UnknownExercise(
                key="1.7", case=CHEN,
                question={"zh": "小陈每年门诊 1,500 元，工具能算出门诊统筹报销多少吗？为什么？",
                          "en": "Xiao Chen spends 1,500 yuan a year at a clinic. Can the tool compute the "
                                "outpatient reimbursement? Why (not)?"},
                discussion={"zh": "记者写稿时，怎样表述“未知”而不是猜一个数？",
                            "en": "How would a journalist write 'not known' instead of guessing a number?"}),
        ],
    },
    "02-break-even": {
        "title": {"zh": "找回本点", "en": "Find the break-even"},
        "minutes": 20,
        "answers": {"zh": "每年门诊花多少，门诊统筹多报销的钱才能抵消账户少划入的钱？哪些因素让回本点移动？",
                    "en": "How much outpatient spending a year makes the extra reimbursement cover the smaller "
                          "credit, and what moves that point?"},
        "notice": [
            {"zh": "曲线与零线的交点就是回本点；当前花费是曲线上的圆点。",
             "en": "The break-even is where the curve crosses zero; the dot is the current spending."},
            {"zh": "就医机构级别改变报销比例，从而移动回本点。",
             "en": "The facility level changes the ratio and so moves the break-even."},
            {"zh": "缴费基数有上限：工资超过上限的部分既不缴费，也不划入账户。",
             "en": "The contribution base has a ceiling: wage above it neither pays in nor is credited."},
        ],
        "exercises": [
            _single("break_even", WANG, {"zh": "资源增减由负转为不负时的每年门诊费用",
                                         "en": "yearly spending at which the resources gain stops being negative"},
                    {"zh": "老王在二级医院每年门诊花多少元时刚好回本？（误差 1 元以内算对）",
                     "en": "At what yearly spending at a secondary hospital does Lao Wang break even? "
                           "(within 1 yuan counts)"}, "2.1", tolerance=1.0),
            _single("break_even", LI, {"zh": "资源增减由负转为不负时的每年门诊费用",
                                       "en": "yearly spending at which the resources gain stops being negative"},
                    {"zh": "小李（北京）在社区医院每年门诊花多少元才回本？（误差 1 元以内算对）",
                     "en": "At what yearly spending at a community clinic does Xiao Li (Beijing) break even? "
                           "(within 1 yuan counts)"}, "2.2", tolerance=1.0),
            PredictExercise(
                key="2.3", metric="break_even", base=WANG, changed=case("laowang", level="primary"),
                question={"zh": "先预测：老王改到社区（一级）医院看门诊，回本点会更高、更低还是不变？",
                          "en": "Predict: if Lao Wang uses a community (primary) clinic instead, is his "
                                "break-even higher, lower or the same?"},
                why={"zh": "基层医疗机构的报销比例更高，同样的花费报销更多。",
                     "en": "Primary facilities reimburse a higher share, so the same spending returns more."}),
            PredictExercise(
                key="2.4", metric="credit_loss", base=case("xiaoli", wage=30000.0), changed=case("xiaoli", wage=35000.0),
                question={"zh": "先预测：如果小李月工资从 30,000 元涨到 35,000 元，她每年少划入的钱会更高、更低还是不变？",
                          "en": "Predict: if Xiao Li's wage rose from 30,000 to 35,000 yuan a month, would her "
                                "yearly credit loss be higher, lower or the same?"},
                why={"zh": "两种工资都高于北京的缴费基数上限，按上限计算，所以不变。",
                     "en": "Both wages are above Beijing's contribution-base ceiling and are counted at the "
                           "ceiling, so nothing changes."}),
        ],
    },
    "03-compare-cities": {
        "title": {"zh": "比较两座城市", "en": "Compare two cities"},
        "minutes": 20,
        "answers": {"zh": "同一个人在武汉和北京，改革的影响为什么不同？数据覆盖最全的两座城市对比。",
                    "en": "Why does the reform affect the same person differently in Wuhan and Beijing, the two "
                          "best-covered cities?"},
        "notice": [
            {"zh": "武汉在改革时新设了职工普通门诊统筹；北京原来就有。这是两城差别的主要原因。",
             "en": "Wuhan created general outpatient pooling for employees with the reform; Beijing already "
                   "had it. That is the main difference."},
            {"zh": "北京退休人员的定额划入没有变，武汉退休人员从按养老金比例改为定额。",
             "en": "Beijing's fixed retiree credit did not change; Wuhan's went from a share of the pension "
                   "to a fixed amount."},
            {"zh": "比较时要用同一日期、同一人，并看清每个数字的出处和可靠性标记。",
             "en": "Compare the same person on the same date, and check each number's source and "
                   "reliability mark."},
        ],
        "exercises": [
            _single("resources_gain", WANG_BJ, {"zh": "（新划入 − 旧划入）+（新报销 − 旧报销）",
                                                "en": "(new credit − old credit) + (new reimbursement − old reimbursement)"},
                    {"zh": "同样的老王（月基数 8,000 元，二级医院每年 3,000 元）如果在北京参保，每年资源增减是多少元？",
                     "en": "The same Lao Wang (base 8,000, 3,000 a year at a secondary hospital) insured in "
                           "Beijing: what is his yearly resources gain?"}, "3.1"),
            _difference("resources_gain", WANG, WANG_BJ,
                        {"zh": "武汉的资源增减 − 北京的资源增减", "en": "gain in Wuhan − gain in Beijing"},
                        {"zh": "老王在武汉比在北京每年多得（或少得）多少元？（武汉 − 北京）",
                         "en": "How much more (or less) does Lao Wang get a year in Wuhan than in Beijing? "
                               "(Wuhan − Beijing)"}, "3.2"),
            PredictExercise(
                key="3.3", metric="resources_gain", base=LI, changed=LI_WH,
                question={"zh": "先预测：小李如果在武汉工作（工资不变），她每年的资源增减会更高、更低还是不变？",
                          "en": "Predict: if Xiao Li worked in Wuhan on the same wage, would her yearly "
                                "resources gain be higher, lower or the same?"},
                why={"zh": "武汉的缴费基数上限较低，且有新设的门诊统筹报销她的小额门诊费用。",
                     "en": "Wuhan's base ceiling is lower, and its new outpatient pooling pays part of her small "
                           "outpatient bills."}),
            _single("resources_gain", ZHANG_WH, {"zh": "（新划入 − 旧划入）+（新报销 − 旧报销）",
                                                 "en": "(new credit − old credit) + (new reimbursement − old reimbursement)"},
                    {"zh": "如果张阿姨（72岁，养老金 3,500 元，二级医院每年 6,000 元）住在武汉，每年资源增减是多少元？",
                     "en": "If Auntie Zhang (72, pension 3,500, 6,000 a year at a secondary hospital) lived in "
                           "Wuhan, what would her yearly resources gain be?"}, "3.4"),
            _single("resources_gain", ZHANG_BJ, {"zh": "（新划入 − 旧划入）+（新报销 − 旧报销）",
                                                 "en": "(new credit − old credit) + (new reimbursement − old reimbursement)"},
                    {"zh": "同样的张阿姨住在北京呢？",
                     "en": "And the same Auntie Zhang in Beijing?"}, "3.5"),
            _single("resources_gain", CHEN_WH, {"zh": "（新划入 − 旧划入）+（新报销 − 旧报销）",
                                                "en": "(new credit − old credit) + (new reimbursement − old reimbursement)"},
                    {"zh": "快递员小陈如果在武汉按最低基数参保（2023-07-01 的规则），每年资源增减是多少元？"
                           "（在广州工具算不出，见练习 1.7。）",
                     "en": "If courier Xiao Chen were insured in Wuhan on the lowest base (rules of 2023-07-01), "
                           "what would his yearly resources gain be? (In Guangzhou the tool cannot say: see 1.7.)"},
                    "3.6"),
        ],
    },
}

SESSION_APPS = {"01-personas": "xiaoli", "02-break-even": "laowang", "03-compare-cities": "xiaoli"}
"""Every session projects the persona picker above the household app; this is the persona it opens on."""


def exercises(session: str) -> list[Exercise]:
    return SESSIONS[session]["exercises"]


def all_exercises() -> list[Exercise]:
    return [ex for s in SESSIONS for ex in exercises(s)]


# --------------------------------------------------------------------------- answers as text
def answer_value(ex: Exercise) -> float | str | tuple | None:
    """The computed answer: a number, a prediction key, or the tuple of unknown fields."""
    if isinstance(ex, NumberExercise):
        return ex.answer()
    if isinstance(ex, PredictExercise):
        return predicted(ex)
    return tuple(u["field"] for u in ex.case.comparison().unknown)


def answer_text(ex: Exercise, lang: str = "en") -> str:
    """The answer in a few words: '2,400.00 yuan/year', 'lower (2,067.70 → 1,581.18)', …"""
    v = answer_value(ex)
    if isinstance(ex, NumberExercise):
        return UNKNOWN_MARK if v is None else f"{money(v, lang)} {words.UNIT[ex.unit][lang]}"
    if isinstance(ex, PredictExercise):
        a, b = metric(ex.metric, ex.base), metric(ex.metric, ex.changed)
        word = PREDICTIONS[v][lang] if v in PREDICTIONS else UNKNOWN_MARK
        return f"{word} ({money(a, lang)} → {money(b, lang)})"
    return ("unknown: " if lang == "en" else "未知：") + ", ".join(v) if v else "—"


def key_numbers(session: str) -> str:
    """One line of every exercise's answer (the notebooks' nbval-checked output)."""
    parts = []
    for ex in exercises(session):
        v = answer_value(ex)
        if isinstance(ex, NumberExercise):
            parts.append(f"{ex.key}={UNKNOWN_MARK if v is None else money(v, 'en')}")
        elif isinstance(ex, PredictExercise):
            parts.append(f"{ex.key}={v}")
        else:
            parts.append(f"{ex.key}={UNKNOWN_MARK}({','.join(v)})")
    return f"{session}: " + "; ".join(parts)


# --------------------------------------------------------------------------- worked answers
def worked_html(ex: NumberExercise, lang: str) -> str:
    """How to compute the answer, with each case's trace steps and sources."""
    return page.worked_html(ex.how[lang], [(c.label(lang), c.comparison(), keys) for c, keys in ex.steps], lang)


def predict_explain_html(ex: PredictExercise, lang: str) -> str:
    """The two numbers of a prediction, why they differ, and their steps and sources."""
    cases = [(c.label(lang), c.comparison(), metric(ex.metric, c)) for c in (ex.base, ex.changed)]
    return page.predict_explain_html(METRICS[ex.metric][0][lang], cases, _METRIC_STEPS[ex.metric], ex.why[lang], lang)


def persona_choices() -> dict[str, tuple[dict, dict]]:
    """Persona picker entries: key -> (label {zh, en}, household app arguments)."""
    return {k: ({lg: f"{p.name[lg]} · {p.role[lg]}" for lg in ("zh", "en")}, case(k).app_kwargs())
            for k, p in PERSONAS.items()}


# --------------------------------------------------------------------------- tables and sources
COLUMNS = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain")


def case_row(c: Case) -> dict:
    """The numbers of a case for tables: money in yuan/year (None = not known)."""
    cmp = c.comparison()
    row = {k: getattr(cmp, k) for k in COLUMNS}
    row["break_even"] = metric("break_even", c)
    row["break_even_status"] = cmp.break_even_status
    row["unknown"] = tuple(u["field"] for u in cmp.unknown)
    return row


def break_even_text(c: Case, lang: str) -> str:
    cmp = c.comparison()
    return page.break_even_text(cmp.break_even_status, cmp.break_even_outpatient, lang)


def cases_table_html(cases: list[Case], lang: str = "zh") -> str:
    """A table of several cases side by side (the compare-cities view)."""
    rows = [(c.label(lang), [case_row(c)[k] for k in COLUMNS], break_even_text(c, lang)) for c in cases]
    return page.cases_table_html(rows, lang)


def session_cases(session: str) -> list[Case]:
    seen: list[Case] = []
    for ex in exercises(session):
        for c in ex.cases:
            if c not in seen:
                seen.append(c)
    return seen


def references(c: Case) -> list[Reference]:
    """The documents behind the rules a case uses (old and new rules, reform date)."""
    rs = rules_for(c.get("region"), c.get("date"))
    refs: list[Reference] = []
    for rules in (rs.old, rs.new):
        for concept in ("personal_account", "outpatient_pooling", "contribution_rates", "contribution_base"):
            refs += getattr(rules, concept).references
    return _unique(refs + list(rs.region.reform_references))


def _unique(refs: list[Reference]) -> list[Reference]:
    """One entry per cited document (the same document cited with different notes counts once)."""
    out, seen = [], set()
    for r in refs:
        key = (r.cite(), r.read_at)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def data_sources(c: Case) -> list[str]:
    """The data entries (``data/…yaml@date``) the case's numbers were read from."""
    out: list[str] = []
    for s in c.comparison().trace:
        for src in s.sources:
            if src.startswith("data/") and src not in out:
                out.append(src)
    return out


def sources_html(session: str) -> str:
    """Numbered sources of every case the session uses, with reliability marks."""
    return page.sources_html(_unique([r for c in session_cases(session) for r in references(c)]))


# --------------------------------------------------------------------------- trainer's check line
class KeyNumbers:
    """The session's answers in one line: plain text for nbval; on the participants' page an empty,
    hidden element (the answers are on the trainer's page, notebooks/trainer/answers.html)."""

    def __init__(self, session: str) -> None:
        self.session = session
        self.line = key_numbers(session)

    def __repr__(self) -> str:
        return self.line

    def _repr_html_(self) -> str:
        return page.key_numbers_html(self.line)

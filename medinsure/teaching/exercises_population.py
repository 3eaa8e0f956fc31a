"""The population page's exercises, with answers computed now by the library (no widgets)."""

from __future__ import annotations

from medinsure import population as pop
from medinsure import population_summary as summary
from medinsure.views.html import exercise_list
from medinsure.views.population import AGE_EDGES, BREAK_EVEN_QUANTILES, QUANTILES, SPENDING_EDGES, TOP_FRACTIONS
from medinsure.views.words import percent

# the notebook's example population: Wuhan after the second outpatient phase
EXAMPLE = {"region": "wuhan", "date": "2023-07-01", "n": 100_000, "seed": 1}


def _example(date: str | None = None, assumptions: pop.Assumptions | None = None) -> summary.Summary:
    r = pop.run(EXAMPLE["region"], date or EXAMPLE["date"], EXAMPLE["n"], EXAMPLE["seed"], assumptions)
    return summary.summarise(r, AGE_EDGES, SPENDING_EDGES, QUANTILES, TOP_FRACTIONS, BREAK_EVEN_QUANTILES)


def _answer_retired() -> dict:
    s = _example()
    g = s.by_status.share_gaining
    return {"zh": f"退休人员 {percent(g[1])} 多得，在职职工只有 {percent(g[0])}。",
            "en": f"{percent(g[1], 'en')} of retirees gain; only {percent(g[0], 'en')} of in-service employees do."}


def _answer_zero() -> dict:
    base = pop.assumptions_on(EXAMPLE["date"])
    before = _example().by_status.share_gaining[1]
    after = _example(assumptions=pop.with_spending(base, "retired", zero_share=0.3)).by_status.share_gaining[1]
    return {"zh": f"退休人员中多得者从 {percent(before)} 降到 {percent(after)}：不看门诊的人只剩下划入减少。",
            "en": f"The share of retirees who gain falls from {percent(before, 'en')} to {percent(after, 'en')}: "
                  "those with no bills only lose credit."}


def _answer_phases() -> dict:
    one, two = (_example(d).flows.share_returned[-1] for d in ("2023-02-01", "2023-04-10"))
    return {"zh": f"第一阶段约 {percent(one)}，第二阶段约 {percent(two)}：取消起付线、提高比例后，流回参保人的钱多得多。",
            "en": f"About {percent(one, 'en')} in phase one and {percent(two, 'en')} in phase two: without the deductible and "
                  "with higher ratios far more flows back to enrollees."}


def _answer_wage() -> dict:
    s = _example()
    g = s.by_wage.share_gaining
    return {"zh": f"工资最低的五分之一中 {percent(g[0])} 多得，最高的五分之一中只有 {percent(g[-1])}：旧划入按工资比例，"
                  "新划入比例更低，工资越高少划入越多，而门诊报销与工资无关。",
            "en": f"{percent(g[0], 'en')} of the lowest-paid fifth gain but only {percent(g[-1], 'en')} of the highest-paid: "
                  "credits were a share of the wage and the share fell, so higher earners lose more, while "
                  "reimbursement does not depend on the wage."}


EXERCISES = [
    ({"zh": "在默认的武汉模拟人群（2023-04-10 起的规则，10 万人）中，退休人员和在职职工各有多少比例每年资源多得？先猜，再看。",
      "en": "In the default Wuhan population (rules from 2023-04-10, 100,000 people), what share of retirees and of "
            "in-service employees gain resources a year? Guess first, then look."}, _answer_retired),
    ({"zh": "把“退休零门诊 Zero, retired”调到 30%（其余不变）。退休人员中多得者的比例变成多少？为什么？",
      "en": "Set \"退休零门诊 Zero, retired\" to 30% (nothing else changed). What share of retirees gains now, and why?"},
     _answer_zero),
    ({"zh": "比较武汉门诊共济的两个阶段（2023-02-01 有起付线；2023-04-10 取消起付线）：门诊统筹多报销的钱相当于账户少划入的多少？",
      "en": "Compare Wuhan's two outpatient phases (2023-02-01 with a deductible; 2023-04-10 without): the extra "
            "reimbursement is what share of the credit no longer paid into accounts?"}, _answer_phases),
    ({"zh": "在职职工中，工资最低和最高的五分之一，多得者比例各是多少？为什么不同？",
      "en": "Among in-service employees, what share of the lowest-paid and the highest-paid fifth gains? Why do they differ?"},
     _answer_wage),
]


def exercises_html(lang: str = "zh") -> str:
    """Questions with collapsible answers computed now by the library."""
    return exercise_list([(question, answer()) for question, answer in EXERCISES], lang)

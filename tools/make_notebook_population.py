"""Write notebooks/03-who-gains.ipynb (thin: it imports and calls).

Run: .venv/bin/python tools/make_notebook_population.py

Layout as the other notebooks (docs/HELPERS.md): what it answers; the app; what to notice; one
checked line of key numbers; the model beside the published figures; exercises; sources.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

OUT = Path(__file__).resolve().parent.parent / "notebooks" / "03-who-gains.ipynb"

OVERVIEW = """# 谁得益、谁吃亏 · Who gains, who loses

## 这本笔记回答什么 · What this notebook answers

改革的理由本身是一个关于人群的说法：“有病的不够花，没病的用不了”——账户里的钱沉淀在年轻、健康的人手里，
退休人员和慢性病患者却要自掏腰包；单位缴费转入统筹基金，用来支付门诊共济。那么，一个地区的参保人中，
到底有多少人多得、多少人少得？按年龄、工资、身份和门诊花费看又如何？“我的钱是不是被拿走了？”

下面的应用生成一个可复现的模拟参保人群（在职职工、退休人员、灵活就业人员，各有年龄、工资或养老金、
门诊费用），并用与家庭计算器**完全相同**的规则代码逐人计算改革前后的账户划入和门诊报销。人群分布中凡是
没有公开来源的部分都是标明的假设（`data/population/`），可以在左侧修改。

The reform's own justification is a claim about a population: "the sick do not have enough, the
healthy cannot use theirs" — account money piled up with the young and healthy while retirees
and chronic patients paid out of pocket, and employer contributions moved into the pooled fund
pay for outpatient pooling. So what share of a region's enrollees comes out ahead, by age, wage,
status and outpatient spending? Is "my money being taken"?

The app draws a reproducible synthetic population of employee enrollees (in service, retired,
flexibly employed, each with an age, a wage or pension and an outpatient bill) and computes the
old and new account credit and outpatient reimbursement of every person with **exactly the same**
rule code as the household calculator. Wherever no published source gives a distribution, the
value is a labelled assumption (`data/population/`) that you can change on the left."""

APP = """from medinsure.app.population import (population_explorer, key_numbers, show_reality_check,
                                     show_exercises, show_sources)

from medinsure.app.share import attach_share_box, follow_link

app = population_explorer(region="wuhan", date="2023-04-10", n=100_000, seed=1)
attach_share_box(app)
app"""

# A seeded simulation has no hand-computed result: this line pins its reproducibility (the same
# line is asserted in tests/test_population.py). Change both together, on purpose.
EXPECTED = ("wuhan 2023-04-10 n=100,000 seed=1: gain 27.0%, unchanged 0.0%, lose 73.0%; who gain: in service "
            "14.7%, retired 64.4%, flexible 8.8%; mean gain -454; per enrollee moved 1,382, returned 927; "
            "median break-even in service 1,550, retired 1,278")

NOTICE = """## 要注意什么 · What to notice

- 武汉的在职职工大多少得：旧划入是工资的 3.1%—4.5%，新划入只剩 2%，而大多数年轻职工一年的门诊费用不多。
  工资越高，少划入越多，门诊报销却与工资无关。
  Most of Wuhan's in-service employees lose: the old credit was 3.1–4.5% of the wage and the new one is 2%,
  while most young employees have small outpatient bills. The higher the wage, the bigger the cut;
  reimbursement does not depend on the wage.
- 大多数退休人员多得：他们的划入也减少了（养老金的 4.8% 变为每月 83 元），但门诊费用高，报销比例也更高。
  养老金越高的退休人员，少划入越多。
  Most retirees gain: their credit fell too (4.8% of the pension became 83 yuan a month), but they
  spend more on outpatient care and are reimbursed at higher ratios. The higher the pension, the bigger the cut.
- 灵活就业人员在武汉改革前后都没有个人账户，但改革前有门诊和购药补助（医保局答问：“最高约为1800元”，按账户划入计算），
  改革后没有了，换成门诊统筹报销：门诊费用少的多数少得。模型对每人都按 1,800 元计，可能略为低估其得益。
  Wuhan's flexibly employed had no account before or after, but before the reform an outpatient and drug
  subsidy ("at most about 1,800 yuan", counted like a credit by the bureau's FAQ); it ended and
  outpatient pooling came instead, so most with small bills lose. The model gives everyone the full 1,800,
  so it may understate their gain a little.
- “钱往哪里去”：账户少划入的钱留在统筹基金；其中多少当年以门诊报销回到参保人手中，取决于门诊共济的起付线和比例
  ——切换 2023-02-01 和 2023-04-10 看看。
  "Where the money goes": the credit no longer paid into accounts stays in the pooled fund; how much of
  it comes back the same year as outpatient reimbursement depends on the deductible and ratios — switch
  between 2023-02-01 and 2023-04-10.
- 这里的“资源增减”只比较一年的划入和报销。账户里已有的余额仍归本人；集中度一表说的是**每年的划入**和当年未用完的部分，
  不是余额（模型不含历年余额）。
  The "gain" compares one year's credit and reimbursement. Money already in an account stays its
  owner's; the concentration table is about the **yearly credit** and the part of it left unspent this
  year, not balances (the model holds no earlier balances).

打开时的示例数字 · The example's numbers when the page opens:"""

REALITY = """## 与公开统计对照 · The model beside the published figures

下表把国家医保局统计公报和湖南省医保局公布的数字，与模型按同样人数放大后的结果并列（模型的每人均值分别乘以
公布的在职和退休人数）。**模型只用了一个地区（武汉）的规则和工资，人群分布多为假设，所以只能比较量级。**
The table sets the figures of the NHSA statistical bulletins and of 湖南's bureau beside the model
scaled to the same enrollees (the model's per-person means times the published in-service and
retired counts). **The model uses one region's rules and wages (Wuhan) and mostly assumed
distributions, so only orders of magnitude compare.**"""

OFF = """### 模型在哪里偏离、为什么 · Where the model is off, and why

- **账户支出远低于公布数**：模型里账户只支付本人当年门诊的自付部分；实际账户还支付住院自付、药店购药、
  家庭成员费用和居民医保缴费，并动用历年余额。因此模型的“当年结余”远高于公布数。
  **Account spending is far below the published figure**: in the model the account pays only the own share
  of this year's outpatient bill; real accounts also pay inpatient own costs, pharmacy purchases, family
  members' bills and resident contributions, and draw on earlier balances. So the model's yearly surplus is far too high.
- **改革后的账户收入偏低**：武汉灵活就业人员不建账户、退休定额 83 元，而不少地区退休定额更高、
  灵活就业人员也有账户；2024 年的工资高于武汉 2022/23 年度的缴费基数，账户收入还包括利息。
  **Post-reform account income is low**: Wuhan gives the flexibly employed no account and retirees 83 yuan,
  while many regions give more and credit the flexibly employed; 2024 wages are above Wuhan's 2022/23
  base standard, and account income includes interest.
- **改革前的账户收入偏高、湖南的转移额偏高**：武汉旧规则的在职划入比例（3.1%—4.5%）和工资高于许多地区；
  公布的 2021 年账户收入本身是推算数（基金收入减统筹收入，统筹数只有一个第三方来源）。
  **Pre-reform account income and 湖南's moved amount are high**: Wuhan's old in-service shares and wages are
  above many regions'; the published 2021 account income is itself derived (fund income minus pooled
  income, the latter from one third-party page).
- **存量和流量不同**：湖南个人账户占基金累计结余的 51.4% 是存量；模型只有一年的流量。账户资金逐年沉淀而统筹基金
  当年花掉，所以存量中的账户比例高于流量比例——这正是改革要解决的问题。
  **Stock is not flow**: 湖南's 51.4% is the accounts' share of the accumulated balance; the model has one
  year's flows. Account money piles up while the pooled fund is spent, so the accounts' share of the stock is
  above their share of the flow — the problem the reform addresses.
- **在职与退休人数之比**是模型的输入，相同是必然的；**湖南退休人员划入不足 2,900 元的比例**检验的是养老金分布的假设。
  The **in-service to retired ratio** is an input, so it matches by construction; the **share of 湖南 retirees
  credited under 2,900 yuan** tests the assumed pension distribution."""

EXERCISES = """## 练习 · Exercises

先在上面的应用里找答案，再展开核对（答案由计算库实时算出）。
Find the answer with the app first, then open the answer (computed live by the library)."""

SOURCES = """## 出处 · Sources

规则、人群假设和对照用的公开数字各自的文件、文号、发布机构、生效日期与可靠性标记。
The documents behind the rules, the population assumptions and the published figures, with
number, issuer, effective date and reliability."""


def notebook() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(OVERVIEW),
        new_code_cell(APP),
        # before any printed line or exercise reads the app (a preheated kernel waits here)
        new_code_cell("follow_link(app)  # apply a shared link's values (waits for the visitor's request)"),
        new_markdown_cell(NOTICE),
        new_code_cell("print(key_numbers(app.result, app.model))", metadata={"tags": ["nbval-check-output"]},
                      execution_count=2, outputs=[new_output("stream", name="stdout", text=EXPECTED + "\n")]),
        new_markdown_cell(REALITY),
        new_code_cell("show_reality_check(app.model)"),
        new_markdown_cell(OFF),
        new_markdown_cell(EXERCISES),
        new_code_cell("show_exercises()"),
        new_markdown_cell(SOURCES),
        new_code_cell("show_sources(app.model)"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    nbformat.write(notebook(), OUT)
    print("wrote", OUT)

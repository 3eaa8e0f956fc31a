"""Write notebooks 04 (family mutual aid) and 05 (the account's life cycle).

Run: .venv/bin/python tools/make_notebook_family.py

Thin notebooks (import and call), QuantEcon layout: what this answers; the app; what to notice;
one checked line of key numbers; exercises answered by the library; sources. The only stored
output is the expected key-number line, which nbval compares with the live run; its values are
the hand-computed ones of tests/test_family.py and tests/test_lifecycle.py.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

OUT = Path(__file__).resolve().parent.parent / "notebooks"


def notebook(title: str, overview: str, app_code: str, notice: str, key_line: str, module: str) -> nbformat.NotebookNode:
    check = new_code_cell("print(key_numbers(app.result))", metadata={"tags": ["nbval-check-output"]})
    check.outputs = [new_output("stream", name="stdout", text=key_line + "\n")]
    check.execution_count = 1  # nbval compares only cells that were run
    cells = [
        new_markdown_cell(f"# {title}\n\n## 这本笔记回答什么 · What this notebook answers\n\n{overview}"),
        new_code_cell(f"from medinsure.app.{module} import key_numbers, show_exercises, show_sources\n"
                      "from medinsure.app.share import attach_share_box, follow_link\n"
                      f"{app_code}\nattach_share_box(app)\napp"),
        # before any printed line or exercise reads the app (a preheated kernel waits here)
        new_code_cell("follow_link(app)  # apply a shared link's values (waits for the visitor's request)"),
        new_markdown_cell(f"## 要注意什么 · What to notice\n\n{notice}\n\n"
                          "打开时的示例数字 · The example's numbers when the page opens:"),
        check,
        new_markdown_cell("## 练习 · Exercises\n\n先在上面的应用里找答案，再展开核对（答案由计算库实时算出）。\n"
                          "Find the answer with the app first, then open the answer (computed live by the library)."),
        new_code_cell("show_exercises()"),
        new_markdown_cell("## 出处 · Sources\n\n本页所用规则的文件、文号、发布机构、日期与可靠性标记。\n"
                          "Documents behind the rules used here, with number, issuer, dates and reliability."),
        new_code_cell("show_sources()"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


NOTEBOOKS = {
    "04-family-mutual-aid.ipynb": notebook(
        "家庭共济 · Family mutual aid",
        "职工医保个人账户可以给家人用吗？给谁、能付什么、够不够？2021 年起可以为配偶、父母、子女付医药费，2024 年 8 月起扩大到"
        "近亲属并可代缴居民医保，2026 年起可以跨省共济。下面的计算器把一位职工的余额和每年划入（改革前后）分给全家的预计费用，"
        "逐年看能覆盖多少；“跨省共济额度”一页把通知的规则做成可以操作的状态机。\n\n"
        "Can the employee's account pay for the family — for whom, for what, and how far does it go? From 2021 it "
        "may pay the costs of spouse, parents and children; from August 2024 of near relatives, including their "
        "resident-insurance contributions; from 2026 across provinces. The calculator spreads one employee's balance "
        "and yearly credit (before and after the reform) over the family's expected costs, year by year; the "
        "'cross-province quota' tab turns the notice's rules into a state machine you can operate.",
        'from medinsure.app.family import family_explainer\n\n'
        'app = family_explainer(region="wuhan", date="2025-03-01", status="in_service", age=45, wage=9000,\n'
        '                       outpatient=800, level="primary", balance=3000, years=5)',
        "- 改革后在职职工的划入变少（武汉 45 岁、基数 9,000 元：3,672 → 2,160 元/年），但门诊统筹让本人自付也变少"
        "（800 → 120 元），所以全家的缺口要几年后才出现。\n"
        "  The new credit is smaller (Wuhan, age 45, base 9,000: 3,672 → 2,160 a year), but outpatient pooling also "
        "cuts the enrollee's own share (800 → 120), so the family's shortfall appears only after a few years.\n"
        "- 把日期改到 2024 年 8 月 1 日以前：兄弟姐妹的费用不能再由账户支付，父母的居民医保缴费只在当地已“探索”允许时才能付。\n"
        "  Move the date before 1 August 2024: a sibling's costs may no longer be paid, and a parent's resident "
        "contribution only where the area allows it.\n"
        "- 在“跨省共济额度”页：圈定的额度共济人自己不能用；解除或共济人医保关系变动时，未用完的额度回到共济人账户；"
        "买健身卡会被拒绝。\n"
        "  In the cross-province tab: the sharer cannot use a ring-fenced quota; when the link ends, or the sharer's "
        "insurance changes, the unused part returns; a gym card is refused.",
        "credit 3,672.00 -> 2,160.00; old 2025: paid 3,600.00 of 3,600.00 allowed (0.00 not allowed); 5y coverage "
        "100%; new 2025: paid 2,920.00 of 2,920.00 allowed (0.00 not allowed); 5y coverage 95%",
        "family"),
    "05-account-life-cycle.ipynb": notebook(
        "个人账户的一生 · The account's life cycle",
        "账户里的钱归谁？年底会清零吗？换城市、去外省、出国定居、去世时怎么办？“医保卡”改成“记账户”后有什么变化？"
        "以湖南省本级的政策解读为例，选一个事件，看规则原文、出处和一笔余额的去向；再看按改革前后的划入，"
        "余额在今后若干年怎样变化。\n\n"
        "Whose is the money in the account? Is it cleared at year end? What happens on moving city or province, "
        "settling abroad, or death? What changed when the card (医保卡) gave way to the ledger account (记账户)? "
        "Using Hunan's provincial-level explainer: choose an event and see the rule, its source and what happens to "
        "a balance; then see how the balance develops over the years with the old and the new credit.",
        'from medinsure.app.lifecycle import lifecycle_explainer\n\n'
        'app = lifecycle_explainer(event="move_to_other_province", event_date="2024-06-01", card=5000, ledger=1200,\n'
        '                          region="hunan", date="2024-01-01", status="retired", age=66, pension=3500,\n'
        '                          start=2000, spending=1200, years=10)',
        "- 余额归本人所有、可以结转和依法继承，但参保期间一般不能取现；只有去世、出国（境）定居或跨制度变更参保并终止参保后，"
        "才能一次性支取。\n"
        "  The balance is the enrollee's, carries over and can be inherited, but cannot in general be taken as cash "
        "while insured; it can be withdrawn in one go only after death, settling abroad or leaving for another "
        "scheme, once enrolment ends.\n"
        "- 转到外省时，“记账户”余额随医保关系走，旧“医保卡”上的钱可以继续用或一次性取出。\n"
        "  On moving to another province the ledger balance moves with the insurance; money on the old card can be "
        "kept in use or withdrawn.\n"
        "- 湖南退休人员改革后每月划入 75 元；改革前的划入办法数据中未知，所以预测只画新办法一条线。换成武汉，可以比较新旧两条线。"
        "数据中没有利率，预测不计利息。\n"
        "  Hunan retirees get 75 yuan a month after the reform; the old rule is not known in the data, so only the "
        "new line is drawn — switch to Wuhan to compare both. The data gives no interest rate, so none is added.",
        "move_to_other_province: paid out 0.00, moves 1,200.00, choice 5,000.00, remains 0.00; projection hunan "
        "2024-2033: credit not known for this region -> 900.00, end balance not known for this region -> 0.00, "
        "interest none",
        "lifecycle"),
}

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, nb in NOTEBOOKS.items():
        nbformat.write(nb, OUT / name)
        print("wrote", OUT / name)

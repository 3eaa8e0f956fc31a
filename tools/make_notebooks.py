"""Write the teaching notebooks (thin: they import and call). Run: .venv/bin/python tools/make_notebooks.py

Kept as a script so that the notebooks stay lean (no saved outputs) and uniform in layout:
overview, the app, what to notice, exercises, sources.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

OUT = Path(__file__).resolve().parent.parent / "notebooks"


def notebook(title, overview, app_call, notice, topic, sources_call, expected):
    """``expected``: the key-numbers line nbval compares, typed from the hand-computed cases
    in tests/ (never copied from a run of the code)."""
    cells = [
        new_markdown_cell(f"# {title}\n\n## 这本笔记回答什么 · What this notebook answers\n\n{overview}"),
        new_code_cell("from medinsure.app import household_explainer\n"
                      "from medinsure.app.share import attach_share_box, follow_link\n"
                      "from medinsure.app.teaching import key_numbers, show_exercises, show_sources\n\n"
                      f"app = {app_call}\nattach_share_box(app)\napp"),
        # before any printed line or exercise reads the app (a preheated kernel waits here)
        new_code_cell("follow_link(app)  # apply a shared link's values (waits for the visitor's request)"),
        new_markdown_cell(f"## 要注意什么 · What to notice\n\n{notice}\n\n"
                          "打开时的示例数字 · The example's numbers when the page opens:"),
        new_code_cell("print(key_numbers(app.result))", metadata={"tags": ["nbval-check-output"]},
                      execution_count=2,
                      outputs=[new_output("stream", name="stdout", text=expected + "\n")]),
        new_markdown_cell("## 练习 · Exercises\n\n先在上面的应用里找答案，再展开核对（答案由计算库实时算出）。\n"
                          "Find the answer with the app first, then open the answer (computed live by the library)."),
        new_code_cell(f'show_exercises("{topic}")'),
        new_markdown_cell("## 出处 · Sources\n\n本页所用规则的文件、文号、发布机构、生效日期与可靠性标记。\n"
                          "Documents behind the rules used here, with number, issuer, effective date and reliability."),
        new_code_cell(sources_call),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


NOTEBOOKS = {
    "01-account-credits.ipynb": notebook(
        "旧账户 vs 新账户 · Old account vs new account",
        "改革后，在职职工的单位缴费不再划入个人账户，退休人员改为定额划入。每年少划入多少？"
        "门诊共济又报销回来多少？移动滑块，看看一个人的账户划入如何变化，每个数字都注明出处。\n\n"
        "After the reform the employer's contribution no longer goes into in-service accounts and "
        "retirees get a fixed amount. How much less goes in each year, and how much does outpatient "
        "pooling pay back? Move the sliders; every number names its source.",
        'household_explainer(region="wuhan", date="2023-02-01", status="retired", age=68,\n'
        '                          pension=4166.67, outpatient=7150, level="tertiary")',
        "- 武汉退休人员的划入从按本人养老金的 4.8%（70 岁及以上 5.1%）变为每月定额 83 元：养老金越高，减少越多。\n"
        "  A Wuhan retiree's credit changed from 4.8% of the own pension (5.1% from 70) to a flat 83 yuan a month: "
        "the higher the pension, the bigger the cut.\n"
        "- 在职职工只剩本人缴费的 2%；年龄越大，原来的比例越高，减少也越多。\n"
        "  In-service accounts keep only the own 2%; older employees had higher shares, so they lose more.\n"
        "- 账户里已有的余额仍归本人；图中比较的是每年新划入的钱。\n"
        "  Money already in the account stays the enrollee's; the chart compares the yearly inflow.",
        "account_credits",
        'show_sources("wuhan", "2023-03-01")',
        # E1 (policy_facts §3): 4.8% × 4,166.67 × 12 = 2,400; 83 × 12 = 996;
        # (7,150 − 500) × 60% = 3,990; 996 − 2,400 + 3,990 = 2,586; (S − 500) × 0.6 = 1,404 → 2,840
        "credit 2,400.00 -> 996.00; reimbursement 0.00 -> 3,990.00; gain 2,586.00; break-even found 2,840.00"),
    "02-outpatient-pooling.ipynb": notebook(
        "门诊共济能报多少 · How much does outpatient pooling pay?",
        "门诊统筹按起付线、报销比例和年度封顶线报销门诊费用。每年门诊花费达到多少时，多报销的钱能抵消账户少划入的钱？"
        "勾选“同时画在职与退休曲线”比较两类人。\n\n"
        "Outpatient pooling pays part of outpatient bills after a deductible, up to a yearly cap. At what "
        "yearly spending does the extra reimbursement make up for the smaller account credit? Tick the "
        "box to compare in-service and retired curves.",
        'household_explainer(region="wuhan", date="2023-04-10", status="in_service", age=30,\n'
        '                          wage=8000, outpatient=2000, level="primary", compare_statuses=True)',
        "- 曲线与零线的交点就是回本点：门诊花费越多越划算，直到封顶线让曲线变平。\n"
        "  Where the curve crosses zero is the break-even; more spending helps until the cap flattens the curve.\n"
        "- 退休人员的报销比例和封顶线更高，回本更早。\n"
        "  Retirees have higher ratios and caps, so they break even earlier.\n"
        "- 武汉 2023-04-10 起取消起付线并提高比例：切换“施行规则”日期看看回本点怎样移动。\n"
        "  Wuhan abolished the deductible and raised ratios from 2023-04-10: switch the rules date and watch the break-even move.",
        "outpatient_pooling",
        'show_sources("wuhan", "2023-04-10")',
        # 3.1% × 8,000 × 12 = 2,976; 2% × 8,000 × 12 = 1,920; 2,000 × 85% = 1,700;
        # 1,920 − 2,976 + 1,700 = 644; 0.85 × S = 1,056 → S = 1,242.35… → 1,242.36
        "credit 2,976.00 -> 1,920.00; reimbursement 0.00 -> 1,700.00; gain 644.00; break-even found 1,242.36"),
}

def start_page():
    nb = new_notebook(cells=[new_code_cell("from medinsure.app.landing import landing_page\n\nlanding_page()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


NOTEBOOKS["00-start.ipynb"] = start_page()

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, nb in NOTEBOOKS.items():
        nbformat.write(nb, OUT / name)
        print("wrote", OUT / name)

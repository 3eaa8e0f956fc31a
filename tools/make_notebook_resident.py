"""Write notebooks 06 (resident insurance) and 07 (flexible employment): thin, no saved outputs,
the QuantEcon layout (what it answers; the app; what to notice; key numbers; exercises; sources).

Run: .venv/bin/python tools/make_notebook_resident.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

OUT = Path(__file__).resolve().parent.parent / "notebooks"


def notebook(title: str, overview: str, imports: str, app_call: str, notice: str, expected: str,
             exercises_call: str, sources_call: str) -> nbformat.NotebookNode:
    """``expected`` is the key-numbers line, checked by hand; it is the only stored output, so that
    nbval compares it (a cell without a stored output is not compared)."""
    cells = [
        new_markdown_cell(f"# {title}\n\n## 这本笔记回答什么 · What this notebook answers\n\n{overview}"),
        new_code_cell(f"{imports}\nfrom medinsure.app.share import attach_share_box, follow_link\n\n"
                      f"app = {app_call}\nattach_share_box(app)\napp"),
        # before any printed line or exercise reads the app (a preheated kernel waits here)
        new_code_cell("follow_link(app)  # apply a shared link's values (waits for the visitor's request)"),
        new_markdown_cell(f"## 要注意什么 · What to notice\n\n{notice}\n\n"
                          "打开时的示例数字 · The example's numbers when the page opens:"),
        new_code_cell("print(key_numbers(app))", metadata={"tags": ["nbval-check-output"]},
                      outputs=[new_output("stream", name="stdout", text=expected + "\n")],
                      execution_count=1),
        new_markdown_cell("## 练习 · Exercises\n\n先在上面的应用里找答案，再展开核对（答案由计算库实时算出）。\n"
                          "Find the answer with the app first, then open the answer (computed live by the library)."),
        new_code_cell(exercises_call),
        new_markdown_cell("## 出处 · Sources\n\n本页所用规则的文件、文号、发布机构、生效日期、阅读地址与可靠性标记。\n"
                          "Documents behind the rules used here, with number, issuer, effective date, where they "
                          "were read and reliability."),
        new_code_cell(sources_call),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


NOTEBOOKS = {
    "06-resident-insurance.ipynb": notebook(
        "城乡居民医保 · Resident medical insurance",
        "没有工作单位的城乡居民（老人、孩子、未就业者）参加的是城乡居民医保：个人缴一部分，财政补助一部分。"
        "住院时，先扣起付线，再按费用分段报销；在区外、市外住院比例更低，乙类药品再低一些，每年有封顶线；"
        "晚参保要等几个月才能报销。这里以一份 2007 年宿豫区办法为完整示例（文本来自范文汇编页，可靠性低），"
        "并列出全国每年的最低筹资标准。\n\n"
        "Residents without an employer (older people, children, the non-employed) are covered by resident "
        "medical insurance: they pay part, public finance pays part. In hospital a deductible comes first, then "
        "the bill is reimbursed band by band; stays outside the district or city get lower ratios, category-B "
        "drugs lower still, and there is a yearly cap; enrolling late means waiting months before anything is "
        "paid. Suyu District's 2007 rules are the fully worked example (the text comes from a sample-essay "
        "page, low reliability), next to the national minimum funding per year.",
        "from medinsure.app.resident import key_numbers, resident_explainer, show_exercises, show_sources",
        'resident_explainer(region="suyu", age=65, sex="female", hospital_class="in_district",\n'
        '                         in_scope=20000, category_b=3000, enrolment="first",\n'
        '                         payment_date="2007-07-20", admission_date="2007-10-08")',
        "- 宿豫区 2007 年每人每年筹资 150 元：孩子、低保、残疾人个人只缴 30 元，劳动年龄的人缴 120 元，"
        "财政补足其余部分。\n"
        "  In Suyu (2007) each resident is funded with 150 yuan a year: children, minimum-income and disabled "
        "residents pay 30, working-age residents 120, and public finance pays the rest.\n"
        "- 原文把 18 岁、男 60 岁、女 55 岁同时列入两个人群，应用不替它选，而是说“未知”。\n"
        "  The text puts age 18, men of 60 and women of 55 in two groups at once; the app does not choose for it "
        "and says “not known”.\n"
        "- 报销按费用分段累计：费用越高，超出部分的比例越高，直到 4 万元封顶；切换医院看曲线如何下移。\n"
        "  Reimbursement adds up band by band: higher bills get higher ratios on the extra part, up to the "
        "40,000 cap; switch hospitals and watch the curve drop.\n"
        "- 把“缴费日”移到 2008 年以后，再看入院日在 6 个月内时的结果。\n"
        "  Move the payment day past 2007 and see what happens to an admission within 6 months.",
        # 65-year-old woman: 老年居民 60 + 财政 90 = 150. Bill 20,000 in the district with 3,000 乙类
        # (15%): 4,500 × 48.5% + 5,000 × 53.5% + 10,000 × 58.5% = 10,707.50; patient 9,292.50.
        "suyu elderly: individual 60.00 + subsidies 90.00 = 150.00; in_district bill 20,000.00 "
        "(B 3,000.00) -> fund 10,707.50, own 9,292.50",
        "show_exercises()",
        "show_sources()"),
    "07-flexible-employment.ipynb": notebook(
        "灵活就业人员 · Flexibly employed",
        "个体户和灵活就业人员可以参加职工医保，但要自己缴全部费用：按自己选的缴费基数（一般为当地平均工资的 60%–300%）"
        "乘以费率。改革后，他们有没有个人账户？门诊统筹又给他们报多少？各地不同，很多地方的数字还没有查到——"
        "应用会照实说“本地区未知”。\n\n"
        "Self-employed and flexibly employed people can join employee medical insurance but pay everything "
        "themselves: a rate times the base they choose (usually 60%–300% of the local average wage). After the "
        "reform, do they get a personal account, and what does outpatient pooling pay them? It differs by region, "
        "and for many regions the numbers were not found — the app says so (“not known for this region”).",
        "from medinsure.app.flexible import flexible_explainer, key_numbers, show_exercises, show_sources",
        'flexible_explainer(date="2023-03-01", base_choice="default", outpatient=3000,\n'
        '                         level="primary", focus="wuhan")',
        "- 武汉灵活就业人员按上年度全市职工月平均工资 6,795 元的 6% 加每月 7 元大额缴费（每月 414.70 元），"
        "改革前后都没有个人账户，但 2023-02-01 起按在职职工规则享受门诊统筹。\n"
        "  In Wuhan a flexibly employed person pays 6% of last year's city average wage of 6,795 plus 7 yuan a "
        "month (414.70 a month), gets no account before or after the reform, but from 2023-02-01 has outpatient "
        "pooling under the in-service rules.\n"
        "- 广州的灵活就业人员（统账结合）按本人缴费基数的 2% 划入个人账户；选“下限”看看金额。\n"
        "  In Guangzhou flexibly employed enrollees get 2% of their own base in the account; pick “Floor” to see it.\n"
        "- 重庆个人参保一档每年 2,670 元（53,400 × 4% + 1% 大额）；二档没有录入数据。\n"
        "  Chongqing's tier 1 for individual enrollees is 2,670 a year (53,400 × 4% + 1%); tier 2 is not in the data.\n"
        "- 图中没有出现的地区：三项都未知——这是资料的缺口，不是零。\n"
        "  Regions missing from the chart have nothing known — a gap in the sources, not a zero.",
        # E14: 6,795 × 6% = 407.70 + 7 = 414.70 a month, 4,976.40 a year; no account; outpatient
        # phase 1 (in-service rules): (3,000 − 700) × 80% = 1,840.
        "wuhan 2023-03-01: contribution 414.70/month 4,976.40/year; account none 0.00; "
        "outpatient in_service 1,840.00",
        "show_exercises()",
        'show_sources("2023-03-01")'),
}

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, nb in NOTEBOOKS.items():
        nbformat.write(nb, OUT / name)
        print("wrote", OUT / name)

"""Write notebooks 08 (the fund in numbers) and 09 (myths checked against the rules).

Run: .venv/bin/python tools/make_notebook_fund.py

Thin notebooks (they import and call), no saved outputs, the QuantEcon layout of
docs/HELPERS.md: what it answers; the app; what to notice; one checked line of key numbers;
exercises computed by the library; sources.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

OUT = Path(__file__).resolve().parent.parent / "notebooks"


# The key-numbers lines nbval compares, checked by hand against policy_facts.md §5 and the rules:
# 2021 公报 11,753.98 / (11,753.98 + 17,685.74) = 39.93%; 2022 快报 13,533.79 / 35,003.83 = 38.66%;
# 2024 公报 14,471.75 / (14,471.75 + 30,445.50) = 32.22%; 26,106 / 9,324 = 2.80;
# 6,390.01 − 5,879.83 = 510.18. Myths (Wuhan, base 8,000): 2% × 8,000 × 12 = 1,920;
# (3.4% − 2%) × 8,000 × 12 = 1,344; own 1,920 + 7 × 12 = 2,004; (2,400 − 996) / 2,400 = 58.50%.
EXPECTED = {
    "fund": "account share (balance): 2021 gongbao 39.93%, 2022 kuaibao 38.66%, 2024 gongbao 32.22%; "
            "Hunan 2021 51.39% (printed 51.40%); in-service:retired 2021 2.80; accounts net 2024 510.18; "
            "outpatient uses 2023 3.26",
    "myths": "m1 false wuhan 1,920.00 hunan 1,920.00; m2 false moved 1,344.00; m3 false pooled "
             "17,685.74 -> 30,445.50; m4 false own 2,004.00 = 2,004.00; m5 true cut 58.50%; m6 partly "
             "wuhan 0.00 guangzhou 1,920.00",
}


def notebook(title: str, overview: str, module: str, app_call: str, notice: str) -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(f"# {title}\n\n## 这本笔记回答什么 · What this notebook answers\n\n{overview}"),
        new_code_cell(f"from medinsure.app.{module} import {app_call.split('(')[0]}, key_numbers, "
                      f"show_exercises, show_sources\nfrom medinsure.app.share import attach_share_box, follow_link\n\n"
                      f"app = {app_call}\nattach_share_box(app)\napp"),
        # before any printed line or exercise reads the app (a preheated kernel waits here)
        new_code_cell("follow_link(app)  # apply a shared link's values (waits for the visitor's request)"),
        new_markdown_cell(f"## 要注意什么 · What to notice\n\n{notice}\n\n"
                          "打开时的关键数字 · The key numbers when the page opens:"),
        new_code_cell("print(key_numbers())", metadata={"tags": ["nbval-check-output"]}, execution_count=2,
                      outputs=[new_output("stream", name="stdout", text=EXPECTED[module] + "\n")]),
        new_markdown_cell("## 练习 · Exercises\n\n先在上面的应用里找答案，再展开核对（答案由计算库实时算出）。\n"
                          "Find the answer with the app first, then open the answer (computed live by the library)."),
        new_code_cell("show_exercises()"),
        new_markdown_cell("## 出处 · Sources\n\n本页数字所依据的文件、文号、发布机构、日期与可靠性标记。\n"
                          "Documents behind the numbers here, with number, issuer, date and reliability."),
        new_code_cell("show_sources()"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


NOTEBOOKS = {
    "08-fund-statistics.ipynb": notebook(
        "医保基金的账本 · The fund in numbers",
        "个人账户里的钱有多少？统筹基金呢？改革前后两者的比例怎样变化？本页把国家医保局统计快报、统计公报（经媒体转载）"
        "和湖南省的数字按年份、按来源分开列出：快报与公报不混用，未查到的写明未查到，推算的标明推算。\n\n"
        "How much money sits in personal accounts, and how much in the pooled fund? How did the split change "
        "around the reform? This page lists the NHSA quick reports, statistical bulletins (as reprinted) and "
        "Hunan's figures by year and by release: quick-report and bulletin figures are never mixed, what was "
        "not found says so, and derived numbers are marked.",
        "fund",
        'fund_explorer(year=2024, basis="balance")',
        "- 个人账户占职工医保基金累计结存的比例从 2021 年（公报）约四成降到 2024 年（公报）约三分之一；"
        "2022 年只有快报同时给出两个数，图中用斜线标出。\n"
        "  The accounts' share of the employee fund's balance fell from about two fifths in 2021 (bulletin) "
        "to about a third in 2024 (bulletin); for 2022 only the quick report gives both figures (hatched).\n"
        "- 湖南 2021 年个人账户占比超过一半，高于全国；图下注明原文百分比和按金额算出的百分比。\n"
        "  In Hunan accounts held more than half of the 2021 balance, more than nationally; the chart notes the "
        "printed percentage and the one computed from the amounts.\n"
        "- 每名退休人员对应的在职人数在下降；门诊待遇人次只查到 2023 年一个可靠数字，2024 年的转载稿缺字。\n"
        "  There are fewer workers per retiree; for outpatient benefit uses only 2023 has a clean figure, the "
        "2024 reprint is garbled.\n"
        "- 展开下方表格可看到每个数字的来源、可靠性和说明；切换“来源”看快报与公报的差别。\n"
        "  Open the table for each figure's source, reliability and note; switch the release to compare "
        "quick report and bulletin."),
    "09-myths.ipynb": notebook(
        "辟谣：用规则和数字核对 · Myths, checked against the rules",
        "网上流传的几种说法——“2024年起职工医保缴费不再划入个人账户”“我的钱被国家拿走了”“个账越改越少，是不是基金没钱了”"
        "等——逐条对照文件和数据核对：结论（不实 / 部分属实 / 属实）、一段中英文解释、所依据的文件（文号与日期），以及由计算库实时算出的数字。"
        "移动滑块，数字和结论随之重算。\n\n"
        "Claims that circulate — \"from 2024 nothing goes into the account\", \"the state took my money\", "
        "\"accounts shrink because the fund is broke\" and others — each checked against the documents and the "
        "data: a verdict (false / partly true / true), a paragraph in Chinese and English, the documents with "
        "number and date, and numbers computed live by the library. Move the sliders: numbers and verdicts follow.",
        "myths",
        'myth_checker(claim="m1")',
        "- 结论由实时数字决定：选第 5 条（退休人员划入少了一多半），把“月养老金”慢慢调低，结论会从“属实”变为“部分属实”"
        "（转折点见练习 2）。\n"
        "  Verdicts follow the live numbers: pick claim 5 and lower the pension; the verdict turns from true to "
        "partly true (exercise 2 finds where).\n"
        "- 改革改的是单位缴费的去向，不是本人缴费多少：本人缴费仍全部计入账户（第 1、4 条）。\n"
        "  The reform changed where the employer's part goes, not what the employee pays; the own "
        "contribution is still credited (claims 1 and 4).\n"
        "- 灵活就业人员的账户因地区而异（第 6 条），所以结论是“部分属实”。\n"
        "  Accounts for the flexibly employed differ by region (claim 6), hence \"partly true\"."),
}

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, nb in NOTEBOOKS.items():
        nbformat.write(nb, OUT / name)
        print("wrote", OUT / name)

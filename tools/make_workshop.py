"""Write the workshop kit: notebooks/workshop/*.ipynb, docs/trainer-guide.md, docs/handout.html, the
trainer's answer page notebooks/trainer/answers.html, and the trainer's kit of tools/trainer_kit.py (docs/run-sheet.md, docs/opening-script.md,
docs/participant-handout.md, and every page as printable HTML under notebooks/trainer/).

Run: .venv/bin/python tools/make_workshop.py

Every answer, number and source in these files is computed now by the library from data/
(medinsure.teaching.workshop); nothing is typed in. tests/test_workshop.py regenerates the kit into a
temporary folder and fails when the committed files differ, so after a change in data/ run this
script again. Output is deterministic (fixed cell ids, no time stamps).
"""

from __future__ import annotations

import html
import importlib.util
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from medinsure.rules import load_region
from medinsure.teaching import workshop
from medinsure.views import trace_text, words
from medinsure.views.words import money, notice_text, unknown_note

LANGS = ("zh", "en")
PLAN = (  # (start minute, minutes, {zh, en} what, {zh, en} project, notebook or None)
    (0, 10, {"zh": "开场：改革改了什么（以武汉退休人员为例）", "en": "Opening: what the reform changed (a Wuhan retiree)"},
     {"zh": "旧账户 vs 新账户 应用", "en": "the Old vs new account app"}, "01-account-credits.ipynb"),
    (10, 25, workshop.SESSIONS["01-personas"]["title"], {"zh": "人物选择 + 家庭计算器", "en": "persona picker + household app"},
     "workshop/01-personas.ipynb"),
    (35, 5, {"zh": "休息", "en": "Break"}, {"zh": "—", "en": "—"}, None),
    (40, 20, workshop.SESSIONS["02-break-even"]["title"], {"zh": "老王的回本曲线", "en": "Lao Wang's break-even curve"},
     "workshop/02-break-even.ipynb"),
    (60, 20, workshop.SESSIONS["03-compare-cities"]["title"], {"zh": "人物选择，切换地区", "en": "persona picker, switch the region"},
     "workshop/03-compare-cities.ipynb"),
    (80, 10, {"zh": "总结：工具知道什么、不知道什么；发讲义", "en": "Wrap-up: what the tool knows and does not; hand out"},
     {"zh": "学员讲义 docs/participant-handout.md", "en": "the participant handout docs/participant-handout.md"}, None),
)
BASE_URL = "http://127.0.0.1:8866/voila/render/"


# --------------------------------------------------------------------------- notebooks
def _cell_id(session: str, i: int) -> str:
    return f"{session[:2]}-cell-{i}"


def notebook(session: str) -> nbformat.NotebookNode:
    s = workshop.SESSIONS[session]
    number = session[:2].lstrip("0")
    notice = "\n".join(f"- {n['zh']}\n  {n['en']}" for n in s["notice"])
    check = workshop.KeyNumbers(session)
    check_cell = new_code_cell(f'workshop.trainer_check("{session}")',
                               metadata={"tags": ["nbval-check-output"]}, execution_count=1)
    # The only stored output: the key numbers nbval compares against (generated here by the library).
    check_cell.outputs = [new_output("execute_result", execution_count=1,
                                     data={"text/plain": repr(check), "text/html": check._repr_html_()})]
    cells = [
        new_markdown_cell(f"# 工作坊第{number}节 · {s['title']['zh']} · Workshop {number}: {s['title']['en']}\n\n"
                          f"## 这本笔记回答什么 · What this notebook answers\n\n{s['answers']['zh']}\n\n"
                          f"{s['answers']['en']}\n\n时间 Time: {s['minutes']} 分钟 minutes"),
        new_code_cell(f'from medinsure.app import workshop\nfrom medinsure.app.share import attach_share_box, follow_link\n\n'
                      f'app = workshop.session_app("{session}")\nattach_share_box(app)\napp'),
        # before the exercises read anything (a preheated kernel waits here for its visitor)
        new_code_cell("follow_link(app)  # apply a shared link's values (waits for the visitor's request)"),
        new_markdown_cell(f"## 要注意什么 · What to notice\n\n{notice}"),
        check_cell,
        new_markdown_cell("## 练习 · Exercises\n\n先用上面的应用找答案，再在下面输入并点“核对 Check”；答错后会提示怎么算。"
                          "答案由计算库从规则数据实时算出。\n\n"
                          "Find the answer with the app above, type it below and press “核对 Check”; a wrong try "
                          "says how to work it out. The answers are computed live from the rules data."),
        new_code_cell(f'workshop.show_session("{session}")'),
        new_markdown_cell("## 出处 · Sources\n\n本页所用规则的文件、文号、发布机构、生效日期与可靠性标记。\n"
                          "Documents behind the rules used on this page, with number, issuer, effective date and reliability."),
        new_code_cell(f'workshop.show_sources("{session}")'),
    ]
    for i, c in enumerate(cells, 1):
        c["id"] = _cell_id(session, i)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


# --------------------------------------------------------------------------- trainer's guide
def _steps_md(c: workshop.Case, keys: tuple[str, ...], lang: str) -> list[str]:
    by_key = {s.key: s for s in c.comparison().trace}
    out = []
    for k in keys:
        s = by_key[k]
        srcs = [x for x in s.sources if x.startswith("data/")]
        refs = "; ".join(r.cite(lang) for r in s.references)
        where = f" — `{'`, `'.join(srcs)}`" if srcs else ""
        out.append(f"  - {trace_text.label(s, 'zh')}: {trace_text.formula(s, 'zh')}  \n    {trace_text.label(s, 'en')}: {trace_text.formula(s, 'en')}"
                   + (f"  \n    出处 Source: {refs}{where}" if refs else ""))
    return out


def _exercise_md(ex: workshop.Exercise) -> list[str]:
    out = [f"#### {ex.key}", "", f"- **问 Q**: {ex.question['zh']}", f"  {ex.question['en']}"]
    if isinstance(ex, workshop.NumberExercise):
        tol = (f"（误差 {money(ex.tolerance)} 以内算对 · within {money(ex.tolerance, 'en')} counts）"
               if ex.tolerance > 0.01 else "")
        out.append(f"- **答案 Answer**: **{workshop.answer_text(ex, 'zh')}** · {workshop.answer_text(ex, 'en')}{tol}")
        out.append(f"- **怎么算 How**: {ex.how['zh']} · {ex.how['en']}")
        for c, keys in ex.steps:
            out.append(f"  - *{c.label('zh')}*")
            out += ["  " + line for line in _steps_md(c, keys, "zh")]
    elif isinstance(ex, workshop.PredictExercise):
        out.append(f"- **答案 Answer**: **{workshop.answer_text(ex, 'zh')}** · {workshop.answer_text(ex, 'en')}"
                   f" — {workshop.METRICS[ex.metric][0]['zh']} · {workshop.METRICS[ex.metric][0]['en']}")
        out.append(f"- **为什么 Why**: {ex.why['zh']} {ex.why['en']}")
        for c in (ex.base, ex.changed):
            out.append(f"  - *{c.label('zh')}*")
            out += ["  " + line for line in _steps_md(c, workshop._METRIC_STEPS[ex.metric], "zh")]
        out.append("- 揭晓后页面会打开变化后的家庭计算器，请学员拖动滑块自己验证。"
                   " After the reveal the household app opens on the changed case; let people check with the sliders.")
    else:
        cmp = ex.case.comparison()
        out.append(f"- **工具怎么说 What the tool says**: {workshop.answer_text(ex, 'zh')}")
        known = [f"{k} = {money(getattr(cmp, k))}" for k in workshop.COLUMNS if getattr(cmp, k) is not None]
        out.append(f"  - 算得出 Computed: {'; '.join(known) or '—'}")
        for u in cmp.unknown:
            out.append(f"  - `{u['field']}`: {unknown_note(u, 'zh')}  \n    {unknown_note(u, 'en')}")
        for n in cmp.notices:
            out.append(f"  - 注意 Note: {notice_text(n, 'zh')} {notice_text(n, 'en')}")
        out.append(f"- **讨论 Discuss**: {ex.discussion['zh']} {ex.discussion['en']}")
    out.append("")
    return out


def _cases_md(cases: list[workshop.Case]) -> list[str]:
    head = ("情形 Case | 旧划入 Old credit | 新划入 New credit | 旧报销 Old reimb. | 新报销 New reimb. | "
            "资源增减 Gain | 回本 Break-even")
    out = [f"| {head} |", "|" + "---|" * 7]
    for c in cases:
        r = workshop.case_row(c)
        cells = " | ".join(money(r[k]) for k in workshop.COLUMNS)
        out.append(f"| {c.label('zh')} · {c.label('en')} | {cells} | {workshop.break_even_text(c, 'zh')} |")
    return out


def trainer_guide() -> str:
    L: list[str] = []
    add = L.append
    add("# 培训老师指南：90 分钟讲清职工医保个人账户改革 · Trainer's guide: the account reform in 90 minutes")
    add("")
    add("> 本文件由 `tools/make_workshop.py` 生成：所有答案由计算库从 `data/` 算出，请勿手改；数据更新后重新运行该脚本"
        "（`tests/test_workshop.py` 会发现过期的答案）。")
    add("> Generated by `tools/make_workshop.py`: every answer is computed by the library from `data/`. Do not "
        "edit by hand; run the script again after the data changes (`tests/test_workshop.py` catches stale answers).")
    add("")
    add("## 对象与目标 · Audience and aims")
    add("")
    add("- 对象：医保经办人员、记者，20–40 人，每人一台电脑或手机浏览器。"
        " Audience: 20–40 medical-insurance staff or journalists, each with a browser.")
    add("- 目标：会用工具算出一个人改革前后的账户划入、门诊报销和回本点；会读每个数字的出处；"
        "遇到“未查到”“无法算出”时会说明原因而不是猜数。"
        " Aims: compute one person's credit, reimbursement and break-even before and after the reform; read "
        "each number's source; when the tool says a rule was \"not found\", explain why instead of guessing.")
    add("")
    add("## 开课前 · Before the day")
    add("")
    add("1. 按 `docs/hosting.md` 的“离线笔记本电脑”一节准备一台 Debian 笔记本，"
        "学员连同一个 Wi-Fi（可以是不联网的路由器或手机热点）。"
        " Set up one Debian laptop as in `docs/hosting.md` (offline laptop); "
        "participants join the same Wi-Fi (a router or hotspot without internet is fine).")
    add("2. 提前 10 分钟启动，为每位学员预热一个内核（以 30 人为例，每个内核约占 110 MB 内存）："
        " Ten minutes before, start the server with one preheated kernel per participant "
        "(30 here; about 110 MB of memory each):")
    add("")
    add("   ```bash")
    add("   ./run app --ip 0.0.0.0 --pool-for workshop/01-personas.ipynb=30")
    add("   # 内存 12 GB 以上时，后两节也预热 · with 12 GB of memory or more, preheat the later sessions too:")
    add("   ./run app --ip 0.0.0.0 --pool-for workshop/01-personas.ipynb=30 \\")
    add("       --pool-for workshop/02-break-even.ipynb=30 --pool-for workshop/03-compare-cities.ipynb=30")
    add("   ```")
    add("")
    add("   内核轮流预热，每个约 3 CPU 秒：30 个约 2 分钟，90 个约 6 分钟。预热好的内核会一直等到学员来，"
        "早开多久都可以（实测：等 200 秒后 30 页同时打开，30 页都在 5 秒内出现数字）。预热池用完后再来的学员"
        "会立即得到新内核，约 3 秒打开（实测 3.1–4.8 秒）；若只预热了第一节，请学员分批打开后面的笔记。"
        " Kernels warm up in turns, about 3 CPU-seconds each: 30 take about 2 minutes, 90 about 6. A "
        "preheated kernel waits as long as it takes, so start as early as you like (measured: after 200 s "
        "of waiting, 30 pages opened at once all showed their numbers within 5 s). A participant who "
        "comes after the pool is used up gets a fresh kernel at once and waits about 3 s (measured "
        "3.1–4.8 s); if only the first session is preheated, let participants open the later notebooks "
        "a few at a time.")
    add("3. 然后逐个打开下面三本笔记，确认页面出现、数字与本指南一致。"
        " Then open the three notebooks below and check the numbers match this guide.")
    add("4. 打印人物资料页 `docs/handout.html`（浏览器“打印”，A4，每位人物一页）和学员讲义 "
        "`docs/participant-handout.md`；流程单见 `docs/run-sheet.md`，开场讲稿见 `docs/opening-script.md`"
        "（起始页“培训者资料”一节链接它们）。"
        " Print the persona sheets `docs/handout.html` (browser Print, A4, one page per persona) and the "
        "participant handout `docs/participant-handout.md`; the run sheet is `docs/run-sheet.md`, the opening "
        "script `docs/opening-script.md` (linked from the start page's \"For trainers\" section).")
    add("")
    add("学员打开的地址（把 127.0.0.1 换成笔记本的局域网地址）· Addresses for participants (replace 127.0.0.1 with "
        "the laptop's address on the room network):")
    add("")
    for session in workshop.SESSIONS:
        add(f"- `{BASE_URL}workshop/{session}.ipynb`")
    add("")
    add("## 90 分钟安排 · The 90-minute plan")
    add("")
    add("| 时间 Time | 分钟 Min | 内容 What | 投影 Project | 页面 Page |")
    add("|---|---|---|---|---|")
    for start, minutes, what, project, nb in PLAN:
        t = f"{start // 60}:{start % 60:02d}–{(start + minutes) // 60}:{(start + minutes) % 60:02d}"
        page = f"`{nb}`" if nb else "—"
        add(f"| {t} | {minutes} | {what['zh']} · {what['en']} | {project['zh']} · {project['en']} | {page} |")
    total = sum(p[1] for p in PLAN)
    add(f"| | **{total}** | | | |")
    add("")
    for session, s in workshop.SESSIONS.items():
        add(f"## {session[:2].lstrip('0')}. {s['title']['zh']} · {s['title']['en']} ({s['minutes']} 分钟 min)")
        add("")
        add(f"**投影 Project**: `{BASE_URL}workshop/{session}.ipynb`")
        add("")
        add(f"{s['answers']['zh']} {s['answers']['en']}")
        add("")
        add("### 要注意什么 · What to notice")
        add("")
        for n in s["notice"]:
            add(f"- {n['zh']}  \n  {n['en']}")
        add("")
        add("### 问题与答案 · Questions and answers")
        add("")
        for ex in workshop.exercises(session):
            L.extend(_exercise_md(ex))
        add("### 本节用到的情形 · Cases in this session")
        add("")
        L.extend(_cases_md(workshop.session_cases(session)))
        add("")
        add(f"本页答案一行（nbval 核对，学员看不到；答案页 `trainer/answers.html` 有全部答案）· The page's answers in "
            f"one line (checked by nbval, hidden from participants; every answer is on `trainer/answers.html`): "
            f"`{workshop.key_numbers(session)}`")
        add("")
    add("## 故障排除 · Troubleshooting")
    add("")
    trouble = (
        ('没有网络 · No internet',
         '工具完全在笔记本上运行：规则数据、图表用的中文字体都随软件包提供，不需要联网。页面请求一个图标字体会失败，不影响使用。只需开课前装好（见 `docs/hosting.md`）。',
         ('Everything runs on the laptop: the rules data and the Chinese chart font ship with the package. The '
           "page's request for an icon font fails harmlessly. Install beforehand (see `docs/hosting.md`).")),
        ('页面空白或很慢 · Blank page or slow kernel',
         ('每个页面各自启动一个计算内核；全班同时打开时，2 核笔记本上最后一位可能要等十几秒。请分批打开（按座位两排一批），或用启动器的预热池（`./run app --pool-for workshop/01-personas.ipynb=20`）。'
           '仍空白时刷新页面。'),
         ('Each page starts its own kernel; with the whole room opening at once, the last page may take 10–20 s '
           "on a 2-core laptop. Open in batches (two rows at a time) or use the launcher's preheated pool (`./run "
           'app --pool-for workshop/01-personas.ipynb=20`). Reload a page that stays blank.')),
        ('控件不再响应 · Widgets stop responding',
         '页面断开连接（电脑休眠、Wi-Fi 断开）约 2 分钟后，其内核会被回收，控件不再响应。刷新页面即可，答案需重新填写。',
         ('When a page loses its connection (laptop asleep, Wi-Fi dropped) for about 2 minutes its kernel is culled '
           'and the widgets stop reacting. Reload the page and answer again.')),
        ('“未查到”“无法算出” · "Not found", "cannot be worked out"',
         '这是有意的：该地区的数据没有找到可靠出处，工具不估算。页面用一句话说明哪条规则未查到；展开其下的“详情”，读数据里的说明（缺什么、为什么）。练习 1.5、1.7 就是讨论这个。',
         ('On purpose: no reliable source was found, so the tool does not estimate. The page says in one sentence '
           "which rule was not found; open its \"Details\" to read the data's note on what is missing and why. "
           "Exercises 1.5 and 1.7 are about this.")),
        ('答案差几分钱 · Answer off by a few fen',
         '金额按分核对（回本点允许 1 元误差）。每月划入按分四舍五入后乘 12；请按页面显示的数字计算。',
         ('Money is checked to the fen (break-even within 1 yuan). Monthly credits are rounded to the fen before '
           'multiplying by 12; work from the numbers on the page.')),
        ('中文显示成方框 · Chinese shows as boxes',
         '图表在服务器端用随包字体绘制，不会出错；若网页文字是方框，是学员电脑缺中文字体，换一台或装字体（Debian: fonts-noto-cjk）。',
         ("Charts are drawn on the server with the shipped font; if page text shows boxes, the participant's computer "
           'lacks a Chinese font (Debian: fonts-noto-cjk).')),
        ('端口被占用 · Port in use',
         '`./run app --port 9000`，地址中的 8866 相应改为 9000。',
         '`./run app --port 9000` and use 9000 instead of 8866 in the addresses.'),
    )
    for title, zh, en in trouble:
        add(f"- **{title}**: {zh}  \n  {en}")
    add("")
    return "\n".join(L)


def answers_page() -> str:
    """The trainer's answer page (notebooks/trainer/answers.html, on the trainer's own screen):
    every exercise's computed answer and working, session by session, and each persona's numbers."""
    L = ["# 培训老师答案页 · Trainer's answers", "",
         "> 只在培训老师自己的屏幕上打开，不要投影。学员页面只能核对自己的答案，没有“显示答案”。"
         " Open on your own screen only, do not project. The participants' pages only check their own "
         "answer; there is no \"show answer\" there.", "",
         "> 由 `tools/make_workshop.py` 从 `data/` 算出，请勿手改。 Computed from `data/` by "
         "`tools/make_workshop.py`; do not edit by hand.", "",
         "## 四位人物 · The four personas", ""]
    L += _cases_md([workshop.case(k) for k in workshop.PERSONAS])
    L.append("")
    for session, s in workshop.SESSIONS.items():
        L += [f"## {session[:2].lstrip('0')}. {s['title']['zh']} · {s['title']['en']}", "",
              f"学员页面 Participants' page: `{BASE_URL}workshop/{session}.ipynb`", ""]
        for ex in workshop.exercises(session):
            L.extend(_exercise_md(ex))
        L += ["### 本节用到的情形 · Cases in this session", ""]
        L += _cases_md(workshop.session_cases(session))
        L += ["", f"一行核对 Check line: `{workshop.key_numbers(session)}`", ""]
    return "\n".join(L)


# --------------------------------------------------------------------------- handout
_CSS = """
@page { size: A4; margin: 10mm 12mm 9mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "DejaVu Sans", sans-serif; font-size: 9pt; line-height: 1.32; color: #222; margin: 0; }
.page { page-break-after: always; break-after: page; max-width: 186mm; margin: 0 auto 10mm auto; }
.page:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 14pt; margin: 0 0 1mm 0; } h1 small { font-size: 9.5pt; color: #555; font-weight: normal; }
h2 { font-size: 10.5pt; margin: 2.5mm 0 1mm 0; border-bottom: 1px solid #999; }
p { margin: 1mm 0; } ul { margin: 1mm 0; padding-left: 5mm; }
.en { color: #555; }
table { border-collapse: collapse; width: 100%; margin: 0.5mm 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.6mm 1.5mm; text-align: left; vertical-align: top; }
th { white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: bold; }
.unknown td { background: #fff8e1; } .unknown td.num { font-weight: normal; }
.notes { font-size: 7.5pt; line-height: 1.25; } .sources { font-size: 7.5pt; line-height: 1.3; } .sources li { margin-bottom: 0.4mm; }
.url { color: #444; word-break: break-all; }
.foot { font-size: 7pt; color: #777; margin-top: 2mm; }
@media screen { body { background: #eee; } .page { background: #fff; padding: 10mm; box-shadow: 0 0 4px #aaa; } }
"""

_ROWS = (("credit_old", "改革前每年账户划入", "Yearly account credit before"),
         ("credit_new", "改革后每年账户划入", "Yearly account credit after"),
         ("reimbursement_old", "改革前门诊统筹报销", "Outpatient pooling before"),
         ("reimbursement_new", "改革后门诊统筹报销", "Outpatient pooling after"),
         ("resources_gain", "每年资源增减（新−旧）", "Yearly resources gain (new − old)"),
         ("cash_old", "改革前当年现金自付", "Cash paid this year before"),
         ("cash_new", "改革后当年现金自付", "Cash paid this year after"))


def _e(text: object) -> str:
    return html.escape(str(text))


def _persona_page(p: workshop.Persona) -> str:
    c = workshop.case(p.key)
    cmp = c.comparison()
    region = load_region(p.region)
    e = cmp.enrollee
    income = (f"月养老金 {money(e.pension_monthly)} 元 · pension {money(e.pension_monthly, 'en')} yuan/month"
              if e.status == "retired" else
              f"月缴费基数 {money(e.wage_monthly)} 元 · contribution base {money(e.wage_monthly, 'en')} yuan/month"
              + ("（最低档 · the lowest base）" if p.wage == "floor" else ""))
    facts = [
        ("地区 · Region", f"{region.name['zh']} · {region.name['en']}"),
        ("规则 · Rules", f"新规则：{cmp.date} 施行；旧规则：{cmp.old_date} · new: in force {cmp.date}; old: {cmp.old_date}"),
        ("身份 · Status", f"{words.STATUS[e.status]['zh']} · {words.STATUS[e.status]['en']}，{e.age} 岁 · age {e.age}"),
        ("收入 · Income", income),
        ("门诊 · Outpatient", (f"每年 {money(e.outpatient_yearly)} 元，{words.LEVEL[e.level]['zh']} · "
                               f"{money(e.outpatient_yearly, 'en')} yuan/year at a {words.LEVEL[e.level]['en']}")),
    ]
    rows = []
    for key, zh, en in _ROWS:
        v = getattr(cmp, key)
        cls = " class='unknown'" if v is None else ""
        shown = money(v) if v is not None else f"{words.UNKNOWN['zh']} · {words.UNKNOWN['en']}"
        rows.append(f"<tr{cls}><td>{zh} <span class='en'>{en}</span></td><td class='num'>{_e(shown)}</td></tr>")
    be_cls = " class='unknown'" if cmp.break_even_status == "unknown" else ""
    be = workshop.break_even_text(c, "zh")
    be_en = workshop.break_even_text(c, "en")
    rows.append(f"<tr{be_cls}><td>回本门诊费用 <span class='en'>Break-even outpatient spending</span></td>"
                f"<td class='num'>{_e(be if be == be_en else f'{be} · {be_en}')}</td></tr>")
    unknown = ""
    if cmp.unknown:
        groups: dict[str, list[dict]] = {}
        for u in cmp.unknown:  # the same note for several numbers is printed once
            groups.setdefault(unknown_note(u, "en"), []).append(u)
        items = "".join(f"<li><b>{_e(', '.join(u['field'] for u in us))}</b>：{_e(us[0]['note']['zh'])}<br>"
                        f"<span class='en'>{_e(us[0]['note']['en'])}</span></li>" for us in groups.values())
        unknown = f"<h2>本地区未知的数字及原因 · Not known for this region, and why</h2><ul class='notes'>{items}</ul>"
    notices = ""
    if cmp.notices:
        notices = ("<h2>注意 · Note</h2><ul class='notes'>"
                   + "".join(f"<li>{_e(notice_text(n, 'zh'))}<br><span class='en'>{_e(notice_text(n, 'en'))}</span></li>" for n in cmp.notices)
                   + "</ul>")
    refs = "".join(
        f"<li>{_e(r.cite('zh'))} <span class='url'>{' '.join(_e(u) for u in r.read_at)}</span></li>"
        for r in workshop.references(c))
    data = ", ".join(_e(x) for x in workshop.data_sources(c))
    return (f"<section class='page' id='{p.key}'>"
            f"<h1>{_e(p.name['zh'])} · {_e(p.name['en'])} <small>{_e(p.role['zh'])} · {_e(p.role['en'])}</small></h1>"
            f"<p>{_e(p.story['zh'])}<br><span class='en'>{_e(p.story['en'])}</span></p>"
            f"<table>{''.join(f'<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>' for k, v in facts)}</table>"
            f"<h2>数字（元/年）· The numbers (yuan/year)</h2>"
            f"<table><tbody>{''.join(rows)}</tbody></table>"
            f"{unknown}{notices}"
            f"<h2>出处 · Sources</h2><ol class='sources'>{refs}</ol>"
            f"<p class='foot'>数据条目 Data entries: {data}. 可靠性 Reliability: OFF 官方网站 official / OFF-R 官方原文转载 "
            f"reprint / 3P 第三方 third party / 3P-low 低可靠 low / DERIVED 推算 derived. "
            f"medinsure · tools/make_workshop.py</p>"
            f"</section>")


def handout() -> str:
    pages = "".join(_persona_page(p) for p in workshop.PERSONAS.values())
    return ("<!DOCTYPE html>\n<html lang='zh-CN'><head><meta charset='utf-8'>"
            "<title>职工医保个人账户改革 · 工作坊讲义 · Workshop handout</title>"
            f"<style>{_CSS}</style></head><body>{pages}</body></html>\n")


# --------------------------------------------------------------------------- all
def build(root: Path = ROOT) -> list[Path]:
    """Write the kit under ``root`` (the repository, or a temporary folder in the tests)."""
    written = []
    nb_dir = root / "notebooks" / "workshop"
    nb_dir.mkdir(parents=True, exist_ok=True)
    for session in workshop.SESSIONS:
        path = nb_dir / f"{session}.ipynb"
        nbformat.write(notebook(session), path)
        written.append(path)
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    guide, sheets = trainer_guide(), handout()
    for name, text in (("trainer-guide.md", guide), ("handout.html", sheets)):
        (docs / name).write_text(text, encoding="utf-8")
        written.append(docs / name)
    return written + _trainer_kit().build(root, PLAN, BASE_URL, guide, sheets, answers_page())


def _trainer_kit():
    """tools/trainer_kit.py (a sibling file; tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("trainer_kit", Path(__file__).resolve().parent / "trainer_kit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


if __name__ == "__main__":
    for path in build():
        print("wrote", path.relative_to(ROOT))

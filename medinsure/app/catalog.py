"""The apps served by ``./run app``: notebook, title and one-line description (zh, en).

The landing page and the launcher read this list; add a line when an app is added.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class App:
    notebook: str
    title: dict
    description: dict


APPS: tuple[App, ...] = (
    App("01-account-credits.ipynb",
        {"zh": "旧账户 vs 新账户", "en": "Old account vs new account"},
        {"zh": "改革前后每年个人账户划入各多少，门诊统筹报销回来多少，每个数字注明出处。",
         "en": "The yearly account credit before and after the reform, what outpatient pooling "
               "pays back, every number with its source."}),
    App("02-outpatient-pooling.ipynb",
        {"zh": "门诊共济能报多少", "en": "How much does outpatient pooling pay?"},
        {"zh": "门诊花费多少才能回本；在职与退休人员的对比。",
         "en": "The outpatient spending at which one breaks even; in-service vs retired."}),
    App("03-who-gains.ipynb",
        {"zh": "谁得益、谁吃亏", "en": "Who gains, who loses"},
        {"zh": "模拟参保人群中多得与少得的比例，钱往哪里去，与统计公报对照。",
         "en": "Who gains and who loses in a simulated population, where the money goes, checked "
               "against the bulletins."}),
    App("04-family-mutual-aid.ipynb",
        {"zh": "家庭共济", "en": "Family mutual aid"},
        {"zh": "个人账户能为家人付多少；谁能共济、能付什么；跨省共济额度。",
         "en": "How far the account goes for the family; who may share and what it pays; the "
               "cross-province quota."}),
    App("05-account-life-cycle.ipynb",
        {"zh": "个人账户的一生", "en": "The account's life cycle"},
        {"zh": "余额归谁、怎么转、何时能取；余额预测。",
         "en": "Whose balance, how it moves, when it can be withdrawn; balance projection."}),
    App("06-resident-insurance.ipynb",
        {"zh": "城乡居民医保", "en": "Resident medical insurance"},
        {"zh": "居民医保缴费与财政补助；住院报销计算（宿迁市宿豫区 2007 年规则为完整示例）。",
         "en": "Resident contributions and the fiscal subsidy; an inpatient reimbursement calculator "
               "(Suyu district's 2007 rules as a full worked example)."}),
    App("07-flexible-employment.ipynb",
        {"zh": "灵活就业人员", "en": "Flexibly employed"},
        {"zh": "灵活就业人员缴多少、有没有个人账户、门诊统筹报多少，各地对比。",
         "en": "What flexibly employed people pay, whether they get an account, what outpatient "
               "pooling pays, region by region."}),
    App("08-fund-statistics.ipynb",
        {"zh": "医保基金的账本", "en": "The fund's books"},
        {"zh": "全国与湖南的统筹基金、个人账户收支与结存，快报与公报分开，每个数字有出处。",
         "en": "National and Hunan income, spending and balances of the pooled fund and the accounts; "
               "flash and final releases kept apart, every figure sourced."}),
    App("09-myths.ipynb",
        {"zh": "辟谣：用规则核对", "en": "Myths checked against the rules"},
        {"zh": "“2024年起不再划入个人账户”等说法，逐条用文件和实时计算核对。",
         "en": "Claims such as 'from 2024 nothing goes into the account', each checked with the "
               "document and a live calculation."}),
    App("workshop/01-personas.ipynb",
        {"zh": "工作坊 1：认识四位参保人", "en": "Workshop 1: Meet four enrollees"},
        {"zh": "北京、武汉、湖南、广州四位参保人的账户变化，答案由小组件核对。",
         "en": "Four enrollees in Beijing, Wuhan, Hunan and Guangzhou; answers checked by the widget."}),
    App("workshop/02-break-even.ipynb",
        {"zh": "工作坊 2：找回本点", "en": "Workshop 2: Find the break-even"},
        {"zh": "先预测再验证：门诊花多少才回本。", "en": "Predict, then check: the spending that breaks even."}),
    App("workshop/03-compare-cities.ipynb",
        {"zh": "工作坊 3：比较两座城市", "en": "Workshop 3: Compare two cities"},
        {"zh": "同一个人在武汉和北京：规则不同，结果不同。",
         "en": "The same person in Wuhan and in Beijing: different rules, different outcomes."}),
)

# How to cite the tool (numbers are cited with the documents the app names beside them).
CITATION = {
    "zh": "medinsure（开源职工医保个人账户改革讲解工具），版本 {version}，规则数据整理于 {compiled}。"
          "引用具体数字时，请同时注明页面列出的文件名称、文号与生效日期。",
    "en": "medinsure (open-source explainer of the employee medical-insurance account reform), "
          "version {version}, rules compiled {compiled}. When quoting a number, also cite the "
          "document title, number and effective date the page lists beside it.",
}

# The trainer's kit (issue 16): printable pages written by tools/make_workshop.py into
# notebooks/trainer/, served by the app server at /voila/files/trainer/<name>.html and linked from
# the start page's "For trainers" section. (file name, {zh, en} title, {zh, en} what it is for)
TRAINER_FOLDER = "trainer"
TRAINER_PAGES: tuple[tuple[str, dict, dict], ...] = (
    ("run-sheet", {"zh": "90 分钟流程单", "en": "Run sheet (90 minutes)"},
     {"zh": "一页：每段说什么、点什么、打开哪个页面。", "en": "One page: what to say, click and open, block by block."}),
    ("answers", {"zh": "培训老师答案页", "en": "Trainer's answers"},
     {"zh": "每道练习的答案与算法，按人物和城市；只在自己屏幕上打开，勿投影。",
      "en": "Every exercise's answer and working, by persona and city; open on your own screen, do not project."}),
    ("opening-script", {"zh": "开场讲稿：关键概念", "en": "Opening script: the key ideas"},
     {"zh": "个人账户与统筹基金、门诊共济、为什么改、谁得益谁吃亏。",
      "en": "Account vs pooled fund, outpatient pooling, why the reform, who gains and who loses."}),
    ("participant-handout", {"zh": "学员讲义", "en": "Participant handout"},
     {"zh": "发给学员：关键概念、填空例题、应用地址、可靠性标记。",
      "en": "For participants: the ideas, an example to fill in, where the apps are, reliability marks."}),
    ("trainer-guide", {"zh": "培训老师指南（含答案）", "en": "Trainer's guide (with answers)"},
     {"zh": "准备、90 分钟安排、每道练习的答案与出处、故障排除。",
      "en": "Preparation, the 90-minute plan, every exercise's answer and sources, troubleshooting."}),
    ("handout", {"zh": "四位人物资料页", "en": "The four personas' data sheets"},
     {"zh": "每位人物一页的数字与出处（A4 打印）。", "en": "One A4 page of numbers and sources per persona."}),
)

"""The exercises of the family mutual-aid page (notebook 04), answered by the library."""

from __future__ import annotations

from medinsure import family as fam
from medinsure.compare import compare
from medinsure.cross_province import CrossProvinceSharing
from medinsure.enrollee import Enrollee
from medinsure.errors import InvalidInput
from medinsure.views.words import both, money


def _default_worker() -> Enrollee:
    return Enrollee(status="in_service", age=45, wage_monthly=9000.0, outpatient_yearly=800.0, level="primary")


def family_exercises() -> list[tuple[dict, dict]]:
    """The family page's questions and their answers, computed now by the library."""
    c = compare("wuhan", "2025-03-01", _default_worker())
    s_before, s_after = fam.may_share("sibling", "2024-07-31"), fam.may_share("sibling", "2024-08-01")
    q = CrossProvinceSharing(5000.0, "2026-02-01")
    q.link("mother", "parent", 1000.0, "2026-02-01")
    q.spend("mother", 300.0, "medical_own_burden", "2026-02-10")
    free = q.balance
    back = q.unlink("mother", "2026-02-20")
    try:
        q2 = CrossProvinceSharing(5000.0, "2026-02-01")
        q2.link("mother", "parent", 1000.0, "2026-02-01")
        q2.spend("mother", 200.0, "fitness", "2026-02-02")
        fitness = both("可以", "yes")
    except InvalidInput:
        fitness = both("不可以：共济资金只能付就医购药的个人负担、居民医保和长护险个人缴费；体育健身属于“不得用于”的支出。",
                      "No: shared money pays only personal-burden care and drugs and resident and "
                      "long-term-care contributions; sports and fitness are excluded.")
    yn = {True: both("可以", "yes"), False: both("不可以", "no")}
    return [
        (both("武汉一位45岁在职职工，月缴费基数9,000元，2025年每年个人账户划入多少？改革前是多少？",
              "A Wuhan employee aged 45 with a base of 9,000 yuan a month: what is the yearly credit in 2025, "
              "and what was it before the reform?"),
         both(f"改革后 {money(c.credit_new)} 元/年，改革前 {money(c.credit_old)} 元/年。",
              f"{money(c.credit_new, 'en')} yuan a year now, {money(c.credit_old, 'en')} before.")),
        (both("按全国规则，2024年7月31日和8月1日，职工的个人账户能否为兄弟姐妹付医药费？",
              "Under the national rules, could the account pay a sibling's costs on 31 July 2024? On 1 August 2024?"),
         both(f"7月31日：{yn[s_before]['zh']}；8月1日：{yn[s_after]['zh']}（长效机制指导意见把范围扩大到近亲属）。",
              f"31 July: {yn[s_before]['en']}; 1 August: {yn[s_after]['en']} (the long-term enrolment guidance "
              "widened it to near relatives).")),
        (both("跨省共济：账户余额5,000元，为妈妈圈定1,000元额度，妈妈看病用了300元。此时共济人自己最多能用多少？解除关系后返还多少？",
              "Cross-province: a balance of 5,000, a quota of 1,000 for Mother, who spends 300. How much can the "
              "sharer still use? How much returns when the link ends?"),
         both(f"共济人最多用 {money(free)} 元（圈定的额度不能用）；解除后返还 {money(back)} 元。",
              f"The sharer can use at most {money(free, 'en')} yuan (the quota is ring-fenced); "
              f"{money(back, 'en')} yuan returns when the link ends.")),
        (both("妈妈能用共济额度办健身卡吗？", "Can Mother pay for a gym card from the quota?"), fitness),
    ]

"""The cross-province quota sandbox in words: link states, what each accepted step did, why a step
was refused (with the notice's own words), the account's state and the rules (reads
:class:`medinsure.cross_province.CrossProvinceSharing`; computes no policy)."""

from __future__ import annotations

import datetime as dt
import html

from medinsure.cross_province import CrossProvinceSharing, Event
from medinsure.errors import InvalidInput
from medinsure.rules.family import SAYS_KEYS
from medinsure.rules.files import Entry
from medinsure.views.family import RELATIONS, USES
from medinsure.views.html import cite_list, sentence, table
from medinsure.views.words import both, data_note, money

LINK_STATES = {
    "active": both("共济中", "active"),
    "ended": both("已解除（双方同意）", "ended by agreement"),
    "dissolved": both("已自动解除（共济人医保关系变动）", "dissolved (the sharer's insurance changed)"),
}
CAST_NAMES = {"mother": both("妈妈", "Mother"), "brother": both("弟弟", "Brother"),
              "daughter": both("女儿", "Daughter")}
HINT = both("选择一个操作并点击“执行”。例如先为妈妈建立 1,000 元额度，再让她支付、解除或让共济人医保关系变动。",
            "Choose an action and press Do it — e.g. link with Mother for 1,000 "
            "yuan, then let her pay, unlink, or change the sharer's insurance.")
ACTIONS = [("建立共济（额度）Link (quota)", "link"),
           ("被共济人支付 Beneficiary pays", "spend"),
           ("共济人自己支付 Sharer pays own costs", "sharer_spend"),
           ("解除共济（双方同意）Unlink (both agree)", "unlink"),
           ("只有共济人要求解除 Sharer alone unlinks", "unlink_one"),
           ("共济人医保关系变动 Sharer's insurance changes", "insurance_change"),
           ("月末清算，进入下月 Settle month, next month", "next_month")]


def cast_options(cast: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Dropdown options for the sandbox's beneficiaries: '妈妈 Mother（父母 parent）'."""
    return [(f"{CAST_NAMES[k]['zh']} {CAST_NAMES[k]['en']}（{RELATIONS[r]['zh']} {RELATIONS[r]['en']}）", k)
            for k, r in cast]


def cast_name(key: str | None, lang: str) -> str:
    """The sandbox's name for a beneficiary key ("妈妈" / "Mother"); other keys as given."""
    return "" if key is None else CAST_NAMES.get(key, {"zh": key, "en": key})[lang]


def event_what(e: Event, lang: str = "zh") -> str:
    """What one accepted step of the state machine did, naming the beneficiary by its key."""
    a, b, zh = e.args, e.beneficiary, lang == "zh"
    v = money(e.amount, lang)
    if e.action == "credit":
        return f"账户划入 {v} 元" if zh else f"{v} yuan credited to the account"
    if e.action == "link":
        rel = RELATIONS[a["relation"]][lang]
        return f"与{b}（{rel}）建立共济关系，圈定额度 {v} 元" if zh else f"link with {b} ({rel}); {v} yuan ring-fenced"
    if e.action == "spend":
        rest = a["unpaid"]
        return (f"{b}用共济额度支付{USES[a['use']]['zh']} {v} 元" + (f"，其余 {money(rest)} 元自付" if rest else "")
                if zh else f"{b} pays {v} yuan of {USES[a['use']]['en']} from the quota"
                + (f"; {money(rest, 'en')} yuan left to pay" if rest else ""))
    if e.action == "sharer_spend":
        return (f"共济人自己支付{USES[a['use']]['zh']} {v} 元（只能用未圈定的余额）" if zh else
                f"the sharer pays {v} yuan of {USES[a['use']]['en']} (free balance only)")
    if e.action == "unlink":
        return (f"与{b}的共济关系经双方同意解除，未使用额度 {v} 元返还共济人账户" if zh else
                f"link with {b} ended by agreement; the unused {v} yuan returns to the sharer's account")
    if e.action == "insurance_change" and b is not None:
        return (f"共济人医保关系变动，与{b}的共济关系自动解除，未使用额度 {v} 元返还" if zh else
                f"the sharer's insurance changed: the link with {b} is dissolved and the unused {v} yuan returns")
    if e.action == "insurance_change":
        return (("共济人医保关系变动（按这些规则共济关系不受影响）" if zh else
                 "the sharer's insurance changed (links unaffected under these rules)") if a["links"] == "unaffected"
                else ("共济人医保关系变动（没有共济关系需要解除）" if zh else
                      "the sharer's insurance changed (no links to end)"))
    return (f"{a['month']} 跨省共济费用 {v} 元按月全额清算" if zh else
            f"{a['month']}: {v} yuan of cross-province sharing settled in full")


def event_text(e: Event) -> dict:
    """The sandbox's line for an accepted step, in both languages, with the cast's names."""
    out = {}
    for lang in ("zh", "en"):
        name = cast_name(e.beneficiary, lang)
        a = money(e.amount, lang)
        zh = lang == "zh"
        text = {
            "link": (f"与{name}建立跨省共济关系，圈定额度 {a} 元（共济人不能再用这部分钱）" if zh else
                     f"Linked with {name}; {a} yuan ring-fenced (the sharer can no longer use it)"),
            "spend": (f"{name}用共济额度支付 {a} 元" if zh else f"{name} paid {a} yuan from the quota"),
            "sharer_spend": (f"共济人用未圈定的余额支付 {a} 元" if zh else f"The sharer paid {a} yuan from the free balance"),
            "unlink": (f"与{name}的共济关系经双方同意解除；未使用额度 {a} 元返还共济人账户" if zh else
                       f"The link with {name} ended by agreement; the unused {a} yuan returned to the sharer"),
            "insurance_change": (f"共济人医保关系变动，与{name}的共济关系自动解除；未使用额度 {a} 元返还" if zh else
                                 f"The sharer's insurance changed: the link with {name} ended by itself; the "
                                 f"unused {a} yuan returned") if e.beneficiary else
            ("共济人医保关系变动（没有共济关系）" if zh else "The sharer's insurance changed (no links)"),
            "settle": (f"上月跨省共济费用 {a} 元按月全额清算" if zh else f"Last month's {a} yuan of sharing settled in full"),
            "credit": (f"账户划入 {a} 元" if zh else f"{a} yuan credited"),
        }[e.action]
        out[lang] = f"{e.day}：{text}" if zh else f"{e.day}: {text}"
    return out


def refusal(exc: InvalidInput, action: str, rules: Entry) -> dict:
    """Why a step was refused, in both languages, with the notice's words on the rule."""
    key = {"use": "uses", "consent": "relationship", "relation": "relationship", "amount": "ring_fence"
           if action == "sharer_spend" else "uses", "quota": "ring_fence", "month": "settlement"}.get(exc.field,
                                                                                                     "relationship")
    reason = {
        "use": both("这项用途不在共济资金可支付的范围内", "this use is not among what shared money may pay"),
        "consent": both("共济关系由双方自愿建立或解除；一方能否单独解除，通知没有说明",
                        "links are set up or ended voluntarily by both parties; whether one party alone "
                        "may end one is not stated"),
        "relation": both("跨省共济只限近亲属", "cross-province sharing is for near relatives only"),
        "amount": both("共济人不能使用圈定给被共济人的额度" if action == "sharer_spend" else "超过剩余额度",
                       "the sharer cannot use money ring-fenced for beneficiaries" if action == "sharer_spend"
                       else "more than the remaining quota"),
        "quota": both("额度不能超过未圈定的余额", "the quota cannot exceed the free balance"),
        "beneficiary": both("没有与此人的有效共济关系（或已建立）", "no active link with this person (or one exists already)"),
        "state": both("当前状态下不能这样做", "not possible in the current state"),
        "month": both("这个月不能清算", "this month cannot be settled"),
    }.get(exc.field, both("不允许", "not allowed"))
    says = rules["says"][key]
    return {lang: (f"拒绝：{reason['zh']}。（{exc}）<br><small>《通知》：“{says['zh']}”</small>" if lang == "zh" else
                   f"Refused: {reason['en']}. ({exc})<br><small>The notice: “{says['en']}”</small>")
            for lang in ("zh", "en")}


def status_html(q: CrossProvinceSharing, day: dt.date, cast: tuple[str, ...], lang: str) -> str:
    """The balances on ``day`` and a table of the links with the cast."""
    zh = lang == "zh"
    rows = []
    names = {k for k in q.links} | {link.beneficiary for link in q.history}
    for who in cast:
        if who not in names:
            continue
        link = q.links.get(who) or [x for x in q.history if x.beneficiary == who][-1]
        rows.append([cast_name(who, lang), LINK_STATES[link.state][lang], money(link.quota, lang),
                     money(link.spent, lang), money(link.remaining, lang), money(link.returned, lang)])
    head = (["被共济人", "状态", "额度", "已用", "剩余（圈定）", "已返还"] if zh else
            ["Beneficiary", "State", "Quota", "Spent", "Remaining (ring-fenced)", "Returned"])
    pending = sum(v for *_, v in q.pending(day.strftime("%Y-%m")))
    settled = "; ".join(f"{m}: {money(s.total, lang)}" for m, s in q.settled.items()) or "—"
    summary = (f"<p class='medinsure-balances'><b>{day}</b>　共济人可用余额 <b>{money(q.balance, lang)}</b> 元，"
               f"圈定额度 <b>{money(q.ring_fenced, lang)}</b> 元，账户合计 {money(q.total, lang)} 元。"
               f"本月待清算 {money(pending, lang)} 元；已清算：{settled}</p>" if zh else
               f"<p class='medinsure-balances'><b>{day}</b>  The sharer's free balance is "
               f"<b>{money(q.balance, lang)}</b> yuan, ring-fenced quotas <b>{money(q.ring_fenced, lang)}</b>, "
               f"account total {money(q.total, lang)}. To settle this month: {money(pending, lang)}; "
               f"settled: {settled}</p>")
    return summary + (table(head, rows, head[0], "table", numeric=(2, 3, 4, 5)) if rows else "")


def result_html(message: tuple[bool, dict] | None, lang: str) -> str:
    """The last step's line (accepted or refused), or the hint before the first step."""
    if message is None:
        return sentence(HINT[lang])
    ok, text = message
    kind = "medinsure-sentence medinsure-accepted" if ok else "medinsure-refusal"
    return f"<div class='{kind}' aria-live='polite'>{text[lang]}</div>"


def log_html(log: list[tuple[bool, dict]], lang: str) -> str:
    items = "".join(f"<li class='medinsure-{'accepted' if ok else 'refused'}'>{'✓' if ok else '✗'} {t[lang]}</li>"
                    for ok, t in log)
    return (f"<details class='medinsure-log' open><summary>{'记录' if lang == 'zh' else 'Log'}</summary><ol>"
            f"{items}</ol></details>") if items else ""


def rules_html(r: Entry, lang: str) -> str:
    """The cross-province rules in the notice's words, with the sources."""
    says = "".join(f"<li>{html.escape(r['says'][k][lang])}</li>" for k in SAYS_KEYS)
    route = html.escape(r["settlement"]["route"][lang])
    head = f"规则（{r.date}起，见出处）" if lang == "zh" else f"The rules (from {r.date}; see sources)"
    return (f"<div class='medinsure-rules'><b>{head}</b><ul>{says}"
            f"<li>{route}</li></ul>{cite_list(r.references, lang)}"
            f"<small>{html.escape(data_note(r.note, lang))}</small></div>")

"""User-facing words in Chinese and English, and number formatting."""

from __future__ import annotations

import math
import re

STATUS = {
    "in_service": {"zh": "在职职工", "en": "in-service employee"},
    "retired": {"zh": "退休人员", "en": "retiree"},
    "flexible": {"zh": "灵活就业人员", "en": "flexibly employed"},
}
LEVEL = {
    "pharmacy": {"zh": "定点药店", "en": "designated pharmacy"},
    "primary": {"zh": "基层/一级医疗机构", "en": "primary / level-1 facility"},
    "secondary": {"zh": "二级医院", "en": "secondary (level-2) hospital"},
    "tertiary": {"zh": "三级医院", "en": "tertiary (level-3) hospital"},
}
# the facility dropdowns' options, short enough for the select's width (the sentence says LEVEL)
LEVEL_SHORT = {
    "pharmacy": {"zh": "定点药店", "en": "pharmacy"},
    "primary": {"zh": "基层/一级", "en": "primary / level 1"},
    "secondary": {"zh": "二级医院", "en": "level 2"},
    "tertiary": {"zh": "三级医院", "en": "level 3"},
}
UNIT = {
    "yuan/year": {"zh": "元/年", "en": "yuan/year"},
    "yuan/month": {"zh": "元/月", "en": "yuan/month"},
    "yuan": {"zh": "元", "en": "yuan"},
}
UNKNOWN = {"zh": "未查到", "en": "not found"}  # a cell or number the data has as null (not known for this region)
NEVER = {"zh": "不会回本", "en": "never"}


def money(x: float | None, lang: str = "zh") -> str:
    """2400 -> '2,400.00'; None/NaN -> '未查到' / 'not found'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return UNKNOWN[lang]
    if math.isinf(x):
        return "不封顶" if lang == "zh" else "no cap"
    return f"{x:,.2f}"


def yuan(x: float | None, lang: str = "zh") -> str:
    """2160 -> '2,160.00 元' / '2,160.00 yuan'; None/NaN -> 'not known'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return UNKNOWN[lang]
    return f"{money(x, lang)} {'元' if lang == 'zh' else 'yuan'}"


def percent(x: float | None, lang: str = "zh", digits: int = 1) -> str:
    """A share with ``digits`` decimals: 0.3222 -> '32.2%'; None/NaN -> 'not known'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return UNKNOWN[lang]
    return f"{x * 100:.{digits}f}%"


def rate(r: float | None, lang: str = "zh") -> str:
    """0.048 -> '4.8%'."""
    if r is None or (isinstance(r, float) and math.isnan(r)):
        return UNKNOWN[lang]
    text = f"{r * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


def band_text(band: dict, lang: str = "zh") -> str:
    """Describe a band's condition: {'min_age': 36, 'max_age': 45} -> '36–45岁'."""
    lo, hi = band.get("min_age"), band.get("max_age")
    yf, yb = band.get("retired_from_year"), band.get("retired_before_year")
    if lo is not None or hi is not None:
        if lang == "zh":
            if hi is None:
                return f"{lo}岁及以上"
            return f"{hi}岁及以下" if not lo else f"{lo}–{hi}岁"
        if hi is None:
            return f"age {lo}+"
        return f"age ≤{hi}" if not lo else f"age {lo}–{hi}"
    if yf is not None or yb is not None:
        if lang == "zh":
            if yb is None:
                return f"{yf}年及以后退休"
            return f"{yb}年以前退休" if yf is None else f"{yf}–{yb - 1}年退休"
        if yb is None:
            return f"retired {yf} or later"
        return f"retired before {yb}" if yf is None else f"retired {yf}–{yb - 1}"
    return ""


def both(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


_EVENT = {"account_reform": both("个人账户改革", "account reform"),
          "pooling_start": both("门诊统筹起始", "start of outpatient pooling")}


def notice_text(notice, lang: str = "zh") -> str:
    """A rules notice (``rules.Notice``: a code and its arguments) in words."""
    if notice.text is not None:
        return notice.text[lang]
    a = notice.args
    zh = lang == "zh"
    if notice.code == "date_not_exact":
        ev = _EVENT[a["event"]][lang]
        return (f"{ev}日期 {a['date']} 为“至迟于”日期，确切起始日未查到。" if zh else
                f"The {ev} date {a['date']} is an 'in force by' date; the exact start was not found.")
    if notice.code == "before_reform":
        return (f"所选日期早于{a['region_zh']}的改革（{a['start']}），新旧规则相同。" if zh else
                f"The chosen date is before {a['region_en']}'s reform ({a['start']}); old and new rules are the same.")
    if notice.code == "old_from_first_new_entry":
        return (f"改革日期未查到：“改革前”取第一条改革后划入规则的前一日（{a['old']}）。" if zh else
                f"Reform date not found: 'before the reform' is the day before the first post-reform crediting rule ({a['old']}).")
    if notice.code == "no_reform_yet":
        return ("资料中所选日期尚无改革后的划入规则，新旧规则相同。" if zh else
                "By the chosen date the data has no post-reform crediting rule: old and new rules are the same.")
    if notice.code == "old_date_chosen":
        return (f"“改革前”按所选基准日 {a['old']} 的规则计算。" if zh else
                f"'Before the reform' uses the rules of the chosen baseline day {a['old']}.")
    if notice.code == "after_checked":
        return (f"规则核对至 {a['checked']}；此后的变化未知，所选日期按最后核对的规则计算。" if zh else
                f"Rules checked up to {a['checked']}; later changes are not known, so the last checked rules are used.")
    if notice.code == "later_rules":
        since = (f"{a['next']} 起" if a["next"] == a["latest"] else f"{a['next']} 起，最新一次 {a['latest']} 起") if zh \
            else (f"from {a['next']}" if a["next"] == a["latest"] else f"from {a['next']}; latest from {a['latest']}")
        return (f"所选日期之后规则已有变化（{since}），这里按所选日期当时的规则计算。" if zh else
                f"The rules changed after the chosen date ({since}); this uses the rules in force on the chosen date.")
    if notice.code == "event_date_unknown":
        return notice.text[lang]
    raise KeyError(notice.code)


NO_NOTE = both("数据中未给出说明。", "No note in the data.")


# The data's notes are written for maintainers too: they name files, keys and the project's own
# notes. A visitor reads those names in words (the data keep the exact reference).
_FILE = r"(?:data/[\w/.-]*/)?"
READER_WORDS: list[tuple[str, dict]] = [
    (r"\b((?:www\.)?[a-z0-9-]+\.gov\.cn) (art/\S+)", both(r"http://\1/\2", r"http://\1/\2")),  # an address written apart
    (_FILE + r"mutual_aid_cross_province\.yaml", both("跨省共济规则", "the cross-province rule")),
    (_FILE + r"outpatient_pooling\.yaml", both("门诊统筹规则", "the outpatient pooling rules")),
    (_FILE + r"contribution_base\.yaml", both("缴费基数规则", "the contribution-base rule")),
    (_FILE + r"region\.yaml", both("本地区的改革日期说明", "the region's reform dates")),
    (r"policy_facts_2", both("项目的第二次数据复核", "the project's second data review")),
    (r"policy_facts", both("项目的政策摘录", "the project's policy excerpts")),
    (r"种子(?:文件|文献)\s*\d+|[Ss]eed\s*\d{3}", both("项目收录的原文", "a source text kept in the project")),
    (r"[Ee]xample\s+E(\d{1,2})\b", both(r"摘录例\1", r"worked example \1")),
    (r"(?<![A-Za-z0-9])E(\d{1,2})(?![\w.])", both(r"摘录例\1", r"worked example \1")),
    (r"\bpooling_start\b", both("门诊统筹起始日期", "the pooling start date")),
    (r"\baccount_reform\b", both("账户改革日期", "the account-reform date")),
    (r"\brules_checked_to\b", both("规则核对截止日", "the date the rules are checked up to")),
    (r"\bcontribution_base\b", both("缴费基数", "contribution base")),
    (r"\boutpatient_pooling\b", both("门诊统筹规则", "the outpatient pooling rules")),
    (r"\bmutual_aid_cross_province\b", both("跨省共济规则", "the cross-province rule")),
    (r"\bemployer_rate\b", both("单位费率", "the employer rate")),
    (r"\bfrozen_own\b", both("冻结本人额度", "frozen own amount")),
    (r"\bnot_listed\b", both("未列出", "not listed")),
    (r"\bin_province\b", both("省内", "in the province")),
    (r"\bcross_province\b", both("跨省", "across provinces")),
    (r"`says`|(?<![A-Za-z])says(?=[\u4e00-\u9fff])", both("所引原文", "the quoted wording")),
    (r"\barea=", both("", "")),
    (r"(?<=见)kuaibao|(?<=in )kuaibao", both("快报", "the quick report")),
    (r"(?<=见)gongbao|(?<=in )gongbao", both("公报", "the bulletin")),
]
_READER = [(re.compile(p), r) for p, r in READER_WORDS]


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def reader_text(text: str, lang: str | None) -> str:
    """A data note as a visitor reads it: file names, keys and note ids in words (web addresses
    kept). ``lang`` None: a note with both languages in one string; each name is put in words
    of the language around it."""
    parts = re.split(r"(https?://[!-~]+)", text)
    for i in range(0, len(parts), 2):
        for pattern, words in _READER:
            if lang is not None:
                parts[i] = pattern.sub(words[lang], parts[i])
            else:
                def put(m: re.Match, part: str = parts[i], words: dict = words) -> str:
                    near = part[max(0, m.start() - 3):m.start()] + part[m.end():m.end() + 3]
                    return m.expand(words["zh" if _CJK.search(near) else "en"])
                parts[i] = pattern.sub(put, parts[i])
    return "".join(parts)


def data_note(note: dict | None, lang: str) -> str:
    """A dated entry's or reference's note ({zh, en}) in ``lang``, in a visitor's words; '' if none."""
    return reader_text(note[lang], lang) if note else ""


def unknown_note(unknown: dict, lang: str | None = None):
    """The note of a field not known ({zh, en}, or the text in ``lang``); the data's own where
    given, in a visitor's words (:func:`reader_text`)."""
    note = unknown["note"] or NO_NOTE
    note = {k: reader_text(v, k) for k, v in note.items()}
    return note if lang is None else note[lang]


def addresses(ref) -> list[str]:
    """The addresses a reader can follow for a document (web links only: a copy kept inside
    the project, read_at 'shared/seeds/…', is no address for a reader)."""
    return [u for u in ref.read_at if u.startswith(("http://", "https://"))]


# The inputs an error can name, in words (the library names them by key; a visitor never sees a key).
INPUT_FIELD = {
    "age": {"zh": "年龄", "en": "age"},
    "wage_monthly": {"zh": "月工资", "en": "monthly wage"},
    "pension_monthly": {"zh": "月养老金", "en": "monthly pension"},
    "base_monthly": {"zh": "月缴费基数", "en": "monthly contribution base"},
    "date": {"zh": "日期", "en": "date"},
    "payment_date": {"zh": "缴费日期", "en": "payment date"},
    "status": {"zh": "参保身份", "en": "status"},
    "level": {"zh": "医疗机构级别", "en": "facility level"},
    "visits_yearly": {"zh": "每年门诊次数", "en": "outpatient visits a year"},
    "retirement_year": {"zh": "退休年份", "en": "retirement year"},
    "year": {"zh": "年份", "en": "year"},
    "amount": {"zh": "金额", "en": "amount"},
    "sex": {"zh": "性别", "en": "sex"},
    "relation": {"zh": "亲属关系", "en": "relation"},
    "insurance": {"zh": "参保类别", "en": "insurance"},
    "share_flexible": {"zh": "灵活就业人员比例", "en": "share of flexibly employed"},
}


def input_error_text(field: str, value: object, allowed: str, lang: str,
                     first: object | None = None, place: dict | None = None) -> str:
    """'月养老金 -1 不可用（允许：…）' — the field in words, the value and what is accepted.

    With ``first`` (a date before the first rule on file), the first date and the place in words
    instead of ``allowed``, which names a file or a region key."""
    label = INPUT_FIELD.get(field, {"zh": "这一项输入", "en": "this input"})[lang]
    if first is not None:
        if lang == "zh":
            where = place["zh"] if place else ""
            return f"{label} {value} 早于已收录的{where}最早规则（{first} 起）：请选这一天或以后的日期。"
        where = f" for {place['en']}" if place else ""
        return f"{label} {value} is before the first rule on file{where} ({first}): choose that day or later."
    return (f"{label} {value} 不可用（允许：{allowed_zh(allowed)}）" if lang == "zh"
            else f"{label} {value} is not accepted (allowed: {allowed})")


_ALLOWED_UNIT = {**{k: v["zh"] for k, v in UNIT.items()}, "years": "岁", "": ""}
_ALLOWED_RANGE = re.compile(r"(?P<kind>a number |a whole number (?:of years )?)?"
                            r"from (?P<lo>-?[\d,.]+) to (?P<hi>-?[\d,.]+)(?: (?P<unit>[a-z/]+))?")


def allowed_zh(allowed: str) -> str:
    """The library's 'allowed' text (English) in Chinese where it has a known shape — a range
    ('from 0 to 1,000,000 yuan' → '0 至 1,000,000 元'), a list ('one of a, b' → 'a, b 之一'),
    true/false, a date; any other text is kept as written."""
    m = _ALLOWED_RANGE.fullmatch(allowed)
    if m and (m["unit"] or "") in _ALLOWED_UNIT:
        unit = _ALLOWED_UNIT[m["unit"] or ""]
        if m["kind"] == "a whole number of years ":
            unit = "岁"
        whole = "的整数" if m["kind"] and "whole" in m["kind"] else ""
        return f"{m['lo']} 至 {m['hi']}{' ' + unit if unit else ''}{whole}"
    if allowed.startswith("one of "):
        return f"{allowed[len('one of '):]} 之一"
    return {"true or false": "是或否（true / false）",
            "a date written YYYY-MM-DD": "日期，写作 YYYY-MM-DD",
            "choose a date": "请选择日期"}.get(allowed, allowed)

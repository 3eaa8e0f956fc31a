"""The words and HTML of the exercise widgets (medinsure.app.exercise): questions, feedback
boxes, the worked steps of a trace, and what the tool says about a case.

Every function returns HTML from results it is given; none computes an answer.
"""

from __future__ import annotations

import html

from medinsure.compare import Comparison
from medinsure.views import trace_text, unknowns, words
from medinsure.views.html import feedback_box, ref_html
from medinsure.views.words import money, notice_text

TXT = {
    "check": {"zh": "核对", "en": "Check"},
    "how": {"zh": "怎么算", "en": "How to work it out"},
    "ask_trainer": {"zh": "用上面的应用再算一次；答案在培训老师那里。",
                    "en": "Work it out again with the app above; the trainer has the answers."},
    "reveal": {"zh": "揭晓", "en": "Reveal"},
    "see": {"zh": "看看工具怎么说", "en": "See what the tool says"},
    "your_answer": {"zh": "你的答案", "en": "Your answer"},
    "placeholder": {"zh": "输入数字，如 1,234.56", "en": "a number, e.g. 1,234.56"},
    "correct": {"zh": "✔ 正确！答案是 {v} {u}。", "en": "✔ Correct: the answer is {v} {u}."},
    "too_high": {"zh": "✘ 还不对：你的答案比正确答案高 {d} {u}{p}。",
                 "en": "✘ Not quite: your answer is {d} {u} too high{p}."},
    "too_low": {"zh": "✘ 还不对：你的答案比正确答案低 {d} {u}{p}。",
                "en": "✘ Not quite: your answer is {d} {u} too low{p}."},
    "pct": {"zh": "（约 {p}%）", "en": " (about {p}%)"},
    "tolerance": {"zh": "误差在 {t} {u} 以内算对。", "en": "Within {t} {u} counts as right."},
    "worked": {"zh": "解答", "en": "Worked answer"},
    "answer_is": {"zh": "答案：{v} {u}", "en": "Answer: {v} {u}"},
    "unknown_answer": {"zh": "本题的数字本地区未知，工具不作估算。", "en": "This number is not known for this region; the tool does not estimate it."},
    "empty": {"zh": "请先输入一个数字。", "en": "Type a number first."},
    "not_a_number": {"zh": "“{t}”不是一个数字（可以写成 1,234.56 或 -44）。",
                     "en": "“{t}” is not a number (write e.g. 1,234.56 or -44)."},
    "no_prediction": {"zh": "请先选择你的预测。", "en": "Choose your prediction first."},
    "predict_right": {"zh": "✔ 预测正确：{a}。", "en": "✔ Your prediction was right: {a}."},
    "predict_wrong": {"zh": "✘ 预测不对：你选了“{p}”，实际是“{a}”。", "en": "✘ Not this time: you chose “{p}”, it is “{a}”."},
    "predict_unknown": {"zh": "这一比较本地区有数字未知，无法判断。", "en": "A number in this comparison is not known for this region, so it cannot be decided."},
    "app_below": {"zh": "下面的应用已设为变化后的情形，可以继续移动滑块验证。",
                  "en": "The app below is set to the changed case; move the sliders to check further."},
    "known": {"zh": "工具算得出的数字", "en": "What the tool can compute"},
    "unknowns": {"zh": "工具算不出的数字及原因（来自数据文件的说明）",
                 "en": "What it cannot compute, and why (notes from the data files)"},
    "notices": {"zh": "另请注意", "en": "Also note"},
    "discussion": {"zh": "讨论", "en": "Discuss"},
    "internal": {"zh": "出现内部错误，请告诉培训老师。", "en": "Something went wrong; please tell the trainer."},
    "from_steps": {"zh": "由上列步骤算出", "en": "from the steps above"},
    "persona": {"zh": "人物", "en": "Persona"},
}

def t(key: str, lang: str, **kw: object) -> str:
    """One of the exercise widgets' texts, filled in."""
    return TXT[key][lang].format(**kw)


def unit_text(unit: str | dict, lang: str) -> str:
    """A unit key of ``words.UNIT`` (``"yuan/year"``) or ``{zh, en}``, in words."""
    if isinstance(unit, dict):
        return unit[lang]
    return words.UNIT[unit][lang]


def question_html(question: dict, lang: str) -> str:
    return f"<div class='medinsure-question'>{html.escape(question[lang])}</div>"


# --------------------------------------------------------------------------- trace rendering
def steps_html(c: Comparison, keys: tuple[str, ...] | list[str], lang: str) -> str:
    """The named trace steps of ``c`` with their value, formula and sources, as an HTML list."""
    by_key = {s.key: s for s in c.trace}
    items = []
    for k in keys:
        s = by_key[k]
        value = "—" if s.value is None else money(s.value, lang)
        unit = words.UNIT[s.unit][lang] if s.unit in words.UNIT else s.unit
        if all(src.startswith("data/") for src in s.sources):
            where = "; ".join(ref_html(r, lang) for r in s.references)
        else:
            where = html.escape(trace_text.from_steps(s, c.trace, lang))
        items.append(f"<li><b>{html.escape(trace_text.label(s, lang))}</b>: {value} {unit}<br>"
                     f"{html.escape(trace_text.formula(s, lang))}<br>"
                     f"<small>{where}</small></li>")
    return "<ul class='medinsure-worked-steps'>" + "".join(items) + "</ul>"


# --------------------------------------------------------------------------- feedback
def checked_html(result: dict, unit: str | dict, tolerance: float, share_off: str | None, lang: str) -> str:
    """The feedback on a checked number: right, or how far too high / too low (``share_off``: the
    percentage off, when the answer is not zero)."""
    u = unit_text(unit, lang)
    if result["correct"]:
        return feedback_box("ok", html.escape(t("correct", lang, v=money(result["expected"], lang), u=u)))
    pct = "" if share_off is None else t("pct", lang, p=share_off)
    key = "too_high" if result["difference"] > 0 else "too_low"
    msg = t(key, lang, d=money(abs(result["difference"]), lang), u=u, p=pct)
    if tolerance > 0.01:
        msg += " " + t("tolerance", lang, t=money(tolerance, lang), u=u)
    return feedback_box("wrong", html.escape(msg))


def worked_head(expected: float | None, unit: str | dict, lang: str) -> str:
    """"Answer: 2,400.00 yuan/year" above a worked answer, or that the number is not known."""
    return (t("answer_is", lang, v=money(expected, lang), u=unit_text(unit, lang))
            if expected is not None else t("unknown_answer", lang))


def hint_box(how: str, lang: str) -> str:
    """After a wrong try: the method in words, never the number (the trainer has the answers)."""
    stop = "。" if lang == "zh" else ". "
    return feedback_box("info", f"<b>{t('how', lang)}</b> · {html.escape(how)}{stop}{html.escape(t('ask_trainer', lang))}")


def worked_box(head: str, body: str, lang: str) -> str:
    return feedback_box("info", f"<b>{t('worked', lang)}</b> · {html.escape(head)}{body}")


def prediction_html(result: dict, options: dict, lang: str) -> str:
    """Right or wrong, after a prediction is revealed (or that it cannot be decided)."""
    if result["expected"] == "unknown":
        return feedback_box("unknown", html.escape(t("predict_unknown", lang)))
    a = options[result["expected"]][lang]
    if result["correct"]:
        return feedback_box("ok", html.escape(t("predict_right", lang, a=a)))
    return feedback_box("wrong", html.escape(t("predict_wrong", lang, p=options[result["prediction"]][lang], a=a)))


def tool_says_html(c: Comparison, discussion: dict | None, lang: str) -> str:
    """What the tool computes for a case, what it does not know and the data's note on why."""
    rows = []
    for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain"):
        step = next(s for s in c.trace if s.key == key)
        rows.append(f"<tr><td>{html.escape(trace_text.label(step, lang))}</td>"
                    f"<td class='medinsure-number'>{money(getattr(c, key), lang)}</td></tr>")
    body = (f"<b>{t('known', lang)}</b> ({html.escape(words.UNIT['yuan/year'][lang])})"
            f"<table class='medinsure-known'>{''.join(rows)}</table>")
    if c.unknown:
        place = c.ruleset.region.name[lang]
        items = "".join(f"<li>{i}</li>" for i in unknowns.comparison_unknown_items(c, place, lang))
        body += f"<b>{t('unknowns', lang)}</b><ul class='medinsure-unknown-list'>{items}</ul>"
    if c.notices:
        body += (f"<b>{t('notices', lang)}</b><ul>"
                 + "".join(f"<li>{html.escape(notice_text(n, lang))}</li>" for n in c.notices) + "</ul>")
    if discussion:
        body += f"<b>{t('discussion', lang)}</b>: {html.escape(discussion[lang])}"
    return feedback_box("unknown" if c.unknown else "info", body)

"""Exercise widgets for workshops: check a number, predict then check, and see what the tool
cannot say.

Every expected answer is computed when it is asked for (a callable into the library), never
stored, so a change in ``data/`` changes what the room is checked against. Each builder returns a
``VBox`` subclass with ``.controls`` (incl. ``"lang"``), ``.result`` and ``.error``, like the apps,
so plain pytest can set ``.value``, call the click handler and read ``.feedback.value``.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Callable

import ipywidgets as widgets

from medinsure.views import words
from medinsure.compare import Comparison
from medinsure.views.words import money
from medinsure.app.household import HouseholdExplainer, household_explainer

TXT = {
    "check": {"zh": "核对", "en": "Check"},
    "show": {"zh": "显示答案", "en": "Show answer"},
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

PREDICTIONS = {
    "higher": {"zh": "更高", "en": "higher"},
    "lower": {"zh": "更低", "en": "lower"},
    "same": {"zh": "不变", "en": "the same"},
}

_UNIT_WORDS = re.compile(r"(¥|￥|rmb|cny)?(元|yuan|rmb|cny)?(/?(每)?(年|月|year|month|yr|mo|a year|a month))?",
                         re.IGNORECASE)
_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)")


def _t(key: str, lang: str, **kw: object) -> str:
    return TXT[key][lang].format(**kw)


def _lang_toggle(lang: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=[("中文 Chinese", "zh"), ("English 英文", "en")], value=lang,
                                 description="语言 Language", style={"description_width": "110px"})


def _unit_text(unit: str | dict, lang: str) -> str:
    if isinstance(unit, dict):
        return unit[lang]
    return words.UNIT[unit][lang]


def _question_html(question: dict, lang: str) -> str:
    return (f"<div class='medinsure-question' style='font-size:16px;line-height:1.6;margin:4px 0'>"
            f"{html.escape(question[lang])}</div>")


def _box(kind: str, body: str) -> str:
    colour = {"ok": ("#e8f5e9", "#2e7d32"), "wrong": ("#fff3e0", "#e65100"),
              "info": ("#f3f7fb", "#1565c0"), "unknown": ("#fff8e1", "#f9a825")}[kind]
    return (f"<div class='medinsure-feedback medinsure-feedback-{kind}' style='background:{colour[0]};"
            f"border-left:4px solid {colour[1]};padding:6px 10px;margin:4px 0;line-height:1.6'>{body}</div>")


def _error_html(message: str) -> str:
    return (f"<div class='medinsure-error' role='alert' style='color:#b71c1c;background:#ffebee;"
            f"padding:6px 10px;border-left:4px solid #b71c1c'>{html.escape(message)}</div>")


def parse_number(text: object) -> float:
    """Read a typed answer: ``"2,067.70 元"`` -> 2067.7.

    Full-width digits and punctuation from a Chinese input method, thousands separators, the
    minus sign ``−`` and a trailing unit (元, 元/年, yuan a year) are accepted.

    Raises
    ------
    ValueError
        When no number can be read.
    """
    s = unicodedata.normalize("NFKC", str(text)).strip()
    s = s.replace("\u2212", "-").replace(",", "").replace(" ", "").replace("\u3000", "")
    m = _NUMBER.fullmatch(s.lstrip("¥￥"))
    if not m or not _UNIT_WORDS.fullmatch(m.group(2)):
        raise ValueError(f"not a number: {text!r}")
    value = float(m.group(1))
    if not math.isfinite(value):
        raise ValueError(f"not a number: {text!r}")
    return value


# --------------------------------------------------------------------------- trace rendering
def steps_html(c: Comparison, keys: tuple[str, ...] | list[str], lang: str) -> str:
    """The named trace steps of ``c`` with their value, formula and sources, as an HTML list."""
    by_key = {s.key: s for s in c.trace}
    items = []
    for k in keys:
        s = by_key[k]
        value = "—" if s.value is None else money(s.value, lang)
        unit = words.UNIT[s.unit][lang] if s.unit in words.UNIT else s.unit
        refs = "; ".join(
            f"<a class='medinsure-ref' href='{html.escape(r.read_at[0])}' target='_blank' rel='noopener'>"
            f"{html.escape(r.cite(lang))}</a>"
            for r in s.references)
        if all(src.startswith("data/") for src in s.sources):
            where = ", ".join(html.escape(x) for x in s.sources)
        else:
            where = f"{_t('from_steps', lang)}: {', '.join(html.escape(x) for x in s.sources)}"
        items.append(f"<li><b>{html.escape(s.label[lang])}</b>: {value} {unit}<br>"
                     f"{html.escape(s.formula[lang])}<br>"
                     f"<small style='color:#555'>{refs}<br>{where}</small></li>")
    return "<ul class='medinsure-worked-steps' style='margin:4px 0'>" + "".join(items) + "</ul>"


# --------------------------------------------------------------------------- number checker
class AnswerChecker(widgets.VBox):
    """A question, a number input, a "核对 Check" button and feedback. Build with :func:`answer_checker`.

    ``.result`` after a check: ``{"given", "expected", "difference", "correct"}`` (money in the
    question's unit); ``None`` before a check or while the input is not a number.
    """

    def __init__(self, question: dict, answer: Callable[[], float | None], unit: str | dict,
                 tolerance: float = 0.01, worked: Callable[[], dict] | None = None,
                 lang: str = "zh") -> None:
        self.question, self.answer, self.unit = question, answer, unit
        self.tolerance, self.worked = tolerance, worked
        self.result: dict | None = None
        self.error: str | None = None
        self.revealed = False
        self._state: tuple | None = None  # what the feedback shows, redrawn on a language switch
        self.controls = {
            "answer": widgets.Text(value="", placeholder=TXT["placeholder"][lang],
                                   description="答案 Answer", continuous_update=False,
                                   layout=widgets.Layout(width="280px")),
            "lang": _lang_toggle(lang),
        }
        self.question_box = widgets.HTML()
        self.unit_label = widgets.HTML()
        self.check_button = widgets.Button(description="核对 Check", button_style="primary",
                                           tooltip="核对 Check", icon="check", layout=widgets.Layout(width="auto"))
        self.show_button = widgets.Button(description="显示答案 Show answer", tooltip="显示答案 Show answer",
                                          layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.check_button.on_click(self.check)
        self.show_button.on_click(self.show_answer)
        self.controls["lang"].observe(lambda _: self._render(), names="value")
        row = widgets.HBox([self.controls["answer"], self.unit_label, self.check_button, self.show_button],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__([self.question_box, row, self.feedback, self.controls["lang"]],
                         layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"))
        self.add_class("medinsure-exercise")
        self.add_class("medinsure-answer-checker")
        self._render()

    @property
    def lang(self) -> str:
        return self.controls["lang"].value

    def _expected(self) -> float | None:
        v = self.answer()
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 2)

    def check(self, _button: object = None) -> None:
        """The "核对 Check" click handler."""
        text = self.controls["answer"].value
        try:
            if not str(text).strip():
                self._set_error("empty")
                return
            try:
                given = parse_number(text)
            except ValueError:
                self._set_error("not_a_number", t=text)
                return
            expected = self._expected()
        except Exception:  # noqa: BLE001 - never a traceback in the room
            self._set_error("internal")
            return
        self.error = None
        if expected is None:
            self.result = {"given": given, "expected": None, "difference": None, "correct": False}
            self._state = ("unknown",)
        else:
            diff = round(given - expected, 2)
            ok = abs(given - expected) <= self.tolerance + 1e-9
            self.result = {"given": given, "expected": expected, "difference": diff, "correct": ok}
            self._state = ("checked",)
            self.revealed = self.revealed or not ok
        self._render()

    def show_answer(self, _button: object = None) -> None:
        """The "显示答案 Show answer" click handler."""
        self.revealed = True
        if self._state is None or self._state[0] == "error":
            self._state = ("shown",)
        self._render()

    def _set_error(self, key: str, **kw: object) -> None:
        self.result = None
        self._state = ("error", key, kw)
        self.error = _t(key, self.lang, **kw)
        self._render()

    def _worked_html(self, lang: str) -> str:
        try:
            expected = self._expected()
            head = (_t("answer_is", lang, v=money(expected, lang), u=_unit_text(self.unit, lang))
                    if expected is not None else _t("unknown_answer", lang))
            body = self.worked()[lang] if self.worked else ""
        except Exception:  # noqa: BLE001 - never a traceback in the room
            return _error_html(_t("internal", lang))
        return _box("info", f"<b>{_t('worked', lang)}</b> · {html.escape(head)}{body}")

    def _render(self) -> None:
        lang = self.lang
        self.question_box.value = _question_html(self.question, lang)
        self.unit_label.value = f"<span style='padding:0 6px'>{html.escape(_unit_text(self.unit, lang))}</span>"
        self.controls["answer"].placeholder = TXT["placeholder"][lang]
        parts = []
        st = self._state
        if st and st[0] == "error":
            self.error = _t(st[1], lang, **st[2])
            parts.append(_error_html(self.error))
        elif st and st[0] == "unknown":
            parts.append(_box("unknown", html.escape(_t("unknown_answer", lang))))
        elif st and st[0] == "checked" and self.result:
            r, u = self.result, _unit_text(self.unit, lang)
            if r["correct"]:
                parts.append(_box("ok", html.escape(_t("correct", lang, v=money(r["expected"], lang), u=u))))
            else:
                pct = ""
                if r["expected"]:
                    share = abs(r["difference"]) / abs(r["expected"]) * 100
                    pct = _t("pct", lang, p=f"{share:.0f}" if share >= 1 else f"{share:.1f}")
                key = "too_high" if r["difference"] > 0 else "too_low"
                msg = _t(key, lang, d=money(abs(r["difference"]), lang), u=u, p=pct)
                if self.tolerance > 0.01:
                    msg += " " + _t("tolerance", lang, t=money(self.tolerance, lang), u=u)
                parts.append(_box("wrong", html.escape(msg)))
        if self.revealed:
            parts.append(self._worked_html(lang))
        self.feedback.value = "".join(parts)


def answer_checker(question: dict, answer: Callable[[], float | None], unit: str | dict,
                   tolerance: float = 0.01, worked: Callable[[], dict] | None = None,
                   lang: str = "zh") -> AnswerChecker:
    """Build a number exercise checked against the library.

    Parameters
    ----------
    question : dict
        ``{"zh": ..., "en": ...}``.
    answer : callable
        Returns the expected number [in ``unit``], computed by the library when called; ``None``
        when the data does not know it.
    unit : str or dict
        A key of ``medinsure.views.words.UNIT`` (``"yuan/year"``) or ``{"zh", "en"}``.
    tolerance : float
        Largest accepted absolute difference [in ``unit``]; 0.01 = one fen.
    worked : callable, optional
        Returns ``{"zh": html, "en": html}``: the worked answer with its trace sources, shown after
        a wrong try or on "显示答案 Show answer".
    lang : str
        ``"zh"`` (default) or ``"en"``.
    """
    return AnswerChecker(question, answer, unit, tolerance, worked, lang)


# --------------------------------------------------------------------------- predict, then check
class PredictThenCheck(widgets.VBox):
    """Ask for a prediction (higher / lower / same), then reveal the computed outcome and open the
    household app on the changed case. Build with :func:`predict_then_check`.

    ``.result`` after a reveal: ``{"prediction", "expected", "correct"}``.
    """

    def __init__(self, question: dict, expected: Callable[[], str], explain: Callable[[], dict] | None = None,
                 app: Callable[[], widgets.Widget] | None = None, options: dict | None = None,
                 lang: str = "zh") -> None:
        self.question, self.expected, self.explain, self.make_app = question, expected, explain, app
        self.options = options or PREDICTIONS
        self.result: dict | None = None
        self.error: str | None = None
        self.app: widgets.Widget | None = None
        self._state: tuple | None = None
        self.controls = {
            "prediction": widgets.ToggleButtons(
                options=[(f"{v['zh']} {v['en'].capitalize()}", k) for k, v in self.options.items()],
                value=None, description="预测 Prediction", style={"description_width": "110px"}),
            "lang": _lang_toggle(lang),
        }
        self.question_box = widgets.HTML()
        self.reveal_button = widgets.Button(description="揭晓 Reveal", button_style="primary",
                                            tooltip="揭晓 Reveal", icon="eye", layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.app_box = widgets.VBox()
        self.reveal_button.on_click(self.reveal)
        self.controls["lang"].observe(self._on_lang, names="value")
        super().__init__([self.question_box, self.controls["prediction"], self.reveal_button, self.feedback,
                          self.app_box, self.controls["lang"]],
                         layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"))
        self.add_class("medinsure-exercise")
        self.add_class("medinsure-predict")
        self._render()

    @property
    def lang(self) -> str:
        return self.controls["lang"].value

    def reveal(self, _button: object = None) -> None:
        """The "揭晓 Reveal" click handler."""
        p = self.controls["prediction"].value
        if p is None:
            self.result, self._state = None, ("error", "no_prediction")
            self._render()
            return
        try:
            exp = self.expected()
            if self.make_app is not None and self.app is None and exp != "unknown":
                self.app = self.make_app()
                if isinstance(self.app, HouseholdExplainer):  # this exercise's switch drives the app
                    self.app.controls["lang"].value = self.lang
                    self.app.controls["lang"].layout.display = "none"
                self.app_box.children = [self.app]
        except Exception:  # noqa: BLE001 - never a traceback in the room
            self.result, self._state = None, ("error", "internal")
            self._render()
            return
        self.result = {"prediction": p, "expected": exp, "correct": p == exp}
        self._state = ("revealed",)
        self._render()

    def _on_lang(self, change: dict) -> None:
        if isinstance(self.app, HouseholdExplainer):
            self.app.controls["lang"].value = change["new"]
        self._render()

    def _render(self) -> None:
        lang = self.lang
        self.question_box.value = _question_html(self.question, lang)
        st = self._state
        self.error = None
        if st is None:
            self.feedback.value = ""
        elif st[0] == "error":
            self.error = _t(st[1], lang)
            self.feedback.value = _error_html(self.error)
        else:
            r = self.result
            if r["expected"] == "unknown":
                body = _box("unknown", html.escape(_t("predict_unknown", lang)))
            else:
                a = self.options[r["expected"]][lang]
                body = (_box("ok", html.escape(_t("predict_right", lang, a=a))) if r["correct"] else
                        _box("wrong", html.escape(_t("predict_wrong", lang, p=self.options[r["prediction"]][lang], a=a))))
            try:
                more = self.explain()[lang] if self.explain else ""
            except Exception:  # noqa: BLE001 - never a traceback in the room
                more = _error_html(_t("internal", lang))
            if more:
                body += _box("info", more)
            if self.app is not None:
                body += f"<p>{html.escape(_t('app_below', lang))}</p>"
            self.feedback.value = body


def predict_then_check(question: dict, expected: Callable[[], str], explain: Callable[[], dict] | None = None,
                       app: Callable[[], widgets.Widget] | None = None, options: dict | None = None,
                       lang: str = "zh") -> PredictThenCheck:
    """Build a predict-then-check exercise.

    Parameters
    ----------
    question : dict
        ``{"zh": ..., "en": ...}``.
    expected : callable
        Returns the right option key (``"higher"``, ``"lower"``, ``"same"``) computed by the library,
        or ``"unknown"`` when the data cannot decide.
    explain : callable, optional
        Returns ``{"zh": html, "en": html}`` shown on reveal (the two numbers and their sources).
    app : callable, optional
        Builds the app set to the changed case; shown on reveal.
    options : dict, optional
        ``{key: {"zh", "en"}}``; default higher / lower / same.
    """
    return PredictThenCheck(question, expected, explain, app, options, lang)


# --------------------------------------------------------------------------- what the tool says
class WhatTheToolSays(widgets.VBox):
    """"What does the tool say, and why can it not say more?" Build with :func:`what_the_tool_says`.

    ``.result`` after the reveal: the names of the numbers the data does not know.
    """

    def __init__(self, question: dict, comparison: Callable[[], Comparison], discussion: dict | None = None,
                 lang: str = "zh") -> None:
        self.question, self.comparison, self.discussion = question, comparison, discussion
        self.result: tuple[str, ...] | None = None
        self.error: str | None = None
        self._c: Comparison | None = None
        self._failed = False
        self.controls = {"lang": _lang_toggle(lang)}
        self.question_box = widgets.HTML()
        self.reveal_button = widgets.Button(description="看看工具怎么说 See what the tool says",
                                            tooltip="看看工具怎么说 See what the tool says",
                                            layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="98%"))
        self.reveal_button.on_click(self.reveal)
        self.controls["lang"].observe(lambda _: self._render(), names="value")
        super().__init__([self.question_box, self.reveal_button, self.feedback, self.controls["lang"]],
                         layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"))
        self.add_class("medinsure-exercise")
        self.add_class("medinsure-what-the-tool-says")
        self._render()

    @property
    def lang(self) -> str:
        return self.controls["lang"].value

    def reveal(self, _button: object = None) -> None:
        try:
            self._c = self.comparison()
        except Exception:  # noqa: BLE001 - never a traceback in the room
            self._c, self.result, self._failed = None, None, True
            self._render()
            return
        self._failed = False
        self.result = tuple(u["field"] for u in self._c.unknown)
        self._render()

    def _render(self) -> None:
        lang = self.lang
        self.question_box.value = _question_html(self.question, lang)
        self.error = _t("internal", lang) if self._failed else None  # redrawn on a language switch
        if self.error:
            self.feedback.value = _error_html(self.error)
        c = self._c
        if c is None:
            return
        rows = []
        for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain"):
            step = next(s for s in c.trace if s.key == key)
            rows.append(f"<tr><td style='padding:1px 8px 1px 0'>{html.escape(step.label[lang])}</td>"
                        f"<td style='text-align:right'>{money(getattr(c, key), lang)}</td></tr>")
        body = (f"<b>{_t('known', lang)}</b> ({html.escape(words.UNIT['yuan/year'][lang])})"
                f"<table class='medinsure-known'>{''.join(rows)}</table>")
        if c.unknown:
            items = "".join(f"<li><b>{html.escape(u['field'])}</b>: {html.escape(u['note'][lang])}</li>"
                            for u in c.unknown)
            body += f"<b>{_t('unknowns', lang)}</b><ul class='medinsure-unknown-list'>{items}</ul>"
        if c.notices:
            body += (f"<b>{_t('notices', lang)}</b><ul>"
                     + "".join(f"<li>{html.escape(n[lang])}</li>" for n in c.notices) + "</ul>")
        if self.discussion:
            body += f"<b>{_t('discussion', lang)}</b>: {html.escape(self.discussion[lang])}"
        self.feedback.value = _box("unknown" if c.unknown else "info", body)


def what_the_tool_says(question: dict, comparison: Callable[[], Comparison], discussion: dict | None = None,
                       lang: str = "zh") -> WhatTheToolSays:
    """Build a "what does the tool say and why can it not say more?" exercise.

    ``comparison`` computes the case with the library; the reveal lists what it computes, what it
    does not know and the data's own note on why.
    """
    return WhatTheToolSays(question, comparison, discussion, lang)


# --------------------------------------------------------------------------- persona explorer
class PersonaExplorer(widgets.VBox):
    """A persona picker above the household app; picking a persona rebuilds the app for them.

    ``.result`` and ``.error`` are those of the current household app.
    """

    def __init__(self, personas: dict[str, tuple[dict, dict]], value: str | None = None, lang: str = "zh") -> None:
        self.personas = personas
        self.own_controls = {
            "persona": widgets.Dropdown(options=[(f"{lab['zh']} · {lab['en']}", k) for k, (lab, _) in personas.items()],
                                        value=value or next(iter(personas)), description="人物 Persona",
                                        layout=widgets.Layout(width="98%"), style={"description_width": "110px"}),
            "lang": _lang_toggle(lang),
        }
        self.app: HouseholdExplainer = self._build()
        self.app.refresh_share()
        self.own_controls["persona"].observe(self._on_persona, names="value")
        self.own_controls["lang"].observe(lambda ch: setattr(self.app.controls["lang"], "value", ch["new"]),
                                          names="value")
        super().__init__([widgets.HBox([self.own_controls["persona"], self.own_controls["lang"]],
                                       layout=widgets.Layout(flex_flow="row wrap")), self.app])
        self.add_class("medinsure-persona-explorer")

    @property
    def controls(self) -> dict:
        """The picker's own controls, then the current app's (a share link sets both: the persona
        first, then the values changed from that persona's)."""
        inner = {k: w for k, w in self.app.controls.items() if k != "lang"}
        return {**self.own_controls, **inner}

    @property
    def share(self) -> widgets.HTML:
        return self.app.share

    def _build(self) -> HouseholdExplainer:
        _, kwargs = self.personas[self.own_controls["persona"].value]
        app = household_explainer(**{**kwargs, "lang": self.own_controls["lang"].value})
        app.controls["lang"].layout.display = "none"  # the picker's switch drives the app
        app.share_target = self  # its share link names the persona too
        return app

    def _on_persona(self, _change: dict) -> None:
        self.app = self._build()
        self.app.refresh_share()
        self.children = (self.children[0], self.app)

    def show_link_problems(self, problems: list[str]) -> None:
        self.app.show_link_problems(problems)

    def select_date(self, text: str) -> str | None:
        return self.app.select_date(text)

    @property
    def result(self) -> Comparison | None:
        return self.app.result

    @property
    def error(self) -> str | None:
        return self.app.error


def persona_explorer(personas: dict[str, tuple[dict, dict]], value: str | None = None,
                     lang: str = "zh") -> PersonaExplorer:
    """Build the persona picker: ``personas`` maps a key to (label ``{zh, en}``, household app kwargs)."""
    return PersonaExplorer(personas, value, lang)


class ExerciseSet(widgets.VBox):
    """Exercises under one language switch (their own switches are hidden and follow it)."""

    def __init__(self, exercises: list[widgets.VBox], lang: str = "zh") -> None:
        self.exercises = exercises
        self.controls = {"lang": _lang_toggle(lang)}
        for ex in exercises:
            ex.controls["lang"].layout.display = "none"
            ex.controls["lang"].value = lang
        self.controls["lang"].observe(self._on_lang, names="value")
        super().__init__([self.controls["lang"], *exercises])
        self.add_class("medinsure-exercise-set")

    def _on_lang(self, change: dict) -> None:
        for ex in self.exercises:
            ex.controls["lang"].value = change["new"]

    @property
    def result(self) -> list:
        return [ex.result for ex in self.exercises]

    @property
    def error(self) -> str | None:
        return next((ex.error for ex in self.exercises if ex.error), None)

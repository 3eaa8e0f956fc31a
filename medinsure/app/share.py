"""Share links: every app reads its inputs from the page's query string and shows a link that
reopens exactly the current inputs. Works with Voila's preheated kernels (``wait_for_request``).

An app is any widget with ``.controls`` (name -> input widget); values are written to the query
string by name and read back with the type of the control.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import urllib.parse
from typing import Any

import ipywidgets as widgets

from medinsure.views.html import error_box

# Controls that are part of the view, not of the case; they are shared too (language matters
# for a foreign desk) but never required.
_SKIP = {"compare_statuses"}


def _request_info_url() -> str:
    """Where Voila hands a preheated kernel its visitor's request (as voila.utils builds it)."""
    env = os.environ.get
    base = env("VOILA_WS_BASE_URL", env("VOILA_SERVER_URL", "/"))
    return (f"{env('VOILA_WS_PROTOCOL', 'ws')}://{env('VOILA_APP_IP', '127.0.0.1')}:"
            f"{env('VOILA_APP_PORT', '8866')}{base}voila/query/{env('VOILA_KERNEL_ID', '')}")


def _voila_wait_for_request() -> None:
    """Under a preheated Voila kernel, block until the page's request arrives (no-op otherwise).

    Does what ``voila.utils.wait_for_request`` does (Voila 0.5) without importing ``voila``: that
    import pulls in jupyter_server and jsonschema's format checkers and cost every pool kernel
    about 8 CPU-seconds of its ~10 s warm-up (py-spy, 2026-12-01).
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    import asyncio
    import json
    import threading

    import websockets

    info: dict[str, str] = {}

    async def receive() -> None:
        try:
            async with websockets.connect(_request_info_url(), open_timeout=5) as ws:
                info.update(json.loads(await ws.recv()))
        except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
            pass  # as Voila's own helper: the page opens with the notebook's values

    # the kernel's own event loop is running this cell: wait on a loop in another thread
    thread = threading.Thread(target=lambda: asyncio.run(receive()), daemon=True)
    thread.start()
    thread.join()
    os.environ.update(info)


def request_query() -> dict[str, str]:
    """The query string of the page this kernel serves ({} outside Voila)."""
    _voila_wait_for_request()
    query = os.environ.get("QUERY_STRING", "")
    return {k: v[-1] for k, v in urllib.parse.parse_qs(query, keep_blank_values=False).items()}


def control_values(app: Any) -> dict[str, str]:
    """The current inputs as query-string values."""
    out = {}
    for name, w in app.controls.items():
        if name in _SKIP and not w.value:
            continue
        v = w.value
        if isinstance(v, bool):
            out[name] = "1" if v else "0"
        elif isinstance(v, float):
            out[name] = f"{v:.2f}".rstrip("0").rstrip(".")
        else:
            out[name] = str(v)
    return out


def share_query(app: Any) -> str:
    return urllib.parse.urlencode(control_values(app))


_MAX_LINK_VALUE = 64  # characters: longer values in a link are refused, not parsed


class LinkValueError(ValueError):
    """A value in a share link that the app cannot take; the message says what is allowed (in
    English; ``zh`` in Chinese)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh


class LinkProblem(str):
    """One refused or noted link value: the English text (the string itself) and ``zh``."""

    zh: str

    def __new__(cls, en: str, zh: str) -> LinkProblem:
        obj = super().__new__(cls, en)
        obj.zh = zh
        return obj

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else str(self)


def _number_text(text: str) -> str:
    if len(text) > _MAX_LINK_VALUE:
        raise LinkValueError(f"too long ({len(text)} characters)", f"太长（{len(text)}个字符）")
    return text.strip()


def _parse(widget: widgets.Widget, text: str) -> Any:
    """A link value as the control's type, refused (never rounded or clipped) when it does not fit."""
    current = widget.value
    if isinstance(current, dt.date) or isinstance(widget, widgets.DatePicker):
        try:
            return dt.date.fromisoformat(_number_text(text))
        except ValueError:
            raise LinkValueError("a calendar date written YYYY-MM-DD", "应为日历日期，写作YYYY-MM-DD") from None
    if isinstance(current, bool):
        if text not in ("1", "0", "true", "false"):
            raise LinkValueError("1 or 0", "应为1或0")
        return text in ("1", "true")
    if isinstance(current, int):
        t = _number_text(text)
        if not re.fullmatch(r"[-+]?\d+", t):
            raise LinkValueError("a whole number", "应为整数")
        return int(t)
    if isinstance(current, float):
        t = _number_text(text)
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", t):
            raise LinkValueError("a number", "应为数字")
        value = float(t)
        if not math.isfinite(value):
            raise LinkValueError("a finite number", "应为有限的数字")
        return value
    if len(text) > _MAX_LINK_VALUE:
        raise LinkValueError(f"too long ({len(text)} characters)", f"太长（{len(text)}个字符）")
    return text


def _range_error(lo: Any, hi: Any) -> LinkValueError:
    def fmt(v: Any) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)
    return LinkValueError(f"from {fmt(lo)} to {fmt(hi)}", f"应在{fmt(lo)}到{fmt(hi)}之间")


def apply_query(app: Any, query: dict[str, str]) -> list[str]:
    """Set the app's controls from a query; returns one message per key that was refused (the
    control keeps its value). A value is refused, never truncated or clipped: ``age=70.9`` for a
    whole-number control, ``age=inf``, a date that does not exist, a value outside the control's
    range or choices, a key the app does not have.

    Order matters: a persona first (it rebuilds the app), then the region (it sets the other
    controls' ranges), the date, the status, then the rest.
    """
    problems = []
    first = [n for n in ("persona", "region", "date", "status") if n in query]
    names = first + sorted(n for n in query if n not in first)
    for name in names:
        text = query[name]
        shown = text if len(text) <= _MAX_LINK_VALUE else text[:20] + "…"
        if name not in app.controls:
            known = ", ".join(k for k in app.controls)
            problems.append(LinkProblem(f"{name}={shown!r}: not a setting of this page (known: {known})",
                                        f"{name}={shown!r}：本页没有这一项（可用：{known}）"))
            continue
        w = app.controls[name]
        try:
            if name == "date" and hasattr(app, "select_date"):
                try:
                    day = dt.date.fromisoformat(_number_text(text)) if len(text) == 10 else None
                except ValueError:
                    day = None
                if day is None:
                    raise LinkValueError("a calendar date written YYYY-MM-DD", "应为日历日期，写作YYYY-MM-DD")
                note = app.select_date(day.isoformat())  # None, or {zh, en}
                if note:
                    problems.append(LinkProblem(f"{name}={shown!r}: {note['en']}", f"{name}={shown!r}：{note['zh']}"))
                continue
            value = _parse(w, text)
            options = getattr(w, "options", None)
            if options is not None:
                allowed = [o[1] if isinstance(o, tuple) else o for o in options]
                if value not in allowed:
                    raise LinkValueError("one of " + ", ".join(map(str, allowed)),
                                         "应为以下之一：" + "、".join(map(str, allowed)))
            lo, hi = getattr(w, "min", None), getattr(w, "max", None)
            if lo is not None and hi is not None and not lo <= value <= hi:
                raise _range_error(lo, hi)
            w.value = value
        except (ValueError, TypeError, OverflowError) as exc:
            zh = getattr(exc, "zh", str(exc))
            problems.append(LinkProblem(f"{name}={shown!r}: not allowed ({exc}); kept {_kept(w)}",
                                        f"{name}={shown!r}：不可用（{zh}），保留 {_kept(w)}"))
    return problems


def _kept(w: widgets.Widget) -> str:
    v = w.value
    return f"{v:g}" if isinstance(v, float) else repr(v) if isinstance(v, str) else str(v)


def problem_text(p: str, lang: str) -> str:
    return p.text(lang) if isinstance(p, LinkProblem) else str(p)


def link_problems_html(problems: list[str], lang: str) -> str:
    """The refused link values in the page's language, then in the other (Chinese first)."""
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")
    head = {"zh": "链接中的部分数值未按链接使用：", "en": "Some values in the link were not used as given:"}

    def one(lang_: str) -> str:
        sep = "；" if lang_ == "zh" else "; "
        return f"{head[lang_]} {html.escape(sep.join(problem_text(p, lang_) for p in problems))}"
    return f"{one(first)}<br><small>{one(second)}</small>"


def attach_share_box(app: Any) -> None:
    """Give an app without its own share box one that follows every control."""
    if hasattr(app, "share"):
        return
    box = widgets.HTML()

    def update(_=None) -> None:
        lang = app.controls["lang"].value if "lang" in app.controls else "zh"
        box.value = share_html(app, lang)

    for w in app.controls.values():
        w.observe(update, names="value")
    update()
    app.share = box
    app.children = (*app.children, box)


def follow_link(app: Any) -> None:
    """For a notebook's last cell: wait for the page's request (preheated kernels), then apply
    its query to ``app``. Everything above this cell is rendered before a visitor arrives, so a
    pooled page opens at once; the app, already on the page, then takes the link's values."""
    from_url(app)


def from_url(app: Any) -> Any:
    """Apply the page's query string to ``app``, give it a share link, and return it.

    Values the app cannot take are listed in a visible message (never a traceback)."""
    problems = apply_query(app, request_query())
    if problems:
        if hasattr(app, "show_link_problems"):
            app.show_link_problems(problems)
        else:
            note = widgets.HTML(error_box(link_problems_html(problems, "zh")))
            app.children = (note, *app.children)
    attach_share_box(app)
    return app


def share_html(app: Any, lang: str) -> str:
    """A link to the current inputs and a copy button. The address is the page's own, as the
    browser knows it (the link is relative: behind TLS, a proxy, a JupyterHub prefix or Binder it
    still points at this page); the box and the button copy the full address."""
    query = share_query(app)
    label = "复制链接" if lang == "zh" else "Copy link"
    # words, not an emoji: a fresh Debian laptop has no emoji font (the 🔗 drew as a box)
    opener = "在新页打开" if lang == "zh" else "Open"
    title = "分享此情形的链接：" if lang == "zh" else "Link to this case:"
    href = html.escape(f"?{query}", quote=True)
    full = "var a=this.parentNode.querySelector('a.medinsure-share-link');"
    js = (full + "var i=this.parentNode.querySelector('input');i.value=a.href;i.select();"
          "if(navigator.clipboard){navigator.clipboard.writeText(a.href)}"
          "else{document.execCommand('copy')}"
          f"this.textContent='{'已复制' if lang == 'zh' else 'Copied'}';")
    return (f"<div class='medinsure-share'>{title} "
            f"<a class='medinsure-share-link' href='{href}' target='_blank' rel='noopener'>{opener}</a> "
            f"<input aria-label='{title}' readonly value='{href}' "
            f"onfocus=\"{full}this.value=a.href;this.select()\"> "
            f"<button onclick=\"{js}\">{label}</button></div>")

"""Share links: every app reads its inputs from the page's query string and shows a link that
reopens exactly the current inputs. Works with Voila's preheated kernels (``wait_for_request``).

An app is any widget with ``.controls`` (name -> input widget); values are written to the query
string by name and read back with the type of the control.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import urllib.parse
from typing import Any

import ipywidgets as widgets

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
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException):
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


def page_url() -> str:
    """The page address without query (relative when Voila did not say the host)."""
    path = os.environ.get("SCRIPT_NAME", "")
    host = os.environ.get("SERVER_NAME", "")
    port = os.environ.get("SERVER_PORT", "")
    if host and path:
        return f"http://{host}{':' + port if port else ''}{path}"
    return path


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


def _parse(widget: widgets.Widget, text: str) -> Any:
    current = widget.value
    if isinstance(current, dt.date) or isinstance(widget, widgets.DatePicker):
        return dt.date.fromisoformat(text)
    if isinstance(current, bool):
        return text in ("1", "true", "True", "yes")
    if isinstance(current, int):
        return int(float(text))
    if isinstance(current, float):
        return float(text)
    return text


def apply_query(app: Any, query: dict[str, str]) -> list[str]:
    """Set the app's controls from a query; returns messages for values that were refused.

    Order matters: region first (it sets the other controls' ranges), then the date, then the rest.
    """
    problems = []
    names = [n for n in ("region", "date", "status") if n in query] + \
            [n for n in query if n not in ("region", "date", "status")]
    for name in names:
        if name not in app.controls:
            continue
        w = app.controls[name]
        try:
            if name == "date" and hasattr(app, "select_date"):
                app.select_date(query[name])
                continue
            value = _parse(w, query[name])
            options = getattr(w, "options", None)
            if options is not None:
                allowed = [o[1] if isinstance(o, tuple) else o for o in options]
                if value not in allowed:
                    raise ValueError(f"one of {', '.join(map(str, allowed))}")
            lo, hi = getattr(w, "min", None), getattr(w, "max", None)
            if lo is not None and hi is not None and not lo <= value <= hi:
                raise ValueError(f"from {lo} to {hi}")
            w.value = value
        except (ValueError, TypeError) as exc:
            problems.append(f"{name}={query[name]!r}: {exc}")
    return problems


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
            note = widgets.HTML(
                "<div class='medinsure-error' role='alert' style='color:#b71c1c;background:#ffebee;"
                "padding:6px 10px'>链接中的部分数值无法使用 Some values in the link could not be used: "
                + html.escape("; ".join(problems)) + "</div>")
            app.children = (note, *app.children)
    attach_share_box(app)
    return app


def share_html(app: Any, lang: str) -> str:
    """A link to the current inputs and a copy button (clipboard, with a fallback for http)."""
    query = share_query(app)
    url = f"{page_url()}?{query}"
    label = "复制链接" if lang == "zh" else "Copy link"
    title = "分享此情形的链接：" if lang == "zh" else "Link to this case:"
    safe = html.escape(url, quote=True)
    js = ("var i=this.parentNode.querySelector('input');i.select();"
          "if(navigator.clipboard){navigator.clipboard.writeText(i.value)}"
          "else{document.execCommand('copy')}"
          f"this.textContent='{'已复制' if lang == 'zh' else 'Copied'}';")
    return (f"<div class='medinsure-share' style='font-size:13px'>{title} "
            f"<a class='medinsure-share-link' href='{safe}' target='_blank' rel='noopener'>🔗</a> "
            f"<input aria-label='{title}' readonly value='{safe}' style='width:60%;font-size:12px'> "
            f"<button onclick=\"{js}\">{label}</button></div>")

"""A minimal Jupyter widget client: what a browser tab does to a Voila app, without the browser.

Used by the load benchmark (``benchmarks/load.py``) to measure the server alone: fetch the page
(and the scripts and styles it names), connect to its kernel's websocket, ask for every widget's
state as Voila's widget manager does (``jupyter.widget.control`` / ``request_states``, ipywidgets
8), then set a control's value and wait for the kernel's updates.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import json
import re
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1

CONTROL_PROTOCOL_VERSION = "1.0.0"  # ipywidgets 8's jupyter.widget.control comm
_KERNEL_ID = re.compile(r'"kernelId"\s*:\s*"([0-9a-f-]{36})"')
_ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css)(?:\?[^"]*)?)"')


class WidgetProtocolError(RuntimeError):
    """The server or kernel did not answer as a Voila page expects."""


@dataclass
class PageLoad:
    html: str
    kernel_id: str
    seconds: float           # page HTML complete
    assets: int              # scripts and styles fetched
    asset_seconds: float     # page + assets complete


def fetch_page(base: str, path: str, assets: list[str] | None = None, timeout: float = 300,
               connections: int = 6) -> PageLoad:
    """GET a Voila page, then its assets over ``connections`` parallel connections, as a browser
    does (blocking; run it in a thread). ``assets``: the paths a real browser fetched for this page
    (see :func:`browser_assets`; ``{kernel_id}`` is replaced); default: the scripts and styles the
    page names itself (the first few of the ~100 a browser loads)."""
    t0 = time.monotonic()
    with urllib.request.urlopen(f"{base}{path}", timeout=timeout) as r:
        body = r.read().decode("utf-8", "replace")
    seconds = time.monotonic() - t0
    m = _KERNEL_ID.search(body)
    if not m or "</html>" not in body:
        raise WidgetProtocolError(f"{path}: page incomplete or without a kernel id ({len(body)} bytes)")
    if assets is None:
        assets = sorted({html.unescape(a) for a in _ASSET.findall(body)
                         if not a.startswith(("http:", "https:", "//"))})
    urls = [urllib.parse.urljoin(f"{base}{path}", a.replace("{kernel_id}", m.group(1))) for a in assets]

    def get(url: str) -> None:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()

    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        list(pool.map(get, urls))
    return PageLoad(body, m.group(1), seconds, len(urls), time.monotonic() - t0)


def browser_assets(base: str, path: str) -> list[str]:
    """The same-origin files a real browser (Debian's Chromium) fetches to show ``path``, in order;
    the page's kernel id is written ``{kernel_id}``. Needs a free preheated kernel or starts one."""
    from medinsure.site.browser import chromium_page

    seen: list[str] = []
    with chromium_page() as page:
        page.on("requestfinished", lambda r: seen.append(r.url))
        page.goto(f"{base}{path}", timeout=300000)
        page.locator(".jupyter-widgets").first.wait_for(timeout=300000)
        page.wait_for_load_state("networkidle")
        kernel = _KERNEL_ID.search(page.content())
    out = []
    for url in seen:
        if not url.startswith(base) or url.split("?")[0] == f"{base}{path.split('?')[0]}":
            continue
        rel = url[len(base):]
        if kernel:
            rel = rel.replace(kernel.group(1), "{kernel_id}")
        out.append(rel)
    return out


WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"  # what JupyterLab's and Voila's pages speak


def _message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> bytes:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "load",
              "session": session, "date": "", "version": "5.3"}
    parts = [json.dumps(p).encode() for p in (header, {}, metadata or {}, content)]
    return serialize_msg_to_ws_v1(parts, "shell")


def _decode(raw: bytes) -> tuple[dict, dict]:
    """(header, content) of a v1 websocket frame; buffers (images) are not kept."""
    _channel, parts = deserialize_msg_from_ws_v1(raw)
    return json.loads(parts[0]), json.loads(parts[3])


@dataclass
class WidgetSession:
    """One connected page: the widget states by model id, kept current from the kernel's updates."""

    ws: Any
    session: str
    states: dict[str, dict] = field(default_factory=dict)
    updates: asyncio.Queue = field(default_factory=asyncio.Queue)
    _reader: asyncio.Task | None = None

    @classmethod
    async def connect(cls, base: str, kernel_id: str, timeout: float = 120) -> WidgetSession:
        import websockets

        session = uuid.uuid4().hex
        ws_url = base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id={session}"
        ws = await asyncio.wait_for(websockets.connect(
            ws_url, max_size=2**26, subprotocols=[WS_PROTOCOL]), timeout)
        self = cls(ws, session)
        self._reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self._request_states(), timeout)
        return self

    async def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> None:
        await self.ws.send(_message(msg_type, content, self.session, metadata))

    async def _read(self) -> None:
        async for raw in self.ws:
            header, content = _decode(raw)
            if header["msg_type"] != "comm_msg":
                continue
            data = content.get("data", {})
            method = data.get("method")
            if method == "update_states":
                for comm_id, st in data.get("states", {}).items():
                    self.states[comm_id] = dict(st.get("state", {}))
            elif method in ("update", "echo_update"):
                comm_id = content["comm_id"]
                self.states.setdefault(comm_id, {}).update(data.get("state", {}))
            await self.updates.put(time.monotonic())

    async def _request_states(self) -> None:
        comm_id = uuid.uuid4().hex
        await self._send("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control",
                                       "data": {}}, {"version": CONTROL_PROTOCOL_VERSION})
        await self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        while not self.states:
            await self.updates.get()

    def find(self, model_name: str, description: str) -> str:
        """The model id of the widget of that model class whose description contains the text."""
        for comm_id, st in self.states.items():
            if st.get("_model_name") == model_name and description in st.get("description", ""):
                return comm_id
        raise WidgetProtocolError(f"no {model_name} described {description!r} among {len(self.states)} widgets")

    def texts(self, needle: str) -> list[str]:
        """Values of HTML widgets that contain ``needle`` (e.g. a CSS class)."""
        return [st["value"] for st in self.states.values()
                if st.get("_model_name") == "HTMLModel" and needle in st.get("value", "")]

    async def set_value(self, comm_id: str, value: Any) -> None:
        await self._send("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})

    async def wait_for_text(self, needle: str, *wanted: str, timeout: float = 60) -> str:
        """Wait until an HTML widget containing ``needle`` holds every ``wanted`` string."""
        deadline = time.monotonic() + timeout
        while True:
            for text in self.texts(needle):
                if all(w in text for w in wanted):
                    return text
            left = deadline - time.monotonic()
            if left <= 0:
                raise WidgetProtocolError(f"no {needle!r} text with {wanted} after {timeout} s")
            try:
                await asyncio.wait_for(self.updates.get(), left)
            except TimeoutError:
                pass

    async def close(self) -> None:
        await self.ws.close()
        if self._reader:
            self._reader.cancel()

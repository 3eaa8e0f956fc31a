"""The launcher's hardening: warm-ups take turns, kernels learn their visitor's request without
importing Voila, and the protocol client the load benchmark uses talks to a real server."""

import asyncio
import time

import pytest

from medinsure.app import share
from medinsure.site import voila_launch
from medinsure.site.serve import kernel_environment, voila_command


def test_warmup_limit_reads_the_environment(monkeypatch):
    monkeypatch.setenv("MEDINSURE_WARMUPS", "3")
    assert voila_launch.warmup_limit() == 3
    monkeypatch.delenv("MEDINSURE_WARMUPS")
    assert voila_launch.warmup_limit() >= 1


@pytest.mark.parametrize("bad", ["0", "-1", "two", "1.5"])
def test_a_bad_warmup_limit_is_refused_naming_the_value(monkeypatch, bad):
    monkeypatch.setenv("MEDINSURE_WARMUPS", bad)
    with pytest.raises(SystemExit, match=f"MEDINSURE_WARMUPS='{bad}'"):
        voila_launch.warmup_limit()


def test_the_launcher_keeps_the_warmup_setting_and_starts_our_voila(monkeypatch):
    assert "medinsure.site.voila_launch" in voila_command(8866, "127.0.0.1")
    monkeypatch.setenv("MEDINSURE_WARMUPS", "2")
    assert kernel_environment()["MEDINSURE_WARMUPS"] == "2"


def test_voilas_pooled_kernel_manager_still_has_the_warmup_hook():
    # limit_warmups overrides VoilaKernelManager._initialize (Voila 0.5); a Voila that renames it
    # must fail here, not silently stop taking turns
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    cls = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 1)
    assert callable(getattr(cls, "_initialize", None))
    limited = voila_launch.limit_warmups(cls, 1)
    assert issubclass(limited, cls) and limited._initialize is not cls._initialize


class _FakePoolManager:
    """Stands in for Voila's manager: a warm-up reaches the visitor wait after ``WARM`` seconds."""
    WARM = 0.3
    running = 0
    most = 0
    waiters: dict = {}

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        cls = _FakePoolManager
        cls.running += 1
        cls.most = max(cls.most, cls.running)
        kid = f"k{time.monotonic_ns()}"

        async def render():
            await asyncio.sleep(cls.WARM)
            cls.waiters[kid] = object()      # the kernel now waits for its visitor
            cls.running -= 1
            await asyncio.sleep(30)          # blocked in the last cell until a visitor comes

        return {"kernel_id": kid, "task": asyncio.ensure_future(render())}


@pytest.mark.parametrize("limit", [1, 2])
def test_warmups_take_turns(monkeypatch, limit):
    from voila.request_info_handler import RequestInfoSocketHandler

    _FakePoolManager.running = _FakePoolManager.most = 0
    monkeypatch.setattr(RequestInfoSocketHandler, "_waiters", _FakePoolManager.waiters)
    manager = voila_launch.limit_warmups(_FakePoolManager, limit)()

    async def five():
        t0 = time.monotonic()
        contents = await asyncio.gather(*(manager._initialize("a.ipynb") for _ in range(5)))
        took = time.monotonic() - t0
        for c in contents:
            c["task"].cancel()
        return took

    took = asyncio.run(five())
    assert _FakePoolManager.most == limit
    # five warm-ups of 0.3 s, ``limit`` at a time
    assert took >= _FakePoolManager.WARM * (5 // limit) * 0.9


def test_a_preheated_kernel_finds_voilas_request_address(monkeypatch):
    for k, v in {"VOILA_APP_IP": "127.0.0.1", "VOILA_APP_PORT": "9001", "VOILA_SERVER_URL": "/",
                 "VOILA_KERNEL_ID": "abc"}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    monkeypatch.delenv("VOILA_WS_PROTOCOL", raising=False)
    assert share._request_info_url() == "ws://127.0.0.1:9001/voila/query/abc"
    monkeypatch.setenv("VOILA_WS_BASE_URL", "/services/medinsure/")
    assert share._request_info_url() == "ws://127.0.0.1:9001/services/medinsure/voila/query/abc"


def test_outside_voila_the_query_is_empty_and_nothing_waits(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert share.request_query() == {}


def test_the_protocol_client_moves_a_slider_on_a_real_server():
    """What benchmarks/load.py does per session, once: the library's numbers come back."""
    from medinsure import Enrollee, compare
    from medinsure.site.browser import voila_server
    from medinsure.site.widget_client import WidgetSession, fetch_page

    app = "01-account-credits.ipynb"
    want = compare("wuhan", "2023-02-01", Enrollee(status="retired", age=68, pension_monthly=4166.67,
                                                   outpatient_yearly=7200, level="tertiary"))

    async def session(base):
        page = await asyncio.to_thread(fetch_page, base, f"/voila/render/{app}?outpatient=7150")
        assert page.assets > 0
        s = await WidgetSession.connect(base, page.kernel_id)
        try:
            await s.wait_for_text("medinsure-sentence", "7,150.00")
            await s.set_value(s.find("FloatSliderModel", "年门诊费用 Outpatient"), 7200.0)
            return await s.wait_for_text("medinsure-sentence", "7,200.00")
        finally:
            await s.close()

    with voila_server(timeout=120, pool=0, pools={app: 1}) as base:
        text = asyncio.run(session(base))
    assert f"{want.resources_gain:,.2f}" in text and f"{want.reimbursement_new:,.2f}" in text


class _FakeKernel:
    def __init__(self):
        import datetime as dt
        self.last_activity = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


class _FakeVoilaManager:
    """Voila's pooled manager as far as medinsure's subclass uses it (Voila 0.5 semantics:
    hands out ``pool[0]``; its own cull guard is replaced)."""

    cull_idle_timeout = 120

    def __init__(self):
        self._pools: dict = {}
        self.kernels = {}
        self.culled: list = []
        self._kernel_connections: dict = {}

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):  # pragma: no cover
        raise NotImplementedError

    def __contains__(self, kernel_id):
        return kernel_id in self.kernels

    def get_kernel(self, kernel_id):
        return self.kernels[kernel_id]

    async def get_rendered_notebook(self, notebook_name, *args, **kwargs):
        content = await self._pools[notebook_name].pop(0)
        return content["task"], [], content["kernel_id"]

    async def cull_kernel_if_idle(self, kernel_id):
        self.culled.append(kernel_id)


def _pool_entry(loop, kernel_id=None):
    fut = loop.create_future()
    if kernel_id is not None:
        fut.set_result({"kernel_id": kernel_id, "task": None})
    return fut


def test_only_warm_kernels_count_and_a_handed_out_kernel_starts_its_idle_time(monkeypatch):
    import datetime as dt

    monkeypatch.delenv("MEDINSURE_CONNECT_GRACE", raising=False)
    manager = voila_launch.pooled_kernel_manager(_FakeVoilaManager, 1)()

    async def scenario():
        loop = asyncio.get_running_loop()
        manager.kernels = {"warm": _FakeKernel(), "other": _FakeKernel()}
        # a refill still waiting for its fill_delay comes first, as Voila appends it
        manager._pools["a.ipynb"] = [_pool_entry(loop), _pool_entry(loop, "warm")]
        assert manager.get_pool_size("a.ipynb") == 1         # Voila would say 2
        await manager.cull_kernel_if_idle("warm")            # waiting in the pool: never culled
        await manager.cull_kernel_if_idle("other")
        assert manager.culled == ["other"]
        before = dt.datetime.now(dt.UTC)
        _, _, kernel_id = await manager.get_rendered_notebook("a.ipynb")
        assert kernel_id == "warm"                           # not the pending refill
        assert manager.kernels["warm"].last_activity >= before
        assert manager.get_pool_size("a.ipynb") == 0         # next visitor: a fresh kernel at once
        await manager.cull_kernel_if_idle("warm")            # handed out, page not connected yet
        assert manager.culled == ["other"]
        manager._kernel_connections["warm"] = 1              # the page connects: idle time from now
        manager.kernels["warm"].last_activity = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        await manager.cull_kernel_if_idle("warm")
        assert manager.culled == ["other"] and manager.kernels["warm"].last_activity >= before
        await manager.cull_kernel_if_idle("warm")            # from now on, the normal rules
        assert manager.culled == ["other", "warm"]

    asyncio.run(scenario())


def test_a_handed_out_page_that_never_connects_is_culled_after_the_grace(monkeypatch):
    monkeypatch.setenv("MEDINSURE_CONNECT_GRACE", "0")
    manager = voila_launch.pooled_kernel_manager(_FakeVoilaManager, 1)()

    async def scenario():
        loop = asyncio.get_running_loop()
        manager.kernels = {"k": _FakeKernel()}
        manager._pools["a.ipynb"] = [_pool_entry(loop, "k")]
        await manager.get_rendered_notebook("a.ipynb")
        await manager.cull_kernel_if_idle("k")
        assert manager.culled == ["k"]

    asyncio.run(scenario())
    assert voila_launch.connect_grace(120) == 0
    monkeypatch.delenv("MEDINSURE_CONNECT_GRACE")
    assert voila_launch.connect_grace(120) == voila_launch.CONNECT_GRACE_MIN
    assert voila_launch.connect_grace(900) == 900


def test_a_pool_entry_whose_kernel_died_is_not_counted():
    manager = voila_launch.pooled_kernel_manager(_FakeVoilaManager, 1)()

    async def scenario():
        loop = asyncio.get_running_loop()
        manager._pools["a.ipynb"] = [_pool_entry(loop, "gone")]
        failed = loop.create_future()
        failed.set_exception(RuntimeError("kernel died while warming up"))
        manager._pools["a.ipynb"].append(failed)
        assert manager.get_pool_size("a.ipynb") == 0

    asyncio.run(scenario())


def test_the_launcher_serves_its_own_page_template():
    from medinsure.site.serve import JUPYTER_DATA, TEMPLATE

    cmd = voila_command(8866, "127.0.0.1")
    assert f"--VoilaConfiguration.template={TEMPLATE}" in cmd
    assert (JUPYTER_DATA / "voila" / "templates" / TEMPLATE / "index.html.j2").is_file()
    assert str(JUPYTER_DATA) in kernel_environment()["JUPYTER_PATH"]


def test_kernels_import_the_package_this_server_runs():
    from pathlib import Path

    import medinsure
    assert kernel_environment()["PYTHONPATH"] == str(Path(medinsure.__file__).resolve().parents[1])


def test_several_processes_need_a_sane_count_and_nginx(monkeypatch, capsys):
    from medinsure.site import serve, several
    with pytest.raises(SystemExit) as e:
        serve.main(["--processes", "0"])
    assert e.value.code == 2 and "--processes 0" in capsys.readouterr().err
    monkeypatch.setattr(several, "nginx_path", lambda: None)
    assert several.run(2, "127.0.0.1", 8080, "/", 0, {}, print) == 2
    assert "needs nginx" in capsys.readouterr().err


def test_several_processes_get_distinct_ports_and_one_nginx_config(tmp_path):
    from medinsure.site import several
    ports = several.free_loopback_ports(3)
    assert len(set(ports)) == 3
    conf = several.nginx_config("127.0.0.1:8080", "/medinsure/", ports, tmp_path)
    assert all(f"server 127.0.0.1:{p};" in conf for p in ports) and "ip_hash;" in conf
    assert "location /medinsure/ {" in conf and "@" not in conf.replace("$", "")

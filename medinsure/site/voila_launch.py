"""Voila with a preheated pool that a late room can rely on (``python -m medinsure.site.voila_launch``).

Three changes to Voila 0.5's pooled kernel manager, all in :func:`pooled_kernel_manager`:

- **Warm-ups take turns.** Voila starts every pool kernel at once: at start-up, and again
  ``fill_delay`` seconds after a room has taken its pool — exactly while that room is moving
  sliders. On a 2-core laptop thirty kernels importing numpy and matplotlib together starve the
  kernels people are using (benchmarks/load.py: update latencies of many seconds, dropped
  websockets). Here at most ``MEDINSURE_WARMUPS`` kernels warm up together (default: one core
  fewer than the machine has, at least 1); a warm-up ends when the kernel waits for its visitor
  (``voila/query``, the notebooks' last cell) or when its notebook has run.
- **A kernel handed to a visitor gets its idle time from the moment its page connects.**
  jupyter-server culls a kernel with no connection whose last activity is older than
  ``cull_idle_timeout``. A pool kernel whose notebook has finished (the workshop pages) is idle
  while it waits; Voila protects it only while it is in the pool, so once handed out it was culled
  at the next check, before the visitor's browser had connected: the page showed widget reprs
  (issue 15). Here a handed-out kernel is not culled before its page connects (up to
  ``MEDINSURE_CONNECT_GRACE`` seconds, default the larger of the cull time and 5 minutes, for a
  page that never connects), and its idle time starts when it does.
- **Only warm kernels count as the pool.** Voila counts a refill that is still waiting for its
  ``fill_delay`` as available and makes the next visitor wait for it (~20 s); here a visitor who
  finds no warm kernel gets a fresh one at once, while the refill proceeds in its turn.
"""

from __future__ import annotations

import asyncio
import json
import os
import time

WARMUP_TIMEOUT = 180.0  # seconds; a kernel that never reaches its last cell frees its turn
CONNECT_GRACE_MIN = 300.0  # seconds a handed-out page may take to connect (slow laptops)


def warmup_limit() -> int:
    text = os.environ.get("MEDINSURE_WARMUPS", "")
    if text:
        if not text.isdigit() or int(text) < 1:
            raise SystemExit(f"MEDINSURE_WARMUPS={text!r}: expected a whole number of at least 1")
        return int(text)
    return max(1, (os.cpu_count() or 2) - 1)


def connect_grace(cull_idle: float) -> float:
    text = os.environ.get("MEDINSURE_CONNECT_GRACE", "")
    if text:
        try:
            return float(text)
        except ValueError:
            raise SystemExit(f"MEDINSURE_CONNECT_GRACE={text!r}: expected seconds") from None
    return max(float(cull_idle), CONNECT_GRACE_MIN)


async def _warmed_up(content: dict, waiters: dict, timeout: float = WARMUP_TIMEOUT) -> None:
    """Return once the kernel waits for its visitor, its notebook has run, or ``timeout``."""
    deadline = time.monotonic() + timeout
    while content["kernel_id"] not in waiters and not content["task"].done():
        if time.monotonic() > deadline:
            return
        await asyncio.sleep(0.2)


def _warm_kernel(task: asyncio.Future) -> str | None:
    """The kernel id of a pool entry that is ready to hand out, else None."""
    if not task.done() or task.cancelled() or task.exception() is not None:
        return None
    return task.result().get("kernel_id")


def pooled_kernel_manager(manager_class: type, limit: int) -> type:
    """A subclass of Voila's pooled kernel manager with the three changes of this module."""
    from jupyter_server._tz import utcnow
    from voila.request_info_handler import RequestInfoSocketHandler

    if not hasattr(manager_class, "_initialize"):  # preheating off: nothing to change
        return manager_class
    turns: asyncio.Semaphore | None = None

    class MedinsurePoolManager(manager_class):  # type: ignore[misc, valid-type]
        _warming: set[str] = set()
        _handed_out: dict[str, float] = {}  # kernel id -> when its page was served (monotonic)

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs) -> dict:
            nonlocal turns
            if turns is None:
                turns = asyncio.Semaphore(limit)
            async with turns:
                content = await super()._initialize(notebook_path, kernel_id, **kwargs)
                self._warming.add(content["kernel_id"])
                try:
                    await _warmed_up(content, RequestInfoSocketHandler._waiters)
                finally:
                    self._warming.discard(content["kernel_id"])
            return content

        def _pool_kernel_ids(self) -> set[str]:
            ids = {_warm_kernel(t) for pool in self._pools.values() for t in pool}
            return (ids - {None}) | self._warming

        def get_pool_size(self, notebook_name: str) -> int:
            return sum(1 for t in self._pools.get(notebook_name, ())
                       if (k := _warm_kernel(t)) is not None and k in self)

        async def get_rendered_notebook(self, notebook_name: str, *args, **kwargs):
            pool = self._pools.get(notebook_name, [])
            warm = [t for t in pool if (k := _warm_kernel(t)) is not None and k in self]
            if warm:  # Voila hands out pool[0]: make that a warm one
                pool.remove(warm[0])
                pool.insert(0, warm[0])
            render_task, rendered_cache, kernel_id = await super().get_rendered_notebook(
                notebook_name, *args, **kwargs)
            if kernel_id in self:  # not idle since its warm-up: it waits for its page to connect
                self.get_kernel(kernel_id).last_activity = utcnow()
                self._handed_out[kernel_id] = time.monotonic()
            return render_task, rendered_cache, kernel_id

        async def cull_kernel_if_idle(self, kernel_id: str):
            if kernel_id in self._pool_kernel_ids():
                return None
            served = self._handed_out.get(kernel_id)
            if served is not None and kernel_id in self:
                if self._kernel_connections.get(kernel_id, 0) > 0:  # connected: idle time from now
                    del self._handed_out[kernel_id]
                    self.get_kernel(kernel_id).last_activity = utcnow()
                    return None
                if time.monotonic() - served < connect_grace(self.cull_idle_timeout):
                    return None
                del self._handed_out[kernel_id]  # the page never connected: cull as usual
            return await super().cull_kernel_if_idle(kernel_id)

    return MedinsurePoolManager


def limit_warmups(manager_class: type, limit: int) -> type:
    """The pooled kernel manager of this module (the name the tests and notes use)."""
    return pooled_kernel_manager(manager_class, limit)


def split_config(argv: list[str]) -> tuple[dict, list[str]]:
    """The ``--medinsure-config=<json>`` argument (the launcher's Voila settings), and the rest."""
    config: dict = {}
    rest = []
    for a in argv:
        if a.startswith("--medinsure-config="):
            config = json.loads(a.split("=", 1)[1])
        else:
            rest.append(a)
    return config, rest


def main() -> None:
    import sys

    import voila.app
    from traitlets.config import Config

    limit = warmup_limit()
    factory = voila.app.voila_kernel_manager_factory

    def medinsure_factory(*args, **kwargs):
        return pooled_kernel_manager(factory(*args, **kwargs), limit)

    voila.app.voila_kernel_manager_factory = medinsure_factory
    settings, argv = split_config(sys.argv[1:])
    voila.app.Voila.launch_instance(argv=argv, config=Config(settings))


if __name__ == "__main__":
    main()

"""Voila with preheated kernels warmed up a few at a time (``python -m medinsure.voila_launch``).

Voila 0.5 starts every pool kernel at once: at start-up, and again ``fill_delay`` seconds after a
room has taken its pool — exactly while that room is moving sliders. On a 2-core laptop thirty
kernels importing numpy and matplotlib and running a notebook together starve the kernels people
are using (benchmarks/load.py measured update latencies of many seconds and dropped websockets).
Here at most ``MEDINSURE_WARMUPS`` kernels warm up together (default: one core fewer than the
machine has, at least 1); a warm-up ends when the kernel waits for its visitor in
``voila.utils.wait_for_request`` (the notebooks' last cell) or when its notebook has run.
"""

from __future__ import annotations

import asyncio
import os
import time

WARMUP_TIMEOUT = 180.0  # seconds; a kernel that never reaches its last cell frees its turn


def warmup_limit() -> int:
    text = os.environ.get("MEDINSURE_WARMUPS", "")
    if text:
        if not text.isdigit() or int(text) < 1:
            raise SystemExit(f"MEDINSURE_WARMUPS={text!r}: expected a whole number of at least 1")
        return int(text)
    return max(1, (os.cpu_count() or 2) - 1)


async def _warmed_up(content: dict, waiters: dict, timeout: float = WARMUP_TIMEOUT) -> None:
    """Return once the kernel waits for its visitor, its notebook has run, or ``timeout``."""
    deadline = time.monotonic() + timeout
    while content["kernel_id"] not in waiters and not content["task"].done():
        if time.monotonic() > deadline:
            return
        await asyncio.sleep(0.2)


def limit_warmups(manager_class: type, limit: int) -> type:
    """A subclass of Voila's pooled kernel manager whose warm-ups take turns."""
    from voila.request_info_handler import RequestInfoSocketHandler

    if not hasattr(manager_class, "_initialize"):  # preheating off: nothing to limit
        return manager_class
    turns: asyncio.Semaphore | None = None

    class TurnTakingKernelManager(manager_class):  # type: ignore[misc, valid-type]
        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs) -> dict:
            nonlocal turns
            if turns is None:
                turns = asyncio.Semaphore(limit)
            async with turns:
                content = await super()._initialize(notebook_path, kernel_id, **kwargs)
                await _warmed_up(content, RequestInfoSocketHandler._waiters)
            return content

    return TurnTakingKernelManager


def main() -> None:
    import voila.app

    limit = warmup_limit()
    factory = voila.app.voila_kernel_manager_factory

    def limited_factory(*args, **kwargs):
        return limit_warmups(factory(*args, **kwargs), limit)

    voila.app.voila_kernel_manager_factory = limited_factory
    voila.app.main()


if __name__ == "__main__":
    main()

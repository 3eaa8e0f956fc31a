"""Serve the notebooks as Voila apps with safe settings (``./run app``).

Sources stripped, tracebacks hidden, bound to 127.0.0.1 unless told otherwise, idle kernels
culled (closing a tab does not stop its kernel in Voila 0.5), a long keep-alive so a burst of
first loads does not stall (see shared/reference/stack.md), a minimal environment for kernels,
and preheated kernels warmed up a few at a time (medinsure/voila_launch.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from .catalog import APPS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# the page template shipped in the package (share/jupyter/voila/templates/medinsure, a child of lab)
JUPYTER_DATA = Path(__file__).resolve().parent / "share" / "jupyter"
TEMPLATE = "medinsure"


def voila_config(pool: int = 1, pools: dict[str, int] | None = None) -> dict:
    """Voila settings that do not fit on the command line: the preheated kernel pools."""
    config = {"default": {"pool_size": max(pool, 0)}}
    for notebook, size in (pools or {}).items():
        config[notebook] = {"pool_size": max(size, 0)}
    # Refill the pool only after a burst of first loads has been served: refilling at once
    # starts a kernel per visitor while their pages are still rendering and, on 2 cores, made
    # 30 simultaneous pooled loads take ~11 s instead of well under a second (benchmarks/load.py).
    return {"VoilaKernelManager": {"kernel_pools_config": config, "fill_delay": 20}}


def voila_command(port: int, ip: str, notebooks: Path = NOTEBOOKS, pool: int = 1,
                  pools: dict[str, int] | None = None, cull_idle: int = 120,
                  cull_interval: int = 30) -> list[str]:
    """The Voila command line. ``pool`` preheated kernels wait for each notebook (0 = none);
    ``pools`` sets another size for some notebooks (e.g. the one a room opens together)."""
    conf_dir = Path(tempfile.mkdtemp(prefix="medinsure-voila-"))
    (conf_dir / "voila.json").write_text(json.dumps(voila_config(pool, pools)), encoding="utf-8")
    return [
        sys.executable, "-m", "medinsure.voila_launch", str(notebooks), "--no-browser",
        f"--port={port}", f"--Voila.ip={ip}",
        f"--Voila.config_file_paths={conf_dir}",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.http_keep_alive_timeout=120",
        f"--VoilaConfiguration.preheat_kernel={pool > 0 or any((pools or {}).values())}",
        # a closed tab leaves its kernel running (Voila 0.5, upstream issue 1458): cull kernels
        # idle for 2 minutes with no page connected; pooled kernels are never culled, and a
        # kernel handed to a visitor counts its idle time from then (voila_launch.py)
        f"--MappingKernelManager.cull_interval={cull_interval}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        "--MappingKernelManager.cull_connected=False",
    ]


def kernel_environment() -> dict[str, str]:
    """Only what a kernel needs: no tokens or credentials from the launching shell."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "MEDINSURE_DATA", "MEDINSURE_WARMUPS", "VIRTUAL_ENV",
            "TMPDIR", "MEDINSURE_CONNECT_GRACE")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_DATA), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    env["MPLBACKEND"] = "Agg"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _pool_arg(text: str) -> tuple[str, int]:
    name, _, size = text.partition("=")
    if not size.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: expected NOTEBOOK=N, e.g. 01-account-credits.ipynb=30")
    return name, int(size)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="./run app", description="Serve the medinsure apps with Voila")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--ip", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--pool", type=int, default=1,
                   help="preheated kernels waiting per notebook (default 1; 0 = start on demand)")
    p.add_argument("--pool-for", type=_pool_arg, action="append", default=[], metavar="NOTEBOOK=N",
                   help="another pool size for one notebook, e.g. for a workshop room: "
                        "--pool-for 01-account-credits.ipynb=30")
    p.add_argument("--warmups", type=int, default=None, metavar="N",
                   help="preheated kernels warming up at the same time (default: CPU cores - 1, at least 1)")
    args = p.parse_args(argv)
    if args.warmups is not None:
        if args.warmups < 1:
            p.error(f"--warmups {args.warmups}: expected a whole number of at least 1")
        os.environ["MEDINSURE_WARMUPS"] = str(args.warmups)
    cmd = voila_command(args.port, args.ip, pool=args.pool, pools=dict(args.pool_for))
    base = f"http://{'127.0.0.1' if args.ip in ('0.0.0.0', '') else args.ip}:{args.port}"
    print("medinsure apps:", file=sys.stderr)
    print(f"  start page           {base}/voila/render/00-start.ipynb", file=sys.stderr)
    for app in APPS:
        print(f"  {app.title['en']:<38} {base}/voila/render/{app.notebook}", file=sys.stderr)
    print(f"  all notebooks        {base}/voila/tree", file=sys.stderr)
    sys.stderr.flush()
    os.execve(cmd[0], cmd, kernel_environment())
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())

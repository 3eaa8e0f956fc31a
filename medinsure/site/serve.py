"""Serve the notebooks as Voila apps with safe settings (``./run app``).

Sources stripped, tracebacks hidden, bound to 127.0.0.1 unless told otherwise, idle kernels
culled (closing a tab does not stop its kernel in Voila 0.5), a long keep-alive so a burst of
first loads does not stall (see shared/reference/stack.md), a minimal environment for kernels,
and preheated kernels warmed up a few at a time (medinsure/site/voila_launch.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sys
from pathlib import Path

from medinsure.app.catalog import APPS

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# the page template shipped in the package (share/jupyter/voila/templates/medinsure, a child of lab)
JUPYTER_DATA = Path(__file__).resolve().parents[1] / "share" / "jupyter"
TEMPLATE = "medinsure"
FILE_ALLOWLIST = [r".*\.(png|jpg|gif|svg)", r"trainer/[a-z0-9-]+\.html"]
# the JupyterLab extensions an app page loads: the widgets and the live charts. Others in the
# environment (jupytext, pygments) are for JupyterLab and would only add JavaScript to each page.
LAB_EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8", "bqplot", "bqscales"]


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
                  cull_interval: int = 30, base_url: str = "/") -> list[str]:
    """The Voila command line. ``pool`` preheated kernels wait for each notebook (0 = none);
    ``pools`` sets another size for some notebooks (e.g. the one a room opens together). The pool
    settings travel as one argument that ``voila_launch`` turns into Voila's configuration (no
    configuration file is written); Voila does not move to another port when this one is taken.
    ``base_url`` ("/medinsure/") serves every page and websocket under that prefix, for a
    reverse proxy or a shared address (deploy/README.md)."""
    return [
        sys.executable, "-m", "medinsure.site.voila_launch", str(notebooks), "--no-browser",
        f"--port={port}", f"--Voila.ip={ip}", "--Voila.port_retries=0",
        f"--medinsure-config={json.dumps(voila_config(pool, pools))}",
        f"--Voila.base_url={normal_base_url(base_url)}",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.strip_sources=True",
        # images (Voila's default) and the trainer's printable pages (notebooks/trainer/, start page)
        f"--VoilaConfiguration.file_allowlist={FILE_ALLOWLIST!r}",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaConfiguration.extension_allowlist={LAB_EXTENSIONS!r}",
        "--VoilaConfiguration.http_keep_alive_timeout=120",
        f"--VoilaConfiguration.preheat_kernel={pool > 0 or any((pools or {}).values())}",
        # a closed tab leaves its kernel running (Voila 0.5, upstream issue 1458): cull kernels
        # idle for 2 minutes with no page connected; pooled kernels are never culled, and a
        # kernel handed to a visitor counts its idle time from then (voila_launch.py)
        f"--MappingKernelManager.cull_interval={cull_interval}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        "--MappingKernelManager.cull_connected=False",
    ]


def normal_base_url(text: str) -> str:
    """``medinsure`` or ``/medinsure`` → ``/medinsure/`` (Voila joins its routes to it)."""
    parts = [p for p in text.strip().split("/") if p]
    if any(not re.fullmatch(r"[A-Za-z0-9._~-]+", p) for p in parts):
        raise ValueError(f"{text!r} is not a path prefix (letters, digits, . _ ~ - between slashes)")
    return "/" + "".join(p + "/" for p in parts)


def kernel_environment() -> dict[str, str]:
    """Only what a kernel needs: no tokens or credentials from the launching shell."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "MEDINSURE_DATA", "MEDINSURE_WARMUPS", "VIRTUAL_ENV",
            "TMPDIR", "MEDINSURE_CONNECT_GRACE")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_DATA), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    env["MPLBACKEND"] = "Agg"
    env["PYTHONNOUSERSITE"] = "1"
    # kernels import the medinsure this server runs (a checkout or a second work tree), not another copy
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line on stderr, exit 2 (as the medinsure CLI)
        self.exit(2, f"./run app: error: {message}\n")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (a whole number from 1 to 65535)")
    return int(text)


def port_free(ip: str, port: int) -> bool:
    """True where nothing listens on ``ip:port`` (Voila binds it next)."""
    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip or "0.0.0.0", port))
        except OSError:
            return False
    return True


def _pool_arg(text: str) -> tuple[str, int]:
    name, _, size = text.partition("=")
    if not size.isdigit() or not name.endswith(".ipynb"):
        raise argparse.ArgumentTypeError(f"{text!r}: expected NOTEBOOK=N, e.g. 01-account-credits.ipynb=30")
    if not (NOTEBOOKS / name).is_file():
        raise argparse.ArgumentTypeError(f"{name!r}: no such notebook under notebooks/")
    return name, int(size)


def announce(base: str) -> None:
    """The addresses of the apps, on stderr."""
    print("medinsure apps:", file=sys.stderr)
    print(f"  start page           {base}/voila/render/00-start.ipynb", file=sys.stderr)
    for app in APPS:
        print(f"  {app.title['en']:<38} {base}/voila/render/{app.notebook}", file=sys.stderr)
    print(f"  all notebooks        {base}/voila/tree", file=sys.stderr)
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    p = _OneLineParser(prog="./run app", description="Serve the medinsure apps with Voila")
    p.add_argument("--port", type=_port, default=8866, help="1–65535 (default 8866)")
    p.add_argument("--ip", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--pool", type=int, default=1,
                   help="preheated kernels waiting per notebook (default 1; 0 = start on demand)")
    p.add_argument("--pool-for", type=_pool_arg, action="append", default=[], metavar="NOTEBOOK=N",
                   help="another pool size for one notebook, e.g. for a workshop room: "
                        "--pool-for 01-account-credits.ipynb=30")
    p.add_argument("--warmups", type=int, default=None, metavar="N",
                   help="preheated kernels warming up at the same time (default: CPU cores - 1, at least 1)")
    p.add_argument("--base-url", default="/", metavar="PATH",
                   help="serve under this path prefix, e.g. /medinsure/ behind a reverse proxy (default /)")
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="run N launchers behind nginx on --ip:--port, with sticky sessions "
                        "(an agency server with more cores; default 1: one launcher, no nginx)")
    args = p.parse_args(argv)
    try:
        base_url = normal_base_url(args.base_url)
    except ValueError as exc:
        p.error(f"--base-url: {exc}")
    if args.warmups is not None:
        if args.warmups < 1:
            p.error(f"--warmups {args.warmups}: expected a whole number of at least 1")
        os.environ["MEDINSURE_WARMUPS"] = str(args.warmups)
    if args.pool < 0:
        p.error(f"--pool {args.pool}: expected a whole number of at least 0")
    if not port_free(args.ip, args.port):
        p.error(f"--port {args.port}: {args.ip}:{args.port} is already in use (another server?); "
                "choose another with --port")
    if not 1 <= args.processes <= 64:
        p.error(f"--processes {args.processes}: expected a whole number from 1 to 64")
    if args.processes > 1:
        from medinsure.site import several
        return several.run(args.processes, args.ip, args.port, base_url, args.pool, dict(args.pool_for),
                           announce)
    cmd = voila_command(args.port, args.ip, pool=args.pool, pools=dict(args.pool_for),
                        base_url=base_url)
    host = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
    announce(f"http://{host}:{args.port}{base_url.rstrip('/')}")
    os.execve(cmd[0], cmd, kernel_environment())
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())

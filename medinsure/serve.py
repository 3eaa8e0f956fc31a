"""Serve the notebooks as Voila apps with safe settings (``./run app``).

Sources stripped, tracebacks hidden, bound to 127.0.0.1 unless told otherwise, idle kernels
culled (closing a tab does not stop its kernel in Voila 0.5), a long keep-alive so a burst of
first loads does not stall (see shared/reference/stack.md), and a minimal environment for kernels.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
APP_PATHS = {
    "account-credits": "01-account-credits.ipynb",
    "outpatient-pooling": "02-outpatient-pooling.ipynb",
}


def voila_command(port: int, ip: str, notebooks: Path = NOTEBOOKS) -> list[str]:
    return [
        sys.executable, "-m", "voila", str(notebooks), "--no-browser",
        f"--port={port}", f"--Voila.ip={ip}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.http_keep_alive_timeout=120",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_idle_timeout=120",
        "--MappingKernelManager.cull_connected=True",
    ]


def kernel_environment() -> dict[str, str]:
    """Only what a kernel needs: no tokens or credentials from the launching shell."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "MEDINSURE_DATA", "VIRTUAL_ENV", "TMPDIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env["MPLBACKEND"] = "Agg"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="./run app", description="Serve the medinsure apps with Voila")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--ip", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    args = p.parse_args(argv)
    cmd = voila_command(args.port, args.ip)
    base = f"http://{'127.0.0.1' if args.ip in ('0.0.0.0', '') else args.ip}:{args.port}"
    print("medinsure apps:", file=sys.stderr)
    for name, path in APP_PATHS.items():
        print(f"  {name:<20} {base}/voila/render/{path}", file=sys.stderr)
    print(f"  all notebooks        {base}/voila/tree", file=sys.stderr)
    sys.stderr.flush()
    os.execve(cmd[0], cmd, kernel_environment())
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())

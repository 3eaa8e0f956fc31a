"""Several launchers behind nginx on one address: ``./run app --processes N``.

One Voila process uses one core for its pages and websockets; an agency server with more cores
runs several. This starts N launchers on free loopback ports (the settings of ``./run app``),
waits until each answers, then runs Debian's nginx in front of them on the address asked for,
with sticky sessions (``deploy/nginx/medinsure.conf``: a page and its kernel websocket reach the
same process). Ctrl-C, or any of the processes ending, stops them all.
"""

from __future__ import annotations

import importlib.util
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from medinsure.site.serve import ROOT, kernel_environment, voila_command

RENDER = ROOT / "deploy" / "nginx" / "render.py"
START_TIMEOUT = 180.0  # seconds for every launcher to answer (preheated pools warm up later)


def nginx_path() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def nginx_config(listen: str, base_url: str, ports: list[int], tmp: Path) -> str:
    """deploy/nginx/medinsure.conf filled in (deploy/nginx/render.py)."""
    spec = importlib.util.spec_from_file_location("medinsure_nginx_render", RENDER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.render(listen, base_url, ports, str(tmp))


def free_loopback_ports(n: int) -> list[int]:
    import socket
    socks, ports = [], []
    try:
        for _ in range(n):  # held open together, so the n ports differ
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in socks:
            s.close()
    return ports


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + 15
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()


def run(processes: int, ip: str, port: int, base_url: str, pool: int, pools: dict[str, int],
        announce) -> int:
    """Serve on ``ip:port`` through nginx with ``processes`` launchers behind it; returns when
    stopped. ``announce(base)`` prints the addresses once everything answers."""
    nginx = nginx_path()
    if nginx is None:
        print("./run app: error: --processes needs nginx (Debian, as root: apt-get install nginx)",
              file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="medinsure-several-"))
    ports = free_loopback_ports(processes)
    procs: list[subprocess.Popen] = []

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        for i, p in enumerate(ports):
            log = open(tmp / f"launcher-{i + 1}.log", "w")
            procs.append(subprocess.Popen(voila_command(p, "127.0.0.1", pool=pool, pools=pools, base_url=base_url),
                                          env=kernel_environment(), stdout=log, stderr=subprocess.STDOUT))
        prefix = base_url.rstrip("/")
        deadline = time.monotonic() + START_TIMEOUT
        for i, p in enumerate(ports):
            while not _answers(f"http://127.0.0.1:{p}{prefix}/voila/tree"):
                if procs[i].poll() is not None or time.monotonic() > deadline:
                    print(f"./run app: error: launcher {i + 1} (port {p}) did not start; see "
                          f"{tmp / f'launcher-{i + 1}.log'}", file=sys.stderr)
                    return 1
                time.sleep(0.3)
        conf = tmp / "nginx.conf"
        conf.write_text(nginx_config(f"{ip}:{port}", base_url, ports, tmp), encoding="utf-8")
        check = subprocess.run([nginx, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True, text=True)
        if check.returncode != 0:
            print(f"./run app: error: nginx refused {conf}: {check.stderr.strip().splitlines()[-1]}",
                  file=sys.stderr)
            return 1
        procs.append(subprocess.Popen([nginx, "-p", str(tmp), "-c", str(conf)]))
        host = "127.0.0.1" if ip in ("0.0.0.0", "") else ip
        base = f"http://{host}:{port}{prefix}"
        while not _answers(f"{base}/voila/tree"):
            if procs[-1].poll() is not None:
                print(f"./run app: error: nginx stopped; see {tmp / 'error.log'}", file=sys.stderr)
                return 1
            time.sleep(0.2)
        announce(base)
        print(f"  {processes} launchers on 127.0.0.1 ports {', '.join(map(str, ports))} behind nginx; "
              f"logs in {tmp}", file=sys.stderr, flush=True)
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        ended = next(i for i, p in enumerate(procs) if p.poll() is not None)
        name = "nginx" if ended == len(procs) - 1 else f"launcher {ended + 1}"
        print(f"./run app: {name} ended (exit {procs[ended].returncode}); stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(procs)

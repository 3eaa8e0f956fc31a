"""`./run lab` opens JupyterLab on the notebooks (issue 16, item 5), for teachers who want to open
or edit them: the lab page answers and the contents API lists the teaching notebooks."""

import hashlib
import json
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from medinsure.site.browser import free_port
from medinsure.site.lab import lab_command
from medinsure.site.serve import NOTEBOOKS, kernel_environment

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 90.0  # seconds for JupyterLab to answer


def _run_would_install() -> bool:
    """./run reinstalls into .venv when its stamp is not the hash of pyproject.toml (see ./run)."""
    stamp = ROOT / ".venv" / ".medinsure-installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return not (ROOT / ".venv" / "bin" / "python").exists() or not stamp.exists() \
        or stamp.read_text().split()[0] != want


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.status, r.read()


def test_run_lab_runs_jupyterlab_with_the_launchers_kernel_environment():
    text = (ROOT / "run").read_text(encoding="utf-8")
    assert 'exec "$PY" -m medinsure.site.lab "$@"' in text and "  app|lab)\n" in text
    assert "./run lab" in text.split("usage:")[1]
    cmd = lab_command(["--port", "9999"])
    assert cmd[1:4] == ["-m", "jupyter", "lab"] and f"--notebook-dir={NOTEBOOKS}" in cmd
    assert "--ServerApp.ip=127.0.0.1" in cmd and cmd[-2:] == ["--port", "9999"]


def test_run_lab_opens_jupyterlab_on_the_notebooks(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    args = ["--no-browser", f"--port={port}", f"--IdentityProvider.token={token}"]
    # ./run lab when its environment is ready; else the very command it execs (no reinstall in a test)
    cmd = ([str(ROOT / "run"), "lab", *args] if not _run_would_install()
           else [sys.executable, "-m", "medinsure.site.lab", *args])
    env = {**kernel_environment(), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            assert proc.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")[-2000:]
            try:
                status, body = _get(f"{base}/lab?token={token}")
                break
            except OSError:
                assert time.monotonic() < deadline, f"JupyterLab did not answer within {TIMEOUT} s"
                time.sleep(0.5)
        assert status == 200 and b"JupyterLab" in body
        status, body = _get(f"{base}/api/contents/01-account-credits.ipynb?content=0&token={token}")
        model = json.loads(body)
        assert status == 200 and model["type"] == "notebook" and model["name"] == "01-account-credits.ipynb"
        status, body = _get(f"{base}/api/contents/?token={token}")
        names = {item["name"] for item in json.loads(body)["content"]}
        assert {"00-start.ipynb", "01-account-credits.ipynb", "workshop"} <= names
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()

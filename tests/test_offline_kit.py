"""The offline kit (issue 13, item 5): `./run bundle DIR` writes wheels, Debian packages and a copy
of the checkout; `./run app --offline DIR` in that copy builds a fresh environment from the kit alone
(pip told `--no-index`, no configuration file, every proxy dead) and serves the apps.

Bundling needs the network (PyPI), as `./run setup` does; the install and the server do not."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from medinsure.site.browser import free_port

ROOT = Path(__file__).resolve().parent.parent
DEAD = "http://127.0.0.1:9"  # the discard port: nothing answers


def _offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and "proxy" not in k.lower()}
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT / ".venv")))
    # no pip.conf (this machine's names extra indexes and a wheel folder); any request goes nowhere
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL=f"{DEAD}/simple", PIP_RETRIES="0",
               PIP_TIMEOUT="3", http_proxy=DEAD, https_proxy=DEAD, HTTP_PROXY=DEAD, HTTPS_PROXY=DEAD)
    return env


def test_bundle_then_app_offline_serves_the_apps(tmp_path):
    kit = tmp_path / "kit"
    done = subprocess.run([str(ROOT / "run"), "bundle", str(kit)], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    wheels = {p.name.split("-")[0].lower() for p in (kit / "wheels").glob("*.whl")}
    assert {"voila", "ipywidgets", "bqplot", "matplotlib", "jupyterlab", "setuptools"} <= wheels
    assert (kit / "medinsure" / "run").stat().st_mode & 0o111 and (kit / "medinsure" / "data").is_dir()
    assert "python: 3." in (kit / "BUNDLE.txt").read_text()

    copy, env = kit / "medinsure", _offline_env()
    # the test's own guard: with this environment pip cannot reach an index
    probe = subprocess.run(["python3", "-m", "pip", "download", "--no-deps", "-d", str(tmp_path / "x"),
                            "six"], env=env, capture_output=True, text=True, timeout=120)
    assert probe.returncode != 0

    port = free_port()
    log = open(tmp_path / "app.log", "wb")
    proc = subprocess.Popen([str(copy / "run"), "app", "--offline", "..", f"--port={port}", "--pool=0"],
                            cwd=copy, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while True:
            assert proc.poll() is None, (tmp_path / "app.log").read_text(errors="replace")[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/00-start.ipynb",
                                            timeout=30) as r:
                    status, page = r.status, r.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "app.log").read_text(errors="replace")[-3000:]
                time.sleep(1)
        assert status == 200 and "医保" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    installed = (copy / ".venv" / ".medinsure-installed").read_text().split()
    assert installed[1] == "app"  # the app extra, from the kit
    assert "from the offline kit" in (tmp_path / "app.log").read_text(errors="replace")


def test_app_offline_without_a_kit_says_so_in_one_line(tmp_path):
    done = subprocess.run([str(ROOT / "run"), "app", "--offline", str(tmp_path / "none")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no wheels/ folder" in done.stderr

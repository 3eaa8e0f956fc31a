"""Open the notebooks in JupyterLab for teachers (``./run lab [jupyter lab options]``).

JupyterLab runs with the kernel environment of the Voila launcher (medinsure/site/serve.py
``kernel_environment``): no tokens or credentials from the launching shell, the package's page
template on ``JUPYTER_PATH``, matplotlib's Agg backend. It binds 127.0.0.1 unless told otherwise
and keeps JupyterLab's own login token (printed in the address it shows). As root (CI and the
project's machines run as root) it passes ``--allow-root``, which JupyterLab otherwise demands.
"""

from __future__ import annotations

import os
import sys

from medinsure.site.serve import NOTEBOOKS, kernel_environment


def lab_command(args: list[str] | None = None) -> list[str]:
    """The JupyterLab command line; ``args`` (e.g. ``--no-browser --port 8888``) come last and win."""
    # as root (CI, the project's machines) JupyterLab refuses to start without --allow-root
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={NOTEBOOKS}",
            "--ServerApp.ip=127.0.0.1", *root, *(args or [])]


def main(argv: list[str] | None = None) -> int:
    cmd = lab_command(sys.argv[1:] if argv is None else argv)
    os.execve(cmd[0], cmd, kernel_environment())
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())

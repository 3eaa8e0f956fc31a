"""Fill in deploy/nginx/medinsure.conf: ``python deploy/nginx/render.py --listen 127.0.0.1:8080
--prefix /medinsure/ --backend 8901 --backend 8902 --tmp /tmp/medinsure-nginx > nginx.conf``,
then ``nginx -p /tmp/medinsure-nginx -c $PWD/nginx.conf`` (in the foreground)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("medinsure.conf")


def render(listen: str, prefix: str, ports: list[int], tmp: str) -> str:
    backends = "\n        ".join(f"server 127.0.0.1:{p};" for p in ports)
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {"@LISTEN@": listen, "@PREFIX@": prefix, "@BACKENDS@": backends, "@TMP@": tmp}.items():
        text = text.replace(key, value)
    return text


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--listen", default="127.0.0.1:8080")
    p.add_argument("--prefix", default="/medinsure/")
    p.add_argument("--backend", type=int, action="append", required=True, metavar="PORT")
    p.add_argument("--tmp", required=True)
    a = p.parse_args(argv)
    sys.stdout.write(render(a.listen, a.prefix, a.backend, a.tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write the apps' titles for the page template's start-up message (catalog.APPS → JSON).

Voila's spinner says "Running 01-account-credits..."; the medinsure template says
"正在打开：旧账户 vs 新账户 · Opening: Old account vs new account" from this file.
Run: .venv/bin/python tools/make_page_titles.py   (tests/test_page_template.py checks it)
"""

import json
from pathlib import Path

from medinsure.app.catalog import APPS

OUT = Path(__file__).resolve().parents[1] / "medinsure/share/jupyter/voila/templates/medinsure/medinsure-titles.json"


def titles_json() -> str:
    return json.dumps({a.notebook: a.title for a in APPS}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(titles_json(), encoding="utf-8")
    print(f"wrote {OUT}")

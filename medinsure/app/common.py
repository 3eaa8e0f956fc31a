"""Small pieces every app uses."""

from __future__ import annotations

import html


def title_html(title: dict, lang: str) -> str:
    """The app title: Chinese with English beneath; in English mode English only."""
    sub = (f"<br><small style='color:#555'>{html.escape(title['en'])}</small>" if lang == "zh" else "")
    return f"<h2 style='margin:4px 0'>{html.escape(title[lang])}{sub}</h2>"

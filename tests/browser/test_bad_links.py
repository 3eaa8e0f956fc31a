"""Every app opened with a hostile link (issue 14): a visible message naming the field, the
defaults kept, never Voila's developer text, never a widget repr."""

import re

import pytest

from medinsure.app.catalog import APPS

BAD = "?age=inf&date=abc&outpatient=1e400&year=70.9&nonsense=1"
REPR = re.compile(r"\w+\((children|value|layout)=")


@pytest.mark.parametrize("notebook", [a.notebook for a in APPS if not a.notebook.startswith("00")])
def test_a_hostile_link_gives_a_message_not_developer_text(shared_server, page, notebook):
    page.goto(f"{shared_server}/voila/render/{notebook}{BAD}", timeout=120000)
    box = page.locator(".medinsure-error").first
    box.wait_for(timeout=120000)
    text = page.locator("body").inner_text()
    assert "error when executing" not in text.lower() and "Traceback" not in text
    assert not REPR.search(text)
    message = box.inner_text()
    # every key the page does not know or cannot take is named
    assert "nonsense" in message
    for key in ("age", "date", "outpatient", "year"):
        if f"{key}=" in message:
            assert "not allowed" in message or "not a setting" in message

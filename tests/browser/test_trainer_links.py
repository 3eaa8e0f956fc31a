"""The start page's "For trainers" section (issue 16): every link opens its printable page on the
app server (run sheet, opening script, participant handout, trainer's guide, persona sheets)."""

import pytest

from medinsure.app.catalog import TRAINER_PAGES

START = "00-start.ipynb"


def test_every_trainer_link_on_the_start_page_answers(shared_server, page):
    page.goto(f"{shared_server}/voila/render/{START}", timeout=120000)
    page.get_by_text("培训者资料 · For trainers").wait_for(timeout=120000)
    links = page.locator("a.medinsure-trainer-link")
    hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    assert [h.rsplit("/", 1)[1] for h in hrefs] == [f"{name}.html" for name, _, _ in TRAINER_PAGES]
    for href, (name, title, _) in zip(hrefs, TRAINER_PAGES):
        answer = page.request.get(href)
        assert answer.status == 200, f"{name}: {answer.status}"
        assert answer.headers["content-type"].startswith("text/html")
        assert title["zh"] in answer.text() or name == "handout", name
    # a real click lands on the run sheet
    with page.expect_navigation():
        links.first.click()
    assert page.url == hrefs[0] and "90 分钟流程单" in page.title()
    assert page.get_by_text("Run sheet (90 minutes)").first.is_visible()


@pytest.mark.parametrize("path", ["trainer/../00-start.ipynb", "01-account-credits.ipynb", "trainer/nothing.md"])
def test_only_the_trainer_pages_are_served_as_files(shared_server, page, path):
    assert page.request.get(f"{shared_server}/voila/files/{path}").status in (403, 404)

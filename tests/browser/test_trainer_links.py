"""The start page's "For trainers" section (issue 16): every link opens its printable page on the
app server (run sheet, trainer's answers, opening script, participant handout, trainer's guide,
persona sheets); the participants' workshop pages show no answer (only "check")."""

import pytest

from medinsure.app.catalog import TRAINER_PAGES
from medinsure.teaching import workshop
from medinsure.views.words import money

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


def test_the_trainer_answer_page_is_linked_from_the_start_page_and_answers(shared_server, page):
    page.goto(f"{shared_server}/voila/render/{START}", timeout=120000)
    link = page.locator("a.medinsure-trainer-link", has_text="培训老师答案页")
    link.wait_for(timeout=120000)
    href = link.evaluate("a => a.href")
    assert href == f"{shared_server}/voila/files/trainer/answers.html"
    answer = page.request.get(href)
    assert answer.status == 200 and "培训老师答案页" in answer.text()
    for session in workshop.SESSIONS:
        assert workshop.key_numbers(session) in answer.text(), session


@pytest.mark.parametrize("session", list(workshop.SESSIONS))
def test_the_participant_workshop_page_shows_no_answer(shared_server, page, session):
    page.goto(f"{shared_server}/voila/render/workshop/{session}.ipynb", timeout=180000)
    checkers = page.locator(".medinsure-answer-checker")
    checkers.first.wait_for(timeout=180000)
    body = page.locator("body")
    assert page.get_by_role("button", name="显示答案 Show answer").count() == 0
    assert page.get_by_role("button", name="核对 Check").count() == checkers.count() > 0
    # a wrong try: how far off and the method in words, never the worked answer
    first = next(ex for ex in workshop.exercises(session) if isinstance(ex, workshop.NumberExercise))
    box = checkers.first
    box.locator("input").fill("1")
    box.locator("input").press("Enter")
    box.get_by_role("button", name="核对 Check").click()
    box.locator(".medinsure-feedback-wrong").wait_for(timeout=30000)
    feedback = box.inner_text()
    assert first.how["zh"] in feedback and "解答" not in feedback
    assert money(first.answer()) not in feedback
    text = body.inner_text()
    assert workshop.key_numbers(session) not in text and "培训老师核对" not in text

"""The trainer's kit (issue 16, item 5): run sheet, opening script and participant handout exist,
carry the library's numbers and cite their documents, and are linked from the start page.
(tests/test_workshop.py checks that tools/make_workshop.py still writes exactly these files.)"""

import html
import re
from pathlib import Path

from medinsure import Enrollee, compare
from medinsure.app.catalog import TRAINER_FOLDER, TRAINER_PAGES
from medinsure.app.landing import landing_html
from medinsure.rules import load_region
from medinsure.site.serve import FILE_ALLOWLIST
from medinsure.teaching import workshop
from medinsure.views.words import money

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDELINE = load_region("national").reform_references[0]


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_the_opening_script_explains_the_ideas_with_the_wuhan_retiree_computed_by_the_library():
    text = _read("opening-script.md")
    for idea in ("个人账户", "统筹基金", "门诊共济", "为什么改", "谁得益、谁吃亏"):
        assert idea in text
    # the household app's Wuhan retiree (app 01): 4.8% × 4,166.67 × 12 = 2,400 before, 83 × 12 = 996 after
    r = compare("wuhan", "2023-07-01", Enrollee(status="retired", age=68, pension_monthly=4166.67,
                                                 outpatient_yearly=7150, level="tertiary", retirement_year=2015))
    assert (r.credit_old, r.credit_new) == (2400.0, 996.0)
    for v in (r.credit_old, r.credit_new, r.reimbursement_new, r.resources_gain, r.break_even_outpatient):
        assert money(v) in text and money(v, "en") in text
    assert "应用 01" in text and "app 01" in text and "01-account-credits.ipynb?region=wuhan" in text


def test_every_kit_page_cites_the_national_guideline_with_its_address():
    for name in ("opening-script.md", "participant-handout.md"):
        text = _read(name)
        assert GUIDELINE.number == "国办发〔2021〕14号" and GUIDELINE.cite("zh") in text, name
        assert GUIDELINE.read_at[0] in text and "[OFF-R]" in text, name


def test_the_run_sheet_times_every_block_and_names_every_session_and_its_exercises():
    text = _read("run-sheet.md")
    rows = [line for line in text.splitlines() if re.match(r"\| \d:\d\d–\d:\d\d", line)]
    assert len(rows) == 6 and rows[0].startswith("| 0:00–0:10") and rows[-1].startswith("| 1:20–1:30")
    for session in workshop.SESSIONS:
        keys = [ex.key for ex in workshop.exercises(session)]
        assert f"workshop/{session}.ipynb" in text and f"{keys[0]}–{keys[-1]}" in text


def test_the_participant_handout_leaves_the_worked_example_to_the_participants():
    text = _read("participant-handout.md")
    c = workshop.case("laowang").comparison()
    assert "________" in text and "OFF-R" in text and "3P-low" in text and "00-start.ipynb" in text
    for answer in (c.credit_old, c.credit_new, c.reimbursement_new, c.resources_gain):
        assert money(answer) not in text, "the handout must not print the answers"


def test_the_start_page_links_every_trainer_page_and_the_server_serves_only_those():
    page = landing_html()
    assert "培训者资料 · For trainers" in page
    for name, title, _ in TRAINER_PAGES:
        path = f"{TRAINER_FOLDER}/{name}.html"
        assert f"href='../files/{path}'" in page and title["zh"] in page
        assert (ROOT / "notebooks" / path).is_file()
        assert any(re.fullmatch(p, path) for p in FILE_ALLOWLIST)
    for path in ("00-start.ipynb", "trainer/../00-start.ipynb", "trainer/x.md", "../docs/run-sheet.md"):
        assert not any(re.fullmatch(p, path) for p in FILE_ALLOWLIST), path


def test_the_trainer_answer_page_lists_every_answer_and_the_participant_pages_do_not():
    served = ROOT / "notebooks" / TRAINER_FOLDER
    answers = (served / "answers.html").read_text(encoding="utf-8")
    assert "answers" in [name for name, _, _ in TRAINER_PAGES]
    for ex in workshop.all_exercises():
        assert f"{ex.key}</h4>" in answers and html.escape(workshop.answer_text(ex, "zh"), quote=False) in answers, ex.key
    for key, p in workshop.PERSONAS.items():
        assert p.name["zh"] in answers and money(workshop.case(key).comparison().credit_new) in answers, key
    assert "trainer/answers.html" in _read("run-sheet.md")
    assert "answers.html" in landing_html()
    # the generated workshop notebooks: no stored answer in any HTML a participant sees, no "show answer"
    import nbformat
    for session in workshop.SESSIONS:
        nb = nbformat.read(ROOT / "notebooks" / "workshop" / f"{session}.ipynb", as_version=4)
        shown = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                        for o in c.get("outputs", []))
        text = "".join(c.source for c in nb.cells) + shown
        assert "显示答案" not in text and "Show answer" not in text, session
        assert workshop.key_numbers(session) not in shown, session

"""The workshop kit: the answer checker, predict-then-check, the personas, and the generated
notebooks, trainer's guide and handout (which must match the library's numbers)."""

import ast
import importlib.util
import math
from pathlib import Path

import pytest

from medinsure import Enrollee, compare
from medinsure.app import workshop as workshop_app
from medinsure.app.exercise import answer_checker, predict_then_check, what_the_tool_says
from medinsure.app.workshop import persona_explorer
from medinsure.teaching import workshop
from medinsure.teaching.checking import parse_number
from medinsure.views.words import money

from .language import chinese_only, widget_texts

ROOT = Path(__file__).resolve().parent.parent


def _wuhan_retiree():
    # Published example (武汉市医保局 FAQ, policy_facts.md §3): a retiree under 70 with a pension of
    # 50,000 a year was credited 4.8% of it: 50,000 × 4.8% = 2,400 a year.
    return compare("wuhan", "2023-03-01", Enrollee(status="retired", age=68, pension_monthly=4166.67,
                                                   outpatient_yearly=7150, level="tertiary"))


@pytest.fixture
def checker():
    return answer_checker({"zh": "武汉退休人员改革前每年划入多少？", "en": "Old yearly credit of the Wuhan retiree?"},
                          lambda: _wuhan_retiree().credit_old, "yuan/year",
                          hint={"zh": "养老金 × 划入比例 × 12", "en": "pension × credit rate × 12"})


# --------------------------------------------------------------------------- the checker
def test_the_checker_accepts_the_published_answer(checker):
    checker.controls["answer"].value = "2400"
    checker.check_button.click()
    assert checker.result == {"given": 2400.0, "expected": 2400.0, "difference": 0.0, "correct": True}
    assert "正确" in checker.feedback.value and "2,400.00" in checker.feedback.value
    assert "medinsure-feedback-ok" in checker.feedback.value and checker.error is None


def test_the_checker_accepts_commas_full_width_digits_and_a_unit(checker):
    for text in ("2,400.00", "２，４００", "2400 元/年", "2400.004"):
        checker.controls["answer"].value = text
        checker.check()
        assert checker.result["correct"], text


def test_a_wrong_answer_says_how_far_off_and_how_to_work_it_out_but_not_the_answer(checker):
    checker.controls["answer"].value = "2,300"
    checker.check()
    assert checker.result["correct"] is False and checker.result["difference"] == -100.0
    fb = checker.feedback.value
    assert "低 100.00 元/年" in fb and "约 4%" in fb
    assert "养老金 × 划入比例 × 12" in fb and "培训老师" in fb
    assert "2,400.00" not in fb and "解答" not in fb and "data/regions/" not in fb  # the answer is the trainer's
    checker.controls["lang"].value = "en"
    fb = checker.feedback.value
    assert "100.00 yuan/year too low" in fb and "pension × credit rate × 12" in fb and "2,400.00" not in fb


def test_one_fen_off_is_wrong_at_the_default_tolerance(checker):
    checker.controls["answer"].value = "2400.02"
    checker.check()
    assert checker.result["correct"] is False


def test_the_participant_checker_has_no_show_answer_button(checker):
    buttons = [w for w in checker.children[1].children if hasattr(w, "on_click")]
    assert [b.description for b in buttons] == ["核对 Check"]
    assert not hasattr(checker, "show_answer") and checker.feedback.value == ""


@pytest.mark.parametrize("text,key", [("", "请先输入"), ("abc", "不是一个数字"), ("12 apples", "不是一个数字")])
def test_input_that_is_not_a_number_shows_a_message_not_a_traceback(checker, text, key):
    checker.controls["answer"].value = text
    checker.check()
    assert checker.result is None and key in checker.error
    assert "medinsure-error" in checker.feedback.value and "Traceback" not in checker.feedback.value


def test_an_answer_the_data_does_not_know_is_reported_as_unknown():
    zhang = workshop.case("zhang")
    c = answer_checker({"zh": "问", "en": "Q"}, lambda: zhang.comparison().resources_gain, "yuan/year")
    c.controls["answer"].value = "0"
    c.check()
    assert c.result["expected"] is None and c.result["correct"] is False
    assert "本地区未知" in c.feedback.value  # the answer box says the data has no number


def test_a_failing_answer_function_shows_a_message():
    c = answer_checker({"zh": "问", "en": "Q"}, lambda: 1 / 0, "yuan")
    c.controls["answer"].value = "1"
    c.check()
    assert c.error and "medinsure-error" in c.feedback.value


def test_parse_number_refuses_what_is_not_a_number():
    assert parse_number("−44") == -44.0 and parse_number("75/月") == 75.0
    for bad in ("", "1.2.3", "nan", "inf", "一千"):
        with pytest.raises(ValueError):
            parse_number(bad)


# --------------------------------------------------------------------------- predict, then check
def _predict(ex_key: str):
    ex = next(e for e in workshop.all_exercises() if e.key == ex_key)
    return ex, workshop_app.exercise_widget(ex)


def test_predict_then_check_asks_for_a_prediction_first():
    _, w = _predict("2.3")
    w.reveal_button.click()
    assert w.result is None and "medinsure-error" in w.feedback.value and w.app is None


def test_predict_then_check_reveals_and_opens_the_app_on_the_changed_case():
    ex, w = _predict("2.3")
    w.controls["prediction"].value = "higher"
    w.reveal()
    # Lao Wang at a primary facility: a higher ratio, so an earlier break-even (library numbers)
    assert w.result == {"prediction": "higher", "expected": "lower", "correct": False}
    assert w.app is not None and w.app.result.break_even_outpatient == workshop.metric("break_even", ex.changed)
    assert workshop.metric("break_even", ex.changed) < workshop.metric("break_even", ex.base)
    assert money(workshop.metric("break_even", ex.base)) in w.feedback.value
    w.controls["prediction"].value = "lower"
    w.reveal()
    assert w.result["correct"] is True and "预测正确" in w.feedback.value


def test_a_wage_above_the_ceiling_changes_nothing():
    # Both 30,000 and 35,000 are above Beijing's base ceiling (read from data/), so the credit
    # loss is the same; the widget must say "same".
    ex, w = _predict("2.4")
    ceiling = workshop.load_region("beijing").files["contribution_base"].at(
        workshop.dt.date.fromisoformat(ex.base.get("date")))["ceiling_monthly"]
    assert ex.base.get("wage") > ceiling and ex.changed.get("wage") > ceiling
    w.controls["prediction"].value = "same"
    w.reveal()
    assert w.result["correct"] is True


def test_predict_with_an_unknown_number_says_it_cannot_be_decided():
    w = predict_then_check({"zh": "问", "en": "Q"}, lambda: workshop.UNKNOWN_MARK)
    w.controls["prediction"].value = "same"
    w.reveal()
    assert w.result["expected"] == "unknown" and "无法判断" in w.feedback.value


# --------------------------------------------------------------------------- what the tool says
def test_the_hunan_retiree_shows_what_is_known_and_why_the_rest_is_not():
    zhang = workshop.case("zhang")
    w = what_the_tool_says({"zh": "问", "en": "Q"}, zhang.comparison)
    w.reveal_button.click()
    assert w.result == ("credit_old",)
    # The new credit is known: 75 a month × 12 = 900 (湖南, data/regions/hunan/personal_account.yaml);
    # so is outpatient pooling since 2022-10: 12 visits at 二级 → deductible 50 × 12 = 600, at most
    # 200 a year; (6,000 − 200) × 60% = 3,480 → the 2,000 cap; before 2022-10 there was none (0)
    c = zhang.comparison()
    assert (c.credit_new, c.reimbursement_old, c.reimbursement_new) == (900.0, 0.0, 2000.0)
    assert "900.00" in w.feedback.value
    assert "二选一" in w.feedback.value  # the data's own note on the old either-or rule
    w.controls["lang"].value = "en"
    assert "either-or" in w.feedback.value


# --------------------------------------------------------------------------- personas and exercises
@pytest.mark.parametrize("key", list(workshop.PERSONAS))
def test_every_persona_computes_or_reports_unknown_with_a_note(key):
    c = workshop.case(key).comparison()
    assert c.credit_new is not None  # every persona has a known new credit
    missing = {k for k in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new")
               if getattr(c, k) is None}
    noted = {u["field"] for u in c.unknown}
    assert missing == noted
    for u in c.unknown:
        assert u["note"]["zh"].strip() and u["note"]["en"].strip()
    assert (c.resources_gain is None) == bool(missing)


def test_the_persona_numbers_match_hand_computation():
    # 北京 小李: old 2.8% (≤34) × 25,000 × 12 = 8,400; new 2% × 25,000 × 12 = 6,000
    li = workshop.case("xiaoli").comparison()
    assert (li.credit_old, li.credit_new) == (8400.0, 6000.0)
    # 武汉 老王: old 3.4% (36–45) × 8,000 × 12 = 3,264; new 2% → 1,920; pooling 3,000 × 65% = 1,950;
    # gain (1,920 − 3,264) + (1,950 − 0) = 606
    wang = workshop.case("laowang").comparison()
    assert (wang.credit_old, wang.credit_new, wang.reimbursement_new, wang.resources_gain) == (3264.0, 1920.0, 1950.0, 606.0)
    # 广州 小陈 on the lowest base (5,996 in 2024, data/regions/guangzhou/contribution_base.yaml): 2% × 5,996 × 12 = 1,439.04
    assert workshop.case("xiaochen").comparison().credit_new == 1439.04


def test_every_exercise_has_a_computed_answer():
    for ex in workshop.all_exercises():
        v = workshop.answer_value(ex)
        if isinstance(ex, workshop.NumberExercise):
            assert v is not None and math.isfinite(v), ex.key
        elif isinstance(ex, workshop.PredictExercise):
            assert v in ("higher", "lower", "same"), ex.key
        else:
            assert v, ex.key  # something is unknown, or the exercise would not ask why


def test_every_number_exercise_accepts_its_answer_and_rejects_another():
    for ex in workshop.all_exercises():
        if not isinstance(ex, workshop.NumberExercise):
            continue
        w = workshop_app.exercise_widget(ex)
        w.controls["answer"].value = money(ex.answer())
        w.check()
        assert w.result["correct"], ex.key
        w.controls["answer"].value = str(ex.answer() + 2 * ex.tolerance + 1)
        w.check()
        assert not w.result["correct"], ex.key
        assert ex.how["zh"] in w.feedback.value and money(ex.answer()) not in w.feedback.value, ex.key


def test_the_session_in_english_leaves_no_chinese_only_text():
    for session in workshop.SESSIONS:
        box = workshop_app.show_session(session, lang="en")
        for ex in box.exercises:
            if hasattr(ex, "check"):
                ex.controls["answer"].value = "1"
                ex.check()
            elif "prediction" in ex.controls:
                ex.controls["prediction"].value = "same"
                ex.reveal()
            else:
                ex.reveal()
        assert chinese_only(widget_texts(box)) == [], session


def test_the_persona_explorer_rebuilds_the_app_for_the_chosen_persona():
    w = persona_explorer(workshop.persona_choices())
    for key in workshop.PERSONAS:
        w.controls["persona"].value = key
        expected = workshop.case(key).comparison()
        assert (w.result.credit_old, w.result.credit_new, w.result.resources_gain) == \
            (expected.credit_old, expected.credit_new, expected.resources_gain), key
    w.controls["lang"].value = "en"
    assert w.app.controls["lang"].value == "en"


def _household_controls(c: workshop.Case) -> dict:
    """What the household app's controls should read for a case (its app arguments)."""
    return {k: v for k, v in c.app_kwargs().items() if k != "date"}


@pytest.mark.parametrize("key", list(workshop.PERSONAS))
def test_workshop_2_persona_picker_loads_the_persona_and_its_break_even(key):
    app = workshop_app.session_app("02-break-even")
    assert app.controls["persona"].value == "laowang"  # the session opens on Lao Wang
    assert [k for _, k in app.controls["persona"].options] == list(workshop.PERSONAS)
    app.controls["persona"].value = key
    c = workshop.case(key)
    controls = app.controls
    for name, value in _household_controls(c).items():
        assert controls[name].value == value, (key, name)
    lib = compare(c.get("region"), c.get("date"), c.enrollee())
    assert app.result.break_even_status == lib.break_even_status, key
    assert app.result.break_even_outpatient == lib.break_even_outpatient, key
    if lib.break_even_status in ("found", "zero"):
        assert app.result.break_even_outpatient == workshop.metric("break_even", c) or key == "zhang"


def test_session_apps_and_sources_build():
    for session in workshop.SESSIONS:
        assert workshop_app.session_app(session).result is not None
        assert "medinsure-sources" in workshop.sources_html(session)


# --------------------------------------------------------------------------- generated files
def _make_workshop():
    spec = importlib.util.spec_from_file_location("make_workshop", ROOT / "tools" / "make_workshop.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_generated_kit_is_up_to_date(tmp_path):
    """Regenerate notebooks, guide and handout from the library; the committed files must match."""
    written = _make_workshop().build(tmp_path)
    assert len(written) == 14  # 3 notebooks, guide, persona sheets; run sheet, opening script, handout; 6 served pages
    stale = [str(p.relative_to(tmp_path)) for p in written
             if (ROOT / p.relative_to(tmp_path)).read_bytes() != p.read_bytes()]
    assert not stale, f"run .venv/bin/python tools/make_workshop.py; stale: {stale}"


def test_the_guide_and_handout_carry_the_library_numbers():
    guide = (ROOT / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    for session in workshop.SESSIONS:
        assert workshop.key_numbers(session) in guide
    for ex in workshop.all_exercises():
        assert f"#### {ex.key}" in guide and workshop.answer_text(ex, "zh") in guide
    handout = (ROOT / "docs" / "handout.html").read_text(encoding="utf-8")
    for key in workshop.PERSONAS:
        c = workshop.case(key).comparison()
        assert f"id='{key}'" in handout and money(c.credit_new) in handout
        for r in workshop.references(workshop.case(key)):
            assert r.read_at[0].replace("&", "&amp;") in handout


def test_the_plan_takes_ninety_minutes():
    mod = _make_workshop()
    assert sum(p[1] for p in mod.PLAN) == 90
    starts = [p[0] for p in mod.PLAN]
    assert all(a[0] + a[1] == b[0] for a, b in zip(mod.PLAN, mod.PLAN[1:])) and starts[0] == 0
    for start, minutes, what, project, nb in mod.PLAN:
        if nb and nb.startswith("workshop/"):
            assert minutes == workshop.SESSIONS[nb[len("workshop/"):-len(".ipynb")]]["minutes"]


def test_each_workshop_notebook_checks_its_key_numbers():
    import nbformat
    for session in workshop.SESSIONS:
        nb = nbformat.read(ROOT / "notebooks" / "workshop" / f"{session}.ipynb", as_version=4)
        tagged = [c for c in nb.cells if "nbval-check-output" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and tagged[0].execution_count == 1
        assert tagged[0].outputs[0]["data"]["text/plain"] == workshop.key_numbers(session)
        others = [c for c in nb.cells if c.cell_type == "code" and c is not tagged[0]]
        assert all(not c.outputs for c in others)


# --------------------------------------------------------------------------- no policy numbers typed in
def test_workshop_code_types_in_no_policy_numbers():
    """Numbers in the kit are persona inputs (inside Persona(...) or case(...)) or one of a few
    non-policy constants; any other literal may be a policy number that belongs in data/."""
    allowed = {0, 1, 2, 12, 100, 0.005, 0.01, 1e-9}
    for name in ("teaching/workshop.py", "teaching/checking.py", "app/exercise.py", "app/workshop.py",
                 "views/exercise.py", "views/workshop.py"):
        tree = ast.parse((ROOT / "medinsure" / name).read_text(encoding="utf-8"))
        inputs = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Persona", "case"):
                inputs |= {id(n) for n in ast.walk(node)}
            if isinstance(node, ast.Dict):  # a session's length in minutes is not policy
                inputs |= {id(v) for k, v in zip(node.keys, node.values)
                           if isinstance(k, ast.Constant) and k.value == "minutes"}
        found = [f"{name}:{n.lineno}: {n.value!r}" for n in ast.walk(tree)
                 if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
                 and not isinstance(n.value, bool) and id(n) not in inputs and n.value not in allowed]
        assert not found, found

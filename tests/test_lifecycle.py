"""The account's life cycle (seed 004: 《省本级职工医保个人账户政策解读》, 审核结算部, 2023-10, Hunan):
card vs ledger, ownership, carry-over, inheritance, transfers, one-time withdrawals; and the
multi-year balance projection, old vs new credit."""

import ast
import datetime as dt
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from medinsure import Enrollee, compare
from medinsure import lifecycle as lc
from medinsure.errors import DataError, InvalidInput
from medinsure.views.lifecycle import describe, notice_text

from .language import chinese_only, figure_texts, widget_texts
from .test_no_policy_numbers_in_code import NOT_POLICY

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DAY = "2024-06-01"


def seed004() -> str:
    found = sorted(SEEDS.glob("004_*.txt"))
    if not found:
        pytest.skip("shared/seeds not available")
    return found[0].read_text(encoding="utf-8")


# =========================================================================== seed 004, word for word
def test_every_quoted_rule_is_in_seed_004():
    text = seed004()
    entry = lc.rules_on(DAY)
    quotes = [entry["ownership"]["says"]["zh"], entry["modes"]["unchanged"]["zh"],
              entry["modes"]["card"]["zh"], entry["modes"]["ledger"]["zh"]]
    quotes += [e["says"]["zh"] for e in entry["events"].values()]
    quotes += [lc.rules_on("2023-10-01")["modes"]["says"]["zh"], lc.rules_on("2023-11-01")["modes"]["says"]["zh"]]
    for q in quotes:
        # the data joins passages with "……" and may add a bracketed pointer "（第四十二条另称：…）"
        q = re.sub(r"（第四十二条另称：(.*)）$", r"……\1", q)
        q = q.replace("（个人账户的本金和利息）", "")   # a bracketed subject the data adds
        for piece in filter(None, (p.strip("……。（）") for p in re.split(r"……", q))):
            assert piece in text, piece


def test_the_seed_is_cited_as_asked():
    # 3P, not OFF-R: only a copy without its original address (policy_facts_2 §1.3), as on the myths page
    r = lc.rules_on(DAY).references[0]
    assert (r.title, r.issuer, r.published, r.reliability) == ("省本级职工医保个人账户政策解读", "审核结算部", "2023-10", "3P")
    assert r.read_at == ("shared/seeds/004 (copy of the Hunan explainer)",)
    assert "审核结算部" in seed004() and "2023年10月" in seed004()


# =========================================================================== crediting (seed 004 table, E9)
def test_seed_004_a_hunan_retiree_gets_75_yuan_a_month():
    # seed 004: "个账计入 … 退休 75元"; policy_facts E9: 2% × 3,675 = 73.5, published as 75
    c = compare("hunan", DAY, Enrollee(status="retired", age=66, pension_monthly=3500.0))
    assert c.credit_new == 75 * 12 == lc.seed_crediting(DAY)["retired_monthly"] * 12


def test_seed_004_in_service_accounts_get_2_percent_of_the_base():
    # seed 004: "在职 2%": 6,000 × 2% × 12 = 1,440
    c = compare("hunan", DAY, Enrollee(status="in_service", age=40, wage_monthly=6000.0))
    assert c.credit_new == 1440.0 and lc.seed_crediting(DAY)["in_service_rate"] == 0.02


def test_seed_004_flexible_workers_get_no_account_and_the_region_data_does_not_contradict_it():
    # seed 004: "灵活就业 不建个账"; data/regions/hunan records none (or, in older data, unknown)
    assert lc.seed_crediting(DAY)["flexible"] == "none"
    c = compare("hunan", DAY, Enrollee(status="flexible", age=40, wage_monthly=5000.0))
    assert c.credit_new in (None, 0.0)


# =========================================================================== card vs ledger
def test_from_october_2023_new_enrollees_get_a_ledger_account_and_credits_still_go_to_the_card():
    # "从2023年10月起，省本级和长沙市新增参保人员不再办理个人账户“医保卡”"
    f = lc.mode_facts("2023-10-15")
    assert (f["new_enrollees_get"], f["credits_go_to"]) == ("ledger", "card")


def test_from_november_2023_credits_go_to_the_ledger_account():
    # "从2023年11月起，个人账户资金划入参保个人“记账户”……不再划拨到“医保卡”"
    assert lc.mode_facts("2023-10-31")["credits_go_to"] == "card"
    assert lc.mode_facts("2023-11-01")["credits_go_to"] == "ledger"


def test_the_switch_changes_neither_amounts_nor_benefits_and_the_card_balance_stays():
    o = lc.what_happens("mode_switch", 5000, 0, "2023-11-01")
    assert [(p.mode, p.outcome) for p in o.parts] == [("card", "stays"), ("ledger", "receives_credits")]
    assert o.total("remains") == 5000.0
    assert "没有任何影响" in lc.mode_facts("2023-11-01")["unchanged"]["zh"]


def test_there_are_no_life_cycle_rules_before_october_2023():
    with pytest.raises(InvalidInput, match="date"):
        lc.what_happens("death", 100, 100, "2023-09-30")


# =========================================================================== each event
def test_seed_004_art_42_the_balance_is_the_enrollees_and_carries_over():
    o = lc.what_happens("year_end", 5000, 1200, DAY)
    assert {p.outcome for p in o.parts} == {"carries_over"} and o.total("remains") == 6200.0
    own = o.entry["ownership"]
    assert (own["owner"], own["carries_over"], own["inheritable"], own["cash_withdrawal"]) == \
        ("enrollee", True, True, "generally_not")


def test_seed_004_art_42_no_cash_while_insured():
    o = lc.what_happens("cash_while_insured", 5000, 1200, DAY)
    assert {p.outcome for p in o.parts} == {"no_cash"} and o.total("paid_out") == 0.0


@pytest.mark.parametrize("event", ["move_within_province", "move_to_other_province"])
def test_seed_004_on_moving_the_card_balance_is_kept_or_withdrawn_and_the_ledger_balance_moves(event):
    # "原“医保卡”内的余额可继续使用或一次性支取；“记账户”余额原则上随同医保关系转移划转到新参保地使用"
    o = lc.what_happens(event, 5000, 1200, DAY)
    assert [(p.mode, p.outcome) for p in o.parts] == [("card", "keep_or_withdraw"), ("ledger", "transfers")]
    assert (o.total("choice"), o.total("moves")) == (5000.0, 1200.0)
    assert o.rule["fallback"] == "to_bank"     # "因特殊情况无法使用或转移时可以将其个人账户资金划入本人银行账户"


def test_seed_004_registered_elsewhere_the_card_balance_may_go_to_a_financial_sub_account():
    o = lc.what_happens("registered_elsewhere", 5000, 1200, DAY)
    assert [(p.mode, p.outcome) for p in o.parts] == [("card", "may_move_to_subaccount"), ("ledger", "stays")]


@pytest.mark.parametrize("event", ["death", "emigration", "scheme_change"])
def test_seed_004_death_settling_abroad_or_another_scheme_allow_a_one_time_withdrawal(event):
    # "因死亡、出国（境）定居、跨制度变更参保等原因……在办理终止参保业务后，可办理……余额一次性支取"
    o = lc.what_happens(event, 5000, 1200, DAY)
    assert o.total("paid_out") == 6200.0                  # card and ledger: 5,000 + 1,200
    assert o.rule["condition"]["zh"] == "办理终止参保业务后"
    assert o.inherited == (event == "death")             # "可以结转使用和依法继承"


def test_the_sentence_names_each_part():
    o = lc.what_happens("death", 5000, 0, DAY)
    assert describe(o, "zh") == "医保卡 5,000.00 元：办理终止参保后可一次性支取（余额可依法继承）。"
    assert describe(lc.what_happens("death", 0, 0, DAY), "en") == "The balance is zero."


@pytest.mark.parametrize("kwargs, field", [
    (dict(event="lottery"), "event"), (dict(card_balance=-1), "card_balance"),
    (dict(ledger_balance=float("inf")), "ledger_balance"), (dict(day="2024-13-01"), "date"),
    (dict(region="wuhan"), "region"),
])
def test_bad_event_inputs_are_refused(kwargs, field):
    args = dict(event="death", card_balance=100, ledger_balance=100, day=DAY)
    args.update(kwargs)
    with pytest.raises(InvalidInput, match=field):
        lc.what_happens(**args)


# =========================================================================== projection
def test_project_balance_hand_computed():
    # 2,000 + 900 − 1,200 = 1,700, 1,400, … 200 after 6 years; year 7: 1,100 available, 100 unpaid
    r = lc.project_balance(2000.0, 900.0, 1200.0, 10)
    assert r["balance"].tolist() == [2000, 1700, 1400, 1100, 800, 500, 200, 0, 0, 0, 0]
    assert r["unpaid"].tolist() == [0, 0, 0, 0, 0, 0, 100, 300, 300, 300]
    assert r["interest"].sum() == 0.0


def test_interest_is_added_only_when_a_rate_is_given():
    # 1,000 × 1.01 = 1,010; × 1.01 = 1,020.10 (a test rate; the data gives none)
    r = lc.project_balance(1000.0, 0.0, 0.0, 2, interest_rate=0.01)
    assert r["balance"][1:].round(2).tolist() == [1010.0, 1020.1]


def test_project_balance_works_on_arrays_as_on_single_people():
    starts, credits, spend = np.array([0.0, 500, 3000]), np.array([900.0, 996, 2400]), np.array([1200.0, 0, 5000])
    together = lc.project_balance(starts, credits, spend, 4)["balance"]
    for i in range(3):
        alone = lc.project_balance(starts[i], credits[i], spend[i], 4)["balance"]
        assert np.allclose(together[:, i], alone)


def test_the_hunan_projection_has_no_interest_and_no_old_credit():
    p = lc.balance_projection("hunan", "2024-01-01", Enrollee(status="retired", age=66, pension_monthly=3500.0),
                              2000, 1200, 10)
    assert p.interest_rate is None and "No interest" in notice_text(p.notices[0], "en")
    assert p.balance_old is None and p.credit_new == 900.0
    assert p.balance_new[7:] == (0.0, 0.0, 0.0, 0.0) and sum(p.unpaid_new) == 1000.0   # as hand-computed above


def test_the_wuhan_e1_retiree_old_vs_new_over_five_years():
    # E1: old 50,000 × 4.8% = 2,400 a year, new 83 × 12 = 996. Paying 1,500 a year from 2,000:
    # old 2,000 + 5 × (2,400 − 1,500) = 6,500; new 2,000 → 1,496 → 992 → 488 → 0 (16 unpaid) → 0 (504 unpaid)
    p = lc.balance_projection("wuhan", "2024-01-01", Enrollee(status="retired", age=68, pension_monthly=4166.67),
                              2000, 1500, 5)
    assert (p.credit_old, p.credit_new) == (2400.0, 996.0)
    assert p.balance_old[-1] == 6500.0 and p.balance_new == (2000.0, 1496.0, 992.0, 488.0, 0.0, 0.0)
    assert p.unpaid_new == (0.0, 0.0, 0.0, 16.0, 504.0) and p.gap == -6500.0
    assert p.years == (2024, 2025, 2026, 2027, 2028)


@pytest.mark.parametrize("kwargs, field", [
    (dict(years=0), "years"), (dict(years=41), "years"), (dict(start_balance=-1), "start_balance"),
    (dict(spending_yearly="a lot"), "spending_yearly"), (dict(region="atlantis"), "region"),
])
def test_bad_projection_inputs_are_refused(kwargs, field):
    args = dict(region="wuhan", date="2024-01-01", enrollee=Enrollee(status="retired", age=68, pension_monthly=4000.0),
                start_balance=0, spending_yearly=0, years=5)
    args.update(kwargs)
    with pytest.raises(InvalidInput, match=field):
        lc.balance_projection(**args)


# =========================================================================== data and code rules
@pytest.mark.parametrize("find, replace, key", [
    ("card: {outcome: withdraw_once}", "card: {outcome: vanish}", "card.outcome"),
    ("interest_rate: null", "interest_rate: 3", "interest_rate"),
    ("credits_go_to: card", "credits_go_to: wallet", "modes.credits_go_to"),
])
def test_the_loader_refuses_a_broken_file_and_names_file_and_key(data_copy, find, replace, key):
    path = data_copy / "regions_extra" / "hunan" / "account_lifecycle.yaml"
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(key)) as exc:
        lc.load_lifecycle("hunan")
    assert "account_lifecycle.yaml" in str(exc.value)


def test_the_lifecycle_module_holds_no_policy_numbers_or_dates():
    allowed = set(NOT_POLICY) | {10}   # 10: default projection length (years)
    text = (ROOT / "medinsure" / "lifecycle.py").read_text(encoding="utf-8")
    found = [f"{n.lineno}: {n.value!r}" for n in ast.walk(ast.parse(text))
             if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in allowed]
    assert not found
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", code)


# =========================================================================== the app
@pytest.fixture
def app():
    from medinsure.app.lifecycle import lifecycle_explainer
    return lifecycle_explainer()


def test_the_app_shows_what_happens_and_the_projection(app):
    r = app.result
    assert app.error is None and r.outcome.event == "move_to_other_province"
    assert "5,000.00" in app.sentence.value and "1,200.00" in app.sentence.value
    assert "medinsure-sentence" in app.projection_sentence.value and "900.00" in app.projection_sentence.value
    assert "第四十二条" in app.rule.value and "省本级职工医保个人账户政策解读" in app.rule.value
    assert list(np.atleast_2d(app.chart.lines.y)[-1]) == list(r.projection.balance_new)  # the live chart (browser)


def test_every_event_renders(app):
    for _, key in app.controls["event"].options:
        app.controls["event"].value = key
        assert app.error is None and app.result.outcome.event == key


def test_every_region_projects(app):
    for _, slug in app.controls["region"].options:
        app.controls["region"].value = slug
        assert app.error is None, (slug, app.error)


def test_invalid_input_shows_a_message_not_a_traceback(app):
    app.controls["event_date"].value = dt.date(2023, 1, 1)
    assert app.result is None and "medinsure-error" in app.error_box.value and "2023-10-01" in app.error_box.value
    app.controls["event_date"].value = dt.date(2024, 6, 1)
    assert app.error is None
    app.controls["date"].value = None
    assert app.result is None and "Traceback" not in app.error_box.value


def test_english_leaves_no_chinese_only_text(app):
    app.controls["lang"].value = "en"
    app.controls["region"].value = "wuhan"
    texts = [t for t in widget_texts(app) if t != "中文"]   # the language switch names itself
    assert not chinese_only(texts), chinese_only(texts)[:5]
    assert not [t for t in app.chart.texts() if re.search(r"[\u3400-\u9fff]", t)]
    assert not [t for t in figure_texts(app.chart.export_chart().fig) if re.search(r"[\u3400-\u9fff]", t)]


def test_charts_draw_without_missing_glyphs(app):
    """The live chart's texts are Chinese in zh (the browser draws them with its CJK font); the
    export, drawn by matplotlib, has every glyph."""
    app.controls["years"].value = 25
    texts = app.chart.texts()
    assert "旧划入办法：未查到" in texts and all(re.search(r"[\u3400-\u9fff]", t) for t in texts), texts
    app.controls["region"].value = "wuhan"
    for lang in ("zh", "en"):
        app.controls["lang"].value = lang
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            app.chart.export("png", "来源 Sources: test footer")
        assert not [w for w in caught if "missing from font" in str(w.message)]


def test_notebook_pieces_compute_their_answers():
    from medinsure.app.lifecycle import exercises_html, sources_html
    text = exercises_html()
    assert "75.00" in text and "6,500.00" in text and "一次性支取" in text
    assert "省本级职工医保个人账户政策解读" in sources_html()

"""灵活就业: contribution from rate and chosen base, the account (or none), outpatient pooling.

Published worked examples first (shared/reference/policy_facts.md §3), then hand-computed cases.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from medinsure.errors import InvalidInput
from medinsure.flexible import (
    FlexibleOutlook,
    NoRules,
    base_range,
    comparable_regions,
    compare_regions,
    contribution_monthly,
    example_contribution,
    flexible_outlook,
)
from medinsure.rules import load_region
from medinsure.views import flexible as V

from .conftest import require_chromium

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff]")


# --------------------------------------------------------------------------- published examples
def test_E14_wuhan_flexible_worker_pays_407_70_plus_7_a_month():
    # policy_facts §3 E14 (http://jingyanla.com/a/13/1229139224H022.html [3P]): 2022-07 to 2023-06,
    # base 6,795 (上年度全市职工月平均工资) × 6% + 7元 大额 = 407.7 + 7 元/月
    o = flexible_outlook("wuhan", "2022-07-01")
    assert o.base_monthly == 6795 and o.rate == 0.06
    assert (o.rate_part_monthly, o.fixed_monthly) == (407.7, 7.0)
    assert (o.contribution_monthly, o.contribution_yearly) == (414.7, 4976.4)


def test_E15_chongqing_individual_enrollee_tier_1_pays_2670_a_year():
    # policy_facts §3 E15 (http://m.qebk.com/techan/2aac81ba89320f759e88d04afea02683.html ;
    # https://www.fudaoke.com/exam/2799506.html [3P]): base 53,400/yr; 一档 4% + 1% 大额
    # = 2,136 + 534 = 2,670. The data holds the base as 4,450/month and the 1% as 44.5/month.
    o = flexible_outlook("chongqing", "2023-03-01")
    assert o.contribution_yearly == 2670.0
    assert o.rate_part_monthly * 12 == pytest.approx(2136) and o.fixed_monthly * 12 == pytest.approx(534)
    # 2025: base 61,500 → 2,460 + 615 = 3,075 (same source)
    assert flexible_outlook("chongqing", "2025-03-01").contribution_yearly == 3075.0


def test_E15_tier_2_is_not_in_the_data():
    # 二档 (10% + 1% = 5,874 a year) is described in data/regions/chongqing/contribution_rates.yaml
    # but only tier 1 is recorded as values; nothing here computes 5,874.
    pf = load_region("chongqing").files["contribution_rates"]
    assert "二档" in pf.description["zh"]
    assert {e["flexible_rate"] for e in pf.entries} == {0.04}


def test_E16_minqing_2020_flexible_worker_pays_323_36_a_month():
    # policy_facts §3 E16 (http://fzmq.gov.cn/xjwz/zwgk/zfxxgkzdgz/yl/ybxx/202001/t20200115_3177023.htm [OFF]):
    # base 60% × 64,671 / 12 = 3,233.55; × 10% = 323.355 → 323.36 a month; 3,880.32 a year
    e = example_contribution("minqing", "2020-06-01")
    assert (e.base_monthly, e.contribution_monthly, e.contribution_yearly) == (3233.55, 323.36, 3880.32)
    assert e.entry.references[0].reliability == "OFF"


# --------------------------------------------------------------------------- contributions
def test_contribution_rounds_to_fen_and_works_on_arrays():
    # at 10%: 3,233.55 → 323.355 → 323.36; 4,077 → 407.70; 5,000.05 → 500.005 → 500.01 (half-up)
    got = contribution_monthly(np.array([3233.55, 4077.0, 5000.05]), 0.10, 0.0)
    assert got.tolist() == [323.36, 407.7, 500.01]
    assert contribution_monthly(4077.0, 0.06, 7.0) == pytest.approx(251.62)
    assert np.isnan(contribution_monthly(4077.0, None, 7.0)) and np.isnan(contribution_monthly(4077.0, 0.06, None))


@pytest.mark.parametrize("choice, base, monthly", [
    ("floor", 4077.0, 251.62),       # 4,077 × 6% = 244.62 + 7
    ("default", 6795.0, 414.7),      # E14
    ("ceiling", 20385.0, 1230.1),    # 20,385 × 6% = 1,223.10 + 7
])
def test_wuhan_base_choices_within_60_to_300_percent(choice, base, monthly):
    o = flexible_outlook("wuhan", "2023-03-01", choice)
    assert (o.base_monthly, o.contribution_monthly) == (base, monthly)
    rng = base_range("wuhan", "2023-03-01")
    assert rng.floor == pytest.approx(0.6 * rng.average, abs=0.5)
    assert rng.ceiling == pytest.approx(3 * rng.average, abs=0.5)


@pytest.mark.parametrize("amount, ok", [(4076.99, False), (4077.0, True), (20385.0, True), (20385.01, False)])
def test_a_chosen_amount_must_lie_between_floor_and_ceiling(amount, ok):
    if ok:
        assert flexible_outlook("wuhan", "2023-03-01", "amount", amount).base_monthly == amount
    else:
        with pytest.raises(InvalidInput, match="base_monthly"):
            flexible_outlook("wuhan", "2023-03-01", "amount", amount)


@pytest.mark.parametrize("kwargs, field", [
    ({"base_choice": "middle"}, "base_choice"),
    ({"base_choice": "amount"}, "base_monthly"),
    ({"base_choice": "amount", "base_monthly": -5.0}, "base_monthly"),
    ({"date": "2020-01-01"}, "date"),
    ({"region": "atlantis"}, "region"),
    ({"age": 12}, "age"),
    ({"level": "clinic"}, "level"),
    ({"outpatient_yearly": -1.0}, "outpatient_yearly"),
])
def test_bad_input_names_the_field(kwargs, field):
    args = {"region": "wuhan", "date": "2023-03-01", **kwargs}
    with pytest.raises(InvalidInput, match=field):
        flexible_outlook(**args)


def test_the_yearly_contribution_agrees_with_compare():
    o = flexible_outlook("wuhan", "2023-03-01")
    assert o.comparison.contributions["own_new"] == o.contribution_yearly == 4976.4


# --------------------------------------------------------------------------- the account
def test_wuhan_credits_no_account_to_flexible_workers_before_or_after_the_reform():
    for day in ("2023-02-01", "2024-03-01"):
        o = flexible_outlook("wuhan", day)
        assert (o.account, o.credit_new, o.has_account) == ("none", 0.0, False)
    # before the reform: no account, but the 门诊和购药补助 (at most about 1,800 a year, 医保局 FAQ)
    o = flexible_outlook("wuhan", "2022-07-01")
    assert (o.account, o.credit_new) == ("fixed", 1800.0)


def test_guangzhou_credits_2_percent_of_the_own_base():
    # 5,674 (2023 floor) × 2% = 113.48 a month × 12 = 1,361.76
    o = flexible_outlook("guangzhou", "2023-03-01", "floor")
    assert (o.account, o.account_rate, o.credit_new, o.has_account) == ("share_of_base", 0.02, 1361.76, True)
    # the default base is not known in Guangzhou, so neither is the credit on it
    d = flexible_outlook("guangzhou", "2023-03-01", "default")
    assert d.base_monthly is None and d.credit_new is None
    assert {"base", "credit_new"} <= {u["field"] for u in d.unknown}


def test_shenzhen_credits_2_percent_after_its_2024_rule():
    # 10,000 × 2% = 200 a month, 2,400 a year (the base range is not known, so any amount is taken)
    o = flexible_outlook("shenzhen", "2025-01-01", "amount", 10000.0)
    assert (o.account, o.credit_new) == ("share_of_base", 2400.0)


def test_hunan_credits_no_account_to_flexible_workers_after_the_reform():
    # data/regions/hunan/personal_account.yaml @2023-01-01: "灵活就业: 不建个账" (seed 004, the
    # provincial-level explainer); before the reform the rule is not known
    o = flexible_outlook("hunan", "2023-03-01")
    assert (o.account, o.credit_new, o.has_account) == ("none", 0.0, False)
    assert o.credit_old is None and "credit_old" in {u["field"] for u in o.unknown}


# --------------------------------------------------------------------------- outpatient pooling
@pytest.mark.parametrize("day, bill, level, expected", [
    ("2022-07-01", 3000.0, "primary", 0.0),      # before 2023-02-01 no general outpatient pooling
    ("2023-03-01", 3000.0, "primary", 1840.0),   # phase 1, in-service rules: (3,000 − 700) × 80%
    ("2023-03-01", 700.0, "primary", 0.0),       # at the deductible
    ("2023-03-01", 5000.0, "primary", 3440.0),   # (5,000 − 700) × 80% = 3,440 (cap 3,500 not reached)
    ("2023-03-01", 5200.0, "primary", 3500.0),   # (5,200 − 700) × 80% = 3,600 → cap 3,500
    ("2023-04-10", 3000.0, "primary", 2550.0),   # phase 2, no deductible: 3,000 × 85%
    ("2023-04-10", 3000.0, "tertiary", 1650.0),  # 3,000 × 55%
])
def test_wuhan_flexible_workers_follow_the_in_service_outpatient_rules(day, bill, level, expected):
    o = flexible_outlook("wuhan", day, outpatient_yearly=bill, level=level)
    assert o.reimbursement_new == expected
    assert o.pooling == ("no_pooling" if day < "2023-02-01" else "in_service")


def test_where_the_data_does_not_say_whose_rules_apply_the_payment_is_not_known():
    o = flexible_outlook("guangzhou", "2023-03-01", "floor", outpatient_yearly=3000.0)
    assert o.pooling == "unknown" and o.reimbursement_new is None
    assert "reimbursement_new" in {u["field"] for u in o.unknown}


# --------------------------------------------------------------------------- all regions
def test_every_region_gives_a_row_and_every_gap_has_a_bilingual_note():
    rows = compare_regions("2023-03-01", outpatient_yearly=3000.0)
    assert [r.region for r in rows] == comparable_regions() and "national" not in comparable_regions()
    for r in rows:
        if isinstance(r, NoRules):
            assert V.no_rules_text(r)["zh"] and V.no_rules_text(r)["en"]
            continue
        unknown = {u["field"] for u in r.unknown}
        for key, field in (("base_monthly", "base"), ("rate", "rate"), ("fixed_monthly", "fixed_monthly"),
                           ("credit_new", "credit_new"), ("reimbursement_new", "reimbursement_new")):
            if getattr(r, key) is None:
                assert field in unknown, (r.region, key)
        for u in r.unknown:
            assert V.unknown_note(u)["zh"] and V.unknown_note(u)["en"]


def test_an_amount_outside_a_region_range_gives_a_reason_not_an_error():
    rows = {r.region: r for r in compare_regions("2023-03-01", "amount", 3000.0)}
    assert isinstance(rows["wuhan"], NoRules) and "4,077.00" in V.no_rules_text(rows["wuhan"])["en"]
    assert isinstance(rows["chongqing"], FlexibleOutlook)   # limits not known: the amount is taken


def test_flexible_code_holds_no_policy_numbers():
    spec = importlib.util.spec_from_file_location("nop", ROOT / "tests" / "test_no_policy_numbers_in_code.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = (ROOT / "medinsure" / "flexible.py").read_text(encoding="utf-8")
    found = [f"flexible.py:{n.lineno}: {n.value!r}" for n in ast.walk(ast.parse(text))
             if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in mod.NOT_POLICY]
    assert not found, found
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", code)


# --------------------------------------------------------------------------- the app
@pytest.fixture
def app():
    from medinsure.app.flexible import flexible_explainer
    return flexible_explainer(date="2023-03-01", base_choice="default", outpatient=3000.0,
                              level="primary", focus="wuhan")


def test_the_app_opens_on_wuhan_with_E14_numbers(app):
    assert app.error is None
    o = app.focus
    assert (o.contribution_monthly, o.credit_new, o.reimbursement_new) == (414.7, 0.0, 1840.0)
    s = app.sentence.value
    assert "medinsure-sentence" in s and "414.70" in s and "4,976.40" in s and "1,840.00" in s
    assert "不建个人账户" in s
    # the chart is drawn in the browser (bqplot), from the same rows: Wuhan's group is there
    assert "medinsure-flexible-chart" in app.chart.figure._dom_classes
    assert "wuhan" in app.chart.data["regions"] and not hasattr(app, "image")
    assert "2,670.00" in app.table.value          # E15 in the Chongqing row
    assert app.controls["lang"].value == "zh"
    assert set(app.controls) == {"date", "base_choice", "base_amount", "age", "outpatient", "level",
                                 "focus", "lang"}


@pytest.mark.parametrize("changes", [
    {"base_choice": "floor"},
    {"base_choice": "ceiling", "focus": "guangzhou"},
    {"base_choice": "amount", "base_amount": 8000.0},
    {"date": "2023-04-10", "outpatient": 4000.0, "level": "tertiary"},
    {"focus": "hunan"},
    {"age": 55},
])
def test_every_control_goes_through_the_library(app, changes):
    for k, v in changes.items():
        app.controls[k].value = v
    c = app.controls
    amount = c["base_amount"].value if c["base_choice"].value == "amount" else None
    expected = {r.region: r for r in compare_regions(c["date"].value, c["base_choice"].value, amount,
                                                      c["age"].value, c["outpatient"].value, c["level"].value)}
    got = app.focus
    exp = expected[c["focus"].value]
    assert app.error is None
    for key in ("base_monthly", "contribution_yearly", "credit_new", "reimbursement_new"):
        assert getattr(got, key, None) == getattr(exp, key, None), key


def test_unknowns_are_said_plainly(app):
    app.controls["focus"].value = "hunan"
    assert "未查到" in app.sentence.value and "medinsure-unknown" in app.notice.value
    assert "湖南省" in app.notice.value and "无法算出" in app.notice.value and "<summary>详情</summary>" in app.notice.value
    app.controls["lang"].value = "en"
    assert "not found" in app.sentence.value and "cannot be worked out" in app.notice.value
    assert "not found" in app.table.value and "Not known for this region" in app.notice.value


def test_english_leaves_no_chinese_in_sentence_table_and_chart_text(app):
    app.controls["lang"].value = "en"
    for focus in ("wuhan", "guangzhou", "chongqing"):
        app.controls["focus"].value = focus
        text = re.sub(r"<[^>]+>", "", app.sentence.value)
        assert not CJK.search(text), text
    from medinsure.app.flexible import CHART
    assert all(not CJK.search(v["en"]) for v in CHART.values())
    # the live chart's words (region names: Shenzhen's keeps "一档", as in the table)
    chart_cjk = {c for t in app.chart.texts() for c in CJK.findall(t.replace("一档", ""))}
    assert not chart_cjk, chart_cjk
    table = re.sub(r"<[^>]+>", " ", app.table.value)
    # region names come from the data's English names (Shenzhen's keeps "一档" beside "tier 1")
    leftovers = set(CJK.findall(table.replace("一档", "")))
    assert not leftovers, leftovers


def test_a_chosen_amount_outside_the_range_is_explained_not_a_traceback(app):
    app.controls["base_choice"].value = "amount"
    app.controls["base_amount"].value = 3000.0
    assert app.error is None and "4,077.00" in app.sentence.value


def test_chart_draws_without_missing_glyphs(app):
    """The export (matplotlib) draws Chinese without missing glyphs; the live chart (drawn by the
    browser's fonts) speaks Chinese in Chinese and carries no Chinese in English."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for lang in ("zh", "en"):
            app.controls["lang"].value = lang
            for choice in ("floor", "default", "ceiling"):
                app.controls["base_choice"].value = choice
                texts = app.chart.texts()
                if lang == "zh":
                    assert CJK.search(texts[0]) and "未知" in texts
                else:
                    assert not [t for t in texts if CJK.search(t.replace("一档", ""))]
                    assert "n/k" in texts
            png = app.chart.export("png", "来源 Sources: footer")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_exercise_answers_come_from_the_library():
    from medinsure.app.flexible import exercises_html
    text = exercises_html("zh")
    assert text.count("<details>") == 4
    assert "414.70" in text and "2,550.00" in text and "1,361.76" in text and "323.36" in text


# --------------------------------------------------------------------------- a real browser
def test_the_served_page_moves_with_the_keyboard():

    from medinsure.site.browser import (
        chromium_page,
        slider_handle,
        voila_server,
    )
    require_chromium()
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    errors = []
    with voila_server() as base, chromium_page() as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/voila/render/07-flexible-employment.ipynb", timeout=90000)
        sentence = page.locator(".medinsure-sentence")
        sentence.filter(has_text="414.70").wait_for(timeout=90000)
        # outpatient 3,000 → 3,050 at a primary facility, Wuhan phase 1: (3,050 − 700) × 80% = 1,880
        handle = slider_handle(page, "年门诊费用 Outpatient")
        handle.focus()
        handle.press("ArrowRight")
        sentence.filter(has_text="1,880.00").wait_for(timeout=30000)
        assert page.locator(".medinsure-error").count() == 0
        page.screenshot(path=str(artifacts / "flexible-after-keys.png"), full_page=True)
    assert not errors, errors

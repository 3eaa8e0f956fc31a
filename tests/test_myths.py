"""辟谣: every verdict's live number is checked against the library (compare, fund), with the
hand arithmetic in a comment. Claims are read in shared/seeds/000_*.txt and 003_*.txt."""

import re
from pathlib import Path

import pytest

from medinsure import Enrollee, compare, fund
from medinsure.app import myths
from medinsure.app.myths import myth_checker
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import load_region
from medinsure.rules import sources as documents
from medinsure.teaching import myths as claims
from medinsure.teaching.myths import MYTHS, Params, check, check_all
from medinsure.views import myths as myth_views
from medinsure.views.fund import CJK, without_original_titles

from .conftest import require_chromium
from .language import chinese_only, widget_texts

DAY = claims.EXAMPLE_DATE


def worker(status="in_service", wage=8000.0, outpatient=3000.0):
    return Enrollee(status=status, age=claims.AGE_IN_SERVICE, wage_monthly=wage, outpatient_yearly=outpatient,
                    level="primary", visits_yearly=claims.VISITS)


def retiree(pension=4166.67, outpatient=3000.0):
    return Enrollee(status="retired", age=claims.AGE_RETIRED, pension_monthly=pension,
                    outpatient_yearly=outpatient, level="primary", visits_yearly=claims.VISITS)


def test_m1_contributions_are_still_credited_in_2024():
    # seed 003: "2024年起…医保费用不再划入个人账户". Wuhan and Hunan, 2024-06-01, base 8,000:
    # 8,000 × 2% × 12 = 1,920 a year in both; retirees: Wuhan 83 × 12 = 996, Hunan 75 × 12 = 900
    a = check("m1")
    assert a.verdict == "false"
    assert a.value("wuhan_in_service_credit") == compare("wuhan", DAY, worker()).credit_new == 1920.0
    assert a.value("hunan_in_service_credit") == compare("hunan", DAY, worker()).credit_new == 1920.0
    assert a.value("wuhan_retiree_credit") == compare("wuhan", DAY, retiree()).credit_new == 996.0
    assert a.value("hunan_retiree_credit") == compare("hunan", DAY, retiree()).credit_new == 900.0
    assert "1,920.00" in a.headline["zh"] and "1,920.00" in a.headline["en"]
    # 12,000 × 2% × 12 = 2,880
    assert check("m1", Params(wage=12000.0)).value("wuhan_in_service_credit") == 2880.0


def test_m2_the_employer_part_moved_to_the_pooled_fund():
    # Wuhan, age 40, base 8,000: old 3.4% × 8,000 × 12 = 3,264; new 1,920; moved 1,344;
    # employer 8% × 8,000 × 12 = 7,680 (unchanged); outpatient 3,000 at primary reimbursed by the library
    a = check("m2")
    c = compare("wuhan", DAY, worker())
    assert a.verdict == "false"
    assert (a.value("credit_old"), a.value("credit_new")) == (c.credit_old, c.credit_new) == (3264.0, 1920.0)
    assert a.value("moved_to_pool") == c.credit_old - c.credit_new == 1344.0
    assert a.value("employer_contribution") == c.contributions["employer_new"] == c.contributions["employer_old"] == 7680.0
    assert a.value("reimbursement_new") == c.reimbursement_new > 0
    # the latest bulletin's pooled spending: 2024, 13,222.71
    assert a.value("pooled_spending_latest") == fund.figure("employee_fund.pooled_spending", 2024, "gongbao").value


def test_m3_the_pooled_fund_grew():
    # bulletins: pooled balance 17,685.74 (2021) → 30,445.50 (2024); 2024 income 23,732.47 − spending
    # 19,102.54 = 4,629.93
    a = check("m3")
    assert a.verdict == "false"
    assert a.value("pooled_cumulative_first") == fund.figure("employee_fund.pooled_cumulative", 2021, "gongbao").value
    assert a.value("pooled_cumulative_last") == fund.figure("employee_fund.pooled_cumulative", 2024, "gongbao").value
    assert a.value("surplus_last") == pytest.approx(4629.93, abs=0.005)
    assert a.value("account_share_first") == fund.account_share_of_employee_fund(2021, release="gongbao")
    assert a.value("account_share_last") == fund.account_share_of_employee_fund(2024, release="gongbao")


def test_m4_own_contributions_did_not_rise():
    # Wuhan base 8,000: own 2% × 8,000 × 12 + 7 × 12 = 1,920 + 84 = 2,004 before and after
    a = check("m4")
    c = compare("wuhan", DAY, worker())
    assert a.verdict == "false"
    assert a.value("own_old") == c.contributions["own_old"] == a.value("own_new") == c.contributions["own_new"] == 2004.0


def test_m5_retiree_credit_fell_by_more_than_half_for_this_pension():
    # Wuhan retiree 68, pension 4,166.67: old 4.8% × 4,166.67 = 200.00/month → 2,400; new 83 × 12 = 996;
    # cut (2,400 − 996) / 2,400 = 58.5% > half → 属实
    a = check("m5")
    c = compare("wuhan", DAY, retiree())
    assert a.verdict == "true"
    assert (a.value("credit_old"), a.value("credit_new")) == (c.credit_old, c.credit_new) == (2400.0, 996.0)
    assert a.value("cut_share") == pytest.approx(0.585)
    # the pension at which the cut is exactly half: 2 × 996 / (12 × 4.8%) = 3,458.33
    assert a.value("half_cut_pension") == pytest.approx(3458.33, abs=0.01)
    # pension 3,000: old 144 × 12 = 1,728; cut (1,728 − 996) / 1,728 = 42.4% → 部分属实
    low = check("m5", Params(pension=3000.0))
    assert low.verdict == "partly"
    assert low.value("credit_old") == compare("wuhan", DAY, retiree(3000.0)).credit_old == 1728.0


def test_m6_flexible_accounts_depend_on_the_region():
    # Wuhan: no account for the flexibly employed (0); Guangzhou: like employees, 8,000 × 2% × 12 = 1,920
    a = check("m6")
    assert a.verdict == "partly"
    assert a.value("wuhan_flexible_credit") == compare("wuhan", DAY, worker("flexible")).credit_new == 0.0
    assert a.value("guangzhou_flexible_credit") == compare("guangzhou", DAY, worker("flexible")).credit_new == 1920.0


def test_every_answer_names_its_documents_with_number_and_date():
    for a in check_all():
        assert a.documents, a.myth
        for d in a.documents:
            r = d.reference
            zh, en = myth_views.document_html(d, "zh"), myth_views.document_html(d, "en")
            assert (r.number in zh) if r.number else ("文号未查到" in zh and "no document number found" in en)
            assert any(w in zh for w in ("发布", "施行", "日期未查到"))
            assert any(w in en for w in ("published", "in force", "date not found"))
    m1 = myth_views.answer_html(MYTHS[0], check("m1"), "zh")["documents"]
    assert "国办发〔2021〕14号" in m1 and "2021-04-22" in m1
    assert "武汉市职工基本医疗保险门诊共济保障实施细则" in m1 and "2023-01-13" in m1


SEEDS = Path(__file__).resolve().parents[2]


def test_each_answer_has_a_paragraph_in_both_languages_and_no_chinese_only_text_in_english():
    for m in MYTHS:
        a = check(m.key)
        assert a.verdict in myth_views.VERDICTS
        assert a.explanation["zh"] and a.explanation["en"] and a.headline["zh"] and a.headline["en"]
        parts = myth_views.answer_html(m, a, "en")
        for name, text in parts.items():
            assert not CJK.findall(without_original_titles(text)), (m.key, name)


def test_each_claim_is_quoted_from_its_seed():
    for m in MYTHS:
        path = SEEDS / m.seed
        if not path.exists():
            pytest.skip("the seed files are not beside the repository")
        assert m.quote in path.read_text(encoding="utf-8"), m.key


def test_the_seed_texts_are_cited_from_data_as_documents_not_paths():
    # data/sources/documents.yaml: seed 004 is the Hunan provincial-level explainer, 审核结算部, 2023-10
    s004 = documents.document("seed_004").reference
    assert (s004.title, s004.issuer, s004.published) == ("省本级职工医保个人账户政策解读", "审核结算部（湖南省本级）", "2023-10")
    for m in MYTHS:
        ref = m.document.reference
        assert "/" not in ref.title and ".txt" not in ref.title, m.key
        assert m.seed == ref.read_at[0]
        assert myth_views.title_en(ref) == m.document.title_en
    src = myths.sources_html("zh")
    assert "2024年职工医保缴费将不再划入个人账户" in src and "医保工作调研汇报发言（汇总5篇）" in src
    # English names come from the data file, also for documents cited elsewhere in data/
    wuhan = load_region("wuhan").new_account_entry().references[0]
    assert myth_views.title_en(wuhan).startswith("Wuhan: implementing rules")


@pytest.mark.parametrize("old, new, key", [
    ("        ref: 2\n", "        ref: 7\n", "documents.seed_004.ref"),
    ("    titles_en:\n", "    title_en:\n", "title_en"),
    ("        title_en: Five model reports on medical-insurance work (a compilation quoting the press)",
     "        title_en: ''", "documents.seed_000.title_en"),
])
def test_a_broken_documents_file_is_refused_naming_file_and_key(data_copy, old, new, key):
    path = data_copy / "sources" / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    documents.clear_cache()
    try:
        with pytest.raises(DataError, match=re.escape(key)) as exc:
            documents.document("seed_004")
        assert "documents.yaml" in str(exc.value)
    finally:
        documents.clear_cache()


def test_bad_input_is_refused_by_name():
    with pytest.raises(InvalidInput, match="claim"):
        check("m9")
    with pytest.raises(InvalidInput, match="wage_monthly"):
        check("m1", Params(wage=-1.0))


@pytest.fixture
def app():
    return myth_checker(claim="m1")


def test_the_app_shows_verdict_and_live_number(app):
    assert app.error is None and app.result.verdict == "false"
    assert "medinsure-sentence" in app.sentence.value and "不实" in app.sentence.value
    assert "1,920.00" in app.sentence.value
    app.controls["wage"].value = 12000.0
    assert app.result.value("wuhan_in_service_credit") == 2880.0 and "2,880.00" in app.sentence.value
    app.controls["claim"].value = "m5"
    assert app.result.verdict == "true" and "58.50%" in app.sentence.value
    app.controls["pension"].value = 3000.0
    assert app.result.verdict == "partly" and "部分属实" in app.sentence.value
    app.controls["lang"].value = "en"
    assert "Partly true" in app.sentence.value
    assert app.overview.value.count("medinsure-verdict") == len(MYTHS)


def test_english_leaves_no_chinese_only_text_in_the_app(app):
    app.controls["lang"].value = "en"
    for m in MYTHS:
        app.controls["claim"].value = m.key
        texts = [t for t in widget_texts(app) if t != "中文"]   # the language switch names itself
        assert not chinese_only(texts), (m.key, chinese_only(texts)[:5])


def test_invalid_input_shows_a_message_not_a_traceback(app, monkeypatch):
    monkeypatch.setattr(myths, "check", lambda *a, **k: (_ for _ in ()).throw(
        InvalidInput("wage_monthly", -1, "from 0 to 1,000,000 yuan/month")))
    app.recompute()
    assert app.result is None and "月工资 -1" in app.error_box.value
    assert "medinsure-error" in app.error_box.value and "Traceback" not in app.error_box.value


def test_key_numbers_and_exercises_come_from_the_library():
    assert myths.key_numbers() == (
        "m1 false wuhan 1,920.00 hunan 1,920.00; m2 false moved 1,344.00; m3 false pooled 17,685.74 -> "
        "30,445.50; m4 false own 2,004.00 = 2,004.00; m5 true cut 58.50%; m6 partly wuhan 0.00 guangzhou 1,920.00")
    text = myths.exercises_html(myths.EXERCISES)
    # 12,000 × 2% × 12 = 2,880; 6,000 × 2% × 12 = 1,440 (Guangzhou)
    for s in ("2,880.00", "3,458.34", "1,440.00", "<details>"):
        assert s in text
    src = myths.sources_html()
    assert "国办发〔2021〕14号" in src and "粤府办〔2021〕56号" in src


@pytest.fixture(scope="module")
def server():
    from medinsure.site.browser import voila_server
    require_chromium()
    with voila_server() as base:
        yield base


def test_voila_serves_notebook_09(server):
    from medinsure.site.browser import chromium_page
    errors = []
    with chromium_page() as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/voila/render/09-myths.ipynb", timeout=60000)
        sentence = page.locator(".medinsure-sentence")
        sentence.filter(has_text="1,920.00").wait_for(timeout=60000)
        assert "不实" in sentence.inner_text()
        assert page.locator(".medinsure-error").count() == 0
    assert not errors, errors

"""The fund statistics: cited data, the arithmetic of every derived figure, the API, the charts and
the app. Figures are the NHSA bulletins / quick reports as reprinted (policy_facts.md §5) and the
2021 bulletin and Hunan figures quoted in seed 000 (shared/seeds/000_7a82ef8583fc1213.txt)."""

import ast
import re
import warnings
from pathlib import Path

import pytest

from medinsure import fund
from medinsure.app import fund as app_fund
from medinsure.app.fund import fund_explorer, key_numbers
from medinsure.errors import DataError, InvalidInput
from medinsure.views.charts import fund as fund_charts
from medinsure.views.charts.fund import hunan_chart, outpatient_chart, share_chart
from medinsure.views.fund import CJK, without_original_titles

from .conftest import require_chromium
from .language import chinese_only, figure_texts, widget_texts

PACKAGE = Path(__file__).resolve().parent.parent / "medinsure"


def value(key, year, release=None, area="national"):
    return fund.figure(key, year, release, area).value


# --------------------------------------------------------------------------- published figures
def test_2024_bulletin_accounts_net_is_income_minus_spending():
    # 2024 公报 (reprint): accounts income 6,390.01, spending 5,879.83 → 6,390.01 − 5,879.83 = 510.18
    f = fund.figure("employee_fund.account_net", 2024, "gongbao")
    assert f.value == 510.18 and f.derived and f.reference.reliability == "DERIVED"
    assert fund.recompute(f) == pytest.approx(510.18, abs=0.005)


def test_2023_employee_count_follows_from_the_2024_bulletin():
    # 2024 公报: 37,948.34 万人, +853.70 on the year → 2023 = 37,948.34 − 853.70 = 37,094.64
    f = fund.figure("insured_counts.employee_insured", 2023, "gongbao")
    assert f.value == 37094.64 and f.reference.reliability == "DERIVED"
    assert fund.recompute(f) == pytest.approx(37094.64, abs=0.005)


def test_2021_in_service_to_retired_ratio_is_2_80():
    # seed 000 quoting the 2021 公报: 在职职工26106万人 … 退休职工9324万人 → 26,106 / 9,324 = 2.7999
    d = fund.in_service_ratio(2021)
    assert round(d.value, 2) == 2.80 and d.release == "gongbao"
    assert [f.value for f in d.inputs] == [26106, 9324]


def test_every_derived_figure_recomputes_to_its_stored_value():
    checks = fund.derived_checks()
    assert len(checks) >= 4
    for f, again in checks:
        assert again == pytest.approx(f.value, abs=0.005), f.source
        assert f.reference.reliability == "DERIVED"


def test_the_2021_bulletin_counts_agree_with_2020():
    # seed 000: 35,431 万人, 比上年增加976万人; 2020 公报 34,455 → 35,431 − 34,455 = 976
    assert value("insured_counts.employee_insured", 2021) - value("insured_counts.employee_insured", 2020) == \
        value("insured_counts.employee_insured_change", 2021) == 976
    # in-service + retired = 26,106 + 9,324 = 35,430, one short of 35,431 (rounding; noted in the data)
    assert value("insured_counts.in_service", 2021) + value("insured_counts.retired", 2021) == 35430
    assert "35,430" in fund.figure("insured_counts.in_service", 2021).note["en"]


def test_national_account_share_2021_matches_the_seeds_40_and_32_5_percent():
    # seed 000: 个人账户 11,753.98 of (统筹 17,685.74 + 个人账户 11,753.98) → 39.93%, "占到…总量的40%"
    share = fund.account_share_of_employee_fund(2021)
    assert share == pytest.approx(11753.98 / (17685.74 + 11753.98))
    assert round(share * 100) == 40
    # and "占了全国基本医保累计结存总额的32.5%": 11,753.98 / 36,156.30 = 32.51%
    assert round(value("employee_fund.account_cumulative", 2021) / value("all_funds.cumulative", 2021) * 100, 1) == 32.5


def test_hunan_51_4_percent_in_2021_from_seed_000():
    # seed 000: 湖南 2021 累计结余767.39亿元，其中统筹基金373.01亿元，占48.60%；个人账户基金394.38亿元，占51.40%
    f = fund.figure("employee_fund.account_cumulative", 2021, area="hunan")
    assert f.release == "local" and f.reference.read_at == ("shared/seeds/000_7a82ef8583fc1213.txt",)
    pooled = fund.figure("employee_fund.pooled_cumulative", 2021, area="hunan")
    assert "占51.40%" in pooled.quote
    # 373.01 + 394.38 = 767.39; 394.38 / 767.39 = 51.39% (the printed 51.40% is 0.01 point off)
    assert pooled.value + f.value == pytest.approx(value("employee_fund.cumulative", 2021, area="hunan"))
    share = fund.account_share_of_employee_fund(2021, area="hunan")
    assert f"{share * 100:.2f}" == "51.39"
    assert round(share * 100, 1) == round(value("employee_fund.account_share_stated", 2021, area="hunan") * 100, 1) == 51.4


def test_2024_bulletin_parts_add_up():
    # pooled 17,342.45 + accounts 6,390.01 = 23,732.46 ≈ 23,732.47 (rounding); 13,222.71 + 5,879.83 = 19,102.54
    assert value("employee_fund.pooled_income", 2024) + value("employee_fund.account_income", 2024) == \
        pytest.approx(value("employee_fund.income", 2024), abs=0.011)
    assert value("employee_fund.pooled_spending", 2024) + value("employee_fund.account_spending", 2024) == \
        pytest.approx(value("employee_fund.spending", 2024), abs=0.005)
    # enterprise 24,535.36 + public 6,797.07 + flexible 6,615.91 = 37,948.34; 35,435.02 + 2,513.32 = 37,948.34
    total = value("insured_counts.employee_insured", 2024)
    parts = [value(f"insured_counts.employee_{k}", 2024) for k in ("enterprise", "public_sector", "flexible_other")]
    assert sum(parts) == pytest.approx(total, abs=0.005)
    assert value("insured_counts.employee_combined_accounts", 2024) + \
        value("insured_counts.employee_pooling_only", 2024) == pytest.approx(total, abs=0.005)
    # in service 27,491.84 + retired 10,457.50 = 37,949.34: 1.00 more than the total, as reprinted (noted)
    assert value("insured_counts.in_service", 2024) + value("insured_counts.retired", 2024) - total == \
        pytest.approx(1.0, abs=0.005)
    assert "37,949.34" in fund.figure("insured_counts.in_service", 2024).note["en"]
    # all funds' balance of the year 5,149.34 − accounts 510.18 = 4,639.16 ≈ pooled funds 4,639.17
    assert value("all_funds.net", 2024) - value("employee_fund.account_net", 2024) == \
        pytest.approx(value("all_funds.pooled_net_all", 2024), abs=0.011)


def test_2022_quick_report_balances_add_up():
    # 21,470.04 + 13,533.79 = 35,003.83
    assert value("employee_fund.pooled_cumulative", 2022, "kuaibao") + \
        value("employee_fund.account_cumulative", 2022, "kuaibao") == \
        pytest.approx(value("employee_fund.cumulative", 2022, "kuaibao"), abs=0.005)


# --------------------------------------------------------------------------- releases, nulls, API
def test_quick_report_and_bulletin_are_kept_apart():
    assert value("insured_counts.employee_insured", 2022, "kuaibao") == 36242
    assert value("insured_counts.employee_insured", 2022, "gongbao") == 36243
    for f in fund.load_statistics():
        assert f.source.split("/")[-2] == f.release
    assert all(p.release == "kuaibao" for p in fund.series("employee_fund.income", release="kuaibao"))
    # best available: the bulletin where it has a value
    assert {p.year: p.release for p in fund.series("employee_fund.income")} == {
        2021: "gongbao", 2022: "gongbao", 2024: "gongbao"}


def test_the_account_share_chart_years_never_mix_releases():
    assert fund.account_share_years() == [(2021, "gongbao"), (2022, "kuaibao"), (2024, "gongbao")]
    with pytest.raises(InvalidInput, match="year"):
        fund.account_share(2022, release="gongbao")   # the 2022 bulletin lacks the pooled balance
    with pytest.raises(InvalidInput, match="year"):
        fund.account_share(2023)
    # 2024 income basis: 6,390.01 / (17,342.45 + 6,390.01) = 26.93%
    assert round(fund.account_share_of_employee_fund(2024, "income") * 100, 2) == 26.93


def test_unknown_figures_are_null_with_a_bilingual_note():
    unknown = fund.unknown_figures()
    assert unknown
    for f in unknown:
        note = f.note or f.entry_note
        assert note and note["zh"] and note["en"], f.source
    out24 = fund.figure("benefit_use.outpatient_benefit_uses", 2024, "kuaibao")
    assert out24.value is None and "garbled" in out24.note["en"]
    assert value("benefit_use.outpatient_benefit_growth", 2024, "kuaibao") == 0.3744
    assert all(f.value is None for f in fund.load_statistics()
               if f.topic == "employee_fund" and f.year == 2023 and f.area == "national")


def test_series_gives_year_value_unit_reference():
    pts = fund.series("insured_counts.employee_insured", release="gongbao")
    year, v, unit, ref, release = pts[-1]
    assert (year, v, unit, release) == (2024, 37948.34, "10k_persons", "gongbao")
    assert ref.title.startswith("2024年全国医疗保障事业发展统计公报")
    assert [p.year for p in fund.series("insured_counts.in_service", with_unknown=True)] == [2020, 2021, 2022, 2023, 2024]
    assert [p.year for p in fund.series("insured_counts.in_service")] == [2021, 2022, 2024]


@pytest.mark.parametrize("call, field", [
    (lambda: fund.series("employee_fund.nope"), "name"),
    (lambda: fund.series("nope"), "name"),
    (lambda: fund.figure("employee_fund.income", 1999), "year"),
    (lambda: fund.series("employee_fund.income", release="weekly"), "release"),
    (lambda: fund.account_share(2024, basis="assets"), "basis"),
    (lambda: fund.series("employee_fund.income", area="atlantis"), "area"),
    (lambda: fund.in_service_ratio(2023), "year"),
    (lambda: app_fund.fund_view(1990), "year"),
])
def test_bad_input_is_refused_by_name(call, field):
    with pytest.raises(InvalidInput, match=field):
        call()


# --------------------------------------------------------------------------- the loader refuses
@pytest.fixture
def stats_copy(data_copy):
    fund.clear_cache()
    yield data_copy / "statistics"
    fund.clear_cache()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, key", [
    ("    release: gongbao\n", "    release: kuaibao\n", "release"),
    ("      account_cumulative: 14471.75", "      account_cumulative: 14471.75\n      account_balance: 1", "account_balance"),
    ("      account_cumulative: 14471.75", "      account_cumulative: null", "note"),
    ("of: [account_income, account_spending]", "of: [account_income, account_outgo]", "derived.of"),
    ("  2024-12-31:", "  2024-06-30:", "values"),
    ("      income_growth: 0.035", "      income_growth: 35", "income_growth"),
])
def test_a_broken_statistics_file_is_refused_naming_file_and_key(stats_copy, old, new, key):
    _edit(stats_copy / "national" / "gongbao" / "employee_fund.yaml", old, new)
    with pytest.raises(DataError, match=re.escape(key)) as exc:
        fund.load_statistics()
    assert "employee_fund.yaml" in str(exc.value)


def test_a_quick_report_figure_cannot_hide_in_the_bulletin_folder(stats_copy):
    src = stats_copy / "national" / "kuaibao" / "all_funds.yaml"
    (stats_copy / "national" / "gongbao" / "all_funds.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match="release"):
        fund.load_statistics()


def test_fund_module_holds_no_policy_numbers():
    from .test_no_policy_numbers_in_code import NOT_POLICY
    tree = ast.parse((PACKAGE / "fund.py").read_text(encoding="utf-8"))
    found = [f"fund.py:{n.lineno}: {n.value!r}" for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in NOT_POLICY]
    assert not found, found


# --------------------------------------------------------------------------- charts and app
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_draw_chinese_without_missing_glyph_warnings(lang):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pngs = [share_chart(lang), share_chart(lang, "income"), share_chart(lang, release="kuaibao"),
                hunan_chart(lang), outpatient_chart(lang)]
    assert all(p[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    missing = [w for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[0].message


@pytest.fixture
def app():
    return fund_explorer(year=2024)


def test_the_app_shows_the_2024_share_with_its_numbers(app):
    assert app.error is None
    assert app.result.share.value == fund.account_share_of_employee_fund(2024)
    s = app.sentence.value
    assert "medinsure-sentence" in s and "32.22%" in s and "14,471.75" in s and "30,445.50" in s
    assert "2.63" in s   # 27,491.84 / 10,457.50 = 2.63
    # the three charts are drawn in the browser (bqplot) from the library's numbers
    for chart, cls in ((app.share_chart, "medinsure-share"), (app.hunan_chart, "medinsure-hunan"),
                       (app.outpatient_chart, "medinsure-outpatient")):
        assert cls in chart.figure._dom_classes and chart.data
    assert app.share_chart.data["share"][-1] == app.result.share.value
    assert "2024年全国医疗保障事业发展统计公报" in app.table.value and "DERIVED" in app.table.value


def test_a_year_without_both_figures_says_so(app):
    app.controls["year"].value = 2023
    assert app.error is None and app.result.share is None
    assert "无法计算" in app.sentence.value and "2022 快报" in app.sentence.value


def test_the_release_switch_keeps_sources_apart(app):
    app.controls["release"].value = "kuaibao"
    app.controls["year"].value = 2022
    assert app.result.share.release == "kuaibao" and "38.66%" in app.sentence.value
    assert all(f.release in ("kuaibao", "briefing", "local") for f in app.result.figures)
    app.controls["release"].value = "gongbao"
    assert app.result.share is None


def test_english_leaves_no_chinese_only_text(app):
    app.controls["lang"].value = "en"
    for _, year in app.controls["year"].options:
        app.controls["year"].value = year
        for part in (app.sentence.value, app.table.value):
            assert not CJK.findall(without_original_titles(part)), (year, part[:200])
    app.controls["year"].value = 2024
    assert "personal accounts" in app.sentence.value
    texts = [t for t in widget_texts(app) if t != "中文"]   # the language switch names itself
    assert not chinese_only(texts), chinese_only(texts)[:5]
    for fig in (fund_charts.share_figure("en"), fund_charts.share_figure("en", "spending"),
                fund_charts.hunan_figure("en"), fund_charts.outpatient_figure("en")):
        assert not [t for t in figure_texts(fig) if CJK.search(t)]
    for basis in ("balance", "spending"):
        app.controls["basis"].value = basis
        for chart in (app.share_chart, app.hunan_chart, app.outpatient_chart):   # the live charts' words
            assert not [t for t in chart.texts() if CJK.search(t)], chart.texts()


def test_the_english_check_can_fail(app):
    """Chinese mode has Chinese-only sentences, so the check above is not vacuous."""
    assert chinese_only(widget_texts(app))


def test_invalid_input_shows_a_message_not_a_traceback(app, monkeypatch):
    monkeypatch.setattr(app_fund, "fund_view", lambda *a, **k: (_ for _ in ()).throw(
        InvalidInput("year", 1990, "one of 2020, 2021")))
    app.recompute()
    assert app.result is None and "2020, 2021" in app.error and "year:" not in app.error
    assert "medinsure-error" in app.error_box.value and "Traceback" not in app.error_box.value


def test_key_numbers_and_exercises_come_from_the_library():
    assert key_numbers() == ("account share (balance): 2021 gongbao 39.93%, 2022 kuaibao 38.66%, "
                             "2024 gongbao 32.22%; Hunan 2021 51.39% (printed 51.40%); in-service:retired "
                             "2021 2.80; accounts net 2024 510.18; outpatient uses 2023 3.26")
    text = app_fund.exercises_html(app_fund.EXERCISES)
    for s in ("510.18", "2.80", "51.39%", "37,094.64", "<details>"):
        assert s in text
    assert "2024年全国医疗保障事业发展统计公报" in app_fund.sources_html()


# --------------------------------------------------------------------------- served by Voila
@pytest.fixture(scope="module")
def server():
    from medinsure.site.browser import voila_server
    require_chromium()
    with voila_server() as base:
        yield base


def test_voila_serves_notebook_08_and_switches_to_english(server):
    from medinsure.site.browser import chromium_page
    errors = []
    with chromium_page() as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/voila/render/08-fund-statistics.ipynb", timeout=60000)
        sentence = page.locator(".medinsure-sentence")
        sentence.filter(has_text="32.22%").wait_for(timeout=60000)
        page.get_by_role("button", name="English").first.click()
        sentence.filter(has_text="personal accounts").wait_for(timeout=30000)
        assert page.locator(".medinsure-error").count() == 0
    assert not errors, errors

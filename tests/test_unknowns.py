"""Unknowns in plain words (issue 16, item 2): the calculation names which part of a pooling rule
is missing and, where only the cap is, bounds the payment; the household page says it in one
sentence per unknown with the data's note folded, and the gain curve's frame says when a rule was
not found."""

import re

import numpy as np
import pytest

from medinsure.compare import Inputs, compare
from medinsure.enrollee import Enrollee
from medinsure.outpatient import pooled_reimbursement
from medinsure.rules.regions import region_slugs
from medinsure.views import household as view
from medinsure.views.charts.household import GainCurve
from medinsure.views.charts.household_data import TEXT, curve_data, gain_curve
from medinsure.views.unknowns import POOLING_PART, comparison_unknown_sentence

RETIREE = dict(status="retired", age=68, pension_monthly=4000.0, outpatient_yearly=3000.0)
WORKER = dict(status="in_service", age=40, wage_monthly=8000.0, outpatient_yearly=3000.0)


def _cases():
    for slug in region_slugs():
        for person in (RETIREE, WORKER):
            for day in ("2021-06-01", "2026-01-01"):
                try:
                    yield slug, day, compare(slug, day, Enrollee(**person))
                except ValueError:
                    continue


CASES = list(_cases())
BOUNDED = [(s, d, c) for s, d, c in CASES for u in c.unknown if u.get("at_most") is not None]


def test_some_regions_have_unknown_payments_and_one_is_bounded():
    assert any(c.unknown for _, _, c in CASES)
    assert BOUNDED, "no case where only the cap is missing (广州's 2025 retiree limit was one)"


@pytest.mark.parametrize("slug,day,c", BOUNDED, ids=[f"{s}-{d}" for s, d, _ in BOUNDED])
def test_the_bound_is_what_any_cap_would_leave(slug, day, c):
    """With the cap as the only missing part, the fund pays min(bound, cap) for every cap."""
    from medinsure.compare import compute

    u = next(u for u in c.unknown if u.get("at_most") is not None)
    assert u["parts"] == ("cap",)
    regime = u["field"].rsplit("_", 1)[1]
    p = compute(c.ruleset, Inputs.from_enrollees([c.enrollee]))[f"params_{regime}"]
    bill = np.array([c.enrollee.outpatient_yearly])
    segments = tuple((up, r[:1]) for up, r in p.segments)
    for cap in (0.0, 100.0, u["at_most"] / 2, u["at_most"], 1e9):
        paid = pooled_reimbursement(bill, p.deductible[:1], segments, np.array([cap]),
                                    None if p.ceiling is None else p.ceiling[:1])
        assert float(paid[0]) == pytest.approx(min(u["at_most"], cap))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_unknown_reads_as_one_sentence_without_keys(lang):
    keys = re.compile(r"\b(credit|reimbursement)_(old|new)\b|\b(at_most|parts|scheme|yearly_cap)\b")
    seen = 0
    for slug, day, c in CASES:
        place = c.ruleset.region.name[lang]
        for u in c.unknown:
            text = comparison_unknown_sentence(u, place, c.enrollee.status, lang)
            seen += 1
            assert place in text and not keys.search(text), text
            assert ("未查到" in text) if lang == "zh" else ("not found" in text), text
            for part in u["parts"]:
                if part in POOLING_PART:
                    assert POOLING_PART[part][lang] in text
        page = view.sentence(c, lang, c.ruleset.region.name[lang], c.date) + view.notice_html(c, lang)
        assert "本地区未知" not in page and "not known for this region" not in page
        assert "（（" not in re.sub(r"<[^>]+>", "", page)
    assert seen > 20


def test_the_notes_are_folded_under_details():
    slug, day, c = next((s, d, c) for s, d, c in CASES if c.unknown and c.unknown[0]["note"])
    html = view.notice_html(c, "zh")
    assert html.count("<details class='medinsure-unknown-note'>") == len(c.unknown)
    assert "<summary>详情</summary>" in html


def test_a_bounded_payment_is_said_as_at_most():
    slug, day, c = BOUNDED[0]
    u = next(u for u in c.unknown if u.get("at_most") is not None)
    text = re.sub(r"<[^>]+>", "", view.sentence(c, "zh", c.ruleset.region.name["zh"], c.date))
    assert f"最多报销 {u['at_most']:,.2f} 元" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_curve_frame_says_when_the_gain_cannot_be_drawn(lang):
    from medinsure.views.charts.live import LiveCurve

    slug, day, c = next((s, d, c) for s, d, c in CASES if c.resources_gain is None
                        and np.isnan(gain_curve(c)[1]).all())
    spend, gain = gain_curve(c)
    data = curve_data(spend, gain, (c.enrollee.outpatient_yearly, None), None)
    assert data["unknown"] == "all"
    live = LiveCurve(lang)
    live.update(data, lang)
    assert TEXT["curve_unknown_all"][lang] in live.texts()
    chart = GainCurve(lang)
    chart.update(spend, gain, (c.enrollee.outpatient_yearly, None), None, lang=lang)
    assert chart.unknown_label.get_text() == TEXT["curve_unknown_all"][lang]
    # and a known curve says nothing
    ok = compare("wuhan", "2026-01-01", Enrollee(**WORKER))
    spend, gain = gain_curve(ok)
    live.update(curve_data(spend, gain, (3000.0, None), ok.break_even_outpatient), lang)
    assert TEXT["curve_unknown_all"][lang] not in live.texts()

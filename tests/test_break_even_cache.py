"""The break-even is remembered across bills (issue 12: a bill move does not recompute it) and
equals the uncached answer for every region, status and bill; a data reload forgets it."""

import importlib

import pytest

from medinsure import Enrollee, InvalidInput, compare
from medinsure.compare import Inputs, break_even
from medinsure.rules import load_region, region_slugs, rules_for

compare_module = importlib.import_module("medinsure.compare")  # the module, not the function

DAY = "2026-12-01"
BILLS = (0.0, 80.0, 950.0, 2160.0, 7150.0, 60_000.0)


def people(bill: float) -> list[Enrollee]:
    return [
        Enrollee(status="in_service", age=30, wage_monthly=8000.0, outpatient_yearly=bill,
                 level="primary", visits_yearly=6),
        Enrollee(status="in_service", age=50, wage_monthly=4000.0, outpatient_yearly=bill,
                 level="tertiary", visits_yearly=6),
        Enrollee(status="retired", age=68, pension_monthly=4166.67, outpatient_yearly=bill,
                 level="tertiary", retirement_year=2015, visits_yearly=12),
        Enrollee(status="retired", age=80, pension_monthly=2500.0, outpatient_yearly=bill,
                 level="secondary", retirement_year=2005, visits_yearly=20),
    ]


def test_cached_break_even_equals_the_uncached_one_for_every_region_and_bill():
    compare_module._BREAK_EVEN_CACHE.clear()
    checked = found = 0
    for slug in region_slugs():
        for i in range(4):
            for bill in BILLS:
                e = people(bill)[i]
                try:
                    c = compare(slug, DAY, e)
                except InvalidInput:
                    continue
                uncached = break_even(rules_for(slug, DAY), Inputs.from_enrollees([e]))
                assert (c.break_even_status, c.break_even_outpatient) == uncached, (slug, i, bill)
                checked += 1
                found += uncached[0] == "found"
    assert checked > 300 and found > 50  # the check covered many regions, most with a break-even


def test_a_bill_move_does_not_recompute_the_break_even(monkeypatch):
    calls = []
    real = compare_module.break_even

    def counting(rs, x):
        calls.append(float(x.outpatient[0]))
        return real(rs, x)

    monkeypatch.setattr(compare_module, "break_even", counting)
    compare_module._BREAK_EVEN_CACHE.clear()
    for bill in (100.0, 2000.0, 7150.0):
        compare("wuhan", "2023-03-01", people(bill)[2])
    assert len(calls) == 1
    compare("wuhan", "2023-03-01", Enrollee(status="retired", age=69, pension_monthly=4166.67,
                                            outpatient_yearly=7150.0, level="tertiary"))
    assert len(calls) == 2  # another age is another person


def test_a_data_reload_forgets_the_break_even(data_copy, monkeypatch):
    calls = []
    real = compare_module.break_even
    monkeypatch.setattr(compare_module, "break_even",
                        lambda rs, x: calls.append(1) or real(rs, x))
    first = compare("wuhan", "2023-03-01", people(500.0)[2])
    load_region.cache_clear()
    assert load_region("wuhan") is not first.ruleset.region
    second = compare("wuhan", "2023-03-01", people(900.0)[2])
    assert len(calls) == 2
    assert second.break_even_outpatient == first.break_even_outpatient


@pytest.mark.parametrize("bill", [0.0, 2160.0, 7150.0])
def test_wuhan_retiree_break_even_stays_2160_at_any_bill(bill):
    # 01's opening case (README): 武汉 retiree 68, tertiary; break-even 2,160 yuan a year
    c = compare("wuhan", DAY, Enrollee(status="retired", age=68, pension_monthly=4166.67,
                                       outpatient_yearly=bill, level="tertiary"))
    assert c.break_even_status == "found" and c.break_even_outpatient == 2160.0

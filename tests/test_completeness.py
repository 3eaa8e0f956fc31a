"""Every region's rule set is complete, or explicitly marked unknown, on every date where any
of its rules starts (and the day before)."""

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import CONCEPTS, load_region, region_slugs, rules_for

PEOPLE = {
    "in_service": Enrollee(status="in_service", age=40, wage_monthly=8000, outpatient_yearly=3000,
                           visits_yearly=12),
    "retired": Enrollee(status="retired", age=72, pension_monthly=4000, outpatient_yearly=3000,
                        retirement_year=2010, visits_yearly=12),
    "flexible": Enrollee(status="flexible", age=40, wage_monthly=6000, outpatient_yearly=3000,
                         visits_yearly=12),
}
MONEY = ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new")


@pytest.mark.parametrize("slug", region_slugs())
def test_every_change_date_has_every_concept_and_every_gap_is_explained(slug):
    region = load_region(slug)
    dates = region.change_dates()
    assert dates, slug
    for day in dates:
        rs = rules_for(slug, day)
        for rules in (rs.old, rs.new):
            for concept in CONCEPTS:
                entry = getattr(rules, concept)
                assert entry.references, f"{slug} {day} {concept}"
        for status, person in PEOPLE.items():
            c = compare(slug, day, person)
            unknown_fields = {u["field"] for u in c.unknown}
            for key in MONEY:
                value = getattr(c, key)
                assert value is not None or key in unknown_fields, f"{slug} {day} {status} {key}"
            for u in c.unknown:
                assert u["note"]["zh"] and u["note"]["en"]


@pytest.mark.parametrize("slug", region_slugs())
def test_region_metadata_is_bilingual_and_dated(slug):
    region = load_region(slug)
    assert region.name["zh"] and region.name["en"]
    assert region.summary["zh"] and region.summary["en"]
    assert region.reform_date is not None or region.reform_note is not None
    assert region.reform_references

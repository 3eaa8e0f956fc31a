"""A page's sources section follows its app: another place or date, other documents."""

from __future__ import annotations

from medinsure.app import flexible, resident


def test_the_resident_sources_follow_the_chosen_place():
    app = resident.resident_explainer()
    box = resident.show_sources(app)
    before = box.value
    others = [v for _, v in app.controls["region"].options if v != app.controls["region"].value]
    app.controls["region"].value = others[0]
    assert box.value != before and "<ol" in box.value
    assert len(resident.show_sources().value) > len(box.value)  # the page's list is the place's only


def test_the_flexible_sources_follow_the_chosen_date():
    app = flexible.flexible_explainer()
    box = flexible.show_sources(app)
    dates = [v for _, v in app.controls["date"].options]
    app.controls["date"].value = dates[-1]
    assert box.value == flexible.show_sources(dates[-1]).value
    app.controls["date"].value = dates[0]
    assert box.value == flexible.show_sources(dates[0]).value
    assert flexible.show_sources(dates[0]).value != flexible.show_sources(dates[-1]).value

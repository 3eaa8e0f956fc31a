"""A date before the first rule on file is said in words on every page: the place and its first
date, never the data file or the region key the library names for the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from medinsure.app.lifecycle import lifecycle_explainer
from medinsure.errors import DateBeforeRules
from medinsure.rules import load_region

from .visitor_text import leaks


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lifecycle_date_before_the_first_rule_names_no_file(lang):
    app = lifecycle_explainer(lang=lang)
    # 湖南's life-cycle rules start 2023-10-01: a mode switch on an earlier day has no rule
    app.controls["event"].value = "mode_switch"
    app.controls["event_date"].value = dt.date(2020, 1, 1)
    assert app.error is not None
    assert "2023-10-01" in app.error
    assert "account_lifecycle" not in app.error and ".yaml" not in app.error
    assert leaks([app.error]) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_date_before_the_region_data_names_the_city(lang):
    app = lifecycle_explainer(lang=lang)  # the projection's rules date is a free date
    first = load_region("xiamen").data_from
    app.controls["region"].value = "xiamen"
    app.controls["date"].value = first - dt.timedelta(days=1)
    assert app.error is not None
    assert load_region("xiamen").name[lang] in app.error and str(first) in app.error
    assert "xiamen" not in app.error
    assert leaks([app.error]) == []


def test_the_library_message_keeps_what_was_asked():
    from medinsure.compare import compare
    from medinsure.enrollee import Enrollee
    with pytest.raises(DateBeforeRules) as info:
        compare("xiamen", "2015-01-01", Enrollee(status="in_service", age=40, wage_monthly=6000.0))
    assert info.value.first == load_region("xiamen").data_from
    assert "xiamen has rules from" in str(info.value)  # the command line's one line is unchanged

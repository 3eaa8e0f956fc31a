"""A date before the first rule on file is said in words on every page: the place and its first
date, never the data file or the region key the library names for the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from medinsure.app.lifecycle import lifecycle_explainer
from medinsure.enrollee import AGE_RANGE, Enrollee
from medinsure.errors import DateBeforeRules, InvalidInput
from medinsure.rules import load_region
from medinsure.views.words import allowed_zh, input_error_text

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


@pytest.mark.parametrize(("make", "said"), [
    (lambda: Enrollee(status="in_service", age=200, wage_monthly=8000), f"{AGE_RANGE[0]} 至 {AGE_RANGE[1]} 岁"),
    (lambda: Enrollee(status="in_service", age=30, wage_monthly=-1), "元"),
    (lambda: Enrollee(status="in_service", age=30, wage_monthly=8000, level="clinic"), "之一"),
])
def test_what_is_allowed_is_said_in_chinese_on_a_chinese_page(make, said):
    """The library says what is allowed in English (for the command line); a Chinese page says the
    ranges, lists and units of it in Chinese, and the English page keeps the library's words."""
    with pytest.raises(InvalidInput) as caught:
        make()
    e = caught.value
    zh = input_error_text(e.field, e.value, e.allowed, "zh")
    assert said in zh and " to " not in zh and "one of" not in zh and "yuan" not in zh
    assert e.allowed in input_error_text(e.field, e.value, e.allowed, "en")


def test_an_allowed_text_of_unknown_shape_is_kept_as_written():
    assert allowed_zh("a lognormal spread of 0 or more") == "a lognormal spread of 0 or more"

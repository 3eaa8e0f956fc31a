"""The controls every app shares, written once: region, rule date, status, age, money, level, language.

Each returns a fresh widget (labels Chinese first, English beside); apps put them in their
``controls`` dict, which tests, share links and the page helpers read by key.
"""

from __future__ import annotations

import ipywidgets as widgets

from medinsure.enrollee import Enrollee
from medinsure.rules import LEVELS, load_region, region_slugs
from medinsure.views import words

DESCRIPTION_WIDTH = "165px"
STATUS_OPTIONS = [("在职 In service", "in_service"), ("退休 Retired", "retired"), ("灵活就业 Flexible", "flexible")]
LANGUAGE_OPTIONS = [("中文 Chinese", "zh"), ("English 英文", "en")]


def wide() -> widgets.Layout:
    """A full-width layout; one per widget (a shared Layout would share its display too)."""
    return widgets.Layout(width="98%")


def style(width: str = DESCRIPTION_WIDTH, **more) -> dict:
    return {"description_width": width, **more}


def region_options(slugs: list[str] | None = None) -> list[tuple[str, str]]:
    """Dropdown options: '武汉市 Wuhan' for every region (or for ``slugs``)."""
    return [(f"{load_region(s).name['zh']} {load_region(s).name['en']}", s) for s in (slugs or region_slugs())]


def region_control(value: str, description: str = "地区 Region", slugs: list[str] | None = None,
                   width: str = DESCRIPTION_WIDTH) -> widgets.Dropdown:
    return widgets.Dropdown(options=region_options(slugs), value=value, description=description,
                            layout=wide(), style=style(width))


def rule_date_control(description: str = "施行规则 Rules from", width: str = DESCRIPTION_WIDTH) -> widgets.Dropdown:
    """The rules-in-force dropdown; the app fills its options from the region's rule dates."""
    return widgets.Dropdown(description=description, layout=wide(), style=style(width))


def status_control(value: str, options: list[tuple[str, str]] | None = None,
                   width: str = DESCRIPTION_WIDTH) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=options or STATUS_OPTIONS, value=value, description="身份 Status",
                                 style=style(width, button_width="auto"))


def age_control(value: int, lo: int, hi: int, description: str = "年龄 Age",
                width: str = DESCRIPTION_WIDTH) -> widgets.IntSlider:
    return widgets.IntSlider(value=value, min=lo, max=hi, description=description,
                             continuous_update=False, layout=wide(), style=style(width))


def whole_control(description: str, value: int, lo: int, hi: int, width: str = DESCRIPTION_WIDTH) -> widgets.IntSlider:
    """A whole-number slider (years, visits)."""
    return age_control(value, lo, hi, description, width)


def money_control(description: str, value: float, lo: float, hi: float, step: float = 50,
                  width: str = DESCRIPTION_WIDTH) -> widgets.FloatSlider:
    """A yuan amount, shown as 1,234.00."""
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               readout_format=",.2f", continuous_update=False, layout=wide(), style=style(width))


def level_control(value: str, width: str = DESCRIPTION_WIDTH) -> widgets.Dropdown:
    return widgets.Dropdown(options=[(f"{words.LEVEL[v]['zh']} {words.LEVEL[v]['en']}", v) for v in LEVELS],
                            value=value, description="就医机构 Facility", layout=wide(), style=style(width))


def language_control(value: str, width: str = DESCRIPTION_WIDTH) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=LANGUAGE_OPTIONS, value=value, description="语言 Language",
                                 style=style(width))


# --------------------------------------------------------------------------- the enrollee (issue 11)
def enrollee_from(controls: dict, **more) -> Enrollee:
    """The enrollee of an app's status / age / wage / pension / retirement-year controls: the wage
    for the employed, the pension and retirement year for the retired; ``more``: its other fields
    (``outpatient_yearly=…``, ``level=…``)."""
    status = controls["status"].value
    retired = status == "retired"
    return Enrollee(status=status, age=int(controls["age"].value),
                    wage_monthly=None if retired else float(controls["wage"].value),
                    pension_monthly=float(controls["pension"].value) if retired else None,
                    retirement_year=int(controls["retirement_year"].value) if retired else None, **more)

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
    return with_number_box(widgets.IntSlider(value=value, min=lo, max=hi, description=description,
                                             continuous_update=False, layout=wide(), style=style(width)))


def whole_control(description: str, value: int, lo: int, hi: int, width: str = DESCRIPTION_WIDTH) -> widgets.IntSlider:
    """A whole-number slider (years, visits)."""
    return age_control(value, lo, hi, description, width)


def money_control(description: str, value: float, lo: float, hi: float, step: float = 50,
                  width: str = DESCRIPTION_WIDTH) -> widgets.FloatSlider:
    """A yuan amount, shown as 1,234.00."""
    return with_number_box(widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                                               readout_format=",.2f", continuous_update=False, layout=wide(),
                                               style=style(width)))


def level_options() -> list[tuple[str, str]]:
    """Dropdown options: '基层/一级 primary / level 1' for every facility level."""
    return [(f"{words.LEVEL_SHORT[v]['zh']} {words.LEVEL_SHORT[v]['en']}", v) for v in LEVELS]


def level_control(value: str, width: str = DESCRIPTION_WIDTH) -> widgets.Dropdown:
    return widgets.Dropdown(options=level_options(),
                            value=value, description="就医机构 Facility", layout=wide(), style=style(width))


def language_control(value: str, width: str = DESCRIPTION_WIDTH) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=LANGUAGE_OPTIONS, value=value, description="语言 Language",
                                 style=style(width))


# --------------------------------------------------------------------------- layout (issue 13)
class _MovesItsSlider:
    """A number box that moves its slider in the kernel when the browser sends it a value. The
    browser's link sends the box's value before the slider's own message (one move, two messages);
    the app then answers the first one, as if the slider's message had come (``set_state``: the
    slider's echo, no update sent back to a browser that already shows the value)."""

    slider = None

    def set_state(self, sync_data):
        super().set_state(sync_data)
        if self.slider is not None and "value" in sync_data and self.slider.value != self.value:
            self.slider.set_state({"value": self.value})


class _IntBox(_MovesItsSlider, widgets.BoundedIntText):
    pass


class _FloatBox(_MovesItsSlider, widgets.BoundedFloatText):
    pass


def with_number_box(slider: widgets.IntSlider | widgets.FloatSlider):
    """``slider`` with a labelled number box beside it (``slider.number_box``), linked in the browser
    (typing 4166.67 is quicker than dragging a 1,000-step slider); the slider stays the control
    apps, tests and share links read. :func:`columns` puts the box beside its slider."""
    kind = _IntBox if isinstance(slider, widgets.IntSlider) else _FloatBox
    box = kind(value=slider.value, min=slider.min, max=slider.max, step=slider.step,
               tooltip=slider.description, layout=widgets.Layout(width="110px"))
    box.add_class("medinsure-number")
    for name in ("min", "max"):  # an app narrows a range (pension, age) in Python; the box follows
        widgets.dlink((slider, name), (box, name))
    widgets.jslink((slider, "value"), (box, "value"))
    for name in ("display", "visibility"):  # an app hides a slider (the wage of a retiree): its box too
        widgets.dlink((slider.layout, name), (box.layout, name))
    slider.readout = False
    slider.number_box = box
    box.slider = slider
    return slider


def _shown(widget):
    """What a page shows for ``widget``: a slider with its number box, or the widget itself."""
    box = getattr(widget, "number_box", None)
    if box is None and isinstance(widget, (widgets.IntSlider, widgets.FloatSlider)) \
            and "%" not in (widget.readout_format or ""):  # an app's own money / age / year slider
        box = with_number_box(widget).number_box
    if box is None:
        return widget
    row = widgets.HBox([widget, box])
    row.add_class("medinsure-slider-row")
    return row


def control_column(children, **layout) -> widgets.VBox:
    """A column of controls: full width on a phone, a fixed column beside the outputs on a wide
    screen (class ``medinsure-controls``); sliders get their number boxes."""
    column = widgets.VBox([_shown(w) for w in children], layout=widgets.Layout(**layout))
    column.add_class("medinsure-controls")
    return column


def columns(left, right) -> widgets.HBox:
    """Controls beside outputs on a wide screen, one above the other on a phone (the row wraps:
    classes ``medinsure-columns`` / ``medinsure-controls`` / ``medinsure-outputs`` of medinsure.css)."""
    if "medinsure-controls" not in left._dom_classes:
        left.children = tuple(_shown(w) for w in left.children)
        left.add_class("medinsure-controls")
    right.add_class("medinsure-outputs")
    row = widgets.HBox([left, right])
    row.add_class("medinsure-columns")
    return row


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

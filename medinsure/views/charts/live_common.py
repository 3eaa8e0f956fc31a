"""What every chart drawn in the browser (bqplot) shares: sending only what changed, NaN-free
arrays, the figure's size and margins.

A live chart keeps bqplot marks and sets their data on each update; the browser draws them with
its own fonts. No matplotlib here: the exports (``export_chart``) import it only when asked.
"""

from __future__ import annotations

import math

import bqplot as bq
import numpy as np

LAYOUT = {"width": "100%", "height": "360px"}
MARGIN = {"top": 50, "bottom": 60, "left": 80, "right": 36}  # right: room for the last x tick's label
# bqplot sizes the legend box by character count in em, too narrow for Chinese labels: no box
LEGEND = {"legend_style": {"stroke": "none", "fill": "none"}, "legend_text": {"fill": "#333333", "font-size": "12px"}}
TITLE_STYLE = {"font-size": "13px"}


def set_changed(widget, **values) -> None:
    """Set only the traits whose value changed, in one message for the widget."""
    changed = {}
    for k, v in values.items():
        old = getattr(widget, k)
        if isinstance(v, np.ndarray) or isinstance(old, np.ndarray):
            a, b = np.asarray(old), np.asarray(v)
            same = a.shape == b.shape and a.dtype.kind == b.dtype.kind and np.array_equal(
                a, b, equal_nan=a.dtype.kind == "f")
        else:
            same = old == v
        if not same:
            changed[k] = v
    if changed:
        with widget.hold_sync():
            for k, v in changed.items():
                setattr(widget, k, v)


def clean(values) -> np.ndarray:
    """Floats with None/NaN as 0 (bars cannot draw a gap; say 'not found' in a label instead)."""
    return np.array([0.0 if v is None or math.isnan(v) else float(v) for v in values])


def legend(font_size: str = "12px") -> dict:
    """A figure's legend settings: text only, no box (see LEGEND)."""
    return {"legend_style": dict(LEGEND["legend_style"]), "legend_text": {**LEGEND["legend_text"], "font-size": font_size}}


def figure(marks: list, axes: list, css_class: str, *, height: str = "360px", margin: dict | None = None,
           **kwargs) -> bq.Figure:
    """A bqplot figure with the project's size, margins and title style, and a CSS class that
    browser tests and the stylesheet find it by."""
    fig = bq.Figure(marks=marks, axes=axes, fig_margin=dict(margin or MARGIN), title_style=dict(TITLE_STYLE),
                    layout={**LAYOUT, "height": height}, animation_duration=0, **kwargs)
    fig.add_class(css_class)
    return fig

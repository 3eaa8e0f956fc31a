"""What every page's figures share: colours, figure set-up, PNG encoding, nice limits, blitting.

No pyplot: figures are drawn with the Agg canvas, so the same code runs in a Voila kernel, a
test and a script. Chinese text uses the font shipped in the package (``medinsure.views.fonts``).
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from medinsure.views.charts.common import (  # noqa: F401  (re-exported for the chart modules)
    GAIN_COLOUR,
    LOSS_COLOUR,
    NEW_COLOUR,
    OLD_COLOUR,
    OTHER_COLOURS,
    as_float,
    nice_limit,
    sticky_limits,
)
from medinsure.views.fonts import register_cjk_font


def _setup_figure(width: float, height: float) -> Figure:
    register_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png(fig: Figure) -> bytes:
    """Render a whole figure to PNG (exports, tests)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def _encode(canvas: FigureCanvasAgg) -> bytes:
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


class BlittedChart:
    """A figure whose static part (axes, ticks, titles, legend) is drawn once and cached;
    each update redraws only the moving artists on top of it. The cache is rebuilt when the
    static part changes (limits, language, legend). A slider step then costs a few ms instead
    of a full draw (benchmarks/app_update.py)."""

    def __init__(self, width: float, height: float) -> None:
        self.fig = _setup_figure(width, height)
        self.canvas = self.fig.canvas
        self._background = None
        self._static_key: tuple | None = None
        self._laid_out = False
        self.dynamic: list = []

    def _animate(self, *artists) -> None:
        for a in artists:
            a.set_animated(True)
            self.dynamic.append(a)

    def _render(self, static_key: tuple) -> bytes:
        if static_key != self._static_key or self._background is None:
            if not self._laid_out:
                self.canvas.draw()  # constrained layout places the axes once
                self.fig.set_layout_engine("none")
                self._laid_out = True
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._static_key = static_key
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for a in self.dynamic:
            if a.get_visible():
                a.draw(renderer)
        return _encode(self.canvas)

    def relayout(self) -> None:
        """Lay the figure out again at the next render (e.g. after the language changed)."""
        from matplotlib.layout_engine import ConstrainedLayoutEngine
        self.fig.set_layout_engine(ConstrainedLayoutEngine())
        self._laid_out = False
        self._static_key = None

    def export(self, fmt: str = "png", footer: str | None = None) -> bytes:
        """The whole figure, moving artists included, as PNG or SVG; ``footer`` (rule date and
        sources) is drawn under the axes."""
        from medinsure.views.exports import figure_bytes

        for a in self.dynamic:
            a.set_animated(False)
        try:
            if footer is None:
                buf = io.BytesIO()
                self.fig.savefig(buf, format=fmt)
                return buf.getvalue()
            return figure_bytes(self.fig, fmt, footer)
        finally:
            for a in self.dynamic:
                a.set_animated(True)
            self._static_key = None  # the next update redraws the cached background

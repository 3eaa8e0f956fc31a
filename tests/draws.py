"""Count matplotlib draws (canvas draws and savefig) while a test moves an app's controls."""

from __future__ import annotations

import contextlib

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


@contextlib.contextmanager
def counting_draws(monkeypatch):
    """Yield a list that gets one entry per matplotlib draw or savefig inside the block."""
    draws: list[str] = []
    real_draw, real_save = FigureCanvasAgg.draw, Figure.savefig
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: draws.append("draw") or real_draw(self, *a, **k))
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: draws.append("save") or real_save(self, *a, **k))
    yield draws

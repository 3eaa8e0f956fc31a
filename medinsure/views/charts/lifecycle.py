"""The life-cycle page's figure: the year-end balance, old vs new credit."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from medinsure.lifecycle import Projection
from medinsure.views.charts.base import LOSS_COLOUR, NEW_COLOUR, OLD_COLOUR, png
from medinsure.views.charts.live_lifecycle import unknown_note
from medinsure.views.fonts import register_cjk_font
from medinsure.views.lifecycle import TXT


class BalanceChart:
    """Year-end balance, old vs new credit, with what the account cannot pay (new) as bars."""

    def __init__(self) -> None:
        register_cjk_font()
        self.fig = Figure(figsize=(7.2, 3.8), dpi=100, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot()

    def update(self, p: Projection, lang: str) -> bytes:
        """Draw ``p`` and return the PNG."""
        self.draw(p, lang)
        return png(self.fig)

    def draw(self, p: Projection, lang: str) -> None:
        """Draw ``p`` (no rendering: the export renders, with its footer)."""
        t = {k: v[lang] for k, v in TXT.items()}
        ax = self.ax
        ax.clear()
        ax.spines[["top", "right"]].set_visible(False)
        xs = np.r_[p.years[0] - 1, p.years]
        drawn = False
        for regime, col in (("old", OLD_COLOUR), ("new", NEW_COLOUR)):
            b = getattr(p, f"balance_{regime}")
            if b is not None:
                ax.plot(xs, b, color=col, lw=2, marker="o", ms=3, label=t[regime])
                drawn = True
        if p.unpaid_new is not None and any(u > 0.005 for u in p.unpaid_new):
            ax.bar(p.years, [-u for u in p.unpaid_new], 0.6, color=LOSS_COLOUR, alpha=0.5, label=t["short"])
            ax.axhline(0, color="black", lw=0.6)
        if p.balance_old is None:
            ax.text(0.02, 0.04, unknown_note("old", lang), transform=ax.transAxes, fontsize=9, color=OLD_COLOUR)
        if p.balance_new is None:
            ax.text(0.02, 0.11, unknown_note("new", lang), transform=ax.transAxes, fontsize=9, color=NEW_COLOUR)
        ax.set_title(t["chart"], fontsize=10)
        ax.set_xlabel(t["year_end"], fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize=8)
        if drawn:
            ax.legend(fontsize=8, frameon=False, loc="best")
        else:
            ax.set_yticks([])  # no scale without a value
        self.data = {"years": list(xs), "old": p.balance_old, "new": p.balance_new, "unpaid_new": p.unpaid_new}

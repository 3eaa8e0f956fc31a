"""The family mutual-aid page's figure: what the account pays each year and the balance."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from medinsure.family import FamilyPlan
from medinsure.views.charts.base import NEW_COLOUR, OLD_COLOUR, png
from medinsure.views.charts.live_family import old_unknown
from medinsure.views.family import TXT
from medinsure.views.fonts import register_cjk_font


class FamilyChart:
    """Left: what the account pays each year (old vs new) against the payable costs; right:
    the balance at each year end."""

    def __init__(self) -> None:
        register_cjk_font()
        self.fig = Figure(figsize=(9.6, 3.6), dpi=100, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.ax_paid, self.ax_bal = self.fig.subplots(1, 2)

    def update(self, p: FamilyPlan, lang: str) -> bytes:
        """Draw ``p`` and return the PNG."""
        self.draw(p, lang)
        return png(self.fig)

    def draw(self, p: FamilyPlan, lang: str) -> None:
        """Draw ``p`` (no rendering: the export renders, with its footer)."""
        t = {k: v[lang] for k, v in TXT.items()}
        for ax in (self.ax_paid, self.ax_bal):
            ax.clear()
            ax.spines[["top", "right"]].set_visible(False)
        scen = [(s, col, t[s.regime]) for s, col in ((p.old, OLD_COLOUR), (p.new, NEW_COLOUR)) if s is not None]
        years = [y.year for y in (p.new or p.old).years] if scen else []
        x = np.arange(len(years))
        for k, (s, col, lab) in enumerate(scen):
            off = (k - (len(scen) - 1) / 2) * 0.38
            self.ax_paid.bar(x + off, [y.paid for y in s.years], 0.36, color=col, label=lab)
            need = [y.need - y.not_allowed for y in s.years]
            self.ax_paid.step(np.r_[x - 0.5, x[-1] + 0.5] if len(x) else [], need + need[-1:] if need else [],
                              where="post", color=col, lw=1.2, ls="--",
                              label=f"{t['allowed_need']}（{lab}）" if lang == "zh" else f"{t['allowed_need']} ({lab})")
            self.ax_bal.plot(np.r_[years[0] - 1, years] if years else [], [s.years[0].start] + [y.end for y in s.years],
                             color=col, lw=2, marker="o", ms=3, label=lab)
        if not scen:
            for ax in (self.ax_paid, self.ax_bal):
                ax.set_xticks([])
                ax.set_yticks([])
                ax.text(0.5, 0.5, t["cannot"], ha="center", va="center", transform=ax.transAxes,
                        fontsize=10, color="#555")
        elif p.old is None:
            self.ax_bal.text(0.02, 0.04, old_unknown(lang), transform=self.ax_bal.transAxes,
                             fontsize=9, color=OLD_COLOUR)
        self.ax_paid.set_title(t["chart_left"], fontsize=10)
        self.ax_bal.set_title(t["chart_right"], fontsize=10)
        if scen:
            self.ax_paid.set_xticks(x, [str(y) for y in years], fontsize=8)
            self.ax_bal.set_ylim(bottom=0)
            self.ax_bal.xaxis.set_major_locator(MaxNLocator(integer=True))
            self.ax_bal.set_xlabel(t["year_end"], fontsize=8)
            self.ax_paid.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
            self.ax_bal.legend(fontsize=7, frameon=False, loc="best")
        for ax in (self.ax_paid, self.ax_bal):
            ax.tick_params(labelsize=8)
        self.data = {"years": years, **{s.regime: {"paid": [y.paid for y in s.years],
                                                   "allowed": [y.need - y.not_allowed for y in s.years],
                                                   "end": [y.end for y in s.years]} for s, _, _ in scen}}

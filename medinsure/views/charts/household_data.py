"""The household charts' numbers and words, without matplotlib: what the live (browser-drawn)
charts and the exported figures both show (``views/charts/household.py`` draws the exports,
``views/charts/live.py`` the live charts)."""

from __future__ import annotations

import math

import numpy as np

from medinsure.compare import Comparison, Inputs, resources_gain_curve
from medinsure.views.charts.common import as_float, nice_limit, sticky_limits

TEXT = {
    "bars_title": {"zh": "个人账户划入与门诊统筹报销（元/年）",
                   "en": "Account credit and outpatient reimbursement (yuan/year)"},
    "credit": {"zh": "账户划入", "en": "Account credit"},  # short: three labels share a narrow axis
    "reimbursement": {"zh": "统筹报销", "en": "Reimbursed"},
    "total": {"zh": "合计", "en": "Total"},
    "old": {"zh": "改革前", "en": "Before"},
    "new": {"zh": "改革后", "en": "After"},
    "unknown": {"zh": "未知", "en": "n/k"},
    "not_found": {"zh": "未查到", "en": "not found"},
    "curve_title": {"zh": "每年资源增减随门诊费用变化（新−旧，元/年）",
                    "en": "Yearly gain vs outpatient spending (new − old, yuan/yr)"},
    "x": {"zh": "每年政策范围内门诊费用（元）", "en": "Yearly in-scope outpatient spending (yuan)"},
    "y": {"zh": "资源增减（元/年）", "en": "Gain (yuan/year)"},
    "you": {"zh": "当前", "en": "you"},
    "break_even": {"zh": "回本点", "en": "break-even"},
    # said in the curve's frame when a rule it needs was not found (views/unknowns.py names it)
    "curve_unknown_all": {"zh": "有规则未查到，曲线无法画出", "en": "A rule was not found: no curve"},
    "curve_unknown_part": {"zh": "有规则未查到处不画", "en": "Not drawn where a rule was not found"},
}


def curve_unknown(gain: np.ndarray) -> str | None:
    """'all' where no point of the gain curve is known, 'part' where some are not, else None."""
    missing = np.isnan(np.asarray(gain, dtype=float))
    return "all" if missing.all() else "part" if missing.any() else None


# The gain curve's x axis: display settings, not policy (the app and the case page share them).
CURVE_POINTS = 241
_CURVE_MIN_TOP = 10000.0  # yuan/year: the axis reaches at least this far


def curve_grid(outpatient: float, break_even: float | None) -> np.ndarray:
    """Yearly spending [yuan] at which the gain curve is drawn: from 0 past the current bill and
    the break-even, to a round number."""
    return np.linspace(0.0, curve_grid_top(outpatient, break_even), CURVE_POINTS)


def curve_grid_top(outpatient: float, break_even: float | None) -> float:
    """The gain curve's last spending [yuan/year]: a round number past the bill and break-even."""
    return nice_limit(max(_CURVE_MIN_TOP, outpatient * 1.5, (break_even or 0) * 1.3))


def gain_curve(c: Comparison) -> tuple[np.ndarray, np.ndarray]:
    """(spending grid, resources gain there) for the comparison's enrollee [yuan/year]."""
    grid = curve_grid(c.enrollee.outpatient_yearly, c.break_even_outpatient)
    return grid, resources_gain_curve(c.ruleset, Inputs.from_enrollees([c.enrollee]), grid)


def bars_data(credit_old, credit_new, reimb_old, reimb_new, lang: str,
              ylim: tuple[float, float] | None = None) -> dict:
    """Old and new credit, reimbursement and total [yuan/year] (NaN where unknown), with the
    y limits (sticky: kept from ``ylim`` while the bars fit them)."""
    olds = [as_float(credit_old), as_float(reimb_old), as_float(credit_old) + as_float(reimb_old)]
    news = [as_float(credit_new), as_float(reimb_new), as_float(credit_new) + as_float(reimb_new)]
    top = max([v for v in olds + news if not math.isnan(v)] + [1.0])
    return {"categories": [TEXT[k][lang] for k in ("credit", "reimbursement", "total")],
            "old": olds, "new": news, "ylim": sticky_limits(ylim, 0.0, top * 1.2)}


def curve_data(spending: np.ndarray, gain: np.ndarray, current: tuple[float, float | None],
               break_even: float | None, others=(), main_label: str = "",
               ylim: tuple[float, float] | None = None) -> dict:
    """The gain curve (and other statuses' curves), current spending and break-even, with the
    y limits (sticky) and x limits."""
    all_y = [g for g in [gain, *[o[1] for o in others]] if np.isfinite(g).any()]
    lo = min([float(np.nanmin(g)) for g in all_y] + [0.0])
    hi = max([float(np.nanmax(g)) for g in all_y] + [0.0])
    pad = max((hi - lo) * 0.12, 50.0)
    return {"spending": spending, "gain": gain, "others": list(others), "current": current,
            "break_even": break_even, "main_label": main_label, "unknown": curve_unknown(gain),
            "ylim": sticky_limits(ylim, lo - pad, hi + pad), "xlim": (0.0, float(spending[-1]))}

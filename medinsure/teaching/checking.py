"""The kinds of exercise, how a typed answer is read and judged, and the options of a prediction:
the exercise widgets' rules without the widgets (medinsure.app.exercise draws them).

Every expected answer is computed when asked for (a callable into the library), never stored here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from medinsure.compare import Comparison

PREDICTIONS = {
    "higher": {"zh": "更高", "en": "higher"},
    "lower": {"zh": "更低", "en": "lower"},
    "same": {"zh": "不变", "en": "the same"},
}
"""The default options of a predict-then-check exercise: key -> ``{zh, en}``."""

_UNIT_WORDS = re.compile(r"(¥|￥|rmb|cny)?(元|yuan|rmb|cny)?(/?(每)?(年|月|year|month|yr|mo|a year|a month))?",
                         re.IGNORECASE)
_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)")


def parse_number(text: object) -> float:
    """Read a typed answer: ``"2,067.70 元"`` -> 2067.7.

    Full-width digits and punctuation from a Chinese input method, thousands separators, the
    minus sign ``−`` and a trailing unit (元, 元/年, yuan a year) are accepted.

    Raises
    ------
    ValueError
        When no number can be read.
    """
    s = unicodedata.normalize("NFKC", str(text)).strip()
    s = s.replace("\u2212", "-").replace(",", "").replace(" ", "").replace("\u3000", "")
    m = _NUMBER.fullmatch(s.lstrip("¥￥"))
    if not m or not _UNIT_WORDS.fullmatch(m.group(2)):
        raise ValueError(f"not a number: {text!r}")
    value = float(m.group(1))
    if not math.isfinite(value):
        raise ValueError(f"not a number: {text!r}")
    return value


def expected_value(v: float | None) -> float | None:
    """An expected answer as the checker compares it: rounded to the fen; None (or NaN) = not known."""
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 2)


def judge(given: float, expected: float | None, tolerance: float) -> dict:
    """``{"given", "expected", "difference", "correct"}`` for a typed number [in the question's unit].

    ``expected`` None (the data does not know it) is never correct and has no difference.
    """
    if expected is None:
        return {"given": given, "expected": None, "difference": None, "correct": False}
    diff = round(given - expected, 2)
    ok = abs(given - expected) <= tolerance + 1e-9
    return {"given": given, "expected": expected, "difference": diff, "correct": ok}


def share_off(result: dict) -> str | None:
    """How far a wrong answer is off, as a percentage of the answer ("3", "0.4"); None when the
    answer is zero or not known."""
    if not result["expected"]:
        return None
    share = abs(result["difference"]) / abs(result["expected"]) * 100
    return f"{share:.0f}" if share >= 1 else f"{share:.1f}"


# --------------------------------------------------------------------------- kinds of exercise
class Case(Protocol):
    """What an exercise needs of a case (medinsure.teaching.workshop.Case): its numbers and its name."""

    def comparison(self) -> Comparison: ...

    def label(self, lang: str) -> str: ...


@dataclass(frozen=True)
class NumberExercise:
    """Type a number; the widget checks it against ``answer()``."""

    key: str
    question: dict
    unit: str
    answer: Callable[[], float | None]
    cases: tuple[Case, ...]
    steps: tuple[tuple[Case, tuple[str, ...]], ...]
    how: dict
    tolerance: float = 0.01
    kind: str = field(default="number", init=False)


@dataclass(frozen=True)
class PredictExercise:
    """Predict higher / lower / same for ``metric`` when ``base`` becomes ``changed``."""

    key: str
    question: dict
    metric: str
    base: Case
    changed: Case
    why: dict
    kind: str = field(default="predict", init=False)

    @property
    def cases(self) -> tuple[Case, ...]:
        return (self.base, self.changed)


@dataclass(frozen=True)
class UnknownExercise:
    """"What does the tool say and why can it not say more?" for one case."""

    key: str
    question: dict
    case: Case
    discussion: dict
    kind: str = field(default="unknown", init=False)

    @property
    def cases(self) -> tuple[Case, ...]:
        return (self.case,)


Exercise = NumberExercise | PredictExercise | UnknownExercise

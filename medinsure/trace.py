"""The explanation trace: a list of steps, each with its value, the terms of its formula and sources.

A step carries numbers and rule pieces (``terms``), never words: the views put it in words
(``views/trace_text.py`` for the employee comparison, ``views/resident.py`` for resident insurance).
"""

from __future__ import annotations

from dataclasses import dataclass

from medinsure.rules import Entry, Reference, unique_references


@dataclass(frozen=True)
class Step:
    """One step of a calculation.

    ``terms`` are the numbers and rule pieces its formula needs. ``sources`` names the data
    entries used ("data/…/file.yaml@YYYY-MM-DD"), or the keys of earlier steps for a step that
    combines them; ``references`` are the documents behind it.
    """

    key: str
    value: float | None
    unit: str
    terms: dict
    references: tuple[Reference, ...]
    sources: tuple[str, ...]


def step_from_entries(key: str, value: float | None, unit: str, terms: dict, *entries: Entry) -> Step:
    refs = unique_references(r for e in entries for r in e.references)
    return Step(key, value, unit, terms, tuple(refs), tuple(e.where for e in entries))


def step_from_steps(key: str, value: float | None, unit: str, terms: dict, *steps: Step) -> Step:
    refs = unique_references(r for s in steps for r in s.references)
    return Step(key, value, unit, terms, tuple(refs), tuple(s.key for s in steps))

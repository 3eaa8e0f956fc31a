"""The explanation trace: a list of steps, each with its value, the terms of its formula and sources.

A step carries numbers and rule pieces (``terms``), never words: ``views/trace_text.py``
renders its label and formula in Chinese or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from medinsure.rules import Entry, Reference, unique_references


@dataclass(frozen=True)
class Step:
    """One step of a calculation.

    ``sources`` names the data entries used ("data/…/file.yaml@YYYY-MM-DD"), or the keys of
    earlier steps for a step that combines them; ``references`` are the documents behind it.
    ``label`` and ``formula`` ({zh, en}) remain only for topics whose trace still carries words
    (resident insurance); the employee comparison's steps carry ``terms`` instead.
    """

    key: str
    value: float | None
    unit: str
    references: tuple[Reference, ...]
    sources: tuple[str, ...]
    terms: dict = field(default_factory=dict)
    label: dict | None = None
    formula: dict | None = None


def step_from_entries(key: str, label: dict | None, value: float | None, unit: str, formula: dict | None,
                      *entries: Entry, terms: dict | None = None) -> Step:
    refs = unique_references(r for e in entries for r in e.references)
    return Step(key, value, unit, tuple(refs), tuple(e.where for e in entries), terms or {}, label, formula)


def step_from_steps(key: str, label: dict | None, value: float | None, unit: str, formula: dict | None,
                    *steps: Step, terms: dict | None = None) -> Step:
    refs = unique_references(r for s in steps for r in s.references)
    return Step(key, value, unit, tuple(refs), tuple(s.key for s in steps), terms or {}, label, formula)

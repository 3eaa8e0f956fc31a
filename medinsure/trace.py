"""The explanation trace: a list of steps, each with its value, formula and sources."""

from __future__ import annotations

from dataclasses import dataclass

from medinsure.rules import Entry, Reference, unique_references


@dataclass(frozen=True)
class Step:
    """One step of a calculation.

    ``sources`` names the data entries used ("data/…/file.yaml@YYYY-MM-DD"), or the keys of
    earlier steps for a step that combines them; ``references`` are the documents behind it.
    """

    key: str
    label: dict
    value: float | None
    unit: str
    formula: dict
    references: tuple[Reference, ...]
    sources: tuple[str, ...]

    def to_dict(self, lang: str | None = None) -> dict:
        d = {"key": self.key, "value": self.value, "unit": self.unit,
             "label": self.label if lang is None else self.label[lang],
             "formula": self.formula if lang is None else self.formula[lang],
             "sources": list(self.sources),
             "references": [r.to_dict() for r in self.references]}
        return d


def step_from_entries(key: str, label: dict, value: float | None, unit: str, formula: dict,
                      *entries: Entry) -> Step:
    refs = unique_references(r for e in entries for r in e.references)
    return Step(key, label, value, unit, formula, tuple(refs), tuple(e.where for e in entries))


def step_from_steps(key: str, label: dict, value: float | None, unit: str, formula: dict,
                    *steps: Step) -> Step:
    refs = unique_references(r for s in steps for r in s.references)
    return Step(key, label, value, unit, formula, tuple(refs), tuple(s.key for s in steps))

"""Documents cited that are neither rules nor statistics: the seed texts, and English names.

``data/sources/documents.yaml`` (concept ``documents``) lists the seed texts the myths page quotes,
each a cited reference with its English name, and English names for the (Chinese) titles of
documents cited elsewhere in ``data/``. It loads through :func:`load_parameter_file`; the latest
dated entry is the one in use::

    documents:
      seed_004: {ref: 2, title_en: "Hunan provincial level: …"}   # ref: index into the references
    titles_en:
      武汉市职工基本医疗保险门诊共济保障实施细则: "Wuhan: implementing rules …"   # matches a title's start
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from medinsure.errors import DataError, InvalidInput
from medinsure.rules.files import (
    Reference,
    ValidationContext,
    check_keys,
    data_dir,
    load_parameter_file,
    register_concept,
)

CONCEPT = "documents"


def _text(ctx: ValidationContext, key: str, v: object) -> None:
    if not isinstance(v, str) or not v.strip():
        raise ctx.fail(key, "must be non-empty text")


def _validate(ctx: ValidationContext, body: dict) -> None:
    check_keys(ctx, "", body, {"documents", "titles_en"}, {"documents"})
    docs = body["documents"]
    if not isinstance(docs, dict) or not docs:
        raise ctx.fail("documents", "must be a non-empty mapping of document keys")
    for key, d in docs.items():
        check_keys(ctx, f"documents.{key}", d, {"ref", "title_en"}, {"ref", "title_en"})
        if isinstance(d["ref"], bool) or not isinstance(d["ref"], int) or d["ref"] < 0:
            raise ctx.fail(f"documents.{key}.ref", f"{d['ref']!r} must be an index (0, 1, …) into the references")
        _text(ctx, f"documents.{key}.title_en", d["title_en"])
    titles = body.get("titles_en", {})
    if not isinstance(titles, dict):
        raise ctx.fail("titles_en", "must map a Chinese title (its beginning) to its English name")
    for zh, en in titles.items():
        _text(ctx, f"titles_en.{zh}", zh)
        _text(ctx, f"titles_en.{zh}", en)


register_concept(CONCEPT, _validate)


@dataclass(frozen=True)
class Document:
    """A cited text that is not a rule or a statistic (a seed text)."""

    key: str
    reference: Reference
    title_en: str
    source: str   # data/sources/documents.yaml@date


def documents_path() -> Path:
    return data_dir() / "sources" / f"{CONCEPT}.yaml"


@cache
def _load(path: str) -> tuple[dict[str, Document], tuple[tuple[str, str], ...]]:
    pf = load_parameter_file(Path(path))
    e = pf.latest
    docs = {}
    for key, d in e["documents"].items():
        if d["ref"] >= len(e.references):
            raise DataError(pf.source, f"documents.{key}.ref", f"there are only {len(e.references)} references", e.date)
        docs[key] = Document(key, e.references[d["ref"]], d["title_en"], e.where)
    titles = tuple((d.reference.title, d.title_en) for d in docs.values())
    return docs, tuple(e.get("titles_en", {}).items()) + titles


def document(key: str) -> Document:
    """One seed text by its key (``seed_000``, …)."""
    docs, _ = _load(str(documents_path()))
    if key not in docs:
        raise InvalidInput("document", key, "one of " + ", ".join(docs))
    return docs[key]


def english_title(title: str) -> str | None:
    """The English name of a document whose Chinese title starts with a listed title; None if none."""
    _, titles = _load(str(documents_path()))
    for zh, en in titles:
        if title.startswith(zh):
            return en
    return None


def clear_cache() -> None:
    _load.cache_clear()

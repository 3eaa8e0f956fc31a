"""Pieces of the typed rule model: strict, frozen pydantic models and their errors as DataError."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from medinsure.rules.files import ValidationContext


class Rule(BaseModel):
    """Base of every rule model: frozen, strict (no "2%" strings, no booleans as numbers), and
    unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


Rate = Annotated[float, Field(ge=0, le=1, description="a share: 0.02 = 2%")]
Amount = Annotated[float, Field(ge=0, description="yuan")]
Year = Annotated[int, Field(ge=0)]


class Bilingual(Rule):
    zh: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


def _loc(loc: tuple, body: Any = None) -> str:
    """A pydantic error location as the key path of the file: ``deductible.retired[0].amount``.
    Union branch names and discriminator tags (``pooled``, ``share_of_base``) are not keys."""
    out, node = "", body
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        text = str(part)
        if isinstance(node, dict) and text not in node and node.get("kind") == text:
            continue  # the discriminator's tag
        if not isinstance(node, dict) or text not in node:
            if any(c in text for c in "[]()") or text in ("str", "float", "int", "none", "list",
                                                          "literal", "function-after", "function-before"):
                continue  # a union branch, not a key
        out += ("." if out else "") + text
        node = node.get(text) if isinstance(node, dict) else None
    return out or "(entry)"


def _message(err: dict, key: str) -> str:
    msg = err["msg"]
    value = err.get("input")
    kind = err["type"]
    if kind == "missing":
        return "missing key"
    if kind == "extra_forbidden":
        return "unknown key"
    last = key.rsplit(".", 1)[-1]
    if kind in ("less_than_equal", "greater_than_equal") and (
            last in ("rate", "factor", "pharmacy", "primary", "secondary", "tertiary")
            or last.endswith("_rate") or "ratio" in key or "beyond_cap" in key):
        return f"rate {value!r} must be a number between 0 and 1 (a share, 0.02 = 2%)"
    if kind == "greater_than_equal":
        return f"amount {value!r} must be a number >= 0 (yuan)"
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return f"{shown}: {msg[0].lower() + msg[1:]}"


def data_error(ctx: ValidationContext, exc: ValidationError, body: Any = None):
    """The most telling error of a pydantic ValidationError, as ctx.fail(key, msg): an unknown key
    first (a misspelt key also shows as a missing one), else the most specific location."""
    errors = exc.errors(include_url=False)
    extra = [e for e in errors if e["type"] == "extra_forbidden"]
    best = extra[0] if extra else max(errors, key=lambda e: len(e["loc"]))
    key = _loc(best["loc"], body)
    return ctx.fail(key, _message(best, key))


def model_validator(model: type[Rule]):
    """A loader validator that parses a dated value into ``model`` (and returns it)."""

    def validate(ctx: ValidationContext, body: dict) -> Any:
        try:
            value = model.model_validate(body)
        except ValidationError as exc:
            raise data_error(ctx, exc, body) from None
        check = getattr(value, "check", None)
        if check is not None:
            check(ctx)
        return value

    validate.model = model  # type: ignore[attr-defined]
    return validate

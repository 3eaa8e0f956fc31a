"""Errors that name what went wrong: the field, the value and what is allowed."""

from __future__ import annotations

import datetime as dt


class InvalidInput(ValueError):
    """An input value outside what medinsure can compute with.

    ``field`` names the input, ``value`` is what was given, ``allowed`` says what is accepted.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {value!r} is not allowed ({allowed})")


class DateBeforeRules(InvalidInput):
    """A rules date before the first rule the data has. ``first`` is that first date and
    ``place`` the place's name ``{zh, en}`` where the caller knows it, so a page can say it in words;
    the message (for the command line) keeps the file or region that was asked."""

    def __init__(self, field: str, value: object, first: dt.date, allowed: str,
                 place: dict[str, str] | None = None) -> None:
        self.first = first
        self.place = place
        super().__init__(field, value, allowed)


class DataError(Exception):
    """A data file in ``data/`` breaks the schema; the message names file, key and date."""

    def __init__(self, file: str, key: str, message: str, date: object | None = None) -> None:
        self.file = file
        self.key = key
        self.date = date
        where = f"{file}: {key}" + (f" (date {date})" if date is not None else "")
        super().__init__(f"{where}: {message}")

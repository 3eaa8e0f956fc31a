"""Small pieces every app uses."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TypeVar

import ipywidgets as widgets

from medinsure.errors import DataError, InvalidInput
from medinsure.views.html import error_box, stylesheet
from medinsure.views.words import input_error_text

T = TypeVar("T")

ERROR_TEXT = {
    "error": {"zh": "输入有误：", "en": "Invalid input:"},
    "internal": {"zh": "出现内部错误，请调整输入后重试。", "en": "Something went wrong; change an input and try again."},
}


def titled_tabs(children: list) -> widgets.Tab:
    """A Tab whose titles are shown whole (class ``medinsure-tabs`` of the stylesheet, which the app title carries)."""
    tabs = widgets.Tab(children=children)
    tabs.add_class("medinsure-tabs")
    return tabs


class ErrorBox:
    """What every app does with a failed update: a visible message in ``self.error_box``, never a
    traceback. Bad input and broken data name what is wrong; anything else gets a short apology."""

    def _show_error(self, message: str) -> None:
        self.result = None
        self.error = message
        self.error_box.value = error_box(message)
        panel = getattr(self, "export_panel", None)
        if panel is not None:  # no links or cite text for numbers no longer shown
            panel.clear()

    def guarded(self, compute: Callable[[], T], lang: str) -> T | None:
        """``compute()``, or None after showing why it failed; clears an earlier error."""
        try:
            value = compute()
        except InvalidInput as exc:  # the field in words, its value and what is accepted (keys are for the CLI)
            text = input_error_text(exc.field, exc.value, exc.allowed, lang,
                                    getattr(exc, "first", None), getattr(exc, "place", None))
            self._show_error(f"{ERROR_TEXT['error'][lang]} {html.escape(text)}")
            return None
        except DataError as exc:
            self._show_error(f"{ERROR_TEXT['error'][lang]} {html.escape(str(exc))}")
            return None
        except Exception:  # noqa: BLE001 — never show a traceback to a workshop audience
            self._show_error(ERROR_TEXT["internal"][lang])
            return None
        self.error, self.error_box.value = None, ""
        return value


# --------------------------------------------------------------------------- broken data on a page
_PAGE_STATE = {"broken": False}


class ErrorApp(widgets.VBox):
    """What a page shows instead of its app when the data cannot be read: the file-and-key
    message, in words; ``.controls`` is empty, ``.result`` None."""

    def __init__(self, message: str) -> None:
        self.controls: dict = {}
        self.result = None
        self.error = message
        self.share = widgets.HTML()
        head = ("本页的数据文件有误，无法计算 · A data file of this page is broken, so nothing can be "
                "computed:")
        # no app title here to carry the stylesheet: the box brings it
        super().__init__([widgets.HTML(stylesheet() + error_box(f"{head}<br>{html.escape(message)}"))])
        self.add_class("medinsure-error-app")

    def show_link_problems(self, problems: list[str]) -> None:  # nothing to set
        return None


def app_builder(build: Callable[..., T]) -> Callable[..., T]:
    """For a notebook's app builder: broken data or refused arguments give an :class:`ErrorApp`
    naming file and key (never Voila's "error when executing cell")."""
    import functools

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        try:
            return build(*args, **kwargs)
        except (DataError, InvalidInput) as exc:
            _PAGE_STATE["broken"] = True
            return ErrorApp(str(exc))
    return wrapper


def page_cell(fallback=None):
    """For the helpers a notebook calls after its app (key numbers, exercises, sources): after a
    broken-data page they do nothing; broken data of their own shows the message, not a traceback.
    Any other error still raises (nbval must see it)."""
    import functools

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if _PAGE_STATE["broken"] or any(isinstance(a, ErrorApp) for a in (*args, *kwargs.values())):
                return fallback
            try:
                return fn(*args, **kwargs)
            except DataError as exc:
                _PAGE_STATE["broken"] = True
                return ErrorApp(str(exc))
        return wrapper
    return decorate

"""The one export panel every app with a chart or a finding carries: the Export button, the
download links (PNG and SVG with the rules and sources drawn in, the CSV of exactly what is
plotted), the cite box (a citable sentence with the documents it rests on) and the share box.

An app builds it with two callables and places it in its layout::

    self.export_panel = ExportPanel(self, bundle=lambda: view.export_bundle(...),
                                    cite=lambda: view.citable_sentence(...))

and calls ``self.export_panel.refresh()`` at the end of a successful update. The files are made
only when the button is clicked (nothing is drawn per slider move); the cite box and the share
link follow every update. The words and the CSV headers are the topic view's
(``views/<topic>.py``); the file mechanics are :mod:`medinsure.views.exports`'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from medinsure.app.share import share_html
from medinsure.views.exports import PANEL_TXT, ExportBundle, bundle_files, bundle_links


class ExportPanel(widgets.VBox):
    """Share box, Export button with its links, cite box (see the module's docstring)."""

    def __init__(self, app: Any, bundle: Callable[[], ExportBundle], cite: Callable[[], str]) -> None:
        self.app = app
        self._bundle = bundle
        self._cite = cite
        self.share = widgets.HTML()
        self.button = widgets.Button(description=PANEL_TXT["button"], icon="download",
                                     layout=widgets.Layout(width="220px"))
        self.button.add_class("medinsure-export-button")
        self.button.on_click(lambda _: self.show_links())
        self.links = widgets.HTML()
        self.cite = widgets.Textarea(layout=widgets.Layout(width="98%", height="100px"),
                                     description=PANEL_TXT["cite"], style={"description_width": "60px"})
        self.cite.add_class("medinsure-cite")
        super().__init__([self.share, widgets.HBox([self.button, self.links],
                                                   layout=widgets.Layout(flex_flow="row wrap")),
                          self.cite], layout=widgets.Layout(width="100%"))
        self.add_class("medinsure-export-panel")
        app.share = self.share  # share.attach_share_box then adds no second box
        self._following = False

    def _lang(self) -> str:
        c = self.app.controls.get("lang")
        return c.value if c is not None else "zh"

    def refresh_share(self) -> None:
        """The link to the current inputs (of the page's app, where this app is part of one)."""
        self.share.value = share_html(getattr(self.app, "share_target", self.app), self._lang())

    def _follow(self) -> None:
        """Keep the share link in step with every control, also those that do not recompute. Begun
        at the app's first update, so these observers come after the app's own: a move sends the
        charts first, and the link (already refreshed by the update) is not sent twice."""
        if not self._following:
            self._following = True
            for w in self.app.controls.values():
                w.observe(lambda _: self.refresh_share(), names="value")

    def refresh(self) -> None:
        """After an update: new cite text and share link; the old links go (they showed old numbers)."""
        self._follow()
        self.links.value = ""
        self.cite.value = self._cite() if self.app.result is not None else ""
        self.refresh_share()

    def clear(self) -> None:
        """While the input is invalid: no links and no sentence to cite."""
        self._follow()
        self.links.value = ""
        self.cite.value = ""

    def files(self) -> dict[str, bytes]:
        """Every file of the current result, by file name."""
        return bundle_files(self._bundle())

    def show_links(self) -> None:
        """Make the files now and show their download links (the Export button does this)."""
        if self.app.result is None:
            self.clear()
            return
        bundle = self._bundle()
        self.links.value = bundle_links(bundle, bundle_files(bundle))

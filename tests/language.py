"""Helpers to check that an app in English leaves no Chinese-only text."""

import re

import ipywidgets as widgets
from matplotlib.text import Text

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")
# Document titles, numbers and issuers are cited in the original language on purpose.
REF = re.compile(r"<(a|li|span)[^>]*class=['\"][^'\"]*medinsure-ref[^'\"]*['\"][^>]*>.*?</\1>", re.S)


def widget_texts(w):
    """Every user-facing string in a widget tree."""
    out = []
    if isinstance(w, (widgets.HTML, widgets.HTMLMath, widgets.Label)):
        text = REF.sub("", w.value)
        out += [t.strip() for t in re.split(r"<[^>]+>", text)]
    elif isinstance(w, widgets.Textarea):
        out.append(w.value.split("(Sources:")[0])
    if getattr(w, "description", None):
        out.append(w.description)
    if isinstance(w, widgets.Accordion):
        out += [w.get_title(i) or "" for i in range(len(w.children))]
    for opt in getattr(w, "options", ()) or ():
        out.append(opt[0] if isinstance(opt, tuple) else str(opt))
    for child in getattr(w, "children", ()) or ():
        out += widget_texts(child)
    return [t for t in out if t]


def chinese_only(texts):
    """Texts with Chinese characters and no Latin letters (i.e. not bilingual)."""
    return [t for t in texts if CJK.search(t) and not LATIN.search(t)]


def figure_texts(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]

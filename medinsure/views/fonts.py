"""Shipped CJK font for matplotlib charts.

The package ships a GB2312 subset of Noto Sans CJK SC (SIL OFL 1.1, see
``medinsure/views/fonts/``) so that Chinese labels render on machines without any
CJK system font. Only matplotlib is needed at run time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_PATH: Path = Path(__file__).with_name("fonts") / "NotoSansSC-Subset.ttf"
"""Path to the shipped subset font file."""

_LATIN_FAMILY = "DejaVu Sans"


@cache
def cjk_family() -> str:
    """Return the family name matplotlib uses for the shipped font.

    Returns
    -------
    str
        Family name as read from the font file by matplotlib
        (``"Noto Sans SC Subset"``).
    """
    from matplotlib import font_manager, ft2font

    return font_manager.ttfFontProperty(ft2font.FT2Font(str(FONT_PATH))).name


def register_cjk_font() -> str:
    """Register the shipped font with matplotlib and make it the CJK fallback.

    Idempotent. The font is added to ``fontManager`` directly from its file,
    so it works without system CJK fonts and with a stale font cache. Sets
    ``rcParams["font.family"] = ["DejaVu Sans", <family>]`` (per-glyph
    fallback) and ``rcParams["axes.unicode_minus"] = False``.

    Returns
    -------
    str
        The CJK family name, see `cjk_family`.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    fm = font_manager.fontManager
    if not any(Path(e.fname) == FONT_PATH for e in fm.ttflist):
        fm.addfont(FONT_PATH)
    family = cjk_family()
    mpl.rcParams["font.family"] = [_LATIN_FAMILY, family]
    mpl.rcParams["axes.unicode_minus"] = False
    return family


def missing_glyphs(text: str) -> set[str]:
    """Return the characters of `text` that no available font can draw.

    Parameters
    ----------
    text : str
        Label text to check.

    Returns
    -------
    set of str
        Characters (whitespace excluded) absent from both DejaVu Sans and the
        shipped CJK font.
    """
    return {c for c in text if not c.isspace() and ord(c) not in _charset()}


@cache
def _charset() -> frozenset[int]:
    from matplotlib import font_manager, ft2font

    dejavu = font_manager.findfont(
        font_manager.FontProperties(family=_LATIN_FAMILY), fallback_to_default=False
    )
    codes: set[int] = set()
    for path in (dejavu, FONT_PATH):
        codes.update(ft2font.FT2Font(str(path)).get_charmap())
    return frozenset(codes)

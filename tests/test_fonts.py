"""The shipped CJK font renders Chinese labels without missing glyphs."""

from __future__ import annotations

import io
import warnings

import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from medinsure.views.fonts import (  # noqa: E402
    FONT_PATH,
    cjk_family,
    missing_glyphs,
    register_cjk_font,
)

LABELS = {
    "title": "个人账户划入（元/年）〔2021〕14号",
    "xlabel": "门诊统筹报销",
    "ylabel": "退休人员",
    "cities": "武汉 北京 上海 广州 深圳 湖南 成都 重庆 郑州 天津 西安 南京 镇江".split(),
    "legend": "–2,400 → 996 元",
}


@pytest.fixture(autouse=True)
def _isolated_rc():
    """Restore rcParams and close figures after each test."""
    with mpl.rc_context():
        yield
    plt.close("all")


def _missing_font_warnings(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def _chart():
    fig, ax = plt.subplots(figsize=(8, 4))
    cities = LABELS["cities"]
    ax.bar(range(len(cities)), range(len(cities)), label=LABELS["legend"])
    ax.set_xticks(range(len(cities)), cities, rotation=45)
    ax.set_title(LABELS["title"])
    ax.set_xlabel(LABELS["xlabel"])
    ax.set_ylabel(LABELS["ylabel"])
    ax.legend()
    return fig


def test_font_file_shipped_with_licence():
    assert FONT_PATH.is_file()
    assert FONT_PATH.stat().st_size < 5 * 1024 * 1024
    assert (FONT_PATH.parent / "OFL.txt").is_file()
    assert "SIL OPEN FONT LICENSE" in (FONT_PATH.parent / "OFL.txt").read_text("utf-8")


def test_register_is_idempotent_and_sets_fallback_list():
    from matplotlib import font_manager

    family = register_cjk_font()
    assert family == cjk_family() == register_cjk_font()
    assert mpl.rcParams["font.family"] == ["DejaVu Sans", family]
    assert mpl.rcParams["axes.unicode_minus"] is False
    entries = [e for e in font_manager.fontManager.ttflist if e.fname == str(FONT_PATH)]
    assert len({e.name for e in entries}) == len(entries) >= 1
    found = font_manager.findfont(family, fallback_to_default=False)
    assert found == str(FONT_PATH)


def test_chinese_chart_has_no_missing_glyphs():
    register_cjk_font()
    assert _missing_font_warnings(_chart()) == []


def test_control_dejavu_only_reports_missing_glyphs():
    register_cjk_font()
    mpl.rcParams["font.family"] = ["DejaVu Sans"]
    fig, ax = plt.subplots()
    ax.set_title("个人账户")
    assert _missing_font_warnings(fig)


def test_missing_glyphs():
    assert missing_glyphs("个人账户划入门诊共济") == set()
    assert missing_glyphs("".join(LABELS["cities"]) + LABELS["title"]) == set()
    assert missing_glyphs("a㐀b") == {"㐀"}  # CJK Ext. A, not in GB2312

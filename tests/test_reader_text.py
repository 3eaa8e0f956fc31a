"""Every note in data/ reads, once in a visitor's words (views.words.reader_text), without file
names, keys or the project's note ids — whichever page shows it, for whichever region."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medinsure.views.words import reader_text

from .visitor_text import leaks

DATA = Path(__file__).resolve().parents[1] / "data"


def notes(x, where: str):
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ("note", "notes"):
                if isinstance(v, dict):
                    yield from ((f"{where}.{k}.{lang}", lang, t) for lang, t in v.items() if isinstance(t, str))
                elif isinstance(v, str):
                    yield (f"{where}.{k}", None, v)
            yield from notes(v, f"{where}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from notes(v, f"{where}[{i}]")


ALL = [(f"{f.relative_to(DATA)}:{w}", lang, t) for f in sorted(DATA.rglob("*.yaml"))
       for w, lang, t in notes(yaml.safe_load(f.read_text(encoding="utf-8")), "")]


def test_there_are_notes_to_check():
    assert len(ALL) > 300


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_note_shows_a_file_key_or_note_id(lang):
    found = []
    for where, note_lang, text in ALL:
        if note_lang in (None, lang):
            found += [(where, kind, m) for kind, m, _ in leaks([reader_text(text, lang)])]
        if note_lang is None:  # one string in both languages
            found += [(where, kind, m) for kind, m, _ in leaks([reader_text(text, None)])]
    assert found == []


def test_reader_words_keep_web_addresses_and_say_the_reference():
    note = "见region.yaml；原文似为 http://www.nhsa.gov.cn/art/2025/7/14/art_7_17248.html（policy_facts_2 D6）"
    assert reader_text(note, "zh") == ("见本地区的改革日期说明；原文似为 http://www.nhsa.gov.cn/art/2025/7/14/"
                                       "art_7_17248.html（项目的第二次数据复核 D6）")
    assert reader_text("Example E7 (see region.yaml)", "en") == "worked example 7 (see the region's reform dates)"


def test_a_note_in_both_languages_gets_each_name_in_its_own_language():
    note = "文号仅见于种子文件002。The number is only seen in seed 002."
    assert reader_text(note, None) == "文号仅见于项目收录的原文。The number is only seen in a source text kept in the project."

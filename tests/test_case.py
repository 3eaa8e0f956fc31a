"""The case page (issue 13, item 4): ``medinsure case … --html FILE`` writes one self-contained
HTML page with the numbers ``compare`` gives, readable and printable with no network."""

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from medinsure import Enrollee, compare
from medinsure.rules import load_region
from medinsure.views.case import rules_from
from medinsure.views.household import rule_note
from medinsure.views.words import money

from .conftest import require_chromium

# The 武汉市医保局 worked example (tests/test_compare_wuhan.py E1): credit 2,400 → 996,
# reimbursement 0 → 3,990, gain 2,586, break-even 2,840.
WUHAN_RETIREE = (["--region", "wuhan", "--date", "2023-03-01", "--status", "retired", "--age", "68",
                  "--pension", "4166.67", "--outpatient", "7150", "--level", "tertiary"],
                 ("wuhan", "2023-03-01", dict(status="retired", age=68, pension_monthly=4166.67,
                                              outpatient_yearly=7150, level="tertiary")), "zh")
BEIJING_WORKER = (["--region", "beijing", "--date", "2024-01-01", "--status", "in_service", "--age", "40",
                   "--wage", "12000", "--outpatient", "3000"],
                  ("beijing", "2024-01-01", dict(status="in_service", age=40, wage_monthly=12000,
                                                 outpatient_yearly=3000)), "zh")
WUHAN_WORKER_EN = (["--region", "wuhan", "--date", "2023-03-01", "--status", "in_service", "--age", "30",
                    "--wage", "8000", "--outpatient", "1500", "--lang", "en"],
                   ("wuhan", "2023-03-01", dict(status="in_service", age=30, wage_monthly=8000,
                                                outpatient_yearly=1500)), "en")
CASES = {"wuhan-retiree": WUHAN_RETIREE, "beijing-worker": BEIJING_WORKER, "wuhan-worker-en": WUHAN_WORKER_EN}


def run(*args):
    return subprocess.run([sys.executable, "-m", "medinsure", *args], capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each case written once by the command line: name -> (path, page text, comparison, lang)."""
    out = {}
    folder = tmp_path_factory.mktemp("case")
    for name, (argv, (region, date, person), lang) in CASES.items():
        path = folder / f"{name}.html"
        p = run("case", *argv, "--html", str(path))
        assert p.returncode == 0, p.stderr
        assert p.stdout.strip() == str(path.resolve())
        out[name] = (path, path.read_text(encoding="utf-8"), compare(region, date, Enrollee(**person)), lang)
    return out


def visible_text(page: str) -> str:
    """The page's text outside the charts (the SVGs draw their text as paths)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", page, flags=re.S)))


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href", "xlink:href", "srcset", "data", "poster") and v:
                self.found.append((tag, k, v))


@pytest.mark.parametrize("name", CASES)
def test_the_page_shows_the_numbers_compare_gives(pages, name):
    _, page, c, lang = pages[name]
    text = visible_text(page)
    sentence = re.search(r"<div class='medinsure-sentence'[^>]*>(.*?)</div>", page, re.S).group(1)
    for value in (c.credit_old, c.credit_new, c.reimbursement_old, c.reimbursement_new):
        assert f"{money(value, lang)}" in sentence, (name, value)
    assert money(abs(c.resources_gain), lang) in sentence
    assert c.break_even_status == "found" and money(c.break_even_outpatient, lang) in sentence
    # the chart tables carry the same numbers: credit and reimbursement, the gain at the bill
    bars = re.search(r"<table aria-label='[^']*'>.*?</table>", page, re.S).group(0)
    for value in (c.credit_old, c.credit_new, c.reimbursement_old, c.reimbursement_new):
        assert f">{money(value, lang)}<" in bars, (name, value)
    assert f">{money(c.resources_gain, lang)}<" in page  # the trace's and the curve table's gain row
    assert money(c.break_even_outpatient, lang) in text


def test_the_bureau_example_reads_as_the_bureau_wrote_it(pages):
    _, page, c, _ = pages["wuhan-retiree"]
    assert (c.credit_old, c.credit_new, c.reimbursement_new, c.resources_gain, c.break_even_outpatient) == (
        2400.0, 996.0, 3990.0, 2586.0, 2840.0)
    text = visible_text(page)
    assert "从 2,400.00 元变为 996.00 元" in text and "合计每年多得 2,586.00 元" in text
    assert "每年门诊费用达到 2,840.00 元即可回本" in text


@pytest.mark.parametrize("name", CASES)
def test_the_page_needs_nothing_from_outside(pages, name):
    _, page, _, lang = pages[name]
    assert "<script" not in page.lower() and "javascript:" not in page.lower()
    assert re.search(r"<html lang='(zh-CN|en)'>", page).group(1) == ("zh-CN" if lang == "zh" else "en")
    assert "<meta charset='utf-8'>" in page and "@page" in page and "size: A4" in page
    parser = Links()
    parser.feed(page)
    for tag, attr, value in parser.found:
        if tag == "a" and attr == "href":
            continue  # a cited document's own address is a plain link
        assert not value.startswith(("http:", "https:", "//")), (tag, attr, value)
    assert not re.search(r"@import|url\((?!#)", page), "a stylesheet fetches something"
    assert "<!DOCTYPE svg" not in page and "<?xml" not in page


@pytest.mark.parametrize("name", CASES)
def test_both_charts_are_inline_svg_with_their_source_line(pages, name):
    _, page, c, lang = pages[name]
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 2
    ids = re.findall(r'\bid="([^"]+)"', "".join(svgs))
    assert len(ids) == len(set(ids)), "two charts share an id"
    for svg in svgs:
        assert "<text" not in svg, "text drawn with a font the reader may not have"
        # glyphs are paths; matplotlib keeps each line's text as a comment beside them
        comments = " ".join(re.findall(r"<!--(.*?)-->", svg, re.S))
        assert "medinsure" in comments
        assert ("来源：" if lang == "zh" else "Sources:") in comments
        region = load_region(c.region).name[lang]
        assert rule_note(region, c.enrollee.status, c.old_date, rules_from(c).isoformat(), lang) in comments
    # the share link reopens the case in the household app
    link = re.search(r"class='medinsure-share'>[^<]*<a href='([^']+)'", page).group(1)
    assert link.startswith("?region=" + c.region + "&amp;date=" + c.date.isoformat())
    assert f"lang={lang}" in link


def test_a_base_url_makes_the_link_absolute(tmp_path):
    path = tmp_path / "case.html"
    p = run("case", *WUHAN_RETIREE[0], "--html", str(path),
            "--base-url", "https://example.org/voila/render/01-account-credits.ipynb")
    assert p.returncode == 0, p.stderr
    assert ("<a href='https://example.org/voila/render/01-account-credits.ipynb?region=wuhan&amp;date=2023-03-01"
            in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, needle", [
    (["--pension"], "--pension"),        # a retiree without a pension
    (["--age", "-3"], "--age"),
    (["--region", "atlantis"], "--region"),
    (["--html"], "--html"),              # no file to write
    (["--html", "/nonexistent-dir/x.html"], "--html"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, change, needle):
    args = list(WUHAN_RETIREE[0]) + ["--html", str(tmp_path / "x.html")]
    if len(change) == 1:  # drop the option
        i = args.index(change[0])
        del args[i:i + 2]
    else:
        args[args.index(change[0]) + 1] = change[1]
    p = run("case", *args)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""


def test_the_page_renders_offline_and_prints_on_a4(pages, tmp_path):
    require_chromium()
    from medinsure.site.browser import chromium_page

    asked = []

    def only_files(route):
        asked.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    for name in ("wuhan-retiree", "wuhan-worker-en"):
        path, _, c, lang = pages[name]
        with chromium_page(width=800, height=1100) as page:
            page.route("**/*", only_files)
            page.goto(path.resolve().as_uri())
            sentence = page.locator(".medinsure-sentence").inner_text()
            assert money(c.credit_new, lang) in sentence
            assert ("即可回本" if lang == "zh" else "Break-even") in sentence
            boxes = page.evaluate("""[...document.querySelectorAll('figure svg')].map(s => {
                const r = s.getBoundingClientRect(); return [r.left, r.right, r.height]})""")
            assert len(boxes) == 2 and all(0 <= b[0] and b[1] <= 800 and b[2] > 200 for b in boxes), boxes
            assert page.evaluate("document.documentElement.scrollWidth") <= 800
            shot = tmp_path / f"{name}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 50_000
            pdf = tmp_path / f"{name}.pdf"
            page.pdf(path=str(pdf), format="A4")
            assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 50_000
    assert [u for u in asked if not u.startswith("file:")] == []


@pytest.mark.parametrize("name", CASES)
def test_the_share_link_opens_the_same_numbers_in_the_app(pages, name):
    import html
    import urllib.parse

    from medinsure.app.household import household_explainer
    from medinsure.app.share import apply_query

    _, page, c, lang = pages[name]
    link = html.unescape(re.search(r"class='medinsure-share'>[^<]*<a href='([^']+)'", page).group(1))
    query = {k: v[-1] for k, v in urllib.parse.parse_qs(link.lstrip("?")).items()}
    app = household_explainer()
    problems = apply_query(app, query)  # a day after the last checked rules is noted, not refused
    assert all("rules are checked up to" in p for p in problems), problems
    r = app.result
    assert (r.credit_old, r.credit_new, r.reimbursement_old, r.reimbursement_new, r.resources_gain,
            r.break_even_outpatient) == (c.credit_old, c.credit_new, c.reimbursement_old,
                                         c.reimbursement_new, c.resources_gain, c.break_even_outpatient)
    assert app.controls["lang"].value == lang
    # and the page's sentence is the app's
    assert re.sub(r"\s+", " ", app.sentence.value) in re.sub(r"\s+", " ", page)

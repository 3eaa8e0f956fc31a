"""Faults and hostile input (issue 14): never a wrong number without a word, never a traceback.

Each case of the issue is here (the browser cases are in tests/browser/test_bad_links.py)."""

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medinsure import Enrollee, compare
from medinsure.app import household_explainer
from medinsure.app.share import apply_query, share_query
from medinsure.errors import InvalidInput

ROOT = Path(__file__).resolve().parent.parent
E = dict(status="retired", age=68, pension_monthly=4000.0)


def run(*args, env=None, shell=False):
    cmd = args[0] if shell else [sys.executable, "-m", "medinsure", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, shell=shell,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


# --------------------------------------------------------------------------- share links
@pytest.mark.parametrize("key, value, words", [
    ("age", "70.9", "a whole number"),        # refused, not truncated to 70
    ("age", "inf", "a whole number"),
    ("outpatient", "1e400", "a finite number"),
    ("outpatient", "9" * 5000, "too long"),
    ("date", "abc", "a calendar date"),       # not silently another rule date
    ("date", "2023-02-30", "a calendar date"),
    ("age", "130", "from 18 to 100"),
    ("level", "clinic", "one of pharmacy"),
    ("nonsense", "1", "not a setting of this page"),
])
def test_a_bad_link_value_is_refused_naming_the_field_and_keeps_the_default(key, value, words):
    app = household_explainer(region="wuhan", date="2023-02-01", status="retired", age=68, pension=4166.67)
    before = share_query(app)
    problems = apply_query(app, {key: value})
    assert len(problems) == 1 and problems[0].startswith(f"{key}=") and words in problems[0]
    assert share_query(app) == before


def test_a_link_after_the_checked_rules_says_so():
    app = household_explainer(region="wuhan")
    (note,) = apply_query(app, {"date": "2100-01-01"})
    assert "checked up to 2023-07-01" in note and app.controls["date"].value == "2023-07-01"


def test_the_workshop_pages_apply_a_link():
    # the case of the issue: Lao Wang at 50 loses 450 a year; the link must not reopen him at 45
    from medinsure.app import workshop
    from medinsure.app.share import attach_share_box
    app = workshop.session_app("01-personas")
    attach_share_box(app)
    assert apply_query(app, {"persona": "laowang", "age": "50"}) == []
    assert app.result.resources_gain == -450.0
    query = share_query(app)
    assert query.startswith("persona=laowang") and "age=50" in query
    # "Copy link" copies the page's full address (built in the browser from the relative link)
    assert "href='?persona=laowang" in app.share.value and "a.href" in app.share.value


def test_every_notebook_applies_the_link_before_anything_reads_the_app():
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        code = ["".join(c.source) for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        if not any("app =" in c for c in code):
            continue  # the start page has no app
        link = next(i for i, c in enumerate(code) if c.startswith("follow_link(app)"))
        made = next(i for i, c in enumerate(code) if "app =" in c)
        assert link == made + 1, f"{path.name}: follow_link must come right after the app"


def test_the_key_numbers_line_follows_a_link():
    from medinsure.app.page import key_numbers
    app = household_explainer(region="beijing", status="in_service", age=40, wage=12000)
    apply_query(app, {"region": "beijing", "status": "in_service", "age": "40", "wage": "12000"})
    line = key_numbers(app.result)
    assert f"{app.result.credit_old:,.2f} -> {app.result.credit_new:,.2f}" in line
    assert "4,320.00 -> 2,880.00" in line  # 12,000 × 3% × 12 → 12,000 × 2% × 12


# --------------------------------------------------------------------------- the library's one error type
@pytest.mark.parametrize("day", [None, 20230301, dt.datetime(2023, 3, 1), "2023-3-1", "abc", 3.5])
def test_a_date_of_the_wrong_type_is_refused_by_the_library(day):
    with pytest.raises(InvalidInput, match="date"):
        compare("wuhan", day, Enrollee(**E))


@pytest.mark.parametrize("enrollee", [{"status": "retired"}, None, "retired", 68])
def test_an_enrollee_that_is_not_one_is_refused(enrollee):
    with pytest.raises(InvalidInput, match="enrollee"):
        compare("wuhan", "2023-03-01", enrollee)


def test_a_huge_number_is_refused_not_overflowed():
    with pytest.raises(InvalidInput, match="pension_monthly.*digits"):
        Enrollee(status="retired", age=68, pension_monthly=10 ** 400)


_ANY = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 30, 10 ** 30), st.floats(allow_nan=True),
                 st.text(max_size=12), st.dates(), st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(["status", "age", "wage_monthly", "pension_monthly", "outpatient_yearly",
                              "level", "out_of_scope_yearly", "retirement_year", "visits_yearly",
                              "account_available", "frozen_credit_monthly", "flexible_retiree"]),
       value=_ANY, region=st.one_of(st.sampled_from(["wuhan", "hunan"]), _ANY), day=st.one_of(
           st.sampled_from(["2023-03-01", "2024-06-01"]), _ANY))
def test_random_types_and_values_raise_only_the_librarys_error(field, value, region, day):
    kw = {**E, "outpatient_yearly": 1000.0, "visits_yearly": 12, field: value}
    try:
        compare(region, day, Enrollee(**kw))
    except InvalidInput:
        pass  # a ValueError subclass naming the field


# --------------------------------------------------------------------------- dates outside the data
def test_a_date_after_the_checked_rules_gives_a_notice_in_the_json():
    p = run("compare", "--region", "wuhan", "--date", "2100-01-01", "--status", "retired", "--age", "68",
            "--pension", "4000", "--json", "--lang", "en")
    assert p.returncode == 0, p.stderr
    assert any("checked up to 2023-07-01" in n for n in json.loads(p.stdout)["notices"])


# --------------------------------------------------------------------------- command line and launcher
def test_a_closed_pipe_ends_quietly():
    p = run(f"{sys.executable} -m medinsure regions --json | head -1", shell=True)
    assert p.returncode == 0 and "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr


@pytest.mark.parametrize("port", ["70000", "-1", "0", "http"])
def test_the_launcher_refuses_a_port_that_is_not_one(port):
    p = subprocess.run([sys.executable, "-m", "medinsure.site.serve", "--port", port], capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "--port" in p.stderr


def test_the_launcher_refuses_a_port_that_is_taken():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        p = subprocess.run([sys.executable, "-m", "medinsure.site.serve", "--port", str(port)], capture_output=True,
                           text=True, timeout=60)
    assert p.returncode == 2 and "already in use" in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_the_launcher_leaves_no_temporary_folder(tmp_path, monkeypatch):
    from medinsure.site.serve import voila_command
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    cmd = voila_command(8866, "127.0.0.1", pool=2, pools={"01-account-credits.ipynb": 5})
    assert list(tmp_path.iterdir()) == []
    assert "--Voila.port_retries=0" in cmd
    from medinsure.site.voila_launch import split_config
    config, rest = split_config(cmd[3:])
    assert config["VoilaKernelManager"]["kernel_pools_config"]["01-account-credits.ipynb"]["pool_size"] == 5
    assert not any(a.startswith("--medinsure-config") for a in rest)


# --------------------------------------------------------------------------- broken data in the apps
def test_a_broken_data_file_shows_its_file_and_key_in_the_app(data_copy):
    p = data_copy / "regions" / "wuhan" / "outpatient_pooling.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("{in_service: 700, retired: 500}",
                                                        "{in_service: 0700, retired: 500}"), encoding="utf-8")
    from medinsure.app import common
    from medinsure.app.page import key_numbers, show_exercises
    common._PAGE_STATE["broken"] = False
    try:
        app = household_explainer(region="wuhan")
        assert isinstance(app, common.ErrorApp)
        assert "outpatient_pooling.yaml" in app.error and "deductible" in app.error and "0700" in app.error
        # the page's other cells say nothing more and raise nothing
        assert show_exercises("account_credits") is None and key_numbers(app.result) == ""
        assert apply_query(app, {"age": "50"}) and share_query(app) == ""
    finally:
        common._PAGE_STATE["broken"] = False


def test_a_missing_data_folder_says_so_on_the_command_line(tmp_path):
    p = run("compare", "--region", "wuhan", "--date", "2023-03-01", "--status", "retired", "--age", "68",
            "--pension", "4000", env={"MEDINSURE_DATA": str(tmp_path / "gone")})
    assert p.returncode == 3 and "data folder is missing" in p.stderr


@pytest.mark.parametrize("name", ["household", "family", "lifecycle", "resident", "flexible", "fund", "myths",
                                  "population"])
@pytest.mark.parametrize("value", ["inf", "70.9", "1e400"])
def test_every_app_refuses_a_bad_number_in_a_link_naming_the_field(name, value):
    from .test_all_apps import build
    app = build(name)
    numeric = [k for k, w in app.controls.items() if isinstance(getattr(w, "value", None), (int, float))
               and not isinstance(w.value, bool)]
    key = numeric[0]
    before = app.controls[key].value
    problems = apply_query(app, {key: value})
    if value == "70.9" and isinstance(before, float):
        # a float control may take 70.9 where its range allows it: then it is used as given
        assert problems == [] or problems[0].startswith(f"{key}=")
    else:
        assert len(problems) == 1 and problems[0].startswith(f"{key}=") and "not allowed" in problems[0]
        assert app.controls[key].value == before


@pytest.mark.parametrize("old, new, key", [
    ("{in_service: 700, retired: 500}", "{in_service: 0700, retired: 500}", "deductible"),
    ("{in_service: 700, retired: 500}", "{in_service: 58:20, retired: 500}", "deductible.in_service"),
    ("  2023-04-10:", "  2023-02-31:", "values"),
    (None, None, "line"),
])
def test_each_data_fault_exits_3_naming_file_and_key(data_copy, old, new, key):
    p = data_copy / "regions" / "wuhan" / "outpatient_pooling.yaml"
    text = p.read_text(encoding="utf-8")
    if old is None:  # latin-1 bytes in a note
        p.write_bytes(text.encode("utf-8").replace(b"label:", "label: caf\u00e9".encode("latin-1"), 1))
    else:
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run("compare", "--region", "wuhan", "--date", "2023-03-01", "--status", "retired", "--age", "68",
            "--pension", "4000", env={"MEDINSURE_DATA": str(data_copy)})
    assert r.returncode == 3 and len(r.stderr.strip().splitlines()) == 1
    assert "outpatient_pooling.yaml" in r.stderr and key in r.stderr

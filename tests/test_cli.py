"""The command line: stable JSON, readable table, exit code 2 and one line on bad input."""

import json
import subprocess
import sys

import pytest

E1 = ["compare", "--region", "wuhan", "--date", "2023-03-01", "--status", "retired", "--age", "68",
      "--pension", "4166.67", "--outpatient", "7150", "--level", "tertiary"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "medinsure", *args], capture_output=True,
                          text=True, timeout=60)


def test_compare_json_reproduces_the_wuhan_bureau_example():
    p = run(*E1, "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    for key in ("credit_old", "credit_new", "reimbursement_old", "reimbursement_new", "resources_gain",
                "cash_old", "cash_new", "cash_gain", "break_even_outpatient", "trace"):
        assert key in d
    assert (d["credit_old"], d["credit_new"]) == (2400.0, 996.0)
    assert d["trace"] and all(step["references"] for step in d["trace"])
    assert all(ref["title"] and ref["read_at"] for step in d["trace"] for ref in step["references"])


def test_compare_table_in_both_languages_shows_sources():
    zh = run(*E1)
    assert zh.returncode == 0
    assert "个人账户划入" in zh.stdout and "2,400.00" in zh.stdout and "996.00" in zh.stdout
    assert "武汉市职工基本医疗保险门诊共济保障实施细则" in zh.stdout
    en = run(*E1, "--lang", "en")
    assert "Account credit" in en.stdout and "2,400.00" in en.stdout


@pytest.mark.parametrize("change, needle", [
    (["--age", "-3"], "--age"),
    (["--region", "atlantis"], "--region"),
    (["--wage", "abc"], "--wage"),
    (["--date", "2010-01-01"], "--date"),
    (["--date", "yesterday"], "--date"),
    (["--outpatient", "-1"], "--outpatient"),
    (["--outpatient", "1e12"], "--outpatient"),
    (["--level", "clinic"], "--level"),
])
def test_bad_input_exits_2_with_one_line(change, needle):
    args = list(E1)
    for i in range(0, len(change), 2):
        if change[i] in args:
            args[args.index(change[i]) + 1] = change[i + 1]
        else:
            args += change[i:i + 2]
    p = run(*args)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    assert needle in lines[0]
    assert "Traceback" not in p.stderr and p.stdout == ""


def test_an_unknown_region_lists_the_known_ones():
    p = run(*[a if a != "wuhan" else "atlantis" for a in E1])
    assert "wuhan" in p.stderr and "beijing" in p.stderr


def test_a_retiree_without_pension_gets_one_line():
    args = E1[:E1.index("--pension")] + E1[E1.index("--pension") + 2:]
    p = run(*args)
    assert p.returncode == 2 and "--pension: missing" in p.stderr


def test_regions_lists_every_region_with_what_it_knows():
    p = run("regions", "--json")
    assert p.returncode == 0
    rows = json.loads(p.stdout)
    slugs = {r["slug"] for r in rows}
    assert {"national", "wuhan", "beijing", "shanghai", "guangzhou", "shenzhen", "hunan", "chengdu",
            "chongqing", "zhengzhou", "tianjin", "xian", "nanjing", "zhenjiang"} <= slugs
    for r in rows:
        assert isinstance(r["complete"], bool) and r["level"] in ("city", "province", "national")
        assert set(r["statuses"]) == {"in_service", "retired", "flexible"}
        for s in r["statuses"].values():
            assert s["complete"] == (not s["unknown"])
        assert r["complete"] == (r["statuses"]["in_service"]["complete"] and r["statuses"]["retired"]["complete"])


def test_a_broken_data_file_is_named(tmp_path):
    import shutil
    from pathlib import Path
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    (data / "regions/wuhan/personal_account.yaml").write_text("concept: [", encoding="utf-8")
    import os
    p = subprocess.run([sys.executable, "-m", "medinsure", *E1], capture_output=True, text=True,
                       env={**os.environ, "MEDINSURE_DATA": str(data)}, timeout=60)
    assert p.returncode == 3
    assert "personal_account.yaml" in p.stderr and len(p.stderr.strip().splitlines()) == 1

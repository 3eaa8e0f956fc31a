"""The loader refuses broken data and names file, key and date."""

import re

import pytest

from medinsure.errors import DataError
from medinsure.rules import load_all, load_region


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_shipped_data_loads():
    regions = load_all()
    assert "wuhan" in regions and "national" in regions


def test_an_unknown_key_is_refused_with_file_key_and_date(data_copy):
    _edit(data_copy / "regions/wuhan/contribution_rates.yaml",
          "employer_rate: 0.08          #", "employer_rte: 0.08          #")
    with pytest.raises(DataError, match=r"contribution_rates\.yaml: employer_rte \(date 2021-07-01\): unknown key"):
        load_region("wuhan")


def test_a_duplicate_date_is_refused(data_copy):
    p = data_copy / "regions/wuhan/outpatient_pooling.yaml"
    _edit(p, "  2023-04-10:", "  2023-02-01:")
    with pytest.raises(DataError, match=r"outpatient_pooling\.yaml.*duplicate key datetime.date\(2023, 2, 1\)"):
        load_region("wuhan")


def test_a_rate_above_one_is_refused(data_copy):
    _edit(data_copy / "regions/wuhan/personal_account.yaml", "rate: 0.048", "rate: 4.8")
    with pytest.raises(DataError, match=r"personal_account\.yaml: retired\.bands\[0\]\.rate \(date 2021-07-01\): rate 4\.8 must be .* between 0 and 1"):
        load_region("wuhan")


def test_a_negative_amount_is_refused(data_copy):
    _edit(data_copy / "regions/wuhan/personal_account.yaml", "{amount: 83}", "{amount: -83}")
    with pytest.raises(DataError, match=r"retired\.bands\[0\]\.amount \(date 2023-02-01\)"):
        load_region("wuhan")


def test_overlapping_age_bands_are_refused(data_copy):
    _edit(data_copy / "regions/wuhan/personal_account.yaml",
          "{min_age: 36, max_age: 45, rate: 0.034}", "{min_age: 35, max_age: 45, rate: 0.034}")
    with pytest.raises(DataError, match=r"in_service\.bands\[1\]\.min_age \(date 2021-07-01\): overlap"):
        load_region("wuhan")


def test_gapped_age_bands_are_refused(data_copy):
    _edit(data_copy / "regions/wuhan/personal_account.yaml",
          "{min_age: 36, max_age: 45, rate: 0.034}", "{min_age: 37, max_age: 45, rate: 0.034}")
    with pytest.raises(DataError, match=r"in_service\.bands\[1\]\.min_age.*gap: band starts at 37, expected 36"):
        load_region("wuhan")


def test_a_closed_last_band_is_refused(data_copy):
    _edit(data_copy / "regions/wuhan/personal_account.yaml",
          "{min_age: 70, rate: 0.051}", "{min_age: 70, max_age: 99, rate: 0.051}")
    with pytest.raises(DataError, match=r"retired\.bands\[1\]\.max_age.*open-ended"):
        load_region("wuhan")


def test_a_value_without_reference_is_refused(data_copy):
    p = data_copy / "regions/wuhan/outpatient_pooling.yaml"
    text = p.read_text(encoding="utf-8")
    start = text.rindex("    reference:")
    p.write_text(text[:start], encoding="utf-8")
    with pytest.raises(DataError, match=r"outpatient_pooling\.yaml: reference \(date 2023-04-10\): every dated value needs a reference"):
        load_region("wuhan")


def test_a_reference_without_reliability_label_is_refused(data_copy):
    _edit(data_copy / "regions/wuhan/personal_account.yaml", "reliability: 3P\n", "reliability: maybe\n")
    with pytest.raises(DataError, match=r"reference(\[0\])?\.reliability.*'maybe' is not one of"):
        load_region("wuhan")


def test_a_null_without_a_note_is_refused(data_copy):
    p = data_copy / "regions/wuhan/outpatient_pooling.yaml"
    _edit(p, "cap: {in_service: 3500, retired: 4000}\n    flexible: in_service\n    reference:\n      title: 武汉市职工基本医疗保险门诊共济保障实施细则（第一阶段）",
          "cap: {in_service: null, retired: 4000}\n    flexible: in_service\n    reference:\n      title: 武汉市职工基本医疗保险门诊共济保障实施细则（第一阶段）")
    with pytest.raises(DataError, match=r"note \(date 2023-02-01\): a value is null or unknown"):
        load_region("wuhan")


def test_a_key_that_is_not_a_date_is_refused(data_copy):
    _edit(data_copy / "regions/wuhan/outpatient_pooling.yaml", "  2023-04-10:", "  2023-4-10:")
    with pytest.raises(DataError, match=r"values\.2023-4-10: keys must be effective dates"):
        load_region("wuhan")


def test_a_missing_concept_file_is_refused(data_copy):
    (data_copy / "regions/wuhan/contribution_base.yaml").unlink()
    with pytest.raises(DataError, match=r"contribution_base\.yaml: \(file\): missing"):
        load_region("wuhan")


def test_a_file_starting_after_data_from_is_refused(data_copy):
    _edit(data_copy / "regions/wuhan/region.yaml", "data_from: 2021-07-01", "data_from: 2020-01-01")
    with pytest.raises(DataError, match=r"first entry 2021-07-01 is after the region's data_from 2020-01-01"):
        load_region("wuhan")


def test_invalid_yaml_names_the_file(data_copy):
    (data_copy / "regions/wuhan/contribution_base.yaml").write_text("values: [unclosed", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("contribution_base.yaml: (file): not valid YAML")):
        load_region("wuhan")


# YAML 1.1 surprises and broken bytes (issue 14): each is refused naming file, key and line
@pytest.mark.parametrize("old, new, key, words", [
    ("{in_service: 700, retired: 500}", "{in_service: 0700, retired: 500}", "deductible",
     "'0700' has a leading zero"),
    ("{in_service: 700, retired: 500}", "{in_service: 58:20, retired: 500}", "deductible.in_service",
     "'58:20'"),
    ("  2023-04-10:", "  2023-02-31:", "values", "'2023-02-31' is not a calendar date"),
])
def test_yaml_1_1_surprises_are_refused(data_copy, old, new, key, words):
    _edit(data_copy / "regions/wuhan/outpatient_pooling.yaml", old, new)
    with pytest.raises(DataError) as err:
        load_region("wuhan")
    msg = str(err.value)
    assert "outpatient_pooling.yaml" in msg and words in msg and key in msg


def test_yes_and_no_stay_text_and_are_refused_where_a_flag_is_expected(data_copy):
    _edit(data_copy / "regions/wuhan/region.yaml", "date_exact: true", "date_exact: yes")
    with pytest.raises(DataError, match=r"region\.yaml: account_reform\.date_exact: 'yes'"):
        load_region("wuhan")


def test_bytes_that_are_not_utf8_are_refused(data_copy):
    p = data_copy / "regions/wuhan/personal_account.yaml"
    p.write_bytes(p.read_text(encoding="utf-8").replace("武汉", "Wuhan").encode("utf-8")
                  .replace(b"label:", "label: caf\u00e9".encode("latin-1") + b" x\nlabel2:", 1))
    with pytest.raises(DataError, match=r"personal_account\.yaml: .*line 2: bytes that are not UTF-8"):
        load_region("wuhan")


def test_a_missing_data_folder_says_so(tmp_path, monkeypatch):
    from medinsure import rules
    monkeypatch.setenv("MEDINSURE_DATA", str(tmp_path / "nowhere"))
    rules.load_region.cache_clear()
    try:
        with pytest.raises(DataError, match=r"nowhere: \(folder\): the data folder is missing"):
            load_region("wuhan")
    finally:
        rules.load_region.cache_clear()


def test_the_cli_exits_3_naming_file_and_key_for_each_fault(data_copy):
    import os
    import subprocess
    import sys
    _edit(data_copy / "regions/wuhan/outpatient_pooling.yaml", "{in_service: 700, retired: 500}",
          "{in_service: 0700, retired: 500}")
    p = subprocess.run([sys.executable, "-m", "medinsure", "compare", "--region", "wuhan", "--date", "2023-03-01",
                        "--status", "retired", "--age", "68", "--pension", "4000"], capture_output=True, text=True,
                       env={**os.environ, "MEDINSURE_DATA": str(data_copy)}, timeout=60)
    assert p.returncode == 3
    assert len(p.stderr.strip().splitlines()) == 1
    assert "outpatient_pooling.yaml" in p.stderr and "deductible" in p.stderr and "0700" in p.stderr

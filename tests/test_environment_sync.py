"""environment.yml must stay in step with pyproject.toml."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_environment_yml_installs_the_package_with_its_app_extra():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_lists = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_lists, "environment.yml has no pip: section"
    assert "-e .[app]" in pip_lists[0]


def test_environment_yml_python_matches_requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floor = re.search(r">=\s*(\d+\.\d+)", project["requires-python"]).group(1)
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pythons = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert pythons == [f"python={floor}"]


def test_environment_yml_names_only_packages_pyproject_declares():
    """Any conda package listed besides python/pip must be a declared dependency."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=!~ \[]", d)[0].lower()
                for d in project["dependencies"] + sum(project["optional-dependencies"].values(), [])}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {re.split(r"[<>=! ]", d)[0].lower() for d in env["dependencies"] if isinstance(d, str)}
    assert conda - {"python", "pip"} <= declared


def test_readme_lists_every_region_and_the_two_commands():
    from medinsure.rules import region_slugs
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for slug in region_slugs():
        assert f"(`{slug}`)" in readme, slug
    assert "./run app" in readme and "./run test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run test" in ci

"""Publishing: the GitHub Pages workflow builds with the README's command from the lock,
the documented install is the real one, and a wheel of the project holds the whole plugin
(templates and package data included) and installs and loads on its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

PIP = [sys.executable, "-m", "pip"]
# Offline: no index, no build isolation (setuptools is in the environment), no dependencies.
WHEEL = [*PIP, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
INSTALL = [*PIP, "install", "--quiet", "--no-deps", "--no-index"]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def workflow() -> dict[str, Any]:
    """The Pages workflow as data (PyYAML reads the key ``on`` as True)."""
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def readme_build_command() -> str:
    """The build command of the README's Publishing section, without the environment."""
    section = ROOT.joinpath("README.md").read_text("utf-8").split("## Publishing", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the README's Publishing section has no command"
    (line,) = [x for x in block.group(1).splitlines() if "mkdocs build" in x]
    command = re.sub(r"^(?:[A-Z_]+=\S+\s+)+", "", line.split("#")[0].strip())
    return command.removeprefix(".venv/bin/")


def steps() -> list[dict[str, Any]]:
    return list(workflow()["jobs"]["build"]["steps"])


def test_workflow_is_valid_and_deploys_to_pages() -> None:
    """The workflow is YAML with a build job that uploads site/ and a deploy job after it."""
    data = workflow()
    assert "push" in data["on"] and "workflow_dispatch" in data["on"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in steps()]
    assert "actions/upload-pages-artifact" in uses
    upload = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_workflow_builds_with_the_readme_command_from_the_lock() -> None:
    """It installs from the hash-pinned lock, then runs exactly the README's build command
    with SITE_URL set to the Pages address."""
    runs = [s for s in steps() if "run" in s]
    install = next(s["run"] for s in runs if "requirements.lock" in s["run"])
    assert "--require-hashes -r requirements.lock" in install
    assert "--no-deps ." in install
    build = next(s for s in runs if "mkdocs build" in s["run"])
    assert build["run"].strip() == readme_build_command() == "mkdocs build --strict"
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert re.search(r"(?m)^site_url: !ENV \[SITE_URL,", ROOT.joinpath("mkdocs.yml").read_text())


def test_docs_give_the_real_install() -> None:
    """The configuration page installs from the repository or a wheel, never from PyPI."""
    text = ROOT.joinpath("docs", "configuration.md").read_text("utf-8")
    assert "pip install mkdocs-briefings" not in text
    assert "--require-hashes -r requirements.lock" in text
    assert "pip install --no-deps ." in text
    assert "pip wheel --no-deps" in text
    assert "gh-deploy" in text and "site_url" in text


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built offline from a clean copy of the project's package sources."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "plugins",
        source / "plugins",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [*WHEEL, "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (built,) = out.glob("mkdocs_briefings-*.whl")
    return built


def test_wheel_holds_the_whole_plugin(wheel: Path) -> None:
    """Every module, the stylesheet, py.typed, the plugin entry point and the command."""
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "plugins" / "newsroom"
    for module in package.rglob("*.py"):
        assert f"newsroom/{module.relative_to(package).as_posix()}" in names
    assert "newsroom/templates/briefings.css" in names
    assert "newsroom/py.typed" in names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode("utf-8")
    assert "briefings = newsroom.plugin:BriefingsPlugin" in text
    assert "briefings = newsroom.cli:main" in text


def test_wheel_installs_and_loads_alone(wheel: Path, tmp_path: Path) -> None:
    """Installed (without dependencies, offline) into a folder of its own, the plugin loads
    from there, MkDocs finds its entry point and the stylesheet is beside it."""
    target = tmp_path / "installed"
    subprocess.run(
        [*INSTALL, "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    probe = (
        "import importlib.metadata as m, pathlib, newsroom.plugin as p\n"
        "ep = [e for e in m.entry_points(group='mkdocs.plugins') if e.name == 'briefings']\n"
        "print(p.__file__)\n"
        "print(ep[0].load().__module__)\n"
        "print((pathlib.Path(p.__file__).parent / 'templates' / 'briefings.css').is_file())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    where, module, stylesheet = result.stdout.split()
    assert Path(where).is_relative_to(target)
    assert module == "newsroom.plugin"
    assert stylesheet == "True"

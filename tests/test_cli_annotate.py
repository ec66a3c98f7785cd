"""Tests for ``briefings annotate``: it fills the cache so that the next build is warm."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build_site, copy_project
from spacy.language import Language

from newsroom.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command; its exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_annotate_fills_the_cache_and_the_next_build_loads_no_model(
    tmp_path: Path,
    loads: list[str | None],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One run annotates every article (and the topic's background) into .cache/briefings; a
    second has nothing to do; the site build afterwards reads every annotation without the
    model."""
    project = copy_project(tmp_path)
    config = str(project / "mkdocs.yml")
    status, out, _ = run("annotate", "--config", config, "--quiet")
    assert status == 0 and out.startswith(".cache/briefings: 2 annotated, 0 from cache")
    assert loads == [None]
    status, out, _ = run("annotate", "--config", config, "--quiet")
    assert status == 0 and "0 annotated, 2 from cache" in out

    def load_model(name: str | None = None) -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)
    with caplog.at_level(logging.INFO):
        build_site(project, strict=True)
    assert any("0 annotated, 2 from cache" in r.getMessage() for r in caplog.records)


def test_annotate_shows_a_progress_bar_on_stderr(tmp_path: Path, loads: list[str | None]) -> None:
    """Without --quiet, stderr shows the bar's count of articles (the seed and the topic)."""
    project = copy_project(tmp_path)
    status, _, err = run("annotate", "--config", str(project / "mkdocs.yml"))
    assert status == 0 and "2/2" in err and "article" in err


def without_cache(project: Path) -> None:
    """Turn the project's annotation cache off in its mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace("      seeds_dir: seeds", "      cache: false\n      seeds_dir: seeds"),
        "utf-8",
    )


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(lambda project: (project / "mkdocs.yml").unlink(), "not found", id="no-file"),
        pytest.param(without_cache, "cache is off", id="no-cache"),
    ],
)
def test_annotate_setup_errors_are_one_line_and_status_2(
    tmp_path: Path, setup: Callable[[Path], None], message: str
) -> None:
    """A missing mkdocs.yml or a disabled cache is one clear error line, exit 2."""
    project = copy_project(tmp_path)
    setup(project)
    status, _, err = run("annotate", "--config", str(project / "mkdocs.yml"))
    assert status == 2 and err.startswith("error: ") and message in err


@pytest.mark.parametrize("command", ["annotate", "check", "cache"])
def test_a_cache_inside_the_seeds_folder_is_refused(tmp_path: Path, command: str) -> None:
    """Every command that opens the cache refuses one inside seeds/ (a build never writes
    there), with exit 2 and nothing written."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - briefings:\n", "  - briefings:\n      cache_dir: seeds/.cache\n", 1
        ),
        "utf-8",
    )
    extra = ["clear"] if command == "cache" else []
    status, _, err = run(command, *extra, "--config", str(config))
    assert status == 2 and "cache_dir" in err and "seeds_dir" in err
    assert not (project / "seeds" / ".cache").exists()

"""A real ``mkdocs serve --strict`` of a small project: an added article is served, a
deleted one is gone (its page, its export, its search entries), an edited hand-written page
is served edited, and the quick (dirty) rebuilds never stop strict mode."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from test_serve import wait_for

EVAL = ROOT / "tests" / "fixtures" / "eval"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    """The body at ``url``, None for a 404."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_until(condition: Callable[[], bool], seconds: float = 120) -> bool:
    return wait_for(condition, seconds)  # a rebuild with the model's first load may take long


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    """The project (the seed article only) served by ``mkdocs serve --strict``."""
    project = copy_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_until(lambda: fetch(base) is not None), (tmp_path / "serve.log").read_text()
        yield project, base, server
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def test_serve_follows_adds_deletes_and_edits(
    served: tuple[Path, str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    project, base, server = served
    before = {b["slug"] for b in json.loads(fetch(base + "api/index.json") or "{}")["briefings"]}
    article = project / "seeds" / "lavrov-wonsan-choe.md"
    shutil.copy(EVAL / article.name, article)

    def new_slugs() -> set[str]:
        index = json.loads(fetch(base + "api/index.json") or '{"briefings": []}')
        return {b["slug"] for b in index["briefings"]} - before

    assert wait_until(lambda: bool(new_slugs())), (tmp_path / "serve.log").read_text()
    (slug,) = new_slugs()
    page, export = base + f"briefings/{slug}/", base + f"api/briefings/{slug}.json"
    assert fetch(page) is not None and fetch(export) is not None
    index = json.loads(fetch(base + "search/search_index.json") or "{}")
    assert any(d["location"].startswith(f"briefings/{slug}/") for d in index["docs"])

    article.unlink()
    assert wait_until(lambda: fetch(page) is None)
    assert fetch(export) is None
    index = json.loads(fetch(base + "search/search_index.json") or "{}")
    assert not any(slug in d["location"] for d in index["docs"])

    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nServed after an edit.\n", encoding="utf-8")
    assert wait_until(lambda: "Served after an edit" in (fetch(base + "about/") or ""))
    assert server.poll() is None, (tmp_path / "serve.log").read_text()
    log = (tmp_path / "serve.log").read_text()
    assert "'dirty' build" not in log and "Aborted" not in log

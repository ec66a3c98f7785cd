"""``mkdocs serve`` rebuilds when an input folder itself is deleted, moved or re-created
(issue 18), on MkDocs' own live-reload server with a builder that counts its calls."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from newsroom.serve import FolderWatch


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, list[float]]]:
    """A live-reload server on a free port watching ``seeds/`` through FolderWatch; yields
    the seeds folder and the times of each rebuild."""
    seeds = tmp_path / "project" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text("Headline\n\nBody.\n", "utf-8")
    (tmp_path / "site").mkdir()
    builds: list[float] = []
    server = LiveReloadServer(
        builder=lambda: builds.append(time.monotonic()),
        host="127.0.0.1",
        port=0,
        root=str(tmp_path / "site"),
        polling_interval=0.1,
    )
    FolderWatch(server, [seeds]).start()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    time.sleep(0.5)  # the observer's first snapshot
    try:
        yield seeds, builds
    finally:
        server.shutdown(wait=True)
        thread.join(timeout=10)


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_deleting_and_restoring_the_seeds_folder_rebuilds(
    serving: tuple[Path, list[float]], tmp_path: Path
) -> None:
    """Moving seeds/ away rebuilds; moving it back rebuilds again; and a file added to the
    restored folder rebuilds once more (its watch was renewed)."""
    seeds, builds = serving
    aside = tmp_path / "aside"
    seeds.rename(aside)
    assert wait_for(lambda: len(builds) >= 1)
    count = len(builds)
    aside.rename(seeds)
    assert wait_for(lambda: len(builds) > count)
    time.sleep(0.5)  # the renewed watch's first snapshot
    count = len(builds)
    (seeds / "b.txt").write_text("Another\n\nBody.\n", "utf-8")
    assert wait_for(lambda: len(builds) > count)


def test_a_seeds_folder_deleted_and_made_anew_is_watched(
    serving: tuple[Path, list[float]],
) -> None:
    """`rm -r seeds; mkdir seeds` and then a new article: each step rebuilds."""
    seeds, builds = serving
    shutil.rmtree(seeds)
    assert wait_for(lambda: len(builds) >= 1)
    seeds.mkdir()
    count = len(builds)
    assert wait_for(lambda: len(builds) > count)
    time.sleep(0.5)
    count = len(builds)
    (seeds / "new.txt").write_text("New\n\nBody.\n", "utf-8")
    assert wait_for(lambda: len(builds) > count)

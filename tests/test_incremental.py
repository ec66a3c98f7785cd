"""Serve rebuilds that render only the changed pages give the same site as a clean build:
through a series of added, edited and deleted articles, every file of ``site/`` (pages,
search index, sitemap, feeds, JSON export) is compared with a full build of the same state."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import ROOT, copy_project, forget_made

from newsroom.incremental import KeptFile, dest_of
from newsroom.plugin import BriefingsPlugin

EVAL = ROOT / "tests" / "fixtures" / "eval"
FIRST = (
    "beijing-parade",
    "kim-yo-jong-rejects-seoul",
    "nis-kursk-casualties",
    "jcs-missile-launch",
)
LATER = ("lavrov-wonsan-choe", "belousov-pyongyang", "moscow-pyongyang-flights")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path; the gzipped sitemap unpacked (its header
    holds the time it was written)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            name = path.relative_to(site).as_posix()
            files[name] = gzip.decompress(data) if name.endswith(".gz") else data
    return files


class Session:
    """A project rebuilt as ``mkdocs serve`` rebuilds it, beside clean builds of it."""

    def __init__(self, project: Path) -> None:
        from mkdocs.config import load_config

        self.project = project
        self.config = load_config(str(project / "mkdocs.yml"))
        self.plugin = cast(BriefingsPlugin, self.config.plugins["briefings"])
        self.plugin.on_startup(command="serve", dirty=False)
        self.rebuilder = self.plugin.rebuilder(self.full, self.config)
        self.full_builds = 0

    def full(self) -> None:
        """MkDocs' own serve rebuild: mkdocs.yml read again, site/ emptied, every file
        written; the plugin (and what it keeps) the same."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.full_builds += 1
        build(load_config(str(self.project / "mkdocs.yml")))

    def rebuild(self) -> None:
        """A serve rebuild as the plugin has ``mkdocs serve`` run it: a dirty build after
        articles or editorial files changed, MkDocs' own otherwise."""
        self.rebuilder()

    def clean(self, site: Path) -> dict[str, bytes]:
        """A full build of the same state into ``site``, keeping nothing from earlier."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        kept, command = self.plugin.rebuilds, self.plugin.command
        self.plugin.command = "build"
        forget_made()
        try:
            build(load_config(str(self.project / "mkdocs.yml"), site_dir=str(site)))
        finally:
            self.plugin.rebuilds, self.plugin.command = kept, command
        return site_files(site)


@pytest.fixture
def session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loads: list[str | None]
) -> Iterator[Session]:
    """A small project of four articles, its first serve build done."""
    monkeypatch.setenv("SITE_URL", "https://example.org/news/")  # sitemap and feeds in full
    seeds = tmp_path / "seeds-source"
    seeds.mkdir()
    for name in FIRST:
        shutil.copy(EVAL / f"{name}.md", seeds / f"{name}.md")
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project, seeds)
    running = Session(project)
    running.rebuild()
    yield running
    running.plugin.command = None
    running.plugin.rebuilds = type(running.plugin.rebuilds)()


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text("utf-8")), encoding="utf-8")


def changes(project: Path) -> list[tuple[str, Callable[[], Any]]]:
    """Adds, edits and deletes of articles, an editorial file and a hand-written page."""
    seeds = project / "seeds"
    topic = project / "briefings" / "topics" / "north-korea-russia.md"

    def add(name: str) -> Callable[[], Any]:
        return lambda: shutil.copy(EVAL / f"{name}.md", seeds / f"{name}.md")

    def delete(name: str) -> Callable[[], Any]:
        return lambda: (seeds / f"{name}.md").unlink()

    def append(name: str, sentence: str) -> Callable[[], Any]:
        return lambda: edit(seeds / f"{name}.md", lambda t: t.rstrip() + f"\n\n{sentence}\n")

    def front(name: str, field: str, value: str) -> Callable[[], Any]:
        """Set one front matter field of an article."""
        return lambda: edit(
            seeds / f"{name}.md",
            lambda t: "\n".join(
                f"{field}: {value}" if line.startswith(f"{field}:") else line
                for line in t.split("\n")
            ),
        )

    def retitle(name: str, title: str) -> Callable[[], Any]:
        return front(name, "title", f'"{title}"')

    def redate(name: str, date: str) -> Callable[[], Any]:
        return front(name, "date", date)

    return [
        ("add", add(LATER[0])),
        ("edit", append(FIRST[0], "Vladimir Putin met Kim Jong Un in Beijing on Thursday.")),
        ("add", add(LATER[1])),
        ("edit title", retitle(FIRST[1], "Kim Yo Jong turns down Seoul again")),
        ("delete", delete(FIRST[2])),
        ("edit", append(LATER[0], "Sergei Lavrov said the talks in Wonsan went well.")),
        ("add", add(LATER[2])),
        ("edit date", redate(FIRST[3], "2024-05-30")),
        ("re-add", add(FIRST[2])),
        ("edit", append(FIRST[2], "South Korea's spy agency gave the figures on Tuesday.")),
        ("delete", delete(LATER[1])),
        ("edit", append(FIRST[1], "North Korea's Korean Central News Agency carried it.")),
        ("editorial", lambda: edit(topic, lambda t: t.rstrip() + "\n\nOne more line.\n")),
        ("edit title", retitle(LATER[2], "Flights resume between Moscow and Pyongyang")),
        ("delete", delete(FIRST[0])),
        (
            "hand-written page",
            lambda: edit(project / "docs" / "about.md", lambda t: t + "\nMore.\n"),
        ),
        ("re-add", add(FIRST[0])),
        ("edit", append(LATER[2], "Donald Trump said nothing about the flights.")),
        ("add", add("shoigu-kursk-deminers")),
        ("edit date", redate(LATER[0], "2025-07-13")),
        ("delete", delete(LATER[2])),
        ("edit", append("shoigu-kursk-deminers", "Sergei Shoigu was in Pyongyang again.")),
    ]


def test_serve_rebuilds_give_the_site_of_a_clean_build(session: Session, tmp_path: Path) -> None:
    """After each of 22 mixed changes a serve rebuild renders only changed pages (it keeps
    some from the last build; a dirty build unless a hand-written page changed), and at
    every third and the last its site/ equals a clean build's, file by file: HTML, search
    index, sitemap, feeds and the JSON export (no file of a deleted page left behind)."""
    steps = changes(session.project)
    assert len(steps) >= 20
    site = Path(session.config.site_dir)
    kept_after_edit = []
    for number, (kind, change) in enumerate(steps, 1):
        change()
        full_builds = session.full_builds
        session.rebuild()
        assert session.full_builds == full_builds + (kind == "hand-written page"), kind
        if kind.startswith("edit") and kind != "editorial":
            kept_after_edit.append(session.plugin.rebuilds.reused)
        if number % 3 == 0 or number == len(steps):
            served, clean = site_files(site), session.clean(tmp_path / f"clean-{number}")
            assert served.keys() == clean.keys(), (kind, number)
            different = [name for name in clean if served[name] != clean[name]]
            assert different == [], (kind, number)
    assert min(kept_after_edit) > 0  # an edit re-renders a part of the site, not all of it


def test_a_kept_page_is_copied_where_mkdocs_writes_it(session: Session) -> None:
    """An unchanged generated page is a file MkDocs copies to the page's own path and URL,
    not a page it renders, and links to its .md path still resolve to it."""
    session.rebuild()
    kept_files = [f for f in session.plugin.files if isinstance(f, KeptFile)]
    kept = [f for f in kept_files if f.src_uri.endswith(".md")]
    assert kept and all(not f.is_documentation_page() for f in kept_files)
    # Unchanged data files (JSON export, feeds) are kept too, and not written again.
    assert any(f.src_uri.startswith("api/briefings/") for f in kept_files)
    assert not any(f.is_modified() for f in kept_files)
    for file in kept:
        assert file.dest_uri == dest_of(file.src_uri)
        assert file.url == file.dest_uri.removesuffix("index.html")
    assert dest_of("actors/kim-jong-un.md") == "actors/kim-jong-un/index.html"
    assert dest_of("briefings/index.md") == "briefings/index.html"

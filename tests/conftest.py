"""Shared fixtures: the spaCy model and one real site build per session."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsroom.model import Article, Editorial

ROOT = Path(__file__).resolve().parent.parent
# Three evaluation articles that, with the seed, make a small corpus for annotation tests.
SAMPLE = ("beijing-parade.md", "kim-yo-jong-rejects-seoul.md", "nis-kursk-casualties.md")
SEED_SLUG = "kim-jong-un-and-putin-discuss-alliance-and-war-efforts-against-ukraine"


@dataclass(frozen=True)
class Site:
    """A built site in a temporary project folder."""

    project: Path
    site: Path

    def html(self, url: str) -> str:
        """The HTML of a page by its URL path (``briefings/<slug>/``)."""
        return (self.site / url / "index.html").read_text("utf-8")

    def json(self, path: str) -> Any:
        return json.loads((self.site / "api" / path).read_text("utf-8"))


def copy_project(target: Path, seeds: Path | None = None) -> Path:
    """A copy of the project's site sources (mkdocs.yml, docs, briefings, seeds) in ``target``."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "briefings", target / "briefings")
    shutil.copytree(seeds or ROOT / "seeds", target / "seeds", symlinks=True)
    return target


def forget_made() -> None:
    """Drop what earlier builds of this process made (briefing and actor pages, related
    lists, front matter, feeds, exports, the corpus seen last and each briefing's part of
    it), so that the next build makes everything anew."""
    from newsroom import api, corpus, feeds, pages
    from newsroom.pages import actor, briefing, changes, indexes, topics

    actor.MADE.clear()
    actor.OLDER.clear()
    briefing.MADE.clear()
    briefing.RELATED.clear()
    pages.WITH_FRONT.clear()
    changes.forget()
    api.EXPORTED.clear()
    feeds.atom_of.cache_clear()
    pages.front_matter.cache_clear()
    topics.MADE.clear()
    indexes.MADE.clear()
    api.INDEXED.clear()
    api.INDEX_TEXT.clear()
    pages.META.clear()
    feeds.ENTRIES.clear()
    corpus.PARTS.clear()


def build_site(project: Path, strict: bool = False) -> Path:
    """Build the site of ``project`` with MkDocs' own build command; returns site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=strict)
    build(config)
    return Path(config.site_dir)


def span_of(doc: Doc, text: str) -> Span:
    """The first span of ``doc`` whose text is ``text``."""
    words = text.split()
    for i in range(len(doc) - len(words) + 1):
        if [t.text for t in doc[i : i + len(words)]] == words:
            return doc[i : i + len(words)]
    raise AssertionError(f"{text!r} not in {doc.text!r}")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real English pipeline, loaded once per session."""
    from newsroom.nlp.pipeline import load_model

    return load_model()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> Iterator[list[str | None]]:
    """Counts model loads; each load hands out the session's pipeline."""
    calls: list[str | None] = []

    def load_model(name: str | None = None) -> Language:
        calls.append(name)
        return nlp

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)
    yield calls


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real site built once from the real seeds, in a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    yield Site(project, build_site(project, strict=True))


@pytest.fixture(scope="session")
def articles() -> tuple[Article, ...]:
    """Three evaluation articles and the seed."""
    from newsroom.seeds import load_articles

    fixtures = load_articles(ROOT / "tests" / "fixtures" / "eval").articles
    chosen = tuple(a for a in fixtures if a.path.name in SAMPLE)
    return (*chosen, *load_articles(ROOT / "seeds").articles)


@pytest.fixture(scope="session")
def editorial() -> Editorial:
    """The project's own editorial layer."""
    from newsroom.editorial import load_editorial

    return load_editorial(ROOT / "briefings").editorial


Resolve = Callable[[str], dict[str, str]]


@pytest.fixture(scope="session")
def resolve(nlp: Language) -> Resolve:
    """Text -> {mention text: actor id}, resolved with the shipped registry."""
    from newsroom.editorial import load_editorial
    from newsroom.nlp.actors import MENTIONS_KEY, build_resolver, run_resolver

    resolver = build_resolver(load_editorial(ROOT / "briefings").editorial.actors, nlp)

    def run(text: str) -> dict[str, str]:
        doc = run_resolver(resolver, nlp(text))
        return {span.text: span.id_ for span in doc.spans[MENTIONS_KEY]}

    return run

"""URL slugs from headlines, unique across the seeds folder and stable as it grows."""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from slugify import slugify

from ..model import Article

# Generated pages that share the briefings folder: a headline can never take their URL.
RESERVED_SLUGS = {"index"}


def make_slug(title: str, fallback: str) -> str:
    """The URL slug of a headline: ASCII, lowercase, at most 80 characters, cut at a word
    (the first words, in order: slugify would otherwise skip a long word for shorter ones)."""
    slug = slugify(title, max_length=80, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=80) or "briefing"


@dataclass(frozen=True)
class Slugs:
    """An assignment of slugs: the articles as given, each one's slug before collisions are
    resolved, each given article with its own slug, and the articles as
    :func:`assign_slugs` returns them. The next assignment reuses it (``mkdocs serve``)."""

    given: tuple[Article, ...] = ()
    bases: tuple[str, ...] = ()
    own: tuple[Article, ...] = ()
    articles: tuple[Article, ...] = ()


def assign_slugs(articles: Sequence[Article]) -> list[Article]:
    """Slugs from headlines; on a collision the oldest keeps the plain slug, others get a suffix
    derived from their own file path, so that adding a newer article never renames another
    (an older one would take the plain slug: ``briefings add`` refuses to add it so)."""
    return list(slug_articles(articles).articles)


def slug_articles(articles: Sequence[Article], previous: Slugs | None = None) -> Slugs:
    """As :func:`assign_slugs`. An article of the ``previous`` assignment given again (the
    same object) keeps its headline's slug, and its slugged object while its slug stays;
    the same articles in the same order get the previous assignment back."""
    prior = previous or Slugs()
    if len(prior.given) == len(articles) and all(map(operator.is_, prior.given, articles)):
        return prior
    known = {id(article): index for index, article in enumerate(prior.given)}
    bases = [
        prior.bases[known[id(article)]]
        if id(article) in known
        else make_slug(article.title, article.path.stem)
        for article in articles
    ]
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].date or dt.date.max, articles[i].path.as_posix()),
    )
    taken: set[str] = set(RESERVED_SLUGS)
    slugs = [""] * len(articles)
    last: dict[Path, int] = {}  # a path given twice: the later in order wins
    for i in order:
        slugs[i] = free_slug(bases[i], articles[i].path, taken)
        taken.add(slugs[i])
        last[articles[i].path] = i
    own = []
    for article, slug in zip(articles, slugs, strict=True):
        index = known.get(id(article))
        if index is not None and prior.own[index].slug == slug:
            own.append(prior.own[index])
        else:
            own.append(replace(article, slug=slug))
    slugged = tuple(own[last[article.path]] for article in articles)
    return Slugs(tuple(articles), tuple(bases), tuple(own), slugged)


def free_slug(base: str, path: Path, taken: set[str]) -> str:
    """``base``, or when it is taken, ``base`` with a suffix derived from ``path`` (a longer
    digest only where a headline happens to end like another's suffix)."""
    if base not in taken:
        return base
    digest = hashlib.sha1(path.as_posix().encode()).hexdigest()
    for n in (6, 10, 40):
        if f"{base}-{digest[:n]}" not in taken:
            return f"{base}-{digest[:n]}"
    counter = 2
    while f"{base}-{digest}-{counter}" in taken:
        counter += 1
    return f"{base}-{digest}-{counter}"

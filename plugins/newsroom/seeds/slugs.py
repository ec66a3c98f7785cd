"""URL slugs from headlines, unique across the seeds folder and stable as it grows."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
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


def assign_slugs(articles: list[Article]) -> list[Article]:
    """Slugs from headlines; on a collision the oldest keeps the plain slug, others get a suffix
    derived from their own file path, so that adding a newer article never renames another
    (an older one would take the plain slug: ``briefings add`` refuses to add it so)."""
    ordered = sorted(articles, key=lambda a: (a.date or dt.date.max, a.path.as_posix()))
    taken: set[str] = set(RESERVED_SLUGS)
    slugged: dict[Path, Article] = {}
    for article in ordered:
        base = make_slug(article.title, article.path.stem)
        digest = hashlib.sha1(article.path.as_posix().encode()).hexdigest()
        # A longer digest only where a headline happens to end like another's suffix.
        candidates = (base, *(f"{base}-{digest[:n]}" for n in (6, 10, 40)))
        slug = next((c for c in candidates if c not in taken), None)
        counter = 2
        while slug is None or slug in taken:
            slug, counter = f"{base}-{digest}-{counter}", counter + 1
        taken.add(slug)
        slugged[article.path] = replace(article, slug=slug)
    return [slugged[a.path] for a in articles]

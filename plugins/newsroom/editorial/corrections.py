"""``corrections.yml``: an editor's rulings on single mentions."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from ..model import Article, Correction, Problem
from .entries import CorrectionEntry
from .files import checked_entries, read_entries
from .registry import ACTORS_FILE

CORRECTIONS_FILE = "corrections.yml"


def load_corrections(
    path: Path, known: Collection[str], problems: list[Problem]
) -> tuple[tuple[Correction, int | None], ...]:
    """Every valid correction of ``path`` naming a known actor, with its line."""
    rel = CORRECTIONS_FILE
    document, items = read_entries(path, "corrections", rel, problems)
    found = []
    for loc, entry in checked_entries(
        document, items, "corrections", CorrectionEntry, rel, problems
    ):
        if entry.actor is not None and entry.actor not in known:
            problems.append(
                Problem(
                    rel,
                    f"field `actor`: unknown actor id `{entry.actor}`; add it to {ACTORS_FILE} "
                    "first",
                    document.line((*loc, "actor")),
                )
            )
            continue
        correction = Correction(entry.article, entry.text, entry.actor, entry.occurrence)
        found.append((correction, document.line(loc)))
    return tuple(found)


def corrections_naming(article: Article, corrections: Sequence[Correction]) -> list[Correction]:
    """The corrections that name an article by slug, file path, file name or stem: the ones
    ``nlp/annotate.py`` applies to it."""
    names = article_names(article)
    return [c for c in corrections if c.article in names]


def article_names(article: Article) -> set[str]:
    """Every name a correction may call an article by."""
    return {article.slug, article.path.as_posix(), article.path.name, article.path.stem}

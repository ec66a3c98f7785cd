"""Read and validate ``briefings/``: the actor registry, topics and corrections.

Every file goes through the one YAML reader (:mod:`newsroom.yamlfile`) and every entry
through its schema (:mod:`.entries`); an error names the file, the line and the field, a
bad entry is reported and left out, and the rest of the editorial layer still loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Actor, Article, Editorial, Problem
from ..schema import ID_PATTERN, is_id
from .corrections import CORRECTIONS_FILE, article_names, corrections_naming, load_corrections
from .entries import ActorEntry
from .registry import ACTORS_FILE, actor_of, load_actors
from .topics import TOPICS_DIR, load_topics

__all__ = [
    "ACTORS_FILE",
    "CORRECTIONS_FILE",
    "ID_PATTERN",
    "TOPICS_DIR",
    "EditorialLoad",
    "corrections_naming",
    "is_id",
    "load_editorial",
    "parse_actor",
    "with_articles",
]


@dataclass(frozen=True)
class EditorialLoad:
    """The editorial layer and every problem found loading it; ``correction_lines`` gives
    the line of each correction, in order."""

    editorial: Editorial
    problems: tuple[Problem, ...]
    correction_lines: tuple[int | None, ...] = ()


def load_editorial(editorial_dir: Path) -> EditorialLoad:
    """Load the registry, the topics and the corrections under ``editorial_dir``."""
    problems: list[Problem] = []
    actors = load_actors(editorial_dir / ACTORS_FILE, problems)
    known = {a.id for a in actors}
    topics = load_topics(editorial_dir / TOPICS_DIR, known, problems)
    corrections = load_corrections(editorial_dir / CORRECTIONS_FILE, known, problems)
    return EditorialLoad(
        Editorial(actors, topics, tuple(c for c, _ in corrections)),
        tuple(problems),
        tuple(line for _, line in corrections),
    )


def with_articles(load: EditorialLoad, articles: Sequence[Article]) -> EditorialLoad:
    """The load without the corrections that name no article (each reported: a typo in
    the article's name would otherwise leave the mistake it corrects in place)."""
    names = set().union(*(article_names(a) for a in articles)) if articles else set()
    kept, lines, problems = [], [], list(load.problems)
    for index, correction in enumerate(load.editorial.corrections):
        line = load.correction_lines[index] if index < len(load.correction_lines) else None
        if correction.article in names:
            kept.append(correction)
            lines.append(line)
            continue
        problems.append(
            Problem(
                CORRECTIONS_FILE,
                f"field `article`: no article is named `{correction.article}`; use the "
                "briefing's slug or the seed file's name",
                line,
            )
        )
    editorial = replace(load.editorial, corrections=tuple(kept))
    return EditorialLoad(editorial, tuple(problems), tuple(lines))


def parse_actor(entry: object) -> Actor:
    """One registry entry (plain data) to an Actor; raise ValueError naming the problem."""
    from ..yamlfile import Document, validate

    checked, errors = validate(ActorEntry, entry, Document(entry, {}))
    if checked is None:
        raise ValueError("; ".join(message for _, message in errors))
    return actor_of(checked)

"""``actors.yml``: who is who."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..model import Actor, Metonym, Problem, Role
from .entries import ActorEntry, RoleEntry
from .files import checked_entries, guarded, read_entries

ACTORS_FILE = "actors.yml"


def actor_of(entry: ActorEntry) -> Actor:
    """A checked registry entry as an :class:`Actor`."""
    roles = (*((entry.role,) if entry.role else ()), *entry.roles)
    return Actor(
        id=entry.id,
        name=entry.name,
        type=entry.type,  # type: ignore[arg-type]  # checked against ACTOR_TYPES
        description=entry.description or "",
        aliases=entry.aliases,
        demonyms=entry.demonyms,
        metonyms=tuple(Metonym(m.text, m.note) for m in entry.metonyms),
        roles=tuple(_role(r) for r in roles),
        wikidata=entry.wikidata,
        kind=entry.kind,  # type: ignore[arg-type]  # checked against SOURCE_KINDS
        pronoun=entry.pronoun,  # type: ignore[arg-type]  # checked against PRONOUNS
    )


def _role(entry: RoleEntry) -> Role:
    return Role(entry.title, entry.since, entry.until)


def load_actors(path: Path, problems: list[Problem]) -> tuple[Actor, ...]:
    """Every valid, distinct actor of the registry at ``path``."""
    rel = ACTORS_FILE
    document, items = read_entries(path, "actors", rel, problems)
    actors: dict[str, Actor] = {}
    surfaces: dict[str, str] = {}
    for loc, entry in checked_entries(document, items, "actors", ActorEntry, rel, problems):
        line = document.line(loc)
        actor = guarded(partial(actor_of, entry), rel, line, problems)
        if actor is None:
            continue
        if actor.id in actors:
            problems.append(
                Problem(rel, f"duplicate actor id `{actor.id}`; merge the entries", line)
            )
            continue
        for surface in (
            actor.name,
            *actor.aliases,
            *actor.demonyms,
            *(m.text for m in actor.metonyms),
        ):
            other = surfaces.setdefault(surface, actor.id)
            if other != actor.id:
                problems.append(
                    Problem(
                        rel,
                        f"`{surface}` names both `{other}` and `{actor.id}`; keep it on one actor",
                        line,
                        "warning",
                    )
                )
        actors[actor.id] = actor
    return tuple(actors.values())

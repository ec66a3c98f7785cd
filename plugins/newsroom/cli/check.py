"""``briefings check``: every problem of every input file, then the actors the registry
does not know, with a stub to paste."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import yaml

from ..model import Problem
from ..seeds import Loaded, load_articles
from .project import load_project, plural, print_problems

if TYPE_CHECKING:
    from ..corpus import Corpus

ACTORS_FILE = "actors.yml"


@dataclass(frozen=True)
class UnknownActor:
    """An actor the registry lacks, as the corpus saw it."""

    id: str
    name: str
    type: str
    mentions: int
    briefings: int
    surfaces: tuple[str, ...]  # most frequent first


def unknown_actors(corpus: Corpus) -> list[UnknownActor]:
    """Actors named in the briefings that the registry does not know, most-mentioned first."""
    found = []
    for actor in corpus.actors.values():
        if actor.registered:
            continue
        refs = corpus.mentions.get(actor.id, ())
        surfaces = Counter(ref.mention.text for ref in refs)
        found.append(
            UnknownActor(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                mentions=len(refs),
                briefings=len(corpus.briefings_of(actor.id)),
                surfaces=tuple(s for s, _ in sorted(surfaces.items(), key=lambda i: (-i[1], i[0]))),
            )
        )
    return sorted(found, key=lambda a: (-a.mentions, a.id))


class _StubDumper(yaml.SafeDumper):
    """Writes an empty string as "" (a field to fill in), not ''."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if not value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_StubDumper.add_representer(str, _represent_str)


def registry_stub(actors: Sequence[UnknownActor]) -> str:
    """Entries ready to paste under ``actors:`` in the registry (indented like it)."""
    entries = [
        {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "description": "",
            "aliases": [s for s in actor.surfaces if s != actor.name],
        }
        for actor in actors
    ]
    text = yaml.dump(
        entries,
        Dumper=_StubDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=1_000_000,
    )
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(True))


def run_check(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes] | None) -> int:
    """``briefings check``: report every problem of every input file, then the actors the
    registry does not know; exit 1 on any error."""
    from mkdocs.exceptions import PluginError

    from ..corpus import build_corpus
    from ..editorial import load_editorial, with_articles
    from ..plugin import annotate_each, make_annotator

    project = load_project(Path(args.config))
    loaded: Loaded = load_articles(project.path("seeds_dir"), project.options.max_article_bytes)
    editorial = with_articles(load_editorial(project.path("editorial_dir")), loaded.articles)
    print_problems(loaded.problems, project.shown("seeds_dir"), out)
    print_problems(editorial.problems, project.shown("editorial_dir"), out)
    problems: tuple[Problem, ...] = (*loaded.problems, *editorial.problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    print(
        f"{len(loaded.articles)} articles, {len(editorial.editorial.actors)} registry actors: "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}",
        file=out,
    )
    cache_dir = project.path("cache_dir") if project.options.cache else None
    annotator = make_annotator(project.options, cache_dir)
    try:
        briefings, failed = annotate_each(annotator, loaded.articles, editorial.editorial)
    except PluginError as error:  # no model, no Dask
        print(f"error: {error}", file=err)
        return 2
    print_problems(failed, project.shown("seeds_dir"), out)
    errors += len(failed)
    print(f"annotation: {annotator.report}", file=err)
    unknown = unknown_actors(build_corpus(briefings, editorial.editorial))
    if unknown:
        registry = f"{project.shown('editorial_dir')}/{ACTORS_FILE}"
        print(
            f"\n{len(unknown)} actors the registry does not know, most-mentioned first:", file=out
        )
        width = max(len(str(a.mentions)) for a in unknown)
        for actor in unknown:
            seen = ", ".join(f"“{s}”" for s in actor.surfaces)
            print(
                f"  {actor.mentions:>{width}}  {actor.name} ({actor.type}, "
                f"{plural(actor.briefings, 'briefing')}; as {seen})",
                file=out,
            )
        print(
            f"\nTo add them, check each type and write a description, then paste under "
            f"`actors:` in {registry}:\n",
            file=out,
        )
        print(registry_stub(unknown), end="", file=out)
    else:
        print("every actor named in the briefings is in the registry", file=out)
    return 1 if errors else 0

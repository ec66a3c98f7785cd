"""Read and validate ``briefings/``: the actor registry, topics and corrections.

Every error names the file, the line and the field; a bad entry is skipped and reported,
the rest of the editorial layer still loads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from .model import (
    ACTOR_TYPES,
    PRONOUNS,
    SOURCE_KINDS,
    Actor,
    Article,
    Correction,
    Editorial,
    Metonym,
    Problem,
    Role,
    Topic,
    TopicEvent,
)
from .text import clean_text

ACTORS_FILE = "actors.yml"
CORRECTIONS_FILE = "corrections.yml"
TOPICS_DIR = "topics"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids that would replace a section's index page (actors/index.md, background/index.md).
RESERVED_IDS = {"index"}
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return cast(dict[str, Any], mapping)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class EditorialLoad:
    editorial: Editorial
    problems: tuple[Problem, ...]


class EntryError(Exception):
    """One invalid field of one entry."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_yaml(path: Path, rel: str, text: str | None = None, line_offset: int = 0) -> Any:
    """Parse YAML with line numbers; raise EntryError naming the line on a syntax error."""
    try:
        source = path.read_text(encoding="utf-8-sig") if text is None else text
        return yaml.load(source, Loader=_LineLoader)
    except UnicodeDecodeError:
        raise EntryError("not UTF-8 text; re-save the file as UTF-8", None) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise EntryError(f"malformed YAML: {problem}; fix the syntax", line) from None


def load_editorial(editorial_dir: Path) -> EditorialLoad:
    """Load the registry, the topics and the corrections under ``editorial_dir``."""
    problems: list[Problem] = []
    actors = _load_actors(editorial_dir / ACTORS_FILE, problems)
    known = {a.id for a in actors}
    topics = _load_topics(editorial_dir / TOPICS_DIR, known, problems)
    corrections = _load_corrections(editorial_dir / CORRECTIONS_FILE, known, problems)
    return EditorialLoad(Editorial(actors, topics, corrections), tuple(problems))


def _rel(path: Path) -> str:
    """A file's path as problems report it: relative to the editorial folder."""
    return f"{TOPICS_DIR}/{path.name}" if path.parent.name == TOPICS_DIR else path.name


def _entries(path: Path, key: str, problems: list[Problem]) -> list[Any]:
    if not path.is_file():
        return []
    try:
        data = load_yaml(path, _rel(path))
    except EntryError as error:
        problems.append(Problem(_rel(path), error.message, error.line))
        return []
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(Problem(_rel(path), f"expected a top-level `{key}:` list", 1))
        return []
    return cast(list[Any], data[key])


def _text(
    entry: Mapping[str, Any], field: str, line: int | None, required: bool = False
) -> str | None:
    value = entry.get(field)
    if value is None:
        if required:
            raise EntryError(f"field `{field}` is required; add `{field}: ...` to this entry", line)
        return None
    if isinstance(value, (dict, list)):
        raise EntryError(f"field `{field}` must be text", line)
    return clean_text(str(value)) or None


def _texts(entry: Mapping[str, Any], field: str, line: int | None) -> tuple[str, ...]:
    value = entry.get(field) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise EntryError(f"field `{field}` must be a list of text", line)
    return tuple(" ".join(str(v).split()) for v in value if str(v).strip())


def _partial_date(value: Any, field: str, line: int | None) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not PARTIAL_DATE.match(text):
        raise EntryError(f"field `{field}` is {text!r}; write YYYY, YYYY-MM or YYYY-MM-DD", line)
    return text


def parse_actor(entry: Any) -> Actor:
    """One registry entry to an Actor; raise EntryError naming the field."""
    if not isinstance(entry, dict):
        raise EntryError("each actor must be a mapping (id:, name:, type:, ...)", None)
    line = entry.get(LINE)
    known_fields = {
        "id", "name", "type", "description", "aliases", "demonyms", "metonyms", "roles",
        "role", "wikidata", "kind", "pronoun", LINE,
    }  # fmt: skip
    for field in entry:
        if field not in known_fields:
            raise EntryError(
                f"unknown field `{field}`; expected one of "
                + ", ".join(sorted(known_fields - {LINE})),
                line,
            )
    actor_id = _text(entry, "id", line, required=True) or ""
    if actor_id in RESERVED_IDS:
        raise EntryError(
            f"field `id`: `{actor_id}` is reserved for the index page; choose another", line
        )
    if not ID_PATTERN.match(actor_id):
        raise EntryError(f"field `id` is {actor_id!r}; use lowercase words joined by hyphens", line)
    name = _text(entry, "name", line, required=True) or ""
    actor_type = _text(entry, "type", line, required=True)
    if actor_type not in ACTOR_TYPES:
        raise EntryError(
            f"field `type` is {actor_type!r}; use one of {', '.join(ACTOR_TYPES)}", line
        )
    kind = _text(entry, "kind", line)
    if kind is not None and kind not in SOURCE_KINDS:
        raise EntryError(f"field `kind` is {kind!r}; use one of {', '.join(SOURCE_KINDS)}", line)
    pronoun = _text(entry, "pronoun", line)
    if pronoun is not None and actor_type != "person":
        raise EntryError("field `pronoun` is for people only; remove it", line)
    if pronoun is not None and pronoun not in PRONOUNS:
        raise EntryError(f"field `pronoun` is {pronoun!r}; use one of {', '.join(PRONOUNS)}", line)
    wikidata = _text(entry, "wikidata", line)
    if wikidata is not None and not re.match(r"^Q\d+$", wikidata):
        raise EntryError(f"field `wikidata` is {wikidata!r}; use a Q-id such as Q56226", line)
    metonyms = []
    for item in entry.get("metonyms") or []:
        if not isinstance(item, dict) or not item.get("text"):
            raise EntryError("each of `metonyms` needs `text:` and `note:`", line)
        metonyms.append(Metonym(str(item["text"]), _text(item, "note", line, required=True) or ""))
    roles = []
    raw_roles = entry.get("roles") or []
    if "role" in entry:
        raw_roles = [entry["role"], *raw_roles]
    for item in raw_roles:
        if isinstance(item, str):
            item = {"title": item}
        if not isinstance(item, dict):
            raise EntryError("each of `roles` needs `title:` (and `since:`/`until:`)", line)
        item_line = item.get(LINE, line)
        roles.append(
            Role(
                _text(item, "title", item_line, required=True) or "",
                _partial_date(item["since"], "since", item_line) if item.get("since") else None,
                _partial_date(item["until"], "until", item_line) if item.get("until") else None,
            )
        )
    return Actor(
        id=actor_id,
        name=name,
        type=actor_type,
        description=_text(entry, "description", line) or "",
        aliases=_texts(entry, "aliases", line),
        demonyms=_texts(entry, "demonyms", line),
        metonyms=tuple(metonyms),
        roles=tuple(roles),
        wikidata=wikidata,
        kind=kind,
        pronoun=pronoun,
    )


def _load_actors(path: Path, problems: list[Problem]) -> tuple[Actor, ...]:
    actors: dict[str, Actor] = {}
    surfaces: dict[str, str] = {}
    for entry in _entries(path, "actors", problems):
        line = entry.get(LINE) if isinstance(entry, dict) else None
        try:
            actor = parse_actor(entry)
        except EntryError as error:
            problems.append(Problem(_rel(path), error.message, error.line))
            continue
        if actor.id in actors:
            problems.append(
                Problem(_rel(path), f"duplicate actor id `{actor.id}`; merge the entries", line)
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
                        _rel(path),
                        f"`{surface}` names both `{other}` and `{actor.id}`; keep it on one actor",
                        line,
                        "warning",
                    )
                )
        actors[actor.id] = actor
    return tuple(actors.values())


def _load_corrections(
    path: Path, known: set[str], problems: list[Problem]
) -> tuple[Correction, ...]:
    corrections = []
    for entry in _entries(path, "corrections", problems):
        line = entry.get(LINE) if isinstance(entry, dict) else None
        try:
            if not isinstance(entry, dict):
                raise EntryError(
                    "each correction must be a mapping (article:, text:, actor:)", None
                )
            for field in entry:
                if field not in {"article", "text", "actor", "occurrence", "note", LINE}:
                    raise EntryError(
                        f"unknown field `{field}`; expected article, text, actor, occurrence or note",
                        line,
                    )
            article = _text(entry, "article", line, required=True) or ""
            text = _text(entry, "text", line, required=True) or ""
            if "actor" not in entry:
                raise EntryError(
                    "field `actor` is required: an actor id, or `null` for not an entity", line
                )
            actor = _text(entry, "actor", line)
            if actor is not None and actor not in known and not ID_PATTERN.match(actor):
                raise EntryError(f"field `actor` is {actor!r}; use an actor id", line)
            if actor is not None and actor not in known:
                raise EntryError(
                    f"field `actor`: unknown actor id `{actor}`; add it to {ACTORS_FILE} first",
                    line,
                )
            occurrence = entry.get("occurrence")
            if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
                raise EntryError("field `occurrence` must be a whole number from 1", line)
        except EntryError as error:
            problems.append(Problem(_rel(path), error.message, error.line))
            continue
        corrections.append(Correction(article, text, actor, occurrence))
    return tuple(corrections)


def _load_topics(folder: Path, known: set[str], problems: list[Problem]) -> tuple[Topic, ...]:
    if not folder.is_dir():
        return ()
    topics = []
    for path in sorted(folder.glob("*.md")):
        rel = f"{TOPICS_DIR}/{path.name}"
        try:
            topics.append(parse_topic(path, known))
        except EntryError as error:
            problems.append(Problem(rel, error.message, error.line))
    return tuple(topics)


def parse_topic(path: Path, known: set[str]) -> Topic:
    """One topic file: YAML front matter (title, summary, actors, timeline), then Markdown."""
    try:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise EntryError("not UTF-8 text; re-save the file as UTF-8", None) from None
    match = re.match(r"\A---[ \t]*\n(.*?\n)^---[ \t]*$\n?", text, re.S | re.M)
    if not match:
        raise EntryError("needs YAML front matter between --- lines (title, summary, actors)", 1)
    meta = load_yaml(path, path.name, match.group(1), line_offset=1)
    if not isinstance(meta, dict):
        raise EntryError("front matter must be a mapping", 2)
    line = 2
    topic_id = path.stem
    if topic_id in RESERVED_IDS:
        raise EntryError(
            "the file name `index.md` is reserved for the topics index; rename it", None
        )
    if not ID_PATTERN.match(topic_id):
        raise EntryError("file name must be lowercase words joined by hyphens", None)
    actors = _texts(meta, "actors", line)
    for actor in actors:
        if actor not in known:
            raise EntryError(
                f"field `actors`: unknown actor id `{actor}`; add it to {ACTORS_FILE} first", line
            )
    events = []
    for item in meta.get("timeline") or []:
        if not isinstance(item, dict):
            raise EntryError("each timeline event needs date:, text: and source:", line)
        item_line = item.get(LINE, line)
        if "date" not in item:
            raise EntryError("timeline event: field `date` is required", item_line)
        event_actors = _texts(item, "actors", item_line)
        unknown = [a for a in event_actors if a not in known]
        if unknown:
            raise EntryError(
                f"timeline event: unknown actor id `{unknown[0]}`; add it to {ACTORS_FILE} first",
                item_line,
            )
        events.append(
            TopicEvent(
                date=_partial_date(item["date"], "date", item_line),
                text=_text(item, "text", item_line, required=True) or "",
                source=_text(item, "source", item_line, required=True) or "",
                actors=event_actors,
                url=_text(item, "url", item_line),
            )
        )
    return Topic(
        id=topic_id,
        title=_text(meta, "title", line, required=True) or topic_id,
        summary=_text(meta, "summary", line) or "",
        body=text[match.end() :].strip(),
        actors=actors,
        timeline=tuple(sorted(events, key=lambda e: e.date)),
    )


def corrections_naming(article: Article, corrections: Sequence[Correction]) -> list[Correction]:
    """The corrections that name an article by slug, file path, file name or stem: the ones
    ``nlp/annotate.py`` applies to it."""
    names = {article.slug, article.path.as_posix(), article.path.name, article.path.stem}
    return [c for c in corrections if c.article in names]

"""``topics/<id>.md``: background topics, front matter then Markdown."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import partial
from pathlib import Path

from ..model import Problem, Topic, TopicEvent
from ..schema import is_id
from ..text import printable
from ..yamlfile import YamlError, parse_yaml, read_bytes, validate
from .entries import RESERVED_IDS, EventEntry, TopicEntry
from .files import guarded
from .registry import ACTORS_FILE

TOPICS_DIR = "topics"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)^---[ \t]*$\n?", re.S | re.M)
MAX_TOPIC_BYTES = 1_000_000
# A pymdownx snippet line ("--8<-- file") would make Markdown read a file or stop the build
# when it is missing; `;` is the extension's own escape: the line shows as written.
SNIPPET = re.compile(r"^([ \t]*)(-+8<-+)", re.M)


def load_topics(folder: Path, known: Collection[str], problems: list[Problem]) -> tuple[Topic, ...]:
    """Every valid topic file of ``folder``, by file name."""
    if not folder.is_dir():
        return ()
    topics = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md")
    except OSError as error:
        problems.append(Problem(TOPICS_DIR, f"cannot be read ({error.strerror or error})"))
        return ()
    for path in paths:
        rel = f"{TOPICS_DIR}/{printable(path.name)}"
        topic = guarded(partial(parse_topic, path, rel, known, problems), rel, None, problems)
        if topic is not None:
            topics.append(topic)
    return tuple(topics)


def parse_topic(
    path: Path, rel: str, known: Collection[str], problems: list[Problem]
) -> Topic | None:
    """One topic file, or None with its problems reported."""

    def fail(message: str, line: int | None = None) -> Topic | None:
        problems.append(Problem(rel, message, line))
        return None

    topic_id = path.stem
    if topic_id in RESERVED_IDS:
        return fail("the file name `index.md` is reserved for the topics index; rename it")
    if not is_id(topic_id) or path.suffix != ".md":
        return fail("file name must be lowercase words joined by hyphens, ending in .md")
    try:
        data = read_bytes(path, MAX_TOPIC_BYTES)
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return fail("not UTF-8 text; re-save the file as UTF-8")
    except YamlError as error:
        return fail(error.message, error.line)
    except OSError as error:
        return fail(f"cannot be read ({error.strerror or error}); check its permissions")
    match = FRONT_MATTER.match(text)
    if not match:
        return fail("needs YAML front matter between --- lines (title, summary, actors)", 1)
    try:
        document = parse_yaml(match.group(1), line_offset=1)
    except YamlError as error:
        return fail(error.message, error.line)
    meta = document.data
    if not isinstance(meta, dict):
        return fail("front matter must be fields (title:, summary:, actors:)", 2)
    entry, errors = validate(
        TopicEntry, {k: v for k, v in meta.items() if k != "timeline"}, document
    )
    timeline = meta.get("timeline") or []
    if not isinstance(timeline, list):
        errors.append(
            (
                document.line(("timeline",)),
                "field `timeline` must be a list of events (date:, text:, source:)",
            )
        )
    for where, message in errors:
        fail(message, where or 2)
    if entry is None or errors:
        return None
    for index, actor in enumerate(entry.actors):
        if actor not in known:
            return fail(
                f"field `actors`: unknown actor id `{actor}`; add it to {ACTORS_FILE} first",
                document.line(("actors", index)),
            )
    events = []
    for index, item in enumerate(timeline):
        loc = ("timeline", index)
        event, event_errors = validate(EventEntry, item, document, loc)
        for where, message in event_errors:
            fail(f"timeline event left out: {message}", where)
        if event is None:
            continue
        unknown = [a for a in event.actors if a not in known]
        if unknown:
            fail(
                f"timeline event left out: unknown actor id `{unknown[0]}`; add it to "
                f"{ACTORS_FILE} first",
                document.line(loc),
            )
            continue
        events.append(TopicEvent(event.date, event.text, event.source, event.actors, event.url))
    body = SNIPPET.sub(r"\1;\2", text[match.end() :].strip())
    return Topic(
        id=topic_id,
        title=entry.title,
        summary=entry.summary or "",
        body=body,
        actors=entry.actors,
        timeline=tuple(sorted(events, key=lambda e: e.date)),
    )

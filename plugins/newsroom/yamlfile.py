"""The one reader of every YAML file an editor writes (front matter, sidecars, actors.yml,
corrections.yml, topic front matter), and the check of what it read against a schema.

YAML from outside is bounded before it is trusted: the file's size is capped, anchors and
aliases are refused (an alias bomb of a few hundred bytes expands to gigabytes), nesting is
capped, and every scalar stays the text the editor wrote (``null`` and ``~`` aside): a
schema, not YAML's implicit typing, decides what ``2025-02-30``, ``yes`` or ``5`` mean.
Every value keeps its line, so an error names it as ``path:line``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

# Editorial files are hand-written: a registry of thousands of actors is a few hundred KB.
MAX_YAML_BYTES = 4_000_000
MAX_DEPTH = 32
NULL_TAG = "tag:yaml.org,2002:null"
# The tags plain YAML resolves by itself; an explicit other one (!!python/object, !!binary,
# !custom) asks for a constructor no editorial file needs.
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

Loc = tuple[str | int, ...]
Model = TypeVar("Model", bound=BaseModel)


class YamlError(Exception):
    """A YAML file (or block) that cannot be read; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Document:
    """What a YAML text holds, as plain data (dicts, lists, text, None), and the line of
    every value and key by its location (``("actors", 3, "roles")``)."""

    data: Any
    lines: Mapping[Loc, int]
    # Problems found inside one part (a field written twice): by where, so that only the
    # entry holding them is left out.
    flaws: tuple[tuple[Loc, int, str], ...] = ()

    def flaws_in(self, loc: Loc) -> list[tuple[int, str]]:
        """The flaws at or under ``loc``, as (line, message)."""
        return [(line, text) for where, line, text in self.flaws if where[: len(loc)] == loc]

    def line(self, loc: Iterable[str | int]) -> int | None:
        """The line of the deepest part of ``loc`` that has one."""
        parts = tuple(loc)
        for end in range(len(parts), -1, -1):
            if parts[:end] in self.lines:
                return self.lines[parts[:end]]
        return None


# libyaml's parser, where PyYAML has it: the same events as the pure-Python one, in C.
_CParser: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)


class _Loader(yaml.SafeLoader):
    """The safe loader, without anchors and aliases."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlError(
                "YAML anchors and aliases (&name, *name) are not allowed; write the value out",
                event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


def read_bytes(path: Path, max_bytes: int = MAX_YAML_BYTES) -> bytes:
    """The bytes of a regular file, refusing folders, pipes, devices and what is too big."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise YamlError("not a regular file (a folder, pipe or device); make it a text file")
    if status.st_size > max_bytes:
        raise YamlError(f"{status.st_size:,} bytes, over the {max_bytes:,}-byte limit")
    # Non-blocking: a file swapped for a pipe since the stat never hangs the build.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise YamlError(f"over the {max_bytes:,}-byte limit")
    return data


def read_yaml(path: Path, max_bytes: int = MAX_YAML_BYTES) -> Document:
    """A YAML file (UTF-8) as a :class:`Document`; raise :class:`YamlError` naming the line."""
    data = read_bytes(path, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlError("not UTF-8 text; re-save the file as UTF-8", line) from None
    return parse_yaml(text)


def parse_yaml(text: str, line_offset: int = 0) -> Document:
    """YAML text as a :class:`Document`; lines count from ``line_offset`` + 1."""
    lines: dict[Loc, int] = {}
    flaws: list[tuple[Loc, int, str]] = []
    try:
        loader = _Loader(text)  # its reader refuses some characters right away
    except yaml.YAMLError as error:
        raise _syntax(error, line_offset) from None
    try:
        fast = _from_events(text, loader, line_offset)
        if fast is not None:
            return fast
        node = loader.get_single_node()
        if node is None:
            return Document(None, lines)
        data = _plain(node, (), lines, flaws, line_offset, 0)
        return Document(data, lines, tuple(flaws))
    except YamlError as error:
        if error.line is not None and error.line <= text.count("\n") + 1:
            error.line += line_offset
        raise
    except yaml.YAMLError as error:
        raise _syntax(error, line_offset) from None
    except RecursionError:
        raise YamlError(
            "malformed YAML: nested too deeply; write plain fields", line_offset + 1
        ) from None
    finally:
        loader.dispose()


# Where libyaml reads what PyYAML refuses: a tab where a token would start, a "? " in a
# flow collection, a byte order mark inside the text. A text that may hold one is left to
# the pure-Python reader.


def _lenient(text: str) -> bool:
    return "\t" in text or "\ufeff" in text or ("?" in text and ("[" in text or "{" in text))


class _Refused(Exception):
    """What libyaml's reading leaves to the pure-Python reader, which says why in its words."""


def _from_events(text: str, loader: _Loader, offset: int) -> Document | None:
    """The document read from libyaml's events, the same as :func:`_plain` makes of the
    pure-Python composer's nodes (a tenth of the time); None for anything that is not a
    plain document (an error, an anchor, a tag, deep nesting...): the pure-Python reader
    then reads it again, so every error is reported as it always was."""
    if _CParser is None or _lenient(text):
        return None
    parser = _CParser(text)
    try:
        events: list[yaml.Event] = []
        while (event := parser.get_event()) is not None:
            events.append(event)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    lines: dict[Loc, int] = {}
    if len(events) == 2:  # nothing but the stream's start and end
        return Document(None, lines)
    if len(events) < 5 or not isinstance(events[-2], yaml.DocumentEndEvent):
        return None
    flaws: list[tuple[Loc, int, str]] = []
    stream = iter(events[3:-2])
    try:
        data = _event_node(events[2], stream, (), lines, flaws, offset, 0, loader)
    except (_Refused, StopIteration):
        return None
    if next(stream, None) is not None:  # a second document
        return None
    return Document(data, lines, tuple(flaws))


def _event_node(
    event: yaml.Event,
    stream: Iterator[yaml.Event],
    loc: Loc,
    lines: dict[Loc, int],
    flaws: list[tuple[Loc, int, str]],
    offset: int,
    depth: int,
    loader: _Loader,
) -> Any:
    """One node from its first event on, as :func:`_plain` makes it."""
    if (
        not isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent)
        or event.anchor is not None
    ):
        raise _Refused  # an alias, an anchor, or no node at all
    lines[loc] = _line(event, offset)
    if depth > MAX_DEPTH or event.tag not in (None, "!"):
        raise _Refused  # an explicit tag: the composer's checks say which are plain
    if isinstance(event, yaml.ScalarEvent):
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        return None if tag == NULL_TAG else str(event.value)
    if isinstance(event, yaml.SequenceStartEvent):
        items: list[Any] = []
        for index, item in enumerate(iter(stream.__next__, None)):
            if isinstance(item, yaml.SequenceEndEvent):
                return items
            where = (*loc, index)
            items.append(_event_node(item, stream, where, lines, flaws, offset, depth + 1, loader))
        raise _Refused
    if not isinstance(event, yaml.MappingStartEvent):
        raise _Refused
    mapping: dict[str, Any] = {}
    for key_event in iter(stream.__next__, None):
        if isinstance(key_event, yaml.MappingEndEvent):
            return mapping
        if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor is not None:
            raise _Refused
        key_line = _line(key_event, offset)
        tag = key_event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, key_event.value, key_event.implicit)  # type: ignore[no-untyped-call]
        if tag == NULL_TAG:
            raise _Refused
        key = str(key_event.value)
        if key in mapping:
            first = lines[(*loc, key)]
            message = f"field {shown(key)} appears twice (first on line {first}); keep one"
            flaws.append((loc, key_line, message))
            _skip(next(stream), stream)
            continue
        value = next(stream)
        where = (*loc, key)
        mapping[key] = _event_node(value, stream, where, lines, flaws, offset, depth + 1, loader)
        lines[(*loc, key)] = key_line
    raise _Refused


def _line(event: yaml.Event, offset: int) -> int:
    """The line an event starts on, counted from ``offset`` + 1."""
    return (event.start_mark.line if event.start_mark is not None else 0) + 1 + offset


def _skip(event: yaml.Event, stream: Iterator[yaml.Event]) -> None:
    """Pass over a node (a field written twice) as the composer does: its anchors refused."""
    open_nodes = 0
    while True:
        if not isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.CollectionEndEvent):
            raise _Refused
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise _Refused  # an alias or an anchor
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            open_nodes -= 1
        if open_nodes == 0:
            return
        event = next(stream)


def _syntax(error: yaml.YAMLError, line_offset: int) -> YamlError:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return YamlError(f"malformed YAML: {problem}; fix the syntax", line)


def _plain(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    flaws: list[tuple[Loc, int, str]],
    offset: int,
    depth: int,
) -> Any:
    """A node as plain data: mappings with text keys, lists, and scalars as written."""
    line = node.start_mark.line + 1 + offset
    lines[loc] = line
    if depth > MAX_DEPTH:
        raise YamlError("malformed YAML: nested too deeply; write plain fields", line)
    if node.tag not in PLAIN_TAGS:
        raise YamlError(
            f"malformed YAML: the tag {shown(node.tag)} is not allowed; write plain text", line
        )
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == NULL_TAG else str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(item, (*loc, i), lines, flaws, offset, depth + 1)
            for i, item in enumerate(node.value)
        ]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
            raise YamlError("a field name must be a word (name:, date:, ...)", key_line)
        key = str(key_node.value)
        if key in mapping:
            first = lines[(*loc, key)]
            message = f"field {shown(key)} appears twice (first on line {first}); keep one"
            flaws.append((loc, key_line, message))
            continue
        mapping[key] = _plain(value_node, (*loc, key), lines, flaws, offset, depth + 1)
        lines[(*loc, key)] = key_line
    return mapping


def shown(value: object, limit: int = 60) -> str:
    """A value from a file, quoted for a message: control characters escaped, cut short."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    quoted = repr(text)[1:-1] if any(not c.isprintable() for c in text) else text
    return f"`{quoted}`"


def validate(
    model: type[Model], data: Any, document: Document, loc: Loc = ()
) -> tuple[Model | None, list[tuple[int | None, str]]]:
    """``data`` (the part of ``document`` at ``loc``) checked against ``model``: the value,
    or None and every error as (line, message)."""
    flaws: list[tuple[int | None, str]] = list(document.flaws_in(loc))
    if flaws:
        return None, flaws
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [
            (document.line((*loc, *detail["loc"])), message(detail, model))
            for detail in error.errors(include_url=False)
        ]


def message(detail: Any, model: type[BaseModel]) -> str:
    """One pydantic error in an editor's words, naming the field."""
    where = [part for part in detail["loc"] if isinstance(part, str)]
    field = f"field `{where[-1]}`" if where else "this entry"
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    if kind == "missing":
        name = where[-1] if where else "it"
        hint = getattr(model.model_fields.get(name), "description", None)
        return (
            f"{field} is required: {hint}"
            if hint
            else f"{field} is required; add `{name}: ...` to this entry"
        )
    if kind == "extra_forbidden":
        unknown = f"unknown field {shown(where[-1] if where else value)}"
        if len(where) > 1:  # inside a nested entry (a role, a metonym)
            return unknown
        return f"{unknown}; expected one of {', '.join(sorted(model.model_fields))}"
    if kind in ("list_type", "tuple_type"):
        return f"{field} must be a list (one `- item` per line), not {shown(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{field} must be fields (name: value), not {shown(value)}"
    if kind == "string_type":
        return f"{field} must be text, not a list or fields"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{field} must be a whole number, not {shown(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{field} must be a whole number from {context.get('ge', context.get('gt'))}"
    if kind == "string_too_long":
        return f"{field} is longer than {context.get('max_length')} characters; shorten it"
    if kind == "string_too_short":
        return f"{field} is empty; write the text, or remove the field"
    if kind == "literal_error":
        return f"{field} is {shown(value)}; use one of {context.get('expected')}"
    if kind == "value_error":
        text = str(context.get("error", detail["msg"]))
        if not where:
            return text
        return f"{field} {text}" if text.startswith(("is ", "must ")) else f"{field}: {text}"
    return f"{field}: {detail['msg']}"

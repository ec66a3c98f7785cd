"""An article's metadata: YAML front matter or a sidecar, checked against its schema."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..model import Problem
from ..text import clean_text
from .decode import decode
from .errors import SeedError
from .files import DEFAULT_MAX_BYTES, SIDECAR_SUFFIXES, read_bounded

METADATA_FIELDS = {"title", "date", "source", "url", "author", "tags"}


NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Fields:
    """Metadata as written: each field's value, its raw text (scalars) and its line."""

    values: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, str | None] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    path: str | None = None  # the file the lines are in, when it is a sidecar


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)(?:\n)?^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[Fields, str, int]:
    """Split YAML front matter from a Markdown article; returns (fields, body, body line offset)."""
    match = FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n"):
            raise SeedError(
                "front matter opened with --- but never closed; add a closing --- line", 1
            )
        return Fields(), text, 0
    fields = parse_fields(match.group(1), line_offset=1)
    return fields, text[match.end() :], text[: match.end()].count("\n")


def parse_fields(source: str, line_offset: int = 0, path: str | None = None) -> Fields:
    """YAML metadata (safe) to :class:`Fields`; raise :class:`SeedError` naming the line."""
    try:
        loader = yaml.SafeLoader(source)  # its reader refuses some characters right away
    except yaml.YAMLError as error:
        raise _yaml_error(error, line_offset, path) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as error:
            raise _yaml_error(error, line_offset, path) from None
        except RecursionError:
            raise SeedError(
                "malformed YAML: nested too deeply; write plain fields (title: ..., date: ...)",
                line_offset + 1,
                path,
            ) from None
        if node is None:
            return Fields(path=path)
        if not isinstance(node, yaml.MappingNode):
            raise SeedError(
                "metadata must be fields, one per line (title: ..., date: ...)",
                node.start_mark.line + 1 + line_offset,
                path,
            )
        values: dict[str, Any] = {}
        raw: dict[str, str | None] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + line_offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise SeedError("a field name must be a word (title:, date:, ...)", line, path)
            key = str(key_node.value)
            if key in lines:
                raise SeedError(
                    f"field `{key}` appears twice (first on line {lines[key]}); keep one",
                    line,
                    path,
                )
            lines[key] = line
            scalar = isinstance(value_node, yaml.ScalarNode) and value_node.tag != NULL_TAG
            raw[key] = str(value_node.value) if scalar else None
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except yaml.YAMLError as error:
                raise _yaml_error(error, line_offset, path) from None
            except Exception:  # the constructors fail in many ways on odd input
                if not scalar:
                    raise SeedError(
                        f"field `{key}` holds a value YAML cannot read; write it as plain text",
                        line,
                        path,
                    ) from None
                values[key] = raw[key]  # e.g. `date: 2025-13-45`, judged as text below
        return Fields(values, raw, lines, path)
    finally:
        loader.dispose()


def _yaml_error(error: yaml.YAMLError, line_offset: int, path: str | None) -> SeedError:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return SeedError(f"malformed YAML: {problem}; fix the syntax", line, path)


def read_sidecar(
    path: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES, root: Path | None = None
) -> tuple[Fields | None, list[Problem]]:
    """Metadata for a .txt article from ``NAME.yml`` beside it, if present."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if not (sidecar.is_file() or sidecar.is_symlink()):
            continue
        sidecar_rel = str(PurePosixPath(rel).with_suffix(suffix))
        try:
            data = read_bounded(sidecar, max_bytes, root)
            text, warnings = decode(data, sidecar_rel)
        except SeedError as error:
            raise SeedError(
                f"{error.message} (article {PurePosixPath(rel).name} skipped)",
                error.line,
                sidecar_rel,
            ) from None
        return parse_fields(text, path=sidecar_rel), warnings
    return None, []


def validate_metadata(fields: Fields | Mapping[str, Any]) -> dict[str, Any]:
    """Check the front-matter schema; raise with the field, its line and what is expected."""
    if not isinstance(fields, Fields):
        plain = {k: v for k, v in fields.items() if not isinstance(v, (dict, list, bytes))}
        fields = Fields(dict(fields), {k: None if v is None else str(v) for k, v in plain.items()})
    path = fields.path

    def fail(key: str, message: str) -> SeedError:
        return SeedError(message, fields.lines.get(key), path)

    out: dict[str, Any] = {}
    for key in fields.values:
        if key not in METADATA_FIELDS:
            raise fail(
                key, f"unknown field `{key}`; expected one of {', '.join(sorted(METADATA_FIELDS))}"
            )
    for key in ("title", "source", "url", "author"):
        value = fields.values.get(key)
        if value is None:
            continue
        raw = fields.raw.get(key)
        if isinstance(value, (dict, list, bytes)) or raw is None:
            raise fail(
                key, f"field `{key}` must be text, not a {_kind(value)}; write it on one line"
            )
        text = clean_text(raw)
        if text:
            out[key] = text
    if fields.values.get("date") is not None:
        out["date"] = parse_date_field(fields.values["date"], fields.lines.get("date"), path)
    tags = fields.values.get("tags")
    if tags is not None:
        if isinstance(tags, str):
            tags = [t for t in tags.split(",") if t.strip()]
        if not isinstance(tags, list) or not all(
            isinstance(t, (str, int)) and not isinstance(t, bool) for t in tags
        ):
            raise fail(
                "tags", "field `tags` must be a list of words, e.g. tags: [north-korea, russia]"
            )
        out["tags"] = [t for t in (clean_text(str(t)) for t in tags) if t]
    return out


def _kind(value: Any) -> str:
    kinds = {dict: "mapping", list: "list", bytes: "binary value"}
    return next(
        (name for cls, name in kinds.items() if isinstance(value, cls)), type(value).__name__
    )


def parse_date_field(value: Any, line: int | None = None, path: str | None = None) -> dt.date:
    """A front-matter date: a YAML date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(str(value))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise SeedError(
        f"field `date` is {text!r}; write the publication date as YYYY-MM-DD", line, path
    )

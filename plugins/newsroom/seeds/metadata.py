"""An article's metadata: YAML front matter or a sidecar, read by the one YAML reader and
checked against the declared front-matter schema."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import BeforeValidator

from ..model import Problem
from ..schema import Entry, OptionalText, PublicationDate, TextList
from ..text import printable
from ..yamlfile import Document, YamlError, parse_yaml, validate
from .decode import decode
from .errors import SeedError
from .files import DEFAULT_MAX_BYTES, SIDECAR_SUFFIXES, read_bounded

TAGS_HINT = "must be a list of words, e.g. tags: [north-korea, russia]"


def _tags(value: Any) -> Any:
    """Tags as a list, or as one comma-separated text (a lone number is neither)."""
    if isinstance(value, str):
        if re.fullmatch(r"[\d.eE+-]+", value.strip()):
            raise ValueError(TAGS_HINT)
        return [t for t in value.split(",") if t.strip()]
    if value is not None and not isinstance(value, list):
        raise ValueError(TAGS_HINT)
    return value


class FrontMatter(Entry):
    """The fields an article's front matter or sidecar may hold."""

    title: OptionalText = None
    date: PublicationDate | None = None
    source: OptionalText = None
    url: OptionalText = None
    author: OptionalText = None
    tags: Annotated[TextList, BeforeValidator(_tags)] = ()


@dataclass(frozen=True)
class Fields:
    """Metadata as written: each field's value (text, lists, or None) and its line."""

    values: Mapping[str, Any] = field(default_factory=dict)
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
    """YAML metadata to :class:`Fields`; raise :class:`SeedError` naming the line."""
    try:
        document = parse_yaml(source, line_offset)
    except YamlError as error:
        raise SeedError(error.message, error.line, path) from None
    if document.data is None:
        return Fields(path=path)
    if not isinstance(document.data, dict):
        raise SeedError(
            "metadata must be fields, one per line (title: ..., date: ...)",
            document.line(()),
            path,
        )
    for line, message in document.flaws_in(()):
        raise SeedError(message, line, path)
    lines = {key: document.lines[(key,)] for key in document.data}
    return Fields(document.data, lines, path)


def find_sidecar(path: Path) -> Path | None:
    """The metadata file beside a .txt article: its name with .yml or .yaml, in any case."""
    for suffix in SIDECAR_SUFFIXES:
        for variant in (suffix, suffix.upper()):
            sidecar = path.with_suffix(variant)
            if os.path.lexists(sidecar):
                return sidecar
    return None


def read_sidecar(
    path: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES, root: Path | None = None
) -> tuple[Fields | None, list[Problem]]:
    """Metadata for a .txt article from ``NAME.yml`` beside it, if present; a problem with it
    is reported under the sidecar's name, and the article is skipped."""
    sidecar = find_sidecar(path)
    if sidecar is None:
        return None, []
    sidecar_rel = str(PurePosixPath(rel).with_name(printable(sidecar.name)))
    try:
        data = read_bounded(sidecar, max_bytes, root)
        text, warnings = decode(data, sidecar_rel)
        return parse_fields(text, path=sidecar_rel), warnings
    except SeedError as error:
        message, line = error.message, error.line
    except OSError as error:
        message, line = f"cannot be read ({error.strerror or error}); check its permissions", None
    raise SeedError(f"{message} (article {PurePosixPath(rel).name} skipped)", line, sidecar_rel)


def validate_metadata(fields: Fields | Mapping[str, Any]) -> dict[str, Any]:
    """Check the front-matter schema; raise with the field, its line and what is expected."""
    if not isinstance(fields, Fields):
        fields = Fields(dict(fields))
    document = Document(fields.values, {(key,): line for key, line in fields.lines.items()})
    checked, errors = validate(FrontMatter, dict(fields.values), document)
    if checked is None:
        line, message = errors[0]
        raise SeedError(message, line, fields.path)
    out = {k: v for k, v in checked.model_dump().items() if v is not None and k != "tags"}
    if checked.tags:
        out["tags"] = list(checked.tags)
    return out

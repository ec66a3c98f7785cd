"""Reading one editorial YAML file into its entries, each checked on its own: a bad entry
(or one that makes the code fail in a way nobody foresaw) is reported and left out, and the
others load."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from ..model import Problem
from ..yamlfile import Document, Loc, Model, YamlError, read_yaml, validate

T = TypeVar("T")


def read_entries(
    path: Path, key: str, rel: str, problems: list[Problem]
) -> tuple[Document, list[Any]]:
    """The ``key:`` list of a YAML file; an empty list (and a problem) when it has none."""
    empty = Document(None, {})
    if not path.exists() and not path.is_symlink():
        return empty, []
    try:
        document = read_yaml(path)
    except YamlError as error:
        problems.append(Problem(rel, error.message, error.line))
        return empty, []
    except OSError as error:
        problems.append(
            Problem(rel, f"cannot be read ({error.strerror or error}); check its permissions")
        )
        return empty, []
    if document.data is None:
        return empty, []
    for where, line, message in document.flaws:
        if len(where) == 0:  # a top-level field twice; the entries are checked one by one
            problems.append(Problem(rel, message, line))
    if not isinstance(document.data, dict) or not isinstance(document.data.get(key), list):
        problems.append(Problem(rel, f"expected a top-level `{key}:` list", 1))
        return empty, []
    return document, document.data[key]


def checked_entries(
    document: Document,
    items: list[Any],
    key: str,
    model: type[Model],
    rel: str,
    problems: list[Problem],
) -> Iterator[tuple[Loc, Model]]:
    """Each item that matches ``model``, with its location in ``document``; the others
    reported."""
    for index, item in enumerate(items):
        loc = (key, index)
        line = document.line(loc)
        value = guarded(partial(validate, model, item, document, loc), rel, line, problems)
        if value is None:
            continue
        entry, errors = value
        problems.extend(Problem(rel, message, where or line) for where, message in errors)
        if entry is not None:
            yield loc, entry


def guarded(make: Callable[[], T], rel: str, line: int | None, problems: list[Problem]) -> T | None:
    """``make()``, or None and a problem naming the entry when it fails unexpectedly: one
    entry never stops the rest of the editorial layer from loading."""
    try:
        return make()
    except Exception as error:  # the boundary around one entry: every failure is reported
        problems.append(
            Problem(
                rel,
                f"entry left out: it could not be read ({type(error).__name__}: {error})"[:300],
                line,
            )
        )
        return None

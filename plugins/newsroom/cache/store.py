"""The cache folder: get and put entries by key, never raising on a bad entry.

One file per entry, sharded by the first two hex digits of its key. Writes are atomic
(a temporary file in the same folder, then ``os.replace``), so a reader sees a whole entry
or none. An entry that cannot be read, is not a regular file, or does not describe the
text its key stands for is recomputed with a warning, never a crash or a silent use.
Pruning and clearing never follow a symbolic link and remove only files this cache writes.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from ..model import Annotation, Article
from .checks import annotation_problem
from .codec import (
    CorruptEntry,
    annotation_from_json,
    annotation_to_json,
    doc_from_bytes,
    doc_to_bytes,
    plain,
)
from .keys import CACHE_VERSION, expected_article, expected_body

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = get_plugin_logger(__name__)

DOCS_DIR = "docs"
ANNOTATIONS_DIR = "annotations"
DOC_SUFFIX = ".doc"
ANNOTATION_SUFFIX = ".json"
TEMP_SUFFIX = ".tmp"
STAMPS_FILE = "seeds.json"
# Marks the folder as a cache for backup tools (https://bford.info/cachedir/).
CACHEDIR_TAG = "CACHEDIR.TAG"
CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55\n"
# No entry is this large (a parse of the largest article allowed is a few MB).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


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

    def get_annotation(self, key: str, article: Article | None = None) -> Annotation | None:
        """A stored annotation of ``article`` (by default the one the key was computed
        for), or None when missing, unreadable or not describing it (then with a warning)."""
        path = self.path(ANNOTATIONS_DIR, key)
        data = self._read(path)
        if data is None:
            return None
        try:
            entry = json.loads(data)
            if not isinstance(entry, dict) or entry.get("key") != key:
                raise CorruptEntry("stored under the wrong key")
            annotation = annotation_from_json(entry.get("annotation"))
            problem = annotation_problem(annotation, article or expected_article(key))
            if problem is not None:
                raise CorruptEntry(problem)
            return annotation
        except (ValueError, TypeError, RecursionError) as error:  # CorruptEntry included
            self._unreadable(path, str(error))
            return None

    def put_annotation(self, key: str, annotation: Annotation) -> None:
        """Store an annotation."""
        entry = {"format": CACHE_VERSION, "key": key, "annotation": annotation_to_json(annotation)}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=plain)
        self._write(self.path(ANNOTATIONS_DIR, key), data.encode("utf-8"))

    def has_doc(self, key: str) -> bool:
        """Whether a parse is stored under ``key`` (readable or not)."""
        return self.path(DOCS_DIR, key).is_file()

    def get_doc(self, key: str, vocab: Vocab, body: str | None = None) -> Doc | None:
        """A stored parse of ``body`` (by default the one the key was computed for) in
        ``vocab``, or None when missing, unreadable or of another text (then with a warning)."""
        path = self.path(DOCS_DIR, key)
        data = self._read(path)
        if data is None:
            return None
        try:
            doc = doc_from_bytes(data, vocab)
            expected = body if body is not None else expected_body(key)
            if expected is not None and doc.text != expected:
                raise CorruptEntry("the parse of another text")
            return doc
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
            if not _is_real_folder(folder):
                continue  # missing, or a link to somewhere else: never followed
            for shard in _real_folders(folder):
                for entry in _entries(shard):
                    name = entry.name
                    if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                        removed["other"] += _unlink(Path(entry.path))
                    elif name.endswith(suffix) and name.removesuffix(suffix) not in keep[level]:
                        removed[level] += _unlink(Path(entry.path))
                with suppress(OSError):
                    os.rmdir(shard.path)  # only when empty
        return Pruned(removed[DOCS_DIR], removed[ANNOTATIONS_DIR], removed["other"])

    def clear(self) -> Pruned:
        """Remove every entry. Only files this cache writes are touched, whatever the folder."""
        pruned = self.prune((), ())
        if _is_entry(self.root / STAMPS_FILE):
            stamps = _unlink(self.root / STAMPS_FILE)
            pruned = dataclasses.replace(pruned, other=pruned.other + stamps)
        for level in (DOCS_DIR, ANNOTATIONS_DIR):
            if _is_real_folder(self.root / level):
                with suppress(OSError):
                    (self.root / level).rmdir()
        if _is_entry(self.root / CACHEDIR_TAG):
            _unlink(self.root / CACHEDIR_TAG)
            with suppress(OSError):
                self.root.rmdir()
        return pruned

    def _read(self, path: Path, quiet: bool = False) -> bytes | None:
        try:
            return read_entry(path)
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
            for folder in (path.parent.parent, path.parent):
                if folder != self.root.parent:
                    _make_real_folder(folder)
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


def read_entry(path: Path) -> bytes:
    """The bytes of a cache file: a regular file of bounded size, opened without blocking
    (a FIFO or device raises OSError instead of hanging the build)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > MAX_ENTRY_BYTES:
            raise OSError(errno.EFBIG, "larger than any entry")
        return file.read(MAX_ENTRY_BYTES + 1)


def _is_real_folder(path: Path) -> bool:
    """A folder that is not a symbolic link."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_entry(path: Path) -> bool:
    """A regular file or a symbolic link (removing a link never touches its target)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def _make_real_folder(path: Path) -> None:
    """Create a folder of the cache, refusing one that is a link to somewhere else."""
    with suppress(FileExistsError):
        path.mkdir()
    if not _is_real_folder(path):
        raise OSError(errno.ENOTDIR, f"{path.name} is not a folder of the cache")


def _real_folders(folder: Path) -> Iterator[os.DirEntry[str]]:
    """The sub-folders of ``folder`` that are not symbolic links."""
    for entry in _entries(folder):
        with suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                yield entry


def _entries(folder: Path | os.DirEntry[str]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _unlink(path: Path) -> int:
    """Remove one regular file or link (never a folder, never a link's target)."""
    if not _is_entry(path):
        return 0
    try:
        path.unlink()
    except OSError:
        return 0
    return 1

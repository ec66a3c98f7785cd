"""The files of a seeds folder: which are candidates, and their bytes, read within bounds."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import Problem
from ..text import printable
from .errors import SeedError

ARTICLE_SUFFIXES = (".txt", ".md")


SIDECAR_SUFFIXES = (".yml", ".yaml")


DEFAULT_MAX_BYTES = 1_000_000
# spaCy's default max_length: the longest text the model parses in one go.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Folder:
    """A folder of the seeds folder as listed: every name in it, and its entries named like
    a sidecar (``.yml``, ``.yaml``, in any case) by their stem in lower case."""

    path: str
    names: frozenset[str]
    sidecars: Mapping[str, tuple[os.DirEntry[str], ...]]


@dataclass(frozen=True)
class SeedFile:
    """An entry of a seeds folder that the loader judges: its path from the seeds folder
    (with ``/``), its entry as listed (its state on disk is read on the first ask, without
    following a link) and its folder."""

    rel: str
    entry: os.DirEntry[str]
    folder: Folder

    @property
    def path(self) -> Path:
        return Path(self.entry.path)


def seed_stamps(seeds_dir: Path) -> dict[str, list[int]]:
    """The size and modification time (ns) of every file under ``seeds_dir``, by relative
    path: enough to tell, without reading them, which files changed since an earlier look."""
    stamps: dict[str, list[int]] = {}
    if not seeds_dir.is_dir():
        return stamps
    for file in seed_files(seeds_dir):
        try:
            status = file.entry.stat()
        except OSError:  # a broken link or a loop: load_articles reports it
            continue
        stamps[file.rel] = [status.st_size, status.st_mtime_ns]
    return stamps


def seed_files(seeds_dir: Path, problems: list[Problem] | None = None) -> list[SeedFile]:
    """Every entry under ``seeds_dir`` that is not a folder (files, links, pipes, devices: the
    loader judges each), in the order of their paths, without following links; a folder
    that cannot be listed is a problem in ``problems``. Names starting with a dot (editor
    backups, .DS_Store, version control) are left out; a linked folder is listed, not entered."""
    found: list[SeedFile] = []

    def walk(folder: str, rel: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            if problems is not None and error.filename is not None:
                problems.append(
                    Problem(
                        printable(rel.rstrip("/")) or ".",
                        f"folder cannot be read ({error.strerror or error}); its articles are "
                        "left out. Check its permissions",
                    )
                )
            return
        sidecars: dict[str, list[os.DirEntry[str]]] = {}
        for entry in entries:
            stem, suffix = split_suffix(entry.name)
            if suffix.lower() in SIDECAR_SUFFIXES:
                sidecars.setdefault(stem.lower(), []).append(entry)
        listed = Folder(
            folder,
            frozenset(entry.name for entry in entries),
            {stem: tuple(group) for stem, group in sidecars.items()},
        )
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir and not entry.is_symlink():
                walk(entry.path, f"{rel}{entry.name}/")
            else:
                found.append(SeedFile(f"{rel}{entry.name}", entry, listed))

    walk(os.fspath(seeds_dir), "")
    # The order of the files' paths as Path compares them (part by part); folders are
    # listed in the order of their names, as os.walk would.
    found.sort(key=lambda file: [os.path.normcase(part) for part in file.rel.split("/")])
    return found


def split_suffix(name: str) -> tuple[str, str]:
    """A file name's stem and suffix, as :attr:`pathlib.PurePath.suffix` splits them."""
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        return name[:dot], name[dot:]
    return name, ""


def read_bounded(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """The bytes of a regular file inside ``root``, refusing what is over ``max_bytes``."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop so
        raise SeedError(_LOOP) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SeedError(_LOOP) from None
        if path.is_symlink():
            raise SeedError(
                "symbolic link to a file that does not exist; fix or delete the link"
            ) from None
        raise
    if root is not None and not target.is_relative_to(root):
        raise SeedError(
            "symbolic link pointing outside the seeds folder; refused. "
            "Copy the file into the seeds folder instead"
        )
    status = target.stat()
    if not stat.S_ISREG(status.st_mode):
        raise SeedError("not a regular file (a folder, pipe or device); save the article as a file")
    if status.st_size > max_bytes:
        raise _too_big(max_bytes, status.st_size)
    # Non-blocking: a file swapped for a pipe since the stat never hangs the build.
    return _read_open(os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), max_bytes)


def _read_open(fd: int, max_bytes: int) -> bytes:
    """The bytes of the regular file open as ``fd`` (closed after), within ``max_bytes``."""
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise SeedError("not a regular file (a pipe or device); save the article as a file")
        data = handle.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    return data


def read_listed(path: Path, size: int, max_bytes: int, root: Path | None = None) -> bytes:
    """As :func:`read_bounded`, for a file that the listing of its folder found to be a
    regular file (not a link) of ``size`` bytes inside ``root``: its path is not resolved
    (it stays inside ``root``). A file that has become a link since is read as
    :func:`read_bounded` reads it."""
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    if not no_follow:
        return read_bounded(path, max_bytes, root)
    if size > max_bytes:
        raise _too_big(max_bytes, size)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | no_follow)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):  # a link (EMLINK: on BSD)
            return read_bounded(path, max_bytes, root)
        raise
    return _read_open(fd, max_bytes)


_LOOP = "symbolic link that loops back on itself; fix or delete the link"


def _too_big(max_bytes: int, size: int | None = None) -> SeedError:
    size_text = f"{size:,} bytes, " if size is not None else ""
    advice = "split it or raise the limit" if max_bytes < MAX_ARTICLE_CHARS else "split it"
    return SeedError(
        f"article is {size_text}over the {max_bytes:,}-byte limit (plugin option "
        f"max_article_bytes); {advice}"
    )

"""The files of a seeds folder: which are candidates, and their bytes, read within bounds."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..model import Problem
from ..text import printable
from .errors import SeedError

ARTICLE_SUFFIXES = (".txt", ".md")


SIDECAR_SUFFIXES = (".yml", ".yaml")


DEFAULT_MAX_BYTES = 1_000_000
# spaCy's default max_length: the longest text the model parses in one go.
MAX_ARTICLE_CHARS = 1_000_000


def seed_stamps(seeds_dir: Path) -> dict[str, list[int]]:
    """The size and modification time (ns) of every file under ``seeds_dir``, by relative
    path: enough to tell, without reading them, which files changed since an earlier look."""
    stamps: dict[str, list[int]] = {}
    if not seeds_dir.is_dir():
        return stamps
    for path in candidate_files(seeds_dir):
        try:
            stat = path.stat()
        except (OSError, RuntimeError):  # a broken link or a loop: load_articles reports it
            continue
        stamps[path.relative_to(seeds_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return stamps


def candidate_files(seeds_dir: Path, problems: list[Problem] | None = None) -> Iterable[Path]:
    """Every entry under ``seeds_dir`` that is not a folder (files, links, pipes, devices: the
    loader judges each), without following links; a folder that cannot be listed is a
    problem in ``problems``."""

    def unreadable(error: OSError) -> None:
        if problems is not None and error.filename is not None:
            rel = Path(error.filename).relative_to(seeds_dir).as_posix()
            problems.append(
                Problem(
                    printable(rel) if rel != "." else ".",
                    f"folder cannot be read ({error.strerror or error}); its articles are left "
                    "out. Check its permissions",
                )
            )

    for folder, dirs, names in os.walk(seeds_dir, onerror=unreadable):
        base = Path(folder)
        # Editor backups, .DS_Store, version control; a linked folder is listed, not entered.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked = [d for d in dirs if (base / d).is_symlink()]
        dirs[:] = [d for d in dirs if d not in linked]
        for name in sorted([*names, *linked]):
            if not name.startswith("."):
                yield base / name


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
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise SeedError("not a regular file (a pipe or device); save the article as a file")
        data = handle.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    return data


_LOOP = "symbolic link that loops back on itself; fix or delete the link"


def _too_big(max_bytes: int, size: int | None = None) -> SeedError:
    size_text = f"{size:,} bytes, " if size is not None else ""
    advice = "split it or raise the limit" if max_bytes < MAX_ARTICLE_CHARS else "split it"
    return SeedError(
        f"article is {size_text}over the {max_bytes:,}-byte limit (plugin option "
        f"max_article_bytes); {advice}"
    )

"""The files of a seeds folder: which are candidates, and their bytes, read within bounds."""

from __future__ import annotations

import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import SeedError

ARTICLE_SUFFIXES = (".txt", ".md")


SIDECAR_SUFFIXES = (".yml", ".yaml")


DEFAULT_MAX_BYTES = 1_000_000


def seed_stamps(seeds_dir: Path) -> dict[str, list[int]]:
    """The size and modification time (ns) of every file under ``seeds_dir``, by relative
    path: enough to tell, without reading them, which files changed since an earlier look."""
    stamps: dict[str, list[int]] = {}
    if not seeds_dir.is_dir():
        return stamps
    for path in candidate_files(seeds_dir):
        try:
            stat = path.stat()
        except OSError:  # a broken symlink: load_articles reports it
            continue
        stamps[path.relative_to(seeds_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return stamps


def candidate_files(seeds_dir: Path) -> Iterable[Path]:
    # rglob does not descend into symlinked folders; a symlink itself is listed and checked.
    for path in seeds_dir.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(seeds_dir).parts):
            continue  # editor backups, .DS_Store, version control
        if path.is_file() or path.is_symlink():
            yield path


def read_bounded(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """The bytes of a regular file inside ``root``, refusing what is over ``max_bytes``."""
    if root is not None and not path.resolve().is_relative_to(root):
        raise SeedError(
            "symbolic link pointing outside the seeds folder; refused. "
            "Copy the file into the seeds folder instead"
        )
    if path.is_symlink() and not path.exists():
        raise SeedError("symbolic link to a file that does not exist; fix or delete the link")
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise SeedError("not a regular file (a folder, pipe or device); save the article as a file")
    if status.st_size > max_bytes:
        raise _too_big(max_bytes, status.st_size)
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    return data


def _too_big(max_bytes: int, size: int | None = None) -> SeedError:
    size_text = f"{size:,} bytes, " if size is not None else ""
    return SeedError(
        f"article is {size_text}over the {max_bytes:,}-byte limit (plugin option "
        "max_article_bytes); split it or raise the limit"
    )

"""Load a seeds folder: every file to an :class:`Article` or a :class:`Problem`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG

from ..furniture import clean_headline
from ..model import Article, Problem
from ..text import printable
from .blocks import join_blocks, parse_blocks, split_headline
from .decode import decode
from .errors import SeedError
from .files import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    SIDECAR_SUFFIXES,
    SeedFile,
    read_bounded,
    read_listed,
    seed_files,
    split_suffix,
)
from .metadata import Fields, read_sidecar, split_front_matter, validate_metadata
from .slugs import Slugs, slug_articles

# The state on disk of an article file (its size first) and of the files beside it that may
# be its sidecar.
Stamp = tuple[str | int, ...]


@dataclass(frozen=True)
class Seen:
    """What one article file became in a load, and what the next load may reuse it by."""

    article: Article | None  # before slugs; None: left out, the reason in ``problems``
    problems: tuple[Problem, ...]
    # The file's state when it was read (None: read it again next time).
    stamp: Stamp | None = None
    # Whether it is Markdown and its bytes, when they alone made the article (no sidecar):
    # a file saved again unchanged is not parsed again.
    source: tuple[bool, bytes] | None = None


@dataclass(frozen=True)
class Loaded:
    """The outcome of loading a seeds folder: the articles and every problem found."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    # For the next load to reuse (``mkdocs serve`` reloads the folder on every rebuild; most
    # files have not changed): what each article file became, by its path from the folder,
    # the byte limit it was read with, and the slugs assigned.
    seen: Mapping[str, Seen] = field(default_factory=dict, repr=False, compare=False)
    max_bytes: int = field(default=DEFAULT_MAX_BYTES, repr=False, compare=False)
    slugs: Slugs = field(default_factory=Slugs, repr=False, compare=False)


def load_articles(
    seeds_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, previous: Loaded | None = None
) -> Loaded:
    """Load every article under ``seeds_dir``, sorted by path, with slugs made unique.
    A file whose state on disk (size, modification time, inode) and whose sidecar's are
    those the ``previous`` load found, read with the same byte limit, is not read again:
    what it became then is reused. (A file rewritten with the same size within one tick
    of the file system's clock, a few milliseconds on Linux, keeps its time and is missed:
    the rule MkDocs' own dirty builds follow.)"""
    problems: list[Problem] = []
    if not seeds_dir.is_dir():
        problems.append(
            Problem(str(seeds_dir), "seeds folder not found; create it and add articles")
        )
        return Loaded((), tuple(problems), max_bytes=max_bytes)
    before = previous.seen if previous is not None and previous.max_bytes == max_bytes else {}
    root = seeds_dir.resolve()
    seen: dict[str, Seen] = {}
    articles: list[Article] = []
    for file in seed_files(seeds_dir, problems):
        stem, suffix = split_suffix(file.entry.name)
        suffix = suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            if not has_article(file, stem):
                problems.append(
                    Problem(
                        printable(file.rel),
                        "metadata file without a .txt article beside it; ignored. "
                        "Give it the article's name, or delete it",
                        None,
                        "warning",
                    )
                )
            continue
        if suffix not in ARTICLE_SUFFIXES:
            problems.append(
                Problem(
                    printable(file.rel),
                    "not an article (expected .txt or .md); ignored. Save articles as .txt or "
                    ".md, and keep other files out of the seeds folder",
                    None,
                    "warning",
                )
            )
            continue
        stamp = file_stamp(file, stem if suffix == ".txt" else None)
        known = before.get(file.rel)
        if known is None or known.stamp is None or known.stamp != stamp:
            known = load_file(file, stamp, max_bytes, root, known)
        seen[file.rel] = known
        problems.extend(known.problems)
        if known.article is not None:
            articles.append(known.article)
    slugs = slug_articles(articles, previous.slugs if previous is not None else None)
    return Loaded(slugs.articles, tuple(problems), seen, max_bytes, slugs)


def has_article(sidecar: SeedFile, stem: str) -> bool:
    """Whether a .txt article (``.txt`` or ``.TXT``) is beside a sidecar of that stem."""
    for suffix in (".txt", ".TXT"):
        name = stem + suffix
        # Not listed: it may still be there under another case of a case-blind file system.
        if name in sidecar.folder.names or os.path.lexists(os.path.join(sidecar.folder.path, name)):
            return True
    return False


def file_stamp(file: SeedFile, sidecar_stem: str | None) -> Stamp | None:
    """The state of an article file as listed (size, modification time, inode, device and
    change time) and, given its stem (a .txt article), of every file beside it that may
    be its sidecar; None when one of them is not a regular file (a link is followed when
    read: its target is not in the listing) or cannot be looked at."""
    try:
        status = file.entry.stat(follow_symlinks=False)
        if not S_ISREG(status.st_mode):
            return None
        stamp: Stamp = (status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev)
        stamp += (status.st_ctime_ns,)
        if sidecar_stem is not None:
            for sidecar in file.folder.sidecars.get(sidecar_stem.lower(), ()):
                status = sidecar.stat(follow_symlinks=False)
                if not S_ISREG(status.st_mode):
                    return None
                stamp += (sidecar.name, status.st_size, status.st_mtime_ns, status.st_ino)
                stamp += (status.st_dev, status.st_ctime_ns)
    except OSError:
        return None
    return stamp


def load_file(
    file: SeedFile, stamp: Stamp | None, max_bytes: int, root: Path, previous: Seen | None
) -> Seen:
    """What one article file becomes, found in the state ``stamp`` (None: not a regular file);
    ``previous``: what it became in the last load."""
    rel = printable(file.rel)
    size = int(stamp[0]) if stamp is not None else None
    try:
        outcome = read_article(file.path, rel, max_bytes, root, previous, size)
    except SeedError as error:
        return Seen(None, (Problem(error.path or rel, error.message, error.line),), stamp)
    except OSError as error:  # not kept: a file made readable keeps its time
        message = f"cannot be read ({error.strerror or error}); check the file's permissions"
        return Seen(None, (Problem(rel, message),))
    except Exception as error:  # the boundary around one article: the rest still loads
        return Seen(None, (Problem(rel, unexpected(error)),))
    return replace(outcome, stamp=stamp)


def shown_line(line: str, limit: int = 80) -> str:
    """A line of an article quoted in a message, cut short."""
    return f'"{line if len(line) <= limit else line[: limit - 1] + "…"}"'


def unexpected(error: Exception) -> str:
    """The message for a failure nobody foresaw: the article is left out, the build goes on."""
    detail = printable(f"{type(error).__name__}: {error}")[:200]
    return f"left out: it could not be read ({detail}); please report this with the file"


def read_article(
    path: Path,
    rel: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: Path | None = None,
    previous: Seen | None = None,
    listed_size: int | None = None,
) -> Seen:
    """Read one article file (and its sidecar) to what it became; raise :class:`SeedError`
    when it cannot become an article. Files that resolve outside ``root`` are refused; a
    file listed as a regular file of ``listed_size`` bytes inside ``root`` is read without
    resolving its path. A file without a sidecar whose bytes are those ``previous`` was
    made from is not parsed again."""
    if listed_size is not None:
        data = read_listed(path, listed_size, max_bytes, root)
    else:
        data = read_bounded(path, max_bytes, root)
    markdown = path.suffix.lower() == ".md"
    sidecar, warnings = (None, []) if markdown else read_sidecar(path, rel, max_bytes, root)
    if sidecar is not None:
        article, more = parse_article(data, rel, markdown, sidecar)
        return Seen(article, (*warnings, *more))
    source = (markdown, data)
    if previous is not None and previous.article is not None and previous.source == source:
        return Seen(previous.article, previous.problems, source=source)
    article, more = parse_article(data, rel, markdown)
    return Seen(article, tuple(more), source=source)


def parse_article(
    data: bytes, rel: str, markdown: bool, sidecar: Fields | None = None
) -> tuple[Article, list[Problem]]:
    """The bytes of one article to an :class:`Article`; raise :class:`SeedError` when they
    cannot become one."""
    text, warnings = decode(data, rel)
    headline: str | None
    if markdown:
        fields, body_text, offset = split_front_matter(text)
        headline = None
    else:
        fields = sidecar or Fields()
        headline, body_text, offset = split_headline(text)
    metadata = validate_metadata(fields)
    title = metadata.get("title") or headline
    if title:
        title = clean_headline(title)
    dropped: list[tuple[int, str]] = []
    blocks_text = parse_blocks(body_text, markdown=markdown, headline=title, dropped=dropped)
    warnings.extend(
        Problem(rel, f"dropped as page furniture: {shown_line(line)}", offset + number, "info")
        for number, line in dropped
    )
    if title is None and blocks_text and blocks_text[0][0] == "heading":
        title = blocks_text.pop(0)[1]
    if not title:
        raise SeedError(
            "no headline: put the headline on the first line (or `title:` in front matter)"
        )
    if not blocks_text:
        raise SeedError(
            "no body text after the headline; paste the article's paragraphs", offset + 1
        )
    body, blocks = join_blocks(blocks_text)
    article = Article(
        path=Path(rel),
        slug="",
        title=title,
        body=body,
        blocks=blocks,
        date=metadata.get("date"),
        source=metadata.get("source"),
        url=metadata.get("url"),
        author=metadata.get("author"),
        tags=tuple(metadata.get("tags", ())),
    )
    return article, warnings

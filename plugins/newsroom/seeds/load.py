"""Load a seeds folder: every file to an :class:`Article` or a :class:`Problem`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

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
    candidate_files,
    read_bounded,
)
from .metadata import Fields, read_sidecar, split_front_matter, validate_metadata
from .slugs import assign_slugs

# An article file without a sidecar: its name, whether it is Markdown, and its bytes.
ParseKey = tuple[str, bool, bytes]


Parsed = tuple[Article, tuple[Problem, ...]]


@dataclass(frozen=True)
class Loaded:
    """The outcome of loading a seeds folder: the articles and every problem found."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    # What each article file's bytes became, for the next load to reuse (``mkdocs serve``
    # reloads the folder on every rebuild; most files have not changed).
    parsed: Mapping[ParseKey, Parsed] = field(default_factory=dict, repr=False, compare=False)


def load_articles(
    seeds_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, previous: Loaded | None = None
) -> Loaded:
    """Load every article under ``seeds_dir``, sorted by path, with slugs made unique;
    files unchanged since the ``previous`` load are not parsed again."""
    articles: list[Article] = []
    problems: list[Problem] = []
    reuse = previous.parsed if previous is not None else {}
    parsed: dict[ParseKey, Parsed] = {}
    if not seeds_dir.is_dir():
        problems.append(
            Problem(str(seeds_dir), "seeds folder not found; create it and add articles")
        )
        return Loaded((), tuple(problems))
    root = seeds_dir.resolve()
    for path in sorted(candidate_files(seeds_dir, problems)):
        rel = printable(path.relative_to(seeds_dir).as_posix())
        suffix = path.suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            if not any(os.path.lexists(path.with_suffix(s)) for s in (".txt", ".TXT")):
                problems.append(
                    Problem(
                        rel,
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
                    rel,
                    "not an article (expected .txt or .md); ignored. Save articles as .txt or "
                    ".md, and keep other files out of the seeds folder",
                    None,
                    "warning",
                )
            )
            continue
        try:
            article, warnings = read_article(path, rel, max_bytes, root, reuse, parsed)
        except SeedError as error:
            problems.append(Problem(error.path or rel, error.message, error.line))
            continue
        except OSError as error:
            problems.append(
                Problem(
                    rel, f"cannot be read ({error.strerror or error}); check the file's permissions"
                )
            )
            continue
        except Exception as error:  # the boundary around one article: the rest still loads
            problems.append(Problem(rel, unexpected(error)))
            continue
        problems.extend(warnings)
        articles.append(article)
    return Loaded(tuple(assign_slugs(articles)), tuple(problems), parsed)


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
    reuse: Mapping[ParseKey, Parsed] | None = None,
    parsed: dict[ParseKey, Parsed] | None = None,
) -> tuple[Article, list[Problem]]:
    """Read one article file (and its sidecar); raise :class:`SeedError` when it cannot
    become an article. Files that resolve outside ``root`` are refused. A file without a
    sidecar whose bytes are in ``reuse`` is not parsed again; it is recorded in ``parsed``."""
    data = read_bounded(path, max_bytes, root)
    markdown = path.suffix.lower() == ".md"
    sidecar, warnings = (None, []) if markdown else read_sidecar(path, rel, max_bytes, root)
    if sidecar is not None or parsed is None:
        article, more = parse_article(data, rel, markdown, sidecar)
        return article, warnings + more
    key = (rel, markdown, data)
    known = (reuse or {}).get(key)
    if known is None:
        article, more = parse_article(data, rel, markdown)
        known = (article, tuple(more))
    parsed[key] = known
    return known[0], warnings + list(known[1])


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

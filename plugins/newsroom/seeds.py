"""Read and validate ``seeds/`` into :class:`Article` objects (no spaCy, no MkDocs).

A bad file becomes a :class:`Problem` naming the file and what to do; it never stops the
other articles from loading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from .model import Article, Block, Problem

ARTICLE_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIXES = (".yml", ".yaml")
DEFAULT_MAX_BYTES = 1_000_000

# Lines that web pages leave at the end of a pasted article; dropped only at the very end.
FURNITURE = {
    "today",
    "advertisement",
    "advertising",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "read more",
    "related",
    "related articles",
    "related stories",
    "more on this story",
    "top stories",
    "most read",
    "subscribe",
    "sign up",
    "comments",
    "print",
    "email",
    "copy link",
    "follow us",
}
# A sub-heading is a short line without end punctuation, inside the body.
SUBHEADING_MAX_CHARS = 90
SUBHEADING_MAX_WORDS = 12
END_PUNCTUATION = tuple(".!?:;,\"'”’)…»")
METADATA_FIELDS = {"title", "date", "source", "url", "author", "tags"}


@dataclass(frozen=True)
class Loaded:
    """The outcome of loading a seeds folder: the articles and every problem found."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


class SeedError(Exception):
    """A file that cannot become an article; carries the line where it applies."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_articles(seeds_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Load every article under ``seeds_dir``, sorted by path, with slugs made unique."""
    articles: list[Article] = []
    problems: list[Problem] = []
    if not seeds_dir.is_dir():
        problems.append(Problem(str(seeds_dir), "seeds folder not found; create it and add articles"))
        return Loaded((), tuple(problems))
    root = seeds_dir.resolve()
    for path in sorted(_candidate_files(seeds_dir)):
        rel = path.relative_to(seeds_dir).as_posix()
        if path.suffix.lower() in SIDECAR_SUFFIXES:
            if not any(path.with_suffix(s).exists() for s in (".txt",)):
                problems.append(
                    Problem(rel, "metadata file without a .txt article beside it; ignored", None,
                            "warning")
                )
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            problems.append(
                Problem(rel, "not an article (expected .txt or .md); ignored", None, "warning")
            )
            continue
        try:
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise SeedError("symbolic link pointing outside the seeds folder; refused")
            article, warnings = read_article(path, rel, max_bytes)
        except SeedError as error:
            problems.append(Problem(rel, error.message, error.line))
            continue
        except OSError as error:
            problems.append(Problem(rel, f"cannot be read ({error.strerror}); check permissions"))
            continue
        problems.extend(warnings)
        articles.append(article)
    return Loaded(tuple(assign_slugs(articles)), tuple(problems))


def _candidate_files(seeds_dir: Path) -> Iterable[Path]:
    for path in seeds_dir.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(seeds_dir).parts):
            continue  # editor backups, .DS_Store, version control
        if path.is_file() or path.is_symlink():
            yield path


def read_article(path: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Article, list[Problem]]:
    """Read one article file; raise :class:`SeedError` when it cannot become an article."""
    size = path.stat().st_size
    if size > max_bytes:
        raise SeedError(
            f"article is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(plugin option max_article_bytes); split it or raise the limit"
        )
    text, warnings = decode(path.read_bytes(), rel)
    if path.suffix.lower() == ".md":
        meta, body_text, offset = split_front_matter(text)
        headline = None
    else:
        meta = read_sidecar(path)
        headline, body_text, offset = split_headline(text)
    metadata = validate_metadata(meta)
    title = metadata.get("title") or headline
    blocks_text = parse_blocks(body_text, markdown=path.suffix.lower() == ".md")
    if title is None and blocks_text and blocks_text[0][0] == "heading":
        title = blocks_text.pop(0)[1]
    if not title:
        raise SeedError("no headline: put the headline on the first line (or `title:` in front matter)")
    if not blocks_text:
        raise SeedError("no body text after the headline; paste the article's paragraphs", offset + 1)
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


def decode(data: bytes, rel: str) -> tuple[str, list[Problem]]:
    """Bytes to text with normalised line ends; UTF-8, else cp1252 with a warning."""
    if not data.strip():
        raise SeedError("file is empty; paste the article text or delete the file")
    if b"\x00" in data[:8192] or data.startswith(b"\x89PNG"):
        raise SeedError("binary file, not text; save the article as plain text (.txt or .md)")
    warnings: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        line = data[: error.start].count(b"\n") + 1
        warnings.append(
            Problem(rel, "not valid UTF-8; read as Windows-1252. Re-save the file as UTF-8",
                    line, "warning")
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SeedError("file holds only whitespace; paste the article text or delete the file")
    # Invisible controls (bidi overrides included) stay in the text, but NFC keeps
    # offsets and comparisons stable across editors that compose accents differently.
    return unicodedata.normalize("NFC", text), warnings


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)(?:\n)?^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter from a Markdown article; returns (meta, body, body line offset)."""
    match = FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n"):
            raise SeedError("front matter opened with --- but never closed; add a closing --- line", 1)
        return {}, text, 0
    meta = parse_yaml(match.group(1), line_offset=1)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SeedError("front matter must be a mapping of fields (title: ..., date: ...)", 2)
    return meta, text[match.end() :], text[: match.end()].count("\n")


def parse_yaml(source: str, line_offset: int = 0) -> Any:
    """safe_load with an error that names the line."""
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SeedError(f"malformed YAML: {problem}; fix the syntax", line) from None


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a .txt article from ``NAME.yml`` beside it, if present."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file():
            text, _ = decode(sidecar.read_bytes(), sidecar.name)
            try:
                meta = parse_yaml(text)
            except SeedError as error:
                raise SeedError(f"{sidecar.name}: {error.message}", error.line) from None
            if meta is None:
                return {}
            if not isinstance(meta, dict):
                raise SeedError(f"{sidecar.name}: must be a mapping of fields (date: ...)", 1)
            return meta
    return {}


def validate_metadata(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Check the front-matter schema; raise with the field name and what is expected."""
    out: dict[str, Any] = {}
    for key in meta:
        if key not in METADATA_FIELDS:
            raise SeedError(
                f"unknown field `{key}`; expected one of {', '.join(sorted(METADATA_FIELDS))}"
            )
    for key in ("title", "source", "url", "author"):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            raise SeedError(f"field `{key}` must be text, not a {type(value).__name__}")
        value = " ".join(str(value).split())
        if value:
            out[key] = value
    if "date" in meta and meta["date"] is not None:
        out["date"] = parse_date_field(meta["date"])
    tags = meta.get("tags")
    if tags is not None:
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
            raise SeedError("field `tags` must be a list of words, e.g. tags: [north-korea, russia]")
        out["tags"] = [str(t) for t in tags]
    return out


def parse_date_field(value: Any) -> dt.date:
    """A front-matter date: a YAML date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SeedError(
            f"field `date` is {str(value)!r}; write the publication date as YYYY-MM-DD"
        ) from None


def split_headline(text: str) -> tuple[str, str, int]:
    """A .txt article: the first non-empty line is the headline."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            return " ".join(line.split()), "\n".join(lines[index + 1 :]), index + 1
    raise SeedError("file holds only whitespace; paste the article text or delete the file")


def parse_blocks(text: str, markdown: bool = False) -> list[tuple[str, str]]:
    """Body text to (kind, text) blocks: paragraphs and sub-headings, furniture dropped."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if markdown:
        raw: list[tuple[str, str]] = []
        paragraph: list[str] = []
        for line in [*lines, ""]:
            heading = re.match(r"#{1,6}\s+(.*?)\s*#*$", line)
            if heading or not line:
                if paragraph:
                    raw.append(("paragraph", " ".join(paragraph)))
                    paragraph = []
                if heading and heading.group(1):
                    raw.append(("heading", heading.group(1)))
            else:
                paragraph.append(line)
    else:
        raw = [("paragraph", line) for line in lines if line]
    while raw and raw[-1][1].lower().strip(" .:!") in FURNITURE:
        raw.pop()
    return [
        ("heading", text_)
        if kind == "paragraph" and 0 < index < len(raw) - 1 and is_subheading(text_)
        else (kind, text_)
        for index, (kind, text_) in enumerate(raw)
    ]


def is_subheading(line: str) -> bool:
    """A short line without end punctuation reads as a sub-heading."""
    return (
        len(line) <= SUBHEADING_MAX_CHARS
        and len(line.split()) <= SUBHEADING_MAX_WORDS
        and not line.endswith(END_PUNCTUATION)
        and line[:1].isupper()
    )


def join_blocks(blocks: list[tuple[str, str]]) -> tuple[str, tuple[Block, ...]]:
    """The body is the blocks joined by blank lines; each block records its span."""
    parts: list[str] = []
    spans: list[Block] = []
    position = 0
    for kind, text in blocks:
        if parts:
            position += 2
        spans.append(Block("heading" if kind == "heading" else "paragraph", position, position + len(text)))
        parts.append(text)
        position += len(text)
    return "\n\n".join(parts), tuple(spans)


def make_slug(title: str, fallback: str) -> str:
    """The URL slug of a headline: ASCII, lowercase, at most 80 characters."""
    return slugify(title, max_length=80, word_boundary=True) or slugify(fallback) or "briefing"


def assign_slugs(articles: list[Article]) -> list[Article]:
    """Slugs from headlines; on a collision the oldest keeps the plain slug, others get a suffix
    derived from their file path, so that adding an article never renames another."""
    ordered = sorted(articles, key=lambda a: (a.date or dt.date.max, a.path.as_posix()))
    taken: set[str] = set()
    slugged: dict[Path, Article] = {}
    for article in ordered:
        slug = make_slug(article.title, article.path.stem)
        if slug in taken:
            digest = hashlib.sha1(article.path.as_posix().encode()).hexdigest()[:6]
            slug = f"{slug}-{digest}"
        taken.add(slug)
        slugged[article.path] = replace(article, slug=slug)
    return [slugged[a.path] for a in articles]

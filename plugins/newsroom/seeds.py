"""Read and validate ``seeds/`` into :class:`Article` objects (no spaCy, no MkDocs).

A bad file becomes a :class:`Problem` naming the file, the line where it applies and what
to do; it never stops the other articles from loading, and nothing here writes to disk.

The loader changes an article's text in these ways only, so that what a reader sees is
what the editor wrote (tests/test_properties.py holds it to this list):

- bytes: UTF-8, a leading byte-order mark dropped; text with a UTF-16 or UTF-32 byte-order
  mark, and text that is not UTF-8 (read as Windows-1252), load with a warning;
- line ends: CRLF and CR become LF;
- characters: Unicode NFC; control characters other than whitespace (NUL, ESC, the C1
  controls) and stray byte-order marks are removed with a warning;
- whitespace: inside a line every run of whitespace becomes one space and the line is
  stripped; blank lines only separate paragraphs;
- structure: the headline (without wire tags such as "(LEAD)"), paragraphs and sub-headings
  (a ``.md`` heading loses its ``#`` markers);
- page furniture (see :mod:`newsroom.furniture`): lines that are bylines, timestamps, photo
  credits and captions, share buttons, copyright notices, style sheets, labels of one or
  two words, or the headline repeated are dropped, and so is a dateline ("SEOUL, Oct. 29
  (Yonhap) --") at the start of one of the first three paragraphs.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from slugify import slugify

from .furniture import DATELINE_SEARCH, clean_headline, is_furniture, strip_dateline
from .model import Article, Block, Problem

ARTICLE_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIXES = (".yml", ".yaml")
DEFAULT_MAX_BYTES = 1_000_000

# Lines that web pages leave at the end of a pasted article; dropped only at the very end.
# A sub-heading is a short line without end punctuation, inside the body.
SUBHEADING_MAX_CHARS = 90
SUBHEADING_MAX_WORDS = 12
END_PUNCTUATION = tuple(".!?:;,\"'”’)…»")
METADATA_FIELDS = {"title", "date", "source", "url", "author", "tags"}
# Generated pages that share the briefings folder: a headline can never take their URL.
RESERVED_SLUGS = {"index"}

# What a file that is not text usually is, by its first bytes.
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"RIFF": "a WebP image or a sound file",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a Word document or a ZIP archive",
    b"\xd0\xcf\x11\xe0": "an old Word document",
    b"{\\rtf": "an RTF document",
    b"\x1f\x8b": "a gzip archive",
}
BINARY_SAMPLE = 8192
# Text with more control characters than this (in the first BINARY_SAMPLE) is not text.
BINARY_CONTROL_SHARE = 0.05
# Control characters that are not whitespace: invisible, and meaningless in an article; and
# byte-order marks left inside the text where files were pasted together.
CONTROLS = "".join(
    chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0xFEFF) if not chr(c).isspace()
)
CONTROL = re.compile(f"[{re.escape(CONTROLS)}]")
# What makes text binary-looking: a byte-order mark doubled by pasting files is not.
BINARY_CONTROL = re.compile(f"[{re.escape(CONTROLS.replace(chr(0xFEFF), ''))}]")
NULL_TAG = "tag:yaml.org,2002:null"
DISPLAY_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


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


class SeedError(Exception):
    """A file that cannot become an article; carries the line (and the file, when it is not
    the article itself but its sidecar) where it applies."""

    def __init__(self, message: str, line: int | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path


@dataclass(frozen=True)
class Fields:
    """Metadata as written: each field's value, its raw text (scalars) and its line."""

    values: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, str | None] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    path: str | None = None  # the file the lines are in, when it is a sidecar


def display_path(rel: str) -> str:
    """A file name safe to print on one log line: control and bidi characters escaped."""
    return DISPLAY_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", rel)


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
    for path in sorted(_candidate_files(seeds_dir)):
        rel = display_path(path.relative_to(seeds_dir).as_posix())
        suffix = path.suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            if not path.with_suffix(".txt").exists():
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
        problems.extend(warnings)
        articles.append(article)
    return Loaded(tuple(assign_slugs(articles)), tuple(problems), parsed)


def seed_stamps(seeds_dir: Path) -> dict[str, list[int]]:
    """The size and modification time (ns) of every file under ``seeds_dir``, by relative
    path: enough to tell, without reading them, which files changed since an earlier look."""
    stamps: dict[str, list[int]] = {}
    if not seeds_dir.is_dir():
        return stamps
    for path in _candidate_files(seeds_dir):
        try:
            stat = path.stat()
        except OSError:  # a broken symlink: load_articles reports it
            continue
        stamps[path.relative_to(seeds_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return stamps


def _candidate_files(seeds_dir: Path) -> Iterable[Path]:
    # rglob does not descend into symlinked folders; a symlink itself is listed and checked.
    for path in seeds_dir.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(seeds_dir).parts):
            continue  # editor backups, .DS_Store, version control
        if path.is_file() or path.is_symlink():
            yield path


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
    blocks_text = parse_blocks(body_text, markdown=markdown, headline=title)
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


def decode(data: bytes, rel: str) -> tuple[str, list[Problem]]:
    """Bytes to clean text with normalised line ends: UTF-8, else (with a warning) UTF-16 or
    UTF-32 by their byte-order mark, or Windows-1252; binary files are refused."""
    if not data:
        raise SeedError("file is empty; paste the article text or delete the file")
    warnings: list[Problem] = []
    text = _decode_unicode_bom(data, rel, warnings)
    if text is None:
        kind = next((k for sig, k in BINARY_SIGNATURES.items() if data.startswith(sig)), None)
        if kind is None and b"\x00" in data[:BINARY_SAMPLE]:
            kind = "binary data (it holds NUL bytes)"
        if kind is not None:
            raise SeedError(f"not text but {kind}; save the article as plain text (.txt or .md)")
        text = _decode_8bit(data, rel, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SeedError(
            "file is empty (it holds only whitespace); paste the article text or delete the file"
        )
    sample = text[:BINARY_SAMPLE]
    if len(BINARY_CONTROL.findall(sample)) > BINARY_CONTROL_SHARE * len(sample):
        raise SeedError(
            "not text but binary data (it is full of control characters); "
            "save the article as plain text (.txt or .md)"
        )
    first = CONTROL.search(text)
    if first is not None:
        count = len(CONTROL.findall(text))
        warnings.append(
            Problem(
                rel,
                f"{count} invisible control character{'s' if count > 1 else ''} "
                f"(first U+{ord(first.group()):04X}) removed; check the text there, "
                "or re-paste the article as plain text",
                text.count("\n", 0, first.start()) + 1,
                "warning",
            )
        )
        text = CONTROL.sub("", text)
    # Invisible bidi controls stay in the text (pages/markup.py shows them); NFC keeps
    # offsets and comparisons stable across editors that compose accents differently.
    return unicodedata.normalize("NFC", text), warnings


def _decode_unicode_bom(data: bytes, rel: str, warnings: list[Problem]) -> str | None:
    """Text that starts with a UTF-32 or UTF-16 byte-order mark (Windows "Unicode")."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise SeedError(
                    f"starts like {codec.upper()} text but is not; "
                    "save the article as plain text in UTF-8"
                ) from None
            warnings.append(
                Problem(
                    rel,
                    f"{codec.upper()} text, read as such; re-save the file as UTF-8",
                    None,
                    "warning",
                )
            )
            return text
    return None


def _decode_8bit(data: bytes, rel: str, warnings: list[Problem]) -> str:
    """UTF-8, else Windows-1252 (else Latin-1) with a warning naming the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        data = data.removeprefix(codecs.BOM_UTF8)
        try:
            text, codec = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, codec = data.decode("latin-1"), "Latin-1"
        warnings.append(
            Problem(
                rel,
                f"not valid UTF-8; read as {codec}. Check the accented letters, "
                "and re-save the file as UTF-8",
                prefix.count(b"\n") + 1,
                "warning",
            )
        )
        return text


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)(?:\n)?^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[Fields, str, int]:
    """Split YAML front matter from a Markdown article; returns (fields, body, body line offset)."""
    match = FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n"):
            raise SeedError(
                "front matter opened with --- but never closed; add a closing --- line", 1
            )
        return Fields(), text, 0
    fields = parse_fields(match.group(1), line_offset=1)
    return fields, text[match.end() :], text[: match.end()].count("\n")


def parse_fields(source: str, line_offset: int = 0, path: str | None = None) -> Fields:
    """YAML metadata (safe) to :class:`Fields`; raise :class:`SeedError` naming the line."""
    try:
        loader = yaml.SafeLoader(source)  # its reader refuses some characters right away
    except yaml.YAMLError as error:
        raise _yaml_error(error, line_offset, path) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as error:
            raise _yaml_error(error, line_offset, path) from None
        except RecursionError:
            raise SeedError(
                "malformed YAML: nested too deeply; write plain fields (title: ..., date: ...)",
                line_offset + 1,
                path,
            ) from None
        if node is None:
            return Fields(path=path)
        if not isinstance(node, yaml.MappingNode):
            raise SeedError(
                "metadata must be fields, one per line (title: ..., date: ...)",
                node.start_mark.line + 1 + line_offset,
                path,
            )
        values: dict[str, Any] = {}
        raw: dict[str, str | None] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + line_offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise SeedError("a field name must be a word (title:, date:, ...)", line, path)
            key = str(key_node.value)
            if key in lines:
                raise SeedError(
                    f"field `{key}` appears twice (first on line {lines[key]}); keep one",
                    line,
                    path,
                )
            lines[key] = line
            scalar = isinstance(value_node, yaml.ScalarNode) and value_node.tag != NULL_TAG
            raw[key] = str(value_node.value) if scalar else None
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except yaml.YAMLError as error:
                raise _yaml_error(error, line_offset, path) from None
            except Exception:  # the constructors fail in many ways on odd input
                if not scalar:
                    raise SeedError(
                        f"field `{key}` holds a value YAML cannot read; write it as plain text",
                        line,
                        path,
                    ) from None
                values[key] = raw[key]  # e.g. `date: 2025-13-45`, judged as text below
        return Fields(values, raw, lines, path)
    finally:
        loader.dispose()


def _yaml_error(error: yaml.YAMLError, line_offset: int, path: str | None) -> SeedError:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return SeedError(f"malformed YAML: {problem}; fix the syntax", line, path)


def read_sidecar(
    path: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES, root: Path | None = None
) -> tuple[Fields | None, list[Problem]]:
    """Metadata for a .txt article from ``NAME.yml`` beside it, if present."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if not (sidecar.is_file() or sidecar.is_symlink()):
            continue
        sidecar_rel = str(PurePosixPath(rel).with_suffix(suffix))
        try:
            data = read_bounded(sidecar, max_bytes, root)
            text, warnings = decode(data, sidecar_rel)
        except SeedError as error:
            raise SeedError(
                f"{error.message} (article {PurePosixPath(rel).name} skipped)",
                error.line,
                sidecar_rel,
            ) from None
        return parse_fields(text, path=sidecar_rel), warnings
    return None, []


def clean_text(value: str) -> str:
    """One line of metadata text: NFC, no control characters, whitespace collapsed."""
    return " ".join(CONTROL.sub("", unicodedata.normalize("NFC", value)).split())


def validate_metadata(fields: Fields | Mapping[str, Any]) -> dict[str, Any]:
    """Check the front-matter schema; raise with the field, its line and what is expected."""
    if not isinstance(fields, Fields):
        plain = {k: v for k, v in fields.items() if not isinstance(v, (dict, list, bytes))}
        fields = Fields(dict(fields), {k: None if v is None else str(v) for k, v in plain.items()})
    path = fields.path

    def fail(key: str, message: str) -> SeedError:
        return SeedError(message, fields.lines.get(key), path)

    out: dict[str, Any] = {}
    for key in fields.values:
        if key not in METADATA_FIELDS:
            raise fail(
                key, f"unknown field `{key}`; expected one of {', '.join(sorted(METADATA_FIELDS))}"
            )
    for key in ("title", "source", "url", "author"):
        value = fields.values.get(key)
        if value is None:
            continue
        raw = fields.raw.get(key)
        if isinstance(value, (dict, list, bytes)) or raw is None:
            raise fail(
                key, f"field `{key}` must be text, not a {_kind(value)}; write it on one line"
            )
        text = clean_text(raw)
        if text:
            out[key] = text
    if fields.values.get("date") is not None:
        out["date"] = parse_date_field(fields.values["date"], fields.lines.get("date"), path)
    tags = fields.values.get("tags")
    if tags is not None:
        if isinstance(tags, str):
            tags = [t for t in tags.split(",") if t.strip()]
        if not isinstance(tags, list) or not all(
            isinstance(t, (str, int)) and not isinstance(t, bool) for t in tags
        ):
            raise fail(
                "tags", "field `tags` must be a list of words, e.g. tags: [north-korea, russia]"
            )
        out["tags"] = [t for t in (clean_text(str(t)) for t in tags) if t]
    return out


def _kind(value: Any) -> str:
    kinds = {dict: "mapping", list: "list", bytes: "binary value"}
    return next(
        (name for cls, name in kinds.items() if isinstance(value, cls)), type(value).__name__
    )


def parse_date_field(value: Any, line: int | None = None, path: str | None = None) -> dt.date:
    """A front-matter date: a YAML date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(str(value))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise SeedError(
        f"field `date` is {text!r}; write the publication date as YYYY-MM-DD", line, path
    )


def split_headline(text: str) -> tuple[str, str, int]:
    """A .txt article: the first non-empty line is the headline."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            return " ".join(line.split()), "\n".join(lines[index + 1 :]), index + 1
    raise SeedError(
        "file is empty (it holds only whitespace); paste the article text or delete the file"
    )


def parse_blocks(
    text: str, markdown: bool = False, headline: str | None = None
) -> list[tuple[str, str]]:
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
    raw = [
        (kind, line) for kind, line in raw if kind == "heading" or not is_furniture(line, headline)
    ]
    for index, (kind, line) in enumerate(raw[:DATELINE_SEARCH]):
        if kind == "paragraph" and (stripped := strip_dateline(line)) != line:
            raw[index] = ("paragraph", stripped)
            break
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
        spans.append(
            Block("heading" if kind == "heading" else "paragraph", position, position + len(text))
        )
        parts.append(text)
        position += len(text)
    return "\n\n".join(parts), tuple(spans)


def make_slug(title: str, fallback: str) -> str:
    """The URL slug of a headline: ASCII, lowercase, at most 80 characters, cut at a word
    (the first words, in order: slugify would otherwise skip a long word for shorter ones)."""
    slug = slugify(title, max_length=80, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=80) or "briefing"


def assign_slugs(articles: list[Article]) -> list[Article]:
    """Slugs from headlines; on a collision the oldest keeps the plain slug, others get a suffix
    derived from their file path, so that adding an article never renames another."""
    ordered = sorted(articles, key=lambda a: (a.date or dt.date.max, a.path.as_posix()))
    taken: set[str] = set(RESERVED_SLUGS)
    slugged: dict[Path, Article] = {}
    for article in ordered:
        base = make_slug(article.title, article.path.stem)
        digest = hashlib.sha1(article.path.as_posix().encode()).hexdigest()
        # A longer digest only where a headline happens to end like another's suffix.
        candidates = (base, *(f"{base}-{digest[:n]}" for n in (6, 10, 40)))
        slug = next((c for c in candidates if c not in taken), None)
        counter = 2
        while slug is None or slug in taken:
            slug, counter = f"{base}-{digest}-{counter}", counter + 1
        taken.add(slug)
        slugged[article.path] = replace(article, slug=slug)
    return [slugged[a.path] for a in articles]

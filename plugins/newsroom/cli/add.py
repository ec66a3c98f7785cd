"""``briefings add``: one article, normalised, written as a new file of seeds/."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import yaml

from ..model import Article, Problem
from ..seeds import (
    Fields,
    SeedError,
    assign_slugs,
    decode,
    join_blocks,
    load_articles,
    make_slug,
    parse_article,
    parse_blocks,
    split_front_matter,
    split_headline,
    validate_metadata,
)
from ..text import clean_text
from .project import CommandError, load_project, shown_path

MAX_NAME_ATTEMPTS = 1000


# Names tried for one that leaves every existing briefing's URL alone, before giving up on that.
RENAME_AVOIDING_ATTEMPTS = 10


@dataclass(frozen=True)
class Draft:
    """An article about to be added: its file name and the exact text to write."""

    name: str
    text: str
    article: Article


def body_fingerprint(body: str) -> str:
    """The identity of an article's text, whatever its line breaks and spacing."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def option_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The metadata given on the command line."""
    values: dict[str, Any] = {
        key: getattr(args, key)
        for key in ("title", "date", "source", "url", "author")
        if getattr(args, key) is not None
    }
    if args.tags is not None:
        values["tags"] = [tag.strip() for tag in args.tags.split(",") if tag.strip()]
    return values


def draft_article(data: bytes, name: str, given: dict[str, Any]) -> tuple[Draft, list[Problem]]:
    """The article to add from the bytes of a .txt or .md text and the metadata options
    (which win over front matter); raise :class:`SeedError` when it cannot be one."""
    text, warnings = decode(data, name)
    markdown = name.lower().endswith(".md") or text.startswith("---\n")
    headline: str | None = None
    if markdown:
        fields, body_text, _ = split_front_matter(text)
    else:
        fields = Fields()
        if "title" in given:
            body_text = text  # the headline is given: every line is body
        else:
            headline, body_text, _ = split_headline(text)
    merged = Fields(
        values={**fields.values, **given},
        lines={k: line for k, line in fields.lines.items() if k not in given},
    )
    metadata = validate_metadata(merged)
    blocks = parse_blocks(body_text, markdown=markdown)
    title = metadata.get("title") or clean_text(headline or "")
    if not title and blocks and blocks[0][0] == "heading":
        title = clean_text(blocks.pop(0)[1])
    if not title:
        raise SeedError("no headline: put it on the first line, or pass --title")
    if "date" not in metadata:
        raise SeedError(
            "no date: pass --date YYYY-MM-DD (or `date:` in front matter); the publication "
            "date anchors relative dates such as “Wednesday” and “last year”"
        )
    if not blocks:
        raise SeedError("no body text after the headline; paste the article's paragraphs")
    date: dt.date = metadata["date"]
    front = {"title": title, "date": date}
    front.update({k: metadata[k] for k in ("source", "url", "author", "tags") if metadata.get(k)})
    front_matter = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000_000
    )
    body = "\n\n".join(f"## {t}" if kind == "heading" else t for kind, t in blocks)
    file_text = f"---\n{front_matter}---\n\n{body}\n"
    file_name = f"{date.isoformat()}-{make_slug(title, 'article')}.md"
    # Read back exactly as a build will: what is written is what the editor sent.
    article, _ = parse_article(file_text.encode("utf-8"), file_name, markdown=True)
    expected_body, expected_blocks = join_blocks(blocks)
    if (article.title, article.body, article.blocks) != (title, expected_body, expected_blocks):
        raise SeedError(
            "the text would not read back the same from a .md file (a paragraph that starts "
            "with # reads as a heading); edit that paragraph and try again"
        )
    return Draft(file_name, file_text, article), warnings


def read_input(source: str | None, stdin: IO[bytes] | None, max_bytes: int) -> tuple[bytes, str]:
    """The bytes to add and the name to report them under; never more than ``max_bytes``
    are read (``/dev/zero`` or an endless pipe is refused, not read to exhaustion)."""
    if source in (None, "-"):
        if stdin is None:
            raise CommandError(
                "no text: standard input is closed; pass a FILE, or pipe the text in"
            )
        name = "<stdin>"
        try:
            data = stdin.read(max_bytes + 1)
        except OSError as error:
            raise CommandError(f"{name}: cannot be read ({error.strerror or error})") from None
    else:
        path = Path(source)
        name = path.name
        try:
            if path.is_dir():
                raise CommandError(f"{source}: is a folder; pass a .txt or .md file")
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise CommandError(f"{source}: cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise CommandError(
            f"{name}: over the {max_bytes:,}-byte limit (plugin option max_article_bytes)"
        )
    return data, name


@contextmanager
def seeds_lock(folder: Path) -> Iterator[None]:
    """Hold the seeds folder for one add: the check that the text is new and the write of
    its file are one step, so adds running at once never write the same text twice. The lock
    is on the folder itself (no lock file is left behind); where ``flock`` is missing, the
    exclusive create of the file still prevents overwriting."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@dataclass(frozen=True)
class Placed:
    """Where an added article went and its briefing's slug."""

    path: Path
    slug: str


def place_article(folder: Path, draft: Draft, existing: Sequence[Article]) -> Placed:
    """Write the draft into a new file of ``folder``, never over an existing one; refuse
    when its headline would take the URL of an existing briefing (on a slug collision the
    earliest date, then the first path in sort order, keeps the plain slug)."""
    stem = draft.name.removesuffix(".md")
    for attempt in range(1, MAX_NAME_ATTEMPTS + 1):
        # "_" sorts after ".", so ``<stem>_2.md`` comes after ``<stem>.md``.
        path = folder / (draft.name if attempt == 1 else f"{stem}_{attempt}.md")
        if os.path.lexists(path):
            continue
        new = replace(draft.article, path=Path(path.name))
        slugs = {a.path: a.slug for a in assign_slugs([*existing, new])}
        renamed = [a for a in existing if slugs[a.path] != a.slug]
        if renamed and attempt < RENAME_AVOIDING_ATTEMPTS:
            continue
        if renamed:
            other = renamed[0]
            raise CommandError(
                f"{shown_path(folder / other.path)} has the same headline and an earlier or "
                f"equal date; adding this one would move its briefing from "
                f"briefings/{other.slug}/. Nothing added: pass --title with another headline"
            )
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(draft.text)
        except FileExistsError:  # created since we looked (without flock)
            continue
        return Placed(path, slugs[new.path])
    raise CommandError(f"{shown_path(folder)}: too many articles named {draft.name}")


def run_add(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes] | None) -> int:
    """``briefings add``: write one normalised article into seeds/ and print its URL."""
    project = load_project(Path(args.config), required=args.seeds is None)
    seeds_dir = Path(args.seeds) if args.seeds else project.path("seeds_dir")
    if os.path.lexists(seeds_dir) and not seeds_dir.is_dir():
        raise CommandError(f"{shown_path(seeds_dir)}: not a folder; pass the seeds folder")
    max_bytes = project.options.max_article_bytes
    data, name = read_input(args.file, stdin, max_bytes)
    try:
        draft, warnings = draft_article(data, name, option_fields(args))
    except SeedError as error:
        where = f"{name}:{error.line}" if error.line else name
        raise CommandError(f"{where}: {error.message}") from None
    for warning in warnings:
        if warning.severity != "info":
            print(f"{name}: warning: {warning.message}", file=err)
    if draft.article.date and draft.article.date > dt.date.today() + dt.timedelta(days=1):
        print(f"{name}: warning: the date {draft.article.date} is in the future", file=err)
    try:
        seeds_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"{shown_path(seeds_dir)}: cannot be made ({error.strerror or error})"
        ) from None
    with seeds_lock(seeds_dir):
        existing = load_articles(seeds_dir, max_bytes).articles
        fingerprint = body_fingerprint(draft.article.body)
        for article in existing:
            if body_fingerprint(article.body) == fingerprint:
                raise CommandError(
                    f"{name}: this text is already in {shown_path(seeds_dir / article.path)} "
                    f"(briefing {project.url(article.slug)}); nothing added"
                )
        placed = place_article(seeds_dir, draft, existing)
    for article in existing:
        if draft.article.url and article.url == draft.article.url:
            print(
                f"note: {shown_path(seeds_dir / article.path)} has the same url, with other text",
                file=err,
            )
    url = project.url(placed.slug)
    print(f"added {shown_path(placed.path)}", file=out)
    print(f"briefing: {url}", file=out)
    if project.site_url:
        print(f"          {project.site_url.rstrip('/')}/{url}", file=out)
    return 0

"""The ``briefings`` command: add an article to seeds/, check every input file, manage the
annotation cache. Settings come from the ``briefings`` plugin entry of mkdocs.yml."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import yaml

from .cli_annotate import add_annotate_command
from .config import BriefingsConfig
from .model import Article, Problem
from .seeds import (
    Fields,
    Loaded,
    SeedError,
    assign_slugs,
    clean_text,
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

if TYPE_CHECKING:
    from .corpus import Corpus

PLUGIN = "briefings"
ACTORS_FILE = "actors.yml"
MAX_NAME_ATTEMPTS = 1000
# Names tried for one that leaves every existing briefing's URL alone, before giving up on that.
RENAME_AVOIDING_ATTEMPTS = 10


class CommandError(Exception):
    """A failure to report on one line and exit with ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- mkdocs.yml -------------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader for mkdocs.yml: tags only MkDocs resolves (``!!python/name:...``,
    ``!relative``) read as plain values, and ``!ENV`` reads the environment like MkDocs."""


def _plain(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    names = _plain(loader, "", node)
    names = [names] if not isinstance(names, list) else names
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = _merge(merged[key], value)
        merged[key] = value
    return merged


def read_mkdocs_yml(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """mkdocs.yml as data, with ``INHERIT`` files merged in as MkDocs does."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror or error})", 2) from None
    except yaml.YAMLError as error:
        raise CommandError(f"{path}: malformed YAML ({error})", 2) from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a mapping of settings", 2)
    settings: dict[str, Any] = data
    parent = settings.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in seen:
            raise CommandError(f"{path}: INHERIT loops back to {parent_path}", 2)
        settings = _merge(read_mkdocs_yml(parent_path, (*seen, path.resolve())), settings)
    return settings


def plugin_options(settings: dict[str, Any]) -> dict[str, Any] | None:
    """The options of the briefings plugin entry, or None when mkdocs.yml does not list it."""
    plugins = settings.get("plugins")
    entries: list[Any] = list(plugins.items()) if isinstance(plugins, dict) else plugins or []
    for entry in entries:
        if isinstance(entry, tuple):  # plugins: {name: options}
            name, options = entry
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            name, options = entry, None
        if isinstance(name, str) and name.rsplit("/", 1)[-1] == PLUGIN:
            return dict(options) if isinstance(options, dict) else {}
    return None


@dataclass(frozen=True)
class Project:
    """Where the inputs are, after mkdocs.yml and the command line."""

    root: Path  # the folder of mkdocs.yml
    options: BriefingsConfig
    site_url: str | None = None
    directory_urls: bool = True

    def path(self, option: str) -> Path:
        """A folder option, resolved against mkdocs.yml."""
        return self.root / str(self.options[option])

    def shown(self, option: str) -> str:
        """A folder as the user knows it: relative to the current folder where possible."""
        return shown_path(self.path(option))

    def url(self, slug: str) -> str:
        """A briefing's URL relative to the site root."""
        return f"briefings/{slug}/" if self.directory_urls else f"briefings/{slug}.html"


def shown_path(path: Path) -> str:
    """A path relative to the current folder where it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_project(config: Path, required: bool = True) -> Project:
    """The project described by ``config`` (mkdocs.yml); plain defaults when it does not
    exist and is not ``required``."""
    settings: dict[str, Any] = {}
    if config.is_file():
        settings = read_mkdocs_yml(config)
    elif required:
        raise CommandError(
            f"{config}: not found; run this in the folder of mkdocs.yml or pass --config", 2
        )
    options = BriefingsConfig()
    options.load_dict(plugin_options(settings) or {})
    errors, _ = options.validate()
    if errors:
        details = "; ".join(f"{name}: {error}" for name, error in errors)
        raise CommandError(f"{config}: invalid {PLUGIN} plugin options ({details})", 2)
    site_url = settings.get("site_url")
    return Project(
        root=config.resolve().parent,
        options=options,
        site_url=site_url if isinstance(site_url, str) and site_url.strip() else None,
        directory_urls=settings.get("use_directory_urls", True) is not False,
    )


# --- briefings add ----------------------------------------------------------------------------


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
        raw={**fields.raw, **{k: v for k, v in given.items() if isinstance(v, str)}},
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


def read_input(source: str | None, stdin: IO[bytes]) -> tuple[bytes, str]:
    """The bytes to add and the name to report them under."""
    if source in (None, "-"):
        return stdin.read(), "<stdin>"
    path = Path(source)
    try:
        return path.read_bytes(), path.name
    except OSError as error:
        raise CommandError(f"{source}: cannot be read ({error.strerror or error})") from None


@dataclass(frozen=True)
class Placed:
    """Where an added article went and the slugs of every article with it."""

    path: Path
    slug: str
    renamed: tuple[Article, ...]  # existing articles whose slug the new one takes


def place_article(folder: Path, draft: Draft, existing: Sequence[Article]) -> Placed:
    """Write the draft into a new file of ``folder``: never over an existing one, and named,
    where it can be, so that no existing briefing changes its URL (on a slug collision the
    earliest date, then the first path in sort order, keeps the plain slug)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = draft.name.removesuffix(".md")
    for attempt in range(1, MAX_NAME_ATTEMPTS + 1):
        # "_" sorts after ".", so ``<stem>_2.md`` comes after ``<stem>.md``.
        path = folder / (draft.name if attempt == 1 else f"{stem}_{attempt}.md")
        if path.exists() or path.is_symlink():
            continue
        new = replace(draft.article, path=Path(path.name))
        slugs = {a.path: a.slug for a in assign_slugs([*existing, new])}
        renamed = tuple(a for a in existing if slugs[a.path] != a.slug)
        if renamed and attempt < RENAME_AVOIDING_ATTEMPTS:
            continue
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(draft.text)
        except FileExistsError:  # created since we looked
            continue
        return Placed(path, slugs[new.path], renamed)
    raise CommandError(f"{shown_path(folder)}: too many articles named {draft.name}")


def run_add(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes]) -> int:
    """``briefings add``: write one normalised article into seeds/ and print its URL."""
    project = load_project(Path(args.config), required=args.seeds is None)
    seeds_dir = Path(args.seeds) if args.seeds else project.path("seeds_dir")
    data, name = read_input(args.file, stdin)
    if len(data) > project.options.max_article_bytes:
        raise CommandError(
            f"{name}: {len(data):,} bytes, over the {project.options.max_article_bytes:,}-byte "
            "limit (plugin option max_article_bytes)"
        )
    try:
        draft, warnings = draft_article(data, name, option_fields(args))
    except SeedError as error:
        where = f"{name}:{error.line}" if error.line else name
        raise CommandError(f"{where}: {error.message}") from None
    for warning in warnings:
        print(f"{name}: warning: {warning.message}", file=err)
    if draft.article.date and draft.article.date > dt.date.today() + dt.timedelta(days=1):
        print(f"{name}: warning: the date {draft.article.date} is in the future", file=err)
    loaded = (
        load_articles(seeds_dir, project.options.max_article_bytes) if seeds_dir.is_dir() else None
    )
    existing = loaded.articles if loaded else ()
    fingerprint = body_fingerprint(draft.article.body)
    for article in existing:
        if body_fingerprint(article.body) == fingerprint:
            raise CommandError(
                f"{name}: this text is already in {shown_path(seeds_dir / article.path)} "
                f"(briefing {project.url(article.slug)}); nothing added"
            )
    for article in existing:
        if draft.article.url and article.url == draft.article.url:
            print(
                f"note: {shown_path(seeds_dir / article.path)} has the same url, with other text",
                file=err,
            )
    placed = place_article(seeds_dir, draft, existing)
    url = project.url(placed.slug)
    print(f"added {shown_path(placed.path)}", file=out)
    print(f"briefing: {url}", file=out)
    if project.site_url:
        print(f"          {project.site_url.rstrip('/')}/{url}", file=out)
    for article in placed.renamed:
        print(
            f"note: {shown_path(seeds_dir / article.path)} has the same headline and date; its "
            f"briefing moves from {project.url(article.slug)} (rename one file to choose)",
            file=err,
        )
    return 0


# --- briefings check --------------------------------------------------------------------------


@dataclass(frozen=True)
class UnknownActor:
    """An actor the registry lacks, as the corpus saw it."""

    id: str
    name: str
    type: str
    mentions: int
    briefings: int
    surfaces: tuple[str, ...]  # most frequent first


def unknown_actors(corpus: Corpus) -> list[UnknownActor]:
    """Actors named in the briefings that the registry does not know, most-mentioned first."""
    found = []
    for actor in corpus.actors.values():
        if actor.registered:
            continue
        refs = corpus.mentions.get(actor.id, ())
        surfaces = Counter(ref.mention.text for ref in refs)
        found.append(
            UnknownActor(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                mentions=len(refs),
                briefings=len(corpus.briefings_of(actor.id)),
                surfaces=tuple(s for s, _ in sorted(surfaces.items(), key=lambda i: (-i[1], i[0]))),
            )
        )
    return sorted(found, key=lambda a: (-a.mentions, a.id))


class _StubDumper(yaml.SafeDumper):
    """Writes an empty string as "" (a field to fill in), not ''."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if not value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_StubDumper.add_representer(str, _represent_str)


def registry_stub(actors: Sequence[UnknownActor]) -> str:
    """Entries ready to paste under ``actors:`` in the registry (indented like it)."""
    entries = [
        {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "description": "",
            "aliases": [s for s in actor.surfaces if s != actor.name],
        }
        for actor in actors
    ]
    text = yaml.dump(
        entries,
        Dumper=_StubDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=1_000_000,
    )
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(True))


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def print_problems(problems: Sequence[Problem], shown: str, out: IO[str]) -> None:
    """One ``path:line: severity: message`` line per problem."""
    from .plugin import located

    for problem in problems:
        print(f"{located(problem, shown)}: {problem.severity}: {problem.message}", file=out)


def run_check(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes]) -> int:
    """``briefings check``: report every problem of every input file, then the actors the
    registry does not know; exit 1 on any error."""
    from .corpus import build_corpus
    from .editorial import load_editorial
    from .nlp.pipeline import ModelNotFound
    from .plugin import make_annotator

    project = load_project(Path(args.config))
    loaded: Loaded = load_articles(project.path("seeds_dir"), project.options.max_article_bytes)
    editorial = load_editorial(project.path("editorial_dir"))
    print_problems(loaded.problems, project.shown("seeds_dir"), out)
    print_problems(editorial.problems, project.shown("editorial_dir"), out)
    problems = (*loaded.problems, *editorial.problems)
    errors = sum(p.severity == "error" for p in problems)
    print(
        f"{len(loaded.articles)} articles, {len(editorial.editorial.actors)} registry actors: "
        f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}",
        file=out,
    )
    cache_dir = project.path("cache_dir") if project.options.cache else None
    annotator = make_annotator(project.options, cache_dir)
    try:
        briefings = annotator.annotate(loaded.articles, editorial.editorial)
    except ModelNotFound as error:
        print(f"error: {error}", file=err)
        return 2
    print(f"annotation: {annotator.report}", file=err)
    unknown = unknown_actors(build_corpus(briefings, editorial.editorial))
    if unknown:
        registry = f"{project.shown('editorial_dir')}/{ACTORS_FILE}"
        print(
            f"\n{len(unknown)} actors the registry does not know, most-mentioned first:", file=out
        )
        width = max(len(str(a.mentions)) for a in unknown)
        for actor in unknown:
            seen = ", ".join(f"“{s}”" for s in actor.surfaces)
            print(
                f"  {actor.mentions:>{width}}  {actor.name} ({actor.type}, "
                f"{plural(actor.briefings, 'briefing')}; as {seen})",
                file=out,
            )
        print(
            f"\nTo add them, check each type and write a description, then paste under "
            f"`actors:` in {registry}:\n",
            file=out,
        )
        print(registry_stub(unknown), end="", file=out)
    else:
        print("every actor named in the briefings is in the registry", file=out)
    return 1 if errors else 0


# --- briefings cache --------------------------------------------------------------------------


def run_cache(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes]) -> int:
    """``briefings cache clear|prune``: empty the annotation cache, or drop what no current
    article or registry uses."""
    from .annotate import Annotator
    from .cache import AnnotationCache
    from .editorial import load_editorial

    project = load_project(Path(args.config))
    cache = AnnotationCache(project.path("cache_dir"))
    if args.action == "clear":
        removed = cache.clear()
    else:
        loaded = load_articles(project.path("seeds_dir"), project.options.max_article_bytes)
        editorial = load_editorial(project.path("editorial_dir")).editorial
        annotator = Annotator(project.options.model, project.options.workers, cache=cache)
        keys = annotator.keys(loaded.articles, editorial)
        removed = cache.prune({k.doc for k in keys}, {k.annotation for k in keys})
    print(
        f"{project.shown('cache_dir')}: removed {removed.annotations} annotations and "
        f"{removed.docs} parses",
        file=out,
    )
    return 0


# --- the command ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``briefings add|check|cache``."""
    parser = argparse.ArgumentParser(
        prog="briefings",
        description="Add articles, check the inputs and manage the cache of a briefings site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = commands.add_parser(
        "add",
        help="add one article to the seeds folder",
        description="Write one normalised article as seeds/<date>-<slug>.md and print the URL "
        "its briefing will have. A .txt text takes its first line as the headline (unless "
        "--title); a .md text may carry front matter. Options win over front matter.",
    )
    add.add_argument(
        "file", nargs="?", metavar="FILE", help="a .txt or .md file; - or nothing reads stdin"
    )
    add.add_argument("--title", help="the headline (then every line of a text is body)")
    add.add_argument(
        "--date", help="the publication date, YYYY-MM-DD (required unless in front matter)"
    )
    add.add_argument("--source", help="who published it, e.g. Yonhap")
    add.add_argument("--url", help="the address of the original")
    add.add_argument("--author")
    add.add_argument("--tags", help="comma-separated, e.g. north-korea,russia")
    add.add_argument("--seeds", metavar="DIR", help="the seeds folder (default: from mkdocs.yml)")
    add.set_defaults(run=run_add)

    check = commands.add_parser(
        "check",
        help="validate every seed and editorial file; list actors the registry lacks",
        description="Print every problem of the seeds and editorial files as path:line: "
        "severity: message, then the actors the registry does not know with a YAML stub to "
        "paste. Exits 1 when any problem is an error.",
    )
    check.set_defaults(run=run_check)

    cache = commands.add_parser("cache", help="manage the annotation cache")
    cache.add_argument(
        "action",
        choices=("clear", "prune"),
        help="clear: remove every entry; prune: remove entries no current article uses",
    )
    cache.set_defaults(run=run_cache)
    add_annotate_command(commands)

    for command in (add, check, cache):
        command.add_argument(
            "--config",
            default="mkdocs.yml",
            metavar="FILE",
            help="the site's mkdocs.yml (default: %(default)s)",
        )
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> int:
    """Run the command; returns the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args, out, err, stdin or sys.stdin.buffer)
    except CommandError as error:
        print(f"error: {error.message}", file=err)
        return error.status
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Hostile input (issue 7): every bad article gets one clear error, nothing is lost, and
nothing in an article or the registry becomes markup in a reader's browser.

One site is built, once per session, with ``mkdocs build --strict`` from a seeds folder
holding the real seed, the committed cases of ``tests/fixtures/hostile/`` and the cases a
committed file cannot hold (binary, encodings, line ends, size, a symbolic link), written
at test time by :func:`write_generated_cases`; the registry gets a hostile actor, a broken
entry and a corrections file with mistakes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html.parser
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_SLUG, Site, copy_project

from newsroom.corpus import build_corpus
from newsroom.editorial import load_editorial
from newsroom.model import Actor, Annotation, Article, Block, Briefing, Editorial, Mention, Sentence
from newsroom.pages import markup, render_site
from newsroom.seeds import DEFAULT_MAX_BYTES, load_articles, make_slug

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
LONG_WORD = "Z" + "a" * 299
RLO, PDF = "\u202e", "\u202c"
SECRET = "Secret headline from outside the seeds folder"

# Appended to the real registry: an actor whose every text field is an attack, and an
# entry with a wrong type (skipped and reported; the rest of the registry still loads).
ACTORS_EXTRA = f"""
  - id: zorblax-agency
    name: "Zorblax <script>alert(1)</script> Agency"
    type: organization
    description: "<img src=x onerror=alert(1)> {{{{ config }}}} [x](javascript:alert(1)) {{: onclick=\\"alert(1)\\" }} {RLO}live{PDF}"
    aliases: [Zorblax Agency]
    role: "{{% include 'base.html' %}} --8<-- \\"/etc/passwd\\""
    metonyms:
      - text: Zorblax
        note: "<iframe src=https://evil.example/></iframe> &amp;"

  - id: broken-actor
    name: Broken Actor
    type: wizard
"""
CORRECTIONS = """\
corrections:
  - article: injection
    text: Zorblax Agency
    actor: no-such-actor
  - article: injection
    text: Zorblax Agency
    actor: zorblax-agency
    occurrence: 0
  - article: no-such-article
    text: Kim
    actor: null
"""
# A topic whose body holds pymdownx snippet lines: shown as written, never included.
SNIPPET_TOPIC = """---
title: Snippet markers
actors: [north-korea]
---
--8<-- "missing-file.md"

;--8<-- "escaped.md"

--8<--
/etc/passwd
--8<--
"""

# Every problem the build reports, exactly as `mkdocs build --strict` prints it.
EXPECTED_ERRORS = [
    "seeds/date-yesterday.md:3: field `date` is 'yesterday'; write the publication date as "
    "YYYY-MM-DD",
    "seeds/empty.txt: file is empty; paste the article text or delete the file",
    "seeds/escape-key.md:2: unknown field `\\x1b[2K\\x1b[1Gtitle`; expected one of author, "
    "date, source, tags, title, url",
    "seeds/folder-sidecar.yml: not a regular file (a folder, pipe or device); save the article "
    "as a file (article folder-sidecar.txt skipped)",
    "seeds/loop.txt: symbolic link that loops back on itself; fix or delete the link",
    "seeds/pipe.txt: not a regular file (a folder, pipe or device); save the article as a file",
    "seeds/year-one.md:3: field `date` is 0001-01-01, outside the years 1000–2999; write the "
    "publication date",
    "seeds/malformed-yaml.md:4: malformed YAML: expected ',' or ']', but got ':'; fix the syntax",
    "seeds/no-body.md:5: no body text after the headline; paste the article's paragraphs",
    "seeds/no-body.txt:2: no body text after the headline; paste the article's paragraphs",
    "seeds/nul-bytes.txt: not text but binary data (it holds NUL bytes); save the article as "
    "plain text (.txt or .md)",
    "seeds/outside-link.txt: symbolic link pointing outside the seeds folder; refused. Copy "
    "the file into the seeds folder instead",
    "seeds/oversize.txt: article is 1,000,017 bytes, over the 1,000,000-byte limit (plugin "
    "option max_article_bytes); split it",
    "seeds/photo.txt: not text but a PNG image; save the article as plain text (.txt or .md)",
    "seeds/sidecar-link.yml: symbolic link pointing outside the seeds folder; refused. Copy "
    "the file into the seeds folder instead (article sidecar-link.txt skipped)",
    "seeds/tags-five.md:4: field `tags` must be a list of words, e.g. tags: [north-korea, russia]",
    "seeds/whitespace-only.txt: file is empty (it holds only whitespace); paste the article "
    "text or delete the file",
    "briefings/actors.yml:{line}: field `type` is 'wizard'; use one of person, organization, "
    "country, place, group, event, other",
    "briefings/topics/bad\\u000aname.md: file name must be lowercase words joined by hyphens, "
    "ending in .md",
    "briefings/corrections.yml:4: field `actor`: unknown actor id `no-such-actor`; add it to "
    "actors.yml first",
    "briefings/corrections.yml:8: field `occurrence` must be a whole number from 1",
    "briefings/corrections.yml:9: field `article`: no article is named `no-such-article`; use "
    "the briefing's slug or the seed file's name",
]
EXPECTED_WARNINGS = [
    "seeds/windows-1252.txt:1: not valid UTF-8; read as Windows-1252. Check the accented "
    "letters, and re-save the file as UTF-8",
    "seeds/utf-16.txt: UTF-16 text, read as such; re-save the file as UTF-8",
    "seeds/stray-controls.txt:2: 2 invisible control characters (first U+001B) removed; check "
    "the text there, or re-paste the article as plain text",
    "seeds/mixed.txt:3: not valid UTF-8; lines that are not UTF-8 read as Windows-1252. Check "
    "the accented letters, and re-save the file as UTF-8",
]
# Articles that load, by file, with the slug each must get.
EXPECTED_SLUGS = {
    "000_1d4c26b279fe3bbb.txt": SEED_SLUG,
    "byte-order-mark.md": "a-byte-order-mark-opens-this-file",
    "cr-only.txt": "old-mac-line-ends",
    "crlf.md": "windows-line-ends",
    "file name with spaces.txt": "a-file-name-with-spaces",
    "index-headline.txt": "index-" + hashlib.sha1(b"index-headline.txt").hexdigest()[:6],
    "injection.md": "script-alert-1-script-hostile-headline-config-more",
    "injection.txt": "script-alert-1-script-zorblax-agency-headline-img-src-x-onerror-alert-1",
    "long-headline.txt": "a-very-long-headline-that-goes-on-and-on-about-talks-between-pyongyang-and",
    "path-traversal.md": "etc-passwd",
    "safe-url.md": "an-https-link-is-the-only-kind-of-link",
    "same-headline-a.txt": "two-articles-share-this-headline",
    "same-headline-b.txt": "two-articles-share-this-headline-"
    + hashlib.sha1(b"same-headline-b.txt").hexdigest()[:6],
    "stray-controls.txt": "control-characters-pasted-from-a-terminal",
    "utf-16.txt": "saved-as-unicode-in-notepad",
    "windows-1252.txt": "cafe-creme-a-headline-saved-in-windows-1252",
    "Überblick – 북한 뉴스.txt": "uberblick-a-file-name-beyond-ascii",
    "CAPITALS.TXT": "a-headline-in-capitals",
    "caf\\udce9.txt": "a-file-name-in-latin-1",
    "mixed.txt": "uberblick-a-headline-in-utf-8",
    "long-word.txt": "a-word-longer-than-a-file-name",
}


def write_generated_cases(seeds: Path, outside: Path) -> None:
    """The cases a committed file cannot hold: binary, encodings, line ends, size, a link."""
    (seeds / "nul-bytes.txt").write_bytes(b"A headline\n\nText with a NUL \x00 byte inside.\n")
    (seeds / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    (seeds / "windows-1252.txt").write_bytes(
        "Café crème: a headline saved in Windows-1252\n\n"
        "Its quotes are “curly” and its dashes – long.\n".encode("cp1252")
    )
    (seeds / "utf-16.txt").write_bytes(
        "Saved as Unicode in Notepad\r\n\r\nThe file is UTF-16 with a byte-order mark.\r\n".encode(
            "utf-16"
        )
    )
    (seeds / "byte-order-mark.md").write_bytes(
        codecs.BOM_UTF8 + b"---\ntitle: A byte-order mark opens this file\ndate: 2025-08-14\n"
        b"---\nThe mark is dropped and the front matter still read.\n"
    )
    (seeds / "crlf.md").write_bytes(
        b"---\r\ntitle: Windows line ends\r\ndate: 2025-08-14\r\n---\r\n"
        b"The first paragraph.\r\n\r\nThe second paragraph.\r\n"
    )
    (seeds / "cr-only.txt").write_bytes(
        b"Old Mac line ends\r\rThe first paragraph.\rThe second paragraph.\r"
    )
    (seeds / "stray-controls.txt").write_bytes(
        b"Control characters pasted from a terminal\n"
        b"The text had \x1b[1mescape codes\x1b and a bell.\n"
    )
    filler = b"Paragraph. " * (DEFAULT_MAX_BYTES // 11 + 1)
    (seeds / "oversize.txt").write_bytes(b"A headline\n\n" + filler[: DEFAULT_MAX_BYTES + 5])
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(f"{SECRET}\n\nThe body of a file outside.\n", "utf-8")
    (seeds / "outside-link.txt").symlink_to(outside / "secret.txt")
    (outside / "secret.yml").write_text(f"title: {SECRET}\n", "utf-8")
    (seeds / "sidecar-link.txt").write_text("A headline\n\nA body whose metadata is a link.\n")
    (seeds / "sidecar-link.yml").symlink_to(outside / "secret.yml")
    # Issue 18: a link that loops, a pipe named like an article, a sidecar that is a folder,
    # sidecar and article in capitals, a file name that is not UTF-8, one file in two
    # encodings, a word too long for a file name, escape sequences in a field name, and a
    # date at the end of the calendar.
    (seeds / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "folder-sidecar.txt").write_text("A headline\n\nA body.\n", "utf-8")
    (seeds / "folder-sidecar.yml").mkdir()
    (seeds / "CAPITALS.TXT").write_text("A headline in capitals\n\nA body.\n", "utf-8")
    (seeds / "CAPITALS.YML").write_text("date: 2025-08-14\nsource: Capital News\n", "utf-8")
    with open(os.fsencode(seeds) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(b"A file name in Latin-1\n\nIts name is not UTF-8.\n")
    (seeds / "mixed.txt").write_bytes(
        "Überblick: a headline in UTF-8\n\n".encode()
        + "A paragraph pasted from Windows: “curly” quotes.\n".encode("cp1252")
    )
    (seeds / "long-word.txt").write_text(
        f"A word longer than a file name\n\n{LONG_WORD} met officials in Seoul on Monday. "
        f"{LONG_WORD} said the talks had gone well.\n",
        "utf-8",
    )
    (seeds / "escape-key.md").write_text(
        '---\n"\\e[2K\\e[1Gtitle": Documentation built\n---\nBody.\n', "utf-8"
    )
    (seeds / "year-one.md").write_text(
        "---\ntitle: At the start of the calendar\ndate: 0001-01-01\n---\n"
        "It happened last Friday.\n",
        "utf-8",
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with a hash of its bytes (or of its link target)."""
    digest: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            digest[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            digest[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest[rel] = "folder"
    return digest


@dataclass(frozen=True)
class HostileBuild:
    """The site built from the hostile folder, with what `mkdocs build --strict` printed."""

    site: Site
    returncode: int
    log: str
    inputs_before: dict[str, str]
    inputs_after: dict[str, str]

    def problem_lines(self, level: str) -> list[str]:
        """The plugin's problem lines at one log level, without MkDocs' prefix."""
        pattern = re.compile(rf"^{level}\s+-\s+newsroom: (.*)$", re.M)
        return pattern.findall(self.log)


_BUILD: HostileBuild | None = None


def build_hostile_site(factory: pytest.TempPathFactory) -> HostileBuild:
    """Build the hostile site once per session (the browser tests reuse it)."""
    global _BUILD
    if _BUILD is None:
        base = factory.mktemp("hostile")
        project = base / "project"
        project.mkdir()
        copy_project(project, seeds=HOSTILE)
        for seed in (ROOT / "seeds").iterdir():
            (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
        write_generated_cases(project / "seeds", base / "outside")
        with (project / "briefings" / "actors.yml").open("a", encoding="utf-8") as registry:
            registry.write(ACTORS_EXTRA)
        (project / "briefings" / "corrections.yml").write_text(CORRECTIONS, "utf-8")
        topics = project / "briefings" / "topics"
        (topics / "snippets.md").write_text(SNIPPET_TOPIC, "utf-8")
        (topics / "bad\nname.md").write_text(SNIPPET_TOPIC, "utf-8")
        before = {
            **tree_digest(project / "seeds"),
            **{f"briefings/{k}": v for k, v in tree_digest(project / "briefings").items()},
        }
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=300,
            check=False,
        )
        after = {
            **tree_digest(project / "seeds"),
            **{f"briefings/{k}": v for k, v in tree_digest(project / "briefings").items()},
        }
        _BUILD = HostileBuild(
            Site(project, project / "site"), result.returncode, result.stdout, before, after
        )
    return _BUILD


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    """The hostile site, built once."""
    return build_hostile_site(tmp_path_factory)


# --- reading HTML as a reader's browser would ---------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    """An element of a parsed page: tag, attributes and children (text as str)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str]

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        """Elements with ``tag`` (and the class ``cls``)."""
        return [
            n
            for n in self.iter()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def text(self) -> str:
        """The text a reader sees, without the permalink signs MkDocs adds to headings."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif "headerlink" not in child.attrs.get("class", "").split():
                parts.append(child.text())
        return "".join(parts)


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, [])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(source: str) -> Node:
    """A page (or a fragment) as a tree of :class:`Node`."""
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


def article_of(page: Node) -> Node:
    """The page's main content: Material's ``article`` element."""
    (article,) = page.find_all("article")
    return article


# --- bad articles: one problem each, and `mkdocs build --strict` lists them all ------------

SEED_ERRORS = [line for line in EXPECTED_ERRORS if line.startswith("seeds/")]
EDITORIAL_ERRORS = [line for line in EXPECTED_ERRORS if line.startswith("briefings/")]


def test_strict_build_fails_and_lists_every_bad_article(hostile: HostileBuild) -> None:
    """`mkdocs build --strict` exits non-zero, with exactly one error line per bad article."""
    assert hostile.returncode == 1, hostile.log
    assert "Aborted with" in hostile.log and "in strict mode!" in hostile.log
    errors = [line for line in hostile.problem_lines("ERROR") if line.startswith("seeds/")]
    assert errors == sorted(SEED_ERRORS)


def test_recoverable_files_load_with_one_warning_each(hostile: HostileBuild) -> None:
    """Windows-1252, UTF-16 and stray control characters load, each with one warning line."""
    assert sorted(hostile.problem_lines("WARNING")) == sorted(EXPECTED_WARNINGS)


def test_strict_build_lists_every_registry_and_correction_error(hostile: HostileBuild) -> None:
    """Registry and corrections errors are listed with file, line and field."""
    registry = (hostile.site.project / "briefings" / "actors.yml").read_text("utf-8")
    line = registry.splitlines().index("    type: wizard") + 1
    errors = [line for line in hostile.problem_lines("ERROR") if not line.startswith("seeds/")]
    assert errors == [e.format(line=line) for e in EDITORIAL_ERRORS]


def test_good_articles_build_with_stable_distinct_slugs(hostile: HostileBuild) -> None:
    """Every loadable article becomes a briefing; same headlines get stable distinct slugs."""
    loaded = load_articles(hostile.site.project / "seeds")
    assert {a.path.as_posix(): a.slug for a in loaded.articles} == EXPECTED_SLUGS
    index = hostile.site.json("index.json")
    assert sorted(b["slug"] for b in index["briefings"]) == sorted(EXPECTED_SLUGS.values())
    for slug in EXPECTED_SLUGS.values():
        assert (hostile.site.site / "briefings" / slug / "index.html").is_file()
    # the briefings index keeps its URL although an article is headlined "Index"
    assert "<h1" in hostile.site.html("briefings") and "Briefings" in hostile.site.html("briefings")


def test_loaded_text_survives_encodings_and_line_ends(hostile: HostileBuild) -> None:
    """BOM, CRLF, CR, UTF-16 and Windows-1252 files read as the same clean text."""
    bodies = {b["slug"]: b for b in hostile.site.json("index.json")["briefings"]}
    assert set(bodies) >= set(EXPECTED_SLUGS.values())
    crlf = hostile.site.json(f"briefings/{EXPECTED_SLUGS['crlf.md']}.json")
    assert crlf["body"] == "The first paragraph.\n\nThe second paragraph."
    assert crlf["date"] == "2025-08-14"
    cr = hostile.site.json(f"briefings/{EXPECTED_SLUGS['cr-only.txt']}.json")
    assert cr["body"] == "The first paragraph.\n\nThe second paragraph."
    bom = hostile.site.json(f"briefings/{EXPECTED_SLUGS['byte-order-mark.md']}.json")
    assert bom["title"] == "A byte-order mark opens this file" and bom["date"] == "2025-08-14"
    cp = hostile.site.json(f"briefings/{EXPECTED_SLUGS['windows-1252.txt']}.json")
    assert cp["title"] == "Café crème: a headline saved in Windows-1252"
    assert cp["body"] == "Its quotes are “curly” and its dashes – long."
    utf16 = hostile.site.json(f"briefings/{EXPECTED_SLUGS['utf-16.txt']}.json")
    assert utf16["body"] == "The file is UTF-16 with a byte-order mark."
    controls = hostile.site.json(f"briefings/{EXPECTED_SLUGS['stray-controls.txt']}.json")
    assert controls["body"] == "The text had [1mescape codes and a bell."


def test_real_seed_briefing_is_untouched_by_hostile_neighbours(
    hostile: HostileBuild, seed_site: Site
) -> None:
    """The seed's briefing export is identical to the one built from the real seeds alone."""
    path = f"briefings/{SEED_SLUG}.json"
    assert hostile.site.json(path) == seed_site.json(path)
    page = article_of(parse_html(hostile.site.html(f"briefings/{SEED_SLUG}")))
    assert len(page.find_all("a", "briefing-actor")) >= 20


# --- nothing is lost ----------------------------------------------------------------------


def test_build_never_writes_into_seeds_or_briefings(hostile: HostileBuild) -> None:
    """The hashes of every file under seeds/ and briefings/ are the same after the build."""
    assert hostile.inputs_before == hostile.inputs_after
    assert "outside-link.txt" in hostile.inputs_before  # the symlink is still there, unfollowed


def test_symlinked_file_outside_seeds_is_never_read_into_the_site(hostile: HostileBuild) -> None:
    """Nothing of the file a symlink points to reaches any page or export."""
    for path in hostile.site.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            text = path.read_text("utf-8", errors="replace")
            assert SECRET not in text, path
            assert "root:x:0:0" not in text, path  # /etc/passwd, had a snippet been included


# --- injection is inert -------------------------------------------------------------------

HOSTILE_ARTICLES = (
    "injection.md",
    "injection.txt",
    "long-headline.txt",
    "safe-url.md",
    "path-traversal.md",
)
ACTIVE_SCHEMES = ("javascript:", "data:", "vbscript:")
TOOLTIP_MARKUP = re.compile(r"<[A-Za-z/!?]|&[A-Za-z0-9#]")
WORD_JOINER = "\u2060"


@pytest.mark.parametrize("name", HOSTILE_ARTICLES)
def test_article_text_reaches_the_reader_literally(hostile: HostileBuild, name: str) -> None:
    """Headline, every paragraph and the source/author line show exactly the article's text."""
    article = next(
        a
        for a in load_articles(hostile.site.project / "seeds").articles
        if a.path.as_posix() == name
    )
    page = article_of(parse_html(hostile.site.html(f"briefings/{article.slug}")))
    (h1,) = page.find_all("h1")
    assert h1.text() == markup.visible(article.title)
    paragraphs = {p.attrs["id"]: p.text() for p in page.find_all("p", "briefing-paragraph")}
    expected = {
        markup.paragraph_id(i): markup.visible(article.block_text(b))
        for i, b in enumerate(article.blocks)
        if b.kind == "paragraph"
    }
    assert paragraphs == expected
    headings = {h.text() for h in page.find_all("h2")}
    for block in article.blocks:
        if block.kind == "heading":
            assert markup.visible(article.block_text(block)) in headings
    (meta,) = page.find_all("p", "briefing-meta")
    for value in (article.source, article.author):
        if value:
            assert markup.visible(value) in meta.text()


def test_injection_payloads_are_visible_text(hostile: HostileBuild) -> None:
    """Each attack string appears, character for character, in the text of the page."""
    slug = EXPECTED_SLUGS["injection.txt"]
    text = article_of(parse_html(hostile.site.html(f"briefings/{slug}"))).text()
    for payload in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<iframe src="https://evil.example/"></iframe>',
        "[x](javascript:alert(1))",
        "![x](data:text/html,<script>alert(1)</script>)",
        '{: onclick="alert(1)" }',
        "{{ config }}",
        '{% include "base.html" %}',
        "--8<--",
        "/etc/passwd",
        '!!! note "An admonition"',
        "```python",
        "&lt;b&gt; &amp;",
        "<U+202E>evil.exe<U+202C>",
    ):
        assert payload in text, payload


def active_content(site: Path) -> list[str]:
    """Every element, attribute or URL in the site's pages that could run code or load a
    third party (the theme's own scripts aside), as ``page: <tag attrs>``."""
    found = []
    for path in sorted(site.rglob("*.html")):
        source = path.read_text("utf-8")
        if "<script>alert" in source:
            found.append(f"{path.relative_to(site)}: <script>alert")
        for node in parse_html(source).iter():
            where = f"{path.relative_to(site)}: <{node.tag} {node.attrs}>"
            if node.tag in {"iframe", "img", "embed", "object", "frame", "base"}:
                found.append(where)
            if any(name.startswith("on") for name in node.attrs):
                found.append(where)
            for name in ("href", "src", "action", "formaction", "data"):
                value = node.attrs.get(name, "").strip().lower()
                if value.startswith(ACTIVE_SCHEMES) or (
                    value.startswith(("http://", "https://", "//")) and node.tag != "a"
                ):
                    found.append(where)
            # Material's tooltips insert a title as HTML: no tag or entity may start in one.
            if TOOLTIP_MARKUP.search(node.attrs.get("title", "")):
                found.append(where)
            if node.tag == "script":
                src = node.attrs.get("src", "")
                if src and not re.fullmatch(r"/?(\.\./)*assets/javascripts/[\w./-]+\.js", src):
                    found.append(where)
                if "alert(" in node.text():
                    found.append(where)
    return found


@pytest.mark.parametrize(
    "markup",
    ['<img src=x onerror="alert(1)">', "<script>alert(1)</script>", '<a href="javascript:x">',
     '<script src="https://evil.example/x.js"></script>', '<span title="<b>x</b>">t</span>'],
)  # fmt: skip
def test_active_content_is_found(tmp_path: Path, markup: str) -> None:
    """The page check itself finds each kind of live markup it guards against."""
    (tmp_path / "index.html").write_text(f"<html><body><p>{markup}</p></body></html>", "utf-8")
    assert active_content(tmp_path) != []


def test_no_page_holds_active_content(hostile: HostileBuild) -> None:
    """No page gains an element, attribute or URL that could run code or load a third party."""
    assert active_content(hostile.site.site) == []


def test_only_http_urls_become_links(hostile: HostileBuild) -> None:
    """A javascript: or data: URL in the metadata is never linked; an https one is, exactly."""
    for name in ("injection.md", "injection.txt"):
        page = article_of(parse_html(hostile.site.html(f"briefings/{EXPECTED_SLUGS[name]}")))
        assert page.find_all("p", "briefing-original") == [], name
    page = article_of(parse_html(hostile.site.html(f"briefings/{EXPECTED_SLUGS['safe-url.md']}")))
    (original,) = page.find_all("p", "briefing-original")
    (link,) = original.find_all("a")
    url = 'https://example.org/a?b=1&c=2"><script>alert(1)</script>'
    assert link.attrs["href"] == url and link.text() == url


def test_registry_text_reaches_the_reader_literally(hostile: HostileBuild) -> None:
    """An actor's hostile name, description, role and note show as text, tooltip included."""
    registry = load_editorial(hostile.site.project / "briefings").editorial.actor_map()
    actor = registry["zorblax-agency"]
    page = article_of(parse_html(hostile.site.html("actors/zorblax-agency")))
    (h1,) = page.find_all("h1")
    assert h1.text() == markup.visible(actor.name)
    text = page.text()
    assert markup.visible(actor.description) in text
    assert actor.role is not None and actor.role.title in text
    assert actor.metonyms[0].note in text
    briefing = article_of(
        parse_html(hostile.site.html(f"briefings/{EXPECTED_SLUGS['injection.md']}"))
    )
    tips = {
        a.attrs["title"].replace(WORD_JOINER, "") for a in briefing.find_all("a", "briefing-actor")
    }
    assert markup.visible(f"{actor.name}: {actor.description}") in tips


@pytest.mark.parametrize(
    ("title", "file_stem"),
    [
        ("../../etc/passwd", "x"),
        ("..", ".."),
        ("/", "../../etc"),
        ("~/.ssh/id_rsa", "a"),
        ("C:\\Windows\\System32", "b"),
        ("%2e%2e%2f%2e%2e%2fetc", "c"),
        ("\u202e../../etc", "\u202e"),
        ("", "../../etc"),
        ("<<<>>>", "%00"),
        ("index", "index"),
        ("Ünïcödé 北朝鮮", "ü"),
    ],
)
def test_slugs_never_leave_their_folder(title: str, file_stem: str) -> None:
    """A slug is lowercase ASCII words joined by hyphens, whatever the headline or file name."""
    slug = make_slug(title, file_stem)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 80


def test_site_files_all_inside_the_site_folder(hostile: HostileBuild) -> None:
    """Every file the build wrote resolves inside site/, and the traversal headline stays put."""
    site = hostile.site.site.resolve()
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site), path
    assert (site / "briefings" / "etc-passwd" / "index.html").is_file()
    assert sorted(p.name for p in hostile.site.project.iterdir()) == sorted(
        [".cache", "briefings", "docs", "mkdocs.yml", "seeds", "site"]
    )


# --- the loader, file by file (no build) ---------------------------------------------------

GOOD = b"A good headline\n\nA good paragraph.\n"
BINARY_ADVICE = "; save the article as plain text (.txt or .md)"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "report.txt",
            b"%PDF-1.7\n%\xe2\xe3\n1 0 obj",
            "report.txt: not text but a PDF document" + BINARY_ADVICE,
        ),
        (
            "letter.txt",
            b"PK\x03\x04\x14\x00\x06\x00",
            "letter.txt: not text but a Word document or a ZIP archive" + BINARY_ADVICE,
        ),
        (
            "noise.txt",
            bytes(range(1, 32)) * 40,
            "noise.txt: not text but binary data (it is full of control characters)"
            + BINARY_ADVICE,
        ),
        (
            "utf32.txt",
            "Headline\nBody.\n".encode("utf-32"),
            "utf32.txt: UTF-32 text, read as such; re-save the file as UTF-8",
        ),
        (
            "deep.md",
            b"---\ntitle: " + b"[" * 1000 + b"\n---\nBody.\n",
            "deep.md:2: malformed YAML: nested too deeply; write plain fields",
        ),
        (
            "tag.md",
            b"---\ntitle: !!python/object/apply:os.system [ls]\n---\nBody.\n",
            "tag.md:2: malformed YAML: the tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed; write plain text",
        ),
        (
            "month.md",
            b"---\ntitle: T\ndate: 2025-13-45\n---\nBody.\n",
            "month.md:3: field `date` is '2025-13-45'; write the publication date as YYYY-MM-DD",
        ),
        (
            "twice.md",
            b"---\ntitle: A\ntitle: B\n---\nBody.\n",
            "twice.md:3: field `title` appears twice (first on line 2); keep one",
        ),
        (
            "bytes.md",
            b"---\ntitle: !!binary aGVsbG8=\n---\nBody.\n",
            "bytes.md:2: malformed YAML: the tag `tag:yaml.org,2002:binary` is not allowed; write plain text",
        ),
        (
            "list.md",
            b"---\n- title\n---\nBody.\n",
            "list.md:2: metadata must be fields, one per line (title: ..., date: ...)",
        ),
        (
            "typo.md",
            b"---\ntitel: T\n---\nBody.\n",
            "typo.md:2: unknown field `titel`; expected one of author, date, source, tags, title, url",
        ),
        (
            "open.md",
            b"---\ntitle: T\nBody.\n",
            "open.md:1: front matter opened with --- but never closed; add a closing --- line",
        ),
        (
            "line\nbreak.txt",
            b"",
            "line\\u000abreak.txt: file is empty; paste the article text or delete the file",
        ),
        (
            "\u202ecod.exe.txt",
            b"",
            "\\u202ecod.exe.txt: file is empty; paste the article text or delete the file",
        ),
    ],
)
def test_loader_reports_each_hostile_file(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    """Each hostile file is one problem line naming it (printable) and what to do."""
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_bytes(GOOD)
    loaded = load_articles(tmp_path)
    assert [str(p) for p in loaded.problems] == [expected]
    assert "\n" not in str(loaded.problems[0])
    assert [a.title for a in loaded.articles if a.path.name == "good.txt"] == ["A good headline"]


def test_links_to_pipes_folders_and_nothing_are_refused(tmp_path: Path) -> None:
    """A link to a pipe (which would block a read), a folder or a missing file is reported."""
    hidden = tmp_path / ".private"
    hidden.mkdir()
    os.mkfifo(hidden / "pipe")
    (tmp_path / "pipe.txt").symlink_to(hidden / "pipe")
    (tmp_path / "folder.txt").symlink_to(hidden)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "good.txt").write_bytes(GOOD)
    loaded = load_articles(tmp_path)
    assert [str(p) for p in loaded.problems] == [
        "folder.txt: not a regular file (a folder, pipe or device); save the article as a file",
        "gone.txt: symbolic link to a file that does not exist; fix or delete the link",
        "pipe.txt: not a regular file (a folder, pipe or device); save the article as a file",
    ]
    assert [a.path.name for a in loaded.articles] == ["good.txt"]


def test_size_limit_is_the_plugin_option(tmp_path: Path) -> None:
    """max_article_bytes bounds what is read; a file exactly at the limit still loads."""
    (tmp_path / "at.txt").write_bytes(GOOD)
    (tmp_path / "over.txt").write_bytes(GOOD + b"x")
    loaded = load_articles(tmp_path, max_bytes=len(GOOD))
    assert [a.path.name for a in loaded.articles] == ["at.txt"]
    assert [str(p) for p in loaded.problems] == [
        f"over.txt: article is {len(GOOD) + 1} bytes, over the {len(GOOD)}-byte limit "
        "(plugin option max_article_bytes); split it or raise the limit"
    ]


def test_an_actor_called_index_never_replaces_the_actors_index() -> None:
    """An actor whose id would be `index` does not take the URL of the actors index."""
    body = "Index said so."
    article = Article(Path("a.txt"), "a", "A headline", body, (Block("paragraph", 0, len(body)),))
    annotation = Annotation(
        sentences=(Sentence(0, len(body), 0),),
        mentions=(Mention("Index", 0, 5, "ORG", "index", 0),),
    )
    registry = Editorial(actors=(Actor("index", "Index", "organization"),))
    site = render_site(build_corpus([Briefing(article, annotation)], registry))
    assert site.pages["actors/index.md"].markdown.startswith("---\ntitle: Actors\n")


# --- the editorial layer: file, line and field ----------------------------------------------

REGISTRY_HEAD = "actors:\n  - id: good-actor\n    name: Good Actor\n    type: person\n"


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        (
            "actors.yml",
            REGISTRY_HEAD + "  - id: bad\n    name: [unclosed\n    type: person\n",
            7,
            "malformed YAML: expected ',' or ']', but got ':'; fix the syntax",
        ),
        (
            "actors.yml",
            REGISTRY_HEAD + "  - id: Bad Id\n    name: X\n    type: person\n",
            5,
            "field `id` is 'Bad Id'; use lowercase words joined by hyphens",
        ),
        (
            "actors.yml",
            REGISTRY_HEAD + "  - id: x\n    name: X\n    type: wizard\n",
            7,
            "field `type` is 'wizard'; use one of person, organization, country, place, group, "
            "event, other",
        ),
        (
            "actors.yml",
            REGISTRY_HEAD + "  - id: x\n    type: person\n",
            5,
            "field `name` is required; add `name: ...` to this entry",
        ),
        ("actors.yml", "- id: x\n", 1, "expected a top-level `actors:` list"),
        (
            "corrections.yml",
            "corrections:\n  - article: a\n    text: Kim\n    actor: nobody-known\n",
            4,
            "field `actor`: unknown actor id `nobody-known`; add it to actors.yml first",
        ),
        (
            "corrections.yml",
            "corrections:\n  - article: a\n    text: Kim\n",
            2,
            "field `actor` is required: an actor id, or `null` for not an entity",
        ),
        (
            "topics/ties.md",
            "---\ntitle: Ties\nactors: [good-actor, nobody-known]\n---\nBody.\n",
            3,
            "field `actors`: unknown actor id `nobody-known`; add it to actors.yml first",
        ),
    ],
)
def test_editorial_errors_name_line_and_field(
    tmp_path: Path, name: str, content: str, line: int, message: str
) -> None:
    """A bad registry, corrections or topic entry is one problem with its line and field."""
    folder = tmp_path / "briefings"
    (folder / "topics").mkdir(parents=True)
    if name != "actors.yml":
        (folder / "actors.yml").write_text(REGISTRY_HEAD, "utf-8")
    (folder / name).write_text(content, "utf-8")
    loaded = load_editorial(folder)
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.message) for p in loaded.problems] == [
        (name.rsplit("/", 1)[-1], line, message)
    ]
    if "malformed" not in message and "top-level" not in message:  # the rest still loads
        assert "good-actor" in loaded.editorial.actor_map()


def test_registry_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    """A registry saved in another encoding is reported, not a crash."""
    (tmp_path / "actors.yml").write_bytes(REGISTRY_HEAD.replace("Good", "Gööd").encode("cp1252"))
    problems = load_editorial(tmp_path).problems
    assert [(p.line, p.message) for p in problems] == [
        (3, "not UTF-8 text; re-save the file as UTF-8")
    ]


# --- `briefings check` ------------------------------------------------------------------------


def test_briefings_check_lists_every_problem(hostile: HostileBuild) -> None:
    """`briefings check` on the hostile folder prints every problem and exits non-zero."""
    script = Path(sys.executable).parent / "briefings"
    if importlib.util.find_spec("newsroom.cli") is None or not script.exists():
        pytest.skip("newsroom/cli/ (`briefings check`) is not written yet")
    result = subprocess.run(
        [str(script), "check"],
        cwd=hostile.site.project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode != 0
    output = (result.stdout + result.stderr).splitlines()
    registry = (hostile.site.project / "briefings" / "actors.yml").read_text("utf-8")
    broken = registry.splitlines().index("    type: wizard") + 1
    for expected in [*EXPECTED_ERRORS, *EXPECTED_WARNINGS]:
        where, _, message = expected.format(line=broken).partition(": ")
        assert any(line.startswith(f"{where}: ") and line.endswith(message) for line in output), (
            expected
        )


# --- one input never stops the site (issue 18) ---------------------------------------------


def test_no_raw_escape_sequence_reaches_the_build_log(hostile: HostileBuild) -> None:
    """Escape sequences in a field name are printed escaped: they cannot erase the error
    line or fake a "Documentation built"."""
    assert "\x1b" not in hostile.log
    assert "\\x1b[2K" in hostile.log


def test_snippet_markers_in_a_topic_are_shown_not_included(hostile: HostileBuild) -> None:
    """A topic holding `--8<--` lines builds (no missing-snippet error), showing them as text."""
    page = hostile.site.html("background/snippets")
    assert '--8&lt;-- "missing-file.md"' in page or '--8<-- "missing-file.md"' in page
    assert "root:x:0:0" not in page


def test_every_site_file_name_fits_a_file_system(hostile: HostileBuild) -> None:
    """An unknown actor named by a 300-letter word gets a bounded id: every name in the site is
    a valid file name, and the article's briefing is built."""
    names = [p.name for p in hostile.site.site.rglob("*")]
    assert max(len(os.fsencode(name)) for name in names) <= 255
    body = hostile.site.json(f"briefings/{EXPECTED_SLUGS['long-word.txt']}.json")["body"]
    assert LONG_WORD in body


def test_capitals_sidecar_is_read(hostile: HostileBuild) -> None:
    """NAME.YML is the metadata of NAME.TXT: read, and no warning about either."""
    data = hostile.site.json(f"briefings/{EXPECTED_SLUGS['CAPITALS.TXT']}.json")
    assert data["source"] == "Capital News" and data["date"] == "2025-08-14"


def test_mixed_encodings_read_line_by_line(hostile: HostileBuild) -> None:
    """A UTF-8 headline stays UTF-8 when a later line is Windows-1252."""
    data = hostile.site.json(f"briefings/{EXPECTED_SLUGS['mixed.txt']}.json")
    assert data["title"] == "Überblick: a headline in UTF-8"
    assert data["body"] == "A paragraph pasted from Windows: “curly” quotes."


@pytest.mark.parametrize("anchor", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
@pytest.mark.parametrize(
    "text", ["last Friday", "next Monday", "last year", "next year", "next week", "last month"]
)
def test_relative_dates_at_the_ends_of_the_calendar_resolve_or_not(
    anchor: dt.date, text: str
) -> None:
    """Reckoning past year 1 or 9999 gives no value, never OverflowError."""
    from newsroom.nlp.dates.resolve import resolve_date

    for tense in ("past", "present", "future"):
        value = resolve_date(text, anchor, tense)
        assert value is None or value[:4].isdigit()


def test_an_unreadable_subfolder_is_reported_under_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be listed is one error naming it; the other articles load."""
    (tmp_path / "good.txt").write_bytes(GOOD)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_bytes(GOOD)
    scandir = os.scandir

    def refusing(path: Any = ".") -> Any:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    loaded = load_articles(tmp_path)
    assert [a.path.name for a in loaded.articles] == ["good.txt"]
    assert [(p.path, p.message) for p in loaded.problems] == [
        (
            "locked",
            "folder cannot be read (Permission denied); its articles are left out. "
            "Check its permissions",
        )
    ]


def test_an_unreadable_sidecar_is_reported_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sidecar that cannot be read is the sidecar's error, not the article's."""
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "a.yml").write_text("date: 2025-08-14\n", "utf-8")
    real_open = os.open

    def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path).endswith("a.yml"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    (problem,) = load_articles(tmp_path).problems
    assert problem.path == "a.yml" and "cannot be read (Permission denied)" in problem.message


def test_a_topic_file_name_with_a_newline_is_refused(tmp_path: Path) -> None:
    """A topic file whose name holds a newline is an error with the name escaped, not an id."""
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "ties\n.md").write_text("---\ntitle: T\n---\nBody.\n", "utf-8")
    loaded = load_editorial(tmp_path)
    assert loaded.editorial.topics == ()
    assert [p.path for p in loaded.problems] == ["topics/ties\\u000a.md"]


@pytest.mark.parametrize(
    ("cache_dir", "overlaps"),
    [("seeds/.cache", "seeds_dir"), (".", "folder of mkdocs.yml"), ("docs", "docs_dir"),
     ("site/cache", "site_dir"), ("briefings", "editorial_dir"), ("docs/..", "folder")],
)  # fmt: skip
def test_a_cache_among_the_inputs_or_the_site_is_refused(
    tmp_path: Path, cache_dir: str, overlaps: str
) -> None:
    """`mkdocs build` refuses a cache_dir inside seeds/ or briefings/, or equal to the project,
    docs or site folder, with one clear error."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    project = copy_project(tmp_path)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text("utf-8")
    config_file.write_text(
        text.replace("  - briefings:\n", f"  - briefings:\n      cache_dir: {cache_dir}\n", 1),
        "utf-8",
    )
    assert f"cache_dir: {cache_dir}" in config_file.read_text("utf-8")
    config = load_config(str(config_file))
    with pytest.raises((PluginError, Abort)) as raised:
        config.plugins.on_config(config)
    assert "cache_dir" in str(raised.value) and overlaps in str(raised.value)


def test_a_topic_that_fails_to_annotate_is_reported_under_the_editorial_folder() -> None:
    """An annotation failure of a background topic names its file in briefings/, an
    article's in seeds/."""
    from newsroom.model import Problem
    from newsroom.plugin import split_failures
    from newsroom.topics import topic_texts

    texts = topic_texts(load_editorial(ROOT / "briefings").editorial.topics)
    topic = Problem(texts[0].article.path.as_posix(), "left out: annotating failed (X)")
    article = Problem("2025-08-13-x.md", "left out: annotating failed (Y)")
    assert split_failures((article, topic), texts) == ((article,), (topic,))


def test_max_article_bytes_past_the_models_limit_is_refused() -> None:
    """Raising max_article_bytes past what spaCy parses at once is a configuration error, not
    a crash on the first long article."""
    from newsroom.config import BriefingsConfig

    options = BriefingsConfig()
    options.load_dict({"max_article_bytes": 2_000_000})
    errors, _ = options.validate()
    assert [name for name, _ in errors] == ["max_article_bytes"]
    assert "1,000,000" in str(errors[0][1])


def test_an_article_the_pipeline_fails_on_is_left_out(tmp_path: Path) -> None:
    """When annotating one article raises, that article is one error and the others build."""
    from newsroom.plugin import annotate_each

    articles = load_articles(HOSTILE).articles[:3]
    bad = articles[1]

    class Failing:
        def annotate(self, batch: Any, editorial: Any) -> list[Any]:
            if bad in batch:
                raise ValueError("[E088] Text of length 1200000 exceeds maximum")
            return [Briefing(a, Annotation()) for a in batch]

    briefings, failed = annotate_each(Failing(), articles, Editorial())  # type: ignore[arg-type]
    assert [b.article for b in briefings] == [articles[0], articles[2]]
    assert [(p.path, p.message[:30]) for p in failed] == [
        (bad.path.as_posix(), "left out: annotating failed (V")
    ]

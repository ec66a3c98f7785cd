"""The loader: .txt with sidecar, .md with front matter, sub-headings, furniture, slugs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

import newsroom.seeds.load as loader
from newsroom.model import Article, Problem
from newsroom.seeds import Loaded, is_subheading, load_articles, parse_blocks, seed_stamps

ROOT = Path(__file__).resolve().parent.parent


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_seed_loads_with_sidecar_date() -> None:
    """The seed's headline, date (from its sidecar), sub-heading and dropped 'Today'."""
    loaded = load_articles(ROOT / "seeds")
    assert [(p.line, p.message, p.severity) for p in loaded.problems] == [
        (16, 'dropped as page furniture: "Today"', "info")
    ]
    (article,) = loaded.articles
    assert article.title == "Kim Jong-un and Putin discuss alliance and war efforts against Ukraine"
    assert article.date == dt.date(2025, 8, 13)
    assert article.slug == "kim-jong-un-and-putin-discuss-alliance-and-war-efforts-against-ukraine"
    headings = [article.block_text(b) for b in article.blocks if b.kind == "heading"]
    assert headings == ["North Korea's deepening ties with Moscow"]
    assert not article.body.rstrip().endswith("Today")
    assert article.body.startswith("North Korean leader Kim Jong-un")
    for block in article.blocks:
        assert "\n" not in article.block_text(block)


def test_markdown_article_with_front_matter(tmp_path: Path) -> None:
    """A .md article takes title, date, source, url, author and tags from its front matter."""
    write(
        tmp_path,
        "a.md",
        "---\ntitle: Talks resume\ndate: 2025-01-02\nsource: Wire\nurl: https://example.org/a\n"
        "author: A. Writer\ntags: [korea, russia]\n---\nFirst paragraph\nwraps here.\n\n## Context\n\nSecond.\n",
    )
    (article,) = load_articles(tmp_path).articles
    assert (article.title, article.date, article.source) == (
        "Talks resume",
        dt.date(2025, 1, 2),
        "Wire",
    )
    assert article.url == "https://example.org/a" and article.author == "A. Writer"
    assert article.tags == ("korea", "russia")
    assert [(b.kind, article.block_text(b)) for b in article.blocks] == [
        ("paragraph", "First paragraph wraps here."),
        ("heading", "Context"),
        ("paragraph", "Second."),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("North Korea's deepening ties with Moscow", True),
        ("What comes next", True),
        ("Kim told Putin that Pyongyang will support Russia.", False),
        ("A sentence ending with a colon:", False),
        ("lowercase start is not a heading", False),
        (
            "This line is far too long to be a sub-heading because it goes on and on with many words",
            False,
        ),
    ],
)
def test_subheading_rule(line: str, expected: bool) -> None:
    """A short line without end punctuation, capitalised, reads as a sub-heading."""
    assert is_subheading(line) is expected


@pytest.mark.parametrize("furniture", ["Today", "Advertisement", "Share this article", "Read more"])
def test_trailing_furniture_dropped(furniture: str) -> None:
    """Page furniture at the very end of a pasted article is dropped."""
    blocks = parse_blocks(f"First paragraph.\nSecond paragraph.\n{furniture}\n")
    assert [text for _, text in blocks] == ["First paragraph.", "Second paragraph."]


def test_first_and_last_short_lines_are_paragraphs() -> None:
    """Only lines inside the body become sub-headings, never the first or the last."""
    blocks = parse_blocks("Seoul talks resume\nThe North fired a missile.\nMore to come soon\n")
    assert [kind for kind, _ in blocks] == ["paragraph", "paragraph", "paragraph"]


def test_duplicate_headlines_get_stable_distinct_slugs(tmp_path: Path) -> None:
    """Two articles with one headline: the older keeps the slug, the other gets a path suffix."""
    write(tmp_path, "b.md", "---\ntitle: Same\ndate: 2025-02-01\n---\nBody b.\n")
    write(tmp_path, "a.md", "---\ntitle: Same\ndate: 2025-01-01\n---\nBody a.\n")
    slugs = {a.path.name: a.slug for a in load_articles(tmp_path).articles}
    assert slugs["a.md"] == "same"
    assert slugs["b.md"].startswith("same-") and len(slugs["b.md"]) == len("same-") + 6
    write(tmp_path, "c.md", "---\ntitle: Other\ndate: 2024-01-01\n---\nBody c.\n")
    again = {a.path.name: a.slug for a in load_articles(tmp_path).articles}
    assert again["b.md"] == slugs["b.md"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\n ", "empty"),
        ("nobody.txt", "Only a headline\n", "no body"),
        ("baddate.md", "---\ntitle: T\ndate: yesterday\n---\nBody.\n", "YYYY-MM-DD"),
        ("badtags.md", "---\ntitle: T\ntags: 5\n---\nBody.\n", "tags"),
        ("badyaml.md", "---\ntitle: [unclosed\n---\nBody.\n", "malformed YAML"),
        ("unknown.md", "---\ntitel: T\n---\nBody.\n", "unknown field"),
    ],
)
def test_bad_article_is_reported_and_others_load(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    """A bad file yields one problem naming it; a good file beside it still loads."""
    write(tmp_path, name, content)
    write(tmp_path, "good.md", "---\ntitle: Good\n---\nFine text.\n")
    loaded = load_articles(tmp_path)
    assert [a.title for a in loaded.articles] == ["Good"]
    (problem,) = loaded.problems
    assert problem.path == name and message in problem.message


# --- reloads (``mkdocs serve``): only what changed is read, the outcome as a fresh load's ---


def reload_folder(folder: Path) -> tuple[Loaded, Loaded]:
    """A folder of three articles (two with one headline, one with a sidecar), loaded, then
    loaded again given the first load."""
    write(folder, "a.md", "---\ntitle: Same\ndate: 2025-01-02\n---\n\nOne.\n")
    write(folder, "b.md", "---\ntitle: Same\ndate: 2025-03-04\n---\n\nTwo.\n")
    write(folder, "c.txt", "C headline\n\nThree.\n")
    write(folder, "c.yml", "date: 2025-02-03\n")
    first = load_articles(folder)
    return first, load_articles(folder, previous=first)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The article files the loader reads from now on, by name."""
    calls: list[str] = []
    read = loader.read_article

    def counted(path: Path, *args: Any) -> loader.Seen:
        calls.append(path.name)
        return read(path, *args)

    monkeypatch.setattr(loader, "read_article", counted)
    return calls


def reload(folder: Path, previous: Loaded, reads: list[str]) -> tuple[Loaded, list[str]]:
    """Load ``folder`` given the ``previous`` load, and the names of the files read so; the
    load must be the same as a fresh one."""
    reads.clear()
    loaded = load_articles(folder, previous=previous)
    names = list(reads)
    assert loaded == load_articles(folder)
    reads.clear()
    return loaded, names


def kept(before: Loaded, after: Loaded) -> dict[str, bool]:
    """Whether each article of ``after`` is the very object of ``before``, by file name."""
    objects = {a.path.name: a for a in before.articles}
    return {a.path.name: a is objects.get(a.path.name) for a in after.articles}


def test_a_reload_of_an_unchanged_folder_reads_nothing(tmp_path: Path, reads: list[str]) -> None:
    """Nothing changed: not one file is read, and the articles are the same objects."""
    first, second = reload_folder(tmp_path)
    third, read = reload(tmp_path, second, reads)
    assert read == [] and third.problems == first.problems
    assert kept(first, second) == kept(second, third) == {"a.md": True, "b.md": True, "c.txt": True}


def rewrite(path: Path, text: str, keep_time: bool) -> None:
    """Write ``text``, as long as the file was, to ``path``: with a later time, or with the
    time it had into a new file put in its place."""
    status = path.stat()
    assert len(text.encode()) == status.st_size
    if keep_time:
        new = path.with_name("new-" + path.name)
        new.write_text(text, encoding="utf-8")
        os.utime(new, ns=(status.st_atime_ns, status.st_mtime_ns))
        new.replace(path)
    else:
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize(
    ("body", "same_size", "keep_time"),
    [("Two, edited.", False, False), ("TwO.", True, False), ("TwO.", True, True)],
    ids=["longer", "same-size", "same-size-and-time"],
)
def test_a_reload_reads_an_edited_article_again(
    tmp_path: Path, reads: list[str], body: str, same_size: bool, keep_time: bool
) -> None:
    """An edit that changes the size, the time, or (same size, same time) the file."""
    _, second = reload_folder(tmp_path)
    text = f"---\ntitle: Same\ndate: 2025-03-04\n---\n\n{body}\n"
    if same_size:
        rewrite(tmp_path / "b.md", text, keep_time)
    else:
        write(tmp_path, "b.md", text)
    third, read = reload(tmp_path, second, reads)
    assert read == ["b.md"] and third.articles[1].body == body
    assert kept(second, third) == {"a.md": True, "b.md": False, "c.txt": True}


def test_a_reload_reads_an_article_whose_sidecar_changed(tmp_path: Path, reads: list[str]) -> None:
    """The sidecar is part of the article: edited, deleted, and back under another name."""
    _, second = reload_folder(tmp_path)
    write(tmp_path, "c.yml", "date: 2024-02-03\nsource: Wire\n")  # longer: within one tick too
    third, read = reload(tmp_path, second, reads)
    assert read == ["c.txt"] and third.articles[2].date == dt.date(2024, 2, 3)
    assert third.articles[2].source == "Wire"
    (tmp_path / "c.yml").unlink()
    fourth, read = reload(tmp_path, third, reads)
    assert read == ["c.txt"] and fourth.articles[2].date is None
    write(tmp_path, "c.YAML", "date: 2023-02-03\n")
    fifth, read = reload(tmp_path, fourth, reads)
    assert read == ["c.txt"] and fifth.articles[2].date == dt.date(2023, 2, 3)


def test_a_file_saved_again_unchanged_is_read_but_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file saved again as it was: read, since its time changed, but not parsed again."""
    _, second = reload_folder(tmp_path)
    parses: list[str] = []
    parse = loader.parse_article

    def counted(data: bytes, rel: str, *args: Any) -> tuple[Article, list[Problem]]:
        parses.append(rel)
        return parse(data, rel, *args)

    monkeypatch.setattr(loader, "parse_article", counted)
    rewrite(tmp_path / "a.md", (tmp_path / "a.md").read_text("utf-8"), keep_time=False)
    write(tmp_path, "b.md", "---\ntitle: Same\ndate: 2025-03-04\n---\n\nTwo, edited.\n")
    third = load_articles(tmp_path, previous=second)
    assert parses == ["b.md"] and kept(second, third)["a.md"]


def test_a_reload_after_a_rename_or_a_deletion_is_a_fresh_load(
    tmp_path: Path, reads: list[str]
) -> None:
    """Renamed articles (one with its sidecar) are read under their new names; when the older
    of two articles with one headline is deleted, the other takes the plain slug."""
    _, second = reload_folder(tmp_path)
    assert second.articles[0].slug == "same" and second.articles[1].slug.startswith("same-")
    (tmp_path / "b.md").rename(tmp_path / "e.md")
    (tmp_path / "c.txt").rename(tmp_path / "d.txt")
    (tmp_path / "c.yml").rename(tmp_path / "d.yml")
    third, read = reload(tmp_path, second, reads)
    assert read == ["d.txt", "e.md"]
    assert [a.path.name for a in third.articles] == ["a.md", "d.txt", "e.md"]
    (tmp_path / "a.md").unlink()
    fourth, read = reload(tmp_path, third, reads)
    assert read == [] and [a.slug for a in fourth.articles] == ["c-headline", "same"]


def test_a_reload_with_a_new_older_article_of_the_same_headline_is_a_fresh_load(
    tmp_path: Path, reads: list[str]
) -> None:
    """A new article older than the one with the plain slug takes it; the others stay."""
    _, second = reload_folder(tmp_path)
    write(tmp_path, "0.md", "---\ntitle: Same!\ndate: 2024-01-01\n---\n\nZero.\n")
    third, read = reload(tmp_path, second, reads)
    assert read == ["0.md"]
    assert third.articles[0].slug == "same" and third.articles[1].slug.startswith("same-")
    assert third.articles[2] is second.articles[1]
    assert kept(second, third) == {"0.md": False, "a.md": False, "b.md": True, "c.txt": True}


def test_a_reload_with_another_byte_limit_is_a_fresh_load(tmp_path: Path) -> None:
    """A lower limit refuses articles loaded before, a higher one takes them back."""
    _, second = reload_folder(tmp_path)
    size = (tmp_path / "a.md").stat().st_size
    lower = load_articles(tmp_path, size - 1, previous=second)
    assert lower == load_articles(tmp_path, size - 1)
    assert [a.path.name for a in lower.articles] == ["c.txt"]
    assert ["over the" in p.message for p in lower.problems] == [True, True]
    higher = load_articles(tmp_path, size, previous=lower)
    assert higher == load_articles(tmp_path, size) and len(higher.articles) == 3


def test_seed_stamps_follow_size_and_time_and_skip_hidden_files(tmp_path: Path) -> None:
    """Stamps name every file load_articles would look at, and change with its content."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("Text.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / ".a.md.swp").write_text("backup", encoding="utf-8")
    before = seed_stamps(tmp_path)
    assert sorted(before) == ["a.md", "sub/b.txt"]
    (tmp_path / "a.md").write_text("Longer text.", encoding="utf-8")
    after = seed_stamps(tmp_path)
    assert after["a.md"] != before["a.md"] and after["sub/b.txt"] == before["sub/b.txt"]
    assert seed_stamps(tmp_path / "missing") == {}

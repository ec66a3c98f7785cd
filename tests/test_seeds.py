"""The loader: .txt with sidecar, .md with front matter, sub-headings, furniture, slugs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

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


def test_a_reload_parses_only_what_changed(tmp_path: Path) -> None:
    """Given the previous load (as ``mkdocs serve`` keeps it), unchanged files are reused
    as they were, an edited one is parsed again, and a deleted one is gone."""
    (tmp_path / "a.md").write_text("---\ntitle: A\ndate: 2025-01-02\n---\n\nOne.\n", "utf-8")
    (tmp_path / "b.txt").write_text("B headline\n\nTwo.\n", "utf-8")
    (tmp_path / "c.md").write_text("---\ntitle: C\n---\n\nThree.\n", "utf-8")
    first = load_articles(tmp_path)
    (tmp_path / "b.txt").write_text("B headline\n\nTwo, edited.\n", "utf-8")
    (tmp_path / "c.md").unlink()
    second = load_articles(tmp_path, previous=first)

    def entry(loaded: Loaded, name: str) -> object:
        return next(value for key, value in loaded.parsed.items() if key[0] == name)

    assert entry(second, "a.md") is entry(first, "a.md")  # reused, not parsed again
    assert entry(second, "b.txt") is not entry(first, "b.txt")
    assert second.articles[1].body == "Two, edited." and len(second.articles) == 2
    assert len(second.parsed) == 2 and second.problems == first.problems
    assert load_articles(tmp_path) == second  # the same articles as a load from scratch


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

"""Article text is data: escaping in the renderer makes every syntax inert."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import markdown
import pytest

from newsroom.corpus import Corpus, build_corpus
from newsroom.model import (
    Actor,
    Annotation,
    Article,
    Block,
    Briefing,
    DateMention,
    Editorial,
    Mention,
    Sentence,
)
from newsroom.pages import markup, render_site
from newsroom.pages.blocks import Html, assemble
from newsroom.pages.briefing import render_briefing
from newsroom.pages.templating import Templates, lead

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.superfences",
]


def rendered(title: str, body: str, tmp_path: Path) -> str:
    """The HTML Python-Markdown makes of a one-paragraph briefing."""
    article = Article(
        Path("x.md"), "x", title, body, (Block("paragraph", 0, len(body)),), dt.date(2025, 1, 1)
    )
    corpus = build_corpus([Briefing(article, Annotation())], Editorial())
    return str(
        markdown.markdown(
            render_briefing(corpus.briefings[0], corpus).standalone,
            extensions=[*EXTENSIONS, "pymdownx.snippets"],
            extension_configs={
                "pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": True}
            },
        )
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![x](data:text/html,boom)",
        "{{ config.site_name }} and {% include 'x' %}",
        '--8<-- "secret.txt"',
        'text {: onclick="alert(1)" }',
        "&lt;b&gt; &amp; <b>bold</b>",
        "*emphasis* __strong__ `code`",
    ],
)
def test_hostile_text_renders_literally(hostile: str, tmp_path: Path) -> None:
    """HTML, Markdown, template and snippet syntax in an article reach the reader as text."""
    (tmp_path / "secret.txt").write_text("SECRET CONTENT")
    html = rendered(hostile, hostile, tmp_path)
    assert "<script" not in html and "javascript:" not in html.replace("&#", "")
    assert "SECRET CONTENT" not in html
    assert "onclick=" not in html and "<b>" not in html and "<em>" not in html
    text = re.sub(r"<[^>]+>", "", html)
    import html as html_module

    assert html_module.unescape(text).count(hostile) >= 2  # headline and paragraph


def test_text_escapes_every_ascii_punctuation() -> None:
    """Every ASCII punctuation character becomes a numeric entity; letters stay."""
    assert markup.text("a-b [c]") == "a&#45;b &#91;c&#93;"
    assert markup.text("Kim Jong-un’s") == "Kim Jong&#45;un’s"


def test_human_dates_keep_precision() -> None:
    """Partial dates print with the precision they have."""
    assert markup.human_date("2025-08-15") == "15 August 2025"
    assert markup.human_date("2024-10") == "October 2024"
    assert markup.human_date("2019") == "2019"
    assert markup.human_date(None) == "undated"
    assert markup.human_date('2025"><b>') == "2025&#34;&#62;&#60;b&#62;"  # no date: text


def test_page_blocks_join_and_fill() -> None:
    """Consecutive HTML blocks share one marker; filling puts each back where it was, and a
    marker an editor wrote stays a comment."""
    page = assemble(["# Title", Html("<p>one</p>"), Html("<p>two</p>"), "text", Html("")])
    assert page.markdown == "# Title\n\n<!-- briefings-html 0 -->\n\ntext\n"
    assert page.html == ("<p>one</p>\n<p>two</p>",)
    assert page.fill("<h1>Title</h1>\n<!-- briefings-html 0 -->\n<p>text</p>") == (
        "<h1>Title</h1>\n<p>one</p>\n<p>two</p>\n<p>text</p>"
    )
    assert page.standalone == "# Title\n\n<p>one</p>\n<p>two</p>\n\ntext\n"
    editor = assemble(["<!-- briefings-html 0 -->", Html("<p>ours</p>")])
    assert editor.fill(markdown.markdown(editor.markdown)).count("<p>ours</p>") == 1


def test_unsearched_blocks_wait_for_the_finished_page() -> None:
    """A block search does not read keeps its marker through ``fill`` and goes in with
    ``fill_unsearched``; it never joins a searched neighbour; a lost marker is counted."""
    page = assemble([Html("<p>read</p>"), Html("<ul>repeat</ul>", searched=False), "text"])
    assert page.html == ("<p>read</p>", "<ul>repeat</ul>") and page.unsearched == {1}
    content = page.fill(markdown.markdown(page.markdown))
    assert "<p>read</p>" in content and "repeat" not in content
    assert page.fill_unsearched("<p>read</p>") == ("<p>read</p>", 1)
    finished, lost = page.fill_unsearched(f"<html>{content}</html>")
    assert "<ul>repeat</ul>" in finished and "briefings-html" not in finished and lost == 0
    assert page.fill_unsearched(page.markdown)[0].count("<p>read</p>") == 0
    assert page.standalone.count("repeat") == 1 and page.standalone.count("read") == 1


def test_standalone_page_renders_as_the_plugin_fills_it(tmp_path: Path) -> None:
    """Markdown then blocks (the plugin) and blocks in the Markdown (a plain build) agree."""
    body = "Kim met Putin. <b>Not bold</b> and *not emphasis*."
    article = Article(
        Path("x.md"), "x", "A title", body, (Block("paragraph", 0, len(body)),), dt.date(2025, 1, 1)
    )
    corpus = build_corpus([Briefing(article, Annotation())], Editorial())
    page = render_briefing(corpus.briefings[0], corpus)
    filled, _ = page.fill_unsearched(
        page.fill(markdown.markdown(page.markdown, extensions=EXTENSIONS))
    )
    plain = markdown.markdown(page.standalone, extensions=EXTENSIONS)
    assert re.sub(r"\s+", " ", filled) == re.sub(r"\s+", " ", plain)
    assert "&lt;b&gt;" not in filled and "&#60;b&#62;Not bold" in filled


class Elements(HTMLParser):
    """Every start tag of an HTML text with its attributes, as a browser's parser reads it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the tag."""
        self.tags.append((tag, dict(attrs)))


HOSTILE_DATE = '2025"><img src=x onerror=alert(1)>'
HOSTILE_ID = "a\"b'<c> onmouseover=alert(1)"


def hostile_corpus() -> Corpus:
    """A briefing whose date value and actor id carry markup, as a corrupt cache might."""
    body = "Kim spoke on Friday."
    article = Article(
        Path("x.md"), "x", "T", body, (Block("paragraph", 0, len(body)),), dt.date(2025, 1, 1),
        source='<b>Outlet</b>', author='"Writer"', url="https://example.org/?a=1&b=\"2\"",
        tags=("<i>tag</i>",),
    )  # fmt: skip
    annotation = Annotation(
        sentences=(Sentence(0, len(body), 0),),
        mentions=(Mention("Kim", 0, 3, "PERSON", HOSTILE_ID, 0),),
        dates=(
            DateMention("Friday", 13, 19, HOSTILE_DATE, 0),
            DateMention("x", 9, 11, "2025-13", 0),
        ),
    )
    actor = Actor(HOSTILE_ID, "Kim <script>", "person", description='says "hi" <b>')
    return build_corpus([Briefing(article, annotation)], Editorial(actors=(actor,)))


def test_hostile_values_come_out_inert_from_every_template() -> None:
    """A date value or an actor id holding markup, fed through the page layer, creates no
    element or attribute: the HTML parser reads each back as the value it was."""
    site = render_site(hostile_corpus())
    blocks = [block for page in site.pages.values() for block in page.html]
    assert blocks
    tags = [tag for block in blocks for tag in Elements(block).tags]
    assert not any(name in {"img", "script", "b", "i"} for name, _ in tags)
    assert not any(a.startswith("on") for _, attrs in tags for a in attrs)
    times = [attrs for name, attrs in tags if name == "time" and attrs.get("class")]
    # A value that is no calendar date is never put in an attribute: no <time> for it.
    assert times == []
    assert not any("onerror" in attr for _, attrs in tags for attr in map(str, attrs.values()))
    actor_links = [
        a["href"] or "" for name, a in tags if name == "a" and "actors/" in (a["href"] or "")
    ]
    assert actor_links and all(quote(HOSTILE_ID, safe="") in href for href in actor_links)
    (original,) = [a for name, a in tags if name == "a" and a.get("rel")]
    assert original["href"] == 'https://example.org/?a=1&b="2"'
    assert "<i>" not in site.pages["briefings/x.md"].markdown


def test_a_template_in_custom_dir_replaces_the_package_one(tmp_path: Path) -> None:
    """A partial of the same name under the site's custom_dir wins; the others stay."""
    folder = tmp_path / "partials" / "briefings"
    folder.mkdir(parents=True)
    (folder / "header.html").write_text("<p class='mine'>{{ article.source }}</p>", "utf-8")
    corpus = hostile_corpus()
    page = render_briefing(corpus.briefings[0], corpus, Templates(tmp_path))
    html = "\n".join(page.html)
    assert "<p class='mine'>&lt;b&gt;Outlet&lt;/b&gt;</p>" in html  # autoescaped
    assert 'class="briefing-paragraph"' in html and "briefing-meta" not in html
    default = render_briefing(corpus.briefings[0], corpus)
    assert not any("mine" in block for block in default.html)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("Kim met Putin in Vladivostok", "Kim met Putin in…"), ("Kim met", "Kim…"), ("Kim", "Kim")],
)
def test_a_lead_never_copies_the_whole_text(value: str, shown: str) -> None:
    """A timeline's lead points to where a sentence is: cut, with an ellipsis, even if short."""
    assert lead(value, 4) == shown


# --- a topic's Markdown read as text, with the way back to its source ---------------------------

TOPIC_SOURCE = """## Talks with **Sergei Shoigu**

In July Defence Minister Sergei
Shoigu visited. See [Shoigu's page](https://example.org/x) and `Shoigu`, <a href="/">Shoigu</a>.

[ref]: https://example.org/Shoigu

- **What to watch:** whether
  Shoigu returns.

```
Shoigu in code
```
"""


def test_topic_prose_is_read_as_text_with_its_source_offsets() -> None:
    """Headings, paragraphs and list items become blocks without Markdown's markers; a name
    is found in the source where it is written as it is, across a line break too, but never
    inside a link, in code or around emphasis markers."""
    from newsroom.model import Topic
    from newsroom.topics import source_span, topic_text

    text = topic_text(Topic("t", "Title", "", TOPIC_SOURCE, ()))
    body = text.article.body
    blocks = [
        (p.kind, body[b.start : b.end])
        for p, b in zip(text.parts, text.article.blocks, strict=True)
    ]
    assert blocks == [
        ("heading", "Talks with Sergei Shoigu"),
        (
            "prose",
            "In July Defence Minister Sergei Shoigu visited. See Shoigu's page and , Shoigu.",
        ),
        ("prose", "What to watch: whether Shoigu returns."),
    ]
    spans = []
    for match in re.finditer("Sergei Shoigu|Shoigu", body):
        span = source_span(text, match.start(), match.end())
        spans.append(TOPIC_SOURCE[span[0] : span[1]] if span else None)
    # the heading's (inside ** **), the name across a line break, the links' texts (never
    # linked twice), the list item's indented second line
    assert spans == ["Sergei Shoigu", "Sergei\nShoigu", None, None, "Shoigu"]


def test_topic_summary_and_events_are_blocks_after_the_prose() -> None:
    """The summary comes first, then the prose, then one block per timeline event."""
    from newsroom.model import Topic, TopicEvent
    from newsroom.topics import topic_text

    events = (TopicEvent("2024", "Kim met Putin.", "Wire"), TopicEvent("2025", "Again.", "Wire"))
    text = topic_text(Topic("t", "Title", "A summary.", "Some prose.", (), events))
    kinds = [(p.kind, p.index) for p in text.parts]
    assert kinds == [("summary", 0), ("prose", 0), ("event", 0), ("event", 1)]
    assert text.article.slug == "background/t" and text.article.path.as_posix() == "topics/t.md"
    assert [text.article.block_text(b) for b in text.article.blocks][2:] == [e.text for e in events]

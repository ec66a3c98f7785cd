"""Page furniture pasted with an article is dropped; article text never is."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.furniture import clean_headline, is_furniture, strip_dateline
from newsroom.model import Article
from newsroom.seeds import load_articles


@pytest.mark.parametrize(
    "line",
    [
        "By Yi Wonju and Kim Seung-yeon",
        "BY HONG JOO-HEE [[email protected]]",
        "SPUTNIK/VIA REUTERS",
        "PHOTO: Sputnik/Vladimir Smirnov via Reuters file",
        "Published: 04 Jun. 2025, 14:39 Updated: 04 Jun. 2025, 16:49",
        "Written: 2024-04-30 15:08:05Updated: 2024-04-30 15:08:05",
        "(ATTN: CHANGES headline, lead; UPDATES throughout)",
        "• facebookfacebook • twittertwitter • print",
        "™ & © 2024 Example Network, Inc. All rights reserved.",
        "Lee Seong-kweun / People Power Party",
        "Donald Trump",
        "Trump touts his 'very good' relationship with Kim Jong Un Video",
        "TRUMP AND KIM JONG UN SHOULD MEET AGAIN",
        "TRUMP AND KIM JONG UN SHOULD MAKE 'BOLD DECISION' TO MEET DURING HIS ASIA TRIP, SOUTH KOREAN OFFICIAL SAYS",
        "Rachel Wolf By Rachel Wolf , Greg Norman , Louis Casiano Fox News",
        "Today",
        "Advertisement",
        "Share this article",
        "A woman walks past a poster in Pyongyang on June 3, 2025. (AP Photo/Jon Doe)",
        ".widget { color: #D0D0D0; margin: 0; }",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    """Bylines, timestamps, credits, captions, share rows, labels and style sheets are furniture."""
    assert is_furniture(line, "Some headline")


@pytest.mark.parametrize(
    "line",
    [
        "North Korea's deepening ties with Moscow",
        "Kim told Putin that Pyongyang will fully support Russia.",
        "In recent years, Russia and North Korea have developed stronger ties.",
        "The talks were held in Pyongyang (Reuters reported).",
        "What comes next",
        '<iframe src="https://evil.example/"></iframe>',
        "{{ config }} {% include 'x' %}",
        "--8<--",
        "U.S.",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    """Sentences, sub-headings and literal markup stay article text."""
    assert not is_furniture(line, "Some headline")


def test_repeated_headline_is_furniture() -> None:
    """The headline pasted again at the top of the body is dropped."""
    assert is_furniture("Kim and Putin  discuss ties", "Kim and Putin discuss ties")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("SEOUL, Oct. 29 (Yonhap) -- North Korea has sent troops.", "North Korea has sent troops."),
        (
            "MOSCOW — Moscow's top security official arrived.",
            "Moscow's top security official arrived.",
        ),
        ("Seoul (CNN) — North Korea fired a missile.", "North Korea fired a missile."),
        ("SEOUL, South Korea (AP) — North Korea fired.", "North Korea fired."),
        (
            "SEOUL/MOSCOW, June 18 (Reuters) - Russian Security Council Secretary Sergei Shoigu",
            "Russian Security Council Secretary Sergei Shoigu",
        ),
        ("KYIV/LONDON (Reuters) - Ukraine said.", "Ukraine said."),
        (
            "North Korea — which has denied it — sent troops.",
            "North Korea — which has denied it — sent troops.",
        ),
        ("US-led drills began on Monday.", "US-led drills began on Monday."),
    ],
)
def test_datelines_are_stripped(paragraph: str, expected: str) -> None:
    """A dateline opening the first paragraph goes; a dash inside a sentence stays."""
    assert strip_dateline(paragraph) == expected


def test_wire_tags_leave_the_headline() -> None:
    """'(LEAD)' and '(2nd LD)' are wire-service tags, not part of the headline."""
    assert clean_headline("(LEAD) N. Korea fires missiles") == "N. Korea fires missiles"
    assert clean_headline("(2nd LD) Kim says") == "Kim says"
    assert clean_headline("(LEAD)") == "(LEAD)"


# --- where furniture is dropped (issue 18) ----------------------------------------------------


def load_one(tmp_path: Path, text: str) -> tuple[Article, list[tuple[int | None, str, str]]]:
    (tmp_path / "a.txt").write_text(text, "utf-8")
    loaded = load_articles(tmp_path)
    (article,) = loaded.articles
    return article, [(p.line, p.message, p.severity) for p in loaded.problems]


def test_a_short_subheading_between_paragraphs_is_kept(tmp_path: Path) -> None:
    """ "Nuclear talks" between two paragraphs is a sub-heading, never dropped as a label."""
    text = "Headline\n\nKim met Putin on Wednesday.\n\nNuclear talks\n\nThey spoke for hours.\n"
    article, problems = load_one(tmp_path, text)
    blocks = [(b.kind, article.block_text(b)) for b in article.blocks]
    assert ("heading", "Nuclear talks") in blocks and problems == []


@pytest.mark.parametrize(
    "line",
    ["By Monday the talks had collapsed.", "Trade", "Kim Yo-jong", "Updated rules took effect."],
)
def test_text_between_paragraphs_is_never_dropped(tmp_path: Path, line: str) -> None:
    """A line between paragraphs that only looks like a byline or a label stays in the text."""
    article, problems = load_one(tmp_path, f"Headline\n\nFirst paragraph.\n\n{line}\n\nLast one.\n")
    assert line in article.body and problems == []


def test_furniture_at_the_edges_is_dropped_and_reported(tmp_path: Path) -> None:
    """Bylines and labels before the text and after it go, each reported at its line (info)."""
    text = (
        "Headline\nBy Yi Wonju\nPublished: 04 Jun. 2025, 14:39\n"
        "Kim met Putin.\nAdvertisement\nThey talked.\nDonald Trump\nShare this article\n"
    )
    article, problems = load_one(tmp_path, text)
    assert [article.block_text(b) for b in article.blocks] == ["Kim met Putin.", "They talked."]
    assert problems == [
        (2, 'dropped as page furniture: "By Yi Wonju"', "info"),
        (3, 'dropped as page furniture: "Published: 04 Jun. 2025, 14:39"', "info"),
        (5, 'dropped as page furniture: "Advertisement"', "info"),
        (7, 'dropped as page furniture: "Donald Trump"', "info"),
        (8, 'dropped as page furniture: "Share this article"', "info"),
    ]


def test_dropped_lines_are_reported_at_their_line_in_markdown(tmp_path: Path) -> None:
    """In a .md article the line counts from the top of the file, front matter included."""
    (tmp_path / "a.md").write_text(
        "---\ntitle: T\n---\nPhoto: Yonhap\n\nText here.\n\nSubscribe\n", "utf-8"
    )
    loaded = load_articles(tmp_path)
    assert [(p.line, p.severity) for p in loaded.problems] == [(4, "info"), (8, "info")]

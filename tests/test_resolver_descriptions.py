"""Descriptions from the text: the article's own words beside a name, with where they are."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from conftest import build_site, copy_project
from spacy.language import Language

from newsroom.corpus import build_corpus, description_place
from newsroom.model import (
    Actor,
    Annotation,
    Article,
    Block,
    Briefing,
    Editorial,
    Mention,
    Sentence,
)
from newsroom.nlp.descriptions import describe
from newsroom.nlp.titles import described_kind


def described(nlp: Language, text: str, name: str) -> str | None:
    doc = nlp(text)
    (span,) = [e for e in doc.ents if e.text == name]
    found = describe(span)
    return text[found[0] : found[1]] if found else None


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("Kremlin spokesman Anton Volkov said the talks were useful.", "Anton Volkov", "Kremlin spokesman"),
        ("Lee Min-ho, president of the Institute for Peace Studies, said so.", "Lee Min-ho",
         "president of the Institute for Peace Studies"),
        ("Ukraine's chief negotiator, Pavlo Hrytsenko, arrived in Geneva.", "Pavlo Hrytsenko",
         "Ukraine's chief negotiator"),
        ("Maria Keller, who heads the agency, said no.", "Maria Keller", "who heads the agency"),
        ("The bill was signed by U.S. President John Baker on Monday.", "John Baker", "U.S. President"),
        ("It was said by Deputy National Security Adviser Lee Min-ho on Friday.", "Lee Min-ho",
         "Deputy National Security Adviser"),
    ],
)  # fmt: skip
def test_descriptions_are_the_words_beside_the_name(
    nlp: Language, text: str, name: str, description: str
) -> None:
    """Title before the name, apposition after or before it, and "who ..." clauses."""
    assert described(nlp, text, name) == description


def test_a_lone_title_describes_but_an_honorific_does_not(nlp: Language) -> None:
    """ "Governor John Baker" is described as "Governor"; "Mr John Baker" is not described."""
    assert described(nlp, "Governor John Baker spoke first.", "John Baker") == "Governor"
    assert described(nlp, "Mr John Baker spoke first.", "John Baker") is None


def test_no_description_from_half_a_hyphenated_word(nlp: Language) -> None:
    """ "the far-right Patriot Union" gives no "right" description of anything."""
    doc = nlp("Voters backed the far-right Patriot Union in the east.")
    for ent in doc.ents:
        found = describe(ent)
        assert found is None or not doc.text[found[0] : found[1]].startswith("right")


def test_a_comma_phrase_describes_where_the_parse_missed_it(nlp: Language) -> None:
    """ "Anna Berg, a veteran diplomat" gives the phrase after the comma."""
    found = described(
        nlp, "The talks fell to Anna Berg, a veteran diplomat, on Friday.", "Anna Berg"
    )
    assert found == "a veteran diplomat"


def test_corpus_takes_the_text_description_with_its_span() -> None:
    """An actor without a registry description gets the briefing's words and where they are."""
    body = "Kremlin spokesman Anton Volkov said so."
    article = Article(Path("a.txt"), "a", "A", body, (Block("paragraph", 0, len(body)),))
    mention = Mention("Anton Volkov", 18, 30, "PERSON", "anton-volkov", 0, None, 0, 17)
    annotation = Annotation(sentences=(Sentence(0, len(body), 0),), mentions=(mention,))
    corpus = build_corpus([Briefing(article, annotation)], Editorial())
    actor: Actor = corpus.actors["anton-volkov"]
    assert actor.description == "Kremlin spokesman"
    assert actor.description_source is not None
    source = actor.description_source
    assert (source.kind, source.briefing) == ("article", "a")
    assert body[source.start or 0 : source.end or 0] == "Kremlin spokesman"


def test_description_place_is_the_paragraph_that_says_it() -> None:
    """The glossary links a text-drawn description to its briefing and paragraph."""
    body = "First paragraph.\n\nKremlin spokesman Anton Volkov said so."
    blocks = (Block("paragraph", 0, 16), Block("paragraph", 18, len(body)))
    article = Article(Path("a.txt"), "a", "A", body, blocks)
    mention = Mention("Anton Volkov", 36, 48, "PERSON", "anton-volkov", 1, None, 18, 35)
    annotation = Annotation(
        sentences=(Sentence(0, 16, 0), Sentence(18, len(body), 1)), mentions=(mention,)
    )
    corpus = build_corpus([Briefing(article, annotation)], Editorial())
    assert description_place(corpus, corpus.actors["anton-volkov"]) == ("a", 1)


ARTICLE = """Harbour talks resume in Gdansk
Port authority spokeswoman Elena Marsh said on Monday that the talks would resume.
Tomas Reiner, a veteran mediator, will chair them, Marsh said.
"""


def test_every_text_description_in_the_export_is_the_texts_words(tmp_path: Path) -> None:
    """In a strict build, a description drawn from a briefing is a span of its body, shown
    in the glossary as a quotation linked to its paragraph."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "talks.yml").write_text("date: 2025-03-03\n", encoding="utf-8")
    (tmp_path / "project").mkdir()
    site = build_site(copy_project(tmp_path / "project", seeds), strict=True)
    index = json.loads((site / "api" / "index.json").read_text("utf-8"))
    drawn = {a["id"]: a["description_source"] for a in index["actors"]}
    drawn = {k: v for k, v in drawn.items() if isinstance(v, dict)}
    assert {"elena-marsh", "tomas-reiner"} <= set(drawn)
    for source in drawn.values():
        data = json.loads((site / "api" / "briefings" / f"{source['briefing']}.json").read_text())
        words = data["body"][source["start"] : source["end"]]
        page = html.unescape((site / "briefings" / source["briefing"] / "index.html").read_text())
        assert words in {"Port authority spokeswoman", "a veteran mediator"}
        assert f">{words}</a>”" in page


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("an analyst at a research firm", "person"),
        ("the capital of the eastern province", "place"),
        ("Former Stoke City boss", "person"),
        ("Poland's largest defense company", None),
    ],
)
def test_a_descriptions_head_noun_says_what_it_describes(
    description: str, kind: str | None
) -> None:
    """The first lower-case kind noun before "of"/"at" types an actor the registry lacks."""
    assert described_kind(description) == kind


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("Reporting by Helen Marsh; Editing by Tom Gale", "Helen Marsh", "Reporting by"),
        ("Writing by Helen Marsh Editing by Tom Gale, Ann Ross and Paul Dunn", "Ann Ross",
         "Editing by"),
        ("The club was sold after a row with owner Nikos Petrakis last year.", "Nikos Petrakis",
         "owner"),
        ("Anna Berg, a senior vice-president at the Nordic Policy Institute, said so.",
         "Anna Berg", "a senior vice-president at the Nordic Policy Institute"),
        ("Tom Reyes, co-founder of Ohio-based Blue Ridge Roasters, said so.", "Tom Reyes",
         "co-founder of Ohio-based Blue Ridge Roasters"),
        ("Ex-Leeds striker Tom Reyes said so.", "Tom Reyes", "Ex-Leeds striker"),
        ("\"I am scared,\" said Rosa Lind, whose 19-year-old daughter has been missing for "
         "40 days.", "Rosa Lind", "whose 19-year-old daughter has been missing for 40 days"),
        ("Rosa Lind, one of the owners of the mill, said so.", "Rosa Lind",
         "one of the owners of the mill"),
        ("Anna Berg, whose brother was detained in May, spoke to reporters.", "Anna Berg",
         "whose brother was detained in May"),
        ("Aid reached Helmand province on Monday.", "Helmand", "province"),
        ("Lena Holt, a researcher with the Institute for Peace Research (IPR) think-tank, "
         "said so.", "the Institute for Peace Research", "think-tank"),
    ],
)  # fmt: skip
def test_more_descriptions_in_the_articles_words(
    nlp: Language, text: str, name: str, description: str
) -> None:
    """Credit lines, a lone lower-case title, hyphenated words kept whole, "whose" clauses and
    a kind noun after a name each give the words that say who or what it is."""
    assert described(nlp, text, name) == description


def test_a_long_comma_phrase_is_cut_at_and(nlp: Language) -> None:
    """A phrase too long to be a description is cut at its first "and"."""
    text = (
        "It is high time, says Marta Nowak, a member of the regional assembly and member of "
        "the governing party of the former prime minister of the country, in an interview."
    )
    assert described(nlp, text, "Marta Nowak") == "a member of the regional assembly"


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("Nordvik Marine is a joint venture between two shipyards.", "Nordvik Marine",
         "a joint venture between two shipyards"),
        ("Brendan Holt resigned as Leeds manager in March.", "Brendan Holt", "Leeds manager"),
        ("Another rescue volunteer, named Marcus, said the water rose fast.", "Marcus",
         "Another rescue volunteer"),
        ("Guards stood at the Halden Power Plant, which supplies the city, all night.",
         "the Halden Power Plant", "which supplies the city"),
    ],
)  # fmt: skip
def test_what_the_article_says_a_name_is(
    nlp: Language, text: str, name: str, description: str
) -> None:
    """ "X is a ...", "X resigned as ...", "a volunteer named X" and, for what is no
    person, "X, which ..." give the article's words for what X is."""
    assert described(nlp, text, name) == description


def test_which_never_describes_a_person(nlp: Language) -> None:
    """ "Anna Berg, which ..." is a parse gone wrong; a person is described by "who"."""
    doc = nlp("They thanked Anna Berg, which surprised the board.")
    (span,) = [e for e in doc.ents if e.text == "Anna Berg"]
    found = describe(span)
    assert found is None or not doc.text[found[0] : found[1]].startswith("which")


def test_an_apposition_before_stops_at_punctuation(nlp: Language) -> None:
    """After a quote, "Latvia's defence minister, Janis Ozols," is described by the title
    alone, not by the quote's last words."""
    text = (
        "“They view people as a resource and shortages are already evident,” Latvia’s "
        "defence minister, Janis Ozols, told journalists."
    )
    found = described(nlp, text, "Janis Ozols")
    assert found is not None and found.endswith("defence minister")
    assert "evident" not in found


def test_an_apposition_from_further_on_is_none(nlp: Language) -> None:
    """ "Kerr County, where ... on Friday, the holiday" does not describe the county."""
    text = (
        "Most victims died in Lake County, where the river rose before dawn on Friday, "
        "the national holiday."
    )
    found = described(nlp, text, "Lake County")
    assert found is None or "holiday" not in found


def test_a_title_chain_with_an_acronym(nlp: Language) -> None:
    """ "President and Chief Executive Officer (CEO) Kim Min-su" is described by the titles."""
    from spacy.tokens import Span

    text = "Acme Motors President and Chief Executive Officer (CEO) Kim Min-su said so."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Kim")
    end = next(t.i for t in doc if t.text == "su") + 1
    found = describe(Span(doc, start, end, label="PERSON"))
    assert found is not None
    assert text[found[0] : found[1]].endswith("President and Chief Executive Officer (CEO)")


def test_an_organisation_s_owner_before_it_describes_it(nlp: Language) -> None:
    """ "Norway's Finance Ministry said": whose ministry it is, in the article's words."""
    text = "Norway's Finance Ministry said on Monday that the fund would be audited."
    assert described(nlp, text, "Finance Ministry") == "Norway's Finance Ministry"


def test_a_person_after_a_possessive_is_not_described_by_it(nlp: Language) -> None:
    """ "Poland's Anna Kowalska" gives no description: only organisations have owners."""
    text = "Poland's Anna Kowalska said on Monday that the fund would be audited."
    assert described(nlp, text, "Anna Kowalska") is None


def test_what_a_name_is_said_to_be_stops_at_the_comma(nlp: Language) -> None:
    """ "X is a joint venture between A and B, an affiliate of C": the words up to the comma."""
    text = (
        "Nordwerk-TK is a joint venture between Nordwerk Industries and TK Systems, an affiliate"
        " of TK Group, the country's largest arms maker."
    )
    assert (
        described(nlp, text, "Nordwerk-TK")
        == "a joint venture between Nordwerk Industries and TK Systems"
    )


def test_a_unit_after_a_name_is_its_kind(nlp: Language) -> None:
    """ "the Acme Robotics unit": the kind word after the name describes it."""
    text = "Jane Roe, who leads the Acme Robotics unit, said so in an interview."
    assert described(nlp, text, "Acme Robotics") == "unit"


def test_someone_who_called_themselves_a_name_is_described_by_the_noun(nlp: Language) -> None:
    """ "a man who called himself Oleg": the noun he is, in the article's words."""
    text = "Prices doubled, a man who called himself Oleg wrote online on Sunday."
    assert described(nlp, text, "Oleg") == "man"


def test_a_photo_credit_describes_the_photographer(nlp: Language) -> None:
    """ "REUTERS/Jane Roe/File Photo" in a caption: the agency's credit line."""
    text = "The leaders meet in Osaka, Japan June 28, 2019. REUTERS/Anna Kowalska/File Photo"
    assert described(nlp, text, "Anna Kowalska") == "REUTERS/Anna Kowalska/File Photo"


def test_in_charge_of_says_what_someone_heads(nlp: Language) -> None:
    """ "X had been in charge of Y for weeks": the words "in charge of Y"."""
    text = "Anna Kowalska had only been in charge of Leeds United for three weeks."
    assert described(nlp, text, "Anna Kowalska") == "in charge of Leeds United"

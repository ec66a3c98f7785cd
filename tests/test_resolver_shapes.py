"""Entities reshaped by the text's shape before they are resolved: possessives inside a name,
quoted nicknames, acronyms in parentheses, names cut after "for", hyphenated adjectives,
hashtags, a question's "Will", and names of products joined by "and"."""

from __future__ import annotations

import pytest
from conftest import Resolve
from spacy.language import Language

from newsroom.nlp.names import names_a_thing
from newsroom.nlp.resolver.shapes import letters, name_of_acronym, reshaped


def test_an_acronym_names_the_words_before_it(resolve: Resolve) -> None:
    """ "the Japan-U.S. Friendship Council (JUSFC)": the words are one name, with the
    acronym as its short form, and the countries inside are not mentions of their own."""
    found = resolve(
        "The grant came from the Japan-U.S. Friendship Council (JUSFC), and JUSFC said more "
        "would follow."
    )
    assert found.get("Japan-U.S. Friendship Council") == "japan-u-s-friendship-council"
    assert found.get("JUSFC") == "japan-u-s-friendship-council"
    assert "Japan" not in found


def test_initials_count_every_letter_of_a_dotted_abbreviation() -> None:
    """ "U.S." gives "US" to an acronym's letters."""
    import spacy

    doc = spacy.blank("en")("the Japan - U.S. Friendship Council")
    assert letters(doc[1:]) == "JUSFC"


def test_no_acronym_without_parentheses(nlp: Language) -> None:
    """An all-capitals word not in parentheses defines nothing."""
    doc = nlp("The Friendship Council and JUSFC met on Monday.")
    assert all(name_of_acronym(e, set()) is None for e in doc.ents)


def test_a_name_cut_after_for_runs_on(resolve: Resolve) -> None:
    """ "the think tank Center for a New Pacific Order" is one name."""
    found = resolve("Analysts at the think tank Center for a New Pacific Order disagreed.")
    assert "Center for a New Pacific Order" in found


def test_a_possessive_inside_a_name_gives_two(nlp: Language) -> None:
    """ "Halden University's Institute for Arctic Studies" is a university and an institute."""
    doc = nlp("A researcher at Halden University's Institute for Arctic Studies said so.")
    texts = [e.text for e in reshaped(doc)]
    assert not any("’s" in t or "'s" in t for t in texts)


def test_a_hyphenated_adjective_is_no_mention(resolve: Resolve) -> None:
    """ "an Ohio-class submarine" names no place."""
    found = resolve("The navy showed an Ohio-class submarine to visitors on Friday.")
    assert "Ohio" not in found


def test_a_hashtag_is_no_actor(resolve: Resolve) -> None:
    """ "#StopTheFarm" is a campaign's hashtag, not an actor."""
    found = resolve("Fans posted #StopTheFarm thousands of times, and Jane Cole agreed.")
    assert not any("StopTheFarm" in text for text in found)


def test_a_quoted_nickname_stays_inside_the_name() -> None:
    """ "Oleh “Bear” Marchenko" is one person's name, nickname and all."""
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")("adviser Oleh “Bear” Marchenko said")
    doc.ents = [Span(doc, 1, 2, label="PERSON"), Span(doc, 5, 6, label="PERSON")]
    assert [e.text for e in reshaped(doc)] == ["Oleh “Bear” Marchenko"]


def test_products_joined_by_and_are_things(nlp: Language) -> None:
    """ "the Falcon and Raven GPUs": both names are products."""
    doc = nlp("Its newest chips, the Falcon and Raven GPUs, are still banned.")
    for ent in doc.ents:
        if ent.text in {"Falcon", "Raven"}:
            assert names_a_thing(ent)


def test_a_people_named_in_the_singular_is_a_people() -> None:
    """ "Fulani" where the article also writes "Fulanis" as a people is no person or place."""
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")("Fulani herders moved south , and Fulanis now farm there .")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 6, 7, label="NORP")]
    assert [e.label_ for e in reshaped(doc)] == ["NORP", "NORP"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The lab unveiled a new chip called Aspen that runs cooler.", "Aspen"),
        ("Engineers praised the “Aspen” chip for its speed.", "Aspen"),
    ],
)
def test_a_named_product_is_a_thing(nlp: Language, text: str, name: str) -> None:
    """A name given to a product ("a chip called X") or quoted before one is a thing."""
    doc = nlp(text)
    spans = [e for e in doc.ents if e.text == name] or [
        doc[t.i : t.i + 1] for t in doc if t.text == name
    ]
    assert names_a_thing(spans[0])


def test_a_person_s_firm_is_an_organisation(nlp: Language) -> None:
    """ "lawyer Tom Reilly of Baker McKenzie": the name after "of" is his firm, not a person."""
    from newsroom.nlp.resolver.typing import corrected_label

    doc = nlp("It could take years, said trade lawyer Tom Reilly of Baker McKenzie.")
    firm = next(e for e in doc.ents if e.text == "Baker McKenzie")
    assert corrected_label(firm, "PERSON") == "ORG"

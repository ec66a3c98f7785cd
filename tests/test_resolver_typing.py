"""Labels of names the registry lacks, corrected where the name or world knowledge says
better than the model: digits, organisation head words, a known place used as a place."""

from __future__ import annotations

import pytest
import spacy
from conftest import span_of
from spacy.language import Language

from newsroom.nlp.names import names_an_event
from newsroom.nlp.resolver.typing import corrected_label


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        ("Fighters of the K9 said they held the town.", "K9", "GPE", "ORG"),
        ("Fighters of the K9 said they held the town.", "K9", "PERSON", "ORG"),
        ("Voters backed the Green Platform in May.", "Green Platform", "PERSON", "ORG"),
        ("The editor of Vechernyaya Gazeta resigned.", "Vechernyaya Gazeta", "PERSON", "ORG"),
        ("A man named Jordan Ellis spoke first.", "Jordan Ellis", "PERSON", "PERSON"),
    ],
)
def test_the_name_itself_corrects_the_label(
    text: str, name: str, label: str, expected: str
) -> None:
    """Digits make no person or place; a party's or paper's head word makes an organisation."""
    doc = spacy.blank("en")(text)
    assert corrected_label(span_of(doc, name), label) == expected


def test_a_known_place_named_as_a_place_is_a_place(nlp: Language) -> None:
    """ "visiting Lviv" is the city even where the model says organisation."""
    doc = nlp("Senators visiting Lviv last week met the mayor.")
    assert corrected_label(span_of(doc, "Lviv"), "ORG") == "LOC"


def test_a_known_place_named_as_an_actor_keeps_the_label(nlp: Language) -> None:
    """ "Lviv said" is not corrected: the model's organisation stands."""
    doc = nlp("Lviv said the buses would run again on Monday.")
    assert corrected_label(span_of(doc, "Lviv"), "ORG") == "ORG"


def test_a_conference_is_an_event() -> None:
    """A name ending in "Conference" is an event's."""
    doc = spacy.blank("en")("She spoke at the Halifax Security Conference on Friday.")
    assert names_an_event(span_of(doc, "Halifax Security Conference"))

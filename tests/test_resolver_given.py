"""Given names from world knowledge: a given name and a surname are a person's name, whatever
label the model gave it, unless the gazetteer knows the name as a place."""

from __future__ import annotations

import pytest
import spacy
from conftest import span_of
from spacy.language import Language

from newsroom.nlp.resolver.given import given_names
from newsroom.nlp.resolver.typing import corrected_label


def test_given_names_come_from_many_countries() -> None:
    """The package's lists hold English, Portuguese and Russian given names."""
    assert {"Gary", "Nuno", "Svetlana"} <= given_names()


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("It was shorter than Dora Pike's spell at the club.", "Dora Pike", "GPE"),
        ("Fans cannot handle the Gary Hobbses of this world.", "Gary Hobbses", "LOC"),
    ],
)
def test_a_given_name_and_surname_typed_place_is_a_person(text: str, name: str, label: str) -> None:
    """A given name before a capitalised surname makes a person, not a place."""
    doc = spacy.blank("en")(text)
    assert corrected_label(span_of(doc, name), label) == "PERSON"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The fire reached Santa Monica by noon.", "Santa Monica", "GPE"),
        ("Shares of Morgan Stanley rose.", "Morgan Stanley", "ORG"),
        ("Victoria Police arrested two men.", "Victoria Police", "ORG"),
    ],
)
def test_places_and_firms_opening_with_a_given_name_keep_their_label(
    text: str, name: str, label: str
) -> None:
    """A known place, a firm and an organisation's head word are not turned into people."""
    doc = spacy.blank("en")(text)
    assert corrected_label(span_of(doc, name), label) == label


def test_a_lone_given_name_someone_is_called_is_a_person(nlp: Language) -> None:
    """ "a man who called himself Oleg": the name he goes by is a person's."""
    doc = nlp("Prices doubled, a man who called himself Oleg wrote online.")
    assert corrected_label(span_of(doc, "Oleg"), "ORG") == "PERSON"


def test_a_lone_given_name_as_a_subject_keeps_the_label(nlp: Language) -> None:
    """ "Meta said" is not a person: a lone name needs a sentence that calls someone so."""
    doc = nlp("Meta said it would appeal the ruling.")
    assert corrected_label(span_of(doc, "Meta"), "ORG") == "ORG"


def test_a_river_read_as_a_person_is_a_place() -> None:
    """ "the Rio Bravo" opens with a river's word: a place, not a person."""
    doc = spacy.blank("en")("The water on the Rio Bravo rose overnight.")
    assert corrected_label(span_of(doc, "Rio Bravo"), "PERSON") == "LOC"

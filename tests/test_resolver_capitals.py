"""Capitals: a capital used for its government belongs to its country, and in an article that
uses it that way even once, every mention of it does; named only as a place, it is a place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import ROOT
from spacy.language import Language

from newsroom.editorial import load_editorial
from newsroom.model import Actor
from newsroom.nlp.actors import MENTIONS_KEY, build_resolver, run_resolver
from newsroom.nlp.places import names_a_place
from newsroom.nlp.resolver.scope import capitals

Resolve = Callable[[str], list[tuple[str, str]]]


@pytest.fixture(scope="module")
def resolve(nlp: Language) -> Resolve:
    """Text -> [(mention text, actor id)] in text order, with the shipped registry."""
    resolver = build_resolver(load_editorial(ROOT / "briefings").editorial.actors, nlp)

    def run(text: str) -> list[tuple[str, str]]:
        doc = run_resolver(resolver, nlp(text))
        return [(span.text, span.id_) for span in doc.spans[MENTIONS_KEY]]

    return run


def test_a_capital_named_only_as_a_place_is_a_place(resolve: Resolve) -> None:
    """ "flew to Moscow" in an article that never uses Moscow for Russia's government."""
    found = resolve("The delegation flew to Moscow on Tuesday and met students at a museum.")
    assert ("Moscow", "moscow") in found


def test_a_capital_used_both_ways_is_the_country_throughout(resolve: Resolve) -> None:
    """Once "Moscow said" makes Moscow the government, "talks in Moscow" is Russia too."""
    found = resolve(
        "Talks were held in Moscow on Monday. Moscow said the talks had gone well, "
        "and the envoys left on Tuesday."
    )
    moscow = [actor for text, actor in found if text == "Moscow"]
    assert moscow == ["russia", "russia"]


def test_a_possessive_capital_is_its_government(resolve: Resolve) -> None:
    """ "Kyiv's allies" stands for Ukraine, and so does the later "arrived in Kyiv"."""
    found = resolve("Kyiv's allies pledged more air defence. The minister arrived in Kyiv later.")
    assert [actor for text, actor in found if text == "Kyiv"] == ["ukraine", "ukraine"]


def test_the_gazetteer_gives_a_registry_country_its_capital() -> None:
    """A registry country without a metonym gets the gazetteer's capital ("Taipei")."""
    country = Actor(id="taiwan", name="Taiwan", type="country")
    assert capitals([country]).get("Taipei") == "taiwan"


def test_a_registry_metonym_wins_over_the_gazetteer() -> None:
    """A country whose registry entry lists its seat keeps only that."""
    editorial = load_editorial(ROOT / "briefings").editorial
    found = capitals(editorial.actors)
    assert found["Pyongyang"] == "north-korea"
    assert found["Washington"] == "united-states"


@pytest.mark.parametrize(
    ("text", "city", "place"),
    [
        ("His first trips abroad are set to be to Lisbon and Madrid.", "Lisbon", True),
        ("Night train services between Lisbon and Madrid resumed in May.", "Lisbon", True),
        ("Passengers waited at Lisbon's main airport for hours.", "Lisbon", True),
        ("Lisbon's position on the treaty has not changed.", "Lisbon", False),
        ("Lisbon rejected the proposal on Friday.", "Lisbon", False),
    ],
)
def test_where_a_city_is_a_place(nlp: Language, text: str, city: str, place: bool) -> None:
    """Trips, trains and airports make a city a place; a position or a verb, its government."""
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == city)
    assert names_a_place(doc[start : start + 1]) is place

"""Football clubs: in an article about the sport a club's town name, short form or nickname is
the club; elsewhere the same word keeps its usual reading (the city, a common noun)."""

from __future__ import annotations

from conftest import Resolve
from spacy.language import Language

from newsroom.nlp.clubs import clubs

MATCH_REPORT = (
    "Everton beat Fulham 2-0 at home on Saturday. The manager praised his squad after the "
    "match, and the Toffees' fans sang as the goal was replayed. Fulham's boss spoke of a "
    "long season ahead in the league."
)


def test_clubs_in_a_match_report_are_clubs(resolve: Resolve) -> None:
    """In a match report, club names and nicknames link the clubs, under their own ids."""
    found = resolve(MATCH_REPORT)
    assert found.get("Everton") == "everton-fc"
    assert found.get("Fulham") == "fulham-fc"
    assert found.get("Toffees") == "everton-fc"


def test_a_club_town_elsewhere_is_the_town(resolve: Resolve) -> None:
    """ "Liverpool" in a story about a port is no football club."""
    found = resolve("Cargo ships docked in Liverpool after the storm, the port authority said.")
    assert "liverpool-fc" not in found.values()


def test_one_club_and_sport_words_are_not_enough(nlp: Language) -> None:
    """An article must name two distinct clubs, not only use the sport's words."""
    doc = nlp(MATCH_REPORT)
    assert not clubs().about_football(doc, ["Everton", "Toffees"])
    assert clubs().about_football(doc, ["Everton", "Fulham"])


def test_a_nickname_finds_its_club_with_or_without_the() -> None:
    """ "the Red Devils" and "Red Devils" both name Manchester United."""
    book = clubs()
    assert book.find("the Red Devils") == book.find("Red Devils")
    found = book.find("Red Devils")
    assert found is not None and found.name == "Manchester United"

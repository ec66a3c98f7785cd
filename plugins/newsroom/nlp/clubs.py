"""World knowledge of football clubs (package data ``nlp/data/clubs.yml``): their names,
short forms and nicknames, which count as the club only in an article about the sport."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from slugify import slugify

if TYPE_CHECKING:  # a warm build reads clubs without importing spaCy
    from spacy.tokens import Doc

DATA = Path(__file__).parent / "data" / "clubs.yml"


@dataclass(frozen=True)
class Club:
    """A club: its id ("liverpool-fc"), name and one-line description."""

    id: str
    name: str
    description: str


class Clubs:
    """Surfaces to clubs, and the test of whether an article is about football."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.sport_words = frozenset(str(w).lower() for w in data.get("sport_words", ()))
        self.min_sport_words = int(data.get("min_sport_words", 1))
        self.min_clubs = int(data.get("min_clubs", 1))
        self.by_surface: dict[str, Club] = {}
        self.by_id: dict[str, Club] = {}
        for item in data.get("clubs", ()):
            name = str(item["name"])
            # Its own id: "liverpool" the city and Liverpool the club are two actors.
            club = Club(slugify(f"{name} FC"), name, str(item.get("description", "")))
            self.by_id[club.id] = club
            for surface in (name, *item.get("short", ())):
                self.by_surface.setdefault(str(surface), club)

    def find(self, text: str) -> Club | None:
        """The club a surface names ("Spurs", "the Red Devils"), if any."""
        if text.lower().startswith("the "):
            text = text[4:]
        return self.by_surface.get(text)

    def about_football(self, doc: Doc, names: Iterable[str]) -> bool:
        """Whether an article is about the sport: enough of its words, and enough distinct
        clubs among ``names`` (the article's entity texts)."""
        used = {t.lemma_.lower() for t in doc if t.lemma_.lower() in self.sport_words}
        if len(used) < self.min_sport_words:
            return False
        named = {club.id for name in names if (club := self.find(name)) is not None}
        return len(named) >= self.min_clubs


@functools.cache
def clubs(path: Path = DATA) -> Clubs:
    """The clubs of ``path``, loaded once."""
    return Clubs(yaml.safe_load(path.read_text("utf-8")) or {})

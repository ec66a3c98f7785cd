"""The development set: real articles with gold keys (``articles/NN.txt``, ``gold/NN.json``).

The format is described in the set's own README. This module only reads it and normalises
strings the way its keys were checked, so that every score compares like with like.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

# Where the set lies relative to the repository root of a checkout.
DEFAULT_DEVSET = Path("..") / "shared" / "eval" / "dev"

# The first half of the set is on the beat, the rest other news (the set's README).
ON_BEAT = frozenset(f"{n:02d}" for n in range(1, 17))


@dataclass(frozen=True)
class GoldEntity:
    canonical: str
    type: str
    alt_types: tuple[str, ...]
    core: bool
    surface_forms: tuple[str, ...]
    description: str | None

    @property
    def types(self) -> frozenset[str]:
        return frozenset((self.type, *self.alt_types))


@dataclass(frozen=True)
class DevArticle:
    """One article of the set with its key."""

    name: str
    path: Path
    date: date
    entities: tuple[GoldEntity, ...]
    junk_surfaces: tuple[str, ...]
    claim_sources: dict[str, tuple[str, ...]]
    dates: dict[str, str]

    @property
    def on_beat(self) -> bool:
        return self.name in ON_BEAT


def normalise(text: str) -> str:
    """A string as the keys compare it: NFKC, lower case, no leading "the", no "'s"."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    text = re.sub(r"[\s\-\u2010-\u2015]+", " ", text)
    return text.strip(" \t.,;:!?\"'()[]{}")


def _entity(data: dict[str, Any]) -> GoldEntity:
    return GoldEntity(
        canonical=str(data["canonical"]),
        type=str(data["type"]),
        alt_types=tuple(str(t) for t in data.get("alt_types", ())),
        core=bool(data.get("core", False)),
        surface_forms=tuple(str(s) for s in data.get("surface_forms", ())),
        description=data.get("description"),
    )


def _sources(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def load_devset(folder: Path = DEFAULT_DEVSET) -> list[DevArticle]:
    """Every article of the set in ``folder``, in file order; [] where the folder is missing."""
    gold_dir = folder / "gold"
    if not gold_dir.is_dir():
        return []
    articles = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        data = json.loads(gold_path.read_text("utf-8"))
        articles.append(
            DevArticle(
                name=gold_path.stem,
                path=folder / str(data["article_file"]),
                date=date.fromisoformat(str(data["article_date"])),
                entities=tuple(_entity(e) for e in data.get("entities", ())),
                junk_surfaces=tuple(str(s) for s in data.get("junk_surfaces", ())),
                claim_sources={
                    str(k): _sources(v) for k, v in (data.get("claim_sources") or {}).items()
                },
                dates={str(k): str(v) for k, v in (data.get("dates") or {}).items()},
            )
        )
    return articles

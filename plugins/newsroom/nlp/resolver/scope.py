"""Which names count where: context-dependent aliases and their countries, common words
written with a capital, names of things, and the ids of actors the registry lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from slugify import slugify
from spacy.tokens import Doc

from ...model import Actor
from ...schema import MAX_ID_CHARS
from ..gazetteer import gazetteer
from ..names import names_a_thing


def surface_variants(text: str) -> set[str]:
    """The spellings of one registry surface that should match: quotes and 'the' variants."""
    variants = {text, text.replace("'", "’"), text.replace("’", "'")}
    for variant in list(variants):
        if variant.startswith("the "):
            variants.add("The " + variant[4:])
            # "the North" is a name only with its article: bare "North" begins "North Darfur".
            if len(variant[4:].split()) > 1:
                variants.add(variant[4:])
    return {v for v in variants if v}


def country_names(actor: Actor) -> list[str]:
    """A country's names, demonyms and capitals, but not its context-dependent "the X"."""
    names = (actor.name, *actor.aliases, *actor.demonyms, *(m.text for m in actor.metonyms))
    return [n for n in names if not n.lower().startswith("the ")]


def contextual_surfaces(actors: Sequence[Actor]) -> dict[tuple[str, str], str]:
    """The names that stand for an actor only in an article about its country: a country's
    "the North"; a government body's name without its country's ("National Assembly" for
    South Korea's, whose description names the country)."""
    countries = [a for a in actors if a.type == "country"]
    words = {c.id: [n.lower() for n in (c.name, *c.aliases, *c.demonyms)] for c in countries}
    out: dict[tuple[str, str], str] = {}
    for actor in actors:
        surfaces = {
            v.lower() for text in (actor.name, *actor.aliases) for v in surface_variants(text)
        }
        if actor.type == "country":
            others = [c.name.lower() for c in countries if c.id != actor.id]
            for surface in surfaces:
                # "the North"; "Korea", a word of another country's name ("North Korea").
                if surface.startswith("the ") or any(
                    re.search(rf"\b{re.escape(surface)}\b", other) for other in others
                ):
                    out[(actor.id, surface)] = actor.id
            continue
        if actor.type != "organization" or actor.kind != "government":
            continue  # a broadcaster or a company is itself wherever it is named
        description = actor.description.lower()
        home = next(
            (c.id for c in countries if any(w in description for w in words[c.id] if len(w) > 3)),
            None,
        )
        if home is None:
            continue
        for surface in surfaces:
            if not any(w in surface for w in words[home]):
                out[(actor.id, surface)] = home
    return out


def common_words_capitalised(doc: Doc) -> set[str]:
    """One-word entity texts the same article also writes in lower case ("Alliance" beside
    "the alliance", "Cabinet" beside "the cabinet"): common words, not names."""
    lower = {t.text for t in doc if t.is_lower and t.is_alpha}
    return {
        e.text for e in doc.ents if len(e) == 1 and not e.text.isupper() and e.text.lower() in lower
    }


def things_named(doc: Doc) -> set[str]:
    """Names that, every time the article uses them, name a weapon, vehicle or product
    ("the Chunmoo rocket launcher"); "Nvidia chips" beside "Nvidia said" is still Nvidia."""
    thing: set[str] = set()
    actor: set[str] = set()
    for ent in doc.ents:
        (thing if names_a_thing(ent) else actor).add(ent.text)
    return thing - actor


def end_words(names: Iterable[str]) -> set[str]:
    """The first and last words of every name of more than one word."""
    words = [name.split() for name in names]
    return {w for split in words if len(split) > 1 for w in (split[0], split[-1])}


def actor_slug(text: str) -> str | None:
    """The id of an actor the registry lacks; never one reserved for an index page."""
    # Bounded: the id names the actor's page file (a 300-letter word is no file name).
    slug = slugify(text, max_length=MAX_ID_CHARS)
    return f"{slug}-actor" if slug == "index" else slug or None


def capitals(actors: Sequence[Actor]) -> dict[str, str]:
    """Capital -> country id, for every registry country: the registry's metonyms, then the
    gazetteer's capital where the registry names none and no actor already uses that name
    ("Taipei" for Taiwan). A capital stands for its government only in context (see
    :func:`~newsroom.nlp.places.names_a_place`)."""
    out = {m.text: a.id for a in actors for m in a.metonyms}
    taken = {s for a in actors for s in (a.name, *a.aliases, *a.demonyms)}
    book = gazetteer()
    for actor in actors:
        if actor.type != "country" or actor.metonyms:
            continue
        capital = next(filter(None, map(book.capital_of, (actor.name, *actor.aliases))), "")
        if capital and capital not in taken and capital not in out:
            out[capital] = actor.id
    return out

"""Canonical actors for entity mentions: the registry ruler and our resolver component.

Order of decisions for each entity: registry names (span ruler, pattern id = actor id)
override the model's label; possessives and quotes are trimmed; non-actors are dropped;
a short name resolves to the one full name introduced earlier in the same article; an
acronym resolves to the name it was defined beside; anything else becomes an actor the
registry does not know, keyed by its normalised text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from slugify import slugify
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from ..model import LABEL_OF_TYPE, TYPE_OF_LABEL, Actor
from ..schema import MAX_ID_CHARS
from .names import (
    acronym_after,
    is_name,
    join_split_names,
    lone_proper_nouns,
    merge_short_forms,
    names_a_thing,
    trim,
)
from .places import is_modifier, names_a_place, place_id
from .words import Words, words

MENTIONS_KEY = "briefings_mentions"


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


def korean_name_patterns(lists: Words) -> list[dict[str, Any]]:
    """Korean personal names are rare in the model's training data: a surname and a
    hyphenated given name ("Han Ye-rin"), or KCNA's three words ("Pak Thae Song"), a surname
    and two romanised syllables ("Park Avenue Hotel" is no name)."""
    surname = {"ORTH": {"IN": list(lists.korean_surnames)}}
    syllable = {"IS_TITLE": True, "LOWER": {"REGEX": lists.korean_syllable}}
    hyphenated = [
        surname,
        {"IS_TITLE": True, "IS_ALPHA": True, "LENGTH": {"<=": 6}},
        {"ORTH": "-"},
        {"IS_LOWER": True, "IS_ALPHA": True, "LENGTH": {"<=": 5}},
    ]
    return [
        {"label": "PERSON", "pattern": hyphenated},
        {"label": "PERSON", "pattern": [surname, syllable, syllable]},
    ]


def registry_patterns(actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """Span-ruler patterns for every name, alias, demonym and metonym of the registry."""
    patterns: list[dict[str, Any]] = korean_name_patterns(words())
    for actor in actors:
        label = LABEL_OF_TYPE[actor.type]
        for surface in (actor.name, *actor.aliases):
            for variant in surface_variants(surface):
                patterns.append({"label": label, "pattern": variant, "id": actor.id})
        for surface in actor.demonyms:
            patterns.append({"label": "NORP", "pattern": surface, "id": actor.id})
        for metonym in actor.metonyms:
            patterns.append({"label": "GPE", "pattern": metonym.text, "id": actor.id})
    return patterns


def registry_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Merge registry matches into the model's entities.

    Registry matches override the model's entities they overlap, except where the model
    found a longer name of a body that merely contains a country or demonym ("Security
    Service of Ukraine", "Russian Railways"), and except that a match by shape alone (a
    Korean name, no actor id) gives way to a longer name the model found around it. Among
    overlapping matches the longest wins, then one with an actor id, then one not starting
    with "the" ("North Korean" beats "The North"), then the earliest.
    """
    entities = join_split_names(list(entities))
    matches = list(spans)
    protected = [
        e
        for e in entities
        if contains_only_places(e, matches) or longer_place(e, matches) or longer_body(e, matches)
    ]
    # "the South" before a proper noun begins a longer name ("the South Pyongan Province").
    matches = [s for s in matches if not context_alias_in_name(s)]
    matches = [
        s for s in matches if not any(p.start <= s.start and s.end <= p.end for p in protected)
    ]
    # "Pak Thae Song" is a person, but "Kim Chol Ung University" a body.
    bodies = [e for e in entities if e.label_ in NAMED_BODY_LABELS or e.label_ == "FAC"]
    matches = [s for s in matches if s.id_ or not any(_inside(s, b) for b in bodies)]

    def preference(span: Span) -> tuple[int, bool, bool, int]:
        return (len(span), bool(span.id_), span[0].lower_ != "the", -span.start)

    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(matches, key=preference, reverse=True):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    kept = [e for e in entities if not taken.intersection(range(e.start, e.end))]
    return kept + chosen


NAMED_BODY_LABELS = {"ORG", "EVENT", "WORK_OF_ART", "LAW"}


def _inside(span: Span, entity: Span) -> bool:
    """Whether ``span`` lies inside ``entity`` and is shorter."""
    return entity.start <= span.start and span.end <= entity.end and len(span) < len(entity)


def contains_only_places(entity: Span, matches: Sequence[Span]) -> bool:
    """A model name whose head word lies outside the registry matches inside it, all of
    which are countries, places or demonyms."""
    inside = [s for s in matches if s.start < entity.end and entity.start < s.end]
    return (
        entity.label_ in NAMED_BODY_LABELS
        and bool(inside)
        and all(
            entity.start <= s.start
            and s.end <= entity.end
            and (s.start, s.end) != (entity.start, entity.end)
            for s in inside
        )
        and all(s.label_ in {"GPE", "LOC", "NORP"} for s in inside)
        and not any(s.start <= entity.root.i < s.end for s in inside)
    )


def longer_place(entity: Span, matches: Sequence[Span]) -> bool:
    """A place the model found that strictly contains a country's name: "North America"
    holds "America", "South Kordofan" is no South Korea."""
    return entity.label_ in {"GPE", "LOC", "FAC"} and any(
        _inside(s, entity) and s.label_ in {"GPE", "NORP"} for s in matches
    )


def longer_body(entity: Span, matches: Sequence[Span]) -> bool:
    """A body the model found whose name begins with a registry name and goes on to its own
    head word: "United Nations Command" is no "United Nations" with a "Command" after it."""
    inside = [s for s in matches if s.start < entity.end and entity.start < s.end]
    root = entity.root
    start = entity.start + (entity[0].lower_ == "the")
    return (
        entity.label_ in {"ORG", "FAC"}
        and len(inside) == 1
        and inside[0].start == start
        and inside[0].end < entity.end
        and root.i >= inside[0].end
        and all(t.text[:1].isupper() for t in entity[inside[0].end - entity.start :])
    )


def context_alias_in_name(span: Span) -> bool:
    """A match of "the X" (a name only in context) followed by a capitalised proper noun."""
    doc = span.doc
    if span[0].lower_ != "the" or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "PROPN" and after.text[:1].isupper()


@registry.misc("briefings.registry_ents_filter.v1")
def make_registry_ents_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    return registry_ents_filter


def build_resolver(actors: Sequence[Actor], model: Language | None = None) -> Language:
    """A pipeline that maps a parsed Doc's entities to actors: ruler + resolver.

    It runs on Docs parsed by the statistical model (or restored from the cache), and needs
    no model itself, so a registry change re-derives actors without re-parsing. Where the
    model is loaded anyway, the resolver shares its vocabulary and tokenizer instead of
    building English's tokenizer exceptions again (0.15 s); either way, registry names are
    split into tokens exactly as article text is.
    """
    if model is not None:
        from spacy.lang.en import English

        resolver: Language = English(model.vocab, create_tokenizer=lambda _: model.tokenizer)
    else:
        import spacy

        from .pipeline import split_glued_parentheses

        resolver = spacy.blank("en")
        split_glued_parentheses(resolver)
    ruler = resolver.add_pipe(
        "span_ruler",
        name="registry_ruler",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "ents_filter": {"@misc": "briefings.registry_ents_filter.v1"},
            "phrase_matcher_attr": "ORTH",
        },
    )
    ruler.add_patterns(registry_patterns(actors))  # type: ignore[attr-defined]
    component = resolver.add_pipe("briefings_actors", after="registry_ruler")
    component.initialize(lambda: [], nlp=resolver, actors=actors)  # type: ignore[attr-defined]
    return resolver


def run_resolver(resolver: Language, doc: Doc) -> Doc:
    """Apply the resolver pipeline's components to an already parsed Doc."""
    for _, component in resolver.pipeline:
        doc = component(doc)
    return doc


@Language.factory("briefings_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(name)


class ActorResolver:
    """Writes ``doc.spans[MENTIONS_KEY]``: one span per actor mention, ``span.id_`` = actor id
    ("" where the mention is ambiguous and left unresolved)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.actors: dict[str, Actor] = {}
        self.metonyms: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = {}
        # (actor id, lower-case surface) -> the country an article must name for it to count.
        self.contextual: dict[tuple[str, str], str] = {}
        self.words = words()
        self.evidence: dict[str, re.Pattern[str]] = {}

    def initialize(self, get_examples: Any, *, nlp: Language, actors: Sequence[Actor] = ()) -> None:
        """Receive the registry (data arrives here, not in the constructor)."""
        self.actors = {a.id: a for a in actors}
        self.metonyms = {m.text: a.id for a in actors for m in a.metonyms}
        # What a lone surname can stand for: the first or last word of a name.
        self.surnames = {a.id: end_words((a.name, *a.aliases)) for a in actors}
        self.contextual = contextual_surfaces(actors)
        self.words = words()
        # An article names a country where it names it, its capital or its people anywhere.
        homes = set(self.contextual.values())
        self.evidence = {
            a.id: re.compile(
                r"\b(?:"
                + "|".join(
                    re.escape(n)
                    for n in country_names(a)
                    if (a.id, n.lower()) not in self.contextual
                )
                + r")\b"
            )
            for a in actors
            if a.id in homes
        }

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Span] = []
        # Names introduced so far in this article, for short forms: kind -> actor id -> tokens.
        seen: dict[str, dict[str, set[str]]] = {"person": {}, "organization": {}}
        # Headlines and captions put a surname before the full name: the registry's people
        # named anywhere in the article are the fallback for a short form.
        article_people = {
            ent.ent_id_: self._name_tokens(ent.ent_id_, ent.text)
            for ent in doc.ents
            if ent.ent_id_ in self.actors and self.actors[ent.ent_id_].type == "person"
        }
        acronyms: dict[str, str] = {}
        # In text order: the model's entities, and lone proper nouns it left out ("Choe
        # arrived"), which name someone only as the short form of a person named before.
        things = things_named(doc) | common_words_capitalised(doc)
        covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        items: list[Span | Token] = [*doc.ents, *lone_proper_nouns(doc, covered)]
        items.sort(key=lambda item: item.i if isinstance(item, Token) else item.start)
        for ent in items:
            if isinstance(ent, Token):
                surname = self._surname(ent.text, seen["person"])
                if surname is not None:
                    mention = Span(doc, ent.i, ent.i + 1, label="PERSON")
                    mention.id_ = surname
                    mentions.append(mention)
                continue
            span = trim(ent)
            if span is None:
                continue
            actor_id: str | None = ent.ent_id_
            if actor_id:
                actor_id = self._place_or_government(span, actor_id)
            else:
                if (
                    ent.label_ in self.words.non_actor_labels
                    or not is_name(span)
                    or is_modifier(span)
                    or span.text in things
                ):
                    continue
                actor_id = self._resolve_unknown(span, seen, acronyms, article_people)
            kind = self._kind(actor_id, span)
            if actor_id and kind in seen:
                seen[kind].setdefault(actor_id, set()).update(
                    self._name_tokens(actor_id, span.text)
                )
            definition = acronym_after(span)
            if definition and actor_id:
                acronyms[definition] = actor_id
            mention = Span(doc, span.start, span.end, label=span.label_ or ent.label_)
            mention.id_ = actor_id or ""
            mentions.append(mention)
        doc.spans[MENTIONS_KEY] = self._in_context(merge_short_forms(mentions, self.actors))
        return doc

    def _in_context(self, mentions: list[Span]) -> list[Span]:
        """Drop the links of context-dependent names ("the North", "National Assembly")
        in an article that does not otherwise name their country."""
        named = {m.id_ for m in mentions if (m.id_, m.text.lower()) not in self.contextual}
        if mentions:
            text = mentions[0].doc.text
            named |= {home for home, pattern in self.evidence.items() if pattern.search(text)}
        out = []
        for mention in mentions:
            home = self.contextual.get((mention.id_, mention.text.lower()))
            if home is None or home in named:
                out.append(mention)
                continue
            span = trim(Span(mention.doc, mention.start, mention.end, label=mention.label_))
            if span is not None and is_name(span) and span[0].lower_ != "the":
                span.id_ = actor_slug(span.text) or ""
                out.append(span)
        return out

    def _kind(self, actor_id: str | None, span: Span) -> str:
        actor = self.actors.get(actor_id or "")
        return actor.type if actor else TYPE_OF_LABEL.get(span.label_, "other")

    def _name_tokens(self, actor_id: str, text: str) -> set[str]:
        actor = self.actors.get(actor_id)
        names = [actor.name, *actor.aliases] if actor else [text]
        return {token for name in names for token in name.replace("-", " ").split()}

    def _surname(self, text: str, people: dict[str, set[str]]) -> str | None:
        """The one person named before whose name begins or ends with ``text``, if exactly
        one is ("Choe" after "Choe Son Hui"; not "Kim" after two Kims)."""
        candidates = [a for a in people if text in self.surnames.get(a, ())]
        return candidates[0] if len(candidates) == 1 else None

    def _place_or_government(self, span: Span, actor_id: str) -> str:
        # "arrived in Pyongyang" is the city; "Pyongyang said" is the government.
        if span.text in self.metonyms and names_a_place(span):
            return place_id(span.text)
        return actor_id

    def _resolve_unknown(
        self,
        span: Span,
        seen: dict[str, dict[str, set[str]]],
        acronyms: dict[str, str],
        article_people: dict[str, set[str]],
    ) -> str | None:
        text = span.text
        if text in acronyms:
            return acronyms[text]
        tokens = text.replace("-", " ").split()
        kind = TYPE_OF_LABEL.get(span.label_, "other")
        # A short form ("Kim", "Security Council") is the full name introduced earlier in the
        # article, if exactly one fits; where two fit, it stays unresolved rather than guessed.
        # The model often mislabels a surname ("Trump" as ORG), so people are always tried.
        pools = [seen["person"]] + (
            [seen["organization"]] if kind == "organization" and len(tokens) >= 2 else []
        )
        if len(tokens) <= 2:
            candidates = {
                actor_id
                for pool in pools
                for actor_id, names in pool.items()
                if set(tokens) <= names
            }
            if not candidates and len(tokens) == 1:
                candidates = {a for a, names in article_people.items() if tokens[0] in names}
            if len(candidates) == 1:
                return candidates.pop()
            if len(candidates) > 1:
                return None
        return actor_slug(text)


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


def unknown_actor(actor_id: str, text: str, label: str) -> Actor:
    """An actor the registry does not know, typed from the model's label."""
    return Actor(id=actor_id, name=text, type=TYPE_OF_LABEL.get(label, "other"), registered=False)

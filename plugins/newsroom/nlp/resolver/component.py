"""The ``briefings_actors`` component: maps a parsed Doc's entities to canonical actors.

Order of decisions for each entity: registry names (span ruler, pattern id = actor id)
override the model's label; possessives and quotes are trimmed; non-actors are dropped;
a short name resolves to the one full name introduced earlier in the same article; an
acronym resolves to the name it was defined beside; anything else becomes an actor the
registry does not know, keyed by its normalised text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...model import TYPE_OF_LABEL, Actor
from ..clubs import clubs
from ..names import acronym_after, is_name, lone_proper_nouns, merge_short_forms, trim
from ..places import is_modifier, names_a_place, place_id
from ..words import words
from .scope import (
    actor_slug,
    capitals,
    common_words_capitalised,
    contextual_surfaces,
    country_names,
    end_words,
    things_named,
)
from .shapes import reshaped
from .typing import corrected_label

MENTIONS_KEY = "briefings_mentions"


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
        self.clubs = clubs()
        self.evidence: dict[str, re.Pattern[str]] = {}

    def initialize(self, get_examples: Any, *, nlp: Language, actors: Sequence[Actor] = ()) -> None:
        """Receive the registry (data arrives here, not in the constructor)."""
        self.actors = {a.id: a for a in actors}
        self.metonyms = capitals(actors)
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
        governing = self._capitals_for_governments(doc)
        ents = reshaped(doc)
        covered = {i for ent in ents for i in range(ent.start, ent.end)}
        items: list[Span | Token] = [*ents, *lone_proper_nouns(doc, covered)]
        items.sort(key=lambda item: item.i if isinstance(item, Token) else item.start)
        # In an article about football, "Liverpool" and "Spurs" are clubs (world knowledge).
        football = self.clubs.about_football(doc, (t.text for e in doc.ents if (t := trim(e))))
        for ent in items:
            club = self._club(ent, football)
            if club is not None:
                mentions.append(club)
                continue
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
                actor_id = self._place_or_government(span, actor_id, governing)
            else:
                # The label the name and world knowledge give, before it is judged ("the
                # M23 rebel group" is no place used as an adjective).
                span = Span(doc, span.start, span.end, label=corrected_label(span, span.label_))
                if (
                    ent.label_ in self.words.non_actor_labels
                    or (not is_name(span) and span.text not in acronyms)
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

    def _club(self, item: Span | Token, football: bool) -> Span | None:
        """A club's mention, where the article is about football and the item names one."""
        if not football or (isinstance(item, Span) and item.ent_id_):
            return None
        doc = item.doc
        span = trim(item) if isinstance(item, Span) else doc[item.i : item.i + 1]
        club = self.clubs.find(span.text) if span is not None else None
        if span is None or club is None:
            return None
        mention = Span(doc, span.start, span.end, label="ORG")
        mention.id_ = club.id
        return mention

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

    def _capitals_for_governments(self, doc: Doc) -> set[str]:
        """The capitals this article uses at least once for their government ("Moscow
        said", "Kyiv's allies"): in such an article every mention of the city, "talks in
        Moscow" too, belongs to the country, so one real actor gets one glossary line."""
        out = set()
        for ent in doc.ents:
            span = trim(ent) if ent.ent_id_ else None
            if span is not None and span.text in self.metonyms and not names_a_place(span):
                out.add(span.text)
        return out

    def _place_or_government(self, span: Span, actor_id: str, governing: set[str]) -> str:
        # "arrived in Pyongyang" is the city where the article never uses it otherwise.
        if span.text in self.metonyms and span.text not in governing:
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

"""The model's entities reshaped before they are resolved, by what the text's shape shows:
a possessive inside a name joins two names ("Kyungnam University's Institute for Far Eastern
Studies"), a quoted nickname sits inside one ("Serhiy "Flash" Beskrestnov"), an acronym in
parentheses names the words before it ("Korea-U.S. Alliance Foundation (KUSAF)"), and a
name glued to a hyphenated word ("Virginia-class"), a hashtag or a question's "Will" is none."""

from __future__ import annotations

from spacy.tokens import Doc, Span

POSSESSIVES = {"'s", "’s"}
QUOTES = {'"', "“", "”", "‘", "’", "'"}
HYPHENS = {"-", "\u2010", "\u2011"}
CONNECTORS = {"of", "for", "and", "the", "on", "in", "&"}
# How far back the words an acronym stands for may start.
LONGEST_NAME = 10


def reshaped(doc: Doc) -> list[Span]:
    """The Doc's entities, reshaped; registry matches (with an id) are left as they are."""
    ents = list(doc.ents)
    out: list[Span] = []
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    # Tokens an acronym's words may run through: a country's registry name is one of them.
    open_ = {
        i for e in ents if e.ent_id_ and e.label_ in {"GPE", "NORP"} for i in range(e.start, e.end)
    }
    forms: list[Span] = []
    peoples = {e.text for e in ents if e.label_ == "NORP" and not e.ent_id_}
    i = 0
    while i < len(ents):
        ent = ents[i]
        if ent.ent_id_:
            out.append(ent)
            i += 1
            continue
        if i + 1 < len(ents) and nickname_between(ent, ents[i + 1]):
            out.append(Span(doc, ent.start, ents[i + 1].end, label="PERSON"))
            i += 2
            continue
        i += 1
        if hashtag(ent) or glued_modifier(ent):
            continue
        if ent.label_ != "NORP" and {ent.text, ent.text + "s"} & peoples:
            # "Tutsi" where the article writes "Tutsis" as a people: a people, as there.
            out.append(Span(doc, ent.start, ent.end, label="NORP"))
            continue
        if ent[0].tag_ == "MD" and len(ent) > 1:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)  # "Will Frank ... ?"
        ent = without_lower_tail(ent)
        longer = through_dangling(ent, taken - open_)
        if longer is not ent:
            forms.append(longer)
            continue
        long_form = name_of_acronym(ent, taken - open_)
        if long_form is not None:
            forms.append(long_form)
        out.extend(split_at_possessive(ent))
    # A country's name inside a longer name found here ("Korea-U.S. Alliance Foundation",
    # "Center for a New American Security") is part of that name.
    out = [s for s in out if not any(f.start <= s.start and s.end <= f.end for f in forms)]
    return sorted(out + forms, key=lambda span: span.start)


def nickname_between(left: Span, right: Span) -> bool:
    """Two person entities with a quoted nickname between them: one person."""
    doc = left.doc
    between = doc[left.end : right.start]
    return (
        left.label_ == "PERSON"
        and right.label_ == "PERSON"
        and 3 <= len(between) <= 4
        and between[0].text in QUOTES
        and between[-1].text in QUOTES
        and all(t.text[:1].isupper() for t in between[1:-1])
    )


def hashtag(ent: Span) -> bool:
    """A hashtag ("#NoToX") names a campaign, not an actor."""
    doc = ent.doc
    return ent.start > 0 and doc[ent.start - 1].text == "#" and not doc[ent.start - 1].whitespace_


def glued_modifier(ent: Span) -> bool:
    """A name glued by a hyphen to a lower-case word ("Virginia-class", "Ohio-based") is an
    adjective, not a mention of an actor."""
    doc = ent.doc
    end = ent.end
    return (
        end + 1 < len(doc)
        and doc[end].text in HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
    )


def without_lower_tail(ent: Span) -> Span:
    """A name without lower-case nouns the model ran on into ("the FDLR militia")."""
    doc = ent.doc
    end = ent.end
    while (
        end - ent.start > 1
        and doc[end - 1].is_lower
        and doc[end - 1].pos_ == "NOUN"
        and doc[end - 2].whitespace_
    ):
        end -= 1
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


def through_dangling(ent: Span, taken: set[int]) -> Span:
    """A name the model cut after "for" or "of" ("the think tank Center for" + "a New
    American Security") runs on through an article and the capitalised words after it."""
    doc = ent.doc
    if ent[-1].lower_ not in {"for", "of"}:
        return ent
    end = ent.end
    if end < len(doc) and doc[end].lower_ in {"a", "an", "the"}:
        end += 1
    first = end
    while end < len(doc) and end not in taken and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    return ent if end == first else Span(doc, ent.start, end, label=ent.label_)


def split_at_possessive(ent: Span) -> list[Span]:
    """ "Kyungnam University's Institute for Far Eastern Studies" is two organisations."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].text in POSSESSIVES and doc[i + 1].text[:1].isupper():
            return [
                Span(doc, ent.start, i, label=ent.label_),
                Span(doc, i + 1, ent.end, label=ent.label_),
            ]
    return [ent]


def name_of_acronym(ent: Span, taken: set[int]) -> Span | None:
    """The words before "(ACRONYM)" whose initials spell it, where no entity covers them:
    "the Korea-U.S. Alliance Foundation (KUSAF)" gives "Korea-U.S. Alliance Foundation"."""
    doc = ent.doc
    acronym = ent.text
    if not (
        len(ent) == 1
        and acronym.isupper()
        and 2 <= len(acronym) <= 8
        and ent.start >= 2
        and doc[ent.start - 1].text == "("
        and ent.end < len(doc)
        and doc[ent.end].text == ")"
    ):
        return None
    end = ent.start - 1
    if end - 1 in taken:
        return None
    start = end
    while start > 0 and end - start < LONGEST_NAME:
        word = doc[start - 1]
        if start - 1 in taken or not (
            word.text[:1].isupper() or word.lower_ in CONNECTORS or word.text in HYPHENS
        ):
            break
        start -= 1
        if word.text[:1].isupper() and letters(doc[start:end]) == acronym:
            return Span(doc, start, end, label="ORG")
    return None


def letters(span: Span) -> str:
    """The initials of a name's capitalised words; a dotted abbreviation gives all its
    letters ("U.S." gives "US")."""
    out = []
    for token in span:
        text = token.text
        if "." in text and text.replace(".", "").isupper():
            out.append(text.replace(".", ""))
        elif text[:1].isupper():
            out.append(text[0])
    return "".join(out)

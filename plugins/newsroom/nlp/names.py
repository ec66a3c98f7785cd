"""Names as the text writes them: the entity without its possessive, quotes or title; whether
it can name an actor at all; acronyms defined beside a name; lone proper nouns."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .titles import is_person_title, is_title
from .words import words

TRIM_TOKENS = {"'s", "’s", "'", "’", '"', "“", "”", "‘", "(", ")", ",", "."}
LEADING_WORDS = {"the", "The"}


def lone_proper_nouns(doc: Doc, covered: set[int]) -> list[Token]:
    """Capitalised proper nouns outside every entity and not next to another proper noun:
    the one-word names the model sometimes leaves out. (Read from the Doc's array of parts
    of speech: a Token object is made only for the few candidates.)"""
    from spacy.attrs import POS
    from spacy.symbols import PROPN

    pos = doc.to_array(POS).tolist()
    last = len(pos) - 1
    found = []
    for i, tag in enumerate(pos):
        if (
            tag == PROPN
            and i not in covered
            and (i == 0 or pos[i - 1] != PROPN)
            and (i == last or pos[i + 1] != PROPN)
        ):
            token = doc[i]
            text = token.text
            # Two letters are enough: Korean surnames such as "Wi", "Ri" or "Jo".
            if len(text) >= 2 and text[0].isupper() and text[1:].islower():
                found.append(token)
    return found


def trim(ent: Span) -> Span | None:
    """The entity without possessive endings, quotes or a leading 'the'."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and doc[end - 1].text in TRIM_TOKENS:
        end -= 1
    while start < end and (
        doc[start].text in TRIM_TOKENS or (doc[start].text in LEADING_WORDS and not ent.ent_id_)
    ):
        start += 1
    if start >= end:
        return None
    label = ent.label_
    if not ent.ent_id_:
        end = past_tail(doc, start, end)
        if end <= start:
            return None
        after_title = past_title(doc, start, end)
        if after_title != start:
            start, label = after_title, "PERSON"
    if not ent.ent_id_ and label != "EVENT" and names_an_event(doc[start:end]):
        label = "EVENT"
    span = Span(doc, start, end, label=label)
    span.id_ = ent.ent_id_
    return span


def names_an_event(span: Span) -> bool:
    """A name of two words or more that is an event's by its last or first word ("the
    Maidan Revolution", "Operation Gatekeeper")."""
    lists = words()
    return len(span) >= 2 and (
        span[-1].text in lists.event_heads or span[0].text in lists.event_openers
    )


DASHES = {"-", "\u2013", "\u2014"}
FUNCTION_WORDS = {"of", "for", "the", "and", "a", "an", "to", "in"}


def past_tail(doc: Doc, start: int, end: int) -> int:
    """Where a name the registry lacks really ends: before a spaced dash ("Rand Paul - voted")
    or a wire credit word ("Jane Roe Writing"); a name ending in a dangling "of"/"for"
    ("Center for") was cut short and is none (``start``)."""
    for i in range(start + 1, end):
        if doc[i].text in DASHES and doc[i - 1].whitespace_:
            end = i
            break
    credits = words().credit_words
    while end > start + 1 and doc[end - 2].whitespace_ and doc[end - 1].text in credits:
        end -= 1
    # A word of its own ("Rae-in" keeps its "in"): a name cut short ("Center for") is none.
    if end > start + 1 and doc[end - 2].whitespace_ and doc[end - 1].lower_ in FUNCTION_WORDS:
        return start
    return end


def past_title(doc: Doc, start: int, end: int) -> int:
    """Where a person's name begins after the titles written before it ("Prof Jane Roe",
    "Chair Bom Kim", "Prime Minister Keir Starmer"); ``start`` where there are none. Titles
    go only before a name of one to three capitalised words that holds no title itself."""
    cut = start
    personal = False
    while cut < end and is_title(doc[cut].text):
        personal = personal or is_person_title(doc[cut].text)
        cut += 1
        if cut < end and doc[cut].text == ".":
            cut += 1
    rest = doc[cut:end]
    if (
        not personal
        or not 1 <= len([t for t in rest if t.is_alpha]) <= 3
        or any(is_title(t.text) for t in rest)
        or not all(
            t.text[:1].isupper() or t.text in {"-", "'"} or (t.is_lower and t.i > cut) for t in rest
        )
    ):
        return start
    return cut


def is_name(span: Span) -> bool:
    """Whether an unregistered entity text can be an actor's name at all: not a common
    word, not a code ("D0D0D0"), not shouting page furniture ("PHOTO NOT FOR SALE")."""
    text = span.text
    letters = [c for c in text if c.isalpha()]
    shouting = text.isupper() and (len(span) > 1 or len(letters) > 4)
    return (
        (len(letters) > 1 or is_code_name(text))
        and text.lower() not in words().not_actors
        and any(c.isupper() for c in text)
        and (not any(c.isdigit() for c in text) or is_code_name(text))
        and not shouting
        and not (span.label_ in {"GPE", "LOC"} and len(text) <= 2)
        and "\n" not in text
        and span[-1].text not in words().non_actor_heads
        and "/" not in text
    )


def acronym_after(span: Span) -> str | None:
    """The acronym defined in parentheses right after a name: "National Intelligence Service (NIS)"."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        candidate = doc[span.end + 1].text
        if candidate.isupper() and 2 <= len(candidate) <= 8:
            return candidate
    return None


def names_a_thing(span: Span) -> bool:
    """A name that modifies a noun for a weapon, vehicle, product or programme ("the Chunmoo
    rocket launcher", "Willow chip", "the Homar-K system") names a thing, not an actor."""
    doc = span.doc
    if is_product_noun(span[-1]):
        return True
    after = span.end
    while after < len(doc) and doc[after].text in QUOTE_MARKS:
        after += 1  # the "Willow" chip
    following = doc[after] if after < len(doc) else None
    if following is not None and is_product_noun(following) and not following.is_title:
        return True
    root = span.root
    verb = root.head
    if verb.lemma_ in {"call", "name", "dub"} and verb.dep_ == "acl" and is_product_noun(verb.head):
        return True  # "a new chip called Willow"
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "the Blackwell and Rubin GPUs", "chips, the Blackwell and ..."
        if is_product_noun(root):
            return True
    return root.dep_ in {"compound", "nmod", "amod"} and is_product_noun(root.head)


QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}


def is_product_noun(token: Token) -> bool:
    """A noun for a weapon, vehicle or product, singular or plural ("chip", "GPUs")."""
    nouns = words().product_nouns
    word = token.lemma_.lower()
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


PLACE_LABELS = {"GPE", "LOC", "FAC"}


def initials(name: str) -> str:
    """The acronym of a name: the first letters of its capitalised words ("ICRC")."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def merge_short_forms(mentions: list[Span], actors: Mapping[str, Actor]) -> list[Span]:
    """A one-word name the registry lacks joins the one longer name of the article it is the
    first or last word of ("Glasner" and "Oliver Glasner", "Coupang" and "Coupang Inc."),
    or the initials of ("ICRC"), wherever in the article either comes; where two fit, none.
    A place's name is never a short form."""
    full: dict[str, tuple[list[str], str]] = {}
    for mention in mentions:
        actor = actors.get(mention.id_)
        name = actor.name if actor else mention.text
        words_of = name.replace("-", " ").split()
        if mention.id_ and len(words_of) >= 2:
            full.setdefault(mention.id_, (words_of, mention.label_))
    for mention in mentions:
        if not mention.id_ or mention.id_ in actors or len(mention) != 1 or named_so(mention):
            continue
        text = mention.text
        if text.isupper() and 2 <= len(text) <= 6:
            fits = {i for i, (w, _) in full.items() if initials(" ".join(w)) == text}
        elif mention.label_ in PLACE_LABELS:
            continue  # "Kyiv" is no short form of "Kyiv International Institute of Sociology"
        else:
            fits = {i for i, (w, _) in full.items() if text in (w[0], w[-1])}
        fits.discard(mention.id_)
        if len(fits) == 1:
            mention.id_ = fits.pop()
    return mentions


def named_so(mention: Span) -> bool:
    """A name the article gives as all it knows ("a volunteer named Justin"): no short form
    of a longer name that shares its word."""
    doc = mention.doc
    return mention.start > 0 and doc[mention.start - 1].lower_ in {"named", "called"}


JOINS = {"of", "of the", "for", "for the", "and"}
BODY_LABELS = {"ORG", "FAC", "GPE", "LOC"}


def join_split_names(entities: list[Span]) -> list[Span]:
    """One name where the model cut it at "of", "for" or "and": "the Kumsusan Palace" + "of
    the" + "Sun", "the Ministry of Science" + "and" + "ICT", "the Democratic Republic of the"
    + "Congo". Only bodies and places join, never a person's name."""
    if not entities:
        return entities
    doc = entities[0].doc
    out: list[Span] = []
    for ent in sorted(extend_person(entities), key=lambda e: e.start):
        if out and joinable(doc, out[-1], ent):
            left = out.pop()
            ent = Span(doc, left.start, ent.end, label=left.label_)
        out.append(ent)
    return out


def joinable(doc: Doc, left: Span, right: Span) -> bool:
    """Whether two neighbouring entities are the halves of one name."""
    if left.label_ not in BODY_LABELS or right.label_ not in BODY_LABELS | {"PERSON"}:
        return False
    between = doc[left.end : right.start].text.lower()
    if "\n" in doc[left.start : right.end].text:
        return False
    if not between:
        return left[-1].lower_ in {"of", "the", "and"}  # "the Democratic Republic of the" + "Congo"
    if between not in JOINS or not right[0].text[:1].isupper():
        return False
    if between == "and":
        # "the Ministry of Science" + "and" + "ICT"; never "Russia and Ukraine".
        return " of " in left.text and len(right) == 1 and left.label_ == "ORG"
    return left.label_ in {"ORG", "FAC"} and right.label_ != "PERSON" and len(right) <= 3


def is_code_name(text: str) -> bool:
    """A name of capitals and digits such as an armed group's ("M23") or a forum's ("G20")."""
    return bool(re.fullmatch(r"[A-Z]{1,3}\d{1,3}", text))


def extend_person(entities: list[Span]) -> list[Span]:
    """A person's name the model cut after the given name ("Gen Oleksandr" + "Syrskyi"): the
    next capitalised proper noun outside every entity joins it."""
    if not entities:
        return entities
    doc = entities[0].doc
    starts = {e.start for e in entities}
    out = []
    for ent in entities:
        end = ent.end
        given = [t for t in ent if not is_title(t.text) and t.text != "."]
        while (
            ent.label_ == "PERSON"
            and len(given) == 1  # a given name alone, perhaps after a rank
            and end < len(doc)
            and end not in starts
            and end - ent.start < 5
            and doc[end].pos_ == "PROPN"
            and doc[end].is_alpha
            and doc[end].text[:1].isupper()
            and doc[end].text[1:].islower()
            and not doc[end].is_sent_start
        ):
            end += 1
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_))
    return out

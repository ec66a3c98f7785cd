"""Who an actor is, in the article's own words: the apposition or title beside a name.

"Kremlin spokesman Dmitry Peskov", "Yang Moo-jin, president of the University of North
Korean Studies", "Ukraine's chief negotiator, Rustem Umerov", "Jane Doe, who heads the
agency": the description is a span of the text (its character offsets), never rewritten, so
a page can show it as a quotation and link to where it is said. Read from the parse alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .titles import credit_words, is_title, kinds_after

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Descriptions longer than this are clauses, not descriptions.
MAX_TOKENS = 14
# Determiners that may open a title before a name and are left out of it ("the spokesman").
OPENERS = {"the", "a", "an", "The", "A", "An"}
# Parts of speech a descriptive phrase is headed by.
HEADS = {"NOUN", "PROPN"}
# Parts of speech of the words of a title before a name ("48-year-old son").
NAME_WORDS = {"NOUN", "PROPN", "ADJ", "NUM"}
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof"}
HYPHENS = {"-", "\u2010", "\u2011", "\u2013"}
# Words a description never ends with.
DANGLING = {"of", "at", "in", "for", "the", "a", "an", "and", "with", "from", "to"}


def describe(span: Span) -> tuple[int, int] | None:
    """The character offsets of the words that say who the named actor is, if any."""
    for finder in (
        apposition_after,
        apposition_before,
        title_before,
        relative_after,
        comma_phrase_after,
        kind_after,
        lone_title_before,
        credit_before,
        called_before,
        predicate_after,
        role_as,
        owner_before,
        photo_credit,
    ):
        found = finder(span)
        if found is not None:
            start, end = found
            while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
                start += 1  # a closing quote before "Ukraine's defense minister, X"
            tokens = span.doc[start:end]
            # One word is enough where it is a title, a kind or a lower-case noun ("owner").
            shortest = 2 if finder is title_before and not tokens[0].is_lower else 1
            # An owner and the name ("South Korea's Defense Ministry") or a photo credit
            # ("REUTERS/Jane Roe/File Photo") may be all names.
            names_only = finder in (owner_before, photo_credit) and not quotes(tokens)
            fits = good(tokens) or names_only
            if shortest <= words(tokens) <= MAX_TOKENS and "\n" not in tokens.text and fits:
                return tokens.start_char, tokens.end_char
    return None


def good(tokens: Span) -> bool:
    """A description has a word that is not a name, or ends with a title ("U.S. President"),
    and quotes nothing."""
    if quotes(tokens) or tokens[-1].text in {"'s", "’s"}:
        return False
    doc = tokens.doc
    # Part of a hyphenated word ("far-right", "vice-president") is no whole description.
    if (tokens.start > 0 and doc[tokens.start - 1].text in HYPHENS) or (
        tokens.end < len(doc) and doc[tokens.end].text in HYPHENS
    ):
        return False
    words_only = [t for t in tokens if any(c.isalpha() for c in t.text)]
    return any(t.is_lower for t in words_only) or (
        bool(words_only) and is_title(words_only[-1].text)
    )


def quotes(tokens: Span) -> bool:
    """Whether the words hold a quotation mark."""
    return any(t.text in {'"', "“", "”"} for t in tokens)


def owner_before(span: Span) -> tuple[int, int] | None:
    """ "South Korea's Defense Ministry", "the ministry's Investigation Headquarters": whose
    body an organisation is, said by a named owner before it, with the name."""
    if span.label_ != "ORG":
        return None
    for child in span.root.lefts:
        if child.dep_ == "poss" and child.i < span.start and child.ent_type_:
            left = min(t.i for t in child.subtree)
            return _skip_opener(span, left), span.end
    return None


def photo_credit(span: Span) -> tuple[int, int] | None:
    """ "REUTERS/Jane Roe/File Photo": a news agency's credit names its photographer."""
    doc, start, end = span.doc, span.start, span.end
    agency = doc[start - 2] if start >= 2 and doc[start - 1].text == "/" else None
    if span.label_ != "PERSON" or agency is None or not (agency.is_upper and len(agency) > 1):
        return None
    if end + 1 < len(doc) and doc[end].text == "/":
        last = end + 1
        while last < min(len(doc), end + 4) and doc[last].is_title and not doc[last].is_punct:
            last += 1  # "/File Photo", "/Pool"
        end = last if last > end + 1 else end
    return start - 2, end


def _root(span: Span) -> Token:
    return span.root


def apposition_after(span: Span) -> tuple[int, int] | None:
    """ "Yang Moo-jin, president of the University of North Korean Studies," -> the apposition."""
    root = _root(span)
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            left = min(t.i for t in child.subtree)
            right = max(t.i for t in child.subtree) + 1
            # Right after the name's comma: an apposition the parse hung on the name from
            # further on ("Kerr County, where ... on Friday, the July Fourth holiday") is none.
            if left == span.end + 1 and span.doc[span.end].text == ",":
                return left, _strip(span, left, right)
    return None


def apposition_before(span: Span) -> tuple[int, int] | None:
    """ "Ukraine's chief negotiator, Rustem Umerov" -> the noun phrase the name stands beside."""
    root = _root(span)
    head = root.head
    start = span.start
    while start > 0 and is_title(span.doc[start - 1].text):
        start -= 1  # "the chief of staff, Lt Gen Eyal Zamir"
    if root.dep_ == "appos" and head.i < start and head.pos_ == "NOUN":
        # The head's words to its left, up to punctuation ("evident," Ukraine's minister).
        inside = {t.i for t in head.subtree}
        left = head.i
        while left - 1 in inside and (
            not span.doc[left - 1].is_punct or in_word(span.doc, left - 1)
        ):
            left -= 1
        if start >= 2 and span.doc[start - 1].text == ",":
            return _skip_opener(span, left), start - 1
    return None


def comma_phrase_after(span: Span) -> tuple[int, int] | None:
    """ "Merz, a committed Atlanticist who ..." where the parse missed the apposition: the
    phrase after the comma, up to the next punctuation, opened by an article or a lower-case
    word and holding a noun."""
    doc = span.doc
    first = span.end + 1
    if first >= len(doc) or doc[span.end].text != ",":
        return None
    opener = doc[first]
    if opener.lower_ in {"who", "whose"} and span.label_ == "PERSON":
        return relative_phrase(span, first)
    if not (
        opener.lower_ in {"a", "an", "the", "one"}
        or (opener.is_lower and opener.pos_ in {"ADJ", "NOUN"})
    ):
        return None
    end = first
    cut = None  # the first "and" past the head noun: a long phrase is cut there
    while (
        end < len(doc)
        and words(doc[first:end]) < MAX_TOKENS
        and (not doc[end].is_punct or in_word(doc, end))
    ):
        verb = doc[end].pos_ in {"VERB", "AUX"} and not in_word(doc, end - 1)
        if doc[end].lower_ in {"who", "which", "that"} or verb:  # "Burundi-based" goes on
            break
        if cut is None and doc[end].lower_ == "and" and end - first >= 2:
            cut = end
        end += 1
    # Too long, or stopped inside a clause: "a member of the Sejm and member of ..." -> "a
    # member of the Sejm".
    if cut is not None and (
        words(doc[first:end]) >= MAX_TOKENS or (end < len(doc) and not doc[end].is_punct)
    ):
        end = cut
    # Never half a word ("co-founder of Georgia-" before "based"), nor a dangling "of".
    while (
        end > first
        and end < len(doc)
        and not doc[end - 1].whitespace_
        and (doc[end].is_alpha or doc[end].text in HYPHENS)
    ):
        end -= 1
    while end > first and (doc[end - 1].text in HYPHENS or doc[end - 1].lower_ in DANGLING):
        end -= 1
    phrase = doc[first:end]
    if words(phrase) >= MAX_TOKENS or not any(t.pos_ == "NOUN" or is_title(t.text) for t in phrase):
        return None  # "an Africa Analyst for ..." has a title for its noun
    return first, end


def relative_phrase(span: Span, first: int) -> tuple[int, int] | None:
    """ ", whose son has been held for 682 days," where the parse missed the clause: the
    words up to the next punctuation."""
    doc = span.doc
    end = first + 1
    while (
        end < len(doc)
        and words(doc[first:end]) <= MAX_TOKENS
        and (not doc[end].is_punct or in_word(doc, end))
    ):
        end += 1
    if words(doc[first:end]) > MAX_TOKENS or end - first < 3:
        return None
    return first, end


def words(tokens: Span) -> int:
    """How many words a phrase has: "48-year-old" is one, its hyphens joining three."""
    doc = tokens.doc
    hyphens = sum(in_word(doc, t.i) for t in tokens)
    return len(tokens) - 2 * hyphens


def in_word(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ("vice-president", "Burundi-based"), not a dash between words."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
    )


def lone_title_before(span: Span) -> tuple[int, int] | None:
    """ "Governor Greg Abbott" -> "Governor": one title says little, but more than nothing
    (an honorific such as "Mr" says nothing)."""
    start = span.start
    if start == 0 or span.label_ != "PERSON":
        return None
    word = span.doc[start - 1].text
    if is_title(word) and word.rstrip(".") not in HONORIFICS:
        return start - 1, start
    return None


def title_before(span: Span) -> tuple[int, int] | None:
    """ "Kremlin spokesman Dmitry Peskov", "Russian President Vladimir Putin" -> the title."""
    doc = span.doc
    start = span.start
    if start == 0:
        return None
    edge = start
    if start >= 4 and doc[start - 1].text == ")" and doc[start - 3].text == "(":
        edge = start - 3  # "Chief Executive Officer (CEO) Son Jae-il"
    before = doc[edge - 1]
    if before.pos_ not in HEADS or before.is_punct or before.ent_type_ == "PERSON":
        return None
    left = edge - 1
    while left > 0 and left > edge - 7:
        previous = doc[left - 1]
        if previous.lower_ == "and" and left >= 2 and is_title(doc[left - 2].text):
            left -= 1  # "President and Chief Executive Officer"
            continue
        if (
            previous.lower_ == "of"
            and left >= 2
            and (is_title(doc[left - 2].text) or doc[left - 2].pos_ == "NOUN")
        ):
            left -= 1  # "Minister of Defence Mykhailo Fedorov", "chief of staff Kang"
            continue
        if in_word(doc, left - 1) and left >= 2:
            left -= 2  # "Ex-Newcastle striker", "48-year-old son": the whole word
            if doc[left].is_sent_start:
                break
            continue
        if previous.is_punct or previous.is_space or previous.pos_ not in NAME_WORDS:
            break
        if previous.is_sent_start:
            left -= 1
            break
        left -= 1
    if left == edge - 1 and not before.is_lower:
        return None  # a lone "President" says too little
    return left, start


def relative_after(span: Span) -> tuple[int, int] | None:
    """ "Jane Doe, who heads the agency," or ", whose son ..." -> the relative clause."""
    root = _root(span)
    for child in root.rights:
        if child.dep_ == "relcl" and span.end < len(span.doc) and span.doc[span.end].text == ",":
            words = sorted(child.subtree, key=lambda t: t.i)
            # "which" only of what is no person: "the plant, which supplies the east,".
            relative = {"who", "whose"} if span.label_ == "PERSON" else {"who", "whose", "which"}
            if words and words[0].lower_ in relative:
                return words[0].i, _strip(span, words[0].i, words[-1].i + 1)
    return None


def predicate_after(span: Span) -> tuple[int, int] | None:
    """ "Hanwha-WB is a joint venture between ..." -> what the name is said to be; "X was in
    charge of the club" -> what X headed."""
    root = _root(span)
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < span.end:
        return None
    for child in verb.rights:
        charge = [c for c in child.children if c.dep_ == "pobj" and c.lower_ == "charge"]
        if child.lower_ == "in" and charge and child.i == verb.i + 1:
            # "X has been in charge of the club": what X heads, the words of the phrase.
            return child.i, max(t.i for t in charge[0].subtree) + 1
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            left = min(t.i for t in child.subtree)
            right = max(t.i for t in child.subtree) + 1
            if left == verb.i + 1 and span.doc[left].lower_ in {"a", "an", "the"}:
                # Up to the first comma: what follows describes another name ("a joint
                # venture between A and B, an affiliate of C, ...").
                comma = next((t.i for t in span.doc[left:right] if t.text == ","), right)
                return left, _strip(span, left, comma)
    return None


def role_as(span: Span) -> tuple[int, int] | None:
    """ "Jane Roe resigned as club manager" -> the role after "as"."""
    root = _root(span)
    if root.dep_ not in {"nsubj", "nsubjpass"} or span.label_ != "PERSON":
        return None
    for child in root.head.rights:
        if child.lower_ == "as" and child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects:
                role = objects[0]
                left = min(t.i for t in role.subtree)
                # "as chief of staff", but not "as manager in March".
                right = max(
                    [role.i]
                    + [max(t.i for t in c.subtree) for c in role.rights if c.lower_ == "of"]
                )
                return left, _strip(span, left, right + 1)
    return None


def called_before(span: Span) -> tuple[int, int] | None:
    """ "a rescue volunteer named Tim", "a unit called the Storm Corps", "a man who called
    himself Oleg" -> the noun phrase the name is given to."""
    root = _root(span)
    verb = root.head
    if verb.lemma_ not in {"call", "name", "dub"} or verb.i >= span.start:
        return None
    # "a woman who called herself Svetlana": the name she gave herself, in a relative clause.
    reflexive = any(
        c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in verb.children
    )
    if not (verb.dep_ == "acl" or (verb.dep_ == "relcl" and reflexive)):
        return None
    noun = verb.head
    left = min(t.i for t in noun.subtree)
    if noun.i >= verb.i or noun.pos_ != "NOUN":
        return None
    return _skip_opener(span, left), noun.i + 1


def kind_after(span: Span) -> tuple[int, int] | None:
    """ "the M23 rebel group", "Tusk's Civic Platform party", "in South Kivu province", "the
    Institute for Security Studies (ISS) think-tank": the lower-case words after a name (and
    its acronym) that end in a noun for its kind."""
    doc = span.doc
    first = span.end
    if first + 2 < len(doc) and doc[first].text == "(" and doc[first + 2].text == ")":
        first += 3  # past the acronym
    end = first
    while end < len(doc) and end - first < 5 and doc[end].is_lower:
        last = end
        while last + 2 < len(doc) and in_word(doc, last + 1):
            last += 2  # a hyphenated word ("think-tank") is one word
        word = doc[end : last + 1].text.lower()
        if word in kinds_after():
            return first, last + 1
        if last == end and doc[end].pos_ not in {"NOUN", "ADJ"}:
            return None
        end = last + 1
    return None


def credit_before(span: Span) -> tuple[int, int] | None:
    """ "Reporting by Jane Roe", "Editing by Ann Lee, Tom Poe and Jane Roe": the credit."""
    doc = span.doc
    i = span.start - 1
    while i > 0 and (doc[i].text in {",", "and"} or doc[i].ent_type_ == "PERSON"):
        i -= 1
    if i >= 1 and doc[i].lower_ == "by" and doc[i - 1].text.capitalize() in credit_words():
        return i - 1, i + 1
    return None


def _skip_opener(span: Span, left: int) -> int:
    return left + 1 if span.doc[left].text in OPENERS else left


def _strip(span: Span, left: int, right: int) -> int:
    """The end of a phrase without trailing punctuation."""
    doc = span.doc
    while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    return right

"""Repairs for parses that hang an attribution or a statement in the wrong place."""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from ..indexes import MentionIndex, SentenceIndex
from .found import _Found
from .grammar import RELATIVE_PRONOUNS, TIME_LABELS
from .vocabulary import Cues


def _fronted_cut(according: Token, obj: Token, end: int) -> int | None:
    """The last token of a fronted "According to X, S" source: X ends at its first comma.

    The parser often runs X on into the statement ("According to Reuters, South Korea,
    the U.S. and Japan are ..." as a coordination, "According to Lee, the discrepancy
    between ..." as an apposition). A closed apposition ("According to Kim Yo-jong, the
    leader's sister, the drills ...") stays. None when there is nothing to cut.
    """
    doc = obj.doc
    if according.head.i < according.i:
        return None  # "S, according to X": X runs to its end
    for k in range(obj.i + 1, end + 1):
        if doc[k].text != ",":
            continue
        appos = [c for c in obj.rights if c.dep_ == "appos" and c.i > k]
        if appos and _closed_apposition(appos[0], k, end):
            return None
        last = k - 1
        while last > obj.i and doc[last].is_space:
            last -= 1
        return last
    return None


def _closed_apposition(appos: Token, comma: int, end: int) -> bool:
    """Whether ``appos`` sits between the comma at ``comma`` and another comma, whole."""
    doc = appos.doc
    idx = [t.i for t in appos.subtree]
    lo, hi = min(idx), max(idx)
    if lo != comma + 1 or hi + 1 > end + 1 or hi + 1 >= len(doc):
        return False
    return doc[hi + 1].text == "," and doc[hi].dep_ != "cc"


def _dangling_coordination(end: int, hi: int, doc: Doc) -> int:
    """Extend a source phrase over "and B" the parser attached elsewhere.

    "according to Rep. Lee of the ruling party and Rep. Park of the opposition": the
    second conjunct runs to the next comma or the end of the sentence, unless a finite
    verb shows that a clause starts there.
    """
    k = end + 1
    if k > hi or doc[k].dep_ != "cc" or doc[k].lower_ not in {"and", "or"}:
        return end
    last = end
    for j in range(k + 1, hi + 1):
        token = doc[j]
        if token.text in {",", ";", ":", "—", "–"} or token.is_sent_end:
            break
        if token.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
            return end
        if not (token.is_punct or token.is_space):
            last = j
    return last


def _according_fallback(doc: Doc, matcher: Matcher, done: set[int]) -> list[tuple[Token, Token]]:
    """Pairs for "according to X" the dependency pattern missed: X is the phrase after "to"."""
    pairs: list[tuple[Token, Token]] = []
    for _, begin, stop in matcher(doc):
        according = doc[begin]
        if according.i in done:
            continue
        to = doc[stop - 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if objs:
            pairs.append((according, objs[0]))
            continue
        k = stop
        while k < len(doc) and not (doc[k].is_punct or doc[k].is_space or doc[k].pos_ == "VERB"):
            k += 1
        if k == stop:
            continue
        region = range(stop, k)
        roots = [doc[j] for j in region if doc[j].head.i not in region or doc[j].head.i == j]
        if roots:
            pairs.append((according, roots[-1]))
    return pairs


def _trailing_source_pairs(
    doc: Doc, mentions: MentionIndex, done: set[int], cues: Cues
) -> list[tuple[Token, Token]]:
    """Pairs for "..., by Premier Pak Thae Song, the Korean Central News Agency said." where
    the parser hung the source on the statement's last name (an apposition) and left the
    cue without a subject: a cue verb that ends its sentence, right after a name (a
    mention) that follows a comma. The name's head word is the subject."""
    pairs: list[tuple[Token, Token]] = []
    for cue in doc[2:]:
        if cue.i in done or cue.pos_ != "VERB" or cue.lemma_.lower() not in cues.cues:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
            continue
        after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
        if after is not None and not (after.is_sent_end and after.is_punct):
            continue
        if not mentions.is_source_mention(doc[cue.i - 1]):
            continue
        mention = mentions.get(doc[cue.i - 1])
        first = cue.i - 1
        while first > 0 and mentions.get(doc[first - 1]) is mention:
            first -= 1
        if first > 0 and doc[first - 1].lower_ == "the":
            first -= 1
        if first == 0 or doc[first - 1].text != ",":
            continue
        name = doc[first : cue.i]
        pairs.append((cue, name.root))
    return pairs


#: Marks that end a source phrase set after its cue: "S, estimated X – a number ...".
_PHRASE_ENDS = frozenset({"–", "—", ";", ":", "(", ","})
#: Penn tags of a finite verb: where one follows the cue, a clause starts, not a name.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def inverted_pairs(
    doc: Doc, sents: SentenceIndex, mentions: MentionIndex, done: set[int], cues: Cues
) -> list[tuple[Token, int, int, int]]:
    """ "S, reported adviser X." / "S, estimated Ukraine's General Staff – ...": the speaker
    after a cue set after the statement, which the parser reads as the cue's object or takes
    the cue for an adjective. Each as (cue, end of the statement, phrase start, phrase end)."""
    found: list[tuple[Token, int, int, int]] = []
    for cue in doc[2:]:
        if cue.i in done or cue.lemma_.lower() not in cues.speech_cues:
            continue
        if cue.tag_ not in {"VBD", "VBZ", "VBN"}:
            continue
        before = doc[cue.i - 1]
        # "S, reported X" or "“S,” said X"
        if before.text != "," and not (before.is_quote and doc[cue.i - 2].text == ","):
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
            continue
        index = sents.of(cue)
        if index is None:
            continue
        lo, hi = sents.bounds(index)
        end = cue.i
        for k in range(cue.i + 1, hi + 1):
            token = doc[k]
            if token.text in _PHRASE_ENDS or token.tag_ in _FINITE or token.is_sent_end:
                break
            if not (token.is_punct or token.is_space):
                end = k
        if end == cue.i or not _phrase_names(doc, cue.i + 1, end, mentions):
            continue
        if cue.i - 1 - lo < 3:
            continue  # too short to be a statement
        found.append((cue, cue.i - 2, cue.i + 1, end))
    return found


def _phrase_names(doc: Doc, start: int, end: int, mentions: MentionIndex) -> bool:
    """Whether the words from ``start`` to ``end`` name a source: a name, headed by a name
    ("Ukraine's General Staff"), not a time ("Monday")."""
    root = doc[start : end + 1].root
    if root.ent_type_ in TIME_LABELS or root.pos_ not in {"PROPN", "NOUN"}:
        return False
    return any(mentions.is_source_mention(doc[k]) for k in range(start, end + 1))


def with_stray_parts(cue: Token, subject: Token, content: list[int], lo: int, hi: int) -> list[int]:
    """What the parser hung elsewhere but continues the statement: an apposition it gave the
    subject or the cue after the statement ("The company says S, a key step ..."), and a
    clause right after an object the cue leaves bare ("vowing crews “will not stop ...”")."""
    if not content:
        return content
    doc = cue.doc
    words = [i for i in content if not (doc[i].is_punct or doc[i].is_space)]
    if not words:
        return content
    last = max(words)
    k = last + 1  # the next word after the statement
    while k <= hi and (doc[k].is_punct or doc[k].is_space):
        k += 1
    out = list(content)
    # ", a key step toward ...", hung on the subject or the cue
    for appos in (*subject.children, *cue.children):
        if appos.dep_ not in {"appos", "dep", "conj"} or appos.pos_ != "NOUN":
            continue
        if appos.i > last and _first_word(appos) == k:
            out += [t.i for t in appos.subtree if t.i <= hi]
    if k > hi or any(doc[i].pos_ in {"VERB", "AUX"} for i in content):
        return out
    clause = doc[k]
    while clause.head.i != clause.i and _first_word(clause.head) == k:
        clause = clause.head  # from the clause's first word up to its verb
    if (
        clause.dep_ == "ccomp"
        and _first_word(clause) == k
        and cue.i in {t.i for t in clause.head.subtree}
        and clause.head.i not in content
    ):
        out += [t.i for t in clause.subtree if lo <= t.i <= hi]
    return out


def _first_word(token: Token) -> int:
    """The index of the first word (not punctuation) of ``token``'s subtree."""
    return min((t.i for t in token.subtree if not (t.is_punct or t.is_space)), default=token.i)


def with_gapped_noun(cue: Token, content: list[int], lo: int) -> list[int]:
    """ "an offensive X says is backed by Y": the clause X reports lacks its subject, the noun
    the relative clause hangs on; the statement is that noun and the clause."""
    if cue.dep_ != "relcl" or cue.head.pos_ != "NOUN":
        return content
    if any(c.lower_ in RELATIVE_PRONOUNS for c in cue.children):
        return content
    noun = cue.head
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    if not ccomps:
        # "relationships he claims suffered": parsed as the subject of "suffered" with the
        # cue as its relative clause; the statement is the noun's clause.
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.i > cue.i and verb.pos_ in {"VERB", "AUX"}:
            return [t.i for t in verb.subtree if t.i >= max(lo, noun.left_edge.i)]
        return content
    if any(g.dep_ in {"nsubj", "nsubjpass"} for g in ccomps[0].children):
        return content
    return [*range(max(lo, noun.left_edge.i), noun.i + 1), *content]


def inverted_claims(
    doc: Doc, sents: SentenceIndex, mentions: MentionIndex, cues: Cues, done: set[int]
) -> list[_Found]:
    """ "S, reported adviser X.": the statement is what precedes the cue."""
    found = []
    for cue, last, start, end in inverted_pairs(doc, sents, mentions, done, cues):
        index = sents.of(cue)
        if index is None:  # pragma: no cover - inverted_pairs keeps sentence tokens only
            continue
        lo = sents.bounds(index)[0]
        phrase = doc[start : end + 1]
        found.append(
            _Found(
                sentence=index,
                statement=list(range(lo, last + 1)),
                source_head=phrase.root,
                source_bounds=(start, end),
                cue=cue.text,
                attribution=(cue.i, end),
                kind="verb",
                cue_token=cue,
            )
        )
    return found


def aside_speaker(verb: Token, participle: Token, subject: Token) -> Token | None:
    """Who says what ", saying S" reports: the subject of the verb it hangs on, or, where the
    parser hung it on a verb inside a relative or reported clause ("X challenged the claim
    that Y solved it, saying S"), the subject of the sentence's main verb (None if it has
    none)."""
    before = participle.doc[participle.i - 1] if participle.i else None
    if before is None or before.text != "," or verb.dep_ not in {"relcl", "acl", "ccomp"}:
        return subject
    main = verb
    while main.head.i != main.i:
        main = main.head
        if main.pos_ in {"VERB", "AUX"} and main.dep_ not in {"relcl", "acl", "ccomp"}:
            break  # the clause the embedded one hangs in
    subjects = [c for c in main.children if c.dep_ == "nsubj" and c.i < participle.i]
    return subjects[0] if main.i < participle.i and subjects else None

"""Attributed statements: who says what, through which cue, citing whom.

Everything here reads spaCy's dependency parse; the cues are found with a
``DependencyMatcher`` (and a token ``Matcher`` as a fallback for "according to"
phrases the parser attached oddly). Sources are resolved only through the
article's entity mentions: the actor of the mention that is, heads, or modifies
the attribution phrase. No regular expressions run over the raw text.

Handled shapes (``S`` is the statement, ``X`` the attribution phrase):

* "According to X, S" / "S, according to X" (cue "according to");
* "X said/told Y/believes/praised/... S", with ``S`` the ccomp/xcomp clause, or
  the object for cues such as "praised" and "denied";
* reversed attribution "S, X said Wednesday" (the ccomp precedes the cue);
* quotations "“S,” X said" and "X said: “S”";
* chains "..., according to X, citing Y" and "X, citing Y, said S" (``via``);
* evidence phrasing "X's assessments show S";
* relative clauses "..., a deployment X believes could happen soon";
* participles "X defended ..., saying S" (the clause's subject says S) and asides
  "S, X reported, with Y saying S2" (Y's own claim, kept out of X's statement).

Rules on top of the shapes:

* "he/she said" and a bare definite title ("the president/minister/official said")
  take the actor of the last person mention that was a main-clause subject or a source
  in the same or the previous paragraph, else of the last person mention there; no
  such mention, no source. "She" never takes a person the registry refers to as "he"
  (nor the reverse). ``source_text`` stays as written ("he").
* A bare definite body ("the agency/ministry said") takes the last organisation named
  before it whose name has that word ("Korean Central News Agency"), else no source.
* First-person cues inside a quotation ("I think") are the quote's speaker's, not claims.
* A quotation spanning sentences is one statement: “S1. S2,” X said.
* A fronted "According to X, S" ends X at its first comma (unless a closed apposition
  follows); a trailing "according to A and B" covers the whole coordination; either way
  the source is the first conjunct's actor. News agencies are sources like any actor.
* A dateline opening the statement ("SEOUL —", "(CNN) —") is not part of it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..model import Actor, Claim, Mention, Sentence

__all__ = [
    "MentionIndex",
    "SentenceIndex",
    "extract_claims",
    "phrase_bounds",
    "resolve_actor",
]

# --- vocabularies -----------------------------------------------------------------------------

#: Speech and cognition verbs whose subject is the source of what follows.
CUE_LEMMAS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "report",
        "claim",
        "acknowledge",
        "admit",
        "believe",
        "praise",
        "warn",
        "add",
        "note",
        "state",
        "announce",
        "confirm",
        "deny",
        "insist",
        "accuse",
        "vow",
        "pledge",
        "write",
        "allege",
        "assert",
        "argue",
        "reveal",
        "disclose",
        "estimate",
        "predict",
        "stress",
        "promise",
        "suggest",
        "think",
        "conclude",
        "assess",
        "condemn",
        "criticize",
        "criticise",
    }
)


def inflections(base: str) -> set[str]:
    """The regular forms of an English verb: "warn" -> warn, warns, warned, warning."""
    forms = {base}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in set("aeiou"):
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in set("aeiou"):
        forms |= {base[:-1] + "ied", base + "ing"}
    elif base in _DOUBLING:
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
    return forms | _IRREGULAR.get(base, set())


_DOUBLING = frozenset({"admit", "commit", "regret", "submit", "top", "drop"})
_IRREGULAR: dict[str, set[str]] = {
    "say": {"said"},
    "tell": {"told"},
    "write": {"wrote", "written"},
    "think": {"thought"},
    "show": {"shown"},
    "rise": {"rose", "risen"},
    "stand": {"stood"},
    "fall": {"fell", "fallen"},
    "grow": {"grew", "grown"},
    "shrink": {"shrank", "shrunk"},
}


def form_table(lemmas: Iterable[str]) -> dict[str, str]:
    """Every surface form of ``lemmas`` mapped to its lemma (no lemmatizer needed)."""
    table: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in inflections(lemma):
            table.setdefault(form, lemma)
    return table


def verb_lemma(token: Token, table: dict[str, str]) -> str:
    """The lemma of a verb: from ``table`` by its form, else the lemmatizer's, if it ran."""
    return table.get(token.lower_) or token.lemma_.lower() or token.lower_


#: Verbs that attribute only when their subject is evidence ("assessments show").
EVIDENCE_LEMMAS: frozenset[str] = frozenset({"show", "indicate", "suggest", "reveal"})

#: Cues whose object (not only a clause) is the reported content.
OBJECT_CUES: frozenset[str] = frozenset(
    {
        "praise",
        "accuse",
        "deny",
        "confirm",
        "announce",
        "acknowledge",
        "admit",
        "report",
        "warn",
        "pledge",
        "vow",
        "promise",
        "reveal",
        "disclose",
        "estimate",
        "allege",
        "claim",
        "condemn",
        "criticize",
        "criticise",
        "predict",
    }
)

CUE_FORMS: dict[str, str] = form_table(CUE_LEMMAS | EVIDENCE_LEMMAS)

#: Nouns that can carry a statement: media, officials, assessments...
SOURCE_NOUNS: frozenset[str] = frozenset(
    {
        "assessment",
        "assessments",
        "estimate",
        "estimates",
        "intelligence",
        "official",
        "officials",
        "source",
        "sources",
        "report",
        "reports",
        "media",
        "medium",
        "agency",
        "agencies",
        "analyst",
        "analysts",
        "data",
        "statement",
        "statements",
        "ministry",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "government",
        "military",
        "army",
        "service",
        "office",
        "outlet",
        "newspaper",
        "broadcaster",
        "expert",
        "experts",
        "observer",
        "observers",
        "diplomat",
        "diplomats",
        "lawmaker",
        "lawmakers",
        "minister",
        "president",
        "leader",
        "envoy",
        "ambassador",
        "commander",
        "general",
        "officer",
        "secretary",
        "chief",
        "adviser",
        "advisor",
        "aide",
        "authority",
        "authorities",
        "figures",
        "survey",
        "study",
        "researcher",
        "researchers",
        "monitor",
        "committee",
        "council",
        "command",
        "staff",
        "police",
        "prosecutor",
        "prosecutors",
        "tank",
    }
)

#: Subjects that make "show/indicate" an attribution ("estimates show ...").
EVIDENCE_NOUNS: frozenset[str] = frozenset(
    {
        "assessment",
        "assessments",
        "estimate",
        "estimates",
        "intelligence",
        "data",
        "report",
        "reports",
        "figure",
        "figures",
        "survey",
        "surveys",
        "study",
        "studies",
        "analysis",
        "analyses",
        "image",
        "images",
        "imagery",
        "record",
        "records",
        "document",
        "documents",
    }
)

PERSONAL_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "it"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
EMPTY_OBJECTS: frozenset[str] = frozenset(
    {"nothing", "something", "anything", "it", "this", "that", "so", "little", "much"}
)

#: Subjects that stand for a person named before ("he said"): resolved by salience.
ANAPHORIC_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
#: "the agency said": a body named before whose name has the word.
BODY_NOUNS: frozenset[str] = frozenset(
    {
        "agency",
        "ministry",
        "office",
        "service",
        "committee",
        "commission",
        "council",
        "command",
        "department",
        "newspaper",
    }
)
#: Title nouns that, as a bare definite subject ("the president said"), do the same.
TITLE_NOUNS: frozenset[str] = frozenset(
    {
        "president",
        "minister",
        "leader",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "official",
        "ambassador",
        "envoy",
        "chairman",
    }
)
#: Speakers of a quotation talking about themselves ("I think", "we say"): not sources.
FIRST_PERSON: frozenset[str] = frozenset({"i", "we"})
#: Heads of "with X saying ..." and of participles attached to a clause ("..., saying ...").
_WITH = frozenset({"with"})
_PARTICIPLE_DEPS = ["advcl", "xcomp", "conj"]

_OPEN_QUOTES = frozenset({"“", "«", "„"})
_CLOSE_QUOTES = frozenset({"”", "»"})
_PLAIN_QUOTES = frozenset({'"'})

#: Entity labels a mention may carry to count as a source without a resolved actor.
SOURCE_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
TIME_LABELS: frozenset[str] = frozenset({"DATE", "TIME"})

#: How close a modifier is to the head of a phrase, for picking the phrase's actor.
_DEP_RANK: dict[str, int] = {
    "compound": 1,
    "flat": 1,
    "amod": 2,
    "nmod": 2,
    "appos": 2,
    "poss": 3,
    "case": 3,
}
_LEFT_KEEP = frozenset({"det", "poss", "compound", "amod", "nummod", "predet", "quantmod"})
_RIGHT_KEEP = frozenset({"case", "cc", "conj", "appos"})
_RIGHT_PREPS = frozenset({"of", "in", "at", "from", "for"})
_CONTENT_PREP_SKIP = frozenset({"according"})
_TOPIC_PREPS = frozenset({"of", "about", "against"})
_KEEP_PUNCT = frozenset({"%", "$", "€", "£", "¥", "₩", "₽"})


# --- indexes shared with figures.py -----------------------------------------------------------


class SentenceIndex:
    """Map tokens of ``doc`` to the sentence (of the given tuple) that contains them."""

    def __init__(self, doc: Doc, sentences: Sequence[Sentence]) -> None:
        self.doc = doc
        self.sentences = tuple(sentences)
        self._starts = [s.start for s in self.sentences]
        self._bounds: dict[int, tuple[int, int]] = {}

    def of_char(self, char: int) -> int | None:
        """The index of the sentence containing character ``char``, or None."""
        pos = bisect_right(self._starts, char) - 1
        if pos < 0:
            return None
        sent = self.sentences[pos]
        return pos if sent.start <= char < sent.end else None

    def of(self, token: Token) -> int | None:
        """The index of the sentence containing ``token``, or None (whitespace between)."""
        if token.is_space:
            return None
        return self.of_char(token.idx)

    def tokens(self, index: int) -> list[Token]:
        """The tokens of sentence ``index`` (without whitespace tokens)."""
        sent = self.sentences[index]
        span = self.doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand never fails on valid offsets
            return []
        return [t for t in span if not t.is_space and self.of(t) == index]

    def bounds(self, index: int) -> tuple[int, int]:
        """First and last token index of sentence ``index`` (inclusive)."""
        if index not in self._bounds:
            toks = self.tokens(index)
            self._bounds[index] = (toks[0].i, toks[-1].i) if toks else (0, -1)
        return self._bounds[index]


class MentionIndex:
    """The mention (if any) each token belongs to."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:  # pragma: no cover
                continue
            for token in span:
                if token.is_space:
                    continue
                # "’s" glued to a mention by the tokenizer is not part of it.
                if token.idx >= mention.end or token.idx + len(token.text) <= mention.start:
                    continue
                self.by_token.setdefault(token.i, mention)

    def get(self, token: Token) -> Mention | None:
        """The mention ``token`` belongs to."""
        return self.by_token.get(token.i)

    def is_source_mention(self, token: Token) -> bool:
        """Whether ``token`` lies in a mention that can be a source (an actor or a name)."""
        mention = self.get(token)
        if mention is None:
            return False
        return mention.actor is not None or mention.label in SOURCE_LABELS


# --- phrases ----------------------------------------------------------------------------------


def _subtree_bounds(token: Token, lo: int, hi: int) -> tuple[int, int]:
    idx = [t.i for t in token.subtree if lo <= t.i <= hi]
    if not idx:
        return (token.i, token.i)
    return (min(idx), max(idx))


def phrase_bounds(head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Token bounds (inclusive) of the noun phrase headed by ``head``, clipped to [lo, hi].

    Keeps determiners, possessors, compounds and adjectives contiguous to the left
    ("both countries’ state media", "Russia’s state-run Tass news agency") and
    "of/in/at/from" phrases, appositions and coordinations to the right; stops at
    anything else (so "a deployment South Korean intelligence" gives "South Korean
    intelligence").
    """
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ == "punct" and child.tag_ == "HYPH" and child.i == start - 1:
            start = child.i  # "Kim Yo-jong"
            continue
        # A name modifying the head is kept ("US and South Korean officials"), a common
        # noun is not ("a deployment South Korean intelligence").
        named = child.dep_ == "nmod" and (child.pos_ == "PROPN" or bool(child.ent_type_))
        if child.dep_ not in _LEFT_KEEP and not named:
            break
        c_lo, c_hi = _subtree_bounds(child, lo, hi)
        if c_hi < start - 1 or c_lo < lo:
            break
        start = c_lo
    end = head.i
    for child in head.rights:
        keep = child.dep_ in _RIGHT_KEEP or (child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS)
        if child.dep_ == "punct":
            continue
        if not keep:
            break
        c_lo, c_hi = _subtree_bounds(child, lo, hi)
        doc = head.doc
        gap = [doc[k] for k in range(end + 1, c_lo)]
        if any(not (t.is_punct or t.is_space) for t in gap) or c_hi > hi:
            break
        end = c_hi
    doc = head.doc
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].dep_ == "cc"):
        end -= 1  # "... of the ruling party and" (a coordination the parser left dangling)
    opened = sum(doc[k].text == "(" for k in range(start, end + 1))
    closed = sum(doc[k].text == ")" for k in range(start, end + 1))
    if opened > closed and end + 1 <= hi and doc[end + 1].text == ")":
        end += 1  # "National Intelligence Service (NIS)"
    return (start, end)


def _path_rank(token: Token, head: Token) -> int | None:
    rank = 0
    current = token
    while current.i != head.i:
        if current.dep_ == "conj":
            return None
        rank = max(rank, _DEP_RANK.get(current.dep_, 4))
        if current.head.i == current.i:
            return None
        current = current.head
    return rank


def resolve_actor(
    head: Token, start: int, end: int, mentions: MentionIndex, first_conjunct: bool = False
) -> str | None:
    """The actor of the phrase ``doc[start:end+1]`` headed by ``head``.

    The mention covering the head wins, then mentions in compounds ("Tass news
    agency"), then adjectives and appositions (demonyms: "South Korean
    assessments"), then possessors ("South Korea’s spy agency"), then anything else
    in the phrase ("officials in Seoul"). The best-placed name decides even when it
    is unresolved (then there is no actor): "Russia’s Tass" is never Russia. Coordinated
    heads naming different actors ("Kim and Putin") have no single actor, unless
    ``first_conjunct`` (for "according to A and B") asks for the first one's.
    """
    conjuncts = [c for c in head.children if c.dep_ == "conj" and start <= c.i <= end]
    actor = _resolve_one(head, start, end, mentions)
    if first_conjunct:
        return actor
    for conj in conjuncts:
        other = _resolve_one(conj, start, end, mentions)
        if other != actor:
            return None
    return actor


def _resolve_one(head: Token, start: int, end: int, mentions: MentionIndex) -> str | None:
    best: tuple[int, int, str | None] | None = None
    for token in head.subtree:
        if not start <= token.i <= end or not mentions.is_source_mention(token):
            continue
        mention = mentions.get(token)
        rank = _path_rank(token, head)
        if mention is None or rank is None:
            continue
        key = (rank, abs(head.i - token.i), mention.actor)
        if best is None or key[:2] < best[:2]:
            best = key
    # An unresolved name nearer the head wins too: "Kim's sister, Kim Yo-jong" is not Kim.
    return best[2] if best else None


def _words(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def _has_mention(start: int, end: int, doc: Doc, mentions: MentionIndex) -> bool:
    return any(mentions.is_source_mention(doc[k]) for k in range(start, end + 1))


def _qualified_source(head: Token, start: int, end: int, mentions: MentionIndex) -> bool:
    """An "according to" object: an actor mention, or a source noun qualified by one."""
    if mentions.is_source_mention(head):
        return True  # "according to Yonhap"
    # "according to South Korean assessments", "according to Russia’s Tass news agency"
    return bool(_words(head) & SOURCE_NOUNS) and _has_mention(start, end, head.doc, mentions)


def _plausible_subject(head: Token, start: int, end: int, mentions: MentionIndex) -> bool:
    """A speaker: a mention, a source noun, a personal pronoun or a proper noun."""
    if _has_mention(start, end, head.doc, mentions):
        return True
    if _words(head) & SOURCE_NOUNS:
        return True
    if head.pos_ == "PRON":
        return head.lower_ in PERSONAL_PRONOUNS
    return head.pos_ == "PROPN"


# --- spans ------------------------------------------------------------------------------------


def _trimmable(token: Token, leading: bool) -> bool:
    if token.is_space:
        return True
    if token.is_punct and token.text not in _KEEP_PUNCT:
        return True
    return leading and token.dep_ in {"mark", "cc"} and token.lower_ in {"that", "and", "but"}


def _char_span(doc: Doc, indices: Iterable[int]) -> tuple[int, int] | None:
    """Character bounds of the tokens from the first to the last of ``indices``, trimmed."""
    idx = sorted(set(indices))
    while idx and _trimmable(doc[idx[0]], leading=True):
        idx.pop(0)
    while idx and _trimmable(doc[idx[-1]], leading=False):
        idx.pop()
    if not idx:
        return None
    i0, i1 = idx[0], idx[-1]
    words = [doc[k] for k in range(i0, i1 + 1) if not (doc[k].is_punct or doc[k].is_space)]
    if len(words) < 2:
        return None
    return (doc[i0].idx, doc[i1].idx + len(doc[i1].text))


_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
_DATELINE_LABELS = frozenset({"GPE", "LOC", "ORG", "DATE", "NORP"})


def _without_dateline(doc: Doc, indices: Sequence[int]) -> list[int]:
    """A statement without the dateline it opens with: "SEOUL — S", "(CNN) — S",
    "SEOUL, Oct. 29 (Yonhap) -- S". A dateline has a place in capitals or an agency in
    parentheses, so "Russia - and China - will ..." keeps its subject."""
    idx = sorted(indices)
    for pos, k in enumerate(idx[:12]):
        token = doc[k]
        if (
            token.text in _DATELINE_DASHES
            and token.whitespace_
            and k > 0
            and doc[k - 1].whitespace_
        ):
            marked = any(
                doc[j].text == "(" or (doc[j].is_upper and len(doc[j].text) > 1) for j in idx[:pos]
            )
            return idx[pos + 1 :] if pos and marked else idx
        if not (
            token.is_punct
            or token.is_space
            or token.like_num
            or token.pos_ == "PROPN"
            or token.is_upper
            or token.ent_type_ in _DATELINE_LABELS
        ):
            return idx
    return idx


def _in(token: Token, lo: int, hi: int) -> bool:
    return lo <= token.i <= hi


def _clipped_subtree(token: Token, lo: int, hi: int) -> list[int]:
    return [t.i for t in token.subtree if lo <= t.i <= hi]


# --- matchers ---------------------------------------------------------------------------------

_MATCHERS: dict[int, tuple[Vocab, DependencyMatcher, Matcher]] = {}


def _matchers(vocab: Vocab) -> tuple[DependencyMatcher, Matcher]:
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1], cached[2]
    dep = DependencyMatcher(vocab)
    # Forms, not lemmas: the production pipeline runs without the lemmatizer.
    cue_attrs = {"LOWER": {"IN": sorted(CUE_FORMS)}, "POS": "VERB"}
    dep.add(
        "CUE",
        [
            [
                {"RIGHT_ID": "cue", "RIGHT_ATTRS": cue_attrs},
                {
                    "LEFT_ID": "cue",
                    "REL_OP": ">",
                    "RIGHT_ID": "subject",
                    "RIGHT_ATTRS": {"DEP": "nsubj"},
                },
            ]
        ],
    )
    # "Pyongyang defended the visit, saying ...": the participle's speaker is the clause's
    # subject (a participle with a subject of its own, "with X saying", is a CUE match).
    participles = sorted(
        form for form, lemma in CUE_FORMS.items() if form.endswith("ing") and lemma in CUE_LEMMAS
    )
    dep.add(
        "PARTICIPLE",
        [
            [
                {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
                {
                    "LEFT_ID": "verb",
                    "REL_OP": ">",
                    "RIGHT_ID": "cue",
                    "RIGHT_ATTRS": {
                        "LOWER": {"IN": participles},
                        "TAG": "VBG",
                        "DEP": {"IN": _PARTICIPLE_DEPS},
                    },
                },
                {
                    "LEFT_ID": "verb",
                    "REL_OP": ">",
                    "RIGHT_ID": "subject",
                    "RIGHT_ATTRS": {"DEP": "nsubj"},
                },
            ]
        ],
    )
    dep.add(
        "ACCORDING",
        [
            [
                {"RIGHT_ID": "according", "RIGHT_ATTRS": {"LOWER": "according"}},
                {
                    "LEFT_ID": "according",
                    "REL_OP": ">",
                    "RIGHT_ID": "to",
                    "RIGHT_ATTRS": {"LOWER": "to"},
                },
                {
                    "LEFT_ID": "to",
                    "REL_OP": ">",
                    "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {"DEP": "pobj"},
                },
            ]
        ],
    )
    dep.add(
        "CITING",
        [
            [
                {"RIGHT_ID": "citing", "RIGHT_ATTRS": {"LOWER": "citing"}},
                {
                    "LEFT_ID": "citing",
                    "REL_OP": ">",
                    "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "pobj", "obj"]}},
                },
            ]
        ],
    )
    tok = Matcher(vocab)
    tok.add("ACCORDING_TO", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    _MATCHERS[id(vocab)] = (vocab, dep, tok)
    return dep, tok


# --- extraction -------------------------------------------------------------------------------


@dataclass
class _Found:
    """A claim under construction, with the token bounds of its attribution."""

    sentence: int
    statement: list[int]
    source_head: Token
    source_bounds: tuple[int, int]
    cue: str
    attribution: tuple[int, int]  # token bounds of phrase + cue, for chaining
    kind: str  # "according" | "verb" | "citing"
    via: str | None = None
    via_text: str | None = None
    excluded: frozenset[int] = frozenset()
    cue_token: Token | None = None
    first_conjunct: bool = False  # "according to A and B": A's actor


@dataclass(frozen=True)
class _Cite:
    sentence: int
    token: Token
    subtree: frozenset[int]
    actor: str | None
    text: str
    head: Token
    bounds: tuple[int, int]
    qualified: bool  # an actor, or a source noun qualified by one (not "unnamed sources")


def _content_of_cue(cue: Token, lo: int, hi: int, participle: bool = False) -> list[int] | None:
    """The tokens of what ``cue`` reports, or None when it reports nothing.

    A ``participle`` ("..., saying ...") reports only its own complement or object, never
    the clause it hangs from.
    """
    children = [c for c in cue.children if _in(c, lo, hi)]
    ccomps = [c for c in children if c.dep_ == "ccomp"]
    if ccomps:
        best = max(ccomps, key=lambda c: len(_clipped_subtree(c, lo, hi)))
        return _clipped_subtree(best, lo, hi)
    xcomps = [c for c in children if c.dep_ == "xcomp"]
    if xcomps:
        return _clipped_subtree(xcomps[0], lo, hi)
    lemma = verb_lemma(cue, CUE_FORMS)
    if lemma in OBJECT_CUES:
        objects: list[Token] = []
        for child in cue.rights:
            if not _in(child, lo, hi):
                continue
            if child.dep_ in {"dobj", "dative", "attr", "oprd", "pcomp"}:
                if child.dep_ == "dobj" and child.lower_ in EMPTY_OBJECTS:
                    continue
                objects.append(child)
            elif (
                child.dep_ == "prep"
                and (objects or child.lower_ in _TOPIC_PREPS)
                and child.lower_ not in _CONTENT_PREP_SKIP
                and not any(t.ent_type_ in TIME_LABELS for t in child.subtree)
            ):
                objects.append(child)  # "accused X of ...", "warned of ..."
        if objects and (
            any(o.dep_ == "dobj" for o in objects) or objects[0].lower_ in _TOPIC_PREPS
        ):
            return [i for o in objects for i in _clipped_subtree(o, lo, hi)]
    # "acknowledged for the first time that it sent ..." (parsed as a relative clause)
    for token in cue.subtree:
        if token.i <= cue.i or not _in(token, lo, hi):
            continue
        if (
            token.lower_ == "that"
            and token.dep_ in {"mark", "advmod"}
            and token.head.i > token.i
            and token.head.pos_ in {"VERB", "AUX"}
        ):
            return [i for i in _clipped_subtree(token.head, lo, hi) if i > token.i]
    if participle:
        return None
    # "..., a deployment X believes could happen soon"
    if cue.dep_ in {"relcl", "acl"}:
        left = _subtree_bounds(cue.head, lo, hi)[0]
        if left > lo:
            return list(range(lo, left))
    # "S, X said." with the main clause not parsed as the cue's complement
    if cue.dep_ in {"parataxis", "advcl", "conj", "ccomp"} and cue.head.i < cue.i:
        own = set(_clipped_subtree(cue, lo, hi))
        return [i for i in _clipped_subtree(cue.head, lo, hi) if i not in own]
    return None


def _reduced_relative(head: Token, start: int, lo: int) -> list[int] | None:
    """For "S, a deployment X believes (could happen soon)": the clause before the noun, S.

    The subject's phrase is preceded, within the subject's own subtree, by the noun the
    attribution modifies ("a deployment"); what X believes is that preceding clause.
    """
    left = min(t.i for t in head.subtree if t.i >= lo)
    if left >= start or left <= lo:
        return None
    doc = head.doc
    if not any(doc[k].pos_ == "NOUN" or doc[k].dep_ == "nmod" for k in range(left, start)):
        return None
    if not (doc[left - 1].is_punct and doc[left - 1].text in {",", "—", "–"}):
        return None
    return list(range(lo, left))


def _verb_claims(
    doc: Doc,
    pairs: Iterable[tuple[Token, Token]],
    sents: SentenceIndex,
    mentions: MentionIndex,
    quotes: Sequence[tuple[int, int]] = (),
    participles: frozenset[int] = frozenset(),
) -> list[_Found]:
    found: list[_Found] = []
    seen: set[int] = set()
    for cue, subject in pairs:
        if cue.i in seen:
            continue
        index = sents.of(cue)
        if index is None or sents.of(subject) != index:
            continue
        if any(c.dep_ == "neg" for c in cue.children):
            continue  # "did not say", "did not mention"
        if subject.lower_ in FIRST_PERSON and _quotation_around(quotes, cue.i) is not None:
            continue  # "I think ..." inside a quotation: the quote's speaker says it all
        participle = cue.i in participles
        if participle and any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
            continue  # "with X saying": X, not the clause's subject, is the speaker
        lo, hi = sents.bounds(index)
        head = subject
        if subject.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl" and _in(cue.head, lo, hi):
            head = cue.head  # "officials, who said ..."
        start, end = phrase_bounds(head, lo, hi)
        if cue.i in range(start, end + 1):
            continue
        lemma = verb_lemma(cue, CUE_FORMS)
        evidence = bool(_words(head) & EVIDENCE_NOUNS)
        if lemma not in CUE_LEMMAS:
            if not evidence:
                continue  # "it shows", "the map indicates"
        elif not (evidence or _plausible_subject(head, start, end, mentions)):
            continue  # "the treaty states"
        if participle:
            content = _content_of_cue(cue, lo, hi, participle=True)
        else:
            content = _reduced_relative(head, start, lo) or _content_of_cue(cue, lo, hi)
        if not content:
            continue
        phrase = set(range(start, end + 1))
        first = min(start, cue.i)
        statement = [
            i
            for i in content
            if i not in phrase
            and i != cue.i
            # "the plan, which officials say will cost ...": the pronoun is not content
            and not (i < first and doc[i].lower_ in RELATIVE_PRONOUNS and doc[i].dep_ != "mark")
        ]
        if not statement:
            continue
        seen.add(cue.i)
        found.append(
            _Found(
                sentence=index,
                statement=statement,
                source_head=head,
                source_bounds=(start, end),
                cue=cue.text,
                attribution=(min(start, cue.i), max(end, cue.i)),
                kind="verb",
                cue_token=cue,
            )
        )
    return found


def _according_claims(
    doc: Doc,
    triples: Iterable[tuple[Token, Token]],
    sents: SentenceIndex,
    mentions: MentionIndex,
) -> list[_Found]:
    found: list[_Found] = []
    seen: set[int] = set()
    for according, obj in triples:
        if according.i in seen:
            continue
        index = sents.of(according)
        if index is None or sents.of(obj) != index:
            continue
        lo, hi = sents.bounds(index)
        start, end = phrase_bounds(obj, lo, hi)
        if not _qualified_source(obj, start, end, mentions):
            continue  # "according to plan", "according to the treaty"
        cut = _fronted_cut(according, obj, end)
        if cut is not None:
            # What the parser hung on X past the comma belongs to the statement.
            run_on = {
                t.i
                for c in obj.rights
                if c.i > cut and c.dep_ in {"conj", "appos", "cc"}
                for t in c.subtree
            }
            end = cut
            phrase = (
                set(range(according.i, end + 1)) | set(_clipped_subtree(according, lo, hi))
            ) - run_on
        else:
            end = _dangling_coordination(end, hi, doc)
            phrase = set(range(according.i, end + 1)) | {
                i for i in _clipped_subtree(according, lo, hi) if i <= end
            }
        seen.add(according.i)
        found.append(
            _Found(
                sentence=index,
                statement=[],
                source_head=obj,
                source_bounds=(start, end),
                cue="according to",
                attribution=(according.i, max(phrase)),
                kind="according",
                excluded=frozenset(phrase),
                first_conjunct=True,
            )
        )
    return found


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
    doc: Doc, mentions: MentionIndex, done: set[int]
) -> list[tuple[Token, Token]]:
    """Pairs for "..., by Premier Pak Thae Song, the Korean Central News Agency said." where
    the parser hung the source on the statement's last name (an apposition) and left the
    cue without a subject: a cue verb that ends its sentence, right after a name (a
    mention) that follows a comma. The name's head word is the subject."""
    pairs: list[tuple[Token, Token]] = []
    for cue in doc[2:]:
        if cue.i in done or cue.pos_ != "VERB" or cue.lower_ not in CUE_FORMS:
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


@dataclass(frozen=True)
class _Person:
    """A person mention, as a possible antecedent of "he" or "the minister"."""

    token: int  # the mention's head token
    actor: str | None
    block: int
    salient: bool  # the subject of its sentence, or the source of a claim
    pronoun: str | None  # "he", "she" or "they" where the registry says


def _persons(
    doc: Doc,
    sents: SentenceIndex,
    mentions: Sequence[Mention],
    found: Sequence[_Found],
    actors: Mapping[str, Actor],
) -> list[_Person]:
    sources = {k for f in found for k in range(f.source_bounds[0], f.source_bounds[1] + 1)}
    persons: list[_Person] = []
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):  # pragma: no cover - expand never fails
            continue
        root = span.root
        index = sents.of(root)
        if index is None:
            continue
        # The subject of a main clause ("Lavrov said ..."), not of a reported one.
        subject = root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "ROOT"
        salient = subject or any(t.i in sources for t in span)
        block = sents.sentences[index].block
        actor = actors.get(mention.actor) if mention.actor else None
        pronoun = actor.pronoun if actor else None
        persons.append(_Person(root.i, mention.actor, block, salient, pronoun))
    persons.sort(key=lambda p: p.token)
    return persons


@dataclass(frozen=True)
class _Body:
    """An organisation mention, as a possible antecedent of "the agency"."""

    start: int  # character offset
    actor: str
    words: frozenset[str]  # lowercased words of its names in the registry and the article


def _bodies(mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> list[_Body]:
    names: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label == "ORG" and mention.actor:
            if mention.actor not in names:
                actor = actors.get(mention.actor)
                names[mention.actor] = {actor.name, *actor.aliases} if actor else set()
            names[mention.actor].add(mention.text)
    words = {
        actor: frozenset(w for name in texts for w in name.lower().replace("-", " ").split())
        for actor, texts in names.items()
    }
    bodies = [
        _Body(m.start, m.actor, words[m.actor]) for m in mentions if m.label == "ORG" and m.actor
    ]
    return sorted(bodies, key=lambda body: body.start)


def _definite(head: Token) -> bool:
    """Whether ``head`` has "the" as its determiner."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _is_body_anaphor(head: Token, start: int, end: int, mentions: MentionIndex) -> bool:
    """ "the agency", "the news agency", "the ministry" naming no one."""
    return (
        head.lower_ in BODY_NOUNS
        and head.tag_ == "NN"
        and _definite(head)
        and not _has_mention(start, end, head.doc, mentions)
    )


def _body_antecedent(head: Token, bodies: Sequence[_Body]) -> str | None:
    """The last organisation named before ``head`` whose name has ``head``'s word."""
    for body in reversed(bodies):
        if body.start < head.idx and head.lower_ in body.words:
            return body.actor
    return None


def _is_anaphoric(head: Token, start: int, end: int, mentions: MentionIndex) -> bool:
    """ "he", "she", or a bare definite title ("the president") naming no one."""
    if head.lower_ in ANAPHORIC_PRONOUNS:
        return True
    if head.lower_ not in TITLE_NOUNS or head.tag_ not in {"NN", "NNP"}:
        return False
    if not _definite(head):
        return False
    return not _has_mention(start, end, head.doc, mentions)


def _antecedent(
    head: Token, sents: SentenceIndex, persons: Sequence[_Person], tokens: Sequence[int]
) -> str | None:
    """The actor of the person ``head`` stands for: the last salient person mentioned before
    it in its paragraph or the one before, else the last person mentioned there; "he" and
    "she" pass over people the registry refers to otherwise.

    ``tokens`` are the persons' head tokens, in order (for bisection).
    """
    index = sents.of(head)
    if index is None:
        return None
    block = sents.sentences[index].block
    k = index - 1
    while k >= 0 and sents.sentences[k].block == block:
        k -= 1
    window = {block, sents.sentences[k].block} if k >= 0 else {block}
    latest: _Person | None = None
    pronoun = head.lower_ if head.lower_ in ANAPHORIC_PRONOUNS else None
    # Persons are in text order, so are their paragraphs: walk back from ``head``.
    for n in range(bisect_right(tokens, head.i - 1) - 1, -1, -1):
        person = persons[n]
        if person.block not in window:
            break
        if pronoun and person.pronoun and person.pronoun != pronoun:
            continue
        if person.salient:
            return person.actor
        latest = latest or person
    return latest.actor if latest else None


def _finish(
    found: _Found,
    doc: Doc,
    mentions: MentionIndex,
    sents: SentenceIndex,
    persons: tuple[Sequence[_Person], Sequence[int]],
    bodies: Sequence[_Body],
    body: str,
) -> Claim | None:
    """The claim ``found`` describes, or None when its statement is empty."""
    start, end = found.source_bounds
    bounds = _char_span(doc, _without_dateline(doc, found.statement))
    if bounds is None:
        return None
    head = found.source_head
    source_text = doc[start : end + 1].text
    if _is_anaphoric(head, start, end, mentions):
        source = _antecedent(head, sents, *persons)
    elif _is_body_anaphor(head, start, end, mentions):
        source = _body_antecedent(head, bodies)
    else:
        source = resolve_actor(head, start, end, mentions, found.first_conjunct)
    return Claim(
        text=body[bounds[0] : bounds[1]],
        start=bounds[0],
        end=bounds[1],
        source=source,
        source_text=source_text,
        cue=found.cue,
        sentence=found.sentence,
        via=found.via,
        via_text=found.via_text,
    )


# --- quotations -------------------------------------------------------------------------------


def quotations(sents: SentenceIndex) -> list[tuple[int, int]]:
    """Token indices of the opening and closing marks of each quotation.

    Marks pair up within a paragraph (“ opens, ” closes, a straight quote toggles); a
    quotation still open at the end of its paragraph ends there (its "closing mark" is
    then the index after the paragraph's last token).
    """
    quotes: list[tuple[int, int]] = []
    opened: int | None = None
    block: int | None = None
    last = -1
    for token in sents.doc:
        index = sents.of(token)
        if index is None:
            continue
        here = sents.sentences[index].block
        if here != block:
            if opened is not None:
                quotes.append((opened, last + 1))
            opened, block = None, here
        last = token.i
        text = token.text
        if text in _OPEN_QUOTES or (text in _PLAIN_QUOTES and opened is None):
            if opened is not None:
                quotes.append((opened, token.i))
            opened = token.i
        elif (text in _CLOSE_QUOTES or text in _PLAIN_QUOTES) and opened is not None:
            quotes.append((opened, token.i))
            opened = None
    if opened is not None:
        quotes.append((opened, last + 1))
    return quotes


def _quotation_around(quotes: Sequence[tuple[int, int]], i: int) -> tuple[int, int] | None:
    for open_, close in quotes:
        if open_ < i < close:
            return (open_, close)
    return None


def _whole_quotation(item: _Found, quotes: Sequence[tuple[int, int]]) -> None:
    """A statement that starts or ends inside a quotation spanning several sentences takes
    the whole quotation: “S1. S2,” X said."""
    if not item.statement:
        return
    a0, a1 = item.attribution
    extra: set[int] = set()
    for i in (min(item.statement), max(item.statement)):
        quote = _quotation_around(quotes, i)
        if quote is None or quote[0] <= a0 <= quote[1] or quote[0] <= a1 <= quote[1]:
            continue
        extra.update(range(quote[0] + 1, quote[1]))
    if extra:
        item.statement = sorted(set(item.statement) | extra)


def _without_asides(found: Sequence[_Found], sents: SentenceIndex) -> None:
    """ "X reported, with Y saying S2": Y's claim is not part of X's statement."""
    for aside in found:
        cue = aside.cue_token
        if cue is None or cue.head.lower_ not in _WITH or cue.head.i > cue.i:
            continue
        lo, hi = sents.bounds(aside.sentence)
        part = set(_clipped_subtree(cue.head, lo, hi))
        for item in found:
            if item is aside or item.sentence != aside.sentence or item.cue_token is None:
                continue
            if item.cue_token.i in part or item.cue_token.i > cue.head.i:
                continue
            item.statement = [i for i in item.statement if i not in part]


def extract_claims(
    doc: Doc,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor] | None = None,
) -> tuple[Claim, ...]:
    """Attributed statements in ``doc``, with their source actor and cue; ``actors`` is the
    registry by id (for pronouns and the names of bodies)."""
    if not sentences:
        return ()
    sents = SentenceIndex(doc, sentences)
    index = MentionIndex(doc, mentions)
    dep_matcher, tok_matcher = _matchers(doc.vocab)
    matches = dep_matcher(doc)
    strings = doc.vocab.strings

    cue_pairs: list[tuple[Token, Token]] = []
    according_pairs: list[tuple[Token, Token]] = []
    citing_pairs: list[tuple[Token, Token]] = []
    participles: set[int] = set()
    for match_id, token_ids in matches:
        label = strings[match_id]
        if label == "CUE":
            cue_pairs.append((doc[token_ids[0]], doc[token_ids[1]]))
        elif label == "PARTICIPLE":
            cue_pairs.append((doc[token_ids[1]], doc[token_ids[2]]))
            participles.add(token_ids[1])
        elif label == "ACCORDING":
            according_pairs.append((doc[token_ids[0]], doc[token_ids[2]]))
        elif label == "CITING":
            citing_pairs.append((doc[token_ids[0]], doc[token_ids[1]]))
    according_pairs.sort(key=lambda p: (p[0].i, p[1].i))
    done = {a.i for a, _ in according_pairs}
    according_pairs += _according_fallback(doc, tok_matcher, done)
    cue_pairs += _trailing_source_pairs(doc, index, {cue.i for cue, _ in cue_pairs})
    cue_pairs.sort(key=lambda p: (p[0].i, p[1].i))

    quotes = quotations(sents)
    found = _according_claims(doc, according_pairs, sents, index)
    found += _verb_claims(doc, cue_pairs, sents, index, quotes, frozenset(participles))
    cites = _citations(citing_pairs, sents, index)
    _attach_citations(found, cites)

    # "According to X" statements: the sentence minus the attribution (and its chain).
    for item in found:
        if item.kind != "according":
            continue
        lo, hi = sents.bounds(item.sentence)
        item.statement = [k for k in range(lo, hi + 1) if k not in item.excluded]
    _without_asides(found, sents)
    for item in found:
        _whole_quotation(item, quotes)

    registry = actors or {}
    people = _persons(doc, sents, mentions, found, registry)
    bodies = _bodies(mentions, registry)
    persons = (people, [p.token for p in people])
    body = doc.text  # built from the tokens on every access: once
    claims: list[Claim] = []
    seen: set[tuple[int, int, str | None, str]] = set()
    for item in found:
        claim = _finish(item, doc, index, sents, persons, bodies, body)
        if claim is None:
            continue
        key = (claim.start, claim.end, claim.source, claim.cue)
        if key in seen:
            continue
        seen.add(key)
        claims.append(claim)
    claims.sort(key=lambda c: (c.sentence, c.start, -c.end))
    return tuple(claims)


def _citations(
    pairs: Iterable[tuple[Token, Token]], sents: SentenceIndex, mentions: MentionIndex
) -> list[_Cite]:
    cites: list[_Cite] = []
    for citing, obj in pairs:
        index = sents.of(citing)
        if index is None or sents.of(obj) != index:
            continue
        lo, hi = sents.bounds(index)
        start, end = phrase_bounds(obj, lo, hi)
        qualified = _qualified_source(obj, start, end, mentions)
        if not qualified and not _words(obj) & SOURCE_NOUNS:
            continue  # "citing security concerns"
        cites.append(
            _Cite(
                qualified=qualified,
                sentence=index,
                token=citing,
                subtree=frozenset(_clipped_subtree(citing, lo, hi)),
                actor=resolve_actor(obj, start, end, mentions),
                text=obj.doc[start : end + 1].text,
                head=obj,
                bounds=(start, end),
            )
        )
    return cites


def _attach_citations(found: list[_Found], cites: Sequence[_Cite]) -> None:
    """Attach each "citing Y" to the nearest attribution of its sentence, or make it one."""
    for cite in cites:
        candidates = [f for f in found if f.sentence == cite.sentence and f.kind != "citing"]
        if not candidates:
            if not cite.qualified:
                continue
            found.append(
                _Found(
                    sentence=cite.sentence,
                    statement=[],
                    source_head=cite.head,
                    source_bounds=cite.bounds,
                    cue="citing",
                    attribution=(min(cite.subtree), max(cite.subtree)),
                    kind="according",
                    excluded=cite.subtree,
                )
            )
            continue

        def distance(f: _Found, cite: _Cite = cite) -> int:
            a0, a1 = f.attribution
            i = cite.token.i
            return 0 if a0 <= i <= a1 else min(abs(i - a0), abs(i - a1))

        target = min(candidates, key=distance)
        target.via = cite.actor
        target.via_text = cite.text
        target.excluded = target.excluded | cite.subtree
        if target.kind == "verb":
            target.statement = [i for i in target.statement if i not in cite.subtree]

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...model import Actor, Claim, Mention, Sentence
from ..indexes import MentionIndex, SentenceIndex
from .antecedents import _bodies, _persons
from .citations import _attach_citations, _citations
from .found import _Found
from .grammar import _WITH, FIRST_PERSON, RELATIVE_PRONOUNS
from .hearsay import hearsay_claims, hedged
from .matchers import matchers
from .nouns import noun_claims
from .phrases import _plausible_subject, _qualified_source, _words, phrase_bounds, speaker_head
from .repairs import (
    _according_fallback,
    _dangling_coordination,
    _fronted_cut,
    _trailing_source_pairs,
    aside_speaker,
    inverted_claims,
    with_gapped_noun,
    with_stray_parts,
)
from .sources import Resolver
from .spans import (
    _char_span,
    _clipped_subtree,
    _content_of_cue,
    _in,
    _quotation_around,
    _reduced_relative,
    _whole_quotation,
    _without_dateline,
    is_proposition,
    quotation_before,
    quotations,
)
from .speech import continued_quotations
from .vocabulary import Cues, default_cues


def _verb_claims(
    doc: Doc,
    pairs: Iterable[tuple[Token, Token]],
    sents: SentenceIndex,
    mentions: MentionIndex,
    cues: Cues,
    quotes: Sequence[tuple[int, int]] = (),
    participles: frozenset[int] = frozenset(),
    anchors: list[_Found] | None = None,
) -> list[_Found]:
    """Claims of the cue/subject ``pairs``; ``anchors`` collects attributions whose words
    are no statement (“A remarkable decision,” says X): the speaker of what follows."""
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
        quote = _quotation_around(quotes, cue.i)
        if quote is not None and (subject.lower_ in FIRST_PERSON or quote[0] < subject.i):
            continue  # "I think ...", "the president has announced ..." inside a quotation:
            # the quote's speaker says it all
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
        lemma = cue.lemma_.lower()
        evidence = bool(_words(head) & cues.evidence_nouns)
        if lemma not in cues.attributing:
            if not evidence:
                continue  # "it shows", "the map indicates"
        elif not (evidence or _plausible_subject(head, start, end, mentions, cues)):
            continue  # "the treaty states"
        if participle and not speaker_head(head, mentions, cues):
            continue  # "before the war in Ukraine can end, suggesting S": the writer's
        if participle:
            content = _content_of_cue(cue, lo, hi, cues, participle=True)
        else:
            content = (
                _reduced_relative(head, start, lo)
                or _content_of_cue(cue, lo, hi, cues)
                or quotation_before(doc, quotes, start)
            )
        if not content:
            continue
        content = with_stray_parts(cue, head, with_gapped_noun(cue, content, lo), lo, hi)
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
        item = _Found(
            sentence=index,
            statement=statement,
            source_head=head,
            source_bounds=(start, end),
            cue=cue.text,
            attribution=(min(start, cue.i), max(end, cue.i)),
            kind="verb",
            cue_token=cue,
        )
        if lemma in cues.characterising_cues and not _characterisation(cue, statement):
            continue  # "defended its cooperation": only "defended it as S" says something
        if not statement or not (lemma in cues.stance_cues or is_proposition(doc, statement, cue)):
            # a claim of fact is a clause, never a bare noun phrase
            quoted = any(_quotation_around(quotes, i) is not None for i in statement)
            if anchors is not None and quoted:
                anchors.append(item)
            continue
        seen.add(cue.i)
        found.append(item)
    return found


def _according_claims(
    doc: Doc,
    triples: Iterable[tuple[Token, Token]],
    sents: SentenceIndex,
    mentions: MentionIndex,
    cues: Cues,
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
        if not _qualified_source(obj, start, end, mentions, cues):
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


def _finish(found: _Found, doc: Doc, resolve: Resolver, body: str, cues: Cues) -> Claim | None:
    """The claim ``found`` describes, or None when its statement is empty."""
    start, end = found.source_bounds
    bounds = _char_span(doc, _without_dateline(doc, found.statement))
    if bounds is None:
        return None
    source_text = doc[start : end + 1].text
    source = resolve(found.source_head, start, end, found.first_conjunct, found.cue_token)
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
        kind=stance_or_claim(found, cues),
    )


def stance_or_claim(found: _Found, cues: Cues) -> str:
    """ "stance" for an evaluation ("praised", "condemned", "described the talks as
    useful"), else "claim"."""
    cue = found.cue_token
    if cue is None:
        return "claim"
    characterises = _characterisation(cue, found.statement)
    return "stance" if cue.lemma_.lower() in cues.stance_cues or characterises else "claim"


def _characterisation(cue: Token, statement: Sequence[int]) -> bool:
    """Whether the statement is what the cue calls something: "(them) as egregious", with
    no clause of its own."""
    doc = cue.doc
    words = [doc[i] for i in statement if not doc[i].is_punct]
    if not any(w.lower_ == "as" and w.head.i == cue.i for w in words):
        return False
    return words[0].lower_ == "as" or not any(w.pos_ in {"VERB", "AUX"} for w in words)


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
    cues: Cues | None = None,
) -> tuple[Claim, ...]:
    """Attributed statements in ``doc``, with their source actor and cue; ``actors`` is the
    registry by id (for pronouns and the names of bodies), ``cues`` the vocabulary (the
    packaged one by default)."""
    cues = cues or default_cues()
    if not sentences:
        return ()
    sents = SentenceIndex(doc, sentences)
    index = MentionIndex(doc, mentions)
    dep_matcher, tok_matcher = matchers(doc.vocab, cues)
    matches = dep_matcher(doc)
    strings = doc.vocab.strings

    cue_pairs: list[tuple[Token, Token]] = []
    according_pairs: list[tuple[Token, Token]] = []
    citing_pairs: list[tuple[Token, Token]] = []
    participles: set[int] = set()
    for match_id, token_ids in matches:
        label = strings[match_id]
        if label in {"CUE", "QUOTED"}:  # "X said S", "X was quoted as saying S"
            cue_pairs.append((doc[token_ids[0]], doc[token_ids[1]]))
        elif label == "SHARED_SUBJECT":  # "X said S1 and cautioned S2": X says S2 too
            second = doc[token_ids[2]]
            # "... supplied arms, and was believed to ...": a passive cue's shared subject is
            # what is believed, not who believes it (hearsay, no speaker).
            if not any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in second.children):
                cue_pairs.append((second, doc[token_ids[1]]))
        elif label == "PARTICIPLE":
            speaker = aside_speaker(doc[token_ids[0]], doc[token_ids[1]], doc[token_ids[2]])
            if speaker is None:
                continue
            cue_pairs.append((doc[token_ids[1]], speaker))
            participles.add(token_ids[1])
        elif label == "ACCORDING":
            according_pairs.append((doc[token_ids[0]], doc[token_ids[2]]))
        elif label == "CITING":
            citing_pairs.append((doc[token_ids[0]], doc[token_ids[1]]))
    according_pairs.sort(key=lambda p: (p[0].i, p[1].i))
    done = {a.i for a, _ in according_pairs}
    according_pairs += _according_fallback(doc, tok_matcher, done)
    cue_pairs += _trailing_source_pairs(doc, index, {cue.i for cue, _ in cue_pairs}, cues)
    cue_pairs.sort(key=lambda p: (p[0].i, p[1].i))

    quotes = quotations(sents)
    found = _according_claims(doc, according_pairs, sents, index, cues)
    anchors: list[_Found] = []
    found += _verb_claims(
        doc, cue_pairs, sents, index, cues, quotes, frozenset(participles), anchors
    )
    found += noun_claims(doc, sents, cues, {f.cue_token.i for f in found if f.cue_token})
    found += inverted_claims(doc, sents, index, cues, {f.cue_token.i for f in found if f.cue_token})
    cites = _citations(citing_pairs, sents, index, cues)
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
    found += continued_quotations(doc, found, quotes, sents, cues, anchors)

    registry = actors or {}
    people = _persons(doc, sents, mentions, found, registry, cues)
    bodies = _bodies(doc, mentions, registry)
    resolve = Resolver(sents, index, people, bodies, registry, cues)
    body = doc.text  # built from the tokens on every access: once
    claims: list[Claim] = []
    seen: set[tuple[int, int, str | None, str]] = set()
    # In text order, so that "it" and "the statement" find who spoke last.
    for item in sorted(found, key=lambda f: (f.sentence, f.attribution[0])):
        claim = _finish(item, doc, resolve, body, cues)
        if claim is None:
            continue
        if hedged(item.cue_token, cues):  # "X reportedly said": hearsay, no speaker
            claim = replace(claim, source=None, via=None, cue=f"reportedly {claim.cue}")
        key = (claim.start, claim.end, claim.source, claim.cue)
        if key in seen:
            continue
        seen.add(key)
        claims.append(claim)
    covered = {
        k for f in found for k in (*f.statement, *range(f.attribution[0], f.attribution[1] + 1))
    }
    claims += hearsay_claims(doc, sents, cues, covered)
    claims.sort(key=lambda c: (c.sentence, c.start, -c.end))
    return tuple(claims)

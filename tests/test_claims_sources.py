"""Attribution shapes beyond "X said S": sources named before, after or nowhere, inverted
cues, reported speech over sentences. Short sentences of our own, on the real pipeline."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from test_claims import annotate, claims_of

from newsroom.model import Actor, Claim
from newsroom.nlp.claims import extract_claims


def claim_with(claims: tuple[Claim, ...], words: str) -> Claim:
    """The one claim whose text holds ``words``."""
    (found,) = [c for c in claims if words in c.text]
    return found


def test_a_resolved_he_carries_the_speaker_over_paragraphs(nlp: Language) -> None:
    """A "he" resolved to a speaker stands for them when the next "he" comes more than two
    paragraphs after the name."""
    text = (
        "Putin said the troops had fought bravely.\n\n"
        "The talks would continue next week, he said.\n\n"
        "Officials met on Monday to plan the next round.\n\n"
        "The ceasefire would hold, he said."
    )
    assert claim_with(claims_of(nlp, text), "ceasefire would hold").source == "vladimir-putin"


def test_only_the_head_of_a_source_phrase_is_salient(nlp: Language) -> None:
    """ "said X of Y": a later "he" is X, not the Y named in X's phrase."""
    text = "The ceasefire was fragile, said Lavrov of the Kremlin. The talks would resume, he said."
    a = annotate(nlp, text)
    registry = {"sergey-lavrov": Actor("sergey-lavrov", "Sergey Lavrov", "person")}
    claims = extract_claims(a.doc, a.sentences, a.mentions, registry)
    assert claim_with(claims, "talks would resume").source == "sergey-lavrov"


def test_a_statement_takes_its_issuer(nlp: Language) -> None:
    """ "A statement issued by X said S": the source is X."""
    text = "A statement issued by the Kremlin said the talks would resume in March."
    assert claim_with(claims_of(nlp, text), "talks would resume").source == "kremlin"


def test_it_takes_the_body_named_in_its_sentence(nlp: Language) -> None:
    """ "..., when it said S": "it" is the body named before it in the sentence."""
    text = (
        "Kim met Putin in Moscow. "
        "The visit was praised in a report released by Tass, when it said that the two "
        "leaders had agreed to expand trade."
    )
    assert claim_with(claims_of(nlp, text), "expand trade").source == "tass"


def test_it_skips_names_inside_what_it_says(nlp: Language) -> None:
    """ "S about Russia, it said.": "it" is the body that spoke before, not Russia."""
    text = (
        "KCNA said Kim had inspected a missile factory. "
        "The missiles would be delivered to Russia next year, it said."
    )
    claims = claims_of(nlp, text)
    assert claim_with(claims, "delivered to Russia").source == "korean-central-news-agency"


def test_a_government_named_with_its_country(nlp: Language) -> None:
    """ "the government said" after "the South Korean government": South Korea."""
    text = (
        "The South Korean government rejected the plan on Monday. "
        "The talks had failed, the government said on Tuesday."
    )
    assert claim_with(claims_of(nlp, text), "talks had failed").source == "south-korea"


def test_the_company_is_the_body_that_spoke_just_before(nlp: Language) -> None:
    """ "the company" (a word any body answers to) takes the body that spoke just before;
    "the agency" still needs a body with that word."""
    text = "Yonhap said the talks had ended. The company added that more talks were planned."
    assert claim_with(claims_of(nlp, text), "more talks").source == "yonhap"


def test_a_description_named_in_the_next_sentence(nlp: Language) -> None:
    """ "The head of X said S. Y made the remarks ...": the description is Y."""
    text = (
        "The head of the Russian Security Council said the troops would stay. "
        "Shoigu made the remarks at a briefing in Moscow."
    )
    assert claim_with(claims_of(nlp, text), "troops would stay").source == "sergei-shoigu"


def test_according_to_him(nlp: Language) -> None:
    """ "according to him" is the person named before."""
    text = "Lavrov spoke to reporters on Friday. The talks would resume in March, according to him."
    assert claim_with(claims_of(nlp, text), "talks would resume").source == "sergey-lavrov"


def test_a_cue_set_after_the_statement_and_before_its_speaker(nlp: Language) -> None:
    """ "S, reported X." with X read as the cue's object is X's claim."""
    text = "Russia has been trying to jam the satellites for months, reported Yonhap."
    claim = claim_with(claims_of(nlp, text), "jam the satellites")
    assert claim.source == "yonhap"
    assert claim.text == "Russia has been trying to jam the satellites for months"


def test_a_quote_said_by_a_name_the_parser_gave_to_a_relative_clause(nlp: Language) -> None:
    """ "“S,” said X, whose son was held ...": X says S."""
    text = "“The talks have failed,” said Lavrov, whose deputy was held in Kyiv for a week."
    assert claim_with(claims_of(nlp, text), "talks have failed").source == "sergey-lavrov"


def test_a_quotation_continues_after_a_quoted_phrase(nlp: Language) -> None:
    """ "“A remarkable decision,” says X. But as ..., “S”": the second quotation is X's."""
    text = (
        '"A remarkable decision," says Lavrov, the foreign minister. '
        'But because support is low, "the two sides must meet again very soon".'
    )
    claim = claim_with(claims_of(nlp, text), "meet again")
    assert claim.source == "sergey-lavrov"


def test_a_cue_inside_a_quotation_is_the_quoted_speakers(nlp: Language) -> None:
    """Lavrov said: “The president has announced talks ...” is Lavrov's claim only."""
    text = "Lavrov said: “The president has announced new talks that start on Friday.”"
    claims = claims_of(nlp, text)
    assert [c.source for c in claims] == ["sergey-lavrov"]


def test_called_for_someone_to_act(nlp: Language) -> None:
    """ "X called for Y to do Z": the statement is Y doing Z."""
    text = "Putin called for Ukraine to withdraw its troops from the region."
    claim = claim_with(claims_of(nlp, text), "withdraw")
    assert claim.source == "vladimir-putin"
    assert claim.text.startswith("Ukraine to withdraw")


def test_accused_it_of(nlp: Language) -> None:
    """ "accused it of S" keeps who is accused."""
    text = "Russia signed the deal in June. Ukraine accused it of breaking the truce."
    claim = claim_with(claims_of(nlp, text), "breaking the truce")
    assert claim.text.startswith("it of breaking")


def test_a_cue_sharing_the_subject_of_another_verb(nlp: Language) -> None:
    """ "X posted ... and added that S": X says S."""
    text = "The Kremlin posted a video on Friday and added that the talks would resume."
    assert claim_with(claims_of(nlp, text), "talks would resume").source == "kremlin"


def test_described_as_is_a_stance(nlp: Language) -> None:
    """ "what X described as Y" is X's characterisation, shown as a stance."""
    text = "Kim fired two missiles, in what Seoul described as a grave provocation."
    claim = claim_with(claims_of(nlp, text), "grave provocation")
    assert (claim.source, claim.kind) == ("south-korea", "stance")


def test_a_speaker_named_in_a_participle(nlp: Language) -> None:
    """ "A volunteer, named X, compared ..." is a speaker named X."""
    text = "A rescue volunteer, named Lavrov, compared the search to looking for a needle."
    assert claim_with(claims_of(nlp, text), "looking for").source == "sergey-lavrov"


def test_a_club_the_model_took_for_a_person_is_no_antecedent(nlp: Language) -> None:
    """A mention the registry knows as an organisation is never the "he" of a claim."""
    text = "Putin met Lavrov in the Kremlin. He said the talks had gone well."
    a = annotate(nlp, text)
    registry = {
        "vladimir-putin": Actor("vladimir-putin", "Vladimir Putin", "organization"),
        "sergey-lavrov": Actor("sergey-lavrov", "Sergey Lavrov", "person"),
    }
    claims = extract_claims(a.doc, a.sentences, a.mentions, registry)
    assert claim_with(claims, "gone well").source == "sergey-lavrov"


def test_a_claim_made_with_a_noun_of_speech(nlp: Language) -> None:
    """ "X made the claim that S", "an announcement by X that S", "X published a statement
    urging Y to ...": X says S."""
    made = claims_of(nlp, "Putin made the claim on Friday that the troops had left Kursk.")
    assert claim_with(made, "troops had left").source == "vladimir-putin"
    by = claims_of(nlp, "The talks followed an announcement by Trump that the war had ended.")
    assert claim_with(by, "war had ended").source == "donald-trump"
    urging = claims_of(nlp, "The Kremlin published a statement urging citizens to stay home.")
    assert claim_with(urging, "stay home").source == "kremlin"
    # the cue reads after its speaker: "The Kremlin published a statement urging ..."
    assert claim_with(urging, "stay home").cue == "published a statement urging"
    assert claim_with(by, "war had ended").cue == "in an announcement"


def test_rejecting_a_claim_is_not_making_it(nlp: Language) -> None:
    """ "X rejected the claim that S": S is not X's claim."""
    claims = claims_of(nlp, "Putin rejected the claim that the troops had left Kursk.")
    assert all(c.source != "vladimir-putin" for c in claims if "troops" in c.text)


def test_a_statement_that_was_made_is_no_content(nlp: Language) -> None:
    """ "the statement that X made on Friday" names a statement, it does not say one."""
    assert claims_of(nlp, "Trump quoted the statement that Putin made on Friday.") == ()


def test_a_noun_a_relative_cue_reports(nlp: Language) -> None:
    """ "an offensive X says is backed by Y": X's statement is the offensive being backed."""
    text = "The fighting is part of an offensive the Ukrainian government says is backed by Russia."
    claim = claim_with(claims_of(nlp, text), "backed by Russia")
    assert claim.source == "ukraine"
    assert claim.text.startswith("an offensive")


def test_the_governor_is_the_person_named_with_that_title(nlp: Language) -> None:
    """ "the governor said" takes the person named "Governor X" before, paragraphs back."""
    text = (
        "Governor Lavrov visited the flooded towns on Monday.\n\n"
        "Rescuers searched the river banks.\n\n"
        "More rain fell overnight.\n\n"
        "Roads were closed across the region.\n\n"
        "The governor said the search would go on."
    )
    assert claim_with(claims_of(nlp, text), "search would go on").source == "sergey-lavrov"


def test_an_ambiguous_surname_is_the_person_named_so_before(nlp: Language) -> None:
    """A "Lee" the resolver left without an actor, and the "he" after it, stand for the
    salient person named before with that word in their name."""
    text = (
        "Lee Seong-kweun told reporters that the talks had failed. "
        "Lee said the troops had left. He said they would not return."
    )
    a = annotate(nlp, text)
    # the resolver could not tell which Lee the bare surname is
    mentions = tuple(replace(m, actor=None) if m.text == "Lee" else m for m in a.mentions)
    claims = extract_claims(a.doc, a.sentences, mentions)
    assert claim_with(claims, "troops had left").source == "lee-seong-kweun"
    assert claim_with(claims, "would not return").source == "lee-seong-kweun"


def test_a_topic_with_a_date_inside_is_still_content(nlp: Language) -> None:
    """ "boasted of killing ... in December" reports the killing; only "warned on Monday"
    (a bare time) is no content."""
    text = "Ukrainian officials recently boasted of killing 300 soldiers in December alone."
    claim = claim_with(claims_of(nlp, text), "killing")
    assert claim.text.startswith("of killing")


def test_defended_as_is_a_stance(nlp: Language) -> None:
    """ "remarks, which X defended as Y" is X's characterisation: a stance."""
    text = "Putin refused to retract his remarks, which he defended as fully accurate."
    claim = claim_with(claims_of(nlp, text), "fully accurate")
    assert (claim.source, claim.kind) == ("vladimir-putin", "stance")


def test_an_apposition_the_parser_gave_the_subject(nlp: Language) -> None:
    """ "X says S, a key step toward Y": the apposition after S is part of the statement."""
    text = (
        "Yonhap also says the army can detect launches in real time, a key step toward "
        "making its defences reliable."
    )
    claim = claim_with(claims_of(nlp, text), "detect launches")
    assert claim.text.endswith("making its defences reliable")


def test_a_clause_after_a_bare_object(nlp: Language) -> None:
    """ "with X vowing crews “will not stop ...”": the clause after the object is X's."""
    text = (
        "In Texas, search efforts continue, with Lavrov vowing rescue crews "
        '"will not stop until every missing person is found".'
    )
    claim = claim_with(claims_of(nlp, text), "will not stop")
    assert claim.source == "sergey-lavrov"


def test_described_with_an_object_as_is_a_stance(nlp: Language) -> None:
    """ "X described the talks as useful" is a characterisation (no clause): a stance."""
    claim = claim_with(claims_of(nlp, "Lavrov described the talks as very useful."), "useful")
    assert (claim.source, claim.kind) == ("sergey-lavrov", "stance")


def test_a_participle_hung_inside_a_clause_is_the_main_speakers(nlp: Language) -> None:
    """ "X expressed fears that Y were doing Z, saying S" (the parser hangs "saying" on
    Y's verb): X says S, not Y."""
    text = (
        "Putin expressed fears that the rebels were regrouping near the border, "
        "saying the ceasefire would not hold."
    )
    (claim,) = [c for c in claims_of(nlp, text) if c.cue == "saying"]
    assert (claim.source, claim.text) == ("vladimir-putin", "the ceasefire would not hold")


def test_a_participle_qualifying_a_noun_is_no_clause(nlp: Language) -> None:
    """ "denying the announcement made by X": a noun with a participle is not a statement."""
    text = "Kim met Putin on Friday, denying the announcement made by the Kremlin."
    assert [c for c in claims_of(nlp, text) if "announcement" in c.text] == []


def test_a_description_never_takes_a_name_in_passing(nlp: Language) -> None:
    """ "The new head of X said S" after a sentence that only names Y in passing is not Y's
    claim: a description takes a person who spoke or acted before, or none."""
    text = (
        "The Kremlin granted asylum to its ally, Lavrov, last year. "
        "The new president of Ukraine has called for the talks to resume."
    )
    assert claim_with(claims_of(nlp, text), "talks to resume").source is None


def test_a_participle_of_a_thing_is_no_speakers(nlp: Language) -> None:
    """ "The war in X dragged on, suggesting S": a war says nothing; a family does."""
    text = "The war in Ukraine dragged on through the winter, suggesting Moscow is in no hurry."
    assert [c for c in claims_of(nlp, text) if c.cue == "suggesting"] == []
    family = "The Putin family wrote to the court, urging judges to reopen the case."
    assert [c.source_text for c in claims_of(nlp, family)] == ["The Putin family"]


def test_a_passive_cue_never_takes_the_shared_subject_as_speaker(nlp: Language) -> None:
    """ "X had sent arms, and was believed to get aid": X is what is believed, not a speaker."""
    text = (
        "The agency also said Russia had supplied Iran with drones and rockets, and was "
        "believed to be receiving oil and money in return."
    )
    sources = {c.source for c in claims_of(nlp, text) if "receiving oil" in c.text}
    assert "russia" not in sources


def test_the_statement_is_the_one_its_author_spoke_in(nlp: Language) -> None:
    """ "In a statement, X said ..." makes a later "the statement suggested" X's, not the
    body that spoke last."""
    text = (
        "In a statement carried by Tass, Peskov said the talks would not resume.\n\n"
        "The NIS said it would keep watching the border.\n\n"
        "Analysts said the statement suggested that Moscow saw no need for talks."
    )
    (claim,) = [c for c in claims_of(nlp, text) if c.source_text == "the statement"]
    assert claim.source == "dmitry-peskov"

"""Tests for resolving DATE entities against an article's publication date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from newsroom.nlp.dates import Tense, resolve_date, sentence_tense

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_1d4c26b279fe3bbb.txt"
WED = dt.date(2025, 8, 13)  # the seed's publication date, a Wednesday
MON = dt.date(2026, 1, 5)  # a Monday just after New Year
FRI = dt.date(2024, 10, 18)  # a Friday

CASES: list[tuple[str, dt.date, Tense, str | None]] = [
    # weekdays: the anchor's own weekday is the anchor, whatever the tense
    ("Wednesday", WED, "past", "2025-08-13"),
    ("Wednesday", WED, "present", "2025-08-13"),
    ("Wednesday", WED, "future", "2025-08-13"),
    ("this Friday", WED, "future", "2025-08-15"),
    ("this Friday", WED, "present", "2025-08-15"),
    ("this Friday", WED, "past", "2025-08-15"),
    ("Friday", WED, "future", "2025-08-15"),
    ("Friday", WED, "present", "2025-08-15"),
    ("Friday", WED, "past", "2025-08-08"),
    ("on Monday", WED, "past", "2025-08-11"),
    ("on Monday", WED, "future", "2025-08-18"),
    ("last Friday", WED, "future", "2025-08-08"),
    ("next Friday", WED, "past", "2025-08-15"),
    ("next Wednesday", WED, "present", "2025-08-20"),
    ("last Wednesday", WED, "present", "2025-08-06"),
    ("this past Friday", WED, "present", "2025-08-08"),
    ("this coming Monday", WED, "past", "2025-08-18"),
    ("Tuesday night", WED, "past", "2025-08-12"),
    ("late Friday", WED, "past", "2025-08-08"),
    ("Friday's", WED, "future", "2025-08-15"),
    ("Fridays", WED, "present", None),
    ("Wednesday", FRI, "past", "2024-10-16"),
    ("Wednesday", FRI, "future", "2024-10-23"),
    ("Friday", FRI, "past", "2024-10-18"),
    ("Friday", FRI, "future", "2024-10-18"),
    ("Friday", MON, "past", "2026-01-02"),
    ("Friday", MON, "future", "2026-01-09"),
    # days relative to the anchor
    ("yesterday", WED, "past", "2025-08-12"),
    ("today", WED, "present", "2025-08-13"),
    ("Today", WED, "past", "2025-08-13"),
    ("tomorrow", WED, "future", "2025-08-14"),
    ("last night", WED, "past", "2025-08-12"),
    ("three days ago", WED, "past", "2025-08-10"),
    # years and months relative to the anchor
    ("last year", WED, "past", "2024"),
    ("last year", WED, "future", "2024"),
    ("this year", WED, "present", "2025"),
    ("next year", WED, "future", "2026"),
    ("two years ago", WED, "past", "2023"),
    ("a year ago", WED, "past", "2024"),
    ("last month", WED, "past", "2025-07"),
    ("next month", WED, "future", "2025-09"),
    ("two months ago", WED, "past", "2025-06"),
    ("later this month", WED, "future", "2025-08"),
    ("last year", MON, "past", "2025"),
    ("last month", MON, "past", "2025-12"),
    ("last year's", WED, "present", "2024"),
    # month/year combinations dateparser cannot read alone
    ("April this year", WED, "past", "2025-04"),
    ("October last year", WED, "past", "2024-10"),
    ("in April last year", WED, "past", "2024-04"),
    ("June next year", WED, "future", "2026-06"),
    ("Oct. 7 last year", WED, "past", "2024-10-07"),
    ("mid-June last year", WED, "past", "2024-06"),
    # weeks are ISO weeks; a weekend is the month that holds it, else None
    ("next week", WED, "future", "2025-W34"),
    ("last week", WED, "past", "2025-W32"),
    ("this week", WED, "present", "2025-W33"),
    ("earlier this week", WED, "past", "2025-W33"),
    ("last week", MON, "past", "2026-W01"),
    ("this week", MON, "present", "2026-W02"),
    ("next week", dt.date(2025, 9, 24), "future", "2025-W40"),
    ("next week", dt.date(2025, 8, 27), "future", "2025-W36"),
    ("this weekend", WED, "future", "2025-08"),
    ("last weekend", dt.date(2025, 6, 4), "past", None),
    ("last weekend", dt.date(2025, 9, 3), "past", "2025-08"),
    ("the weekend", WED, "past", None),
    # absolute dates
    ("15 August 2025", WED, "present", "2025-08-15"),
    ("August 15, 2025", WED, "past", "2025-08-15"),
    ("Jan. 6, 2021", WED, "past", "2021-01-06"),
    ("2025-08-13", WED, "present", "2025-08-13"),
    ("Friday, Aug. 15", WED, "future", "2025-08-15"),
    ("June 2024", WED, "past", "2024-06"),
    ("in 2019", WED, "past", "2019"),
    ("2019", WED, "present", "2019"),
    ("since 2019", WED, "past", "2019"),
    # months and days without a year: a window around the anchor set by the tense
    ("Aug. 15", WED, "present", "2025-08-15"),
    ("Aug. 15", WED, "past", "2025-08-15"),
    ("Aug. 15", WED, "future", "2025-08-15"),
    ("Sept. 1", WED, "past", "2024-09-01"),
    ("Sept. 1", WED, "future", "2025-09-01"),
    ("December", WED, "past", "2024-12"),
    ("December", WED, "present", "2025-12"),
    ("January", WED, "present", "2026-01"),
    ("June", WED, "future", "2026-06"),
    ("December", MON, "past", "2025-12"),
    ("December", MON, "present", "2025-12"),
    ("mid-June", WED, "past", "2025-06"),
    ("the end of June", WED, "present", "2025-06"),
    ("Feb. 29", WED, "present", None),
    # qualified periods keep the precision of what they qualify
    ("early 2024", WED, "past", "2024"),
    ("mid-2023", WED, "past", "2023"),
    ("late last year", WED, "past", "2024"),
    ("earlier this year", WED, "past", "2025"),
    ("the end of the year", WED, "future", "2025"),
    ("the end of 2024", WED, "past", "2024"),
    ("the first quarter of 2024", WED, "past", "2024-Q1"),
    ("this summer", WED, "present", "2025"),
    ("the summer of 2024", WED, "past", "2024"),
    # vague expressions, spans and ranges
    ("the 1990s", WED, "past", "199"),
    ("the '90s", WED, "past", None),
    ("recent years", WED, "past", None),
    ("the past few years", WED, "past", None),
    ("the past year", WED, "past", None),
    ("decades", WED, "past", None),
    ("a decade ago", WED, "past", None),
    ("the 20th century", WED, "past", "19"),
    ("five years", WED, "present", None),
    ("the coming days", WED, "future", None),
    ("the first time", WED, "past", None),
    ("2024-25", WED, "present", None),
    ("2019-2020", WED, "past", None),
    ("2019 and 2020", WED, "past", None),
    ("from Monday to Friday", WED, "future", None),
    ("a year later", WED, "past", None),
    ("the next day", WED, "past", None),
    ("the same day", WED, "past", None),
    ("about a year ago", WED, "past", None),
    ("more than a year ago", WED, "past", None),
    ("summer", WED, "past", None),
    ("last winter", WED, "past", None),
    ("", WED, "present", None),
    # months named relative to the anchor
    ("last June", WED, "past", "2025-06"),  # the latest June before the anchor's month
    ("last June", dt.date(2025, 2, 10), "past", "2024-06"),
    ("last June", dt.date(2025, 9, 1), "past", "2025-06"),
    ("last August", WED, "past", "2024-08"),
    ("next September", WED, "future", "2025-09"),
    ("next March", WED, "future", "2026-03"),
    ("late last July", dt.date(2025, 3, 22), "past", "2024-07"),
    # quarters, decades, centuries
    ("the third quarter", WED, "present", "2025-Q3"),
    ("the fourth quarter", WED, "past", "2024-Q4"),
    ("last quarter", WED, "past", "2025-Q2"),
    ("next quarter", dt.date(2025, 11, 3), "future", "2026-Q1"),
    ("Q2 2024", WED, "past", "2024-Q2"),
    ("this fiscal year", WED, "present", "2025"),
    ("the 2010s", WED, "past", "201"),
    ("the 1800s", WED, "past", "18"),
    ("the 99th day", WED, "past", None),
    ("the 21st century", WED, "present", "20"),
    # "earlier" looks back and "later" ahead whatever the verb says
    ("earlier on Monday", WED, "present", "2025-08-11"),
    ("earlier on Monday", WED, "future", "2025-08-11"),
    ("later on Friday", WED, "past", "2025-08-15"),
]


@pytest.mark.parametrize(("text", "anchor", "tense", "expected"), CASES)
def test_resolve_date(text: str, anchor: dt.date, tense: Tense, expected: str | None) -> None:
    """Each expression resolves against its anchor and tense to the expected value."""
    assert resolve_date(text, anchor, tense) == expected


def test_resolve_date_defaults_to_present() -> None:
    """Without a tense a bare weekday looks ahead, as in a present-tense sentence."""
    assert resolve_date("Friday", WED) == "2025-08-15"


def test_resolve_date_accepts_a_datetime_anchor() -> None:
    """A datetime anchor resolves like its date."""
    assert resolve_date("yesterday", dt.datetime(2025, 8, 13, 23, 59), "past") == "2025-08-12"


@given(
    anchor=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    day=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]),
    tense=st.sampled_from(["past", "present", "future"]),
)
def test_weekdays_land_within_a_week_on_the_right_side(
    anchor: dt.date, day: str, tense: Tense
) -> None:
    """A bare weekday is that weekday, at most six days away, never on the wrong side of it."""
    value = resolve_date(day, anchor, tense)
    assert value is not None
    found = dt.date.fromisoformat(value)
    assert found.strftime("%A") == day
    assert abs((found - anchor).days) <= 6
    assert found <= anchor if tense == "past" else found >= anchor


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Pyongyang acknowledged it on Monday.", "past"),
        ("Putin will meet Trump on Monday.", "future"),
        ("Putin gets set to meet with Trump this Friday.", "future"),
        ("The talks are scheduled to take place Friday.", "future"),
        ("Kim has sent troops.", "past"),
        ("He says ties are strong.", "present"),
        ("The talks will be held on Friday.", "future"),
        ("He'll visit Seoul on Monday.", "future"),
        ("The vote is set for Friday.", "future"),
        ("Seoul is going to hold talks on Friday.", "future"),
        ("It could have happened on Monday.", "past"),
        ("He said he was going to Moscow.", "past"),
        ("Putin shared details of his upcoming talks with Trump.", "future"),
    ],
)
def test_sentence_tense(nlp: Language, sentence: str, expected: Tense) -> None:
    """The tense comes from the sentence's verbs and its future cues."""
    sent = next(iter(nlp(sentence).sents))
    assert sentence_tense(sent) == expected


def test_seed_dates(nlp: Language) -> None:
    """Every DATE entity of the seed article resolves with its sentence's tense."""
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    doc = nlp(body)
    resolved = Counter(
        (ent.text, resolve_date(ent.text, WED, sentence_tense(ent.sent)))
        for ent in doc.ents
        if ent.label_ == "DATE"
    )
    expected = Counter(
        {
            ("Wednesday", "2025-08-13"): 1,
            ("this Friday", "2025-08-15"): 1,
            ("Friday", "2025-08-15"): 1,
            ("last year", "2024"): 2,
            ("April this year", "2025-04"): 1,
            ("October last year", "2024-10"): 1,
            ("2019", "2019"): 1,
            ("recent years", None): 1,
        }
    )
    assert expected <= resolved, resolved


def test_date_tense_terminates_without_a_verb(nlp: Language) -> None:
    """A date in a verbless line (a timestamp, a label) falls back to the sentence's tense."""
    from newsroom.nlp.dates import date_tense

    for text in ("Updated Friday", "Monday: talks.", "Published 4 June 2025"):
        doc = nlp(text)
        dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
        assert dates, text
        assert all(date_tense(ent) == "present" for ent in dates), text


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Trump said Friday when asked if he would meet Kim.", dt.date(2025, 10, 25), "2025-10-24"),
        (
            "Shoigu arrived Wednesday in Pyongyang, where he will meet Kim.",
            dt.date(2025, 6, 5),
            "2025-06-04",
        ),
        ("The talks are scheduled to take place Friday.", dt.date(2025, 8, 13), "2025-08-15"),
        (
            "The ministry said on Monday that Kim will visit Moscow.",
            dt.date(2025, 8, 13),
            "2025-08-11",
        ),
    ],
)
def test_weekday_takes_the_tense_of_its_own_clause(
    nlp: Language, text: str, anchor: dt.date, expected: str
) -> None:
    """A weekday goes with the verb that governs it, not with a future elsewhere in the sentence."""
    from newsroom.nlp.dates import date_tense

    doc = nlp(text)
    (ent,) = [e for e in doc.ents if e.label_ == "DATE"]
    assert resolve_date(ent.text, anchor, date_tense(ent)) == expected


# --- detection in running text (sentences written for these tests) -----------------------------

THU = dt.date(2025, 8, 14)


def found(nlp: Language, text: str, anchor: dt.date = THU) -> list[tuple[str, str | None, str]]:
    """(text, value, kind) of every date expression found in ``text``."""
    from newsroom.nlp.dates import find_dates_in_doc

    return [(d.text, d.value, d.kind) for d in find_dates_in_doc(nlp(text), anchor)]


@pytest.mark.parametrize(
    ("text", "not_dates"),
    [
        ("Kopp, 44, said the plan would fail.", ["44"]),
        ("The mayor, 62, has led the city for three years.", ["62", "three years"]),
        ("Shares fell to a five-year low on Tuesday.", ["five-year"]),
        ("The 23-year occupation ended in 2001.", ["23-year"]),
        ("The committee meets twice a year.", ["twice a year"]),
        ("Talks began at 9 a.m. and ran for six hours.", ["9 a.m.", "six hours"]),
        ("A 22-year-old driver was hurt.", ["22-year-old"]),
        ("The season started a month earlier than usual.", ["a month earlier"]),
    ],
)
def test_ages_durations_counts_and_times_are_not_dates(
    nlp: Language, text: str, not_dates: list[str]
) -> None:
    """Ages, durations, frequencies, counts and clock times never get a date value."""
    dated = {t for t, value, _ in found(nlp, text) if value is not None}
    assert not dated & set(not_dates), found(nlp, text)


def test_ranges_and_lists_split_into_their_dates(nlp: Language) -> None:
    """ "between 1994 and 1997" and "2009-2010" are two dates each, with their own spans."""
    assert found(nlp, "Prices rose between 1994 and 1997.") == [
        ("1994", "1994", "DATE"),
        ("1997", "1997", "DATE"),
    ]
    assert found(nlp, "The pandemic of 2009-2010 was mild.") == [
        ("2009", "2009", "DATE"),
        ("2010", "2010", "DATE"),
    ]


def test_reference_words_are_found(nlp: Language) -> None:
    """ "now", "currently" and "recently" are found with their TimeML reference values."""
    assert found(nlp, "He is now in Moscow and currently leads the team.") == [
        ("now", "PRESENT_REF", "DATE"),
        ("currently", "PRESENT_REF", "DATE"),
    ]
    assert found(nlp, "He recently visited Seoul.") == [("recently", "PAST_REF", "DATE")]
    assert found(nlp, "The past week was calm.")[0][0] == "The past week"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # a participle reports what happened; a "would" elsewhere does not make it future
        ("The decision, announced Wednesday, would change the rules.", THU, "2025-08-13"),
        ("Earlier on Monday, the minister said the talks had failed.", THU, "2025-08-11"),
        ("The ministry said on Friday that the talks had failed.", THU, "2025-08-08"),
        # a month that modifies a noun is the nearest one, not the one the verb looks back to
        ("The parties missed a June deadline.", dt.date(2026, 2, 10), "2026-06"),
        ("Trade rose last November.", THU, "2024-11"),
        ("He will travel to Tokyo next September.", THU, "2025-09"),
        ("Profits rose this week.", THU, "2025-W33"),
        ("The plant opened on Friday night.", THU, "2025-08-08"),
    ],
)
def test_dates_in_context(nlp: Language, text: str, anchor: dt.date, expected: str) -> None:
    """The one date of each sentence resolves with the tense of the clause that governs it."""
    values = [value for _, value, _ in found(nlp, text, anchor)]
    assert values == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim visited Moscow in 2019. In October that year, he met Putin again.", "2019-10"),
        ("The talks collapsed in 2019. A year earlier, both sides had agreed a truce.", "2018"),
        ("The war began in March 2022. That same month, sanctions followed.", "2022-03"),
        ("The dam opened in 1998. Two years later, it flooded.", "2000"),
    ],
)
def test_anaphora_resolve_against_the_last_date_named(
    nlp: Language, text: str, expected: str
) -> None:
    """ "that year", "a year earlier", "October that year" take the year just named."""
    assert found(nlp, text)[-1][1] == expected


def test_report_dates_are_marked(nlp: Language) -> None:
    """A date that goes with a verb of saying is the report's, not the event's."""
    from newsroom.nlp.dates import find_dates_in_doc

    doc = nlp("The two leaders held a phone call, state media said Wednesday.")
    assert [(d.text, d.reported) for d in find_dates_in_doc(doc, THU)] == [("Wednesday", True)]


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2025", (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("2025-12", (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
        ("2025-08-13", (dt.date(2025, 8, 13), dt.date(2025, 8, 13))),
        ("2025-W33", (dt.date(2025, 8, 11), dt.date(2025, 8, 17))),
        ("2025-Q3", (dt.date(2025, 7, 1), dt.date(2025, 9, 30))),
        ("2025-Q4", (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
        ("PRESENT_REF", None),
        ("199", None),
        ("2025-13", None),
        (None, None),
    ],
)
def test_calendar_span(value: str | None, span: tuple[dt.date, dt.date] | None) -> None:
    """Calendar values have a first and last day; references and decades have none."""
    from newsroom.nlp.dates import calendar_span

    assert calendar_span(value) == span


def test_human_dates_of_weeks_quarters_and_references() -> None:
    """A week or quarter reads as its span; references, decades and centuries in words."""
    from newsroom.pages.markup import human_date

    assert human_date("2025-W33") == "11–17 August 2025"
    assert human_date("2025-W31") == "28 July – 3 August 2025"
    assert human_date("2025-Q3") == "1 July – 30 September 2025"
    assert human_date("PRESENT_REF") == "now"
    assert human_date("199") == "the 1990s"
    assert human_date("19") == "the 20th century"
    assert human_date("2025-08-13") == "13 August 2025"


def test_words_file_is_package_data() -> None:
    """The word lists load from the package, every pattern compiled."""
    from newsroom.nlp.dates.detect import not_a_date, words

    assert words().references and words().anaphora
    assert not_a_date("44") == "age" and not_a_date("recent years") == "duration"
    assert not_a_date("last year") is None

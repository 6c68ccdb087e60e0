"""Rule-based TIMEX3 tagger: values, intervals and relations computed by hand.

dct = Wednesday 2025-03-12 (ISO week 2025-W11) unless stated otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.nlp.time.timex import find_timexes, normalise

DCT = date(2025, 3, 12)
B, A, AR = "before_publication", "after_publication", "around_publication"


def _one(text: str, dct: date | None = DCT):
    found = find_timexes(text, dct)
    assert len(found) == 1, found
    return found[0]


def _by_text(text: str, dct: date | None = DCT) -> dict:
    return {t.text: t for t in find_timexes(text, dct)}


# fmt: off
@pytest.mark.parametrize(
    "sentence, span, typ, value, mod, earliest, latest, relation",
    [
        ("The deal was signed March 11, 2025.", "March 11, 2025", "DATE", "2025-03-11", None,
         "2025-03-11", "2025-03-11", B),
        ("It was signed on 11 March.", "11 March", "DATE", "2025-03-11", None, "2025-03-11",
         "2025-03-11", B),
        ("In 2024, trade fell.", "2024", "DATE", "2024", None, "2024-01-01", "2024-12-31", B),
        ("The talks collapsed in November.", "November", "DATE", "2024-11", None, "2024-11-01",
         "2024-11-30", B),
        ("Elections will be held in November.", "November", "DATE", "2025-11", None,
         "2025-11-01", "2025-11-30", A),
        ("He said it last week.", "last week", "DATE", "2025-W10", None, "2025-03-03",
         "2025-03-09", B),
        ("It opens next month.", "next month", "DATE", "2025-04", None, "2025-04-01",
         "2025-04-30", A),
        ("Growth slowed this year.", "this year", "DATE", "2025", None, "2025-01-01",
         "2025-12-31", AR),
        ("Prices rose earlier in the year.", "earlier in the year", "DATE", "2025", "START",
         "2025-01-01", "2025-03-11", B),
        ("Prices rose earlier this year.", "earlier this year", "DATE", "2025", "START",
         "2025-01-01", "2025-03-11", B),
        ("Protests began late last year.", "late last year", "DATE", "2024", "END", "2024-09-01",
         "2024-12-31", B),
        ("He spoke on Monday.", "Monday", "DATE", "2025-03-10", None, "2025-03-10",
         "2025-03-10", B),
        ("They will meet Tuesday.", "Tuesday", "DATE", "2025-03-18", None, "2025-03-18",
         "2025-03-18", A),
        ("It rained yesterday.", "yesterday", "DATE", "2025-03-11", None, "2025-03-11",
         "2025-03-11", B),
        ("It rains today.", "today", "DATE", "2025-03-12", None, "2025-03-12", "2025-03-12", AR),
        ("He speaks tonight.", "tonight", "TIME", "2025-03-12TNI", None, "2025-03-12",
         "2025-03-12", AR),
        ("It fell three days ago.", "three days ago", "DATE", "2025-03-09", None, "2025-03-09",
         "2025-03-09", B),
        ("It fell two weeks ago.", "two weeks ago", "DATE", "2025-W09", None, "2025-02-24",
         "2025-03-02", B),
        ("Ruled since 2022.", "2022", "DATE", "2022", None, "2022-01-01", "2022-12-31", B),
        ("Attacks rose in recent weeks.", "recent weeks", "DATE", "PAST_REF", None, None,
         "2025-03-12", B),
        ("Talks resume within the next few months.", "the next few months", "DURATION", "PXM",
         None, "2025-03-12", "2025-07-12", A),
        ("Talks resume in the coming months.", "the coming months", "DATE", "FUTURE_REF", None,
         "2025-03-12", "2025-09-12", A),
        ("Growth over the past two decades.", "the past two decades", "DURATION", "P20Y", None,
         "2005-03-12", "2025-03-12", B),
        ("Fighting began around midday.", "around midday", "TIME", "2025-03-12T12:00", "APPROX",
         "2025-03-12", "2025-03-12", AR),
        ("Shelling went on Tuesday night.", "Tuesday night", "TIME", "2025-03-11TNI", None,
         "2025-03-11", "2025-03-11", B),
        ("It is currently closed.", "currently", "DATE", "PRESENT_REF", None, "2025-03-12",
         "2025-03-12", AR),
    ],
)
# fmt: on
def test_with_dct(sentence, span, typ, value, mod, earliest, latest, relation) -> None:
    t = _one(sentence)
    assert (t.text, t.type, t.value, t.mod) == (span, typ, value, mod)
    assert (t.earliest, t.latest, t.relation) == (earliest, latest, relation)
    assert sentence[t.start : t.end] == span
    assert t.resolved is True


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("Fighting lasted decades.", "decades", "PXDE"),
        ("He served three years.", "three years", "P3Y"),
        ("They agreed a 30-day ceasefire.", "30-day", "P30D"),
        ("It took no more than 72 hours.", "no more than 72 hours", "PT72H"),
        ("The flight took 4.5 hours.", "4.5 hours", "PT4H30M"),
        ("It may take three to five years.", "three to five years", "PXY"),
    ],
)
def test_durations(sentence, span, value) -> None:
    t = _one(sentence)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)
    assert t.earliest is None and t.resolved is False


def test_july_or_august_is_one_interval_after_dct() -> None:
    found = _by_text("The offensive could start as early as July or August.")
    assert [t.value for t in found.values()] == ["2025-07", "2025-08"]
    for t in found.values():
        assert (t.earliest, t.latest, t.relation) == ("2025-07-01", "2025-08-31", A)
    t = normalise("as early as July or August", DCT, tense="future")
    assert (t.start, t.end, t.value, t.earliest, t.latest) == (0, 26, "2025-07", "2025-07-01",
                                                               "2025-08-31")


def test_anchored_expressions_follow_the_last_day() -> None:
    found = _by_text("The jailbreak began Thursday around midday. That is down from the day "
                     "before when more inmates fled.")
    assert found["Thursday"].value == "2025-03-06"
    assert found["around midday"].value == "2025-03-06T12:00"
    assert found["the day before"].value == "2025-03-05"


def test_sets_and_extents() -> None:
    found = _by_text("Dogs are killed annually, 13,700 every month and 40 each day, at weekends.")
    assert {k: (v.type, v.value) for k, v in found.items()} == {
        "annually": ("SET", "P1Y"), "every month": ("SET", "P1M"), "each day": ("SET", "P1D"),
        "weekends": ("SET", "XXXX-WXX-WE"),
    }
    found = _by_text("Between 2010-2011 over the past decade, since the 1990s, in mid-2018.")
    assert {k: v.value for k, v in found.items()} == {
        "2010": "2010", "2011": "2011", "the past decade": "P10Y", "the 1990s": "199",
        "mid-2018": "2018",
    }


@pytest.mark.parametrize(
    "text, value, relation",
    [
        ("earlier in the year", "XXXX", B),
        ("within the next few months", "PXM", A),
        ("last week", "XXXX-WXX", B),
        ("next month", "XXXX-XX", A),
        ("yesterday", "XXXX-XX-XX", B),
        ("two years ago", "XXXX", B),
        ("the coming years", "FUTURE_REF", A),
        ("recently", "PAST_REF", B),
    ],
)
def test_without_dct(text, value, relation) -> None:
    t = normalise(text, None)
    assert t is not None
    assert (t.value, t.relation, t.earliest, t.latest, t.resolved) == (value, relation, None,
                                                                        None, False)
    assert (t.start, t.end, t.text) == (0, len(text), text)


def test_without_dct_month_and_weekday_use_tense() -> None:
    t = _one("Troops withdrew in July.", None)
    assert (t.value, t.relation, t.earliest) == ("XXXX-07", B, None)
    t = _one("Talks will resume Monday.", None)
    assert (t.value, t.relation) == ("XXXX-WXX-1", A)
    assert normalise("July", None, tense="future").relation == A


@pytest.mark.parametrize(
    "text",
    [
        "A 15-year-old boy was hurt.",
        "He is 45 years old.",
        "Steps 1,2,3 were skipped.",
        "Some 2025 people were displaced.",
        "Rebels may attack again.",
        "Thousands joined a march on the capital.",
        "Theresa May said so.",
        "The March was peaceful.",
        "The Arab Spring began elsewhere.",
        "He paid $2019 for it.",
        "",
    ],
)
def test_false_positives(text) -> None:
    assert find_timexes(text, DCT) == []


def test_empty_and_none() -> None:
    assert find_timexes("", None) == []
    assert normalise("the colour blue", DCT) is None


def test_huge_single_paragraph_is_linear_and_safe() -> None:
    base = "Officials said on Monday that talks would resume in the coming months, " * 20
    big = (base + "x" * 2000 + " 1,2,3 " * 300) * 1
    big = (big * (5_000_000 // len(big) + 1))[:5_000_000]
    found = find_timexes(big, DCT)
    assert len(found) > 1000
    assert find_timexes("a" * 200_000 + " 12 " * 10_000, DCT) == []


def test_a_scheduled_event_in_the_present_names_the_coming_weekday() -> None:
    dct = date(2021, 3, 29)  # a Monday
    got = {t.text: t.value for t in find_timexes("The court rules Wednesday on the appeal.", dct)}
    assert got["Wednesday"] == "2021-03-31"
    got = {t.text: t.value for t in find_timexes("The court ruled Wednesday on the appeal.", dct)}
    assert got["Wednesday"] == "2021-03-24"


def test_a_present_tense_schedule_names_the_coming_month() -> None:
    dct = date(2013, 3, 22)
    got = {t.text: t.value for t in find_timexes("The vote is in May, officials said.", dct)}
    assert got["May"] == "2013-05"
    got = {t.text: t.value for t in find_timexes("The vote was held in May.", dct)}
    assert got["May"] == "2012-05"


@pytest.mark.parametrize(
    "text,value",
    [
        ("Talks resume Monday.", "2013-03-25"),
        ("Talks resumed Monday.", "2013-03-18"),
        ("The plant reopens in December.", "2013-12"),
        ("The plant reopened in December.", "2012-12"),
        ("The fiscal year ends in September.", "2013-09"),
        ("Sales fell last month.", "2013-02"),
        ("Exports slowed last summer.", "2012-SU"),
        ("Earlier this week the market fell.", "2013-W12"),
    ],
)
def test_relative_and_underspecified_against_the_publication_date(text, value) -> None:
    """DCT 2013-03-22, a Friday: the tense of the clause picks the direction."""
    assert [t.value for t in find_timexes(text, date(2013, 3, 22))] == [value]

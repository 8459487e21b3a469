"""The claims stage on real sentences of the kinds the guidelines name (sentences from the seed
and from public-domain White House texts)."""
from __future__ import annotations

import pytest

from claim_extract.run import make_doc
from claim_extract.article import Article


def claims_of(nlp, text, published="2024-03-25", url="https://www.whitehouse.gov/x", title=""):
    doc = nlp(make_doc(nlp, Article(doc_id="t.txt", path="t.txt", body=text, published=published, url=url,
                                    title=title)))
    return doc._.claims


def one(claims, **want):
    hits = [c for c in claims if all(c[k] == v for k, v in want.items())]
    assert hits, f"no claim with {want} in {[(c['speaker_name'], c['cue'], c['claim_type']) for c in claims]}"
    return hits[0]


def test_coordinated_subjects_give_one_row_each_with_a_shared_id(nlp):
    text = "As President Biden and Prime Minister Kishida prepare to unveil this landmark security agreement, the world watches."
    claims = claims_of(nlp, text)
    biden = one(claims, speaker_name="Joe Biden", cue="unveil")
    kishida = one(claims, speaker_name="Fumio Kishida", cue="unveil")
    assert biden["claim_id"] == kishida["claim_id"]
    assert text[biden["start_char"]:biden["end_char"]] == "this landmark security agreement"
    assert (biden["target_country"], kishida["target_country"]) == ("JPN", "USA")
    assert biden["claim_type"] == "ANNOUNCE"


def test_nominal_cue_with_possessor(nlp):
    text = "Japan's commitment to doubling its defense budget to 2% of GDP by 2027 illustrates Tokyo's resolve."
    c = one(claims_of(nlp, text), cue="commitment")
    assert (c["speaker_name"], c["speaker_country"], c["claim_type"]) == ("Japan", "JPN", "COMMIT")
    assert text[c["start_char"]:c["end_char"]].startswith("doubling its defense budget")


def test_criticism_from_a_capital_is_the_country(nlp):
    claims = claims_of(nlp, "This strategic pivot has not gone unnoticed, drawing criticism from Beijing.")
    c = one(claims, cue="criticism")
    assert (c["speaker_name"], c["speaker_country"], c["claim_type"], c["stance"]) == ("China", "CHN", "ACCUSE", "oppose")


def test_passive_with_agent(nlp):
    text = "China's rapid military expansion has been identified as 'serious concerns' by Japan and its allies."
    c = one(claims_of(nlp, text), cue="identify")
    assert c["speaker_country"] == "JPN"
    assert text[c["start_char"]:c["end_char"]] == "China's rapid military expansion"
    assert c["claim_type"] == "ACCUSE"


def test_the_president_is_the_publishing_office_head_on_that_date(nlp):
    claims = claims_of(nlp, "The President underscored the importance of the alliance.", published="2023-05-01")
    assert one(claims, cue="underscore")["speaker_name"] == "Joe Biden"


def test_the_two_leaders_are_the_participants(nlp):
    text = ("Vice President Kamala Harris met today with Indonesian President Joko Widodo in Jakarta. "
            "The two leaders discussed opportunities to expand economic cooperation.")
    claims = claims_of(nlp, text, published="2023-09-06")
    names = {c["speaker_name"] for c in claims if c["cue"] == "discuss"}
    assert names == {"Kamala Harris", "Joko Widodo"}


def test_author_assessment_is_not_a_claim(nlp):
    assert claims_of(nlp, "This initiative reaffirms the US-Japan alliance as the cornerstone of peace.") == []


def test_transcript_turns_speak_for_their_speaker(nlp):
    text = ("PRESIDENT BIDEN:  Thank you all for being here.\n\n"
            "We will continue to provide security assistance to Ukraine.  "
            "Russia is bombing grain silos in Ukraine.\n\n"
            "PRESIDENT ZELENSKYY:  Thank you so much.  We agreed to work on the future force of Ukraine.\n")
    claims = claims_of(nlp, text, published="2023-09-21")
    biden = [c for c in claims if c["speaker_name"] == "Joe Biden"]
    assert {(c["cue"], c["claim_type"], c["stance"]) for c in biden} == {("say", "COMMIT", "support"), ("say", "ACCUSE", "oppose")}
    accuse = one(biden, claim_type="ACCUSE")
    assert accuse["target_country"] == "RUS"
    zel = one(claims, speaker_name="Volodymyr Zelenskyy", cue="agree")
    assert zel["speaker_country"] == "UKR"
    assert not any("Thank you" in text[c["start_char"]:c["end_char"]] for c in claims)


def test_reporter_questions_are_not_claims(nlp):
    text = ("THE PRESIDENT:  We will stand with Ukraine for as long as it takes.\n\n"
            "Q    Mr. President, will the United States send more tanks to Ukraine next month?\n")
    claims = claims_of(nlp, text, published="2023-09-21")
    assert [c["speaker_name"] for c in claims] == ["Joe Biden"]


def test_statement_author_comes_from_the_title(nlp):
    claims = claims_of(
        nlp, "I have worked my entire career to deepen our partnership. We are working together to build new "
        "alliances across the region.", published="2023-04-25",
        title="Statement from President Joe Biden on the Occasion of Israel's Independence Day")
    assert {c["speaker_name"] for c in claims} == {"Joe Biden"}
    assert any(c["cue"] == "say" for c in claims)


def test_joint_statement_we_is_the_signatories(nlp):
    claims = claims_of(
        nlp, "We reaffirm our commitment to the Alliance. The working group was established in 2023 as a "
        "consultative body.", published="2024-07-11",
        title="Joint Statement by President Joseph R. Biden of the United States and President Yoon Suk Yeol of "
              "the Republic of Korea")
    assert {c["speaker_name"] for c in claims} == {"Joe Biden", "Yoon Suk Yeol"}
    assert all(c["start_char"] >= 0 and "working group" not in c.get("cue_text", "") for c in claims)
    assert len({c["claim_id"] for c in claims}) == 1  # the descriptive sentence is not a claim


def test_a_numbered_group_takes_that_many_participants(nlp):
    text = ("National Security Advisor Jake Sullivan met today with Japan's Akiba Takeo and Prime Minister Kishida. "
            "The two officials discussed the regional security environment.")
    names = {c["speaker_name"] for c in claims_of(nlp, text, published="2023-03-27") if c["cue"] == "discuss"}
    assert names == {"Jake Sullivan", "Takeo Akiba"}


def test_an_act_of_war_is_not_an_announcement(nlp):
    claims = claims_of(nlp, "Russia launched a brutal war against Ukraine in 2022.")
    assert not any(c["cue"] == "launch" for c in claims)


def test_direct_quotes_before_and_after_the_cue(nlp):
    text = ('Harris said, “We will not back down. Our alliances are strong.” '
            '“The people of Ukraine are steeled for this struggle,” the minister said. '
            '“How many times must we see this?” Biden said.')
    claims = claims_of(nlp, text, published="2023-09-21")
    harris = one(claims, speaker_name="Kamala Harris")
    assert text[harris["start_char"]:harris["end_char"]] == "We will not back down. Our alliances are strong."
    assert harris["quote"] == "direct"
    minister = one(claims, speaker="the minister")
    assert text[minister["start_char"]:minister["end_char"]] == "The people of Ukraine are steeled for this struggle,"
    assert one(claims, speaker_name="Joe Biden")["quote"] == "direct"


def test_according_to_at_the_end_of_a_sentence(nlp):
    text = "The explosion went off around 8:30 p.m. in front of the building, according to Commissioner James O'Neill."
    c = one(claims_of(nlp, text), cue="according to")
    assert text[c["start_char"]:c["end_char"]].startswith("The explosion went off")
    assert "O'Neill" in c["speaker_name"]


def test_parenthetical_cue(nlp):
    text = "Acts of protest, Mr. Obama said, are acts of patriotism."
    c = one(claims_of(nlp, text, published="2016-09-20"), speaker_name="Barack Obama")
    assert "acts of patriotism" in text[c["start_char"]:c["end_char"]]


def test_quote_signed_with_a_dash(nlp):
    text = "“Donald Trump scares me. His words make me afraid for the future.” ― Krystal Correa"
    c = one(claims_of(nlp, text, published="2016-09-30"), speaker_name="Krystal Correa")
    assert text[c["start_char"]:c["end_char"]].startswith("Donald Trump scares me.")


def test_unnamed_sources_are_kept_with_the_mention_as_speaker(nlp):
    text = "A spokesman for the agency said that it had fired the employees."
    c = one(claims_of(nlp, text), cue="say")
    assert c["speaker_name"].lower().startswith("a spokesman") and c["speaker_country"] == ""
    assert c["confidence"] < 0.6


def test_a_list_of_positions_is_one_claim_each(nlp):
    text = ("Vice President Harris met President Widodo. She reiterated the United States’ commitment to ASEAN "
            "centrality, support for Indonesia’s chair year theme, and support for robust implementation of the "
            "ASEAN Outlook on the Indo-Pacific.")
    claims = [c for c in claims_of(nlp, text, published="2023-09-06") if c["cue"] == "reiterate"]
    contents = [text[c["start_char"]:c["end_char"]] for c in claims]
    assert contents == ["the United States’ commitment to ASEAN centrality", "support for Indonesia’s chair year theme",
                        "support for robust implementation of the ASEAN Outlook on the Indo-Pacific"]
    assert {c["speaker_name"] for c in claims} == {"Kamala Harris"}
    assert all(c["claim_type"] == "SUPPORT" for c in claims)


def test_a_quote_in_the_paragraph_before_belongs_to_someone_else(nlp):
    text = ('President Joe Biden said "we stand with Japan and Korea."\n\n'
            'Prime Minister Fumio Kishida said the alliance is "strong and durable" today.')
    claims = claims_of(nlp, text)
    kishida = one(claims, speaker_name="Fumio Kishida")
    assert text[kishida["start_char"]:kishida["end_char"]].startswith("the alliance is")
    assert len(one_each := [c for c in claims if c["speaker_name"] == "Joe Biden"]) == 1
    assert text[one_each[0]["start_char"]:one_each[0]["end_char"]] == "we stand with Japan and Korea."


def test_three_party_claim_targets_the_third_actor_not_a_party(nlp):
    text = ("National Security Advisor Jake Sullivan, Republic of Korea National Security Advisor Shin Wonsik, and "
            "Japanese National Security Advisor Akiba Takeo met in Washington. The three National Security Advisors "
            "expressed grave concern over troop deployments by the Democratic People’s Republic of Korea to Russia.")
    claims = [c for c in claims_of(nlp, text, published="2024-10-25") if c["cue"] == "concern"]
    assert {c["speaker_name"] for c in claims} == {"Jake Sullivan", "Shin Wonsik", "Takeo Akiba"}
    assert {c["target_country"] for c in claims} == {"PRK"}
    assert all("to Russia" in text[c["start_char"]:c["end_char"]] for c in claims)


def test_a_definite_title_refers_back_to_the_officeholder_named_before(nlp):
    text = ("Chinese Foreign Minister Wang Yi met reporters in Beijing on Monday. The foreign minister said that "
            "China opposes any interference in its internal affairs.")
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert (c["speaker"], c["speaker_name"], c["speaker_country"]) == ("The foreign minister", "Wang Yi", "CHN")


def test_we_the_leaders_of_the_g7_speak_for_the_g7(nlp):
    text = ("We, the Leaders of the G7, reaffirm our unwavering support for Ukraine. "
            "We will continue to impose costs on Russia for its war of aggression.")
    claims = claims_of(nlp, text, published="2023-05-19")
    assert {c["speaker_name"] for c in claims} == {"G7"}
    assert {c["speaker_country"] for c in claims} == {""}
    assert len(claims) == 2


def test_a_criticism_cue_without_a_verb_above_it_ends(nlp):
    # a headline-like fragment: the cue noun is the root, with no verb to climb to
    claims = claims_of(nlp, "Sharp criticism from Beijing.")
    assert all(c["speaker_country"] == "CHN" for c in claims)


def test_told_with_an_addressee_keeps_the_quote_before_it(nlp):
    text = '"We will not accept these terms," Foreign Minister Wong told reporters in Canberra.'
    c = one(claims_of(nlp, text), cue="tell")
    assert text[c["start_char"]:c["end_char"]].startswith("We will not accept these terms")
    assert "reporters" not in text[c["start_char"]:c["end_char"]]


def test_the_addressee_of_told_is_never_the_content(nlp):
    claims = claims_of(nlp, "The ambassador told the committee on Tuesday.")
    assert not [c for c in claims if c["cue"] == "tell"]


def test_a_described_person_is_an_unnamed_source(nlp):
    text = '"The sanctions are working," a senior European commissioner said on Friday.'
    c = one(claims_of(nlp, text), cue="say")
    assert c["speaker"] == "a senior European commissioner"
    assert c["speaker_type"] == "PERSON"


def test_an_unresolved_pronoun_keeps_the_claim_with_an_empty_name(nlp):
    text = 'The port authority chief spoke after the vote. "The strike is over," she said.'
    c = one(claims_of(nlp, text), cue="say")
    assert (c["speaker"], c["speaker_name"]) == ("she", "")
    assert c["confidence"] < 0.7


def test_you_know_is_no_claim(nlp):
    text = ("THE PRESIDENT: Well, you know, the alliance has never been stronger.\n\n"
            "Q: Thank you, Mr. President.")
    claims = claims_of(nlp, text, published="2023-05-01")
    assert not [c for c in claims if c["speaker"].lower() == "you"]


def test_an_adjective_cue_takes_its_own_clause(nlp):
    text = "Japanese officials were concerned that the missile tests would continue."
    c = one(claims_of(nlp, text), cue="concerned")
    assert text[c["start_char"]:c["end_char"]] == "the missile tests would continue"
    assert (c["speaker_country"], c["claim_type"]) == ("JPN", "ACCUSE")


def test_an_adjective_cue_without_a_complement_is_no_claim(nlp):
    claims = claims_of(nlp, "Analysts say the campaign is worried.")
    assert not [c for c in claims if c["cue"] == "worried"]


def test_a_quantified_group_speaks_through_its_noun(nlp):
    text = "Most of the Japanese officials said the agreement was fair to both sides."
    c = one(claims_of(nlp, text), cue="say")
    assert (c["speaker"], c["speaker_country"]) == ("Most of the Japanese officials", "JPN")


def test_an_object_that_makes_a_verb_no_cue(nlp):
    assert not claims_of(nlp, "The council called an emergency meeting on Tuesday.")
    assert not claims_of(nlp, "A spokesman for the embassy did not respond to requests for comment.")
    called = claims_of(nlp, "The senator called the vote a mistake.")
    assert [c for c in called if c["cue"] == "call"]


def test_verbs_of_speaking_aloud_with_a_quote(nlp):
    text = 'Protesters outside the embassy chanted "No more war!" as the talks began.'
    c = one(claims_of(nlp, text), cue="chant")
    assert text[c["start_char"]:c["end_char"]] == "No more war!"


def test_nominal_cues_of_claims_and_threats(nlp):
    text = "China's claim that the reef lies within its waters was rejected by the tribunal."
    c = one(claims_of(nlp, text), cue="claim")
    assert (c["speaker_country"], text[c["start_char"]:c["end_char"]]) == ("CHN", "the reef lies within its waters")
    text = "Russia's threat to cut gas supplies alarmed European capitals."
    c = one(claims_of(nlp, text), cue="threat")
    assert (c["speaker_country"], c["claim_type"]) == ("RUS", "THREATEN")


def test_a_relative_pronoun_is_the_mention_and_the_noun_before_it_the_speaker(nlp):
    text = "The plan was discussed with Prime Minister Kishida, who said it would strengthen the alliance."
    c = one(claims_of(nlp, text), cue="say")
    assert (c["speaker"], c["speaker_name"]) == ("who", "Fumio Kishida")
    assert text[c["speaker_start"]:c["speaker_end"]] == "who"


def test_a_cue_inside_a_signed_quote_is_part_of_the_quote(nlp):
    text = ("Readers told us what they think of the summit.\n\n"
            "“He says he is proud of the deal, but the farmers in my town lost their markets.” ― Ana Ruiz\n")
    claims = claims_of(nlp, text)
    ruiz = one(claims, speaker="Ana Ruiz")
    assert text[ruiz["start_char"]:ruiz["end_char"]].startswith("He says he is proud")
    assert not [c for c in claims if c["speaker"] == "He"]


def test_a_definite_description_names_the_organisation_before_it(nlp):
    text = ("The International Monetary Fund cut its forecast on Tuesday. "
            "The fund warned that the trade dispute would slow growth in Asia.")
    c = one(claims_of(nlp, text), cue="warn")
    assert c["speaker"] == "The fund"
    assert c["speaker_name"] in ("International Monetary Fund", "IMF")


def test_a_quote_mark_the_parser_hangs_on_the_speaker(nlp):
    text = ('"Absolutely hate this framing of the vote that places all the blame on young folks," '
            'Lee R. Parker II, a writer for The Herald, said on Twitter.')
    c = one(claims_of(nlp, text), cue="say")
    assert text[c["start_char"]:c["end_char"]].startswith("Absolutely hate this framing")


def test_a_subject_inside_the_quote_is_not_the_speaker(nlp):
    text = ('"If the talks fail this week, it will be the end of the truce, probably sooner rather than later," '
            'said James Acton, a physicist who is co-director of a nuclear policy program in Washington.')
    c = one(claims_of(nlp, text), cue="say")
    assert c["speaker"] == "James Acton"
    assert text[c["start_char"]:c["end_char"]].startswith("If the talks fail this week")


def test_began_by_saying_takes_the_subject_of_began(nlp):
    text = "Dean, a medical doctor, appeared on television on Tuesday and began by saying he would never diagnose a patient on air."
    c = one(claims_of(nlp, text), cue="say")
    assert c["speaker"] == "Dean"


def test_a_complement_the_parser_took_for_an_adverbial_clause(nlp):
    text = "Trump said after the convention he would not accept Cruz's endorsement if it were offered."
    c = one(claims_of(nlp, text), cue="say")
    assert "he would not accept Cruz's endorsement" in text[c["start_char"]:c["end_char"]]
    assert not claims_of(nlp, "The President spoke when the delegates arrived.")


def test_told_an_audience_that_with_the_clause_hung_on_the_audience(nlp):
    text = ("In Honolulu last week, President Biden told a meeting of Pacific Island leaders that few people "
            "understood the stakes of climate change better than residents of their part of the planet.")
    c = one(claims_of(nlp, text, published="2023-09-25"), cue="tell")
    assert text[c["start_char"]:c["end_char"]].startswith("few people understood the stakes")


def test_a_decision_is_an_act_not_a_claim(nlp):
    text = ("Tokyo's decision to appoint a defense attache in Taiwan and its congratulatory message to "
            "Taiwanese President Lai Ching-te, though seemingly minor, signal a significant diplomatic stance.")
    claims = claims_of(nlp, text, published="2024-03-25")
    assert one(claims, cue="message")["claim_type"] == "SUPPORT"
    assert not [c for c in claims if c["cue"] == "decision"]


def test_a_surname_the_recognizer_missed_is_the_person_named_before(nlp):
    text = "Donald Trump spoke in Ohio on Monday. Trump accused Holt of being a Democrat."
    c = one(claims_of(nlp, text, published="2016-09-27"), cue="accuse")
    assert text[c["start_char"]:c["end_char"]] == "Holt of being a Democrat"


def test_expressed_misgivings_and_family_members_as_sources(nlp):
    c = one(claims_of(nlp, "Younger voters have expressed misgivings about the trade pact."), cue="misgiving")
    assert c["claim_type"] == "ACCUSE"
    c = one(claims_of(nlp, "The victim's family has called on police to release the videos."), cue="call on")
    assert c["speaker"] == "The victim's family"


def test_a_planned_act_without_a_date_takes_the_date_set_for_it_before(nlp):
    text = ("The two governments will sign a new trade pact, officials said. The signing is set for a ceremony "
            "in Canberra on May 3.\n\nAs Prime Minister Albanese and President Biden prepare to unveil the pact, "
            "farmers are watching. Australia's plans to expand exports were welcomed.")
    claims = claims_of(nlp, text, published="2023-04-20")
    unveil = one(claims, cue="unveil")
    assert unveil["said_on"] == "2023-05-03"
    assert all(c["said_on"] == "2023-04-20" for c in claims if c["cue"] in ("plan", "welcome"))


def test_a_named_programme_never_speaks_even_when_the_recognizer_misses_it(nlp):
    text = ("The Compact recognizes the interrelationship between critical minerals and the clean energy "
            "transformation.")
    assert not claims_of(nlp, text, published="2023-05-20")


def test_a_cue_inside_a_quote_keeps_its_content_inside_the_quote(nlp):
    text = ('"We should focus on wages. Farmers do not agree with the tariff," Senator Mills said, listing several '
            'questions, including, "Do you really think that exporters can wait?"')
    claims = claims_of(nlp, text, url="")
    c = one(claims, cue="say")
    assert c["speaker"] == "Mills"
    assert text[c["start_char"]:c["end_char"]].startswith("We should focus on wages.")
    assert all(text[d["start_char"]:d["end_char"]].count("Mills") == 0 for d in claims)


def test_a_name_after_the_quote_is_the_speaker_when_the_parser_misses_it(nlp):
    text = '"The port will reopen when the divers finish their work," Harbor Master Ellen Price said Monday.'
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert c["speaker"].endswith("Ellen Price")
    assert text[c["start_char"]:c["end_char"]].startswith("The port will reopen")
    # the parser finds no subject (it hangs the name on the quote): the name between quote and cue
    from claim_extract.attribution.cues import find_cues
    from claim_extract.attribution.speakers import speaker_heads

    doc = nlp('"He is right. The board has failed our teachers," Lopez, a union official, said Thursday on '
              '“Fox and Friends.”')
    said = [m for m in find_cues(doc[:]) if m.token.lower_ == "said"]
    assert [t.text for t in speaker_heads(said[0])[0]] == ["Lopez"]


def test_a_quote_ending_in_a_comma_is_the_content_of_the_cue_after_it(nlp):
    text = ('The coach spoke after the final. "It is finished," she said of the season, and a big reason for this '
            'conviction was the injury list, which had grown every week.')
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert text[c["start_char"]:c["end_char"]] == "It is finished,"
    # not a title inside a phrase before the cue
    text = 'On Sunday\'s broadcast of "Face the Nation," Governor Ellis said the budget would pass.'
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert text[c["start_char"]:c["end_char"]] == "the budget would pass"


def test_a_cue_before_a_colon_takes_what_follows_it(nlp):
    text = ("Governor Alan Brooks spoke on Friday. The governor added:\n\n"
            "It is typical of the council. It plans nothing and the budget never balances.\n\n"
            "Senator Ruth Ellis continued: \"We will not wait for the council.\" Then Ellis continued her tour.")
    claims = claims_of(nlp, text, url="")
    added = one(claims, cue="add")
    assert text[added["start_char"]:added["end_char"]].startswith("It is typical of the council. It plans nothing")
    cont = one(claims, cue="continue")
    assert text[cont["start_char"]:cont["end_char"]].startswith("We will not wait")
    assert len([c for c in claims if c["cue"] == "continue"]) == 1


def test_as_a_source_put_it_attributes_the_clause_it_hangs_on(nlp):
    text = ("The main rule for the program is a lawful source of income, as an agency memo put it. "
            'As Senator Ruth Vance put it in a letter to the board, the plan is "a gift to developers."')
    claims = claims_of(nlp, text, url="")
    memo = one(claims, speaker="an agency memo")
    assert text[memo["start_char"]:memo["end_char"]] == "The main rule for the program is a lawful source of income"
    vance = one(claims, speaker="Ruth Vance")
    assert text[vance["start_char"]:vance["end_char"]].startswith('the plan is "a gift')
    # an as-clause whose cue has its own content is no such parenthetical
    text = "The yen fell as Japan announced new export controls."
    c = one(claims_of(nlp, text, url=""), cue="announce")
    assert text[c["start_char"]:c["end_char"]] == "new export controls"


def test_according_to_a_source_the_parser_takes_for_the_root(nlp):
    text = "According to radio host Dan Brooks, the plan reeks of fear and desperation."
    c = one(claims_of(nlp, text, url=""), cue="according to")
    assert c["speaker"] == "Dan Brooks"
    assert text[c["start_char"]:c["end_char"]] == "the plan reeks of fear and desperation"


def test_signed_quotes_with_a_dash_glued_to_the_mark_or_a_right_mark_opening_the_line(nlp):
    text = ("“The mayor has no plan for the port. He never listens.”― Dana Whitfield\n"
            "“The council showed who it really is tonight.” ― Omar Castellanos\n\n"
            "”Fear. I am afraid the mill will close this winter.” ― Lena Brightwater\n")
    claims = claims_of(nlp, text, url="")
    for name, start in (("Dana Whitfield", "The mayor has no plan"), ("Omar Castellanos", "The council showed"),
                        ("Lena Brightwater", "Fear. I am afraid")):
        c = one(claims, speaker=name)
        assert text[c["start_char"]:c["end_char"]].startswith(start)


def test_a_cue_coordinated_into_the_reported_clause_is_the_reporters_second_claim(nlp):
    text = ("Rendell, a party elder, said he had battled through three bouts of flu in his campaigns and called it "
            "a common ailment during long races.")
    claims = claims_of(nlp, text, url="")
    said = one(claims, cue="say")
    assert text[said["start_char"]:said["end_char"]] == "he had battled through three bouts of flu in his campaigns"
    called = one(claims, cue="call")
    assert called["speaker_name"] == "Rendell" or "Rendell" in called["speaker_name"]
    assert text[called["start_char"]:called["end_char"]].startswith("it a common ailment")


def test_a_name_before_an_appositive_the_parser_cut_from_its_verb(nlp):
    text = "Treasurer Maria Delgado (R), a rival of the mayor in the primary, called Monday for releasing the audit, too."
    c = one(claims_of(nlp, text, url=""), cue="call for")
    assert c["speaker"].endswith("Maria Delgado")
    assert "releasing the audit" in text[c["start_char"]:c["end_char"]]


def test_a_participle_or_concessive_cue_after_the_reported_clause_is_a_claim_of_its_own(nlp):
    text = "Budget analysts said rising rates have slowed the housing market, citing the jump in mortgage costs since spring."
    claims = claims_of(nlp, text, url="")
    said = one(claims, cue="say")
    assert text[said["start_char"]:said["end_char"]] == "rising rates have slowed the housing market"
    cited = one(claims, cue="cite")
    assert cited["speaker"] == "Budget analysts"
    text = "Mayor Joan Ellis said the bridge repairs would finish in May, though she noted crews are short of steel."
    claims = claims_of(nlp, text, url="")
    said = one(claims, cue="say")
    assert text[said["start_char"]:said["end_char"]] == "the bridge repairs would finish in May"
    assert text[one(claims, cue="note")["start_char"]:].startswith("crews are short of steel")


def test_spoke_of_and_see_as_are_cues(nlp):
    text = ("Chief Justice Ana Roberts spoke of the legacy of segregation in the southern courts. "
            "Critics of the program, like Senator Ruth Vance, see the renewal as a giveaway to developers.")
    claims = claims_of(nlp, text, url="")
    spoke = one(claims, cue="speak of")
    assert text[spoke["start_char"]:spoke["end_char"]].startswith("the legacy of segregation")
    see = one(claims, cue="see as")
    assert text[see["start_char"]:see["end_char"]] == "the renewal as a giveaway to developers"


def test_a_participle_on_an_issued_document_speaks_for_the_issuer(nlp):
    text = "The Security Council issued a statement calling the test a clear violation of its resolutions."
    c = one(claims_of(nlp, text, url=""), cue="call")
    assert c["speaker"] == "The Security Council"
    assert text[c["start_char"]:c["end_char"]].startswith("the test a clear violation")


def test_research_centers_and_acronyms_speak(nlp):
    text = ("The Budget Policy Center estimates that the plan would raise $2 billion over the next decade. "
            "WKRN reported Monday that the bridge had been closed for repairs.")
    claims = claims_of(nlp, text, url="")
    assert one(claims, cue="estimate")["speaker"] == "The Budget Policy Center"
    c = one(claims, cue="report")
    assert c["speaker"] == "WKRN" and text[c["start_char"]:c["end_char"]].startswith("the bridge had been closed")
    # an acronym the entity recognizer missed is a name too
    from claim_extract.attribution.resolve import Resolver
    from claim_extract.knowledge import KnowledgeBase

    doc = nlp("WKRN reported Monday that the bridge had been closed for repairs.")
    doc.ents = []
    assert [s.name for s in Resolver(doc, KnowledgeBase.default()).resolve(doc[0])] == ["WKRN"]


def test_panels_research_and_an_unresolved_they_are_sources(nlp):
    text = "Last year an arbitration panel found the company was in breach of the contract."
    c = one(claims_of(nlp, text, url=""), cue="find")
    assert c["speaker"] == "an arbitration panel"
    text = "They argue that the agency overstepped its authority when it issued the rules."
    c = one(claims_of(nlp, text, url=""), cue="argue")
    assert (c["speaker"], c["speaker_name"]) == ("They", "")
    assert text[c["start_char"]:c["end_char"]].startswith("the agency overstepped")


def test_a_quote_after_a_short_adjunct_of_the_cue(nlp):
    text = "Mayor Jane Ellis ended the night by saying during the debate, “That makes me smart,” as the crowd laughed."
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert text[c["start_char"]:c["end_char"]] == "That makes me smart,"


def test_cue_verbs_the_tagger_or_lemmatizer_mistook(nlp):
    text = "Mr. Clarke hopes to offset all of the emissions with credits."
    c = one(claims_of(nlp, text, url=""), cue="hope")  # lemmatized "hop"
    assert text[c["start_char"]:c["end_char"]] == "to offset all of the emissions with credits"
    text = "But Trump claims that he should be the exception."
    c = one(claims_of(nlp, text, url="", published="2016-09-08"), cue="claim")  # tagged as a plural noun
    assert text[c["start_char"]:c["end_char"]] == "he should be the exception"


def test_raised_concerns_and_offered_insights(nlp):
    text = "Senator Ana Ruiz raised concerns about the fund's business practices."
    c = one(claims_of(nlp, text, url=""), cue="concern")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("Ana Ruiz", "the fund's business practices")
    text = "Senator Ana Ruiz offered insights into the committee's approach to the budget."
    c = one(claims_of(nlp, text, url=""), cue="insight")
    assert text[c["start_char"]:c["end_char"]] == "the committee's approach to the budget"
    assert not claims_of(nlp, "The council raised taxes on fuel.", url="")


def test_a_cue_with_a_clause_of_its_own_is_no_parenthetical_over_the_sentence(nlp):
    text = ("Senator Ana Ruiz spoke out Tuesday about the death of a teenager in Tulsa, arguing that such shootings "
            "by police officers should be seen as intolerable.")
    claims = claims_of(nlp, text, url="")
    assert text[one(claims, cue="speak out")["start_char"]:].startswith("the death of a teenager")
    assert not [c for c in claims if c["start_char"] == 0]


def test_names_with_inner_capitals_are_names(nlp):
    from claim_extract.attribution.resolve import Resolver
    from claim_extract.knowledge import KnowledgeBase

    doc = nlp("McAuliffe has said that about twenty people want the seat.")
    doc.ents = []  # a name the recognizer missed (or took for a place)
    assert [s.name for s in Resolver(doc, KnowledgeBase.default()).resolve(doc[0])] == ["McAuliffe"]
    text = "“The rules changed overnight and nobody told us.” ― Dana McKenzie\n"
    assert one(claims_of(nlp, text, url=""), cue="say")["speaker"] == "Dana McKenzie"


def test_a_relative_clause_with_its_own_cue_is_not_part_of_the_object(nlp):
    text = "Senator Ana Ruiz endorsed the governor, who says he is honored."
    claims = claims_of(nlp, text, url="")
    assert text[one(claims, cue="endorse")["start_char"]:one(claims, cue="endorse")["end_char"]] == "the governor"
    assert text[one(claims, cue="say")["start_char"]:].startswith("he is honored")


def test_courts_rule_and_speakers_compare(nlp):
    text = "The appeals court ruled that the state's practices could remove eligible voters from the rolls."
    c = one(claims_of(nlp, text, url=""), cue="rule")
    assert text[c["start_char"]:c["end_char"]].startswith("the state's practices could remove")
    text = "Mr. Ellis compares his struggles to those of the former governor."
    c = one(claims_of(nlp, text, url=""), cue="compare")
    assert text[c["start_char"]:c["end_char"]].startswith("his struggles to those")
    assert not claims_of(nlp, "The family ruled the island for a century.", url="")


def test_surrogates_rivals_and_watchdogs_are_unnamed_sources(nlp):
    text = "His surrogates called the plan a stroke of genius. A consumer watchdog warned that fees would rise."
    claims = claims_of(nlp, text, url="")
    assert one(claims, cue="call")["speaker"] == "His surrogates"
    assert one(claims, cue="warn")["speaker"] == "A consumer watchdog"


def test_a_relative_clause_cue_with_an_as_phrase_takes_the_as_phrase(nlp):
    text = "Twenty people were hurt by a blast that Mayor Tom Lane described as \"a deliberate act.\""
    c = one(claims_of(nlp, text), cue="describe")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("Tom Lane", "a deliberate act")
    text = "The candidate questioned the referees, engaging in what analysts described as old pre-game tactics: lowering expectations."
    c = one(claims_of(nlp, text), cue="describe")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("analysts", "old pre-game tactics")
    text = "The agency has since changed what critics denounced as an unfair rule."
    c = one(claims_of(nlp, text), cue="denounce")
    assert text[c["start_char"]:c["end_char"]] == "an unfair rule"


def test_a_number_dozens_or_a_chorus_of_sources_speak_as_the_whole_phrase(nlp):
    c = one(claims_of(nlp, "A number of other members of Congress echo her concerns about the program."), cue="echo")
    assert c["speaker"] == "A number of other members of Congress"
    c = one(claims_of(nlp, "His views were echoed by a number of tax experts."), cue="echo")
    assert c["speaker"] == "a number of tax experts"
    c = one(claims_of(nlp, "The nominee has been endorsed by dozens of newspapers ranging from the Times to the Globe."),
            cue="endorse")
    assert c["speaker"] == "dozens of newspapers"
    c = one(claims_of(nlp, "A chorus of prominent Republicans has said the same thing."), cue="say")
    assert c["speaker"] == "A chorus of prominent Republicans"
    # a word of number without a source after it names no one
    assert not [c for c in claims_of(nlp, "A number of the measures say that the tax must rise.") if c["cue"] == "say"]


def test_a_second_speaker_joined_to_the_reported_clause_after_a_comma_is_a_claim_of_its_own(nlp):
    text = "The mayor said the curfew would end on Monday, and the police chief said officers would stay."
    claims = claims_of(nlp, text)
    mayor = one(claims, speaker="The mayor")
    chief = one(claims, speaker="the police chief")
    assert text[mayor["start_char"]:mayor["end_char"]] == "the curfew would end on Monday"
    assert text[chief["start_char"]:chief["end_char"]] == "officers would stay"
    # "and that Moscow claimed ...": a that-clause is still part of what was said
    text = "Officials said that the talks had stalled and that Moscow claimed the deal was dead."
    c = one(claims_of(nlp, text), speaker="Officials")
    assert text[c["start_char"]:c["end_char"]].endswith("the deal was dead")


@pytest.mark.parametrize("text, cue, ctype, content", [
    ("The director chastised the senator for his use of the account.", "chastise", "ACCUSE",
     "the senator for his use of the account"),
    ("The governor went after the mayor over the budget.", "go after", "ACCUSE", "the mayor over the budget"),
    ("The candidate painted her rival as a friend of the banks.", "paint as", "STATE", "her rival as a friend of the banks"),
    ("Several economists cautioned that the plan might change after the election.", "caution", "THREATEN",
     "the plan might change after the election"),
    ("The minister downplayed the risk of a trade war.", "downplay", "REJECT", "the risk of a trade war"),
    ("The senator exhorted delegates to vote their conscience.", "exhort", "REQUEST", "to vote their conscience"),
    ("Many experts suspect the losses were generated by tax breaks.", "suspect", "STATE",
     "the losses were generated by tax breaks"),
])
def test_cue_families_of_rebuke_characterization_dismissal_exhortation_and_suspicion(nlp, text, cue, ctype, content):
    c = one(claims_of(nlp, text), cue=cue)
    assert (c["claim_type"], text[c["start_char"]:c["end_char"]]) == (ctype, content)


def test_a_parenthetical_cue_hung_on_a_noun_and_no_parenthetical_in_a_subordinate_clause(nlp):
    text = "The difference now, he told me on Friday, is that he runs a straight news program."
    c = one(claims_of(nlp, text), cue="tell")
    assert text[c["start_char"]:c["end_char"]] == text[:-1]
    text = "While he acknowledged funding was a major reason for his anger, Ham also noted that the culture had changed."
    claims = claims_of(nlp, text)
    c = one(claims, speaker="Ham", cue="note")
    assert text[c["start_char"]:c["end_char"]] == "the culture had changed"
    assert not [c for c in claims if c["start_char"] == 0 and c["end_char"] >= len(text) - 1]


def test_finding_a_way_is_no_finding(nlp):
    assert not [c for c in claims_of(nlp, "The senators found a way to pass the bill before the recess.") if c["cue"] == "find"]
    text = "A study by the state university found that most voters had not heard of the plan."
    c = one(claims_of(nlp, text), cue="find")
    assert text[c["start_char"]:c["end_char"]] == "most voters had not heard of the plan"


def test_a_speaker_and_a_colon_opening_a_headline_say_all_that_follows(nlp):
    text = "Mike Pence: Gennifer Flowers will not be at the debate, and Trump was mocking the Clinton camp."
    claims = claims_of(nlp, text)
    c = one(claims, speaker="Mike Pence")
    assert text[c["start_char"]:c["end_char"]].endswith("Trump was mocking the Clinton camp")
    assert not [c for c in claims if c["cue"] == "mock"]  # nested in Pence's claim
    text = "A lesson from Loretta Lynch: 'Be the voice that people hear.'"
    c = one(claims_of(nlp, text), speaker="Loretta Lynch")
    assert text[c["start_char"]:c["end_char"]].startswith("'Be the voice")


def test_a_participle_on_a_document_in_an_opening_phrase_speaks_for_the_main_subject(nlp):
    text = "In a letter urging a delay, the governor said the plan would hurt farmers."
    c = one(claims_of(nlp, text), cue="urge")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("the governor", "a delay")


def test_making_the_case_for_or_that_is_a_claim_making_a_case_in_court_is_not(nlp):
    text = "The senator has made the case for the treaty during campaign stops."
    c = one(claims_of(nlp, text), cue="make case")
    assert text[c["start_char"]:c["end_char"]].startswith("the case for the treaty")
    text = "The administration attempted to make the case to members of both parties that the bill is a bad idea."
    c = one(claims_of(nlp, text), cue="make case")
    assert text[c["start_char"]:c["end_char"]] == "the bill is a bad idea"
    assert not [c for c in claims_of(nlp, "The lawyers made their case in court on Monday.") if c["cue"] == "make case"]


def test_she_continued_after_a_quote_attributes_the_quote(nlp):
    text = "\"We have to do everything we can,\" she continued. \"This is not who we are.\""
    c = one(claims_of(nlp, text), cue="continue")
    assert text[c["start_char"]:c["end_char"]].startswith("We have to do everything we can")
    assert not [c for c in claims_of(nlp, "The meeting continued for two hours.") if c["cue"] == "continue"]


def test_the_one_talked_to_is_a_partner_and_the_topic_is_the_content(nlp):
    text = "The mayor talked to the governor about the cost of the program."
    c = one(claims_of(nlp, text), cue="talk")
    assert text[c["start_char"]:c["end_char"]] == "the cost of the program"
    text = "The President spoke to Prime Minister Kishida about the alliance."
    c = one(claims_of(nlp, text), cue="speak about")
    assert text[c["start_char"]:c["end_char"]] == "the alliance"
    assert not [c for c in claims_of(nlp, "The senator talked to reporters.") if c["cue"] == "talk"]


def test_cue_verbs_the_tagger_took_for_plural_nouns_heading_the_sentence(nlp):
    c = one(claims_of(nlp, "The Clinton campaign plans to use the first lady in Florida."), cue="plan")
    assert c["speaker"] == "The Clinton campaign"
    text = "Donald Trump spoke on Monday. Trump charges that the companies that stand to gain from the deal gave money to the foundation."
    c = one(claims_of(nlp, text, published="2016-09-30", url=""), cue="charge")
    assert c["speaker_name"] == "Donald Trump"
    assert text[c["start_char"]:c["end_char"]].startswith("the companies that stand to gain")


def test_a_surname_the_recognizer_missed_is_that_person_not_the_officeholder_of_the_day(nlp):
    # in 2016 Mike Pence was not yet Vice President and Donald Trump not yet President
    text = "Donald Trump and Mike Pence spoke on Monday. Trump charges that the companies gave money to the foundation."
    c = one(claims_of(nlp, text, published="2016-09-30", url=""), cue="charge")
    assert (c["speaker"], c["speaker_name"]) == ("Trump", "Donald Trump")  # a noun to the tagger, no entity


def test_a_group_a_quantifier_or_possessor_qualifies_is_not_the_participants(nlp):
    text = ("Tom Clarke met Governor Jim Justice on Monday. Some state officials praised the plan. "
            "His advisers said the deal was fair. The two leaders welcomed the agreement.")
    claims = claims_of(nlp, text, published="2016-09-30", url="")
    assert one(claims, cue="praise")["speaker_name"] == "Some state officials"
    assert one(claims, speaker="His advisers")["speaker_name"] == "His advisers"
    assert {c["speaker_name"] for c in claims if c["cue"] == "welcome"} == {"Tom Clarke", "Jim Justice"}


def test_a_list_of_titled_names_parsed_as_apposition_and_conjunct_is_every_speaker(nlp):
    # the parser hangs the second name on the first as an appositive and the third on the second
    text = ("National Security Advisor Sullivan, National Security Advisor Cho, and National Security "
            "Advisor Akiba agreed to meet again next year.")
    claims = [c for c in claims_of(nlp, text) if c["cue"] == "agree"]
    assert len({c["claim_id"] for c in claims}) == 1
    assert [c["speaker"].split()[-1] for c in claims] == ["Sullivan", "Cho", "Akiba"]


def test_a_cue_the_parser_coordinated_with_an_infinitive_in_another_content_is_the_subjects_next_act(nlp):
    # the parser hangs "underscored" on "to change" inside what was opposed
    text = ("The two ministers strongly opposed any unilateral attempts to change the status quo by force or "
            "coercion in the waters of the region and underscored their commitment to the global maritime "
            "order based on international law.")
    claims = claims_of(nlp, text)
    opposed, underscored = one(claims, cue="oppose"), one(claims, cue="underscore")
    assert text[opposed["start_char"]:opposed["end_char"]].endswith("in the waters of the region")
    assert text[underscored["start_char"]:underscored["end_char"]] == (
        "their commitment to the global maritime order based on international law")
    assert underscored["speaker"] == "The two ministers"


def test_a_participle_after_a_preposition_speaks_for_the_clause_it_hangs_on(nlp):
    # a passive main clause: its subject said it
    text = "After saying her right foot was swollen, she was taken to a hospital for tests."
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("she", "her right foot was swollen")
    # a second preposition the parser coordinated with the verb
    text = ("He appeared at a Senate hearing for his role in promoting the pills and for saying that the "
            "extract was a miracle cure.")
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("He", "the extract was a miracle cure")
    # "for refusing", "for backing": the one the verb's object names, not its subject
    text = "The committee voted to hold the contractor in contempt for refusing to testify about the contract."
    assert one(claims_of(nlp, text, url=""), cue="refuse")["speaker"] == "the contractor"


def test_a_participle_on_an_occasion_of_speaking_speaks_for_the_one_who_spoke_there(nlp):
    text = "\"We will get there together,\" she said at a news conference announcing that her department was suing the state."
    c = one(claims_of(nlp, text, url=""), cue="announce")
    assert (c["speaker"], text[c["start_char"]:c["end_char"]]) == ("she", "her department was suing the state")
    text = "In remarks welcoming the agreement, the President said the deal would lower costs for families."
    assert one(claims_of(nlp, text, published="2023-05-01"), cue="welcome")["speaker_name"] == "Joe Biden"


@pytest.mark.parametrize("text, partner", [
    ("President Biden and Prime Minister Albanese welcomed the growing momentum in U.S.-Australia ties.", True),
    ("President Biden and Prime Minister Albanese committed to deepen the alliance.", True),
    ("President Biden and Prime Minister Albanese discussed exchanges between the two countries.", True),
    ("President Biden and Prime Minister Albanese reaffirmed their shared commitment to upholding international law.", False),
    ("President Biden and Prime Minister Albanese recognized that climate change is a threat to global stability.", False),
])
def test_a_joint_claim_targets_the_partner_only_when_it_is_about_the_two(nlp, text, partner):
    claims = [c for c in claims_of(nlp, text, published="2023-05-20") if c["speaker_name"] == "Joe Biden"]
    assert claims, text
    assert claims[0]["target_country"] == ("AUS" if partner else "")


def test_an_uncued_assertion_of_our_commitment_is_a_commitment(nlp):
    text = ("THE PRESIDENT:  We are committed to the security of our partners in the region.  The United States "
            "has an enduring commitment to Southeast Asia.  Our alliance with the Philippines has never been "
            "stronger than it is today.\n")
    claims = {text[c["start_char"]:c["end_char"]]: c["claim_type"] for c in claims_of(nlp, text, published="2023-09-21")
              if c["cue"] == "say"}
    assert claims["We are committed to the security of our partners in the region"] == "COMMIT"
    assert claims["The United States has an enduring commitment to Southeast Asia"] == "COMMIT"
    assert claims["Our alliance with the Philippines has never been stronger than it is today"] == "STATE"


@pytest.mark.parametrize("text, cue, stance", [
    ("The two leaders recognized that climate change is a threat to global stability.", "recognize", "oppose"),
    ("The ministers called on North Korea to cease its missile launches.", "call on", "oppose"),
    ("The ministers called on North Korea to return to talks.", "call on", "support"),
    ("The President stressed that any attack on the alliance will be met with a decisive response.", "stress", "oppose"),
    ("The President stressed that the alliance has never been stronger.", "stress", "support"),
])
def test_a_content_about_a_threat_or_asking_to_stop_one_turns_the_stance(nlp, text, cue, stance):
    assert one(claims_of(nlp, text, published="2023-05-20"), cue=cue)["stance"] == stance


def test_a_name_or_nationality_before_a_cue_noun_is_its_speaker(nlp):
    claims = claims_of(nlp, "A Kremlin proposal to hold talks in Geneva was rejected on Monday.", url="")
    c = one(claims, cue="proposal")
    assert c["speaker_name"] == "Russia"
    c = one(claims_of(nlp, "The Chinese criticism of the exercise was sharp.", url=""), cue="criticism")
    assert (c["speaker_country"], c["claim_type"]) == ("CHN", "ACCUSE")
    # a named agreement, or material support, is no one's claim
    claims = claims_of(nlp, "The report described Chinese support for Russia's defense industry and the Paris agreement.", url="")
    assert not [c for c in claims if c["cue"] in ("support", "agreement")]


def test_both_countries_are_the_signatories_or_the_participants_countries(nlp):
    text = ("While the two partners are decarbonizing their economies, both countries acknowledge that "
            "communities across the region already feel the consequences of extreme weather.")
    claims = claims_of(nlp, text, published="2023-05-20",
                       title="United States – Australia Statement of Intent on Climate")
    assert {c["speaker_name"] for c in claims if c["cue"] == "acknowledge"} == {"United States", "Australia"}
    text = ("President Biden met Prime Minister Kishida on Monday. The two governments agreed to expand "
            "the exchange of defense technology. Countries in the region said the move was overdue.")
    claims = claims_of(nlp, text, published="2024-04-10")
    assert {c["speaker_name"] for c in claims if c["cue"] == "agree"} == {"United States", "Japan"}
    assert not [c for c in claims if c["speaker"].startswith("Countries")]


def test_an_infinitive_cue_is_no_parenthetical_and_one_inside_a_relative_clause_says_that_clause(nlp):
    # "to believe" took the whole sentence and hid the quote and the consultation inside it
    text = ("\"I never doubted it,\" she said months later, and a big reason for this was the rise of the senator, "
            "who had talked about many of the things she had come to believe.")
    claims = claims_of(nlp, text, url="")
    assert not [c for c in claims if c["cue"] == "believe"]
    assert text[one(claims, cue="say")["start_char"]:one(claims, cue="say")["end_char"]] == "I never doubted it,"
    text = "The park is near the stadium, which, the organizer said, is usually full of families on game days."
    c = one(claims_of(nlp, text, url=""), cue="say")
    assert text[c["start_char"]:c["end_char"]] == "is usually full of families on game days"


@pytest.mark.parametrize("text, said_on", [
    ("Last week, the President announced the appointment of a new special envoy.", "2023-09"),  # 11-17 September
    ("Next week the President will announce a new package of aid.", "2023"),  # 25 September - 1 October
])
def test_said_on_gives_a_week_as_its_month_or_year(nlp, text, said_on):
    assert one(claims_of(nlp, text, published="2023-09-21"), cue="announce")["said_on"] == said_on


@pytest.mark.parametrize("text, said_on", [
    ("When she visited Tokyo in March, the Secretary said the alliance was strong.", "2023-03"),
    ("When we met here last year, the President said the alliance would grow stronger.", "2022"),
    ("Recognizing the consensus as expressed by the council on December 19, the leaders said the war must end.", "2023-09-21"),
])
def test_said_on_takes_the_time_of_a_when_clause(nlp, text, said_on):
    assert one(claims_of(nlp, text, published="2023-09-21", url=""), cue="say")["said_on"] == said_on


def test_a_relative_clause_with_a_cue_and_its_own_subject_is_a_claim_of_its_own(nlp):
    text = ("Sullivan expressed appreciation for Prime Minister Kishida's successful visit to India, where he "
            "reaffirmed Japan's commitment to a free and open Indo-Pacific.")
    claims = claims_of(nlp, text, published="2023-03-27")
    thanks = one(claims, cue="appreciation")
    assert text[thanks["start_char"]:thanks["end_char"]] == "Prime Minister Kishida's successful visit to India"
    assert one(claims, cue="reaffirm")["speaker_name"] == "Fumio Kishida"  # the possessor, not Sullivan


def test_a_participle_right_after_x_said_continues_xs_words(nlp):
    # the parser hangs "going" on the last clause's verb, whose subject is "young people"
    text = ("\"That is insane,\" the senator said, going on to say that the country has spent years fighting "
            "against racism, to have that debate again, young people do not want to see that.")
    claims = [c for c in claims_of(nlp, text, url="") if c["cue"] == "say"]
    assert {c["speaker"] for c in claims} == {"the senator"}
    assert len(claims) == 2


def test_a_characterization_the_parser_gives_two_objects_keeps_the_second(nlp):
    text = "Japan branded North Korea an outlaw nation."
    c = one(claims_of(nlp, text, url=""), cue="brand")
    assert text[c["start_char"]:c["end_char"]] == "North Korea an outlaw nation"
    text = "The Prime Minister reaffirmed their support for ASEAN centrality, and emphasized the importance of trade."
    claims = claims_of(nlp, text, published="2023-05-18")
    assert text[one(claims, cue="reaffirm")["start_char"]:one(claims, cue="reaffirm")["end_char"]].endswith("ASEAN centrality")


def test_thanks_congratulations_and_wishes_are_support_claims_of_the_turn_or_the_giver(nlp):
    text = ("THE PRESIDENT:  Thank you all for being here.  And congratulations on a successful year as the "
            "Chair of ASEAN.\n\nYes, and thanks to the Japanese people for their generosity.  Thanks for "
            "being here.\n")
    claims = claims_of(nlp, text, published="2023-09-06")
    congrats = one(claims, cue="congratulation")
    assert (congrats["speaker_name"], congrats["claim_type"]) == ("Joe Biden", "SUPPORT")
    assert one(claims, cue="thank", speaker_name="Joe Biden")["target_country"] == "JPN"
    assert not [c for c in claims if "being here" in text[c["start_char"]:c["end_char"]]]  # courtesies
    text = "On behalf of the American people, I extend our best wishes to the people of Israel as they celebrate."
    c = one(claims_of(nlp, text, published="2023-04-25",
                      title="Statement from President Joe Biden on Israel's Independence Day"), cue="wish")
    assert text[c["start_char"]:c["end_char"]] == "the people of Israel"


def test_an_uncued_assertion_about_an_organisation_is_a_claim(nlp):
    text = ("THE VICE PRESIDENT:  Colleagues, ASEAN is at the heart of our strategy for the region.  "
            "I was so glad to see the sunrise this morning.\n")
    claims = claims_of(nlp, text, published="2023-09-06")
    c = one(claims, cue="say")
    assert (c["speaker_name"], text[c["start_char"]:c["end_char"]]) == (
        "Kamala Harris", "ASEAN is at the heart of our strategy for the region")
    assert len([c for c in claims if c["cue"] == "say"]) == 1  # a personal remark is none


def test_looking_forward_to_the_meeting_itself_is_procedure_not_a_commitment(nlp):
    text = "THE PRESIDENT:  I look forward to our discussion today.  We look forward to strengthening our alliance.\n"
    claims = [c for c in claims_of(nlp, text, published="2023-09-06") if c["cue"] == "look forward"]
    assert [text[c["start_char"]:c["end_char"]] for c in claims] == ["strengthening our alliance"]


@pytest.mark.parametrize("title, countries", [
    ("Statement from President Joe Biden on the Occasion of Israel's 75th Independence Day", ["ISR"]),
    ("Readout of President Joe Biden's Meeting with President Xi Jinping of the People's Republic of China", ["CHN"]),
    ("Remarks by President Biden at the Signing of the Australia-U.S. Statement of Intent", ["AUS", "USA"]),
    ("Remarks by President Biden in Official Greeting | Vilnius, Lithuania", []),  # places
    ("U.S.-Pacific Islands Forum Leaders Dialogue in Port Moresby, Papua New Guinea", ["USA"]),
    ("", []), (None, []), ("in Japan-", []),
])
def test_the_countries_a_title_names(title, countries):
    from claim_extract.attribution.classify import title_countries
    assert [iso for _, iso in title_countries(title)] == countries


def test_a_claim_of_one_speaker_about_the_two_targets_the_other_party_of_a_bilateral_text(nlp):
    text = ("THE PRESIDENT:  We will continue to stand with you for as long as it takes.  We have worked together "
            "to build new alliances.  Inflation at home has come down faster than expected.\n")
    claims = claims_of(nlp, text, published="2023-09-21",
                       title="Remarks by President Biden and President Zelenskyy of Ukraine Before Bilateral Meeting")
    targets = {text[c["start_char"]:c["end_char"]].split()[2]: c["target_country"] for c in claims}
    assert targets["continue"] == "UKR" and targets["worked"] == "UKR"
    assert targets.get("home", "") == ""


def test_discussing_their_own_concern_or_support_takes_the_type_of_that_position(nlp):
    text = "The leaders also discussed their shared concerns over China's support to Russia's defense industrial base."
    c = one(claims_of(nlp, text, published="2024-07-11"), cue="discuss")
    assert (c["claim_type"], c["stance"]) == ("ACCUSE", "oppose")
    text = "The leaders also discussed the situation in the region."
    assert one(claims_of(nlp, text, published="2024-07-11"), cue="discuss")["claim_type"] == "CONSULT"


def test_i_want_to_thank_is_the_thanks_and_thanks_for_being_here_is_a_courtesy(nlp):
    text = ("THE PRESIDENT:  I want to thank you all for being here.  I want to thank President Widodo for his "
            "leadership of ASEAN this year.  We want to expand our trade.\n")
    claims = claims_of(nlp, text, published="2023-09-06")
    assert [(c["cue"], c["claim_type"], text[c["start_char"]:c["end_char"]]) for c in claims] == [
        ("thank", "SUPPORT", "President Widodo for his leadership of ASEAN this year"),
        ("want", "COMMIT", "to expand our trade")]


@pytest.mark.parametrize("text, speaker_name", [
    ("A spokesman for the Chinese Foreign Ministry said the talks had stalled.", "China"),
    ("A spokeswoman for the State Department said the talks had stalled.", "United States"),
    ("According to a report by the Pentagon, China has expanded its arsenal.", "United States"),
    ("A reporter for USA Today said the candidate left the hall.", "A reporter"),  # a paper, not a country
])
def test_an_unnamed_source_of_a_government_speaks_for_it(nlp, text, speaker_name):
    assert claims_of(nlp, text, published="2024-03-25", url="")[0]["speaker_name"] == speaker_name


@pytest.mark.parametrize("text, cue, speaker, content, target", [
    ("Japan lodged a strong protest with China over the incursion.", "protest", "JPN", "the incursion", "CHN"),
    ("Seoul expressed regret over Tokyo's decision to release the water.", "regret", "KOR",
     "Tokyo's decision to release the water", "JPN"),
    ("Taiwan's defense ministry said it had detected 20 Chinese aircraft.", "say", "TWN",
     "it had detected 20 Chinese aircraft", "CHN"),
])
def test_protests_and_regrets_of_governments(nlp, text, cue, speaker, content, target):
    c = one(claims_of(nlp, text, published="2024-03-25", url=""), cue=cue)
    assert (c["speaker_country"], text[c["start_char"]:c["end_char"]], c["target_country"]) == (speaker, content, target)

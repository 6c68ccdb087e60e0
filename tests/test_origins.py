"""Origins on real text: who first said it, through reported speech, with its carriers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom import Sitroom
from sitroom.picture.common import origin_of
from sitroom.picture.confidence import judge
from sitroom.picture.grades import reliability_map
from sitroom.picture.independence import carriers_by_origin, independence

FIX = Path(__file__).parent / "fixtures" / "origins"


@pytest.fixture(scope="module")
def pahalgam(tmp_path_factory: pytest.TempPathFactory) -> Sitroom:
    room = Sitroom(db=str(tmp_path_factory.mktemp("o") / "p.db"))
    room.ingest([str(FIX / "pahalgam-two-carriers.jsonl")])
    return room


def _official(room: Sitroom) -> list[dict]:
    """The '26 dead ... a high ranking official said' claims, one per outlet."""
    return [
        c
        for c in room.claims()
        if c["kind"] == "casualties"
        and (c["quantity"] or {}).get("low") == 26
        and "high ranking official said" in c["quote"]
    ]


def test_one_statement_carried_by_two_outlets_is_one_origin_with_two_carriers(pahalgam):
    claims = _official(pahalgam)
    assert {c["source"]["name"] for c in claims} == {"NewsDrum", "The Shillong Times"}
    origins = {origin_of(c) for c in claims}
    assert len(origins) == 1
    (origin,) = origins
    # unnamed, tied to the first carrier and its day, adopted by the later carrier
    assert origin == "high ranking official (unnamed; NewsDrum, 2025-04-22)"
    assert carriers_by_origin(claims) == {origin: ["NewsDrum", "The Shillong Times"]}
    ind = independence(claims)
    assert ind["reports"] == 2 and ind["origins"] == [origin]
    later = next(c for c in claims if c["source"]["name"] == "The Shillong Times")
    first = next(c for c in claims if c["source"]["name"] == "NewsDrum")
    assert later["origin_chain"][0]["same_statement_as"] == first["id"]
    assert [link["role"] for link in later["origin_chain"]] == ["origin", "carrier"]


def test_one_origin_from_f_graded_outlets_is_never_almost_certain(pahalgam):
    claims = [{**c, "origin": origin_of(c)} for c in _official(pahalgam)]
    grades = reliability_map(pahalgam.sources())
    j = judge(claims, grades)
    assert j.word == "roughly even chance"  # one origin, its outlets ungraded (F)
    pahalgam.grade_source("NewsDrum", "A")  # the outlet vouches for its unnamed official
    j = judge(claims, reliability_map(pahalgam.sources()))
    assert j.word == "very likely"  # A: very likely; two carriers add nothing: one origin
    pahalgam.grade_source("NewsDrum", "F")
    for judgement in pahalgam.picture().judgements:
        if judgement["likelihood"] == "almost certain":
            assert "1 independent origin)" not in judgement["text"]


def test_an_origin_is_graded_in_the_same_registry_by_any_of_its_names(tmp_path):
    room = Sitroom(db=str(tmp_path / "g.db"))
    row = room.grade_source("the NIS", "B")
    assert row["name"] == "South Korea National Intelligence Service"
    assert room.grade_source("Seoul's spy agency", "A")["id"] == row["id"]
    grades = reliability_map(room.sources())
    obs = {"origin": row["name"], "outlet": "Yonhap", "low": 11000, "high": 11000}
    assert judge([obs], grades).agreeing[0]["grade"] == "A"


def test_a_chain_gives_the_first_teller_as_origin(tmp_path):
    """The Federal carries what security sources confirmed to news agency PTI."""
    room = Sitroom(db=str(tmp_path / "j.db"))
    room.ingest([str(FIX / "jaffar-chain.jsonl")])
    said = next(
        c
        for c in room.claims(include_restatements=True)
        if c["quote"].startswith("Security sources confirmed to news agency PTI")
    )
    assert [(link["name"], link["role"]) for link in said["origin_chain"]] == [
        ("Press Trust of India", "intermediary"),
        (None, "origin"),
        ("The Federal", "carrier"),
    ]
    assert said["origin_chain"][1]["text"] == "Security sources"
    assert origin_of(said) == "security sources (unnamed; via Press Trust of India)"


def test_a_reporter_or_byline_is_never_a_source(tmp_path):
    room = Sitroom(db=str(tmp_path / "v.db"))
    room.ingest([str(FIX / "voa-beledweyne-reporter.jsonl")])
    claims = room.claims(include_restatements=True)
    six = next(c for c in claims if (c["quantity"] or {}).get("low") == 6)
    assert "A VOA reporter in the town said" in six["quote"]
    assert origin_of(six) == "Voice of America"
    assert six["attribution"]["kind"] == "article"
    for c in claims:
        for link in c["origin_chain"]:
            assert "reporter" not in (link["text"] or "").lower()
            assert link["name"] not in ("Sahra Abdi Ahmed", "Mohamed Olad Hassan")


# -- the attribution component on single sentences (worked out by hand) -------------------
def _claims(text: str, outlet: str = "Example News") -> list[dict]:
    from sitroom.config import NlpSettings
    from sitroom.nlp.pipeline import Pipeline
    from sitroom.nlp.types import Block, RawDocument

    raw = RawDocument(
        text,
        [Block("paragraph", 0, len(text))],
        "t",
        "txt",
        outlet=outlet,
        published_at="2025-01-13",
        published_how="metadata",
    )
    return Pipeline(NlpSettings())([raw], ["d"])[0].claims


def _chain(claim: dict) -> list[tuple[str | None, str]]:
    import json

    return [(link["name"], link["role"]) for link in json.loads(claim["origin_chain"])]


def test_a_quote_over_several_sentences_is_the_speakers_where_it_closes():
    text = (
        '"Our forces repelled the assault overnight. At least 30 soldiers were killed near the '
        'bridge. We will hold the line," army spokesman Nadeem Aslam said on Monday.'
    )
    killed = next(c for c in _claims(text) if c["q_low"] == 30)
    assert (killed["attribution_kind"], killed["origin"]) == ("named_official", "Nadeem Aslam")


def test_chains_recipients_and_according_to_the_report():
    (bbc,) = _claims(
        "The BBC reported, citing Western officials, that about 1,000 soldiers had been killed."
    )
    assert _chain(bbc) == [("BBC", "intermediary"), (None, "origin"), ("Example News", "carrier")]
    assert bbc["origin"] == "Western officials (unnamed; via BBC)"
    (told,) = _claims("Officials told Reuters that 300 soldiers were killed.")
    assert told["origin"] == "officials (unnamed; via Reuters)"
    yonhap = _claims(
        "According to Yonhap, the NIS told lawmakers that 100 soldiers had been killed."
    )
    assert yonhap[0]["origin"] == "South Korea National Intelligence Service"
    assert _chain(yonhap[0])[0] == ("Yonhap", "intermediary")
    back = _claims(
        "Yonhap said 2,000 troops were sent to Russia. Russia has also deployed 500 soldiers to "
        "Belarus, according to the report."
    )
    assert {c["q_low"]: c["origin"] for c in back} == {2000.0: "Yonhap", 500.0: "Yonhap"}
    # the carrier in its own voice: not an intermediary of itself
    (own,) = _claims("Reuters reported that 40 soldiers were killed.", outlet="Reuters")
    assert own["attribution_kind"] == "article" and _chain(own) == [("Reuters", "origin")]


def test_unnamed_officials_are_tied_to_the_carrier_and_day():
    (c,) = _claims("Rebels killed 12 villagers in Ituri, officials said.")
    assert c["origin"] == "officials (unnamed; Example News, 2025-01-13)"
    (d,) = _claims("Rebels killed 12 villagers in Ituri, officials said.", outlet="Other Daily")
    assert d["origin"] != c["origin"]


def test_a_state_agency_by_role_is_one_origin():
    names = {
        _claims(f"{who} said 3,000 soldiers were killed.")[0]["origin"]
        for who in (
            "South Korea's National Intelligence Service",
            "The NIS",
            "Seoul's spy agency",
            "South Korea's intelligence agency",
        )
    }
    assert names == {"South Korea National Intelligence Service"}


def test_cli_grades_an_origin_by_any_of_its_names(tmp_path):
    import json
    import subprocess
    import sys

    db = str(tmp_path / "c.db")
    cli = [sys.executable, "-m", "sitroom.cli", "--db", db]
    subprocess.run([*cli, "sources", "grade", "Seoul's spy agency", "B"], check=True)
    out = subprocess.run(
        [*cli, "sources", "--format", "json"], check=True, capture_output=True, text=True
    ).stdout
    rows = json.loads(out)
    assert [(r["name"], r["reliability"]) for r in rows] == [
        ("South Korea National Intelligence Service", "B")
    ]


def test_one_person_spelled_two_ways_by_two_outlets_is_one_origin(tmp_path):
    room = Sitroom(db=str(tmp_path / "s.db"))
    room.ingest([str(FIX / "jaffar-two-spellings.jsonl")])
    claims = room.claims(include_restatements=True)
    ary = [c for c in claims if c["source"]["name"] == "ARY News" and c["quantity"]]
    assert "Ahmed Sharif Chaudhry" in {origin_of(c) for c in ary}  # the rank is not the name
    died = next(c for c in claims if c["quote"].startswith("Following the attack on the train"))
    assert (died["quantity"]["low"], origin_of(died)) == (31.0, "Ahmed Sharif Chaudhry")
    assert died["origin_chain"][0]["text"] == "Chaudhary"
    assert "same_person_as" in died["origin_chain"][0]

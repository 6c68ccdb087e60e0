"""`ask` end to end on real excerpts from several conflicts: the question is understood,
answered from the stored measures with each origin's figure, date and citation, on topic (no
document of another conflict is cited), short, and plainly empty when the store has nothing."""

from __future__ import annotations

import json

import pytest
from test_cli import run

from sitroom import Sitroom
from sitroom.ask.parse import parse

ASK_FLOOR = {"right": 12, "on_topic": 33}  # devsets.json here: 13 right, 34 on topic when set


def _docs(room: Sitroom, answer: dict) -> list[str]:
    texts = []
    for cid in answer["citations"]:  # claim ids, or a document id for a sentence quoted
        shown = room.show(cid)
        doc = shown if shown["type"] == "document" else room.show(shown["document"]["id"])
        texts.append(f"{doc['title'] or ''} {doc['text']}")
    return texts


def test_parse_reads_measure_words_sources_places_and_intent() -> None:
    q = parse("How many were rescued from the Jaffar Express?")
    assert (q.intent, q.kind, q.casualty, q.names) == (
        "count",
        "casualties",
        ("rescued",),
        ["Jaffar Express"],
    )
    q = parse("What does South Korea's intelligence service estimate?")
    assert q.source == "South Korea's intelligence service" and not q.names
    assert parse("Who attacked Beledweyne?").intent == "who"
    assert parse("What happened in Kursk?").intent == "what"
    q = parse("How many North Korean troops are in Russia?")
    assert q.kind == "deployment" and q.side == "North Korea"
    assert parse("How many were killed or wounded?").casualty[:2] == ("killed", "killed_or_injured")


@pytest.mark.parametrize(
    ("question", "topic", "must"),
    [
        ("Who attacked Beledweyne?", "Beledweyne", "Shabab"),
        ("Who attacked tourists in Pahalgam?", "Pahalgam", "Resistance Front"),
        ("What happened in Kursk?", "Kursk", "12,000"),
        ("How many were rescued from the Jaffar Express?", "Jaff", "354"),
        ("How many were wounded in the Hayat Hotel attack?", "Hayat|Hyatt|Mogadishu", "117"),
    ],
)
def test_answers_stay_on_topic_and_cite(
    picture_store: str, question: str, topic: str, must: str
) -> None:
    import re

    room = Sitroom(db=picture_store)
    a = room.ask(question)
    assert a["found"], a["answer"]
    assert must in a["answer"] and len(a["answer"]) < 2500
    assert a["citations"] and all(f"[{c}]" in a["answer"] for c in a["citations"])
    for text in _docs(room, a):
        assert re.search(topic, text), (question, text[:200])


def test_nothing_in_the_store_is_said_plainly(picture_store: str) -> None:
    room = Sitroom(db=picture_store)
    for question in (
        "How many people were killed in Gaza?",
        "Who attacked Timbuktu?",
        "What is North Korea doing?",
        "How many tanks did North Korea send to Russia?",
    ):
        a = room.ask(question)
        assert not a["found"] and not a["citations"]
        assert "nothing" in a["answer"] or "no " in a["answer"], a["answer"]
    out = run("ask", "How many people were killed in Timbuktu?", db=picture_store)
    assert out.returncode == 1 and out.stdout.strip()


def test_cli_ask_formats(picture_store: str) -> None:
    out = run(
        "ask",
        "How many were rescued from the Jaffar Express?",
        "--format",
        "json",
        db=picture_store,
    )
    assert out.returncode == 0, out.stderr
    a = json.loads(out.stdout)
    assert a["rows"] and {"measure", "origin", "figure", "as_of", "claim"} <= set(a["rows"][0])
    table = run(
        "ask", "Who attacked Beledweyne?", "--format", "table", db=picture_store
    ).stdout.decode()
    assert "origin" in table and "as of" in table and "Shabab" in table


def test_eval_ask_scores_the_question_set(picture_store: str) -> None:
    from conftest import ROOT

    out = run("eval", "ask", str(ROOT / "tests/fixtures/ask/devsets.json"), db=picture_store)
    assert out.returncode == 0, out.stderr
    score = json.loads(out.stdout)
    assert score["questions"] == 36 and set(score["by_conflict"]) == {
        "goma",
        "hayat",
        "jaffar",
        "pahalgam",
    }
    assert score["right"] >= ASK_FLOOR["right"] and score["on_topic"] >= ASK_FLOOR["on_topic"]
    assert score["max_chars"] < 2500

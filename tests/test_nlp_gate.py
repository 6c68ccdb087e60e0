"""The sentence gate: only sentences that can carry a claim are parsed; offsets stay exact."""

from __future__ import annotations

from dataclasses import replace

from sitroom.config import NlpSettings
from sitroom.nlp.gate import SentenceGate, inflections
from sitroom.nlp.pipeline import Pipeline, load_model
from sitroom.nlp.types import RawDocument

TEXT = (
    "The capital was calm on Sunday. Markets opened as usual and schools reopened.\n"
    "Officials said gunmen killed 12 villagers in the north on Saturday. "
    "The weather was mild.\n"
    "Rebels fought government troops near the border. The minister sent a letter to parliament. "
    "Russia sent 3,000 troops to the region."
)


def _gate(context: int = 0) -> SentenceGate:
    return SentenceGate(load_model(NlpSettings().model), context=context)


def test_only_sentences_with_an_event_word_are_kept_with_document_offsets() -> None:
    pieces = list(_gate().pieces(TEXT))
    for offset, piece in pieces:
        assert TEXT[offset : offset + len(piece)] == piece
    kept = " ".join(p for _, p in pieces)
    assert "killed 12 villagers" in kept
    assert "fought government troops" in kept  # an irregular form, from the model's exceptions
    assert "sent 3,000 troops" in kept  # an object verb with an object of its sort
    assert "Markets opened" not in kept and "The weather was mild" not in kept
    assert "sent a letter" not in kept  # the same verb without troops carries no claim


def test_context_keeps_the_sentence_before_in_the_same_paragraph() -> None:
    kept = " ".join(p for _, p in _gate(context=1).pieces(TEXT))
    assert "The minister sent a letter" in kept  # before "Russia sent 3,000 troops"
    assert "The weather was mild" not in kept  # the paragraph ends there
    assert "The capital was calm" not in kept


def test_inflections_cover_regular_forms() -> None:
    assert {"kills", "killed", "killing"} <= inflections("kill")
    assert {"seized", "seizing"} <= inflections("seize")
    assert {"ambushed", "ambushes"} <= inflections("ambush")


def test_gated_extraction_finds_the_claims_of_a_full_parse() -> None:
    raw = RawDocument(text=TEXT, blocks=[], origin="gate-test", fmt="text")
    on = Pipeline(replace(NlpSettings(), gate=True))([raw], ["d"])[0].claims
    off = Pipeline(replace(NlpSettings(), gate=False))([raw], ["d"])[0].claims

    def key(c: dict) -> tuple:
        return (c["kind"], c["q_low"], c["actor"], c["evidence_start"], c["evidence_end"])

    assert {key(c) for c in on} == {key(c) for c in off}
    assert {"casualties", "deployment"} <= {c["kind"] for c in on}

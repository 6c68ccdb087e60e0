"""Claim frames: one claim per event mention in a body sentence.

A trigger (verb, object-verb pair, or supported noun; see `lexicon`) gives the kind; the parse
gives actor (subject or agent), target (recipient or object), and the sentence's quantities,
time, place and hedges fill the rest. Casualty claims are driven by counted quantities next to a
casualty word, one claim per count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitroom.nlp.actors.index import ActorMention
from sitroom.nlp.claims import lexicon as L
from sitroom.nlp.claims.leaders import acting_for
from sitroom.nlp.claims.syntax import (
    agent_of,
    governing_verb,
    hedged_past,
    modal_words,
    subject_of,
    subtree_span,
)
from sitroom.nlp.types import PlaceMention, Quantity, Timex

SUPPORT_PREPS = {"in", "into", "inside", "near", "across", "at"}


@dataclass
class SentenceFacts:
    """What the other components found inside one sentence (document offsets)."""

    sent: Span
    actors: list[ActorMention]
    quantities: list[Quantity]
    timexes: list[Timex]
    places: list[PlaceMention]
    primary: str | None = None
    primary_group: str | None = None


@dataclass
class Frame:
    kind: str
    trigger: Token
    actor: str | None = None
    target: str | None = None
    quantity: Quantity | None = None
    casualty: str | None = None
    object: str | None = None
    place: PlaceMention | None = None
    timex: Timex | None = None
    status: str = "occurred"
    certainty: str = "certain"
    notes: list[str] = field(default_factory=list)


def actor_for(tok: Token, facts: SentenceFacts, speaker: str | None) -> str | None:
    subj = agent_of(tok) or subject_of(tok)
    if subj is not None and subj.dep_ == "nsubjpass":
        # "were killed": the passive subject undergoes the event; "soldiers were killed by
        # Pakistani shelling": the agent of the passive clause does it
        subj = None if subj.head.i == tok.i else _raised(subj, tok) or agent_of(subj.head)
    if tok.pos_ in ("NOUN", "PROPN"):
        poss = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
        verb = governing_verb(tok)
        by = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"]
        if by:  # "an attack by ADF fighters", "a visit by Starmer to the White House"
            named = mention_in(facts.actors, *subtree_span(by[0]), None) or acting_for(by[0])
            if named:
                return named
        if poss:
            subj = poss[0]
        elif verb is not None:
            subj = agent_of(verb) or subject_of(verb)
            if subj is not None and subj.dep_ == "nsubjpass":
                subj = _raised(subj, tok) or agent_of(
                    subj.head
                )  # "13 Americans were killed in the bombing"
    if subj is not None:
        start, end = subtree_span(subj)
        named = mention_in(facts.actors, start, end, None)
        if named:
            return named
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.lower_ in ("it", "they"):
            return _reporter(subj, facts)
        return acting_for(subj)  # "Trump met with Kim": the state a leader acts for
    return None


def _raised(subj: Token, tok: Token) -> Token | None:
    """'The United States and Ukraine were supposed to sign a deal', 'troops are expected to
    arrive': the passive subject of a raising verb is the actor of its complement."""
    for c in subj.head.children:
        if c.dep_ == "xcomp" and c.left_edge.i <= tok.i <= c.right_edge.i:
            return subj
    if subj.head.lemma_.lower() in ("accuse", "suspect", "blame", "charge", "believe"):
        return subj  # "Iranian operatives were accused of planning to kidnap her"
    return None


def _reporter(pronoun: Token, facts: SentenceFacts) -> str | None:
    """'Ukraine said it is ready to accept': the pronoun is the actor that says so."""
    for anc in pronoun.ancestors:
        if anc.lemma_.lower() in L.REPORT_VERBS:
            for c in anc.children:
                if c.dep_ == "nsubj" and c.i < pronoun.i:
                    return mention_in(facts.actors, *subtree_span(c), None)
            return None
    return None


def mention_in(actors: list[ActorMention], start: int, end: int, skip: str | None) -> str | None:
    """The canonical actor named in [start, end): agencies and forces stand for their state."""
    inside = [a for a in actors if a.start >= start and a.end <= end]
    inside = [a for a in inside if state_of(a) != skip]
    proper = [a for a in inside if not a.demonym] or inside
    return state_of(proper[0]) if proper else None


def state_of(mention: ActorMention) -> str:
    e = mention.entity
    if e.kind in ("intelligence_agency", "government_body", "military") and e.country:
        return e.country
    return e.name


def target_for(tok: Token, facts: SentenceFacts, actor: str | None) -> str | None:
    for child in tok.subtree:
        if child.dep_ == "pobj" and child.head.lower_ in ("to", "against", "on", "for", "with"):
            name = mention_in(facts.actors, *subtree_span(child), actor)
            if name:
                return name
            person = acting_for(child) if child.head.lower_ == "with" else None
            if person and person != actor:
                return person  # "met with Kim Jong Un", "spoke with Macron"
        if child.dep_ == "dobj" and child.head.lemma_ in ("aid", "assist", "support", "help"):
            name = mention_in(facts.actors, *subtree_span(child), actor)
            if name:
                return name
    for child in tok.children:
        if child.dep_ == "dobj":
            name = mention_in(facts.actors, *subtree_span(child), actor)
            if name:
                return name
    _, end = subtree_span(tok)  # after the trigger only: the subject is not the target
    return mention_in(facts.actors, tok.idx, end, actor)


def status_and_certainty(tok: Token, sent_text: str) -> tuple[str, str]:
    words = modal_words(tok)
    low = sent_text.lower()
    status = "occurred"
    if words & {
        "poise",
        "poised",
        "prepare",
        "prepared",
        "plan",
        "intend",
        "ready",
        "decide",
        "want",
        "due",
        "scheduled",
    }:
        status = "planned"
    elif words & {"could", "may", "might", "will", "would", "expect", "expected", "likely"}:
        status = "predicted"
    past_hedge = status == "predicted" and hedged_past(tok)
    if past_hedge:
        status = "occurred"  # "had likely been killed", "may have died": a hedged past
    if words & {"deny", "denied", "dismiss", "dismissed", "refute", "refuted"}:
        status = "denied"
    verb = governing_verb(tok) if tok.lemma_.lower() in ("sanction", "embargo") else None
    if verb is not None and verb.lemma_.lower() in L.THREAT_VERBS:
        planned = verb.lemma_.lower() in ("consider", "weigh", "propose")
        return ("planned" if planned else "hypothetical"), "possible"  # "threatened sanctions"
    if any(p in low for p in L.DOUBT):
        return status, "doubtful"
    if words & {"could", "may", "might"}:
        return status, "possible"
    if status in ("planned", "predicted") or past_hedge:
        return status, "probable"
    return status, "certain"


def quantity_for(tok: Token, facts: SentenceFacts, used: set[int]) -> Quantity | None:
    """The nearest unused counted quantity in the trigger's clause."""
    start, end = subtree_span(tok)
    best, best_dist = None, 10**9
    for q in facts.quantities:
        if q.start in used or q.kind not in ("count",) or q.vague or q.unit in L.PLACE_UNITS:
            continue
        if not (start <= q.start < end):
            continue
        dist = abs(q.start - tok.idx)
        if dist < best_dist:
            best, best_dist = q, dist
    return best


def place_for(tok: Token, facts: SentenceFacts) -> PlaceMention | None:
    """The most specific place in the sentence; a country only after 'in/into'."""
    doc = facts.sent.doc
    candidates = []
    for p in facts.places:
        if p.place is None or p.adjectival:
            continue
        level = p.place.level
        is_actor = any(a.start <= p.start < a.end and not a.demonym for a in facts.actors)
        prev = doc.char_span(p.start, p.end, alignment_mode="expand")
        prep = doc[prev.start - 1].lower_ if prev is not None and prev.start > 0 else ""
        prep2 = doc[prev.start - 2].lower_ if prev is not None and prev.start > 1 else ""
        if is_actor and not (prep in SUPPORT_PREPS or prep2 in SUPPORT_PREPS):
            continue
        rank = {"city": 0, "admin2": 0, "admin1": 1, "country": 2}.get(level, 3)
        if rank == 2 and prep not in SUPPORT_PREPS:
            continue
        candidates.append((rank, abs(p.start - tok.idx), p))
    return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


def _when_said(t: Timex, tok: Token) -> bool:
    """'Shehu said Monday': the time of the statement, not of the event."""
    span = tok.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    return (
        head.i != tok.i
        and head.lemma_.lower() in L.REPORT_VERBS
        and span.root.dep_
        in (
            "npadvmod",
            "tmod",
        )
    )


def timex_for(tok: Token, facts: SentenceFacts) -> Timex | None:
    """The date or time nearest the trigger; a duration counts when it is anchored to the
    publication ("within the next few months", "the past two decades"), not "for hours"."""
    usable = [
        t
        for t in facts.timexes
        if (t.type in ("DATE", "TIME") or (t.type == "DURATION" and t.relation is not None))
        and not _when_said(t, tok)
    ]
    if not usable:
        return None
    return min(usable, key=lambda t: abs(t.start - tok.idx))

"""Claim frames: one claim per event mention in a body sentence.

A trigger (verb, object-verb pair, or supported noun; see `lexicon`) gives the kind; the parse
gives actor (subject or agent), target (recipient or object), and the sentence's quantities,
time, place and hedges fill the rest. Casualty claims are driven by counted quantities next to a
casualty word, one claim per count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitroom.nlp import lexicon as L
from sitroom.nlp.actors import ActorMention
from sitroom.nlp.syntax import (
    agent_of,
    backgrounded,
    governing_verb,
    in_subject_phrase,
    modal_words,
    object_lemmas,
    subject_of,
    subtree_span,
)
from sitroom.nlp.types import PlaceMention, Quantity, Timex

PERSON_UNITS = {"troops", "people", "fighters", "civilians", "militants", "soldiers", None}
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


def trigger_kind(tok: Token, facts: SentenceFacts) -> str | None:
    """The claim kind tok triggers in this sentence, or None."""
    if in_subject_phrase(tok) or backgrounded(tok) or not asserted(tok):
        return None
    kind = _kind(tok, facts)
    if kind == "withdrawal" and _from_organisation(tok, facts):
        return "diplomatic"  # "withdrew from ECOWAS": leaving a bloc, not troops pulling out
    return kind


def asserted(tok: Token) -> bool:
    """False for events the sentence does not assert: wanted, threatened, urged, stopped or
    feared ("threatening to kill", "must stop killing", "urged Russia to accept a ceasefire",
    "expecting casualties"), conditional ("in case a ceasefire is not agreed"), and
    participles used as nouns ("receiving the injured")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        verb = governing_verb(tok)
        if verb is not None and (verb.lemma_.lower() in L.NON_ASSERTING or not asserted(verb)):
            return False
    head = tok
    while head.dep_ in ("xcomp", "ccomp", "advcl", "conj") and head.head.i != head.i:
        if head.dep_ == "advcl" and _conditional(head):
            return False
        head = head.head
        if head.lemma_.lower() in L.NON_ASSERTING:
            return False
    if _conditional(tok):
        return False
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.lower_ in ("those", "these", "all"):
        return False  # "those rescued": a reference to people, not an event asserted here
    return not (
        tok.tag_ == "VBN"
        and tok.dep_ in ("dobj", "pobj")
        and any(c.dep_ == "det" for c in tok.children)
    )


def _conditional(tok: Token) -> bool:
    """An 'if' / 'unless' / 'in case' clause."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            return True
        if c.dep_ == "mark" and c.lower_ == "case":
            return True
    left = tok.left_edge
    return (
        left.i >= 2 and tok.doc[left.i - 2].lower_ == "in" and tok.doc[left.i - 1].lower_ == "case"
    )


def _from_organisation(tok: Token, facts: SentenceFacts) -> bool:
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            start, end = subtree_span(prep)
            if any(
                a.start >= start and a.end <= end and a.entity.kind == "international_org"
                for a in facts.actors
            ):
                return True
    return False


def _kind(tok: Token, facts: SentenceFacts) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        if lemma == "blow" and not any(c.lower_ == "up" for c in tok.children):
            return None
        if lemma == "engage" and not object_lemmas(tok) & {"combat", "fighting", "battle"}:
            return None
        if lemma == "fight" and not _fights_someone(tok):
            return None
        if lemma in L.VERB_TRIGGERS:
            return L.VERB_TRIGGERS[lemma]
        if lemma in L.OBJECT_VERBS:
            kind, objects = L.OBJECT_VERBS[lemma]
            found = object_lemmas(tok)
            if lemma in ("arrive", "depart"):
                found |= {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
            if lemma in ("hold", "take") and "hostage" in found:
                return "casualties"
            if lemma in ("provide", "offer") and "training" in found:
                return "training"
            if lemma == "meet":  # "met with Rubio", not "met with surprising success"
                return kind if _meets_someone(tok) else None
            if lemma in L.CONQUEST_VERBS and _object_is_place(tok, facts):
                return kind
            if lemma == "target" and (_object_is_place(tok, facts) or _object_is_actor(tok, facts)):
                return kind
            return kind if found & objects else None
        return None
    if tok.pos_ in ("NOUN", "PROPN") and lemma in L.NOUN_TRIGGERS:
        return L.NOUN_TRIGGERS[lemma] if noun_supported(tok, facts) else None
    return None


def _object_is_actor(tok: Token, facts: SentenceFacts) -> bool:
    """'targeted IS positions', 'targeted al-Shabab': the object names an actor."""
    for child in tok.children:
        if child.dep_ == "dobj":
            start, end = subtree_span(child)
            if any(start <= a.start < end for a in facts.actors):
                return True
    return False


def _meets_someone(tok: Token) -> bool:
    return any(
        c.dep_ == "prep"
        and c.lower_ == "with"
        and any(
            o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for o in c.children
        )
        for c in tok.children
    )


def _object_is_place(tok: Token, facts: SentenceFacts) -> bool:
    """'seized Bakhmut': the object names a place."""
    for child in tok.children:
        if child.dep_ == "dobj":
            start, end = subtree_span(child)
            if any(start <= p.start < end and not p.adjectival for p in facts.places):
                return True
    return False


def _fights_someone(tok: Token) -> bool:
    """'fighting an insurgency', 'fighting with/against X': combat; 'fighting for freedom' is
    not an event."""
    return any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("with", "against"))
        for c in tok.children
    )


def noun_supported(tok: Token, facts: SentenceFacts) -> bool:
    """A noun trigger counts when its phrase names who, how many, when or where."""
    if tok.dep_ in ("amod", "compound", "nmod", "poss"):
        return False
    if any(a.lemma_ in ("responsibility", "credit") for a in tok.ancestors):
        return True
    if tok.dep_ in ("dobj", "conj") and tok.head.lemma_.lower() in L.LIGHT_VERBS:
        return True
    start, end = subtree_span(tok)
    near = range(max(start - 40, facts.sent.start_char), min(end + 60, facts.sent.end_char))
    has = any(q.start in near for q in facts.quantities if q.kind == "count")
    has = has or any(t.start in near for t in facts.timexes)
    has = has or any(c.dep_ == "poss" for c in tok.children)
    has = has or any(start <= p.start < end and not p.adjectival for p in facts.places)
    return has


def actor_for(tok: Token, facts: SentenceFacts, speaker: str | None) -> str | None:
    subj = agent_of(tok) or subject_of(tok)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == tok.i:
        subj = None  # "were killed": the passive subject undergoes the event
    if tok.pos_ in ("NOUN", "PROPN"):
        poss = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
        verb = governing_verb(tok)
        if poss:
            subj = poss[0]
        elif verb is not None:
            subj = agent_of(verb) or subject_of(verb)
    if subj is not None:
        start, end = subtree_span(subj)
        named = mention_in(facts.actors, start, end, None)
        if named:
            return named
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.lower_ in ("it", "they"):
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
    }:
        status = "planned"
    elif words & {"could", "may", "might", "will", "would", "expect", "expected", "likely"}:
        status = "predicted"
    if words & {"deny", "denied"}:
        status = "denied"
    if any(p in low for p in L.DOUBT):
        return status, "doubtful"
    if words & {"could", "may", "might"}:
        return status, "possible"
    if status in ("planned", "predicted"):
        return status, "probable"
    return status, "certain"


def quantity_for(tok: Token, facts: SentenceFacts, used: set[int]) -> Quantity | None:
    """The nearest unused counted quantity in the trigger's clause."""
    start, end = subtree_span(tok)
    best, best_dist = None, 10**9
    for q in facts.quantities:
        if q.start in used or q.kind not in ("count",) or q.vague:
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


def timex_for(tok: Token, facts: SentenceFacts) -> Timex | None:
    usable = [t for t in facts.timexes if t.type in ("DATE", "TIME")]
    if not usable:
        return None
    return min(usable, key=lambda t: abs(t.start - tok.idx))

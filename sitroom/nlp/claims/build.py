"""Builds the frames of one sentence from triggers and counted casualties."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from sitroom.nlp.claims import lexicon as L
from sitroom.nlp.claims.casualties import (
    NOT_PEOPLE,
    casualty_word_near,
    in_breakdown,
    opponent,
    partitive_unit,
    partitive_whole,
    single_victim,
    victims_side,
)
from sitroom.nlp.claims.frames import (
    Frame,
    SentenceFacts,
    actor_for,
    mention_in,
    place_for,
    quantity_for,
    state_of,
    status_and_certainty,
    target_for,
    timex_for,
)
from sitroom.nlp.claims.syntax import subject_of, subtree_span
from sitroom.nlp.claims.triggers import trigger_kind

QUANTIFIED_KINDS = {
    "sanction",
    "deployment",
    "withdrawal",
    "recruitment",
    "arms_transfer",
    "training",
    "attack",
}
OBJECT_KINDS = {
    "arms_transfer",
    "aid_suspension",
    "training",
    "recruitment",
    "sanction",
    "diplomatic",
}


def build_frames(facts: SentenceFacts, speaker: str | None) -> list[Frame]:
    """All frames of one sentence, at most one per (kind, quantity, casualty)."""
    frames: list[Frame] = []
    used_q: set[int] = set()
    used_tok: set[int] = set()
    text = facts.sent.text
    frames.extend(casualty_frames(facts, speaker, used_q, used_tok))
    frames.extend(strength_frames(facts, used_q, used_tok))
    for tok in facts.sent:
        if tok.i in used_tok:
            continue
        kind = trigger_kind(tok, facts)
        if kind is None:
            continue
        frame = Frame(kind=kind, trigger=tok)
        frame.actor = actor_for(tok, facts, speaker)
        frame.target = target_for(tok, facts, frame.actor)
        if (
            tok.lemma_.lower() in L.TRADER_NOUNS
            and L.TRADER_NOUNS[tok.lemma_.lower()] == "receiver"
        ):
            frame.actor, frame.target = None, frame.actor  # "X is the biggest weapons importer"
        if tok.lemma_.lower() in L.RECEIVE_VERBS:  # the giver is "from X", the subject receives
            frame.actor, frame.target = giver(tok, facts), frame.actor or receiver(tok, facts)
        if kind == "casualties":
            frame.casualty = L.CASUALTY_WORDS.get(tok.lemma_.lower(), "hostage")
            frame.quantity = single_victim(tok)
            victim = frame.quantity
            if (
                victim is not None
                and victim.text.lower().startswith("the ")
                and not any(victim.start <= a.start < victim.end for a in facts.actors)
            ):
                frame.notes.append("anaphoric victim")  # "the leader": someone named before
            frame.actor, frame.target = victims_side(tok, facts, frame.actor), frame.actor
        if kind in QUANTIFIED_KINDS:
            frame.quantity = quantity_for(tok, facts, used_q)
            if frame.quantity:
                used_q.add(frame.quantity.start)
        if kind in OBJECT_KINDS:
            frame.object = object_text(tok)
        if kind == "attack" and any(
            a.lemma_ in ("responsibility", "credit") for a in tok.ancestors
        ):
            frame.notes.append("responsibility")
        finish(frame, facts, text)
        frames.append(frame)
        frames.extend(conjoined_actor_frames(frame, facts))
    frames.extend(compared_frames(frames, facts, used_q))
    frames.extend(sanctioned_counts(frames, facts, used_q))
    return dedupe(frames)


SANCTIONED = {"persons", "individuals", "entities", "officials", "companies", "firms", "banks"}


def sanctioned_counts(frames: list[Frame], facts: SentenceFacts, used_q: set[int]) -> list[Frame]:
    """'added 26 natural persons and one Russian entity to the list ... subject to restrictive
    measures': a sanction with no count of its own takes each count of listed persons or
    entities in its sentence, one claim per count."""
    out = []
    for f in frames:
        if f.kind != "sanction" or f.quantity is not None:
            continue
        counts = [
            q
            for q in facts.quantities
            if q.kind == "count" and q.start not in used_q and _sanctioned_unit(q, facts)
        ]
        for i, q in enumerate(counts):
            used_q.add(q.start)
            if i == 0:
                f.quantity = q
            else:
                out.append(replace(f, quantity=q, notes=[*f.notes, "listed count"]))
    return out


def _sanctioned_unit(q, facts: SentenceFacts) -> bool:  # noqa: ANN001
    if q.unit in SANCTIONED:
        return True
    span = facts.sent.doc.char_span(q.start, q.end, alignment_mode="expand")
    head = span.root.head if span is not None else None
    return head is not None and head.lemma_.lower() + "s" in SANCTIONED | {"entitys"}


COMPARE = re.compile(r"\b(compared (?:to|with)|versus|up from|down from|from|to|than)\b", re.I)


def compared_frames(frames: list[Frame], facts: SentenceFacts, used_q: set[int]) -> list[Frame]:
    """Each figure of a comparison is a claim: 'launched 504 attacks in 2024, compared to 116
    in 2023', 'deaths surged from 88 in 2023 to 388 in 2024'. A figure joined to a counted
    frame's figure by 'compared to', 'from ... to', 'up from' gets a frame like it."""
    out = []
    text = facts.sent.doc.text
    for f in list(frames):
        q = f.quantity
        if q is None or f.kind not in QUANTIFIED_KINDS | {"casualties"}:
            continue
        for other in facts.quantities:
            if other.start in used_q or other.kind != "count" or other.vague:
                continue
            if other.unit not in (None, q.unit):
                continue
            lo, hi = sorted((q.end, other.start)) if other.start > q.start else (other.end, q.start)
            between = text[lo:hi]
            if not (0 <= len(between) <= 40) or not COMPARE.search(between):
                continue
            if any(w in between.lower() for w in ("killed", "injured", "wounded", "and ")):
                continue  # its own casualty word, or a list: not this figure's partner
            used_q.add(other.start)
            out.append(replace(f, quantity=other, notes=[*f.notes, "compared figure"]))
    return out


FORCE_NOUNS = {
    "troop",
    "soldier",
    "fighter",
    "militant",
    "personnel",
    "force",
    "member",
    "insurgent",
    "jihadist",
    "mercenary",
}


def giver(tok: Token, facts: SentenceFacts) -> str | None:
    """X in 'getting weapons from X'."""
    for child in tok.subtree:
        if child.dep_ == "pobj" and child.head.lower_ == "from":
            name = mention_in(facts.actors, *subtree_span(child), None)
            if name:
                return name
    return None


def receiver(tok: Token, facts: SentenceFacts) -> str | None:
    """For 'it is getting weapons', the last actor named before the verb ("Russia's envoy
    ... accusations it is getting")."""
    before = [a for a in facts.actors if a.end <= tok.idx]
    return state_of(before[-1]) if before else None


def strength_frames(facts: SentenceFacts, used_q: set[int], used_tok: set[int]) -> list[Frame]:
    """Force strength: "estimates put the number of IS fighters across Iraq and Syria at
    between 1,500 and 3,000" is a deployment claim with that figure."""
    out = []
    for tok in facts.sent:
        if tok.lemma_.lower() != "number" or tok.i in used_tok:
            continue
        counted = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj" and p.lemma_.lower() in FORCE_NOUNS
        ]
        if not counted:
            continue
        after = [
            q
            for q in facts.quantities
            if q.start > tok.idx
            and q.start not in used_q
            and q.kind == "count"
            and not q.vague
            and q.unit in (None, "troops", "fighters")
        ]
        if not after:
            continue
        q = after[0]
        frame = Frame(kind="deployment", trigger=tok, quantity=q)
        frame.actor = mention_in(facts.actors, *subtree_span(counted[0]), None)
        finish(frame, facts, facts.sent.text)
        used_q.add(q.start)
        used_tok.add(tok.i)
        out.append(frame)
    return out


def conjoined_actor_frames(frame: Frame, facts: SentenceFacts) -> list[Frame]:
    """'The United States and Pakistan have both designated BLA': one claim per actor.

    Acts of several actors are independent (one claim each) unless the text makes them joint
    ("jointly", "together"); diplomatic acts of several states are joint unless the text makes
    them separate ("both", "each")."""
    subj = subject_of(frame.trigger)
    if subj is None or frame.actor is None or subj.dep_ == "nsubjpass":
        return []
    if not any(t.dep_ == "cc" for t in subj.subtree):
        return []
    words = {t.lower_ for t in frame.trigger.sent}
    if words & JOINT or (frame.kind == "diplomatic" and not words & DISTRIBUTIVE):
        return []  # "Burkina Faso, Mali and Niger withdrew": one joint act, first-named actor
    start, end = subtree_span(subj)
    # "Both Mexican President X and Canadian Prime Minister Y told Trump in phone calls"
    persons = frame.kind == "diplomatic" and any(t.ent_type_ == "PERSON" for t in subj.subtree)
    names = [
        state_of(a) for a in facts.actors if start <= a.start < end and (not a.demonym or persons)
    ]
    out = []
    for name in dict.fromkeys(names):
        if name != frame.actor and name != frame.target:
            out.append(replace(frame, actor=name, notes=[*frame.notes, "conjoined actor"]))
    return out


def finish(frame: Frame, facts: SentenceFacts, text: str) -> None:
    frame.place = place_for(frame.trigger, facts)
    frame.timex = timex_for(frame.trigger, facts)
    if frame.timex is None and facts.timexes:
        frame.notes.append("time stated but not as a date")  # "days later": not the scene's
    frame.status, frame.certainty = status_and_certainty(frame.trigger, text)
    if frame.target is None and frame.kind in ("attack", "combat") and frame.place is not None:
        country = frame.place.place.country_name if frame.place.place else None
        if country and country != frame.actor:
            frame.target = country


def casualty_frames(
    facts: SentenceFacts, speaker: str | None, used_q: set[int], used_tok: set[int]
) -> list[Frame]:
    """One casualties frame per counted group of people next to a casualty word."""
    out = []
    doc = facts.sent.doc
    for q in facts.quantities:
        if q.kind != "count" or q.vague or q.unit in NOT_PEOPLE:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        if in_breakdown(span.root, span) or partitive_whole(span):
            continue
        if q.unit is None and partitive_unit(span, facts.quantities):
            q = replace(q, unit=partitive_unit(span, facts.quantities))
        word = casualty_word_near(span.root, facts, span)
        if word is None:
            continue
        tok, casualty = word
        frame = Frame(kind="casualties", trigger=tok, quantity=q, casualty=casualty)
        perpetrator = actor_for(tok, facts, speaker) if tok.pos_ == "VERB" else None
        # "killed and injured 1,000": one claim; "ambushed a bus and killed 18": two
        used_tok.update(c.i for c in tok.conjuncts if c.lemma_.lower() in L.CASUALTY_WORDS)
        frame.actor = victims_side(span.root, facts, perpetrator, q.unit)
        frame.target = perpetrator
        if out and any(a.lower_ in ("including", "among") for a in span.root.ancestors):
            # '4,700 killed or wounded, including 600 deaths': the part is the whole's people
            frame.actor, frame.target = out[-1].actor, out[-1].target
            frame.notes.append("part of a larger count")
        if perpetrator is None and opponent(frame.actor, facts):
            frame.target = opponent(frame.actor, facts)
            frame.notes.append("target: the article's main opponent")
        finish(frame, facts, facts.sent.text)
        used_q.add(q.start)
        used_tok.add(tok.i)
        out.append(frame)
    return out


DISTRIBUTIVE = {"both", "each", "separately", "respectively", "individually"}
JOINT = {"jointly", "together", "joint"}


def object_text(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            s, e = subtree_span(child)
            return tok.doc.text[s:e][:120]
    for child in tok.children:
        if child.dep_ == "prep":
            for sub in child.children:
                if sub.dep_ == "pobj":
                    s, e = subtree_span(sub)
                    return tok.doc.text[s:e][:120]
    return None


def _linked(f: Frame, frames: list[Frame]) -> bool:
    """f's trigger hangs directly on another frame's trigger of the same kind ('held talks',
    'signed an agreement'): one event said twice."""
    return any(
        g is not f
        and g.kind == f.kind
        and f.trigger.head.i == g.trigger.i != f.trigger.i
        and not _own_count(f, g)
        for g in frames
    )


def _own_count(f: Frame, g: Frame) -> bool:
    """'killed 26 people and injured 17 others': the second verb counts people of its own,
    a claim of its own, not the first event said twice."""
    return f.quantity is not None and (
        g.quantity is None or (f.quantity.low, f.quantity.high) != (g.quantity.low, g.quantity.high)
    )


def dedupe(frames: list[Frame]) -> list[Frame]:
    """At most one frame per event. Two frames of one kind with no actor stay apart when their
    triggers are separate clauses ("talks in Jeddah, where Ukraine said it is ready to accept")."""
    seen: set[tuple] = set()
    out = []
    frames = [f for f in frames if not (f.actor is None and _linked(f, frames))]
    for f in frames:
        q = (f.quantity.low, f.quantity.high) if f.quantity else None
        who = f.actor if f.actor is not None or f.kind == "diplomatic" else None
        if f.actor is None and (f.kind == "diplomatic" or f.trigger.pos_ == "VERB"):
            who = f"@{f.trigger.i}"  # separate clauses: "Sunday's attack came after X attacked"
        key = (f.kind, q, f.casualty, who if f.kind != "casualties" else None)
        if key in seen:
            continue
        if f.quantity is None and any(
            g.kind == f.kind and g.quantity is not None and g.casualty == f.casualty for g in out
        ):
            continue
        seen.add(key)
        out.append(f)
    return out

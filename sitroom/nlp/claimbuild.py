"""Builds the frames of one sentence from triggers and counted casualties."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from sitroom.nlp import lexicon as L
from sitroom.nlp.frames import (
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
    trigger_kind,
)
from sitroom.nlp.syntax import subject_of, subtree_span
from sitroom.nlp.types import Quantity

NOT_PEOPLE = {
    "kilometers",
    "kilometres",
    "miles",
    "meters",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "percent",
    "times",
    "dollar",
    "euro",
    "containers",
    "shells",
    "missiles",
    "drones",
    "tons",
    "attacks",
    "vehicles",
    "rockets",
}
QUANTIFIED_KINDS = {
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
    for frame in casualty_frames(facts, speaker, used_q, used_tok):
        frames.append(frame)
    for tok in facts.sent:
        if tok.i in used_tok:
            continue
        kind = trigger_kind(tok, facts)
        if kind is None:
            continue
        frame = Frame(kind=kind, trigger=tok)
        frame.actor = actor_for(tok, facts, speaker)
        frame.target = target_for(tok, facts, frame.actor)
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
    return dedupe(frames)


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
    names = [state_of(a) for a in facts.actors if start <= a.start < end and not a.demonym]
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
        if in_breakdown(span.root):
            continue
        word = casualty_word_near(span.root, facts)
        if word is None:
            continue
        tok, casualty = word
        frame = Frame(kind="casualties", trigger=tok, quantity=q, casualty=casualty)
        perpetrator = actor_for(tok, facts, speaker) if tok.pos_ == "VERB" else None
        # "killed and injured 1,000": one claim; "ambushed a bus and killed 18": two
        used_tok.update(c.i for c in tok.conjuncts if c.lemma_.lower() in L.CASUALTY_WORDS)
        frame.actor = victims_side(span.root, facts, perpetrator, q.unit)
        frame.target = perpetrator
        if perpetrator is None and opponent(frame.actor, facts):
            frame.target = opponent(frame.actor, facts)
            frame.notes.append("target: the article's main opponent")
        finish(frame, facts, facts.sent.text)
        used_q.add(q.start)
        used_tok.add(tok.i)
        out.append(frame)
    return out


def casualty_word_near(num: Token, facts: SentenceFacts) -> tuple[Token, str] | None:
    """The casualty word governing or modifying a counted noun; failing that, one a few words
    before or after it ("the death toll had risen to at least 63"), or one under the verb of a
    list of counts ("18 soldiers, three staff and five passengers were among those killed")."""
    head = num.head if num.dep_ in ("nummod", "quantmod") else num
    near = [head, *head.children, head.head, head.head.head]
    near += [c for c in head.head.children if c.dep_ in ("oprd", "dobj", "acomp", "xcomp")]
    sent = facts.sent
    near += [sent.doc[i] for i in range(max(sent.start, num.i - 6), min(sent.end, num.i + 5))]
    near += _under_list_verb(head)
    for cand in near:
        if not sent.start <= cand.i < sent.end:
            continue
        casualty = _casualty_of(cand)
        if casualty is None:
            continue
        for conj in cand.conjuncts:  # "killed and injured 1,000" share one count
            other = L.CASUALTY_WORDS.get(conj.lemma_.lower())
            own_count = any(
                t.like_num and t.i != num.i
                for child in conj.children
                if child.dep_ in ("dobj", "nsubjpass", "attr", "npadvmod")
                for t in child.subtree
            )
            if other and other != casualty and not own_count:
                casualty = "killed_or_injured"
        return cand, casualty
    return None


def _casualty_of(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma == "lose" and any(c.lemma_.lower() == "life" for c in tok.children):
        return "killed"  # "lost their lives"
    return L.CASUALTY_WORDS.get(lemma)


def _under_list_verb(head: Token) -> list[Token]:
    """For a counted subject, alone or in a list, the words under its verb, nearest first,
    outside the subject itself (at most three steps down)."""
    first = head
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
    if first.dep_ not in ("nsubj", "nsubjpass"):
        return []
    verb, out, frontier = first.head, [], [first.head]
    for _ in range(3):
        frontier = [c for t in frontier for c in t.children if c.i != first.i]
        out.extend(frontier)
    return [verb, *out]


DISTRIBUTIVE = {"both", "each", "separately", "respectively", "individually"}
JOINT = {"jointly", "together", "joint"}
PERSON_TAGS = {"NN", "NNP"}


def single_victim(tok: Token) -> Quantity | None:
    """'the driver of the train has died', 'al-Rufay'i was killed': one named or singular
    person is a count of one."""
    victims = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    if tok.lemma_.lower() == "die":
        victims += [c for c in tok.children if c.dep_ == "nsubj"]
    if tok.dep_ == "advcl" and not victims:
        victims = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for v in victims:
        if v.tag_ in PERSON_TAGS and (v.ent_type_ == "PERSON" or v.lemma_.lower() in L.PERSONS):
            s, e = subtree_span(v)
            return Quantity(s, e, v.doc.text[s:e], 1.0, 1.0, "people")
    return None


def _unplaced_victim(victim: Quantity, tok: Token, facts: SentenceFacts) -> bool:
    """'the leader', or a person by name, with no side named in the phrase: someone the
    article has already placed."""
    if any(victim.start <= a.start < victim.end for a in facts.actors):
        return False
    if victim.text.lower().startswith("the "):
        return True
    span = tok.doc.char_span(victim.start, victim.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


def in_breakdown(num: Token) -> bool:
    """'104 passengers, including 58 men, 31 women and 15 children': the parts of a total
    are not claims of their own."""
    return any(a.lower_ in ("including", "among") for a in num.ancestors)


def opponent(side: str | None, facts: SentenceFacts) -> str | None:
    """With no perpetrator named, casualties of the article's main state are taken to be
    caused by its main armed group, and the other way round."""
    if side and side == facts.primary:
        return facts.primary_group
    if side and side == facts.primary_group:
        return facts.primary
    return None


def victims_side(
    tok: Token, facts: SentenceFacts, perpetrator: str | None, unit: str | None = None
) -> str | None:
    """Whose people the casualties are: a demonym or name in the victims' phrase; else, for
    militants ("16 terrorists had been killed"), the article's main armed group; else the
    article's main state, when the perpetrator is someone else."""
    start, end = subtree_span(tok.head if tok.dep_ in ("nummod",) else tok)
    named = mention_in(facts.actors, start, end, perpetrator)
    if named:
        return named
    if unit == "fighters" and facts.primary_group and facts.primary_group != perpetrator:
        return facts.primary_group
    if facts.primary and facts.primary != perpetrator:
        return facts.primary
    return None


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


def dedupe(frames: list[Frame]) -> list[Frame]:
    seen: set[tuple] = set()
    out = []
    for f in frames:
        q = (f.quantity.low, f.quantity.high) if f.quantity else None
        key = (f.kind, q, f.casualty, f.actor if f.kind != "casualties" else None)
        if key in seen:
            continue
        if f.quantity is None and any(
            g.kind == f.kind and g.quantity is not None and g.casualty == f.casualty for g in out
        ):
            continue
        seen.add(key)
        out.append(f)
    return out

"""Triggers: which claim kind a token asserts in its sentence, if any.

A verb trigger counts on its own, an object-verb only with an object of the right sort, a noun
only when the sentence pins the event down (see `noun_supported`). Events that are wanted,
threatened, urged, feared, conditional, backgrounded or only a topic are not asserted.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.nlp.claims import lexicon as L
from sitroom.nlp.claims.frames import SentenceFacts
from sitroom.nlp.claims.syntax import (
    backgrounded,
    governing_verb,
    in_subject_phrase,
    object_lemmas,
    subtree_span,
)


def trigger_kind(tok: Token, facts: SentenceFacts) -> str | None:
    """The claim kind tok triggers in this sentence, or None."""
    topic = in_subject_phrase(tok) and not _dated_event(tok)
    if topic or backgrounded(tok) or not asserted(tok):
        return None
    kind = _kind(tok, facts)
    if kind == "withdrawal" and _from_organisation(tok, facts):
        return "diplomatic"  # "withdrew from ECOWAS": leaving a bloc, not troops pulling out
    return kind


def _dated_event(tok: Token) -> bool:
    """'Tuesday's attack', 'Saturday's blasts': a noun dated by a possessive names a
    particular event even as the subject of a sentence."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in tok.children
    )


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

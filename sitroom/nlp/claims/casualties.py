"""Casualty reading: which casualty word a count belongs to, whose people they are, who
caused them, and when a count is only part of another (shared by the claim-frame builder)."""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.nlp.claims import lexicon as L
from sitroom.nlp.claims.frames import SentenceFacts, mention_in
from sitroom.nlp.claims.syntax import subtree_span
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
    # places and things that a count next to 'killed' may name ("raided six villages")
    "villages",
    "towns",
    "homes",
    "houses",
    "districts",
    "provinces",
    "countries",
    "buildings",
    "ships",
    "vessels",
    "aircraft",
    "tanks",
    "camps",
    "schools",
    "hospitals",
    "communities",
}


def casualty_word_near(num: Token, facts: SentenceFacts) -> tuple[Token, str] | None:
    """The casualty word governing or modifying a counted noun; failing that, one a few words
    before or after it ("the death toll had risen to at least 63"), or one under the verb of a
    list of counts ("18 soldiers, three staff and five passengers were among those killed")."""
    head = num.head if num.dep_ in ("nummod", "quantmod") else num
    # the verb the counted people are subject or object of comes before words inside their own
    # phrase: "270 schoolgirls kidnapped in Zamfara were freed" were freed (rescued)
    governing = [head.head] if head.dep_ in ("nsubjpass", "nsubj", "dobj") else []
    near = [head, *governing, *head.children, head.head, head.head.head]
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
    if lemma in ("free", "release") and tok.pos_ != "VERB":
        return None  # "four freedoms", "free movement": not people set free
    if lemma == "body" and tok.tag_ != "NNS":
        return None  # "the regional body": not the dead
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


def unplaced_victim(victim: Quantity, tok: Token, facts: SentenceFacts) -> bool:
    """'the leader', or a person by name, with no side named in the phrase: someone the
    article has already placed."""
    if any(victim.start <= a.start < victim.end for a in facts.actors):
        return False
    if victim.text.lower().startswith("the "):
        return True
    span = tok.doc.char_span(victim.start, victim.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


PARTS_OF = frozenset({"dead", "victim", "casualty", "injured", "wounded", "killed", "body"})


def in_breakdown(num: Token) -> bool:
    """'104 passengers, including 58 men, 31 women and 15 children', 'Nine of the dead were
    children': the parts of a total are not claims of their own. ('Two of the 20 soldiers
    were killed' is a claim: its whole is not a casualty count.)"""
    if any(a.lower_ in ("including", "among") for a in num.ancestors):
        return True
    head = num.head if num.dep_ in ("nummod", "quantmod") else num
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(p.dep_ == "pobj" and p.lemma_.lower() in PARTS_OF for p in c.children)
        for c in head.children
    )


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

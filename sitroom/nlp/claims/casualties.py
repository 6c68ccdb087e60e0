"""Casualty reading: which casualty word a count belongs to, whose people they are, who
caused them, and when a count is only part of another (shared by the claim-frame builder)."""

from __future__ import annotations

from spacy.tokens import Span, Token

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


def casualty_word_near(
    num: Token, facts: SentenceFacts, span: Span | None = None
) -> tuple[Token, str] | None:
    """The casualty word governing or modifying a counted noun; failing that, one a few words
    before or after it ("the death toll had risen to at least 63"), or one under the verb of a
    list of counts ("18 soldiers, three staff and five passengers were among those killed")."""
    own = own_phrase_word(span if span is not None else num.doc[num.i : num.i + 1], facts)
    if own is not None:
        return own[0], _with_conjuncts(own[0], own[1], num)
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
        return cand, _with_conjuncts(cand, casualty, num)
    return None


def _with_conjuncts(cand: Token, casualty: str, num: Token) -> str:
    """'killed and injured 1,000' share one count (killed or injured); 'killed 12 and wounded
    30', '300 were killed and 2,700 wounded', '15 killed and several wounded' do not: a
    conjunct with a count (or a quantifier) of its own has its own claim."""
    for conj in cand.conjuncts:
        other = L.CASUALTY_WORDS.get(conj.lemma_.lower())
        if not other or other == casualty:
            continue
        lo, hi = sorted((cand.i, conj.i))
        between = [t for t in cand.doc[lo + 1 : hi] if t.i != num.i]
        own_count = any(
            (t.like_num or t.lower_ in QUANTIFIERS) and t.i != num.i
            for child in conj.children
            if child.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "npadvmod")
            for t in child.subtree
        ) or any(t.like_num or t.lower_ in QUANTIFIERS for t in between[-3:])
        if not own_count:
            return "killed_or_injured"
    return casualty


QUANTIFIERS = frozenset({"several", "many", "dozens", "scores", "hundreds", "thousands", "others"})
# A count's own phrase ends at these: "21 dead people and 117 others injured"
PHRASE_ENDS = frozenset({"and", "but", "while", "whereas", "including", "among", "as", "with"})
OWN_AFTER = 5  # words after a count that still belong to its phrase ("117 people wounded")
OWN_BEFORE = 4  # words before it ("the deaths of 21 people", "killed 12")


def own_phrase_word(span: Span, facts: SentenceFacts) -> tuple[Token, str] | None:
    """The casualty word inside the count's own stretch of words, before the dependency parse
    is asked: after the count up to the next count, list or clause boundary ('21 dead people
    and 117 others injured', '117 people wounded', '15 civilians were confirmed dead'), else
    just before it back to the previous count or boundary ('the deaths of 21 people',
    'killed 12 and wounded 30'). The small parser often hangs the second of two coordinated
    counts on the first one's word ('the deaths of 21 people and 117 people wounded': 117
    killed); the words next to a count are the better evidence. Written here (not a
    library) because it reads spaCy tokens the claim builder already has."""
    sent = facts.sent
    for t in span:  # "21 dead people"
        casualty = None if t.like_num else _casualty_of(t)
        if casualty is not None:
            return t, casualty
    for t in sent.doc[span.end : min(sent.end, span.end + OWN_AFTER)]:
        if _boundary(t):
            break
        casualty = _casualty_of(t)
        if casualty is not None:
            return t, casualty
    for t in reversed(sent.doc[max(sent.start, span.start - OWN_BEFORE) : span.start]):
        if _boundary(t):
            break
        casualty = _casualty_of(t)
        if casualty is not None and not _speech_object(t):
            return t, casualty
    return None


def _boundary(t: Token) -> bool:
    return (
        (t.like_num and t.pos_ == "NUM")
        or t.lower_ in PHRASE_ENDS
        or (t.is_punct and t.text not in ("-", "–"))
    )


def _speech_object(t: Token) -> bool:
    """'put at 40 dead': fine; 'the toll' as the subject of a later clause is still the
    count's word. Only a word governed by another count is not ours."""
    return any(c.like_num for c in t.children if c.dep_ == "nummod")


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


def in_breakdown(num: Token, span: Span | None = None) -> bool:
    """'104 passengers, including 58 men, 31 women and 15 children', 'Nine of the dead were
    children': the parts of a total are not claims of their own. ('Two of the 20 soldiers
    were killed' is a claim: its whole is not a casualty count.) A part of another casualty
    type is a claim: '4,700 killed or wounded, including 600 deaths' gives the killed subset
    (linked to the whole in the picture)."""
    marker = next((a for a in num.ancestors if a.lower_ in ("including", "among")), None)
    if marker is not None:
        return not (span is not None and _other_type_part(span, marker))
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


def _other_type_part(span: Span, marker: Token) -> bool:
    """The part names its own casualty type (killed) and the whole before 'including' is
    killed-or-wounded ('casualties', 'killed or wounded')."""
    own = None
    for t in list(span) + list(span.doc[span.end : min(span.sent.end, span.end + 2)]):
        own = None if t.like_num else _casualty_of(t)
        if own is not None:
            break
    if own != "killed":
        return False
    before = span.doc[span.sent.start : marker.i]
    for t in before:
        kind = _casualty_of(t)
        if kind == "killed_or_injured":
            return True
        if kind is not None and any(
            L.CASUALTY_WORDS.get(c.lemma_.lower()) not in (None, kind) for c in t.conjuncts
        ):
            return True  # "killed or wounded"
    return False


def partitive_whole(span: Span) -> bool:
    """'1,000 of the 11,000 troops deployed had been killed': 11,000 is the group the killed
    are part of (a deployment), never a casualty count of its own."""
    root = span.root
    noun = root.head if root.dep_ in ("nummod", "quantmod") else root
    of = noun.head
    return (
        noun.dep_ == "pobj"
        and of.lower_ == "of"
        and (of.head.like_num or of.head.lower_ in ("some", "most", "half", "many", "all"))
    )


def partitive_unit(span: Span, quantities: list) -> str | None:
    """The unit of a bare partitive count, from its whole: '1,000 of the 11,000 troops' are
    troops."""
    root = span.root
    if not root.like_num:
        return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for q in quantities:
                if child.idx < q.start < child.head.sent.end_char and q.unit:
                    pobj = [p for p in child.children if p.dep_ == "pobj"]
                    if pobj and q.start <= pobj[0].idx < q.end:
                        return q.unit
    return None

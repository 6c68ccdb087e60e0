"""Small helpers over spaCy's dependency parse, shared by the claim-frame rules."""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_LINKS = {"xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp", "prep", "pobj", "acomp"}


def subject_of(tok: Token) -> Token | None:
    """The grammatical subject governing tok, walking up through complements and conjuncts."""
    cur: Token | None = tok
    for _ in range(6):
        if cur is None:
            return None
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ not in CLAUSE_LINKS or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def agent_of(tok: Token) -> Token | None:
    """The 'by X' agent of a passive verb."""
    for child in tok.children:
        if child.dep_ == "agent":
            for sub in child.children:
                if sub.dep_ == "pobj":
                    return sub
    return None


def subtree_span(tok: Token) -> tuple[int, int]:
    """Character offsets [start, end) of tok's subtree."""
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


def in_subject_phrase(tok: Token) -> bool:
    """True when tok sits inside the subject of some verb (a topic, not an assertion); a relative
    clause inside the subject asserts its own event ("HTS, which spearheaded the offensive")."""
    cur = tok
    for _ in range(12):
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return True
        if cur.dep_ == "relcl":
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def modal_words(tok: Token) -> set[str]:
    """Lower-cased auxiliaries and governing words on the path from tok to the root."""
    words: set[str] = set()
    for anc in (tok, *tok.ancestors):
        words.add(anc.lemma_.lower())
        for child in anc.children:
            if child.dep_ in ("aux", "auxpass", "neg", "acomp", "advmod"):
                words.add(child.lower_)
                words.add(child.lemma_.lower())
        if narrative_past(anc):
            break  # "When his father died in 1927, ... decided": the plan is not his death's
    return words


def hedged_past(tok: Token) -> bool:
    """A perfect or past form under a hedge ("had likely been killed", "may have died",
    "were likely killed"): something that happened, with doubt, not a forecast."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxes) and tok.tag_ == "VBN":
        return True
    return tok.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxes)


def narrative_past(tok: Token) -> bool:
    """A finite past-tense verb heading a subordinate clause of time or a relative clause
    ("When his father died in 1927", "who was killed in 1950"): a told fact, closed to the
    plans and forecasts of the verbs above it."""
    if tok.dep_ not in ("advcl", "relcl") or tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in tok.children):
        return False  # "when it would be attacked"
    if tok.tag_ == "VBD":
        return True
    return tok.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tok.children
    )


def object_lemmas(tok: Token, depth: int = 3) -> set[str]:
    """Lemmas of the nouns in tok's objects and prepositional attachments."""
    out: set[str] = set()
    frontier = [
        c
        for c in tok.children
        if c.dep_
        in ("dobj", "prep", "attr", "pobj", "dative", "nsubjpass", "npadvmod", "prt", "oprd")
    ]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            out.add(t.lemma_.lower())
            nxt.extend(
                c
                for c in t.children
                if c.dep_ in ("pobj", "compound", "conj", "amod", "dobj", "prep", "nmod")
            )
        frontier = nxt
    return out


def backgrounded(tok: Token) -> bool:
    """True when tok sits in an 'as ...' clause or a prepositional gerund ('in regaining'):
    background to the sentence's main assertion, not an assertion of its own."""
    if any(a.lemma_ in ("responsibility", "credit") for a in tok.ancestors):
        return False  # "took credit for attacking a military vehicle": a claim of its own
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp":
        # "after meeting with U.S. President Joe Biden" tells a meeting; "in regaining" does not
        return not (
            tok.lemma_.lower() in ("meet", "speak", "talk")
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
        )
    if (
        tok.pos_ in ("NOUN", "PROPN")
        and tok.dep_ == "pobj"
        and tok.head.lower_
        in ("during", "after", "before", "since", "amid", "following", "despite")
        and not _new_in_background(tok)
    ):
        return True  # "after the attack" refers back; "after an attack on a train", "during
        # talks Tuesday with Ukrainian officials" tell something new
    for anc in [tok, *tok.ancestors]:
        if anc.tag_ == "VBG" and anc.dep_ == "pcomp" and anc.head.lower_ == "without":
            return True
        if anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in anc.children):
            return True
    return False


def _new_in_background(tok: Token) -> bool:
    """'a day after an attack on a train', 'during talks Tuesday with Ukrainian officials':
    an indefinite noun, or a bare one with its own partner or date, tells something new;
    'after the attack', 'during Brexit negotiations' refer back."""
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    if dets:
        return dets[0].lower_ in ("a", "an")
    return any(
        (c.dep_ == "prep" and c.lower_ in ("with", "between")) or c.ent_type_ in ("DATE", "TIME")
        for c in tok.children
    )


def governing_verb(tok: Token) -> Token | None:
    """For a noun, the verb whose object (or prepositional object) it is."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("dobj", "pobj", "prep", "attr", "conj", "compound", "appos"):
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            return None
    return None

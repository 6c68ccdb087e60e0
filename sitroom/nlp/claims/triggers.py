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
    topic = (
        in_subject_phrase(tok)
        and not _dated_event(tok)
        and not _named_victim(tok, facts)
        and not _agent_event(tok)
        and not _sanction_applies(tok)
        and not _told_by_participle(tok)
    )
    if _anaphoric(tok):
        return None  # "killed in the attack": the attack already told
    if topic or backgrounded(tok) or not asserted(tok):
        return None
    kind = _kind(tok, facts)
    if kind == "withdrawal" and _from_organisation(tok, facts):
        return "diplomatic"  # "withdrew from ECOWAS": leaving a bloc, not troops pulling out
    return kind


def _told_by_participle(tok: Token) -> bool:
    """'An offensive launched by forces in Puntland earlier this month ...': a subject event
    noun whose participle says who carried it out is asserted."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ == "acl" and c.tag_ == "VBN" and any(a.dep_ == "agent" for a in c.children)
        for c in tok.children
    )


def _sanction_applies(tok: Token) -> bool:
    """'The restrictive measures that now apply to a total of 680 individuals': sanctions in
    force, told with whom they hit, even as a subject."""
    if tok.lemma_.lower() not in ("sanction", "measure", "embargo"):
        return False
    verbs = [c for c in tok.children if c.dep_ in ("relcl", "acl")]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(tok.head)
    return any(v.lemma_.lower() in ("apply", "target", "cover", "hit", "affect") for v in verbs)


def _agent_event(tok: Token) -> bool:
    """'A Ukrainian drone attack ignited a fire', 'the strike killed 12': an event noun as the
    subject of what it did."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "nsubj"
        and tok.head.lemma_.lower() in L.EFFECT_VERBS
        and L.NOUN_TRIGGERS.get(tok.lemma_.lower()) == "attack"
        and not _anaphoric(tok)
    )


def _anaphoric(tok: Token) -> bool:
    """'in the attack', 'the latest deadly raid': a definite event noun with nothing of its own
    (no 'of', 'on', 'against', possessor, count or name) points back to an event already told."""
    kind = L.NOUN_TRIGGERS.get(tok.lemma_.lower())
    if tok.lemma_.lower() in ("call", "conversation"):
        kind = "diplomatic"
    if tok.pos_ != "NOUN" or kind not in ("attack", "combat", "diplomatic"):
        return False
    if tok.dep_ not in ("pobj", "nsubj", "nsubjpass"):
        return False  # "spearheaded the offensive against Assad": an event verb's object
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    pronoun = dets and kind == "diplomatic" and dets[0].lower_ in ("their", "its", "his", "her")
    if not dets or (dets[0].lower_ not in ("the", "this", "that") and not pronoun):
        return False  # "their phone call last December": the call already told
    if any(a.lemma_ in ("responsibility", "credit") for a in tok.ancestors):
        return False  # "claimed responsibility for the attack": a new claim
    if any(c.ent_type_ == "ORDINAL" or c.lower_ in ("new", "next") for c in tok.children):
        return False  # "their second summit was in February 2019": another one
    own = {"prep", "compound", "nummod", "appos", "nmod"} | ({"poss"} if not pronoun else set())
    return not any(c.dep_ in own for c in tok.children)


def _named_victim(tok: Token, facts: SentenceFacts) -> bool:
    """'The sanctioning of Albania's former leader', 'the killing of 12 soldiers' as a
    subject: the event is named with whom it befell, so it is asserted, not a topic."""
    lemma = tok.lemma_.lower()
    if lemma == "sanctioning":
        return _sanction_on_someone(tok, facts)
    if lemma not in ("killing", "abduction", "kidnapping"):
        return False
    return any(
        t.like_num for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree
    )


def _dated_event(tok: Token) -> bool:
    """'Tuesday's attack', 'talks in Stockholm in October broke down', 'their second summit
    was in February 2019 in Hanoi': a noun dated by a possessive, by its own phrase, or by the
    copula it is the subject of names a particular event even as the subject of a sentence."""
    if tok.pos_ != "NOUN":
        return False
    if any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in tok.children):
        return True
    if any(
        c.dep_ == "prep" and c.lower_ == "between" and any(t.ent_type_ for t in c.subtree)
        for c in tok.children
    ):
        return True  # "Negotiations between Britain and Mauritius have been going on"
    dated = any(
        t.ent_type_ == "DATE" and t.i != tok.i
        for c in tok.children
        if c.dep_ == "prep"
        for t in c.subtree
    )
    if dated:
        return True
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = tok.head
    return head.lemma_ in ("be", "fail", "collapse", "end", "break", "resume") and any(
        t.ent_type_ == "DATE" for c in head.children if c.dep_ == "prep" for t in c.subtree
    )


def asserted(tok: Token) -> bool:
    """False for events the sentence does not assert: wanted, threatened, urged, stopped or
    feared ("threatening to kill", "must stop killing", "urged Russia to accept a ceasefire",
    "expecting casualties"), conditional ("in case a ceasefire is not agreed"), negated ("does
    not want to meet", "causing no deaths"), purposes ("hired him to kill"), and participles used
    as nouns ("receiving the injured"). A threatened or weighed sanction is a claim ("threatened
    sanctions", "is considering sanctions"): its status says so."""
    if _negated(tok) or _speculated(tok) or _in_order_to(tok):
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        verb = governing_verb(tok)
        if (
            verb is not None
            and tok.lemma_.lower() in ("sanction", "embargo")
            and verb.lemma_.lower() in L.THREAT_VERBS
        ):
            return not _negated(verb)
        if verb is not None and verb.lemma_.lower() in L.NON_ASSERTING:
            return False
        if any(
            a.lemma_.lower() in ("aim", "intend", "seek") and a.pos_ == "VERB"
            for a in tok.ancestors
        ):
            return False  # "tariffs aimed at cutting the fentanyl deaths": a goal
        if verb is not None and not asserted(verb):
            # "did not sign an agreement" negates it; "never condemned Russia's invasion" does not
            if not (_negated(verb) and not _event_verb(verb)) or not asserted_but_negation(verb):
                return False
    if _habitual(tok) or _charged_with(tok):
        return False
    if _purpose(tok):
        return False  # "hired him to kill", "making bombs to carry out attacks"
    if any(c.dep_ == "advcl" and _conditional(c) for c in tok.children) and tok.pos_ == "VERB":
        return False  # "the president would meet with Kim if there is a prospect"
    if any(a.dep_ == "advcl" and _conditional(a) for a in tok.ancestors):
        return False  # "unless they have intention to undertake a military invasion"
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


VIOLENT = frozenset({"kill", "attack", "strike", "bomb", "shoot", "assassinate", "murder"})


def _habitual(tok: Token) -> bool:
    """'Israel attacks the Muslims in Jerusalem', 'gangs who raid villages, killing and
    abducting residents': a violent verb in the simple present, with no auxiliary (or a
    participle hanging on one), states a habit or a charge, not a dated event."""
    verb = tok
    for _ in range(3):
        if (
            verb.pos_ == "VERB"
            and verb.tag_ in ("VBZ", "VBP")
            and L.VERB_TRIGGERS.get(verb.lemma_.lower()) in ("attack", "casualties", "combat")
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        ):
            return True
        if verb.dep_ == "conj" and verb.tag_ in ("VB", "VBP", "VBZ", "VBG"):
            verb = verb.head  # "gangs raid villages and kill residents"
            continue
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp"):
            return False
        verb = verb.head
    return False


def _charged_with(tok: Token) -> bool:
    """'charged with robbing, kidnapping and attacking motorists': a criminal charge."""
    for anc in (tok, *tok.ancestors):
        if anc.lower_ == "with" and anc.head.lemma_.lower() in ("charge", "indict"):
            return True
        if anc.lower_ in ("of", "for") and anc.head.lemma_.lower() in ("convict", "sentence"):
            return True
    return False


def _purpose(tok: Token) -> bool:
    """A violent act named only as someone's purpose ('hired Mehdiyev to kill Alinejad',
    'making bombs to carry out attacks'); 'came to sign the agreement' stays a (planned) claim."""
    aim = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.lemma_.lower() in ("reach", "secure", "broker", "seal") and aim:
        return tok.dep_ == "advcl"  # "led talks ... to reach the agreement": the talks' aim
    if tok.lemma_.lower() not in VIOLENT and tok.lemma_.lower() not in L.NOUN_TRIGGERS:
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        if L.NOUN_TRIGGERS.get(tok.lemma_.lower()) not in ("attack", "casualties"):
            return False
        tok = governing_verb(tok) or tok
    elif tok.lemma_.lower() not in VIOLENT:
        return False
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return (
        to
        and tok.dep_ in ("advcl", "xcomp", "ccomp")
        and tok.head.lemma_.lower()
        in (
            "hire",
            "pay",
            "make",
            "build",
            "use",
            "train",
            "send",
            "recruit",
        )
    )


def _speculated(tok: Token) -> bool:
    """'There are concerns that Trump could ... accept a deal': a feared possibility."""
    return any(
        a.lemma_.lower() in L.SPECULATION and a.pos_ == "NOUN" and tok.i > a.i
        for a in tok.ancestors
    )


def _in_order_to(tok: Token) -> bool:
    """'in order to reach agreement': a purpose, not an event."""
    doc = tok.doc
    for head in (tok, *tok.ancestors):
        if head.pos_ == "VERB" and head.i >= 3:
            if [t.lower_ for t in doc[head.i - 3 : head.i]] == ["in", "order", "to"]:
                return True
        if head.dep_ not in ("xcomp", "dobj", "pobj", "prep", "conj"):
            break
    return False


def _event_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in L.LIGHT_VERBS or lemma in L.OBJECT_VERBS or lemma in L.VERB_TRIGGERS


def asserted_but_negation(verb: Token) -> bool:
    """asserted() for a verb whose only fault is a negation of its own ('has never condemned')."""
    if _speculated(verb) or _in_order_to(verb) or _habitual(verb) or _charged_with(verb):
        return False
    if any(a.dep_ == "advcl" and _conditional(a) for a in verb.ancestors) or _conditional(verb):
        return False
    return verb.lemma_.lower() not in L.NON_ASSERTING


def _negated(tok: Token) -> bool:
    """'did not meet', 'does not want to meet', 'no deaths', 'no agreement'; not 'not only'."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
    head = tok
    for _ in range(3):
        if any(
            c.dep_ == "neg" and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only")
            for c in head.children
        ):
            return True
        if any(
            c.dep_ == "dobj" and any(d.lower_ == "any" for d in c.children) for c in head.children
        ):
            return True  # "veto any sanctions legislation": no particular act
        if head.dep_ != "xcomp" or head.head.i == head.i:
            return False
        head = head.head
    return False


def _conditional(tok: Token) -> bool:
    """An 'if' / 'unless' / 'in case' clause."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
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
        if lemma in ("withdraw", "retreat") and object_lemmas(tok) & L.NOT_FORCES:
            return None  # "withdrew their ambassadors", "retreated from leading roles"
        if lemma == "designate" and not _designates_group(tok, facts):
            return None  # "designating Islam as its main source of legislation"
        if lemma == "target" and tok.head.lemma_.lower() in L.MEASURES:
            return "sanction"  # "legislation targeting Turkey"
        if lemma == "sign" and (
            tok.dep_ == "acl" or any(c.lower_ in ("with", "between") for c in tok.children)
        ):
            head = tok.head.lemma_.lower() if tok.dep_ == "acl" else ""
            between = any(c.lower_ in ("with", "between") for c in tok.children)
            if between or head in L.DEALS | {"treaty", "accord", "pact"}:
                return "diplomatic"  # "the draft signed between the military and protesters"
        if lemma == "travel" and _leader_travels(tok, facts):
            return "diplomatic"  # "Modi is due to travel to Mauritius on Tuesday"
        if lemma in ("speak", "talk") and _by_phone(tok):
            return "diplomatic"  # "Duterte and Suga spoke by phone late last year"
        if lemma in ("speak", "talk") and _meets_someone(tok):
            return "diplomatic"  # "Erdogan spoke by video link with Macron"
        if lemma in L.VERB_TRIGGERS:
            return L.VERB_TRIGGERS[lemma]
        if lemma in L.OBJECT_VERBS:
            kind, objects = L.OBJECT_VERBS[lemma]
            found = object_lemmas(tok)
            if lemma in ("arrive", "depart"):
                found |= {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
            if tok.dep_ == "acl":  # "assets being frozen", "weapons supplied by Iran"
                found.add(tok.head.lemma_.lower())
            if lemma == "freeze" and "asset" in found:
                return "sanction"  # "$9 billion in central bank assets frozen"
            if lemma == "impose" and found & {"ban", "restriction"} and found & L.BANS:
                return kind  # "imposed a travel ban", "visa restrictions"
            if lemma == "visit":  # "Putin visited China", not "visited the market"
                return kind if _object_is_actor(tok, facts) else None
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
    if tok.pos_ in ("NOUN", "PROPN") and lemma in L.BUY_NOUNS | L.SELL_NOUNS:
        return "arms_transfer" if _of_weapons(tok) and noun_supported(tok, facts) else None
    if tok.pos_ == "NOUN" and lemma in L.TRADER_NOUNS and _of_weapons_or_compound(tok):
        return "arms_transfer"  # "the biggest exporter of arms", "biggest weapons importers"
    if lemma == "measure" and any(c.lower_ == "restrictive" for c in tok.children):
        return "sanction"  # "subject to restrictive measures" (EU usage)
    if (
        lemma == "measure"
        and any(c.lower_ in L.PUNITIVE for c in tok.children)
        and _against_actor(tok, facts)
    ):
        return "sanction"  # "China's punitive measures against Australia"
    if tok.pos_ in ("NOUN", "PROPN") and lemma == "exchange":
        fire = any(
            c.lemma_.lower() in ("fire", "gunfire") for p in tok.children for c in p.children
        )
        return "combat" if fire and noun_supported(tok, facts) else None
    if lemma in ("war", "conflict") and not _war_named(tok, facts):
        return None  # "the war" in passing; "the three-year conflict between Russia and Ukraine"
    if lemma == "freeze" and tok.pos_ == "NOUN" and _on_aid(tok):
        return "aid_suspension"  # "lift the freeze on intelligence and weapons"
    if lemma == "activation" and _of_forces(tok):
        return "deployment"  # "the activation of a standby military force"
    if lemma == "operation" and tok.tag_ == "NNS" and _against_actor(tok, facts):
        return "combat"  # "conducting operations against al-Shabab"
    if lemma == "visit" and tok.pos_ == "NOUN":
        return "diplomatic" if _visit_by_someone(tok, facts) else None  # "a visit by Starmer"
    if lemma == "talk" and tok.tag_ != "NNS":
        return None  # "there was talk about splitting": not negotiations
    if lemma in ("call", "conversation") and any(
        c.lower_ in ("phone", "telephone") for c in tok.children
    ):
        return "diplomatic" if noun_supported(tok, facts) else None  # "in phone conversations"
    if lemma == "transfer" and tok.pos_ == "NOUN" and not _of_weapons(tok):
        return None  # "the peaceful transfer of power"
    if lemma == "killing" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None  # "too much killing": no event; "the killing of 12 soldiers" is one
    if tok.pos_ in ("NOUN", "PROPN") and lemma in L.NOUN_TRIGGERS:
        kind = L.NOUN_TRIGGERS[lemma]
        if _agent_event(tok):
            return kind  # "a drone attack ignited a fire": pinned down by what it did
        if kind == "sanction" and _sanction_on_someone(tok, facts):
            return kind
        verb = governing_verb(tok)
        if kind == "sanction" and verb is not None and verb.lemma_.lower() in L.THREAT_VERBS:
            return kind  # "threatened sanctions and visa restrictions"
        return kind if noun_supported(tok, facts) else None
    return None


def _of_weapons(tok: Token) -> bool:
    """'the purchase of the S-400 missile system', 'its procuring of Russian defense systems'."""
    lemmas = {
        t.lemma_.lower()
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for t in c.subtree
    }
    return bool(lemmas & (L.WEAPONS | {"artillery", "tank", "jet", "warplane", "rifle"})) or (
        "system" in lemmas and bool(lemmas & {"defense", "defence", "missile", "radar"})
    )


def _on_aid(tok: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and {t.lemma_.lower() for t in c.subtree} & L.AID
        for c in tok.children
    )


def _of_forces(tok: Token) -> bool:
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and {t.lemma_.lower() for t in c.subtree} & (L.TROOPS | {"force", "unit", "brigade"})
        for c in tok.children
    )


def _against_actor(tok: Token, facts: SentenceFacts) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "against" and _has_actor(c, facts) for c in tok.children
    )


def _visit_by_someone(tok: Token, facts: SentenceFacts) -> bool:
    """'a visit by Starmer to the White House', 'Modi's visit to Mauritius'."""
    from sitroom.nlp.claims.leaders import acting_for

    for c in tok.children:
        if c.dep_ == "poss" and (acting_for(c) or _has_actor(c, facts)):
            return True
        if c.dep_ == "prep" and c.lower_ in ("by", "to"):
            if acting_for(c) or _has_actor(c, facts):
                return True
    return False


def _leader_travels(tok: Token, facts: SentenceFacts) -> bool:
    """A named leader travelling to a state: a visit (not 'journalists travel to Ukraine')."""
    from sitroom.nlp.claims.leaders import acting_for
    from sitroom.nlp.claims.syntax import subject_of

    subj = subject_of(tok)
    to_state = any(
        c.dep_ == "prep" and c.lower_ == "to" and _has_actor(c, facts) for c in tok.children
    )
    return subj is not None and to_state and acting_for(subj) is not None


def _has_actor(tok: Token, facts: SentenceFacts) -> bool:
    start, end = subtree_span(tok)
    return any(start <= a.start < end for a in facts.actors)


def _war_named(tok: Token, facts: SentenceFacts) -> bool:
    """A war told as a fact of its own: between named sides, or with its length ('the
    three-year conflict between Russia and Ukraine', "America's longest war, now in its 20th
    year"); not 'Russia's war in Ukraine' in passing."""
    between = any(
        c.dep_ == "prep"
        and c.lower_ == "between"
        and sum(1 for a in facts.actors if subtree_span(c)[0] <= a.start < subtree_span(c)[1]) >= 2
        for c in tok.children
    )
    lasted = any(
        c.dep_ in ("amod", "compound", "nummod") and c.ent_type_ == "DATE" for c in tok.children
    ) or any(
        "year" in t.lower_ for c in tok.children if c.dep_ in ("appos", "amod") for t in c.subtree
    )
    return between or lasted


def _of_weapons_or_compound(tok: Token) -> bool:
    weapons = L.WEAPONS | {"artillery", "tank", "jet", "warplane", "rifle"}
    return _of_weapons(tok) or any(c.lemma_.lower() in weapons for c in tok.children)


def _sanction_on_someone(tok: Token, facts: SentenceFacts) -> bool:
    """'sanctions on Dodik', 'the sanctioning of Albania's former leader', 'remain under
    sanctions', 'sanctions currently in place': a sanction in force or aimed at someone."""
    if tok.head.lower_ == "under" and tok.dep_ == "pobj":
        # "remain under international terrorism sanctions"; "Under the sanctions, ..." refers back
        return not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
            c.dep_ in ("amod", "compound") for c in tok.children
        )
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "of"):
            start, end = subtree_span(c)
            if any(start <= a.start < end for a in facts.actors) or any(
                t.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") for t in c.subtree
            ):
                return c.lower_ != "of" or tok.lemma_.lower() == "sanctioning"
        if c.dep_ == "advmod" or c.dep_ == "prep":
            if "in place" in tok.doc.text[c.idx : subtree_span(c)[1]]:
                return True
    return False


def _designates_group(tok: Token, facts: SentenceFacts) -> bool:
    """'designated the YPG as terrorists', 'designated as a terrorist organization'."""
    return any("terror" in t.lower_ for t in tok.subtree) or any(
        "terror" in t.lower_ for t in tok.head.subtree if tok.dep_ in ("acl", "relcl")
    )


def _object_is_actor(tok: Token, facts: SentenceFacts) -> bool:
    """'targeted IS positions', 'targeted al-Shabab': the object names an actor."""
    for child in tok.children:
        if child.dep_ == "dobj":
            start, end = subtree_span(child)
            if any(start <= a.start < end for a in facts.actors):
                return True
    return False


def _by_phone(tok: Token) -> bool:
    return any(
        c.dep_ == "prep"
        and c.lower_ == "by"
        and any(t.lower_ in ("phone", "telephone", "video") for t in c.subtree)
        for c in tok.children
    )


def _meets_someone(tok: Token) -> bool:
    """'met with Rubio', 'spoke by phone with his counterpart Meir Ben-Shabbat'."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "with"
        and any(
            o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for o in c.subtree
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
    """'fighting an insurgency', 'fighting with/against X': combat; 'fighting for freedom' or
    'to fight corruption' is not an event."""
    return any(
        (c.dep_ == "dobj" and c.lemma_.lower() not in L.ABSTRACT_FOES)
        or (c.dep_ == "prep" and c.lower_ in ("with", "against"))
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
    has = any(
        q.start in near
        for q in facts.quantities
        if q.kind == "count" and not (q.low == 1 and q.text.lower().split()[0] in ("one", "a"))
    )  # "said at one summit": a summit, not a count
    has = has or any(t.start in near for t in facts.timexes)
    has = has or any(c.dep_ == "poss" for c in tok.children)
    has = has or any(start <= p.start < end and not p.adjectival for p in facts.places)
    return has

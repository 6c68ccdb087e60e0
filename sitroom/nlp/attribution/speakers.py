"""Attribution: who says a sentence's claims.

The speaker is the subject of a reporting verb ("X said/confirmed/indicated that ...") or the
object of "according to X". The speaker is classed by what it names: a person
(named_official), a state's authorities (government_body), an agency (intelligence_agency), an
armed group or force (military), analysts, the media, unnamed reports/sources, and otherwise the
outlet's own voice (article). Vague speakers ("Recent assessments", "he") inherit the last
named speaker of the same paragraph; "according to the report" refers back to the last named
source of the document.

Reported speech is followed to its origin (`chains.tellers`): "The BBC reported, citing Western
officials, that ..." is said by the officials (the origin) through the BBC (an intermediary);
the `Attribution` names the origin and keeps the whole `chain`, outermost teller first. A
reporter (a byline name, "our correspondent") is never a source: it is the outlet's own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.nlp.actors.index import ActorMention
from sitroom.nlp.attribution.chains import tellers
from sitroom.nlp.attribution.outlets import canonical_outlet, outlet_index
from sitroom.nlp.attribution.roles import by_role, office, strip_rank


@dataclass(frozen=True)
class Link:
    """One teller of a reported-speech chain: canonical name (None when unnamed), kind, text."""

    name: str | None
    kind: str
    text: str | None = None


@dataclass(frozen=True)
class Attribution:
    kind: str
    source: str | None
    text: str | None = None
    chain: tuple[Link, ...] = ()  # outermost teller first; the last is the origin

    @property
    def named(self) -> bool:
        return self.kind != "article"

    def outer(self) -> Attribution:
        """The attribution without its origin: the next teller out, else the outlet's voice."""
        if len(self.chain) < 2:
            return ARTICLE
        last = self.chain[-2]
        return Attribution(last.kind, last.name, last.text, self.chain[:-1])


def link_of(a: Attribution) -> Link:
    return Link(a.source, a.kind, a.text)


def with_chain(a: Attribution) -> Attribution:
    """An attribution carrying at least itself as its chain."""
    if a.chain or a.kind == "article":
        return a
    return Attribution(a.kind, a.source, a.text, (link_of(a),))


ARTICLE = Attribution("article", None)
ENTITY_KIND = {
    "state": "government_body",
    "international_org": "government_body",
    "government_body": "government_body",
    "intelligence_agency": "intelligence_agency",
    "military": "military",
    "armed_group": "military",
    "analysts": "analysts",
}
UNNAMED = {
    "report",
    "reports",
    "sources",
    "source",
    "officials",
    "official",
    "authorities",
    "witnesses",
    "residents",
    "diplomats",
    "police",
    "officers",
    "officer",
    "commander",
    "forces",
    "spokesman",
    "spokesperson",
    "spokeswoman",
}
DOCUMENT_NOUNS = {"assessment", "report", "estimate", "analysis", "study", "memo", "document"}
STATE_PEOPLE = {"officials", "official", "authorities", "sources", "source", "diplomats"}
STATE_BODIES = {"ministry", "government", "army", "military", "president", "minister", "office"}
ANALYSTS = {"analysts", "analyst", "experts", "expert", "observers", "researchers"}
VAGUE = {"assessments", "assessment", "he", "she", "they", "it", "him", "her", "them"}
VAGUE |= {"officials", "estimates"}
PLACE_WORDS = {
    "district",
    "province",
    "region",
    "county",
    "state",
    "governorate",
    "oblast",
    "city",
    "town",
    "village",
}
GOVERNMENT_NOUNS = {
    "authorities",
    "government",
    "officials",
    "ministry",
    "police",
    "military",
    "army",
    "spokesman",
    "spokesperson",
}


def speaker_span(sent: Span) -> tuple[Token, Span] | None:
    """The outermost teller of the sentence and its reporting word, if any."""
    found = tellers(sent)
    return (found[0].verb, found[0].phrase) if found else None


REPORTER_WORDS = {"reporter", "reporters", "correspondent", "correspondents", "byline"}
MEDIA_WORDS = {"newspaper", "broadcaster", "daily", "television", "tv", "radio", "website"}
REFERS_BACK = {"report", "statement", "newspaper", "agency", "broadcaster", "outlet", "paper"}


def classify(
    phrase: Span,
    actors: list[ActorMention],
    persons: dict[str, str],
    outlet: str | None,
    reporters: frozenset[str] = frozenset(),
) -> Attribution | None:
    """Class a speaker phrase; None when it is too vague to class on its own."""
    text = phrase.text
    words = {t.lower_ for t in phrase}
    if outlet and re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", text, re.IGNORECASE):
        return ARTICLE
    media = outlet_index().find(text)
    if media:
        name = media[0].outlet.name
        if outlet and canonical_outlet(outlet) == name:
            return ARTICLE
        return Attribution("media_outlet", name, text)
    if words & REPORTER_WORDS or any(r in text for r in reporters):
        return ARTICLE  # a reporter is the outlet's own voice, never a source
    if ("news" in words and "agency" in words) or words & MEDIA_WORDS:
        proper = [t.text for t in phrase if t.pos_ == "PROPN"]
        if proper:
            return Attribution("media_outlet", " ".join(proper), text)
    inside = [a for a in actors if a.start >= phrase.start_char and a.end <= phrase.end_char]
    for ent in phrase.ents:
        if ent.label_ != "PERSON" or ent[-1].lower_ in PLACE_WORDS:
            continue  # "Beledweyne District" tagged PERSON is a place, not an official
        if not any(a.start <= ent.start_char < a.end for a in inside):
            name = strip_rank(ent.text)
            return Attribution("named_official", persons.get(name, name), text)
    proper = [t for t in phrase if t.pos_ == "PROPN"]
    if len(proper) == len(phrase) == 1 and not inside and proper[0].ent_type_ in ("", "PERSON"):
        return Attribution("named_official", persons.get(proper[0].text, proper[0].text), text)
    if proper and not inside and " ".join(t.text for t in proper) in persons:
        # "Suminwa said", after "Judith Suminwa" (the model did not tag this mention)
        return Attribution("named_official", persons[" ".join(t.text for t in proper)], text)
    if "media" in words:
        return Attribution("media_outlet", None, text)
    if words & ANALYSTS and not inside:
        return Attribution("analysts", None, text)
    if "intelligence" in words and ("reports" in words or "report" in words):
        return Attribution("unnamed_reports", None, text)
    role = by_role(words, inside)
    if role is not None:
        return Attribution(ENTITY_KIND[role.kind], role.name, text)
    held = office(words, text, inside, persons)
    if held is not None:
        return Attribution(held[0], held[1], text)
    if "intelligence" in words and words & {"estimates", "estimate", "assessments", "officials"}:
        named = [a for a in inside if a.entity.kind == "intelligence_agency"]
        return Attribution("intelligence_agency", named[0].entity.name if named else None, text)
    if phrase.root.lemma_.lower() in DOCUMENT_NOUNS and any(
        m.entity.kind == "state" for m in inside
    ):
        # "a French government security assessment": the document is the source, named as
        # the text names it (not the state: the state says many things)
        name = " ".join(t.text for t in phrase if t.dep_ not in ("det", "case", "punct"))
        return Attribution("government_body", name, text)
    for mention in sorted(inside, key=lambda a: a.start - a.end):
        entity = mention.entity
        if mention.demonym and not (words & GOVERNMENT_NOUNS):
            continue
        if entity.kind == "state" and words & STATE_PEOPLE and not words & STATE_BODIES:
            # "Somali officials", "Pakistani authorities": unnamed officials of that state
            # (tied to the outlet they spoke to), not the state itself speaking
            return Attribution("unnamed_reports", None, text)
        kind = ENTITY_KIND.get(entity.kind)
        if kind:
            return Attribution(kind, entity.name, text)
    if words & UNNAMED:
        return Attribution("unnamed_reports", None, text)
    lead = []
    for t in phrase:
        if t.pos_ != "PROPN" or t.ent_type_ in ("GPE", "ORG", "NORP", "LOC"):
            break
        lead.append(t.text)
    if len(lead) >= 2 and not inside:  # "Sayed Abdul Wajeed Sadat, the Ghazni ..." untagged
        return Attribution("named_official", persons.get(" ".join(lead), " ".join(lead)), text)
    return None


def _refers_back(phrase: Span) -> bool:
    """'the report', 'the agency', 'the newspaper': a definite noun naming no one."""
    toks = [t for t in phrase if not t.is_punct]
    return (
        len(toks) <= 3
        and toks[0].lower_ in ("the", "that", "this", "its")
        and toks[-1].lower_ in REFERS_BACK
        and not any(t.pos_ == "PROPN" for t in toks)
    )


def attribute(
    sent: Span,
    actors: list[ActorMention],
    persons: dict[str, str],
    outlet: str | None,
    previous: Attribution | None,
    reporters: frozenset[str] = frozenset(),
    last_named: Attribution | None = None,
) -> tuple[Attribution, Token | None]:
    """The attribution for the claims of one sentence (origin + chain), and the origin's
    reporting word. `previous`: the paragraph's last speaker (for "he", "officials");
    `last_named`: the document's last named source (for "according to the report")."""
    found = tellers(sent)
    if not found:
        return ARTICLE, None
    links: list[tuple[Attribution, Token | None]] = []
    vague = None
    for t in found:
        if t.role != "recipient" and _refers_back(t.phrase) and (last_named or previous):
            links.append(((last_named or previous), t.verb))  # type: ignore[arg-type]
            continue
        klass = classify(t.phrase, actors, persons, outlet, reporters)
        if t.role == "recipient" and (klass is None or klass.kind != "media_outlet"):
            continue  # "told lawmakers": only an outlet that was told carries the words
        if klass is None:
            if previous is not None and {w.lower_ for w in t.phrase} & VAGUE:
                vague = vague or (previous, t.verb)
            continue
        if klass.kind == "article":
            continue
        links.append((klass, t.verb))
    if not links:
        return vague if vague is not None else (ARTICLE, None)
    chain: list[Link] = []
    for klass, _ in links:
        for link in klass.chain or (link_of(klass),):
            if not chain or chain[-1] != link:
                chain.append(link)
    origin, verb = links[-1]
    return Attribution(origin.kind, origin.source, origin.text, tuple(chain)), verb


def applies_to(verb: Token | None, trigger: Token) -> bool:
    """A speaker's attribution covers a trigger unless the trigger is the speech act's own
    object ("the United States has announced a halt": the halt is the outlet's report)."""
    if verb is None:
        return True
    if trigger.i == verb.i:
        return False
    if verb.lemma_ == "put":  # "estimates put the number at ...": the number is what they say
        return True
    if verb.lemma_ in ("claim", "take") and any(
        c.lemma_ in ("responsibility", "credit") for c in verb.children
    ):
        return True
    if verb.lemma_ in COUNTING_VERBS:  # "confirmed at least 10 dead": the count is theirs
        return True
    for child in verb.children:
        if child.dep_ == "dobj" and child.left_edge.i <= trigger.i <= child.right_edge.i:
            return False
    return True


COUNTING_VERBS = {"confirm", "report", "record", "count", "estimate", "register", "tally"}


def subject_source(sent: Span, actors: list[ActorMention]) -> Attribution | None:
    """An agency or official body that is the main subject of a sentence: later vague speakers
    in the paragraph ("Recent assessments suggest") are taken to be it."""
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            for a in actors:
                kind = ENTITY_KIND.get(a.entity.kind)
                if (
                    lo <= a.start < hi
                    and not a.demonym
                    and kind in ("intelligence_agency", "military")
                ):
                    return Attribution(kind, a.entity.name, child.text)
    return None

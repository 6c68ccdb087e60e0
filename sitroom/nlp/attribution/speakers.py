"""Attribution: who says a sentence's claims.

The speaker is the subject of a reporting verb ("X said/confirmed/indicated that ...") or the
object of "according to X". The speaker is classed by what it names: a person
(named_official), a state's authorities (government_body), an agency (intelligence_agency), an
armed group or force (military), analysts, the media, unnamed reports/sources, and otherwise the
outlet's own voice (article). Vague speakers ("Recent assessments", "he") inherit the last
named speaker of the same paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.nlp.actors.index import ActorMention
from sitroom.nlp.claims.lexicon import REPORT_VERBS


@dataclass(frozen=True)
class Attribution:
    kind: str
    source: str | None
    text: str | None = None

    @property
    def named(self) -> bool:
        return self.kind != "article"


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
}
ANALYSTS = {"analysts", "analyst", "experts", "expert", "observers", "researchers"}
VAGUE = {"assessments", "assessment", "he", "she", "they", "it", "officials", "estimates"}
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
ESTIMATE_NOUNS = {"number", "toll", "figure", "estimate", "total", "strength"}
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
    """The reporting verb of the sentence and its speaker phrase, if any."""
    for tok in sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < sent.end
            and sent.doc[tok.i + 1].lower_ == "to"
        ):
            to = sent.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                sub = objs[0]
                return tok, sent.doc[sub.left_edge.i : sub.right_edge.i + 1]
    for tok in sent:
        if _reports(tok):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head.i != tok.i:
                subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                sub = subj[0]
                return tok, sent.doc[sub.left_edge.i : sub.right_edge.i + 1]
    return None


def _reports(tok: Token) -> bool:
    """A reporting verb; 'put' only as in "estimates put the number/toll at ..."."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lemma_ == "put":
        return any(c.dep_ == "dobj" and c.lemma_ in ESTIMATE_NOUNS for c in tok.children)
    return tok.lemma_ in REPORT_VERBS


def classify(
    phrase: Span, actors: list[ActorMention], persons: dict[str, str], outlet: str | None
) -> Attribution | None:
    """Class a speaker phrase; None when it is too vague to class on its own."""
    text = phrase.text
    words = {t.lower_ for t in phrase}
    if outlet and outlet.lower() in text.lower():
        return ARTICLE
    inside = [a for a in actors if a.start >= phrase.start_char and a.end <= phrase.end_char]
    for ent in phrase.ents:
        if ent.label_ != "PERSON" or ent[-1].lower_ in PLACE_WORDS:
            continue  # "Beledweyne District" tagged PERSON is a place, not an official
        if not any(a.start <= ent.start_char < a.end for a in inside):
            return Attribution("named_official", persons.get(ent.text, ent.text), text)
    if "media" in words:
        return Attribution("media_outlet", None, text)
    if words & ANALYSTS and not inside:
        return Attribution("analysts", None, text)
    if "intelligence" in words and ("reports" in words or "report" in words):
        return Attribution("unnamed_reports", None, text)
    if "intelligence" in words and words & {"estimates", "estimate", "assessments", "officials"}:
        named = [a for a in inside if a.entity.kind == "intelligence_agency"]
        return Attribution("intelligence_agency", named[0].entity.name if named else None, text)
    for mention in sorted(inside, key=lambda a: a.start - a.end):
        entity = mention.entity
        if mention.demonym and not (words & GOVERNMENT_NOUNS):
            continue
        kind = ENTITY_KIND.get(entity.kind)
        if kind:
            return Attribution(kind, entity.name, text)
    if words & UNNAMED:
        return Attribution("unnamed_reports", None, text)
    return None


def attribute(
    sent: Span,
    actors: list[ActorMention],
    persons: dict[str, str],
    outlet: str | None,
    previous: Attribution | None,
) -> tuple[Attribution, Token | None]:
    """The attribution for the claims of one sentence, and its reporting verb."""
    found = speaker_span(sent)
    if found is None:
        return ARTICLE, None
    verb, phrase = found
    klass = classify(phrase, actors, persons, outlet)
    if klass is not None:
        return klass, verb
    if previous is not None and {t.lower_ for t in phrase} & VAGUE:
        return previous, verb
    return ARTICLE, None


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
    for child in verb.children:
        if child.dep_ == "dobj" and child.left_edge.i <= trigger.i <= child.right_edge.i:
            return False
    return True


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


def person_names(doc) -> dict[str, str]:  # noqa: ANN001 - a spaCy Doc
    """Map each short form of a person's name ("Hayat") to the full name first used."""
    out: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        full = ent.text.strip()
        out.setdefault(full, full)
        parts = full.split()
        if len(parts) > 1:
            out.setdefault(parts[-1], full)
    return out

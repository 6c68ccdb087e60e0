"""Reported-speech chains inside one sentence: who told whom, outermost teller first.

"The BBC reported, citing Western officials, that ..." -> [BBC, Western officials];
"According to Yonhap, the NIS told lawmakers that ..." -> [Yonhap, NIS];
"Officials told the BBC that ..." / "Western officials speaking to the BBC said ..." ->
[BBC, officials]; "Yonhap reported that the NIS said ..." -> [Yonhap, NIS].

Order rules (each a syntactic fact, not a word list of sentences):
- an "according to X" phrase is the outermost teller when the sentence has another speaker;
- the subject of a reporting verb is outside any speaker whose reporting verb it governs;
- a recipient outlet ("told the BBC", "speaking to Reuters", "in an interview with CNN") is
  the teller's immediate outer link;
- the object of "citing"/"quoting" is inside the teller it is attached to (innermost).

The last element is the origin. Only spans are found here; `speakers.classify` names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.nlp.claims.lexicon import REPORT_VERBS

ESTIMATE_NOUNS = {"number", "toll", "figure", "estimate", "total", "strength"}
CITE_VERBS = {"cite", "quote"}
# reporting verbs beyond the claims lexicon's: how officials are quoted in news copy
MORE_REPORT_VERBS = {"stress", "emphasize", "emphasise", "declare", "affirm", "say", "detail"}
RECIPIENT_VERBS = {"tell", "speak", "talk"}  # X told/spoke to <outlet>
STATEMENT_NOUNS = {"statement", "report", "communique", "message", "video", "post"}
RECIPIENT_NOUNS = {"interview", "statement", "briefing", "remarks", "comments"}  # ... to/with


@dataclass(frozen=True)
class Teller:
    """A span that tells the sentence's content; `verb` is its reporting verb, if any;
    `via` marks an outlet that was told (a recipient), `cited` an object of 'citing'."""

    phrase: Span
    verb: Token | None
    depth: float
    role: str = "speaker"  # speaker | according | recipient | cited


def reports(tok: Token) -> bool:
    """A reporting verb; 'put' only as in "estimates put the number/toll at ..."."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lemma_ == "put":  # "estimates put the toll at 30", "X has put at 40 dead ..."
        return any(c.dep_ == "dobj" and c.lemma_ in ESTIMATE_NOUNS for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "at" for c in tok.children
        )
    return tok.lemma_ in REPORT_VERBS or tok.lemma_ in MORE_REPORT_VERBS


def tellers(sent: Span) -> list[Teller]:
    """Every teller of the sentence, outermost first (see the module doc)."""
    out: list[Teller] = []
    doc = sent.doc
    verbs = [t for t in sent if reports(t)]
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                phrase, via = _speaker_phrase(objs[0])  # "police sources quoted by AFP"
                for r in via:
                    out.append(Teller(_with_name(r), tok, -1.5, "recipient"))
                out.append(Teller(phrase, tok, -1.0, "according"))
    for verb in verbs:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
            subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and verb.dep_ == "acl" and verb.head.lemma_ in STATEMENT_NOUNS:
            # "the BLA released a statement saying ...": the statement's issuer says it
            owner = verb.head.head
            subj = [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            continue
        depth = float(sum(1 for a in verb.ancestors if a in verbs))
        phrase, recipients = _speaker_phrase(subj[0])
        for r in recipients + _recipients(verb):
            out.append(Teller(_with_name(r), verb, depth - 0.5, "recipient"))
        out.append(Teller(phrase, verb, depth))
    for tok in sent:
        if tok.lemma_ in CITE_VERBS and tok.tag_ == "VBG":
            for c in tok.children:
                if c.dep_ == "dobj":
                    out.append(Teller(_span(c), tok, 100.0, "cited"))
    if len(out) > 1:
        seen: set[tuple[int, int]] = set()
        uniq = []
        for t in sorted(out, key=lambda t: (t.depth, t.phrase.start)):
            key = (t.phrase.start, t.phrase.end)
            if key not in seen:
                seen.add(key)
                uniq.append(t)
        out = uniq
    return out


def _span(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]


def _with_name(tok: Token) -> Span:
    """The phrase of tok, with the proper name the parser split off after it ("to news agency
    PTI" parsed as "to news agency" + "PTI")."""
    span = _span(tok)
    end = span.end
    while end < len(tok.doc) and tok.doc[end].pos_ == "PROPN":
        end += 1
    return tok.doc[span.start : end]


def _speaker_phrase(subj: Token) -> tuple[Span, list[Token]]:
    """The subject's phrase without a trailing "speaking to <X>" / "quoted by <X>" (X returned
    as the outlet that passed it on)."""
    recipients, cut = [], subj.right_edge.i + 1
    for child in subj.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_ in RECIPIENT_VERBS | CITE_VERBS:
            objs = [g for p in child.children if p.dep_ in ("prep", "agent") for g in p.children]
            objs += [c for c in child.children if c.dep_ in ("dobj", "dative")]
            recipients += [o for o in objs if o.dep_ in ("pobj", "dobj", "dative")]
            cut = min(cut, child.left_edge.i)
    start = subj.left_edge.i
    end = max(cut, subj.i + 1)
    return subj.doc[start:end], recipients


def _recipients(verb: Token) -> list[Token]:
    """Who a reporting verb's speaker told: the object of 'tell', the object of 'to'/'with'
    after 'spoke'/'in an interview'/'in a statement'. Names are checked by the classifier."""
    out = []
    if verb.lemma_ in RECIPIENT_VERBS:
        out += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in prep.children:
            if noun.lemma_ in RECIPIENT_NOUNS:
                for p2 in noun.children:
                    if p2.dep_ == "prep" and p2.lower_ in ("to", "with"):
                        out += [g for g in p2.children if g.dep_ == "pobj"]
        if prep.lower_ == "to":  # "spoke to Reuters", "confirmed to news agency PTI"
            out += [g for g in prep.children if g.dep_ == "pobj"]
    return out

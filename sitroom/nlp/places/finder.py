"""Find and resolve toponyms in a parsed spaCy Doc (VOA / LGL annotation conventions).

Contract: ``find_places(doc)`` returns non-overlapping ``PlaceMention``s sorted by offset, with
character offsets into ``doc.text``. A mention is a gazetteer name (longest match over a run of
capitalised tokens) or a GPE/LOC entity the gazetteer lacks (then ``place`` is None).
Adjectival and demonym forms ("Turkish", "North Koreans") carry ``adjectival=True``. Lower-case
direction words and "the" stay outside spans. Multinational bodies and eponymous organisations
are not places; a country or big city named inside an organisation name is ("Kenya Interior
Ministry"). NER errors are corrected: a known place name tagged PERSON/PRODUCT/ORG is taken when
it is a country, a big city or stands in a locative context ("in Avdiivka").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from sitroom.nlp.places import cues
from sitroom.nlp.places import words as W
from sitroom.nlp.places.gazetteer import KIND_ALIAS, KIND_DEMONYM, Candidate, Gazetteer
from sitroom.nlp.places.resolve import resolve_name
from sitroom.nlp.places.resolve_doc import resolve_items
from sitroom.nlp.types import PlaceMention

__all__ = ["find_places", "resolve_name"]


def _is_cap(tok) -> bool:
    t = tok.text
    return t[:1].isupper() or (t[:1].isdigit() is False and t.isupper() and t.isalpha())


def _ent_labels(doc: Doc) -> list[tuple[str, int, int] | None]:
    out: list[tuple[str, int, int] | None] = [None] * len(doc)
    for e in doc.ents:
        for i in range(e.start, e.end):
            out[i] = (e.label_, e.start, e.end)
    return out


def _span_ok(doc: Doc, i: int, j: int) -> bool:
    """Tokens i..j-1 form a plausible name: capitalised ends, connectors inside."""
    first = _is_cap(doc[i]) or (doc[i].lower_ == "sub" and j - i > 2)
    if not first or not (_is_cap(doc[j - 1]) or doc[j - 1].text == "."):
        return False
    return all(_is_cap(t) or t.lower_ in W.CONNECTORS or t.text == "." for t in doc[i + 1 : j - 1])


def _accept(
    doc: Doc,
    i: int,
    j: int,
    cands: list[Candidate],
    labels,
    people: set[str],
    known: set[str],
    starts: set[int],
) -> bool:
    """Decide whether a gazetteer match at tokens [i, j) is used as a place here."""
    text = doc[i:j].text
    key = text.lower()
    if key in W.STOP:
        return False
    strong = [
        c
        for c in cands
        if c.kind in (KIND_ALIAS, KIND_DEMONYM)
        or c.place.level in ("country", "continent", "region")
    ]
    lab = labels[i]
    inside_ent = lab is not None and lab[1] <= i and j <= lab[2]
    label = lab[0] if lab else None
    whole_ent = lab is not None and lab[1] == i and lab[2] == j
    prev = doc[i - 1].lower_ if i > 0 else ""
    nxt = doc[j].lower_ if j < len(doc) else ""
    if cues.dateline(doc, i, j):
        return True  # "LEXINGTON, Neb. —", "MIDDLETOWN -": the story's place
    if prev == "of" and i >= 2 and doc[i - 2].lower_ in W.SETTLEMENT_WORDS and key not in W.STOP:
        return True  # "the village of Cellardyke", "the town of Camborne"
    if text.isupper() and len(text) <= 5 and not any(c.kind == KIND_ALIAS for c in cands):
        if doc[i].idx > 40:  # short capitals: acronyms, unless in a dateline
            return False
    if any(c.kind == KIND_DEMONYM for c in strong) and (
        prev == "voa" or nxt in W.LANG_NEXT or (prev == "(" and nxt == ")")
    ):
        return False  # a language, not a place
    # A first-level division weighs like a city of a million ("Gauteng", "KwaZulu-Natal").
    top = max(W.DIVISION_WEIGHT if c.place.level == "admin1" else c.population for c in cands)
    if j - i == 1 and doc[i].is_stop and not strong:
        return False  # "Most of the poultry": a word, not the Czech district
    proper_next = j < len(doc) and doc[j].text[:1].isupper() and nxt in W.NAME_PART_NEXT
    in_name = cues.in_name(doc, i, j) and nxt not in W.MUNICIPAL_NEXT
    if not strong and (proper_next or (in_name and top < W.BIG_CITY)):
        return False  # "Salinas Valley", "Franklin Elementary": part of a longer name
    before = doc[i - 2].lower_ if prev == "-" and i >= 2 else prev
    disease = nxt in W.DISEASE_NEXT or before in W.DISEASE_PREV
    if disease and not any(c.place.level == "country" for c in cands):
        return False  # "Marburg virus", "West Nile fever", "Ebola-Reston": a disease's name
    if nxt in W.MUNICIPAL_NEXT and not proper_next and any(c.kind != 1 for c in cands):
        # "Gainesville Police", "Dublin elementary schools": the town's own bodies (spaCy may
        # call "Berea Police" a person; the entity then ends at the body's word)
        if label != "PERSON" or (inside_ent and lab[2] == j + 1):
            return True
    if label == "PERSON" and whole_ent and not strong and top < W.BIG_CITY and key not in known:
        coordinated = prev in ("and", "or") and i >= 2 and doc[i - 2].ent_type_ in ("GPE", "LOC")
        if not (prev in W.STRONG_LOCATIVE or nxt in W.PLACE_NEXT or coordinated or nxt == "in"):
            return False  # "the birth of Jack": a person, though a hamlet shares the name
    if j - i == 1 and key in people and not strong and top < W.BIG_CITY:
        return False  # a surname used elsewhere in the document
    if j - i == 1 and key in _schools(doc) and not strong and nxt not in W.PLACE_NEXT:
        named = [c for c in cands if c.kind != 1]  # a big namesake by alias does not count
        if max((c.population for c in named), default=0) < W.BIG_CITY:
            return False  # "Franklin Elementary" ... "a teacher at Franklin": the school
    if doc[j - 1].lower_ in W.INSTITUTION_END and all(c.kind == 1 for c in cands):
        return False
    if nxt in W.INSTITUTION_END and top < W.ORG_CITY and not strong:
        return False  # "Jamestown Foundation"
    if inside_ent and label in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW") and not whole_ent:
        if doc[lab[1] : lab[2]].text.lower().removeprefix("the ") in W.ORG_BLOCK:
            return False
        return (
            any(
                c.place.level in ("country", "region", "continent")
                or (c.place.level == "admin1" and prev == "of")
                or (c.place.level == "city" and c.population >= W.ORG_CITY and c.kind != 1)
                for c in cands
            )
            or key in known
        )
    if label == "PERSON" and inside_ent and not whole_ent:
        return j == lab[2] and any(
            c.place.level == "country" and c.kind != KIND_DEMONYM for c in strong
        )
    if strong:
        return label != "PERSON" or any(c.kind != KIND_DEMONYM for c in strong)
    if key in known:
        return True
    if label in ("GPE", "LOC") and whole_ent:
        return True
    if prev in ("and", "or") and i >= 2 and doc[i - 2].ent_type_ in ("GPE", "LOC"):
        prev = "in"  # coordinated with a place: "Pokrovsk and Avdiivka"
    if prev == "the" and i >= 2 and doc[i - 2].lower_ in W.STRONG_LOCATIVE:
        prev = "in"  # "in the Temryuk and Anapa"
    if nxt == "," and j + 1 < len(doc) and cues.qualified(doc, j + 1, cands):
        return True  # "Binh Phuoc, Vietnam": a place the text locates
    locative = (
        prev in W.LOCATIVE
        or nxt in W.PLACE_NEXT
        or (nxt == "," and j + 1 < len(doc) and doc[j + 1].ent_type_ == "GPE")
    )
    if label in (None, "PERSON", "PRODUCT", "ORG", "NORP") and (
        prev in W.STRONG_LOCATIVE or nxt in W.PLACE_NEXT
    ):
        return True
    if i in starts and label not in W.PLACE_LABELS:
        return (locative and top >= W.BIG_CITY) or top >= 1_000_000
    if label in W.PLACE_LABELS:
        return True
    towns = max((c.population for c in cands if c.place.level == "city"), default=0)
    if label == "PERSON" and not locative and towns < W.BIG_CITY:
        if key in people or nxt in ("said", "says", "told", "added", "wrote"):
            return False  # a person sharing a division's name ("Victoria said")
    return (top >= W.BIG_CITY and (label is not None or locative)) or (
        locative and top >= W.CONTEXT_CITY and label in (None, "PERSON", "PRODUCT", "ORG")
    )


def _people(doc: Doc) -> set[str]:
    """Lower-cased tokens of multi-token PERSON entities (surnames, given names)."""
    out = set()
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) > 1:
            out.update(t.lower_ for t in e if t.text[:1].isupper())
    return out


def _schools(doc: Doc) -> set[str]:
    """Names of schools in the document ("Franklin Elementary" -> 'franklin'), computed once
    per document: a later bare "Franklin" is the school."""
    cached = doc.user_data.get("sitroom_schools")
    if cached is None:
        cached = {
            t.lower_
            for t in doc[:-1]
            if t.text[:1].isupper()
            and doc[t.i + 1].text[:1].isupper()
            and doc[t.i + 1].lower_ in W.SCHOOL_NEXT
        }
        doc.user_data["sitroom_schools"] = cached
    return cached


def _gazetteer_matches(
    doc: Doc, gaz: Gazetteer, labels, known: set[str]
) -> list[tuple[int, int, list, bool]]:
    """Longest accepted gazetteer matches as (start_char, end_char, candidates, admin_hint)."""
    people = _people(doc)
    text = doc.text
    starts = (
        {sent.start for sent in doc.sents}
        if doc.has_annotation("SENT_START") or (doc.has_annotation("DEP"))
        else {0}
    )
    found = []
    i, n = 0, len(doc)
    while i < n:
        if (not _is_cap(doc[i]) and doc[i].lower_ != "sub") or doc[i].is_punct:
            i += 1
            continue
        hit = None
        for j in range(min(n, i + W.MAX_TOKENS), i, -1):
            if not _span_ok(doc, i, j):
                continue
            start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            name = text[start:end]
            if not gaz.has_name(name):
                continue
            cands = gaz.lookup(name)
            if cands and _accept(doc, i, j, cands, labels, people, known, starts):
                hit = (i, j, cands)
                break
        if hit:
            hi, hj, cands = hit
            admin = (
                hj - hi >= 2
                and doc[hj - 1].lower_ in W.ADMIN_WORDS
                and any(c.place.level == "admin1" for c in cands)
                and not any(c.place.level == "admin2" for c in cands)  # "Licking County"
            )
            if admin:  # "Borno State" -> "Borno", resolved as the division
                hj -= 1
            end = doc[hj - 1].idx + len(doc[hj - 1].text)
            found.append((doc[hi].idx, end, cands, admin))
            i = hit[1]
            continue
        tok = doc[i]
        if "-" in tok.text[1:-1]:  # "U.S.-Japan": strong names inside a hyphenated token
            off = tok.idx
            for part in tok.text.split("-"):
                if part[:1].isupper() and gaz.has_name(part):
                    cands = gaz.lookup(part)
                    if any(
                        c.kind in (KIND_ALIAS, KIND_DEMONYM)
                        or c.place.level == "country"
                        or part.lower() in known
                        for c in cands
                    ):
                        found.append((off, off + len(part), cands, False))
                off += len(part) + 1
        i += 1
    return found


def _trim_entity(ent: Span) -> tuple[int, int] | None:
    toks = list(ent)
    while toks and (toks[0].lower_ in ("the", "a") or not _is_cap(toks[0])):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].text in ("'s", "’s")):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].i, toks[-1].i + 1


def find_places(doc: Doc) -> list[PlaceMention]:
    """Toponyms of a parsed Doc (needs NER), resolved with document context (see module doc)."""
    gaz = Gazetteer.get()
    text = doc.text
    labels = _ent_labels(doc)
    matches = _gazetteer_matches(doc, gaz, labels, set())
    # One sense per discourse: a name taken once is taken at its other capitalised uses.
    known = {text[s:e].lower() for s, e, _, _ in matches}
    matches = _gazetteer_matches(doc, gaz, labels, known)
    covered = [(s, e) for s, e, _, _ in matches]
    people = _people(doc)
    items = list(matches)
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        span = _trim_entity(ent)
        if not span:
            continue
        s, e = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
        if any(s < ce and cs < e for cs, ce in covered):
            continue
        low = text[s:e].lower()
        if low in W.ORG_BLOCK or low in W.STOP or any(t.lower_ in people for t in ent):
            continue
        nxt = doc[span[1]].lower_ if span[1] < len(doc) else ""
        prev = [t.lower_ for t in doc[max(0, span[0] - 2) : span[0]] if t.text != "-"][-1:]
        if nxt in W.DISEASE_NEXT or (prev and prev[0] in W.DISEASE_PREV):
            continue  # "Reston ebolavirus", "West Nile virus": a pathogen's name
        if any(ch.isdigit() for ch in low):
            continue  # "H1N1": a code, not a place
        items.append((s, e, [], False))
    items += cues.settlements(doc, [(s, e) for s, e, _, _ in items])
    items.sort(key=lambda x: x[0])
    return resolve_items(text, items, gaz)

"""Local cues a document gives about its own places, read from the text around the mentions.

* Qualifiers: "Lexington, Neb.", "Scott County, Indiana", "Buffalo, New York", "Toronto, Canada"
  -- the second name says where the first lies. An abbreviation after the comma ("Neb.", "NE",
  "B.C.") is added as a mention of its division.
* Lists: "Texas, Georgia and Ohio" -- a name listed with first-level divisions of one country is
  likely one of them.
* Division hints: "the state of Washington", "Washington state", "New York Governor ...",
  "province of Ontario" name the division, not the town.

Items are ``(start, end, candidates, admin_hint)`` tuples sorted by start, as `finder` builds
them. Pure functions over the text; the gazetteer gives the abbreviations' entries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitroom.nlp.places import words as W
from sitroom.nlp.places.abbrev import after_comma
from sitroom.nlp.places.gazetteer import KIND_ALIAS, Candidate, Gazetteer

if TYPE_CHECKING:  # spaCy only for the type; these helpers read tokens they are given
    from spacy.tokens import Doc

_SEP = re.compile(r"^,\s{1,2}$")
_LIST_SEP = re.compile(r"^(,\s{1,2}(and\s|or\s)?|\s(and|or)\s)$")
_ABBREV = re.compile(r",\s([A-Z][A-Za-z.]{1,6})(?=$|[\s,;:)\u2014\u2013-])")
_DIVISION_BEFORE = re.compile(r"(state|province|commonwealth|county) of\s+$", re.I)
_DIVISION_AFTER = re.compile(
    r"^(\s+state\b(?! (department|media|news|tv|television|agency|television))|"
    r"(\s|'s\s)(governor|gov\.|legislature|statehouse|state legislature|state senate)\b)",
    re.I,
)


def division_hint(text: str, start: int, end: int) -> bool:
    """True when the words around a name say it is a division ("state of X", "X Governor")."""
    return bool(
        _DIVISION_BEFORE.search(text[max(0, start - 20) : start])
        or _DIVISION_AFTER.match(text[end : end + 30])
    )


def abbreviation_items(text: str, items: list[tuple], gaz: Gazetteer) -> list[tuple]:
    """Mentions for abbreviations that qualify a preceding place ("Lexington, Neb.")."""
    out = []
    taken = {(s, e) for s, e, c, _a in items if c}
    for _s, e, _c, _a in items:
        m = _ABBREV.match(text, e)
        if not m:
            continue
        token = m.group(1)
        a_start = m.start(1)
        hits = after_comma(token)
        if not hits and token.endswith(".") and len(token) > 2:
            hits = after_comma(token[:-1])
        if not hits:
            continue
        a_end = a_start + len(token)
        if any(a_start < te and ts < a_end for ts, te in taken):
            continue
        cands = []
        for cc, name in hits:
            key = f"admin1:{cc}:{name}"
            idx = gaz.key_index(key)
            if idx is not None:
                cands.append(Candidate(idx, gaz.place(idx), 0, KIND_ALIAS))
        if cands:
            out.append((a_start, a_end, cands, True))
    return out


def qualifiers(text: str, items: list[tuple]) -> dict[int, int]:
    """item index -> index of the item that qualifies it ("X, <division or country>")."""
    out = {}
    for k in range(len(items) - 1):
        s1, e1, c1, _ = items[k]
        s2, _e2, c2, _ = items[k + 1]
        if not c1 or not c2 or not _SEP.match(text[e1:s2]):
            continue
        if any(c.place.level in ("admin1", "country") for c in c2):
            out[k] = k + 1
    return out


def list_neighbours(text: str, items: list[tuple]) -> dict[int, list[int]]:
    """item index -> indices of the items it is listed with (commas, 'and', 'or')."""
    out: dict[int, list[int]] = {}
    for k in range(len(items) - 1):
        _s1, e1, _c1, _ = items[k]
        s2 = items[k + 1][0]
        if _LIST_SEP.match(text[e1:s2]):
            out.setdefault(k, []).append(k + 1)
            out.setdefault(k + 1, []).append(k)
    return out


def qualified(doc: Doc, k: int, cands: list[Candidate]) -> bool:
    """The name at doc[k:] is a country or division holding one of the candidates."""
    gaz = Gazetteer.get()
    for j in range(min(len(doc), k + 4), k, -1):
        name = doc[k:j].text
        if not doc[k].text[:1].isupper() or not gaz.has_name(name):
            continue
        holders = [
            h.place
            for h in gaz.lookup(name)
            if h.place.level in ("country", "admin1") and h.kind != 1
        ]
        return any(
            (h.level == "country" and c.place.country == h.country)
            or (h.level == "admin1" and c.place.admin1 == h.name and c.place.country == h.country)
            for h in holders
            for c in cands
        )
    return False


def in_name(doc: Doc, i: int, j: int) -> bool:
    """Tokens i..j-1 sit inside a longer run of capitalised words ("San Fernando Valley")."""
    before = i > 0 and _cap(doc[i - 1]) and not doc[i - 1].is_sent_start
    before = before and doc[i - 1].is_alpha and doc[i - 1].ent_type_ not in ("", "DATE")
    after = j < len(doc) and _cap(doc[j]) and doc[j].is_alpha and doc[j].ent_type_ != ""
    after = after and doc[j].ent_iob_ == "I"
    return bool(before or after)


def dateline(doc: Doc, i: int, j: int) -> bool:
    """Capitals opening the text and followed by a comma or dash ("LEXINGTON, Neb. —")."""
    if doc[i].idx > 2 or not doc[i:j].text.isupper() or j >= len(doc):
        return False
    return doc[j].text in (",", "-", "\u2014", "\u2013", "--") or doc[j].text.startswith("(")


def _cap(tok) -> bool:
    t = tok.text
    return t[:1].isupper() or (t[:1].isdigit() is False and t.isupper() and t.isalpha())


def settlements(doc: Doc, covered: list[tuple[int, int]]) -> list[tuple]:
    """Names the gazetteer lacks after "the village of" / "the town of" ("the village of
    Saldowo"): found, without candidates (resolve_doc may place them in their county)."""
    out = []
    for t in doc[2:]:
        k = t.i
        if not (doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in W.SETTLEMENT_WORDS):
            continue
        j = k
        while (
            j < len(doc) and j - k < 3 and doc[j].text[:1].isupper() and doc[j].lower_ not in W.STOP
        ):
            j += 1
        if j == k:
            continue
        s, e = doc[k].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if not any(s < ce and cs < e for cs, ce in covered):
            out.append((s, e, [], False))
    return out

"""The extraction pipeline: named components with declared inputs and outputs.

    sentences  (text, blocks, spaCy doc)      -> body sentences in their blocks
    timex      (text, publication date)       -> time expressions
    quantities (text)                         -> counted quantities
    places     (spaCy doc)                    -> toponyms resolved offline
    actors     (text)                         -> canonical actor mentions
    attribution(sentences, actors, persons)   -> who says each sentence
    frames     (all of the above)             -> claims
    restatement(claims, blocks)               -> restated claims linked to their first statement
    arithmetic (claims, quantities)           -> consistency notes

Long texts are cut into chunks at block or sentence ends so spaCy never sees more than
`CHUNK_CHARS` at once; offsets stay document offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import spacy

from sitroom.config import NlpSettings
from sitroom.errors import ConfigError
from sitroom.ingest.service import parse_dct
from sitroom.nlp.actors import index as actors_mod
from sitroom.nlp.claims.rows import claim_rows
from sitroom.nlp.sentences import body_sentences, chunks
from sitroom.nlp.types import Block, RawDocument

VERSION = "0.1.0"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]


COMPONENTS = (
    Component("sentences", "1", ("text", "blocks", "spacy_doc"), ("sentences",)),
    Component("timex", "1", ("text", "dct"), ("timexes",)),
    Component("quantities", "1", ("text",), ("quantities",)),
    Component("places", "1", ("spacy_doc",), ("places",)),
    Component("actors", "1", ("text",), ("actors",)),
    Component("attribution", "1", ("sentences", "actors", "persons"), ("attributions",)),
    Component(
        "frames",
        "1",
        ("sentences", "actors", "quantities", "timexes", "places", "attributions"),
        ("claims",),
    ),
    Component("restatement", "1", ("claims", "blocks"), ("claims.restates",)),
    Component("arithmetic", "1", ("claims", "quantities"), ("claims.consistency",)),
)


@dataclass
class ExtractionResult:
    """Claims of one document, ready for the store, and the reference rows they use."""

    claims: list[dict]
    status: str
    note: str | None
    version: str = VERSION
    references: dict[str, list[dict]] = field(default_factory=dict)


class Pipeline:
    """Loads spaCy once and extracts claims from batches of documents."""

    def __init__(self, settings: NlpSettings) -> None:
        self.settings = settings

    @cached_property
    def nlp(self):  # noqa: ANN201 - a spaCy Language
        return load_model(self.settings.model)

    def describe(self) -> list[dict]:
        return [c.__dict__ for c in COMPONENTS]

    def __call__(self, raws: list[RawDocument], doc_ids: list[str]) -> list:
        """Extract each document; a failure is returned as that document's exception."""
        results: list = [None] * len(raws)
        work = []
        full_lengths = [len(raw.text) for raw in raws]
        raws = [self._capped(raw) for raw in raws]
        for i, raw in enumerate(raws):
            skip = self._skip_reason(raw)
            if skip:
                results[i] = ExtractionResult([], *skip)
            else:
                work.append(i)
        pieces = [(i, start, piece) for i in work for start, piece in chunks(raws[i].text)]
        parsed = self.nlp.pipe(
            (p[2] for p in pieces),
            batch_size=self.settings.batch_size,
        )
        by_doc: dict[int, list] = {}
        for (i, start, _), spacy_doc in zip(pieces, parsed, strict=True):
            by_doc.setdefault(i, []).append((start, spacy_doc))
        for i in work:
            try:
                result = self._extract(raws[i], doc_ids[i], by_doc.get(i, []))
                if full_lengths[i] > len(raws[i].text):
                    cut = (
                        f"extracted the first {len(raws[i].text):,} of {full_lengths[i]:,} "
                        "characters (nlp.max_extract_chars)"
                    )
                    result.note = "; ".join(n for n in (result.note, cut) if n)
                results[i] = result
            except Exception as exc:  # noqa: BLE001 - one document's failure is its own
                results[i] = exc
        return results

    def _capped(self, raw: RawDocument) -> RawDocument:
        """The part of a document that is extracted: its first `max_extract_chars` characters,
        cut at a block or sentence end (the rest is stored but not read for claims)."""
        cap = self.settings.max_extract_chars
        if len(raw.text) <= cap:
            return raw
        _, first = next(chunks(raw.text, cap))
        blocks = [
            Block(b.kind, b.start, min(b.end, len(first)))
            for b in raw.blocks
            if b.start < len(first)
        ]
        return replace(raw, text=first, blocks=blocks)

    @staticmethod
    def _skip_reason(raw: RawDocument) -> tuple[str, str] | None:
        if not raw.text.strip():
            return "skipped_empty", "empty text: nothing to extract"
        if raw.language and raw.language != "en":
            return "skipped_language", f"language '{raw.language}' detected: English only"
        return None

    def _extract(self, raw: RawDocument, doc_id: str, parsed: list) -> ExtractionResult:
        from sitroom.nlp.document import read_document

        dct = parse_dct(raw.published_at)
        blocks = raw.blocks or [Block("paragraph", 0, len(raw.text))]
        facts = read_document(
            raw.text, blocks, parsed, dct, actors_mod.actor_index(), outlet=_outlet_name(raw)
        )
        rows, refs = claim_rows(doc_id, raw, facts, VERSION)
        note = None if dct else "publication date unknown: relative times left unresolved"
        return ExtractionResult(rows, "extracted", note, VERSION, refs)


def _outlet_name(raw: RawDocument) -> str | None:
    """The publisher's name as the store names it (outlet, else the address's domain)."""
    from sitroom.ingest.service import source_row

    src = source_row(raw.outlet, raw.url)
    return src["name"] if src else None


@lru_cache(maxsize=2)
def load_model(name: str):  # noqa: ANN201 - a spaCy Language, loaded once per process
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError("spaCy model is not installed", subject=name) from exc
    nlp.max_length = 2_000_000
    return nlp


__all__ = ["Pipeline", "ExtractionResult", "COMPONENTS", "VERSION", "body_sentences"]

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

from collections.abc import Iterator
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
PARSE_CHARS = 100_000  # characters spaCy parses in one batch (bounds its working memory)
SEGMENT_CHARS = 200_000  # longer documents are extracted one segment at a time (memory bound)


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

    @cached_property
    def gate(self):  # noqa: ANN201 - a SentenceGate, or None when every sentence is parsed
        if not self.settings.gate:
            return None
        from sitroom.nlp.gate import SentenceGate

        return SentenceGate(self.nlp)

    def _pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """The pieces of a text that spaCy parses: the gated sentence runs, else all of it."""
        return self.gate.pieces(text) if self.gate is not None else chunks(text)

    def describe(self) -> list[dict]:
        return [c.__dict__ for c in COMPONENTS]

    def __call__(self, raws: list[RawDocument], doc_ids: list[str]) -> list:
        """Extract each document; a failure is returned as that document's exception.

        Memory is bounded whatever the input: documents are parsed in groups of at most
        SEGMENT_CHARS characters (spaCy docs freed after each group), and a longer document is
        extracted segment by segment."""
        results: list = [None] * len(raws)
        full_lengths = [len(raw.text) for raw in raws]
        raws = [self._capped(raw) for raw in raws]
        groups: list[list[int]] = []
        size = SEGMENT_CHARS
        for i, raw in enumerate(raws):
            skip = self._skip_reason(raw)
            if skip:
                results[i] = ExtractionResult([], *skip)
            elif len(raw.text) > SEGMENT_CHARS:
                groups.append([i])
                size = SEGMENT_CHARS  # a long document is a group of its own
            else:
                if size + len(raw.text) > SEGMENT_CHARS:
                    groups.append([])
                    size = 0
                groups[-1].append(i)
                size += len(raw.text)
        for group in groups:
            for i, parsed in self._parsed_group(raws, group):
                try:
                    result = (
                        self._extract_long(raws[i], doc_ids[i])
                        if parsed is None
                        else self._extract(raws[i], doc_ids[i], parsed)
                    )
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

    def _parsed_group(self, raws: list[RawDocument], group: list[int]) -> Iterator:
        """(index, parsed chunks) of each document of a group; None for a long document (it is
        parsed segment by segment by `_extract_long`)."""
        if len(group) == 1 and len(raws[group[0]].text) > SEGMENT_CHARS:
            yield group[0], None
            return
        pieces = [(i, start, piece) for i in group for start, piece in self._pieces(raws[i].text)]
        by_doc: dict[int, list] = {i: [] for i in group}
        docs = self._parse([p[2] for p in pieces])
        for (i, start, _), spacy_doc in zip(pieces, docs, strict=True):
            by_doc[i].append((start, spacy_doc))
        for i in group:
            yield i, by_doc.pop(i)

    def _extract_long(self, raw: RawDocument, doc_id: str) -> ExtractionResult:
        """A document longer than SEGMENT_CHARS, one segment at a time, so that the spaCy docs
        of a segment are freed before the next is parsed: memory stays bounded whatever the
        length. Each segment is read in the whole text with the other segments blanked out,
        so offsets and claim ids are the document's. Discourse links (an actor carried over
        from an earlier claim, restatements) do not cross segments."""
        rows: dict[str, dict] = {}
        refs: dict[str, dict[str, dict]] = {}
        result = None
        for start, piece in chunks(raw.text, SEGMENT_CHARS):
            end = start + len(piece)
            text = " " * start + piece + " " * (len(raw.text) - end)
            blocks = [
                Block(b.kind, max(b.start, start), min(b.end, end))
                for b in raw.blocks
                if b.start < end and b.end > start
            ]
            pieces = list(self._pieces(piece))
            docs = self._parse([p for _, p in pieces])
            parsed = [(start + off, d) for (off, _), d in zip(pieces, docs, strict=True)]
            result = self._extract(replace(raw, text=text, blocks=blocks), doc_id, parsed)
            del parsed, docs
            for row in result.claims:
                rows.setdefault(row["id"], row)
            for table, ref_rows in result.references.items():
                refs.setdefault(table, {}).update({r["id"]: r for r in ref_rows})
        note = result.note if result else None
        tables = {table: list(by_id.values()) for table, by_id in refs.items()}
        return ExtractionResult(list(rows.values()), "extracted", note, VERSION, tables)

    def _parse(self, texts: list[str]) -> Iterator:
        """spaCy docs of the texts, in order, parsed at most PARSE_CHARS characters at a time
        (spaCy's working memory grows with the characters in one batch)."""
        group: list[str] = []
        size = 0
        for text in texts:
            if group and (size + len(text) > PARSE_CHARS or len(group) >= self.settings.batch_size):
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))

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
        if self.settings.classifier:
            from sitroom.nlp.claims.classifier import veto

            facts.frames = veto(facts.frames)
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

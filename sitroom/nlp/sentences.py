"""Sentences in their blocks, and chunking of long texts for spaCy.

Headings, captions, tables of contents and FAQ questions are not sentences of the body: only
'paragraph' blocks yield sentences, and a spaCy sentence that runs across a block boundary is cut
at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.nlp.types import Block

# spaCy's working memory grows with the text it parses at once: 100,000-character chunks in one
# batch peaked at 1.15 GB, 20,000-character chunks at 0.33 GB for the same 300 KB (measured).
CHUNK_CHARS = 20_000
BODY_KINDS = {"paragraph"}
_SENT_END = re.compile(r"[.!?][\"”’)]?\s+")


@dataclass(frozen=True)
class Sentence:
    span: Span
    start: int
    end: int
    block: Block
    section: str | None


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut text into pieces of at most `limit` chars at line or sentence ends: (offset, piece)."""
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                last = None
                for m in _SENT_END.finditer(text, start + limit // 2, end):
                    last = m
                cut = last.end() - 1 if last else end
            end = cut + 1 if cut < end else end
        yield start, text[start:end]
        start = end


def body_sentences(blocks: list[Block], parsed: list[tuple[int, Doc]]) -> list[Sentence]:
    """The body sentences of a document, each inside one block, in document order."""
    out: list[Sentence] = []
    body = [b for b in blocks if b.kind in BODY_KINDS]
    section = _sections(blocks)
    for offset, doc in parsed:
        for sent in doc.sents:
            s0, s1 = sent.start_char + offset, sent.end_char + offset
            for block in body:
                lo, hi = max(s0, block.start), min(s1, block.end)
                if hi - lo < 3:
                    continue
                span = doc.char_span(lo - offset, hi - offset, alignment_mode="contract")
                if span is None or not span.text.strip():
                    continue
                out.append(
                    Sentence(
                        span,
                        span.start_char + offset,
                        span.end_char + offset,
                        block,
                        section.get(block.start),
                    )
                )
    return out


def _sections(blocks: list[Block]) -> dict[int, str | None]:
    """For each block start, the kind of section it sits in ('faq' after an FAQ heading)."""
    current: str | None = None
    out: dict[int, str | None] = {}
    for b in blocks:
        if b.kind == "faq_question":
            current = "faq"
        out[b.start] = current
    return out

"""Runs the per-document components over parsed chunks and returns the frames found."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from sitroom.nlp.actors.index import ActorIndex, ActorMention
from sitroom.nlp.attribution.quotes import quote_runs, reporters
from sitroom.nlp.attribution.roles import person_names
from sitroom.nlp.attribution.speakers import (
    Attribution,
    applies_to,
    attribute,
    subject_source,
)
from sitroom.nlp.claims.build import build_frames
from sitroom.nlp.claims.frames import Frame, SentenceFacts
from sitroom.nlp.places.finder import find_places
from sitroom.nlp.quantities.finder import find_quantities
from sitroom.nlp.sentences import Sentence, body_sentences
from sitroom.nlp.time.timex import find_timexes
from sitroom.nlp.types import Block, PlaceMention, Quantity, Timex


@dataclass
class FoundFrame:
    frame: Frame
    sentence: Sentence
    attribution: Attribution


@dataclass
class DocumentFacts:
    frames: list[FoundFrame]
    quantities: list[Quantity]
    timexes: list[Timex]
    places: list[PlaceMention]
    actors: list[ActorMention]
    dct: date | None


def _shift(items: list, offset: int) -> list:
    from dataclasses import replace

    return (
        [replace(x, start=x.start + offset, end=x.end + offset) for x in items] if offset else items
    )


def read_document(
    text: str,
    blocks: list[Block],
    parsed: list,
    dct: date | None,
    index: ActorIndex,
    outlet: str | None = None,
) -> DocumentFacts:
    """All components over one document: frames with their sentence and attribution.

    `outlet`: the publisher; a sentence it says in its own voice ("VOA reported") is the
    article's. Quotations over several sentences take the speaker named where they close."""
    timexes = find_timexes(text, dct)
    quantities = find_quantities(text)
    mentions = index.find(text)
    places: list[PlaceMention] = []
    persons: dict[str, str] = {}
    for offset, doc in parsed:
        places.extend(_shift(find_places(doc), offset))
        persons.update({k: v for k, v in person_names(doc).items() if k not in persons})
    sentences = body_sentences(blocks, parsed)
    primary = _primary(mentions, "state")
    primary_group = _primary(mentions, "armed_group")
    found: list[FoundFrame] = []
    previous: Attribution | None = None
    last_named: Attribution | None = None
    last_block = None
    bylines = reporters(text)
    quoted = _quoted(sentences, mentions, persons, outlet, bylines)
    by_start = {
        name: _ByStart(items)
        for name, items in (
            ("actors", mentions),
            ("quantities", quantities),
            ("timexes", timexes),
            ("places", places),
        )
    }
    for k, sent in enumerate(sentences):
        if sent.block is not last_block:
            previous, last_block = None, sent.block
        within = lambda name, s=sent: by_start[name].within(s.start, s.end)  # noqa: E731
        local_actors = _local(within("actors"), sent)
        facts = SentenceFacts(
            sent=sent.span,
            actors=local_actors,
            quantities=_local(within("quantities"), sent),
            timexes=_local(within("timexes"), sent),
            places=_local(within("places"), sent),
            primary=primary,
            primary_group=primary_group,
        )
        attribution, verb = attribute(
            sent.span, local_actors, persons, outlet, previous, bylines, last_named
        )
        if attribution.kind == "article" and k in quoted:
            attribution, verb = quoted[k], None
        if attribution.kind != "article":
            previous = last_named = attribution
        else:
            previous = subject_source(sent.span, local_actors) or previous
        for frame in build_frames(facts, attribution.source):
            own = attribution if applies_to(verb, frame.trigger) else attribution.outer()
            found.append(FoundFrame(frame, sent, own))
    resolve_from_discourse([f.frame for f in found])
    return DocumentFacts(found, quantities, timexes, places, mentions, dct)


def _quoted(
    sentences: list[Sentence],
    mentions: list[ActorMention],
    persons: dict[str, str],
    outlet: str | None,
    bylines: frozenset[str],
) -> dict[int, Attribution]:
    """Sentence index -> the speaker of the multi-sentence quotation it lies in."""
    out: dict[int, Attribution] = {}
    by_block: dict[int, list[int]] = {}
    for k, sent in enumerate(sentences):
        by_block.setdefault(id(sent.block), []).append(k)
    for ks in by_block.values():
        for i, j in quote_runs([sentences[k].span.text for k in ks]):
            for end in (ks[j], ks[i]):  # where it closes, else where it opens
                sent = sentences[end]
                local = _local([m for m in mentions if sent.start <= m.start < sent.end], sent)
                who, _ = attribute(sent.span, local, persons, outlet, None, bylines)
                if who.kind != "article":
                    out.update({k: who for k in ks[i : j + 1]})
                    break
    return out


FALLBACK_KINDS = {"combat": ("combat", "deployment")}


def resolve_from_discourse(frames: list[Frame]) -> None:
    """A frame with no named actor ("these soldiers will be deployed") takes the actor and
    target of the last frame of its kind in the same document; "the leader was killed" takes
    the side of the last casualties claim."""
    last: dict[str, Frame] = {}
    for frame in frames:
        prior_casualty = last.get("casualties")
        if "anaphoric victim" in frame.notes and prior_casualty is not None:
            frame.actor = prior_casualty.actor
        if frame.kind != "casualties" and frame.actor is None:
            for kind in FALLBACK_KINDS.get(frame.kind, (frame.kind,)):
                prior = last.get(kind)
                if prior is not None and prior.actor:
                    frame.actor = prior.actor
                    if frame.target is None or frame.target == frame.actor:
                        frame.target = prior.target if kind == frame.kind else None
                    frame.notes.append(f"actor from earlier {kind} claim")
                    break
        if frame.actor:
            last[frame.kind] = frame
    inherit_scene(frames)


SCENE_KINDS = {"attack", "casualties", "combat", "territory"}


def inherit_scene(frames: list[Frame]) -> None:
    """Violence with no place or date in its sentence happened where and when the article's
    last violence did ("17 injured people were shifted to a hospital" after "attacked a train
    Tuesday ... in Balochistan"): the scene carries over, marked in the frame's notes."""
    place = when = None
    for frame in frames:
        if frame.kind not in SCENE_KINDS:
            continue
        if frame.place is not None:
            place = frame.place
        elif place is not None:
            frame.place = place
            frame.notes.append("place from the article's scene")
        if frame.timex is not None and frame.timex.resolved:
            when = frame.timex
        elif (
            frame.timex is None
            and when is not None
            and frame.status == "occurred"
            and "time stated but not as a date" not in frame.notes
        ):
            frame.timex = when
            frame.notes.append("time from the article's scene")


class _ByStart:
    """Items with a `start`, found by range in O(log n) (a scan per sentence made long
    documents quadratic: 1 MB took minutes). Results keep the items' original order."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: items[i].start)
        self.starts = [items[i].start for i in self.order]

    def within(self, start: int, end: int) -> list:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [self.items[i] for i in sorted(self.order[lo:hi])]


def _local(items: list, sent: Sentence) -> list:
    """Shift document offsets into the sentence's spaCy doc coordinates."""
    delta = sent.start - sent.span.start_char
    return _shift(items, -delta)


def _primary(mentions: list[ActorMention], kind: str) -> str | None:
    """The actor of this kind the article names most often."""
    from collections import Counter

    counts = Counter(m.entity.name for m in mentions if m.entity.kind == kind)
    return counts.most_common(1)[0][0] if counts else None

"""Plain value types passed between pipeline components. No behaviour, no I/O."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Block:
    """A structural block of a document's text: [start, end) character offsets into the text.

    kind: 'title' | 'heading' | 'paragraph' | 'caption' | 'faq_question' | 'byline' | 'toc'
    """

    kind: str
    start: int
    end: int


@dataclass
class RawDocument:
    """What a reader produces from one input, before it is stored.

    published_at: ISO date or datetime string, or None. published_how: 'metadata' | 'text' |
    'supplied' | 'unknown'. origin: where it came from ('path', 'path#line', 'stdin').
    notes: what the reader had to repair (e.g. invalid UTF-8 bytes replaced), stored with it.
    """

    text: str
    blocks: list[Block]
    origin: str
    fmt: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    published_how: str = "unknown"
    language: str | None = None
    external_id: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timex:
    """A time expression found in text, normalised against the publication date (dct).

    type/value/mod follow TimeML TIMEX3 (value e.g. '2025-03', 'P3M', 'PRESENT_REF', 'XXXX-07').
    earliest/latest: ISO dates bounding the interval meant, None when unresolved (no dct, or a
    duration). precision: 'day' | 'week' | 'month' | 'season' | 'quarter' | 'year' | 'decade' |
    'century' | 'time' | 'unknown'. relation to publication: 'before_publication' |
    'around_publication' | 'after_publication' | None.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    earliest: str | None = None
    latest: str | None = None
    precision: str = "unknown"
    relation: str | None = None
    resolved: bool = False


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. id: 'geonames:<id>' where GeoNames has one, else '<source>:<key>'.

    level: 'continent' | 'region' | 'country' | 'admin1' | 'admin2' | 'city'. country: ISO 3166-1
    alpha-2 code or None. lat/lon may be None (seas, regions without a point).
    """

    id: str
    name: str
    level: str
    country: str | None
    lat: float | None
    lon: float | None
    country_name: str | None = None
    admin1: str | None = None
    admin2: str | None = None

    def label(self) -> str:
        """'Kursk Oblast, Russia' style label used by the gold data."""
        if self.level in ("country", "continent", "region") or not self.country_name:
            return self.name
        return f"{self.name}, {self.country_name}"


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place | None
    adjectival: bool = False


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with what it counts.

    low/high: the interval meant (equal for a single number). approx: 'about', 'around'...
    bound: None | 'more_than' | 'at_least' | 'up_to' | 'nearly' | 'less_than'. basis: 'total' |
    'additional'. kind: 'count' | 'percent' | 'multiplier' | 'money' | 'measure' | 'ordinal' |
    'fraction' ('half of': 0.5, unit 'share').
    unit: the thing counted, normalised ('troops', 'people', 'percent', 'dollar'...) or None.
    vague: True for 'thousands', 'dozens' (low/high then give the conventional range).
    """

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str | None = None
    approx: bool = False
    bound: str | None = None
    basis: str = "total"
    kind: str = "count"
    vague: bool = False
    change: str | None = None


def to_dict(obj) -> dict:
    """Dataclass to a plain dict (for JSON and the store)."""
    return asdict(obj)


__all__ = ["Block", "RawDocument", "Timex", "Place", "PlaceMention", "Quantity", "to_dict", "field"]

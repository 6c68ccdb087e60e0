"""The cross-article picture as plain data: what `build_picture` returns and reports render.

Every number carries `citations`: claim ids, each leading to quote, document and source via
`Sitroom.show(claim_id)` / the claim views. Dicts in lists are claim views (see sitroom.views).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Event:
    """Claims from different documents that describe the same thing."""

    id: str  # deterministic: 'e' + hash of its sorted claim ids' grouping key
    kind: str
    actor: str | None
    target: str | None
    status: str
    claims: list[dict]  # claim views
    why: list[str]  # one line per claim: why it is in this event
    place: dict | None = None
    earliest: str | None = None
    latest: str | None = None
    reports: int = 0  # documents reporting it (copies excluded)
    origins: list[str] = field(default_factory=list)  # independent origins
    credibility: int = 6  # Admiralty information credibility 1-6
    credibility_why: str = ""
    contradicted: bool = False


@dataclass
class EstimatePoint:
    claim_id: str
    source: str | None  # the outlet
    origin: str | None  # who says it (agency, official, outlet)
    published_at: str | None
    refers_from: str | None
    refers_to: str | None
    low: float
    high: float
    basis: str
    status: str
    quote: str
    approx: bool | None = None  # "about 12,000"
    bound: str | None = None  # more_than | at_least | up_to | nearly


@dataclass
class Estimate:
    """One measure's series and its current figures, each with the rule that produced it."""

    measure: str  # e.g. "North Korea troops deployed to Russia"
    key: dict  # kind, actor, target, casualty, unit, status group
    points: list[EstimatePoint]
    current_low: float | None = None
    current_high: float | None = None
    conservative: float | None = None  # ACLED rule: lowest credible figure
    best: float | None = None  # UCDP best
    low: float | None = None  # UCDP low
    high: float | None = None  # UCDP high
    rules: dict[str, str] = field(default_factory=dict)  # figure name -> rule text
    derived: list[dict] = field(default_factory=list)  # e.g. planned total from inputs
    disputes: list[str] = field(default_factory=list)


@dataclass
class Contradiction:
    kind: str  # 'values' | 'denial'
    measure: str
    sides: list[dict]  # claim views, at least two
    why: str


@dataclass
class Prediction:
    claim: dict  # claim view of a planned/predicted claim
    window: tuple[str | None, str | None]
    state: str  # 'open' | 'borne_out' | 'not_borne_out' | 'contradicted' | 'undated'
    evidence: list[dict] = field(default_factory=list)  # later claims that decide it
    why: str = ""


@dataclass
class Picture:
    query: str | None
    since: str | None
    until: str | None
    generated_at: str
    events: list[Event]
    estimates: list[Estimate]
    contradictions: list[Contradiction]
    predictions: list[Prediction]
    sources: list[dict]  # source rows with reliability and counts
    documents: list[dict]  # document views in scope
    judgements: list[dict] = field(default_factory=list)  # {'text', 'likelihood', 'citations'}
    arithmetic: list[dict] = field(default_factory=list)  # checks with inputs and result

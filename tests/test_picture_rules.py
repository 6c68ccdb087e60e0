"""Rules of the cross-article picture on hand-made claim views (numbers worked by hand)."""

from __future__ import annotations

import pytest

from sitroom.errors import NotFoundError
from sitroom.picture.arithmetic import cross_checks
from sitroom.picture.contradictions import denial_contradictions, value_contradictions
from sitroom.picture.estimates import build_estimates, measure_name
from sitroom.picture.events import group_events
from sitroom.picture.grades import credibility, grade_events, source_table
from sitroom.picture.independence import independence
from sitroom.picture.predictions import build_predictions
from sitroom.picture.service import build_picture, show_event

NIS = "National Intelligence Service"


def mk(
    cid: str,
    *,
    kind: str = "deployment",
    actor: str | None = "North Korea",
    target: str | None = "Russia",
    low: float | None = None,
    high: float | None = None,
    unit: str = "troops",
    basis: str = "total",
    approx: bool = False,
    casualty: str | None = None,
    place: dict | None = None,
    earliest: str | None = None,
    latest: str | None = None,
    relation: str = "before_publication",
    status: str = "occurred",
    certainty: str = "certain",
    att_kind: str = "article",
    att_source: str | None = None,
    doc: str = "d1",
    pub: str = "2025-03-01",
    outlet: str | None = "Voice of America",
    copy_of: str | None = None,
    consistency: dict | None = None,
) -> dict:
    """A claim view shaped like sitroom.views.claim_view."""
    return {
        "id": cid,
        "kind": kind,
        "actor": actor,
        "target": target,
        "quantity": None
        if low is None
        else {
            "low": low,
            "high": low if high is None else high,
            "unit": unit,
            "approx": approx,
            "bound": None,
            "basis": basis,
            "text": str(low),
        },
        "casualty": casualty,
        "object": None,
        "place": place,
        "when": {
            "text": None,
            "type": None,
            "value": None,
            "earliest": earliest,
            "latest": latest,
            "precision": None,
            "relation": relation,
            "resolved": bool(earliest),
        },
        "status": status,
        "certainty": certainty,
        "likelihood": None,
        "attribution": {"kind": att_kind, "source": att_source, "text": None},
        "quote": f"quote of {cid}",
        "evidence": {"doc_id": doc, "start": 0, "end": 1},
        "document": {"id": doc, "title": doc, "url": None, "published_at": pub, "copy_of": copy_of},
        "source": None
        if outlet is None
        else {"id": outlet.lower(), "name": outlet, "reliability": "F"},
        "restates": None,
        "consistency": consistency,
        "extractor": "test 1",
    }


class FakeRoom:
    """The three Sitroom methods build_picture uses, over fixed claim views."""

    def __init__(self, claims: list[dict], sources: list[dict] | None = None) -> None:
        self._claims, self._sources = claims, sources or []

    def claims(self, **_: object) -> list[dict]:
        return list(self._claims)

    def sources(self) -> list[dict]:
        return self._sources

    def documents(self) -> list[dict]:
        return [{"id": d} for d in sorted({c["document"]["id"] for c in self._claims})]


MARCH = {"earliest": "2025-03-01", "latest": "2025-03-31"}


# -- events ------------------------------------------------------------------------------
def test_same_event_from_two_documents_groups_with_why():
    a = mk("c1", low=12000, doc="d1", pub="2025-03-05", **MARCH)
    b = mk("c2", actor="Pyongyang", target="Moscow", low=11500, doc="d2", pub="2025-03-06", **MARCH)
    events = group_events([b, a])
    assert len(events) == 1
    ev = events[0]
    assert [c["id"] for c in ev.claims] == ["c1", "c2"]
    assert ev.reports == 2 and ev.actor == "North Korea" and ev.target == "Russia"
    assert "same kind deployment, actor North Korea, target Russia" in ev.why[1]
    assert "overlaps" in ev.why[1] and "within 10% of 12,000" in ev.why[1]
    assert ev.id.startswith("e") and len(ev.id) == 17
    assert group_events([a, b])[0].id == ev.id  # order of input does not matter


@pytest.mark.parametrize(
    "change",
    [
        {"low": 3000},  # quantity more than 10% apart
        {"actor": "China"},
        {"status": "planned"},
        {"earliest": "2024-01-01", "latest": "2024-01-31"},  # time does not overlap
        {"place": {"id": "p2", "name": "Kyiv", "level": "city", "country": "UA"}},
    ],
)
def test_different_things_do_not_group(change):
    kursk = {"id": "p1", "name": "Kursk Oblast", "level": "admin1", "country": "RU"}
    a = mk("c1", low=12000, doc="d1", place=kursk, **MARCH)
    fields = {"low": 12000, "doc": "d2", "place": kursk, **MARCH, **change}
    assert len(group_events([a, mk("c2", **fields)])) == 2


def test_place_within_country_groups_and_one_claim_per_document():
    russia = {"id": "p0", "name": "Russia", "level": "country", "country": "RU"}
    kursk = {"id": "p1", "name": "Kursk Oblast", "level": "admin1", "country": "RU"}
    a = mk("c1", doc="d1", place=russia, **MARCH)
    b = mk("c2", doc="d2", place=kursk, **MARCH)
    c = mk("c3", doc="d2", place=kursk, **MARCH)  # same document: a separate event
    events = group_events([a, b, c])
    assert [len(e.claims) for e in events] == [2, 1]
    assert "Kursk Oblast within Russia" in events[0].why[1]


def test_copy_joins_its_original_and_is_not_a_second_origin():
    a = mk("c1", low=12000, doc="d1", **MARCH)
    copy = mk("c9", low=12000, doc="d9", outlet="Other Outlet", copy_of="d1", **MARCH)
    events = group_events([copy, a])
    assert len(events) == 1
    ev = events[0]
    assert ev.why[1] == "copy of document d1 (its claim c1)"
    assert ev.reports == 1 and ev.origins == ["Voice of America"]
    assert independence(ev.claims) == {
        "reports": 1,
        "origins": ["Voice of America"],
        "carriers": {"Voice of America": ["Voice of America"]},
        "copies": 1,
    }


def test_two_outlets_citing_one_agency_are_one_origin_two_reports():
    claims = [
        mk("c1", doc="d1", att_kind="intelligence_agency", att_source=NIS, **MARCH),
        mk(
            "c2", doc="d2", outlet="Yonhap", att_kind="intelligence_agency", att_source=NIS, **MARCH
        ),
    ]
    ev = group_events(claims)[0]
    assert ev.reports == 2 and ev.origins == ["South Korea National Intelligence Service"]


# -- estimates ---------------------------------------------------------------------------
def _series() -> list[dict]:
    return [
        mk(
            "a1",
            low=10000,
            doc="d1",
            pub="2025-01-01",
            att_kind="government_body",
            att_source="A agency",
        ),
        mk(
            "a2",
            low=12000,
            doc="d2",
            pub="2025-02-01",
            att_kind="government_body",
            att_source="A agency",
        ),
        mk(
            "b1",
            low=11000,
            high=13000,
            doc="d3",
            pub="2025-02-05",
            att_kind="government_body",
            att_source="B agency",
        ),
        mk(
            "c1",
            low=8000,
            doc="d4",
            pub="2025-02-06",
            certainty="doubtful",
            att_kind="government_body",
            att_source="C agency",
        ),
    ]


def test_estimate_series_and_rules():
    (est,) = build_estimates(_series())
    assert est.measure == "North Korea troops deployed to Russia"
    assert [p.claim_id for p in est.points] == ["a1", "a2", "b1", "c1"]
    assert est.points[0].published_at == "2025-01-01"
    # current: A 12,000 (its latest), B 11,000-13,000, C 8,000
    assert (est.current_low, est.current_high) == (8000, 13000)
    assert est.conservative == 11000  # C is doubtful, so not credible; min(12,000, 11,000)
    assert est.best == 12000  # median of midpoints 12,000, 12,000, 8,000
    assert (est.low, est.high) == (8000, 13000)
    assert set(est.rules) >= {"conservative", "best", "low", "high", "current_range"}
    assert len(est.disputes) == 2 and all("C agency says 8,000" in d for d in est.disputes)


def test_measure_names():
    assert (
        measure_name(("deployment", "North Korea", "Russia", None, "troops", "occurred", "total"))
        == "North Korea troops deployed to Russia"
    )
    assert (
        measure_name(
            ("deployment", "North Korea", "Russia", None, "troops", "planned", "additional")
        )
        == "additional North Korea troops planned for Russia"
    )
    assert (
        measure_name(
            ("casualties", "North Korea", None, "killed_or_injured", "people", "occurred", "total")
        )
        == "North Korea people killed or injured"
    )


def test_totals_and_increments_kept_apart_and_planned_total_derived():
    sent = mk("c1", low=12000, approx=True, doc="d1", pub="2024-11-01")
    more = mk(
        "c2",
        low=25000,
        high=30000,
        basis="additional",
        status="planned",
        certainty="probable",
        doc="d2",
        pub="2025-03-01",
    )
    ests = {e.measure: e for e in build_estimates([sent, more])}
    assert set(ests) == {
        "North Korea troops deployed to Russia",
        "additional North Korea troops planned for Russia",
    }
    (d,) = ests["additional North Korea troops planned for Russia"].derived
    assert (d["low"], d["high"]) == (37000, 42000)
    assert d["inputs"] == ["c1", "c2"]
    assert d["text"] == "12,000 + 25,000-30,000 additional = 37,000-42,000"


# -- contradictions ----------------------------------------------------------------------
def test_value_contradiction_needs_overlap_and_gap():
    a = mk(
        "c1", low=12000, doc="d1", pub="2025-03-01", att_kind="intelligence_agency", att_source=NIS
    )
    b = mk("c2", low=3000, doc="d2", pub="2025-03-01", outlet="KCNA")
    c = mk("c3", low=3000, doc="d3", pub="2025-04-20", outlet="KCNA")  # later period
    d = mk("c4", low=12500, doc="d4", pub="2025-03-01", outlet="Yonhap")  # within 10%
    claims = [a, b, c, d]
    cons = value_contradictions(build_estimates(claims), {x["id"]: x for x in claims})
    pairs = sorted(tuple(sorted(s["id"] for s in con.sides)) for con in cons)
    assert pairs == [("c1", "c2"), ("c2", "c4")]
    assert all(con.sides[0]["quote"] and con.sides[1]["quote"] for con in cons)


def test_denial_contradiction():
    occ = mk("c1", doc="d1", **MARCH)
    den = mk("c2", doc="d2", status="denied", outlet="KCNA", **MARCH)
    events = group_events([occ, den])
    (con,) = denial_contradictions(events)
    assert con.kind == "denial" and {s["id"] for s in con.sides} == {"c1", "c2"}
    assert all(e.contradicted for e in events)


# -- grades ------------------------------------------------------------------------------
def _event(*claims: dict):
    (ev,) = group_events(list(claims))
    return ev


def test_credibility_rules_one_to_six():
    two = [mk("c1", doc="d1", **MARCH), mk("c2", doc="d2", outlet="Yonhap", **MARCH)]
    assert credibility(_event(*two), set(), {})[0] == 1
    hedged = [two[0], mk("c2", doc="d2", outlet="Yonhap", certainty="probable", **MARCH)]
    assert credibility(_event(*hedged), set(), {})[0] == 2
    one = _event(mk("c1", doc="d1", outlet="Reuters", **MARCH))
    assert credibility(one, set(), {})[0] == 3
    assert credibility(one, set(), {"reuters": "A"})[0] == 2
    assert credibility(one, {"KCNA"}, {})[0] == 4
    doubtful = _event(mk("c1", doc="d1", certainty="doubtful", **MARCH))
    assert credibility(doubtful, set(), {})[0] == 4
    assert credibility(one, {"KCNA", "TASS"}, {})[0] == 5
    nobody = _event(mk("c1", doc="d1", outlet=None, **MARCH))
    grade, why = credibility(nobody, set(), {})
    assert grade == 6 and "cannot be judged" in why


def test_grade_events_uses_contradictions_and_registry():
    occ = mk("c1", doc="d1", outlet="Reuters", **MARCH)
    den = mk("c2", doc="d2", status="denied", outlet="KCNA", **MARCH)
    den2 = mk("c3", doc="d3", status="denied", outlet="TASS", **MARCH)
    events = group_events([occ, den, den2])
    grade_events(events, denial_contradictions(events), [])
    by_status = {e.status: e for e in events}
    assert by_status["occurred"].credibility == 5  # 2 denying origins > 1 supporting
    assert by_status["denied"].credibility == 4
    rows = source_table([occ], [{"id": "reuters", "name": "Reuters", "reliability": "B"}])
    assert rows == [
        {
            "name": "Reuters",
            "roles": ["origin", "outlet"],
            "reliability": "B",
            "reliability_text": "usually reliable",
            "claims": 1,
            "documents": 1,
        }
    ]


# -- predictions -------------------------------------------------------------------------
def test_prediction_states_with_hand_dates():
    claims = [
        # planned for April, reported in May as having happened on 15 April: borne out
        mk(
            "p1",
            status="planned",
            earliest="2025-04-01",
            latest="2025-04-30",
            doc="d1",
            pub="2025-03-01",
        ),
        mk("o1", earliest="2025-04-15", latest="2025-04-15", doc="d2", pub="2025-05-02"),
        # February window, nothing reported by 2025-05-02 (latest publication): not borne out
        mk(
            "p2",
            kind="training",
            status="predicted",
            earliest="2025-02-01",
            latest="2025-02-28",
            doc="d3",
            pub="2025-01-15",
        ),
        # June window, still ahead of 2025-05-02: open
        mk(
            "p3",
            kind="withdrawal",
            status="planned",
            earliest="2025-06-01",
            latest="2025-06-30",
            doc="d4",
            pub="2025-04-01",
        ),
        # later denial: contradicted
        mk(
            "p4",
            kind="arms_transfer",
            status="planned",
            earliest="2025-03-01",
            latest="2025-12-31",
            doc="d5",
            pub="2025-03-01",
        ),
        mk("n4", kind="arms_transfer", status="denied", doc="d6", pub="2025-03-20"),
        # no window, nothing later: undated
        mk(
            "p5",
            kind="recruitment",
            status="predicted",
            relation="after_publication",
            doc="d7",
            pub="2025-03-01",
        ),
    ]
    states = {p.claim["id"]: p for p in build_predictions(claims)}
    assert {k: v.state for k, v in states.items()} == {
        "p1": "borne_out",
        "p2": "not_borne_out",
        "p3": "open",
        "p4": "contradicted",
        "p5": "undated",
    }
    assert [e["id"] for e in states["p1"].evidence] == ["o1"]
    assert states["p1"].window == ("2025-04-01", "2025-04-30")
    # judged as of an earlier date, the February window is not over yet... but it is by March
    assert {p.claim["id"]: p.state for p in build_predictions(claims, as_of="2025-02-15")}[
        "p2"
    ] == "open"


# -- arithmetic --------------------------------------------------------------------------
@pytest.mark.parametrize(("stated", "holds"), [(3.0, True), (5.0, False)])
def test_multiplier_checked_against_other_articles(stated, holds):
    base = mk("c1", low=12000, doc="d1", pub="2024-11-01")
    inc = mk(
        "c2",
        low=25000,
        high=30000,
        basis="additional",
        status="planned",
        doc="d2",
        pub="2025-03-01",
        consistency={"check": "multiplier", "stated": stated, "holds": None},
    )
    (check,) = cross_checks([base, inc], build_estimates([base, inc]))
    assert check["inputs"] == ["c1", "c2"]
    assert check["computed"] == [3.08, 3.5]  # 37,000/12,000 .. 42,000/12,000
    assert check["stated"] == stated and check["holds"] is holds


# -- picture, show_event, ask ------------------------------------------------------------
VOA_B = [
    {"id": "voice-of-america", "name": "Voice of America", "kind": "outlet", "reliability": "B"}
]


def _room() -> FakeRoom:
    return FakeRoom(
        [
            mk(
                "c1",
                low=12000,
                approx=True,
                doc="d1",
                pub="2024-11-01",
                att_kind="intelligence_agency",
                att_source=NIS,
            ),
            mk(
                "c2",
                low=25000,
                high=30000,
                basis="additional",
                status="planned",
                certainty="probable",
                doc="d2",
                pub="2025-03-01",
            ),
            mk(
                "c3",
                kind="casualties",
                target=None,
                low=4000,
                unit="people",
                casualty="killed_or_injured",
                doc="d2",
                pub="2025-03-01",
            ),
        ],
        VOA_B,
    )


def test_build_picture_and_judgements():
    pic = build_picture(_room())
    assert len(pic.estimates) == 3 and len(pic.events) == 3
    words = {"almost certain", "likely", "roughly even chance", "unlikely"}
    for j in pic.judgements:
        assert j["likelihood"] in words and j["citations"]
        assert "confidence" not in j["text"]
    # one origin, the outlet itself graded B (base: likely), stated as probable (cap: likely)
    planned = next(j for j in pic.judgements if "additional" in j["text"])
    assert planned["likelihood"] == "likely" and "37,000-42,000" in planned["text"]
    assert planned["why"][0] == "best agreeing origin: Voice of America graded B -> likely"
    ev = pic.events[0]
    shown = show_event(_room(), ev.id)
    assert shown["claims_why"][0]["claim"] == ev.claims[0]["id"]
    with pytest.raises(NotFoundError):
        show_event(_room(), "e0000000000000000")


def test_place_containment_needs_evidence():
    from sitroom.picture.common import place_compatible

    quetta = {
        "place": {"id": "geonames:1167528", "name": "Quetta", "level": "city", "country": "PK"}
    }
    pakistan = {
        "place": {"id": "geonames:1168579", "name": "Pakistan", "level": "country", "country": "PK"}
    }
    asia = {"place": {"id": "geonames:6255147", "name": "Asia", "level": "continent"}}
    africa = {"place": {"id": "geonames:6255146", "name": "Africa", "level": "continent"}}
    middle_east = {
        "place": {"id": "sitroom:region:middle-east", "name": "Middle East", "level": "region"}
    }
    assert place_compatible(quetta, pakistan)[0]
    assert place_compatible(asia, quetta)[0]
    assert not place_compatible(quetta, africa)[0]
    assert not place_compatible(quetta, middle_east)[0]  # a region's members are not known
    assert place_compatible(middle_east, dict(middle_east))[0]


def test_a_city_is_within_its_first_level_division():
    from sitroom.picture.common import place_compatible

    quetta = {
        "place": {
            "id": "geonames:1167528",
            "name": "Quetta",
            "level": "city",
            "country": "PK",
            "admin1": "Balochistan",
        }
    }
    balochistan = {
        "place": {"id": "csc:state:3176", "name": "Balochistan", "level": "admin1", "country": "PK"}
    }
    punjab = {
        "place": {"id": "csc:state:3177", "name": "Punjab", "level": "admin1", "country": "PK"}
    }
    assert place_compatible(quetta, balochistan)[0]
    assert not place_compatible(quetta, punjab)[0]


def test_revisions_and_growing_tolls_are_not_contradictions():
    # casualties of one incident: 16 killed on day 1 (VOA), 33 on day 2 (Pakistan's military):
    # a later, higher toll is an update; the same source revising itself is a revision.
    kw = dict(
        kind="casualties",
        casualty="killed",
        unit="people",
        earliest="2025-03-11",
        latest="2025-03-11",
    )  # all on the attack of 2025-03-11, so periods overlap
    first = mk("c1", low=16, doc="d1", pub="2025-03-12", **kw)
    later = mk("c2", low=33, doc="d2", pub="2025-03-13", outlet="Dawn", **kw)
    same_src = mk("c3", low=40, doc="d3", pub="2025-03-12", **kw)
    lower_later = mk("c4", low=5, doc="d4", pub="2025-03-13", outlet="Geo", **kw)
    claims = [first, later, same_src, lower_later]
    cons = value_contradictions(build_estimates(claims), {x["id"]: x for x in claims})
    pairs = sorted(tuple(sorted(s["id"] for s in con.sides)) for con in cons)
    # c1/c2: update; c1/c3: same origin; c4 (later, lower) disputes c1, c2 and c3
    assert pairs == [("c1", "c4"), ("c2", "c4"), ("c3", "c4")]


def test_prediction_borne_out_only_by_the_same_measure_inside_its_window():
    kursk = {"id": "k", "name": "Kursk Oblast", "level": "admin1", "country": "RU"}
    berlin = {"id": "b", "name": "Berlin", "level": "city", "country": "DE"}
    window = {"earliest": "2025-07-01", "latest": "2025-08-31"}
    claims = [
        mk("p", status="planned", place=kursk, doc="d1", pub="2025-05-01", **window),
        # other actor, other place's country, after the window, before publication: no
        mk(
            "x1",
            actor="China",
            earliest="2025-07-10",
            latest="2025-07-10",
            doc="d2",
            pub="2025-07-11",
        ),
        mk(
            "x2",
            place=berlin,
            earliest="2025-07-10",
            latest="2025-07-10",
            doc="d3",
            pub="2025-07-11",
        ),
        mk("x3", earliest="2025-10-02", latest="2025-10-02", doc="d4", pub="2025-10-03"),
        mk("x4", earliest="2025-07-10", latest="2025-07-10", doc="d5", pub="2025-04-20"),
        # a narrative without a named actor names no measure: never evidence
        mk(
            "x5", actor=None, earliest="2025-07-10", latest="2025-07-10", doc="d6", pub="2025-07-11"
        ),
    ]
    (p,) = build_predictions(claims, as_of="2025-12-01")
    assert p.state == "not_borne_out" and p.evidence == []
    # the same measure inside the window, in a place within Russia: borne out
    inside = {
        "id": "s",
        "name": "Sudzha",
        "level": "city",
        "country": "RU",
        "admin1": "Kursk Oblast",
    }
    claims.append(
        mk(
            "ok",
            place=inside,
            earliest="2025-08-02",
            latest="2025-08-02",
            doc="d7",
            pub="2025-08-03",
        )
    )
    (p,) = build_predictions(claims, as_of="2025-12-01")
    assert p.state == "borne_out" and [e["id"] for e in p.evidence] == ["ok"]
    assert "inside the window 2025-07-01/2025-08-31" in p.why
    # a planned claim with no named actor is never borne out
    (q,) = build_predictions([mk("q", actor=None, status="planned", doc="d1"), claims[5]])
    assert q.state != "borne_out"


def test_an_undated_prediction_is_not_borne_out_years_later():
    kabul = {"id": "k", "name": "Kabul", "level": "city", "country": "AF"}
    claims = [
        mk(
            "p",
            kind="casualties",
            actor="Afghanistan",
            target="Taliban",
            status="predicted",
            relation="after_publication",
            place=kabul,
            doc="d1",
            pub="2020-01-27",
        ),
        mk(
            "o",
            kind="casualties",
            actor="Afghanistan",
            target="Taliban",
            place=kabul,
            earliest="2021-05-08",
            latest="2021-05-08",
            doc="d2",
            pub="2021-05-09",
        ),
    ]
    assert build_predictions(claims)[0].state == "undated"
    claims[1] = mk(
        "o",
        kind="casualties",
        actor="Afghanistan",
        target="Taliban",
        place=kabul,
        earliest="2020-02-10",
        latest="2020-02-10",
        doc="d2",
        pub="2020-02-11",
    )
    assert build_predictions(claims)[0].state == "borne_out"


def test_a_plan_set_wholly_in_the_past_of_its_report_is_no_prediction():
    old = mk(
        "p",
        status="planned",
        earliest="2021-01-01",
        latest="2021-12-31",
        doc="d1",
        pub="2025-03-12",
    )
    assert build_predictions([old]) == []
    soon = mk(
        "q",
        status="planned",
        earliest="2025-07-01",
        latest="2025-08-31",
        doc="d1",
        pub="2025-03-12",
    )
    assert [p.claim["id"] for p in build_predictions([soon])] == ["q"]

"""The brief: every number cited, citations resolve, md and html agree, html is self-contained."""

from __future__ import annotations

import re

import pytest

from sitroom.errors import ConfigError
from sitroom.ids import claim_id
from sitroom.picture.model import (
    Contradiction,
    Estimate,
    EstimatePoint,
    Event,
    Picture,
    Prediction,
)
from sitroom.report.brief import render_brief
from sitroom.report.charts import estimate_chart
from sitroom.report.mapsvg import places_map

SEED, KI = "df87ea5b6e03fbb1f", "d2c4e6a8b0d2f4a6b"
RT, TASS = "d3a5c7e9f1b3d5f7a", "d4b6d8f0a2c4e6b8c"
SOURCES = {
    "kumdi": {"id": "kumdi", "name": "KumDi.com", "reliability": "F"},
    "reuters": {"id": "reuters", "name": "Reuters", "reliability": "B"},
    "kyiv": {"id": "kyiv", "name": "Kyiv Independent", "reliability": "C"},
    "tass": {"id": "tass", "name": "TASS", "reliability": "E"},
}
DOCS = {
    SEED: (
        "North Korea to triple troops sent to Russia",
        "https://kumdi.com/nk-troops",
        None,
        "kumdi",
    ),
    KI: (
        "NIS: North Korea recruiting for new deployment",
        "https://kyivindependent.com/nis",
        "2025-07-03T09:00:00Z",
        "kyiv",
    ),
    RT: (
        "About 11,000 North Korean troops in Kursk, Kyiv says",
        "https://reuters.com/nk-kursk",
        "2025-01-15T12:00:00Z",
        "reuters",
    ),
    TASS: (
        "Kremlin dismisses reports of North Korean troops",
        "https://tass.com/kremlin",
        "2024-10-24T08:00:00Z",
        "tass",
    ),
}
KURSK = {
    "id": "p1",
    "text": "Kursk region",
    "name": "Kursk Oblast",
    "level": "admin1",
    "country": "RU",
    "country_name": "Russia",
    "lat": 51.73,
    "lon": 36.19,
}


def view(
    doc: str,
    start: int,
    kind: str,
    quote: str,
    *,
    q: tuple | None = None,
    status: str = "occurred",
    certainty: str = "certain",
    att: tuple = ("article", None),
    when: dict | None = None,
    place: dict | None = None,
    actor: str = "North Korea",
    target: str | None = "Russia",
    **extra: object,
) -> dict:
    """A claim view shaped like sitroom.views.claim_view."""
    title, url, pub, src = DOCS[doc]
    likelihood = {
        "certain": "almost certain",
        "probable": "likely",
        "possible": "roughly even chance",
        "doubtful": "unlikely",
    }[certainty]
    return {
        "id": claim_id(doc, kind, start, start + len(quote), actor),
        "kind": kind,
        "actor": actor,
        "target": target,
        "casualty": extra.get("casualty"),
        "object": extra.get("object"),
        "quantity": None
        if q is None
        else {
            "low": q[0],
            "high": q[1],
            "unit": q[2],
            "approx": q[3],
            "bound": None,
            "basis": q[4],
            "text": None,
        },
        "place": place,
        "status": status,
        "certainty": certainty,
        "likelihood": likelihood,
        "when": {
            "text": None,
            "type": None,
            "value": None,
            "earliest": None,
            "latest": None,
            "precision": None,
            "relation": None,
            "resolved": False,
            **(when or {}),
        },
        "attribution": {"kind": att[0], "source": att[1], "text": None},
        "quote": quote,
        "evidence": {"doc_id": doc, "start": start, "end": start + len(quote)},
        "document": {"id": doc, "title": title, "url": url, "published_at": pub, "copy_of": None},
        "source": dict(SOURCES[src]),
        "restates": None,
        "consistency": None,
        "extractor": "rules 1",
    }


C_EARLIER = view(
    SEED,
    1400,
    "deployment",
    "Earlier in the year, the regime sent approximately "
    "12,000 troops to assist Russia in regaining control of the Kursk region.",
    q=(12000, 12000, "troops", True, "total"),
    place=KURSK,
    when={"text": "Earlier in the year", "relation": "before_publication"},
)
C_PLANNED = view(
    SEED,
    700,
    "deployment",
    "Recent intelligence reports indicate that Pyongyang "
    "is poised to dispatch between 25,000 to 30,000 additional soldiers, effectively "
    "tripling its military support to Moscow.",
    q=(25000, 30000, "troops", False, "additional"),
    status="planned",
    certainty="probable",
    att=("unnamed_reports", None),
    when={"relation": "after_publication"},
)
C_CASUALTIES = view(
    SEED,
    3900,
    "casualties",
    "Reports indicate that around 4,000 North Korean "
    "soldiers were either killed or injured during their initial deployment to "
    "the Kursk region.",
    q=(4000, 4000, "people", True, "total"),
    att=("unnamed_reports", None),
    place=KURSK,
    casualty="killed_or_injured",
    target=None,
)
C_HALT = view(
    SEED,
    1900,
    "aid_suspension",
    "the United States has announced a halt in weapons deliveries to Ukraine",
    actor="United States",
    target="Ukraine",
    object="weapons deliveries",
    when={"relation": "before_publication"},
)
C_KYIV = view(
    KI,
    300,
    "deployment",
    "North Korea sent some 11,000 to 12,000 troops to the Kursk "
    "region between October and December 2024, the NIS said.",
    q=(11000, 12000, "troops", True, "total"),
    place=KURSK,
    att=("intelligence_agency", "South Korea's NIS"),
    when={
        "text": "between October and December 2024",
        "earliest": "2024-10-01",
        "latest": "2024-12-31",
        "precision": "month",
        "resolved": True,
    },
)
C_REUTERS = view(
    RT,
    120,
    "deployment",
    "About 11,000 North Korean soldiers are deployed in "
    "Russia's Kursk region, Ukraine's military intelligence said.",
    q=(11000, 11000, "troops", True, "total"),
    place=KURSK,
    att=("intelligence_agency", "Ukrainian military intelligence (HUR)"),
    when={"earliest": "2025-01-15", "latest": "2025-01-15", "precision": "day"},
)
C_DENIAL = view(
    TASS,
    80,
    "deployment",
    "Kremlin spokesman Dmitry Peskov dismissed reports of "
    "North Korean troops in Russia as another fake.",
    status="denied",
    att=("official", "Dmitry Peskov, Kremlin"),
    place={**KURSK, "name": "Moscow", "text": "Moscow", "lat": 55.76, "lon": 37.62},
)
C_NIS = view(
    KI,
    900,
    "deployment",
    "The NIS said the new deployment could come as early as July or August.",
    status="predicted",
    certainty="possible",
    att=("intelligence_agency", "South Korea's NIS"),
    when={"earliest": "2025-07-01", "latest": "2025-08-31", "precision": "month"},
)
ALL = [C_EARLIER, C_PLANNED, C_CASUALTIES, C_HALT, C_KYIV, C_REUTERS, C_DENIAL, C_NIS]


def point(v: dict) -> EstimatePoint:
    q = v["quantity"]
    return EstimatePoint(
        claim_id=v["id"],
        source=v["source"]["name"],
        origin=v["attribution"]["source"],
        published_at=v["document"]["published_at"],
        refers_from=v["when"]["earliest"],
        refers_to=v["when"]["latest"],
        low=q["low"],
        high=q["high"],
        basis=q["basis"],
        status=v["status"],
        quote=v["quote"],
    )


def seed_picture() -> Picture:
    """A hand-built picture around the seed article (publication date unknown) and three others."""
    deployed = Estimate(
        measure="North Korea troops deployed to Russia",
        key={"kind": "deployment", "actor": "North Korea", "target": "Russia", "unit": "troops"},
        points=[point(v) for v in (C_REUTERS, C_EARLIER, C_KYIV)],
        current_low=11000,
        current_high=12000,
        conservative=11000,
        best=12000,
        low=11000,
        high=12000,
        rules={
            "current": "latest figure from each independent origin",
            "conservative": "ACLED: the lowest credible figure",
            "best": "UCDP best: the figure of the most reliable recent report",
            "low": "UCDP low: lowest credible figure",
            "high": "UCDP high: highest figure",
        },
        derived=[
            {
                "measure": "planned total",
                "low": 37000,
                "high": 42000,
                "inputs": [C_EARLIER["id"], C_PLANNED["id"]],
                "text": "12,000 + 25,000-30,000 additional = 37,000-42,000",
                "rule": "latest occurred total + latest planned increment",
            }
        ],
        disputes=[
            "Russia denies any deployment.",
            f"HUR says 11,000 [{C_REUTERS['id']}]; KumDi.com says 12,000 [{C_EARLIER['id']}]",
        ],
    )
    casualties = Estimate(
        measure="North Korean troops killed or injured",
        key={"kind": "casualties"},
        points=[point(C_CASUALTIES)],
        conservative=4000,
        rules={"conservative": "ACLED: lowest credible"},
    )
    events = [
        Event(
            id="e1",
            kind="deployment",
            actor="North Korea",
            target="Russia",
            status="occurred",
            claims=[C_EARLIER, C_KYIV, C_REUTERS],
            why=["same kind, actor and place"] * 3,
            place=KURSK,
            earliest="2024-10",
            latest="2025-01",
            reports=3,
            origins=["NIS", "HUR", "KumDi.com"],
            credibility=2,
            credibility_why="three independent origins",
            contradicted=True,
        ),
        Event(
            id="e2",
            kind="deployment",
            actor="North Korea",
            target="Russia",
            status="planned",
            claims=[C_PLANNED],
            why=["only report"],
            reports=1,
            origins=["unnamed"],
        ),
        Event(
            id="e3",
            kind="casualties",
            actor="North Korea",
            target=None,
            status="occurred",
            claims=[C_CASUALTIES],
            why=["only report"],
            place=KURSK,
            reports=1,
        ),
        Event(
            id="e4",
            kind="aid_suspension",
            actor="United States",
            target="Ukraine",
            status="occurred",
            claims=[C_HALT],
            why=["only report"],
            reports=1,
        ),
    ]
    return Picture(
        query="North Korea",
        since="2024-10-01",
        until=None,
        generated_at="2025-07-10T00:00:00Z",
        events=events,
        estimates=[deployed, casualties],
        contradictions=[
            Contradiction(
                kind="denial",
                measure="North Korea troops in Russia",
                sides=[C_DENIAL, C_REUTERS],
                why="the Kremlin denies what Ukraine reports",
            )
        ],
        predictions=[
            Prediction(
                claim=C_NIS,
                window=("2025-07", "2025-08"),
                state="open",
                why="the window has not closed",
            ),
            Prediction(
                claim=C_PLANNED,
                window=(None, None),
                state="undated",
                why="no time stated and the publication date is unknown",
            ),
        ],
        sources=list(SOURCES.values()),
        documents=[
            {"id": d, "title": t, "url": u, "published_at": p, "source": SOURCES[s]["name"]}
            for d, (t, u, p, s) in DOCS.items()
        ],
        judgements=[
            {
                "text": "North Korea almost certainly sent 11,000-12,000 troops to Russia's Kursk "
                "region in late 2024.",
                "likelihood": "almost certain",
                "citations": [C_EARLIER["id"], C_KYIV["id"], C_REUTERS["id"]],
            },
            {
                "text": "It is likely that North Korea plans to send 25,000-30,000 more troops.",
                "likelihood": "likely",
                "citations": [C_PLANNED["id"]],
            },
        ],
        arithmetic=[
            {
                "check": "multiplier",
                "stated": 3,
                "stated_text": "tripling",
                "computed": [3.08, 3.5],
                "new_total": [37000, 42000],
                "inputs": [C_EARLIER["id"], C_PLANNED["id"]],
                "holds": True,
            }
        ],
    )


MARK = re.compile(r"\[(\d+)\]")
FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+")  # quantities such as 12,000 (dates have no comma)


def body_and_cited(md: str) -> tuple[list[str], str]:
    """Lines from Key judgements up to Sources cited, and the Sources cited section."""
    start, end = md.index("## Key judgements"), md.index("## Sources cited")
    return md[start:end].splitlines(), md[end:]


def md_entries(cited: str) -> dict[int, str]:
    """Citation number -> the text of its Sources cited entry."""
    parts = re.split(r"^\*\*\[(\d+)\]\*\*", cited, flags=re.M)
    return {int(n): text for n, text in zip(parts[1::2], parts[2::2], strict=True)}


def test_every_number_in_md_carries_a_citation() -> None:
    lines, _ = body_and_cited(render_brief(seed_picture(), "md"))
    checked = 0
    for line in lines:
        if line.startswith(
            ("#", "| ---", "| Figure", "| Published", "| Outlet")
        ) or line.startswith("Admiralty system"):
            continue
        bare = MARK.sub("", line)
        if re.search(r"\d", bare):
            assert MARK.search(line), f"number without citation: {line!r}"
            checked += 1
        for cell in line.split("|"):  # each figure is cited in its own cell / sentence
            for m in FIGURE.finditer(MARK.sub("", cell)):
                assert MARK.search(cell[cell.find(m.group(0)) :]), (m.group(0), line)
    assert checked > 20
    md = render_brief(seed_picture(), "md")
    for figure in ("12,000", "25,000-30,000", "4,000", "11,000-12,000"):
        assert figure in md
    assert re.search(r"planned total 37,000-42,000 \(derived from \[\d+\] \+ \[\d+\]\)", md)
    assert not re.search(r"\[c[0-9a-f]{6,}", md)  # inline claim ids became citations
    assert re.search(r"HUR says 11,000 ?\[\d+\]; KumDi.com says 12,000 ?\[\d+\]", md)
    assert re.search(r'"tripling" checked: stated 3, computed 3.08-3.5 .*holds', md)


def test_each_citation_resolves_to_quote_document_and_source() -> None:
    md = render_brief(seed_picture(), "md")
    lines, cited = body_and_cited(md)
    used = {int(n) for line in lines for n in MARK.findall(line)}
    entries = md_entries(cited)
    assert used and used <= set(entries)
    assert sorted(entries) == list(range(1, len(entries) + 1))
    by_id = {v["id"]: v for v in ALL}
    for n, text in entries.items():
        cid = re.search(r"claim `(c[0-9a-f]+)`", text).group(1)
        v = by_id[cid]
        assert f"> {v['quote']}" in text, n
        doc = v["document"]
        assert f"id `{doc['id']}`" in text and doc["title"] in text and doc["url"] in text
        src = v["source"]
        assert f"Outlet: {src['name']}, reliability {src['reliability']} (" in text
        assert "Said by: " in text
    assert set(entries) == set(range(1, len(ALL) + 1))  # every claim of the picture is cited


def test_unknown_publication_date_is_reported() -> None:
    md = render_brief(seed_picture(), "md")
    _, cited = body_and_cited(md)
    entries = md_entries(cited)
    seed = [t for t in entries.values() if f"id `{SEED}`" in t]
    assert seed and all("publication date unknown" in t for t in seed)
    assert "| publication date unknown |" in md  # the seed point in the by-source table
    assert "before publication (date unknown)" in md
    assert "2024-10 .. 2024-12" in md  # an uncertain date shown as an interval


def test_markdown_and_html_agree_on_citations() -> None:
    p = seed_picture()
    md, html = render_brief(p, "md"), render_brief(p, "html")
    lines, cited = body_and_cited(md)
    md_map = {
        n: re.search(r"claim `(c[0-9a-f]+)`", t).group(1) for n, t in md_entries(cited).items()
    }
    html_map = {
        int(n): cid
        for n, cid in re.findall(
            r'<li id="cite-(\d+)"[^>]*>.*?claim <code>(c[0-9a-f]+)</code>', html
        )
    }
    assert md_map == html_map
    md_used = {int(n) for line in lines for n in MARK.findall(line)}
    html_used = {int(n) for n in re.findall(r'class="cite" href="#cite-(\d+)"', html)}
    assert md_used == html_used
    for v in ALL:  # quotes in blockquotes, escaped
        assert f"<blockquote>{v['quote']}".replace("'", "&#39;") in html


def test_html_is_self_contained() -> None:
    html = render_brief(seed_picture(), "html")
    lowered = html.lower()
    for bad in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "@import",
        "url(",
        "src=",
    ):
        assert bad not in lowered, bad
    for m in re.finditer(r"""(\w[\w:-]*)\s*=\s*["']?\s*(?:https?:)?//""", html):
        assert m.group(1).lower() == "href", m.group(0)
        tag_start = html.rfind("<", 0, m.start())
        assert html[tag_start : tag_start + 3] == "<a ", html[tag_start : m.end()]
    assert html.count('<svg class="chart"') == 2 and '<svg class="map"' in html
    assert '<circle class="place" data-name="Kursk Oblast"' in html


def test_html_escapes_claim_text() -> None:
    p = seed_picture()
    p.events[3].claims[0] = {**C_HALT, "quote": "<script>alert(1)</script> halt"}
    html = render_brief(p, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_bad_format_raises_config_error() -> None:
    with pytest.raises(ConfigError) as err:
        render_brief(seed_picture(), "pdf")
    assert "pdf" in str(err.value) and err.value.subject == "pdf"


def test_svg_generators_are_deterministic() -> None:
    pts = [point(v) for v in (C_REUTERS, C_EARLIER, C_KYIV)]
    a = estimate_chart("troops <deployed>", pts, {C_KYIV["id"]: 5})
    assert a == estimate_chart("troops <deployed>", pts, {C_KYIV["id"]: 5})
    assert 'data-measure="troops &lt;deployed&gt;"' in a
    assert a.count('class="point"') == 3 and a.count('class="range"') == 1
    assert 'href="#cite-5"' in a and "date unknown" in a
    m = places_map(
        [
            {"name": "Kursk", "lat": 51.7, "lon": 36.2, "cites": [2]},
            {"name": "Pyongyang", "lat": 39.0, "lon": 125.75},
        ]
    )
    assert m.count('class="place"') == 2 and 'class="graticule"' in m
    assert places_map([]) == "" and places_map([{"name": "x", "lat": None, "lon": 1}]) == ""


def test_empty_picture_renders_both_formats() -> None:
    empty = Picture(
        query=None,
        since=None,
        until=None,
        generated_at="2025-07-10T00:00:00Z",
        events=[],
        estimates=[],
        contradictions=[],
        predictions=[],
        sources=[],
        documents=[],
    )
    md, html = render_brief(empty, "md"), render_brief(empty, "html")
    assert "No estimate series." in md and "## Sources cited" in md and "[1]" not in md
    assert "<svg" not in html and "No places with coordinates." in html


def test_json_twin_has_the_same_citations_as_the_markdown():
    import json

    picture = seed_picture()
    data = json.loads(render_brief(picture, "json"))
    md = render_brief(picture, "md")
    assert [c["n"] for c in data["cited"]] == list(range(1, len(data["cited"]) + 1))
    for entry in data["cited"]:
        assert entry["quote"] in md  # the same quotes, numbered the same way
        assert f"[{entry['n']}]" in md
    assert data["scope"]["generated_at"] == picture.generated_at
    assert "<svg" not in json.dumps(data)

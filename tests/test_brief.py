"""The brief from the stored measures, end to end: real excerpts from several conflicts are
ingested, the brief is written through the CLI and the Python API and checked for what an
analyst relies on: bounded length, counts equal to `stats`, every figure cited, no range made
across measures, filters that narrow it, and the same sections in Markdown, HTML and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_cli import run

from sitroom import Sitroom
from sitroom.errors import ConfigError

RANGE = re.compile(r"(?<![\d,.-])(\d{1,3}(?:,\d{3})*)-(\d{1,3}(?:,\d{3})*)(?![\d,-])")


@pytest.fixture(scope="module")
def store(picture_store: str) -> str:
    return picture_store


@pytest.fixture(scope="module")
def md(store: str) -> str:
    out = run("brief", db=store)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode()


@pytest.fixture(scope="module")
def data(store: str) -> dict:
    out = run("brief", "--format", "json", db=store)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _section(md: str, title: str) -> str:
    return md.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_brief_is_short_with_contents_and_counts_equal_to_stats(store: str, md: str) -> None:
    lines = md.splitlines()
    assert 100 < len(lines) < 1500
    stats = json.loads(run("stats", db=store).stdout)
    m = re.search(r"(\d+) documents, (\d+) claims, (\d+) sources, (\d+) places", md)
    assert m, md[:600]
    assert [int(x) for x in m.groups()] == [
        stats[k] for k in ("documents", "claims", "sources", "places")
    ]
    contents = _section(md, "Contents")
    anchors = re.findall(r"\]\(#(m-m[0-9a-f]+)\)", contents)
    assert len(anchors) == 20  # top 20 by default
    for anchor in anchors:
        assert f'<a id="{anchor}"></a>' in md
    # nothing repeated under every series: no non-table line occurs more than twice
    repeated = {
        line
        for line in lines
        if line.strip() and not line.startswith(("|", "#", "<a id")) and lines.count(line) > 2
    }
    assert not repeated, sorted(repeated)[:3]


def test_every_figure_is_cited_and_every_citation_listed(md: str) -> None:
    glance = _section(md, "At a glance")
    said = re.findall(
        r"according to [^;\[]+?, (?:as of \d{4}-\d{2}-\d{2}|date unknown)(\[\d+\])?", glance
    )
    assert said and all(said), "a figure in 'At a glance' without its citation"
    used = {int(n) for n in re.findall(r"\[(\d+)\]", md.split("## Sources cited", 1)[0])}
    listed = [int(n) for n in re.findall(r"^\*\*\[(\d+)\]\*\*", md, re.M)]
    assert used and set(listed) == used and listed == sorted(listed)


def test_no_range_merged_across_claims(store: str, data: dict) -> None:
    """A range in a judgement is one an origin stated (an observation's low-high), never a
    min-max across figures."""
    room = Sitroom(db=store)
    stated = set()
    for m in data["measures"]:
        for o in room.measure(m["id"])["observations"]:
            stated.add((o["low"], o["high"]))
    texts = [g["sentence"] for t in data["glance"] for g in t["measures"]]
    texts += [m["sentence"] for m in data["measures"]]
    for text in texts:
        for lo, hi in RANGE.findall(text):
            pair = (float(lo.replace(",", "")), float(hi.replace(",", "")))
            assert pair in stated, f"{lo}-{hi} is no stated figure: {text}"


def test_json_twin_has_the_same_sections_and_citations(md: str, data: dict) -> None:
    assert {"scope", "counts", "glance", "measures", "others", "cited"} <= set(data)
    assert [m["name"] for m in data["measures"]] == re.findall(
        r"^### \d+\. (.+)$", _section(md, "Measures"), re.M
    )
    assert len(data["cited"]) == len(re.findall(r"^\*\*\[\d+\]\*\*", md, re.M))
    first = data["measures"][0]
    assert first["rows"] and all(re.search(r"\[\d+\]", r["figure"]) for r in first["rows"])
    assert data["counts"]["measures_in_scope"] == len(data["measures"]) + len(data["others"])


def test_filters_narrow_the_brief(store: str, data: dict) -> None:
    theatre = data["measures"][0]["theatre"]
    narrow = json.loads(run("brief", "--theatre", theatre, "--format", "json", db=store).stdout)
    assert narrow["measures"] and {m["theatre"] for m in narrow["measures"]} == {theatre}
    assert narrow["counts"]["measures_in_scope"] < data["counts"]["measures_in_scope"]
    since = json.loads(run("brief", "--since", "2025-03-01", "--format", "json", db=store).stdout)
    assert since["measures"] and all(m["last_as_of"] >= "2025-03-01" for m in since["measures"])
    assert since["counts"]["measures_in_scope"] < data["counts"]["measures_in_scope"]
    jaffar = json.loads(run("brief", "--query", "passengers", "--format", "json", db=store).stdout)
    assert 0 < jaffar["counts"]["measures_in_scope"] < data["counts"]["measures_in_scope"]
    bad = run("brief", "--since", "yesterday", db=store)
    assert bad.returncode == 2 and b"--since" in bad.stderr


def test_html_is_self_contained_with_a_chart_per_measure(store: str, tmp_path: Path) -> None:
    out = run("brief", "--format", "html", "--top", "5", "-o", str(tmp_path / "b.html"), db=store)
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "b.html").read_text("utf-8")
    assert "default-src 'none'" in html and "<script" not in html
    assert html.count('<svg class="chart"') == 5
    assert 'href="#cite-1"' in html and 'id="cite-1"' in html
    config = json.loads((tmp_path / "b.html.config.json").read_text("utf-8"))
    assert config["brief"]["top"] == 5


def test_python_api_matches_the_cli(store: str, md: str) -> None:
    room = Sitroom(db=store)
    api = room.brief(fmt="md")

    def strip(text: str) -> str:
        return re.sub(r"generated \S+", "", text)

    assert strip(api) == strip(md)
    with pytest.raises(ConfigError):
        room.brief(fmt="pdf")


def test_timeline_predictions_and_arithmetic_are_compact_and_cited(
    store: str, md: str, data: dict
) -> None:
    contents = _section(md, "Contents")
    for title, anchor in (
        ("Timeline", "timeline"),
        ("Predictions", "predictions"),
        ("Arithmetic checks", "arithmetic-checks"),
    ):
        assert f"[{title}](#{anchor})" in contents
        body = _section(md, title).strip().splitlines()
        assert body and len(body) <= 15
        for line in body:
            assert line.startswith("- ") and re.search(r"\[\d+\]", line) or "No " in line
    days = [t["date"] for t in data["timeline"]]
    assert days and days == sorted(days, reverse=True)
    room = Sitroom(db=store)
    for p in data["predictions"]:  # a later observation is of the same measure, in the window
        plan = room.measure(p["id"])
        assert plan["status"] == "planned"
        if p["state"] != "observed since":
            continue
        cited = [int(n) for n in re.findall(r"\[(\d+)\]", p["text"])][1:]
        for n in cited:
            claim = data["cited"][n - 1]["claim_id"]
            obs = [
                o
                for m in room.measures(kind=plan["kind"], limit=None)
                for o in room.measure(m["id"])["observations"]
                if o["claim_id"] == claim
            ]
            m = room.measure(obs[0]["measure_id"])
            for key in ("kind", "actor", "target", "casualty", "unit", "theatre"):
                assert m[key] == plan[key], (key, p["text"])
            assert m["status"] == "occurred"
    for line in data["arithmetic"]:
        if " is part of " in line:
            part, whole = re.match(
                r"(?:\w+ )*?([\d,]+) is part of (?:\w+ )*?([\d,]+)", line
            ).groups()
            assert float(part.replace(",", "")) <= float(whole.replace(",", "")), line

"""Server-drawn SVG for the web pages: a map with country outlines, and a timeline.

Contract:
- `world_map(places, width)`: places are dicts with `name`, `lat`, `lon`, `count`, `href`;
  returns one `<svg class="map">` with Natural Earth 1:110m country outlines (shipped as
  data: `sitroom/web/data/countries-110m.json`, world-atlas TopoJSON, decoded here) clipped to
  the places' bounding box, a graticule, and each place a `<circle class="place">` linked to
  `href`. No tile server, no network. "" when no place has coordinates.
- `timeline(rows, width)`: rows are dicts with `label`, `href`, `earliest`, `latest` (ISO
  dates; `latest` may equal `earliest`); an interval is drawn as a `<rect class="interval">`
  from its first to its last day (an uncertain date - a month, a year, "between X and Y" - is
  such an interval), a single day as a `<circle class="instant">`. "" when nothing is dated.
Every text drawn is escaped.
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from pathlib import Path

from sitroom.report.mapsvg import _free_offset, bounds

LABELLED = 30
DATA = Path(__file__).parent / "data" / "countries-110m.json"


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(name, rings of (lon, lat)) per country, decoded from the TopoJSON once.

    Own decoder (30 lines) rather than a dependency: TopoJSON arcs are delta-encoded,
    quantized integer points; a ring is a list of arc indexes (~i = arc i reversed)."""
    topo = json.loads(DATA.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts[1:] if out else pts)
        return out

    shapes = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = (
            g["arcs"]
            if g["type"] == "MultiPolygon"
            else [g["arcs"]]
            if g["type"] == "Polygon"
            else []
        )
        rings = [ring(r) for poly in polys for r in poly]
        shapes.append(((g.get("properties") or {}).get("name", ""), rings))
    return shapes


def world_map(places: list[dict], width: int = 900) -> str:
    places = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not places:
        return ""
    lo0, lo1, la0, la1 = bounds(places)
    k = max(math.cos(math.radians((la0 + la1) / 2)), 0.2)
    wide = (la1 - la0) / (0.6 * k)
    if lo1 - lo0 < wide:
        mid = (lo0 + lo1) / 2
        lo0, lo1 = max(mid - wide / 2, -180.0), min(mid + wide / 2, 180.0)
    scale = (width - 20) / ((lo1 - lo0) * k)
    height = round((la1 - la0) * scale) + 20

    def xy(lon: float, lat: float) -> str:
        return f"{10 + (lon - lo0) * k * scale:.1f},{10 + (la1 - lat) * scale:.1f}"

    out = [
        f'<svg class="map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="Map of places">',
        "<title>Places (equirectangular; outlines: Natural Earth 1:110m, public domain)</title>",
        f'<defs><clipPath id="frame"><rect x="10" y="10" width="{width - 20}" '
        f'height="{height - 20}"/></clipPath></defs>',
        f'<rect class="sea" x="10" y="10" width="{width - 20}" height="{height - 20}"/>',
        '<g clip-path="url(#frame)">',
    ]
    for name, rings in countries():
        near = [
            r
            for r in rings
            if r
            and min(p[0] for p in r) <= lo1 + 5
            and max(p[0] for p in r) >= lo0 - 5
            and min(p[1] for p in r) <= la1 + 5
            and max(p[1] for p in r) >= la0 - 5
        ]
        if not near:
            continue
        d = " ".join("M" + " L".join(xy(lon, lat) for lon, lat in r) + " Z" for r in near)
        out.append(
            f'<path class="country" data-name="{escape(name)}" d="{d}">'
            f"<title>{escape(name)}</title></path>"
        )
    out.append("</g>")
    biggest = max((p.get("count") or 1) for p in places)
    taken: list = []  # label boxes already placed (report.mapsvg's greedy placement)
    for i, p in enumerate(sorted(places, key=lambda p: -(p.get("count") or 1))):
        cx, cy = xy(float(p["lon"]), float(p["lat"])).split(",")
        r = 4 + 8 * math.sqrt((p.get("count") or 1) / biggest)
        label = f"{p.get('name') or '?'} ({p.get('count') or 1})"
        out.append(f'<a href="{escape(p["href"])}">')
        out.append(f"<title>{escape(label)}</title>")
        out.append(
            f'<circle class="place" data-name="{escape(str(p.get("name") or ""))}" '
            f'cx="{cx}" cy="{cy}" r="{r:.1f}"/>'
        )
        if i < LABELLED:  # the most named places are labelled; every place has a tooltip
            lx = float(cx) + r + 2
            dy = _free_offset(taken, lx, float(cy), 6.2 * len(label), False)
            out.append(
                f'<text class="place-label" x="{lx:.1f}" y="{float(cy) + 4 + dy:.1f}">'
                f"{escape(label)}</text>"
            )
        out.append("</a>")
    out.append("</svg>")
    return "\n".join(out)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline(rows: list[dict], width: int = 1000) -> str:
    dated = [(r, _day(r.get("earliest")), _day(r.get("latest") or r.get("earliest"))) for r in rows]
    dated = [(r, a, b or a) for r, a, b in dated if a]
    if not dated:
        return ""
    start = min(a for _, a, _ in dated)
    end = max(b for _, _, b in dated)
    if (end - start).days < 7:
        start, end = start - timedelta(days=3), end + timedelta(days=4)
    left, right, top, row_h = 260, 20, 30, 16
    height = top + row_h * len(dated) + 30
    span = max((end - start).days, 1)

    def x(d: date) -> float:
        return left + (width - left - right) * (d - start).days / span

    out = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="Timeline">',
        "<title>Timeline: bars are uncertain dates (the interval the text allows)</title>",
        f'<line class="axis" x1="{left}" y1="{top - 8}" x2="{width - right}" y2="{top - 8}"/>',
    ]
    ticks = 6
    for i in range(ticks + 1):
        d = start + timedelta(days=round(span * i / ticks))
        out.append(
            f'<text class="tick" x="{x(d):.1f}" y="{top - 14}" '
            f'text-anchor="{"end" if i == ticks else "middle"}">'
            f"{d.isoformat()}</text>"
        )
    for i, (r, a, b) in enumerate(dated):
        y = top + i * row_h
        out.append(
            f'<line class="row" x1="0" y1="{y + row_h - 1}" x2="{width}" y2="{y + row_h - 1}"/>'
        )
        out.append(f'<a href="{escape(r["href"])}">')
        tip = f"{r['label']}: {a.isoformat()}" + (f" .. {b.isoformat()}" if b != a else "")
        out.append(f"<title>{escape(tip)}</title>")
        out.append(f'<text class="label" x="4" y="{y + 11}">{escape(r["label"][:42])}</text>')
        if b > a:
            w = max(x(b + timedelta(days=1)) - x(a), 3)
            out.append(
                f'<rect class="interval" x="{x(a):.1f}" y="{y + 3}" width="{w:.1f}" '
                f'height="{row_h - 6}" '
                f'data-from="{a.isoformat()}" data-to="{b.isoformat()}"/>'
            )
        else:
            out.append(
                f'<circle class="instant" cx="{x(a):.1f}" cy="{y + row_h / 2}" r="4" '
                f'data-from="{a.isoformat()}"/>'
            )
        out.append("</a>")
    out.append("</svg>")
    return "\n".join(out)

"""An inline SVG map of the brief's places: pure function, deterministic text output.

Contract: `places_map(places)` takes dicts with `name`, `lat`, `lon` and optional `cites` (citation
numbers) and returns one `<svg class="map">` element, or "" when no place has coordinates. The
projection is equirectangular (x = lon * cos(standard parallel), y = -lat) over the places'
bounding box with a margin, with a light graticule labelled in degrees. No country outlines are
drawn (no small free-licence outline data is shipped). Each place is a
`<circle class="place" data-name="...">` with its label, linked to `#cite-n` of its first citation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

MIN_LON_SPAN, MIN_LAT_SPAN, PAD, MAX_ASPECT = 24.0, 14.0, 4.0, 0.6
STEPS = (1, 2, 5, 10, 15, 30)


def bounds(places: Sequence[dict]) -> tuple[float, float, float, float]:
    """(lon_min, lon_max, lat_min, lat_max) around the places, padded and never too small."""
    lons = [float(p["lon"]) for p in places]
    lats = [float(p["lat"]) for p in places]
    lo0, lo1 = min(lons) - PAD, max(lons) + PAD
    la0, la1 = min(lats) - PAD, max(lats) + PAD
    if lo1 - lo0 < MIN_LON_SPAN:
        mid = (lo0 + lo1) / 2
        lo0, lo1 = mid - MIN_LON_SPAN / 2, mid + MIN_LON_SPAN / 2
    if la1 - la0 < MIN_LAT_SPAN:
        mid = (la0 + la1) / 2
        la0, la1 = mid - MIN_LAT_SPAN / 2, mid + MIN_LAT_SPAN / 2
    return max(lo0, -180.0), min(lo1, 180.0), max(la0, -90.0), min(la1, 90.0)


def places_map(places: Sequence[dict], width: int = 640) -> str:
    """The places as an inline SVG map (see module contract)."""
    places = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not places:
        return ""
    lo0, lo1, la0, la1 = bounds(places)
    k = max(math.cos(math.radians((la0 + la1) / 2)), 0.2)
    wide = (la1 - la0) / (MAX_ASPECT * k)  # lon span keeping height <= MAX_ASPECT * width
    if lo1 - lo0 < wide:
        mid = (lo0 + lo1) / 2
        lo0, lo1 = max(mid - wide / 2, -180.0), min(mid + wide / 2, 180.0)
    scale = (width - 20) / ((lo1 - lo0) * k)
    height = round((la1 - la0) * scale) + 20

    def x(lon: float) -> float:
        return 10 + (lon - lo0) * k * scale

    def y(lat: float) -> float:
        return 10 + (la1 - lat) * scale

    step = next((s for s in STEPS if (lo1 - lo0) / s <= 8), 30)
    out = [
        f'<svg class="map" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Map of places">',
        "<title>Places mentioned (equirectangular projection)</title>",
        f'<rect class="sea" x="10" y="10" width="{width - 20}" height="{height - 20}"/>',
    ]
    for lon in range(math.ceil(lo0 / step) * step, math.floor(lo1) + 1, step):
        out.append(
            f'<line class="graticule" x1="{x(lon):.1f}" y1="10" x2="{x(lon):.1f}" '
            f'y2="{height - 10}"/><text class="deg" x="{x(lon) + 2:.1f}" '
            f'y="{height - 13}">{abs(lon)}°{"E" if lon >= 0 else "W"}</text>'
        )
    for lat in range(math.ceil(la0 / step) * step, math.floor(la1) + 1, step):
        out.append(
            f'<line class="graticule" x1="10" y1="{y(lat):.1f}" x2="{width - 10}" '
            f'y2="{y(lat):.1f}"/><text class="deg" x="13" y="{y(lat) - 2:.1f}">'
            f"{abs(lat)}°{'N' if lat >= 0 else 'S'}</text>"
        )
    taken: list[tuple[float, float, float, float]] = []  # label boxes already placed
    for p in places:
        cx, cy = x(float(p["lon"])), y(float(p["lat"]))
        cites = list(p.get("cites") or [])
        label = (
            str(p.get("name") or "?")
            + "".join(f"[{n}]" for n in cites[:3])
            + ("…" if len(cites) > 3 else "")
        )
        out.append(f'<a href="#cite-{cites[0]}">' if cites else "<g>")
        out.append(f"<title>{escape(label)} ({float(p['lat']):.2f}, {float(p['lon']):.2f})</title>")
        out.append(
            f'<circle class="place" data-name="{escape(str(p.get("name") or ""))}" '
            f'cx="{cx:.1f}" cy="{cy:.1f}" r="5"/>'
        )
        anchor = "end" if cx > width * 0.75 else "start"
        dx = -8 if anchor == "end" else 8
        dy = _free_offset(taken, cx + dx, cy, 6.2 * len(label), anchor == "end")
        out.append(
            f'<text class="place-label" x="{cx + dx:.1f}" y="{cy + 4 + dy:.1f}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
        out.append("</a>" if cites else "</g>")
    out.append("</svg>")
    return "\n".join(out)


def _free_offset(taken: list, x: float, y: float, w: float, left: bool) -> float:
    """A vertical offset for a label whose box does not overlap those in `taken` (greedy)."""
    x0 = x - w if left else x
    for dy in (0, 12, -12, 24, -24, 36, -36):
        box = (x0, y + dy - 9, x0 + w, y + dy + 4)
        if not any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken
        ):
            break
    taken.append(box)
    return dy

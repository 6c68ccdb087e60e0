"""Inline SVG charts of estimate series: pure functions, deterministic text output.

Contract: `estimate_chart(measure, points, numbers)` returns one `<svg class="chart"
data-measure="...">` element. x is the publication date (dated points on a time scale; undated
points in a separate "date unknown" band at the right, in the given order; all-undated series use
position), y the value from 0. Each point is a `<circle class="point">`; a low-high range is also
a vertical `<line class="range">`. Each point is labelled by its outlet and, when `numbers` maps
its claim id to a citation number n, links to `#cite-n`. No scripts, fonts or external files.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Protocol

from sitroom.report.cite import num

W, H = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 16, 40


class PointLike(Protocol):
    claim_id: str
    source: str | None
    published_at: str | None
    low: float
    high: float


def parse_day(value: str | None) -> date | None:
    """'2025-07-03...' / '2025-07' / '2025' -> a date (first day of the period); else None."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 covering `top` (steps of 1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 5, 10) if s * mag >= raw)
    n = math.ceil(top / step)
    return [i * step for i in range(n + 1)]


def x_positions(points: Sequence[PointLike], x0: float, x1: float) -> tuple[list[float], str]:
    """x pixel of each point and the axis caption."""
    days = [parse_day(p.published_at) for p in points]
    dated = [d.toordinal() for d in days if d]
    undated = [i for i, d in enumerate(days) if d is None]
    if not dated:
        step = (x1 - x0) / (len(points) + 1)
        return [
            x0 + step * (i + 1) for i in range(len(points))
        ], "position in series (publication dates unknown)"
    band = (x1 - x0) * 0.22 if undated else 0.0
    t0, t1, right = min(dated), max(dated), x1 - band
    xs: list[float] = []
    for i, d in enumerate(days):
        if d is None:
            k = undated.index(i)
            xs.append(right + band * (k + 1) / (len(undated) + 1))
        elif t1 == t0:
            xs.append((x0 + right) / 2)
        else:
            xs.append(x0 + 16 + (right - x0 - 56) * (d.toordinal() - t0) / (t1 - t0))
    return xs, "publication date"


def estimate_chart(
    measure: str,
    points: Sequence[PointLike],
    numbers: Mapping[str, int],
    width: int = W,
    height: int = H,
) -> str:
    """One estimate series as an inline SVG chart (see module contract)."""
    x0, x1, y0, y1 = LEFT, width - RIGHT, height - BOTTOM, TOP
    ticks = nice_ticks(max([p.high if p.high is not None else p.low for p in points] + [0]))
    top = ticks[-1] or 1.0

    def y(v: float) -> float:
        return y0 - (y0 - y1) * v / top

    out = [
        f'<svg class="chart" data-measure="{escape(measure)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(measure)}">',
        f"<title>{escape(measure)}</title>",
        f'<rect class="frame" x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}"/>',
    ]
    for t in ticks:
        out.append(
            f'<line class="grid" x1="{x0}" y1="{y(t):.1f}" x2="{x1}" y2="{y(t):.1f}"/>'
            f'<text class="tick" x="{x0 - 6}" y="{y(t) + 4:.1f}" text-anchor="end">'
            f"{num(t)}</text>"
        )
    xs, caption = x_positions(points, x0, x1)
    days = [parse_day(p.published_at) for p in points]
    if any(days) and not all(days):
        xb = x1 - (x1 - x0) * 0.22
        out.append(
            f'<line class="band" x1="{xb:.1f}" y1="{y1}" x2="{xb:.1f}" y2="{y0}"/>'
            f'<text class="tick" x="{(xb + x1) / 2:.1f}" y="{y1 + 12}" '
            f'text-anchor="middle">date unknown</text>'
        )
    last = -1e9
    for x, d in sorted((x, d) for x, d in zip(xs, days, strict=True) if d):
        if x - last >= 70:  # date labels that would overlap are left out
            last = x
            out.append(
                f'<text class="tick" x="{x:.1f}" y="{y0 + 14}" text-anchor="middle">'
                f"{d.isoformat()}</text>"
            )
    out.append(
        f'<text class="caption" x="{(x0 + x1) / 2:.1f}" y="{height - 6}" '
        f'text-anchor="middle">{caption}</text>'
    )
    for i, (p, x) in enumerate(zip(points, xs, strict=True)):
        hi = p.high if p.high is not None else p.low
        mid = (p.low + hi) / 2
        n = numbers.get(p.claim_id)
        label = f"{p.source or 'unknown outlet'}" + (f" [{n}]" if n else "")
        tip = f"{label}: {num(p.low) if p.low == hi else num(p.low) + '-' + num(hi)}"
        out.append(f'<a href="#cite-{n}">' if n else "<g>")
        out.append(f"<title>{escape(tip)}</title>")
        if hi != p.low:
            out.append(
                f'<line class="range" x1="{x:.1f}" y1="{y(p.low):.1f}" x2="{x:.1f}" '
                f'y2="{y(hi):.1f}"/>'
            )
            for v in (p.low, hi):  # whisker caps make short ranges visible
                out.append(
                    f'<line class="cap" x1="{x - 5:.1f}" y1="{y(v):.1f}" '
                    f'x2="{x + 5:.1f}" y2="{y(v):.1f}"/>'
                )
        out.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y(mid):.1f}" r="3.5" '
            f'data-claim="{escape(p.claim_id)}"/>'
        )
        out.append(
            f'<text class="label" x="{x + 8:.1f}" y="{y(mid) + 4 + (i % 2) * 11:.1f}">'
            f"{escape(label)}</text>"
        )
        out.append("</a>" if n else "</g>")
    out.append("</svg>")
    return "\n".join(out)

"""Polling: conditional GET, ingest of what is new, health, and the schedule of each feed.

Next poll: the feed's interval times (1 +- jitter) after a success; after n consecutive
failures, interval * 2**n (at most `max_backoff`), also jittered. One line is logged per poll.
"""

from __future__ import annotations

import random
import signal
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sitroom.errors import SitroomError
from sitroom.watch import state
from sitroom.watch.config import Feed, WatchConfig
from sitroom.watch.fetch import FetchRefused, SafeFetcher

SUFFIX = {"xml": ".xml", "rss": ".rss", "atom": ".atom", "html": ".html", "json": ".jsonl"}


@dataclass
class PollResult:
    feed: str
    status: str  # new | not_modified | unchanged | error
    documents: int = 0
    claims: int = 0
    doc_ids: tuple[str, ...] = ()
    detail: str = ""

    def line(self) -> str:
        if self.status == "error":
            return f"feed {self.feed}: error: {self.detail}"
        if self.status == "not_modified":
            return f"feed {self.feed}: not modified"
        return (
            f"feed {self.feed}: {self.detail}; {self.documents} new documents, {self.claims} claims"
        )


def _suffix(content_type: str, url: str) -> str:
    ctype = content_type.lower()
    for key, suffix in SUFFIX.items():
        if key in ctype:
            return suffix
    tail = Path(url.split("?")[0]).suffix.lower()
    return tail if tail in (".xml", ".rss", ".atom", ".html", ".htm") else ".xml"


class Watcher:
    """Polls the feeds of one FEEDS.toml into one store (the core object `room`)."""

    def __init__(
        self,
        room,  # noqa: ANN001 - sitroom.app.Sitroom
        config: WatchConfig,
        fetcher: SafeFetcher | None = None,
        log: Callable[[str], None] = print,
        rng: random.Random | None = None,
    ) -> None:
        self.room = room
        self.config = config
        self.fetcher = fetcher or SafeFetcher(config.limits)
        self.log = log
        self.rng = rng or random.Random()
        self.stop = threading.Event()

    def poll_due(self, now: datetime | None = None) -> list[PollResult]:
        """Poll every feed whose next poll is due; returns what each poll did."""
        now = now or datetime.now(UTC)
        results = []
        for feed in self.config.feeds:
            row = state.feed_row(self.room.store, feed)
            due = state.parse(row["next_due"])
            if due is None or due <= now:
                results.append(self.poll(feed, row, now))
        if self.config.alerts:
            from sitroom.watch.alerts import deliver_due, evaluate

            new_docs = [d for r in results for d in r.doc_ids]
            evaluate(self.room, self.config, new_docs, self.log)
            private = {r.name: r.allow_private for r in self.config.alerts}
            deliver_due(self.room.store, self.fetcher, self.log, private)
        return results

    def poll(self, feed: Feed, row: dict, now: datetime) -> PollResult:
        headers = {}
        if row.get("etag"):
            headers["If-None-Match"] = row["etag"]
        if row.get("last_modified"):
            headers["If-Modified-Since"] = row["last_modified"]
        try:
            if not self.fetcher.allowed(feed.url, feed.allow_private):
                raise FetchRefused("disallowed by robots.txt", subject=feed.url)
            resp = self.fetcher.get(feed.url, allow_private=feed.allow_private, headers=headers)
            result = self._handle(feed, resp)
        except SitroomError as exc:
            result = PollResult(feed.name, "error", detail=str(exc))
        self._record(feed, row, result, now)
        self.log(result.line())
        return result

    def _handle(self, feed: Feed, resp) -> PollResult:  # noqa: ANN001
        if resp.status == 304:
            return PollResult(feed.name, "not_modified")
        if resp.status != 200:
            raise FetchRefused(f"HTTP {resp.status}", subject=feed.url)
        self._validators = (resp.headers.get("etag"), resp.headers.get("last-modified"))
        suffix = _suffix(resp.headers.get("content-type", ""), resp.url)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{feed.id}{suffix}"
            path.write_bytes(resp.body)
            report = self.room.ingest([str(path)], source=feed.source)
        detail = f"HTTP 200, {len(resp.body):,} bytes"
        if report.failed:
            raise FetchRefused(f"unreadable: {report.failed[0][1]}", subject=feed.url)
        status = "new" if report.stored else "unchanged"
        return PollResult(
            feed.name, status, report.stored, report.claims, tuple(report.doc_ids), detail
        )

    def _record(self, feed: Feed, row: dict, result: PollResult, now: datetime) -> None:
        ok = result.status != "error"
        errors = 0 if ok else (row["errors"] or 0) + 1
        base = (
            feed.interval if ok else min(feed.interval * 2**errors, self.config.limits.max_backoff)
        )
        jitter = self.config.limits.jitter
        delay = base * (1 + self.rng.uniform(-jitter, jitter))
        values = {
            "last_poll": state.iso(now),
            "next_due": state.iso(now + timedelta(seconds=delay)),
            "errors": errors,
            "polls": (row["polls"] or 0) + 1,
            "last_error": None if ok else result.detail,
            "documents": (row["documents"] or 0) + result.documents,
            "claims": (row["claims"] or 0) + result.claims,
        }
        if ok:
            values["last_ok"] = state.iso(now)
        if result.status in ("not_modified", "unchanged"):
            values["unchanged"] = (row["unchanged"] or 0) + 1
        if result.status in ("new", "unchanged"):
            values["etag"], values["last_modified"] = self._validators
        state.save_feed(self.room.store, feed.id, **values)

    def run(self, max_polls: int | None = None) -> None:
        """Poll until stopped (SIGINT/SIGTERM, or `max_polls` rounds); sleeps between."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self.stop.set())
        rounds = 0
        while not self.stop.is_set():
            self.poll_due()
            rounds += 1
            if max_polls is not None and rounds >= max_polls:
                break
            self.stop.wait(self._sleep_for())
        self.log("watch: stopped")

    def _sleep_for(self) -> float:
        now = datetime.now(UTC)
        dues = [state.parse(r["next_due"]) for r in state.all_feeds(self.room.store)]
        dues = [d for d in dues if d is not None]
        if not dues:
            return 1.0
        return max(0.2, min(60.0, (min(dues) - now).total_seconds()))

"""FEEDS.toml: the feeds to poll, fetcher limits, and alert rules.

[watch]
user_agent = "sitroom/0.1 (+contact)"   # optional
max_bytes = 10_000_000                   # per response, after decompression
timeout = 20                             # seconds, connect and read
max_redirects = 5
jitter = 0.1                             # +-10% of the interval
max_backoff = 21600                      # seconds

[[feed]]
name = "VOA Africa"
url = "https://www.voanews.com/api/zym_o-vmmq"
interval = 900                           # seconds (default 900)
source = "Voice of America"              # outlet name for its documents (optional)
allow_private = false                    # true only for a feed on your own network

[[alert]]
name = "big change"
when = "figure_change"    # figure_change | new_disagreement | prediction_window | mention
threshold = 25            # percent, for figure_change
names = ["Kursk"]         # for mention: actors or places
deliver = "file:alerts.jsonl"   # or "command:notify-send" or "webhook:https://..."
expire_hours = 72
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import ConfigError
from sitroom.ids import slug

RULES = ("figure_change", "new_disagreement", "prediction_window", "mention")


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    interval: float = 900.0
    source: str | None = None
    allow_private: bool = False

    @property
    def id(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class AlertRule:
    name: str
    when: str
    deliver: str
    threshold: float = 25.0
    names: tuple[str, ...] = ()
    expire_hours: float = 72.0
    allow_private: bool = False  # a webhook on your own network


@dataclass(frozen=True)
class Limits:
    user_agent: str = "sitroom/0.1 (open-source conflict monitoring; feed poller)"
    max_bytes: int = 10_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    jitter: float = 0.1
    max_backoff: float = 6 * 3600.0


@dataclass
class WatchConfig:
    path: str
    limits: Limits
    feeds: list[Feed] = field(default_factory=list)
    alerts: list[AlertRule] = field(default_factory=list)


def load(path: str) -> WatchConfig:
    """Read FEEDS.toml. Raises ConfigError (naming the file) for anything malformed."""
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read feeds file: {exc.strerror}", subject=path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", subject=path) from exc
    try:
        limits = Limits(**raw.get("watch", {}))
        feeds = [_feed(f) for f in raw.get("feed", [])]
        alerts = [_rule(a) for a in raw.get("alert", [])]
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc), subject=path) from exc
    if not feeds:
        raise ConfigError("no [[feed]] entries", subject=path)
    dupes = {f.id for f in feeds if sum(g.id == f.id for g in feeds) > 1}
    if dupes:
        raise ConfigError(f"feed names must differ: {', '.join(sorted(dupes))}", subject=path)
    return WatchConfig(path, limits, feeds, alerts)


def _feed(raw: dict) -> Feed:
    feed = Feed(**raw)
    if not feed.url.lower().startswith(("http://", "https://")):
        raise ValueError(f"feed '{feed.name}': only http and https URLs are polled")
    if feed.interval < 1:
        raise ValueError(f"feed '{feed.name}': interval must be at least 1 second")
    return feed


def _rule(raw: dict) -> AlertRule:
    raw = {**raw, "names": tuple(raw.get("names", ()))}
    rule = AlertRule(**raw)
    if rule.when not in RULES:
        raise ValueError(f"alert '{rule.name}': 'when' must be one of {', '.join(RULES)}")
    if not rule.deliver.startswith(("file:", "command:", "webhook:")):
        raise ValueError(f"alert '{rule.name}': deliver is file:PATH, command:CMD or webhook:URL")
    return rule

"""Feeds that watch themselves: `sitroom watch FEEDS.toml`, `sitroom feeds`, alerts.

Contract:
- `config.load(path) -> WatchConfig`: feeds (name, url, interval, allow_private, source) and
  alert rules from a TOML file; a bad file is a ConfigError naming the file and the problem.
- `fetch.SafeFetcher`: GETs http(s) URLs that are safe to point at the open web: the host is
  resolved once and every address vetted (private, loopback, link-local, metadata, multicast
  and reserved refused unless the feed allows private addresses), the connection goes to the
  vetted address (no second lookup), redirects are re-vetted hop by hop, sizes, times, redirects
  and decompressed bytes are capped, robots.txt is honoured, and a clear User-Agent is sent.
  Refusals raise `FetchRefused` with a one-line reason, before any connection is made.
- `poller.Watcher`: polls due feeds with conditional GET (ETag / Last-Modified), ingests what
  is new, records each feed's health, and schedules the next poll (interval with jitter;
  exponential backoff after errors). `run()` loops until stopped; `poll_due()` polls once.
- `alerts`: rules evaluated after each poll put alerts in a stored outbox (each alert once, by
  a deterministic id); delivery to a JSONL file, a command or a webhook is retried with backoff
  until delivered or expired, never dropped silently.
"""

"""A fetcher that is safe to point at the open web (SSRF-hardened), on urllib3.

Why our own wrapper around urllib3: no well-kept client vets the resolved address and then
connects to exactly that address (so DNS rebinding can't swap it) while re-vetting each redirect
hop; urllib3 gives the pieces (a pool per address with `server_hostname` / `assert_hostname` for
TLS, streaming reads with decompression) and this module puts them together:

1. only http and https; 2. the host is resolved once (an injectable resolver, so tests never
need a real network) and EVERY address is vetted: private, loopback, link-local (cloud metadata
169.254.169.254 included), multicast, reserved, unspecified and other non-global addresses are
refused unless the caller allows private addresses; 3. the connection goes to the vetted
address, the Host header and TLS name stay the host's; 4. redirects are followed by hand, each
hop vetted again, at most `max_redirects` (a feed allowed to be private is allowed for its own
host only: a redirect to another host is vetted as if nothing were allowed); 5. a Content-Length
over the cap is refused unread, the body is streamed and decompressed bytes are counted (a gzip
bomb stops at the cap, and a decompression ratio over 100 with more than 1 MB out is refused);
6. connect and read timeouts, and a total deadline for slow drips; 7. robots.txt (RFC 9309: 4xx
means allowed, 5xx or unreachable means disallowed) via urllib.robotparser.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3

from sitroom.errors import InputError
from sitroom.watch.config import Limits

Resolver = Callable[[str, int], list[str]]
MAX_RATIO = 100  # decompressed / compressed bytes beyond which a body is a bomb
CHUNK = 64 * 1024


class FetchRefused(InputError):
    """A URL or response refused by the fetcher's rules (the message says which rule)."""


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    hops: list[str] = field(default_factory=list)


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(f"cannot resolve host: {exc.strerror}", subject=host) from exc
    return sorted({info[4][0] for info in infos})


def vet_address(ip: str, allow_private: bool) -> None:
    """Raise FetchRefused unless `ip` is a public (global) address or private ones are allowed."""
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if allow_private:
        return
    for label, bad in (
        ("loopback", addr.is_loopback),
        ("link-local (metadata)", addr.is_link_local),
        ("private", addr.is_private),
        ("multicast", addr.is_multicast),
        ("reserved", addr.is_reserved),
        ("unspecified", addr.is_unspecified),
        ("non-public", not addr.is_global),
    ):
        if bad:
            raise FetchRefused(f"refused: resolves to a {label} address {ip}", subject=ip)


class SafeFetcher:
    """GET/POST with the rules above. One instance per watcher (it caches robots.txt)."""

    def __init__(self, limits: Limits, resolver: Resolver | None = None) -> None:
        self.limits = limits
        self.resolver = resolver or system_resolver
        self._robots: dict[str, tuple[float, RobotFileParser | None]] = {}

    def get(
        self, url: str, *, allow_private: bool = False, headers: dict | None = None
    ) -> Response:
        return self.request("GET", url, allow_private=allow_private, headers=headers)

    def request(
        self,
        method: str,
        url: str,
        *,
        allow_private: bool = False,
        headers: dict | None = None,
        body: bytes | None = None,
    ) -> Response:
        deadline = time.monotonic() + 3 * self.limits.timeout
        hops: list[str] = []
        allowed_host = urlsplit(url).hostname if allow_private else None
        for _ in range(self.limits.max_redirects + 1):
            private_ok = allowed_host is not None and urlsplit(url).hostname == allowed_host
            resp = self._one(method, url, private_ok, headers or {}, body, deadline)
            location = resp.headers.get("location")
            if resp.status in (301, 302, 303, 307, 308) and location:
                hops.append(url)
                url = urljoin(url, location)
                if resp.status == 303:
                    method, body = "GET", None
                continue
            resp.hops = hops
            return resp
        raise FetchRefused(f"more than {self.limits.max_redirects} redirects", subject=url)

    def _one(self, method, url, allow_private, headers, body, deadline) -> Response:  # noqa: ANN001
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused("only http and https URLs are fetched", subject=url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        ips = self.resolver(host, port)
        if not ips:
            raise FetchRefused("host has no address", subject=host)
        for ip in ips:
            vet_address(ip, allow_private)
        pool = self._pool(parts.scheme, ips[0], port, host)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = port == (443 if parts.scheme == "https" else 80)
        sent = {
            "Host": host if default_port else f"{host}:{port}",
            "User-Agent": self.limits.user_agent,
            "Accept-Encoding": "gzip, deflate",
            **headers,
        }
        try:
            raw = pool.urlopen(
                method,
                path,
                headers=sent,
                body=body,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
            )
        except urllib3.exceptions.HTTPError as exc:
            raise FetchRefused(f"request failed: {type(exc).__name__}", subject=url) from exc
        try:
            return self._read(raw, url, deadline)
        finally:
            raw.release_conn()
            pool.close()

    def _pool(self, scheme: str, ip: str, port: int, host: str) -> urllib3.HTTPConnectionPool:
        timeout = urllib3.Timeout(connect=self.limits.timeout, read=self.limits.timeout)
        if scheme == "https":
            return urllib3.HTTPSConnectionPool(
                ip,
                port,
                timeout=timeout,
                maxsize=1,
                retries=False,
                server_hostname=host,
                assert_hostname=host,
                cert_reqs="CERT_REQUIRED",
            )
        return urllib3.HTTPConnectionPool(ip, port, timeout=timeout, maxsize=1, retries=False)

    def _read(self, raw, url: str, deadline: float) -> Response:  # noqa: ANN001
        headers = {k.lower(): v for k, v in raw.headers.items()}
        cap = self.limits.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchRefused(f"response of {int(declared):,} bytes is over {cap:,}", subject=url)
        out, size = [], 0
        try:
            while chunk := raw.read1(CHUNK, decode_content=True):  # returns what has arrived
                size += len(chunk)
                if size > cap:
                    raise FetchRefused(f"response over {cap:,} bytes", subject=url)
                wire = raw.tell() or 1
                if size > 1_000_000 and size / wire > MAX_RATIO:
                    raise FetchRefused("decompression bomb (ratio over 100)", subject=url)
                if time.monotonic() > deadline:
                    raise FetchRefused("response too slow (total deadline)", subject=url)
                out.append(chunk)
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchRefused(f"reading failed: {type(exc).__name__}", subject=url) from exc
        return Response(url, raw.status, headers, b"".join(out))

    # -- robots.txt ------------------------------------------------------------------------
    def allowed(self, url: str, allow_private: bool = False) -> bool:
        """Whether robots.txt lets our User-Agent fetch `url` (cached for an hour per site)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(site)
        if cached is None or time.monotonic() - cached[0] > 3600:
            cached = (time.monotonic(), self._robots_for(site, allow_private))
            self._robots[site] = cached
        parser = cached[1]
        return True if parser is None else parser.can_fetch(self.limits.user_agent, url)

    def _robots_for(self, site: str, allow_private: bool) -> RobotFileParser | None:
        parser = RobotFileParser()
        try:
            resp = self.get(site + "/robots.txt", allow_private=allow_private)
        except FetchRefused:
            parser.disallow_all = True  # unreachable: RFC 9309 says assume disallowed
            return parser
        if 400 <= resp.status < 500:
            return None  # no robots.txt: everything allowed
        if resp.status >= 500:
            parser.disallow_all = True
            return parser
        parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        return parser

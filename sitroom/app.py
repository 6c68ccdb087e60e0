"""`Sitroom`: the one core object behind the CLI, the Python API and the tests.

from sitroom import Sitroom
room = Sitroom(db="sitroom.db")
report = room.ingest(["corpus/demo"])
room.claims(kind="deployment", actor="North Korea")
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, BinaryIO

from sitroom import ids
from sitroom.config import Settings, load_settings
from sitroom.errors import ConfigError, NotFoundError
from sitroom.store.db import Store, now_iso

if TYPE_CHECKING:  # ingest modules load MinHash and readers: only when ingesting
    from sitroom.ingest.service import IngestReport
from sitroom.views import check_kind, claim_filters, claim_view, document_view

GRADES = ("A", "B", "C", "D", "E", "F")


class Sitroom:
    """A sitroom store with its pipeline. Every front door calls these methods."""

    def __init__(
        self, db: str | None = None, config: str | None = None, settings: Settings | None = None
    ) -> None:
        self.settings = settings or load_settings(config, db)
        self.store = Store(self.settings.db, self.settings.store.busy_timeout_s)

    @cached_property
    def pipeline(self):  # noqa: ANN201 - sitroom.nlp.pipeline.Pipeline
        from sitroom.nlp.pipeline import Pipeline

        return Pipeline(self.settings.nlp)

    # -- ingest ----------------------------------------------------------------------------
    def ingest(
        self,
        paths: list[str],
        *,
        published: str | None = None,
        source: str | None = None,
        stdin: BinaryIO | None = None,
        extract: bool | None = None,
        tick: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Read, store and extract the inputs. Bad inputs are recorded, never raised."""
        from sitroom.ingest.base import ReaderSettings
        from sitroom.ingest.paths import iter_inputs
        from sitroom.ingest.service import Ingester

        if published:
            _check_date(published)
        cfg = self.settings.ingest
        reader = ReaderSettings(max_bytes=cfg.max_bytes, max_text_chars=cfg.max_text_chars)
        items = iter_inputs(
            paths, reader, stdin=stdin, override_published=published, override_source=source
        )
        do_extract = self.settings.nlp.extract if extract is None else extract
        ingester = Ingester(self.store, self.settings, self.pipeline if do_extract else None)
        started = now_iso()
        report = ingester.run(items, tick)
        self.store.record_run(
            "r" + uuid.uuid4().hex[:16],  # a run is an event, not content: never reused
            "ingest",
            self.settings.resolved(),
            {"started_at": started, **report.as_dict()},
        )
        return report

    def reextract(
        self, mode: str = "missing", tick: Callable[[], None] | None = None
    ) -> IngestReport:
        """Extract stored documents again: 'missing' (pending or failed), 'stale' (also those
        made by another extractor version) or 'all' current documents."""
        from sitroom.ingest.completion import MODES, rows_to_extract
        from sitroom.ingest.service import Ingester
        from sitroom.nlp.pipeline import VERSION

        if mode not in MODES:
            raise ConfigError(f"mode must be one of {', '.join(MODES)}", subject=mode)
        ingester = Ingester(self.store, self.settings, self.pipeline)
        started = now_iso()
        report = ingester.reextract(rows_to_extract(self.store, mode, VERSION, tick))
        self.store.record_run(
            "r" + uuid.uuid4().hex[:16],
            "reextract",
            self.settings.resolved(),
            {"started_at": started, "mode": mode, **report.as_dict()},
        )
        return report

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        sources = {s["id"]: s for s in self.store.table_rows("sources")}
        return [document_view(d, sources) for d in self.store.list_documents()]

    def claims(
        self,
        *,
        kind: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        query: str | None = None,
        include_restatements: bool = False,
    ) -> list[dict]:
        """Claims of the current document versions, filtered; restatements left out unless asked."""
        for value, name in ((since, "--since"), (until, "--until")):
            if value:
                _check_date(value, name)
        kind = check_kind(kind)
        q = claim_filters(
            self.store.claims_query(),
            kind=kind,
            actor=actor,
            place=place,
            source=source,
            since=since,
            until=until,
            restatements=include_restatements,
        )
        rows = self.store.run_claims(q)
        if query:
            hits = self.store.search_claims(query)
            rows = [r for r in rows if r["id"] in hits]
        places = {p["id"]: p for p in self.store.table_rows("places")}
        sources = {s["id"]: s for s in self.store.table_rows("sources")}
        return _corrected([claim_view(r, places, sources) for r in rows], self.store)

    def show(self, item_id: str) -> dict:
        """A claim or document with its evidence and provenance."""
        if item_id.startswith("c"):
            from sitroom.listing import referenced

            claim = self.store.get_claim(item_id)
            doc = self.store.get_document(claim["doc_id"])
            with self.store.connect() as conn:  # only the place and outlet this claim names
                places, sources = referenced(
                    conn, [{"place_id": claim["place_id"], "doc_source_id": doc["source_id"]}]
                )
            view = claim_view(
                {
                    **claim,
                    "doc_title": doc["title"],
                    "doc_url": doc["url"],
                    "doc_published_at": doc["published_at"],
                    "doc_source_id": doc["source_id"],
                    "doc_copy_of": doc["copy_of"],
                },
                places,
                sources,
            )
            view["context"] = _context(doc["text"], claim["evidence_start"], claim["evidence_end"])
            _corrected([view], self.store)
            return {"type": "claim", **view}
        if item_id.startswith("d"):
            doc = self.store.get_document(item_id)
            sources = {s["id"]: s for s in self.store.table_rows("sources")}
            view = document_view(doc, sources)
            view["text"] = doc["text"]
            view["blocks"] = json.loads(doc["blocks"])
            view["claims"] = self.store.claim_ids_of(item_id)
            return {"type": "document", **view}
        from sitroom.picture.service import show_event

        if item_id.startswith("e"):
            return show_event(self, item_id)
        raise NotFoundError("no claim, document or event with this id", subject=item_id)

    def claims_page(self, *, limit: int = 50, offset: int = 0, **filters) -> dict:
        """One page of `claims` (filters as `claims`, `q` for `query`, plus `theatre`):
        {"items", "total", "limit", "offset"}; reads only what the page shows (sitroom.listing)."""
        from sitroom.listing import claims_page

        for name in ("since", "until"):
            if filters.get(name):
                _check_date(filters[name], name)
        filters["kind"] = check_kind(filters.get("kind"))
        page = claims_page(self.store, self.settings, limit=limit, offset=offset, **filters)
        _corrected(page["items"], self.store)
        return page

    def claim_places(self, *, limit: int = 300, **filters) -> list[dict]:
        """Places of the filtered claims (filters as `claims_page`) with claim counts."""
        from sitroom.listing import claim_places

        for name in ("since", "until"):
            if filters.get(name):
                _check_date(filters[name], name)
        filters["kind"] = check_kind(filters.get("kind"))
        return claim_places(self.store, self.settings, limit=limit, **filters)

    def documents_page(self, *, limit: int = 50, offset: int = 0, **filters) -> dict:
        """One page of documents (newest first; filters q, source, since, until)."""
        from sitroom.listing import documents_page

        return documents_page(self.store, limit=limit, offset=offset, **filters)

    def document_relations(self, doc_id: str) -> dict:
        """A document's copies (near-duplicates stored as copies of it) and versions (the
        chain of documents with its url that it supersedes or is superseded by)."""
        from sitroom.listing import document_relations

        return document_relations(self.store, doc_id)

    def stats(self) -> dict:
        counts = self.store.counts()
        docs = self.store.list_documents()
        by_status: dict[str, int] = {}
        for d in docs:
            by_status[d["status"]] = by_status.get(d["status"], 0) + 1
        feeds = {
            f["name"]: {k: f[k] for k in ("polls", "documents", "claims", "errors")}
            for f in self.feeds()
        }
        extra = {"feeds": feeds} if feeds else {}
        db = self.store.path  # a PostgreSQL URL is shown without its password
        return {**counts, "documents_by_status": by_status, **extra, "db": db}

    def failures(self) -> list[dict]:
        return self.store.list_failures()

    # -- sources and grades -------------------------------------------------------------------
    def sources(self) -> list[dict]:
        """Sources with their grades (an analyst's grade in force replaces the stored one,
        which is kept as `machine_reliability`)."""
        from sitroom.corrections.overlay import source_rows

        return source_rows(self.store, self.store.table_rows("sources"))

    def source(self, source_id: str) -> dict | None:
        """One source row by id (its slug), or None; grades as `sources`."""
        from sitroom.corrections.overlay import source_rows

        row = self.store.get_row("sources", source_id)
        return source_rows(self.store, [row])[0] if row else None

    def sources_by_id(self, source_ids: list[str]) -> dict[str, dict]:
        """The source rows of these ids (grades as `sources`), by id; unknown ids left out."""
        from sqlalchemy import select

        from sitroom.corrections.overlay import source_rows
        from sitroom.store import schema as S

        wanted = sorted(set(source_ids))
        with self.store.connect() as conn:
            rows = [
                dict(r._mapping)
                for r in conn.execute(select(S.sources).where(S.sources.c.id.in_(wanted)))
            ]
        return {r["id"]: r for r in source_rows(self.store, rows)}

    def grade_source(self, name: str, grade: str) -> dict:
        """Set a source's Admiralty reliability grade (A-F); creates the source if new.

        Outlets and origins share the registry: a name is first matched to a stored source,
        else resolved to its canonical origin ("the NIS", "Seoul's spy agency" -> one row)."""
        grade = grade.upper()
        if grade not in GRADES:
            raise ConfigError("grade must be one of A, B, C, D, E, F", subject=grade)
        if self.store.get_row("sources", ids.slug(name)) is None:
            from sitroom.nlp.attribution.origins import canonical_source

            name = canonical_source(name)
        sid = ids.slug(name)
        existing = self.store.get_row("sources", sid)
        with self.store.begin() as conn:
            self.store.upsert(
                conn,
                "sources",
                {
                    "id": sid,
                    "name": existing["name"] if existing else name,
                    "kind": existing["kind"] if existing else "origin",
                    "reliability": grade,
                    "graded_by": "user",
                },
            )
        return self.store.get_row("sources", sid)

    # -- cross-article picture (sitroom.picture) -----------------------------------------------
    def picture(
        self,
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
        as_of: str | None = None,
    ):  # noqa: ANN201
        """The cross-article Picture (events, estimates, contradictions, predictions...)."""
        from sitroom.picture.service import build_picture

        return build_picture(self, query=query, since=since, until=until, as_of=as_of)

    def events(
        self,
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
        as_of: str | None = None,
    ) -> list[dict]:
        from sitroom.picture.service import list_events

        return list_events(self, query=query, since=since, until=until, as_of=as_of)

    def estimates(
        self,
        measure: str | None = None,
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict]:
        from sitroom.picture.service import list_estimates

        return list_estimates(self, measure=measure, query=query, since=since, until=until)

    def contradictions(
        self, query: str | None = None, since: str | None = None, until: str | None = None
    ) -> list[dict]:
        from sitroom.picture.service import list_contradictions

        return list_contradictions(self, query=query, since=since, until=until)

    def predictions(
        self,
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
        as_of: str | None = None,
    ) -> list[dict]:
        from sitroom.picture.service import list_predictions

        return list_predictions(self, query=query, since=since, until=until, as_of=as_of)

    # -- stored measures (sitroom.picture.reconcile / measures; docs/picture.md) ------------------
    def measures(
        self,
        *,
        query: str | None = None,
        kind: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        theatre: str | None = None,
        since: str | None = None,
        until: str | None = None,
        scope: str | None = None,
        disputed: bool | None = None,
        order: str = "rank",
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Stored measures, best-ranked first, each with its current figure per origin."""
        from sitroom.picture.measures.read import list_measures

        for value, name in ((since, "since"), (until, "until")):
            if value:
                _check_date(value, name)
        if order not in ("rank", "recent", "name"):
            raise ConfigError("order must be rank, recent or name", subject=order)
        from sitroom.corrections.overlay import measure_rows

        rows = list_measures(
            self.store,
            query=query,
            kind=check_kind(kind),
            actor=actor,
            place=place,
            theatre=theatre,
            since=since,
            until=until,
            scope=scope,
            disputed=disputed,
            order=order,
            limit=limit,
            offset=offset,
        )
        return measure_rows(self.store, rows)

    def measure(self, measure_id: str) -> dict:
        """One measure: observations by as-of date, current figures, links, disagreements;
        analyst corrections applied (merges, splits, rejected claims, corrected figures,
        assessments). A measure merged into another names it in `merged_into`."""
        from sitroom.corrections.overlay import measure_detail, merged_into
        from sitroom.picture.measures.read import get_measure

        m = measure_detail(self.store, get_measure(self.store, measure_id), self._raw_measure)
        into = merged_into(self.store, measure_id)
        if into:
            m["merged_into"] = into
        return m

    def _raw_measure(self, measure_id: str) -> dict:
        from sitroom.picture.measures.read import get_measure

        return get_measure(self.store, measure_id)

    def observations(self, measure_ids: list[str]) -> dict[str, list[dict]]:
        """Observations of several measures at once (measure id -> by as-of date)."""
        from sitroom.picture.measures.read import observations_of

        return observations_of(self.store, list(measure_ids))

    def disagreements(
        self, *, measure_id: str | None = None, limit: int | None = 100, offset: int = 0, **filters
    ) -> list[dict]:
        """Stored disagreements between origins (both observations inline); filters as
        `measures` (query, kind, actor, place, theatre, since, until)."""
        from sitroom.picture.measures.read import list_disagreements

        if filters.get("kind"):
            filters["kind"] = check_kind(filters["kind"])
        return list_disagreements(
            self.store, measure_id=measure_id, limit=limit, offset=offset, **filters
        )

    def reconcile(self) -> dict:
        """Rebuild every stored measure from the current claims: {families, measures, seconds}."""
        from sitroom.picture.reconcile import rebuild

        return rebuild(self.store, self.settings)

    def ask(self, question: str) -> dict:
        """Answer a question from the stored measures and claims (sitroom.ask): {'answer',
        'found', 'rows', 'citations', 'parsed', 'resolved'}."""
        from sitroom.ask.answer import answer

        return answer(self, question)

    def brief_data(
        self,
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
        theatre: str | None = None,
        top: int = 20,
    ) -> dict:
        """The brief's sections as data, read from the stored measures (report.digest)."""
        from sitroom.report.digest import brief_data

        for value, name in ((since, "--since"), (until, "--until")):
            if value:
                _check_date(value, name)
        if top < 1:
            raise ConfigError("must be at least 1", subject=f"--top {top}")
        return brief_data(self, query=query, since=since, until=until, theatre=theatre, top=top)

    def brief(
        self,
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
        fmt: str = "md",
        theatre: str | None = None,
        top: int = 20,
    ) -> str:
        """The situation brief as Markdown ('md'), HTML ('html') or its JSON twin ('json')."""
        from sitroom.report.brief import FORMATS, render_brief

        if fmt not in FORMATS:
            render_brief({}, fmt)  # raises ConfigError naming the format
        return render_brief(self.brief_data(query, since, until, theatre, top), fmt)

    # -- analyst corrections (sitroom.corrections; applied when reading) ----------------------
    def correct(
        self,
        action: str,
        target: str,
        *,
        reason: str,
        field: str | None = None,
        value=None,  # noqa: ANN001
        likelihood: str | None = None,
        author: str | None = None,
    ) -> dict:
        """Store one correction: reject / correct FIELD / grade / merge / split / assess (see
        sitroom.corrections.statements). Author: given, else [web] user, else the login name."""
        from sitroom.corrections import statements

        return statements.add(
            self.store,
            action,
            target,
            reason=reason,
            field=field,
            value=value,
            likelihood=likelihood,
            author=author or self.user(),
        )

    def corrections(self, target: str | None = None, include_undone: bool = False) -> list[dict]:
        """Corrections, newest first (of one target if given; undone ones if asked)."""
        from sitroom.corrections import statements

        return statements.listing(self.store, target, include_undone)

    def correction(self, correction_id: str) -> dict:
        from sitroom.corrections import statements

        return statements.get(self.store, correction_id)

    def undo(self, correction_id: str, author: str | None = None) -> dict:
        """Undo a correction (kept, marked undone): the machine's value shows again."""
        from sitroom.corrections import statements

        return statements.undo(self.store, correction_id, author or self.user())

    def user(self) -> str:
        """Who this process acts as: [web] user, else the login name."""
        from sitroom.web.auth import login_name

        return self.settings.web.user or login_name()

    # -- feed monitoring (sitroom.watch) ------------------------------------------------------
    def watch(self, feeds_file: str, *, rounds: int | None = None, log=print, fetcher=None) -> list:  # noqa: ANN001
        """Poll the feeds of FEEDS.toml (all due ones per round) until stopped or `rounds` done;
        returns the last round's poll results. Raises ConfigError for a bad feeds file."""
        from sitroom.watch.config import load
        from sitroom.watch.poller import Watcher

        watcher = Watcher(self, load(feeds_file), fetcher=fetcher, log=log)
        if rounds == 1:
            return watcher.poll_due()
        watcher.run(max_polls=rounds)
        return []

    def feeds(self) -> list[dict]:
        """Watched feeds with their health: last poll and success, failures in a row, counts."""
        from sitroom.watch.state import all_feeds

        return all_feeds(self.store)

    # -- exports and imports (sitroom.export) ---------------------------------------------------
    def export(self, fmt: str, out: str = "-", *, events: bool = True, **filters) -> dict:
        """Write claims (and the picture, where the format carries it) in `fmt` to `out` (a file,
        a directory for multi-table formats, or '-'). Filters as `claims`. Returns counts."""
        from sitroom.export.scope import Scope
        from sitroom.export.service import export

        for name in ("since", "until"):
            if filters.get(name):
                _check_date(filters[name], f"--{name}")
        return export(self, fmt, out, Scope(**filters), events=events)

    def import_file(self, path: str, fmt: str) -> dict:
        """Import a sitroom JSONL export (round trip) or ACLED-style CSV rows. Returns counts and
        the lines skipped (file:line and why)."""
        from sitroom.export import importer

        if fmt == "jsonl":
            report = importer.import_jsonl(self.store, path)
        elif fmt == "acled":
            report = importer.import_acled(self.store, path)
        else:
            raise ConfigError("import reads jsonl or acled", subject=fmt)
        out = report.as_dict()
        if report.counts.get("claim"):
            out["reconciled"] = self.reconcile()  # measures are derived: rebuilt, not copied
        return out


def _corrected(views: list[dict], store: Store) -> list[dict]:
    from sitroom.corrections.overlay import claim_views

    return claim_views(store, views)


def _context(text: str, start: int, end: int, pad: int = 200) -> dict:
    return {
        "before": text[max(0, start - pad) : start],
        "evidence": text[start:end],
        "after": text[end : end + pad],
    }


def _check_date(value: str, name: str = "--published") -> None:
    """An ISO date or datetime, whole (no trailing text). A publication date must lie between
    1900 and tomorrow (a date in the future or unparseable is refused at the door)."""
    from datetime import date, datetime, timedelta

    raw = value.strip()
    try:
        day = (
            date.fromisoformat(raw)
            if len(raw) <= 10
            else datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        )
    except ValueError as exc:
        raise ConfigError("not an ISO date (YYYY-MM-DD)", subject=f"{name} {value}") from exc
    if name == "--published":
        latest = date.today() + timedelta(days=1)
        if not date(1900, 1, 1) <= day <= latest:
            raise ConfigError(
                f"a publication date must be between 1900-01-01 and {latest.isoformat()}",
                subject=f"{name} {value}",
            )

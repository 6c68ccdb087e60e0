"""`sitroom bench store`: the same work on SQLite and on PostgreSQL, timed.

Per back end, on fresh stores (a temporary SQLite file; a new database on the PostgreSQL
server given by --pg, else on a throwaway local server started from the installed binaries):

- ingest of the demo corpus without extraction (the store's own cost): documents per second,
  and the re-ingest that finds everything unchanged;
- ingest of the same corpus with extraction (claims, measures reconciled): documents per
  second (the NLP dominates; both back ends run the same extraction);
- read times, the median of --repeat runs: the ranked measures (top 50), the measures whose
  claims match a word (full text), a full-text claim search, the brief (Markdown) and an
  `ask` answer;
- `copy-store` from the SQLite store to a new PostgreSQL database: rows per second.

Numbers depend on the machine and its load; the command prints them, nothing is asserted.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from time import perf_counter

from sitroom.config import load_settings
from sitroom.eval.speed import DEFAULT_DEMO

QUESTION = "How many people were killed?"
WORD = "killed"


def _server_url(stack: ExitStack, pg: str | None) -> tuple[str, Callable[[], str]]:
    """A PostgreSQL URL factory: new databases on the given server, or on a local one."""
    if pg is None:
        from sitroom.store.pgserver import LocalServer

        server = stack.enter_context(LocalServer())
        return "local throwaway server", lambda: server.new_database("bench")
    import uuid

    import psycopg

    from sitroom.store.postgres import engine_url, shown

    base = engine_url(pg)
    conninfo = base.set(drivername="postgresql").render_as_string(hide_password=False)
    made: list[str] = []

    def new() -> str:
        name = f"sitroom_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return base.set(database=name).render_as_string(hide_password=False)

    def drop() -> None:  # the bench leaves nothing behind on the user's server
        with psycopg.connect(conninfo, autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    stack.callback(drop)
    return shown(pg), new


def _median_ms(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(max(1, repeat)):
        t0 = perf_counter()
        fn()
        times.append(perf_counter() - t0)
    return round(statistics.median(times) * 1000, 1)


def _ingest(db: str, corpus: Path, config: str | None, extract: bool) -> tuple:
    from sitroom.app import Sitroom

    room = Sitroom(settings=load_settings(config, db))
    if extract:
        room.pipeline.nlp  # noqa: B018 - load the model outside the timed part
    t0 = perf_counter()
    report = room.ingest([str(corpus)], extract=extract)
    seconds = perf_counter() - t0
    return room, report, seconds


def _reads(room, repeat: int) -> dict:  # noqa: ANN001
    return {
        "measures_top50_ms": _median_ms(lambda: room.measures(limit=50), repeat),
        "measures_query_ms": _median_ms(lambda: room.measures(query=WORD, limit=50), repeat),
        "claim_search_ms": _median_ms(lambda: room.store.search_claims(WORD), repeat),
        "brief_md_ms": _median_ms(lambda: room.brief(fmt="md"), repeat),
        "ask_ms": _median_ms(lambda: room.ask(QUESTION), repeat),
    }


def bench_store(pg: str | None, corpus: str | None, repeat: int, config: str | None) -> dict:
    from sitroom.store.copy import copy_store

    path = Path(corpus) if corpus else DEFAULT_DEMO
    out: dict = {"corpus": str(path), "repeat": repeat}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        server, new_pg = _server_url(stack, pg)
        out["postgresql_server"] = server
        stores = {
            "sqlite": lambda name: str(Path(tmp) / f"{name}.db"),
            "postgresql": lambda _name: new_pg(),
        }
        _ingest(str(Path(tmp) / "warm.db"), path, config, extract=False)  # imports, caches
        extracted = {}
        for backend, make in stores.items():
            row: dict = {}
            room, report, seconds = _ingest(make("plain"), path, config, extract=False)
            row["documents"] = report.stored
            row["ingest_docs_per_s"] = round(report.stored / seconds, 1)
            t0 = perf_counter()
            again = room.ingest([str(path)], extract=False)
            row["reingest_unchanged_s"] = round(perf_counter() - t0, 3)
            row["reingest_unchanged"] = again.unchanged
            room.store.close()
            room, report, seconds = _ingest(make("extracted"), path, config, extract=True)
            row["claims"] = report.claims
            row["extract_ingest_docs_per_s"] = round(report.stored / seconds, 2)
            row.update(_reads(room, repeat))
            extracted[backend] = room
            out[backend] = row
        source = extracted["sqlite"].settings.db
        for room in extracted.values():
            room.store.close()
        copied = copy_store(source, new_pg())
        rows = sum(t["written"] for t in copied["tables"].values())
        out["copy_sqlite_to_pg"] = {
            "rows": rows,
            "seconds": copied["seconds"],
            "rows_per_s": round(rows / copied["seconds"], 1) if copied["seconds"] else None,
        }
    return out


def print_table(result: dict) -> None:
    print(f"corpus: {result['corpus']}   PostgreSQL: {result['postgresql_server']}")
    keys = [k for k in result["sqlite"] if k in result["postgresql"]]
    print(f"{'':<26} {'sqlite':>12} {'postgresql':>12}")
    for key in keys:
        print(f"{key:<26} {result['sqlite'][key]!s:>12} {result['postgresql'][key]!s:>12}")
    c = result["copy_sqlite_to_pg"]
    print(f"copy-store sqlite -> postgresql: {c['rows']} rows in {c['seconds']} s "
          f"({c['rows_per_s']} rows/s)")  # fmt: skip

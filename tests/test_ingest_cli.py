"""`werkagenda ingest` end to end: the report, coverage, and bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import DEFAULT_SOURCE, IngestError, parse_source
from ingest.assemble import RowAssembler, Source
from ingest.textparse import TextParser, emit

WERKAGENDA = [sys.executable, "-m", "werkagenda"]
ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=ROOT):
    return subprocess.run(WERKAGENDA + list(args), capture_output=True, text=True, cwd=cwd, timeout=120)


def test_ingest_writes_jsonl_and_reports(tmp_path):
    out = tmp_path / "rows.jsonl"
    proc = run("ingest", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(parse_source().rows)
    assert {"id", "prioriteit", "doelstelling", "wat", "wie", "wanneer", "status", "voortgang",
            "voortgang_idem", "partijen", "source_lines"} <= set(rows[0])
    assert "Doelstelling 2.3:" in proc.stdout
    assert "Dekkingscontrole: geslaagd" in proc.stdout
    counts = [int(line.rsplit(":", 1)[1]) for line in proc.stdout.splitlines() if line.strip().startswith("Doelstelling")]
    assert sum(counts) == len(rows)


def _text_parse():
    parser = TextParser(DEFAULT_SOURCE.read_text(encoding="utf-8"))
    parser.parse()
    return parser


def _assemble(parser):
    asm = RowAssembler(Source({no: line for no, line in enumerate(parser.lines, start=1)}, "tekst"),
                       vocabulary=parser.vocab)
    emit(parser, asm)
    return asm.finish()


def test_coverage_detects_lost_text():
    parser = _text_parse()
    assert _assemble(parser).coverage.checked  # the real parse is complete
    victim = parser.rows[5].cells["status"].pop()
    with pytest.raises(IngestError, match="ontbreekt"):
        _assemble(parser)
    parser.rows[5].cells["status"].extend([victim, victim])
    with pytest.raises(IngestError, match="dubbel"):
        _assemble(parser)


def test_every_source_word_lands_in_exactly_one_cell():
    rows = parse_source().rows
    source_words = []
    for line in DEFAULT_SOURCE.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s or s.startswith(("Prioriteit ", "Doelstelling ")) or s.startswith("Wat? Wie?"):
            continue
        source_words.extend(s.split())
    cell_text = " ".join(getattr(r, c) for r in rows for c in ("wat", "wie", "wanneer", "status", "voortgang"))
    # Words cut at line ends are joined in cells, so compare characters, not words.
    assert sorted("".join(source_words).replace("-", "")) == sorted(cell_text.replace(" ", "").replace("-", ""))


BAD_INPUTS = {
    "leeg.txt": b"",
    "spaties.txt": b"   \n\n  ",
    "binair.dat": bytes(range(256)) * 8,
    "vreemd.txt": "Dit is een boodschappenlijst.\nMelk\nBrood\n".encode(),
    "latin1.txt": "Doelstelling 1.1\ncaf\xe9".encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_dutch_error_and_keeps_existing_rows(tmp_path, name):
    src = tmp_path / name
    src.write_bytes(BAD_INPUTS[name])
    out = tmp_path / "rows.jsonl"
    out.write_text("bestaande inhoud\n", encoding="utf-8")
    proc = run("ingest", str(src), "--out", str(out))
    assert proc.returncode == 1
    assert "Fout:" in proc.stderr and "Traceback" not in proc.stderr
    assert "niets geschreven" in proc.stderr
    assert out.read_text(encoding="utf-8") == "bestaande inhoud\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".rows")] == []


def test_missing_and_unreadable_paths(tmp_path):
    proc = run("ingest", str(tmp_path / "bestaat-niet.txt"))
    assert proc.returncode == 1 and "bestaat niet" in proc.stderr
    proc = run("ingest", str(tmp_path))
    assert proc.returncode == 1 and "is een map, geen bestand" in proc.stderr
    if os.geteuid() != 0:  # root reads anything; the permission case only means something for users
        locked = tmp_path / "geheim.txt"
        locked.write_text("x")
        locked.chmod(0)
        proc = run("ingest", str(locked))
        assert proc.returncode == 1 and "kan niet worden gelezen" in proc.stderr


def test_text_before_first_heading_is_rejected(tmp_path):
    src = tmp_path / "zonder.txt"
    src.write_text("Wat? Wie? Wanneer? Status zomer 2024 Voortgang?\n\nLosse tekst\n\nDoelstelling 1.1\nTekst\n", encoding="utf-8")
    with pytest.raises(IngestError):
        parse_source(src)


def test_cli_says_geslaagd_only_when_the_check_ran(monkeypatch, capsys):
    import argparse

    import ingest
    from werkagenda import cmd_ingest
    from ingest.assemble import Coverage

    real = parse_source()
    assert real.coverage.checked
    unchecked = ingest.ParseResult(rows=real.rows, warnings=[], source="x", coverage=Coverage(checked=False))
    monkeypatch.setattr(ingest, "parse_source", lambda source, **kw: unchecked)
    assert cmd_ingest(argparse.Namespace(source=None, out=None, periodes=None, rapport=None)) == 0
    out = capsys.readouterr().out
    assert "Dekkingscontrole: niet uitgevoerd" in out and "geslaagd" not in out


def test_cli_reports_a_failed_coverage_check_as_an_error(monkeypatch, tmp_path):
    """A parser that loses text makes the ingest fail with a Dutch message, nothing written."""
    out = tmp_path / "rows.jsonl"
    code = (
        "import sys, ingest.textparse as tp\n"
        "orig = tp.emit\n"
        "def lossy(parser, asm):\n"
        "    parser.rows[3].cells['voortgang'].clear()\n"
        "    orig(parser, asm)\n"
        "tp.emit = lossy\n"
        "from werkagenda import main\n"
        f"sys.exit(main(['ingest', '--out', {str(out)!r}]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "Dekkingscontrole mislukt" in proc.stderr and "ontbreekt" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()

"""Ingest limits and repeated input (issue 11): size, rows per doelstelling, 100+ actions,
the same report twice; each gives a Dutch message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ingest.assemble as assemble
from ingest import DEFAULT_SOURCE, IngestError, parse_source
from ingest.limits import MAX_TEXT_BYTES
from ingest.model import ActionRow

ROOT = Path(__file__).resolve().parent.parent
REPORT = DEFAULT_SOURCE.read_text(encoding="utf-8")


def synthetic_report(n: int, doel: str = "1.1") -> str:
    """A report with `n` actions in one doelstelling, laid out like the real text extraction
    (short wrapped lines, one blank line between cells)."""
    parts = [" Wat? Wie? Wanneer? Status zomer 2024 Voortgang?", "", f"Prioriteit {doel[0]}", f"Doelstelling {doel}"]
    for i in range(1, n + 1):
        parts += [
            f"We maken afspraken over onderwerp {i} ", "met de scholen in de regio.", "",
            "OCW, MBO ", "Raad", "", "2023", "",
            f"Voor onderwerp {i} is in de zomer ", "van 2024 een plan gemaakt.", "",
            f"In 2025 is onderwerp {i} uitgevoerd.", "",
        ]
    return "\n".join(parts)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "werkagenda", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_id_allows_100_and_more_but_keeps_two_digit_padding():
    base = dict(prioriteit=1, doelstelling="1.1", wat="x")
    assert ActionRow(id="1.1-04", **base).id == "1.1-04"
    assert ActionRow(id="1.1-100", **base).id == "1.1-100"
    for bad in ("1.1-4", "1.1-004", "1.1-0100", "1.1-x1"):
        with pytest.raises(ValueError):
            ActionRow(id=bad, **base)


def test_120_actions_in_one_doelstelling_parse(tmp_path):
    src = tmp_path / "groot.txt"
    src.write_text(synthetic_report(120), encoding="utf-8")
    result = parse_source(src)
    ids = [r.id for r in result.rows]
    assert len(ids) == 120 and ids[0] == "1.1-01" and ids[98] == "1.1-99" and ids[99] == "1.1-100"
    row = result.rows[104]
    assert row.id == "1.1-105"
    assert row.wat == "We maken afspraken over onderwerp 105 met de scholen in de regio."
    assert row.wie == "OCW, MBO Raad" and row.wanneer == "2023"
    assert row.status == "Voor onderwerp 105 is in de zomer van 2024 een plan gemaakt."
    assert row.voortgang == "In 2025 is onderwerp 105 uitgevoerd."
    assert result.coverage.checked


def test_120_actions_through_the_cli(tmp_path):
    src = tmp_path / "groot.txt"
    src.write_text(synthetic_report(120), encoding="utf-8")
    proc = run_cli("ingest", str(src), "--out", str(tmp_path / "rows.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert "Doelstelling 1.1: 120" in proc.stdout
    assert '"id": "1.1-120"' in (tmp_path / "rows.jsonl").read_text(encoding="utf-8")


def test_rows_per_doelstelling_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(assemble, "MAX_ROWS_PER_DOELSTELLING", 50)
    src = tmp_path / "te-veel.txt"
    src.write_text(synthetic_report(60), encoding="utf-8")
    with pytest.raises(IngestError, match=r"Doelstelling 1\.1 heeft meer dan 50 acties"):
        parse_source(src)


def test_oversized_source_is_refused_before_reading(tmp_path, monkeypatch):
    src = tmp_path / "enorm.txt"
    copies = MAX_TEXT_BYTES // len(REPORT.encode("utf-8")) + 1
    src.write_text(REPORT * copies, encoding="utf-8")
    read = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real_read_bytes(self))
    with pytest.raises(IngestError, match="te groot"):
        parse_source(src)
    assert read == []  # refused from its size alone, never read (let alone parsed)
    monkeypatch.undo()
    proc = run_cli("ingest", str(src))
    assert proc.returncode == 1
    assert "te groot" in proc.stderr and "Traceback" not in proc.stderr


def test_report_repeated_is_an_ingest_error(tmp_path):
    src = tmp_path / "dubbel.txt"
    src.write_text(REPORT + "\n\n\n\n" + REPORT, encoding="utf-8")
    with pytest.raises(IngestError, match=r"Doelstelling 1\.1 komt twee keer voor .*dubbel"):
        parse_source(src)
    proc = run_cli("ingest", str(src))
    assert proc.returncode == 1
    assert "twee keer" in proc.stderr and "Traceback" not in proc.stderr


def test_same_wat_twice_is_an_ingest_error(tmp_path):
    # One action pasted twice into its own doelstelling: no heading repeats, the Wat does.
    lines = synthetic_report(3).split("\n")
    block = lines[4:4 + 13]  # the first action's cells
    src = tmp_path / "dubbele-actie.txt"
    src.write_text("\n".join(lines + block), encoding="utf-8")
    with pytest.raises(IngestError, match=r"Dezelfde actie \(Wat\?\) staat meer dan eens .*1\.1-01 en 1\.1-04"):
        parse_source(src)


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_byte_order_mark_sources_parse_like_the_report(tmp_path, encoding, bom):
    src = tmp_path / f"bom-{encoding}.txt"
    src.write_bytes(bom + REPORT.encode(encoding))
    rows = parse_source(src).rows
    assert [r.model_dump(exclude={"source_lines"}) for r in rows] == \
        [r.model_dump(exclude={"source_lines"}) for r in parse_source().rows]

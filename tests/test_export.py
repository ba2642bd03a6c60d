"""Export of the action table (app/export.py): CSV and Excel files opened with Python's csv module
and openpyxl, the same selection as the "Alle acties" table, and `werkagenda export` end to end
(a real subprocess, the real report)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from _appserver import REPO

HEADERS = ["Actie", "Doelstelling", "Prioriteit", "Wat?", "Wie?", "Wanneer?", "Status zomer 2024",
           "Voortgang (2025)", "Partijen", "Stand"]


@pytest.fixture(scope="module")
def report():
    from index.stand import stands
    from ingest import load_rows

    rows = load_rows()
    return rows, stands(rows)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(path) -> list[list]:
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_csv_holds_every_row_with_all_columns_verbatim(report, tmp_path):
    from app.export import write_export

    rows, stands = report
    path = write_export(rows, stands, tmp_path / "acties.csv")
    table = read_csv(path.read_bytes())
    assert table[0] == HEADERS
    assert len(table) - 1 == len(rows) == 78
    by_id = {r.id: r for r in rows}
    guarded = 0
    for rec in table[1:]:
        row = by_id[rec[0]]
        expected = [row.doelstelling, str(row.prioriteit), row.wat, row.wie, row.wanneer, row.status,
                    row.voortgang, ", ".join(row.partijen), stands[row.id]]
        for got, want in zip(rec[1:], expected):
            # a cell starting like a formula gets the spreadsheet guard (an apostrophe), nothing else changes
            guarded += got != want
            assert got == want or (want[:1] in "=+-@" and got == "'" + want), (rec[0], got[:60])
    assert guarded <= 1  # today only the Voortgang of 3.1-03 ("-Studenten die …")
    assert "geïnformeerd" in path.read_bytes().decode("utf-8-sig")  # accents survive


def test_xlsx_opens_with_openpyxl_with_every_row(report, tmp_path):
    from app.export import write_export

    rows, stands = report
    path = write_export(rows, stands, tmp_path / "acties.xlsx")
    table = read_xlsx(path)
    assert table[0] == HEADERS
    assert len(table) - 1 == 78
    assert [r[0] for r in table[1:]] == [r.id for r in rows]
    bbl = next(r for r in table[1:] if r[0] == "2.3-01")
    assert "BBL offensief" in bbl[3] and bbl[9] == stands["2.3-01"] and bbl[2] == 2


def test_a_cell_that_looks_like_a_formula_stays_text(tmp_path):
    """A future report could hold '=HYPERLINK(…)' in a cell: Excel must show it, not run it."""
    from app.export import write_export
    from ingest import ActionRow
    from openpyxl import load_workbook

    evil = '=HYPERLINK("http://127.0.0.1:9/x","klik")'
    row = ActionRow(id="1.1-01", prioriteit=1, doelstelling="1.1", wat=evil, wie="+OCW", wanneer="@2025",
                    status="-", voortgang="Idem.", voortgang_idem=True, partijen=["OCW"])
    xlsx = write_export([row], {"1.1-01": "loopt"}, tmp_path / "a.xlsx")
    cell = load_workbook(xlsx).active["D2"]
    assert cell.value == evil and cell.data_type == "s"
    rec = read_csv(write_export([row], {"1.1-01": "loopt"}, tmp_path / "a.csv").read_bytes())[1]
    assert rec[3] == "'" + evil and rec[4] == "'+OCW" and rec[5] == "'@2025"


def test_selection_is_the_tables_selection(report):
    from app.export import select_rows
    from index.structured import Filters, filter_rows

    rows, stands = report
    job_loopt = select_rows(rows, stands, partij="job", stand="loopt")  # however the party is written
    assert job_loopt and all("JOB" in r.partijen and stands[r.id] == "loopt" for r in job_loopt)
    assert [r.id for r in select_rows(rows, stands, doelstelling="2,3")] == [r.id for r in rows if r.doelstelling == "2.3"]
    assert [r.id for r in select_rows(rows, stands, query="bbl offensief")] == ["2.3-01"]
    assert select_rows(rows, stands, prioriteit="Alle", doelstelling="Alle", partij="Alle", stand="Alle") == list(rows)
    # priority, doelstelling and party are the engine's own filter; only the stand is the table's label
    assert select_rows(rows, stands, prioriteit="2", partij="job") == filter_rows(rows, Filters(prioriteit=2, partij="JOB"))


def _export(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "werkagenda", "export", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_command_writes_csv_and_xlsx(tmp_path):
    res = _export("--format", "csv", "--out", str(tmp_path / "a.csv"))
    assert res.returncode == 0, res.stderr
    assert "78 van 78 acties" in res.stdout
    table = read_csv((tmp_path / "a.csv").read_bytes())
    assert table[0] == HEADERS and len(table) == 79
    res = _export("--format", "xlsx", "--out", str(tmp_path / "a.xlsx"))
    assert res.returncode == 0, res.stderr
    assert len(read_xlsx(tmp_path / "a.xlsx")) == 79


def test_command_filters_like_the_table(report, tmp_path):
    from app.export import select_rows

    rows, stands = report
    out = tmp_path / "job.xlsx"
    res = _export("--out", str(out), "--partij", "JOB", "--doelstelling", "1.1", "--stand", "loopt")
    assert res.returncode == 0, res.stderr
    got = [r[0] for r in read_xlsx(out)[1:]]
    assert got == [r.id for r in select_rows(rows, stands, partij="JOB", doelstelling="1.1", stand="loopt")]
    assert got and f"{len(got)} van 78 acties" in res.stdout


@pytest.mark.parametrize("args, message", [
    (["--stand", "klaar"], "Onbekende stand 'klaar'"),
    (["--doelstelling", "9.9"], "Onbekende doelstelling '9.9'"),
    (["--partij", "NASA"], "Onbekende partij 'NASA'"),
])
def test_command_explains_an_unknown_filter_in_dutch(tmp_path, args, message):
    res = _export("--out", str(tmp_path / "x.csv"), *args)
    assert res.returncode == 2
    assert message in res.stderr and "Kies uit" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "x.csv").exists()


def test_command_reports_an_unwritable_file_in_dutch(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    res = _export("--out", str(blocker / "a.csv"))  # a file where a directory should be
    assert res.returncode == 1 and res.stderr.startswith("Fout: kan ") and "Traceback" not in res.stderr
    res = _export("--out", str(tmp_path / "a.txt"))
    assert res.returncode == 2 and "--format" in res.stderr

"""The action table as a file: CSV or Excel, filtered the way the "Alle acties" tab filters.

    werkagenda export --format csv --out acties.csv [--partij JOB --doelstelling 1.1 --stand loopt]

    from app.export import select_rows, write_export
    rows = select_rows(rows, stands, partij="JOB")
    write_export(rows, stands, "acties.xlsx")

One selection function (`select_rows`) serves the web table, its download buttons and this
command, so a file always holds exactly the rows the table showed. Columns: the action id, its
doelstelling and prioriteit, the five cells of the report verbatim, the normalised parties and
the stand (index/stand.py). No gradio and no search index here: the command parses the report
(about 3 s with the imports) and needs no embedding model.

Why the choices below:
- CSV is UTF-8 with a byte-order mark and commas: Excel (also a Dutch one) reads the BOM as
  "this is UTF-8" and keeps the accents in "geïnformeerd"; Python reads it with
  encoding="utf-8-sig". Line breaks inside cells stay (quoted), as in the report.
- Excel files are written with openpyxl; every cell is stored as text, never as a formula, so a
  cell that starts with "=" (none do today) cannot run anything when the file is opened.
- A CSV cell that starts with "=", "+", "-" or "@" gets a leading apostrophe, the usual guard
  against formula injection when a CSV is opened in a spreadsheet (which would also show
  "#NAAM?" instead of the text). One cell of the report does: the Voortgang of 3.1-03 starts
  with a dash ("-Studenten die …"), so in the CSV it reads "'-Studenten die …". The Excel file
  needs no such change and holds every cell exactly.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence

def headers(rows: Sequence = ()) -> list[str]:
    """The columns; the two status columns carry the periods of the rows' report."""
    from ingest.model import DEFAULT_PERIODS

    per = rows[0].periods if rows else DEFAULT_PERIODS
    return ["Actie", "Doelstelling", "Prioriteit", "Wat?", "Wie?", "Wanneer?", per.status, per.voortgang,
            "Partijen", "Stand"]


HEADERS = headers()  # the shipped report's
FORMATS = ("csv", "xlsx")
ALLE = "Alle"
_FORMULA_START = ("=", "+", "-", "@")
# Control characters that the XML inside an .xlsx cannot hold (openpyxl refuses them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(ValueError):
    """A filter or output that cannot work; the message is Dutch."""


def _fold(text: str) -> str:
    # index.analyzer's fold, imported on use: it pulls in bm25s and scipy (~0.8 s), which
    # `werkagenda --help` (it registers this module's options) should not pay.
    from index.analyzer import fold

    return fold(text or "")


def _value(v: Any) -> str | None:
    """'Alle', '', None -> None (no filter); anything else stripped."""
    if v is None:
        return None
    v = str(v).strip()
    return None if not v or _fold(v) in ("alle", "all", "none") else v


def select_rows(rows: Sequence, stands: Mapping[str, str], *, prioriteit: Any = None, doelstelling: Any = None,
                partij: Any = None, stand: Any = None, query: str = "") -> list:
    """The rows the "Alle acties" table shows for these filters, in report order.

    prioriteit, doelstelling and partij are the engine's own filters (index.structured.filter_rows:
    partij matches however it is written, "job", "JOBmbo" -> JOB). stand is compared with each
    row's own stand (the label the table shows), so a row labelled "ongewijzigd sinds zomer 2024"
    never appears under "afgerond" (the engine's filter counts it as finished). query: every word
    must occur (accents and case ignored) in the row's id, doelstelling, cells or parties."""
    from index.structured import Filters, filter_rows

    prio = _value(prioriteit)
    if prio is not None and not prio.isdigit():
        return []  # a priority that is no number matches no row
    doel = _value(doelstelling)
    f = Filters(prioriteit=int(prio) if prio is not None else None,
                doelstelling=doel.replace(",", ".") if doel else None, partij=_value(partij))
    st = _value(stand)
    terms = _fold(query or "").split()
    out = []
    for r in filter_rows(rows, f):
        if st and stands.get(r.id, "") != st:
            continue
        if terms:
            hay = _fold(" ".join([r.id, f"doelstelling {r.doelstelling}", r.wat, r.wie, r.wanneer, r.status,
                                  r.voortgang, " ".join(r.partijen)]))
            if not all(t in hay for t in terms):
                continue
        out.append(r)
    return out


def records(rows: Sequence, stands: Mapping[str, str]) -> list[list[Any]]:
    """One list per row, in HEADERS order; the cells verbatim."""
    return [[r.id, r.doelstelling, r.prioriteit, r.wat, r.wie, r.wanneer, r.status, r.voortgang,
             ", ".join(r.partijen), stands.get(r.id, "")] for r in rows]


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows: Sequence, stands: Mapping[str, str]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers(rows))
    for rec in records(rows, stands):
        writer.writerow([_csv_safe(v) for v in rec])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Sequence, stands: Mapping[str, str], title: str = "Acties") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers(rows))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for rec in records(rows, stands):
        ws.append([_ILLEGAL_XML.sub(" ", v) if isinstance(v, str) else v for v in rec])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever the cell starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [9, 12, 10, 60, 30, 18, 60, 60, 30, 24]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_bytes(rows: Sequence, stands: Mapping[str, str], fmt: str) -> bytes:
    if fmt == "csv":
        return csv_bytes(rows, stands)
    if fmt == "xlsx":
        return xlsx_bytes(rows, stands)
    raise ExportError(f"Onbekend formaat '{fmt}'; kies csv of xlsx.")


def write_export(rows: Sequence, stands: Mapping[str, str], path: str | os.PathLike, fmt: str | None = None) -> Path:
    """Write atomically (a temp file renamed into place): a failure leaves an existing file alone."""
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    data = export_bytes(rows, stands, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def validate_filters(rows: Sequence, stands: Mapping[str, str], *, prioriteit: Any = None, doelstelling: Any = None,
                     partij: Any = None, stand: Any = None) -> None:
    """Raise ExportError (Dutch, with the valid choices) for a value that matches nothing the
    report has; an empty result of valid filters is not an error."""
    from index.stand import STANDS, is_stand

    st = _value(stand)
    if st and not is_stand(st):
        raise ExportError(f"Onbekende stand '{st}'. Kies uit: {', '.join(STANDS)}.")
    doel = _value(doelstelling)
    doels = sorted({r.doelstelling for r in rows})
    if doel and doel.replace(",", ".") not in doels:
        raise ExportError(f"Onbekende doelstelling '{doel}'. Kies uit: {', '.join(doels)}.")
    prio = _value(prioriteit)
    prios = sorted({str(r.prioriteit) for r in rows})
    if prio and prio not in prios:
        raise ExportError(f"Onbekende prioriteit '{prio}'. Kies uit: {', '.join(prios)}.")
    from index.structured import canonical_party

    party = _value(partij)
    known = sorted({p for r in rows for p in r.partijen}, key=_fold)
    if party and _fold(canonical_party(party, known)) not in {_fold(p) for p in known}:
        raise ExportError(f"Onbekende partij '{party}'. Kies uit: {', '.join(known)}.")


# ---------------------------------------------------------------- the command


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="csv of xlsx (standaard: af te leiden uit de extensie van --out)")
    p.add_argument("--out", required=True, help="het bestand om te schrijven, bijvoorbeeld acties.xlsx")
    p.add_argument("--partij", help="alleen acties met deze partij, bijvoorbeeld JOB")
    p.add_argument("--doelstelling", help="alleen deze doelstelling, bijvoorbeeld 1.1")
    p.add_argument("--prioriteit", help="alleen deze prioriteit: 1, 2 of 3")
    p.add_argument("--stand", help="alleen acties met deze stand, bijvoorbeeld 'loopt'")
    p.add_argument("--zoek", default="", help="alleen acties met al deze woorden")


def load_rows_and_stands():
    """The rows the app shows (the source in WERKAGENDA_SOURCE, else the shipped report) and
    their stands; no index and no embedding model needed."""
    from index.stand import stands as derive
    from ingest import load_rows

    source = os.environ.get("WERKAGENDA_SOURCE") or None
    rows = load_rows(source)
    return rows, derive(rows)


def cmd_export(args: argparse.Namespace) -> int:
    from ingest import IngestError

    fmt = args.format or Path(args.out).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        print(f"Fout: geef --format csv of --format xlsx (de extensie van '{args.out}' zegt het niet).",
              file=sys.stderr)
        return 2
    try:
        rows, stands = load_rows_and_stands()
    except IngestError as exc:
        print(f"Fout: de bron kan niet worden gelezen: {exc}", file=sys.stderr)
        return 1
    filters = dict(prioriteit=args.prioriteit, doelstelling=args.doelstelling, partij=args.partij, stand=args.stand)
    try:
        validate_filters(rows, stands, **filters)
    except ExportError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    chosen = select_rows(rows, stands, query=args.zoek, **filters)
    try:
        path = write_export(chosen, stands, args.out, fmt)
    except OSError as exc:
        print(f"Fout: kan '{args.out}' niet schrijven ({exc.strerror or exc}).", file=sys.stderr)
        return 1
    print(f"{len(chosen)} van {len(rows)} acties geschreven naar {path} ({fmt}).")
    return 0

"""Ingest: turn the Werkagenda progress report (text or PDF) into validated ActionRows.

Knows nothing about embeddings or answering.
"""

from __future__ import annotations

import os
from pathlib import Path

from .assemble import IngestError, ParseResult, idem_rest, is_idem
from .limits import MAX_PDF_BYTES, MAX_TEXT_BYTES, megabytes
from .periods import Periods
from .model import COLUMN_LABELS, COLUMNS, DOELSTELLINGEN, ActionRow, read_rows_jsonl, write_rows_jsonl

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "data" / "werkagenda-mbo-voortgang.txt"

__all__ = [
    "ActionRow", "COLUMNS", "COLUMN_LABELS", "DOELSTELLINGEN", "DEFAULT_SOURCE", "IngestError",
    "ParseResult", "Periods", "parse_source", "load_rows", "read_rows_jsonl", "write_rows_jsonl", "is_idem", "idem_rest",
]


def parse_source(path: str | os.PathLike | None = None, periods: Periods | None = None,
                 rapport: str | None = None) -> ParseResult:
    """Parse a source file (text or PDF). Raises IngestError with a Dutch message on bad input.

    Every row carries its report's key and period labels: read from the column headers unless
    `periods` is given (ingest/periods.py)."""
    return _parse(path).with_report(periods, rapport)


def _parse(path: str | os.PathLike | None) -> ParseResult:
    path = Path(path) if path is not None else DEFAULT_SOURCE
    if path.is_dir():
        raise IngestError(f"'{path}' is een map, geen bestand.")
    try:
        # Check the size before reading: a runaway source must fail fast, not after minutes.
        size = path.stat().st_size
        with open(path, "rb") as fh:
            is_pdf = fh.read(4) == b"%PDF"
        limit = MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES
        if size > limit:
            raise IngestError(
                f"Het bestand '{path}' is te groot ({megabytes(size)}; een {'PDF' if is_pdf else 'tekstbron'} "
                f"mag hoogstens {megabytes(limit)} zijn). Het rapport zelf is veel kleiner: "
                "controleer of dit het juiste bestand is."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"Het bestand '{path}' bestaat niet.") from None
    except PermissionError:
        raise IngestError(f"Het bestand '{path}' kan niet worden gelezen (geen leesrechten).") from None
    except OSError as exc:
        raise IngestError(f"Het bestand '{path}' kan niet worden gelezen (systeemfout {exc.errno}).") from None
    if not data.strip():
        raise IngestError(f"Het bestand '{path}' is leeg.")
    if data.startswith(b"%PDF"):
        from .pdfparse import parse_pdf

        return parse_pdf(path)
    # A byte order mark says how the text is encoded (editors on Windows write one).
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    if encoding == "utf-8-sig" and b"\x00" in data[:4096]:
        raise IngestError(f"'{path}' is geen tekstbestand of PDF (binaire inhoud).")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise IngestError(f"'{path}' is geen leesbare UTF-8-tekst.") from None
    from .textparse import parse_text

    return parse_text(text, source=str(path))


def load_rows(path: str | os.PathLike | None = None) -> list[ActionRow]:
    return parse_source(path).rows

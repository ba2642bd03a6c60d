"""Ingest: turn the Werkagenda progress report (text or PDF) into validated ActionRows.

Knows nothing about embeddings or answering.
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import COLUMN_LABELS, COLUMNS, DOELSTELLINGEN, ActionRow, read_rows_jsonl, write_rows_jsonl
from .rows import IngestError, ParseResult

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "data" / "werkagenda-mbo-voortgang.txt"

__all__ = [
    "ActionRow", "COLUMNS", "COLUMN_LABELS", "DOELSTELLINGEN", "DEFAULT_SOURCE", "IngestError",
    "ParseResult", "parse_source", "load_rows", "read_rows_jsonl", "write_rows_jsonl",
]


def parse_source(path: str | os.PathLike | None = None) -> ParseResult:
    """Parse a source file (text or PDF). Raises IngestError with a Dutch message on bad input."""
    path = Path(path) if path is not None else DEFAULT_SOURCE
    if path.is_dir():
        raise IngestError(f"'{path}' is een map, geen bestand.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"Het bestand '{path}' bestaat niet.") from None
    except OSError as exc:
        raise IngestError(f"Het bestand '{path}' kan niet worden gelezen ({exc.strerror}).") from None
    if not data.strip():
        raise IngestError(f"Het bestand '{path}' is leeg.")
    if data.startswith(b"%PDF"):
        from .pdfparse import parse_pdf

        return parse_pdf(path)
    if b"\x00" in data[:4096]:
        raise IngestError(f"'{path}' is geen tekstbestand of PDF (binaire inhoud).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise IngestError(f"'{path}' is geen leesbare UTF-8-tekst.") from None
    from .textparse import parse_text

    return parse_text(text, source=str(path))


def load_rows(path: str | os.PathLike | None = None) -> list[ActionRow]:
    return parse_source(path).rows

"""The one data type that flows from `ingest` to `index`, `app` and `eval`."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

from pydantic import AliasChoices, BaseModel, Field, field_validator

from .periods import Periods

OLD_STATUS_NAME = "status_2024"  # read and written beside "status" for one release
DOELSTELLINGEN = ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4")
COLUMNS = ("wat", "wie", "wanneer", "status", "voortgang")
# The shipped report's periods, as its headers give them ("Status zomer 2024", "Voortgang?" about
# 2025). Only a row without labels of its own (JSONL from before labels existed) falls back to them.
DEFAULT_PERIODS = Periods(status="Status zomer 2024", voortgang="Voortgang (2025)", derived=True)
DEFAULT_RAPPORT = DEFAULT_PERIODS.rapport
COLUMN_LABELS = {
    "wat": "Wat?",
    "wie": "Wie?",
    "wanneer": "Wanneer?",
    "status": DEFAULT_PERIODS.status,
    "voortgang": DEFAULT_PERIODS.voortgang,
}


class ActionRow(BaseModel):
    """One action of the Werkagenda table, with its five cells."""

    id: str = Field(description='doelstelling + position, zero-padded to 2 digits, e.g. "2.3-01" or "2.3-104"')
    prioriteit: int
    doelstelling: str
    wat: str
    wie: str = ""
    wanneer: str = ""
    # The earlier status column ("Status zomer 2024" in the shipped report). Called status_2024
    # until the periods came from the document; that name is still read, and written beside this
    # one by write_rows_jsonl, for one release.
    status: str = Field("", validation_alias=AliasChoices("status", "status_2024"))
    voortgang: str = ""
    voortgang_idem: bool = False
    # Which report the row is from, and that report's period labels (ingest/periods.py). The
    # defaults are the shipped report's, so rows written before these fields existed stay right.
    rapport: str = DEFAULT_RAPPORT
    status_label: str = DEFAULT_PERIODS.status
    voortgang_label: str = DEFAULT_PERIODS.voortgang
    partijen: list[str] = Field(default_factory=list)
    source_lines: list[int] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str) -> str:
        # Two digits below 100 keep existing ids ("1.2-04") stable; 100 and more just grow.
        if not re.fullmatch(r"[1-9]\.[1-9]-(?:\d{2}|[1-9]\d{2,})", v):
            raise ValueError(f"ongeldige rij-id: {v!r}")
        return v

    @field_validator("doelstelling")
    @classmethod
    def _check_doelstelling(cls, v: str) -> str:
        if not re.fullmatch(r"[1-9]\.[1-9]", v):
            raise ValueError(f"ongeldige doelstelling: {v!r}")
        return v

    def to_json(self) -> dict:
        """The row as written to JSON: its fields, and the old name of the status field as an alias."""
        data = self.model_dump()
        data[OLD_STATUS_NAME] = data["status"]
        return data

    def cell(self, column: str) -> str:
        return getattr(self, column)

    @property
    def periods(self) -> Periods:
        return Periods(status=self.status_label, voortgang=self.voortgang_label)

    def label(self, column: str) -> str:
        """The column's label in this row's report: the status columns carry its periods."""
        if column == "status":
            return self.status_label
        if column == "voortgang":
            return self.voortgang_label
        return COLUMN_LABELS[column]

    def text(self) -> str:
        """The whole row as labelled text: what retrieval and display work on."""
        parts = [f"Doelstelling {self.doelstelling} (prioriteit {self.prioriteit})"]
        for col in COLUMNS:
            value = self.cell(col)
            if value:
                parts.append(f"{self.label(col)} {value}")
        return "\n".join(parts)


def write_rows_jsonl(rows: Iterable[ActionRow], path: str | os.PathLike) -> None:
    """Write atomically: a failure leaves an existing file untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_rows_jsonl(path: str | os.PathLike) -> list[ActionRow]:
    with open(path, encoding="utf-8") as fh:
        return [ActionRow.model_validate_json(line) for line in fh if line.strip()]

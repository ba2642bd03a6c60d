"""Turn parsed cells into validated ActionRows: shared by the text and the PDF parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import COLUMNS, ActionRow
from .parties import normalise_parties


class IngestError(Exception):
    """Bad input. The message is Dutch and meant for the user."""


@dataclass
class RawRow:
    prioriteit: int
    doelstelling: str
    cells: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in COLUMNS})
    lines: set[int] = field(default_factory=set)

    def add(self, column: str, text: str, line_no: int | None = None) -> None:
        self.cells[column].append(text)
        if line_no is not None:
            self.lines.add(line_no)


@dataclass
class ParseResult:
    rows: list[ActionRow]
    warnings: list[str] = field(default_factory=list)
    source: str = ""

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.doelstelling] = out.get(row.doelstelling, 0) + 1
        return out

    def empty_cells(self) -> list[tuple[str, str]]:
        return [(r.id, c) for r in self.rows for c in COLUMNS if not r.cell(c)]


_IDEM = re.compile(r"^\s*idem\.?\s*$", re.IGNORECASE)
_IDEM_START = re.compile(r"^\s*idem\b", re.IGNORECASE)


def join_fragments(fragments: list[str]) -> str:
    """Join line fragments of one cell into running text.

    A fragment ending in a hyphen right after a letter continues the same word
    ("mbo-" + "scholen"); "mbo- " with a trailing space is a real hyphenated list
    ("vo-, mbo- en hbo- scholen") and keeps its space.
    """
    out = ""
    prev_raw = ""
    for frag in fragments:
        if not frag.strip():
            continue
        if not out:
            out, prev_raw = frag.strip(), frag
            continue
        raw = prev_raw.rstrip("\n")
        if raw.endswith("-") and re.search(r"\w-$", raw):
            out += frag.strip()
        else:
            out += " " + frag.strip()
        prev_raw = frag
    return re.sub(r"[ \t\u00a0]+", " ", out).strip()


def is_idem(voortgang: str) -> bool:
    """Voortgang says 'unchanged since zomer 2024' ("Idem.", possibly followed by more text)."""
    return bool(_IDEM_START.match(voortgang))


def finish_rows(raw_rows: list[RawRow], joiner=join_fragments) -> list[ActionRow]:
    """Number rows within their doelstelling and validate them."""
    rows: list[ActionRow] = []
    position: dict[str, int] = {}
    for raw in raw_rows:
        position[raw.doelstelling] = position.get(raw.doelstelling, 0) + 1
        values = {c: joiner(raw.cells[c]) for c in COLUMNS}
        rows.append(
            ActionRow(
                id=f"{raw.doelstelling}-{position[raw.doelstelling]:02d}",
                prioriteit=raw.prioriteit,
                doelstelling=raw.doelstelling,
                voortgang_idem=is_idem(values["voortgang"]),
                partijen=normalise_parties(values["wie"]),
                source_lines=sorted(raw.lines),
                **values,
            )
        )
    return rows

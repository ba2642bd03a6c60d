"""The one row assembler: both parsers (text and PDF) feed it the same events.

A parser finds where things are; this module decides what they become. The events:

* ``heading(kind, value, spans)``: "Prioriteit N" or "Doelstelling X.Y";
* ``header(spans)`` / ``skip(spans, text, reason)``: source text that is no cell content
  (the table's column header, a page number, text outside the table);
* ``start_row()``: a new action row begins in the current doelstelling;
* ``continue_row()``: what follows continues the last row (a row cut by a page break);
* ``fragment(column, Fragment)``: a piece of one cell with its source span(s).

``finish()`` then joins each cell's fragments (one joiner), detects "Idem" (one detector),
numbers the rows per doelstelling, validates them, and runs the coverage check: every
non-blank character of the source lies in exactly one fragment, heading, header or
explicitly skipped piece. A parser that loses or doubles text fails here, whatever its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Hashable, Iterable, Sequence

from pydantic import ValidationError

from .limits import MAX_ROWS, MAX_ROWS_PER_DOELSTELLING
from .model import COLUMN_LABELS, COLUMNS, DEFAULT_PERIODS, ActionRow
from .periods import Periods, from_headers
from .parties import normalise_parties


class IngestError(Exception):
    """Bad input. The message is Dutch and meant for the user."""


# --- "Idem": the one detector ----------------------------------------------------------------

_IDEM_START = re.compile(r"^\s*idem\b[.:;,]?\s*", re.IGNORECASE)


def is_idem(text: str) -> bool:
    """Voortgang says 'unchanged since zomer 2024' ("Idem.", possibly followed by more text)."""
    return bool(_IDEM_START.match(text or ""))


def idem_rest(text: str) -> str:
    """What a Voortgang cell adds after its leading "Idem." ("" if nothing); other text unchanged."""
    text = text or ""
    m = _IDEM_START.match(text)
    return text[m.end():].strip() if m else text


# --- fragments and their joining: the one joiner -----------------------------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of one source unit: a line of a text file (key = line number, 1-based) or a
    word of a PDF page (key = (page, word index)); character offsets within that unit."""

    key: Hashable
    start: int
    end: int


@dataclass
class Fragment:
    raw: str  # the source text, trailing spaces kept: they tell real spaces from hyphenation
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return self.raw.strip()


_CONJUNCTION = re.compile(r"^(?:en|of|tot|en/of|t/m)\b")
_WORD_PUNCT = ".,:;()‘’'\"“”"


def _glue(prev_raw: str, piece: str, column: str, vocabulary: set[str] | None) -> str:
    """What goes between the end of one line fragment and the next one's text."""
    raw = prev_raw.rstrip("\n")
    if raw.endswith("\u00ad"):
        return ""  # a soft hyphen: the word runs on, without a hyphen
    if re.search(r"\w-$", raw):
        # "mbo-" + "scholen" is one word; "reken-" + "en digitale" is a suspended compound,
        # and a trailing space after the hyphen ("mbo- " in a text source) says so too.
        return " " if _CONJUNCTION.match(piece) else ""
    if raw.endswith(" -"):
        # A hyphen of its own at the line end: after "en", "of" or a comma it starts the next
        # word of a list ("loopbaanoriëntatie, -" + "ontwikkeling en -begeleiding");
        # otherwise it is a dash between words ("kwaliteitsplan -" + "gekoppeld ... –").
        before = raw[:-2].rstrip().split()
        if before and (before[-1].endswith(",") or before[-1].lower() in ("en", "of")):
            return ""
        return " "
    if vocabulary is not None and column in ("wie", "wanneer") and raw and raw[-1].isalpha():
        # The narrow columns cut words without a hyphen ("Subsidieregel" + "ing"): the second
        # part is no word seen anywhere else in the document, and the first part is none
        # either (or the second is just a letter or two).
        head = piece.split()[0].strip(_WORD_PUNCT).lower()
        tail = raw.split()[-1].strip(_WORD_PUNCT).lower()
        if head and (tail + head in vocabulary
                     or head not in vocabulary and (tail not in vocabulary or len(head) <= 2)):
            return ""
    return " "


def join_fragments(fragments: Sequence[Fragment | str], column: str = "",
                   vocabulary: set[str] | None = None) -> str:
    """Join the line fragments of one cell into running text (the one joiner for text and PDF).

    `vocabulary` (words seen inside source lines) enables joining words that the narrow
    Wie/Wanneer columns cut without a hyphen; a PDF keeps its words whole and passes None.
    """
    out = ""
    prev: str | None = None
    for frag in fragments:
        raw = frag.raw if isinstance(frag, Fragment) else frag
        piece = raw.strip()
        if not piece:
            continue
        out = piece if prev is None else out + _glue(prev, piece, column, vocabulary) + piece
        prev = raw
    return re.sub(r"\s+", " ", out.replace("\u00ad", "")).strip()


def vocabulary_of(lines: Iterable[str]) -> set[str]:
    """Words seen inside a line (not at its start): evidence that a word exists on its own."""
    words: set[str] = set()
    for line in lines:
        for tok in line.split()[1:]:
            words.add(tok.strip(_WORD_PUNCT).lower())
    return words


# --- the source and the coverage check ----------------------------------------------------------


@dataclass
class Source:
    """What a parser read, as units of text: a text file's lines or a PDF's words."""

    units: dict[Hashable, str]
    kind: str  # "tekst" or "pdf"

    def where(self, key: Hashable) -> str:
        if isinstance(key, tuple):
            return f"pagina {key[0]}, woord {key[1] + 1}"
        return f"regel {key}"


@dataclass
class Skipped:
    where: str
    reason: str  # "kolomkop", "kop", "paginanummer", "buiten de tabel"
    text: str


@dataclass
class Coverage:
    """The outcome of the coverage check; `checked` is True only when it ran and passed."""

    checked: bool = False
    units: int = 0
    characters: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def outside_table(self) -> list[Skipped]:
        return [s for s in self.skipped if s.reason == "buiten de tabel"]


def check_coverage(source: Source, claims: list[tuple[str, Sequence[Span], str | None]]) -> int:
    """Every non-blank source character is claimed exactly once; every fragment's text is its
    spans' text. `claims`: (owner, spans, fragment raw text or None). Raises IngestError
    listing the first problems; returns the number of characters checked."""
    covered: dict[Hashable, list[int]] = {key: [0] * len(text) for key, text in source.units.items()}
    problems: list[str] = []
    for owner, spans, raw in claims:
        for s in spans:
            counts = covered.get(s.key)
            if counts is None or not 0 <= s.start <= s.end <= len(counts):
                problems.append(f"{owner}: verwijst naar tekst die niet in de bron staat ({s.key!r})")
                continue
            for k in range(s.start, s.end):
                counts[k] += 1
        if raw is not None:
            pieces = " ".join(source.units[s.key][s.start:s.end] for s in spans if s.key in source.units)
            if pieces.split() != raw.split():
                problems.append(f"{owner}: fragment {raw.strip()[:40]!r} is niet de brontekst")
    characters = 0
    for key, text in source.units.items():
        counts = covered[key]
        for k, ch in enumerate(text):
            if not ch.strip():
                continue
            characters += 1
            if counts[k] != 1:
                kind = "ontbreekt" if counts[k] == 0 else "dubbel"
                problems.append(f"{source.where(key)}, teken {k + 1}: tekst {kind} ({text.strip()[:40]!r})")
                break
    if problems:
        more = f" (en {len(problems) - 10} meer)" if len(problems) > 10 else ""
        raise IngestError("Dekkingscontrole mislukt: " + "; ".join(problems[:10]) + more)
    return characters


# --- the result ----------------------------------------------------------------------------------


@dataclass
class ParseResult:
    rows: list[ActionRow]
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    coverage: Coverage = field(default_factory=Coverage)
    periods: Periods | None = None  # from the column headers; None when the source had none

    def with_report(self, periods: Periods | None = None, rapport: str | None = None) -> "ParseResult":
        """The rows labelled with the report's periods and key: `periods` (from --periodes) beats
        the headers; without either the shipped report's labels stay."""
        chosen = periods or self.periods or DEFAULT_PERIODS
        key = rapport or chosen.rapport
        rows = [r.model_copy(update={"rapport": key, "status_label": chosen.status,
                                     "voortgang_label": chosen.voortgang}) for r in self.rows]
        return replace(self, rows=rows, periods=chosen)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.doelstelling] = out.get(row.doelstelling, 0) + 1
        return out

    def empty_cells(self) -> list[tuple[str, str]]:
        return [(r.id, c) for r in self.rows for c in COLUMNS if not r.cell(c)]


# --- the assembler -------------------------------------------------------------------------------


@dataclass
class _Row:
    prioriteit: int
    doelstelling: str
    cells: dict[str, list[Fragment]] = field(default_factory=lambda: {c: [] for c in COLUMNS})
    warnings: list[str] = field(default_factory=list)  # templates with {id} and {prev_id}


def row_id(doelstelling: str, position: int) -> str:
    """Two digits below 100, so existing ids ("1.2-04") stay stable; more digits from 100 on."""
    return f"{doelstelling}-{position:02d}"


class RowAssembler:
    def __init__(self, source: Source, name: str = "", vocabulary: set[str] | None = None):
        self.source = source
        self.name = name
        self.vocabulary = vocabulary
        self.rows: list[_Row] = []
        self.warnings: list[str] = []
        self.prioriteit: int | None = None
        self.doelstelling: str | None = None
        self._claims: list[tuple[str, Sequence[Span], str | None]] = []
        self._skipped: list[Skipped] = []
        self._seen_doelstellingen: dict[str, str] = {}  # doelstelling -> where its heading was
        self._per_doel: dict[str, int] = {}
        self._column_headers: tuple[str, str] | None = None

    # -- events

    def heading(self, kind: str, value: str, spans: Sequence[Span] = ()) -> None:
        where = self.source.where(spans[0].key) if spans else "?"
        if spans:
            self._claims.append(("kop", spans, None))
            self._skipped.append(Skipped(where, "kop", self._text_of(spans)))
        if kind == "prioriteit":
            self.prioriteit = int(value)
            self.doelstelling = None
            return
        major = int(value.split(".")[0])
        if self.prioriteit is not None and self.prioriteit != major:
            self.warnings.append(
                f"Doelstelling {value} ({where}) staat onder Prioriteit {self.prioriteit}; "
                f"prioriteit {major} aangenomen."
            )
        self.prioriteit = major
        if value == self.doelstelling:
            return  # the same heading again right away (repeated above a page): no new section
        if value in self._seen_doelstellingen:
            raise IngestError(
                f"Doelstelling {value} komt twee keer voor ({self._seen_doelstellingen[value]} en {where}): "
                "de bron bevat (een deel van) het rapport dubbel. Gebruik één exemplaar van het rapport."
            )
        self._seen_doelstellingen[value] = where
        self.doelstelling = value

    def header(self, spans: Sequence[Span]) -> None:
        self.skip(spans, reason="kolomkop")

    def column_headers(self, status: str, voortgang: str) -> None:
        """The texts of the two status columns' headers; the first header of the document counts."""
        if self._column_headers is None and (status.strip() or voortgang.strip()):
            self._column_headers = (status, voortgang)

    def skip(self, spans: Sequence[Span], reason: str, text: str | None = None) -> None:
        if not spans:
            return
        self._claims.append((reason, spans, None))
        self._skipped.append(Skipped(self.source.where(spans[0].key), reason,
                                     text if text is not None else self._text_of(spans)))

    def start_row(self) -> int:
        if self.doelstelling is None:
            raise IngestError("Tabeltekst gevonden vóór de eerste 'Doelstelling'-kop.")
        n = self._per_doel.get(self.doelstelling, 0) + 1
        if n > MAX_ROWS_PER_DOELSTELLING:
            raise IngestError(
                f"Doelstelling {self.doelstelling} heeft meer dan {MAX_ROWS_PER_DOELSTELLING} acties; "
                "dat is meer dan een voortgangsrapportage bevat. Controleer de bron."
            )
        if len(self.rows) >= MAX_ROWS:
            raise IngestError(
                f"De bron bevat meer dan {MAX_ROWS} acties; dat is meer dan een voortgangsrapportage "
                "bevat. Controleer de bron."
            )
        self._per_doel[self.doelstelling] = n
        self.rows.append(_Row(self.prioriteit or int(self.doelstelling[0]), self.doelstelling))
        return len(self.rows) - 1

    def continue_row(self) -> int:
        if not self.rows:
            return self.start_row()
        return len(self.rows) - 1

    def fragment(self, column: str, frag: Fragment, row: int | None = None) -> None:
        if not self.rows:
            self.start_row()
        target = self.rows[-1 if row is None else row]
        target.cells[column].append(frag)

    def row_warning(self, row: int, template: str) -> None:
        """A warning about a row, with "{id}" (and "{prev_id}") filled in once rows are numbered."""
        self.rows[row].warnings.append(template)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    # -- queries a parser may need while reading

    def cell_text(self, row: int, column: str) -> str:
        return join_fragments(self.rows[row].cells[column], column, self.vocabulary)

    # -- the end

    def finish(self) -> ParseResult:
        if not self.rows:
            raise IngestError("Geen enkele actie-rij gevonden in de bron.")
        rows = self._number()
        claims = list(self._claims)
        for row, raw in zip(rows, self.rows):
            for col in COLUMNS:
                for frag in raw.cells[col]:
                    claims.append((f"{row.id} {COLUMN_LABELS[col]}", frag.spans, frag.raw))
        characters = check_coverage(self.source, claims)
        self._check_duplicates(rows)
        warnings = list(self.warnings)
        for i, (row, raw) in enumerate(zip(rows, self.rows)):
            prev_id = rows[i - 1].id if i else ""
            warnings.extend(t.format(id=row.id, prev_id=prev_id) for t in raw.warnings)
            if not row.wie:
                warnings.append(f"Rij {row.id} heeft geen Wie.")
        for s in self._skipped:
            if s.reason == "buiten de tabel":
                short = s.text if len(s.text) <= 80 else s.text[:77] + "..."
                warnings.append(f"Tekst buiten de tabel overgeslagen ({s.where}): '{short}'")
        coverage = Coverage(checked=True, units=len(self.source.units), characters=characters,
                            skipped=list(self._skipped))
        periods = None
        if self._column_headers is not None:
            periods, period_warnings = from_headers(*self._column_headers)
            warnings.extend(period_warnings)
        return ParseResult(rows=rows, warnings=warnings, source=self.name, coverage=coverage, periods=periods)

    def _number(self) -> list[ActionRow]:
        out: list[ActionRow] = []
        position: dict[str, int] = {}
        for raw in self.rows:
            position[raw.doelstelling] = position.get(raw.doelstelling, 0) + 1
            values = {c: join_fragments(raw.cells[c], c, self.vocabulary) for c in COLUMNS}
            keys = sorted({s.key for c in COLUMNS for f in raw.cells[c] for s in f.spans}, key=str)
            lines = sorted({k[0] if isinstance(k, tuple) else k for k in keys})
            rid = row_id(raw.doelstelling, position[raw.doelstelling])
            try:
                out.append(ActionRow(
                    id=rid,
                    prioriteit=raw.prioriteit,
                    doelstelling=raw.doelstelling,
                    voortgang_idem=is_idem(values["voortgang"]),
                    partijen=normalise_parties(values["wie"]),
                    source_lines=lines,
                    **values,
                ))
            except ValidationError as exc:
                fields = ", ".join(str(e["loc"][0]) for e in exc.errors() if e.get("loc"))
                raise IngestError(f"Rij {rid} is ongeldig ({fields}); controleer de bron.") from None
        return out

    @staticmethod
    def _check_duplicates(rows: list[ActionRow]) -> None:
        """The same action twice means the report (or a part of it) was pasted in twice."""
        seen: dict[str, str] = {}
        doubles: list[str] = []
        for row in rows:
            key = re.sub(r"\W+", " ", row.wat.lower()).strip()
            if not key:
                continue
            if key in seen:
                doubles.append(f"{seen[key]} en {row.id}")
            else:
                seen[key] = row.id
        if doubles:
            more = f" (en {len(doubles) - 5} meer)" if len(doubles) > 5 else ""
            raise IngestError(
                "Dezelfde actie (Wat?) staat meer dan eens in de bron: rij " + "; ".join(doubles[:5]) + more
                + ". De bron bevat (een deel van) het rapport dubbel; gebruik één exemplaar."
            )

    def _text_of(self, spans: Sequence[Span]) -> str:
        return " ".join(self.source.units.get(s.key, "")[s.start:s.end].strip() for s in spans).strip()

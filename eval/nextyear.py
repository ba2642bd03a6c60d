"""Test data: a plausible next-year edition of the progress report, generated from the shipped one.

The shipped report ("Status zomer 2024" / "Voortgang?") is rolled forward one year, deterministically:

- the header "Status zomer 2024" becomes "Status zomer 2025" ("Voortgang?" stays);
- each action's new "Status zomer 2025" cell holds last year's latest statement: its Voortgang, or
  its summer-2024 status when the Voortgang was "Idem." (plus what followed the "Idem.") or empty;
- a fixed set of actions gets a new Voortgang sentence; all others get "Idem.";
- one action is dropped, one is added, one Wat is reworded and one action moves to another
  doelstelling.

Row ids are positions within a doelstelling, so a dropped, added or moved action shifts the ids
after it: `KnownChanges` records which old id became which new id, and what changed.

The text is laid out like the shipped text extraction (cells one after another, each wrapped to
its column's width, so that ingest/textparse.py tells the columns apart); the PDF is a reportlab
table like the ones tests/test_ingest_pdf.py builds.

    python -m eval.nextyear --out DIR   # DIR/rapport-2026.txt, DIR/rapport-2026.pdf, DIR/changes.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import ingest
from index.crosswalk import latest_statement  # the same rule the matching uses
from ingest import ActionRow
from ingest.fontmetrics import COLUMN_WIDTH, text_width
from ingest.textparse import TextParser

OLD_STATUS_LABEL = "Status zomer 2024"
NEW_STATUS_LABEL = "Status zomer 2025"
VOORTGANG_LABEL = "Voortgang?"
CELLS = ("wat", "wie", "wanneer", "status", "voortgang")
# What the PDF ingest takes for the end of a sentence (ingest/pdfparse.py, _SENTENCE_END).
_SENTENCE_END = re.compile(r"[.!?:;)\]'\"’”*]$")

# --- the changes (data, chosen by hand so the edition reads like a real one) ---------------------

# New Voortgang sentences for the actions whose status changes, by old row id.
NEW_VOORTGANG = {
    "1.1-04": "De evaluatie van de wet versterken positie mbo-studenten is in het voorjaar van 2026 "
              "verschenen. Het studentenfonds blijkt bij een minderheid van de studenten bekend; "
              "scholen nemen het fonds op in hun introductieprogramma.",
    "1.1-07": "In 2026 is een wetsvoorstel in consultatie gegaan dat opleidingsniveau als "
              "discriminatiegrond opneemt in de Algemene wet gelijke behandeling.",
    "1.2-01": "Het onderzoek van AEF is in 2026 afgerond. De aanbevelingen worden met de MBO Raad en "
              "de VNG uitgewerkt in een gezamenlijke aanpak mentaal welzijn.",
    "1.3-01": "In 2026 is de inzet van de middelen voor niveau 2 geëvalueerd. Scholen verantwoorden "
              "de inzet voortaan via het jaarverslag.",
    "1.5-02": "In 2026 zijn met de VNG bestuurlijke afspraken gemaakt over de aanpak "
              "basisvaardigheden voor volwassenen tot en met 2030.",
    "2.1-06": "Het onderzoek naar oriëntatieprogramma’s is in 2026 afgerond. De beleidsregel wordt "
              "op basis daarvan verlengd tot en met studiejaar 2027-2028.",
    "2.3-01": "In 2026 is het aandeel bbl-studenten licht gestegen. De vijf actielijnen van het "
              "bbl-offensief lopen door; de Kamer is in het voorjaar over de resultaten geïnformeerd.",
    "3.2-07": "In 2026 is de regeling voor de maatschappelijke diensttijd in het mbo geëvalueerd; "
              "het aantal deelnemende studenten is verdubbeld.",
    "3.3-06": "Het onderzoek naar personeelstekorten is in 2025 herhaald. De tekorten zijn het "
              "grootst in de techniek en de zorg; de resultaten zijn in 2026 met de Kamer gedeeld.",
    "3.4-10": "In 2026 is het keurmerk van Edu-V vastgesteld en zijn de eerste leveranciers "
              "gecertificeerd.",
}
DROPPED = "3.1-04"  # finished: the (corona)achterstanden are no separate action any more
MOVED = ("1.5-02", "3.1")  # laaggeletterdheid now sits with the basisvaardigheden
REWORDED = (
    "2.1-08",
    "Binnen het mbo blijft de aandacht voor kleinschalig vakmanschap en het belang ervan geborgd, "
    "doordat OCW de financiering van het Meld- en Expertisepunt Specialistisch Vakmanschap voortzet.",
)
# The new action is inserted in 2.2 before 2.2-02, so 2.2-02 becomes 2.2-03.
ADDED_BEFORE = "2.2-02"
ADDED = {
    "wat": "We ontwikkelen samen met studenten en leerbedrijven een landelijke gedragscode voor "
           "goed stagebegeleiderschap. Leerbedrijven die de gedragscode onderschrijven, krijgen "
           "ondersteuning bij het opleiden van hun praktijkopleiders.",
    "wie": "SBB, JOB, VNO-NCW / MKB-Nederland",
    "wanneer": "2025 – 2027",
    "status": "De gedragscode is in voorbereiding; een eerste versie is in het najaar van 2025 met "
              "studenten en leerbedrijven besproken.",
    "voortgang": "In 2026 is de gedragscode vastgesteld. Ruim 2.000 leerbedrijven hebben haar "
                 "inmiddels onderschreven.",
}


@dataclass
class NewRow:
    """One action of the generated edition: its place and its five cells."""

    prioriteit: int
    doelstelling: str
    wat: str
    wie: str
    wanneer: str
    status: str
    voortgang: str
    old_id: str | None = None  # None for the added action
    id: str = ""  # filled in once all rows are placed


@dataclass
class KnownChanges:
    """What the generator changed; ids of the old report map to ids of the new one.

    `id_map`: every kept action, old id -> new id (moved and reworded ones included).
    `status_changed`, `added`: new ids. `dropped`: old ids. `reworded`, `moved`: old id -> new id.
    """

    id_map: dict[str, str] = field(default_factory=dict)
    status_changed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    reworded: dict[str, str] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> "KnownChanges":
        return cls(**json.loads(text))


@dataclass
class NextYear:
    rows: list[NewRow]
    changes: KnownChanges
    text: str


def roll_forward(old_rows: list[ActionRow]) -> tuple[list[NewRow], KnownChanges]:
    """The next edition's rows and what changed. Raises ValueError if the source lacks a row the
    changes name (the generator is written for the shipped report)."""
    by_id = {r.id: r for r in old_rows}
    named = [*NEW_VOORTGANG, DROPPED, MOVED[0], REWORDED[0], ADDED_BEFORE]
    missing = [i for i in named if i not in by_id]
    if missing:
        raise ValueError(f"rows missing from the source report: {missing}")

    rows: list[NewRow] = []
    moved_row: NewRow | None = None
    for old in old_rows:
        if old.id == DROPPED:
            continue
        if old.id == ADDED_BEFORE:
            rows.append(NewRow(old.prioriteit, old.doelstelling, ADDED["wat"], ADDED["wie"], ADDED["wanneer"],
                               ADDED["status"], ADDED["voortgang"]))
        new = NewRow(
            prioriteit=old.prioriteit,
            doelstelling=old.doelstelling,
            wat=REWORDED[1] if old.id == REWORDED[0] else old.wat,
            wie=old.wie,
            wanneer=old.wanneer,
            status=latest_statement(old),
            voortgang=NEW_VOORTGANG.get(old.id, "Idem."),
            old_id=old.id,
        )
        if old.id == MOVED[0]:
            moved_row = new
            continue
        rows.append(new)
    # The moved action goes last in its new doelstelling.
    target = MOVED[1]
    last = max(i for i, r in enumerate(rows) if r.doelstelling == target)
    moved_row.doelstelling = target
    moved_row.prioriteit = int(target.split(".")[0])
    rows.insert(last + 1, moved_row)

    position: dict[str, int] = {}
    for r in rows:
        position[r.doelstelling] = position.get(r.doelstelling, 0) + 1
        r.id = f"{r.doelstelling}-{position[r.doelstelling]:02d}"

    new_of = {r.old_id: r.id for r in rows if r.old_id}
    changes = KnownChanges(
        id_map=new_of,
        status_changed=sorted(new_of[i] for i in NEW_VOORTGANG),
        dropped=[DROPPED],
        added=[r.id for r in rows if r.old_id is None],
        reworded={REWORDED[0]: new_of[REWORDED[0]]},
        moved={MOVED[0]: new_of[MOVED[0]]},
        headers={"status": NEW_STATUS_LABEL, "voortgang": VOORTGANG_LABEL},
    )
    return rows, changes


# --- text layout ----------------------------------------------------------------------------------

# Column widths (em, Helvetica) the cells are wrapped to: each a little inside the width the text
# parser expects (ingest/fontmetrics.py), so no line overshoots its column.
_WRAP = {
    "wat": COLUMN_WIDTH["wat"] - 0.3,
    "wie": COLUMN_WIDTH["wie"] - 0.2,
    "wanneer": COLUMN_WIDTH["wanneer"] - 0.2,
    "status": COLUMN_WIDTH["status"] - 0.3,
    "voortgang": COLUMN_WIDTH["voortgang"] - 0.3,
}


def wrap(text: str, width: float) -> list[str]:
    """Greedy line breaking at spaces (a long hyphenated word may break after its hyphen), as the
    report's typesetting did. Lines keep their trailing space: the parser reads it as a word
    boundary, and a line ending in a bare hyphen as a word running on."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if not cur or text_width(cand) <= width:
            cur = cand
            continue
        cut = 0
        for i, ch in enumerate(word[:-1]):
            if ch == "-" and i > 0 and word[i - 1].isalpha() and word[i + 1].isalpha() \
                    and text_width(f"{cur} {word[:i + 1]}") <= width:
                cut = i + 1
        if cut:
            lines.append(f"{cur} {word[:cut]}")
            cur = word[cut:]
        else:
            lines.append(cur + " ")
            cur = word
    if cur:
        lines.append(cur)
    return lines


def _source_lines(source_text: str) -> dict[tuple[str, str], list[str]]:
    """The shipped text's own lines of each row's Wat, Wie and Wanneer cell, by (old id, column):
    kept as they were where the cell is unchanged (the narrow columns cut some words without a
    hyphen, which only the original breaks reproduce)."""
    parser = TextParser(source_text)
    parsed = parser.parse()
    position: dict[str, int] = {}
    out: dict[tuple[str, str], list[str]] = {}
    for row in parsed:
        position[row.doelstelling] = position.get(row.doelstelling, 0) + 1
        rid = f"{row.doelstelling}-{position[row.doelstelling]:02d}"
        for col in ("wat", "wie", "wanneer"):
            frags = row.cells[col]
            # A trailing space is a word boundary, its absence a word running on: keep which.
            out[(rid, col)] = [f.raw.strip() + (" " if f.raw.endswith(" ") and i + 1 < len(frags) else "")
                               for i, f in enumerate(frags)]
    return out


def render_text(rows: list[NewRow], original: dict[tuple[str, str], list[str]] | None = None,
                status_label: str = NEW_STATUS_LABEL) -> str:
    """The edition as a text extraction: header, headings, and per row its cells one after the
    other, each wrapped to its column and followed by a blank line. `original`: the source's own
    lines of the unchanged cells, by (old id, column)."""
    original = original or {}
    out = [f" Wat? Wie? Wanneer? {status_label} {VOORTGANG_LABEL}", ""]
    prio = doel = None
    for r in rows:
        if r.prioriteit != prio:
            prio = r.prioriteit
            out.append(f"Prioriteit {prio}")
        if r.doelstelling != doel:
            doel = r.doelstelling
            out.append(f"Doelstelling {doel}")
        for col in CELLS:
            value = getattr(r, col)
            if not value:
                continue
            kept = original.get((r.old_id, col)) if r.old_id else None
            lines = kept if kept else wrap(value, _WRAP[col])
            out.extend(lines)
            out.append("")
    return "\n".join(out)


# --- PDF ------------------------------------------------------------------------------------------

# Points, landscape A4 (762 pt between the margins). Wie and Wanneer are wider than in
# tests/test_ingest_pdf.py: at 65 pt reportlab cut "wetgevingstraject" in two without a hyphen,
# which the PDF ingest (rightly) reads as two words. Wat is the widest: at 200 pt the Wat of
# 3.3-01 alone was 382 pt high, too high to share a page with the row after it (see below).
_PDF_COL_WIDTHS = [250, 90, 90, 165, 165]


# "hbo- scholen": a hyphen, a space and a word that is no conjunction (the source's own spelling).
_HYPHEN_SPACE = re.compile(r"(?<=\w-) (?!(?:en|of|tot)\b)")


def _pdf_markup(text: str) -> str:
    """A cell's text as reportlab markup. After "hbo- " the line must not break: the PDF ingest
    (rightly) reads a line ending in "hbo-" as a word running on, "hbo-scholen"."""
    return escape(_HYPHEN_SPACE.sub("\u00a0", text))


def render_pdf(rows: list[NewRow], path: str | os.PathLike, status_label: str = NEW_STATUS_LABEL) -> Path:
    """The edition as a PDF: one ruled table, headings as full-width rows, the header repeated on
    every page. Rows are not split across pages: a row cut between two sentences starts its rest
    with a capital on the next page, which the PDF ingest cannot tell from a new row (it warns);
    tests/test_ingest_pdf.py covers split rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # An embedded TrueType font (Bitstream Vera ships with reportlab): with the built-in Helvetica
    # the report's bullets "•" come back from pdfminer as "(cid:127)"; an embedded font carries
    # the map back to Unicode.
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    cell = ParagraphStyle("cel", fontName="Vera", fontSize=7, leading=8.5)
    head = ParagraphStyle("kop", fontName="VeraBd", fontSize=10, leading=13)
    data = [[Paragraph(escape(h), cell) for h in ("Wat?", "Wie?", "Wanneer?", status_label, VOORTGANG_LABEL)]]
    page_size = landscape(A4)
    room = page_size[1] - 80 - max(p.wrap(w - 12, 10_000)[1] for p, w in zip(data[0], _PDF_COL_WIDTHS)) - 12
    spans: list[int] = []
    keep: list[int] = []
    prev_wat: str | None = None
    prev_height = 0.0
    prio = doel = None
    for r in rows:
        if r.prioriteit != prio:
            prio = r.prioriteit
            spans.append(len(data))
            data.append([Paragraph(f"Prioriteit {prio}", head), "", "", "", ""])
        if r.doelstelling != doel:
            doel = r.doelstelling
            spans.append(len(data))
            data.append([Paragraph(f"Doelstelling {doel}", head), "", "", "", ""])
        cells = [Paragraph(_pdf_markup(getattr(r, c)), cell) for c in CELLS]
        height = max(p.wrap(w - 12, 10_000)[1] for p, w in zip(cells, _PDF_COL_WIDTHS)) + 6
        if prev_wat is not None and spans[-1:] != [len(data) - 1] and not _SENTENCE_END.search(prev_wat) \
                and prev_height + height < room:
            # A page that starts with this row would look to the PDF ingest like the rest of the
            # row before, whose Wat stops without a full stop (it warns): keep the two together
            # when they fit on one page below the repeated header.
            keep.append(len(data))
        prev_wat, prev_height = r.wat.strip(), height
        data.append(cells)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    style += [("SPAN", (0, i), (-1, i)) for i in spans]
    style += [("NOSPLIT", (0, i - 1), (-1, i)) for i in keep]
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=page_size, leftMargin=40, rightMargin=40,
                            topMargin=40, bottomMargin=40)
    doc.build([Table(data, colWidths=_PDF_COL_WIDTHS, repeatRows=1, style=TableStyle(style))])
    return path


# --- entry points -----------------------------------------------------------------------------------


def generate(source: str | os.PathLike | None = None) -> NextYear:
    """The next edition of the (shipped) text report: rows, known changes and text.

    The text is checked by parsing it back: a cell the parser reads differently from what was
    written is laid out the other way (the source's own lines <-> wrapped afresh) and the text
    rendered again. The narrow columns need this: the parser rejoins a word they cut without a
    hyphen only when the word occurs elsewhere in the text, and the roll-forward moves words."""
    from ingest.textparse import parse_text

    path = Path(source) if source is not None else ingest.DEFAULT_SOURCE
    old_rows = ingest.parse_source(path).rows  # first: its errors are the Dutch ones
    source_text = path.read_text(encoding="utf-8-sig")
    rows, changes = roll_forward(old_rows)
    old = {r.id: r for r in old_rows}
    kept_cells = {(r.old_id, c) for r in rows if r.old_id for c in ("wat", "wie", "wanneer")
                  if getattr(r, c) == old[r.old_id].cell(c)}
    original = {k: v for k, v in _source_lines(source_text).items() if k in kept_cells}
    for _ in range(3):
        text = render_text(rows, original)
        wrong = _misread(rows, parse_text(text).rows)
        if not wrong:
            return NextYear(rows=rows, changes=changes, text=text)
        for key in wrong:
            if key in original:
                original.pop(key)
            elif key in kept_cells:
                original[key] = _source_lines(source_text)[key]
    raise ValueError(f"generated text does not parse back as written: {sorted(wrong)}")


def _misread(rows: list[NewRow], parsed: list[ActionRow]) -> set[tuple[str | None, str]]:
    """(old id, column) of every cell the parser read other than written."""
    got = {r.id: r for r in parsed}
    fields = {"wat": "wat", "wie": "wie", "wanneer": "wanneer", "status": "status", "voortgang": "voortgang"}
    wrong = set()
    for r in rows:
        p = got.get(r.id)
        for col, f in fields.items():
            if p is None or p.cell(f) != " ".join(getattr(r, col).split()):
                wrong.add((r.old_id, col))
    return wrong


def write(out_dir: str | os.PathLike, source: str | os.PathLike | None = None) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ny = generate(source)
    paths = {"text": out / "rapport-2026.txt", "pdf": out / "rapport-2026.pdf", "changes": out / "changes.json"}
    paths["text"].write_text(ny.text, encoding="utf-8")
    render_pdf(ny.rows, paths["pdf"])
    paths["changes"].write_text(ny.changes.to_json() + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.nextyear",
                                 description="Genereer een testrapport van volgend jaar uit het meegeleverde rapport.")
    ap.add_argument("--out", required=True, help="map voor rapport-2026.txt, rapport-2026.pdf en changes.json")
    ap.add_argument("--bron", default=None, help="tekstbron van het huidige rapport (standaard: het meegeleverde)")
    args = ap.parse_args(argv)
    try:
        paths = write(args.out, args.bron)
    except (OSError, ValueError, ingest.IngestError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    for p in paths.values():
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

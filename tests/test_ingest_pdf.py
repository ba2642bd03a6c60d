"""PDF ingest: generated PDFs of the five-column Werkagenda table, read back by cell positions."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import ingest
from ingest.assemble import IngestError, join_fragments
from ingest.pdfparse import parse_pdf

STYLE = ParagraphStyle("cel", fontName="Helvetica", fontSize=8, leading=10)
HEAD_STYLE = ParagraphStyle("kop", fontName="Helvetica-Bold", fontSize=10, leading=13)
COL_WIDTHS = [210, 85, 65, 205, 205]
HEADER = ["Wat?", "Wie?", "Wanneer?", "Status zomer 2024", "Voortgang?"]
TITLE = "Voortgangsrapportage Werkagenda mbo"

# The split row's Wat: long enough to run over the page break; every clause is distinct and
# lowercase, so the continuation on page 2 starts with a lowercase letter and a lost or doubled
# clause shows.
LONG_WAT = (
    "Samen met de regio's werken we aan een sterke aansluiting op de arbeidsmarkt: "
    + " ".join(
        f"in regio {i} versterken scholen en bedrijven samen de aansluiting op de arbeidsmarkt;"
        for i in range(1, 21)
    )
    + " zo blijft het opleidingsaanbod actueel."
)
LONG_STATUS = " ".join(f"in regio {i} is een regionaal plan opgesteld en besproken." for i in range(1, 16))

# Each row: markup per column (what reportlab renders) and the expected parsed text.
# "<br/>" forces a line break at that point, to test the joining of line fragments.
ROWS = [
    {
        "id": "1.1-01", "prioriteit": 1, "doelstelling": "1.1",
        "wat": (
            "Het mbo vormt met het hbo en wo een brede waaier aan opleidingsmogelijkheden, ieder "
            "met eigen waarden en unieke kwaliteiten. Het gelijkwaardig positioneren van het mbo "
            "krijgt van de mbo-<br/>scholen voortdurend vanzelfsprekende bestuurlijke aandacht."
        ),
        "wat_expected": (
            "Het mbo vormt met het hbo en wo een brede waaier aan opleidingsmogelijkheden, ieder "
            "met eigen waarden en unieke kwaliteiten. Het gelijkwaardig positioneren van het mbo "
            "krijgt van de mbo-scholen voortdurend vanzelfsprekende bestuurlijke aandacht."
        ),
        "wie": "OCW, mbo-scholen, gemeenten, werkgevers, JOB.",
        "wanneer": "Doorlopend: 2023 – 2027",
        "status": (
            "Met de Kamerbrief over het vervolgonderwijs als waaier heeft OCW afstand genomen van "
            "het hoger-lager denken."
        ),
        "voortgang": "Idem.",
        "voortgang_idem": True,
        "partijen": ["OCW", "mbo-scholen", "gemeenten", "werkgevers", "JOB"],
    },
    {
        "id": "1.1-02", "prioriteit": 1, "doelstelling": "1.1",
        "wat": (
            "Concrete aandachtspunten voor een gelijkwaardige positie liggen o.a. bij "
            "studentenhuisvesting en bij het versterken van taal-, reken-<br/>en digitale "
            "vaardigheden."
        ),
        "wat_expected": (
            "Concrete aandachtspunten voor een gelijkwaardige positie liggen o.a. bij "
            "studentenhuisvesting en bij het versterken van taal-, reken- en digitale "
            "vaardigheden."
        ),
        "wie": "OCW, gemeenten",
        "wanneer": "",  # the empty cell
        "status": "Mogelijkheden om deel te nemen aan het studentenleven zijn vergroot.",
        "voortgang": "In 2025 is de JOB-monitor opnieuw uitgevoerd; de resultaten volgen in het najaar.",
        "voortgang_idem": False,
        "partijen": ["OCW", "gemeenten"],
    },
    {
        "id": "2.1-01", "prioriteit": 2, "doelstelling": "2.1",
        "wat": LONG_WAT,
        "wie": "MBO Raad, SBB, werkgevers",
        "wanneer": "2024 – 2025",
        "status": LONG_STATUS,
        "voortgang": "De Regionale Investeringsagenda's zijn in 2025 vastgesteld.",
        "voortgang_idem": False,
        "partijen": ["MBO Raad", "SBB", "werkgevers"],
    },
    {
        "id": "2.1-02", "prioriteit": 2, "doelstelling": "2.1",
        "wat": "OCW zorgt voor een wetsvoorstel dat de positie van studenten versterkt.",
        "wie": "OCW",
        "wanneer": "2025",
        "status": "Het wetsvoorstel is in voorbereiding.",
        "voortgang": "Idem. De Kamer is in het voorjaar van 2025 geïnformeerd.",
        "voortgang_idem": True,
        "partijen": ["OCW"],
    },
    {
        "id": "2.1-03", "prioriteit": 2, "doelstelling": "2.1",
        "wat": "Studenten krijgen een stem in de regionale overleggen.",
        "wie": "JOB, MBO Raad",
        "wanneer": "Vanaf 2024",
        "status": "",
        "voortgang": "JOB neemt deel aan drie regionale overleggen.",
        "voortgang_idem": False,
        "partijen": ["JOB", "MBO Raad"],
    },
]
CELL_KEYS = ("wat", "wie", "wanneer", "status", "voortgang")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expected(row: dict, col: str) -> str:
    return _norm(row.get(f"{col}_expected", row[col]))


def _cells(row: dict) -> list:
    return [Paragraph(row[c], STYLE) for c in CELL_KEYS]


def _header_row(style: ParagraphStyle = STYLE, header: list[str] = HEADER) -> list:
    return [Paragraph(h, style) for h in header]


def _decorate(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 9)
    canvas.drawString(40, doc.pagesize[1] - 25, TITLE)
    canvas.drawRightString(doc.pagesize[0] - 40, 20, f"{doc.page}")
    canvas.restoreState()


def _table_style(lines: str, spans: list[int]) -> TableStyle:
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if lines == "grid":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif lines == "hrules":
        cmds += [
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
        ]
    else:  # "none": rows are told apart by white space only
        cmds += [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    for r in spans:
        cmds.append(("SPAN", (0, r), (-1, r)))
    return TableStyle(cmds)


def build_pdf(
    path: Path,
    rows: list[dict] = ROWS,
    *,
    layout: str = "spanned",
    lines: str = "grid",
    col_widths: list[float] = COL_WIDTHS,
    header_style: ParagraphStyle = STYLE,
    titles: dict[str, str] | None = None,
    header: list[str] = HEADER,
) -> Path:
    """The report's table.

    layout "spanned": one table, the Prioriteit/Doelstelling headings are full-width rows.
    layout "paragraphs": the headings are text lines above one table per doelstelling.
    layout "incell": the headings are the first lines of the Wat cell of a doelstelling's first
    row ("Prioriteit 1" / "Doelstelling 1.1" / statement), as in the text of the real report.
    The header row repeats on every page (repeatRows=1) and a row that does not fit is split
    across the page break (splitInRow=1). `titles` adds a title to a heading ("Prioriteit 1").
    """
    titles = titles or {}

    def kop(text: str) -> str:
        return f"{text} – {titles[text]}" if text in titles else text

    doc = SimpleDocTemplate(
        str(path), pagesize=landscape(A4), leftMargin=40, rightMargin=40, topMargin=40, bottomMargin=40
    )
    story: list = [Paragraph("Bijlage: voortgang per actie", HEAD_STYLE), Spacer(1, 6)]
    prio = doel = None
    if layout == "incell":
        data = [_header_row(header_style, header)]
        for row in rows:
            lead = []
            if row["prioriteit"] != prio:
                prio = row["prioriteit"]
                lead.append(f"Prioriteit {prio}")
            if row["doelstelling"] != doel:
                doel = row["doelstelling"]
                lead.append(f"Doelstelling {doel}")
            cells = _cells(row)
            if lead:
                cells[0] = Paragraph("<br/>".join(lead + [row["wat"]]), STYLE)
            data.append(cells)
        story.append(
            Table(data, colWidths=col_widths, repeatRows=1, splitInRow=1, style=_table_style(lines, []))
        )
    elif layout == "spanned":
        data, spans = [_header_row(header_style, header)], []
        for row in rows:
            if row["prioriteit"] != prio:
                prio = row["prioriteit"]
                spans.append(len(data))
                data.append([Paragraph(kop(f"Prioriteit {prio}"), HEAD_STYLE), "", "", "", ""])
            if row["doelstelling"] != doel:
                doel = row["doelstelling"]
                spans.append(len(data))
                data.append([Paragraph(kop(f"Doelstelling {doel}"), HEAD_STYLE), "", "", "", ""])
            data.append(_cells(row))
        story.append(
            Table(data, colWidths=col_widths, repeatRows=1, splitInRow=1, style=_table_style(lines, spans))
        )
    else:
        groups: list[tuple[int, str, list[dict]]] = []
        for row in rows:
            if not groups or groups[-1][1] != row["doelstelling"]:
                groups.append((row["prioriteit"], row["doelstelling"], []))
            groups[-1][2].append(row)
        for p, d, members in groups:
            if p != prio:
                prio = p
                story.append(Paragraph(kop(f"Prioriteit {p}"), HEAD_STYLE))
            story.append(Paragraph(kop(f"Doelstelling {d}"), HEAD_STYLE))
            data = [_header_row(header_style, header)] + [_cells(r) for r in members]
            story.append(
                Table(data, colWidths=col_widths, repeatRows=1, splitInRow=1, style=_table_style(lines, []))
            )
            story.append(Spacer(1, 8))
    doc.build(story, onFirstPage=_decorate, onLaterPages=_decorate)
    return path


def _page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [_norm(p.extract_text() or "") for p in pdf.pages]


def _assert_rows(rows, expected=ROWS) -> None:
    assert [r.id for r in rows] == [e["id"] for e in expected]
    for got, exp in zip(rows, expected):
        assert got.prioriteit == exp["prioriteit"], got.id
        assert got.doelstelling == exp["doelstelling"], got.id
        for col in CELL_KEYS:
            assert _norm(got.cell(col)) == _expected(exp, col), (got.id, col)
        assert got.voortgang_idem is exp["voortgang_idem"], got.id
        assert got.partijen == exp["partijen"], got.id


LAYOUTS = [
    ("spanned", "grid"),
    ("paragraphs", "grid"),
    ("spanned", "hrules"),
    ("paragraphs", "none"),
    ("incell", "grid"),
]


@pytest.fixture(scope="module", params=LAYOUTS, ids=lambda p: f"{p[0]}-{p[1]}")
def report_pdf(request, tmp_path_factory) -> Path:
    layout, lines = request.param
    path = tmp_path_factory.mktemp("pdf") / f"werkagenda-{layout}-{lines}.pdf"
    return build_pdf(path, layout=layout, lines=lines)


def test_generated_pdf_has_the_split_row(report_pdf):
    """The fixture itself: two pages, the long row's Wat really runs over the page break."""
    pages = _page_texts(report_pdf)
    assert len(pages) == 2
    assert "in regio 1 versterken" in pages[0]
    assert "zo blijft het opleidingsaanbod actueel." in pages[1]
    assert pages[1].count("Wat?") >= 1  # the repeated header


def test_rows_field_by_field(report_pdf):
    result = parse_pdf(report_pdf)
    assert result.source == str(report_pdf)
    _assert_rows(result.rows)
    assert result.counts() == {"1.1": 2, "2.1": 3}
    assert ("1.1-02", "wanneer") in result.empty_cells()
    assert ("2.1-03", "status") in result.empty_cells()


def test_split_row_is_one_row_with_the_full_text(report_pdf):
    rows = {r.id: r for r in parse_pdf(report_pdf).rows}
    split = rows["2.1-01"]
    assert split.wat == _norm(LONG_WAT)
    assert split.status == _norm(LONG_STATUS)
    assert split.source_lines == [1, 2]  # page numbers
    for i in range(1, 21):  # every clause once: nothing lost or doubled at the break
        assert split.wat.count(f"in regio {i} versterken") == 1
    all_cells = " ".join(r.cell(c) for r in rows.values() for c in CELL_KEYS)
    for label in HEADER:  # the header repeated on every page is no content
        assert label not in all_cells


def test_warnings_name_text_outside_the_table(report_pdf):
    result = parse_pdf(report_pdf)
    outside = [w for w in result.warnings if "buiten de tabel" in w]
    assert any(TITLE in w for w in outside)
    assert not any(re.search(r"'\d+'", w) for w in outside)  # page numbers are not reported


def test_parse_source_dispatches_pdf(report_pdf):
    result = ingest.parse_source(report_pdf)
    _assert_rows(result.rows)


def test_centred_wrapped_header_without_vertical_rules(tmp_path):
    """Columns found from the white space between centred labels; "Status zomer" / "2024" wraps."""
    centred = ParagraphStyle("kop-midden", fontName="Helvetica-Bold", fontSize=10, leading=12, alignment=1)
    path = build_pdf(
        tmp_path / "midden.pdf", lines="hrules", col_widths=[230, 85, 60, 85, 270], header_style=centred
    )
    with pdfplumber.open(path) as pdf:
        assert not pdf.pages[0].vertical_edges
        assert "Status zomer" in pdf.pages[0].extract_text().replace("\n", " ")
        assert "Status zomer 2024" not in pdf.pages[0].extract_text()  # the label wraps
    result = parse_pdf(path)
    _assert_rows(result.rows)


@pytest.mark.parametrize("layout", ["spanned", "paragraphs"])
def test_headings_with_titles(tmp_path, layout):
    """A heading with a title that runs across the column boundaries is still one heading."""
    titles = {
        "Prioriteit 1": "Iedere student krijgt gelijke kansen op een goede start in het mbo en daarna",
        "Doelstelling 2.1": (  # wraps onto a second line
            "Het mbo, de regio en de arbeidsmarkt sluiten beter op elkaar aan, zodat iedere "
            "student na het diploma een passende baan vindt of kan doorleren in het hbo of "
            "elders"
        ),
    }
    path = build_pdf(tmp_path / f"titels-{layout}.pdf", layout=layout, titles=titles)
    result = parse_pdf(path)
    _assert_rows(result.rows)
    assert not any("Iedere student" in w for w in result.warnings)


def test_split_in_status_only_continues_the_row(tmp_path):
    """The page break falls in a later column: the continuation row has an empty Wat."""
    filler = [
        {
            "id": f"1.1-{i:02d}", "prioriteit": 1, "doelstelling": "1.1",
            "wat": f"Actie {i}: de scholen versterken de begeleiding van studenten.",
            "wie": "mbo-scholen", "wanneer": "2024", "status": "Loopt volgens plan.",
            "voortgang": "Idem.", "voortgang_idem": True, "partijen": ["mbo-scholen"],
        }
        for i in range(1, 3)
    ]
    long_status = " ".join(
        f"Onderdeel {i} van de aanpak is met de sociale partners besproken." for i in range(1, 60)
    )
    rows = filler + [
        {
            "id": "1.1-03", "prioriteit": 1, "doelstelling": "1.1",
            "wat": "OCW en de sociale partners maken afspraken over stages.",
            "wie": "OCW, sociale partners", "wanneer": "2023 – 2025",
            "status": long_status, "voortgang": "Idem.", "voortgang_idem": True,
            "partijen": ["OCW", "sociale partners"],
        },
        {
            "id": "1.1-04", "prioriteit": 1, "doelstelling": "1.1",
            "wat": "Een nieuwe actie na de lange rij.", "wie": "SBB", "wanneer": "2026",
            "status": "Nog niet gestart.", "voortgang": "Gestart in 2025.",
            "voortgang_idem": False, "partijen": ["SBB"],
        },
    ]
    path = build_pdf(tmp_path / "status-split.pdf", rows)
    pages = _page_texts(path)
    assert len(pages) == 2 and "Onderdeel 59 van de aanpak" in pages[1]
    result = parse_pdf(path)
    _assert_rows(result.rows, rows)
    assert result.rows[2].source_lines == [1, 2]


def _two_page_pdf(
    path: Path, continuation_wat: str, first_wat: str = "We maken afspraken over stages in de zorg"
) -> Path:
    """The page break built by hand: each page its own ruled table with the header row."""
    from reportlab.platypus import PageBreak

    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    first = {
        "wat": first_wat, "wie": "OCW, SBB",
        "wanneer": "2024", "status": "Overleg met de sectoren is gestart,", "voortgang": "",
    }
    rest = {"wat": continuation_wat, "wie": "", "wanneer": "", "status": "de eerste afspraken staan.",
            "voortgang": "Idem."}
    page1 = [_header_row(), [Paragraph("Prioriteit 3", HEAD_STYLE)] + [""] * 4,
             [Paragraph("Doelstelling 3.2", HEAD_STYLE)] + [""] * 4, _cells(first)]
    page2 = [_header_row(), _cells(rest)]
    doc.build([
        Table(page1, colWidths=COL_WIDTHS, style=_table_style("grid", [1, 2])),
        PageBreak(),
        Table(page2, colWidths=COL_WIDTHS, style=_table_style("grid", [])),
    ])
    return path


def test_explicit_page_break_lowercase_wat_continues_the_row(tmp_path):
    result = parse_pdf(_two_page_pdf(tmp_path / "twee.pdf", "en de techniek."))
    assert [r.id for r in result.rows] == ["3.2-01"]
    row = result.rows[0]
    assert row.prioriteit == 3
    assert row.wat == "We maken afspraken over stages in de zorg en de techniek."
    assert row.status == "Overleg met de sectoren is gestart, de eerste afspraken staan."
    assert row.voortgang == "Idem." and row.voortgang_idem
    assert row.source_lines == [1, 2]
    assert not [w for w in result.warnings if "controleer" in w]


def test_explicit_page_break_uppercase_wat_is_a_new_row_with_a_warning(tmp_path):
    """A Wat that starts with a capital after a finished sentence starts a new row; as this
    row has no Wie and no Wanneer, the doubt is reported."""
    result = parse_pdf(_two_page_pdf(
        tmp_path / "twee.pdf", "Ook in de techniek.", first_wat="We maken afspraken over stages."
    ))
    assert [r.id for r in result.rows] == ["3.2-01", "3.2-02"]
    assert result.rows[0].wat == "We maken afspraken over stages."
    assert result.rows[1].wat == "Ook in de techniek."
    assert any("3.2-02" in w and "3.2-01" in w and "controleer" in w for w in result.warnings)


def test_explicit_page_break_capitalised_continuation_mid_sentence(tmp_path):
    """"... met de" / "Werkagenda mbo ...": Wat stopped mid-sentence and the next page's row has
    no Wie and no Wanneer, so the capitalised Wat is read as the rest of the row (with a warning)."""
    result = parse_pdf(_two_page_pdf(
        tmp_path / "twee.pdf", "Werkagenda mbo.", first_wat="We maken afspraken over stages met de"
    ))
    assert [r.id for r in result.rows] == ["3.2-01"]
    assert result.rows[0].wat == "We maken afspraken over stages met de Werkagenda mbo."
    assert any("3.2-01" in w and "hoofdletter" in w for w in result.warnings)


def test_join_fragments_pdf_style():
    assert join_fragments(["van de mbo-", "scholen"]) == "van de mbo-scholen"
    assert join_fragments(["taal-, reken-", "en digitale"]) == "taal-, reken- en digitale"
    assert join_fragments(["vo-, mbo-", "of hbo-", "instellingen"]) == "vo-, mbo- of hbo-instellingen"
    assert join_fragments(["", "  Idem. ", ""]) == "Idem."
    assert join_fragments(["Subsidie\u00ad", "regeling start"]) == "Subsidieregeling start"


# --------------------------------------------------------------------------------------------
# bad input


def _plain_text_pdf(path: Path) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([
        Paragraph(
            "De Werkagenda mbo beschrijft wat OCW, de MBO Raad, JOB en SBB samen doen. Doelstelling "
            "1.1 gaat over gelijkwaardigheid; dit is gewone lopende tekst zonder tabel.",
            STYLE,
        )
    ])
    return path


@pytest.mark.parametrize("via", ["parse_pdf", "parse_source"])
def test_corrupt_pdf(tmp_path, via):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00\x13\xff onzin " * 200)
    reader = parse_pdf if via == "parse_pdf" else ingest.parse_source
    with pytest.raises(IngestError, match="beschadigd"):
        reader(path)


def test_truncated_pdf(tmp_path):
    good = build_pdf(tmp_path / "heel.pdf")
    path = tmp_path / "afgebroken.pdf"
    path.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(IngestError, match="beschadigd"):
        ingest.parse_source(path)


@pytest.mark.parametrize("via", ["parse_pdf", "parse_source"])
def test_pdf_without_table(tmp_path, via):
    path = _plain_text_pdf(tmp_path / "tekst.pdf")
    reader = parse_pdf if via == "parse_pdf" else ingest.parse_source
    with pytest.raises(IngestError, match="geen Werkagenda-tabel"):
        reader(path)


def test_pdf_without_any_text(tmp_path):
    path = tmp_path / "leeg.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Spacer(1, 20)])
    with pytest.raises(IngestError, match="geen leesbare tekst"):
        ingest.parse_source(path)


def test_table_without_doelstelling_heading(tmp_path):
    path = tmp_path / "zonder-kop.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    data = [_header_row()] + [_cells(r) for r in ROWS[:2]]
    doc.build([Table(data, colWidths=COL_WIDTHS, repeatRows=1, style=_table_style("grid", []))])
    with pytest.raises(IngestError, match="geen kopje 'Doelstelling"):
        ingest.parse_source(path)


# --------------------------------------------------------------------------------------------
# coverage: the PDF path runs the same check as the text path (issue 12)


def test_pdf_coverage_check_runs_and_lists_what_it_skipped(report_pdf):
    result = parse_pdf(report_pdf)
    cov = result.coverage
    assert cov.checked and cov.characters > 0
    reasons = {s.reason for s in cov.skipped}
    assert "kolomkop" in reasons and "kop" in reasons
    outside = [s.text for s in cov.outside_table()]
    assert outside.count(TITLE) == 2  # the running title, once per page
    assert set(outside) <= {TITLE, "Bijlage: voortgang per actie"}
    # every word of every page is claimed once: cells + skipped text give back the page's words
    with pdfplumber.open(report_pdf) as pdf:
        page_words = sorted(w["text"] for p in pdf.pages for w in p.extract_words())
    claimed = [w for s in cov.skipped for w in s.text.split()]
    claimed += [w for r in result.rows for c in CELL_KEYS for w in r.cell(c).split()]
    # joined cells can merge "mbo-" + "scholen"; compare characters, not words
    assert sorted("".join(page_words)) == sorted("".join(claimed))


def test_pdf_coverage_check_catches_a_lost_word(report_pdf, monkeypatch):
    import ingest.pdfparse as pdfparse

    real = pdfparse._band_events

    def lossy(words, cols, y):
        events, titles = real(words, cols, y)
        for ev in events:
            if ev.kind == "row" and ev.cells["status"]:
                ev.cells["status"][-1] = ev.cells["status"][-1][:-1]  # drop one word
                break
        return events, titles

    monkeypatch.setattr(pdfparse, "_band_events", lossy)
    with pytest.raises(IngestError, match="Dekkingscontrole mislukt: pagina 1, woord .* ontbreekt"):
        parse_pdf(report_pdf)


def test_pdf_coverage_check_catches_characters_in_no_word(report_pdf, monkeypatch):
    import ingest.pdfparse as pdfparse

    real = pdfparse._page_words

    def with_stray(page):
        words, stray = real(page)
        return words, stray + [{"text": "X"}]

    monkeypatch.setattr(pdfparse, "_page_words", with_stray)
    with pytest.raises(IngestError, match="Dekkingscontrole mislukt.*ontbreekt"):
        parse_pdf(report_pdf)


def test_cli_reports_coverage_for_a_pdf(report_pdf, tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "werkagenda", "ingest", str(report_pdf)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Dekkingscontrole: geslaagd" in proc.stdout
    assert re.search(r"Dekkingscontrole: geslaagd .*; [23] stuk\(ken\) tekst buiten de tabel overgeslagen", proc.stdout)
    assert "Tekst buiten de tabel overgeslagen" in proc.stdout


def test_repeated_report_pdf_is_an_ingest_error(tmp_path):
    path = build_pdf(tmp_path / "dubbel.pdf", rows=ROWS + ROWS)
    with pytest.raises(IngestError, match=r"Doelstelling 1\.1 komt twee keer voor \(pagina \d+, woord \d+ en pagina"):
        parse_pdf(path)


def test_pdf_page_limit(report_pdf, monkeypatch):
    import ingest.pdfparse as pdfparse

    monkeypatch.setattr(pdfparse, "MAX_PDF_PAGES", 1)
    with pytest.raises(IngestError, match="heeft 2 pagina's; hoogstens 1"):
        parse_pdf(report_pdf)


@pytest.mark.parametrize("status, voortgang, expected", [
    ("Status zomer 2024", "Voortgang?", ("Status zomer 2024", "Voortgang (2025)")),  # the shipped report's
    ("Status zomer 2025", "Voortgang?", ("Status zomer 2025", "Voortgang (2026)")),
    ("Status (zomer 2025)", "Voortgang (2026)", ("Status zomer 2025", "Voortgang (2026)")),
    ("Status najaar 2026", "Voortgang 2027?", ("Status najaar 2026", "Voortgang (2027)")),
])
def test_period_labels_come_from_the_pdf_headers(tmp_path, status, voortgang, expected):
    """Next year's headers give next year's labels, also when the label wraps over two lines."""
    centred = ParagraphStyle("kop-midden", fontName="Helvetica-Bold", fontSize=10, leading=12, alignment=1)
    path = build_pdf(tmp_path / "kop.pdf", lines="hrules", col_widths=[230, 85, 60, 85, 270],
                     header_style=centred, header=["Wat?", "Wie?", "Wanneer?", status, voortgang])
    result = ingest.parse_source(path)
    _assert_rows(result.rows)
    assert (result.periods.status, result.periods.voortgang) == expected
    assert {(r.status_label, r.voortgang_label, r.rapport) for r in result.rows} == {(*expected, expected[1][-5:-1])}

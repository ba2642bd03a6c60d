"""Read the Werkagenda table from a PDF, by the positions of words and ruling lines.

How a page is read (pdfplumber):

1. Words are extracted with their boxes. The table header is the line holding the words
   "Wat?", "Wie?", "Wanneer?", "Status (zomer 2024)" and "Voortgang?" from left to right.
   Header words are never content (also when a repeated header shares a cell box with the
   row below it, as reportlab draws a row split across a page).
2. Columns: the four boundaries between the five columns are the vertical ruling lines that
   lie between two header labels; without ruling lines, the emptiest vertical strip (fewest
   words crossing it) between the two header labels. A page without a header reuses the
   columns of the page before.
3. Rows: horizontal ruling lines (lines, or edges of filled rectangles) that cross the whole
   Wat column cut the table into bands; every band is one table row. A table cut by a page
   break may lack its closing rule: its rows then reach as far as the vertical rules do, or
   (without vertical rules) as far as the text runs on without a gap. A page without such rules
   falls back to white space: a new row starts after a vertical gap, at a line where at least
   two columns start (a warning says so).
4. "Prioriteit N" / "Doelstelling X.Y" headings are recognised as text lines above, between or
   below the tables, as full-width rows, and as the first line(s) of a Wat cell.
5. Words in a row are bucketed into columns by their horizontal centre and grouped into lines;
   each line is one fragment of its cell, handed with its words' positions to the shared
   `RowAssembler` (ingest/assemble.py), which joins, numbers and checks coverage.
6. A row cut by a page break: the first row on the next page, before any new heading, whose Wat
   cell is empty or starts with a lowercase letter, is appended to the last row. So is one whose
   Wat starts with a capital ("Werkagenda mbo ...") if the last row's Wat stopped mid-sentence
   (no closing punctuation) and this row has neither Wie nor Wanneer (warning). A first row
   read as new that still looks like a continuation gets a warning.

7. Coverage: every word of a page ends up in exactly one place: a cell fragment, a heading, the
   column header, a page number, or the list of text outside the table (each reported as a
   warning); and every non-blank character of the page belongs to a word. The assembler proves
   it, the same check as for a text source.

`ActionRow.source_lines` holds page numbers (1-based) for PDF input.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import Fragment, IngestError, ParseResult, RowAssembler, Source, Span
from .limits import MAX_PDF_PAGES
from .model import COLUMNS

_HEADER_LABELS = (
    ("wat", re.compile(r"^wat\??$", re.I)),
    ("wie", re.compile(r"^wie\??$", re.I)),
    ("wanneer", re.compile(r"^wanneer\??$", re.I)),
    ("status", re.compile(r"^status$", re.I)),
    ("voortgang", re.compile(r"^voortgang\b", re.I)),
)
# Tokens a (wrapped) header line may consist of.
_HEADER_VOCAB = {
    "wat?", "wat", "wie?", "wie", "wanneer?", "wanneer", "status", "zomer", "voorjaar", "najaar", "winter",
    "voortgang?", "voortgang", "?",
}
# The periods in the status headers change every year: "2024", "(2025)", "2026?", "(zomer", "2024)".
_HEADER_PERIOD = re.compile(r"^\(?(?:20\d{2}|zomer|voorjaar|najaar|winter)\)?\??$", re.I)


def _is_header_word(text: str) -> bool:
    return text.lower() in _HEADER_VOCAB or bool(_HEADER_PERIOD.match(text))
_HEADING_WORD = re.compile(r"^(prioriteit|doelstelling)$", re.I)
_PRIO_NUM = re.compile(r"^(\d+)[.:]?$")
_DOEL_NUM = re.compile(r"^(\d+\.\d+)[.:]?$")
_PAGE_NUMBER = re.compile(r"^(pagina\s+)?\d+(\s*(/|van)\s*\d+)?$", re.I)


# --------------------------------------------------------------------------------------------
# small geometry helpers


def _cx(w: dict) -> float:
    return (w["x0"] + w["x1"]) / 2


def _cy(w: dict) -> float:
    return (w["top"] + w["bottom"]) / 2


def _group_lines(words: list[dict]) -> list[list[dict]]:
    """Group words into text lines (top to bottom), each line sorted left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines:
            ref = lines[-1][0]
            tol = max(2.0, 0.4 * (ref["bottom"] - ref["top"]))
            if abs(w["top"] - ref["top"]) <= tol:
                lines[-1].append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def _without(words: list[dict], drop: list[dict]) -> list[dict]:
    ids = {id(w) for w in drop}
    return [w for w in words if id(w) not in ids]


def _heading_prefix(words: list[dict]) -> tuple[str, str] | None:
    """("prioriteit", "1") or ("doelstelling", "1.2") if the word list starts with a heading."""
    if len(words) < 2 or not _HEADING_WORD.match(words[0]["text"]):
        return None
    kind = words[0]["text"].lower()
    num = (_PRIO_NUM if kind == "prioriteit" else _DOEL_NUM).match(words[1]["text"])
    return (kind, num.group(1)) if num else None


# --------------------------------------------------------------------------------------------
# page structure


@dataclass
class _Header:
    labels: list[dict]  # the five label words, left to right
    words: list[dict]  # every word of the (possibly wrapped) header
    top: float
    bottom: float


@dataclass
class _Columns:
    bounds: list[float]  # the 4 x-positions between the 5 columns
    wat_x0: float

    def col(self, word: dict) -> str:
        return COLUMNS[bisect_right(self.bounds, _cx(word))]


@dataclass
class _Event:
    y: float
    kind: str  # "heading" | "row"
    heading: tuple[str, str] | None = None
    words: list[dict] = field(default_factory=list)  # a heading's words
    cells: dict[str, list[list[dict]]] = field(default_factory=dict)  # a row's lines of words

    def has_text(self) -> bool:
        return any(self.cells.values())


def _heading_event(y: float, words: list[dict]) -> _Event:
    return _Event(y=y, kind="heading", heading=_heading_prefix(words), words=list(words))


def _find_headers(words: list[dict]) -> list[_Header]:
    headers: list[_Header] = []
    used: set[int] = set()
    for wat in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if id(wat) in used or not _HEADER_LABELS[0][1].match(wat["text"]):
            continue
        tol = max(4.0, 1.2 * (wat["bottom"] - wat["top"]))
        labels = [wat]
        for _, pattern in _HEADER_LABELS[1:]:
            cands = [
                w for w in words
                if pattern.match(w["text"]) and abs(w["top"] - wat["top"]) <= tol
                and w["x0"] > labels[-1]["x1"]
            ]
            if not cands:
                break
            labels.append(min(cands, key=lambda w: w["x0"]))
        if len(labels) < 5:
            continue
        top = min(w["top"] for w in labels)
        bottom = max(w["bottom"] for w in labels)
        height = max(w["bottom"] - w["top"] for w in labels)
        hwords = [
            w for w in words
            if w["top"] >= top - tol and w["top"] <= bottom + 1 and w["x0"] >= wat["x0"] - 2
            and _is_header_word(w["text"])
        ]
        # wrapped labels ("Status zomer" / "2024"): following lines made of header words only
        below = [w for w in words if w["top"] > bottom + 1 and w["x0"] >= wat["x0"] - 2]
        for line in _group_lines(below):
            if line[0]["top"] - bottom > 0.6 * height:  # a wrapped label follows at line spacing
                break
            if all(_is_header_word(w["text"]) for w in line):
                hwords.extend(line)
                bottom = max(bottom, max(w["bottom"] for w in line))
            else:
                break
        used.update(id(w) for w in hwords)
        headers.append(_Header(labels=labels, words=hwords, top=top, bottom=bottom))
    return headers


def _phrases(words: list[dict]) -> list[tuple[float, float]]:
    """x-extents of runs of words on one line with no more than a word space between them."""
    spans: list[tuple[float, float]] = []
    for line in _group_lines(words):
        x0, x1 = line[0]["x0"], line[0]["x1"]
        for w in line[1:]:
            if w["x0"] - x1 <= max(2.5, 0.5 * (w["bottom"] - w["top"])):
                x1 = max(x1, w["x1"])
            else:
                spans.append((x0, x1))
                x0, x1 = w["x0"], w["x1"]
        spans.append((x0, x1))
    return spans


def _emptiest_strip(spans: list[tuple[float, float]], lo: float, hi: float) -> float:
    """Centre of the widest strip in (lo, hi) crossed by the fewest phrases."""
    step = 0.5
    n = int((hi - lo) / step) + 1
    diff = [0] * (n + 1)
    for x0, x1 in spans:
        if x1 < lo or x0 > hi:
            continue
        a = max(0, int((x0 - lo) / step + 0.999))
        b = min(n - 1, int((x1 - lo) / step))
        if a <= b:
            diff[a] += 1
            diff[b + 1] -= 1
    counts, c = [], 0
    for k in range(n):
        c += diff[k]
        counts.append(c)
    low = min(counts)
    best_len, best_x, run_start = -1, hi - 1, None
    for k, c in enumerate(counts + [None]):
        if c == low and run_start is None:
            run_start = k
        elif c != low and run_start is not None:
            if k - run_start > best_len:
                best_len, best_x = k - run_start, lo + step * (run_start + k - 1) / 2
            run_start = None
    return best_x


def _columns(header: _Header, data_words: list[dict], vedges: list[dict]) -> _Columns:
    """Column boundaries from ruling lines, else from the emptiest strip between two labels.

    Boundary i lies between the end of label i-1 (and the words after it on the header's first
    line, "zomer 2024") and the start of label i, whether the labels are left-aligned or
    centred in their cells.
    """
    first_line = [w for w in header.words if w["top"] <= header.labels[0]["bottom"]]
    spans = _phrases(data_words)
    bounds: list[float] = []
    for i in range(1, 5):
        label = header.labels[i]
        left_words = [w for w in first_line if w["x1"] <= label["x0"] + 0.5]
        lo = max((w["x1"] for w in left_words), default=header.labels[i - 1]["x1"])
        lo = max(lo, header.labels[i - 1]["x1"])
        hi = label["x0"]
        if hi - lo < 0.5:
            bounds.append(hi - 0.25)
            continue
        rules = [e["x0"] for e in vedges if lo - 1 <= e["x0"] <= hi + 1]
        bounds.append(max(rules) if rules else _emptiest_strip(spans, lo, hi))
    wat = header.labels[0]
    return _Columns(bounds=bounds, wat_x0=wat["x0"])


def _separators(page, cols: _Columns) -> list[float]:
    """y-positions of horizontal rules that cross the whole Wat column (table row borders)."""
    edges = [
        e for e in page.horizontal_edges
        if e["x1"] - e["x0"] < 0.95 * float(page.width)  # not a page background
    ]
    edges.sort(key=lambda e: e["top"])
    clusters: list[list[dict]] = []
    for e in edges:
        if clusters and e["top"] - clusters[-1][0]["top"] <= 1.0:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    ys: list[float] = []
    # from the left edge of the Wat cell to the Wie column: an underline under a word is no rule
    need_lo, need_hi = cols.wat_x0 + 0.5, cols.bounds[0] - 2
    for cl in clusters:
        spans = sorted((e["x0"], e["x1"]) for e in cl)
        reach = None
        for x0, x1 in spans:
            if reach is None:
                if x0 > need_lo:
                    break
                reach = x1
            elif x0 <= reach + 1:
                reach = max(reach, x1)
        if reach is not None and reach >= need_hi:
            y = sum(e["top"] for e in cl) / len(cl)
            if not ys or y - ys[-1] > 2.0:
                ys.append(y)
    return ys


# --------------------------------------------------------------------------------------------
# turning one band of words (one table row) into events


def _crosses_columns(words: list[dict], cols: _Columns) -> bool:
    return any(x0 < b < x1 for x0, x1 in _phrases(words) for b in cols.bounds)


def _is_titled_heading_row(lines: list[list[dict]], cols: _Columns) -> bool:
    """"Prioriteit 1 – <title>" in a full-width row: the first line runs across the column
    boundaries, so do the wrapped lines after it, except perhaps a short last one."""
    if not (_heading_prefix(lines[0]) and _crosses_columns(lines[0], cols)):
        return False
    for k, line in enumerate(lines[1:], start=1):
        if _heading_prefix(line) or _crosses_columns(line, cols):
            continue
        last_wrap = k == len(lines) - 1 and all(cols.col(w) == "wat" for w in line)
        if not last_wrap:
            return False
    return True


def _band_events(words: list[dict], cols: _Columns, y: float) -> tuple[list[_Event], list[dict]]:
    """A table row: leading heading lines become headings, the rest one row of cells.
    Also returns the words of a heading's title (no cell content)."""
    events: list[_Event] = []
    titles: list[dict] = []
    remaining = list(words)
    while remaining:
        lines = _group_lines(remaining)
        if _is_titled_heading_row(lines, cols):
            # a full-width heading whose title runs (and wraps) across the column boundaries
            for line in lines:
                if _heading_prefix(line):
                    events.append(_heading_event(y, line))
                else:
                    titles.extend(line)
            remaining = []
            break
        wat_lines = _group_lines([w for w in remaining if cols.col(w) == "wat"])
        wat_part = wat_lines[0] if wat_lines else []
        head = _heading_prefix(wat_part)
        if head and len(wat_part) == 2:
            # "Doelstelling 1.2" alone on the first line of the Wat cell (other columns may
            # start on the same line)
            events.append(_heading_event(y, wat_part))
            remaining = _without(remaining, wat_part)
            continue
        if all(_heading_prefix(line) for line in lines):
            # a full-width heading row, possibly with a title after the number
            events.extend(_heading_event(y, line) for line in lines)
            remaining = []
            break
        if head:
            # "Doelstelling 1.2 Het mbo ..." : the statement starts on the heading's line
            events.append(_heading_event(y, wat_part[:2]))
            remaining = _without(remaining, wat_part[:2])
        break
    if remaining:
        by_col: dict[str, list[dict]] = {c: [] for c in COLUMNS}
        for w in remaining:
            by_col[cols.col(w)].append(w)
        cells = {c: _group_lines(by_col[c]) for c in COLUMNS}
        events.append(_Event(y=y + 0.01, kind="row", cells=cells))
    return events, titles


def _gap_bands(words: list[dict], cols: _Columns) -> list[list[dict]]:
    """Rows without ruling lines: a row starts after a vertical gap where >= 2 columns start."""
    lines = _group_lines(words)
    if not lines:
        return []
    heights = sorted(w["bottom"] - w["top"] for w in words)
    gap_min = 0.6 * heights[len(heights) // 2]
    bands: list[list[dict]] = []
    prev_bottom = None
    for line in lines:
        top = min(w["top"] for w in line)
        ncols = len({cols.col(w) for w in line})
        gap = prev_bottom is None or top - prev_bottom > gap_min
        is_heading = _heading_prefix([w for w in line if cols.col(w) == "wat"]) is not None
        if not bands or (gap and (ncols >= 2 or is_heading)):
            bands.append([])
        bands[-1].extend(line)
        prev_bottom = max(prev_bottom or 0.0, max(w["bottom"] for w in line))
    return bands


def _block(lines: list[list[dict]], y: float, downward: bool) -> list[list[dict]]:
    """The lines that run on without a gap from a rule at y (up or down)."""
    block: list[list[dict]] = []
    edge = y
    for line in lines if downward else reversed(lines):
        top = min(w["top"] for w in line)
        bottom = max(w["bottom"] for w in line)
        h = max(w["bottom"] - w["top"] for w in line)
        gap = top - edge if downward else edge - bottom
        if gap > (1.5 * h + 4 if not block else 1.2 * h) or _PAGE_NUMBER.match(_text(line)):
            break
        block.append(line)
        edge = bottom if downward else top
    return block


def _reach(rules: list[dict], y: float, downward: bool) -> float:
    """How far vertical rules (drawn as segments) run on from y without a break."""
    while True:
        if downward:
            nxt = [e["bottom"] for e in rules if e["top"] < y + 2 and e["bottom"] > y + 2]
        else:
            nxt = [e["top"] for e in rules if e["bottom"] > y - 2 and e["top"] < y - 2]
        if not nxt:
            return y
        y = max(nxt) if downward else min(nxt)


def _extend_open_ends(
    page, ys: list[float], words: list[dict], cols: _Columns, header_bottom: float | None
) -> list[float]:
    """A table cut by a page break may lack its bottom rule (or, on the next page, its top rule).

    With vertical rules, the rows reach as far as those rules do; without, the text that runs on
    from the outermost rule without a gap belongs to the table (only if rules separate rows at
    all: returns ys unchanged, possibly a single rule, otherwise).
    """
    vrules = [
        e for e in page.vertical_edges
        if any(abs(e["x0"] - b) <= 1.0 for b in cols.bounds) and e["bottom"] - e["top"] > 2
    ]
    first, last = ys[0], ys[-1]
    if vrules:
        bottom = _reach(vrules, last, downward=True)
        if bottom > last + 2:
            ys = ys + [bottom]
        if header_bottom is None:
            top = _reach(vrules, first, downward=False)
            if top < first - 2:
                ys = [top] + ys
        return ys
    if len(ys) < 2:
        return ys
    ref = max(last, header_bottom) if header_bottom is not None else last
    below = _block(_group_lines([w for w in words if _cy(w) > ref]), ref, downward=True)
    if below:
        ys = ys + [max(w["bottom"] for line in below for w in line) + 0.5]
    if header_bottom is None:
        above = _block(_group_lines([w for w in words if _cy(w) < first]), first, downward=False)
        if above:
            ys = [min(w["top"] for line in above for w in line) - 0.5] + ys
    return ys


@dataclass
class _PageResult:
    events: list[_Event]
    skipped: list[tuple[list[dict], str]]  # (words, reason): no cell content
    words: list[dict]  # every word of the page, w["_i"] its index
    stray_chars: list[dict]  # non-blank characters that belong to no word (should be none)
    had_header: bool
    gap_mode: bool
    column_headers: dict[str, str] = field(default_factory=dict)  # column -> its header's text


def _page_words(page) -> tuple[list[dict], list[dict]]:
    """The page's words, numbered, and the non-blank characters that are in no word."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True)
    in_words = {id(c) for w in words for c in w["chars"]}
    stray = [c for c in page.chars if c["text"].strip() and id(c) not in in_words]
    for i, w in enumerate(words):
        w["_i"] = i
    return words, stray


def _table_bands(page, headers: list[_Header], body: list[dict], cols: _Columns) -> list[float]:
    """y-positions that cut the table into rows (empty if the page has no usable rules)."""
    seps = _separators(page, cols)
    if headers:
        above = [s for s in seps if s <= headers[0].top + 1]
        start = above[-1] if above else headers[0].top - 1
    else:
        start = seps[0] if seps else None
    if start is None:
        return []
    ends = [s for s in seps if s > start + 2]
    hb = headers[0].bottom if headers else None
    return _extend_open_ends(page, [start] + ends, body, cols, hb)


def _read_page(page, cols_before: _Columns | None) -> tuple[_PageResult, _Columns | None]:
    words, stray = _page_words(page)
    headers = _find_headers(words)
    header_words = [w for h in headers for w in h.words]
    header_ids = {id(w) for w in header_words}
    body = [w for w in words if id(w) not in header_ids]
    events: list[_Event] = []
    skipped: list[tuple[list[dict], str]] = [(header_words, "kolomkop")] if header_words else []
    gap_mode = False

    cols = cols_before
    if headers:
        first = headers[0]
        below = [w for w in body if w["top"] > first.bottom]
        vedges = [e for e in page.vertical_edges if e["bottom"] > first.top]
        cols = _columns(first, below, vedges)

    def add_band(band: list[dict], y: float) -> None:
        evs, titles = _band_events(band, cols, y)
        events.extend(evs)
        if titles:
            skipped.append((titles, "kop"))

    outside: list[dict] = []
    if cols is None:
        outside = body
    else:
        ys = _table_bands(page, headers, body, cols)
        if len(ys) >= 2:
            bands: list[list[dict]] = [[] for _ in range(len(ys) - 1)]
            for w in body:
                k = bisect_right(ys, _cy(w)) - 1
                if 0 <= k < len(bands):
                    bands[k].append(w)
                else:
                    outside.append(w)
            for k, band in enumerate(bands):
                if band:
                    add_band(band, ys[k])
        else:
            gap_mode = True
            start_y = headers[0].bottom if headers else 0.0
            region = [w for w in body if w["top"] > start_y]
            outside = [w for w in body if w["top"] <= start_y]
            footer_y = 0.92 * float(page.height)
            footers = [
                line for line in _group_lines(region)
                if line[0]["top"] > footer_y and _PAGE_NUMBER.match(_text(line))
            ]
            footer_ids = {id(w) for line in footers for w in line}
            skipped.extend((line, "paginanummer") for line in footers)
            region = [w for w in region if id(w) not in footer_ids]
            for band in _gap_bands(region, cols):
                add_band(band, min(w["top"] for w in band))

    for line in _group_lines(outside):
        if _heading_prefix(line):
            events.append(_heading_event(line[0]["top"], line))
        elif _PAGE_NUMBER.match(_text(line)):
            skipped.append((line, "paginanummer"))
        else:
            skipped.append((line, "buiten de tabel"))
    events.sort(key=lambda e: e.y)
    column_headers: dict[str, str] = {}
    if headers and cols is not None:
        # A wrapped label ("Status zomer" / "2024") is put together by column, in reading order.
        for w in sorted(headers[0].words, key=lambda w: (round(w["top"]), w["x0"])):
            col = cols.col(w)
            column_headers[col] = (column_headers.get(col, "") + " " + w["text"]).strip()
    return _PageResult(events, skipped, words, stray, bool(headers), gap_mode, column_headers), cols


# --------------------------------------------------------------------------------------------
# the document: page-break continuation and the events for the assembler


_SENTENCE_END = re.compile(r"[.!?:;)\]'\"’”*]$")


def _continues_by_rule(wat: str) -> bool:
    """The rule: the Wat cell is empty or starts with a lowercase letter (or punctuation)."""
    return not wat or wat[0].islower() or wat[0] in ",.;:)]–-"


def _line_text(line: list[dict]) -> str:
    return " ".join(w["text"] for w in line)


def _spans(pno: int, words: list[dict]) -> tuple[Span, ...]:
    return tuple(Span((pno, w["_i"]), 0, len(w["text"])) for w in words)


def _open_error(path: Path, exc: Exception) -> IngestError:
    name = type(exc).__name__.lower()
    if "password" in name or "encrypt" in name:
        return IngestError(f"De PDF '{path}' is beveiligd met een wachtwoord en kan niet worden gelezen.")
    return IngestError(
        f"De PDF '{path}' is beschadigd of geen geldige PDF en kan niet worden gelezen."
    )


class _PdfReader:
    """Feeds the pages' events to the assembler and applies the page-break continuation rule."""

    def __init__(self, path: Path):
        self.path = path
        self.units: dict = {}
        self.asm = RowAssembler(Source(self.units, "pdf"), name=str(path), vocabulary=None)
        self.headers_found = 0
        self.words_found = False
        self.any_doelstelling = False
        self.gap_pages: list[int] = []
        self.orphan_pages: list[int] = []

    def page(self, pno: int, result: _PageResult) -> None:
        for w in result.words:
            self.units[(pno, w["_i"])] = w["text"]
        for j, c in enumerate(result.stray_chars):
            # Unclaimed on purpose: the coverage check then reports the text as lost.
            self.units[(pno, len(result.words) + j)] = c["text"]
        self.words_found = self.words_found or bool(result.words)
        self.headers_found += result.had_header
        if result.column_headers:
            self.asm.column_headers(result.column_headers.get(COLUMNS[3], ""),
                                    result.column_headers.get(COLUMNS[4], ""))
        if result.gap_mode and any(e.kind == "row" for e in result.events):
            self.gap_pages.append(pno)
        for words, reason in result.skipped:
            if words:
                self.asm.skip(_spans(pno, words), reason, _text(words))
        heading_on_page = False
        first_row_on_page = True
        for ev in result.events:
            if ev.kind == "heading":
                heading_on_page = True
                kind, num = ev.heading
                self.any_doelstelling |= kind == "doelstelling"
                self.asm.heading(kind, num, _spans(pno, ev.words))
                continue
            if not ev.has_text():
                continue
            may_continue = first_row_on_page and not heading_on_page and bool(self.asm.rows)
            first_row_on_page = False
            self.row(pno, ev, may_continue)

    def row(self, pno: int, ev: _Event, may_continue: bool) -> None:
        wat = " ".join(_line_text(line) for line in ev.cells["wat"])
        cut = may_continue and not _SENTENCE_END.search(self.asm.cell_text(-1, "wat") or ".")
        bare = may_continue and not ev.cells["wie"] and not ev.cells["wanneer"]
        if may_continue and (_continues_by_rule(wat) or (cut and bare)):
            # the rest of the last row; a capitalised Wat only when the last row's Wat stopped
            # mid-sentence and this row has no Wie and no Wanneer of its own
            index = self.asm.continue_row()
            if not _continues_by_rule(wat):
                self.asm.row_warning(index, (
                    f"Rij {{id}} loopt door bovenaan pagina {pno}: de Wat-tekst daar begint met een "
                    "hoofdletter, maar de Wat-tekst ervoor stopt midden in een zin en Wie en Wanneer "
                    "zijn leeg; als vervolg gelezen, controleer deze rij."))
        elif self.asm.doelstelling is None:
            self.orphan_pages.append(pno)
            # the words are claimed as skipped so the error below, not the coverage check, speaks
            self.asm.skip(_spans(pno, [w for c in COLUMNS for line in ev.cells[c] for w in line]),
                          "vóór de eerste doelstelling")
            return
        else:
            index = self.asm.start_row()
            if cut or bare:
                self.asm.row_warning(index, (
                    f"Rij {{id}} (bovenaan pagina {pno}) is als nieuwe rij gelezen omdat de Wat-tekst "
                    "met een hoofdletter begint, maar lijkt het vervolg van rij {prev_id}; "
                    "controleer deze rijen."))
        for col in COLUMNS:
            for line in ev.cells[col]:
                self.asm.fragment(col, Fragment(_line_text(line), _spans(pno, line)), row=index)

    def finish(self) -> ParseResult:
        path = self.path
        if not self.words_found:
            raise IngestError(
                f"De PDF '{path}' bevat geen leesbare tekst (misschien een scan); "
                "de tabel kan niet worden gelezen."
            )
        if not self.headers_found:
            raise IngestError(
                f"In de PDF '{path}' is geen Werkagenda-tabel gevonden: de kolomkoppen 'Wat?', 'Wie?', "
                "'Wanneer?', 'Status zomer 2024' en 'Voortgang?' ontbreken."
            )
        if not self.any_doelstelling:
            raise IngestError(
                f"De tabel in de PDF '{path}' heeft geen kopje 'Doelstelling X.Y'; "
                "de rijen kunnen niet bij een doelstelling worden ingedeeld."
            )
        if self.orphan_pages:
            pages_txt = ", ".join(str(p) for p in sorted(set(self.orphan_pages)))
            raise IngestError(
                f"De PDF '{path}' heeft tabelrijen vóór het eerste kopje 'Doelstelling X.Y' "
                f"(pagina {pages_txt}); die tekst zou verloren gaan."
            )
        if not self.asm.rows:
            raise IngestError(f"De tabel in de PDF '{path}' bevat geen rijen.")
        if self.gap_pages:
            self.asm.warn(
                "Geen lijnen tussen de tabelrijen op pagina "
                + ", ".join(str(p) for p in self.gap_pages)
                + ": rijgrenzen zijn afgeleid uit witruimte; controleer die rijen."
            )
        return self.asm.finish()


def parse_pdf(path: str | os.PathLike) -> ParseResult:
    """Parse a PDF of the Werkagenda table. Raises IngestError (Dutch) on bad input."""
    import pdfplumber

    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except FileNotFoundError:
        raise IngestError(f"Het bestand '{path}' bestaat niet.") from None
    except Exception as exc:  # pdfminer raises many kinds on broken input
        raise _open_error(path, exc) from None
    reader = _PdfReader(path)
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise _open_error(path, exc) from None
        if not pages:
            raise IngestError(f"De PDF '{path}' bevat geen pagina's of is beschadigd.")
        if len(pages) > MAX_PDF_PAGES:
            raise IngestError(
                f"De PDF '{path}' heeft {len(pages)} pagina's; hoogstens {MAX_PDF_PAGES} worden gelezen. "
                "Het rapport zelf is veel korter: controleer of dit het juiste bestand is."
            )
        cols: _Columns | None = None
        for page in pages:
            pno = page.page_number
            try:
                result, cols = _read_page(page, cols)
            except Exception as exc:
                raise IngestError(
                    f"Pagina {pno} van de PDF '{path}' is beschadigd en kan niet worden gelezen."
                ) from exc
            finally:
                page.close()
            reader.page(pno, result)
    return reader.finish()

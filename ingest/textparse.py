"""Parse the text extraction of the report's PDF table into ActionRows.

The text has lost the table's cell borders. What is left, and what this parser uses:

* blocks of lines separated by blank lines; three or more blank lines are a page break;
* within a page, a row's cells follow each other in column order (Wat, Wie, Wanneer,
  Status zomer 2024, Voortgang); a row cut by a page break continues on the next page,
  its Wat first, then its other columns;
* the Wie cell is a narrow block of party names, which anchors each row;
* lines at the top of a row can hold fragments of several columns side by side;
* each column has its own width, so where a paragraph's lines break tells its column.

Every piece of source text is a `Frag` (a span of one line). The parser only decides
which column of which row each span belongs to; it hands headings and fragments to the
shared `RowAssembler` (ingest/assemble.py), which joins them, numbers the rows and proves
that the spans cover every non-blank source character once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .assemble import (
    Fragment,
    IngestError,
    ParseResult,
    RowAssembler,
    Source,
    Span,
    is_idem,
    vocabulary_of,
)
from .fontmetrics import (
    COLUMN_WIDTH,
    NARROW_MAX,
    TERMINAL,
    misfit,
    text_width,
    timing_prefix,
)
from .model import COLUMNS
from .periods import split_header_line
from .parties import PARTY_NAME, ROLE, normalise_parties

_HEADER = re.compile(r"^\s*Wat\?\s+Wie\?\s+Wanneer\?", re.IGNORECASE)
_PRIORITEIT = re.compile(r"^\s*Prioriteit\s+(\d)\s*$")
_DOELSTELLING = re.compile(r"^\s*Doelstelling\s+(\d\.\d)\s*$")
_LATER_YEAR = re.compile(r"\b202[5-9]\b")
_BULLET = ("•", "-", "*", "–")
# Words that open a Wanneer cell when it shares a line with the Wie ("OCW Start van").
_TIMING_WORD = re.compile(r"^(?:Start|Begin|Vanaf|Per|Eind|Medio|Voorjaar|Najaar|Zomer|Doorlopend|\d)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

WAT, WIE, WANNEER, STATUS, VOORTGANG = COLUMNS


@dataclass
class Frag:
    """A span of one source line (1-based line number, character offsets)."""

    line: int
    start: int
    end: int
    raw: str  # the span's text, trailing spaces kept: they tell real spaces from hyphenation
    page: int = 0

    @property
    def text(self) -> str:
        return self.raw.strip()


@dataclass
class Unit:
    """A paragraph: consecutive lines of one block (a block may hold several paragraphs)."""

    frags: list[Frag]
    page: int
    after: str = "block"  # what precedes it: "block" (a blank line), "para" or "sentence"

    @property
    def lines(self) -> list[str]:
        return [f.raw for f in self.frags]

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.frags)


@dataclass
class Row:
    prioriteit: int
    doelstelling: str
    page: int
    cells: dict[str, list[Frag]] = field(default_factory=lambda: {c: [] for c in COLUMNS})

    def add(self, column: str, frags: list[Frag]) -> None:
        self.cells[column].extend(frags)

    def is_open(self, column: str) -> bool:
        """Whether the cell looks cut off (its last line full and unfinished)."""
        frags = self.cells[column]
        return looks_cut(frags[-1].raw if frags else None, column)


def looks_cut(last_raw: str | None, column: str) -> bool:
    """Whether a cell whose last line is `last_raw` looks cut off by a page break: it ends in
    a hyphen, or (narrow columns) in a list separator, or (text columns) its last line is
    unfinished and nearly as wide as the column."""
    if not last_raw:
        return False
    last = last_raw.rstrip()
    if last.endswith("-"):
        return True
    if column in (WIE, WANNEER):
        return last.endswith((",", "/", " en", ":", "("))
    if last.endswith(TERMINAL):
        return False
    words = last.split()
    if words and words[-1].lower() in _FUNCTION_WORDS:
        return True  # "... hoe dit verder te": no sentence ends on an article or preposition
    return text_width(last) >= COLUMN_WIDTH[column] - 4.5


# Articles, prepositions and conjunctions: a line ending in one stops mid-sentence.
_FUNCTION_WORDS = frozenset(
    "de het een te van voor en of in op aan met naar om bij tot door over uit die dat als "
    "dan zodat waarbij waarin welke".split()
)


# --- lexical helpers -------------------------------------------------------------------

_PARTY_SEP = re.compile(r"\s*(?:,|/|\ben\b|i\.s\.m\.|\(primair\),?)\s*")


def party_prefix(text: str) -> int:
    """Length of a leading list of party names ("OCW, SBB", "OCW en BZK", "Primair OCW."), or 0.
    The names are those of the party list (ingest/parties.py), so both agree on what a party is."""
    pos, end = 0, 0
    role = ROLE.match(text)
    if role and PARTY_NAME.match(text, role.end() + 1) and text[role.end():role.end() + 1] == " ":
        pos = role.end() + 1  # a role before the first name
    while True:
        m = PARTY_NAME.match(text, pos)
        if not m or m.end() == pos:
            return end
        end = m.end()
        # Trailing punctuation of the list belongs to it ("JOB." / "OCW,").
        while end < len(text) and text[end] in ",.":
            end += 1
        sep = _PARTY_SEP.match(text, m.end())
        if not sep or sep.end() == m.end():
            return end
        pos = sep.end()


def starts_lower(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].islower() or t[0] in "(€")


def starts_upper(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\"“")


# --- reading the source into pages, headings and blocks ---------------------------------


@dataclass
class Event:
    kind: str  # "page", "prioriteit", "doelstelling", "block"
    value: str = ""
    lines: list[int] = field(default_factory=list)


def read_events(lines: list[str]) -> tuple[list[Event], set[int]]:
    """Split the source into a flat stream of events. Returns the events and the line
    numbers (1-based) of the table header and headings, which belong to no row."""
    events: list[Event] = []
    skipped: set[int] = set()
    block: list[int] = []
    blank_run = 0

    def flush() -> None:
        nonlocal block
        if block:
            events.append(Event("block", lines=block))
            block = []

    for no, line in enumerate(lines, start=1):
        if not line.strip():
            flush()
            blank_run += 1
            continue
        if blank_run >= 3 and events:
            events.append(Event("page"))
        blank_run = 0
        if _HEADER.match(line):
            flush()
            skipped.add(no)
            continue
        m_p, m_d = _PRIORITEIT.match(line), _DOELSTELLING.match(line)
        if m_p or m_d:
            flush()
            skipped.add(no)
            events.append(Event("prioriteit", m_p.group(1), [no]) if m_p
                          else Event("doelstelling", m_d.group(1), [no]))
            continue
        block.append(no)
    flush()
    return events, skipped


# --- the parser ---------------------------------------------------------------------------


class TextParser:
    def __init__(self, text: str):
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.warnings: list[str] = []
        self.rows: list[Row] = []
        self.cur: Row | None = None
        self.state = "none"  # after a Wie anchor: "wie" (Wanneer next), then "sv"
        self.zone: list[Unit] = []
        self.page = 0
        self.prioriteit = 0
        self.doelstelling = ""
        # Headings and rows in the order met, for the assembler.
        self.stream: list[tuple[str, object]] = []
        # A narrow cell's line that starts with a word seen nowhere else continues the
        # previous line's word ("Subsidieregel" + "ing").
        self.vocab = vocabulary_of(self.lines)

    def frag(self, no: int, start: int = 0, end: int | None = None) -> Frag:
        line = self.lines[no - 1]
        end = len(line) if end is None else end
        return Frag(no, start, end, line[start:end], self.page)

    def units_of(self, line_nos: list[int]) -> list[Unit]:
        """Split a block into paragraphs where a line ends a paragraph without a blank line
        (the next row's Wat can run straight on from the last one)."""
        units: list[Unit] = []
        current: list[Frag] = []
        in_list = False
        for no in line_nos:
            f = self.frag(no)
            if current:
                prev = current[-1].raw.rstrip()
                nxt = f.raw.strip()
                if nxt.startswith(_BULLET):
                    in_list = True
                elif starts_upper(nxt) and not in_list and not prev.endswith(("-", ",")):
                    fit = text_width(prev + " " + nxt.split()[0])
                    if fit < 16.5 or (prev.endswith(TERMINAL) and fit < COLUMN_WIDTH[VOORTGANG] - 0.5):
                        units.append(Unit(current, self.page, "block" if not units else "para"))
                        current = []
            elif f.raw.strip().startswith(_BULLET):
                in_list = True
            current.append(f)
        if current:
            units.append(Unit(current, self.page, "block" if not units else "para"))
        return units

    def new_row(self) -> Row:
        if not self.doelstelling:
            raise IngestError("Tabeltekst gevonden vóór de eerste 'Doelstelling'-kop.")
        row = Row(self.prioriteit, self.doelstelling, self.page)
        self.rows.append(row)
        self.stream.append(("row", row))
        return row

    # -- main loop

    def parse(self) -> list[Row]:
        events, self.skipped = read_events(self.lines)
        self.heading_lines = {e.lines[0] for e in events if e.kind in ("prioriteit", "doelstelling")}
        if not any(e.kind == "doelstelling" for e in events):
            raise IngestError(
                "Geen 'Doelstelling'-kop gevonden: dit lijkt niet de voortgangsrapportage "
                "van de Werkagenda mbo (verwacht: regels als 'Doelstelling 1.1')."
            )
        for ev in events:
            if ev.kind == "page":
                self.page += 1
            elif ev.kind in ("prioriteit", "doelstelling"):
                self.close_zone(anchor=None)
                self.cur, self.state = None, "none"
                self.stream.append(("heading", ev))
                if ev.kind == "prioriteit":
                    self.prioriteit = int(ev.value)
                else:
                    self.doelstelling = ev.value
            else:
                self.block(ev.lines)
        self.close_zone(anchor=None)
        return self.rows

    def block(self, line_nos: list[int]) -> None:
        first = self.lines[line_nos[0] - 1]
        all_text = " ".join(self.lines[n - 1].strip() for n in line_nos)
        narrow = all(text_width(self.lines[n - 1]) <= NARROW_MAX for n in line_nos)
        post_break = self.cur is not None and self.page > self.cur.page
        frags = [self.frag(n) for n in line_nos]

        # Wanneer after a Wie block, possibly sharing its first line with the status.
        if self.state == "wie":
            self.state = "sv"
            if narrow:
                self.cur.add(WANNEER, frags)
                return
            cut = timing_prefix(first.lstrip())
            if cut:
                end = len(first) - len(first.lstrip()) + cut
                self.cur.add(WANNEER, [self.frag(line_nos[0], 0, end)])
                self.zone.append(Unit([self.frag(line_nos[0], end)] + frags[1:], self.page))
                return
            # No Wanneer cell: the block is status text.

        parties = normalise_parties(all_text)
        # Narrow block at the top of a page: the rest of the cut row's Wie or Wanneer.
        if narrow and post_break:
            if parties and (self.wie_continues(first) or not self.new_wat_candidate() and self.cur.is_open(WIE)):
                self.cur.add(WIE, frags)
                return
            if not parties and (len(line_nos) > 1 or self.cur.is_open(WANNEER) and starts_lower(first)):
                self.cur.add(WANNEER, frags)
                return
        # At the top of a page, the rest of a cut Wie can share its line with the rest of a cut
        # text cell ("VWS, GGD’en" + "vanuit Welbevinden op School."): two columns side by
        # side, the parties first, the other cell going on in lowercase.
        if post_break and not narrow and self.cur.is_open(WIE):
            lead = len(first) - len(first.lstrip())
            wie_end = lead + party_prefix(first.lstrip())
            if wie_end > lead and starts_lower(first[wie_end:]) and text_width(first[:wie_end]) <= NARROW_MAX:
                self.cur.add(WIE, [self.frag(line_nos[0], 0, wie_end)])
                self.zone.append(Unit([self.frag(line_nos[0], wie_end)] + frags[1:], self.page))
                return

        # A row's Wie cell: a narrow block of parties, or parties followed on the same line
        # by its Wanneer (and the start of its status).
        if self.zone and party_prefix(first.lstrip()) and (narrow and parties or not narrow):
            if self.anchor(line_nos, narrow):
                return
        elif self.zone and narrow and parties and not starts_lower(first):
            row = self.close_zone(anchor="row")
            row.add(WIE, frags)
            self.state = "wie"
            return

        # Over-wide first line: fragments of several columns side by side.
        if text_width(first) > COLUMN_WIDTH[WAT] + 0.8:
            self.merged_line(line_nos)
            return

        self.zone.extend(self.units_of(line_nos))

    def anchor(self, line_nos: list[int], narrow: bool) -> bool:
        """Start a new row at a block that begins with its Wie. False if it is no Wie."""
        no = line_nos[0]
        first = self.lines[no - 1]
        lead = len(first) - len(first.lstrip())
        wie_end = lead + party_prefix(first.lstrip())
        rest = first[wie_end:].lstrip()
        t_start = len(first) - len(rest)
        cut = timing_prefix(rest)
        if not narrow and not cut:
            return False  # a paragraph that merely starts with a party name
        row = self.close_zone(anchor="row")
        others = [self.frag(n) for n in line_nos[1:]]
        if not rest or not (cut or self.timing_follows(rest, others)):
            row.add(WIE, [self.frag(no)] + others)
            self.state = "wie"
            return True
        row.add(WIE, [self.frag(no, 0, t_start)])
        if cut and rest[cut:].strip() and not narrow:
            row.add(WANNEER, [self.frag(no, t_start, t_start + cut)])
            self.zone.append(Unit([self.frag(no, t_start + cut)] + others, self.page))
        else:
            row.add(WANNEER, [self.frag(no, t_start)] + others)
        self.state = "sv"
        return True

    @staticmethod
    def timing_follows(rest: str, others: list[Frag]) -> bool:
        """Whether the text after a Wie's parties on its first line opens the Wanneer cell:
        a timing word, or (a narrow cell's words, "OCW Nieuwe / regeling gaat / in per 1 /
        januari 2024") the block names a year and no party, so it is no Wie going on."""
        if _TIMING_WORD.match(rest):
            return True
        tail = " ".join([rest] + [f.text for f in others])
        return bool(_YEAR.search(tail)) and not normalise_parties(tail)

    def wie_continues(self, first: str) -> bool:
        """Whether a narrow block continues the current row's Wie rather than starting one."""
        cells = self.cur.cells[WIE]
        if not cells:
            return False
        last = cells[-1].raw.rstrip()
        head = first.strip()
        if head.startswith("(") or starts_lower(head):
            return True
        joined = normalise_parties(last.split()[-1] + " " + head.split()[0]) if last.split() else []
        alone = normalise_parties(last.split()[-1]) + normalise_parties(head.split()[0])
        return bool(set(joined) - set(alone))

    def new_wat_candidate(self) -> bool:
        """Whether this page already holds a paragraph that could start a new row's Wat."""
        return any(u.page == self.page and not starts_lower(u.text) for u in self.zone)

    def merged_line(self, line_nos: list[int]) -> None:
        """A line too wide for one column: fragments of several columns side by side."""
        no = line_nos[0]
        line = self.lines[no - 1]
        post_break = self.cur is not None and self.page > self.cur.page
        if self.cur is None or (self.zone and not post_break):
            allowed = list(COLUMNS)  # may start a new row
        elif post_break:
            allowed = [WAT, STATUS, VOORTGANG]
        else:
            allowed = [STATUS, VOORTGANG]
        parts = split_line(line, allowed, self.cur, post_break)
        rest = [self.frag(n) for n in line_nos[1:]]
        cols = [c for c, _, _ in parts]
        if WIE in cols:
            # A new row starts on this line: what precedes its Wie is the end of the zone.
            i = cols.index(WIE)
            for c, s, e in parts[:i]:
                self.zone.append(Unit([self.frag(no, s, e)], self.page, "line" if c != parts[0][0] else "block"))
            row = self.close_zone(anchor="row")
            for c, s, e in parts[i:]:
                row.add(c, [self.frag(no, s, e)])
            row.add(cols[-1], rest)
            self.state = "sv"
            return
        if self.cur is None:
            self.warnings.append(f"Regel {no}: samengevoegde regel zonder rij; als Wat gelezen.")
        # Which column each fragment belongs to is decided with the rest of the zone;
        # fragments of one line must go to different columns.
        for idx, (c, s, e) in enumerate(parts):
            frags = [self.frag(no, s, e)] + (rest if idx == len(parts) - 1 else [])
            self.zone.append(Unit(frags, self.page, "block" if idx == 0 else "line"))

    # -- resolving the text between two row anchors

    def close_zone(self, anchor: str | None) -> Row | None:
        """Give the pending paragraphs to the current row's columns and, when a new row
        starts (anchor == "row"), its Wat. Returns the new row."""
        units, self.zone = self.zone, []
        cur = self.cur
        new = self.new_row() if anchor == "row" else None
        if cur is None:
            if new is not None:
                for u in units:
                    new.add(WAT, u.frags)
            elif units:
                self.warnings.append(f"Regels {units[0].frags[0].line}-{units[-1].frags[-1].line}: tekst zonder rij.")
                raise IngestError(
                    f"Regels {units[0].frags[0].line}-{units[-1].frags[-1].line} horen bij geen enkele rij."
                )
            self.cur = new
            return new
        for u, lab in label_zone(units, cur, need_new=new is not None, anchor_page=self.page):
            if lab == "WN":
                new.add(WAT, u.frags)
            else:
                cur.add(lab, u.frags)
        if new is not None:
            self.cur = new
        return new


# --- choosing columns for the paragraphs of a zone ---------------------------------------

_FIRST_SEGMENT = (STATUS, VOORTGANG, "WN")
_LATER_SEGMENT = (WAT, WIE, STATUS, VOORTGANG, "WN")


def unit_cost(u: Unit, label: str, first_of_label: bool, post: bool, was_open: bool) -> float:
    text = u.text
    if label == WIE:
        parties = normalise_parties(text)
        cost = -0.5 if len(parties) >= 2 else 2.5 if parties else 30.0
        return cost + (0.0 if len(text) < 90 else 5.0) + (4.0 if starts_lower(text) else 0.0)
    column = WAT if label == "WN" else label
    cost = misfit(u.lines, COLUMN_WIDTH[column])
    if is_idem(text):
        cost += -3.0 if label == VOORTGANG else 4.0
    if _LATER_YEAR.search(text) and label in (STATUS, VOORTGANG):
        cost += -0.6 if label == VOORTGANG else 0.6
    lower = starts_lower(text)
    if lower:
        if label == "WN":
            cost += 6.0
        elif first_of_label and post and was_open:
            cost -= 1.0
        else:
            cost += 4.0
    elif post and first_of_label and label != "WN" and was_open:
        # A cut-off paragraph continues with its rest, not with a new paragraph.
        cost += 1.5
    if post and label == WAT and first_of_label and not was_open and not lower:
        cost += 0.8
    if post and label in (STATUS, VOORTGANG) and first_of_label and not was_open and not lower:
        cost += 0.5  # a finished status cell seldom goes on with a new paragraph
    return cost


def split_sentences(u: Unit) -> list[Unit]:
    pieces: list[Unit] = [Unit([u.frags[0]], u.page, u.after)]
    for f in u.frags[1:]:
        prev = pieces[-1].frags[-1].raw.rstrip()
        if prev.endswith(".") and starts_upper(f.raw):
            pieces.append(Unit([f], u.page, "sentence"))
        else:
            pieces[-1].frags.append(f)
    return pieces


def _monotone(n: int, labels: tuple[str, ...], allow_wn: bool):
    """All label sequences of length n that never go back in `labels` order."""
    usable = [l for l in labels if allow_wn or l != "WN"]

    def rec(i: int, k: int):
        if i == n:
            yield ()
            return
        for kk in range(k, len(usable)):
            for rest in rec(i + 1, kk):
                yield (usable[kk],) + rest

    return rec(0, 0)


def _extent(lines: list[int]) -> tuple[int, int] | tuple[()]:
    return (min(lines), max(lines)) if lines else ()


def _short_cells(extents: tuple) -> dict[str, int]:
    """Per text column: by how many lines its cell stops short of the row's bottom on the
    page before a break (beyond two lines of slack for paragraph spacing).

    The cells of a table row start at the same height and the page cuts them at the same
    height, so only the cells that reach (nearly) down to the row's lowest line can go on
    after the break; a cell that ended well above it had room for more on its own page.
    """
    heights = {c: (e[1] - e[0] + 1 if e else 0) for c, e in zip(COLUMNS, extents)}
    bottom = max(heights.values(), default=0)
    return {c: bottom - 2 - heights[c] for c in (WAT, STATUS, VOORTGANG) if heights[c] < bottom - 2}


def label_zone(units: list[Unit], row: Row, need_new: bool, anchor_page: int) -> list[tuple[Unit, str]]:
    """Give each paragraph of a zone a column (or "WN": the next row's Wat).

    Per page, the paragraphs come in column order: on the row's own page Status,
    Voortgang, then the next row's Wat; after a page break the cut row continues with
    the rest of its Wat, Wie, Status and Voortgang, in that order. The next row's Wat
    can only be on the page where its Wie is. All ways to label are scored (there are
    few paragraphs per zone) and the cheapest wins.
    """
    if not units:
        return []
    if need_new and not any(u.page == anchor_page and not starts_lower(u.text) for u in units):
        # The next row's Wat must start somewhere on this page: allow it at a sentence.
        units = [piece for u in units for piece in (split_sentences(u) if u.page == anchor_page else [u])]
    segments: list[list[int]] = []
    for i, u in enumerate(units):
        if not segments or units[segments[-1][0]].page != u.page:
            segments.append([])
        segments[-1].append(i)

    cache: dict[tuple, float] = {}

    def cost_of(i: int, lab: str, first: bool, post: bool, was_open: bool) -> float:
        key = (i, lab, first, post, was_open)
        if key not in cache:
            cache[key] = unit_cost(units[i], lab, first, post, was_open)
        return cache[key]

    last_raw = {c: (row.cells[c][-1].raw if row.cells[c] else None) for c in COLUMNS}
    extent0 = tuple(_extent([f.line for f in row.cells[c] if f.page == row.page]) for c in COLUMNS)
    # search state: (cost, labels so far, last_raw per column, used S, used V,
    #                first and last line of each column on the row's own page)
    states = [(0.0, (), last_raw, bool(row.cells[STATUS]), bool(row.cells[VOORTGANG]), extent0)]
    for s_i, seg in enumerate(segments):
        post = units[seg[0]].page > row.page
        first_break = post and units[seg[0]].page == row.page + 1
        labels = _LATER_SEGMENT if post else _FIRST_SEGMENT
        allow_wn = need_new and units[seg[0]].page == anchor_page
        new_states = {}
        for cost0, labs0, lraw, used_s, used_v, ext0 in states:
            if labs0 and labs0[-1] == "WN":
                continue  # the next row's Wat cannot be followed by a page break
            opened = {c: post and looks_cut(lraw.get(c), c) for c in (WAT, STATUS, VOORTGANG)}
            short = _short_cells(ext0) if first_break else {}
            for seq in _monotone(len(seg), labels, allow_wn):
                cost = cost0
                prev = None
                lr = dict(lraw)
                us, uv = used_s, used_v
                for idx, lab in zip(seg, seq):
                    u = units[idx]
                    cost += cost_of(idx, lab, lab != prev, post, opened.get(lab, False) and lab != prev)
                    if u.after == "line" and lab == prev:
                        cost += 50.0  # two columns' fragments on one line
                    if lab == "WN" and prev == "WN" and u.after == "block":
                        cost += 0.6  # a new row's Wat is mostly a single paragraph
                    if prev is not None and lab != prev:
                        if u.after == "sentence":
                            cost += 1.5  # cells rarely change mid-paragraph
                        elif u.after == "para" and lab != "WN":
                            # The extraction puts a blank line between two cells of a row; only
                            # a Wat runs on into the next row's Wat without one.
                            cost += 2.0
                        if lab == "WN" and prev == WAT:
                            # A Wat runs straight on into the next row's Wat; a blank line
                            # after a Wat's rest is more often its next paragraph.
                            cost += 1.0 if u.after == "block" else -1.0
                    if lab in COLUMNS:
                        lr[lab] = u.frags[-1].raw
                    us |= lab == STATUS
                    uv |= lab == VOORTGANG
                    prev = lab
                for c, was in opened.items():
                    if was and c not in seq:
                        cost += 1.5  # a cut-off cell left without its rest
                for c, lines_short in short.items():
                    if c in seq:
                        # Only a cell that ran down to the page break goes on after it.
                        cost += min(4.0, 0.75 * lines_short)
                ext = ext0
                if not post:
                    ext = tuple(
                        _extent([e for e in ext0[k] if e] + [f.line for idx, lab in zip(seg, seq) if lab == c
                                                             for f in units[idx].frags])
                        for k, c in enumerate(COLUMNS)
                    )
                key = (tuple(lr.items()), us, uv, ext)
                cand = (cost, labs0 + seq, lr, us, uv, ext)
                if key not in new_states or cost < new_states[key][0]:
                    new_states[key] = cand
        states = list(new_states.values())
    best = None
    for cost, labs, _, us, uv, _ in states:
        if need_new and "WN" not in labs and units[-1].page == anchor_page:
            cost += 8.0
        if uv and not us:
            cost += 2.5
        if us and not uv:
            cost += 0.3
        if not us and not uv:
            cost += 3.0  # nearly every row reports a status
        if best is None or cost < best[0]:
            best = (cost, labs)
    return list(zip(units, best[1]))


# --- splitting a line that holds several columns -----------------------------------------


def split_line(line: str, allowed: list[str], row: Row | None, post_break: bool) -> list[tuple[str, int, int]]:
    """Cut one source line into fragments of consecutive columns, in table order.

    Tries every way to cut the words into fragments for an increasing sequence of the
    allowed columns, and keeps the one that fits the columns best: each fragment within
    its column's width, Wie a list of parties, Wanneer a timing, text columns starting
    a sentence (or continuing a cut-off one).
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    order = [c for c in COLUMNS if c in allowed]
    n, m = len(spans), len(order)
    INF = float("inf")

    def frag_cost(col: str, i: int, j: int, first: bool) -> float:
        s, e = spans[i][0], spans[j - 1][1]
        text = line[s:e]
        w = text_width(text)
        cost = 0.3
        if w > COLUMN_WIDTH[col] + 0.3:
            cost += 6 + 3 * (w - COLUMN_WIDTH[col])
        if col == WIE:
            pp = party_prefix(text)
            cost += 0 if pp >= len(text.rstrip(" ,")) else 1.0 if pp and w <= COLUMN_WIDTH[WIE] + 0.3 else 12
        elif col == WANNEER:
            cost += 0 if timing_prefix(text) >= len(text) else 3 if w <= COLUMN_WIDTH[WANNEER] else 12
        else:
            if starts_lower(text):
                ok = row is not None and post_break and first and row.is_open(col)
                cost += -0.5 if ok else 2.5
            else:
                cost += 0.0
            cost -= 0.05 * w  # prefer full first lines
        if i > 0 and line[spans[i - 1][0]:spans[i - 1][1]].endswith((".", ";", ":")):
            cost -= 1.0  # a column's fragment most often ends a sentence
        return cost

    # dp[j][k]: best cost covering words[:j] with the last fragment in column order[k-1]
    dp = [[INF] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    dp[0][0] = 0.0
    for j in range(1, n + 1):
        for k in range(1, m + 1):
            for i in range(0, j):
                for pk in range(0, k):
                    if dp[i][pk] == INF:
                        continue
                    c = dp[i][pk] + frag_cost(order[k - 1], i, j, i == 0)
                    if c < dp[j][k]:
                        dp[j][k] = c
                        back[(j, k)] = (i, pk)
    k = min(range(1, m + 1), key=lambda kk: dp[n][kk])
    parts = []
    j = n
    while j > 0:
        i, pk = back[(j, k)]
        parts.append((order[k - 1], spans[i][0], spans[j - 1][1]))
        j, k = i, pk
    parts.reverse()
    # Give the spaces between fragments to the fragment before, and the line's tail to the last.
    out = []
    for idx, (c, s, e) in enumerate(parts):
        start = 0 if idx == 0 else s
        end = parts[idx + 1][1] if idx + 1 < len(parts) else len(line)
        out.append((c, start, end))
    return out


# --- handing the result to the assembler ----------------------------------------------------


def emit(parser: TextParser, asm: RowAssembler) -> None:
    """Feed the parser's headings and rows, in source order, to the shared assembler."""
    for no in sorted(parser.skipped):
        if no not in parser.heading_lines:
            asm.header([Span(no, 0, len(parser.lines[no - 1]))])
            headers = split_header_line(parser.lines[no - 1])
            if headers:
                asm.column_headers(*headers)
    for kind, item in parser.stream:
        if kind == "heading":
            no = item.lines[0]
            asm.heading(item.kind, item.value, [Span(no, 0, len(parser.lines[no - 1]))])
            continue
        asm.start_row()
        for col in COLUMNS:
            for f in item.cells[col]:
                asm.fragment(col, Fragment(f.raw, (Span(f.line, f.start, f.end),)))


def parse_text(text: str, source: str = "") -> ParseResult:
    if not text.strip():
        raise IngestError("De bron is leeg.")
    parser = TextParser(text)
    parser.parse()
    asm = RowAssembler(Source({no: line for no, line in enumerate(parser.lines, start=1)}, "tekst"),
                       name=source, vocabulary=parser.vocab)
    for w in parser.warnings:
        asm.warn(w)
    emit(parser, asm)
    return asm.finish()

"""Sentences of the rows, scored against a question: what an answer quotes.

A quote keeps the row, the cell and the period it came from, and is never cut: a sentence is
shown whole or not at all. Relevance uses the index's Dutch analyzer (stemming, compounds, typo
repair) weighted by IDF, so "stagepact" in a question matches "Stagepact" and "stagepacten" in a
row, and a frequent word like "mbo" counts for little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import ActionRow

# The two status cells; their labels are the report's periods, which every row carries.
PERIOD_CELLS = ("voortgang", "status")
CELL_LABELS = {"wat": "Actie", "wie": "Wie", "wanneer": "Planning (Wanneer)"}

# Sentence ends: a full stop before a capital or digit; bullets ("•", " -Taal") start a new one.
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘'\"(•\-])|\s+(?=•)|\s+(?=-[A-Z])|(?<=:)\s+(?=-[A-Z])")
_MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DATE = re.compile(rf"\b(?:{_MONTHS}|voorjaar|najaar|zomer|winter|begin|eind|medio|halverwege|eerste helft|"
                  rf"tweede helft|kwartaal)\b[^.]*?\b20\d\d\b|\b(?:{_MONTHS})\b|\b20[12]\d\b", re.I)
PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|procent)", re.I)
# A share said in words: "meer dan de helft van de scholen", "een derde", "het merendeel"
SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|procent)|\b(?:de|een|het)\s+(?:helft|derde|kwart|merendeel|meerderheid|minderheid)\b", re.I)
AMOUNT_FULL = re.compile(r"€\s*\d[\d.,]*(?:\s*(?:mln|miljoen|miljard)\.?)?|\d[\d.,]*\s*(?:mln|miljoen|miljard|euro)\b\.?",
                         re.I)
AMOUNT = re.compile(r"(?:€\s*\d|\d[\d.,]*\s*(?:mln|miljoen|miljard|euro)\b|\beuro\b)", re.I)
NUMBER = re.compile(r"(?<![\w.])(?:\d+(?:[.,]\d+)?|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|"
                    r"elf|twaalf|twintig|dertig|veertig|vijftig|honderd|duizend)(?![\w])", re.I)
_SPAN = r"(?:\d+|een|één|twee|drie|vier|vijf|zes|tien|half|halve|anderhalf|enkele|een paar|een half|een halve)"
DURATION = re.compile(rf"\b{_SPAN}\s+(?:jaar|jaren|maand|maanden|week|weken)\b", re.I)
FREQUENCY = re.compile(rf"\b(?:iedere|elke|ieder|per)\s+(?:{_SPAN}\s+)?(?:jaar|jaren|maand|maanden|week|kwartaal)\b|"
                       rf"\b(?:jaarlijks|maandelijks|wekelijks|driejaarlijks|tweejaarlijks)\b|\b{_SPAN}\s*(?:keer|maal)\b|"
                       # "voor de derde keer", "voor het eerst": an ordinal says how often too
                       r"\bvoor (?:de|het) (?:\d+e|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)"
                       r"\s*(?:keer|maal)\b|\bvoor het eerst\b", re.I)
_YEARLIKE = re.compile(r"^20\d\d$|^19\d\d$")


@dataclass(frozen=True)
class Quote:
    row_id: str
    cell: str  # the ActionRow field: wat, wie, wanneer, status, voortgang
    text: str
    period: str | None = None  # the period label of a status cell, from the row's report
    rapport: str = ""

    @classmethod
    def of(cls, row: ActionRow, cell: str, text: str) -> "Quote":
        return cls(row.id, cell, text, row.label(cell) if cell in PERIOD_CELLS else None, row.rapport)

    @property
    def label(self) -> str:
        return self.period or CELL_LABELS[self.cell]

    def to_json(self) -> dict:
        return {"row_id": self.row_id, "cell": self.cell, "period": self.period, "text": self.text,
                "rapport": self.rapport}


# A full stop after these is no sentence end ("(ca. 10 ECTS)", "o.a. Branches", "t/m 14 september").
_ABBREVIATION = re.compile(r"(?:\b(?:ca|o\.a|bijv|bv|evt|incl|excl|nr|resp|m\.b\.t|i\.s\.m|ism|t\.a\.v|d\.w\.z|e\.v|"
                           r"z\.s\.m|jl|mln|mld|min|max|art|vs|etc)\.)$", re.I)


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SPLIT.split((text or "").strip()) if p.strip()]
    out: list[str] = []
    for part in parts:
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def idem_rest(row: ActionRow) -> str:
    """What a Voortgang cell says beyond "Idem." ('' when nothing): ingest's one Idem detector."""
    from ingest import idem_rest as rest

    return rest(row.voortgang)


def word_count(text: str) -> int:
    return len(re.findall(r"[\w%€'’-]+", text))


def has_figure(sentence: str, kind: str | None, noun_terms: set[str] = frozenset(), analyzer=None,
               given: frozenset[str] = frozenset()) -> bool:
    """Does the sentence hold a figure of the kind asked for?

    percentage: a percentage. amount: a sum of money. count: a number that is not a year, not a
    percentage and not one the question itself gave ("van 23 tot 27 jaar"), and, when the question
    names what is counted, followed within four words by that thing ("93 subsidieprojecten",
    "750 en 800 … docenten")."""
    if kind == "percentage":
        return bool(PERCENT.search(sentence))
    if kind == "share":
        return bool(SHARE.search(sentence))
    if kind == "amount":
        return bool(AMOUNT.search(sentence))
    if kind == "duration":
        return bool(DURATION.search(sentence))
    if kind == "frequency":
        return bool(FREQUENCY.search(sentence))
    if kind == "count" and noun_terms and analyzer is not None:
        # "hoeveel scholen …?" answered as a share: "inmiddels 61% van de scholen", "35% van het
        # totale aantal mbo-studenten" (the share of a number of them is of them)
        for m in PERCENT.finditer(sentence):
            after = re.sub(r"^\s*van\s+het\s+(?:totale\s+)?aantal\b", " van", sentence[m.end():], flags=re.I)
            window = " ".join(re.findall(r"[\w'’]+", after)[:4])
            if noun_terms & set(analyzer.document_terms(window)):
                return True
    plain = AMOUNT_FULL.sub(" ", PERCENT.sub(" ", sentence))  # a sum of money is no count
    for m in NUMBER.finditer(plain):
        tok = m.group(0)
        if _YEARLIKE.match(tok) or tok.lower() in given:
            continue
        if re.match(rf"\s+(?:{_MONTHS})\b", plain[m.end():], re.I):
            continue  # the day of a date ("1 juli 2027") counts nothing
        if not (kind == "count" and noun_terms and analyzer is not None):
            return True
        window = " ".join(re.findall(r"[\w'’]+", plain[m.end():])[:4])
        if noun_terms & set(analyzer.document_terms(window)):
            return True
    return False


_KIND_PATTERN = {"percentage": PERCENT, "share": SHARE, "amount": AMOUNT, "duration": DURATION, "frequency": FREQUENCY}


def figure_neighbours(sentence: str, kind: str | None, width: int = 3) -> str:
    """The words within `width` words either side of each figure of the kind: what the figure is
    said of ("met 5 jaar verlengd", "iedere vijf jaar te doen")."""
    pattern = _KIND_PATTERN.get(kind or "", NUMBER)
    out = []
    for m in pattern.finditer(sentence):
        before = re.findall(r"[\w'’-]+", sentence[:m.start()])[-width:]
        after = re.findall(r"[\w'’-]+", sentence[m.end():])[:width]
        out += before + after
    return " ".join(out)


def has_date(sentence: str) -> bool:
    return bool(DATE.search(sentence))


def latest_year(sentence: str) -> int:
    """The latest year a sentence names (0 when none): "the latest dated statement leads"."""
    years = [int(y) for y in re.findall(r"\b(20[1-4]\d)\b", sentence)]
    return max(years, default=0)

"""Font metrics for the text parser (formerly ingest/layout.py): how wide a piece of text is,
and whether a paragraph's line breaks fit a column of a given width.

The report was typeset in a proportional font; Helvetica's advance widths are a close
enough stand-in to tell the columns apart (measured on the real document: Wat wraps at
about 20.3 em, Status zomer 2024 at about 19.9 em, Voortgang at about 18.3 em, Wie and
Wanneer at about 6.3 em).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ASCII_WIDTHS = [int(x) for x in (
    "278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,"
    "556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,"
    "556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,"
    "556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,"
    "500,500,500,334,260,334,584"
).split(",")]
_SPECIAL = {"‘": 222, "’": 222, "“": 333, "”": 333, "–": 556, "—": 1000, "•": 350, "€": 556, "\u00a0": 278}

# Column widths in em (see module docstring); tolerances absorb the font mismatch.
COLUMN_WIDTH = {"wat": 20.3, "wie": 6.4, "wanneer": 6.4, "status": 19.9, "voortgang": 18.3}
NARROW_MAX = 8.0  # a line wider than this cannot sit in Wie or Wanneer alone


def char_width(ch: str) -> float:
    code = ord(ch)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32] / 1000
    if ch in _SPECIAL:
        return _SPECIAL[ch] / 1000
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and 32 <= ord(base) < 127:
        return _ASCII_WIDTHS[ord(base) - 32] / 1000
    return 0.556


@lru_cache(maxsize=65536)
def text_width(text: str) -> float:
    return sum(char_width(c) for c in text.rstrip())


def first_word(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


def misfit(lines: list[str], width: float, tol: float = 0.25) -> float:
    """How badly a paragraph's line breaks contradict a column of `width` em.

    Two kinds of evidence: a line wider than the column cannot be in it, and a line
    that was broken although the next word would still have fitted suggests a wider
    column than this one. The second is weaker (paragraph ends and list items break
    early too), so it is capped per line.
    """
    penalty = 0.0
    for i, line in enumerate(lines):
        w = text_width(line)
        if w > width + tol:
            penalty += 2.0 * (w - width - tol) + 1.0
        if i + 1 < len(lines):
            nxt = first_word(lines[i + 1])
            if not nxt or line.rstrip().endswith((".", ":", ";")) or nxt[0] in "•-*":
                continue
            fit = text_width(line.rstrip() + " " + nxt)
            if fit < width - tol:
                penalty += min(1.0, 0.5 * (width - tol - fit))
    return penalty


TERMINAL = (".", "!", "?", ":", ";", ".’", ".”", ".)")

_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "voorjaar|najaar|zomer|winter|eind|begin|medio|halverwege")
TIMING_PREFIX = re.compile(
    r"^(?:Doorlopend:?"
    r"|(?:(?:Start|Begin|Vanaf|Per|" + _MONTHS + r")\s+(?:in\s+|van\s+)?)?"
    r"(?:19|20)\d{2}(?:/(?:19|20)?\d{2})?(?:\s*[–-]\s*(?:(?:19|20)\d{2}(?:/(?:19|20)?\d{2})?))?"
    r"(?:\s*e\.\s?v\.)?:?)(?=\s|$)",
    re.IGNORECASE,
)


def timing_prefix(text: str) -> int:
    """Length of a leading timing expression ("Doorlopend", "2023 e.v.", "Start in 2023"), or 0."""
    m = TIMING_PREFIX.match(text)
    return m.end() if m else 0

"""The report's two status periods, read from its column headers.

A yearly progress report has two status columns: the status of a past moment ("Status zomer
2024") and the progress since ("Voortgang?"). Every quote must name the period it is from, so
the labels come from the document itself, never from the code:

    header of the status column    "Status zomer 2024", "Status (zomer 2024)"  -> "Status zomer 2024"
    header of the progress column  "Voortgang (2026)", "Voortgang 2026?"       -> "Voortgang (2026)"
                                   "Voortgang?" (no year)  -> the year after the status year, marked
                                                              as derived (the shipped report does this:
                                                              its Voortgang is about 2025)

The report's key (`rapport`) is the year of its progress column: the shipped report is "2025".
When the headers give no year at all, the labels stay plain ("Status", "Voortgang") and the ingest
warns; `werkagenda ingest --periodes "Status zomer 2025" "Voortgang (2026)"` then says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"\b(20\d{2})\b")
_STATUS = re.compile(r"\bstatus\b\s*\(?\s*(?P<moment>[^()?]*?)\s*\)?\s*\??\s*$", re.I)


@dataclass(frozen=True)
class Periods:
    status: str  # label of the status column, e.g. "Status zomer 2024"
    voortgang: str  # label of the progress column, e.g. "Voortgang (2025)"
    derived: bool = False  # the progress year was not in the header but taken as status year + 1

    @property
    def status_moment(self) -> str:
        """"zomer 2024": what "ongewijzigd sinds …" and "toen" refer to."""
        rest = re.sub(r"^\s*status\s*", "", self.status, flags=re.I).strip(" ()")
        return rest or "de vorige stand"

    @property
    def voortgang_year(self) -> str:
        m = _YEAR.search(self.voortgang)
        return m.group(1) if m else ""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({int(y) for y in _YEAR.findall(self.status + " " + self.voortgang)}))

    @property
    def rapport(self) -> str:
        """The report's default key: the year its progress column is about."""
        return self.voortgang_year or "rapport"


def from_headers(status_header: str, voortgang_header: str) -> tuple[Periods, list[str]]:
    """The labels and any warnings (Dutch) from the two headers' texts."""
    warnings: list[str] = []
    status_header = " ".join(status_header.split())
    voortgang_header = " ".join(voortgang_header.split())
    m = _STATUS.search(status_header)
    moment = m.group("moment").strip() if m else ""
    status_year = _YEAR.search(moment)
    status = f"Status {moment}" if moment else "Status"
    v_year = _YEAR.search(voortgang_header)
    derived = False
    if v_year:
        voortgang = f"Voortgang ({v_year.group(1)})"
    elif status_year:
        voortgang = f"Voortgang ({int(status_year.group(1)) + 1})"
        derived = True
    else:
        voortgang = "Voortgang"
    if not status_year and not v_year:
        warnings.append(
            "De kolomkoppen noemen geen jaar ('" + (status_header or "?") + "', '" + (voortgang_header or "?")
            + "'); de perioden heten nu 'Status' en 'Voortgang'. Geef ze op met --periodes."
        )
    return Periods(status=status, voortgang=voortgang, derived=derived), warnings


def from_option(values: list[str] | tuple[str, str]) -> Periods:
    """`--periodes "Status zomer 2025" "Voortgang (2026)"`: taken as given, whitespace tidied."""
    status, voortgang = (" ".join(v.split()) for v in values)
    if not status or not voortgang:
        raise ValueError("--periodes vraagt twee niet-lege namen, bijvoorbeeld \"Status zomer 2025\" \"Voortgang (2026)\".")
    return Periods(status=status, voortgang=voortgang)


def split_header_line(line: str) -> tuple[str, str] | None:
    """The status and progress headers of a one-line text header "Wat? Wie? Wanneer? Status … Voortgang…"."""
    m = re.search(r"(\bstatus\b.*?)\s*(\bvoortgang\b.*)$", line, re.I)
    return (m.group(1), m.group(2)) if m else None

"""Structured retrieval: what top-k cannot do (all rows of a party, a doelstelling, a priority)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence


from ingest import ActionRow
from ingest.parties import normalise_parties

from .analyzer import fold
from .nodes import party_key
from .stand import stand_key


@dataclass(frozen=True)
class Filters:
    prioriteit: int | None = None
    doelstelling: str | None = None
    partij: str | None = None
    stand: str | None = None  # one of index.stand.STANDS
    jaar: int | None = None  # planned or reported in this year (Wanneer, or a date in the Voortgang)

    def is_empty(self) -> bool:
        return (self.prioriteit is None and not self.doelstelling and not self.partij and not self.stand
                and self.jaar is None)

    def describe(self) -> str:
        """Dutch, for answers: 'partij OCW, doelstelling 2.3'."""
        parts = []
        if self.prioriteit is not None:
            parts.append(f"prioriteit {self.prioriteit}")
        if self.doelstelling:
            parts.append(f"doelstelling {self.doelstelling}")
        if self.partij:
            parts.append(f"partij {self.partij}")
        if self.stand:
            parts.append(f"stand '{self.stand}'")
        if self.jaar is not None:
            parts.append(f"jaar {self.jaar}")
        return ", ".join(parts)


_YEAR = re.compile(r"\b(20[1-3]\d)\b")
_RANGE = re.compile(r"\b(20[1-3]\d)\s*[–-]\s*(?:20[1-3]\d/)?(20[1-3]\d)\b")
_ONWARD = re.compile(r"\b(20[1-3]\d)\s*e\.\s*v\.")
LAST_YEAR = 2027  # the Werkagenda runs 2023-2027: "2023 e.v." means up to its end


def planned_years(row: ActionRow) -> set[int]:
    """Years an action is planned for (its Wanneer, ranges and "e.v." expanded) or that its
    Voortgang dates something in ("Begin 2026 verschijnt de evaluatie")."""
    years = {int(y) for y in _YEAR.findall(row.wanneer)}
    for a, b in _RANGE.findall(row.wanneer):
        years.update(range(int(a), int(b) + 1))
    for a in _ONWARD.findall(row.wanneer):
        years.update(range(int(a), LAST_YEAR + 1))
    if not row.voortgang_idem:
        years.update(int(y) for y in _YEAR.findall(row.voortgang))
    return years


def canonical_party(name: str, known: Iterable[str] = ()) -> str:
    """'job', 'JOBmbo', 'mbo raad' -> the canonical name ingest uses ('JOB', 'MBO Raad')."""
    found = normalise_parties(name)
    if len(found) == 1:
        return found[0]
    wanted = fold(name).replace("-", " ").strip()
    for party in known:
        if fold(party).replace("-", " ") == wanted:
            return party
    return name.strip()


def matches(row: ActionRow, f: Filters, party: str | None = None, stand: str | None = None) -> bool:
    """party: f.partij already made canonical (pass it to avoid normalising per row);
    stand: the row's stand (index.stand), needed only when f.stand is set."""
    if f.stand and stand_key(stand) != stand_key(f.stand):
        # "afgerond" also holds for actions finished by summer 2024 whose Voortgang adds nothing.
        from .stand import AFGEROND, finished_by_2024

        if not (f.stand == AFGEROND and finished_by_2024(row)):
            return False
    if f.jaar is not None and f.jaar not in planned_years(row):
        return False
    if f.prioriteit is not None and row.prioriteit != f.prioriteit:
        return False
    if f.doelstelling and row.doelstelling != f.doelstelling.strip():
        return False
    if f.partij:
        party = party or canonical_party(f.partij)
        if party not in row.partijen:
            return False
    return True


def filter_rows(rows: Sequence[ActionRow], f: Filters | None,
                stands: Mapping[str, str] | None = None) -> list[ActionRow]:
    """All matching rows, in document order. stands: row id -> stand (index.stand), for f.stand."""
    if f is None or f.is_empty():
        return list(rows)
    if f.stand and stands is None:
        from .stand import stands as derive

        stands = derive(rows)
    known = {p for r in rows for p in r.partijen}
    party = canonical_party(f.partij, known) if f.partij else None
    return [r for r in rows if matches(r, f, party, (stands or {}).get(r.id))]


def chroma_filters(f: Filters | None, known_parties: Iterable[str] = ()):
    """The filter as llama-index metadata filters (for llama-index retrievers over the store)."""
    from llama_index.core.vector_stores.types import FilterOperator, MetadataFilter, MetadataFilters

    if f is None or f.is_empty():
        return None
    conditions: list = []
    if f.prioriteit is not None:
        conditions.append(MetadataFilter(key="prioriteit", value=int(f.prioriteit), operator=FilterOperator.EQ))
    if f.doelstelling:
        conditions.append(MetadataFilter(key="doelstelling", value=f.doelstelling.strip(), operator=FilterOperator.EQ))
    if f.partij:
        party = canonical_party(f.partij, known_parties)
        conditions.append(MetadataFilter(key=party_key(party), value=True, operator=FilterOperator.EQ))
    return MetadataFilters(filters=conditions) if conditions else None


def chroma_where(f: Filters | None, known_parties: Iterable[str] = ()) -> dict | None:
    """The same filter as a Chroma `where` clause, for querying the collection directly."""
    if f is None or f.is_empty():
        return None
    conditions: list[dict] = []
    if f.prioriteit is not None:
        conditions.append({"prioriteit": {"$eq": int(f.prioriteit)}})
    if f.doelstelling:
        conditions.append({"doelstelling": {"$eq": f.doelstelling.strip()}})
    if f.partij:
        conditions.append({party_key(canonical_party(f.partij, known_parties)): {"$eq": True}})
    # stand and jaar are derived from the cells when the index is opened (index/stand.py), not
    # stored with the vectors, so a change of rules never leaves a stale store: the caller masks
    # on them (Index.search uses filter_rows).
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


_DOELSTELLING = re.compile(r"\bdoel(?:stelling)?\s*([1-3])\s*[.,]\s*([1-9])\b", re.IGNORECASE)
_PRIORITEIT = re.compile(r"\bprioriteit\s*([1-3])\b", re.IGNORECASE)


def mentioned_doelstelling(question: str) -> str | None:
    """'wat staat er bij doelstelling 2.3?' -> '2.3' (for a direct lookup instead of top-k)."""
    m = _DOELSTELLING.search(question)
    return f"{m.group(1)}.{m.group(2)}" if m else None


def mentioned_prioriteit(question: str) -> int | None:
    m = _PRIORITEIT.search(question)
    return int(m.group(1)) if m else None


def mentioned_party(question: str) -> str | None:
    """The one party a question names ('welke acties betreffen JOB?'), or None (none or several)."""
    found = normalise_parties(question)
    return found[0] if len(found) == 1 else None

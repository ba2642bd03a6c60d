"""Questions across reports: which report a question is about, what changed since the previous
report, and the line of one action through all of them.

With one report (the shipped one alone) nothing here changes an answer: `route` always picks it
and there is no timeline to show.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from ingest import ActionRow, is_idem

from .sentences import idem_rest

# "sinds de vorige rapportage", "t.o.v. het vorige rapport", "ten opzichte van vorig jaar"
_PREVIOUS = r"(?:de |het )?vorige (?:voortgangs)?(?:rapportage|rapport|editie|meting)|vorig jaar"
SINCE_PREVIOUS = re.compile(
    rf"\b(?:sinds|sedert|ten opzichte van|t\.o\.v\.?|vergeleken met|na|tegenover|anders dan(?: in)?)\s+(?:{_PREVIOUS})",
    re.I)
_CHANGE_WORDS = re.compile(r"\bveranderd|\bgewijzigd|\bnieuw|\banders\b|\bverschil|\bverschuiv|\bvooruitgang|"
                           r"\bverder gekomen|\bbijgekomen|\bvervallen|\bgeschrapt|\bontwikkeling", re.I)
# "in de rapportage van 2025", "volgens het rapport 2025", "de vorige rapportage"
_LEAD = r"(?:\b(?:in|volgens|uit|bij|van)\s+)?(?:de |het )?"
_NAMED_REPORT = re.compile(rf"{_LEAD}\b(?:voortgangs)?(?:rapportage|rapport|editie)\s+(?:van\s+)?(?:\w+\s+)?(20\d\d)\b",
                           re.I)
_PREVIOUS_REPORT = re.compile(rf"\b(?:in|volgens|uit|bij) {_PREVIOUS}\b", re.I)
# "hoe liep het bbl-offensief van 2024 tot nu?", "het verloop van", "door de jaren heen"
TIMELINE = re.compile(r"\bverloop\b|\bhoe (?:is|liep|ging) .{3,80}\b(?:van|sinds|vanaf) 20\d\d\b|\btijdlijn\b|"
                      r"\bdoor de jaren\b|\bvan 20\d\d tot (?:nu|20\d\d)\b|\balle (?:jaren|rapportages)\b", re.I)


@dataclass(frozen=True)
class Route:
    rapport: str  # the report to answer from
    across: str | None = None  # "changes" (since the previous report) or None
    named: bool = False  # the question or a filter named the report
    question: str = ""  # the question without the words that named the report


def route(question: str, keys: list[str], chosen: str | None = None,
          years: dict[str, tuple[int, ...]] | None = None) -> Route:
    """keys: the reports in time order, latest last. chosen: the UI's or API's report selector.
    years: the years each report's periods name; a question about a year that only an earlier
    report covers ("hoe stond het in de zomer van 2024 …?") goes to the latest of those, unless it
    asks for the course of things ("van 2024 tot nu"), which the latest report's timeline shows."""
    latest = keys[-1]
    previous = keys[-2] if len(keys) > 1 else None
    if SINCE_PREVIOUS.search(question) and _CHANGE_WORDS.search(question) and previous:
        return Route(chosen if chosen in keys and chosen != keys[0] else latest, across="changes", question=question)
    m = _NAMED_REPORT.search(question)
    if m and m.group(1) in keys:
        return Route(m.group(1), named=True, question=_without(question, m))
    m = _PREVIOUS_REPORT.search(question)
    if previous and m:
        return Route(previous, named=True, question=_without(question, m))
    if chosen in keys:
        return Route(chosen, named=True, question=question)
    asked = {int(y) for y in re.findall(r"\b(20\d\d)\b", question)}
    if years and asked and not asked & set(years.get(latest, ())) and not TIMELINE.search(question):
        covering = [k for k in keys if asked & set(years.get(k, ()))]
        if covering:
            return Route(covering[-1], question=question)
    return Route(latest, question=question)


def _without(question: str, m: re.Match) -> str:
    """"wat stond er in de rapportage van 2025 over X?" -> "wat stond er over X?": the report's
    name is no topic to search for."""
    return re.sub(r"\s{2,}", " ", question[:m.start()] + " " + question[m.end():]).strip()


def latest_statement(row: ActionRow) -> tuple[str, str]:
    """(cell, text): the newest thing a row says. "Idem." means: as the status column said."""
    rest = idem_rest(row)
    if row.voortgang.strip() and not (row.voortgang_idem and not rest):
        return "voortgang", rest or row.voortgang
    return "status", row.status


def _cell_label(row: ActionRow, cell: str) -> str:
    return f"{row.label(cell)} (rapport {row.rapport})"


def changes_answer(old: list[ActionRow], new: list[ActionRow], walk, scope=None, shorten=None, esc=None):
    """The change list between two consecutive reports, grouped by doelstelling. walk: the
    Crosswalk of index/crosswalk.py. Returns (text, changed rows of the new report, quotes)."""
    from .sentences import Quote

    by_old = {r.id: r for r in old}
    by_new = {r.id: r for r in new}
    in_scope = (lambda r: True) if scope is None else scope
    changed = [p for p in walk.pairs if p.status_changed and in_scope(by_new[p.new_id])]
    added = [by_new[i] for i in walk.added if in_scope(by_new[i])]
    dropped = [by_old[i] for i in walk.dropped if in_scope(by_old[i])]
    moved = [p for p in walk.pairs if p.kind == "moved" and in_scope(by_new[p.new_id])]
    reworded = [p for p in walk.pairs if p.kind == "reworded" and in_scope(by_new[p.new_id])]
    n_pairs = sum(1 for p in walk.pairs if in_scope(by_new[p.new_id]))
    old_key, new_key = old[0].rapport, new[0].rapport
    per = new[0].periods
    head = (f"**Sinds de vorige rapportage ({old_key}) melden {len(changed)} van de {n_pairs} acties die in beide "
            f"staan iets nieuws in de {per.voortgang} (rapport {new_key}).**")
    extra = []
    if added:
        extra.append(f"{len(added)} {'actie is' if len(added) == 1 else 'acties zijn'} nieuw")
    if dropped:
        extra.append(f"{len(dropped)} {'actie staat' if len(dropped) == 1 else 'acties staan'} er niet meer in")
    if moved:
        extra.append(f"{len(moved)} naar een andere doelstelling verplaatst")
    if reworded:
        extra.append(f"{len(reworded)} met een anders geformuleerde Wat")
    lines = [head]
    if extra:
        lines.append("Verder: " + "; ".join(extra) + ".")
    quotes: list = []
    groups: "OrderedDict[str, list]" = OrderedDict()
    order = {r.id: i for i, r in enumerate(new)}
    for p in sorted(changed, key=lambda p: order[p.new_id]):
        groups.setdefault(by_new[p.new_id].doelstelling, []).append(p)
    for doel, pairs in groups.items():
        lines += ["", f"*Doelstelling {doel}*"]
        for p in pairs:
            o, n = by_old[p.old_id], by_new[p.new_id]
            note = f" (was {o.id})" if o.id != n.id else ""
            lines.append(f"- **{n.id}**{note} {esc(shorten(n.wat, 100))}")
            ocell, otext = latest_statement(o)
            ncell, ntext = latest_statement(n)
            lines.append(f"  *{_cell_label(o, ocell)}:* {esc(shorten(otext, 160))}")
            lines.append(f"  *{_cell_label(n, ncell)}:* {esc(shorten(ntext, 160))}")
            quotes.append(Quote.of(n, ncell, ntext))
    if added:
        lines += ["", "*Nieuw in deze rapportage*"]
        lines += [f"- **{r.id}** (Doelstelling {r.doelstelling}) {esc(shorten(r.wat, 100))}" for r in added]
    if dropped:
        lines += ["", f"*Niet meer in deze rapportage (stond in rapport {old_key})*"]
        lines += [f"- **{r.id}** (Doelstelling {r.doelstelling}) {esc(shorten(r.wat, 100))}" for r in dropped]
    if moved:
        lines += ["", "*Verplaatst*"]
        lines += [f"- **{by_new[p.new_id].id}**: van doelstelling {by_old[p.old_id].doelstelling} naar "
                  f"{by_new[p.new_id].doelstelling}" for p in moved]
    rows = [by_new[p.new_id] for p in sorted(changed, key=lambda p: order[p.new_id])] + added
    return "\n".join(lines), rows, quotes


def timeline(row: ActionRow, chain: list[ActionRow]) -> list[tuple[str, str, str]]:
    """All periods of one action in time order: (label, rapport, text). chain: the same action in
    the earlier reports, oldest first, then `row`. A period that two reports both carry (the new
    report's status column repeats the old one's Voortgang) is shown once, from the newer report."""
    from index.analyzer import words

    out: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    for r in [*chain, row]:
        for cell in ("status", "voortgang"):
            text = r.cell(cell).strip()
            if not text:
                continue
            if cell == "voortgang" and is_idem(text) and not idem_rest(r):
                text = f"ongewijzigd sinds {r.periods.status_moment}"
            elif out and words(text) == words(out[-1][2]):
                # The new report's status column repeats the old Voortgang word for word.
                text = f"zelfde tekst als {out[-1][0]}"
            label = r.label(cell)
            entry = (label, r.rapport, text)
            if label in seen:
                out[seen[label]] = entry
            else:
                seen[label] = len(out)
                out.append(entry)
    return out


def timeline_lines(entries: list[tuple[str, str, str]], shorten, esc) -> list[str]:
    lines = ["", "**Verloop over de rapportages:**"]
    for label, rapport, text in entries:
        lines.append(f"- *{label}* (rapport {rapport}): {esc(shorten(text, 160))}")
    return lines

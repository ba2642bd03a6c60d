"""The chat's text and HTML, as pure functions (tested without a browser): the user's question as
shown, the engine's Markdown made inert, the filter choices and their Filters, the chat trimmed to
its last turns, and the sources panel. app/dashboard.py builds the other views from the same helpers.

Every piece of text from the document, the user or an LLM is shown as text: `esc` escapes it for
HTML (quotes too, since it also fills attributes such as data-row-id), `inert` neutralises
Markdown links, images and bare URLs in the chat.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from index.analyzer import fold
from ingest import COLUMNS, DOELSTELLINGEN, ActionRow

from .sentences import idem_rest
from .text import clip, esc as _esc  # noqa: F401 - clip is imported from here by the tabs

TITLE = "Werkagenda mbo – vraag en antwoord"
ALLE = "Alle"
MAX_HISTORY = 10  # answers kept per session for follow-up questions
CHAT_TURNS = 10  # question/answer pairs sent back to the browser; older ones are dropped
MAX_SHOWN_QUESTION = 1000  # characters of the user's question shown in the chat
OPEN_SOURCES = 3  # source rows shown unfolded; the rest are collapsed
SOURCES_FULL = 10  # source rows shown with all five cells; more are listed by id (list answers)
SESSION_TTL = 3600  # seconds a session's state lives after its last answer
MAX_SESSIONS = 500  # sessions Gradio keeps in memory (its own default is 10,000); ~50-150 KB each

EMPTY_MESSAGE = (
    "Typ eerst een vraag over de voortgang van de Werkagenda mbo, bijvoorbeeld: "
    "*Wat is de status van het bbl-offensief?*"
)
ERROR_MESSAGE = (
    "Er ging iets mis bij het beantwoorden van deze vraag. Probeer het opnieuw of stel de vraag "
    "anders. (De fout is vastgelegd in het logboek van de server.)"
)
PENDING_MESSAGE = "*Het antwoord wordt geschreven en gecontroleerd tegen de rapportage …*"
TRIMMED_MESSAGE = "*Oudere vragen en antwoorden uit dit gesprek worden niet meer getoond.*"

# Every example must get a real answer: tests/test_ui.py asks each through the engine and fails on
# a refusal, a hedge or an answer without a cited action.


def esc(text: Any) -> str:
    """app.text.esc with quotes escaped: the UI's text also fills attributes; newlines stay newlines
    (shown with white-space: pre-wrap)."""
    return _esc(text, quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~$])")


def user_text(question: str) -> str:
    """The user's question as it appears in the chat: shown as typed, never as markup."""
    q = question.strip()
    if len(q) > MAX_SHOWN_QUESTION:
        q = q[:MAX_SHOWN_QUESTION] + " …"
    # HTML-escape first (so <script> is text), then neutralise Markdown so '**x**' or
    # '[link](url)' show literally too.
    return _MD_SPECIAL.sub(r"\\\1", _esc(q))


_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]{1,30}):(?=/)")
_WWW = re.compile(r"(?i)\b(www)\.")
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")  # "](url)", "][ref]", "]: url" - every link and image needs one
_EMAIL_AT = re.compile(r"(?<=[\w.+\-])@(?=[\w\-]+\.)")


def inert(markdown: str) -> str:
    """Markdown from the engine (the report's words, an LLM's text, a fallback note with a
    server's error) made safe to render: no link, no image, no autolinked URL or e-mail address,
    whatever the text holds. The app's own formatting (bold, italics, lists, "[loopt]") stays.

    How: a Markdown link or image needs "](", "][" or "]:"; that bracket is escaped. "http://",
    "www." and the "@" of an e-mail address are broken with a backslash escape (the renderer shows
    the character; its autolinker no longer sees an address). Backslashes are escaped first, so a
    backslash in the text cannot undo one of these escapes. HTML is escaped by the engine already.
    Few characters change, so text copied from the chat stays readable."""
    s = (markdown or "").replace("\\", "\\\\")
    s = _LINK_CLOSE.sub(r"\\]", s)
    s = _SCHEME.sub(r"\1\\:", s)
    s = _WWW.sub(r"\1\\.", s)
    return _EMAIL_AT.sub(r"\\@", s)


def latest_status(row: ActionRow) -> str:
    """The most recent status of a row, with its period named."""
    per = row.periods
    if row.voortgang_idem:
        text = f"{per.voortgang}: ongewijzigd sinds {per.status_moment}. {per.status}: {row.status}"
        extra = idem_rest(row)
        return text + (f" Aanvulling {per.voortgang_year or 'later'}: {extra}" if extra else "")
    if row.voortgang.strip():
        return f"{per.voortgang}: {row.voortgang}"
    if row.status.strip():
        return f"Geen {per.voortgang[:1].lower() + per.voortgang[1:]} vermeld. {per.status}: {row.status}"
    return "Geen status vermeld."


def party_choices(rows: Iterable[ActionRow]) -> list[str]:
    parties = sorted({p for r in rows for p in r.partijen}, key=lambda p: fold(p))
    return [ALLE] + parties


def doelstelling_choices(rows: Iterable[ActionRow]) -> list[str]:
    present = {r.doelstelling for r in rows}
    ordered = [d for d in DOELSTELLINGEN if d in present] or list(DOELSTELLINGEN)
    extra = sorted(present - set(ordered))
    return [ALLE] + ordered + extra


def prioriteit_choices(rows: Iterable[ActionRow]) -> list[str]:
    present = sorted({r.prioriteit for r in rows}) or [1, 2, 3]
    return [ALLE] + [str(p) for p in present]


def _choice(value: Any) -> str | None:
    """'Alle', '', None -> None; anything else stripped."""
    if value is None:
        return None
    value = str(value).strip()
    return None if not value or fold(value) in ("alle", "all", "none") else value


def stand_choices() -> list[str]:
    from index.stand import STANDS

    return [ALLE, *STANDS]


def make_filters(prioriteit: Any = None, doelstelling: Any = None, partij: Any = None, stand: Any = None):
    """The dropdown values as index.Filters, or None when no filter is set. Nonsense values
    (a priority that is no number, an unknown stand) are ignored rather than raising."""
    from index import Filters
    from index.stand import STANDS

    prio = _choice(prioriteit)
    try:
        prio_int = int(prio) if prio is not None else None
    except ValueError:
        prio_int = None
    doel = _choice(doelstelling)
    if doel:
        doel = doel.replace(",", ".")
    st = _choice(stand)
    f = Filters(prioriteit=prio_int, doelstelling=doel, partij=_choice(partij), stand=st if st in STANDS else None)
    return None if f.is_empty() else f


def trim_chat(chat: list[dict], turns: int = CHAT_TURNS) -> list[dict]:
    """The last `turns` question/answer pairs (a pair starts at a user message), with a note
    on top when older ones were dropped."""
    msgs = [m for m in chat if m.get("content") != TRIMMED_MESSAGE]
    dropped = len(msgs) < len(chat)
    starts = [i for i, m in enumerate(msgs) if m.get("role") == "user"]
    if len(starts) > turns:
        msgs, dropped = msgs[starts[-turns]:], True
    return ([{"role": "assistant", "content": TRIMMED_MESSAGE}] if dropped else []) + msgs


# ---------------------------------------------------------------- HTML for rows (escaped)


def row_cells_html(row: ActionRow, periods: Sequence[str] = (), stand: str = "") -> str:
    """The five cells of a row, labelled, plus its parties; periods used in an answer marked."""
    used = set(periods)
    items = []
    for col in COLUMNS:
        label = row.label(col)
        value = row.cell(col)
        if col == "voortgang" and row.voortgang_idem:
            extra = idem_rest(row)
            shown = f"Idem. — ongewijzigd sinds {row.periods.status_moment} (zie {row.status_label})"
            value_html = esc(shown) + (f"<br>{esc(extra)}" if extra else "")
        else:
            value_html = esc(value) if value.strip() else "<em>(leeg in de rapportage)</em>"
        cls = ' class="wa-gebruikt"' if col in used else ""
        items.append(f"<dt{cls}>{esc(label)}</dt><dd>{value_html}</dd>")
    meta = f"Doelstelling {esc(row.doelstelling)} · prioriteit {esc(row.prioriteit)}"
    if stand:
        meta += f" · stand: {esc(stand)}"
    parties = f"<br>Partijen: {esc(', '.join(row.partijen))}" if row.partijen else ""
    return f'<dl class="wa-cellen">{"".join(items)}</dl><p class="wa-periode">{meta}{parties}</p>'


def timeline_html(timeline: Sequence[dict]) -> str:
    """The periods of one action across the reports, oldest first (Answer.timeline)."""
    if not timeline:
        return ""
    items = "".join(f"<li><strong>{esc(t['period'])}</strong> (rapport {esc(t['rapport'])}): {esc(t['text'])}</li>"
                    for t in timeline)
    return f'<div class="wa-verloop"><p class="wa-periode">Verloop over de rapportages</p><ol>{items}</ol></div>'


def row_html(row: ActionRow, periods: Sequence[str] = (), open_: bool = True, note: str = "", stand: str = "",
             timeline: Sequence[dict] = ()) -> str:
    """One action with all five columns labelled, its doelstelling and prioriteit (and, with several
    reports, its line through them)."""
    period_names = [row.label(p) for p in COLUMNS if p in set(periods)]
    period_txt = (f' <span class="wa-periode">· periode in het antwoord: {esc(", ".join(period_names))}</span>'
                  if period_names else "")
    note_html = f'<p class="wa-periode">{esc(note)}</p>' if note else ""
    return (
        f'<details class="wa-bron" data-row-id="{esc(row.id)}"{" open" if open_ else ""}>'
        f"<summary><strong>Actie {esc(row.id)}</strong> · Doelstelling {esc(row.doelstelling)} · "
        f"prioriteit {esc(row.prioriteit)}{' · stand: ' + esc(stand) if stand else ''}{period_txt}</summary>"
        f"{note_html}{row_cells_html(row, periods, stand='')}{timeline_html(timeline)}</details>"
    )


SOURCES_EMPTY = (
    '<div class="wa-bronnen"><details class="wa-bronnenbox" open><summary>Bronnen</summary><p>Stel een vraag; hier '
    "verschijnen daarna de acties uit de voortgangsrapportage waarop het antwoord steunt, met alle vijf "
    "kolommen.</p></details></div>"
)


def sources_html(ans, filters=None) -> str:
    """The sources panel for one Answer: every cited row in full (the first SOURCES_FULL; more
    are listed by id); for an abstention the closest rows, clearly marked as not being a source.
    How the answer was made (mode, milliseconds) sits behind a "Details" toggle."""
    if ans is None:
        return SOURCES_EMPTY
    by_id = {r.id: r for r in (ans.rows or [])}
    stands = getattr(ans, "stands", {}) or {}
    cited = [(by_id.get(c.row_id), c) for c in (ans.citations or [])]
    cited = [(r, c) for r, c in cited if r is not None]
    parts = []
    if filters is not None:
        parts.append(f'<p class="wa-periode">Filter: {esc(filters.describe())}</p>')
    if getattr(ans, "rapport", "") and ans.rows:
        parts.append(f'<p class="wa-periode">Uit de voortgangsrapportage {esc(ans.rapport)}</p>')
    if cited and not ans.abstained:
        title = f"Bronnen bij het laatste antwoord ({len(cited)})"
        for i, (row, c) in enumerate(cited[:SOURCES_FULL]):
            parts.append(row_html(row, c.periods, open_=i < OPEN_SOURCES, stand=stands.get(row.id, ""),
                                  timeline=getattr(ans, "timeline", ()) if i == 0 else ()))
        if len(cited) > SOURCES_FULL:
            parts.append(f"<p>En nog {len(cited) - SOURCES_FULL} acties (het tabblad <em>Alle acties</em> toont ze "
                         'volledig):</p><ul class="wa-meer">')
            parts += [f"<li><strong>{esc(r.id)}</strong> · {esc(stands.get(r.id, ''))} · {esc(clip(r.wat, 90))}</li>"
                      for r, _ in cited[SOURCES_FULL:]]
            parts.append("</ul>")
    elif ans.rows:
        title = "Bronnen: geen"
        parts.append("<p><strong>Dit staat niet in de voortgangsrapportage.</strong> Dit zijn de acties die er het "
                     "dichtst bij komen; ze zijn geen bron voor een antwoord.</p>")
        for row in ans.rows[:5]:
            parts.append(row_html(row, (), open_=False))
    else:
        title = "Bronnen: geen"
        parts.append("<p>Bij dit antwoord horen geen bronnen.</p>")
    details = [f"modus: {esc(ans.mode)}", f"{ans.latency_ms:.0f} ms"]
    if getattr(ans, "notice", None):
        details.append(esc(ans.notice))
    parts.append(f'<details class="wa-details"><summary>Details</summary><p>{" · ".join(details)}</p></details>')
    return (f'<div class="wa-bronnen"><details class="wa-bronnenbox" open><summary>{esc(title)}</summary>'
            + "".join(parts) + "</details></div>")

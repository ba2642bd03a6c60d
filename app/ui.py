"""The Gradio app: a Dutch chat over the Werkagenda mbo progress report.

    from app.ui import build_app, launch
    launch()                      # host/port/login from the environment, see `launch`

Four tabs: "Chat" (answers with their sources, filters and example questions), "Overzicht" (per
doelstelling the number of actions by stand, as a stacked bar chart and a table; a click lists
those actions), "Alle acties" (a searchable, filterable list of every row that downloads as CSV
or Excel) and "Voor studenten" (the actions that concern students, by theme, searchable, in
plain words; a tap asks about one in the chat).

Layout: phone first. At <= 480 px wide the chat comes first, then the sources of the answer
(collapsible), then filters and examples; the action list shows two columns (id + Wat) and opens
a row on a tap. At desktop widths the sources sit beside the chat and the action list is a table
with a proportional font. CSS does this (CSS below, one structure for both widths).

Safety:
- every piece of text from the document, the user or an LLM is shown as text. HTML is escaped
  (the engine escapes its answers, `esc` escapes the rest) and, in the chat, which renders
  Markdown, `inert` neutralises link and image syntax and bare URLs, so no text from the report
  or a model can make the browser fetch a URL or show a live link (the app's own bold, italics
  and lists stay);
- with an LLM configured, its text is never shown before the engine checked it: the chat shows
  a "being checked" placeholder, then the checked answer or the extractive fallback;
- per-session memory is bounded: the state expires after WERKAGENDA_SESSION_TTL seconds idle
  (default 3600) and takes Gradio's whole per-session record with it, at most
  WERKAGENDA_MAX_SESSIONS sessions are kept (default 500, oldest dropped first) and the chat sent
  back holds the last CHAT_TURNS turns;
- `LoginGuard` (install it with `guard_app_kwargs()`) throttles failed logins per address and
  closes Gradio's session routes that skip its login check (cancel, reset, heartbeat) to
  visitors without a login.

The endpoint `/chat` (for gradio_client) takes a question and optional filter strings and
returns the answer as Markdown that is safe to render (no HTML, no links, no images).
"""

from __future__ import annotations

import os

from app.process import configure_process

# Before gradio (and huggingface_hub, chromadb) are imported anywhere: importing this module is a
# library entry point (tests/_appserver.py, the bench), so it sets the process up itself.
configure_process()

import atexit  # noqa: E402
import hashlib  # noqa: E402
import html  # noqa: E402
import ipaddress  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import unicodedata  # noqa: E402
from collections import OrderedDict  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Iterable, Sequence  # noqa: E402
from urllib.parse import parse_qs  # noqa: E402

import gradio as gr  # noqa: E402

from ingest import COLUMN_LABELS, COLUMNS, DOELSTELLINGEN, ActionRow  # noqa: E402

TITLE = "Werkagenda mbo – vraag en antwoord"
ALLE = "Alle"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
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
EXAMPLES_STAFF = [
    "Wat is de status van het bbl-offensief?",
    "Wie is verantwoordelijk voor het bbl-offensief?",
    "Wat is er sinds de zomer van 2024 veranderd bij de stages?",
    "Welke acties betreffen doelstelling 1.2?",
    "Welke acties zijn vertraagd of niet uitgevoerd?",
]
EXAMPLES_STUDENTS = [
    "Welke acties betreffen JOB?",
    "Wat gebeurt er tegen stagediscriminatie?",
    "Wat is de stand van zaken met het mbo-studentenfonds?",
    "Hoe staat het met de studentenkaart?",
]

CSS = """
/* ---- general: proportional text everywhere, no sideways scrolling on a phone */
.gradio-container { overflow-x: hidden; }
.wa-titel h1 { font-size: 1.6em; margin: 0.2em 0 0.3em 0; }
.wa-titel p { margin: 0 0 0.4em 0; }
.wa-dot { display: inline-block; width: 0.75em; height: 0.75em; border-radius: 50%; margin-right: 0.35em;
          vertical-align: baseline; border: 1px solid rgba(0,0,0,0.25); }
.wa-st-afgerond { background: #009E73; color: #ffffff; }
.wa-st-loopt { background: #0072B2; color: #ffffff; }
.wa-st-vertraagd { background: #D55E00; color: #ffffff; }
.wa-st-ongewijzigd { background: #999999; color: #000000; }
.wa-st-geen { background: #E8E8E8; color: #000000; }
.wa-st-x { background: #cccccc; color: #000000; }

/* ---- chat tab: a grid, so the order can differ per width without rendering anything twice */
#wa-chatgrid { display: grid !important; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
               grid-template-areas: "gesprek bronnen" "opties bronnen"; column-gap: 1em; row-gap: 0.6em;
               align-items: start; }
#wa-gesprek { grid-area: gesprek; min-width: 0 !important; }
#wa-bronnen { grid-area: bronnen; min-width: 0 !important; }
#wa-opties { grid-area: opties; min-width: 0 !important; }
/* Gradio's "scroll down" arrow would cover the first lines of the answer we just scrolled to (and
   its label is English); the chat box scrolls by hand. */
#wa-chat .scroll-down-button-container { display: none !important; }

/* ---- sources */
.wa-bronnen { font-size: 0.95em; }
.wa-bronnenbox > summary { font-weight: 600; font-size: 1.1em; cursor: pointer; margin-bottom: 0.3em; }
.wa-bron { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.5em 0.8em;
           margin: 0.5em 0; background: var(--background-fill-secondary); }
.wa-bron summary, .wa-kaart summary, .wa-rij summary, .wa-thema summary, .wa-skaart details summary { cursor: pointer; }
dl.wa-cellen { margin: 0.4em 0 0 0; }
dl.wa-cellen dt { font-weight: 600; margin-top: 0.4em; }
dl.wa-cellen dd { margin: 0 0 0 0.8em; white-space: pre-wrap; overflow-wrap: anywhere; }
.wa-periode { font-size: 0.85em; opacity: 0.85; }
dl.wa-cellen dt.wa-gebruikt::after { content: " ✓ gebruikt in het antwoord"; font-weight: 400; font-size: 0.85em;
           opacity: 0.8; }
.wa-details { font-size: 0.85em; opacity: 0.85; margin-top: 0.6em; }
.wa-meer li { margin: 0.15em 0; }

/* ---- Overzicht */
.wa-legenda { display: flex; flex-wrap: wrap; gap: 0.3em 0.8em; margin-bottom: 0.6em; }
.wa-leg { background: none; border: none; padding: 0.2em 0; cursor: pointer; font: inherit; color: inherit;
          text-align: left; }
.wa-swatch { display: inline-block; width: 1em; height: 1em; border-radius: 3px; margin-right: 0.35em;
             vertical-align: text-bottom; border: 1px solid rgba(0,0,0,0.25); }
.wa-prio { font-weight: 600; margin: 0.8em 0 0.2em 0 !important; }
.wa-balkrij { display: flex; align-items: center; gap: 0.4em; margin: 0.25em 0; }
.wa-balklabel { flex: 0 0 3.2em; text-align: right; background: none; border: none; font: inherit; color: inherit;
                cursor: pointer; padding: 0; text-decoration: underline dotted; }
.wa-balk { display: flex; min-width: 1.6em; height: 1.9em; max-width: calc(100% - 6.5em); }
.wa-seg { border: 1px solid rgba(255,255,255,0.8); min-width: 1.4em; padding: 0; font: inherit; font-size: 0.85em;
          cursor: pointer; overflow: hidden; flex-basis: 0; }
.wa-seg:hover, .wa-seg:focus { outline: 2px solid var(--color-accent); outline-offset: -2px; }
.wa-totaal { font-size: 0.85em; opacity: 0.8; }
.wa-ovtabel { border-collapse: collapse; margin-top: 1.2em; width: 100%; font-variant-numeric: tabular-nums; }
.wa-ovtabel caption { text-align: left; font-weight: 600; margin-bottom: 0.3em; }
.wa-ovtabel th, .wa-ovtabel td { border: 1px solid var(--border-color-primary); padding: 0.25em 0.4em;
                                  text-align: center; }
.wa-ovtabel thead th { vertical-align: bottom; font-weight: 600; hyphens: none; word-break: normal;
                       overflow-wrap: normal; }
.wa-ovtabel tbody th { text-align: left; }
.wa-ovtabel .wa-prio-rij th { text-align: left; background: var(--background-fill-secondary); }
.wa-cel { background: none; border: none; font: inherit; color: var(--link-text-color, inherit); cursor: pointer;
          text-decoration: underline; padding: 0.1em 0.5em; }
.wa-nul { opacity: 0.45; }
.wa-gekozen h3 { margin-top: 0.4em; }

/* ---- cards (Overzicht list) and the action list */
.wa-kaart { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.45em 0.7em; margin: 0.4em 0; }
.wa-stand-tekst { font-size: 0.85em; opacity: 0.85; }
.wa-acties { font-size: 0.95em; }
.wa-legenda-klein { font-size: 0.85em; margin: 0 0 0.5em 0; display: flex; flex-wrap: wrap; gap: 0.2em 0.9em; }
.wa-kop, .wa-rij > summary { display: grid; column-gap: 0.6em; align-items: start;
    grid-template-columns: 6.2em 7.3em 6.2em 8.5em minmax(0, 3fr) minmax(0, 1.6fr) 8em minmax(0, 2.6fr); }
.wa-kop { font-weight: 600; border-bottom: 2px solid var(--border-color-primary); padding: 0.3em 0.4em;
          position: sticky; top: 0; background: var(--background-fill-primary); z-index: 1; }
.wa-kop span { white-space: nowrap; hyphens: none; word-break: normal; }
.wa-rij { border-bottom: 1px solid var(--border-color-primary); }
.wa-rij > summary { list-style: none; padding: 0.35em 0.4em; }
.wa-rij > summary::-webkit-details-marker { display: none; }
.wa-rij > summary:hover { background: var(--background-fill-secondary); }
.wa-rij[open] > summary { background: var(--background-fill-secondary); font-weight: 600; }
.wa-rij > summary span { overflow-wrap: anywhere; hyphens: manual; min-width: 0; }
.wa-rij .c0 { white-space: nowrap; }
.wa-rij-body { padding: 0.2em 0.8em 0.8em 0.8em; }

/* ---- Voor studenten */
.wa-thema { border: 1px solid var(--border-color-primary); border-radius: 8px; margin: 0.5em 0; padding: 0.4em 0.7em; }
.wa-thema > summary { font-weight: 600; font-size: 1.05em; }
.wa-skaart { border-top: 1px solid var(--border-color-primary); padding: 0.5em 0; }
.wa-skaart p { margin: 0.15em 0; }
.wa-skaart-titel { font-weight: 600; }
.wa-skaart-tekst { font-size: 0.92em; }
.wa-vraagknop { margin: 0.35em 0; padding: 0.45em 0.7em; border-radius: 6px; cursor: pointer; font: inherit;
                text-align: left; border: 1px solid var(--button-secondary-border-color, #ccc);
                background: var(--button-secondary-background-fill, #f4f4f5);
                color: var(--button-secondary-text-color, inherit); }
.wa-n { font-weight: 400; opacity: 0.75; }
#wa-export { align-items: center; gap: 0.6em; }
#wa-export > * { flex: 0 0 auto !important; min-width: 0 !important; }

/* ---- phone: one column, chat first, its sources right under it, then the options */
@media (max-width: 480px) {
  .wa-titel h1 { font-size: 1.25em; }
  .wa-titel p { font-size: 0.9em; }
  /* all four tabs on one line (Gradio moves tabs that do not fit into a "more" menu) */
  #wa-tabs .tab-container button { padding-left: 0.45em; padding-right: 0.45em; font-size: 0.92em; }
  #wa-chatgrid { grid-template-columns: minmax(0, 1fr); grid-template-areas: "gesprek" "bronnen" "opties"; }
  #wa-chat { height: 58vh !important; max-height: 58vh !important; }
  #wa-chat .message-row .message { padding: 0.5em 0.65em; }
  .wa-kop, .wa-rij > summary { grid-template-columns: 5.6em minmax(0, 1fr); }
  .wa-kop .c1, .wa-kop .c2, .wa-kop .c3, .wa-kop .c5, .wa-kop .c6, .wa-kop .c7,
  .wa-rij > summary .c1, .wa-rij > summary .c2, .wa-rij > summary .c3, .wa-rij > summary .c5,
  .wa-rij > summary .c6, .wa-rij > summary .c7 { display: none; }
  .wa-rij > summary .c4 { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .wa-rij[open] > summary .c4 { display: block; }
  .wa-ovtabel thead th.wa-kolom span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
                                       display: inline-block; text-align: left; }
  .wa-ovtabel th, .wa-ovtabel td { padding: 0.2em 0.15em; }
  .wa-cel { padding: 0.1em 0.3em; }
}
"""

# Gradio picks its own labels' language from the browser (navigator.language). This runs when the
# page's first component renders and switches Gradio's i18n to Dutch whatever the browser says,
# by calling the frontend's own changeLocale (found by its chunk name, so it survives rebuilds
# of the same Gradio version; if it is ever not found the page simply stays as it was).
LOCALE_JS = """
const switchToDutch = () => {
  const urls = performance.getEntriesByType('resource').map((e) => e.name)
    .concat([...document.querySelectorAll('link[rel=modulepreload], script[type=module]')].map((e) => e.href || e.src));
  const core = urls.find((u) => /\\/assets\\/core-[\\w-]+\\.js(\\?|$)/.test(u || ''));
  if (!core) return;
  import(core).then((m) => { if (typeof m.changeLocale === 'function') m.changeLocale('nl'); }).catch(() => {});
};
switchToDutch();
document.documentElement.setAttribute('lang', 'nl');
"""

# After an answer: the start of the new answer in view (Gradio's own autoscroll, switched off,
# would show its end), inside the chat box and, on a phone, on the page.
SCROLL_JS = """
() => {
  const rows = document.querySelectorAll('#wa-chat .message-row.bot-row, #wa-chat .bot-row');
  const last = rows[rows.length - 1];
  if (!last) return;
  let box = last.parentElement;
  while (box && box !== document.body) {
    const s = getComputedStyle(box);
    if (/(auto|scroll)/.test(s.overflowY) && box.scrollHeight > box.clientHeight) break;
    box = box.parentElement;
  }
  if (box && box !== document.body) {
    box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
  }
  const chat = document.querySelector('#wa-chat');
  if (chat) {
    const r = chat.getBoundingClientRect();
    if (r.top < 0 || r.top > window.innerHeight * 0.5) chat.scrollIntoView({block: 'start'});
  }
}
"""

# After a click in the Overzicht: the list it opened in view (on a phone it is below the chart).
SHOW_LIST_JS = """
() => { const el = document.querySelector('#wa-overzicht-lijst'); if (el) el.scrollIntoView({block: 'start'}); }
"""

# Dutch for the few Gradio labels its own Dutch translation lacks ("Copy message" is English in
# every locale but two). Used when the browser is switched to Dutch (LOCALE_JS) and as a fallback
# for an English browser if that switch ever fails.
GRADIO_DUTCH = {
    "chatbot.copy_message": "Bericht kopiëren",
    "chatbot.copied_message": "Gekopieerd",
    "chatbot.clear": "Gesprek wissen",
    "common.use_via_api": "Gebruik via API",
    "common.settings": "Instellingen",
    "common.download": "Downloaden",
    "common.error": "Fout",
    "common.loading": "Laden",
}


def dutch_i18n() -> gr.I18n:
    return gr.I18n(nl=dict(GRADIO_DUTCH), en=dict(GRADIO_DUTCH))


# ---------------------------------------------------------------- text helpers (pure, tested)


def esc(text: Any) -> str:
    """Escape anything for HTML; newlines stay newlines (shown with white-space: pre-wrap)."""
    return html.escape("" if text is None else str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~$])")


def user_text(question: str) -> str:
    """The user's question as it appears in the chat: shown as typed, never as markup."""
    q = question.strip()
    if len(q) > MAX_SHOWN_QUESTION:
        q = q[:MAX_SHOWN_QUESTION] + " …"
    # HTML-escape first (so <script> is text), then neutralise Markdown so '**x**' or
    # '[link](url)' show literally too.
    return _MD_SPECIAL.sub(r"\\\1", html.escape(q, quote=False))


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


def fold(text: str) -> str:
    """Lower case without accents, for searching ('geïnformeerd' ~ 'geinformeerd')."""
    nfkd = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower()


def shorten(text: str, limit: int = 160) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


def idem_extra(row: ActionRow) -> str:
    """Text after 'Idem.' in a Voortgang cell that starts with it (often empty)."""
    return re.sub(r"^\s*idem\.?\s*", "", row.voortgang or "", flags=re.I).strip()


def latest_status(row: ActionRow) -> str:
    """The most recent status of a row, with its period named."""
    if row.voortgang_idem:
        text = f"Voortgang (2025): ongewijzigd sinds zomer 2024. Status zomer 2024: {row.status_2024}"
        extra = idem_extra(row)
        return text + (f" Aanvulling 2025: {extra}" if extra else "")
    if row.voortgang.strip():
        return f"Voortgang (2025): {row.voortgang}"
    if row.status_2024.strip():
        return f"Geen voortgang (2025) vermeld. Status zomer 2024: {row.status_2024}"
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


def describe_filters(f) -> str:
    if f is None:
        return ""
    parts = []
    if f.prioriteit is not None:
        parts.append(f"prioriteit {f.prioriteit}")
    if f.doelstelling:
        parts.append(f"doelstelling {f.doelstelling}")
    if f.partij:
        parts.append(f"partij {f.partij}")
    if getattr(f, "stand", None):
        parts.append(f"stand {f.stand}")
    return ", ".join(parts)


def row_matches(row: ActionRow, prioriteit: Any, doelstelling: Any, partij: Any, query: str,
                stand: Any = None, row_stand: str = "") -> bool:
    """The "Alle acties" filter for one row (the same rule as the export: app/export.py)."""
    from app.export import select_rows

    return bool(select_rows([row], {row.id: row_stand}, prioriteit=prioriteit, doelstelling=doelstelling,
                            partij=partij, stand=stand, query=query))


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
        label = COLUMN_LABELS[col]
        value = row.cell(col)
        if col == "voortgang" and row.voortgang_idem:
            extra = idem_extra(row)
            shown = "Idem. — ongewijzigd sinds zomer 2024 (zie Status zomer 2024)"
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


def row_html(row: ActionRow, periods: Sequence[str] = (), open_: bool = True, note: str = "", stand: str = "") -> str:
    """One action with all five columns labelled, its doelstelling and prioriteit."""
    period_names = [COLUMN_LABELS[p] for p in COLUMNS if p in set(periods)]
    period_txt = (f' <span class="wa-periode">· periode in het antwoord: {esc(", ".join(period_names))}</span>'
                  if period_names else "")
    note_html = f'<p class="wa-periode">{esc(note)}</p>' if note else ""
    return (
        f'<details class="wa-bron" data-row-id="{esc(row.id)}"{" open" if open_ else ""}>'
        f"<summary><strong>Actie {esc(row.id)}</strong> · Doelstelling {esc(row.doelstelling)} · "
        f"prioriteit {esc(row.prioriteit)}{' · stand: ' + esc(stand) if stand else ''}{period_txt}</summary>"
        f"{note_html}{row_cells_html(row, periods, stand='')}</details>"
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
        parts.append(f'<p class="wa-periode">Filter: {esc(describe_filters(filters))}</p>')
    if cited and not ans.abstained:
        title = f"Bronnen bij het laatste antwoord ({len(cited)})"
        for i, (row, c) in enumerate(cited[:SOURCES_FULL]):
            parts.append(row_html(row, c.periods, open_=i < OPEN_SOURCES, stand=stands.get(row.id, "")))
        if len(cited) > SOURCES_FULL:
            parts.append(f"<p>En nog {len(cited) - SOURCES_FULL} acties (het tabblad <em>Alle acties</em> toont ze "
                         'volledig):</p><ul class="wa-meer">')
            parts += [f"<li><strong>{esc(r.id)}</strong> · {esc(stands.get(r.id, ''))} · {esc(shorten(r.wat, 90))}</li>"
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


# ---------------------------------------------------------------- answering


def _reply(text: str):
    """An Answer that does not come from the engine (empty question, an internal error)."""
    from app.engine import Answer

    return Answer(text, abstained=True, kind="empty")


def safe_answer(engine, question: Any, history=None, filters=None):
    """engine.answer that never raises: an empty question gets a Dutch hint, an error a Dutch
    apology (the traceback goes to the server log, never to the user)."""
    q = "" if question is None else str(question)
    if not q.strip():
        return _reply(EMPTY_MESSAGE)
    try:
        return engine.answer(q, history=history or None, filters=filters)
    except Exception:  # noqa: BLE001 - the user sees a Dutch message, the log the details
        print("Fout bij het beantwoorden van een vraag:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return _reply(ERROR_MESSAGE)


def checked_answer(engine, question: str, history=None, filters=None):
    """The final Answer, LLM or not, and never the LLM's unchecked text: in LLM mode the engine's
    stream is consumed to its end (its intermediate text is dropped) and only the checked Answer
    it ends with is returned."""
    if getattr(engine, "llm", None) is None or not hasattr(engine, "answer_stream"):
        return safe_answer(engine, question, history, filters)
    ans = None
    try:
        for item in engine.answer_stream(str(question), history=history or None, filters=filters):
            if not isinstance(item, str):
                ans = item
    except Exception:  # noqa: BLE001 - same contract as safe_answer
        print("Fout bij het beantwoorden van een vraag:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        ans = None
    return ans if ans is not None else _reply(ERROR_MESSAGE)


def session_limits(env=None) -> tuple[float, int]:
    """(seconds a session's state lives after its last answer, sessions kept) from
    WERKAGENDA_SESSION_TTL and WERKAGENDA_MAX_SESSIONS; nonsense falls back to the defaults."""
    env = os.environ if env is None else env
    try:
        ttl = float(env.get("WERKAGENDA_SESSION_TTL") or SESSION_TTL)
    except ValueError:
        ttl = SESSION_TTL
    try:
        cap = int(env.get("WERKAGENDA_MAX_SESSIONS") or MAX_SESSIONS)
    except ValueError:
        cap = MAX_SESSIONS
    return (ttl if ttl > 0 else SESSION_TTL), max(1, cap)


def new_state(session: str = "") -> dict:
    return {"chat": [], "answers": [], "session": session}


class ExportFiles:
    """The download files for a selection of rows, written once per selection into a private
    temporary directory and kept for the last `keep` selections (older ones are removed, so
    typing in the search box cannot fill the disk)."""

    def __init__(self, keep: int = 64):
        self.dir = Path(tempfile.mkdtemp(prefix="werkagenda-export-"))
        atexit.register(shutil.rmtree, self.dir, ignore_errors=True)  # nothing left in /tmp after a stop
        self.keep = keep
        self._made: "OrderedDict[str, tuple[str, str]]" = OrderedDict()
        self._lock = threading.Lock()

    def files(self, rows: Sequence[ActionRow], stands: dict) -> tuple[str, str]:
        from app.export import write_export

        key = hashlib.sha256("\n".join(r.id for r in rows).encode()).hexdigest()[:16]
        with self._lock:
            if key in self._made:
                self._made.move_to_end(key)
                return self._made[key]
            where = self.dir / key
            csv_path = write_export(rows, stands, where / "werkagenda-acties.csv", "csv")
            xlsx_path = write_export(rows, stands, where / "werkagenda-acties.xlsx", "xlsx")
            self._made[key] = (str(csv_path), str(xlsx_path))
            while len(self._made) > self.keep:
                old, _ = self._made.popitem(last=False)
                shutil.rmtree(self.dir / old, ignore_errors=True)
            return self._made[key]


# ---------------------------------------------------------------- login guard (ASGI middleware)


TOO_BIG = b"\x00too big"  # a sentinel no real body is compared against by identity


async def read_body(receive, limit: int):
    """An ASGI request body, read whole but never more than `limit` bytes: the body, TOO_BIG, or
    None when the client went away. Used by the login guard and the API's size limit."""
    body, more = b"", True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > limit:
            return TOO_BIG
    return body


def replayer(body: bytes, receive):
    """An ASGI `receive` that hands the app the body read already, then the real channel."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class LoginGuard:
    """ASGI middleware for Gradio's own app. Install it with `app_kwargs=guard_app_kwargs()` in
    `demo.launch(...)` or `gr.mount_gradio_app(...)`. Two jobs:

    1. Throttle logins. Gradio's POST /login checks a password as often as it is asked (200
       wrong passwords took 0.2 s). Here, after FREE_ATTEMPTS failed logins from one client
       address, the next attempt from that address is allowed only after a delay that doubles
       with every further failure (1, 2, 4 … s, at most MAX_DELAY); until then it is answered
       429 with Retry-After and not checked at all, so parallel guesses gain nothing. A
       successful login clears the address. Every failure and refusal is logged to stderr with
       the address, the username and the count, never the password. The address is the TCP
       peer: behind a reverse proxy every visitor shares the proxy's address (then the proxy
       should throttle).

    2. Close session routes that skip Gradio's login check. With a login configured, Gradio
       still answers these without one: POST /gradio_api/cancel (cancels the running job of any
       session whose hash is given), POST /gradio_api/reset (a no-op today), GET
       /gradio_api/heartbeat/{session} (opens a stream per call; on disconnect it marks that
       session closed and ends its pending jobs) and POST /gradio_api/stream/… (media streams,
       unused here). Session hashes are random and never shown to others, so guessing one is
       impractical, but none of these needs to work for a visitor who is not logged in: they get
       401. Without a login configured everything passes unchanged (the app is then open to
       whoever can reach it anyway).
    """

    FREE_ATTEMPTS = 5
    BASE_DELAY = 1.0
    MAX_DELAY = 300.0
    MAX_ADDRESSES = 10_000  # addresses remembered; the oldest are forgotten first
    FORGET_AFTER = 3600.0  # seconds after which an address's failures are forgotten
    MAX_FORM = 64 * 1024  # bytes of a login form read before giving up (413)
    SESSION_PATHS = ("/gradio_api/cancel", "/gradio_api/reset")
    SESSION_PREFIXES = ("/gradio_api/heartbeat/", "/gradio_api/stream/")

    def __init__(self, app, clock=time.monotonic, log=None):
        self.app = app
        self.clock = clock
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self._seen: "OrderedDict[str, dict]" = OrderedDict()
        self._lock = threading.Lock()

    # -- the policy (pure bookkeeping; no I/O)

    def delay(self, over: int) -> float:
        """Seconds to wait after `over` failures beyond the free ones (1 -> BASE_DELAY)."""
        return min(self.MAX_DELAY, self.BASE_DELAY * 2 ** max(0, over - 1))

    def _record(self, addr: str, now: float) -> dict:
        rec = self._seen.get(addr)
        if rec is None or now - rec["last"] > self.FORGET_AFTER and rec["pending"] == 0:
            rec = {"failures": 0, "pending": 0, "next": 0.0, "last": now}
        self._seen[addr] = rec
        self._seen.move_to_end(addr)
        while len(self._seen) > self.MAX_ADDRESSES:
            self._seen.popitem(last=False)
        rec["last"] = now
        return rec

    def admit(self, addr: str) -> float:
        """0 when an attempt from addr may be checked now (and it is counted as pending), else the
        seconds to wait."""
        with self._lock:
            now = self.clock()
            rec = self._record(addr, now)
            used = rec["failures"] + rec["pending"]
            if used >= self.FREE_ATTEMPTS:
                if now < rec["next"]:
                    return rec["next"] - now
                # Reserve this slot: attempts racing this one wait for the next delay.
                rec["next"] = now + self.delay(used + 1 - self.FREE_ATTEMPTS)
            rec["pending"] += 1
            return 0.0

    def settle(self, addr: str, ok: bool) -> tuple[int, float]:
        """Record the outcome of an admitted attempt; returns (failures, seconds until the next
        attempt is allowed)."""
        with self._lock:
            now = self.clock()
            rec = self._record(addr, now)
            rec["pending"] = max(0, rec["pending"] - 1)
            if ok:
                self._seen.pop(addr, None)
                return 0, 0.0
            rec["failures"] += 1
            if rec["failures"] >= self.FREE_ATTEMPTS:
                rec["next"] = max(rec["next"], now + self.delay(rec["failures"] + 1 - self.FREE_ATTEMPTS))
            return rec["failures"], max(0.0, rec["next"] - now)

    # -- ASGI

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        root = scope.get("root_path", "") or ""
        if root and path.startswith(root):
            path = path[len(root):] or "/"
        method = scope.get("method", "GET")
        if method == "POST" and path.rstrip("/").endswith("/login"):
            return await self._login(scope, receive, send)
        if (path.rstrip("/") in self.SESSION_PATHS or path.startswith(self.SESSION_PREFIXES)) \
                and not self._logged_in(scope):
            return await _json_response(send, 401, {"detail": "Niet ingelogd."})
        return await self.app(scope, receive, send)

    def _logged_in(self, scope) -> bool:
        app = scope.get("app")
        if app is None or (getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None):
            return True  # no login configured: nothing to protect beyond what is open anyway
        if getattr(app, "auth", None) is None:
            return True  # an external auth_dependency decides (not used by this app)
        cookies = _cookies(scope)
        cid = getattr(app, "cookie_id", "")
        token = cookies.get(f"access-token-{cid}") or cookies.get(f"access-token-unsecure-{cid}")
        return bool(token) and token in getattr(app, "tokens", {})

    async def _login(self, scope, receive, send):
        addr = (scope.get("client") or ("onbekend", 0))[0]
        body = await read_body(receive, self.MAX_FORM)
        if body is None:
            return
        if body is TOO_BIG:
            return await _json_response(send, 413, {"detail": "Inlogformulier te groot."})
        try:
            username = parse_qs(body.decode("utf-8", "replace")).get("username", [""])[0]
        except ValueError:
            username = ""
        shown_user = ascii(username[:64])  # no newlines or control characters in the log
        wait = self.admit(addr)
        if wait > 0:
            seconds = math.ceil(wait)
            self.log(f"Inlogpoging geweigerd vanaf {addr} (gebruikersnaam {shown_user}): te veel mislukte pogingen, "
                     f"nog {seconds} s wachten.")
            return await _json_response(
                send, 429, {"detail": f"Te veel mislukte inlogpogingen. Probeer het over {seconds} seconden opnieuw."},
                headers=[(b"retry-after", str(seconds).encode())])

        replay = replayer(body, receive)
        status = {}

        async def watch(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, replay, watch)
        finally:
            code = status.get("code", 500)
            if code < 400:
                self.settle(addr, ok=True)
            else:
                failures, wait = self.settle(addr, ok=False)
                extra = f"; volgende poging over {math.ceil(wait)} s" if wait > 0 else ""
                self.log(f"Mislukte inlogpoging {failures} vanaf {addr} (gebruikersnaam {shown_user}){extra}.")


def _cookies(scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                if "=" in part:
                    k, v = part.split("=", 1)
                    out[k.strip()] = v.strip()
    return out


async def _json_response(send, status: int, payload: dict, headers=()) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


def guard_app_kwargs() -> dict:
    """app_kwargs for demo.launch() / gr.mount_gradio_app(): installs LoginGuard on Gradio's app
    (where it can see Gradio's login tokens)."""
    from starlette.middleware import Middleware

    return {"middleware": [Middleware(LoginGuard)]}


# ---------------------------------------------------------------- the app


def build_app(engine) -> gr.Blocks:
    from app import dashboard as views
    from app.export import select_rows

    rows: list[ActionRow] = list(engine.rows)
    try:
        student_rows: list[ActionRow] = list(engine.student_rows())
    except Exception:  # noqa: BLE001 - a missing rule must not take the app down
        traceback.print_exc(file=sys.stderr)
        student_rows = []
    student_ids = {r.id for r in student_rows}
    prio_choices = prioriteit_choices(rows)
    doel_choices = doelstelling_choices(rows)
    partij_choices = party_choices(rows)
    stands = dict(getattr(engine, "stands", {}) or {})
    if not stands:
        from index.stand import stands as derive

        stands = derive(rows)
    ttl, cap = session_limits()
    exports = ExportFiles()
    all_csv, all_xlsx = exports.files(rows, stands)

    # -- handlers

    def _state(state, request) -> dict:
        state = dict(state) if isinstance(state, dict) else new_state()
        sid = getattr(request, "session_hash", None) if request is not None else None
        if sid:
            state["session"] = sid
        return state

    def respond(question, prioriteit, doelstelling, partij, stand, state, request: gr.Request = None):
        """One question: the user's message, then (LLM mode only) a visible "being checked"
        placeholder, then the checked answer. An empty question gets its own hint message; the
        answers so far (for follow-ups) and the sources panel stay as they were."""
        state = _state(state, request)
        chat = list(state.get("chat", []))
        q = "" if question is None else str(question)
        if not q.strip():
            chat = trim_chat(chat + [{"role": "assistant", "content": EMPTY_MESSAGE}])
            state.update(chat=chat)
            yield chat, state, gr.update(), gr.update()
            return
        answers = list(state.get("answers", []))
        f = make_filters(prioriteit, doelstelling, partij, stand)
        label = user_text(q)
        if f is not None:
            label += f"\n\n*(filter: {esc(describe_filters(f))})*"
        chat.append({"role": "user", "content": label})
        if getattr(engine, "llm", None) is not None:
            yield trim_chat(chat + [{"role": "assistant", "content": PENDING_MESSAGE}]), gr.update(), gr.update(), ""
        ans = checked_answer(engine, q, history=answers, filters=f)
        chat.append({"role": "assistant", "content": inert(ans.text)})
        chat = trim_chat(chat)
        state.update(chat=chat, answers=(answers + [ans])[-MAX_HISTORY:])
        yield chat, state, sources_html(ans, f), ""

    def reset(state, request: gr.Request = None):
        return [], new_state(_state(state, request).get("session", "")), SOURCES_EMPTY, ""

    def forget_session(value) -> None:
        """gr.State's delete_callback: the state expired (idle for `ttl` seconds), so drop the
        whole per-session record Gradio keeps (copies of every output this session received),
        not just this value."""
        sid = value.get("session") if isinstance(value, dict) else None
        holder = getattr(demo, "state_holder", None)
        if sid and holder is not None:
            with holder.lock:
                holder.session_data.pop(sid, None)
                holder.time_last_used.pop(sid, None)

    def api_chat(vraag: str, prioriteit: str = ALLE, doelstelling: str = ALLE, partij: str = ALLE,
                 stand: str = ALLE) -> str:
        """Beantwoord één vraag over de Werkagenda mbo (zonder gespreksgeschiedenis).

        Args:
            vraag: de vraag in het Nederlands
            prioriteit: 'Alle' of 1, 2, 3
            doelstelling: 'Alle' of 1.1 ... 3.4
            partij: 'Alle' of een partij zoals JOB
            stand: 'Alle' of een stand zoals 'afgerond'
        Returns:
            het antwoord als Markdown (HTML-veilig, zonder links of afbeeldingen)
        """
        f = make_filters(prioriteit, doelstelling, partij, stand)
        if not str(vraag or "").strip():
            return inert(EMPTY_MESSAGE)
        return inert(checked_answer(engine, vraag, filters=f).text)

    def filter_table(query, prioriteit, doelstelling, partij, stand=ALLE):
        found = select_rows(rows, stands, prioriteit=prioriteit, doelstelling=doelstelling, partij=partij,
                            stand=stand, query=query or "")
        count = f"**{len(found)} van {len(rows)} acties**" + (" — geen acties gevonden." if not found else "")
        csv_path, xlsx_path = exports.files(found, stands)
        return (views.actions_html(found, stands), count,
                gr.DownloadButton(value=csv_path, interactive=bool(found)),
                gr.DownloadButton(value=xlsx_path, interactive=bool(found)))

    def pick_overview(evt: gr.SelectData):
        return views.picked_html(rows, stands, getattr(evt, "value", None))

    def search_students(query):
        return views.students_html(student_rows, stands, query or "")

    def ask_student(evt: gr.SelectData, state, request: gr.Request = None):
        """A tap on a student card: its short question in the chat, with every visible filter
        set to what the question is asked with (none: the question names its subject)."""
        row_id = getattr(evt, "value", None)
        row = next((r for r in student_rows if r.id == row_id), None) \
            if isinstance(row_id, str) and row_id in student_ids else None
        if row is None:  # not a card of this page (the value comes from the browser)
            yield tuple(gr.update() for _ in range(9))
            return
        question = views.student_topic(row)[2]
        for chat, new_state, panel, box in respond(question, ALLE, ALLE, ALLE, ALLE, state, request):
            yield chat, new_state, panel, box, gr.Tabs(selected="chat"), ALLE, ALLE, ALLE, ALLE

    # -- layout

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        gr.HTML(
            f'<div class="wa-titel"><h1>{esc(TITLE)}</h1><p>Vragen over de <strong>voortgangsrapportage van de '
            "Werkagenda mbo</strong>. De antwoorden komen letterlijk uit de rapportage, met de actie en de periode "
            "erbij; staat iets er niet in, dan zegt de assistent dat.</p></div>",
            js_on_load=LOCALE_JS, elem_id="wa-kopblok", padding=False,
        )
        state = gr.State(new_state(), time_to_live=ttl, delete_callback=forget_session)
        with gr.Tabs(elem_id="wa-tabs") as tabs:
            with gr.Tab("Chat", id="chat"):
                with gr.Column(elem_id="wa-chatgrid"):
                    with gr.Column(elem_id="wa-gesprek"):
                        chatbot = gr.Chatbot(
                            label="Gesprek",
                            show_label=False,
                            elem_id="wa-chat",
                            height=520,
                            autoscroll=False,
                            group_consecutive_messages=False,
                            latex_delimiters=[],
                            sanitize_html=True,
                            allow_tags=False,
                            feedback_options=None,
                            buttons=["copy"],
                            placeholder="Stel hieronder een vraag over de Werkagenda mbo.",
                        )
                        with gr.Row(elem_id="wa-invoer"):
                            question = gr.Textbox(
                                show_label=False,
                                label="Vraag",
                                placeholder="Stel een vraag, bijv. over het bbl-offensief",
                                lines=1,
                                max_lines=4,
                                scale=5,
                                elem_id="wa-vraag",
                            )
                            send = gr.Button("Verstuur", variant="primary", scale=1, min_width=90,
                                             elem_id="wa-verstuur")
                    sources = gr.HTML(SOURCES_EMPTY, elem_id="wa-bronnen", js_on_load=None)
                    with gr.Column(elem_id="wa-opties"):
                        with gr.Row():
                            f_prio = gr.Dropdown(prio_choices, value=ALLE, label="Prioriteit", elem_id="wa-f-prio",
                                                 min_width=110)
                            f_doel = gr.Dropdown(doel_choices, value=ALLE, label="Doelstelling", elem_id="wa-f-doel",
                                                 min_width=110)
                            f_partij = gr.Dropdown(partij_choices, value=ALLE, label="Partij", filterable=True,
                                                   elem_id="wa-f-partij", min_width=110)
                            f_stand = gr.Dropdown(stand_choices(), value=ALLE, label="Stand", elem_id="wa-f-stand",
                                                  min_width=110)
                        new_chat = gr.Button("Nieuw gesprek", variant="secondary", size="sm", elem_id="wa-nieuw")
                        gr.Examples(EXAMPLES_STAFF, inputs=[question], label="Voorbeeldvragen voor medewerkers")
                        gr.Examples(EXAMPLES_STUDENTS, inputs=[question], label="Voorbeeldvragen voor studenten")

            with gr.Tab("Overzicht", id="overzicht"):
                gr.Markdown(
                    f"**Hoe ver zijn de {len(rows)} acties?** Per doelstelling (gegroepeerd per prioriteit) het aantal "
                    "acties naar hun stand, afgeleid uit de *Voortgang (2025)* en de *Status zomer 2024*. Klik op een "
                    "balk, een kleur in de legenda of een getal in de tabel voor de acties zelf."
                )
                overview = gr.HTML(views.overview_html(rows, stands), js_on_load=views.PICK_JS,
                                   elem_id="wa-overzicht")
                overview_list = gr.HTML(views.OVERVIEW_HINT, elem_id="wa-overzicht-lijst", js_on_load=None)

            with gr.Tab("Alle acties", id="acties"):
                gr.Markdown("Alle acties uit de rapportage. Zoek op woorden (alle woorden moeten voorkomen) of filter; "
                            "tik of klik op een actie om alle vijf kolommen te zien. De knoppen downloaden precies "
                            "de acties die hieronder staan.")
                with gr.Row():
                    t_query = gr.Textbox(label="Zoeken", placeholder="bijv. stage, JOB, 2.3-01", scale=3,
                                         elem_id="wa-zoek", min_width=160)
                    t_prio = gr.Dropdown(prio_choices, value=ALLE, label="Prioriteit", scale=1, min_width=110,
                                         elem_id="wa-t-prio")
                    t_doel = gr.Dropdown(doel_choices, value=ALLE, label="Doelstelling", scale=1, min_width=110,
                                         elem_id="wa-t-doel")
                    t_partij = gr.Dropdown(partij_choices, value=ALLE, label="Partij", filterable=True, scale=1,
                                           min_width=110, elem_id="wa-t-partij")
                    t_stand = gr.Dropdown(stand_choices(), value=ALLE, label="Stand", scale=1, min_width=110,
                                          elem_id="wa-t-stand")
                t_count = gr.Markdown(f"**{len(rows)} van {len(rows)} acties**", elem_id="wa-telling")
                with gr.Row(elem_id="wa-export"):
                    csv_button = gr.DownloadButton("CSV downloaden", value=all_csv, size="sm", elem_id="wa-csv",
                                                   variant="secondary", min_width=140, scale=0)
                    xlsx_button = gr.DownloadButton("Excel downloaden", value=all_xlsx, size="sm", elem_id="wa-xlsx",
                                                    variant="secondary", min_width=140, scale=0)
                table = gr.HTML(views.actions_html(rows, stands), elem_id="wa-tabel", js_on_load=None)

            with gr.Tab("Voor studenten", id="studenten"):
                gr.Markdown(
                    f"**{len(student_rows)} acties die studenten direct aangaan**, per onderwerp. Het gaat om acties "
                    "waarbij JOB (de landelijke studentenorganisatie) meedoet of die over studenten zelf gaan, zoals "
                    "stages, het studentenfonds of de studentenkaart. Zoek op een woord of open een onderwerp; met "
                    "de knop stel je er een korte vraag over in de chat."
                )
                s_query = gr.Textbox(label="Zoeken", placeholder="bijv. stage, geld, welzijn, studentenkaart",
                                     elem_id="wa-s-zoek")
                students = gr.HTML(views.students_html(student_rows, stands), js_on_load=views.PICK_JS,
                                   elem_id="wa-studenten")

        # -- events (UI only: private; the public API is /chat below)
        chat_outputs = [chatbot, state, sources, question]
        chat_inputs = [question, f_prio, f_doel, f_partij, f_stand, state]
        for event in (send.click, question.submit):
            event(respond, chat_inputs, chat_outputs, api_visibility="private", show_progress="minimal") \
                .then(None, None, None, js=SCROLL_JS, api_visibility="private")
        new_chat.click(reset, [state], chat_outputs, api_visibility="private")
        chatbot.clear(reset, [state], chat_outputs, api_visibility="private")
        students.select(ask_student, [state],
                        [chatbot, state, sources, question, tabs, f_prio, f_doel, f_partij, f_stand],
                        api_visibility="private").then(None, None, None, js=SCROLL_JS, api_visibility="private")
        s_query.change(search_students, [s_query], [students], api_visibility="private", show_progress="hidden")
        overview.select(pick_overview, None, [overview_list], api_visibility="private") \
            .then(None, None, None, js=SHOW_LIST_JS, api_visibility="private")

        table_inputs = [t_query, t_prio, t_doel, t_partij, t_stand]
        table_outputs = [table, t_count, csv_button, xlsx_button]
        for comp in (t_prio, t_doel, t_partij, t_stand):
            comp.change(filter_table, table_inputs, table_outputs, api_visibility="private", show_progress="hidden")
        t_query.change(filter_table, table_inputs, table_outputs, api_visibility="private", show_progress="hidden")

        gr.api(api_chat, api_name="chat")
    # Gradio's own per-session record lives until evicted; keep fewer than its 10,000 (used as is by
    # gr.mount_gradio_app; demo.launch() must be given state_session_capacity=demo.state_session_capacity).
    demo.state_session_capacity = cap
    # Dutch labels for the bits of Gradio's chrome its own Dutch translation lacks (kept by
    # gr.mount_gradio_app unless it is given its own i18n; demo.launch() needs i18n=demo.i18n_instance).
    demo.i18n_instance = dutch_i18n()
    return demo


# ---------------------------------------------------------------- launching


def THEME() -> gr.themes.Base:
    """Gradio's default look with the system's own fonts: no web fonts at all (Gradio 6 ships its
    theme fonts locally, but the system stack renders more reliably and loads nothing)."""
    system = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "monospace"]
    return gr.themes.Default(font=system, font_mono=mono)


def is_loopback(host: str) -> bool:
    h = (host or "").strip().strip("[]")
    if h.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def bind_warning(host: str, auth) -> str | None:
    """The Dutch warning for a bind beyond this computer without a login, else None."""
    if is_loopback(host) or auth:
        return None
    return (
        f"WAARSCHUWING: de app luistert op {host}, dus ook andere computers kunnen hem bereiken, en er is geen "
        "login ingesteld. Iedereen die dit adres kan bereiken kan vragen stellen. Stel WERKAGENDA_USER en "
        "WERKAGENDA_PASSWORD in voor een login, of gebruik WERKAGENDA_HOST=127.0.0.1 om alleen op deze computer "
        "te luisteren."
    )


class LaunchError(ValueError):
    """A launch setting that cannot work; the message is Dutch."""


def resolve_settings(host: str | None = None, port: int | str | None = None, auth=None,
                     env: dict | None = None) -> tuple[str, int, tuple[str, str] | None]:
    """Explicit arguments win, then WERKAGENDA_HOST / WERKAGENDA_PORT / WERKAGENDA_USER +
    WERKAGENDA_PASSWORD, then 127.0.0.1:7860 without login."""
    env = os.environ if env is None else env
    host = (host or env.get("WERKAGENDA_HOST") or DEFAULT_HOST).strip()
    raw_port = port if port not in (None, "") else (env.get("WERKAGENDA_PORT") or DEFAULT_PORT)
    try:
        port_int = int(raw_port)
    except (TypeError, ValueError):
        raise LaunchError(f"WERKAGENDA_PORT '{raw_port}' is geen poortnummer.") from None
    if not 1 <= port_int <= 65535:
        raise LaunchError(f"Poort {port_int} bestaat niet; kies een nummer van 1 tot en met 65535.")
    if auth is None:
        user = (env.get("WERKAGENDA_USER") or "").strip()
        password = env.get("WERKAGENDA_PASSWORD") or ""
        if user and password:
            auth = (user, password)
        elif user or password:
            raise LaunchError("Zet zowel WERKAGENDA_USER als WERKAGENDA_PASSWORD voor een login (nu is er maar één "
                              "van beide ingesteld).")
    return host, port_int, auth


WARM_UP_DELAY = 1.5  # seconds between serving the first page and warming up the engine (see launch)


def launch(host: str | None = None, port: int | None = None, auth=None, engine=None) -> int:
    """Start the app and block. Returns a process exit code (0 after a normal stop).

    One server, one port, one engine: the Gradio app mounted on a FastAPI app that also serves the
    JSON API (app/api.py) under /api."""
    try:
        host, port, auth = resolve_settings(host, port, auth)
    except LaunchError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    warning = bind_warning(host, auth)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    warm_up = engine is None
    if engine is None:
        engine = _load_engine()
        if isinstance(engine, int):
            return engine
    demo = build_app(engine)
    demo.queue(default_concurrency_limit=_concurrency())

    from app.api import Warmth, bind_socket, create_server_app, run_server

    # Bound only now: a configuration error above must stop the app before any port is opened.
    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        print(f"Fout: kan niet luisteren op {host}:{port} ({exc.strerror or exc}). Is de poort al in gebruik? "
              "Kies een andere met WERKAGENDA_PORT of --port.", file=sys.stderr)
        return 1
    warmth = Warmth()
    app = create_server_app(engine, demo, host=host, auth=auth, warmth=warmth, gradio_kwargs=dict(
        auth_message="Log in om vragen te stellen over de Werkagenda mbo." if auth else None,
        show_error=False,
        footer_links=["api", "settings"],
        run_history=False,
        enable_monitoring=False,
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        theme=THEME(),
        css=CSS,
        app_kwargs=guard_app_kwargs(),
    ))
    print(f"De Werkagenda-assistent start op http://{_url_host(host)}:{port}"
          + (" (met login)" if auth else "") + f"; JSON-API op /api (uitleg: /api/docs)", flush=True)

    def started() -> None:
        # The first answer loads lazily initialised parts (the embedding model's tokenizer and
        # weights, ~1 s of CPU): paid just after the page is up rather than before it, and a moment
        # later still, so that the first page and its scripts are not served while it holds the
        # GIL (measured: ~0.3 s later first page otherwise). A question that comes in meanwhile
        # waits for the lock the warm-up holds, and gets the same answer.
        if warm_up:
            time.sleep(WARM_UP_DELAY)
            warmth.warm(engine, EXAMPLES_STAFF[0])
        else:
            warmth.done.set()

    try:
        run_server(app, sock, on_started=started)
    finally:
        sock.close()
    return 0


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _concurrency() -> int:
    try:
        return max(1, int(os.environ.get("WERKAGENDA_CONCURRENCY", "4")))
    except ValueError:
        return 4


def _load_engine():
    from app.engine import StartupError, load_engine

    try:
        return load_engine()
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return exc.code


if __name__ == "__main__":
    sys.exit(launch())

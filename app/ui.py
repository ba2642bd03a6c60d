"""The Gradio app: a Dutch chat over the Werkagenda mbo progress report.

    from app.ui import build_app, launch
    launch()                      # host/port/login from the environment, see `launch`

This module is the page: its layout (`build_app`: the Blocks, the CSS, the scripts) and starting
it (`launch`). What the events do is in app/ui_handlers.py, the chat's text and HTML in
app/ui_text.py, the other views in app/dashboard.py, the login guard in app/ui_guard.py.

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
  (the engine escapes its answers, `ui_text.esc` escapes the rest) and, in the chat, which renders
  Markdown, `inert` neutralises link and image syntax and bare URLs, so no text from the report
  or a model can make the browser fetch a URL or show a live link (the app's own bold, italics
  and lists stay);
- with an LLM configured, its text is never shown before the engine checked it: the chat shows
  a "being checked" placeholder, then the checked answer or the extractive fallback;
- per-session memory is bounded: the state expires after WERKAGENDA_SESSION_TTL seconds idle
  (default 3600) and takes Gradio's whole per-session record with it, at most
  WERKAGENDA_MAX_SESSIONS sessions are kept (default 500, oldest dropped first) and the chat sent
  back holds the last CHAT_TURNS turns;
- `ui_guard.LoginGuard` (install it with `guard_app_kwargs()`) throttles failed logins per address and
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

import ipaddress  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gradio as gr  # noqa: E402

from ingest.model import DEFAULT_PERIODS  # noqa: E402
from ingest.periods import Periods  # noqa: E402

from .ui_guard import guard_app_kwargs  # noqa: E402
from .ui_handlers import Handlers, new_state, session_limits  # noqa: E402
from .ui_text import (ALLE, SOURCES_EMPTY, TITLE, doelstelling_choices, esc, inert, party_choices,  # noqa: E402
                      prioriteit_choices, stand_choices)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860

# Every example must get a real answer: tests/test_ui.py asks each through the engine and fails on
# a refusal, a hedge or an answer without a cited action.
def examples_staff(periods: Periods = DEFAULT_PERIODS, several_reports: bool = False) -> list[str]:
    """The staff's example questions, in the periods of the report the chat answers from."""
    moment = re.sub(r"^(\w+) (20\d\d)$", r"de \1 van \2", periods.status_moment)  # "de zomer van 2024"
    out = [
        "Wat is de status van het bbl-offensief?",
        "Wie is verantwoordelijk voor het bbl-offensief?",
        f"Wat is er sinds {moment} veranderd bij de stages?",
        "Welke acties betreffen doelstelling 1.2?",
        "Welke acties zijn vertraagd of niet uitgevoerd?",
    ]
    if several_reports:
        out.append("Wat is er veranderd sinds de vorige rapportage?")
    return out


EXAMPLES_STAFF = examples_staff()
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


# ---------------------------------------------------------------- the page


def build_app(engine) -> gr.Blocks:
    """The page for one engine: four tabs, their components, and each event wired to a handler."""
    from app import dashboard as views

    h = Handlers(engine)
    rows, student_rows, stands = h.rows, h.student_rows, h.stands
    current = getattr(engine, "rapport", rows[0].rapport if rows else "")
    reports = list(getattr(engine, "reports", {}) or [current])
    per = rows[0].periods
    changes = engine.changes_since_previous() if len(reports) > 1 else None
    prio_choices = prioriteit_choices(rows)
    doel_choices = doelstelling_choices(rows)
    partij_choices = party_choices(rows)
    ttl, cap = session_limits()
    all_csv, all_xlsx = h.exports.files(rows, stands)

    # Gradio deep-copies its config, State props included, for every /config request: a bound
    # method there would copy the Handlers and the engine with them (measured: /config went from
    # ~10 ms to 1-2 s once the engine had answered). A function is copied by reference.
    def forget_session(value) -> None:
        h.forget_session(value)

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
                            # Shown with several reports only: the latest answers unless another is chosen.
                            f_rapport = gr.Dropdown(list(reversed(reports)), value=current, label="Rapport",
                                                    elem_id="wa-f-rapport", min_width=110, visible=len(reports) > 1)
                        new_chat = gr.Button("Nieuw gesprek", variant="secondary", size="sm", elem_id="wa-nieuw")
                        gr.Examples(examples_staff(per, len(reports) > 1), inputs=[question], label="Voorbeeldvragen voor medewerkers")
                        gr.Examples(EXAMPLES_STUDENTS, inputs=[question], label="Voorbeeldvragen voor studenten")

            with gr.Tab("Overzicht", id="overzicht"):
                gr.Markdown(
                    f"**Hoe ver zijn de {len(rows)} acties?** Per doelstelling (gegroepeerd per prioriteit) het aantal "
                    f"acties naar hun stand, afgeleid uit de *{per.voortgang}* en de *{per.status}*. Klik op een "
                    "balk, een kleur in de legenda of een getal in de tabel voor de acties zelf."
                    + (f" (Voortgangsrapportage {current}.)" if len(reports) > 1 else "")
                )
                overview = gr.HTML(views.overview_html(rows, stands), js_on_load=views.PICK_JS,
                                   elem_id="wa-overzicht")
                overview_list = gr.HTML(views.OVERVIEW_HINT, elem_id="wa-overzicht-lijst", js_on_load=None)
                if changes is not None:
                    # With several reports: what changed since the previous one, as the chat answers it.
                    with gr.Accordion("Veranderd sinds de vorige rapportage", open=False, elem_id="wa-veranderd"):
                        gr.Markdown(inert(changes.text), elem_id="wa-veranderd-lijst")

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
        chat_inputs = [question, f_prio, f_doel, f_partij, f_stand, state, f_rapport]
        for event in (send.click, question.submit):
            event(h.respond, chat_inputs, chat_outputs, api_visibility="private", show_progress="minimal") \
                .then(None, None, None, js=SCROLL_JS, api_visibility="private")
        new_chat.click(h.reset, [state], chat_outputs, api_visibility="private")
        chatbot.clear(h.reset, [state], chat_outputs, api_visibility="private")
        students.select(h.ask_student, [state],
                        [chatbot, state, sources, question, tabs, f_prio, f_doel, f_partij, f_stand],
                        api_visibility="private").then(None, None, None, js=SCROLL_JS, api_visibility="private")
        s_query.change(h.search_students, [s_query], [students], api_visibility="private", show_progress="hidden")
        overview.select(h.pick_overview, None, [overview_list], api_visibility="private") \
            .then(None, None, None, js=SHOW_LIST_JS, api_visibility="private")

        table_inputs = [t_query, t_prio, t_doel, t_partij, t_stand]
        table_outputs = [table, t_count, csv_button, xlsx_button]
        for comp in (t_prio, t_doel, t_partij, t_stand):
            comp.change(h.filter_table, table_inputs, table_outputs, api_visibility="private", show_progress="hidden")
        t_query.change(h.filter_table, table_inputs, table_outputs, api_visibility="private", show_progress="hidden")

        gr.api(h.api_chat, api_name="chat")
    # Gradio's own per-session record lives until evicted; keep fewer than its 10,000 (used as is by
    # gr.mount_gradio_app; demo.launch() must be given state_session_capacity=demo.state_session_capacity).
    h.demo = demo
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
        from app.engine import StartupError, load_engine

        try:
            engine = load_engine()
        except StartupError as exc:
            print(exc, file=sys.stderr)
            return exc.code
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


if __name__ == "__main__":
    sys.exit(launch())


"""The Gradio app: a Dutch chat over the Werkagenda mbo progress report.

    from app.ui import build_app, launch
    launch()                      # host/port/login from the environment, see `launch`

Three tabs: "Chat" (answers with a sources panel and filters), "Alle acties" (a searchable,
filterable table of every row) and "Voor studenten" (the actions that concern students, each
with its latest status and a button that asks about it in the chat).

Safety: every piece of text that comes from the document or from the user is HTML-escaped
before it is shown; the answer text from the engine is already escaped. The endpoint
`/chat` (for gradio_client) takes a question and optional filter strings and returns the
answer Markdown.
"""

from __future__ import annotations

import os

# Before gradio (and huggingface_hub, chromadb) are imported anywhere: no analytics, no version
# check, no hub look-ups, no telemetry. Forced, not defaulted: this app never phones home.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import functools  # noqa: E402
import html  # noqa: E402
import ipaddress  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
import unicodedata  # noqa: E402
from typing import Any, Iterable, Sequence  # noqa: E402

import gradio as gr  # noqa: E402

from ingest import COLUMN_LABELS, COLUMNS, DOELSTELLINGEN, ActionRow  # noqa: E402

TITLE = "Werkagenda mbo – vraag en antwoord"
ALLE = "Alle"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
MAX_HISTORY = 20  # answers kept per session for follow-up questions
MAX_SHOWN_QUESTION = 1000  # characters of the user's question shown in the chat
OPEN_SOURCES = 3  # source rows shown unfolded; the rest are collapsed

EMPTY_MESSAGE = (
    "Typ eerst een vraag over de voortgang van de Werkagenda mbo, bijvoorbeeld: "
    "*Wat is de status van het bbl-offensief?*"
)
ERROR_MESSAGE = (
    "Er ging iets mis bij het beantwoorden van deze vraag. Probeer het opnieuw of stel de vraag "
    "anders. (De fout is vastgelegd in het logboek van de server.)"
)

EXAMPLES_STAFF = [
    "Wat is de status van het bbl-offensief?",
    "Wie is verantwoordelijk voor het bbl-offensief?",
    "Wat is er sinds de zomer van 2024 veranderd bij de stages?",
    "Welke acties betreffen doelstelling 1.2?",
]
EXAMPLES_STUDENTS = [
    "Wat doet de werkagenda voor studenten?",
    "Welke acties betreffen JOB?",
    "Wat gebeurt er tegen stagediscriminatie?",
    "Wat is de stand van zaken met het mbo-studentenfonds?",
]

CSS = """
.wa-bronnen { font-size: 0.95em; }
.wa-bron { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.5em 0.8em;
           margin: 0.5em 0; background: var(--background-fill-secondary); }
.wa-bron summary { cursor: pointer; }
.wa-bron dl { margin: 0.4em 0 0 0; }
.wa-bron dt { font-weight: 600; margin-top: 0.4em; }
.wa-bron dd { margin: 0 0 0 0.8em; white-space: pre-wrap; }
.wa-bron .wa-periode { font-size: 0.85em; opacity: 0.85; }
.wa-bron dt.wa-gebruikt::after { content: " ✓ gebruikt in het antwoord"; font-weight: 400; font-size: 0.85em;
           opacity: 0.8; }
.wa-student { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.3em 0.6em;
              margin-bottom: 0.2em; }
"""


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
    f = make_filters(prioriteit, doelstelling, partij, stand)
    if f is not None:
        if f.stand and row_stand != f.stand:
            return False
        if f.prioriteit is not None and row.prioriteit != f.prioriteit:
            return False
        if f.doelstelling and row.doelstelling != f.doelstelling:
            return False
        if f.partij and fold(f.partij) not in {fold(p) for p in row.partijen}:
            return False
    terms = fold(query or "").split()
    if terms:
        hay = fold(" ".join([row.id, f"doelstelling {row.doelstelling}", row.wat, row.wie, row.wanneer,
                             row.status_2024, row.voortgang, " ".join(row.partijen)]))
        return all(t in hay for t in terms)
    return True


TABLE_HEADERS = ["Actie", "Doelstelling", "Prioriteit", "Stand", "Wat? (ingekort)", "Wie?", "Wanneer?",
                 "Laatste status"]


def table_rows(rows: Sequence[ActionRow], stands: dict | None = None) -> list[list[Any]]:
    stands = stands or {}
    return [
        [r.id, r.doelstelling, str(r.prioriteit), stands.get(r.id, ""), shorten(r.wat, 180), r.wie, r.wanneer,
         shorten(latest_status(r), 260)]
        for r in rows
    ]


# ---------------------------------------------------------------- HTML for rows (escaped)


def row_html(row: ActionRow, periods: Sequence[str] = (), open_: bool = True, note: str = "", stand: str = "") -> str:
    """One action with all five columns labelled, its doelstelling and prioriteit."""
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
    period_names = [COLUMN_LABELS[p] for p in COLUMNS if p in used]
    period_txt = (f' <span class="wa-periode">· periode in het antwoord: {esc(", ".join(period_names))}</span>'
                  if period_names else "")
    parties = (f"<p class=\"wa-periode\">Partijen: {esc(', '.join(row.partijen))}</p>" if row.partijen else "")
    note_html = f'<p class="wa-periode">{esc(note)}</p>' if note else ""
    return (
        f'<details class="wa-bron" data-row-id="{esc(row.id)}"{" open" if open_ else ""}>'
        f"<summary><strong>Actie {esc(row.id)}</strong> · Doelstelling {esc(row.doelstelling)} · "
        f"prioriteit {esc(row.prioriteit)}{' · stand: ' + esc(stand) if stand else ''}{period_txt}</summary>"
        f"{note_html}<dl>{''.join(items)}</dl>{parties}</details>"
    )


SOURCES_EMPTY = (
    '<div class="wa-bronnen"><h3>Bronnen</h3><p>Stel een vraag; hier verschijnen daarna de acties uit de '
    "voortgangsrapportage waarop het antwoord steunt, met alle vijf kolommen.</p></div>"
)


def sources_html(ans, filters=None) -> str:
    """The sources panel for one Answer: every cited row in full; for an abstention the
    closest rows, clearly marked as not being a source."""
    if ans is None:
        return SOURCES_EMPTY
    by_id = {r.id: r for r in (ans.rows or [])}
    parts = ['<div class="wa-bronnen"><h3>Bronnen bij het laatste antwoord</h3>']
    meta = [f"modus: {esc(ans.mode)}", f"{ans.latency_ms:.0f} ms"]
    if filters is not None:
        meta.append(f"filter: {esc(describe_filters(filters))}")
    parts.append(f'<p class="wa-periode">{" · ".join(meta)}</p>')
    cited = [(by_id.get(c.row_id), c) for c in (ans.citations or [])]
    cited = [(r, c) for r, c in cited if r is not None]
    if cited and not ans.abstained:
        stands = getattr(ans, "stands", {}) or {}
        for i, (row, c) in enumerate(cited):
            parts.append(row_html(row, c.periods, open_=i < OPEN_SOURCES, stand=stands.get(row.id, "")))
    elif ans.rows:
        parts.append("<p><strong>Dit staat niet in de voortgangsrapportage.</strong> Dit zijn de acties die er het "
                     "dichtst bij komen; ze zijn geen bron voor een antwoord.</p>")
        for i, row in enumerate(ans.rows[:5]):
            parts.append(row_html(row, (), open_=False))
    else:
        parts.append("<p>Bij dit antwoord horen geen bronnen.</p>")
    parts.append("</div>")
    return "".join(parts)


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


def student_question(row: ActionRow) -> str:
    """The question a 'Voor studenten' button asks: the action's own first words."""
    return f"Wat is de status van de actie: {shorten(row.wat, 110)}"


# ---------------------------------------------------------------- the app


def build_app(engine) -> gr.Blocks:
    rows: list[ActionRow] = list(engine.rows)
    by_id = {r.id: r for r in rows}
    try:
        student_rows: list[ActionRow] = list(engine.student_rows())
    except Exception:  # noqa: BLE001 - a missing rule must not take the app down
        traceback.print_exc(file=sys.stderr)
        student_rows = []
    prio_choices = prioriteit_choices(rows)
    doel_choices = doelstelling_choices(rows)
    partij_choices = party_choices(rows)
    stands = dict(getattr(engine, "stands", {}) or {})

    # -- handlers

    def respond(question, prioriteit, doelstelling, partij, stand, state):
        """Answer in one step, or, when an LLM is configured, stream its text as it comes."""
        if getattr(engine, "llm", None) is None or not str(question or "").strip():
            yield respond_once(question, prioriteit, doelstelling, partij, stand, state)
            return
        state = state or {"chat": [], "answers": []}
        chat = list(state.get("chat", []))
        f = make_filters(prioriteit, doelstelling, partij, stand)
        chat.append({"role": "user", "content": user_text(str(question))})
        ans = None
        try:
            for item in engine.answer_stream(str(question), history=list(state.get("answers", [])), filters=f):
                if isinstance(item, str):
                    yield chat + [{"role": "assistant", "content": item}], state, SOURCES_EMPTY, ""
                else:
                    ans = item
        except Exception:  # noqa: BLE001 - same contract as safe_answer
            traceback.print_exc(file=sys.stderr)
            ans = _reply(ERROR_MESSAGE)
        chat.append({"role": "assistant", "content": ans.text})
        answers = (list(state.get("answers", [])) + [ans])[-MAX_HISTORY:]
        yield chat, {"chat": chat, "answers": answers}, sources_html(ans, f), ""

    def respond_once(question, prioriteit, doelstelling, partij, stand, state):
        state = state or {"chat": [], "answers": []}
        chat = list(state.get("chat", []))
        answers = list(state.get("answers", []))
        q = "" if question is None else str(question)
        f = make_filters(prioriteit, doelstelling, partij, stand)
        if q.strip():
            label = user_text(q)
            if f is not None:
                label += f"\n\n*(filter: {esc(describe_filters(f))})*"
            chat.append({"role": "user", "content": label})
        ans = safe_answer(engine, q, history=answers, filters=f)
        chat.append({"role": "assistant", "content": ans.text})
        if q.strip():
            answers = (answers + [ans])[-MAX_HISTORY:]
        new_state = {"chat": chat, "answers": answers}
        return chat, new_state, sources_html(ans, f), ""

    def ask_row(row_id, state):
        row = by_id[row_id]
        for chat, new_state, panel, _ in respond(student_question(row), ALLE, row.doelstelling, ALLE, ALLE, state):
            yield chat, new_state, panel, gr.Tabs(selected="chat")

    def reset():
        return [], {"chat": [], "answers": []}, SOURCES_EMPTY, ""

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
            het antwoord als Markdown (tekst uit de rapportage is al HTML-veilig)
        """
        return safe_answer(engine, vraag, filters=make_filters(prioriteit, doelstelling, partij, stand)).text

    def filter_table(query, prioriteit, doelstelling, partij, stand=ALLE):
        found = [r for r in rows if row_matches(r, prioriteit, doelstelling, partij, query, stand, stands.get(r.id, ""))]
        count = f"**{len(found)} van {len(rows)} acties**" + (" — geen acties gevonden." if not found else "")
        return gr.Dataframe(value=table_rows(found, stands), headers=TABLE_HEADERS), count

    def show_row(evt: gr.SelectData, table):
        try:
            r_idx = evt.index[0] if isinstance(evt.index, (list, tuple)) else int(evt.index)
            values = table.values.tolist() if hasattr(table, "values") else table
            row = by_id.get(str(values[r_idx][0]))
        except Exception:  # noqa: BLE001
            row = None
        if row is None:
            return ""
        return f'<div class="wa-bronnen">{row_html(row, (), open_=True, stand=stands.get(row.id, ""))}</div>'

    # -- layout

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(
            f"# {TITLE}\n"
            "Vragen over de **voortgangsrapportage van de Werkagenda mbo**. De antwoorden komen letterlijk uit de "
            "rapportage: per actie de *Voortgang (2025)* en de *Status zomer 2024*, met de doelstelling erbij. "
            "Staat iets niet in de rapportage, dan zegt de assistent dat."
        )
        state = gr.State({"chat": [], "answers": []})
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="Gesprek",
                            elem_id="wa-chat",
                            height=520,
                            latex_delimiters=[],
                            sanitize_html=True,
                            allow_tags=False,
                            feedback_options=None,
                            buttons=["copy"],
                            placeholder="Stel hieronder een vraag over de Werkagenda mbo.",
                        )
                        with gr.Row():
                            question = gr.Textbox(
                                show_label=False,
                                placeholder="Bijvoorbeeld: wat is de status van het bbl-offensief?",
                                lines=1,
                                max_lines=4,
                                scale=5,
                                elem_id="wa-vraag",
                                autofocus=True,
                            )
                            send = gr.Button("Verstuur", variant="primary", scale=1, min_width=100, elem_id="wa-verstuur")
                        with gr.Row():
                            f_prio = gr.Dropdown(prio_choices, value=ALLE, label="Prioriteit", elem_id="wa-f-prio")
                            f_doel = gr.Dropdown(doel_choices, value=ALLE, label="Doelstelling", elem_id="wa-f-doel")
                            f_partij = gr.Dropdown(partij_choices, value=ALLE, label="Partij", filterable=True,
                                                   elem_id="wa-f-partij")
                            f_stand = gr.Dropdown(stand_choices(), value=ALLE, label="Stand", elem_id="wa-f-stand")
                            new_chat = gr.Button("Nieuw gesprek", variant="secondary", min_width=100)
                        gr.Examples(EXAMPLES_STAFF, inputs=[question], label="Voorbeeldvragen voor medewerkers")
                        gr.Examples(EXAMPLES_STUDENTS, inputs=[question], label="Voorbeeldvragen voor studenten")
                    with gr.Column(scale=2):
                        sources = gr.HTML(SOURCES_EMPTY, elem_id="wa-bronnen")

            with gr.Tab("Alle acties", id="acties"):
                gr.Markdown("Alle acties uit de rapportage. Zoek op woorden (alle woorden moeten voorkomen) of filter; "
                            "klik op een rij om de volledige actie te zien.")
                with gr.Row():
                    t_query = gr.Textbox(label="Zoeken", placeholder="bijv. stage, JOB, 2.3-01", scale=3,
                                         elem_id="wa-zoek")
                    t_prio = gr.Dropdown(prio_choices, value=ALLE, label="Prioriteit", scale=1)
                    t_doel = gr.Dropdown(doel_choices, value=ALLE, label="Doelstelling", scale=1)
                    t_partij = gr.Dropdown(partij_choices, value=ALLE, label="Partij", filterable=True, scale=1)
                    t_stand = gr.Dropdown(stand_choices(), value=ALLE, label="Stand", scale=1, elem_id="wa-t-stand")
                t_count = gr.Markdown(f"**{len(rows)} van {len(rows)} acties**")
                table = gr.Dataframe(
                    value=table_rows(rows, stands),
                    headers=TABLE_HEADERS,
                    interactive=False,
                    wrap=True,
                    max_height=640,
                    column_widths=["7%", "7%", "6%", "9%", "25%", "14%", "9%", "23%"],
                    elem_id="wa-tabel",
                )
                t_detail = gr.HTML("", elem_id="wa-detail")

            with gr.Tab("Voor studenten", id="studenten"):
                gr.Markdown(
                    f"**{len(student_rows)} acties die studenten direct aangaan.** De regel: JOB (de "
                    "studentenorganisatie) is een van de partijen, of de actie gaat over studenten zelf (bijvoorbeeld "
                    "stages, het studentenfonds of studentenvoorzieningen). Per actie de laatste status; met de knop "
                    "stel je er een vraag over in de chat."
                )
                student_buttons: list[tuple[gr.Button, str]] = []
                for r in student_rows:
                    with gr.Group(elem_classes=["wa-student"]):
                        gr.Markdown(
                            f"**Actie {esc(r.id)}** · Doelstelling {esc(r.doelstelling)} · prioriteit {esc(r.prioriteit)}"
                            f"  \n{esc(shorten(r.wat, 220))}  \n*{esc(shorten(latest_status(r), 400))}*"
                        )
                        b = gr.Button(f"Vraag hierover in de chat ({r.id})", size="sm", variant="secondary")
                        student_buttons.append((b, r.id))

        # -- events (UI only: private; the public API is /chat below)
        chat_outputs = [chatbot, state, sources, question]
        chat_inputs = [question, f_prio, f_doel, f_partij, f_stand, state]
        send.click(respond, chat_inputs, chat_outputs, api_visibility="private")
        question.submit(respond, chat_inputs, chat_outputs, api_visibility="private")
        new_chat.click(reset, None, chat_outputs, api_visibility="private")
        chatbot.clear(reset, None, chat_outputs, api_visibility="private")
        for b, row_id in student_buttons:
            b.click(functools.partial(ask_row, row_id), [state], [chatbot, state, sources, tabs],
                    api_visibility="private")

        table_inputs = [t_query, t_prio, t_doel, t_partij, t_stand]
        for comp in (t_prio, t_doel, t_partij, t_stand):
            comp.change(filter_table, table_inputs, [table, t_count], api_visibility="private")
        t_query.change(filter_table, table_inputs, [table, t_count], api_visibility="private")
        table.select(show_row, [table], [t_detail], api_visibility="private")

        gr.api(api_chat, api_name="chat")
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


def launch(host: str | None = None, port: int | None = None, auth=None, engine=None) -> int:
    """Start the app and block. Returns a process exit code (0 after a normal stop)."""
    try:
        host, port, auth = resolve_settings(host, port, auth)
    except LaunchError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    warning = bind_warning(host, auth)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    if engine is None:
        engine = _load_engine()
        if isinstance(engine, int):
            return engine
        # The first answer loads lazily initialised parts of the retrievers; pay that here,
        # not on the first user's question.
        safe_answer(engine, EXAMPLES_STAFF[0])
    demo = build_app(engine)
    demo.queue(default_concurrency_limit=_concurrency())
    print(f"De Werkagenda-assistent start op http://{_url_host(host)}:{port}"
          + (" (met login)" if auth else ""), flush=True)
    try:
        demo.launch(
            server_name=host,
            server_port=port,
            auth=auth,
            auth_message="Log in om vragen te stellen over de Werkagenda mbo." if auth else None,
            share=False,
            inbrowser=False,
            show_error=False,
            quiet=True,
            footer_links=["api", "settings"],
            run_history=False,
            enable_monitoring=False,
            ssr_mode=False,
            pwa=False,
            mcp_server=False,
            theme=THEME(),
            css=CSS,
        )
    except OSError as exc:
        print(f"Fout: kan niet luisteren op {host}:{port} ({exc.strerror or exc}). Is de poort al in gebruik? "
              "Kies een andere met WERKAGENDA_PORT of --port.", file=sys.stderr)
        return 1
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

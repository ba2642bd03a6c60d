"""The app's views besides the chat, as HTML strings: the "Overzicht" (actions per doelstelling by
stand, as a stacked bar chart and a table), the action list of "Alle acties" and the cards of
"Voor studenten".

Pure functions of the rows and their stands (index/stand.py); app/ui.py puts them in gr.HTML
components. Every piece of document text is HTML-escaped here (ui_text.esc) and shown as text: a
gr.HTML component renders HTML, never Markdown, so "[klik](http://…)" in a cell stays those
characters. Clickable parts are <button>s with a data-pick attribute; one small script per
component (PICK_JS) turns a click into a Gradio "select" event whose value is that attribute, so
the server decides what a click shows and a forged value can only select nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

from index.analyzer import fold
from ingest import ActionRow

from .sentences import idem_rest
from .ui_text import clip, esc, row_cells_html

# One script for every clickable view: a click on (or inside) an element with data-pick sends a
# select event with that value. Delegated from the component's root, so it keeps working when
# the server replaces the HTML inside.
PICK_JS = """
element.addEventListener('click', (event) => {
  const el = event.target.closest('[data-pick]');
  if (!el || !element.contains(el)) return;
  event.preventDefault();
  trigger('select', {index: 0, value: el.getAttribute('data-pick')});
});
"""

# Colours per stand are in app/ui.py CSS (.wa-st-afgerond …; Okabe-Ito colours, distinguishable
# with the common colour-vision deficiencies); every segment also carries its count and a label.

# "Voor studenten": the stand in everyday words.
PLAIN_STAND = {
    "afgerond": "Klaar",
    "loopt": "Mee bezig",
    "vertraagd of niet uitgevoerd": "Vertraagd of (nog) niet gedaan",
}


def plain_stand(stand: str, row: ActionRow) -> str:
    """The stand in everyday words; the two that name a period name the row's own."""
    from index.stand import GEEN_VOORTGANG, stand_key

    per = row.periods
    if stand_key(stand) == "ongewijzigd":
        return f"Niets nieuws sinds {per.status_moment}"
    if stand == GEEN_VOORTGANG:
        return f"Geen nieuws over {per.voortgang_year or 'de laatste periode'}"
    return PLAIN_STAND.get(stand, stand)


def stand_order() -> tuple[str, ...]:
    from index.stand import STANDS

    return tuple(STANDS)


def stand_class(stand: str) -> str:
    """The CSS class of a stand: wa-st- and its first word (wa-st-afgerond, wa-st-vertraagd …)."""
    first = (stand or "").split(" ", 1)[0]
    return f"wa-st-{first}" if stand in stand_order() else "wa-st-x"


def stand_dot(stand: str) -> str:
    return f'<i class="wa-dot {stand_class(stand)}" title="{esc(stand)}" aria-hidden="true"></i>'


# ---------------------------------------------------------------- Overzicht


def overview_counts(rows: Sequence[ActionRow], stands: Mapping[str, str]) -> list[tuple[int, list[tuple[str, Counter]]]]:
    """[(prioriteit, [(doelstelling, Counter(stand -> n)), …]), …] in report order."""
    groups: dict[int, dict[str, Counter]] = {}
    for r in rows:
        groups.setdefault(r.prioriteit, {}).setdefault(r.doelstelling, Counter())[stands.get(r.id, "")] += 1
    return [(prio, list(doels.items())) for prio, doels in groups.items()]


def _pick(doel: str = "", stand: str = "") -> str:
    return esc(f"{doel}|{stand}")


def _count_label(n: int) -> str:
    return f"{n} {'actie' if n == 1 else 'acties'}"


def overview_html(rows: Sequence[ActionRow], stands: Mapping[str, str]) -> str:
    """The stacked bar chart (one bar per doelstelling, grouped by prioriteit, segments by stand)
    and the same numbers as a table. Bars are scaled to the largest doelstelling, so their
    lengths compare; every segment and every non-zero cell is a button that lists its actions."""
    data = overview_counts(rows, stands)
    order = stand_order()
    biggest = max((sum(c.values()) for _, doels in data for _, c in doels), default=1) or 1
    out = ['<div class="wa-overzicht">']
    # legend: also a way to list every action with one stand
    out.append('<div class="wa-legenda" aria-label="Legenda">')
    totals = Counter(stands.get(r.id, "") for r in rows)
    for stand in order:
        out.append(f'<button type="button" class="wa-leg" data-pick="{_pick("", stand)}">'
                   f'<i class="wa-swatch {stand_class(stand)}" aria-hidden="true"></i>{esc(stand)} '
                   f'<span class="wa-n">({totals.get(stand, 0)})</span></button>')
    out.append("</div>")
    out.append('<div class="wa-grafiek" role="group" aria-label="Acties per doelstelling naar stand">')
    for prio, doels in data:
        out.append(f'<p class="wa-prio">Prioriteit {esc(prio)}</p>')
        for doel, counts in doels:
            total = sum(counts.values())
            out.append('<div class="wa-balkrij">')
            out.append(f'<button type="button" class="wa-balklabel" data-pick="{_pick(doel)}" '
                       f'aria-label="Doelstelling {esc(doel)}: {_count_label(total)}">{esc(doel)}</button>')
            out.append(f'<div class="wa-balk" style="width: {100 * total / biggest:.1f}%">')
            for stand in order:
                n = counts.get(stand, 0)
                if not n:
                    continue
                label = f"Doelstelling {doel}, {stand}: {_count_label(n)}"
                out.append(f'<button type="button" class="wa-seg {stand_class(stand)}" style="flex-grow: {n}" '
                           f'data-pick="{_pick(doel, stand)}" title="{esc(label)}" aria-label="{esc(label)}">'
                           f"{n}</button>")
            out.append(f'</div><span class="wa-totaal">{total}</span></div>')
    out.append("</div>")
    # the table: rows are doelstellingen, columns stands
    out.append('<table class="wa-ovtabel"><caption>Aantal acties per doelstelling en stand (klik op een getal '
               "voor de acties)</caption><thead><tr><th scope=\"col\">Doelstelling</th>")
    for stand in order:
        out.append(f'<th scope="col" class="wa-kolom"><span>{stand_dot(stand)}{esc(stand)}</span></th>')
    out.append('<th scope="col" class="wa-kolom"><span>totaal</span></th></tr></thead><tbody>')
    for prio, doels in data:
        out.append(f'<tr class="wa-prio-rij"><th colspan="{len(order) + 2}" scope="rowgroup">Prioriteit {esc(prio)}</th></tr>')
        for doel, counts in doels:
            out.append(f'<tr><th scope="row">{esc(doel)}</th>')
            for stand in order:
                n = counts.get(stand, 0)
                out.append(_cell(n, doel, stand, f"Doelstelling {doel}, {stand}"))
            out.append(_cell(sum(counts.values()), doel, "", f"Doelstelling {doel}, alle standen"))
            out.append("</tr>")
    out.append('</tbody><tfoot><tr><th scope="row">Totaal</th>')
    for stand in order:
        out.append(_cell(totals.get(stand, 0), "", stand, f"Alle doelstellingen, {stand}"))
    out.append(_cell(len(rows), "", "", "Alle acties"))
    out.append("</tr></tfoot></table></div>")
    return "".join(out)


def _cell(n: int, doel: str, stand: str, label: str) -> str:
    if not n:
        return '<td class="wa-nul">0</td>'
    return (f'<td><button type="button" class="wa-cel" data-pick="{_pick(doel, stand)}" '
            f'aria-label="{esc(label)}: {_count_label(n)}">{n}</button></td>')


def parse_pick(value: object, rows: Sequence[ActionRow]) -> tuple[str, str] | None:
    """'1.1|loopt' -> ('1.1', 'loopt'); '' parts mean 'all'. None for anything the report does
    not have (the value comes from the browser and is not trusted)."""
    if not isinstance(value, str) or value.count("|") != 1 or len(value) > 100:
        return None
    doel, stand = (part.strip() for part in value.split("|"))
    if doel and doel not in {r.doelstelling for r in rows}:
        return None
    if stand and stand not in stand_order():
        return None
    return doel, stand


def picked_rows(rows: Sequence[ActionRow], stands: Mapping[str, str], doel: str, stand: str) -> list[ActionRow]:
    return [r for r in rows if (not doel or r.doelstelling == doel) and (not stand or stands.get(r.id) == stand)]


def picked_html(rows: Sequence[ActionRow], stands: Mapping[str, str], value: object) -> str:
    """The actions behind one bar, segment or cell, as expandable cards."""
    pick = parse_pick(value, rows)
    if pick is None:
        return OVERVIEW_HINT
    doel, stand = pick
    chosen = picked_rows(rows, stands, doel, stand)
    what = [f"doelstelling {doel}" if doel else "alle doelstellingen"]
    if stand:
        what.append(f"stand: {stand}")
    head = f"{_count_label(len(chosen))} · {', '.join(what)}"
    return (f'<div class="wa-gekozen"><h3>{esc(head)}</h3>'
            + "".join(action_card(r, stands.get(r.id, "")) for r in chosen) + "</div>")


OVERVIEW_HINT = ('<div class="wa-gekozen"><p>Klik op een balk, een kleur in de legenda of een getal in de tabel: '
                 "dan verschijnen hier die acties.</p></div>")


def action_card(row: ActionRow, stand: str, open_: bool = False) -> str:
    """One action as a card: id, stand and the start of its Wat; tap for all five cells."""
    return (f'<details class="wa-kaart" data-row-id="{esc(row.id)}"{" open" if open_ else ""}>'
            f"<summary>{stand_dot(stand)}<strong>{esc(row.id)}</strong> "
            f'<span class="wa-stand-tekst">{esc(stand)}</span> · {esc(clip(row.wat, 140))}</summary>'
            f"{row_cells_html(row, stand=stand)}</details>")


# ---------------------------------------------------------------- Alle acties

ACTION_COLUMNS = ("Actie", "Doelstelling", "Prioriteit", "Stand", "Wat?", "Wie?", "Wanneer?", "Laatste status")


def latest_short(row: ActionRow, limit: int = 200) -> str:
    if row.voortgang_idem:
        extra = idem_rest(row)
        return f"Ongewijzigd sinds {row.periods.status_moment}." + (f" {clip(extra, limit - 30)}" if extra else "")
    if row.voortgang.strip():
        return clip(row.voortgang, limit)
    if row.status.strip():
        moment = row.periods.status_moment
        return f"{moment[:1].upper() + moment[1:]}: " + clip(row.status, limit - 12)
    return "Geen status vermeld."


def actions_html(rows: Sequence[ActionRow], stands: Mapping[str, str]) -> str:
    """The action list: a table-like grid at desktop widths (one line of eight columns per
    action), two columns (id + Wat) on a phone; every line opens to the whole action. One
    structure for both widths (CSS decides), so nothing is rendered twice."""
    if not rows:
        return '<div class="wa-acties"><p>Geen acties gevonden met deze filters en zoekwoorden.</p></div>'
    # The dot before each id is its stand (on a phone the only sign of it in the list).
    legend = " ".join(f'<span class="wa-leg-item">{stand_dot(s)}{esc(s)}</span>' for s in stand_order())
    out = [f'<div class="wa-acties"><p class="wa-legenda-klein">{legend}</p><div class="wa-kop" aria-hidden="true">']
    for i, name in enumerate(ACTION_COLUMNS):
        out.append(f'<span class="c{i}">{esc(name)}</span>')
    out.append("</div>")
    for r in rows:
        stand = stands.get(r.id, "")
        cells = [
            f"{stand_dot(stand)}{esc(r.id)}", esc(r.doelstelling), esc(r.prioriteit), esc(stand),
            esc(clip(r.wat, 180)), esc(r.wie), esc(r.wanneer), esc(latest_short(r)),
        ]
        out.append(f'<details class="wa-rij" data-row-id="{esc(r.id)}"><summary>')
        out.append("".join(f'<span class="c{i}">{c}</span>' for i, c in enumerate(cells)))
        out.append(f'</summary><div class="wa-rij-body">{row_cells_html(r, stand=stand)}</div></details>')
    out.append("</div>")
    return "".join(out)


# ---------------------------------------------------------------- Voor studenten

THEMES = (
    "Geld en voorzieningen",
    "Studentenleven en meepraten",
    "Welzijn en veiligheid",
    "Stage en werk",
    "Loopbaan en doorstromen",
    "Taal, rekenen en je diploma",
    "Burgerschap",
    "Overig",
)

# Per action that concerns students: its theme, a label in everyday words and the short question
# a tap asks. Written by reading each action; tests/test_ui.py asks every question through the
# engine and checks that the answer is about this action (so a changed report or engine shows up
# as a failing test, not as a wrong answer on a phone).
STUDENT_TOPICS: dict[str, tuple[str, str, str]] = {
    "1.1-01": ("Studentenleven en meepraten", "Het mbo net zo gewaardeerd als hbo en universiteit",
               "Wat doet OCW tegen het hoger-lager denken?"),
    "1.1-03": ("Geld en voorzieningen", "Geld voor studieverenigingen en bestuursbeurzen",
               "Hoe staat het met de bestuursbeurzen voor mbo-studenten?"),
    "1.1-04": ("Geld en voorzieningen", "Het studentenfonds bekender maken",
               "Hoe staat het met het mbo-studentenfonds?"),
    "1.1-05": ("Geld en voorzieningen", "Een studentenkaart voor alle mbo-studenten",
               "Hoe staat het met de studentenkaart?"),
    "1.1-06": ("Studentenleven en meepraten", "Studentenorganisaties praten mee met de minister",
               "Hoe staat het met het overleg van de minister met studentenorganisaties?"),
    "1.1-08": ("Studentenleven en meepraten", "Meedoen aan studentenleven en introductieweken",
               "Kunnen mbo-studenten meedoen aan introductieweken?"),
    "1.1-09": ("Studentenleven en meepraten", "Ervaring opdoen in het buitenland",
               "Hoe staat het met internationale ervaring voor mbo-studenten?"),
    "1.1-10": ("Geld en voorzieningen", "Gratis schoolboeken als je jonger bent dan 18",
               "Krijgen mbo-studenten onder de 18 gratis schoolboeken?"),
    "1.2-01": ("Welzijn en veiligheid", "Praten over mentaal welzijn en veiligheid op school",
               "Wat doen scholen aan mentaal welzijn en veiligheid van studenten?"),
    "1.2-02": ("Welzijn en veiligheid", "Hulp van zorgverleners binnen en buiten school",
               "Hoe staat het met de afspraken over zorg voor studenten binnen en buiten school?"),
    "1.2-03": ("Welzijn en veiligheid", "Extra ondersteuning als je die nodig hebt (passend onderwijs)",
               "Hoe staat het met de verbeteragenda passend onderwijs?"),
    "1.2-05": ("Welzijn en veiligheid", "Somberheid en suïcidale gedachten op tijd zien",
               "Wat gebeurt er tegen depressieve gevoelens bij studenten?"),
    "1.2-06": ("Welzijn en veiligheid", "Kennis over welbevinden voor scholen",
               "Hoe staat het met de kenniscommunity over mentaal welbevinden?"),
    "1.2-07": ("Welzijn en veiligheid", "Meten hoe veilig het is op en rond school",
               "Hoe staat het met de monitor integrale veiligheid?"),
    "1.3-01": ("Taal, rekenen en je diploma", "Meer geld voor opleidingen op niveau 2",
               "Wat gebeurt er met de bekostiging van mbo niveau 2?"),
    "1.3-03": ("Stage en werk", "Begeleiding naar je eerste baan",
               "Krijgen studenten extra begeleiding in de laatste fase van hun opleiding?"),
    "1.4-02": ("Loopbaan en doorstromen", "Soepel doorstromen van vo naar mbo naar hbo",
               "Hoe staat het met de aansluiting tussen vo, mbo en hbo?"),
    "1.4-03": ("Loopbaan en doorstromen", "Van het mbo naar de pabo",
               "Hoe staat het met de doorstroom van mbo naar de pabo?"),
    "2.1-01": ("Loopbaan en doorstromen", "Betere loopbaanbegeleiding op school",
               "Hoe staat het met de loopbaanbegeleiding op mbo-scholen?"),
    "2.1-02": ("Loopbaan en doorstromen", "Eén plan voor loopbaanbegeleiding (LOB)",
               "Hoe staat het met de LOB-beleidsagenda?"),
    "2.1-05": ("Loopbaan en doorstromen", "KiesMBO: beroepen met toekomst beter in beeld",
               "Wat verandert er aan KiesMBO?"),
    "2.1-06": ("Loopbaan en doorstromen", "Een oriëntatieprogramma als je twijfelt of uitvalt",
               "Hoe staat het met het oriëntatieprogramma voor studenten die twijfelen?"),
    "2.1-09": ("Loopbaan en doorstromen", "Opleidingen met een goede kans op werk",
               "Hoe staat het met de aanpak kansrijk opleiden?"),
    "2.2-01": ("Stage en werk", "Stagepact: goede stages en geen stagediscriminatie",
               "Wat gebeurt er tegen stagediscriminatie?"),
    "2.2-02": ("Stage en werk", "Subsidie voor bedrijven die stagiairs begeleiden",
               "Hoe staat het met de subsidie praktijkleren?"),
    "2.3-01": ("Stage en werk", "Meer leren en werken tegelijk (bbl)",
               "Wat is de status van het bbl-offensief?"),
    "3.1-01": ("Taal, rekenen en je diploma", "Onderzoek naar docenten Nederlands, rekenen en burgerschap",
               "Hoe staat het met het onderzoek naar docenten Nederlands, rekenen en burgerschap?"),
    "3.1-02": ("Taal, rekenen en je diploma", "Rekenen en Nederlands die passen bij je beroep",
               "Hoe staat het met rekenen en Nederlands in het mbo?"),
    "3.1-03": ("Taal, rekenen en je diploma", "Extra hulp bij taal en rekenen",
               "Krijgen entree-studenten extra aandacht voor basisvaardigheden?"),
    "3.1-04": ("Taal, rekenen en je diploma", "Achterstanden uit de coronatijd inhalen",
               "Wat gebeurt er met corona-achterstanden?"),
    "3.1-05": ("Taal, rekenen en je diploma", "Meten hoe goed studenten taal en rekenen beheersen",
               "Hoe wordt het niveau van de basisvaardigheden in kaart gebracht?"),
    "3.2-02": ("Taal, rekenen en je diploma", "Duidelijk wat je moet doen voor je diploma",
               "Wordt duidelijker welke inspanningen van studenten worden verwacht?"),
    "3.2-03": ("Burgerschap", "Betere lessen burgerschap",
               "Hoe staat het met de kwaliteit van docenten burgerschap?"),
    "3.2-06": ("Burgerschap", "Meten wat studenten van burgerschap leren",
               "Hoe staat het met de monitoring van burgerschap?"),
    "3.2-07": ("Burgerschap", "Maatschappelijke diensttijd",
               "Hoe staat het met de maatschappelijke diensttijd?"),
    "3.4-05": ("Taal, rekenen en je diploma", "Nieuwe manieren van leren, zoals leren op jouw tempo",
               "Hoe staat het met de open aanpak MBO?"),
    "3.4-10": ("Geld en voorzieningen", "Digitale lesmaterialen",
               "Hoe staat het met de digitale leermiddelen?"),
}


def student_topic(row: ActionRow) -> tuple[str, str, str]:
    """(theme, label, question) for a row; rows added in a later report get a generic one."""
    if row.id in STUDENT_TOPICS:
        return STUDENT_TOPICS[row.id]
    return ("Overig", clip(row.wat, 90), f"Wat is de stand van actie {row.id}?")


def plain_status(row: ActionRow, limit: int = 220) -> str:
    """The latest status in plain words and the report's own text."""
    per = row.periods
    later = per.voortgang_year or "de laatste periode"
    moment = per.status_moment[:1].upper() + per.status_moment[1:]
    if row.voortgang_idem:
        extra = idem_rest(row)
        if extra:
            return f"In {later}: " + clip(extra, limit)
        return f"Sinds {per.status_moment} niets nieuws. Toen: " + clip(row.status, limit)
    if row.voortgang.strip():
        return f"In {later}: " + clip(row.voortgang, limit)
    if row.status.strip():
        return f"Over {later} staat er niets. {moment}: " + clip(row.status, limit)
    return "Er staat geen stand in de rapportage."


def student_matches(row: ActionRow, query: str) -> bool:
    terms = fold(query or "").split()
    if not terms:
        return True
    theme, label, question = student_topic(row)
    hay = fold(" ".join([row.id, theme, label, question, row.wat, row.status, row.voortgang]))
    return all(t in hay for t in terms)


def students_html(rows: Sequence[ActionRow], stands: Mapping[str, str], query: str = "") -> str:
    """Cards grouped by theme. Without a search the themes are closed (a short page on a
    phone); with one, every theme that has a match is open."""
    found = [r for r in rows if student_matches(r, query)]
    if not found:
        return (f'<div class="wa-studenten"><p>Niets gevonden voor <strong>{esc(query)}</strong>. Probeer een ander '
                "woord, bijvoorbeeld stage, geld of welzijn.</p></div>")
    groups: dict[str, list[ActionRow]] = {}
    for r in found:
        groups.setdefault(student_topic(r)[0], []).append(r)
    open_attr = " open" if (query or "").strip() else ""
    out = ['<div class="wa-studenten">']
    if (query or "").strip():
        out.append(f"<p>{_count_label(len(found))} gevonden.</p>")
    for theme in [t for t in THEMES if t in groups] + [t for t in groups if t not in THEMES]:
        members = groups[theme]
        out.append(f'<details class="wa-thema"{open_attr}><summary>{esc(theme)} '
                   f'<span class="wa-n">({len(members)})</span></summary>')
        for r in members:
            _, label, question = student_topic(r)
            stand = stands.get(r.id, "")
            out.append(
                f'<div class="wa-skaart" data-row-id="{esc(r.id)}">'
                f'<p class="wa-skaart-titel">{esc(label)}</p>'
                f'<p class="wa-skaart-stand">{stand_dot(stand)}{esc(plain_stand(stand, r))}</p>'
                f'<p class="wa-skaart-tekst">{esc(plain_status(r))}</p>'
                f'<button type="button" class="wa-vraagknop" data-pick="{esc(r.id)}">Vraag het in de chat: '
                f"{esc(question)}</button>"
                f"<details><summary>Wat staat er precies in de rapportage? (actie {esc(r.id)})</summary>"
                f"{row_cells_html(r, stand=stand)}</details></div>")
        out.append("</details>")
    out.append("</div>")
    return "".join(out)

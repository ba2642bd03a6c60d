"""The question planner: a pure function, tested as a table of questions and the plan they give."""

from dataclasses import replace

import pytest

from app.plan import Plan, find_parties, plan
from index import Filters
from index.stand import AFGEROND, GEEN_VOORTGANG, LOOPT, ONGEWIJZIGD, VERTRAAGD

PARTIES = ["OCW", "JOB", "MBO Raad", "VWS", "VNG", "gemeenten", "werkgevers", "mbo-scholen", "SBB", "Ingrado",
           "BVMBO", "UWV", "NRTO", "SZW", "BZK"]
DOELS = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4"]


def p(question, history=(), filters=None):
    return plan(question, history, filters, PARTIES, DOELS)


CASES = [
    # question, operation, field, filters, topic
    ("wat is de status van het bbl-offensief?", "lookup", "status", Filters(), "bbl-offensief"),
    ("hoe verloopt het bbl-offensief?", "lookup", "status", Filters(), "bbl-offensief"),
    ("wat doet JOB allemaal?", "list", "status", Filters(partij="JOB"), ""),
    # a partner asked is a who; "op welk moment", "in welk schooljaar" a when
    ("Welke externe partner ondersteunt het programma Cyberveiligheid mbo?", "lookup", "wie", Filters(),
     "externe ondersteunt programma Cyberveiligheid"),
    ("Op welk moment verwacht men de oplevering van het onderzoek?", "lookup", "wanneer", Filters(),
     "oplevering onderzoek"),
    # "de eindstreep gehaald", "staan sinds zomer 2024 stil", "blijven staan waar ze waren"
    ("Welke acties in prioriteit 2 hebben de eindstreep al gehaald?", "list", "status",
     Filters(prioriteit=2, stand=AFGEROND), ""),
    ("Welke acties binnen doelstelling 3.3 staan sinds zomer 2024 stil?", "list", "status",
     Filters(doelstelling="3.3", stand=ONGEWIJZIGD), ""),
    ("welke acties in 1.2 zijn sinds de vorige rapportage blijven staan waar ze waren?", "list", "status",
     Filters(doelstelling="1.2", stand=ONGEWIJZIGD), ""),
    # "loopt … mis", split
    ("waar loopt het binnen prioriteit 2 mis?", "list", "status", Filters(prioriteit=2, stand=VERTRAAGD), ""),
    ("waar zit het ministerie van VWS bij?", "list", "status", Filters(partij="VWS"), ""),
    # a polite frame keeps the question after it; an apposition says what the party is; "voor
    # studenten" after what a party must do is who it is for; "meehelpen" is taking part
    ("Kunt u aangeven uit welke acties doelstelling 1.1 bestaat?", "list", "status", Filters(doelstelling="1.1"), ""),
    ("Bij welke acties is de NRTO, de branchevereniging van private onderwijsinstellingen, als uitvoerende "
     "partij genoemd?", "list", "wie", Filters(partij="NRTO"), ""),
    ("bij welke acties moeten werkgevers meehelpen", "list", "status", Filters(partij="werkgevers"), ""),
    # trouble said of a subject ("mentale problemen", "moeite met lezen") names the subject
    ("wat wordt er gedaan aan mentale problemen en welzijn van studenten?", "lookup", "status", Filters(),
     "mentale welzijn studenten"),
    # two nouns after one article are one subject; two phrases are two
    ("Welke acties helpen studenten bij het kiezen van een opleiding of beroep?", "list", "status", Filters(),
     "helpen studenten kiezen opleiding beroep"),
    # a separable verb of taking part, its particle closing the clause
    ("waar draagt SBB aan bij binnen doelstelling 2.1?", "list", "status", Filters(doelstelling="2.1", partij="SBB"), ""),
    ("waar helpt de vng allemaal aan mee", "list", "status", Filters(partij="VNG"), ""),
    # "waar ocw voor moet zorgen": what it must see to, no subject
    ("welke dingen waar ocw voor moet zorgen lopen achter", "list", "status", Filters(partij="OCW", stand=VERTRAAGD), ""),
    ("Op welk moment wordt de studie naar een basisinfrastructuur opgeleverd?", "lookup", "wanneer", Filters(),
     "studie basisinfrastructuur opgeleverd"),
    ("wat moeten de werkgevers doen?", "list", "status", Filters(partij="werkgevers"), ""),
    ("welke acties van OCW lopen achter?", "list", "status", Filters(partij="OCW", stand=VERTRAAGD), ""),
    ("wat is al gerealiseerd?", "list", "status", Filters(stand=AFGEROND), ""),
    # "in gang gezet" is what was started, a change; "anders dan in de zomer van 2024" compares
    ("wat is er bij 2.3 sinds zomer 2024 in gang gezet?", "compare", "change", Filters(doelstelling="2.3"), ""),
    ("wat is er anders dan in de zomer van 2024 bij doelstelling 1.3", "compare", "change",
     Filters(doelstelling="1.3"), ""),
    # a 2025 text that copies the 2024 one is unchanged; a quoted 'idem' is that stand, no word to find,
    # and "alleen 'idem'" is no party acting alone
    ("bij welke acties is de tekst voor 2025 een kopie van die van zomer 2024", "list", "status",
     Filters(stand=ONGEWIJZIGD), ""),
    ("bij welke acties van gemeenten staat bij de voortgang alleen 'idem'?", "list", "status",
     Filters(partij="gemeenten", stand=ONGEWIJZIGD), ""),
    ("bij welke acties ontbreekt een voortgangstekst?", "list", "status", Filters(stand=GEEN_VOORTGANG), ""),
    # "als geheel" frames a total
    ("uit hoeveel actiepunten bestaat de rapportage als geheel?", "count", "status", Filters(), ""),
    # a clause with the circumstance ("nu de subsidie is gestopt") asks no state
    ("aan wie is de portfoliosystematiek overgedragen nu de subsidie is gestopt?", "lookup", "wie", Filters(),
     "portfoliosystematiek overgedragen subsidie gestopt"),
    # a doelstelling's label, in brackets or as "dat stuk over …", names it and does not narrow it
    ("welke acties onder 1.1 (gelijkwaardige positie van mbo-studenten) hebben nieuwe voortgang?", "compare", "change",
     Filters(doelstelling="1.1"), ""),
    ("is er sinds vorige zomer iets veranderd bij 1.3, dat stuk over de overstap naar werk?", "compare", "change",
     Filters(doelstelling="1.3"), ""),
    # "een jaar eerder", "een update gehad", "het verslag" frame a change
    ("doelstelling 3.4: waar meldt het verslag van 2025 iets nieuws vergeleken met een jaar eerder?", "compare",
     "change", Filters(doelstelling="3.4"), ""),
    ("welke acties van 1.2 hebben sinds de zomer van 2024 een update gehad", "compare", "change",
     Filters(doelstelling="1.2"), ""),
    # "anders is dan in de rapportage van zomer 2024", with the doelstelling's label between commas
    ("wat is er bij 2.1, over loopbaanoriëntatie, anders dan in de rapportage van zomer 2024", "compare", "change",
     Filters(doelstelling="2.1"), ""),
    # "… gebeurd of staat alles stil?": either, the comparison answers both
    ("is er bij 1.4 het afgelopen jaar nog iets gebeurd of staat alles stil?", "compare", "change",
     Filters(doelstelling="1.4"), ""),
    # finished by the earlier period: a scope of its own (plan.early), below
    ("welke acties waren in de zomer van 2024 al klaar?", "list", "status", Filters(stand=AFGEROND), ""),
    # "letterlijk dezelfde tekst" as in 2024 is unchanged
    ("welke acties hebben in 2025 letterlijk dezelfde tekst gekregen als in de zomer van 2024?", "list", "status",
     Filters(stand=ONGEWIJZIGD), ""),
    # a sum asked "in euro's" is a figure question
    ("wat is de tegemoetkoming voor leermiddelen precies in euro's?", "lookup", "figure", Filters(),
     "tegemoetkoming leermiddelen euro's"),
    # who it is for ("voor studenten") is part of the subject, not the party that acts
    ("wat doen ze aan taal en rekenen voor studenten", "list", "status", Filters(), "taal rekenen studenten"),
    ("welke acties hebben nog geen voortgang gemeld?", "list", "status", Filters(stand=GEEN_VOORTGANG), ""),
    ("welke acties zijn ongewijzigd sinds zomer 2024?", "list", "status", Filters(stand=ONGEWIJZIGD), ""),
    ("hoeveel acties heeft JOB?", "count", "status", Filters(partij="JOB"), ""),
    ("wat gebeurt er allemaal rond basisvaardigheden?", "list", "status", Filters(), "basisvaardigheden"),
    ("wat is er bij doelstelling 3.3 veranderd?", "compare", "change", Filters(doelstelling="3.3"), ""),
    ("welke OCW-acties zijn verder gekomen?", "compare", "change", Filters(partij="OCW"), ""),
    ("wie is verantwoordelijk voor de studentenkaart?", "lookup", "wie", Filters(), "studentenkaart"),
    ("wanneer komt de evaluatie van het studentenfonds?", "lookup", "wanneer", Filters(), "evaluatie studentenfonds"),
    ("hoeveel geld gaat er naar het Regionaal Investeringsfonds mbo?", "lookup", "figure", Filters(),
     "geld Regionaal Investeringsfonds"),
    ("welke acties moeten in 2026 klaar zijn?", "list", "wanneer", Filters(jaar=2026), ""),
    ("2.3", "list", "status", Filters(doelstelling="2.3"), ""),
    ("Wat doet de werkagenda voor studenten?", "list", "status", Filters(), "studenten"),
    # Idioms of involvement, intensifiers and typos of frame nouns leave no topic behind.
    ("waar moeten de MBO Raad en SBB mee aan de slag?", "list", "status", Filters(partij="MBO Raad"), ""),
    ("welke acties heeft NRTO op haar naam staan?", "list", "status", Filters(partij="NRTO"), ""),
    ("waar is bij prioriteit 2 echt niks aan veranderd?", "list", "status", Filters(prioriteit=2, stand=ONGEWIJZIGD), ""),
    ("welke actes zijn vertraagd?", "list", "status", Filters(stand=VERTRAAGD), ""),
    ("welke staan er nog hetzelfde voor als in de zomer?", "list", "status", Filters(stand=ONGEWIJZIGD), ""),
    # "hoeveel <people> hebben … afgerond" asks for a figure, not for finished actions.
    # what the people counted did is part of the subject, not a stand of actions
    ("hoeveel docenten hebben de nieuwe leergang afgerond?", "lookup", "figure", Filters(), "docenten leergang afgerond"),
    ("hoeveel acties zijn er afgerond?", "count", "status", Filters(stand=AFGEROND), ""),
    # "vorig jaar" is the time of a figure question, not a question about what changed
    ("hoeveel scholen gaven vorig jaar een studentenkaart uit?", "lookup", "figure", Filters(),
     "gaven studentenkaart mbo-scholen"),
    ("wat is er sinds vorig jaar veranderd aan de studentenkaart?", "lookup", "change", Filters(), "studentenkaart"),
    # where a name occurs: every row naming it
    ("in welke acties komt de studentenkaart terug?", "list", "status", Filters(), "studentenkaart"),
    # a subject area ("rond …") asks for every action on it
    ("is er het afgelopen jaar iets gebeurd rond laaggeletterdheid?", "compare", "change", Filters(), "laaggeletterdheid"),
    # the period of one programme is its planning, not the periods of the report
    ("voor welke periode staat het studentenfonds gepland?", "lookup", "wanneer", Filters(), "studentenfonds"),
    # What a party is, said before its name, and idioms of taking part, name no topic.
    ("hoeveel acties heeft de beroepsvereniging BVMBO?", "count", "status", Filters(partij="BVMBO"), ""),
    ("aan hoeveel acties levert het ministerie van OCW een bijdrage?", "count", "status", Filters(partij="OCW"), ""),
    ("welke acties onder doelstelling 3.4 heeft de MBO Raad op zich genomen?", "list", "status",
     Filters(doelstelling="3.4", partij="MBO Raad"), ""),
    # Within a scope a past participle is the verb of the question; "-heid" nouns stay subjects.
    ("hoeveel actiepunten zijn er opgenomen bij doelstelling 3.1?", "count", "status", Filters(doelstelling="3.1"), ""),
    ("welke acties van OCW zijn gericht op gezondheid?", "list", "status", Filters(partij="OCW"), "gezondheid"),
    ("waar is in 2025 niks over gemeld?", "list", "status", Filters(stand=GEEN_VOORTGANG), ""),
    # the field asked, in more words
    ("in welke periode wordt de nieuwe regeling getoetst?", "lookup", "wanneer", Filters(), "regeling getoetst"),
    ("welk bureau voert het onderzoek naar studentenwelzijn uit?", "lookup", "wie", Filters(),
     "bureau onderzoek studentenwelzijn"),
    ("welk ministerie betaalt de subsidie voor de leerbanen?", "lookup", "wie", Filters(),
     "ministerie betaalt subsidie leerbanen"),
    # "wie zit er achter": who is behind it, not what is behind schedule
    ("wie zit er achter de studentenkaart?", "lookup", "wie", Filters(), "studentenkaart"),
    # "staan achter" a thing supports it; "achter (op) de planning" is behind schedule
    ("welke partijen staan achter het stagepact?", "lookup", "wie", Filters(), "stagepact"),
    ("welke acties staan achter de planning?", "list", "wanneer", Filters(stand=VERTRAAGD), ""),
    # adjusted since a moment: what changed
    ("is de planning van het bbl-offensief sinds vorig jaar bijgesteld?", "lookup", "change", Filters(), "bbl-offensief bijgesteld"),
    ("wat is er sinds 2024 gewijzigd aan het stagepact?", "lookup", "change", Filters(), "gewijzigd stagepact"),
    ("wat is de streefdatum voor de nieuwe wet?", "lookup", "wanneer", Filters(), "streefdatum wet"),
    # "hoe docenten worden betrokken" is about them; "waar zijn docenten bij betrokken" asks their part
    ("hoe worden docenten betrokken bij de bekwaamheidseisen?", "list", "status", Filters(),
     "docenten bekwaamheidseisen"),
    # counted rounds are no sum of money, "hoeveel subsidie" is
    ("in hoeveel subsidierondes zijn projecten gesubsidieerd?", "lookup", "figure", Filters(),
     "subsidierondes projecten gesubsidieerd"),
    # "over A of over B": a list takes either subject
    ("welke acties gaan over stages of over huisvesting?", "list", "status", Filters(), "stages | huisvesting"),
    ("welke van deze gaan over burgerschap?", "list", "status", Filters(), "burgerschap"),
    # A ministry by its name; "alleen of samen" is no "alleen"; a relative clause describes the scope.
    ("welke acties heeft Binnenlandse Zaken?", "list", "status", Filters(partij="BZK"), ""),
    ("waar speelt Sociale Zaken en Werkgelegenheid een rol?", "list", "status", Filters(partij="SZW"), ""),
    ("welke acties trekt SBB, alleen of samen met anderen?", "list", "status", Filters(partij="SBB"), ""),
    ("welke acties horen bij 3.2, dat over burgerschap gaat?", "list", "status", Filters(doelstelling="3.2"), ""),
    ("welke acties van onderdeel 2.2 gaan over stages?", "list", "status", Filters(doelstelling="2.2"), "stages"),
    ("welke acties onder 2.3 lopen op dit moment nog?", "list", "status", Filters(doelstelling="2.3", stand=LOOPT), ""),
    ("bij welke acties is sinds vorige zomer niks meer gebeurd?", "list", "status", Filters(stand=ONGEWIJZIGD), ""),
    ("welke acties staan nog op dezelfde stand als in 2024?", "list", "status", Filters(stand=ONGEWIJZIGD), ""),
    ("om wat voor bedragen gaat het bij de studentenkaart?", "lookup", "figure", Filters(), "bedragen studentenkaart"),
    # a number of new things is a figure, not a change
    ("hoeveel leerbanen zijn er sinds vorig jaar bijgekomen?", "lookup", "figure", Filters(), "leerbanen"),
    # a yes/no question about one action, also after "en": not a list of finished actions
    ("en is de studentenkaart inmiddels afgerond?", "lookup", "status", Filters(), "studentenkaart"),
    # what one named plan holds is no list of actions; a doelstelling's actions are
    ("welke afspraken staan er in het stagepact?", "lookup", "status", Filters(), "stagepact"),
    ("welke acties staan er in doelstelling 2.3?", "list", "status", Filters(doelstelling="2.3"), ""),
    # "de uitvoering", "volop", "als uitvoerende of betrokken partij" frame a stand or party question
    ("bij welke acties is de uitvoering uitgesteld?", "list", "status", Filters(stand=VERTRAAGD), ""),
    ("wat is in 1.4 nog volop in uitvoering?", "list", "status", Filters(doelstelling="1.4", stand=LOOPT), ""),
    ("bij welke acties in 3.3 is het werk nog in volle gang?", "list", "status", Filters(doelstelling="3.3", stand=LOOPT), ""),
    ("waar staat SBB als uitvoerende of betrokken partij?", "list", "wie", Filters(partij="SBB"), ""),
    # the long name of the VNG is not "gemeenten"; an apposition says whose the party is; "uitsluitend"
    ("welke acties noemen de Vereniging van Nederlandse Gemeenten als partij?", "list", "wie", Filters(partij="VNG"), ""),
    ("welke acties liggen uitsluitend bij SBB?", "list", "status", Filters(partij="SBB"), ""),
    ("welke acties in 2.1 zijn volledig uitgevoerd?", "list", "status", Filters(doelstelling="2.1", stand=AFGEROND), ""),
    ("wat in prio 3 is helemaal af?", "list", "status", Filters(prioriteit=3, stand=AFGEROND), ""),
    # "leven lang ontwikkelen" keeps its "lang"
    ("welke acties gaan over leven lang ontwikkelen?", "list", "status", Filters(), "leven lang ontwikkelen"),
]


def test_who_a_party_works_for_is_no_topic():
    # "studenten" is a party of the report as well (JOB speaks for them): after what another party
    # must do, "voor mbo studenten" says for whom, every action is; alone it is the topic
    parties = [*PARTIES, "studenten"]
    got = plan("wat moeten de gemeentes allemaal doen voor mbo studenten volgens dit plan?", (), None, parties, DOELS)
    assert (got.operation, got.filters.partij, got.topic) == ("list", "gemeenten", "")
    got = plan("wat doet de werkagenda voor studenten?", (), None, parties, DOELS)
    assert (got.filters.partij, got.topic) == (None, "studenten")


def test_whether_a_figure_is_shown_is_a_status_question():
    assert p("zie je op kiesmbo per opleiding hoe groot de baankans is?").field == "status"
    assert p("hoe groot is de baankans van een opleiding op kiesmbo?").field == "figure"


def test_how_high_a_sum_and_a_persons_name():
    assert p("hoe hoog is de bijdrage per student?").figure_kind == "amount"
    assert p("hoeveel wordt er jaarlijks geïnvesteerd in de practoraten?").figure_kind == "amount"
    assert p("hoeveel extra middelen gaan naar scholen voor studenten met achterstanden?").figure_kind == "amount"
    assert p("hoe heet de medewerker die het loket bemant?").person
    assert p("wie is bij SBB de contactpersoon voor stages?").person
    assert not p("wie is bij SBB verantwoordelijk voor stages?").person


@pytest.mark.parametrize("question,operation,field,filters,topic", CASES, ids=[c[0] for c in CASES])
def test_plan_table(question, operation, field, filters, topic):
    got = p(question)
    assert (got.operation, got.field, got.filters, got.topic) == (operation, field, filters, topic)


@pytest.mark.parametrize("question,meta,filters", [
    ("hoeveel acties zijn er?", "actions", Filters()),
    ("hoeveel doelstellingen vallen onder prioriteit 2?", "doelstellingen", Filters(prioriteit=2)),
    ("welke prioriteiten zijn er?", "prioriteiten", Filters()),
    ("welke doelstelling heeft de meeste acties?", "most", Filters()),
    ("over welke periode gaat de rapportage?", "periods", Filters()),
    ("welke peilmomenten laat het overzicht per actie zien?", "periods", Filters()),
    ("kun je alle doelstellingen van de werkagenda op een rij zetten?", "doelstellingen", Filters()),
    ("welke prio heeft de meeste acties?", "most", Filters()),
    ("hebben doelstelling 1.2 en 3.2 evenveel acties?", "actions", Filters()),
    ("hoeveel acties vallen er buiten prioriteit 1?", "actions", Filters()),
    # "verschillende" and "verdeeld" do not make a count of doelstellingen a count of actions
    ("in hoeveel verschillende doelstellingen is de werkagenda verdeeld?", "doelstellingen", Filters()),
    ("hoeveel acties telt de tweede prioriteit als je de doelstellingen optelt?", "actions", Filters(prioriteit=2)),
    ("welk onderdeel van prioriteit 1 heeft de langste lijst?", "most", Filters(prioriteit=1)),
    ("welke doelstellingen zijn er onder de tweede prioriteit opgesteld?", "doelstellingen", Filters(prioriteit=2)),
    ("doelstelling 2.3 is best groot, hoeveel acties zijn het?", "actions", Filters(doelstelling="2.3")),
    ("uit welke doelen bestaat prioriteit 3?", "doelstellingen", Filters(prioriteit=3)),
    ("hoeveel subdoelen heeft prio 2?", "doelstellingen", Filters(prioriteit=2)),
    # a participle without ge-, last after an auxiliary, is the verb, not a subject
    ("met hoeveel acties is doelstelling 2.1 vertegenwoordigd?", "actions", Filters(doelstelling="2.1")),
    ("geef me de nummers van de doelstellingen onder prio 1", "doelstellingen", Filters(prioriteit=1)),
    # a ranking asked: the sizes of all of them, largest first
    ("zet de doelstellingen op volgorde van grootte", "most", Filters()),
    ("over welke momenten wordt er in dit overzicht gerapporteerd?", "periods", Filters()),
    ("welke doelstelling komt qua omvang na 2.1?", "most", Filters()),
    # the report named as the place asked about is no subject; "opgebouwd" is a verb, "gebouw" a noun
    ("hoeveel verschillende doelstellingen staan er in dit voortgangsverslag?", "doelstellingen", Filters()),
    ("Uit welke doelstellingen is prioriteit 3 opgebouwd?", "doelstellingen", Filters(prioriteit=3)),
    # "telt ie": a pronoun; "minder acties hebben dan 1.3": a comparison of sizes
    ("is doelstelling 2.1 een grote doelstelling? hoeveel acties telt ie", "actions", Filters(doelstelling="2.1")),
    ("Zijn er doelstellingen die minder acties hebben dan doelstelling 1.3, en zo ja, welke?", "actions",
     Filters(doelstelling="1.3")),
    ("hoeveel acties staan er eigenlijk in totaal in dat voortgangsoverzicht", "actions", Filters()),
    # "het totale aantal acties dat in de rapportage is opgenomen": the total, the clause says where
    ("Wat is het totale aantal acties dat in de voortgangsrapportage over de Werkagenda mbo is opgenomen?",
     "actions", Filters()),
    ("Hoeveel acties zijn er die in dit verslag worden bijgehouden?", "actions", Filters()),
    # "hangen onder" is "vallen onder"
    ("hoeveel acties hangen er onder doelstelling 2.2?", "actions", Filters(doelstelling="2.2")),
])
def test_questions_about_the_report_itself(question, meta, filters):
    got = p(question)
    assert (got.operation, got.meta, got.filters) == ("meta", meta, filters)


def test_a_participle_without_ge_is_a_verb_only_at_the_end():
    from app.plan import _verbs_dropped
    assert _verbs_dropped("welke acties zijn onder prio 3 ontwikkeld?", "ontwikkeld") == ""
    assert _verbs_dropped("welke acties in 3.4 zijn er over het beleid?", "beleid") == "beleid"
    assert _verbs_dropped("welke acties zijn er over het bestand?", "bestand") == "bestand"
    assert _verbs_dropped("welke acties zijn vertegenwoordigd in prio 1?", "vertegenwoordigd") == "vertegenwoordigd"


@pytest.mark.parametrize("question,size", [
    ("welke doelstellingen hebben maar twee acties?", "=2"),
    ("Welke doelstellingen tellen meer dan 8 actiepunten?", ">8"),
    ("welke doelstellingen hebben minstens 9 acties?", ">8"),
    ("welke doelstellingen zijn er?", None),
])
def test_doelstellingen_of_a_size(question, size):
    got = p(question)
    assert (got.operation, got.meta, got.size) == ("meta", "doelstellingen", size)


def test_unanswerable_shapes_are_marked():
    assert p("Wie is de minister van OCW?").person
    assert p("Wat stond er in de rapportage van 2023 over het stagepact?").uncovered_year == 2023
    assert p("Hoeveel mbo-scholen zijn er in Nederland?").figure_kind == "count"
    assert p("Wat is het totale budget van de werkagenda?").figure_kind == "amount"
    assert p("welk percentage volgt een bbl-traject?").figure_kind == "percentage"
    assert p("hoe ver is de studentenkaart eind 2026?").uncovered_year == 2026
    # planning in a year the report does not cover is a filter, and "eind" no topic
    due = p("welke acties moeten eind 2026 klaar zijn?")
    assert (due.operation, due.filters, due.topic, due.uncovered_year) == ("list", Filters(jaar=2026), "", None)


def test_follow_ups_keep_the_subject_unless_a_new_one_is_named():
    first = p("wat is de status van het bbl-offensief?")
    assert p("en wie doet dat?", [first]) == Plan("lookup", "wie", Filters(), "bbl-offensief", followup=True,
                                                   question="en wie doet dat?")
    assert p("wat is daar sinds zomer 2024 veranderd?", [first]).followup
    new = p("en hoe staat het met de studentenkaart?", [first])
    assert not new.followup and new.topic == "studentenkaart"
    # a party's part in the action just answered ("daarin", "daarbij", "daaraan", "hierin" …)
    for pointer in ("daarin", "daarbij", "daaraan", "hierin"):
        part = p(f"en wat doet SBB {pointer}?", [first])
        assert part.operation == "lookup" and part.followup and part.filters == Filters(), pointer
    # without a pointer it is the party's own list
    assert p("wat doet SBB allemaal?", [first]).operation == "list"
    # the other parties of the action just answered, "er … bij" pointing back
    others = p("wie zijn er naast OCW bij betrokken?", [first])
    assert (others.operation, others.field, others.topic, others.followup) == ("lookup", "wie", "bbl-offensief", True)
    assert p("wie zijn er naast OCW bij betrokken?").operation == "list"
    # "het" with a predicate ("is het al gepubliceerd?") is the thing just answered
    said = p("en sinds wanneer is dat beschikbaar?", [first])
    assert (said.operation, said.field, said.topic, said.followup) == ("lookup", "wanneer", "bbl-offensief", True)
    assert not p("wat is het bbl-offensief?", [p("hoe staat het met de studentenkaart?")]).followup
    # parties offered as possible answers are no subject and no filter
    offered = p("en wie moet dat doen, de werkgevers of de scholen?", [first])
    assert (offered.field, offered.filters, offered.followup) == ("wie", Filters(), True)
    # "dat geld" is the money of the action just answered
    money = p("waar wordt dat geld dan aan besteed?", [first])
    assert money.refers_back == "strong"
    # a kind of thing with "de"/"het" and nothing more is the one just answered
    rest = p("loopt de rest van het programma volgens planning?", [first])
    assert (rest.operation, rest.topic, rest.followup) == ("lookup", "bbl-offensief", True)
    assert not p("loopt het programma Cyberveiligheid volgens planning?", [first]).followup
    # what comes next, asked with a pointer, is about the subject pointed at
    step = p("en wat zijn daarvan de vervolgstappen?", [first])
    assert (step.operation, step.topic, step.followup) == ("lookup", "bbl-offensief", True)
    # a reason asked about what was pointed at is no list, whatever status words it repeats
    late = p("welke acties zijn vertraagd?")
    for why in ("waarom is die vertraagd?", "hoe komt het dat dit niet gelukt is?", "en waarom loopt het achter?"):
        got = p(why, [late])
        assert got.operation == "lookup" and got.followup, why
    assert p("waarom is de studentenkaart vertraagd?", [late]).topic == "studentenkaart"
    # a party and a pointer after one action: that party's part, in the field asked
    money = p("en hoeveel trekt OCW daarvoor uit?", [first])
    assert (money.operation, money.field, money.figure_kind, money.followup) == ("lookup", "figure", "amount", True)
    # a question about the report itself is no follow-up, however short
    assert p("over welke periode gaat de rapportage?", [first]).operation == "meta"
    # "los daarvan" leaves the last answer, although "daarvan" points back
    other = p("los daarvan: bij welke acties is de NRTO betrokken?", [first])
    assert (other.operation, other.filters, other.followup) == ("list", Filters(partij="NRTO"), False)
    # the same question about another party: the party joins the earlier subject, no filter
    joined = p("zit JOB ook in het landelijk platform studentenhuisvesting?")
    again = p("en de MBO Raad?", [joined])
    assert (again.operation, again.filters, again.topic) == ("lookup", Filters(),
                                                             "landelijk platform studentenhuisvesting MBO Raad")
    # "die regionale plannen" points back too; "worden betrokken" is no list of a party's actions
    assert p("waarvoor kunnen werkgevers bij die regionale plannen worden betrokken?", [first]).refers_back == "strong"
    # "welke organisaties werken daar aan mee?" asks who, about the action just answered
    orgs = p("welke organisaties werken daar allemaal aan mee?", [first])
    assert (orgs.operation, orgs.field, orgs.topic, orgs.followup) == ("lookup", "wie", "bbl-offensief", True)
    # "dat" as the subject of the verb points back strongly
    assert p("naar hoeveel regio's wordt dat uitgebreid?", [first]).refers_back == "strong"
    # "zo'n centrum" points back like "dat centrum"
    assert p("wie werken er in zo'n centrum samen?", [first]).refers_back == "strong"
    # "lopen die acties allemaal nog?" after one action: the actions on the subject asked about in
    # general terms, each with its stand, not the figure question in between
    about = p("hoe staat het met de studentenkaart?")
    money = p("om wat voor bedragen gaat het bij die kaart?", [about])
    still = p("lopen die acties allemaal nog?", [about, money])
    assert (still.operation, still.topic, still.followup) == ("list", about.topic, False)


def test_whether_a_doelstelling_has_the_most_is_asked_among_all():
    got = p("is 3.4 nou de doelstelling met de meeste acties?")
    assert (got.operation, got.meta, got.filters) == ("meta", "most", Filters())


def test_the_unions_are_also_the_unions_named_by_name():
    got = plan("bij welke acties staan de vakbonden erbij?", (), None, [*PARTIES, "vakbonden", "FNV", "AOb"], DOELS)
    assert got.operation == "list" and got.filters.partij is None
    assert set(got.any_of) == {"vakbonden", "FNV", "AOb"}


def test_finished_by_the_earlier_period_is_a_scope():
    assert p("welke acties waren in de zomer van 2024 al klaar?").early
    assert not p("welke acties zijn afgerond?").early
    assert not p("welke acties zijn sinds de zomer van 2024 afgerond?").early


def test_a_state_asked_again_of_what_was_just_answered():
    # "staat daar … iets anders … of is het hetzelfde gebleven?" after one action: its change
    first = p("hoe zit het met de schoolboeken voor mbo'ers?")
    same = p("staat daar in 2025 iets anders over dan vorig jaar of is het hetzelfde gebleven", [first])
    assert (same.operation, same.field, same.followup) == ("lookup", "change", True)
    # the one late action of a party: "wat is daar misgegaan?" asks about it, not the list of late ones
    listed = p("waar heeft JOB allemaal een rol in?")
    # (the engine answers a list of one as that action: a lookup in the history)
    late = replace(p("welke daarvan lopen vertraging op?", [listed]), operation="lookup")
    why = p("wat is daar misgegaan dan", [listed, late])
    assert (why.operation, why.followup, why.filters.stand) == ("lookup", True, VERTRAAGD)


def test_follow_up_narrows_a_list():
    first = p("welke acties zijn afgerond?")
    again = p("en bij doelstelling 2.1?", [first])
    assert again.operation == "list" and again.filters == Filters(doelstelling="2.1", stand=AFGEROND)
    jobs = p("bij welke acties zit JOBmbo aan tafel?")
    assert jobs.operation == "list" and jobs.filters == Filters(partij="JOB")
    within = p("en welke daarvan zijn in 2025 verder gekomen?", [jobs])
    assert within.operation == "compare" and within.followup


def test_a_party_naming_the_list_pointed_at_drops_the_subject_of_the_last_answer():
    first = p("hoe staat het met de skillstaal van UWV en SBB?")
    got = p("Welke van die SZW-acties is al afgerond?", [first])
    assert (got.operation, got.filters.partij, got.filters.stand, got.topic) == ("list", "SZW", AFGEROND, "")


def test_the_party_chosen_in_the_chat_said_again_is_no_topic():
    got = p("Aan welke acties levert dit ministerie een bijdrage?", filters=Filters(partij="SZW"))
    assert (got.operation, got.filters.partij, got.topic) == ("list", "SZW", "")


def test_chat_filters_narrow_and_never_replace():
    got = p("welke acties zijn er?", filters=Filters(doelstelling="2.3"))
    assert got.operation == "list" and got.filters == Filters(doelstelling="2.3")
    got = p("wat doet JOB allemaal?", filters=Filters(prioriteit=1))
    assert got.filters == Filters(prioriteit=1, partij="JOB")


@pytest.mark.parametrize("text,expected", [
    ("het ministerie van VWS", ["VWS"]),
    ("JOBmbo", ["JOB"]),
    ("de MBO-raad", ["MBO Raad"]),
    ("gemeentes en de VNG", ["gemeenten", "VNG"]),
    ("Ingardo", ["Ingrado"]),
    ("in het vmbo", []),
    # a ministry by its whole name leaves no word of it behind
    ("het ministerie van Sociale Zaken en Werkgelegenheid", ["SZW"]),
    ("het ministerie van Onderwijs, Cultuur en Wetenschap", ["OCW"]),
])
def test_parties_however_written(text, expected):
    assert find_parties(text, PARTIES)[0] == expected
    if expected:
        assert p(f"waar zit {text} bij?").topic == ""


def test_empty_question():
    assert p("   ").operation == "empty"


@pytest.mark.parametrize("question,filters", [
    ("met hoeveel acties in prio 3 is JOB bezig?", Filters(prioriteit=3, partij="JOB")),
    ("hoeveel acties heeft 1.2", Filters(doelstelling="1.2")),
    ("is er in 2.3 iets mislukt of blijven liggen?", Filters(doelstelling="2.3", stand=VERTRAAGD)),
    ("wat is er van prio 2 al af?", Filters(prioriteit=2, stand=AFGEROND)),
    ("hoeveel acties in prioriteit 1 hebben geen voortgangstekst?", Filters(prioriteit=1, stand=GEEN_VOORTGANG)),
])
def test_abbreviations_and_bare_numbers(question, filters):
    assert p(question).filters == filters


def test_a_yes_no_question_about_one_action_is_a_lookup():
    got = p("Is de open aanpak MBO in 2030 inmiddels afgerond?")
    assert got.operation == "lookup" and got.filters.stand is None


def test_a_school_year_is_no_comparison():
    assert p("Hoeveel minderjarige mbo-studenten kregen in 2024/2025 de tegemoetkoming?").field == "figure"
    assert p("wat is er tussen 2024 en 2025 veranderd bij de stages?").field == "change"


def test_pointing_back_is_recorded():
    first = p("hoe staat het met de nieuwe taaleisen?")
    assert p("wanneer wordt daarover besloten?", [first]).refers_back == "strong"
    assert p("en bij rekenen?", [first]).refers_back == "weak"
    assert p("wat is de status van het stagepact?", [first]).refers_back == ""


@pytest.mark.parametrize("question,stand", [
    ("Zijn er acties van JOB die al afgerond zijn?", AFGEROND),
    ("welke acties liggen stil?", VERTRAAGD),
    ("waar is nog niets over bekend?", GEEN_VOORTGANG),
    ("wat is onveranderd gebleven?", ONGEWIJZIGD),
    ("wat is er al gereed?", AFGEROND),
    ("bij welke acties van de mbo raad staat er niks over hoe het er nu voor staat", GEEN_VOORTGANG),
    ("Voor welke acties is in de meest recente rapportage geen voortgang vermeld?", GEEN_VOORTGANG),
    ("waar is nog helemaal niks over bekend", GEEN_VOORTGANG),
])
def test_status_categories_in_everyday_words(question, stand):
    got = p(question)
    assert got.operation in ("list", "count") and got.filters.stand == stand


# Status categories by word family: inflections, negation and separable verbs, none of them a
# listed phrase. The stand is read only where the question asks for a set of rows.
@pytest.mark.parametrize("question,stand,filters", [
    ("welke acties zijn uitgelopen?", VERTRAAGD, Filters()),
    ("wat is er niet gelukt bij doelstelling 1.1?", VERTRAAGD, Filters(doelstelling="1.1")),
    ("welke acties zijn nog niet begonnen?", VERTRAAGD, Filters()),
    ("waar lopen de zaken vast?", VERTRAAGD, Filters()),
    ("wat heeft SBB afgewerkt?", AFGEROND, Filters(partij="SBB")),
    ("welke acties van JOB zijn behaald?", AFGEROND, Filters(partij="JOB")),
    ("bij welke acties is geen enkele wijziging?", ONGEWIJZIGD, Filters()),
    ("welke acties uit prioriteit 2 lopen nog?", LOOPT, Filters(prioriteit=2)),
    ("welke acties zijn momenteel gaande?", LOOPT, Filters()),
    ("bij welke acties is de voortgangscel leeg?", GEEN_VOORTGANG, Filters()),
])
def test_status_categories_by_word_family(question, stand, filters):
    got = p(question)
    assert got.operation in ("list", "count") and got.topic == ""
    assert got.filters == Filters(**{**filters.__dict__, "stand": stand})


@pytest.mark.parametrize("question", [
    "is de studentenkaart al klaar?",                        # one named thing: a lookup
    "hoeveel docenten zijn bereikt met de leergang burgerschap?",  # 'bereikt' belongs to its subject
    "wat wordt er gedaan aan achterstanden in taal en rekenen?",
    "waar is de NRTO allemaal mee bezig?",                   # what a party does, not what is running
    "is er al wat bereikt met de gelijkwaardigheid van het mbo?",
])
def test_a_family_word_with_a_subject_of_its_own_is_no_status_filter(question):
    assert p(question).filters.stand is None


def test_follow_ups_into_a_list_keep_its_scope():
    first = p("welke acties heeft SBB?")
    second = p("welke daarvan zijn afgerond?", [first])
    third = p("en welke lopen achter?", [first, second])
    assert second.filters == Filters(partij="SBB", stand=AFGEROND)
    assert third.filters == Filters(partij="SBB", stand=VERTRAAGD)
    # "daarvan" said apart
    split = p("zijn er daar al een paar van afgerond?", [first])
    assert split.followup and split.filters == Filters(partij="SBB", stand=AFGEROND)


@pytest.mark.parametrize("question,partij,scopes", [
    ("bij welke acties zitten JOB en SBB allebei?", "JOB", dict(also=("SBB",))),
    ("welke acties doet OCW in z'n eentje?", "OCW", dict(alone=True)),
    ("wat moeten de scholen helemaal alleen doen, zonder andere partijen?", "mbo-scholen", dict(alone=True)),
    ("welke acties heeft de MBO Raad waar OCW niet bij staat?", "MBO Raad", dict(without=("OCW",))),
    ("welke acties van SBB zonder JOB?", "SBB", dict(without=("JOB",))),
    # "niet in prioriteit 1" excludes the prioriteit, not the party
    ("welke acties met werkgevers erin zitten niet in prioriteit 1?", "werkgevers", dict(prioriteiten=(2, 3), without=())),
    ("hoeveel acties zijn er in prio 1 en 2 samen?", None, dict(prioriteiten=(1, 2))),
    ("is prio 3 groter dan prio 1?", None, dict(prioriteiten=(3, 1), meta="actions")),
    # a "niet" about the verb is no exclusion of the party
    ("zit er bij de acties van JOB iets tussen dat niet is doorgegaan?", "JOB", dict(without=())),
    ("wat is er bij 1.4 en 1.5 veranderd?", None, dict(doelstellingen=("1.4", "1.5"))),
])
def test_scopes_one_filter_value_cannot_say(question, partij, scopes):
    got = p(question)
    assert got.filters.partij == partij and got.topic == ""
    for name, value in scopes.items():
        assert getattr(got, name) == value, name


def test_a_question_where_a_name_occurs_is_marked():
    assert p("zijn er acties waarin Caribisch Nederland genoemd wordt?").named
    assert not p("wat gebeurt er rond Caribisch Nederland?").named
    # "aan bod komen" asks where a name occurs; the kind of thing before the name is not required
    got = p("bij welke acties komt het programma Npuls aan bod?")
    assert got.named and got.topic == "Npuls"


def test_hedges_and_labels_leave_the_question():
    assert p("klopt het dat de VNG ergens een rol heeft?").filters == Filters(partij="VNG")
    got = p("lob en studiekeuze (2.1): wat is er nieuw dit jaar?")
    assert (got.operation, got.filters, got.topic) == ("compare", Filters(doelstelling="2.1"), "")
    assert p("hoe staat het met de studentenkaart (1.1)?").topic == "studentenkaart"


@pytest.mark.parametrize("question,stand", [
    ("welke acties in 3.4 moeten nog worden afgerond?", LOOPT),
    ("zit er bij de acties van JOB iets tussen dat niet is doorgegaan?", VERTRAAGD),
    ("bij welke acties is de voortgang 2025 leeg?", GEEN_VOORTGANG),
    ("bij welke acties staat nog niets over 2025?", GEEN_VOORTGANG),
    ("bij welke acties is het er nooit van gekomen?", VERTRAAGD),
    ("zijn hier al acties helemaal klaar?", AFGEROND),
    ("welzijn (1.2): wat is daar nog mee bezig?", LOOPT),
])
def test_more_everyday_status_phrasings(question, stand):
    got = p(question)
    assert got.filters.stand == stand and got.topic == ""


@pytest.mark.parametrize("question,flag,value", [
    ("waar is OCW primair verantwoordelijk?", "primary", True),
    ("welke andere ministeries dan OCW doen mee?", "besides", ("OCW",)),
    ("welke acties van JOB zijn nog niet afgerond?", "unfinished", True),
    ("wat is er sinds vorige zomer afgerond?", "recent", True),
    ("wat is er afgerond?", "recent", False),
    ("de acties die 'doorlopend' zijn, welke daarvan hebben nieuwe voortgang?", "named", True),
    ("er zijn een paar doelstellingen met 9 acties, welke zijn dat?", "size", "=9"),
    ("welk percentage van alle acties valt onder prioriteit 3?", "meta", "actions"),
    ("bij welke acties wordt een geldbedrag genoemd?", "mentions", "amount"),
    # a quoted column name says where to look
    ("bij hoeveel acties staat bij 'wanneer' doorlopend?", "named", False),
])
def test_flags_beyond_the_filters(question, flag, value):
    assert getattr(p(question), flag) == value


def test_not_yet_finished_is_every_stand_but_finished():
    got = p("welke acties van JOB zijn nog niet afgerond?")
    assert (got.operation, got.filters) == ("list", Filters(partij="JOB"))


def test_a_word_looked_up_in_the_wie_column():
    got = p("staat er bij een van de acties een expertisepunt als partij in de kolom Wie?")
    assert (got.operation, got.field, got.topic, got.named) == ("list", "wie", "expertisepunt", True)
    # "middelbare scholen" are the vo-scholen, not the mbo-scholen
    vo = plan("zitten middelbare scholen ergens bij als partij?", (), None, [*PARTIES, "vo-scholen"], DOELS)
    assert (vo.operation, vo.filters.partij) == ("list", "vo-scholen")


def test_more_ways_to_say_a_scope():
    assert p("hoeveel acties vallen er buiten prioriteit 1?").prioriteiten == (2, 3)
    assert p("hebben doelstelling 1.2 en 3.2 evenveel acties?").doelstellingen == ("1.2", "3.2")
    pair = p("zijn er acties die OCW en SBB met z'n tweeën doen?")
    assert (pair.filters.partij, pair.also, pair.alone) == ("OCW", ("SBB",), True)
    assert p("hoeveel subsidie krijgen scholen voor zij-instromers?").figure_kind == "amount"
    assert p("in hoeveel subsidierondes zijn projecten gesubsidieerd?").figure_kind == "count"
    # the noun right after "hoeveel" is what is counted, whatever money words follow
    assert p("hoeveel aanvraagrondes had de subsidie nog te gaan?").figure_kind == "count"
    assert p("hoeveel investeert OCW in de practoraten?").figure_kind == "amount"


def test_a_dropdown_set_this_turn_is_what_deze_points_at():
    first = p("in welke acties komt het Expertisepunt Burgerschap voor?")
    got = p("welke acties hiervan zijn nog niet klaar?", [first], Filters(doelstelling="3.2"))
    assert not got.followup and got.filters.doelstelling == "3.2" and got.unfinished
    # without a new dropdown value "hiervan" stays within the last answer
    assert p("welke acties hiervan zijn nog niet klaar?", [first]).followup
    # "binnen mijn selectie" names the dropdown's scope, no subject
    chosen = p("wat is er binnen mijn selectie al afgerond?", filters=Filters(prioriteit=3))
    assert (chosen.operation, chosen.filters, chosen.topic) == ("list", Filters(prioriteit=3, stand=AFGEROND), "")


def test_more_everyday_shapes_of_the_third_session():
    assert p("hoeveel doelstellingen tellen zeven of meer acties?").size == ">6"
    assert p("welke doelstellingen hebben 3 of minder acties?").size == "<4"
    assert p("welke prioriteit telt de meeste doelstellingen?").meta == "most"
    only = p("bij welke acties in 1.4 is OCW de enige partij?")
    assert (only.filters.partij, only.alone) == ("OCW", True)
    assert p("is er al iets helemaal af waar SBB bij zit?").filters.stand == AFGEROND
    # people done with school are no finished actions
    done = p("wat doen ze om mbo'ers te helpen als ze klaar zijn met hun opleiding?")
    assert (done.filters.stand, done.field) == (None, "status")
    # a generic party named as a party in the Wie column is the filter, its descriptors no topic
    wie = p("bij hoeveel acties worden de mbo-scholen zelf als partij in de kolom Wie genoemd?")
    assert (wie.operation, wie.filters.partij, wie.topic) == ("count", "mbo-scholen", "")


def test_passive_betrokken_worden_is_not_a_list():
    # "betrokken worden bij" is passive like "worden betrokken": the question is about one action.
    p = plan("waarom zouden werkgevers betrokken worden bij de regionale vsv-plannen?", [], Filters(),
             known_parties=["werkgevers"])
    assert p.operation == "lookup"


@pytest.mark.parametrize("question,person", [
    ("hoe heet de staatssecretaris die over het mbo gaat?", True),
    ("welke wethouder heeft het convenant getekend?", True),
    ("hoe heet dat expertisepunt voor loopbaanoriëntatie tegenwoordig?", False),  # a name, not a person's
    ("welke ministeries doen mee?", False),
])
def test_a_persons_name_is_asked_only_with_a_role(question, person):
    assert plan(question, [], Filters()).person is person


@pytest.mark.parametrize("question,partij,also,any_of", [
    # "of", and "de acties van X en Y" / "wat doen X en Y": the rows of either party
    ("welke rol hebben gemeenten (of de VNG) in de werkagenda?", None, (), ("gemeenten", "VNG")),
    ("wat is er veranderd bij de acties van gemeenten en de VNG?", None, (), ("gemeenten", "VNG")),
    ("wat doen SBB en de MBO Raad?", None, (), ("SBB", "MBO Raad")),
    # "allebei", "zowel … als", "samen": the rows naming both
    ("bij welke acties zitten SBB en de MBO Raad allebei?", "SBB", ("MBO Raad",), ()),
    ("waar trekken gemeenten en werkgevers samen op?", "gemeenten", ("werkgevers",), ()),
    ("bij welke acties staan zowel JOB als de NRTO?", "JOB", ("NRTO",), ()),
])
def test_two_parties_either_or_both(question, partij, also, any_of):
    got = p(question)
    assert (got.filters.partij, tuple(got.also), tuple(got.any_of)) == (partij, also, any_of)


def test_parties_by_what_they_are():
    assert find_parties("wat doen de private opleiders?", PARTIES)[0] == ["NRTO"]
    assert find_parties("waar zit de studentenorganisatie bij?", PARTIES)[0] == ["JOB"]
    assert find_parties("wat moet de beroepsvereniging van docenten doen?", PARTIES)[0] == ["BVMBO"]


def test_developments_in_a_year_ask_what_changed():
    got = p("welke ontwikkelingen zijn er bij de acties van JOB?")
    assert (got.operation, got.field, got.filters.partij, got.topic) == ("compare", "change", "JOB", "")


def test_op_het_gebied_van_names_no_subject():
    got = p("wat is er veranderd op het gebied van burgerschap sinds de vorige rapportage?")
    assert (got.operation, got.topic) == ("compare", "burgerschap")


@pytest.mark.parametrize("question, operation, field", [
    # the costs as a subject, not an amount asked for
    ("wat doet de werkagenda aan de kosten voor mbo studenten, zoals lesgeld en schoolboeken?", "list", "status"),
    ("wat zijn de kosten van de studentenkaart?", "lookup", "figure"),
    # "acties over …" and "zijn er acties …" ask for a list
    ("zijn er acties over onderzoek door mbo-scholen zelf, zoals practoraten?", "list", "status"),
])
def test_costs_and_actions_about_a_subject(question, operation, field):
    got = p(question)
    assert (got.operation, got.field) == (operation, field)
    assert "zoals" not in got.topic


def test_words_after_a_doelstelling_describe_it():
    got = p("Hoeveel acties telt doelstelling 1.2 over welzijn en veiligheid?")
    assert (got.operation, got.filters.doelstelling, got.topic) == ("count", "1.2", "")
    # words elsewhere in the question still narrow it
    got = p("welke acties in doelstelling 1.2 gaan over de gezonde school?")
    assert got.filters.doelstelling == "1.2" and "gezond" in got.topic.lower()


def test_a_verb_with_dat_and_no_new_subject_stays_with_the_previous_action():
    first = p("wat doet de werkagenda aan gratis schoolboeken voor mbo'ers?")
    got = plan("geldt dat voor iedereen?", [first], Filters())
    assert got.followup and got.topic == first.topic


def test_a_question_that_opens_with_wanneer_asks_for_a_date():
    # an embedded "hoe vaak" is what will be known, not what is asked
    assert p("wanneer weten we hoe vaak het studentenfonds gebruikt wordt?").field == "wanneer"


def test_which_age_asks_for_a_figure():
    assert p("De leeftijdsgrens van de RMC gaat omhoog. Van welke leeftijd naar welke?").field == "figure"


def test_problems_of_students_are_a_subject_and_the_whole_agenda_no_topic():
    got = p("wat doet de werkagenda aan mentale problemen bij studenten")
    # (the trouble is said of the subject: "mentale" is what the rows are about)
    assert got.filters.stand is None and "mentale" in got.topic
    assert p("welke acties lopen tegen problemen aan?").filters.stand == VERTRAAGD
    got = p("Welke acties in de hele werkagenda zijn vertraagd of niet uitgevoerd?")
    assert (got.operation, got.topic, got.filters.stand) == ("list", "", VERTRAAGD)


def test_words_about_the_asking_name_no_subject():
    assert p("Wat zegt de rapportage over de onderwijsregio's?").topic.lower() == "onderwijsregio's"
    got = p("mijn stagebegeleiding was echt slecht.. doet de werkagenda iets aan betere begeleiding tijdens je stage?")
    assert not {"slecht", "betere", "tijdens"} & set(got.topic.split())


def test_something_done_after_the_report_is_a_year_it_does_not_cover():
    assert p("Welke nieuwe taaleisen heeft de minister begin 2026 vastgesteld?").uncovered_year == 2026
    # planning for that year is asked about, not refused
    got = p("wat moet er in 2026 klaar zijn?")
    assert got.uncovered_year is None and got.filters.jaar == 2026


def test_vergeleken_names_no_subject():
    got = p("wat is er nieuw bij doelstelling 2.3 vergeleken met vorig jaar?")
    assert (got.operation, got.filters.doelstelling, got.topic) == ("compare", "2.3", "")


@pytest.mark.parametrize("question, operation, partij, also, without, stand", [
    ("Welke rol is er voor de NRTO weggelegd binnen doelstelling 2.3?", "list", "NRTO", (), (), None),
    ("wat doet ssb allemaal bij 2.1?", "list", "SBB", (), (), None),  # a slip in a short abbreviation
    ("Worden de studenten zelf, dus los van JOB, ook ergens als betrokken partij genoemd?", "list", "studenten",
     (), (), None),  # a party set aside is neither required nor left out
    ("Bij welke acties werken werkgevers en mbo-scholen samen zonder dat OCW in de Wie-kolom staat?", "list",
     "werkgevers", ("mbo-scholen",), ("OCW",), None),
    ("Voor welke acties waarin gemeenten een rol hebben, vermeldt de rapportage over 2025 geen enkele voortgang?",
     "list", "gemeenten", (), (), GEEN_VOORTGANG),
])
def test_parties_said_in_more_ways(question, operation, partij, also, without, stand):
    got = plan(question, (), None, PARTIES + ["studenten"], DOELS)  # the report's Wie names "studenten"
    assert (got.operation, got.filters.partij, got.also, got.without, got.filters.stand) == \
        (operation, partij, also, without, stand)


def test_the_askers_own_situation_is_no_stand():
    # "rekenachterstand" is a subject, "als je gestopt bent" the asker's situation
    assert p("wat doet de werkagenda voor studenten met een rekenachterstand?").filters.stand is None
    assert p("als je gestopt bent met je opleiding, helpen ze je dan terug naar school?").filters.stand is None
    assert p("welke acties zijn gestopt?").filters.stand == VERTRAAGD


def test_counting_the_actions_of_named_doelstellingen():
    got = p("Hoeveel acties tellen de doelstellingen 1.4 en 1.5 samen?")
    assert (got.operation, got.meta, got.doelstellingen) == ("meta", "actions", ("1.4", "1.5"))
    assert p("welke doelstellingen zijn er?").meta == "doelstellingen"


def test_how_something_went_after_the_report_is_not_covered():
    got = p("Hoe is de invoering van de structurele nazorg in de eerste maanden van 2026 verlopen?")
    assert got.uncovered_year == 2026


def test_prio_is_a_prioriteit():
    got = p("hoeveel acties heeft een prio gemiddeld?")
    assert (got.operation, got.meta) == ("meta", "actions")
    assert p("hoeveel prios heeft de werkagenda en hoeveel doelstellingen zitten er in elke prio?").meta == "prioriteiten"
    assert p("welke acties van prio 2 lopen achter?").filters.prioriteit == 2
    got = p("Ik hoor vaak dat de werkagenda zo'n 80 acties bevat. Hoeveel zijn het er precies?")
    assert (got.operation, got.meta) == ("meta", "actions")


def test_the_sides_of_en_are_kept_for_lists():
    assert p("welke acties gaan over praktijkgericht onderzoek en practoraten?").conjuncts == \
        ("praktijkgericht onderzoek", "practoraten")
    # an elided compound is one subject; a lookup has no sides
    assert p("welke acties gaan over taal- en rekenvaardigheid?").conjuncts == ()
    assert p("wat is de status van het stagepact en de bpv?").conjuncts == ()


def test_a_name_with_a_year_is_no_year():
    named = plan("wanneer is mbo in 2030 eigenlijk afgelopen", (), None, PARTIES, DOELS, year_names=("MBO in 2030",))
    assert (named.operation, named.filters.jaar, named.topic) == ("lookup", None, "MBO in 2030")
    # without the name it is a year to plan for
    assert p("welke acties moeten in 2030 klaar zijn?").filters.jaar == 2030


def test_an_apposition_says_whose_the_party_is():
    got = plan("waar zit de vo-raad bij, die van de middelbare scholen?", (), None,
               [*PARTIES, "VO-raad", "vo-scholen"], DOELS)
    assert (got.operation, got.filters, got.also, got.topic) == ("list", Filters(partij="VO-raad"), (), "")


def test_involvement_idioms_and_named_ministries():
    assert p("bij welke acties mag JOB meepraten?").filters == Filters(partij="JOB")
    # "wij als studenten": who is asking, no second party the rows must name
    asked = p("waar zit de MBO Raad allemaal bij? wij als studenten willen meepraten")
    assert (asked.filters, asked.also) == (Filters(partij="MBO Raad"), ())
    assert p("wat doen de scholen op eigen houtje?").alone
    got = plan("welke acties hebben naast OCW een ander ministerie (SZW of VWS)?", (), None,
               [*PARTIES, "SZW"], DOELS)
    assert set(got.any_of) == {"VWS", "SZW"} and got.besides == ("OCW",)


def test_a_learners_own_situation_is_no_status_and_no_subject():
    # "achterstand in rekenen" is the student's lag (a subject), not an action behind schedule
    got = p("ik heb een achterstand in rekenen, wat doet de werkagenda daaraan?")
    assert got.filters.stand is None and "achterstand" in got.topic and "rekenen" in got.topic
    # "ik volg bbl": the asker's own situation frames the subject, "volg" is no topic word
    assert p("ik volg bbl, gebeurt daar iets voor?").topic == "bbl"
    # "de situatie" is the question's frame, not a subject the rows must hold
    got = p("bij welke acties van doelstelling 2.1 is de situatie sinds vorig jaar gewijzigd?")
    assert (got.operation, got.topic, got.filters.doelstelling) == ("compare", "", "2.1")


def test_a_follow_up_with_a_verb_of_its_own_asks_its_own_field():
    first = p("wie heeft het meldpunt stagediscriminatie opgezet?")
    # "en JOB?" repeats the question for another party; "en doet JOB er ook iets aan?" asks what JOB does
    assert p("en JOB?", [first]).field == "wie"
    assert p("en doet JOB er ook iets aan?", [first]).field == "status"


def test_how_much_followed_by_a_verb_keeps_the_amount_asked_before():
    first = p("hoeveel geld trekt OCW uit voor de practoraten?")
    assert first.figure_kind == "amount"
    # "plannen" is the verb here ("hoeveel plannen de scholen"), not a count of plans
    assert p("en hoeveel plannen de scholen zelf?", [first]).figure_kind == "amount"
    assert p("hoeveel plannen zijn er voor practoraten?").figure_kind == "count"


@pytest.mark.parametrize("question,operation,filters,topic", [
    # "draagt … bij" is taking part, split
    ("aan welke acties van doelstelling 2.1 draagt SBB bij?", "list", Filters(doelstelling="2.1", partij="SBB"), ""),
    # a scope described in an apposition or a tag question names no topic
    ("welke acties vallen onder 3.3, het deel over personeel?", "list", Filters(doelstelling="3.3"), ""),
    ("2.1 ging toch over loopbaanoriëntatie? hoeveel acties staan daar onder", "count", Filters(doelstelling="2.1"), ""),
    # but without the tag the words narrow the scope
    ("welke acties in 2.1 gaan over loopbaanoriëntatie?", "list", Filters(doelstelling="2.1"), "loopbaanoriëntatie"),
    ("doelstelling 1.2: waar is sinds vorig jaar niks veranderd?", "list",
     Filters(doelstelling="1.2", stand=ONGEWIJZIGD), ""),
    ("geef de acties uit prio 3 waar het werk nog doorloopt", "list", Filters(prioriteit=3, stand=LOOPT), ""),
    ("geef me de acties van 2.2 met hun actuele stand", "list", Filters(doelstelling="2.2"), ""),
    ("welke actie in 2.3 staat er hetzelfde voor als bij de vorige stand?", "list",
     Filters(doelstelling="2.3", stand=ONGEWIJZIGD), ""),
])
def test_scopes_described_and_stands_said_in_passing(question, operation, filters, topic):
    got = p(question)
    assert (got.operation, got.filters, got.topic) == (operation, filters, topic)


def test_a_participle_with_onder_is_a_verb():
    got = p("welke doelstellingen zijn ondergebracht bij prioriteit 2?")
    assert (got.operation, got.meta, got.filters) == ("meta", "doelstellingen", Filters(prioriteit=2))


def test_a_range_of_doelstellingen_names_each_of_them():
    got = p("hoeveel acties tellen 3.1 t/m 3.3 samen?")
    assert (got.operation, got.meta, got.doelstellingen) == ("meta", "actions", ("3.1", "3.2", "3.3"))
    assert p("welke acties staan in 2.1 tot en met 2.3 over stages?").topic == "stages"
    # not a range across prioriteiten, nor backwards
    assert p("hoeveel acties tellen 1.5 t/m 1.2?").doelstellingen == ("1.5", "1.2")


def test_the_two_status_columns_are_a_question_about_the_report():
    got = p("wat betekent de kolom status tegenover de kolom voortgang?")
    assert (got.operation, got.meta) == ("meta", "periods")


def test_for_whom_is_the_group_served_not_the_parties():
    assert p("voor wie is de subsidieregeling praktijkleren bedoeld?").field == "status"
    assert p("door wie wordt de subsidieregeling praktijkleren uitgevoerd?").field == "wie"


def test_dat_in_a_relative_clause_points_back():
    first = p("hoe staat het met de wet over nazorg?")
    assert p("en is het dan de gemeente die dat betaalt?", [first]).refers_back == "strong"
    # "klopt dat?" closing a claim is no subject
    assert "klopt" not in p("er komt een wet voor nazorg, klopt dat?").topic
    # "of dat werkt": the pronoun as the subject of a clause
    assert p("wordt er ook gekeken of dat werkt?", [first]).refers_back
    assert not p("wordt er ook gekeken of de aanpak werkt?", [first]).refers_back


def test_figures_asked_without_the_usual_words():
    got = p("hoe vaak is de subsidieregeling het afgelopen jaar gebruikt?")
    assert (got.field, got.figure_kind) == ("figure", "frequency")
    # a frequency compared over time stays a change; "wanneer weten we hoe vaak …" asks a date
    assert p("hoe vaak is de onderwijspremie uitgereikt vergeleken met vorig jaar?").field == "change"
    assert p("wanneer weten we hoe vaak het fonds gebruikt wordt?").field == "wanneer"
    got = p("wat moet een leerbedrijf per maand betalen voor een bbl'er?")
    assert (got.field, got.figure_kind) == ("figure", "amount")


def test_people_who_stopped_are_no_stand():
    got = p("hoeveel studenten zijn er vorig jaar gestopt met hun opleiding?")
    assert got.filters.stand is None and got.field == "figure"


def test_which_schools_asks_for_names_not_for_a_list_of_actions():
    assert p("welke mbo-scholen doen mee aan het bbl-offensief?").operation == "lookup"
    assert p("bij welke acties zijn mbo-scholen betrokken?").operation == "list"


def test_vastleggen_is_no_stuck_action():
    assert p("met wie leggen scholen hun loopbaanbeleid vast?").filters.stand is None
    assert p("welke acties zitten helemaal vast?").filters.stand == VERTRAAGD
    assert p("krijg je extra tijd als je dyslexie hebt?").topic == "extra tijd dyslexie"


def test_is_dat_opening_a_follow_up_points_back():
    first = p("doet de werkagenda iets aan studentenhuisvesting?")
    assert p("is dat een taak van de gemeente of van de school?", [first]).refers_back == "strong"
    # "volgens planning" asks whether it is on track, not for a date
    assert p("loopt het programma Digitaal Bekwaam volgens planning?").field == "status"


def test_money_put_into_something_is_an_amount():
    got = p("hoeveel stopt OCW per jaar in de practoraten?")
    assert (got.field, got.figure_kind) == ("figure", "amount")


def test_on_track_and_standing_still():
    first = p("hoe staat het met het programma cyberveiligheid?")
    follow = p("loopt dat een beetje volgens plan?", [first])
    assert follow.followup and follow.topic == first.topic
    assert p("welke acties van SBB staan nog stil?").filters.stand == ONGEWIJZIGD
    assert p("welke acties lopen niet volgens plan?").filters.stand == VERTRAAGD


def test_these_three_actions_are_the_last_list_even_a_turn_later():
    listed = p("welke acties in 2.1 gaan over loopbaanoriëntatie?")
    one = p("hoe staat het met kiesmbo?", [listed])
    got = p("wie zijn de partijen bij die drie acties?", [listed, one])
    assert (got.operation, got.field, got.filters, got.topic) == ("list", "wie", listed.filters, listed.topic)


def test_finished_in_the_later_year_is_recent():
    assert p("welke acties zijn in 2025 afgerond?").recent
    assert not p("welke acties zijn afgerond?").recent
    # "in 2025" said of news, not of finishing
    assert not p("bij de acties die al af waren: is daar in 2025 nog iets nieuws gemeld?").recent


def test_binnenhalen_is_no_subject():
    assert p("wat wordt er gedaan om meer zij-instromers binnen te halen?").topic == "zij-instromers"


def test_is_that_finished_asks_about_the_action_just_answered():
    first = p("hoe staat het met kiesmbo?")
    got = p("is dat al klaar?", [first])
    assert (got.operation, got.field, got.filters.stand, got.topic, got.followup) == \
        ("lookup", "status", None, first.topic, True)
    # no previous action: the list of finished ones
    assert p("welke acties zijn al klaar?").filters.stand == AFGEROND


def test_schools_counted_within_the_action_just_answered():
    first = p("komt er nou een studentenkaart voor mbo'ers?")
    got = p("hoeveel scholen hebben er al een?", [first])
    assert (got.operation, got.field, got.figure_kind, got.filters.partij, got.followup) == \
        ("lookup", "figure", "count", None, True)
    assert got.topic == f"{first.topic} scholen"
    # the schools' actions when they are the party asked about
    assert p("bij hoeveel acties zijn scholen betrokken?").filters.partij == "mbo-scholen"


def test_achieved_since_last_summer_is_a_change_of_one_thing():
    first = p("hoe staat het met het programma cyberveiligheid?")
    got = p("Wat is daar sinds zomer 2024 bereikt?", [first])
    assert (got.operation, got.field, got.filters.stand, got.followup) == ("lookup", "change", None, True)
    # without a pointer: what changed everywhere; finishing asked of the actions stays a stand
    assert p("wat is er sinds zomer 2024 bereikt?").operation == "compare"
    many = p("welke acties zijn sinds zomer 2024 afgerond?")
    assert many.filters.stand == AFGEROND and many.recent


def test_the_last_year_is_the_later_period():
    first = p("wat is leeroverzicht precies?")
    got = p("wat is er het laatste jaar aan verbeterd?", [first])
    assert (got.field, got.refers_back) == ("change", "weak") and "laatste" not in got.topic


def test_a_building_is_no_participle():
    assert "schoolgebouwen" in p("welke acties gaan over schoolgebouwen?").topic


@pytest.mark.parametrize("question, ordinal, field", [
    ("wat is er bij de tweede veranderd?", 2, "change"),
    ("en wie doet de laatste?", -1, "wie"),
    ("hoe staat het met de derde actie?", 3, "status"),
    ("en nummer 4?", 4, "status"),
    # a separable participle after the place, and the figure's kind, leave no subject
    ("hoeveel geld is er voor de derde toegekend?", 3, "figure"),
])
def test_an_action_of_the_last_list_by_its_place(question, ordinal, field):
    listed = p("welke acties zijn er?", filters=Filters(doelstelling="3.1"))
    got = p(question, [listed], Filters(doelstelling="3.1"))
    assert (got.operation, got.ordinal, got.field, got.followup) == ("lookup", ordinal, field, True)


def test_a_place_with_a_noun_of_its_own_is_no_place_in_the_list():
    listed = p("welke acties zijn er?", filters=Filters(doelstelling="2.1"))
    assert p("wanneer begint de tweede fase van competentnl?", [listed]).ordinal is None
    assert p("welke acties vallen onder de eerste prioriteit?", [listed]).ordinal is None


def test_a_school_year_span_is_no_comparison_of_years():
    got = p("Welk bedrag is er in de studiejaren 2025/2026 en 2026/2027 extra beschikbaar voor instromers?")
    assert (got.field, got.figure_kind) == ("figure", "amount")
    assert p("wat is er tussen 2024 en 2025 veranderd bij de bbl?").field == "change"


def test_examples_named_are_sides_of_a_topic_list():
    got = p("Welke acties gaan over online platforms om opleidingen te zoeken, zoals KiesMBO en Leeroverzicht?")
    assert got.operation == "list" and got.conjuncts == ("KiesMBO", "Leeroverzicht")


@pytest.mark.parametrize("question,operation,meta,topic", [
    # a word that only says the actions are counted one by one, or where the list is, names no subject
    ("uit hoeveel losse acties bestaat de werkagenda?", "count", None, ""),
    ("hoeveel actiepunten vallen onder dit doel?", "count", None, ""),
    ("noem alle doelstellingen die in het verslag staan", "meta", "doelstellingen", ""),
    ("van wanneer zijn de gegevens in dit overzicht?", "meta", "periods", ""),
    # what is new is the change asked for; a subject after "nieuwe" stays one
    ("welke acties melden nieuwe stappen sinds zomer 2024?", "compare", None, ""),
    ("welke acties over nieuwe opleidingen zijn veranderd?", "compare", None, "opleidingen"),
    # "of" after a verb of knowing asks whether, it joins no two subjects
    ("weet iemand of studenten zich veilig voelen op school?", "lookup", None, "studenten veilig voelen school"),
    # a compound with "acties" as its head names its first part
    ("ik zoek de veiligheidsacties in 1.2, welke zijn dat?", "list", None, "veiligheid"),
    ("wat zijn de LOB-acties?", "list", None, "LOB"),
    # an adjective after "iets" says what kind of news, it is no subject
    ("is er sinds vorig jaar nog iets concreets gebeurd?", "compare", None, ""),
    ("is er iets bijzonders gebeurd met de studentenkaart?", "lookup", None, "studentenkaart"),
    # a doelstelling labelled in brackets, steps set after the summer of 2024: a compare of it
    ("doelstelling 3.3 (personeel): bij welke acties zijn na de zomer van 2024 nieuwe stappen gezet?", "compare",
     None, ""),
])
def test_words_about_the_list_itself_are_no_subject(question, operation, meta, topic):
    got = p(question)
    assert (got.operation, got.meta, got.topic) == (operation, meta, topic)


def test_where_in_the_country_names_no_subject():
    first = p("kunnen mbo studenten ook mee met de introductieweken van hogescholen?")
    follow = p("waar in nederland kan dat al dan", [first])
    assert "nederland" not in follow.topic.lower()
    # elsewhere the country stays a word of the subject
    assert "nederland" in p("welke acties gaan over stages buiten nederland?").topic.lower()


def test_which_without_a_noun_after_a_list_is_into_it():
    first = p("welke acties vallen onder doelstelling 2.3?")
    follow = p("en bij welke zit szw erbij?", [first])
    assert follow.followup and follow.filters.doelstelling == "2.3" and follow.filters.partij == "SZW"
    # with a noun of its own it is a question of its own
    assert not p("en in welke steden kan het al?", [first]).followup


@pytest.mark.parametrize("question, check", [
    # a doelstelling with a word hyphened to it ("1.3-acties"), not an action id
    ("Sinds de rapportage van zomer 2024, welke 1.3-acties zijn inhoudelijk verder gekomen?",
     lambda g: g.filters.doelstelling == "1.3" and g.operation == "compare" and g.topic == ""),
    ("hoe staat het met actie 1.3-04?", lambda g: g.filters.doelstelling is None),
    # "onderverdeeld in welke doelstellingen": the report's structure
    ("Prioriteit 3 is onderverdeeld in welke doelstellingen precies?", lambda g: g.operation == "meta"),
    # who a party speaks for describes it
    ("De NRTO, namens de private opleiders: in welke acties staan zij genoemd?",
     lambda g: g.filters.partij == "NRTO" and g.topic == ""),
])
def test_scope_words_of_fresh_phrasings(question, check):
    assert check(p(question))


def test_what_a_party_has_to_take_care_of_is_a_party_question():
    # (the engine's party list also knows VNO-NCW and MKB-Nederland: test_beyond's fresh questions)
    got = p("waar moet OCW allemaal voor zorgen?")
    assert got.operation == "list" and got.filters.partij == "OCW" and got.topic == ""
    # "zorgen" as a subject stays: "de zorg" for students
    assert p("wat doet de werkagenda aan zorgen van studenten?").topic


def test_a_bare_doelstelling_with_its_label_in_brackets_and_small_frame_words():
    got = p("Zet de acties van 3.3 (onderwijspersoneel) even voor me op een rij")
    assert got.operation == "list" and got.filters.doelstelling == "3.3" and got.topic == ""
    follow = p("Welke daarvan staan er nog net zo voor als in 2024?", [got])
    assert follow.followup and follow.topic == "" and follow.filters.stand


def test_one_of_them_finished_and_that_work():
    first = p("Laat alle acties zien die bij doelstelling 1.4 horen")
    one = p("Is er daarvan al eentje af?", [first])
    assert one.followup and one.filters.stand == AFGEROND
    assert p("Bij wie is dat werk nu ondergebracht?", [first, one]).refers_back == "strong"


def test_a_share_asked_with_an_adjective_is_a_figure():
    got = p("wat is het huidige aandeel bbl-studenten?")
    assert (got.field, got.figure_kind) == ("figure", "share")


def test_a_count_after_a_comma_with_last_year_is_a_figure():
    got = p("mijn school heeft een noodfonds voor studenten, hoeveel mbo'ers kregen daar vorig jaar een uitkering uit")
    assert got.field == "figure"
    assert p("wat is er sinds vorig jaar veranderd bij het stagepact?").field == "change"


def test_still_running_said_with_words_between():
    got = p("Welke acties in dit onderdeel lopen volgens de rapportage op dit moment nog?", (), Filters(doelstelling="3.2"))
    assert got.filters == Filters(doelstelling="3.2", stand=LOOPT)


def test_what_one_named_thing_holds_is_no_list_of_actions():
    assert p("Welke afspraken bevat het Bestuursakkoord Flexibilisering Lerarenopleidingen?").operation == "lookup"
    assert p("Welke afspraken zijn er gemaakt op de kwaliteitstafel over vsv?").operation == "lookup"
    assert p("welke afspraken staan er in de werkagenda over stages?").operation == "list"


def test_thinking_is_how_a_subject_is_said_not_the_subject():
    # "aan zelfmoord denkt": the report has no word for thinking; left in, it made the question's
    # words look unknown and the answer a refusal
    assert "denkt" not in p("wat doet school als iemand aan zelfmoord denkt?").topic.split()


def test_trouble_reading_and_writing_is_the_reports_laaggeletterdheid():
    assert "laaggeletterdheid" in p("wat doet de werkagenda voor volwassenen die moeite hebben met lezen?").topic
    assert "laaggeletterdheid" in p("zijn er plannen voor ouderen die niet goed kunnen lezen of schrijven").topic


def test_examples_joined_by_of_are_examples_not_alternative_subjects():
    # "zoals boeken of lesgeld" names examples of the money asked about; a plain "taal of rekenen"
    # still asks about either
    asked = p("welke acties helpen studenten met geld, zoals boeken of lesgeld?")
    assert " | " not in asked.topic and asked.conjuncts == ("boeken", "lesgeld")
    assert p("welke acties gaan over taal of rekenen?").topic == "taal | rekenen"


def test_leaving_school_without_a_diploma_is_voortijdig_schoolverlaten():
    assert "voortijdig schoolverlaten" in p("wat doet de werkagenda voor jongeren die zonder diploma van school gaan?").topic
    assert "voortijdig schoolverlaten" in p("helpt iemand studenten die stoppen met hun opleiding?").topic
    # the report's own word stays as it is
    assert "startkwalificatie" in p("welke acties gaan over jongeren zonder startkwalificatie?").topic


def test_the_latest_update_is_the_report_also_before_stand_words():
    # "update … niks ingevuld" is taken by the stand words; "laatste" must not stay behind as a subject
    asked = p("bij welke acties is er bij de laatste update niks ingevuld?")
    assert (asked.topic, asked.filters.stand) == ("", GEEN_VOORTGANG)


def test_stand_phrasings_of_unchanged_and_no_update():
    assert p("Bij welke acties is de situatie gelijk gebleven ten opzichte van zomer 2024?").filters.stand == ONGEWIJZIGD
    asked = p("over welke burgerschapsacties is er geen nieuwe update gegeven")
    assert (asked.filters.stand, asked.topic) == (GEEN_VOORTGANG, "burgerschap")


def test_the_plan_is_the_agenda_and_structure_verbs_frame_a_meta_question():
    asked = p("zit JOB eigenlijk ergens bij in het plan, bij welke acties dan")
    assert (asked.operation, asked.filters.partij, asked.topic) == ("list", "JOB", "")
    assert "plan" in p("wat staat er in het plan van aanpak over stages?").topic.split()
    assert p("Welke doelstellingen onderscheidt de werkagenda?").meta == "doelstellingen"


def test_what_the_report_says_about_a_subject_is_a_list():
    assert p("Wat staat er in de werkagenda over praktijkgericht onderzoek en practoraten?").operation == "list"
    assert p("wat staat er over praktijkverklaringen").operation == "list"
    # what one named document holds is no list of actions
    assert p("wat staat er in die taalgids van ocw over hoe je over het mbo moet praten?").operation == "lookup"


def test_suicidal_thoughts_in_everyday_words_are_the_reports():
    assert "suïcidale gedachten" in p("wat doen scholen tegen somberheid en zelfmoordgedachten?").topic


def test_students_lagging_behind_in_a_subject_is_no_stand():
    asked = p("krijgen scholen extra geld voor studenten die achterlopen met taal en rekenen")
    assert asked.filters.stand is None and "taal" in asked.topic
    # the actions' own delay still is
    assert p("wat loopt er achter in prioriteit 2").filters.stand == VERTRAAGD
    assert p("welke acties lopen achter met de planning?").filters.stand == VERTRAAGD


def test_a_prioriteitsgebied_is_a_prioriteit_and_its_actiepunten_are_counted():
    asked = p("Zijn er in het tweede prioriteitsgebied al acties die klaar zijn?")
    assert (asked.filters.prioriteit, asked.filters.stand, asked.topic) == (2, AFGEROND, "")
    assert p("hoeveel acties vallen onder prioriteitsgebied 3?").filters.prioriteit == 3
    assert p("Hoe groot is het aantal actiepunten in prioriteit 1?").meta == "actions"


def test_the_fewest_number_of_actions_is_a_ranking():
    assert p("welke doelstelling heeft het minste aantal acties").meta == "least"
    assert p("welke doelstelling heeft het meeste aantal maatregelen?").meta == "most"


def test_the_newest_update_frames_a_stand_question():
    asked = p("bij welke acties staat er bij de nieuwste voortgang gewoon niks ingevuld")
    assert (asked.topic, asked.filters.stand) == ("", GEEN_VOORTGANG)


def test_everyday_words_for_the_student_card_and_discrimination():
    assert "studentenkaart" in p("komt er nou een pasje waarmee je laat zien dat je mbo-student bent").topic
    assert "discriminatie" in p("ik word afgewezen voor stages om mijn achternaam").topic
    # a name as such is no discrimination
    assert "discriminatie" not in p("wat is de naam van het bbl-offensief?").topic


def test_a_party_in_the_wie_column_with_an_unchanged_stand_is_a_list():
    asked = p("Welke acties met gemeenten als partij zijn sinds vorig jaar ongewijzigd?")
    assert (asked.operation, asked.filters.partij, asked.filters.stand) == ("list", "gemeenten", ONGEWIJZIGD)
    # without a stand the change is asked
    assert p("wat is er sinds vorig jaar veranderd bij acties met gemeenten als partij?").operation == "compare"


def test_students_among_whom_something_happens_are_no_party():
    asked = p("wat doen ze aan mentale problemen bij studenten")
    assert asked.filters.partij is None and "studenten" in asked.topic
    assert p("wat doet JOB aan stress onder studenten?").filters.partij == "JOB"

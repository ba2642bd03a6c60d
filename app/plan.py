"""Question -> Plan: what a question asks, as data. Pure: no index, no models.

The engine used to try a cascade of regular expressions in a fixed order, each recognising a few
phrasings of one kind of question. A Plan instead records every feature of the question at once,
so "welke acties van OCW lopen achter?" is a list (operation) of rows with partij OCW and stand
"vertraagd of niet uitgevoerd" (filters) and no topic, rather than whichever pattern fired first.

    operation  lookup   one action: its status, who, when, a figure, what changed
               list     every row that matches the filters and the topic
               count    how many rows match (answered with the list)
               compare  rows in scope whose 2025 text differs from summer 2024, and the rest counted
               meta     about the report itself: structure, counts, periods
               empty    nothing asked
    field      status | wie | wanneer | change | figure   (what a lookup must show first)
    topic      the words left for retrieval once parties, numbers and the question frame are gone

The dropdown filters of the chat are merged in: a filter narrows the plan, it never replaces what
the question asks.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from dataclasses import field as dc_field
from typing import Iterable, Sequence

from index.analyzer import STOPWORDS, fold, stem, words
from index.stand import AFGEROND, GEEN_VOORTGANG, LOOPT, ONGEWIJZIGD, VERTRAAGD
from index.structured import Filters
from ingest.model import DEFAULT_PERIODS
from ingest.parties import normalise_parties

# -- vocabulary ----------------------------------------------------------------------------------

_WHO = re.compile(r"\bwie\b|\b(?:zit|zitten|zat|zaten)\s+(?:er\s+)?achter\b|\b(?:staat|staan|stond|stonden)\s+(?:er\s+)?achter\s+(?=(?:de|het|dit|deze|die|dat|een)\b)(?!(?:de|het)\s+(?:planning|schema|tijdpad)\b)|\bwiens\b|verantwoordelijk|welke partij|trekker|uitvoerder|betrokken partij|\bpartners\b|\bvoortouw\b|"
                  r"\bwelke? (?:onderzoeks)?(?:bureau|organisatie|instantie|ministerie)s?\b|\bwelke?\s+(?:[\w'’-]+\s+)?partner\b|"
                  r"wie (?:doet|doen|gaat|moet)", re.I)
_WHEN = re.compile(r"\bwanneer\b|(?<!volgens )(?<!volgens de )(?<!volgens het )planning|\b(?:in)?gepland\b|tijdpad|\bdeadline\b|per wanneer|welk jaar|hoe lang|looptijd|"
                   r"welke datum|op welke datum|klaar (?:zijn|moet|moest)(?! met)|moet(?:en)? .{0,30}klaar(?! met)|"
                   r"\bin welke (?:periode|maand|maanden|kwartaal|fase van het jaar)\b|"
                   r"\b(?:streef|eind|start|ingangs|begin)datum\b|\binwerkingtreding\b|"
                   r"\b(?:op|vanaf|tot)\s+welk\s+moment\b|\bin welk (?:school|studie)?jaar\b", re.I)
_CHANGE = re.compile(r"verander|verschil(?!lend)|vergele|sinds (?:de |vorige |afgelopen )?zomer|\bupdates? sinds\b|wat is er nieuw|nieuws\b|"
                     r"ontwikkel(?:d|ing) sinds|vooruitgang|verder gekomen|opgeschoten|vorig jaar|"
                     r"vorige (?:keer|rapportage)|(?<![/–-])\b20\d\d\b(?!\s*[/–-]\s*20\d\d)(?!/)[^/]{0,40}\b20\d\d\b(?!\s*[/–-]\s*20\d\d)|toen (?:en|vs\.?|versus) nu|bijgekomen|"
                     r"(?:het )?afgelopen jaar|\b(?:het|dit) laatste jaar\b|nieuw in 20\d\d|in 20\d\d nieuw|\bnieuws\b|sinds .{0,20}\bupdate|"
                     r"anders(?:\s+(?:is|zijn|was|waren|staat|geworden))?\s+dan\s+(?:(?:in|bij|tijdens)\s+)?(?:de\s+|het\s+)?"
                     r"(?:vorig|20\d\d|zomer|toen|de vorige|rapportage|voortgangsrapportage)|nieuwe voortgang|voortgang (?:laten |te )?zien|"
                     r"ten opzichte van (?:vorig|20\d\d|zomer|de vorige)|t\.o\.v\.|"
                     r"\b(?:welke|nieuwe) ontwikkelingen\b|\bna (?:de )?zomer (?:van )?2024\b|\bnieuwe stappen\b|"
                     # "hoe is de looptijd aangepast sinds 2024?"
                     r"\b(?:aangepast|gewijzigd|bijgesteld)\b[^?]*\bsinds\b|\bsinds\b[^?]*\b(?:aangepast|gewijzigd|bijgesteld)\b", re.I)
# "geld" alone is no figure question ("krijgt het expertisepunt nog geld?" asks for a status).
_FIGURE = re.compile(r"\bhoeveel\b|bedrag(?:en)?\b|percentage|\bprocent\b|\bmiljoen\b|\bmln\b|\bbudget\b|"
                     r"\bin cijfers\b|\bwelke cijfers\b|\bcijfermatig\b|\b(?:in|hoeveel) euro(?:'?s)?\b|"
                     r"\bwelke? (?:leeftijd|leeftijdsgrens|getal|omvang|hoogte)\b|\bwat kost|"
                     # "wat moet een stagebedrijf je per maand betalen?": a sum, without "hoeveel"
                     r"\bwat\b[^?]*\bper (?:maand|jaar|week|uur|student)\b[^?]*\b(?:betalen|betaald|krijgen|verdienen|vergoed\w*)\b|"
                     r"\bwat\b[^?]*\b(?:betalen|betaald|krijgen|verdienen|vergoed\w*)\b[^?]*\bper (?:maand|jaar|week|uur|student)\b|(?<!aan de )(?<!tegen de )(?<!over de )(?<!rond de )\bkosten\b.*\?|\baantal\b|welk cijfer|hoe (?:groot|hoog|vaak)\b", re.I)
# "hoe hoog is een bestuursbeurs?": a sum, said of any kind of money (also as a compound's end)
_MONEY_NOUN = r"\w*(?:subsidie|bedrag|bijdrage|vergoeding|budget|investering|bekostiging|beurs|premie|toeslag|uitkering|boete)"
_AMOUNT = re.compile(rf"\b(?:ge)?[iï]nvest\w*|\bhoe hoog\b.*\b{_MONEY_NOUN}|"
                     rf"\b{_MONEY_NOUN}\w*\b.*\bhoe hoog\b|"
                     r"\btrek\w*\b.{0,40}\buit\b|\bin euro(?:'?s)?\b|\buit(?:ge)?trek|\buitgeven|\buitgegeven|\bbested|bedrag|\btotale kosten|vergoeding|\bsalaris|\bloon\b|\bprijs\b|\btarief|\bbetalen\b[^?]*\bper (?:maand|jaar|week|uur)\b|\bper (?:maand|jaar|week|uur)\b[^?]*\bbetalen\b|\bbudget|\bkost|\bgeld\b|\beuro\b|\bmiljoen|\bmln\b|\bsubsidie(?:bedrag)?\b.*hoeveel|"
                     r"hoeveel.*\bsubsidie(?:s|geld|bedrag|bedragen|budget)?\b|\bfinanciering\b.*hoeveel|hoeveel.*\bfinanciering|\binvest|"
                     # "hoeveel steekt OCW elk jaar in de professionalisering?": money put into something
                     r"\bhoeveel\s+(?:steekt|steken|stak|staken|stopt|stoppen|pompt|pompen)\b[^?]*\bin\b", re.I)
_DURATION = re.compile(r"\bhoeveel (?:tijd|jaar|jaren|maanden|weken)\b|\bhoe lang (?:duurt|wordt)\b", re.I)
_FREQUENCY = re.compile(r"\bhoe vaak\b|\bhoe dikwijls\b|\bhoeveel keer\b", re.I)
_PERCENT = re.compile(r"percentage|procent|\b%", re.I)

_PLURAL = re.compile(r"\bwelke (?:acties|maatregelen|afspraken|plannen|projecten|onderdelen|dingen|taken)\b|"
                     r"\w-?acties\b|\bacties (?:met|van|waar|over|rond|voor|tegen)\b|\bergens\b|"
                     r"\b(?:zijn|staan) er (?:ook |nog |al )?acties\b|"
                     r"\bwelke (?:van )?(?:deze|die|daarvan|hiervan)\b|"
                     r"\balle (?:acties|maatregelen|afspraken)\b|\ballemaal\b|\balles\b|\boverzicht\b|"
                     r"\bopsomming\b|\blijst\b|\bwelke\b.*\bacties\b|\bacties\b.*\b(?:zijn|lopen|staan)\b|"
                     r"\bwaar (?:zit|zitten|is|zijn|staat|staan)\b.*\bbij\b|\bwaarbij\b|"
                     r"(?<!worden )(?<!wordt )\bbetrokken\b(?!\s+(?:worden|wordt|zouden|kunnen)\b)|\bwat (?:doet|doen|moet|moeten|gaat|gaan)\b|"
                     # a subject area, not one named action: "wat gebeurt er rond studentenwelzijn?"
                     r"\b(?:rond|rondom|omtrent|op het (?:gebied|vlak|terrein) van)\b|"
                     r"\b(?:valt|vallen|hoort|horen|hangt|hangen)\b[^?]*\bonder\b|\b(?:al|nog|ook|alle)\s+acties\b|"
                     # "wat staat er in de werkagenda over stages?": what the report says on a subject, every
                     # action on it ("wat wordt er gedaan aan …" often asks for the one action: not taken)
                     # (not "wat staat er in die taalgids over …": what one named document holds)
                     r"\bwat staat er(?:\s+(?:allemaal|eigenlijk|nou|precies|zoal))?(?:\s+in\s+(?:de|het|dit|deze)\s+"
                     r"(?:werkagenda(?:\s+mbo)?|(?:voortgangs)?rapportage|verslag|rapport|(?:voortgangs)?overzicht))?\s+over\b", re.I)
_CONTENTS = re.compile(r"\bwelke (?:[\w'’-]+ ){0,2}?(?:maatregelen|afspraken|onderdelen|punten|elementen|thema'?s|acties|"
                       r"plannen|doelen) (?:(?:staan|zitten|stonden|zaten|komen) (?:er )?(?:precies |allemaal |concreet )?in|"
                       # "welke afspraken bevat het bestuursakkoord?", "… zijn er gemaakt op de kwaliteitstafel?"
                       r"(?:bevat|bevatten|omvat|omvatten)|(?:zijn|werden|worden) (?:er )?(?:precies |concreet )?gemaakt "
                       r"(?:op|in|bij|tijdens|binnen))"
                       r" (?:het|de|dat|die|dit|deze) (?!werkagenda|rapportage|voortgangsrapportage|doelstelling|prioriteit|"
                       r"verslag|rapport|overzicht|tabel|lijst)", re.I)
_COUNT = re.compile(r"\bhoeveel (?:acties|maatregelen|afspraken|actiepunten|actielijnen in de werkagenda)\b|"
                    # not "hoeveel mensen waren betrokken bij die fraude?": people counted, a figure
                    r"\bhoeveel\b(?!\s+(?:mensen|personen|studenten|docenten|leerlingen|medewerkers|jongeren|"
                    r"deelnemers|bedrijven|werkgevers)\b).*\b(?:betrokken|acties)\b|\baantal (?:acties|actiepunten|maatregelen)\b", re.I)

_META_STRUCT = re.compile(r"\b(?:welke|hoeveel|wat zijn de|noem de|de|alle)\s+(?:\w+\s+)?(doelstellingen|prioriteiten|(?:sub)?doelen)\b", re.I)
# "welke volgen qua omvang na 1.1?", "op volgorde van grootte": the whole ranking, largest first
_RANKING = re.compile(r"\b(?:qua|naar) (?:omvang|grootte)\b|\bop volgorde van\b|\brangschik\w*|\branglijst\b", re.I)
_META_MOST = re.compile(r"\b(meeste|minste)\s+(?:aantal\s+)?(?:acties|maatregelen|doelstellingen)\b|\b(grootste|kleinste|grootst|kleinst|langste|kortste)\b|"
                        rf"\bhet (vaakst|meest|minst)\b|({_RANKING.pattern})", re.I)
# "verdeeld over", "verdelen zich", "verdeling", "ingedeeld", "spreiding": the word families, not phrases.
_NOT_NEW = re.compile(r"\b(?:geen|niets|niks)\s+(?:nieuwe?\s+)?(?:nieuws|voortgang|update\w*|ontwikkelingen?)\b(?=[^?]*\b(?:20\d\d|sinds|meer|nieuw)\b)|"
                      r"\bgeen nieuwe voortgang\b|\b(?:niets|niks) nieuws\b|\bgeen nieuws\b", re.I)
_COLUMN_WORDS = {"wanneer", "wie", "wat", "voortgang", "status", "status zomer 2024", "voortgang (2025)"}
_QUOTED = re.compile(r"(?:(?<=\s)|^)['‘\"“]([^'’\"”]{3,40})['’\"”](?=[\s,.?!:;]|$)")
_SHARE = re.compile(r"\b(?:welk|wat is het|hoe groot is het|hoeveel)\s+(?:(?:huidige|actuele|totale|gemiddelde)\s+)?"
                    r"(?:percentage|procent|deel|aandeel)\b|"
                    r"\bhoeveel procent\b|\bwelk deel\b", re.I)
_NEXT_REPORT = re.compile(r"\b(?:volgende|nieuwe|komende|eerstvolgende)\s+(?:voortgangs)?(?:rapportage|rapport|"
                          r"voortgangsbrief|update van de werkagenda)\b", re.I)
# "minder acties hebben dan 1.3": the verbs between the count and "dan" (also app/engine.py's _MORE_THAN_DOEL)
_SIZE_VERB = r"(?:hebben|heeft|tellen|telt|bevatten|bevat|kennen|kent)"
_META_COMPARE = re.compile(rf"\b(?:groter|kleiner|omvangrijker)\s+dan\b|\b(?:meer|minder)\s+(?:acties|maatregelen)(?:\s+{_SIZE_VERB})?\s+dan\b|"
                           r"\beven\s?(?:veel|groot|lang)\b|\bhetzelfde aantal\b|\bgelijk aantal\b", re.I)
_META_SIZE = re.compile(r"\bhoe groot is (?:de|het)\b|\bomvang\b|\bverde(?:el|l)\w*\b|\b(?:in)?(?:ge)?de(?:el|l)(?:d|ing)\b|"
                        r"\bspreiding\b|\bper (?:prioriteit|doelstelling)\b", re.I)
_META_PERIODS = re.compile(r"\bwelke (?:periode|periodes|perioden|jaren|tijdvak)\b|\bover welke (?:periode|jaren)\b|"
                           r"\bperiode\b.*\b(?:rapportage|rapport|verslag)\b|\b(?:rapportage|rapport)\b.*\bperiode\b|"
                           r"\bvan wanneer (?:is|zijn) (?:de|deze|die) (?:rapportage|voortgangsrapportage|info|informatie|gegevens|cijfers)|"
                           r"\b(?:peil|meet|rapportage)(?:moment|datum|data)(?:en|s)?\b|"
                           # "over welke momenten wordt gerapporteerd?"
                           r"\bwelke momenten\b(?=[^?]*\b(?:gerapporteerd|rapport\w*|verslag|overzicht)\b)", re.I)
_META_TOTAL = re.compile(r"\bhoeveel (?:acties|maatregelen|actiepunten)\b(?:\s+(?:zijn|telt|staan|heeft|bevat|kent)"
                         r"(?:\s+er)?)?(?:\s+(?:in|op))?(?:\s+(?:de|het|totaal|in totaal))*\s*"
                         r"(?:werkagenda|rapportage|rapport|voortgangsrapportage|tabel|totaal)?\s*\??$", re.I)

# Status categories, in the words people use. Order matters: "niet uitgevoerd" before "uitgevoerd".
_STAND_WORDS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"geen (?:enkele )?(?:nieuwe? )?(?:voortgang\w*|update\w*|stand|nieuws|status|informatie|tekst)|"
                r"(?:niets|niks)\s+(?:[\w'’-]+\s+){0,2}?(?:gemeld|vermeld|gezegd|gerapporteerd|geschreven)\b|"
                r"zonder (?:voortgang|update|tekst)|voortgang\w*(?:\s+\S+){0,2}?\s+(?:ontbreekt|leeg|open)\b|lege voortgang\w*|"
                # "bij welke ontbreekt een voortgangstekst?"
                r"\b(?:ontbreekt|ontbreken)\s+(?:een\s+|de\s+|nog\s+)*(?:voortgang|update|tekst)\w*|"
                r"(?:niks|niets)\b.{0,30}\bvoortgang\w*|voortgang\w*\b.{0,20}\b(?:niks|niets)\b|"
                r"(?:niets|niks|niet) (?:ingevuld|bijgewerkt|gerapporteerd)|geen voortgang\w*|"
                r"\bleeg (?:gelaten|gebleven)\b|\bleeg is\b|\bniet gerapporteerd\b|\bstil over\b|"
                r"\b(?:niets|niks) (?:over )?(?:bekend|te melden)\b|\bwaar(?:over|van)\b.{0,20}\bniets\b|"
                # "waar staat nog niks bij over 2025?": nothing said for the later period
                r"\b(?:niets|niks)\b.{0,25}\b(?:2025|dit jaar)\b|\bsta(?:at|an) (?:nog )?(?:niets|niks) bij\b|"
                # "staat er niks over hoe het er nu voor staat?": nothing on its state
                r"\b(?:niets|niks)\s+over\s+(?:hoe\s+(?:het|ze|die|dat|deze)\s+(?:er\s+)?(?:nu\s+|op dit moment\s+)?(?:voor\s+)?"
                r"(?:staat|staan|gaat|gaan|loopt|lopen)\b|(?:de|hun)\s+(?:voortgang|stand|status)\b)", re.I), GEEN_VOORTGANG),
    (re.compile(r"ongewijzigd|onveranderd|niet (?:veranderd|gewijzigd|verder gekomen|opgeschoten)|(?:hetzelfde|gelijk) gebleven|"
                r"\bidem\b|stilgestaan|\bkopie\b|\bgekopieerd\b|\bcopy[- ]?paste\w*|letterlijk (?:herhaald|hetzelfde)|\bsta(?:at|an)\s+(?:nog\s+|al\s+|sindsdien\s+)?stil\b|geen (?:verandering|wijziging|vooruitgang)|"
                # "staan sinds zomer 2024 stil", "zijn blijven staan waar ze waren"
                r"\bsta(?:at|an)\b(?:\s+[\w'’-]+){1,4}?\s+stil\b|\bblijven staan\b|\bgebleven waar\b|"
                # "zitten nog op dezelfde stand als vorig jaar", "op hetzelfde punt als toen"
                r"\b(?:dezelfde|zelfde|hetzelfde)\s+(?:stand|status|plek|punt|niveau|tekst|woorden|formulering)\b|"
                # "waar is sinds vorig jaar niks meer mee gebeurd?"
                r"\b(?:niks|niets)\s+meer\s+(?:mee\s+|aan\s+)?(?:gebeurd|gedaan)\b|"
                r"(?:niets|niks) (?:veranderd|gewijzigd)|(?:precies )?(?:zo|hetzelfde) als (?:in )?(?:de )?zomer|"
                r"(?:nog )?(?:steeds )?(?:hetzelfde|gelijk) (?:als|aan) (?:vorig jaar|20\d\d|de vorige)|"
                # "staan er nog hetzelfde voor als in zomer 2024", "precies zo als toen"
                r"\b(?:hetzelfde|gelijk|zo)\b(?:\s+[\w'’-]+){0,2}?\s+(?:als|aan)\s+(?:(?:in|bij)\s+)?(?:de\s+)?"
                r"(?:(?:die|dat|de tekst|het) van\s+(?:de\s+)?)?(?:zomer|vorig|vorige|toen|20\d\d)", re.I), ONGEWIJZIGD),
    # not "studenten die achterlopen met taal en rekenen": a learner's lag in a subject (as "een achterstand in")
    (re.compile(r"\bachterlopen\b(?!\s+(?:met|in)\s+(?!(?:de\s+|het\s+)?(?:schema|planning|tijd|uitvoering)\b))|"
                r"\bachter(?:op schema)?\b|"
                # not "ik kwam binnen met een achterstand in taal": a learner's lag, a subject
                r"(?<!\been )\bachterstand\b(?!\s+(?:in|bij|met|op|van)\s+(?!(?:de\s+|het\s+)?(?:schema|planning|tijd)\b))|vertraa?g\w*|uitgesteld|niet (?:uitgevoer[dt]|gelukt|gehaald|door|"
                r"gerealiseerd|gestart|opgepakt|begonnen|haalbaar)|\bgeschrapt|stopgezet|\bblijf?t? liggen|"
                r"\bblijven liggen|niet gedaan|mislukt|niet van de grond|gestrand|\bvastgelopen\b|"
                # "bij welke is het beoogde programma er niet gekomen?"
                r"\ber\s+(?:(?:nog\s+)?(?:niet|nooit)\s+(?:ge)?komen|(?:nog\s+)?(?:niet|nooit)\s+(?:van\s+)?gekomen)\b|"
                # "vast" of a stuck action, not of "leggen … vast" (to record)
                r"\b(?:zit|zitten|zat|zaten|loopt|lopen|liep|liepen|staat|staan)\b(?:\s+[\w'’-]+){0,3}?\s+vast\b|"
                r"\bstagn\w+|\bligt stil\b|\bliggen stil\b|\bgestopt\b|\bachterhaald\b|(?<![a-z]e )(?<!ische )\bproblemen\b|"
                r"\bniet (?:op|volgens) schema\b|\bte laat\b|\blater dan gepland\b|\bniet volgens plan\b|"
                r"\bniet (?:goed|lekker|zoals gepland)\b(?!\s+in\s+(?:[\w'’]+\s+)?vel\b)|\bvastzitten\b|\bmis(?:gaan|gegaan|loopt|gelopen)\b|"
                # split: "waar loopt het binnen deze prioriteit mis?", "gaat er iets mis?"
                r"\b(?:loopt|lopen|liep|liepen|gaat|gaan|ging|gingen)\b(?:\s+[\w'’-]+){0,5}?\s+mis\b", re.I), VERTRAAGD),
    (re.compile(r"afgerond|gerealiseerd|\b(?:al|inmiddels|reeds|nu)\b(?:\s+\w+)?\s+klaar\b|voltooid|\bafgevinkt|\bbehaald|"
                r"\bal (?:gedaan|uitgevoerd|gelukt|bereikt)|\bis (?:af|uitgevoerd|gelukt)\b|\bzijn (?:af|uitgevoerd|gelukt)\b|"
                r"\bafgesloten|\bal af\b|\b(?:al|inmiddels|reeds)\b(?:\s+(?:iets|wat|helemaal|echt|volledig|eentje|een|één|enkele|sommige|paar)){1,3}\s+af\b|"
                r"\bafvinken\b|\bklaar (?:is|zijn)\b(?! met)|\bgereed\b|\bafgehandeld|\bopgeleverd|"
                r"\bsuccesvol\b|\bbinnengehaald|\bvoor elkaar\b|\bgeslaagd\b|\bvolbracht|"
                r"\b(?:volledig|helemaal|geheel)\s+(?:uitgevoerd|af|klaar|gerealiseerd|afgerond|voltooid)\b|"
                # "de eindstreep gehaald", "een eindresultaat bereikt", "over de finish"
                r"\beindstreep\b|\beindresultaat\b|\bover de finish\b|\bfinish (?:gehaald|bereikt)\b", re.I), AFGEROND),
    (re.compile(r"nog (?:bezig|lopend|in uitvoering|niet af|niet klaar|gaande|aan de gang)|\blopende\b|in uitvoering|"
                r"\bonderhanden|\b(?:het werk\s+(?:(?:is|nog|al)\s+)*)?in (?:volle )?gang\b|\bop schema\b|\bnog open\b|\bonderweg\b|\bnog (?:\w+ )?bezig\b|"
                r"\bnog (?:moet(?:en)? worden |te |worden )af(?:gerond|ronden)\b|\bnog (?:aan )?(?:ge)?werk(?:t|en)\b|"
                r"\bwordt nog aan gewerkt\b|\baan gewerkt\b|"
                # "waar het werk nog doorloopt" (not the planning "doorlopend": "nog" is asked)
                r"\b(?:het werk\s+)?nog\s+(?:steeds\s+)?doorlo(?:opt|pen)\b|\b(?:het werk\s+)?doorlo(?:opt|pen)\s+nog\b", re.I), LOOPT),
]

# Question-side names for the parties: the Wie cells' own names come from ingest.parties.
_PARTY_ALIASES: list[tuple[re.Pattern, str]] = [
    # The ministries by their names, with or without "ministerie van": "Sociale Zaken (SZW)".
    # The whole name first: "ministerie van Sociale Zaken en Werkgelegenheid" leaves no "Werkgelegenheid".
    (re.compile(r"\b(?:ministerie van )?onderwijs,? cultuur en wetenschap(?:pen)?\b|"
                r"\bministerie van (?:onderwijs|ocw)\b|\bonderwijsministerie\b|\bhet ministerie\b(?! van)", re.I), "OCW"),
    (re.compile(r"\b(?:ministerie van )?volksgezondheid,? welzijn en sport\b|\bministerie van (?:vws|volksgezondheid)\b",
                re.I), "VWS"),
    (re.compile(r"\b(?:ministerie van )?sociale zaken(?: en werkgelegenheid)?\b|\bministerie van szw\b", re.I), "SZW"),
    (re.compile(r"\b(?:ministerie van )?binnenlandse zaken(?: en koninkrijksrelaties)?\b|\bministerie van bzk\b",
                re.I), "BZK"),
    (re.compile(r"\bwerkgever(?:s)?(?:organisaties?|clubs?|koepels?)?\b", re.I), "werkgevers"),
    (re.compile(r"\bvereniging (?:van )?nederlandse gemeenten\b", re.I), "VNG"),
    (re.compile(r"\bgemeente(?:n|s)?\b", re.I), "gemeenten"),
    (re.compile(r"\bmbo[- ]?raad\b", re.I), "MBO Raad"),
    (re.compile(r"\bmiddelbare scholen\b|\bvo-?scholen\b|\bscholen (?:in|voor) het voortgezet onderwijs\b", re.I),
     "vo-scholen"),
    (re.compile(r"(?<![\w-])(?:mbo-?)?(?:scholen|instellingen|onderwijsinstellingen)\b|\bde scholen\b", re.I), "mbo-scholen"),
    (re.compile(r"\bsamenwerkingsorganisatie beroepsonderwijs bedrijfsleven\b", re.I), "SBB"),
    (re.compile(r"\bjob[- ]?mbo\b|\bjongeren organisatie beroepsonderwijs\b", re.I), "JOB"),
    (re.compile(r"\bvakbond(?:en)?\b", re.I), "vakbonden"),
    (re.compile(r"\bvno[- ]?ncw\b", re.I), "VNO-NCW"),
    (re.compile(r"\bmkb(?:[- ]?nederland)?\b", re.I), "MKB-Nederland"),
    (re.compile(r"\bbv ?mbo\b", re.I), "BVMBO"),
    (re.compile(r"\blerarenopleiding(?:en)?\b", re.I), "lerarenopleidingen"),
    (re.compile(r"\bggd(?:'?en|s)?\b", re.I), "GGD'en"),
    (re.compile(r"\buwv\b", re.I), "UWV"),
    # The parties by what they are: the NRTO speaks for the private training providers, JOB for
    # the mbo students, the BVMBO for the teachers' profession.
    (re.compile(r"\bprivate (?:opleiders|opleidingsinstituten|onderwijsaanbieders|aanbieders)\b|"
                r"\bnederlandse raad voor training en opleiding\b", re.I), "NRTO"),
    (re.compile(r"\b(?:mbo-?)?studentenorganisatie\b|\bstudentenbond\b", re.I), "JOB"),
    (re.compile(r"\bberoepsvereniging (?:van )?(?:mbo-?)?(?:docenten|leraren|mbo)\b", re.I), "BVMBO"),
]
# Parties named by a common noun ("scholen", "gemeenten"): in a question about a topic they are
# part of the topic ("hoe zetten scholen hun practoraatmiddelen in?"), not a filter.
_GENERIC_PARTIES = {"mbo-scholen", "gemeenten", "werkgevers"}
# Parties that are usually the subject of a question rather than the one acting ("wat doet de
# werkagenda voor studenten?"): only a party when the question asks what they do themselves.
_SUBJECT_PARTIES = {"studenten", "docenten"}

_WHY = re.compile(r"^\s*(?:en\s+|maar\s+)?(?:waarom|hoe komt het|wat is de reden|om welke reden|waardoor)\b", re.I)
_HEDGE = re.compile(r"^\s*(?:(?:en|maar)\s+)?(?:klopt het (?:dat|of)|is het waar dat|is het zo dat|(?:ik )?(?:heb )?gehoord dat|"
                    r"ik hoorde dat|weet (?:jij|je|u) of|kun(?:t)? (?:je|jij|u) (?:me |mij )?(?:vertellen|zeggen) (?:of|wat|welke|hoe)?|"
                    r"(?:ik )?vroeg me af of|ik ben benieuwd of|"
                    # "Kunt u aangeven uit welke acties 1.1 bestaat?", "zou je kunnen uitleggen wat …": a
                    # polite frame; the question that follows keeps its own question word
                    r"(?:kun(?:t|nen)?|wil(?:t|len)?|zou(?:den)?)\s+(?:je|jij|u|jullie)\s+(?:me\s+|mij\s+|ons\s+)?(?:eens\s+|even\s+)?"
                    r"(?:kunnen\s+)?(?:aangeven|uitleggen|toelichten|laten weten|opnoemen|opsommen|nagaan|opzoeken|"
                    r"vertellen|zeggen)(?:\s+kunnen)?(?=\s+(?:of|wat|welke|welk|hoe|wie|wanneer|waar\w*|hoeveel|uit|bij|aan|"
                    r"onder|in|op|voor|van|met|tot)\b))\s+", re.I)
# "de tweede", "de laatste actie", "nummer 3 uit de lijst": one action of the list just shown, by
# its place. Not "de tweede fase", "de eerste prioriteit": then a noun of its own follows.
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
             "achtste": 8, "negende": 9, "tiende": 10, "laatste": -1}
_PLACE_IN_LIST = re.compile(r"\b(?:de|die|het)\s+(" + "|".join(_ORDINALS) + r")\b"
                            r"(?=\s*(?:[?.!,]|$|(?:actie|maatregel|punt|uit|van|daarvan|hiervan|in|op|bij|wie|wat|is|zijn|"
                            # a participle: "wat is er bij de tweede veranderd?"
                            r"(?:ge|ver|be|ont|her|af|op|uit)\w*(?:d|t)|"
                            # a separable one: "hoeveel geld is er voor de eerste toegekend?"
                            r"(?:toe|aan|in|mee|vast|over|door|bij|na|terug)ge\w+(?:d|t))\b))|"
                            r"\b(?:actie|nummer|nr\.?)\s+(\d{1,2})\b(?!\.\d)", re.I)


_PREDICATE = re.compile(r"\b(?:is|was|wordt|werd|zijn|waren)\s+(?:het|dat|die|dit)\s+(?:al\s+|nog\s+|pas\s+|echt\s+)?"
                        r"(online|live|actief|beschikbaar|gereed|operationeel|openbaar|zichtbaar|bekend|rond|"
                        r"gepubliceerd|gelanceerd|gestart|begonnen|ingevoerd|afgerond|aangenomen|verschenen|opgeleverd)"
                        r"\s*\?*\s*$", re.I)
_KIND_REF = re.compile(r"\b(?:de|het)\s+(actie|plan|regeling|subsidieregeling|onderzoek|programma|aanpak|subsidie|wet|"
                       r"wetsvoorstel|campagne|pilot|project|platform|fonds|maatregel|evaluatie|monitor|netwerk|traject|"
                       r"verkenning|handreiking|routekaart|convenant|pact|agenda|leergang|website|site)\b", re.I)
_WHO_OPTIONS = re.compile(r",\s*((?:(?:de|het)\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:of|en/of)\s+(?:(?:de|het)\s+)?"
                          r"[\w'’-]+(?:\s+[\w'’-]+)?)\s*\?*\s*$", re.I)
_NEXT_STEP = re.compile(r"volgende|eerstvolgende|komende|nieuwe|stap|stappen|vervolg|vervolgstap|vervolgstappen")
_NEW_SUBJECT = re.compile(r"^\s*(?:los daarvan|daarnaast|(?:en )?(?:nu )?(?:even )?iets anders|(?:een )?andere vraag|"
                          r"nog een (?:andere )?vraag|nieuwe vraag|ander onderwerp)\s*[:,.;!-]*\s*", re.I)
_POINTER = re.compile(r"\b(?:dat|dit|die|deze|het|daar|hier)\b", re.I)
_FOLLOW_START = re.compile(r"^\s*(?:en|maar|ok[eé]?,?\s*en|oke,?\s*en|dus|en dan)\b", re.I)
_ANAPHORA = re.compile(r"\b(?:daar|daarvan|daarvoor|daarmee|daarbij|daarin|daaraan|daarop|daarover|hiervan|hiervoor|"
                       r"hierbij|hieraan|ervan|eraan|erbij|daarachter|hierachter|"
                       r"die actie|dat plan|deze actie|die acties|deze acties|hun|ze|zij)\b|"
                       # "dat", "die", "dit", "het" point back when they stand for a thing ("wie doet dat?",
                       # "loopt dat nog?"), not when they are an article ("het stagepact").
                       r"\b(?:dat|dit|die|deze|het)\b(?=\s*[?.!,]|\s*$|\s+(?:wel|ook|nog|al|dan|nu|precies|eigenlijk|"
                       r"regelen|doen|trekken|klaar|af|uit|in|achter|geregeld|betalen|organiseren)\b)|"
                       r"\b(?:doet|doen|is|gaat|loopt|komt|wordt|moet|moeten|kan|zit|staat|geldt|gelden|klopt|werkt|"
                       r"lukt|duurt|betekent|houdt)\s+(?:dat|dit|die|het)\b|"
                       # "wordt er gekeken of dat werkt?": the pronoun as the subject of a clause's verb
                       r"\b(?:of|als|omdat|zodat)\s+(?:dat|dit|het)\s+(?:(?:ook|wel|echt|nog|al|goed)\s+)?"
                       r"(?:werkt|helpt|lukt|loopt|slaagt|aanslaat|effect\s+heeft|bijdraagt|nodig\s+is)\b|"
                       # "wanneer zou dat onderzocht worden?": a modal or a past form before the pronoun
                       r"\b(?:zou|zouden|zal|zullen|werd|werden|was|waren|kwam|kon|mag)\s+(?:dat|dit|die)\b(?!\s+\w+(?:e|en)\b)|"
                       # "sinds wanneer is het online?": "het" with a predicate, the thing just answered
                       + _PREDICATE.pattern + "|"
                       # "wat is er het laatste jaar aan verbeterd?": "eraan", split around the time
                       r"\ber\b[^?]*\s(?:over|van|aan|mee|bij)(?:\s+(?:ge|ver|be)\w+(?:d|t))?\s*\?\s*$", re.I)
# "Is de open aanpak afgerond?" asks about one thing; "Zijn er acties die …" asks for a list.
_YES_NO = re.compile(r"^\s*(?:(?:en|maar|dus|ok[eé]?,?\s*en)\s+)?(?:is|zijn|heeft|hebben|wordt|worden|komt|loopt|lopen|gaat)\b(?!\s+er\b)", re.I)
# "staat daar …?", "ligt dat …?": a yes/no question opening with a verb of place ("staat er …?" asks
# whether there are any)
_STANDS_FIRST = re.compile(r"^\s*(?:(?:en|maar|dus)\s+)?(?:staat|stond|ligt|lag|blijft|bleef)\b(?!\s+er\b)", re.I)
_STRONG_ANAPHORA = re.compile(r"\b(?:daar|hier|er)(?:van|voor|mee|bij|in|aan|op|over|uit|door|naar|tegen)\b|"
                              # "wie zitten daarachter?": who is behind what was just answered
                              r"\b(?:daar|hier)achter\b|"
                              # split: "worden studenten daar ook bij betrokken?"
                              r"\b(?:daar|hier)\b(?:\s+[\w'’-]+){1,5}?\s+(?:van|voor|mee|bij|in|aan|op|over|uit|door|naar)\b|"
                              r"\b(?:die|deze|dat|dit) (?:[a-z]+e )?(?:actie|plan|plannen|regeling|onderzoek|programma|aanpak|subsidie|wet|"
                              r"wetsvoorstel|campagne|pilot|project|platform|fonds|maatregel|afspraak|evaluatie|rapport|"
                              r"centrum|centra|site|website|monitor|netwerk|traject|experiment|brief|kamerbrief|pact|"
                              r"programma's|regelingen|onderzoeken|verkenning|handreiking|routekaart|tool|loket|"
                              # "bij wie is dat werk nu ondergebracht?": the work of the action just named
                              r"werk|initiatief|systeem|systematiek|instrument|idee|voorstel|"
                              # "waar gebruiken ze dat geld dan voor?": the money just answered
                              r"geld|bedrag|budget|middelen|bekostiging|investering)\b|"
                              # "is dat een taak van de gemeente?": "dat" as the subject, first
                              r"^\s*(?:en\s+|maar\s+)?(?:is|zijn|was|waren|geldt|gelden)\s+(?:dat|dit)\s+(?:een|ook|al|nog|dan|echt|wel)\b|"
                              # "wie werken er in zo'n centrum samen?": the kind of thing just named
                              r"\bzo[’']n\s+[\w-]+|\bzulke?\s+[\w-]+|"
                              # "is het de school die dat regelt?": "dat" as the object of a relative clause
                              r"\b(?:die|wie)\s+(?:dat|dit)\s+(?:\w+\s+)?\w+(?:t|en)\s*\?|"
                              # "naar hoeveel regio's wordt dat uitgebreid?": "dat" as the subject of a verb
                              r"\b(?:wordt|worden|werd|is|was|gaat|loopt|komt|kost)\s+(?:dat|dit)\s+"
                              r"(?:(?:dan|nu|ook|nog|al|eigenlijk|precies)\s+)*(?:\w+(?:d|t|en))\s*\?", re.I)
# "die acties", "ze allemaal": the set of actions the conversation is about, not one of them
_PLURAL_POINTER = re.compile(r"\b(?:al\s+)?(?:die|deze)\s+(?:(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)\s+)?"
                             r"(?:acties|maatregelen|afspraken|projecten|plannen)\b|"
                             r"\b(?:ze|die|deze)\s+(?:nu\s+)?(?:allemaal|alle\s*(?:drie|twee|vier))\b", re.I)
# "en bij welke is er niks veranderd?": "welke" followed by the verb, no noun: one of the actions just listed
BARE_WHICH = (r"^\s*(?:en\s+)?(?:bij|in|van|voor)\s+welke\s+(?=(?:is|zit|zitten|staat|staan|zijn|heeft|hebben|"
              r"loopt|lopen|gaat|gaan)\b)")
_INTO_PREV = re.compile(r"\b(?:daarvan|daarbij|daarin|daaraan|daarmee|hiervan|hierbij|hierin|hieraan|hiermee|ervan|van die|van deze|welke daarvan)\b|"
                        # split: "zijn er daar al een paar van afgerond?"
                        r"\b(?:daar|hier)\s+(?:[\w'’-]+\s+){1,4}?(?:van|bij)\b|"
                        # "en bij welke zit SZW erbij?": "welke" with no noun of its own, after a list
                        + BARE_WHICH, re.I)
_ROLES = (r"(?:minister|staatssecretaris|voorzitter|directeur|bestuurder|premier|woordvoerder|projectleider|practor|"
          r"lector|rector|kwartiermaker|hoogleraar|programmamanager|"
          r"contactpersoon|aanspreekpunt|wethouder|burgemeester|baas|leider|hoofd|coördinator|coordinator|secretaris)")
# A question for a person's name: the report names organisations, never people.
_PERSON = re.compile(rf"^\s*wie\s+(?:is|zijn|was|waren)\s+(?:(?:bij|van|binnen)\s+[\w'’-]+\s+)?(?:de|het|onze|die)?\s*(?:huidige\s+)?{_ROLES}\b|"
                     rf"\bhoe heet\b.{{0,30}}\b(?:{_ROLES}|persoon|medewerker|functionaris|man|vrouw)\b|\b(?:de )?naam van (?:de|het)\b.{{0,30}}{_ROLES}|\bwelke persoon\b|"
                     rf"\bwelke\s+(?:\w+\s+)?{_ROLES}\b|"
                     rf"\bwie\b.{{0,20}}\b(?:persoonlijk|als persoon)\b|"
                     # "wie zat de expertgroep voor?": who chaired it
                     r"^\s*(?:en\s+)?wie\s+(?:zit|zat|zitten|zaten)\s+(?:de|het)\s+[\w'’-]+\s+(?:[\w'’-]+\s+){0,8}?voor\b(?!\s+(?:de|het|een)\b)", re.I)
_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_STATUS_WORDS = re.compile(r"\brapportage|\bstatus\b|\bstand\b|\bstond\b|\bstaat\b|\bstaan\b|voortgang|"
                           r"\bverslag|\bhoe (?:ging|gaat|liep|loopt)\b|\bgerapporteerd|\bgemeld|\bhoe ver\b|"
                           r"\bhoe (?:zit|zat) het\b|\bwat is (?:de|het) (?:situatie|resultaat)\b", re.I)
# Something done and over, asked in the past tense: "heeft … vastgesteld", "is … besloten".
_DONE_THEN = re.compile(r"\b(?:heeft|hebben|is|zijn|werd|werden)\b[^?]*\b(?:vastgesteld|besloten|genomen|gewonnen|"
                        r"ingevoerd|gepubliceerd|gekozen|aangenomen|ondertekend|uitgereikt|bekendgemaakt|"
                        r"toegekend|goedgekeurd|verlopen|uitgepakt)\b", re.I)
_PLANNING_WORDS = re.compile(r"gepland|planning|\bklaar\b|\bmoet|\bmoeten\b|\bwanneer\b|deadline|"
                             r"\bstart|\bbegint|\bloopt (?:af|tot)|\bin werking|\bverschijnt|\bgebeur", re.I)
# The years the report's two status periods name (the shipped report: 2024 and 2025); the engine
# passes those of the report it answers from.
COVERED_YEARS = DEFAULT_PERIODS.years

_DOEL = re.compile(r"\b(?:doel(?:stelling)?|onderdeel)\s*([1-3])\s*[.,]\s*([1-9])\b", re.I)
_BARE_DOEL = re.compile(r"^\s*(?:doel(?:stelling)?\s*)?([1-3])\s*[.,]\s*([1-9])\s*\??\s*$", re.I)
_PRIO = re.compile(r"\bprio(?:riteit)?(?:s?gebied)?\s*([1-3])\b|\b(eerste|tweede|derde) prio(?:riteit)?(?:s?gebied)?\b", re.I)
# "hoeveel acties heeft 1.2", "burgerschap (3.2)": a doelstelling number on its own, not an action id
# ("1.2-04"), a decimal ("2,5") or part of a longer number.
# A question that is only a subject: a few words, no question word or verb of its own.
_BARE_TOPIC = re.compile(r"^\s*(?!(?:wat|wie|hoe|wanneer|waar|welke?|waarom|is|zijn|kan|kun|heeft|hebben|en)\b)"
                         r"[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*\??\s*$", re.I)
_ANY_DOEL = re.compile(r"(?<![\d.,€-])([1-3])\s*\.\s*([1-9])(?!\d|-\d|\.\d)")  # "1.3-acties", not "1.3-04"
_PRIO_LIST = re.compile(r"\bprio(?:riteit(?:en)?|'?s)?\s*([1-3](?:\s*(?:,|en|of|\+|&|t/m|tot en met)\s*[1-3])+)\b", re.I)
_KIND_BEFORE_NAME = re.compile(r"\b(platform|programma|regeling|subsidieregeling|project|website|site|portaal|campagne|"
                               r"pilot|netwerk|fonds|initiatief|tool|instrument|keurmerk)\s+(?=[A-Z])")
_NAMED = re.compile(r"\b(?:komt|komen)\b[^?]*\bvoor\s*\?|\bgenoemd\b|\bnoemen\b|\bnoemt\b|\bvermeld\b|\bkomt\b[^?]*\bterug\b|\bkomen\b[^?]*\bterug\b|"
                    r"\bvoorkomt\b|\bvoorkomen\b(?=\s*\?)|\bwaarin\b[^?]*\b(?:staat|staan|komt|komen|voorkomt)\b|"
                    r"\bhet woord\b|\bde term\b|\baan bod\b|\bter sprake\b", re.I)
_UNFINISHED = re.compile(r"\b(?:nog\s+)?niet\s+(?:\w+\s+)?(?:afgerond|klaar|af|voltooid|gerealiseerd|afgesloten)\b|"
                         r"\bnog\s+(?:niet\s+)?(?:af\s+te\s+ronden|onafgerond)\b|\bonafgerond\w*\b|\bniet\s+af\b", re.I)
_RECENT = re.compile(r"\bpas\b|\b(?:in )?het (?:afgelopen|laatste) jaar\b|\bsinds (?:de |vorige |afgelopen )?zomer(?: (?:van )?20\d\d)?\b|"
                     r"\bna de zomer(?: van 20\d\d)?\b|\bdit jaar\b|\bsinds vorig jaar\b|\bnieuw afgerond\b|\bdus\b", re.I)
_PRIMARY = re.compile(r"\bprim(?:air|aire)\b(?:\s+(?:verantwoordelijke?|trekker|partij))?|\bhoofdverantwoordelijke?\b|"
                      r"\beerstverantwoordelijke?\b|\bde trekker\b", re.I)
_MINISTRIES = re.compile(r"\b(?:welke\s+)?(?:andere\s+)?ministeries\b|\bdepartementen\b|\b(?:een|ander|enig)\s+(?:ander\s+)?(?:ministerie|departement)\b(?!\s+van\b)", re.I)
# The ministries the Wie cells name (ingest.parties); "welke ministeries doen mee?" means any of them.
# The unions the Wie cells name, which "de vakbonden" takes in (general knowledge of the sector).
_UNIONS = frozenset({"FNV", "FNV Young & United", "CNV", "CNV Onderwijs", "CNV Jongeren", "AOb", "FvOv"})
_MINISTRY_NAMES = ("OCW", "SZW", "VWS", "BZK", "EZK", "EZ", "JenV", "IenW", "LNV", "Financiën", "Defensie", "BZ")
_ALONE = re.compile(r"\b(?:helemaal |geheel |volledig )?alleen\b(?!\s+(?:of|en/of)\s+(?:samen|met|niet)\b)"
                    r"(?!\s+['‘\"“]?(?:idem|leeg|een link|een verwijzing)\b)|"
                    r"\buitsluitend\b|\benkel en alleen\b|\b(?:volledig|geheel) bij\b|\bzonder dat er andere (?:partijen|partners)\b|"
                    r"\bop eigen houtje\b|\bin (?:z'n|zijn|haar|hun) (?:eentje|uppie)\b|"
                    r"\bzonder (?:andere|overige) partijen\b|\bals enige\b|\bniemand anders\b|\bhelemaal zelf\b|"
                    r"\bzelfstandig\b|\bde enige (?:partij|betrokkene|uitvoerder)\b|\bmet (?:z[’']n|zijn|hun) (?:tweeën|tweeen|drieën|drieen|beiden|twee|drie)\b|"
                    r"\bzonder (?:andere|overige) (?:partners|organisaties|betrokkenen)\b|\bzonder anderen\b", re.I)
_LABEL_DOEL = re.compile(r"\(\s*(?:doel(?:stelling)?\s*)?[1-3]\s*[.,]\s*[1-9]\s*\)", re.I)
_DESCRIBED_DOEL = re.compile(r"\bdoel(?:stelling)?\s*[1-3]\s*[.,]\s*[1-9]\s+(?:(?:over|rond|rondom|inzake|:)\s+([^?,;:()]+)|"
                             r"\(([^?,;:()]+)\))|"
                             # "de acties van 3.3 (onderwijspersoneel)": a bare number with its label in brackets
                             r"(?<![\d.,-])[1-3]\.[1-9]\s*\(([^?,;:()]+)\)", re.I)
# "bij 1.2 horen, dat ging toch over welzijn?", "onderdeel 3.3, dat over het personeel gaat": a relative
# clause after the scope says what the scope is about (only with the comma and the pronoun: "bij 2.3
# gaan over leven lang ontwikkelen" narrows 2.3 to a topic).
_DESCRIBING_CLAUSE = re.compile(r"(?:\b(?:doel(?:stelling)?|onderdeel|prio(?:riteit)?)\s*[1-3](?:\s*[.,]\s*[1-9])?|"
                                r"(?<![\d.])[1-3]\.[1-9](?!\d))(?:(?:\s+[\w'’-]+){0,3}?\s*,\s*(?:dat|die|wat)\b"
                                r"(?:\s+[\w'’-]+){0,3}?|"
                                # "bij 2.2, het deel over leren in de beroepspraktijk": an apposition
                                r"\s*,\s*(?:het|de)\s+(?:deel|onderdeel|stuk|thema|doelstelling|hoofdstuk)|"
                                # "bij 1.1, over de gelijkwaardige positie van studenten, …"
                                r"\s*,(?=\s+(?:over|rond|rondom)\s+[^?,;:()]+,)|"
                                # "3.4 gaat toch over onderzoek?", "3.4 gaat over onderzoek toch?": a check
                                r"\s+(?:gaat|ging)(?=[^?]*\btoch\b)(?:\s+toch)?)\s+(?:over|rond|rondom)\s+([^?,;:()]+)", re.I)
_DOEL_RANGE = re.compile(r"(?<![\d.,€-])([1-3])\.([1-9])\s*(?:t/m|t\.m\.|tm|tot en met|tot|-|–)\s*(?:doelstelling\s*)?"
                         r"([1-3])\.([1-9])(?![\d-]|\.\d)", re.I)


def _expand_range(m: re.Match, known: set[str]) -> str:
    a, b, c, d = (int(x) for x in m.groups())
    if a != c or d <= b:
        return m.group(0)
    inside = [f"{a}.{n}" for n in range(b, d + 1) if not known or f"{a}.{n}" in known]
    return ", ".join(inside[:-1]) + " en " + inside[-1] if len(inside) > 1 else m.group(0)


_LOOSE_DOEL = re.compile(r"(?<![\d.,€-])([1-3])\.([1-9])(?!\d|-\d|\.\d)")
_ORDINAL = {k: v for k, v in _ORDINALS.items() if 1 <= v <= 3}  # "de tweede prioriteit"

# Words that frame a question but name no topic. Topic = what is left after these, the stopwords
# and the spans the plan has already understood (parties, numbers, stand words).
_FRAME = frozenset(words("""acties actie maatregelen maatregel afspraken afspraak werkagenda rapportage rapport
voortgangsrapportage mbo alle allemaal alles overzicht lijst opsomming betrokken bezig doen doet gedaan moet moeten
gaat gaan zit zitten welke wat wie waar staat staan stand status voortgang hoeveel aantal totaal verder gekomen
veranderd verandering veranderingen ontwikkelingen veranderd verschil verschillen nieuw nieuwe sinds zomer vorig vorige jaar
keer opgeschoten vooruitgang geboekt lopen loopt liep zijn is er precies eigenlijk nou toch even graag
vertel noem geef laat zien kun kunt kan me mij ons onze jullie hun ze zij daar daarvan daarvoor daarmee daarbij
hiervan hiervoor ervan dat die dit deze het een de en of nog al ook wel dan toen nu momenteel inmiddels tot heden
partij partijen trekker verantwoordelijk wanneer planning klaar af welk welke hoe gaat ging rond rondom over
betreffen betreft gebeurt gebeuren bij voor van met op in aan per prioriteit doelstelling doelstellingen
prioriteiten periode periodes jaren ongeveer pakweg aan vallen valt horen hoort onder heeft hebben telt tellen
kent bevat bevatten gemeld vermeld gerapporteerd genoemd staan beschreven binnen liggen ligt erbij eraan rol
meedoet meedoen meedoen helemaal gebleven niks niets gebeurd afgelopen nieuws zodat gewoon mee trekken trekt
werken werkt wordt worden verder precies tafel welke waarin waaraan waarbij geregeld afgestemd moest moesten
kwam komt komen bekend geworden via bijgekomen melden meldt gemeld groot klein twee drie vier vijf bordje ergens erin taken taak verwacht verwachten update updates nieuws terug
iets zelf qua kleinste grootste grootst kleinst verdeeld verdelen verdeelt verdeling ingedeeld indeling spreiding elkaar eentje anders hier zo ze hun hadden had
daar daarvan daarvoor daarmee daarbij daarin daaraan daarop daarover daarachter hierachter hiervan hiervoor hierbij hieraan hierin hiermee ervan eraan
waarom dan wel
volgens dingen zaken werkzaamheden eens volle schema opgelopen oplopen bestaat bestaan uit actiepunten actiepunt
richting enkele enkel ingevuld invullen geheel begonnen bedoelen bedoeld betekent voortgangskolom statuskolom
gehad verslag benieuwd geholpen ondernomen letterlijk daarom totale voortgangsoverzicht wiens hangen hangt
denk denkt denken dacht dachten
onderscheidt onderscheiden omvat omvatten
prioriteitsgebied prioriteitsgebieden nieuwste recentste
problemen probleem moeite moeilijkheden
minstens minimaal maximaal hooguit slechts exact hoogste gepland ingepland vanaf gelden geldt golden
eind begin medio voorjaar najaar winter uiterlijk halverwege kwartaal
allebei beide samen opsommen opnoemen noemen tonen weergeven hieronder hierbinnen daaronder daarbinnen
ie grote
laten opzichte tov gekregen kolom jaartal tussen voortgangstekst voortgangsteksten terwijl
uitvoert uitvoeren pakt pakken oppakken oppakt ten qua groter kleiner dan
noemt noemen vermeld terug voorkomt woord term waarin alleen enkel uitsluitend
stonden stond paar partners verantwoordelijke aangemerkt aangewezen andere behalve voert voeren onderverdeeld onderverdeling opgedeeld
inhoudelijk inhoudelijke daadwerkelijk daadwerkelijke feitelijk net ene rij rijtje gevraagd
percentage procent aandeel deel
kort korte kortweg lijstje lijstjes alsjeblieft alstublieft aub svp please puntsgewijs samengevat bondig beknopt
zowel uitdrukkelijk expliciet nadrukkelijk vaakst gemiddeld telt tellen mede sprake moment tekst teksten voortouw concreet concrete geldbedrag
evenveel buiten waarvan waarvoor waarover waarmee waarop
richten richt gericht richtten spelen speelt speelde betrekking raken raakt maken gemaakt hebben
peilmoment peilmomenten meetmoment meetmomenten peildatum peildata
gebied vlak
zoals enzo bijv
iedereen niemand ieder iedere elke elk zet hele heel gehele
zegt zeggen zei makkelijker moeilijker beter betere slecht slechte idee mensen vinden vindt willen wil nodig
manier manieren tijdens ander plannen
daarnaar daaruit daardoor hiernaar hieruit erin ermee erover ervoor erop eruit toe daartegen hiertegen ertegen
vergeleken vergelijking vergelijk vergelijken
rijtje rij zetten weggelegd vermeldt vermelden
hoor hoorde gehoord mega zo'n
doe volg studeer situatie toestand houdt steekt steken tabel kopje kopjes kolommen betekent betekenen betekenis tegenover klopt kloppen huidige actuele krijg kreeg hebt heb leggen legt rest
nummer nummers nummering geven geef dezelfde hetzelfde zelfde minder halen haalt haal
echt heel zeer erg werkelijk daadwerkelijk feitelijk concreet uberhaupt überhaupt beschouwen beschouwd
optellen optelt opgeteld meetellen meetelt meegeteld gevuld omschrijving omschrijvingen onderdeel onderdelen
langste kortste lengte verhaal partner verschillende hoede anderen hoog ver zoiets
lijkt lijken best volop uitvoering uitvoerende verslag belegd doelen subdoelen
meepraten meedenken meebeslissen meewerken meewerkt meehelpen meehelpt naast
doel subdoel gezet bod zoek zocht verloopt verlopen verliep afzonderlijke afzonderlijk aparte apart losse unieke individuele""")) | STOPWORDS


# Phrases people use for what the report says in its own word (or for something it never mentions),
# replaced before the question is read; in this order.
_EVERYDAY_PHRASES: tuple[tuple[re.Pattern, str], ...] = (
    # "wat wordt het weer morgen in Utrecht?": the weather (the adverb "weer", again, takes no
    # article); said as the noun the report never uses, so that the question is not read as one
    # about Utrecht, which the report names in passing
    (re.compile(r"\bhet weer\b(?=\s+(?:morgen|vandaag|overmorgen|straks|vanavond|dit weekend|deze week|volgende week|"
                r"in\s+[A-Z]|op\s+[A-Z])|\s*[?!.]*$)"), "het weerbericht"),
    # "wat voor weer wordt het morgen?": the kind of weather is asked, never the adverb
    (re.compile(r"\b(?:wat\s+voor|welk)\s+weer\b", re.I), "weerbericht"),
    # "studenten die niet lekker in hun vel zitten": how they feel, what the report calls mentaal welzijn
    (re.compile(r"\b(?:(?:mentaal|psychisch|geestelijk)\s+)?(?:niet\s+)?(?:lekker|goed|fijn|prettig)\s+in\s+"
                r"(?:je|jouw|m'n|mijn|z'n|zijn|haar|hun|ons|onze)\s+vel\b", re.I), "welzijn"),
    # "volwassenen die moeite hebben met lezen en schrijven": what the report calls laaggeletterdheid
    (re.compile(r"\b(?:veel\s+|grote\s+)?moeite\s+(?:hebben|heeft|hebt|heb|hadden|had)\s+met\s+(?:taal,?\s+)?(?:lezen|schrijven)"
                r"(?:,?\s+(?:en|of)\s+(?:lezen|schrijven|rekenen))?\b", re.I), "laaggeletterdheid"),
    (re.compile(r"\b(?:niet|slecht|nauwelijks)\s+(?:goed\s+)?(?:kunnen|kan|kunt)\s+(?:lezen|schrijven)"
                r"(?:\s+(?:en|of)\s+(?:lezen|schrijven))?\b", re.I), "laaggeletterdheid"),
    # "jongeren die zonder diploma van school gaan", "studenten die stoppen met hun opleiding": what the
    # report calls voortijdig schoolverlaten
    (re.compile(r"\bzonder\s+(?:een\s+)?diploma\s+(?:van\s+(?:school|het\s+mbo)\s+)?"
                r"(?:gaan|gaat|gingen|stoppen|stopt|gestopt|vertrekken|vertrekt|weggaan|uitvallen|vallen uit)\b|"
                r"\b(?:stoppen|stopt|gestopt|stopten)\s+(?:zonder\s+(?:een\s+)?diploma|met\s+(?:hun|je|jouw|de|z'n|zijn|haar)\s+"
                r"(?:opleiding|studie|school))\b", re.I), "voortijdig schoolverlaten"),
    # "somberheid en zelfmoordgedachten": the report's "suïcidale gedachten" (1.2-05)
    (re.compile(r"\bzelfmoordgedachten\b|\bgedachten aan zelfmoord\b", re.I), "suïcidale gedachten"),
    # "gaat het dit weekend regenen in Groningen?": the weather said as its verb, which the report never
    # uses ("regenen" is no typo of its "redenen")
    (re.compile(r"\b(?:regenen|regent|regende|sneeuwen|sneeuwt|onweren|onweert|hagelen|hagelt|vriezen|vriest)\b", re.I),
     "weerbericht"),
    # "een pasje waarmee je laat zien dat je mbo-student bent": the studentenkaart. One way only: the
    # glossary's both-way "pasje" drew a row that says "passend" into the list for "studentenkaart?"
    (re.compile(r"\b(?:student(?:en)?)?pas(?:je|jes)\b", re.I), "studentenkaart"),
    # "afgewezen om mijn achternaam / afkomst / huidskleur": what the report calls (stage)discriminatie
    (re.compile(r"\b(?:om|vanwege|door|ivm|i\.v\.m\.|wegens)\s+(?:mijn|m'n|je|jouw|zijn|z'n|haar|hun|de|een)\s+"
                r"(?:achternaam|naam|afkomst|huidskleur|hoofddoek|achtergrond|geloof)\b", re.I), "discriminatie"),
)


@dataclass(frozen=True)
class Plan:
    operation: str = "lookup"
    field: str = "status"
    filters: Filters = dc_field(default_factory=Filters)
    topic: str = ""
    figure_kind: str | None = None  # amount | percentage | count (field == "figure")
    meta: str | None = None  # actions | doelstellingen | prioriteiten | most | least | periods | next
    size: str | None = None  # doelstellingen of a size: "=2", ">5", "<4" ("welke doelstellingen hebben maar twee acties?")
    # Scopes one filter value cannot say: "JOB en SBB allebei" (also), "OCW in z'n eentje" (alone),
    # "waar OCW niet bij staat" (without), "1.4 en 1.5", "prio 1 en 2" (any of these).
    also: tuple[str, ...] = ()
    named: bool = False  # "in welke acties komt X terug?", "waarin wordt X genoemd?": every row naming X
    primary: bool = False  # "waar is OCW primair verantwoordelijk?": the party marked "(primair)" in Wie
    any_of: tuple[str, ...] = ()  # "welke andere ministeries dan OCW": any of these parties
    besides: tuple[str, ...] = ()  # ... and the ones named as left out ("dan OCW")
    unfinished: bool = False  # "nog niet afgerond/klaar/af": every stand but afgerond
    recent: bool = False  # "pas in het afgelopen jaar afgerond": afgerond in the later period only
    early: bool = False  # "waren in de zomer van 2024 al klaar": the earlier text says finished
    not_new: bool = False  # "welke hebben geen nieuwe voortgang?": the later text reports nothing new
    mentions: str | None = None  # "amount" | "percentage": "bij welke acties wordt een geldbedrag genoemd?"
    alone: bool = False
    without: tuple[str, ...] = ()
    # "praktijkgericht onderzoek en practoraten": each side of "en", for lists that also take the rows
    # of a side specific enough to be a subject of its own (app/engine.py decides which)
    conjuncts: tuple[str, ...] = ()
    doelstellingen: tuple[str, ...] = ()
    prioriteiten: tuple[int, ...] = ()
    followup: bool = False
    uncovered_year: int | None = None  # asks for the state in a year the report does not cover
    person: bool = False  # asks for a person's name; the report names no one
    refers_back: str = ""  # "strong" ("daarover", "die actie"), "weak" ("dat", "en …") or "": points at the last answer
    ordinal: int | None = None  # "wat is er bij de tweede veranderd?": the n-th action of the last list (-1: the last)
    source: str = "regels"  # who made the plan: the rules, or a configured LLM ("llm") that the rules checked
    question: str = ""

    def to_json(self) -> dict:
        d = asdict(self)
        d["filters"] = {k: v for k, v in asdict(self.filters).items() if v is not None}
        d.pop("question")
        return d


# -- the parts ------------------------------------------------------------------------------------

def find_parties(question: str, known: Iterable[str] = ()) -> tuple[list[str], str]:
    """Canonical parties a question names, and the question with those names blanked out.

    The Wie cells' own spellings (ingest.parties) plus the ways people write them in a question:
    'het ministerie van VWS', 'werkgevers', 'de MBO-raad', 'JOBmbo', 'gemeentes'. VNG and
    gemeenten stay different parties. Only parties in `known` (when given) count; the words of
    any other name stay in the question."""
    spans, rest_text = party_spans(question, known)
    out: list[str] = []
    for _, _, name in spans:
        if name not in out:
            out.append(name)
    return out, rest_text


def party_spans(question: str, known: Iterable[str] = ()) -> tuple[list[tuple[int, int, str]], str]:
    """Where find_parties found each party: (start, end, name) in question order, and the rest."""
    known_set = set(known)
    text = question
    spans: list[tuple[int, int, str]] = []
    for pattern, name in _PARTY_ALIASES:
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end(), name))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    for name in normalise_parties(text):
        for token in {name, *name.split()}:
            for m in re.finditer(rf"(?<!\w){re.escape(token)}(?!\w)", text, re.I):
                spans.append((m.start(), m.end(), name))
    kept: list[tuple[int, int, str]] = []
    rest = list(question)
    for start, end, name in sorted(spans):
        if known_set and name not in known_set:
            continue
        if kept and _APPOSITION.match(question[kept[-1][1]:start]):
            # "de NRTO, de branchevereniging van private onderwijsinstellingen, …": the words after
            # the comma say what the party is; the "onderwijsinstellingen" in them are no second party
            continue
        kept.append((start, end, name))
        rest[start:end] = " " * (end - start)
    rest_text = "".join(rest)
    if not kept and known_set:
        names, rest_text = _fuzzy_parties(rest_text, known_set)
        kept = [(-1, -1, n) for n in names]
    return kept, rest_text


_APPOSITION = re.compile(r"\s*,\s*(?:de|het|die|dat)\s+(?:[\w-]*vereniging|[\w-]*organisatie|koepel\w*|belangenbehartiger|"
                         r"vertegenwoordiger|branche\w*|sectorraad|raad)\s+(?:van|voor)\s+(?:de\s+|het\s+)?(?:[\w'’-]+\s+){0,3}$",
                         re.I)
# What a party is, said in front of its name: "de beroepsvereniging BVMBO", "het ministerie van OCW",
# "brancheorganisatie MBO Raad". The word describes the party; it names no topic of its own.
_DESCRIPTOR = re.compile(r"\b(?:\w*vereniging|\w*organisatie|koepel\w*|ministerie|departement|vakbond|"
                         r"belangenbehartiger|instantie|uitvoeringsorganisatie|stichting)(?:\s+van)?(?:\s+(?:de|het))?\s*$",
                         re.I)


_IN_WIE = re.compile(r"\bals (?:(?:betrokken|uitvoerende|verantwoordelijke) (?:of|en|en/of) )?(?:betrokken |uitvoerende |verantwoordelijke )?partij(?:en)?\b|\b(?:de )?kolom ['‘\"]?wie\b|\bwie-?kolom\b|"
                     r"\bin (?:de )?['‘\"]?wie['’\"]?(?:-?kolom)?\b", re.I)
_AUXILIARY = re.compile(r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|hadden)\b", re.I)
_PARTICIPLE = re.compile(r"^(?!\w*(?:heid|gebied|gebouw(?:en|tje|tjes)?|gesprek\w*|gevolg\w*)$)(?:op|af|uit|in|aan|door|mee|toe|vast|bij|over|terug|voor|na|weg|onder)?ge[a-z]{3,}(?:n|d|t)$")
# A participle without ge- ("vertegenwoordigd", "beschreven", "ontwikkeld") is told from a noun
# ("beleid", "verband") only by where it stands: last, after an auxiliary, as a Dutch verb does.
_UNPREFIXED_PARTICIPLE = re.compile(r"^(?:be|ver|ont|her|er)[a-z]{3,}(?:d|t)$(?<!and|eid|ant|ent|int|cht)")


def _verbs_dropped(q: str, topic: str) -> str:
    """The topic without the question's participles: ge- forms anywhere, a ge-less one at the end."""
    last = re.findall(r"[\w'’-]+", q)[-1:] if _AUXILIARY.search(q) else []
    final = fold(last[0]).lower() if last and _UNPREFIXED_PARTICIPLE.match(fold(last[0]).lower()) else None
    return " ".join(w for w in topic.split()
                    if not _PARTICIPLE.match(fold(w).lower()) and fold(w).lower() != final)


def _drop_descriptors(rest: str, spans: list[tuple[int, int, str]]) -> str:
    for start, _, _ in sorted(spans, reverse=True):
        if start <= 0:
            continue
        m = _DESCRIPTOR.search(rest[:start])
        if m:
            rest = rest[:m.start()] + " " * (start - m.start()) + rest[start:]
    return rest


def _fuzzy_parties(text: str, known: set[str]) -> tuple[list[str], str]:
    """Typos in short party names ('OWC', 'MBO Riad', 'Ingardo'): one edit away from a name of
    at least four letters, or a transposition in an all-caps abbreviation."""
    from rapidfuzz.distance import OSA

    out = []
    for w in re.findall(r"[A-Za-z'-]{3,}", text):
        for name in known:
            for part in name.split():
                if len(part) < 3 or part.lower() in {"van", "en", "de"}:
                    continue
                exact_caps = part.isupper() and w.isupper() and len(w) == len(part)
                # A short abbreviation typed in lower case with a slip ("ssb" for SBB, "vgn" for
                # VNG): same length, the same letters or one changed after the first, and no vowel,
                # so no Dutch word ("cow" is left alone).
                short_slip = part.isupper() and 3 <= len(part) <= 4 and len(w) == len(part) and \
                    w.lower() != part.lower() and not re.search(r"[aeiouy]", w.lower()) and \
                    (sorted(w.lower()) == sorted(part.lower()) or
                     (w[0].lower() == part[0].lower() and OSA.distance(w.lower(), part.lower()) == 1))
                # Same length only: "vmbo" is a word of its own, not "BVMBO" missing a letter.
                if (len(part) >= 5 and len(w) == len(part) and OSA.distance(w.lower(), part.lower()) == 1) or \
                        (exact_caps and w != part and sorted(w) == sorted(part)) or short_slip:
                    if name not in out:
                        out.append(name)
                        text = text.replace(w, " ")
    return out, text


# -- status categories by word family ------------------------------------------------------------
# The phrases above cover the common wordings; people also use any inflection of a handful of
# verbs ("afgewerkt", "gestrand", "niet gelukt", "lopen … uit"). These are word families: a token
# belongs to one when its root (separable prefix and "ge-" taken off, then the Dutch stemmer of the
# index) starts with the family's root, so every tense and participle of the verb counts.
_DONE_ROOTS = ("afrond", "voltooi", "realise", "bereik", "behaal", "behal", "oplever", "luk", "slaag",
               "afwerk", "afhandel", "afvink", "afsluit", "afslot", "klaar", "klar", "gereed", "doorga", "doorgegaan")
_START_ROOTS = ("start", "begin", "begonn", "opstart")
_BEHIND_ROOTS = ("vertra", "uitstel", "uitsteld", "achterstand", "achterop", "strand", "schrap", "afblaz",
                 "afblaas", "vastlop", "vastgelop", "stagn", "misluk", "haper", "stilstand", "stillig",
                 "stilleg", "uitlop")
_CHANGE_ROOTS = ("verander", "wijzig", "verschil", "vooruitgang", "opschot", "opschiet", "vorder")
_PROGRESS_ROOTS = ("voortgang", "updat", "kolom")
# Not "bezig": "waar is de NRTO mee bezig?" asks what a party does, not which actions are running.
_ONGOING_WORDS = frozenset({"gaande", "gang", "lopend", "lopende", "uitvoering", "onderweg"})
_NEGATORS = frozenset({"niet", "geen", "niks", "niets", "nooit", "nergens", "zonder"})
_COPULA = frozenset({"is", "zijn", "was", "waren", "staat", "staan", "lijkt", "lijken"})
_SEPARABLE_PREFIXES = ("af", "op", "uit", "vast", "stil", "door", "in", "mis")
# Separable verbs whose particle stands apart ("lopen er dingen uit?", "waar gaat het mis?"): the
# particle must close the clause or be followed by a preposition, not by a noun ("uit prioriteit 3").
_SPLIT_BEHIND = re.compile(r"\b(?:loopt|lopen|liep|liepen|gaat|gaan|ging|gingen|ligt|liggen|lag|lagen|zit|zitten)\b"
                           r"(?:\s+[\w'’-]+){0,4}?\s+(?:uit|mis|stil|vast)\b"
                           r"(?!\s+(?:de|het|een|prioriteit|doelstelling|doel|\d))", re.I)
_STILL_GOING = re.compile(r"\b(?:loopt|lopen)\b(?:\s+[\w'’-]+){0,6}?\s+nog\b|\bnog\s+(?:steeds\s+)?(?:lopen|loopt)\b", re.I)
# Questions whose form asks for a set of rows ("wat is …", "welke …", "zijn er …", "bij welke …"),
# not the state of one named thing ("is de open aanpak afgerond?"): only there a family word is read
# as a status category, so "wat doet de RMC voor jongeren die zijn gestopt?" keeps its topic.
_LIST_FORM = re.compile(r"^\s*(?:(?:en|maar|ok[eé]?|dus)\s*,?\s+)?(?:(?:bij|in|van|voor|binnen|onder|uit)\s+)?"
                        r"(?:wat|welke|welk|waar|waarbij|hoeveel|(?:zijn|is|lopen|loopt|staan|staat|liggen|ligt|gaan|gaat|zit|zitten)"
                        r"\s+(?:er|hier|daar)|(?:heeft|hebben)\b(?=[^?]*\bacties\b))\b", re.I)


def _root(token: str) -> str:
    t = fold(token).lower()
    for prefix in _SEPARABLE_PREFIXES:
        if t.startswith(prefix + "ge") and len(t) > len(prefix) + 4:
            t = prefix + t[len(prefix) + 2:]
            break
    else:
        if t.startswith("ge") and len(t) >= 6 and t != "gereed":
            t = t[2:]
    return stem(t) if len(t) > 3 else t


def _family_stand(question: str, want: str | None = None) -> tuple[str | None, str]:
    """A status category read from word families (see above), for list-form questions only, and the
    question without the words that said it. With `want` (a category the phrases already found):
    only the words of that category are taken out ("gestrand of afgeblazen" are one category)."""
    if want is None and not _LIST_FORM.search(question):
        return None, question
    tokens = list(re.finditer(r"[\w'’-]+", question))
    low = [t.group(0).lower() for t in tokens]
    negated_at = [any(w in _NEGATORS for w in low[max(0, i - 4):i]) for i in range(len(low))]
    used: list[int] = []
    found = None

    def take(stand: str, *idx: int) -> None:
        nonlocal found
        if want is not None and stand != want:
            return
        found = found or stand
        if stand == found:
            used.extend(idx)

    negator_idx = [i for i, w in enumerate(low) if w in _NEGATORS]
    for i, word in enumerate(low):
        root = _root(word)
        if any(root.startswith(r) for r in _BEHIND_ROOTS):
            take(VERTRAAGD, i)
        elif any(root.startswith(r) for r in _DONE_ROOTS + _START_ROOTS) or \
                (word in {"af", "klaar", "gereed"} and any(w in _COPULA for w in low[max(0, i - 4):i])):
            is_start = any(root.startswith(r) for r in _START_ROOTS)
            if negated_at[i]:
                take(VERTRAAGD, i, *negator_idx)  # "niet gelukt", "nog niet gestart", "niet af"
            elif not is_start:
                take(AFGEROND, i)
        elif any(root.startswith(r) for r in _CHANGE_ROOTS) and negated_at[i]:
            take(ONGEWIJZIGD, i, *negator_idx)  # "niks veranderd", "geen vooruitgang"
        elif any(root.startswith(r) or r in root for r in _PROGRESS_ROOTS) and \
                not re.match(r"(?:wie|wat|wanneer)\W?kolom", word):  # "voortgangskolom" too, not "wie-kolom"
            if want is not None or negator_idx or "leeg" in low or any(w.startswith("ontbre") for w in low):
                take(GEEN_VOORTGANG, i, i, *negator_idx, *[j for j, w in enumerate(low) if w == "leeg" or
                                                        w.startswith("ontbre") or _root(w).startswith("invul")])
        elif word in _ONGOING_WORDS and not negated_at[i]:
            take(LOOPT, i)
    if want is not None:
        found = found or want
    if found is None and _SPLIT_BEHIND.search(question):
        return VERTRAAGD, _SPLIT_BEHIND.sub(" ", question)
    if found is None and _STILL_GOING.search(question):
        return LOOPT, _STILL_GOING.sub(" ", question)
    if found is None:
        return None, question
    rest = list(question)
    for i in set(used):
        a, b = tokens[i].span()
        rest[a:b] = " " * (b - a)
    rest_text = "".join(rest)
    # A subject of its own left over ("is er al wat bereikt met de gelijkwaardigheid?", "wat wordt er
    # gedaan aan achterstanden?", "hoeveel docenten zijn bereikt?"): the family word belongs to that
    # subject, not to a status category of the whole report.
    if want is None and topic_of(re.sub(r"\bacties\b|\bhoeveel\b", " ", rest_text)):
        return None, question
    return found, rest_text


def find_stand(question: str) -> tuple[str | None, str]:
    """The status category a question asks for, and the question without its words (all of
    them: "mislukt of vertraagd" are two ways of saying one thing)."""
    # "wie zit er achter mbo in 2030?": who is behind it, not what is behind schedule
    # "welke organisaties staan achter de routekaart?": who supports it
    question = re.sub(r"\b(?:zit|zitten|zat|zaten)\s+(?:er\s+)?achter\b|"
                      r"\b(?:staat|staan|stond|stonden)\s+(?:er\s+)?achter\s+(?=(?:de|het|dit|deze|die|dat|een)\b)(?!(?:de|het)\s+(?:planning|schema|tijdpad)\b)",
                      " ", question, flags=re.I)
    # "wat is er in gang gezet?" asks what was started, a change, not what is still going on;
    # "nog niet in gang gezet" is a start that did not happen (a start word, negated)
    question = re.sub(r"\bin gang (?:gezet|gebracht)\b", "begonnen", question, flags=re.I)
    found = None
    planning = re.search(r"\bmoet(?:en)?\b|\bmoest(?:en)?\b|\bwanneer\b|\bgepland\b|"
                         # "op welk moment wordt de studie opgeleverd?": a date asked, like "wanneer"
                         r"\b(?:op|vanaf|tot)\s+welk\s+moment\b|\b(?:op\s+)?welke datum\b|\bin welk jaar\b", question, re.I)
    # "als je gestopt bent met je opleiding, …": the asker's own situation, not an action's state
    # "hoeveel mbo'ers zijn er gestopt?": people counted; what they did is no action's state either
    # "aan wie is het overgedragen nu de subsidie is gestopt?": a clause that gives the
    # circumstance ("nu de …", "nadat het …") says what happened to something else, asks no state
    personal = [m.span() for m in re.finditer(r"\b(?:als|toen|nadat|zodra|omdat)\s+(?:je|jij|ik|u)\b[^,?.]*|"
                                              r"(?<=[\w,] )(?:nu|nadat|omdat)\s+(?:de|het|die|dat|deze|dit)\s+[^,?.]*|"
                                              r"\bhoeveel\s+(?:mensen|personen|studenten|mbo['’]?ers|mbo-studenten|"
                                              r"jongeren|leerlingen|docenten|deelnemers)\b[^,?.]*", question, re.I)]
    for pattern, stand in _STAND_WORDS:
        if stand == AFGEROND and planning:
            continue  # "wat moet in 2026 klaar zijn?" asks for planning, not for what is finished
        if any(not any(a <= m.start() < b for a, b in personal) for m in pattern.finditer(question)):
            found = found or stand
            if stand == found:  # the whole word: "afgerondt" (a typo) leaves no "t" behind as a topic
                question = re.sub(rf"(?:{pattern.pattern})[\w-]*", " ", question, flags=re.I)
    if found is None and not planning:
        found, question = _family_stand(question)
    elif found is not None:
        question = _family_stand(question, want=found)[1]
    if found == VERTRAAGD:  # "lopen achter of zijn niet uitgevoerd"
        question = re.sub(r"\bniet\b|\bof\b", " ", question)
    if found is not None:
        # Words of another category qualify the one found ("leeg terwijl het nog niet afgerond was"):
        # they are no subject either.
        for pattern, _ in _STAND_WORDS:
            question = pattern.sub(" ", question)
    return found, question


def _names_new_action(q: str) -> bool:
    """"en hoe zit het met de studentenkaart?" leaves the list; "welke daarvan gaan over X?" does not."""
    return bool(re.match(r"^\s*(?:en\s+)?(?:hoe|wat|wie|wanneer)\b", q, re.I)) and not re.search(
        r"\b(?:welke|hoeveel)\b", q, re.I)


def topic_of(text: str) -> str:
    """The content words left in `text`, in their order ('' when none). A frame noun with a typo
    ("actes", "maatregeleen") is still a frame word: one edit away from it. A compound with a
    frame noun as its head ("digitaliseringsacties") names its first part."""
    kept = [_frame_head_dropped(w) for w in re.findall(r"[\w'’-]+", text)
            if not set(words(w)) <= _FRAME and not w.isdigit() and not _frame_typo(w)]
    return " ".join(kept)


def _frame_head_dropped(word: str) -> str:
    m = re.fullmatch(r"([\w'’]{3,}?)-?(?:acties|actie|maatregelen|actiepunten)", word, re.I)
    if m is None:
        return word
    base = m.group(1)
    # the linking s of "digitaliserings-", "veiligheids-"
    return base[:-1] if re.search(r"(?:ing|heid|teit|schap)s$", base, re.I) else base


# Only the nouns questions are framed with: a typo of a verb or adverb is too often a real word
# ("keten", "verankering", "actief" are one edit from frame words).
_LONG_FRAME = tuple(words("acties maatregelen maatregel afspraken werkagenda rapportage voortgangsrapportage "
                          "doelstelling doelstellingen prioriteit prioriteiten actiepunten voortgang partijen"))


def _frame_typo(word: str) -> bool:
    from rapidfuzz.distance import OSA

    w = fold(word).lower()
    # Same first and last letters: "actes" is "acties", "actief" is a word of its own.
    return len(w) >= 5 and any(abs(len(w) - len(f)) <= 1 and w[0] == f[0] and w[-1] == f[-1] and
                               OSA.distance(w, f) == 1 for f in _LONG_FRAME)


_NEWS_NOUN = re.compile(r"(?<=\bnieuwe\s)(ontwikkeling|informatie|info|stappen|stap|gegevens|feiten|berichten|resultaten|"
                        r"dingen|zaken|activiteiten|acties)\b", re.I)


_ASKS_CHANGE = re.compile(r"verander|verschil(?!lend)|vergele|\bnieuw|vooruitgang|verder gekomen|opgeschoten|bijgekomen|"
                          r"\bupdate|toen (?:en|vs\.?|versus) nu|anders dan", re.I)


_NAMES_ASKED = re.compile(r"^\s*(?:en\s+)?(?:(?:in|bij|op|van|aan|uit)\s+)?welke\s+(?:mbo[- ]?)?(?:scholen|instellingen|"
                          r"roc['’]?s|regio['’]?s|steden|gemeenten|bedrijven|opleidingen|hogescholen|universiteiten|"
                          r"landen|sectoren|branches|provincies)\b", re.I)


def _field(q: str) -> str:
    if re.match(r"\s*(?:en\s+)?voor wie\b", q, re.I) and \
            re.search(r"\bbedoeld|\bbestemd|\bgeld(?:t|en)\b|\bin aanmerking\b", q, re.I):
        return "status"  # "voor wie is die nazorg bedoeld?": the group it serves, not the parties
    if _WHO.search(q):
        return "wie"
    counted = re.match(r"\s*(?:en\s+)?hoeveel\s+(?:(?:extra|nieuwe)\s+)?([\w'’-]+)", q, re.I)
    if counted and counted.group(1).lower() not in _VERB_HEADS and not _COUNT.search(q) and \
            counted.group(1).lower() not in ("er", "procent"):
        # "hoeveel stageplekken zijn er bijgekomen?": a number of new ones, a figure, not a change
        return "figure"
    if _FREQUENCY.search(q) and not re.match(r"\s*(?:en\s+)?(?:vanaf |per |tot )?wanneer\b", q, re.I) and \
            not _ASKS_CHANGE.search(q):
        return "figure"  # "hoe vaak is het fonds het afgelopen jaar aangesproken?": a number, whatever the time
    if _CHANGE.search(q) and \
            not (re.search(r"(?:^\s*(?:en\s+)?|[,;:]\s*(?:en\s+)?|\b(?:op|tot|met|naar|van)\s+)hoeveel\b", q, re.I)
                 and not _ASKS_CHANGE.search(q)):
        # "hoeveel studenten kregen vorig jaar geld?", "vorig jaar zomer stond de teller … op
        # hoeveel projecten?", "mijn school heeft een noodfonds, hoeveel mbo'ers kregen daar vorig
        # jaar een uitkering uit?" ask for a figure; "vorig jaar" is its time.
        return "change"
    if re.match(r"\s*(?:en\s+)?(?:vanaf |per |tot )?wanneer\b", q, re.I):
        return "wanneer"  # "wanneer weten we hoe vaak dat fonds gebruikt wordt?": the date is asked
    if re.match(r"\s*(?:en\s+)?(?:wordt|worden|houdt|houden|weet(?!\s+(?:iemand|jij|je|u)\b)|weten|meet|meten)\b(?:\s+[\w'’-]+){1,4}\s+"
                r"(?:hoeveel|hoe vaak|hoe groot)\b", q, re.I):
        return "status"  # "wordt er bijgehouden hoeveel docenten er tekort zijn?": whether, not how many
    if re.search(r"\b(?:zie je|zien we|zie ik|kun je zien|kan je zien|kan ik zien|staat er)\b(?:\s+[\w'’-]+){0,5}?\s+"
                 r"(?:hoeveel|hoe vaak|hoe groot)\b", q, re.I):
        return "status"  # "zie je op kiesmbo per opleiding hoe groot je kans op werk is?": whether it is shown
    if (_FIGURE.search(q) or _SHARE.search(q)) and not _COUNT.search(q):
        return "figure"  # "welk aandeel van alle mbo-studenten zit in de bbl?": a share
    if _WHEN.search(q):
        return "wanneer"
    return "status"


_MONEY_HEADS = frozenset("geld euro euro's euros subsidie subsidies budget middelen financiering miljoen mln "
                         "procent kosten kost kostte".split())
# Verbs and function words that can follow "hoeveel": then the question's other words decide.
_VERB_HEADS = frozenset("is zijn was waren wordt worden werd werden heeft hebben had hadden krijgt krijgen kreeg steekt steken stak "
                        "kregen trekt trekken gaat gaan ging gingen geeft geven gaf investeert investeren ontvangt "
                        "ontvangen betaalt betalen besteedt besteden kan kunnen moet moeten mag mogen zal zullen "
                        "er van de het een".split())


# "hoeveel plannen scholen", "hoeveel geven ze": a verb right after "hoeveel", then its subject
_HOEVEEL_VERB = re.compile(r"\bhoeveel\s+[\w'’-]+(?:en|t)\s+(?:de|het|ze|zij|we|wij|jullie|scholen|mbo-scholen|"
                           r"instellingen|gemeenten|werkgevers|bedrijven|ocw|sbb|zelf)\b", re.I)


def _figure_kind(q: str) -> str | None:
    if _FREQUENCY.search(q):
        return "frequency"
    if _DURATION.search(q):
        return "duration"
    if _PERCENT.search(q):
        return "percentage"
    if _SHARE.search(q):
        # "welk deel van de 142 miljoen …" is a sum; "welk deel van de mbo-scholen …" a share, which
        # the report may give in words ("meer dan de helft")
        return "amount" if _AMOUNT.search(q) else "share"
    head = re.search(r"\bhoeveel\s+(?:van\s+(?:de|die|deze|alle)\s+(?:\d+\s+)?)?(?:(?:extra|nieuwe|verschillende|andere)\s+)?"
                     r"([\w'’-]+)", q, re.I)
    word = head.group(1).lower() if head else ""
    if word and word not in _MONEY_HEADS and word not in _VERB_HEADS and \
            (re.search(r"(?:s|'s|’s|en)$", word) or not word.endswith("t")):
        # "hoeveel aanvraagrondes had de subsidie …": a noun right after "hoeveel" is what is
        # counted, whatever money words follow ("… voor de subsidie"); a verb ("hoeveel krijgt …",
        # "hoeveel kost …") leaves it to the rest of the question.
        return "count"
    if _AMOUNT.search(q) or (word in _MONEY_HEADS and word != "procent"):
        return "amount"  # "hoeveel extra middelen krijgen instellingen …?": a sum of money
    if re.search(r"\bhoeveel\b|\baantal\b", q, re.I):
        return "count"
    return None


# -- the planner ----------------------------------------------------------------------------------

def plan(question: str, history: Sequence[Plan] = (), filters: Filters | None = None,
         known_parties: Iterable[str] = (), doelstellingen: Iterable[str] = (),
         covered_years: Sequence[int] = COVERED_YEARS, year_names: Iterable[str] = ()) -> Plan:
    """What the question asks. history: the plans of the earlier turns, oldest first."""
    q = re.sub(r"\s+", " ", question or "").strip()
    if not q:
        return Plan(operation="empty", question=q)
    # "een prio", "de prio's": the report's prioriteit(en); "prio 2" stays as it is
    q = re.sub(r"\bprio(?:'|’)?s\b", "prioriteiten", re.sub(r"\bprio\b(?!\s*\d)", "prioriteit", q, flags=re.I),
               flags=re.I)
    for said, meant in _EVERYDAY_PHRASES:
        q = said.sub(meant, q)
    hedge = _HEDGE.match(q)
    if hedge and q[hedge.end():].strip():
        # "klopt het dat de GGD ergens een rol heeft?": the claim is the question.
        q = q[hedge.end():].strip()
    options = _WHO_OPTIONS.search(q)
    if options and _WHO.search(q[:options.start()]) and find_parties(options.group(1), known_parties)[0]:
        # "wie moet dat regelen, de school of OCW?": the parties offered are possible answers, not
        # the subject nor a filter
        q = q[:options.start()].rstrip() + "?"
    switch = _NEW_SUBJECT.match(q)
    if switch and q[switch.end():].strip():
        # "los daarvan: bij welke acties is de NRTO betrokken?": the speaker leaves the last answer.
        q, history = q[switch.end():].strip(), ()
    chat = filters or Filters()
    known_doel = set(doelstellingen)
    # "over 1.1 t/m 1.5": every doelstelling in the range, as if each were named
    q = _DOEL_RANGE.sub(lambda m: _expand_range(m, known_doel), q)

    # Numbers first: they must not be read as years or topic words.
    doel = None
    bare = _BARE_DOEL.match(q)
    m = _DOEL.search(q)
    if bare and (not known_doel or f"{bare.group(1)}.{bare.group(2)}" in known_doel):
        doel = f"{bare.group(1)}.{bare.group(2)}"
    elif m:
        doel = f"{m.group(1)}.{m.group(2)}"
    else:
        loose = _LOOSE_DOEL.search(q)
        if loose and f"{loose.group(1)}.{loose.group(2)}" in known_doel:
            doel = f"{loose.group(1)}.{loose.group(2)}"
            q_wo = _LOOSE_DOEL.sub(" ", q)
        else:
            q_wo = q
    rest = (_DOEL.sub(" ", q) if m else (q_wo if not bare and not m else "")) if not bare else ""
    prio = None
    pm = _PRIO.search(rest)
    if pm:
        prio = int(pm.group(1)) if pm.group(1) else _ORDINAL[pm.group(2).lower()]
        rest = _PRIO.sub(" ", rest)

    # Idioms of involvement: "zit JOB aan tafel", "waar moeten scholen mee aan de slag", "wat staat er
    # op naam van SZW", "wat neemt OCW voor zijn rekening".
    # Several doelstellingen or prioriteiten: "bij 1.4 en 1.5", "prio 1 en 2 samen".
    doels_named = [d for d in dict.fromkeys(f"{a}.{b}" for a, b in _ANY_DOEL.findall(q)) if not known_doel or d in known_doel]
    doelstellingen = tuple(doels_named) if len(doels_named) > 1 else ()
    pm_all = _PRIO_LIST.search(q)
    prioriteiten = tuple(dict.fromkeys(int(d) for d in re.findall(r"[1-3]", pm_all.group(1)))) if pm_all else ()
    if not pm_all:  # "is prio 3 groter dan prio 1?"
        prioriteiten = tuple(dict.fromkeys(int(a) if a else _ORDINAL[b.lower()] for a, b in _PRIO.findall(q)))
    prioriteiten = prioriteiten if len(prioriteiten) > 1 else ()
    if doelstellingen:
        doel = None
        rest = _ANY_DOEL.sub(" ", rest)
    not_prio = re.search(r"\b(?:niet\s+(?:in|onder|bij|binnen)|buiten)\s+(?:de\s+)?prio(?:riteit)?\s*([1-3])\b", q, re.I)
    if not_prio:
        prioriteiten = tuple(n for n in (1, 2, 3) if n != int(not_prio.group(1)))
    if prioriteiten:
        prio = None
        rest = _PRIO.sub(" ", _PRIO_LIST.sub(" ", rest))
    # "waar moeten VNO-NCW en MKB-Nederland voor zorgen?": what a party has to do, as "wat doet …?"
    rest = re.sub(r"(\bwaar\b.*?)\bvoor\s+(?:te\s+)?zorgen\b", r"\1 ", rest, flags=re.I)
    # "de NRTO, namens de private opleiders": who a party speaks for describes it, it is no subject
    rest = re.sub(r"\bnamens\s+(?:de\s+|het\s+)?[\w'’-]+(?:\s+[\w'’-]+)?(?=\s*[,:;?.]|\s*$)", " ", rest, flags=re.I)
    # "waar in Nederland kan dat al?" asks where: the country is no subject of an action
    rest = re.sub(r"\bwaar\s+in\s+(?:heel\s+)?nederland\b", " ", rest, flags=re.I)
    rest = re.sub(r"\b(?:in\s+)?(?:het|dit)\s+laatste\s+jaar\b|\bde\s+teller\b(?=[^?]*\bop\b)|\baan (?:de )?tafel\b|\baan de slag\b|\bop (?:haar|zijn|hun|z'n|de) naam\b|\bop naam van\b|"
                  r"\bvoor (?:haar|zijn|hun|z'n) rekening\b|\bop (?:zich|zijn|haar) (?:ge)?n[eoa]\w*\b|"
                  r"\b(?:een |hun |zijn |haar )?bijdrage\w* (?:aan )?(?:ge)?lever\w*\b|"
                  r"\bin beweging (?:ge)?k[ow]\w*\b|\baan (?:het|de) (?:roer|bal|zet)\b|\bde hand in\b|"
                  r"\bop een rij(?: (?:ge)?zet\w*)?\b|\bonder elkaar(?: (?:ge)?zet\w*)?\b|"
                  r"\bop de hoogte (?:ge)?(?:houd|hield|houd|bracht|breng|brengen|houden|gehouden|gebracht)\w*|"
                  r"\bte maken (?:hebben|heeft|hadden|had)\b|\b(?:een )?rol (?:spelen|speelt|speelden|speelde)\b|"
                  # "welke organisaties werken daaraan mee?": who, in other words
                  r"\bwelke (?:organisaties|instanties|partijen)\b(?=[^?]*\b(?:mee|aan|bij|samen)\b)|"
                  # "doelstelling 1.1 lijkt me best lang": a remark on the size, not "leven lang ontwikkelen"
                  r"\b(?:best|erg|heel|nogal|vrij|zo|wel)\s+(?:lang|groot|klein|kort|omvangrijk)\b|"
                  # "is er nog iets concreets gebeurd?": an adjective after "iets" says what kind, no subject
                  r"\bn?iets\s+\w+s\b|"
                  # "welke acties binnen deze selectie zijn afgerond?": the chat's filter, not a subject
                  r"\b(?:binnen|in|uit|van|onder)\s+(?:deze|die|de|dit|het|mijn|jouw|uw)\s+(?:huidige\s+)?"
                  r"(?:selectie|filter|filters|keuze|gefilterde\s+(?:lijst|acties|rijen))\b", " ", rest, flags=re.I)
    if re.search(r"\b(?:draagt|dragen|droeg|droegen)\b", rest, re.I) and re.search(r"\bbij\s*[?.!]?\s*$", rest, re.I):
        # "aan welke acties draagt OCW bij?": "bijdragen", split, is taking part
        rest = re.sub(r"\b(?:draagt|dragen|droeg|droegen)\b|\bbij(?=\s*[?.!]?\s*$)", " ", rest, flags=re.I)
    if re.search(r"\b(?:ge)?lever\w*\b", rest, re.I) and re.search(r"\bbijdrage\b", rest, re.I):
        # "aan hoeveel acties levert het ministerie van OCW een bijdrage?": taking part, said twice apart
        rest = re.sub(r"\b(?:ge)?lever\w*\b|\b(?:een |hun |zijn |haar )?bijdrage\b", " ", rest, flags=re.I)
    said = rest
    spans, rest = party_spans(rest, known_parties)
    rest = _drop_descriptors(rest, spans)
    # "de werkgeversorganisaties VNO-NCW en MKB-Nederland": a kind of party right before the
    # parties it names describes them; it is no party of its own that must also be in the row.
    ordered = sorted((x for x in spans if x[0] >= 0), key=lambda x: x[0])
    apposed = {a[2] for a, b in zip(ordered, ordered[1:])
               if re.fullmatch(r"[\s:,]*", said[a[1]:b[0]]) and a[2] != b[2] and
               re.search(r"(?:organisaties|koepels?|clubs|verenigingen|werkgevers|partijen)$", said[a[0]:a[1]], re.I)}
    if apposed:
        spans = [x for x in spans if x[2] not in apposed]
    parties = list(dict.fromkeys(name for _, _, name in spans))
    # "waar OCW niet bij staat", "zonder OCW": a party the rows must not have.
    starts = sorted(a for a, _, _ in spans if a >= 0)

    def _negated(a: int, b: int) -> bool:
        after = rest[b:next((x for x in starts if x > a), len(rest))]  # up to the next party named
        return bool(re.search(r"\b(?:zonder|ontbreekt|ontbreken|mist)\s+(?:dat\s+)?(?:de\s+|het\s+)?$", rest[max(0, a - 16):a], re.I) or
                    re.match(r"\W+(?:[\w'’-]+\W+){0,3}?n[ií]et\s+(?:[\w'’-]+\s+)?(?:bij|genoemd|betrokken|vermeld|"
                             r"mee|aan|als|in\b(?=\s+[a-z]))\b(?!\s+(?:de\s+|het\s+)?(?:prio|doel|\d))", after, re.I) or
                    # "waar OCW ontbreekt in de kolom Wie"
                    re.match(r"\W+(?:[\w'’-]+\W+){0,4}?(?:ontbreekt|ontbreken)\b", after, re.I))

    without = tuple(dict.fromkeys(name for a, b, name in spans if a >= 0 and _negated(a, b)))
    # "de studenten zelf, dus los van JOB": a party set aside is neither required nor excluded
    aside = {name for a, b, name in spans
             if a >= 0 and re.search(r"\b(?:los van|afgezien van)\s+(?:de\s+|het\s+)?$|"
                                     # "de vo-raad, die van de middelbare scholen": says whose it is
                                     r",\s*(?:die|dat)\s+van\s+(?:de\s+|het\s+)?$|"
                                     # "waar wij als studenten over meepraten": who is asking
                                     r"\b(?:ik|wij|we|jij|je|u|jullie)\s+als\s+(?:mbo[- ]?)?$", rest[max(0, a - 16):a], re.I)}
    if aside and len(parties) > len(aside):
        parties = [x for x in parties if x not in aside]
    alone = bool(parties) and bool(_ALONE.search(q))
    if alone:
        rest = _ALONE.sub(" ", rest)
    rest = re.sub(r"\bn[ií]et\b(?=[^?]*\b(?:bij|genoemd|betrokken|staat|staan|als)\b)|\bontbr\w+|\bmist\b", " ", rest) \
        if without else rest
    # "waar zijn studenten bij betrokken?" asks what they take part in; "hoe docenten worden
    # betrokken bij …" (passive) is about them, they are the subject.
    passive = re.search(r"\b(?:worden|wordt|werd|werden)\b(?:\s+[\w'’-]+){0,3}?\s+betrokken\b", q, re.I)
    asks_what_they_do = re.search(r"\bwat (?:doen|moeten|gaan)\b|\bwaar zijn\b", q, re.I) or \
        (re.search(r"\bbetrokken\b", q, re.I) and not passive)
    # "wat doen ze aan taal en rekenen voor studenten?", "… aan stress bij studenten": who it is for or
    # among, not who does it
    for_whom = {p for p in parties if p in _SUBJECT_PARTIES and
                re.search(rf"\b(?:voor|bij|onder)\s+(?:de\s+|alle\s+|hun\s+|mbo-?\s*)?{re.escape(p)}\b(?!\s+(?:betrokken|aan\s+tafel))",
                          q, re.I) and
                not re.search(rf"\b(?:doen|doet|moeten|gaan)\s+(?:de\s+)?(?:mbo-?\s*)?{re.escape(p)}\b", q, re.I)}
    subjects = [p for p in parties if p in _SUBJECT_PARTIES and (not asks_what_they_do or p in for_whom)]
    parties = [p for p in parties if p not in subjects and p not in without]
    if parties and asks_what_they_do and re.search(r"\ballemaal\b|\bwat (?:doen|doet|moeten|moet)\b", q, re.I):
        # "wat moeten de gemeentes allemaal doen voor mbo studenten?": every action is for the
        # students; the party's part is asked, not a topic
        subjects = [p for p in subjects if p not in for_whom]
    rest = " ".join([rest, *subjects])  # "wat doet de werkagenda voor studenten?": the topic
    if chat.partij and not parties:
        # "aan welke acties levert dit ministerie een bijdrage?" with a party chosen in the chat:
        # that party, said again; no topic
        rest = re.sub(r"\b(?:dit|deze|dat|die|het|de)\s+(?:ministerie|departement|partij|organisatie|instantie|"
                      r"vereniging|koepel\w*|club|bond)\b", " ", rest, flags=re.I)
    # "waar ocw voor moet zorgen": what it must see to, no subject of its own
    rest = re.sub(r"\b(moet|moeten|moest|moesten|gaat|gaan|zal|zullen)\b((?:\s+[\w'’-]+){0,3}?)\s+zorgen\b", r"\1\2 ",
                  rest, flags=re.I)
    # "waar draagt SBB aan bij?", "waar helpt de VNG allemaal aan mee?": a separable verb of taking
    # part, its particle closing the clause; what the party takes part in is asked, no subject
    rest = re.sub(r"\b(?:draagt|dragen|droeg|droegen|helpt|helpen|hielp|hielpen)\b(?=(?:\s+[\w'’-]+){0,6}?\s+(?:bij|mee)\s*(?:[?.!,]|$|(?:binnen|in|onder|van)\b))",
                  " ", rest, flags=re.I)
    not_new = bool(_NOT_NEW.search(q)) and not chat.stand
    if not_new:
        rest = _NOT_NEW.sub(" ", rest)
    unfinished = bool(_UNFINISHED.search(q)) and not chat.stand
    if unfinished:
        rest = _UNFINISHED.sub(" ", rest)
    # "in de meest recente rapportage", "bij de laatste update": the report itself, its later period
    # (before the stand words, which may take "update … niks ingevuld" with them)
    rest = re.sub(r"\b(?:meest\s+recente|recentste|nieuwste|laatste)\b(?=\s+(?:voortgangs)?(?:rapportage|rapport|verslag|update|versie)\b)",
                  " ", rest, flags=re.I)
    # "zit JOB ergens bij in het plan?": the agenda itself, as "in de werkagenda" (not "het plan van aanpak")
    rest = re.sub(r"\bin\s+het\s+(?:hele\s+)?plan\b(?!\s+van\b)", " ", rest, flags=re.I)
    stand, rest = find_stand(rest)
    # "loopt dat een beetje volgens plan?": whether it is on track, asked of what was just answered
    rest = re.sub(r"\b(?:een\s+)?beetje\b|\bvolgens\s+(?:de\s+|het\s+|dit\s+|dat\s+|deze\s+)?(?:plan|planning|schema)\b|\bop\s+schema\b",
                  " ", rest, flags=re.I)
    if stand == ONGEWIJZIGD and _CHANGE.search(q) and \
            re.search(r"\bof\s+(?:staat|staan|is|zijn|blijft|blijven|ligt|liggen)\b", q, re.I) and \
            not (history and _STRONG_ANAPHORA.search(q)):
        # "is hier het afgelopen jaar nog iets gebeurd of staat alles stil?": either, the
        # comparison answers both (pointing back at one action, its change answers: below)
        stand = None
    if unfinished and stand in (AFGEROND, LOOPT):
        stand = None  # "nog niet afgerond" said it; "leeg terwijl nog niet afgerond" keeps both
    if stand == AFGEROND and (re.search(r"\b(?:nieuws|iets nieuws|nieuwe voortgang|updates?)\b", q, re.I) or
                              not _PLURAL.search(q)) and \
            _CHANGE.search(q) and re.search(r"\b(?:op)?geleverd\b|\bbereikt\b", q, re.I):
        # "hebben ze sinds vorige zomer nog nieuws opgeleverd?", "wat is daar sinds zomer 2024
        # bereikt?" ask what changed; "welke acties hebben sinds zomer 2024 hun doel bereikt?" does not
        stand = None
    if stand == AFGEROND and re.search(r"\bwat (?:heeft|hebben|heeft het|hebben de)\b(?:\s+[\w'’-]+){0,8}\s+opgeleverd\b", q, re.I):
        stand = None  # "wat heeft de kwaliteitstafel opgeleverd?" asks for its results, not a list
    # "welke acties zijn in 2025 afgerond?": in the later period, not already by the first
    later = re.compile(rf"\bin\s+{max(covered_years)}\s+(?:[\w'’-]+\s+){{0,2}}?(?:afgerond|voltooid|gerealiseerd|klaar|af)\b|"
                       rf"\b(?:afgerond|voltooid|gerealiseerd|klaar|af)\s+in\s+{max(covered_years)}\b", re.I) \
        if covered_years else None
    recent = stand == AFGEROND and bool(_RECENT.search(q) or (later is not None and later.search(q)))
    if recent:
        rest = _RECENT.sub(" ", rest)
    # "welke acties waren in de zomer van 2024 al klaar?": finished by the earlier period
    early = stand == AFGEROND and not recent and bool(covered_years) and bool(re.search(
        rf"\b(?:al|toen|reeds)\b[^?]*\b(?:in|tijdens)\s+(?:de\s+)?zomer\s+(?:van\s+)?{min(covered_years)}\b|"
        rf"\b(?:in|tijdens)\s+(?:de\s+)?zomer\s+(?:van\s+)?{min(covered_years)}\b[^?]*\b(?:al|toen|reeds)\b", q, re.I))
    primary = bool(_PRIMARY.search(q))
    if primary:
        rest = _PRIMARY.sub(" ", rest)
    besides: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    ministries = bool(_MINISTRIES.search(rest))
    if ministries:
        rest = _MINISTRIES.sub(" ", rest)
        examples = re.search(r"\b(?:ministerie|ministeries|departement\w*)\s*\(([^)]*)\)", q, re.I)
        named_as = [x for x in parties if examples and re.search(rf"\b{re.escape(x)}\b", examples.group(1), re.I)]
        if parties and re.search(r"\bandere?\b|\bbehalve\b|\bnaast\b", q, re.I):
            # "welke andere ministeries dan OCW": the ministry named is left out of the ministries;
            # "een ander ministerie (SZW, BZK of VWS)" names which ones count
            besides = tuple(x for x in parties if x not in named_as)
            shown = tuple(named_as)
            parties = []
        elif parties:
            ministries = False
    counted = re.search(r"\bhoeveel\s+([\w'’-]+)", q, re.I)
    counted_party = ""
    if stand and counted and topic_of(counted.group(1)) and not chat.stand:
        # "hoeveel mbo-docenten hebben de master afgerond?": a figure about people, not a count of
        # finished actions ("hoeveel acties zijn afgerond?", "hoeveel zijn er al af?").
        stand = None
    if parties and topic_of(rest) and all(p in _GENERIC_PARTIES for p in parties) and not asks_what_they_do \
            and not _IN_WIE.search(q):
        rest = " ".join([rest, *parties])
        parties = []
    if counted and parties and history and re.match(r"\s*(?:en\s+)?hoeveel\s", q, re.I) and not topic_of(rest) and \
            _field(q) == "figure":
        # "hoeveel scholen hebben er al een?" after the studentenkaart: the schools are what is
        # counted, within the action just answered, not a party whose actions are listed
        head = [name for _, _, name in party_spans(counted.group(1), known_parties)[0]]
        if head and head[0] in _GENERIC_PARTIES and parties == head[:1]:
            parties, counted_party = [], counted.group(1)

    # "de open aanpak MBO in 2030": a name with a year in it (engine: year_names) is no year asked about
    for name in year_names:
        # kept as one word, so that it stays the subject ("is MBO in 2030 inmiddels klaar?")
        rest = re.sub(rf"\b{re.escape(name)}\b", " " + name.replace(" ", "_") + " ", rest, flags=re.I)
    years = [int(y) for y in _YEAR.findall(rest)]
    uncovered = next((y for y in years if y not in covered_years), None)
    jaar = None
    if uncovered is not None and _PLANNING_WORDS.search(q) and not re.search(r"\brapportage|\bstond\b", q, re.I):
        jaar, uncovered = uncovered, None  # "wat moet er in 2026 klaar zijn?": planning, a filter
    elif uncovered is not None and not _STATUS_WORDS.search(q) and \
            not (covered_years and uncovered > max(covered_years) and _DONE_THEN.search(q)):
        # A year without a question about the state then: just a word. But "welke taaleisen heeft
        # de minister begin 2026 vastgesteld?" asks what happened after the report was written.
        uncovered = None
    rest = _YEAR.sub(" ", rest)

    fld = _field(q)
    figure_kind = _figure_kind(q) if fld == "figure" else None
    last = history[-1] if history else None
    if figure_kind == "count" and last is not None and last.field == "figure" and last.figure_kind == "amount" and \
            _FOLLOW_START.search(q) and _HOEVEEL_VERB.search(q):
        # "hoeveel steekt OCW in practoraten?" - "en hoeveel plannen scholen zelf?": "plannen" is
        # the verb, nothing is counted; the amount asked before is asked again.
        figure_kind = "amount"
    # "weet iemand of mbo'ers zich veilig voelen?": the verb of knowing frames a question whether,
    # and that "of" joins no two subjects
    rest = _WHETHER.sub(" ", rest)
    # "vergeleken met een jaar eerder": the earlier period, no subject ("eerder opgedane
    # werkervaring" keeps its word)
    rest = re.sub(r"\b(?:een|1)\s+jaar\s+(?:eerder|daarvoor|terug)\b", " ", rest, flags=re.I)
    topic = topic_of(rest).replace("_", " ")  # a name with a year ("MBO_in_2030", above) as written
    # "welke gaan over taal en rekenen of over schoolboeken?": either subject; a list takes both.
    # ("mentale problemen, zoals stress of somberheid": the "of" joins examples of one subject, below)
    before_examples = _EXAMPLES.split(rest, maxsplit=1)[0]
    alternatives = [a for a in (topic_of(x) for x in re.split(_ALTERNATIVE, rest)) if a] \
        if _ALTERNATIVE.search(before_examples) and not _ONE_PHRASE_OF.search(q) else []

    f = Filters(
        prioriteit=chat.prioriteit if chat.prioriteit is not None else prio,
        doelstelling=chat.doelstelling or doel,
        partij=chat.partij or (parties[0] if parties else None),
        stand=chat.stand or stand,
        jaar=chat.jaar if chat.jaar is not None else jaar,
    )

    # Follow-ups: the previous turn's subject, unless this turn names a subject of its own. A
    # question about the report itself ("over welke periode gaat de rapportage?") is never one.
    prev = next((p for p in reversed(history) if p.operation not in ("empty", "meta")), None)
    if prev is not None and _meta(q, topic, f) and not _STRONG_ANAPHORA.search(q) and not _INTO_PREV.search(q):
        prev = None
    if prev is not None and _view_changed(chat, prev.filters) and \
            re.search(r"\b(?:deze|hiervan|hierbinnen)\b", q, re.I):
        # The user just set a dropdown filter and asks "welke van deze acties …": "deze" are the
        # actions in the view they chose, not the rows of the last answer.
        prev = None
    # "waarom loopt dat achter?", "hoe komt het dat die vertraagd is?": a reason is asked about the
    # thing pointed at, never a list, whatever status words the question repeats.
    if prev is not None and _WHY.search(q) and _POINTER.search(q) and not (topic or parties or doel or prio):
        return Plan(operation="lookup", field="status", filters=_merge(prev.filters, chat), topic="",
                    followup=True, question=q)
    if prev is not None and stand and prev.operation == "lookup" and prev.filters.stand == stand and \
            _ANAPHORA.search(q) and not (topic or parties or doel or prio or jaar):
        # "welke daarvan lopen vertraging op?" gave one action; "wat is daar misgegaan dan?" repeats
        # the state already asked and asks about that action
        return Plan(operation="lookup", field="status", filters=_merge(prev.filters, chat), topic="",
                    followup=True, question=q)
    if prev is not None and _PLURAL_POINTER.search(q) and _YES_NO.match(q) and prev.operation == "lookup" and \
            prev.topic and not topic and not parties and (stand or unfinished or not_new or recent or _STILL_GOING.search(q)):
        # "lopen die acties allemaal nog?" after one action and its related ones: the actions about
        # that subject, each with its stand, so the answer shows which do and which don't. The
        # subject is the last one asked about in general terms, not "bedragen practoraten".
        about = next((h for h in reversed(history) if h.operation == "lookup" and h.field == "status" and h.topic), prev)
        # Not a follow-up within the last answer's rows: that answer showed one action.
        return Plan(operation="list", field="status", filters=_merge(about.filters, chat), topic=about.topic,
                    question=q)
    if prev is not None and prev.operation == "lookup" and (_YES_NO.match(q) or _STANDS_FIRST.match(q)) and \
            (stand or unfinished) and _ANAPHORA.search(q) and not _PLURAL_POINTER.search(q) and \
            not (topic or parties or doel or prio or jaar):
        # "is dat al klaar?" after one action: that action's state, not the list of finished ones;
        # "staat daar in 2025 iets anders over dan vorig jaar of is het hetzelfde gebleven?": its change
        return Plan(operation="lookup", field="change" if fld == "change" else "status",
                    filters=_merge(prev.filters, chat), topic=prev.topic, followup=True, question=q)
    ordinal = _PLACE_IN_LIST.search(q)
    last_list = next((h for h in reversed(history) if h.operation in ("list", "count", "compare")), None)
    if last_list is not None and ordinal:
        # "wat is er bij de tweede veranderd?" after a list (also a turn or two later): that
        # action, the field asked
        word, number = ordinal.group(1), ordinal.group(2)
        left = _verbs_dropped(q, topic_of(_PLACE_IN_LIST.sub(" ", rest)))
        if fld == "figure":
            # "hoeveel geld is er voor de eerste toegekend?": the kind of figure, no subject
            left = " ".join(w for w in left.split() if fold(w).lower() not in _MONEY_HEADS)
        if not (left or parties or doel or prio or stand or jaar):
            return Plan(operation="lookup", field=fld, filters=_merge(last_list.filters, chat), topic="",
                        figure_kind=figure_kind, followup=True, question=q,
                        ordinal=_ORDINALS[word.lower()] if word else int(number))
    listed = next((h for h in reversed(history) if h.operation in ("list", "count", "compare")), None)
    if listed is not None and _PLURAL_POINTER.search(q) and fld in ("wie", "wanneer") and \
            not (topic or parties or doel or prio or stand or jaar):
        # "en welke partijen staan bij deze drie acties in de kolom Wie?" two turns after the list:
        # those actions again, each with its parties (or planning).
        # (not a follow-up within the last answer's rows: that answer may be about one of them)
        return Plan(operation="list", field=fld, filters=_merge(listed.filters, chat), topic=listed.topic, question=q)
    # "wat is daar de volgende stap?": what comes next is asked of the subject pointed at, no subject
    next_step = bool(topic) and _ANAPHORA.search(q) is not None and \
        all(_NEXT_STEP.fullmatch(fold(w).lower()) for w in topic.split())
    # "loopt de rest van het programma volgens planning?" after one programme: a kind of thing with
    # "de"/"het" and nothing more can only be the one just answered.
    kind_ref = _KIND_REF.search(q)
    generic = prev is not None and prev.operation == "lookup" and kind_ref is not None and \
        topic.lower() == kind_ref.group(1).lower() and not (parties or doel or prio or stand or jaar)
    next_step = next_step or generic
    # "sinds wanneer is het online?": the predicate says what is asked of "het", no subject
    said_of = _PREDICATE.search(q)
    next_step = next_step or (said_of is not None and topic.lower() == said_of.group(1).lower())
    names_something = bool((topic and not next_step) or parties or doel or prio or stand or jaar)
    # A bare "wat is er nieuw?" or "wie doet dat?" after an answer is about that answer.
    bare_field = fld in ("change", "wie", "wanneer") and not names_something and not _META_TOTAL.search(q)
    # "waarom niet?", "wat gebeurt er dan wel?": a short question that names nothing continues the last one.
    short = not names_something and len(q.split()) <= 6 and not _META_TOTAL.search(q) and not _PLURAL.search(q)
    if prev is not None and not names_something and (_FOLLOW_START.search(q) or _ANAPHORA.search(q) or bare_field
                                                     or short or generic) and len(q.split()) <= 14:
        op = prev.operation
        if op in ("list", "count", "compare") and (not_new or unfinished or recent):
            op = "list"  # "welke daarvan hebben geen nieuwe voortgang?", "… zijn nog niet af?"
        elif op in ("list", "count", "compare") and fld == "change":
            op = "compare"
        elif op in ("list", "count") and fld in ("wie", "wanneer"):
            op = "list"
        return Plan(operation=op, field=fld if fld != "status" or op == "lookup" else prev.field,
                    filters=_merge(prev.filters, chat), topic=" ".join(x for x in (prev.topic, counted_party) if x),
                    figure_kind=figure_kind,
                    followup=True, question=q, not_new=not_new and op == "list",
                    unfinished=unfinished and op == "list", recent=recent and op == "list")
    # "en welke daarvan zijn verder gekomen?" / "wat doet JOB daarbij?": within the previous rows.
    # (not "welke van die SZW-acties is al afgerond?": the party names the list pointed at)
    if prev is not None and _INTO_PREV.search(q) and prev.operation == "lookup" and prev.topic and not topic and \
            re.search(r"\bwelke\b", q, re.I) and (stand or unfinished or not_new or recent) and not parties:
        # "staat er iets over sportverenigingen in?" - "welke daarvan loopt achter?": the actions
        # about that subject (the answer and its "Zie ook"), as a topic list, narrowed.
        return Plan(operation="count" if _COUNT.search(q) else "list", field="status",
                    filters=_merge(prev.filters, f), topic=prev.topic, followup=True, question=q,
                    unfinished=unfinished, recent=recent, not_new=not_new)
    if prev is not None and _INTO_PREV.search(q) and prev.operation in ("list", "count", "compare") and \
            not (topic and _names_new_action(q)):
        # "welke daarvan gaan over burgerschap?", "welke van deze hebben doorlopend als planning?",
        # "welke hiervan heeft OCW niet in de wie-kolom?": the earlier rows, narrowed.
        op = "compare" if fld == "change" and not stand and not not_new else ("count" if _COUNT.search(q) else "list")
        return Plan(operation=op, field=fld if fld != "change" or op == "compare" else "status",
                    filters=_merge(prev.filters, f), topic=topic, figure_kind=figure_kind, followup=True, question=q,
                    also=tuple(parties[1:]) if f.partij else (), alone=alone, without=without,
                    unfinished=unfinished, recent=recent, not_new=not_new)
    # "wie zijn er naast de scholen bij betrokken?" after one action: the other parties of that
    # action ("er … bij" points back), not every action the scholen take part in.
    if prev is not None and prev.operation == "lookup" and fld == "wie" and parties and not topic and not stand \
            and re.search(r"\b(?:naast|behalve|buiten)\b", q, re.I) and \
            re.search(r"\ber\b[^?]*\b(?:bij|aan|mee)\b|\bnog meer\b|\bverder\b|\bnog\b", q, re.I):
        return Plan(operation="lookup", field="wie", filters=_merge(prev.filters, chat), topic=prev.topic,
                    followup=True, question=q)
    # "en wat doet JOBmbo daarbij?", "en hoeveel trekt OCW daarvoor uit?" after one action: that
    # party's part in that action, whatever field is asked.
    if prev is not None and (_INTO_PREV.search(q) or _STRONG_ANAPHORA.search(q) or
                             (_ANAPHORA.search(q) and fld in ("wie", "wanneer", "figure"))) and not topic \
            and prev.operation == "lookup" and parties and not stand:
        return Plan(operation="lookup", field=fld, filters=_merge(prev.filters, chat),
                    topic=prev.topic if fld == "figure" else "", figure_kind=figure_kind, followup=True, question=q)
    # "en bij doelstelling 2.1?" / "en voor JOB?": the previous question again, in a new scope.
    if prev is not None and _FOLLOW_START.search(q) and not topic and (parties or doel or prio or stand) \
            and fld == "status" and not _PLURAL.search(q) and not _COUNT.search(q):
        if prev.operation == "lookup" and parties and not (doel or prio or stand) and not chat.partij:
            # "zit JOBmbo in het landelijk platform?" - "en de MBO Raad?": the same question about
            # another party; the party is part of the subject, as in the first question.
            _, old_topic = party_spans(prev.topic, known_parties)
            subject = " ".join([topic_of(old_topic), *parties]).strip()
            # Retrieval reads the question: here the earlier subject with the new party. "en doet
            # SBB er ook iets aan?" after "van wie komt die routekaart?" asks with a verb of its
            # own what SBB does, not the earlier question again.
            own_verb = re.search(r"\b(?:doet|doen|deed|deden|bijdraagt|draagt|dragen|regelt|regelen|speelt|spelen)\b", q, re.I)
            return replace(prev, topic=subject, filters=_merge(replace(prev.filters, partij=None), chat),
                           field=fld if own_verb else prev.field, figure_kind=figure_kind if own_verb else prev.figure_kind,
                           followup=False, question=f"{q} {subject}")
        # ("welke daarvan zijn afgerond?" narrowed a list to one action, which was answered as a
        # lookup without a subject: "en welke is niet doorgegaan?" asks the list again, in a new state)
        op = "list" if prev.operation == "lookup" and not prev.topic and stand else prev.operation
        return replace(prev, operation=op, filters=_merge(prev.filters, f), followup=False, question=q)

    person = bool(_PERSON.search(q))

    # About the report itself. "welke doelstellingen zijn er onder prio 3 geformuleerd?": a participle
    # is the question's verb, no subject.
    meta = _meta(q, _verbs_dropped(q, topic), f)
    if meta == "actions" and (without or alone):
        meta = None  # "bij welke acties ontbreekt OCW, en hoeveel zijn het?": a count of that scope
    if meta in ("most", "least") and (_RANKING.search(q) or (doel and not chat.doelstelling)):
        # "welke volgen qua omvang na 1.1 en 3.4?": the ranking of all of them; "is 3.4 de
        # doelstelling met de meeste acties?" asks whether it is, among all of them
        doelstellingen, f = (), replace(f, doelstelling=chat.doelstelling)
    if meta:
        size = _size(q) if meta == "doelstellingen" else None
        return Plan(operation="meta", field="status", filters=f, topic="", meta=meta, size=size,
                    doelstellingen=doelstellingen, prioriteiten=prioriteiten if meta == "actions" else (), question=q)

    scoped = bool(f.partij or f.doelstelling or f.prioriteit is not None or f.stand or f.jaar is not None)
    # "welke maatregelen staan er in het actieplan vsv?" asks what one named thing holds, not for a
    # list of actions ("welke acties staan er in doelstelling 2.3?" is one)
    plural = bool(_PLURAL.search(q)) and not (_CONTENTS.search(q) and topic and not f.doelstelling and f.prioriteit is None)
    if _COUNT.search(q) or (re.search(r"\bhoeveel\b", q, re.I) and (stand or unfinished)):
        op = "count"
    elif _NAMES_ASKED.match(q) and topic and not stand and not unfinished:
        # "welke mbo-scholen hebben een practoraat?" asks for the schools' names, which one
        # action may give (or not), not for the actions about practoraten
        op = "lookup"
    elif fld in ("wie", "wanneer", "figure") and topic and not stand and \
            not re.search(r"\bwelke\b(?:\s+\w+){0,2}\s+acties\b|\bbij welke\b|\bwelke daarvan\b", q, re.I):
        op = "lookup"  # "wie zijn betrokken bij het onderzoek naar …": one action's Wie
    elif fld == "change" and not stand and (scoped or plural or not topic):
        op = "compare"
    elif stand or unfinished or (scoped and not topic) or (plural and (scoped or fld in ("status", "change"))) or \
            (f.partij and fld == "status" and not topic):
        op = "list"
    elif plural and topic and fld in ("status", "wanneer"):
        op = "list"
    elif fld == "status" and topic and _BARE_TOPIC.match(q):
        op = "list"  # "discriminatie?", "aanpak laaggeletterdheid?": everything on that subject
    else:
        op = "lookup"
    if topic and (scoped or not_new or unfinished) and op in ("list", "compare", "count") and _AUXILIARY.search(q):
        # "hoeveel actiepunten zijn er opgenomen bij 3.1?", "waar JOB bij zit dat niet door is
        # gegaan": within a scope a past participle is the question's verb, not a subject.
        topic = _verbs_dropped(q, topic)
    if len(alternatives) > 1 and op in ("list", "compare", "count") and topic:
        topic = " | ".join(alternatives)
    conjuncts: tuple[str, ...] = ()
    if op in ("list", "count") and topic and " | " not in topic:
        # not "taal- en rekenvaardigheid": an elided compound is one subject
        sides = [topic_of(x) for x in re.split(r"(?<![-‐])\s+(?:en|&)\s+", rest)]
        sides = [x for x in sides if x]
        if len(sides) > 1 and set(" ".join(sides).split()) <= set(topic.split()):
            conjuncts = tuple(sides)
        examples = re.search(_EXAMPLES.pattern + r"\s*([^?]+)", rest, re.I)
        if examples:
            # "… platforms waarop je opleidingen kunt zoeken, zoals KiesMBO en Leeroverzicht": each
            # example named is a side of its own (the engine takes the rows of a specific one)
            named = [topic_of(x) for x in re.split(r",|\s+(?:en|of|&)\s+", examples.group(1))]
            conjuncts = tuple(x for x in named if x) or conjuncts
    if op == "compare" and topic:
        # "welke acties laten een nieuwe ontwikkeling zien?", "… bevat de Voortgang nieuwe informatie?":
        # what is new is the change asked for, not a subject.
        news = {w.lower() for w in _NEWS_NOUN.findall(q)}
        topic = " ".join(w for w in topic.split() if w.lower() not in news)
    described = _DESCRIBED_DOEL.search(q) or _DESCRIBING_CLAUSE.search(q)
    if topic and (f.doelstelling or f.prioriteit is not None) and op in ("list", "compare", "count") and described and \
            _label_words(topic) - _APPOSITION_NOUNS <= _label_words(topic_of(next(g for g in described.groups() if g))):
        # "hoeveel acties telt doelstelling 1.2 over welzijn en veiligheid?": the words say what the
        # doelstelling is about, like a label in brackets.
        topic = ""
    if topic and f.doelstelling and op in ("list", "compare", "count") and _LABEL_DOEL.search(q):
        # "lob en studiekeuze (2.1): wat is er nieuw?": the words name the doelstelling in brackets,
        # they do not narrow it.
        topic = ""
    if stand and fld == "change":
        fld = "status"
    if stand and topic and _YES_NO.match(q) and not _PLURAL.search(q):
        # "Is de open aanpak MBO in 2030 inmiddels afgerond?": the state of one action, not a list.
        op, f = "lookup", replace(f, stand=chat.stand)
    if op == "lookup" and topic and not chat.partij and f.partij and not _IN_WIE.search(q):
        # One action about a topic: a party the question names is part of the subject, not a
        # filter that could hide the answer ("wie zijn betrokken bij het onderzoek naar … docenten").
        f = replace(f, partij=None)
        topic = f"{topic} {parties[0]}"
    refers = "" if prev is None else "strong" if _STRONG_ANAPHORA.search(q) else \
        "weak" if (_FOLLOW_START.search(q) or _ANAPHORA.search(q)) else ""
    if (unfinished or primary or ministries or not_new) and op == "lookup" and not topic:
        op = "list"
    if not_new and op == "compare":
        op = "list"
    any_of = (shown or tuple(p for p in _MINISTRY_NAMES if p not in without and p not in besides)) if ministries else ()
    # A quoted column name ("bij 'wanneer'") names where to look, not what to find.
    # A quoted stand word ("alleen 'idem'") is the stand filter, already read, not a word to find.
    quoted = [x for x in _QUOTED.findall(q) if fold(x).strip().lower() not in _COLUMN_WORDS
              and not any(pattern.search(x) for pattern, _ in _STAND_WORDS)]
    if quoted and op in ("list", "count", "compare"):
        # "de acties die 'doorlopend' zijn": a quoted word is meant literally, in any column
        topic = " ".join(f"'{x}'" for x in quoted)
    mentions = None
    if _NAMED.search(q) and op in ("list", "count", "lookup") and re.search(r"\bwelke\b|\bhoeveel\b|\bzijn er\b", q, re.I):
        if re.search(r"\b(?:geld)?bedrag(?:en)?\b|\beuro'?s?\b", q, re.I):
            mentions = "amount"  # "bij welke acties wordt een concreet geldbedrag genoemd?"
        elif re.search(r"\bpercentages?\b|\bprocent\b", q, re.I):
            mentions = "percentage"
    if mentions:
        op, topic, fld = ("count" if op == "count" else "list"), "", "status"
    if f.partij and parties and _IN_WIE.search(q) and op in ("lookup", "list", "count") and not chat.partij:
        # "bij hoeveel acties worden de mbo-scholen zelf (bekostigd of niet) als partij in de kolom
        # Wie genoemd?": the party's rows; what else is said describes the party.
        either = _either(q, parties, alone)  # "VWS, de GGD'en of …"
        if _CHANGE.search(q) and not _COUNT.search(q) and not stand and not not_new:
            # "bij de acties waar VWS in de Wie-kolom staat: wat is er veranderd?" (not "welke acties met
            # gemeenten als partij zijn sinds vorig jaar ongewijzigd?": that stand is the list asked for)
            op2, fld2 = "compare", "change"
        else:
            op2, fld2 = ("count" if op == "count" or _COUNT.search(q) else "list"), "wie"
        return Plan(operation=op2, field=fld2, filters=replace(f, partij=None) if either else f,
                    topic="", question=q, also=() if either else tuple(parties[1:]),
                    any_of=tuple(parties) if either else (), alone=alone, without=without)
    if topic and not parties and not f.partij and _IN_WIE.search(q) and op in ("lookup", "list", "count"):
        # "staat er bij een van de acties een expertisepunt als partij in de kolom Wie?": a party the
        # party list does not know by that word, looked up in the Wie cells themselves.
        op, fld = ("count" if op == "count" else "list"), "wie"
        topic = topic_of(_IN_WIE.sub(" ", " ".join(topic.split())))
        return Plan(operation=op, field=fld, filters=f, topic=topic, named=bool(topic), question=q,
                    refers_back=refers)
    named = bool(topic) and (bool(_NAMED.search(q)) or bool(quoted)) and not f.stand
    if named and not quoted:
        # "waar komt het platform Leeroverzicht aan bod?": the kind of thing before a name is no
        # word the rows must also write; the name is asked for.
        kinds = {w.lower() for w in _KIND_BEFORE_NAME.findall(q)}
        topic = " ".join(w for w in topic.split() if w.lower() not in kinds) or topic
    if named and op == "lookup" and fld == "status":
        op = "list"
    scopes = dict(also=tuple(parties[1:]) if f.partij and op != "lookup" else (), alone=alone and op != "lookup",
                  named=named and op in ("list", "count", "compare"), primary=primary and bool(f.partij),
                  any_of=any_of, besides=besides if any_of else (), unfinished=unfinished, recent=recent,
                  early=early, not_new=not_new, mentions=mentions,
                  without=without if op != "lookup" else (), doelstellingen=doelstellingen, prioriteiten=prioriteiten,
                  conjuncts=conjuncts if op != "lookup" else ())
    if op == "lookup" and (doelstellingen or prioriteiten or without or alone or len(parties) > 1) and not topic:
        op = "list"
        scopes.update(also=tuple(parties[1:]), alone=alone, without=without)
    if op != "lookup" and f.partij and not chat.partij and _either(q, parties, alone):
        # "de acties van gemeenten en de VNG", "gemeenten (of de VNG)": the rows of either party.
        f = replace(f, partij=None)
        scopes.update(also=(), any_of=tuple(parties))
    if op != "lookup" and f.partij == "vakbonden" and not chat.partij and not alone and not scopes["any_of"]:
        # "de vakbonden" are also the unions a Wie cell names by name (FNV, CNV, AOb, FvOv)
        f = replace(f, partij=None)
        scopes.update(any_of=tuple(dict.fromkeys(["vakbonden", *(x for x in known_parties if x in _UNIONS)])))
    return Plan(operation=op, field=fld, filters=f, topic=topic, figure_kind=figure_kind,
                uncovered_year=uncovered, person=person, refers_back=refers, question=q, **scopes)


# Two parties in one question: "allebei", "zowel … als", "samen" ask for the rows naming both; "of",
# and "en" in "de acties van X en Y" / "wat doen X en Y", for the rows of either.
_BOTH = re.compile(r"\ballebei\b|\bbeide[n]?\b|\bzowel\b|\bsamen\b|\bgezamenlijk|\bmet z[’']?n (?:tweeën|tweeen|drieën|drieen)\b|"
                   r"\bin combinatie\b|\btegelijk", re.I)
_EITHER_AND = re.compile(r"\b(?:acties|rol|rollen|taken|inzet|bijdrage|werk) van\b|^\W*(?:en\s+)?wat (?:doen|moeten|gaan)\b", re.I)


# "bij 1.3, dat stuk over …": the noun that introduces the label
_APPOSITION_NOUNS = {"stuk", "deel", "onderdeel", "thema", "hoofdstuk"}


def _label_words(text: str) -> set[str]:
    """The words of a topic or a label, a hyphenated word also by its parts ("mbo-studenten")."""
    out = set()
    for w in text.lower().split():
        out.add(w)
        out.update(x for x in w.split("-") if x)
    return out


def _either(q: str, parties: list[str], alone: bool) -> bool:
    if len(parties) < 2 or alone or _BOTH.search(q):
        return False
    return bool(re.search(r"\bof\b", q, re.I) or _EITHER_AND.search(q))


_SIZE = re.compile(r"\b(maar|slechts|alleen|precies|exact|meer dan|minder dan|minstens|ten minste|minimaal|maximaal|"
                   r"hooguit|ten hoogste|boven de|onder de)?\s*(\d+|één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)"
                   r"(?:\s+(of meer|of minder|en meer|of hoger))?\s+(?:acties|actie|maatregelen|actiepunten)\b", re.I)
_SIZE_WORDS = {"één": 1, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
               "negen": 9, "tien": 10}


def _size(q: str) -> str | None:
    """"welke doelstellingen hebben maar twee acties?" -> "=2"; "meer dan 8 acties" -> ">8"."""
    m = _SIZE.search(q)
    if not m:
        return None
    n = int(m.group(2)) if m.group(2).isdigit() else _SIZE_WORDS[m.group(2).lower()]
    how = (m.group(1) or "").lower()
    after = (m.group(3) or "").lower()
    if after in ("of meer", "en meer", "of hoger"):
        return f">{n - 1}"  # "zeven of meer acties"
    if after == "of minder":
        return f"<{n + 1}"
    if how in ("meer dan", "boven de"):
        return f">{n}"
    if how in ("minder dan", "onder de"):
        return f"<{n}"
    if how in ("minstens", "ten minste", "minimaal"):
        return f">{n - 1}"
    if how in ("maximaal", "hooguit", "ten hoogste"):
        return f"<{n + 1}"
    return f"={n}"


def fits_size(n: int, size: str) -> bool:
    op, k = size[0], int(size[1:])
    return n == k if op == "=" else n > k if op == ">" else n < k


# The report itself, named as the place asked about ("hoeveel doelstellingen staan er in dit
# voortgangsverslag?"): no subject of a question about its structure.
# "… dat in de voortgangsrapportage over de Werkagenda mbo is opgenomen", "… dat in deze rapportage wordt
# gevolgd": where, not about what
_IN_THE_REPORT = re.compile(r"\b(?:die|dat|welke)\s+(?:er\s+)?in\s+(?:de|het|dit|deze)\s+(?:voortgangs)?(?:rapportage|"
                            r"verslag|rapport|overzicht|werkagenda|tabel|document)\s+(?:over\s+(?:de\s+|het\s+)?[\w'’-]+(?:\s+mbo)?\s+)?"
                            r"(?:voorkomen|voorkomt|staan|staat|zitten|zit|genoemd worden|worden genoemd|beschreven worden|"
                            r"worden beschreven|(?:is|zijn|worden|wordt|werden|werd) (?:opgenomen|gevolgd|bijgehouden|gemonitord|behandeld)|"
                            r"(?:opgenomen|gevolgd|bijgehouden|gemonitord|behandeld) (?:is|zijn|worden|wordt))\b", re.I)
_THE_REPORT = re.compile(r"^(?:voortgangs)?(?:verslag|rapportage|rapport)\w*$|^voortgangsoverzicht$|^(?:document|werkagenda)$", re.I)


def _meta(q: str, topic: str, f: Filters) -> str | None:
    topic = " ".join(w for w in topic.split() if not _THE_REPORT.match(fold(w)))
    # "alle doelstellingen die in de rapportage voorkomen": the clause says where, not about what
    clause = {w.lower() for w in re.findall(r"\w+", " ".join(_IN_THE_REPORT.findall(q)))}
    topic = " ".join(w for w in topic.split() if w.lower() not in clause)
    if _NEXT_REPORT.search(q):
        return "next"
    if re.search(r"\bstatus\b", q, re.I) and re.search(r"\bvoortgang\b", q, re.I) and not topic and not f.partij and \
            not f.doelstelling and re.search(r"\bverschil\b|\bbeteken|\bbedoel|\bwaarom (?:twee|2)\b", q, re.I):
        return "periods"  # "wat is het verschil tussen 'status zomer 2024' en 'voortgang'?": the two moments  # "wanneer verschijnt de volgende voortgangsrapportage?": the report does not say
    if re.search(r"\bdoelstellingen\b", q, re.I) and _size(q) and not f.partij and not f.stand:
        return "doelstellingen"  # "er zijn een paar doelstellingen met 9 acties, welke zijn dat?"
    if _SHARE.search(q) and re.search(r"\bacties\b|\bmaatregelen\b", q, re.I) and not topic:
        return "actions"  # "welk percentage van alle acties valt onder prioriteit 3?": the count and its share
    if _META_COMPARE.search(q) and re.search(r"\bprio|\bdoelstelling|\d\.\d", q, re.I) and not topic and not f.partij:
        return "actions"  # "is prio 3 groter dan prio 1?": the counts side by side
    m = _META_MOST.search(q)
    if m and (m.group(1) or re.search(r"\bdoelstelling|\bprioriteit|\bacties\b", q, re.I)) and \
            (not f.partij or re.search(r"\bdoelstelling", q, re.I)):
        # "in welke doelstelling zit JOB het vaakst?": the party's rows, counted per doelstelling
        word = next(g for g in m.groups() if g).lower()
        return "most" if word.startswith(("meest", "groot", "vaak", "lang")) or _RANKING.fullmatch(word) else "least"
    if re.search(r"\bgemiddeld\b", q, re.I) and re.search(r"\bdoelstelling|\bprioriteit", q, re.I) and not topic:
        return "actions"  # "hoeveel acties telt een doelstelling gemiddeld?"
    if re.search(r"\bhoeveel\s+(?:[\w'’-]+\s+)?(?:doelstellingen|prioriteiten|(?:sub)?doelen)\b", q, re.I) and not topic and \
            not f.partij and not f.stand and not re.search(r"\bhoeveel\s+(?:acties|maatregelen)\b", q, re.I):
        # "over hoeveel verschillende doelstellingen zijn de prioriteiten verdeeld?": the unit counted is
        # the doelstelling, whatever else the question says about dividing
        m = re.search(r"\b(doelstellingen|prioriteiten|(?:sub)?doelen)\b", q, re.I)
        return "prioriteiten" if m.group(1).lower().startswith("prio") else "doelstellingen"
    if _META_SIZE.search(q) and not f.partij and not f.stand and not topic:
        return "actions"
    if _META_PERIODS.search(q) and (not topic or re.search(r"\brapport|\bverslag|\bgerapporteerd|\boverzicht\b", q, re.I)):
        return "periods"  # not "voor welke periode staat het ondersteuningsprogramma gepland?"
    m = _META_STRUCT.search(q)
    if m and not topic and not re.search(r"\bhoeveel (?:acties|maatregelen)\b", q, re.I):
        # not "hoeveel acties tellen de doelstellingen 1.4 en 1.5 samen?" nor "hoeveel acties staan onder
        # de eerste prioriteit als je alle doelstellingen meetelt?": actions are counted
        return "prioriteiten" if m.group(1).lower().startswith("prio") else "doelstellingen"
    if (_META_TOTAL.search(q) or re.search(r"\bhoeveel acties\b|\b(?:het\s+)?totale\s+aantal\s+acties\b", q, re.I)) \
            and not f.partij and not f.stand \
            and f.jaar is None and not topic:
        return "actions"
    if re.search(r"\bacties\b", q, re.I) and not f.partij and not f.stand and not f.doelstelling and \
            f.prioriteit is None and f.jaar is None and \
            re.search(r"\bhoeveel (?:zijn|waren) het er\b|\b(?:zijn|is) het\b.{0,20}\b(?:meer|minder) dan \d+ acties\b", q, re.I):
        return "actions"  # "ik hoorde zo'n 80 acties; hoeveel zijn het er precies?"
    return None


# "over A of over B": two subjects; a list takes the rows about either. Not "en": measured on the
# development topic questions, splitting "onderzoek en practoraten" into two lists cost more
# precision (x044: F1 0.86 -> 0.33) than it gained in recall (no question better).
_WHETHER = re.compile(r"\b(?:weet|weten|wist|meet|meten|gemeten|kijkt|kijken|bekijkt|onderzoekt|onderzoeken|onderzocht|"
                      r"checkt|controleert|peilt|vraagt|vragen|gevraagd|nagaan|gaat na|houdt bij|bijhouden|"
                      r"bijgehouden|zien|ziet|volgt|volgen)\b(?:\s+(?:iemand|men|ze|zij|jullie|je|u|er|wel|ook|"
                      r"eigenlijk|al|nog|echt|dan|nou))*[,]?\s+of\b", re.I)
# "zoals A, B of C", "bijvoorbeeld …", "dingen als …", "bv. …": examples of the subject before them
_EXAMPLES = re.compile(r"\b(?:zoals|bijvoorbeeld|bijv\.?|bv\.?|(?:dingen|zaken) als)(?=\s)", re.I)
_ALTERNATIVE = re.compile(r"(?<=[\w)'’])[,;]?\s+(?:of|en/of)\s+(?=\w)", re.I)
# Not "het kiezen van een opleiding of beroep": two nouns of one phrase after one article, no two
# subjects ("digitale vaardigheden of cyberveiligheid" stays two; so does a side after "of" that opens
# a phrase of its own: "over", "de", …)
_ONE_PHRASE_OF = re.compile(r"\b(?:een|de|het|je|hun)\s+\w+\s+(?:of|en/of)\s+(?!(?:over|aan|rond|rondom|voor|bij|met|"
                            r"de|het|een|die|dat|om|op|in|tegen|wat|hoe|welke)\b)\w+\b"
                            r"(?:\s*[?.!]|\s+(?:kiezen|te|bij|past|passen|zoeken|vinden)\b)", re.I)


def _view_changed(chat: Filters, before: Filters) -> bool:
    """Does a dropdown filter of this turn set a value the previous plan did not have?"""
    return any(getattr(chat, k) not in (None, "") and getattr(chat, k) != getattr(before, k)
               for k in ("prioriteit", "doelstelling", "partij", "stand"))


def _merge(old: Filters, new: Filters) -> Filters:
    """old narrowed by whatever new sets."""
    def pick(a, b):
        return b if b not in (None, "") else a

    return Filters(
        prioriteit=pick(old.prioriteit, new.prioriteit),
        doelstelling=pick(old.doelstelling, new.doelstelling),
        partij=pick(old.partij, new.partij),
        stand=pick(old.stand, new.stand),
        jaar=pick(old.jaar, new.jaar),
    )


OPERATIONS = ("lookup", "list", "count", "compare", "meta")
FIELDS = ("status", "wie", "wanneer", "figure", "change")
METAS = ("actions", "doelstellingen", "prioriteiten", "most", "least", "periods", "next")


def plan_from_json(data: dict, question: str, known_parties: Iterable[str] = (),
                   doelstellingen: Iterable[str] = (), chat: Filters | None = None) -> Plan | None:
    """A plan an LLM proposed, checked against the same schema as the rule planner's: None when
    anything is off (unknown operation, a party or doelstelling the report does not have, a stand
    that does not exist, a topic that is no text), so the caller falls back to the rules."""
    from index.stand import is_stand

    try:
        op = data.get("operation")
        fld = data.get("field", "status")
        raw = data.get("filters") or {}
        topic = data.get("topic") or ""
        meta = data.get("meta")
        if op not in OPERATIONS or fld not in FIELDS or not isinstance(raw, dict) or not isinstance(topic, str):
            return None
        if op == "meta" and meta not in METAS:
            return None
        known = list(known_parties)
        partij = None
        if raw.get("partij"):
            found, _ = find_parties(str(raw["partij"]), known)
            if len(found) != 1:
                return None
            partij = found[0]
        doel = raw.get("doelstelling")
        if doel is not None and str(doel) not in set(doelstellingen):
            return None
        prio = raw.get("prioriteit")
        if prio is not None and int(prio) not in (1, 2, 3):
            return None
        stand = raw.get("stand")
        if stand is not None and not is_stand(stand):
            return None
        jaar = raw.get("jaar")
        if jaar is not None and not 2000 <= int(jaar) <= 2040:
            return None
    except (TypeError, ValueError, AttributeError):
        return None
    chat = chat or Filters()
    f = Filters(prioriteit=chat.prioriteit if chat.prioriteit is not None else (int(prio) if prio is not None else None),
                doelstelling=chat.doelstelling or (str(doel) if doel is not None else None),
                partij=chat.partij or partij, stand=chat.stand or stand,
                jaar=chat.jaar if chat.jaar is not None else (int(jaar) if jaar is not None else None))
    return Plan(operation=op, field=fld, filters=f, topic=topic_of(topic[:200]), meta=meta if op == "meta" else None,
                figure_kind=_figure_kind(question) if fld == "figure" else None, question=question)

"""The answer engine: a Dutch question in, a short grounded answer with citations out.

    question --plan()--> Plan --execute--> rows --compose--> Answer

app/plan.py says what is asked (one action, a list, a count, a comparison, the report itself);
this module finds the rows and writes the answer. Default mode is extractive: every statement is
the rows' own words, quoted whole and labelled with the doelstelling, the action and the period
it comes from. An optional LLM (app/llm.py) may rewrite a one-action answer, but only when its
citations check out against the retrieved rows.

Before answering, the engine checks that what it quotes holds what was asked (a figure of the
asked kind, a date, a period the report covers, a subject the report mentions); when it does not,
the answer says so ("De rapportage noemt geen bedrag voor …") and cites what the report does say.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import itertools

import os
import re
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace

from index import dutch
from index.analyzer import STOPWORDS, fold, stem, words
from index.glossary import SYNONYMS, Glossary, standalone_terms
from index.structured import Filters
from ingest import ActionRow

from .plan import BARE_WHICH, _MINISTRY_NAMES, _NEW_SUBJECT, _PARTICIPLE, _PLACE_IN_LIST, _SIZE_VERB, _VERB_HEADS, Plan, find_parties, fits_size, topic_of, plan as make_plan
from .sentences import (_MONTHS, PERIOD_CELLS, Quote, figure_neighbours, has_date, has_figure, idem_rest, latest_year,
                        split_sentences, word_count)
from .text import esc, shorten  # noqa: F401 - also imported from here by other modules

MAX_QUESTION = 1000
NOT_IN_REPORT = "Dit staat niet in de voortgangsrapportage."
LIST_SHOWN = 25  # rows written out in a list answer; the rest are counted and one tab away
SHORT_LIST = 3
# A list title cut that saves fewer characters than this only hides the last word or two, often
# the one that says what the action is about ("… op het thema laaggeletterdheid").
TITLE_SLACK = 20
_FIGURE_WORDS = ("totale totaal totaalbedrag samen alle budget geld bedrag bedragen kosten kost hoeveel percentage "
                 "procent aantal miljoen euro")

# The kind of moment a "wanneer" question asks for, and sentences that name that kind of moment.
_START_ASKED = re.compile(r"\bvanaf wanneer\b|\bper wanneer\b|\bsinds wanneer\b|\bin werking\b|\bingaan\b|"
                          r"\b(?:vanaf|per|sinds)\s+welke\s+(?:datum|dag|maand|jaar)\b|"
                          r"\b(?:gaat|gaan)\b.{0,60}\bin\s*\?|\bingangsdatum\b|\bwanneer (?:begint|start|starten|beginnen)\b|"
                          r"\bvoor het eerst\b|\bde eerste keer\b", re.I)
_START_SAID = re.compile(r"inwerkingtreding|in werking|\bingaan|\bgaat\b.{0,30}\bin\b|\bingang|\bvanaf\b|\bper \d|"
                         r"\bstart\w*\b|\bbegint\b|\bvan kracht\b|\bde eerste\b|\bvoor het eerst\b|"
                         # "Actieplan vsv gelanceerd in najaar 2023": a beginning that has happened
                         r"\bge(?:start|lanceerd|introduceerd)\b|\blive gegaan\b|\bvan start\b|\bingevoerd\b|\bopgericht\b", re.I)
# "wanneer is … gelanceerd/besloten/aangevraagd?": a finished event (a participle closes the question).
_PAST_ASKED = re.compile(r"\b(?:is|werd)\s+(?:er\s+)?(?:besloten|afgesproken|gekozen)\b|"
                         r"\b(?:is|zijn|werd|werden|heeft|hebben|had|hadden)\b.*\b(?:\w*ge\w{3,}(?:d|t|en)|ontvangen|besloten|verleend|vastgesteld|"
                         r"opgericht|ingediend|ondertekend|gepubliceerd)\s*\?\s*$", re.I)
_PLANNED = re.compile(r"\b(?:wordt|worden|zal|zullen|volgt|volgen|verwacht|gepland|naar verwachting)\b(?![^.]*\b(?:is|zijn)\b)",
                      re.I)
_END_ASKED = re.compile(r"\btot wanneer\b|\bhoe lang\b|\beinddatum\b|\bwanneer (?:stopt|eindigt|afgelopen)\b|"
                        r"\b(?:gestopt|beëindigd|geëindigd|afgelopen|afgerond)\b[^?]*\bwanneer\b|"
                        r"\bloopt\b.{0,40}\baf\b|\bwanneer\b.*\b(?:klaar|gereed|af|voltooid|opgeleverd)\s*\??\s*$|"
                        # "wanneer is het onderzoek klaar naar …?"
                        r"\bwanneer\s+(?:is|zijn|wordt|worden|komt|komen)\b[^?]*\b(?:klaar|gereed|voltooid|opgeleverd|afgerond)\b", re.I)
_ENDED = re.compile(r"\b(?:klaar|gereed|afgerond|voltooid|gestopt|beëindigd|geëindigd|afgelopen)\b", re.I)
_END_SAID = re.compile(r"\btot (?:en met |eind |\d)|\bt/m\b|\beinddatum|\bloopt af\b|\beindigt\b|\bafgerond\b|"
                       r"\bopgeleverd\b|\bgereed\b|\bklaar\b", re.I)

_INJECTION = re.compile(r"negeer|ignore (all|previous)|vergeet (alle|je) |system prompt|je bent nu|"
                        r"you are now|jailbreak|instructies", re.I)
_HTML = re.compile(r"<[^>]+>")
# "bij die actie" points back; "bij die actie over teamleren" names another one.
# How a party takes part, said of the thing pointed back at ("welke organisatie krijgt daarbij steun
# van ocw?", "met welk bedrag financiert het ministerie dit?"): the relation asked about, no subject.
_TAKES_PART = re.compile(r"\b(?:financier\w*|gefinancierd|(?:onder)?steun\w*|(?:ge)?steund|bekostig\w*|betaal\w*|betaald|"
                         r"helpt|helpen|hielp|hielpen|geholpen|"
                         r"bedrag(?:en)?|geld|subsidieer\w*|gesubsidieerd|organisaties?|partij(?:en)?)\b", re.I)
# A figure asked in both periods ("… nu, vergeleken met zomer 2024", "toen en nu")
_COMPARES_PERIODS = re.compile(r"\bvergele\w*\b|\bten opzichte van\b|\bt\.o\.v\.|\btoen (?:en|vs\.?|versus) nu\b|"
                               r"\bnu\b[^?]*\b(?:vorig jaar|zomer 2024|in 2024)\b|\b(?:vorig jaar|zomer 2024|in 2024)\b[^?]*\bnu\b", re.I)
# People an action is for or done by: "die jongeren", "deze studenten" point at them, never at an action
_PEOPLE = frozenset("""jongeren jongere studenten student mbo'ers mboers docenten docent leraren leraar scholen school
werkgevers ouders deelnemers medewerkers gemeenten instellingen bedrijven mensen volwassenen werkenden
werkzoekenden""".split())
_THIS_ACTION = re.compile(r"\b(?:die|deze|dezelfde|diezelfde) (?:actie|maatregel)\b"
                          r"(?!\s+(?:over|rond|om|met|voor|van|die|waar|in|uit|bij|op)\s+\w)", re.I)

# Topic lists: a row is about the topic when it holds enough of the topic's words (IDF-weighted
# coverage, word families included, see _coverage) and its fused score is near the best row's.
# Grid over coverage 0.35-0.7 x relative score 0.3-0.7 on the 24 development topic questions
# (eval/dev/beyond_questions*.jsonl, through the whole engine): mean F1 0.698-0.741, best at these
# values; with word families of 8 letters 0.741, of 6-7 letters 0.736, without 0.719. What is left
# are rows that share no word with the topic (found by dense alone, among many unrelated rows),
# which no threshold separates.
TOPIC_MIN_COVERAGE = 0.45
TOPIC_REL_SCORE = 0.6
SCOPED_TOPIC_ROWS = 40  # a scope this small is tested row by row for a topic list (below)
ENUM_TERM_IDF = 1.0  # a topic word this common (studenten 0.8, onderwijs 0.45) says nothing of an enumeration
SPECIFIC_DF = 8  # a side of "A en B" in at most this many rows is a subject of its own (see _specific).
# On the development topic questions: 2 +1/-1; 4 and 6 +2/-1 ("loopbaanoriëntatie en studiekeuze" takes a
# studiekeuze row the gold leaves out); 8 and 10 three more right ("digitalisering en ICT", 8 rows), no
# more wrong.
PREFIX_FAMILY = 8
ROOT_PREFIX_MAX = 12  # the longest verb root a participle family is looked up by (_participle_of_known)
GLOSSARY = Glossary.of()
EVERYDAY = Glossary.of(SYNONYMS)
WHOLE_WAT_WORDS = 60  # a Wat cell up to this length is shown whole where the action is what is asked
# ... and only when the shared beginning is at least this share of the shorter word (_family). On the
# development questions: 0.75 topic F1 0.740 and 294/346 turns; 0 (any shared 8 letters) 0.736 and
# 293; 0.9 0.735 and one more refusal.
FAMILY_SHARE = 0.75
SHORT_KIN = 6  # the shortest row stem that can head a longer word's family (_short_kin)
KIN_SUFFIX = 5  # at most this much may follow it: "-iser", "-ering", not a second word
# A 2025 sentence that restates a 2024 one (holding 0.6 of its terms) with its figure updated leads a
# change answer (development: +1 answerable; 0.5 of the new sentence's own terms found none).
UPDATED_FIGURE = 1.0
# A one-action answer whose best row holds less than this share of the question's topic words
# (and no strong dense match) is not an answer to that question.
LOOKUP_MIN_COVERAGE = 0.3
# A start asked ("per wanneer … ingaan?") that the best row does not date: a runner-up's start sentence
# must share at least some of the question's words (0.27 for "beoogde inwerkingtreding van de
# aanvullende eisen"; an unrelated "start in 2026" scores 0).
START_ELSEWHERE_RELEVANCE = 0.2
LOOKUP_DENSE_SURE = 0.40
# A question no row answers well (coverage under LOOKUP_MIN_COVERAGE) stays on the action just
# answered when that action holds this share of its words. On the development questions 0.4, 0.6
# and 0.8 gave the same: +2 conversation turns, nothing lost.
LOOKUP_KEEPS_PREVIOUS = 0.6
LOOKUP_RELEAD_COVERAGE = 0.5
# One of the next two rows within this share of the best score that holds this much more of the
# topic leads (_lookup). Measured on the development split against no swap (second row only): gain
# 0.3 +6 answers/turns, 0.25 +9, 0.2 +11 but one answerable question refused (the practoraten sum);
# share 0.85/0.90/0.95 alike at 0.3; the third row also considered: +1 compare list. The 105
# single-action questions: unchanged at every setting.
RELEAD_SCORE_SHARE = 0.95
RELEAD_COVERAGE_GAIN = 0.25
RELEAD_WHOLE_BELOW = 0.85
RELEAD_FAR_SHARE = 0.75
RELEAD_FAR_GAIN = 0.45
# A 2025 sentence whose terms are all but this share in the 2024 text restates it (_new_sentences)
RESTATED_NOVELTY = 0.25
# A sentence this relevant to the question may hold the name an entity question asks for (_not_in_row).
# On the development questions, with names required for organisations and firms: 0.3 (the relevance of
# the other checks) refused an answerable "welk bureau …?" question ("AEF voert onderzoek uit …" shares
# little else with it); 0.2 and 0.15 none, with the same refusals of unanswerable ones.
ENTITY_RELEVANCE = 0.15
# A lookup that retrieval was unsure of, whose topic words the report all knows in some form: the best
# row must hold this share of them. On the development questions: +4 conversation turns and no
# unanswerable question answered at 0.3; 0.2 the same; 0.45 loses two of the four turns.
LOOKUP_RESCUE_COVERAGE = 0.3
SPECIFIC_FREQUENCY = 5000
DETAIL_OWN_WORD_COVERAGE = 0.8
# Codes and names: a token with a digit and a letter ("2F", "3F", "NT2"), or an abbreviation in capitals.
_SPECIFIC = re.compile(r"\b(?=\w*\d)(?=\w*[A-Za-z])\w{2,6}\b|\b[A-Z]{2,6}\b")
_GROUP_ASKED = re.compile(r"\bwie\s+(?:zit|zitten|zat|zaten|zetelen|zetelden)\s+(?:er\s+)?(?:allemaal\s+|eigenlijk\s+|precies\s+)?"
                          r"in\s+(?:de|het|die|dat|deze)\s+([\w'’-]+)", re.I)
# Money in everyday words, and the terms the report writes it with (see _weighted_terms)
_MONEY_ASKED = frozenset("geld middelen bekostiging financiering budget budgetten".split())
_MONEY_TERMS = ("geld", "middel", "bekost", "financier", "budget", "subsidie", "invester")
# Counted things the report names in either of two words (stems): teachers, schools.
_COUNTED_KIN = {"lerar": ("docent",), "docent": ("lerar",), "schol": ("instell",), "instell": ("schol",)}
_MONEY_STEMS = frozenset(("geld", "middel", "bekost", "financier", "budget"))  # stems of _MONEY_ASKED
# One opleiding named ("de opleiding kok", "de opleiding verzorgende ig"): up to three words after it.
_NAMED_PROGRAMME = re.compile(r"\b(?:de|het)\s+(?:mbo-)?(opleiding|studie|richting)\s+(?:tot\s+)?"
                              r"((?:[\w'’-]{2,})(?:\s+[\w'’-]+){0,2})", re.I)
# Words that follow "de opleiding" without naming one ("komt dat in de opleiding terecht?")
_NOT_A_NAME = frozenset("volgens via zoals terecht precies kiezen kies volgen volg hebt heb doen doe "
                        "afmaken afronden starten beginnen stoppen halen gehaald gekozen gevolgd".split())
# The thing whose content or members are asked for follows these words.
_DETAIL = re.compile(r"\bwat houd(?:t|en)\b|\bwat (?:staat|stond) er (?:precies |inhoudelijk )?in\b|"
                     r"\bwelke (?:[\w'’-]+ ){1,2}(?:staan|zitten|vallen|stonden) (?:er )?(?:precies )?in\b|"
                     r"\bwelke (?:[\w'’-]+ ){1,2}(?:bevat|bevatten|bevatte|omvat|omvatten)\b|\bwat (?:bevat|omvat)\b|"
                     r"\bwelke (?:[\w'’-]+ )?(?:zijn|waren) (?:dat|die|de)\b", re.I)
# The members of a set: "welke twee taalinterventies", "wie zitten er in de expertgroep".
_NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                 "twintig": 20}
_MEMBERS = re.compile(r"\b(?:welke|wat (?:zijn|waren) (?:de|die)) (\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig)\b|"
                      r"\bwie (?:zitten|zit) (?:er )?(?:eigenlijk |nou |precies |allemaal )?in\b|\bwie zijn de leden van\b|\bleden van\b|"
                      # "welke best practices kwamen er precies uit …", "welke maatregelen staan er in het actieplan"
                      r"\bwelke\b(?!\s+(?:datum|dag|dagen|jaar|maand|week|tijd|periode|moment)\b)"
                      r"(?=(?:\s+[\w'’-]+){1,3}\s+(?:[\w'’-]+\s+){0,5}precies\b)|"
                      # "welke aanbevelingen zijn er uit MBO in 2030 voortgekomen?", "welke goede voorbeelden
                      # kwamen er uit dat onderzoek?": the items an outcome holds, by name
                      r"\bwelke\b(?=(?:\s+[\w'’-]+){1,2}\s+(?:zijn|kwamen|kwam|komen|komt)\s+(?:er\s+)?(?:[\w'’-]+\s+){0,6}?"
                      r"(?:voortgekomen|voortgevloeid|uitgekomen|uit\s+(?:het|de|dat|die|dit|deze)\s+[\w'’-]+(?:\s+[\w'’-]+){0,4}?\s+naar voren|"
                      r"uit\s+(?:het|de|dat|die|dit|deze)\s+(?:onderzoek|rapport|evaluatie|monitor|peiling|analyse|verkenning)\b))|"
                      # "om welke taalinterventies gaat het?": which ones, by name
                      # ("om welke twintig regio's gaat het?": the count too)
                      r"\bom welke\b(?:\s+(?:kansrijke|concrete|nieuwe|genoemde|geselecteerde|andere))?"
                      r"(?:\s+(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig)\b)?"
                      r"(?=(?:\s+[\w'’-]+){1,4}?\s+gaat het\b)", re.I)
# "kunt u de vijf actielijnen opsommen?", "noem de vijf actielijnen": the members asked for, as above
_NUMBER_ALT = r"(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig)"
_MEMBERS_LISTED = re.compile(rf"\b(?:noem|som)\s+(?:de|alle|die)\s+{_NUMBER_ALT}\b|"
                             rf"\b(?:de|alle|die)\s+{_NUMBER_ALT}\b(?=\s+[\w'’-]+(?:\s+[\w'’-]+){{0,6}}?\s+"
                             r"(?:opsommen|opnoemen|noemen|op\s+(?:een\s+)?rij\s+zetten)\b)", re.I)
# Money spent, not made available: the question and the text that could answer it.
_SPENT = re.compile(r"\bhoeveel\b[^?]*\b(?:uitgegeven|besteed|uitgekeerd|opgemaakt|verbruikt)\b", re.I)
_SPENT_TEXT = re.compile(r"\b(?:uitgegeven|besteed|uitgekeerd|opgemaakt|verbruikt|uitgeput)\b", re.I)
_CURRENT = re.compile(r"\bop dit moment\b|\bmomenteel\b|\bnu\b|\bhuidige?\b|\binmiddels\b|\bop het moment\b", re.I)
_TARGET = re.compile(r"\bstreven|\bstreef|\bdoel\b|\bdoelstelling|\bambitie|\bbeoog|\bwillen\b|\bmoet(?:en)?\b|"
                     r"\bnaar\s+\d+\s*%|\btoe naar\b", re.I)
_REPORT_WORDS = {"werkagenda", "rapportage", "rapport", "voortgangsrapportage", "document", "tabel", "verslag", "agenda",
                 "overzicht"}
# Kinds of thing that a name follows: "het programma Helder op school", "de regeling Schurende Gesprekken"
_KIND_NOUNS = {"programma", "regeling", "project", "aanpak", "plan", "wet", "campagne", "platform", "fonds", "netwerk",
               "pilot", "traject", "subsidieregeling", "actieplan", "website", "site", "methode", "tool", "monitor"}
# The action's own parties asked for by a kind of party and a verb of taking part (answered by its Wie)
_PARTY_NOUNS = frozenset({"organisaties", "organisatie", "partijen", "partij", "instanties", "instantie", "partners"})
_TAKING_PART_ASKED = re.compile(r"\b(?:betrokken|mee|samen|uitvoer\w*|uitgevoerd|trekt|trekken|verantwoordelijk|aan de slag)\b",
                                re.I)
_NOT_HEAD = {"de", "het", "een", "die", "deze", "dat", "er", "precies", "inhoudelijk", "nou", "eigenlijk", "dan",
             "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "twintig", "in", "nieuwe",
             "kansrijke", "als", "zijn", "waren", "goede", "concrete", "belangrijkste"}
# "A, B en C" or "… : A; B" — the items of a set, or a list of members.
_ENUMERATION = re.compile(r"[^,;]+,[^,;]+(?:,[^,;]+)*\s(?:en|of)\s|:\s*[^:]+;|\([A-Z][^)]*,[^)]*\)")
_DESCRIBES = re.compile(r"\bbesta(?:a)?t uit\b|\bomvat\b|\bbevat\b|\bgaat over\b|\bricht zich op\b|\bwaaronder\b|"
                        r"\bzoals\b|\bonder andere\b|\bo\.a\.|\bmet daarin\b|\bwaarin\b|:\s|"
                        # "de regeling ‘Schurende Gesprekken’ waarmee burgerschapsdocenten … scholing volgen"
                        r"\bwaarmee\b", re.I)
_CONTENT_OF = re.compile(r"\s*(?:Daarin|Hierin)\b")
# A question for the name of one who acts, and a sentence that names none: "aan een externe partij"
_ASKS_NAME = re.compile(r"\b(?:welke|aan welke|door welke|bij welke)\s+(?:\w+\s+)?(?:partij|organisatie|bureau|"
                        r"onderzoeksbureau|bedrijf|instantie|leverancier|beheerder)\b|^\s*(?:en\s+)?(?:aan|door|bij) wie\b", re.I)
_INDEFINITE_DOER = re.compile(r"\b(?:aan|door|bij|met|via)\s+(?:een|meerdere|diverse|verschillende|enkele)\s+(?:\w+\s+)?"
                              r"(?:partij|partijen|organisatie|organisaties|bureau|onderzoeksbureau|partner|partners|"
                              r"instantie|instanties|bedrijf|leverancier)\b", re.I)
# What has a name of its own (firms, bureaus, organisations) and what is listed in plain words too
# (schools, regions, sectors): "welke X …?" asks for the members of one of these.
_NAMED_KINDS = (r"onderzoeksbureaus?|bureaus?|bedrijf|bedrijven|organisaties?|externe partij|leveranciers?|"
                r"\w*advocaat|advocatenkantoor|adviesbureau")
_ENTITY_NAMED = re.compile(rf"\bwelke? (?:\w+ )?(?:{_NAMED_KINDS})(?![\w'’])", re.I)
_ENTITY = re.compile(rf"\bwelke? (?:\w+ )?(?:{_NAMED_KINDS}|"
                     r"scholen|mbo-scholen|instellingen|mbo-instellingen|steden|stad|regio's|regio’s|"
                     r"gemeenten|roc's|roc’s|opleidingen|zorgopleidingen?|pabo's|pabo’s|hogescholen|universiteiten|"
                     r"\w*regio's|\w*regio’s|provincies|branches|\w*branches|sectoren|landen|(?:mbo-)?teams|winnaars)(?![\w'’])", re.I)
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)*")
# Organisations are mostly acronyms ("OCW, EMMA en SZW hebben …", "JOBmbo"), anywhere in a sentence.
_ACRONYM = re.compile(r"\b[A-Z]{2,}[\w-]*")
_OPINION = re.compile(r"\bwat (?:vind(?:t|en)|vond(?:en)?)\b|\bmening\b|\bstandpunt\b|\btevreden\b|\b(?:vinden|vonden) .{0,30}\bvan\b|"
                      # "vindt job dat het stagepact goed werkt?"
                      r"\bvind(?:t|en)\s+(?:de\s+|het\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+dat\b|"
                      r"\bhoe beoordel\w*\b|\bhoe waarde(?:ren|ert|erden)\b|\bhun oordeel\b|"
                      r"\bhoe sta(?:at|an)\b.{0,60}\btegenover\b|\bhoe kijk(?:t|en)\b.{0,60}\btegenaan\b", re.I)
_OPINION_TEXT = re.compile(r"\bvind(?:t|en)\b|\bvond(?:en)?\b|\bmening\b|\bstandpunt\b|\bpleit|\bkritisch|\bpositief|\bnegatief", re.I)
_EXACT_DATE = re.compile(r"\bwelke datum\b|\bop welke dag\b|\bexacte datum\b|\bprecies wanneer\b|\bwelke dag\b", re.I)
# "hoe laat gaat de kantine open?": a time of day, which the report never gives (it dates by year,
# month or season); only a row that wrote one ("om 9.00 uur") could answer.
_CLOCK_ASKED = re.compile(r"\b(?:tot |vanaf |om )?hoe laat\b|\bopeningstijd(?:en)?\b|\bom hoeveel uur\b", re.I)
_CLOCK_TIME = re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:uur|u)?\b|\b\d{1,2}\s+uur\b", re.I)
# "hoe vraag ik zorgtoeslag aan?", "hoe meld ik me aan?": a procedure to apply or enrol, which only a
# sentence about applying ("een aanvraag indienen bij het Ministerie van OCW") can answer.
_APPLY_ASKED = re.compile(r"\bhoe\s+(?:vraag|vragen|kan|kun|kunnen|moet|moeten)\s+(?:ik|je|jij|we|wij|u|jullie)\s+"
                          r"(?:[\w'’-]+\s+){0,6}?(?:aan\b|aanvragen\b)|"
                          r"\bhoe\s+(?:meld|schrijf)\s+(?:ik|je|jij|we|wij|u)\s+(?:me|mij|je|ons|zich)\s+(?:aan|in)\b|"
                          r"\bhoe\s+(?:kan|kun|moet)\s+(?:ik|je|jij|we|wij|u)\s+(?:me|mij|je|ons|zich)\s+(?:aanmelden|inschrijven)\b", re.I)
_APPLY_TEXT = re.compile(r"\baanvra\w*|\bindien\w*|\bingediend\b|\baanmeld\w*|\binschrijv\w*|\bingeschreven\b", re.I)
# ... and of those, the ones that say how ("… kunnen … een aanvraag indienen"), not that one was made
_APPLY_HOW = re.compile(r"\b(?:kan|kun|kunnen|mag|mogen)\b[^.]*\b(?:aanvra\w*|indienen|aanmelden|inschrijven)\b", re.I)
_DAY = re.compile(r"\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
                  r"december)\b", re.I)
_RESULTS = re.compile(r"\bresultaten\b|\bresultaat\b|\buitkomst(?:en)?\b|\bgeantwoord\b|\bwat (?:bleek|blijkt)\b|"
                      r"\bconclusies?\b|\bconcludeer\w*\b|\bhoe (?:(?:goed|slecht|hoog|laag)\s+)?(?:scoren|scoorden|scoort|scoorde)\b|\bwat kwam (?:er )?uit\b|"
                      r"\bwat (?:heeft|hebben)\b(?:\s+[\w'’-]+){0,8}\s+opgeleverd\b|"
                      r"\bwat (?:is|zijn|heeft|hebben)\b(?:\s+[\w'’-]+){0,4}\s+besloten\b|\bwelk(?:e)? besluit\b|"
                      r"\b(?:toegekend|goedgekeurd|afgewezen|gehonoreerd)\s*\?|"
                      # "wat waren de belangrijkste cijfers uit de eerste editie van de monitor?"
                      r"\b(?:cijfers|bevindingen|uitkomsten|resultaten|conclusies)\s+(?:uit|van)\s+(?:de|het|die|dat|deze)\b|"
                      # "welke tekorten kwamen uit het onderzoek van 2024 naar voren?"
                      r"\b(?:kwam|kwamen|komt|komen)\b[^?]*\bnaar voren\b|"
                      r"\b(?:kwam|kwamen)\b[^?]*\buit (?:het|de|dat|die) (?:onderzoek|rapport|evaluatie|monitor|peiling|analyse)\b|"
                      # "welke aanbevelingen zijn er uit MBO in 2030 voortgekomen?"
                      r"\b(?:voortgekomen|voortgevloeid|voortgevloeide|voortkwamen|voortkwam)\b", re.I)
# "binnen deze doelstelling", "in dezelfde prioriteit": the scope of the action just answered
_THIS_SCOPE = re.compile(r"\b(?:deze|die|dezelfde|dit|dat|hetzelfde)\s+(doelstelling|doel|onderdeel|prioriteit|prio)\b", re.I)
# "welke doelstellingen tellen meer acties dan doelstelling 3.2?"
_MORE_THAN_DOEL = re.compile(rf"\b(meer|minder)\s+acties(?:\s+{_SIZE_VERB})?\s+"
                             r"dan\s+(?:doelstelling\s+|doel\s+)?([1-3]\.[1-9])\b", re.I)
# A reason asked, and a sentence that gives one: "om … te", "zodat", "bevorderen we", "met als doel".
_WHY_ASKED = re.compile(r"^\W*(?:en\s+|maar\s+)?(?:waarom|waarvoor|met welk doel|wat is (?:het|de) (?:doel|bedoeling|reden))\b", re.I)
_PURPOSE = re.compile(r"\bom\b[^.]*\bte\b|\bzodat\b|\bomdat\b|\bbevorder\w*|\bdoel\b|\bdoelen\b|\bwaardoor\b|"
                      r"\bter (?:versterking|bevordering|verbetering|ondersteuning)\b|\bnodig\b|\bbelang\b", re.I)
# What an advice says, asked and told: "wat adviseerde SBB?", "wat staat er in het advies?" -
# "Ook adviseert de expertgroep om studenten volledig via instellingsexamens te beoordelen."
_ADVICE_ASKED = re.compile(r"\bwat (?:adviseer\w*|advise\w*|raadt|raadde|raden)\b|\bwat (?:staat|stond) er in (?:het|dat|die) advies\b|"
                           r"\bwelke? (?:adviezen|aanbevelingen|advies)\b|\bwat (?:zijn|waren) de (?:adviezen|aanbevelingen)\b", re.I)
_ADVICE_SAID = re.compile(r"\b(?<!te )advise(?:ert|ren|erde|erden)\b(?=[^.]*\b(?:om|dat|te|over)\b)|\badvies\b[^.]*\b(?:luidt|is om|om te|is dat)\b|"
                          r"\baanbeveling(?:en)?\b[^.]*\b(?:om|dat|zijn|is)\b|\bbeveelt\b", re.I)
_OUTCOME = re.compile(r"\bblijkt\b|\bbleek\b|\bbleken\b|\blaat zien\b|\blieten zien\b|\bliet zien\b|\bleverde\b|"
                      r"\bkwam (?:er )?(?:naar voren|uit)\b|\bkomt (?:er )?(?:naar voren|uit)\b|"
                      r"\bopgeleverd\b|\btoont\b|\buitkomst|\bresultaat|"
                      r"\bresultaten\b|\bconclu|\d\s*%|\bscore|\bgemiddeld|\bbesloten (?:om|tot|dat|voor|de|het)\b|"
                      r"\bbesluit (?:genomen|om|tot|over)\b|\btoegekend\b|\bgoedgekeurd\b|\bafgewezen\b|\bgehonoreerd\b", re.I)
_DELIVERED = re.compile(_OUTCOME.pattern + r"|\bontwikkeld\b|\bafgesloten\b|\bgerealiseerd\b|\bgelanceerd\b|"
                        r"\bopgezet\b|\bgepubliceerd\b|\buitgebracht\b|\bingevoerd\b|\bin gebruik\b", re.I)
# Not "per jaar": the report gives yearly sums as "jaarlijks", "structureel" or a bare sum per year
# (measured: "per jaar" refused 2 answerable questions).
_UNITS = "student|leerling|school|instelling|deelnemer|docent|persoon|regio|bedrijf|werkgever|opleiding|traject|project|team"
# "per student", or the amount one of them receives: "welk bedrag ontvangt een mbo-team …?"
_RATE = re.compile(rf"\bper\s+({_UNITS})\b|\b(?:ontvangt|krijgt)\s+(?:een|elk|elke|ieder|iedere)\s+(?:[\w]+-)?({_UNITS})\b",
                   re.I)
_PER_UNIT = re.compile(rf"\bper\s+(?:{_UNITS}|jaar|maand|bbl|leerbaan|\w+plaats)\b|\bp\.p\.|\bper stuk\b", re.I)
_HAPPENED_ASKED = re.compile(r"\b(?:heeft|hebben|had|hadden|is|zijn)\b(?:\s+[\w'’-]+)*?\s+"
                             r"(?!gebaseerd|gericht|bedoeld|gevestigd|verbonden|gekoppeld)"
                             r"(?:over|op|aan|af|in|uit|door|mee|toe|vast|bij|terug)?ge[a-z]{3,}(?:d|t|en)\b", re.I)
# Two or more capitalised words, with small words between: "Digitaal Onderwijs Goed Geregeld"
_MULTIWORD_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:(?:met|van|voor|en|in|de|het|op|der)\s+)?[A-Z][\w'’-]+)+")
# A participle: a separable prefix, "ge-", a root, and the ending ("opgeleverd", "gemeten")
_SEPARABLE = "op|af|aan|uit|in|door|mee|toe|vast|bij|over|onder|terug|voor|na"
_GE_PARTICIPLE = re.compile(rf"(?:{_SEPARABLE})?ge[a-z]{{3,}}(?:d|t|en)")
_GE_ROOT = re.compile(rf"(?:{_SEPARABLE})?ge([a-z]{{4,}})[dt]")
# A moment with its year: "in april 2025", "voorjaar 2026", "eind 2025" (the year is captured)
_DATED_YEAR = re.compile(rf"\b(?:{_MONTHS}|voorjaar|zomer|najaar|winter|begin|eind|medio)\s+(?:van\s+)?(20\d\d)\b", re.I)
# A separable verb's participle by its parts: "aangevraagd" (aan-ge-vraag-d), "opgezet"
_SEPARABLE_PARTICIPLE = re.compile(rf"\b({_SEPARABLE})ge([a-z]{{3,}})(?:d|t|en)\b")
_NOW_ASKED = re.compile(r"\b(?:nu|momenteel|inmiddels|tegenwoordig|op dit moment)\b", re.I)
_OPENS_BACK = re.compile(r"(?:De|Deze|Die|Dit|Dat)\s+(?:extra\s+|additionele\s+)?(?:middelen|gelden|geld|bedrag|investering|subsidie)\b|"
                         r"(?:Daarmee|Hiermee|Daarvan|Hiervan|Hieronder|Daaronder)\b")
# A decision asked about, or said: "wanneer is besloten …?", "is het besluit genomen"
_DECIDED = re.compile(r"\bbesloten\b|\bbesluit\w*\b|\bbeslist\b", re.I)
# Where something came from: "van wie kwam het advies?", "van welke instantie komt …?"
_SOURCE_ASKED = re.compile(r"\bvan\s+(?:wie|welke\s+(?:instantie|organisatie|partij|instelling|commissie))\b|\bwiens\b", re.I)
# "advies hierover van College voor de Rechten van de Mens": a thing, then "van" and a name
_THING_OF_NAME = re.compile(r"\b([a-z][\w-]{3,})\s+(?:(?:hier|daar)(?:over|van|voor)\s+)?van\s+(?:de\s+|het\s+)?[A-Z][\w'’-]+")
# With whom: "met wie praat …?", "met welke partijen maakt OCW afspraken?"
_PARTNER_ASKED = re.compile(r"\bmet\s+(?:wie|welke\s+(?:partijen|partners|organisaties|instanties|instellingen))\b", re.I)
_WITH_PARTNER = re.compile(r"\b(?:gesprek\w*|overleg\w*|samen\w*|afspraken|afspreken|praat|praten)\b[^.;]*\bmet\s+\w|"
                           r"\bmet\s+[\w-]+(?:,\s*[\w-]+)*\s+(?:en\s+[\w-]+\s+)?(?:gesprek\w*|overleg\w*|afspraken)\b", re.I)
# Handing work over, in the words a question and a status use for it
_HANDED_OVER = re.compile(r"\b(?:ondergebracht|overgedragen|overgenomen|belegd|overgeheveld|terechtgekomen|"
                          r"onderbrengen|overdragen|overnemen|beleggen|overhevelen)\b", re.I)
# "de werkdruk van docenten", "het imago van het mbo": the head of a topic and whose it is
_HEAD_OF = re.compile(r"\b(?:de|het)\s+([a-zà-ÿ][\w'’-]{3,})\s+van\s+(?:de\s+|het\s+|alle\s+|hun\s+)?(?:mbo[-\s]?)?"
                      r"(?:studenten|student|docenten|leraren|onderwijspersoneel|personeel|scholen|instellingen|"
                      r"mbo['’]?ers|jongeren|leerlingen|mbo|onderwijs)\b", re.I)
# "en dat studentenfonds, weten …": a thing put first, before a comma, that the rest points back at
_PUT_FIRST = re.compile(r"^\s*(?:(?:en|maar|ok[eé]?|dus)\s+)?(?:die|dat|deze|dit|het|de)\s+([\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s*,", re.I)
# A sentence that opens on what the one before it said: "Met deze verlenging …", "Daardoor …" (with
# _OPENS_BACK: "De extra middelen …", "Daarmee …")
_OPENS_ON_BEFORE = re.compile(r"\s*(?:(?:Met|Door|Via|Na|Naast|Op basis van|Vanuit|Binnen|Bij|Voor|Over|Uit|Onder)\s+)?"
                              r"(?:deze|dit|die|dat)\s+(?!jaar\b|week\b|maand\b|moment\b)[\w-]+|"
                              r"\s*(?:Daardoor|Hierdoor|Daarvoor|Hiervoor|Daarbij|Hierbij)\b",
                              re.I)
# "De Kamer wordt voorjaar 2026 geïnformeerd.": informed, not said about what: about the sentence before
_INFORMED_BARE = re.compile(r"^(?!.*\b(?:over|hierover|daarover|hierin|middels|via)\b).*\b(?:geïnformeerd|ingelicht)\s*\.?$",
                            re.I)
_POINTS_BACK = re.compile(r"\b(?:dit|dat|deze|die|(?:hier|daar)(?:van|voor|bij|naar|over|mee|in|uit|op|aan|door|toe))\b", re.I)
# Verbs that ask about an action without naming one: with a pointer back ("dat", "daarover") they
# leave the question on the previous action. Data, not a rule per question.
_ACTION_VERBS = ("regelen regelt regelde regel doen doet deed trekken trekt trok betalen betaalt organiseren "
                 "organiseert uitvoeren voert uit besluiten besluit besloten beslissen beslist gebeuren gebeurt "
                 "gebeurd afronden afgerond starten start gestart beginnen begint begonnen oppakken pakt zorgen zorgt "
                 "financieren financiert kosten kost verantwoordelijk verantwoordelijke eraan werken werkt klaar "
                 "af uitgevoerd evalueren geëvalueerd evaluatie opleveren opgeleverd helpen helpt hielp "
                 "ondersteunen ondersteunt steunt begeleiden begeleidt geven geeft gaf")
# Words with which a status text reports that something changed.
_CHANGED = re.compile(r"\bwijziging|\bgewijzigd|\baangepast|\bverlengd|\bnieuwe?\b|\binmiddels\b|\bsinds\b|"
                      r"\bvastgesteld|\bgepubliceerd|\bingevoerd|\bgestart\b|\bafgerond|\bbesloten|\bbesluit\b", re.I)
_STUDENT_TOPICS = {"studenten", "student", "mbo-studenten", "mbo'ers", "mbo’ers", "mboers", "jongeren"}
_HEADING = re.compile(r"^[\w' -]{1,30}:$")
_KIND_WORDS = {"amount": "bedrag", "percentage": "percentage", "share": "aandeel", "duration": "duur", "frequency": "frequentie"}
# A figure answers a "hoeveel" question only in a sentence that holds this IDF-weighted share of
# the question's subject words.
FIGURE_MIN_RELEVANCE = 0.2
# A sentence naming organisations joins a who answer when it holds at least this share of the
# question's words (see _compose). Measured on development: one more conversation turn right, who/when/figure
# median answer 44 -> 49.5 words; 0.35 gave the same.
WHO_SENTENCE_RELEVANCE = 0.5
# A doer sentence longer than this is no short who-answer. 45 -> 50 on the development questions:
# +1 conversation turn (a 46-word status sentence that names the doer), median length unchanged;
# 50 -> 60: +3 answerable who-questions (a 57-word sentence "heeft OCW -ism VNG en MBO Raad-
# onderzoek aanbesteed …"), median who/when/figure length unchanged (50 words).
WHO_SENTENCE_WORDS = 60
CONTINUITY_SCORE_SHARE = 0.95  # (below) development: 0.98 and 0.95 +2 turns, 0.9 +3, 0.85 and 0.8 +3/-1 (a switch of subject stayed)
NAMING_ROWS = 3  # a name written by this many rows or fewer still says which action is meant (_rows_naming)
NAMING_CANDIDATES = 30  # rows holding every word of a name that are read for it (was 8)
WHO_DOER_RELEVANCE = 0.8  # a runner-up's sentence naming a doer must hold this much of the subject (below)
WHO_DOER_SOME = 0.5  # development: 0.4 and 0.5 +2 answerable, 0.6 +1, 0.3 +2/-1
# (_lookup) a runner-up whose action opens with the subject, by this much more of it. Development: gain
# 0.5 +1 turn, 0.2 +4 (with the minimum below) and single set Hit@1 0.946 -> 0.968, 0.1 +9/-3; share 0.8
# and 0.95 as 0.9.
HEAD_RELEAD_SCORE_SHARE = 0.9
HEAD_RELEAD_GAIN = 0.2
HEAD_RELEAD_MIN = 0.4  # ... and holding at least this much of it (0.5: -1 dev list; 0.3 fails a name test)
CHANGE_RELEAD_SCORE_SHARE = 0.9  # development: 0.8 the same (+2, -0), 0.95 +1
WHO_RELEAD_SCORE_SHARE = 0.9  # development: 0.8 and 0.9 the same (+2, -0), 0.95 (RELEAD_SCORE_SHARE) +1
# A sentence of the action itself that answers a detail question ("welke rol krijgt de
# centrumgemeente?"), quoted with the sentence it points back to. 0.5 of the question's weighted
# words: on the development questions 0.6 -> 0.5 gave +1 conversation turn, no loss elsewhere
# (0.4 the same as 0.5, with longer answers).
WAT_SENTENCE_RELEVANCE = 0.5
# "wanneer is het onderzoek … klaar?": a dated sentence that says the asked kind of moment ("Onderzoek
# wordt januari 2026 opgeleverd") answers when it shares this share of the best sentence's relevance
# (it often repeats only the head noun). On the development questions 0.25 -> 0.15 gave +1 answerable
# question and +1 turn, nothing lost; 0.10 the same as 0.15.
WHEN_KIND_SHARE = 0.15
# A dated sentence quoted with the one before it that named its subject: alone when the two are
# longer than this (a who/when/figure answer is "about 60 words or fewer").
WHEN_CONTEXT_WORDS = 40
WHO_NEW_NAME = 0.15  # a doer sentence naming someone the question does not: a small lead, not a veto
# A name said as the one who acts ("ondersteund door Stichting MBO Excellent", "Het NRO en de
# Inspectie hebben …") over a name said in passing ("… aan de Tweede Kamer verzonden"), between
# sentences that answer about as well.
WHO_AGENT = 0.1
# Such a sentence answers a who-question with fewer of the question's words ("Trimbos en Pharos
# ontwikkelen extra passend materiaal voor het mbo" holds 0.27 of "wie maken extra lesmateriaal over
# welzijn …"). Half the plain threshold: on all development questions this added that one answer
# and changed no other.
WHO_AGENT_RELEVANCE = 0.25
FIGURE_SAID_OF = 0.25  # bonus for a figure next to a word of the question (see _figure_candidates)


@dataclass
class Citation:
    row_id: str
    doelstelling: str
    periods: list[str] = field(default_factory=list)  # the cited status cells (row field names)
    labels: list[str] = field(default_factory=list)  # their period labels in the row's report
    rapport: str = ""

    @classmethod
    def of(cls, row: ActionRow, periods: list[str]) -> "Citation":
        return cls(row.id, row.doelstelling, list(periods), [row.label(p) for p in periods], row.rapport)

    def to_json(self) -> dict:
        return {"row_id": self.row_id, "doelstelling": self.doelstelling, "periods": list(self.periods),
                "labels": list(self.labels), "rapport": self.rapport}


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    rows: list[ActionRow] = field(default_factory=list)
    abstained: bool = False
    mode: str = "extractief"
    latency_ms: float = 0.0
    notice: str | None = None
    kind: str = ""
    question: str = ""
    plan: Plan | None = None
    quotes: list[Quote] = field(default_factory=list)
    stands: dict[str, str] = field(default_factory=dict)  # row id -> stand, for the rows
    count: int | None = None  # the number a count or meta question asked for
    retrieved: list[str] = field(default_factory=list)  # a lookup's top three from retrieval (row ids)
    rapport: str = ""  # the report the answer is from
    timeline: list[dict] = field(default_factory=list)  # one action's periods across reports
    subject: str = ""  # the words that named the action talked about, kept through follow-ups on it

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "rows": [r.id for r in self.rows],
            "abstained": self.abstained,
            "mode": self.mode,
            "latency_ms": round(self.latency_ms, 2),
            "plan": self.plan.to_json() if self.plan else None,
            "stands": {r.id: self.stands.get(r.id) for r in self.rows},
            "answer_sentences": [q.to_json() for q in self.quotes],
            "count": self.count,
            "rapport": self.rapport,
            "timeline": list(self.timeline),
        }


class StartupError(Exception):
    """The engine cannot start for a reason the user can fix. Dutch message, exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code



def _decimal(x: float) -> str:
    """26.0 -> "26", 8.67 -> "8,7": Dutch, without a zero decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}".replace(".", ",")


def _and(items) -> str:
    """"1.1, 1.2 en 1.3": a Dutch enumeration."""
    items = list(items)
    return ", ".join(items[:-1]) + " en " + items[-1] if len(items) > 1 else "".join(items)

def load_engine(cfg=None, **kwargs) -> "Engine":
    """Engine.load with Dutch errors for configuration, source and data-directory problems."""
    from index import ConfigError, IndexConfig
    from index.api import BuildError, dutch_os_error
    from ingest import IngestError

    try:
        cfg = cfg or IndexConfig.from_env()
        return Engine.load(cfg, **kwargs)
    except ConfigError as exc:
        raise StartupError(f"Fout in de configuratie: {exc}", 2) from None
    except IngestError as exc:
        raise StartupError(f"Fout: de bron kan niet worden gelezen: {exc}") from None
    except BuildError as exc:
        raise StartupError(f"Fout: {exc}") from None
    except OSError as exc:
        where = f" '{cfg.data_dir}'" if cfg is not None else ""
        raise StartupError(f"Fout: de datamap{where} is niet bruikbaar ({dutch_os_error(exc)}).") from None


class Engine:
    def __init__(self, index, llm=None, retrieval_mode: str = "hybrid"):
        self.index = index
        self.llm = llm
        self.retrieval_mode = retrieval_mode
        self._lock = threading.Lock()
        self._by_id = {r.id: r for r in index.rows}
        self._pos = {r.id: i for i, r in enumerate(index.rows)}
        self.stands: dict[str, str] = dict(getattr(index, "stands", {}))
        self.parties = sorted({p for r in index.rows for p in r.partijen})
        self._party_folds = frozenset(fold(x).lower() for x in self.parties)
        self.doelstellingen = list(dict.fromkeys(r.doelstelling for r in index.rows))
        self._term_cache: dict[str, frozenset[str]] = {}
        self._prefix_cache: dict[str, frozenset[str]] = {}
        # Every row's word-family prefixes, once at load rather than lazily on the questions that
        # first touch a row (at 7,800 rows the first topic questions built thousands of them:
        # 0.26 s of 3.3 s CPU over the 105 evaluation questions, in a cProfile of the 100x corpus).
        lexical = getattr(index, "lexical", None)
        row_terms = getattr(lexical, "row_terms", None)
        if row_terms is not None:
            for row, terms in zip(index.rows, row_terms):
                self._prefixes(row.id, terms)
        # The same prefixes of the whole vocabulary: a word with none of them is unknown to the report.
        vocab = getattr(getattr(lexical, "analyzer", None), "vocabulary", ())
        self._vocab_prefixes = frozenset(w[:PREFIX_FAMILY] for w in vocab if len(w) >= PREFIX_FAMILY)
        self._root_prefixes = {n: frozenset(w[:n] for w in vocab if len(w) > n) for n in range(4, ROOT_PREFIX_MAX + 1)}
        self._folded_cache: dict[str, str] = {}
        dutch.preload()  # the Dutch word list, for telling a typo from a word of its own (_unknown_words)
        # Several reports side by side (app/across.py): every engine knows all of them, in time
        # order; the latest one answers unless a question or the selector names another.
        self.rapport = index.rows[0].rapport if index.rows else ""
        self.reports: "OrderedDict[str, Engine]" = OrderedDict([(self.rapport, self)])
        self._walks: dict[tuple[str, str], object] = {}
        self._weighted_cache: dict[tuple[str, bool], tuple] = {}
        self._alt_cache: dict[frozenset, dict] = {}
        self._new_cache: dict[str, bool] = {}
        self._column_terms: dict[tuple[str, str], frozenset[str]] = {}  # (column, row id)
        self._row_sentences: dict[str, tuple] = {}
        self._early_cache: dict[str, tuple[bool, bool]] = {}
        self._postings_cache: tuple[dict[str, set[int]], dict[str, set[int]]] | None = None
        if row_terms is not None:
            # Built at load, like the prefixes: at 100x the first "waar komt X voor?" paid 0.76 s, and
            # the first topic lists split and analysed hundreds of rows for passing mentions.
            self._postings()
            for row in index.rows:
                self._row_sentences[row.id] = self._enumerations(row)
        # Likewise the capitalised names' row counts, the corpus text for names with a year, and the
        # parties marked primair: each first question that needed one paid 80-150 ms at 100x.
        self._name_df = Counter(n for r in index.rows for n in set(_names(" ".join([r.wat, r.status, r.voortgang]))))
        self._corpus_text = " ".join(" ".join(words(r.text())) for r in index.rows)
        # Names with a year in them, "MBO in 2030": an acronym (not a party) before "in <year>", used at
        # least twice, as a name is. ("SBB in 2026" once is a party and a date.)
        found = Counter(m.group(0) for r in index.rows
                        for m in re.finditer(r"\b[A-Z]{2,}\s+in\s+20\d\d\b", r.text()))
        parties = set(self.parties)
        self._year_names = tuple(n for n, c in found.items() if c >= 2 and n.split()[0] not in parties)
        self._primary = {r.id: self._primary_parties(r) for r in index.rows}
        # The words the report writes in lower case: a sentence that opens with any other word opens
        # with a name (_acts).
        self._lower_words = frozenset(w for r in index.rows for cell in (r.wat, r.status, r.voortgang, r.wie)
                                      for w in _LOWER_WORD.findall(cell))
        # What is built at load lives as long as the engine: leave it out of the collector's full
        # passes, which at 100x (a million posting entries) paused single answers for 100+ ms.
        gc.freeze()

    @classmethod
    def load(cls, cfg=None, retrieval_mode: str = "hybrid", llm=None) -> "Engine":
        from index import IndexConfig, open_index
        from index.reports import registered, report_config

        from .llm import llm_from_env

        cfg = cfg or IndexConfig.from_env()
        llm = llm if llm is not None else llm_from_env()
        engines = [cls(open_index(cfg), llm=llm, retrieval_mode=retrieval_mode)]
        for key, rows in registered(cfg).items():
            engines.append(cls(open_index(report_config(cfg, key), rows=rows), llm=llm, retrieval_mode=retrieval_mode))
        return cls.together(engines)

    @staticmethod
    def together(engines: list["Engine"]) -> "Engine":
        """One engine per report -> the latest, which routes to the others."""
        from index.reports import order_key

        engines = sorted(engines, key=lambda e: order_key(e.rows))
        reports = OrderedDict((e.rapport, e) for e in engines)
        for e in engines:
            e.reports = reports
        return engines[-1]

    def covered_years(self) -> tuple[int, ...]:
        """The years the reports' periods name: a question about another year is answered by none."""
        return tuple(sorted({y for e in self.reports.values() if e.rows for y in e.rows[0].periods.years}))

    def crosswalk(self, old_key: str, new_key: str):
        """The matching of actions between two reports (index/crosswalk.py), computed once."""
        from index.crosswalk import match_reports

        key = (old_key, new_key)
        if key not in self._walks:
            self._walks[key] = match_reports(self.reports[old_key].rows, self.reports[new_key].rows)
        return self._walks[key]

    def chain(self, row: ActionRow) -> list[ActionRow]:
        """The same action in the earlier reports, oldest first (empty with one report)."""
        keys = list(self.reports)
        out: list[ActionRow] = []
        current = row
        for i in range(keys.index(row.rapport) if row.rapport in keys else 0, 0, -1):
            walk = self.crosswalk(keys[i - 1], keys[i])
            old_id = next((p.old_id for p in walk.pairs if p.new_id == current.id), None)
            if old_id is None:
                break
            current = self.reports[keys[i - 1]]._by_id[old_id]
            out.insert(0, current)
        return out

    @property
    def rows(self) -> list[ActionRow]:
        return self.index.rows

    def student_rows(self) -> list[ActionRow]:
        """Actions that directly concern students: JOB is a party, or students are the
        subject of the action text (its Wat names studenten, stage or the students' own
        facilities)."""
        subject = re.compile(r"\bstudent(en)?\b|\bmbo-studenten\b|\bstage|\bstudentenkaart|\bstudentenleven|"
                             r"\bstudentenfonds|\bleermiddelen|\bschoolboeken", re.I)
        return [r for r in self.rows if "JOB" in r.partijen or subject.search(r.wat)]

    def plan(self, question: str, history: list[Answer] | None = None, filters=None) -> Plan:
        rules = make_plan(question, [h.plan for h in history or [] if h.plan is not None], filters,
                          self.parties, self.doelstellingen, self.covered_years(), self._year_names)
        last = next((h for h in reversed(history or []) if h.rows), None)
        this = _THIS_SCOPE.search(question)
        if last is not None and this is not None and rules.operation in ("list", "count", "compare") and \
                not rules.filters.doelstelling and rules.filters.prioriteit is None:
            # "is er binnen deze doelstelling al iets afgerond?" after an answer about one action:
            # that action's doelstelling (or prioriteit), which the plans of the turns do not hold.
            first = last.rows[0]
            scope = replace(rules.filters, prioriteit=first.prioriteit) if this.group(1).lower().startswith("prio") \
                else replace(rules.filters, doelstelling=first.doelstelling)
            rules = replace(rules, filters=scope)
        settings = getattr(self.llm, "settings", None)
        if not getattr(settings, "plans", False) or rules.operation == "empty" or rules.followup or rules.refers_back:
            return rules  # a follow-up depends on the conversation, which the model does not see
        from .llm import LLMError
        from .plan import plan_from_json

        try:
            proposed = plan_from_json(self.llm.propose_plan(question, self.rows[0].periods), rules.question, self.parties,
                                      self.doelstellingen, filters)
        except LLMError:
            proposed = None
        if proposed is None:
            return rules
        # What the rules know for sure about the question's shape stays.
        return replace(proposed, person=rules.person, uncovered_year=rules.uncovered_year, source="llm")

    # -- answering ------------------------------------------------------------------------------

    def answer(self, question: str, history: list[Answer] | None = None, filters=None,
               rapport: str | None = None) -> Answer:
        started = time.perf_counter()
        target, ans, question = self._across(question or "", filters, rapport)
        if ans is None:
            ans = target._answer(question, history or [], filters)
            if target._llm_applies(ans):
                ans = target._with_llm(ans)
            target._add_timeline(ans)
        target._name_report(ans)
        ans.latency_ms = (time.perf_counter() - started) * 1000
        return ans

    def _across(self, question: str, filters, rapport: str | None) -> tuple["Engine", Answer | None, str]:
        """Which report answers (and the question without the words that named it), and the
        answer itself when the question spans two reports."""
        if len(self.reports) == 1:
            return self, None, question
        from .across import route

        keys = list(self.reports)
        r = route(question, keys, rapport, {k: e.rows[0].periods.years for k, e in self.reports.items() if e.rows})
        target = self.reports[r.rapport]
        if r.across != "changes":
            return target, None, r.question
        i = keys.index(r.rapport)
        if i == 0:
            return target, Answer(f"Rapport {r.rapport} is het oudste rapport in de index; er is geen vorige "
                                  "rapportage om mee te vergelijken.", abstained=True, kind="changes"), question
        return target, target._report_changes(self.reports[keys[i - 1]], question, filters), question

    def changes_since_previous(self) -> Answer | None:
        """The change list against the report before this one (None when this is the first)."""
        keys = list(self.reports)
        i = keys.index(self.rapport)
        return self._report_changes(self.reports[keys[i - 1]], "", None) if i > 0 else None

    def _report_changes(self, previous: "Engine", question: str, filters) -> Answer:
        from .across import changes_answer

        p = self.plan(question, [], filters)
        f = p.filters
        keep = None
        if not f.is_empty():
            allowed = {r.id for r in self.index.filter_rows(f)}
            old_allowed = {r.id for r in previous.index.filter_rows(f)}
            walk = self.crosswalk(previous.rapport, self.rapport)
            new_of = {pr.old_id: pr.new_id for pr in walk.pairs}

            def keep(row: ActionRow) -> bool:
                if row.rapport == self.rapport:
                    return row.id in allowed
                return row.id in old_allowed or new_of.get(row.id) in allowed
        text, rows, quotes = changes_answer(previous.rows, self.rows, self.crosswalk(previous.rapport, self.rapport),
                                            keep, shorten, esc)
        cites = [Citation.of(r, ["voortgang"] if r.voortgang.strip() else ["status"]) for r in rows]
        return Answer(text, cites, rows, kind="changes", quotes=quotes, plan=p, count=len(rows))

    def _name_report(self, ans: Answer) -> None:
        """Which report an answer is from; with several reports the text says it too."""
        ans.rapport = self.rapport
        if len(self.reports) > 1 and ans.kind != "changes" and ans.rows:
            latest = " (de nieuwste)" if self.rapport == list(self.reports)[-1] else ""
            ans.text += f"\n\n*Uit de voortgangsrapportage {self.rapport}{latest}.*"

    def _add_timeline(self, ans: Answer) -> None:
        """A one-action answer carries the action's line through the reports; the text shows it
        when the question asks for the course of things or what changed."""
        if len(self.reports) == 1 or ans.kind != "lookup" or ans.abstained or not ans.rows:
            return
        from .across import TIMELINE, timeline, timeline_lines

        row = ans.rows[0]
        chain = self.chain(row)
        if not chain:
            return
        ans.timeline = [{"period": label, "rapport": rap, "text": text} for label, rap, text in timeline(row, chain)]
        if TIMELINE.search(ans.question) or (ans.plan is not None and ans.plan.field == "change"):
            ans.text += "\n" + "\n".join(timeline_lines(timeline(row, chain), shorten, esc))

    def answer_stream(self, question: str, history: list[Answer] | None = None, filters=None,
                      rapport: str | None = None):
        """Like answer(), for the chat: in LLM mode yields the growing text (str) while the
        LLM writes, and always ends with the checked Answer."""
        started = time.perf_counter()
        target, ans, question = self._across(question or "", filters, rapport)
        if ans is None:
            ans = target._answer(question, history or [], filters)
            if target._llm_applies(ans):
                from .llm import LLMError

                text = ""
                try:
                    for text in target.llm.stream(ans.question, ans.rows[:5]):
                        yield esc(text)
                except LLMError as exc:
                    ans = _fallback(ans, f"Het taalmodel gaf geen antwoord ({exc}); dit is het antwoord uit de rapportage zelf.")
                else:
                    ans = target._checked(ans, text)
            target._add_timeline(ans)
        target._name_report(ans)
        ans.latency_ms = (time.perf_counter() - started) * 1000
        yield ans

    def _llm_applies(self, ans: Answer) -> bool:
        # Lists, counts and report facts are computed exactly; the LLM only rewrites one-action
        # answers that passed the answerability check.
        return self.llm is not None and not ans.abstained and bool(ans.rows) and ans.kind == "lookup"

    def _with_llm(self, ans: Answer) -> Answer:
        """Let the LLM write the answer; keep the extractive one unless its citations check out."""
        from .llm import LLMError

        try:
            text = self.llm.write(ans.question, ans.rows[:5])
        except LLMError as exc:
            return _fallback(ans, f"Het taalmodel gaf geen antwoord ({exc}); dit is het antwoord uit de rapportage zelf.")
        return self._checked(ans, text)

    def _checked(self, ans: Answer, text: str) -> Answer:
        from .llm import check_citations, check_grounded

        found, problems = check_citations(text, ans.rows[:5])
        if not problems:
            # The label is not enough: the row ids, the figures and each sentence must be in the rows.
            problems = check_grounded(text, ans.rows[:5], self._sentence_terms, self._idf)
        if problems:
            return _fallback(ans, "Het antwoord van het taalmodel is niet gebruikt (" + "; ".join(problems)
                             + "); dit is het antwoord uit de rapportage zelf.")
        cites: dict[str, Citation] = {}
        for doel, period in found:
            row = next(r for r in ans.rows if r.doelstelling == doel)
            c = cites.setdefault(row.id, Citation.of(row, []))
            if period not in c.periods:
                c.periods.append(period)
                c.labels.append(row.label(period))
        return Answer(esc(text), list(cites.values()), ans.rows, False, "llm", kind=ans.kind, question=ans.question,
                      plan=ans.plan, stands=ans.stands)

    def _answer(self, question: str, history: list[Answer], filters) -> Answer:
        notices = []
        q = question.strip()
        if len(q) > MAX_QUESTION:
            q = q[:MAX_QUESTION]
            notices.append(f"Je vraag was erg lang; alleen de eerste {MAX_QUESTION} tekens zijn gebruikt.")
        if _HTML.search(q):
            q = _HTML.sub(" ", q)
            notices.append("HTML in je vraag is genegeerd.")
        if _INJECTION.search(q):
            notices.append("Ik volg geen instructies uit vragen; ik antwoord alleen met wat in de "
                           "voortgangsrapportage staat.")
        q = re.sub(r"\s+", " ", q).strip()
        history = _counted_list(q, history)
        p = self._in_own_periods(self.plan(q, history, filters))
        if p.operation == "empty":
            return Answer("Stel een vraag over de voortgang van de Werkagenda mbo, bijvoorbeeld: "
                          "*Wat is de status van het bbl-offensief?*", abstained=True, kind="empty", plan=p)
        prev = next((h for h in reversed(history) if h.rows and not h.abstained), None)
        if prev is not None and p.operation == "lookup" and not (p.refers_back or p.followup) and \
                self._points_at(p.question, prev.rows[0]):
            # "wanneer is de kamer over dat offensief bijgepraat?": "dat" with a word of the action
            # just answered points at it, whatever the word (the planner knows only common ones).
            p = replace(p, refers_back="strong")
        singles = _answered_one_by_one(q, history)
        if singles and p.operation != "meta":
            # "Welke partijen zijn bij deze twee acties betrokken?" after Edu-V and then NPULS, each
            # answered on its own: those actions, as a list of the field asked
            prev = Answer("", rows=singles, kind="list", plan=replace(p, topic=""))
            p = replace(p, operation="compare" if p.operation == "compare" else "list", followup=True, topic="",
                        ordinal=None)
        listed = next((h for h in reversed(history) if h.kind in ("list", "count", "compare") and len(h.rows) > 1),
                      None) if p.ordinal else None
        if listed is not None:
            ans = self._nth(p, listed)
        elif p.operation == "meta":
            ans = self._meta(p)
        elif p.operation in ("list", "count", "compare"):
            ans = self._many(p, prev)
        else:
            ans = self._lookup(p, prev)
        ans.question = q
        ans.plan = ans.plan or p  # the plan that was executed (a list of one becomes a lookup)
        if ans.rows and not ans.abstained:
            same = prev is not None and prev.rows and prev.rows[0].id == ans.rows[0].id and \
                (p.followup or p.refers_back)
            ans.subject = (prev.subject or p.topic) if same else p.topic
        ans.stands = {r.id: self.stands.get(r.id, "") for r in ans.rows}
        if notices:
            ans.text = "\n".join(_with_notices([ans.text], notices))
        return ans

    def _nth(self, p: Plan, listed: Answer) -> Answer:
        """"wat is er bij de tweede veranderd?": the n-th action as the list showed them (by
        doelstelling, in the report's order), the field asked."""
        shown = sorted(listed.rows[:LIST_SHOWN], key=lambda r: self._pos[r.id])
        n = p.ordinal - 1 if p.ordinal > 0 else len(shown) - 1
        if not 0 <= n < len(shown):
            return Answer(f"**Het vorige overzicht noemde {len(shown)} acties; er is geen nummer {p.ordinal}.**",
                          abstained=True, kind="lookup", plan=p)
        row = shown[n]
        if p.field == "figure" and not self._subject_terms(p):
            # "hoeveel geld is er voor de eerste toegekend?": the action pointed at is the subject, so
            # any figure of the kind asked in its cells is about it; the one whose sentence shares
            # most of the question's other words ("toegekend") stands for the subject.
            asked = self._terms(_PLACE_IN_LIST.sub(" ", p.question))
            sents = [x for cell in ("voortgang", "status", "wat") for x in split_sentences(row.cell(cell))
                     if has_figure(x, p.figure_kind or "count", analyzer=self.index.lexical.analyzer)]
            if not sents:
                kind = _KIND_WORDS.get(p.figure_kind or "", "aantal")
                return self._refuse(p, f"De rapportage noemt bij actie {row.id} geen {kind}.", [], rows=[row])
            best = max(sents, key=lambda x: len(asked & self._terms(x)))
            p = replace(p, topic=topic_of(best))
        return self._compose(p, row, [])

    def _in_own_periods(self, p: Plan) -> Plan:
        """"ongewijzigd" is named after the report's earlier period, whatever the plan called it."""
        from index.stand import stand_key, unchanged

        if self.rows and stand_key(p.filters.stand) == "ongewijzigd":
            return replace(p, filters=replace(p.filters, stand=unchanged(self.rows[0].periods)))
        return p

    # -- retrieval ------------------------------------------------------------------------------

    def _search(self, text: str, filters, k: int = 8):
        with self._lock:
            return self.index.search(text, k=k, filters=None if filters is None or filters.is_empty() else filters,
                                     mode=self.retrieval_mode)

    def _coverage(self, text: str, row: ActionRow, money: bool = True) -> float:
        """IDF-weighted share of the text's terms in the row; a term also counts when the row has a
        word of the same family: the two share their first PREFIX_FAMILY letters ("internationale"
        for "internationalisering", "excellent" for "excellentie", "digitale" for "digitalisering")."""
        lexical = getattr(self.index, "lexical", None)
        if lexical is None or not hasattr(lexical, "coverage"):
            return 1.0
        return self._covered(self._weighted_terms(text, money), row)

    def _weighted_terms(self, text: str, money: bool = True) -> tuple[tuple[tuple[str, float, str | None, tuple], ...], float]:
        """The text's terms with their IDF, word-family prefix and glossary alternatives ("LOB"
        for "loopbaanoriëntatie"), and the IDF total; analysed once per text (a topic list used
        to fold and stem its topic again for each of thousands of rows)."""
        got = self._weighted_cache.get((text, money))
        if got is None:
            lexical = self.index.lexical
            # Sorted: a set's order follows the process's string hashing, and float sums in another
            # order can break a tie differently from one run to the next.
            terms = sorted(set(lexical.analyzer.query_terms(text)))
            alts = GLOSSARY.alternatives(standalone_terms(text))
            # A compound's parts ("loopbaan", "orientatie") stand for what the whole word does.
            if alts:
                for w in words(text):
                    groups = alts.get(stem(w))
                    for part in lexical.analyzer.compound_parts(w) if groups else ():
                        alts.setdefault(stem(part), groups)
            for w in words(text) if money else ():
                if w in _MONEY_ASKED:
                    # "meer geld voor niveau 2": the report writes "bekostiging", "middelen", "€ … mln";
                    # money asked in everyday words is any of them (not "gelden", the verb)
                    t = stem(w)
                    alts[t] = tuple(dict.fromkeys((*alts.get(t, ()), *((m,) for m in _MONEY_TERMS if m != t))))
            weighted = tuple((t, lexical.idf(t), t[:PREFIX_FAMILY] if len(t) >= PREFIX_FAMILY else None,
                              alts.get(t, ())) for t in terms)
            got = (weighted, sum(w for _, w, _, _ in weighted))
            if len(self._weighted_cache) >= 1024:  # one entry per distinct question or topic
                self._weighted_cache.clear()
            self._weighted_cache[(text, money)] = got
        return got

    def _with_head(self, p: Plan, rows: list[ActionRow]) -> list[ActionRow]:
        """"de werkdruk van docenten en ander onderwijspersoneel": the thing asked about is the
        werkdruk; the people it is of are in most rows about them. A topic list keeps the rows
        that hold the head (in some form), when some do."""
        m = _HEAD_OF.search(p.question)
        # (not a name: "de Inspectie van het Onderwijs")
        if m is None or len(rows) < 2 or not m.group(1)[0].islower() or fold(m.group(1)).lower() in _NOT_HEAD:
            return rows
        head = self._weighted_terms(m.group(1))
        if not head[0] or not all(t in p.topic.lower() or stem(fold(t)) in self._terms(p.topic) for t in words(m.group(1))):
            return rows
        holding = [r for r in rows if self._covered(head, r) >= 0.99]
        return holding or rows

    def _covered(self, analysed, row: ActionRow) -> float:
        weighted, total = analysed
        if not total:
            return 0.0
        row_terms = self.index.lexical.row_terms[self._pos[row.id]]
        prefixes = self._prefixes(row.id, row_terms)
        hit = sum(w for t, w, prefix, alts in weighted
                  if t in row_terms or (prefix is not None and prefix in prefixes and _family(t, prefixes[prefix]))
                  or _short_kin(t, row_terms) or any(all(g in row_terms for g in group) for group in alts))
        return hit / total

    def _reports_new(self, row: ActionRow) -> bool:
        """_reports_new per row, worked out once: a comparison over 7,800 rows folded and split
        both texts of every row in scope twice per question."""
        got = self._new_cache.get(row.id)
        if got is None:
            got = self._new_cache[row.id] = _reports_new(row)
        return got

    def _prefixes(self, row_id: str, row_terms) -> dict[str, tuple[str, ...]]:
        cached = self._prefix_cache.get(row_id)
        if cached is None:
            family: dict[str, list[str]] = {}
            for t in sorted(set(row_terms)):
                if len(t) >= PREFIX_FAMILY:
                    family.setdefault(t[:PREFIX_FAMILY], []).append(t)
            cached = self._prefix_cache[row_id] = {k: tuple(v) for k, v in family.items()}
        return cached

    def topic_rows(self, topic: str, filters=None) -> list[ActionRow]:
        """Every row (within the filters) that is about the topic, best first. "A | B" (the plan's
        "over A of over B"): the rows about either, A's first."""
        if " | " in topic:
            out: dict[str, ActionRow] = {}
            for part in topic.split(" | "):
                for r in self.topic_rows(part.strip(), filters):
                    out.setdefault(r.id, r)
            return list(out.values())
        scope = self.index.filter_rows(filters) if filters is not None and not filters.is_empty() else self.rows
        if not scope:
            return []
        # Only rows scoring near the best can pass, so the index cuts there (floor) before the
        # coverage test instead of handing over every row in scope: at 7,800 rows a topic
        # question used to build and test all 7,800 hits.
        # The glossary's other form joins the search ("LOB" for "loopbaanoriëntatie"), else the
        # rows that write it that way score under the floor before coverage could count them.
        lexical = getattr(self.index, "lexical", None)
        extra = GLOSSARY.expansion(standalone_terms(topic)) if lexical is not None else ""
        with self._lock:
            res = self.index.search(f"{topic} {extra}" if extra else topic, k=len(scope),
                                    filters=None if filters is None or filters.is_empty() else filters,
                                    mode=self.retrieval_mode, floor=TOPIC_REL_SCORE)
        if not res.hits:
            return []
        analysed = self._weighted_terms(topic) if hasattr(getattr(self.index, "lexical", None), "coverage") else None
        rows = [h.row for h in res.hits if (1.0 if analysed is None else self._covered(analysed, h.row))
                >= TOPIC_MIN_COVERAGE]
        if analysed is not None and filters is not None and (filters.doelstelling or filters.prioriteit is not None) \
                and len(scope) <= SCOPED_TOPIC_ROWS:
            # Within one doelstelling BM25 can put a row that writes the topic in another form of
            # the word ("digitale leermiddelen" for "digitalisering") under the floor; there the
            # few rows in scope that hold every word of the topic in some form are about it too.
            seen = {r.id for r in rows}
            rows += [r for r in scope if r.id not in seen and self._covered(analysed, r) >= 0.99]
        if analysed is not None and len(rows) > 1:
            # A row that names the topic only as one item of a long enumeration ("… woningbouw, zorg,
            # onderwijs, klimaat en energie, veiligheid, kinderopvang en digitalisering") mentions it
            # in passing. On the 42 development topic questions this dropped 6 rows, none of them gold.
            # (the words that say what the topic is: "studenten" and "school" in "de veiligheid van
            # studenten op school" are in most rows, "veiligheid" in a list of sectors is in passing)
            terms = {t for t, w, _, _ in analysed[0] if w >= ENUM_TERM_IDF} or {t for t, _, _, _ in analysed[0]}
            about = [r for r in rows if not self._enumerated_only(r, terms)]
            rows = about or rows
        return rows

    def _specific(self, topic: str) -> bool:
        """Every word of the topic is rare in the report: its whole-word term is in at most
        SPECIFIC_DF rows ("practoraten", "leerbanen", "bpv"; not "onderzoek" or "zorg")."""
        lexical = self.index.lexical
        heads = [max(ts, key=len) for w in words(topic) if (ts := self._terms(w))]
        return bool(heads) and all(0 < lexical.doc_freq.get(t, 0) <= SPECIFIC_DF for t in heads)

    def _enumerated_only(self, row: ActionRow, terms: set[str]) -> bool:
        """Every sentence of the row that holds a topic word holds it as a short item (at most three
        words) of an enumeration of at least five (four commas)."""
        sentences = self._row_sentences.get(row.id)
        if sentences is None:
            sentences = self._row_sentences[row.id] = self._enumerations(row)
        seen = False
        for folded, items in sentences:
            # A term (a stem or a compound part) occurs in its sentence's folded text; a substring
            # test may also fire inside another word, which only keeps a row in the list.
            if not any(t in folded for t in terms):
                continue
            if items is None:  # a sentence that is no long enumeration names the topic itself
                return False
            for item_terms, n_words in items:
                if item_terms & terms:
                    seen = True
                    if n_words > 3:
                        return False
        return seen

    def _enumerations(self, row: ActionRow) -> tuple:
        """Per sentence: its folded text, and for a long enumeration its items' terms and word
        counts. Built for every row at load; only the rare long enumerations are analysed."""
        raw = [x for cell in (row.wat, row.status, row.voortgang) for x in split_sentences(cell)]
        if not any(x.count(",") >= 4 for x in raw):
            return ()
        analyzer = self.index.lexical.analyzer
        return tuple((fold(x), tuple((frozenset(analyzer.document_terms(it)), len(it.split()))
                                     for it in re.split(r",|\(|\)|;| en | of ", x)) if x.count(",") >= 4 else None)
                     for x in raw)

    def _early(self, row: ActionRow) -> tuple[bool, bool]:
        """(finished by the earlier period with nothing new since, the earlier text says finished),
        worked out once per row: at 100x a "nog niet afgerond" question tests 7,800 rows."""
        got = self._early_cache.get(row.id)
        if got is None:
            from index.stand import finished_by_2024, is_finished

            got = self._early_cache[row.id] = (finished_by_2024(row), is_finished(row.status, row.wat))
        return got

    def _primary_parties(self, row: ActionRow) -> set[str]:
        """The parties the Wie cell marks "(primair)": "Bekostigde mbo-scholen (primair), gemeenten"."""
        from ingest.parties import normalise_parties

        out: set[str] = set()
        for m in re.finditer(r"([^,;:]+?)\s*\(primair\)", row.wie, re.I):
            out.update(normalise_parties(m.group(1)))
        for m in re.finditer(r"\bprimair:?\s+([^,;(.]+)", row.wie, re.I):  # "Primair OCW. SBB, …"
            out.update(normalise_parties(m.group(1)))
        return out

    def _naming(self, topic: str, filters) -> list[ActionRow]:
        """Every row that holds all of the topic's words (or words of their family), however it
        ranks: "in welke acties komt de LLO-Katalysator terug?" asks where the name occurs."""
        from index.analyzer import STOPWORDS

        scope = self.index.filter_rows(filters) if filters is not None and not filters.is_empty() else self.rows
        # Whole words, not the query's compound parts: "groeifonds" is named in "groeifondsvoorstel".
        quoted = [fold(q) for q in re.findall(r"['‘\"“]([^'’\"”]{2,40})['’\"”]", topic)]
        if quoted:  # meant literally: "'e.v.'" in the Wanneer column, "'doorlopend'"
            return [r for r in scope if all(q in fold(" ".join([r.wat, r.wie, r.wanneer, r.status, r.voortgang]))
                                            for q in quoted)]
        analyzer = self.index.lexical.analyzer
        words_ = [w for w in dict.fromkeys(words(topic)) if w not in STOPWORDS]
        if not words_:
            return []
        # A word is named when the row has it, all of its compound parts, or (for a word of at most
        # 12 letters) a word of its family: "studentensportverenigingen" is not any "studenten…".
        # Looked up in postings (term -> rows), not row by row: at 100x a scan of 7,800 rows cost
        # more than the rest of the answer.
        terms, prefixes = self._postings()
        hit: set[int] | None = None
        for w in words_:
            t = stem(w)
            rows_w = set(terms.get(t, ()))
            parts = [stem(x) for x in analyzer.compound_parts(w)]
            if parts:
                rows_w |= set.intersection(*(set(terms.get(x, ())) for x in parts))
            if len(w) <= 12 and len(t) >= PREFIX_FAMILY:
                rows_w |= prefixes.get(t[:PREFIX_FAMILY], set())
            hit = rows_w if hit is None else hit & rows_w
            if not hit:
                return []
        return [r for r in scope if self._pos[r.id] in hit]

    def _postings(self) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
        """term -> row positions and word-family prefix -> row positions, built on first use."""
        if self._postings_cache is None:
            terms: dict[str, set[int]] = {}
            prefixes: dict[str, set[int]] = {}
            for pos, row_terms in enumerate(self.index.lexical.row_terms):
                for t in row_terms:
                    terms.setdefault(t, set()).add(pos)
                    if len(t) >= PREFIX_FAMILY:
                        prefixes.setdefault(t[:PREFIX_FAMILY], set()).add(pos)
            self._postings_cache = (terms, prefixes)
        return self._postings_cache

    def _in_scope(self, rows: list[ActionRow], p: Plan) -> list[ActionRow]:
        """The scopes a single filter value cannot say (plan.also, alone, without, several
        doelstellingen or prioriteiten); only the Wie column counts for parties."""
        if p.any_of:
            rows = [r for r in rows if any(x in r.partijen for x in p.any_of)]
        if p.primary and p.filters.partij:
            rows = [r for r in rows if p.filters.partij in self._primary[r.id]]
        if p.early:
            rows = [r for r in rows if self._early(r)[1]]
        if p.unfinished or p.recent:
            from index.stand import AFGEROND

            if p.unfinished:
                rows = [r for r in rows if self.stands.get(r.id) != AFGEROND and not self._early(r)[0]]
            else:  # finished in the later period: the earlier text did not say so yet
                rows = [r for r in rows if self.stands.get(r.id) == AFGEROND and not self._early(r)[1]]
        if p.not_new:
            rows = [r for r in rows if not self._reports_new(r)]
        if p.mentions:
            from .sentences import AMOUNT, PERCENT

            pattern = AMOUNT if p.mentions == "amount" else PERCENT
            rows = [r for r in rows if pattern.search(" ".join([r.wat, r.status, r.voortgang]))]
        if p.also:
            rows = [r for r in rows if all(x in r.partijen for x in p.also)]
        if p.alone and p.filters.partij:  # "alleen OCW en de MBO Raad": exactly the parties named
            rows = [r for r in rows if set(r.partijen) == {p.filters.partij, *p.also}]
        if p.without:
            rows = [r for r in rows if not any(x in r.partijen for x in p.without)]
        if p.doelstellingen:
            rows = [r for r in rows if r.doelstelling in p.doelstellingen]
        if p.prioriteiten:
            rows = [r for r in rows if r.prioriteit in p.prioriteiten]
        return rows

    def _in_wanneer(self, topic: str, filters) -> list[ActionRow]:
        """Rows whose Wanneer cell holds every word of the topic ("doorlopend", "januari 2023")."""
        return self._in_column("wanneer", topic, filters)

    def _in_column(self, column: str, topic: str, filters) -> list[ActionRow]:
        """Rows whose `column` cell holds every word of the topic: the Wanneer cell ("doorlopend"),
        or the Wie cell for a party the party list does not know by that word ("een expertisepunt
        als partij")."""
        want = self._terms(topic)
        if not want:
            return []
        scope = self.index.filter_rows(filters) if filters is not None and not filters.is_empty() else self.rows
        analyzer = self.index.lexical.analyzer
        out = []
        for r in scope:
            got = self._column_terms.get((column, r.id))
            if got is None:
                got = self._column_terms[(column, r.id)] = frozenset(analyzer.document_terms(getattr(r, column)))
            if want <= got:
                out.append(r)
        return out

    # -- many rows ------------------------------------------------------------------------------

    def _many(self, p: Plan, prev: Answer | None) -> Answer:
        f = p.filters
        in_wanneer = False
        if p.followup and prev is not None and len(prev.rows) == 1 and p.operation == "list":
            # "welke acties in 1.4 zijn vertraagd?" found one; "waarom niet?" is about that one.
            return self._compose(replace(p, operation="lookup"), prev.rows[0], [])
        if p.followup and prev is not None:
            keep = {r.id for r in self.index.filter_rows(f)}
            rows = [r for r in prev.rows if r.id in keep]
            # "wanneer moet dat klaar zijn?" after a list about vsv: the subject carried over from that
            # list chose its rows already; it is no word to look for in their Wanneer column.
            inherited = prev.plan is not None and p.topic == prev.plan.topic
            if p.topic and not inherited:
                # "welke daarvan gaan over burgerschap?": within the few earlier rows the words decide,
                # without the rank cut of a search over the whole report.
                if p.field == "wanneer" or p.named:
                    inside = {r.id for r in (self._in_wanneer(p.topic, f) if p.field == "wanneer" else
                                             self._naming(p.topic, f))}
                    rows = [r for r in rows if r.id in inside]
                else:
                    parts = [self._weighted_terms(t.strip()) for t in p.topic.split(" | ")]
                    rows = [r for r in rows if any(self._covered(a, r) >= TOPIC_MIN_COVERAGE for a in parts)]
        elif p.topic and fold(p.topic) in _STUDENT_TOPICS:
            # "wat doet de werkagenda voor studenten?": the actions that concern students directly
            # (student_rows: JOB is a party, or students are the subject of the action).
            keep = {r.id for r in self.index.filter_rows(f)}
            rows = [r for r in self.student_rows() if r.id in keep]
        elif p.topic:
            # "bij hoeveel acties staat bij wanneer 'doorlopend'?": the planning column itself.
            rows = self._in_wanneer(p.topic, f) if p.field == "wanneer" else \
                self._in_column("wie", p.topic, f) if p.field == "wie" and p.named else []
            if rows:
                in_wanneer = p.field == "wanneer"
            elif p.named:
                rows = self._naming(p.topic, f)
            else:
                rows = self.topic_rows(p.topic, f)
                known = self._known_part(p.topic, p.question) if not rows else ""
                if known:
                    # "welke acties gaan over het psychisch welzijn van mbo-studenten?": a word the
                    # report never uses in any form ("psychisch") selects no row, it only thins the
                    # rest out.
                    rows = self.topic_rows(known, f)
                for side in p.conjuncts:
                    # "praktijkgericht onderzoek en practoraten": the rows about a side that is a
                    # subject of its own (few rows use its words) join; "onderzoek" alone does not.
                    if self._specific(side):
                        have = {r.id for r in rows}
                        rows += [r for r in self.topic_rows(side, f) if r.id not in have]
                # "wat doet de werkagenda voor jongeren van 23 tot 27 zonder startkwalificatie?": the
                # ages the question gives narrow the subject to the rows that write them (numbers from
                # 10 up: "niveau 2" and small counts are no such detail)
                given = {n for n in self._numbers_asked(p.question) if int(n) >= 10}
                if given and len(rows) > 1:
                    holding = [r for r in rows if given <= set(self.index.lexical.row_terms[self._pos[r.id]])]
                    rows = holding or rows
                rows = self._with_head(p, rows)
            if not rows and not f.is_empty() and not self._names_a_subject(p.topic):
                # "welke SBB-acties hebben nieuws te melden?": within a party or doelstelling the
                # leftover words name no subject of their own; the scope is the answer.
                rows = self.index.filter_rows(f)
        else:
            rows = self.index.filter_rows(f)
        rows = self._in_scope(rows, p)
        scope = _scope_words(p)
        if in_wanneer:
            scope = _scope_words(replace(p, topic="")) + f", met '{p.topic}' in de kolom Wanneer"
        if not rows and p.topic and f.partij and p.operation == "compare" and not p.followup:
            # "wat is er veranderd bij de skillstaal door UWV en SBB?": the text names the party as
            # the doer while the Wie column does not; the actions about the subject that name it.
            rows = [r for r in self.topic_rows(p.topic, replace(f, partij=None))
                    if re.search(rf"\b{re.escape(f.partij)}\b", " ".join((r.wat, r.status, r.voortgang)), re.I)]
            if rows:
                scope = _scope_words(replace(p, filters=replace(f, partij=None))) + \
                    f" (die {f.partij} in de tekst noemen; in de kolom Wie staat {f.partij} daar niet)"
        if not rows and p.topic and not p.followup and p.operation != "compare" and not f.stand:
            # "wat doen scholen tegen depressie?": no row names the party and the topic together;
            # the question is still about one subject, so answer it as one.
            return self._lookup(replace(p, operation="lookup", filters=Filters()), prev)
        if not rows and p.followup and prev is not None and prev.rows and p.operation in ("list", "count"):
            # "en welke daarvan zijn al af?" after four actions about digitalisering: none of them,
            # an answer (not "not in the report"), with where each of them stands.
            asked = [x for x in (f"heeft stand '{f.stand}'" if f.stand else "",
                                 f"gaat over '{p.topic}'" if p.topic else "",
                                 f"noemt {f.partij} bij Wie" if f.partij else "") if x]
            n = len(prev.rows)
            text = (f"**Geen van de {n} acties uit het vorige antwoord {' en '.join(asked) or 'past hierbij'}.** "
                    "Hun stand: " + ", ".join(f"{r.id} ({self.stands.get(r.id, '')})" for r in prev.rows[:8]) +
                    (f" en {n - 8} meer" if n > 8 else "") + ".")
            return Answer(text, [Citation.of(r, _periods_of(r)) for r in prev.rows[:8]], [], kind=p.operation, count=0)
        if not rows:
            what = f"over '{p.topic}'" if p.topic else ""
            where = f" ({f.describe()})" if not f.is_empty() else ""
            text = f"**{NOT_IN_REPORT}** Geen acties {what}{where} gevonden.".replace("  ", " ")
            # Within a scope: the subject may have actions outside it ("welke afgeronde acties gaan over
            # stages?" when none is afgerond); when it has none anywhere the report does not cover it.
            elsewhere = self.topic_rows(p.topic) if p.topic and not f.is_empty() else []
            if elsewhere:
                n = len(elsewhere)
                text = f"**Geen acties {what}{where}.** Zonder die beperking {'gaat' if n == 1 else 'gaan'} " \
                       f"{n} {'actie' if n == 1 else 'acties'} {what}: " + \
                       ", ".join(f"{r.id} ({self.stands.get(r.id, '')})" for r in elsewhere[:5]) + \
                       (f" en {n - 5} meer" if n > 5 else "") + "."
            return Answer(text, abstained=p.topic != "" and not elsewhere, kind=p.operation, count=0)
        if p.operation == "compare":
            return self._compare(p, rows, scope)
        if p.operation == "list" and p.topic and len(rows) == 1 and f.is_empty() and not p.followup:
            # A subject only one action is about: answer it as that action (the one that names it,
            # when the question asks where it is named).
            if p.named:
                return self._compose(replace(p, operation="lookup"), rows[0], [])
            return self._lookup(replace(p, operation="lookup"), prev)
        ordered = sorted(rows, key=lambda r: self._pos[r.id]) if not p.topic else rows
        title = f"{len(rows)} {'actie' if len(rows) == 1 else 'acties'}{scope}"
        if p.operation == "list" and len(rows) == 1:
            # "en wat doet BZK?": one action in scope; what it is and how it stands, not only its title.
            one = self._compose(replace(p, operation="lookup"), rows[0], [], whole_wat=True)
            one.text = f"**{esc(title)}:**\n\n{one.text}"
            one.kind, one.count = p.operation, 1
            return one
        lines = [f"**{esc(title)}**", ""]
        lines += self._list_lines(ordered, p)
        cites = [Citation.of(r, _periods_of(r)) for r in ordered]
        return Answer("\n".join(lines), cites, ordered, kind=p.operation, count=len(rows))

    def _list_lines(self, rows: list[ActionRow], p: Plan) -> list[str]:
        """Grouped by doelstelling; the first LIST_SHOWN rows written out, the rest counted."""
        lines: list[str] = []
        shown = rows[:LIST_SHOWN]
        # A list of two or three actions ("welke acties horen bij 2.2?") is read as the answer
        # itself: each title long enough to say what the action is about.
        width, enough = (110, 40) if len(shown) > SHORT_LIST else (220, 80)
        groups: "OrderedDict[str, list[ActionRow]]" = OrderedDict()
        for r in sorted(shown, key=lambda r: self._pos[r.id]):
            groups.setdefault(r.doelstelling, []).append(r)
        for doel, members in groups.items():
            lines.append(f"*Doelstelling {doel}*")
            for r in members:
                stand = self.stands.get(r.id, "")
                if p.filters.stand == "afgerond" and stand != "afgerond":
                    stand += f"; al afgerond in {r.periods.status_moment}"
                detail = ""
                if p.field == "wie":
                    detail = f" — Wie: {esc(r.wie)}"
                elif p.field == "wanneer":
                    detail = f" — Wanneer: {esc(r.wanneer)}"
                lines.append(f"- **{r.id}** [{stand}] {esc(shorten(r.wat, width, enough, TITLE_SLACK))}{detail}")
                if len(shown) <= SHORT_LIST and p.field == "status":
                    # "welke acties onder 1.3 lopen nog?": for a few actions, where each stands now,
                    # in the first sentence of the latest period that says something
                    later = split_sentences(idem_rest(r))
                    first = later or split_sentences(r.status)
                    if first:
                        label = r.voortgang_label if later else r.status_label
                        lines.append(f"  *{label}:* {esc(first[0])}")
        if len(rows) > LIST_SHOWN:
            rest = len(rows) - LIST_SHOWN
            where = f" met filter {p.filters.describe()}" if not p.filters.is_empty() else ""
            lines += ["", f"… en nog {rest} {'actie' if rest == 1 else 'acties'}: zie het tabblad *Alle acties*{where}."]
        return lines

    def _compare(self, p: Plan, rows: list[ActionRow], scope: str) -> Answer:
        empty = [r for r in rows if not r.voortgang.strip()]
        same = [r for r in rows if r.voortgang.strip() and not self._reports_new(r)]
        changed = [r for r in rows if self._reports_new(r)]
        changed.sort(key=lambda r: self._pos[r.id])
        per = (rows[0] if rows else self.rows[0]).periods
        head = (f"**{len(changed)} van {len(rows)} acties{esc(scope)} melden in de {per.voortgang} iets nieuws "
                f"ten opzichte van de {per.status}.**")
        rest = []
        if same:
            rest.append(f"{len(same)} ongewijzigd sinds {per.status_moment} ({', '.join(r.id for r in same)})")
        if empty:
            rest.append(f"{len(empty)} zonder voortgang in {per.voortgang_year or 'de Voortgang'} ({', '.join(r.id for r in empty)})")
        lines = [head]
        if rest:
            lines.append("Verder: " + "; ".join(rest) + ".")
        lines.append("")
        quotes = []
        qterms = self._terms(p.topic)
        for r in changed[:LIST_SHOWN]:
            new = self._new_sentences(r, qterms)
            if len(changed) <= 2:
                # One or two changed actions: what is new in each, as in a one-action change answer
                # (up to three sentences, about 80 words, in the report's order).
                chosen: list[str] = []
                for sent in new:
                    if chosen and (len(chosen) >= 3 or word_count(" ".join(chosen + [sent])) > 80):
                        break
                    chosen.append(sent)
                order = split_sentences(idem_rest(r))
                new = sorted(chosen, key=lambda x: order.index(x) if x in order else 0)
            else:
                new = new[:1]
            lines.append(f"- **{r.id}** (Doelstelling {r.doelstelling}) {esc(shorten(r.wat, 90))}")
            if r.status.strip():
                lines.append(f"  *{r.status_label}:* {esc(shorten(r.status, 140))}")
            if new:
                lines.append(f"  *{r.voortgang_label}:* {esc(' '.join(new))}")
                quotes.extend(Quote.of(r, "voortgang", x) for x in new)
        if len(changed) > LIST_SHOWN:
            lines.append(f"… en nog {len(changed) - LIST_SHOWN} gewijzigde acties: zie het tabblad *Alle acties*.")
        cites = [Citation.of(r, ["status", "voortgang"]) for r in changed]
        return Answer("\n".join(lines), cites, changed, kind="compare", quotes=quotes, count=len(changed))

    # -- the report itself ----------------------------------------------------------------------

    def _meta(self, p: Plan) -> Answer:
        than = _MORE_THAN_DOEL.search(p.question)
        if than and p.meta in ("actions", "most", "least") and than.group(2) in self.doelstellingen and \
                re.search(r"\bwelke\b", p.question, re.I):  # not "heeft 3.2 meer acties dan 1.3?": side by side
            # "welke doelstellingen tellen meer acties dan doelstelling 3.2?": all of them, counted
            every = Counter(r.doelstelling for r in self.rows)
            n, more = every[than.group(2)], than.group(1).lower() == "meer"
            hits = [d for d, k in sorted(every.items(), key=lambda x: -x[1]) if (k > n if more else k < n)]
            head = (f"**{'Meer' if more else 'Minder'} acties dan doelstelling {than.group(2)} ({n}): "
                    + (", ".join(f"{d} ({every[d]})" for d in hits) if hits else "geen enkele doelstelling") + ".**")
            return Answer(head + "\n\n" + "\n".join(f"- Doelstelling {d}: {k}" for d, k in
                                                     sorted(every.items(), key=lambda x: -x[1])),
                          rows=[r for r in self.rows if r.doelstelling in hits], kind="meta", count=len(hits))
        rows = self._in_scope(self.index.filter_rows(p.filters) if not p.filters.is_empty() else self.rows, p)
        per_doel = Counter(r.doelstelling for r in rows)
        per_prio: "OrderedDict[int, list[str]]" = OrderedDict()
        for r in self.rows:
            if p.filters.prioriteit is None or r.prioriteit == p.filters.prioriteit:
                per_prio.setdefault(r.prioriteit, [])
                if r.doelstelling not in per_prio[r.prioriteit]:
                    per_prio[r.prioriteit].append(r.doelstelling)
        scope = _scope_words(p)
        if p.meta == "actions":
            text = f"**De rapportage telt {len(rows)} acties{esc(scope)}.**"
            if len(rows) < len(self.rows):
                text += f" Dat is {100 * len(rows) / len(self.rows):.0f}% van alle {len(self.rows)} acties."
            if re.search(r"\bgemiddeld\b", p.question, re.I) and per_doel:
                prios = Counter(r.prioriteit for r in rows)
                if re.search(r"\bprio(?:riteit)?\b", p.question, re.I) and len(prios) > 1:
                    # "hoeveel acties heeft een prio gemiddeld?": per prioriteit, not per doelstelling
                    avg = len(rows) / len(prios)
                    text += f" Gemiddeld {_decimal(avg)}" + f" acties per prioriteit ({len(prios)} prioriteiten)."
                else:
                    avg = len(rows) / len(per_doel)
                    text += f" Gemiddeld {_decimal(avg)}" + f" acties per doelstelling ({len(per_doel)} doelstellingen)."
            per_prio_n = Counter(r.prioriteit for r in rows)
            if len(per_prio_n) > 1:
                # Across prioriteiten: their subtotals first ("hoeveel acties per prioriteit?"), each
                # with its doelstellingen.
                text += "\n\n" + "\n".join(
                    f"- Prioriteit {pr}: {n} acties (" + ", ".join(
                        f"doelstelling {d}: {k}" for d, k in per_doel.items() if d.split(".")[0] == str(pr)) + ")"
                    for pr, n in sorted(per_prio_n.items()))
            elif len(per_doel) > 1:
                text += "\n\n" + "\n".join(f"- Doelstelling {d}: {n}" for d, n in per_doel.items())
            return Answer(text, rows=list(rows), kind="meta", count=len(rows))
        if p.meta in ("doelstellingen", "prioriteiten"):
            if p.meta == "prioriteiten":
                n = len(per_prio)
                text = f"**De rapportage heeft {n} prioriteiten.**\n\n" + "\n".join(
                    f"- Prioriteit {pr}: doelstellingen {', '.join(ds)}" for pr, ds in per_prio.items())
            elif p.size:
                doels = [d for ds in per_prio.values() for d in ds if fits_size(per_doel.get(d, 0), p.size)]
                how = {"=": "precies", ">": "meer dan", "<": "minder dan"}[p.size[0]]
                n = len(doels)
                text = (f"**{n} {'doelstelling heeft' if n == 1 else 'doelstellingen hebben'} {how} {p.size[1:]} "
                        f"acties{': ' + ', '.join(doels) if doels else ''}.**\n\n" +
                        "\n".join(f"- Doelstelling {d}: {per_doel.get(d, 0)} acties" for d in doels))
                return Answer(text, rows=[r for r in rows if r.doelstelling in doels], kind="meta", count=n)
            else:
                doels = [d for ds in per_prio.values() for d in ds]
                where = f" onder prioriteit {p.filters.prioriteit}" if p.filters.prioriteit is not None else ""
                n = len(doels)
                text = f"**Er {'is' if n == 1 else 'zijn'} {n} doelstellingen{where}: {', '.join(doels)}.**\n\n" + \
                    "\n".join(f"- Doelstelling {d}: {per_doel.get(d, 0)} acties" for d in doels)
            text += "\n\nDe rapportage nummert de doelstellingen; een titel per doelstelling staat er niet in."
            return Answer(text, kind="meta", count=n)
        if p.meta in ("most", "least") and re.search(r"\bprio(?:riteit)?\b(?!\s*[1-3])", p.question, re.I) and \
                (not re.search(r"\bdoel(?:stelling)?\b", p.question, re.I) or
                 re.search(r"\b(?:meeste|minste)\s+doelstellingen\b", p.question, re.I)):
            # "welke prio heeft de meeste acties?": the prioriteiten compared, not the doelstellingen;
            # "… de meeste doelstellingen?": their doelstellingen counted
            by_doel = bool(re.search(r"\b(?:meeste|minste)\s+doelstellingen\b", p.question, re.I))
            per_p = Counter({k: len(v) for k, v in per_prio.items()}) if by_doel else Counter(r.prioriteit for r in rows)
            pick = max(per_p.values()) if p.meta == "most" else min(per_p.values())
            winners = [str(k) for k, n in sorted(per_p.items()) if n == pick]
            word = "meeste" if p.meta == "most" else "minste"
            unit = "doelstellingen" if by_doel else "acties"
            text = (f"**Prioriteit {' en '.join(winners)} {'heeft' if len(winners) == 1 else 'hebben'} de {word} "
                    f"{unit}: {pick}.**\n\n" + "\n".join(
                        f"- Prioriteit {k}: {n}" + (f" ({', '.join(per_prio[k])})" if by_doel else "")
                        for k, n in sorted(per_p.items())))
            return Answer(text, rows=[r for r in rows if str(r.prioriteit) in winners], kind="meta", count=pick)
        if p.meta in ("most", "least"):
            pick = max(per_doel.values()) if p.meta == "most" else min(per_doel.values())
            winners = [d for d, n in per_doel.items() if n == pick]
            word = "meeste" if p.meta == "most" else "minste"
            if re.search(r"\bverschil\b", p.question, re.I) and re.search(r"\bgrootste\b", p.question, re.I) and \
                    re.search(r"\bkleinste\b", p.question, re.I):
                # "wat is het verschil tussen de grootste en de kleinste doelstelling?"
                big, small = max(per_doel.values()), min(per_doel.values())
                word = "meeste"
                return Answer(f"**Het verschil is {big - small} acties: de grootste doelstelling telt er {big}, de "
                              f"kleinste {small}.**\n\n" + "\n".join(f"- Doelstelling {d}: {n}" for d, n in
                                                                  sorted(per_doel.items(), key=lambda x: -x[1])),
                              rows=[], kind="meta", count=big - small)
            text = (f"**Doelstelling {' en '.join(winners)} {'heeft' if len(winners) == 1 else 'hebben'} de {word} "
                    f"acties: {pick}.**\n\n" + "\n".join(f"- Doelstelling {d}: {n}" for d, n in
                                                         # ranked, so "welke volgen daarna?" reads off the list
                                                         sorted(per_doel.items(), key=lambda x: -x[1] if p.meta == "most" else x[1])))
            return Answer(text, rows=[r for r in rows if r.doelstelling in winners], kind="meta", count=pick)
        if p.meta == "next":
            per = self.rows[0].periods
            return Answer(f"**De rapportage zegt niet wanneer een volgende rapportage verschijnt.** Ze beschrijft de "
                          f"{per.status} en de {per.voortgang}.", abstained=True, kind="meta")
        # periods
        per = self.rows[0].periods
        text = (f"**De rapportage geeft per actie twee standen: de {per.status} en de {per.voortgang}.**\n\n"
                "De Werkagenda mbo zelf loopt van 2023 tot en met 2027; de kolom *Wanneer* geeft per actie de "
                "planning. Over andere jaren rapporteert deze rapportage niet.")
        return Answer(text, kind="meta")

    # -- one action -----------------------------------------------------------------------------

    def _numbers_asked(self, question: str) -> set[str]:
        """Small numbers a question gives that the report also writes ("jongeren tot 27"): not a year
        (four digits), nor a doelstelling or a decimal ("3.2", "2,5")."""
        df = self.index.lexical.doc_freq
        return {n for n in re.findall(r"(?<![\d.,])\d{1,3}(?![\d.,]\d)", question) if n in df}

    def _terms(self, text: str) -> set[str]:
        lexical = getattr(self.index, "lexical", None)
        if lexical is None or not text:
            return set()
        return set(lexical.analyzer.query_terms(text))

    def _idf(self, term: str) -> float:
        lexical = getattr(self.index, "lexical", None)
        return lexical.idf(term) if lexical is not None else 1.0

    def _sentence_terms(self, sentence: str) -> frozenset[str]:
        """The analyzer's terms plus the compound parts as written: Snowball stems "reken" (a part
        of "rekeneisen") to "rek" but "rekenen" to "reken", so the part itself must match too."""
        cached = self._term_cache.get(sentence)
        if cached is None:

            analyzer = self.index.lexical.analyzer
            parts = {p for w in words(sentence) for p in analyzer.compound_parts(w)}
            cached = frozenset(analyzer.document_terms(sentence)) | parts
            if len(self._term_cache) < 20000:
                self._term_cache[sentence] = cached
        return cached

    def _relevance(self, sentence: str, qterms: set[str], money: bool = False) -> float:
        if not qterms:
            return 0.0
        terms = self._sentence_terms(sentence)
        shared = qterms & terms
        if money and len(shared) < len(qterms) and (_MONEY_STEMS & qterms) - shared and \
                (any(m in terms for m in _MONEY_TERMS) or "€" in sentence):
            # "krijgen scholen extra geld voor …?": the report says "€47,2 miljoen via de
            # lumpsumbekostiging", "de extra middelen" (as the coverage test, _weighted_terms)
            shared |= _MONEY_STEMS & qterms
        if len(shared) < len(qterms):
            # Snowball leaves a verb's -t/-d: "ondersteunt" must meet "ondersteund".
            loose = {_verb_base(t) for t in terms}
            shared |= {t for t in qterms - shared if _verb_base(t) in loose}
            # Snowball keeps the -s of a plural after a vowel: "niveaus" must meet "niveau".
            shared |= {t for t in qterms - shared if len(t) >= 5 and t.endswith("s") and t[-2] in "aeiou" and t[:-1] in terms}
        if len(shared) < len(qterms):
            # The sector's other form: "LOB" in the sentence for "loopbaanoriëntatie" asked.
            alts = self._alternatives(qterms)
            shared |= {t for t in qterms - shared if any(set(g) <= terms for g in alts.get(t, ()))}
        if len(shared) < len(qterms):
            # A long word asked as the first part of the sentence's compound: "portfolio" in "de
            # portfoliosystematiek is overgedragen aan …" (as the coverage test's word families).
            shared |= {t for t in qterms - shared if len(t) >= PREFIX_FAMILY and
                       any(x.startswith(t) for x in terms if len(x) > len(t))}
        # Summed in a fixed order: a set's order follows the process's string hashing, and a tie
        # between two sentences must not flip from one run to the next.
        return sum(self._idf(t) for t in sorted(shared)) / sum(self._idf(t) for t in sorted(qterms))

    def _alternatives(self, qterms: set[str]) -> dict:
        key = frozenset(qterms)
        got = self._alt_cache.get(key)
        if got is None:
            if len(self._alt_cache) >= 1024:
                self._alt_cache.clear()
            got = self._alt_cache[key] = GLOSSARY.alternatives(qterms)
        return got

    def _lookup(self, p: Plan, prev: Answer | None) -> Answer:
        # Money asked in everyday words ("meer geld") is the report's "bekostiging" or "middelen" when
        # the question is about what happens; in a figure question it is the kind of figure, which
        # must stand with the subject ("hoeveel geld zit er in het studentenfonds?", not a Groeifonds sum).
        cov = functools.partial(self._coverage, money=p.field != "figure")
        own_topic = p.topic
        if not p.followup and p.refers_back and prev is not None and prev.rows and p.topic and \
                self._continues(p, prev.rows[0], one=prev.kind == "lookup"):
            # "wanneer wordt daarover besloten?": "daarover" is the earlier subject, whose words
            # help pick the sentence that answers ("Begin 2026 … een besluit over de nieuwe taaleisen").
            # Only for the date or the doer: a status question's own words pick its sentences
            # ("welk bestuursakkoord …", "wat waren de thema's daarvan?").
            # A figure asked of it with no subject of its own ("hoeveel geld gaat daarnaar toe?")
            # is a figure of that subject too.
            # "met welk bedrag financiert het ministerie dit?": how the party takes part is what is
            # asked, not a subject the figure must stand with.
            if p.field in ("wie", "figure") and _TAKES_PART.search(p.topic):
                p = replace(p, topic=_relation_dropped(p.topic))
            # ("hoeveel mbo'ers hebben dat al aangevraagd?": the verb is no subject of its own)
            earlier = prev.subject if p.field in ("wanneer", "wie") or \
                (p.field == "figure" and (not self._subject_terms(p) or
                                          all(_GE_PARTICIPLE.fullmatch(fold(w).lower()) for w in p.topic.split()))) else ""
            p = replace(p, followup=True, topic=" ".join(dict.fromkeys(f"{earlier} {p.topic}".split())))
        if p.followup and prev is not None and prev.rows:
            if p.field in ("wie", "wanneer") and prev.kind in ("list", "compare") and \
                    2 <= len(prev.rows) <= LIST_SHOWN and not own_topic:
                # "wie is daarvoor aan zet?" after a short list: the parties (or planning) of each.
                return self._many(replace(p, operation="list", topic=prev.plan.topic if prev.plan else ""), prev)
            row = prev.rows[0]
            if p.field == "wanneer" and _START_ASKED.search(p.question) and len(prev.rows) > 1 and \
                    not self._points_at(p.question, row):  # not "wanneer zou die uitbreiding ingaan?"
                # "en vanaf wanneer gaat dat in?" after an answer that also showed a related action:
                # the start may be told there ("streefdatum voor inwerkingtreding 1 augustus 2026").
                subject = self._terms(prev.subject) if prev.subject else set()
                starts = functools.partial(self._start_relevance, terms=subject)
                best_start = max(prev.rows[:3], key=starts)
                if starts(row) < 0 <= starts(best_start):
                    row = best_start
            return self._unnamed_doer(p, self._compose(p, row, []))
        if p.person:
            return self._refuse(p, "De rapportage noemt geen namen van personen.", self._search(p.question, None).hits)
        # Retrieval sees the whole question, as before the planner (measured on the 93 answerable
        # single-action questions: the whole question Hit@1 0.882 / Hit@3 0.946, the topic alone
        # 0.871 / 0.925); the topic decides coverage and which sentences answer.
        search_text = p.topic or p.question
        scope = p.filters if not p.filters.is_empty() else None
        # an everyday word's report word joins the search ("gemeten" meets "peiling"); the
        # abbreviations' long forms do not (development: -5 lookups, "LOB", "bbl" pulled elsewhere)
        extra = EVERYDAY.expansion(standalone_terms(p.question), longs=False)
        res = self._search(f"{p.question} {extra}" if extra else p.question, scope)
        if (not res.hits or not res.confident) and p.topic:
            # The question's own frame can make retrieval unsure ("burgerschap, wat is de update?"
            # has "update", a word the report never uses); its topic alone may not be.
            alt = self._search(search_text, scope)
            if alt.hits and alt.confident:
                res = alt
        if not res.hits and scope is not None:
            res = self._search(p.question, None)
        if p.filters.jaar is not None and res.hits and p.topic and \
                cov(search_text, res.hits[0].row) < LOOKUP_MIN_COVERAGE:
            # "wat gebeurt er in 2028 met de middelen voor het carrièreperspectief?": no row about the
            # subject names the year; the one that does is about something else.
            free_scope = replace(p.filters, jaar=None)
            free = self._search(p.question, None if free_scope.is_empty() else free_scope)
            if free.hits and cov(search_text, free.hits[0].row) >= LOOKUP_MIN_COVERAGE:
                return self._refuse(p, f"De rapportage noemt hierover niets voor {p.filters.jaar}.", [],
                                    rows=[h.row for h in free.hits[:3]])
        pointed = False
        if p.refers_back == "weak" and prev is not None and 1 < len(prev.rows) <= SHORT_LIST and \
                any(self._points_at(p.question, r) for r in prev.rows):
            # "wanneer moet die aanpassing in werking treden?" after two actions on changing the
            # Ekb: a demonstrative with a noun those actions write points into them.
            p = replace(p, refers_back="strong")
        if p.refers_back == "weak" and prev is not None and len(prev.rows) == 1 and prev.kind == "lookup" and \
                not prev.abstained and self._points_at(re.sub(r"\b(?:die|dat|deze|dit)\s+(?=[A-Z])", " ", p.question),
                                                       prev.rows[0]):
            # "en wat is de looptijd van dat groeifondsproject?" after one action that writes "Groeifonds
            # project": the pointer says which action, though another matches the words as well. (Not
            # a name: "die Gezonde School aanpak" is the one row that names it.)
            return self._unnamed_doer(p, self._compose(replace(p, followup=True), prev.rows[0], []))
        if p.refers_back == "strong" and prev is not None and len(prev.rows) > 1 and res.hits:
            # "wat is er veranderd aan die subsidie voor leerbedrijven?" after a list: "die" points
            # into that list, so its best match leads when it matches about as well as any row.
            listed = {r.id for r in prev.rows}
            wide = self._search(p.question, scope, k=max(30, len(prev.rows)))
            inside = next((h for h in wide.hits if h.row.id in listed), None)
            short = len(prev.rows) <= SHORT_LIST  # all the reader sees: "die aanpassing" is one of them
            if inside is not None and (inside.row.id != res.hits[0].row.id or short) and \
                    (inside.score >= 0.5 * res.hits[0].score or short):
                pointed = True
                # the pointer, not the words, says which action: retrieval's doubt about a word of
                # the question ("ingaan") is no reason to refuse
                res = dataclasses.replace(res, hits=[inside, *[h for h in res.hits if h.row.id != inside.row.id]],
                                          confident=res.confident or short)
        if res.hits and not res.confident and p.topic:
            # Retrieval's gate counts a word the report writes in another form ("gepeild" for
            # "peiling", "NPULS" asked as "hoe ver is npuls") as unknown. Every content word of the
            # topic known in some form, and the best row holding enough of them, is an answer.
            unknown, content = self._unknown_words(p.topic)
            # a participle ("gemeten") is the question's verb: no subject the report lacks
            unknown = [w for w in unknown if not _GE_PARTICIPLE.fullmatch(w)]
            vocab = self.index.lexical.analyzer.vocabulary
            # a short name the report never writes ("bij duo") is unknown too
            # (an abbreviation whose long form the glossary knows, "RIF", is known)
            short_unknown = [w for w in words(p.topic) if 3 <= len(w) < 5 and w not in vocab and not w.isdigit()
                             and not GLOSSARY.longs.get(stem(w))]
            if content and not unknown and not short_unknown and \
                    cov(search_text, res.hits[0].row) >= LOOKUP_RESCUE_COVERAGE:
                res = dataclasses.replace(res, confident=True)
        if not res.hits or not res.confident:
            return self._refuse(p, NOT_IN_REPORT, res.hits)
        if p.uncovered_year is not None and not self._year_in_a_name(p):
            per = self.rows[0].periods
            return self._refuse(p, f"De rapportage beschrijft de stand van {per.status_moment} en van "
                                   f"{per.voortgang_year or 'daarna'}; over "
                                   f"{p.uncovered_year} zegt ze niets.", res.hits)
        naming = self._rows_naming(p.question)
        named = naming[0] if len(naming) == 1 else None
        if prev is not None and prev.kind == "lookup" and prev.rows and not prev.abstained and named is None and \
                not pointed and len(res.hits) > 1 and res.hits[0].row.id != prev.rows[0].id and \
                not _NEW_SUBJECT.match(p.question):
            # "waarom is de beschikking in 2024 aangepast?" right after the digital-skills programme,
            # whose Voortgang tells of that change: the action just answered, scored within a hair
            # of the best, is the one the conversation is about.
            kept = next((h for h in res.hits[1:3] if h.row.id == prev.rows[0].id), None)
            if kept is not None and kept.score >= CONTINUITY_SCORE_SHARE * res.hits[0].score:
                res = dataclasses.replace(res, hits=[kept, *[h for h in res.hits if h is not kept]])
                pointed = True  # the conversation says which action: no relead by the words below
        if len(naming) > 1 and res.hits[0].row not in naming:
            # "wat is er gebeurd met het programma Vaardig met Vaardigheden?": two rows write the
            # name; the better ranked of them leads a row that never writes it
            hit = next((h for h in res.hits if h.row in naming), None)
            if hit is not None:
                res = dataclasses.replace(res, hits=[hit, *[h for h in res.hits if h is not hit]])
        if named is not None and named.id != res.hits[0].row.id:
            # "het programma Digitaal Onderwijs Goed Geregeld": a name of several capitalised words
            # that one row writes, and only that row, names the action asked about.
            hit = next((h for h in res.hits if h.row.id == named.id), None)
            if hit is not None:
                res = dataclasses.replace(res, hits=[hit, *[h for h in res.hits if h.row.id != named.id]])
        # the rows compared by the subject and by a number the question gives ("jongeren tot 27")
        cover_text = " ".join([search_text, *self._numbers_asked(p.question)])
        if p.field == "wie" and _TAKES_PART.search(cover_text) and self._names_a_subject(_relation_dropped(cover_text)):
            # "welke organisatie helpt OCW met internationalisering?": the rows are compared by
            # what the help is about, not by "organisatie" or "helpt"
            cover_text = _relation_dropped(cover_text)
        if p.topic and len(res.hits) > 1 and named is None and not pointed and \
                cov(cover_text, res.hits[0].row) < LOOKUP_MIN_COVERAGE:
            # The question's frame can lift a row that shares none of its subject ("is er iets
            # geregeld rond mdt?" and a row that says "geregeld in overleg"): a close runner-up that
            # holds the subject leads.
            alt = max(res.hits[1:3], key=lambda h: cov(cover_text, h.row))
            # A best row with no word of the subject at all ("vanaf wanneer is nazorg … wettelijk
            # geregeld?" and "geregeld in overleg") gives way to one holding a fair part of it.
            need = LOOKUP_MIN_COVERAGE if cov(cover_text, res.hits[0].row) == 0 else LOOKUP_RELEAD_COVERAGE
            if cov(cover_text, alt.row) >= need:
                res = dataclasses.replace(res, hits=[alt, *[h for h in res.hits if h.row.id != alt.row.id]])
        if p.topic and len(res.hits) > 1 and named is None and not pointed:
            # A runner-up scored almost as high that holds clearly more of the subject: "de
            # subsidieregeling voor de aansluiting tussen vo, mbo en hbo" is 1.4-02's, not the
            # praktijkleren one that shares "subsidieregeling … verlengd".
            first = res.hits[0]
            close = [h for h in res.hits[1:3] if h.score >= RELEAD_SCORE_SHARE * first.score]
            second = max(close, key=lambda h: cov(cover_text, h.row), default=None)
            c1 = cov(cover_text, first.row)
            c2 = cov(cover_text, second.row) if second is not None else 0.0
            # ... or every word of the subject where the best misses a fifth of it: "het afstemmen
            # van onderwijsprogramma's tussen vo, mbo en hbo" (1.00) over a LOB agenda (0.79)
            if second is None or not (c2 >= c1 + RELEAD_COVERAGE_GAIN or (c2 >= 0.999 and c1 < RELEAD_WHOLE_BELOW)):
                # ... or, further behind, one holding far more of it: "krijgt een bedrijf geld als het een
                # bbl'er begeleidt?" is 2.2-02's subsidy (0.80 of the words) over the bbl-offensief (0.32)
                far = [h for h in res.hits[1:3] if h.score >= RELEAD_FAR_SHARE * first.score]
                second = max(far, key=lambda h: cov(cover_text, h.row), default=None)
                c2 = cov(cover_text, second.row) if second is not None else 0.0
                if c2 < c1 + RELEAD_FAR_GAIN:
                    second = None
            if second is not None:
                res = dataclasses.replace(res, hits=[second, *[h for h in res.hits if h is not second]])
        if p.topic and len(res.hits) > 1 and named is None and not pointed and len(naming) <= 1:
            # "en de subsidie die werkgevers voor praktijkleren krijgen, loopt die door?": 2.3-05 names
            # the subsidieregeling praktijkleren in its third sentence, among other instruments; 2.2-02
            # is about it from its first sentence on. A close runner-up whose action opens with the
            # subject, about it as much, is the action asked about.
            first = res.hits[0]
            terms = self._terms(cover_text)

            def opening(row: ActionRow) -> float:
                return self._relevance(next(iter(split_sentences(row.wat)), ""), terms)

            need = max(HEAD_RELEAD_MIN, opening(first.row) + HEAD_RELEAD_GAIN)
            first_cov = cov(cover_text, first.row)
            head = next((h for h in res.hits[1:3] if h.score >= HEAD_RELEAD_SCORE_SHARE * first.score and
                         opening(h.row) >= need and cov(cover_text, h.row) >= first_cov), None)
            if head is not None:
                res = dataclasses.replace(res, hits=[head, *[h for h in res.hits if h is not head]])
        if p.field == "wie" and p.topic and len(res.hits) > 1 and named is None and not pointed:
            # "wie ontwikkelen het peilingsonderzoek burgerschap?": one row says "Voor burgerschap is
            # ook een peilingsonderzoek in ontwikkeling", a close runner-up "Het NRO en de Inspectie
            # … hebben de opdracht gekregen om een peilingsonderzoek Burgerschap MBO te ontwikkelen".
            # For a doer, the row whose sentence on the subject names one leads.
            subject = self._terms(cover_text)
            first = res.hits[0]
            close = [h for h in res.hits[1:3] if h.score >= WHO_RELEAD_SCORE_SHARE * first.score]
            doing = {h.row.id: self._doer_relevance(h.row, subject, p.question) for h in [first, *close]}
            doer = max(close, key=lambda h: doing[h.row.id], default=None)
            if doer is not None:
                mine, theirs = doing[first.row.id], doing[doer.row.id]
                # ... or, where the best row names nobody at all on it, one that names a doer on half of it
                if theirs >= WHO_DOER_RELEVANCE and mine < theirs - RELEAD_COVERAGE_GAIN or \
                        mine == 0.0 and theirs >= WHO_DOER_SOME:
                    res = dataclasses.replace(res, hits=[doer, *[h for h in res.hits if h is not doer]])
        if p.field == "change" and p.topic and len(res.hits) > 1 and named is None and not pointed and \
                not self._reports_new(res.hits[0].row):
            # "wat is er veranderd bij de nieuwe kwalificatie-eisen voor burgerschap?": the best row
            # reports nothing new (no or an "Idem." Voortgang); a runner-up scored almost as high,
            # about the subject as much, whose Voortgang tells of a change is the one asked about.
            first = res.hits[0]
            first_cov = cov(cover_text, first.row)
            alt = next((h for h in res.hits[1:3] if h.score >= CHANGE_RELEAD_SCORE_SHARE * first.score and
                        self._reports_new(h.row) and cov(cover_text, h.row) >= first_cov), None)
            if alt is not None:
                res = dataclasses.replace(res, hits=[alt, *[h for h in res.hits if h is not alt]])
        best = res.hits[0]
        dense = best.dense
        covered = cov(search_text, best.row)
        loose = p.topic and covered < LOOKUP_MIN_COVERAGE and not (dense == dense and dense >= LOOKUP_DENSE_SURE)
        if loose and prev is not None and prev.kind == "lookup" and prev.rows and not prev.abstained and \
                named is None and cov(search_text, prev.rows[0]) >= LOOKUP_KEEPS_PREVIOUS:
            # "wat hebben de scholen met elkaar afgesproken?" right after the cyberveiligheid answer
            # ("een convenant … waarin een gezamenlijke aanpak is afgesproken"): no row holds the
            # words well, the action just answered does: the question is about it.
            return self._unnamed_doer(p, self._compose(replace(p, followup=True), prev.rows[0], []))
        # "Zie ook": the other rows that pass the topic-list cutoff, so a question about a subject
        # several actions share ("stages") also shows the rest of them.
        related = [r for r in self.topic_rows(search_text, p.filters if not p.filters.is_empty() else None)
                   if r.id != best.row.id][:5]
        if p.field == "figure":
            # The figure may sit in the second or third row found ("extra geld voor studenten met
            # taal- en rekenachterstanden"): the row whose sentence holds it leads.
            found = self._figure_candidates(p, [h.row for h in res.hits[:5]])
            best_row = found[0][4] if found else None
            # Only to a row about the subject about as much as the best one: "hoeveel geld zit er in
            # het Regionaal Investeringsfonds?" must not be answered by a Groeifonds amount.
            # (by the subject: the money word of "hoe groot is het budget voor …" is the kind of figure
            # asked, which the row's sentence holds in its own words, "142 miljoen euro")
            about = " ".join(w for w in search_text.split() if fold(w).lower() not in _MONEY_ASKED) or search_text
            if best_row is not None and best_row.id != best.row.id and \
                    cov(about, best_row) < 0.8 * cov(about, best.row):
                best_row = None
            if best_row is not None and best_row.id != best.row.id:
                related = [best.row, *[r for r in related if r.id != best_row.id]]
                best = next(h for h in res.hits if h.row.id == best_row.id)
        if p.field == "wanneer" and len(res.hits) > 1:
            # The dated sentence may sit in the second or third row found ("wanneer komt de eerste
            # live-versie van CompetentNL?" is told under the LLO-Katalysator): a row whose dated
            # sentence answers clearly better, and that is about the subject as much, leads.
            qterms = self._terms(search_text)

            def dated_rel(row: ActionRow) -> float:
                return max((rel for cell in ("voortgang", "status", "wat")
                            for rel, _ in self._in_context(row, cell, qterms, has_date)), default=0.0)

            own = dated_rel(best.row)
            alt_rel, alt = max(((dated_rel(h.row), h) for h in res.hits[1:3]), key=lambda x: x[0])
            # Measured on the 105 single-action questions: also switching to a row whose dated
            # sentence names the kind of moment asked ("vanaf wanneer") cost one question (q044).
            if alt_rel >= max(0.5, 1.5 * own) and \
                    cov(search_text, alt.row) >= 0.8 * cov(search_text, best.row):
                related = [best.row, *[r for r in related if r.id != alt.row.id]]
                best = alt
            elif _START_ASKED.search(p.question) and not _END_ASKED.search(p.question):
                # "per wanneer moeten de aanvullende eisen ingaan?": a start is asked; the best row
                # dates only a step ("t/m 14 september 2025"), a runner-up about the subject as much
                # names the start ("beoogde inwerkingtreding … op 1 augustus 2027").
                starts = functools.partial(self._start_relevance, terms=qterms)
                # (the planned start in the Wanneer cell, "voorzien per 2025", answers too)
                if starts(best.row) < 0 and not (_START_SAID.search(best.row.wanneer) and has_date(best.row.wanneer)):
                    alt = next((h for h in res.hits[1:] if starts(h.row) > START_ELSEWHERE_RELEVANCE and
                                cov(search_text, h.row) >= 0.8 * cov(search_text, best.row)), None)
                    if alt is not None:
                        related = [best.row, *[r for r in related if r.id != alt.row.id]]
                        best = alt
        reason = self._not_in_row(p, best.row)
        if reason:
            return self._refuse(p, reason, [], rows=[best.row, *related][:3])
        ans = self._compose(p, best.row, related, hits=res.hits)
        ans = self._unnamed_doer(p, ans)
        ans = self._other_things_doers(p, best.row, ans)
        if p.field == "wanneer" and not ans.abstained and (_START_ASKED.search(p.question) or _END_ASKED.search(p.question)) \
                and not any(has_date(q.text) for q in ans.quotes):
            # "per wanneer treedt de wet in werking?" answered by "Planning: Doorlopend": no moment
            return self._refuse(p, "De rapportage noemt hiervoor geen datum of jaar.", [], rows=[best.row, *related][:3])
        # A name in the question (capitalised, not the first word) the report never uses in any form,
        # and the closest action holds little of the rest ("op welke dag valt Koningsdag?"): not about
        # this report. Measured: any unknown word instead (also "omhoog", "gepeild") cost 2 answerable
        # single-action questions and 1 development topic question ("woonruimte").
        names = {fold(w) for w in re.findall(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]+", p.question.strip())}
        unknown = [w for w in self._unknown_words(search_text)[0] if w in names] if loose else []
        if loose and unknown and not ans.abstained:
            return self._refuse(p, f"De rapportage noemt {' en '.join(unknown)} nergens.", [],
                                rows=[best.row, *related][:3])
        # A three-letter word the report never writes is mostly an acronym typed in lower case
        # ("welke btw-tarieven gelden er?", "bij duo"): a name too, when the closest action holds
        # little. (Four letters also refused "hoge cijfers" and a follow-up; "oud-studenten" is no
        # acronym: written in capitals, without a vowel, or standing alone.)
        vocab = self.index.lexical.analyzer.vocabulary
        short = [w for w in words(search_text) if len(w) == 3 and w not in vocab and w not in STOPWORDS and
                 not w.isdigit() and _looks_like_acronym(w, p.question) and not GLOSSARY.longs.get(stem(w))] \
            if loose else []
        if short and not ans.abstained:
            return self._refuse(p, f"De rapportage noemt {' en '.join(short)} nergens.", [],
                                rows=[best.row, *related][:3])
        asked_kind = re.search(r"\b(?:welke|welk|wat voor(?: een)?)\s+([\w'’-]+)", p.question, re.I) if loose else None
        if asked_kind and not ans.abstained and \
                fold(asked_kind.group(1)).lower() in {fold(w).lower() for w in self._unknown_words(p.topic)[0]}:
            # "welke laptop is goed voor school?": the kind of thing asked for is one the report never
            # names in any form; the closest action cannot be one of them
            return self._refuse(p, f"De rapportage noemt {asked_kind.group(1)} nergens.", [],
                                rows=[best.row, *related][:3])
        if loose and not ans.abstained:
            # Measured: refusing here cost 7 answerable questions of the single-row set; a hedge
            # tells the reader to check instead (the same test as before, index/confidence.py).
            ans.text = "*Ik weet niet zeker of de rapportage hierover gaat; dit is de actie die er het dichtst " \
                       "bij komt.*\n\n" + ans.text
        return ans

    def _start_relevance(self, row: ActionRow, terms: set[str]) -> float:
        """How well the row's best dated sentence that names a start ("beoogde inwerkingtreding …",
        "gelanceerd in …") matches the terms; -1 when no sentence names one."""
        return max((rel for cell in ("voortgang", "status", "wat")
                    for rel, sents in self._in_context(row, cell, terms, has_date)
                    if _START_SAID.search(" ".join(sents))), default=-1.0)

    def _other_things_doers(self, p: Plan, row: ActionRow, ans: Answer) -> Answer:
        """"Welke partijen ondertekenen het Pact Opleiden voor de Arbeidsmarkt van de Toekomst?":
        the row's Wie names the parties of the action, not of a thing it only mentions. A name of
        two or more capitalised words that the action's own Wat does not hold, and no sentence
        quoted that names a doer of it: the report does not say who."""
        if p.field != "wie" or ans.abstained or any(q.cell != "wie" and self._acts(q.text) for q in ans.quotes):
            return ans
        names = [n for n in re.findall(r"(?<!^)\b[A-Z][\w-]+(?:\s+(?:(?:van|voor|de|het|en|in)\s+){0,2}[A-Z][\w-]+)+",
                                       p.question.strip()) if len(n.split()) >= 2]
        wat = fold(row.wat).lower()
        # a party ("in opdracht van MBO Raad, VNG en OCW") is one who acts, not a thing mentioned
        names = [n for n in names if not find_parties(n, self.parties)[0]]
        thing = next((n for n in names if fold(n).lower() not in wat and fold(n).lower() in fold(
            " ".join((row.status, row.voortgang))).lower()), None)
        if thing is None:
            return ans
        ans.abstained = True
        ans.text = (f"**De rapportage noemt {thing}, maar niet wie daarbij betrokken zijn.** De partijen van "
                    f"de actie waarin het genoemd wordt:\n\n" + ans.text)
        return ans

    def _doer_relevance(self, row: ActionRow, subject: set[str], question: str = "") -> float:
        """How well the row's best sentence that names one who acts (_acts), or an organisation the
        question does not name ("subsidie verleend aan het Expertisepunt Burgerschap"), holds the subject."""
        return max((self._relevance(s, subject) for c in (row.wat, row.status, idem_rest(row))
                    for s in split_sentences(c) if self._acts(s) or _names_a_doer(s, question)), default=0.0)

    def _unnamed_doer(self, p: Plan, ans: Answer) -> Answer:
        """"aan welke partij is het beheer overgedragen?" - "… overgedragen aan een externe partij":
        the report says that someone does it, not who. Said plainly, with what it does say."""
        if p.field in ("wie", "status") and _ASKS_NAME.search(p.question) and not ans.abstained:
            said = [q.text for q in ans.quotes if q.cell in PERIOD_CELLS or q.cell == "wat"]
            lead = next((t for t in said if _INDEFINITE_DOER.search(t)), None)
            if lead is not None and not _names_a_doer(_INDEFINITE_DOER.sub(" ", lead), p.question):
                ans.abstained = True
                ans.text = "**De rapportage noemt niet welke partij dat is; ze zegt alleen dit:**\n\n" + ans.text
        return ans

    def _head_terms(self, head: str) -> set[str]:
        """The terms of the whole word, not its compound parts: "taalinterventies" is not every
        sentence about "taal"."""
        if not head:
            return set()
        whole = len(stem(fold(head).lower()))
        return {t for t in self._terms(head) if len(t) >= whole - 2} or self._terms(head)

    def _not_in_row(self, p: Plan, row: ActionRow) -> str | None:
        """What the question asks for that the row (the best the report has) does not hold, in
        Dutch; None when the row can answer. Shapes of question that sound answerable but ask
        for something the report does not give:
        - a code or name it never uses ("2F of 3F"): it cannot hold a fact about it;
        - the content of something it only names ("wat houden de vijf actielijnen in?"), or the
          items of a set it only counts ("welke twee taalinterventies?", "wie zitten er in de
          expertgroep?"): it needs more than the sentence that mentions it, an enumeration;
        - a named organisation, school or city ("welk onderzoeksbureau?"): a name in the text;
        - results of something it only announces: a sentence that reports an outcome;
        - an opinion ("wat vindt JOB van …?"): a sentence that states one;
        - an exact date ("op welke datum precies?"): a day and a month."""
        vocab = self.index.lexical.analyzer.vocabulary
        # (not an abbreviation the glossary spells out, "RIF" for the Regionaal Investeringsfonds)
        strange = [t for t in _SPECIFIC.findall(p.question) if fold(t) not in vocab and not fold(t).isdigit()
                   and not GLOSSARY.longs.get(stem(fold(t).lower()))]
        if strange:
            return f"De rapportage noemt {' en '.join(dict.fromkeys(strange))} nergens."
        named = _NAMED_PROGRAMME.search(p.question)
        if named:
            # "wat is de baankans van de opleiding kok?": one opleiding by a name (up to the next
            # function word) with a word the report never writes; it speaks of opleidingen in general.
            name = list(itertools.takewhile(lambda w: fold(w).lower() not in STOPWORDS and fold(w).lower() not in _NOT_A_NAME,
                                            re.findall(r"[\w'’-]+", named.group(2))))[:3]
            df = self.index.lexical.doc_freq
            if name and any(not any(t in df for t in self._terms(w)) for w in name):
                return f"De rapportage noemt de {named.group(1).lower()} {' '.join(name)} nergens."
        unknown, content = self._unknown_words(p.topic)
        if unknown and 2 * len(unknown) > len(content):
            # Most of what the question is about occurs nowhere in the report, not even as a word of
            # the same family, a compound part or a near spelling ("welke zorgverzekering is het
            # goedkoopst voor studenten?"): the closest row cannot be about it.
            return f"De rapportage noemt {' en '.join(unknown)} nergens."
        cells = [idem_rest(row), row.status, row.wat]
        sentences = [s for c in cells for s in split_sentences(c)]
        subject = self._terms(p.topic)
        relevant = [s for s in sentences if self._relevance(s, subject) >= 0.3] if subject else sentences
        asked = fold(p.question).lower()
        m = _MEMBERS.search(p.question) or _MEMBERS_LISTED.search(p.question)
        counted = None
        if not m or not any(m.groups()):
            # "welke regio's zitten in die opschaling naar 20 regio's?": the question gives the count
            # of what it asks to be named, further on ("welke branches precies …, de zes
            # techniekbranches": a compound of the same head)
            w = re.search(r"\bwelke\s+(?=([\w'’-]+))", p.question, re.I)
            again = re.search(rf"\b{_NUMBER_ALT}\s+[\w'’-]*?{re.escape(w.group(1))}(?!\w)",
                              p.question[w.end() + len(w.group(1)):], re.I) if w else None
            if again:
                m, counted = m or w, again.group(1)
        if m:
            head = next((w for w in re.findall(r"[\w'-]+", p.question[m.end():])
                         if fold(w) not in _NOT_HEAD and not w.isdigit()), "")
            if fold(head).lower() in _PARTY_NOUNS and _TAKING_PART_ASKED.search(p.question) and \
                    len(row.partijen) >= 2 and not counted and not any(g for g in m.groups() if g):
                # "welke partijen werken er aan de monitor precies mee?": the action's own parties, which
                # its Wie names; not the members of a group it sets up ("wie zitten er in de expertgroep?")
                m = None
        if m:
            key = self._head_terms(head)
            mentions = [s for s in sentences if key & self._sentence_terms(s)] if key else []
            # "uit welke vier onderdelen bestaat de verbeteragenda?": the cell may list them as
            # "1. … 2. … 3. … 4. …" without the word the question uses for them.
            numbered = max((_numbered_items(c) for c in cells if subject and self._relevance(c, subject) >= 0.3),
                           default=0)
            # names the question itself holds ("de Expertgroep Nieuwe taal-eisen") are not its members
            # nor the action's own parties: "Hiertoe stelt OCW in afstemming met de MBO Raad, NRTO en
            # BVMBO een expertgroep aan" names who set the group up (the Wie cell), not who sits in it
            own = asked + " " + fold(row.wie).lower()
            wie_names = [w.strip() for w in re.split(r"[,;()]|\ben\b", row.wie) if len(w.strip()) > 1]

            def without_wie(x: str) -> str:
                for w in wie_names:
                    x = re.sub(rf"(?:\bde |\bhet )?\b{re.escape(w)}\b", "X", x)
                return re.sub(r"X(?:\s*(?:,|\ben\b|\bof\b)\s*X)+", "X", x)

            def members_named(s: str) -> int:
                # not the group's own name ("de Expertgroep Nieuwe taal-eisen"), nor the Kamer it
                # reported to ("aan de TK aangeboden")
                return len([n for n in (*_names(s), *self._rare_acronyms(s))
                            if fold(n).lower() not in own and not (key & self._sentence_terms(n))
                            and n not in ("TK", "EK") and not _RECIPIENT.fullmatch(n)])

            # "In de begeleidingsgroep … zitten zowel de MBO Raad als docentenvertegenwoordigers": a
            # sentence that says who sits in it answers, Wie parties included
            seated = [s for s in mentions if re.search(r"\b(?:zit|zitten|zat|zaten|bestaat uit|bestond uit)\b", s, re.I)
                      and (re.search(r"\bzowel\b.+\bals\b", s, re.I) or _ENUMERATION.search(s))]
            if key and not numbered and not seated and not any(_ENUMERATION.search(without_wie(s)) or members_named(s) >= 2
                                                               for s in mentions):
                return (f"De rapportage noemt {head}, maar somt niet op wie of wat daar onder valt." if mentions else
                        f"De rapportage somt geen {head} op.")
            # "welke 20 regio's?": a sentence naming two of them does not answer; it must name as many.
            number = counted or next((g for g in m.groups() if g), None)
            wanted = _NUMBER_WORDS.get(number.lower()) if number and not number.isdigit() else \
                (int(number) if number else None)
            if key and wanted and wanted > 2 and numbered < wanted and not any(len(_names(s)) >= wanted for s in mentions):
                return f"De rapportage somt geen {wanted} {head} op."
        m = _DETAIL.search(p.question)
        if m:
            # "wat houdt de actie over het Examenbesluit in?": the action is the frame, its subject the head
            after, framed = re.subn(r"^\W*(?:de |het |een |die |deze )?(?:actie|acties|maatregel|maatregelen|afspraak|afspraken)"
                                    r"\s+(?:over|rond|rondom|van|voor|met|bij)\b", " ", p.question[m.end():], flags=re.I)
            head = next((w for w in re.findall(r"[\w'-]+", after) if fold(w) not in _NOT_HEAD and not w.isdigit()), "")
            if fold(head) in _REPORT_WORDS:
                head = ""  # "wat staat er in de werkagenda over …?" asks about the subject, not the report
            named = re.search(rf"\b{re.escape(head)}\s+([A-Z][\w'’-]+)", after) if head else None
            asked_name = None
            if named and fold(head).lower() in _KIND_NOUNS:
                # "wat houdt het programma Helder op school in?": the name is what is asked about, not
                # the kind of thing it is (other programmes are named and described)
                head = named.group(1)
                asked_name = "'" + re.sub(r"[\s?!.]*(?:\b(?:precies|eigenlijk|nou|inhoudelijk|concreet)\b[\s?!.]*)*(?:\bin\b)?[\s?!.]*$",
                                          "", after[named.start(1):]).strip() + "'"
            key = self._head_terms(head)
            mentions = [s for s in sentences if key & self._sentence_terms(s)] if key else []
            # Named more than once is not described either: "welke maatregelen staan in het actieplan
            # vsv?", named in three cells, never with what is in it. A sentence that lists or says what
            # it holds describes it. ("wat houdt de onderwijspremie in?" is answered by what the
            # sentences that name it say: to whom it goes, what it costs.)
            # "… is een onderzoek gestart naar huidige studentenvoorzieningen. Daarin wordt ook bezien
            # hoe …": the next sentence says what it holds
            mentions += [b for a, b in zip(sentences, sentences[1:]) if a in mentions and _CONTENT_OF.match(b)]
            # "wat houdt de uitbreiding van de RMC in?" of a row that never writes "uitbreiding" ("We
            # verhogen de leeftijdgrens bij de RMC van 23 naar 27 jaar"): the asker's own word for the
            # action, which its Wat describes, when the rest of the question is the row's
            rest = " ".join(w for w in p.topic.split() if not (self._terms(w) & key))
            own_word = key and not mentions and rest and self._coverage(rest, row) >= DETAIL_OWN_WORD_COVERAGE
            if key and not own_word and not any(_ENUMERATION.search(s) or _DESCRIBES.search(s) for s in mentions) and \
                    (len(mentions) <= 1 or (not framed and not re.search(r"\bwat houd", p.question, re.I) and
                                            not any(_ENUMERATION.search(s) or _DESCRIBES.search(s) for s in relevant))):
                # ("wat houdt de actie over X in?" is answered by the action's own Wat)
                return f"De rapportage noemt {asked_name or _head_phrase(after, head)}, maar beschrijft niet wat dat inhoudt."
        if _ENTITY.search(p.question) and \
                not re.search(r"\b(?:zien|vinden|opzoeken|bekijken|checken|nakijken)\s+welke?\b", p.question, re.I):
            # ("waar kan ik zien welke opleidingen een goede baankans hebben?" asks where, not names)
            # Organisations and firms have names: a list of adjectives ("eenvoudige, veilige en
            # betrouwbare") names none of them; schools, sectors and regions are listed in plain words.
            organisations = bool(_ENTITY_NAMED.search(p.question))
            # A name may stand in a sentence that shares little else with the question ("AEF voert
            # onderzoek uit in opdracht van …"): what the question asks within the row are its words
            # that the action's own Wat does not hold ("welk bureau doet het onderzoek naar mentaal
            # welzijn?" -> bureau, onderzoek).
            inner = {t for t in subject if t not in self._sentence_terms(row.wat)} or subject
            near_subject = [s for s in sentences if self._relevance(s, inner) >= ENTITY_RELEVANCE or s in relevant] \
                if subject else sentences

            def names_some(s: str) -> bool:
                # not a name the question itself holds ("welke leveranciers hebben een Edu-V keurmerk?");
                # parties that act in the sentence ("UWV en SBB ontwikkelen …") are organisations too
                found = (*self._rare_names(s), *self._rare_acronyms(s),
                         *(_ACRONYM.findall(s) if organisations and self._acts(s) else ()))
                # a name the action's own Wat holds ("Comeniusprogramma") is the action's, not one of
                # the schools or teams asked for
                return any(fold(n).lower() not in asked and (organisations or fold(n).lower() not in own_wat)
                           for n in found)

            own_wat = fold(row.wat).lower()

            if not organisations:
                # Schools, regions, teams are named where the sentence says what they are: "Twee
                # regio's – Zuidoost Brabant en Twente – …". A programme's name ("Comeniusprogramma")
                # in a sentence about the onderwijspremie names no team.
                kind = self._head_terms(re.findall(r"[\w'’]+", _ENTITY.search(p.question).group(0))[-1])
                near_subject = [s for s in near_subject if kind & self._sentence_terms(s)]
                relevant = [s for s in relevant if kind & self._sentence_terms(s)]
            if not any(names_some(s) for s in near_subject) and \
                    (organisations or not any(_ENUMERATION.search(s) for s in relevant)):
                return "De rapportage noemt hier geen namen."
        if _ADVICE_ASKED.search(p.question) and not any(_ADVICE_SAID.search(x) for x in sentences):
            # "wat adviseerde SBB precies over de kwalificatiestructuur?": the report says the advice
            # was asked for and delivered ("Het advies door SBB is opgeleverd"), not what it says.
            return "De rapportage noemt het advies, maar niet wat erin staat."
        if _RESULTS.search(p.question) and p.field in ("status", "change"):
            # An outcome usually follows the sentence that introduces the study ("… een onderzoek
            # gedaan naar X. Hieruit kwam naar voren dat …"): the next two sentences count too.
            # What a programme "heeft opgeleverd" may also be what it made ("diensten ontwikkeld").
            outcome, anchors = _OUTCOME, relevant
            if re.search(r"\bopgeleverd\b", p.question, re.I):
                # ... said of the thing asked about: from the sentences that name it best on
                outcome = _DELIVERED
                subject = self._subject_terms(p)
                if subject and sentences:
                    rels = [self._relevance(x, subject) for x in sentences]
                    anchors = [x for x, r in zip(sentences, rels) if r == max(rels)] or relevant
            # the next sentences of the same cell (a Voortgang's last sentence is not followed by
            # the 2024 status)
            cell_of = [ci for ci, c in enumerate(cells) for _ in split_sentences(c)]
            near = {i + d for i, s in enumerate(sentences) if s in anchors for d in (0, 1, 2)
                    if i + d < len(sentences) and cell_of[i + d] == cell_of[i]}
            if not any(outcome.search(sentences[i]) for i in sorted(near)):
                return "De rapportage noemt hiervan geen resultaten of uitkomsten."
        if _OPINION.search(p.question) and not any(_OPINION_TEXT.search(s) for s in relevant):
            return "De rapportage geeft geen meningen of standpunten van partijen weer."
        with_figure = [s for s in relevant if has_figure(s, p.figure_kind or "count")]
        if _SPENT.search(p.question) and not any(_SPENT_TEXT.search(s) for s in sentences):
            # "hoeveel van de 142 miljoen hebben scholen al uitgegeven?": the report gives the sums
            # made available, never what was spent of them.
            return ("De rapportage noemt wel het beschikbare bedrag, niet hoeveel daarvan is uitgegeven."
                    if any(has_figure(s, "amount") for s in sentences) else
                    "De rapportage noemt niet hoeveel hiervan is uitgegeven.")
        counted = re.search(r"\bhoeveel\s+([\w'’-]+)", p.question, re.I) if p.figure_kind in (None, "count") else None
        counted_terms = (self._terms(counted.group(1)) & subject) if counted and subject else set()
        if counted_terms:
            # "hoeveel studenten zitten er inmiddels in de bbl?": a number of them ("5 actielijnen"
            # counts no students), or a share of them, which is their number too
            with_figure = [s for s in relevant if has_figure(s, "count", counted_terms, self.index.lexical.analyzer)
                           or has_figure(s, "percentage")]
        if p.field == "figure" and _CURRENT.search(p.question) and with_figure and \
                all(_TARGET.search(s) for s in with_figure):
            return "De rapportage noemt hiervoor alleen een doel of streefcijfer, geen cijfer van nu."
        # ("vanaf welke datum geldt de nazorgwet?": a start asked, and a sentence of the row that says a
        # start on a day, "treedt in werking op 1 januari 2026", answers whatever words it shares)
        started = [s for s in sentences if _START_SAID.search(s)] if _START_ASKED.search(p.question) else []
        if _CLOCK_ASKED.search(p.question) and not any(_CLOCK_TIME.search(s) for s in sentences):
            return "De rapportage noemt geen tijdstippen of openingstijden."
        if _APPLY_ASKED.search(p.question) and not any(_APPLY_TEXT.search(s) for s in sentences):
            return "De rapportage beschrijft niet hoe je dat aanvraagt of hoe je je aanmeldt."
        if p.field == "wanneer" and _EXACT_DATE.search(p.question):
            # "… de lopende verkenning naar een bredere wettelijke opdracht LLO … Het eindrapport van die
            # verkenning wordt 1 oktober 2025 opgeleverd": the next sentence of the same cell goes on
            # about the subject in fewer of its words. The sentences most about the subject count
            # too: the question's own frame ("op welke datum levert … op") thins every sentence out.
            cell_of = [ci for ci, c in enumerate(cells) for _ in split_sentences(c)]
            rels = [self._relevance(x, subject) for x in sentences] if subject else [1.0] * len(sentences)
            best = [x for x, r in zip(sentences, rels) if r > 0 and r == max(rels)]
            following = [sentences[i + 1] for i, x in enumerate(sentences)
                         if (x in relevant or x in best) and i + 1 < len(sentences) and cell_of[i + 1] == cell_of[i]]
            if not any(_DAY.search(s) for s in relevant + best + started + following):
                return "De rapportage noemt daarvoor geen precieze datum."
        rate = _RATE.search(p.question)
        if p.field == "figure" and rate and not any(_PER_UNIT.search(s) for s in relevant):
            # "hoeveel LOB-geld krijgt een school per student?": a total is no amount per student.
            return f"De rapportage noemt geen bedrag of aantal per {rate.group(1) or rate.group(2)}; hooguit een totaal."
        return None

    def _known_part(self, topic: str, question: str) -> str:
        """The topic without the words the report never uses in any form, when those are a minority
        of its content words, no name ("een Verklaring Omtrent het Gedrag": the subject itself), and
        what is left names a subject; '' otherwise."""
        unknown, content = self._unknown_words(topic)
        if not unknown or 2 * len(unknown) >= len(content):
            return ""
        names = {fold(w).lower() for w in re.findall(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]+", question.strip())}
        if names & set(unknown):
            return ""
        left = " ".join(w for w in topic.split() if fold(w).lower() not in unknown)
        return left if self._names_a_subject(left) else ""

    def _unknown_words(self, topic: str) -> tuple[list[str], list[str]]:
        """(the topic's content words the report never uses in any form, all its content words)."""
        from index.analyzer import STOPWORDS

        analyzer = self.index.lexical.analyzer
        vocab = analyzer.vocabulary
        content = [w for w in dict.fromkeys(words(topic)) if len(w) >= 5 and w not in STOPWORDS and not w.isdigit()]
        # a word of the report that is rare in everyday Dutch ("peilingsonderzoek", "vakmanschap",
        # "volwassenen"; not "makkelijk", "kijken") says the question is about the report; then a near
        # word is taken for a typo as ever
        specific = any(w in vocab and dutch.frequency(w) < SPECIFIC_FREQUENCY for w in content)
        unknown = [w for w in content
                   if w not in vocab and stem(w) not in analyzer.stems and not analyzer.compound_parts(w)
                   # a Dutch word of its own is no typo of a report word ("recept" is not "recent")
                   and (analyzer.correct(w) is None or (not specific and dutch.is_word(w)))
                   and w[:PREFIX_FAMILY] not in self._vocab_prefixes
                   and not self._participle_of_known(w)
                   # an everyday word the glossary gives the report's word for ("hackers")
                   and not GLOSSARY.alternatives(standalone_terms(w))
                   # the verb of a start asked ("wanneer moet de wet over de nazorg ingaan?")
                   and not _START_ASKED.fullmatch(w)]
        return unknown, content

    def _row_naming(self, question: str) -> ActionRow | None:
        """The one row that writes a multi-word name of the question ("Digitaal Onderwijs Goed
        Geregeld", "Vaardig met Vaardigheden") or an acronym ("VABA"), longest name first; None when
        no name or several rows."""
        rows = self._rows_naming(question)
        return rows[0] if len(rows) == 1 else None

    def _rows_naming(self, question: str) -> list[ActionRow]:
        """The rows (at most NAMING_ROWS) that write the question's longest multi-word name or acronym
        that any row writes; [] when none does."""
        names = sorted(_MULTIWORD_NAME.findall(re.sub(r"^\W*\w+", " ", question)), key=len, reverse=True)
        # an acronym one row writes ("de wet VABA") names it as well
        names += [a for a in re.findall(r"\b[A-Z]{3,}\b", question) if a not in names]
        terms, _ = self._postings()
        for name in names:
            key = " ".join(fold(name).lower().split())
            # Only rows that hold every word of the name are read (postings, not a scan of all rows:
            # at 100x "OCW" in a question read 7,800 row texts, p95 23 -> 59 ms).
            candidates: set[int] | None = None
            # "Vaardig met Vaardigheden": "met" is no term of the index, the pattern below checks it
            for w in (x for x in words(key) if x not in STOPWORDS):
                found = terms.get(stem(w), set())
                candidates = set(found) if candidates is None else candidates & found
            # (at most NAMING_CANDIDATES rows to read: "vaardig" and "vaardigheden" share a stem in
            # 14 rows, of which two write "Vaardig met Vaardigheden")
            if candidates is None or not 1 <= len(candidates) <= NAMING_CANDIDATES:
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")
            rows = [self.rows[i] for i in sorted(candidates) if pattern.search(self._folded_text(self.rows[i]))]
            if 1 <= len(rows) <= NAMING_ROWS:
                return rows
        return []

    def _folded_text(self, row: ActionRow) -> str:
        got = self._folded_cache.get(row.id)
        if got is None:
            got = self._folded_cache[row.id] = " ".join(fold(row.text()).lower().split())
        return got

    def _participle_of_known(self, word: str) -> bool:
        """A participle of a verb whose noun the report uses: "gepeild" (peiling), "gediscrimineerd"
        (discriminatie). The root without "ge-" and its -d/-t begins a word of the report, allowing
        the verb's own ending to differ in its last three letters ("discrimineer" ~ "discrimin…")."""
        m = _GE_ROOT.fullmatch(word)
        if m is None:
            return False
        root = m.group(1)
        need = max(4, len(root) - 3)
        return root[:need] in self._root_prefixes.get(need, frozenset()) if need <= ROOT_PREFIX_MAX else False

    def _rare_names(self, sentence: str) -> list[str]:
        """Capitalised names in a sentence that few rows use: "Utrecht", "Leiden"; not
        "Nederland" or "Kamer", which the report uses everywhere and which name nothing specific."""
        return [n for n in _names(sentence) if self._name_df.get(n, 0) <= 3]

    def _rare_acronyms(self, sentence: str) -> list[str]:
        """Acronyms that name someone specific ("SURF"): not a party of the report, in few rows."""
        df = self.index.lexical.doc_freq
        return [a for a in _ACRONYM.findall(sentence) if fold(a).lower() not in self._party_folds
                and all(df.get(t, 0) <= 3 for t in self._terms(a))]

    def _year_in_a_name(self, p: Plan, year: str | None = None) -> bool:
        """"de open aanpak MBO in 2030" names a programme, not a year to report on: the words
        around the year stand like that in the report."""

        year = year or str(p.uncovered_year)
        toks = words(p.question)
        for i, t in enumerate(toks):
            if t == year and i >= 2 and f"{toks[i - 2]} {toks[i - 1]} {t}" in self._corpus_text:
                return True
        return False

    def _continues(self, p: Plan, previous: ActionRow, one: bool = True) -> bool:
        """Is a question that points back ("daarover", "en …") still about the previous action,
        although it has words of its own?
        - "wanneer wordt daarover besloten?": a strong pointer, and no word of its own that is
          specific and missing from the previous action: yes;
        - "en bij rekenen?": the previous action is as good a match for the words as any: yes;
        - "en wat wordt er gedaan tegen discriminatie bij stages?": another action matches the
          words better: no, a new question."""
        if p.field in ("wie", "figure") and p.refers_back and _TAKES_PART.search(p.topic):
            p = replace(p, topic=_relation_dropped(p.topic))
        # "geld" in "hoeveel geld gaat daarnaar toe?" asks for the figure, it names nothing
        own = self._subject_terms(p) if p.field == "figure" else self._terms(p.topic)
        if _THIS_ACTION.search(p.question):
            # "welk ministerie staat er naast OCW bij die actie?" names the action it asks about.
            return True
        prev_terms = set(self.index.lexical.row_terms[self._pos[previous.id]])
        if one and any(w in _MONEY_ASKED for w in words(p.question)) and \
                (any(m in prev_terms for m in _MONEY_TERMS) or "€" in f"{previous.status} {previous.voortgang}"):
            # "en geeft OCW daar geld voor?" after "OCW verleent subsidie …": the action's money in
            # everyday words, no new subject (as the coverage test reads it, _weighted_terms); not
            # after a list, whose first row is not what "daar" points at
            own -= _MONEY_STEMS
        described_elsewhere = False
        if p.refers_back == "strong":
            # "wie werken er in zo'n centrum samen?": the noun pointed at names the thing just
            # talked about, in the asker's word for it ("centrum" for "Hybride Techniek Centra").
            pointed = self._terms(" ".join(re.findall(r"\b(?:die|deze|dat|dit|zo[’']n|zulke?)\s+([\w-]+)",
                                                      p.question, re.I)))
            # "en dat studentenfonds, weten studenten daar wel van?": a thing put first, before a
            # comma, is what "daar" points at; when the action just answered never names it, it
            # is a new subject
            put_first = _PUT_FIRST.match(p.question)
            # (the whole word: "studentenfonds" is not the "studenten" of the studentenkaart)
            first = {stem(w) for w in words(put_first.group(1)) if w not in STOPWORDS} if put_first else set()
            if first and not first & prev_terms and first & set(self.index.lexical.doc_freq):
                pointed -= first
                described_elsewhere = True
            own -= pointed
            # "wanneer kwam daar de eerste versie van uit?": what stands between "daar" and "van"
            # is asked of the thing pointed at (its first edition), not a new subject
            own -= self._terms(" ".join(re.findall(r"\b(?:daar|hier)\s+((?:[\w'’-]+\s+){1,4}?)(?:van|over)\b",
                                                   p.question, re.I)))
            # "en hoe zit het met die subsidie voor bedrijven die bbl'ers begeleiden?" after the
            # stagepact: a noun the action just answered never uses, with words saying which one is
            # meant, is a thing the asker knows of elsewhere, not that action.
            described_elsewhere = described_elsewhere or any(
                not (self._terms(m.group(1)) & prev_terms)
                for m in re.finditer(r"\b(?:die|deze|dat|dit)\s+([\w-]{4,})\s+(?:voor|van|over|om|die|dat|waarmee|waarbij|"
                                     r"waarin|met|rond|tegen)\s+\w", p.question, re.I)
                if fold(m.group(1)).lower() not in ("actie", "maatregel"))
            # "die actie over werkervaring": the kind word names nothing; the words after "over" say
            # which action, and when the one just answered has none of them (whole words: its "werk"
            # is no "werkervaring") it is an earlier one
            described_elsewhere = described_elsewhere or any(
                (about := {stem(w) for w in words(m.group(1)) if w not in STOPWORDS} - {"actie"}) and
                not (about & prev_terms) and about & set(self.index.lexical.doc_freq)
                for m in re.finditer(r"\b(?:die|deze)\s+(?:actie|maatregel)\s+(?:over|rond|rondom|met|voor|tegen)\s+"
                                     r"((?:[\w'’-]+\s*){1,3})", p.question, re.I))
        # A past participle the report never uses ("bijgepraat") is the question's verb, not a subject.
        # As the analyzer reads it: "gewezen" is repaired to the corpus word "bewezen".
        own -= {t for w in words(p.topic) if _PARTICIPLE.match(w) for t in (stem(w), *self._terms(w))}
        # A new subject is one another action has: a word the report never uses ("ingaan",
        # "soepeler") names no other action to switch to.
        specific_new = [t for t in own - prev_terms if 1 <= self.index.lexical.doc_freq.get(t, 0) <= 2]
        if p.refers_back and own and not described_elsewhere and \
                all(t in prev_terms or any(_same_root(t, u) for u in prev_terms) for t in own):
            # "wanneer zou dat onderzocht worden?" after the studentenkaart ("We onderzoeken in
            # 2023 …"): another form of the action's own verb, which the stemmer does not join.
            return True
        if p.refers_back == "strong" and not specific_new and not described_elsewhere or (p.field == "figure" and not own):
            return True
        if not self._names_a_subject(p.topic):
            return True
        mine = self._coverage(p.topic, previous)
        if mine < 0.5 and (specific_new or p.refers_back != "weak"):
            return False
        res = self._search(p.topic, None, k=3)
        best = max((self._coverage(p.topic, h.row) for h in res.hits), default=0.0)
        return mine >= best

    def _points_at(self, question: str, row: ActionRow) -> bool:
        """A demonstrative with a noun of the row: "dat offensief" after the bbl-offensief."""
        row_terms = set(self.index.lexical.row_terms[self._pos[row.id]])
        for noun in re.findall(r"\b(?:die|dat|deze|dit)\s+([\w-]{4,})", question, re.I):
            if fold(noun).lower() in _PEOPLE:
                continue  # "tot welke leeftijd helpen ze die jongeren?": the people, not the action
            terms = self._terms(noun)
            parts = terms - {stem(fold(noun).lower())}  # "groeifondsproject": "groeifonds", "project"
            # "die systematiek" after the portfoliosystematiek: the head of a compound the row writes
            head = stem(fold(noun).lower())
            headed = len(head) >= 6 and any(t.endswith(head) and len(t) > len(head) + 2 for t in row_terms)
            # "die aanpassing" after "wordt aangepast": the noun of the row's verb
            verbal = all(any(_same_root(t, _unseparated(u)) for u in row_terms) for t in terms)
            if terms and (terms <= row_terms or (parts and parts <= row_terms) or headed or verbal) and \
                    not _PARTICIPLE.match(fold(noun).lower()):
                return True
        return False

    def _names_a_subject(self, text: str) -> bool:
        """Does the text hold a word of its own beyond the verbs people use to ask about an action
        ("wie moet dat regelen?", "wanneer wordt daarover besloten?")?"""
        return bool(self._terms(text) - self._terms(_ACTION_VERBS))

    def _subject_terms(self, p: Plan) -> set[str]:
        """The topic without the words that only ask for a figure ("hoeveel geld", "budget")."""
        return self._terms(p.topic) - self._terms(_FIGURE_WORDS)

    def _figure_candidates(self, p: Plan, rows: list[ActionRow]) -> list[tuple[float, int, str, list[str], ActionRow]]:
        """Sentences that hold a figure of the asked kind about the question's subject, best
        first: (relevance, rank of the row, cell, sentences to quote, row). A figure sentence that
        points back ("Het is wettelijk vereist dit iedere vijf jaar te doen.") is judged, and
        quoted, together with the sentence before it."""
        subject = self._subject_terms(p)
        if not subject:
            return []
        # What is counted must follow the number, when the report knows the word at all
        # ("hoeveel mbo-scholen": yes; "hoeveel studiepunten": the report says "ECTS").
        # The counted thing is the word after "hoeveel" ("hoeveel meldingen …", "hoeveel extra
        # practoraten"), not every word of the subject: "twee workshops over stagediscriminatie"
        # counts workshops, not meldingen.
        noun: set[str] = set()
        head = None
        if p.figure_kind == "count":
            # "hoeveel van de 93 projecten …": the projects are counted, a part of the 93
            head = re.search(r"\bhoeveel\s+(?:van\s+(?:de|die|deze|alle)\s+(?:\d+\s+)?)?"
                             r"(?:(?:extra|nieuwe|verschillende|andere|echte|mbo|bekostigde)\s+)*([\w'’-]+)", p.question, re.I)
            if head is not None and fold(head.group(1)).lower() in STOPWORDS:
                # "komen er veel klachten binnen? hoeveel dan": "veel" names what is counted
                head = re.search(r"\bveel\s+([\w'’-]+)", p.question, re.I) or head
            # The whole word, not its compound parts: "studiepunten" is not "studie".
            counted = {t for t in self._terms(head.group(1)) if len(t) >= len(stem(fold(head.group(1)))) - 2} & subject \
                if head else set()
            noun = {t for t in (counted or subject) if t in self.index.lexical.doc_freq}
            if counted and not noun:
                noun = counted  # a word the report never uses: the fallback below decides
            # "hoeveel leraren …?" is answered by "750-800 … docenten": the sector's two words for them,
            # also as what the sentence must be about ("hoeveel leraren hebben die al gedaan?")
            noun |= {k for t in noun for k in _COUNTED_KIN.get(t, ())}
            subject = subject | {k for t in subject & noun for k in _COUNTED_KIN.get(t, ())}
        given = frozenset(re.findall(r"\d+", p.question))
        analyzer = self.index.lexical.analyzer
        order = {"voortgang": 0, "status": 1, "wat": 2}

        def collect(kind_noun: set[str], min_rel: float, about: set[str] = subject) -> list:
            kind = p.figure_kind if kind_noun is noun else "count"
            found = []
            for rank, row in enumerate(rows):
                for cell in ("voortgang", "status", "wat"):
                    for rel, quoted in self._in_context(
                            row, cell, about, lambda x: has_figure(x, kind, kind_noun, analyzer, given),
                            forward=p.figure_kind == "amount"):
                        if rel >= min_rel:
                            found.append((rel, rank, cell, quoted, row))
            return found

        out = collect(noun, FIGURE_MIN_RELEVANCE)
        if not out and noun and p.figure_kind == "count" and head:
            # A compound's head is what is counted: "burgerschapsdocenten" are docenten
            # ("750-800 (voornamelijk burgerschaps)docenten zijn bereikt").
            parts = analyzer.compound_parts(next(iter(words(head.group(1))), ""))  # "personeelsthema's"
            if parts:
                out = collect({stem(parts[-1])}, FIGURE_MIN_RELEVANCE)
        if not out and p.figure_kind == "count":
            # "hoeveel mbo'ers hebben een bestuursbeurs aangevraagd?": the report counts what they
            # did, by its noun ("één aanvraag ingediend"): the question's separable participle
            # ("aan-ge-vraag-d") without its "ge" is that noun.
            acts = {stem(m.group(1) + m.group(2)) for m in _SEPARABLE_PARTICIPLE.finditer(fold(p.question).lower())}
            if acts:
                out = collect(acts, FIGURE_MIN_RELEVANCE)
        # "hoeveel meldingen van stagediscriminatie …": a row that writes the verb ("het melden van
        # stagediscriminatie") speaks of the unit and gives no count of it; that is no unit the
        # report words differently
        kin = noun | {t[:-3] for t in noun if t.endswith("ing") and len(t) >= 7}
        unit_elsewhere = all(not (kin & set(self.index.lexical.row_terms[self._pos[r.id]])) for r in rows)
        if not out and noun and unit_elsewhere:
            # "hoeveel studiepunten …": the report says "10 ECTS" and never "studiepunten". A number in
            # a sentence that holds most of the subject then answers; where the counted word does
            # occur in the row but never after a number, the row has no such count.
            # The unit the report never uses does not count against the sentence's relevance.
            out = collect(set(), 0.5, (subject - noun) or subject)
        # A figure about a named subject must stand with that name: "hoeveel subsidie is toegekend
        # aan de projecten van de LLO-Katalysator?" is not answered by "40 mln … voor LLO collectief"
        # in the same row (the figure "near the question's subject").
        # A party ("hoeveel investeert OCW …") is who pays, not what the figure is about: the
        # report often says "wordt … geïnvesteerd" without naming it.
        df = self.index.lexical.doc_freq
        # A name the report never writes ("Comeniusbeurzen" for its "Comeniusprogramma … beurzen")
        # cannot be required next to the figure.
        names = {n: self._head_terms(n) for n in _question_names(p.question) if fold(n).lower() not in self._party_folds}
        names = {n: t for n, t in names.items() if t and all(df.get(x, 0) for x in t)}
        named = list(names.values())
        if named:
            def near_name(c) -> bool:
                # the sentence itself, or the one before it ("Vaardig Met Vaardigheden lanceert …
                # Het programma wordt daarnaast met een half jaar verlengd.")
                sents = split_sentences(idem_rest(c[4]) if c[2] == "voortgang" else getattr(c[4], c[2]))
                i = sents.index(c[3][0]) if c[3] and c[3][0] in sents else 0
                text = " ".join([*sents[max(0, i - 1):i], *c[3]])
                # the most specific name asked about: "NPULS", not "het Nationaal Groeifonds" that
                # also pays for other things
                # ("LLO-collectief" also as "LLO collectief")
                terms = self._sentence_terms(text)
                return names[rarest] <= terms or all(self._head_terms(w) <= terms for w in rarest.split("-") if w)

            rarest = min(names, key=lambda n: max(df.get(x, 0) for x in names[n]))

            out = [c for c in out if near_name(c)]
        # A figure said of the question's own words leads: "met hoeveel jaar is de subsidie verlengd?"
        # is answered by "met 5 jaar verlengd", not by "iedere vijf jaar te doen" in a sentence that
        # shares more of the subject.
        own = {id(c): bool(subject & self._terms(" ".join(figure_neighbours(x, p.figure_kind) for x in c[3])))
               for c in out}
        # "volgens de stand van zomer 2024": the figure of that period leads.
        asked = self._asked_period(p.question)
        out.sort(key=lambda c: (-(round(c[0], 2) + (FIGURE_SAID_OF if own[id(c)] else 0.0) - 0.05 * c[1] +
                                  (FIGURE_SAID_OF if asked == c[2] else 0.0)), order[c[2]]))
        return out

    def _asked_period(self, question: str) -> str | None:
        """The cell of the period a question names on its own: "status" for "zomer 2024", "voortgang"
        for "2025"; None when it names both or neither."""
        per = self.rows[0].periods if self.rows else None
        if per is None:
            return None
        status_year = next(iter(re.findall(r"\b(20\d\d)\b", per.status)), "")
        early = re.search(rf"\b{status_year}\b", question) if status_year else None
        # "vorig jaar zomer stond de teller … op": the earlier status, as the report's readers
        # count from its later period ("sinds vorige zomer" is a change since that status, too)
        early = early or re.search(r"\bvorig(?:e)?\s+(?:jaar\s+)?zomer\b|\bvorig jaar\b|\bafgelopen zomer\b", question, re.I)
        late = re.search(rf"\b{per.voortgang_year}\b", question) if per.voortgang_year else None
        if early and not late:
            return "status"
        if late and not early:
            return "voortgang"
        return None

    def _refuse(self, p: Plan, reason: str, hits, rows: list[ActionRow] | None = None) -> Answer:
        lines = [f"**{esc(reason)}**"]
        closest = rows if rows is not None else [h.row for h in hits[:3]]
        if closest:
            lines += ["", "Wat de rapportage wel noemt, in de acties die er het dichtst bij komen:"]
            for r in closest[:3]:
                lines.append(f"- **{r.id}** (Doelstelling {r.doelstelling}): {esc(shorten(r.wat, 120))}")
        return Answer("\n".join(lines), rows=list(closest[:3]), abstained=True, kind="out_of_scope", plan=p)

    def _new_sentences(self, row: ActionRow, qterms: set[str]) -> list[str]:
        """Sentences of the 2025 text that the summer-2024 text did not say word for word, the
        most novel and relevant first (ties: document order). "61% van de scholen" against "meer
        dan de helft van de scholen" is new, though most of its words are not."""

        analyzer = self.index.lexical.analyzer
        before_sents = {tuple(words(s)) for s in split_sentences(row.status)}
        before = set(analyzer.document_terms(row.status)) if row.status else set()
        old_numbers = set(re.findall(r"\b\d+(?:[.,]\d+)?\b", row.status or ""))
        old_sentences = [(set(analyzer.document_terms(x)), bool(re.search(r"\b\d+(?:[.,]\d+)?\b", x) and
                                                                  set(re.findall(r"\b\d+\b", x)) - set(re.findall(r"\b20\d\d\b", x))))
                         for x in split_sentences(row.status or "")]
        out = []
        for i, s in enumerate(split_sentences(idem_rest(row))):
            if tuple(words(s)) in before_sents:
                continue
            terms = set(analyzer.document_terms(s))
            novelty = len(terms - before) / max(1, len(terms))
            reports_change = 0.5 if _CHANGED.search(s) else 0.0
            # A figure the 2024 text did not have ("93 projecten" where it said "53"): the change
            # in numbers is what a reader asks "wat is er veranderd?" for.
            new_figure = 0.5 if set(re.findall(r"\b\d+(?:[.,]\d+)?\b", s)) - old_numbers - \
                set(re.findall(r"\b20\d\d\b", s)) else 0.0
            # A 2024 sentence again, now with when it happened ("Besluit over eisen docenten
            # genomen" -> "… genomen in april 2025"): that date is the change asked for.
            new_date = UPDATED_FIGURE if any(y not in old_numbers for y in _DATED_YEAR.findall(s)) and any(
                len(terms & t) >= 0.6 * len(t) for t, _ in old_sentences) else 0.0
            # The same sentence as in 2024 with its figure updated ("in twee subsidierondes 53
            # projecten" -> "in drie subsidierondes 93 projecten"): the change asked for, first.
            updated = UPDATED_FIGURE if new_figure and any(
                len(terms & t) >= 0.6 * len(t) and n for t, n in old_sentences) else 0.0
            # ("Kamer geïnformeerd over aanpak basisvaardigheden 2025 e.v." is new by its year)
            restated = novelty <= RESTATED_NOVELTY and not reports_change and \
                not set(re.findall(r"\b\d+(?:[.,]\d+)?\b", s)) - old_numbers
            out.append((-(self._relevance(s, qterms) + novelty + reports_change + new_figure + updated + new_date),
                        i, s, restated))
        # "De subsidieregeling is per 2024 met 5 jaar verlengd." repeats "De subsidieregeling is met 5
        # jaar verlengd." but for a year: not new, unless nothing else is.
        fresh = [x for x in out if not x[3]] or out
        return [x[2] for x in sorted(fresh)]

    def _best(self, row: ActionRow, cell: str, qterms: set[str], want=None,
              money: bool = False) -> list[tuple[float, int, str]]:
        text = idem_rest(row) if cell == "voortgang" else row.cell(cell)
        scored = []
        heading = 0.0  # "Rekenen: -De nieuwe rekeneisen …": a heading's words count for what it heads
        for i, s in enumerate(split_sentences(text)):
            own = self._relevance(s, qterms, money)
            if _HEADING.match(s):
                heading = own
                continue
            if want is not None and not want(s):
                continue
            scored.append((max(own, heading), i, s))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return scored

    def _in_context(self, row: ActionRow, cell: str, qterms: set[str], want,
                    forward: bool = False) -> list[tuple[float, list[str]]]:
        """Sentences that pass `want`, each scored with the one or two sentences before it when it
        points back ("Die regeling loopt tot 1 juli 2027."): (relevance, sentences to quote). With
        `forward`, also with the next sentence when that one opens by pointing back at it: "… in
        totaal €47,2 miljoen. De extra middelen helpen instellingen om taal- en rekenachterstanden
        … aan te pakken" says what the sum is for."""
        sents = split_sentences(idem_rest(row) if cell == "voortgang" else row.cell(cell))
        out = []
        for i, sent in enumerate(sents):
            if not want(sent):
                continue
            rel, quoted = self._relevance(sent, qterms), [sent]
            if i > 0 and (_POINTS_BACK.search(sent) or _names_earlier(sent, sents[i - 1]) or _INFORMED_BARE.search(sent)):
                for back in (1, 2):
                    if i - back < 0:
                        break
                    joined = self._relevance(" ".join(sents[i - back:i + 1]), qterms)
                    if joined > rel:
                        rel, quoted = joined, sents[i - back:i + 1]
            if forward and i + 1 < len(sents) and _OPENS_BACK.match(sents[i + 1]):
                # the shortest quote among the best: the sentence and its sequel may do without
                # what came before
                options = [(rel, quoted)] + [(self._relevance(" ".join(x), qterms), x)
                                             for x in ([sent, sents[i + 1]], [*quoted, sents[i + 1]])]
                rel, quoted = max(options, key=lambda o: (round(o[0], 6), -len(o[1])))
            out.append((rel, quoted))
        return out

    def _acts(self, sentence: str) -> bool:
        """The sentence names the one who acts: "door Stichting MBO Excellent", "Het NRO en …", or
        it opens with a name ("Trimbos en Pharos ontwikkelen …", "AEF voert …"): a first word the
        report never writes in lower case."""
        if _AGENT.search(sentence):
            return True
        first = re.match(r"([A-Z][\w’'-]*)\s", sentence)
        if first is None:
            return False
        return first.group(1).lower() not in self._lower_words

    def _compose(self, p: Plan, row: ActionRow, related: list[ActionRow], hits=None,
                 whole_wat: bool = False) -> Answer:
        qterms = self._terms(p.topic or p.question)
        # A number the question gives ("jongeren tot 27 jaar") is no topic word, but it picks the
        # sentence that says it ("van 23 naar 27 jaar"); years and doelstellingen excepted.
        qterms |= self._numbers_asked(p.question)
        stand = self.stands.get(row.id, "")
        # "wat doet BZK?", "wat houdt die actie in?": when the action itself is what is asked, its
        # Wat cell is shown in whole sentences, up to WHOLE_WAT_WORDS.
        if whole_wat or (p.field == "status" and _ABOUT_ACTION.search(p.question)):
            title = _lead(row.wat, WHOLE_WAT_WORDS)
        else:
            title = shorten(row.wat, 90 if p.field in ("wie", "wanneer", "figure") else 140)
        header = [f"**Actie {row.id}** · Doelstelling {row.doelstelling} (prioriteit {row.prioriteit})"
                  + (f" · stand: {stand}" if stand else ""),
                  f"*{esc(title)}*", ""]
        body: list[str] = []
        quotes: list[Quote] = []
        periods: list[str] = []

        def quote(cell: str, sentences: list[str], label: str | None = None) -> None:
            text = " ".join(sentences)
            body.append(f"**{label or Quote.of(row, cell, '').label}:** {esc(text)}")
            quotes.extend(Quote.of(row, cell, s) for s in sentences)
            if cell in PERIOD_CELLS and cell not in periods:
                periods.append(cell)

        if p.field == "wie":
            quote("wie", [row.wie] if row.wie else [])
            if not row.wie:
                body[-1] = "**Wie:** de rapportage noemt hier geen partijen."
            # "wie ontwikkelt het peilingsonderzoek?": the doer of a step is often named in the text,
            # not in the Wie column. A sentence about the subject that names organisations follows.
            # A sentence that points back ("Hiervoor is de beroepsgroep aan zet.") is judged with
            # the one before it, which says what "hiervoor" is.
            # "wie heeft … overgenomen?", "bij wie ligt het beheer nu?": what happened, or the state
            # now, is said in a status; the action's plan (Wat) says who was meant to
            happened = bool(_HAPPENED_ASKED.search(p.question) or _NOW_ASKED.search(p.question))
            # A follow-up's topic carries the earlier subject; "van wie komt die routekaart?" is
            # about the routekaart: its own words are judged apart as well.
            own = self._terms(p.question) if p.followup or p.refers_back else set()
            # "wie voert het onderzoek uit binnen de actie over mentaal welzijn …?": the words before
            # the action's description say which step is asked about ("AEF voert onderzoek uit …").
            framed = _IN_THE_ACTION.search(p.question)
            step = self._terms(p.question[:framed.start()]) if framed else set()
            # "wie zaten er in de begeleidingsgroep van het onderzoek …?": the group named right after
            # "in" is what the sentence must hold ("In de begeleidingsgroep … zitten zowel de MBO Raad
            # als …"), however many words of the onderzoek's description the question adds.
            group = _GROUP_ASKED.search(p.question)
            members = self._terms(group.group(1)) if group else set()
            # "welk bureau voert in opdracht van … onderzoek uit naar mentaal welzijn …?": the words the
            # action's own Wat holds say which action; the rest ("bureau", "onderzoek", "opdracht") which
            # step of it is asked about, as _not_in_row reads it
            inner = {t for t in qterms if t not in self._sentence_terms(row.wat)} \
                if _ENTITY_NAMED.search(p.question) else set()
            views = [t for t in (qterms, own, step, members, inner) if t]
            named = [(rel, cell, sents) for cell in ("voortgang", "status", "wat")
                     for terms in [v for i, v in enumerate(views) if v not in views[:i]]
                     for rel, sents in self._in_context(row, cell, terms, _names_a_doer)
                     if (rel >= WHO_SENTENCE_RELEVANCE or (rel >= WHO_AGENT_RELEVANCE and
                                                           (self._acts(sents[-1]) or (happened and cell != "wat"))))
                     and word_count(" ".join(sents)) <= WHO_SENTENCE_WORDS]
            if _SOURCE_ASKED.search(p.question):
                # "van wie kwam het advies over …?": a sentence saying "advies … van <Naam>" names
                # where it came from, however little else of the question it holds
                source = [(max(rel, WHO_SENTENCE_RELEVANCE), cell, sents) for cell in ("voortgang", "status", "wat")
                          for rel, sents in self._in_context(row, cell, qterms, _names_a_doer)
                          if any(self._terms(m.group(1)) & qterms for m in _THING_OF_NAME.finditer(sents[-1]))
                          and word_count(" ".join(sents)) <= WHO_SENTENCE_WORDS]
                named = source or named
            if _PARTNER_ASKED.search(p.question):
                # "met wie praat de MBO Raad over de werkdruk?", "met welke partijen maakt OCW
                # afspraken …?": the sentence on the subject that says with whom ("voert … gesprekken
                # met HR-directeuren", "maken we met lerarenorganisaties, werkgevers en … afspraken"),
                # also when it names them in lower case
                partners = [(max(rel, WHO_SENTENCE_RELEVANCE), cell, sents) for cell in ("voortgang", "status", "wat")
                            for rel, sents in self._in_context(row, cell, qterms, _WITH_PARTNER.search)
                            if rel >= WHO_AGENT_RELEVANCE and word_count(" ".join(sents)) <= WHO_SENTENCE_WORDS]
                named += partners
            if _HANDED_OVER.search(p.question):
                # "bij wie is dat werk nu ondergebracht?": a status sentence saying to whom it was
                # handed over ("is overgedragen aan de bedrijfstakgroep …") answers in other words
                named += [(max(rel, WHO_SENTENCE_RELEVANCE), cell, sents) for cell in ("voortgang", "status")
                          for rel, sents in self._in_context(row, cell, qterms, _names_a_doer)
                          if _HANDED_OVER.search(sents[-1]) and word_count(" ".join(sents)) <= WHO_SENTENCE_WORDS]
            if named and qterms and happened and \
                    any(c != "wat" and r >= WHO_AGENT_RELEVANCE for r, c, _ in named):
                # "wie heeft de portfoliosystematiek overgenomen nu de subsidie is afgelopen?" asks
                # what happened: a status says it, the action's plan (Wat) does not.
                named = [n for n in named if n[1] != "wat"]
            if named and qterms:
                # A doer the question does not already name first ("samen met SURF", not "het
                # programma Cyberveiligheid" the question asks about), then the most relevant.
                rel, cell, sents = max(named, key=lambda n: n[0] + (WHO_NEW_NAME if _names_a_doer(n[2][-1], p.question)
                                                                    else 0) + (WHO_AGENT if self._acts(n[2][-1]) else 0))
                if fold(" ".join(sents)) not in fold(row.wie):
                    quote(cell, sents)
        elif p.field == "wanneer":
            # The latest dated statement leads: among the dated sentences that answer about as well
            # as the best one, the one with the latest year; the Voortgang before the 2024 status.
            dated = []
            for cell in ("voortgang", "status", "wat"):
                # ("… gepubliceerd in april 2025. Hieronder valt … aanvullende subsidie voor …": the
                # sentence after the date says what it dates)
                dated += [(rel, cell, sents) for rel, sents in self._in_context(row, cell, qterms, has_date, forward=True)]
            if dated:
                top = max(rel for rel, _, _ in dated)
                near = [d for d in dated if d[0] >= 0.5 * top]
                # "vanaf wanneer gelden de eisen?" asks for a start ("inwerkingtreding … op 1 augustus
                # 2027"), "tot wanneer loopt het?" for an end: a sentence that names that kind of
                # moment goes first, before the latest year.
                # "sinds wanneer is het traject klaar?", "is het gestopt, en sinds wanneer?": an end
                # "wanneer is besloten dat …?": a decision, said as "is het besluit genomen"
                edge = _END_ASKED if _END_ASKED.search(p.question) and _ENDED.search(p.question) else \
                    _START_ASKED if _START_ASKED.search(p.question) else \
                    _END_ASKED if _END_ASKED.search(p.question) else \
                    _DECIDED if _DECIDED.search(p.question) else None
                said = _START_SAID if edge is _START_ASKED else _DECIDED if edge is _DECIDED else _END_SAID

                def fits(d) -> bool:
                    return edge is not None and bool(said.search(" ".join(d[2])))

                # A sentence of the asked kind may share fewer of the question's words.
                near += [d for d in dated if fits(d) and WHEN_KIND_SHARE * top <= d[0] < 0.5 * top]
                # "per welke datum zou het volgens de stand van zomer 2024 afronden?": the period the
                # question names leads over the latest date.
                asked = self._asked_period(p.question)
                if _PAST_ASKED.search(p.question):
                    # "wanneer is het actieplan gelanceerd?" asks when something happened: the
                    # sentence that says it, not the latest date of the action.
                    # A plan in the 2024 status ("in het derde kwartaal van 2024 wordt de Kamer
                    # geïnformeerd") is not the event when the later Voortgang dates one.
                    rel, cell, sents = max(near, key=lambda d: (fits(d), d[1] == asked, d[0], latest_year(d[2][-1])))
                    if cell == "status" and asked != "status" and _PLANNED.search(sents[-1]) and \
                            not (edge is _DECIDED and fits((rel, cell, sents))):
                        # "in het derde kwartaal van 2024 wordt de Kamer geïnformeerd" was the plan in
                        # 2024; a dated Voortgang sentence on the subject says what happened, first.
                        done = [d for d in dated if d[1] == "voortgang" and d[0] >= 0.2 * top]
                        if done:
                            quote("voortgang", max(done, key=lambda d: d[0])[2])
                else:
                    rel, cell, sents = max(near, key=lambda d: (fits(d), d[1] == asked, latest_year(d[2][-1]),
                                                                d[1] == "voortgang", d[0]))
                if len(sents) > 1 and has_date(sents[-1]) and not _POINTS_BACK.search(sents[-1]) and \
                        not _INFORMED_BARE.search(sents[-1]) and \
                        (edge is None or said.search(sents[-1])) and word_count(" ".join(sents)) > WHEN_CONTEXT_WORDS:
                    # "Onderzoek wordt januari 2026 opgeleverd": the dated sentence answers on its
                    # own; the long one before it only said which onderzoek (the title does too).
                    sents = sents[-1:]
                quote(cell, sents)
            if row.wanneer:
                body.append(f"**Planning (Wanneer):** {esc(row.wanneer)}")
                quotes.append(Quote.of(row, "wanneer", row.wanneer))
        elif p.field == "figure":
            # The figure must be about the question's subject, not just any figure. "het totale
            # budget van de werkagenda" has no subject left once the figure words go: it asks about
            # the agenda as a whole, which no action's figure answers.
            kind = _KIND_WORDS.get(p.figure_kind or "", "aantal")
            # "hoeveel geld is er voor de eerste toegekend?" points at an action of a list instead.
            if not self._subject_terms(p) and not p.ordinal:
                return self._refuse(p, f"De rapportage noemt geen {kind} voor de werkagenda als geheel; alleen "
                                       f"per actie staan soms bedragen of aantallen.", [], rows=[row, *related][:3])
            found = self._figure_candidates(p, [row])
            if not found:
                said = "De rapportage noemt hierover geen cijfers." if re.search(r"\bcijfer", p.question, re.I) \
                    else f"De rapportage noemt geen {kind} {_subject_phrase(p)}."
                return self._refuse(p, said, [],
                                    rows=[row, *related][:3])
            # "hoeveel projecten had de LLO-Katalysator eind 2023?": a figure of a year the report does
            # not report on answers only when its own sentence names that year.
            other_years = [y for y in re.findall(r"\b(20\d\d)\b", p.question)
                           if int(y) not in self.covered_years() and not self._year_in_a_name(p, y)]
            if other_years and not any(y in " ".join(c[3]) for c in found for y in other_years):
                return self._refuse(p, f"De rapportage noemt hiervoor geen {kind} uit {' of '.join(other_years)}; "
                                       f"ze beschrijft de stand van {row.periods.status_moment} en "
                                       f"{row.periods.voortgang_year}.", [],
                                    rows=[row, *related][:3])
            rel, _, cell, sentences, _ = found[0]
            # "hoeveel projecten heeft de LLO-Katalysator nu gesubsidieerd, vergeleken met zomer
            # 2024?": the figure of each period, the later first.
            later = next((f for f in found if f[2] == "voortgang" and f[0] >= 0.5 * rel), None)
            earlier = next((f for f in found if f[2] == "status" and f[0] >= 0.5 * rel), None)
            if _COMPARES_PERIODS.search(p.question) and later and earlier:
                quote("voortgang", later[3])
                quote("status", earlier[3])
            else:
                quote(cell, sentences)
                # A second figure about the same subject ("€3 mln additioneel" and "€25 mln" for the
                # practoraten) when it answers about as well and the answer stays short.
                for rel2, _, cell2, more, _ in found[1:]:
                    if rel2 >= 0.8 * rel and more != sentences and word_count(" ".join(sentences + more)) <= 45:
                        quote(cell2, more)
                        break
        elif p.field == "change":
            if row.voortgang_idem:
                body.append(f"**{row.voortgang_label}:** ongewijzigd sinds {row.periods.status_moment} "
                            "(de rapportage zegt \"Idem.\").")
                periods.append("voortgang")
                extra = idem_rest(row)
                if extra:
                    quote("voortgang", split_sentences(extra)[:2], f"{row.voortgang_label}, aanvulling")
                best = self._best(row, "status", qterms)
                if best:
                    quote("status", [s for _, _, s in sorted(best[:2], key=lambda t: t[1])])
            elif not row.voortgang.strip():
                body.append(f"**{row.voortgang_label}:** de rapportage meldt voor {_later(row)} geen voortgang.")
                best = self._best(row, "status", qterms)
                if best:
                    quote("status", [s for _, _, s in sorted(best[:2], key=lambda t: t[1])])
            else:
                new = self._new_sentences(row, qterms)
                chosen: list[str] = []
                for sent in new:  # the most novel first, up to about 80 words
                    if chosen and (len(chosen) >= 3 or word_count(" ".join(chosen + [sent])) > 80):
                        break
                    chosen.append(sent)
                order = split_sentences(idem_rest(row))
                chosen.sort(key=order.index)
                if chosen:
                    quote("voortgang", chosen, f"Nieuw in de {row.voortgang_label}")
                if row.status:
                    quote("status", self._pick(row, "status", qterms, 2, whole_below=40),
                          f"{row.status_label} (toen)")
        else:  # status
            # money asked in everyday words (not "gelden", the verb): the report's "middelen", "€ …"
            self._status_body(row, qterms, quote, body, periods,
                              money=any(w in _MONEY_ASKED for w in words(p.question)))
            # "waarom willen ze een studentenkaart voor alle mbo'ers?": the sentence that gives the
            # purpose ("Met deze kaart … bevorderen we de gelijkwaardige behandeling …") leads; "hoe
            # vraag ik een bestuursbeurs aan?": the one about applying ("… kunnen in de tussentijd al een
            # aanvraag indienen bij het Ministerie van OCW")
            said = _PURPOSE if _WHY_ASKED.search(p.question) else _APPLY_HOW if _APPLY_ASKED.search(p.question) else None
            if said is not None:
                why = [(rel, cell, sents) for cell in ("wat", "status", "voortgang")
                       for rel, sents in self._in_context(row, cell, qterms, lambda x: bool(said.search(x)))]
                if why:
                    rel, cell, sents = max(why, key=lambda w: w[0])
                    if not all(any(x in q.text for q in quotes) for x in sents):
                        quote(cell, sents, "Uit de actie" if cell == "wat" else None)
                        body.insert(0, body.pop())
                        n = len(sents)
                        quotes[:] = quotes[-n:] + quotes[:-n]
            # What the question asks may be in the action itself ("het verhogen van de leeftijdsgrens
            # … naar 27 jaar"): quote that sentence when the title does not show it.
            wat = sorted(((rel, sents) for rel, sents in self._in_context(row, "wat", qterms, bool)
                          if rel >= WAT_SENTENCE_RELEVANCE and " ".join(sents) not in title),
                         key=lambda w: -w[0])
            listed = next((c for c in ("voortgang", "status", "wat") if _MEMBERS.search(p.question) and
                           _numbered_items(getattr(row, c)) and word_count(getattr(row, c)) <= 100), None)
            if listed:
                # "uit welke vier onderdelen bestaat …?": the numbered list answers, whole.
                if not any(q.cell == listed for q in quotes):
                    quote(listed, split_sentences(getattr(row, listed)), "Uit de actie" if listed == "wat" else None)
            elif wat and not all(any(w in q.text for q in quotes) for w in wat[0][1]):
                # sentences the title already shows whole are not quoted again
                quote("wat", [x for x in wat[0][1] if x not in title] or wat[0][1], "Uit de actie")
                best_status = max((self._relevance(q.text, qterms) for q in quotes if q.cell in PERIOD_CELLS),
                                  default=0.0)
                if wat[0][0] > best_status and not _PROGRESS_ASKED.search(p.question):
                    # "welke rol krijgt de centrumgemeente?" asks about the plan, not its progress:
                    # the sentence that answers leads, the status follows as context.
                    body.insert(0, body.pop())
                    n = len(wat[0][1])
                    quotes[:] = quotes[-n:] + quotes[:-n]
        if p.field == "change" and row.wie:
            body.append(f"Wie: {esc(row.wie)} · Wanneer: {esc(row.wanneer)}")
        # Short answers stay short: who/when/figure answers name no related actions (they stay in
        # `rows`, and a list question shows them all).
        others = [] if p.field in ("wie", "wanneer", "figure") else [r for r in related if r.id != row.id][:4]
        if others:
            body += ["", "Zie ook: " + "; ".join(f"{r.id} ({esc(shorten(r.wat, 70))})" for r in others)]
        cites = [Citation.of(row, periods)]
        # rows: what the answer names (its row and the related ones); retrieved: the top three that
        # retrieval offered, which the single-row evaluation ranks on (as it always has).
        rows = [row, *others]
        retrieved = [h.row.id for h in (hits or [])[:3]]
        cut = title[:-2] if title.endswith(" …") else None
        quoted_wat = " ".join(q.text for q in quotes if q.cell == "wat")
        if cut and quoted_wat.startswith(cut):
            # The title is the start of a sentence the answer quotes whole ("**Actie:** OCW geeft
            # o.a. opdracht …"): said once, whole.
            header = [header[0], ""]
        return Answer("\n".join(header + body), cites, rows, kind="lookup", quotes=quotes, retrieved=retrieved, plan=p)

    def _status_body(self, row: ActionRow, qterms: set[str], quote, body: list[str], periods: list[str],
                     money: bool = False) -> None:
        """Latest period first, whole when short; otherwise the sentences that answer best."""
        latest = idem_rest(row)
        if row.voortgang_idem:
            # in the report's own word too: a reader who asks which actions say "Idem" finds it
            body.append(f"**{row.voortgang_label}:** ongewijzigd sinds {row.periods.status_moment} "
                        "(de rapportage zegt \"Idem.\").")
            periods.append("voortgang")
            if latest:
                quote("voortgang", self._pick(row, "voortgang", qterms, 2, money=money),
                      f"{row.voortgang_label}, aanvulling")
            if row.status:
                quote("status", self._pick(row, "status", qterms, 3, money=money))
        elif latest:
            quote("voortgang", self._pick(row, "voortgang", qterms, 4, budget=75, money=money))
            if row.status:
                quote("status", self._pick(row, "status", qterms, 1, whole_below=25, money=money))
        else:
            body.append(f"**{row.voortgang_label}:** de rapportage meldt voor {_later(row)} geen voortgang.")
            if row.status:
                quote("status", self._pick(row, "status", qterms, 3, money=money))
        if row.wie or row.wanneer:
            body.append(f"Wie: {esc(row.wie)} · Wanneer: {esc(row.wanneer)}")

    def _pick(self, row: ActionRow, cell: str, qterms: set[str], limit: int, whole_below: int = 60,
              budget: int | None = None, money: bool = False) -> list[str]:
        """The whole cell when it is short; else the sentences that answer best, in their order:
        at most `limit`, and (with a budget) no more words than `budget` once the first is in.
        Sentences of two words or fewer ("Taal:", "Loopt.") are headings: they come along with
        the sentence after them, never alone."""
        text = idem_rest(row) if cell == "voortgang" else row.cell(cell)
        sents = split_sentences(text)
        if word_count(text) <= whole_below:
            return sents
        best = [b for b in self._best(row, cell, qterms, money=money) if word_count(b[2]) > 2]
        if not any(rel > 0 for rel, _, _ in best):
            best = sorted(best, key=lambda t: t[1])
        chosen: list[tuple[float, int, str]] = []
        for item in best:
            if len(chosen) >= limit:
                break
            if budget is not None and chosen and word_count(" ".join(c[2] for c in chosen) + " " + item[2]) > budget:
                continue
            chosen.append(item)
        # "Met deze verlenging kan het programma …" speaks of the sentence before ("In juli 2025
        # is de aanvraag voor een … verlenging … ingediend."), "De extra middelen helpen …" of the
        # sum the one before names: quoted alone it hides what happened
        taken = {i for _, i, _ in chosen}
        for _, i, sent in list(chosen):
            if i > 0 and i - 1 not in taken and (_OPENS_ON_BEFORE.match(sent) or _OPENS_BACK.match(sent)):
                chosen.append((0.0, i - 1, sents[i - 1]))
                taken.add(i - 1)
        chosen.sort(key=lambda t: t[1])
        return [s for _, _, s in chosen]


# Words that ask how an action is getting on: then the status leads, whatever else matches.
_PROGRESS_ASKED = re.compile(r"\b(?:status|voortgang|stand|staat|staan|stond|loopt|lopen|liep|gaat het|ging het|"
                             r"update|nieuws|gebeurd|gedaan|bereikt|opgeleverd|afgerond|klaar|vertraagd|achter|"
                             r"veranderd|ontwikkeling\w*|vorderingen|resultaten?|sinds)\b", re.I)

_AUXILIARY = re.compile(r"\b(?:zijn|is|er|hebben|heeft|worden|wordt|krijgen|kregen|krijgt|gaan|gaat|ging|zit|zitten)\b",
                        re.I)


_OF_THOSE_N = re.compile(rf"\b(?:van|uit)\s+(?:die|deze)\s+{_NUMBER_ALT}\b", re.I)


_THESE_N = re.compile(rf"\b(?:die|deze)\s+{_NUMBER_ALT}\s+(?:acties|maatregelen|programma'?s|projecten|plannen|regelingen)\b|"
                      r"\bbeide\s+(?:acties|maatregelen|programma'?s|projecten|plannen|regelingen)\b", re.I)


def _answered_one_by_one(question: str, history: list[Answer]) -> list[ActionRow]:
    """"deze twee acties" when the last two answers each gave one action (no list of two): those
    actions, the earlier first; [] otherwise."""
    m = _THESE_N.search(question)
    if m is None:
        return []
    n = 2 if m.group(1) is None else (int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1).lower()))
    answered = [h for h in history if h.rows and not h.abstained]
    if not n or n < 2 or len(answered) < n:
        return []
    last = answered[-n:]
    if any(h.kind != "lookup" for h in last):
        return []
    rows = list({h.rows[0].id: h.rows[0] for h in last}.values())
    return rows if len(rows) == n else []


def _counted_list(question: str, history: list[Answer]) -> list[Answer]:
    """The history as far as the list a follow-up narrows, when that list is not the last answer;
    unchanged otherwise. "en bij welke is er niks veranderd?" ("welke" without a noun) after a list and
    an answer about one of its actions: that list. "en bij welke van die vier staat er alleen 'idem'?"
    after a list of four and a list of two taken from it: the count says which. Either among the
    last three answers with actions."""
    answered = [i for i, h in enumerate(history) if h.rows and not h.abstained]
    if not answered:
        return history
    if re.match(BARE_WHICH, question, re.I) and not (len(history[answered[-1]].rows) > 1 and
                                                    history[answered[-1]].kind in ("list", "count", "compare")):
        # "en bij welke is er niks veranderd?" after a list and an answer about one of its actions:
        # the list (one of the last three answers)
        earlier = next((i for i in reversed(answered[-3:-1]) if len(history[i].rows) > 1 and
                        history[i].kind in ("list", "count", "compare")), None)
        return history if earlier is None else history[:earlier + 1]
    m = _OF_THOSE_N.search(question)
    if m is None:
        return history
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1).lower())
    if n is None or len(history[answered[-1]].rows) == n:
        return history
    earlier = next((i for i in reversed(answered[-3:-1]) if len(history[i].rows) == n and
                    history[i].kind in ("list", "count", "compare")), None)
    return history if earlier is None else history[:earlier + 1]


def _relation_dropped(text: str) -> str:
    """The text without the words that say how a party takes part (_TAKES_PART)."""
    return " ".join(_TAKES_PART.sub(" ", text).split())


def _looks_like_acronym(word: str, question: str) -> bool:
    """"btw" (no vowel), "DUO" (capitals), "bij duo" (alone), but not "oud" in "oud-studenten"."""
    if not re.search(r"[aeiouy]", word) or re.search(rf"\b{re.escape(word.upper())}\b", question):
        return True
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", fold(question).lower()) is not None


def _subject_phrase(p: Plan) -> str:
    """What a figure question asks about, in its own words, for "De rapportage noemt geen …":
    "hoeveel mbo-scholen zijn er in Nederland?" -> "aantal mbo-scholen in Nederland" (the caller
    puts the kind first); "hoeveel geld gaat er naar het Regionaal Investeringsfonds mbo?" -> "voor
    het Regionaal Investeringsfonds mbo"."""
    q = re.sub(r"[?!.]+\s*$", "", p.question).strip()
    if p.figure_kind == "count":
        m = re.search(r"\bhoeveel\s+(.+)$", q, re.I)
        if m and m.group(1).split()[0].lower() not in _VERB_HEADS:  # not "hoeveel steekt OCW …"
            return re.sub(r"\s+", " ", _AUXILIARY.sub(" ", m.group(1))).strip()
    q = re.sub(r"\s+(?:in totaal|bij elkaar|ongeveer|precies|eigenlijk|inmiddels|nu|dan)$", "", q, flags=re.I)
    m = re.match(r"\s*(?:en\s+)?hoe hoog (?:is|zijn|was|waren|wordt|worden)\s+(.+)$", q, re.I)
    if m and len(m.group(1).split()) <= 8:
        return f"voor {m.group(1)}"  # "hoe hoog is een bestuursbeurs voor mbo-studenten?": all of it
    m = re.search(r".*\b(?:naar|voor|van|aan|in|bij|over)\s+(.+)$", q, re.I)
    if m and len(m.group(1).split()) <= 8:
        return f"voor {m.group(1)}"
    names = _question_names(p.question)
    if names:
        return f"voor {' '.join(names)}"
    return f"voor {p.topic}" if p.topic else "hierover"


def _head_phrase(after: str, head: str) -> str:
    """The name a detail question asks about, as the asker wrote it: "actieplan vsv", "Bestuursakkoord
    Flexibilisering Lerarenopleidingen"; the head word alone when the words after it are no name."""
    m = re.search(rf"\b{re.escape(head)}(?:\s+(?!(?:voor|van|vanaf|in|op|met|over|bij|en|of|dat|die|precies|"
                  rf"eigenlijk|allemaal|concreet|gemaakt|afgesproken|staan|zitten|is|zijn)\b)[\w'’-]+){{0,3}}",
                  after)
    return m.group(0) if m else head


def _question_names(question: str) -> list[str]:
    """Names in a question: capitalised words after its first word and acronyms, hyphenated
    names whole ("LLO-Katalysator", "Edu-V", "RIF")."""
    body = re.sub(r"^\W*\w+", " ", question)
    found = re.findall(r"\b[A-Z][\w]*(?:-[A-Za-z][\w]*)*", body)
    return [n for n in dict.fromkeys(found) if len(n) >= 2]


def _numbered_items(text: str) -> int:
    """How many items a numbered list in the text has ("1. … 2. … 3. …"; 0 when none)."""
    n = 0
    while re.search(rf"(?:^|[\s:;,(]){n + 1}[.)]\s", text):
        n += 1
    return n if n >= 2 else 0


def _names(sentence: str) -> list[str]:
    return _NAME.findall(sentence)


# A doer said without a proper name: "Hiervoor is de beroepsgroep aan zet."
_DOER_SAID = re.compile(r"\baan zet\b|\bverantwoordelijk\w*\b|\bhet voortouw\b|\btrekker\b|\bis aan de beurt\b|"
                        # who holds it now: "Het beheer … is overgedragen aan een externe partij."
                        r"\bovergedragen aan\b|\bondergebracht bij\b|\bbelegd bij\b|\bin handen van\b", re.I)


def _names_earlier(sentence: str, before: str) -> bool:
    """"De stichting beheert …" after "… is de stichting Edu-V opgericht.": a sentence that opens
    with "de/het" and a noun of the sentence before speaks of what that one named; so does one that
    opens with the noun alone, in the report's telegram style ("Onderzoek wordt januari 2026
    opgeleverd" after "… onderzoek aanbesteed naar …")."""
    m = re.match(r"(?:De|Het)\s+(\w{4,})\b", sentence) or re.match(r"([A-Z][a-z]{5,})\s+(?:wordt|worden|is|zijn)\b", sentence)
    return bool(m) and re.search(rf"\b{re.escape(m.group(1))}\b", before, re.I) is not None


_LOWER_WORD = re.compile(r"\b[a-zà-ÿ][\w’'-]*")
_RECIPIENT = re.compile(r"(?:Tweede |Eerste )?Kamer\b")
# The one who acts: "(ondersteund) door Stichting MBO Excellent", "samen met SURF", or a sentence
# that opens with an organisation ("Het NRO en de Inspectie …", "OCW verleent …").
_AGENT = re.compile(r"\b(?:door|samen met|in opdracht van)\s+(?:de |het )?(?:stichting |[A-Z])"
                    r"|^(?:(?:Het|De)\s+)?(?:[A-Z]{2,}|Stichting)\b")


def _family(term: str, candidates: tuple[str, ...]) -> bool:
    """Is one of the row's words (sharing the first PREFIX_FAMILY letters) of the term's family?
    Only when the shared beginning is most of the shorter word: "internationale" for
    "internationalisering", "excellent" for "excellentie", but not "studentenkaart" for
    "studentenhuisvesting", whose shared "studenten" is only the first part of two compounds."""
    for c in candidates:
        n = len(os.path.commonprefix((term, c)))
        if n >= FAMILY_SHARE * min(len(term), len(c)):
            return True
    return False


def _lead(text: str, max_words: int) -> str:
    """The first sentences of a cell, whole, up to max_words (at least the first sentence)."""
    out: list[str] = []
    for sent in split_sentences(text):
        if out and word_count(" ".join(out + [sent])) > max_words:
            break
        out.append(sent)
    return " ".join(out) if out else text


# A question about what an action is: "wat houdt die actie in?", "waar gaat dat over?"
# "… binnen de actie over mentaal welzijn": what follows describes the action, what precedes asks
_IN_THE_ACTION = re.compile(r"\b(?:binnen|bij|in|van|uit|onder)\s+(?:de|het|die|deze)\s+(?:actie|maatregel|afspraak)\s+"
                            r"(?:over|rond|rondom|voor|met|om|rond)\b", re.I)
_ABOUT_ACTION = re.compile(r"\bwat houd(?:t|en)\b(?:\s+[\w'’-]+){1,4}\s+in\b|\bwaar gaat\b(?:\s+[\w'’-]+){1,4}\s+over\b|"
                           # "voor wie is die nazorg bedoeld?": the action says whom it serves
                           r"\bvoor wie (?:is|zijn|was|waren)\b[^?]*\b(?:bedoeld|bestemd)\b|"
                           r"\bwat (?:is|zijn|betekent|betekenen) (?:dat|dit|die|deze)(?: actie| plan)?\s*(?:precies|eigenlijk)?\s*\?", re.I)


def _short_kin(term: str, row_terms) -> bool:
    """A row stem shorter than the family prefix that begins the term and leaves only a suffix:
    "digital" (digitale) for "digitaliser" (digitalisering). Not "student" for
    "studentenhuisvest": what is left there is a word of its own."""
    return len(term) > SHORT_KIN and any(term[:k] in row_terms for k in range(max(SHORT_KIN, len(term) - KIN_SUFFIX),
                                                                              min(PREFIX_FAMILY, len(term))))


def _unseparated(term: str) -> str:
    """A participle of a separable verb without its "ge": "aangepast" -> "aanpast"."""
    m = re.fullmatch(r"(aan|op|af|uit|in|door|mee|toe|vast|bij|over|terug|voor|na|weg)ge(\w{3,})", term)
    return m.group(1) + m.group(2) if m else term


def _same_root(term: str, other: str) -> bool:
    """"onderzocht" ~ "onderzoek": a verb form the stemmer does not join to its root, seen as a
    shared beginning that leaves at most three letters of the longer word."""
    n = max(6, max(len(term), len(other)) - 3)
    return len(term) >= 6 and len(other) >= 6 and term[:n] == other[:n]


def _verb_base(term: str) -> str:
    """A stem without the -t/-d of a verb form ("ondersteunt", "ondersteund" -> "ondersteun"),
    stemmed again so that it meets the noun's stem ("beheert" -> "beher", as "beheer")."""
    if len(term) >= 6 and term[-1] in "td" and term[-2] not in "aeiou":
        term = stem(term[:-1])
    # a participle meets its verb: "geïnvesteerd" ~ "investeert"
    return term[2:] if term.startswith("ge") and len(term) >= 8 else term


def _names_a_doer(sentence: str, question: str = "") -> bool:
    """A name or acronym the question does not already hold ("het programma Cyberveiligheid" is
    the subject, "samen met SURF" the doer), or a doer said in words ("… is aan zet"). The
    (Tweede) Kamer is only ever informed in this report, never the one who acts."""
    asked = fold(question).lower()
    return any(fold(n).lower() not in asked and not _RECIPIENT.match(n)
               for n in (*_names(sentence), *_ACRONYM.findall(sentence))) or \
        bool(_DOER_SAID.search(sentence))


def _reports_new(row: ActionRow) -> bool:
    """The 2025 text says something: not empty, not a bare "Idem.", not the 2024 text repeated."""
    rest = idem_rest(row)
    return bool(rest) and words(rest) != words(row.status)


def _later(row: ActionRow) -> str:
    """"2025": the year of the row's Voortgang, for "meldt voor 2025 geen voortgang"."""
    return row.periods.voortgang_year or "de laatste periode"


def _periods_of(row: ActionRow) -> list[str]:
    if row.voortgang.strip():
        return ["voortgang"] + (["status"] if row.voortgang_idem else [])
    return ["status"]


def _scope_words(p: Plan) -> str:
    f = p.filters
    parts = []
    if f.stand:
        parts.append(f"met stand '{f.stand}'")
    if p.topic and fold(p.topic) in _STUDENT_TOPICS:
        parts.append("die studenten direct aangaan (JOB is partij, of de actie gaat over studenten zelf)")
    elif p.topic:
        parts.append(f"over '{p.topic.strip(chr(39))}'".replace(" | ", "' of '"))
    if p.mentions:
        parts.append("die een " + ("geldbedrag" if p.mentions == "amount" else "percentage") + " noemen")
    if p.unfinished:
        parts.append("die nog niet afgerond zijn")
    if p.recent:
        parts.append("die pas in de latere periode afgerond zijn")
    if p.early:
        parts.append("die in de eerdere periode al afgerond waren")
    if p.any_of:
        if p.besides:
            other = f"een ander ministerie dan {' en '.join(p.besides)}"
        elif all(x in _MINISTRY_NAMES for x in p.any_of):
            other = "een ministerie"
        else:
            other = ", ".join(p.any_of[:-1]) + f" of {p.any_of[-1]}"
        parts.append(f"met {other} in de kolom Wie")
    # "werkgevers", "gemeenten", "sociale partners": a plural takes "zijn" (the acronyms are singular)
    verb = "zijn" if f.partij and f.partij[:1].islower() and re.search(r"(?:en|s|'en)$", f.partij) else "is"
    if f.partij and p.primary:
        parts.append(f"waarbij {f.partij} primair verantwoordelijk {verb}")
    elif f.partij and p.also:
        named = [f.partij, *p.also]
        parts.append(f"waarbij {' en '.join(named)} {'allebei' if len(named) == 2 else 'allemaal'} betrokken zijn")
    elif f.partij and p.alone:
        parts.append(f"met alleen {f.partij} in de kolom Wie")
    elif f.partij:
        parts.append(f"waarbij {f.partij} betrokken {verb}")
    if p.without:
        parts.append(f"zonder {' of '.join(p.without)} in de kolom Wie")
    if p.doelstellingen:
        parts.append(f"in doelstelling {_and(p.doelstellingen)}")
    elif f.doelstelling:
        parts.append(f"in doelstelling {f.doelstelling}")
    elif p.prioriteiten:
        parts.append(f"in prioriteit {_and([str(n) for n in p.prioriteiten])}")
    elif f.prioriteit is not None:
        parts.append(f"in prioriteit {f.prioriteit}")
    if f.jaar is not None:
        parts.append(f"gepland of gemeld voor {f.jaar}")
    return (" " + ", ".join(parts)) if parts else ""


def _fallback(ans: Answer, note: str) -> Answer:
    ans.notice = note
    ans.text = f"*{esc(note)}*\n\n" + ans.text
    return ans


def _with_notices(lines: list[str], notices: list[str]) -> list[str]:
    if not notices:
        return lines
    return [f"*{esc(n)}*" for n in notices] + [""] + lines

"""The mbo sector's abbreviations and what they stand for, as the analyzer's terms.

The report writes "LOB" where a student asks about "loopbaanoriëntatie", and "voortijdig
schoolverlaten" where staff write "vsv". BM25 and the coverage test only see shared terms, so
a topic said in the other form found none of those rows (dev topic lists: "loopbaanoriëntatie en
studiekeuze" missed the three LOB rows). The table is general knowledge of the sector, the
abbreviations any mbo glossary gives, not a list taken from evaluation questions; each entry is
an abbreviation and the long forms that mean the same.

SYNONYMS is a second, smaller table with the same mechanics: everyday words for a term the report
writes in its own word ("gemeten" for "peiling", "hackers" for "cyberveiligheid"). Unlike ENTRIES it
was picked from development failures (general Dutch, but chosen where development questions needed
it), so its held-out value is what a test split shows. A lookup's search also takes the report's
word for an everyday one (engine.EVERYDAY, `expansion(..., longs=False)`).

`Glossary.alternatives(terms)` gives, per query term, the term groups that stand for it in a
row: a row "covers" the abbreviation's term when it holds every term of one long form, and a long
form's terms when it holds the abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

# (abbreviation, long forms). Long forms as the sector writes them; the analyzer reduces them to
# terms, so inflection and accents do not matter.
ENTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("LOB", ("loopbaanoriëntatie", "loopbaanbegeleiding")),
    ("vsv", ("voortijdig schoolverlaten", "vroegtijdig schoolverlaten", "voortijdig schoolverlaters", "schooluitval")),
    ("LLO", ("leven lang ontwikkelen",)),
    ("RMC", ("regionale meld- en coördinatiefunctie",)),
    ("RMT", ("regionaal mobiliteitsteam", "regionale mobiliteitsteams")),
    ("bpv", ("beroepspraktijkvorming",)),
    ("evc", ("erkenning van verworven competenties", "eerder verworven competenties")),
    ("bbl", ("beroepsbegeleidende leerweg",)),
    ("bol", ("beroepsopleidende leerweg",)),
    ("SBB", ("Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven",)),
    ("NRO", ("Nationaal Regieorgaan Onderwijsonderzoek",)),
    ("VABA", ("Verbetering Aansluiting Beroepsonderwijs Arbeidsmarkt",)),
    ("MDT", ("maatschappelijke diensttijd",)),
    ("RIF", ("Regionaal Investeringsfonds",)),
    ("IvhO", ("Inspectie van het Onderwijs", "onderwijsinspectie")),
)

# Everyday words for a term the report writes in its own word, with the same mechanics: a question
# that says "meten" meets the report's "peilingsonderzoek" ("peilen" is to measure a level); protection
# against hackers and data leaks is what the report calls cyberveiligheid.
SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # ("wordt er landelijk getest hoe goed mbo'ers kunnen rekenen?": a test of what students can is one too)
    ("peiling", ("meting", "meten", "gemeten", "getest", "testen", "toets")),
    ("cyberveiligheid", ("hackers", "hacken", "gehackt", "datalekken", "datalek", "cyberaanvallen", "beveiligen",
                         "beveiliging")),
    ("suïcidepreventie", ("zelfmoordpreventie", "zelfmoord", "zelfdoding")),
    ("studentenhuisvesting", ("woonruimte", "studentenkamer", "studentenkamers", "studentenhuis", "studentenhuizen",
                              "studentenwoning", "studentenwoningen")),
    ("keuze", ("kiezen",)),
    # "de overstap van mbo naar hbo" is what the report calls doorstroom; choosing a study is what
    # its LOB rows are about
    ("doorstroom", ("overstap", "overstappen", "doorstromen")),
    ("LOB", ("studiekeuze", "beroepskeuze", "opleidingskeuze", "kiezen")),
    ("studentenkaart", ("studentenpas", "studentenpasje")),
    # how students feel: the report writes (mentaal) welzijn and welbevinden, students say stress
    ("welzijn", ("psychisch", "stress")),
    # a course for teachers is what the report calls a leergang ("een leergang burgerschap (ca. 10 ECTS)")
    ("leergang", ("cursus", "cursussen")),
    # "wie belt je op als je gestopt bent?": calling someone is taking contact ("legt proactief contact")
    ("contact", ("bellen", "belt", "opbellen", "gebeld")),
    # "krijgen bedrijven geld als ze een bbl'er begeleiden?": money a party receives is what the report
    # calls a subsidie (to employers) or bekostiging (to schools)
    # "digitale lesmaterialen", "lesboeken": the report's leermiddelen and schoolboeken
    ("leermiddelen", ("lesmateriaal", "lesmaterialen", "lesmiddelen")),
    ("schoolboeken", ("lesboeken", "studieboeken")),
    # "studenten die willen excelleren", "extra uitdaging": the report's excellentie(trajecten)
    ("excellentie", ("excelleren", "uitblinken", "uitdaging")),
    ("subsidie", ("geld",)),
    ("bekostiging", ("geld",)),
)


def whole_terms(text: str) -> tuple[str, ...]:
    """The stems of the text's own words, without the compound parts the analyzer adds: a long
    form must be there whole ("schoolverlaten", not only "school")."""
    from .analyzer import STOPWORDS, stem, words

    return tuple(dict.fromkeys(stem(w) for w in words(text) if w not in STOPWORDS and len(w) >= 2))


def standalone_terms(text: str) -> tuple[str, ...]:
    """whole_terms of the words that stand alone: "bbl" in "bbl-offensief" is part of a name, and
    "beroepsbegeleidende leerweg" would pull in every row about the bbl as such."""
    return whole_terms(re.sub(r"[\w'’]*(?:-[\w'’]+)+", " ", text))


@dataclass(frozen=True)
class Glossary:
    """Both directions of ENTRIES as terms."""

    # abbreviation's term -> (long form's terms, long form as written), one per long form
    longs: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    # (long form's terms, abbreviation's term, abbreviation as written)
    shorts: tuple[tuple[frozenset[str], str, str], ...] = ()

    @classmethod
    def of(cls, entries: tuple[tuple[str, tuple[str, ...]], ...] = ENTRIES + SYNONYMS) -> "Glossary":
        longs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        shorts: list[tuple[frozenset[str], str, str]] = []
        for abbr, forms in entries:
            (a,) = whole_terms(abbr)
            for form in forms:
                terms = whole_terms(form)
                longs.setdefault(a, []).append((terms, form))
                shorts.append((frozenset(terms), a, abbr))
        return cls({k: tuple(v) for k, v in longs.items()}, tuple(shorts))

    def alternatives(self, terms: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Per query term, the term groups that stand for it in a row (every term of a group must
        be there): an abbreviation's long forms, and for each term of a long form the query holds
        whole, the abbreviation."""
        terms = set(terms)
        out: dict[str, list[tuple[str, ...]]] = {}
        for t in terms:
            for group, _ in self.longs.get(t, ()):
                out.setdefault(t, []).append(group)
        for long, a, _ in self.shorts:
            if long <= terms:
                # "vroegtijdig schoolverlaten": "vsv", or another long form ("voortijdig …")
                others = [g for g, _ in self.longs[a] if frozenset(g) != long]
                for t in long:
                    out.setdefault(t, []).extend([(a,), *others])
        return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}

    def expansion(self, terms: Iterable[str], longs: bool = True) -> str:
        """The other forms as written, to add to a search text so that BM25 and the encoder see
        them too: "LOB" gives "loopbaanoriëntatie loopbaanbegeleiding". Without `longs`, only the
        short form a long form stands for ("gemeten" gives "peiling", "peiling" gives nothing)."""
        terms = set(terms)
        extra = [form for t in terms for _, form in self.longs.get(t, ())] if longs else []
        extra += [abbr for long, _, abbr in self.shorts if long <= terms]
        return " ".join(dict.fromkeys(extra))

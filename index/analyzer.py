"""Dutch text -> BM25 terms: accents, Snowball stemming, compound splitting, typo repair.

The analyzer is fitted on the corpus (the action rows). Its vocabulary drives what plain
stemming cannot do:
- compounds: "stagediscriminatie" also yields "stage" + "discriminatie", so "discriminatie bij
  stages" finds it (and the other way round). Parts must be corpus words (or attested compound
  parts), so only splits that can ever match are made. Words a user writes apart that the report
  writes as one ("comenius programma") are joined.
- typos: a query word that is not in the corpus ("kwalificatiestrucuur", "dsicriminatie") is
  replaced by its nearest corpus word (rapidfuzz edit distance), if that one is close enough.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH
from rapidfuzz import process
from rapidfuzz.distance import OSA

_TOKEN = re.compile(r"[a-z0-9]+")
# Dutch puts an apostrophe before plural/derivation endings of words ending in a vowel or of
# abbreviations: "mbo'ers", "havo's", "kwaliteitsagenda's", "GGD'en". The stem is what counts.
_APOSTROPHE_SUFFIX = re.compile(r"['’‘`](?:s|en|ers|er|tje|tjes)\b")

# Words that carry no topic in questions about this report: the question frame ("wat is de
# status van ...", "hoe staat het met ...") would otherwise match the column labels and every
# row that says "voortgang" or "status".
_QUESTION_WORDS = {
    "welke", "welk", "waar", "wanneer", "waarom", "hoeveel", "hoe", "wat", "wie", "gaat", "gebeurt",
    "gedaan", "doet", "doen", "staat", "stand", "zaken", "status", "voortgang", "stavaza",
    "vertel", "graag", "weten", "zit", "er", "eigenlijk", "momenteel", "nu", "over", "krijgen",
    "worden", "wordt", "zijn", "is", "kun", "kunt", "jij", "mij", "je", "we", "wij", "ons",
    "daar", "daarmee", "waarmee", "rond", "rondom", "betreft", "betreffen", "krijgt", "komt",
    "komen", "mogen", "mag", "moeten", "zitten", "kunnen", "ik", "welke", "iets",
    # "zouden" was repaired to the corpus word "houden" and matched it. ("moet", "kan", "wil" as
    # stop words cost the BM25-only variant 1 Hit@1 of 93: left in.)
    "zouden", "zullen",
    # conjunctions: "voordat" is no corpus word and was repaired to "doordat"
    "voordat", "nadat", "zodat", "doordat", "terwijl", "zodra", "indien", "hoewel", "totdat",
    # the report is the werkagenda: "wat doet de werkagenda voor …" names no subject; split, "werk"
    # matched "we werken toe" (a studentenkaart row for a question about volwassenen)
    "werkagenda", "bijvoorbeeld",
    # "met wie praat de MBO Raad over de werkdruk?": how the asker says "is in contact with", a word
    # the report never writes ("gesprekken", "overleg" are its words), so it weighed the most
    "praat", "praten", "spreekt", "spreken",
    # "als je gestopt bent", "als je geen werk hebt": the second person of zijn and hebben, which the
    # Dutch list only has as "ben" and "heb"; as a term "bent" weighed the most in its question
    "bent", "hebt",
    # "wanneer kun je weer …": the adverb; as a term it matched "de scholingsvraag weer in" (the
    # weather noun is the planner's, which answers it as unrelated before any search)
    "weer",
}
STOPWORDS = frozenset(STOPWORDS_DUTCH) | frozenset(_QUESTION_WORDS)

_QUERY_CACHE = 4096  # analysed query texts kept; a few hundred bytes each
_MIN_PART = 4  # shortest compound part, unless the part is a standalone corpus word (mbo, bbl, llo)
_MIN_COMPOUND = 7
# A word that never occurs on its own can still be a part when it begins one corpus word and ends
# another: "discriminatie" in "discriminatiegrond" and "stagediscriminatie". Long enough that
# endings like "ingen" or "heden" never qualify.
_MIN_BOUND_PART = 8


def fold(text: str) -> str:
    """Lower case without accents: 'geïnformeerd' == 'geinformeerd', 'oriëntatie' == 'orientatie'."""
    text = text.casefold()
    if text.isascii():
        # Nothing to decompose or strip. Folding was most of the CPU of a "wat is er afgerond?" at
        # 7,800 rows (the stand test folds every row's texts): 2.3 s per answer.
        return text
    text = unicodedata.normalize("NFKD", text)
    unseen = set(text) - _SEEN
    if unseen:
        for ch in unseen:
            if unicodedata.combining(ch):
                _STRIP[ord(ch)] = None
        _SEEN.update(unseen)  # after _STRIP: a character seen is always in the table
    return text.translate(_STRIP)  # in C, not a Python test per character


# Combining marks met so far, as a str.translate table that deletes them.
_STRIP: dict[int, None] = {}
_SEEN: set[str] = set()


_SHORT_HYPHEN = re.compile(r"\b([A-Za-z]{2,})-([A-Za-z0-9])\b")


def _short_hyphen_names(text: str) -> list[str]:
    """"Edu-V" is a name, not "edu" and a lone "v" (too short to be a term): it is also kept whole,
    so it no longer matches "EDU-DEX" as well as itself."""
    if "-" not in text:
        return []
    return [fold(a + b) for a, b in _SHORT_HYPHEN.findall(text)]


# A separable verb split by "te": "af te stemmen" is "afstemmen", as a question says it ("het
# afstemmen van onderwijsprogramma's"). The joined word is added; the parts stay.
_SEPARATED = re.compile(r"\b(af|aan|op|uit|in|mee|door|toe|bij|terug|vast|samen|weg|voort|na|over|om)\s+te\s+([a-z]{3,})\b")


def _separated_verbs(text: str) -> list[str]:
    if " te " not in text:
        return []
    return [a + b for a, b in _SEPARATED.findall(" ".join(words(text)))]


def words(text: str) -> list[str]:
    """Folded word tokens; hyphens split ("bbl-offensief"), apostrophe endings go ("mbo'ers")."""
    return _TOKEN.findall(_APOSTROPHE_SUFFIX.sub("", fold(text)))


_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    # PyStemmer objects are not thread-safe and gradio serves requests from several threads.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("dutch")
    return stemmer


def stem(word: str) -> str:
    # Snowball keeps the -s plural after an e ("stages", "studies" stay as they are) while it
    # reduces the singular ("stage" -> "stag"); drop that s first so singular and plural meet.
    if len(word) > 5 and word.endswith("es") and not word.endswith("ees"):
        word = word[:-1]
    return _stemmer().stemWord(word)


def _bound_parts(vocab: Counter) -> frozenset[str]:
    """Compound parts that never occur as a word of their own but both begin one corpus word and
    end another ("discriminatie": discriminatiegrond, stagediscriminatie). Needing both sides
    keeps out fragments like "erenigingen" (only ever an ending) or "studentenv" (only a start)."""
    heads: set[str] = set()
    tails: set[str] = set()
    for w in vocab:
        n = len(w)
        heads.update(w[:i] for i in range(_MIN_BOUND_PART, n - 2))
        tails.update(w[i:] for i in range(3, n - _MIN_BOUND_PART + 1))
    return frozenset(p for p in heads & tails if p not in vocab)


@dataclass
class Analyzer:
    """Fitted on the corpus; turns documents and queries into the same kind of terms."""

    vocabulary: Counter  # folded corpus word -> frequency
    stems: frozenset[str]
    bound_parts: frozenset[str] = frozenset()  # parts only seen inside compounds
    split_compounds: bool = True
    fix_typos: bool = True
    _split_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _typo_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    _head_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    _query_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def fit(cls, texts: Iterable[str], **options) -> "Analyzer":
        vocab: Counter = Counter()
        for text in texts:
            vocab.update(words(text))
        stems = frozenset(stem(w) for w in vocab)
        return cls(vocabulary=vocab, stems=stems, bound_parts=_bound_parts(vocab), **options)

    # -- compounds -------------------------------------------------------------------------------

    def _is_part(self, part: str) -> bool:
        if part in STOPWORDS:
            return False
        if len(part) >= _MIN_PART:
            return stem(part) in self.stems or part in self.bound_parts
        return part in self.vocabulary  # short parts only when they occur on their own (mbo, bbl)

    def _split(self, word: str) -> tuple[str, ...]:
        """Best split of a compound into corpus words; () when it is not a known compound."""
        if len(word) < _MIN_COMPOUND:
            return ()
        best: tuple[str, ...] = ()
        best_key = (0, 0, 0)
        for i in range(3, len(word) - 2):
            head, tail = word[:i], word[i:]
            heads = [head]
            if head.endswith("s") and len(head) > 4:  # Dutch linking s: arbeid-s-markt
                heads.append(head[:-1])
            for h in heads:
                if not self._is_part(h):
                    continue
                if self._is_part(tail):
                    parts: tuple[str, ...] = (h, tail)
                else:
                    rest = self.compound_parts(tail)
                    if not rest:
                        continue
                    parts = (h, *rest)
                # Prefer parts that are words of their own, then few parts, then the most
                # balanced split (longest shortest part).
                bound = sum(p in self.bound_parts for p in parts)
                key = (-bound, -len(parts), min(len(p) for p in parts))
                if not best or key > best_key:
                    best, best_key = parts, key
        return best

    def compound_parts(self, word: str) -> tuple[str, ...]:
        if word not in self._split_cache:
            self._split_cache[word] = self._split(word)
        return self._split_cache[word]

    # -- typos ---------------------------------------------------------------------------------

    @property
    def _typo_candidates(self) -> list[str]:
        # Corpus words and compound parts: "dsicriminatie" should find "discriminatie" even
        # though the corpus only has it inside "stagediscriminatie".
        if not hasattr(self, "_candidates"):
            self._candidates = sorted(set(self.vocabulary) | self.bound_parts)
        return self._candidates

    def correct(self, word: str) -> str | None:
        """Nearest corpus word for an unknown query word, or None when nothing is close.

        Close means an edit distance (with transpositions: "dsicriminatie") of 1 for short words
        and 2 from 8 letters on. A candidate that contains the word plus a whole affix is a
        different word ("schrijven" is not a typo of "beschrijven")."""
        if word in self._typo_cache:
            return self._typo_cache[word]
        fixed = None
        if len(word) >= 5 and not word.isdigit():
            max_dist = 1 if len(word) < 8 else 2
            match = process.extractOne(word, self._typo_candidates, scorer=OSA.distance,
                                       score_cutoff=max_dist)
            if match is not None:
                cand = match[0]
                is_affix = (cand in word or word in cand) and abs(len(cand) - len(word)) >= 2
                fixed = None if is_affix else cand
        self._typo_cache[word] = fixed
        return fixed

    # -- terms ---------------------------------------------------------------------------------

    def _terms(self, tokens: Iterable[str]) -> list[str]:
        out: list[str] = []
        for w in tokens:
            if w in STOPWORDS or len(w) < 2:
                continue
            out.append(stem(w))
            if self.split_compounds:
                out.extend(stem(p) for p in self.compound_parts(w))
        return out

    def document_terms(self, text: str) -> list[str]:
        return self._terms(words(text)) + _short_hyphen_names(text) + self._terms(_separated_verbs(text))

    def query_terms(self, text: str) -> list[str]:
        # One search analyses its query three to four times (BM25, known share, coverage, the
        # engine's own terms). Single dict reads and writes are atomic, so threads can share it;
        # at worst two of them analyse the same text once each.
        got = self._query_cache.get(text)
        if got is None:
            got = tuple(self._query_terms(text))
            if len(self._query_cache) >= _QUERY_CACHE:
                self._query_cache.clear()
            self._query_cache[text] = got
        return list(got)

    def _query_terms(self, text: str) -> list[str]:
        tokens: list[str] = []
        for w in words(text):
            if self.fix_typos and w not in self.vocabulary and w not in STOPWORDS:
                w = self._repair(w)
            tokens.append(w)
        return self._terms(tokens) + self._joined(tokens) + self._verb_nouns(tokens) + _short_hyphen_names(text)

    def _verb_nouns(self, tokens: list[str]) -> list[str]:
        """A question asks with a verb where the report writes its -ing noun: "wanneer worden de
        rekenvaardigheden gepeild?" for "peilingsonderzoek", "is het verlengd?" for "verlenging".
        Only for a verb form the report never writes itself, and only when the noun is a corpus
        word or compound part."""
        out = []
        for w in tokens:
            if len(w) < 6 or w in STOPWORDS or stem(w) in self.stems:
                continue
            roots = []
            if w.endswith(("d", "t")):
                # a participle: "gepeild", "geregeld"; "verlengd", "ontwikkeld" take no ge-
                roots.append(w[2:-1] if w.startswith("ge") else w[:-1])
            elif w.endswith("en"):
                roots.append(w[:-2])  # an infinitive or plural verb: "peilen", "verlengen"
            for root in roots:
                noun = root + "ing"
                if len(root) >= 4 and self._is_part(noun):
                    out.append(stem(noun))
        return out

    def _joined(self, tokens: list[str]) -> list[str]:
        """Compounds the user wrote apart: "comenius programma" -> "comeniusprogramma" when the
        report writes it as one word (its parts alone may not be corpus words)."""
        if not self.split_compounds:
            return []
        out = []
        for a, b in zip(tokens, tokens[1:]):
            if a in STOPWORDS or b in STOPWORDS:
                continue
            for joined in (a + b, a + "s" + b):
                if joined in self.vocabulary:
                    out.append(stem(joined))
                    break
        return out

    def _repair(self, w: str) -> str:
        # A word whose stem is known ("stages" when the corpus has "stage") or that splits into
        # corpus words is fine as it is; then a comparative or superlative of a corpus word
        # ("aantrekkelijker", "belangrijkste"); only then the nearest corpus word.
        if stem(w) in self.stems or self.compound_parts(w):
            return w
        for suffix in ("ere", "er", "ste", "st"):
            base = w[: -len(suffix)]
            if w.endswith(suffix) and len(base) >= 5 and (base in self.vocabulary or stem(base) in self.stems):
                return base
        if w in self.bound_parts:
            return w  # "discriminatie", a part of "stagediscriminatie": the corpus has it as it is
        return self._infinitive(w) or self._compound_head(w) or self.correct(w) or w

    def _infinitive(self, w: str) -> str | None:
        """A verb form whose infinitive the report writes: "als je gestopt bent met school" for its
        "jongeren die stoppen met school", "hij stopt". The stemmer leaves "gestopt" and "stopt"
        apart from "stoppen", and the nearest corpus word of a participle is often another verb.
        Only an exact corpus word counts, so "gemaakt" is "maken" only where the report writes it."""
        if len(w) < 5 or not w.endswith(("t", "d")):
            return None
        other = w[:-1] + ("t" if w.endswith("d") else "d")
        if other in self.vocabulary:
            return other  # "veranderd" where the report writes "verandert": the same form of the verb
        roots = [w[:-1]]
        if w.startswith("ge"):
            roots.insert(0, w[2:-1])  # "gestopt"; "gebruikt" keeps its "ge" in the second root
        for root in roots:
            if len(root) < 3:
                continue
            forms = [root + "en"]
            vowels = "aeiou"
            if root[-1] not in vowels and root[-2] in vowels and root[-3] not in vowels:
                forms.append(root + root[-1] + "en")  # a short vowel doubles its consonant: stop -> stoppen
            if len(root) >= 4 and root[-2] == root[-3] and root[-2] in "aeou" and root[-1] not in vowels:
                forms.append(root[:-2] + root[-1] + "en")  # a long vowel is written once: maak -> maken
            for form in forms:
                if form in self.vocabulary:
                    return form
        return None

    def _compound_head(self, w: str) -> str | None:
        """"carriere" where the report only writes "carrièreperspectief": a word that heads a corpus
        compound (the shortest, with at least five letters after it) is that compound, not a typo
        of a near word ("barriere")."""
        if len(w) < 6:
            return None
        if w not in self._head_cache:
            words_ = self._typo_candidates  # sorted
            i = bisect.bisect_left(words_, w)
            found = None
            while i < len(words_) and words_[i].startswith(w):
                if len(words_[i]) - len(w) >= 5 and (found is None or len(words_[i]) < len(found)):
                    found = words_[i]
                i += 1
            self._head_cache[w] = found
        return self._head_cache[w]

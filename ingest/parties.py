"""Normalise the free text of a Wie? cell into a list of canonical party names."""

from __future__ import annotations

import re

# Order matters: longer names first, so "FNV Young & United" is not also counted as "FNV".
# Each pattern is matched case-insensitively against the whole cell; a match is blanked out
# before the next pattern runs.
_PARTY_PATTERNS: list[tuple[str, str]] = [
    (r"FNV\s+Young\s*&\s*United", "FNV Young & United"),
    (r"CNV\s+Jongeren", "CNV Jongeren"),
    (r"CNV\s+Onderwijs", "CNV Onderwijs"),
    (r"\bFNV\b", "FNV"),
    (r"\bFvOv\b", "FvOv"),
    (r"\bAOb\b", "AOb"),
    (r"MBO\s*Raad", "MBO Raad"),
    (r"VO[\s-]*raad", "VO-raad"),
    (r"VNO[\s-]*NCW", "VNO-NCW"),
    (r"MKB[\s-]*Nederland", "MKB-Nederland"),
    (r"Vereniging\s+Hogescholen|\bVH\b", "Vereniging Hogescholen"),
    (r"Expertisepunt\s*LOB", "Expertisepunt LOB"),
    (r"\bBV\s*MBO\b", "BVMBO"),
    (r"\bJOB(mbo)?\b", "JOB"),
    (r"\bOCW\b", "OCW"),
    (r"\bSBB\b", "SBB"),
    (r"\bNRTO\b", "NRTO"),
    (r"\bVNG\b", "VNG"),
    (r"\bBZK\b", "BZK"),
    (r"\bSZW\b", "SZW"),
    (r"\bVWS\b", "VWS"),
    # Data, not a rule: the report itself once spells UWV as "UVW" (row 1.3-04, Wie).
    (r"\bU(?:WV|VW)\b", "UWV"),
    (r"\bIngrado\b", "Ingrado"),
    (r"\bNuffic\b", "Nuffic"),
    (r"GGD[’']?en", "GGD'en"),
    (r"Rijksoverheid", "Rijksoverheid"),
    (r"sociale\s+partners", "sociale partners"),
    (r"vakbonden", "vakbonden"),
    (r"Lerarenorganisaties", "lerarenorganisaties"),
    (r"lerarenopleidingen", "lerarenopleidingen"),
    (r"zorg-\s*en\s*welzijnsinstellingen", "zorg- en welzijnsinstellingen"),
    (r"partners\s+van\s+KiesMBO", "partners van KiesMBO"),
    (r"(?:bedrijfsleven)", "bedrijfsleven"),
    (r"werkgevers", "werkgevers"),
    (r"gemeenten?\b", "gemeenten"),
    (r"vo-scholen", "vo-scholen"),
    (r"hbo-\s*instellingen", "hbo-instellingen"),
    # The sectors by their short names ("vo en hbo (w.o. lerarenopleidingen)", row 2.1-02): their
    # schools. The VO-raad is matched, and blanked, before this.
    (r"\bvo\b(?!-)", "vo-scholen"),
    (r"\bhbo\b(?!-)", "hbo-instellingen"),
    (r"(?:bekostigde\s+)?mbo-\s*(?:scholen|instellingen)|\bscholen\b", "mbo-scholen"),
    (r"\bstudenten\b", "studenten"),
    (r"\bdocenten\b", "docenten"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), name) for p, name in _PARTY_PATTERNS]
# Any one party name, for parsers that need to know where a list of parties ends.
PARTY_NAME = re.compile("|".join(f"(?:{p})" for p, _ in _PARTY_PATTERNS), re.IGNORECASE)
# A role that a Wie cell gives a party: "OCW (primair)", "Primair OCW".
ROLE = re.compile(r"\(?primair\)?", re.IGNORECASE)


def normalise_parties(wie: str) -> list[str]:
    """Canonical parties named in a Wie? cell, in order of first mention, without repeats."""
    text = wie
    found: list[tuple[int, str]] = []
    for pattern, name in _COMPILED:
        for m in pattern.finditer(text):
            found.append((m.start(), name))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    seen: list[str] = []
    for _, name in sorted(found):
        if name not in seen:
            seen.append(name)
    return seen

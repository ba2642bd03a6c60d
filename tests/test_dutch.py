"""index/dutch.py: the Dutch word list that tells a typo from a word of its own."""

from index import dutch


def test_ordinary_words_are_dutch_and_typos_are_not():
    assert dutch.is_word("recept") and dutch.is_word("vrienden") and dutch.is_word("regenen")
    # typos of the report's own words, which the analyzer may correct
    assert not dutch.is_word("studnten") and not dutch.is_word("dsicriminatie")


def test_frequency_separates_everyday_from_sector_words():
    # everyday words are frequent in the list's subtitle corpus; the report's own terms are rare or absent
    assert dutch.frequency("kijken") > 5000 and dutch.frequency("makkelijk") > 5000
    assert dutch.frequency("vakmanschap") < 5000 and dutch.frequency("peilingsonderzoek") == 0

"""The sector glossary as terms: pure functions, checked by hand."""

from index.glossary import Glossary, whole_terms


def test_whole_terms_are_the_words_own_stems():
    assert whole_terms("voortijdig schoolverlaten") == ("voortijd", "schoolverlat")
    assert whole_terms("LOB") == ("lob",)


def test_an_abbreviation_stands_for_each_long_form():
    g = Glossary.of((("vsv", ("voortijdig schoolverlaten", "vroegtijdig schoolverlaten")),))
    assert g.alternatives({"vsv", "aanpak"}) == {"vsv": (("voortijd", "schoolverlat"), ("vroegtijd", "schoolverlat"))}
    assert g.expansion({"vsv"}) == "voortijdig schoolverlaten vroegtijdig schoolverlaten"


def test_a_long_form_stands_for_the_abbreviation_only_when_whole():
    g = Glossary.of((("vsv", ("voortijdig schoolverlaten", "vroegtijdig schoolverlaten")),))
    got = g.alternatives({"vroegtijd", "schoolverlat"})
    # each word of the long form: the abbreviation, or the other long form whole
    assert got["vroegtijd"] == (("vsv",), ("voortijd", "schoolverlat"))
    assert got["schoolverlat"] == got["vroegtijd"]
    assert g.alternatives({"schoolverlat"}) == {}
    assert g.expansion({"vroegtijd", "schoolverlat"}) == "vsv"


def test_an_abbreviation_inside_a_name_is_no_abbreviation():
    from index.glossary import standalone_terms
    assert standalone_terms("status bbl-offensief") == ()
    assert standalone_terms("de bbl en het LOB") == ("bbl", "lob")


def test_an_everyday_word_stands_for_the_reports_word():
    from index.glossary import SYNONYMS
    g = Glossary.of(SYNONYMS)
    assert g.expansion(whole_terms("wordt er gemeten")) == "peiling"
    assert ("peiling",) in g.alternatives(whole_terms("meten"))[whole_terms("meten")[0]]
    # a search takes the report's word for the everyday one, not the everyday words for the report's
    assert g.expansion(whole_terms("peiling"), longs=False) == ""
    assert g.expansion(whole_terms("peiling")).startswith("meting meten gemeten")

"""Matching actions across report editions (index/crosswalk.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ingest
from eval import nextyear
from eval.crosswalk_study import perturb, perturbed_report
from index import crosswalk as cw
from index.crosswalk import MATCH_THRESHOLD, latest_statement, match_reports, status_changed
from ingest.model import ActionRow


def row(id: str, wat: str, status: str = "Loopt.", voortgang: str = "Idem.") -> ActionRow:
    return ActionRow(id=id, prioriteit=int(id[0]), doelstelling=id[:3], wat=wat, wie="OCW",
                     wanneer="2025", status=status, voortgang=voortgang)


# --- small hand-checkable cases ------------------------------------------------------------------


def test_latest_statement_follows_idem():
    assert latest_statement(row("1.1-01", "x", "Loopt.", "Afgerond in 2025.")) == "Afgerond in 2025."
    assert latest_statement(row("1.1-01", "x", "Loopt.", "Idem.")) == "Loopt."
    assert latest_statement(row("1.1-01", "x", "Loopt.", "")) == "Loopt."
    assert latest_statement(row("1.1-01", "x", "Loopt.", "Idem. De Kamer is geïnformeerd.")) == \
        "Loopt. De Kamer is geïnformeerd."


def test_status_changed_rule():
    old = row("1.1-01", "x", "Loopt.", "Afgerond in 2025.")
    # the new edition's earlier column holds last year's latest statement, then "Idem.": no change
    assert not status_changed(old, row("1.1-01", "x", "Afgerond in 2025.", "Idem."))
    # spacing, hyphenation and punctuation are no change
    assert not status_changed(old, row("1.1-01", "x", "Afgerond  in 2025", "Idem."))
    # a new Voortgang is a change, and so is a rewritten earlier column under "Idem."
    assert status_changed(old, row("1.1-01", "x", "Afgerond in 2025.", "In 2026 geëvalueerd."))
    assert status_changed(old, row("1.1-01", "x", "Gestopt in 2025.", "Idem."))


def test_earlier_status_is_read_in_one_place():
    """Only the accessor names the earlier-status field (it was renamed once already)."""
    source = Path(cw.__file__).read_text(encoding="utf-8")
    assert len(re.findall(r"\.status\b", source)) == 1
    assert cw.earlier_status(row("1.1-01", "x", "Loopt.")) == "Loopt."


def test_identical_reports_pair_everything_as_same():
    rows = [row("1.1-01", "We starten een verkenning naar studentenhuisvesting."),
            row("1.1-02", "OCW investeert in de Regionale Meld- en Coördinatiefunctie.")]
    walk = match_reports(rows, rows)
    assert [(p.old_id, p.new_id, p.kind, p.similarity, p.status_changed) for p in walk.pairs] == [
        ("1.1-01", "1.1-01", "same", 1.0, False), ("1.1-02", "1.1-02", "same", 1.0, False)]
    assert walk.added == [] and walk.dropped == []


def test_reworded_moved_added_dropped_small():
    old = [
        row("1.1-01", "We vergroten de bekendheid van het studentenfonds onder studenten en docenten."),
        row("1.1-02", "Scholen maken een plan voor de aanpak van laaggeletterdheid bij volwassenen."),
        row("2.1-01", "OCW financiert het Meld- en Expertisepunt Specialistisch Vakmanschap."),
    ]
    new = [
        # reworded: clauses turned round, one word swapped
        row("1.1-01", "Onder studenten en docenten vergroten wij de bekendheid van het studentenfonds."),
        # added: nothing like it before
        row("1.1-02", "Gemeenten bieden een gratis ov-kaart aan minderjarige studenten."),
        # moved from 1.1 to 3.1, with a new Voortgang
        row("3.1-01", "Scholen maken een plan voor de aanpak van laaggeletterdheid bij volwassenen.",
            voortgang="In 2026 hebben alle scholen een plan."),
    ]
    walk = match_reports(old, new)
    kinds = {(p.old_id, p.new_id): p.kind for p in walk.pairs}
    assert kinds == {("1.1-01", "1.1-01"): "reworded", ("1.1-02", "3.1-01"): "moved"}
    assert walk.added == ["1.1-02"] and walk.dropped == ["2.1-01"]
    assert [p.new_id for p in walk.changed()] == ["3.1-01"]
    assert walk.new_id("1.1-02") == "3.1-01" and walk.old_id("3.1-01") == "1.1-02"
    assert walk.new_id("2.1-01") is None


def test_same_doelstelling_wins_over_a_closer_text_elsewhere():
    """Within its own doelstelling an action is matched first, even when a row elsewhere reads
    closer to it; that row is then left to its own partner."""
    wat = "We zetten een landelijk programma op voor praktijkgericht onderzoek in het mbo."
    old = [row("3.4-01", wat), row("2.1-01", wat + " Dit gebeurt samen met de lectoren.")]
    new = [row("2.1-01", wat), row("3.4-01", "Voor praktijkgericht onderzoek in het mbo komt er een landelijk programma.")]
    sim = cw.similarity_matrix(old, new)
    assert sim[0][0] > sim[0][1] >= MATCH_THRESHOLD  # old 3.4-01 reads closer to new 2.1-01
    walk = match_reports(old, new)
    assert {(p.old_id, p.new_id, p.kind) for p in walk.pairs} == {
        ("3.4-01", "3.4-01", "reworded"), ("2.1-01", "2.1-01", "reworded")}


def test_one_to_one_takes_the_closest():
    old = [row("1.1-01", "We versterken de positie van studenten in de medezeggenschap van scholen."),
           row("1.1-02", "We versterken de positie van studenten in de medezeggenschap van scholen en regio.")]
    new = [row("1.1-01", "We versterken de positie van studenten in de medezeggenschap van scholen.")]
    walk = match_reports(old, new)
    assert [(p.old_id, p.new_id) for p in walk.pairs] == [("1.1-01", "1.1-01")]
    assert walk.dropped == ["1.1-02"]


def test_unrelated_texts_stay_unpaired():
    old = [row("1.1-01", "Gemeenten zorgen voor voldoende studentenhuisvesting.")]
    new = [row("1.1-01", "Het examenbesluit voor burgerschap wordt herzien.")]
    walk = match_reports(old, new)
    assert walk.pairs == [] and walk.added == ["1.1-01"] and walk.dropped == ["1.1-01"]


def test_similarity_folds_stems_and_drops_stop_words():
    text = "We investeren in de professionalisering van loopbaanoriëntatie."
    idf = cw.idf_weights([text, "Studenten krijgen een studentenkaart."])
    a = cw.wat_terms(text)
    # accents folded, "investeren"/"investeringen" one stem, "krijgt" and "de" stop words
    assert cw.similarity(a, cw.wat_terms("De professionalisering van loopbaanorientatie krijgt investeringen."),
                         idf) == pytest.approx(1.0)
    b = cw.wat_terms("OCW investeert extra in de professionalisering van loopbaanbegeleiding.")
    s = cw.similarity(a, b, idf)
    assert s == pytest.approx(cw.similarity(b, a, idf))
    assert 0.0 < s < 1.0
    assert cw.similarity(a, cw.wat_terms(""), idf) == 0.0


# --- the shipped report and the generated next-year report --------------------------------------


@pytest.fixture(scope="module")
def old_rows():
    return ingest.load_rows()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("nextyear-crosswalk")
    paths = nextyear.write(out)
    return paths, nextyear.KnownChanges.from_json(paths["changes"].read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["text", "pdf"])
def walk_and_changes(request, generated, old_rows):
    paths, changes = generated
    new_rows = ingest.parse_source(paths[request.param]).rows
    return match_reports(old_rows, new_rows), changes


def test_every_known_pair_found_and_no_false_pair(walk_and_changes):
    walk, changes = walk_and_changes
    found = {p.old_id: p.new_id for p in walk.pairs}
    assert found == changes.id_map  # precision and recall 1 on the 77 known pairs


def test_added_dropped_moved_reworded_classified(walk_and_changes):
    walk, changes = walk_and_changes
    assert walk.added == changes.added
    assert walk.dropped == changes.dropped
    assert {p.old_id: p.new_id for p in walk.of_kind("moved")} == changes.moved
    assert {p.old_id: p.new_id for p in walk.of_kind("reworded")} == changes.reworded
    same = set(changes.id_map) - set(changes.moved) - set(changes.reworded)
    assert {p.old_id for p in walk.of_kind("same")} == same
    assert all(p.similarity == 1.0 for p in walk.of_kind("same"))
    assert all(MATCH_THRESHOLD <= p.similarity < 1.0 for p in walk.of_kind("reworded"))


def test_status_changed_is_exactly_the_known_set(walk_and_changes):
    walk, changes = walk_and_changes
    assert sorted(p.new_id for p in walk.changed()) == sorted(changes.status_changed)


# --- the threshold against the measured distributions ---------------------------------------------


def test_threshold_lies_between_non_pairs_and_reworded_pairs(old_rows):
    """The constant was measured by eval/crosswalk_study.py; this keeps it honest if the analyzer
    changes: every row's best other row is below it, every rewording (3 seeds) above it."""
    idf = cw.idf_weights([r.wat for r in old_rows])
    terms = [cw.wat_terms(r.wat) for r in old_rows]
    best_other = max(cw.similarity(t, u, idf) for i, t in enumerate(terms) for j, u in enumerate(terms) if i != j)
    assert best_other < MATCH_THRESHOLD
    for seed in range(3):
        reworded = [r.model_copy(update={"wat": perturb(r.wat, seed)}) for r in old_rows]
        assert sum(r.wat != p.wat for r, p in zip(old_rows, reworded)) > 60  # the perturber perturbs
        sim = cw.similarity_matrix(old_rows, reworded)
        assert min(sim[i][i] for i in range(len(old_rows))) >= MATCH_THRESHOLD, seed


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reworded_report_with_drop_and_move_matches_perfectly(old_rows, seed):
    new_rows, truth, dropped = perturbed_report(old_rows, seed)
    walk = match_reports(old_rows, new_rows)
    assert {p.old_id: p.new_id for p in walk.pairs} == truth
    assert walk.dropped == [dropped] and walk.added == []
    moved = {p.old_id for p in walk.of_kind("moved")}
    assert moved and all(truth[o][:3] != o[:3] for o in moved)

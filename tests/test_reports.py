"""Next year's report beside this one: labels, matching, the change list, the timeline and routing.

The next-year report is generated from the shipped one (eval/nextyear.py) with known changes, as
text and as PDF; every test runs on both inputs. Each input gets its own data directory with two
real indexes (the shipped report and the added one)."""

from __future__ import annotations

import re

import pytest

from eval.nextyear import KnownChanges, write
from index import IndexConfig
from index.reports import add_report
from ingest import parse_source

OLD_LABELS = ("Status zomer 2024", "Voortgang (2025)")
NEW_LABELS = ("Status zomer 2025", "Voortgang (2026)")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("volgend-jaar")
    paths = write(out)
    return paths, KnownChanges.from_json((out / "changes.json").read_text(encoding="utf-8"))


def _source(paths, kind):
    return next(p for p in paths.values() if str(p).endswith(".txt" if kind == "text" else ".pdf"))


@pytest.fixture(scope="module", params=["text", "pdf"])
def both(request, generated, tmp_path_factory):
    """The engine over the shipped report and the generated 2026 report (added with --rapport)."""
    from app.engine import Engine

    paths, changes = generated
    cfg = IndexConfig(data_dir=tmp_path_factory.mktemp(f"twee-{request.param}"))
    add_report(cfg, parse_source(_source(paths, request.param)).rows, "2026")
    return Engine.load(cfg), changes


def test_the_latest_report_answers_with_its_own_labels(both):
    engine, _ = both
    assert list(engine.reports) == ["2025", "2026"] and engine.rapport == "2026"
    # each report's index manifest records its key and periods
    assert [(e.index.manifest.rapport, e.index.manifest.periods) for e in engine.reports.values()] == \
        [("2025", list(OLD_LABELS)), ("2026", list(NEW_LABELS))]
    ans = engine.answer("wat is de status van het bbl-offensief?")
    assert ans.rapport == "2026" and ans.rows[0].rapport == "2026"
    assert "Voortgang (2026)" in ans.text and "Voortgang (2025)" not in ans.text
    assert "voortgangsrapportage 2026 (de nieuwste)" in ans.text
    assert all(q.period in (*NEW_LABELS, None) for q in ans.quotes)
    assert ans.citations[0].rapport == "2026" and set(ans.citations[0].labels) <= set(NEW_LABELS)


def test_a_named_report_or_the_selector_routes_to_it(both):
    engine, _ = both
    named = engine.answer("wat stond er in de rapportage van 2025 over het bbl-offensief?")
    assert named.rapport == "2025" and "Voortgang (2025)" in named.text and "Voortgang (2026)" not in named.text
    # a year only the earlier report covers goes there; a year both cover stays with the latest
    earlier = engine.answer("hoe stond het bbl-offensief er in de zomer van 2024 voor?")
    assert earlier.rapport == "2025" and "Status zomer 2024" in earlier.text
    assert engine.answer("wat gebeurde er in 2025 met het bbl-offensief?").rapport == "2026"
    chosen = engine.answer("wat is de status van het bbl-offensief?", rapport="2025")
    assert chosen.rapport == "2025" and chosen.rows[0].voortgang_label == "Voortgang (2025)"


def test_matching_finds_every_known_pair_and_no_false_one(both):
    engine, changes = both
    walk = engine.crosswalk("2025", "2026")
    assert {p.old_id: p.new_id for p in walk.pairs} == changes.id_map
    assert sorted(walk.added) == sorted(changes.added) and sorted(walk.dropped) == sorted(changes.dropped)
    kinds = {p.old_id: p.kind for p in walk.pairs}
    assert {o for o, k in kinds.items() if k == "moved"} == set(changes.moved)
    assert {o for o, k in kinds.items() if k == "reworded"} == set(changes.reworded) - set(changes.moved)


def test_the_change_question_lists_exactly_the_changed_actions(both):
    engine, changes = both
    ans = engine.answer("wat is er veranderd sinds de vorige rapportage?")
    assert ans.kind == "changes" and ans.rapport == "2026"
    assert {r.id for r in ans.rows} == set(changes.status_changed) | set(changes.added)
    assert f"melden {len(changes.status_changed)} van de {len(changes.id_map)} acties" in ans.text
    for old_id in changes.dropped:
        assert f"**{old_id}**" in ans.text.split("Niet meer in deze rapportage")[1]
    for new_id in changes.added:
        assert f"**{new_id}**" in ans.text.split("Nieuw in deze rapportage")[1]
    # grouped by doelstelling, each change with both reports' latest statement and period
    assert ans.text.count("(rapport 2026):*") == len(changes.status_changed)
    doels = re.findall(r"^\*Doelstelling (\d\.\d)\*$", ans.text, re.M)
    assert doels == sorted(doels) and len(doels) == len(set(doels))


def test_the_change_question_within_a_doelstelling(both):
    engine, changes = both
    doel = changes.status_changed[0][:3]
    ans = engine.answer(f"wat is er bij doelstelling {doel} veranderd sinds de vorige rapportage?")
    assert ans.kind == "changes"
    assert {r.id for r in ans.rows} == {i for i in [*changes.status_changed, *changes.added] if i.startswith(doel)}


def test_the_timeline_shows_every_period_in_order(both):
    engine, _ = both
    ans = engine.answer("hoe liep het bbl-offensief van 2024 tot nu?")
    assert ans.rows[0].id == "2.3-01"
    labels = [t["period"] for t in ans.timeline]
    assert labels == [*OLD_LABELS, *NEW_LABELS]
    assert [t["rapport"] for t in ans.timeline] == ["2025", "2025", "2026", "2026"]
    shown = ans.text.split("Verloop over de rapportages")[1]
    assert [shown.index(label) for label in labels] == sorted(shown.index(label) for label in labels)


def test_a_moved_action_keeps_its_line(both):
    engine, changes = both
    old_id, new_id = next(iter(changes.moved.items()))
    row = engine.reports["2026"]._by_id[new_id]
    chain = engine.chain(row)
    assert [r.id for r in chain] == [old_id] and chain[0].rapport == "2025"


@pytest.fixture(scope="module")
def next_year_alone(generated, tmp_path_factory):
    """WERKAGENDA_SOURCE pointing at the generated report, nothing else."""
    from app.engine import Engine

    paths, _ = generated
    cfg = IndexConfig(data_dir=tmp_path_factory.mktemp("alleen-2026"), source=_source(paths, "text"))
    return Engine.load(cfg)


@pytest.mark.parametrize("question", [
    "wat is de status van het bbl-offensief?",
    "wat is er bij doelstelling 2.3 veranderd?",
    "welke acties zijn ongewijzigd gebleven?",
    "over welke periode gaat de rapportage?",
    "wat is er al afgerond?",
    "wat doet JOB allemaal?",
    "wanneer is het wetsvoorstel over extra begeleiding in werking getreden?",
])
def test_the_next_year_report_alone_never_says_zomer_2024(next_year_alone, question):
    ans = next_year_alone.answer(question)
    assert next_year_alone.rapport == "2026" and len(next_year_alone.reports) == 1
    for old in ("Status zomer 2024", "Voortgang (2025)", "sinds zomer 2024", "Voortgang 2025"):
        assert old not in ans.text, (question, ans.text)
    assert all(q.period in (*NEW_LABELS, None) for q in ans.quotes)
    for c in ans.citations:
        assert set(c.labels) <= set(NEW_LABELS)


def test_the_ui_offers_the_reports_the_timeline_and_the_change_list(both):
    """With two reports: a report selector (latest first), the change list in the Overzicht, and the
    timeline of the first cited action in the sources panel."""
    import gradio as gr

    from app.ui import build_app
    from app.ui_handlers import Handlers
    from app.ui_text import sources_html

    engine, changes = both
    demo = build_app(engine)
    config = demo.get_config_file()
    by_id = {c.get("props", {}).get("elem_id"): c["props"] for c in config["components"]}
    assert by_id["wa-f-rapport"]["visible"] is True
    assert [c[0] for c in by_id["wa-f-rapport"]["choices"]] == ["2026", "2025"]
    assert "Sinds de vorige rapportage (2025)" in by_id["wa-veranderd-lijst"]["value"]
    ans = engine.answer("hoe liep het bbl-offensief van 2024 tot nu?")
    panel = sources_html(ans)
    verloop = panel.split("Verloop over de rapportages")[1]
    assert verloop.index("Status zomer 2024") < verloop.index("Voortgang (2025)") < verloop.index("Voortgang (2026)")
    # the selector routes a chat turn to the chosen report
    h = Handlers(engine)
    *_, (chat, _, panel, _) = h.respond("wat is de status van het bbl-offensief?", "Alle", "Alle", "Alle", "Alle",
                                        None, gr.Request(), "2025")
    assert "Voortgang (2025)" in chat[-1]["content"] and "rapportage 2025" in panel

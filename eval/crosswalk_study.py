"""How well index/crosswalk.py pairs actions across editions, and where its threshold comes from.

Two distributions of Wat similarity:
1. true pairs: each shipped row against realistic rewordings of itself (a deterministic perturber:
   clauses or sentences reordered, synonyms swapped from a small list, a clause dropped or added;
   several seeds), and the known pairs of the generated next-year report (eval/nextyear.py);
2. non-pairs: each shipped row's best similarity to any *other* shipped row, and the generator's
   dropped row (against the new edition) and added row (against the old one): what an action
   without a partner would be matched to.
The threshold must lie between the top of (2) and the bottom of (1).

Then the matcher itself is run on the generated report (text and PDF input) and on every
perturbed copy of the report (each with one row dropped, and the rows of one doelstelling moved),
and its precision and recall on the known pairs are printed.

    python -m eval.crosswalk_study [--seeds 10] [--no-pdf]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
from pathlib import Path

import ingest
from ingest.model import ActionRow
from index import crosswalk as cw

# Synonyms in the report's register; each pair is swapped in both directions.
SYNONYMS = [
    ("zorgen voor", "dragen zorg voor"), ("stimuleren", "bevorderen"), ("onderzoeken", "verkennen"),
    ("versterken", "verbeteren"), ("ontwikkelen", "werken uit"), ("studenten", "mbo-studenten"),
    ("scholen", "instellingen"), ("mogelijkheden", "kansen"), ("samen", "gezamenlijk"),
("belangrijk", "van belang"), ("zodat", "waardoor"), ("ook", "eveneens"),
    ("gaan", "zullen"), ("maken", "stellen op"), ("in kaart", "inzichtelijk"), ("starten", "beginnen"),
    ("investeren in", "steken middelen in"), ("werkgevers", "bedrijven"), ("regio", "omgeving"),
    ("verkenning", "analyse"), ("uitvoering", "realisatie"), ("afspraken", "overeenkomsten"),
    ("We ", "Wij "), ("Het mbo", "Het middelbaar beroepsonderwijs"),
]
# Clauses a rewording may add (report style, no topic of their own).
ADDED_CLAUSES = [
    "Dit gebeurt in nauw overleg met de sector.",
    "Waar nodig ondersteunt OCW hierbij.",
    "De partijen trekken hierin samen op.",
    "We sluiten daarbij aan bij wat er al is.",
    "Dit is een doorlopende opdracht.",
]

_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z‘•(])")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def _swap_synonyms(text: str, rng: random.Random, share: float) -> str:
    """Swap whole words only ("samen" but not inside "samenwerking"), each pair at most once."""
    pairs = [(a, b) for a, b in SYNONYMS] + [(b, a) for a, b in SYNONYMS]
    rng.shuffle(pairs)
    done: set[str] = set()
    for a, b in pairs:
        pattern = re.compile(r"(?<![\w-])" + re.escape(a.strip()) + r"(?![\w-])")
        if a in done or b in done or not pattern.search(text) or rng.random() >= share:
            continue
        text = pattern.sub(b.strip(), text, count=1)
        done.update((a, b))
    return text


def _reorder(text: str, rng: random.Random) -> str:
    """Sentences in another order; a single sentence gets its clauses (at a comma) swapped."""
    sents = _sentences(text)
    if len(sents) > 1:
        rng.shuffle(sents)
        # a sentence that ended the text without a full stop gets one when it moves up
        return " ".join(s if s.endswith((".", "!", "?", ";", ":")) or i == len(sents) - 1 else s + "."
                        for i, s in enumerate(sents))
    clauses = [c.strip() for c in text.rstrip(".").split(",") if c.strip()]
    if len(clauses) > 1:
        i = rng.randrange(len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
        out = ", ".join(clauses)
        return out[0].upper() + out[1:] + "."
    return text


def _drop_clause(text: str, rng: random.Random) -> str:
    """Leave out a sentence (of several) or a comma clause (of a long single sentence)."""
    sents = _sentences(text)
    if len(sents) > 2:
        del sents[rng.randrange(1, len(sents))]
        return " ".join(sents)
    parts = text.split(", ")
    if len(parts) > 2:
        del parts[rng.randrange(1, len(parts))]
        return ", ".join(parts)
    return text


def perturb(text: str, seed: int) -> str:
    """A realistic rewording of a Wat text, deterministic per (text, seed): two to four of
    reorder / synonym swaps / a dropped clause / an added clause."""
    rng = random.Random(f"{seed}:{text}")
    ops = ["reorder", "synonyms", "drop", "add"]
    chosen = rng.sample(ops, rng.randint(2, 4))
    for op in ops:  # a fixed order of application, whatever the choice
        if op not in chosen:
            continue
        if op == "reorder":
            text = _reorder(text, rng)
        elif op == "synonyms":
            text = _swap_synonyms(text, rng, share=0.7)
        elif op == "drop":
            text = _drop_clause(text, rng)
        else:
            text = text.rstrip() + " " + rng.choice(ADDED_CLAUSES)
    return text


def perturbed_report(rows: list[ActionRow], seed: int) -> tuple[list[ActionRow], dict[str, str], str]:
    """A copy of the report with every Wat reworded, one row dropped and one doelstelling's rows
    moved to another. Returns the rows, the true map old id -> new id, and the dropped id."""
    rng = random.Random(seed)
    dropped = rng.choice(rows).id
    doels = sorted({r.doelstelling for r in rows})
    src, dst = rng.sample(doels, 2)
    out, truth, pos = [], {}, {}
    kept = [r for r in rows if r.id != dropped]
    # The moved rows go to the end of their new doelstelling.
    kept.sort(key=lambda r: (dst if r.doelstelling == src else r.doelstelling, r.doelstelling == src))
    for r in kept:
        doel = dst if r.doelstelling == src else r.doelstelling
        pos[doel] = pos.get(doel, 0) + 1
        new_id = f"{doel}-{pos[doel]:02d}"
        out.append(r.model_copy(update={"id": new_id, "doelstelling": doel, "wat": perturb(r.wat, seed)}))
        truth[r.id] = new_id
    return out, truth, dropped


def _quantiles(values: list[float]) -> str:
    v = sorted(values)
    q = statistics.quantiles(v, n=100, method="inclusive")
    return (f"n={len(v)} min={v[0]:.3f} p1={q[0]:.3f} p5={q[4]:.3f} median={statistics.median(v):.3f} "
            f"p95={q[94]:.3f} p99={q[98]:.3f} max={v[-1]:.3f}")


def _score(found: dict[str, str], truth: dict[str, str]) -> tuple[int, int, int]:
    """(true positives, found pairs, true pairs)."""
    tp = sum(1 for o, n in found.items() if truth.get(o) == n)
    return tp, len(found), len(truth)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.crosswalk_study")
    ap.add_argument("--seeds", type=int, default=10, help="rewordings per row (default 10)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF round trip (about 6 s)")
    args = ap.parse_args(argv)

    from eval.nextyear import generate, render_pdf
    from ingest.textparse import parse_text

    rows = ingest.load_rows()
    idf = cw.idf_weights([r.wat for r in rows])
    terms = [cw.wat_terms(r.wat) for r in rows]

    true_sims: list[float] = []
    for seed in range(args.seeds):
        # idf over both "editions", as match_reports weighs them
        reworded = [r.model_copy(update={"wat": perturb(r.wat, seed)}) for r in rows]
        sim = cw.similarity_matrix(rows, reworded)
        true_sims += [sim[i][i] for i in range(len(rows))]
    nonpair_sims = [max(cw.similarity(t, u, idf) for j, u in enumerate(terms) if j != i)
                    for i, t in enumerate(terms)]
    closest = max(((cw.similarity(t, u, idf), rows[i].id, rows[j].id) for i, t in enumerate(terms)
                   for j, u in enumerate(terms) if i < j))

    ny = generate()
    inputs = {"tekst": parse_text(ny.text).rows}
    if not args.no_pdf:
        with tempfile.TemporaryDirectory() as tmp:
            inputs["pdf"] = ingest.parse_source(render_pdf(ny.rows, Path(tmp) / "rapport-2026.pdf")).rows
    new_rows = inputs["tekst"]
    sim = cw.similarity_matrix(rows, new_rows)
    old_ix = {r.id: i for i, r in enumerate(rows)}
    new_ix = {r.id: j for j, r in enumerate(new_rows)}
    gen_true = [sim[old_ix[o]][new_ix[n]] for o, n in ny.changes.id_map.items()]
    gen_non = [max(sim[old_ix[o]]) for o in ny.changes.dropped]
    gen_non += [max(sim[i][new_ix[n]] for i in range(len(rows))) for n in ny.changes.added]
    true_sims += gen_true
    nonpair_sims += gen_non

    print(f"Drempel (MATCH_THRESHOLD) = {cw.MATCH_THRESHOLD}")
    print(f"Ware paren (herformuleringen x{args.seeds} + generator): {_quantiles(true_sims)}")
    print(f"Geen paar (beste andere rij; weggevallen/nieuwe actie): {_quantiles(nonpair_sims)}")
    low, high = max(nonpair_sims), min(true_sims)
    print(f"Gat: {low:.3f} .. {high:.3f} (midden {(low + high) / 2:.3f})"
          if high > low else f"Geen gat: overlap {high:.3f} .. {low:.3f}")
    print(f"Meest gelijkende twee verschillende acties: {closest[1]} en {closest[2]} ({closest[0]:.3f})")
    print(f"Ware paren onder de drempel: {sum(s < cw.MATCH_THRESHOLD for s in true_sims)}; "
          f"geen-paren erboven: {sum(s >= cw.MATCH_THRESHOLD for s in nonpair_sims)}")
    print(f"Generator: reworded {[f'{s:.3f}' for o, s in zip(ny.changes.id_map, gen_true) if o in ny.changes.reworded]}, "
          f"weggevallen/nieuw beste {[f'{s:.3f}' for s in gen_non]}")

    tp = found = total = 0
    for seed in range(args.seeds):
        new, truth, dropped = perturbed_report(rows, seed)
        walk = cw.match_reports(rows, new)
        a, b, c = _score({p.old_id: p.new_id for p in walk.pairs}, truth)
        tp, found, total = tp + a, found + b, total + c
    print(f"Matcher op herformuleerde rapporten ({args.seeds}x, elk 1 weggevallen, 1 doelstelling verplaatst): "
          f"precisie {tp / found:.4f} ({tp}/{found}), recall {tp / total:.4f} ({tp}/{total})")
    for name, parsed in inputs.items():
        walk = cw.match_reports(rows, parsed)
        a, b, c = _score({p.old_id: p.new_id for p in walk.pairs}, ny.changes.id_map)
        ok = (walk.added == ny.changes.added and walk.dropped == ny.changes.dropped
              and sorted(p.new_id for p in walk.changed()) == ny.changes.status_changed)
        print(f"Matcher op gegenereerd rapport ({name}): precisie {a / b:.4f} ({a}/{b}), recall {a / c:.4f} ({a}/{c}); "
              f"nieuw {walk.added}, weggevallen {walk.dropped}, verplaatst "
              f"{[(p.old_id, p.new_id) for p in walk.of_kind('moved')]}, herschreven "
              f"{[(p.old_id, p.new_id) for p in walk.of_kind('reworded')]}, "
              f"status gewijzigd {len(walk.changed())}; alles zoals bekend: {'ja' if ok else 'NEE'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

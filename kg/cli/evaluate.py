"""``kg eval``: score the extractor on a gold file of sentences or whole documents."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import ModelOpt


class Level(StrEnum):
    country = "country"
    entity = "entity"


class RelationSet(StrEnum):
    core = "core"
    wider = "wider"
    all = "all"


@command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Gold cases, JSON lines (id, text, events[]; "
                                "documents also title, url, source, date)."),
    level: Level = typer.Option(Level.country, "--level", help="Actor matching level."),
    lenient: bool = typer.Option(False, "--lenient", help="visits≈meets, agrees≈supports, "
                                 "requests≈urges."),
    relations: RelationSet = typer.Option(
        RelationSet.core, "--relations", "-r",
        help="core: meets/supports/urges/denies; wider: criticizes, threatens, attacks, "
             "sanctions, agrees, requests, visits; all: the eleven."),
    dedupe: bool | None = typer.Option(
        None, "--dedupe/--no-dedupe",
        help="Count repeated claims of one (source, relation, target) in a document once. "
             "Default: on for documents (records with a url or title), off for sentences."),
    model: str = ModelOpt,
    predictions: Path | None = typer.Option(
        None, "--save", help="Also write the predictions (JSON lines) here."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    show: int = typer.Option(-1, "--show", help="How many false positives and misses to "
                             "list (-1: all)."),
) -> None:
    """Run the extractor on a gold file's texts and score it: precision, recall and F1
    overall, per relation and per document, then every false positive and miss.

    Example:

        kg eval ../shared/eval/peer/cases.jsonl

        kg eval benchmarks/docset/docset.jsonl --relations wider --lenient
    """
    from kg.evaluate import evaluate, rates, read_gold
    from kg.nlp.pipeline import load_nlp

    cases = read_gold(gold)
    res = evaluate(cases, load_nlp(model), level=level.value, lenient=lenient,
                   relations=relations.value, dedupe=dedupe)
    if predictions:
        predictions.write_text("".join(json.dumps(p) + "\n" for p in res["predictions"]),
                               encoding="utf-8")
    if as_json:
        print(json.dumps({k: v for k, v in res.items()
                          if k not in ("misses", "wrongs", "predictions")}))
        return
    limit = None if show < 0 else show
    for w in res["wrongs"][:limit]:
        print("FP", *w[:5], "|", (w[5] or "").replace("\n", " ")[:160])
    texts = {str(c["id"]): c["text"] for c in cases}

    def who(a: dict | None) -> str:
        return "*" if a is None else (a.get("country") or a.get("name") or "?")

    for case_id, relation, src, tgt, sentence in res["misses"][:limit]:
        evidence = sentence or texts[case_id]
        print("FN", case_id, relation, who(src), "->", who(tgt), "|",
              evidence.replace("\n", " ")[:160])
    per_doc = res["per_document"]
    if res["dedupe"] and per_doc:
        print()
        print(f"{'document':<22} {'gold':>4} {'found':>5} {'tp':>4} {'fp':>4} {'fn':>4} "
              f"{'P':>6} {'R':>6}")
        for doc_id, c in per_doc.items():
            r = rates(c["tp"], c["fp"], c["fn"])
            print(f"{doc_id:<22} {c['gold']:>4} {c['found']:>5} {c['tp']:>4} {c['fp']:>4} "
                  f"{c['fn']:>4} {r['precision']:>6.3f} {r['recall']:>6.3f}")
    print()
    print(f"{'relation':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for rel, c in res["per_relation"].items():
        r = rates(c["tp"], c["fp"], c["fn"])
        print(f"{rel:<10} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {r['precision']:>6.3f} "
              f"{r['recall']:>6.3f} {r['f1']:>6.3f}")
    print()
    err.print(f"{len(cases)} cases, {len(res['predictions'])} predicted relations"
              f"{', claims deduplicated per document' if res['dedupe'] else ''}", highlight=False)
    print(f"{level.value}-level {relations.value}{' lenient' if lenient else ''} "
          f"P={res['precision']} R={res['recall']} F1={res['f1']} "
          f"tp={res['tp']} fp={res['fp']} fn={res['fn']}")

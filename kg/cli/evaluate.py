"""``kg eval``: score the extractor on a gold file."""

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


@command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Gold cases, JSON lines (id, text, events[])."),
    level: Level = typer.Option(Level.country, "--level", help="Actor matching level."),
    lenient: bool = typer.Option(False, "--lenient", help="visits≈meets, agrees≈supports, "
                                 "requests≈urges."),
    model: str = ModelOpt,
    predictions: Path | None = typer.Option(
        None, "--save", help="Also write the predictions (JSON lines) here."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    show: int = typer.Option(25, "--show", help="How many false positives and misses to list."),
) -> None:
    """Run the extractor on a gold file's texts and score it: precision, recall and F1
    overall and per relation, then the false positives and the misses.

    Example:

        kg eval ../shared/eval/peer/cases.jsonl

        kg eval ../shared/eval/peer/cases.jsonl --level entity --lenient
    """
    from kg.errors import InputError
    from kg.evaluate import score
    from kg.extraction import iter_relations
    from kg.ingest import parse_date
    from kg.nlp.pipeline import load_nlp
    from kg.records import Document

    cases = []
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError("E103", f"not JSON ({e.msg})", path=str(gold), line=n) from None
    docs = [Document(id=str(c["id"]), text=c["text"], date=parse_date(c.get("date")))
            for c in cases]
    nlp = load_nlp(model)
    preds = [r.to_dict() for _, rels in iter_relations(docs, nlp) for r in rels]
    if predictions:
        predictions.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    res = score(cases, preds, level=level.value, lenient=lenient)
    if as_json:
        print(json.dumps({k: v for k, v in res.items() if k not in ("misses", "wrongs")}))
        return
    for w in res["wrongs"][:show]:
        print("FP", *[x for x in w[:5]], "|", (w[5] or "")[:120])
    texts = {str(c["id"]): c["text"] for c in cases}

    def who(a: dict | None) -> str:
        return "*" if a is None else (a.get("country") or a.get("name") or "?")

    for case_id, relation, src, tgt in res["misses"][:show]:
        print("FN", case_id, relation, who(src), "->", who(tgt), "|", texts[case_id][:120])
    print()
    print(f"{'relation':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for rel, c in res["per_relation"].items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{rel:<10} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    print()
    err.print(f"{len(cases)} cases, {len(preds)} predicted relations", highlight=False)
    print(f"{level.value}-level{' lenient' if lenient else ''} P={res['precision']} "
          f"R={res['recall']} F1={res['f1']} tp={res['tp']} fp={res['fp']} fn={res['fn']}")

"""Scoring extracted relations against gold cases (``kg eval``): sentence suites and
whole documents.

The rules are those of ``shared/eval/README.md`` (the reference ``score.py`` there gives
the same numbers on the core relations; a test checks it):

* ``relations="core"`` scores ``meets``, ``supports``, ``urges`` and ``denies``;
  ``"wider"`` the other seven (criticizes, threatens, attacks, sanctions, agrees,
  requests, visits); ``"all"`` the eleven;
* ``lenient`` counts visits as meets, agrees as supports and requests as urges (a near
  relation earns the credit; it is charged as a false positive only when it is itself in
  the scored set);
* a prediction is a claim when its modality is asserted or reported;
* actors match on ISO-3 ``country`` when the gold names one (country level), else on
  name tokens; ``level="entity"`` needs the names to match whenever the gold gives one;
* ``meets`` is symmetric; a gold target of null matches any target;
* a claim that matches no gold event is a false positive; with ``dedupe`` (documents),
  claims that repeat one (source, relation, target) at the scored level count once, as
  the coding guide codes one event per distinct triple a document.

Examples
--------
>>> gold = [{"id": "c1", "events": [{"source": "RUS", "target": "SYR", "relation": "meets",
...          "source_text": "Putin", "target_text": "Assad"}]}]
>>> pred = [{"doc": "c1", "relation": "meets", "modality": "asserted",
...          "source": {"label": "Bashar al-Assad", "country": "SYR"},
...          "target": {"label": "Vladimir Putin", "country": "RUS"}}]
>>> score(gold, pred)["f1"]
1.0
>>> score(gold, pred, relations="wider")["per_document"]["c1"]["gold"]
0
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg.records import Document

if TYPE_CHECKING:
    from spacy.language import Language

# CORE (dkg:coreRelation), WIDER (the other relation types), RELATION_SETS, CLAIM (the
# claim modalities, and no modality) and LENIENT (dkg:lenientMatch: the near relations
# credited by lenient scoring) are read from the ontology: __getattr__ at the end
__all__ = [
    "CORE",  # noqa: F822
    "LENIENT",  # noqa: F822
    "RELATION_SETS",  # noqa: F822
    "WIDER",  # noqa: F822
    "documents_of",
    "evaluate",
    "looks_like_documents",
    "normalize_case",
    "rates",
    "read_gold",
    "score",
]
_STOP = {"the", "of", "president", "prime", "minister", "mr", "mrs", "ms", "leader", "s"}


def _tokens(s: str | None) -> set[str]:
    if not s:
        return set()
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return {t[:-1] if t.endswith("s") and len(t) > 3 else t
            for t in re.findall(r"[a-z0-9]+", s) if t not in _STOP}


def _actor_match(pred: dict | None, gold: dict | None, level: str) -> bool:
    if gold is None:
        return True
    if not pred:
        return False
    pc = (pred.get("country") or "").upper() or None
    if gold.get("country") and level == "country" and pc == gold["country"]:
        return True
    if gold.get("name"):
        g, p = _tokens(gold["name"]), _tokens(pred.get("label") or pred.get("name") or "")
        if g and p and (g <= p or p <= g):
            return True
    return bool(gold.get("country") and not gold.get("name") and pc == gold["country"])


def _rel_match(pred: dict, g: dict, level: str) -> bool:
    if pred["relation"] != g["relation"]:
        return False
    s, t = pred.get("source"), pred.get("target")
    if _actor_match(s, g["source"], level) and _actor_match(t, g["target"], level):
        return True
    if g["target"] is not None and vocab.is_symmetric(g["relation"]):
        return _actor_match(t, g["source"], level) and _actor_match(s, g["target"], level)
    return False


def _gold_actor(code: Any, text: str | None) -> dict | None:
    if code is None or isinstance(code, dict):
        return code
    if re.fullmatch(r"[A-Z]{3}", code):
        return {"name": text, "country": code}
    return {"name": code, "country": None}


def _in_scope(relation: str | None, scored: frozenset[str], lenient: bool) -> bool:
    return relation in scored or (lenient and vocab.lenient_matches().get(relation or "") in scored)


def _compared(relation: str | None, lenient: bool) -> str | None:
    return vocab.lenient_matches().get(relation or "", relation) if lenient else relation


def _relation_sets() -> dict[str, frozenset[str]]:
    core = frozenset(vocab.core_relations())
    every = frozenset(vocab.relation_names())
    return {"core": core, "wider": every - core, "all": every}


def normalize_case(case: dict, lenient: bool = False, relations: str = "core") -> dict:
    """A gold case as ``{"id", "gold", "forbid", "allow"}`` (peer ``events`` converted):
    the events of the scored ``relations``, each with the relation it is compared by."""
    if "gold" in case:
        return case
    scored = _relation_sets()[relations]
    gold = []
    for e in case.get("events", []):
        if _in_scope(e["relation"], scored, lenient):
            gold.append({"source": _gold_actor(e.get("source"), e.get("source_text")),
                         "relation": _compared(e["relation"], lenient),
                         "target": _gold_actor(e.get("target"), e.get("target_text")),
                         "sentence": e.get("sentence")})
    return {"id": case["id"], "gold": gold, "forbid": [], "allow": []}


def _key(actor: dict | None, level: str) -> str | None:
    if not actor:
        return None
    if level == "country" and actor.get("country"):
        return actor["country"]
    return " ".join(sorted(_tokens(actor.get("label") or actor.get("name")))) or actor.get("id")


def _claim_key(p: dict, level: str) -> tuple:
    s, t = _key(p.get("source"), level), _key(p.get("target"), level)
    if t is not None and vocab.is_symmetric(p["relation"]):
        s, t = sorted((s or "", t))
    return (p["relation"], s, t)


def rates(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 of counts, rounded to three places.

    >>> rates(3, 1, 2)
    {'precision': 0.75, 'recall': 0.6, 'f1': 0.667}
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def looks_like_documents(cases: list[dict]) -> bool:
    """True for a gold file of whole documents (corpus records with a URL or title, or
    texts of more than a paragraph), where claims are deduplicated per document."""
    return bool(cases) and all(c.get("url") or c.get("title") or len(c.get("text", "")) > 1500
                               for c in cases)


def score(gold_cases: list[dict], preds: list[dict], level: str = "country",
          lenient: bool = False, relations: str = "core", dedupe: bool = False) -> dict[str, Any]:
    """Precision, recall and F1, per relation and per document, with the false
    positives and the misses.

    gold_cases (list[dict]): gold cases (peer-suite ``events`` or ``gold/forbid/allow``).
    preds (list[dict]): predictions in the ``kg extract --format jsonl`` shape.
    level (str): ``"country"`` or ``"entity"``.
    lenient (bool): credit near relations (visits≈meets, agrees≈supports, requests≈urges).
    relations (str): ``"core"``, ``"wider"`` or ``"all"``.
    dedupe (bool): count repeated claims of one triple in a document once.
    RETURNS (dict): tp, fp, fn, precision, recall, f1, per_relation, per_document,
        misses (doc, relation, source, target, gold sentence) and wrongs (doc, kind,
        relation, source label, target label, sentence).
    """
    sets = _relation_sets()
    if relations not in sets:
        raise ValueError(f"relations must be one of {sorted(sets)}, not {relations!r}")
    scored = sets[relations]
    claim = frozenset({*vocab.claim_modalities(), None})
    cases = [normalize_case(c, lenient, relations) for c in gold_cases]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in preds:
        by_doc[str(p.get("doc"))].append(p)
    tp = fp = fn = viol = 0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_doc: dict[str, dict[str, int]] = {}
    misses: list[tuple] = []
    wrongs: list[tuple] = []
    for case in cases:
        d_tp = d_fp = d_found = 0
        gold_rels = {g["relation"] for g in case["gold"]}
        claims = []
        for p in by_doc.get(case["id"], []):
            if p.get("modality") not in claim:
                continue
            rel = _compared(p.get("relation"), lenient)
            if _in_scope(p.get("relation"), scored, lenient):
                claims.append((dict(p, relation=rel), True))
            elif lenient and rel in gold_rels:  # a near relation: credit, never charge
                claims.append((dict(p, relation=rel), False))
        matched = [False] * len(case["gold"])
        charged: set[tuple] = set()
        for p, in_scope in claims:
            hit = False
            for i, g in enumerate(case["gold"]):
                if _rel_match(p, g, level):
                    hit = True
                    if not matched[i]:
                        matched[i] = True
                        tp += 1
                        d_tp += 1
                        per[g["relation"]][0] += 1
            if hit or not in_scope:
                d_found += hit
                continue
            if dedupe:
                key = _claim_key(p, level)
                if key in charged:
                    continue
                charged.add(key)
            label = ((p.get("source") or {}).get("label"), (p.get("target") or {}).get("label"))
            if any(_rel_match(p, g, level) for g in case.get("forbid", [])):
                kind = "FORBIDDEN"
                viol += 1
            elif any(_rel_match(p, g, level) for g in case.get("allow", [])):
                continue
            else:
                kind = "EXTRA"
            fp += 1
            d_fp += 1
            d_found += 1
            per[p["relation"]][1] += 1
            wrongs.append((case["id"], kind, p["relation"], *label, p.get("sentence")))
        for i, g in enumerate(case["gold"]):
            if not matched[i]:
                fn += 1
                per[g["relation"]][2] += 1
                misses.append((case["id"], g["relation"], g["source"], g["target"],
                               g.get("sentence")))
        per_doc[case["id"]] = {"gold": len(case["gold"]), "found": d_found, "tp": d_tp,
                               "fp": d_fp, "fn": len(case["gold"]) - sum(matched)}
    return {
        "tp": tp, "fp": fp, "fn": fn, "forbidden_asserted": viol, **rates(tp, fp, fn),
        "per_relation": {k: dict(zip(("tp", "fp", "fn"), v, strict=True))
                         for k, v in sorted(per.items())},
        "per_document": per_doc,
        "misses": misses, "wrongs": wrongs,
    }


def read_gold(path: str | Path) -> list[dict]:
    """The cases of a gold file (JSON lines: ``id``, ``text``, ``events`` and, for
    documents, the corpus fields ``title``, ``url``, ``source``, ``date``).

    RAISES (InputError): E103 naming the file and line of a line that is not JSON.
    """
    import json

    from kg.errors import InputError

    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError("E103", f"not JSON ({e.msg})", path=str(path), line=n) from None
    return cases


def documents_of(cases: list[dict]) -> list[Document]:
    """The :class:`~kg.records.Document` of each case, with the document facts the
    extractor reads (title, URL, publisher from ``source``, date)."""
    from kg.ingest import parse_date

    return [Document(id=str(c["id"]), text=c["text"], date=parse_date(c.get("date")),
                     title=c.get("title") or None, url=c.get("url") or None,
                     publisher=c.get("source") or c.get("publisher") or None)
            for c in cases]


def evaluate(cases: list[dict], nlp: Language, *, level: str = "country", lenient: bool = False,
             relations: str = "core", dedupe: bool | None = None) -> dict[str, Any]:
    """Run the extractor on the texts of gold cases and score it (:func:`score`).

    dedupe (bool | None): None decides by :func:`looks_like_documents`.
    RETURNS (dict): the scores, plus ``predictions`` (the JSON lines shape) and ``dedupe``.
    """
    from kg.extraction import iter_relations

    preds = [r.to_dict() for _, rels in iter_relations(documents_of(cases), nlp) for r in rels]
    if dedupe is None:
        dedupe = looks_like_documents(cases)
    res = score(cases, preds, level=level, lenient=lenient, relations=relations, dedupe=dedupe)
    return {**res, "predictions": preds, "dedupe": dedupe}


def __getattr__(name: str) -> Any:
    if name == "CORE":
        return _relation_sets()["core"]
    if name == "WIDER":
        return _relation_sets()["wider"]
    if name == "RELATION_SETS":
        return _relation_sets()
    if name == "CLAIM":
        return frozenset({*vocab.claim_modalities(), None})
    if name == "LENIENT":
        return vocab.lenient_matches()
    raise AttributeError(f"module 'kg.evaluate' has no attribute {name!r}")

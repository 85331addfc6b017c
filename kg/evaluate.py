"""Scoring extracted relations against gold cases (``kg eval``).

The rules are those of ``shared/eval/README.md`` (the reference ``score.py`` there gives
the same numbers; a test checks it):

* only ``meets``, ``supports``, ``urges`` and ``denies`` are scored; ``lenient`` also
  counts visits as meets, agrees as supports and requests as urges;
* a prediction is a claim when its modality is asserted or reported;
* actors match on ISO-3 ``country`` when the gold names one (country level), else on
  name tokens; ``level="entity"`` needs the names to match whenever the gold gives one;
* ``meets`` is symmetric; a gold target of null matches any target;
* a claim that matches no gold event is a false positive.

Examples
--------
>>> gold = [{"id": "c1", "events": [{"source": "RUS", "target": "SYR", "relation": "meets",
...          "source_text": "Putin", "target_text": "Assad"}]}]
>>> pred = [{"doc": "c1", "relation": "meets", "modality": "asserted",
...          "source": {"label": "Bashar al-Assad", "country": "SYR"},
...          "target": {"label": "Vladimir Putin", "country": "RUS"}}]
>>> score(gold, pred)["f1"]
1.0
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from kg import vocab

# CORE (the relations scored: dkg:coreRelation), CLAIM (the claim modalities, and no
# modality) and LENIENT (dkg:lenientMatch) are read from the ontology: __getattr__ below
__all__ = [
    "CORE",  # noqa: F822
    "LENIENT",  # noqa: F822
    "normalize_case",
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


def normalize_case(case: dict, lenient: bool = False) -> dict:
    """A gold case as ``{"id", "gold", "forbid", "allow"}`` (peer ``events`` converted)."""
    if "gold" in case:
        return case
    gold = []
    CORE, LENIENT = _core(), vocab.lenient_matches()
    for e in case.get("events", []):
        r = LENIENT.get(e["relation"], e["relation"]) if lenient else e["relation"]
        if r in CORE:
            gold.append({"source": _gold_actor(e.get("source"), e.get("source_text")),
                         "relation": r,
                         "target": _gold_actor(e.get("target"), e.get("target_text"))})
    return {"id": case["id"], "gold": gold, "forbid": [], "allow": []}


def score(gold_cases: list[dict], preds: list[dict], level: str = "country",
          lenient: bool = False) -> dict[str, Any]:
    """Precision, recall and F1, per relation too, with the false positives and misses.

    gold_cases (list[dict]): gold cases (peer-suite ``events`` or ``gold/forbid/allow``).
    preds (list[dict]): predictions in the ``kg extract --format jsonl`` shape.
    level (str): ``"country"`` or ``"entity"``.
    RETURNS (dict): tp, fp, fn, precision, recall, f1, per_relation, misses, wrongs.
    """
    cases = [normalize_case(c, lenient) for c in gold_cases]
    CORE, CLAIM, LENIENT = _core(), _claim(), vocab.lenient_matches()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in preds:
        by_doc[str(p.get("doc"))].append(p)
    tp = fp = fn = viol = 0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[tuple] = []
    wrongs: list[tuple] = []
    for case in cases:
        claims = [
            dict(p, relation=LENIENT.get(p.get("relation"), p.get("relation"))
                 if lenient else p.get("relation"))
            for p in by_doc.get(case["id"], [])
        ]
        claims = [p for p in claims if p["relation"] in CORE and p.get("modality") in CLAIM]
        matched = [False] * len(case["gold"])
        for p in claims:
            hit = False
            for i, g in enumerate(case["gold"]):
                if _rel_match(p, g, level):
                    hit = True
                    if not matched[i]:
                        matched[i] = True
                        tp += 1
                        per[g["relation"]][0] += 1
            if hit:
                continue
            label = ((p.get("source") or {}).get("label"), (p.get("target") or {}).get("label"))
            if any(_rel_match(p, g, level) for g in case.get("forbid", [])):
                viol += 1
                fp += 1
                per[p["relation"]][1] += 1
                wrongs.append((case["id"], "FORBIDDEN", p["relation"], *label, p.get("sentence")))
            elif any(_rel_match(p, g, level) for g in case.get("allow", [])):
                continue
            else:
                fp += 1
                per[p["relation"]][1] += 1
                wrongs.append((case["id"], "EXTRA", p["relation"], *label, p.get("sentence")))
        for i, g in enumerate(case["gold"]):
            if not matched[i]:
                fn += 1
                per[g["relation"]][2] += 1
                misses.append((case["id"], g["relation"], g["source"], g["target"]))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "tp": tp, "fp": fp, "fn": fn, "forbidden_asserted": viol,
        "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
        "per_relation": {k: dict(zip(("tp", "fp", "fn"), v, strict=True))
                         for k, v in sorted(per.items())},
        "misses": misses, "wrongs": wrongs,
    }


def _core() -> frozenset[str]:
    return frozenset(vocab.core_relations())


def _claim() -> frozenset[str | None]:
    return frozenset({*vocab.claim_modalities(), None})


def __getattr__(name: str) -> Any:
    if name == "CORE":
        return _core()
    if name == "CLAIM":
        return _claim()
    if name == "LENIENT":
        return vocab.lenient_matches()
    raise AttributeError(f"module 'kg.evaluate' has no attribute {name!r}")

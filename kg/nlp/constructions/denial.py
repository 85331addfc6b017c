"""Denials: "X denied reports that A met B", "X rejected B's proposal", "X refused to
meet B" — a ``denies`` by X (towards B when B is named), and the denied claim kept with
modality ``denied`` and linked to the denial (``about``)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp import arguments as ar
from kg.nlp.modality import classify
from kg.nlp.reading import Reading
from kg.records import Modality

__all__ = ["denial"]


def denial(rd: Reading, verb: Token, sent: Span, srcs: list[Token], tgts: list[Token]) -> None:
    """'X denied reports of a meeting': a ``denies`` by X, with or without a target."""
    sources = ar.actors_of(rd.ix, srcs)
    targets = ar.actors_of(rd.ix, tgts)
    m = classify(verb, rd.pat.cues)
    before = len(rd.rec.results)
    # the claims inside the object are found when their own triggers are read;
    # read them now so the denial can point at them
    for c in verb.children:
        if c.dep_ in ("dobj", "ccomp"):
            rd.read_claims(rd, c, verb, sent)
    claims = [i for i in range(before, len(rd.rec.results))
              if rd.rec.results[i]["modality"] == Modality.DENIED.value]
    about = claims[0] if claims else None
    denies = rd.pat.names.denies
    for _, s in sources:
        if targets:
            for _, t in targets:
                if t["id"] != s["id"]:
                    rd.rec.add(denies, verb, sent, s, t, m, rd.conf("denial"), about=about)
        elif claims:
            rd.rec.add(denies, verb, sent, s, None, m, rd.conf("denial_of_claim"), about=about)
        elif any(c.dep_ == "dobj" and c.lemma_.lower() in rd.pat.cues.denial_objects
                 for c in verb.children):  # "Tehran has denied any role in the strike"
            rd.rec.add(denies, verb, sent, s, None, m, rd.conf("denial_without_target"))

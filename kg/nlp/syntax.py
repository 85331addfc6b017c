"""Pure finders over a dependency parse that need no actors: coordinated tokens,
prepositional objects, passive targets, recipients, complement-clause subjects.

Every function takes tokens and returns tokens; none changes the Doc.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Chile", "met", "with", "Peru"],
...           heads=[1, 1, 1, 2], deps=["nsubj", "ROOT", "prep", "pobj"])
>>> [t.text for t in prep_objects(doc[1], ("with",))]
['Peru']
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

__all__ = [
    "CLAUSES",
    "RELATIVE_PRONOUNS",
    "SUBJECTS",
    "clause_subjects",
    "coordinated",
    "for_clause_subjects",
    "grammatical_subjects",
    "is_absolute",
    "is_passive",
    "is_possessive_pronoun",
    "passive_targets",
    "prep_objects",
    "stranded_object",
]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CLAUSES = ("xcomp", "ccomp", "advcl")


def grammatical_subjects(verb: Token) -> list[Token]:
    """The subject tokens of a verb, also when a bad parse hangs them on its auxiliary
    ("Chile is opposed to …" with "Chile" under "is")."""
    out = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for a in verb.children:
        if a.dep_ in ("aux", "auxpass"):
            out += [g for g in a.children if g.dep_ in ("nsubj", "nsubjpass")]
    return out


def is_absolute(pobj: Token) -> bool:
    """"…, with President Biden underscoring X": the object of an absolute "with" clause
    is no partner of the verb."""
    return pobj.head.lower_ == "with" and any(
        c.dep_ in ("acl", "relcl") and c.tag_ == "VBG" for c in pobj.children)


def stranded_object(prep: Token) -> list[Token]:
    """The object of a preposition that a parse left without one because the noun phrase
    after it starts a reduced clause ("granted asylum to five officers holed up in …"
    with "officers" as the subject of "holed")."""
    if prep.i + 1 >= len(prep.doc):
        return []
    tok = prep.doc[prep.i + 1]
    while tok.dep_ in ("det", "nummod", "amod", "compound", "poss") and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i < tok.i:
        return []
    return [] if tok.head.head == prep else [tok]  # "with Biden underscoring …" is absolute


def is_possessive_pronoun(tok: Token) -> bool:
    """"its troops", "their border": in an infinitive, the subject's own."""
    return tok.pos_ == "PRON" and tok.dep_ == "poss"


def coordinated(tok: Token | None) -> list[Token]:
    """The token and the tokens coordinated with it ("Egypt and Qatar")."""
    if tok is None:
        return []
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:  # iterative: a long list of conjuncts is no recursion depth
        c = stack.pop(0)
        out.append(c)
        stack[:0] = [g for g in c.children if g.dep_ == "conj"]
    return out


def prep_objects(head: Token, preps: Iterable[str]) -> list[Token]:
    """The objects of the prepositions ``preps`` of a word ("met with B" → B)."""
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            pobjs = [g for g in c.children if g.dep_ == "pobj" and not is_absolute(g)]
            out.extend(pobjs or stranded_object(c))
    return out


def agents(verb: Token) -> list[Token]:
    """The agents of a passive verb or participle ("committed by Russia" → Russia)."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children
            if g.dep_ == "pobj"]


def is_passive(verb: Token) -> bool:
    """A passive verb, or a past participle modifying a noun ("rebels backed by Iran")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def passive_targets(verb: Token) -> list[Token]:
    """Who undergoes a passive verb: its subject, or the noun a participle modifies."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]  # "rebels backed by Iran"
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def clause_subjects(head: Token, reporting_verbs: frozenset[str]) -> list[Token]:
    """Subjects of the complement clauses of a verb or noun ("demanded that B …",
    "its demand that B …"); a trailing reporting clause ("…, diplomats said") that a
    parse hangs there is not one."""
    out = []
    for c in head.children:
        if c.dep_ in ("ccomp", "xcomp", "acl") and c.i > head.i and (
            c.lemma_.lower() not in reporting_verbs
        ):
            out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    return out


def subjunctive_subjects(verb: Token) -> list[Token]:
    """Subjects of a mandative that-clause: "insisted that B facilitate more routes" (a
    base form) or "that B must/should …"; not of a report ("insisted that it was")."""
    out = []
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i < verb.i:
            continue
        auxes = {a.lower_ for a in c.children if a.dep_ == "aux"}
        subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        # "that it facilitate": a base form, or a plural form after a singular subject
        singular = any(s.tag_ in ("NN", "NNP") or s.lower_ in ("it", "he", "she") for s in subj)
        base = c.tag_ == "VB" or (c.tag_ == "VBP" and singular)
        if (base and not auxes) or auxes & {"must", "should"}:
            out += subj
    return out


def recipients(verb: Token) -> list[Token]:
    """Who receives what a verb gives: "gave the Ivory Coast aid", "sent arms to
    Pakistan", "provided intelligence to Macedonia"."""
    out = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    out += prep_objects(verb, ("to", "for"))
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        out += prep_objects(c, ("to",))
        for p in prep_objects(c, ("in", "of")):  # "$100 million in aid to B"
            out += prep_objects(p, ("to",))
        if prep_objects(verb, ("with",)):  # "provided B with training"
            out.append(c)
    return out


def for_clause_subjects(verb: Token, marks: Iterable[str]) -> list[Token]:
    """"called for Burma to institute reforms": the subject of a clause marked "for"."""
    marks = set(marks)
    out = []
    for c in verb.children:
        if c.dep_ in CLAUSES and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children):
            out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    return out

"""Property-based and fuzz tests (issue 7): whatever the text, nothing raises and every
output keeps its shape.

* the extractor over random unicode, and over random concatenations of corpus sentences
  with noise between them, never raises, keeps documents in order, and every relation's
  ``to_dict()`` is exactly the JSON lines shape of ``kg extract``;
* ingest of random bytes and random JSON lines never raises except through ``on_error``,
  and accounts for every line: a document, or an error naming the file and that line;
* a document graph made from random ids, titles, urls, labels and sentences survives
  Turtle, TriG and the Oxigraph store unchanged.

IRI minting from any label, through Turtle, N-Triples, TriG and N-Quads, is covered by
``test_iri.py``; the CLI-level bad inputs by ``test_cli_bad_input.py``.
"""

from __future__ import annotations

import io
import json
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.extraction import iter_relations
from kg.ingest import iter_documents
from kg.iri import actor_iri
from kg.records import RELATIONS, Actor, ActorKind, Document, Modality, Place, Relation

# rdflib 7 warns about its own use of deprecated Dataset APIs in the TriG/N-Quads plugins.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

CORPUS = Path("/work/shared/corpus/articles.jsonl")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KEYS = {"doc", "relation", "modality", "source", "target", "attributed_to", "date", "place",
        "confidence", "sentence", "start", "end"}  # fmt: skip
ACTOR_KEYS = {"id", "label", "kind", "country", "wikidata"}
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# any unicode a str can hold in a file (no lone surrogates), control characters included
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
iso_dates = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")


@cache
def corpus_sentences() -> tuple[str, ...]:
    """About a thousand sentences from the corpus (the seeds when it is absent)."""
    texts: list[str] = []
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i % 10 == 0:
                    texts.append(json.loads(line)["text"])
                if len(texts) >= 150:
                    break
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    sentences = {s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t)}
    return tuple(sorted(s for s in sentences if 15 <= len(s) <= 300))


def check_relations(document: Document, relations: list[Relation]) -> None:
    """Every relation has the exact JSON lines shape and points into its document."""
    for r in relations:
        d = r.to_dict()
        assert set(d) == KEYS
        assert json.loads(json.dumps(d, ensure_ascii=False)) == d
        assert d["doc"] == document.id
        assert d["relation"] in RELATIONS
        assert d["modality"] in {m.value for m in Modality}
        assert set(d["source"]) == ACTOR_KEYS
        for key in ("target", "attributed_to"):
            assert d[key] is None or set(d[key]) == ACTOR_KEYS
        assert d["place"] is None or set(d["place"]) == {"label", "country"}
        assert 0 <= d["confidence"] <= 1
        assert d["date"] is None or re.fullmatch(r"\d{4}(-\d{2}){0,2}", d["date"])
        assert 0 <= d["start"] < d["end"] <= len(document.text)
        assert d["sentence"] == document.text[d["start"] : d["end"]]


def run(nlp, documents: list[Document]) -> None:
    pairs = list(iter_relations(documents, nlp, batch_size=4))
    assert [d.id for d, _ in pairs] == [d.id for d in documents]
    for document, relations in pairs:
        check_relations(document, relations)


# --------------------------------------------------------------------------- extractor


@FUZZ
@given(text=unicode_text, date=st.one_of(st.none(), iso_dates))
@example(text="", date=None)
@example(text="\x00\u2028\u202e<script>alert(1)</script>\ufeff", date="2023-03-16")
@example(text="Putin met Putin met Putin met " * 20, date="2023-03-16")
def test_extractor_never_raises_on_random_unicode(nlp, text, date):
    run(nlp, [Document(id="fuzz", text=text, date=date)])


separators = st.sampled_from(["", " ", "  ", "\n", "\n\n", "\t", "\r\n", " \u2028 ", " — ", "; "])
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def corpus_mix(draw) -> str:
    """Corpus sentences in a random order, glued by random separators and noise."""
    parts = draw(st.lists(st.one_of(st.sampled_from(corpus_sentences()), noise), min_size=1, max_size=8))
    out = []
    for p in parts:
        out += [p, draw(separators)]
    return "".join(out)


@FUZZ
@given(texts=st.lists(corpus_mix(), min_size=1, max_size=4), date=st.one_of(st.none(), iso_dates))
def test_extractor_never_raises_on_random_corpus_concatenations(nlp, texts, date):
    run(nlp, [Document(id=f"mix-{i}", text=t, date=date) for i, t in enumerate(texts)])


def test_corpus_concatenations_do_give_relations(nlp):
    """The strategy above is not vacuous: corpus sentences give relations."""
    sentences = corpus_sentences()
    docs = [Document(id=str(i), text=" ".join(sentences[i : i + 20])) for i in range(0, 200, 20)]
    assert sum(len(r) for _, r in iter_relations(docs, nlp)) > 0


# --------------------------------------------------------------------------- ingest


def read(path: Path) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []
    docs = list(iter_documents([path], on_error=errors.append))
    assert all(isinstance(e, InputError) for e in errors)
    return docs, errors


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        unicode_text.map(lambda t: t.encode("utf-8")),
        unicode_text.map(lambda t: t.encode("utf-16")),
        st.lists(st.sampled_from([b"{", b"}", b'"text"', b":", b"\n", b"\xff", b"\x00", b"<p>",
                                  b"&amp;", b"<script>", b"</", b"\xef\xbb\xbf", b" "])).map(b"".join),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".pdf", ".docx", ".rss", ".csv", ".tsv"]),
)  # fmt: skip
def test_ingest_of_random_bytes_never_raises(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("fuzz") / f"in{suffix}"
    p.write_bytes(data)
    docs, errors = read(p)
    assert all(e.path == str(p) for e in errors)
    n_lines = data.count(b"\n") + 1
    assert all(e.line is None or 1 <= e.line <= n_lines for e in errors)
    for d in docs:
        assert isinstance(d.text, str) and d.text.strip()
        assert "\x00" not in d.text
    if not docs:
        assert [e for e in errors if not e.code.startswith("W")], "a file gave nothing, silently"
    # the default handler raises the first error, and only an InputError
    try:
        list(iter_documents([p]))
    except InputError:
        assert errors


json_value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                       unicode_text, st.lists(st.integers(), max_size=2))  # fmt: skip
record = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(json_value, st.sampled_from(["a", "b", "[/]", "<b>"])),
        "text": st.one_of(json_value, st.sampled_from(["Putin met Assad.", " ", ""])),
        "date": st.one_of(json_value, iso_dates, st.sampled_from(["2023-02-30", "15/03/2023"])),
        "title": json_value,
        "url": st.one_of(json_value, st.just("javascript:alert(1)")),
        "source": json_value,
    },
)
garbage_line = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=40)
line = st.one_of(record.map(lambda r: json.dumps(r, ensure_ascii=False)), garbage_line, st.just(""))


@FUZZ
@given(lines=st.lists(line, max_size=15), crlf=st.booleans())
def test_ingest_of_random_json_lines_accounts_for_every_line(tmp_path_factory, lines, crlf):
    p = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    p.write_bytes(("\r\n" if crlf else "\n").join(lines).encode("utf-8"))
    docs, errors = read(p)
    assert all(e.path == str(p) for e in errors)
    kept = {int(d.origin.rsplit(":", 1)[1]) for d in docs}
    skipped = {e.line for e in errors if e.code in ("E102", "E103", "E104")}
    # blank means JSON whitespace only (space, tab, CR, LF): "\x1f" is no blank line
    ws = " \t\r\n"
    busy = {n for n, x in enumerate(lines, 1) if x.strip(ws) and x.strip(ws) != "\ufeff"}
    assert len(kept) == len(docs) and not kept & skipped
    assert kept | skipped == busy, "a line was neither read nor reported"
    assert all(e.line in kept for e in errors if e.code in ("E105", "W201"))
    if not busy:
        assert [e.code for e in errors] == ["E101"]
    assert len({d.id for d in docs}) == len(docs)
    for d in docs:
        assert isinstance(d.text, str) and d.text.strip()
        assert d.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date)
        assert all(v is None or isinstance(v, str) for v in (d.title, d.url, d.publisher))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_ingest_of_random_stdin_never_raises(data):
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        errors: list[InputError] = []
        docs = list(iter_documents(["-"], on_error=errors.append))
    finally:
        sys.stdin = stdin
    assert all(e.path == "<stdin>" for e in errors)
    assert all(d.text.strip() for d in docs)
    assert docs or [e for e in errors if not e.code.startswith("W")]


# --------------------------------------------------------------------------- mapping

labels = st.one_of(
    st.sampled_from(['<img src=x onerror=alert(1)>', '" } ; DROP ALL ; { "', "a\nb", "\\", "'''"]),
    unicode_text.filter(lambda s: s.strip()),
)  # fmt: skip


@st.composite
def documents_with_relations(draw) -> tuple[Document, list[Relation]]:
    text = draw(unicode_text.filter(lambda s: len(s) >= 2))
    doc = Document(
        id=draw(unicode_text.filter(lambda s: s.strip())),
        text=text,
        date=draw(st.one_of(st.none(), iso_dates)),
        title=draw(st.one_of(st.none(), labels)),
        url=draw(st.one_of(st.none(), labels, st.just("javascript:alert(1)"))),
        publisher=draw(st.one_of(st.none(), labels)),
    )
    relations = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))

        def actor() -> Actor:
            label = draw(labels)
            kind = draw(st.sampled_from(list(ActorKind)))
            return Actor(actor_iri(label), label, kind, draw(st.sampled_from([None, "RUS", "SYR"])))

        relations.append(Relation(
            doc=doc.id, relation=draw(st.sampled_from(RELATIONS)),
            modality=draw(st.sampled_from(list(Modality))), source=actor(),
            target=draw(st.one_of(st.none(), st.builds(actor))), sentence=text[start:end],
            start=start, end=end, attributed_to=draw(st.one_of(st.none(), st.builds(actor))),
            date=draw(st.one_of(st.none(), iso_dates)),
            place=draw(st.one_of(st.none(), labels.map(lambda s: Place(s, "FRA")))),
            confidence=draw(st.floats(0, 1)), trigger=draw(labels),
        ))  # fmt: skip
    return doc, relations


def by_value(g) -> set[tuple]:
    """The triples of *g*, literals compared by value: Oxigraph writes decimals in canonical
    form ("0.0" comes back as "0")."""
    from rdflib import Literal

    def term(t):
        if isinstance(t, Literal) and t.datatype is not None and t.value is not None:
            return ("literal", t.value, t.datatype)
        return t

    return {tuple(term(t) for t in triple) for triple in g}


@pytest.fixture(scope="module")
def ox_store(tmp_path_factory):
    from kg.rdf.store import open_store

    with open_store(tmp_path_factory.mktemp("ox") / "s") as store:
        yield store


@FUZZ
@given(item=documents_with_relations())
def test_random_document_graphs_survive_trig_and_oxigraph(ox_store, item):
    from rdflib import BNode

    from kg.rdf.mapping import add_document
    from kg.rdf.store import iter_graphs

    document, relations = item
    ds = Dataset()
    g = add_document(ds, document, relations)
    assert not any(isinstance(t, BNode) for triple in g for t in triple)
    back = Dataset().parse(data=ds.serialize(format="trig"), format="trig")
    assert isomorphic(g, back.graph(g.identifier))
    assert isomorphic(g, Graph().parse(data=g.serialize(format="turtle"), format="turtle"))
    ox_store.put_graphs(iter_graphs(ds))
    assert str(g.identifier) in ox_store.graph_names()
    assert by_value(ox_store.to_dataset().graph(g.identifier)) == by_value(g)

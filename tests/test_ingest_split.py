"""Long documents read in sections (kg.ingest.split): cut at headings, else paragraphs,
below the limit; each section keeps the document's id with a ``#section-N`` suffix, and
relation offsets hold in the whole text (``whole[start:end] == sentence``) through the
extractor and into RDF."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import SECTION_CHARS, iter_documents, split_document
from kg.ingest.split import cut_points
from kg.records import Document

PARAGRAPHS = [
    "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow on Wednesday.",
    "Chinese President Xi Jinping urged the United States to lift its sanctions on Chinese companies.",
    "The European Union imposed new sanctions on Belarus over the crackdown on the opposition.",
    "Turkish President Recep Tayyip Erdogan met Ukrainian President Volodymyr Zelensky in Lviv.",
]


def long_text(chars: int) -> str:
    """Numbered chapters of paragraphs, about ``chars`` characters."""
    parts, n, size = [], 0, 0
    while size < chars:
        if n % 40 == 0:
            parts.append(f"Chapter {n // 40 + 1}")
            size += len(parts[-1]) + 2
        parts.append(PARAGRAPHS[n % len(PARAGRAPHS)])
        size += len(parts[-1]) + 2
        n += 1
    return "\n\n".join(parts) + "\n"


def read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


def test_a_1_2m_character_text_is_read_in_sections(tmp_path):
    text = long_text(1_200_000)
    p = tmp_path / "transcript.txt"
    p.write_text(text, encoding="utf-8")
    docs, errors = read([p], default_date="2022-06-17")
    assert errors == []
    assert len(docs) == 7 and len(text) > 6 * SECTION_CHARS
    assert [d.id for d in docs] == [f"{p}#section-{i}" for i in range(1, 8)]
    for d in docs:
        assert 0 < len(d.text) <= SECTION_CHARS
        assert (d.part_of, d.origin, d.date, d.title) == (str(p), str(p), "2022-06-17", "transcript")
        assert text[d.offset : d.offset + len(d.text)] == d.text
    assert docs[0].offset == 0
    # every cut is before a chapter heading (the best cut found in each window)
    assert all(d.text.startswith("Chapter ") for d in docs)
    assert sum(len(d.text) for d in docs) >= len(text.strip()) - 2 * len(docs)


def test_cuts_prefer_headings_then_paragraphs_then_sentences_then_spaces():
    text = "Intro paragraph one.\n\nMore text here.\n\n# Heading\n\nBody of the part."
    assert text[cut_points(text, 50)[0] :].startswith("# Heading")
    text = "First paragraph sentence. Another one.\n\nSecond paragraph here. And more."
    assert text[cut_points(text, 50)[0] :].startswith("Second paragraph")
    text = "One sentence here. Two sentence here. Three sentence here. Four here."
    assert text[cut_points(text, 40)[0] :].startswith("Three sentence")
    assert cut_points("x" * 25, 10) == [10, 20]  # no space at all: a hard cut


def test_a_short_document_is_not_cut():
    d = Document(id="a", text="Putin met Assad.")
    assert split_document(d, 100) == [d]


def test_sections_of_a_section_keep_whole_text_offsets():
    text = "\n\n".join(PARAGRAPHS * 3)
    whole = Document(id="w", text=text)
    parts = split_document(whole, 300)
    sub = split_document(parts[1], 120)
    assert [s.id for s in sub][:2] == ["w#section-2.1", "w#section-2.2"]
    assert all(s.part_of == "w" and text[s.offset : s.offset + len(s.text)] == s.text for s in sub)


def test_relations_of_sections_are_offsets_into_the_whole_text(tmp_path, nlp):
    from kg.extraction import iter_relations

    text = long_text(6_000)
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    docs, _ = read([p], section_chars=1_500)
    assert len(docs) >= 4
    found = 0
    for doc, rels in iter_relations(docs, nlp):
        for r in rels:
            assert r.doc == doc.id and r.doc.startswith(f"{p}#section-")
            assert text[r.start : r.end] == r.sentence
            assert text[r.trigger_start : r.trigger_end] == r.trigger
            found += 1
    assert found >= 12


@pytest.fixture
def small_model_limit(nlp):
    """The shared pipeline with a small ``max_length``, as a model with a low limit has."""
    before = nlp.max_length
    nlp.max_length = 2_000
    yield nlp
    nlp.max_length = before


def test_a_text_over_the_model_limit_is_read_in_sections_into_rdf(tmp_path, small_model_limit):
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, PROV

    from kg.builder import build
    from kg.iri import document_iri
    from kg.rdf.namespace import DKG

    text = long_text(7_000)
    p = tmp_path / "over-limit.txt"
    p.write_text(text, encoding="utf-8")
    result = build([p], out_dir=None)
    assert result.errors == []  # no E108: read in sections
    ids = [d.id for d in result.documents]
    assert len(ids) >= 4 and ids[0] == f"{p}#section-1"
    assert result.summary["long_documents"] == {"documents": 1, "sections": len(ids)}
    whole = URIRef(document_iri(str(p)))
    ds = result.dataset
    for d in result.documents:
        g = ds.graph(URIRef(document_iri(d.id)))
        assert g.value(g.identifier, DCTERMS.isPartOf) == whole
    evidence = list(ds.quads((None, PROV.wasDerivedFrom, None, None)))
    assert len(evidence) >= 12
    for ev, _, _, name in evidence:
        g = ds.graph(name)
        start, end = int(g.value(ev, DKG.start)), int(g.value(ev, DKG.end))
        assert text[start:end] == str(g.value(ev, DKG.sentence))


def test_too_large_is_refused_by_the_extractor_too(nlp):
    from kg.extraction import iter_relations
    from kg.ingest import MAX_CHARS

    errors: list[InputError] = []
    huge = Document(id="huge", text="Putin met Assad. " * (MAX_CHARS // 17 + 1), origin="huge.txt")
    small = Document(id="small", text="Putin met Assad in Moscow.")
    out = list(iter_relations([huge, small], nlp, on_error=errors.append))
    assert [d.id for d, _ in out] == ["small"]
    assert [(e.code, e.path) for e in errors] == [("E108", "huge.txt")]


"""kg.rdf.server.guard: the scan every query passes before an engine sees it."""

from __future__ import annotations

import pytest

from kg.rdf.queries import list_queries
from kg.rdf.server.guard import QueryLimits, QueryRefusedError, check_query

LIMITS = QueryLimits()


def refused(text: str, limits: QueryLimits = LIMITS) -> tuple[int, str]:
    with pytest.raises(QueryRefusedError) as info:
        check_query(text, limits)
    return info.value.status, info.value.message


def test_every_saved_query_passes_well_inside_the_limits() -> None:
    for q in list_queries():
        shape = check_query(q.text)
        assert shape.depth <= LIMITS.max_depth // 4, q.name
        assert shape.patterns <= LIMITS.max_patterns // 10, q.name
        assert shape.from_graphs == () and shape.from_named == ()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", "nests brackets more than 64 deep"),
        ("ASK " + "{" * 65 + "}" * 65, "nests brackets more than 64 deep"),
        ("SELECT * WHERE { " + " . ".join(f"?s{i} <urn:p> ?o{i}" for i in range(501)) + " }",
         "more than 500 triple patterns"),
        ("SELECT * WHERE { ?s " + " ; ".join(f"<urn:p{i}> ?o{i}" for i in range(501)) + " }",
         "more than 500 triple patterns"),
        ("SELECT * WHERE { ?s <urn:p> " + ", ".join(f"?o{i}" for i in range(501)) + " }",
         "more than 500 triple patterns"),
        ("SELECT * WHERE { BIND(1 AS ?x0) " + " ".join(f"BIND(?x{i} AS ?x{i + 1})" for i in range(2000))
         + " }", "more than 10,000 tokens"),
        ("ASK { FILTER(" + "+".join(["1"] * 6000) + ") }", "more than 10,000 tokens"),
        ("ASK {} # " + "x" * 100_000, "characters long; the limit is 100,000"),
    ],
)  # fmt: skip
def test_queries_that_crash_or_stall_engines_are_refused_with_the_reason(text: str, why: str) -> None:
    status, message = refused(text)
    assert status == 400 and why in message


def test_limits_are_settings() -> None:
    small = QueryLimits(max_depth=3, max_patterns=2, max_tokens=50, max_chars=200)
    assert refused("ASK { { { { } } } }", small)[0] == 400
    assert refused("ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", small)[0] == 400
    assert check_query("ASK { ?a ?b ?c . ?d ?e ?f }", small).patterns == 2


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?u { <http://127.0.0.1:9/> } SERVICE ?u { ?s ?p ?o } }",
        "SELECT * WHERE { SeRvIcE#comment\n<http://127.0.0.1:9/> { ?s ?p ?o } }",
        "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
        # rdflib expands \u escapes before parsing: S-ERVICE spelled with one
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        # …and an escaped quote must not hide what follows inside a "string"
        'SELECT * WHERE { BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:9/> {} BIND("""y""" AS ?y) }',
    ],
)
def test_service_is_refused_in_every_spelling(text: str) -> None:
    status, message = refused(text)
    assert status == 400 and message.startswith("SERVICE is refused")


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "delete where { ?s ?p ?o }",
        "LOAD <file:///etc/hostname>",
        "DROP ALL",
        "CLEAR DEFAULT",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "PREFIX : <urn:x#> INSERT DATA { :a :b :c }",
    ],
)
def test_updates_are_forbidden(text: str) -> None:
    status, message = refused(text)
    assert status == 403 and "read-only" in message


def test_keywords_inside_strings_iris_and_comments_are_data() -> None:
    for text in [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { } DROP ALL" }',
        "SELECT * WHERE { ?s ?p '''it's a 'SERVICE'' }''' }",
        "SELECT * WHERE { ?s ?p ?o # SERVICE <http://x/> { } INSERT\n }",
        "SELECT * WHERE { ?s <urn:service/load#drop> ?o }",
        "PREFIX ex: <urn:ex:> SELECT ?service WHERE { ?service ex:insert ex:delete }",
    ]:
        check_query(text)


def test_from_clauses_are_resolved_for_the_worker_to_check() -> None:
    shape = check_query(
        "PREFIX doc: <https://w3id.org/diplomatic-kg/id/doc/> BASE <http://example.org/dir/> "
        "SELECT * FROM doc:d1 FROM <file:///etc/hostname> FROM <rel> FROM NAMED <urn:g> "
        "FROM NAMED doc:d\\u0032 WHERE { ?s ?p ?o }"
    )
    assert shape.from_graphs == (
        "https://w3id.org/diplomatic-kg/id/doc/d1",
        "file:///etc/hostname",
        "http://example.org/dir/rel",
    )
    assert shape.from_named[0] == "urn:g"
    assert "https://w3id.org/diplomatic-kg/id/doc/d2" in shape.from_named  # read with rdflib's \\u


def test_unterminated_string_is_400_with_the_line() -> None:
    assert refused("SELECT * WHERE {\n ?s ?p 'abc }") == (400, "unterminated string at line 2")

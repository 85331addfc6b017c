"""Issue 13 on real builds: the seeds and a slice of the corpus (tests/data/slice_2022.jsonl,
32 documents of February–March 2022), each built once by ``kg build -o OUT --store DIR``
with the real model, then read back the way a user would: ``kg query``, ``kg analyze``,
``kg viz``, ``kg export``, from the graph file and from the store.

1. every event is dated in RDF and SPARQL counts per month what kg analyze counts;
2. events and actors carry their superclasses (``?e a dkg:Event``);
3. the blocs shown are the signed partition, with its frustration, and by month;
4. the store is read without the graph file;
5. rolled-up states carry names;
6. parameters find actors as people type them, or say they find none;
7. the counts of kg build and kg analyze agree; bloc numbers are 1-based;
8. output fit for reading (short modalities, dkg: prefixes, tables, one line a row).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from kg.cli import app

SLICE = ROOT / "tests" / "data" / "slice_2022.jsonl"
BUILDS = ["seeds", "slice"]
DKG = ("PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
       "PREFIX dct: <http://purl.org/dc/terms/>\n")  # fmt: skip


def kg(*args: str) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def kg_fails(*args: str) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return result.output


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, dict]:
    """Each input built once: its folder, graph file, store and what kg build printed."""
    out = {}
    for name, source in (("seeds", SEEDS), ("slice", SLICE)):
        root = tmp_path_factory.mktemp(name)
        printed = kg("build", source, "-o", root / "out", "--store", root / "store")
        out[name] = {"out": root / "out", "trig": root / "out" / "graph.trig", "store": root / "store",
                     "printed": printed}  # fmt: skip
    return out


@pytest.fixture(scope="module")
def analyses(builds, tmp_path_factory) -> dict[str, dict]:
    """kg analyze --json of each build, from the graph file."""
    out = {}
    for name, b in builds.items():
        path = tmp_path_factory.mktemp("a") / f"{name}.json"
        kg("analyze", b["trig"], "--json", path)
        out[name] = json.loads(path.read_text(encoding="utf-8"))
    return out


def rows_of(*args: str) -> list[dict[str, str]]:
    """The rows ``kg query … -f csv`` prints."""
    return list(csv.DictReader(io.StringIO(kg("query", *args, "-f", "csv"))))


def select(b: dict, sparql: str) -> list[dict[str, str]]:
    return rows_of("--store", b["store"], DKG + sparql)


# ---------------------------------------------------------------- 1. dates


@pytest.mark.parametrize("name", BUILDS)
def test_every_event_of_a_dated_document_has_a_date_in_rdf(builds, name):
    [row] = select(builds[name], """SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?d) AS ?dated)
        (COUNT(DISTINCT ?r) AS ?reported) WHERE {
          ?e a dkg:Event ; dkg:hasEvidence/prov:wasDerivedFrom/dct:date ?x .
          OPTIONAL { ?e dkg:date ?date BIND (?e AS ?d) }
          OPTIONAL { ?e dkg:dateGranularity "reported" BIND (?e AS ?r) } }""")  # fmt: skip
    assert int(row["events"]) > 0 and row["dated"] == row["events"]
    assert int(row["reported"]) > 0  # most readouts date their events only by the report


@pytest.mark.parametrize("name", BUILDS)
def test_sparql_per_month_agrees_with_kg_analyze_by_month(builds, analyses, name):
    for source in (("--store", builds[name]["store"]), (builds[name]["trig"],)):
        rows = rows_of(*source, "--saved", "relations_per_month")
        sparql: dict[str, list[int]] = {}
        for r in rows:
            month = sparql.setdefault(r["month"], [0, 0])
            month[0] += int(r["events"])
            month[1] += int(r["claims"])
        networkx = {p["period"]: [p["events"], p["claims"]] for p in analyses[name]["periods"]}
        assert sparql == networkx and sparql
    if name == "slice":
        assert {"2022-02", "2022-03"} <= set(sparql)


# ---------------------------------------------------------------- 2. types


@pytest.mark.parametrize("name", BUILDS)
def test_events_and_actors_carry_their_superclasses(builds, analyses, name):
    [row] = select(builds[name], """SELECT (COUNT(DISTINCT ?e) AS ?typed) (COUNT(DISTINCT ?any) AS ?events)
        (COUNT(DISTINCT ?c) AS ?cooperation) (COUNT(DISTINCT ?k) AS ?conflict) WHERE {
          ?any dkg:relation ?rel . OPTIONAL { ?any a dkg:Event BIND (?any AS ?e) }
          OPTIONAL { ?any a dkg:Cooperation BIND (?any AS ?c) }
          OPTIONAL { ?any a dkg:Conflict BIND (?any AS ?k) } }""")
    s = analyses[name]["summary"]
    assert int(row["typed"]) == int(row["events"]) == s["events"]
    assert int(row["cooperation"]) + int(row["conflict"]) == s["events"]
    [actors] = select(builds[name], """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?e a dkg:Event ; dkg:source|dkg:target ?a . ?a a dkg:Actor }""")
    assert int(actors["n"]) == s["actors"]
    from kg.rdf.mapping import load_dataset
    from kg.rdf.shapes import validate

    report = validate(load_dataset(builds[name]["trig"]))
    assert report.conforms, report.violations[:3]


# ---------------------------------------------------------------- 3. signed blocs


@pytest.mark.parametrize("name", BUILDS)
def test_the_blocs_shown_are_the_signed_partition(builds, analyses, name):
    from kg.analysis import contact_communities, frustration, signed_blocs, signed_graph, to_nx
    from kg.rdf.mapping import load_dataset

    a = analyses[name]
    S = signed_graph(to_nx(load_dataset(builds[name]["trig"])))
    sb = signed_blocs(S)
    assert a["bloc_ids"] == sb.blocs
    assert [b["bloc"] for b in a["blocs"]] == list(range(1, len(sb.blocs) + 1))
    assert a["frustration"]["total"] == sb.frustration
    assert sb.frustration == pytest.approx(sum(abs(w) for *_, w in sb.frustrated))
    # no worse than the two trivial partitions, nor than the contact communities
    assert sb.frustration <= min(frustration(S, [list(S)]), frustration(S, [[n] for n in S]),
                                 frustration(S, contact_communities(S)))  # fmt: skip
    report_md = (builds[name]["out"] / "report.md").read_text(encoding="utf-8")
    assert "### Blocs (signed" in report_md and "Frustration" in report_md and "```json" not in report_md
    report_json = json.loads((builds[name]["out"] / "report.json").read_text(encoding="utf-8"))
    assert report_json["analysis"]["bloc_ids"] == sb.blocs  # what the build's explorer is given
    printed = kg("analyze", builds[name]["trig"])
    assert "Blocs (signed" in printed and "frustration" in printed and "Blocs (Louvain" not in printed


def test_the_slice_by_month_lists_who_changed_bloc(analyses):
    periods = {p["period"]: p for p in analyses["slice"]["periods"]}
    numbers = {b["bloc"] for b in analyses["slice"]["blocs"]}
    for p in periods.values():
        for m in p["moves"]:
            assert m["from"] != m["to"] and m["since"] < p["period"]
        for b in p["blocs"]:
            assert len(b["members"]) > 1 and (b["bloc"] in numbers or b["bloc"] > len(numbers))
    assert periods["2022-02"]["blocs"]  # the busiest month has blocs of its own


# ---------------------------------------------------------------- 4. the store


@pytest.mark.parametrize("name", BUILDS)
def test_analyze_viz_and_export_read_the_store(builds, analyses, name, tmp_path):
    path = tmp_path / "a.json"
    kg("analyze", "--store", builds[name]["store"], "--json", path)
    from_store = json.loads(path.read_text(encoding="utf-8"))
    assert from_store == analyses[name]
    printed = kg("analyze", "--store", builds[name]["store"], "--by", "quarter")
    assert "Blocs by quarter" in printed
    page = tmp_path / "g.html"
    out = CliRunner().invoke(app, ["viz", "--store", str(builds[name]["store"]), "-o", str(page)])
    assert out.exit_code == 0 and (tmp_path / "g.html").stat().st_size > 0
    s = from_store["summary"]
    assert f"{s['actors']} actors, {s['events']} events" in " ".join(out.output.split())
    kg("export", "--store", builds[name]["store"], "-f", "gexf", "-o", tmp_path / "g.gexf")
    import networkx as nx

    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == s["relations_between_actors"]


# ---------------------------------------------------------------- 5. names on roll-up


@pytest.mark.parametrize("name", BUILDS)
def test_rolled_up_states_carry_names(builds, name, tmp_path):
    import networkx as nx

    from kg.names import state_name

    kg("export", builds[name]["trig"], "--roll-up", "-f", "graphml", "-o", tmp_path / "s.graphml")
    G = nx.read_graphml(tmp_path / "s.graphml")
    states = [d for _, d in G.nodes(data=True) if d.get("kind") == "state"]
    assert states
    for d in states:
        assert d["label"] == state_name(d["country"]) or not state_name(d["country"]), d
        assert not re.fullmatch(r"[A-Z]{3}", d["label"]), d
    kg("analyze", builds[name]["trig"], "--roll-up", "--json", tmp_path / "r.json")
    rolled = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    named = {n["label"] for n in rolled["nodes"] if n["kind"] == "state" and state_name(n["country"])}
    assert named and not any(re.fullmatch(r"[A-Z]{3}", x) for x in named)
    members = {m for b in rolled["blocs"] for m in b["members"]}
    assert members >= named


# ---------------------------------------------------------------- 6. parameters


def test_parameters_find_actors_as_people_type_them(builds):
    b = builds["slice"]
    for typed in ("Putin", "putin", "vladimir putin", "Vladimir Putin"):
        rows = rows_of("--store", b["store"], "--saved", "about_actor", "-p", f"actor={typed}")
        assert rows and {r["actorLabel"] for r in rows} == {"Vladimir Putin"}, typed
    assert "Ego network of Vladimir Putin" in kg("analyze", "--store", b["store"], "--actor", "Putin")
    out = kg_fails("query", "--store", b["store"], "--saved", "about_actor", "-p", "actor=Narnia")
    assert "E337" in out and "no actor 'Narnia'" in out
    out = kg_fails("query", "--store", b["store"], "--saved", "about_actor", "-p", "actor=Vladimir Puttin")
    assert "nearest: Vladimir Putin" in out
    out = kg_fails("analyze", "--store", b["store"], "--actor", "Vladmir Putin")
    assert "E501" in out and "nearest: Vladimir Putin" in out


# ---------------------------------------------------------------- 7. counts


@pytest.mark.parametrize("name", BUILDS)
def test_build_and_analyze_count_alike(builds, analyses, name):
    built = json.loads((builds[name]["out"] / "report.json").read_text(encoding="utf-8"))["summary"]
    s = analyses[name]["summary"]
    for key in ("documents", "documents_with_relations", "documents_without_relations", "events", "actors"):
        assert built[key] == s[key], key
    printed = builds[name]["printed"]
    assert f"documents  {s['documents']}" in printed and f"events     {s['events']}" in printed
    assert f"actors     {s['actors']}" in printed
    shown = kg("analyze", builds[name]["trig"])
    assert f"{s['actors']} actors, {s['events']} events" in shown
    assert f"from {s['documents_with_relations']} of {s['documents']} documents" in shown
    if s["documents_without_relations"]:
        assert f"({s['documents_without_relations']} gave no relation)" in shown
    nodes = analyses[name]["nodes"]
    assert min(n["bloc"] for n in nodes) == 1 and all(b["bloc"] >= 1 for b in analyses[name]["brokers"])


# ---------------------------------------------------------------- 8. output


def test_output_fit_for_reading(builds):
    from kg.vocab import modality_names

    b = builds["slice"]
    rows = rows_of("--store", b["store"], "--saved", "all_relations")
    assert rows and {r["modality"] for r in rows} <= set(modality_names())
    ttl = kg("query", "--store", b["store"], DKG + "CONSTRUCT { ?a dkg:meets ?b } WHERE { ?a dkg:meets ?b }",
             "-f", "turtle")  # fmt: skip
    assert "@prefix dkg:" in ttl and "dkg:meets" in ttl and "ns1:" not in ttl
    table = kg("query", "--store", b["store"], "--saved", "all_relations")
    body = [line for line in table.splitlines() if line.startswith("│")]
    assert len(body) == len(rows)  # one line a row, long sentences cut
    wide = kg("query", "--store", b["store"], "--saved", "all_relations", "--wide")
    assert len([line for line in wide.splitlines() if line.startswith("│")]) > len(rows)
    report_md = (b["out"] / "report.md").read_text(encoding="utf-8")
    analysis = report_md.split("## Analysis", 1)[1]
    assert "| bloc | size | members" in analysis and "### Blocs by month" in analysis


def test_the_readme_example_of_an_ad_hoc_type_query(builds):
    """The README's `?e a dkg:Event` example, by QuadClass grouping."""
    rows = select(builds["slice"], """SELECT ?grouping (COUNT(?e) AS ?events) WHERE {
          VALUES ?grouping { dkg:VerbalCooperation dkg:VerbalConflict dkg:MaterialConflict }
          ?e a dkg:Event , ?grouping } GROUP BY ?grouping ORDER BY ?grouping""")
    assert rows and all(int(r["events"]) > 0 for r in rows)


def test_a_store_directory_given_as_the_graph_is_read_as_a_store(builds, analyses, tmp_path):
    """`kg viz st/` and `kg query st/ …` used to fail with "unknown RDF file suffix"."""
    b = builds["seeds"]
    assert "Blocs (signed" in kg("analyze", b["store"])
    kg("viz", b["store"], "-o", tmp_path / "g.html")
    assert rows_of(b["store"], "--saved", "who_met_whom")


@pytest.mark.server
def test_analyze_reads_a_sparql_endpoint(builds, analyses, server, tmp_path):
    """`kg analyze --endpoint URL` on a real `oxigraph serve` holding the seeds' build
    gives the report of the graph file (its union default graph is a bag: the reader
    counts each triple once)."""
    from kg.rdf.mapping import load_dataset
    from kg.rdf.store import iter_graphs, open_store

    with open_store(server) as endpoint:
        for name in endpoint.graph_names():
            endpoint.drop_graph(name)
        endpoint.put_graphs(iter_graphs(load_dataset(builds["seeds"]["trig"])))
    kg("analyze", "--endpoint", server, "--json", tmp_path / "e.json")
    assert json.loads((tmp_path / "e.json").read_text(encoding="utf-8")) == analyses["seeds"]
    assert rows_of("--endpoint", server, "--saved", "about_actor", "-p", "actor=putin")

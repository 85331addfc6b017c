"""Adding a relation type is a change to data files only: a copy of ontology/ with an
``expels`` relation added to ``dkg.ttl`` (its event class, edge property, weight and
colour) and one trigger verb added to ``patterns/relations.json``, read through
DKG_ONTOLOGY, and the real ``kg`` commands extract it, store it, query it, validate it,
weigh it in the signed network and draw it; without the copy, the same text gives none.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from conftest import ROOT, Page

from kg.resources import ENV_VAR

pytestmark = pytest.mark.slow

TEXT = "Poland expelled Russian diplomats on Tuesday.\n"

NEW_TERMS = """
dkg:Expulsion
    a owl:Class ;
    rdfs:subClassOf dkg:Event ;
    rdfs:label "Expulsion"@en ;
    skos:definition "The source expels the target's diplomats or nationals."@en ;
    dkg:relationName "expels" ;
    dkg:edgeProperty dkg:expels ;
    dkg:order 12 ;
    dkg:displayColor "#aa00aa" ;
    skos:closeMatch cameo:16 , plover:SANCTION .

dkg:expels
    a owl:ObjectProperty ;
    rdfs:label "expels"@en ;
    skos:definition "Direct edge: the subject expels the object's diplomats (asserted or reported)."@en ;
    rdfs:domain dkg:Actor ; rdfs:range dkg:Actor ;
    dkg:signedWeight -1.25 .
"""


@pytest.fixture(scope="module")
def ontology(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ontology/ copied, with the relation added to the two data files (nothing else)."""
    copy = tmp_path_factory.mktemp("onto") / "ontology"
    shutil.copytree(ROOT / "ontology", copy)
    ttl = copy / "dkg.ttl"
    ttl.write_text(ttl.read_text(encoding="utf-8") + NEW_TERMS, encoding="utf-8")
    patterns = copy / "patterns" / "relations.json"
    data = json.loads(patterns.read_text(encoding="utf-8"))
    assert "expel" not in data["verbs"]
    data["verbs"]["expel"] = {"relation": "expels", "targets": ["dobj", "dobj_owner"]}
    patterns.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return copy


def _kg(*args: str, ontology: Path | None = None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    if ontology is not None:
        env[ENV_VAR] = str(ontology)
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def built(ontology: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("build")
    (work / "article.txt").write_text(TEXT, encoding="utf-8")
    _kg("build", "article.txt", "--date", "2024-05-14", "-o", "out", "--store", "store",
        "--workers", "1", ontology=ontology, cwd=work)  # fmt: skip
    return work


def test_extracted(built: Path) -> None:
    report = json.loads((built / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["by_relation"] == {"expels": 1}
    assert "| expels | asserted | Poland | Russia |" in (built / "out" / "report.md").read_text()


def test_stored_and_queried(built: Path, ontology: Path) -> None:
    q = ("PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?a ?b ?date WHERE { ?e a dkg:Expulsion ; dkg:relation 'expels' ; dkg:date ?date ; "
         "dkg:source/rdfs:label ?a ; dkg:target/rdfs:label ?b . ?s dkg:expels ?t }")  # fmt: skip
    rows = json.loads(_kg("query", "--store", "store", q, "--format", "json", cwd=built).stdout)
    assert [{k: v["value"] for k, v in b.items()} for b in rows["results"]["bindings"]] == [
        {"a": "Poland", "b": "Russia", "date": "2024-05-14"}
    ]
    saved = _kg("query", "--store", "store", "--saved", "all_relations", "--format", "csv",
                ontology=ontology, cwd=built).stdout  # fmt: skip
    assert "expels" in saved and "Poland expelled Russian diplomats" in saved
    assert "conforms" in _kg("validate", "out/graph.trig", ontology=ontology, cwd=built).stdout


def test_weighed_in_the_signed_network(built: Path, ontology: Path) -> None:
    _kg("export", "out/graph.trig", "--format", "graphml", "--signed", "-o", "signed.graphml",
        ontology=ontology, cwd=built)  # fmt: skip
    G = nx.read_graphml(built / "signed.graphml")
    [(_, _, tie)] = G.edges(data=True)
    assert tie["weight"] == -1.25 and json.loads(tie["relations"]) == {"expels": 1}


@pytest.mark.browser
def test_drawn(built: Path, browser) -> None:
    page = built / "out" / "graph.html"
    data = re.search(r'<script type="application/json" id="dkg-data">(.*?)</script>', page.read_text())
    assert data is not None
    embedded = json.loads(data.group(1))
    assert embedded["palette"]["relation"]["expels"] == "#aa00aa"
    p = Page(browser, page)
    try:
        drawn = p.js("""() => window.dkg.network.body.data.edges.get().map(e => {
            const d = window.dkg.data.edges.find(x => x.id === e.id);
            return [d.relation, e.color]; })""")
        assert drawn == [["expels", "#aa00aa"]]
        assert "expels" in p.page.locator("body").inner_text() and not p.errors
    finally:
        p.page.close()


def test_the_shipped_ontology_has_no_such_relation(built: Path) -> None:
    """The same text without the copy: no trigger, no relation (the data change did it)."""
    _kg("build", "article.txt", "--date", "2024-05-14", "-o", "plain", "--workers", "1", cwd=built)
    report = json.loads((built / "plain" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["by_relation"] == {}

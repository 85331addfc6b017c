"""The public API in ``kg``: functions, whatever was imported before."""

from __future__ import annotations

import subprocess
import sys


def test_public_names_stay_functions_after_submodule_imports():
    code = (
        "import kg\n"
        "from kg.builder import build\n"
        "from kg.extraction import iter_relations\n"
        "import kg.rdf.queries, kg.analysis.convert, kg.render.html\n"
        "names = ['build', 'extract', 'iter_relations', 'iter_documents', 'load_nlp',\n"
        "         'document_graph', 'run_query', 'list_queries', 'to_nx', 'to_html']\n"
        "bad = [n for n in names if not callable(getattr(kg, n)) or\n"
        "       type(getattr(kg, n)).__name__ == 'module']\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_build_from_python(tmp_path):
    from conftest import SEEDS

    import kg

    result = kg.build([SEEDS / "000_72b9556ecc5a0186.txt"], out_dir=None)
    assert len(result.documents) == 1
    rows = kg.run_query(result.dataset, "who_met_whom")
    assert any("Vladimir Putin" in {str(x) for x in row} for row in rows.rows)
    G = kg.to_nx(result.dataset)
    assert G.number_of_edges() >= 5
    assert "<html" in kg.to_html(G).lower()

"""The notebooks: stored executed (with their outputs, as readers see them), and run with
nbclient in the venv's python3 kernel from the repository root, as a reader would; the
explorer notebook shows pandas tables and the pyvis network inline, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.notebook


def _outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _check(nb) -> None:
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"], "a warning in the notebook"
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    tables = [h for h in html if 'class="dataframe' in h]
    frames = [h for h in html if "<iframe sandbox=" in h and "srcdoc=" in h]
    assert len(tables) >= 6, "results shown as pandas tables"
    assert len(frames) == 1, "the pyvis network inline"
    page = frames[0]
    assert not re.search(r"(?:src|href)=\\?&quot;https?:", page) and "cdnjs" not in page  # offline


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_executed(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("execution_count") for c in code), "run tools/execute_notebooks.py"
    _check(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    nb = nbformat.read(path, as_version=4)
    # jupyter_client starts a kernelspec whose argv[0] is "python" with sys.executable,
    # so the kernel runs in this venv (its ipykernel installs the python3 kernelspec)
    resources = {"metadata": {"path": str(ROOT)}}
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=900, resources=resources)
    client.execute()
    _check(nb)


def test_notebooks_only_call_the_public_api() -> None:
    nbformat = pytest.importorskip("nbformat")
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "def " not in code and "class " not in code, path.name
        assert "from kg." not in code.replace("from kg.analysis import", ""), path.name
        assert "import kg." not in code.replace("import kg.render\n", ""), path.name
        assert ".show(" not in code, path.name  # pyvis's show() writes lib/ and loads CDNs

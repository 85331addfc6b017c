"""Execute the notebooks in place (from the repository root, in this venv's python3
kernel) so that they are stored with their outputs, as readers see them on GitHub.

Run: ``.venv/bin/python tools/execute_notebooks.py [notebooks/explore.ipynb ...]``
(``tests/test_notebooks.py`` runs them the same way, without writing.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path) -> float:
    """Run ``path`` and write it back with its outputs; seconds taken."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    resources = {"metadata": {"path": str(ROOT)}}
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=900, resources=resources).execute()
    for cell in nb.cells:  # outputs only: no execution times in the stored file
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    paths = ap.parse_args().paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for p in paths:
        print(f"{p}: executed in {execute(p):.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()

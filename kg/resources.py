"""The one place that locates the data files shipped in ``ontology/``.

The folder is installed as the package ``kg.ontology`` (see pyproject.toml), so
:func:`ontology_file` works from a wheel, an editable install and the checkout.

The environment variable ``DKG_ONTOLOGY`` names another folder of the same layout to
read instead (a copy of ``ontology/`` with a relation type added, say: see
``docs/architecture.md``). It is read when a file is first needed, so set it before the
process starts using the vocabulary, the patterns or the gazetteer.

Examples
--------
>>> ontology_file("dkg.ttl").name
'dkg.ttl'
>>> sorted(p.name for p in ontology_dir("queries").iterdir() if p.name.endswith(".rq"))[:1] != []
True
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["ENV_VAR", "ontology_dir", "ontology_file", "read_jsonl", "read_text"]

#: Names a folder read instead of the shipped ``ontology/``.
ENV_VAR = "DKG_ONTOLOGY"


def ontology_dir(sub: str | None = None) -> Traversable:
    """The ``ontology/`` folder, or one of its sub-folders."""
    root = _root()
    return root / sub if sub else root


def ontology_file(path: str) -> Traversable:
    """A file under ``ontology/``, e.g. ``"gazetteer/states.jsonl"``."""
    node = _root()
    for part in path.split("/"):
        node = node / part
    return node


def _root() -> Traversable:
    override = os.environ.get(ENV_VAR)
    if not override:
        return files("kg.ontology")
    root = Path(override)
    if not (root / "dkg.ttl").is_file():
        from kg.errors import KGError

        raise KGError("E010", f"{ENV_VAR} must name a folder holding dkg.ttl", path=str(root))
    return root


def read_text(path: str) -> str:
    """The text of a file under ``ontology/``."""
    return ontology_file(path).read_text(encoding="utf-8")


def read_jsonl(path: str) -> list[dict]:
    """The records of a JSON lines file under ``ontology/`` (blank lines and
    lines starting with ``//`` are skipped)."""
    import json

    out = []
    for n, line in enumerate(read_text(path).splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("//"):
            continue
        try:
            out.append(json.loads(s))
        except json.JSONDecodeError as e:  # a broken shipped file is a bug: say where
            raise ValueError(f"ontology/{path}:{n}: {e}") from e
    return out

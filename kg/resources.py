"""The one place that locates the data files shipped in ``ontology/``.

The folder is installed as the package ``kg.ontology`` (see pyproject.toml), so
:func:`ontology_file` works from a wheel, an editable install and the checkout.

Examples
--------
>>> ontology_file("dkg.ttl").name
'dkg.ttl'
>>> sorted(p.name for p in ontology_dir("queries").iterdir() if p.name.endswith(".rq"))[:1] != []
True
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["ontology_dir", "ontology_file", "read_jsonl", "read_text"]


def ontology_dir(sub: str | None = None) -> Traversable:
    """The ``ontology/`` folder, or one of its sub-folders."""
    root = files("kg.ontology")
    return root / sub if sub else root


def ontology_file(path: str) -> Traversable:
    """A file under ``ontology/``, e.g. ``"gazetteer/states.jsonl"``."""
    node = files("kg.ontology")
    for part in path.split("/"):
        node = node / part
    return node


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

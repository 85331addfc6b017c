"""Loading the spaCy pipeline with our components added.

Examples
--------
>>> nlp = load_nlp()                                   # doctest: +SKIP
>>> nlp.pipe_names[-3:]                                # doctest: +SKIP
['dkg_actors', 'dkg_discourse', 'dkg_relations']
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language

from kg.errors import ModelError
from kg.vocab import DEFAULT_MODEL

__all__ = ["DEFAULT_MODEL", "installed_pipelines", "load_nlp"]


def installed_pipelines() -> list[str]:
    """Names of the installed spaCy pipeline packages (``en_core_web_*`` and the like)."""
    from importlib.metadata import distributions

    names = set()
    for dist in distributions():
        try:
            top = (dist.read_text("top_level.txt") or "").split()
        except Exception:  # pragma: no cover - broken metadata
            continue
        meta_name = (dist.metadata["Name"] or "").replace("-", "_")
        for t in top or [meta_name]:
            if t.startswith(("en_core_", "en_")) and "_" in t:
                names.add(t)
    return sorted(names)


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """An English spaCy pipeline with ``dkg_actors``, ``dkg_discourse`` and ``dkg_relations``
    added.

    model (str): an installed pipeline package name or path (default
        :data:`kg.vocab.DEFAULT_MODEL`).
    RETURNS (Language): the pipeline, cached per process (``load_nlp()`` and
        ``load_nlp(DEFAULT_MODEL)`` give the same object).
    """
    return _load(model)


@cache
def _load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as e:
        found = ", ".join(installed_pipelines()) or "none"
        raise ModelError(
            "E301",
            f"cannot load spaCy model {model!r}. Installed English pipelines: {found}. "
            f"({str(e).splitlines()[0][:160]})",
        ) from None
    if nlp.lang != "en":
        raise ModelError("E302", f"model {model!r} is for language {nlp.lang!r}; English needed")
    # every component stays: our trigger lists match lemmas, and NER feeds the actors
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        raise ModelError("E303", f"model {model!r} has no dependency parser")
    from kg.nlp import paragraphs  # noqa: F401  (registers dkg_paragraphs)

    nlp.add_pipe("dkg_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe("dkg_actors")
    nlp.add_pipe("dkg_discourse")
    nlp.add_pipe("dkg_relations")
    return nlp

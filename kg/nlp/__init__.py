"""spaCy side of diplomatic-kg: the ``dkg_actors`` and ``dkg_relations`` components
and :func:`kg.nlp.pipeline.load_nlp`, which adds them to an English pipeline."""

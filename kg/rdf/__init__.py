"""RDF: the ``dkg:`` namespace, records to named graphs, SHACL validation, saved queries."""

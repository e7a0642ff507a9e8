"""The RDF boundary: terms and their conversions (``_terms``), SPARQL text (``_sparql``),
export (``_export``), the store interface (``base.GraphStore``), the embedded and remote
stores (``store``, ``remote``, opened by ``open.open_store``), IRI minting (``ids``) and
records → quads (``mapping``). Code outside this package reads and writes RDF through
these, not through pyoxigraph."""

"""The RDF layer: vocabulary, IRI minting, records → quads, and the embedded store."""

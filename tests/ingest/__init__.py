"""Tests of graph.ingest."""

"""The errors claimgraph raises. The CLI turns each into one line and a non-zero exit."""

from __future__ import annotations


class ClaimGraphError(Exception):
    """Base class: a problem the user can fix; its message says what and how."""


class InputError(ClaimGraphError):
    """An input file or record cannot be read as an article.

    Attributes:
        source: The file (and line, for JSONL) at fault.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(ClaimGraphError):
    """The store is missing, locked, unreachable or corrupt."""


class QueryError(ClaimGraphError):
    """A SPARQL query is malformed or failed."""


class UnsavedWrites(StoreError):
    """A store that sends its writes in batches (a remote store) could not send one: the
    writes since the last batch sent are lost; the store holds everything before them.
    A build stops at this error rather than go on without them."""

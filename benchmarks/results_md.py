"""The sections of ``benchmarks/RESULTS.md`` that the benchmark scripts other than ``run.py``
write: each script owns one section (its ``## `` heading) below :data:`MARKER`, which a run
of ``run.py`` keeps as it is."""

from __future__ import annotations

from pathlib import Path

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"
#: RESULTS.md from this line on belongs to the other benchmark scripts (serve.py, web.py, ...).
MARKER = "<!-- Sections below are written by the other scripts in benchmarks/; run.py keeps them. -->"


def write_section(heading: str, text: str, results: Path = RESULTS_MD) -> None:
    """Put ``text``, a section starting with ``heading``, in place of that section below the
    marker of ``results``, or at the end when there is none yet.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "RESULTS.md"
    >>> _ = path.write_text(f"# R\\n{MARKER}\\n## A\\nold\\n## B\\nb\\n")
    >>> write_section("## A", "## A\\nnew\\n", path)
    >>> write_section("## C", "## C\\nc\\n", path)
    >>> print(path.read_text())
    # R
    <!-- Sections below are written by the other scripts in benchmarks/; run.py keeps them. -->
    ## A
    new
    ## B
    b
    <BLANKLINE>
    ## C
    c
    <BLANKLINE>
    """
    head, marker, others = results.read_text("utf-8").partition(MARKER)
    if not marker:
        raise SystemExit(f"{results}: the line {MARKER!r} is missing; restore it above the scripts' sections")
    start = others.find(heading)
    if start < 0:
        others = others.rstrip("\n") + "\n\n" + text
    else:
        end = others.find("\n## ", start + len(heading))
        others = others[:start] + text + (others[end + 1:] if end >= 0 else "")
    results.write_text(head + marker + others, "utf-8")

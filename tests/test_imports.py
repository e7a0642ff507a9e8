"""The query side never imports spaCy: reading a built graph needs no NLP.

Each case runs in a fresh interpreter and lists which heavy packages ended up in
``sys.modules``; loading spaCy there would cost more than the answer itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SMALL, trig_store

#: Packages only extraction needs.
NLP_PACKAGES = ("spacy", "thinc")

PROBE = """
import json, sys
{code}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}} & set({packages!r}))))
"""


def _imported(code: str, cwd: Path) -> list[str]:
    """The :data:`NLP_PACKAGES` imported by running ``code`` in a new interpreter."""
    probe = PROBE.format(code=code, packages=NLP_PACKAGES)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A closed store holding the small fixture graph."""
    path = tmp_path_factory.mktemp("imports") / "store"
    with trig_store(path, SMALL.read_text("utf-8")):
        pass
    return path


def test_importing_the_query_module_does_not_import_spacy(tmp_path):
    assert _imported("import graph.query", tmp_path) == []


@pytest.mark.parametrize("args", [
    ["said", "--help"],
    ["said", "--by", "Maria Okonkwo"],
    ["query", "SELECT ?s WHERE { ?s a schema:Person }"],
    ["stats"],
], ids=lambda args: " ".join(args[:2]))
def test_reading_commands_do_not_import_spacy(store, tmp_path, args):
    store_args = [] if "--help" in args else ["--store", str(store)]
    code = ("from graph.cli import main\n"
            f"try:\n    main({[*args, *store_args]!r}, standalone_mode=False)\n"
            "except SystemExit:\n    pass\n")
    assert _imported(code, tmp_path) == []


@pytest.mark.slow  # imports spaCy, to show that the probe can fail
def test_the_probe_sees_spacy_when_it_is_imported(tmp_path):
    assert _imported("import spacy", tmp_path) == ["spacy", "thinc"]

"""The command line: help for every command, documentation, and one-line errors."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from graph.cli import main

from .conftest import ROOT

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"claimgraph {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^#+ `claimgraph {command}\b", readme, re.M), f"README has no section for `claimgraph {command}`"


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    head = "\n".join(lines[:6])
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "--store", "{tmp}/nowhere"], "no store at"),
        (["said", "--store", "{tmp}/nowhere"], "no store at"),
        (["query", "--store", "{store}", "SELECT ?x WHERE { ?x ?y"], "SPARQL"),
        (["query", "--store", "{store}"], "either a SPARQL query or --file"),
        (["export", "--store", "{store}", "--format", "rdfxml"], "Invalid value"),
        (["remove", "--store", "{store}", "a b:c"], "no article 'a b:c' in the store"),
        (["remove", "--store", "{store}", "odd\udcff"], "no article 'odd\\udcff' in the store"),
    ],
)
def test_user_mistakes_give_one_line_and_a_nonzero_exit(tmp_path, args, message):
    runner = CliRunner()
    store = tmp_path / "store"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(main, ["build", str(empty), "--store", str(store)]).exit_code == 0
    args = [a.replace("{tmp}", str(tmp_path)).replace("{store}", str(store)) for a in args]
    result = runner.invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_build_reads_a_metadata_manifest(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(
        "Storm closes piers\n\nThe harbour master closed both piers on Monday.\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,date,source\na.txt,2024-03-05,Harbour Daily\n",
                                    encoding="utf-8")
    store = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "news"), "--store", store,
                                       "--metadata", str(tmp_path / "m.csv"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["query", "--store", store, "--format", "csv",
                                       "SELECT ?d WHERE { ?a <https://schema.org/datePublished> ?d }"])
    assert result.output.split() == ["d", "2024-03-05"]


def test_an_unreadable_file_named_on_the_command_line_gets_one_line_and_the_rest_is_built(
        tmp_path, monkeypatch, nlp):
    import os
    from pathlib import Path

    locked, fine = tmp_path / "locked.txt", tmp_path / "fine.txt"
    for path in (locked, fine):
        path.write_text("Pier shuts\n\nThe harbour master said the pier would shut.\n", encoding="utf-8")
    real_access, real_read = os.access, Path.read_bytes

    def no_access(path, mode, *args, **kwargs):
        return False if str(path) == str(locked) else real_access(path, mode, *args, **kwargs)

    def no_read(self):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(os, "access", no_access)  # what click asks, as a non-root user would see it
    monkeypatch.setattr(Path, "read_bytes", no_read)
    result = CliRunner().invoke(main, ["build", str(locked), str(fine), "--store", str(tmp_path / "s"),
                                       "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert result.output.count("error:") == 1 and f"{locked}: cannot read (Permission denied)" in result.output
    assert "1 new" in result.output and "Traceback" not in result.output

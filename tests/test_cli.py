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

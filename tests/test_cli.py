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

"""The grammar built for one command reads a command line as the whole grammar does: its
request, its help, its usage errors."""

import argparse

import pytest

from app.language import grammar
from app.language import requests as rq
from tests.app.language.test_wire import LINES


def _whole(argv: list[str]) -> object:
    args = grammar.build_parser().parse_args(argv)
    return args.make(args)


def test_the_command_words_are_the_parsers() -> None:
    parser = grammar.build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert set(commands.choices) == grammar.COMMANDS


def test_import_takes_every_tool_the_importers_know() -> None:
    from tracker.import_sources import IMPORT_KINDS

    assert grammar.IMPORT_KINDS == IMPORT_KINDS


@pytest.mark.parametrize("argv", LINES, ids=lambda argv: " ".join(argv[:2]))
@pytest.mark.parametrize("before", [[], ["--db", "x.sqlite3"], ["--tz=UTC"]])
def test_one_command_is_read_as_the_whole_grammar_reads_it(
    argv: list[str], before: list[str]
) -> None:
    line = [*before, *argv]
    assert grammar._command_word(line) == argv[0]
    assert grammar.parse(line).request == _whole(line)


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--help"],
        ["team", "add", "--help"],
        ["status", "--bogus"],
        ["interrupt", "--minutes", "many"],
        ["stop", "--gap", "lunch"],
        ["team"],
        ["--db"],
    ],
)
def test_help_and_usage_errors_are_the_whole_grammars(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    said = []
    for parser in (grammar.build_parser(grammar._command_word(argv)), grammar.build_parser()):
        with pytest.raises(SystemExit) as exited:
            parser.parse_args(argv)
        said.append((exited.value.code, capsys.readouterr()))
    assert said[0] == said[1]
    assert said[0][1].out or said[0][1].err


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["frobnicate"], ["-x", "status"]])
def test_anything_else_gets_the_whole_grammar(argv: list[str]) -> None:
    assert grammar._command_word(argv) is None


def test_no_command_builds_none() -> None:
    assert grammar._command_word(["--db", "x.sqlite3"]) == ""
    assert grammar.parse(["--db", "x.sqlite3"]) == rq.Invocation(None, db="x.sqlite3")

"""Project rules: the core never imports Django; every rule is documented and in the contract."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import pytest

from gongkai import messages
from gongkai.cli import _parser, main
from gongkai.reference import _commands

ROOT = Path(__file__).parent.parent
CONTRACT_RULES = (
    "applications.balance",
    "applications.total",
    "applications.row_total",
    "appeals.total",
    "text.table_mismatch",
    "continuity.carry",
)


def test_core_never_imports_django() -> None:
    offenders = [
        str(p)
        for p in (ROOT / "gongkai").rglob("*.py")
        if "web" not in p.parts and re.search(r"^\s*(from|import)\s+django", p.read_text(), re.M)
    ]
    assert offenders == []


def test_contract_rules_are_all_implemented() -> None:
    assert set(CONTRACT_RULES) <= set(messages.RULES)


def test_rule_reference_in_docs_is_generated_from_code(capsys: object) -> None:
    documented = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for rule, (severity, meaning) in messages.RULES.items():
        assert f"| `{rule}` | {severity} | {meaning} |" in documented, rule


def test_every_command_and_option_is_explained_in_chinese() -> None:
    """Each command has its one-line help; each option says what it does; no English of
    argparse's own is left in any help."""
    parser = _parser()
    listed = {a.dest: a.help for a in _subcommands(parser)._choices_actions}
    commands = _commands(parser)
    assert set(listed) == set(commands) and all(listed.values()), listed
    for name, command in commands.items():
        options = [a for a in command._actions if a.option_strings]
        assert all(a.help for a in options), (name, [a.dest for a in options if not a.help])
        text = command.format_help()
        english = ("usage:", "positional arguments", "options:", "show this help")
        assert not [w for w in english if w in text], (name, text)


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_a_wrong_command_line_is_told_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["render", "--to", "exe", "r.json"])
    assert stop.value.code == 2
    assert "gongkai render：错误：" in capsys.readouterr().err
    assert main(["rules"]) == 0

"""Project rules: the core never imports Django; every rule is documented and in the contract."""

from __future__ import annotations

import re
from pathlib import Path

from gongkai import messages
from gongkai.cli import main

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


def test_every_command_has_help(capsys: object) -> None:
    from gongkai.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "==SUPPRESS==" or a.nargs == "A...")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        assert command.format_help().strip(), name
    assert main(["rules"]) == 0

"""Reference sections of the docs made from the code (run `cog -r docs/*.md`; CI runs
`cog --check`): the rule catalogue and the command line's help."""

from __future__ import annotations

import argparse
import os

from gongkai.messages import RULES


def rules_markdown() -> str:
    lines = ["| rule | severity | what must hold |", "|---|---|---|"]
    lines += [f"| `{rule}` | {sev} | {meaning} |" for rule, (sev, meaning) in RULES.items()]
    return "\n".join(lines)


def cli_markdown() -> str:
    """Every command's `--help`, as the terminal prints it (80 columns)."""
    from gongkai.cli import _parser

    os.environ["COLUMNS"] = "80"  # argparse wraps help at the terminal's width
    parser = _parser()
    sections = [_block("gongkai --help", parser.format_help())]
    for name, command in _commands(parser).items():
        sections.append(_block(f"gongkai {name} --help", command.format_help()))
    return "\n\n".join(sections)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _block(title: str, text: str) -> str:
    return f"### `{title}`\n\n```\n{text.rstrip()}\n```"

"""Reference sections of the docs made from the code (run `cog -r docs/*.md`; CI runs
`cog --check`): the rule catalogue and the command line's help."""

from __future__ import annotations

import argparse
import ast
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


def environment_markdown(settings_source: str) -> str:
    """Every GONGKAI_* environment variable the web settings read, its default and the
    comment above it (the settings' text is given by the caller)."""
    lines = settings_source.splitlines()
    rows = ["| variable | default | what it sets |", "|---|---|---|"]
    seen: set[str] = set()
    for statement in ast.parse(settings_source).body:
        for name, default in _environment_reads(statement):
            if name in seen:
                continue
            seen.add(name)
            rows.append(f"| `{name}` | {default} | {_comment_above(lines, statement.lineno)} |")
    return "\n".join(rows)


def _environment_reads(statement: ast.stmt) -> list[tuple[str, str]]:
    reads = []
    for node in ast.walk(statement):
        if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "os.environ.get"):
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and str(first.value).startswith("GONGKAI_"):
            default = ast.unparse(node.args[1]) if len(node.args) > 1 else "（无）"
            reads.append((str(first.value), f"`{default}`"))
    return reads


def _comment_above(lines: list[str], lineno: int) -> str:
    """The comment lines right above a statement (1-based line), joined, or 见上."""
    comment: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        comment.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    return " ".join(comment).replace("|", "\\|") or "见上"

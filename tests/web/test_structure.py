"""The one door, checked on the code: outside the do_* action modules (and the models, the
migrations, the background reader and the demo seeding), no web module writes to the
database — views, API handlers, admin classes and helpers only call actions."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).parents[2] / "gongkai" / "web"
WRITES = frozenset(
    {
        "save",
        "delete",
        "update",
        "create",
        "bulk_create",
        "bulk_update",
        "update_or_create",
        "get_or_create",
        "create_user",
        "create_superuser",
    }
)
# Where writes belong: the actions (imports.py holds the all-or-nothing import actions), the
# audit log's one writer, the models themselves, the reader of uploads running as a task,
# and the demo region's seeding (its records are made through actions where they have one).
WRITERS = ("actions.py", "imports.py", "log.py", "models.py", "tasks.py", "demo.py")


def _modules() -> list[Path]:
    return [
        p
        for p in WEB.rglob("*.py")
        if p.name not in WRITERS and "migrations" not in p.parts and "commands" not in p.parts
    ]


def _writes(source: str, name: str) -> list[str]:
    """Every call in `source` that writes a model (a form's save(commit=False) does not)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        unsaved = any(k.arg == "commit" for k in node.keywords)
        if node.func.attr in WRITES and not unsaved:
            found.append(f"{name}:{node.lineno} .{node.func.attr}()")
    return found


def test_no_view_or_handler_writes_to_the_database() -> None:
    found = [w for p in _modules() for w in _writes(p.read_text("utf-8"), str(p.relative_to(WEB)))]
    assert found == []


def test_the_check_catches_a_view_that_saves() -> None:
    view = "def view(request, record):\n    record.save()\n    form.save(commit=False)\n"
    assert _writes(view, "views.py") == ["views.py:2 .save()"]

"""The house keeps its shape (DESIGN §1): imports between layers, Qt only in gui/, SQL only in store/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qdesk"

# What each part of qdesk may import of qdesk, besides itself and the package root (__version__).
# The helpers at the top of the package (files, resources, locations) sit beside core at the bottom.
BOTTOM = {"core", "files", "resources", "locations"}
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "files": {"core"},
    "resources": set(),
    "locations": set(),
    "store": {"core", "files", "resources", "locations"},
    "plans": BOTTOM,
    "views": BOTTOM | {"store", "plans"},
    "reports": BOTTOM | {"store", "plans", "views"},
    "exchange": BOTTOM | {"store", "plans", "views"},
    # Compositions: a work that needs both a document and a file, or a whole database.
    "submission": BOTTOM | {"store", "plans", "views", "reports", "exchange"},
    "databases": BOTTOM | {"store", "plans"},
    "demo": BOTTOM | {"store", "plans", "databases"},
    # The two faces, and what starts them.
    "gui": BOTTOM | {"store", "plans", "views", "reports", "exchange", "submission", "databases",
                     "demo"},
    "cli": BOTTOM | {"store", "plans", "views", "reports", "exchange", "submission", "databases",
                     "demo", "gui"},
    "frozen": BOTTOM | {"cli", "gui"},
    "__main__": {"cli"},
}
SQL = re.compile(r"^\s*(SELECT\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|"
                 r"CREATE\s+(TABLE|INDEX|TRIGGER|VIEW|UNIQUE)\b|DROP\s+\w+|ALTER\s+TABLE\b|"
                 r"PRAGMA\b|WITH\s+\w+\s+AS\b)")
DATABASE_CALLS = {"execute", "executemany", "executescript", "query"}


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _part_of(module: str) -> str | None:
    """The part of qdesk a dotted module name is in; None for the package root itself."""
    names = module.split(".")
    return names[1] if len(names) > 1 else None


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "qdesk":
                found += [(node.lineno, f"qdesk.{alias.name}") for alias in node.names
                          if (PACKAGE / alias.name).is_dir()
                          or (PACKAGE / f"{alias.name}.py").is_file()]
    return found


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{line}"


def test_every_part_of_qdesk_has_a_place_in_the_layers():
    assert {_part(p) for p in _modules()} <= set(ALLOWED)


def test_no_import_crosses_the_layers_the_wrong_way():
    wrong = []
    for path in _modules():
        part = _part(path)
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if not module.startswith("qdesk"):
                continue
            target = _part_of(module)
            if target is not None and target != part and target not in ALLOWED.get(part, set()):
                wrong.append(f"{_where(path, line)}: {part} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_qt_is_imported_only_in_gui():
    wrong = [f"{_where(path, line)}: {module}" for path in _modules() if _part(path) != "gui"
             for line, module in _imports(ast.parse(path.read_text(encoding="utf-8")))
             if module.split(".")[0] in ("PySide6", "shiboken6")]
    assert not wrong, "\n".join(wrong)


def _sql_outside_store() -> list[str]:
    wrong = []
    for path in _modules():
        if _part(path) == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and SQL.match(node.value):
                wrong.append(f"{_where(path, node.lineno)}: {node.value[:60]!r}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in DATABASE_CALLS:
                wrong.append(f"{_where(path, node.lineno)}: .{node.func.attr}(…)")
    return wrong


def test_sql_is_written_only_in_store():
    wrong = _sql_outside_store()
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("text", ["SELECT * FROM units", "  INSERT INTO audit (at) VALUES (?)",
                                  "UPDATE entries SET value = 1", "DELETE FROM packages WHERE id = ?",
                                  "PRAGMA user_version", "INSERT OR REPLACE INTO settings"])
def test_the_sql_pattern_knows_sql_when_it_sees_it(text):
    assert SQL.match(text)


def test_the_sql_pattern_leaves_prose_alone():
    for text in ("Create a database from a plan template", "Update the figures", "Select a unit"):
        assert not SQL.match(text)

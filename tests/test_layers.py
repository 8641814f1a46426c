"""The layers point one way (README, "Architecture"): these checks fail the run the moment one is broken.

The contracts themselves are declared in ``pyproject.toml`` ([tool.importlinter]): handlers -> jobs ->
context -> storage -> domain, the domain without Telegram or SQL, reports a leaf, flow modules independent.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "reports")
# SQL as this project writes it: keywords in capitals (so a sentence that starts "Create a register from ..." in
# the demo's texts is not taken for a statement).
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|WITH)\b")
DATABASE_CALLS = {"execute", "executemany", "executescript", "fetch_all", "fetch_one", "fetch_value"}


def _product_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_every_import_contract_is_kept(capsys) -> None:
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert printed.count(" KEPT") >= 6


def test_no_circle_of_imports() -> None:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    circles = sorted(
        f"{module} -> {imported}"
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.split(".")[0] in PACKAGES and graph.chain_exists(importer=imported, imported=module)
        and not module.startswith(imported + ".") and not imported.startswith(module + ".")
    )
    assert circles == []


def test_sql_only_in_storage() -> None:
    offenders = []
    for path in _product_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("bot/storage/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value) \
                    and " " in node.value.strip() and any(w in node.value.upper() for w in (" FROM ", " INTO ",
                                                                                         " SET ", " TABLE ")):
                offenders.append(f"{relative}:{node.lineno} SQL text")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in DATABASE_CALLS:
                offenders.append(f"{relative}:{node.lineno} .{node.func.attr}()")
    assert offenders == []

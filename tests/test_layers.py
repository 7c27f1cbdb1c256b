"""The architecture's import rules, checked on the source: layers only import downwards.

api, sandbox and credentials know no Qt; models know no widgets; only ui (and
the entry point's lazy imports of ui) touch QtWidgets; the sandbox is an
independent oracle and never imports the client it tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "token_desk"

FORBIDDEN = {
    "api": ("PySide6", "token_desk.ui", "token_desk.models", "token_desk.sandbox", "token_desk.credentials"),
    "sandbox": ("PySide6", "token_desk.api", "token_desk.ui", "token_desk.models", "token_desk.credentials"),
    "credentials": ("PySide6", "token_desk.ui", "token_desk.models"),
    "models": ("PySide6.QtWidgets", "token_desk.ui", "token_desk.credentials", "token_desk.sandbox"),
    "tasks.py": ("PySide6.QtWidgets", "PySide6.QtGui", "token_desk.ui"),
    "revocation.py": ("PySide6",),
    "cancellation.py": ("PySide6", "token_desk.ui"),
    "connection.py": ("PySide6",),
    "paths.py": ("PySide6",),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def files_of(layer: str) -> list[Path]:
    target = PACKAGE / layer
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down_only(layer: str) -> None:
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files_of(layer)
        for name in sorted(imported_modules(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert not offences, "\n".join(offences)


def test_only_ui_imports_qtwidgets_at_module_level() -> None:
    """Outside ui, QtWidgets may appear only inside functions (the entry point's lazy imports)."""
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        # devtools (the screenshot maker) drives whole windows; it is not part of the app's layers.
        if {"ui", "devtools"} & set(path.relative_to(PACKAGE).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if module and "QtWidgets" in module:
                    offences.append(str(path.relative_to(PACKAGE)))
    assert not offences, offences

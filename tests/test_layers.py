"""The architecture's import rules, checked on the source: layers only import downwards.

api, sandbox and credentials know no Qt; models know no widgets; only ui (and
the entry point's lazy imports of ui) touch QtWidgets; the sandbox is an
independent oracle and never imports the client it tests. Inside ui, each feature
package (tokens, revoke, connections, shell, and those to come) uses ui/common
freely but another feature only through that package's __init__.
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
    "environment.py": ("PySide6", "token_desk"),
    "quit_signals.py": ("PySide6.QtWidgets", "PySide6.QtGui", "token_desk.ui"),
    # The UI gets the demo server and its parts passed in from the entry point (app.py).
    "ui": ("token_desk.app", "token_desk.sandbox", "token_desk.devtools", "token_desk.selftest",
           "token_desk.__main__"),
    "atomic_write.py": ("PySide6", "token_desk"),
    "history": ("PySide6", "token_desk.ui", "token_desk.models", "token_desk.sandbox", "token_desk.credentials"),
    "export": ("PySide6", "token_desk.ui", "token_desk.models", "token_desk.sandbox", "token_desk.credentials"),
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


UI = PACKAGE / "ui"


def ui_imports(path: Path) -> list[str]:
    """Every token_desk.ui module `path` imports, as written: `from token_desk.ui.tokens import TokenPage`
    is the package token_desk.ui.tokens; `from token_desk.ui import revoke` is token_desk.ui.revoke."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("token_desk.ui")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "token_desk.ui":
            found += [f"token_desk.ui.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("token_desk.ui."):
            found.append(node.module)
    return found


def feature_rule_offence(feature: str, module: str) -> str | None:
    """Why `feature` may not import `module`, or None when it may."""
    parts = module.split(".")  # token_desk, ui, <package>, <module>...
    if len(parts) < 3 or parts[2] in (feature, "common"):
        return None
    if feature == "common":
        return "ui/common is shared by every feature and imports none"
    if len(parts) > 3:
        return f"reaches into {'.'.join(parts[2:])}; import it from token_desk.ui.{parts[2]} (its __init__)"
    return None


def ui_packages() -> list[str]:
    return sorted(path.name for path in UI.iterdir() if (path / "__init__.py").is_file())


@pytest.mark.parametrize("feature", ui_packages())
def test_ui_features_use_each_other_only_through_their_package(feature: str) -> None:
    offences = [
        f"{path.relative_to(PACKAGE)} imports {module}: {why}"
        for path in sorted((UI / feature).rglob("*.py"))
        for module in ui_imports(path)
        if (why := feature_rule_offence(feature, module)) is not None
    ]
    assert not offences, "\n".join(offences)


def test_ui_has_no_loose_modules() -> None:
    """Every UI module belongs to a feature package (or ui/common), so each rule has one home."""
    assert sorted(path.name for path in UI.glob("*.py")) == ["__init__.py"]


def test_the_feature_rule_catches_a_reach_into_another_package() -> None:
    assert feature_rule_offence("revoke", "token_desk.ui.tokens.details_dialog") is not None
    assert feature_rule_offence("revoke", "token_desk.ui.tokens") is None
    assert feature_rule_offence("common", "token_desk.ui.tokens") is not None
    assert feature_rule_offence("shell", "token_desk.ui.common.icons") is None

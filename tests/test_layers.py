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
    "lazy_exports.py": ("PySide6", "token_desk"),
    "history": ("PySide6", "token_desk.ui", "token_desk.models", "token_desk.sandbox", "token_desk.credentials"),
    "findings": ("PySide6", "token_desk.ui", "token_desk.models", "token_desk.sandbox", "token_desk.credentials"),
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


# ---- no import circles, type-only and lazy imports included ---------------------------------------------------
def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def nearest_module(name: str) -> str | None:
    """`token_desk.ui.tokens.TokenPage` is the module token_desk.ui.tokens; a name outside the package is None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def module_imports(name: str) -> set[str]:
    """The token_desk modules `name` imports anywhere in its text (under TYPE_CHECKING and in functions too)."""
    path, found = MODULES[name], set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(nearest_module(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            found.update(nearest_module(f"{base}.{alias.name}") for alias in node.names)
    return found - {None, name}


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_no_import_circle_anywhere_in_the_package() -> None:
    graph = {name: module_imports(name) for name in MODULES}
    assert import_circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert import_circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_circles({"a": {"b"}, "b": set()}) == []


def test_only_the_builder_and_the_entry_point_name_the_main_window() -> None:
    allowed = {"token_desk.ui.shell.window_builder", "token_desk.app", "token_desk.ui.shell.main_window"}
    naming = sorted(name for name in MODULES if "token_desk.ui.shell.main_window" in module_imports(name))
    assert set(naming) <= allowed, naming


# ---- the product carries no test or benchmark code ----------------------------------------------------------
FAULT_SWITCHES = ("fail_next_revokes", "fail_next_requests", "invalid_json_next", "drop_next_answers", "hang_next",
                  "hold_next", "release_held", "chaos", "delay_ms", "--delay-ms", "--fail-revokes", "--invalid-json")


def test_nothing_in_the_package_imports_tests_or_benchmarks() -> None:
    """The packaged app is what desktop/token_desk imports: tests/ and benchmarks/ must stay outside it
    (build.spec also excludes them by name)."""
    offences = [f"{path.relative_to(PACKAGE)} imports {name}"
                for path in sorted(PACKAGE.rglob("*.py")) for name in sorted(imported_modules(path))
                if name.split(".")[0] in ("tests", "benchmarks", "conftest", "pytest", "pytestqt")]
    assert not offences, "\n".join(offences)


def test_the_product_sandbox_has_no_fault_switches() -> None:
    """Misbehaviour on demand lives in tests/sandbox/faults.py, reaching the sandbox through its interceptor."""
    offences = [f"{path.relative_to(PACKAGE)} says {switch!r}"
                for path in sorted(PACKAGE.rglob("*.py")) for switch in FAULT_SWITCHES
                if switch in path.read_text(encoding="utf-8")]
    assert not offences, "\n".join(offences)
    assert not (PACKAGE / "sandbox" / "faults.py").exists()

"""Code that knows where it runs: each per-system branch, asked on Linux as Windows and macOS would ask it,
and a guard that no Linux-only path or service is used without asking first."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from tests.tools import REPO_ROOT
from token_desk import system
from token_desk.api.influxctl.locate import find_influxctl, program_file_name, usual_locations

PACKAGE = REPO_ROOT / "desktop" / "token_desk"
LINUX_ONLY = ("/dev/fd", "/proc", "/tmp", "dbus")
# What counts as asking the system first, in the function that uses a Linux-only path or service.
SYSTEM_CHECKS = ("sys.platform", "platform.startswith(", "platform ==", "system.is_", "system.has_", "is_windows(",
                 "is_macos(", "is_linux(", "has_dev_fd(", "has_unix_permissions(", "pipes_work(", "os.name")
# Mentions that use nothing of the system, each with the reason.
NOT_A_USE = {
    ("credentials/secret_store.py", "DBusConnection"):
        "the class name of an exception a Secret Service backend raises, recognised by name; nothing is called",
}


def make_program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


# ---- influxctl's program name and where it is looked for ---------------------------------------------------

@pytest.mark.parametrize(("platform", "name"), [("win32", "influxctl.exe"), ("darwin", "influxctl"),
                                                ("linux", "influxctl")])
def test_influxctl_program_name_per_system(platform, name) -> None:
    assert program_file_name(platform) == name
    assert {path.name for path in usual_locations(platform, {}, Path("/home/ada"))} == {name}


def test_on_windows_path_lookup_finds_influxctl_exe_and_not_a_bare_influxctl(tmp_path) -> None:
    make_program(tmp_path / "first", "influxctl")  # a Unix build someone unpacked: not runnable on Windows
    exe = make_program(tmp_path / "second", "influxctl.exe")
    path = os.pathsep.join([str(tmp_path / "first"), str(tmp_path / "second")])
    found = find_influxctl(environ={"PATH": path}, platform="win32", home=tmp_path)
    assert found.command == (str(exe),)
    assert find_influxctl(environ={"PATH": path}, platform="linux", home=tmp_path).command == (
        str(tmp_path / "first" / "influxctl"),)


def test_on_windows_the_usual_install_folder_is_found(tmp_path) -> None:
    exe = make_program(tmp_path / "Programs" / "influxctl", "influxctl.exe")
    found = find_influxctl(environ={"PATH": "", "LOCALAPPDATA": str(tmp_path)}, platform="win32", home=tmp_path)
    assert found.command == (str(exe),)


def test_macos_looks_in_homebrew_first() -> None:
    assert usual_locations("darwin", {}, Path("/Users/ada"))[0] == Path("/opt/homebrew/bin/influxctl")
    assert Path("/opt/homebrew/bin/influxctl") not in usual_locations("linux", {}, Path("/home/ada"))


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_lookup_order_is_the_same_everywhere(tmp_path, platform) -> None:
    on_path = make_program(tmp_path / "bin", program_file_name(platform))
    environ = {"PATH": str(tmp_path / "bin"), "TOKEN_DESK_INFLUXCTL": "/from/variable"}
    assert find_influxctl("/from/option", "/from/setting", environ=environ, platform=platform).label == "/from/option"
    assert find_influxctl(None, "/from/setting", environ=environ, platform=platform).label == "/from/variable"
    del environ["TOKEN_DESK_INFLUXCTL"]
    assert find_influxctl(None, "/from/setting", environ=environ, platform=platform).label == "/from/setting"
    assert find_influxctl(None, None, environ=environ, platform=platform).label == str(on_path)


# ---- the system's own answers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("platform", "dev_fd", "permissions"), [("linux", True, True), ("darwin", True, True),
                                                                ("win32", False, False)])
def test_what_each_system_has(monkeypatch, platform, dev_fd, permissions) -> None:
    monkeypatch.setattr(system, "PLATFORM", platform)
    assert system.has_dev_fd() is dev_fd
    assert system.has_unix_permissions() is permissions


def test_owner_only_permissions_are_set_where_the_system_has_them(tmp_path, monkeypatch) -> None:
    path = tmp_path / "private.toml"
    path.write_text("x")
    path.chmod(0o644)
    monkeypatch.setattr(system, "PLATFORM", "darwin")
    assert system.restrict_to_owner(path) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_on_windows_permissions_are_skipped_without_an_error(tmp_path, monkeypatch) -> None:
    path = tmp_path / "private.toml"
    path.write_text("x")
    path.chmod(0o644)
    monkeypatch.setattr(system, "PLATFORM", "win32")
    assert system.restrict_to_owner(path) is False  # a file in the user's profile is private there already
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# ---- no Linux-only path or service without asking the system first ---------------------------------------

def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            found.add(id(body[0].value))
    return found


def _mentions(text: str) -> bool:
    return any(word in text.lower() for word in LINUX_ONLY)


def unchecked_uses(sources: dict[str, str]) -> list[str]:
    """`file:line: text` of every Linux-only path or service (a string, or a module constant holding one) used in
    a function that does not ask the system first, or outside any function."""
    trees = {name: ast.parse(source) for name, source in sources.items()}
    constants = {target.id for tree in trees.values() for node in tree.body if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant)
                 and isinstance(node.value.value, str) and _mentions(node.value.value)}
    problems: list[tuple[str, int, str]] = []
    for name, tree in trees.items():
        docstrings, lines = _docstrings(tree), sources[name].splitlines()
        for function in [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            text = "\n".join(lines[function.body[0].lineno - 1:function.end_lineno])  # the body, not its name
            checked = any(check in text for check in SYSTEM_CHECKS)
            for node in ast.walk(function):
                used = _used_text(node, docstrings, constants)
                if used and not checked:
                    problems.append((name, node.lineno, used))
        problems += [(name, sub.lineno, used) for node in tree.body if not _defines_a_constant(node)
                     and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                     for sub in ast.walk(node) if (used := _used_text(sub, docstrings, constants))]
    return sorted({f"{name}:{line}: {used}" for name, line, used in problems if (name, used) not in NOT_A_USE})


def _defines_a_constant(node: ast.AST) -> bool:
    """`NAME = "text"` names a path or variable for later; its uses are checked where they are."""
    return isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)


def _used_text(node: ast.AST, docstrings: set[int], constants: set[str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
            and _mentions(node.value):
        return node.value
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
    return name if name in constants else None


def package_sources() -> dict[str, str]:
    return {path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_linux_only_path_or_service_is_used_behind_a_system_check() -> None:
    sources = package_sources()
    assert unchecked_uses(sources) == []
    # The guard sees the uses there are: way a's /dev/fd and the D-Bus session bus variable.
    assert "/dev/fd" in sources["system.py"] and "DBUS_SESSION_BUS_ADDRESS" in sources["environment.py"]


def test_the_guard_catches_an_unchecked_use() -> None:
    sources = {
        "a.py": 'def read_maps():\n    return open("/proc/self/maps").read()\n',
        "b.py": 'BUS = "DBUS_SESSION_BUS_ADDRESS"\n\ndef bus(environ):\n    return environ[BUS]\n',
        "c.py": 'import sys\n\ndef scratch():\n    if sys.platform.startswith("linux"):\n        return "/tmp"\n',
        "d.py": 'SCRATCH = open("/tmp/x")\n',
    }
    assert unchecked_uses(sources) == ["a.py:2: /proc/self/maps", "b.py:4: BUS", "d.py:1: /tmp/x"]

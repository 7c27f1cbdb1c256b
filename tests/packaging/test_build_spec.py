"""build.spec per system, read as PyInstaller reads it but with its build steps recorded instead of run: the
macOS bundle and the Windows executable cannot be built on Linux, so what the spec asks PyInstaller for is
checked here (the release workflow builds and runs them on their systems; test_packaged_app builds Linux)."""

from __future__ import annotations

import ast
import os
import plistlib
import sys
import tomllib
import types
from pathlib import Path

import pytest
import PyInstaller.compat
from PyInstaller.depend import bindepend

from tests.tools import REPO_ROOT

SPEC = REPO_ROOT / "build.spec"
SPEC_WORKPATH = REPO_ROOT / "build" / "spec-test"  # where the spec writes what it prepares (PyInstaller's workpath)
VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


QT_IN_BUNDLE = {"win32": "PySide6/", "darwin": "PySide6/Qt/", "linux": "PySide6/Qt/"}
UNUSED_GIF_PLUGIN = {"win32": "qgif.dll", "darwin": "libqgif.dylib", "linux": "libqgif.so"}


RUNTIME_HOOKS_FOUND = ("pyi_rth_inspect", "pyi_rth_pkgutil", "pyi_rth_pyside6")
MAIN_SCRIPT = ("__main__", "/nonexistent", "PYSOURCE")


class Recorded:
    def __init__(self, step: str, args: tuple, kwargs: dict) -> None:
        self.step, self.args, self.kwargs = step, args, kwargs


def read_spec(monkeypatch, platform: str, environ: dict[str, str] | None = None) -> dict[str, Recorded]:
    """Run build.spec as `platform` would; returns each PyInstaller build step it called, by name."""
    return spec_namespace(monkeypatch, platform, environ)["recorded steps"]


def spec_namespace(monkeypatch, platform: str, environ: dict[str, str] | None = None) -> dict:
    """Everything build.spec defines when run as `platform` would, with its build steps under "recorded steps"."""
    steps: dict[str, Recorded] = {}
    namespace: dict = {"SPECPATH": str(REPO_ROOT), "__file__": str(SPEC), "recorded steps": steps,
                       "workpath": str(SPEC_WORKPATH)}

    def analysis(*args, **kwargs):
        # What PyInstaller's Qt hooks collect, where they put it on `platform` (its qt_rel_dir rule).
        qt = QT_IN_BUNDLE[platform]
        plugins = [(qt + "plugins/" + name, "/nonexistent", "BINARY") for name in namespace["REQUIRED_QT_PLUGINS"]]
        unused = [(qt + "plugins/imageformats/" + UNUSED_GIF_PLUGIN[platform], "/nonexistent", "BINARY")]
        translations = [(qt + "translations/qtbase_de.qm", "/nonexistent", "DATA")]
        steps["Analysis"] = Recorded("Analysis", args, kwargs)
        # PyInstaller's own run-time hooks for what it found, then the app's script.
        scripts = [(name, "/nonexistent", "PYSOURCE") for name in RUNTIME_HOOKS_FOUND] + [MAIN_SCRIPT]
        return types.SimpleNamespace(binaries=plugins + unused, datas=translations, pure=[], scripts=scripts)

    def record(step):
        return lambda *args, **kwargs: steps.setdefault(step, Recorded(step, args, kwargs))

    namespace.update(Analysis=analysis, PYZ=record("PYZ"), EXE=record("EXE"), COLLECT=record("COLLECT"),
                     BUNDLE=record("BUNDLE"))
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(bindepend, "get_imports", lambda path: [])  # no binaries to read: the paths are made up
    # PyInstaller's version-resource classes import pefile and win32api, which only a Windows build has.
    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    for name in ("TOKEN_DESK_ONEFILE", "TOKEN_DESK_CONSOLE", "TOKEN_DESK_CODESIGN_IDENTITY", "TOKEN_DESK_ENTITLEMENTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (environ or {}).items():
        monkeypatch.setenv(name, value)
    exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), namespace)
    return namespace


def test_macos_builds_an_app_bundle_people_can_open(monkeypatch) -> None:
    steps = read_spec(monkeypatch, "darwin")
    bundle = steps["BUNDLE"].kwargs
    assert bundle["name"] == "Token Desk.app" and bundle["bundle_identifier"] == "io.github.token-desk"
    assert bundle["version"] == VERSION
    assert Path(bundle["icon"]).suffix == ".icns" and Path(bundle["icon"]).read_bytes()[:4] == b"icns"
    info = bundle["info_plist"]
    assert info["NSHighResolutionCapable"] is True and info["LSMinimumSystemVersion"] == "13.0"
    assert info["CFBundleShortVersionString"] == VERSION and info["NSRequiresAquaSystemAppearance"] is False
    plistlib.dumps(info)  # every value is one Info.plist can hold
    assert steps["EXE"].kwargs["codesign_identity"] is None  # unsigned (ad hoc) unless configured
    assert steps["EXE"].kwargs["console"] is False


def test_macos_signs_with_the_identity_and_entitlements_from_the_environment(monkeypatch) -> None:
    identity = "Developer ID Application: Example (ABCDE12345)"
    exe = read_spec(monkeypatch, "darwin", {"TOKEN_DESK_CODESIGN_IDENTITY": identity}).get("EXE").kwargs
    assert exe["codesign_identity"] == identity
    entitlements = plistlib.loads(Path(exe["entitlements_file"]).read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
    chosen = read_spec(monkeypatch, "darwin", {"TOKEN_DESK_CODESIGN_IDENTITY": identity,
                                                "TOKEN_DESK_ENTITLEMENTS": "/signing/app.plist"})["EXE"].kwargs
    assert chosen["entitlements_file"] == "/signing/app.plist"


def test_windows_builds_a_windowed_exe_with_icon_and_version_resource(monkeypatch) -> None:
    steps = read_spec(monkeypatch, "win32")
    exe = steps["EXE"].kwargs
    assert exe["console"] is False and exe["name"] == "token-desk"
    assert Path(exe["icon"]).suffix == ".ico" and Path(exe["icon"]).read_bytes()[:4] == b"\0\0\1\0"
    resource = exe["version"]
    numbers = tuple(int(part) for part in VERSION.split(".")) + (0,) * (4 - len(VERSION.split(".")))
    assert f"filevers={numbers}" in str(resource) and f"prodvers={numbers}" in str(resource)
    strings = {item.name: item.val for item in resource.kids[0].kids[0].kids}
    assert strings["ProductName"] == "Token Desk" and strings["FileVersion"] == VERSION
    assert strings["OriginalFilename"] == "token-desk.exe"
    assert len(resource.toRaw()) > 0  # PyInstaller can write it into the executable
    assert "BUNDLE" not in steps and "codesign_identity" not in exe


def test_linux_stays_as_it_was(monkeypatch) -> None:
    steps = read_spec(monkeypatch, "linux")
    exe = steps["EXE"].kwargs
    assert exe["icon"] is None and exe["strip"] is True and "version" not in exe
    assert "BUNDLE" not in steps and steps["COLLECT"].kwargs["name"] == "token-desk"


@pytest.mark.parametrize(("version", "numbers"), [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)),
                                                  ("2.0", (2, 0, 0, 0))])
def test_windows_version_numbers(monkeypatch, version, numbers) -> None:
    assert spec_namespace(monkeypatch, "win32")["version_numbers"](version) == numbers


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_each_system_finds_its_qt_plugins_and_leaves_out_the_unused_ones(monkeypatch, platform) -> None:
    """Windows bundles keep Qt in PySide6/, the others in PySide6/Qt/: a check of the wrong folder would fail
    the build (no plugins) or keep what the app never loads."""
    spec = spec_namespace(monkeypatch, platform)  # check_required_plugins() raises SystemExit when one is missing
    kept = [entry[0] for entry in spec["a"].binaries + spec["a"].datas]
    assert not any("qgif" in path or "translations" in path for path in kept)
    assert len(kept) == len(spec["REQUIRED_QT_PLUGINS"])


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_no_system_s_build_takes_in_the_tests_or_benchmarks_support_code(monkeypatch, platform) -> None:
    """The sandbox's fault switches live in tests/: even a stray import must not carry them into the app."""
    analysis = read_spec(monkeypatch, platform)["Analysis"].kwargs
    assert {"tests", "benchmarks", "pytest"} <= set(analysis["excludes"])
    # the only source folder of the checkout the build searches; the other is shiboken's own package
    assert analysis["pathex"] == [str(REPO_ROOT / "desktop"), str(SPEC_WORKPATH / "shiboken-support")]


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_shiboken_s_support_modules_go_into_the_archive_and_the_marker_that_makes_shiboken_use_them(
        monkeypatch, platform) -> None:
    """Without them shiboken compiles its embedded copies at every start (about 25 ms before the window)."""
    spec = spec_namespace(monkeypatch, platform)
    hidden = spec["recorded steps"]["Analysis"].kwargs["hiddenimports"]
    assert {"shibokensupport", "shibokensupport.signature.loader", "shibokensupport.signature.lib.tool"} <= set(hidden)
    assert all((SPEC_WORKPATH / "shiboken-support" / (name.replace(".", "/"))).exists()
               or (SPEC_WORKPATH / "shiboken-support" / (name.replace(".", "/") + ".py")).is_file()
               for name in hidden if name.startswith("shibokensupport"))
    marker = [entry for entry in spec["DATAS"] if entry[1] == "shiboken6/files.dir"]
    assert [Path(source).is_file() for source, _ in marker] == [True]


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_no_process_of_the_app_imports_qt_or_unused_modules_before_its_own_code_runs(monkeypatch, platform) -> None:
    """PyInstaller's PySide6 hook imported QtCore in every process, the influxctl emulator's too (twice at each
    demo start), and its inspect and pkgutil hooks imported zipfile (reading base_library.zip's directory) and
    pkgutil there; the app's own hook only names the plugin folder, and the app's code runs first."""
    steps = read_spec(monkeypatch, platform)
    hooks = steps["Analysis"].kwargs["runtime_hooks"]
    assert [Path(hook).name for hook in hooks] == ["pyi_rth_qt_plugins.py"] and all(Path(h).is_file() for h in hooks)
    scripts = [entry[0] for entry in steps["EXE"].args[1]]
    assert scripts == ["__main__"]
    assert "multiprocessing" in steps["Analysis"].kwargs["excludes"]


def test_the_qt_plugin_hook_points_qt_at_the_bundled_plugins(monkeypatch, tmp_path) -> None:
    hook = REPO_ROOT / "packaging" / "pyi_rth_qt_plugins.py"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_PLUGIN_PATH", "elsewhere")  # restored after the test
    exec(compile(hook.read_text("utf-8"), str(hook), "exec"), {})
    assert os.environ["QT_PLUGIN_PATH"] == str(tmp_path / "PySide6" / "Qt" / "plugins")
    imported = {alias.name for node in ast.walk(ast.parse(hook.read_text("utf-8"))) if isinstance(node, ast.Import)
                for alias in node.names}
    assert imported == {"os", "sys"}  # no Qt: that is why it replaces PyInstaller's hook


def lazily_named_modules() -> set[str]:
    """Every module a package's lazy_exports table names (imported at a name's first use, through importlib)."""
    import importlib

    package_root = REPO_ROOT / "desktop" / "token_desk"
    modules: set[str] = set()
    for path in package_root.rglob("__init__.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "lazy_exports":
                package = ".".join(path.parent.relative_to(package_root.parent).parts)
                modules |= set(getattr(importlib.import_module(package), node.args[1].id))
    return modules


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_analysis_is_given_every_module_of_the_app_the_lazily_imported_ones_included(monkeypatch, platform):
    """A module named only through importlib is invisible to the analysis, and the packaged app then fails
    where it is first used (the Import from influxctl dialog once did): the spec names the whole package
    from its files, so a module added tomorrow is bundled too. The packaged test checks the built bundle."""
    hidden = set(read_spec(monkeypatch, platform)["Analysis"].kwargs["hiddenimports"])
    package_root = REPO_ROOT / "desktop" / "token_desk"
    files = {".".join(path.relative_to(package_root.parent).with_suffix("").parts)
             for path in package_root.rglob("*.py")}
    lazily_named = lazily_named_modules()
    assert len(lazily_named) >= 10 and lazily_named <= hidden  # read right: the tables hold many modules
    assert {"token_desk.sandbox.influxctl.cli", "token_desk.credentials.influxctl_import"} <= hidden
    expected = {name.removesuffix(".__init__") for name in files
                if not name.endswith("__main__") and not name.startswith("token_desk.devtools")}
    assert expected <= hidden
    assert not any(name.startswith("token_desk.devtools") or name.endswith("__main__") for name in hidden)

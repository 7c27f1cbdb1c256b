"""Build-time helper for build.spec: shiboken's own Python modules, byte-compiled into the app's archive.

The first PySide6 import of every start runs shiboken's signature bootstrap. By default it base64-decodes a zip
embedded in the Shiboken library and compiles the 13 modules of its `shibokensupport` package from source with
compile(), every time: about 25 ms of CPU before any window (a quarter of `import shiboken6` in the bundle,
profiled). PySide6 has a second way in: when a folder named `files.dir` exists beside the shiboken6 package
(what its SBK_EMBED=0 switch writes), the bootstrap imports `shibokensupport` through the ordinary import
system instead. So the build extracts the package from the installed shiboken6, the spec puts it into the PYZ
archive like any other module (unmarshalled, never compiled, at start), and ships a `shiboken6/files.dir`
holding only a note, which switches the bootstrap to them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PACKAGE = "shibokensupport"
# What makes the bootstrap take the import-system path: the folder must exist; its content is not read.
FILES_DIR = "shiboken6/files.dir"
NOTE = Path(__file__).with_name("shibokensupport-is-in-the-archive.txt")


def extract_shiboken_support(target: Path) -> list[str]:
    """Writes the installed shiboken6's `shibokensupport` sources under `target`; returns the module names.

    Raises SystemExit when this shiboken6 keeps them some other way: a PySide6 upgrade must be looked at, not
    silently ship a bundle that compiles them again at every start."""
    import shiboken6  # the build's own PySide6, the one PyInstaller bundles

    loaded = sys.modules.get(PACKAGE + ".signature.loader")
    embedded = getattr(getattr(loaded, "__loader__", None), "zfile", None)  # signature_bootstrap's zip importer
    files_dir = Path(shiboken6.__file__).resolve().parent / "files.dir"
    if target.exists():
        shutil.rmtree(target)
    if embedded is not None:
        embedded.extractall(target, members=[name for name in embedded.namelist()
                                             if name.startswith(PACKAGE + "/") and name.endswith(".py")])
    elif (files_dir / PACKAGE).is_dir():  # an installation that already had its files written out
        shutil.copytree(files_dir / PACKAGE, target / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        raise SystemExit(f"build.spec: cannot find shiboken6 {shiboken6.__version__}'s {PACKAGE} modules; "
                         "see packaging/shiboken_support.py")
    return sorted(module_name(path.relative_to(target)) for path in target.rglob("*.py"))


def module_name(relative: Path) -> str:
    parts = relative.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

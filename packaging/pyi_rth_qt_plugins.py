"""PyInstaller run-time hook: where Qt finds its plugins in the bundle, set without importing Qt.

It stands in for PyInstaller's own pyi_rth_pyside6, which build.spec leaves out: that hook imports
PySide6.QtCore (shiboken and the signature loader, about 0.1 s of CPU) in every process the app starts,
before the app's code runs. The demo's and the self-test's influxctl is the app itself re-invoked with
--influxctl-emulator, twice at each start, never using Qt, and those processes competed with the window's
first paint for the CPU. What the Qt hook did beyond this folder, this app does not need: QML import paths
(no QML), OpenSSL on PATH for QtNetwork (excluded), and a qt.conf for a PySide6 that makes none (the PyPI
wheels make their own when QtCore is imported).
"""

import os
import sys


def _point_qt_at_its_plugins() -> None:
    # PyInstaller's qt_rel_dir: Windows wheels keep Qt in PySide6/, the others in PySide6/Qt/.
    qt = ("PySide6",) if sys.platform == "win32" else ("PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, *qt, "plugins")


_point_qt_at_its_plugins()
del _point_qt_at_its_plugins

"""Guards the PySide6 pin (<6.12) in pyproject.toml.

Measured here: PySide6 6.12.0 on Python 3.11 drops one reference to None each
time Qt calls a Python override that returns None; after tens of thousands of
calls the interpreter aborts ("deallocating None"). A Token Desk table answers
None for many roles of many cells, so this would crash a real session. If an
upgrade brings the leak back, this test fails instead of users' windows.

The calls run in a child interpreter so that the abort itself becomes a
readable test failure rather than killing the test run.
"""

import os
import subprocess
import sys

CALLS = 20_000

_CHILD = f"""
import sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

class NoneAnsweringModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3
    def data(self, index, role=Qt.DisplayRole):
        return None

source = NoneAnsweringModel()
proxy = QSortFilterProxyModel()
proxy.setSourceModel(source)
index = proxy.index(3, 1)
before = sys.getrefcount(None)
for _ in range({CALLS} // 2):
    proxy.data(index, Qt.ToolTipRole)
    proxy.data(index, Qt.DecorationRole)
print(before - sys.getrefcount(None))
"""


def test_none_returned_from_data_through_a_proxy_keeps_its_references():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, env=env, timeout=120)
    assert child.returncode == 0, f"interpreter died after Qt called data() returning None: {child.stderr[-500:]}"
    lost = int(child.stdout.strip())
    # A leak of one reference per call would lose about CALLS references.
    assert lost < 100, f"None lost {lost} references over {CALLS} data() calls"

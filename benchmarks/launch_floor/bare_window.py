"""The start-up benchmarks' floor: a bare PySide6 window of Token Desk's shape (menu bar, toolbar with a search
box, a list beside a table, status bar). `cold_start.py` builds it in a fresh process; `launch_bench.py` runs
this file from source and packaged by PyInstaller with its defaults, shown until the benchmark ends it: what
any PySide6 app of this shape pays to its first paint."""

import sys

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QMainWindow, QSplitter, QTableView


def bare_window() -> QMainWindow:
    window = QMainWindow()
    for title in ("File", "Edit", "View", "Token", "Help"):
        window.menuBar().addMenu(title).addAction("Item")
    bar = window.addToolBar("tools")
    for text in ("Refresh", "New", "Revoke"):
        bar.addAction(text)
    bar.addWidget(QLineEdit())
    splitter = QSplitter()
    splitter.addWidget(QListWidget())
    table = QTableView()
    table.setModel(QStandardItemModel(0, 8))
    splitter.addWidget(table)
    window.setCentralWidget(splitter)
    window.statusBar().showMessage("Ready")
    window.resize(1240, 720)
    return window


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = bare_window()
    window.show()
    sys.exit(app.exec())

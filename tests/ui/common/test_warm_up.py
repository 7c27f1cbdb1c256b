"""The warm-up imports a command's modules off the GUI thread once the window is up; a missing one stops nothing."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject

from token_desk.ui.common import warm_up


def test_modules_are_imported_later_on_a_worker_thread(qtbot, tmp_path, monkeypatch):
    (tmp_path / "warm_probe.py").write_text(
        "import threading\nIMPORTED_ON = threading.current_thread()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(warm_up, "WARM_UP_DELAY_MS", 10)
    monkeypatch.delitem(sys.modules, "warm_probe", raising=False)
    owner = QObject()
    warm_up.warm_up_later(owner, ["no_such_module_anywhere", "warm_probe"])
    assert "warm_probe" not in sys.modules  # not during start-up: after the event loop has run
    qtbot.waitUntil(lambda: "warm_probe" in sys.modules and hasattr(sys.modules["warm_probe"], "IMPORTED_ON"))
    assert sys.modules["warm_probe"].IMPORTED_ON is not threading.main_thread()


"""The warm-up imports a command's modules off the GUI thread once the window is up; a missing one stops nothing."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, QThreadPool

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




def test_the_warm_up_waits_while_the_first_lists_load(qtbot, tmp_path, monkeypatch):
    (tmp_path / "warm_after_load.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(warm_up, "WARM_UP_DELAY_MS", 10)
    monkeypatch.setattr(warm_up, "BUSY_RECHECK_MS", 10)
    monkeypatch.delitem(sys.modules, "warm_after_load", raising=False)
    checks = []
    check = warm_up._when_idle
    monkeypatch.setattr(warm_up, "_when_idle", lambda *args: (checks.append(args[2]), check(*args)))
    loading = threading.Event()
    QThreadPool.globalInstance().start(lambda: loading.wait(30))  # a list still loading
    try:
        warm_up.warm_up_later(owner := QObject(), ["warm_after_load"])
        qtbot.waitUntil(lambda: len(checks) >= 3)  # it looked several times while the list loaded...
        assert "warm_after_load" not in sys.modules  # ...and imported nothing
    finally:
        loading.set()
    qtbot.waitUntil(lambda: "warm_after_load" in sys.modules)  # then, once the pool is idle, it does
    assert owner is not None


def test_look_ups_run_after_the_imports_and_a_failing_one_stops_nothing(qtbot, monkeypatch):
    monkeypatch.setattr(warm_up, "WARM_UP_DELAY_MS", 10)
    done = []

    def broken() -> None:
        raise OSError("unreadable")

    warm_up.warm_up_later(owner := QObject(), ["json"], also=[broken, lambda: done.append(threading.current_thread())])
    qtbot.waitUntil(lambda: bool(done))
    assert done[0] is not threading.main_thread() and owner is not None

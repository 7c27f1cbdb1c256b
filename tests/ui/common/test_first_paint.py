"""The window's first loads wait for its first paint (ui/common/first_paint.py), and never longer."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

from token_desk.ui.common.first_paint import after_first_paint


class PaintWatcher(QObject):
    def __init__(self, window) -> None:
        super().__init__()
        self.painted = False
        self._window = window

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow) and watched is self._window:
            self.painted = True
        return False


def test_a_shown_window_calls_back_once_it_has_been_drawn(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    watcher = PaintWatcher(window)
    QApplication.instance().installEventFilter(watcher)
    called = []
    try:
        after_first_paint(window, lambda: called.append(watcher.painted))
        window.show()
        qtbot.waitUntil(lambda: bool(called), timeout=5000)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert called == [True]
    window.update()
    qtbot.wait(50)
    from shiboken6 import delete

    delete(window)
    assert called == [True]  # once only, whatever happens later


def test_a_window_not_shown_calls_back_when_the_event_loop_runs(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    called = []
    after_first_paint(window, lambda: called.append(True))
    assert called == []
    qtbot.waitUntil(lambda: bool(called), timeout=5000)


def test_a_window_gone_before_the_event_loop_ran_calls_back(qtbot):
    from shiboken6 import delete

    window = QMainWindow()
    called = []
    after_first_paint(window, lambda: called.append(True))
    delete(window)  # closed and deleted before anything was drawn
    assert called == [True]
    qtbot.wait(50)
    assert called == [True]

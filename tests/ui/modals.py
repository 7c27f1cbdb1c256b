"""Plays the person at the app's modal dialogs: notes what each one says, then answers it by a button's text.

The app runs its dialogs and message boxes modally (exec()), so the test's own click or key press returns only
once someone has answered them. `modals_answered()` answers from inside that loop, on a short timer: it reads
each new modal window as a person would (its title, its labels, the rows of its lists), then presses the first
of `press` it shows, by its text; then its parent window is active again. A window that is still open after
its answer is closed and reported, so a broken dialog fails the test instead of hanging the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QTreeWidget, QWidget

DECLINE = ("Cancel", "Close", "OK")  # what a person answers to get out without doing anything
POLL_MS = 10
STUCK_AFTER_MS = 5_000


@dataclass(frozen=True)
class SeenDialog:
    """A modal window as a person read it before answering."""

    kind: str  # its class: "RevokeDialog", "QMessageBox", "TokenPrompt", …
    title: str
    texts: tuple[str, ...]  # every shown label, then every row of its lists (cells joined by tabs)
    answer: str | None  # the button pressed; None if none of `press` was there and it was rejected

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def shows(self, text: str) -> bool:
        """True if one of its labels or list cells reads exactly `text` (a token ID, a name…)."""
        return any(text == part for line in self.texts for part in line.split("\t"))


def read_window(window: QWidget, answer: str | None = None) -> SeenDialog:
    labels = [label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window) and label.text()]
    rows = [
        "\t".join(item.text(column) for column in range(tree.columnCount()))
        for tree in window.findChildren(QTreeWidget) if tree.isVisibleTo(window)
        for item in (tree.topLevelItem(index) for index in range(tree.topLevelItemCount()))
    ]
    return SeenDialog(type(window).__name__, window.windowTitle(), tuple(labels + rows), answer)


def button_named(window: QWidget, texts: Sequence[str]) -> QAbstractButton | None:
    """The first shown button reading one of `texts` (mnemonic ampersands ignored), in the order of `texts`."""
    buttons = [button for button in window.findChildren(QAbstractButton) if button.isVisibleTo(window)]
    for text in texts:
        for button in buttons:
            if button.text().replace("&", "") == text:
                return button
    return None


class ModalAnswerer(QObject):
    def __init__(self, press: Sequence[str], kinds: Sequence[str] | None) -> None:
        super().__init__()
        self.seen: list[SeenDialog] = []
        self.stuck: list[str] = []
        self._press, self._kinds = tuple(press), kinds
        # Wrappers held, compared with `is`: a new window never passes for a deleted one at the same address.
        self._already_open = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        self._answered: list[list] = []  # [window, ticks it has stayed open since its answer]
        self._timer = QTimer(self, interval=POLL_MS, timeout=self._answer_open_modal)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._give_activation_back()

    def _give_activation_back(self) -> None:
        """What a window manager does when a modal window closes: its parent window is active again (the
        offscreen platform has no window manager, and would leave the closed dialog "active", so the main
        window's shortcuts would not fire)."""
        for window, _ in self._answered:
            if QApplication.activeWindow() is window and not window.isVisible() and window.parentWidget():
                window.parentWidget().window().activateWindow()
                QApplication.processEvents()

    def _answer_open_modal(self) -> None:
        window = QApplication.activeModalWidget()
        if window is None or not window.isVisible() or any(window is w for w in self._already_open):
            return
        if self._kinds is not None and type(window).__name__ not in self._kinds:
            return  # another helper of the test answers this one
        answered = next((entry for entry in self._answered if entry[0] is window), None)
        if answered is not None:
            answered[1] += 1
            if answered[1] * POLL_MS >= STUCK_AFTER_MS:
                self.stuck.append(f"{type(window).__name__} {window.windowTitle()!r} stayed open after its answer")
                self._close(window)
            return
        button = button_named(window, self._press)
        self.seen.append(read_window(window, button.text().replace("&", "") if button else None))
        self._answered.append([window, 0])
        if button is not None:
            button.click()
        else:
            self._close(window)

    @staticmethod
    def _close(window: QWidget) -> None:
        if isinstance(window, QDialog):
            QDialog.done(window, QDialog.DialogCode.Rejected)  # the base class's: whatever its reject() does
        else:
            window.close()


@contextmanager
def modals_answered(press: Sequence[str] = DECLINE, kinds: Sequence[str] | None = None
                    ) -> Iterator[list[SeenDialog]]:
    """While inside, every modal window the app opens (of `kinds`, class names, if given) is read, then answered
    with the first of `press` it shows; yields the list of what was seen. Windows open before it started are
    left alone."""
    answerer = ModalAnswerer(press, kinds)
    try:
        yield answerer.seen
    finally:
        answerer.stop()
    assert not answerer.stuck, answerer.stuck


def close_answering(window: QWidget, answer: str) -> SeenDialog:
    """Close `window` as its title bar's X does and press `answer` in the one message box that asks first;
    a box without `answer` is closed instead (and so is any other), so the test fails rather than hangs."""
    with modals_answered(press=(answer,), kinds=("QMessageBox",)) as seen:
        window.close()
    assert [question.answer for question in seen] == [answer], seen
    return seen[0]

"""The status bar's permanent parts: busy indicator, row counts and last refresh time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QStatusBar, QToolButton

from token_desk.models.display import local_clock_time
from token_desk.ui.common.plain_text import plain_label

SEPARATOR = " · "


def counts_text(total: int, shown: int, inactive_hidden: int) -> str:
    """E.g. "18 tokens · 15 shown · 3 inactive hidden", or just "18 tokens" when all are shown."""
    parts = [f"{total} token" + ("" if total == 1 else "s")]
    if shown != total:  # "18 tokens · 18 shown" would say one fact twice
        parts.append(f"{shown} shown")
    if inactive_hidden:
        parts.append(f"{inactive_hidden} inactive hidden")
    return SEPARATOR.join(parts)


def clusters_text(count: int, finding: bool) -> str:
    """The Clusters page's count; while the account's clusters are still being found, that instead."""
    if finding and not count:
        return "Finding clusters…"
    return f"{count} cluster{'' if count == 1 else 's'}"


class ElidedMessage(QLabel):
    """The passing message, cut with "…" where the counts begin (QStatusBar's own drawing ran into them);
    the whole message is its tooltip and what a screen reader reads."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        self._full = ""

    @property
    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text or "No message")
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
                     if room > 0 else self._full)


class StatusLine:
    """Owns the widgets it adds to `bar`; the window feeds it facts, it says each once, with one separator.

    The connection is not repeated here: the toolbar's switcher (and the window title) already name it."""

    def __init__(self, bar: QStatusBar, cancel: QAction) -> None:
        self.bar = bar
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: we cannot know how long the server takes
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Loading tokens")
        self.busy.hide()
        self.cancel_button = QToolButton()  # "Cancel" right beside what it stops
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip(cancel.toolTip())
        self.cancel_button.setAccessibleName("Cancel loading")
        self.cancel_button.clicked.connect(cancel.trigger)
        self.cancel_button.hide()
        self.facts_label = plain_label()
        self.facts_label.setAccessibleName("Status")
        self._counts = ""
        self._refreshed = ""
        # The message shows in a label that takes the room the others leave, so QStatusBar (which draws a
        # message up to the first permanent widget) draws nothing itself. All permanent: a passing message
        # must never hide the counts.
        self.message_label = ElidedMessage()
        bar.messageChanged.connect(self.message_label.set_full_text)
        bar.addPermanentWidget(self.message_label, 1)
        for widget in (self.busy, self.cancel_button, self.facts_label):
            bar.addPermanentWidget(widget)

    @property
    def counts(self) -> str:
        return self._counts

    @property
    def refreshed(self) -> str:
        return self._refreshed

    def set_counts(self, total: int, shown: int, inactive_hidden: int) -> None:
        self._counts = counts_text(total, shown, inactive_hidden)
        self._show_facts()

    def set_count_text(self, text: str) -> None:
        """What the page shown counts, when it is not tokens (the Clusters page: "3 clusters")."""
        self._counts = text
        self._show_facts()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def set_refreshed(self, moment: datetime | None) -> None:
        self._refreshed = "" if moment is None else f"Last refreshed {local_clock_time(moment)}"
        self._show_facts()

    def _show_facts(self) -> None:
        text = SEPARATOR.join(part for part in (self._counts, self._refreshed) if part)
        self.facts_label.setText(text)
        self.facts_label.setAccessibleDescription(text)

    def show_message(self, text: str, timeout_ms: int = 10_000) -> None:
        """A passing message (QStatusBar renders it as plain text)."""
        self.bar.showMessage(text, timeout_ms)

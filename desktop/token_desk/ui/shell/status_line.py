"""The status bar's permanent parts: row counts, busy indicator, last refresh time and connection."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressBar, QStatusBar, QToolButton

from token_desk.ui.common.plain_text import plain_label, plain_tooltip

SEPARATOR = " · "


def counts_text(total: int, shown: int, inactive_hidden: int) -> str:
    """E.g. "18 tokens · 15 shown · 3 inactive hidden"."""
    parts = [f"{total} token" + ("" if total == 1 else "s"), f"{shown} shown"]
    if inactive_hidden:
        parts.append(f"{inactive_hidden} inactive hidden")
    return SEPARATOR.join(parts)


class StatusLine:
    """Owns the widgets it adds to `bar`; the window feeds it facts, it formats them."""

    def __init__(self, bar: QStatusBar, cancel: QAction) -> None:
        self.bar = bar
        self.counts_label = plain_label()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: we cannot know how long the server takes
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.cancel_button = QToolButton()  # "Cancel" right beside what it stops
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip(cancel.toolTip())
        self.cancel_button.clicked.connect(cancel.trigger)
        self.cancel_button.hide()
        self.refreshed_label = plain_label()
        self.connection_label = plain_label()
        # All permanent: a passing message (left) must never hide the counts.
        for widget in (self.counts_label, self.busy, self.cancel_button, self.refreshed_label,
                       self.connection_label):
            bar.addPermanentWidget(widget)

    def set_counts(self, total: int, shown: int, inactive_hidden: int) -> None:
        self.counts_label.setText(counts_text(total, shown, inactive_hidden))

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def set_refreshed(self, moment: datetime | None) -> None:
        self.refreshed_label.setText("" if moment is None else f"Last refreshed {moment:%H:%M:%S}")

    def set_connection(self, label: str) -> None:
        self.connection_label.setText(label)
        self.connection_label.setToolTip(plain_tooltip(label and f"Connected to {label}"))

    def show_message(self, text: str, timeout_ms: int = 10_000) -> None:
        """A passing message (QStatusBar renders it as plain text)."""
        self.bar.showMessage(text, timeout_ms)

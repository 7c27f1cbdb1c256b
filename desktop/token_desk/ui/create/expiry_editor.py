"""The Expiration switch: off means never; on shows a local date and time, with the UTC moment beside."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QTimeEdit, QVBoxLayout, QWidget

from token_desk.api.models import utc_now
from token_desk.models import display
from token_desk.ui.common.plain_text import plain_label

DEFAULT_LIFETIME = timedelta(days=90)
NEVER_TEXT = "Off: this token never expires."
CHOSEN_TEXT = "On: this token expires at the chosen time (your local time)."
PAST_PROBLEM = "The expiration time has already passed; choose a moment in the future."
Clock = Callable[[], datetime]


def default_expiry(now: datetime) -> datetime:
    """Ninety days from now, on the next whole hour (local time)."""
    moment = (now + DEFAULT_LIFETIME).astimezone()
    return moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def utc_text(moment: datetime) -> str:
    return f"= {display.utc_minutes(moment)}"


class ExpiryEditor(QWidget):
    """`expires_at()` is None (never) or an aware UTC moment; `problem()` says why it cannot be used."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._clock = clock
        self.switch = QCheckBox("Expiration", self)
        self.switch.setToolTip("Off: never expires. On: expires at the date and time below.")
        self.explanation = plain_label(NEVER_TEXT, self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Expiration date")
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Expiration time")
        self.utc_label = plain_label("", self)
        self.utc_label.setToolTip("The same moment in UTC, as the server stores it")
        self._lay_out()
        self.set_expires_at(None)
        self.switch.toggled.connect(self._switched)
        self.date_edit.dateChanged.connect(self._edited)
        self.time_edit.timeChanged.connect(self._edited)

    def _lay_out(self) -> None:
        moment_row = QHBoxLayout()
        moment_row.setContentsMargins(24, 0, 0, 0)
        moment_row.addWidget(self.date_edit)
        moment_row.addWidget(self.time_edit)
        moment_row.addWidget(self.utc_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.switch)
        layout.addWidget(self.explanation)
        layout.addLayout(moment_row)

    def set_expires_at(self, moment: datetime | None) -> None:
        """Switch on at `moment` (shown in local time), or off for None."""
        self._show_moment(moment if moment is not None else default_expiry(self._clock()))
        self.switch.setChecked(moment is not None)
        self._switched(moment is not None)

    def _show_moment(self, moment: datetime) -> None:
        local = moment.astimezone()
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    def expires_at(self) -> datetime | None:
        if not self.switch.isChecked():
            return None
        date, time = self.date_edit.date(), self.time_edit.time()
        local = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
        return local.astimezone().astimezone(timezone.utc)  # naive -> this computer's zone -> UTC

    def problem(self) -> str | None:
        moment = self.expires_at()
        if moment is not None and moment <= self._clock():
            return PAST_PROBLEM
        return None

    def _switched(self, on: bool) -> None:
        for widget in (self.date_edit, self.time_edit, self.utc_label):
            widget.setVisible(on)
        self.explanation.setText(CHOSEN_TEXT if on else NEVER_TEXT)
        self._edited()

    def _edited(self, *_ignored: object) -> None:
        moment = self.expires_at()
        self.utc_label.setText(utc_text(moment) if moment is not None else "")
        self.changed.emit()

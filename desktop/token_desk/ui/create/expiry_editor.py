"""When a new token expires: 90 days by default, or 7, 30 or 365 days, a date of your choice, or never.

A token that never expires is a standing risk (GitHub warns about them, GitLab refuses them): for a management
token, which can do everything in the account, choosing "Never" asks once, in the dialog, and says why.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from token_desk.api.models import utc_now
from token_desk.models import display
from token_desk.ui.common.palette import error_style, style_live
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.create.requests_and_results import DEFAULT_LIFETIME

PRESET_DAYS = (7, 30, 90, 365)
A_DATE = "On a date…"
NEVER_CHOICE = display.NEVER
CHOICES = (*(f"{days} days" for days in PRESET_DAYS), A_DATE, NEVER_CHOICE)
NEVER_TEXT = f"{display.NEVER}: this token keeps working until someone revokes it."
NEVER_RISK = ("A management token can create and revoke every other token of the account. One that never "
              "expires stays a way in for as long as it exists, even if it leaks years from now.")
NEVER_CONFIRM = "Create it without an expiry anyway"
NEVER_UNCONFIRMED = f"Tick \u201c{NEVER_CONFIRM}\u201d, or choose when the management token expires."
PAST_PROBLEM = "That date and time have already passed; choose a moment in the future."
EXPIRES_AFTER = "Expires after"  # the choice's caption (docs/GLOSSARY.md); the moment it gives is "Expires At"
Clock = Callable[[], datetime]


def default_expiry(now: datetime, lifetime: timedelta = DEFAULT_LIFETIME) -> datetime:
    """`lifetime` from now, on the next whole hour (local time)."""
    moment = (now + lifetime).astimezone()
    return moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def preset_for(lifetime: timedelta | None) -> str:
    """The choice that gives `lifetime` (whole preset days), "On a date…" for any other, "Never" for None."""
    if lifetime is None:
        return NEVER_CHOICE
    days = round(lifetime / timedelta(days=1))
    return f"{days} days" if days in PRESET_DAYS and abs(lifetime - timedelta(days=days)) < timedelta(hours=1) \
        else A_DATE


def moment_text(moment: datetime) -> str:
    """"Expires 2027-03-06 14:00 CET (2027-03-06 13:00 UTC)": local with its zone, and the server's UTC;
    once where local time is UTC ("Expires 2027-03-06 13:00 UTC (2027-03-06 13:00 UTC)" said it twice)."""
    local, utc = display.local_time_with_zone(moment), display.utc_minutes(moment)
    return f"Expires {local}" if local == utc else f"Expires {local} ({utc})"


class ExpiryEditor(QWidget):
    """`expires_at()` is None (never) or an aware UTC moment; `problem()` says why it cannot be used."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utc_now, management: bool = False) -> None:
        super().__init__(parent)
        self._clock = clock
        self._management = management
        self.choice = QComboBox(self)
        self.choice.addItems(CHOICES)
        self.choice.setAccessibleName(EXPIRES_AFTER)
        self.choice.setAccessibleDescription("When the new token stops working: after 7, 30, 90 or 365 days, "
                                             "on a date you choose, or never")
        self.choice_label = QLabel(f"&{EXPIRES_AFTER}", self)
        self.choice_label.setBuddy(self.choice)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Expires At (date)")
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Expires At (time)")
        self.explanation = plain_label("", self, wrap=True)
        self.explanation.setToolTip("In your time zone, and in UTC as the server stores it")
        self.never_risk = plain_label(NEVER_RISK, self, wrap=True)
        style_live(self.never_risk, error_style)
        self.never_confirm = QCheckBox(NEVER_CONFIRM, self)
        self._lay_out()
        self.set_lifetime(DEFAULT_LIFETIME)
        self.choice.currentTextChanged.connect(self._chosen)
        self.date_edit.dateChanged.connect(self._edited)
        self.time_edit.timeChanged.connect(self._edited)
        self.never_confirm.toggled.connect(self._edited)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.choice_label, self.choice, self.date_edit, self.time_edit):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        for widget in (self.explanation, self.never_risk, self.never_confirm):
            layout.addWidget(widget)

    def set_lifetime(self, lifetime: timedelta | None) -> None:
        """Propose `lifetime` from now (a preset when it is one), or never for None."""
        self._show_moment(default_expiry(self._clock(), lifetime or DEFAULT_LIFETIME))
        self._choose(preset_for(lifetime))

    def _choose(self, text: str) -> None:
        if self.choice.currentText() == text:
            self._chosen(text)
        else:
            self.choice.setCurrentText(text)  # _chosen follows

    def _show_moment(self, moment: datetime) -> None:
        local = moment.astimezone()
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    @property
    def is_never(self) -> bool:
        return self.choice.currentText() == NEVER_CHOICE

    def expires_at(self) -> datetime | None:
        text = self.choice.currentText()
        if text == NEVER_CHOICE:
            return None
        if text != A_DATE:
            return default_expiry(self._clock(), timedelta(days=int(text.split()[0])))
        date, time = self.date_edit.date(), self.time_edit.time()
        local = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
        return local.astimezone().astimezone(timezone.utc)  # naive -> this computer's zone -> UTC

    def problem(self) -> str | None:
        if self.is_never and self._management and not self.never_confirm.isChecked():
            return NEVER_UNCONFIRMED
        moment = self.expires_at()
        if moment is not None and moment <= self._clock():
            return PAST_PROBLEM
        return None

    def _chosen(self, text: str) -> None:
        for widget in (self.date_edit, self.time_edit):
            widget.setVisible(text == A_DATE)
        never_asks = text == NEVER_CHOICE and self._management
        self.never_risk.setVisible(never_asks)
        self.never_confirm.setVisible(never_asks)
        self._edited()

    def _edited(self, *_ignored: object) -> None:
        moment = self.expires_at()
        self.explanation.setText(moment_text(moment) if moment is not None else NEVER_TEXT)
        self.changed.emit()

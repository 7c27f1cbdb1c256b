"""The confirmation dialog that revokes one or more tokens, off the GUI thread.

Safety rules it keeps: the destructive button is disabled until "I understand
the risk of this action" is ticked; Cancel is the default button, so Enter and
Esc never revoke (a keyboard user revokes with Space on the focused button);
once started it cannot be submitted twice. While it runs, Cancel (or Esc) stops
waiting: what the server did is then unknown, and the report says so.
"""

from __future__ import annotations

import enum
import logging
from typing import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from token_desk.api.errors import ApiError
from token_desk.api.models import Token
from token_desk.revocation import RevokeOutcome, RevokeReport, RevokingClient, revoke_tokens
from token_desk.tasks import run_in_background
from token_desk.ui.revoke import revoke_texts as texts
from token_desk.ui.common.destructive_button import destructive_button
from token_desk.ui.revoke.token_list import TokenListSummary
from token_desk.ui.tokens import TokenSummary
from token_desk.ui.common.icons import icon
from token_desk.ui.common.message_box import Icon, ask, withdraw_questions
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.common.palette import error_style, style_live
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.progress_relay import ProgressRelay

log = logging.getLogger(__name__)

SCREEN_SHARE = 0.9
MIN_WIDTH = 540  # room for a UUID on one line (the list of several asks for what its columns need)


class _State(enum.Enum):
    CONFIRMING = enum.auto()
    RUNNING = enum.auto()
    DONE = enum.auto()


class RevokeDialog(QDialog):
    """Ask, revoke, and report; `ask()` runs it modally and returns the report."""

    revoke_finished = Signal(object)  # RevokeReport, as soon as the server work is over

    def __init__(self, parent: QWidget | None, tokens: Sequence[Token], client: RevokingClient) -> None:
        super().__init__(parent)
        if not tokens:
            raise ValueError("RevokeDialog needs at least one token")
        self._tokens = tuple(tokens)
        self._client = client
        self._state = _State.CONFIRMING
        self._report: RevokeReport | None = None
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.noted.connect(self._show_note, Qt.ConnectionType.QueuedConnection)
        self._task = None
        self._close_when_reported = False
        self.setWindowTitle(texts.title(self._tokens))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if len(self._tokens) == 1:
            self.setMinimumWidth(MIN_WIDTH)  # a list of several sets its own minimum: its columns must fit
        self._build()
        if len(self._tokens) > 1:
            self._open_at_list_size()
        self._cancel_button.setFocus()  # the safe choice has the keyboard first

    @classmethod
    def ask(cls, parent: QWidget | None, tokens: Sequence[Token], client: RevokingClient) -> RevokeReport | None:
        """Confirm and revoke; None if cancelled before anything was sent."""
        dialog = cls(parent, tokens, client)
        dialog.exec()
        report = dialog.report
        dialog.deleteLater()
        return report

    # -- what its owners read: the outcome for ask(), busy for the window's close -------

    @property
    def report(self) -> RevokeReport | None:
        return self._report

    @property
    def is_busy(self) -> bool:
        return self._state is _State.RUNNING

    def set_details_expanded(self, expanded: bool) -> None:
        self._summary.set_details_expanded(expanded)

    # -- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(self._heading())
        layout.addLayout(self._warning_row())
        layout.addWidget(self._wrapped(texts.question(self._tokens)))
        where = texts.clusters(self._tokens)
        if where is not None:  # listed from several clusters: each token is revoked on its own
            layout.addWidget(self._wrapped(where, "clusters"))
        layout.addWidget(self._wrapped(texts.consequence(self._tokens)))
        if self._in_use_tokens():
            layout.addWidget(self._in_use_warning())
        layout.addWidget(plain_label(texts.WILL_REVOKE))
        several = len(self._tokens) > 1
        self._summary = TokenListSummary(self._tokens) if several else TokenSummary(self._tokens[0])
        self._summary.details_toggled.connect(self._fit_to_contents)
        layout.addWidget(self._summary, 1 if several else 0)  # the list takes the height the dialog gains
        self._risk_checkbox = QCheckBox(texts.RISK)
        self._risk_checkbox.toggled.connect(self._update_revoke_enabled)
        layout.addWidget(self._risk_checkbox)
        layout.addLayout(self._progress_row())
        self._outcome_label = self._wrapped("", "outcome")
        self._outcome_label.hide()
        layout.addWidget(self._outcome_label)
        layout.addWidget(self._button_row())

    def _heading(self) -> QLabel:
        heading = plain_label(texts.title(self._tokens))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        heading.setFont(font)
        return heading

    def _warning_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        glyph = plain_label()
        glyph.setPixmap(icon("warning").pixmap(22, 22))
        warning = plain_label(texts.warning(self._tokens))
        warning.setObjectName("warning")
        style_live(warning, error_style)
        row.addWidget(glyph)
        row.addWidget(warning, 1)
        return row

    def _in_use_warning(self) -> QLabel:
        label = self._wrapped(texts.in_use(self._tokens), "inUseWarning")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self._progress_label = plain_label()  # "Revoking…", "…checking…", "Cancelling…"
        self._progress_label.setObjectName("progress")
        self._progress_bar = QProgressBar()
        self._progress_bar.setTextVisible(False)
        row.addWidget(self._progress_label)
        row.addWidget(self._progress_bar, 1)
        # Its room is kept while hidden: "Revoking…" appearing once made the dialog re-lay out and the
        # read-only fields shrink and clip ("lane's lapt").
        for widget in (self._progress_label, self._progress_bar):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.hide()
        return row

    def _button_row(self) -> QDialogButtonBox:
        """Cancel and Revoke in the platform's order (their roles place them, as in every other dialog);
        Cancel stays the default, so Enter never revokes."""
        self._cancel_button = QPushButton(texts.CANCEL)
        self._cancel_button.clicked.connect(self.reject)
        self._revoke_button = destructive_button(texts.confirm_label(self._tokens))
        self._revoke_button.clicked.connect(self.confirm)
        self._buttons = QDialogButtonBox()
        self._buttons.addButton(self._cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self._buttons.addButton(self._revoke_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel_button.setDefault(True)
        self._revoke_button.setAutoDefault(False)
        return self._buttons

    def _wrapped(self, text: str, name: str = "") -> QLabel:
        label = plain_label(text, wrap=True)
        label.setObjectName(name)
        return label

    def _open_at_list_size(self) -> None:
        """Wide enough for the list's columns and tall enough for its rows, within the screen.

        Qt's own first size caps a dialog at two thirds of the screen, which cut the list's last rows."""
        available = self.screen().availableGeometry().size() * SCREEN_SHARE
        width = min(max(self.sizeHint().width(), self.minimumWidth()), available.width())
        height = self.layout().totalHeightForWidth(width)
        self.resize(width, min(height if height > 0 else self.sizeHint().height(), available.height()))

    def _fit_to_contents(self) -> None:
        # After the layout has taken in the shown/hidden details.
        QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        if isinstance(self._summary, TokenSummary):
            self.adjustSize()  # the fields grow or shrink back
            return
        # The list's new columns need width: grow to show them, never shrink what the person chose.
        wanted = self.sizeHint()
        screen = self.screen().availableGeometry() if self.screen() else None
        width = max(self.width(), wanted.width())
        self.resize(min(width, screen.width()) if screen else width, self.height())

    def _in_use_tokens(self) -> list[Token]:
        return [token for token in self._tokens if self._client.is_signed_in_with(token)]

    # -- behaviour ---------------------------------------------------------------------

    def _update_revoke_enabled(self) -> None:
        self._revoke_button.setEnabled(self._state is _State.CONFIRMING and self._risk_checkbox.isChecked())

    def confirm(self) -> None:
        """Start revoking; ignored unless the risk is acknowledged and nothing was started yet."""
        if self._state is not _State.CONFIRMING or not self._risk_checkbox.isChecked():
            return
        self._state = _State.RUNNING
        for widget in (self._risk_checkbox, self._revoke_button):
            widget.setEnabled(False)
        # Cancel stays available to stop waiting, but Enter must not reach it by accident.
        self._cancel_button.setDefault(False)
        self._cancel_button.setAutoDefault(False)
        self.setFocus()
        self._start_progress()
        # Holding the handle for the dialog's lifetime: without it, PySide 6.11 crashed in the
        # task's deferred delete when the dialog closed from inside the result callback.
        self._task = run_in_background(revoke_tokens, self._client, self._tokens, self._relay.report,
                                       self._relay.note, on_result=self._on_revoked,
                                       on_error=self._on_unexpected_error, context=self)

    def cancel_running(self) -> None:
        """Stop waiting for the server; the report (arriving at once) marks the outcome unknown."""
        if self._state is not _State.RUNNING or self._task is None:
            return
        self._task.cancel(deliver=True)
        self._cancel_button.setEnabled(False)
        self._progress_label.setText(texts.CANCELLING)

    def _start_progress(self) -> None:
        self._progress_label.show()
        self._progress_bar.show()
        if len(self._tokens) == 1:
            self._progress_bar.setRange(0, 0)  # one request: nothing to count, just "busy"
            self._progress_label.setText(texts.REVOKING_ONE)
        else:
            self._progress_bar.setRange(0, len(self._tokens))
            self._show_progress(0, len(self._tokens))

    def _show_progress(self, done: int, total: int) -> None:
        if total > 1:
            self._progress_bar.setValue(done)
            self._progress_label.setText(texts.revoking_n(min(done + 1, total), total))

    def _show_note(self, text: str) -> None:
        if self._state is _State.RUNNING:
            self._progress_label.setText(text)

    def _on_revoked(self, report: RevokeReport) -> None:
        self._report = report
        self._state = _State.DONE
        # "Revoke in Progress" may still ask whether to stop waiting: moot now, so it goes (as Keep Waiting)
        # and the outcome shows; left up, it would ask about a revoke that is over.
        withdraw_questions(self)
        self.revoke_finished.emit(report)
        if report.unknown:
            log.warning("Revoke outcome unknown: %s", report.summary)
        if report.all_succeeded or self._close_when_reported:
            self.accept()
        else:
            self._show_outcomes(report)

    def _on_unexpected_error(self, error: BaseException) -> None:
        problem = ApiError(error_sentence(error, "Revoking", texts.AFTER_UNEXPECTED))
        self._on_revoked(RevokeReport(tuple(RevokeOutcome(token, error=problem) for token in self._tokens)))

    def _show_outcomes(self, report: RevokeReport) -> None:
        self._progress_label.hide()
        self._progress_bar.hide()
        if isinstance(self._summary, TokenListSummary):  # one token: the outcome label says it all
            self._summary.show_results([(o.result_label, o.succeeded) for o in report.outcomes])
        self._outcome_label.setText(report.summary)
        style_live(self._outcome_label, error_style)
        self._outcome_label.show()
        self._revoke_button.hide()
        self._cancel_button.setText(texts.CLOSE)
        self._cancel_button.setEnabled(True)
        self._cancel_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override: the title bar's X, Alt+F4
        if self._state is _State.RUNNING:
            event.ignore()
            if confirm_stop_waiting(self):
                self._close_when_reported = True
                self.cancel_running()
            return
        super().closeEvent(event)

    def abandon(self) -> None:
        """The app is closing mid-revoke (the person chose to): stop, and record the outcome as unknown."""
        if self._state is _State.RUNNING and self._task is not None:
            self._task.cancel()
            self._state = _State.DONE
            log.warning("Closed while revoking %s: the server had not answered, so whether %s revoked "
                        "is unknown; refresh the list to see.", texts.names(self._tokens),
                        "it was" if len(self._tokens) == 1 else "they were")

    def reject(self) -> None:  # Qt override: Esc and Cancel
        if self._state is _State.RUNNING:
            self.cancel_running()  # the report still arrives and is shown before the dialog can close
            return
        super().reject()

    def done(self, result: int) -> None:  # Qt override: every way of closing comes here
        if self._state is _State.RUNNING:
            return  # the server has not answered yet; closing now would hide the outcome
        super().done(result)


def confirm_stop_waiting(parent: QWidget | None) -> bool:
    """Ask before closing while a revoke waits for the server; True: close anyway (the outcome is unknown)."""
    # Enter keeps waiting.
    return ask(parent, texts.STOP_WAITING_TITLE, texts.STOP_WAITING, texts.CLOSE_ANYWAY, texts.KEEP_WAITING,
               icon=Icon.Warning, destructive=True)

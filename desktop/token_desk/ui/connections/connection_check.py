""""Test Connection": list the database tokens over REST off the GUI thread and say what happened.

That one call proves the URL, the account and cluster IDs and the management token; management
tokens themselves come from influxctl, which the Management Tokens page checks when it loads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from token_desk.api.client import ManagementApiClient
from token_desk.api.connect import influxctl_profile_service
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.models import TokenKind
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.common.palette import Colours, error_style, plain_style, style_live, success_style
from token_desk.ui.common.plain_text import plain_label

Probe = Callable[[], int]
# The app's one influxctl lookup (ConnectionsController.influxctl_program), asked each time it is needed:
# --influxctl, TOKEN_DESK_INFLUXCTL, the "influxctl program" setting, PATH, the usual folders.
ProgramSource = Callable[[], InfluxctlProgram]
TEST_CANCELLED = "Test cancelled; nothing was changed."


def count_database_tokens(base_url: str, account_id: str, cluster_id: str, token: str,
                          allow_plain_http: bool = False) -> int:
    """Runs on a worker thread: one GET of the database tokens with a throwaway client."""
    with ManagementApiClient(base_url, account_id, cluster_id, token, allow_plain_http=allow_plain_http) as client:
        return len(client.list_database_tokens())


def count_influxctl_database_tokens(program: InfluxctlProgram, config_path: str | None, profile: str) -> int:
    """Runs on a worker thread: `influxctl token list` with that profile, as an influxctl-profile connection does."""
    service = influxctl_profile_service(program, config_path, profile)
    try:
        return len(service.list_tokens(TokenKind.DATABASE))
    finally:
        service.close()


def describe_failure(error: BaseException) -> str:
    """One sentence for the person (see error_sentence)."""
    return error_sentence(error, "The connection test")


def describe_success(count: int) -> str:
    noun = "database token" if count == 1 else "database tokens"
    return f"Connection OK: the server listed {count} {noun}."


class ConnectionTestRow(QWidget):
    """A "Test Connection" button and the outcome beside it; the owner supplies the probe."""

    test_requested = Signal()
    finished = Signal(bool, str)  # ok, message shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton("Test Connection", self)
        self.button.clicked.connect(self.test_requested)
        self.cancel_button = QPushButton("Cancel", self)  # beside the "Testing…" it stops
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self._task = None
        self.result_label = plain_label("", self, wrap=True, selectable=True)  # may quote the server
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.result_label, 1)

    def run(self, probe: Probe) -> None:
        """Start `probe` on a worker thread; the button waits until it answers."""
        self.button.setEnabled(False)
        self.cancel_button.show()
        self._show("Testing…", plain_style)
        self._task = run_in_background(probe, context=self, on_result=self._succeeded, on_error=self._failed)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        """Stop the test now (Cancel, or Esc in the dialog); nothing is left waiting on the server."""
        if self._task is not None:
            self._task.cancel()
            self._finish(False, TEST_CANCELLED)


    def clear(self) -> None:
        self._show("", plain_style)

    @property
    def message(self) -> str:
        return self.result_label.text()

    def _succeeded(self, count: int) -> None:
        self._finish(True, describe_success(count))

    def _failed(self, error: BaseException) -> None:
        self._finish(False, describe_failure(error))

    def _finish(self, ok: bool, message: str) -> None:
        self._task = None
        self.cancel_button.hide()
        self.button.setEnabled(True)
        self._show(message, success_style if ok else error_style)
        self.finished.emit(ok, message)

    def _show(self, text: str, style: Callable[[Colours], str]) -> None:
        style_live(self.result_label, style)
        self.result_label.setText(text)

"""What the Management Tokens page shows in its table's place when there is no usable influxctl."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from token_desk.api.influxctl import (
    DOWNLOAD_URL, InfluxctlNeedsItsOwnSignInError, InfluxctlTooOldError, InfluxctlUnavailableError,
)
from token_desk.ui.common.link_button import link_button, open_in_browser
from token_desk.ui.common.plain_text import plain_label

EXPLANATION = ("InfluxData's Management API has no management-token endpoints: Token Desk lists, creates and "
               "revokes management tokens by running influxctl, InfluxData's command-line tool (2.6.0 or later). "
               "Database tokens keep working without it.")
CHOOSE_TEXT = "Choose influxctl…"
DOWNLOAD_TEXT = "Download influxctl (docs.influxdata.com)"


def cannot_list_text(error: InfluxctlUnavailableError) -> str:
    """The plain fact, the panel's headline and the status bar's words in place of a count (the service was
    never asked, so "0 tokens" would be untrue)."""
    if isinstance(error, InfluxctlNeedsItsOwnSignInError):
        return "Management tokens cannot be listed here without an influxctl profile"
    if isinstance(error, InfluxctlTooOldError) and error.found_version:
        return "Management tokens cannot be listed: influxctl is too old"
    if isinstance(error, InfluxctlTooOldError):
        return "Management tokens cannot be listed: influxctl did not report its version"
    if error.program:
        return "Management tokens cannot be listed: influxctl could not be started"
    return "Management tokens cannot be listed: influxctl not found"


def found_text(error: InfluxctlUnavailableError) -> str:
    if isinstance(error, InfluxctlNeedsItsOwnSignInError) or not error.program:
        return ""  # no program was found or at fault: the headline and the sentence below say it all
    if isinstance(error, InfluxctlTooOldError) and error.found_version:
        return f"Found: influxctl {error.found_version} at {error.program} (too old)."
    if isinstance(error, InfluxctlTooOldError):
        return f"Found: {error.program}, which does not report an influxctl version."
    return f"Not usable: {error.program}."


def create_blocker(error: InfluxctlUnavailableError) -> str:
    """Why no management token can be created, pointing at what this panel offers instead."""
    if isinstance(error, InfluxctlNeedsItsOwnSignInError):
        return "Management tokens come through an influxctl profile here: add a connection that signs in with one"
    if isinstance(error, InfluxctlTooOldError):
        return "This influxctl is too old for management tokens: choose a newer one on the Management Tokens page"
    return ("Management tokens are created through influxctl, which Token Desk cannot find: "
            "choose it on the Management Tokens page")


class InfluxctlMissingPanel(QFrame):
    """A calm explanation, the version found, a "Choose influxctl…" button and the download page."""

    choose_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("influxctlMissingPanel")
        self.headline = plain_label(cannot_list_text(InfluxctlUnavailableError()), self, wrap=True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = plain_label(EXPLANATION, self, wrap=True)
        self.found = plain_label("", self, wrap=True, selectable=True)
        self.details = plain_label("", self, wrap=True, selectable=True)
        self.choose_button = QPushButton(CHOOSE_TEXT, self)
        self.choose_button.clicked.connect(self.choose_requested)
        # A button, not a rich-text link: every label in the app stays plain text.
        self.download_link = link_button(DOWNLOAD_TEXT, self)
        self.download_link.setToolTip(DOWNLOAD_URL)
        self.download_link.clicked.connect(lambda: open_in_browser(DOWNLOAD_URL))
        self._lay_out()

    def _lay_out(self) -> None:
        column = QVBoxLayout()
        column.setSpacing(10)
        for widget in (self.headline, self.explanation, self.found, self.details):
            column.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.download_link)
        buttons.addStretch(1)
        column.addLayout(buttons)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(column, 4)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

    def show_error(self, error: InfluxctlUnavailableError) -> None:
        self.headline.setText(cannot_list_text(error))
        self.found.setText(found_text(error))
        self.found.setVisible(bool(self.found.text()))
        self.details.setText(str(error))
        # Another influxctl cannot help a connection whose token cannot reach influxctl here.
        self.choose_button.setVisible(not isinstance(error, InfluxctlNeedsItsOwnSignInError))

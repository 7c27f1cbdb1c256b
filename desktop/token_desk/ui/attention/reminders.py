"""File → Export Expiry Reminders…: the connection's tokens as an iCalendar file, written on a worker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject

from token_desk.api.models import utc_now
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.common.file_prompts import FilePrompts, with_suffix

TITLE = "Export Expiry Reminders"


def default_file_name(label: str) -> str:
    safe = "".join(character if character.isalnum() or character in "-." else "-" for character in label)
    return f"token-expiry-{safe.strip('-') or 'tokens'}-{date.today():%Y-%m-%d}.ics"


def reminders_sentence(count: int, cancelled: int, path: Path, left_out: Sequence[str] = ()) -> str:
    """`left_out`: the pages (e.g. "management tokens") without a list, whose tokens the file cannot hold."""
    saved = f"Saved {count:,} expiry reminder{'' if count == 1 else 's'}"
    gone = f" and {cancelled:,} cancelled one{'' if cancelled == 1 else 's'}" if cancelled else ""
    missing = f" It has no {' or '.join(left_out)}: they are not listed here." if left_out else ""
    return (f"{saved}{gone} to {path}.{missing} Import the file into your calendar; a newer file updates the "
            "same events.")


class ReminderExport(QObject):
    """Asks where, then writes off the GUI thread; says the outcome in the status line, a failure in the notice."""

    def __init__(self, window, prompts: FilePrompts | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._prompts = prompts or FilePrompts()
        self.running = False

    def start(self, folder: Path | None = None) -> bool:
        from token_desk.export.calendar import export_expiry_reminders, reminder_tokens  # at first use

        window = self._window
        connection = window.connection
        if connection is None or self.running:
            return False
        suggested = (folder or Path.home()) / default_file_name(connection.label)
        chosen = self._prompts.choose_save_path(window, TITLE, suggested, "ics")
        if chosen is None:
            return False
        path = with_suffix(chosen, "ics")
        if path.exists() and not self._prompts.confirm_overwrite(window, path):
            return False
        # A list the influxctl panel has replaced since is no longer shown: left out, as a list never loaded.
        tokens = [token for page in window.pages.values() if page.listed for token in page.model.tokens()]
        left_out = [page.title.lower() for page in window.pages.values() if not page.listed]
        now = utc_now()
        cancelled = len(reminder_tokens(tokens, now)[1])
        self.running = True
        run_in_background(export_expiry_reminders, path, tokens, now, f"Token Desk: {connection.label}",
                          context=self, on_result=lambda count: self._done(count, cancelled, path, left_out),
                          on_error=lambda error: self._failed(error, path))
        return True

    def _done(self, count: int, cancelled: int, path: Path, left_out: Sequence[str]) -> None:
        self.running = False
        self._window.status.show_message(reminders_sentence(count, cancelled, path, left_out), 10_000)

    def _failed(self, error: BaseException, path: Path) -> None:
        self.running = False
        self._window.notice.show_notice(error_sentence(error, f"Saving {path.name}"), problem=True)

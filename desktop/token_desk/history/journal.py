"""The action history on disk: an append-only JSON Lines file, rotated at 10 MB, five old files kept.

Each attempt is written (and fsynced) before its request goes out, with outcome `unknown`; the
outcome follows as a second line naming the first one's id. A crash between the two leaves an
honest `unknown`. Nothing is ever rewritten in place: the reader folds outcomes into entries.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import msgspec

from token_desk.history.entry import (
    Action, HistoryEntry, LineError, Outcome, OutcomeLine, Target, entry_json, outcome_json, parse_line,
)
from token_desk.private_files import private_file, private_folder

log = logging.getLogger(__name__)

FILE_NAME = "history.jsonl"
MAX_BYTES = 10 * 1024 * 1024
KEEP_OLD_FILES = 5


def journal_files(folder: Path, keep: int = KEEP_OLD_FILES) -> list[Path]:
    """The journal's files, oldest first: history.5.jsonl … history.1.jsonl, history.jsonl."""
    return [folder / f"history.{n}.jsonl" for n in range(keep, 0, -1)] + [folder / FILE_NAME]


class HistoryWriteError(OSError):
    """The journal could not be written; str() says where and why, in one sentence."""


class Damage(msgspec.Struct, frozen=True):
    """One line that could not be read (cut off by a crash, or garbled)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file} line {self.line}"


class HistoryRead(msgspec.Struct, frozen=True):
    entries: tuple[HistoryEntry, ...]  # in the order they were made, oldest first
    damage: tuple[Damage, ...] = ()

    @property
    def damage_text(self) -> str:
        """One sentence for all the damage found ("" if none)."""
        if not self.damage:
            return ""
        where = ", ".join(map(str, self.damage[:3])) + (" and more" if len(self.damage) > 3 else "")
        one = len(self.damage) == 1
        return (f"{len(self.damage)} damaged {'line' if one else 'lines'} in the history could not be read "
                f"({where}) and {'was' if one else 'were'} skipped; every other entry is shown.")


class Journal:
    """Thread-safe: requests run on worker threads, several at a time."""

    keeps_demo = False  # a demo connection's changes stay out of the history on disk

    def __init__(self, folder: Path, *, max_bytes: int = MAX_BYTES, keep: int = KEEP_OLD_FILES,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.folder = folder
        self._max_bytes, self._keep, self._clock = max_bytes, keep, clock
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def add_listener(self, listener: Callable[[], None]) -> None:
        """`listener()` runs after every line written, on the writing thread."""
        self._listeners.append(listener)

    def record_attempt(self, target: Target, kind: str, token_id: str, description: str, action: Action,
                       requested: str = "") -> str:
        """Write the `unknown` line before the request; returns the entry's id. Raises HistoryWriteError."""
        entry = HistoryEntry(uuid.uuid4().hex, self._clock(), target, kind, token_id, description, action,
                             requested=requested)
        self._append(entry_json(entry))
        return entry.id

    def record_outcome(self, entry_id: str, outcome: Outcome, message: str = "", *, token_id: str = "",
                       description: str | None = None, checked: bool = False) -> None:
        """Write the outcome line for `entry_id`. Raises HistoryWriteError."""
        self._append(outcome_json(OutcomeLine(entry_id, self._clock(), outcome, message, token_id,
                                              description, checked)))

    def read(self) -> HistoryRead:
        return read_journal(self.folder, self._keep)

    # ---- writing ---------------------------------------------------------------------------------
    def _append(self, data: dict) -> None:
        import json  # at the first change recorded: a window's start reads no JSON (ARCHITECTURE, Start-up)

        line = (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            self._store(line)
        for listener in list(self._listeners):
            listener()

    def _store(self, line: bytes) -> None:
        try:
            private_folder(self.folder)
            self._rotate_if_full(len(line))
            _append_durably(self.path, line)
        except OSError as err:
            raise HistoryWriteError(
                f"Token Desk could not write its action history in {self.folder} "
                f"({err.strerror or err})") from err

    def _rotate_if_full(self, adding: int) -> None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size == 0 or size + adding <= self._max_bytes:
            return
        files = journal_files(self.folder, self._keep)  # oldest first; the oldest falls off
        files[0].unlink(missing_ok=True)
        for older, newer in zip(files, files[1:]):
            if newer.exists():
                os.replace(newer, older)


class MemoryJournal(Journal):
    """The demo's history: the same entries and outcomes, kept in memory for the session and never written
    (--demo stores nothing), so History shows what the demo did."""

    SOURCE = "this demo session"
    keeps_demo = True

    def __init__(self, **options) -> None:
        super().__init__(Path(self.SOURCE), **options)
        self._lines: list[bytes] = []

    def _store(self, line: bytes) -> None:
        self._lines.append(line)

    def read(self) -> HistoryRead:
        entries: dict[str, HistoryEntry] = {}
        damage: list[Damage] = []
        with self._lock:
            data = b"".join(self._lines)
        _fold_file(self.SOURCE, data, entries, damage)
        return HistoryRead(tuple(entries.values()), tuple(damage))


def _append_durably(path: Path, line: bytes) -> None:
    """One write per line, flushed and fsynced; a line cut off by a crash is ended first, so the
    new line never joins its damage."""
    private_file(path)  # the history names tokens, clusters and accounts: the user's alone
    with open(path, "ab") as file:
        if file.tell() > 0 and not _ends_with_newline(path):
            line = b"\n" + line
        file.write(line)
        file.flush()
        os.fsync(file.fileno())


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as file:
        file.seek(-1, os.SEEK_END)
        return file.read(1) == b"\n"


# ---- reading -----------------------------------------------------------------------------------------
def read_journal(folder: Path, keep: int = KEEP_OLD_FILES) -> HistoryRead:
    """Every entry with its outcome folded in; damaged lines skipped and listed, nothing else lost."""
    entries: dict[str, HistoryEntry] = {}
    damage: list[Damage] = []
    for path in journal_files(folder, keep):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        _fold_file(path.name, data, entries, damage)
    _log_new_damage(folder, damage)
    return HistoryRead(tuple(entries.values()), tuple(damage))


def _fold_file(name: str, data: bytes, entries: dict[str, HistoryEntry], damage: list[Damage]) -> None:
    import json  # see HistoryJournal._append

    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            item = parse_line(json.loads(raw.decode("utf-8")))
        except (ValueError, LineError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            damage.append(Damage(name, number))
            continue
        if isinstance(item, HistoryEntry):
            entries[item.id] = item
        elif item.entry_id in entries:  # an outcome whose attempt rotated away is dropped with it
            entries[item.entry_id] = entries[item.entry_id].with_outcome(item)


_logged_damage: set[tuple[Path, Damage]] = set()
_logged_lock = threading.Lock()


def _log_new_damage(folder: Path, damage: list[Damage]) -> None:
    """Each damaged line is logged once per run, however often the history is read again."""
    with _logged_lock:
        new = [item for item in damage if (folder, item) not in _logged_damage]
        _logged_damage.update((folder, item) for item in new)
    if new:
        log.warning("Skipped %d damaged line(s) of the action history: %s", len(new), ", ".join(map(str, new)))

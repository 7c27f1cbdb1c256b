"""The influxctl program to run: its command line, and whether its version can manage tokens."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from token_desk.api.influxctl import errors
from token_desk.api.influxctl.commands import Commands

# A program is made on the GUI thread while the window is built; running it (and reading what it printed)
# happens on worker threads, which import those modules (subprocess among them) at their first run.
if TYPE_CHECKING:
    from token_desk.api.influxctl.process import Finished

MINIMUM_VERSION = (2, 6, 0)  # the first influxctl with `management` commands
VERSION_TIMEOUT_SECONDS = 20


def version_label(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


class InfluxctlProgram:
    """`command` starts influxctl (a path, or an interpreter and script for the emulator); None: not found."""

    def __init__(self, command: Sequence[str] | None, *, searched: str = "") -> None:
        self.command = tuple(command) if command else None
        self.searched = searched  # where Token Desk looked, for the "not installed" message
        self._version: tuple[int, int, int] | None = None
        self._version_error: errors.InfluxctlUnavailableError | None = None
        self._lock = threading.Lock()
        self._checking = False  # a start_version_check() thread has been started

    def __repr__(self) -> str:
        return f"InfluxctlProgram({self.label!r})"

    @property
    def label(self) -> str:
        return self.command[-1] if self.command and len(self.command) == 1 else " ".join(self.command or ())

    @property
    def version(self) -> tuple[int, int, int] | None:
        """The version found by check_version(), once it has run."""
        return self._version

    def argv(self, global_flags: Sequence[str], arguments: Sequence[str]) -> list[str]:
        if self.command is None:
            raise self._not_installed()
        return [*self.command, *global_flags, *arguments]

    def run(self, argv: Sequence[str], **options) -> Finished:
        from token_desk.api.influxctl.process import run_process

        try:
            return run_process(argv, **options)
        except OSError as err:  # missing, not executable, or not a program at all
            raise errors.InfluxctlNotInstalledError(
                f"Token Desk could not start influxctl at {self.label} ({err.strerror or err}); "
                "choose the influxctl program again.", program=self.label) from None

    def start_version_check(self) -> None:
        """Begin check_version() on its own thread, so a first listing need not wait for it."""
        with self._lock:
            if self._version is not None or self._version_error is not None or self._checking:
                return
            self._checking = True
        threading.Thread(target=self._check_quietly, name="influxctl-version", daemon=True).start()

    def _check_quietly(self) -> None:
        try:
            self.check_version()
        except errors.InfluxctlUnavailableError:
            pass  # kept in _version_error; the caller's own check_version() raises it

    def check_version(self) -> tuple[int, int, int]:
        """Run `influxctl version` once; raise InfluxctlNotInstalledError / InfluxctlTooOldError."""
        with self._lock:
            if self._version is None and self._version_error is None:
                self._read_version()
            if self._version_error is not None:
                raise self._version_error
            return self._version

    def _read_version(self) -> None:
        from token_desk.api.influxctl.failure import clean_message
        from token_desk.api.influxctl.output import parse_version

        try:
            finished = self.run(self.argv([], Commands.version()), timeout=VERSION_TIMEOUT_SECONDS)
        except errors.InfluxctlUnavailableError as err:
            self._version_error = err
            return
        found = parse_version(finished.stdout + "\n" + finished.stderr)
        if finished.exit_code != 0 or found is None:
            first = (finished.stdout.strip() or finished.stderr.strip()).splitlines()[:1]
            printed = clean_message(first[0])[:60] if first else ""  # plain words, no escapes or colour codes
            self._version_error = errors.InfluxctlTooOldError(
                f"{self.label} did not report an influxctl version (it printed \u201c{printed}\u201d); "
                "Token Desk needs influxctl 2.6.0 or later." if printed else
                f"{self.label} did not report an influxctl version; Token Desk needs influxctl 2.6.0 or later.",
                program=self.label, found_version=None)
        elif found < MINIMUM_VERSION:
            self._version_error = errors.InfluxctlTooOldError(
                f"influxctl {version_label(found)} is too old for management tokens: Token Desk needs 2.6.0 or "
                "later. Update it, or choose a newer influxctl.", program=self.label, found_version=version_label(found))
        else:
            self._version = found

    def _not_installed(self) -> errors.InfluxctlNotInstalledError:
        where = f" (looked in {self.searched})" if self.searched else ""
        return errors.InfluxctlNotInstalledError(
            f"Token Desk cannot find influxctl{where}; install it, or choose where it is.", program=None)

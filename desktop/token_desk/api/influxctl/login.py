"""Spotting influxctl's browser sign-in while it waits, so the person sees its URL and code.

Without `mgmt_token` influxctl signs in through its identity provider: it prints a URL (and a
code) and waits. The watcher reads each output line as it arrives; once a URL appears before
any command output, it hands a `LoginPrompt` to the `LoginObserver` (the UI shows a dialog whose
Cancel ends the process), updates it as more lines come, and says when the process ended.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

_URL = re.compile(r"https?://[^\s<>\"']+")
_CODE = re.compile(r"(?i:\bcode\b)\W{0,3}([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\b")
_URL_CODE = re.compile(r"[?&]user_code=([A-Za-z0-9-]+)")
_DATA_START = ("[", "{", "+", "|")  # JSON or a table: the command's own output has begun
_NOISE = re.compile(r"Not loading module|atk-bridge", re.IGNORECASE)
MAX_LINES = 8
_LEVEL = re.compile(r"^(info|warn|warning|debug)\s+", re.IGNORECASE)  # influxctl's log-level prefix


@dataclass(frozen=True)
class LoginPrompt:
    """What influxctl asked the person to do; `cancel()` ends the waiting influxctl."""

    text: str
    url: str | None
    code: str | None
    cancel: Callable[[], None] = field(repr=False, compare=False)
    key: int = 0  # the same for every update of one sign-in


class LoginObserver(Protocol):
    """Called on the worker thread running influxctl; a UI must hop to its own thread."""

    def login_shown(self, prompt: LoginPrompt) -> None: ...
    def login_ended(self, prompt: LoginPrompt) -> None: ...


class LoginWatcher:
    """Feeds on one process's output lines (process.LineCallback)."""

    _keys = iter(range(1, 1 << 62))

    def __init__(self, observer: LoginObserver | None, cancel: Callable[[], None]) -> None:
        self._observer, self._cancel = observer, cancel
        self._lines: list[str] = []
        self._data_started = False
        self._prompt: LoginPrompt | None = None
        self._key = next(LoginWatcher._keys)
        self._lock = threading.Lock()

    def __call__(self, stream: str, line: str) -> None:
        if self._observer is None or not line.strip() or _NOISE.search(line):
            return
        if stream == "stdout" and line.lstrip().startswith(_DATA_START):
            self._data_started = True
        if self._data_started and stream == "stdout":
            return  # data may itself hold URLs (a description): never read it as a sign-in
        from token_desk.api.influxctl.failure import clean_message  # with the first line, on the worker

        with self._lock:
            self._lines = (self._lines + [_LEVEL.sub("", clean_message(line))])[-MAX_LINES:]
            text = "\n".join(self._lines)
            url = _first(_URL, text, 0)
            if url is None and self._prompt is None:
                return
            self._prompt = LoginPrompt(text, url, _first(_CODE, text, 1) or _first(_URL_CODE, text, 1),
                                       self._cancel, self._key)
            prompt = self._prompt
        self._observer.login_shown(prompt)

    def waiting(self) -> bool:
        """influxctl is waiting for the person to sign in: a prompt is shown, and its output has not begun."""
        return self._prompt is not None and not self._data_started

    def finished(self) -> None:
        """The process ended: close whatever was shown."""
        prompt = self._prompt
        if prompt is not None and self._observer is not None:
            self._observer.login_ended(prompt)


def _first(pattern: re.Pattern, text: str, group: int) -> str | None:
    found = pattern.search(text)
    return found[group] if found else None

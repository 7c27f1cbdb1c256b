"""Loads both token lists off the GUI thread, in parallel, and reports once both have answered."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from token_desk.api.models import TokenKind
from token_desk.tasks import run_in_background


class TokenLoader(QObject):
    """`loaded(dict[TokenKind, list[Token]])` or `failed(exception)`, then `busy_changed(False)`."""

    loaded = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._results: dict[TokenKind, list] = {}
        self._error: BaseException | None = None
        self._pending = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def load(self, client) -> bool:
        """Start loading from `client`; False (and nothing started) while a load is still running."""
        if self.busy:
            return False
        self._generation += 1
        self._results, self._error, self._pending = {}, None, len(TokenKind)
        self.busy_changed.emit(True)
        for kind in TokenKind:
            self._start(client, kind, self._generation)
        return True

    def _start(self, client, kind: TokenKind, generation: int) -> None:
        run_in_background(client.list_tokens, kind, context=self,
                          on_result=lambda tokens: self._arrived(generation, kind, tokens, None),
                          on_error=lambda error: self._arrived(generation, kind, None, error))

    def cancel(self) -> None:
        """Forget the load in flight (e.g. the connection changed); its late answers are dropped."""
        self._generation += 1
        if self._pending:
            self._pending = 0
            self.busy_changed.emit(False)

    def _arrived(self, generation: int, kind: TokenKind, tokens: list | None, error: BaseException | None) -> None:
        if generation != self._generation:
            return
        if error is not None and self._error is None:
            self._error = error
        if tokens is not None:
            self._results[kind] = tokens
        self._pending -= 1
        if self._pending == 0:
            self._finish()

    def _finish(self) -> None:
        self.busy_changed.emit(False)
        if self._error is not None:
            self.failed.emit(self._error)
        else:
            self.loaded.emit(dict(self._results))

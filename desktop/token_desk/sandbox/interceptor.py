"""The seam between a request and its answer, for whoever starts a sandbox: the product passes none.

The sandbox works out each answer itself; an interceptor decides what reaches the wire: that answer, another
one, or none (the connection is hung up). Misbehaviour on demand (slow, failing, garbled or lost answers) is
one, and it lives with the tests (tests/sandbox/faults.py): the packaged app carries no fault switches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from token_desk.sandbox.service import Answer

Respond = Callable[[], Answer]


class Interceptor(Protocol):
    def answer(self, method: str, path: str, respond: Respond) -> Answer | None:
        """The answer to send for `method path` (`respond()` does the work and gives the service's own);
        None hangs up without answering. Runs on the request's own thread."""
        ...


class PassThrough:
    """Every request gets the service's own answer."""

    def answer(self, method: str, path: str, respond: Respond) -> Answer | None:
        return respond()

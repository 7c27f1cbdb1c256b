"""Python's cyclic garbage collector, paused while the window is built. No Qt here.

Building the window allocates tens of thousands of objects that live as long as it does (its modules'
functions and classes, the widgets' wrappers, the command registry): the collector would walk them some
fifty times while they are made (about 20 ms of the GUI thread's start, measured with gc.callbacks), and
find nothing to free. Cycles made meanwhile wait for the next collection after the pause; what a build that
succeeded made is frozen (gc.freeze), never walked again.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(build: Callable[P, R]) -> Callable[P, R]:
    """`build`, run with the collector off; it is back as it was when `build` returns (with everything alive
    then frozen) or raises."""

    @functools.wraps(build)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            built = build(*args, **kwargs)
        except BaseException:
            if was_enabled:
                gc.enable()
            raise
        if was_enabled:
            # Frozen: otherwise the first allocation after the pause sets off a collection that walks all of
            # it (tens of thousands of young objects, 20-60 ms in the middle of the first paint) and later
            # ones walk it again as it ages. Cycles among it stay until the process ends; objects freed by
            # their reference count (nearly all) are freed as ever.
            gc.freeze()
            gc.enable()
        return built

    return paused

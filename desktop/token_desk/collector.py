"""Python's cyclic garbage collector, paused while the window is built. No Qt here.

Building the window allocates tens of thousands of objects that live as long as it does (its modules'
functions and classes, the widgets' wrappers, the command registry): the collector would walk them some
fifty times while they are made (about 20 ms of the GUI thread's start, measured with gc.callbacks), and
find nothing to free. Cycles made meanwhile wait for the next collection after the pause.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(build: Callable[P, R]) -> Callable[P, R]:
    """`build`, run with the collector off; it is back as it was when `build` returns or raises."""

    @functools.wraps(build)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused

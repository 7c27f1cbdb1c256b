"""run_in_background for dialogs that may close while their work is running.

A Task is a child of its context and its callbacks (bound methods, closures)
hold the context's Python wrapper. If those callbacks hold the *last*
reference (a dialog closed and dropped mid-task), freeing them while Qt
deletes the Task would destroy the parent inside its child's destructor: a
use-after-free seen as random heap corruption. So the owner is kept alive here
until the event loop has finished deleting the Task.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer

from token_desk.tasks import ErrorCallback, ResultCallback, Task, run_in_background

_owners_of_live_tasks: dict[int, QObject] = {}


def run_for(owner: QObject, fn: Callable[..., Any], *args: Any, on_result: ResultCallback,
            on_error: ErrorCallback) -> Task:
    """Like run_in_background(context=owner), safe even when `owner` is dropped before the answer."""
    task = run_in_background(fn, *args, on_result=on_result, on_error=on_error, context=owner)
    key = id(task)
    _owners_of_live_tasks[key] = owner
    # Release on a later turn of the event loop, never inside the Task's own destruction.
    task.destroyed.connect(lambda *_ignored: QTimer.singleShot(0, lambda: _owners_of_live_tasks.pop(key, None)))
    return task

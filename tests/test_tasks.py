"""The off-thread helper: work runs on a worker, outcomes arrive on the GUI thread."""

import gc
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer

from token_desk.tasks import run_in_background, wait_for_workers


def test_result_is_delivered_on_the_gui_thread(qtbot):
    context = QObject()
    worker_threads, delivered = [], []

    def work(x):
        worker_threads.append(threading.current_thread())
        return x * 2

    run_in_background(work, 21, on_result=lambda r: delivered.append((r, QThread.currentThread())),
                      on_error=lambda e: delivered.append(e), context=context)
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert delivered == [(42, context.thread())]
    assert worker_threads[0] is not threading.main_thread()


def test_exception_is_delivered_to_on_error_not_raised(qtbot):
    context = QObject()
    errors = []

    def fail():
        raise ValueError("boom")

    run_in_background(fail, on_result=lambda r: errors.append("unexpected"),
                      on_error=errors.append, context=context)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "boom"


def test_event_loop_keeps_turning_while_work_runs(qtbot):
    context = QObject()
    release = threading.Event()
    ticks, delivered = [], []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    run_in_background(release.wait, 5, on_result=delivered.append, on_error=delivered.append, context=context)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert delivered == [True]


def test_outcome_is_dropped_when_context_is_destroyed(qtbot):
    context = QObject()
    release = threading.Event()
    delivered = []
    task = run_in_background(release.wait, 5, on_result=delivered.append,
                             on_error=delivered.append, context=context)
    destroyed = []
    context.destroyed.connect(lambda: destroyed.append(1))
    context.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert delivered == []


def test_callback_may_delete_the_context_it_runs_for(qtbot):
    """A dialog that closes and deletes itself from its result callback must not crash."""
    from shiboken6 import delete

    context = QObject()
    delivered = []

    def close_context(result):
        delivered.append(result)
        delete(context)  # immediate C++ deletion, as when a dialog's last reference goes

    task = run_in_background(lambda: "done", on_result=close_context, on_error=delivered.append, context=context)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    qtbot.wait(50)  # let the deferred delete of the task run
    assert delivered == ["done"]


def test_cancel_wakes_the_work_and_drops_its_outcome(qtbot):
    from token_desk.tasks import current_cancellation, wait_for_workers

    context, delivered, ended = QObject(), [], threading.Event()

    def wait_for_cancel():
        try:
            current_cancellation().sleep(60)  # a retry back-off, say
        finally:
            ended.set()

    task = run_in_background(wait_for_cancel, on_result=delivered.append, on_error=delivered.append,
                             context=context)
    task.cancel()
    assert ended.wait(5) and wait_for_workers(5000)
    qtbot.wait(50)
    assert delivered == []


def test_cancel_all_stops_every_running_task_and_its_registered_stoppers(qtbot):
    from token_desk.tasks import cancel_all, current_cancellation, wait_for_workers

    context, stopped, started = QObject(), [], threading.Barrier(3)

    def child_process_stand_in():
        current_cancellation().on_cancel(lambda: stopped.append(True))  # e.g. ending an influxctl
        started.wait(5)
        current_cancellation().sleep(60)

    for _ in range(2):
        run_in_background(child_process_stand_in, on_result=print, on_error=lambda e: None, context=context)
    started.wait(5)
    assert cancel_all() >= 2
    assert wait_for_workers(5000) and stopped == [True, True]


def test_work_alongside_a_task_gives_its_answer_and_stops_when_the_task_is_cancelled(qtbot):
    from token_desk.cancellation import CancelledError
    from token_desk.tasks import alongside, current_cancellation, wait_for_workers

    context, delivered, beside_started, beside_ended = QObject(), [], threading.Event(), threading.Event()

    def beside(x):
        return x + 1

    def waits_for_cancel():
        beside_started.set()
        try:
            current_cancellation().sleep(60)  # a second request the server holds, say
        finally:
            beside_ended.set()

    def task_work():
        answered = alongside(beside, 41).result()
        held = alongside(waits_for_cancel)
        try:
            held.result()
        except CancelledError:
            delivered.append(("beside was cancelled with its task", answered))
            raise

    task = run_in_background(task_work, on_result=delivered.append, on_error=lambda e: None, context=context)
    assert beside_started.wait(5)
    task.cancel()
    assert beside_ended.wait(5) and wait_for_workers(5000)
    assert delivered == [("beside was cancelled with its task", 42)]


def test_finished_work_is_let_go_with_its_arguments(qtbot):
    """A task's function and arguments (a whole token list, say) are freed once its outcome is delivered.
    Work quick enough to be done before the pool's start() returns was once kept for good; many such tasks,
    each started from the last one's delivery as the shared-descriptions count is, meet that moment."""
    context = QObject()
    delivered, alive = [], weakref.WeakSet()

    class Rows:
        def count(self) -> int:
            return 1

    def start_next(_outcome=None) -> None:
        if len(delivered) < 300:
            rows = Rows()
            alive.add(rows)
            run_in_background(rows.count, on_result=lambda r: (delivered.append(r), start_next()),
                              on_error=delivered.append, context=context)

    for _ in range(4):  # four chains at once keep the pool's threads awake and quick to pick work up
        start_next()
    qtbot.waitUntil(lambda: len(delivered) >= 300 and wait_for_workers(5000), timeout=20_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert len(alive) == 0


def test_work_started_while_held_runs_in_order_once_released(qtbot):
    from token_desk.tasks import hold_background_work

    context, ran, delivered = QObject(), [], []
    release = hold_background_work()
    try:
        for name in ("first", "second"):
            run_in_background(ran.append, name, on_result=delivered.append, on_error=delivered.append,
                              context=context)
        qtbot.wait(100)
        assert ran == [] and delivered == []
    finally:
        release()
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=5000)
    assert sorted(ran) == ["first", "second"]
    release()  # again: nothing held any more, and nothing is run twice
    run_in_background(ran.append, "after", on_result=delivered.append, on_error=delivered.append, context=context)
    qtbot.waitUntil(lambda: len(delivered) == 3, timeout=5000)
    assert sorted(ran) == ["after", "first", "second"]

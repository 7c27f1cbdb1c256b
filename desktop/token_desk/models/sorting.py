"""Rows sorted by one column's keys, ties in token ID order: the algorithms, as pure functions on lists, so a
worker can run them on a snapshot (RowValues.order_work) as well as the GUI thread on a click (row_order)."""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Callable


def ordered_by_keys(keys: list, distinct: int, id_ordered: list[int] | None, ids: Callable[[], list[str]],
                    descending: bool) -> list[int]:
    """The rows sorted by `keys` (`distinct` of them differ), ties in token ID order.

    Sorting the ID-ordered rows stably breaks ties by token ID; reverse=True keeps
    that tie order, so a second click reverses by the column only. Without ties the
    source order is sorted instead: servers often list rows nearly sorted already,
    which Timsort turns into a linear pass (measured 6x faster at 100,000 rows).
    """
    if distinct == len(keys):
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
    if distinct * FEW_KEYS_RATIO <= len(keys):
        if id_ordered is None:  # sorting each group by ID is half the work of sorting every ID first
            return _grouped_by_key_then_id(ids(), keys, descending)
        return _grouped_by_key(id_ordered, keys, descending)
    return _sorted_then_ties_by_id(ids(), keys, descending)


def column_order(keys: list, id_ordered: list[int], pause: Callable[[], None] = lambda: None) -> ColumnOrder:
    """A column's order as sorted_rows() gives it, both ways (pure: a worker makes it from a snapshot).

    Made in steps, with `pause()` after each: a worker in C holds the interpreter lock, which every cell the
    window draws needs (a call into Python each), and one sort of 100,000 rows held it for 100-300 ms on a
    busy machine. So the ID order is sorted stably in chunks, then the chunks as one list: Timsort finds them
    sorted already and only merges them, a fraction of a whole sort (the ties stay in ID order: each chunk's
    IDs come before the next's). A merge in Python (heapq) was worse: a worker running Python makes every
    call the window makes into Python wait for the lock to change hands."""
    ascending: list[int] = []
    for start in range(0, len(id_ordered), ROWS_AT_ONCE):
        ascending += sorted(id_ordered[start:start + ROWS_AT_ONCE], key=keys.__getitem__)
        pause()
    ascending.sort(key=keys.__getitem__)
    pause()
    ties = _tie_runs(ascending, keys)
    pause()
    return ColumnOrder(ascending, ties)


# Sorting this many rows takes a few milliseconds.
ROWS_AT_ONCE = 8192


class ColumnOrder:
    """One column's rows in ascending order, ties in token ID order, made once per list (on a worker: see
    RowValues.order_work), so a click on its header, either way, sorts nothing.

    Kept as an array of C ints (4 bytes a row, not a list's 8 and an int object's 32) and handed out as a
    new list of new ints, made one after the other in display order: the proxy's filter then reads them in
    the order they lie in memory. Sorted rows' ints lie in source order, and reading them in display order
    (a cache miss a row) made filtering 100,000 rows three times slower (16 against 50 ms)."""

    __slots__ = ("_ascending", "_ties")

    def __init__(self, ascending: list[int], ties: list[tuple[int, int]]) -> None:
        self._ascending = array("i", ascending)
        self._ties = ties  # (start, end) of each run of equal keys in `ascending`

    def rows(self, descending: bool) -> list[int]:
        if not descending:
            return self._ascending.tolist()
        # Reversed, each run of equal keys comes out in reverse ID order: put back its ascending run.
        order, count = self._ascending[::-1], len(self._ascending)
        for start, end in self._ties:
            order[count - end:count - start] = self._ascending[start:end]
        return order.tolist()


def _tie_runs(order: list[int], keys: list) -> list[tuple[int, int]]:
    """Where `order` (sorted by `keys`, either way) holds runs of equal keys: (start, end) of each, found in C
    by `list.index` over the neighbours' equality."""
    in_order = list(map(keys.__getitem__, order))
    same_as_next = list(map(operator.eq, in_order, itertools.islice(in_order, 1, None)))
    runs = []
    start = 0
    while True:
        try:
            start = same_as_next.index(True, start)
        except ValueError:
            return runs
        try:
            end = same_as_next.index(False, start)
        except ValueError:
            end = len(same_as_next)
        runs.append((start, end + 1))
        start = end + 1


def _sorted_then_ties_by_id(ids: list[str], keys: list, descending: bool) -> list[int]:
    """The same order as sorting the ID-ordered rows, for columns with many keys and a few ties (a
    description two tokens share): the source order is sorted (its runs make Timsort's work light, as above:
    sorting the ID order instead, random against the keys, was 3x the floor for Description at 100,000 rows),
    then each run of equal keys is put in ID order."""
    order = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
    for start, end in _tie_runs(order, keys):
        order[start:end] = sorted(order[start:end], key=ids.__getitem__)
    return order


# Columns like Status or Created By hold a handful of values across thousands of rows.
FEW_KEYS_RATIO = 16


def _grouped_by_key(id_ordered: list[int], keys: list, descending: bool) -> list[int]:
    """The same order sorted() gives, for columns with few distinct keys: one linear pass
    puts the rows (in ID order) into a group per key, then the groups are joined in key
    order. Sorting would compare keys n log n times (measured 2-4x slower at 100,000)."""
    groups: dict = {}
    for row in id_ordered:
        group = groups.get(keys[row])
        if group is None:
            group = groups[keys[row]] = []
        group.append(row)
    ordered: list[int] = []
    for key in sorted(groups, reverse=descending):
        ordered += groups[key]
    return ordered


def _grouped_by_key_then_id(ids: list[str], keys: list, descending: bool) -> list[int]:
    """The same order again, without the ID order made yet (a list just shown): the rows are grouped by key
    in source order, then each group is sorted by ID (measured: 71 against 141 ms at 100,000 rows)."""
    groups: dict = {}
    for row, key in enumerate(keys):
        group = groups.get(key)
        if group is None:
            group = groups[key] = []
        group.append(row)
    ordered: list[int] = []
    for key in sorted(groups, reverse=descending):
        group = groups[key]
        group.sort(key=ids.__getitem__)
        ordered += group
    return ordered

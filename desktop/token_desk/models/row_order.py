"""Which source rows a token table shows, and in what order: plain Python on the
precomputed values of a RowValues, fast enough for 100,000 rows on every keystroke."""

from __future__ import annotations

import itertools
import operator

from msgspec import Struct

from token_desk.models.columns import ColumnSpec
from token_desk.models.row_values import RowValues


class Counts(Struct, frozen=True):
    """For a status line like "18 tokens · 15 shown · 3 inactive hidden".

    inactive_hidden counts the revoked or expired tokens that match the search but are
    hidden because "show inactive" is off (0 when it is on), so that it says exactly how
    many more rows turning the toggle on would show. total - shown - inactive_hidden
    tokens are hidden by the search alone.
    """

    total: int
    shown: int
    inactive_hidden: int
    needs_attention: int = 0  # active tokens with at least one finding (the Needs attention toggle's count)


class RowFilter(Struct, frozen=True):
    needle: str = ""  # casefolded search text; "" matches everything
    show_inactive: bool = False
    attention_only: bool = False  # only tokens with findings (all of them active)

    def matches(self, rows: RowValues, row: int) -> bool:
        if self.attention_only and not rows.findings.masks[row]:
            return False
        if not self.show_inactive and not rows.active[row]:
            return False
        return self.needle in rows.search_texts[row]


def sorted_rows(rows: RowValues, column: ColumnSpec | None, descending: bool) -> list[int]:
    """Every source row in display order; ties (and the unsorted state) in a stable order.

    Sorting the ID-ordered rows stably breaks ties by token ID; reverse=True keeps
    that tie order, so a second click reverses by the column only. Without ties the
    source order is sorted instead: servers often list rows nearly sorted already,
    which Timsort turns into a linear pass (measured 6x faster at 100,000 rows).
    """
    if column is None:
        return list(range(len(rows)))
    keys = rows.keys(column)
    if rows.keys_are_unique(column):
        return sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)
    if rows.distinct_keys(column) * FEW_KEYS_RATIO <= len(rows):
        id_ordered = rows.known_id_order()
        if id_ordered is None:  # sorting each group by ID is half the work of sorting every ID first
            return _grouped_by_key_then_id(rows.ids(), keys, descending)
        return _grouped_by_key(id_ordered, keys, descending)
    return _sorted_then_ties_by_id(rows.ids(), keys, descending)


def _sorted_then_ties_by_id(ids: list[str], keys: list, descending: bool) -> list[int]:
    """The same order as sorting the ID-ordered rows, for columns with many keys and a few ties (a
    description two tokens share): the source order is sorted (its runs make Timsort's work light, as above:
    sorting the ID order instead, random against the keys, was 3x the floor for Description at 100,000 rows),
    then each run of equal keys is put in ID order. The runs are found in C: `list.index` over the
    neighbours' equality."""
    order = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
    in_order = [keys[row] for row in order]
    same_as_next = list(map(operator.eq, in_order, itertools.islice(in_order, 1, None)))
    start = 0
    while True:
        try:
            start = same_as_next.index(True, start)
        except ValueError:
            return order
        try:
            end = same_as_next.index(False, start)
        except ValueError:
            end = len(same_as_next)
        order[start:end + 1] = sorted(order[start:end + 1], key=ids.__getitem__)
        start = end + 1


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


def filter_rows(rows: RowValues, order: list[int], row_filter: RowFilter) -> list[int]:
    """The rows of `order` that pass the filter, keeping their order.

    Matching runs first over the rows in source order, which is memory order; testing
    them in display order (random access) measured three times slower at 100,000 rows.
    """
    visible = _visible_flags(rows, row_filter)
    if visible is None:
        return list(order)
    return [row for row in order if visible[row]]


def _visible_flags(rows: RowValues, row_filter: RowFilter) -> list | None:
    needle = row_filter.needle
    if row_filter.attention_only:  # a row with findings is active, whatever "show inactive" says
        masks = rows.findings.masks
        return [mask and needle in text for mask, text in zip(masks, rows.search_texts)] if needle else masks
    if row_filter.show_inactive:
        return [needle in text for text in rows.search_texts] if needle else None
    if not needle:
        return rows.active
    return [active and needle in text for active, text in zip(rows.active, rows.search_texts)]


def count_rows(rows: RowValues, shown: int, row_filter: RowFilter) -> Counts:
    hidden = 0
    if not row_filter.show_inactive and not row_filter.attention_only:
        needle, inactive = row_filter.needle, rows.inactive_rows()
        if needle:  # the search texts only now: a list just shown has not made them (see RowValues)
            texts = rows.search_texts
            hidden = sum(1 for row in inactive if needle in texts[row])
        else:
            hidden = len(inactive)
    return Counts(total=len(rows), shown=shown, inactive_hidden=hidden, needs_attention=rows.findings.count())


def insertion_point(
    rows: RowValues, ordered: list[int], row: int, column: ColumnSpec | None, descending: bool
) -> int:
    """Where `row` belongs in `ordered` (which must not contain it): binary search with
    the same order sorted_rows() produces."""
    precedes = _precedes_function(rows, column, descending)
    low, high = 0, len(ordered)
    while low < high:
        middle = (low + high) // 2
        if precedes(ordered[middle], row):
            low = middle + 1
        else:
            high = middle
    return low


def _precedes_function(rows: RowValues, column: ColumnSpec | None, descending: bool):
    if column is None:
        return lambda a, b: a < b
    keys, tokens = rows.keys(column), rows.tokens

    def precedes(a: int, b: int) -> bool:
        key_a, key_b = keys[a], keys[b]
        if key_a == key_b:
            return tokens[a].id < tokens[b].id
        return key_a > key_b if descending else key_a < key_b

    return precedes

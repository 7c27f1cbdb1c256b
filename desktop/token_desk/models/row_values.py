"""Per-row values computed once per token list, so sorting and searching run in C loops.

Qt's own QSortFilterProxyModel calls back into Python for every comparison; sorting
Python lists of precomputed keys is two to three orders of magnitude faster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import attrgetter

from token_desk.api.models import Token
from token_desk.cancellation import current_cancellation
from token_desk.findings import DEFAULT_POLICY, FindingSet, Policy
from token_desk.findings.evaluate import SharedDescriptions
from token_desk.findings.rules import mask_sort_keys
from token_desk.models.cells import search_texts
from token_desk.models.columns import ColumnSpec, search_fields
from token_desk.models.display import active_flags, display_status, display_statuses
from token_desk.models.sorting import ColumnOrder, column_order


class RowValues:
    """Tokens in source order, with statuses and findings; search texts, the ID order and each column's sort
    keys on first use (or, the first two, from a worker: see deferred_work); each column's order from a worker
    (see order_work), which a click on its header then reads instead of sorting.

    Build it where the caller likes (e.g. on the worker thread that fetched the list):
    TokenTableModel.set_tokens() takes it as is when it was built for the model's columns.
    """

    def __init__(self, columns: Sequence[ColumnSpec], tokens: Sequence[Token] = (),
                 now: datetime | None = None, policy: Policy = DEFAULT_POLICY,
                 databases: Iterable[str] | None = None) -> None:
        self.columns = tuple(columns)
        self.tokens: list[Token] = list(tokens)
        self.now = now
        self.statuses = display_statuses(self.tokens, now) if self.tokens else []
        self.active = active_flags(self.statuses)
        self._search_fields = search_fields(self.columns)
        # Search texts and the ID order are not needed to show the rows (100 ms and more at 100,000): made on
        # first use, or on a worker once the rows are shown (see deferred_work).
        self._search_texts: list[str] | None = None
        # What an auditor would flag, per row: databases are the cluster's (None: not known).
        self.findings = FindingSet(self.tokens, self.active, now, policy, databases)
        self._keys: dict[ColumnSpec, list] = {}
        self._distinct_keys: dict[ColumnSpec, int] = {}
        self._orders: dict[ColumnSpec, ColumnOrder] = {}
        self._id_order: list[int] | None = None
        self._version = 0  # counts replaced and added rows, so work done on a snapshot knows it is stale
        self._row_by_id: dict[str, int] | None = None
        self._inactive_rows: list[int] | None = None
        self._parts: list[RowValues] = []  # set by combined(): the lists these rows are joined from

    @classmethod
    def combined(cls, parts: Sequence[RowValues]) -> RowValues:
        """One table of several lists' rows (each cluster's, say), in the parts' order, reusing what each part
        already computed (statuses, search texts, ID order, sort keys): no token is looked at again."""
        if len(parts) == 1:
            return parts[0]
        if not parts:
            raise ValueError("combined() needs at least one part")
        columns = parts[0].columns
        if any(part.columns != columns for part in parts):
            raise ValueError("rows prepared for different columns cannot be combined")
        rows = cls.__new__(cls)
        rows.columns, rows.now = columns, parts[0].now
        rows.tokens, rows.statuses, rows.active = [], [], []
        for part in parts:
            rows.tokens += part.tokens
            rows.statuses += part.statuses
            rows.active += part.active
        rows._search_fields = parts[0]._search_fields
        texts = [part._search_texts for part in parts]
        rows._search_texts = None if None in texts else [text for part_texts in texts for text in part_texts]
        rows._keys = {}
        rows._orders = {}
        rows._parts = list(parts)  # each part computes a column's keys once, however often parts are joined
        rows._distinct_keys = {}
        rows._id_order = None  # merged from the parts' on first use (see id_order)
        rows._version = 0
        # Each part's findings as they are (its own cluster's databases), without evaluating a token again;
        # shared descriptions are counted anew, per cluster (TokenPage counts them on a worker).
        databases = {part.tokens[0].cluster: part.findings.databases for part in parts if part.tokens}
        masks = [mask for part in parts for mask in part.findings.masks]
        rows.findings = FindingSet(rows.tokens, rows.active, rows.now, parts[0].findings.policy, databases,
                                   masks=masks)
        if all(part.findings.shared is not None for part in parts):  # each counted already: no need again
            rows.findings.shared = {(part.tokens[0].cluster, text): count
                                    for part in parts if part.tokens for text, count in part.findings.shared.items()}
        rows._row_by_id = rows._inactive_rows = None
        return rows

    def __len__(self) -> int:
        return len(self.tokens)

    def keys(self, column: ColumnSpec) -> list:
        """Sort keys of every row, computed on the first sort by `column`."""
        keys = self._keys.get(column)
        if keys is None:
            if column.from_findings:
                sort_keys = mask_sort_keys()
                keys = self._keys[column] = [sort_keys[mask] for mask in self.findings.masks]
            elif self._parts:
                keys = self._keys[column] = [key for part in self._parts for key in part.keys(column)]
            else:
                keys = self._keys[column] = column.sort_keys(self.tokens, self.statuses)
        return keys

    def set_policy(self, policy: Policy) -> None:
        """Work the findings out again under new numbers (Preferences → Policy), same tokens and moment."""
        counted = self.findings.shared is not None
        self.findings = self.findings.under(policy)
        if counted:  # a person's change, once: counted here rather than shown without them
            self.findings.apply_shared(self.findings.count_shared())
        self._forget_findings_keys()

    def apply_shared(self, shared: SharedDescriptions) -> list[int]:
        """Add the shared-description findings counted on a worker; returns the rows that changed."""
        rows = self.findings.apply_shared(shared)
        self._refresh_findings_keys(rows)
        return rows

    def _refresh_findings_keys(self, rows: Iterable[int]) -> None:
        masks = self.findings.masks
        for column, keys in self._keys.items():
            if column.from_findings:  # none before a sort by findings: the empty lists of the start make no keys
                sort_keys = mask_sort_keys()
                for row in rows:
                    keys[row] = sort_keys[masks[row]]
        self._distinct_keys.clear()

    def _forget_findings_keys(self) -> None:
        for column in [column for column in self._keys if column.from_findings]:
            del self._keys[column]
            self._distinct_keys.pop(column, None)

    def distinct_keys(self, column: ColumnSpec) -> int:
        """How many different sort keys `column` has (computed once per list)."""
        count = self._distinct_keys.get(column)
        if count is None:
            count = self._distinct_keys[column] = len(set(self.keys(column)))
        return count

    @property
    def search_texts(self) -> list[str]:
        """What the search box matches in each row (see cells.search_texts)."""
        if self._search_texts is None:
            self._search_texts = search_texts(self.tokens, self._search_fields)
        return self._search_texts

    def id_order(self) -> list[int]:
        """Rows ordered by token ID: sorting this stably gives ties in ID order."""
        if self._id_order is None:
            if self._parts and all(part._id_order is not None for part in self._parts):
                self._id_order = _merged_id_order(self._parts, self.tokens)
            else:
                self._id_order = _id_order(self.tokens)
        return self._id_order

    def known_order(self, column: ColumnSpec) -> ColumnOrder | None:
        """`column`'s order, if a worker made it for these rows as they are (see order_work)."""
        return self._orders.get(column)

    def order_work(self, column: ColumnSpec) -> Callable[[], Callable[[], None]] | None:
        """`column`'s keys and order (both ways), as work for a worker thread once the rows are shown, in the
        manner of deferred_work: sorting 100,000 rows on a person's first click took 100-230 ms, reading the
        order 15-40. None: made already, no rows, or a column of findings (those change on the GUI thread when
        shared descriptions are counted; they sort quickly anyway: a handful of keys)."""
        if column in self._orders or column.from_findings or not self.tokens:
            return None
        tokens, statuses, version = list(self.tokens), list(self.statuses), self._version
        keys, id_order = self._keys.get(column), self._id_order

        def make() -> Callable[[], None]:
            made = keys if keys is not None else column.sort_keys(tokens, statuses)
            by_id = id_order if id_order is not None else _id_order(tokens)
            order = column_order(made, by_id, pause=_let_the_window_draw)

            def put_in_place() -> None:
                if self._version == version:
                    if self._id_order is None:  # made for this order: the next column's need not sort the IDs
                        self._id_order = by_id
                    self._keys.setdefault(column, made)
                    self._orders.setdefault(column, order)
            return put_in_place
        return make

    def known_id_order(self) -> list[int] | None:
        """The ID order if it is made already (sorting without it can be cheaper than making it)."""
        return self._id_order

    def ids(self) -> list[str]:
        return list(map(_ID, self.tokens))

    def deferred_work(self) -> Callable[[], Callable[[], None]] | None:
        """What these rows make on first use (search texts, ID order) and have not made yet, as work for a
        worker thread once the rows are shown: it reads a snapshot, and returns a function that puts the
        results in place when called on the GUI thread, unless the rows changed or made them meanwhile.
        None: nothing left to make."""
        if self._search_texts is not None and self._id_order is not None:
            return None
        tokens, fields, version = list(self.tokens), self._search_fields, self._version

        def make() -> Callable[[], None]:
            texts = search_texts(tokens, fields) if self._search_texts is None else None
            order = _id_order(tokens) if self._id_order is None else None

            def put_in_place() -> None:
                if self._version != version:
                    return
                if self._search_texts is None and texts is not None:
                    self._search_texts = texts
                if self._id_order is None and order is not None:
                    self._id_order = order
            return put_in_place
        return make

    def inactive_rows(self) -> list[int]:
        """Rows of revoked or expired tokens (usually few), in source order."""
        if self._inactive_rows is None:
            self._inactive_rows = [row for row, active in enumerate(self.active) if not active]
        return self._inactive_rows

    def row_of(self, token_id: str) -> int | None:
        if self._row_by_id is None:
            self._row_by_id = {token.id: row for row, token in enumerate(self.tokens)}
        return self._row_by_id.get(token_id)

    def replace(self, row: int, token: Token) -> list[int]:
        """Swap in a new version of the token in `row` (same ID) and refresh its values (in the part it came
        from too, so joining the parts again later shows it as it is now); returns the other rows whose
        findings changed as well (a description is no longer, or now, shared)."""
        offset = 0
        for part in self._parts:
            if row < offset + len(part):
                part.replace(row - offset, token)
                break
            offset += len(part)
        status = display_status(token, self.now)
        old = self.tokens[row]
        self.tokens[row] = token
        self.statuses[row] = status
        self.active[row] = status.is_active
        self._inactive_rows = None
        self._version += 1
        if self._search_texts is not None:
            self._search_texts[row] = search_texts([token], self._search_fields)[0]
        self._distinct_keys.clear()
        self._orders.clear()
        others = self.findings.replaced(row, old)
        self._refresh_keys(row, token, status)
        self._refresh_findings_keys(others)
        return others

    def _refresh_keys(self, row: int, token: Token, status) -> None:
        for column, keys in self._keys.items():
            if column.from_findings:
                keys[row:row + 1] = [mask_sort_keys()[self.findings.masks[row]]]
            else:
                keys[row:row + 1] = column.sort_keys([token], [status])

    def findings_at(self, row: int):
        """Row `row`'s findings, worst first, each with its sentence."""
        return self.findings.findings(row)

    def append(self, token: Token) -> list[int]:
        """Add a token (one just created) at the end, with its values; returns the other rows whose findings
        changed as well."""
        self._parts = []  # no part holds it: these rows are their own from now on
        status = display_status(token, self.now)
        self.tokens.append(token)
        self.statuses.append(status)
        self.active.append(status.is_active)
        self._version += 1
        if self._search_texts is not None:
            self._search_texts.append(search_texts([token], self._search_fields)[0])
        others = self.findings.appended()
        self._refresh_keys(len(self.tokens) - 1, token, status)
        self._refresh_findings_keys(others)
        self._distinct_keys.clear()
        self._orders.clear()
        self._inactive_rows = self._id_order = None
        if self._row_by_id is not None:
            self._row_by_id[token.id] = len(self.tokens) - 1
        return others


def _merged_id_order(parts: Sequence[RowValues], tokens: list[Token]) -> list[int]:
    """Every part's rows in ID order, merged: each part is already sorted, which timsort finds and merges."""
    order: list[int] = []
    offset = 0
    for part in parts:
        order += [row + offset for row in part.id_order()] if offset else part.id_order()
        offset += len(part)
    ids = list(map(_ID, tokens))
    order.sort(key=ids.__getitem__)
    return order


def _id_order(tokens: Sequence[Token]) -> list[int]:
    ids = list(map(_ID, tokens))
    return sorted(range(len(ids)), key=ids.__getitem__)


_ID = attrgetter("id")


def _let_the_window_draw() -> None:
    """A worker's pause between steps of its work: the GUI thread takes the interpreter lock meanwhile. A task
    cancelled by then (the app quitting) stops here rather than sorting on for nobody."""
    current_cancellation().sleep(WORKER_PAUSE_S)


# At least as long as a step of the work takes: the window draws between the steps.
WORKER_PAUSE_S = 0.01

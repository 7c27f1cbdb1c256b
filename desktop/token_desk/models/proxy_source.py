"""Keeps TokenFilterProxy in step with its source model's change signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex

if TYPE_CHECKING:
    from token_desk.models.filter_proxy import TokenFilterProxy

# Structural changes the token model never makes itself; a full reset is correct and rare.
_STRUCTURE_SIGNALS = (
    ("rowsAboutToBeInserted", "rowsInserted"),
    ("rowsAboutToBeRemoved", "rowsRemoved"),
    ("rowsAboutToBeMoved", "rowsMoved"),
    ("columnsAboutToBeInserted", "columnsInserted"),
    ("columnsAboutToBeRemoved", "columnsRemoved"),
    ("columnsAboutToBeMoved", "columnsMoved"),
    ("layoutAboutToBeChanged", "layoutChanged"),
    ("modelAboutToBeReset", "modelReset"),
)


class SourceRelay:
    def __init__(self, proxy: TokenFilterProxy) -> None:
        self._proxy = proxy
        self._connections: list = []
        self._resetting = False

    def connect_source(self, source: QAbstractItemModel) -> None:
        for before, after in _STRUCTURE_SIGNALS:
            self._connect(getattr(source, before), self._begin_reset)
            self._connect(getattr(source, after), self._end_reset)
        self._connect(source.dataChanged, self._data_changed)

    def disconnect_source(self) -> None:
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the old source is already deleted
                pass
        self._connections.clear()

    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _begin_reset(self, *args) -> None:
        if not self._resetting:
            self._resetting = True
            self._proxy.beginResetModel()

    def _end_reset(self, *args) -> None:
        if self._resetting:
            self._proxy.rebuild()
            self._resetting = False
            self._proxy.endResetModel()
            self._proxy.publish_counts()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._proxy.reposition_row(row)

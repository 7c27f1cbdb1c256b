"""Plans how one changed source row moves within a proxy's visible rows (pure)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class RowChange(enum.Enum):
    NONE = "none"  # hidden before and after
    CHANGED = "changed"  # same place, new data
    MOVED = "moved"
    REMOVED = "removed"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class RowUpdate:
    change: RowChange
    old_position: int = -1  # in the visible rows before the change
    new_position: int = -1  # in the visible rows after the change


def plan_row_update(old_position: int, visible: bool, new_position: int) -> RowUpdate:
    """new_position is where the row belongs among the other visible rows."""
    if old_position < 0:
        change = RowChange.INSERTED if visible else RowChange.NONE
        return RowUpdate(change, old_position, new_position)
    if not visible:
        return RowUpdate(RowChange.REMOVED, old_position)
    change = RowChange.CHANGED if new_position == old_position else RowChange.MOVED
    return RowUpdate(change, old_position, new_position)


def move_destination(update: RowUpdate) -> int:
    """beginMoveRows() counts the destination in rows before the move."""
    if update.new_position > update.old_position:
        return update.new_position + 1
    return update.new_position

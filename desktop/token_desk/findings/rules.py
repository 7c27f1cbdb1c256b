"""The finding rules: each has a stable ID (exports and tests name it), a short label for the table,
a severity, the fix that fits, and one sentence saying why it matters. One home, so the table, the
Details dialog, the exports and the calendar file never word a finding differently. No Qt."""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from datetime import timedelta

import msgspec

from token_desk.api.models import TokenKind


class Severity(enum.IntEnum):
    """Higher is worse; the Findings column sorts by the worst one, then by how many."""

    NOTE = 1
    WARNING = 2
    SERIOUS = 3


class Fix(enum.Enum):
    """The command that puts a finding right (its value is the button's text)."""

    ROTATE = "Rotate…"
    EDIT = "Edit…"
    REVOKE = "Revoke…"


class Rule(msgspec.Struct, frozen=True):
    id: str
    label: str
    severity: Severity
    bit: int  # its place in a row's bit mask (see evaluate.py)
    kinds: frozenset[TokenKind]
    management_fix: Fix | None
    database_fix: Fix | None

    def fix_for(self, kind: TokenKind) -> Fix | None:
        # Management tokens cannot be edited: a new description or an expiry means a replacement.
        return self.management_fix if kind is TokenKind.MANAGEMENT else self.database_fix


BOTH = frozenset(TokenKind)
MANAGEMENT_ONLY = frozenset({TokenKind.MANAGEMENT})
DATABASE_ONLY = frozenset({TokenKind.DATABASE})

NEVER_EXPIRES = Rule("never-expires", "Never expires", Severity.SERIOUS, 1 << 0, MANAGEMENT_ONLY, Fix.ROTATE, None)
ALL_DATABASES = Rule("all-databases", "All databases", Severity.WARNING, 1 << 1, DATABASE_ONLY, None, Fix.EDIT)
MISSING_DATABASE = Rule("missing-database", "Missing database", Severity.WARNING, 1 << 2, DATABASE_ONLY,
                        None, Fix.EDIT)
EXPIRES_SOON = Rule("expires-soon", "Expires soon", Severity.WARNING, 1 << 3, BOTH, Fix.ROTATE, Fix.ROTATE)
OLD = Rule("old", "Old", Severity.WARNING, 1 << 4, BOTH, Fix.ROTATE, Fix.ROTATE)
NO_PERMISSIONS = Rule("no-permissions", "No permissions", Severity.NOTE, 1 << 5, DATABASE_ONLY, None, Fix.REVOKE)
DUPLICATE_DESCRIPTION = Rule("duplicate-description", "Shared description", Severity.NOTE, 1 << 6, BOTH,
                             Fix.ROTATE, Fix.EDIT)
NO_DESCRIPTION = Rule("no-description", "No description", Severity.NOTE, 1 << 7, BOTH, Fix.ROTATE, Fix.EDIT)

# In the order a person reads them: the worst first.
RULES: tuple[Rule, ...] = (NEVER_EXPIRES, ALL_DATABASES, MISSING_DATABASE, EXPIRES_SOON, OLD, NO_PERMISSIONS,
                           DUPLICATE_DESCRIPTION, NO_DESCRIPTION)
RULES_BY_ID = {rule.id: rule for rule in RULES}


class Finding(msgspec.Struct, frozen=True):
    rule: Rule
    sentence: str

    @property
    def id(self) -> str:
        return self.rule.id


def rules_in(mask: int) -> list[Rule]:
    return [rule for rule in RULES if mask & rule.bit]


def labels(mask: int) -> str:
    """The Findings cell: "Never expires, Old"; "" for none."""
    return ", ".join(rule.label for rule in rules_in(mask))


def sort_key(mask: int) -> int:
    """Worst severity, then count; negative so that an ascending sort (the first click) puts the worst first
    and tokens without findings last."""
    found = rules_in(mask)
    if not found:
        return 0
    return -(max(rule.severity for rule in found) * 16 + len(found))


# Every mask's label and key, worked out once: a cell or a sort then costs one list index. At the first
# findings shown or sorted, not when the module loads: the window's first paint shows none.
MASK_COUNT = 1 << len(RULES)


@functools.cache
def mask_labels() -> tuple[str, ...]:
    return tuple(labels(mask) for mask in range(MASK_COUNT))


@functools.cache
def mask_sort_keys() -> tuple[int, ...]:
    return tuple(sort_key(mask) for mask in range(MASK_COUNT))


def join_names(names: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def time_until(remaining: timedelta) -> str:
    """The largest whole unit left, e.g. "3 days", "1 hour", "less than a minute" (the status tooltip says
    it the same way)."""
    seconds = int(remaining.total_seconds())
    for unit, length in (("day", 86400), ("hour", 3600), ("minute", 60)):
        count = seconds // length
        if count >= 1:
            return plural(count, unit)
    return "less than a minute"

"""The numbers behind the findings (Preferences → Policy): plain values, no Qt."""

from __future__ import annotations

import msgspec

# Each setting: (smallest, largest) a person may choose, in days.
DAY_RANGE = (1, 3650)


class Policy(msgspec.Struct, frozen=True):
    """When a token is worth a second look. Defaults follow common audit practice: GitLab warns 7 days
    and 1 day ahead, AWS IAM flags keys older than 90 days; database tokens live longer than admin ones."""

    expiry_warning_days: int = 14
    management_max_age_days: int = 90
    database_max_age_days: int = 365

    def clamped(self) -> Policy:
        """The same policy with every number inside DAY_RANGE (a hand-edited settings file may hold anything)."""
        low, high = DAY_RANGE
        return Policy(*(min(max(int(value), low), high) for value in (
            self.expiry_warning_days, self.management_max_age_days, self.database_max_age_days)))


DEFAULT_POLICY = Policy()

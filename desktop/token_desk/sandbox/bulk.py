"""Many plausible tokens at once, for benchmarks (100,000 rows in well under 5 s).

Rows are written as JSON text from templates rather than through records.py:
every value here is plain ASCII we generate ourselves, so nothing needs
escaping, and per-row dict encoding would dominate the time.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Iterator

from token_desk.sandbox.records import to_json
from token_desk.sandbox.secrets_gen import SECRET_ALPHABET as _SECRET_ALPHABET
from token_desk.sandbox.wire import TIMESTAMP_STYLES, expiry_epoch, format_timestamp, random_uuid

_DATABASES = ("telemetry", "metrics", "logs", "iot_sensors", "billing_events", "staging", "*")
_ACTIONS = ("read", "write")
# Management tokens are created by a handful of administrators and automation accounts,
# not by a different user each: the creator IDs repeat, as they would in a real account.
_CREATORS = 24


class BulkRows:
    """Varied rows: every 9th revoked, every 7th expired, every 5th expiring within a week."""

    def __init__(self, seed: int, account_id: str, cluster_id: str) -> None:
        self.rng = random.Random(seed)
        self.now = datetime.now(timezone.utc)
        self.account_id, self.cluster_id = account_id, cluster_id
        self._stamps: dict[tuple[int, float], str] = {}
        self._creators = [random_uuid(self.rng) for _ in range(_CREATORS)]

    def _prefix(self) -> str:
        """A token's first characters, random as a real secret's (prefix_of(new_management_secret()))."""
        return "M.V1." + "".join(self.rng.choices(_SECRET_ALPHABET, k=4))

    def _stamp(self, index: int, days: float) -> str:
        # Few distinct (style, day) pairs repeat across 100,000 rows: format each once.
        key = (index % len(TIMESTAMP_STYLES), days)
        stamp = self._stamps.get(key)
        if stamp is None:
            stamp = format_timestamp(self.now + timedelta(days=days), TIMESTAMP_STYLES[key[0]], index)
            self._stamps[key] = stamp
        return stamp

    def _expiry(self, index: int) -> str | None:
        if index % 7 == 0:
            return self._stamp(index, -1 - index % 30)
        if index % 5 == 0:
            return self._stamp(index + 1, 0.5 + index % 6)
        return None if index % 2 else self._stamp(index + 2, 30 + index % 300)

    def _revoked(self, index: int) -> str | None:
        return self._stamp(index + 3, -(index % 50)) if index % 9 == 0 else None

    def _tail(self, index: int) -> tuple[str | None, str | None, str]:
        """expiresAt, revokedAt and the JSON members they add, closing the object."""
        expires, revoked = self._expiry(index), self._revoked(index)
        tail = (f',"expiresAt":"{expires}"' if expires else "") + (f',"revokedAt":"{revoked}"' if revoked else "")
        return expires, revoked, tail + "}"

    def management(self, count: int, start: int) -> Iterator[tuple]:
        head = f'{{"accountId":"{self.account_id}","id":"'
        for index in range(start, start + count):
            yield self._row(index, "management", lambda token_id, description, created, tail: (
                f'{head}{token_id}","description":"{description}","tokenPrefix":"{self._prefix()}",'
                f'"createdAt":"{created}","createdBy":"{self.rng.choice(self._creators)}"{tail}'))

    def database(self, count: int, start: int) -> Iterator[tuple]:
        head = f'{{"accountId":"{self.account_id}","clusterId":"{self.cluster_id}","id":"'
        for index in range(start, start + count):
            yield self._row(index, "database", lambda token_id, description, created, tail: (
                f'{head}{token_id}","description":"{description}","permissions":{_permissions(index)},'
                f'"createdAt":"{created}"{tail}'))

    def _row(self, index: int, kind: str, json_text) -> tuple:
        """The store's row for token `index`: what both kinds share, with `json_text` writing
        the kind's own JSON object (fields in the documents' order) around it."""
        token_id, description = random_uuid(self.rng), f"bulk {kind} token {index}"
        expires, revoked, tail = self._tail(index)
        text = json_text(token_id, description, self._stamp(index, -60 - index % 900), tail)
        return token_id, None, description, expiry_epoch(expires), revoked, text


def _permissions(index: int) -> str:
    return _PERMISSIONS[index % len(_PERMISSIONS)]


# 0, 1 or 2 permissions over the databases above, "*" included: 21 shapes cycled through.
_PERMISSIONS = tuple(
    to_json([{"action": _ACTIONS[(i + n) % 2], "resource": _DATABASES[(i + n) % len(_DATABASES)]} for n in range(i % 3)])
    for i in range(21))

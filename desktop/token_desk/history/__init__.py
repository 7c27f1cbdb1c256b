"""The local action history: a journal of every change Token Desk attempts, and its outcome. No Qt."""

from __future__ import annotations

import msgspec

from token_desk.connection import Connection, host_label
from token_desk.history.entry import Action, HistoryEntry, Outcome, Target
from token_desk.history.journal import (
    Damage, HistoryRead, HistoryWriteError, Journal, MemoryJournal, read_journal,
)
from token_desk.history.recording import (
    MUTATING_METHODS, HistoryUnavailableError, RecordingService, recorded_as_rotation,
)
from token_desk.lazy_exports import lazy_exports


def target_of(connection: Connection) -> Target:
    """Where the connection's changes go, as people name it: the API host, or the influxctl profile."""
    host, account_id, cluster_id = _where(connection.service)
    return Target(connection.profile_name or "", host or connection.label, account_id or "", cluster_id or "")


def _where(service) -> tuple[str, str, str]:
    rest = getattr(service, "rest", None) or service  # REST for database tokens, influxctl for management
    base_url = getattr(rest, "base_url", "")
    if base_url:
        return host_label(base_url), getattr(rest, "account_id", ""), getattr(rest, "cluster_id", "")
    auth = getattr(getattr(service, "bridge", None), "auth", None)  # everything through influxctl
    if auth is not None:
        profile = getattr(auth, "profile", "")
        return (f"influxctl profile {profile}" if profile else "influxctl", getattr(auth, "account_id", ""),
                getattr(auth, "cluster_id", ""))
    return "", "", ""


def recording(journal: Journal | None):
    """A decorator for connections: their service records into `journal`. Everything passes unchanged when
    `journal` is None, and demo connections unless the journal keeps the demo's (in memory): the demo writes
    no history to disk."""

    def decorate(connection: Connection | None) -> Connection | None:
        if journal is None or connection is None or (connection.is_demo and not journal.keeps_demo):
            return connection
        if isinstance(connection.service, RecordingService):
            return connection
        service = RecordingService(connection.service, journal, target_of(connection))
        return msgspec.structs.replace(connection, service=service)

    return decorate


__all__ = [
    "Action", "CheckResult", "Damage", "HistoryEntry", "HistoryRead", "HistoryUnavailableError",
    "HistoryWriteError", "Journal", "MemoryJournal", "MUTATING_METHODS", "Outcome", "RecordingService", "Target", "can_check",
    "check_entry", "read_journal", "recorded_as_rotation", "recording", "target_of",
]

# Checking an entry against the server (Check Now, the History window) is re-exported lazily (PEP 562): the
# window's start-up builds a journal and a recording service, but checks nothing before its first paint.
_LAZY_HOMES = {"token_desk.history.check": ("CheckResult", "can_check", "check_entry")}
__getattr__, __dir__ = lazy_exports(globals(), _LAZY_HOMES)

"""The local action history: a journal of every change Token Desk attempts, and its outcome. No Qt."""

from __future__ import annotations

from dataclasses import replace

from token_desk.connection import Connection, host_label
from token_desk.history.check import CheckResult, can_check, check_entry
from token_desk.history.entry import Action, HistoryEntry, Outcome, Target
from token_desk.history.journal import Damage, HistoryRead, HistoryWriteError, Journal, read_journal
from token_desk.history.recording import MUTATING_METHODS, HistoryUnavailableError, RecordingService


def target_of(connection: Connection) -> Target:
    client = connection.client
    base_url = getattr(client, "base_url", "")
    return Target(connection.profile_name or "", host_label(base_url) if base_url else connection.label,
                  getattr(client, "account_id", "") or "", getattr(client, "cluster_id", "") or "")


def recording(journal: Journal | None):
    """A decorator for connections: their service records into `journal`. Demo connections, and
    everything when `journal` is None, pass unchanged: the demo writes no history."""

    def decorate(connection: Connection | None) -> Connection | None:
        if journal is None or connection is None or connection.is_demo:
            return connection
        if isinstance(connection.client, RecordingService):
            return connection
        return replace(connection, client=RecordingService(connection.client, journal, target_of(connection)))

    return decorate


__all__ = [
    "Action", "CheckResult", "Damage", "HistoryEntry", "HistoryRead", "HistoryUnavailableError",
    "HistoryWriteError", "Journal", "MUTATING_METHODS", "Outcome", "RecordingService", "Target", "can_check",
    "check_entry", "read_journal", "recording", "target_of",
]

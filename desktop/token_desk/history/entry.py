"""What one line of the action history holds, and how entries and their outcomes become JSON."""

from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any, Sequence

import msgspec

FORMAT_VERSION = 1


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"  # the server said yes
    FAILED = "failed"  # the server said no, or the request was never sent
    UNKNOWN = "unknown"  # sent, but no answer we can trust: it may or may not have happened

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Action(enum.Enum):
    CREATE = "create"
    EDIT = "edit"
    ROTATE = "rotate"
    REVOKE = "revoke"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Target(msgspec.Struct, frozen=True):
    """Which server and cluster a request went to, as people name it (never a credential)."""

    profile: str  # the connection's name; "" for a one-off --url connection
    host: str  # the API host, or the influxctl profile for influxctl connections
    account_id: str
    cluster_id: str


class HistoryEntry(msgspec.Struct, frozen=True):
    """One attempt and, once known, its outcome (the journal keeps them as two lines; see reader)."""

    id: str
    time: datetime
    target: Target
    kind: str  # "management" or "database", as TokenKind.value
    token_id: str  # "" until the server names it (a create)
    description: str  # the token's description when the attempt was made
    action: Action
    outcome: Outcome = Outcome.UNKNOWN
    message: str = ""  # the server's message, or what Token Desk knows about the outcome
    requested: str = ""  # for an edit: what was asked, e.g. "description: new text"
    answered_at: datetime | None = None  # when the outcome was recorded
    checked: bool = False  # the outcome came from "Check now", not from the request's own answer

    def with_outcome(self, line: OutcomeLine) -> HistoryEntry:
        return msgspec.structs.replace(self, outcome=line.outcome, message=line.message, answered_at=line.time,
                       checked=line.checked, token_id=line.token_id or self.token_id,
                       # The description at the time of the attempt stays; the answer only fills a blank one.
                       description=self.description or line.description or "")


class OutcomeLine(msgspec.Struct, frozen=True):
    """The second line of an entry: refers to the attempt's id; the reader folds it in."""

    entry_id: str
    time: datetime
    outcome: Outcome
    message: str = ""
    token_id: str = ""  # a create's new token ID
    description: str | None = None  # an edit's new description, as the server answered it
    checked: bool = False


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def entry_json(entry: HistoryEntry) -> dict[str, Any]:
    """The attempt line (also the shape of a history JSON export, with the outcome folded in)."""
    data: dict[str, Any] = {
        "v": FORMAT_VERSION, "entry": entry.id, "time": utc_text(entry.time),
        "profile": entry.target.profile, "host": entry.target.host,
        "account_id": entry.target.account_id, "cluster_id": entry.target.cluster_id,
        "kind": entry.kind, "token_id": entry.token_id, "description": entry.description,
        "action": entry.action.value, "outcome": entry.outcome.value, "message": entry.message,
    }
    if entry.requested:
        data["requested"] = entry.requested
    return data


def outcome_json(line: OutcomeLine) -> dict[str, Any]:
    data: dict[str, Any] = {"v": FORMAT_VERSION, "outcome_of": line.entry_id, "time": utc_text(line.time),
                            "outcome": line.outcome.value, "message": line.message}
    if line.token_id:
        data["token_id"] = line.token_id
    if line.description is not None:
        data["description"] = line.description
    if line.checked:
        data["checked"] = True
    return data


class LineError(ValueError):
    """A line that is not a well-formed entry or outcome: damage."""


def parse_line(data: Any) -> HistoryEntry | OutcomeLine:
    """A decoded JSON line as an attempt or an outcome; LineError for anything else."""
    if not isinstance(data, dict):
        raise LineError("not an object")
    if "outcome_of" in data:
        return OutcomeLine(_text(data, "outcome_of"), _time(data, "time"), _outcome(data),
                           _text(data, "message"), _text(data, "token_id", ""),
                           _optional_text(data, "description"), data.get("checked") is True)
    target = Target(_text(data, "profile"), _text(data, "host"), _text(data, "account_id"),
                    _text(data, "cluster_id"))
    try:
        action = Action(data.get("action"))
    except ValueError:
        raise LineError("unknown action") from None
    return HistoryEntry(_text(data, "entry"), _time(data, "time"), target, _text(data, "kind"),
                        _text(data, "token_id"), _text(data, "description"), action, _outcome(data),
                        _text(data, "message"), _text(data, "requested", ""))


def _text(data: dict, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise LineError(f"{key} is not text")
    return value


def _optional_text(data: dict, key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _time(data: dict, key: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(data, key).replace("Z", "+00:00"))
    except ValueError:
        raise LineError(f"{key} is not a time") from None
    if moment.tzinfo is None:
        raise LineError(f"{key} has no time zone")
    return moment.astimezone(timezone.utc)


def _outcome(data: dict) -> Outcome:
    try:
        return Outcome(data.get("outcome"))
    except ValueError:
        raise LineError("unknown outcome") from None


def requested_change(description: str | None, permissions: Sequence | None) -> str:
    """What an edit asks for, as text to keep and to compare with the server's copy later."""
    parts = []
    if description is not None:
        parts.append(f"description: {description}")
    if permissions is not None:
        # Sorted, so what was asked and what the server answers compare whatever their order.
        parts.append("permissions: " + ", ".join(sorted(f"{p.action} {p.resource}" for p in permissions)))
    return "; ".join(parts)

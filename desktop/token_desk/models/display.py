"""The display rules: how a token's status, permissions and times read, in the tables and in
every dialog (pure functions, no Qt). One home, so a table cell and a dialog field never disagree.

Times are shown in the user's local time zone; tooltips carry the exact RFC 3339 UTC value.
A moment the local calendar cannot hold (9999-12-31T23:59Z east of UTC, 0001-01-01T00:00Z
west of it) is shown in UTC and says so: a valid timestamp never stops a table painting.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Sequence

from token_desk.api.models import (
    EXPIRES_SOON_WINDOW,
    Permission,
    Token,
    TokenStatus,
    format_timestamp,
    utc_now,
)
from token_desk.findings.rules import time_until  # one wording for time left, shared with the findings

# A table cell is terse; a dialog field has room to say what is missing.
EMPTY_CELL = "—"
NEVER = "Never"  # the one value for "no expiry" (docs/GLOSSARY.md): table, dialogs, export, the expiry choice
NOT_RECORDED = "Not recorded"
NOT_REVOKED = "Not revoked"
SIGNED_IN_MARK = " · Signed in"  # after the description of the token Token Desk itself uses (docs/GLOSSARY.md)
SIGNED_IN_TIP = "Token Desk is signed in with this token: revoking it signs Token Desk out."
NEVER_EXPIRES = "This token never expires."  # the same, said in a sentence
NO_ACCESS = "No access"
NO_PERMISSIONS = "This token has no database permissions."
ALL_DATABASES = "All databases"
# A permission the server listed without its resource or its action (the API document requires neither): what
# it allows is unknown, so it reads as unknown, never as "All databases" or as read or write.
UNKNOWN_DATABASE = "Unknown database"
UNKNOWN_ACTION = "unknown action"


class DisplayStatus(enum.Enum):
    """Status as the user reads it; the value is its sort rank (most usable first)."""

    ACTIVE = 0
    EXPIRES_SOON = 1
    EXPIRED = 2
    REVOKED = 3

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()

    @property
    def is_active(self) -> bool:
        return self in (DisplayStatus.ACTIVE, DisplayStatus.EXPIRES_SOON)


_FROM_TOKEN_STATUS = {
    TokenStatus.EXPIRED: DisplayStatus.EXPIRED,
    TokenStatus.REVOKED: DisplayStatus.REVOKED,
}


def display_status(token: Token, now: datetime) -> DisplayStatus:
    if token.expires_soon_at(now):
        return DisplayStatus.EXPIRES_SOON
    return _FROM_TOKEN_STATUS.get(token.status_at(now), DisplayStatus.ACTIVE)


def status_now(token: Token) -> DisplayStatus:
    """The status a dialog shows: the table's rule, at the wall-clock time the dialog opens."""
    return display_status(token, utc_now())


def display_statuses(tokens: Sequence[Token], now: datetime) -> list[DisplayStatus]:
    """display_status() for many tokens, inlined into one comprehension: calling the Token
    methods, or any function, per row costs several times more, which 100,000 rows notice."""
    soon = now + EXPIRES_SOON_WINDOW
    active, expires_soon = DisplayStatus.ACTIVE, DisplayStatus.EXPIRES_SOON
    expired, revoked = DisplayStatus.EXPIRED, DisplayStatus.REVOKED
    return [
        revoked if token.revoked_at is not None or token.revoked_time_unknown
        else active if (expires_at := token.expires_at) is None
        else expired if expires_at <= now
        else expires_soon if expires_at <= soon
        else active
        for token in tokens
    ]


def active_flags(statuses: Sequence[DisplayStatus]) -> list[bool]:
    """DisplayStatus.is_active for many statuses, without its per-row property call: identity
    tests (a dict lookup would run Enum.__hash__, in Python, for every row)."""
    expired, revoked = DisplayStatus.EXPIRED, DisplayStatus.REVOKED
    return [status is not expired and status is not revoked for status in statuses]


def local_time(moment: datetime) -> str:
    """Like "2024-03-19 20:09" in the user's local time zone, or "9999-12-31 23:59 UTC": a table cell,
    whose header's tooltip names the zone once for the whole column."""
    return _clock_text(moment, zone=False)


def local_time_with_zone(moment: datetime, *, seconds: bool = False) -> str:
    """Like "2024-03-19 20:09 CET" ("…20:09:03 CET" with `seconds`, for logs of actions, where order
    matters): every time shown as text says its zone (docs/GLOSSARY.md)."""
    return _clock_text(moment, seconds=seconds)


def local_clock_time(moment: datetime) -> str:
    """Like "20:09:03 CET": a time of today, as the status line says when the list was last read."""
    return _clock_text(moment, day=False, seconds=True)


def _clock_text(moment: datetime, *, day: bool = True, seconds: bool = False, zone: bool = True,
                in_zone: tzinfo | None = None) -> str:
    """The one way a moment reads: on this computer's clock (or `in_zone`'s), then its zone's name.
    A moment the local calendar cannot hold reads in UTC, and says so even where the zone is otherwise
    left to a header. A naive moment is taken as local time (datetime.astimezone's rule)."""
    try:
        shown = moment.astimezone(in_zone)
        name = shown.tzname() or shown.strftime("%z")
    except (OverflowError, ValueError, OSError):  # past the local calendar's ends; OSError on Windows
        shown, name, zone = moment.astimezone(timezone.utc), "UTC", True
    # Not strftime: its %Y drops the leading zeros of years before 1000 on glibc.
    text = f"{shown.hour:02d}:{shown.minute:02d}" + (f":{shown.second:02d}" if seconds else "")
    if day:
        text = f"{shown.year:04d}-{shown.month:02d}-{shown.day:02d} {text}"
    return f"{text} {name}" if zone else text


def optional_local_time(moment: datetime | None, missing: str = EMPTY_CELL) -> str:
    return missing if moment is None else local_time(moment)


def optional_local_time_with_zone(moment: datetime | None, missing: str = EMPTY_CELL) -> str:
    return missing if moment is None else local_time_with_zone(moment)


def utc_time(moment: datetime) -> str:
    """The exact RFC 3339 value in UTC, e.g. "2024-03-19T20:09:03.000Z"."""
    return format_timestamp(moment)


def utc_minutes(moment: datetime) -> str:
    """The same moment in UTC to the minute, e.g. "2024-03-19 19:09 UTC" (beside a local time being edited)."""
    return _clock_text(moment, in_zone=timezone.utc)


def utc_tooltip(moment: datetime | None, missing: str) -> str:
    return missing if moment is None else utc_time(moment)


def revoked_at_missing(token: Token) -> str:
    """What a dialog or tooltip says when a token has no revocation time: not revoked, or not known when."""
    return NOT_RECORDED if token.revoked_time_unknown else NOT_REVOKED


# C0 controls and DEL read as Unicode's control pictures (a line break as ␊, an escape as ␛); C1 controls,
# the bidirectional marks that can reorder what follows them, and the line and paragraph separators read as
# their code point. Other format characters (the joiner inside an emoji) are left alone.
_VISIBLE_LINES = str.maketrans({**{code: chr(0x2400 + code) for code in range(0x20)}, 0x7F: "\u2421",
                          **{code: f"[U+{code:04X}]" for code in (*range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
                                                                  *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                                                                  0x2028, 0x2029)}})


_VISIBLE = {**_VISIBLE_LINES, ord("\n"): "\u240a"}
del _VISIBLE_LINES[ord("\n")]


def visible_text(text: str | None, *, line_breaks: bool = False) -> str:
    """The one way text from a file or a server (a description, a name, a message) is shown: whatever could
    break a line, move the cursor, colour a terminal or reverse what follows is shown as a visible symbol,
    so the person sees what is really there. `line_breaks`: a tooltip or text box with room keeps "\n"."""
    if not text:  # None: the server did not say (a management token's creator, often)
        return ""
    return text.translate(_VISIBLE_LINES if line_breaks else _VISIBLE)


def text_or_empty(text: str | None) -> str:
    return text if text else EMPTY_CELL


SHORT_ID_LENGTH = 8  # as many as a UUID's first group: enough to tell tokens apart at a glance


def short_id(token_id: str) -> str:
    """The first characters of an ID and an ellipsis, as a narrow Token ID column shows it."""
    return token_id if len(token_id) <= SHORT_ID_LENGTH + 1 else token_id[:SHORT_ID_LENGTH] + "…"


def split_more_count(summary: str) -> tuple[str, str]:
    """("telemetry (read)", ", + 2 more") from a summary; the count is "" when there is none."""
    head, separator, count = summary.rpartition(", + ")
    if separator and count.endswith(" more") and count[:-5].isdigit():
        return head, separator + count
    return summary, ""


def permissions_summary(permissions: Sequence[Permission]) -> str:
    """Like "telemetry (read, write), + 1 more"; "No access" without permissions."""
    grouped = group_permissions(permissions)
    if not grouped:
        return NO_ACCESS
    first, actions = next(iter(grouped.items()))
    summary = f"{_database_label(first)} ({', '.join(actions)})"
    more = len(grouped) - 1
    return f"{summary}, + {more} more" if more else summary


def permissions_details(permissions: Sequence[Permission]) -> str:
    """One database a line, e.g. "telemetry: read, write"; then what an incomplete permission means."""
    grouped = group_permissions(permissions)
    if not grouped:
        return NO_PERMISSIONS
    lines = [f"{_database_label(name)}: {', '.join(acts)}" for name, acts in grouped.items()]
    incomplete = sum(not permission.is_complete for permission in permissions)
    if incomplete:
        lines.append(incomplete_permissions_note(incomplete))
    return "\n".join(lines)


def incomplete_permissions_note(count: int) -> str:
    if count == 1:
        return "One permission came from the server without its database or action: what it allows is unknown."
    return (f"{count} permissions came from the server without their database or action: what they allow is "
            "unknown.")


def permission_text(permission: Permission) -> str:
    """One permission, e.g. "telemetry: read", as the lists of permissions read."""
    return f"{_database_label(permission.resource)}: {_action_label(permission.action)}"


def group_permissions(permissions: Sequence[Permission]) -> dict[str | None, list[str]]:
    """Actions per database (None: one the server did not name), in the server's order, without duplicates."""
    grouped: dict[str | None, list[str]] = {}
    for permission in permissions:
        actions = grouped.setdefault(permission.resource, [])
        action = _action_label(permission.action)
        if action not in actions:
            actions.append(action)
    return grouped


def _database_label(resource: str | None) -> str:
    if resource is None:
        return UNKNOWN_DATABASE
    return ALL_DATABASES if resource == "*" else resource


def _action_label(action: str | None) -> str:
    return UNKNOWN_ACTION if action is None else action


def status_tooltip(token: Token, status: DisplayStatus, now: datetime) -> str:
    if status is DisplayStatus.REVOKED:
        if token.revoked_at is None:
            return "Revoked (influxctl did not say when); it no longer works."
        return f"Revoked on {local_time_with_zone(token.revoked_at)}; it no longer works."
    if status is DisplayStatus.EXPIRED:
        return f"Expired on {optional_local_time_with_zone(token.expires_at)}; it no longer works."
    if token.expires_at is None:
        return "Active; never expires."
    when = local_time_with_zone(token.expires_at)
    if status is DisplayStatus.EXPIRES_SOON:
        return f"Expires in {time_until(token.expires_at - now)} ({when})"
    return f"Active until {when}."


def plain_tooltip(text: str) -> str:
    """Any text (server text above all) as a tooltip that Qt shows literally; "" means no tooltip.

    Qt renders a tooltip as rich text when Qt::mightBeRichText() guesses so (a tag-like
    "<b>" on the first line is enough), so plain text cannot be trusted to stay plain.
    Instead the text is always rich: escaped, inside an explicit <qt> wrapper that makes
    the guess certain, with white space kept so line breaks survive.
    """
    if not text:
        return ""  # an empty tooltip means "none", not an empty rich-text box
    import html  # here: the first paint shows no tooltip

    escaped = html.escape(text, quote=False)
    return f"<qt><p style='white-space:pre-wrap'>{escaped}</p></qt>"

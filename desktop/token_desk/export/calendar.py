"""Expiry reminders as an iCalendar file (RFC 5545) that any calendar imports: one event per active
token that expires, at the expiry instant in UTC, with alarms 7 days and 1 day before. No Qt.

- The UID is the token's, so importing a newer file updates each event instead of adding a copy;
  a token revoked while its expiry is still ahead gets the same UID as a cancelled event (with a higher
  SEQUENCE), which takes the reminder out of the calendar it was imported into.
- Text is escaped (backslash, semicolon, comma, line breaks) and control characters are dropped;
  lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
- Nothing secret: a token's description, kind, ID and expiry, never its prefix or its string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from token_desk.api.models import Token, TokenKind
from token_desk.atomic_write import write_text_atomically
from token_desk.export.tokens import permission_list

PRODUCT_ID = "-//Token Desk//Expiry Reminders//EN"
ALARM_DAYS = (7, 1)
LINE_OCTETS = 75
NO_DESCRIPTION = "a token without a description"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def reminder_tokens(tokens: Iterable[Token], now: datetime) -> tuple[list[Token], list[Token]]:
    """(tokens to remind of, tokens whose reminder is cancelled): active ones that expire after `now`,
    and revoked ones whose expiry was still ahead, so an earlier import's reminder would still fire."""
    active, cancelled = [], []
    for token in tokens:
        if token.expires_at is None or token.expires_at <= now:
            continue
        (cancelled if token.is_revoked else active).append(token)
    return active, cancelled


def uid(token: Token) -> str:
    return f"{token.id}.{token.kind.value}-token@token-desk"


def summary(token: Token) -> str:
    description = token.description.strip() or NO_DESCRIPTION
    return f"Token expires: {description} ({token.kind.label.lower()})"


def event_description(token: Token) -> str:
    lines = [f"The {token.kind.label.lower()} \u201c{token.description.strip() or NO_DESCRIPTION}\u201d stops "
             f"working at {utc_stamp(token.expires_at)} (UTC).",
             f"Token ID: {token.id}"]
    if token.cluster_id:
        lines.append(f"Cluster ID: {token.cluster_id}")
    if token.kind is TokenKind.DATABASE and token.permissions:
        lines.append("Permissions: " + permission_list(token))
    lines.append("Rotate it in Token Desk before then (right-click the token, Rotate\u2026).")
    return "\n".join(lines)


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC ("form #2"): 20261220T153000Z. Digits, not strftime (years before 1000)."""
    utc = moment.astimezone(timezone.utc)
    return (f"{utc.year:04d}{utc.month:02d}{utc.day:02d}T"
            f"{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z")


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, any line break as \\n,
    other control characters (which TEXT may not hold) left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545, 3.1): CRLF and a space before each further part,
    never inside a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    room = LINE_OCTETS
    used = 0
    for character in line:
        size = len(character.encode("utf-8"))
        if used + size > room:
            parts.append("".join(current))
            current, used, room = [], 0, LINE_OCTETS - 1  # the leading space takes one octet
        current.append(character)
        used += size
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _event(token: Token, stamp: str, cancelled: bool) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{uid(token)}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART:{utc_stamp(token.expires_at)}"
    yield f"SUMMARY:{escape_text(summary(token))}"
    yield f"DESCRIPTION:{escape_text(event_description(token))}"
    yield "TRANSP:TRANSPARENT"  # a reminder, not a meeting: the time stays free
    yield f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}"
    yield f"SEQUENCE:{1 if cancelled else 0}"
    if not cancelled:
        for days in ALARM_DAYS:
            yield "BEGIN:VALARM"
            yield "ACTION:DISPLAY"
            yield f"DESCRIPTION:{escape_text(summary(token))} in {days} day{'' if days == 1 else 's'}"
            yield f"TRIGGER;RELATED=START:-P{days}D"
            yield "END:VALARM"
    yield "END:VEVENT"


def calendar_lines(tokens: Sequence[Token], now: datetime, calendar_name: str) -> Iterator[str]:
    active, cancelled = reminder_tokens(tokens, now)
    stamp = utc_stamp(now)
    yield "BEGIN:VCALENDAR"
    yield "VERSION:2.0"
    yield f"PRODID:{PRODUCT_ID}"
    yield "CALSCALE:GREGORIAN"
    yield "METHOD:PUBLISH"
    yield f"X-WR-CALNAME:{escape_text(calendar_name)}"
    for token in sorted(active, key=_by_expiry):
        yield from _event(token, stamp, cancelled=False)
    for token in sorted(cancelled, key=_by_expiry):
        yield from _event(token, stamp, cancelled=True)
    yield "END:VCALENDAR"


def _by_expiry(token: Token):
    return token.expires_at, token.id


def calendar_text(tokens: Sequence[Token], now: datetime, calendar_name: str) -> str:
    return "".join(fold(line) for line in calendar_lines(tokens, now, calendar_name))


def export_expiry_reminders(path: Path, tokens: Sequence[Token], now: datetime, calendar_name: str) -> int:
    """Write the file whole or not at all (as the CSV export does); returns how many reminders it holds."""
    write_text_atomically(path, lambda file: file.write(calendar_text(tokens, now, calendar_name)))
    return len(reminder_tokens(tokens, now)[0])

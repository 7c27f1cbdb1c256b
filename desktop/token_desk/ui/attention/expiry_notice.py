"""The calm notice after a load: "3 tokens expire within 14 days · Show them", at most once a day per
connection (the day is remembered in the window's settings, so a restart does not repeat it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from token_desk.findings import rules

KEY_PREFIX = "attention/expiry_notice/"
SHOWN_MS = 15_000  # longer than a revoke's notice: it asks for a decision, if a small one


def connection_key(kind: str, name: str) -> str:
    """A settings key for one connection: hashed, so no host or profile name goes into a key (INI keys
    cannot hold every character, and the key need not be read by anyone)."""
    import hashlib  # here: the first paint needs no hashlib

    digest = hashlib.sha256(f"{kind}\0{name}".encode()).hexdigest()[:20]
    return KEY_PREFIX + digest


def expiring_count(mask_lists: Iterable[list[int]]) -> int:
    """Tokens whose findings include expires-soon, over the lists given (both pages)."""
    bit = rules.EXPIRES_SOON.bit
    return sum(1 for masks in mask_lists for mask in masks if mask & bit)


def notice_text(count: int, days: int) -> str:
    subject = "1 token expires" if count == 1 else f"{count:,} tokens expire"
    return f"{subject} within {days} day{'' if days == 1 else 's'} \u00b7"


def due_today(settings, key: str, today: date) -> bool:
    return settings.value(key) != today.isoformat()


def mark_shown(settings, key: str, today: date) -> None:
    settings.setValue(key, today.isoformat())

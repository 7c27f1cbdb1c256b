"""What the history tests share: a target, a token ID and a clock that ticks a second per call."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from token_desk.history import Target

TARGET = Target("Production", "console.example.com", "11111111-1111-4111-8111-111111111111",
                "22222222-2222-4222-8222-222222222222")
TOKEN_ID = "33333333-3333-4333-8333-333333333333"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

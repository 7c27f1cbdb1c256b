"""Reproducible sandbox data that looks like a real account: every status and timestamp form.

Descriptions read like the ones administrators write (teams, tools, environments, a few in other
languages); creators repeat, as a handful of admins create most tokens. Hostile text (markup) belongs
in the tests that check it is shown literally, not in the demo. Every finding (token_desk.findings)
shows at least once: one token with no description, two sharing one, one naming a database that is gone.
Expiry dates are computed from the clock at seeding time, so a token seeded to expire "in 3 days"
really is about to expire when the demo starts.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from token_desk.sandbox.records import Database, DatabaseToken, ManagementToken
from token_desk.sandbox.wire import (
    TIMESTAMP_STYLES, ZERO_TIME, format_timestamp, hash_secret, prefix_of, random_uuid,
)
from token_desk.sandbox.secrets_gen import new_database_secret, new_management_secret

NEVER, ZERO = None, "zero"  # expiry kinds: absent expiresAt, or influxctl's 1970 zero time
ADMINS = 4  # people who create management tokens; the first is the one the sandbox signs in as

# (description, days since creation, expiry in days from now | NEVER | ZERO, revoked)
MANAGEMENT_SEEDS = (
    ("Terraform – production workspace", 400, NEVER, False),
    ("CI deploy (GitHub Actions)", 90, 120, False),
    ("Grafana provisioning – Überwachung", 200, ZERO, False),
    ("監視ダッシュボード (Tokyo ops)", 30, 3, False),
    ("dbt Cloud scheduler", 12, NEVER, False),
    ("Old automation token", 700, NEVER, True),
    ("Backup job (nightly)", 365, -5, False),
    ("Jane's laptop", 20, 6, False),
    ("On-call rotation – PagerDuty", 60, 30, True),
    ("Airflow – data platform", 150, ZERO, False),
    ("Migration to Cloud Dedicated (2024)", 600, -200, False),
    ("Terraform – staging workspace", 45, NEVER, False),
    ("Kubernetes operator (eu-west-1)", 10, 365, False),
    ("Security audit – read-only review", 300, ZERO, True),
    ("Support tooling – customer success", 5, 1, False),
    ("Credential rotation for the regional ingestion fleet (eu-central-1, us-east-2), owned by the platform team",
     80, NEVER, False),
    ("Ancien jeton – équipe données", 100, -1, False),
    ("Incident 4821 – temporary access", 15, -10, True),
)

_ALL = "*"
# (description, days since creation, expiry, revoked, permissions)
DATABASE_SEEDS = (
    ("Telegraf – telemetry writer", 300, NEVER, False, (("write", "telemetry"),)),
    ("Grafana dashboards", 250, NEVER, False, (("read", "telemetry"), ("read", "metrics"))),
    ("Full access (break glass)", 500, NEVER, False, (("read", _ALL), ("write", _ALL))),
    ("Partner onboarding – permissions pending", 40, NEVER, False, ()),
    ("ログ収集エージェント (Fluent Bit)", 90, 4, False, (("write", "logs"),)),
    ("", 7, NEVER, False, (("read", "logs"),)),  # no description: someone was in a hurry
    ("Legacy ingest service", 800, NEVER, True, (("write", "metrics"),)),
    ("IoT gateway – Halle 3", 120, 200, False, (("write", "iot_sensors"),)),
    ("Billing export", 60, -3, False, (("read", "billing_events"),)),
    ("Staging read/write", 30, 2, False, (("read", "staging"), ("write", "staging"))),
    ("Ad-hoc analysis — Jupyter", 14, 6, False, (("read", _ALL),)),
    ("Überwachung – Alerting", 180, NEVER, False, (("read", "metrics"), ("read", "logs"))),
    ("Decommissioned collector (rack B)", 400, -100, True, (("write", "telemetry"),)),
    ("Load test 2024", 365, -30, False, (("write", "staging"),)),
    ("Mobile app backend", 75, 90, False, (("read", "telemetry"), ("write", "iot_sensors"))),
    ("Partner feed (Acme Corp)", 50, NEVER, True, (("read", "metrics"),)),
    ("Vector log shipper – edge", 20, NEVER, False, (("write", "logs"), ("write", "logs_archive"))),  # gone
    ("Grafana dashboards", 9, 5, False, (("read", "telemetry"), ("read", "iot_sensors"))),  # the same again
    ("Archiver (S3 cold storage)", 240, NEVER, False, (("read", _ALL),)),
    ("Edge writer — 東京", 3, 180, False, (("write", "telemetry"), ("write", "logs"))),
)

DATABASE_SEEDS_LIST = (
    Database("telemetry", 500, 200, 2_592_000_000_000_000),
    Database("metrics", 300, 150, 0, ({"type": "time", "value": "%Y-%m-%d"}, {"type": "tag", "value": "host"})),
    Database("logs", 500, 250, 604_800_000_000_000),
    Database("iot_sensors", 100, 50, 31_536_000_000_000_000,
             ({"type": "tag", "value": "site"}, {"type": "bucket", "value": {"tagName": "device", "numberOfBuckets": 10}})),
    Database("billing_events", 50, 100, 0),
    Database("staging", 500, 200, 86_400_000_000_000),
)


class Seeder:
    """Turns the seed tables into rows; one instance per seeding so timestamps share one 'now'."""

    def __init__(self, seed: int, now: datetime | None = None) -> None:
        self.rng = random.Random(seed)
        self.now = now or datetime.now(timezone.utc)
        self.users = [random_uuid(self.rng) for _ in range(ADMINS)]
        self._style = 0

    def identity(self) -> tuple[str, str]:
        """The account's and its first cluster's IDs: the first draws after the users', so the seed alone
        names them (the demo knows them before its sandbox is built, sandbox/on_demand.py)."""
        return random_uuid(self.rng), random_uuid(self.rng)

    def timestamp(self, days_from_now: float) -> str:
        """The next wire form in rotation, so every form appears in the data."""
        style = TIMESTAMP_STYLES[self._style % len(TIMESTAMP_STYLES)]
        self._style += 1
        jitter = timedelta(seconds=self.rng.randrange(86_400), microseconds=self.rng.randrange(1_000_000))
        # Jitter only ever moves earlier: a token due in 1 day must not slip past 'tomorrow'.
        moment = self.now + timedelta(days=days_from_now) - jitter
        return format_timestamp(moment, style, self.rng.randrange(1000))

    def expiry(self, kind: int | str | None) -> str | None:
        if kind is NEVER:
            return None
        return ZERO_TIME if kind == ZERO else self.timestamp(kind)

    def management_tokens(self) -> list[ManagementToken]:
        return [self._management_token(*seed) for seed in MANAGEMENT_SEEDS]

    def _management_token(self, description: str, age: int, expiry, revoked: bool) -> ManagementToken:
        secret = new_management_secret(self.rng)
        return ManagementToken(
            id=random_uuid(self.rng), description=description, prefix=prefix_of(secret),
            created_at=self.timestamp(-age), created_by=self.rng.choice(self.users),
            expires_at=self.expiry(expiry), revoked_at=self.timestamp(-age / 2) if revoked else None,
            secret_hash=hash_secret(secret))

    def database_tokens(self, seeds: tuple = DATABASE_SEEDS) -> list[DatabaseToken]:
        return [self._database_token(*seed) for seed in seeds]

    def _database_token(self, description: str, age: int, expiry, revoked: bool, permissions) -> DatabaseToken:
        return DatabaseToken(
            id=random_uuid(self.rng), description=description, permissions=permissions,
            created_at=self.timestamp(-age), expires_at=self.expiry(expiry),
            revoked_at=self.timestamp(-age / 2) if revoked else None,
            secret_hash=hash_secret(new_database_secret(self.rng)))

"""The sandbox's state in SQLite: one connection, one lock, so every server thread sees one truth."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from typing import Iterable

from token_desk.sandbox.records import to_json
from token_desk.sandbox.wire import hash_secret

MANAGEMENT = "management_tokens"
DATABASE = "database_tokens"
TOKEN_TABLES = (MANAGEMENT, DATABASE)

_TOKEN_COLUMNS = """(
    id TEXT PRIMARY KEY, secret_hash TEXT, description TEXT NOT NULL,
    expires_epoch REAL, revoked_at TEXT, json TEXT NOT NULL)"""
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS {MANAGEMENT} {_TOKEN_COLUMNS};
CREATE TABLE IF NOT EXISTS {DATABASE} {_TOKEN_COLUMNS};
CREATE INDEX IF NOT EXISTS management_secret ON {MANAGEMENT} (secret_hash);
CREATE TABLE IF NOT EXISTS databases (name TEXT PRIMARY KEY, json TEXT NOT NULL);
"""


class Conflict(Exception):
    """The request is well formed but the state forbids it (answered 409)."""


class Store:
    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def insert_tokens(self, table: str, rows: Iterable[tuple]) -> None:
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?)", rows)

    def insert_databases(self, rows: Iterable[tuple]) -> None:
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT INTO databases VALUES (?, ?)", rows)

    def has_database(self, name: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM databases WHERE name = ?", (name,)).fetchone() is not None

    def list_json(self, table: str) -> str:
        """The JSON array of every row, in insertion order, built by joining stored JSON."""
        with self._lock:
            rows = self._db.execute(f"SELECT json FROM {table} ORDER BY rowid").fetchall()
        return "[" + ",".join([row[0] for row in rows]) + "]"

    def get_json(self, table: str, token_id: str) -> str | None:
        with self._lock:
            row = self._db.execute(f"SELECT json FROM {table} WHERE id = ?", (token_id,)).fetchone()
        return None if row is None else row[0]

    def revoke(self, table: str, token_id: str, revoked_at: str) -> bool:
        """Sets revokedAt once; False when there is no such token. A second revoke changes nothing."""
        with self._lock, self._db:
            row = self._db.execute(f"SELECT revoked_at, json FROM {table} WHERE id = ?", (token_id,)).fetchone()
            if row is None:
                return False
            if row[0] is None:
                record = json.loads(row[1]) | {"revokedAt": revoked_at}
                self._db.execute(f"UPDATE {table} SET revoked_at = ?, json = ? WHERE id = ?",
                                 (revoked_at, to_json(record), token_id))
            return True

    def update_database_token(self, token_id: str, changes: dict) -> str | None:
        """Applies description/permissions changes; the new JSON, or None when there is no such token."""
        with self._lock, self._db:
            row = self._db.execute(f"SELECT revoked_at, json FROM {DATABASE} WHERE id = ?", (token_id,)).fetchone()
            if row is None:
                return None
            if row[0] is not None:
                raise Conflict("a revoked database token cannot be updated")
            record = json.loads(row[1])
            record.update(changes)
            text = to_json(record)
            self._db.execute(f"UPDATE {DATABASE} SET description = ?, json = ? WHERE id = ?",
                             (record["description"], text, token_id))
            return text

    def is_active_management_secret(self, secret: str) -> bool:
        """True for the string of a management token that is neither revoked nor expired."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT expires_epoch, revoked_at FROM {MANAGEMENT} WHERE secret_hash = ?",
                (hash_secret(secret),)).fetchall()
        now = time.time()
        return any(revoked is None and (expires is None or expires > now) for expires, revoked in rows)

    def has_management_secret(self, secret: str) -> bool:
        with self._lock:
            row = self._db.execute(f"SELECT 1 FROM {MANAGEMENT} WHERE secret_hash = ?",
                                   (hash_secret(secret),)).fetchone()
        return row is not None

    def count(self, table: str) -> int:
        with self._lock:
            return self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

"""The documented operations over the store; HTTP details live in handler.py."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from token_desk.sandbox import validation
from token_desk.sandbox.records import DatabaseToken, ManagementToken, to_json
from token_desk.sandbox.secrets_gen import new_database_secret, new_management_secret
from token_desk.sandbox.store import DATABASE, MANAGEMENT, Conflict, Store
from token_desk.sandbox.validation import ApiFailure
from token_desk.sandbox.wire import format_timestamp, hash_secret, prefix_of, random_uuid


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: str = ""  # JSON text; empty for 204


def now_stamp() -> str:
    """Now with nanosecond digits, the way the real service writes createdAt."""
    nanos = time.time_ns()
    return format_timestamp(datetime.fromtimestamp(nanos / 1e9, timezone.utc), (9, "Z"), nanos)


def not_found(what: str) -> ApiFailure:
    return ApiFailure(404, f"{what} not found")


class Service:
    """One cluster's operations. `account_store` holds the account's management tokens (the first
    cluster's store); database tokens and databases are this cluster's own, in `store`."""

    def __init__(self, store: Store, account_id: str, cluster_id: str, user_id: str,
                 account_store: Store | None = None) -> None:
        self.store, self.account_id, self.cluster_id, self.user_id = store, account_id, cluster_id, user_id
        self.account_store = account_store or store

    def list_management_tokens(self, token_id: str | None, raw: bytes) -> Answer:
        return Answer(200, self.account_store.list_json(MANAGEMENT))

    def list_database_tokens(self, token_id: str | None, raw: bytes) -> Answer:
        return Answer(200, self.store.list_json(DATABASE))

    def list_databases(self, token_id: str | None, raw: bytes) -> Answer:
        return Answer(200, self.store.list_json("databases"))

    def get_management_token(self, token_id: str, raw: bytes) -> Answer:
        return self._get(MANAGEMENT, token_id, "management token", self.account_store)

    def get_database_token(self, token_id: str, raw: bytes) -> Answer:
        return self._get(DATABASE, token_id, "database token")

    def _get(self, table: str, token_id: str, what: str, store: Store | None = None) -> Answer:
        text = (store or self.store).get_json(table, token_id)
        if text is None:
            raise not_found(what)
        return Answer(200, text)

    def revoke_management_token(self, token_id: str, raw: bytes) -> Answer:
        return self._revoke(MANAGEMENT, token_id, "management token", self.account_store)

    def revoke_database_token(self, token_id: str, raw: bytes) -> Answer:
        return self._revoke(DATABASE, token_id, "database token")

    def _revoke(self, table: str, token_id: str, what: str, store: Store | None = None) -> Answer:
        if not (store or self.store).revoke(table, token_id, now_stamp()):
            raise not_found(what)
        return Answer(204)

    def create_management_token(self, token_id: str | None, raw: bytes) -> Answer:
        body = validation.json_object(raw)
        description = validation.description(body, validation.MANAGEMENT_DESCRIPTION_MAX)
        secret = new_management_secret()
        token = ManagementToken(
            id=random_uuid(), description=description, prefix=prefix_of(secret), created_at=now_stamp(),
            created_by=self.user_id, expires_at=validation.expires_at(body), secret_hash=hash_secret(secret))
        self.account_store.insert_tokens(MANAGEMENT, [token.row(self.account_id)])
        return Answer(200, to_json(token.api_json(self.account_id) | {"accessToken": secret}))

    def create_database_token(self, token_id: str | None, raw: bytes) -> Answer:
        body = validation.json_object(raw)
        description = validation.description(body)
        secret = new_database_secret()
        token = DatabaseToken(
            id=random_uuid(), description=description, permissions=validation.permissions(body),
            created_at=now_stamp(), expires_at=validation.expires_at(body), secret_hash=hash_secret(secret))
        self.store.insert_tokens(DATABASE, [token.row(self.account_id, self.cluster_id)])
        return Answer(200, to_json(token.api_json(self.account_id, self.cluster_id) | {"accessToken": secret}))

    def update_database_token(self, token_id: str, raw: bytes) -> Answer:
        changes = validation.token_update(validation.json_object(raw))
        try:
            text = self.store.update_database_token(token_id, changes)
        except Conflict as conflict:
            raise ApiFailure(409, str(conflict)) from None
        if text is None:
            raise not_found("database token")
        return Answer(200, text)

    def create_database(self, token_id: str | None, raw: bytes) -> Answer:
        database = validation.new_database(validation.json_object(raw))
        if self.store.has_database(database.name):
            raise ApiFailure(409, f"a database named {json.dumps(database.name)} already exists")
        self.store.insert_databases([database.row(self.account_id, self.cluster_id)])
        return Answer(200, to_json(database.api_json(self.account_id, self.cluster_id)))

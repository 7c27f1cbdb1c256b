"""The running sandbox: SQLite state, a ThreadingHTTPServer on 127.0.0.1, and the test-facing handles."""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from token_desk import system
from token_desk.sandbox.bulk import BulkRows
from token_desk.sandbox.clusters import PRIMARY_NAME, READY, ClusterSeed, cluster_record
from token_desk.sandbox.handler import SandboxHandler
from token_desk.sandbox.influxctl import emulator_command
from token_desk.sandbox.interceptor import Interceptor, PassThrough
from token_desk.sandbox.records import ManagementToken
from token_desk.sandbox.request_log import LoggedRequest, RequestLog
from token_desk.sandbox.routes import BASE_PATH
from token_desk.sandbox.secrets_gen import new_management_secret
from token_desk.sandbox.seed import DATABASE_SEEDS_LIST, Seeder
from token_desk.sandbox.service import Service, now_stamp
from token_desk.sandbox.store import DATABASE, MANAGEMENT, Store
from token_desk.sandbox.wire import hash_secret, prefix_of, random_uuid

SIGNED_IN_DESCRIPTION = "Token Desk sandbox"  # the table adds "· Signed in" itself


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, services: Sequence[Service], interceptor: Interceptor, request_log: RequestLog,
                 cluster_records: list[dict], listener: socket.socket | None = None) -> None:
        self.service = services[0]  # the first cluster's: the account's management tokens live there
        self.services = {service.cluster_id.lower(): service for service in services}
        self.cluster_records = cluster_records
        self.interceptor, self.request_log = interceptor, request_log
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), SandboxHandler, bind_and_activate=listener is None)
        if listener is not None:  # already listening (on_demand.py): connections may be waiting on it
            self.socket.close()
            self.socket, self.server_address = listener, listener.getsockname()

    def accepts(self, secret: str) -> bool:
        return self.service.store.is_active_management_secret(secret)

    def track(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(connection)

    def untrack(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(connection)

    def hang_up_all(self) -> None:
        """Close kept-alive connections, so no client reaches a stopped sandbox through an old socket."""
        with self._connections_lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-answer is normal for tests; nothing to report


class SandboxState:
    """Read-only view of the truth, straight from SQLite: the oracle tests compare the app against."""

    def __init__(self, store: Store, request_log: RequestLog, clusters: dict[str, Store] | None = None) -> None:
        self._store, self._log = store, request_log
        self._clusters = clusters or {}

    def cluster(self, cluster_id: str) -> SandboxState:
        """The truth of one cluster of the account: its own database tokens and databases."""
        return SandboxState(self._clusters[cluster_id], self._log, self._clusters)

    def management_token(self, token_id: str) -> dict | None:
        text = self._store.get_json(MANAGEMENT, token_id)
        return None if text is None else json.loads(text)

    def database_token(self, token_id: str) -> dict | None:
        text = self._store.get_json(DATABASE, token_id)
        return None if text is None else json.loads(text)

    def management_tokens(self) -> list[dict]:
        return json.loads(self._store.list_json(MANAGEMENT))

    def database_tokens(self) -> list[dict]:
        return json.loads(self._store.list_json(DATABASE))

    def databases(self) -> list[dict]:
        return json.loads(self._store.list_json("databases"))

    def delete_count(self, token_id: str) -> int:
        """DELETE requests received for this token id (failed or not)."""
        return self._log.delete_count(token_id)

    def revoke_count(self, kind: Any, token_id: str) -> int:
        """Like delete_count, for one kind: 'management'/'database' or anything with that .value."""
        return self._log.delete_count(token_id, getattr(kind, "value", kind))

    @property
    def request_log(self) -> list[LoggedRequest]:
        return self._log.entries


class Sandbox:
    """A local server of both API documents; see start_sandbox(). `interceptor` may stand between each request
    and its answer (see interceptor.py); by default every request gets the service's own answer."""

    def __init__(self, data: str = ":memory:", seed: int = 1, token: str | None = None, port: int = 0,
                 clusters: Sequence[ClusterSeed] = (), interceptor: Interceptor | None = None,
                 listener: socket.socket | None = None) -> None:
        self._store = Store(data)
        self._seed = seed
        self.account_id, self.cluster_id, user_id = self._ensure_seeded(seed)
        self._ensure_described(self._store, self.cluster_id, PRIMARY_NAME, READY)
        # Other clusters of the account: each its own store (a file beside `data`), seeded once.
        self._cluster_stores = {self.cluster_id: self._store}
        for number, cluster in enumerate(clusters, start=1):
            store = Store(data if data == ":memory:" else f"{data}.cluster{number}")
            self._cluster_stores[self._ensure_cluster_seeded(store, seed * 1000 + number, cluster)] = store
        self.management_token = token or new_management_secret()
        self._ensure_signed_in_token(user_id)
        self._log = RequestLog()
        self.state = SandboxState(self._store, self._log, self._cluster_stores)
        services = [Service(store, self.account_id, cluster_id, user_id, account_store=self._store)
                    for cluster_id, store in self._cluster_stores.items()]
        self._server = SandboxHTTPServer(port, services, interceptor or PassThrough(), self._log,
                                         self.cluster_records(), listener)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}{BASE_PATH}"
        self._thread: threading.Thread | None = None
        self._config_folder: str | None = None

    @property
    def influxctl_command(self) -> list[str]:
        """The command line that runs the influxctl emulator over this sandbox's data."""
        return emulator_command(self.url)

    def influxctl_config(self) -> Path:
        """A config.toml with this sandbox's account, cluster and token as its "default" profile, for the emulator
        where no pipe can carry one (Windows). Written once into a private temporary folder that stop() deletes;
        the token in it opens nothing but this sandbox, which ends with the app."""
        if self._config_folder is None:
            self._config_folder = tempfile.mkdtemp(prefix="token-desk-sandbox-")
            fields = {"name": "default", "product": "dedicated", "account_id": self.account_id,
                      "cluster_id": self.cluster_id, "mgmt_token": self.management_token}
            lines = ["[[profile]]", *(f"  {key} = {json.dumps(value)}" for key, value in fields.items())]
            config = Path(self._config_folder, "config.toml")
            config.write_text("\n".join(lines) + "\n", encoding="utf-8")
            system.restrict_to_owner(config)
        return Path(self._config_folder, "config.toml")

    def __repr__(self) -> str:  # never the secret
        return f"Sandbox(url={self.url!r}, account_id={self.account_id!r}, cluster_id={self.cluster_id!r})"

    def _ensure_seeded(self, seed: int) -> tuple[str, str, str]:
        """Seeds a new file once; later runs keep its IDs and every change made through the API."""
        if self._store.meta("account_id") is None:
            self._seed_everything(Seeder(seed))
        return self._store.meta("account_id"), self._store.meta("cluster_id"), self._store.meta("user_id")

    def _seed_everything(self, seeder: Seeder) -> None:
        account_id, cluster_id = seeder.identity()
        self._store.insert_tokens(MANAGEMENT, [t.row(account_id) for t in seeder.management_tokens()])
        self._store.insert_tokens(DATABASE, [t.row(account_id, cluster_id) for t in seeder.database_tokens()])
        self._store.insert_databases([d.row(account_id, cluster_id) for d in DATABASE_SEEDS_LIST])
        for key, value in (("user_id", seeder.users[0]), ("cluster_id", cluster_id), ("account_id", account_id)):
            self._store.set_meta(key, value)  # account_id last: its presence means "fully seeded"

    @staticmethod
    def _ensure_described(store: Store, cluster_id: str, name: str, state: str) -> None:
        """The cluster's name, state and creation time, as `cluster list` shows them (kept once set)."""
        if store.meta("cluster_name") is None:
            store.set_meta("cluster_created", now_stamp())
            store.set_meta("cluster_state", state)
            store.set_meta("cluster_name", name)

    def _ensure_cluster_seeded(self, store: Store, seed: int, cluster: ClusterSeed) -> str:
        if store.meta("cluster_id") is None:
            seeder = Seeder(seed)
            cluster_id = random_uuid(seeder.rng)
            store.insert_tokens(DATABASE, [t.row(self.account_id, cluster_id)
                                           for t in seeder.database_tokens(cluster.token_seeds)])
            store.insert_databases([d.row(self.account_id, cluster_id) for d in cluster.databases])
            store.set_meta("cluster_id", cluster_id)
        self._ensure_described(store, store.meta("cluster_id"), cluster.name, cluster.state)
        return store.meta("cluster_id")

    def cluster_records(self) -> list[dict]:
        """Every cluster of the account: ID, name, state, URL, creation time (the connection's own first)."""
        return [cluster_record(cluster_id, self.account_id, store.meta("cluster_name"), store.meta("cluster_state"),
                               store.meta("cluster_created")) for cluster_id, store in self._cluster_stores.items()]

    def set_cluster_state(self, cluster_id: str, state: str) -> None:
        """The cluster's state changes (provisioning → ready, say): `cluster list` shows it from now on."""
        self._cluster_stores[cluster_id].set_meta("cluster_state", state)
        self._server.cluster_records[:] = self.cluster_records()

    @property
    def cluster_ids(self) -> list[str]:
        return list(self._cluster_stores)

    def _ensure_signed_in_token(self, user_id: str) -> None:
        """The bearer is one of our own management tokens; a known (even revoked) one is reused as is."""
        secret = self.management_token
        if self._store.has_management_secret(secret):
            return
        token = ManagementToken(id=random_uuid(), description=SIGNED_IN_DESCRIPTION, prefix=prefix_of(secret),
                                created_at=now_stamp(), created_by=user_id, secret_hash=hash_secret(secret))
        self._store.insert_tokens(MANAGEMENT, [token.row(self.account_id)])

    def start(self) -> Sandbox:
        # A short poll interval keeps stop() quick: tests start and stop many sandboxes.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="token-desk-sandbox", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def populate(self, management: int = 0, database: int = 0, cluster_id: str | None = None) -> None:
        """Adds many extra tokens in one transaction per kind, for benchmarks; database tokens go to
        `cluster_id` (default: the first cluster), management tokens to the account."""
        cluster_id = cluster_id or self.cluster_id
        store = self._cluster_stores[cluster_id]
        first_management, first_database = self._store.count(MANAGEMENT), store.count(DATABASE)
        other_cluster = list(self._cluster_stores).index(cluster_id) * 7919  # distinct IDs in every cluster
        bulk = BulkRows(self._seed + first_management + first_database + other_cluster, self.account_id, cluster_id)
        self._store.insert_tokens(MANAGEMENT, bulk.management(management, first_management))
        store.insert_tokens(DATABASE, bulk.database(database, first_database))

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.hang_up_all()
        self._server.server_close()
        for store in self._cluster_stores.values():
            store.close()
        if self._config_folder is not None:
            shutil.rmtree(self._config_folder, ignore_errors=True)
            self._config_folder = None

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_sandbox(data: str = ":memory:", seed: int = 1, token: str | None = None, port: int = 0,
                  populate: dict[str, int] | None = None, clusters: Sequence[ClusterSeed] = ()) -> Sandbox:
    """Serves on a daemon thread and returns once listening; populate e.g. {"database": 100_000}.
    `clusters`: the account's other clusters (e.g. clusters.DEMO_CLUSTERS)."""
    sandbox = Sandbox(data=data, seed=seed, token=token, port=port, clusters=clusters)
    if populate:
        sandbox.populate(**populate)
    return sandbox.start()

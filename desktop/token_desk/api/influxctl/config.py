"""How influxctl learns who it is: a config Token Desk generates (way a) or the person's own (way b).

Way a hands influxctl a `[[profile]]` with the management token from the keyring. The secret
never reaches a file: the TOML goes through a pipe that influxctl reads as `/dev/fd/N`. Where
there is no /dev/fd (Windows) way a cannot reach influxctl at all, and says so (management tokens
there come through way b); writing the token to a file instead is never done.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import msgspec

from token_desk import system
from token_desk.api.influxctl.errors import InfluxctlNeedsItsOwnSignInError

GENERATED_PROFILE = "token-desk"


class GeneratedConfig(msgspec.Struct, frozen=True):
    """Way a: account, cluster and the management token Token Desk keeps.

    A Struct, as the other records the start-up makes (a frozen dataclass and the dataclasses module cost a
    --url window's first paint ~13 M instructions), with a repr of its own: a Struct's shows every field."""

    account_id: str
    cluster_id: str
    mgmt_token: str

    def __repr__(self) -> str:  # never the token
        return f"GeneratedConfig(account_id={self.account_id!r}, cluster_id={self.cluster_id!r})"

    def __rich_repr__(self) -> Iterator[tuple[str, str]]:  # msgspec's own lists every field, the token too
        yield "account_id", self.account_id
        yield "cluster_id", self.cluster_id

    @property
    def secret(self) -> str:
        return self.mgmt_token

    def toml(self) -> bytes:
        import json  # at influxctl's first command, on its worker: a window's start reads no JSON

        # JSON string escaping is valid TOML basic-string escaping for these values.
        lines = ["[[profile]]", f"  name = {json.dumps(GENERATED_PROFILE)}", '  product = "dedicated"',
                 f"  account_id = {json.dumps(self.account_id)}", f"  cluster_id = {json.dumps(self.cluster_id)}",
                 f"  mgmt_token = {json.dumps(self.mgmt_token)}"]
        return ("\n".join(lines) + "\n").encode("utf-8")

    def check_usable(self) -> None:
        """Raise InfluxctlNeedsItsOwnSignInError where the config cannot reach influxctl without a file."""
        if not pipes_work():
            raise InfluxctlNeedsItsOwnSignInError()

    @contextlib.contextmanager
    def flags(self) -> Iterator[tuple[list[str], tuple[int, ...]]]:
        """(`--config … --profile …`, file descriptors the process must inherit), for one process."""
        with _piped(self.toml()) as (path, fd):
            yield ["--config", path, "--profile", GENERATED_PROFILE], (fd,)


class ExistingProfile(msgspec.Struct, frozen=True):
    """Way b: influxctl's own config file (None: its default location) and profile; no secret here."""

    config_path: str | None = None
    profile: str = "default"

    @property
    def secret(self) -> str:
        return ""

    def check_usable(self) -> None:
        """influxctl reads its own config wherever it runs."""

    @contextlib.contextmanager
    def flags(self) -> Iterator[tuple[list[str], tuple[int, ...]]]:
        config = ["--config", self.config_path] if self.config_path else []
        yield config + ["--profile", self.profile], ()


def pipes_work() -> bool:
    """Whether way a can hand influxctl its config: a child opens an inherited pipe as /dev/fd/N."""
    return system.has_dev_fd()


@contextlib.contextmanager
def _piped(content: bytes) -> Iterator[tuple[str, int]]:
    if not pipes_work():
        raise InfluxctlNeedsItsOwnSignInError()
    read_fd, write_fd = os.pipe()
    try:
        # A config is far below any pipe's buffer, so the write completes before influxctl reads.
        os.write(write_fd, content)
        os.close(write_fd)
        write_fd = -1
        yield f"{system.DEV_FD}/{read_fd}", read_fd
    finally:
        for fd in (read_fd, write_fd):
            if fd >= 0:
                os.close(fd)

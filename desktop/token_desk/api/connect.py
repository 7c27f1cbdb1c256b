"""Building a connection's TokenService for each way of signing in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from token_desk.api.client import ManagementApiClient
from token_desk.api.influxctl.bridge import InfluxctlBridge
from token_desk.api.influxctl.config import ExistingProfile, GeneratedConfig
from token_desk.api.service import InfluxctlService, RestWithInfluxctlService

# Named in signatures only: the sign-in watcher's module is imported by the first influxctl command, on a worker.
if TYPE_CHECKING:
    from token_desk.api.influxctl.login import LoginObserver
    from token_desk.api.influxctl.program import InfluxctlProgram


def management_token_service(base_url: str, account_id: str, cluster_id: str, token: str,
                             program: InfluxctlProgram, influxctl_auth: ExistingProfile | None = None,
                             **rest_options) -> RestWithInfluxctlService:
    """Way a: the management token Token Desk keeps, for REST and (through a generated config) influxctl.
    `influxctl_auth`: a config influxctl reads instead, only ever the demo sandbox's own (see start_demo_client)."""
    rest = ManagementApiClient(base_url, account_id, cluster_id, token, **rest_options)
    auth = influxctl_auth or GeneratedConfig(account_id, cluster_id, token)
    return RestWithInfluxctlService(rest, InfluxctlBridge(program, auth))


def influxctl_profile_service(program: InfluxctlProgram, config_path: str | None, profile: str,
                              login_observer: LoginObserver | None = None) -> InfluxctlService:
    """Way b: influxctl's own config and sign-in; Token Desk holds no secret."""
    return InfluxctlService(InfluxctlBridge(program, ExistingProfile(config_path, profile),
                                            login_observer=login_observer))

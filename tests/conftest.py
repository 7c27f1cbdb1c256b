"""Shared fixtures: a real sandbox server per test, a client signed in to it, and app state kept in tmp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from token_desk.api.client import ManagementApiClient
from token_desk.api.connect import influxctl_profile_service, management_token_service
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.service import TokenService
from tests.sandbox.faults import FaultySandbox, start_faulty_sandbox
from token_desk.sandbox.clusters import PROVISIONING, READY, ClusterSeed
from token_desk.sandbox.influxctl import write_launcher
from token_desk.sandbox.seed import DATABASE_SEEDS, DATABASE_SEEDS_LIST
from tests.teardown_guard import (  # noqa: F401 - hooks for every test
    pytest_configure, pytest_exception_interact, pytest_runtest_protocol, pytest_runtest_teardown)

# The offscreen platform cannot resize windows to their size hints, raise windows or grab input
# (which popup menus ask for) and says so every time: a property of the test platform, not a fault of ours.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing the (keyboard|mouse))"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and profiles go to a fresh folder per test, never the real home."""
    path = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("TOKEN_DESK_CONFIG_DIR", str(path))
    return path


@pytest.fixture
def sandbox(tmp_path_factory: pytest.TempPathFactory,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[FaultySandbox]:
    """A seeded sandbox server on 127.0.0.1 for this test only, with `faults` to switch on; the app's
    influxctl is its emulator."""
    with start_faulty_sandbox(data=":memory:", seed=1) as running:
        launcher = write_launcher(tmp_path_factory.mktemp("influxctl"), running.influxctl_command)
        monkeypatch.setenv("TOKEN_DESK_INFLUXCTL", str(launcher))
        yield running


@pytest.fixture
def rest_client(sandbox: FaultySandbox) -> Iterator[ManagementApiClient]:
    """A real HTTP client signed in to `sandbox`, retrying without the waits between attempts
    (the retry policy itself is tested in tests/api)."""
    with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                             sandbox.management_token, sleep=lambda seconds: None) as api_client:
        yield api_client


@pytest.fixture
def client(sandbox: FaultySandbox) -> Iterator[TokenService]:
    """The app's token service for `sandbox`, as a profile gets it: database tokens over real HTTP,
    management tokens through the sandbox's influxctl emulator (real processes)."""
    service = management_token_service(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token,
                                       InfluxctlProgram(sandbox.influxctl_command), sleep=lambda seconds: None)
    try:
        yield service
    finally:
        service.close()


@pytest.fixture
def isolated_settings(config_dir: Path) -> QSettings:
    """A QSettings INI file of its own in the test's config folder."""
    return QSettings(str(config_dir / "test-settings.ini"), QSettings.Format.IniFormat)


# An account of several clusters: the connection's own (production), staging and eu-2 with tokens of their
# own, and one still being set up.
ACCOUNT_CLUSTERS = (
    ClusterSeed("staging", READY, DATABASE_SEEDS[:5], DATABASE_SEEDS_LIST[:2]),
    ClusterSeed("eu-2", READY, DATABASE_SEEDS[5:8], DATABASE_SEEDS_LIST[2:3]),
    ClusterSeed("analytics", PROVISIONING),
)


@pytest.fixture
def account() -> Iterator[FaultySandbox]:
    """A sandbox serving ACCOUNT_CLUSTERS beside the connection's own cluster, with `faults` to switch on."""
    with start_faulty_sandbox(data=":memory:", seed=3, clusters=ACCOUNT_CLUSTERS) as running:
        yield running


@pytest.fixture
def way_a(account):
    """Way a: REST with the kept management token; influxctl (the emulator) with a generated config."""
    service = management_token_service(account.url, account.account_id, account.cluster_id, account.management_token,
                                       InfluxctlProgram(account.influxctl_command), sleep=lambda seconds: None)
    yield service
    service.close()


@pytest.fixture
def way_b(account):
    """Way b: everything through influxctl and its own profile (the emulator reads the sandbox's config)."""
    service = influxctl_profile_service(InfluxctlProgram(account.influxctl_command), str(account.influxctl_config()),
                                        "default")
    yield service
    service.close()

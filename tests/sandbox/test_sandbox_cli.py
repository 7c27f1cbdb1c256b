"""`python -m token_desk.sandbox`: labelled lines to copy, a quiet secret, a clean exit."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.tools import REPO_ROOT, as_from_a_terminal

LABELS = ("URL", "Account ID", "Cluster ID", "Management token")


def run_cli(*args: str, module: str = "token_desk.sandbox") -> subprocess.Popen:
    """The sandbox as a person starts it in a terminal (where Ctrl+C reaches it); `module` may be the tests'
    launcher with fault flags, run from the checkout."""
    return subprocess.Popen(as_from_a_terminal([sys.executable, "-m", module, "--port", "0", *args]),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT)


def run_faulty_cli(*args: str) -> subprocess.Popen:
    return run_cli(*args, module="tests.sandbox.faulty_cli")


def read_labels(process: subprocess.Popen) -> dict[str, str]:
    lines = [process.stdout.readline().rstrip("\n") for _ in LABELS]
    return dict(line.split(": ", 1) for line in lines)


def stop(process: subprocess.Popen) -> tuple[int, str]:
    """Ctrl+C; a sandbox that ignores it is killed (never left running) and the test fails."""
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("the sandbox was still running 10 s after Ctrl+C")
    return process.returncode, stderr


def test_prints_what_to_paste_serves_it_and_keeps_the_secret_out_of_logs(tmp_path: Path) -> None:
    process = run_cli("--data", str(tmp_path / "demo.sqlite"), "--seed", "5")
    try:
        shown = read_labels(process)
        assert list(shown) == list(LABELS)
        assert shown["URL"].startswith("http://127.0.0.1:") and shown["URL"].endswith("/api/v0")
        cluster = f"{shown['URL']}/accounts/{shown['Account ID']}/clusters/{shown['Cluster ID']}"
        answer = httpx.get(f"{cluster}/tokens", headers={"Authorization": f"Bearer {shown['Management token']}"})
        assert answer.status_code == 200 and len(answer.json()) >= 20
        assert httpx.get(f"{cluster}/tokens", headers={"Authorization": "Bearer wrong"}).status_code == 401
    finally:
        returncode, stderr = stop(process)
    assert returncode == 0 and "Traceback" not in stderr
    assert "GET /api/v0/accounts/" in stderr  # requests are logged...
    assert shown["Management token"] not in stderr  # ...without the bearer


def test_the_product_sandbox_has_no_fault_flags() -> None:
    result = subprocess.run([sys.executable, "-m", "token_desk.sandbox", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--token" in result.stdout
    assert not [flag for flag in ("--delay-ms", "--fail-revokes", "--invalid-json") if flag in result.stdout]


def test_given_token_and_fault_flags(tmp_path: Path) -> None:
    secret = "M.V1.cli-given-token-abcdefghijklmnopqrstuvwxyz"
    process = run_faulty_cli("--token", secret, "--fail-revokes", "1", "--delay-ms", "10")
    try:
        shown = read_labels(process)
        assert shown["Management token"] == secret
        cluster = f"{shown['URL']}/accounts/{shown['Account ID']}/clusters/{shown['Cluster ID']}"
        with httpx.Client(base_url=cluster, headers={"Authorization": f"Bearer {secret}"}) as api:
            token_id = api.get("/tokens").json()[0]["id"]
            assert [api.delete(f"/tokens/{token_id}").status_code for _ in range(2)] == [500, 204]
    finally:
        returncode, stderr = stop(process)
    assert returncode == 0 and secret not in stderr


def test_invalid_json_flag_garbles_answers() -> None:
    process = run_faulty_cli("--invalid-json", "--quiet")
    try:
        shown = read_labels(process)
        answer = httpx.get(f"{shown['URL']}/accounts/{shown['Account ID']}/clusters/{shown['Cluster ID']}/tokens")
        assert answer.status_code == 200 and not answer.text.startswith(("[", "{"))
    finally:
        returncode, stderr = stop(process)
    assert returncode == 0 and stderr == ""


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX: a background job's ignored SIGINT")
def test_ctrl_c_stops_it_even_when_the_test_run_ignores_sigint() -> None:
    """Found as "1 failed" on a busy machine: the suite ran as a background job, which ignores SIGINT; the
    sandbox inherited that and ignored the test's Ctrl+C. The child now starts as from a terminal."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process = run_cli("--quiet")
    finally:
        signal.signal(signal.SIGINT, previous)
    read_labels(process)
    assert stop(process) == (0, "")
def test_size_flags_serve_a_large_account() -> None:
    plain = run_cli("--quiet")
    try:
        shown = read_labels(plain)
        headers = {"Authorization": f"Bearer {shown['Management token']}"}
        cluster = f"{shown['URL']}/accounts/{shown['Account ID']}/clusters/{shown['Cluster ID']}"
        sample = len(httpx.get(f"{cluster}/tokens", headers=headers).json())
    finally:
        stop(plain)
    process = run_cli("--quiet", "--database-tokens", "1500")
    try:
        shown = read_labels(process)
        headers = {"Authorization": f"Bearer {shown['Management token']}"}
        cluster = f"{shown['URL']}/accounts/{shown['Account ID']}/clusters/{shown['Cluster ID']}"
        tokens = httpx.get(f"{cluster}/tokens", headers=headers).json()
        assert len(tokens) == sample + 1500
        assert len({token["id"] for token in tokens}) == len(tokens)
    finally:
        returncode, stderr = stop(process)
    assert returncode == 0 and stderr == ""

"""The stand-in's command line: global flags, the config (even through a pipe), and its failure modes."""

from __future__ import annotations

import json
import os
import subprocess
import threading

import pytest

from tests.influxctl_standin.conftest import SECRET


def test_global_flags_go_before_the_subcommand(influxctl, config):
    after = influxctl("management", "list", "--config", str(config), global_flags=())
    assert after.returncode == 1 and "flag provided but not defined: -config" in after.stderr


def test_flags_after_an_id_are_ids_as_in_go(influxctl, standin, seeded):
    result = influxctl("management", "revoke", seeded.never_expires_id, "--force", stdin="")
    assert result.returncode == 1
    assert "revoked_at" not in standin.record("management", seeded.never_expires_id)


def test_timeout_takes_a_go_duration_only(influxctl, config):
    good = influxctl("management", "list", "--format=json", global_flags=("--config", str(config), "--timeout", "45s"))
    assert good.returncode == 0
    bare = influxctl("management", "list", global_flags=("--config", str(config), "--timeout", "45"))
    assert bare.returncode == 1 and "timeout" in bare.stderr


def test_profile_flag_and_environment_select_the_profile(influxctl, standin, tmp_path):
    path = tmp_path / "two.toml"
    standin.config_file(path, name="other", token=SECRET)
    assert influxctl("version", global_flags=("--config", str(path))).returncode == 0
    missing = influxctl("management", "list", global_flags=("--config", str(path)))
    assert missing.returncode == 1 and 'profile "default" not found' in missing.stderr
    chosen = influxctl("management", "list", global_flags=("--config", str(path), "--profile", "other"))
    assert chosen.returncode == 0


def test_config_through_a_pipe_is_read(standin, seeded, config):
    read_end, write_end = os.pipe()
    os.write(write_end, config.read_bytes())
    os.close(write_end)
    try:
        result = subprocess.run([str(standin.program), "--config", f"/dev/fd/{read_end}", "management", "list",
                                 "--format", "json"], env={**os.environ, **standin.env}, pass_fds=(read_end,),
                                capture_output=True, text=True, timeout=20)
    finally:
        os.close(read_end)
    assert result.returncode == 0, result.stderr
    assert standin.calls()[-1]["config"] == "pipe"


def test_account_override_to_a_foreign_account_is_refused(influxctl, config):
    result = influxctl("management", "list", global_flags=("--config", str(config), "--account", "someone-else"))
    assert result.returncode == 1 and result.stderr.startswith("error\t")


def test_garbage_mode_exits_0_with_no_json(influxctl):
    result = influxctl("management", "list", "--format", "json", modes=("garbage",))
    assert result.returncode == 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_extra_fields_and_null_empty_modes(influxctl, standin, seeded):
    items = json.loads(influxctl("management", "list", "--format", "json", modes=("extra-fields",)).stdout)
    assert all("zz_future" in item for item in items)
    standin.world["management_tokens"] = []
    standin.world["extra_valid_secrets"] = [__import__("hashlib").sha256(SECRET.encode()).hexdigest()]
    standin.save()
    assert influxctl("management", "list", "--format", "json", modes=("null-empty",)).stdout.strip() == "null"


def test_slow_mode_ends_itself_at_the_timeout(influxctl, config):
    env_flags = ("--config", str(config), "--timeout", "200ms")
    result = influxctl("management", "list", global_flags=env_flags, modes=("slow",))
    assert result.returncode == 1 and "deadline" in result.stderr


def test_hang_mode_never_answers(influxctl):
    with pytest.raises(subprocess.TimeoutExpired):
        influxctl("management", "list", modes=("hang",), timeout=1)


def test_gtk_noise_goes_to_stderr_only(influxctl):
    result = influxctl("management", "list", "--format", "json", modes=("gtk-noise",))
    assert result.returncode == 0 and json.loads(result.stdout)
    assert 'Not loading module "atk-bridge"' in result.stderr


def test_browser_login_prints_url_and_code_and_waits_for_approval(standin, seeded, tmp_path):
    config = standin.config_file(tmp_path / "login.toml")
    process = subprocess.Popen([str(standin.program), "--config", str(config), "management", "list", "--format",
                                "json"], env={**os.environ, **standin.env}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        first = process.stderr.readline() + process.stderr.readline() + process.stderr.readline()
        assert "https://" in first and process.poll() is None
        threading.Timer(0, standin.approve_login).start()
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0 and json.loads(out)
    assert "code" in first + err
    again = subprocess.run([str(standin.program), "--config", str(config), "management", "list"],
                           env={**os.environ, **standin.env}, capture_output=True, text=True, timeout=20)
    assert again.returncode == 0 and "https://" not in again.stderr


def test_before_2_9_7_there_is_no_global_timeout_flag(influxctl, config):
    old = influxctl("management", "list", global_flags=("--config", str(config), "--timeout", "45s"), version="2.9.6")
    assert old.returncode == 1 and "flag provided but not defined: -timeout" in old.stderr
    assert influxctl("management", "list", global_flags=("--config", str(config), "--timeout", "45s"),
                     version="2.9.7").returncode == 0

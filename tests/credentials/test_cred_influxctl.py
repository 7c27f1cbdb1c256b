import logging
from pathlib import Path

import pytest

from token_desk.credentials import (
    DEFAULT_BASE_URL,
    Credentials,
    ProfileFileWriteError,
    ProfileStore,
    import_profiles,
    read_influxctl_profiles,
)
from cred_helpers import ACCOUNT_ID, CLUSTER_ID, OTHER_SECRET, SECRET, make_profile

GOOD = f'''
[[profile]]
name = "default"
product = "dedicated"
account_id = "{ACCOUNT_ID}"
cluster_id = "{CLUSTER_ID}"
host = "abc123.a.influxdb.io"
mgmt_token = "{SECRET}"

[[profile]]
name = "staging"
product = "Dedicated"
account_id = "{ACCOUNT_ID}"
cluster_id = "{CLUSTER_ID}"
'''

PARTIAL = GOOD + f'''
[[profile]]
name = "onprem"
product = "clustered"
account_id = "{ACCOUNT_ID}"
cluster_id = "{CLUSTER_ID}"

[[profile]]
name = "broken"
product = "dedicated"
account_id = "not-a-uuid"
mgmt_token = "{OTHER_SECRET}"

[[profile]]
product = "dedicated"
'''


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "influxctl" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_good_config_gives_ready_profiles_on_the_console_api(tmp_path: Path) -> None:
    result = read_influxctl_profiles(write_config(tmp_path, GOOD))
    assert result.file_error is None
    default, staging = result.candidates
    assert default.profile is not None and default.profile.base_url == DEFAULT_BASE_URL
    assert default.host == "abc123.a.influxdb.io" and default.has_token and default.note is None
    assert staging.is_importable and not staging.has_token
    assert "ask for it" in (staging.note or "")
    assert SECRET not in repr(result)


def test_partial_config_explains_each_bad_profile(tmp_path: Path) -> None:
    result = read_influxctl_profiles(write_config(tmp_path, PARTIAL), existing_names=["Staging"])
    problems = {c.name or f"#{c.position}": c.problem for c in result.candidates}
    assert problems["default"] is None
    assert "already exists" in problems["staging"]
    assert "Cloud Dedicated only" in problems["onprem"]
    assert "'not-a-uuid' is not a UUID" in problems["broken"] and "no cluster_id" in problems["broken"]
    assert "has no name" in problems["#5"]
    assert [c.name for c in result.importable] == ["default"]
    assert OTHER_SECRET not in repr(result)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("[[profile]\nname = 'x'\n", "line 1"), ('title = "no profiles"\n', "no [[profile]] tables"),
     ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "not valid TOML")],  # deeper than tomllib's stack
)
def test_unusable_files_get_one_file_level_message(tmp_path: Path, text: str, fragment: str) -> None:
    path = write_config(tmp_path, text)
    result = read_influxctl_profiles(path)
    assert result.candidates == () and fragment in (result.file_error or "") and str(path) in result.file_error


def test_missing_file_is_a_message(tmp_path: Path) -> None:
    assert "no influxctl configuration" in (read_influxctl_profiles(tmp_path / "none.toml").file_error or "")


def test_import_moves_tokens_into_the_keyring_and_leaves_config_alone(
    tmp_path: Path, store: ProfileStore, credentials: Credentials, memory_keyring, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    path = write_config(tmp_path, PARTIAL)
    before = path.read_bytes()
    store.add(make_profile("staging"))
    report = import_profiles(read_influxctl_profiles(path).candidates, store, credentials)
    assert [item.name for item in report.imported] == ["default"]
    assert {item.name for item in report.skipped} == {"staging", "onprem", "broken", "#5"}
    assert memory_keyring.entries == {("token-desk", "default"): SECRET}
    assert store.get("default").account_id == ACCOUNT_ID
    assert path.read_bytes() == before
    assert str(path) in (report.plaintext_warning or "") and "plain text" in report.summary()
    assert SECRET not in caplog.text + report.summary() + repr(report)
    assert SECRET.encode() not in store.path.read_bytes()


def test_profile_without_token_is_imported_for_the_token_to_be_asked_later(
    tmp_path: Path, store: ProfileStore, credentials: Credentials, memory_keyring
) -> None:
    result = read_influxctl_profiles(write_config(tmp_path, GOOD))
    report = import_profiles(result.candidates[1:], store, credentials)
    assert [(i.name, i.token_stored) for i in report.imported] == [("staging", False)]
    assert report.plaintext_warning is None and memory_keyring.entries == {}


def test_keyring_failure_midway_imports_each_profile_whole_or_not_at_all(
    tmp_path: Path, store: ProfileStore, credentials: Credentials, memory_keyring
) -> None:
    text = GOOD + GOOD.replace('"default"', '"second"').replace('"staging"', '"third"')
    memory_keyring.fail_set_for.add("second")
    report = import_profiles(read_influxctl_profiles(write_config(tmp_path, text)).candidates, store, credentials)
    assert store.names() == ["default", "staging", "third"]
    assert [s.name for s in report.skipped] == ["second"]
    assert "system keyring" in report.skipped[0].reason
    assert ("token-desk", "second") not in memory_keyring.entries


def test_profile_save_failure_removes_the_token_just_written(
    tmp_path: Path, store: ProfileStore, credentials: Credentials, memory_keyring, monkeypatch
) -> None:
    result = read_influxctl_profiles(write_config(tmp_path, GOOD))

    def disk_full(profile):
        assert memory_keyring.entries, "the token is written before the profile"
        raise ProfileFileWriteError("Token Desk could not save its profiles file.", path=store.path)

    monkeypatch.setattr(store, "add", disk_full)
    report = import_profiles(result.candidates[:1], store, credentials)
    assert report.imported == [] and "could not save" in report.skipped[0].reason
    assert memory_keyring.entries == {}


def test_damaged_profiles_file_stops_import_before_the_keyring(
    tmp_path: Path, store: ProfileStore, credentials: Credentials, memory_keyring
) -> None:
    result = read_influxctl_profiles(write_config(tmp_path, GOOD))
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{ damaged")
    report = import_profiles(result.candidates, store, credentials)
    assert report.imported == [] and all("damaged" in s.reason for s in report.skipped)
    assert memory_keyring.entries == {} and store.path.read_text() == "{ damaged"

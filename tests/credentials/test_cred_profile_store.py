import json
from pathlib import Path

import pytest

from token_desk.credentials import (
    InvalidProfileError,
    ProfileFileCorruptError,
    ProfileNameTakenError,
    ProfileNotFoundError,
    ProfileStore,
)
from cred_helpers import make_profile


def test_profiles_survive_a_new_store_instance(store: ProfileStore, isolated_config: Path) -> None:
    store.add(make_profile("Production"))
    store.add(make_profile("Staging", "http://127.0.0.1:9999/api/v0"))
    store.set_last_used("Staging")
    reopened = ProfileStore()
    assert reopened.path == isolated_config / "profiles.json"
    assert [p.name for p in reopened.list()] == ["Production", "Staging"]
    assert reopened.get("Staging").base_url == "http://127.0.0.1:9999/api/v0"
    assert reopened.last_used_name() == "Staging"
    assert json.loads(reopened.path.read_text())["schema_version"] == 1


def test_add_refuses_clashing_and_invalid_profiles(store: ProfileStore) -> None:
    store.add(make_profile("Production"))
    with pytest.raises(ProfileNameTakenError, match="already exists"):
        store.add(make_profile("production"))
    with pytest.raises(InvalidProfileError) as caught:
        store.add(make_profile("Bad", "not a url"))
    assert set(caught.value.problems) == {"base_url"}
    assert store.names() == ["Production"]


def test_update_renames_in_place_and_follows_last_used(store: ProfileStore) -> None:
    for name in ("A", "B", "C"):
        store.add(make_profile(name))
    store.set_last_used("B")
    store.update("B", make_profile("Bee"))
    assert store.names() == ["A", "Bee", "C"]
    assert store.last_used_name() == "Bee"
    with pytest.raises(ProfileNameTakenError):
        store.update("Bee", make_profile("a"))
    with pytest.raises(ProfileNotFoundError, match="no profile named 'Gone'"):
        store.update("Gone", make_profile("Gone"))


def test_duplicate_picks_a_free_name_next_to_the_original(store: ProfileStore) -> None:
    store.add(make_profile("A"))
    store.add(make_profile("Z"))
    assert store.duplicate("A").name == "A (copy)"
    assert store.duplicate("A").name == "A (copy 2)"
    assert store.names() == ["A", "A (copy 2)", "A (copy)", "Z"]


def test_delete_forgets_last_used(store: ProfileStore) -> None:
    store.add(make_profile("A"))
    store.set_last_used("A")
    store.delete("A")
    assert store.list() == [] and store.last_used_name() is None


def test_corrupt_file_is_reported_with_line_and_never_overwritten(store: ProfileStore) -> None:
    damaged = b'{"schema_version": 1,\n "profiles": [ oops ]}'
    store.path.write_bytes(damaged)
    with pytest.raises(ProfileFileCorruptError) as caught:
        store.list()
    assert "line 2" in str(caught.value) and str(store.path) in str(caught.value)
    with pytest.raises(ProfileFileCorruptError):
        store.add(make_profile("New"))
    assert store.path.read_bytes() == damaged


def test_a_file_nested_deeper_than_the_parser_can_follow_is_damaged_not_a_crash(store: ProfileStore) -> None:
    damaged = b'{"schema_version": 1, "profiles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    store.path.write_bytes(damaged)
    with pytest.raises(ProfileFileCorruptError) as caught:
        store.list()
    assert str(store.path) in str(caught.value)
    assert store.path.read_bytes() == damaged


def test_reset_after_the_users_choice_keeps_a_backup(store: ProfileStore) -> None:
    store.path.write_text("[]")
    backup = store.reset_damaged_file()
    assert backup is not None and backup.name == "profiles.json.bak" and backup.read_text() == "[]"
    assert store.list() == []
    store.add(make_profile("Fresh"))
    assert store.names() == ["Fresh"]


def test_newer_format_asks_for_an_update(store: ProfileStore) -> None:
    store.path.write_text('{"schema_version": 99, "profiles": []}')
    with pytest.raises(ProfileFileCorruptError, match="newer Token Desk"):
        store.list()


def test_atomic_write_leaves_no_temporary_files(store: ProfileStore) -> None:
    store.add(make_profile("A"))
    store.update("A", make_profile("B"))
    assert [p.name for p in store.path.parent.iterdir()] == ["profiles.json"]


def test_the_plain_http_choice_is_kept_per_profile_and_old_files_still_read(tmp_path) -> None:
    from token_desk.credentials import Profile
    from token_desk.credentials.profile_file import ProfileData, read_profile_file, write_profile_file

    path = tmp_path / "profiles.json"
    chosen = Profile(name="Lab", base_url="http://lab.internal/api/v0", account_id="0f8fad5b-d9cb-469f-a165-70867728950e",
                     cluster_id="0f8fad5b-d9cb-469f-a165-70867728950e", allow_plain_http=True)
    plain = Profile(name="Prod", account_id=chosen.account_id, cluster_id=chosen.cluster_id)
    write_profile_file(path, ProfileData([chosen, plain], None))
    assert read_profile_file(path).profiles == [chosen, plain]
    assert path.read_text().count("allow_plain_http") == 1  # only where chosen


BAD_NAME = "bad\nname\x1b[31m"  # written into the file by hand: a line break and an escape sequence


def hand_written_file(path: Path, names: list[str]) -> None:
    """profiles.json as a person might edit it, one key a line (json.dumps escapes the control characters)."""
    entries = [make_profile("placeholder") for _ in names]
    document = {"schema_version": 1, "last_used": names[0], "profiles": [
        {"name": name, "base_url": entry.base_url, "account_id": entry.account_id, "cluster_id": entry.cluster_id}
        for name, entry in zip(names, entries)]}
    path.write_text(json.dumps(document, indent=2))


def test_a_name_with_control_characters_is_refused_by_line_and_the_rest_loads(store: ProfileStore) -> None:
    hand_written_file(store.path, ["Production", BAD_NAME, "Staging"])
    assert store.names() == ["Production", "Staging"]
    line = next(number for number, text in enumerate(store.path.read_text().splitlines(), start=1)
                if '"name": "bad\\nname' in text)
    [sentence] = store.refusals()
    assert f"line {line} of {store.path}" in sentence and "control characters" in sentence
    assert ". " not in sentence and sentence.endswith(".") and "\n" not in sentence and "\x1b" not in sentence


def test_a_refused_entry_is_kept_when_the_file_is_saved_again(store: ProfileStore) -> None:
    hand_written_file(store.path, ["Production", BAD_NAME])
    store.add(make_profile("Staging"))
    store.delete("Production")
    assert store.names() == ["Staging"]
    assert [entry["name"] for entry in json.loads(store.path.read_text())["profiles"]] == ["Staging", BAD_NAME]
    assert len(store.refusals()) == 1


def test_the_last_used_name_may_not_open_a_refused_entry(store: ProfileStore) -> None:
    hand_written_file(store.path, [BAD_NAME, "Production"])
    assert store.last_used_name() is None


@pytest.mark.parametrize("name", ["tab\there", "right-to-left\u202eoverride", "nul\x00", "bell\x07"])
def test_add_rename_and_the_file_share_one_name_rule(store: ProfileStore, name: str) -> None:
    with pytest.raises(InvalidProfileError, match="control characters"):
        store.add(make_profile(name))
    store.add(make_profile("Fine"))
    with pytest.raises(InvalidProfileError, match="control characters"):
        store.update("Fine", make_profile(name))
    hand_written_file(store.path, ["Fine", name])
    assert store.names() == ["Fine"] and "control characters" in store.refusals()[0]


def test_clusters_added_by_id_are_kept_per_profile_and_checked(store: ProfileStore) -> None:
    from msgspec.structs import replace

    staging, eu2 = "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    store.add(replace(make_profile("Production"), added_cluster_ids=(staging, eu2)))
    store.add(make_profile("Plain"))
    reopened = ProfileStore()
    assert reopened.get("Production").added_cluster_ids == (staging, eu2)
    assert reopened.get("Plain").added_cluster_ids == ()
    entries = json.loads(reopened.path.read_text())["profiles"]
    assert [entry.get("added_cluster_ids") for entry in entries] == [[staging, eu2], None]  # only where added
    for wrong, said in (("not-a-cluster", "must be a UUID"), (make_profile().cluster_id, "own cluster"),
                        (staging, "added twice")):
        with pytest.raises(InvalidProfileError, match=said):
            store.add(replace(make_profile("Other"), added_cluster_ids=(staging, wrong)))


def test_a_hand_edited_added_cluster_list_that_is_not_a_list_is_reported(store: ProfileStore) -> None:
    store.add(make_profile("Production"))
    document = json.loads(store.path.read_text())
    document["profiles"][0]["added_cluster_ids"] = "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8"
    store.path.write_text(json.dumps(document))
    with pytest.raises(ProfileFileCorruptError, match="added_cluster_ids"):
        ProfileStore().list()

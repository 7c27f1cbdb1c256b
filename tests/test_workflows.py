"""The GitHub workflows cover every system Token Desk ships for, and sign only with configured secrets.
(actionlint checks their syntax, expressions and shell steps in .ci/test.)"""

from __future__ import annotations

import yaml

from tests.tools import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
# Linux x86_64, Windows x64, macOS on Apple silicon and on Intel.
SYSTEMS = {"ubuntu-22.04", "windows-2022", "macos-15", "macos-15-intel"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def runners(job: dict) -> set[str]:
    return {entry["os"] for entry in job["strategy"]["matrix"]["include"]}


def steps_named(job: dict, words: str) -> list[dict]:
    return [step for step in job["steps"] if words in step.get("name", "")]


def test_ci_tests_every_push_on_every_system() -> None:
    ci = workflow("ci.yml")
    assert "push" in ci[True]  # YAML reads the key `on` as true
    assert runners(ci["jobs"]["test"]) == SYSTEMS


def test_release_builds_checks_and_uploads_for_every_system() -> None:
    build = workflow("release.yml")["jobs"]["build"]
    assert runners(build) == SYSTEMS
    assert {entry["system"] for entry in build["strategy"]["matrix"]["include"]} == {"linux", "windows", "macos"}
    check = steps_named(build, "--self-test")[0]["run"]
    assert "--version" in check and "--self-test" in check
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps_named(build, "Upload"))


def test_signing_runs_only_with_its_secrets_and_says_when_it_is_skipped() -> None:
    build = workflow("release.yml")["jobs"]["build"]
    signing = [step for step in build["steps"] if "secrets." in str(step.get("env", {}))]
    assert {step["name"] for step in signing} >= {"Import the macOS signing certificate", "Sign token-desk.exe",
                                                  "Notarise Token Desk.app"}
    for step in signing:
        assert "== 'true'" in step["if"] and step["if"].split("env.")[1].split(" ")[0] in build["env"]
    said = steps_named(build, "Say which signing steps run")[0]["run"]
    assert said.count("::notice title=Not signed::") == 2 and "::notice title=Not notarised::" in said

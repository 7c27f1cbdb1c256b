"""Schemathesis fuzzes the sandbox with what the OpenAPI documents allow (and what they forbid).

Every answer must be documented: no 5xx, every status, header and body valid against the documents.
Bounded (a few dozen examples per operation) so the whole file runs in well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.sandbox.contract import api_dir
from token_desk.sandbox import start_sandbox

DOCUMENTS = {"cloud-dedicated-management.openapi.yml": ("GetClusterDatabases", "CreateClusterDatabase",
                                                        "GetDatabaseTokens", "CreateDatabaseToken", "GetDatabaseToken",
                                                        "UpdateDatabaseToken", "DeleteDatabaseToken"),
             "management-tokens.openapi.yml": ("GetManagementTokens", "CreateManagementToken",
                                               "GetManagementToken", "RevokeManagementToken")}
EXAMPLES_PER_OPERATION = 25
FUZZ_SETTINGS = settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzzed_sandbox():
    with start_sandbox(seed=5) as sandbox:
        yield sandbox


def served_operation(document: str, operation_id: str, sandbox):
    schema = schemathesis.openapi.from_path(api_dir() / document)
    schema.config.update(base_url=sandbox.url, headers={"Authorization": f"Bearer {sandbox.management_token}"})
    return schema.find_operation_by_id(operation_id)


def cases(operation, sandbox):
    """Valid requests for this cluster (some naming tokens that exist), and invalid ones of every kind."""
    cluster = {"accountId": sandbox.account_id, "clusterId": sandbox.cluster_id}
    strategies = [operation.as_strategy(path_parameters=cluster),
                  operation.as_strategy(GenerationMode.NEGATIVE)]
    if "{tokenId}" in operation.path:
        strategies += [operation.as_strategy(path_parameters={**cluster, "tokenId": token_id})
                       for token_id in existing_token_ids(operation.path, sandbox)]
    return st.one_of(strategies)


def existing_token_ids(path: str, sandbox) -> list[str]:
    """A few real token IDs; never the token the fuzzer signs in with, which would end the run early."""
    if "managementTokens" in path:
        rows = [row for row in sandbox.state.management_tokens() if not row["description"].endswith("signed in")]
    else:
        rows = sandbox.state.database_tokens()
    return [row["id"] for row in rows[:3]]


@pytest.mark.parametrize(("document", "operation_id"),
                         [(document, operation) for document, operations in DOCUMENTS.items()
                          for operation in operations])
def test_every_answer_is_documented(fuzzed_sandbox, document, operation_id) -> None:
    operation = served_operation(document, operation_id, fuzzed_sandbox)

    @FUZZ_SETTINGS
    @given(case=cases(operation, fuzzed_sandbox))
    def call(case) -> None:
        # Every default check but one: the public document leaves permissions loose (any action string,
        # no required fields, any expiry), and the sandbox refuses what the real service refuses with a
        # documented 400, such as an expiry in the past or a permission with no action.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    call()

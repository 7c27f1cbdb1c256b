"""Values shared by the credentials tests (a module, not conftest, so tests can import it)."""

from __future__ import annotations

from token_desk.credentials import Profile

SECRET = "apiv1_S3cr3t-T0ken-never-shown-9f2c"
OTHER_SECRET = "apiv1_An0ther-Secr3t-value-77aa"
ACCOUNT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
CLUSTER_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


def make_profile(name: str = "Production", base_url: str = "https://console.influxdata.com/api/v0") -> Profile:
    return Profile(name=name, base_url=base_url, account_id=ACCOUNT_ID, cluster_id=CLUSTER_ID)

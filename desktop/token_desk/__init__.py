"""Token Desk: see and revoke InfluxDB 3 Cloud Dedicated tokens from the desktop."""

from functools import cache


@cache
def _installed_version() -> str:
    # importlib.metadata and its scan of every installed distribution cost a cold start tens of
    # milliseconds, so the version is looked up when something first shows it (--version, About).
    from importlib import metadata

    try:
        return metadata.version("token-desk")
    except metadata.PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Token Desk: see and revoke InfluxDB 3 Cloud Dedicated tokens from the desktop."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("token-desk")
except _metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

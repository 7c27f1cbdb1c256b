"""The emulator's usage errors: printed as influxctl's `Incorrect Usage` error line, exit status 1."""


class UsageError(Exception):
    pass

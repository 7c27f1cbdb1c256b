"""Connections: profiles, the keyring, sign-in prompts, influxctl import and the connection test."""

"""Voting and results' permissions: publishing's in rules_publish.py."""

from ccaward.results import rules_publish  # noqa: F401

"""What the applications app does when something happens elsewhere."""

from __future__ import annotations

from ccaward.applications import domain


def join_on_sign_in(sender, request, user, **kwargs) -> None:
    """A colleague invited to an enterprise before they had an account joins it
    when they sign in (accepting the invitation with a new account signs in)."""
    domain.join_pending(user=user)

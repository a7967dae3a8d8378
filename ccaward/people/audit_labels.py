"""How the people app's audit events read: roles, invitations, accounts, API tokens (the
account events show in a season's log when an invitation of the season created them)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label
from ccaward.people.enums import Role


def role_name(key) -> str:
    return str(Role(key).label) if key in Role.values else str(key)


AUDIT_VALUES = {"role": role_name}

AUDIT_LABELS = {
    "role.granted": Label(
        pgettext_lazy("audit", "Role granted"),
        pgettext_lazy("audit", "%(actor)s gave %(email)s the role %(role)s"),
    ),
    "role.revoked": Label(
        pgettext_lazy("audit", "Role removed"),
        pgettext_lazy("audit", "%(actor)s took the role %(role)s from %(email)s"),
    ),
    "invitation.created": Label(
        pgettext_lazy("audit", "Invitations created"),
        pgettext_lazy("audit", "%(actor)s invited %(emails)s as %(role)s"),
    ),
    "invitation.accepted": Label(
        pgettext_lazy("audit", "Invitation accepted"),
        pgettext_lazy("audit", "%(actor)s accepted the invitation as %(role)s"),
    ),
    "invitation.revoked": Label(
        pgettext_lazy("audit", "Invitation withdrawn"),
        pgettext_lazy("audit", "%(actor)s withdrew the invitation of %(email)s"),
    ),
    "user.created": Label(
        pgettext_lazy("audit", "Account created"),
        pgettext_lazy("audit", "%(actor)s created the account %(email)s"),
    ),
    "user.profile_changed": Label(
        pgettext_lazy("audit", "Profile changed"),
        pgettext_lazy("audit", "%(actor)s changed their profile: %(fields)s"),
    ),
    "user.password_reset": Label(
        pgettext_lazy("audit", "Password reset (API tokens revoked)"),
        pgettext_lazy(
            "audit", "%(actor)s reset the password; the account's API tokens were revoked"
        ),
    ),
    "login.locked": Label(
        pgettext_lazy("audit", "Sign-in locked"),
        pgettext_lazy(
            "audit", "Sign-in for %(object)s paused until %(until)s after repeated failures"
        ),
    ),
    "token.locked": Label(
        pgettext_lazy("audit", "API tokens locked"),
        pgettext_lazy(
            "audit", "API tokens from %(address)s refused until %(until)s after repeated failures"
        ),
    ),
    "token.issued": Label(
        pgettext_lazy("audit", "API token issued"),
        pgettext_lazy("audit", "%(actor)s issued the API token “%(name)s”"),
    ),
    "token.deleted": Label(
        pgettext_lazy("audit", "API token deleted"),
        pgettext_lazy("audit", "%(actor)s deleted the API token “%(name)s”"),
    ),
}

JOB_TEXTS = {
    "people.send_invitations": pgettext_lazy("job", "Send %(n)s invitations"),
}

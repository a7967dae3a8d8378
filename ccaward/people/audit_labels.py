"""How the people app's audit actions read in a season's audit log (role and
invitation actions are core's; accounts created by an invitation show in its season)."""

from django.utils.translation import pgettext_lazy

AUDIT_LABELS = {
    "user.created": pgettext_lazy("audit", "Account created"),
    "login.locked": pgettext_lazy("audit", "Sign-in locked"),
    "token.locked": pgettext_lazy("audit", "API tokens locked"),
    "user.password_reset": pgettext_lazy("audit", "Password reset (API tokens revoked)"),
}

"""The Django admin, for superusers only."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm

from ccaward.people.forms import ThrottledLogin


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's sign-in, throttled like the site's."""


def superuser_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = superuser_only
admin.site.site_header = "ccaward admin"
admin.site.login_form = AdminLoginForm

"""The Django admin, for superusers only."""

from django.contrib import admin


def superuser_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = superuser_only
admin.site.site_header = "ccaward admin"

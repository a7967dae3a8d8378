from django.contrib import admin

from ccaward.core import admin_site  # noqa: F401  (restricts the admin to superusers)
from ccaward.core.models import AuditEvent, Job


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "season", "seq", "action", "summary")
    list_filter = ("action",)
    readonly_fields = ("seq", "prev_hash", "hash")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "title", "status", "done", "total")

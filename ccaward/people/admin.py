from django.contrib import admin

from ccaward.people.models import Invitation, SeasonRole, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "language", "is_active", "is_superuser", "can_create_seasons")
    search_fields = ("email", "name")
    exclude = ("password",)


admin.site.register(SeasonRole)
admin.site.register(Invitation)

from django.contrib import admin

from ccaward.applications.models import ContactCenter, Entry, Organization

admin.site.register(Organization)
admin.site.register(ContactCenter)
admin.site.register(Entry)

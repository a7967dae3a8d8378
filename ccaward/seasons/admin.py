from django.contrib import admin

from ccaward.seasons.models import Category, FrameworkVersion, Season, Stage

admin.site.register(Season)
admin.site.register(Stage)
admin.site.register(Category)
admin.site.register(FrameworkVersion)

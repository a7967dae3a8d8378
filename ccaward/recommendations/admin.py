from django.contrib import admin

from ccaward.recommendations.models import Recommendation

admin.site.register(Recommendation)

from django.contrib import admin
from django.urls import include, path

from ccaward.core import views as core_views
from ccaward.core.api import api

urlpatterns = [
    path("", core_views.home, name="home"),
    path("seasons/", include("ccaward.seasons.urls")),
    path("seasons/", include("ccaward.applications.urls")),
    path("seasons/", include("ccaward.kpis.urls")),
    path("seasons/", include("ccaward.recommendations.urls")),
    path("accounts/", include("ccaward.people.urls")),
    path("jobs/<int:pk>/", core_views.job_status, name="job_status"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

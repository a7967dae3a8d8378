"""URLs: the core's own, then each pipeline app's urls.py under its prefix
(core/plugins.py), then the API, the language switch and the admin."""

from django.contrib import admin
from django.urls import include, path

from ccaward.core import refusals
from ccaward.core import views as core_views
from ccaward.core.api import api
from ccaward.core.plugins import stage_apps

# a body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413 naming the limit instead of a plain 400
handler400 = "ccaward.core.too_large.bad_request"

urlpatterns = [
    path("", core_views.home, name="home"),
    *(path(app.url_prefix, include(f"{app.name}.urls")) for app in stage_apps() if app.has("urls")),
    path("jobs/<int:pk>/", core_views.job_status, name="job_status"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

# refusals and errors in the site's layout and the reader's language (core/refusals.py)
handler403 = refusals.permission_denied
handler404 = refusals.page_not_found
handler500 = refusals.server_error

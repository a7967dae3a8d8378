"""The API's documentation page (/api/docs): Swagger UI from the project's own
static files (static/vendor/swagger-ui, see its README), started by an external
script, so the page needs no CDN and keeps the site's CSP."""

from __future__ import annotations

import json

from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class LocalSwagger(Swagger):
    template = "core/api_docs.html"
    default_settings = {
        "layout": "BaseLayout",
        "deepLinking": True,
        # no badge fetched from validator.swagger.io
        "validatorUrl": None,
    }

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "swagger_settings": json.dumps(settings),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)

"""A request body over Django's DATA_UPLOAD_MAX_MEMORY_SIZE is refused by Django
itself (RequestDataTooBig) before any view runs, as a plain 400. It is answered
413 instead, naming the limit: in the API's one error shape under /api/, as JSON
to a page's script (autosave asks for JSON), and as a page with a way back."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import pgettext
from django.views import defaults

from ccaward.core import apierrors
from ccaward.core.middleware import back_url


def limit_mb() -> str:
    """The limit in MB as people read it: 2.5, 10."""
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):.1f}".removesuffix(".0")


def api_response():
    return apierrors.error(
        413,
        "too_large",
        f"The request body is larger than {limit_mb()} MB, the most the server accepts.",
    )


def bad_request(request, exception=None):
    """handler400: a body over the limit is 413 (above); anything else Django's 400."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    if request.path.startswith("/api/"):
        return api_response()
    if "application/json" in request.headers.get("accept", ""):
        message = pgettext("form", "Not saved: more than %(kb)s KB was sent at once.") % {
            "kb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
        }
        return JsonResponse(
            {"code": "too_large", "error": message},
            status=413,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request,
        "core/too_large.html",
        {"limit_mb": limit_mb(), "back": back_url(request)},
        status=413,
    )

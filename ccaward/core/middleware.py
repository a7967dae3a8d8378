from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from ccaward.core.errors import StageClosed

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """A strict CSP: no inline scripts or styles anywhere (the admin excepted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


class UserLanguageMiddleware:
    """A signed-in user's chosen language wins unless the cookie says otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user = getattr(request, "user", None)
            language = getattr(user, "language", "") if user and user.is_authenticated else ""
            if language:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        return self.get_response(request)


class StageClosedMiddleware:
    """A StageClosed raised by a view becomes a page (409) that says which stage
    is closed, when it was open and whom to ask, with a way back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StageClosed):
            return None
        return render(
            request,
            "core/stage_closed.html",
            {
                "closed": exception,
                "season": getattr(request, "season", None),
                "back": back_url(request),
            },
            status=409,
        )


def back_url(request) -> str:
    """The page a refused request came from: a form's own page for a POST, else
    the referring page of this site (never the refused page itself); "" if none."""
    if request.method != "GET":
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or urlsplit(referer).path == request.path:
        return ""
    return referer

"""/api/docs is Swagger UI from the project's own static files, under the site's CSP."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders


def test_the_docs_page_loads_swagger_from_own_static_files_under_the_csp(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    styles = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    assert any(s.endswith("vendor/swagger-ui/swagger-ui-bundle.js") for s in scripts)
    assert any(s.endswith("vendor/swagger-ui/swagger-ui.css") for s in styles)
    for url in scripts + styles:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    # the only inline script is the JSON settings block, which is never executed
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    # no address on a CDN (the page's tokens are random letters and may hold "cdn")
    assert not re.search(r"//[^/\"'\s]*cdn", html.lower())
    assert "/api/openapi.json" in html

"""The API docs page renders its operations in the browser with no console error
(Swagger UI vendored, the CSP enforced: a violation is a console error)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_api_docs_render_the_operations_without_console_errors(live_server, page):
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    response = page.goto(f"{live_server.url}/api/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    summary = page.get_by_text("An entry with its answers, typed values, problems and progress")
    expect(summary.first).to_be_visible(timeout=20_000)
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 10
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert not problems, problems

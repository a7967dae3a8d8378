"""The KPI page's weight in the browser: what it transfers and what its scripts cost.

    .venv/bin/ccaward demo && .venv/bin/ccaward serve --no-worker --port 8123 &
    .venv/bin/python bench/kpi_page.py http://127.0.0.1:8123 [--runs 7] [--compare OLD.js]

Signs in as the demo organizer in Debian's chromium and loads the first entry's KPI page
cold (cache disabled) `--runs` times. Prints each resource's transferred bytes (Resource
Timing), the median of Chrome's ScriptDuration and TaskDuration (CDP Performance.getMetrics)
and of DOMContentLoaded, and the series each chart drew. With `--compare OLD.js` it loads
the page as often again with OLD.js served in place of the page's ECharts file, interleaved
with the real one, and times parsing and evaluating each file alone on a blank page.
Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import launch  # noqa: E402

SLUG = "ccbca-2026"
EMAIL, PASSWORD = "organizer@demo.ccaward.cn", "ccaward-demo-2026"
ECHARTS = ROOT / "ccaward" / "static" / "js" / "echarts.kpi.min.js"
RESOURCES = """() => performance.getEntriesByType('resource').map(r =>
    [r.name.split('/').pop(), r.transferSize])"""
CHARTS = """() => [...document.querySelectorAll('[data-chart]')].map(el =>
    echarts.getInstanceByDom(el).getOption().series.map(s => s.type).join('+'))"""
EVALUATE = """src => { const t = performance.now(); (0, eval)(src);
    if (typeof echarts.init !== 'function') throw new Error('no echarts');
    return performance.now() - t; }"""


def load(context, url: str, replacement: bytes | None = None) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Performance.enable")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    if replacement is not None:
        page.route(
            "**/static/js/echarts*.js",
            lambda route, _request: route.fulfill(
                status=200, body=replacement, content_type="text/javascript"
            ),
        )
    page.goto(url, wait_until="load")
    page.locator(".chart canvas").first.wait_for()
    page.wait_for_timeout(200)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    document = page.evaluate("() => performance.getEntriesByType('navigation')[0].toJSON()")
    out = {
        "script_ms": metrics["ScriptDuration"] * 1000,
        "task_ms": metrics["TaskDuration"] * 1000,
        "dcl_ms": document["domContentLoadedEventEnd"],
        "resources": [["(document)", document["transferSize"]], *page.evaluate(RESOURCES)],
        "charts": page.evaluate(CHARTS),
        "errors": errors,
    }
    page.close()
    return out


def median(runs: list[dict], key: str) -> str:
    return f"{statistics.median(r[key] for r in runs):.0f} ms"


def report(name: str, runs: list[dict]) -> None:
    print(f"{name}: {len(runs)} cold loads")
    if runs[0]["resources"][1:]:
        for resource, size in runs[0]["resources"]:
            print(f"  {resource:24} {size:>10,} bytes")
        print(f"  {'total':24} {sum(s for _r, s in runs[0]['resources']):>10,} bytes")
    for key in ("script_ms", "task_ms", "dcl_ms"):
        print(f"  {key:24} median {median(runs, key)}")
    print(f"  charts {runs[0]['charts']}, errors {sorted({e for r in runs for e in r['errors']})}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{args.base}/accounts/login/")
        page.fill("form.card input[name=username]", EMAIL)
        page.fill("form.card input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form.card button[type=submit]")
        page.goto(f"{args.base}/seasons/{SLUG}/entries/")
        url = args.base + page.locator("a[href$='/kpi/']").first.get_attribute("href")
        print(url)
        current, old = [], []
        old_js = args.compare.read_bytes() if args.compare else None
        for _ in range(args.runs):
            current.append(load(context, url))
            if old_js is not None:
                old.append(load(context, url, old_js))
        report("as served", current)
        if old_js is not None:
            report(f"with {args.compare.name} in place of the page's ECharts", old)
            sources = {"current": ECHARTS.read_text(), args.compare.name: old_js.decode()}
            times: dict[str, list[float]] = {name: [] for name in sources}
            for _ in range(args.runs * 2):
                for name, source in sources.items():
                    blank = context.new_page()
                    times[name].append(blank.evaluate(EVALUATE, source))
                    blank.close()
            for name, values in times.items():
                print(f"parse + evaluate {name}: median {statistics.median(values):.0f} ms")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

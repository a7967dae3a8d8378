"""Full-page screenshots of the main pages, in Chinese and in English.

    .venv/bin/python scripts/screenshots.py        (or: make screenshots)
    .venv/bin/python scripts/screenshots.py --closed-stages   (only the closed-stage pages)

Starts `ccaward serve --no-worker` on a free loopback port with CCAWARD_VAR_DIR set to
a temporary directory (a fresh SQLite database with the demo season), signs in as the
demo organizer in Debian's chromium (/usr/bin/chromium) through Playwright, and writes
PNG files such as var/screenshots/zh-hans-dashboard.png and en-framework-live-total.png.
The pages of a closed stage are taken at desktop width and at phone size (390 x 844,
files ending in -phone), as the applicant, the organizer and a judge see them.
The server is stopped on the way out, also after an error.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM, launch  # noqa: E402

OUT_DIR = ROOT / "var" / "screenshots"
LANGUAGES = ["zh-hans", "en"]
ORGANIZER_EMAIL = "organizer@demo.ccaward.cn"
APPLICANT_EMAIL = "applicant@demo.ccaward.cn"
JUDGE_EMAIL = "judge@demo.ccaward.cn"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
RECORDS_CSV = (
    "contact_id,center,channel,customer_key,arrived_at,queued_at,answered_at,ended_at,"
    "abandon_point,talk_s,hold_s,acw_s\n"
    "c1,东方,voice,k1,2026-10-01 09:00:00,2026-10-01 09:00:20,2026-10-01 09:00:30,"
    "2026-10-01 09:03:30,,180,0,30\n"
)
SLUG = "ccbca-2026"
START_TIMEOUT = 90  # seconds: migrations on a fresh database come first


def ccaward_command() -> list[str]:
    script = Path(sys.executable).with_name("ccaward")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ccaward.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CCAWARD_VAR_DIR"] = str(var_dir)
    # A fresh SQLite database in var_dir, whatever the calling shell points at.
    for name in ("DATABASE_URL", "DATABASE_URL_FILE", "DEBUG"):
        env.pop(name, None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_until_up(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"ccaward serve exited with {process.returncode}:\n"
                f"{log_path.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(
        f"ccaward serve did not answer {url} within {START_TIMEOUT}s:\n"
        f"{log_path.read_text(errors='replace')}"
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def switch_language(page, language: str) -> None:
    """Click the header's language button (a form post to Django's set_language)."""
    with page.expect_navigation():
        page.locator(f"button[name=language][value={language}]").click()
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        raise RuntimeError(f"switching to {language} left the page in {lang!r}")


def shoot(page, language: str, name: str, written: list[Path]) -> None:
    path = OUT_DIR / f"{language}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    written.append(path)
    print(f"  {path.relative_to(ROOT)}", flush=True)


def take_screenshots(base: str, password: str, closed_only: bool = False) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright

    written: list[Path] = []
    pages = [
        ("seasons", "/seasons/"),
        ("dashboard", f"/seasons/{SLUG}/"),
        ("stages", f"/seasons/{SLUG}/stages/"),
        ("categories", f"/seasons/{SLUG}/categories/"),
        ("framework", f"/seasons/{SLUG}/framework/"),
    ]
    after = [
        ("entries", f"/seasons/{SLUG}/entries/"),
        ("benchmark", f"/seasons/{SLUG}/benchmark/"),
        ("benchmark-industry", f"/seasons/{SLUG}/benchmark/?group=industry&sort=service_level"),
        ("kpi-policy", f"/seasons/{SLUG}/kpi-policy/"),
        ("applications", f"/seasons/{SLUG}/applications/"),
        ("applications-duplicates", f"/seasons/{SLUG}/applications/?dup=1"),
        ("applications-import", f"/seasons/{SLUG}/applications/import/"),
        ("recommendations", f"/seasons/{SLUG}/recommendations/"),
        ("people", f"/seasons/{SLUG}/people/"),
        ("audit", f"/seasons/{SLUG}/audit/"),
    ]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for language in LANGUAGES:
                print(f"{language}:", flush=True)
                if closed_only:
                    closed_stage_pages(browser, base, password, language, written)
                    continue
                context = browser.new_context(
                    locale="zh-CN", viewport={"width": 1366, "height": 900}
                )
                try:
                    page = context.new_page()
                    # Signed out: the login page, in the language picked with its buttons.
                    page.goto(f"{base}/accounts/login/")
                    switch_language(page, language)
                    shoot(page, language, "login", written)

                    form = page.locator("form.card")
                    form.locator("input[name=username]").fill(ORGANIZER_EMAIL)
                    form.locator("input[name=password]").fill(password)
                    with page.expect_navigation():
                        form.locator("button[type=submit]").click()
                    if "/accounts/login/" in page.url:
                        raise RuntimeError(f"signing in as {ORGANIZER_EMAIL} failed")
                    lang = page.locator("html").get_attribute("lang")
                    if lang != language:
                        raise RuntimeError(f"after signing in the page is in {lang!r}")

                    for name, path in pages:
                        page.goto(f"{base}{path}")
                        shoot(page, language, name, written)

                    # Still on the framework editor: type 10 into the first weight (15).
                    total = page.locator("#weight-total")
                    expect(total).to_contain_text("100 / 100")
                    page.locator("input.weight-input").first.fill("10")
                    expect(total).to_contain_text("95 / 100")
                    shoot(page, language, "framework-live-total", written)

                    for name, path in after:
                        page.goto(f"{base}{path}")
                        shoot(page, language, name, written)

                    # An entry's KPI page, with its charts drawn.
                    page.goto(f"{base}/seasons/{SLUG}/entries/")
                    page.locator("a[href$='/kpi/']").first.click()
                    page.wait_for_load_state("networkidle")
                    page.locator(".chart canvas").first.wait_for()
                    shoot(page, language, "entry-kpi", written)

                    # A submitted application as the organizer reads it.
                    page.goto(f"{base}/seasons/{SLUG}/applications/?status=submitted")
                    with page.expect_navigation():
                        page.locator("#entries tbody a").first.click()
                    shoot(page, language, "application-detail", written)
                finally:
                    context.close()
                applicant_pages(browser, base, password, language, written)
                closed_stage_pages(browser, base, password, language, written)
        finally:
            browser.close()
    return written


def applicant_pages(browser, base: str, password: str, language: str, written) -> None:
    """The applicant starts an application, types a few wrong answers, and sees the
    form's sections, the problems and the summary."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        switch_language(page, language)
        form = page.locator("form.card")
        form.locator("input[name=username]").fill(APPLICANT_EMAIL)
        form.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        page.goto(f"{base}/seasons/{SLUG}/applications/")
        shoot(page, language, "applicant-applications", written)
        page.goto(f"{base}/seasons/{SLUG}/applications/new/")
        page.select_option("select[name=organization]", index=1)
        page.fill("input[name=center_name]", f"东方联合银行苏州分中心 ({language})")
        page.select_option("select[name=industry]", "banking")
        shoot(page, language, "applicant-start", written)
        with page.expect_navigation():
            page.locator("form.card button[type=submit]").click()
        shoot(page, language, "form-enterprise", written)
        entry_url = page.url.rsplit("/s/", 1)[0]
        page.goto(f"{entry_url}/s/staff/")
        page.fill('[name="agents.full_time.headcount"]', "-5")
        page.fill('[name="age_under_25"]', "30")
        page.fill('[name="age_25_35"]', "50")
        page.fill('[name="center_seats"]', "八百")
        with page.expect_navigation():
            page.locator('button[name="save"]').click()
        shoot(page, language, "form-staff-problems", written)
        page.goto(f"{entry_url}/s/strategy/")
        page.locator('input[name="challenges"]').first.check()
        page.wait_for_timeout(1500)  # the autosave's pause, then its request
        page.locator("#save-status[data-state=saved]").wait_for()
        shoot(page, language, "form-strategy-autosaved", written)
        for key in ("performance", "technology", "declaration"):
            page.goto(f"{entry_url}/s/{key}/")
            shoot(page, language, f"form-{key}", written)
        page.goto(f"{entry_url}/review/")
        shoot(page, language, "form-review", written)
    finally:
        context.close()


def signed_in(browser, base: str, email: str, password: str, language: str, viewport):
    """A new context with `email` signed in, in `language`: (context, page)."""
    context = browser.new_context(locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    switch_language(page, language)
    form = page.locator("form.card")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if "/accounts/login/" in page.url:
        raise RuntimeError(f"signing in as {email} failed")
    return context, page


def set_stage(page, base: str, kind: str, action: str, reason: str) -> None:
    """The organizer opens or closes a stage early (or returns it to its schedule)."""
    page.goto(f"{base}/seasons/{SLUG}/stages/")
    form = page.locator(f"form.override[action$='/stages/{kind}/override/']")
    form.locator("select[name=action]").select_option(action)
    form.locator("input[name=reason]").fill("截图")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def shoot_both(page, language: str, name: str, written: list[Path]) -> None:
    """The page at desktop width, then reloaded at phone size."""
    page.set_viewport_size(DESKTOP)
    shoot(page, language, name, written)
    page.set_viewport_size(PHONE)
    page.reload()
    shoot(page, language, f"{name}-phone", written)
    page.set_viewport_size(DESKTOP)


def closed_stage_pages(browser, base: str, password: str, language: str, written) -> None:
    """数据采集 and 专家推荐 closed early: an applicant's upload refused (the
    closed-stage page), the applicant's KPI page, the organizer's KPI page and
    recommendations list, a judge's list and recommend form. The stages are put
    back as the demo had them on the way out."""
    records = OUT_DIR / "records.csv"
    records.write_text(RECORDS_CSV, encoding="utf-8")
    contexts = []
    try:
        org_ctx, org = signed_in(browser, base, ORGANIZER_EMAIL, password, language, DESKTOP)
        contexts.append(org_ctx)
        # The applicant fills the upload form on a desktop and on a phone while the
        # stage is open; the organizer closes it before they press the button.
        uploads = []
        for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
            ctx, app = signed_in(browser, base, APPLICANT_EMAIL, password, language, viewport)
            contexts.append(ctx)
            app.goto(f"{base}/seasons/{SLUG}/entries/")
            with app.expect_navigation():
                app.locator("a[href$='/kpi/']").first.click()
            app.set_input_files("input[name=file]", str(records))
            uploads.append((app, suffix))
        set_stage(org, base, "data_collection", "closed", "截图")
        set_stage(org, base, "recommendation", "closed", "截图")
        for app, suffix in uploads:
            with app.expect_navigation():
                app.locator("#upload button[type=submit]").click()
            shoot(app, language, f"stage-closed-upload{suffix}", written)
        app = uploads[0][0]
        app.go_back()
        app.reload()
        shoot_both(app, language, "applicant-kpi-closed", written)

        org.goto(app.url)
        shoot_both(org, language, "organizer-kpi-closed", written)
        org.goto(f"{base}/seasons/{SLUG}/recommendations/")
        shoot_both(org, language, "organizer-recommendations-closed", written)

        ctx, judge = signed_in(browser, base, JUDGE_EMAIL, password, language, DESKTOP)
        contexts.append(ctx)
        judge.goto(f"{base}/seasons/{SLUG}/recommendations/")
        shoot_both(judge, language, "judge-recommendations-closed", written)
        judge.goto(f"{base}/seasons/{SLUG}/recommendations/new/")
        shoot_both(judge, language, "stage-closed-recommend", written)
        judge.goto(f"{base}/seasons/{SLUG}/")
        shoot_both(judge, language, "judge-dashboard", written)

        set_stage(org, base, "data_collection", "open", "截图")
        set_stage(org, base, "recommendation", "", "截图")
    finally:
        for ctx in contexts:
            ctx.close()
        records.unlink(missing_ok=True)


def demo_password(output: str) -> str:
    """The demo organizer's password, from the logins `ccaward demo` prints
    (role, e-mail, password): the script stays free of Django."""
    for line in output.splitlines():
        words = line.split()
        if len(words) == 3 and words[1] == ORGANIZER_EMAIL:
            return words[2]
    raise RuntimeError(f"`ccaward demo` printed no login for {ORGANIZER_EMAIL}:\n{output}")


def main(argv: list[str]) -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: sudo apt-get install chromium", file=sys.stderr)
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="ccaward-screenshots-"))
    env = server_env(var_dir)
    log_path = var_dir / "serve.log"
    try:
        demo = subprocess.run(
            [*ccaward_command(), "demo"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        password = demo_password(demo.stdout)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [
                    *ccaward_command(),
                    "serve",
                    "--no-worker",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(f"{base}/accounts/login/", server, log_path)
                written = take_screenshots(base, password, closed_only="--closed-stages" in argv)
            finally:
                stop(server)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"wrote {len(written)} screenshots to {OUT_DIR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Browser tests: the real server, Debian's Chromium, and axe-core on every page a test visits.

Write a browser test like this::

    import pytest
    from playwright.sync_api import expect

    pytestmark = pytest.mark.browser


    def test_login_with_wrong_password_says_what_to_do(page, visit, axe, applicant):
        visit("/compte/connexion/")  # open, check the status, run axe, take a screenshot
        page.get_by_label("Adresse électronique").fill(applicant.email)
        page.get_by_role("button", name="Se connecter").click()
        expect(page.get_by_role("alert")).to_be_visible()  # auto-waits for the new page
        axe()  # audit the page the click led to

Fixtures:

- ``page``: a fresh Playwright ``Page`` for this test, in its own context (1280×800, fr-FR,
  light colour scheme, Europe/Paris).
- ``new_page(**context_options)``: one more page in a new context, for other conditions:
  ``new_page(java_script_enabled=False)``, ``new_page(viewport={"width": 375, "height": 812})``.
  Options are those of ``Browser.new_context``.
- ``visit(path, *, page=None, status=200)``: load ``live_server.url + path`` (an absolute URL
  works too) in ``page`` (default: the ``page`` fixture), assert the HTTP status, then audit
  the page. Returns Playwright's ``Response``.
- ``axe(page=None)``: audit the current state of ``page`` now: after following a link,
  posting a form, opening a menu or a dialog. Wait for the new state first (``expect(...)``).
- ``browser`` (session-scoped Chromium) and ``live_server`` (pytest-django's) if you need them.

Each audit runs axe-core with the tags wcag2a, wcag2aa, wcag21a, wcag21aa and saves a full-page
screenshot to ``var/screenshots/<module>.<test>-<n>.png``. When the test ends:

- the page it ends on is audited if it was not yet;
- it errors if a page it loaded (a followed link, a posted form) was never audited: call
  ``axe()`` once that page is there;
- it errors with one readable list (rule, impact, help, first targets, URL, screenshot) if axe
  found any violation, if a button meant to show its words beside its icon shows only the
  icon, if a page raised a JavaScript error, if a static file answered an error (a missing
  stylesheet or font) or if a page asked for anything outside the live server.

Data: the server runs in another thread, so such tests get ``transactional_db`` automatically;
create data with factories before visiting. Playwright's sync API keeps an event loop running,
so DJANGO_ALLOW_ASYNC_UNSAFE is set while the browser is up to let tests use the ORM.

Tests that use these fixtures get the ``browser`` marker (put ``pytestmark =
pytest.mark.browser`` anyway) and run after all the others; ``pytest -m "not browser"`` skips
them. The browser is Debian's /usr/bin/chromium (``make browser`` installs it and axe-core), never
one downloaded by Playwright.
"""

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.axe import REPO_ROOT, Audit, format_report, run_axe

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CONTEXT_DEFAULTS = {
    "viewport": {"width": 1280, "height": 800},
    "locale": "fr-FR",
    "timezone_id": "Europe/Paris",
    "color_scheme": "light",
}
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
TIMEOUT_MS = 10_000
STATIC_TYPES = {"stylesheet", "script", "font", "image", "media"}


def pytest_itemcollected(item):
    if "browser" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.browser)  # even if the module forgot it


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last, after pytest-django's own ordering (the sort is stable).

    Once Playwright starts, its event loop stays registered in the main thread until the
    session ends and DJANGO_ALLOW_ASYNC_UNSAFE stays set: the other tests, and the child
    processes some of them start, must not run in that state.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium).")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


# A DSFR button meant to show its words beside its icon (fr-btn--icon-left/right) shows only
# the icon, its words cut off, inside a buttons group that lacks the group's own icon class.
CLIPPED_BUTTONS = """() => [...document.querySelectorAll(
    '.fr-btn.fr-btn--icon-left, .fr-btn.fr-btn--icon-right')]
  .filter(b => b.offsetParent !== null && b.textContent.trim()
    && b.scrollWidth > b.clientWidth + 1)
  .map(b => b.textContent.trim())"""


class _Tracked:
    """One page of the test, with what happened in it."""

    def __init__(self, page, *, javascript_enabled, origin, problems):
        self.page = page
        self.javascript_enabled = javascript_enabled
        self.loaded = []  # URLs of the documents loaded in this page
        self.audited = []  # URLs of the documents audited (each once)
        page.on("load", self._on_load)
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on("request", lambda request: self._check_origin(request, origin, problems))
        page.on("response", lambda response: self._check_status(response, problems))
        page.on("requestfailed", lambda request: self._check_failure(request, problems))

    def _on_load(self, page):
        if not page.url.startswith("about:"):
            self.loaded.append(page.url)

    @staticmethod
    def _check_origin(request, origin, problems):
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if not request.url.startswith(origin + "/"):
            problems.append(f"request outside the live server: {request.url}")

    @staticmethod
    def _check_status(response, problems):
        # Documents and htmx/fetch answers may be errors on purpose; static files may not.
        if response.status >= 400 and response.request.resource_type in STATIC_TYPES:
            problems.append(f"{response.status} for {response.url}")

    @staticmethod
    def _check_failure(request, problems):
        # Leaving a page aborts what it was still loading: not a fault of the page.
        if request.resource_type in STATIC_TYPES and request.failure != "net::ERR_ABORTED":
            problems.append(f"could not load {request.url}: {request.failure}")


class Auditor:
    """Opens the test's pages, audits them, and reports everything wrong at the end."""

    def __init__(self, browser, live_server, request):
        self.browser = browser
        self.live_server = live_server
        self.request = request
        self.name = re.sub(
            r"[^\w.-]+",
            "-",
            f"{request.node.module.__name__.rsplit('.', 1)[-1]}.{request.node.name}",
        ).strip("-")
        self.contexts = []
        self.tracked = {}
        self.audits = []
        self.problems = []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{self.name}-*.png"):
            if re.fullmatch(rf"{re.escape(self.name)}-\d+\.png", old.name):
                old.unlink()

    def new_page(self, **context_options):
        options = {**CONTEXT_DEFAULTS, **context_options}
        context = self.browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        self.tracked[page] = _Tracked(
            page,
            javascript_enabled=options.get("java_script_enabled", True),
            origin=self.live_server.url,
            problems=self.problems,
        )
        return page

    def _audit_the_rest(self, page, tracked):
        if tracked.loaded and not page.evaluate("!!window.__essaimAudited"):
            self.audit(page)
        missed = Counter(tracked.loaded) - Counter(tracked.audited)
        if missed:
            self.problems.append(
                f"axe never ran on {', '.join(missed)}: call axe() once each is loaded"
            )

    def url(self, path):
        return path if "://" in path else self.live_server.url + path

    def audit(self, page):
        tracked = self.tracked[page]
        page.wait_for_load_state("load")
        first_time = not page.evaluate(
            "() => { const seen = !!window.__essaimAudited; window.__essaimAudited = true;"
            " return seen; }"
        )
        if first_time:
            tracked.audited.append(page.url)
        violations = run_axe(page, javascript_enabled=tracked.javascript_enabled)
        clipped = page.evaluate(CLIPPED_BUTTONS)
        if clipped:
            self.problems.append(
                f"buttons showing only their icon on {page.url}: {clipped}"
                " (give their fr-btns-group the class fr-btns-group--icon-left)"
            )
        screenshot = SCREENSHOTS / f"{self.name}-{len(self.audits) + 1}.png"
        page.screenshot(path=screenshot, full_page=True)
        audit = Audit(page.url, screenshot.relative_to(REPO_ROOT), violations)
        self.audits.append(audit)
        return audit

    def finish(self):
        try:
            if not getattr(self.request.node, "browser_call_failed", True):
                for page, tracked in self.tracked.items():
                    self._audit_the_rest(page, tracked)
        finally:
            for context in self.contexts:
                context.close()
        messages = [*dict.fromkeys(self.problems)]
        if any(a.violations for a in self.audits):
            messages.append(format_report(self.audits))
        if messages:
            pytest.fail("\n".join(messages), pytrace=False)


@pytest.fixture
def _auditor(browser, live_server, request):
    auditor = Auditor(browser, live_server, request)
    yield auditor
    auditor.finish()


@pytest.fixture
def new_page(_auditor):
    return _auditor.new_page


@pytest.fixture
def page(_auditor):
    return _auditor.new_page()


@pytest.fixture
def axe(_auditor, request):
    def audit(page=None):
        return _auditor.audit(page or request.getfixturevalue("page"))

    return audit


@pytest.fixture
def visit(_auditor, request):
    def go(path, *, page=None, status=200):
        page = page or request.getfixturevalue("page")
        response = page.goto(_auditor.url(path))
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        _auditor.audit(page)
        return response

    return go

"""Browser fixtures: Debian's Chromium through Playwright, and the app served on 127.0.0.1."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from stackchooser import create_app
from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    require(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM})")


@pytest.fixture(scope="session")
def browser(_chromium_present: None) -> Iterator[Browser]:
    """Debian's Chromium, launched once for the session (never a downloaded browser)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context (its own cookies), closed after the test."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The app on a free port of 127.0.0.1, for the length of the session."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "browser-tests", "SESSION_COOKIE_SECURE": False}
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

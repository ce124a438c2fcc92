"""Fixtures for the web pages: the gateway with the web router, and headless Chromium."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.fake_ollama import FakeOllama

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts" / "web"


@pytest.fixture(scope="session")
def web_factory(gateway_factory: Callable[..., str]) -> Callable[..., str]:
    """The pages are part of every gateway (create_app includes the web router)."""
    return gateway_factory


@pytest.fixture()
def web_url(web_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: Any) -> str:
    """A gateway with the pages, a fresh Redis and a reset fake Ollama."""
    return web_factory()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def new_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Opens pages in one fresh browser context per test; screenshots each page at the end.

    Every page's console errors and uncaught exceptions fail the test.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-US")
    context.set_default_timeout(10_000)
    pages: list[tuple[str, Any]] = []
    problems: list[str] = []

    def open_page(url: str, *, name: str = "page", width: int | None = None) -> Any:
        page = context.new_page()
        if width is not None:
            page.set_viewport_size({"width": width, "height": 800})
        page.on("pageerror", lambda exc: problems.append(f"{name}: {exc}"))
        page.on(
            "console",
            lambda msg: problems.append(f"{name}: {msg.text}") if msg.type == "error" else None,
        )
        page.goto(url)
        pages.append((name, page))
        return page

    yield open_page
    for name, page in pages:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"), full_page=True)
    context.close()
    expected = getattr(request.node, "expected_console_errors", ())
    unexpected = [p for p in problems if not any(e in p for e in expected)]
    assert not unexpected, unexpected


@pytest.fixture(scope="session")
def expect() -> Any:
    """Playwright's ``expect`` (imported lazily so the module loads without Playwright)."""
    return pytest.importorskip("playwright.sync_api").expect

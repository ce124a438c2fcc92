"""The patient page and the staff console in a real headless Chromium (Playwright).

The gateway runs for real on loopback with a real Redis and the fake Ollama; the browser
loads the pages from it and calls the API exactly as a person's browser would. Screenshots
go to test-artifacts/web/. The few tests at the end need no browser (the JSON routes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_KEY, API_KEY
from tests.fake_ollama import FakeOllama, Reply
from tests.web.conftest import CHROMIUM

browser_test = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
STROKE_ZH = "我爸突然嘴歪了，说话不清楚"
PHONE_WIDTH = 375

Page = Any  # playwright.sync_api.Page; Playwright may not be installed where these skip


def ask(page: Page, message: str, *, key: str = API_KEY, patient: str = "web-patient") -> None:
    page.fill("#api-key", key)
    page.fill("#patient-id", patient)
    page.fill("#message", message)
    page.press("#message", "Enter")


def connect_console(page: Page, key: str = ADMIN_KEY) -> None:
    page.fill("#admin-key", key)
    page.click("#connect-button")


def no_horizontal_overflow(page: Page) -> None:
    widths = page.evaluate(
        "() => ({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,"
        " view: window.innerWidth})"
    )
    assert widths["view"] == PHONE_WIDTH
    assert widths["doc"] <= widths["view"] and widths["body"] <= widths["view"], widths


def consult_api(base_url: str, message: str, patient: str = "api-patient") -> None:
    r = httpx.post(
        f"{base_url}/v1/consultations",
        json={"patient_id": patient, "message": message},
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text


@pytest.mark.browser
@browser_test
def test_streamed_answer_renders_with_disclaimer_and_citations(
    web_url: str, fake_ollama: FakeOllama, new_page: Callable[..., Page], expect: Any
) -> None:
    # The rails release text a sentence at a time and the page holds back a disclaimer-sized
    # tail, so the first sentence is long enough to show before the answer ends.
    first = "Rest your voice, drink plenty of warm fluids and keep the air in your room moist " * 3
    fake_ollama.script(
        Reply(content=[first.strip() + ".", " Drink", " plenty", " of", " water."],
              chunk_delay=0.3)
    )
    page = new_page(f"{web_url}/", name="patient")
    ask(page, "I have had a sore throat for two days, what can I do?")
    # Text appears while the answer is still streaming (before `done`).
    page.wait_for_function(
        "() => { const t = document.querySelector('.turn.assistant');"
        " const a = t && t.querySelector('.answer');"
        " return a && a.textContent.length > 0 && !t.classList.contains('done'); }"
    )
    turn = page.locator(".turn.assistant.done")
    expect(turn).to_be_visible()
    answer = turn.locator(".answer").inner_text()
    assert answer == first.strip() + ". Drink plenty of water."
    # The disclaimer is shown on its own, not inside the answer text.
    expect(turn.locator(".disclaimer")).to_contain_text("in an emergency call 911 now")
    assert "911" not in answer
    titles = turn.locator(".citations .cite-title").all_inner_texts()
    sources = turn.locator(".citations .cite-source").all_inner_texts()
    assert "Sore throat" in titles and "NHS Health A to Z: Sore throat" in sources
    expect(page.locator(".turn.user .text")).to_have_text(
        "I have had a sore throat for two days, what can I do?"
    )
    (sent,) = fake_ollama.chat_requests()
    assert "sore throat for two days" in sent["messages"][-1]["content"]
    # The key lives in this tab's sessionStorage only; the message box is ready again.
    assert page.evaluate("sessionStorage.getItem('pg.apiKey')") == API_KEY
    assert page.evaluate("Object.values(localStorage).join(' ')").find(API_KEY) < 0
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.input_value("#message") == ""


@pytest.mark.browser
@browser_test
def test_emergency_banner_without_model_and_console_lists_it(
    web_url: str, fake_ollama: FakeOllama, new_page: Callable[..., Page], expect: Any
) -> None:
    page = new_page(f"{web_url}/", name="patient")
    ask(page, STROKE_ZH, patient="web-stroke")
    banner = page.locator(".turn.assistant .emergency-banner")
    expect(banner).to_be_visible()
    assert banner.get_attribute("role") == "alert"
    call = banner.locator(".call.big")
    expect(call).to_have_text("120")
    assert call.get_attribute("href") == "tel:120"
    expect(banner).to_contain_text("possible stroke")
    expect(banner.locator(".emergency-text")).to_contain_text("请立即拨打120")
    style = banner.evaluate(
        "b => { const s = getComputedStyle(b);"
        " const n = getComputedStyle(b.querySelector('.call.big'));"
        " return {bg: s.backgroundColor, color: s.color, size: parseFloat(n.fontSize)}; }"
    )
    assert style["bg"] == "rgb(179, 0, 27)" and style["color"] == "rgb(255, 255, 255)", style
    assert style["size"] >= 36, style
    # No disclaimer and no model call: the gateway answered at once.
    assert page.locator(".turn.assistant .disclaimer").count() == 0
    assert fake_ollama.chat_requests() == []

    console = new_page(f"{web_url}/console", name="console")
    connect_console(console)
    event = console.locator("#events li.event").first
    expect(event).to_contain_text(STROKE_ZH)
    expect(event.locator(".event-category")).to_have_text("stroke")
    expect(event.locator(".badge.emergency")).to_have_text("Emergency")
    expect(event).to_contain_text("portal-a")
    assert STROKE_ZH not in event.locator(".event-meta").inner_text()  # only the keyed ref
    expect(console.locator('#stats dd[data-group="emergencies"]')).to_contain_text("stroke: ")
    expect(console.locator("#events-empty")).to_be_hidden()


@pytest.mark.browser
@browser_test
def test_console_reload_index_dependencies_and_counters(
    web_url: str, new_page: Callable[..., Page], expect: Any
) -> None:
    page = new_page(f"{web_url}/console", name="console")
    connect_console(page)
    expect(page.locator("#index-status")).to_contain_text("Loaded")
    expect(page.locator("#ready")).to_have_text("Ready")
    deps = page.locator("#deps li")
    expect(deps).to_have_count(5)  # redis, ollama, model, knowledge and the one Ollama host
    for name in ("redis", "ollama", "model", "knowledge"):
        expect(page.locator("#deps")).to_contain_text(name)
    expect(page.locator('#stats dd[data-group="requests"]')).to_contain_text("2xx: ")
    expect(page.locator("#events-empty")).to_be_visible()

    page.click("#reload")
    result = page.locator("#reload-result")
    expect(result).to_contain_text("Reloaded: ")
    status = httpx.get(
        f"{web_url}/v1/admin/index", headers={"Authorization": f"Bearer {ADMIN_KEY}"}
    ).json()
    manifest = status["manifest"]
    expect(result).to_contain_text(manifest["build_id"])
    expect(result).to_contain_text(f"Chunks {manifest['chunks']}")
    page.click("#manifest-box summary")
    expect(page.locator("#manifest")).to_be_visible()
    expect(page.locator("#manifest")).to_contain_text(
        f'"content_hash": "{manifest["content_hash"]}"'
    )
    assert page.locator("#reload").is_enabled()


@pytest.mark.browser
@browser_test
def test_errors_show_the_problem_detail(
    web_url: str,
    fake_ollama: FakeOllama,
    new_page: Callable[..., Page],
    expect: Any,
    request: pytest.FixtureRequest,
) -> None:
    # The browser logs each refused request; those are expected here.
    request.node.expected_console_errors = ("401", "403")
    page = new_page(f"{web_url}/", name="patient")
    ask(page, "Is ibuprofen OK with a cold?", key="wrong-key-0123456789abcdef")
    error = page.locator(".turn.assistant .error")
    expect(error).to_contain_text("(401): the API key is not valid")
    assert error.get_attribute("role") == "alert"
    assert page.input_value("#message") == "Is ibuprofen OK with a cold?"  # kept to retry
    assert fake_ollama.chat_requests() == []

    console = new_page(f"{web_url}/console", name="console")
    connect_console(console, key=API_KEY)  # a portal key, not an admin key
    expect(console.locator("#status")).to_contain_text("needs an admin key")


@pytest.mark.browser
@browser_test
def test_phone_width_has_no_horizontal_overflow(
    web_url: str, fake_ollama: FakeOllama, new_page: Callable[..., Page], expect: Any
) -> None:
    consult_api(web_url, "I have chest pain and my left arm is numb")  # an event for the console
    fake_ollama.script(Reply(content=["A long word: " + "x" * 120, " and a normal ending."]))
    page = new_page(f"{web_url}/", name="patient-375", width=PHONE_WIDTH)
    no_horizontal_overflow(page)
    page.click('button.lang[data-lang="zh"]')  # the longer labels; the console follows
    ask(page, "My child has a fever of 38.5, what should I do?")
    expect(page.locator(".turn.assistant.done")).to_be_visible()
    ask(page, STROKE_ZH)
    expect(page.locator(".emergency-banner")).to_be_visible()
    no_horizontal_overflow(page)

    console = new_page(f"{web_url}/console", name="console-375", width=PHONE_WIDTH)
    assert console.evaluate("document.documentElement.lang") == "zh-CN"
    connect_console(console)
    expect(console.locator("#events li.event")).to_have_count(2)
    console.click("#reload")
    expect(console.locator("#reload-result.ok")).to_contain_text("已重新加载")
    console.click("#manifest-box summary")
    no_horizontal_overflow(console)


LABELS_JS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(e => e.type !== 'hidden')
    .map(e => ({id: e.id, labels: [...e.labels].map(l => l.textContent.trim())}))"""
BUTTONS_JS = """() => [...document.querySelectorAll('button')]
    .map(b => (b.getAttribute('aria-label') || b.textContent).trim())"""


@pytest.mark.browser
@browser_test
def test_every_control_is_labelled_in_both_languages_and_keyboard_usable(
    web_url: str, fake_ollama: FakeOllama, new_page: Callable[..., Page], expect: Any
) -> None:
    for path, name in (("/", "patient"), ("/console", "console")):
        page = new_page(f"{web_url}{path}", name=name)
        for language in ("en", "zh"):
            page.click(f'button.lang[data-lang="{language}"]')
            assert page.evaluate("document.documentElement.lang").startswith(language)
            controls = page.evaluate(LABELS_JS)
            assert controls, path
            for control in controls:
                assert control["labels"] and all(control["labels"]), (path, language, control)
            assert all(page.evaluate(BUTTONS_JS)), (path, language)
        # Still in Chinese: the labels are translated.
        first = page.evaluate(LABELS_JS)[0]["labels"][0]
        assert first in ("API 密钥", "管理员密钥"), first
        page.click('button.lang[data-lang="en"]')

    page = new_page(f"{web_url}/", name="patient-keyboard")
    # Tab from the top reaches a control with a visible focus ring.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), outline
    # Shift+Enter adds a line; Enter sends.
    page.fill("#api-key", API_KEY)
    page.focus("#message")
    page.keyboard.type("first line")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("second line")
    assert page.input_value("#message") == "first line\nsecond line"
    assert page.locator(".turn").count() == 0
    page.keyboard.press("Enter")
    expect(page.locator(".turn.assistant.done")).to_be_visible()
    expect(page.locator(".turn.user .text")).to_have_text("first line\nsecond line")


@pytest.mark.browser
@browser_test
def test_dev_key_is_prefilled(
    web_factory: Callable[..., str], new_page: Callable[..., Page], expect: Any
) -> None:
    url = web_factory(ui_prefill_key=API_KEY)
    assert httpx.get(f"{url}/v1/ui-config").json() == {"prefill_key": API_KEY}
    page = new_page(f"{url}/", name="patient-prefilled")
    expect(page.locator("#api-key")).to_have_value(API_KEY)
    assert page.evaluate("sessionStorage.getItem('pg.apiKey')") == API_KEY


# -- the JSON routes behind the pages (no browser) -------------------------------------------


def test_pages_and_static_files_are_served(web_url: str) -> None:
    for path, kind in (
        ("/", "text/html"),
        ("/console", "text/html"),
        ("/static/app.js", "text/javascript"),
        ("/static/console.js", "text/javascript"),
        ("/static/style.css", "text/css"),
    ):
        r = httpx.get(f"{web_url}{path}")
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith(kind), path
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    for path in ("/static/missing.js", "/static/..%2Fweb.py", "/static/.hidden.js"):
        r = httpx.get(f"{web_url}{path}")
        assert r.status_code == 404, path
        assert r.headers["content-type"] == "application/problem+json"


def test_ui_config_without_a_prefill_key(web_url: str) -> None:
    r = httpx.get(f"{web_url}/v1/ui-config")
    assert r.status_code == 200
    assert r.json() == {"prefill_key": None}
    assert r.headers["cache-control"] == "no-store"


def test_admin_stats_needs_an_admin_key_and_counts(web_url: str) -> None:
    url = f"{web_url}/v1/admin/stats"
    assert httpx.get(url).status_code == 401
    assert (
        httpx.get(url, headers={"Authorization": "Bearer nope-0123456789abcdef"}).status_code == 401
    )
    assert httpx.get(url, headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 403
    before = httpx.get(url, headers={"Authorization": f"Bearer {ADMIN_KEY}"}).json()
    consult_api(web_url, STROKE_ZH, patient="stats-1")
    consult_api(web_url, "my phone is 415-555-0132, I have a mild cough", patient="stats-2")
    after = httpx.get(url, headers={"Authorization": f"Bearer {ADMIN_KEY}"}).json()
    assert set(after) == {
        "requests",
        "consultations",
        "emergencies",
        "redactions",
        "upstream_errors",
        "degraded",
    }

    def by(stats: dict[str, Any], group: str, key: str) -> float:
        return float(stats[group]["by"].get(key, 0))

    assert by(after, "emergencies", "stroke") == by(before, "emergencies", "stroke") + 1
    assert by(after, "consultations", "2xx") == by(before, "consultations", "2xx") + 2
    assert by(after, "requests", "4xx") >= 2  # the refused stats requests above
    assert after["redactions"]["total"] > before["redactions"]["total"]
    for group in after.values():
        assert group["total"] == sum(group["by"].values())

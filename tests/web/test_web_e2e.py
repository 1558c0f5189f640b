"""The web UI in a real browser: Debian's chromium driven by Playwright for Python, against a
server this test starts on a free loopback port over a hand-made store.

Never `playwright install`: the browser is /usr/bin/chromium (`make test` installs it with
apt-get when it is missing). With DRAGOMAN_SCREENSHOTS=1 each page is saved into docs/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.paths import ROOT
from tests.fixtures.web_records import build_store

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = os.environ.get("DRAGOMAN_SCREENSHOTS") == "1"
ANNOUNCED = "2021-03-09-anchorage-talks-announced"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)",
                allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def base_url(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the hand-made store, on each backend: the pages must not differ."""
    if request.param == "postgresql":
        store = build_store(request.getfixturevalue("postgres_server").database())
    else:
        store = build_store(tmp_path_factory.mktemp("e2e") / "web.db")
    yield from _serve(store)


def _serve(store: Path | str) -> Iterator[str]:
    """Serve the store on a free loopback port until the generator is closed."""
    import uvicorn

    from dragoman.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(store)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A page that fails the test on a script error or a request leaving loopback."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    opened = context.new_page()
    errors: list[str] = []
    remote: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("request", lambda request: None if request.url.startswith(
        (base_url, "data:")) else remote.append(request.url))
    yield opened
    context.close()
    assert not errors, f"script errors: {errors}"
    assert not remote, f"requests leaving the machine: {remote}"


def screenshot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        (ROOT / "docs").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "docs" / f"web-{name}.png"), full_page=True)


def submit(page: Any, form: str = "form.filters") -> None:
    with page.expect_navigation():
        page.click(f"{form} button")


def chart_drawn(page: Any, selector: str) -> int:
    """Wait for the chart to be drawn; the number of marks (bars, points) in it."""
    page.wait_for_selector(f'{selector}[data-rendered="1"]', timeout=15_000)
    count: int = page.locator(f"{selector} .point").count()
    return count


def test_overview_shows_counts_pairs_and_speakers(page: Any) -> None:
    page.goto("/")
    assert page.locator(".count strong").first.inner_text() == "7"
    assert page.locator("table.pairs a").first.inner_text() == "CHNGOV – USA"
    assert "Dana Whitfield" in page.locator("ol.speakers").first.inner_text()
    screenshot(page, "overview")


def test_search_with_filters_and_open_an_article(page: Any) -> None:
    page.goto("/search")
    page.fill("form.search input[name=q]", "sanctions")
    submit(page, "form.search")
    titles = page.locator(".result .title").all_inner_texts()
    assert "US sanctions Chinese technology firms" in titles and len(titles) == 3
    page.fill("input[name=source]", "Metro Times")
    submit(page, "form.search")
    assert page.locator(".result").count() == 1
    assert "copy of" in page.locator(".result").inner_text()
    page.fill("input[name=source]", "")
    page.fill("form.search input[name=q]", "Anchorage")
    page.select_option("select[name=type]", "ACCUSE")
    submit(page, "form.search")
    assert page.locator(".result .title").all_inner_texts() == [
        "Sharp words as Anchorage talks open"]
    assert page.locator(".snippet mark").first.inner_text() == "Anchorage"
    screenshot(page, "search")
    page.click(".result .title")
    page.wait_for_url("**/article/2021-03-19-anchorage-talks-open")
    assert page.locator("h1").inner_text() == "Sharp words as Anchorage talks open"


def test_quote_search_by_speaker(page: Any) -> None:
    page.goto("/search?show=quotes&actor=Whitfield")
    speakers = page.locator("table.quotes tbody tr td:nth-child(2)").all_inner_texts()
    assert speakers and all(s.startswith("Dana Whitfield") for s in speakers)


def test_article_highlights_and_the_quote_speaker(page: Any) -> None:
    page.goto(f"/article/{ANNOUNCED}")
    quote = page.locator("#k-q0")
    assert quote.get_attribute("data-speaker") == "Dana Whitfield"
    assert "by Dana Whitfield" in (quote.get_attribute("title") or "")
    quote.click()
    info = page.locator("#info")
    assert info.is_visible()
    assert "Speaker: Dana Whitfield" in info.inner_text()
    assert page.locator('#text .flash[data-k~="s0"]').count() >= 1   # the speaker's words
    assert page.locator("p.para.dup").count() == 1                      # the repeated ¶
    assert "DATE = 2021-03-18" in page.locator("#text .tx").first.get_attribute("title")
    assert page.locator("#text .ev").count() > 0
    page.locator('.records a[data-k="v1"]').click()                    # the REQUEST event
    assert page.locator('#text .flash[data-k~="v1"]').count() >= 1
    assert page.url.endswith("#k-v1")
    page.locator("#k-q0").click()
    screenshot(page, "article")


def test_pair_timeline_chart_events_and_quotes(page: Any) -> None:
    page.goto("/")
    page.click("text=CHN – USA")
    page.wait_for_url("**/pair/CHN/USA")
    assert chart_drawn(page, "#timeline") > 0
    assert page.locator("#timeline .barlayer .point").count() > 0     # the bars
    assert page.locator("#timeline .scatterlayer .trace").count() >= 1  # the score line
    # CHN → USA (the government's too), USA → CHN, and the talks and the deal done together
    assert page.locator("#forth + table.events tbody tr").count() == 3
    assert page.locator("#back + table.events tbody tr").count() == 1
    # (7: the talks, told as USA–CHN in one article and as their officials in the other,
    # are one event)
    assert page.locator("table.events tbody tr").count() == 7
    quoted = page.locator("table.quotes").inner_text()
    assert "Liu Wen" in quoted and "Dana Whitfield" in quoted and "Mei Hua" not in quoted
    screenshot(page, "pair")
    page.select_option("select[name=type]", "CONSULT")
    submit(page)
    # the March talks (one event for both articles) and the May phone call
    assert page.locator("table.events tbody tr").count() == 2
    assert chart_drawn(page, "#timeline") > 0


def test_actor_page(page: Any) -> None:
    page.goto("/actor/1")
    assert page.locator("h1").inner_text().startswith("Dana Whitfield")
    assert chart_drawn(page, "#timeline") > 0
    assert page.locator("table.quotes tbody tr").count() == 3
    screenshot(page, "actor")
    page.click("h1 a")                                   # her country's page
    page.wait_for_url("**/actor/USA")
    assert "CHN" in page.locator("ol.partners").inner_text()


def test_network_with_a_filter(page: Any) -> None:
    page.goto("/network")
    assert chart_drawn(page, "#network") == 6            # USA, USAGOV, CHN, CHNGOV, JPN, VNM
    screenshot(page, "network")
    page.select_option("select[name=type]", "AID")
    submit(page)
    assert chart_drawn(page, "#network") == 2
    assert page.locator("table.pairs tbody tr").all_inner_texts()[0].startswith("CHN – VNM")


def test_codes_have_their_label_on_hover_and_link_to_the_codes_page(page: Any) -> None:
    page.goto("/pair/USA/CHN")
    first = page.locator('table.events a.etype[href="/codes/CONSULT"]').first
    first.hover()
    assert first.get_attribute("title") == "PLOVER CONSULT: verbal cooperation"
    cameo = page.locator('table.events a.code[href="/codes/043"]').first
    assert cameo.get_attribute("title") == "CAMEO 043 Host a visit (PLOVER CONSULT:visit)"
    with page.expect_navigation():
        cameo.click()
    assert page.url.endswith("/codes/043")
    assert "Host a visit" in page.locator("h1").inner_text()
    screenshot(page, "code")
    page.goto("/codes")
    page.fill("form.filters input[name=q]", "leadership")
    submit(page)
    assert "Accede to demands for change in leadership" in page.locator("table.codes").first \
        .inner_text()


def test_api_docs_page_works_offline(page: Any) -> None:
    page.goto("/api/docs")
    assert page.locator("section.endpoint").count() >= 10
    assert "between" in page.locator("#-api-quotes").inner_text()
    screenshot(page, "api-docs")


def test_events_search_filters_sorts_counts_and_downloads_csv(page: Any) -> None:
    page.goto("/events")
    assert page.locator("p.total strong").inner_text() == "10"
    form = "form.events-search"
    page.fill(f"{form} input[name=actor]", "USA")
    submit(page, form)
    evidence = page.locator("table.events td.evidence").all_inner_texts()
    # USA acting, and the joint types with USA on either side (CONSULT, COOPERATE, AGREE)
    assert "The United States on Friday imposed sanctions on seven Chinese technology " \
           "companies" in evidence
    assert page.locator("p.total strong").inner_text() == str(len(evidence)) == "6"
    page.fill(f"{form} input[name=cameo]", "04")
    page.select_option(f"{form} select[name=sort]", "mentions")
    submit(page, form)
    rows = page.locator("table.events tbody tr")
    assert page.locator("p.total strong").inner_text() == "3"
    assert rows.first.locator("td.evidence").inner_text().startswith(
        "Secretary of State Dana Whitfield will meet")   # 2 mentions: first by mentions
    assert page.locator(f"{form} input[name=cameo]").input_value() == "04"   # kept
    assert page.locator("table.events th.optional").first.is_visible()
    screenshot(page, "events")
    page.set_viewport_size({"width": 800, "height": 900})   # the evidence keeps its room
    assert not page.locator("table.events th.optional").first.is_visible()
    assert page.locator("table.events td.evidence").first.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    csv_link = page.locator("a.csv", has_text="CSV of the result")
    body = page.request.get(csv_link.get_attribute("href")).text()
    lines = body.strip().splitlines()
    assert lines[0].startswith("id,event,") and len(lines) == 1 + 3
    assert "Secretary of State Dana Whitfield will meet" in lines[1]
    page.goto("/events?cameo=19x")
    assert "first 1 to 4 digits of a CAMEO event code" in page.locator(".error").inner_text()


def test_bad_filter_shows_the_message(page: Any) -> None:
    response = page.goto("/network?since=2021-02-30")
    assert response.status == 400
    assert "expected a date YYYY-MM-DD" in page.locator(".error").inner_text()


@pytest.mark.parametrize("path", ["/", "/actor/USA", "/pair/USA/CHN", "/network",
                                  f"/article/{ANNOUNCED}", "/search?q=talks", "/api/docs",
                                  "/codes", "/events?sort=sources"])
def test_pages_work_under_their_content_security_policy(page: Any, path: str) -> None:
    """The CSP (guard.py) blocks nothing the pages need: a violation names what to admit."""
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP: ' + e.effectiveDirective + ' ' + e.sourceFile "
                         "+ ':' + e.columnNumber))")
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text or "CSP:" in message.text else None)
    response = page.goto(path)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    if path in ("/actor/USA", "/pair/USA/CHN", "/network"):
        page.wait_for_selector('[data-rendered="1"]', timeout=15_000)
    page.wait_for_timeout(200)
    assert not blocked, blocked


@pytest.fixture(scope="module")
def war_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the civil war of tests/fixtures/civil_war.py (and the talks)."""
    from tests.fixtures import civil_war

    yield from _serve(build_store(tmp_path_factory.mktemp("war") / "war.db",
                                  civil_war.records()))


def test_the_pair_of_a_government_and_its_rebels(browser: Any, war_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=war_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/network")
    page.click("table.pairs a:has-text('LBYGOV – LBYREB')")
    page.wait_for_url("**/pair/LBYGOV/LBYREB")
    assert "Libya, government" in page.locator("h1").inner_text()
    assert chart_drawn(page, "#timeline") > 0
    forth = page.locator("#forth + table.events").inner_text()
    assert "Omar Haddad shelled rebel positions" in forth and "Rebels attacked" not in forth
    back = page.locator("#back + table.events").inner_text()
    assert "Rebels attacked government troops" in back and "accused the government" in back
    screenshot(page, "pair-codes")
    context.close()
    assert not errors, f"script errors: {errors}"

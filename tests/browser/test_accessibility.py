"""axe-core (WCAG 2.2 A and AA rules) on every page type, error states included, at two
widths and in both colour schemes."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from tests.browser.journeys import choose_with_mouse
from tests.data import GOLDEN, GOLDEN_2, SAMPLE_ANSWERS

CODES_2 = {entry["name"]: entry["code"] for entry in GOLDEN_2["codes"]}

pytestmark = pytest.mark.browser

WCAG = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}
AXE = Axe()
ADVISOR = Advisor(load_content())


def _landing(page: Page, base: str) -> None:
    page.goto(base + "/")


def _first_step(page: Page, base: str) -> None:
    page.goto(base + "/start")


def _checkbox_step(page: Page, base: str) -> None:
    page.goto(base + "/start")
    choose_with_mouse(page, "team", "python")
    choose_with_mouse(page, "scale", "small")


def _step_with_error(page: Page, base: str) -> None:
    page.goto(base + "/start")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _too_many_priorities(page: Page, base: str) -> None:
    page.goto(base + "/start")
    for question in ("team", "scale", "workloads", "frontend", "unified_stack"):
        choose_with_mouse(page, question, SAMPLE_ANSWERS["python"][question])
    choose_with_mouse(
        page, "priorities", ["maintainability", "debugging", "libraries", "ml_serving"]
    )
    expect(page.locator(".error-summary")).to_be_visible()


def _session_lost(page: Page, base: str) -> None:
    page.goto(base + "/questions/frontend")
    expect(page.locator(".notice")).to_be_visible()


def _check(page: Page, base: str) -> None:
    page.goto(f"{base}/edit/{ADVISOR.recommend(SAMPLE_ANSWERS['nodejs']).code}")
    expect(page.locator("h1")).to_have_text("Edit these answers?")
    page.get_by_role("button", name="Edit these answers").click()
    expect(page.locator("h1")).to_have_text("Check your answers")


def _result(name: str) -> Callable[[Page, str], None]:
    code = ADVISOR.recommend(SAMPLE_ANSWERS[name]).code  # the journeys walk to it

    def open_result(page: Page, base: str) -> None:
        page.goto(f"{base}/r/{code}")

    return open_result


def _code(code: str) -> Callable[[Page, str], None]:
    def open_code(page: Page, base: str) -> None:
        page.goto(f"{base}/r/{code}")

    return open_code


def _team(codes: str) -> Callable[[Page, str], None]:
    def open_team(page: Page, base: str) -> None:
        page.goto(f"{base}/t/{codes}")

    return open_team


def _methodology(page: Page, base: str) -> None:
    page.goto(base + "/methodology")


def _not_found(page: Page, base: str) -> None:
    page.goto(base + "/r/notacode")


def _confirm(page: Page, base: str) -> None:
    page.goto(f"{base}/t/{CODES_2['python-ml-team']}/add")
    expect(page.locator("h1")).to_have_text("Join this team of 1?")


def _csrf_failure(page: Page, base: str) -> None:
    page.goto(base + "/start")
    page.locator("input[name=csrf_token]").evaluate("el => el.remove()")
    page.locator("label[for=team]").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Something in that request was not right")


PAGES = {
    "landing": _landing,
    "step-radio": _first_step,
    "step-checkbox": _checkbox_step,
    "step-error": _step_with_error,
    "step-error-limit": _too_many_priorities,
    "session-lost": _session_lost,
    "check": _check,
    "confirm": _confirm,
    "result-python": _result("python"),
    "result-nodejs": _result("nodejs"),
    "result-either": _result("either"),
    "result-close-call-two-plans": _code(CODES_2["close-call-scores"]),
    "result-with-service-and-tensions": _code(CODES_2["everything"]),
    "result-ruleset-1": _code(GOLDEN["codes"][0]["code"]),
    "team-of-two": _team("-".join(CODES_2[n] for n in ("python-ml-team", "close-call-scores"))),
    "team-of-three": _team("-".join(list(CODES_2.values())[:3])),
    "methodology": _methodology,
    "not-found": _not_found,
    "csrf-failure": _csrf_failure,
}


def scan(page: Page) -> AxeResults:
    """axe-core on the page as it is now (injected once per page load)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.axe_script)
    return AxeResults(page.evaluate(f"axe.run(document, {json.dumps(WCAG)})"))


def _violations(browser: Browser, open_page: Callable[[Page, str], None], base: str) -> list[str]:
    """axe's reports for a page at 390 and 1280 px, in the light and the dark colour scheme."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    open_page(page, base)
    reports = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            results = scan(page)
            if results.violations_count:
                reports.append(f"{scheme}, {width} px:\n{results.generate_report()}")
    context.close()
    return reports


@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(browser: Browser, live_server: str, name: str) -> None:
    """Each page type at 390 and 1280 px, in the light and the dark colour scheme."""
    reports = _violations(browser, PAGES[name], live_server)
    assert not reports, "\n".join(reports)


# The page types reached without clicking English words, opened under /nl and /fr.
TRANSLATED = [
    "landing",
    "step-radio",
    "session-lost",
    "result-python",
    "result-either",
    "result-close-call-two-plans",
    "result-with-service-and-tensions",
    "team-of-three",
    "methodology",
    "not-found",
]


@pytest.mark.parametrize("language", ["nl", "fr"])
@pytest.mark.parametrize("name", TRANSLATED)
def test_no_axe_violations_in_dutch_and_french(
    browser: Browser, live_server: str, name: str, language: str
) -> None:
    reports = _violations(browser, PAGES[name], f"{live_server}/{language}")
    assert not reports, "\n".join(reports)


def test_the_scan_finds_a_planted_violation(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.evaluate(
        "() => { const p = document.createElement('p'); p.textContent = 'faint';"
        " p.style.color = '#f4f4f4'; document.querySelector('main').append(p); }"
    )
    assert scan(page).violations_count == 1

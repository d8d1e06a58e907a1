"""The pages at 320, 390 and 1280 px, in light and dark, and printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.journeys import open_page
from tests.data import GOLDEN, GOLDEN_2, STRENGTH_IDS

pytestmark = pytest.mark.browser

CODES_2 = {entry["name"]: entry["code"] for entry in GOLDEN_2["codes"]}
PAGES = {
    "landing": "/",
    "step": "/start",
    "check": f"/edit/{CODES_2['everything']}",
    "confirm": f"/t/{CODES_2['python-ml-team']}/add",
    "result-python": f"/r/{CODES_2['python-ml-team']}",
    "result-nodejs": f"/r/{CODES_2['nodejs-with-python-models']}",
    "result-close-call": f"/r/{CODES_2['close-call-scores']}",
    "result-everything": f"/r/{CODES_2['everything']}",
    "result-ruleset-1": f"/r/{GOLDEN['codes'][0]['code']}",
    "team": f"/t/{CODES_2['python-ml-team']}-{CODES_2['nodejs-realtime-one-language']}",
    "methodology": "/methodology",
    "not-found": "/r/nope",
}
TYPICAL = ["result-python", "result-nodejs"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_reflows_at_320_px_and_is_captured(
    browser: Browser, live_server: str, shots: Path, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700}, color_scheme=scheme)
    page = context.new_page()
    wide = []
    for name, path in PAGES.items():
        open_page(page, live_server, path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append(f"{name}: {overflow} px")
        page.screenshot(path=shots / f"layout-320-{scheme}-{name}.png", full_page=True)
    context.close()
    assert not wide, f"horizontal scrolling at 320 px: {wide}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_every_page_type(
    browser: Browser, live_server: str, shots: Path, scheme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for name, path in PAGES.items():
        open_page(page, live_server, path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
        page.screenshot(path=shots / f"layout-{width}-{scheme}-{name}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("name", TYPICAL)
def test_what_would_change_it_is_within_two_phone_screens(
    browser: Browser, live_server: str, name: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server + PAGES[name])
    top = page.locator("#change-title").evaluate("el => el.getBoundingClientRect().top")
    assert top < 2 * 844, f"'What would change it' starts at {top:.0f} px"
    context.close()


@pytest.mark.parametrize("name", [n for n in PAGES if n.startswith("result")])
def test_no_strength_id_in_the_visible_text(browser: Browser, live_server: str, name: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server + PAGES[name])
    for details in page.locator("details").all():
        details.evaluate("el => { el.open = true; }")  # folded sources count too
    text = page.locator("body").inner_text()
    assert not [strength for strength in STRENGTH_IDS if strength in text]
    context.close()


def test_printed_result_shows_its_permalink_and_fits_the_page(
    browser: Browser, live_server: str, shots: Path
) -> None:
    context = browser.new_context(viewport={"width": 720, "height": 1000})
    page = context.new_page()
    page.goto(live_server + PAGES["result-everything"])
    page.emulate_media(media="print")
    permalink = page.locator(".print-only")
    expect(permalink).to_be_visible()
    expect(permalink).to_contain_text(f"{live_server}{PAGES['result-everything']}")
    expect(page.locator(".share")).to_be_hidden()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "printed text runs past the page"
    page.screenshot(path=shots / "layout-print-result-everything.png", full_page=True)
    context.close()


def test_chart_text_is_at_least_12_px_on_a_phone(browser: Browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server + PAGES["result-everything"])
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart text')].map(text => {
            const scale = text.getScreenCTM().a;
            return parseFloat(getComputedStyle(text).fontSize) * scale;
        })"""
    )
    context.close()
    assert sizes and min(sizes) >= 12, f"smallest chart text {min(sizes):.1f} px"


def test_a_chart_with_no_points_has_no_line_through_its_text(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/r/{CODES_2['close-call-fallback']}")
    expect(page.locator("svg.chart text", has_text="No answer moved")).to_be_visible()
    expect(page.locator("svg.chart line")).to_have_count(0)
    context.close()


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (390, False)])
def test_a_team_of_two_reads_as_a_comparison(
    browser: Browser, live_server: str, width: int, side_by_side: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server + PAGES["team"])
    first, second = (page.locator(".member").nth(i).bounding_box() for i in range(2))
    assert first and second
    if side_by_side:
        assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"]
    else:
        assert second["y"] >= first["y"] + first["height"]
    context.close()

"""The pages at 320, 390 and 1280 px, in light and dark, and printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.journeys import open_page
from tests.data import GOLDEN, GOLDEN_2, GOLDEN_3, GOLDEN_4, STRENGTH_IDS

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


PHONE = {"width": 390, "height": 844}
CODES_3 = {entry["name"]: entry["code"] for entry in GOLDEN_3["codes"]}
# A JavaScript team with ML and real-time work: back end, front end and a Python service.
THREE_PARTS = CODES_3["javascript-team-python-service-owner"]
# Three people who name three different team languages: a tie the team must settle.
SPLIT_TEAM = "-".join(
    CODES_2[name] for name in ("python-ml-team", "nodejs-realtime-one-language", "close-call-team")
)


def _bottom(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => e.getBoundingClientRect().bottom"))


def _top(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_and_teams_decide_in_one_phone_screen(
    browser: Browser, live_server: str, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{live_server}/r/{CODES_2['close-call-scores']}")
    assert _bottom(page, ".lean-plan") <= 844, "a close call's leaning plan is below the fold"
    assert _top(page, "#change-title") < 2 * 844
    for name in TYPICAL:
        page.goto(live_server + PAGES[name])
        assert _bottom(page, ".stack-text") <= 844
        assert _top(page, "#change-title") < 2 * 844
    page.goto(f"{live_server}/r/{THREE_PARTS}")
    assert page.locator(".plan-parts > li").count() == 3
    assert _top(page, "#change-title") < 2 * 844, "three-part plan: changes too far down"
    page.goto(f"{live_server}/t/{SPLIT_TEAM}")
    assert "leans to" in page.locator(".verdict .lead").first.inner_text()
    assert _bottom(page, ".verdict .lead") <= 844, "the team's lean is below the fold"
    # The plan's summary is in the first screen (below); its parts follow what to settle.
    assert _bottom(page, ".verdict .lean-plan") <= 844, "the team's plan is below the fold"
    assert _top(page, "#plan-title") < 3 * 844, "the team's plan is past three screens"
    context.close()


CODES_4 = {entry["name"]: entry["code"] for entry in GOLDEN_4["codes"]}
TEAM_OF_SIX = "-".join(
    CODES_4[name]
    for name in (
        "python-ml-team",
        "nodejs-realtime-one-language",
        "close-call-scores",
        "everything",
        "python-pages",
        "javascript-team-python-service-owner",
    )
)
AGREEING_PAIR = f"{CODES_4['python-pages']}-{CODES_4['python-pages']}"


@pytest.mark.parametrize("language", ["", "/nl", "/fr"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_teams_first_screen_holds_its_outcomes_lean_and_plan(
    browser: Browser, live_server: str, shots: Path, scheme: str, language: str
) -> None:
    """At 390 x 844: how the members came out, the lean and the plan's summary are in the
    first screen of a split team of three and a team of six; no team page scrolls
    sideways; a pair that agrees is not asked to settle anything."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    for name, codes in (("split-3", SPLIT_TEAM), ("six", TEAM_OF_SIX)):
        open_page(page, live_server, f"{language}/t/{codes}")
        for selector in (".outcomes", ".verdict-title", ".verdict .lean-plan"):
            assert _bottom(page, selector) <= 844, f"{name}: {selector} below the first screen"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways"
        page.screenshot(path=shots / f"team-{name}-{scheme}{language.replace('/', '-')}.png")
    open_page(page, live_server, f"{language}/t/{AGREEING_PAIR}")
    assert page.locator("#settle-title").count() in (0, 1)
    assert not page.locator(".unsettled").count()
    assert page.locator(".disagreements").count() == 0
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
    header = page.locator(".answer-grid thead th")
    first, second = (header.nth(i).bounding_box() for i in (1, 2))
    assert first and second
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"]  # side by side
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert side_by_side or width == 390
    context.close()


CONTRAST = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const channel = v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const backdrop = node => {
    for (; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  if (el.matches('.choice-input')) {  // the visible control is its label's box
    const box = getComputedStyle(el.nextElementSibling, '::before');
    const border = ratio(rgb(box.borderTopColor).slice(0, 3), backdrop(el.parentElement));
    const wide = parseFloat(box.borderTopWidth) >= 4;
    return {text: 21, ring: wide ? border : 0, name: 'INPUT ' + el.value};
  }
  const style = getComputedStyle(el);
  const text = ratio(rgb(style.color).slice(0, 3), backdrop(el));
  const around = backdrop(el.parentElement);
  let ring = 0;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    ring = ratio(rgb(style.outlineColor).slice(0, 3), around);
  }
  const own = backdrop(el);
  if (own.join() !== around.join()) ring = Math.max(ring, ratio(own, around));
  for (const shadow of (style.boxShadow.match(/rgba?\\([^)]*\\)/g) || [])) {
    ring = Math.max(ring, ratio(rgb(shadow).slice(0, 3), around));
  }
  return {text, ring, name: el.tagName + ' ' + (el.textContent || el.id || '').trim().slice(0, 30)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focus_state_is_readable_and_visible(
    browser: Browser, live_server: str, scheme: str
) -> None:
    # axe does not check focus: tab through each page type and measure what is focused
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    weak = []
    for name in ("landing", "step", "result-close-call", "team", "methodology"):
        open_page(page, live_server, PAGES[name])
        for _ in range(40):
            page.keyboard.press("Tab")
            found = page.evaluate(
                f"() => document.activeElement && ({CONTRAST})(document.activeElement)"
            )
            if not found or found["name"].startswith("BODY"):
                break
            if found["text"] < 4.5 or found["ring"] < 3:
                weak.append(f"{name}: {found}")
    context.close()
    assert not weak, weak[:5]


TARGETS = (
    ".nav-list a, .summary-list dd a, .cites > summary, .cites a, .toc a, .member-list a, .citation"
)
TARGET_PAGES = {
    "methodology": "/methodology",
    "check": f"/edit/{CODES_2['everything']}",
    "result": f"/r/{CODES_4['everything']}",
    "team": f"/t/{TEAM_OF_SIX}",
}


@pytest.mark.parametrize("language", ["", "/nl", "/fr"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "laptop"]
)
def test_targets_citations_and_the_methodology_fit_every_screen(
    browser: Browser, live_server: str, scheme: str, language: str, viewport: dict[str, int]
) -> None:
    """Every link or control that is not a word in a sentence is at least 24 px each way;
    every citation link lands on its bullet (a text fragment); the methodology has a table
    of contents and no table wider than the page."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    for name, path in TARGET_PAGES.items():
        open_page(page, live_server, language + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        small = page.evaluate(
            """selector => [...document.querySelectorAll(selector)]
                .map(e => e.getBoundingClientRect())
                .filter(r => r.width > 0 && (r.height < 24 || r.width < 24))
                .map(r => [Math.round(r.width), Math.round(r.height)])""",
            TARGETS,
        )
        assert not small, f"{name}: targets under 24 px: {small[:5]}"
        links = page.locator(".cites a")
        for index in range(links.count()):
            assert ":~:text=" in (links.nth(index).get_attribute("href") or "")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways"
    open_page(page, live_server, language + "/methodology")
    assert page.locator(".toc a").count() == 5
    wide = page.evaluate(
        "[...document.querySelectorAll('table')].filter(t => t.scrollWidth > "
        "document.documentElement.clientWidth).length"
    )
    assert wide == 0
    context.close()


@pytest.mark.parametrize("name", ["result", "team"])
def test_print_keeps_the_link_and_leaves_nothing_out_unsaid(
    browser: Browser, live_server: str, name: str
) -> None:
    """Printed, a result and a team carry their link; folded changes and citations are
    printed rather than dropped."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_page(page, live_server, TARGET_PAGES[name])
    page.emulate_media(media="print")
    link = page.locator(".print-only").first
    assert link.is_visible()
    assert ("/t/" if name == "team" else "/r/") in link.inner_text()
    for selector in (".more-changes li", ".cites li"):
        items = page.locator(selector)
        hidden = [i for i in range(items.count()) if not items.nth(i).is_visible()]
        assert not hidden, f"{selector}: {len(hidden)} of {items.count()} not printed"
    context.close()
